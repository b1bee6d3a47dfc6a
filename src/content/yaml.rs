//! YAML text → a small tree of raw scalars, lists and maps, each with its place in the file.
//! Values stay as written (no YAML type guessing): the field's type decides later. Pure: no IO.

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

use crate::diagnostics::{Diagnostic, Span};

/// A 1-based place in the file (not in the YAML text): `col` counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub(crate) line: usize,
    pub(crate) col: usize,
}

/// Which kind of file a tree came from: it decides the diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    /// A content file's front matter.
    FrontMatter,
    /// site.yaml.
    Config,
}

/// The mistakes that front matter and site.yaml share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    Yaml,
    NotFields,
    FullWidthColon,
    NoSpaceAfterColon,
    Tab,
    FullWidthSpace,
    WrongType,
    BadValue,
    BadDate,
    MissingField,
    EmptyField,
    DuplicateField,
    UnknownField,
}

impl Problem {
    /// The stable code (`front-matter.unknown-field`, `config.unknown-field`).
    pub(crate) fn code(self, domain: Domain) -> &'static str {
        use Domain::{Config as C, FrontMatter as F};
        match (self, domain) {
            (Problem::Yaml, F) => "front-matter.yaml",
            (Problem::Yaml, C) => "config.yaml",
            (Problem::NotFields, F) => "front-matter.not-fields",
            (Problem::NotFields, C) => "config.not-fields",
            (Problem::FullWidthColon, F) => "front-matter.full-width-colon",
            (Problem::FullWidthColon, C) => "config.full-width-colon",
            (Problem::NoSpaceAfterColon, F) => "front-matter.no-space-after-colon",
            (Problem::NoSpaceAfterColon, C) => "config.no-space-after-colon",
            (Problem::Tab, F) => "front-matter.tab",
            (Problem::Tab, C) => "config.tab",
            (Problem::FullWidthSpace, F) => "front-matter.full-width-space",
            (Problem::FullWidthSpace, C) => "config.full-width-space",
            (Problem::WrongType, F) => "front-matter.wrong-type",
            (Problem::WrongType, C) => "config.wrong-type",
            (Problem::BadValue, F) => "front-matter.bad-value",
            (Problem::BadValue, C) => "config.bad-value",
            (Problem::BadDate, F) => "front-matter.bad-date",
            (Problem::BadDate, C) => "config.bad-date",
            (Problem::MissingField, F) => "front-matter.missing-field",
            (Problem::MissingField, C) => "config.missing-field",
            (Problem::EmptyField, F) => "front-matter.empty-field",
            (Problem::EmptyField, C) => "config.empty-field",
            (Problem::DuplicateField, F) => "front-matter.duplicate-field",
            (Problem::DuplicateField, C) => "config.duplicate-field",
            (Problem::UnknownField, F) => "front-matter.unknown-field",
            (Problem::UnknownField, C) => "config.unknown-field",
        }
    }
}

/// The file a tree came from, to place diagnostics with the offending line shown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Path relative to the site root, as in `SourceFile::path`.
    pub(crate) path: &'a str,
    /// The whole file text.
    pub(crate) text: &'a str,
    pub(crate) domain: Domain,
}

impl Place<'_> {
    pub(crate) fn error(
        &self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, self.span(pos), message).with_source(self.text)
    }

    pub(crate) fn warning(
        &self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::warning(code, self.span(pos), message).with_source(self.text)
    }

    /// An error of a kind both file types share, with this file's code for it.
    pub(crate) fn problem(
        &self,
        problem: Problem,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.error(problem.code(self.domain), pos, message)
    }

    fn span(&self, pos: Pos) -> Span {
        Span::new(self.path, pos.line, pos.col)
    }
}

/// A scalar exactly as YAML delivered it, before any typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scalar {
    pub(crate) text: String,
    /// Quoted or block (`|`, `>`) scalars are always text, never null.
    pub(crate) quoted: bool,
    pub(crate) pos: Pos,
}

