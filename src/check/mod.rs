//! Content lints for `tongwen check`: each returns diagnostics with a suggested fix. Pure: no IO.
//! Every lint reads the whole file text (front matter values and body), never code, URLs or
//! markup; `fix` applies the mechanical ones (pinyin annotations, split words, punctuation).

mod fix;
mod lexicon;
pub mod mojibake;
pub mod pinyin_notes;
mod prose;
pub mod punctuation;
pub mod split_words;

use std::ops::Range;

pub use fix::{Change, Fixed, fix};

use crate::diagnostics::{Diagnostic, LineIndex, Severity, Span};

/// Every content lint of this module over one file: `path` for the messages, `text` the
/// whole file as decoded. Diagnostics are in text order.
pub fn lint_file(path: &str, text: &str) -> Vec<Diagnostic> {
    let context = Context::new(text);
    let index = LineIndex::new(text);
    let mut findings = context.findings();
    findings.sort_by_key(|f| f.range.start);
    findings
        .iter()
        .map(|f| f.diagnostic(path, text, &index))
        .collect()
}

/// One thing a lint found: where, what to say, and the edits that fix it (none when only
/// the author can fix it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) code: &'static str,
    pub(crate) severity: Severity,
    /// The bytes it is about; the diagnostic points at the first.
    pub(crate) range: Range<usize>,
    pub(crate) message: String,
    pub(crate) hint: String,
    pub(crate) edits: Vec<Edit>,
}

/// Replace the bytes `range` of the file text with `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) range: Range<usize>,
    pub(crate) after: String,
}

impl Finding {
    fn diagnostic(&self, path: &str, text: &str, index: &LineIndex<'_>) -> Diagnostic {
        let (line, col) = index.position(self.range.start);
        let span = Span::new(path, line, col);
        let diagnostic = match self.severity {
            Severity::Error => Diagnostic::error(self.code, span, &self.message),
            Severity::Warning => Diagnostic::warning(self.code, span, &self.message),
            Severity::Note => Diagnostic::note(self.code, span, &self.message),
        };
        diagnostic.with_hint(&self.hint).with_source(text)
    }
}

/// What every lint needs to know about one file, worked out once: its prose runs, the
/// pinyin annotations in them (which other lints look through) and the garbled stretches
/// (which other lints leave alone).
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) runs: Vec<prose::Run>,
    pub(crate) notes: Vec<Finding>,
    pub(crate) garbled: Vec<Finding>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(text: &'a str) -> Context<'a> {
        let runs = prose::runs(text);
        let notes = pinyin_notes::find(text, &runs);
        let garbled = mojibake::find(text, &runs);
        Context {
            text,
            runs,
            notes,
            garbled,
        }
    }

    fn findings(&self) -> Vec<Finding> {
        let mut all = self.notes.clone();
        all.extend(self.garbled.iter().cloned());
        all.extend(mojibake::lost_characters(self));
        all.extend(split_words::find(self));
        all.extend(punctuation::find(self));
        all
    }

    /// The characters of `run` with their byte offsets, pinyin annotations left out.
    pub(crate) fn visible(&self, run: &prose::Run) -> Vec<(usize, char)> {
        self.text[run.range.clone()]
            .char_indices()
            .map(|(i, c)| (run.range.start + i, c))
            .filter(|(i, _)| !within(&self.notes, *i))
            .collect()
    }

    /// Whether byte `offset` is inside a garbled stretch.
    pub(crate) fn is_garbled(&self, offset: usize) -> bool {
        within(&self.garbled, offset)
    }
}

/// Whether `offset` falls inside the stretch of one of `findings`.
fn within(findings: &[Finding], offset: usize) -> bool {
    findings.iter().any(|f| f.range.contains(&offset))
}

/// Turns findings into diagnostics for one lint's `lint` function.
fn diagnostics(path: &str, text: &str, findings: &[Finding]) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    findings
        .iter()
        .map(|f| f.diagnostic(path, text, &index))
        .collect()
}

/// A CJK unified ideograph.
pub(crate) fn is_han(c: char) -> bool {
    lexicon::is_han(c)
}

/// Chinese (full-width) punctuation and symbols: `，。、“”（）《》…—` and the like.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '●' | '■' | '★')
}
