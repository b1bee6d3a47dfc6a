//! Where every file of content/ and static/ that is not Markdown is published, and which file
//! an image or link written in a content file names. Pure: no IO.
//!
//! A file in a page's own folder (`content/stories/a/photo.jpg` beside `index.md`) is
//! published beside that page (`stories/SLUG/photo.jpg`), so that a path written relative to
//! the file also works relative to the page. Any other file under content/ keeps its path
//! without `content/`; a file under static/ keeps its path under static/. Files of a draft's
//! folder are not published.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::images::{ImageInfo, is_image_path};
use crate::site::Site;
use crate::source::SiteInput;
use crate::urls::normalize;

/// One published file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteFile {
    /// Path under the output folder, `stories/a/photo.jpg` (no leading slash).
    pub(crate) published: String,
    pub(crate) disk: PathBuf,
    pub(crate) kind: FileKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A photo, by its extension, with what the probe found (or why it cannot be used).
    Photo,
    /// Anything else (PDF, SVG, spreadsheet): copied as it is.
    Other,
}

/// Every published non-Markdown file of content/ and static/, by site-relative path
/// (`content/stories/a/photo.jpg`, `static/images/b.png`).
pub(crate) struct SiteFiles<'a> {
    pub(crate) files: BTreeMap<String, SiteFile>,
    /// What the probe found for each photo, by site-relative path.
    pub(crate) probes: &'a BTreeMap<String, Result<ImageInfo, String>>,
    /// Published path → site-relative path, for paths written from the site root.
    by_published: HashMap<String, String>,
}

/// What a path written in a content file leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup<'f> {
    /// A published file: its site-relative path and the file.
    Found(&'f str, &'f SiteFile),
    /// Nothing: the site-relative path it was looked for at.
    Missing(String),
}

impl<'a> SiteFiles<'a> {
    /// The files of `input` published by `site` (whose entries say where each page folder goes).
    pub(crate) fn new(input: &'a SiteInput, site: &Site) -> SiteFiles<'a> {
        let folders = page_folders(input, site);
        let mut files = BTreeMap::new();
        for asset in &input.content_assets {
            if let Some(published) = content_published_path(&asset.path, &folders) {
                files.insert(
                    asset.path.clone(),
                    site_file(&asset.path, published, &asset.disk),
                );
            }
        }
        for asset in &input.static_files {
            let rel = format!("static/{}", asset.path);
            let published = asset.path.trim_start_matches('/').to_string();
            files.insert(rel.clone(), site_file(&rel, published, &asset.disk));
        }
        let by_published = files
            .iter()
            .map(|(rel, f)| (f.published.clone(), rel.clone()))
            .collect();
        SiteFiles {
            files,
            probes: &input.images,
            by_published,
        }
    }

    /// The file `written` names in the content file `source`: relative to that file's
    /// folder, or from the site root when it starts with `/` (a file under static/, or any
    /// file published at that path). `?query` and `#fragment` are ignored; `%20`-style
    /// escapes and Windows `\` separators are understood.
    pub(crate) fn lookup(&self, source: &str, written: &str) -> Lookup<'_> {
        let path = decode_path(strip_suffixes(written));
        let wanted = if let Some(rooted) = path.strip_prefix('/') {
            let rooted = normalize(rooted);
            let in_static = format!("static/{rooted}");
            match self.by_published.get(&rooted) {
                Some(rel) if !self.files.contains_key(&in_static) => return self.found(rel),
                _ => in_static,
            }
        } else {
            let dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
            normalize(&format!("{dir}/{path}"))
        };
        if self.files.contains_key(&wanted) {
            self.found(&wanted)
        } else {
            Lookup::Missing(wanted)
        }
    }

    fn found(&self, rel: &str) -> Lookup<'_> {
        let (rel, file) = self
            .files
            .get_key_value(rel)
            .expect("only paths of known files are looked up");
        Lookup::Found(rel, file)
    }

    /// A published file whose path differs from `wanted` only in letter case (`Photo.JPG`
    /// for `photo.jpg`): Windows and macOS find it, a web server does not.
    pub(crate) fn same_but_case(&self, wanted: &str) -> Option<&str> {
        self.files
            .keys()
            .find(|rel| rel.eq_ignore_ascii_case(wanted))
            .map(String::as_str)
    }
}

