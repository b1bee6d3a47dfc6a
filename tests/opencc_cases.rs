//! OpenCC's own published test cases (tests/data/opencc/testcases.json, Apache-2.0,
//! see NOTICE there) through `Converter::convert`, for every configuration a site
//! can use. The cases that differ today are listed per configuration: any change
//! of the engine's dictionaries, better or worse, fails this test until the list
//! is updated. Pass rates: `cargo test --test opencc_cases -- --nocapture`.

#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;

use tongwen::convert::{Converter, Script, Variant};

const CASES: &str = include_str!("data/opencc/testcases.json");

/// OpenCC configuration name, the site variant that uses it, and its direction.
const CONFIGS: [(&str, Variant, Script, Script); 8] = [
    ("s2t", Variant::Standard, Script::Hans, Script::Hant),
    ("s2tw", Variant::Tw, Script::Hans, Script::Hant),
    ("s2twp", Variant::TwPhrases, Script::Hans, Script::Hant),
    ("s2hk", Variant::Hk, Script::Hans, Script::Hant),
    ("t2s", Variant::Standard, Script::Hant, Script::Hans),
    ("tw2s", Variant::Tw, Script::Hant, Script::Hans),
    ("tw2sp", Variant::TwPhrases, Script::Hant, Script::Hans),
    ("hk2s", Variant::Hk, Script::Hant, Script::Hans),
];

/// The case ids whose output differs from OpenCC's expectation today.
const KNOWN_DIFFERENCES: [(&str, &[&str]); 8] = [
    (
        "s2t",
        &[
            "case_019",
            "case_024",
            "s2t_ximian",
            "variants_tw_s2twp",
            "BYVoid_OpenCC_PR_447_s2x",
            "BYVoid_OpenCC_Issue_914",
            "BYVoid_OpenCC_PR_1036_s2x",
            "deleted_14-character_phrases_s2t",
            "fruit_dried_phrases_s2t",
            "BYVoid_OpenCC_PR_1248_niu_ji_tong_zao",
            "BYVoid_OpenCC_Issue_767_solace",
            "BYVoid_OpenCC_PR_736_reviewed_phrases",
            "BYVoid_OpenCC_PR_736_li_contexts",
            "BYVoid_OpenCC_PR_1295",
            "s2t_dry_cooking_gan",
            "BYVoid_OpenCC_Issue_1397",
            "classical_chong_daoist_s2t",
            "classical_entries_modern_sense_guard_s2t",
        ],
    ),
    (
        "s2tw",
        &[
            "BYVoid_OpenCC_PR_447_s2x",
            "BYVoid_OpenCC_Issue_914",
            "fruit_dried_phrases_s2t",
            "BYVoid_OpenCC_PR_1248_niu_ji_tong_zao",
            "BYVoid_OpenCC_Issue_722",
        ],
    ),
    (
        "s2twp",
        &[
            "fortune_500_company_names_tw_s2twp",
            "BYVoid_OpenCC_PR_447_s2x",
            "BYVoid_OpenCC_Issue_914",
            "BYVoid_OpenCC_PR_1036_s2x",
            "western_classical_musicians_s2twp",
            "BYVoid_OpenCC_PR_1248_niu_ji_tong_zao",
            "BYVoid_OpenCC_Issue_722",
            "issue_1467_s2twp_long_phrases",
        ],
    ),
    (
        "s2hk",
        &[
            "s2t_ximian",
            "BYVoid_OpenCC_PR_447_s2x",
            "BYVoid_OpenCC_Issue_914",
            "deleted_14-character_phrases_s2t",
            "fruit_dried_phrases_s2t",
            "BYVoid_OpenCC_PR_1248_niu_ji_tong_zao",
            "BYVoid_OpenCC_Issue_722",
            "BYVoid_OpenCC_Issue_767_solace",
            "BYVoid_OpenCC_Issue_1397",
        ],
    ),
    ("t2s", &["BYVoid_OpenCC_Issue_767_solace"]),
    (
        "tw2s",
        &["BYVoid_OpenCC_Issue_1469_simplified_me_passthrough"],
    ),
    (
        "tw2sp",
        &[
            "case_046",
            "BYVoid_OpenCC_Issue_475_tw2sp",
            "ByVoid_OpenCC_Issue950_AlgorithmConversionRev",
            "western_classical_musicians_tw2sp",
        ],
    ),
    ("hk2s", &["BYVoid_OpenCC_Issue_767_solace"]),
];

