//! The benchmark's synthetic site (benches/support/synth.rs) builds cleanly: every field,
//! date form and link it generates is one tongwen accepts, so the benchmark measures a real
//! build and not an error path. Also runs the generator's own unit tests.

mod support;
#[allow(dead_code)]
#[path = "../benches/support/synth.rs"]
mod synth;

use support::SiteTest;

const NOW: &str = "2026-06-01T10:00+08:00";

fn synthetic(n: usize, seed: u64) -> (SiteTest, synth::Corpus) {
    let site = SiteTest::empty().now(NOW);
    let corpus = synth::generate(site.root(), n, seed).expect("writing the synthetic site");
    (site, corpus)
}

#[test]
fn synthetic_site_builds_without_any_diagnostic() {
    let (site, corpus) = synthetic(60, 11);
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert_eq!(run.stderr.trim(), "", "diagnostics on generated content");
    let paths = site.paths();
    for entry in &corpus.entries {
        let page = format!("{}/{}/index.html", entry.section.folder(), entry.slug);
        assert!(paths.contains(&page), "missing {page}");
        assert!(
            paths.contains(&format!("zh-hant/{page}")),
            "missing zh-hant/{page}"
        );
    }
}

#[test]
fn synthetic_links_become_page_urls() {
    let (site, corpus) = synthetic(60, 12);
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let entry = corpus
        .entries
        .iter()
        .find(|e| e.body.contains("](../stories/"))
        .expect("a body that links a story");
    let at = entry.body.find("](../stories/").expect("checked above") + "](../stories/".len();
    let target = &entry.body[at..at + "story-00000".len()];
    let main = site.main_of(&format!(
        "{}/{}/index.html",
        entry.section.folder(),
        entry.slug
    ));
    assert!(
        main.contains(&format!("/stories/{target}/\"")),
        "no link to /stories/{target}/ in {main}"
    );
    assert!(!main.contains(".md\""), "a .md link was left in {main}");
}
