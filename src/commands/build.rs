//! `tongwen build`: read the site, build it into a staging folder as pages are rendered,
//! swap that in atomically, say what was done.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::commands::{
    EXIT_ERRORS, EXIT_FAILURE, count_line, fail, photo_line, print_diagnostics, print_photo_errors,
    process_photos, prune_photo_cache, resolve_now,
};
use crate::error::Error;
use crate::output;
use crate::pipeline::{self, BuildOptions, Engines};
use crate::source;

pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let out_dir = args.out.clone().unwrap_or_else(|| args.root.join("public"));
    if let Err(e) = output::check_out_dir(&args.root, &out_dir) {
        return fail(&e);
    }
    let input = match source::read_site(&args.root) {
        Ok(input) => input,
        Err(e) => return fail(&e),
    };
    let now = match resolve_now(args.now.as_deref(), &site_timezone(&input)) {
        Ok(now) => now,
        Err(e) => return fail(&e),
    };
    let options = BuildOptions {
        now,
        drafts: args.drafts,
        scheduled: false,
        base_url: args.base_url.clone(),
        search_index: !args.without_search_index,
        first: Vec::new(),
    };
    // Pages go to the staging folder as they are rendered; dropped on any failure below,
    // it is deleted and the output folder stays as it was.
    let staging = match output::Staging::create(&out_dir) {
        Ok(staging) => staging,
        Err(e) => return fail(&e),
    };
    let interrupted = staging.on_interrupt();
    let _ = ctrlc::set_handler(move || {
        interrupted();
        eprintln!("\n已中断：输出文件夹没有改动。");
        std::process::exit(130);
    });
    let portable = args.portable.then(|| output::Portable {
        inner: &staging,
        base_path: base_path(&input, args.base_url.as_deref()),
    });
    let sink: &dyn output::OutputSink = match &portable {
        Some(portable) => portable,
        None => &staging,
    };
    let built = match pipeline::build(&input, &options, &Engines::default(), sink) {
        Ok(built) => built,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return failed(&count_line(&diagnostics), &out_dir, EXIT_ERRORS);
        }
    };
    print_diagnostics(&built.warnings);
    let photos = match process_photos(&built.images, &input.root) {
        Ok(report) => report,
        Err(errors) => {
            print_photo_errors(&errors);
            // A photo that cannot be decoded is the user's to fix (exit 1); a cache folder
            // that cannot be written is the machine's (exit 2).
            let machine = errors.iter().any(|e| !matches!(e, Error::Image { .. }));
            let code = if machine { EXIT_FAILURE } else { EXIT_ERRORS };
            let what = format!("{} 张图片无法处理", errors.len());
            return failed(&what, &out_dir, code);
        }
    };
    photos.put_into(&staging);
    if let Err(e) = staging.commit() {
        return fail(&e);
    }
    // Only a build that succeeded knows every photo the site uses.
    prune_photo_cache(&photos, &input.root);
    let pages: Vec<String> = built
        .summary
        .pages
        .iter()
        .map(|(lang, n)| format!("{} {n} 页", lang_name(lang)))
        .collect();
    let warnings = count_line(&built.warnings);
    println!(
        "已生成：{}，{}，共 {} 个文件，用时 {:.2} 秒 → {}{}",
        pages.join("，"),
        photo_line(built.summary.images, &photos),
        built.summary.files,
        started.elapsed().as_secs_f64(),
        shown(&out_dir),
        if warnings.is_empty() {
            String::new()
        } else {
            format!("（{warnings}）")
        }
    );
    if let Some(line) = schedule_line(&built.summary) {
        println!("{line}");
    }
    if args.portable {
        println!(
            "这是可以直接打开的版本（U 盘、展厅大屏）：双击 {}index.html 浏览；上传到网站空间请用不带 --portable 的版本",
            shown(&out_dir)
        );
    }
    ExitCode::SUCCESS
}

/// What waits for its date, what has expired, and when to build again:
/// `2 篇定时发布，最早 2026-07-01 08:00 发布，还没有生成；下次需要在 2026-07-01 08:00
/// 重新生成，网站才会按时更新`.
fn schedule_line(summary: &pipeline::Summary) -> Option<String> {
    let mut parts = Vec::new();
    if let (n @ 1.., Some(first)) = (summary.waiting, &summary.first_publish) {
        parts.push(format!("{n} 篇定时发布，最早 {first} 发布，还没有生成"));
    }
    if summary.expired > 0 {
        parts.push(format!("{} 篇已过下线时间，没有生成", summary.expired));
    }
    if let Some(next) = &summary.next_change {
        parts.push(format!("下次需要在 {next} 重新生成，网站才会按时更新"));
    }
    (!parts.is_empty()).then(|| parts.join("；"))
}

fn failed(what: &str, out_dir: &std::path::Path, code: u8) -> ExitCode {
    eprintln!(
        "生成失败（{what}）。输出文件夹 {} 没有改动。",
        out_dir.display()
    );
    ExitCode::from(code)
}

fn lang_name(bcp47: &str) -> &'static str {
    if bcp47 == "zh-Hant" {
        "繁体"
    } else {
        "简体"
    }
}

fn shown(path: &std::path::Path) -> String {
    let mut shown = PathBuf::from(path).display().to_string();
    if !shown.ends_with('/') {
        shown.push('/');
    }
    shown
}

/// The base path the site's links start with (`/changxin/`), for `--portable`: `--base-url`
/// when given, else site.yaml's; a broken setting fails the build itself.
fn base_path(input: &source::SiteInput, override_url: Option<&str>) -> String {
    if let Some(url) = override_url {
        if let Some(base) = crate::config::BaseUrl::parse(url) {
            return base.path;
        }
        return format!("{}/", url.trim().trim_end_matches('/'));
    }
    let (config, _) = crate::config::parse(input.config.as_ref());
    config.map_or_else(|| "/".to_string(), |c| c.base_url.path)
}

/// The site's time zone for reading `--now`, without failing when site.yaml is broken
/// (the build reports that itself).
pub fn site_timezone(input: &source::SiteInput) -> jiff::tz::TimeZone {
    let (config, _) = crate::config::parse(input.config.as_ref());
    config.map_or_else(
        || jiff::tz::TimeZone::get("Asia/Shanghai").unwrap_or(jiff::tz::TimeZone::UTC),
        |c| c.timezone,
    )
}
