//! Content lints for `tongwen check`: each returns diagnostics with a suggested fix. Pure: no IO.
//! Every lint reads the whole file text (front matter values and body), never code, URLs or
//! markup; `fix` applies the mechanical ones (pinyin annotations, split words, punctuation).

mod fix;
mod lexicon;
pub mod links;
pub mod mojibake;
pub mod pinyin_notes;
mod prose;
pub mod punctuation;
pub mod scripts;
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

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = "---\r\ntitle: 长欣社区“红色微家”：党建引领社区治理\r\ndate: 2023-05-01 14:30\r\ncommunity: 长欣公寓社区\r\ntags: [党建, 社区治理]\r\nsummary: 八大“掌门人”从党员骨干中脱颖而出，带动10名党员骨干。\r\n---\r\n\
## 一、“红色微家·掌门人”壹员孵化\r\n\r\n\
2019年，无锡市新吴区长欣公寓社区在每个党建“红网格”推选一户“微家·掌门人”，即党员中心户。\
社区与辖区16家企事业单位党组织共建合作，成立“共益树”党建联盟，每年开展共建活动15余场。\r\n\r\n\
活动时间：每月第一个周六14:30，地点见[社区地图](https://example.org/map?a=1,b=2)。\
报名请访问 https://example.org/signup?x=1,y=2 ，或拨打0510-12345678。\r\n\r\n\
```yaml\r\ntitle: 标题,内容\r\n```\r\n\r\n\
配置写成`tags: [党建, 社区]`即可，1,000 人次参与。\r\n";

    #[test]
    fn clean_realistic_file_has_no_findings_and_no_fixes() {
        assert_eq!(lint_file("content/stories/changxin.md", CLEAN), Vec::new());
        let fixed = fix(CLEAN);
        assert_eq!(fixed.text, CLEAN);
        assert!(fixed.changes.is_empty());
    }

    #[test]
    fn every_lint_reports_at_its_exact_line_and_column() {
        let text = "---\ntitle: 黃金社區(qū)\n---\n\
            梁溪区强化党员示范引 领作用,服务居民。\n\
            欢迎居民鍙傚姞活动\u{FFFD}。\n\
            一、摸清黨員底數? 織牢黨建覆蓋\n";
        let found: Vec<String> = lint_file("content/a.md", text)
            .iter()
            .map(|d| format!("{}:{}:{} {}", d.span.file, d.span.line, d.span.col, d.code))
            .collect();
        assert_eq!(
            found,
            [
                "content/a.md:2:12 lint.pinyin-annotation",
                "content/a.md:4:11 lint.split-word",
                "content/a.md:4:15 lint.half-width-punctuation",
                "content/a.md:5:5 lint.mojibake",
                "content/a.md:5:10 lint.mojibake",
                "content/a.md:6:9 lint.lost-character",
            ]
        );
    }
}
