//! Raw HTML written in Markdown, read just far enough to convert what a reader
//! sees: the text between tags and the values of `alt`, `title`, `placeholder`
//! and `aria-label`. Tags, every other attribute, comments, declarations,
//! CDATA and character references are copied byte for byte; so is everything
//! inside `<script>`, `<style>`, `<textarea>`, `<pre>`, `<code>`, `<kbd>` and
//! `<samp>`. Those elements stay open from one piece of HTML to the next, so
//! the Markdown text between an inline `<code>` and its `</code>` is known to be
//! verbatim too. `-{…}-` keeps its inside unconverted, as in Markdown text. Pure: no IO.

use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::CowStr;

use super::MarkdownHost;

/// Elements whose content is shown as written.
const VERBATIM: [&str; 7] = ["script", "style", "textarea", "pre", "code", "kbd", "samp"];
/// Of those, the ones whose content is not markup: only their end tag ends them.
const RAW_TEXT: [&str; 3] = ["script", "style", "textarea"];
/// Attributes whose value people read.
const READABLE: [&str; 4] = ["alt", "title", "placeholder", "aria-label"];

/// The verbatim elements left open by the raw HTML seen so far.
#[derive(Debug, Default)]
pub(super) struct RawHtml {
    open: Vec<&'static str>,
}

impl RawHtml {
    /// Whether text here is inside a verbatim element opened by raw HTML.
    pub(super) fn verbatim(&self) -> bool {
        !self.open.is_empty()
    }

    /// `html` with its readable text converted through `host`; the element
    /// nesting it leaves is remembered for the next call.
    pub(super) fn convert<'a>(&mut self, html: CowStr<'a>, host: &dyn MarkdownHost) -> CowStr<'a> {
        let parts = scan(&html, &mut self.open);
        if parts.iter().all(|(part, _)| *part == Part::Markup) {
            return html;
        }
        let mut out = String::with_capacity(html.len() + html.len() / 4);
        for (part, range) in parts {
            let text = &html[range];
            match part {
                Part::Markup => out.push_str(text),
                Part::Readable(context) => push_readable(&mut out, text, context, host),
            }
        }
        out.into()
    }
}

/// What a stretch of raw HTML is, for conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Copied as written.
    Markup,
    /// Converted; written back with the characters `Context` forbids escaped.
    Readable(Context),
}

/// Where readable text stands, which decides the characters it may not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Between tags.
    Text,
    /// An attribute value in these quotes (`"` or `'`).
    Quoted(char),
    /// An attribute value without quotes.
    Unquoted,
}

impl Context {
    /// Characters that end a run of convertible text here: the source keeps
    /// them as written, and the converter may not bring them in unescaped.
    fn special(self, c: char) -> bool {
        c == '&'
            || match self {
                Context::Text => c == '<',
                Context::Quoted(quote) => c == quote,
                Context::Unquoted => {
                    c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '=' | '`')
                }
            }
    }
}

/// Splits `html` into markup and readable parts, given the verbatim elements
/// `open` before it; leaves in `open` the ones still open after it. The parts
/// cover `html` in order, without gaps.
fn scan(html: &str, open: &mut Vec<&'static str>) -> Vec<(Part, Range<usize>)> {
    let mut parts = Vec::new();
    let mut pos = 0;
    while pos < html.len() {
        if let Some(element) = open.last().copied().filter(|name| RAW_TEXT.contains(name)) {
            let end = raw_text_end(html, pos, element);
            if end > pos {
                parts.push((Part::Markup, pos..end));
            }
            pos = end;
            if end == html.len() {
                break;
            }
        }
        let tag = html[pos..].find('<').map_or(html.len(), |at| pos + at);
        if tag > pos {
            let part = if open.is_empty() {
                Part::Readable(Context::Text)
            } else {
                Part::Markup
            };
            parts.push((part, pos..tag));
        }
        if tag == html.len() {
            break;
        }
        pos = markup(html, tag, open, &mut parts);
    }
    parts
}

