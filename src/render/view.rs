//! The values templates see: serializable views of the localized site (cards, page heads,
//! navigation), and `LangRender`, everything one language's pages are built from. Pure: no IO.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::schedule::Schedule;
use crate::content::{Kind, LectureStatus, Section};
use crate::convert::{Script, Variant};
use crate::localize::{DateText, Details, LocalizedEntry, LocalizedSite, localize};
use crate::markdown::{self, ImageRef, Rendered};
use crate::site::{Entry, Lang, Site};

use super::body::{BodyHost, SourceIndex};
use super::cache::{Key, KeyBuilder};
use super::context::PageContext;
use super::{
    CALENDAR_PATH, CoverImage, FEED_ENTRIES, FEED_PATH, ImageResolver, RenderInputs, THEME_DIR,
    asset_path,
};

/// One language's share of a build: its localized strings, and what its pages read of
/// bodies rendered with other pages.
pub struct LangRender<'a> {
    pub site: &'a Site,
    pub inputs: &'a RenderInputs<'a>,
    pub lang: Lang,
    /// Every language of the site, the first served at `/`.
    pub langs: Vec<Lang>,
    pub loc: LocalizedSite,
    /// Parallel to `Site::entries`: the start of each body's plain text in this language,
    /// what excerpts read; set by `record` as each body is rendered with its page.
    excerpts: Vec<Option<String>>,
    /// The body HTML of the entries that other pages show whole (the home page's
    /// introduction, the stories in the feed), by entry.
    kept_html: HashMap<usize, String>,
    index: &'a SourceIndex<'a>,
    /// The start of every body's cache key (with a cache only).
    body_key: Option<KeyBuilder>,
    /// Each body's cache key, made once per build.
    body_keys: Vec<std::sync::OnceLock<Key>>,
    site_view: SiteView,
    /// Entries of `Site::upcoming_lectures`, for quick lookup.
    upcoming: HashSet<usize>,
    /// What every page's context holds: the site view and the theme's words, serialized
    /// once per language.
    shared: Context,
    /// The start of every page's cache key: templates, language, `shared`.
    page_key: KeyBuilder,
    /// What each page's dependency record starts from, and the entries' stamps.
    pub(crate) deps: super::deps::LangDeps,
    /// Takes each body's whole text as it is rendered.
    search: Option<&'a crate::search::IndexBuilder<'a>>,
}

impl<'a> LangRender<'a> {
    pub(crate) fn new(
        site: &'a Site,
        inputs: &'a RenderInputs<'a>,
        index: &'a SourceIndex<'a>,
        lang: Lang,
        search: Option<&'a crate::search::IndexBuilder<'a>>,
    ) -> LangRender<'a> {
        let loc = localize(site, lang, inputs.converter);
        let mut render = LangRender {
            site,
            inputs,
            lang,
            langs: site.langs(),
            loc,
            excerpts: vec![None; site.entries.len()],
            kept_html: HashMap::new(),
            index,
            body_key: inputs.cache.map(|_| body_site_key(site, inputs, lang)),
            body_keys: (0..site.entries.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            site_view: SiteView::default(),
            upcoming: site.upcoming_lectures.iter().copied().collect(),
            shared: Context::new(),
            page_key: KeyBuilder::default(),
            deps: super::deps::LangDeps::none(),
            search,
        };
        render.site_view = render.build_site_view();
        render.shared.insert("site", &render.site_view);
        render.shared.insert("t", &render.loc.ui);
        render.page_key = KeyBuilder::default()
            .bytes(inputs.templates.fingerprint())
            .text(lang.script.bcp47())
            .text(lang.prefix)
            .json(&render.site_view)
            .json(&render.loc.ui);
        render.deps = super::deps::LangDeps::new(&render);
        render
    }

    /// Whether a lecture is upcoming at the build's now.
    pub(crate) fn is_upcoming(&self, i: usize) -> bool {
        self.upcoming.contains(&i)
    }

    /// The start of an entry's body text, once its body has been rendered (`record`).
    pub(crate) fn recorded_excerpt(&self, i: usize) -> Option<&str> {
        self.excerpts[i].as_deref()
    }

