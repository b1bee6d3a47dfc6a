//! The build as a list of stages: site.yaml → documents → linked site → pages in each
//! language, and the photos they show. Pure: no IO (the caller reads the site, makes the
//! photos' files with `images::process`, and gives the `OutputSink` the files go to).

mod files;
mod images;
mod share_image;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::check;
use crate::config::{BaseUrl, Config};
use crate::content::schedule::{Schedule, when_text};
use crate::content::{self, Document};
use crate::convert::{Converter, Variant};
use crate::diagnostics::{self, Diagnostic, Span};
use crate::images::ImageJob;
use crate::output::{Collect, OutputBody, OutputSet, OutputSink};
use crate::render::cache::{Key, KeyBuilder};
use crate::render::{self, RenderCache, RenderInputs, Templates};
use crate::site::{self, LinkOptions, Site};
use crate::source::{SiteInput, ThemeStatic};

/// What the caller decides about a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The build's "now": upcoming vs past lectures, feed and calendar stamps.
    pub now: Timestamp,
    pub drafts: bool,
    /// Keeps documents that wait for their `publish:` or are past their `expires:`, each
    /// marked on its page and in lists (serve's preview, `check`); `build` leaves them out.
    pub scheduled: bool,
    /// Overrides site.yaml's `base_url` (serve uses `/` so links work locally).
    pub base_url: Option<String>,
    /// Writes the search index (`false` only to measure what it costs: `benches/build.rs`).
    pub search_index: bool,
    /// Output paths of pages to render before the others of their phase (serve: the pages
    /// open in a browser, shown as soon as they are put into the sink).
    pub first: Vec<String>,
}

/// A finished build: what was put into the `OutputSink` and what to tell the user.
#[derive(Debug)]
pub struct Built {
    /// Every path put into the sink (`stories/a/index.html`), photos' files not included.
    pub paths: BTreeSet<String>,
    pub site: Site,
    /// Warnings and notes (never errors: a build with errors returns `Err`).
    pub warnings: Vec<Diagnostic>,
    pub summary: Summary,
    /// Every photo's files, still to be made by `images::process` and put into the sink
    /// (`ProcessReport::put_into`): no photo is in `paths` itself.
    pub images: Vec<ImageJob>,
    /// Warnings only `check` shows: photos over 10 MB, images without alt text.
    pub image_lints: Vec<Diagnostic>,
    /// The decisions of review.yaml (already applied: `site.config.glossary` holds them).
    pub decisions: Vec<crate::review::Decision>,
    /// The converter without the decisions: the review view lists every risky choice
    /// with it, decided or not.
    pub undecided: Arc<Converter>,
}

/// Counts for the closing line of `build`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages per language, in the site's language order: (`zh-Hans`, count).
    pub pages: Vec<(&'static str, usize)>,
    /// Every output file, photos' files included.
    pub files: usize,
    /// Photos published (each source photo once, however many files it becomes).
    pub images: usize,
    /// Documents that wait for their `publish:`, and the first of those dates.
    pub waiting: usize,
    pub first_publish: Option<String>,
    /// Documents past their `expires:`.
    pub expired: usize,
    /// The first `publish:` or `expires:` to come: when to build again.
    pub next_change: Option<String>,
}

/// Keeps the converter between builds (serve rebuilds on every save), rebuilt only when
/// the site's variant or glossary changes; and what the last build parsed and rendered,
/// reused where its inputs are unchanged (the output is the same as a fresh build's).
/// `Engines::default()` keeps only the converter (a one-off build would hold every page
/// twice); `Engines::for_rebuilds()` keeps the rest too.
#[derive(Default)]
pub struct Engines {
    /// The last two converters made: a build uses one without the review decisions and
    /// one with them.
    converter: Mutex<Vec<CachedConverter>>,
    /// Whether `documents` and `render` are kept between builds.
    reuse: bool,
    documents: RenderDocuments,
    render: RenderCache,
}

/// Parsed content files of the last build, by the digest of what parsing reads: the file's
/// path and text, site.yaml's text and `--base-url`.
#[derive(Default)]
struct RenderDocuments {
    parsed: Mutex<HashMap<Key, Arc<Parsed>>>,
    /// What the link check reads of each body, by the digest of the body, its script and
    /// the converter's settings.
    links: Mutex<HashMap<Key, Arc<check::links::BodyLinks>>>,
}

/// What `content::parse_document` returns.
type Parsed = (Option<Document>, Vec<Diagnostic>);

/// A converter and the settings it was built for.
type CachedConverter = (Variant, Vec<(String, String)>, Arc<Converter>);