struct Case {
    id: String,
    input: String,
    expected: BTreeMap<String, String>,
}

#[test]
fn opencc_cases_differ_exactly_where_known() {
    let cases = parse_cases(CASES);
    let converters: BTreeMap<&str, Converter> = CONFIGS
        .iter()
        .filter(|(_, _, from, _)| *from == Script::Hans)
        .map(|&(name, variant, _, _)| (name, Converter::new(variant, &[])))
        .collect();
    let mut report = Vec::new();
    let mut unexpected = Vec::new();
    for (name, variant, from, to) in CONFIGS {
        let conv = converters
            .values()
            .find(|c| c.variant() == variant)
            .expect("one converter per variant");
        let mut total = 0;
        let mut differing = Vec::new();
        for case in &cases {
            let Some(expected) = case.expected.get(name) else {
                continue;
            };
            total += 1;
            let actual = conv.convert(&case.input, from, to);
            if actual != *expected {
                differing.push((case.id.as_str(), actual.into_owned(), expected.as_str()));
            }
        }
        let passed = total - differing.len();
        report.push(format!(
            "{name:6} {passed:3}/{total:3} pass ({:.1}%)",
            100.0 * passed as f64 / total as f64
        ));
        let known = known_differences(name);
        for (id, actual, expected) in &differing {
            if !known.contains(id) {
                unexpected.push(format!(
                    "{name} {id}: got {actual}, OpenCC expects {expected}"
                ));
            }
        }
        for id in known {
            if !differing.iter().any(|(d, _, _)| d == id) {
                unexpected.push(format!(
                    "{name} {id}: now matches OpenCC; remove it from the list"
                ));
            }
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        unexpected.is_empty(),
        "{}\n\n{}",
        unexpected.join("\n"),
        report.join("\n")
    );
}

fn known_differences(name: &str) -> &'static [&'static str] {
    KNOWN_DIFFERENCES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, ids)| *ids)
}

fn parse_cases(json: &str) -> Vec<Case> {
    let value: serde_json::Value =
        serde_json::from_str(&without_trailing_commas(json)).expect("testcases.json parses");
    let cases = value["cases"].as_array().expect("a `cases` array");
    cases
        .iter()
        .map(|case| Case {
            id: case["id"].as_str().expect("id").to_string(),
            input: case["input"].as_str().expect("input").to_string(),
            expected: case["expected"]
                .as_object()
                .expect("expected")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("text").to_string()))
                .collect(),
        })
        .collect()
}

/// The published file has trailing commas (`"a",\n}`); strict JSON has none.
fn without_trailing_commas(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    // A comma outside strings and the whitespace after it, until we know
    // whether a closing bracket follows.
    let mut held: Option<String> = None;
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if let Some(pending) = held.as_mut() {
            if c.is_whitespace() {
                pending.push(c);
                continue;
            }
            let pending = held.take().unwrap_or_default();
            if c == '}' || c == ']' {
                out.push_str(&pending[1..]);
            } else {
                out.push_str(&pending);
            }
        }
        match c {
            ',' => held = Some(String::from(",")),
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push_str(held.as_deref().unwrap_or_default());
    out
}

#[test]
fn trailing_commas_are_removed_outside_strings_only() {
    assert_eq!(
        without_trailing_commas(r#"{"a": ["x,]", "y",], "b": 1,}"#),
        r#"{"a": ["x,]", "y"], "b": 1}"#
    );
}

/// Without markers or a glossary, `Converter::convert` is exactly the engine:
/// its shortcuts (no dictionary key in the text, unchanged output) change nothing.
#[test]
fn converter_is_the_engine_on_every_case() {
    use opencc_fmmseg::{OpenCC, OpenccConfig};
    let engine = OpenCC::new();
    let cases = parse_cases(CASES);
    for (name, variant, from, to) in CONFIGS {
        let conv = Converter::new(variant, &[]);
        let config = OpenccConfig::try_from(name).expect("a known OpenCC configuration");
        for case in &cases {
            let expected = engine.convert_with_config(&case.input, config, false);
            assert_eq!(
                conv.convert(&case.input, from, to),
                expected,
                "{name} {}",
                case.id
            );
        }
    }
}
