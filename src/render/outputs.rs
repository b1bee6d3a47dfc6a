//! The files beside the pages: `sitemap.xml` and `robots.txt` at the root; in each language
//! the Atom feed, one `.ics` per lecture and the calendar of all lectures. Builds the writers'
//! values from each `LangRender`, every text already in that language's script. Pure: no IO.

use std::sync::Arc;

use jiff::Zoned;

use crate::config::BaseUrl;
use crate::content::{Kind, LectureStatus, When};
use crate::localize::{Details, LectureText};

use super::cache::KeyBuilder;
use super::calendar::{self, CalEvent, Calendar, Organizer};
use super::feeds::{self, Category, Feed};
use super::sitemap::{self, Alternate, SitemapUrl};
use super::view::{LangRender, excerpt};
use super::{CALENDAR_PATH, FEED_PATH, Job, lecture_ics_path, lists};

/// How many stories a feed carries, newest first.
pub const FEED_ENTRIES: usize = 20;

/// The sitemap's site path, at the root of the site (not per language).
pub const SITEMAP_PATH: &str = "/sitemap.xml";

/// How long a lecture's description in a calendar may quote its summary or body.
const CALENDAR_EXCERPT: usize = 200;

/// Every non-HTML file of the site: (output path, bytes). `renders` holds every language,
/// the first one served at `/`.
pub(crate) fn files(renders: &[LangRender<'_>]) -> Vec<(String, Arc<[u8]>)> {
    let Some(first) = renders.first() else {
        return Vec::new();
    };
    let bytes = |text: String| -> Arc<[u8]> { text.into_bytes().into() };
    let mut files = vec![
        (output_path(SITEMAP_PATH), sitemap(renders)),
        (
            "robots.txt".to_string(),
            bytes(robots(first.inputs.base_url)),
        ),
    ];
    for r in renders {
        files.push((
            r.lang.output_path(FEED_PATH),
            bytes(feeds::atom(&feed(r, FEED_ENTRIES))),
        ));
        files.extend(
            calendars(r)
                .into_iter()
                .map(|(path, text)| (path, bytes(text))),
        );
    }
    files
}

fn output_path(site_path: &str) -> String {
    site_path.trim_start_matches('/').to_string()
}

// Sitemap and robots.txt.

/// The sitemap; with a cache, the previous build's when the pages, their dates, the
/// languages and the base URL are the same (what it is made of).
fn sitemap(renders: &[LangRender<'_>]) -> Arc<[u8]> {
    let pages = sitemap_pages(renders);
    let render = || -> Arc<[u8]> {
        sitemap::render(&sitemap_urls(renders, &pages))
            .into_bytes()
            .into()
    };
    let Some((first, cache)) = renders.first().and_then(|r| Some((r, r.inputs.cache?))) else {
        return render();
    };
    let mut key = KeyBuilder::default()
        .text(SITEMAP_PATH)
        .text(&first.inputs.base_url.origin)
        .text(&first.inputs.base_url.path);
    for r in renders {
        key = key.text(r.lang.script.bcp47()).text(r.lang.prefix);
    }
    for (path, lastmod) in &pages {
        key = key
            .text(path)
            .text(&lastmod.as_ref().map_or(String::new(), feeds::w3c_date));
    }
    let key = key.finish();
    if let Some(kept) = cache.page(&key) {
        return kept;
    }
    let made = render();
    cache.keep_page(key, &made);
    made
}

/// The site path of every page the sitemap names, sorted, with its date when known.
fn sitemap_pages(renders: &[LangRender<'_>]) -> Vec<(String, Option<When>)> {
    let Some(first) = renders.first() else {
        return Vec::new();
    };
    let mut pages: Vec<(String, Option<When>)> = super::jobs(first)
        .iter()
        .filter_map(|job| indexed_page(first, job))
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

/// One `<url>` per page and language, each naming the page in every language and
/// `x-default` (the first language). The 404 page and redirects are not pages to index.
fn sitemap_urls(renders: &[LangRender<'_>], pages: &[(String, Option<When>)]) -> Vec<SitemapUrl> {
    let Some(first) = renders.first() else {
        return Vec::new();
    };
    let mut urls = Vec::with_capacity(pages.len() * renders.len());
    for r in renders {
        for (path, lastmod) in pages {
            urls.push(SitemapUrl {
                loc: r.permalink_in(r.lang, path),
                lastmod: lastmod.clone(),
                alternates: alternates(first, path),
            });
        }
    }
    urls
}

/// The site path of a page that belongs in the sitemap, and when it last changed if known.
fn indexed_page(r: &LangRender<'_>, job: &Job) -> Option<(String, Option<When>)> {
    let path = match job {
        Job::Home => "/".to_string(),
        Job::Entry(i) => {
            let entry = r.entry(*i);
            let lastmod = match &entry.doc.kind {
                Kind::Story(story) => Some(when_in_site_zone(r, &story.date)),
                _ => None,
            };
            return Some((entry.path.clone(), lastmod));
        }
        Job::List(section, n) => lists::list_path(*section, *n),
        Job::TagIndex => "/tags/".to_string(),
        Job::Tag(t) => format!("/tags/{}/", r.site.tags[*t].slug),
        Job::NotFound | Job::Search | Job::Alias(..) => return None,
    };
    Some((path, None))
}

fn alternates(r: &LangRender<'_>, path: &str) -> Vec<Alternate> {
    let mut alternates: Vec<Alternate> = r
        .langs
        .iter()
        .map(|&lang| Alternate {
            hreflang: lang.script.bcp47().to_string(),
            href: r.permalink_in(lang, path),
        })
        .collect();
    if let Some(&first) = r.langs.first() {
        alternates.push(Alternate {
            hreflang: "x-default".to_string(),
            href: r.permalink_in(first, path),
        });
    }
    alternates
}

/// `robots.txt` naming the sitemap under the base (`https://example.org/changxin/sitemap.xml`).
/// A site without a `base_url` has no absolute address to name.
fn robots(base: &BaseUrl) -> String {
    let url = base.permalink(SITEMAP_PATH);
    sitemap::robots(is_absolute(&url).then_some(url.as_str()))
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

// Atom feed.

/// The feed of one language: its latest `limit` stories, newest first.
fn feed(r: &LangRender<'_>, limit: usize) -> Feed {
    Feed {
        id: r.permalink_in(r.lang, FEED_PATH),
        alternate: r.permalink_in(r.lang, "/"),
        title: r.loc.title.clone(),
        subtitle: Some(r.loc.description.clone()),
        lang: r.lang.script.bcp47().to_string(),
        author: r.loc.title.clone(),
        now: r.inputs.now,
        entries: r
            .site
            .stories
            .iter()
            .take(limit)
            .filter_map(|&i| feed_entry(r, i))
            .collect(),
    }
}

fn feed_entry(r: &LangRender<'_>, i: usize) -> Option<feeds::Entry> {
    let (Kind::Story(story), Details::Story(text)) = (&r.entry(i).doc.kind, &r.text(i).details)
    else {
        return None;
    };
    let url = r.permalink_in(r.lang, &r.entry(i).path);
    Some(feeds::Entry {
        id: url.clone(),
        url,
        title: r.text(i).title.clone(),
        published: in_site_zone(r, &story.date.zoned),
        updated: None,
        summary: r.text(i).summary.clone(),
        content_html: Some(r.kept_html(i).to_string()),
        author: text.author.clone(),
        categories: r
            .text(i)
            .tags
            .iter()
            .map(|&t| Category {
                term: r.site.tags[t].slug.clone(),
                label: r.loc.tags[t].clone(),
            })
            .collect(),
    })
}

// Calendars.

/// Each lecture's `.ics` and the calendar of all lectures, in one language.
fn calendars(r: &LangRender<'_>) -> Vec<(String, String)> {
    let lectures: Vec<(usize, CalEvent)> = r
        .site
        .upcoming_lectures
        .iter()
        .chain(&r.site.past_lectures)
        .filter_map(|&i| cal_event(r, i).map(|event| (i, event)))
        .collect();
    let mut files: Vec<(String, String)> = lectures
        .iter()
        .map(|(i, event)| {
            let path = r.lang.output_path(&lecture_ics_path(r.entry(*i)));
            (path, calendar::render(&calendar(r, vec![event.clone()])))
        })
        .collect();
    let all = lectures.into_iter().map(|(_, event)| event).collect();
    files.push((
        r.lang.output_path(CALENDAR_PATH),
        calendar::render(&calendar(r, all)),
    ));
    files
}

fn calendar(r: &LangRender<'_>, events: Vec<CalEvent>) -> Calendar {
    Calendar {
        name: format!("{} · {}", r.loc.title, r.word("lectures")),
        description: Some(r.loc.description.clone()),
        timezone: r.site.config.timezone_name.clone(),
        host: host(r.inputs.base_url).to_string(),
        lang: r.lang.script.bcp47().to_string(),
        dtstamp: r.inputs.now,
        events,
    }
}

/// The site's host for `PRODID` and UIDs; `localhost` for a site without a `base_url`.
fn host(base: &BaseUrl) -> &str {
    match base.origin.split_once("://") {
        Some((_, host)) if !host.is_empty() => host,
        _ => "localhost",
    }
}

/// The UID of a lecture: its path under the base, at the site's host
/// (`changxin/lectures/a@example.org`). The same in every language: it is one event, so a
/// reader who adds it from both scripts keeps one entry in their calendar, and it never
/// changes between builds.
fn uid(base: &BaseUrl, entry_path: &str) -> String {
    let path = base.join(entry_path);
    format!("{}@{}", path.trim_matches('/'), host(base))
}

fn cal_event(r: &LangRender<'_>, i: usize) -> Option<CalEvent> {
    let entry = r.entry(i);
    let (Kind::Lecture(lecture), Details::Lecture(text)) = (&entry.doc.kind, &r.text(i).details)
    else {
        return None;
    };
    let url = r.permalink_in(r.lang, &entry.path);
    let organizer = r
        .site
        .relations
        .lecture_workshop
        .get(&i)
        .map(|&w| Organizer {
            name: r.text(w).title.clone(),
            address: r.permalink_in(r.lang, &r.entry(w).path),
        })
        .filter(|o| is_absolute(&o.address));
    let mut categories: Vec<String> = text.series.iter().cloned().collect();
    categories.extend(r.text(i).tags.iter().map(|&t| r.loc.tags[t].clone()));
    Some(CalEvent {
        uid: uid(r.inputs.base_url, &entry.path),
        start: in_site_zone(r, &lecture.start.zoned),
        end: lecture.end.as_ref().map(|end| in_site_zone(r, &end.zoned)),
        all_day: !lecture.start.has_time,
        summary: event_summary(r, &r.text(i).title, lecture.status),
        location: match &text.address {
            Some(address) => format!("{}，{address}", text.venue),
            None => text.venue.clone(),
        },
        description: Some(event_description(r, i, text, &url)),
        url,
        status: lecture.status,
        organizer,
        categories,
    })
}

/// The title, marked `【已取消】` or `【已延期】` in the language's script: a calendar shows
/// little more than the summary, and not every app shows `STATUS`.
fn event_summary(r: &LangRender<'_>, title: &str, status: LectureStatus) -> String {
    match status {
        LectureStatus::Scheduled => title.to_string(),
        LectureStatus::Cancelled => format!("【{}】{title}", r.word("status_cancelled")),
        LectureStatus::Postponed => format!("【{}】{title}", r.word("status_postponed")),
    }
}

/// The notice of a cancelled or postponed lecture, speaker, registration, capacity, the
/// summary (else the start of the body), and the page's address, one per line.
fn event_description(r: &LangRender<'_>, i: usize, text: &LectureText, url: &str) -> String {
    let mut lines = Vec::new();
    match text.status {
        LectureStatus::Scheduled => {}
        LectureStatus::Cancelled => lines.push(r.word("cancelled_note").to_string()),
        LectureStatus::Postponed => lines.push(r.word("postponed_note").to_string()),
    }
    let speaker = match &text.speaker_title {
        Some(title) => format!("{}（{title}）", text.speaker),
        None => text.speaker.clone(),
    };
    lines.push(format!("{}：{speaker}", r.word("speaker")));
    if let Some(registration) = &text.registration {
        lines.push(format!("{}：{registration}", r.word("registration")));
    }
    if let Some(capacity) = text.capacity {
        let n = r.word("capacity_n").replace("{n}", &capacity.to_string());
        lines.push(format!("{}：{n}", r.word("capacity")));
    }
    let about = r
        .text(i)
        .summary
        .clone()
        .or_else(|| excerpt(r.excerpt_source(i), CALENDAR_EXCERPT));
    lines.extend(about);
    lines.push(url.to_string());
    lines.join("\n")
}

/// A time of the site in the site's time zone (a time written with its own offset keeps
/// its instant).
pub(super) fn in_site_zone(r: &LangRender<'_>, zoned: &Zoned) -> Zoned {
    zoned.with_time_zone(r.site.config.timezone.clone())
}

/// A date, or a date and time, of the site in the site's time zone.
pub(super) fn when_in_site_zone(r: &LangRender<'_>, when: &When) -> When {
    When {
        zoned: in_site_zone(r, &when.zoned),
        has_time: when.has_time,
    }
}
