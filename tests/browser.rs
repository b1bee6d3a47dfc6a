//! `tongwen serve` in a real browser: Debian's headless Chromium, driven over WebDriver
//! (chromedriver, see `support/browser.rs`). The test edits a page's file and waits
//! (the browser polls its own DOM, with a deadline) until the page has reloaded by itself.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (or `CHROMIUM` / `CHROMEDRIVER`):
//! `cargo test --features browser-tests --test browser`, which `.ci/browser` installs and runs.

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use serde_json::Value;
use support::SiteTest;
use support::browser::Served;
use support::webdriver::WebDriver;

/// How far down the page the test scrolls before an edit.
const SCROLL: i64 = 1500;
/// The story the test edits, and where it is served.
const STORY: &str = "content/stories/长欣红色微家.md";
const HANS_URL: &str = "stories/changxin-hongse-weijia/";
const HANT_URL: &str = "zh-hant/stories/changxin-hongse-weijia/";

/// The site's own copy of the default theme's stylesheet.
const STYLESHEET: &str = "themes/default/static/css/site.css";

/// The default theme's stylesheet with the body's text in `color`.
fn stylesheet(color: &str) -> String {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(STYLESHEET);
    let builtin = std::fs::read_to_string(theme).unwrap();
    format!("{builtin}\nbody {{ color: {color} !important; }}\n")
}

/// The story with `front` as extra front matter lines and `lead` as its first paragraph,
/// followed by enough paragraphs to make the page scroll.
fn story(front: &str, lead: &str) -> String {
    let mut text = format!(
        "---\ntitle: 长欣“红色微家”的楼道故事\ndate: 2023-05-01\n{front}community: 长欣公寓社区\n---\n\n{lead}\n\n"
    );
    for n in 1..=80 {
        text.push_str(&format!(
            "第{n}段：志愿者每周走访楼道，把居民的意见记在本子上。\n\n"
        ));
    }
    text
}

#[test]
fn the_browser_reloads_swaps_css_shows_errors_and_clears_them() {
    let site = SiteTest::fixture("bilingual");
    site.write(STORY, story("", "最初的文字：欢迎来到长欣社区。"));
    site.write(STYLESHEET, stylesheet("rgb(1, 2, 3)"));
    let served = Served::start(site);
    let driver = WebDriver::start();
    let browser = driver.session();
    browser.open(&served.url(HANS_URL));
    browser.wait_for(
        "the first version",
        "document.body.innerText.includes('最初的文字') && getComputedStyle(document.body).color === 'rgb(1, 2, 3)'",
        &served,
    );

    // A stylesheet change swaps the stylesheet without reloading the page.
    browser.run("window.tongwenSamePage = true;");
    served.write(STYLESHEET, stylesheet("rgb(4, 5, 6)"));
    browser.wait_for(
        "the new stylesheet",
        "getComputedStyle(document.body).color === 'rgb(4, 5, 6)'",
        &served,
    );
    assert_eq!(
        browser.run("return window.tongwenSamePage === true;"),
        Value::Bool(true),
        "the page reloaded for a stylesheet change"
    );

    // An edit reloads the page by itself, at the same scroll position.
    // The browser's own restoration is turned off: the position must be kept by tongwen.
    let top = browser.run(&format!(
        "history.scrollRestoration = 'manual'; window.scrollTo(0, {SCROLL}); return window.scrollY;"
    ));
    assert_eq!(
        top.as_i64(),
        Some(SCROLL),
        "the page is too short to scroll"
    );
    served.write(STORY, story("", "改过的文字：楼道里新装了扶手。"));
    browser.wait_for(
        "the edited text",
        "document.body.innerText.includes('改过的文字：楼道里新装了扶手')",
        &served,
    );
    browser.wait_for(
        "the scroll position after the reload",
        &format!("window.scrollY === {SCROLL}"),
        &served,
    );

    // A broken front matter line shows the overlay, naming the file and line.
    served.write(
        STORY,
        story("作者：宣传组\n", "坏掉的文字：这一版不该出现。"),
    );
    let overlay = browser.wait_for(
        "the error overlay",
        "(document.getElementById('tongwen-overlay') || {}).innerText",
        &served,
    );
    let overlay = overlay.as_str().unwrap_or_default().to_string();
    assert!(
        overlay.contains(&format!("{STORY}:4")),
        "the overlay does not name {STORY}:4:\n{overlay}"
    );
    assert!(overlay.contains("网站没有更新"), "{overlay}");
    let text = browser.run("return document.body.innerText;");
    assert!(
        text.as_str()
            .is_some_and(|t| t.contains("改过的文字") && !t.contains("坏掉的文字")),
        "the last good page is not the one shown under the overlay"
    );

    // Fixing it clears the overlay and shows the fixed text.
    served.write(
        STORY,
        story("author: 宣传组\n", "已经改正：议事会每月召开一次。"),
    );
    browser.wait_for(
        "the fixed text without the overlay",
        "!document.getElementById('tongwen-overlay') && document.body.innerText.includes('已经改正：议事会每月召开一次')",
        &served,
    );

    // Both scripts reload: the zh-Hant page in a second window, the zh-Hans one in the first.
    let first = browser.window();
    browser.new_window();
    browser.open(&served.url(HANT_URL));
    browser.wait_for(
        "the zh-Hant page",
        "document.body.innerText.includes('已經改正：議事會每月召開一次')",
        &served,
    );
    served.write(STORY, story("author: 宣传组\n", "长欣社区举办读书会。"));
    browser.wait_for(
        "the zh-Hant reload",
        "document.body.innerText.includes('長欣社區舉辦讀書會')",
        &served,
    );
    browser.switch_to(&first);
    browser.wait_for(
        "the zh-Hans reload",
        "document.body.innerText.includes('长欣社区举办读书会')",
        &served,
    );
}
