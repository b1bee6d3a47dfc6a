//! The dependency record of each page: a digest of exactly what the page reads (the templates
//! and site-wide values, the entries it shows, each by a stamp of what a card or link reads of
//! it, and the lists and counts it pages through). A rebuild in serve takes the previous
//! build's bytes of a page whose record is unchanged without building its context; a page
//! without a precise record (a redirect, a page or card that shows a photo, a body that asked
//! the image stage) is rendered on every rebuild. Pure: no IO.

use std::sync::OnceLock;

use crate::content::Kind;

use super::cache::{Key, KeyBuilder};
use super::pages::{self, Rendered};
use super::view::{Body, LangRender};
use super::{Job, lists};

/// What one language's records start from, and the stamps of its entries (each computed
/// once per build, when first read).
pub(crate) struct LangDeps {
    /// Templates, language, site view, theme words and every setting of site.yaml;
    /// `None` without a cache or with templates that are not pure.
    base: Option<KeyBuilder>,
    cards: Vec<OnceLock<Option<Key>>>,
    /// The digest of each entry's strings in this language (`LangRender::text`).
    texts: Vec<OnceLock<Key>>,
}

impl LangDeps {
    /// A record of nothing: every page is rendered.
    pub(crate) fn none() -> LangDeps {
        LangDeps {
            base: None,
            cards: Vec::new(),
            texts: Vec::new(),
        }
    }

