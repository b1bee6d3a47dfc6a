//! `cargo bench --bench build`: full builds and serve-path rebuilds of synthetic sites of N
//! content files (70% stories, 15% workshops, 15% lectures), side by side with Hugo on the
//! same corpus when `hugo` is on PATH.
//!
//! Settings (environment, or plain numbers after `--` for the sizes):
//! `TONGWEN_BENCH_N=1000,10000` sizes (the default), `TONGWEN_BENCH_RUNS=3` full builds per
//! generator (the median is reported), `TONGWEN_BENCH_HUGO=0` skips Hugo,
//! `TONGWEN_BENCH_DIR=path` keeps the generated sites there (for profiling) instead of a
//! temporary folder, `TONGWEN_BENCH_OUT=path` puts the build outputs there (e.g. a tmpfs, to
//! take the disk out of the comparison; removed at the end).
//!
//! How it measures:
//! - A full build is `tongwen build` (read + pipeline + write) run as a child process, so
//!   neither the generator nor this harness counts; wall time is from spawn to exit. Each
//!   run also builds the site without its search index (`--without-search-index`, a hidden
//!   switch for this), alternating, for what the index costs.
//! - The search index's size: `support/index_size.rs`.
//! - Peak memory is the child's maximum resident set size as the kernel reports it when the
//!   child is reaped (`wait4(2)`'s `ru_maxrss`), per child, not polled.
//! - The serve-path rebuild runs in this process like `tongwen serve` on a save:
//!   `source::read_site_with` + `pipeline::build` with the same `SourceCache` and
//!   `Engines::for_rebuilds()` as the first build (as serve keeps them), after
//!   one story file was edited.
//! - Hugo builds the same corpus in one language with a minimal theme (`support/hugo.rs`):
//!   `hugo --quiet`, same number of runs, median. Zola is not packaged for this machine and is
//!   not measured here.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark reports on stdout

#[path = "support/hugo.rs"]
mod hugo;
#[path = "support/index_size.rs"]
mod index_size;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/synth.rs"]
mod synth;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tongwen::pipeline::{self, BuildOptions, Engines};
use tongwen::{output, source};

use index_size::IndexSize;
use measure::{Child, count_html, median, mib, secs};

/// The allocator of the `tongwen` binary, so that the in-process serve rebuild is measured
/// as `tongwen serve` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 2024;
/// The build's fixed "now": some lectures are upcoming, most are past.
const NOW: &str = "2026-06-01T10:00+08:00";

fn main() -> Result<(), Box<dyn Error>> {
    let settings = Settings::from_env()?;
    let hugo = settings.hugo.then(find_hugo).flatten();
    println!(
        "tongwen bench: {} CPU(s), load average {}, runs per build: {}",
        cpus(),
        load_average(),
        settings.runs
    );
    match &hugo {
        Some(version) => println!("hugo: {version}"),
        None if settings.hugo => println!("hugo: not on PATH, the Hugo comparison is skipped"),
        None => println!("hugo: skipped (TONGWEN_BENCH_HUGO=0)"),
    }
    println!("zola: not measured here (not packaged for this machine)");
    if UNOPTIMIZED {
        println!("unoptimized build (smoke run): the timings below are not meaningful");
    }
    let temp = tempfile::tempdir()?;
    // A private copy: a `cargo build` elsewhere in the same target folder cannot swap the
    // binary under a running benchmark.
    let tongwen = temp.path().join("tongwen");
    std::fs::copy(env!("CARGO_BIN_EXE_tongwen"), &tongwen)?;
    let base = settings
        .dir
        .clone()
        .unwrap_or_else(|| temp.path().to_path_buf());
    for &n in &settings.sizes {
        let dir = base.join(format!("n{n}"));
        remove_if_present(&dir)?;
        bench_size(n, &dir, &tongwen, hugo.is_some(), &settings)?;
    }
    // Outputs go only now, so that no deletion slows the file creations of a later build.
    for &n in &settings.sizes {
        let dir = base.join(format!("n{n}"));
        remove_if_present(
            &settings
                .out
                .as_deref()
                .unwrap_or(&dir)
                .join(format!("out-{n}")),
        )?;
    }
    Ok(())
}

struct Settings {
    sizes: Vec<usize>,
    runs: usize,
    hugo: bool,
    dir: Option<PathBuf>,
    out: Option<PathBuf>,
}

impl Settings {
    fn from_env() -> Result<Settings, Box<dyn Error>> {
        // `cargo bench` passes `--bench`; any other plain number is a size.
        let from_args: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        let sizes = match std::env::var("TONGWEN_BENCH_N") {
            Ok(list) => parse_sizes(&list)?,
            Err(_) if !from_args.is_empty() => from_args,
            Err(_) => vec![1000, 10_000],
        };
        let runs = match std::env::var("TONGWEN_BENCH_RUNS") {
            Ok(runs) => runs.trim().parse::<usize>()?.max(1),
            Err(_) => 3,
        };
        Ok(Settings {
            sizes,
            runs,
            hugo: std::env::var("TONGWEN_BENCH_HUGO").map_or(true, |v| v.trim() != "0"),
            dir: std::env::var_os("TONGWEN_BENCH_DIR").map(PathBuf::from),
            out: std::env::var_os("TONGWEN_BENCH_OUT").map(PathBuf::from),
        })
    }
}

