//! Vertical layout (竖排): a chapter's text in columns read top to bottom, right to left.
//!
//! Owns turning text + `LayoutParams` into columns of cells and columns into pages, and finding
//! the page that holds an offset. Each column is one CJK character (2 cells) wide and
//! `params.height` rows tall; punctuation is shown in its vertical presentation form; line-breaking
//! rules apply at column ends; a paragraph starts with an indent at the top of its first column.
//! Short digit runs (≤ 2) sit upright in one cell pair, longer Latin and digit runs take one row
//! per character. Offsets are byte offsets into the text laid out, exactly as for horizontal
//! lines, so a page is a range of offsets and switching modes keeps the place.
//! No terminal crate here; drawing is the reader's job (`page_grid` gives it glyphs).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::document::Document;
use crate::layout::{Glyph, LayoutParams, LineKind};

/// Cells of space between two columns.
pub const COLUMN_GAP: usize = 1;
/// Cells one column takes.
pub const COLUMN_WIDTH: usize = 2;

/// One row of a column: a grapheme (or an upright pair of digits) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What to print (the vertical form for punctuation); never a control character.
    pub text: String,
    /// Cells `text` takes (≤ 2 for anything the book can hold in one column row).
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
    pub cells: Vec<Cell>,
}

impl Column {
    /// Rows the column fills.
    pub fn rows(&self) -> usize {
        self.indent + self.cells.len()
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
}

/// How many columns fit `width` cells.
pub fn columns_per_page(width: usize) -> usize {
    ((width + COLUMN_GAP) / (COLUMN_WIDTH + COLUMN_GAP)).max(1)
}

/// Lay out chapter `idx` of `doc` vertically.
pub fn layout_chapter_vertical(
    doc: &Document,
    idx: usize,
    params: &LayoutParams,
) -> VerticalLayout {
    let heading = doc.chapters.get(idx).is_some_and(|c| c.heading);
    layout_vertical(doc.chapter_text(idx), heading, params)
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
        let units = units_of(line, pos, params.ambiguous_wide);
        if units.is_empty() {
            // A blank line marks a section break: one blank column, never two in a row.
            if columns.last().is_some_and(|c| c.kind != LineKind::Blank) {
                columns.push(blank_column(pos));
            }
        } else {
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
            fill_columns(units, indent, rows, kind, &mut columns);
            if is_heading {
                columns.push(blank_column(pos + raw.len()));
            }
        }
        pos += raw.len();
    }
    let per_page = columns_per_page(params.width.max(COLUMN_WIDTH));
    let pages = (0..columns.len().max(1)).step_by(per_page).collect();
    VerticalLayout {
        columns,
        pages,
        rows,
        columns_per_page: per_page,
        width: params.width.max(COLUMN_WIDTH),
    }
}

fn blank_column(at: usize) -> Column {
    Column {
        range: at..at,
        kind: LineKind::Blank,
        indent: 0,
        cells: Vec::new(),
    }
}

/// A cell plus the line-breaking facts about it.
struct Unit {
    cell: Cell,
    /// May not start a column (closing punctuation, the second half of —— or ……).
    no_break_before: bool,
    /// May not end a column (opening punctuation).
    no_break_after: bool,
    space: bool,
}

/// Never at the top of a column (clreq/jlreq "not at line start", plus ASCII closers).
fn no_start(c: char) -> bool {
    "、，。．：；！？）」』】〕〗》〉”’)]},.;:!?・·～–—…‥ーヽヾゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
        .contains(c)
}

/// Never at the bottom of a column.
fn no_end(c: char) -> bool {
    "（「『【〔〖《〈“‘([{［｛".contains(c)
}

