//! Vertical layout (竖排): a chapter's text in columns read top to bottom, right to left.
//!
//! Owns turning text + `LayoutParams` into columns and columns into pages, and finding the page
//! that holds an offset. Each column is one CJK character (2 cells) wide and `params.height`
//! rows tall; punctuation is shown in its vertical presentation form; the line-breaking rules of
//! horizontal lines (the one kinsoku table in `wrap`) apply at column ends (push-out, —— and ……
//! kept whole); rows are built from the same display units as lines (`glyphs::units`), and cells
//! borrow their text; a paragraph starts with an indent at the top
//! of its first column. Short digit runs (≤ 2) sit upright in one cell pair, longer Latin and
//! digit runs take one row per character. Offsets are byte offsets into the text laid out,
//! exactly as for horizontal lines, so a page is a range of offsets and switching modes keeps
//! the place. Columns store ranges only; the cells of a page are rebuilt when it is drawn, so a
//! huge chapter costs a few words per column. Ruby shown inline (`layout_vertical_with`) puts
//! each reading after its base, one row per character, glued to the base where the column has
//! room; its rows show no text of the book (empty ranges at the base's end). No terminal crate
//! here.

use std::ops::Range;

use super::glyphs::{Glyph, UnitKind, units};
use super::width::{placeholder, spaces};
use super::wrap::{no_line_end, no_line_start};
use super::{LayoutParams, LineKind, Paint};
use crate::document::blocks::Span;

mod ruby;
pub use ruby::RubyNote;

/// Cells of space between two columns.
pub const COLUMN_GAP: usize = 1;
/// Cells one column takes.
pub const COLUMN_WIDTH: usize = 2;

/// One row of a column as drawn: a grapheme (or an upright pair of digits) and where it came
/// from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// What to print (the vertical form for punctuation), borrowed; never a control character.
    pub text: &'a str,
    /// Cells `text` takes (≤ 2 for anything a book holds in one row).
    pub width: usize,
    /// Source bytes (in the text laid out) this cell shows.
    pub range: Range<usize>,
}

/// One column, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Bytes of the text the column shows (empty for a blank column).
    pub range: Range<usize>,
    pub kind: LineKind,
    /// Blank rows above the first cell (the paragraph indent).
    pub indent: usize,
    /// Rows holding a cell.
    pub cells: usize,
    /// Rows of a ruby reading at `range.start` drawn in the column before (a reading cut
    /// between two columns), not in this one.
    pub skip: usize,
}

impl Column {
    /// Rows the column fills.
    pub fn rows(&self) -> usize {
        self.indent + self.cells
    }
}

/// The columns and pages of one chapter in vertical mode.
#[derive(Debug, Clone, Default)]
pub struct VerticalLayout {
    pub columns: Vec<Column>,
    /// Index into `columns` of the first column of each page; never empty.
    pub pages: Vec<usize>,
    /// Rows per column (the page height).
    pub rows: usize,
    /// Columns per page (what fits the width).
    pub columns_per_page: usize,
    /// Page width in cells.
    pub width: usize,
    /// Ambiguous-width characters take 2 cells.
    pub ambiguous_wide: bool,
    /// Ruby readings shown after their bases, by base end (empty when ruby is hidden).
    pub notes: Vec<RubyNote>,
}

/// How many columns fit `width` cells.
pub fn columns_per_page(width: usize) -> usize {
    ((width + COLUMN_GAP) / (COLUMN_WIDTH + COLUMN_GAP)).max(1)
}

/// Lay out `text` (one chapter; its first line is a heading when `heading`) vertically.
pub fn layout_vertical(text: &str, heading: bool, params: &LayoutParams) -> VerticalLayout {
    layout_vertical_with(text, heading, params, &[])
}