impl Engines {
    /// Engines for a series of builds of one site (serve): each build reuses what the
    /// previous one parsed and rendered where its inputs are unchanged.
    pub fn for_rebuilds() -> Engines {
        Engines {
            reuse: true,
            ..Engines::default()
        }
    }

    pub fn converter(&self, config: &Config) -> Arc<Converter> {
        let mut slot = self
            .converter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, _, conv)) = slot.iter().find(|(variant, glossary, _)| {
            *variant == config.traditional && *glossary == config.glossary
        }) {
            return Arc::clone(conv);
        }
        let conv = Arc::new(match slot.last() {
            Some((_, _, made)) => made.with_settings(config.traditional, &config.glossary),
            None => Converter::new(config.traditional, &config.glossary),
        });
        if slot.len() >= 2 {
            slot.remove(0);
        }
        slot.push((
            config.traditional,
            config.glossary.clone(),
            Arc::clone(&conv),
        ));
        conv
    }
}

/// Builds the whole site in memory (serve, check, tests): the files and the build.
pub fn build_in_memory(
    input: &SiteInput,
    options: &BuildOptions,
    engines: &Engines,
) -> Result<(OutputSet, Built), Vec<Diagnostic>> {
    let sink = Collect::default();
    let built = build(input, options, engines, &sink)?;
    Ok((sink.into_output(), built))
}

/// Builds the whole site, each file put into `sink` as soon as it is made. `Err` carries
/// every error (and the warnings), sorted; the sink may then hold part of the site, which
/// the caller throws away.
pub fn build(
    input: &SiteInput,
    options: &BuildOptions,
    engines: &Engines,
    sink: &dyn OutputSink,
) -> Result<Built, Vec<Diagnostic>> {
    let mut found = input.diagnostics.clone();
    let (config, diags) = crate::config::parse(input.config.as_ref());
    found.extend(diags);
    let Some(mut config) = config else {
        return Err(finish(found));
    };
    if let Some(url) = &options.base_url {
        config.base_url = parse_base_url_override(url, &mut found);
    }
    let undecided = engines.converter(&config);
    let config_key = config_key(input, options);
    let documents = parse_documents(input, &config, &undecided, engines, &config_key, &mut found);
    let decisions = apply_decisions(input, &mut config, &documents, &undecided, &mut found);
    let converter = engines.converter(&config);
    let templates = load_templates(input, &config, &mut found);
    let sources: BTreeMap<&str, &str> = input
        .content
        .iter()
        .map(|f| (f.path.as_str(), &*f.text))
        .collect();
    let link_options = LinkOptions {
        now: options.now,
        drafts: options.drafts,
        scheduled: options.scheduled,
        converter: &converter,
        slugify: &content::slug::slugify,
        sources: &sources,
    };
    let (site, diags) = site::link(config, documents, &link_options);
    found.extend(diags);
    let files = files::SiteFiles::new(input, &site);
    let body_links = body_links(&site, &converter, engines);
    let body_links: Vec<&check::links::BodyLinks> = body_links.iter().map(|b| &**b).collect();
    found.extend(check::links::check_links(
        &site,
        &converter,
        &body_links,
        &files.files.keys().cloned().collect(),
        &sources,
    ));
    let Some(templates) = templates else {
        return Err(finish(found));
    };
    if found.iter().any(Diagnostic::is_error) {
        return Err(finish(found));
    }
    let resolver =
        images::SiteImages::new(&files, &site.config.images, &site.config.base_url, &sources);
    let share_image = share_image::resolve(input, &site, &files, &resolver, &mut found);
    let inputs = RenderInputs {
        share_image: share_image.as_ref(),
        converter: &converter,
        templates: &templates,
        now: options.now,
        base_url: &site.config.base_url,
        images: &resolver,
        static_files: &render::static_bodies(&static_non_photos(input)),
        theme_static: &theme_static(input, &site.config),
        cache: engines.reuse.then_some(&engines.render),
        search_index: options.search_index,
        first: &options.first,
    };
    let (mut paths, diags) = render::site(&site, &inputs, sink);
    engines.render.finish();
    found.extend(diags);
    let staged = resolver.finish();
    found.extend(staged.errors);
    put_copies(sink, &mut paths, staged.copies, &mut found);
    found.extend(images::clashes(&staged.jobs, &paths));
    if found.iter().any(Diagnostic::is_error) {
        return Err(finish(found));
    }
    let summary = summarize(&site, &paths, &staged.jobs);
    Ok(Built {
        paths,
        site,
        warnings: finish(found),
        summary,
        images: staged.jobs,
        image_lints: staged.lints,
        decisions,
        undecided,
    })
}

