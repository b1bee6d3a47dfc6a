//! Saved web pages (.html, .htm) → `Article`: the article's main text (the element a page
//! marks as the article, else the one holding the most paragraph text), without scripts,
//! navigation, headers, footers or inline styles. Images from `data-src` (lazy loading) or
//! `src`. Pure: no IO.

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
        let mut walker = Walker {
            blocks: Vec::new(),
            current: Vec::new(),
        };
        walker.children(main);
        walker.flush();
        article.blocks = walker.blocks;
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
struct Walker {
    blocks: Vec<Block>,
    current: Vec<Inline>,
}

impl Walker {
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
        if DROPPED.contains(&name) || el.value().attr("hidden").is_some() {
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<u8>().unwrap_or(2);
                let inlines = inlines_of(el);
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
                    .map(item_of)
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
                                .map(table_cell)
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
                let mut inner = Walker {
                    blocks: Vec::new(),
                    current: Vec::new(),
                };
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
fn inlines_of(el: ElementRef<'_>) -> Vec<Inline> {
    item_of(el).inlines
}

/// A list item: its text as one line, and the lists nested in it.
fn item_of(el: ElementRef<'_>) -> ListItem {
    let mut walker = Walker {
        blocks: Vec::new(),
        current: Vec::new(),
    };
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
fn table_cell(el: ElementRef<'_>) -> Cell {
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
        inlines: inlines_of(el),
    }
}

/// An inline element as inlines: bold, italic, links and images kept, other tags (and their
/// styles) dropped around their text.
fn inline_element(el: ElementRef<'_>, walker: &mut Walker) -> Vec<Inline> {
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