/// Reads the markup that starts with the `<` at `at` into `parts` and returns
/// where it ends. A `<` that starts nothing is markup of its own; markup left
/// unfinished runs to the end of `html`.
fn markup(
    html: &str,
    at: usize,
    open: &mut Vec<&'static str>,
    parts: &mut Vec<(Part, Range<usize>)>,
) -> usize {
    let rest = &html[at..];
    let until = |from: usize, close: &str| {
        rest[from..]
            .find(close)
            .map_or(html.len(), |i| at + from + i + close.len())
    };
    let end = if rest.starts_with("<!--") {
        until(2, "-->")
    } else if rest.starts_with("<![CDATA[") {
        until(9, "]]>")
    } else if rest.starts_with("<?") {
        until(2, "?>")
    } else if rest.starts_with("<!") {
        until(2, ">")
    } else if rest.starts_with("</") && starts_name(&rest[2..]) {
        let name = tag_name(&rest[2..]);
        if let Some(i) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
            open.truncate(i);
        }
        until(2, ">")
    } else if starts_name(&rest[1..]) {
        return start_tag(html, at, open, parts);
    } else {
        at + 1
    };
    parts.push((Part::Markup, at..end));
    end
}

/// Reads the start tag at `at`: its readable attribute values become parts of
/// their own; a verbatim element is opened.
fn start_tag(
    html: &str,
    at: usize,
    open: &mut Vec<&'static str>,
    parts: &mut Vec<(Part, Range<usize>)>,
) -> usize {
    let name = tag_name(&html[at + 1..]);
    let mut values = Vec::new();
    let Some(end) = attributes(html, at + 1 + name.len(), &mut values) else {
        parts.push((Part::Markup, at..html.len()));
        return html.len();
    };
    let mut from = at;
    for (context, value) in values {
        parts.push((Part::Markup, from..value.start));
        from = value.end;
        parts.push((Part::Readable(context), value));
    }
    parts.push((Part::Markup, from..end));
    if let Some(element) = VERBATIM.iter().find(|v| v.eq_ignore_ascii_case(name)) {
        open.push(*element);
    }
    end
}

/// Reads the attributes from `pos` to the tag's `>`, collecting the readable
/// non-empty values; the end of the tag, or `None` when it is unfinished.
fn attributes(
    html: &str,
    mut pos: usize,
    values: &mut Vec<(Context, Range<usize>)>,
) -> Option<usize> {
    let bytes = html.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    loop {
        pos = skip_space(pos);
        while bytes.get(pos) == Some(&b'/') {
            pos = skip_space(pos + 1);
        }
        if *bytes.get(pos)? == b'>' {
            return Some(pos + 1);
        }
        let name_start = pos;
        pos += 1;
        while bytes
            .get(pos)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
        {
            pos += 1;
        }
        let name = &html[name_start..pos];
        pos = skip_space(pos);
        if bytes.get(pos) != Some(&b'=') {
            continue;
        }
        pos = skip_space(pos + 1);
        let (context, value) = match *bytes.get(pos)? {
            quote @ (b'"' | b'\'') => {
                let start = pos + 1;
                let len = html[start..].find(char::from(quote))?;
                pos = start + len + 1;
                (Context::Quoted(char::from(quote)), start..start + len)
            }
            _ => {
                let start = pos;
                while bytes
                    .get(pos)
                    .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                {
                    pos += 1;
                }
                (Context::Unquoted, start..pos)
            }
        };
        if !value.is_empty() && READABLE.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            values.push((context, value));
        }
    }
}

/// Whether `text` starts with a tag name (an ASCII letter).
fn starts_name(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
}

/// The tag name at the start of `text`: up to a space, `/` or `>`.
fn tag_name(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len());
    &text[..end]
}

/// Where the content of the raw-text `element` ends: at its end tag, or at
/// the end of `html`.
fn raw_text_end(html: &str, from: usize, element: &str) -> usize {
    let bytes = html.as_bytes();
    let mut pos = from;
    while let Some(i) = html[pos..].find("</") {
        let name = pos + i + 2;
        let after = name + element.len();
        let closes = bytes
            .get(name..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(element.as_bytes()))
            && bytes
                .get(after)
                .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if closes {
            return pos + i;
        }
        pos = name;
    }
    html.len()
}

/// Appends `text` converted: runs between the characters special in
/// `context` (kept as written, a character reference whole) go through the
/// host; a closed `-{…}-` goes to the host whole, which keeps its inside.
fn push_readable(out: &mut String, text: &str, context: Context, host: &dyn MarkdownHost) {
    let mut run = 0;
    let mut pos = 0;
    while let Some(i) = text[pos..].find(|c| c == '-' || context.special(c)) {
        let at = pos + i;
        let rest = &text[at..];
        if let Some(len) = marked_len(rest) {
            push_converted(out, &text[run..at], context, host);
            push_escaped(out, &host.convert_text(&rest[..len]), context, true);
            pos = at + len;
            run = pos;
        } else if rest.starts_with('-') {
            pos = at + 1;
        } else {
            push_converted(out, &text[run..at], context, host);
            let len = if rest.starts_with('&') {
                reference_len(rest)
            } else {
                rest.chars().next().map_or(0, char::len_utf8)
            };
            out.push_str(&rest[..len]);
            pos = at + len;
            run = pos;
        }
    }
    push_converted(out, &text[run..], context, host);
}