/// [`layout_vertical`] for a text with `spans` (its structure's, in the same offsets): with
/// `params.ruby` inline, each ruby reading follows its base.
pub fn layout_vertical_with(
    text: &str,
    heading: bool,
    params: &LayoutParams,
    spans: &[Span],
) -> VerticalLayout {
    let notes = ruby::notes(text, params, spans);
    let rows = params.height.max(1);
    let indent_rows = params.indent.map(|cells| cells.div_ceil(2)).unwrap_or(2);
    let mut columns: Vec<Column> = Vec::new();
    let mut pos = 0;
    // The heading is the first line with text (blank lines may come before it).
    let mut heading_left = heading;
    // The heading's words until the next line with text: the same words there are not drawn
    // again (see `paragraphs::skip_repeated_heading`).
    let mut said: Option<&str> = None;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty()
            && let Some(h) = said.take()
            && crate::document::chapters::same_words(line, h)
        {
            pos += raw.len();
            continue;
        }
        let is_heading = heading_left && !line.trim().is_empty();
        heading_left &= !is_heading;
        if is_heading {
            said = Some(line);
        }
        let indent = if is_heading || rows <= indent_rows {
            0
        } else {
            indent_rows
        };
        let kind = if is_heading {
            LineKind::Heading
        } else {
            LineKind::Body
        };
        let before = columns.len();
        let mut filler = Filler {
            out: &mut columns,
            rows,
            kind,
            indent,
            first: true,
            buf: Vec::with_capacity(rows + 1),
        };
        for unit in Units::new(line, pos, params.ambiguous_wide, &notes) {
            filler.push(unit);
        }
        filler.finish();
        if columns.len() == before {
            // A blank line marks a section break: one blank column, never two in a row.
            if columns.last().is_some_and(|c| c.kind != LineKind::Blank) {
                columns.push(blank_column(pos));
            }
        } else if is_heading {
            columns.push(blank_column(pos + raw.len()));
        }
        pos += raw.len();
    }
    let width = params.width.max(COLUMN_WIDTH);
    let per_page = columns_per_page(width);
    let pages = (0..columns.len().max(1)).step_by(per_page).collect();
    VerticalLayout {
        columns,
        pages,
        rows,
        columns_per_page: per_page,
        width,
        ambiguous_wide: params.ambiguous_wide,
        notes,
    }
}

fn blank_column(at: usize) -> Column {
    Column {
        range: at..at,
        kind: LineKind::Blank,
        indent: 0,
        cells: 0,
        skip: 0,
    }
}

/// How a unit is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// The source text itself.
    Source,
    /// A vertical presentation form replacing the grapheme.
    Form(&'static str),
    /// A blank row (a run of spaces inside a paragraph).
    Blank,
    /// A control or bidi character, drawn as its placeholder (`^[`, U+FFFD).
    Placeholder(char),
    /// Bytes `from..to` of the shown text of ruby note `note` (one grapheme of a reading).
    Note { note: u32, from: u32, to: u32 },
}

/// A row-to-be plus the line-breaking facts about it.
#[derive(Debug, Clone)]
struct Unit {
    range: Range<usize>,
    /// End of the graphemes drawn (zero-width ones absorbed after it only extend `range`).
    shown_end: usize,
    width: usize,
    shown: Shown,
    /// May not start a column (closing punctuation, either half of —— or ……).
    no_break_before: bool,
    /// May not end a column (opening punctuation).
    no_break_after: bool,
    /// Rows of a ruby reading at this unit's start that come before it.
    ann_before: usize,
}

impl Unit {
    fn is_space(&self) -> bool {
        self.shown == Shown::Blank
    }
}

/// The vertical presentation form of a punctuation mark, if it has one.
#[cfg(test)]
fn vertical_form(c: char) -> Option<char> {
    vertical_form_str(c).and_then(|f| f.chars().next())
}

/// [`vertical_form`] as a borrowed string, ready to draw.
fn vertical_form_str(c: char) -> Option<&'static str> {
    Some(match c {
        '，' => "︐",
        '、' => "︑",
        '。' => "︒",
        '：' => "︓",
        '；' => "︔",
        '！' => "︕",
        '？' => "︖",
        '…' => "︙",
        '‥' => "︰",
        '—' | '―' => "︱",
        '–' => "︲",
        '（' | '(' => "︵",
        '）' | ')' => "︶",
        '｛' | '{' => "︷",
        '｝' | '}' => "︸",
        '〔' => "︹",
        '〕' => "︺",
        '【' => "︻",
        '】' => "︼",
        '《' => "︽",
        '》' => "︾",
        '〈' => "︿",
        '〉' => "﹀",
        '「' | '“' => "﹁",
        '」' | '”' => "﹂",
        '『' | '‘' => "﹃",
        '』' | '’' => "﹄",
        '〖' => "︗",
        '〗' => "︘",
        '［' | '[' => "﹇",
        '］' | ']' => "﹈",
        _ => return None,
    })
}