    /// The path under the base of a site path in this language: `/changxin/zh-hant/stories/a/`.
    pub fn url(&self, site_path: &str) -> String {
        self.url_in(self.lang, site_path)
    }

    pub fn url_in(&self, lang: Lang, site_path: &str) -> String {
        self.inputs.base_url.join(&lang.site_path(site_path))
    }

    /// The absolute URL of a site path in `lang`.
    pub fn permalink_in(&self, lang: Lang, site_path: &str) -> String {
        self.inputs.base_url.permalink(&lang.site_path(site_path))
    }

    pub fn entry(&self, i: usize) -> &'a Entry {
        &self.site.entries[i]
    }

    pub fn entry_url(&self, i: usize) -> String {
        self.url(&self.site.entries[i].path)
    }

    /// The entry's strings in this language.
    pub fn text(&self, i: usize) -> &LocalizedEntry {
        &self.loc.entries[i]
    }

    /// The entry's summary, else the start of its body, else the site's description.
    pub fn description(&self, i: usize) -> String {
        self.description_from(i, self.excerpt_source(i))
    }

    /// `description` of an entry whose body (`plain_text`) is being rendered with its page.
    pub(crate) fn description_from(&self, i: usize, plain_text: &str) -> String {
        self.text(i)
            .summary
            .clone()
            .or_else(|| excerpt(plain_text, 110))
            .unwrap_or_else(|| self.loc.description.clone())
    }

    /// The start of an entry's body text in this language, for excerpts.
    pub(crate) fn excerpt_source(&self, i: usize) -> &str {
        self.excerpts[i]
            .as_deref()
            .expect("every body is rendered before a page shows its excerpt")
    }

    /// The body HTML of an entry that other pages show whole (`keeps_html`).
    pub(crate) fn kept_html(&self, i: usize) -> &str {
        self.kept_html
            .get(&i)
            .map(String::as_str)
            .expect("the body of an entry other pages show whole is kept")
    }

    /// Whether pages other than the entry's own show its whole body: the home page's
    /// introduction, the stories in the feed.
    fn keeps_html(&self, i: usize) -> bool {
        self.site.home == Some(i) || self.site.stories.iter().take(FEED_ENTRIES).any(|&s| s == i)
    }

    /// What later pages read of an entry's body, taken from it as soon as it is rendered
    /// (so that the whole body is not kept to the end of its phase).
    pub(crate) fn facts(&self, i: usize, body: Body) -> BodyFacts {
        BodyFacts {
            excerpt_source: body.excerpt_source,
            html: body.html.filter(|_| self.keeps_html(i)),
        }
    }

    /// Keeps what later pages read of an entry's body (`facts`).
    pub(crate) fn record(&mut self, i: usize, facts: BodyFacts) {
        if let Some(html) = facts.html {
            self.kept_html.insert(i, html);
        }
        self.excerpts[i] = Some(facts.excerpt_source);
    }

    /// An entry's body in this language, rendered now; or, when its inputs are unchanged
    /// since the previous build, what that build kept of it: its excerpt, and its HTML only
    /// if other pages show it whole (`keeps_html`). A page rendered again takes the HTML
    /// from `body_html`.
    pub(crate) fn body(&self, entry: usize) -> Body {
        let Some((cache, key)) = self.inputs.cache.zip(self.body_cache_key(entry)) else {
            return Body::rendered(self.render_body(entry, None).0, None);
        };
        let keeps_html = self.keeps_html(entry);
        if let Some(kept) = cache.body(&key).filter(|k| k.html.is_some() || !keeps_html) {
            return Body {
                excerpt_source: kept.excerpt_source.clone(),
                html: kept.html.clone(),
                key: Some(key),
            };
        }
        let (rendered, consulted_images) = self.render_body(entry, Some(key));
        // The image stage records what bodies ask of it: a body that asked must ask
        // again in every build, so it is never taken from the cache.
        if consulted_images {
            return Body::rendered(rendered, None);
        }
        let kept = BodyFacts {
            excerpt_source: rendered.plain_text.clone(),
            html: keeps_html.then(|| rendered.html.clone()),
        };
        cache.keep_body(key, Arc::new(kept));
        Body::rendered(rendered, Some(key))
    }

    /// The digest of everything an entry's body is rendered from in this language; `None`
    /// without a cache.
    fn body_cache_key(&self, entry: usize) -> Option<Key> {
        let site_key = self.body_key.as_ref()?;
        let made = || {
            let doc = &self.site.entries[entry].doc;
            site_key
                .clone()
                .text(&doc.source)
                .text(&self.site.entries[entry].path)
                .text(doc.script.bcp47())
                .text(&doc.body)
                .finish()
        };
        Some(match self.body_keys.get(entry) {
            Some(key) => *key.get_or_init(made),
            None => made(),
        })
    }

    /// The HTML of an entry's `body`, rendered again if the cache did not keep it.
    pub(crate) fn body_html<'b>(&self, entry: usize, body: &'b Body) -> Cow<'b, str> {
        match &body.html {
            Some(html) => Cow::Borrowed(html),
            None => Cow::Owned(self.render_body(entry, body.key).0.html),
        }
    }

    /// Renders an entry's body and gives its text to the search index (which keeps the
    /// entry's index record under `key` unless the body asked the image stage).
    fn render_body(&self, entry: usize, key: Option<Key>) -> (Rendered, bool) {
        let (mut rendered, consulted) =
            render_body(self.site, self.inputs, self.index, self.lang, entry);
        if let Some(search) = self.search {
            let key = key.filter(|_| !consulted);
            search.add(self, entry, &rendered.plain_text, key);
        }
        // Only excerpts read the plain text: keep their source, not the whole body
        // (two copies of every body's text otherwise stay in memory to the end).
        rendered.plain_text = excerpt_source(&rendered.plain_text);
        (rendered, consulted)
    }

    /// Gives the search index the bodies it has not seen: those taken from the previous
    /// build's cache (serve), from the index records that build kept, else rendered again
    /// for their text.
    pub(crate) fn add_unseen_to_search(&self) {
        let Some(search) = self.search else {
            return;
        };
        (0..self.site.entries.len())
            .into_par_iter()
            .filter(|&i| search.missing(self.lang, i))
            .for_each(|i| {
                let key = self.body_cache_key(i);
                if !key.is_some_and(|key| search.add_kept(self, i, key)) {
                    self.render_body(i, key);
                }
            });
    }

    /// A theme word in this language.
    pub fn word<'k>(&'k self, key: &'k str) -> &'k str {
        self.loc.word(key)
    }

    pub(crate) fn tag_url(&self, t: usize) -> String {
        self.url(&format!("/tags/{}/", self.site.tags[t].slug))
    }

    /// The common part of every page's own template context (`full_context` adds what
    /// every page of the language shares).
    pub(crate) fn context(&self, nav: &str, head: Head, crumbs: Vec<Crumb>) -> PageContext {
        let mut context = PageContext::default();
        context.insert("nav_current", nav.to_string());
        context.insert("head", head);
        context.insert("crumbs", crumbs);
        context
    }

    /// A page's own context with the site view and the theme's words added.
    pub(crate) fn full_context(&self, mut own: Context) -> Context {
        own.extend(self.shared.clone());
        own
    }

    /// The start of a page's cache key: everything but the page's own context.
    pub(crate) fn page_key(&self) -> KeyBuilder {
        self.page_key.clone()
    }

    /// The head of the page at `site_path`: canonical, alternates, the language switch.
    pub(crate) fn head(&self, site_path: &str, title: &str, description: String) -> Head {
        let other = self.langs.iter().copied().find(|l| *l != self.lang);
        let mut alternates: Vec<Alternate> = self
            .langs
            .iter()
            .map(|&lang| Alternate {
                hreflang: lang.script.bcp47(),
                href: self.permalink_in(lang, site_path),
            })
            .collect();
        if let Some(first) = self.langs.first() {
            alternates.push(Alternate {
                hreflang: "x-default",
                href: self.permalink_in(*first, site_path),
            });
        }
        let full_title = if site_path == "/" {
            self.loc.title.clone()
        } else {
            format!("{title} - {}", self.loc.title)
        };
        Head {
            title: full_title,
            page_title: title.to_string(),
            description: one_line(&description),
            canonical: self.permalink_in(self.lang, site_path),
            alternates,
            switch: other.map(|lang| Switch {
                url: self.url_in(lang, site_path),
                hreflang: lang.script.bcp47(),
                label: self.word(switch_word(lang.script)).to_string(),
            }),
            og_type: "website",
            og_image: Some(super::share::site_og_image(self)),
            jsonld: None,
            noindex: false,
        }
    }

    fn build_site_view(&self) -> SiteView {
        let mut nav = vec![NavItem {
            key: "home".into(),
            label: self.word("home").into(),
            url: self.url("/"),
        }];
        for (key, section) in [
            ("stories", Section::Stories),
            ("workshops", Section::Workshops),
            ("lectures", Section::Lectures),
        ] {
            nav.push(NavItem {
                key: key.into(),
                label: self.word(key).into(),
                url: self.url(&format!("/{}/", section.url_segment())),
            });
        }
        for &i in &self.site.pages {
            nav.push(NavItem {
                key: self.site.entries[i].path.clone(),
                label: self.text(i).title.clone(),
                url: self.entry_url(i),
            });
        }
        let theme = |file: &str| self.inputs.base_url.join(&format!("{THEME_DIR}{file}"));
        SiteView {
            title: self.loc.title.clone(),
            description: self.loc.description.clone(),
            home_url: self.url("/"),
            nav,
            icp: self.loc.icp.clone(),
            icp_url: "https://beian.miit.gov.cn/",
            police: self.loc.police.clone(),
            police_url: self.loc.police.as_deref().and_then(police_url),
            calendar_url: self.url(CALENDAR_PATH),
            feed_url: self.url(FEED_PATH),
            tags_url: self.url("/tags/"),
            search_url: self.url(crate::search::SEARCH_PATH),
            css_url: theme("css/site.css"),
            print_css_url: theme("css/print.css"),
            js_url: theme("js/site.js"),
            favicon_url: theme("favicon.svg"),
            year: self
                .inputs
                .now
                .to_zoned(self.site.config.timezone.clone())
                .year(),
            lang: LangView {
                code: self.lang.script.bcp47(),
                og_locale: og_locale(self.lang.script, self.site.config.traditional),
                og_locale_alternates: self
                    .langs
                    .iter()
                    .filter(|l| **l != self.lang)
                    .map(|l| og_locale(l.script, self.site.config.traditional))
                    .collect(),
            },
        }
    }

    pub(crate) fn tag_links(&self, i: usize) -> Vec<TagLink> {
        self.text(i)
            .tags
            .iter()
            .map(|&t| self.tag_link(t))
            .collect()
    }

    pub(crate) fn tag_link(&self, t: usize) -> TagLink {
        TagLink {
            name: self.loc.tags[t].clone(),
            url: self.tag_url(t),
            count: self.site.tags[t].entries.len(),
        }
    }

    pub(crate) fn link(&self, i: usize) -> Link {
        Link {
            title: self.text(i).title.clone(),
            url: self.entry_url(i),
        }
    }

    /// The card HTML of an entry's cover (a workshop's photo when it has no cover).
    fn card_image(&self, i: usize) -> Option<String> {
        let entry = self.entry(i);
        let src = image_source(entry)?;
        Some(match self.inputs.images.cover(entry, src) {
            Some(cover) => cover.html_for_list_card,
            None => plain_img(&self.inputs.base_url.join(&asset_path(entry, src))),
        })
    }

    /// The page HTML and `og:image` of an entry's cover or photo.
    pub(crate) fn page_image(&self, i: usize) -> Option<(String, OgImage)> {
        let entry = self.entry(i);
        let src = image_source(entry)?;
        Some(match self.inputs.images.cover(entry, src) {
            Some(cover) => {
                let url = if cover.og_url.starts_with('/') {
                    format!("{}{}", self.inputs.base_url.origin, cover.og_url)
                } else {
                    cover.og_url
                };
                // A cover that is not a photo (an SVG) has no known size.
                let known = cover.width > 0 && cover.height > 0;
                let og = OgImage {
                    url,
                    width: known.then_some(cover.width),
                    height: known.then_some(cover.height),
                };
                (cover.html_for_page, og)
            }
            None => {
                let path = asset_path(entry, src);
                let og = OgImage {
                    url: self.inputs.base_url.permalink(&path),
                    width: None,
                    height: None,
                };
                (plain_img(&self.inputs.base_url.join(&path)), og)
            }
        })
    }

    pub(crate) fn story_card(&self, i: usize) -> Option<StoryCard> {
        let Details::Story(story) = &self.text(i).details else {
            return None;
        };
        Some(StoryCard {
            schedule: self.schedule_badge(i),
            url: self.entry_url(i),
            title: self.text(i).title.clone(),
            summary: self.card_summary(i),
            date: story.date.clone(),
            community: story.community.clone(),
            district: story.district.clone(),
            cover: self.card_image(i),
            tags: self.tag_links(i),
        })
    }

    pub(crate) fn workshop_card(&self, i: usize) -> Option<WorkshopCard> {
        let Details::Workshop(workshop) = &self.text(i).details else {
            return None;
        };
        Some(WorkshopCard {
            schedule: self.schedule_badge(i),
            url: self.entry_url(i),
            title: self.text(i).title.clone(),
            summary: self.card_summary(i),
            leader: workshop.leader.clone(),
            community: workshop.community.clone(),
            focus: workshop.focus.clone(),
            photo: self.card_image(i),
        })
    }

    pub(crate) fn lecture_card(&self, i: usize) -> Option<LectureCard> {
        let Details::Lecture(lecture) = &self.text(i).details else {
            return None;
        };
        let upcoming = self.upcoming.contains(&i);
        let (status, status_label) = self.lecture_status(lecture.status, upcoming);
        Some(LectureCard {
            schedule: self.schedule_badge(i),
            url: self.entry_url(i),
            title: self.text(i).title.clone(),
            summary: self.text(i).summary.clone(),
            start: lecture.start.clone(),
            when: lecture.when.clone(),
            clock: lecture.clock.clone(),
            venue: lecture.venue.clone(),
            address: lecture.address.clone(),
            speaker: lecture.speaker.clone(),
            speaker_title: lecture.speaker_title.clone(),
            series: lecture.series.clone(),
            status,
            status_label,
            upcoming,
            other_year: lecture.start.year != self.site_view.year,
        })
    }

    /// The preview's mark on an entry that waits for its `publish:` or is past its
    /// `expires:` at the build's now; `None` for a published one.
    pub(crate) fn schedule_badge(&self, i: usize) -> Option<ScheduleBadge> {
        let schedule = Schedule::at(&self.entry(i).doc.common, self.site.now);
        let (state, label, note) = match schedule {
            Schedule::Live => return None,
            Schedule::Waiting(_) => ("waiting", "schedule_waiting", "schedule_waiting_note"),
            Schedule::Expired(_) => ("expired", "schedule_expired", "schedule_expired_note"),
        };
        Some(ScheduleBadge {
            state,
            label: self.word(label).to_string(),
            note: self.word(note).replace("{at}", &schedule.date_text()),
        })
    }

    /// `cancelled` / `postponed` / `past` / `upcoming` and the badge word.
    pub(crate) fn lecture_status(
        &self,
        status: LectureStatus,
        upcoming: bool,
    ) -> (&'static str, String) {
        let key = match (status, upcoming) {
            (LectureStatus::Cancelled, _) => "cancelled",
            (LectureStatus::Postponed, _) => "postponed",
            (LectureStatus::Scheduled, true) => "upcoming",
            (LectureStatus::Scheduled, false) => "past",
        };
        (key, self.word(&format!("status_{key}")).to_string())
    }

    /// Any entry as a line of a mixed list (tag pages).
    pub(crate) fn entry_item(&self, i: usize) -> EntryItem {
        let (kind, date) = match &self.text(i).details {
            Details::Story(s) => ("story", Some(s.date.clone())),
            Details::Workshop(_) => ("workshop", None),
            Details::Lecture(l) => ("lecture", Some(l.start.clone())),
            Details::Page => ("page", None),
        };
        EntryItem {
            schedule: self.schedule_badge(i),
            kind,
            kind_label: self.word(&format!("kind_{kind}")).to_string(),
            url: self.entry_url(i),
            title: self.text(i).title.clone(),
            summary: self.card_summary(i),
            date,
        }
    }

    fn card_summary(&self, i: usize) -> Option<String> {
        self.text(i)
            .summary
            .clone()
            .or_else(|| excerpt(self.excerpt_source(i), 90))
    }
}

