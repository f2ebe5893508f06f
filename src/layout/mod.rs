//! The layout engine: a chapter's text + `LayoutParams` → lines (byte ranges) → pages.
//!
//! Layout is a pure function of (text, params). Lines are byte ranges into the chapter's text,
//! so no line copies text; what a line looks like on screen (indent, placeholders for control
//! characters, justification) is produced on demand by the one glyph pipeline (`line_glyphs`,
//! vertical columns and `render_line` all read the same display units). How source lines
//! become headings, paragraphs, kept blocks and scene breaks, and the per-book guess of the
//! paragraph mode, live in `paragraphs`; this file draws those pieces. `BookLayout` caches a
//! book's chapters and lays out long ones in windows. Layout knows nothing about views (script
//! conversion, cleaning, display modes live above it in `view`) and no terminal crate.

use std::ops::Range;

use crate::document::Document;

mod blocks;
mod book;
mod glyphs;
pub mod paginate;
pub mod paragraphs;
pub mod vertical;
pub mod width;
pub mod wrap;

pub(crate) use blocks::layout_document_chapter;
pub use blocks::{LineDecor, Paint, Part, Ruby, glyph_line};
pub use book::BookLayout;
pub(crate) use book::locate_in;
pub use glyphs::{Glyph, GlyphLine, line_glyphs, render_line};
use paginate::Pager;
use paragraphs::for_each_piece;
pub use paragraphs::{Heading, ParagraphEvidence, Piece, PieceKind, pieces};
use width::is_wide_char;
use wrap::{WrapSettings, WrappedLine, wrap_paragraph};

/// How source lines become paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphMode {
    /// Decide per book from its text (see `BookStyle::decide`).
    #[default]
    Auto,
    /// Every non-empty line is a paragraph.
    Lines,
    /// Paragraphs are separated by blank lines; lines inside are re-joined (an indented line
    /// still starts a new paragraph).
    Blank,
    /// A paragraph starts at an indented line (U+3000, a tab, two spaces) or after a blank
    /// line; a line without an indent carries on the paragraph above (hard-wrapped books that
    /// mark paragraphs with an indent, such as Project Gutenberg's Chinese classics).
    Indent,
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
    /// How ruby annotations (a reading over a word, `漢字(かんじ)`) are shown.
    pub ruby: Ruby,
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
            ruby: Ruby::Inline,
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
    /// `Lines`, `Blank` or `Indent` (never `Auto`).
    pub mode: ParagraphMode,
    /// Blank lines sit between most paragraphs, so in `Lines` and `Indent` mode they are not
    /// section breaks.
    pub blank_separated: bool,
    /// Lines indented with spaces set a block apart (a letter, a poem) rather than start
    /// every paragraph: in `Blank` mode such a block keeps its lines and indent.
    pub indented_blocks: bool,
    /// What the guess was made from.
    pub evidence: ParagraphEvidence,
}

impl Default for BookStyle {
    fn default() -> Self {
        BookStyle {
            cjk: true,
            mode: ParagraphMode::Lines,
            blank_separated: false,
            indented_blocks: true,
            evidence: ParagraphEvidence::default(),
        }
    }
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
            ruby: self.ruby,
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
    /// What the last piece drawn was, when that matters to the next one.
    last: Last,
    /// The chapter's text.
    text: &'a str,
    /// Lines of the indented block being read (range, source indent in cells).
    block: Vec<(Range<usize>, usize)>,
}

