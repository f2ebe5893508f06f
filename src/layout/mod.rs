//! The layout engine: a chapter's text + `LayoutParams` → lines (byte ranges) → pages.
//!
//! Layout is a pure function of (text, params). Lines are byte ranges into the chapter's text,
//! so no line copies text; what a line looks like on screen (indent, placeholders for control
//! characters, justification) is produced on demand by the one glyph pipeline (`line_glyphs`,
//! vertical columns and `render_line` all read the same display units). `BookLayout` caches a
//! book's chapters and lays out long ones in windows. Layout knows nothing about views (script
//! conversion, cleaning, display modes live above it in `view`) and no terminal crate.

use std::ops::Range;

use crate::document::Document;

mod blocks;
mod book;
mod glyphs;
pub mod paginate;
pub mod vertical;
pub mod width;
pub mod wrap;

pub(crate) use blocks::layout_document_chapter;
pub use blocks::{LineDecor, Paint, Part, glyph_line};
pub use book::BookLayout;
pub(crate) use book::locate_in;
pub use glyphs::{Glyph, GlyphLine, line_glyphs, render_line};
use paginate::Pager;
use width::is_wide_char;
use wrap::{WrapSettings, WrappedLine, wrap_paragraph};

/// How source lines become paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphMode {
    /// Decide per book (CJK TXT → `Lines`, hard-wrapped English → `Blank`).
    #[default]
    Auto,
    /// Every non-empty line is a paragraph.
    Lines,
    /// Paragraphs are separated by blank lines; lines inside are re-joined (an indented line
    /// still starts a new paragraph).
    Blank,
}

/// Everything layout depends on, in one plain struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutParams {
    /// Text width in terminal cells (≥ 2).
    pub width: usize,
    /// Page height in lines (≥ 1).
    pub height: usize,
    /// First-line indent in cells; `None` = auto, per paragraph: 4 cells (two U+3000) for a
    /// CJK paragraph, 0 for an English one.
    pub indent: Option<usize>,
    /// Blank lines between text lines (0 or 1).
    pub line_spacing: u8,
    /// Blank line between paragraphs; `None` = auto (on for English, off for CJK).
    pub paragraph_spacing: Option<bool>,
    pub paragraph_mode: ParagraphMode,
    /// Ambiguous-width characters (“ ” … — ·) take 2 cells instead of 1.
    pub ambiguous_wide: bool,
    /// Distribute spare cells so body lines end flush.
    pub justify: bool,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            width: 80,
            height: 24,
            indent: None,
            line_spacing: 0,
            paragraph_spacing: None,
            paragraph_mode: ParagraphMode::Auto,
            ambiguous_wide: false,
            justify: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    Body,
    /// A spacer line (paragraph or line spacing, after a heading). Its range is empty.
    Blank,
}

/// One laid-out line: a byte range into the chapter's text plus how to draw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub kind: LineKind,
    /// Cells of indentation drawn before the text.
    pub indent: u16,
}

/// The lines and pages of one chapter, or of a window of a long chapter (see `BookLayout`).
#[derive(Debug, Clone, Default)]
pub struct ChapterLayout {
    pub lines: Vec<Line>,
    /// Index into `lines` of the first line of each page; never empty.
    pub pages: Vec<usize>,
    /// Pages of the chapter before `lines` (0 unless this is a window of a long chapter; counted
    /// where laid out, estimated from the bytes elsewhere).
    pub pages_before: usize,
    /// Pages of the chapter after `lines`, likewise.
    pub pages_after: usize,
    /// `lines` end where the chapter ends (false only for a window that stops earlier).
    pub ends_chapter: bool,
    /// What each line draws, for a chapter with structure (see `blocks`); empty for plain text.
    pub decor: Vec<LineDecor>,
}

