//! Links: each destination goes through the host (`../workshops/laoshuji.md` →
//! the page's URL in this language) and is recorded as a [`LinkRef`] with its
//! place in the body (an email autolink as `mailto:…`). A link's title is
//! converted; its destination never is, except the fragment of an anchor-only
//! link, since heading ids are converted text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::position::Cursor;
use super::{LinkRef, MarkdownHost};

/// Rewrites `Start(Link)` destinations and titles; passes everything else on.
pub(super) struct Links<'r, I> {
    inner: I,
    host: &'r dyn MarkdownHost,
    positions: Cursor<'r>,
    found: &'r mut Vec<LinkRef>,
}

impl<'r, I> Links<'r, I> {
    pub(super) fn new(
        inner: I,
        host: &'r dyn MarkdownHost,
        positions: Cursor<'r>,
        found: &'r mut Vec<LinkRef>,
    ) -> Self {
        Links {
            inner,
            host,
            positions,
            found,
        }
    }

    fn link<'a>(&mut self, tag: Tag<'a>, start: usize) -> Tag<'a> {
        let Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } = tag
        else {
            return tag;
        };
        let (line, col) = self.positions.position(start);
        // An email autolink holds the bare address; the writer adds `mailto:`.
        let (written, url) = match link_type {
            LinkType::Email => (format!("mailto:{dest_url}"), None),
            _ => (dest_url.to_string(), resolve(self.host, &dest_url)),
        };
        self.found.push(LinkRef {
            dest: written,
            line,
            col,
        });
        Tag::Link {
            link_type,
            dest_url: url.map_or(dest_url, CowStr::from),
            title: convert(self.host, title),
            id,
        }
    }
}

/// The host's URL for `dest`; else, for `#片段`, the fragment as the page shows it.
fn resolve(host: &dyn MarkdownHost, dest: &str) -> Option<String> {
    if let Some(url) = host.link_url(dest) {
        return Some(url);
    }
    let fragment = dest.strip_prefix('#')?;
    Some(format!("#{}", host.convert_text(fragment)))
}

fn convert<'a>(host: &dyn MarkdownHost, text: CowStr<'a>) -> CowStr<'a> {
    if text.is_empty() {
        return text;
    }
    host.convert_text(&text).into()
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Links<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        let event = match event {
            Event::Start(tag @ Tag::Link { .. }) => Event::Start(self.link(tag, range.start)),
            other => other,
        };
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::render::options;
    use crate::markdown::test_host::TestHost;

    fn run(markdown: &str) -> (String, Vec<LinkRef>) {
        let host = TestHost::hant();
        let positions = Cursor::new(markdown);
        let mut found = Vec::new();
        let events = Parser::new_ext(markdown, options()).into_offset_iter();
        let events = Links::new(events, &host, positions, &mut found).map(|(e, _)| e);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        (html, found)
    }

    #[test]
    fn destinations_go_through_the_host() {
        let cases = [
            (
                "[老书记工作室](../workshops/laoshuji.md)",
                "<p><a href=\"/zh-hant/workshops/laoshuji/\">老书记工作室</a></p>\n",
            ),
            (
                "[活动目标](../workshops/laoshuji.md#目标)",
                "<p><a href=\"/zh-hant/workshops/laoshuji/#%E7%9B%AE%E6%A8%99\">活动目标</a></p>\n",
            ),
            (
                "[下文](#活动报名)",
                "<p><a href=\"#%E6%B4%BB%E5%8B%95%E5%A0%B1%E5%90%8D\">下文</a></p>\n",
            ),
            (
                "[官网](https://example.org/社区)",
                "<p><a href=\"https://example.org/%E7%A4%BE%E5%8C%BA\">官网</a></p>\n",
            ),
            (
                "[讲堂](../lectures/missing.md \"社区讲堂\")",
                "<p><a href=\"../lectures/missing.md\" title=\"社區講堂\">讲堂</a></p>\n",
            ),
        ];
        for (markdown, want) in cases {
            assert_eq!(run(markdown).0, want, "{markdown:?}");
        }
    }

    #[test]
    fn every_link_is_recorded_as_written_with_its_place() {
        let markdown = "见[工作室](../workshops/laoshuji.md#目标)。\n\n> 详见[下文][报名]和<https://example.org>\n\n[报名]: #报名\n\n<jiangtang@example.org>";
        let (_, found) = run(markdown);
        let dests: Vec<_> = found
            .iter()
            .map(|l| (l.dest.as_str(), l.line, l.col))
            .collect();
        assert_eq!(
            dests,
            [
                ("../workshops/laoshuji.md#目标", 1, 2),
                ("#报名", 3, 5),
                ("https://example.org", 3, 14),
                ("mailto:jiangtang@example.org", 7, 1),
            ]
        );
    }
}
