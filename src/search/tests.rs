use super::diff;
use super::fold::Fold;
use super::tokens::{Key, Run, keys, runs, shard_of};
use crate::convert::{Converter, Script, Variant};

fn fold() -> Fold {
    Fold::new(&Converter::new(Variant::Standard, &[]))
}

#[test]
fn both_scripts_fold_to_one_text() {
    let fold = fold();
    assert_eq!(fold.text("頭髮"), "头发");
    assert_eq!(fold.text("头发"), "头发");
    assert_eq!(fold.text("長欣社區黨建"), "长欣社区党建");
    assert_eq!(fold.text("乾淨"), fold.text("干净"));
}

#[test]
fn latin_and_full_width_fold_to_lower_half_width() {
    let fold = fold();
    assert_eq!(fold.text("ICP备"), "icp备");
    assert_eq!(fold.text("ＩＣＰ０５１０"), "icp0510");
    assert_eq!(fold.text("电话\u{3000}0510"), "电话 0510");
}

#[test]
fn folding_keeps_one_character_for_one() {
    let fold = fold();
    let text = "義剪隊上門理髮，ＩＣＰ 0510-80000101 𠀀";
    assert_eq!(fold.text(text).chars().count(), text.chars().count());
}

#[test]
fn text_splits_into_han_runs_and_words() {
    assert_eq!(
        runs("电话 0510-80000101，icp备案"),
        vec![
            Run::Han("电话"),
            Run::Word("0510"),
            Run::Word("80000101"),
            Run::Word("icp"),
            Run::Han("备案"),
        ]
    );
}

#[test]
fn han_runs_give_characters_and_overlapping_pairs() {
    let got: Vec<Key<'_>> = keys("一段简单").collect();
    assert_eq!(
        got,
        vec![
            Key::One('一'),
            Key::One('段'),
            Key::One('简'),
            Key::One('单'),
            Key::Pair('一', '段'),
            Key::Pair('段', '简'),
            Key::Pair('简', '单'),
        ]
    );
}

#[test]
fn words_are_keys_whole_and_long_runs_are_left_out() {
    let got: Vec<String> = keys("ICP 2024年 abc").map(|k| k.text()).collect();
    assert_eq!(got, vec!["ICP", "2024", "年", "abc"]);
    let long = "x".repeat(super::tokens::MAX_WORD + 1);
    assert_eq!(keys(&long).count(), 0);
}

#[test]
fn shards_are_stable_and_in_range() {
    assert_eq!(shard_of("社区", 1), 0);
    for key in ["社区", "头", "0510", "icp"] {
        assert!(shard_of(key, 7) < 7);
        assert_eq!(shard_of(key, 7), shard_of(key, 7));
    }
    // FNV-1a of U+793E U+533A, the same number search.js computes.
    let mut h: u32 = 0x811C_9DC5;
    for c in ['社', '区'] {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    assert_eq!(shard_of("社区", 1000), h % 1000);
}

#[test]
fn a_page_in_the_other_script_comes_back_exactly_from_few_changes() {
    let converter = Converter::new(Variant::Standard, &[]);
    let fold = Fold::new(&converter);
    let hans = "义剪队上门理发，老人剪头发不用出门。\n长欣社区的里弄干净了，面条也好吃。电话 0510-80000101";
    let hant = converter
        .convert(hans, Script::Hans, Script::Hant)
        .into_owned();
    assert_ne!(hans, hant);
    for (base, other, to) in [
        (hans, hant.as_str(), Script::Hant),
        (hant.as_str(), hans, Script::Hans),
    ] {
        let start = fold.convert_chars(base, to);
        let changes = diff::encode(&start, other);
        assert_eq!(
            diff::apply(&start, &changes).as_deref(),
            Some(other),
            "{changes}"
        );
        // Fewer than the changes from the text itself, even in a text full of characters
        // that convert to several (发 頭髮/發展, 里 裡/里, 干 乾/幹, 面 麵/面).
        assert!(
            changes.len() * 2 < diff::encode(base, other).len(),
            "{changes}"
        );
    }
}

#[test]
fn the_conversion_to_traditional_takes_the_converters_character_where_several_fold() {
    let fold = fold();
    // 發 and 髮 both fold to 发: the converter's one-character choice is shipped.
    assert_eq!(fold.convert_chars("发", Script::Hant), "發");
    assert!(fold.preferred_text().contains("发發"));
    // One traditional character folds to 区.
    assert_eq!(fold.convert_chars("社区abc", Script::Hant), "社區abc");
    assert!(!fold.preferred_text().contains('区'));
    assert_eq!(fold.convert_chars("頭髮", Script::Hans), "头发");
}
