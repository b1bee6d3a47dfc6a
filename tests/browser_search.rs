//! The search page in a real browser (headless Chromium over WebDriver, see
//! `support/webdriver.rs`): a site built with a sub-path `base_url` is served by a small
//! static file server under that path, and the test types queries into the search box.
//!
//! `cargo test --features browser-tests --test browser_search` (`.ci/browser` runs it).

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use support::SiteTest;
use support::static_server::serve_static;
use support::webdriver::{Browser, WebDriver};

const NOW: &str = "2024-05-01T10:00+08:00";

/// Types `query` into the search page's box and waits until the first result's title
/// passes `title` (a JS condition on `title`) and `more` (JS to append to the condition)
/// holds.
fn search_for(browser: &Browser, query: &str, title: &str, more: &str) {
    browser.type_into("#search-q", query);
    browser.wait_until(
        &format!("the first result of {query}"),
        &format!(
            "(a => !!a && (title => {title})(a.textContent))(document.querySelector('.search-result h2 a')){more}"
        ),
        &String::new,
    );
}

#[test]
fn typed_queries_find_pages_in_the_readers_script_under_a_sub_path() {
    let site = SiteTest::fixture("search").now(NOW);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let addr = serve_static(site.out(), "/changxin/");
    let url = |path: &str| format!("http://{addr}/changxin/{path}");
    let no_log = || String::new();
    let driver = WebDriver::start();
    let browser = driver.session();

    // A traditional query typed first on a fresh page is folded like the index.
    browser.open(&url("search/"));
    search_for(&browser, "頭髮", "title === '义剪队上门理发'", "");

    // A simplified query on the traditional page finds the traditional-source story,
    // shown in traditional script with the match marked.
    browser.open(&url("zh-hant/search/"));
    search_for(
        &browser,
        "头发",
        "title === '義剪隊上門理髮'",
        " && document.querySelector('.search-snippet mark').textContent === '頭髮'",
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
    search_for(&browser, "段简", "title === '楼道里的议事会'", "");
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

#[test]
fn a_portable_copy_searches_opened_from_disk() {
    let site = SiteTest::example().now("2026-11-23T10:00+08:00");
    let run = site.run(&["build", "--portable", "--now", "2026-11-23T10:00+08:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = format!("file://{}", site.out().join("search/index.html").display());
    let driver = WebDriver::start();
    let browser = driver.session();
    let no_log = || String::new();

    // The index loads as scripts from disk, where `fetch` is refused; a simplified query
    // finds the traditional-source story, shown in simplified script.
    browser.open(&page);
    search_for(
        &browser,
        "金宁社区",
        "title.startsWith('金宁社区') && title.includes('六微')",
        "",
    );
    let mark =
        browser.run("return document.querySelector('.search-result h2 a mark').textContent;");
    assert_eq!(mark, "金宁社区");

    // The result opens the story's file in the copy.
    browser.run("document.querySelector('.search-result h2 a').click(); return null;");
    let opened = browser.wait_until(
        "the story page from disk",
        "location.protocol === 'file:' && location.pathname.endsWith('/index.html') && !location.pathname.endsWith('/search/index.html') && document.querySelector('h1') && document.querySelector('h1').textContent.includes('六微') && location.pathname",
        &no_log,
    );
    let opened = opened.as_str().unwrap();
    assert!(
        opened.starts_with(&site.out().display().to_string()) && !opened.contains("/zh-hant/"),
        "{opened}"
    );
}
