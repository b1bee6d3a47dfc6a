//! Saved web pages (.html, .htm) → `Article`: the article's main text (the element a page
//! marks as the article, else the one holding the most paragraph text), without scripts,
//! navigation, headers, footers or inline styles. Images from `data-src` (lazy loading) or
//! `src`. Pure: no IO.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::table::{self, Cell, Rows};
use super::{Article, Block, Inline, ListItem, Picture, PictureSource};
use crate::encoding;

/// Where article pages (WeChat, CMS templates) keep the text, most specific first.
const MAIN: &[&str] = &[
    "#js_content",
    "[itemprop=articleBody]",
    "article",
    ".article-content",
    ".rich_media_content",
    "#content",
    "main",
];

const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button",
    "select", "input", "textarea", "svg", "template", "head",
];

pub(crate) fn read(bytes: &[u8]) -> Article {
    let text = encoding::decode(bytes).text;
    let page = Html::parse_document(&text);
    let mut article = Article {
        title: page_title(&page),
        property_dates: page_dates(&page),
        ..Article::default()
    };
    let main = main_element(&page);
    if let Some(main) = main {
        let notes = Notes::find(main, page.root_element());
        let mut walker = Walker::new(&notes);
        walker.children(main);
        walker.flush();
        let blocks = walker.blocks;
        let (blocks, found) = notes.resolve(blocks);
        article.blocks = blocks;
        article.notes = found;
    }
    article
}

fn select<'a>(page: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(css).ok()?;
    page.select(&selector).next()
}

fn page_title(page: &Html) -> Option<String> {
    ["#activity-name", "h1", "meta[property='og:title']", "title"]
        .iter()
        .find_map(|css| {
            let el = select(page, css)?;
            let text = el
                .value()
                .attr("content")
                .map(str::to_string)
                .unwrap_or_else(|| el.text().collect());
            let text = super::tidy(&text);
            (!text.is_empty()).then_some(text)
        })
}

fn page_dates(page: &Html) -> Vec<String> {
    let mut dates = Vec::new();
    for css in [
        "meta[property='article:published_time']",
        "meta[name=publishdate]",
        "time[datetime]",
        "#publish_time",
    ] {
        if let Some(el) = select(page, css) {
            let attr = el
                .value()
                .attr("content")
                .or_else(|| el.value().attr("datetime"));
            dates.push(
                attr.map(str::to_string)
                    .unwrap_or_else(|| el.text().collect()),
            );
        }
    }
    dates
}

/// The element a page marks as its article, else the one with the most paragraph text.
fn main_element(page: &Html) -> Option<ElementRef<'_>> {
    if let Some(found) = MAIN.iter().find_map(|css| select(page, css)) {
        return Some(found);
    }
    let paragraphs = Selector::parse("p").ok()?;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut scores: Vec<(usize, ElementRef<'_>)> = Vec::new();
    for p in page.select(&paragraphs) {
        let len = p.text().map(|t| t.trim().chars().count()).sum::<usize>();
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        match scores.iter_mut().find(|(_, el)| el.id() == parent.id()) {
            Some(entry) => entry.0 += len,
            None => scores.push((len, parent)),
        }
    }
    for (score, el) in scores {
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, el));
        }
    }
    best.map(|(_, el)| el).or_else(|| select(page, "body"))
}

/// Walks the main element, gathering inline content into the current paragraph and closing
/// it at each block element.
struct Walker<'n> {
    blocks: Vec<Block>,
    current: Vec<Inline>,
    notes: &'n Notes,
}

