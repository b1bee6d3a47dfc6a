//! Footnotes at the end of the article: definitions are taken out of the flow
//! and emitted as one numbered list after the last block, each with a link back
//! to its first reference. Ids are prefixed (`fn-`, `fnref-`) so they never
//! meet heading ids.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape::{push_text, push_url};

/// Numbers references in reading order and moves definitions to the end.
pub(super) struct Footnotes<'a, I> {
    inner: I,
    /// By normalised label: the number and how many references were seen.
    numbers: HashMap<String, (usize, usize)>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
    /// The footnote list, once the body is done.
    tail: Option<std::vec::IntoIter<Event<'a>>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Footnotes<'a, I> {
    pub(super) fn new(inner: I) -> Self {
        Footnotes {
            inner,
            numbers: HashMap::new(),
            definitions: Vec::new(),
            tail: None,
        }
    }

    /// `<sup>` with the footnote's number; a repeated reference gets its own id.
    fn reference(&mut self, label: &str) -> Event<'a> {
        let key = normalise(label);
        let next = self.numbers.len() + 1;
        let (number, seen) = self.numbers.entry(key.clone()).or_insert((next, 0));
        *seen += 1;
        let ref_id = match *seen {
            1 => format!("fnref-{key}"),
            n => format!("fnref-{key}-{n}"),
        };
        let mut html = String::from("<sup class=\"footnote-ref\"><a href=\"#");
        push_url(&mut html, &format!("fn-{key}"));
        html.push_str("\" id=\"");
        push_text(&mut html, &ref_id);
        html.push_str(&format!("\">{number}</a></sup>"));
        Event::InlineHtml(html.into())
    }

    /// Takes a definition's events (up to its end) out of the flow.
    fn take_definition(&mut self, label: CowStr<'a>) {
        let mut events = Vec::new();
        let mut depth = 0;
        while let Some(event) = self.inner.next() {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::FootnoteDefinition) if depth == 0 => break,
                Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                _ => {}
            }
            let event = match event {
                Event::FootnoteReference(inner) => self.reference(&inner),
                other => other,
            };
            events.push(event);
        }
        self.definitions.push((normalise(&label), events));
    }

    /// The `<section class="footnotes">` list, ordered by number; definitions
    /// no reference names come last.
    fn list(&mut self) -> Vec<Event<'a>> {
        let mut definitions = std::mem::take(&mut self.definitions);
        if definitions.is_empty() {
            return Vec::new();
        }
        definitions.sort_by_key(|(key, _)| self.numbers.get(key).map_or(usize::MAX, |n| n.0));
        let mut events = vec![Event::Html("<section class=\"footnotes\">\n<ol>\n".into())];
        for (key, body) in definitions {
            events.push(Event::Html(item_start(&key).into()));
            events.extend(with_backref(body, &key, self.numbers.contains_key(&key)));
            events.push(Event::Html("</li>\n".into()));
        }
        events.push(Event::Html("</ol>\n</section>\n".into()));
        events
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(tail) = &mut self.tail {
                return tail.next();
            }
            match self.inner.next() {
                Some(Event::FootnoteReference(label)) => return Some(self.reference(&label)),
                Some(Event::Start(Tag::FootnoteDefinition(label))) => self.take_definition(label),
                Some(other) => return Some(other),
                None => self.tail = Some(self.list().into_iter()),
            }
        }
    }
}

/// Labels match without regard to case; spaces cannot be part of an id.
fn normalise(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

fn item_start(key: &str) -> String {
    let mut html = String::from("<li id=\"");
    push_text(&mut html, &format!("fn-{key}"));
    html.push_str("\">\n");
    html
}

/// The definition's events with a `↩` link to the first reference, inside
/// the last paragraph when it ends with one.
fn with_backref<'a>(mut body: Vec<Event<'a>>, key: &str, referenced: bool) -> Vec<Event<'a>> {
    if !referenced {
        return body;
    }
    let mut html = String::from(" <a href=\"#");
    push_url(&mut html, &format!("fnref-{key}"));
    html.push_str("\" class=\"footnote-backref\">↩</a>");
    match body.last() {
        Some(Event::End(TagEnd::Paragraph)) => {
            let at = body.len() - 1;
            body.insert(at, Event::InlineHtml(html.into()));
        }
        _ => body.push(Event::Html(html.into())),
    }
    body
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::render::options;

    fn html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            Footnotes::new(Parser::new_ext(markdown, options())),
        );
        out
    }

    #[test]
    fn definitions_move_to_the_end_in_reference_order() {
        let markdown = "\
讲堂每月举办[^时间]，由老党员主讲[^主讲]。

[^主讲]: 退休老书记。

[^时间]: 每月第二个周六。

活动欢迎居民参加[^时间]。
";
        insta::assert_snapshot!(html(markdown), @r##"
        <p>讲堂每月举办<sup class="footnote-ref"><a href="#fn-%E6%97%B6%E9%97%B4" id="fnref-时间">1</a></sup>，由老党员主讲<sup class="footnote-ref"><a href="#fn-%E4%B8%BB%E8%AE%B2" id="fnref-主讲">2</a></sup>。</p>
        <p>活动欢迎居民参加<sup class="footnote-ref"><a href="#fn-%E6%97%B6%E9%97%B4" id="fnref-时间-2">1</a></sup>。</p>
        <section class="footnotes">
        <ol>
        <li id="fn-时间">
        <p>每月第二个周六。 <a href="#fnref-%E6%97%B6%E9%97%B4" class="footnote-backref">↩</a></p>
        </li>
        <li id="fn-主讲">
        <p>退休老书记。 <a href="#fnref-%E4%B8%BB%E8%AE%B2" class="footnote-backref">↩</a></p>
        </li>
        </ol>
        </section>
        "##);
    }

    #[test]
    fn labels_match_without_case_and_unreferenced_come_last() {
        let markdown = "见[^Note]。\n\n[^extra]: 多余。\n\n[^note]: 说明。\n";
        let out = html(markdown);
        let note = out.find("<li id=\"fn-note\">").expect("note listed");
        let extra = out.find("<li id=\"fn-extra\">").expect("extra listed");
        assert!(note < extra, "{out}");
        assert!(out.contains("<p>多余。</p>"), "{out}");
    }

    #[test]
    fn no_definitions_no_list() {
        assert_eq!(html("没有脚注。"), "<p>没有脚注。</p>\n");
    }
}
