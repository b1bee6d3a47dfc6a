//! Single pages: home, story, workshop, lecture, free pages, 404 and alias redirects.
//! Each builds a template context from a `LangRender`; `render` dispatches every `Job`. Pure: no IO.

use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use crate::content::Section;
use crate::diagnostics::Diagnostic;
use crate::localize::{ContactText, DateText, Details};

use super::context::PageContext;
use super::view::{
    Body, BodyFacts, Crumb, LangRender, LectureCard, Link, StoryCard, TagLink, WorkshopCard,
};
use super::{Job, lecture_ics_path, linked_data, lists, share};

/// A page to render: its language-neutral site path, its template and its context.
pub(crate) struct Page {
    pub(crate) site_path: String,
    pub(crate) template: &'static str,
    pub(crate) context: PageContext,
}

/// A page's HTML, or the error of its template.
pub(crate) type PageHtml = Result<Arc<[u8]>, Box<Diagnostic>>;

/// One rendered job.
pub(crate) struct Rendered {
    /// The output path: `zh-hant/stories/a/index.html`.
    pub(crate) path: String,
    pub(crate) html: PageHtml,
    /// What other pages read of an entry page's body, rendered with it.
    pub(crate) body: Option<BodyFacts>,
}

/// Renders one job. An entry page renders its body with it, so that no body outlives its
/// page but for what other pages read of it (`LangRender::record`).
pub(crate) fn render(r: &LangRender<'_>, job: &Job) -> Rendered {
    let body = match job {
        Job::Entry(i) => Some((*i, r.body(*i))),
        _ => None,
    };
    render_with(r, job, body)
}

/// `render` with the entry's body already read (`body` is `Some` for an entry's job).
pub(crate) fn render_with(r: &LangRender<'_>, job: &Job, body: Option<(usize, Body)>) -> Rendered {
    let (page, body) = match (job, body) {
        (Job::Home, _) => (home(r), None),
        (Job::Entry(i), body) => {
            let body = body.map_or_else(|| r.body(*i), |(_, body)| body);
            (entry(r, *i, &body), Some((*i, body)))
        }
        (Job::List(section, n), _) => (lists::section(r, *section, *n), None),
        (Job::TagIndex, _) => (lists::tag_index(r), None),
        (Job::Tag(t), _) => (lists::tag(r, *t), None),
        (Job::NotFound, _) => (not_found(r), None),
        (Job::Search, _) => (search(r), None),
        (Job::Alias(from, to), _) => (alias(r, from, to), None),
    };
    let path = r.lang.output_path(&page.site_path);
    let html = html(r, page, body.as_ref());
    Rendered {
        path,
        html,
        body: body.map(|(i, body)| r.facts(i, body)),
    }
}

/// A page's HTML: the previous build's when its template context is unchanged (a list
/// page's context holds every card it shows, so it changes when any of them does). An
/// entry page's body is keyed by its cache key when it has one, else by its HTML; it goes
/// into the context only when the page is rendered.
fn html(r: &LangRender<'_>, page: Page, body: Option<&(usize, Body)>) -> PageHtml {
    let templates = r.inputs.templates;
    let Some(cache) = r.inputs.cache.filter(|_| templates.is_pure()) else {
        let html = body.map(|(i, body)| r.body_html(*i, body));
        return render_page(r, page.template, page.context.into_tera(html.as_deref()));
    };
    let key = page
        .context
        .key(r.page_key().text(page.template).text(&page.site_path));
    let key = match body {
        Some((
            _,
            Body {
                key: Some(body), ..
            },
        )) => key.bytes(body),
        Some((i, body)) => key.text(&r.body_html(*i, body)),
        None => key,
    }
    .finish();
    if let Some(html) = cache.page(&key) {
        return Ok(html);
    }
    let html = body.map(|(i, body)| r.body_html(*i, body));
    let html = render_page(r, page.template, page.context.into_tera(html.as_deref()))?;
    cache.keep_page(key, &html);
    Ok(html)
}

