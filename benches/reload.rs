//! Reload latency of `tongwen serve`: the time from saving a content file to the answer of
//! the long-poll an open page holds, on the repository's example site and on a synthetic
//! site (`TONGWEN_BENCH_FILES` content files, 2,000 unless told). Uses the release binary:
//! `cargo bench --bench reload`. Prints the median and p90 of each site's edits.
#![allow(clippy::print_stdout)] // the report is what this program is for

#[path = "support/many_pages.rs"]
mod many_pages;

use std::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Measured edits per site, after the warm-up ones.
const EDITS: usize = 20;
const WARM_UP: usize = 2;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    let files = match std::env::var("TONGWEN_BENCH_FILES") {
        Ok(n) => n.parse()?,
        Err(_) => 2000,
    };
    let example = tempfile::tempdir()?;
    copy_example(example.path())?;
    let small = measure(
        example.path(),
        "content/stories/xijin-gudu.md",
        "stories/xijin-gudu/",
    )?;
    small.print("example site", Duration::from_millis(100));

    let synthetic = tempfile::tempdir()?;
    let edited = many_pages::write_site(synthetic.path(), files)?;
    let large = measure(synthetic.path(), &edited, "stories/story-0000/")?;
    large.print(
        &format!("synthetic site, {files} content files"),
        Duration::from_secs(1),
    );
    Ok(())
}

