//! What the author decided in a text, for the review view: `-{…}-` spans (kept as
//! written) and glossary terms (site.yaml's, and the review decisions the build adds to
//! it). Pure.

use std::ops::Range;

use serde::Serialize;

use super::protect::{self, Piece};
use super::{Converter, Script};

/// Why a stretch of text is not the dictionary's guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decided {
    /// Inside `-{…}-` (the range covers the inside, not the markers).
    Kept,
    /// A glossary term.
    Glossary,
}

/// The decided stretches of `text` (written in `from`), as byte ranges in text order.
pub fn find(conv: &Converter, text: &str, from: Script) -> Vec<(Range<usize>, Decided)> {
    let mut found = Vec::new();
    for (offset, piece) in protect::pieces(text) {
        match piece {
            Piece::Verbatim(kept) => found.push((offset..offset + kept.len(), Decided::Kept)),
            Piece::Text(plain) => {
                let mut pos = 0;
                while let Some(hit) = conv.glossary().find(plain, pos, from.other()) {
                    found.push((offset + hit.start..offset + hit.end, Decided::Glossary));
                    pos = hit.end;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;

    #[test]
    fn kept_spans_and_glossary_terms_are_found_by_byte_range() {
        let pairs = vec![("长欣".to_string(), "長欣".to_string())];
        let conv = Converter::new(Variant::Standard, &pairs);
        let text = "走进长欣，-{后}-来";
        let found = find(&conv, text, Script::Hans);
        assert_eq!(
            found,
            vec![(6..12, Decided::Glossary), (17..20, Decided::Kept)]
        );
        assert_eq!(&text[6..12], "长欣");
        assert_eq!(&text[17..20], "后");
    }
}