fn render_page(r: &LangRender<'_>, template: &str, own: Context) -> PageHtml {
    let html = r.inputs.templates.render(template, &r.full_context(own))?;
    Ok(html.into_bytes().into())
}

#[derive(Serialize)]
struct Intro {
    title: String,
    body_html: String,
}

#[derive(Serialize)]
struct HomeView {
    intro: Option<Intro>,
    stories: Vec<StoryCard>,
    upcoming: Vec<LectureCard>,
    past: Vec<LectureCard>,
    workshops: Vec<WorkshopCard>,
    stories_url: String,
    lectures_url: String,
    workshops_url: String,
}

/// How many cards of each kind the home page shows.
pub(crate) const HOME_STORIES: usize = 6;
pub(crate) const HOME_LECTURES: usize = 4;
pub(crate) const HOME_PAST_LECTURES: usize = 3;
pub(crate) const HOME_WORKSHOPS: usize = 8;

fn home(r: &LangRender<'_>) -> Page {
    let site = r.site;
    let intro = site.home.map(|i| Intro {
        title: r.text(i).title.clone(),
        body_html: r.kept_html(i).to_string(),
    });
    let view = HomeView {
        intro,
        stories: take(&site.stories, HOME_STORIES, |i| r.story_card(i)),
        upcoming: take(&site.upcoming_lectures, HOME_LECTURES, |i| {
            r.lecture_card(i)
        }),
        past: take(&site.past_lectures, HOME_PAST_LECTURES, |i| {
            r.lecture_card(i)
        }),
        workshops: take(&site.workshops, HOME_WORKSHOPS, |i| r.workshop_card(i)),
        stories_url: r.url("/stories/"),
        lectures_url: r.url("/lectures/"),
        workshops_url: r.url("/workshops/"),
    };
    let description = site
        .home
        .map_or_else(|| r.loc.description.clone(), |i| r.description(i));
    let mut head = r.head("/", &r.loc.title, description);
    if let Some((_, og)) = site.home.and_then(|i| r.page_image(i)) {
        set_og_image(&mut head, og);
    }
    let mut context = r.context("home", head, Vec::new());
    context.insert("page", view);
    Page {
        site_path: "/".into(),
        template: "index.html",
        context,
    }
}

fn take<T>(list: &[usize], n: usize, card: impl Fn(usize) -> Option<T>) -> Vec<T> {
    list.iter().take(n).filter_map(|&i| card(i)).collect()
}

/// What every entry page shows.
#[derive(Serialize)]
struct EntryView {
    title: String,
    summary: Option<String>,
    body_html: String,
    /// The cover (or photo) sized for the page.
    image_html: Option<String>,
    tags: Vec<TagLink>,
    url: String,
}

#[derive(Serialize)]
struct StoryView {
    date: DateText,
    community: String,
    district: Option<String>,
    author: Option<String>,
    workshops: Vec<Link>,
}

#[derive(Serialize)]
struct WorkshopView {
    leader: String,
    community: String,
    founded: Option<DateText>,
    focus: Vec<String>,
    contact: Option<ContactText>,
    stories: Vec<StoryCard>,
    upcoming: Vec<LectureCard>,
    past: Vec<LectureCard>,
}

#[derive(Serialize)]
struct LectureView {
    card: LectureCard,
    end: Option<DateText>,
    capacity: Option<u32>,
    registration: Option<String>,
    registration_is_url: bool,
    ics_url: String,
    workshop: Option<Link>,
    /// The notice shown for a cancelled or postponed lecture.
    notice: Option<String>,
}