impl Scalar {
    /// `key:` with nothing after it, `~` or `null`.
    pub(crate) fn is_null(&self) -> bool {
        !self.quoted && matches!(self.text.trim(), "" | "~" | "null" | "Null" | "NULL")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_pos: Pos,
    pub(crate) value: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Scalar(Scalar),
    List(Vec<Node>, Pos),
    Map(Vec<Entry>, Pos),
}

impl Node {
    pub(crate) fn pos(&self) -> Pos {
        match self {
            Node::Scalar(s) => s.pos,
            Node::List(_, pos) | Node::Map(_, pos) => *pos,
        }
    }

    /// A null scalar or one of only white space.
    pub(crate) fn is_blank(&self) -> bool {
        matches!(self, Node::Scalar(s) if s.is_null() || s.text.trim().is_empty())
    }

    /// What the user wrote, named for a message: `一段文字`, `一个列表`, `一组字段`.
    pub(crate) fn shape(&self) -> &'static str {
        match self {
            Node::Scalar(_) => "一个值",
            Node::List(..) => "一个列表",
            Node::Map(..) => "一组子字段",
        }
    }
}

/// A column fix made to the text before parsing (a full-width colon became `: `):
/// on `line`, characters after column `after` moved right by `delta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shift {
    pub(crate) line: usize,
    pub(crate) after: usize,
    pub(crate) delta: usize,
}

/// Where the YAML text sits in its file, to turn parser marks into file positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// The file line of the YAML text's first line.
    pub(crate) first_line: usize,
    pub(crate) shifts: &'a [Shift],
}

impl Origin<'_> {
    fn pos(&self, mark: &Marker) -> Pos {
        let line = self.first_line + mark.line().saturating_sub(1);
        let mut col = mark.col() + 1;
        for shift in self.shifts.iter().filter(|s| s.line == line) {
            if col > shift.after + shift.delta {
                col -= shift.delta;
            } else if col > shift.after {
                col = shift.after;
            }
        }
        Pos { line, col }
    }
}

/// A YAML syntax error, explained in simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    pub(crate) pos: Pos,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Parses `text` (the first YAML document in it) into a tree. `Ok(None)` for empty text.
pub(crate) fn parse(text: &str, origin: Origin<'_>) -> Result<Option<Node>, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| scan_error(&e, text, origin))?;
        let pos = origin.pos(&span.start);
        match event {
            Event::Scalar(value, style, _, _) => builder.add(Node::Scalar(Scalar {
                text: value.into_owned(),
                quoted: style != ScalarStyle::Plain,
                pos,
            }))?,
            Event::SequenceStart(..) => builder.open(Frame::List(Vec::new(), pos)),
            Event::MappingStart(..) => builder.open(Frame::Map(Vec::new(), pos, None)),
            Event::SequenceEnd | Event::MappingEnd => builder.close()?,
            Event::Alias(_) => {
                return Err(YamlError {
                    pos,
                    message: "这里用了 YAML 别名（`*名字`），tongwen 不支持".into(),
                    hint: "把要重复的内容直接写出来".into(),
                });
            }
            Event::DocumentEnd => break,
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {}
        }
    }
    Ok(builder.root)
}

#[derive(Debug)]
enum Frame {
    List(Vec<Node>, Pos),
    /// Entries so far and a key waiting for its value.
    Map(Vec<Entry>, Pos, Option<(String, Pos)>),
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
}

impl Builder {
    fn open(&mut self, frame: Frame) {
        self.stack.push(frame);
    }

    fn close(&mut self) -> Result<(), YamlError> {
        let node = match self.stack.pop() {
            Some(Frame::List(items, pos)) => Node::List(items, pos),
            Some(Frame::Map(entries, pos, _)) => Node::Map(entries, pos),
            None => return Ok(()),
        };
        self.add(node)
    }

