//! A content file's text → its front matter (between `---` lines) and body; the checks for
//! full-width colons, full-width spaces and tabs that YAML would misread. Pure: no IO.

use crate::diagnostics::Diagnostic;

use super::yaml::{Place, Pos, Problem, Shift};

/// A file split at its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    /// The line of the opening `---`.
    pub(crate) open_line: usize,
    /// The YAML between the `---` lines.
    pub(crate) yaml: &'a str,
    /// The file line of the YAML's first line.
    pub(crate) yaml_line: usize,
    /// Everything after the closing `---` line.
    pub(crate) body: &'a str,
    pub(crate) body_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// Nothing but white space.
    Empty,
    /// The first line is not `---`; `dashes` when it is a look-alike (`——`, `－－－`).
    NoOpening { line: usize, dashes: bool },
    /// No closing `---`; `dashes` is the line of a look-alike, if any.
    Unclosed {
        open_line: usize,
        dashes: Option<usize>,
    },
}

/// Splits `text` (BOM already removed; CRLF or LF) at its front matter.
pub(crate) fn split(text: &str) -> Result<Parts<'_>, SplitError> {
    let mut lines = lines_with_offsets(text).skip_while(|(_, _, line)| line.trim().is_empty());
    let Some((open_line, open_end, first)) = lines.next() else {
        return Err(SplitError::Empty);
    };
    if first.trim() != "---" {
        return Err(SplitError::NoOpening {
            line: open_line,
            dashes: is_look_alike_dashes(first),
        });
    }
    let mut dashes = None;
    for (number, end, line) in lines {
        if line.trim() == "---" {
            let start = end - line.len();
            return Ok(Parts {
                open_line,
                yaml: &text[open_end..start],
                yaml_line: open_line + 1,
                body: &text[end..],
                body_line: number + 1,
            });
        }
        if dashes.is_none() && is_look_alike_dashes(line) {
            dashes = Some(number);
        }
    }
    Err(SplitError::Unclosed { open_line, dashes })
}

/// (1-based line number, byte offset just past the line end, the line with its line end).
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    text.split_inclusive('\n')
        .scan(0, |offset, line| {
            *offset += line.len();
            Some((*offset, line))
        })
        .enumerate()
        .map(|(i, (end, line))| (i + 1, end, line))
}

/// `——`, `－－－`, `———`: what an input method types for `---` in Chinese mode.
fn is_look_alike_dashes(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() >= 2
        && line
            .chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '–' | '―' | '━' | '─'))
        && !line.chars().all(|c| c == '-')
}

impl SplitError {
    /// The diagnostic for this file, naming the line and what to type.
    pub(crate) fn diagnostic(&self, place: Place<'_>) -> Diagnostic {
        match *self {
            SplitError::Empty => place
                .error("front-matter.empty-file", Pos { line: 0, col: 0 }, "文件是空的")
                .with_hint(
                    "第一行写 `---`，接着写字段（如 `title: 标题`），再写一行 `---`，正文写在下面；\
                     不需要这个文件就把它删掉",
                ),
            SplitError::NoOpening { line, dashes: true } => place
                .error(
                    "front-matter.look-alike-dashes",
                    Pos { line, col: 1 },
                    "front matter 的开头行用了全角的横线",
                )
                .with_hint("把这一行改成三个半角减号 `---`（切换到英文输入法再输入）"),
            SplitError::NoOpening { line, dashes: false } => place
                .error(
                    "front-matter.missing",
                    Pos { line, col: 1 },
                    "文件开头缺少 front matter（用 `---` 围起来的字段）",
                )
                .with_hint(
                    "在文件第一行写 `---`，接着写字段（如 `title: 标题`），再写一行 `---`，正文写在下面",
                ),
            SplitError::Unclosed {
                dashes: Some(line), ..
            } => place
                .error(
                    "front-matter.look-alike-dashes",
                    Pos { line, col: 1 },
                    "front matter 的结束行用了全角的横线",
                )
                .with_hint("把这一行改成三个半角减号 `---`（切换到英文输入法再输入）"),
            SplitError::Unclosed {
                open_line,
                dashes: None,
            } => place
                .error(
                    "front-matter.unclosed",
                    Pos {
                        line: open_line,
                        col: 1,
                    },
                    "front matter 没有结束：缺少结尾的 `---`",
                )
                .with_hint("在最后一个字段的下一行单独写一行 `---`，正文写在它下面"),
        }
    }
}