    pub(crate) fn new(r: &LangRender<'_>) -> LangDeps {
        let base = r
            .inputs
            .cache
            .filter(|_| r.inputs.templates.is_pure())
            .map(|_| r.page_key().json(&r.site.config));
        LangDeps {
            base,
            cards: (0..r.site.entries.len()).map(|_| OnceLock::new()).collect(),
            texts: (0..r.site.entries.len()).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// The digest of an entry's strings in `r`'s language, made once per build.
pub(crate) fn text_stamp(r: &LangRender<'_>, i: usize) -> Key {
    let made = || KeyBuilder::default().json(r.text(i)).finish();
    match r.deps.texts.get(i) {
        Some(stamp) => *stamp.get_or_init(made),
        None => made(),
    }
}

/// Renders one job, or takes the previous build's bytes when its record is unchanged. An
/// entry's body is always read (from the cache when unchanged): later pages read its facts.
pub(crate) fn render(r: &LangRender<'_>, job: &Job) -> Rendered {
    let body = match job {
        Job::Entry(i) => Some((*i, r.body(*i))),
        _ => None,
    };
    let Some((cache, key)) = r
        .inputs
        .cache
        .zip(record(r, job, body.as_ref().map(|(_, b)| b)))
    else {
        return pages::render_with(r, job, body);
    };
    let path = r.lang.output_path(&site_path(r, job));
    if let Some(html) = cache.output(&path, &key) {
        return Rendered {
            path,
            html: Ok(html),
            body: body.map(|(i, body)| r.facts(i, body)),
        };
    }
    let rendered = pages::render_with(r, job, body);
    if let Ok(html) = &rendered.html {
        cache.keep_output(rendered.path.clone(), key, html);
    }
    rendered
}

/// The language-neutral site path a job renders.
pub(super) fn site_path(r: &LangRender<'_>, job: &Job) -> String {
    match job {
        Job::Home => "/".into(),
        Job::Entry(i) => r.entry(*i).path.clone(),
        Job::List(section, n) => lists::list_path(*section, *n),
        Job::TagIndex => "/tags/".into(),
        Job::Tag(t) => format!("/tags/{}/", r.site.tags[*t].slug),
        Job::NotFound => "/404.html".into(),
        Job::Search => "/search/".into(),
        Job::Alias(from, _) => from.clone(),
    }
}

/// The digest of everything a job's page reads; `None` when the page has no precise record
/// and must be rendered.
pub(crate) fn record(r: &LangRender<'_>, job: &Job, body: Option<&Body>) -> Option<Key> {
    let key = r.deps.base.clone()?.text(&format!("{job:?}"));
    let site = r.site;
    let key = match job {
        Job::Home => {
            let mut key = key;
            if let Some(i) = site.home {
                key = own(r, i, key)?.text(r.kept_html(i)).bytes(&card(r, i)?);
            }
            key = cards(r, key, site.stories.iter().take(pages::HOME_STORIES))?;
            key = cards(
                r,
                key,
                site.upcoming_lectures.iter().take(pages::HOME_LECTURES),
            )?;
            key = cards(
                r,
                key,
                site.past_lectures.iter().take(pages::HOME_PAST_LECTURES),
            )?;
            cards(r, key, site.workshops.iter().take(pages::HOME_WORKSHOPS))?
        }
        Job::Entry(i) => entry(r, *i, key.bytes(&body?.key?))?,
        Job::List(section, n) => {
            let all = lists::section_entries(r, *section);
            let per = match site.config.paginate {
                0 => usize::MAX,
                n => n,
            };
            let key = key
                .text(&all.len().to_string())
                .text(&lists::page_count(r, *section).to_string());
            let slice = all.iter().skip((n - 1).saturating_mul(per)).take(per);
            cards(r, key, slice)?
        }
        Job::TagIndex => (0..site.tags.len()).fold(key, |key, t| tag(r, t, key)),
        Job::Tag(t) => cards(r, tag(r, *t, key), site.tags[*t].entries.iter())?,
        Job::NotFound => key,
        // The search page is cheap and its record is not kept: render it every time.
        Job::Alias(..) | Job::Search => return None,
    };
    Some(key.finish())
}

/// What an entry's own page reads besides its body: its strings, tags and relations.
fn entry(r: &LangRender<'_>, i: usize, key: KeyBuilder) -> Option<KeyBuilder> {
    let relations = &r.site.relations;
    let key = own(r, i, key)?;
    match &r.entry(i).doc.kind {
        Kind::Story(_) => Some(links(
            r,
            key,
            relations.story_workshops.get(&i).map(Vec::as_slice),
        )),
        Kind::Workshop(_) => {
            let key = cards(
                r,
                key,
                relations.workshop_stories.get(&i).into_iter().flatten(),
            )?;
            cards(
                r,
                key,
                relations.workshop_lectures.get(&i).into_iter().flatten(),
            )
        }
        Kind::Lecture(_) => {
            let workshop = relations.lecture_workshop.get(&i).map(std::slice::from_ref);
            Some(links(r, key, workshop))
        }
        Kind::Page => Some(key),
    }
}

/// An entry as its own page reads it: path, strings in this language, tags, whether it is
/// upcoming, the preview's mark for its dates; `None` when it shows a photo (the image stage must see every page that does).
fn own(r: &LangRender<'_>, i: usize, key: KeyBuilder) -> Option<KeyBuilder> {
    let entry = r.entry(i);
    if entry.doc.common.cover.is_some()
        || matches!(&entry.doc.kind, Kind::Workshop(w) if w.photo.is_some())
    {
        return None;
    }
    let key = key
        .text(&entry.path)
        .text(&entry.doc.slug)
        .bytes(&text_stamp(r, i))
        .text(if r.is_upcoming(i) { "upcoming" } else { "past" })
        .json(&r.schedule_badge(i));
    Some(r.text(i).tags.iter().fold(key, |key, &t| tag(r, t, key)))
}

/// A tag as a link reads it: slug, name in this language, how many entries carry it.
fn tag(r: &LangRender<'_>, t: usize, key: KeyBuilder) -> KeyBuilder {
    let tag = &r.site.tags[t];
    key.text(&tag.slug)
        .text(&r.loc.tags[t])
        .text(&tag.entries.len().to_string())
}

/// An entry as a card or list item reads it: `own`, and the start of its body when it has
/// no summary. `None` while that body is not yet rendered, or when the card shows a photo.
fn card(r: &LangRender<'_>, i: usize) -> Option<Key> {
    if let Some(stamp) = r.deps.cards[i].get() {
        return *stamp;
    }
    let key = own(r, i, KeyBuilder::default())?;
    let key = match &r.text(i).summary {
        Some(_) => key,
        None => key.text(r.recorded_excerpt(i)?),
    };
    let stamp = Some(key.finish());
    let _ = r.deps.cards[i].set(stamp);
    stamp
}

fn cards<'i>(
    r: &LangRender<'_>,
    key: KeyBuilder,
    entries: impl Iterator<Item = &'i usize>,
) -> Option<KeyBuilder> {
    let mut key = key;
    for &i in entries {
        key = key.bytes(&card(r, i)?);
    }
    Some(key)
}

/// Links to entries: each one's title and path.
fn links(r: &LangRender<'_>, key: KeyBuilder, entries: Option<&[usize]>) -> KeyBuilder {
    entries.into_iter().flatten().fold(key, |key, &i| {
        key.text(&r.text(i).title).text(&r.entry(i).path)
    })
}

#[cfg(test)]
mod tests;
