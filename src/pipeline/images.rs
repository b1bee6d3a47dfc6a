//! The image stage of the build: gives every image of the Markdown, every cover and workshop
//! photo its `<img srcset sizes width height>`, and plans every file each photo of content/
//! and static/ becomes, so that no original (with its EXIF and GPS) is ever published.
//! Pure: no IO (`images::process` makes the files, the commands write them).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use super::files::{FileKind, Lookup, SiteFile, SiteFiles};
use crate::config::{BaseUrl, ImageSettings};
use crate::content::Kind;
use crate::diagnostics::{self, Diagnostic, Span};
use crate::images::{self, ImageInfo, ImageJob, ImagePlan, OutputFormat, Rendition, plan_image};
use crate::markdown::ImageRef;
use crate::output::OutputBody;
use crate::render::templates::escape_html;
use crate::render::{CoverImage, ImageResolver};
use crate::site::{Entry, Lang};
use crate::urls::is_computer_path;

/// `sizes` of an image in an article: the theme's text column is 38em of 18px text, about
/// 684px (an `em` in `sizes` is 16px: 43em = 688px); the screen less its margins below that.
pub(crate) const BODY_SIZES: &str = "(min-width: 46em) 43em, calc(100vw - 2rem)";
/// `sizes` of a story's or page's cover, as wide as the article (38em + 7rem of 18px text).
pub(crate) const COVER_SIZES: &str = "(min-width: 54em) 50em, calc(100vw - 2rem)";
/// `sizes` of a workshop's or lecture's photo: two fifths of the 60rem profile on wide screens.
pub(crate) const PROFILE_SIZES: &str = "(min-width: 48em) 27em, calc(100vw - 2rem)";
/// `sizes` of a card's picture: three cards a row on wide screens, two below, one on phones.
pub(crate) const CARD_SIZES: &str =
    "(min-width: 62em) 26em, (min-width: 42em) 30em, calc(100vw - 2rem)";

/// How the pages use one photo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Use {
    /// Shown with `srcset` (an image in Markdown, a cover or a photo).
    srcset: bool,
    /// A cover or photo: `og:image` wants its 1200-wide rendition.
    og: bool,
    /// Named by a plain link (`[原图](photo.jpg)`): also published whole.
    linked: bool,
}

/// The `ImageResolver` of a build. Render calls it from many threads and both languages;
/// it records what it saw, and `finish` turns that into jobs and diagnostics.
pub(crate) struct SiteImages<'a> {
    files: &'a SiteFiles<'a>,
    settings: &'a ImageSettings,
    base: &'a BaseUrl,
    /// Content file path → its text, to show the line of a diagnostic.
    sources: &'a BTreeMap<&'a str, &'a str>,
    uses: Mutex<BTreeMap<String, Use>>,
    errors: Mutex<Vec<Diagnostic>>,
    lints: Mutex<Vec<Diagnostic>>,
}

/// A file published as it is.
#[derive(Debug)]
pub(crate) struct Copy {
    /// Site-relative path, `content/stories/a/form.pdf`.
    pub(crate) source: String,
    /// Output path, `stories/a/form.pdf`.
    pub(crate) published: String,
    pub(crate) body: OutputBody,
}

/// What the image stage leaves for the rest of the build.
#[derive(Debug, Default)]
pub(crate) struct Staged {
    /// One job per published photo, by source path: every file it becomes.
    pub(crate) jobs: Vec<ImageJob>,
    /// Files under content/ that are not photos, copied as they are.
    pub(crate) copies: Vec<Copy>,
    /// Missing images, unusable photos, output paths taken twice.
    pub(crate) errors: Vec<Diagnostic>,
    /// For `check`: photos over 10 MB, images without alt text.
    pub(crate) lints: Vec<Diagnostic>,
}

