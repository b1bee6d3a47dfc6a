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
                    let expected = expected(conv, run, i, script);
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
fn expected(conv: &Converter, run: &str, at: usize, script: Script) -> String {
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
    if other.chars().count() == window.chars().count()
        && back.chars().count() == window.chars().count()
    {
        if let Some(c) = back.chars().nth(index) {
            return c.to_string();
        }
    }
    let c = &run[at..]
        .chars()
        .next()
        .map(String::from)
        .unwrap_or_default();
    conv.convert_plain(c, script).into_owned()
}
