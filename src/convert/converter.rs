//! The engine (opencc-fmmseg) behind one small type, so it can be swapped: the
//! conversion itself, `-{…}-` and the site glossary around it, and script
//! detection. Build one per build and share it: `Converter` is `Send + Sync`.

use std::borrow::Cow;
use std::sync::Arc;

use opencc_fmmseg::{DictionaryMaxlength, OpenCC, OpenccConfig};

use super::glossary::{Glossary, Hit};
use super::protect::{self, Piece};
use super::segment::Phrases;
use super::tables::Tables;
use super::{Script, Variant};

/// Converts text between scripts.
pub struct Converter {
    dict: Arc<Dictionary>,
    variant: Variant,
    glossary: Glossary,
}

/// The decoded dictionary and what is derived from it: the same for every variant and
/// glossary, so converters that differ only in those share it.
struct Dictionary {
    engine: OpenCC,
    tables: Tables,
    /// By source script: the phrase keys of the engine's first round.
    phrases: [Phrases; 2],
}

impl std::fmt::Debug for Converter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Converter")
            .field("variant", &self.variant)
            .finish_non_exhaustive()
    }
}

impl Converter {
    /// A converter for the site's traditional `variant` and its glossary of
    /// (simplified, traditional) pairs, which wins over the dictionary both ways.
    pub fn new(variant: Variant, glossary: &[(String, String)]) -> Converter {
        // The embedded dictionary is part of the binary: failing to decode it is a
        // broken build, not something a user can cause or fix.
        let dict = DictionaryMaxlength::new().expect("the embedded OpenCC dictionary decodes");
        let tables = Tables::new(&dict);
        let phrases = [
            Phrases::new(&dict.st_phrases),
            Phrases::new(&dict.ts_phrases),
        ];
        let mut engine = OpenCC::from_dictionary(dict);
        // Pages are converted in parallel already (rayon); the engine's own
        // splitting on top of that measured about 15% slower over a build's worth
        // of paragraphs, and gains nothing on texts of page size.
        engine.set_parallel(false);
        Converter {
            dict: Arc::new(Dictionary {
                engine,
                tables,
                phrases,
            }),
            variant,
            glossary: Glossary::new(glossary),
        }
    }

