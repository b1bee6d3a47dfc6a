//! Pinyin annotations pasted from web pages that gloss every rare character: `社區(qū)`,
//! `服務(wù)`, `創(chuàng)新`. A Han character followed by one pinyin syllable in ASCII or
//! full-width parentheses. With a tone mark (`qū`) any real syllable counts, since nobody
//! writes tone marks in parentheses otherwise; toneless (`qu`, `qu1`) only when it is a
//! reading of that very character, so `网格(小区)`, `(2023)` and `(a)` stay. Pure: no IO.

use std::collections::HashSet;
use std::sync::LazyLock;

use pinyin::{Pinyin, ToPinyinMulti};

use super::prose::Run;
use super::{Context, Edit, Finding, is_han};
use crate::diagnostics::{Diagnostic, Severity};

pub(crate) const CODE: &str = "lint.pinyin-annotation";

/// Every syllable with tone marks that some character is read as (`qū`, `lǜ`).
static TONED: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ('\u{3400}'..='\u{9FFF}')
        .filter_map(|c| c.to_pinyin_multi())
        .flat_map(|multi| multi.into_iter().map(Pinyin::with_tone))
        .collect()
});

/// Pinyin annotations in `text`, with the fix that deletes each.
pub fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
    super::diagnostics(path, text, &Context::new(text).notes)
}

/// Every annotation in the prose `runs` of `text`.
pub(crate) fn find(text: &str, runs: &[Run]) -> Vec<Finding> {
    runs.iter().flat_map(|run| find_in_run(text, run)).collect()
}

fn find_in_run(text: &str, run: &Run) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text[run.range.clone()]
        .char_indices()
        .map(|(i, c)| (run.range.start + i, c))
        .collect();
    let mut out = Vec::new();
    for (k, window) in chars.windows(2).enumerate() {
        let [(_, han), (open, paren)] = [window[0], window[1]];
        if !is_han(han) || !matches!(paren, '(' | '（') {
            continue;
        }
        let Some((syllable, close)) = parenthesized(&chars[k + 2..]) else {
            continue;
        };
        if is_annotation(han, &syllable) {
            let end = close + text[close..].chars().next().map_or(1, char::len_utf8);
            out.push(finding(text, han, open..end));
        }
    }
    out
}

/// The text up to the closing parenthesis (at most eight characters) and where that
/// parenthesis is.
fn parenthesized(rest: &[(usize, char)]) -> Option<(String, usize)> {
    let close = rest
        .iter()
        .take(9)
        .position(|(_, c)| matches!(c, ')' | '）'))?;
    let inner: String = rest[..close].iter().map(|(_, c)| c).collect();
    Some((inner, rest[close].0))
}

/// Whether `inner` is a pinyin gloss of `han`.
fn is_annotation(han: char, inner: &str) -> bool {
    if inner.is_empty() || !inner.chars().all(is_pinyin_letter) {
        return false;
    }
    if inner.chars().any(has_tone_mark) {
        return TONED.contains(inner);
    }
    han.to_pinyin_multi().is_some_and(|multi| {
        multi.into_iter().any(|p| {
            [p.plain(), p.with_tone_num_end()]
                .iter()
                .any(|form| form.replace('ü', "v") == inner.replace('ü', "v"))
        })
    })
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, '1'..='5' | 'ü' | 'ê') || has_tone_mark(c)
}

fn has_tone_mark(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ".contains(c)
}

fn finding(text: &str, han: char, range: std::ops::Range<usize>) -> Finding {
    let note = &text[range.clone()];
    Finding {
        code: CODE,
        severity: Severity::Warning,
        message: format!("“{han}”后面的“{note}”是从网页复制来的拼音注音，不应出现在正文里"),
        hint: format!("删除“{note}”，“{han}{note}”改为“{han}”"),
        edits: vec![Edit {
            range: range.clone(),
            after: String::new(),
        }],
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(text: &str) -> Vec<&str> {
        let runs = super::super::prose::runs(text);
        find(text, &runs)
            .into_iter()
            .map(|f| &text[f.range])
            .collect()
    }

    #[test]
    fn annotations_from_the_seeds_are_found() {
        let text = "黃金社區(qū)位于長沙市,創(chuàng)新社區(qū)“微”服務(wù),時有發(fā)生。";
        assert_eq!(notes(text), ["(qū)", "(chuàng)", "(qū)", "(wù)", "(fā)"]);
    }

    #[test]
    fn full_width_parentheses_and_toneless_readings_count() {
        assert_eq!(
            notes("社区（qū）和服务(wu4)、网格(ge)"),
            ["（qū）", "(wu4)", "(ge)"]
        );
    }

    #[test]
    fn words_numbers_english_and_wrong_readings_are_not_annotations() {
        let clean = "网格(小区)党组织、长豐(雙鳳)經開區、成立(2023)、方案(a)、英语(she)、咖啡(café)、社(an)";
        assert_eq!(notes(clean), Vec::<&str>::new());
    }

    #[test]
    fn code_and_urls_are_skipped() {
        assert_eq!(
            notes("`社區(qū)` 和 [社区](https://x.org/社區(qū))"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn diagnostic_points_at_the_parenthesis() {
        let text = "---\ntitle: 黃金社區(qū)\n---\n";
        let diagnostics = lint("content/a.md", text);
        assert_eq!(diagnostics.len(), 1);
        insta::assert_snapshot!(diagnostics[0].render_text(), @r"
        content/a.md:2:12: 警告：“區”后面的“(qū)”是从网页复制来的拼音注音，不应出现在正文里
          |
        2 | title: 黃金社區(qū)
          |                ^
          = 建议：删除“(qū)”，“區(qū)”改为“區”
        ");
    }
}