/// ASCII punctuation that takes a vertical form when it sits in CJK text (not inside `1,000` or
/// `a:b`, where both neighbours are ASCII letters or digits).
fn ascii_vertical_form(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "︐",
        ':' => "︓",
        ';' => "︔",
        '!' => "︕",
        '?' => "︖",
        _ => return None,
    })
}

fn is_ascii_digit_grapheme(g: &str) -> bool {
    g.len() == 1 && g.as_bytes()[0].is_ascii_digit()
}

/// The rows of one line, in order, built on the display units every output shares; `base` is
/// the line's offset in the chapter text.
struct Units<'a> {
    ambiguous_wide: bool,
    iter: std::iter::Peekable<super::glyphs::Units<'a>>,
    prev: Option<&'a str>,
    /// Digits of a long number still to be given one row each.
    digits_left: usize,
    started: bool,
    /// Ruby readings to show, by base end; the next one whose base has not ended yet.
    notes: &'a [RubyNote],
    next_note: usize,
    /// The reading being given rows: note, offset it sits at, byte of its text, rows so far.
    reading: Option<(usize, usize, usize, usize)>,
    /// The last reading given rows: its offset and how many.
    read: (usize, usize),
}

impl<'a> Units<'a> {
    fn new(line: &'a str, base: usize, ambiguous_wide: bool, notes: &'a [RubyNote]) -> Self {
        Units {
            ambiguous_wide,
            iter: units(line, base, ambiguous_wide).peekable(),
            prev: None,
            digits_left: 0,
            started: false,
            next_note: notes.partition_point(|n| n.base.end <= base),
            notes,
            reading: None,
            read: (usize::MAX, 0),
        }
    }

    /// Swallow zero-width graphemes and unsafe characters after a unit into it (they are
    /// neither lost nor given a row, and never drawn).
    fn absorb_zero_width(&mut self, unit: &mut Unit) {
        while let Some(u) = self.iter.peek() {
            let invisible = !u.src.chars().all(char::is_whitespace)
                && (matches!(u.kind, UnitKind::Placeholder(_)) || u.width == 0);
            if !invisible {
                break;
            }
            unit.range.end = u.offset + u.src.len();
            self.iter.next();
        }
    }
}

fn is_digit_unit(u: &super::glyphs::Unit<'_>) -> bool {
    is_ascii_digit_grapheme(u.src)
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        if let Some(u) = self.next_reading() {
            return Some(u);
        }
        let mut unit = self.next_text()?;
        if self.read.0 == unit.range.start {
            unit.ann_before = self.read.1;
        }
        while self
            .notes
            .get(self.next_note)
            .is_some_and(|n| n.base.end <= unit.range.start)
        {
            self.next_note += 1;
        }
        if let Some(n) = self.notes.get(self.next_note)
            && n.base.start < unit.range.end
        {
            // Inside a base (after its first character) a column does not end.
            unit.no_break_before |= unit.range.start > n.base.start;
            if unit.range.end >= n.base.end {
                self.reading = Some((self.next_note, unit.range.end, 0, 0));
                self.next_note += 1;
            }
        }
        Some(unit)
    }
}

