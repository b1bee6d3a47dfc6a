//! Lints that need the converter: characters of the other script in a file (`創新并完善`),
//! and the review list of one-to-many conversions no phrase decided. Pure: no IO.

use std::collections::BTreeMap;

use crate::convert::{Converter, Script, risky, stray};
use crate::diagnostics::{Diagnostic, LineIndex, Span};

/// Stray characters of the other script in `text` (a whole file written in `script`).
pub fn stray_characters(
    path: &str,
    text: &str,
    script: Script,
    conv: &Converter,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let (own, other) = script_names(script);
    stray::find(conv, text, script)
        .into_iter()
        .map(|s| {
            let (line, col) = index.position(s.offset);
            Diagnostic::warning(
                "lint.stray-character",
                Span::new(path, line, col),
                format!("{own}文章里混入了{other}字“{}”", s.found),
            )
            .with_hint(format!(
                "改成“{}”；如果这里本来就该用{other}，用 -{{…}}- 包起来",
                s.expected
            ))
            .with_source(text)
        })
        .collect()
}

/// One note per character (at its first place) whose conversion into `to` was a guess:
/// the form chosen, the other forms, how many times, and how to pin it.
pub fn risky_conversions(
    path: &str,
    text: &str,
    from: Script,
    conv: &Converter,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let mut by_char: BTreeMap<char, (usize, risky::RiskyChar)> = BTreeMap::new();
    for found in risky::find(conv, text, from) {
        by_char
            .entry(found.ch)
            .and_modify(|(count, _)| *count += 1)
            .or_insert((1, found));
    }
    let (_, target) = script_names(from);
    let mut notes: Vec<(usize, Diagnostic)> = by_char
        .into_values()
        .map(|(count, r)| {
            let (line, col) = index.position(r.offset);
            let times = if count > 1 { format!("（本文共 {count} 处）") } else { String::new() };
            let note = Diagnostic::note(
                "convert.review",
                Span::new(path, line, col),
                format!(
                    "“{}”转成{target}时有多种写法（{}、{}），没有词组能确定，这里用了“{}”{times}",
                    r.ch,
                    r.chosen,
                    r.alternatives.join("、"),
                    r.chosen
                ),
            )
            .with_hint(format!(
                "请看一眼{target}页面：在 tongwen serve 预览里点“对照校对”逐处确认（记在 review.yaml）；整站固定的写法加到 site.yaml 的 glossary，或用 -{{…}}- 包起来"
            ))
            .with_source(text);
            (r.offset, note)
        })
        .collect();
    notes.sort_by_key(|(offset, _)| *offset);
    notes.into_iter().map(|(_, d)| d).collect()
}

/// (this script's name, the other script's name) in Chinese.
fn script_names(script: Script) -> (&'static str, &'static str) {
    match script {
        Script::Hans => ("简体", "繁体"),
        Script::Hant => ("繁体", "简体"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;

    #[test]
    fn a_simplified_character_in_a_traditional_file_is_named_with_its_fix() {
        let conv = Converter::new(Variant::Standard, &[]);
        let text = "---\ntitle: 西津古渡\n---\n創新并完善機制。\n";
        let found = stray_characters("content/stories/x.md", text, Script::Hant, &conv);
        assert_eq!(found.len(), 1, "{found:?}");
        insta::assert_snapshot!(found[0].render_text(), @r"
        content/stories/x.md:4:3: 警告：繁体文章里混入了简体字“并”
          |
        4 | 創新并完善機制。
          |     ^
          = 建议：改成“並”；如果这里本来就该用简体，用 -{…}- 包起来
        ");
    }

    #[test]
    fn one_to_many_characters_are_listed_once_per_character() {
        let conv = Converter::new(Variant::Standard, &[]);
        let text = "发，又是发，头发很好。\n";
        let notes = risky_conversions("a.md", text, Script::Hans, &conv);
        let about_fa: Vec<_> = notes
            .iter()
            .filter(|d| d.message.starts_with("“发”"))
            .collect();
        assert_eq!(about_fa.len(), 1, "{notes:?}");
        assert!(
            about_fa[0].message.contains("本文共 2 处"),
            "{}",
            about_fa[0].message
        );
        assert_eq!(about_fa[0].span.col, 1);
    }
}
