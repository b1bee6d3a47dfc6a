//! The search index: built from the text each language's pages show (titles, summaries,
//! fields, tags, body text), folded to one script, keyed by Han characters, pairs of them
//! and words, and split into shards so that a query loads only the shards its keys are in.
//! Pure: no IO; the files go to the build's `OutputSink`. The browser side is the default
//! theme's `js/search.js`.
//!
//! Files, under `search-index/`: `manifest.js` (shard count, languages, the fold table),
//! `s/N.js` (postings of the keys that hash to shard N), `d/ID.js` (one document's URL,
//! type, date, title, fields and text in the first language, for confirming a match and its
//! snippet, and what differs in each other language, see `diff`). Each is a script that calls `tongwenSearch.*`, so that it also loads from
//! `file://`, where `fetch` is refused.

pub mod diff;
pub mod fold;
pub mod postings;
mod shards;
pub mod tokens;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::content::schedule::Schedule;
use crate::content::{Kind, Section};
use crate::localize::Details;
use crate::output::{OutputBody, OutputSink};
use crate::render::cache::{Key, KeyBuilder};
use crate::render::{LangRender, RenderCache};
use crate::site::{Lang, Site};

pub use fold::Fold;
use postings::{IN_BODY, IN_FIELDS, IN_TITLE};
pub use shards::Shards;

/// The folder of the index under the site root.
pub const INDEX_DIR: &str = "search-index/";
/// The site path of the search page, in each language.
pub const SEARCH_PATH: &str = "/search/";
/// About how many bytes of postings a shard holds.
const SHARD_BYTES: usize = 24 * 1024;

/// Collects the index while pages are rendered: `add` is called with each body's text
/// as it is rendered (any thread, any order), `finish` writes the shards.
pub struct IndexBuilder<'a> {
    sink: &'a dyn OutputSink,
    /// The previous build's records, and where this build's are kept (serve).
    cache: Option<&'a RenderCache>,
    fold: Fold,
    /// By entry: its document id, `None` when it is not searchable.
    ids: Vec<Option<u32>>,
    langs: Vec<Lang>,
    /// By language, by entry: whether its document was added.
    added: Vec<Vec<AtomicBool>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// By document id: its record in the first language, whose keys go into the shards
    /// (kept only with a cache, for the next build).
    first: Vec<Option<Arc<IndexedDoc>>>,
    /// Without a cache: key text → postings (`id << 3 | bits`), merged as documents come,
    /// so that no document's keys outlive it. (Fx: the index hashes every key of every
    /// page; SipHash's defence against chosen keys is not needed here.)
    postings: FxHashMap<String, Vec<u32>>,
    /// Documents not yet written, by id: their records in the languages added so far.
    pending: HashMap<u32, Vec<Option<Arc<IndexedDoc>>>>,
    paths: Vec<String>,
}

/// One document's share of the index in one language: its texts and, in the first
/// language, its keys with the places they occur. Kept between rebuilds under `key`, a
/// digest of everything it is made from.
pub struct IndexedDoc {
    key: Key,
    texts: Texts,
    keys: Vec<(String, u8)>,
}

/// What a document shows in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// Site path without the leading slash (`stories/a/`), joined to the language's home.
    pub url: String,
    /// `s` story, `w` workshop, `l` lecture, `p` page.
    pub kind: &'static str,
    /// Date as readers see it (`2023年5月1日`), empty when the type has none.
    pub date: String,
    pub title: String,
    /// Fields and tags, `·` between them.
    pub meta: String,
    /// Summary and body text.
    pub body: String,
}

/// A document as `d/ID.js` holds it: its texts in the site's first language, and for each
/// other language the changes (`diff`) that give its texts there from the first
/// language's converted character by character (`Fold::convert_chars`).
#[derive(Serialize)]
struct DocRecord<'a> {
    u: &'a str,
    k: &'static str,
    d: &'a str,
    t: &'a str,
    m: &'a str,
    b: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    x: BTreeMap<&'static str, Changes>,
}

/// The changes to each text of a document in another language; a text that is the same
/// is left out.
#[derive(Serialize)]
struct Changes {
    #[serde(skip_serializing_if = "String::is_empty")]
    d: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    t: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    m: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    b: String,
}

