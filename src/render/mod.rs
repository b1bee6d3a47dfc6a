//! Localized site → output files: pages, lists, feeds, sitemap, calendars. Pure: no IO.
//! `site` renders every page of every language in parallel and hands each file to an
//! `OutputSink` as it is made; what ends up at each path never depends on thread timing, so
//! two builds are byte-identical.

mod body;
pub mod cache;
pub mod calendar;
mod context;
mod deps;
pub mod feeds;
pub mod jsonld;
mod linked_data;
mod lists;
mod outputs;
mod pages;
mod posters;
mod qr;
pub mod share;
pub mod sitemap;
pub mod templates;
mod view;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_feeds;
#[cfg(test)]
mod tests_outputs;

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::BaseUrl;
use crate::content::Section;
use crate::convert::Converter;
use crate::diagnostics::{self, Diagnostic, Span};
use crate::markdown::ImageRef;
use crate::output::{OutputBody, OutputSink};
use crate::site::{Entry, Lang, Site};
use crate::source::{Asset, ThemeStatic};

pub use body::asset_path;
pub use cache::RenderCache;
pub(crate) use deps::text_stamp;
pub use outputs::{FEED_ENTRIES, SITEMAP_PATH};
pub use templates::{BUILTIN_STATIC, BUILTIN_TEMPLATES, Templates};
use view::BodyFacts;
pub use view::LangRender;

/// The site path of the calendar of all lectures, in each language (`/zh-hant/lectures/calendar.ics`).
pub const CALENDAR_PATH: &str = "/lectures/calendar.ics";
/// The site path of the Atom feed, in each language.
pub const FEED_PATH: &str = "/atom.xml";
/// The output folder of the theme's static files (`theme/css/site.css`).
pub const THEME_DIR: &str = "theme/";

/// The site path of one lecture's `.ics` file, in each language: `/lectures/a/a.ics`.
pub fn lecture_ics_path(entry: &Entry) -> String {
    format!("{}{}.ics", entry.path, entry.doc.slug)
}

/// A cover or photo as the image stage publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverImage {
    /// `<img>` (or `<picture>`) sized for a card in a list.
    pub html_for_list_card: String,
    /// `<img>` (or `<picture>`) sized for the top of the page.
    pub html_for_page: String,
    /// For `og:image`: an absolute URL, or a path under the base (`/changxin/stories/a/x-960.jpg`).
    pub og_url: String,
    pub width: u32,
    pub height: u32,
}

/// How images and files referenced by content become HTML and URLs. Implemented by the
/// image stage; `NoImages` leaves every image as a plain `<img>` of the file published
/// beside the page (`asset_path`).
pub trait ImageResolver: Sync {
    /// The HTML for an image in an entry's Markdown (`image.src` as written, with its place
    /// in the body; `alt` and `title` already in the page's script); `None` for a plain `<img>`.
    fn img_html(
        &self,
        entry: &Entry,
        image: &ImageRef,
        alt: &str,
        title: &str,
        lang: Lang,
    ) -> Option<String>;

    /// An entry's `cover` (or a workshop's `photo`), `src` as written in the front matter.
    /// The image is decorative beside the title: its `alt` should be empty.
    fn cover(&self, entry: &Entry, src: &str) -> Option<CoverImage>;

    /// The URL of a file (not a page) that a plain link in an entry's Markdown names
    /// (`path` as written, without its `#fragment`); `None` for the default, the path
    /// resolved against the page (`asset_path`).
    fn file_url(&self, entry: &Entry, path: &str) -> Option<String> {
        let _ = (entry, path);
        None
    }
}

/// An `ImageResolver` that resolves nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoImages;

impl ImageResolver for NoImages {
    fn img_html(&self, _: &Entry, _: &ImageRef, _: &str, _: &str, _: Lang) -> Option<String> {
        None
    }

    fn cover(&self, _: &Entry, _: &str) -> Option<CoverImage> {
        None
    }
}