/// YAML text with full-width colons, full-width spaces and tabs fixed, so the rest of the
/// file can still be checked; `shifts` maps positions back to the file as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repaired {
    pub(crate) yaml: String,
    pub(crate) shifts: Vec<Shift>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Finds every full-width colon after a key, and every full-width space or tab used for
/// indentation or separation, in `yaml` (whose first line is file line `first_line`).
pub(crate) fn check_full_width(yaml: &str, first_line: usize, place: Place<'_>) -> Repaired {
    let mut scan = Scan::default();
    let mut out = Repaired {
        yaml: String::with_capacity(yaml.len() + 8),
        shifts: Vec::new(),
        diagnostics: Vec::new(),
    };
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let number = first_line + i;
        let fixed = scan.line(line, number, &mut out, place);
        out.yaml.push_str(&fixed);
    }
    out
}

/// What the scan remembers from line to line.
#[derive(Debug, Default)]
struct Scan {
    /// The indentation of the key that opened a block scalar (`|`, `>`), while inside it.
    block_owner: Option<usize>,
    /// Indentations at which keys were seen, innermost last.
    key_indents: Vec<usize>,
    /// The previous key had no value on its line: a deeper map may follow.
    opener: Option<usize>,
}

impl Scan {
    /// Checks one line and returns it repaired.
    fn line(&mut self, line: &str, number: usize, out: &mut Repaired, place: Place<'_>) -> String {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| is_space(**c)).count();
        let content: String = chars[indent..].iter().collect();
        let blank = content.trim().is_empty();
        if let Some(owner) = self.block_owner {
            if blank || indent > owner {
                return line.to_string();
            }
            self.block_owner = None;
        }
        if blank || content.starts_with('#') {
            return line.to_string();
        }
        let mut chars = chars;
        let mut report = Report::new(number, place);
        report.odd_spaces(&mut chars, 0, indent, Where::Indent);
        let mut at = indent;
        let mut is_item = false;
        while chars.get(at) == Some(&'-') && chars.get(at + 1).is_some_and(|c| is_space(*c)) {
            is_item = true;
            let run = chars[at + 1..].iter().take_while(|c| is_space(**c)).count();
            report.odd_spaces(&mut chars, at + 1, at + 1 + run, Where::AfterDash);
            at += 1 + run;
        }
        if !is_item && self.is_key_position(indent) {
            self.key_line(&mut chars, at, indent, &mut report);
        }
        out.diagnostics.extend(report.diagnostics);
        if let Some(shift) = report.shift {
            out.shifts.push(shift);
        }
        chars.into_iter().collect()
    }

    /// Whether a line with this indentation starts a key (and not the continuation of a value).
    fn is_key_position(&mut self, indent: usize) -> bool {
        if self.opener.take().is_some_and(|o| indent > o) {
            return true;
        }
        while self.key_indents.last().is_some_and(|k| *k > indent) {
            self.key_indents.pop();
        }
        indent == 0 || self.key_indents.last() == Some(&indent)
    }

    /// Checks `key: value` from `at`: the colon, and the spaces around it.
    fn key_line(
        &mut self,
        chars: &mut Vec<char>,
        at: usize,
        indent: usize,
        report: &mut Report<'_>,
    ) {
        let Some(colon) = key_colon(chars, at) else {
            return;
        };
        if self.key_indents.last() != Some(&indent) {
            self.key_indents.push(indent);
        }
        report.odd_spaces(chars, at, colon, Where::BeforeColon);
        let after = colon + 1;
        if chars[colon] == '：' {
            report.full_width_colon(chars, colon);
        } else if chars.get(after).is_some_and(|c| !c.is_whitespace()) {
            report.missing_space(chars, colon);
        }
        let value_at = colon + 1 + report.shift.map_or(0, |s| s.delta);
        let run = chars[value_at..]
            .iter()
            .take_while(|c| is_space(**c))
            .count();
        report.odd_spaces(chars, value_at, value_at + run, Where::AfterColon);
        let value: String = chars[value_at + run..].iter().collect();
        let value = value.trim();
        if value.is_empty() || value.starts_with('#') {
            self.opener = Some(indent);
        } else if value.starts_with('|') || value.starts_with('>') {
            self.block_owner = Some(indent);
        }
    }
}

