//! Measuring a build run as a child process: wall time, CPU time and peak resident memory
//! from `wait4(2)`, which reports one reaped child's own usage (unlike polling /proc, it cannot
//! miss the peak; unlike `getrusage(RUSAGE_CHILDREN)`, earlier children do not leak into it).

use std::fs::File;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One finished child.
pub(crate) struct Child {
    pub(crate) wall: Duration,
    /// User + system CPU time.
    pub(crate) cpu: Duration,
    pub(crate) max_rss_kib: u64,
}

/// Runs `command` to completion with stdout and stderr sent to `log`; an exit code other
/// than 0 is an error that shows the end of the log.
pub(crate) fn run(command: &mut Command, log: &Path) -> io::Result<Child> {
    let file = File::create(log)?;
    command
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file);
    let started = Instant::now();
    let child = command.spawn()?;
    let (success, cpu, max_rss_kib) = reap(child)?;
    let wall = started.elapsed();
    if !success {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: String = text
            .chars()
            .rev()
            .take(3000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(io::Error::other(format!("{command:?} failed:\n{tail}")));
    }
    Ok(Child {
        wall,
        cpu,
        max_rss_kib,
    })
}

/// Waits for the child with `wait4`, which returns its resource usage.
#[cfg(unix)]
fn reap(child: std::process::Child) -> io::Result<(bool, Duration, u64)> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data; all-zero is a valid value that wait4 overwrites.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child (std never waits on it: we do not call
    // `Child::wait`, and dropping a `Child` does not wait); both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(io::Error::last_os_error());
    }
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    // Linux reports KiB, macOS bytes.
    let rss = usage.ru_maxrss as u64;
    let rss = if cfg!(target_os = "macos") {
        rss / 1024
    } else {
        rss
    };
    Ok((success, cpu, rss))
}

/// Without `wait4`: wall time only.
#[cfg(not(unix))]
fn reap(mut child: std::process::Child) -> io::Result<(bool, Duration, u64)> {
    let status = child.wait()?;
    Ok((status.success(), Duration::ZERO, 0))
}

/// How many `.html` files lie under `dir` (0 when it does not exist).
pub(crate) fn count_html(dir: &Path) -> io::Result<usize> {
    let mut count = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
            } else if entry.path().extension().is_some_and(|e| e == "html") {
                count += 1;
            }
        }
    }
    Ok(count)
}

/// The middle value (the lower middle for an even count).
pub(crate) fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted[(sorted.len() - 1) / 2]
}

pub(crate) fn secs(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

pub(crate) fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// This process's resident set size now, in KiB (Linux; `None` elsewhere).
pub(crate) fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `tongwen build --root SITE --out OUT` with `extra` arguments, as a child process (its
/// output goes to `OUT.log`).
pub(crate) fn tongwen_build(
    tongwen: &Path,
    site: &Path,
    out: &Path,
    extra: &[&str],
) -> io::Result<Child> {
    let mut command = Command::new(tongwen);
    command
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(extra);
    run(&mut command, &out.with_extension("log"))
}
