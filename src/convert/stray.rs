//! Stray characters of the other script: a simplified-only character in a
//! traditional text (`創新并完善`: 并 should be 並) or a traditional-only one in a
//! simplified text. Characters valid in both scripts (干, 后, 里, 于) are never
//! reported. `tongwen check` lists them with the suggested fix. Pure.

use serde::Serialize;

use super::protect::{self, Piece};
use super::{Converter, Script};

/// How far (in chars) on each side of a stray character its context reaches.
const CONTEXT: usize = 4;

/// A character of the other script in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrayChar {
    /// Byte offset of the character in the text given to [`find`].
    pub offset: usize,
    /// The character as written.
    pub found: char,
    /// What it should read in the text's script, chosen in its context.
    pub expected: String,
}

/// The stray characters of `text`, written in `script`, in text order. Spans in
/// `-{…}-` and glossary terms are the author's words and never listed.
pub fn find(conv: &Converter, text: &str, script: Script) -> Vec<StrayChar> {
    let mut found = Vec::new();
    for (offset, piece) in protect::pieces(text) {
        let Piece::Text(plain) = piece else { continue };
        for (start, run) in conv.glossary().gaps(plain, script.other()) {
            for (i, c) in run.char_indices() {
                if conv.tables().only_in(c) == Some(script.other()) {
                    let expected = expected(conv, run, i, c, script);
                    if expected.chars().ne(std::iter::once(c)) {
                        found.push(StrayChar {
                            offset: offset + start + i,
                            found: c,
                            expected,
                        });
                    }
                }
            }
        }
    }
    found
}

/// The form of the character at byte `at` of `run` in `script`, decided in its
/// context: the context is first written wholly in the other script, then
/// converted back, so that phrases apply (頭发 → 头发 → 頭髮). Without a one-to-one
/// correspondence of characters, the character is converted alone.
fn expected(conv: &Converter, run: &str, at: usize, found: char, script: Script) -> String {
    let start = run[..at]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let end = run[at..]
        .char_indices()
        .nth(CONTEXT + 1)
        .map_or(run.len(), |(i, _)| at + i);
    let index = run[start..at].chars().count();
    let window = &run[start..end];
    let other = conv.convert_plain(window, script.other());
    let back = conv.convert_plain(&other, script);
    let len = window.chars().count();
    let aligned = other.chars().count() == len && back.chars().count() == len;
    match back.chars().nth(index) {
        Some(c) if aligned => c.to_string(),
        _ => conv
            .convert_plain(found.encode_utf8(&mut [0; 4]), script)
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;
    use crate::convert::converter::standard;

    fn strays(conv: &Converter, text: &str, script: Script) -> Vec<(usize, char, String)> {
        find(conv, text, script)
            .into_iter()
            .map(|s| (s.offset, s.found, s.expected))
            .collect()
    }

    #[test]
    fn simplified_character_in_traditional_text() {
        assert_eq!(
            strays(standard(), "創新并完善機制", Script::Hant),
            vec![(6, '并', "並".to_string())]
        );
    }

    #[test]
    fn characters_of_both_scripts_are_not_stray() {
        let text = "社區(qū)幹部後來在這裡干預，皇后與里長位於于家";
        assert_eq!(strays(standard(), text, Script::Hant), vec![]);
        assert_eq!(strays(standard(), "著作乾坤", Script::Hans), vec![]);
    }

    #[test]
    fn expected_form_is_chosen_in_context() {
        assert_eq!(
            strays(standard(), "剪頭发", Script::Hant),
            vec![(6, '发', "髮".to_string())]
        );
        assert_eq!(
            strays(standard(), "發展发言", Script::Hant),
            vec![(6, '发', "發".to_string())]
        );
    }

    #[test]
    fn traditional_character_in_simplified_text() {
        assert_eq!(
            strays(standard(), "社区關于垃圾分类", Script::Hans),
            vec![(6, '關', "关".to_string())]
        );
    }

    #[test]
    fn marked_spans_and_glossary_terms_are_never_stray() {
        assert_eq!(strays(standard(), "創新-{并}-完善", Script::Hant), vec![]);
        let pairs = vec![("并州".to_string(), "并州".to_string())];
        let conv = Converter::new(Variant::Standard, &pairs);
        assert_eq!(strays(&conv, "古稱并州", Script::Hant), vec![]);
    }
}
