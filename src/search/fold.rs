//! One script for the index and the query: every character is folded the same way, so that
//! 頭髮 and 头发 are one text. Pure: no IO. `themes/default/static/js/search.js` folds the
//! query by the same rules, with the table the index ships (`Fold::table_text`).

use std::collections::HashMap;

use crate::convert::Converter;

/// Folds text character by character: ASCII letters to lower case, full-width ASCII to
/// half-width, the ideographic space to a space, and a traditional character to the
/// simplified one the converter's character table writes (`髮`→`发`). One character
/// always becomes one character, so positions in folded text are positions in the text.
#[derive(Debug, Clone, Default)]
pub struct Fold {
    to_hans: HashMap<char, char>,
}

impl Fold {
    pub fn new(converter: &Converter) -> Fold {
        Fold {
            to_hans: converter.to_hans_pairs().iter().copied().collect(),
        }
    }

    /// `c` folded.
    pub fn char(&self, c: char) -> char {
        match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
            }
            '\u{3000}' => ' ',
            _ if c.is_ascii() => c,
            _ => self.to_hans.get(&c).copied().unwrap_or(c),
        }
    }

    /// `text` folded.
    pub fn text(&self, text: &str) -> String {
        text.chars().map(|c| self.char(c)).collect()
    }

    /// The character table for the query side: each pair as two characters in a row
    /// (`髮发頭头…`), sorted.
    pub fn table_text(&self) -> String {
        let mut pairs: Vec<(char, char)> = self.to_hans.iter().map(|(&a, &b)| (a, b)).collect();
        pairs.sort_unstable();
        pairs.into_iter().flat_map(|(a, b)| [a, b]).collect()
    }
}