impl<'a> SiteImages<'a> {
    pub(crate) fn new(
        files: &'a SiteFiles<'a>,
        settings: &'a ImageSettings,
        base: &'a BaseUrl,
        sources: &'a BTreeMap<&'a str, &'a str>,
    ) -> SiteImages<'a> {
        SiteImages {
            files,
            settings,
            base,
            sources,
            uses: Mutex::default(),
            errors: Mutex::default(),
            lints: Mutex::default(),
        }
    }

    /// The photo's probed facts, `None` when it could not be read (reported by `finish`).
    fn info(&self, rel: &str) -> Option<&'a ImageInfo> {
        self.files.probes.get(rel)?.as_ref().ok()
    }

    fn record(&self, rel: &str, change: impl FnOnce(&mut Use)) {
        change(lock(&self.uses).entry(rel.to_string()).or_default());
    }

    fn plan(&self, info: &ImageInfo, file: &SiteFile, want_og: bool) -> ImagePlan {
        plan_image(info, output_stem(&file.published), self.settings, want_og)
    }

    fn source_text(&self, entry: &Entry) -> &str {
        self.sources
            .get(entry.doc.source.as_str())
            .copied()
            .unwrap_or("")
    }

    /// The error for an image that names no file; `place` is its line and column in the file.
    fn missing(&self, entry: &Entry, written: &str, wanted: &str, place: (usize, usize)) {
        let hint = match self.files.same_but_case(wanted) {
            Some(actual) => format!(
                "文件名的大小写不一致：文件实际是 {actual}。请改成完全一样的写法（网站服务器区分大小写）"
            ),
            None => match self.files.nearest(wanted) {
                Some(near) => format!("是否想写 `{}`？", as_written(&entry.doc.source, near)),
                None => "请检查文件名和路径：图片放在文章旁边（同一个文件夹）时写 `![说明](照片.jpg)`；放在 static/images/ 里时写 `![说明](/images/照片.jpg)`".to_string(),
            },
        };
        let diagnostic = Diagnostic::error(
            "image.missing",
            Span::new(&entry.doc.source, place.0, place.1),
            format!("找不到图片 `{written}`（{wanted} 不存在）"),
        )
        .with_source(self.source_text(entry))
        .with_hint(hint);
        lock(&self.errors).push(diagnostic);
    }

    /// Everything recorded during render, as jobs, copies and diagnostics.
    pub(crate) fn finish(self) -> Staged {
        let uses = std::mem::take(&mut *lock(&self.uses));
        let mut staged = Staged {
            errors: std::mem::take(&mut *lock(&self.errors)),
            lints: std::mem::take(&mut *lock(&self.lints)),
            ..Staged::default()
        };
        for (rel, file) in &self.files.files {
            match file.kind {
                FileKind::Other if rel.starts_with("content/") => staged.copies.push(Copy {
                    source: rel.clone(),
                    published: file.published.clone(),
                    body: OutputBody::Copy(file.disk.clone()),
                }),
                // Static files that are not photos are published with the theme's.
                FileKind::Other => {}
                FileKind::Photo => match self.files.probes.get(rel) {
                    Some(Ok(info)) => {
                        let used = uses.get(rel).copied().unwrap_or_default();
                        staged.jobs.push(self.job(rel, file, info, used));
                        staged.lints.extend(images::lint(info, rel));
                    }
                    Some(Err(message)) => staged.errors.push(unusable(rel, message)),
                    None => staged.errors.push(unusable(rel, "没有读到这张图片")),
                },
            }
        }
        diagnostics::sort(&mut staged.errors);
        diagnostics::sort(&mut staged.lints);
        staged
    }

    /// Every file one photo becomes: its `srcset` (and `og:image`) renditions when a page
    /// shows it, and itself at its own path and in its own format, without its metadata (see
    /// `OutputFormat`), when it is published whole: always under static/ (templates and CSS
    /// may name it), and under content/ when no page shows it or a plain link names it.
    fn job(&self, rel: &str, file: &SiteFile, info: &ImageInfo, used: Use) -> ImageJob {
        let mut job = if used.srcset {
            self.plan(info, file, used.og).job(file.disk.clone(), rel)
        } else {
            ImageJob {
                source: file.disk.clone(),
                source_rel: rel.to_string(),
                info: info.clone(),
                renditions: Vec::new(),
                quality: self.settings.quality.clamp(1, 100),
            }
        };
        if rel.starts_with("static/") || !used.srcset || used.linked {
            let (width, height) = info.display_size();
            job.renditions.push(Rendition {
                output_path: file.published.clone(),
                width,
                height,
                format: OutputFormat::for_whole(info),
            });
        }
        job
    }
}

