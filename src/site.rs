//! Links parsed documents into a `Site`: which are published at the build's `now` (drafts,
//! `publish:`, `expires:`), URLs, duplicate URLs, aliases, workshop ↔ story/lecture relations,
//! tags, and lectures split at `now`. Pure: no IO.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::Serialize;

use crate::config::Config;
use crate::content::schedule::{self, Schedule};
use crate::content::{Document, Kind, LectureStatus, Section, When};
use crate::convert::{Converter, Script};
use crate::diagnostics::{Diagnostic, Span};

/// One output language: a script and the URL prefix it is served under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lang {
    pub script: Script,
    /// `""` for the first language, `"zh-hant/"` (or `"zh-hans/"`) for the second.
    pub prefix: &'static str,
}

impl Lang {
    /// The languages of a site in order: the first is served at `/`.
    pub fn all(config: &Config) -> Vec<Lang> {
        config
            .languages
            .iter()
            .enumerate()
            .map(|(i, &script)| Lang {
                script,
                prefix: match (i, script) {
                    (0, _) => "",
                    (_, Script::Hans) => "zh-hans/",
                    (_, Script::Hant) => "zh-hant/",
                },
            })
            .collect()
    }

    /// The URL path (under the base path) of a site path in this language:
    /// `/stories/a/` → `zh-hant/stories/a/` (no leading slash; join with `BaseUrl::join`).
    pub fn site_path(&self, path: &str) -> String {
        format!("{}{}", self.prefix, path.trim_start_matches('/'))
    }

    /// The output file of a site path in this language: `/stories/a/` → `zh-hant/stories/a/index.html`.
    pub fn output_path(&self, path: &str) -> String {
        let path = self.site_path(path);
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        }
    }
}

/// A published document and where it lives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub doc: Document,
    /// Language-neutral path under the site root: `/stories/slug/`, `/about/`, `/` for home.
    pub path: String,
}

/// A tag and the entries that carry it (newest story first, then others by path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// The tag's text in simplified script (tags written in either script are one tag).
    pub name_hans: String,
    /// URL slug (pinyin).
    pub slug: String,
    pub entries: Vec<usize>,
}

/// How entries refer to each other, by index into `Site::entries`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Relations {
    /// For each story entry: its workshops.
    pub story_workshops: BTreeMap<usize, Vec<usize>>,
    /// For each workshop entry: the stories that name it (newest first).
    pub workshop_stories: BTreeMap<usize, Vec<usize>>,
    /// For each workshop entry: its lectures (by start, ascending).
    pub workshop_lectures: BTreeMap<usize, Vec<usize>>,
    /// For each lecture entry: its workshop.
    pub lecture_workshop: BTreeMap<usize, usize>,
}

/// All published documents, linked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    pub config: Config,
    pub now: Timestamp,
    pub entries: Vec<Entry>,
    pub home: Option<usize>,
    /// Newest first.
    pub stories: Vec<usize>,
    /// By title order of the source (stable: by path).
    pub workshops: Vec<usize>,
    /// Start at or after `now`, ascending.
    pub upcoming_lectures: Vec<usize>,
    /// Start before `now`, descending.
    pub past_lectures: Vec<usize>,
    pub pages: Vec<usize>,
    /// Sorted by slug.
    pub tags: Vec<Tag>,
    pub relations: Relations,
    /// Old site path → new site path.
    pub aliases: BTreeMap<String, String>,
    /// Documents that wait for their `publish:` or are past their `expires:` at `now`
    /// (drafts only when drafts are shown), by source. A build leaves them out of
    /// `entries`; the preview keeps them there, marked.
    pub scheduled: Vec<Scheduled>,
    /// The first `publish:` or `expires:` after `now`: when the site must be built again
    /// to change on time.
    pub next_change: Option<When>,
}

/// A document that is not published at the build's `now` because of its dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scheduled {
    pub source: String,
    pub title: String,
    pub section: Section,
    pub slug: String,
    /// Where it is (or was, or will be) published: `/stories/slug/`.
    pub path: String,
    pub schedule: Schedule,
}

impl Site {
    pub fn langs(&self) -> Vec<Lang> {
        Lang::all(&self.config)
    }

    /// The entry for a content file path (`content/stories/a.md`), if published.
    pub fn entry_by_source(&self, source: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.doc.source == source)
    }
}

/// Everything `link` needs besides the documents.
pub struct LinkOptions<'a> {
    pub now: Timestamp,
    pub drafts: bool,
    /// Keeps documents that wait for their date or have expired (the preview, `check`);
    /// a build leaves them out.
    pub scheduled: bool,
    pub converter: &'a Converter,
    /// Turns a text into a URL slug (pinyin for Chinese).
    pub slugify: &'a dyn Fn(&str) -> String,
    /// The text of each content file by path, to place relation errors on their line.
    pub sources: &'a BTreeMap<&'a str, &'a str>,
}