impl<'n> Walker<'n> {
    fn new(notes: &'n Notes) -> Walker<'n> {
        Walker {
            blocks: Vec::new(),
            current: Vec::new(),
            notes,
        }
    }

    fn flush(&mut self) {
        let inlines = std::mem::take(&mut self.current);
        let has_image = inlines.iter().any(|i| matches!(i, Inline::Image(_)));
        if has_image || !super::plain(&inlines).trim().is_empty() {
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    fn children(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.current.push(Inline::Text(text.to_string())),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if DROPPED.contains(&name)
            || el.value().attr("hidden").is_some()
            || self.notes.skipped.contains(&el.id())
        {
            return;
        }
        if let Some(reference) = self.notes.reference(el) {
            let index = self.notes.refer(reference);
            self.current.push(Inline::Note(index));
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<u8>().unwrap_or(2);
                let inlines = inlines_of(el, self.notes);
                if !super::plain(&inlines).trim().is_empty() {
                    self.blocks.push(Block::Heading(level, inlines));
                }
            }
            "ul" | "ol" => {
                self.flush();
                let items: Vec<ListItem> = el
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|li| li.value().name() == "li")
                    .map(|li| item_of(li, self.notes))
                    .filter(|i| !super::plain(&i.inlines).trim().is_empty() || !i.nested.is_empty())
                    .collect();
                if !items.is_empty() {
                    self.blocks.push(Block::List {
                        ordered: name == "ol",
                        items,
                    });
                }
            }
            "table" => {
                self.flush();
                let rows = Selector::parse("tr").map(|tr| {
                    el.select(&tr)
                        .map(|row| {
                            row.children()
                                .filter_map(ElementRef::wrap)
                                .filter(|c| matches!(c.value().name(), "td" | "th"))
                                .map(|c| table_cell(c, self.notes))
                                .collect::<Vec<_>>()
                        })
                        .filter(|r| !r.is_empty())
                        .collect::<Vec<_>>()
                });
                if let Ok(rows) = rows
                    && !rows.is_empty()
                {
                    self.blocks.push(table::lay_out(rows));
                }
            }
            "figcaption" => {}
            "figure" => {
                self.flush();
                let caption = Selector::parse("figcaption")
                    .ok()
                    .and_then(|s| el.select(&s).next())
                    .map(|c| super::tidy(&c.text().collect::<String>()));
                let before = self.current.len();
                self.children(el);
                if let Some(caption) = caption.filter(|c| !c.is_empty()) {
                    for inline in &mut self.current[before..] {
                        if let Inline::Image(picture) = inline {
                            picture.alt = caption.clone();
                        }
                    }
                }
                self.flush();
            }
            "p" | "div" | "section" | "blockquote" | "li" | "dd" | "dt" | "pre" | "center" => {
                self.flush();
                self.children(el);
                self.flush();
            }
            "br" => {}
            _ => {
                let mut inner = Walker::new(self.notes);
                let inline = inline_element(el, &mut inner);
                if inner.blocks.is_empty() {
                    self.current.extend(inline);
                } else {
                    // An inline element that holds blocks (a <span> around paragraphs).
                    self.flush();
                    self.blocks.extend(inner.blocks);
                    self.current.extend(inner.current);
                }
            }
        }
    }
}

/// The inline content of a block element (list item, cell, heading).
/// A list inside keeps its items' text, in order.
fn inlines_of(el: ElementRef<'_>, notes: &Notes) -> Vec<Inline> {
    flatten(item_of(el, notes))
}

fn flatten(item: ListItem) -> Vec<Inline> {
    let mut inlines = item.inlines;
    for block in item.nested {
        if let Block::List { items, .. } = block {
            for nested in items {
                inlines.push(Inline::Text(" ".into()));
                inlines.extend(flatten(nested));
            }
        }
    }
    inlines
}

/// A list item: its text as one line, and the lists nested in it.
fn item_of(el: ElementRef<'_>, notes: &Notes) -> ListItem {
    let mut walker = Walker::new(notes);
    walker.children(el);
    let mut item = ListItem::new(Vec::new());
    for block in walker.blocks {
        match block {
            Block::Paragraph(i) | Block::Heading(_, i) => {
                if !item.inlines.is_empty() {
                    item.inlines.push(Inline::Text(" ".into()));
                }
                item.inlines.extend(i);
            }
            list @ Block::List { .. } => item.nested.push(list),
            Block::Table { .. } | Block::Markdown(_) => {}
        }
    }
    item.inlines.extend(walker.current);
    item
}

/// A `td`/`th` with its `colspan` and `rowspan`.
fn table_cell(el: ElementRef<'_>, notes: &Notes) -> Cell {
    let span = |name: &str, most: usize| {
        el.value()
            .attr(name)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, most)
    };
    Cell {
        columns: span("colspan", 64),
        rows: Rows::Down(span("rowspan", 1000)),
        inlines: inlines_of(el, notes),
    }
}

