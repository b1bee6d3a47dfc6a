//! `tongwen serve`: build into memory, serve on loopback, rebuild on every save and tell
//! open pages to reload (or show the errors over them).

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::cli::ServeArgs;
use crate::commands::{count_line, fail, photo_line, print_diagnostics, process_photos};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::images::ProcessReport;
use crate::output::OutputSet;
use crate::pipeline::{self, BuildOptions, Engines};
use crate::review::ReviewSite;
use crate::serve::server::serve_site;
use crate::serve::state::{EarlyPages, ReloadKind, ServeState};
use crate::serve::watch::{Change, SiteWatcher};
use crate::source::{self, SourceCache};

pub fn run(args: &ServeArgs) -> ExitCode {
    let addr = match bind_addr(&args.bind, args.port) {
        Ok(addr) => addr,
        Err(e) => return fail(&e),
    };
    if !addr.ip().is_loopback() {
        eprintln!(
            "警告：预览绑定在 {}，同一网络里的其他电脑也能看到你还没发布的内容。只在本机预览请去掉 --bind。",
            addr.ip()
        );
    }
    let state = Arc::new(ServeState::new(OutputSet::default(), Vec::new()));
    let preview = match serve_site(addr, Arc::clone(&state), vec!["", "zh-hans/", "zh-hant/"]) {
        Ok(preview) => preview,
        Err(e) => return fail(&e),
    };
    let watcher = match SiteWatcher::watch_site(&args.root) {
        Ok(w) => w,
        Err(e) => return fail(&e),
    };
    let url = format!("http://{}/", shown_addr(preview.addr));
    let rebuild = Rebuild::new(&args.root, args.drafts, &url);
    rebuild.run(&state, ReloadKind::Page);
    // Before the address is printed: whoever reads it may press Ctrl+C at once.
    let _ = ctrlc::set_handler(|| {
        println!("\n已停止预览。");
        std::process::exit(0);
    });
    println!("预览地址：{url}（按 Ctrl+C 停止）");
    if args.open {
        open_browser(&url);
    }
    while let Some(change) = watcher.next_change() {
        let kind = if change == Change::Css {
            ReloadKind::Css
        } else {
            ReloadKind::Page
        };
        rebuild.run(&state, kind);
    }
    preview.stop();
    ExitCode::SUCCESS
}

/// One full rebuild of the site into memory, shared engines kept between rebuilds, and
/// what was learnt about each photo (so that an unchanged photo is not read again).
pub struct Rebuild {
    root: std::path::PathBuf,
    drafts: bool,
    base_url: String,
    engines: Engines,
    sources: SourceCache,
}

impl Rebuild {
    pub fn new(root: &Path, drafts: bool, base_url: &str) -> Rebuild {
        Rebuild {
            root: root.to_path_buf(),
            drafts,
            base_url: base_url.to_string(),
            engines: Engines::for_rebuilds(),
            sources: SourceCache::default(),
        }
    }

    /// Rebuilds, publishes the result (or the errors) and prints what happened. For a
    /// page reload, the pages open in a browser are rendered first and shown at once.
    pub fn run(&self, state: &ServeState, kind: ReloadKind) {
        let started = Instant::now();
        let first = match kind {
            ReloadKind::Page => state.open_pages(),
            ReloadKind::Css => Vec::new(),
        };
        let sink = EarlyPages::new(state, first.clone());
        match self.build(&sink, first) {
            Ok((warnings, pages, review, photos)) => {
                print_diagnostics(&warnings);
                let mut output = sink.into_output();
                photos.insert_into(&mut output);
                state.review.publish(review);
                state.publish(output, kind);
                println!(
                    "已更新：{pages}，用时 {} 毫秒",
                    started.elapsed().as_millis()
                );
            }
            Err(errors) => {
                print_diagnostics(&errors);
                eprintln!(
                    "更新失败（{}），浏览器里仍显示上一次的页面。",
                    count_line(&errors)
                );
                state.fail(errors);
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn build(
        &self,
        sink: &EarlyPages<'_>,
        first: Vec<String>,
    ) -> Result<(Vec<Diagnostic>, String, ReviewSite, ProcessReport), Vec<Diagnostic>> {
        let input = source::read_site_with(&self.root, &self.sources)
            .map_err(|e| vec![machine_error(&e)])?;
        let options = BuildOptions {
            // Read on every rebuild: a post whose `publish:` or `expires:` passes while the
            // preview runs changes its mark at the next save (the preview keeps no timer).
            now: jiff::Timestamp::now(),
            drafts: self.drafts,
            // The writer's preview shows what waits for its date and what has expired,
            // each marked (未发布, 已过期), so that a page never vanishes from the preview
            // without a word: the writer sees why it is not on the published site.
            scheduled: true,
            base_url: Some(self.base_url.clone()),
            search_index: true,
            first,
        };
        let built = pipeline::build(&input, &options, &self.engines, sink)?;
        // The photos' files are served from the cache, as the build writes them.
        let photos = process_photos(&built.images, &input.root)
            .map_err(|errors| errors.iter().map(photo_error).collect::<Vec<_>>())?;
        let mut done: Vec<String> = built
            .summary
            .pages
            .iter()
            .map(|(lang, n)| format!("{lang} {n} 页"))
            .collect();
        if built.summary.images > 0 {
            done.push(photo_line(built.summary.images, &photos));
        }
        let converter = self.engines.converter(&built.site.config);
        let review = ReviewSite::new(&input, &built, converter);
        Ok((built.warnings, done.join("，"), review, photos))
    }
}

/// A failure of the machine shown in the overlay like a diagnostic, without any path of
/// this computer beyond the message itself.
fn machine_error(error: &Error) -> Diagnostic {
    Diagnostic::error(
        "serve.read",
        crate::diagnostics::Span::file("（网站文件夹）"),
        error.to_string(),
    )
}

/// A photo that could not be made, shown at the photo's path.
fn photo_error(error: &Error) -> Diagnostic {
    match error {
        Error::Image { path, message } => Diagnostic::error(
            "image.unreadable",
            crate::diagnostics::Span::file(path),
            format!("这张图片无法处理：{message}"),
        ),
        other => machine_error(other),
    }
}

fn bind_addr(bind: &str, port: u16) -> Result<SocketAddr, Error> {
    let ip: IpAddr = match bind {
        "localhost" => IpAddr::from([127, 0, 0, 1]),
        other => other.trim_matches(['[', ']']).parse().map_err(|_| {
            Error::Refused(format!(
                "`--bind {bind}` 不是一个 IP 地址。本机预览不用写 --bind；要让局域网访问，写 --bind 0.0.0.0"
            ))
        })?,
    };
    Ok(SocketAddr::new(ip, port))
}

fn shown_addr(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("127.0.0.1:{}", addr.port())
    } else {
        addr.to_string()
    }
}

fn open_browser(url: &str) {
    let opened = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if opened.is_err() {
        println!("请在浏览器里打开 {url}");
    }
}