/// Appends a run without special characters, converted.
fn push_converted(out: &mut String, run: &str, context: Context, host: &dyn MarkdownHost) {
    if run.trim_ascii().is_empty() {
        out.push_str(run);
    } else {
        push_escaped(out, &host.convert_text(run), context, false);
    }
}

/// Appends what the host returned, with the characters `context` forbids as
/// numeric references (`&` kept when `keep_amp`: the author's own references).
fn push_escaped(out: &mut String, converted: &str, context: Context, keep_amp: bool) {
    let escape = |c: char| context.special(c) && !(keep_amp && c == '&');
    if !converted.contains(escape) {
        out.push_str(converted);
        return;
    }
    for c in converted.chars() {
        if escape(c) {
            write!(out, "&#{};", u32::from(c)).expect("writing to a String cannot fail");
        } else {
            out.push(c);
        }
    }
}

/// The length of the closed `-{…}-` at the start of `text`, markers included.
fn marked_len(text: &str) -> Option<usize> {
    let inside = text.strip_prefix("-{")?;
    inside.find("}-").map(|len| len + 4)
}

/// The length of the character reference (`&nbsp;`, `&#39;`, `&#x793E;`) at
/// the start of `text`; 1 for a bare `&`.
fn reference_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut len = 1;
    if bytes.get(len) == Some(&b'#') {
        len += 1;
    }
    while bytes.get(len).is_some_and(u8::is_ascii_alphanumeric) {
        len += 1;
    }
    if len > 1 && bytes.get(len) == Some(&b';') {
        len += 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_host::TestHost;

    /// `pieces` converted one after the other by the same reader.
    fn convert_all(pieces: &[&str]) -> Vec<String> {
        let host = TestHost::hant();
        let mut raw = RawHtml::default();
        pieces
            .iter()
            .map(|piece| raw.convert(CowStr::from(*piece), &host).into_string())
            .collect()
    }

    fn convert(html: &str) -> String {
        convert_all(&[html]).concat()
    }

    #[test]
    fn text_between_tags_is_converted_and_tags_are_not() {
        let cases = [
            (
                "<div class=\"note\">社区发展</div>",
                "<div class=\"note\">社區發展</div>",
            ),
            ("<span>党员志愿者</span>", "<span>黨員志願者</span>"),
            (
                "<details><summary>报名须知</summary>\n<p>头发</p></details>",
                "<details><summary>報名須知</summary>\n<p>頭髮</p></details>",
            ),
            ("<DIV ID=社区>社区</DIV>", "<DIV ID=社区>社區</DIV>"),
            ("社区 < 发展", "社區 < 發展"),
        ];
        for (html, want) in cases {
            assert_eq!(convert(html), want, "{html:?}");
        }
    }

    #[test]
    fn only_readable_attributes_are_converted() {
        let html = "<img src=\"社区.jpg\" alt=\"社区发展\" title='头发' class=\"社区\" \
                    id=社区 data-x=\"社区\" style=\"社区\">\
                    <a href=\"/社区/\" aria-label=干部 data-title=\"社区\">x</a>\
                    <input placeholder=\"请输入\" value=\"社区\" disabled>";
        let want = "<img src=\"社区.jpg\" alt=\"社區發展\" title='頭髮' class=\"社区\" \
                    id=社区 data-x=\"社区\" style=\"社区\">\
                    <a href=\"/社区/\" aria-label=幹部 data-title=\"社区\">x</a>\
                    <input placeholder=\"請輸入\" value=\"社区\" disabled>";
        assert_eq!(convert(html), want);
    }

    #[test]
    fn attribute_values_may_hold_the_other_quote_and_markup_characters() {
        let html = "<abbr title=\"社区 'a' > b\" alt='“发展”'>社区</abbr>";
        let want = "<abbr title=\"社區 'a' > b\" alt='“發展”'>社區</abbr>";
        assert_eq!(convert(html), want);
    }

    #[test]
    fn verbatim_elements_keep_their_content() {
        let cases = [
            "<script>var s = \"社区\"; if (a < b) {}</script>",
            "<style>.社区::after { content: \"发展\" }</style>",
            "<pre>社区\n<b>发展</b></pre>",
            "<code>头发</code>",
            "<kbd>干部</kbd><samp>后来</samp>",
            "<textarea placeholder=\"x\">社区</textarea>",
            "<SCRIPT>document.write(\"</b>社区\")</SCRIPT >",
        ];
        for html in cases {
            assert_eq!(convert(html), html, "{html:?}");
        }
        assert_eq!(
            convert("<pre><code>社区</code>发展</pre>发展"),
            "<pre><code>社区</code>发展</pre>發展"
        );
        assert_eq!(
            convert("<code title=\"社区\">社区</code>"),
            "<code title=\"社區\">社区</code>"
        );
    }

    #[test]
    fn comments_declarations_and_references_are_kept() {
        let cases = [
            (
                "<!-- 社区 <b>发展</b> -->社区",
                "<!-- 社区 <b>发展</b> -->社區",
            ),
            ("<!DOCTYPE html><p>社区</p>", "<!DOCTYPE html><p>社區</p>"),
            ("<![CDATA[社区]]>社区", "<![CDATA[社区]]>社區"),
            ("<?php 社区 ?>社区", "<?php 社区 ?>社區"),
            (
                "<p>社区&nbsp;发展&#x793E;&#31038;&amp;头发 & 干部</p>",
                "<p>社區&nbsp;發展&#x793E;&#31038;&amp;頭髮 & 幹部</p>",
            ),
            (
                "<img alt=\"社区&quot;发展\">",
                "<img alt=\"社區&quot;發展\">",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(convert(html), want, "{html:?}");
        }
    }

    #[test]
    fn protected_text_keeps_its_inside_and_loses_its_markers() {
        let cases = [
            ("<p>-{长欣}-社区</p>", "<p>长欣社區</p>"),
            ("<p>-{社&amp;区}-发展</p>", "<p>社&amp;区發展</p>"),
            ("<img alt=\"-{后来}-后来\">", "<img alt=\"后来後來\">"),
            ("<p>a-b -{ 社区</p>", "<p>a-b -{ 社區</p>"),
        ];
        for (html, want) in cases {
            assert_eq!(convert(html), want, "{html:?}");
        }
    }

    #[test]
    fn unfinished_markup_is_kept_to_the_end() {
        let cases = [
            "<div title=\"社区",
            "<!-- 社区",
            "<div title=\"社区\"",
            "<script>社区",
        ];
        for html in cases {
            assert_eq!(convert(html), html, "{html:?}");
        }
    }

    #[test]
    fn verbatim_elements_stay_open_across_pieces() {
        let pieces = [
            "<div>社区\n",
            "<pre>\n",
            "社区 <b>发展</b>\n",
            "</pre>\n",
            "<p>发展</p>\n",
        ];
        assert_eq!(
            convert_all(&pieces),
            [
                "<div>社區\n",
                "<pre>\n",
                "社区 <b>发展</b>\n",
                "</pre>\n",
                "<p>發展</p>\n"
            ]
        );
        let mut raw = RawHtml::default();
        let host = TestHost::hant();
        raw.convert("<code>".into(), &host);
        assert!(raw.verbatim());
        raw.convert("</CODE>".into(), &host);
        assert!(!raw.verbatim());
        raw.convert("<script>".into(), &host);
        raw.convert("if (a</b) {}".into(), &host);
        assert!(raw.verbatim());
        raw.convert("</script>".into(), &host);
        assert!(!raw.verbatim());
    }

    #[test]
    fn parts_cover_the_html_in_order() {
        let html = "<p class=x title='社区'>a &amp; b<!-- c --><br/>< d <x y=\"1\" alt=z>";
        let parts = scan(html, &mut Vec::new());
        let mut pos = 0;
        for (_, range) in &parts {
            assert_eq!(range.start, pos, "{parts:?}");
            pos = range.end;
        }
        assert_eq!(pos, html.len());
    }

    #[test]
    fn converted_text_cannot_break_out_of_its_place() {
        let mut out = String::new();
        push_escaped(&mut out, "a\"b'c&d<e f", Context::Quoted('"'), false);
        assert_eq!(out, "a&#34;b'c&#38;d<e f");
        out.clear();
        push_escaped(&mut out, "a b=c&amp;", Context::Unquoted, true);
        assert_eq!(out, "a&#32;b&#61;c&amp;");
        out.clear();
        push_escaped(&mut out, "<b>&", Context::Text, false);
        assert_eq!(out, "&#60;b>&#38;");
    }
}