/// Links documents into a `Site`. Errors: two files with one URL, an alias that collides,
/// a workshop slug that names no workshop.
pub fn link(
    config: Config,
    docs: Vec<Document>,
    options: &LinkOptions<'_>,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let docs: Vec<Document> = docs
        .into_iter()
        .filter(|d| options.drafts || !d.common.draft)
        .collect();
    let (scheduled, next_change) = schedule_of(&docs, options.now);
    // The one place a document's dates decide whether it is published: every output
    // (pages, lists, tags, feeds, sitemap, calendars, search, aliases) is made from `entries`.
    let mut entries: Vec<Entry> = docs
        .into_iter()
        .filter(|d| options.scheduled || Schedule::at(&d.common, options.now).is_live())
        .map(|doc| {
            let path = site_path(&doc);
            Entry { doc, path }
        })
        .collect();
    entries.sort_by(|a, b| a.doc.source.cmp(&b.doc.source));

    check_reserved(&entries, &config, &mut diagnostics);
    check_duplicates(&entries, &mut diagnostics);
    let aliases = link_aliases(&entries, &mut diagnostics);
    let stories = sorted_stories(&entries);
    let (upcoming_lectures, past_lectures) = split_lectures(&entries, options.now);
    let relations = link_relations(&entries, &stories, &scheduled, options, &mut diagnostics);
    let tags = collect_tags(&entries, &stories, options);
    let by_section = |section: Section| -> Vec<usize> {
        (0..entries.len())
            .filter(|&i| entries[i].doc.section == section)
            .collect()
    };
    let site = Site {
        home: by_section(Section::Home).first().copied(),
        workshops: by_section(Section::Workshops),
        pages: by_section(Section::Pages),
        config,
        now: options.now,
        stories,
        upcoming_lectures,
        past_lectures,
        tags,
        relations,
        aliases,
        entries,
        scheduled,
        next_change,
    };
    (site, diagnostics)
}

/// The documents not published at `now` because of their dates, and the first date after
/// `now` at which one of `docs` comes out or goes away.
fn schedule_of(docs: &[Document], now: Timestamp) -> (Vec<Scheduled>, Option<When>) {
    let scheduled = docs
        .iter()
        .filter_map(|doc| {
            let schedule = Schedule::at(&doc.common, now);
            (!schedule.is_live()).then(|| Scheduled {
                source: doc.source.clone(),
                title: doc.common.title.clone(),
                section: doc.section,
                slug: doc.slug.clone(),
                path: site_path(doc),
                schedule,
            })
        })
        .collect();
    let next_change = docs
        .iter()
        .filter_map(|doc| schedule::next_change(&doc.common, now))
        .min_by_key(|when| when.zoned.timestamp())
        .cloned();
    (scheduled, next_change)
}

/// SPEC "What a build writes": `/{section}/{slug}/`; free pages at `/{slug}/`; home at `/`.
fn site_path(doc: &Document) -> String {
    match doc.section {
        Section::Home => "/".to_string(),
        Section::Pages => format!("/{}/", doc.slug),
        section => format!("/{}/{}/", section.url_segment(), doc.slug),
    }
}

/// Free pages may not take the URL of a section list, the tag pages or the second language.
fn check_reserved(entries: &[Entry], config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    let mut reserved = vec![
        "stories",
        "workshops",
        "lectures",
        "tags",
        "static",
        "theme",
        "search",
        "search-index",
    ];
    reserved.extend(config.languages.iter().map(|s| s.code()));
    for entry in entries.iter().filter(|e| e.doc.section == Section::Pages) {
        if reserved.contains(&entry.doc.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "site.reserved-url",
                    Span::new(&entry.doc.source, 1, 1),
                    format!("页面地址 `{}` 已被网站占用，不能用作自由页面", entry.path),
                )
                .with_hint("在文件开头加一行 `slug: 其他名字`，或给文件改个名字"),
            );
        }
    }
}

fn check_duplicates(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_path: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in entries {
        by_path.entry(&entry.path).or_default().push(entry);
    }
    for (path, same) in by_path.into_iter().filter(|(_, v)| v.len() > 1) {
        for entry in &same {
            let others: Vec<&str> = same
                .iter()
                .filter(|o| o.doc.source != entry.doc.source)
                .map(|o| o.doc.source.as_str())
                .collect();
            diagnostics.push(
                Diagnostic::error(
                    "site.duplicate-url",
                    Span::new(&entry.doc.source, 1, 1),
                    format!("这个文件和 {} 会生成同一个网址 `{path}`", others.join("、")),
                )
                .with_hint("给其中一个文件改名，或在开头写一个不同的 `slug:`"),
            );
        }
    }
}

