//! Rebuilds in serve reuse what the previous build parsed and rendered (`Engines::for_rebuilds`):
//! after any edit, a rebuild with warm engines gives exactly what a fresh build of the edited
//! site gives: the same files, bytes, photos and diagnostics.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

#[allow(dead_code)]
#[path = "../benches/support/synth.rs"]
mod synth;

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
        scheduled: false,
        base_url: Some("http://127.0.0.1:1313/".into()),
        search_index: true,
        first: Vec::new(),
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
    let fresh = build(root, &Engines::default());
    assert_eq!(
        fresh.is_ok(),
        builds,
        "{step}: a fresh build {}: {:?}",
        if builds { "failed" } else { "succeeded" },
        fresh.as_ref().err()
    );
    assert_rebuild_equals(root, warm, step, fresh);
}

/// Rebuilds with `warm` and compares with `fresh`, a build of the same site by fresh engines.
fn assert_rebuild_equals(
    root: &Path,
    warm: &Engines,
    step: &str,
    fresh: Result<(OutputSet, Built), Vec<tongwen::diagnostics::Diagnostic>>,
) {
    let rebuilt = build(root, warm);
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

/// A small deterministic random stream for the edit sequence (the same seed, the same steps).
struct Steps(u64);

impl Steps {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Every content file of the site, relative to `root`, sorted.
fn content_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for section in ["stories", "workshops", "lectures"] {
        let Ok(dir) = std::fs::read_dir(root.join("content").join(section)) else {
            continue;
        };
        for entry in dir {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".md") {
                files.push(format!("content/{section}/{name}"));
            }
        }
    }
    files.sort();
    files
}

