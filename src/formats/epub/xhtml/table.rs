//! Tables of a content document: one leaf whose rows are lines and whose cells are separated
//! by a tab (see `document::blocks`). Owns the table state and the `<table>`, `<thead>`,
//! `<tr>`, `<td>`/`<th>` handling of the converter; a table inside a cell is read as the
//! cell's text. Everything else about the converter is in the parent module.

use super::{Action, Item};
use crate::document::blocks::{BlockKind, Table};

#[derive(Debug, Default)]
pub(super) struct TableState {
    start: Option<usize>,
    before: usize,
    rows: Vec<Vec<std::ops::Range<usize>>>,
    row: Vec<std::ops::Range<usize>>,
    pub(super) cell: Option<usize>,
    header_rows: usize,
    in_head: bool,
    row_all_th: bool,
}

impl Item<'_> {
    pub(super) fn table_element(&mut self, name: &str) -> Option<Action> {
        match name {
            "table" => {
                self.table_depth += 1;
                if self.table_depth > 1 {
                    return Some(Action::Table);
                }
                self.end_leaf();
                self.table = Some(TableState::default());
                Some(Action::Table)
            }
            "thead" if self.table_depth == 1 => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                }
                Some(Action::TableHead)
            }
            "tr" if self.table_depth == 1 => {
                // A row left open (a missing `</tr>` or `</td>`) ends where the next begins.
                self.end_cell();
                self.end_row();
                if let Some(t) = self.table.as_mut() {
                    t.row_all_th = true;
                }
                Some(Action::Row)
            }
            "td" | "th" if self.table_depth == 1 => {
                self.begin_cell(name == "th");
                Some(Action::Cell)
            }
            _ => None,
        }
    }

    fn begin_cell(&mut self, th: bool) {
        if self.table.as_ref().is_some_and(|t| t.start.is_none()) {
            let before = self.b.text.len();
            self.begin_leaf(BlockKind::Table(Table::default()));
            if let Some(t) = self.table.as_mut() {
                t.start = Some(self.b.text.len());
                t.before = before;
            }
        }
        let Some(t) = self.table.as_mut() else {
            return;
        };
        if t.cell.is_some() {
            return;
        }
        if !t.row.is_empty() {
            self.b.text.push('\t');
        } else if !t.rows.is_empty() {
            self.b.text.push('\n');
        }
        t.row_all_th &= th;
        t.cell = Some(self.b.text.len());
        self.line_start = self.b.text.len();
        self.ws = 0;
    }

    pub(super) fn end_table(&mut self) {
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth > 0 {
            return;
        }
        let Some(mut t) = self.table.take() else {
            return;
        };
        if let Some(start) = t.cell.take() {
            t.row.push(start..self.b.text.len());
        }
        if !t.row.is_empty() {
            t.rows.push(std::mem::take(&mut t.row));
        }
        let filled = t.rows.iter().flatten().any(|c| c.start < c.end);
        match (t.start, self.leaf.take()) {
            (Some(start), Some((leaf_start, _))) if filled => {
                let end = self.b.text.len();
                self.push_leaf(
                    leaf_start,
                    end,
                    BlockKind::Table(Table {
                        rows: t.rows,
                        header_rows: t.header_rows,
                        align: Vec::new(),
                    }),
                );
                debug_assert!(start == leaf_start);
            }
            (Some(_), _) => self.rollback(t.before),
            _ => {}
        }
    }

    pub(super) fn end_thead(&mut self) {
        if let Some(t) = self.table.as_mut() {
            t.in_head = false;
        }
    }

    pub(super) fn end_row(&mut self) {
        if let Some(t) = self.table.as_mut()
            && !t.row.is_empty()
        {
            let row = std::mem::take(&mut t.row);
            if t.in_head || (t.row_all_th && t.rows.len() == t.header_rows) {
                t.header_rows += 1;
            }
            t.rows.push(row);
        }
    }

    pub(super) fn end_cell(&mut self) {
        if let Some(t) = self.table.as_mut()
            && let Some(start) = t.cell.take()
        {
            t.row.push(start..self.b.text.len());
        }
        self.ws = 0;
    }
}