impl SiteFiles<'_> {
    /// The published file whose site-relative path is a slip away from `wanted`.
    pub(crate) fn nearest(&self, wanted: &str) -> Option<&str> {
        crate::urls::nearest(wanted, self.files.keys().map(String::as_str))
    }
}

fn site_file(rel: &str, published: String, disk: &std::path::Path) -> SiteFile {
    SiteFile {
        published,
        disk: disk.to_path_buf(),
        kind: if is_image_path(rel) {
            FileKind::Photo
        } else {
            FileKind::Other
        },
    }
}

/// Folder of every page bundle (`content/stories/a` for `content/stories/a/index.md`) →
/// the output folder of its page (`stories/slug`), or `None` for a draft's folder.
fn page_folders(input: &SiteInput, site: &Site) -> BTreeMap<String, Option<String>> {
    let mut folders: BTreeMap<String, Option<String>> = input
        .content
        .iter()
        .filter_map(|f| bundle_folder(&f.path))
        .map(|dir| (dir.to_string(), None))
        .collect();
    for entry in &site.entries {
        if let Some(dir) = bundle_folder(&entry.doc.source) {
            let page = entry.path.trim_matches('/').to_string();
            folders.insert(dir.to_string(), Some(page));
        }
    }
    folders
}

/// `content/stories/a` for `content/stories/a/index.md` (or `index.markdown`).
fn bundle_folder(source: &str) -> Option<&str> {
    let (dir, name) = source.rsplit_once('/')?;
    (dir != "content" && (name == "index.md" || name == "index.markdown")).then_some(dir)
}

/// Where a file under content/ is published: beside its page when it is in a page's folder
/// (the nearest one), else at its path without `content/`; `None` in a draft's folder.
fn content_published_path(rel: &str, folders: &BTreeMap<String, Option<String>>) -> Option<String> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(page) = folders.get(parent) {
            let rest = &rel[parent.len() + 1..];
            return page.as_ref().map(|page| {
                if page.is_empty() {
                    rest.to_string()
                } else {
                    format!("{page}/{rest}")
                }
            });
        }
        dir = parent;
    }
    Some(rel.strip_prefix("content/").unwrap_or(rel).to_string())
}

fn strip_suffixes(written: &str) -> &str {
    let end = written.find(['?', '#']).unwrap_or(written.len());
    &written[..end]
}

/// `%E7%85%A7.jpg` → `照.jpg`, `a\b.jpg` → `a/b.jpg`; a malformed escape is kept as written.
fn decode_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    if !path.contains('%') {
        return path;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'%'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders() -> BTreeMap<String, Option<String>> {
        BTreeMap::from([
            (
                "content/stories/a".to_string(),
                Some("stories/alpha".to_string()),
            ),
            ("content/stories/draft".to_string(), None),
        ])
    }

    #[test]
    fn files_in_a_page_folder_are_published_beside_the_page() {
        let folders = folders();
        let published = |rel| content_published_path(rel, &folders);
        assert_eq!(
            published("content/stories/a/photo.jpg").as_deref(),
            Some("stories/alpha/photo.jpg")
        );
        assert_eq!(
            published("content/stories/a/files/x.pdf").as_deref(),
            Some("stories/alpha/files/x.pdf")
        );
        assert_eq!(
            published("content/images/b.png").as_deref(),
            Some("images/b.png")
        );
        assert_eq!(published("content/stories/draft/secret.jpg"), None);
    }

    #[test]
    fn written_paths_are_decoded_and_stripped() {
        assert_eq!(strip_suffixes("a.jpg?v=2#x"), "a.jpg");
        assert_eq!(decode_path("%E7%85%A7%E7%89%87.jpg"), "照片.jpg");
        assert_eq!(decode_path("images\\a.jpg"), "images/a.jpg");
        assert_eq!(decode_path("100%.jpg"), "100%.jpg");
        assert_eq!(
            normalize("content/stories/a/../images/./b.jpg"),
            "content/stories/images/b.jpg"
        );
        assert_eq!(normalize("content/../../x.jpg"), "x.jpg");
    }

    #[test]
    fn only_folders_with_an_index_are_page_folders() {
        assert_eq!(
            bundle_folder("content/stories/a/index.md"),
            Some("content/stories/a")
        );
        assert_eq!(bundle_folder("content/stories/a.md"), None);
        assert_eq!(bundle_folder("content/index.md"), None);
    }
}
