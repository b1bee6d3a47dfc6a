//! Links and images in the Markdown that point nowhere: a `.md` file that is not there, a
//! site path or file that nothing publishes (errors), a heading that no page has (a
//! warning), a path on the author's own computer (an error). `build` runs it, so `check`
//! and serve's overlay report the same. External links are never fetched. Pure: no IO.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::schedule::Schedule;
use crate::convert::{Converter, Script};
use crate::diagnostics::{Diagnostic, Span};
use crate::markdown::{self, MarkdownHost, Rendered};
use crate::site::{Scheduled, Site};
use crate::urls::{
    content_source, is_computer_path, is_external, is_markdown, nearest, normalize, relative_link,
    resolve_site_path, split_fragment,
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

/// What the link check reads of one body: its links and images as written, and its
/// heading ids in simplified script (so a traditional link reaches a simplified page).
/// Depends only on the body, its script and the converter: a rebuild may keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLinks {
    links: Vec<markdown::LinkRef>,
    images: Vec<markdown::ImageRef>,
    anchors: BTreeSet<String>,
}

/// Renders a body in its own script only to learn its links, images and heading ids.
pub fn body_links(body: &str, script: Script, conv: &Converter) -> BodyLinks {
    let host = Recorder { conv, script };
    let Rendered {
        links,
        images,
        headings,
        ..
    } = markdown::render(body, &host);
    let anchors = headings
        .iter()
        .map(|h| conv.convert(&h.id, script, Script::Hans).into_owned())
        .collect();
    BodyLinks {
        links,
        images,
        anchors,
    }
}

/// Every link and image of every entry checked against the site, given each entry's
/// `BodyLinks` (parallel to `site.entries`). `files` are the site
/// paths of the files a build publishes as they are (content assets by their `content/`
/// path, static files by `static/` and their path under it); `sources` the text of each
/// content file, for the line shown under a message. Images that name a missing file are
/// the image stage's to report; here only those that name a computer path.
pub fn check_links(
    site: &Site,
    conv: &Converter,
    rendered: &[&BodyLinks],
    files: &BTreeSet<String>,
    sources: &BTreeMap<&str, &str>,
) -> Vec<Diagnostic> {
    let anchors: Vec<&BTreeSet<String>> = rendered.iter().map(|r| &r.anchors).collect();
    let by_source: BTreeMap<&str, usize> = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.doc.source.as_str(), i))
        .collect();
    let pages = page_paths(site);
    let mut found = Vec::new();
    for (i, (entry, body)) in site.entries.iter().zip(rendered).enumerate() {
        let ctx = Context {
            site,
            conv,
            entry: i,
            anchors: &anchors,
            by_source: &by_source,
            pages: &pages,
            files,
        };
        let text = sources.get(entry.doc.source.as_str()).copied();
        let mut report = |line: usize, col: usize, problem: Problem| {
            let line = entry.doc.body_line + line.max(1) - 1;
            let span = Span::new(&entry.doc.source, line, col);
            let diagnostic = if problem.error {
                Diagnostic::error(problem.code, span, problem.message)
            } else {
                Diagnostic::warning(problem.code, span, problem.message)
            };
            let diagnostic = diagnostic.with_hint(problem.hint);
            found.push(match text {
                Some(text) => diagnostic.with_source(text),
                None => diagnostic,
            });
        };
        for link in &body.links {
            if let Some(problem) = ctx.problem(&link.dest) {
                report(link.line, link.col, problem);
            }
        }
        for image in &body.images {
            if is_computer_path(&image.src) {
                report(image.line, image.col, computer_path(&image.src, true));
            }
        }
        for (field, src) in front_matter_images(&entry.doc) {
            if is_computer_path(src) {
                let (line, col) = text.and_then(|t| value_place(t, src)).unwrap_or((1, 1));
                let (message, hint) = computer_path_message(src, true);
                let hint = hint
                    .replace("`![说明](", &format!("`{field}: "))
                    .replace(")`", "`");
                let diagnostic = Diagnostic::error(
                    "image.computer-path",
                    Span::new(&entry.doc.source, line, col),
                    message,
                )
                .with_hint(hint);
                found.push(match text {
                    Some(text) => diagnostic.with_source(text),
                    None => diagnostic,
                });
            }
        }
    }
    found
}

