//! `tongwen check`: everything build validates (broken links included), plus content lints and the
//! review list of risky conversions. Writes nothing, except with `--fix`.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;

use crate::check;
use crate::cli::{CheckArgs, Format};
use crate::commands::{EXIT_ERRORS, count_line, fail, print_diagnostics, resolve_now};
use crate::config::Config;
use crate::convert::{Converter, Script, Variant};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::encoding;
use crate::error::Error;
use crate::output::Discard;
use crate::pipeline::{self, BuildOptions, Engines};
use crate::source::{self, SiteInput};

pub fn run(args: &CheckArgs) -> ExitCode {
    if args.fix
        && let Err(e) = fix_files(&args.root)
    {
        return fail(&e);
    }
    let input = match source::read_site(&args.root) {
        Ok(input) => input,
        Err(e) => return fail(&e),
    };
    let now = match resolve_now(args.now.as_deref(), &super::build::site_timezone(&input)) {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    let diagnostics = check_site(&input, now);
    report(&diagnostics, args.format)
}

/// Every diagnostic of the site: the build's own, then the lints of each content file.
pub fn check_site(input: &SiteInput, now: jiff::Timestamp) -> Vec<Diagnostic> {
    let engines = Engines::default();
    let (config, _) = crate::config::parse(input.config.as_ref());
    let mut converter = match &config {
        Some(config) => engines.converter(config),
        None => std::sync::Arc::new(Converter::new(Variant::Standard, &[])),
    };
    let options = BuildOptions {
        now,
        drafts: true,
        // Like drafts: checked, so that a post is ready before its date comes.
        scheduled: true,
        base_url: None,
        search_index: true,
        first: Vec::new(),
    };
    // Only the build's diagnostics and site are wanted: its pages are thrown away as made.
    let (mut found, scripts) = match pipeline::build(input, &options, &engines, &Discard) {
        Ok(built) => {
            // With review.yaml's decisions: the reviewed occurrences are no longer listed.
            converter = engines.converter(&built.site.config);
            let scripts: HashMap<String, Script> = built
                .site
                .entries
                .iter()
                .map(|e| (e.doc.source.clone(), e.doc.script))
                .collect();
            let mut found = built.warnings;
            found.extend(built.image_lints);
            (found, scripts)
        }
        Err(diagnostics) => (diagnostics, HashMap::new()),
    };
    let lints: Vec<Vec<Diagnostic>> = input
        .content
        .par_iter()
        .map(|file| {
            let mut found = check::lint_file(&file.path, &file.text);
            let script = scripts
                .get(&file.path)
                .copied()
                .or_else(|| converter.detect(&file.text))
                .unwrap_or(Script::Hans);
            found.extend(check::scripts::stray_characters(
                &file.path, &file.text, script, &converter,
            ));
            if publishes_other_script(config.as_ref(), script) {
                found.extend(check::scripts::risky_conversions(
                    &file.path, &file.text, script, &converter,
                ));
            }
            found
        })
        .collect();
    found.extend(lints.into_iter().flatten());
    diagnostics::sort(&mut found);
    found
}

fn publishes_other_script(config: Option<&Config>, script: Script) -> bool {
    config.is_none_or(|c| c.languages.contains(&script.other()))
}

fn report(diagnostics: &[Diagnostic], format: Format) -> ExitCode {
    let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "errors": diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
                "warnings": diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
                "diagnostics": diagnostics,
            });
            println!("{json}");
        }
        Format::Text => {
            print_diagnostics(diagnostics);
            let counted = count_line(diagnostics);
            let notes = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Note)
                .count();
            if counted.is_empty() && notes == 0 {
                eprintln!("检查完毕，没有发现问题。");
            } else if counted.is_empty() {
                eprintln!("检查完毕：没有错误，{notes} 处简繁写法请看一眼。");
            } else {
                eprintln!("检查完毕：{counted}，{notes} 处简繁写法请看一眼。");
            }
        }
    }
    if errors {
        ExitCode::from(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--fix`: the mechanical fixes, each file rewritten atomically in its own encoding and
/// line ends. Files with bytes that could not be decoded are left alone.
fn fix_files(root: &Path) -> Result<(), Error> {
    let input = source::read_site(root)?;
    let mut fixed_files = 0;
    for file in &input.content {
        let disk = input.root.join(&file.path);
        let bytes = std::fs::read(&disk).map_err(|e| Error::io(&disk, e))?;
        let decoded = encoding::decode(&bytes);
        let fixed = check::fix(&decoded.text);
        if fixed.changes.is_empty() {
            continue;
        }
        if decoded.lossy {
            eprintln!(
                "{}：文件里有无法识别的字节，为了不弄坏它，没有自动修正。请先另存为 UTF-8。",
                file.path
            );
            continue;
        }
        write_atomically(&disk, &encoding::encode(&fixed.text, decoded.encoding))?;
        fixed_files += 1;
        for change in &fixed.changes {
            println!(
                "{}:{}:{}: 已修正：“{}” → “{}”",
                file.path, change.line, change.col, change.before, change.after
            );
        }
    }
    println!("自动修正了 {fixed_files} 个文件。");
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = path.with_extension(format!("tongwen-fix-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
