//! `tongwen check --fix`: applies only the mechanical fixes (pinyin annotations, spaces
//! inside Chinese words, half-width punctuation between Chinese characters) and keeps every
//! other byte, line ends included. Pure: no IO; the command writes the file back.

use super::{Context, Edit, Finding, punctuation, split_words};
use crate::diagnostics::LineIndex;

/// A file's text after `fix`, and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// In text order; positions refer to the text before the fix.
    pub changes: Vec<Change>,
}

/// One replacement: at `line`:`col` (1-based, characters) of the original text, `before`
/// became `after`, for the lint `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub col: usize,
    pub before: String,
    pub after: String,
    pub code: &'static str,
}

/// Applies the mechanical fixes to `text` (a whole content file).
pub fn fix(text: &str) -> Fixed {
    let context = Context::new(text);
    let findings: Vec<Finding> = context
        .notes
        .iter()
        .cloned()
        .chain(split_words::find(&context))
        .chain(punctuation::find(&context))
        .collect();
    let mut edits: Vec<(&Edit, &'static str)> = findings
        .iter()
        .flat_map(|f| f.edits.iter().map(move |e| (e, f.code)))
        .collect();
    edits.sort_by_key(|(e, _)| (e.range.start, e.range.end));
    apply(text, &edits)
}

/// Applies sorted edits, skipping any that overlaps an earlier one.
fn apply(text: &str, edits: &[(&Edit, &'static str)]) -> Fixed {
    let index = LineIndex::new(text);
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    let mut at = 0;
    for (edit, code) in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.after);
        let (line, col) = index.position(edit.range.start);
        changes.push(Change {
            line,
            col,
            before: text[edit.range.clone()].to_string(),
            after: edit.after.clone(),
            code,
        });
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    Fixed { text: out, changes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mechanical_fixes_keep_crlf_and_everything_else() {
        let text = "---\r\ntitle: 黃金社區(qū)\r\n---\r\n示范引 领作用,服務(wù)居民。`a,b`\r\n";
        let fixed = fix(text);
        assert_eq!(
            fixed.text,
            "---\r\ntitle: 黃金社區\r\n---\r\n示范引领作用，服務居民。`a,b`\r\n"
        );
        let summary: Vec<_> = fixed
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}:{} {:?}→{:?} {}",
                    c.line, c.col, c.before, c.after, c.code
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "2:12 \"(qū)\"→\"\" lint.pinyin-annotation",
                "4:4 \" \"→\"\" lint.split-word",
                "4:8 \",\"→\"，\" lint.half-width-punctuation",
                "4:11 \"(wù)\"→\"\" lint.pinyin-annotation",
            ]
        );
        assert!(fix(&fixed.text).changes.is_empty());
    }

    #[test]
    fn clean_text_is_returned_unchanged() {
        let text =
            "---\ntitle: 长欣社区\n---\n社区党委依托“家筑长欣”公众号，严格落实“三会一课”。\n";
        let fixed = fix(text);
        assert_eq!(fixed.text, text);
        assert!(fixed.changes.is_empty());
    }
}
