//! Which parts of a content file are prose the lints may read: everything but front matter
//! keys and comments, fenced code, inline code, URLs, link destinations and HTML tags.
//! Pure: no IO.

use std::ops::Range;

/// Where a run of prose sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The Markdown body.
    Body,
    /// A front matter value written as plain text.
    Value,
    /// A front matter value written as a YAML flow collection (`[党建, 社区]`), where `,` and
    /// `:` are YAML's, not the author's.
    Flow,
}

/// A piece of one line that is prose: byte `range` of the file text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) range: Range<usize>,
    pub(crate) place: Place,
    /// The run reaches the end of its line (nothing masked after it).
    pub(crate) ends_line: bool,
}

/// The prose runs of `text` (a whole content file), in order.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let lines = lines(text);
    let front = front_matter(text, &lines);
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let body = &text[line.clone()];
        if front.as_ref().is_some_and(|f| f.contains(&i)) {
            if let Some((start, place)) = yaml_value(body) {
                push_runs(text, line.start + start..line.end, place, &mut out);
            }
            continue;
        }
        if front
            .as_ref()
            .is_some_and(|f| i == f.start - 1 || i == f.end)
        {
            continue;
        }
        if let Some(open) = fence {
            if closes_fence(body, open) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = opens_fence(body) {
            fence = Some(open);
            continue;
        }
        push_runs(text, line.clone(), Place::Body, &mut out);
    }
    out
}

/// Byte ranges of each line, without its `\n` or `\r\n`.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches('\n').trim_end_matches('\r');
        out.push(start..start + content.len());
        start += piece.len();
    }
    out
}

/// The indices of the lines between an opening `---` on the first line and the closing
/// `---` (or `...`); `None` when the file has no closed front matter.
fn front_matter(text: &str, lines: &[Range<usize>]) -> Option<Range<usize>> {
    let first = lines.first()?;
    if text[first.clone()].trim_end() != "---" {
        return None;
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| matches!(text[l.clone()].trim_end(), "---" | "..."))?;
    Some(1..close + 1)
}

/// Where the value of a front matter line starts, and how it is written; `None` for
/// comments and lines with no value.
fn yaml_value(line: &str) -> Option<(usize, Place)> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let mut start = line.len() - trimmed.len();
    while line[start..].starts_with("- ") {
        start += 2;
        start += line[start..].len() - line[start..].trim_start().len();
    }
    if let Some(colon) = key_end(&line[start..]) {
        start += colon;
        start += line[start..].len() - line[start..].trim_start().len();
    }
    let value = &line[start..];
    if value.is_empty() {
        return None;
    }
    let place = if value.starts_with('[') || value.starts_with('{') {
        Place::Flow
    } else {
        Place::Value
    };
    Some((start, place))
}

/// The byte just after `key:` when `text` starts with a mapping key (a colon followed by a
/// space or the end of the line, with no quote before it).
fn key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' | b'\'' | b'[' | b'{' => return None,
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\r')) => {
                return Some(i + 1);
            }
            _ => {}
        }
    }
    None
}

/// An opening code fence: its character and length.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&c| c == mark).count();
    (len >= 3).then_some((mark, len))
}

fn closes_fence(line: &str, (mark, len): (char, usize)) -> bool {
    let trimmed = line.trim();
    trimmed.chars().all(|c| c == mark) && trimmed.chars().count() >= len
}

/// Splits one line (or the value part of one) into prose runs around inline code, URLs,
/// link destinations and HTML tags.
fn push_runs(text: &str, line: Range<usize>, place: Place, out: &mut Vec<Run>) {
    let masks = inline_masks(&text[line.clone()]);
    let mut at = 0;
    let len = line.end - line.start;
    for mask in masks.iter().chain(std::iter::once(&(len..len))) {
        if mask.start > at {
            out.push(Run {
                range: line.start + at..line.start + mask.start,
                place,
                ends_line: mask.start == len,
            });
        }
        at = at.max(mask.end);
    }
}