/// The images named in the front matter: `cover`, and a workshop's `photo`.
fn front_matter_images(doc: &crate::content::Document) -> Vec<(&'static str, &str)> {
    let mut images: Vec<(&str, &str)> = doc
        .common
        .cover
        .iter()
        .map(|c| ("cover", c.as_str()))
        .collect();
    if let crate::content::Kind::Workshop(workshop) = &doc.kind {
        images.extend(workshop.photo.iter().map(|p| ("photo", p.as_str())));
    }
    images
}

/// The line and column of `value` in the front matter of `text`.
fn value_place(text: &str, value: &str) -> Option<(usize, usize)> {
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim_end() == "---" {
            break;
        }
        if let Some(byte) = line.find(value) {
            return Some((n + 1, line[..byte].chars().count() + 1));
        }
    }
    None
}

/// What is wrong with one link or image, and what to do.
struct Problem {
    code: &'static str,
    /// An error stops the build; a missing anchor only warns.
    error: bool,
    message: String,
    hint: String,
}

impl Problem {
    fn error(code: &'static str, message: String, hint: String) -> Problem {
        Problem {
            code,
            error: true,
            message,
            hint,
        }
    }
}

/// The message for an image or link written as a path on the author's computer.
pub fn computer_path_message(written: &str, image: bool) -> (String, String) {
    let message = format!(
        "这是你电脑上的路径 `{written}`：网站发布后，读者的手机和电脑打不开它{}",
        if image { "，照片不会显示" } else { "" }
    );
    let name = file_name(written);
    let hint = if image {
        format!(
            "把这张照片复制到文章旁边（和这篇 .md 文件放在同一个文件夹），然后只写它的文件名，例如 `![说明]({name})`"
        )
    } else {
        format!(
            "把这个文件复制到文章旁边（和这篇 .md 文件放在同一个文件夹），然后只写它的文件名，例如 `[说明]({name})`"
        )
    };
    (message, hint)
}

fn computer_path(written: &str, image: bool) -> Problem {
    let (message, hint) = computer_path_message(written, image);
    let code = if image {
        "image.computer-path"
    } else {
        "link.computer-path"
    };
    Problem::error(code, message, hint)
}

/// `C:\Users\张三\Desktop\合影.jpg` → `合影.jpg`.
fn file_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['/', '\\']);
    trimmed
        .rsplit(['/', '\\'])
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(trimmed)
}

struct Context<'a> {
    site: &'a Site,
    conv: &'a Converter,
    entry: usize,
    anchors: &'a [&'a BTreeSet<String>],
    by_source: &'a BTreeMap<&'a str, usize>,
    pages: &'a BTreeSet<String>,
    files: &'a BTreeSet<String>,
}

