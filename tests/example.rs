//! The repository's own example site: it builds, and every page is in one script only.

mod support;

use support::SiteTest;
use tongwen::convert::{Converter, Script, Variant, stray};

/// The visible text of a page (and its JSON-LD), without tags.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn example_site_pages_hold_no_characters_of_the_other_script() {
    let site = SiteTest::example().now("2026-11-23T10:00+08:00");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let conv = Converter::new(Variant::Standard, &[]);
    let mut problems = Vec::new();
    let mut pages = 0;
    for path in site.paths() {
        if !path.ends_with(".html") && !path.ends_with(".xml") && !path.ends_with(".ics") {
            continue;
        }
        let script = if path.starts_with("zh-hant/") {
            Script::Hant
        } else {
            Script::Hans
        };
        let text = text_of(&site.read(&path));
        pages += 1;
        for s in stray::find(&conv, &text, script) {
            let around: String = text[s.offset.saturating_sub(15)..]
                .chars()
                .take(12)
                .collect();
            problems.push(format!("{path}: “{}” in …{around}…", s.found));
        }
    }
    assert!(pages > 60, "only {pages} pages");
    assert!(
        problems.is_empty(),
        "{} characters of the other script:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn example_site_has_what_a_newcomer_expects() {
    let site = SiteTest::example().now("2026-11-23T10:00+08:00");
    assert_eq!(site.build().code, 0);
    let paths = site.paths();
    let count = |prefix: &str| {
        paths
            .iter()
            .filter(|p| {
                p.starts_with(prefix) && p.ends_with("/index.html") && !p.contains("/page/")
            })
            .count()
    };
    assert!(count("stories/") > 8, "{paths:#?}");
    assert!(count("workshops/") > 4);
    assert!(count("lectures/") > 8);
    assert!(site.exists("zh-hant/stories/changxin-hongse-weijia/index.html"));
    let check = site.run(&["check", "--now", "2026-11-23T10:00+08:00"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
