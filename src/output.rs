//! [IO] Writes an `OutputSet` into the output folder atomically: all of it or nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What one output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputBody {
    Bytes(Arc<[u8]>),
    /// A file copied as it is from the site folder (static files).
    Copy(PathBuf),
}

/// Every file a build writes, keyed by its path under the output folder (`stories/a/index.html`).
/// A `BTreeMap`, so the order (and so the bytes written) never depends on thread timing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    pub files: BTreeMap<String, OutputBody>,
}

impl OutputSet {
    pub fn insert_bytes(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files
            .insert(path.into(), OutputBody::Bytes(bytes.into()));
    }

    pub fn insert_text(&mut self, path: impl Into<String>, text: String) {
        self.insert_bytes(path, text.into_bytes());
    }
}