/// The column of the colon that ends the key starting at `at`, if the line is `key: …`.
fn key_colon(chars: &[char], at: usize) -> Option<usize> {
    if chars.get(at).is_none_or(|c| {
        matches!(
            c,
            '"' | '\'' | '[' | '{' | '|' | '>' | '&' | '*' | '!' | '?'
        )
    }) {
        return None;
    }
    let end = chars[at..]
        .iter()
        .position(|c| matches!(c, ':' | '：' | '#'))
        .map(|i| at + i)?;
    let key: String = chars[at..end].iter().collect();
    let key = key.trim_matches(is_space);
    let key_like = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '\u{3000}' | '\t'))
        && !key.starts_with(|c: char| c.is_ascii_digit());
    (chars[end] != '#' && key_like).then_some(end)
}

/// Space characters a user may indent or separate with; only `' '` is valid YAML here.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Indent,
    AfterDash,
    BeforeColon,
    AfterColon,
}

/// The diagnostics and repairs for one line.
struct Report<'a> {
    line: usize,
    place: Place<'a>,
    diagnostics: Vec<Diagnostic>,
    shift: Option<Shift>,
}

impl<'a> Report<'a> {
    fn new(line: usize, place: Place<'a>) -> Report<'a> {
        Report {
            line,
            place,
            diagnostics: Vec::new(),
            shift: None,
        }
    }

    fn pos(&self, index: usize) -> Pos {
        let back = self
            .shift
            .filter(|s| index >= s.after)
            .map_or(0, |s| s.delta);
        Pos {
            line: self.line,
            col: index + 1 - back,
        }
    }

    /// Reports the first tab and the first full-width space in `chars[from..to]`, and turns
    /// every one of them into a plain space.
    fn odd_spaces(&mut self, chars: &mut [char], from: usize, to: usize, place: Where) {
        for odd in ['\t', '\u{3000}'] {
            let Some(first) = (from..to).find(|&i| chars[i] == odd) else {
                continue;
            };
            let pos = self.pos(first);
            self.diagnostics
                .push(odd_space(self.place, pos, odd, place));
            for c in &mut chars[from..to] {
                if *c == odd {
                    *c = ' ';
                }
            }
        }
    }

    fn full_width_colon(&mut self, chars: &mut Vec<char>, colon: usize) {
        let pos = self.pos(colon);
        self.diagnostics.push(
            self.place
                .problem(Problem::FullWidthColon, pos, "字段名后面用了全角冒号“：”")
                .with_hint("把全角冒号“：”改成半角冒号“:”，冒号后加一个空格"),
        );
        chars[colon] = ':';
        self.space_after(chars, colon);
    }

    fn missing_space(&mut self, chars: &mut Vec<char>, colon: usize) {
        let pos = self.pos(colon);
        self.diagnostics.push(
            self.place
                .problem(
                    Problem::NoSpaceAfterColon,
                    pos,
                    "冒号后面缺少空格，这一行不会被当成字段",
                )
                .with_hint("在半角冒号“:”后面加一个空格，例如 `title: 标题`"),
        );
        self.space_after(chars, colon);
    }

    /// Inserts the space YAML needs after a colon, remembering the shift.
    fn space_after(&mut self, chars: &mut Vec<char>, colon: usize) {
        if chars.get(colon + 1).is_some_and(|c| !c.is_whitespace()) {
            chars.insert(colon + 1, ' ');
            self.shift = Some(Shift {
                line: self.line,
                after: colon + 1,
                delta: 1,
            });
        }
    }
}

fn odd_space(place: Place<'_>, pos: Pos, odd: char, at: Where) -> Diagnostic {
    let (what, problem) = match odd {
        '\t' => ("制表符（Tab）", Problem::Tab),
        _ => ("全角空格", Problem::FullWidthSpace),
    };
    let message = match at {
        Where::Indent => format!("缩进用了{what}"),
        Where::AfterDash => format!("列表的 `-` 后面用了{what}"),
        Where::BeforeColon => format!("字段名里或冒号前面有{what}"),
        Where::AfterColon => format!("冒号后面用了{what}"),
    };
    let hint = match (odd, at) {
        ('\t', Where::Indent) => "缩进只能用半角空格：删掉 Tab，子字段比上一层多缩进两个空格",
        ('\t', _) => "把 Tab 改成一个半角空格",
        (_, Where::BeforeColon) => "删掉这个全角空格，字段名后面直接跟半角冒号“:”",
        _ => "把全角空格“　”改成半角空格（切换到英文输入法再敲空格）",
    };
    place.problem(problem, pos, message).with_hint(hint)
}

#[cfg(test)]
mod tests;
