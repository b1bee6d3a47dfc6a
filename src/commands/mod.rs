//! One module per command: arguments → pipeline → what the user sees. Only these (and
//! main) print.

// The commands are where tongwen talks to the user.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::process::ExitCode;

use jiff::Timestamp;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;

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
