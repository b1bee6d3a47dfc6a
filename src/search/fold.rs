//! One script for the index and the query: every character is folded the same way, so that
//! 頭髮 and 头发 are one text. Pure: no IO. `themes/default/static/js/search.js` folds the
//! query by the same rules, with the table the index ships (`Fold::table_text`).

use std::collections::HashMap;

use crate::convert::{Converter, Script};

/// Folds text character by character: ASCII letters to lower case, full-width ASCII to
/// half-width, the ideographic space to a space, and a traditional character to the
/// simplified one the converter's character table writes (`髮`→`发`). One character
/// always becomes one character, so positions in folded text are positions in the text.
#[derive(Debug, Clone, Default)]
pub struct Fold {
    to_hans: HashMap<char, char>,
    /// Simplified → traditional, character by character: the one traditional character
    /// that folds to it, or, where the converter writes another (`发`→`發` of `發`, `髮`;
    /// `面`→`面`), the converter's.
    to_hant: HashMap<char, char>,
    /// The pairs of `to_hant` the first rule does not give, shipped to the browser.
    preferred: Vec<(char, char)>,
}

impl Fold {
    pub fn new(converter: &Converter) -> Fold {
        let to_hans: HashMap<char, char> = converter.to_hans_pairs().iter().copied().collect();
        let mut to_hant = inverse_if_unique(&to_hans);
        let mut targets: Vec<char> = to_hans.values().copied().collect();
        targets.sort_unstable();
        targets.dedup();
        let mut preferred = Vec::new();
        for s in targets {
            let mut buffer = [0; 4];
            let one = converter.convert(s.encode_utf8(&mut buffer), Script::Hans, Script::Hant);
            let mut chars = one.chars();
            let (Some(t), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if to_hant.get(&s).copied().unwrap_or(s) != t {
                preferred.push((s, t));
                to_hant.insert(s, t);
            }
        }
        Fold {
            to_hans,
            to_hant,
            preferred,
        }
    }

    /// `text` in `to` script character by character, as a starting point the changes
    /// of `diff` complete: to simplified by the fold table, to traditional by
    /// `to_hant`. Other characters are kept, so positions do not move.
    pub fn convert_chars(&self, text: &str, to: Script) -> String {
        let table = match to {
            Script::Hans => &self.to_hans,
            Script::Hant => &self.to_hant,
        };
        text.chars()
            .map(|c| table.get(&c).copied().unwrap_or(c))
            .collect()
    }

    /// The pairs of the conversion to traditional that the browser cannot work out from
    /// the fold table alone, in the same form as `table_text` (`发發面面…`).
    pub fn preferred_text(&self) -> String {
        self.preferred.iter().flat_map(|&(a, b)| [a, b]).collect()
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

/// Simplified → traditional where exactly one traditional character folds to it.
fn inverse_if_unique(to_hans: &HashMap<char, char>) -> HashMap<char, char> {
    let mut inverse: HashMap<char, Option<char>> = HashMap::new();
    for (&t, &s) in to_hans {
        inverse
            .entry(s)
            .and_modify(|found| *found = None)
            .or_insert(Some(t));
    }
    inverse
        .into_iter()
        .filter_map(|(s, t)| Some((s, t?)))
        .collect()
}
