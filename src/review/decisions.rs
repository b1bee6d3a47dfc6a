//! `review.yaml`: the review decisions tongwen writes beside site.yaml, one per reviewed
//! occurrence: the file, the phrase with the character in 【】, and the form chosen.
//! Parsing (with file:line errors), rendering, and adding a decision. Pure: no IO.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, LineIndex, Span};

/// Where the decisions live, relative to the site root.
pub const FILE: &str = "review.yaml";

/// One decision: in `file`, the character `ch` between `before` and `after` converts to
/// `chosen`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub file: String,
    pub before: String,
    pub ch: char,
    pub after: String,
    pub chosen: String,
    /// Line of the decision in review.yaml (0 for one not read from it).
    pub line: usize,
}

impl Decision {
    /// The phrase as written in the file: `before`, the character, `after`.
    pub fn phrase(&self) -> String {
        format!("{}{}{}", self.before, self.ch, self.after)
    }

    /// The phrase with the character marked: `志愿者给老人理【发】，老人`.
    pub fn marked(&self) -> String {
        format!("{}【{}】{}", self.before, self.ch, self.after)
    }

    /// Whether `other` is about the same occurrence (whatever it chose).
    pub fn same_place(&self, other: &Decision) -> bool {
        self.file == other.file
            && self.before == other.before
            && self.ch == other.ch
            && self.after == other.after
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    file: String,
    text: String,
    #[serde(rename = "use")]
    chosen: String,
}

/// The decisions in `text` (review.yaml as read). An empty file has none. Errors name
/// review.yaml and the line.
pub fn parse(text: &str) -> Result<Vec<Decision>, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let raw: Option<Vec<RawDecision>> = serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        vec![
            Diagnostic::error(
                "review.yaml",
                Span::new(FILE, line, col),
                format!("校对记录 review.yaml 读不懂：{}", yaml_reason(&e)),
            )
            .with_hint("这个文件由预览里的“对照校对”写入；手工改过的话，对照其他记录的格式改回来，或删掉这一条")
            .with_source(text),
        ]
    })?;
    let index = LineIndex::new(text);
    let mut search_from = 0;
    let mut errors = Vec::new();
    let mut decisions = Vec::new();
    for raw in raw.unwrap_or_default() {
        let at = find_value(text, &raw.text, search_from);
        search_from = at;
        let (line, col) = index.position(at);
        match resolve(raw, line) {
            Some(decision) => decisions.push(decision),
            None => errors.push(
                Diagnostic::error(
                    "review.yaml",
                    Span::new(FILE, line, col),
                    "这条校对记录的 text 里要有一个用【】括起来的字",
                )
                .with_hint("写成 text: 志愿者给老人理【发】，老人很开心")
                .with_source(text),
            ),
        }
    }
    if errors.is_empty() {
        Ok(decisions)
    } else {
        Err(errors)
    }
}

/// serde_yaml's reason without its own "at line N column M" (the span says where).
fn yaml_reason(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

/// Byte offset of the entry holding `value` (its `text:` line), searched from `from`.
fn find_value(text: &str, value: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find(value))
        .map_or(from, |i| from + i)
}

fn resolve(raw: RawDecision, line: usize) -> Option<Decision> {
    let RawDecision { file, text, chosen } = raw;
    let (before, rest) = text.split_once('【')?;
    let mut chars = rest.chars();
    let ch = chars.next()?;
    let after = chars.as_str().strip_prefix('】')?;
    if ch == '】' || chosen.trim().is_empty() || after.contains(['【', '】']) {
        return None;
    }
    Some(Decision {
        file,
        before: before.to_string(),
        ch,
        after: after.to_string(),
        chosen: chosen.trim().to_string(),
        line,
    })
}

/// `decisions` as review.yaml, in a stable order (by file, then phrase).
pub fn render(decisions: &[Decision]) -> String {
    let mut sorted: Vec<&Decision> = decisions.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.marked()).cmp(&(&b.file, b.marked())));
    let mut out = String::from(
        "# 同文的校对记录：在预览的“对照校对”页面点选后由 tongwen 写入，请和文章一起提交。\n\
         # 每一条：哪个文件（file），原文和前后文、要定的字在【】里（text），转换后用哪个字（use）。\n",
    );
    if sorted.is_empty() {
        out.push_str("[]\n");
    }
    for d in sorted {
        out.push_str(&format!(
            "- file: {}\n  text: {}\n  use: {}\n",
            quote(&d.file),
            quote(&d.marked()),
            quote(&d.chosen)
        ));
    }
    out
}

/// A YAML double-quoted scalar: always safe, whatever the text holds.
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes to JSON")
}

/// `decisions` with `new` in place of any decision about the same occurrence.
pub fn upsert(decisions: &[Decision], new: Decision) -> Vec<Decision> {
    let mut out: Vec<Decision> = decisions
        .iter()
        .filter(|d| !d.same_place(&new))
        .cloned()
        .collect();
    out.push(new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(before: &str, ch: char, after: &str, chosen: &str) -> Decision {
        Decision {
            file: "content/stories/a.md".into(),
            before: before.into(),
            ch,
            after: after.into(),
            chosen: chosen.into(),
            line: 0,
        }
    }

    #[test]
    fn rendered_decisions_parse_back() {
        let decisions = vec![
            decision("给老人理", '发', "，老人", "髮"),
            decision("", '后', "面", "後"),
        ];
        let text = render(&decisions);
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].phrase(), "后面");
        assert_eq!(parsed[0].line, 4);
        assert_eq!(parsed[1].marked(), "给老人理【发】，老人");
        assert_eq!(parsed[1].chosen, "髮");
        assert_eq!(parsed[1].line, 7);
        assert_eq!(parse(&render(&[])).unwrap(), vec![]);
    }

    #[test]
    fn a_broken_file_is_an_error_at_its_line() {
        let text = "- file: content/a.md\n  text: 理【发】\n  use: 髮\n- file: [\n";
        let errors = parse(text).unwrap_err();
        assert_eq!(errors[0].span.file, "review.yaml");
        assert!(errors[0].span.line >= 4, "{errors:?}");
        let text = "- file: content/a.md\n  text: 理发\n  use: 髮\n";
        let errors = parse(text).unwrap_err();
        assert_eq!((errors[0].span.line, errors[0].span.col), (2, 9));
        let text = "- file: content/a.md\n  txt: 理【发】\n  use: 髮\n";
        assert!(parse(text).is_err());
    }

    #[test]
    fn a_new_decision_replaces_the_one_about_the_same_place() {
        let first = vec![
            decision("理", '发', "", "髮"),
            decision("", '后', "面", "後"),
        ];
        let changed = upsert(&first, decision("理", '发', "", "發"));
        assert_eq!(changed.len(), 2);
        assert!(
            changed
                .iter()
                .any(|d| d.phrase() == "理发" && d.chosen == "發")
        );
    }
}