impl Context<'_> {
    fn problem(&self, dest: &str) -> Option<Problem> {
        if is_computer_path(dest) {
            return Some(computer_path(dest, false));
        }
        if is_external(dest) || dest.is_empty() {
            return None;
        }
        let (path, fragment) = split_fragment(dest);
        if let Some(held) = self.held_target_of(path) {
            return Some(held_target(path, held));
        }
        let target = if path.is_empty() {
            self.entry
        } else if is_markdown(path) {
            let source = content_source(self.source(), path);
            match source.as_deref().and_then(|s| self.by_source.get(s)) {
                Some(&target) => target,
                None => return Some(self.missing_file(path, source.as_deref())),
            }
        } else {
            return self.missing_path(path);
        };
        let fragment = fragment.filter(|f| !f.is_empty())?;
        self.missing_anchor(target, fragment)
    }

    /// The document a link of a published page leads to when that document waits for its
    /// date or has expired: whether a build leaves it out (build) or shows it marked (the
    /// preview, `check`), the link is judged as the published site will have it.
    fn held_target_of(&self, path: &str) -> Option<&Scheduled> {
        let entry = &self.site.entries[self.entry];
        if path.is_empty()
            || self.site.scheduled.is_empty()
            || !Schedule::at(&entry.doc.common, self.site.now).is_live()
        {
            return None;
        }
        if is_markdown(path) {
            let source = content_source(self.source(), path)?;
            return self.site.scheduled.iter().find(|s| s.source == source);
        }
        let site_path = resolve_site_path(&entry.path, path);
        let site_path = site_path.split('?').next().unwrap_or("");
        self.site.scheduled.iter().find(|s| {
            self.site
                .langs()
                .iter()
                .any(|lang| format!("/{}", lang.site_path(&s.path)) == site_path)
        })
    }

    fn source(&self) -> &str {
        &self.site.entries[self.entry].doc.source
    }

    /// A `.md` link to no published file: the nearest file's link when one is a slip away,
    /// else the files of the folder it looked in.
    fn missing_file(&self, path: &str, wanted: Option<&str>) -> Problem {
        let names = self.by_source.keys().copied();
        let hint = match wanted.and_then(|w| nearest(w, names)) {
            Some(near) => format!("是否想写 `{}`？", relative_link(self.source(), near)),
            None => {
                let folder = wanted
                    .and_then(|w| w.rsplit_once('/'))
                    .map_or("content", |(dir, _)| dir);
                let beside: Vec<String> = self
                    .by_source
                    .keys()
                    .filter(|s| s.rsplit_once('/').is_some_and(|(dir, _)| dir == folder))
                    .take(8)
                    .map(|s| format!("`{}`", relative_link(self.source(), s)))
                    .collect();
                if beside.is_empty() {
                    "检查文件名和 `../` 层级是否写对；链接到其他文章时写它的 .md 文件，例如 `../workshops/laoshuji.md`".to_string()
                } else {
                    format!(
                        "检查文件名和 `../` 层级是否写对。{folder}/ 里有：{}",
                        beside.join("、")
                    )
                }
            }
        };
        Problem::error(
            "link.broken",
            format!("链接指向的文件 `{path}` 不存在（或是草稿、还没到发布时间）"),
            hint,
        )
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
        } else if let Some(near) = nearest(&wanted, known.iter().copied()) {
            format!(
                "是否想写 `#{near}`？那个页面的小标题有：{}",
                known.join("、")
            )
        } else {
            format!("那个页面的小标题有：{}", known.join("、"))
        };
        Some(Problem {
            code: "link.anchor",
            error: false,
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
        if beside.as_ref().is_some_and(|b| self.files.contains(b))
            || self.files.contains(&in_static)
        {
            return None;
        }
        let hint = match self.nearest_path(path, &site_path, beside.as_deref()) {
            Some(near) => format!("是否想写 `{near}`？"),
            None => "链接到其他文章时写它的 .md 文件，例如 `../workshops/laoshuji.md`；链接到文件时把文件放在文章旁边或 static/ 里".into(),
        };
        Some(Problem::error(
            "link.broken",
            format!("链接 `{path}` 指向的页面或文件不存在"),
            hint,
        ))
    }

    /// The page or file a mistyped path most likely meant, written as the author would.
    fn nearest_path(&self, path: &str, site_path: &str, beside: Option<&str>) -> Option<String> {
        if let Some(beside) = beside {
            let dir = self.source().rsplit_once('/').map_or("", |(d, _)| d);
            let near = nearest(beside, self.files.iter().map(String::as_str));
            if let Some(near) = near.and_then(|n| n.strip_prefix(&format!("{dir}/"))) {
                return Some(near.to_string());
            }
        }
        let statics = self.files.iter().filter_map(|f| f.strip_prefix("static"));
        let candidates = self.pages.iter().map(String::as_str).chain(statics);
        let near = nearest(site_path, candidates)?;
        Some(if path.starts_with('/') {
            near.to_string()
        } else {
            relative_url(&self.site.entries[self.entry].path, near)
        })
    }
}

/// A link to a page that waits for its `publish:` is an error, like a link to a draft: the
/// writer sees it while writing, and publishes both together. A link to an expired page
/// is a warning only: the build on the day it expires must not fail, or the page it takes
/// down would stay online; the link then leads to the 404 page.
fn held_target(written: &str, held: &Scheduled) -> Problem {
    let at = held.schedule.date_text();
    let title = &held.title;
    match held.schedule {
        Schedule::Expired(_) => Problem {
            code: "link.expired",
            error: false,
            message: format!(
                "链接 `{written}` 指向的《{title}》已在 {at} 下线，读者点开会看到“找不到页面”"
            ),
            hint: "删掉这个链接，或改为链接到其他页面".into(),
        },
        _ => Problem::error(
            "link.waiting",
            format!("链接 `{written}` 指向的《{title}》要到 {at} 才发布，现在点开会找不到页面"),
            format!("给这一篇也写上 `publish: {at}`（或更晚），让两篇一起发布；或者先删掉这个链接"),
        ),
    }
}

/// A site path as a link relative to the page at `from` (a directory URL).
fn relative_url(from: &str, to: &str) -> String {
    let from_dir = format!("{}x", from.trim_start_matches('/'));
    relative_link(&from_dir, to.trim_start_matches('/'))
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