impl ImageResolver for SiteImages<'_> {
    fn img_html(
        &self,
        entry: &Entry,
        image: &ImageRef,
        alt: &str,
        title: &str,
        _lang: Lang,
    ) -> Option<String> {
        let place = (entry.doc.body_line + image.line.max(1) - 1, image.col);
        let (rel, file) = match self.files.lookup(&entry.doc.source, &image.src) {
            Lookup::Found(rel, file) => (rel, file),
            Lookup::Missing(wanted) => {
                self.missing(entry, &image.src, &wanted, place);
                return None;
            }
        };
        if image.alt.trim().is_empty() {
            lock(&self.lints).push(missing_alt(entry, image, place, self.source_text(entry)));
        }
        let html = match file.kind {
            FileKind::Photo => {
                let info = self.info(rel)?;
                self.record(rel, |u| u.srcset = true);
                self.plan(info, file, false)
                    .img_html(&self.base.path, alt, BODY_SIZES)
            }
            FileKind::Other => plain_img(&self.base.join(&file.published), alt),
        };
        Some(with_title(html, title))
    }

    fn cover(&self, entry: &Entry, src: &str) -> Option<CoverImage> {
        // Reported by the link check, which stops the build before render.
        if is_computer_path(src) {
            return None;
        }
        let (rel, file) = match self.files.lookup(&entry.doc.source, src) {
            Lookup::Found(rel, file) => (rel, file),
            Lookup::Missing(wanted) => {
                let place = front_matter_place(self.source_text(entry), src);
                self.missing(entry, src, &wanted, place);
                return None;
            }
        };
        if file.kind == FileKind::Other {
            let url = self.base.join(&file.published);
            return Some(CoverImage {
                html_for_list_card: plain_img(&url, ""),
                html_for_page: plain_img(&url, ""),
                og_url: self.base.permalink(&file.published),
                width: 0,
                height: 0,
            });
        }
        let info = self.info(rel)?;
        self.record(rel, |u| {
            u.srcset = true;
            u.og = true;
        });
        let plan = self.plan(info, file, true);
        let og = plan.og.as_ref().unwrap_or_else(|| plan.fallback());
        let page_sizes = match entry.doc.kind {
            Kind::Workshop(_) | Kind::Lecture(_) => PROFILE_SIZES,
            Kind::Story(_) | Kind::Page => COVER_SIZES,
        };
        Some(CoverImage {
            html_for_list_card: plan.img_html(&self.base.path, "", CARD_SIZES),
            html_for_page: plan.img_html(&self.base.path, "", page_sizes),
            og_url: format!(
                "{}{}",
                self.base.origin,
                ImagePlan::url(&self.base.path, og)
            ),
            width: og.width,
            height: og.height,
        })
    }

    fn file_url(&self, entry: &Entry, path: &str) -> Option<String> {
        let Lookup::Found(rel, file) = self.files.lookup(&entry.doc.source, path) else {
            return None;
        };
        if file.kind == FileKind::Photo {
            self.record(rel, |u| u.linked = true);
        }
        let query = path.find('?').map_or("", |at| &path[at..]);
        Some(format!("{}{query}", self.base.join(&file.published)))
    }
}

