//! What the dictionaries say about single characters: which characters belong to
//! one script only, which conversions are one-to-many (with their candidates),
//! which forms are mere glyph variants of each other, and which characters can
//! start a dictionary key at all. Built once from the engine's dictionary.

use std::collections::{HashMap, HashSet};

use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength};

use super::Script;

/// OpenCC's one-to-many character entries; see `data/NOTICE`.
const ST_ALTERNATIVES: &str = include_str!("data/st_alternatives.txt");
const TS_ALTERNATIVES: &str = include_str!("data/ts_alternatives.txt");

/// A candidate other than the default is a real alternative when OpenCC's own
/// phrase dictionary writes it in at least this many phrases. Below that it is a
/// rare form (榦, 祇, 哩, 𫔭) or a use the dictionary barely knows (党 as a
/// surname, 傢, 瞭): listing those would bury the real ones (髮, 後/后, 乾, 隻, 麵,
/// 檯/颱) under every 党 and 家 of an article.
const MIN_PHRASES: usize = 20;

/// Character knowledge for both directions.
pub(crate) struct Tables {
    /// By target script: characters some dictionary key of that direction starts with.
    starters: [CharSet; 2],
    /// Characters that exist in one script only (`并` is simplified only, `發`
    /// traditional only; `干`, `后`, `里` are in both).
    only: HashMap<char, Script>,
    /// By source script: one-to-many conversions with real alternatives: the
    /// default first, then the alternatives (see [`MIN_PHRASES`]).
    choices: [HashMap<char, Vec<char>>; 2],
    /// Pairs of glyph variants of one character (`裡`/`裏`, `著`/`着`), both
    /// orders, from OpenCC's Taiwan variant tables. The Hong Kong tables are left
    /// out: they also merge distinct characters (`臺`→`台`, `檯`→`枱`).
    variants: HashSet<(char, char)>,
    /// Every traditional character TSCharacters writes as one other character, with its
    /// simplified form (`髮`→`发`), sorted by the traditional character.
    to_hans: Vec<(char, char)>,
}

impl Tables {
    pub(crate) fn new(dict: &DictionaryMaxlength) -> Tables {
        let candidates = [
            parse_alternatives(ST_ALTERNATIVES),
            parse_alternatives(TS_ALTERNATIVES),
        ];
        let only = script_only_chars(dict, &candidates);
        let [st, ts] = candidates;
        Tables {
            starters: [
                CharSet::of_starters(&to_hans_dicts(dict)),
                CharSet::of_starters(&to_hant_dicts(dict)),
            ],
            only,
            choices: [
                attested(st, &dict.st_phrases),
                attested(ts, &dict.ts_phrases),
            ],
            variants: variant_pairs(dict),
            to_hans: to_hans_pairs(dict),
        }
    }

    /// Pairs (traditional, simplified) of the one-character conversions to simplified.
    pub(crate) fn to_hans_pairs(&self) -> &[(char, char)] {
        &self.to_hans
    }

    /// Whether some dictionary used to convert to `to` could change `text`.
    /// `false` means conversion is the identity.
    pub(crate) fn may_change(&self, text: &str, to: Script) -> bool {
        let starters = &self.starters[index(to)];
        text.chars().any(|c| !c.is_ascii() && starters.contains(c))
    }

    /// The script `c` exists in, when it exists in one only.
    pub(crate) fn only_in(&self, c: char) -> Option<Script> {
        self.only.get(&c).copied()
    }

    /// The forms `c`, written in `from`, may take: the default first, then its
    /// real alternatives. `None` when its conversion is one-to-one in practice.
    pub(crate) fn choices(&self, c: char, from: Script) -> Option<&[char]> {
        self.choices[index(from)].get(&c).map(Vec::as_slice)
    }

    /// Whether `a` and `b` are the same form or glyph variants of one character.
    pub(crate) fn same_character(&self, a: char, b: char) -> bool {
        a == b || self.variants.contains(&(a, b))
    }
}

fn index(script: Script) -> usize {
    match script {
        Script::Hans => 0,
        Script::Hant => 1,
    }
}

