//! What a rebuild may take from the previous build: what pages read of rendered Markdown
//! bodies, and page HTML, each under a 128-bit XXH3 digest of everything it was made from, so a hit is the value a
//! fresh render would give. Only the last build's values are kept. Pure: no IO.
//!
//! XXH3 rather than a cryptographic hash: a rebuild hashes every source file and every page
//! context (hundreds of megabytes on a large site), and the inputs are the user's own files,
//! not an adversary's; two different inputs meet at one 128-bit digest by chance only.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::view::BodyFacts;

/// A 128-bit digest: the key of a cached value.
pub type Key = [u8; 16];

/// Bodies and pages of the previous build, kept by `pipeline::Engines` between rebuilds.
#[derive(Default)]
pub struct RenderCache {
    /// What pages other than its own read of a body: not the whole body, which a page
    /// rendered again renders again.
    bodies: Generations<Key, Arc<BodyFacts>>,
    pages: Generations<Key, Arc<[u8]>>,
    /// Each output path's page and the dependency record it was rendered from (`deps`).
    outputs: Generations<String, (Key, Arc<[u8]>)>,
    /// QR code SVGs by the text they hold and their label: the costliest part of a
    /// page's context to make (`share::qr_svg`).
    qr_codes: Generations<(String, String), Arc<str>>,
    /// Each document's search index record in each language (`search::add_kept`).
    search: Generations<Key, Arc<crate::search::IndexedDoc>>,
    /// Each document's file of the search index (`d/ID.js`), by the digest of its records
    /// in every language.
    search_files: Generations<Key, Arc<[u8]>>,
    /// The search index's shards as the last build left them.
    search_shards: Mutex<Option<crate::search::Shards>>,
}

impl RenderCache {
    pub(crate) fn body(&self, key: &Key) -> Option<Arc<BodyFacts>> {
        self.bodies.get(key)
    }

    pub(crate) fn keep_body(&self, key: Key, body: Arc<BodyFacts>) {
        self.bodies.keep(key, body);
    }

    pub(crate) fn page(&self, key: &Key) -> Option<Arc<[u8]>> {
        self.pages.get(key)
    }

    pub(crate) fn keep_page(&self, key: Key, html: &Arc<[u8]>) {
        self.pages.keep(key, Arc::clone(html));
    }

    /// The previous build's page at `path` if it was rendered from the record `key`.
    pub(crate) fn output(&self, path: &str, key: &Key) -> Option<Arc<[u8]>> {
        let (kept, html) = self.outputs.get(&path.to_string())?;
        (kept == *key).then_some(html)
    }

    pub(crate) fn keep_output(&self, path: String, key: Key, html: &Arc<[u8]>) {
        self.outputs.keep(path, (key, Arc::clone(html)));
    }

    /// The dependency record of each output path the last build kept.
    #[cfg(test)]
    pub(crate) fn records(&self) -> std::collections::BTreeMap<String, Key> {
        lock(&self.outputs.old)
            .iter()
            .map(|(path, (key, _))| (path.clone(), *key))
            .collect()
    }

    /// The digest of each search index record the last build kept.
    #[cfg(test)]
    pub(crate) fn search_records(&self) -> std::collections::BTreeSet<Key> {
        lock(&self.search.old).keys().copied().collect()
    }

    pub(crate) fn qr_code(&self, text: &str, label: &str) -> Option<Arc<str>> {
        self.qr_codes.get(&(text.to_string(), label.to_string()))
    }

    pub(crate) fn keep_qr_code(&self, text: &str, label: &str, svg: &Arc<str>) {
        self.qr_codes
            .keep((text.to_string(), label.to_string()), Arc::clone(svg));
    }

    pub(crate) fn search_doc(&self, key: &Key) -> Option<Arc<crate::search::IndexedDoc>> {
        self.search.get(key)
    }

    pub(crate) fn keep_search_doc(&self, key: Key, doc: Arc<crate::search::IndexedDoc>) {
        self.search.keep(key, doc);
    }

    pub(crate) fn search_file(&self, key: &Key) -> Option<Arc<[u8]>> {
        self.search_files.get(key)
    }

    pub(crate) fn keep_search_file(&self, key: Key, js: Arc<[u8]>) {
        self.search_files.keep(key, js);
    }

    pub(crate) fn take_search_shards(&self) -> Option<crate::search::Shards> {
        lock(&self.search_shards).take()
    }

    pub(crate) fn keep_search_shards(&self, shards: crate::search::Shards) {
        *lock(&self.search_shards) = Some(shards);
    }

    /// Ends a build: what it used or made is what the next one may take.
    pub fn finish(&self) {
        self.search.finish();
        self.search_files.finish();
        self.bodies.finish();
        self.pages.finish();
        self.outputs.finish();
        self.qr_codes.finish();
    }
}

/// The values of the previous build (`old`) and those the current build used (`new`).
struct Generations<K, V> {
    old: Mutex<HashMap<K, V>>,
    new: Mutex<HashMap<K, V>>,
}

impl<K, V> Default for Generations<K, V> {
    fn default() -> Self {
        Generations {
            old: Mutex::new(HashMap::new()),
            new: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Generations<K, V> {
    fn get(&self, key: &K) -> Option<V> {
        let value = lock(&self.old).get(key).cloned()?;
        lock(&self.new).insert(key.clone(), value.clone());
        Some(value)
    }

    fn keep(&self, key: K, value: V) {
        lock(&self.new).insert(key, value);
    }

    fn finish(&self) {
        let new = std::mem::take(&mut *lock(&self.new));
        *lock(&self.old) = new;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another render thread leaves a map that is still whole.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Builds a key from the parts a value depends on, each framed by its length so that two
/// different lists of parts never hash alike.
#[derive(Clone, Default)]
pub(crate) struct KeyBuilder(Xxh3);

impl KeyBuilder {
    pub(crate) fn text(mut self, text: &str) -> KeyBuilder {
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
        self
    }

    pub(crate) fn bytes(mut self, bytes: &[u8]) -> KeyBuilder {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// A value as its JSON text (what a template sees of it).
    pub(crate) fn json<T: Serialize + ?Sized>(mut self, value: &T) -> KeyBuilder {
        let mut writer = HashWriter(Xxh3::new());
        // Serializing plain data into a hasher cannot fail; a failure still yields a key
        // that names the failure, never another value's.
        if serde_json::to_writer(&mut writer, value).is_err() {
            writer.0.update(b"\0unserializable");
        }
        self.0.update(&writer.0.digest128().to_le_bytes());
        self
    }

    pub(crate) fn finish(self) -> Key {
        self.0.digest128().to_le_bytes()
    }
}

/// `io::Write` into a hasher, so that serde_json streams into it without a buffer.
struct HashWriter(Xxh3);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_frame_their_parts() {
        let ab_c = KeyBuilder::default().text("ab").text("c").finish();
        let a_bc = KeyBuilder::default().text("a").text("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(ab_c, KeyBuilder::default().text("ab").text("c").finish());
    }

    #[test]
    fn a_build_keeps_only_what_it_used() {
        let cache = RenderCache::default();
        let (a, b) = ([1; 16], [2; 16]);
        cache.keep_page(a, &Arc::from(&b"a"[..]));
        cache.keep_page(b, &Arc::from(&b"b"[..]));
        cache.finish();
        assert_eq!(cache.page(&a).as_deref(), Some(&b"a"[..]));
        cache.finish();
        assert_eq!(cache.page(&a).as_deref(), Some(&b"a"[..]));
        assert_eq!(cache.page(&b), None);
    }
}