/// What pages other than its own read of an entry's body; what a rebuild keeps of it.
#[derive(Debug, Clone)]
pub(crate) struct BodyFacts {
    excerpt_source: String,
    /// The whole body, for the entries other pages show whole.
    html: Option<String>,
}

/// An entry's body as its page needs it, and the cache key that names it when the key
/// alone determines it (with a cache, and when rendering it asked the image stage nothing).
pub(crate) struct Body {
    /// The start of the body's plain text (`Rendered::plain_text`).
    pub(crate) excerpt_source: String,
    /// `None` when taken from the cache for an entry whose page may not need rendering.
    pub(crate) html: Option<String>,
    pub(crate) key: Option<Key>,
}

impl Body {
    fn rendered(rendered: Rendered, key: Option<Key>) -> Body {
        Body {
            excerpt_source: rendered.plain_text,
            html: Some(rendered.html),
            key,
        }
    }
}

/// One body in `lang`, its `plain_text` cut to what excerpts read; and whether rendering
/// it asked the image stage anything.
fn render_body(
    site: &Site,
    inputs: &RenderInputs<'_>,
    index: &SourceIndex<'_>,
    lang: Lang,
    entry: usize,
) -> (Rendered, bool) {
    let images = WatchedImages {
        inner: inputs.images,
        consulted: AtomicBool::new(false),
    };
    let host = BodyHost {
        site,
        index,
        entry,
        lang,
        converter: inputs.converter,
        base: inputs.base_url,
        images: &images,
    };
    let rendered = markdown::render(&site.entries[entry].doc.body, &host);
    (rendered, images.consulted.into_inner())
}

