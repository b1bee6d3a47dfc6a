//! Sharing off the web in a real browser (headless Chromium over WebDriver, see
//! `support/browser.rs`): every poster of the example site prints on exactly one A4 page, and
//! a `--portable` build works opened from disk (file://): every link of both home pages leads
//! to a page whose styles and script are applied.
//!
//! `cargo test --features browser-tests --test browser_share`, which `.ci/browser` runs.

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use std::path::{Path, PathBuf};

use base64::Engine;
use support::SiteTest;
use support::browser::Served;
use support::webdriver::WebDriver;

const NOW: &str = "2026-11-23T10:00+08:00";

/// The example site built into `public/`, with `extra` arguments.
fn example(extra: &[&str]) -> SiteTest {
    let site = SiteTest::example();
    let mut args = vec!["build", "--now", NOW];
    args.extend_from_slice(extra);
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The pages of a PDF and the size of the first, in points.
fn pdf_pages(pdf: &[u8]) -> (usize, String) {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    let media = text
        .split("/MediaBox [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or("")
        .to_string();
    (pages, media)
}

/// The posters of the example site, as `tongwen serve` serves it.
fn served_posters() -> (Served, Vec<String>) {
    let site = example(&[]);
    let posters: Vec<String> = site
        .paths()
        .into_iter()
        .filter(|p| p.ends_with("poster/index.html"))
        .collect();
    (Served::start(site), posters)
}

#[test]
fn every_poster_prints_on_one_a4_page_in_portrait() {
    let (served, posters) = served_posters();
    // Nine lectures and the programme, in both scripts.
    assert_eq!(posters.len(), 20, "{posters:?}");
    let driver = WebDriver::start();
    let browser = driver.session();
    // The page count is read from the PDF: a long page must count more than one.
    browser.open(&served.url("stories/"));
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(browser.print_a4())
        .unwrap();
    assert!(pdf_pages(&pdf).0 > 1, "the story list printed on one page");
    for poster in &posters {
        browser.open(&served.url(poster.trim_end_matches("index.html")));
        let title_px = browser.run(
            "return parseFloat(getComputedStyle(document.querySelector('.poster-title')).fontSize);",
        );
        // 48 pt = 64 CSS px: readable from two metres.
        assert!(title_px.as_f64().unwrap() >= 64.0, "{poster}: {title_px}");
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(browser.print_a4())
            .unwrap();
        let (pages, media) = pdf_pages(&pdf);
        assert_eq!(pages, 1, "{poster} prints on {pages} pages");
        let size: Vec<f64> = media
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        // A4 portrait: 595 × 842 points.
        assert!(
            (size[2] - 595.3).abs() < 2.0 && (size[3] - 841.9).abs() < 2.0,
            "{poster}: {media}"
        );
    }
}

#[test]
fn cancelled_and_postponed_posters_show_it_in_large_type() {
    let (served, _) = served_posters();
    let driver = WebDriver::start();
    let browser = driver.session();
    for (poster, word) in [
        (
            "lectures/2026-10-hongse-xingzou/poster/index.html",
            "已取消",
        ),
        ("lectures/2026-11-fangzha/poster/index.html", "已延期"),
        (
            "zh-hant/lectures/2026-10-hongse-xingzou/poster/index.html",
            "已取消",
        ),
    ] {
        browser.open(&served.url(poster.trim_end_matches("index.html")));
        let stamp = browser.run(
            "const s = document.querySelector('.poster-stamp strong');
             return s ? [s.textContent, parseFloat(getComputedStyle(s).fontSize)] : null;",
        );
        assert_eq!(stamp[0], word, "{poster}");
        assert!(stamp[1].as_f64().unwrap() >= 64.0, "{poster}: {stamp}");
    }
}

/// The file a `file://` URL names, without its `#fragment`.
fn file_of(url: &str) -> PathBuf {
    let path = url.trim_start_matches("file://");
    let path = path.split('#').next().unwrap();
    PathBuf::from(percent_decode(path))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn a_portable_copy_works_opened_from_disk() {
    let site = example(&["--portable"]);
    let out = site.out();
    let driver = WebDriver::start();
    let browser = driver.session();
    let mut followed = 0;
    for home in ["index.html", "zh-hant/index.html"] {
        browser.open(&file_url(&out.join(home)));
        let links = browser.run(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.href)
                 .filter(href => href.startsWith('file:'));",
        );
        let links: Vec<String> = links
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect();
        assert!(links.len() > 20, "{home}: {links:?}");
        for link in links {
            let file = file_of(&link);
            assert!(
                file.is_file(),
                "{home} links to {link}, which is not in the copy"
            );
            if !link.split('#').next().unwrap().ends_with(".html") {
                continue;
            }
            browser.open(&link);
            // Styles: the masthead's red (a poster's own sheet); script: site.js shows the
            // text size switch. The page's own links and images must lead into the copy too
            // (pagination, tags, photos).
            let state = browser.run(
                "const m = document.querySelector('.masthead, .poster');
                 const b = document.querySelector('[data-text-size]');
                 const files = u => u.startsWith('file:');
                 return [m ? getComputedStyle(m).backgroundColor : 'no masthead',
                         m && m.classList.contains('poster') ? true : !!(b && !b.hidden),
                         Array.from(document.querySelectorAll('a[href]'), a => a.href)
                           .concat(Array.from(document.images, i => i.src))
                           .concat(Array.from(document.querySelectorAll('link[href]'), l => l.href))
                           .filter(files)];",
            );
            assert!(
                state[0] != "rgba(0, 0, 0, 0)" && state[0] != "no masthead",
                "{link}: unstyled ({})",
                state[0]
            );
            assert_eq!(state[1], true, "{link}: site.js did not run");
            for target in state[2].as_array().unwrap() {
                let target = target.as_str().unwrap();
                assert!(
                    file_of(target).is_file(),
                    "{link} leads to {target}, which is not in the copy"
                );
            }
            followed += 1;
        }
    }
    assert!(followed > 40, "followed {followed} pages");
}

#[test]
fn the_portable_script_switch_leads_to_the_same_page() {
    let site = example(&["--portable"]);
    let driver = WebDriver::start();
    let browser = driver.session();
    let story = site.out().join("stories/zhangmenren/index.html");
    browser.open(&file_url(&story));
    browser.run("document.querySelector('.lang-switch').click(); return null;");
    let ok = browser.wait_until(
        "the switch opens the traditional page",
        "location.href.endsWith('/zh-hant/stories/zhangmenren/index.html') && document.documentElement.lang === 'zh-Hant' && document.querySelector('.article-cover img').naturalWidth > 0",
        &String::new,
    );
    assert_eq!(ok, true);
}

#[test]
fn copy_link_copies_the_page_address_and_says_so() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(site);
    let driver = WebDriver::start();
    let browser = driver.session();
    browser.open(&served.url("zh-hant/stories/changxin-hongse-weijia/"));
    // The preview's review toolbar sits in the bottom-right corner: bring the button to the
    // middle of the window, where a reader would click it.
    browser.run(
        "document.querySelector('.share-copy').scrollIntoView({block: 'center'}); return null;",
    );
    // A WebDriver click is a reader's click: the clipboard accepts it.
    let button = browser.post(
        "/element",
        serde_json::json!({"using": "css selector", "value": ".share-copy"}),
    );
    let id = button.as_object().unwrap().values().next().unwrap();
    browser.post(
        &format!("/element/{}/click", id.as_str().unwrap()),
        serde_json::json!({}),
    );
    let said = browser.wait_for(
        "the share box says the address was copied",
        "document.querySelector('.share-status').textContent",
        &served,
    );
    assert_eq!(said, "已複製，可以粘貼到微信群");
    // serve publishes the site at its own address: the box copies that.
    let field = browser.run("return document.querySelector('.share-url').value;");
    assert_eq!(field, served.url("zh-hant/stories/changxin-hongse-weijia/"));
}
