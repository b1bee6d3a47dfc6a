//! Byte offsets in the body → 1-based line and character column, counted as
//! `diagnostics::LineIndex` counts them. The passes ask in reading order, so
//! walking on from the last answer keeps a page linear however long its lines.

/// Answers positions by walking forward from the previous answer.
pub(super) struct Cursor<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    col: usize,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(text: &'t str) -> Cursor<'t> {
        Cursor {
            text,
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    /// The line and column of byte `offset`; an offset inside a character
    /// counts as that character. Earlier offsets than the last one start over.
    pub(super) fn position(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Cursor::new(self.text);
        }
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.offset = offset;
        (self.line, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::LineIndex;

    const TEXT: &str = "# 长欣\n\n社区给8个工作室挂牌，a b\r\n[讲堂](x.md)\n";

    #[test]
    fn agrees_with_line_index_going_forward() {
        let index = LineIndex::new(TEXT);
        let mut cursor = Cursor::new(TEXT);
        for (offset, _) in TEXT.char_indices() {
            assert_eq!(cursor.position(offset), index.position(offset), "{offset}");
        }
        assert_eq!(cursor.position(TEXT.len()), index.position(TEXT.len()));
    }

    #[test]
    fn starts_over_for_an_earlier_offset() {
        let mut cursor = Cursor::new(TEXT);
        let link = TEXT.find('[').unwrap();
        assert_eq!(cursor.position(link), (4, 1));
        assert_eq!(cursor.position(2), (1, 3));
    }

    #[test]
    fn an_offset_inside_a_character_counts_as_that_character() {
        let mut cursor = Cursor::new(TEXT);
        assert_eq!(cursor.position(3), (1, 3));
        assert_eq!(cursor.position(4), (1, 3));
    }
}
