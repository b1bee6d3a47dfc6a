//! List pages: each section's paginated list (`/stories/`, `/stories/page/2/`), the tag index
//! and one page per tag. Pure: no IO.

use serde::Serialize;

use crate::content::Section;

use super::pages::Page;
use super::view::{Crumb, EntryItem, LangRender, PageLink, Pagination, TagLink};

/// The entries a section list shows, in order. Lectures: upcoming ascending, then past
/// descending (SPEC "What a build writes").
pub(super) fn section_entries(r: &LangRender<'_>, section: Section) -> Vec<usize> {
    let site = r.site;
    match section {
        Section::Stories => site.stories.clone(),
        Section::Workshops => site.workshops.clone(),
        Section::Lectures => site
            .upcoming_lectures
            .iter()
            .chain(&site.past_lectures)
            .copied()
            .collect(),
        Section::Pages | Section::Home => Vec::new(),
    }
}

/// Entries per page; `paginate: 0` puts everything on one page.
fn per_page(r: &LangRender<'_>) -> usize {
    match r.site.config.paginate {
        0 => usize::MAX,
        n => n,
    }
}

/// How many pages a section's list has (at least one, even when empty).
pub(crate) fn page_count(r: &LangRender<'_>, section: Section) -> usize {
    section_entries(r, section)
        .len()
        .div_ceil(per_page(r))
        .max(1)
}

/// `/stories/` for page 1, `/stories/page/2/` after.
pub(crate) fn list_path(section: Section, n: usize) -> String {
    match n {
        1 => format!("/{}/", section.url_segment()),
        n => format!("/{}/page/{n}/", section.url_segment()),
    }
}

#[derive(Serialize)]
struct ListView<T: Serialize> {
    title: String,
    /// `stories`, `workshops` or `lectures`.
    section: &'static str,
    items: Vec<T>,
    /// Lectures only: the items of this page split at the build's now.
    upcoming: Vec<T>,
    past: Vec<T>,
    total: usize,
    /// This page's number, from 1.
    number: usize,
    pagination: Option<Pagination>,
}

/// Page `n` of a section's list.
pub(crate) fn section(r: &LangRender<'_>, section: Section, n: usize) -> Page {
    let all = section_entries(r, section);
    let per = per_page(r);
    let slice: Vec<usize> = all
        .iter()
        .skip((n - 1).saturating_mul(per))
        .take(per)
        .copied()
        .collect();
    let key = section.url_segment();
    let title = r.word(key).to_string();
    let site_path = list_path(section, n);
    let total_pages = page_count(r, section);
    let pagination = (total_pages > 1).then(|| pagination(r, section, n, total_pages));
    let head = r.head(
        &site_path,
        &numbered(r, &title, n),
        r.loc.description.clone(),
    );
    let mut context = r.context(key, head, list_crumbs(r, section, n));
    let total = all.len();
    let template = match section {
        Section::Stories => "stories.html",
        Section::Workshops => "workshops.html",
        _ => "lectures.html",
    };
    match section {
        Section::Stories => {
            let items = slice.iter().filter_map(|&i| r.story_card(i)).collect();
            context.insert("page", list_view(title, key, items, total, pagination));
        }
        Section::Workshops => {
            let items = slice.iter().filter_map(|&i| r.workshop_card(i)).collect();
            context.insert("page", list_view(title, key, items, total, pagination));
        }
        _ => {
            let items: Vec<_> = slice.iter().filter_map(|&i| r.lecture_card(i)).collect();
            let (upcoming, past) = items.iter().cloned().partition(|l| l.upcoming);
            let mut view = list_view(title, key, items, total, pagination);
            view.upcoming = upcoming;
            view.past = past;
            context.insert("page", view);
        }
    }
    Page {
        site_path,
        template,
        context,
    }
}

/// `案例故事` on page 1, `案例故事（第 2 页）` after.
fn numbered(r: &LangRender<'_>, title: &str, n: usize) -> String {
    match n {
        1 => title.to_string(),
        n => format!("{title}（{}）", page_words(r, n)),
    }
}

fn page_words(r: &LangRender<'_>, n: usize) -> String {
    r.word("page_n").replace("{n}", &n.to_string())
}