/// The last piece drawn, for the spacing of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Other,
    /// A heading line: a second heading line follows it directly.
    Heading,
    /// A line of an indented block: the next paragraph keeps a paragraph's distance.
    Block,
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

    /// Before a piece that is not a block line: a block just drawn keeps a paragraph's
    /// distance from it.
    fn end_block(&mut self) {
        if self.last == Last::Block {
            self.flush_block();
        }
        self.last = Last::Other;
    }

    fn paragraph(&mut self, text: &str, range: Range<usize>, cjk_book: bool) {
        self.end_block();
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
        if self.last == Last::Heading {
            // The second line of a two-line heading.
            self.gap = usize::from(self.params.line_spacing);
        }
        self.end_block();
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
        self.last = Last::Heading;
    }

    /// A blank line in the source marks a section break: at least one blank line follows.
    fn section_break(&mut self) {
        self.end_block();
        self.gap = self.gap.max(usize::from(self.params.line_spacing) + 1);
    }

    /// A scene break (`* * *`): centred, with a blank line above and below.
    fn scene_break(&mut self, text: &str, range: Range<usize>) {
        self.section_break();
        let Some(marks) = text.get(range.clone()) else {
            return;
        };
        let width = self.params.width;
        let settings = WrapSettings {
            width,
            first_indent: 0,
            ambiguous_wide: self.params.ambiguous_wide,
        };
        let base = range.start;
        wrap_paragraph(marks, &settings, |wl: WrappedLine| {
            self.push_text(Line {
                range: base + wl.range.start..base + wl.range.end,
                kind: LineKind::Body,
                indent: to_u16(width.saturating_sub(wl.width) / 2),
            });
        });
        self.section_break();
    }

    /// One line of an indented block: kept until the block ends, then drawn with the others
    /// (`flush_block`).
    fn block_line(&mut self, range: Range<usize>, indent: usize, first: bool) {
        if first {
            self.end_block();
        }
        self.block.push((range, indent));
        self.last = Last::Block;
    }

    /// Draw the block kept so far: each line as a line of its own with its source indent
    /// (all shifted left together, but not below 4 cells, when a line would not fit
    /// otherwise; never more than half the width), without paragraph spacing between them. A
    /// verse line too long for the width goes on under a hanging indent of 2; a joined prose
    /// line wraps under its indent.
    fn flush_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        let block = std::mem::take(&mut self.block);
        let text = self.text;
        let width = self.params.width;
        let wide = self.params.ambiguous_wide;
        let used: Vec<usize> = block
            .iter()
            .map(|(r, _)| text.get(r.clone()).map_or(0, |l| wrap::measure(l, wide)))
            .collect();
        // How far the block must move left so every line that can fit does.
        let shift = block
            .iter()
            .zip(&used)
            .filter(|&(&(_, indent), &u)| indent.min(4) + u <= width)
            .map(|(&(_, indent), &u)| (indent + u).saturating_sub(width))
            .max()
            .unwrap_or(0);
        self.gap = self.gap.max(self.paragraph_gap());
        for ((range, indent), used) in block.into_iter().zip(used) {
            let Some(line) = text.get(range.clone()) else {
                continue;
            };
            let k = (indent - shift.min(indent.saturating_sub(4))).min(width / 2);
            let prose = line.contains('\n');
            let hang = if prose || k + used <= width || width - k < 8 {
                0
            } else {
                2
            };
            let settings = WrapSettings {
                width: width - k - hang,
                first_indent: 0,
                ambiguous_wide: wide,
            };
            let base = range.start;
            let mut first = true;
            wrap_paragraph(line, &settings, |wl: WrappedLine| {
                let extra = if first { 0 } else { hang };
                first = false;
                self.push_text(Line {
                    range: base + wl.range.start..base + wl.range.end,
                    kind: LineKind::Body,
                    indent: to_u16(k + extra),
                });
            });
        }
        self.gap = self.gap.max(self.paragraph_gap());
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

/// The layout of one chapter with resolved params. `heading`: how many of its first
/// non-blank lines are the chapter heading (a `bool` says one or none).
pub(crate) fn layout_styled(
    text: &str,
    heading: impl Into<Heading>,
    params: &LayoutParams,
    style: &BookStyle,
) -> ChapterLayout {
    let width = params.width.max(2);
    let mut builder = Builder {
        pager: Pager::new(params.height, text.len() / width + 4),
        params,
        gap: 0,
        last: Last::Other,
        text,
        block: Vec::new(),
    };
    for_each_piece(
        text,
        heading.into(),
        params.paragraph_mode,
        style,
        |piece| match piece.kind {
            PieceKind::Heading => builder.heading(text, piece.range),
            PieceKind::Paragraph => builder.paragraph(text, piece.range, style.cjk),
            PieceKind::BlockLine { indent, first } => {
                builder.block_line(piece.range, indent, first)
            }
            PieceKind::SceneBreak => builder.scene_break(text, piece.range),
            PieceKind::SectionBreak => builder.section_break(),
        },
    );
    builder.end_block();
    builder.pager.finish()
}
