//! Decisions into the build: each decided phrase becomes a glossary pair (phrase as
//! written → phrase converted with the chosen form), so every place that converts text
//! (body, titles, fields, captions, alt text) applies it and `check` no longer lists it.
//! Decisions whose phrase is gone are reported. Pure.

use std::collections::BTreeMap;

use crate::convert::{Converter, Script};
use crate::diagnostics::{Diagnostic, Span};

use super::decisions::{Decision, FILE};

/// A content file as the decisions see it.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub script: Script,
}

/// The glossary pairs (simplified, traditional) that apply `decisions` to `files`, and a
/// warning for each decision whose phrase is no longer in its file. `conv` is the
/// converter without the decisions. Overlapping phrases of one file become one pair.
pub fn glossary_pairs(
    decisions: &[Decision],
    files: &[Written<'_>],
    conv: &Converter,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut by_file: BTreeMap<&str, Vec<&Decision>> = BTreeMap::new();
    for d in decisions {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let mut pairs = Vec::new();
    let mut stale = Vec::new();
    for (path, decisions) in by_file {
        let Some(file) = files.iter().find(|f| f.path == path) else {
            stale.extend(
                decisions
                    .iter()
                    .map(|d| stale_warning(d, "这个文件已经不在了")),
            );
            continue;
        };
        let mut spans = Vec::new();
        for d in decisions {
            let phrase = d.phrase();
            let before = spans.len();
            for (start, _) in file.text.match_indices(&phrase) {
                let at = start + d.before.len();
                spans.push((start, start + phrase.len(), at, d.chosen.as_str()));
            }
            if spans.len() == before {
                stale.push(stale_warning(d, "文件里已经找不到这句话"));
            }
        }
        pairs.extend(merge(spans).iter().map(|group| pair(file, group, conv)));
    }
    (pairs, stale)
}

/// A stretch of a file: its byte range and the decided characters in it (offset, form).
struct Group<'d> {
    range: std::ops::Range<usize>,
    decided: Vec<(usize, &'d str)>,
}

fn merge<'d>(mut spans: Vec<(usize, usize, usize, &'d str)>) -> Vec<Group<'d>> {
    spans.sort_by_key(|s| (s.0, s.1));
    let mut groups: Vec<Group<'d>> = Vec::new();
    for (start, end, at, chosen) in spans {
        match groups.last_mut() {
            Some(last) if start < last.range.end => {
                last.range.end = last.range.end.max(end);
                if !last.decided.iter().any(|(o, _)| *o == at) {
                    last.decided.push((at, chosen));
                }
            }
            _ => groups.push(Group {
                range: start..end,
                decided: vec![(at, chosen)],
            }),
        }
    }
    groups
}

/// The pair for one stretch: converted as the build would, the decided characters
/// replaced by their forms.
fn pair(file: &Written<'_>, group: &Group<'_>, conv: &Converter) -> (String, String) {
    let to = file.script.other();
    let source = &file.text[group.range.clone()];
    let form_at = |offset: usize| {
        group
            .decided
            .iter()
            .find(|(o, _)| *o == group.range.start + offset)
            .map(|(_, form)| *form)
    };
    let whole = conv.convert(source, file.script, to);
    let converted = if whole.chars().count() == source.chars().count() {
        source
            .char_indices()
            .zip(whole.chars())
            .map(|((i, _), c)| form_at(i).map_or_else(|| c.to_string(), str::to_string))
            .collect()
    } else {
        // A phrase of another length (Taiwan vocabulary): the stretches between decided
        // characters are converted on their own.
        let mut out = String::new();
        let mut pos = 0;
        for (i, c) in source.char_indices() {
            if let Some(form) = form_at(i) {
                out.push_str(&conv.convert(&source[pos..i], file.script, to));
                out.push_str(form);
                pos = i + c.len_utf8();
            }
        }
        out.push_str(&conv.convert(&source[pos..], file.script, to));
        out
    };
    match file.script {
        Script::Hans => (source.to_string(), converted),
        Script::Hant => (converted, source.to_string()),
    }
}

fn stale_warning(d: &Decision, why: &str) -> Diagnostic {
    Diagnostic::warning(
        "review.stale",
        Span::new(FILE, d.line, 1),
        format!("校对记录“{}”（{}）用不上了：{why}", d.marked(), d.file),
    )
    .with_hint("原文改过了：在预览的“对照校对”页面重新确认这一处，再删掉 review.yaml 里的这一条")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;

    fn decision(file: &str, before: &str, ch: char, after: &str, chosen: &str) -> Decision {
        Decision {
            file: file.into(),
            before: before.into(),
            ch,
            after: after.into(),
            chosen: chosen.into(),
            line: 3,
        }
    }

    #[test]
    fn a_decided_phrase_converts_with_the_chosen_form() {
        let plain = Converter::new(Variant::Standard, &[]);
        let file = Written {
            path: "content/a.md",
            text: "志愿者帮他把发剪短了。",
            script: Script::Hans,
        };
        let d = decision("content/a.md", "帮他把", '发', "剪短了。", "髮");
        let (pairs, stale) = glossary_pairs(&[d], &[file], &plain);
        assert!(stale.is_empty());
        assert_eq!(
            pairs,
            [(
                "帮他把发剪短了。".to_string(),
                "幫他把髮剪短了。".to_string()
            )]
        );
        let decided = Converter::new(Variant::Standard, &pairs);
        assert_eq!(
            decided.convert(file.text, Script::Hans, Script::Hant),
            "志願者幫他把髮剪短了。"
        );
        assert_eq!(
            plain.convert(file.text, Script::Hans, Script::Hant),
            "志願者幫他把發剪短了。"
        );
    }

    #[test]
    fn overlapping_phrases_become_one_pair_with_both_choices() {
        let plain = Converter::new(Variant::Standard, &[]);
        let file = Written {
            path: "a.md",
            text: "发后",
            script: Script::Hans,
        };
        let first = decision("a.md", "", '发', "后", "髮");
        let second = decision("a.md", "发", '后', "", "后");
        let (pairs, _) = glossary_pairs(&[first, second], &[file], &plain);
        assert_eq!(pairs, [("发后".to_string(), "髮后".to_string())]);
    }

    #[test]
    fn traditional_files_pair_the_other_way() {
        let plain = Converter::new(Variant::Standard, &[]);
        let file = Written {
            path: "a.md",
            text: "把衣服晾乾",
            script: Script::Hant,
        };
        let d = decision("a.md", "衣服晾", '乾', "", "乾");
        let (pairs, _) = glossary_pairs(&[d], &[file], &plain);
        assert_eq!(pairs, [("衣服晾乾".to_string(), "衣服晾乾".to_string())]);
    }

    #[test]
    fn decisions_whose_phrase_is_gone_are_reported_at_their_line() {
        let plain = Converter::new(Variant::Standard, &[]);
        let file = Written {
            path: "a.md",
            text: "改写过的文章",
            script: Script::Hans,
        };
        let gone = decision("a.md", "理", '发', "", "髮");
        let missing = decision("b.md", "理", '发', "", "髮");
        let (pairs, stale) = glossary_pairs(&[gone, missing], &[file], &plain);
        assert!(pairs.is_empty());
        assert_eq!(stale.len(), 2);
        assert_eq!(
            (stale[0].span.file.as_str(), stale[0].span.line),
            ("review.yaml", 3)
        );
        assert!(
            stale[0].message.contains("理【发】"),
            "{}",
            stale[0].message
        );
    }
}
