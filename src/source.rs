//! [IO] Reads a site folder into memory: site.yaml, content, theme and static files,
//! decoded to UTF-8 (BOM, CRLF, GBK/GB18030, UTF-16) with a warning for each re-encoded file.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;

/// A text file as read, decoded to UTF-8 with its BOM removed (line ends kept as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    pub text: String,
    /// The encoding the file was saved in (`UTF-8`, `GB18030`, `UTF-16LE`, ...).
    pub encoding: &'static str,
}

/// A binary file as found (images beside content, static files): read lazily by whoever needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to the site root (or to the theme folder for theme statics), `/`-separated.
    pub path: String,
    /// Where it is on disk.
    pub disk: PathBuf,
}

/// Everything the pure pipeline needs from the site folder.
#[derive(Debug, Clone, Default)]
pub struct SiteInput {
    pub root: PathBuf,
    /// `site.yaml`, if present.
    pub config: Option<SourceFile>,
    /// Every `content/**/*.md`, sorted by path.
    pub content: Vec<SourceFile>,
    /// Every other file under `content/` (images beside pages), sorted by path.
    pub content_assets: Vec<Asset>,
    /// Every file under `static/`, path relative to `static/`.
    pub static_files: Vec<Asset>,
    /// The theme's templates by name (`page.html`), from `themes/NAME/templates/` or built in.
    pub templates: Vec<SourceFile>,
    /// The theme's static files, path relative to the theme's `static/`.
    pub theme_static: Vec<ThemeStatic>,
    /// Encoding warnings and unreadable-file errors met while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// A theme static file: from disk, or built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeStatic {
    Disk(Asset),
    BuiltIn { path: String, bytes: Arc<[u8]> },
}
