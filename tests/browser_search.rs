//! The search page in a real browser (headless Chromium over WebDriver, see
//! `support/browser.rs`): a site built with a sub-path `base_url` is served by a small
//! static file server under that path, and the test types queries into the search box.
//!
//! `cargo test --features browser-tests --test browser_search` (`.ci/browser` runs it).

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use support::SiteTest;
use support::browser::WebDriver;

const NOW: &str = "2024-05-01T10:00+08:00";

/// Serves `root` at `http://ADDR/changxin/` until the test ends.
fn serve_static(root: PathBuf) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let file = decoded
        .strip_prefix("/changxin/")
        .filter(|rest| !rest.split('/').any(|s| s == ".."))
        .map(|rest| {
            let mut file = root.join(rest);
            if rest.is_empty() || rest.ends_with('/') {
                file.push("index.html");
            }
            file
        });
    let (status, body, kind) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => {
            let kind = match f.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            ("200 OK", body, kind)
        }
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn typed_queries_find_pages_in_the_readers_script_under_a_sub_path() {
    let site = SiteTest::fixture("search").now(NOW);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let addr = serve_static(site.out());
    let url = |path: &str| format!("http://{addr}/changxin/{path}");
    let no_log = || String::new();
    let driver = WebDriver::start();
    let browser = driver.session();

    // A simplified query on the traditional page finds the traditional-source story,
    // shown in traditional script with the match marked.
    browser.open(&url("zh-hant/search/"));
    browser.type_into("#search-q", "头发");
    browser.wait_until(
        "the traditional result",
        "document.querySelector('.search-result h2 a') && document.querySelector('.search-result h2 a').textContent === '義剪隊上門理髮' && document.querySelector('.search-snippet mark').textContent === '頭髮'",
        &no_log,
    );
    let status = browser.run("return document.querySelector('[data-search-status]').textContent;");
    assert_eq!(status, "找到 1 條結果");
    // A screen reader hears the count: the status is a polite live region; the box has a label.
    let a11y = browser.run(
        "const s = document.querySelector('[data-search-status]'); return [s.getAttribute('role'), s.getAttribute('aria-live'), document.querySelector('label[for=search-q]').textContent];",
    );
    assert_eq!(a11y, serde_json::json!(["status", "polite", "搜索本站"]));
    let kind = browser.run("return document.querySelector('.search-kind').textContent;");
    assert_eq!(kind, "故事");
    assert_eq!(
        browser.run("return new URL(location.href).searchParams.get('q');"),
        "头发"
    );

    // The result opens the page in the reader's script, under the sub-path.
    browser.run("document.querySelector('.search-result h2 a').click(); return null;");
    browser.wait_until(
        "the story page",
        "location.pathname === '/changxin/zh-hant/stories/lifa/' && document.querySelector('h1') && document.querySelector('h1').textContent.includes('義剪隊')",
        &no_log,
    );

    // A substring across a word boundary, in the simplified search page.
    browser.open(&url("search/"));
    browser.type_into("#search-q", "段简");
    browser.wait_until(
        "the substring result",
        "document.querySelector('.search-result h2 a') && document.querySelector('.search-result h2 a').textContent === '楼道里的议事会'",
        &no_log,
    );
    let href =
        browser.run("return document.querySelector('.search-result h2 a').getAttribute('href');");
    assert_eq!(href, url("stories/yiduan/"));

    // Pairs that all occur but not in a row: a message, not an empty page.
    browser.open(&url("search/?q=心里的议事"));
    browser.wait_until(
        "the no-result message",
        "document.querySelector('[data-search-status]').textContent.includes('没有找到包含“心里的议事”的内容')",
        &no_log,
    );
    let results = browser.run("return document.querySelectorAll('.search-result').length;");
    assert_eq!(results, 0);

    // The header box on any page leads to the search page with the query.
    browser.open(&url("about/"));
    browser.type_into("#site-search", "老书记\n");
    browser.wait_until(
        "results from the header box",
        "location.pathname === '/changxin/search/' && document.querySelectorAll('.search-result').length === 2",
        &no_log,
    );
}
