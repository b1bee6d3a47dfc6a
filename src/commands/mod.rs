//! One module per command: arguments → pipeline → what the user sees. Only these (and
//! main) print.

// The commands are where tongwen talks to the user.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::images::{self, ImageJob, ProcessReport};

/// Exit code 1: the user's files have errors.
pub const EXIT_ERRORS: u8 = 1;
/// Exit code 2: the tool itself failed (disk, refused folder, bad arguments).
pub const EXIT_FAILURE: u8 = 2;

/// Prints diagnostics to stderr, one block each, with a blank line between.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}\n", d.render_text());
    }
}

/// `（3 个错误，2 个警告）`, or empty when there are none.
pub fn count_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => format!("{w} 个警告"),
        (e, 0) => format!("{e} 个错误"),
        (e, w) => format!("{e} 个错误，{w} 个警告"),
    }
}

/// Prints a failure of the tool itself and returns exit code 2.
pub fn fail(error: &Error) -> ExitCode {
    eprintln!("错误：{error}");
    ExitCode::from(EXIT_FAILURE)
}

/// `--now` as the user wrote it, or the clock. Accepts RFC 3339 and the Chinese date forms.
pub fn resolve_now(now: Option<&str>, tz: &jiff::tz::TimeZone) -> Result<Timestamp, Error> {
    match now {
        None => Ok(Timestamp::now()),
        Some(text) => crate::content::dates::parse_when(text, tz)
            .map(|when| when.zoned.timestamp())
            .map_err(|message| Error::Refused(format!("--now 的时间 `{text}` 看不懂：{message}"))),
    }
}

/// Where a site keeps the photos it has made, between builds (ignored by git).
pub const IMAGE_CACHE: &str = ".tongwen-cache/images";

/// Makes every photo file of `jobs` that is not yet in the site's cache, in parallel, with
/// a progress bar when stderr is an interactive terminal and there is something to make.
pub fn process_photos(jobs: &[ImageJob], site_root: &Path) -> Result<ProcessReport, Vec<Error>> {
    let bar = (std::io::stderr().is_terminal() && !jobs.is_empty()).then(|| {
        let bar = ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("处理图片 {bar:30} {pos}/{len} 张 {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        // Drawn only once a photo takes long enough to be worth a bar.
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        bar
    });
    // `process` counts distinct photos (the same photo on two pages is made once).
    let progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let report = images::process(jobs, &site_root.join(IMAGE_CACHE), &progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    report
}

/// Removes the cache files that `report` (a build's photos) does not use. A cache that cannot
/// be pruned costs only disk space: it is told, not a failure.
pub fn prune_photo_cache(report: &ProcessReport, site_root: &Path) {
    if let Err(e) = images::prune(&site_root.join(IMAGE_CACHE), report) {
        eprintln!("提示：无法清理图片缓存（{e}）。网站已生成；可以手动删除 {IMAGE_CACHE} 文件夹。");
    }
}

/// `图片 12 张（新处理 3 张）`.
pub fn photo_line(images: usize, report: &ProcessReport) -> String {
    format!("图片 {images} 张（新处理 {} 张）", report.decoded)
}

/// Prints the failures of `images::process`, each naming its photo.
pub fn print_photo_errors(errors: &[Error]) {
    for e in errors {
        eprintln!("错误：{e}\n");
    }
}
