//! The chain of event passes from a Markdown body to [`Rendered`]: the map of
//! this module. The passes that need the body's offsets (images, links) come
//! first; text passes follow; the writer is pulldown-cmark's. Pure: no IO.

use pulldown_cmark::{Options, Parser};

use super::convert_text::ConvertText;
use super::footnotes::Footnotes;
use super::headings::Headings;
use super::images::Images;
use super::links::Links;
use super::plain_text::PlainText;
use super::position::Cursor;
use super::soft_breaks::SoftBreaks;
use super::{MarkdownHost, Rendered};

/// Renders a Markdown body for one page: prose, alt text and titles in the
/// page's script (through `host`), links resolved, headings given ids; with
/// the links, images and headings found (positions are in `body`).
pub fn render(body: &str, host: &dyn MarkdownHost) -> Rendered {
    let mut rendered = Rendered::default();
    let Rendered {
        html,
        plain_text,
        links,
        images,
        headings,
    } = &mut rendered;
    let events = Parser::new_ext(body, options()).into_offset_iter();
    let events = Images::new(events, host, Cursor::new(body), images);
    let events = Links::new(events, host, Cursor::new(body), links).map(|(event, _)| event);
    let events = SoftBreaks::new(events);
    let events = ConvertText::new(events, host);
    let events = Headings::new(events, headings);
    let events = Footnotes::new(events);
    let events = PlainText::new(events, plain_text);
    html.reserve(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(html, events);
    let visible = rendered.plain_text.trim_end().len();
    rendered.plain_text.truncate(visible);
    rendered
}

/// GitHub-style tables, footnotes, strikethrough and task lists, and `{#id}`
/// on headings. No smart punctuation: authors type their own Chinese quotes.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}
