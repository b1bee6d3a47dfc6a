//! Links and anchors in the Markdown that point nowhere: a `.md` file that is not there, a
//! heading that no page has, a site path or file that nothing publishes. Pure: no IO.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::convert::{Converter, Script};
use crate::diagnostics::{Diagnostic, Span};
use crate::markdown::{self, MarkdownHost, Rendered};
use crate::site::Site;
use crate::urls::{
    content_source, is_external, is_markdown, normalize, resolve_site_path, split_fragment,
};

/// Renders each body in its own script only to learn its links and heading ids.
struct Recorder<'a> {
    conv: &'a Converter,
    script: Script,
}

impl MarkdownHost for Recorder<'_> {
    fn convert_text(&self, text: &str) -> String {
        self.conv
            .convert(text, self.script, self.script)
            .into_owned()
    }
    fn link_url(&self, _: &str) -> Option<String> {
        None
    }
    fn image_html(&self, _: &markdown::ImageRef, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// Every link of every entry checked against the site. `files` are the site paths of the
/// files a build publishes as they are (content assets by their `content/` path, static
/// files by their path under `static/`).
pub fn check_links(site: &Site, conv: &Converter, files: &BTreeSet<String>) -> Vec<Diagnostic> {
    let rendered: Vec<Rendered> = site
        .entries
        .par_iter()
        .map(|e| {
            let host = Recorder {
                conv,
                script: e.doc.script,
            };
            markdown::render(&e.doc.body, &host)
        })
        .collect();
    // Heading ids compared in simplified script, so a traditional link reaches a simplified page.
    let anchors: Vec<BTreeSet<String>> = rendered
        .iter()
        .zip(&site.entries)
        .map(|(r, e)| {
            r.headings
                .iter()
                .map(|h| conv.convert(&h.id, e.doc.script, Script::Hans).into_owned())
                .collect()
        })
        .collect();
    let by_source: BTreeMap<&str, usize> = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.doc.source.as_str(), i))
        .collect();
    let pages = page_paths(site);
    let mut found = Vec::new();
    for (i, (entry, body)) in site.entries.iter().zip(&rendered).enumerate() {
        let ctx = Context {
            site,
            conv,
            entry: i,
            anchors: &anchors,
            by_source: &by_source,
            pages: &pages,
            files,
        };
        for link in &body.links {
            if let Some(problem) = ctx.problem(&link.dest) {
                let line = entry.doc.body_line + link.line - 1;
                found.push(
                    Diagnostic::error(
                        "link.broken",
                        Span::new(&entry.doc.source, line, link.col),
                        problem.message,
                    )
                    .with_hint(problem.hint),
                );
            }
        }
    }
    found
}

struct Problem {
    message: String,
    hint: String,
}

struct Context<'a> {
    site: &'a Site,
    conv: &'a Converter,
    entry: usize,
    anchors: &'a [BTreeSet<String>],
    by_source: &'a BTreeMap<&'a str, usize>,
    pages: &'a BTreeSet<String>,
    files: &'a BTreeSet<String>,
}

impl Context<'_> {
    fn problem(&self, dest: &str) -> Option<Problem> {
        if is_external(dest) || dest.is_empty() {
            return None;
        }
        let (path, fragment) = split_fragment(dest);
        let target = if path.is_empty() {
            self.entry
        } else if is_markdown(path) {
            let source = content_source(&self.site.entries[self.entry].doc.source, path);
            match source.as_deref().and_then(|s| self.by_source.get(s)) {
                Some(&target) => target,
                None => return Some(self.missing_file(path)),
            }
        } else {
            return self.missing_path(path);
        };
        let fragment = fragment.filter(|f| !f.is_empty())?;
        self.missing_anchor(target, fragment)
    }

    fn missing_file(&self, path: &str) -> Problem {
        let names: Vec<&str> = self.by_source.keys().copied().collect();
        let nearest = names
            .iter()
            .min_by_key(|name| strsim::levenshtein(name, path.trim_start_matches("../")))
            .map(|n| format!("，例如 `{n}`"))
            .unwrap_or_default();
        Problem {
            message: format!("链接指向的文件 `{path}` 不存在（或是草稿）"),
            hint: format!("检查文件名和 `../` 层级是否写对{nearest}"),
        }
    }

    fn missing_anchor(&self, target: usize, fragment: &str) -> Option<Problem> {
        let script = self.site.entries[self.entry].doc.script;
        let wanted = self.conv.convert(fragment, script, Script::Hans);
        if self.anchors[target].contains(wanted.as_ref()) {
            return None;
        }
        let known: Vec<&str> = self.anchors[target].iter().map(String::as_str).collect();
        let hint = if known.is_empty() {
            "那个页面没有小标题；去掉 `#` 后面的部分".to_string()
        } else {
            format!("那个页面的小标题有：{}", known.join("、"))
        };
        Some(Problem {
            message: format!("链接里的 `#{fragment}` 在页面上找不到对应的小标题"),
            hint,
        })
    }

    /// A link to a site path or a file (not a `.md`).
    fn missing_path(&self, path: &str) -> Option<Problem> {
        let entry = &self.site.entries[self.entry];
        let site_path = resolve_site_path(&entry.path, path);
        let site_path = site_path.split('?').next().unwrap_or("").to_string();
        if self.pages.contains(&site_path) || is_generated(&site_path) {
            return None;
        }
        // A file beside the page, or under static/.
        let beside = if path.starts_with('/') {
            None
        } else {
            let dir = entry.doc.source.rsplit_once('/').map_or("", |(d, _)| d);
            Some(normalize(&format!("{dir}/{path}")))
        };
        let in_static = format!("static{site_path}");
        if beside.is_some_and(|b| self.files.contains(&b)) || self.files.contains(&in_static) {
            return None;
        }
        Some(Problem {
            message: format!("链接 `{path}` 指向的页面或文件不存在"),
            hint: "链接到其他文章时写它的 .md 文件，例如 `../workshops/laoshuji.md`；链接到文件时把文件放在文章旁边或 static/ 里".into(),
        })
    }
}

/// Every page path a build writes, in every language.
fn page_paths(site: &Site) -> BTreeSet<String> {
    let mut neutral: Vec<String> = site.entries.iter().map(|e| e.path.clone()).collect();
    neutral.extend(["/", "/stories/", "/workshops/", "/lectures/", "/tags/"].map(String::from));
    neutral.extend(site.tags.iter().map(|t| format!("/tags/{}/", t.slug)));
    neutral.extend(site.aliases.keys().cloned());
    let mut pages = BTreeSet::new();
    for lang in site.langs() {
        for path in &neutral {
            pages.insert(format!("/{}", lang.site_path(path)));
        }
    }
    pages
}

/// Files every build writes besides pages (feeds, calendars, list pages): not checked.
fn is_generated(site_path: &str) -> bool {
    let parts: Vec<&str> = site_path.trim_matches('/').split('/').collect();
    let list_page = parts
        .windows(2)
        .any(|w| w[0] == "page" && w[1].parse::<u32>().is_ok());
    list_page
        || [".xml", ".ics", ".txt", "/404.html"]
            .iter()
            .any(|ext| site_path.ends_with(ext))
        || site_path.starts_with("/theme/")
}
