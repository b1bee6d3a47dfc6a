//! Tables whose cells span rows or columns (`colspan`/`rowspan`, Word's `gridSpan`/`vMerge`)
//! laid out on a plain grid, since a Markdown table cannot merge cells: a cell spanning
//! columns is followed by blank cells, a cell spanning rows is repeated in each row, so
//! every row reads whole and the columns line up. Pure: no IO.

use super::{Block, Inline};

/// One cell as the document wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) inlines: Vec<Inline>,
    /// Columns it covers (1 for a plain cell).
    pub(crate) columns: usize,
    pub(crate) rows: Rows,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rows {
    /// Covers this many rows from here down (1 for a plain cell).
    Down(usize),
    /// Continues the cell above it (Word writes the merged cell's rows this way).
    ContinuesAbove,
}

/// A table block from rows of cells, with `merged` set when any cell spanned.
pub(crate) fn lay_out(rows: Vec<Vec<Cell>>) -> Block {
    let mut merged = false;
    // Per column: the text a cell above repeats here, and for how many more rows.
    let mut held: Vec<Option<(Vec<Inline>, usize)>> = Vec::new();
    let mut grid: Vec<Vec<Vec<Inline>>> = Vec::new();
    for row in rows {
        let mut line: Vec<Vec<Inline>> = Vec::new();
        let mut cells = row.into_iter();
        loop {
            let col = line.len();
            if let Some(slot) = held.get_mut(col)
                && let Some((text, left)) = slot.take()
            {
                line.push(text.clone());
                if left > 1 {
                    *slot = Some((text, left - 1));
                }
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let columns = cell.columns.max(1);
            let text = match cell.rows {
                Rows::ContinuesAbove => {
                    merged = true;
                    grid.last()
                        .and_then(|above| above.get(col))
                        .cloned()
                        .unwrap_or_default()
                }
                Rows::Down(n) => {
                    if n > 1 {
                        merged = true;
                        if held.len() < col + columns {
                            held.resize(col + columns, None);
                        }
                        for (i, slot) in held[col..col + columns].iter_mut().enumerate() {
                            let repeated = if i == 0 {
                                cell.inlines.clone()
                            } else {
                                Vec::new()
                            };
                            *slot = Some((repeated, n - 1));
                        }
                    }
                    cell.inlines
                }
            };
            line.push(text);
            if columns > 1 {
                merged = true;
                line.extend(std::iter::repeat_n(Vec::new(), columns - 1));
            }
        }
        grid.push(line);
    }
    Block::Table { rows: grid, merged }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, columns: usize, rows: Rows) -> Cell {
        Cell {
            inlines: vec![Inline::Text(text.into())],
            columns,
            rows,
        }
    }

    fn texts(block: &Block) -> Vec<Vec<String>> {
        let Block::Table { rows, .. } = block else {
            panic!("not a table: {block:?}")
        };
        rows.iter()
            .map(|r| r.iter().map(|c| super::super::plain(c)).collect())
            .collect()
    }

    #[test]
    fn spans_leave_blank_columns_and_repeat_rows() {
        let table = lay_out(vec![
            vec![
                cell("时间", 2, Rows::Down(1)),
                cell("地点", 1, Rows::Down(1)),
            ],
            vec![
                cell("周六", 1, Rows::Down(2)),
                cell("上午", 1, Rows::Down(1)),
                cell("议事厅", 1, Rows::Down(1)),
            ],
            vec![
                cell("下午", 1, Rows::Down(1)),
                cell("广场", 1, Rows::Down(1)),
            ],
        ]);
        assert_eq!(
            texts(&table),
            [
                ["时间", "", "地点"],
                ["周六", "上午", "议事厅"],
                ["周六", "下午", "广场"],
            ]
        );
        assert!(matches!(table, Block::Table { merged: true, .. }));
    }

    #[test]
    fn word_continuation_cells_repeat_the_cell_above() {
        let table = lay_out(vec![
            vec![
                cell("周六", 1, Rows::Down(1)),
                cell("上午", 1, Rows::Down(1)),
            ],
            vec![
                cell("", 1, Rows::ContinuesAbove),
                cell("下午", 1, Rows::Down(1)),
            ],
        ]);
        assert_eq!(texts(&table), [["周六", "上午"], ["周六", "下午"]]);
    }

    #[test]
    fn a_plain_table_is_not_merged() {
        let table = lay_out(vec![vec![cell("甲", 1, Rows::Down(1))]]);
        assert!(matches!(table, Block::Table { merged: false, .. }));
    }
}