    fn add(&mut self, node: Node) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List(items, _)) => items.push(node),
            Some(Frame::Map(entries, _, pending)) => match (pending.take(), node) {
                (Some((key, key_pos)), value) => entries.push(Entry {
                    key,
                    key_pos,
                    value,
                }),
                (None, Node::Scalar(key)) => *pending = Some((key.text, key.pos)),
                (None, other) => {
                    return Err(YamlError {
                        pos: other.pos(),
                        message: format!("字段名的位置写成了{}", other.shape()),
                        hint: "字段名要写成 `名称: 值`，例如 `title: 长欣社区“红色微家”`".into(),
                    });
                }
            },
        }
        Ok(())
    }
}

/// Turns the parser's English message into one a non-programmer can act on.
fn scan_error(error: &ScanError, text: &str, origin: Origin<'_>) -> YamlError {
    let info = error.info();
    let mark = *error.marker();
    let unclosed = (!info.contains("quoted scalar"))
        .then(|| unclosed_bracket(text, mark.line()))
        .flatten();
    let ((message, hint), mark) = match unclosed {
        Some(at) => (explain("flow sequence"), at),
        None => (
            explain(info),
            missing_colon(info, text, mark).unwrap_or(mark),
        ),
    };
    YamlError {
        pos: origin.pos(&mark),
        message: format!("YAML 格式有误：{message}"),
        hint: format!("{hint}（解析器原文：{info}）"),
    }
}

/// A line without a colon is noticed by the parser only on the next line; the user needs
/// the line itself.
fn missing_colon(info: &str, text: &str, mark: Marker) -> Option<Marker> {
    if !(info.contains("expected ':'") || info.contains("simple key")) {
        return None;
    }
    let lines: Vec<&str> = text.lines().take(mark.line()).collect();
    lines.iter().enumerate().rev().find_map(|(i, line)| {
        let content = line.trim_start();
        let missing = !content.is_empty() && !content.starts_with('#') && !content.contains(':');
        missing.then(|| Marker::new(0, i + 1, line.chars().count() - content.chars().count()))
    })
}

