//! The index's shards (`s/N.js`) from the documents' keys, kept between rebuilds: a
//! rebuild where a few documents changed takes their old keys out of the postings, puts
//! their new ones in and writes again only the shards those keys are in. The files are
//! those a build from nothing writes. Pure: no IO.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{IndexedDoc, SHARD_BYTES, json, postings, tokens};

/// Above this share of changed documents (1 in N), the shards are made from nothing.
const REBUILD_SHARE: usize = 4;

/// The postings of every key and the shard files they make.
pub struct Shards {
    /// By document id: the record its keys came from (in the first language).
    docs: Vec<Option<Arc<IndexedDoc>>>,
    /// Key → postings (`id << 3 | bits`), sorted.
    postings: FxHashMap<String, Vec<u32>>,
    /// Key → its postings encoded.
    encoded: FxHashMap<String, String>,
    /// The size that chooses the number of shards: every key, its postings and 2 bytes.
    total: usize,
    count: u32,
    keys_by_shard: BTreeMap<u32, BTreeSet<String>>,
    files: BTreeMap<u32, Arc<[u8]>>,
}

impl Shards {
    /// The shards of `docs` (by document id), made from nothing.
    pub fn new(docs: Vec<Option<Arc<IndexedDoc>>>) -> Shards {
        let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, doc) in docs.iter().enumerate() {
            for (key, bits) in doc.iter().flat_map(|d| &d.keys) {
                let posting = posting(id, *bits);
                match postings.get_mut(key.as_str()) {
                    Some(list) => list.push(posting),
                    None => {
                        postings.insert(key.clone(), vec![posting]);
                    }
                }
            }
        }
        Shards::made(docs, postings)
    }

    /// The shards of postings merged in any order, with no document kept (a build that
    /// keeps nothing for a next one).
    pub fn from_postings(mut postings: FxHashMap<String, Vec<u32>>) -> Shards {
        postings
            .par_iter_mut()
            .for_each(|(_, list)| list.sort_unstable());
        Shards::made(Vec::new(), postings)
    }

    fn made(docs: Vec<Option<Arc<IndexedDoc>>>, postings: FxHashMap<String, Vec<u32>>) -> Shards {
        let encoded: FxHashMap<String, String> = postings
            .par_iter()
            .map(|(key, list)| (key.clone(), encode(list)))
            .collect();
        let total = encoded.iter().map(|(k, p)| size(k, p)).sum();
        let mut shards = Shards {
            docs,
            postings,
            encoded,
            total,
            count: 0,
            keys_by_shard: BTreeMap::new(),
            files: BTreeMap::new(),
        };
        shards.regroup();
        shards
    }

    /// The shards of `docs` made from these: only the documents whose record changed are
    /// taken out and put in again (from nothing when the ids or most documents changed).
    pub fn update(mut self, docs: Vec<Option<Arc<IndexedDoc>>>) -> Shards {
        if docs.len() != self.docs.len() {
            return Shards::new(docs);
        }
        let changed: Vec<usize> = (0..docs.len())
            .filter(|&id| !same(&self.docs[id], &docs[id]))
            .collect();
        if changed.len().saturating_mul(REBUILD_SHARE) > docs.len() {
            return Shards::new(docs);
        }
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for &id in &changed {
            for (key, bits) in self.docs[id].iter().flat_map(|d| &d.keys) {
                if let Some(list) = self.postings.get_mut(key.as_str())
                    && let Ok(at) = list.binary_search(&posting(id, *bits))
                {
                    list.remove(at);
                }
                touched.insert(key.clone());
            }
            for (key, bits) in docs[id].iter().flat_map(|d| &d.keys) {
                let list = self.postings.entry(key.clone()).or_default();
                let p = posting(id, *bits);
                if let Err(at) = list.binary_search(&p) {
                    list.insert(at, p);
                }
                touched.insert(key.clone());
            }
        }
        self.docs = docs;
        if touched.is_empty() {
            return self;
        }
        let before = self.count;
        let mut dirty: BTreeSet<u32> = BTreeSet::new();
        for key in &touched {
            if let Some(old) = self.encoded.remove(key) {
                self.total -= size(key, &old);
                let shard = tokens::shard_of(key, before);
                dirty.insert(shard);
                if let Some(keys) = self.keys_by_shard.get_mut(&shard) {
                    keys.remove(key);
                }
            }
            match self.postings.get(key.as_str()) {
                Some(list) if !list.is_empty() => {
                    let new = encode(list);
                    self.total += size(key, &new);
                    self.encoded.insert(key.clone(), new);
                }
                _ => {
                    self.postings.remove(key.as_str());
                }
            }
        }
        if shard_count(self.total) != before {
            self.regroup();
            return self;
        }
        for key in touched.iter().filter(|k| self.encoded.contains_key(*k)) {
            let shard = tokens::shard_of(key, before);
            dirty.insert(shard);
            self.keys_by_shard
                .entry(shard)
                .or_default()
                .insert(key.clone());
        }
        for shard in dirty {
            self.write(shard);
        }
        self
    }

    /// How many shards the index has.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Each shard's number and file.
    pub fn files(&self) -> impl Iterator<Item = (u32, &Arc<[u8]>)> {
        self.files.iter().map(|(n, file)| (*n, file))
    }

    /// Chooses the number of shards again and writes every shard.
    fn regroup(&mut self) {
        self.count = shard_count(self.total);
        self.keys_by_shard.clear();
        for key in self.encoded.keys() {
            self.keys_by_shard
                .entry(tokens::shard_of(key, self.count))
                .or_default()
                .insert(key.clone());
        }
        self.files.clear();
        let shards: Vec<u32> = self.keys_by_shard.keys().copied().collect();
        for shard in shards {
            self.write(shard);
        }
    }

    /// Writes shard `n` from its keys (a shard without keys has no file).
    fn write(&mut self, n: u32) {
        let keys: BTreeMap<&str, &str> = self
            .keys_by_shard
            .get(&n)
            .into_iter()
            .flatten()
            .filter_map(|k| Some((k.as_str(), self.encoded.get(k)?.as_str())))
            .collect();
        if keys.is_empty() {
            self.keys_by_shard.remove(&n);
            self.files.remove(&n);
            return;
        }
        let text = postings::shard_text(keys);
        let js = format!("tongwenSearch.shard({n},{});\n", json(&text));
        self.files.insert(n, js.into_bytes().into());
    }
}