    /// A converter for `variant` and `glossary` that shares this one's dictionary
    /// (decoding it again is most of what `new` costs).
    pub fn with_settings(&self, variant: Variant, glossary: &[(String, String)]) -> Converter {
        Converter {
            dict: Arc::clone(&self.dict),
            variant,
            glossary: Glossary::new(glossary),
        }
    }

    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// `text` written in `from`, as it reads in `to`. `-{…}-` spans keep their
    /// text and lose their markers, also when the scripts agree (the source is
    /// never round-tripped); glossary terms become their counterpart as written in
    /// site.yaml; the rest goes through the dictionary. Borrowed when nothing changes.
    pub fn convert<'a>(&self, text: &'a str, from: Script, to: Script) -> Cow<'a, str> {
        if from == to {
            return protect::unmark(text);
        }
        if !protect::has_markers(text) {
            return self.convert_unmarked(text, to);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        for (_, piece) in protect::pieces(text) {
            match piece {
                Piece::Verbatim(kept) => out.push_str(kept),
                Piece::Text(plain) => out.push_str(&self.convert_unmarked(plain, to)),
            }
        }
        Cow::Owned(out)
    }

    /// Every traditional character that a one-character conversion writes as another
    /// simplified character, with that character (`髮`→`发`), sorted: the table search
    /// folds both scripts with.
    pub fn to_hans_pairs(&self) -> &[(char, char)] {
        self.tables().to_hans_pairs()
    }

    /// The script `text` is written in: the one with more characters that exist
    /// in that script only. `None` for text that reads the same in both (or has
    /// no Chinese), and for a tie. A few stray characters of the other script
    /// (pasted text, a typo) do not change the answer.
    pub fn detect(&self, text: &str) -> Option<Script> {
        let (mut hans, mut hant) = (0usize, 0usize);
        for c in text.chars().filter(|c| !c.is_ascii()) {
            match self.dict.tables.only_in(c) {
                Some(Script::Hans) => hans += 1,
                Some(Script::Hant) => hant += 1,
                None => {}
            }
        }
        match hans.cmp(&hant) {
            std::cmp::Ordering::Greater => Some(Script::Hans),
            std::cmp::Ordering::Less => Some(Script::Hant),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Text without markers: glossary terms fixed, the runs between them converted.
    fn convert_unmarked<'a>(&self, text: &'a str, to: Script) -> Cow<'a, str> {
        let Some(first) = self.glossary.find(text, 0, to) else {
            return self.convert_plain(text, to);
        };
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut pos = 0;
        let mut next = Some(first);
        while let Some(Hit {
            start,
            end,
            replacement,
        }) = next
        {
            out.push_str(&self.convert_plain(&text[pos..start], to));
            out.push_str(replacement);
            pos = end;
            next = self.glossary.find(text, pos, to);
        }
        out.push_str(&self.convert_plain(&text[pos..], to));
        Cow::Owned(out)
    }

    /// Dictionary conversion alone (no glossary, no markers).
    pub(super) fn convert_plain<'a>(&self, text: &'a str, to: Script) -> Cow<'a, str> {
        if !self.dict.tables.may_change(text, to) {
            return Cow::Borrowed(text);
        }
        let converted = self
            .dict
            .engine
            .convert_with_config(text, self.config(to), false);
        if converted == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(converted)
        }
    }

    /// Traditional `text` in the regional forms of the site's variant (臺 → 台 for
    /// Hong Kong); unchanged for the standard variant.
    pub(super) fn regional<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let config = match self.variant {
            Variant::Standard => return Cow::Borrowed(text),
            Variant::Tw | Variant::TwPhrases => OpenccConfig::T2tw,
            Variant::Hk => OpenccConfig::T2hk,
        };
        let converted = self.dict.engine.convert_with_config(text, config, false);
        if converted == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(converted)
        }
    }

    /// The OpenCC configuration for the site's variant, towards `to`.
    fn config(&self, to: Script) -> OpenccConfig {
        match (to, self.variant) {
            (Script::Hant, Variant::Standard) => OpenccConfig::S2t,
            (Script::Hant, Variant::Tw) => OpenccConfig::S2tw,
            (Script::Hant, Variant::TwPhrases) => OpenccConfig::S2twp,
            (Script::Hant, Variant::Hk) => OpenccConfig::S2hk,
            (Script::Hans, Variant::Standard) => OpenccConfig::T2s,
            (Script::Hans, Variant::Tw) => OpenccConfig::Tw2s,
            (Script::Hans, Variant::TwPhrases) => OpenccConfig::Tw2sp,
            (Script::Hans, Variant::Hk) => OpenccConfig::Hk2s,
        }
    }

    pub(super) fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    pub(super) fn tables(&self) -> &Tables {
        &self.dict.tables
    }

    /// The first-round phrase keys for text written in `from`.
    pub(super) fn phrases(&self, from: Script) -> &Phrases {
        match from {
            Script::Hans => &self.dict.phrases[0],
            Script::Hant => &self.dict.phrases[1],
        }
    }
}