/// What every body's rendering in `lang` depends on besides its own entry: the converter's
/// settings, the base URL and every page a link may name.
fn body_site_key(site: &Site, inputs: &RenderInputs<'_>, lang: Lang) -> KeyBuilder {
    let config = &site.config;
    let mut key = KeyBuilder::default()
        .text(lang.script.bcp47())
        .text(lang.prefix)
        .text(&format!("{:?}", config.traditional))
        .text(&inputs.base_url.origin)
        .text(&inputs.base_url.path);
    for (from, to) in &config.glossary {
        key = key.text(from).text(to);
    }
    for entry in &site.entries {
        key = key.text(&entry.doc.source).text(&entry.path);
    }
    for tag in &site.tags {
        key = key.text(&tag.slug);
    }
    key
}

/// An `ImageResolver` that notes whether it was asked anything.
struct WatchedImages<'a> {
    inner: &'a dyn ImageResolver,
    consulted: AtomicBool,
}

impl ImageResolver for WatchedImages<'_> {
    fn img_html(
        &self,
        entry: &Entry,
        image: &ImageRef,
        alt: &str,
        title: &str,
        lang: Lang,
    ) -> Option<String> {
        self.consulted.store(true, Ordering::Relaxed);
        self.inner.img_html(entry, image, alt, title, lang)
    }

    fn cover(&self, entry: &Entry, src: &str) -> Option<CoverImage> {
        self.consulted.store(true, Ordering::Relaxed);
        self.inner.cover(entry, src)
    }

    fn file_url(&self, entry: &Entry, path: &str) -> Option<String> {
        self.consulted.store(true, Ordering::Relaxed);
        self.inner.file_url(entry, path)
    }
}

