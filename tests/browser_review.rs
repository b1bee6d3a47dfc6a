//! Proofreading in a real browser: from a story's preview, the toolbar leads to the
//! review view; the risky choice is marked; one click decides it, and the zh-Hant page
//! shows the chosen form after the rebuild. Headless Chromium over WebDriver
//! (`support/browser.rs`); waits poll the page with a deadline.

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use support::SiteTest;
use support::browser::Served;
use support::webdriver::WebDriver;

#[test]
fn a_decision_clicked_in_the_review_view_changes_the_traditional_page() {
    let served = Served::start(SiteTest::fixture("review"));
    let driver = WebDriver::start();
    let browser = driver.session();
    browser.open(&served.url("stories/lifa/"));
    browser.wait_for(
        "the toolbar on the story",
        "document.querySelector('#tongwen-toolbar a.tw-review')",
        &served,
    );
    browser.run("document.querySelector('#tongwen-toolbar a.tw-review').click(); return null;");
    browser.wait_for(
        "the review view with the risky 发 marked",
        "location.pathname === '/__tongwen/review/page/stories/lifa/' \
         && [...document.querySelectorAll('.tw-src mark.tw-risky')].some(m => m.textContent === '发') \
         && document.querySelector('.tw-out mark.tw-risky').textContent === '發'",
        &served,
    );
    browser.run(
        "[...document.querySelectorAll('.tw-choice')].find(c => c.dataset.after.startsWith('剪短了')) \
         .querySelector('button[data-use=\"髮\"]').click(); return null;",
    );
    // The write triggers a rebuild, which reloads the review view with the decision.
    browser.wait_for(
        "the review view after the rebuild",
        "document.body.innerText.includes('已校对：用“髮”') \
         && document.querySelector('.tw-out mark.tw-done').textContent === '髮'",
        &served,
    );
    browser.open(&served.url("zh-hant/stories/lifa/"));
    browser.wait_for(
        "the traditional page with the chosen form",
        "document.querySelector('main').innerText.includes('他把髮剪短了')",
        &served,
    );
    let review = std::fs::read_to_string(served.site.root().join("review.yaml")).unwrap();
    assert!(review.contains("【发】"), "{review}");
}
