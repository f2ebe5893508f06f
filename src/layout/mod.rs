//! The layout engine: a chapter's text + `LayoutParams` → lines (byte ranges) → pages.
//!
//! Layout is a pure function of (text, params). Lines are byte ranges into the chapter's text,
//! so no line copies text; what a line looks like on screen (indent, placeholders for control
//! characters, justification) is produced on demand by `line_glyphs`. No terminal crate here.

use std::collections::HashMap;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::document::Document;
use crate::position::Position;

/// How source lines become paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphMode {
    /// Decide per book (CJK TXT → `Lines`, hard-wrapped English → `Blank`).
    #[default]
    Auto,
    /// Every non-empty line is a paragraph.
    Lines,
    /// Paragraphs are separated by blank lines; lines inside are re-joined.
    Blank,
}

/// Everything layout depends on, in one plain struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutParams {
    /// Text width in terminal cells (≥ 2).
    pub width: usize,
    /// Page height in lines (≥ 1).
    pub height: usize,
    /// First-line indent in cells; `None` = auto (4 cells, two U+3000, for CJK; 0 for English).
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

/// The lines and pages of one chapter.
#[derive(Debug, Clone, Default)]
pub struct ChapterLayout {
    pub lines: Vec<Line>,
    /// Index into `lines` of the first line of each page; never empty.
    pub pages: Vec<usize>,
}

impl ChapterLayout {
    pub fn page_count(&self) -> usize {
        self.pages.len().max(1)
    }

    /// Lines of page `page` (0-based); empty when out of range.
    pub fn page_lines(&self, page: usize) -> &[Line] {
        let Some(&start) = self.pages.get(page) else {
            return &[];
        };
        let end = self
            .pages
            .get(page + 1)
            .copied()
            .unwrap_or(self.lines.len());
        &self.lines[start..end]
    }

    /// Index of the line showing byte `offset` (the last non-blank line starting at or before it).
    pub fn line_of_offset(&self, offset: usize) -> usize {
        let mut idx = self
            .lines
            .partition_point(|l| l.kind == LineKind::Blank || l.range.start <= offset)
            .saturating_sub(1);
        while idx > 0 && self.lines[idx].kind == LineKind::Blank {
            idx -= 1;
        }
        idx
    }

    /// Page (0-based) holding byte `offset`.
    pub fn page_of_offset(&self, offset: usize) -> usize {
        let line = self.line_of_offset(offset);
        self.pages.partition_point(|&p| p <= line).saturating_sub(1)
    }

    /// Offset of the first character shown by line `line`.
    pub fn line_offset(&self, line: usize) -> usize {
        self.lines[line.min(self.lines.len().saturating_sub(1))..]
            .iter()
            .find(|l| l.kind != LineKind::Blank)
            .or_else(|| self.lines.iter().rev().find(|l| l.kind != LineKind::Blank))
            .map(|l| l.range.start)
            .unwrap_or(0)
    }

    /// Offset of the first character of page `page`.
    pub fn page_start_offset(&self, page: usize) -> usize {
        self.pages
            .get(page)
            .map(|&l| self.line_offset(l))
            .unwrap_or(0)
    }
}

/// One drawable cell group: a grapheme (or indent/padding/placeholder) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    /// What to print: never contains a control character.
    pub text: String,
    /// Cells it takes.
    pub width: usize,
    /// Byte offset in the chapter text of the source grapheme (line start for indent).
    pub offset: usize,
}

/// Lay out chapter `idx` of `doc`. Placeholder implementation: every line a paragraph, greedy
/// grapheme wrap, no line-breaking rules.
pub fn layout_chapter(doc: &Document, idx: usize, params: &LayoutParams) -> ChapterLayout {
    let text = doc.chapter_text(idx);
    let heading = doc.chapters.get(idx).map(|c| c.heading).unwrap_or(false);
    let width = params.width.max(2);
    let mut lines = Vec::new();
    let mut pos = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw.trim_end_matches('\n');
        let kind = if n == 0 && heading {
            LineKind::Heading
        } else {
            LineKind::Body
        };
        let mut start = pos;
        let mut used = 0;
        for (i, g) in content.grapheme_indices(true) {
            let w = grapheme_width(g);
            if used + w > width && used > 0 {
                lines.push(Line {
                    range: start..pos + i,
                    kind,
                    indent: 0,
                });
                start = pos + i;
                used = 0;
            }
            used += w;
        }
        if !content.is_empty() {
            lines.push(Line {
                range: start..pos + content.len(),
                kind,
                indent: 0,
            });
        }
        pos += raw.len();
    }
    let height = params.height.max(1);
    let pages = (0..lines.len().max(1)).step_by(height).collect();
    ChapterLayout { lines, pages }
}

fn grapheme_width(g: &str) -> usize {
    if g.chars().any(|c| c.is_control()) {
        1
    } else {
        g.width()
    }
}

/// What a line looks like: indent, graphemes with control characters replaced, padding.
pub fn line_glyphs(chapter_text: &str, line: &Line, _params: &LayoutParams) -> Vec<Glyph> {
    let mut out = Vec::new();
    for _ in 0..line.indent {
        out.push(Glyph {
            text: " ".into(),
            width: 1,
            offset: line.range.start,
        });
    }
    let Some(s) = chapter_text.get(line.range.clone()) else {
        return out;
    };
    for (i, g) in s.grapheme_indices(true) {
        let text = if g.chars().any(|c| c.is_control()) {
            "\u{FFFD}".to_string()
        } else {
            g.to_string()
        };
        out.push(Glyph {
            width: grapheme_width(g),
            text,
            offset: line.range.start + i,
        });
    }
    out
}

/// The line as a plain string (what `kanshu render` prints).
pub fn render_line(chapter_text: &str, line: &Line, params: &LayoutParams) -> String {
    line_glyphs(chapter_text, line, params)
        .into_iter()
        .map(|g| g.text)
        .collect()
}

/// Lazily laid-out chapters of one book for one set of params.
#[derive(Debug, Default)]
pub struct BookLayout {
    params: LayoutParams,
    cache: HashMap<usize, ChapterLayout>,
}

impl BookLayout {
    pub fn new(params: LayoutParams) -> Self {
        BookLayout {
            params,
            cache: HashMap::new(),
        }
    }

    /// Layout for one book: settings left on auto (paragraph mode, indent, spacing) are decided
    /// once for the whole book here, not per chapter.
    pub fn for_document(_doc: &Document, params: LayoutParams) -> Self {
        BookLayout::new(params)
    }

    pub fn params(&self) -> &LayoutParams {
        &self.params
    }

    /// Change the params; cached chapters are dropped only when something changed.
    pub fn set_params(&mut self, params: LayoutParams) {
        if params != self.params {
            self.params = params;
            self.cache.clear();
        }
    }

    /// The layout of chapter `idx`, computed on first use.
    pub fn chapter(&mut self, doc: &Document, idx: usize) -> &ChapterLayout {
        let params = &self.params;
        self.cache
            .entry(idx)
            .or_insert_with(|| layout_chapter(doc, idx, params))
    }

    /// The (page, line) showing `pos`.
    pub fn locate(&mut self, doc: &Document, pos: Position) -> (usize, usize) {
        let layout = self.chapter(doc, pos.chapter);
        (
            layout.page_of_offset(pos.offset),
            layout.line_of_offset(pos.offset),
        )
    }
}