/// The repository's own site: site.yaml and the folders a site is made of.
fn copy_example(to: &Path) -> Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.yaml"), to.join("site.yaml"))?;
    for folder in ["content", "static", "themes"] {
        if repo.join(folder).is_dir() {
            copy_dir(&repo.join(folder), &to.join(folder))?;
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// What one site measured.
struct Figures {
    /// From the write to the poll's answer, one per measured edit, sorted.
    latencies: Vec<Duration>,
    /// The rebuild times serve printed for the same edits (`用时 N 毫秒`), sorted.
    rebuilds: Vec<u64>,
    first_build: String,
    /// Serve's resident memory after the edits and its peak (`VmRSS`, `VmHWM` of
    /// /proc/PID/status), where the system reports them.
    memory: Option<String>,
}

impl Figures {
    fn print(&self, site: &str, target: Duration) {
        let median = nearest_rank(&self.latencies, 50);
        let p90 = nearest_rank(&self.latencies, 90);
        let verdict = if median <= target { "meets" } else { "MISSES" };
        println!("reload latency, {site} ({} edits)", self.latencies.len());
        println!("  first build: {}", self.first_build);
        if let Some(memory) = &self.memory {
            println!("  serve's memory after the edits: {memory}");
        }
        println!(
            "  write → poll answer: median {} ms, p90 {} ms, min {} ms, max {} ms ({verdict} the median target of {} ms)",
            median.as_millis(),
            p90.as_millis(),
            self.latencies.first().map_or(0, Duration::as_millis),
            self.latencies.last().map_or(0, Duration::as_millis),
            target.as_millis()
        );
        if !self.rebuilds.is_empty() {
            let median = nearest_rank(&self.rebuilds, 50);
            println!("  of which the rebuild (as serve printed it): median {median} ms");
        }
    }
}

/// The `p`th percentile of sorted `values`, nearest-rank.
fn nearest_rank<T: Copy + Default>(values: &[T], p: usize) -> T {
    let rank = (values.len() * p).div_ceil(100).max(1);
    values.get(rank - 1).copied().unwrap_or_default()
}

/// Serves `root`, then edits `file` `WARM_UP + EDITS` times while a poll waits.
fn measure(root: &Path, file: &str, page: &str) -> Result<Figures> {
    let serve = Serve::start(root)?;
    let first_build = serve.lines().join(" / ");
    let path = root.join(file);
    let original = std::fs::read_to_string(&path)?;
    let mut latencies = Vec::new();
    for n in 0..WARM_UP + EDITS {
        // The open page is served before the rest of the rebuild is done: a save is made
        // only after the previous rebuild has ended, as a writer saves seconds apart.
        serve.wait_for_rebuilds(1 + n)?;
        let marker = format!("bench-edit-{n}");
        let latency = serve.edit(&path, &format!("{original}\n\n{marker}\n"), page, &marker)?;
        if n >= WARM_UP {
            latencies.push(latency);
        }
    }
    latencies.sort();
    let mut rebuilds: Vec<u64> = serve
        .lines()
        .iter()
        .filter_map(|line| line.split("用时 ").nth(1)?.split(' ').next()?.parse().ok())
        .skip(1 + WARM_UP)
        .collect();
    rebuilds.sort();
    Ok(Figures {
        latencies,
        rebuilds,
        first_build,
        memory: serve.memory(),
    })
}

/// A running `tongwen serve --port 0`, its output kept line by line.
struct Serve {
    child: Child,
    addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    fn start(root: &Path) -> Result<Serve> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tongwen"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut reader = BufReader::new(stdout).lines();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let addr = loop {
            let line = reader
                .next()
                .ok_or("serve exited before printing its address")??;
            if let Some(rest) = line.strip_prefix("预览地址：http://") {
                break rest.split('/').next().ok_or("no address")?.parse()?;
            }
            lock(&lines).push(line);
        };
        let kept = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in reader.map_while(std::result::Result::ok) {
                lock(&kept).push(line);
            }
        });
        Ok(Serve { child, addr, lines })
    }

    /// Waits until serve has printed the end of `count` builds (`用时 N 毫秒`).
    fn wait_for_rebuilds(&self, count: usize) -> Result<()> {
        let started = Instant::now();
        while self.lines().iter().filter(|l| l.contains("用时 ")).count() < count {
            if started.elapsed() > Duration::from_secs(120) {
                return Err("serve did not finish its rebuild".into());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(())
    }

    /// Resident and peak resident memory, as /proc/PID/status reports them.
    fn memory(&self) -> Option<String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib / 1024)
        };
        Some(format!(
            "resident {} MiB, peak {} MiB",
            field("VmRSS:")?,
            field("VmHWM:")?
        ))
    }

    fn lines(&self) -> Vec<String> {
        lock(&self.lines).clone()
    }

    /// Holds a long-poll open, writes `text`, and returns the time until the poll answers
    /// with a generation whose `page` shows `marker`.
    fn edit(&self, path: &Path, text: &str, page: &str, marker: &str) -> Result<Duration> {
        let mut since = self.generation()?;
        // The poll names its page, as the reload script of an open tab does.
        let named = format!("&page=%2F{}", page.replace('/', "%2F"));
        let mut poll = self.send(&format!("/__tongwen/poll?since={since}{named}"))?;
        let written = Instant::now();
        std::fs::write(path, text)?;
        loop {
            let answer = read_body(&mut poll)?;
            let answered = written.elapsed();
            let json: serde_json::Value = serde_json::from_str(&answer)?;
            let generation = json["generation"].as_u64().ok_or("no generation")?;
            if !json["overlay"].is_null() {
                return Err(format!("the rebuild failed: {}", json["overlay"]).into());
            }
            if generation > since
                && read_body(&mut self.send(&format!("/{page}"))?)?.contains(marker)
            {
                return Ok(answered);
            }
            since = generation;
            poll = self.send(&format!("/__tongwen/poll?since={since}{named}"))?;
        }
    }

    fn generation(&self) -> Result<u64> {
        let answer = read_body(&mut self.send("/__tongwen/poll?since=0")?)?;
        let json: serde_json::Value = serde_json::from_str(&answer)?;
        Ok(json["generation"].as_u64().ok_or("no generation")?)
    }

    /// Sends a GET; the answer is read with `read_body`.
    fn send(&self, path: &str) -> Result<TcpStream> {
        let mut stream = TcpStream::connect(self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )?;
        Ok(stream)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_body(stream: &mut TcpStream) -> Result<String> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let raw = String::from_utf8(raw)?;
    let (_, body) = raw.split_once("\r\n\r\n").ok_or("no HTTP reply")?;
    Ok(body.to_string())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
