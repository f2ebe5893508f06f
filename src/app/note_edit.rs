//! The text of the note editor: a multi-line note, the cursor in it (a byte offset), its rows
//! when wrapped to the popup's width, and the edits the editor's keys make (typing, new
//! lines, deleting, moving by character, line and row). Pure functions of the text: no
//! store, no keymap, no drawing; `annotations` owns the popup around it.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::keys::Action;

/// Cells a character takes in the editor (a tab or a control character is never in the text).
fn cells(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// A note as the editor holds it: line breaks as `\n`, tabs as spaces, nothing that could
/// drive the terminal.
pub fn editable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\n' => Some('\n'),
            '\t' => Some(' '),
            c if crate::document::normalize::is_unsafe_char(c) => None,
            c => Some(c),
        })
        .collect()
}

/// The text being edited and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteText {
    pub text: String,
    /// Byte offset of the cursor, always on a character boundary.
    pub cursor: usize,
    /// The column up and down keep to, in cells (set by the first of a run of up/down keys).
    goal: Option<usize>,
}

/// The rows of `text` wrapped to `width` cells: byte ranges without their line break. A row
/// never takes the last cell, so the cursor after a full row still fits; a long word is cut
/// where the row ends, text with spaces breaks after the last space that fits.
pub fn rows(text: &str, width: usize) -> Vec<Range<usize>> {
    let room = width.saturating_sub(1).max(1);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let mut row_start = start;
        let mut used = 0;
        let mut last_space: Option<usize> = None;
        for (i, c) in line.char_indices() {
            let at = start + i;
            let w = cells(c);
            if used + w > room && at > row_start {
                let cut = match last_space {
                    Some(s) if s > row_start => s,
                    _ => at,
                };
                out.push(row_start..cut);
                row_start = cut;
                used = text[row_start..at].chars().map(cells).sum();
                last_space = None;
            }
            used += w;
            if c == ' ' {
                last_space = Some(at + 1);
            }
        }
        out.push(row_start..end);
        start = end + 1;
    }
    out
}

/// The row the cursor at `cursor` is on (the later one where a wrapped row ends and the next
/// begins).
pub fn cursor_row(rows: &[Range<usize>], cursor: usize) -> usize {
    rows.iter()
        .rposition(|r| r.start <= cursor)
        .unwrap_or(0)
        .min(rows.len().saturating_sub(1))
}

impl NoteText {
    pub fn new(text: &str) -> NoteText {
        let text = editable(text);
        NoteText {
            cursor: text.len(),
            text,
            goal: None,
        }
    }

