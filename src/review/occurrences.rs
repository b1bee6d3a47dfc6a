//! The risky one-to-many choices of one file, each with the phrase around it that a
//! decision names, and which of them `review.yaml` already decided. Pure.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::convert::{Converter, Script, risky};

use super::decisions::Decision;

/// Characters of context kept on each side of the character.
const CONTEXT: usize = 4;

/// One risky choice in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// Byte offset of the character in the file text.
    pub offset: usize,
    pub ch: char,
    /// What the dictionary writes.
    pub default: String,
    /// The other forms, most common first.
    pub alternatives: Vec<String>,
    pub before: String,
    pub after: String,
    /// The form `review.yaml` chose, if any.
    pub decided: Option<String>,
}

/// Every risky choice in `text` (a whole file written in `from`), with what `decisions`
/// (those of this file) chose. `conv` must not hold the decisions (else the decided
/// ones are no longer risky and vanish from the list).
pub fn find(conv: &Converter, text: &str, from: Script, decisions: &[Decision]) -> Vec<Occurrence> {
    let decided = decided_at(text, decisions);
    risky::find(conv, text, from)
        .into_iter()
        .map(|r| {
            let (before, after) = context(text, r.run.clone(), r.offset);
            Occurrence {
                offset: r.offset,
                ch: r.ch,
                default: r.chosen,
                alternatives: r.alternatives,
                before,
                after,
                decided: decided.get(&r.offset).cloned(),
            }
        })
        .collect()
}

impl Occurrence {
    /// The decision that keeps `chosen` here, for `file`.
    pub fn decision(&self, file: &str, chosen: &str) -> Decision {
        Decision {
            file: file.to_string(),
            before: self.before.clone(),
            ch: self.ch,
            after: self.after.clone(),
            chosen: chosen.to_string(),
            line: 0,
        }
    }

    /// Whether `form` is one this character may convert to.
    pub fn allows(&self, form: &str) -> bool {
        self.default == form || self.alternatives.iter().any(|a| a == form)
    }
}

/// Up to `CONTEXT` characters on each side of the character at `offset`, inside `run`,
/// stopping at a line end or ASCII punctuation (Markdown and YAML syntax: a phrase the
/// build converts in one piece never crosses them) and at 【】 (review.yaml's marks).
pub fn context(text: &str, run: Range<usize>, offset: usize) -> (String, String) {
    let keeps =
        |c: &char| (!c.is_ascii() || c.is_ascii_alphanumeric()) && !matches!(c, '【' | '】');
    let run_text = text.get(run.clone()).unwrap_or("");
    let at = offset.saturating_sub(run.start).min(run_text.len());
    let (head, tail) = run_text.split_at(at);
    let mut before: Vec<char> = head.chars().rev().take_while(keeps).take(CONTEXT).collect();
    before.reverse();
    let after: String = tail
        .chars()
        .skip(1)
        .take_while(keeps)
        .take(CONTEXT)
        .collect();
    (before.into_iter().collect(), after)
}

/// Byte offset of each decided character in `text` → the form chosen for it. A decision
/// finds its phrase wherever it still is, so it survives edits elsewhere in the file.
pub fn decided_at(text: &str, decisions: &[Decision]) -> BTreeMap<usize, String> {
    let mut found = BTreeMap::new();
    for d in decisions {
        let phrase = d.phrase();
        for (start, _) in text.match_indices(&phrase) {
            found
                .entry(start + d.before.len())
                .or_insert_with(|| d.chosen.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;

    fn conv() -> Converter {
        Converter::new(Variant::Standard, &[])
    }

    #[test]
    fn context_stops_at_markup_and_line_ends() {
        let text = "title: 把发剪\n**志愿者帮他把发剪短了**，很好\n";
        let found = find(&conv(), text, Script::Hans, &[]);
        let phrases: Vec<(String, char, String)> = found
            .iter()
            .map(|o| (o.before.clone(), o.ch, o.after.clone()))
            .collect();
        assert!(phrases.contains(&("把".to_string(), '发', "剪".to_string())));
        assert!(phrases.contains(&("者帮他把".to_string(), '发', "剪短了".to_string())));
        assert!(found.iter().all(|o| !o.before.contains([' ', ':', '*'])));
    }

    #[test]
    fn a_decision_is_found_again_after_edits_elsewhere() {
        let text = "志愿者帮他把发剪短了。\n";
        let found = find(&conv(), text, Script::Hans, &[]);
        let fa = found.iter().find(|o| o.ch == '发').unwrap();
        let decision = fa.decision("content/a.md", "髮");
        let edited = "前面加了一段话。\n\n志愿者帮他把发剪短了。\n";
        let again = find(&conv(), edited, Script::Hans, &[decision]);
        let fa = again.iter().find(|o| o.ch == '发').unwrap();
        assert_eq!(fa.decided.as_deref(), Some("髮"));
        assert_eq!(&edited[fa.offset..fa.offset + 3], "发");
    }
}