/// An inline element as inlines: bold, italic, links and images kept, other tags (and their
/// styles) dropped around their text.
fn inline_element(el: ElementRef<'_>, walker: &mut Walker<'_>) -> Vec<Inline> {
    let name = el.value().name();
    if name == "img" {
        return picture(el).map(Inline::Image).into_iter().collect();
    }
    walker.children(el);
    let children = std::mem::take(&mut walker.current);
    let bold_style = el.value().attr("style").is_some_and(|s| {
        s.replace(' ', "").contains("font-weight:bold")
            || s.replace(' ', "").contains("font-weight:700")
    });
    match name {
        "strong" | "b" => vec![Inline::Strong(children)],
        "em" | "i" => vec![Inline::Emphasis(children)],
        // A link back from a note to its reference.
        "a" if walker.notes.in_note
            && el.value().attr("href").is_some_and(|h| h.starts_with('#')) =>
        {
            Vec::new()
        }
        "a" => match el.value().attr("href") {
            Some(href) if href.starts_with("http") || href.starts_with("mailto:") => {
                vec![Inline::Link {
                    href: href.to_string(),
                    children,
                }]
            }
            _ => children,
        },
        "span" if bold_style => vec![Inline::Strong(children)],
        _ => children,
    }
}

fn picture(img: ElementRef<'_>) -> Option<Picture> {
    let value = img.value();
    // A `data:` URL in `src` is often a lazy-loading placeholder: the real image wins.
    let sources: Vec<&str> = ["data-src", "data-original", "data-actualsrc", "src"]
        .iter()
        .filter_map(|a| value.attr(a))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let src = *sources
        .iter()
        .find(|s| !s.starts_with("data:"))
        .or(sources.first())?;
    let alt = value
        .attr("alt")
        .or_else(|| value.attr("title"))
        .map(super::tidy)
        .filter(|a| !a.is_empty() && !looks_like_file_name(a))
        .unwrap_or_default();
    let source = if let Some(data) = src.strip_prefix("data:") {
        data_image(data)
    } else if src.starts_with("http://") || src.starts_with("https://") {
        PictureSource::Remote(src.to_string())
    } else if let Some(rest) = src.strip_prefix("//") {
        PictureSource::Remote(format!("https://{rest}"))
    } else {
        let path = src.split(['?', '#']).next().unwrap_or(src);
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned();
        PictureSource::Local(decoded.trim_start_matches("./").to_string())
    };
    Some(Picture { source, alt })
}

/// The bytes of a `data:` URL (after `data:`): base64 or percent-encoded. Bytes that do not
/// decode are kept empty, so the image is reported as one that could not be brought over.
fn data_image(data: &str) -> PictureSource {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    let (meta, payload) = data.split_once(',').unwrap_or((data, ""));
    let bytes = if meta.ends_with(";base64") {
        let compact: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
        STANDARD
            .decode(&compact)
            .or_else(|_| STANDARD_NO_PAD.decode(compact.trim_end_matches('=')))
            .or_else(|_| URL_SAFE_NO_PAD.decode(compact.trim_end_matches('=')))
            .unwrap_or_default()
    } else {
        percent_encoding::percent_decode_str(payload).collect()
    };
    let kind = meta.split(';').next().unwrap_or("");
    PictureSource::Embedded {
        name: format!("网页里直接嵌入的图片（{kind}）"),
        bytes,
    }
}

