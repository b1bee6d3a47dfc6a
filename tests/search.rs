//! The search index a build writes: queries are answered from the index files the way
//! `search.js` answers them (fold, keys, shards, postings, then adjacency in the text).

#![allow(clippy::unwrap_used)] // A panic is the failure report.

mod support;

use std::collections::BTreeMap;

use serde_json::Value;
use support::SiteTest;
use tongwen::convert::{Converter, Script, Variant};
use tongwen::search::postings::{self, IN_BODY, IN_FIELDS, IN_TITLE};
use tongwen::search::tokens::{self, Run};
use tongwen::search::{Fold, INDEX_DIR, diff};

const NOW: &str = "2024-05-01T10:00+08:00";

/// The JSON argument(s) of a `tongwenSearch.NAME(…);` index file.
fn call_args(js: &str) -> Vec<Value> {
    let open = js.find('(').unwrap();
    let close = js.rfind(')').unwrap();
    serde_json::from_str(&format!("[{}]", &js[open + 1..close])).unwrap()
}

struct Index<'a> {
    site: &'a SiteTest,
    manifest: Value,
    fold: Fold,
}

impl<'a> Index<'a> {
    fn read(site: &'a SiteTest) -> Index<'a> {
        let manifest = call_args(&site.read(&format!("{INDEX_DIR}manifest.js"))).remove(0);
        Index {
            site,
            manifest,
            fold: Fold::new(&Converter::new(Variant::Standard, &[])),
        }
    }

    fn postings(&self, key: &str) -> BTreeMap<u32, u8> {
        let shards = self.manifest["shards"].as_u64().unwrap() as u32;
        let path = format!("{INDEX_DIR}s/{}.js", tokens::shard_of(key, shards));
        if !self.site.exists(&path) {
            return BTreeMap::new();
        }
        let args = call_args(&self.site.read(&path));
        match postings::parse_shard(args[1].as_str().unwrap()).get(key) {
            Some(text) => postings::decode(text).unwrap().into_iter().collect(),
            None => BTreeMap::new(),
        }
    }

    /// Document `id`'s record as its file holds it: texts in the first language, changes
    /// for the others.
    fn record(&self, id: u32) -> Value {
        let args = call_args(&self.site.read(&format!("{INDEX_DIR}d/{id}.js")));
        assert_eq!(args[0], id);
        args[1].clone()
    }

    /// Document `id`'s texts (`t`, `m`, `b`, `d`) in `lang`, as `search.js` shows them.
    fn doc(&self, lang: &str, id: u32) -> BTreeMap<&'static str, String> {
        let record = self.record(id);
        ["t", "m", "b", "d"]
            .into_iter()
            .map(|field| {
                let base = record[field].as_str().unwrap();
                if lang == self.manifest["langs"][0] {
                    return (field, base.to_string());
                }
                let script = if lang == "zh-hant" {
                    Script::Hant
                } else {
                    Script::Hans
                };
                let start = self.fold.convert_chars(base, script);
                let changes = record["x"][lang][field].as_str().unwrap_or("");
                (field, diff::apply(&start, changes).unwrap())
            })
            .collect()
    }

