//! Printable A4 posters: one per lecture (`/lectures/a/poster/`) with QR codes for its page
//! and its calendar file, and a programme of the lectures of the next 31 days
//! (`/lectures/poster/`), in every language. Pure: no IO.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::localize::{DateText, Details};
use crate::output::{OutputBody, OutputSink};

use super::pages::PageHtml;
use super::share::{absolute_qr, poster_path};
use super::view::LangRender;

/// The site path of the programme poster, in each language.
pub(crate) const PROGRAMME_PATH: &str = "/lectures/poster/";
/// How far ahead of the build's "now" the programme poster looks.
const PROGRAMME_DAYS: i64 = 31;
/// The most lectures one A4 programme holds.
const PROGRAMME_MAX: usize = 8;

/// A poster's output path and HTML (or its template's error).
type Poster = (String, PageHtml);

/// One lecture as a poster shows it.
#[derive(Debug, Clone, Serialize)]
struct PosterLecture {
    title: String,
    series: Option<String>,
    /// `2026年12月6日（星期六）14:30—16:00`.
    when: String,
    iso: String,
    venue: String,
    speaker: String,
    speaker_title: Option<String>,
    capacity: Option<u32>,
    registration: Option<String>,
    /// `upcoming`, `past`, `cancelled` or `postponed`.
    status: &'static str,
    status_label: String,
    /// What a cancelled or postponed lecture's poster says in large type.
    notice: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct PosterView {
    lecture: PosterLecture,
    cover_html: Option<String>,
    qr_page: Option<String>,
    qr_calendar: Option<String>,
    /// The lecture's page in this language.
    back_url: String,
    css_url: String,
}

#[derive(Serialize)]
struct ProgrammeView {
    lectures: Vec<PosterLecture>,
    qr_page: Option<String>,
    lectures_url: String,
    css_url: String,
}

/// Puts every poster of every language into `sink`; a template that fails adds a diagnostic.
pub(crate) fn put(
    renders: &[LangRender<'_>],
    sink: &dyn OutputSink,
    paths: &mut BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let jobs: Vec<(&LangRender<'_>, Option<usize>)> = renders
        .iter()
        .flat_map(|r| {
            let lectures = r
                .site
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e.doc.kind, Kind::Lecture(_)))
                .map(|(i, _)| Some(i));
            std::iter::once(None).chain(lectures).map(move |i| (r, i))
        })
        .collect();
    let done: Vec<Poster> = jobs
        .par_iter()
        .filter_map(|&(r, i)| match i {
            Some(i) => lecture_poster(r, i),
            None => Some(programme(r)),
        })
        .collect();
    for (path, html) in done {
        match html {
            Ok(html) => {
                sink.put(&path, OutputBody::Bytes(html));
                paths.insert(path);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
}

/// A lecture's poster: its output path and HTML; `None` for an entry that is no lecture.
fn lecture_poster(r: &LangRender<'_>, i: usize) -> Option<Poster> {
    let entry = r.entry(i);
    let site_path = poster_path(&entry.path);
    let path = r.lang.output_path(&site_path);
    let lecture = poster_lecture(r, i)?;
    let image = r.page_image(i);
    let mut head = r.head(&site_path, &lecture.title, r.description(i));
    head.noindex = true;
    if let Some((_, og)) = image
        .as_ref()
        .filter(|(_, og)| super::share::fits_preview(og))
    {
        head.og_image = Some(og.clone());
    }
    let calendar = r.permalink_in(r.lang, &super::lecture_ics_path(entry));
    let view = PosterView {
        qr_page: absolute_qr(r, &lecture.url, r.word("poster_scan_page")),
        qr_calendar: absolute_qr(r, &calendar, r.word("poster_scan_calendar")),
        cover_html: image.map(|(html, _)| html),
        back_url: r.entry_url(i),
        css_url: css_url(r),
        lecture,
    };
    let mut context = r.context("lectures", head, Vec::new());
    context.insert("poster", view);
    let html = render(r, "poster.html", &site_path, context);
    Some((path, html))
}

fn programme(r: &LangRender<'_>) -> Poster {
    let now = r.inputs.now;
    let until = now
        .checked_add(jiff::SignedDuration::from_hours(24 * PROGRAMME_DAYS))
        .unwrap_or(now);
    let lectures: Vec<PosterLecture> = r
        .site
        .upcoming_lectures
        .iter()
        .filter(|&&i| match &r.entry(i).doc.kind {
            Kind::Lecture(l) => l.start.zoned.timestamp() < until,
            _ => false,
        })
        .take(PROGRAMME_MAX)
        .filter_map(|&i| poster_lecture(r, i))
        .collect();
    let title = r.word("poster_programme").to_string();
    let mut head = r.head(PROGRAMME_PATH, &title, r.loc.description.clone());
    head.noindex = true;
    let lectures_url = r.url("/lectures/");
    let view = ProgrammeView {
        lectures,
        qr_page: absolute_qr(
            r,
            &r.permalink_in(r.lang, "/lectures/"),
            r.word("poster_scan_page"),
        ),
        lectures_url,
        css_url: css_url(r),
    };
    let mut context = r.context("lectures", head, Vec::new());
    context.insert("poster", view);
    let path = r.lang.output_path(PROGRAMME_PATH);
    (path, render(r, "programme.html", PROGRAMME_PATH, context))
}

fn css_url(r: &LangRender<'_>) -> String {
    r.inputs
        .base_url
        .join(&format!("{}css/poster.css", super::THEME_DIR))
}

/// A poster's HTML: the previous build's when its template context is unchanged.
fn render(
    r: &LangRender<'_>,
    template: &str,
    site_path: &str,
    context: super::context::PageContext,
) -> PageHtml {
    let templates = r.inputs.templates;
    let cache = r.inputs.cache.filter(|_| templates.is_pure());
    let key = cache.map(|_| {
        context
            .key(r.page_key().text(template).text(site_path))
            .finish()
    });
    if let Some(html) = cache.zip(key.as_ref()).and_then(|(c, k)| c.page(k)) {
        return Ok(html);
    }
    let context = r.full_context(context.into_tera(None));
    let html: Arc<[u8]> = templates.render(template, &context)?.into_bytes().into();
    if let Some((cache, key)) = cache.zip(key) {
        cache.keep_page(key, &html);
    }
    Ok(html)
}

fn poster_lecture(r: &LangRender<'_>, i: usize) -> Option<PosterLecture> {
    let Details::Lecture(lecture) = &r.text(i).details else {
        return None;
    };
    let card = r.lecture_card(i)?;
    let notice = match card.status {
        "cancelled" => Some(r.word("poster_cancelled").to_string()),
        "postponed" => Some(r.word("poster_postponed").to_string()),
        _ => None,
    };
    Some(PosterLecture {
        title: r.text(i).title.clone(),
        series: lecture.series.clone(),
        when: poster_time(&lecture.start, lecture.end.as_ref()),
        iso: lecture.start.iso.clone(),
        venue: lecture.venue.clone(),
        speaker: lecture.speaker.clone(),
        speaker_title: lecture.speaker_title.clone(),
        capacity: lecture.capacity,
        registration: lecture.registration.clone(),
        status: card.status,
        status_label: card.status_label,
        notice,
        url: r.permalink_in(r.lang, &r.entry(i).path),
    })
}

/// A lecture's time as a poster prints it: `2026年12月6日（星期六）14:30—16:00`; a lecture
/// over several days names both days, each with its weekday.
pub(crate) fn poster_time(start: &DateText, end: Option<&DateText>) -> String {
    let day = |d: &DateText| format!("{}（{}）", d.date, d.weekday);
    let at = |d: &DateText| d.time.clone().unwrap_or_default();
    match end {
        Some(end) if end.date != start.date => {
            format!("{}{} 至 {}{}", day(start), at(start), day(end), at(end))
        }
        Some(end) if start.time.is_some() && end.time.is_some() => {
            format!("{}{}—{}", day(start), at(start), at(end))
        }
        _ => format!("{}{}", day(start), at(start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::When;

    fn date(text: &str, has_time: bool) -> DateText {
        let zoned: jiff::Zoned = format!("{text}+08:00[+08:00]").parse().unwrap();
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
        DateText::new(&When { zoned, has_time }, &tz)
    }

    #[test]
    fn poster_times_name_the_weekday_and_the_range() {
        let cases = [
            // (start, end, printed)
            (
                date("2026-12-05T14:30", true),
                Some(date("2026-12-05T16:00", true)),
                "2026年12月5日（星期六）14:30—16:00",
            ),
            (
                date("2026-12-05T14:30", true),
                None,
                "2026年12月5日（星期六）14:30",
            ),
            (
                date("2027-01-10T00:00", false),
                None,
                "2027年1月10日（星期日）",
            ),
            (
                date("2026-12-05T14:30", true),
                Some(date("2026-12-05T00:00", false)),
                "2026年12月5日（星期六）14:30",
            ),
            (
                date("2026-12-05T09:00", true),
                Some(date("2026-12-06T12:00", true)),
                "2026年12月5日（星期六）09:00 至 2026年12月6日（星期日）12:00",
            ),
        ];
        for (start, end, printed) in cases {
            assert_eq!(poster_time(&start, end.as_ref()), printed);
        }
    }
}
