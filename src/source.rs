//! [IO] Reads a site folder into memory: site.yaml, content, theme and static files,
//! decoded to UTF-8 (BOM, CRLF, GBK/GB18030, UTF-16) with a warning for each re-encoded file,
//! and every photo under content/ and static/ probed (size, orientation, content hash).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::diagnostics::Diagnostic;
use crate::images::{self, ImageInfo, ProbeCache};

/// A text file as read, decoded to UTF-8 with its BOM removed (line ends kept as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Shared, not copied, by the documents parsed from it (`content::Text`).
    pub text: Arc<str>,
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
    /// `review.yaml` (the review decisions beside site.yaml), if present.
    pub review: Option<SourceFile>,
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
    /// Every photo (by extension, `images::is_image_path`) under `content/` and `static/`,
    /// by site-relative path (`content/stories/a/photo.jpg`, `static/images/b.png`): what
    /// `images::probe` found, or why the file cannot be used (for the user).
    pub images: BTreeMap<String, Result<ImageInfo, String>>,
    /// Encoding warnings and unreadable-file errors met while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// A theme static file: from disk, or built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeStatic {
    Disk(Asset),
    BuiltIn { path: String, bytes: Arc<[u8]> },
}

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Span;
use crate::error::Error;

/// What `serve` keeps between reads of one site, so that a save reads again only the files
/// that changed: photos' probes, and content files as decoded, each by its size and
/// modification time.
#[derive(Debug, Default)]
pub struct SourceCache {
    probes: ProbeCache,
    texts: Mutex<HashMap<PathBuf, ReadText>>,
}

/// A content file as read, and what its metadata said then.
#[derive(Debug, Clone)]
struct ReadText {
    len: u64,
    modified: SystemTime,
    read: (Option<SourceFile>, Vec<Diagnostic>),
}

/// A file modified this recently may change again within the file system's time
/// resolution without its modification time moving: it is always read again.
const SETTLED: Duration = Duration::from_secs(2);

impl SourceCache {
    /// `read_text` of `disk`, or the previous read's when the file's size and modification
    /// time are unchanged (and it was not modified just before that read).
    fn read_text(&self, disk: &Path, rel: &str) -> (Option<SourceFile>, Vec<Diagnostic>) {
        let metadata = fs::metadata(disk).ok();
        let stamp = metadata
            .as_ref()
            .and_then(|m| Some((m.len(), m.modified().ok()?)));
        if let Some((len, modified)) = stamp {
            let previous = lock(&self.texts).get(disk).cloned();
            if let Some(previous) = previous
                && previous.len == len
                && previous.modified == modified
                && previous.read.0.as_ref().is_some_and(|f| f.path == rel)
            {
                return previous.read;
            }
        }
        let read = read_text(disk, rel);
        let settled = |modified: SystemTime| {
            SystemTime::now()
                .duration_since(modified)
                .is_ok_and(|age| age >= SETTLED)
        };
        if let Some((len, modified)) = stamp.filter(|&(_, modified)| settled(modified)) {
            let entry = ReadText {
                len,
                modified,
                read: read.clone(),
            };
            lock(&self.texts).insert(disk.to_path_buf(), entry);
        }
        read
    }