/// Everything `site` needs besides the `Site`.
pub struct RenderInputs<'a> {
    pub converter: &'a Converter,
    /// Parsed once per build.
    pub templates: &'a Templates,
    /// The build's "now" (`--now`): the footer's year.
    pub now: Timestamp,
    /// The site's base URL, or `--base-url` when given.
    pub base_url: &'a BaseUrl,
    pub images: &'a dyn ImageResolver,
    /// The site's `static/` files: (output path = path under `static/`, body).
    pub static_files: &'a [(String, OutputBody)],
    /// The theme's static files: (path under the theme's `static/`, body); published under `theme/`.
    pub theme_static: &'a [(String, OutputBody)],
    /// Bodies and pages of the previous build to reuse when their inputs are unchanged.
    pub cache: Option<&'a RenderCache>,
    /// The picture of chat previews for pages without a cover (`share_image` in site.yaml);
    /// `None` for the one drawn from the site's name.
    pub share_image: Option<&'a share::SiteImage>,
    /// Writes the search index; the search page is made either way.
    pub search_index: bool,
    /// Output paths of pages to render before the others of their phase (the pages open
    /// in serve's browser tabs, `stories/a/index.html`).
    pub first: &'a [String],
}

/// The theme's static files as (path under `static/`, body) for `RenderInputs::theme_static`.
pub fn theme_static_bodies(files: &[ThemeStatic]) -> Vec<(String, OutputBody)> {
    files
        .iter()
        .map(|file| match file {
            ThemeStatic::Disk(asset) => (asset.path.clone(), OutputBody::Copy(asset.disk.clone())),
            ThemeStatic::BuiltIn { path, bytes } => {
                (path.clone(), OutputBody::Bytes(bytes.clone()))
            }
        })
        .collect()
}

/// The site's `static/` files as (output path, body) for `RenderInputs::static_files`.
pub fn static_bodies(files: &[Asset]) -> Vec<(String, OutputBody)> {
    files
        .iter()
        .map(|asset| (asset.path.clone(), OutputBody::Copy(asset.disk.clone())))
        .collect()
}

/// The built-in theme's static files as (path under `static/`, body).
pub fn builtin_static_bodies() -> Vec<(String, OutputBody)> {
    BUILTIN_STATIC
        .iter()
        .map(|&(path, bytes)| (path.to_string(), OutputBody::Bytes(bytes.into())))
        .collect()
}

/// One page to render in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Job {
    Home,
    Entry(usize),
    /// A section list and its 1-based page number.
    List(Section, usize),
    TagIndex,
    Tag(usize),
    NotFound,
    /// The search page.
    Search,
    /// Old site path → new site path.
    Alias(String, String),
}