/// Whether a document's record is the one kept (the same record from the cache).
fn same(old: &Option<Arc<IndexedDoc>>, new: &Option<Arc<IndexedDoc>>) -> bool {
    match (old, new) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn posting(id: usize, bits: u8) -> u32 {
    (id as u32) << 3 | u32::from(bits)
}

fn encode(list: &[u32]) -> String {
    let list: Vec<(u32, u8)> = list.iter().map(|&p| (p >> 3, (p & 7) as u8)).collect();
    postings::encode(&list)
}

fn size(key: &str, encoded: &str) -> usize {
    key.len() + encoded.len() + 2
}

fn shard_count(total: usize) -> u32 {
    u32::try_from(total.div_ceil(SHARD_BYTES).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::cache::Key;
    use crate::search::Texts;

    fn doc(keys: &[(&str, u8)]) -> Option<Arc<IndexedDoc>> {
        Some(Arc::new(IndexedDoc {
            key: Key::default(),
            texts: Texts {
                url: String::new(),
                kind: "s",
                date: String::new(),
                title: String::new(),
                meta: String::new(),
                body: String::new(),
            },
            keys: keys.iter().map(|(k, b)| (k.to_string(), *b)).collect(),
        }))
    }

    fn files(shards: &Shards) -> Vec<(u32, Vec<u8>)> {
        shards.files().map(|(n, f)| (n, f.to_vec())).collect()
    }

    /// Many documents with keys of their own and keys they share, so that the index has
    /// several shards.
    fn docs(n: usize) -> Vec<Option<Arc<IndexedDoc>>> {
        (0..n)
            .map(|i| {
                let own: Vec<String> = (0..40).map(|k| format!("词{i}-{k}")).collect();
                let mut keys: Vec<(&str, u8)> = own.iter().map(|k| (k.as_str(), 4)).collect();
                keys.push(("社区", 1));
                keys.push(if i % 2 == 0 {
                    ("居民", 2)
                } else {
                    ("党建", 2)
                });
                doc(&keys)
            })
            .collect()
    }

    #[test]
    fn an_updated_index_is_the_index_made_from_nothing() {
        let before = docs(200);
        let shards = Shards::new(before.clone());
        assert!(shards.count() > 1, "the test wants several shards");
        let mut after = before.clone();
        // A document's keys change, one loses its last own key, one takes a new one.
        after[3] = doc(&[("社区", 3), ("新词", 4)]);
        after[7] = doc(&[("居民", 2)]);
        after[150] = doc(&[("词150-1", 4), ("另一个新词", 1)]);
        let updated = shards.update(after.clone());
        let fresh = Shards::new(after);
        assert_eq!(updated.count(), fresh.count());
        assert_eq!(files(&updated), files(&fresh));
    }

    #[test]
    fn an_unchanged_document_leaves_every_shard_as_it_was() {
        let docs = docs(50);
        let shards = Shards::new(docs.clone());
        let before = files(&shards);
        let updated = shards.update(docs);
        assert_eq!(files(&updated), before);
    }

    #[test]
    fn postings_merged_in_any_order_make_the_same_index() {
        let docs = docs(60);
        let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, doc) in docs.iter().enumerate().rev() {
            for (key, bits) in doc.iter().flat_map(|d| &d.keys) {
                postings
                    .entry(key.clone())
                    .or_default()
                    .push(posting(id, *bits));
            }
        }
        let merged = Shards::from_postings(postings);
        assert_eq!(files(&merged), files(&Shards::new(docs)));
    }

    #[test]
    fn new_ids_make_the_index_from_nothing() {
        let shards = Shards::new(docs(30));
        let more = docs(31);
        let updated = shards.update(more.clone());
        assert_eq!(files(&updated), files(&Shards::new(more)));
    }
}