/// Errors for output paths that two photos, or a photo and another file, would both write.
pub(crate) fn clashes(jobs: &[ImageJob], paths: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
    let mut found = Vec::new();
    for job in jobs {
        for r in &job.renditions {
            let other = if paths.contains(&r.output_path) {
                Some("网站的另一个文件")
            } else {
                match taken.insert(&r.output_path, &job.source_rel) {
                    Some(previous) if previous != job.source_rel => Some(previous),
                    _ => None,
                }
            };
            if let Some(other) = other {
                found.push(
                    Diagnostic::error(
                        "image.output-clash",
                        Span::file(&job.source_rel),
                        format!("这张图片要生成的 {} 与 {other} 重名", r.output_path),
                    )
                    .with_hint("给其中一个文件改个名字"),
                );
            }
        }
    }
    found
}

/// `stories/a/photo.jpg` → `stories/a/photo`: renditions are `photo-480.jpg` beside it.
fn output_stem(published: &str) -> &str {
    let name_start = published.rfind('/').map_or(0, |at| at + 1);
    match published[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &published[..name_start + dot],
        _ => published,
    }
}

/// How the content file `source` names the file `rel`: `/images/a.jpg` for a static file,
/// else relative to the content file.
fn as_written(source: &str, rel: &str) -> String {
    match rel.strip_prefix("static/") {
        Some(rooted) => format!("/{rooted}"),
        None => crate::urls::relative_link(source, rel),
    }
}

/// The line and column of `value` in the front matter of `text` (the line of `cover:`).
fn front_matter_place(text: &str, value: &str) -> (usize, usize) {
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim_end() == "---" {
            break;
        }
        if let Some(byte) = line.find(value) {
            return (n + 1, line[..byte].chars().count() + 1);
        }
    }
    (1, 1)
}

fn missing_alt(entry: &Entry, image: &ImageRef, place: (usize, usize), text: &str) -> Diagnostic {
    Diagnostic::warning(
        "image.missing-alt",
        Span::new(&entry.doc.source, place.0, place.1),
        format!(
            "图片 `{}` 没有说明文字：看不见图片的读者（读屏软件）和搜索引擎不知道图上是什么",
            image.src
        ),
    )
    .with_source(text)
    .with_hint("在方括号里写一句说明，例如 `![居民在议事厅里讨论加装电梯](photo.jpg)`")
}

fn unusable(rel: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        "image.unreadable",
        Span::file(rel),
        format!("这张图片无法使用：{message}"),
    )
    .with_hint("用看图软件打开它，另存为 JPEG 或 PNG 后替换；不用的图片请从网站文件夹里删掉")
}

fn plain_img(url: &str, alt: &str) -> String {
    format!(
        "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
        escape_html(url),
        escape_html(alt)
    )
}

fn with_title(html: String, title: &str) -> String {
    if title.is_empty() {
        return html;
    }
    let title = format!(" title=\"{}\" loading=", escape_html(title));
    html.replacen(" loading=", &title, 1)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renditions_go_beside_the_published_photo() {
        assert_eq!(output_stem("stories/a/photo.jpg"), "stories/a/photo");
        assert_eq!(output_stem("images/a.b.png"), "images/a.b");
        assert_eq!(output_stem("stories/a.b/.jpg"), "stories/a.b/.jpg");
    }

    #[test]
    fn cover_is_placed_on_its_front_matter_line() {
        let text = "---\ntitle: 一\ncover: \"封面.jpg\"\n---\n封面.jpg\n";
        assert_eq!(front_matter_place(text, "封面.jpg"), (3, 9));
        assert_eq!(front_matter_place(text, "nothing.jpg"), (1, 1));
    }

    #[test]
    fn a_title_goes_into_the_img() {
        let html = plain_img("/a.svg", "图");
        assert_eq!(with_title(html.clone(), ""), html);
        assert_eq!(
            with_title(html, "标\"题"),
            "<img src=\"/a.svg\" alt=\"图\" title=\"标&quot;题\" loading=\"lazy\" decoding=\"async\">"
        );
    }
}