    /// Forgets the files not among `kept` (deleted or renamed since).
    fn keep_only(&self, kept: &[(String, PathBuf)]) {
        let kept: std::collections::HashSet<&Path> =
            kept.iter().map(|(_, d)| d.as_path()).collect();
        lock(&self.texts).retain(|disk, _| kept.contains(disk.as_path()));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Reads the site at `root`. Missing folders are fine (a site may have no `static/`);
/// a file that cannot be read, or a link that leads out of the site, is a diagnostic.
pub fn read_site(root: &Path) -> Result<SiteInput, Error> {
    read_site_with(root, &SourceCache::default())
}

/// `read_site` through `cache`, which `serve` keeps between rebuilds so that unchanged
/// content files and photos are not read again.
pub fn read_site_with(root: &Path, cache: &SourceCache) -> Result<SiteInput, Error> {
    let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let mut input = SiteInput {
        root: root.clone(),
        ..SiteInput::default()
    };
    let mut walker = Walker::new(&root);
    let config_path = root.join("site.yaml");
    if config_path.is_file() {
        input.config = walker.read_text(&config_path, "site.yaml");
    }
    let review_path = root.join(crate::review::FILE);
    if review_path.is_file() {
        input.review = walker.read_text(&review_path, crate::review::FILE);
    }
    let (pages, assets): (Vec<_>, Vec<_>) = walker
        .files("content")
        .into_iter()
        .partition(|(rel, _)| rel.ends_with(".md") || rel.ends_with(".markdown"));
    input.content = walker.read_texts(&pages, cache);
    cache.keep_only(&pages);
    input.content_assets = assets
        .into_iter()
        .map(|(path, disk)| Asset { path, disk })
        .collect();
    for (rel, disk) in walker.files("static") {
        let path = rel.trim_start_matches("static/").to_string();
        input.static_files.push(Asset { path, disk });
    }
    for (rel, disk) in walker.files("themes") {
        if rel.contains("/templates/") {
            if let Some(file) = walker.read_text(&disk, &rel) {
                input.templates.push(file);
            }
        } else {
            input
                .theme_static
                .push(ThemeStatic::Disk(Asset { path: rel, disk }));
        }
    }
    input.diagnostics = walker.diagnostics;
    input.images = cache.probes.probe_all(&photo_files(&input));
    Ok(input)
}

/// The photos of the site, as (site-relative path, disk path).
fn photo_files(input: &SiteInput) -> Vec<(String, PathBuf)> {
    let content = input
        .content_assets
        .iter()
        .map(|a| (a.path.clone(), a.disk.clone()));
    let statics = input
        .static_files
        .iter()
        .map(|a| (format!("static/{}", a.path), a.disk.clone()));
    content
        .chain(statics)
        .filter(|(rel, _)| images::is_image_path(rel))
        .collect()
}

/// Files that editors and office suites leave behind: never content (SPEC "Safety").
pub fn is_editor_dropping(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.starts_with("~$")
        || name.starts_with(".~lock.")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Walks folders of the site, refusing links that lead outside it.
struct Walker<'a> {
    root: &'a Path,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    fn new(root: &'a Path) -> Walker<'a> {
        Walker {
            root,
            diagnostics: Vec::new(),
        }
    }

    /// Every regular file under `root/folder`, as (site-relative path, disk path), sorted.
    fn files(&mut self, folder: &str) -> Vec<(String, PathBuf)> {
        let mut found = Vec::new();
        let start = self.root.join(folder);
        if start.is_dir() {
            self.walk(&start, &mut found, 0);
        }
        found.sort();
        found
    }

    fn walk(&mut self, dir: &Path, found: &mut Vec<(String, PathBuf)>, depth: usize) {
        let Ok(read) = fs::read_dir(dir) else {
            self.unreadable(dir);
            return;
        };
        let mut children: Vec<(PathBuf, Option<fs::FileType>)> = read
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
            .collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, file_type) in children {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if is_editor_dropping(name) {
                continue;
            }
            let Some(rel) = self.relative(&path) else {
                self.unreadable(&path);
                continue;
            };
            let (is_dir, is_file) = match file_type {
                // Not a link: it is where the walk found it, inside the site.
                Some(t) if !t.is_symlink() => (t.is_dir(), t.is_file()),
                _ => {
                    let Some(real) = self.inside(&path, &rel) else {
                        continue;
                    };
                    (real.is_dir(), real.is_file())
                }
            };
            if is_dir {
                // Depth bound: a link inside the site can still make a cycle.
                if depth < 32 {
                    self.walk(&path, found, depth + 1);
                }
            } else if is_file {
                found.push((rel, path));
            }
        }
    }

    /// The canonical target of `path` when it stays inside the site; else a diagnostic.
    fn inside(&mut self, path: &Path, rel: &str) -> Option<PathBuf> {
        let real = fs::canonicalize(path).ok()?;
        // SPEC "Safety": compare by components, never by string prefix.
        if real.starts_with(self.root) {
            Some(real)
        } else {
            self.diagnostics.push(
                Diagnostic::error(
                    "source.link-outside",
                    Span::file(rel),
                    "这个链接（快捷方式）指向网站文件夹之外，不能发布",
                )
                .with_hint("把要用的文件复制到网站文件夹里，再删除这个链接"),
            );
            None
        }
    }

    fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }

    /// Every file of `files` (site-relative path, disk path), read in parallel, in order.
    fn read_texts(&mut self, files: &[(String, PathBuf)], cache: &SourceCache) -> Vec<SourceFile> {
        let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = files
            .par_iter()
            .map(|(rel, disk)| cache.read_text(disk, rel))
            .collect();
        let mut texts = Vec::with_capacity(read.len());
        for (file, diagnostics) in read {
            texts.extend(file);
            self.diagnostics.extend(diagnostics);
        }
        texts
    }

    fn read_text(&mut self, disk: &Path, rel: &str) -> Option<SourceFile> {
        let (file, diagnostics) = read_text(disk, rel);
        self.diagnostics.extend(diagnostics);
        file
    }

    fn unreadable(&mut self, path: &Path) {
        let shown = self
            .relative(path)
            .unwrap_or_else(|| "（网站文件夹中的一个文件）".into());
        self.diagnostics.push(Diagnostic::error(
            "source.unreadable",
            Span::file(shown),
            "无法读取这个文件或文件夹：请检查文件名和权限",
        ));
    }
}

