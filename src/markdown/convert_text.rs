//! Prose into the page's script. Adjacent text events are merged first (the
//! parser splits text at `[`, `&`, escapes…, which would cut `-{…}-` spans and
//! phrases in two), then sent through the host. Raw HTML goes to [`RawHtml`],
//! which converts its text and readable attributes; the lines of one HTML block
//! are read as one. An `Event::Html` outside an HTML block was built by an
//! earlier pass (an image) and is left alone. Code spans, code blocks, the text
//! of autolinks (a URL) and text inside a `<code>`, `<pre>`… opened by raw HTML
//! are never converted.

use std::iter::Peekable;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::MarkdownHost;
use super::raw_html::RawHtml;

/// Converts prose text events through `host.convert_text`.
pub(super) struct ConvertText<'a, 'r, I: Iterator<Item = Event<'a>>> {
    inner: Peekable<I>,
    host: &'r dyn MarkdownHost,
    /// Inside a code block or an autolink: text passes as written.
    verbatim: bool,
    /// The raw HTML seen so far: which verbatim elements it left open.
    raw: RawHtml,
    /// Between the start and the end of an HTML block.
    html_block: bool,
}

impl<'a, 'r, I: Iterator<Item = Event<'a>>> ConvertText<'a, 'r, I> {
    pub(super) fn new(inner: I, host: &'r dyn MarkdownHost) -> Self {
        ConvertText {
            inner: inner.peekable(),
            host,
            verbatim: false,
            raw: RawHtml::default(),
            html_block: false,
        }
    }

    /// `first` and the text events right after it, as one converted event.
    fn prose(&mut self, first: CowStr<'a>) -> Event<'a> {
        let mut text = match self.inner.peek() {
            Some(Event::Text(_)) => first.into_string(),
            _ => return Event::Text(self.host.convert_text(&first).into()),
        };
        while let Some(Event::Text(next)) = self.inner.next_if(|e| matches!(e, Event::Text(_))) {
            text.push_str(&next);
        }
        Event::Text(self.host.convert_text(&text).into())
    }

    /// `first` and the rest of its HTML block (lines, and the indentation the
    /// parser adds as text), as one event.
    fn html_block(&mut self, first: CowStr<'a>) -> Event<'a> {
        let in_block = |e: &Event<'_>| matches!(e, Event::Html(_) | Event::Text(_));
        let html = match self.inner.peek() {
            Some(next) if in_block(next) => {
                let mut html = first.into_string();
                while let Some(Event::Html(next) | Event::Text(next)) = self.inner.next_if(in_block)
                {
                    html.push_str(&next);
                }
                html.into()
            }
            _ => first,
        };
        Event::Html(self.raw.convert(html, self.host))
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for ConvertText<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = match self.inner.next()? {
            Event::Html(html) | Event::Text(html) if self.html_block => {
                return Some(self.html_block(html));
            }
            Event::Text(text) if !self.verbatim && !self.raw.verbatim() => {
                return Some(self.prose(text));
            }
            Event::InlineHtml(html) => {
                return Some(Event::InlineHtml(self.raw.convert(html, self.host)));
            }
            event => event,
        };
        match &event {
            Event::Start(Tag::CodeBlock(_)) => self.verbatim = true,
            Event::Start(Tag::Link { link_type, .. }) if shows_its_url(*link_type) => {
                self.verbatim = true;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Link) => self.verbatim = false,
            Event::Start(Tag::HtmlBlock) => self.html_block = true,
            Event::End(TagEnd::HtmlBlock) => self.html_block = false,
            _ => {}
        }
        Some(event)
    }
}

/// Autolinks show their destination as their text.
fn shows_its_url(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::Autolink | LinkType::Email)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::render::options;
    use crate::markdown::test_host::TestHost;

    fn html(markdown: &str) -> String {
        let host = TestHost::hant();
        let mut out = String::new();
        let events = ConvertText::new(Parser::new_ext(markdown, options()), &host);
        pulldown_cmark::html::push_html(&mut out, events);
        out
    }

    #[test]
    fn prose_is_converted_and_code_and_markup_are_not() {
        let cases = [
            ("社区干部头发", "<p>社區幹部頭髮</p>\n"),
            (
                "运行 `后来 = 干净`",
                "<p>運行 <code>后来 = 干净</code></p>\n",
            ),
            (
                "```\n社区 发展\n```",
                "<pre><code>社区 发展\n</code></pre>\n",
            ),
            ("    社区缩进代码", "<pre><code>社区缩进代码</code></pre>\n"),
            (
                "<span title=\"社区\" class=\"社区\">社区</span>",
                "<p><span title=\"社區\" class=\"社区\">社區</span></p>\n",
            ),
            (
                "<div class=\"社区\">\n社区\n</div>",
                "<div class=\"社区\">\n社區\n</div>",
            ),
            (
                "居民<code>头发</code>、<kbd>干部 `后来`</kbd>发展",
                "<p>居民<code>头发</code>、<kbd>干部 <code>后来</code></kbd>發展</p>\n",
            ),
            (
                "<https://example.org/社区>",
                "<p><a href=\"https://example.org/%E7%A4%BE%E5%8C%BA\">https://example.org/社区</a></p>\n",
            ),
            (
                "[社区](社区.md)",
                "<p><a href=\"%E7%A4%BE%E5%8C%BA.md\">社區</a></p>\n",
            ),
        ];
        for (markdown, want) in cases {
            assert_eq!(html(markdown), want, "{markdown:?}");
        }
    }

    #[test]
    fn text_split_by_the_parser_is_converted_as_one() {
        let cases = [
            ("-{长欣}-社区[党委", "<p>长欣社區[黨委</p>\n"),
            ("-{发[展}-发展", "<p>发[展發展</p>\n"),
            ("居民&amp;-{干部}-", "<p>居民&amp;干部</p>\n"),
            ("头\\*发", "<p>頭*發</p>\n"),
        ];
        for (markdown, want) in cases {
            assert_eq!(html(markdown), want, "{markdown:?}");
        }
    }
}
