//! Forward maximum matching over the phrase dictionary of one direction, the way
//! the engine's first round segments text (longest key first, never across a
//! delimiter): tells which characters a dictionary phrase decided and which the
//! engine converted one by one.

use std::collections::{HashMap, HashSet};

use opencc_fmmseg::{DictMaxLen, is_delimiter};

/// The keys of a phrase dictionary, indexed for matching.
pub(crate) struct Phrases {
    keys: HashSet<Box<[char]>>,
    /// Longest key (in chars) by its first character.
    longest: HashMap<char, usize>,
}

impl Phrases {
    pub(crate) fn new(dict: &DictMaxLen) -> Phrases {
        let mut longest: HashMap<char, usize> = HashMap::new();
        let keys = dict
            .iter()
            .filter_map(|(key, _)| {
                let first = *key.first()?;
                let max = longest.entry(first).or_insert(0);
                *max = (*max).max(key.len());
                Some(Box::from(key))
            })
            .collect();
        Phrases { keys, longest }
    }

    /// The characters of `text` that no phrase covered, with their byte offsets:
    /// the ones the engine converts by the character table alone.
    pub(crate) fn lone_chars(&self, text: &str) -> Vec<(usize, char)> {
        let indexed: Vec<(usize, char)> = text.char_indices().collect();
        let chars: Vec<char> = indexed.iter().map(|&(_, c)| c).collect();
        let mut lone = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match self.match_len(&chars, i) {
                Some(len) => i += len,
                None => {
                    lone.push(indexed[i]);
                    i += 1;
                }
            }
        }
        lone
    }

    /// Length of the longest key starting at `chars[i]`, within its delimiter run.
    fn match_len(&self, chars: &[char], i: usize) -> Option<usize> {
        let max = *self.longest.get(&chars[i])?;
        let run = chars[i..]
            .iter()
            .take(max)
            .take_while(|&&c| !is_delimiter(c))
            .count();
        (1..=run)
            .rev()
            .find(|&len| self.keys.contains(&chars[i..i + len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(keys: &[&str]) -> Phrases {
        let pairs = keys.iter().map(|k| (k.to_string(), k.to_string()));
        Phrases::new(&DictMaxLen::build_from_pairs(pairs))
    }

    #[test]
    fn chars_inside_a_phrase_are_covered() {
        let p = phrases(&["头发", "发展"]);
        assert_eq!(p.lone_chars("头发"), vec![]);
        assert_eq!(p.lone_chars("发了"), vec![(0, '发'), (3, '了')]);
    }

    #[test]
    fn longest_match_first_as_the_engine() {
        let p = phrases(&["头发", "发展", "头发展"]);
        assert_eq!(p.lone_chars("头发展览"), vec![(9, '览')]);
        let p = phrases(&["头发", "发展"]);
        assert_eq!(p.lone_chars("头发展"), vec![(6, '展')]);
    }

    #[test]
    fn phrases_never_span_a_delimiter() {
        let p = phrases(&["头发"]);
        assert_eq!(
            p.lone_chars("头，发"),
            vec![(0, '头'), (3, '，'), (6, '发')]
        );
    }
}