/// review.yaml's decisions, added to `config.glossary` as pairs of the phrases they fix
/// (errors of the file and decisions whose phrase is gone go to `found`).
fn apply_decisions(
    input: &SiteInput,
    config: &mut Config,
    documents: &[Document],
    undecided: &Converter,
    found: &mut Vec<Diagnostic>,
) -> Vec<crate::review::Decision> {
    let Some(file) = &input.review else {
        return Vec::new();
    };
    let decisions = match crate::review::decisions::parse(&file.text) {
        Ok(decisions) => decisions,
        Err(errors) => {
            found.extend(errors);
            return Vec::new();
        }
    };
    let texts: HashMap<&str, &str> = input
        .content
        .iter()
        .map(|f| (f.path.as_str(), &*f.text))
        .collect();
    let written: Vec<crate::review::Written<'_>> = documents
        .iter()
        .filter_map(|doc| {
            Some(crate::review::Written {
                path: &doc.source,
                text: texts.get(doc.source.as_str())?,
                script: doc.script,
            })
        })
        .collect();
    let (pairs, stale) = crate::review::glossary_pairs(&decisions, &written, undecided);
    found.extend(stale);
    config.glossary.extend(pairs);
    decisions
}

/// The site's static files that are not photos: photos are re-encoded, never copied.
fn static_non_photos(input: &SiteInput) -> Vec<crate::source::Asset> {
    input
        .static_files
        .iter()
        .filter(|a| !crate::images::is_image_path(&a.path))
        .cloned()
        .collect()
}