/// Every page of every language of `site`; `sitemap.xml`, `robots.txt`, and in each language
/// the feed and the calendars; the theme's and the site's static files (a static file of the
/// same name replaces a generated one). Each file goes to `sink` as soon as it is rendered, so
/// no page's HTML outlives its job, and each body is rendered with its own page; returns the
/// paths put, and the diagnostics: a template that fails on a page, an alias or static file
/// that would replace a page.
pub fn site(
    site: &Site,
    inputs: &RenderInputs<'_>,
    sink: &dyn OutputSink,
) -> (BTreeSet<String>, Vec<Diagnostic>) {
    let index = body::SourceIndex::new(site);
    let fold = crate::search::Fold::new(inputs.converter);
    let search = inputs
        .search_index
        .then(|| crate::search::IndexBuilder::new(site, fold, sink, inputs.cache));
    let mut renders: Vec<LangRender<'_>> = site
        .langs()
        .into_iter()
        .map(|lang| LangRender::new(site, inputs, &index, lang, search.as_ref()))
        .collect();
    let jobs: Vec<Vec<Job>> = renders.iter().map(jobs).collect();
    let mut put = Vec::new();
    let mut diagnostics = Vec::new();
    record_intro(site, &mut renders);
    for phase in [Phase::OwnBody, Phase::Cards, Phase::Lists] {
        let order: Vec<Order> = jobs
            .iter()
            .enumerate()
            .flat_map(|(lang, list)| (0..list.len()).map(move |at| (lang, at)))
            .filter(|&(lang, at)| phase_of(site, &jobs[lang][at]) == Some(phase))
            .collect();
        // The pages open in a browser go first in their phase: serve shows each as soon
        // as it is put.
        let (first, rest): (Vec<Order>, Vec<Order>) = order.into_iter().partition(|&(lang, at)| {
            let path = renders[lang]
                .lang
                .output_path(&deps::site_path(&renders[lang], &jobs[lang][at]));
            inputs.first.contains(&path)
        });
        for order in [first, rest] {
            let done = put_pages(&renders, &jobs, &order, sink);
            for (at, job) in done {
                match job.html {
                    Ok(()) => put.push((at, job.path)),
                    Err(d) => diagnostics.push(*d),
                }
                if let (Some(facts), Job::Entry(i)) = (job.body, &jobs[at.0][at.1]) {
                    renders[at.0].record(*i, facts);
                }
            }
        }
    }
    let mut paths = put_again(&renders, &jobs, put, sink);
    let aliases: Vec<LangJob<'_, '_>> = jobs
        .iter()
        .enumerate()
        .flat_map(|(lang, list)| list.iter().map(move |job| (lang, job)))
        .filter(|(_, job)| matches!(job, Job::Alias(..)))
        .map(|(lang, job)| (&renders[lang], job.clone()))
        .collect();
    put_aliases(site, &aliases, sink, &mut paths, &mut diagnostics);
    posters::put(&renders, sink, &mut paths, &mut diagnostics);
    if inputs.share_image.is_none() {
        let png = share::generated_image(&site.config.title);
        sink.put(share::GENERATED_IMAGE, OutputBody::Bytes(png.into()));
        paths.insert(share::GENERATED_IMAGE.to_string());
    }
    for (path, bytes) in outputs::files(&renders) {
        sink.put(&path, OutputBody::Bytes(bytes));
        paths.insert(path);
    }
    renders.iter().for_each(LangRender::add_unseen_to_search);
    drop(renders);
    paths.extend(
        search
            .map(crate::search::IndexBuilder::finish)
            .unwrap_or_default(),
    );
    copy_static(inputs, sink, &mut paths, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    (paths, diagnostics)
}

/// When a page is rendered: after every page whose cards it shows, since a card shows the
/// start of the entry's body, and each body is rendered only with its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Story, lecture and free pages: they show no other entry's card.
    OwnBody,
    /// Workshop pages: they show their stories' cards.
    Cards,
    /// The home page, section lists, tag pages, the 404 page.
    Lists,
}

/// The phase of a job; `None` for an alias, rendered after every page.
fn phase_of(site: &Site, job: &Job) -> Option<Phase> {
    match job {
        Job::Entry(i) if site.entries[*i].doc.section == Section::Workshops => Some(Phase::Cards),
        Job::Entry(_) => Some(Phase::OwnBody),
        Job::Home | Job::List(..) | Job::TagIndex | Job::Tag(_) | Job::NotFound | Job::Search => {
            Some(Phase::Lists)
        }
        Job::Alias(..) => None,
    }
}