/// Byte ranges of `line` that are not prose, sorted and disjoint.
fn inline_masks(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    if let Some(end) = reference_definition(line) {
        out.push(end..line.len());
        return out;
    }
    let mut i = 0;
    while i < bytes.len() {
        let found = match bytes[i] {
            b'`' => code_span(line, i).map(|end| i..end),
            b'<' => html_tag(line, i).map(|end| i..end),
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                link_destination(line, i + 1).map(|end| i + 1..end)
            }
            _ => url(line, i).map(|end| i..end),
        };
        match found {
            Some(mask) => {
                i = mask.end;
                out.push(mask);
            }
            None => i += line[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// `[id]: destination` at the start of a line: where the destination starts.
fn reference_definition(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let close = trimmed.strip_prefix('[')?.find("]:")?;
    Some(line.len() - trimmed.len() + 1 + close + 2)
}

/// A code span opened by the backtick run at `start`: the end of its closing run.
fn code_span(line: &str, start: usize) -> Option<usize> {
    let n = line[start..].bytes().take_while(|&b| b == b'`').count();
    let mut i = start + n;
    while let Some(offset) = line[i..].find('`') {
        let run_start = i + offset;
        let run = line[run_start..].bytes().take_while(|&b| b == b'`').count();
        if run == n {
            return Some(run_start + run);
        }
        i = run_start + run;
    }
    // An unmatched run is literal backticks: mask only the run itself.
    Some(start + n)
}

/// An HTML tag, comment or autolink starting at `start`, up to its `>` on this line.
fn html_tag(line: &str, start: usize) -> Option<usize> {
    let next = line[start + 1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
        return None;
    }
    line[start..].find('>').map(|end| start + end + 1)
}

/// The `(destination "title")` of an inline link or image, parentheses balanced.
fn link_destination(line: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in line[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// A bare URL (`https://…`, `mailto:…`, `www.…`) starting at `start`: its end, at the first
/// character that is not printable ASCII (Chinese text often follows a URL without a space).
fn url(line: &str, start: usize) -> Option<usize> {
    let rest = &line[start..];
    let lower = rest.get(..12).unwrap_or(rest).to_ascii_lowercase();
    let prefix = ["https://", "http://", "ftp://", "mailto:", "www."]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
    let glued = line[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if glued {
        return None;
    }
    let len = rest
        .bytes()
        .take_while(|&b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"'))
        .count();
    (len > prefix.len()).then_some(start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<(&str, Place)> {
        runs(text)
            .into_iter()
            .map(|r| (&text[r.range], r.place))
            .collect()
    }

    #[test]
    fn front_matter_keys_comments_and_fences_are_not_prose() {
        let text = "---\r\ntitle: 社区:活动\r\n# 注释\r\ntags: [党建, 社区]\r\n---\r\n正文,一\r\n```\r\na,b\r\n```\r\n二\r\n";
        assert_eq!(
            prose(text),
            vec![
                ("社区:活动", Place::Value),
                ("[党建, 社区]", Place::Flow),
                ("正文,一", Place::Body),
                ("二", Place::Body),
            ]
        );
    }

    #[test]
    fn list_items_and_nested_keys_keep_only_their_values() {
        let text = "---\ntitle: 题\nfocus:\n  - 调解\ncontact:\n  phone: 0571\n---\n";
        let values: Vec<_> = prose(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(values, ["题", "调解", "0571"]);
    }

    #[test]
    fn inline_code_urls_links_and_tags_are_masked() {
        let text = "见`a,b`和https://x.org/a?b=1,然后[站点](../a.md \"t\")<br/>完\n";
        let pieces: Vec<_> = prose(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(pieces, ["见", "和", "然后[站点]", "完"]);
        let last = runs(text).pop().unwrap();
        assert!(last.ends_line);
    }

    #[test]
    fn without_closing_dashes_the_whole_file_is_body() {
        let text = "---\ntitle: 题\n正文\n";
        assert_eq!(prose(text).len(), 3);
    }
}