/// An entry's page; its body's HTML goes into the context when the page is rendered (`html`).
fn entry(r: &LangRender<'_>, i: usize, body: &Body) -> Page {
    let entry = r.entry(i);
    let text = r.text(i);
    let image = r.page_image(i);
    let description = r.description_from(i, &body.excerpt_source);
    let og_image = image.as_ref().map(|(_, og)| og.clone());
    let jsonld = linked_data::page_jsonld(r, i, &description, og_image.as_ref());
    let mut head = r.head(&entry.path, &text.title, description);
    if let Some(og) = og_image {
        set_og_image(&mut head, og);
    }
    head.jsonld = jsonld;
    let (nav, crumbs) = crumbs(r, entry.doc.section, i);
    let view = EntryView {
        title: text.title.clone(),
        summary: text.summary.clone(),
        body_html: String::new(),
        image_html: image.map(|(html, _)| html),
        tags: r.tag_links(i),
        url: r.entry_url(i),
    };
    let template = match &text.details {
        Details::Story(_) => {
            head.og_type = "article";
            "story.html"
        }
        Details::Workshop(_) => "workshop.html",
        Details::Lecture(_) => "lecture.html",
        Details::Page => "page.html",
    };
    let mut context = r.context(&nav, head, crumbs);
    context.insert("page", view);
    if let Some(badge) = r.schedule_badge(i) {
        context.insert("schedule", badge);
    }
    if let Some(share) = share::share_view(r, i) {
        context.insert("share", share);
    }
    match &text.details {
        Details::Story(_) => context.insert("story", story_view(r, i)),
        Details::Workshop(_) => context.insert("workshop", workshop_view(r, i)),
        Details::Lecture(_) => context.insert("lecture", lecture_view(r, i)),
        Details::Page => {}
    }
    Page {
        site_path: entry.path.clone(),
        template,
        context,
    }
}

/// A cover's `og:image` replaces the site's picture when it makes a preview card.
fn set_og_image(head: &mut super::view::Head, og: super::view::OgImage) {
    if share::fits_preview(&og) {
        head.og_image = Some(og);
    }
}

/// The navigation key and breadcrumbs of an entry page: 首页 › section › title.
fn crumbs(r: &LangRender<'_>, section: Section, i: usize) -> (String, Vec<Crumb>) {
    let mut crumbs = vec![Crumb {
        title: r.word("home").into(),
        url: Some(r.url("/")),
    }];
    let nav = match section {
        Section::Stories | Section::Workshops | Section::Lectures => {
            let key = section.url_segment();
            crumbs.push(Crumb {
                title: r.word(key).into(),
                url: Some(r.url(&format!("/{key}/"))),
            });
            key.to_string()
        }
        Section::Pages | Section::Home => r.entry(i).path.clone(),
    };
    crumbs.push(Crumb {
        title: r.text(i).title.clone(),
        url: None,
    });
    (nav, crumbs)
}

fn story_view(r: &LangRender<'_>, i: usize) -> Option<StoryView> {
    let Details::Story(story) = &r.text(i).details else {
        return None;
    };
    let workshops = r
        .site
        .relations
        .story_workshops
        .get(&i)
        .map(|ws| ws.iter().map(|&w| r.link(w)).collect())
        .unwrap_or_default();
    Some(StoryView {
        date: story.date.clone(),
        community: story.community.clone(),
        district: story.district.clone(),
        author: story.author.clone(),
        workshops,
    })
}

fn workshop_view(r: &LangRender<'_>, i: usize) -> Option<WorkshopView> {
    let Details::Workshop(workshop) = &r.text(i).details else {
        return None;
    };
    let relations = &r.site.relations;
    let stories = relations
        .workshop_stories
        .get(&i)
        .map(|s| s.iter().filter_map(|&s| r.story_card(s)).collect())
        .unwrap_or_default();
    let lectures: Vec<LectureCard> = relations
        .workshop_lectures
        .get(&i)
        .map(|l| l.iter().filter_map(|&l| r.lecture_card(l)).collect())
        .unwrap_or_default();
    // SPEC: upcoming ascending, past descending.
    let (upcoming, mut past): (Vec<_>, Vec<_>) = lectures.into_iter().partition(|l| l.upcoming);
    past.reverse();
    Some(WorkshopView {
        leader: workshop.leader.clone(),
        community: workshop.community.clone(),
        founded: workshop.founded.clone(),
        focus: workshop.focus.clone(),
        contact: workshop.contact.clone(),
        stories,
        upcoming,
        past,
    })
}