/// Every dictionary any configuration to traditional may use (a superset is safe
/// for [`Tables::may_change`]).
fn to_hant_dicts(d: &DictionaryMaxlength) -> [&DictMaxLen; 8] {
    [
        &d.st_phrases,
        &d.st_characters,
        &d.tw_phrases,
        &d.tw_variants_phrases,
        &d.tw_variants,
        &d.hk_phrases,
        &d.hk_variants_phrases,
        &d.hk_variants,
    ]
}

fn to_hans_dicts(d: &DictionaryMaxlength) -> [&DictMaxLen; 8] {
    [
        &d.ts_phrases,
        &d.ts_characters,
        &d.tw_phrases_rev,
        &d.tw_variants_rev_phrases,
        &d.tw_variants_rev,
        &d.hk_phrases_rev,
        &d.hk_variants_rev_phrases,
        &d.hk_variants_rev,
    ]
}

/// `key<TAB>candidate candidate…` lines; `#` lines are comments.
fn parse_alternatives(data: &str) -> HashMap<char, Vec<char>> {
    data.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (key, values) = line.split_once('\t')?;
            let key = single_char(key)?;
            let candidates: Vec<char> = values.split(' ').filter_map(single_char).collect();
            (candidates.len() > 1).then_some((key, candidates))
        })
        .collect()
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The candidates whose alternatives the phrase dictionary `phrases` attests
/// often enough, each reduced to its default and those alternatives.
fn attested(
    candidates: HashMap<char, Vec<char>>,
    phrases: &DictMaxLen,
) -> HashMap<char, Vec<char>> {
    let mut uses: HashMap<(char, char), usize> = HashMap::new();
    for (key, value) in phrases.iter() {
        if value.chars().count() != key.len() {
            continue;
        }
        for (&from, to) in key.iter().zip(value.chars()) {
            if candidates.contains_key(&from) {
                *uses.entry((from, to)).or_insert(0) += 1;
            }
        }
    }
    candidates
        .into_iter()
        .filter_map(|(c, forms)| {
            let (default, others) = forms.split_first()?;
            let attested = others
                .iter()
                .filter(|&&alt| uses.get(&(c, alt)).is_some_and(|&n| n >= MIN_PHRASES));
            let choices: Vec<char> = std::iter::once(*default).chain(attested.copied()).collect();
            (choices.len() > 1).then_some((c, choices))
        })
        .collect()
}

/// A character is simplified only when the dictionary converts it to something
/// else and no dictionary ever writes it as a traditional form (as a key of
/// TSCharacters, a candidate of STCharacters, or inside an STPhrases value);
/// symmetrically for traditional only.
fn script_only_chars(
    d: &DictionaryMaxlength,
    candidates: &[HashMap<char, Vec<char>>; 2],
) -> HashMap<char, Script> {
    let hant_forms = forms(
        &d.ts_characters,
        &d.st_characters,
        &d.st_phrases,
        &candidates[0],
    );
    let hans_forms = forms(
        &d.st_characters,
        &d.ts_characters,
        &d.ts_phrases,
        &candidates[1],
    );
    let hans_only = one_script(&d.st_characters, &hant_forms).map(|c| (c, Script::Hans));
    let hant_only = one_script(&d.ts_characters, &hans_forms).map(|c| (c, Script::Hant));
    hans_only.chain(hant_only).collect()
}

/// Keys of a character dictionary that it changes and that are not in `other_forms`.
fn one_script<'d>(
    chars: &'d DictMaxLen,
    other_forms: &'d HashSet<char>,
) -> impl Iterator<Item = char> + 'd {
    chars.iter().filter_map(move |(key, value)| match key {
        [c] if value.chars().ne(std::iter::once(*c)) && !other_forms.contains(c) => Some(*c),
        _ => None,
    })
}

/// Every character the dictionaries write in one script: the keys of `keys_of`,
/// the values of `converts_to` and `phrases_to`, and OpenCC's candidates.
fn forms(
    keys_of: &DictMaxLen,
    converts_to: &DictMaxLen,
    phrases_to: &DictMaxLen,
    candidates: &HashMap<char, Vec<char>>,
) -> HashSet<char> {
    let keys = keys_of.iter().flat_map(|(k, _)| k.iter().copied());
    let values = [converts_to, phrases_to]
        .into_iter()
        .flat_map(|dict| dict.iter().flat_map(|(_, v)| v.chars()));
    let alternatives = candidates.values().flatten().copied();
    keys.chain(values).chain(alternatives).collect()
}