fn link_aliases(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    for entry in entries {
        for alias in &entry.doc.common.aliases {
            let alias = normalize_alias(alias);
            if entries.iter().any(|e| e.path == alias) || aliases.contains_key(&alias) {
                diagnostics.push(Diagnostic::error(
                    "site.alias-collision",
                    Span::new(&entry.doc.source, 1, 1),
                    format!("旧网址 `{alias}` 已经被另一个页面使用，不能再跳转到这里"),
                ));
                continue;
            }
            aliases.insert(alias, entry.path.clone());
        }
    }
    aliases
}

/// `old/story` → `/old/story/`.
fn normalize_alias(alias: &str) -> String {
    let trimmed = alias.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

fn story_date(entry: &Entry) -> Option<Timestamp> {
    match &entry.doc.kind {
        Kind::Story(story) => Some(story.date.zoned.timestamp()),
        _ => None,
    }
}

fn lecture_start(entry: &Entry) -> Option<Timestamp> {
    match &entry.doc.kind {
        Kind::Lecture(lecture) => Some(lecture.start.zoned.timestamp()),
        _ => None,
    }
}

/// Newest first; equal dates by path, so the order never depends on the file system.
fn sorted_stories(entries: &[Entry]) -> Vec<usize> {
    let mut stories: Vec<usize> = (0..entries.len())
        .filter(|&i| story_date(&entries[i]).is_some())
        .collect();
    stories.sort_by(|&a, &b| {
        story_date(&entries[b])
            .cmp(&story_date(&entries[a]))
            .then_with(|| entries[a].path.cmp(&entries[b].path))
    });
    stories
}

/// SPEC: upcoming (start at or after now) ascending; past descending.
fn split_lectures(entries: &[Entry], now: Timestamp) -> (Vec<usize>, Vec<usize>) {
    let mut lectures: Vec<(Timestamp, usize)> = (0..entries.len())
        .filter_map(|i| lecture_start(&entries[i]).map(|t| (t, i)))
        .collect();
    lectures.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| entries[a.1].path.cmp(&entries[b.1].path))
    });
    let (upcoming, mut past): (Vec<_>, Vec<_>) = lectures.into_iter().partition(|(t, _)| *t >= now);
    past.reverse();
    (
        upcoming.into_iter().map(|(_, i)| i).collect(),
        past.into_iter().map(|(_, i)| i).collect(),
    )
}

fn link_relations(
    entries: &[Entry],
    stories: &[usize],
    scheduled: &[Scheduled],
    options: &LinkOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Relations {
    let workshop_by_slug: BTreeMap<&str, usize> = (0..entries.len())
        .filter(|&i| entries[i].doc.section == Section::Workshops)
        .map(|i| (entries[i].doc.slug.as_str(), i))
        .collect();
    let mut relations = Relations::default();
    let mut find = |i: usize, field: &str, slug: &str| -> Option<usize> {
        let source = entries[i].doc.source.as_str();
        let found = workshop_by_slug.get(slug).copied();
        // Judged as the published site will have it, whether or not this build shows the
        // workshop (the preview and `check` do, marked).
        let held = scheduled
            .iter()
            .find(|s| s.section == Section::Workshops && s.slug == slug)
            .filter(|_| Schedule::at(&entries[i].doc.common, options.now).is_live());
        if let Some(held) = held {
            diagnostics.push(held_workshop(source, field, slug, held, options));
        } else if found.is_none() {
            diagnostics.push(unknown_workshop(
                source,
                field,
                slug,
                &workshop_by_slug,
                options,
            ));
        }
        found
    };
    for &i in stories {
        if let Kind::Story(story) = &entries[i].doc.kind {
            let linked: Vec<usize> = story
                .workshops
                .iter()
                .filter_map(|slug| find(i, "workshops", slug))
                .collect();
            for &w in &linked {
                relations.workshop_stories.entry(w).or_default().push(i);
            }
            relations.story_workshops.insert(i, linked);
        }
    }
    let mut lectures: Vec<usize> = (0..entries.len())
        .filter(|&i| lecture_start(&entries[i]).is_some())
        .collect();
    lectures.sort_by_key(|&i| (lecture_start(&entries[i]), entries[i].path.clone()));
    for i in lectures {
        if let Kind::Lecture(lecture) = &entries[i].doc.kind
            && let Some(slug) = &lecture.workshop
            && let Some(w) = find(i, "workshop", slug)
        {
            relations.lecture_workshop.insert(i, w);
            relations.workshop_lectures.entry(w).or_default().push(i);
        }
    }
    relations
}

fn unknown_workshop(
    source: &str,
    field: &str,
    slug: &str,
    known: &BTreeMap<&str, usize>,
    options: &LinkOptions<'_>,
) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        "site.unknown-workshop",
        workshop_span(source, field, slug, options),
        format!("`{field}` 里的工作室 `{slug}` 不存在"),
    );
    let diagnostic = with_source(diagnostic, source, options);
    let names: Vec<&str> = known.keys().copied().collect();
    let hint = if names.is_empty() {
        "content/workshops/ 里还没有工作室：先新建一个工作室文件".to_string()
    } else {
        format!("可用的工作室：{}", names.join("、"))
    };
    diagnostic.with_hint(hint)
}