/// The home page's introduction has no page of its own: its body is rendered up front.
fn record_intro(site: &Site, renders: &mut [LangRender<'_>]) {
    let Some(i) = site.home else {
        return;
    };
    let facts: Vec<_> = renders.par_iter().map(|r| r.facts(i, r.body(i))).collect();
    for (r, facts) in renders.iter_mut().zip(facts) {
        r.record(i, facts);
    }
}

/// A job's place: (language, position in that language's jobs). Jobs in this order are the
/// order in which a later page of the same path replaces an earlier one.
type Order = (usize, usize);

/// A job done: its page put into the sink (or its template's error), and what other pages
/// read of its body.
struct Done {
    path: String,
    html: Result<(), Box<Diagnostic>>,
    body: Option<BodyFacts>,
}

/// A job and the language it renders in.
type LangJob<'r, 'a> = (&'r LangRender<'a>, Job);

/// Renders the jobs at `order` in parallel, each page put as soon as it is made.
fn put_pages(
    renders: &[LangRender<'_>],
    jobs: &[Vec<Job>],
    order: &[Order],
    sink: &dyn OutputSink,
) -> Vec<(Order, Done)> {
    order
        .par_iter()
        .map(|&(lang, at)| {
            let rendered = deps::render(&renders[lang], &jobs[lang][at]);
            let html = rendered.html.map(|html| {
                sink.put(&rendered.path, OutputBody::Bytes(html));
            });
            let done = Done {
                path: rendered.path,
                html,
                body: rendered.body,
            };
            ((lang, at), done)
        })
        .collect()
}

/// Should two jobs have put the same path, the last one's page is put again, so the file
/// never depends on which thread finished first. Returns every path put.
fn put_again(
    renders: &[LangRender<'_>],
    jobs: &[Vec<Job>],
    put: Vec<(Order, String)>,
    sink: &dyn OutputSink,
) -> BTreeSet<String> {
    // Path → (its last job, how many jobs made it).
    let mut last: BTreeMap<String, (Order, usize)> = BTreeMap::new();
    for (at, path) in put {
        let slot = last.entry(path).or_insert((at, 0));
        *slot = (slot.0.max(at), slot.1 + 1);
    }
    for &((lang, at), _) in last.values().filter(|(_, n)| *n > 1) {
        let rendered = deps::render(&renders[lang], &jobs[lang][at]);
        if let Ok(html) = rendered.html {
            sink.put(&rendered.path, OutputBody::Bytes(html));
        }
    }
    last.into_keys().collect()
}

/// Alias redirects, after every page: one whose path is taken is left out with a warning.
fn put_aliases(
    site: &Site,
    jobs: &[LangJob<'_, '_>],
    sink: &dyn OutputSink,
    paths: &mut BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let done: Vec<pages::Rendered> = jobs
        .par_iter()
        .map(|(r, job)| pages::render(r, job))
        .collect();
    for ((_, job), rendered) in jobs.iter().zip(done) {
        let path = rendered.path;
        match (rendered.html, job) {
            (Err(d), _) => diagnostics.push(*d),
            (Ok(_), Job::Alias(_, to)) if paths.contains(&path) => {
                diagnostics.push(alias_collision(site, to, &path));
            }
            (Ok(html), _) => {
                sink.put(&path, OutputBody::Bytes(html));
                paths.insert(path);
            }
        }
    }
}

/// The pages of one language, aliases last so that they never replace a page.
fn jobs(r: &LangRender<'_>) -> Vec<Job> {
    let site = r.site;
    let mut jobs = vec![Job::Home, Job::TagIndex, Job::NotFound, Job::Search];
    jobs.extend(
        (0..site.entries.len())
            .filter(|&i| site.entries[i].doc.section != Section::Home)
            .map(Job::Entry),
    );
    for section in [Section::Stories, Section::Workshops, Section::Lectures] {
        jobs.extend((1..=lists::page_count(r, section)).map(|n| Job::List(section, n)));
    }
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend(
        site.aliases
            .iter()
            .map(|(from, to)| Job::Alias(from.clone(), to.clone())),
    );
    jobs
}

/// An alias that would replace a generated page (a list, a tag page) is left out.
fn alias_collision(site: &Site, to: &str, path: &str) -> Diagnostic {
    let source = site
        .entries
        .iter()
        .find(|e| e.path == to)
        .map_or("site.yaml", |e| e.doc.source.as_str());
    Diagnostic::warning(
        "render.alias-collision",
        Span::file(source),
        format!("旧网址 `{path}` 与网站生成的页面重名，没有生成跳转页"),
    )
    .with_hint("从 `aliases:` 中删掉这个旧网址")
}

fn copy_static(
    inputs: &RenderInputs<'_>,
    sink: &dyn OutputSink,
    paths: &mut BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (path, body) in inputs.theme_static {
        let path = format!("{THEME_DIR}{}", path.trim_start_matches('/'));
        sink.put(&path, body.clone());
        paths.insert(path);
    }
    for (path, body) in inputs.static_files {
        let path = path.trim_start_matches('/').to_string();
        if path.ends_with(".html") && paths.contains(&path) {
            diagnostics.push(
                Diagnostic::warning(
                    "render.static-replaces-page",
                    Span::file(format!("static/{path}")),
                    format!("static/{path} 会替换网站生成的页面 {path}"),
                )
                .with_hint("如果不是有意替换，请给这个文件改名"),
            );
        }
        sink.put(&path, body.clone());
        paths.insert(path);
    }
}