impl Units<'_> {
    fn next_text(&mut self) -> Option<Unit> {
        loop {
            let u = self.iter.next()?;
            let g = u.src;
            let start = u.offset;
            let first = g.chars().next().unwrap_or(' ');
            if g.chars().all(char::is_whitespace) {
                let mut end = start + g.len();
                while let Some(w) = self.iter.peek() {
                    if !w.src.chars().all(char::is_whitespace) {
                        break;
                    }
                    end = w.offset + w.src.len();
                    self.iter.next();
                }
                self.prev = Some(g);
                // Dropped at the start and the end of a paragraph.
                if !self.started || self.iter.peek().is_none() {
                    continue;
                }
                return Some(Unit {
                    range: start..end,
                    shown_end: end,
                    width: COLUMN_WIDTH,
                    shown: Shown::Blank,
                    no_break_before: false,
                    no_break_after: false,
                    ann_before: 0,
                });
            }
            self.started = true;
            if is_ascii_digit_grapheme(g) {
                if self.digits_left > 0 {
                    self.digits_left -= 1;
                } else {
                    // Count the run (only whether it is longer than two matters).
                    let mut ahead = self.iter.clone();
                    let mut run = 1;
                    while run < 3 && ahead.next().is_some_and(|n| is_digit_unit(&n)) {
                        run += 1;
                    }
                    if run == 2 {
                        let end = self.iter.next().map_or(start + g.len(), |d2| {
                            self.prev = Some(d2.src);
                            d2.offset + d2.src.len()
                        });
                        let mut unit = Unit {
                            range: start..end,
                            shown_end: end,
                            width: 2,
                            shown: Shown::Source,
                            no_break_before: false,
                            no_break_after: false,
                            ann_before: 0,
                        };
                        self.absorb_zero_width(&mut unit);
                        return Some(unit);
                    }
                    if run > 2 {
                        // Every digit of this run gets its own row.
                        let mut ahead = self.iter.clone();
                        let mut left = 0;
                        while ahead.next().is_some_and(|n| is_digit_unit(&n)) {
                            left += 1;
                        }
                        self.digits_left = left;
                    }
                }
            }
            let single = g.chars().nth(1).is_none();
            let next = self.iter.peek().map(|n| n.src);
            let ascii_word = |g: Option<&str>| {
                g.and_then(|g| g.chars().next())
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            };
            let form = if single {
                vertical_form_str(first).or_else(|| {
                    if ascii_word(self.prev) && ascii_word(next) {
                        None
                    } else {
                        ascii_vertical_form(first)
                    }
                })
            } else {
                None
            };
            let (shown, width) = match (form, u.kind) {
                (Some(v), _) => (
                    Shown::Form(v),
                    super::width::cluster_width(v, self.ambiguous_wide),
                ),
                (None, UnitKind::Placeholder(c)) => (Shown::Placeholder(c), u.width),
                (None, _) => (Shown::Source, u.width),
            };
            self.prev = Some(g);
            let mut unit = Unit {
                range: start..start + g.len(),
                shown_end: start + g.len(),
                width,
                shown,
                no_break_before: single && no_line_start(first),
                no_break_after: single && no_line_end(first),
                ann_before: 0,
            };
            self.absorb_zero_width(&mut unit);
            return Some(unit);
        }
    }
}

/// Cuts a stream of units into columns of at most `rows` rows, the first one indented.
struct Filler<'a> {
    out: &'a mut Vec<Column>,
    rows: usize,
    kind: LineKind,
    indent: usize,
    first: bool,
    /// Units of the column being filled (at most one more than fits).
    buf: Vec<Unit>,
}

impl Filler<'_> {
    fn capacity(&self) -> usize {
        let indent = if self.first { self.indent } else { 0 };
        self.rows.saturating_sub(indent).max(1)
    }

    fn push(&mut self, unit: Unit) {
        if self.buf.is_empty() && unit.is_space() {
            return; // a space at the top of a column is not shown
        }
        self.buf.push(unit);
        let cap = self.capacity();
        if self.buf.len() <= cap {
            return;
        }
        // Push out: move characters to the next column until the break is allowed.
        let allowed = |b: usize| !self.buf[b].no_break_before && !self.buf[b - 1].no_break_after;
        let cut = (1..=cap).rev().find(|&b| allowed(b)).unwrap_or(cap);
        let rest: Vec<Unit> = self.buf.split_off(cut);
        self.emit();
        for u in rest {
            if self.buf.is_empty() && u.is_space() {
                continue;
            }
            self.buf.push(u);
        }
    }

    fn emit(&mut self) {
        let (Some(first), Some(last)) = (self.buf.first(), self.buf.last()) else {
            return;
        };
        self.out.push(Column {
            range: first.range.start..last.range.end,
            kind: self.kind,
            indent: if self.first { self.indent } else { 0 },
            cells: self.buf.len(),
            skip: first.ann_before,
        });
        self.buf.clear();
        self.first = false;
    }

    fn finish(mut self) {
        self.emit();
    }
}

