//! Diagnostics: what the user wrote wrong (or should look at), with a place in a file.
//! Stages collect them and fail at their end with all of them. Pure: no IO.

use std::fmt::Write as _;

use serde::Serialize;

/// How bad a diagnostic is. Errors stop a build; warnings and notes never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    /// The word shown to the user, in simplified Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        }
    }
}

/// A place in a site file. `file` is relative to the site root with `/` separators;
/// `line` and `col` are 1-based, `col` counts characters (not bytes). `line == 0`
/// means the whole file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl Span {
    pub fn new(file: impl Into<String>, line: usize, col: usize) -> Span {
        Span {
            file: file.into(),
            line,
            col,
        }
    }

    /// The whole file, without a line.
    pub fn file(file: impl Into<String>) -> Span {
        Span::new(file, 0, 0)
    }
}

/// One message to the user: where, how bad, what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// What is wrong, in simplified Chinese.
    pub message: String,
    /// What to type instead, or where to look; optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The offending source line, for the caret display; optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// A short stable name for machines (`--format json`), e.g. `front-matter.unknown-field`.
    pub code: &'static str,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, span, message)
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, span, message)
    }

    pub fn note(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Note, code, span, message)
    }

    fn new(severity: Severity, code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            severity,
            message: message.into(),
            hint: None,
            source_line: None,
            code,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the text of the line `span.line` of `text` (the whole file) for the caret display.
    pub fn with_source(mut self, text: &str) -> Diagnostic {
        if self.span.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.span.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: 错误：message`, then the line with a caret, then the hint.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = write!(out, "{}", self.span.file);
        if self.span.line > 0 {
            let _ = write!(out, ":{}:{}", self.span.line, self.span.col.max(1));
        }
        let _ = write!(out, ": {}：{}", self.severity.label(), self.message);
        if let Some(line) = &self.source_line {
            let number = self.span.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = write!(out, "\n{pad} |\n{number} | {line}\n{pad} | ");
            out.push_str(&caret_padding(line, self.span.col));
            out.push('^');
        }
        if let Some(hint) = &self.hint {
            let _ = write!(out, "\n  = 建议：{hint}");
        }
        out
    }
}

/// Spaces (and the line's own tabs) up to character column `col`, counting
/// wide characters as two cells so the caret lands under the right character.
fn caret_padding(line: &str, col: usize) -> String {
    let mut pad = String::new();
    for ch in line.chars().take(col.saturating_sub(1)) {
        match ch {
            '\t' => pad.push('\t'),
            c if is_wide(c) => pad.push_str("  "),
            _ => pad.push(' '),
        }
    }
    pad
}

/// East Asian wide or full-width characters take two terminal cells.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Sorts diagnostics by file, line, column, then severity, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics
        .sort_by(|a, b| (&a.span, a.severity, &a.message).cmp(&(&b.span, b.severity, &b.message)));
    diagnostics.dedup();
}

/// Byte offset → 1-based (line, character column) for one text.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The line and column of byte `offset`; an offset inside a character
    /// counts as that character.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
        (line, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "第一行\n标题：好\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        let colon = text.find('：').unwrap();
        assert_eq!(index.position(colon), (2, 3));
        assert_eq!(index.position(text.len() - 1), (3, 1));
    }

    #[test]
    fn render_text_puts_caret_under_wide_character() {
        let d = Diagnostic::error("x", Span::new("content/a.md", 2, 3), "这里用了全角冒号")
            .with_source("---\n标题：好\n---")
            .with_hint("改成半角冒号 `:`");
        insta::assert_snapshot!(d.render_text(), @r"
        content/a.md:2:3: 错误：这里用了全角冒号
          |
        2 | 标题：好
          |     ^
          = 建议：改成半角冒号 `:`
        ");
    }
}
