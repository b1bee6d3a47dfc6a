//! The search index of a built site against what the site publishes: every file under
//! `search-index/` (manifest, shards, document files) against the text files of its pages
//! (HTML, feeds and the sitemap as XML, calendars); theme files and images count in neither.

use std::io;
use std::path::Path;

/// Bytes of a built site's output, by kind.
#[derive(Default)]
pub(crate) struct IndexSize {
    /// The manifest and the shards: what queries look keys up in.
    pub(crate) keys: u64,
    pub(crate) largest_shard: u64,
    /// Document files: each page's texts, loaded for the results shown.
    pub(crate) documents: u64,
    pub(crate) published: u64,
}

impl IndexSize {
    pub(crate) fn of(out: &Path) -> io::Result<IndexSize> {
        let mut size = IndexSize::default();
        let mut stack = vec![out.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let entry = entry?;
                let path = entry.path();
                if entry.file_type()?.is_dir() {
                    stack.push(path);
                    continue;
                }
                let len = entry.metadata()?.len();
                let rel = path
                    .strip_prefix(out)
                    .map_err(io::Error::other)?
                    .to_string_lossy()
                    .replace('\\', "/");
                size.add(&rel, len);
            }
        }
        Ok(size)
    }

    fn add(&mut self, rel: &str, len: u64) {
        if let Some(rest) = rel.strip_prefix("search-index/") {
            if rest.starts_with("s/") || rest == "manifest.js" {
                self.keys += len;
                if rest.starts_with("s/") {
                    self.largest_shard = self.largest_shard.max(len);
                }
            } else {
                self.documents += len;
            }
        } else if rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".ics") {
            self.published += len;
        }
    }

    /// Index bytes over published bytes.
    pub(crate) fn ratio(&self) -> f64 {
        (self.keys + self.documents) as f64 / self.published.max(1) as f64
    }

    /// One line for a report, with the verdict on the 35% target.
    pub(crate) fn line(&self) -> String {
        let ratio = self.ratio();
        format!(
            "search index: {} KiB of keys (largest shard {} KiB) + {} KiB of page texts = {} KiB, {:.1}% of the {} KiB of published pages, feeds and calendars (target <= 35%: {})",
            self.keys / 1024,
            self.largest_shard / 1024,
            self.documents / 1024,
            (self.keys + self.documents) / 1024,
            ratio * 100.0,
            self.published / 1024,
            if ratio <= 0.35 { "met" } else { "MISSED" }
        )
    }
}