/// The vertical presentation form of a punctuation mark, if it has one.
pub fn vertical_form(c: char) -> Option<char> {
    Some(match c {
        '，' => '︐',
        '、' => '︑',
        '。' => '︒',
        '：' => '︓',
        '；' => '︔',
        '！' => '︕',
        '？' => '︖',
        '…' => '︙',
        '‥' => '︰',
        '—' | '―' => '︱',
        '–' => '︲',
        '（' | '(' => '︵',
        '）' | ')' => '︶',
        '｛' | '{' => '︷',
        '｝' | '}' => '︸',
        '〔' => '︹',
        '〕' => '︺',
        '【' => '︻',
        '】' => '︼',
        '《' => '︽',
        '》' => '︾',
        '〈' => '︿',
        '〉' => '﹀',
        '「' | '“' => '﹁',
        '」' | '”' => '﹂',
        '『' | '‘' => '﹃',
        '』' | '’' => '﹄',
        '〖' => '︗',
        '〗' => '︘',
        '［' | '[' => '﹇',
        '］' | ']' => '﹈',
        _ => return None,
    })
}

/// ASCII punctuation that takes a vertical form when it sits in CJK text (not inside `1,000` or
/// `a:b`, where the neighbours are ASCII letters or digits).
fn ascii_vertical_form(c: char) -> Option<char> {
    Some(match c {
        ',' => '︐',
        ':' => '︓',
        ';' => '︔',
        '!' => '︕',
        '?' => '︖',
        _ => return None,
    })
}

fn cell_width(s: &str, ambiguous_wide: bool) -> usize {
    if ambiguous_wide {
        s.width_cjk()
    } else {
        s.width()
    }
}

/// The cells of one paragraph line; `base` is the line's offset in the text.
fn units_of(line: &str, base: usize, ambiguous_wide: bool) -> Vec<Unit> {
    let graphemes: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut i = 0;
    while let Some(&(off, g)) = graphemes.get(i) {
        let start = base + off;
        let first = g.chars().next().unwrap_or(' ');
        // Whitespace: dropped at the paragraph start, one blank row for a run inside.
        if g.chars().all(char::is_whitespace) {
            let mut j = i + 1;
            while graphemes
                .get(j)
                .is_some_and(|(_, g)| g.chars().all(char::is_whitespace))
            {
                j += 1;
            }
            let end = graphemes
                .get(j)
                .map(|&(o, _)| base + o)
                .unwrap_or(base + line.len());
            if !units.is_empty() && j < graphemes.len() {
                units.push(Unit {
                    cell: Cell {
                        text: String::new(),
                        width: 0,
                        range: start..end,
                    },
                    no_break_before: false,
                    no_break_after: false,
                    space: true,
                });
            }
            i = j;
            continue;
        }
        // Digit runs: up to two digits upright side by side in one row.
        if first.is_ascii_digit() {
            let mut j = i;
            while graphemes
                .get(j)
                .is_some_and(|(_, g)| g.len() == 1 && g.as_bytes()[0].is_ascii_digit())
            {
                j += 1;
            }
            let end = graphemes
                .get(j)
                .map(|&(o, _)| base + o)
                .unwrap_or(base + line.len());
            let run = line.get(off..end - base).unwrap_or("");
            if j - i <= 2 {
                units.push(plain_unit(run.to_string(), run.len(), start..end));
            } else {
                // A longer number: one digit per row.
                for (k, d) in run.char_indices() {
                    units.push(plain_unit(d.to_string(), 1, start + k..start + k + 1));
                }
            }
            i = j;
            continue;
        }
        let end = start + g.len();
        let prev = i.checked_sub(1).and_then(|p| graphemes.get(p)).map(|g| g.1);
        let next = graphemes.get(i + 1).map(|g| g.1);
        let ascii_word = |g: Option<&str>| {
            g.and_then(|g| g.chars().next())
                .is_some_and(|c| c.is_ascii_alphanumeric())
        };
        let single = g.chars().count() == 1;
        let form = if single {
            vertical_form(first).or_else(|| {
                if ascii_word(prev) && ascii_word(next) {
                    None
                } else {
                    ascii_vertical_form(first)
                }
            })
        } else {
            None
        };
        let text = match form {
            Some(v) => v.to_string(),
            None if g.chars().any(char::is_control) => "\u{FFFD}".to_string(),
            None => g.to_string(),
        };
        let width = cell_width(&text, ambiguous_wide);
        if width == 0 {
            // Invisible on its own (a stray combining mark, a zero-width char): ride along with
            // the previous cell so it is neither lost nor given an empty row.
            if let Some(last) = units.last_mut().filter(|u| !u.space) {
                last.cell.text.push_str(&text);
                last.cell.range.end = end;
                i += 1;
                continue;
            }
        }
        units.push(Unit {
            cell: Cell {
                text,
                width,
                range: start..end,
            },
            no_break_before: single && no_start(first),
            no_break_after: single && no_end(first),
            space: false,
        });
        i += 1;
    }
    units
}

