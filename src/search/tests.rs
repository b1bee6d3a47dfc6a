use super::fold::Fold;
use super::tokens::{Key, Run, keys, runs, shard_of};
use crate::convert::{Converter, Variant};

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
