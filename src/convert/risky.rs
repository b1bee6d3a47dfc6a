//! One-to-many conversions that nothing decided: a character such as 发 (發/髮)
//! or 后 (後/后) that no dictionary phrase and no glossary term covered in this
//! text, so the engine took its default. `tongwen check` lists them for review.
//!
//! "Covered" is decided by segmenting the text as the engine's first round does
//! (forward maximum matching over the phrase dictionary, see `segment.rs`): a
//! character inside a phrase match was chosen by that phrase; a character left
//! alone was converted by the character table, which keeps only the default of
//! OpenCC's candidates (`data/st_alternatives.txt`, `data/ts_alternatives.txt`).
//! Candidates that are only regional variants of the chosen form (裏/裡) are not
//! alternatives. Pure.

use serde::Serialize;

use super::protect::{self, Piece};
use super::{Converter, Script};

/// A character whose conversion the engine guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskyChar {
    /// Byte offset of the character in the text given to [`find`].
    pub offset: usize,
    /// The character as written.
    pub ch: char,
    /// What the conversion writes.
    pub chosen: String,
    /// The other forms it could have been, most common first.
    pub alternatives: Vec<String>,
}

/// The risky characters of `text`, written in `from`, in text order. Spans in
/// `-{…}-` and glossary terms are the author's decision and never listed.
pub fn find(conv: &Converter, text: &str, from: Script) -> Vec<RiskyChar> {
    let mut found = Vec::new();
    for (offset, piece) in protect::pieces(text) {
        let Piece::Text(plain) = piece else { continue };
        for (start, run) in conv.glossary().gaps(plain, from.other()) {
            for (i, ch) in conv.phrases(from).lone_chars(run) {
                found.extend(risky(conv, ch, from, offset + start + i));
            }
        }
    }
    found
}

fn risky(conv: &Converter, ch: char, from: Script, offset: usize) -> Option<RiskyChar> {
    let tables = conv.tables();
    let candidates = tables.candidates(ch, from)?;
    let chosen = conv
        .convert_plain(ch.encode_utf8(&mut [0; 4]), from.other())
        .into_owned();
    let default = candidates[0];
    let chosen_char = chosen.chars().next().unwrap_or(default);
    let alternatives: Vec<String> = candidates
        .iter()
        .filter(|&&c| !tables.same_character(c, default) && !tables.same_character(c, chosen_char))
        .map(|c| c.to_string())
        .collect();
    (!alternatives.is_empty()).then_some(RiskyChar {
        offset,
        ch,
        chosen,
        alternatives,
    })
}
