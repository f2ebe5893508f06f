//! Vertical layout (竖排): a chapter's text in columns read top to bottom, right to left.
//!
//! Owns turning text + `LayoutParams` into columns and columns into pages, and finding the page
//! that holds an offset. Each column is one CJK character (2 cells) wide and `params.height`
//! rows tall; punctuation is shown in its vertical presentation form; line-breaking rules apply
//! at column ends (push-out, —— and …… kept whole); a paragraph starts with an indent at the top
//! of its first column. Short digit runs (≤ 2) sit upright in one cell pair, longer Latin and
//! digit runs take one row per character. Offsets are byte offsets into the text laid out,
//! exactly as for horizontal lines, so a page is a range of offsets and switching modes keeps
//! the place. Columns store ranges only; the cells of a page are rebuilt when it is drawn, so a
//! huge chapter costs a few words per column. No terminal crate here.

use std::ops::Range;

use super::glyphs::{Glyph, UnitKind, units};
use super::width::{placeholder, spaces};
use super::wrap::{no_line_end, no_line_start};
use super::{LayoutParams, LineKind};

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
}

/// How many columns fit `width` cells.
pub fn columns_per_page(width: usize) -> usize {
    ((width + COLUMN_GAP) / (COLUMN_WIDTH + COLUMN_GAP)).max(1)
}

/// Lay out `text` (one chapter; its first line is a heading when `heading`) vertically.
pub fn layout_vertical(text: &str, heading: bool, params: &LayoutParams) -> VerticalLayout {
    let rows = params.height.max(1);
    let indent_rows = params.indent.map(|cells| cells.div_ceil(2)).unwrap_or(2);
    let mut columns: Vec<Column> = Vec::new();
    let mut pos = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let is_heading = n == 0 && heading;
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
        for unit in Units::new(line, pos, params.ambiguous_wide) {
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
    }
}