/// What a book looks like, decided once per book from a sample of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookStyle {
    /// Mostly CJK text (ideographs, kana, Hangul) rather than Latin letters.
    pub cjk: bool,
    /// `Lines` or `Blank` (never `Auto`).
    pub mode: ParagraphMode,
    /// Blank lines sit between most paragraphs, so in `Lines` mode they are not section breaks.
    pub blank_separated: bool,
}

impl Default for BookStyle {
    fn default() -> Self {
        BookStyle {
            cjk: true,
            mode: ParagraphMode::Lines,
            blank_separated: false,
        }
    }
}

/// Bytes looked at per sample window when guessing a book's style.
const SAMPLE_WINDOW: usize = 32 * 1024;

impl BookStyle {
    /// Guess the style from three windows of the text (start, one third, two thirds): cheap
    /// even on a 100 MB book.
    pub fn detect(text: &str) -> BookStyle {
        let mut wide = 0usize;
        let mut latin = 0usize;
        let mut blank = 0usize;
        let mut nonblank = 0usize;
        let len = text.len();
        let (starts, window): (&[usize], usize) = if len <= 3 * SAMPLE_WINDOW {
            (&[0], len)
        } else {
            (&[0, len / 3, len / 3 * 2], SAMPLE_WINDOW)
        };
        for &s in starts {
            let from = floor_boundary(text, s);
            let to = floor_boundary(text, s.saturating_add(window));
            let Some(mut window) = text.get(from..to) else {
                continue;
            };
            if from > 0 {
                // Start at a whole line.
                window = window.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
            }
            // `lines` does not count the empty piece after a final line end.
            for line in window.lines() {
                if line.trim().is_empty() {
                    blank += 1;
                } else {
                    nonblank += 1;
                }
                for c in line.chars() {
                    if c.is_ascii_alphabetic() {
                        latin += 1;
                    } else if is_wide_char(c) {
                        wide += 1;
                    }
                }
            }
        }
        // A Chinese character carries about as much as a short English word.
        let cjk = wide * 4 >= latin;
        let blank_separated = nonblank > 0 && blank * 2 >= nonblank;
        // Blank lines between most paragraphs, or hard-wrapped English: paragraphs are
        // separated by blank lines and their lines are joined.
        let mode = if blank_separated || (!cjk && nonblank > 0 && blank * 20 >= nonblank) {
            ParagraphMode::Blank
        } else {
            ParagraphMode::Lines
        };
        BookStyle {
            cjk,
            mode,
            blank_separated,
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Widest page layout makes, in cells: far wider than any terminal, and small enough that a
/// vertical page (a grid of rows × columns) stays a few megabytes.
pub const MAX_WIDTH: usize = 2000;
/// Tallest page layout makes, in lines (see `MAX_WIDTH`).
pub const MAX_HEIGHT: usize = 1000;

impl LayoutParams {
    /// These params with every auto setting decided for a book of style `style`, and the
    /// numbers clamped to what layout can do (width 2–`MAX_WIDTH`, height 1–`MAX_HEIGHT`,
    /// line spacing ≤ 1).
    pub fn resolve(&self, style: &BookStyle) -> LayoutParams {
        LayoutParams {
            width: self.width.clamp(2, MAX_WIDTH),
            height: self.height.clamp(1, MAX_HEIGHT),
            indent: self.indent,
            line_spacing: self.line_spacing.min(1),
            paragraph_spacing: Some(self.paragraph_spacing.unwrap_or(!style.cjk)),
            paragraph_mode: match self.paragraph_mode {
                ParagraphMode::Auto => style.mode,
                m => m,
            },
            ambiguous_wide: self.ambiguous_wide,
            justify: self.justify,
        }
    }
}

/// Lay out chapter `idx` of `doc` (auto settings decided from the whole book; prefer
/// `BookLayout`, which decides them once and caches the result).
pub fn layout_chapter(doc: &Document, idx: usize, params: &LayoutParams) -> ChapterLayout {
    let style = BookStyle::detect(&doc.text);
    layout_document_chapter(doc, idx, &params.resolve(&style), &style)
}

/// Lay out one chapter's text; auto settings are decided from this text alone. `heading`: the
/// first line is the chapter heading.
pub fn layout_text(text: &str, heading: bool, params: &LayoutParams) -> ChapterLayout {
    let style = BookStyle::detect(text);
    layout_styled(text, heading, &params.resolve(&style), &style)
}

/// Adds spacer lines between text lines as the params ask and feeds the pager.
struct Builder<'a> {
    pager: Pager,
    params: &'a LayoutParams,
    /// Blank lines owed before the next text line (only once some text line exists).
    gap: usize,
}

impl Builder<'_> {
    fn push_text(&mut self, line: Line) {
        if !self.pager.is_empty() {
            for _ in 0..self.gap {
                self.pager.push(Line {
                    range: line.range.start..line.range.start,
                    kind: LineKind::Blank,
                    indent: 0,
                });
            }
        }
        self.gap = usize::from(self.params.line_spacing);
        self.pager.push(line);
    }

    fn paragraph_gap(&self) -> usize {
        usize::from(self.params.line_spacing)
            + usize::from(self.params.paragraph_spacing.unwrap_or(false))
    }

    fn paragraph(&mut self, text: &str, range: Range<usize>, cjk_book: bool) {
        let Some(para) = text.get(range.clone()) else {
            return;
        };
        let indent = self.params.indent.unwrap_or_else(|| {
            if is_cjk_paragraph(para, cjk_book) {
                4
            } else {
                0
            }
        });
        let settings = WrapSettings {
            width: self.params.width,
            first_indent: indent,
            ambiguous_wide: self.params.ambiguous_wide,
        };
        let base = range.start;
        wrap_paragraph(para, &settings, |wl: WrappedLine| {
            self.push_text(Line {
                range: base + wl.range.start..base + wl.range.end,
                kind: LineKind::Body,
                indent: to_u16(wl.indent),
            });
        });
        self.gap = self.paragraph_gap();
    }

    fn heading(&mut self, text: &str, range: Range<usize>) {
        let Some(para) = text.get(range.clone()) else {
            return;
        };
        let width = self.params.width;
        let wrap_at = |w: usize| {
            let settings = WrapSettings {
                width: w,
                first_indent: 0,
                ambiguous_wide: self.params.ambiguous_wide,
            };
            let mut lines = Vec::new();
            wrap_paragraph(para, &settings, |wl: WrappedLine| lines.push(wl));
            lines
        };
        let lines = balanced(wrap_at(width), width, wrap_at);
        let base = range.start;
        for wl in lines {
            self.push_text(Line {
                range: base + wl.range.start..base + wl.range.end,
                kind: LineKind::Heading,
                indent: to_u16(width.saturating_sub(wl.width) / 2),
            });
        }
        self.gap = self.paragraph_gap().max(1);
    }

    /// A blank line in the source marks a section break: at least one blank line follows.
    fn section_break(&mut self) {
        self.gap = self.gap.max(usize::from(self.params.line_spacing) + 1);
    }
}

/// A heading that wraps, re-wrapped as evenly as it can be: the narrowest width (found by
/// bisection between an even share and the full `width`) that still needs no more lines. A
/// centred heading then reads as two balanced lines, not a full line over a stub.
fn balanced(
    full: Vec<WrappedLine>,
    width: usize,
    wrap_at: impl Fn(usize) -> Vec<WrappedLine>,
) -> Vec<WrappedLine> {
    let k = full.len();
    if k < 2 {
        return full;
    }
    let total: usize = full.iter().map(|l| l.width).sum();
    let (mut lo, mut hi) = (total.div_ceil(k).max(1), width);
    let mut best = full;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let lines = wrap_at(mid);
        if lines.len() <= k {
            best = lines;
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    best
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Byte range of `line` (starting at `start` in the text) without leading and trailing
/// whitespace (source indentation such as "　　", spaces or tabs).
fn trim_range(line: &str, start: usize) -> Range<usize> {
    let is_pad = |c: char| c.is_whitespace() || c == '\u{feff}';
    let head = line.len() - line.trim_start_matches(is_pad).len();
    let tail = line.trim_end_matches(is_pad).len();
    if tail <= head {
        start + head..start + head
    } else {
        start + head..start + tail
    }
}

/// Is this paragraph CJK (auto indent)? Decided from its first characters; a paragraph with
/// neither CJK characters nor Latin letters there follows the book.
fn is_cjk_paragraph(para: &str, cjk_book: bool) -> bool {
    let (mut wide, mut latin) = (0usize, 0usize);
    for c in para.chars().take(32) {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_wide_char(c) {
            wide += 1;
        }
    }
    if wide == 0 && latin == 0 {
        cjk_book
    } else {
        wide * 4 >= latin
    }
}

/// Does a source line start with paragraph indentation (U+3000, a tab, or two spaces) or a
/// list marker? In blank-line mode such a line opens a new paragraph instead of continuing the
/// last one (CJK books that also put blank lines between paragraphs; indented verse; lists).
fn starts_indented(line: &str) -> bool {
    line.starts_with(['\u{3000}', '\t']) || line.starts_with("  ") || starts_list_item(line)
}

/// A Markdown-style list item or quote line ("- ", "* ", "+ ", "> ", "1. ", "2) "): its own
/// paragraph in blank-line mode.
fn starts_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if digits > 0 {
        digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
    } else {
        ["- ", "* ", "+ ", "> "].iter().any(|m| line.starts_with(m))
    }
}

/// A Markdown ATX heading is shown without its `#` marks.
fn without_markdown_marks(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(line) = text.get(r.clone()) else {
        return r;
    };
    let rest = line.trim_start_matches('#');
    let hashes = line.len() - rest.len();
    if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
        return r;
    }
    let shown = rest.trim_start();
    if shown.is_empty() {
        return r;
    }
    r.end - shown.len()..r.end
}

/// The layout of one chapter with resolved params.
pub(crate) fn layout_styled(
    text: &str,
    heading: bool,
    params: &LayoutParams,
    style: &BookStyle,
) -> ChapterLayout {
    let width = params.width.max(2);
    let mut builder = Builder {
        pager: Pager::new(params.height, text.len() / width + 4),
        params,
        gap: 0,
    };
    let bytes = text.as_bytes();
    let line_end = |from: usize| {
        memchr::memchr(b'\n', bytes.get(from..).unwrap_or(&[]))
            .map(|k| from + k)
            .unwrap_or(text.len())
    };
    let mut pos = 0;
    if heading {
        let end = line_end(0);
        let r = without_markdown_marks(text, trim_range(&text[..end], 0));
        if !r.is_empty() {
            builder.heading(text, r);
        }
        pos = end + 1;
    }
    match params.paragraph_mode {
        ParagraphMode::Blank => {
            while pos < text.len() {
                let end = line_end(pos);
                let r = trim_range(&text[pos..end], pos);
                pos = end + 1;
                if r.is_empty() {
                    continue;
                }
                let start = r.start;
                let mut last = r.end;
                while pos < text.len() {
                    let end = line_end(pos);
                    let r = trim_range(&text[pos..end], pos);
                    if r.is_empty() || starts_indented(&text[pos..end]) {
                        break;
                    }
                    last = r.end;
                    pos = end + 1;
                }
                builder.paragraph(text, start..last, style.cjk);
            }
        }
        _ => {
            while pos < text.len() {
                let end = line_end(pos);
                let r = trim_range(&text[pos..end], pos);
                pos = end + 1;
                if r.is_empty() {
                    if !style.blank_separated {
                        builder.section_break();
                    }
                } else {
                    builder.paragraph(text, r, style.cjk);
                }
            }
        }
    }
    builder.pager.finish()
}