/// One random change to the site: what a writer does between two saves. Returns its name.
fn random_change(site: &SiteTest, steps: &mut Steps, n: usize) -> String {
    let root = site.root();
    let files = content_files(root);
    let file = files[steps.below(files.len())].clone();
    match steps.below(14) {
        0..=2 => {
            edit(site, &file, |text| {
                format!("{text}\n第{n}次补充：居民议事会又开了一次。\n")
            });
            format!("body end of {file}")
        }
        3 => {
            edit(site, &file, |text| {
                text.replacen("---\n\n", &format!("---\n\n开头改写第{n}次。"), 1)
            });
            format!("body start of {file}")
        }
        4 => {
            edit(site, &file, |text| {
                text.replacen("title: ", &format!("title: 改{n}"), 1)
            });
            format!("title of {file}")
        }
        5 => {
            let tag = ["新标签甲", "新标签乙", "邻里互助"][steps.below(3)];
            edit(site, &file, |text| {
                text.replacen("tags: [", &format!("tags: [{tag}, "), 1)
            });
            format!("tags of {file}")
        }
        6 => {
            edit(site, &file, |text| {
                let line = text.lines().find(|l| l.starts_with("summary: "));
                match line {
                    Some(line) => text.replacen(&format!("{line}\n"), "", 1),
                    None => text.replacen("title: ", &format!("summary: 新摘要{n}\ntitle: "), 1),
                }
            });
            format!("summary of {file}")
        }
        7 => {
            let workshop = files
                .iter()
                .find(|f| f.starts_with("content/workshops/"))
                .and_then(|f| Path::new(f).file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            let workshops = workshop.map_or(String::new(), |w| format!("workshops: [{w}]\n"));
            let day = 1 + steps.below(28);
            let path = format!("content/stories/added-{n}.md");
            site.write(
                &path,
                format!(
                    "---\ntitle: 新故事{n}\ndate: 2025-{:02}-{day:02}\ncommunity: 长欣公寓社区\ntags: [新标签甲]\n{workshops}---\n\n新写的故事第{n}篇。\n",
                    1 + steps.below(12)
                ),
            );
            format!("added {path}")
        }
        8 if files.len() > 12 && !file.contains("/workshops/") => {
            std::fs::remove_file(root.join(&file)).unwrap();
            format!("deleted {file}")
        }
        9 if !file.contains("/workshops/") => {
            let section = file.split('/').nth(1).unwrap();
            let to = format!("content/{section}/renamed-{n}.md");
            std::fs::rename(root.join(&file), root.join(&to)).unwrap();
            format!("renamed {file} to {to}")
        }
        10 => {
            edit(site, &file, |text| {
                let Some(line) = text
                    .lines()
                    .find(|l| l.starts_with("date: ") || l.starts_with("start: "))
                else {
                    return text;
                };
                let field = line.split(':').next().unwrap();
                text.replacen(
                    line,
                    &format!(
                        "{field}: 20{:02}-06-{:02}",
                        15 + steps.below(14),
                        1 + steps.below(28)
                    ),
                    1,
                )
            });
            format!("date of {file}")
        }
        11 if n.is_multiple_of(5) => {
            edit(site, "site.yaml", |text| {
                if text.contains("title: 改过的") {
                    text.replacen("title: 改过的", "title: ", 1)
                } else {
                    text.replacen("title: ", "title: 改过的", 1)
                }
            });
            "site.yaml".into()
        }
        12 if n.is_multiple_of(7) => {
            site.write(
                "themes/default/templates/tag.html",
                format!("{{% extends \"base.html\" %}}{{% block main %}}<h1>{{{{ page.title }}}}</h1><p>版本{n}</p>{{% endblock %}}"),
            );
            "a template".into()
        }
        _ => "nothing".into(),
    }
}

/// Edits in the randomized sequence: enough to meet every kind of change many times.
const STEPS: usize = 200;

#[test]
fn random_edit_sequences_rebuild_as_fresh_builds() {
    let site = SiteTest::empty();
    let root = site.root().to_path_buf();
    synth::generate(&root, 16, 11).unwrap();
    let engines = Engines::for_rebuilds();
    assert_rebuild_is_fresh(&root, &engines, "first build");
    // Keeps only the converter between builds (rebuilt when site.yaml changes it), as a
    // one-off build does: every other stage runs afresh.
    let cold = Engines::default();
    let mut steps = Steps(20_261_204);
    for n in 0..STEPS {
        let change = random_change(&site, &mut steps, n);
        // A change may break the site (a story naming a deleted lecture's workshop): the
        // warm rebuild must then fail exactly as a fresh build does.
        let fresh = build(&root, &cold);
        assert_rebuild_equals(&root, &engines, &format!("step {n}: {change}"), fresh);
    }
}

/// A build of `root` at `now`, as serve's preview (`scheduled: true`) or as `build`.
fn build_at(root: &Path, engines: &Engines, now: &str, scheduled: bool) -> (OutputSet, Built) {
    let options = BuildOptions {
        now: now.parse().unwrap(),
        scheduled,
        ..options()
    };
    let input = source::read_site(root).unwrap();
    pipeline::build_in_memory(&input, &options, engines).unwrap()
}

#[test]
fn a_rebuild_across_a_publish_time_equals_a_fresh_build() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/pinming.md",
        "---\ntitle: 冬至品茗\ndate: 2024-05-20\ncommunity: 长欣公寓社区\ntags: [党建]\nworkshops: [laoshuji]\npublish: 2024-05-20 08:00\n---\n\n居民一起喝茶聊天。\n",
    )
    .write(
        "content/stories/xiangbao.md",
        "---\ntitle: 端午香包\ndate: 2024-04-20\ncommunity: 长欣公寓社区\nsummary: 缝制香包\nexpires: 2024-05-10\n---\n\n缝制香包。\n",
    );
    let root = site.root();
    for scheduled in [true, false] {
        let warm = Engines::for_rebuilds();
        let mut previous: Option<OutputSet> = None;
        for now in [
            "2024-05-01T10:00+08:00",
            "2024-05-15T10:00+08:00",
            "2024-05-21T10:00+08:00",
        ] {
            let (rebuilt, rebuilt_built) = build_at(root, &warm, now, scheduled);
            let (fresh, fresh_built) = build_at(root, &Engines::default(), now, scheduled);
            let step = format!("scheduled {scheduled} at {now}");
            assert_eq!(
                rebuilt.files.keys().collect::<Vec<_>>(),
                fresh.files.keys().collect::<Vec<_>>(),
                "{step}: output paths"
            );
            for (path, body) in &fresh.files {
                assert!(
                    rebuilt.files.get(path) == Some(body),
                    "{step}: {path} differs"
                );
            }
            assert_eq!(rebuilt_built.summary, fresh_built.summary, "{step}");
            // Each step changes what is published or marked: the test crosses real changes.
            assert!(previous.as_ref() != Some(&fresh), "{step}: nothing changed");
            previous = Some(fresh);
        }
    }
}