fn blank_column(at: usize) -> Column {
    Column {
        range: at..at,
        kind: LineKind::Blank,
        indent: 0,
        cells: 0,
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
}

impl<'a> Units<'a> {
    fn new(line: &'a str, base: usize, ambiguous_wide: bool) -> Self {
        Units {
            ambiguous_wide,
            iter: units(line, base, ambiguous_wide).peekable(),
            prev: None,
            digits_left: 0,
            started: false,
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
    pub fn column_cells<'a>(&self, text: &'a str, col: usize) -> Vec<Cell<'a>> {
        let Some(column) = self.columns.get(col) else {
            return Vec::new();
        };
        let r = column.range.clone();
        if r.is_empty() || text.get(r.clone()).is_none() {
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
        let mut units = Units::new(window, from, self.ambiguous_wide);
        units.started = from > line_start;
        units
            .filter(|u| u.range.start >= r.start && u.range.end <= r.end)
            .map(|u| Cell {
                text: cell_text(text, &u),
                width: u.width,
                range: u.range,
            })
            .collect()
    }

    /// Page `page` as `rows` rows of glyphs, left to right, exactly `width` cells each: the
    /// page's first column is the rightmost one. Padding and gaps are spaces carrying the offset
    /// of the column they belong to.
    pub fn page_grid<'a>(&self, text: &'a str, page: usize) -> Vec<Vec<Glyph<'a>>> {
        let first = self.pages.get(page).copied().unwrap_or(self.columns.len());
        let count = self.page_columns(page).len();
        self.columns_grid(text, first, count)
    }

    /// Like `page_grid` for any `count` columns from column `first` (a reader scrolling by
    /// columns shows pages that need not start at a page boundary). At most
    /// `columns_per_page` columns are drawn.
    pub fn columns_grid<'a>(
        &self,
        text: &'a str,
        first: usize,
        count: usize,
    ) -> Vec<Vec<Glyph<'a>>> {
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
                glyphs
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
fn cell_text<'a>(text: &'a str, u: &Unit) -> &'a str {
    match u.shown {
        Shown::Blank => spaces(COLUMN_WIDTH),
        Shown::Placeholder(c) => placeholder(c).text(),
        Shown::Form(f) => f,
        Shown::Source => text.get(u.range.start..u.shown_end).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(width: usize, height: usize) -> LayoutParams {
        LayoutParams {
            width,
            height,
            ..LayoutParams::default()
        }
    }

    /// Page `page` as lines with trailing spaces shown as `·` so pictures line up.
    fn picture(text: &str, width: usize, height: usize, page: usize) -> String {
        let v = layout_vertical(text, false, &params(width, height));
        v.render_page(text, page)
            .into_iter()
            .map(|l| format!("|{l}|"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn columns_run_right_to_left_with_indent_and_vertical_punctuation() {
        // 黄 is pushed out with ， (which may not start a column); 。 likewise takes 荒 along.
        assert_eq!(
            picture("　　天地玄黄，宇宙洪荒。", 5, 6, 0),
            "\
|黄   |
|︐   |
|宇 天|
|宙 地|
|洪 玄|
|     |"
        );
        assert_eq!(
            picture("　　天地玄黄，宇宙洪荒。", 5, 6, 1),
            "\
|   荒|
|   ︒|
|     |
|     |
|     |
|     |"
        );
    }

    #[test]
    fn quotes_dashes_and_ellipses() {
        // Quotes become ﹁ ﹂; —— stays together; …… may not start a column, so 吧 goes along.
        assert_eq!(
            picture("“你好”，他说——走吧……", 8, 5, 0),
            "\
|说 好   |
|︱ ﹂   |
|︱ ︐ ﹁|
|走 他 你|
|        |"
        );
        assert_eq!(
            picture("“你好”，他说——走吧……", 8, 5, 1),
            "\
|      吧|
|      ︙|
|      ︙|
|        |
|        |"
        );
    }

    #[test]
    fn digits_pair_up_and_latin_goes_one_per_row() {
        assert_eq!(
            picture("温度25度，共2020年abc。", 8, 6, 0),
            "\
|0  度   |
|年 ︐   |
|a  共 温|
|b  2  度|
|c  0  25|
|︒ 2    |"
        );
    }

    #[test]
    fn ambiguous_width_is_honoured() {
        let narrow = layout_vertical("甲·乙", false, &params(2, 6));
        let wide = layout_vertical(
            "甲·乙",
            false,
            &LayoutParams {
                ambiguous_wide: true,
                ..params(2, 6)
            },
        );
        let cell = |v: &VerticalLayout| v.column_cells("甲·乙", 0)[1].width;
        assert_eq!(cell(&narrow), 1);
        assert_eq!(cell(&wide), 2);
        // Either way every row is exactly the page width.
        for v in [&narrow, &wide] {
            for row in v.page_grid("甲·乙", 0) {
                assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), 2);
            }
        }
    }

    #[test]
    fn heading_has_no_indent_and_a_blank_column_after() {
        let text = "第一章 起\n正文。\n";
        let v = layout_vertical(text, true, &params(11, 6));
        assert_eq!(v.columns[0].kind, LineKind::Heading);
        assert_eq!(v.columns[0].indent, 0);
        assert_eq!(v.columns[1].kind, LineKind::Blank);
        assert_eq!(v.columns[2].indent, 2);
        // The space inside the heading is one blank row.
        assert_eq!(v.column_cells(text, 0)[3].text, "  ");
    }

    #[test]
    fn one_kinsoku_table_for_lines_and_columns() {
        // Closing brackets, percent signs and dashes may start neither a line nor a column.
        for c in ['］', '｝', '％', '〜', '―', '⸺', '”', '」', '々'] {
            let text = format!("天地玄{c}黃");
            let p = LayoutParams {
                indent: Some(0),
                ..params(20, 3)
            };
            let v = layout_vertical(&text, false, &p);
            let top = v.column_cells(&text, 1).first().map(|c| c.text);
            assert_eq!(top, Some("玄"), "{c} pushes 玄 out with it");
            assert_ne!(top, Some(c.to_string().as_str()), "{c} tops a column");
            assert_ne!(top.and_then(|t| t.chars().next()), vertical_form(c), "{c}");
        }
    }

    #[test]
    fn pages_are_offset_ranges() {
        let text = "　　天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n寒来暑往，秋收冬藏。\n";
        let v = layout_vertical(text, false, &params(8, 5));
        assert!(v.page_count() > 1);
        for page in 0..v.page_count() {
            let start = v.page_start_offset(page);
            assert_eq!(v.page_of_offset(start), page);
            let r = v.page_range(page);
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        let at = text.find('秋').unwrap_or(0);
        let page = v.page_of_offset(at);
        assert!(v.page_range(page).contains(&at));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// A token always leaves a legal break before it: [opening] Han [closing | —— | ……].
        fn token() -> impl Strategy<Value = String> {
            let han = prop::sample::select(vec!['天', '地', '戰', '书', '𠀀']);
            let open = prop::sample::select(vec!["", "", "“", "（", "《", "「"]);
            let close = prop::sample::select(vec![
                "", "", "", "，", "。", "”", "）", "》", "、", "！", "——", "……", "?",
            ]);
            (open, han, close).prop_map(|(o, h, c)| format!("{o}{h}{c}"))
        }

        fn book() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                6 => token(),
                1 => Just("\n".to_string()),
                1 => prop::sample::select(vec![
                    "12", "2020", "abc", " ", "x1", "a,b", "1,000", "12345", "\u{200B}", "e\u{301}",
                    "\u{1b}", "　", "7",
                ]).prop_map(String::from),
            ];
            prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            #[test]
            fn nothing_lost_nothing_too_tall(text in book(), width in 2usize..30, height in 1usize..12) {
                let v = layout_vertical(&text, false, &params(width, height));
                let mut shown = String::new();
                for (k, col) in v.columns.iter().enumerate() {
                    prop_assert!(col.rows() <= height.max(1));
                    let cells = v.column_cells(&text, k);
                    prop_assert_eq!(cells.len(), col.cells);
                    for cell in &cells {
                        prop_assert!(!cell.text.chars().any(char::is_control));
                        let src = &text[cell.range.clone()];
                        shown.push_str(src);
                        let mut cs = src.chars();
                        if let (Some(c), None) = (cs.next(), cs.next())
                            && let Some(form) = vertical_form(c)
                        {
                            prop_assert_eq!(cell.text, form.to_string());
                        }
                    }
                }
                let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                prop_assert_eq!(strip(&shown), strip(&text));
                for page in 0..v.page_count() {
                    for row in v.page_grid(&text, page) {
                        prop_assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), v.width);
                    }
                }
            }

            #[test]
            fn no_forbidden_char_at_column_top(text in book(), height in 6usize..12) {
                let v = layout_vertical(&text, false, &params(20, height));
                for k in 0..v.columns.len() {
                    let cells = v.column_cells(&text, k);
                    if let Some(top) = cells.first() {
                        let c = text[top.range.clone()].chars().next().unwrap_or(' ');
                        prop_assert!(!no_line_start(c), "{:?} starts a column in {:?}", c, text);
                    }
                    if let Some(bottom) = cells.last() {
                        let c = text[bottom.range.clone()].chars().last().unwrap_or(' ');
                        let para_end = text[bottom.range.end..].starts_with('\n')
                            || bottom.range.end == text.len();
                        prop_assert!(para_end || !no_line_end(c), "{:?} ends a column", c);
                    }
                }
            }
        }
    }
}