fn lecture_view(r: &LangRender<'_>, i: usize) -> Option<LectureView> {
    let Details::Lecture(lecture) = &r.text(i).details else {
        return None;
    };
    let card = r.lecture_card(i)?;
    let notice = match card.status {
        "cancelled" => Some(r.word("cancelled_note").to_string()),
        "postponed" => Some(r.word("postponed_note").to_string()),
        _ => None,
    };
    Some(LectureView {
        card,
        end: lecture.end.clone(),
        capacity: lecture.capacity,
        registration: lecture.registration.clone(),
        registration_is_url: lecture.registration_is_url,
        ics_url: r.url(&lecture_ics_path(r.entry(i))),
        workshop: r
            .site
            .relations
            .lecture_workshop
            .get(&i)
            .map(|&w| r.link(w)),
        notice,
    })
}

#[derive(Serialize)]
struct NotFoundView {
    home_url: String,
}

/// SPEC: a 404 page at the root of each language (`404.html`, `zh-hant/404.html`).
fn not_found(r: &LangRender<'_>) -> Page {
    let title = r.word("not_found_title").to_string();
    let mut head = r.head("/404.html", &title, r.word("not_found_text").to_string());
    head.noindex = true;
    let mut context = r.context("", head, Vec::new());
    context.insert(
        "page",
        NotFoundView {
            home_url: r.url("/"),
        },
    );
    Page {
        site_path: "/404.html".into(),
        template: "404.html",
        context,
    }
}

#[derive(Serialize)]
struct SearchView {
    /// The index folder under the base (`/changxin/search-index/`).
    index_url: String,
    /// This language's home (`/changxin/zh-hant/`): result links are site paths under it.
    home_url: String,
    /// `zh-hans` or `zh-hant`: the documents to show.
    lang: &'static str,
    tags_url: String,
    script_url: String,
}

/// The search page: a form that works as a plain GET (`?q=`), results made by
/// `js/search.js` in the browser.
fn search(r: &LangRender<'_>) -> Page {
    let title = r.word("search").to_string();
    let mut head = r.head(
        crate::search::SEARCH_PATH,
        &title,
        r.word("search_help").to_string(),
    );
    head.noindex = true;
    let mut context = r.context("", head, Vec::new());
    context.insert(
        "page",
        SearchView {
            index_url: r.inputs.base_url.join(crate::search::INDEX_DIR),
            home_url: r.url("/"),
            lang: r.lang.script.code(),
            tags_url: r.url("/tags/"),
            script_url: r
                .inputs
                .base_url
                .join(&format!("{}js/search.js", super::THEME_DIR)),
        },
    );
    Page {
        site_path: crate::search::SEARCH_PATH.into(),
        template: "search.html",
        context,
    }
}

#[derive(Serialize)]
struct AliasView {
    /// The new page's path under the base, in this language.
    target_url: String,
    target_title: String,
}

/// A redirect from an old URL to the same-language page that replaced it.
fn alias(r: &LangRender<'_>, from: &str, to: &str) -> Page {
    let target = r.site.entries.iter().position(|e| e.path == to);
    let target_title = target.map_or_else(|| r.loc.title.clone(), |i| r.text(i).title.clone());
    // A forwarded old link shows the new page's card in chat apps.
    let description = target.map_or_else(|| r.word("moved_text").to_string(), |i| r.description(i));
    let mut head = r.head(to, &target_title, description);
    head.noindex = true;
    let mut context = r.context("", head, Vec::new());
    context.insert(
        "page",
        AliasView {
            target_url: r.url(to),
            target_title,
        },
    );
    Page {
        site_path: from.to_string(),
        template: "alias.html",
        context,
    }
}