fn looks_like_file_name(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
        || lower == "image"
        || lower == "图片"
}

/// A note title a page writes above its numbered notes (WeChat and news sites).
const NOTE_TITLES: &[&str] = &[
    "注",
    "注释",
    "註釋",
    "注解",
    "註解",
    "尾注",
    "附注",
    "参考文献",
    "參考文獻",
    "参考资料",
    "參考資料",
    "notes",
    "references",
];

/// The footnotes of a page: notes it links to (`<sup><a href="#fn1">`, `a.footnote-ref`,
/// Word's `#_ftn1`), read before the walk and left out of the body, and the references met
/// during the walk, including bare `[1]` superscripts resolved afterwards against a
/// `注释`/`参考文献` list at the end.
struct Notes {
    /// Link target (`fn1`) → the note's text.
    bodies: HashMap<String, Vec<Inline>>,
    /// The notes and their container: not part of the body.
    skipped: HashSet<NodeId>,
    /// Every reference in reading order; `Inline::Note(i)` points here until `resolve`.
    refs: RefCell<Vec<Reference>>,
    /// Reading a note's own text: links back to the reference are dropped.
    in_note: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Reference {
    /// A link to the note with this id.
    Link(String),
    /// A bare superscript number, and how it was written.
    Number(u32, String),
}

impl Notes {
    fn empty(in_note: bool) -> Notes {
        Notes {
            bodies: HashMap::new(),
            skipped: HashSet::new(),
            refs: RefCell::new(Vec::new()),
            in_note,
        }
    }

    /// The notes the references in `main` link to, anywhere on the `page` (Word puts them
    /// after the section that holds the text).
    fn find(main: ElementRef<'_>, page: ElementRef<'_>) -> Notes {
        let mut notes = Notes::empty(false);
        let mut by_id: HashMap<&str, ElementRef<'_>> = HashMap::new();
        for el in page.descendants().filter_map(ElementRef::wrap) {
            for name in ["id", "name"] {
                if let Some(id) = el.value().attr(name) {
                    by_id.entry(id).or_insert(el);
                }
            }
        }
        let reading = Notes::empty(true);
        // The notes found so far: a link inside one goes back to its reference.
        let mut found: HashSet<NodeId> = HashSet::new();
        for anchor in main.descendants().filter_map(ElementRef::wrap) {
            let seen = |id: NodeId| found.contains(&id) || notes.skipped.contains(&id);
            if anchor.ancestors().any(|a| seen(a.id())) {
                continue;
            }
            let Some(target) = link_target(anchor).filter(|_| looks_like_reference(anchor)) else {
                continue;
            };
            let Some(note) = by_id.get(target.as_str()).and_then(|t| note_block(*t)) else {
                continue;
            };
            if notes.bodies.contains_key(&target) {
                continue;
            }
            found.insert(note.id());
            let body = trim_marker(inlines_of(note, &reading));
            notes.bodies.insert(target, body);
            let container = note
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(is_note_list);
            notes.skipped.insert(container.unwrap_or(note).id());
        }
        notes
    }

    /// The reference `el` makes, if it is one: a link to a known note, or a bare
    /// superscript number.
    fn reference(&self, el: ElementRef<'_>) -> Option<Reference> {
        if self.in_note {
            return None;
        }
        let linked = std::iter::once(el)
            .chain(el.descendants().filter_map(ElementRef::wrap))
            .filter(|a| a.value().name() == "a")
            .find_map(link_target)
            .filter(|t| self.bodies.contains_key(t));
        match el.value().name() {
            "a" | "sup" if linked.is_some() => linked.map(Reference::Link),
            "sup" => {
                let written = super::tidy(&el.text().collect::<String>());
                note_number(&written).map(|n| Reference::Number(n, written))
            }
            _ => None,
        }
    }