fn to_hans_pairs(d: &DictionaryMaxlength) -> Vec<(char, char)> {
    let mut pairs: Vec<(char, char)> = d
        .ts_characters
        .iter()
        .filter_map(|(key, value)| match (key, value.chars().next()) {
            ([from], Some(to)) if *from != to => Some((*from, to)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs
}

fn variant_pairs(d: &DictionaryMaxlength) -> HashSet<(char, char)> {
    let dicts = [&d.tw_variants, &d.tw_variants_rev];
    let mut pairs = HashSet::new();
    for (key, value) in dicts.into_iter().flat_map(DictMaxLen::iter) {
        if let ([a], Some(b)) = (key, single_char(value)) {
            pairs.insert((*a, b));
            pairs.insert((b, *a));
        }
    }
    pairs
}

/// A set of chars: a bitmap over the Basic Multilingual Plane, a hash set beyond.
#[derive(Debug)]
pub(crate) struct CharSet {
    bmp: Vec<u64>,
    astral: HashSet<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet {
            bmp: vec![0; 0x1_0000 / 64],
            astral: HashSet::new(),
        }
    }
}

impl CharSet {
    fn of_starters(dicts: &[&DictMaxLen]) -> CharSet {
        let mut set = CharSet::default();
        for (key, _) in dicts.iter().flat_map(|d| d.iter()) {
            if let Some(&c) = key.first() {
                set.insert(c);
            }
        }
        set
    }

    pub(crate) fn insert(&mut self, c: char) {
        match usize::try_from(u32::from(c)) {
            Ok(n) if n < 0x1_0000 => self.bmp[n / 64] |= 1 << (n % 64),
            _ => {
                self.astral.insert(c);
            }
        }
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        match usize::try_from(u32::from(c)) {
            Ok(n) if n < 0x1_0000 => self.bmp[n / 64] & (1 << (n % 64)) != 0,
            _ => self.astral.contains(&c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::converter::standard;

    fn data_lines(data: &str) -> usize {
        data.lines().filter(|l| !l.starts_with('#')).count()
    }

    #[test]
    fn every_data_line_parses() {
        assert_eq!(
            parse_alternatives(ST_ALTERNATIVES).len(),
            data_lines(ST_ALTERNATIVES)
        );
        assert_eq!(
            parse_alternatives(TS_ALTERNATIVES).len(),
            data_lines(TS_ALTERNATIVES)
        );
    }

    #[test]
    fn data_defaults_agree_with_the_engine() {
        let dict = DictionaryMaxlength::new().expect("embedded dictionary");
        for (data, chars) in [
            (ST_ALTERNATIVES, &dict.st_characters),
            (TS_ALTERNATIVES, &dict.ts_characters),
        ] {
            for (c, candidates) in parse_alternatives(data) {
                let default = candidates[0].to_string();
                assert_eq!(chars.get(&[c]), Some(default.as_str()), "{c}");
            }
        }
    }

    #[test]
    fn script_only_characters() {
        let tables = standard().tables();
        assert_eq!(tables.only_in('并'), Some(Script::Hans));
        assert_eq!(tables.only_in('发'), Some(Script::Hans));
        assert_eq!(tables.only_in('發'), Some(Script::Hant));
        assert_eq!(tables.only_in('關'), Some(Script::Hant));
        for both in ['干', '后', '里', '于', '台', '只', '着', '著', '乾', '人'] {
            assert_eq!(tables.only_in(both), None, "{both}");
        }
    }

    #[test]
    fn may_change_only_with_a_dictionary_key() {
        let tables = standard().tables();
        assert!(!tables.may_change("2024-05-01 ok", Script::Hant));
        assert!(!tables.may_change("，。！？", Script::Hant));
        assert!(tables.may_change("社区", Script::Hant));
        assert!(tables.may_change("社區", Script::Hans));
    }

    #[test]
    fn glyph_variants_are_the_same_character() {
        let tables = standard().tables();
        assert!(tables.same_character('裏', '裡'));
        assert!(tables.same_character('着', '著'));
        assert!(!tables.same_character('臺', '台'));
        assert!(!tables.same_character('發', '髮'));
    }
}
