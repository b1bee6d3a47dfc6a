//! The benchmark's synthetic site generator (benches/support/synth.rs): its corpus has the
//! promised shape, and it builds cleanly (every field, date form and link it writes is one
//! tongwen accepts), so the benchmark measures a real build and not an error path.

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

#[test]
fn same_seed_same_corpus() {
    let a = synth::Corpus::new(40, 7);
    let b = synth::Corpus::new(40, 7);
    let text = |c: &synth::Corpus| {
        c.entries
            .iter()
            .map(synth::Entry::to_markdown)
            .collect::<Vec<_>>()
    };
    assert_eq!(text(&a), text(&b));
    assert_ne!(text(&a), text(&synth::Corpus::new(40, 8)));
}

#[test]
fn split_is_70_15_15() {
    let c = synth::Counts::of(1000);
    assert_eq!((c.stories, c.workshops, c.lectures), (700, 150, 150));
    let c = synth::Counts::of(1);
    assert_eq!((c.stories, c.workshops, c.lectures), (0, 1, 0));
}

#[test]
fn about_a_quarter_is_traditional() {
    let c = synth::Corpus::new(400, 1);
    let hant = c.entries.iter().filter(|e| e.hant).count();
    assert!((70..=130).contains(&hant), "{hant} of 400");
    let e = c
        .entries
        .iter()
        .find(|e| e.hant)
        .expect("a traditional entry");
    assert!(e.to_markdown().contains("script: hant"));
    assert!(e.body.contains('區') || e.body.contains('黨') || e.body.contains('員'));
}

#[test]
fn paragraphs_are_200_to_1500_characters() {
    let c = synth::Corpus::new(100, 3);
    for e in &c.entries {
        for para in e
            .body
            .split("\n\n")
            .filter(|p| !p.is_empty() && !p.starts_with(['#', '-', '|', '>']))
        {
            let n = para.chars().count();
            assert!((200..=1500).contains(&n), "{n} characters in {}", e.slug);
        }
    }
}

#[test]
fn links_point_at_files_of_the_corpus() {
    let c = synth::Corpus::new(200, 5);
    let paths: std::collections::HashSet<String> =
        c.entries.iter().map(synth::Entry::path).collect();
    let mut seen = 0;
    for e in &c.entries {
        for (at, _) in e.body.match_indices("](../") {
            let rest = &e.body[at + 5..];
            let target = &rest[..rest.find(')').expect("closing parenthesis")];
            assert!(paths.contains(&format!("content/{target}")), "{target}");
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} links");
}