impl VerticalLayout {
    pub fn page_count(&self) -> usize {
        self.pages.len().max(1)
    }

    /// Columns of page `page` (0-based), first (rightmost) first; empty when out of range.
    pub fn page_columns(&self, page: usize) -> &[Column] {
        super::paginate::page_span(&self.pages, self.columns.len(), page)
            .and_then(|span| self.columns.get(span))
            .unwrap_or(&[])
    }

    /// Index of the column showing byte `offset` (the last non-blank column starting at or
    /// before it).
    pub fn column_of_offset(&self, offset: usize) -> usize {
        let mut idx = self
            .columns
            .partition_point(|c| c.kind == LineKind::Blank || c.range.start <= offset)
            .saturating_sub(1);
        while idx > 0
            && self
                .columns
                .get(idx)
                .is_some_and(|c| c.kind == LineKind::Blank)
        {
            idx -= 1;
        }
        idx
    }

    /// Page (0-based) holding byte `offset`.
    pub fn page_of_offset(&self, offset: usize) -> usize {
        let col = self.column_of_offset(offset);
        self.pages.partition_point(|&p| p <= col).saturating_sub(1)
    }

    /// Offset of the first character shown on page `page`.
    pub fn page_start_offset(&self, page: usize) -> usize {
        let Some(&first) = self.pages.get(page) else {
            return 0;
        };
        self.columns
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .find(|c| c.kind != LineKind::Blank)
            .or_else(|| {
                self.columns
                    .iter()
                    .rev()
                    .find(|c| c.kind != LineKind::Blank)
            })
            .map(|c| c.range.start)
            .unwrap_or(0)
    }

    /// Byte range of the text shown on page `page`.
    pub fn page_range(&self, page: usize) -> Range<usize> {
        let start = self.page_start_offset(page);
        let end = self
            .page_columns(page)
            .iter()
            .rev()
            .find(|c| c.kind != LineKind::Blank)
            .map(|c| c.range.end)
            .unwrap_or(start);
        start..end.max(start)
    }