fn parse_sizes(list: &str) -> Result<Vec<usize>, Box<dyn Error>> {
    let sizes = list
        .split(',')
        .map(|s| s.trim().replace('_', "").parse::<usize>())
        .collect::<Result<Vec<_>, _>>()?;
    if sizes.contains(&0) {
        return Err("TONGWEN_BENCH_N: sizes must be at least 1".into());
    }
    Ok(sizes)
}

fn bench_size(
    n: usize,
    dir: &Path,
    tongwen: &Path,
    with_hugo: bool,
    settings: &Settings,
) -> Result<(), Box<dyn Error>> {
    let site = dir.join("site");
    let started = Instant::now();
    let corpus = synth::generate(&site, n, SEED)?;
    describe_corpus(n, &corpus, started.elapsed());
    let hugo_site = dir.join("hugo");
    if with_hugo {
        hugo::write_site(&hugo_site, &corpus)?;
    }
    drop(corpus);

    // Runs alternate between the two generators and no output is deleted until the end:
    // both meet the same machine load and the same file system state (deleting tens of
    // thousands of files makes the next file creations slower on ext4).
    let out = settings
        .out
        .as_deref()
        .unwrap_or(dir)
        .join(format!("out-{n}"));
    std::fs::create_dir_all(&out)?;
    let (mut ours, mut theirs, mut unindexed) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=settings.runs {
        ours.push(measure::tongwen_build(
            tongwen,
            &site,
            &out.join(format!("tongwen-{run}")),
            &["--now", NOW],
        )?);
        unindexed.push(measure::tongwen_build(
            tongwen,
            &site,
            &out.join(format!("unindexed-{run}")),
            &["--now", NOW, "--without-search-index"],
        )?);
        if with_hugo {
            theirs.push(hugo_build(&hugo_site, &out.join(format!("hugo-{run}")))?);
        }
    }
    let first = out.join("tongwen-1");
    let full = Runs::from(
        &ours,
        count_html(&first)?,
        count_html(&first.join("zh-hant"))?,
    );
    full.print("tongwen build (2 languages)");
    println!("  {}", IndexSize::of(&first)?.line());
    let without = Runs::from(&unindexed, full.pages, full.pages_second_lang);
    let slower = full.median.as_secs_f64() / without.median.as_secs_f64() - 1.0;
    println!(
        "  the search index's cost: median {} with it, {} without (--without-search-index), {:+.1}% (target <= 15%: {})",
        secs(full.median),
        secs(without.median),
        slower * 100.0,
        met(slower <= 0.15)
    );
    if with_hugo {
        let hugo = Runs::from(&theirs, count_html(&out.join("hugo-1"))?, 0);
        hugo.print("hugo --quiet (1 language)");
        let ratio = full.median.as_secs_f64() / hugo.median.as_secs_f64();
        println!(
            "  tongwen / hugo wall time: {ratio:.2} (target < 1.00: {})",
            met(ratio < 1.0)
        );
    }
    println!(
        "  tongwen peak memory {} (target < 500 MiB: {})",
        mib(full.peak_kib),
        met(full.peak_kib < 500 * 1024)
    );
    serve_rebuild(&site, &out)?;
    println!();
    Ok(())
}

/// The verdict on a target; none for an unoptimized build, whose timings mean nothing.
fn met(yes: bool) -> &'static str {
    match (UNOPTIMIZED, yes) {
        (true, _) => "not judged, unoptimized build",
        (false, true) => "met",
        (false, false) => "MISSED",
    }
}

/// `cargo bench --profile dev` (the CI smoke run) builds tongwen without optimizations.
const UNOPTIMIZED: bool = cfg!(debug_assertions);

fn describe_corpus(n: usize, corpus: &synth::Corpus, took: Duration) {
    let counts = synth::Counts::of(n);
    let hant = corpus.entries.iter().filter(|e| e.hant).count();
    println!(
        "== N = {n}: {} stories, {} workshops, {} lectures ({hant} in traditional script), {} of Markdown, generated in {}",
        counts.stories,
        counts.workshops,
        counts.lectures,
        mib(corpus.markdown_bytes() as u64 / 1024),
        secs(took),
    );
}

/// What several runs of one generator came to.
struct Runs {
    median: Duration,
    fastest: Duration,
    /// Largest peak resident set over the runs, KiB.
    peak_kib: u64,
    cpu: Duration,
    pages: usize,
    pages_second_lang: usize,
}

