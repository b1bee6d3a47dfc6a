//! Folded text → index keys: every Han character and every pair of neighbouring Han
//! characters, and every word of letters or digits. Pure: no IO. The query side
//! (`search.js`) splits text by the same classes.

/// A character of a Chinese (Han) run.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// A character of a word: a letter or a digit that is not Han.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Longest word indexed, in characters: longer runs (hashes, pasted URLs) are left out.
pub const MAX_WORD: usize = 32;

/// One run of folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run<'a> {
    /// Consecutive Han characters.
    Han(&'a str),
    /// Consecutive letters and digits (`0510`, `icp`).
    Word(&'a str),
}

/// The Han runs and words of `text` (already folded), in order; everything else
/// (punctuation, spaces, symbols) separates them.
pub fn runs(text: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (at, c) in text.char_indices() {
        let class = if is_han(c) {
            Some(true)
        } else if is_word_char(c) {
            Some(false)
        } else {
            None
        };
        match (start, class) {
            (Some((_, han)), Some(now)) if han == now => {}
            _ => {
                if let Some((from, han)) = start {
                    out.push(run(&text[from..at], han));
                }
                start = class.map(|han| (at, han));
            }
        }
    }
    if let Some((from, han)) = start {
        out.push(run(&text[from..], han));
    }
    out
}

fn run(text: &str, han: bool) -> Run<'_> {
    if han { Run::Han(text) } else { Run::Word(text) }
}

/// An index key: a Han character, a pair of Han characters, or a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key<'a> {
    One(char),
    Pair(char, char),
    Word(&'a str),
}

/// Every key of `text` (already folded), repeats included.
pub fn keys(text: &str) -> impl Iterator<Item = Key<'_>> {
    runs(text).into_iter().flat_map(|run| {
        let keys: Vec<Key<'_>> = match run {
            Run::Han(han) => {
                let chars: Vec<char> = han.chars().collect();
                let ones = chars.iter().map(|&c| Key::One(c));
                let pairs = chars.windows(2).map(|w| Key::Pair(w[0], w[1]));
                ones.chain(pairs).collect()
            }
            Run::Word(word) if word.chars().count() <= MAX_WORD => vec![Key::Word(word)],
            Run::Word(_) => Vec::new(),
        };
        keys
    })
}

impl Key<'_> {
    /// The key as the index files write it: the characters themselves.
    pub fn text(&self) -> String {
        match *self {
            Key::One(c) => c.to_string(),
            Key::Pair(a, b) => [a, b].iter().collect(),
            Key::Word(w) => w.to_string(),
        }
    }
}

/// The shard a key's postings are in: FNV-1a over the key's code points, modulo the
/// number of shards (`search.js` computes the same).
pub fn shard_of(key: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for c in key.chars() {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}