/// The document file of document `id`, given its texts by language (the site's first
/// language first; `None` for a language it was not added in): a script calling
/// `tongwenSearch.doc(ID, RECORD)`. `None` without the first language's texts.
pub fn doc_file(id: u32, langs: &[Lang], texts: &[Option<Texts>], fold: &Fold) -> Option<String> {
    let base = texts.first()?.as_ref()?;
    let x = langs
        .iter()
        .zip(texts)
        .skip(1)
        .filter_map(|(lang, t)| {
            let t = t.as_ref()?;
            let changes_to =
                |from: &str, to: &str| diff::encode(&fold.convert_chars(from, lang.script), to);
            let changes = Changes {
                d: changes_to(&base.date, &t.date),
                t: changes_to(&base.title, &t.title),
                m: changes_to(&base.meta, &t.meta),
                b: changes_to(&base.body, &t.body),
            };
            Some((lang.script.code(), changes))
        })
        .collect();
    let record = DocRecord {
        u: &base.url,
        k: base.kind,
        d: &base.date,
        t: &base.title,
        m: &base.meta,
        b: &base.body,
        x,
    };
    Some(format!("tongwenSearch.doc({id},{});\n", json(&record)))
}

/// The path of document `id`'s file.
pub fn doc_path(id: u32) -> String {
    format!("{INDEX_DIR}d/{id}.js")
}

/// Whether an entry is searched: a story, workshop, lecture or page, not a draft, published
/// at the build's now (the preview shows the others, never finds them), and without
/// `search: false`.
pub fn is_searchable(site: &Site, entry: usize) -> bool {
    let doc = &site.entries[entry].doc;
    doc.section != Section::Home
        && !doc.common.draft
        && !doc.common.exclude_from_search
        && Schedule::at(&doc.common, site.now).is_live()
}

/// Document ids: searchable entries newest first (stories by date, lectures by start,
/// workshops by founding), undated ones after, by path. The browser breaks ties in rank by
/// the lower id, so ties go to the newest.
pub fn document_ids(site: &Site) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..site.entries.len())
        .filter(|&i| is_searchable(site, i))
        .collect();
    let when = |i: usize| match &site.entries[i].doc.kind {
        Kind::Story(s) => Some(s.date.zoned.timestamp()),
        Kind::Lecture(l) => Some(l.start.zoned.timestamp()),
        Kind::Workshop(w) => w.founded.as_ref().map(|f| f.zoned.timestamp()),
        Kind::Page => None,
    };
    order.sort_by(|&a, &b| {
        when(b)
            .cmp(&when(a))
            .then_with(|| site.entries[a].path.cmp(&site.entries[b].path))
    });
    let mut ids = vec![None; site.entries.len()];
    for (id, i) in order.into_iter().enumerate() {
        ids[i] = u32::try_from(id).ok();
    }
    ids
}