/// The first `[` or `{` still open at the end of line `upto` (quoted text skipped): the
/// parser reports a missing `]` wherever it gives up, often lines later.
fn unclosed_bracket(text: &str, upto: usize) -> Option<Marker> {
    let mut open: Vec<Marker> = Vec::new();
    for (i, line) in text.lines().take(upto).enumerate() {
        let mut quote = None;
        for (col, ch) in line.chars().enumerate() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(ch),
                (None, '#') if col == 0 || line.chars().nth(col - 1) == Some(' ') => break,
                (None, '[' | '{') => open.push(Marker::new(0, i + 1, col)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

fn explain(info: &str) -> (&'static str, &'static str) {
    const LAYOUT: &str =
        "每个字段写成 `名称: 值`（半角冒号后加一个空格），同一层的字段左边对齐，子字段用空格缩进";
    if info.contains("quoted scalar") {
        (
            "引号没有配对",
            "值里的引号要成对：用了开头的 `\"` 就要有结尾的 `\"`；若值本身含引号，请用中文引号“”",
        )
    } else if info.contains("flow sequence") || info.contains("flow mapping") {
        (
            "方括号或花括号没有配对",
            "列表写成 `[甲, 乙]`，用半角逗号分隔，并以 `]` 结尾",
        )
    } else if info.contains("tab") {
        ("这里用了制表符（Tab）", "缩进和分隔只能用空格，不能用 Tab")
    } else if info.contains("mapping values are not allowed") {
        (
            "这一行多了一个冒号，或缩进不对",
            "值里需要冒号时，把整个值用引号括起来，例如 `title: \"主题: 邻里守望\"`；\
             若这是一个新字段，让它和上面的字段左边对齐",
        )
    } else if info.contains("indentation") || info.contains("did not find expected key") {
        ("这一行的缩进不对", LAYOUT)
    } else if info.contains("expected ':'") || info.contains("simple key") {
        ("这一行缺少半角冒号 `:`", LAYOUT)
    } else {
        ("这里无法解析", LAYOUT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT_1: Origin<'static> = Origin {
        first_line: 1,
        shifts: &[],
    };

    fn map(text: &str) -> Vec<Entry> {
        match parse(text, AT_1).unwrap() {
            Some(Node::Map(entries, _)) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    fn scalar(node: &Node) -> &Scalar {
        match node {
            Node::Scalar(s) => s,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn scalars_keep_their_text_and_place() {
        let entries = map("title: 2015-10-11\nphone: 0571\ndraft: 否\n");
        let texts: Vec<_> = entries
            .iter()
            .map(|e| (e.key.as_str(), scalar(&e.value).text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [("title", "2015-10-11"), ("phone", "0571"), ("draft", "否")]
        );
        assert_eq!(entries[1].key_pos, Pos { line: 2, col: 1 });
        assert_eq!(scalar(&entries[1].value).pos, Pos { line: 2, col: 8 });
    }

    #[test]
    fn positions_are_shifted_to_the_file() {
        let origin = Origin {
            first_line: 2,
            shifts: &[],
        };
        let Some(Node::Map(entries, _)) = parse("a: 1\n标题: 长欣\n", origin).unwrap() else {
            panic!("not a map");
        };
        assert_eq!(entries[1].key_pos, Pos { line: 3, col: 1 });
        assert_eq!(scalar(&entries[1].value).pos, Pos { line: 3, col: 5 });
    }

    #[test]
    fn shifts_undo_repairs_on_their_line() {
        let shifts = [Shift {
            line: 1,
            after: 3,
            delta: 1,
        }];
        let origin = Origin {
            first_line: 1,
            shifts: &shifts,
        };
        // The file had `标题：长欣`; the parser saw `标题: 长欣`.
        let Some(Node::Map(entries, _)) = parse("标题: 长欣\n", origin).unwrap() else {
            panic!("not a map");
        };
        assert_eq!(scalar(&entries[0].value).pos, Pos { line: 1, col: 4 });
    }

    #[test]
    fn lists_and_maps_nest() {
        let entries = map("tags: [党建, 治理]\ncontact:\n  phone: 0571\n");
        let Node::List(items, _) = &entries[0].value else {
            panic!("not a list")
        };
        assert_eq!(scalar(&items[1]).text, "治理");
        let Node::Map(sub, pos) = &entries[1].value else {
            panic!("not a map")
        };
        assert_eq!(sub[0].key, "phone");
        assert_eq!(*pos, Pos { line: 3, col: 3 });
    }

    #[test]
    fn empty_values_are_null_but_quoted_ones_are_not() {
        let entries = map("a:\nb: ~\nc: \"\"\nd: null\n");
        let nulls: Vec<_> = entries.iter().map(|e| scalar(&e.value).is_null()).collect();
        assert_eq!(nulls, [true, true, false, true]);
    }

    #[test]
    fn empty_text_is_no_tree() {
        assert_eq!(parse("", AT_1).unwrap(), None);
        assert_eq!(parse("# 只有注释\n", AT_1).unwrap(), None);
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let cases = [
            ("a: 1\nb: \"未闭合\n", 2, "引号没有配对"),
            ("a: 1\ntags: [甲, 乙\n", 2, "方括号或花括号没有配对"),
            ("a: 1\nb: 主题: 邻里\n", 2, "多了一个冒号"),
            ("a: 1\n  b: 2\n", 2, "多了一个冒号"),
            ("a: 1\nb\nc: 2\n", 2, "缺少半角冒号"),
        ];
        for (text, line, words) in cases {
            let error = parse(text, AT_1).unwrap_err();
            assert_eq!(error.pos.line, line, "{text:?}: {error:?}");
            assert!(error.message.contains(words), "{text:?}: {error:?}");
        }
    }
}