/// A text file decoded to UTF-8, with its encoding warning or why it could not be read.
fn read_text(disk: &Path, rel: &str) -> (Option<SourceFile>, Vec<Diagnostic>) {
    match fs::read(disk) {
        Ok(bytes) => {
            let decoded = crate::encoding::decode(&bytes);
            let mut diagnostics = Vec::new();
            if decoded.encoding.needs_warning() {
                diagnostics.push(
                    Diagnostic::warning(
                        "source.encoding",
                        Span::file(rel),
                        format!("文件是 {} 编码，已按此读取", decoded.encoding.name()),
                    )
                    .with_hint("在编辑器里“另存为”UTF-8 编码，其他电脑上也能正确显示"),
                );
            }
            let file = SourceFile {
                path: rel.to_string(),
                text: decoded.text.into(),
                encoding: decoded.encoding.name(),
            };
            (Some(file), diagnostics)
        }
        Err(e) => (
            None,
            vec![Diagnostic::error(
                "source.unreadable",
                Span::file(rel),
                format!("无法读取这个文件：{e}"),
            )],
        ),
    }
}

#[cfg(test)]
mod tests {
    // Test helpers panic on any failure: that is how a test reports it.
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn site_with(text: &str) -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content/stories")).unwrap();
        fs::write(site.path().join("content/stories/a.md"), text).unwrap();
        site
    }

    /// Writes `text` over the story and sets its modification time to `at`.
    fn rewrite(site: &Path, text: &str, at: SystemTime) {
        let path = site.join("content/stories/a.md");
        fs::write(&path, text).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(at).unwrap();
    }

    fn ago(seconds: u64) -> SystemTime {
        SystemTime::now() - Duration::from_secs(seconds)
    }

    fn story(site: &Path, cache: &SourceCache) -> String {
        let input = read_site_with(site, cache).unwrap();
        input.content[0].text.to_string()
    }

    #[test]
    fn an_unchanged_file_is_taken_from_the_cache() {
        let site = site_with("");
        let old = ago(60);
        rewrite(site.path(), "旧文", old);
        let cache = SourceCache::default();
        assert_eq!(story(site.path(), &cache), "旧文");
        // Same size, same time: the cache cannot tell, and does not read it again.
        rewrite(site.path(), "新文", old);
        assert_eq!(story(site.path(), &cache), "旧文");
    }

    #[test]
    fn a_file_of_another_size_or_time_is_read_again() {
        let site = site_with("");
        rewrite(site.path(), "旧文", ago(60));
        let cache = SourceCache::default();
        assert_eq!(story(site.path(), &cache), "旧文");
        rewrite(site.path(), "新的正文", ago(60));
        assert_eq!(story(site.path(), &cache), "新的正文");
        rewrite(site.path(), "新文", ago(30));
        assert_eq!(story(site.path(), &cache), "新文");
    }

    #[test]
    fn a_file_modified_just_now_is_always_read_again() {
        let site = site_with("");
        let now = SystemTime::now();
        rewrite(site.path(), "旧文", now);
        let cache = SourceCache::default();
        assert_eq!(story(site.path(), &cache), "旧文");
        // Within the file system's time resolution a second save may keep the time.
        rewrite(site.path(), "新文", now);
        assert_eq!(story(site.path(), &cache), "新文");
    }

    #[test]
    fn a_deleted_file_is_forgotten() {
        let site = site_with("");
        rewrite(site.path(), "旧文", ago(60));
        let cache = SourceCache::default();
        story(site.path(), &cache);
        fs::remove_file(site.path().join("content/stories/a.md")).unwrap();
        assert!(
            read_site_with(site.path(), &cache)
                .unwrap()
                .content
                .is_empty()
        );
        assert!(lock(&cache.texts).is_empty());
    }
}
