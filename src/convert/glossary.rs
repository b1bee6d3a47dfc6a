//! The site glossary (site.yaml `glossary:`): (simplified, traditional) pairs that
//! override the dictionary in both directions. Finds the leftmost, then longest,
//! glossary term in a text; the caller keeps the found term's counterpart as is.

use std::collections::HashMap;

use super::Script;
use super::tables::CharSet;

/// The glossary, indexed for both directions.
#[derive(Debug, Default)]
pub(crate) struct Glossary {
    to_hant: Terms,
    to_hans: Terms,
}

/// A glossary term found in a text: `text[start..end]` reads `replacement` in the
/// target script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit<'g> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) replacement: &'g str,
}

/// Terms written in one script, with their counterparts.
#[derive(Debug, Default)]
struct Terms {
    map: HashMap<Box<str>, Box<str>>,
    /// First characters of the terms: a bitmap test per character of the text.
    firsts: CharSet,
    /// Longest term (in chars) by its first character: bounds the probing.
    longest: HashMap<char, usize>,
}

impl Glossary {
    /// Pairs are (simplified, traditional). Pairs with an empty side are ignored;
    /// when two pairs share a term, the first one wins.
    pub(crate) fn new(pairs: &[(String, String)]) -> Glossary {
        let mut glossary = Glossary::default();
        for (hans, hant) in pairs {
            let (hans, hant) = (hans.trim(), hant.trim());
            if hans.is_empty() || hant.is_empty() {
                continue;
            }
            glossary.to_hant.insert(hans, hant);
            glossary.to_hans.insert(hant, hans);
        }
        glossary
    }

    /// The first glossary term in `text` at or after byte `from` (a char
    /// boundary), for text that is being converted to `to`.
    pub(crate) fn find(&self, text: &str, from: usize, to: Script) -> Option<Hit<'_>> {
        let terms = match to {
            Script::Hant => &self.to_hant,
            Script::Hans => &self.to_hans,
        };
        if terms.map.is_empty() {
            return None;
        }
        text[from..]
            .char_indices()
            .filter(|&(_, c)| terms.firsts.contains(c))
            .find_map(|(i, c)| terms.longest_at(text, from + i, c))
    }

    /// The parts of `text` outside glossary terms (for text being converted to
    /// `to`), with their byte offsets; empty parts are skipped.
    pub(crate) fn gaps<'t>(&self, text: &'t str, to: Script) -> Vec<(usize, &'t str)> {
        let mut gaps = Vec::new();
        let mut pos = 0;
        while let Some(hit) = self.find(text, pos, to) {
            if hit.start > pos {
                gaps.push((pos, &text[pos..hit.start]));
            }
            pos = hit.end;
        }
        if pos < text.len() {
            gaps.push((pos, &text[pos..]));
        }
        gaps
    }
}

impl Terms {
    fn insert(&mut self, term: &str, counterpart: &str) {
        if self.map.contains_key(term) {
            return;
        }
        self.map.insert(term.into(), counterpart.into());
        let first = term.chars().next().expect("terms are not empty");
        self.firsts.insert(first);
        let len = term.chars().count();
        let longest = self.longest.entry(first).or_insert(0);
        *longest = (*longest).max(len);
    }

    /// The longest term that starts at byte `start`, whose first char is `first`.
    fn longest_at<'g>(&'g self, text: &str, start: usize, first: char) -> Option<Hit<'g>> {
        let max = *self.longest.get(&first)?;
        let ends = text[start..]
            .char_indices()
            .skip(1)
            .map(|(i, _)| start + i)
            .chain(std::iter::once(text.len()))
            .take(max);
        // Probing every length keeps the last (longest) hit without allocating.
        ends.filter_map(|end| {
            let replacement = self.map.get(&text[start..end])?;
            Some(Hit {
                start,
                end,
                replacement,
            })
        })
        .last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(pairs: &[(&str, &str)]) -> Glossary {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Glossary::new(&owned)
    }

    #[test]
    fn finds_term_in_both_directions() {
        let g = glossary(&[("长欣", "長欣")]);
        let hit = g.find("走进长欣社区", 0, Script::Hant).unwrap();
        assert_eq!((hit.start, hit.end, hit.replacement), (6, 12, "長欣"));
        let hit = g.find("走進長欣社區", 0, Script::Hans).unwrap();
        assert_eq!((hit.start, hit.end, hit.replacement), (6, 12, "长欣"));
        assert_eq!(g.find("走进长欣社区", 0, Script::Hans), None);
    }

    #[test]
    fn longest_term_wins_at_the_same_start() {
        let g = glossary(&[("红色", "紅色"), ("红色微家", "紅色微家")]);
        let hit = g.find("红色微家·会客厅", 0, Script::Hant).unwrap();
        assert_eq!(hit.replacement, "紅色微家");
        let hit = g.find("红色引擎", 0, Script::Hant).unwrap();
        assert_eq!(hit.replacement, "紅色");
    }

    #[test]
    fn leftmost_term_wins() {
        let g = glossary(&[("微家", "微家"), ("红色微", "紅色微")]);
        let hit = g.find("红色微家", 0, Script::Hant).unwrap();
        assert_eq!(hit.replacement, "紅色微");
    }

    #[test]
    fn search_starts_at_offset() {
        let g = glossary(&[("社区", "社區")]);
        let hit = g.find("社区和社区", 6, Script::Hant).unwrap();
        assert_eq!(hit.start, 9);
    }

    #[test]
    fn gaps_are_the_text_between_terms() {
        let g = glossary(&[("长欣", "長欣")]);
        assert_eq!(g.gaps("长欣社区长欣", Script::Hant), vec![(6, "社区")]);
        assert_eq!(g.gaps("社区", Script::Hant), vec![(0, "社区")]);
    }

    #[test]
    fn first_pair_wins_and_empty_pairs_are_ignored() {
        let g = glossary(&[("台", "臺"), ("台", "檯"), ("", "空"), ("空", " ")]);
        assert_eq!(g.find("台", 0, Script::Hant).unwrap().replacement, "臺");
        assert_eq!(g.find("空", 0, Script::Hant), None);
        assert_eq!(glossary(&[]).find("台", 0, Script::Hant), None);
    }
}