    fn refer(&self, reference: Reference) -> usize {
        let mut refs = self.refs.borrow_mut();
        refs.push(reference);
        refs.len() - 1
    }

    /// The body with each reference pointing at its note (numbered in order of first
    /// reference), and the notes. A bare number without a note list stays as written.
    fn resolve(self, mut blocks: Vec<Block>) -> (Vec<Block>, Vec<Vec<Inline>>) {
        let refs = self.refs.into_inner();
        let listed = if refs.iter().any(|r| matches!(r, Reference::Number(..))) {
            take_note_list(&mut blocks, &refs)
        } else {
            HashMap::new()
        };
        let mut bodies = self.bodies;
        let mut order: Vec<Reference> = Vec::new();
        let mut notes = Vec::new();
        let mut point = |i: usize| -> Inline {
            let key = match refs.get(i) {
                Some(Reference::Number(n, written)) => match listed.get(n) {
                    Some(_) => Reference::Number(*n, String::new()),
                    None => return Inline::Text(written.clone()),
                },
                Some(link) => link.clone(),
                None => return Inline::Text(String::new()),
            };
            if let Some(at) = order.iter().position(|o| *o == key) {
                return Inline::Note(at);
            }
            let body = match &key {
                Reference::Link(id) => bodies.remove(id).unwrap_or_default(),
                Reference::Number(n, _) => listed.get(n).cloned().unwrap_or_default(),
            };
            order.push(key);
            notes.push(body);
            Inline::Note(notes.len() - 1)
        };
        for run in super::inline_runs_mut(&mut blocks) {
            point_notes(run, &mut point);
        }
        (blocks, notes)
    }
}

/// Replaces each `Inline::Note(i)` of `run` by `point(i)`, in reading order.
fn point_notes(run: &mut [Inline], point: &mut impl FnMut(usize) -> Inline) {
    for inline in run {
        match inline {
            Inline::Note(i) => *inline = point(*i),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                point_notes(c, point)
            }
            Inline::Text(_) | Inline::Image(_) => {}
        }
    }
}

/// `fn1` for `<a href="#fn1">`.
fn link_target(anchor: ElementRef<'_>) -> Option<String> {
    let href = anchor.value().attr("href")?.trim().strip_prefix('#')?;
    let id = percent_encoding::percent_decode_str(href).decode_utf8_lossy();
    (!id.is_empty()).then(|| id.into_owned())
}

/// A link that reads as a footnote mark: in or around a superscript, marked as one by its
/// class or role, or a number such as `[1]` (a table of contents links with words).
fn looks_like_reference(anchor: ElementRef<'_>) -> bool {
    let value = anchor.value();
    if value.classes().any(|c| c.contains("back")) || value.attr("role") == Some("doc-backlink") {
        return false;
    }
    let marked = value
        .classes()
        .any(|c| c.contains("footnote") || c.contains("noteref"))
        || value.attr("role") == Some("doc-noteref");
    let in_sup = anchor
        .ancestors()
        .take(2)
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "sup");
    let has_sup = anchor
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| d.value().name() == "sup");
    let text = super::tidy(&anchor.text().collect::<String>());
    marked || in_sup || has_sup || note_number(&text).is_some()
}

/// The block holding a note: the target itself, or the paragraph or list item around an
/// anchor (`<p><a name="_ftn1">[1]</a> …</p>`); never a heading.
fn note_block(target: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let block = std::iter::once(target)
        .chain(target.ancestors().filter_map(ElementRef::wrap))
        .find(|el| {
            matches!(
                el.value().name(),
                "li" | "p" | "div" | "dd" | "aside" | "section"
            )
        })?;
    let heading = std::iter::once(block)
        .chain(block.ancestors().filter_map(ElementRef::wrap))
        .any(|el| matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    (!heading).then_some(block)
}

/// The container of a page's notes (pandoc's `section.footnotes`, `div.footnote`, Word's
/// footnote list), left out with the notes.
fn is_note_list(el: &ElementRef<'_>) -> bool {
    let value = el.value();
    value.classes().any(|c| c.contains("footnote"))
        || matches!(value.attr("role"), Some("doc-endnotes" | "doc-footnotes"))
        || value
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("mso-element:footnote-list"))
}

