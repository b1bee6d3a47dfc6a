//! Images: each `![alt](src "title")` becomes one HTML event and an [`ImageRef`]
//! with its place in the body. Alt text and title are converted here, since the
//! image's inner events never reach the text pass; `src` never is. The HTML is
//! an `Event::Html` outside any HTML block, which the text pass knows as built
//! by a pass, not written by the author, and leaves alone.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape::{push_text, push_url};
use super::position::Cursor;
use super::soft_breaks::joins;
use super::{ImageRef, MarkdownHost};

/// Replaces `Start(Image) … End(Image)` by the host's HTML (or a lazy `<img>`).
pub(super) struct Images<'r, I> {
    inner: I,
    host: &'r dyn MarkdownHost,
    positions: Cursor<'r>,
    found: &'r mut Vec<ImageRef>,
}

impl<'r, I> Images<'r, I> {
    pub(super) fn new(
        inner: I,
        host: &'r dyn MarkdownHost,
        positions: Cursor<'r>,
        found: &'r mut Vec<ImageRef>,
    ) -> Self {
        Images {
            inner,
            host,
            positions,
            found,
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Images<'_, I> {
    fn image(&mut self, src: CowStr<'a>, title: CowStr<'a>, start: usize) -> Event<'a> {
        let alt = self.alt_text();
        let (line, col) = self.positions.position(start);
        let shown_alt = self.host.convert_text(&alt);
        let shown_title = self.host.convert_text(&title);
        let image = ImageRef {
            src: src.into_string(),
            alt,
            line,
            col,
        };
        let html = self
            .host
            .image_html(&image, &shown_alt, &shown_title)
            .unwrap_or_else(|| img_tag(&image.src, &shown_alt, &shown_title));
        self.found.push(image);
        Event::Html(html.into())
    }

    /// The text between an image's start and its end (consumed), as written,
    /// on one line: a soft break becomes a space or nothing, as in prose.
    fn alt_text(&mut self) -> String {
        let mut alt = String::new();
        let mut depth = 1;
        let mut soft_break = false;
        for (event, _) in self.inner.by_ref() {
            match event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 1 => break,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(text) | Event::Code(text) => {
                    if std::mem::take(&mut soft_break) && !joins_around(&alt, &text) {
                        alt.push(' ');
                    }
                    alt.push_str(&text);
                }
                Event::SoftBreak => soft_break = true,
                Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        alt
    }
}

fn joins_around(before: &str, after: &str) -> bool {
    match (before.chars().next_back(), after.chars().next()) {
        (Some(b), Some(a)) => joins(b, a),
        _ => true,
    }
}

/// The plain image: lazy, decoded off the main thread, attributes escaped.
fn img_tag(src: &str, alt: &str, title: &str) -> String {
    let mut html = String::with_capacity(src.len() + alt.len() + title.len() + 64);
    html.push_str("<img src=\"");
    push_url(&mut html, src);
    html.push_str("\" alt=\"");
    push_text(&mut html, alt);
    if !title.is_empty() {
        html.push_str("\" title=\"");
        push_text(&mut html, title);
    }
    html.push_str("\" loading=\"lazy\" decoding=\"async\">");
    html
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Images<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        let event = match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => self.image(dest_url, title, range.start),
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

    fn run(markdown: &str, host: &TestHost) -> (String, Vec<ImageRef>) {
        let positions = Cursor::new(markdown);
        let mut found = Vec::new();
        let events = Parser::new_ext(markdown, options()).into_offset_iter();
        let events = Images::new(events, host, positions, &mut found).map(|(e, _)| e);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        (html, found)
    }

    #[test]
    fn plain_img_converts_alt_and_title_but_not_src() {
        let (html, found) = run(
            "![长欣社区党群服务中心](照片/中心.jpg \"党员志愿者\")",
            &TestHost::hant(),
        );
        assert_eq!(
            html,
            "<p><img src=\"%E7%85%A7%E7%89%87/%E4%B8%AD%E5%BF%83.jpg\" alt=\"長欣社區黨群服務中心\" \
             title=\"黨員志願者\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
        assert_eq!(
            found,
            [ImageRef {
                src: "照片/中心.jpg".into(),
                alt: "长欣社区党群服务中心".into(),
                line: 1,
                col: 1,
            }]
        );
    }

    #[test]
    fn host_html_wins_when_given() {
        let (html, _) = run("![会场](hall.jpg)", &TestHost::hant().with_figures());
        assert_eq!(
            html,
            "<p><figure data-src=\"hall.jpg\" data-alt=\"會場\" data-title=\"\"></figure></p>\n"
        );
    }

    #[test]
    fn alt_keeps_inline_text_and_joins_lines_like_prose() {
        let cases = [
            ("![老书记*工作室*](a.jpg)", "老书记工作室"),
            ("![`tongwen` 标志](a.jpg)", "tongwen 标志"),
            ("![长欣\n社区](a.jpg)", "长欣社区"),
            ("![Changxin\ncommunity](a.jpg)", "Changxin community"),
            ("![](a.jpg)", ""),
        ];
        for (markdown, want) in cases {
            let (_, found) = run(markdown, &TestHost::hans());
            assert_eq!(found[0].alt, want, "{markdown:?}");
        }
    }

    #[test]
    fn positions_count_characters_on_their_line() {
        let markdown = "第一段。\n\n活动现场：![合影](a.jpg) 与 ![签到](b.jpg)";
        let (_, found) = run(markdown, &TestHost::hans());
        let places: Vec<_> = found
            .iter()
            .map(|i| (i.src.as_str(), i.line, i.col))
            .collect();
        assert_eq!(places, [("a.jpg", 3, 6), ("b.jpg", 3, 21)]);
    }

    #[test]
    fn markup_in_alt_title_and_src_is_escaped() {
        let (html, _) = run("![1 < 2 & \"引号\" 'x'](a\".jpg '<q>')", &TestHost::hans());
        assert_eq!(
            html,
            "<p><img src=\"a%22.jpg\" alt=\"1 &lt; 2 &amp; &quot;引号&quot; &#39;x&#39;\" \
             title=\"&lt;q&gt;\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
    }
}