/// A workshop named by a published document that waits for its date (an error, as for a
/// link to it) or has expired (a warning: the build that takes the workshop down must not
/// fail, or its page would stay online; the relation is left out).
fn held_workshop(
    source: &str,
    field: &str,
    slug: &str,
    held: &Scheduled,
    options: &LinkOptions<'_>,
) -> Diagnostic {
    let span = workshop_span(source, field, slug, options);
    let at = held.schedule.date_text();
    let diagnostic = if let Schedule::Expired(_) = held.schedule {
        Diagnostic::warning(
            "site.expired-workshop",
            span,
            format!("`{field}` 里的工作室 `{slug}` 已在 {at} 下线，这里不再显示它"),
        )
        .with_hint(format!("从 `{field}` 里删掉 `{slug}`"))
    } else {
        Diagnostic::error(
            "site.waiting-workshop",
            span,
            format!("`{field}` 里的工作室 `{slug}` 要到 {at} 才发布，现在还看不到它"),
        )
        .with_hint(format!(
            "给这一篇也写上 `publish: {at}`（或更晚），或者先从 `{field}` 里删掉 `{slug}`"
        ))
    };
    with_source(diagnostic, source, options)
}

/// Where `slug` is written in `field:` of `source` (the file's start when not found).
fn workshop_span(source: &str, field: &str, slug: &str, options: &LinkOptions<'_>) -> Span {
    let (line, col) = options
        .sources
        .get(source)
        .and_then(|text| find_value_line(text, field, slug))
        .unwrap_or((1, 1));
    Span::new(source, line, col)
}

/// `diagnostic` with the text of `source` to show its line under the message.
fn with_source(diagnostic: Diagnostic, source: &str, options: &LinkOptions<'_>) -> Diagnostic {
    match options.sources.get(source) {
        Some(text) => diagnostic.with_source(text),
        None => diagnostic,
    }
}

/// The line and column of `value` in the front matter, at or after the line of `field:`.
fn find_value_line(text: &str, field: &str, value: &str) -> Option<(usize, usize)> {
    let mut after_field = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with(&format!("{field}:")) {
            after_field = true;
        }
        if after_field && let Some(byte) = line.find(value) {
            return Some((n + 1, line[..byte].chars().count() + 1));
        }
        if n > 0 && line.trim_end() == "---" {
            break;
        }
    }
    None
}

fn collect_tags(entries: &[Entry], stories: &[usize], options: &LinkOptions<'_>) -> Vec<Tag> {
    // Stories first, newest first; then everything else by path.
    let mut order: Vec<usize> = stories.to_vec();
    let mut is_story = vec![false; entries.len()];
    for &i in stories {
        is_story[i] = true;
    }
    order.extend((0..entries.len()).filter(|&i| !is_story[i]));
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    // A site has a few dozen tag names used thousands of times: convert and slugify each once.
    let mut named: HashMap<(&str, Script), (String, String)> = HashMap::new();
    for i in order {
        let doc = &entries[i].doc;
        for tag in &doc.common.tags {
            let (name_hans, slug) = named
                .entry((tag.trim(), doc.script))
                .or_insert_with(|| {
                    let name = options
                        .converter
                        .convert(tag.trim(), doc.script, Script::Hans)
                        .into_owned();
                    let slug = (options.slugify)(&name);
                    (name, slug)
                })
                .clone();
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name_hans,
                slug,
                entries: Vec::new(),
            });
            // Entries are visited one at a time: a repeated tag of this entry is the last one.
            if tag.entries.last() != Some(&i) {
                tag.entries.push(i);
            }
        }
    }
    tags.into_values().collect()
}

/// Whether a lecture is marked cancelled or postponed (shown on lists and pages).
pub fn lecture_status(entry: &Entry) -> Option<LectureStatus> {
    match &entry.doc.kind {
        Kind::Lecture(lecture) => Some(lecture.status),
        _ => None,
    }
}
