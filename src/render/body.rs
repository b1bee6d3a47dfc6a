//! The Markdown host of one entry in one language: prose converted from the entry's script,
//! links to other content files resolved to their URL in the same language, images through
//! the `ImageResolver`. Pure: no IO.

use std::collections::{HashMap, HashSet};

use crate::config::BaseUrl;
use crate::convert::Converter;
use crate::markdown::{ImageRef, MarkdownHost};
use crate::site::{Entry, Lang, Site};

use super::ImageResolver;
use super::templates::escape_html;
use crate::urls::{
    content_source, is_computer_path, is_external, is_markdown, resolve_site_path, split_fragment,
};

/// Content file path (`content/stories/a.md`) → entry index, built once per build.
pub(crate) struct SourceIndex<'a> {
    by_source: HashMap<&'a str, usize>,
    /// Language-neutral site paths of every page a link may name (entries, lists, tags).
    pages: HashSet<String>,
}

impl<'a> SourceIndex<'a> {
    pub(crate) fn new(site: &'a Site) -> SourceIndex<'a> {
        let by_source = site
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.doc.source.as_str(), i))
            .collect();
        let mut pages: HashSet<String> = site.entries.iter().map(|e| e.path.clone()).collect();
        for path in ["/", "/stories/", "/workshops/", "/lectures/", "/tags/"] {
            pages.insert(path.to_string());
        }
        for tag in &site.tags {
            pages.insert(format!("/tags/{}/", tag.slug));
        }
        SourceIndex { by_source, pages }
    }

    fn is_page(&self, site_path: &str) -> bool {
        self.pages.contains(site_path) || is_list_page(site_path)
    }
}

/// `/stories/page/3/` and the like.
fn is_list_page(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(parts.as_slice(), [section, "page", n]
        if ["stories", "workshops", "lectures"].contains(section) && n.parse::<u32>().is_ok())
}

/// What the Markdown of `site.entries[entry]` needs in `lang`.
pub(crate) struct BodyHost<'a> {
    pub(crate) site: &'a Site,
    pub(crate) index: &'a SourceIndex<'a>,
    pub(crate) entry: usize,
    pub(crate) lang: Lang,
    pub(crate) converter: &'a Converter,
    pub(crate) base: &'a BaseUrl,
    pub(crate) images: &'a dyn ImageResolver,
}

impl BodyHost<'_> {
    fn entry(&self) -> &Entry {
        &self.site.entries[self.entry]
    }

    fn page_url(&self, site_path: &str) -> String {
        self.base.join(&self.lang.site_path(site_path))
    }
}

impl MarkdownHost for BodyHost<'_> {
    fn convert_text(&self, text: &str) -> String {
        self.converter
            .convert(text, self.entry().doc.script, self.lang.script)
            .into_owned()
    }

    fn link_url(&self, dest: &str) -> Option<String> {
        if is_external(dest) {
            return None;
        }
        let (path, fragment) = split_fragment(dest);
        if path.is_empty() {
            return None;
        }
        // The heading ids of the target page are in the page's script.
        let fragment = fragment.map(|f| format!("#{}", self.convert_text(f)));
        let fragment = fragment.as_deref().unwrap_or("");
        if is_markdown(path) {
            let source = content_source(&self.entry().doc.source, path)?;
            let target = self.index.by_source.get(source.as_str())?;
            let url = self.page_url(&self.site.entries[*target].path);
            return Some(format!("{url}{fragment}"));
        }
        let site_path = resolve_site_path(&self.entry().path, path);
        let url = if self.index.is_page(&site_path) {
            self.page_url(&site_path)
        } else if let Some(url) = self.images.file_url(self.entry(), path) {
            url
        } else {
            // Files beside the page are published once, at the first language's place.
            self.base.join(&site_path)
        };
        Some(format!("{url}{fragment}"))
    }

    fn image_html(&self, image: &ImageRef, alt: &str, title: &str) -> Option<String> {
        // A path on the author's computer is reported by the link check, not looked up.
        if is_external(&image.src) || is_computer_path(&image.src) {
            return None;
        }
        let entry = self.entry();
        if let Some(html) = self.images.img_html(entry, image, alt, title, self.lang) {
            return Some(html);
        }
        let url = self.base.join(&asset_path(entry, &image.src));
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_html(title))
        };
        Some(format!(
            "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
            escape_html(&url),
            escape_html(alt)
        ))
    }
}

/// The language-neutral site path of a file an entry refers to (`photo.jpg` in
/// `content/stories/a/index.md` → `/stories/a/photo.jpg`): relative paths are resolved
/// against the entry's page, as a browser would on the first language's page. Whoever
/// copies files beside pages publishes them at this path, once for all languages.
pub fn asset_path(entry: &Entry, src: &str) -> String {
    resolve_site_path(&entry.path, src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_destinations_are_left_alone() {
        for dest in [
            "https://example.org/a.md",
            "mailto:a@b.c",
            "tel:0510",
            "//cdn",
        ] {
            assert!(is_external(dest), "{dest}");
        }
        for dest in ["a.md", "../a.md", "/x/", "a.md#b:c", "#x"] {
            assert!(!is_external(dest), "{dest}");
        }
    }

    #[test]
    fn content_links_resolve_against_the_source() {
        let from = "content/stories/a.md";
        assert_eq!(
            content_source(from, "../workshops/laoshuji.md").as_deref(),
            Some("content/workshops/laoshuji.md")
        );
        assert_eq!(
            content_source(from, "b.md").as_deref(),
            Some("content/stories/b.md")
        );
        assert_eq!(
            content_source(from, "/content/pages/about.md").as_deref(),
            Some("content/pages/about.md")
        );
        assert_eq!(
            content_source(from, "/stories/b/index.md").as_deref(),
            Some("content/stories/b/index.md")
        );
        assert_eq!(content_source(from, "../../../etc.md"), None);
    }

    #[test]
    fn relative_paths_resolve_against_the_page() {
        assert_eq!(
            resolve_site_path("/stories/a/", "photo.jpg"),
            "/stories/a/photo.jpg"
        );
        assert_eq!(resolve_site_path("/stories/a/", "../b/"), "/stories/b/");
        assert_eq!(resolve_site_path("/stories/a/", "/about/"), "/about/");
        assert_eq!(
            resolve_site_path("/stories/a/", "files/x.pdf?v=2"),
            "/stories/a/files/x.pdf?v=2"
        );
        assert_eq!(resolve_site_path("/a/", "../../.."), "/");
    }

    #[test]
    fn list_pages_are_recognized() {
        assert!(is_list_page("/stories/page/2/"));
        assert!(!is_list_page("/stories/page/x/"));
        assert!(!is_list_page("/tags/page/2/"));
    }
}
