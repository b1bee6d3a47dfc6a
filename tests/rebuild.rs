//! Rebuilds in serve reuse what the previous build parsed and rendered (`Engines::for_rebuilds`):
//! after any edit, a rebuild with warm engines gives exactly what a fresh build of the edited
//! site gives: the same files, bytes, photos and diagnostics.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use support::SiteTest;
use tongwen::output::OutputSet;
use tongwen::pipeline::{self, BuildOptions, Built, Engines};
use tongwen::source;

const NOW: &str = "2024-05-01T10:00+08:00";

fn options() -> BuildOptions {
    BuildOptions {
        now: NOW.parse().unwrap(),
        drafts: false,
        base_url: Some("http://127.0.0.1:1313/".into()),
    }
}

fn build(
    root: &Path,
    engines: &Engines,
) -> Result<(OutputSet, Built), Vec<tongwen::diagnostics::Diagnostic>> {
    let input = source::read_site(root).unwrap();
    pipeline::build_in_memory(&input, &options(), engines)
}

/// Rebuilds with `warm` and compares with a build by fresh engines, which must succeed.
fn assert_rebuild_is_fresh(root: &Path, warm: &Engines, step: &str) {
    assert_rebuild_is_fresh_as(root, warm, step, true);
}

/// `assert_rebuild_is_fresh` for a site that must fail to build (`builds: false`).
fn assert_rebuild_is_fresh_as(root: &Path, warm: &Engines, step: &str, builds: bool) {
    let rebuilt = build(root, warm);
    let fresh = build(root, &Engines::default());
    assert_eq!(
        fresh.is_ok(),
        builds,
        "{step}: a fresh build {}: {:?}",
        if builds { "failed" } else { "succeeded" },
        fresh.as_ref().err()
    );
    match (rebuilt, fresh) {
        (Ok((rebuilt_output, rebuilt)), Ok((fresh_output, fresh))) => {
            let paths = |o: &OutputSet| o.files.keys().cloned().collect::<Vec<_>>();
            assert_eq!(
                paths(&rebuilt_output),
                paths(&fresh_output),
                "{step}: output paths"
            );
            assert_eq!(rebuilt.paths, fresh.paths, "{step}: paths");
            for (path, body) in &fresh_output.files {
                assert!(
                    rebuilt_output.files.get(path) == Some(body),
                    "{step}: {path} differs from a fresh build"
                );
            }
            assert_eq!(rebuilt.images, fresh.images, "{step}: photos");
            assert_eq!(rebuilt.warnings, fresh.warnings, "{step}: warnings");
            assert_eq!(rebuilt.summary, fresh.summary, "{step}: summary");
        }
        (Err(rebuilt), Err(fresh)) => assert_eq!(rebuilt, fresh, "{step}: errors"),
        (rebuilt, fresh) => panic!(
            "{step}: rebuild ok = {}, fresh build ok = {}",
            rebuilt.is_ok(),
            fresh.is_ok()
        ),
    }
}

fn edit(site: &SiteTest, path: &str, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(path, change(text));
}

#[test]
fn rebuilds_after_edits_equal_fresh_builds() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let engines = Engines::for_rebuilds();
    assert_rebuild_is_fresh(&root, &engines, "first build");
    assert_rebuild_is_fresh(&root, &engines, "nothing changed");

    let story = "content/stories/e-zuxue.md";
    edit(&site, story, |text| {
        format!("{text}\n补充一段说明：见[老书记工作室](../workshops/laoshuji.md)。\n")
    });
    assert_rebuild_is_fresh(&root, &engines, "a story's body");

    edit(&site, story, |text| {
        text.replacen("title: “E组学”", "title: “E组学”新版", 1)
            .replacen("tags: [红色微家", "tags: [新标签, 红色微家", 1)
    });
    assert_rebuild_is_fresh(&root, &engines, "a story's title and tags");

    let added = "content/stories/xin-gushi.md";
    site.write(
        added,
        "---\ntitle: 新的故事\ndate: 2024-04-30\ncommunity: 长欣公寓社区\ntags: [新标签]\n---\n\n见[E组学](e-zuxue.md)。\n",
    );
    assert_rebuild_is_fresh(&root, &engines, "a story added");

    site.write(added, "---\ntitle: 新的故事\n");
    assert_rebuild_is_fresh_as(&root, &engines, "broken front matter", false);

    std::fs::remove_file(root.join(added)).unwrap();
    assert_rebuild_is_fresh(&root, &engines, "the story deleted");

    edit(&site, "site.yaml", |text| {
        text.replacen("title: 长欣社区“红色微家”", "title: 长欣社区", 1)
    });
    assert_rebuild_is_fresh(&root, &engines, "site.yaml");

    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ page.title }}</p>{% endblock %}",
    );
    assert_rebuild_is_fresh(&root, &engines, "a template");
}

#[test]
fn rebuilds_of_a_synthetic_site_equal_fresh_builds() {
    #[allow(dead_code)]
    #[path = "../benches/support/synth.rs"]
    mod synth;
    let site = SiteTest::empty();
    let root = site.root().to_path_buf();
    synth::generate(&root, 80, 7).unwrap();
    let engines = Engines::for_rebuilds();
    assert_rebuild_is_fresh(&root, &engines, "first build");
    let story = "content/stories/story-00001.md";
    edit(&site, story, |text| {
        format!("{text}\n第一次修改：补充一段说明。\n")
    });
    assert_rebuild_is_fresh(&root, &engines, "a story's body");
    edit(&site, story, |text| {
        text.replacen("title: ", "title: 改过的", 1)
    });
    assert_rebuild_is_fresh(&root, &engines, "a story's title");

    // The oldest story becomes the newest: the feed now shows its whole body, which the
    // previous build did not keep.
    let oldest = oldest_story(&root);
    edit(&site, &oldest, |text| {
        let date = text.lines().find(|l| l.starts_with("date: ")).unwrap();
        text.replacen(date, "date: 2027-01-01", 1)
    });
    assert_rebuild_is_fresh(&root, &engines, "the oldest story made the newest");
}

/// The story file with the earliest `date:` (dates are written `2015-03-07` or `2015年3月7日`).
fn oldest_story(root: &Path) -> String {
    let dir = root.join("content/stories");
    let mut dated: Vec<((u32, u32, u32), String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            let date = text.lines().find(|l| l.starts_with("date: ")).unwrap();
            let numbers: Vec<u32> = date
                .split(|c: char| !c.is_ascii_digit())
                .filter(|part| !part.is_empty())
                .map(|part| part.parse().unwrap())
                .collect();
            ((numbers[0], numbers[1], numbers[2]), name)
        })
        .collect();
    dated.sort();
    format!("content/stories/{}", dated[0].1)
}