/// The word on the switch that leads to `script`, written in the current page's script.
fn switch_word(script: Script) -> &'static str {
    match script {
        Script::Hans => "switch_to_hans",
        Script::Hant => "switch_to_hant",
    }
}

fn og_locale(script: Script, variant: Variant) -> &'static str {
    match (script, variant) {
        (Script::Hans, _) => "zh_CN",
        (Script::Hant, Variant::Hk) => "zh_HK",
        (Script::Hant, _) => "zh_TW",
    }
}

/// The 公安备案 query page for the number in `苏公网安备 32021402000000号`.
fn police_url(text: &str) -> Option<String> {
    let code: String = text.chars().filter(char::is_ascii_digit).collect();
    (code.len() >= 10).then(|| format!("https://beian.mps.gov.cn/#/query/webSearch?code={code}"))
}

fn image_source(entry: &Entry) -> Option<&str> {
    match &entry.doc.kind {
        Kind::Workshop(w) => entry.doc.common.cover.as_deref().or(w.photo.as_deref()),
        _ => entry.doc.common.cover.as_deref(),
    }
}

fn plain_img(url: &str) -> String {
    format!(
        "<img src=\"{}\" alt=\"\" loading=\"lazy\" decoding=\"async\">",
        super::templates::escape_html(url)
    )
}