/// One standard converter per test binary: building one takes a while.
#[cfg(test)]
pub(super) fn standard() -> &'static Converter {
    static CONV: std::sync::OnceLock<Converter> = std::sync::OnceLock::new();
    CONV.get_or_init(|| Converter::new(Variant::Standard, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn with_glossary() -> &'static Converter {
        static CONV: OnceLock<Converter> = OnceLock::new();
        CONV.get_or_init(|| {
            let pairs = [("长欣", "長欣"), ("台儿庄", "台兒莊"), ("老书记", "老書記")];
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            Converter::new(Variant::Standard, &pairs)
        })
    }

    fn to_hant(conv: &Converter, text: &str) -> String {
        conv.convert(text, Script::Hans, Script::Hant).into_owned()
    }

    fn to_hans(conv: &Converter, text: &str) -> String {
        conv.convert(text, Script::Hant, Script::Hans).into_owned()
    }

    #[test]
    fn converter_is_send_and_sync() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Converter>();
    }

    #[test]
    fn phrases_pick_the_right_character() {
        let conv = standard();
        for (hans, hant) in [
            ("头发", "頭髮"),
            ("发展", "發展"),
            ("干部", "幹部"),
            ("干净", "乾淨"),
            ("后来", "後來"),
            ("皇后", "皇后"),
        ] {
            assert_eq!(to_hant(conv, hans), hant, "{hans}");
        }
    }

    #[test]
    fn traditional_to_simplified() {
        let conv = standard();
        assert_eq!(to_hans(conv, "頭髮與發展"), "头发与发展");
        assert_eq!(to_hans(conv, "乾淨的幹部"), "干净的干部");
    }

    #[test]
    fn taiwan_vocabulary_only_with_tw_phrases() {
        let twp = Converter::new(Variant::TwPhrases, &[]);
        assert_eq!(to_hant(&twp, "软件"), "軟體");
        assert_eq!(to_hant(&twp, "社区"), "社群");
        assert_eq!(to_hans(&twp, "軟體"), "软件");
        for variant in [Variant::Standard, Variant::Tw, Variant::Hk] {
            let conv = Converter::new(variant, &[]);
            assert_eq!(to_hant(&conv, "软件"), "軟件", "{variant:?}");
            assert_eq!(to_hant(&conv, "社区"), "社區", "{variant:?}");
        }
    }

    #[test]
    fn variants_choose_regional_forms() {
        let text = "床铺户口温度";
        assert_eq!(to_hant(standard(), text), "牀鋪戶口溫度");
        let tw = Converter::new(Variant::Tw, &[]);
        assert_eq!(to_hant(&tw, text), "床鋪戶口溫度");
        let hk = Converter::new(Variant::Hk, &[]);
        assert_eq!(to_hant(&hk, text), "牀鋪户口温度");
        assert_eq!(to_hans(&hk, "牀鋪户口温度"), "床铺户口温度");
    }

    #[test]
    fn glossary_wins_in_both_directions() {
        let conv = with_glossary();
        // The dictionary would write 臺兒莊; the site wants 台兒莊.
        assert_eq!(to_hant(standard(), "台儿庄"), "臺兒莊");
        assert_eq!(to_hant(conv, "走进台儿庄和长欣"), "走進台兒莊和長欣");
        assert_eq!(to_hans(conv, "走進台兒莊和長欣"), "走进台儿庄和长欣");
    }

    #[test]
    fn a_converter_with_other_settings_shares_the_dictionary_and_converts_alike() {
        let pairs = vec![("台儿庄".to_string(), "台兒莊".to_string())];
        let derived = standard().with_settings(Variant::Hk, &pairs);
        let fresh = Converter::new(Variant::Hk, &pairs);
        for text in ["走进台儿庄", "头发和台风", "后来"] {
            assert_eq!(to_hant(&derived, text), to_hant(&fresh, text), "{text}");
        }
        assert_eq!(to_hant(&derived, "走进台儿庄"), "走進台兒莊");
        assert_eq!(to_hant(standard(), "走进台儿庄"), "走進臺兒莊");
    }

    #[test]
    fn glossary_value_is_not_converted_further() {
        let pairs = vec![("软件".to_string(), "軟件".to_string())];
        let twp = Converter::new(Variant::TwPhrases, &pairs);
        assert_eq!(to_hant(&twp, "软件"), "軟件");
    }

    #[test]
    fn marked_span_is_kept_both_ways() {
        let conv = standard();
        assert_eq!(to_hant(conv, "走进-{长欣}-社区"), "走進长欣社區");
        assert_eq!(to_hans(conv, "走進-{長欣}-社區"), "走进長欣社区");
        assert_eq!(to_hant(conv, "-{}-"), "");
    }

    #[test]
    fn markers_disappear_from_a_verbatim_page() {
        let conv = standard();
        assert_eq!(
            conv.convert("走进-{长欣}-社区", Script::Hans, Script::Hans),
            "走进长欣社区"
        );
        assert!(matches!(
            conv.convert("走进长欣社区", Script::Hans, Script::Hans),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unclosed_marker_is_text() {
        assert_eq!(to_hant(standard(), "甲-{社区"), "甲-{社區");
    }

    #[test]
    fn glossary_does_not_apply_inside_markers() {
        assert_eq!(to_hant(with_glossary(), "-{长欣}-长欣"), "长欣長欣");
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        let conv = standard();
        for text in ["", "2024-05-01", "Hello, world", "人民", "，。"] {
            let out = conv.convert(text, Script::Hans, Script::Hant);
            assert!(matches!(out, Cow::Borrowed(_)), "{text:?} -> {out:?}");
        }
        assert!(matches!(
            conv.convert("社区", Script::Hans, Script::Hant),
            Cow::Owned(_)
        ));
    }

    #[test]
    fn punctuation_is_left_alone() {
        assert_eq!(to_hant(standard(), "“社区”"), "“社區”");
        assert_eq!(to_hans(standard(), "「社區」"), "「社区」");
    }

    #[test]
    fn detect_by_majority() {
        let conv = standard();
        assert_eq!(conv.detect("汉字"), Some(Script::Hans));
        assert_eq!(conv.detect("漢字"), Some(Script::Hant));
        assert_eq!(conv.detect("hello 人民"), None);
        // One stray traditional character in a simplified sentence.
        assert_eq!(
            conv.detect("社区组织了一场關于垃圾分类的讲座"),
            Some(Script::Hans)
        );
        // 并 is simplified only, but the rest is traditional.
        assert_eq!(conv.detect("創新并完善機制"), Some(Script::Hant));
        // 干, 后, 里 are valid in both scripts.
        assert_eq!(conv.detect("干后里"), None);
    }
}