fn plain_unit(text: String, width: usize, range: Range<usize>) -> Unit {
    Unit {
        cell: Cell { text, width, range },
        no_break_before: false,
        no_break_after: false,
        space: false,
    }
}

/// Cut a paragraph's units into columns of at most `rows` rows, first column indented.
fn fill_columns(
    units: Vec<Unit>,
    indent: usize,
    rows: usize,
    kind: LineKind,
    out: &mut Vec<Column>,
) {
    let n = units.len();
    let can_break =
        |b: usize| b > 0 && b < n && !units[b].no_break_before && !units[b - 1].no_break_after;
    let mut cuts = Vec::new(); // (start, end, indent)
    let mut s = 0;
    let mut first = true;
    while s < n {
        let ind = if first { indent } else { 0 };
        let cap = rows.saturating_sub(ind).max(1);
        let e = if n - s <= cap {
            n
        } else {
            let limit = s + cap;
            // Push out: move characters to the next column until the break is allowed.
            (s + 1..=limit)
                .rev()
                .find(|&b| can_break(b))
                .unwrap_or(limit)
        };
        cuts.push((s, e, ind));
        s = e;
        // A space at the top of a column is not shown.
        while s < n && units[s].space {
            s += 1;
        }
        first = false;
    }
    let mut units = units.into_iter().enumerate().peekable();
    for (s, e, ind) in cuts {
        let mut cells = Vec::with_capacity(e - s);
        let mut range: Option<Range<usize>> = None;
        while let Some((k, _)) = units.peek() {
            if *k >= e {
                break;
            }
            let Some((k, u)) = units.next() else { break };
            if k < s {
                continue; // a space dropped at a column top
            }
            let r = range.get_or_insert(u.cell.range.start..u.cell.range.end);
            r.end = u.cell.range.end;
            let mut cell = u.cell;
            if u.space {
                cell.text = " ".repeat(COLUMN_WIDTH);
                cell.width = COLUMN_WIDTH;
            }
            cells.push(cell);
        }
        let range = range.unwrap_or(0..0);
        out.push(Column {
            range,
            kind,
            indent: ind,
            cells,
        });
    }
}

impl VerticalLayout {
    pub fn page_count(&self) -> usize {
        self.pages.len().max(1)
    }

    /// Columns of page `page` (0-based), first (rightmost) first; empty when out of range.
    pub fn page_columns(&self, page: usize) -> &[Column] {
        let Some(&start) = self.pages.get(page) else {
            return &[];
        };
        let end = self
            .pages
            .get(page + 1)
            .copied()
            .unwrap_or(self.columns.len());
        self.columns.get(start..end).unwrap_or(&[])
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
        let cols = self.page_columns(page);
        let start = self.page_start_offset(page);
        let end = cols
            .iter()
            .rev()
            .find(|c| c.kind != LineKind::Blank)
            .map(|c| c.range.end)
            .unwrap_or(start);
        start..end.max(start)
    }

