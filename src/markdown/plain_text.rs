//! The visible text of a body without markup, for summaries and search: one
//! line per paragraph, heading, list item or table row; code blocks, raw HTML
//! and images left out. Passes every event on unchanged.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Copies the text of the events that go by into `out`.
pub(super) struct PlainText<'r, I> {
    inner: I,
    out: &'r mut String,
    in_code_block: bool,
}

impl<'r, I> PlainText<'r, I> {
    pub(super) fn new(inner: I, out: &'r mut String) -> Self {
        PlainText {
            inner,
            out,
            in_code_block: false,
        }
    }

    fn record(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(_) if self.in_code_block => {}
            Event::Text(text) | Event::Code(text) => self.out.push_str(text),
            Event::SoftBreak => self.space(),
            Event::HardBreak => self.end_line(),
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::End(TagEnd::TableCell) => self.space(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_),
            ) => self.end_line(),
            _ => {}
        }
    }

    /// One space between words, none at the start of a line.
    fn space(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
    }

    /// Ends the current line, once, without trailing spaces.
    fn end_line(&mut self) {
        let kept = self.out.trim_end_matches(' ').len();
        self.out.truncate(kept);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for PlainText<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next();
        match &event {
            Some(event) => self.record(event),
            None => self.end_line(),
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::render::options;

    fn plain(markdown: &str) -> String {
        let mut out = String::new();
        PlainText::new(Parser::new_ext(markdown, options()), &mut out).for_each(drop);
        out
    }

    #[test]
    fn text_without_markup_one_line_per_block() {
        let cases = [
            (
                "长欣社区**红色微家**。\n\n第二段。",
                "长欣社区红色微家。\n第二段。\n",
            ),
            ("# 标题\n正文 `code`", "标题\n正文 code\n"),
            ("- 一\n- 二\n\n  续", "一\n二\n续\n"),
            (
                "| 时间 | 地点 |\n|---|---|\n| 周六 | 中心 |",
                "时间 地点\n周六 中心\n",
            ),
            ("前\n\n```\n代码\n```\n\n后", "前\n后\n"),
            ("<div>\n原始\n</div>\n\n文字<b>粗</b>", "文字粗\n"),
            ("English\nwords", "English words\n"),
            ("line\n<br>\nbreak", "line break\n"),
            ("> 引用", "引用\n"),
            ("", ""),
        ];
        for (markdown, want) in cases {
            assert_eq!(plain(markdown), want, "{markdown:?}");
        }
    }
}