    /// Row and column (cells) of the cursor when wrapped to `width`.
    pub fn cursor_at(&self, width: usize) -> (usize, usize) {
        let rows = rows(&self.text, width);
        let row = cursor_row(&rows, self.cursor);
        let start = rows.get(row).map_or(0, |r| r.start);
        let col = self.text[start..self.cursor].chars().map(cells).sum();
        (row, col)
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    fn prev(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn next(&self) -> Option<usize> {
        self.text[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    /// Insert `s` at the cursor, as much of it as keeps the text within `limit` characters.
    fn insert(&mut self, s: &str, limit: usize) {
        let room = limit.saturating_sub(self.text.chars().count());
        let s: String = s.chars().take(room).collect();
        self.text.insert_str(self.cursor, &s);
        self.cursor += s.len();
    }

    /// Move the cursor `down` (or up) one row of the text wrapped to `width`, keeping to the
    /// column it started from.
    fn vertical(&mut self, down: bool, width: usize) {
        let rows = rows(&self.text, width);
        let row = cursor_row(&rows, self.cursor);
        let goal = match self.goal {
            Some(g) => g,
            None => self.cursor_at(width).1,
        };
        let target = if down {
            if row + 1 >= rows.len() {
                self.cursor = self.text.len();
                self.goal = Some(goal);
                return;
            }
            row + 1
        } else {
            if row == 0 {
                self.cursor = 0;
                self.goal = Some(goal);
                return;
            }
            row - 1
        };
        let r = rows[target].clone();
        let mut at = r.start;
        let mut used = 0;
        for (i, c) in self.text[r.clone()].char_indices() {
            if used + cells(c) > goal {
                break;
            }
            used += cells(c);
            at = r.start + i + c.len_utf8();
        }
        // The end of a row that wraps is the start of the next: stay on this one.
        if at == r.end && target + 1 < rows.len() && rows[target + 1].start == r.end {
            at = self.text[..at]
                .char_indices()
                .next_back()
                .map_or(at, |(i, _)| i.max(r.start));
        }
        self.cursor = at;
        self.goal = Some(goal);
    }

    /// Apply one editing action, the text wrapped to `width` cells and holding at most `limit`
    /// characters. `Some(true)` when the text changed, `Some(false)` when only the cursor
    /// moved (or a key did nothing here), `None` when `action` is not an edit. An insert that
    /// did not fit in `limit` is cut (see `full`).
    pub fn apply(&mut self, action: &Action, width: usize, limit: usize) -> Option<bool> {
        if !matches!(action, Action::LineUp | Action::LineDown) {
            self.goal = None;
        }
        let before = self.text.len();
        match action {
            Action::Insert(c) if !crate::document::normalize::is_unsafe_char(*c) => {
                self.insert(c.encode_utf8(&mut [0; 4]), limit);
            }
            Action::Paste(s) => {
                self.insert(&editable(s), limit);
            }
            Action::NewLine => {
                self.insert("\n", limit);
            }
            Action::DeleteBack => {
                if let Some(p) = self.prev() {
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                }
            }
            Action::DeleteForward => {
                if let Some(n) = self.next() {
                    self.text.replace_range(self.cursor..n, "");
                }
            }
            Action::DeleteWord => {
                let start = self.line_start();
                let before = &self.text[start..self.cursor];
                let from = if before.is_empty() {
                    // At a line start: join with the line above.
                    self.prev().unwrap_or(self.cursor)
                } else {
                    let trimmed = before.trim_end();
                    start
                        + trimmed
                            .char_indices()
                            .rev()
                            .find(|(_, c)| c.is_whitespace() || c.is_ascii_punctuation())
                            .map_or(0, |(i, c)| i + c.len_utf8())
                };
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Action::DeleteToStart => {
                let start = self.line_start();
                let from = if start == self.cursor {
                    self.prev().unwrap_or(start)
                } else {
                    start
                };
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Action::CursorLeft => self.cursor = self.prev().unwrap_or(self.cursor),
            Action::CursorRight => self.cursor = self.next().unwrap_or(self.cursor),
            Action::LineStart => self.cursor = self.line_start(),
            Action::LineEnd => self.cursor = self.line_end(),
            Action::LineUp => self.vertical(false, width),
            Action::LineDown => self.vertical(true, width),
            Action::Insert(_) => {}
            _ => return None,
        }
        Some(self.text.len() != before)
    }

    /// The text holds `limit` characters: more typing is dropped.
    pub fn full(&self, limit: usize) -> bool {
        self.text.chars().count() >= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(t: &mut NoteText, s: &str) {
        for c in s.chars() {
            let a = if c == '\n' {
                Action::NewLine
            } else {
                Action::Insert(c)
            };
            t.apply(&a, 20, 100);
        }
    }

    #[test]
    fn cjk_and_new_lines_are_typed_where_the_cursor_is() {
        let mut t = NoteText::new("");
        typed(&mut t, "鄉村\n第二行");
        assert_eq!(t.text, "鄉村\n第二行");
        assert_eq!(t.cursor_at(20), (1, 6));
        t.apply(&Action::LineUp, 20, 100);
        assert_eq!(t.cursor_at(20), (0, 4), "the end of the shorter line above");
        t.apply(&Action::CursorLeft, 20, 100);
        typed(&mut t, "的");
        assert_eq!(t.text, "鄉的村\n第二行");
        t.apply(&Action::LineEnd, 20, 100);
        t.apply(&Action::DeleteForward, 20, 100);
        assert_eq!(
            t.text, "鄉的村第二行",
            "delete at a line end joins the lines"
        );
        t.apply(&Action::LineStart, 20, 100);
        assert_eq!(t.cursor, 0);
        t.apply(&Action::DeleteBack, 20, 100);
        assert_eq!(t.text, "鄉的村第二行", "nothing before the start");
    }

    #[test]
    fn rows_wrap_by_cells_and_keep_the_last_cell_free() {
        // 19 cells of room: nine wide characters a row.
        let text = "一二三四五六七八九十";
        let r = rows(text, 20);
        assert_eq!(r.len(), 2);
        assert_eq!(&text[r[0].clone()], "一二三四五六七八九");
        let r = rows("the quick brown fox jumps", 12);
        let shown: Vec<&str> = r
            .iter()
            .map(|r| &"the quick brown fox jumps"[r.clone()])
            .collect();
        assert_eq!(shown, ["the quick ", "brown fox ", "jumps"]);
        assert_eq!(rows("", 10).len(), 1);
        assert_eq!(rows("a\n", 10), [0..1, 2..2]);
    }

    #[test]
    fn up_and_down_walk_wrapped_rows_and_keep_their_column() {
        let mut t = NoteText::new("the quick brown fox jumps");
        t.apply(&Action::LineStart, 12, 100);
        t.apply(&Action::CursorRight, 12, 100);
        t.apply(&Action::LineDown, 12, 100);
        assert_eq!(t.cursor_at(12), (1, 1));
        t.apply(&Action::LineDown, 12, 100);
        assert_eq!(t.cursor_at(12), (2, 1));
        t.apply(&Action::LineDown, 12, 100);
        assert_eq!(t.cursor, t.text.len(), "down from the last row: the end");
    }

    #[test]
    fn word_and_line_deletes_stay_in_their_line() {
        let mut t = NoteText::new("one two\nthree four");
        t.apply(&Action::DeleteWord, 40, 100);
        assert_eq!(t.text, "one two\nthree ");
        t.apply(&Action::DeleteToStart, 40, 100);
        assert_eq!(t.text, "one two\n");
        t.apply(&Action::DeleteToStart, 40, 100);
        assert_eq!(t.text, "one two", "at a line start it joins the lines");
    }

    #[test]
    fn pastes_lose_control_characters_and_stop_at_the_limit() {
        let mut t = NoteText::new("");
        t.apply(&Action::Paste("a\r\nb\t\u{1b}[31mc".into()), 40, 100);
        assert_eq!(t.text, "a\nb [31mc");
        let mut t = NoteText::new("");
        t.apply(&Action::Paste("x".repeat(20)), 40, 5);
        assert_eq!(t.text, "xxxxx");
        assert!(t.full(5));
        t.apply(&Action::Insert('y'), 40, 5);
        assert_eq!(t.text, "xxxxx");
        assert_eq!(t.apply(&Action::Quit, 40, 5), None);
    }
}
