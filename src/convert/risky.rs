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
    /// Byte range of the stretch the character was converted in (outside `-{…}-` and
    /// glossary terms): a phrase around it that stays inside converts as one piece.
    pub run: std::ops::Range<usize>,
}

/// The risky characters of `text`, written in `from`, in text order. Spans in
/// `-{…}-` and glossary terms are the author's decision and never listed.
pub fn find(conv: &Converter, text: &str, from: Script) -> Vec<RiskyChar> {
    let mut found = Vec::new();
    for (offset, piece) in protect::pieces(text) {
        let Piece::Text(plain) = piece else { continue };
        for (start, run) in conv.glossary().gaps(plain, from.other()) {
            let at = offset + start;
            for (i, ch) in conv.phrases(from).lone_chars(run) {
                found.extend(risky(conv, ch, from, at + i).map(|r| RiskyChar {
                    run: at..at + run.len(),
                    ..r
                }));
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
        run: offset..offset + ch.len_utf8(),
    })
}

fn same_form(tables: &Tables, a: &str, b: &str) -> bool {
    let mut pair = a.chars().zip(b.chars());
    match (pair.next(), a.chars().count(), b.chars().count()) {
        (Some((x, y)), 1, 1) => tables.same_character(x, y),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;
    use crate::convert::converter::standard;

    fn risky_in(conv: &Converter, text: &str, from: Script) -> Vec<(usize, char, String, String)> {
        find(conv, text, from)
            .into_iter()
            .map(|r| (r.offset, r.ch, r.chosen, r.alternatives.join("/")))
            .collect()
    }

    fn alone(conv: &Converter, ch: &str) -> Option<(String, String)> {
        let found = risky_in(conv, ch, Script::Hans);
        found
            .into_iter()
            .next()
            .map(|(_, _, chosen, alts)| (chosen, alts))
    }

    #[test]
    fn lone_one_to_many_characters_are_listed() {
        let conv = standard();
        for (ch, chosen, alternatives) in [
            ("发", "發", "髮"),
            ("后", "後", "后"),
            ("里", "裡", "里"),
            ("干", "幹", "乾/干"),
            ("系", "系", "係/繫"),
            ("面", "面", "麵"),
            ("台", "臺", "檯/颱/台"),
            ("只", "只", "隻"),
        ] {
            let expected = Some((chosen.to_string(), alternatives.to_string()));
            assert_eq!(alone(conv, ch), expected, "{ch}");
        }
    }

    #[test]
    fn characters_a_phrase_decided_are_not_listed() {
        for text in [
            "头发",
            "发展",
            "干部",
            "干净",
            "后来",
            "皇后",
            "一只猫",
            "面条",
        ] {
            assert_eq!(risky_in(standard(), text, Script::Hans), vec![], "{text}");
        }
    }

    #[test]
    fn offsets_are_bytes_in_the_given_text() {
        assert_eq!(
            risky_in(standard(), "他把发剪短了", Script::Hans),
            vec![(6, '发', "發".to_string(), "髮".to_string())]
        );
    }

    #[test]
    fn rare_alternatives_do_not_count() {
        // 党 (surname), 家 (傢), 了 (瞭): the phrase dictionary covers those uses.
        for ch in ["党", "家", "了", "个"] {
            assert_eq!(alone(standard(), ch), None, "{ch}");
        }
    }

    #[test]
    fn marked_spans_and_glossary_terms_are_the_authors_decision() {
        assert_eq!(risky_in(standard(), "-{发}-", Script::Hans), vec![]);
        let pairs = vec![("发哥".to_string(), "發哥".to_string())];
        let conv = Converter::new(Variant::Standard, &pairs);
        assert_eq!(risky_in(&conv, "发哥", Script::Hans), vec![]);
    }

    #[test]
    fn traditional_source_lists_its_own_candidates() {
        assert_eq!(
            risky_in(standard(), "乾", Script::Hant),
            vec![(0, '乾', "干".to_string(), "乾".to_string())]
        );
        assert_eq!(risky_in(standard(), "後", Script::Hant), vec![]);
    }

    #[test]
    fn forms_follow_the_regional_variant() {
        let tw = Converter::new(Variant::Tw, &[]);
        // 裏 is a glyph variant of 裡, not an alternative.
        assert_eq!(alone(&tw, "里"), Some(("裡".into(), "里".into())));
        let hk = Converter::new(Variant::Hk, &[]);
        assert_eq!(alone(&hk, "台"), Some(("台".into(), "枱/颱".into())));
    }
}
