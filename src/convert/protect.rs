//! `-{原文}-` protection: the author's way to keep a span unconverted in both
//! scripts. Splits text into spans to convert and spans to keep; the markers
//! themselves never reach the reader. An unclosed `-{` is ordinary text.

use std::borrow::Cow;

const OPEN: &str = "-{";
const CLOSE: &str = "}-";

/// A span of the input, by what conversion may do to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Ordinary text.
    Text(&'a str),
    /// The inside of `-{…}-`, markers removed: shown exactly as written.
    Verbatim(&'a str),
}

/// The spans of `text` with the byte offset of each span's first byte in `text`.
/// Empty spans are skipped; an unclosed `-{` stays inside a `Text` span.
pub(crate) fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, pos: 0 }
}

/// Whether `text` holds at least one closed `-{…}-`.
pub(crate) fn has_markers(text: &str) -> bool {
    find_marked(text, 0).is_some()
}

/// `text` with every `-{…}-` replaced by its inside; borrowed when there is none.
pub(crate) fn unmark(text: &str) -> Cow<'_, str> {
    if !has_markers(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (_, piece) in pieces(text) {
        match piece {
            Piece::Text(s) | Piece::Verbatim(s) => out.push_str(s),
        }
    }
    Cow::Owned(out)
}

/// The next closed marker at or after `from`: (start of `-{`, end of `}-`).
fn find_marked(text: &str, from: usize) -> Option<(usize, usize)> {
    let open = from + text[from..].find(OPEN)?;
    let inner = open + OPEN.len();
    let close = inner + text[inner..].find(CLOSE)?;
    Some((open, close + CLOSE.len()))
}

/// Iterator behind [`pieces`].
pub(crate) struct Pieces<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = (usize, Piece<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        while self.pos < self.text.len() {
            let start = self.pos;
            match find_marked(self.text, start) {
                Some((open, _)) if open > start => {
                    self.pos = open;
                    return Some((start, Piece::Text(&self.text[start..open])));
                }
                Some((open, end)) => {
                    self.pos = end;
                    let inner = open + OPEN.len()..end - CLOSE.len();
                    if !inner.is_empty() {
                        return Some((inner.start, Piece::Verbatim(&self.text[inner])));
                    }
                }
                None => {
                    self.pos = self.text.len();
                    return Some((start, Piece::Text(&self.text[start..])));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, Piece<'_>)> {
        pieces(text).collect()
    }

    #[test]
    fn text_without_markers_is_one_piece() {
        assert_eq!(spans("社区活动"), vec![(0, Piece::Text("社区活动"))]);
        assert_eq!(spans(""), vec![]);
    }

    #[test]
    fn marked_span_is_verbatim_with_its_offset() {
        let text = "走进-{长欣}-社区";
        assert_eq!(
            spans(text),
            vec![
                (0, Piece::Text("走进")),
                (8, Piece::Verbatim("长欣")),
                (16, Piece::Text("社区")),
            ]
        );
        assert_eq!(&text[8..14], "长欣");
    }

    #[test]
    fn several_and_adjacent_markers() {
        assert_eq!(
            spans("-{甲}--{乙}-"),
            vec![(2, Piece::Verbatim("甲")), (9, Piece::Verbatim("乙"))]
        );
    }

    #[test]
    fn empty_marker_disappears() {
        assert_eq!(
            spans("前-{}-后"),
            vec![(0, Piece::Text("前")), (7, Piece::Text("后"))]
        );
        assert_eq!(unmark("前-{}-后"), "前后");
    }

    #[test]
    fn unclosed_marker_stays_literal() {
        assert_eq!(spans("甲-{乙"), vec![(0, Piece::Text("甲-{乙"))]);
        assert!(!has_markers("甲-{乙"));
        assert!(!has_markers("甲}-乙-{"));
        assert!(matches!(unmark("甲-{乙"), Cow::Borrowed("甲-{乙")));
    }

    #[test]
    fn first_close_ends_the_span() {
        assert_eq!(
            spans("-{甲}-乙}-"),
            vec![(2, Piece::Verbatim("甲")), (7, Piece::Text("乙}-"))]
        );
    }

    #[test]
    fn unmark_removes_markers_only() {
        assert_eq!(unmark("走进-{长欣}-社区"), "走进长欣社区");
        assert!(matches!(unmark("没有标记"), Cow::Borrowed(_)));
    }
}