impl<'a> IndexBuilder<'a> {
    pub fn new(
        site: &Site,
        fold: Fold,
        sink: &'a dyn OutputSink,
        cache: Option<&'a RenderCache>,
    ) -> IndexBuilder<'a> {
        let langs = site.langs();
        IndexBuilder {
            sink,
            cache,
            fold,
            ids: document_ids(site),
            added: langs
                .iter()
                .map(|_| {
                    (0..site.entries.len())
                        .map(|_| AtomicBool::new(false))
                        .collect()
                })
                .collect(),
            langs,
            state: Mutex::new(State::default()),
        }
    }

    /// Adds an entry in `r`'s language, given its body's plain text: its texts, and in
    /// the first language, its keys. Once per entry and language: later calls (a body
    /// rendered again) do nothing. With `body_key` (the digest of what the body is rendered
    /// from), the record is kept for the next build (`add_kept`).
    pub fn add(&self, r: &LangRender<'_>, entry: usize, body_text: &str, body_key: Option<Key>) {
        let Some((id, lang)) = self.claim(r, entry) else {
            return;
        };
        let text = r.text(entry);
        let meta = meta_text(r, entry);
        let body = match &text.summary {
            Some(summary) => format!("{summary}\n{body_text}"),
            None => body_text.to_string(),
        };
        let mut keys = match lang {
            0 => self.keys_of(&text.title, &meta, &body),
            _ => Vec::new(),
        };
        keys.sort_unstable();
        let texts = Texts {
            url: r.site.entries[entry]
                .path
                .trim_start_matches('/')
                .to_string(),
            kind: kind_code(r.site.entries[entry].doc.section),
            date: date_text(&text.details).to_string(),
            title: text.title.clone(),
            meta,
            body,
        };
        let key = match (self.cache, body_key) {
            (Some(_), Some(body_key)) => record_key(r, entry, id, body_key),
            _ => Key::default(),
        };
        let doc = Arc::new(IndexedDoc { key, texts, keys });
        if let (Some(cache), Some(_)) = (self.cache, body_key) {
            cache.keep_search_doc(key, Arc::clone(&doc));
        }
        self.put(id, lang, doc);
    }

    /// Adds an entry from the record the previous build kept, when its body (`body_key`)
    /// and every other text it holds are unchanged; `false` when there is none.
    pub fn add_kept(&self, r: &LangRender<'_>, entry: usize, body_key: Key) -> bool {
        let Some(id) = self.ids.get(entry).copied().flatten() else {
            return false;
        };
        let Some(cache) = self.cache else {
            return false;
        };
        let Some(doc) = cache.search_doc(&record_key(r, entry, id, body_key)) else {
            return false;
        };
        if let Some((_, lang)) = self.claim(r, entry) {
            self.put(id, lang, doc);
        }
        true
    }

    /// The entry's id and `r`'s language's place, the first time the entry is added in
    /// that language; `None` after, or for an entry that is not searched.
    fn claim(&self, r: &LangRender<'_>, entry: usize) -> Option<(u32, usize)> {
        let id = self.ids.get(entry).copied().flatten()?;
        let lang = self.langs.iter().position(|l| *l == r.lang)?;
        (!self.added[lang][entry].swap(true, Ordering::Relaxed)).then_some((id, lang))
    }

    /// Takes a document's record in one language: in the first language, its keys for the
    /// shards; once every language has come, writes its file.
    fn put(&self, id: u32, lang: usize, doc: Arc<IndexedDoc>) {
        let complete = {
            let mut state = lock(&self.state);
            if lang == 0 {
                if self.cache.is_some() {
                    let at = id as usize;
                    if state.first.len() <= at {
                        state.first.resize(at + 1, None);
                    }
                    state.first[at] = Some(Arc::clone(&doc));
                } else {
                    for (key, bits) in &doc.keys {
                        let posting = id << 3 | u32::from(*bits);
                        match state.postings.get_mut(key.as_str()) {
                            Some(list) => list.push(posting),
                            None => {
                                state.postings.insert(key.clone(), vec![posting]);
                            }
                        }
                    }
                }
            }
            let slots = state
                .pending
                .entry(id)
                .or_insert_with(|| vec![None; self.langs.len()]);
            slots[lang] = Some(doc);
            if slots.iter().all(Option::is_some) {
                state.pending.remove(&id)
            } else {
                None
            }
        };
        if let Some(docs) = complete {
            self.put_doc(id, &docs);
        }
    }

    /// Writes document `id`'s file from its records by language; with a cache, the file
    /// the last build made of the same records is taken as it is.
    fn put_doc(&self, id: u32, docs: &[Option<Arc<IndexedDoc>>]) {
        let file_key = self.cache.map(|_| {
            docs.iter()
                .flatten()
                .fold(KeyBuilder::default().text(&id.to_string()), |k, d| {
                    k.bytes(&d.key)
                })
                .finish()
        });
        let kept = self
            .cache
            .zip(file_key)
            .and_then(|(c, k)| c.search_file(&k));
        let js: Arc<[u8]> = match kept {
            Some(js) => js,
            None => {
                let texts: Vec<Option<Texts>> = docs
                    .iter()
                    .map(|d| d.as_ref().map(|d| d.texts.clone()))
                    .collect();
                let Some(js) = doc_file(id, &self.langs, &texts, &self.fold) else {
                    return;
                };
                js.into_bytes().into()
            }
        };
        if let Some((cache, key)) = self.cache.zip(file_key) {
            cache.keep_search_file(key, Arc::clone(&js));
        }
        let path = doc_path(id);
        self.sink.put(&path, OutputBody::Bytes(js));
        lock(&self.state).paths.push(path);
    }

    /// Every key of a document's texts with the places it occurs.
    fn keys_of(&self, title: &str, meta: &str, body: &str) -> Vec<(String, u8)> {
        let folded = [title, meta, body].map(|text| self.fold.text(text));
        // Keys borrowed until each is counted once: a text repeats most of its keys.
        let mut keys: FxHashMap<tokens::Key<'_>, u8> = FxHashMap::default();
        for (text, bits) in folded.iter().zip([IN_TITLE, IN_FIELDS, IN_BODY]) {
            for key in tokens::keys(text) {
                *keys.entry(key).or_default() |= bits;
            }
        }
        keys.into_iter()
            .map(|(key, bits)| (key.text(), bits))
            .collect()
    }

    /// Whether `entry` still needs adding in `lang` (its body was taken from a previous
    /// build and never rendered in this one).
    pub fn missing(&self, lang: Lang, entry: usize) -> bool {
        let Some(l) = self.langs.iter().position(|x| *x == lang) else {
            return false;
        };
        self.ids.get(entry).copied().flatten().is_some()
            && !self.added[l][entry].load(Ordering::Relaxed)
    }

    /// The manifest and the shards, and every path put (documents included).
    pub fn finish(self) -> Vec<String> {
        // A document some language never added (only when a body failed to render).
        let pending = std::mem::take(&mut lock(&self.state).pending);
        for (id, docs) in pending {
            self.put_doc(id, &docs);
        }
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut paths = state.paths;
        let shards = match self.cache {
            Some(cache) => {
                let mut docs = state.first;
                docs.resize(self.ids.iter().flatten().count(), None);
                match cache.take_search_shards() {
                    Some(kept) => kept.update(docs),
                    None => Shards::new(docs),
                }
            }
            None => Shards::from_postings(state.postings),
        };
        for (n, js) in shards.files() {
            let path = format!("{INDEX_DIR}s/{n}.js");
            self.sink.put(&path, OutputBody::Bytes(Arc::clone(js)));
            paths.push(path);
        }
        let manifest = Manifest {
            shards: shards.count(),
            docs: self.ids.iter().flatten().count(),
            langs: self.langs.iter().map(|l| l.script.code()).collect(),
            fold: self.fold.table_text(),
            hant: self.fold.preferred_text(),
        };
        let path = format!("{INDEX_DIR}manifest.js");
        let js = format!("tongwenSearch.manifest({});\n", json(&manifest));
        self.sink
            .put(&path, OutputBody::Bytes(js.into_bytes().into()));
        paths.push(path);
        if let Some(cache) = self.cache {
            cache.keep_search_shards(shards);
        }
        paths
    }
}

