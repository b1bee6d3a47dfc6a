//! One-to-many conversions that nothing decided: a character such as 发 (發/髮)
//! or 后 (後/后) that no dictionary phrase and no glossary term covered in this
//! text, so the engine took its default. `tongwen check` lists them for review.
//!
//! "Covered" is decided by segmenting the text as the engine's first round does
//! (forward maximum matching over the phrase dictionary, see `segment.rs`): a
//! character inside a phrase match was chosen by that phrase; a character left
//! alone was converted by the character table, which keeps only the default of
//! OpenCC's candidates (`data/st_alternatives.txt`, `data/ts_alternatives.txt`).
//! Candidates that are only regional variants of the chosen form (裏/裡), and
//! rare ones the phrase dictionary hardly ever writes (see `tables.rs`), are not
//! alternatives. Pure.

use serde::Serialize;

use super::protect::{self, Piece};
use super::tables::Tables;
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
    let (&default, others) = tables.choices(ch, from)?.split_first()?;
    let chosen = conv
        .convert_plain(ch.encode_utf8(&mut [0; 4]), from.other())
        .into_owned();
    let mut alternatives: Vec<String> = Vec::new();
    for &other in others {
        if tables.same_character(other, default) {
            continue;
        }
        let form = match from {
            Script::Hans => conv.regional(other.encode_utf8(&mut [0; 4])).into_owned(),
            Script::Hant => other.to_string(),
        };
        if !same_form(tables, &form, &chosen) && !alternatives.contains(&form) {
            alternatives.push(form);
        }
    }
    (!alternatives.is_empty()).then_some(RiskyChar {
        offset,
        ch,
        chosen,
        alternatives,
    })
}

fn same_form(tables: &Tables, a: &str, b: &str) -> bool {
    let mut pair = a.chars().zip(b.chars());
    match (pair.next(), a.chars().count(), b.chars().count()) {
        (Some((x, y)), 1, 1) => tables.same_character(x, y),
        _ => a == b,
    }
}