    /// The cells of column `col` of `text` (the text this layout was made from), top to bottom.
    pub fn column_cells<'a>(&'a self, text: &'a str, col: usize) -> Vec<Cell<'a>> {
        let Some(column) = self.columns.get(col) else {
            return Vec::new();
        };
        let r = column.range.clone();
        if column.cells == 0 || text.get(r.clone()).is_none() {
            return Vec::new();
        }
        // Rebuild the units of a window around the column: its line, cut a few characters
        // beyond the column on each side (enough context for digit runs and ASCII punctuation).
        let line_start = text[..r.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[r.end..]
            .find('\n')
            .map(|i| r.end + i)
            .unwrap_or(text.len());
        let from = text[line_start..r.start]
            .char_indices()
            .rev()
            .nth(3)
            .map(|(i, _)| line_start + i)
            .unwrap_or(line_start);
        let to = text[r.end..line_end]
            .char_indices()
            .nth(4)
            .map(|(i, _)| r.end + i)
            .unwrap_or(line_end);
        let window = &text[from..to];
        let mut units = Units::new(window, from, self.ambiguous_wide, &self.notes);
        units.started = from > line_start;
        units
            .filter(|u| u.range.start >= r.start && u.range.end <= r.end)
            .skip(column.skip)
            .take(column.cells)
            .map(|u| Cell {
                text: cell_text(text, &self.notes, &u),
                width: u.width,
                range: u.range,
            })
            .collect()
    }

    /// Page `page` as `rows` rows of glyphs, left to right, exactly `width` cells each: the
    /// page's first column is the rightmost one. Padding and gaps are spaces carrying the offset
    /// of the column they belong to.
    pub fn page_grid<'a>(&'a self, text: &'a str, page: usize) -> Vec<Vec<Glyph<'a>>> {
        let first = self.pages.get(page).copied().unwrap_or(self.columns.len());
        let count = self.page_columns(page).len();
        self.columns_grid(text, first, count)
    }

    /// Like `page_grid` for any `count` columns from column `first` (a reader scrolling by
    /// columns shows pages that need not start at a page boundary). At most
    /// `columns_per_page` columns are drawn.
    pub fn columns_grid<'a>(
        &'a self,
        text: &'a str,
        first: usize,
        count: usize,
    ) -> Vec<Vec<Glyph<'a>>> {
        self.columns_grid_painted(text, first, count)
            .into_iter()
            .map(|(row, _)| row)
            .collect()
    }

    /// [`columns_grid`](Self::columns_grid) with each row's paint: a ruby reading is
    /// decoration (`Paint::DECORATION` and `Paint::RUBY`); the paint is empty for a row
    /// without one.
    pub fn columns_grid_painted<'a>(
        &'a self,
        text: &'a str,
        first: usize,
        count: usize,
    ) -> Vec<(Vec<Glyph<'a>>, Vec<Paint>)> {
        let end = first
            .saturating_add(count.min(self.columns_per_page))
            .min(self.columns.len());
        let cols = self.columns.get(first.min(end)..end).unwrap_or(&[]);
        let cells: Vec<Vec<Cell>> = (0..cols.len())
            .map(|k| self.column_cells(text, first + k))
            .collect();
        let slots = self.columns_per_page;
        let used = slots * COLUMN_WIDTH + slots.saturating_sub(1) * COLUMN_GAP;
        let lead = self.width.saturating_sub(used);
        let space = |n: usize, offset: usize| Glyph {
            text: spaces(n),
            width: n,
            offset,
        };
        (0..self.rows)
            .map(|row| {
                let mut glyphs = Vec::with_capacity(slots * 3 + 1);
                let mut paint = Vec::new();
                if lead > 0 {
                    let at = cols.last().map(|c| c.range.start).unwrap_or(0);
                    glyphs.push(space(lead, at));
                }
                for slot in (0..slots).rev() {
                    let col = cols.get(slot);
                    let at = col.map(|c| c.range.start).unwrap_or(0);
                    let cell = col.and_then(|c| {
                        let r = row.checked_sub(c.indent)?;
                        cells.get(slot)?.get(r)
                    });
                    match cell {
                        Some(cell) => {
                            if cell.range.is_empty() {
                                // A row of a ruby reading: the only rows without text.
                                paint.resize(glyphs.len(), Paint::default());
                                paint.push(Paint::DECORATION.with(Paint::RUBY));
                            }
                            glyphs.push(Glyph {
                                text: cell.text,
                                width: cell.width,
                                offset: cell.range.start,
                            });
                            if cell.width < COLUMN_WIDTH {
                                glyphs.push(space(COLUMN_WIDTH - cell.width, cell.range.start));
                            }
                        }
                        None => glyphs.push(space(COLUMN_WIDTH, at)),
                    }
                    if slot > 0 {
                        glyphs.push(space(COLUMN_GAP, at));
                    }
                }
                if !paint.is_empty() {
                    paint.resize(glyphs.len(), Paint::default());
                }
                (glyphs, paint)
            })
            .collect()
    }

    /// Page `page` as text lines (what `kanshu render --vertical` prints); trailing spaces are
    /// kept so columns line up, callers may trim.
    pub fn render_page(&self, text: &str, page: usize) -> Vec<String> {
        self.page_grid(text, page)
            .into_iter()
            .map(|row| row.iter().map(|g| g.text).collect())
            .collect()
    }
}

/// What a unit draws, borrowed from the text or from static strings.
fn cell_text<'a>(text: &'a str, notes: &'a [RubyNote], u: &Unit) -> &'a str {
    match u.shown {
        Shown::Note { note, from, to } => notes
            .get(note as usize)
            .and_then(|n| n.shown.get(from as usize..to as usize))
            .unwrap_or(""),
        Shown::Blank => spaces(COLUMN_WIDTH),
        Shown::Placeholder(c) => placeholder(c).text(),
        Shown::Form(f) => f,
        Shown::Source => text.get(u.range.start..u.shown_end).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests;