#[derive(Serialize)]
struct Manifest {
    shards: u32,
    docs: usize,
    langs: Vec<&'static str>,
    /// Pairs of characters: traditional, then the simplified it folds to.
    fold: String,
    /// Pairs of characters: simplified, then the traditional it is converted to where that
    /// is not the one character that folds to it (`Fold::preferred_text`).
    hant: String,
}

/// The digest of everything an entry's index record is made from besides its body text,
/// which `body_key` stands for: its strings (title, summary, date, fields, tags) and the
/// names of its tags in this language.
fn record_key(r: &LangRender<'_>, entry: usize, id: u32, body_key: Key) -> Key {
    let mut key = KeyBuilder::default()
        .bytes(&body_key)
        .text(r.lang.script.code())
        .text(&id.to_string())
        .bytes(&crate::render::text_stamp(r, entry))
        .text(&r.site.entries[entry].path)
        .text(kind_code(r.site.entries[entry].doc.section));
    for &t in &r.text(entry).tags {
        key = key.text(r.loc.tags.get(t).map_or("", String::as_str));
    }
    key.finish()
}

/// The entry's fields and tags in `r`'s language, `·` between them.
fn meta_text(r: &LangRender<'_>, entry: usize) -> String {
    let text = r.text(entry);
    let mut parts: Vec<&str> = Vec::new();
    match &text.details {
        Details::Story(s) => {
            parts.push(&s.community);
            parts.extend(s.district.as_deref());
            parts.extend(s.author.as_deref());
        }
        Details::Workshop(w) => {
            parts.push(&w.leader);
            parts.push(&w.community);
            parts.extend(w.focus.iter().map(String::as_str));
            if let Some(c) = &w.contact {
                parts.extend(c.phone.as_deref());
                parts.extend(c.address.as_deref());
                parts.extend(c.hours.as_deref());
            }
        }
        Details::Lecture(l) => {
            parts.push(&l.speaker);
            parts.extend(l.speaker_title.as_deref());
            parts.push(&l.venue);
            parts.extend(l.series.as_deref());
            if !l.registration_is_url {
                parts.extend(l.registration.as_deref());
            }
        }
        Details::Page => {}
    }
    parts.extend(
        text.tags
            .iter()
            .filter_map(|&t| r.loc.tags.get(t).map(String::as_str)),
    );
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" · ")
}

fn date_text(details: &Details) -> &str {
    match details {
        Details::Story(s) => &s.date.date,
        Details::Lecture(l) => &l.start.date,
        Details::Workshop(w) => w.founded.as_ref().map_or("", |f| f.date.as_str()),
        Details::Page => "",
    }
}

fn kind_code(section: Section) -> &'static str {
    match section {
        Section::Stories => "s",
        Section::Workshops => "w",
        Section::Lectures => "l",
        Section::Pages | Section::Home => "p",
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("index records are plain strings and numbers")
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
