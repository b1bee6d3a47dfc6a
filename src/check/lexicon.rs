//! The Chinese word list the lints consult: jieba's dictionary (350,000 simplified words),
//! traditional text looked up through OpenCC's t2s. Loaded once on first use and read-only
//! after, so it is shared rather than passed around. Pure: no IO.

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use opencc_fmmseg::{OpenCC, OpenccConfig};

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);
static OPENCC: LazyLock<OpenCC> = LazyLock::new(OpenCC::new);

/// `text` with each traditional character replaced by its simplified form, one character
/// for one, so that character indices stay valid.
pub(crate) fn simplified(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let whole: Vec<char> = OPENCC
        .convert_with_config(text, OpenccConfig::T2s, false)
        .chars()
        .collect();
    if whole.len() == chars.len() {
        return whole;
    }
    chars
        .iter()
        .map(|&c| {
            let one =
                OPENCC.convert_with_config(c.encode_utf8(&mut [0; 4]), OpenccConfig::T2s, false);
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect()
}

/// The words of two or more characters that jieba finds in `text` (either script), as
/// ranges of character indices. Segmentation uses the dictionary only (no HMM guessing),
/// so a word found is a word the dictionary knows.
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    cut(text, false)
        .into_iter()
        .filter(|r| r.len() >= 2)
        .collect()
}

/// Every token of jieba's segmentation of `text` (either script), single characters
/// included, as ranges of character indices.
pub(crate) fn tokens(text: &str) -> Vec<Range<usize>> {
    cut(text, false)
}

/// The words jieba's HMM guesses in `text` beyond its dictionary (place and person names
/// such as `梁溪区`), as ranges of character indices.
pub(crate) fn guessed_words(text: &str) -> Vec<Range<usize>> {
    let known = words(text);
    cut(text, true)
        .into_iter()
        .filter(|r| r.len() >= 2 && !known.contains(r))
        .collect()
}

fn cut(text: &str, hmm: bool) -> Vec<Range<usize>> {
    let simple: String = simplified(text).into_iter().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for token in JIEBA.cut(&simple, hmm) {
        let len = token.word.chars().count();
        out.push(at..at + len);
        at += len;
    }
    out
}

/// The share of the Han characters of `text` that belong to a dictionary word of two or
/// more characters: high for real Chinese prose, near zero for mojibake.
pub(crate) fn fluency(text: &str) -> f32 {
    let chars: Vec<char> = text.chars().collect();
    let han = chars.iter().filter(|c| is_han(**c)).count();
    if han == 0 {
        return 0.0;
    }
    let covered: usize = words(text)
        .into_iter()
        .map(|r| chars[r].iter().filter(|c| is_han(**c)).count())
        .sum();
    covered as f32 / han as f32
}

/// A CJK unified ideograph (the basic block, extension A, and the supplementary planes).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_simplified_character_for_character() {
        assert_eq!(
            simplified("社區黨建").into_iter().collect::<String>(),
            "社区党建"
        );
    }

    #[test]
    fn words_are_found_in_both_scripts() {
        assert_eq!(words("实践的过程中"), words("實踐的過程中"));
        let found: Vec<String> = words("梁溪区强化党员示范引领作用")
            .into_iter()
            .map(|r| {
                "梁溪区强化党员示范引领作用"
                    .chars()
                    .skip(r.start)
                    .take(r.len())
                    .collect()
            })
            .collect();
        assert_eq!(found, ["强化", "党员", "示范", "引领", "作用"]);
    }

    #[test]
    fn prose_is_fluent_and_mojibake_is_not() {
        assert!(fluency("社区党委依托公众号，严格落实主题党日等制度") > 0.7);
        assert!(fluency("椤白约胰恕保敢饨由鐓") < 0.3);
    }
}