    /// The titles of the pages `query` finds in `lang`, best first.
    fn query(&self, lang: &str, query: &str) -> Vec<String> {
        let folded = self.fold.text(query);
        let parts: Vec<Run<'_>> = folded.split_whitespace().flat_map(tokens::runs).collect();
        let mut scores: Option<BTreeMap<u32, u32>> = None;
        for part in &parts {
            let keys: Vec<String> = match part {
                Run::Word(w) => vec![w.to_string()],
                Run::Han(h) => {
                    let chars: Vec<char> = h.chars().collect();
                    if chars.len() == 1 {
                        vec![h.to_string()]
                    } else {
                        chars.windows(2).map(|w| w.iter().collect()).collect()
                    }
                }
            };
            let mut docs: Option<BTreeMap<u32, u8>> = None;
            for key in keys {
                let list = self.postings(&key);
                docs = Some(match docs {
                    None => list,
                    Some(d) => d
                        .into_iter()
                        .filter_map(|(id, b)| list.get(&id).map(|c| (id, b & c)))
                        .collect(),
                });
            }
            let weight = |b: u8| match b {
                b if b & IN_TITLE != 0 => 100,
                b if b & IN_FIELDS != 0 => 10,
                b if b & IN_BODY != 0 => 1,
                _ => 0,
            };
            let docs = docs.unwrap_or_default();
            scores = Some(match scores {
                None => docs.iter().map(|(&id, &b)| (id, weight(b))).collect(),
                Some(s) => s
                    .into_iter()
                    .filter_map(|(id, v)| docs.get(&id).map(|&b| (id, v + weight(b))))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = scores.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // Adjacency is confirmed in the first language's text, the one the keys come from.
        ranked
            .into_iter()
            .filter(|&(id, _)| {
                let record = self.record(id);
                let text = self.fold.text(&format!(
                    "{}\n{}\n{}",
                    record["t"].as_str().unwrap(),
                    record["m"].as_str().unwrap(),
                    record["b"].as_str().unwrap()
                ));
                parts.iter().all(|p| match p {
                    Run::Han(h) => text.contains(h),
                    Run::Word(_) => true,
                })
            })
            .map(|(id, _)| self.doc(lang, id)["t"].clone())
            .collect()
    }
}

fn built() -> SiteTest {
    let site = SiteTest::fixture("search").now(NOW);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn a_simplified_query_finds_a_traditional_source_page_in_both_scripts() {
    let site = built();
    let index = Index::read(&site);
    assert_eq!(index.query("zh-hans", "头发"), vec!["义剪队上门理发"]);
    assert_eq!(index.query("zh-hant", "头发"), vec!["義剪隊上門理髮"]);
    assert_eq!(index.query("zh-hans", "頭髮"), vec!["义剪队上门理发"]);
    assert_eq!(index.query("zh-hant", "润州区"), vec!["義剪隊上門理髮"]);
}

#[test]
fn a_substring_across_a_word_boundary_finds_its_page() {
    let site = built();
    let index = Index::read(&site);
    assert_eq!(index.query("zh-hans", "段简"), vec!["楼道里的议事会"]);
    assert_eq!(index.query("zh-hant", "段簡"), vec!["樓道裡的議事會"]);
    assert_eq!(index.query("zh-hans", "简单的心"), vec!["楼道里的议事会"]);
    // 心里, 里的, 的议 and 议事 all occur in the page, but not 心里的议事 in a row.
    assert!(index.query("zh-hans", "心里的议事").is_empty());
}

#[test]
fn one_character_queries_words_and_numbers_match() {
    let site = built();
    let index = Index::read(&site);
    assert_eq!(index.query("zh-hans", "剪"), vec!["义剪队上门理发"]);
    assert_eq!(
        index.query("zh-hans", "0510-80000101"),
        vec!["“老书记”工作室"]
    );
    assert_eq!(index.query("zh-hans", "80000101"), vec!["“老书记”工作室"]);
    assert!(index.query("zh-hans", "8000").is_empty());
    assert_eq!(index.query("zh-hans", "icp"), vec!["关于我们"]);
    assert_eq!(index.query("zh-hans", "ＩＣＰ"), vec!["关于我们"]);
}

#[test]
fn every_term_must_match() {
    let site = built();
    let index = Index::read(&site);
    assert_eq!(
        index.query("zh-hans", "议事会 电梯"),
        vec!["楼道里的议事会"]
    );
    assert!(index.query("zh-hans", "议事会 网格员").is_empty());
}

#[test]
fn title_then_fields_then_body_and_ties_go_to_the_newest() {
    let site = built();
    let index = Index::read(&site);
    // 老书记: in two titles, the 2020 story before the workshop founded in 2019.
    assert_eq!(
        index.query("zh-hans", "老书记"),
        vec!["长欣社区的老书记", "“老书记”工作室"]
    );
    // 议事会: in the 2024 story's title, in the 2020 story's body.
    assert_eq!(
        index.query("zh-hans", "议事会"),
        vec!["楼道里的议事会", "长欣社区的老书记"]
    );
    // The lecture's speaker is a field.
    assert_eq!(index.query("zh-hans", "周文杰"), vec!["网格里的邻里事"]);
    // 长欣公寓社区 in fields: newest first.
    assert_eq!(
        index.query("zh-hans", "长欣公寓"),
        vec![
            "网格里的邻里事",
            "楼道里的议事会",
            "长欣社区的老书记",
            "“老书记”工作室"
        ]
    );
}

#[test]
fn drafts_and_pages_with_search_false_are_left_out() {
    let site = built();
    let index = Index::read(&site);
    assert!(index.query("zh-hans", "蓝莓").is_empty());
    assert!(index.query("zh-hans", "紫藤").is_empty());
    assert_eq!(index.manifest["docs"], 6);
}

#[test]
fn each_language_has_a_search_page_and_every_page_a_search_box() {
    let site = built();
    let hans = site.read("search/index.html");
    assert!(
        hans.contains(r#"data-index="/changxin/search-index/""#),
        "{hans}"
    );
    assert!(hans.contains(r#"data-home="/changxin/""#));
    assert!(hans.contains("<noscript>"));
    assert!(hans.contains(r#"href="/changxin/tags/""#));
    let hant = site.read("zh-hant/search/index.html");
    assert!(hant.contains(r#"data-home="/changxin/zh-hant/""#));
    assert!(hant.contains(r#"data-lang="zh-hant""#));
    assert!(hant.contains("搜索本站"));
    let story = site.read("zh-hant/stories/lifa/index.html");
    assert!(
        story.contains(r#"action="/changxin/zh-hant/search/""#),
        "{story}"
    );
    assert!(site.exists("theme/js/search.js"));
}

#[test]
fn each_page_is_stored_once_with_what_differs_in_the_other_script() {
    let site = built();
    let index = Index::read(&site);
    assert!(
        site.paths()
            .iter()
            .all(|p| !p.starts_with(&format!("{INDEX_DIR}zh-han"))),
        "no index file per language"
    );
    let lifa = (0..6)
        .find(|&id| index.record(id)["u"] == "stories/lifa/")
        .unwrap();
    let record = index.record(lifa);
    assert_eq!(record["t"], "义剪队上门理发");
    assert_eq!(record["k"], "s");
    let hant = index.doc("zh-hant", lifa);
    assert_eq!(hant["t"], "義剪隊上門理髮");
    assert_eq!(hant["m"], "西津古渡社區 · 潤州區 · 志願服務");
    assert!(
        hant["b"].contains("每月第一個週六，義剪隊為行動不便的老人上門剪頭髮，已經堅持了五年。"),
        "{}",
        hant["b"]
    );
    assert_eq!(hant["d"], record["d"].as_str().unwrap());
    // The traditional texts as changes to the simplified ones converted character by
    // character: only 週 (周 stays 周 by itself) and 髮 (发 becomes 發 by itself).
    assert_eq!(record["x"]["zh-hant"]["t"], "6髮");
    assert_eq!(record["x"]["zh-hant"]["b"], "5週17髮");
    // What is the same in both scripts has no changes.
    assert!(record["x"]["zh-hant"].get("d").is_none(), "{record}");
}

#[test]
fn two_builds_write_the_same_index() {
    let first = built();
    let second = built();
    let index: Vec<String> = first
        .paths()
        .into_iter()
        .filter(|p| p.starts_with(INDEX_DIR))
        .collect();
    // The manifest, a shard and the six documents.
    assert!(index.len() >= 8, "{index:?}");
    let again: Vec<String> = second
        .paths()
        .into_iter()
        .filter(|p| p.starts_with(INDEX_DIR))
        .collect();
    assert_eq!(index, again);
    for path in &index {
        assert_eq!(first.read(path), second.read(path), "{path}");
    }
}