impl Runs {
    fn from(children: &[Child], pages: usize, pages_second_lang: usize) -> Runs {
        let walls: Vec<Duration> = children.iter().map(|c| c.wall).collect();
        let mid = median(&walls);
        let typical = children
            .iter()
            .find(|c| c.wall == mid)
            .expect("the median is one of the runs");
        Runs {
            median: mid,
            fastest: walls.iter().copied().min().expect("at least one run"),
            peak_kib: children.iter().map(|c| c.max_rss_kib).max().unwrap_or(0),
            cpu: typical.cpu,
            pages,
            pages_second_lang,
        }
    }

    fn print(&self, label: &str) {
        let per_second = self.pages as f64 / self.median.as_secs_f64();
        let split = if self.pages_second_lang > 0 {
            format!(
                " ({} + {} zh-Hant)",
                self.pages - self.pages_second_lang,
                self.pages_second_lang
            )
        } else {
            String::new()
        };
        println!(
            "  {label}: median {} (fastest {}), {} HTML pages{split}, {per_second:.0} pages/s, peak RSS {}, CPU {} ({:.1} cores busy)",
            secs(self.median),
            secs(self.fastest),
            self.pages,
            mib(self.peak_kib),
            secs(self.cpu),
            self.cpu.as_secs_f64() / self.median.as_secs_f64(),
        );
    }
}

/// One `hugo --quiet` build into a fresh output folder.
fn hugo_build(site: &Path, out: &Path) -> Result<Child, Box<dyn Error>> {
    let mut command = Command::new("hugo");
    command
        .arg("--quiet")
        .arg("--source")
        .arg(site)
        .arg("--destination")
        .arg(out);
    Ok(measure::run(&mut command, &out.with_extension("log"))?)
}

/// What `tongwen serve` does after a save: read the whole site again and rebuild it in memory
/// with the engines of the previous build. Also times the stages of a cold build.
fn serve_rebuild(site: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let options = BuildOptions {
        now: NOW.parse::<jiff::Timestamp>()?,
        drafts: false,
        scheduled: false,
        base_url: Some("http://127.0.0.1:1313/".into()),
        search_index: true,
        first: Vec::new(),
    };
    let engines = Engines::for_rebuilds();
    let sources = source::SourceCache::default();
    let (read, input) = timed(|| source::read_site_with(site, &sources));
    let input = input?;
    let (cold, built) = timed(|| pipeline::build_in_memory(&input, &options, &engines));
    let (files, built) = built.map_err(|d| not_built(&d))?;
    let (write, written) = timed(|| output::replace_atomically(&files, &out.join("in-process")));
    written?;
    println!(
        "  stages in process (cold engines): read {}, pipeline {}, write {}",
        secs(read),
        secs(cold),
        secs(write)
    );
    drop((files, built));

    let story = site.join("content/stories/story-00001.md");
    let original = std::fs::read_to_string(&story)?;
    let mut rebuilds = Vec::new();
    let (mut pages, mut resident) = (0, None);
    for edit in 1..=3 {
        std::fs::write(
            &story,
            format!("{original}\n第{edit}次修改：补充一段说明。\n"),
        )?;
        let started = Instant::now();
        let input = source::read_site_with(site, &sources)?;
        let read = started.elapsed();
        let (files, built) =
            pipeline::build_in_memory(&input, &options, &engines).map_err(|d| not_built(&d))?;
        rebuilds.push((started.elapsed(), read));
        pages = files.files.keys().filter(|p| p.ends_with(".html")).count();
        // What serve holds while it serves: the site, its caches and the built output.
        resident = resident.max(measure::resident_kib());
        drop((files, built));
    }
    std::fs::write(&story, original)?;
    let walls: Vec<Duration> = rebuilds.iter().map(|r| r.0).collect();
    let mid = median(&walls);
    let read = rebuilds
        .iter()
        .find(|r| r.0 == mid)
        .map_or(Duration::ZERO, |r| r.1);
    println!(
        "  serve rebuild after editing one story: median {} (read {} + pipeline {}), {pages} pages, {:.0} pages/s, resident {} while serving; target ≤ 1 s: {}",
        secs(mid),
        secs(read),
        secs(mid - read),
        pages as f64 / mid.as_secs_f64().max(1e-9),
        resident.map_or_else(|| "unknown".to_string(), mib),
        met(mid <= Duration::from_secs(1)),
    );
    Ok(())
}

/// The first diagnostics of a synthetic site that failed to build (a bug of the generator).
fn not_built(diagnostics: &[tongwen::diagnostics::Diagnostic]) -> String {
    let shown: Vec<String> = diagnostics
        .iter()
        .take(5)
        .map(|d| d.render_text())
        .collect();
    format!(
        "the synthetic site does not build ({} diagnostics):\n{}",
        diagnostics.len(),
        shown.join("\n")
    )
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = f();
    (started.elapsed(), value)
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `hugo version`'s first line, when Hugo runs at all.
fn find_hugo() -> Option<String> {
    let out = Command::new("hugo").arg("version").output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("hugo")
            .to_string()
    })
}

/// The 1-minute load average (Linux), to read timings on a shared machine.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
