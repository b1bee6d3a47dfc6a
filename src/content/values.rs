//! Reading YAML values by the field's type (text, yes/no, count, list, date, choice), not by
//! YAML's guess: `2015-10-11` stays text where text is expected, `0571` keeps its zero.
//! Every misfit becomes a diagnostic at the value, and reading goes on. Pure: no IO.

use jiff::tz::TimeZone;

use crate::diagnostics::Diagnostic;

use super::dates::{self, FORMATS};
use super::document::When;
use super::yaml::{Entry, Node, Place, Pos, Problem};

/// Reads values from one file, collecting a diagnostic for each one that does not fit.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    pub(crate) place: Place<'a>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Names suggested for unknown keys: such a field is not reported missing as well.
    suggested: Vec<String>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(place: Place<'a>) -> Reader<'a> {
        Reader {
            place,
            diagnostics: Vec::new(),
            suggested: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// `node` is not of the shape `expected` (`一段文字`, `一个列表` …).
    pub(crate) fn wrong_type(&mut self, key: &str, node: &Node, expected: &str, example: &str) {
        let error = self
            .place
            .problem(
                Problem::WrongType,
                node.pos(),
                format!("`{key}` 应该是{expected}，这里写成了{}", node.shape()),
            )
            .with_hint(format!("例如 `{example}`"));
        self.push(error);
    }

    /// A value that has the right shape but not an accepted content.
    pub(crate) fn bad_value(&mut self, pos: Pos, message: String, hint: String) {
        let error = self
            .place
            .problem(Problem::BadValue, pos, message)
            .with_hint(hint);
        self.push(error);
    }

    /// A scalar's text; `None` when absent or empty. A list or map is an error.
    pub(crate) fn text(&mut self, entry: Option<&Entry>, example: &str) -> Option<String> {
        let entry = entry?;
        match &entry.value {
            Node::Scalar(s) if s.is_null() => None,
            Node::Scalar(s) => Some(s.text.clone()),
            other => {
                self.wrong_type(&entry.key, other, "一段文字", example);
                None
            }
        }
    }

    /// A list of texts; a single text is a list of one. Empty items are skipped.
    pub(crate) fn text_list(&mut self, entry: Option<&Entry>, example: &str) -> Vec<String> {
        self.text_items(entry, example)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    /// Like `text_list`, with the place of each item.
    pub(crate) fn text_items(
        &mut self,
        entry: Option<&Entry>,
        example: &str,
    ) -> Vec<(String, Pos)> {
        let Some(entry) = entry else {
            return Vec::new();
        };
        match &entry.value {
            Node::Scalar(s) if s.is_null() => Vec::new(),
            Node::Scalar(s) => vec![(s.text.clone(), s.pos)],
            Node::List(items, _) => items
                .iter()
                .filter_map(|item| match item {
                    Node::Scalar(s) if s.is_null() => None,
                    Node::Scalar(s) => Some((s.text.clone(), s.pos)),
                    other => {
                        self.wrong_type(&entry.key, other, "一串文字（列表里每项一个值）", example);
                        None
                    }
                })
                .collect(),
            map @ Node::Map(..) => {
                self.wrong_type(&entry.key, map, "一个列表", example);
                Vec::new()
            }
        }
    }

    /// Yes or no: `true/false`, `yes/no`, `on/off`, `是/否`, `对/错`.
    pub(crate) fn yes_no(&mut self, entry: Option<&Entry>) -> Option<bool> {
        let key = entry?.key.clone();
        let text = self.text(entry, &format!("{key}: 否"))?;
        match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "on" | "是" | "对" | "真" => Some(true),
            "false" | "no" | "n" | "off" | "否" | "不" | "错" | "假" => Some(false),
            _ => {
                let pos = entry?.value.pos();
                self.bad_value(
                    pos,
                    format!("`{key}` 只能写“是”或“否”，这里写的是“{text}”"),
                    format!("写 `{key}: 是` 或 `{key}: 否`（也可以写 true / false）"),
                );
                None
            }
        }
    }

    /// A whole number in `range` (`50`, also `50人`).
    pub(crate) fn count(
        &mut self,
        entry: Option<&Entry>,
        range: std::ops::RangeInclusive<u32>,
        example: &str,
    ) -> Option<u32> {
        let key = entry?.key.clone();
        let text = self.text(entry, example)?;
        let digits = text
            .trim()
            .trim_end_matches(['人', '名', '位', '个'])
            .trim();
        match digits.parse::<u32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                let pos = entry?.value.pos();
                let (low, high) = (range.start(), range.end());
                let allowed = if *high == u32::MAX {
                    format!("不小于 {low} 的整数")
                } else {
                    format!(" {low} 到 {high} 之间的整数")
                };
                self.bad_value(
                    pos,
                    format!("`{key}` 应该是{allowed}，这里写的是“{text}”"),
                    format!("例如 `{example}`"),
                );
                None
            }
        }
    }

    /// A date with an optional time, in `tz`.
    pub(crate) fn when(
        &mut self,
        entry: Option<&Entry>,
        tz: &TimeZone,
        example: &str,
    ) -> Option<When> {
        let key = entry?.key.clone();
        let text = self.text(entry, example)?;
        match dates::parse_when(&text, tz) {
            Ok(when) => Some(when),
            Err(reason) => {
                let pos = entry?.value.pos();
                let error = self
                    .place
                    .problem(
                        Problem::BadDate,
                        pos,
                        format!("`{key}` 的日期“{text}”有误：{reason}"),
                    )
                    .with_hint(format!("日期可以写成 {FORMATS}"));
                self.push(error);
                None
            }
        }
    }

    /// One of a few words; `options` pairs each accepted spelling with its value.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        entry: Option<&Entry>,
        options: &[(&str, T)],
        shown: &str,
    ) -> Option<T> {
        let key = entry?.key.clone();
        let text = self.text(entry, &format!("{key}: {shown}"))?;
        let wanted = text.trim().to_lowercase();
        match options.iter().find(|(word, _)| *word == wanted) {
            Some((_, value)) => Some(*value),
            None => {
                let pos = entry?.value.pos();
                self.bad_value(
                    pos,
                    format!("`{key}` 不能写“{text}”"),
                    format!("可以写：{shown}"),
                );
                None
            }
        }
    }

    /// The entries of a map value; a text or list is an error.
    pub(crate) fn map<'e>(
        &mut self,
        entry: Option<&'e Entry>,
        example: &str,
    ) -> Option<&'e [Entry]> {
        let entry = entry?;
        match &entry.value {
            Node::Map(entries, _) => Some(entries),
            Node::Scalar(s) if s.is_null() => None,
            other => {
                self.wrong_type(&entry.key, other, "一组子字段", example);
                None
            }
        }
    }

    /// A required value: reports it missing (at `open`, the line that starts the block) or
    /// empty (at its key). A value that was present but wrong was reported by its reader.
    pub(crate) fn required<T>(
        &mut self,
        key: &str,
        entry: Option<&Entry>,
        value: Option<T>,
        open: Pos,
        example: &str,
    ) -> Option<T> {
        if value.is_some() {
            return value;
        }
        match entry {
            None if self.suggested.iter().any(|s| s == key) => {}
            None => {
                let error = self
                    .place
                    .problem(Problem::MissingField, open, format!("缺少必填字段 `{key}`"))
                    .with_hint(format!("加一行，例如 `{example}`"));
                self.push(error);
            }
            Some(entry) if entry.value.is_blank() => {
                let error = self
                    .place
                    .problem(
                        Problem::EmptyField,
                        entry.key_pos,
                        format!("必填字段 `{key}` 没有填写"),
                    )
                    .with_hint(format!("在冒号后面填上内容，例如 `{example}`"));
                self.push(error);
            }
            Some(_) => {}
        }
        None
    }

    /// Reports each key written more than once (at its second place); returns the entries
    /// with the first of each key.
    pub(crate) fn distinct<'e>(&mut self, entries: &'e [Entry]) -> Vec<&'e Entry> {
        let mut seen: Vec<&Entry> = Vec::new();
        for entry in entries {
            if let Some(first) = seen.iter().find(|e| e.key == entry.key) {
                let error = self
                    .place
                    .problem(
                        Problem::DuplicateField,
                        entry.key_pos,
                        format!(
                            "字段 `{}` 写了两次（第一次在第 {} 行）",
                            entry.key, first.key_pos.line
                        ),
                    )
                    .with_hint("删掉其中一行");
                self.push(error);
            } else {
                seen.push(entry);
            }
        }
        seen
    }

    /// An unknown key, with the nearest known name or the English name of a Chinese one.
    pub(crate) fn unknown_key(&mut self, entry: &Entry, known: &[&str], chinese: &[(&str, &str)]) {
        let key = entry.key.as_str();
        let (hint, name) = match chinese.iter().find(|(zh, _)| *zh == key) {
            Some((_, en)) => (format!("字段名要用英文：把 `{key}` 改成 `{en}`"), Some(*en)),
            None => match nearest(key, known) {
                Some(name) => (format!("是否想写 `{name}`？"), Some(name)),
                None => (format!("可以用的字段：{}", known.join("、")), None),
            },
        };
        if let Some(name) = name {
            self.suggested.push(name.to_string());
        }
        let error = self
            .place
            .problem(
                Problem::UnknownField,
                entry.key_pos,
                format!("未知字段 `{key}`"),
            )
            .with_hint(hint);
        self.push(error);
    }
}

/// The known name closest to `key` by edit distance, when it is close enough to be a typo.
pub(crate) fn nearest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = key.to_lowercase().replace([' ', '-'], "_");
    let allowed = match lower.chars().count() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    known
        .iter()
        .map(|name| (strsim::damerau_levenshtein(&lower, name), *name))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names_the_likely_typo() {
        let known = [
            "title",
            "date",
            "community",
            "summary",
            "tags",
            "speaker_title",
        ];
        let cases = [
            ("comunity", Some("community")),
            ("Title", Some("title")),
            ("titel", Some("title")),
            ("data", Some("date")),
            ("tag", Some("tags")),
            ("summery", Some("summary")),
            ("speaker-title", Some("speaker_title")),
            ("category", None),
            ("x", None),
        ];
        for (key, expected) in cases {
            assert_eq!(nearest(key, &known), expected, "{key}");
        }
    }
}