/// 首页 › 案例故事 (› 第 2 页).
fn list_crumbs(r: &LangRender<'_>, section: Section, n: usize) -> Vec<Crumb> {
    let mut crumbs = vec![
        Crumb {
            title: r.word("home").into(),
            url: Some(r.url("/")),
        },
        Crumb {
            title: r.word(section.url_segment()).into(),
            url: (n > 1).then(|| r.url(&list_path(section, 1))),
        },
    ];
    if n > 1 {
        crumbs.push(Crumb {
            title: page_words(r, n),
            url: None,
        });
    }
    crumbs
}

fn list_view<T: Serialize>(
    title: String,
    section: &'static str,
    items: Vec<T>,
    total: usize,
    pagination: Option<Pagination>,
) -> ListView<T> {
    ListView {
        title,
        section,
        items,
        upcoming: Vec::new(),
        past: Vec::new(),
        total,
        number: pagination.as_ref().map_or(1, |p| p.current),
        pagination,
    }
}

fn pagination(r: &LangRender<'_>, section: Section, current: usize, total: usize) -> Pagination {
    let url = |n: usize| r.url(&list_path(section, n));
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: page_window(current, total)
            .into_iter()
            .map(|n| {
                n.map(|number| PageLink {
                    number,
                    url: url(number),
                    current: number == current,
                })
            })
            .collect(),
    }
}

/// The page numbers to show: all of them up to 7, else the first, the last and the
/// neighbours of `current`, with `None` for each gap.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    if total <= 7 {
        return (1..=total).map(Some).collect();
    }
    let mut shown: Vec<usize> = vec![1, total];
    shown.extend(current.saturating_sub(1).max(1)..=(current + 1).min(total));
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (k, &n) in shown.iter().enumerate() {
        if k > 0 && n > shown[k - 1] + 1 {
            out.push(None);
        }
        out.push(Some(n));
    }
    out
}

#[derive(Serialize)]
struct TagIndexView {
    title: String,
    tags: Vec<TagLink>,
}

/// `/tags/`: every tag with its count.
pub(crate) fn tag_index(r: &LangRender<'_>) -> Page {
    let title = r.word("all_tags").to_string();
    let head = r.head("/tags/", &title, r.loc.description.clone());
    let crumbs = vec![
        Crumb {
            title: r.word("home").into(),
            url: Some(r.url("/")),
        },
        Crumb {
            title: r.word("tags").into(),
            url: None,
        },
    ];
    let mut context = r.context("tags", head, crumbs);
    let tags = (0..r.site.tags.len()).map(|t| r.tag_link(t)).collect();
    context.insert("page", TagIndexView { title, tags });
    Page {
        site_path: "/tags/".into(),
        template: "tags.html",
        context,
    }
}

#[derive(Serialize)]
struct TagView {
    title: String,
    name: String,
    items: Vec<EntryItem>,
    tags_url: String,
}

/// `/tags/{slug}/`: the entries that carry one tag.
pub(crate) fn tag(r: &LangRender<'_>, t: usize) -> Page {
    let tag = &r.site.tags[t];
    let name = r.loc.tags[t].clone();
    let title = format!("{}{name}", r.word("tag_prefix"));
    let site_path = format!("/tags/{}/", tag.slug);
    let head = r.head(&site_path, &title, r.loc.description.clone());
    let crumbs = vec![
        Crumb {
            title: r.word("home").into(),
            url: Some(r.url("/")),
        },
        Crumb {
            title: r.word("tags").into(),
            url: Some(r.url("/tags/")),
        },
        Crumb {
            title: name.clone(),
            url: None,
        },
    ];
    let mut context = r.context("tags", head, crumbs);
    let view = TagView {
        title,
        name,
        items: tag.entries.iter().map(|&i| r.entry_item(i)).collect(),
        tags_url: r.url("/tags/"),
    };
    context.insert("page", view);
    Page {
        site_path,
        template: "tag.html",
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_show_every_page_number() {
        assert_eq!(page_window(2, 3), vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn long_lists_show_ends_and_neighbours_with_gaps() {
        assert_eq!(
            page_window(5, 10),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
        );
        assert_eq!(page_window(1, 10), vec![Some(1), Some(2), None, Some(10)]);
        assert_eq!(page_window(10, 10), vec![Some(1), None, Some(9), Some(10)]);
    }

    #[test]
    fn list_paths_follow_the_spec() {
        assert_eq!(list_path(Section::Stories, 1), "/stories/");
        assert_eq!(list_path(Section::Lectures, 3), "/lectures/page/3/");
    }
}