/// Files under content/ beside the pages; one that would replace a page is left out.
fn put_copies(
    sink: &dyn OutputSink,
    paths: &mut BTreeSet<String>,
    copies: Vec<images::Copy>,
    found: &mut Vec<Diagnostic>,
) {
    for copy in copies {
        if paths.contains(&copy.published) {
            found.push(
                Diagnostic::warning(
                    "render.file-replaces-page",
                    Span::file(copy.source),
                    format!("这个文件会替换网站生成的 {}，没有发布它", copy.published),
                )
                .with_hint("给这个文件改个名字"),
            );
        } else {
            sink.put(&copy.published, copy.body);
            paths.insert(copy.published);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics::sort(&mut diagnostics);
    diagnostics
}

fn parse_base_url_override(url: &str, found: &mut Vec<Diagnostic>) -> BaseUrl {
    BaseUrl::parse(url).unwrap_or_else(|| {
        found.push(
            Diagnostic::error(
                "options.base-url",
                Span::file("--base-url"),
                format!("`{url}` 不是一个网址"),
            )
            .with_hint("写成 https://example.org/ 或 https://example.org/changxin/ 这样的形式"),
        );
        BaseUrl {
            origin: String::new(),
            path: "/".into(),
        }
    })
}

/// What a content file's parse depends on besides the file: site.yaml and `--base-url`.
fn config_key(input: &SiteInput, options: &BuildOptions) -> KeyBuilder {
    let site_yaml = input.config.as_ref().map_or("", |f| &*f.text);
    KeyBuilder::default()
        .text(site_yaml)
        .text(options.base_url.as_deref().unwrap_or("\0none"))
}

/// Every content file, parsed in parallel (a file unchanged since the last build is taken
/// from `engines`); the order of `input.content` is kept.
fn parse_documents(
    input: &SiteInput,
    config: &Config,
    converter: &Converter,
    engines: &Engines,
    config_key: &KeyBuilder,
    found: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    if !engines.reuse {
        let parsed = input
            .content
            .par_iter()
            .map(|file| content::parse_document(file, config, converter))
            .collect();
        return collect_documents(parsed, found);
    }
    let previous = std::mem::take(&mut *lock(&engines.documents.parsed));
    let keyed: Vec<(Key, Arc<Parsed>)> = input
        .content
        .par_iter()
        .map(|file| {
            let key = config_key
                .clone()
                .text(&file.path)
                .text(&file.text)
                .finish();
            let parsed = previous.get(&key).map_or_else(
                || Arc::new(content::parse_document(file, config, converter)),
                Arc::clone,
            );
            (key, parsed)
        })
        .collect();
    drop(previous);
    let parsed: Vec<Parsed> = keyed
        .par_iter()
        .map(|(_, parsed)| Parsed::clone(parsed))
        .collect();
    *lock(&engines.documents.parsed) = keyed.into_iter().collect();
    collect_documents(parsed, found)
}

/// What the link check reads of each entry's body (parallel to `site.entries`); a body
/// unchanged since the last build, in the same script and with the same converter, is
/// taken from `engines`.
fn body_links(
    site: &Site,
    converter: &Converter,
    engines: &Engines,
) -> Vec<Arc<check::links::BodyLinks>> {
    let make = |doc: &Document| check::links::body_links(&doc.body, doc.script, converter);
    if !engines.reuse {
        return site
            .entries
            .par_iter()
            .map(|e| Arc::new(make(&e.doc)))
            .collect();
    }
    let settings = KeyBuilder::default()
        .text(&format!("{:?}", site.config.traditional))
        .json(&site.config.glossary);
    let previous = std::mem::take(&mut *lock(&engines.documents.links));
    let keyed: Vec<(Key, Arc<check::links::BodyLinks>)> = site
        .entries
        .par_iter()
        .map(|e| {
            let key = settings
                .clone()
                .text(e.doc.script.bcp47())
                .text(&e.doc.body)
                .finish();
            let links = previous
                .get(&key)
                .map_or_else(|| Arc::new(make(&e.doc)), Arc::clone);
            (key, links)
        })
        .collect();
    drop(previous);
    let links = keyed.iter().map(|(_, l)| Arc::clone(l)).collect();
    *lock(&engines.documents.links) = keyed.into_iter().collect();
    links
}

fn collect_documents(parsed: Vec<Parsed>, found: &mut Vec<Diagnostic>) -> Vec<Document> {
    let mut documents = Vec::with_capacity(parsed.len());
    for (doc, diags) in parsed {
        found.extend(diags);
        documents.extend(doc);
    }
    documents
}

/// The site's own theme folder overrides the built-in default theme, file by file.
fn load_templates(
    input: &SiteInput,
    config: &Config,
    found: &mut Vec<Diagnostic>,
) -> Option<Templates> {
    let prefix = format!("themes/{}/templates/", config.theme);
    let own: Vec<_> = input
        .templates
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
        .cloned()
        .collect();
    match Templates::load(&own) {
        Ok(templates) => Some(templates),
        Err(diags) => {
            found.extend(diags);
            None
        }
    }
}

/// The theme's static files (paths under the theme's `static/`): the built-in default
/// theme, overridden file by file by the site's own `themes/NAME/static/`.
fn theme_static(input: &SiteInput, config: &Config) -> Vec<(String, OutputBody)> {
    let prefix = format!("themes/{}/static/", config.theme);
    let mut files: BTreeMap<String, OutputBody> =
        render::builtin_static_bodies().into_iter().collect();
    for theme_file in &input.theme_static {
        match theme_file {
            ThemeStatic::Disk(asset) => {
                if let Some(rest) = asset.path.strip_prefix(&prefix) {
                    files.insert(rest.to_string(), OutputBody::Copy(asset.disk.clone()));
                }
            }
            ThemeStatic::BuiltIn { path, bytes } => {
                files.insert(path.clone(), OutputBody::Bytes(Arc::clone(bytes)));
            }
        }
    }
    files.into_iter().collect()
}

fn summarize(site: &Site, paths: &BTreeSet<String>, jobs: &[ImageJob]) -> Summary {
    let langs = site.langs();
    let mut pages = Vec::new();
    for (i, lang) in langs.iter().enumerate() {
        let count = paths
            .iter()
            .filter(|path| path.ends_with(".html"))
            .filter(|path| {
                let other = langs
                    .iter()
                    .enumerate()
                    .any(|(j, l)| j != i && !l.prefix.is_empty() && path.starts_with(l.prefix));
                if lang.prefix.is_empty() {
                    !other
                } else {
                    path.starts_with(lang.prefix)
                }
            })
            .count();
        pages.push((lang.script.bcp47(), count));
    }
    let photo_files: usize = jobs.iter().map(|job| job.renditions.len()).sum();
    let waiting: Vec<&crate::content::When> = site
        .scheduled
        .iter()
        .filter_map(|s| match &s.schedule {
            Schedule::Waiting(at) => Some(at),
            _ => None,
        })
        .collect();
    Summary {
        pages,
        files: paths.len() + photo_files,
        images: jobs.len(),
        waiting: waiting.len(),
        first_publish: waiting
            .iter()
            .min_by_key(|at| at.zoned.timestamp())
            .map(|at| when_text(at)),
        expired: site.scheduled.len() - waiting.len(),
        next_change: site.next_change.as_ref().map(when_text),
    }
}

#[cfg(test)]
mod tests;
