//! Each kind of edit changes the dependency records of exactly the pages that show it.

use std::collections::{BTreeMap, BTreeSet};

use super::super::tests::{config, test_site};
use super::super::*;
use crate::convert::Variant;
use crate::output::Discard;

/// Every page's dependency record after a warm build of `site`.
fn records(site: &Site) -> BTreeMap<String, Key> {
    warm_build(site).records()
}

/// The cache after a warm build of `site`.
fn warm_build(site: &Site) -> RenderCache {
    let converter = Converter::new(Variant::Standard, &[]);
    let templates = Templates::builtin();
    let cache = RenderCache::default();
    let inputs = RenderInputs {
        search_index: true,
        cache: Some(&cache),
        converter: &converter,
        templates: &templates,
        now: "2026-06-01T02:00:00Z".parse().unwrap(),
        base_url: &site.config.base_url,
        images: &NoImages,
        static_files: &[],
        theme_static: &[],
        share_image: None,
        first: &[],
    };
    let (_, diagnostics) = super::super::site(site, &inputs, &Discard);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    cache.finish();
    cache
}

use super::Key;

/// The output paths whose record differs between the two sites (or exists in one only).
fn changed(before: &Site, after: &Site) -> BTreeSet<String> {
    let (a, b) = (records(before), records(after));
    a.keys()
        .chain(b.keys())
        .filter(|path| a.get(*path) != b.get(*path))
        .cloned()
        .collect()
}

fn both(paths: &[&str]) -> BTreeSet<String> {
    paths
        .iter()
        .flat_map(|p| [p.to_string(), format!("zh-hant/{p}")])
        .collect()
}

fn entry(site: &mut Site, source: &str) -> usize {
    site.entries
        .iter()
        .position(|e| e.doc.source == source)
        .unwrap()
}

#[test]
fn nothing_changed_changes_no_record() {
    let site = test_site(config());
    assert!(!records(&site).is_empty());
    assert_eq!(changed(&site, &test_site(config())), BTreeSet::new());
}

#[test]
fn a_body_edit_behind_a_summary_touches_only_its_page_in_both_scripts() {
    let before = test_site(config());
    let mut after = test_site(config());
    let i = entry(&mut after, "content/stories/yishiting.md");
    let body = format!("{}\n又补充了一段。\n", &*after.entries[i].doc.body);
    after.entries[i].doc.body = body.into();
    assert_eq!(
        changed(&before, &after),
        both(&["stories/yishiting/index.html"])
    );
}

#[test]
fn a_body_edit_without_a_summary_touches_the_pages_that_show_its_excerpt() {
    let before = test_site(config());
    let mut after = test_site(config());
    let i = entry(&mut after, "content/stories/haojiafeng.md");
    after.entries[i].doc.body = "换了开头的一段话。\n".into();
    assert_eq!(
        changed(&before, &after),
        both(&[
            "index.html",
            "stories/haojiafeng/index.html",
            "stories/index.html",
            "tags/dangjian-yinling/index.html",
            "tags/jiafeng/index.html",
            "workshops/laoshuji/index.html",
        ])
    );
}

#[test]
fn a_title_edit_touches_the_lists_and_tag_pages_that_show_it() {
    let before = test_site(config());
    let mut after = test_site(config());
    let i = entry(&mut after, "content/stories/huikeiting.md");
    after.entries[i].doc.common.title = "会客厅的新名字".into();
    assert_eq!(
        changed(&before, &after),
        both(&[
            "index.html",
            "stories/huikeiting/index.html",
            "stories/page/2/index.html",
        ])
    );
}

#[test]
fn a_site_setting_touches_every_page() {
    let before = test_site(config());
    let mut settings = config();
    settings.description = "新的网站简介".into();
    let after = test_site(settings);
    let all: BTreeSet<String> = records(&before).into_keys().collect();
    assert_eq!(changed(&before, &after), all);
}

/// How many search index records of `before` are not kept for `after`, and how many
/// `after` has that `before` did not.
fn search_changes(before: &Site, after: &Site) -> (usize, usize) {
    let (a, b) = (
        warm_build(before).search_records(),
        warm_build(after).search_records(),
    );
    (a.difference(&b).count(), b.difference(&a).count())
}

#[test]
fn a_body_edit_changes_only_its_own_search_records() {
    let before = test_site(config());
    assert!(!warm_build(&before).search_records().is_empty());
    let mut after = test_site(config());
    let i = entry(&mut after, "content/stories/yishiting.md");
    let body = format!("{}\n又补充了一段。\n", &*after.entries[i].doc.body);
    after.entries[i].doc.body = body.into();
    // One record per language.
    assert_eq!(search_changes(&before, &after), (2, 2));
    assert_eq!(search_changes(&before, &test_site(config())), (0, 0));
}

#[test]
fn a_title_edit_changes_only_its_own_search_records() {
    let before = test_site(config());
    let mut after = test_site(config());
    let i = entry(&mut after, "content/stories/huikeiting.md");
    after.entries[i].doc.common.title = "会客厅的新名字".into();
    assert_eq!(search_changes(&before, &after), (2, 2));
}
