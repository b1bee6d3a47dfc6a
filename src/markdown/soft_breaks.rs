//! Soft line breaks in Chinese prose. A break between two CJK characters (or
//! next to full-width punctuation) disappears, as Chinese has no spaces between
//! words; elsewhere it stays a `SoftBreak`, which reads as a space. The
//! characters around a break are looked up across inline events.

use std::collections::VecDeque;
use std::iter::Peekable;

use pulldown_cmark::{Event, Tag, TagEnd};

/// Drops the soft breaks that [`joins`] says vanish; passes everything else on.
pub(super) struct SoftBreaks<'a, I: Iterator<Item = Event<'a>>> {
    inner: Peekable<I>,
    /// The last character of text that went by, if nothing but inline tags followed it.
    last: Option<char>,
    /// Events read ahead of a break, waiting to be passed on.
    held: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> SoftBreaks<'a, I> {
    pub(super) fn new(inner: I) -> Self {
        SoftBreaks {
            inner: inner.peekable(),
            last: None,
            held: VecDeque::new(),
        }
    }

    /// Reads past inline tags after a break up to the next text, then keeps or
    /// drops the break by the characters on both sides.
    fn resolve_break(&mut self) {
        let before = self.last;
        let mut after = None;
        while let Some(event) = self.inner.next_if(|e| is_inline_tag(e) || is_text(e)) {
            let text = is_text(&event);
            self.held.push_back(event);
            if text {
                after = self.held.back().and_then(first_char);
                if after.is_some() {
                    break;
                }
            }
        }
        let vanishes = matches!((before, after), (Some(b), Some(a)) if joins(b, a));
        if !vanishes {
            self.held.push_front(Event::SoftBreak);
        }
    }

    fn observe(&mut self, event: &Event<'a>) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                if let Some(c) = text.chars().next_back() {
                    self.last = Some(c);
                }
            }
            e if is_inline_tag(e) => {}
            _ => self.last = None,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for SoftBreaks<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if self.held.is_empty() {
            match self.inner.next()? {
                Event::SoftBreak => self.resolve_break(),
                event => self.held.push_back(event),
            }
        }
        let event = self.held.pop_front()?;
        self.observe(&event);
        Some(event)
    }
}

/// Whether a soft break between `before` and `after` vanishes: both are CJK
/// (Han, kana, bopomofo, CJK punctuation, full-width forms), one is full-width
/// punctuation (it carries its own spacing), or one is CJK and the other a
/// quote, dash or ellipsis as typed in Chinese (“ ” ‘ ’ — …).
pub(super) fn joins(before: char, after: char) -> bool {
    use Class::*;
    matches!(
        (class(before), class(after)),
        (WidePunct, _) | (_, WidePunct) | (Wide, Wide) | (Wide, Shared) | (Shared, Wide)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Han, kana, bopomofo, full-width letters and digits.
    Wide,
    /// CJK and full-width punctuation: 、。，：「」《》（）….
    WidePunct,
    /// Punctuation Chinese and Latin text share: quotes, dashes, ellipsis, middle dot.
    Shared,
    Other,
}

fn class(c: char) -> Class {
    match c as u32 {
        0x3000..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F => Class::WidePunct,
        0xFF00..=0xFFEF if !c.is_alphanumeric() => Class::WidePunct,
        0x2E80..=0x2FDF
        | 0x3040..=0x312F
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => Class::Wide,
        0x2018 | 0x2019 | 0x201C | 0x201D | 0x2014 | 0x2015 | 0x2026 | 0x00B7 => Class::Shared,
        _ => Class::Other,
    }
}

fn is_text(event: &Event<'_>) -> bool {
    matches!(event, Event::Text(_) | Event::Code(_))
}

fn first_char(event: &Event<'_>) -> Option<char> {
    match event {
        Event::Text(text) | Event::Code(text) => text.chars().next(),
        _ => None,
    }
}

/// Tags that sit inside a line of text without breaking it.
fn is_inline_tag(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
        ),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
        ),
        _ => false,
    }
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
            SoftBreaks::new(Parser::new_ext(markdown, options())),
        );
        out
    }

    #[test]
    fn joins_by_the_characters_on_both_sides() {
        let cases = [
            ('区', '党', true),
            ('の', '日', true),
            ('。', '长', true),
            ('，', 'A', true),
            ('b', '（', true),
            ('Ｂ', '社', true),
            ('区', '“', true),
            ('”', '长', true),
            ('…', '…', false),
            ('a', 'b', false),
            ('区', 'A', false),
            ('9', '号', false),
            ('장', '소', false),
        ];
        for (before, after, want) in cases {
            assert_eq!(joins(before, after), want, "{before:?} {after:?}");
        }
    }

    #[test]
    fn breaks_vanish_in_chinese_and_stay_in_english() {
        let cases = [
            ("长欣社区\n党委", "<p>长欣社区党委</p>\n"),
            (
                "成立于二〇二一年。\n工作室",
                "<p>成立于二〇二一年。工作室</p>\n",
            ),
            ("community\nlecture", "<p>community\nlecture</p>\n"),
            ("参加\nTongwen 活动", "<p>参加\nTongwen 活动</p>\n"),
            ("老书记\n*工作室*", "<p>老书记<em>工作室</em></p>\n"),
            ("**红色**\n微家", "<p><strong>红色</strong>微家</p>\n"),
            ("见\n[章程](a.md)", "<p>见<a href=\"a.md\">章程</a></p>\n"),
            (
                "运行\n`tongwen build`",
                "<p>运行\n<code>tongwen build</code></p>\n",
            ),
            ("他说：\n“好”", "<p>他说：“好”</p>\n"),
            ("居民\n<b>议事</b>", "<p>居民\n<b>议事</b></p>\n"),
        ];
        for (markdown, want) in cases {
            assert_eq!(html(markdown), want, "{markdown:?}");
        }
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(html("长欣  \n社区"), "<p>长欣<br />\n社区</p>\n");
    }

    #[test]
    fn every_line_of_a_long_paragraph_joins() {
        let markdown = "一\n二\n三\n四";
        assert_eq!(html(markdown), "<p>一二三四</p>\n");
    }
}