    /// Page `page` as `rows` rows of glyphs, left to right, exactly `width` cells each: the
    /// page's first column is the rightmost one. Padding and gaps are spaces carrying the offset
    /// of the column they belong to.
    pub fn page_grid(&self, page: usize) -> Vec<Vec<Glyph>> {
        let cols = self.page_columns(page);
        let slots = self.columns_per_page;
        let used = slots * COLUMN_WIDTH + slots.saturating_sub(1) * COLUMN_GAP;
        let lead = self.width.saturating_sub(used);
        let space = |n: usize, offset: usize| Glyph {
            text: " ".repeat(n),
            width: n,
            offset,
        };
        (0..self.rows)
            .map(|row| {
                let mut glyphs = Vec::with_capacity(slots * 3 + 1);
                if lead > 0 {
                    glyphs.push(space(
                        lead,
                        cols.first().map(|c| c.range.start).unwrap_or(0),
                    ));
                }
                for slot in (0..slots).rev() {
                    let col = cols.get(slot);
                    let at = col.map(|c| c.range.start).unwrap_or(0);
                    let cell =
                        col.and_then(|c| row.checked_sub(c.indent).and_then(|r| c.cells.get(r)));
                    match cell {
                        Some(cell) => {
                            let w = cell.width.min(COLUMN_WIDTH);
                            glyphs.push(Glyph {
                                text: cell.text.clone(),
                                width: cell.width,
                                offset: cell.range.start,
                            });
                            if w < COLUMN_WIDTH {
                                glyphs.push(space(COLUMN_WIDTH - w, cell.range.start));
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

    /// Page `page` as text lines (what `kanshu render --vertical` prints), trailing spaces kept
    /// so columns line up; callers may trim.
    pub fn render_page(&self, page: usize) -> Vec<String> {
        self.page_grid(page)
            .into_iter()
            .map(|row| row.into_iter().map(|g| g.text).collect())
            .collect()
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
        v.render_page(page)
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
        let cell = |v: &VerticalLayout| v.columns[0].cells[1].width;
        assert_eq!(cell(&narrow), 1);
        assert_eq!(cell(&wide), 2);
        // Either way every row is exactly the page width.
        for v in [&narrow, &wide] {
            for row in v.page_grid(0) {
                assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), 2);
            }
        }
    }

    #[test]
    fn heading_has_no_indent_and_a_blank_column_after() {
        let v = layout_vertical("第一章 起\n正文。\n", true, &params(11, 6));
        assert_eq!(v.columns[0].kind, LineKind::Heading);
        assert_eq!(v.columns[0].indent, 0);
        assert_eq!(v.columns[1].kind, LineKind::Blank);
        assert_eq!(v.columns[2].indent, 2);
        // The space inside the heading is one blank row.
        assert_eq!(v.columns[0].cells[3].text, "  ");
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
                1 => prop::sample::select(vec!["12", "2020", "abc", " ", "x1"]).prop_map(String::from),
            ];
            prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            #[test]
            fn nothing_lost_nothing_too_tall(text in book(), width in 2usize..30, height in 1usize..12) {
                let v = layout_vertical(&text, false, &params(width, height));
                let mut shown = String::new();
                for col in &v.columns {
                    prop_assert!(col.rows() <= height.max(1));
                    for cell in &col.cells {
                        let src = &text[cell.range.clone()];
                        shown.push_str(src);
                        let mut cs = src.chars();
                        if let (Some(c), None) = (cs.next(), cs.next())
                            && let Some(form) = vertical_form(c)
                        {
                            prop_assert_eq!(cell.text.clone(), form.to_string());
                        }
                    }
                }
                let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                prop_assert_eq!(strip(&shown), strip(&text));
                for page in 0..v.page_count() {
                    for row in v.page_grid(page) {
                        prop_assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), v.width);
                    }
                }
            }

            #[test]
            fn no_forbidden_char_at_column_top(text in book(), height in 6usize..12) {
                let v = layout_vertical(&text, false, &params(20, height));
                for col in &v.columns {
                    if let Some(top) = col.cells.first() {
                        let c = text[top.range.clone()].chars().next().unwrap_or(' ');
                        prop_assert!(!no_start(c), "{:?} starts a column in {:?}", c, text);
                    }
                    if let Some(bottom) = col.cells.last() {
                        let c = text[bottom.range.clone()].chars().last().unwrap_or(' ');
                        let para_end = text[bottom.range.end..].starts_with('\n')
                            || bottom.range.end == text.len();
                        prop_assert!(para_end || !no_end(c), "{:?} ends a column", c);
                    }
                }
            }
        }
    }
}
