//! The JSON-LD of a page: schema.org `Article` for a story, `Event` for a lecture, every
//! text in the page's script. `jsonld.rs` writes them; this builds them from a `LangRender`.
//! Pure: no IO.

use crate::content::Kind;
use crate::localize::{Details, LectureText, StoryText};

use super::jsonld::{self, Agent, ArticleLd, EventLd, OrganizationLd, PersonLd, PlaceLd};
use super::outputs::{in_site_zone, when_in_site_zone};
use super::view::{LangRender, OgImage};

/// The JSON-LD of entry `i`'s page (`None` for workshops and free pages); `image` is the
/// page's `og:image`, the cover.
pub(crate) fn page_jsonld(
    r: &LangRender<'_>,
    i: usize,
    description: &str,
    image: Option<&OgImage>,
) -> Option<String> {
    let images: Vec<String> = image.map(|og| og.url.clone()).into_iter().collect();
    match &r.text(i).details {
        Details::Story(story) => {
            article(r, i, story, description, images).map(|a| jsonld::article(&a))
        }
        Details::Lecture(lecture) => {
            event(r, i, lecture, description, images).map(|e| jsonld::event(&e))
        }
        Details::Workshop(_) | Details::Page => None,
    }
}

/// The site itself: the publisher of every story, the author of an unsigned one.
fn site_organization(r: &LangRender<'_>) -> OrganizationLd {
    OrganizationLd {
        name: r.loc.title.clone(),
        url: Some(r.permalink_in(r.lang, "/")),
        logo: None,
    }
}

fn article(
    r: &LangRender<'_>,
    i: usize,
    story: &StoryText,
    description: &str,
    images: Vec<String>,
) -> Option<ArticleLd> {
    let Kind::Story(source) = &r.entry(i).doc.kind else {
        return None;
    };
    let author = match &story.author {
        Some(name) => Agent::Person(PersonLd {
            name: name.clone(),
            job_title: None,
        }),
        None => Agent::Organization(site_organization(r)),
    };
    Some(ArticleLd {
        headline: r.text(i).title.clone(),
        description: Some(description.to_string()),
        date_published: when_in_site_zone(r, &source.date),
        date_modified: None,
        author,
        publisher: site_organization(r),
        images,
        lang: r.lang.script.bcp47().to_string(),
        url: r.permalink_in(r.lang, &r.entry(i).path),
        keywords: r
            .text(i)
            .tags
            .iter()
            .map(|&t| r.loc.tags[t].clone())
            .collect(),
    })
}

/// A lecture's organizer: its workshop when it names one, else the site.
fn organizer(r: &LangRender<'_>, i: usize) -> OrganizationLd {
    match r.site.relations.lecture_workshop.get(&i) {
        Some(&w) => OrganizationLd {
            name: r.text(w).title.clone(),
            url: Some(r.permalink_in(r.lang, &r.entry(w).path)),
            logo: None,
        },
        None => site_organization(r),
    }
}

fn event(
    r: &LangRender<'_>,
    i: usize,
    lecture: &LectureText,
    description: &str,
    images: Vec<String>,
) -> Option<EventLd> {
    let Kind::Lecture(source) = &r.entry(i).doc.kind else {
        return None;
    };
    Some(EventLd {
        name: r.text(i).title.clone(),
        description: Some(description.to_string()),
        start: in_site_zone(r, &source.start.zoned),
        end: source.end.as_ref().map(|end| in_site_zone(r, &end.zoned)),
        all_day: !source.start.has_time,
        status: lecture.status,
        location: PlaceLd {
            name: lecture.venue.clone(),
            address: lecture.address.clone(),
            locality: site_text(r, r.site.config.venue.locality.as_deref()),
            region: site_text(r, r.site.config.venue.region.as_deref()),
        },
        performer: PersonLd {
            name: lecture.speaker.clone(),
            job_title: lecture.speaker_title.clone(),
        },
        organizer: organizer(r, i),
        series: lecture.series.clone(),
        images,
        lang: r.lang.script.bcp47().to_string(),
        url: r.permalink_in(r.lang, &r.entry(i).path),
        capacity: lecture.capacity,
    })
}

/// A setting of site.yaml in the page's script.
fn site_text(r: &LangRender<'_>, text: Option<&str>) -> Option<String> {
    let converter = r.inputs.converter;
    let own = crate::localize::site_text_script(&r.site.config, converter);
    text.map(|t| converter.convert(t, own, r.lang.script).into_owned())
}