/// Characters of a body's plain text kept for excerpts: more than the longest excerpt (110),
/// so that `excerpt` still sees that the text goes on.
const EXCERPT_SOURCE: usize = 120;

/// The start of `text` on one line, long enough for any `excerpt` of it.
fn excerpt_source(text: &str) -> String {
    let mut kept = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        if count >= EXCERPT_SOURCE {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
            count += 1;
        }
        kept.extend(word.chars().take(EXCERPT_SOURCE.saturating_sub(count)));
        count += word
            .chars()
            .count()
            .min(EXCERPT_SOURCE.saturating_sub(count));
    }
    kept
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text` on one line, cut at a sentence end when one is near.
pub(crate) fn excerpt(text: &str, max: usize) -> Option<String> {
    let text = one_line(text);
    if text.is_empty() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return Some(text);
    }
    let cut = &chars[..max];
    let sentence_end = cut
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '；' | '.' | '!' | '?'))
        .filter(|&p| p >= max / 2);
    Some(match sentence_end {
        Some(p) => cut[..=p].iter().collect(),
        None => format!("{}…", cut.iter().collect::<String>()),
    })
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LangView {
    /// `zh-Hans` / `zh-Hant`, for `<html lang>`.
    pub(crate) code: &'static str,
    pub(crate) og_locale: &'static str,
    pub(crate) og_locale_alternates: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    /// `home`, `stories`, `workshops`, `lectures`, or a free page's site path.
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) url: String,
}

/// Site-wide values, the same on every page of a language.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) home_url: String,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) icp: Option<String>,
    pub(crate) icp_url: &'static str,
    pub(crate) police: Option<String>,
    pub(crate) police_url: Option<String>,
    pub(crate) calendar_url: String,
    pub(crate) feed_url: String,
    pub(crate) tags_url: String,
    pub(crate) search_url: String,
    pub(crate) css_url: String,
    pub(crate) print_css_url: String,
    pub(crate) js_url: String,
    pub(crate) favicon_url: String,
    pub(crate) year: i16,
    pub(crate) lang: LangView,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate {
    pub(crate) hreflang: &'static str,
    pub(crate) href: String,
}

/// The link to the same page in the other script.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Switch {
    pub(crate) url: String,
    pub(crate) hreflang: &'static str,
    pub(crate) label: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OgImage {
    pub(crate) url: String,
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
}

/// What goes into `<head>`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Head {
    /// The `<title>`: `Page - Site` (the site's title alone on the home page).
    pub(crate) title: String,
    /// The page's own title, for `og:title`.
    pub(crate) page_title: String,
    pub(crate) description: String,
    pub(crate) canonical: String,
    pub(crate) alternates: Vec<Alternate>,
    pub(crate) switch: Option<Switch>,
    pub(crate) og_type: &'static str,
    pub(crate) og_image: Option<OgImage>,
    /// JSON-LD text, printed as it is inside `<script type="application/ld+json">`.
    pub(crate) jsonld: Option<String>,
    pub(crate) noindex: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Crumb {
    pub(crate) title: String,
    /// `None` for the current page.
    pub(crate) url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub(crate) title: String,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagLink {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StoryCard {
    /// The preview's mark on an entry a build leaves out for its dates.
    pub(crate) schedule: Option<ScheduleBadge>,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) date: DateText,
    pub(crate) community: String,
    pub(crate) district: Option<String>,
    /// Card image HTML.
    pub(crate) cover: Option<String>,
    pub(crate) tags: Vec<TagLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorkshopCard {
    /// The preview's mark on an entry a build leaves out for its dates.
    pub(crate) schedule: Option<ScheduleBadge>,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) leader: String,
    pub(crate) community: String,
    pub(crate) focus: Vec<String>,
    /// Card image HTML.
    pub(crate) photo: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LectureCard {
    /// The preview's mark on an entry a build leaves out for its dates.
    pub(crate) schedule: Option<ScheduleBadge>,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) start: DateText,
    pub(crate) when: String,
    /// The time of day beside the date block (see `localize::clock`).
    pub(crate) clock: String,
    pub(crate) venue: String,
    pub(crate) address: Option<String>,
    pub(crate) speaker: String,
    pub(crate) speaker_title: Option<String>,
    pub(crate) series: Option<String>,
    /// `upcoming`, `past`, `cancelled` or `postponed`.
    pub(crate) status: &'static str,
    pub(crate) status_label: String,
    pub(crate) upcoming: bool,
    /// Whether the lecture falls in another year than the build's: the date block shows it.
    pub(crate) other_year: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryItem {
    /// The preview's mark on an entry a build leaves out for its dates.
    pub(crate) schedule: Option<ScheduleBadge>,
    /// `story`, `workshop`, `lecture` or `page`.
    pub(crate) kind: &'static str,
    pub(crate) kind_label: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) date: Option<DateText>,
}

/// The mark the preview puts on an entry that `build` leaves out for its dates: on its
/// page and on its cards (never in a build's output, whose entries are all published).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScheduleBadge {
    /// `waiting` or `expired`.
    pub(crate) state: &'static str,
    /// 未发布 / 已过期.
    pub(crate) label: String,
    /// When it comes out or went away.
    pub(crate) note: String,
}

/// The numbered links of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// Page links; `None` marks a gap (`…`).
    pub(crate) pages: Vec<Option<PageLink>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_of_the_kept_start_equal_excerpts_of_the_whole_text() {
        let text = "长欣社区把党员中心户打造成居民的家门口服务站。\n\n每周三下午，老书记都会在这里接待来访居民， 一起商量楼道里的大小事。".repeat(8);
        let kept = excerpt_source(&text);
        assert!(kept.chars().count() <= EXCERPT_SOURCE);
        for max in [30, 90, 110] {
            assert_eq!(excerpt(&kept, max), excerpt(&text, max), "max {max}");
        }
        assert_eq!(excerpt_source("短句  两个"), "短句 两个");
    }

    #[test]
    fn excerpts_cut_at_a_sentence_end() {
        let text = "长欣社区把党员中心户打造成居民的家门口服务站。每周三下午，老书记都会在这里接待来访居民，一起商量楼道里的大小事。";
        assert_eq!(
            excerpt(text, 30).as_deref(),
            Some("长欣社区把党员中心户打造成居民的家门口服务站。")
        );
        assert_eq!(excerpt("短句", 30).as_deref(), Some("短句"));
        assert_eq!(excerpt("  ", 30), None);
        assert_eq!(
            excerpt("一二三四五六七八九十", 4).as_deref(),
            Some("一二三四…")
        );
    }

    #[test]
    fn police_record_links_to_the_query_page() {
        assert_eq!(
            police_url("苏公网安备 32021402000000号").as_deref(),
            Some("https://beian.mps.gov.cn/#/query/webSearch?code=32021402000000")
        );
        assert_eq!(police_url("备案中"), None);
    }
}