/// `1` for `1`, `[1]`, `［1］`, `〔1〕`, `(1)` or `（1）`.
fn note_number(text: &str) -> Option<u32> {
    let inner = text
        .trim()
        .trim_start_matches(['[', '［', '〔', '(', '（'])
        .trim_end_matches([']', '］', '〕', ')', '）']);
    (!inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()))
        .then(|| inner.parse().ok())
        .flatten()
}

/// A note's text without the number it starts with (`[1] 见…`, `1. 见…`).
fn trim_marker(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(first)) = inlines.first_mut()
        && let Some((_, rest)) = split_marker(first)
    {
        *first = rest.to_string();
    }
    inlines
}

/// `(1, "见…")` for a line starting with a note number: `[1]`, `［1］`, `〔1〕`, `1.`,
/// `1、`, `（1）`, `注1：`.
fn split_marker(text: &str) -> Option<(u32, &str)> {
    let text = text.trim_start().trim_start_matches(['注', '註']);
    let (open, rest) = match text.chars().next()? {
        c @ ('[' | '［' | '〔' | '(' | '（') => (Some(c), &text[c.len_utf8()..]),
        _ => (None, text),
    };
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let number: u32 = rest[..digits].parse().ok()?;
    let after = &rest[digits..];
    let close = after.chars().next()?;
    let closes = match open {
        Some(_) => matches!(close, ']' | '］' | '〕' | ')' | '）'),
        None => matches!(close, '.' | '、' | '：' | ':' | '．'),
    };
    closes.then(|| {
        (
            number,
            after[close.len_utf8()..].trim_start_matches([' ', '\u{3000}']),
        )
    })
}

/// Takes the numbered notes a page lists under a `注释`/`参考文献` title near its end
/// (paragraphs starting `[1]`, or an ordered list) out of the body: number → text.
fn take_note_list(blocks: &mut Vec<Block>, refs: &[Reference]) -> HashMap<u32, Vec<Inline>> {
    let title = blocks.iter().rposition(|b| match b {
        Block::Heading(_, i) | Block::Paragraph(i) => {
            let text = super::plain(i);
            let text = text
                .trim()
                .trim_end_matches(['：', ':'])
                .trim()
                .to_lowercase();
            NOTE_TITLES.contains(&text.as_str())
        }
        _ => false,
    });
    let Some(title) = title else {
        return HashMap::new();
    };
    let mut listed = HashMap::new();
    let mut end = title + 1;
    while let Some(block) = blocks.get(end) {
        match block {
            Block::List {
                ordered: true,
                items,
            } => {
                for (n, item) in (1..).zip(items) {
                    listed.insert(n, item.inlines.clone());
                }
            }
            Block::Paragraph(inlines) => match listed_note(inlines, refs) {
                Some((n, text)) => {
                    listed.insert(n, text);
                }
                None => break,
            },
            _ => break,
        }
        end += 1;
    }
    if !listed.is_empty() {
        blocks.drain(title..end);
    }
    listed
}

/// A paragraph of a note list: its number (written as text, or as a superscript) and text.
fn listed_note(inlines: &[Inline], refs: &[Reference]) -> Option<(u32, Vec<Inline>)> {
    let mut rest = inlines.to_vec();
    match rest.first()? {
        Inline::Note(i) => match refs.get(*i)? {
            Reference::Number(n, _) => {
                let n = *n;
                rest.remove(0);
                Some((n, rest))
            }
            Reference::Link(_) => None,
        },
        Inline::Text(first) => {
            let (n, after) = split_marker(first)?;
            rest[0] = Inline::Text(after.to_string());
            Some((n, rest))
        }
        _ => None,
    }
}
