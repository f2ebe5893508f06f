//! Layout of a chapter that has structure (Markdown now, EPUB later): blocks → lines → pages.
//!
//! Owns how each block kind is drawn: paragraphs and headings wrapped (a level-1 heading
//! centred), list items with their marker and a hanging indent under it, quotes behind a `│`
//! bar, code and preformatted lines kept as they are (a line wider than the page goes on under
//! a `›` marker, never joined to the next), tables as a grid that fits the page (or, too wide,
//! one row per line with `│` between cells), rules as a line and images as a marked line of
//! their alt text; and how spans are painted (`Paint`). Markers, bars, padding and grid lines
//! are *decoration*: drawn from `LineDecor`, never part of the text, so search, positions and
//! the character count see only the book's words. A line's range still covers the text it
//! shows, so pages and positions work exactly as for plain text. A chapter with structure is
//! laid out whole (never in windows) and never justified; tables are drawn by `table`.
//!
//! It must not touch plain-text paragraph detection (`layout_styled`): a book without
//! structure never comes here. No view and no terminal crate here.

use std::collections::HashSet;
use std::ops::Range;

mod ruby;
mod table;

pub(crate) use ruby::shown_annotation;

use super::glyphs::{Glyph, GlyphLine, UnitKind, line_glyphs, units};
use super::paginate::Pager;
use super::width::{TAB_WIDTH, cluster_width, clusters};
use super::wrap::{WrapSettings, WrappedLine, wrap_paragraph};
use super::{BookStyle, ChapterLayout, Heading, LayoutParams, Line, LineKind, layout_styled};
use crate::document::Document;
use crate::document::blocks::{Block, BlockKind, ListMarker, Span, SpanKind, Structure};

/// How a glyph is painted: a set of flags the interface maps to theme styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Paint(u8);

impl Paint {
    /// Drawn by layout (marker, bar, padding, grid), not a character of the text.
    pub const DECORATION: Paint = Paint(1);
    pub const EMPHASIS: Paint = Paint(2);
    pub const STRONG: Paint = Paint(4);
    pub const CODE: Paint = Paint(8);
    pub const LINK: Paint = Paint(16);
    pub const STRIKE: Paint = Paint(32);
    /// A ruby annotation (drawn with `DECORATION`: a reading, not text of the book).
    pub const RUBY: Paint = Paint(64);

    pub fn contains(self, other: Paint) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn with(self, other: Paint) -> Paint {
        Paint(self.0 | other.0)
    }

    pub fn is_plain(self) -> bool {
        self.0 == 0
    }
}

/// One piece of a laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Decoration drawn as it is (marker, bar, grid line).
    Mark(String),
    /// Blank cells of decoration (hanging indent, cell padding, centring).
    Pad(usize),
    /// Text of the chapter, painted as its spans say.
    Text { range: Range<usize>, paint: Paint },
    /// A ruby annotation shown after its base, e.g. `(かんじ)`: decoration whose glyphs carry
    /// offset `at` (the end of the base), so search, copy and positions see only the base.
    Ruby { text: String, at: usize },
}

/// How ruby annotations are shown (`layout.ruby` in the configuration, `r` while reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Ruby {
    /// After the base in brackets, dimmed: `漢字(かんじ)`.
    #[default]
    Inline,
    /// Not at all: only the base.
    Hidden,
}

impl Ruby {
    pub fn name(self) -> &'static str {
        match self {
            Ruby::Inline => "inline",
            Ruby::Hidden => "hidden",
        }
    }

    /// The other mode (what the toggle key switches to).
    pub fn toggled(self) -> Ruby {
        match self {
            Ruby::Inline => Ruby::Hidden,
            Ruby::Hidden => Ruby::Inline,
        }
    }
}

/// What a line of a structured chapter draws, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineDecor {
    pub parts: Vec<Part>,
}

/// The glyphs of `line` over `text`: through its decoration when the chapter has structure
/// (`decor` is the line's entry in `ChapterLayout::decor`), else the plain pipeline; offsets
/// passed through `to_source`.
pub fn glyph_line(
    text: &str,
    line: &Line,
    decor: Option<&LineDecor>,
    params: &LayoutParams,
    to_source: &dyn Fn(usize) -> usize,
) -> GlyphLine {
    match decor {
        Some(d) => {
            let (glyphs, paint) = decor_glyphs(text, line, d, params.ambiguous_wide);
            let line: GlyphLine = glyphs
                .into_iter()
                .map(|g| Glyph {
                    offset: to_source(g.offset),
                    ..g
                })
                .collect();
            line.with_paint(paint)
        }
        None => line_glyphs(text, line, params)
            .into_iter()
            .map(|g| Glyph {
                offset: to_source(g.offset),
                ..g
            })
            .collect(),
    }
}

/// Glyphs and their paint for a decorated line.
fn decor_glyphs<'a>(
    text: &'a str,
    line: &Line,
    decor: &'a LineDecor,
    ambiguous_wide: bool,
) -> (Vec<Glyph<'a>>, Vec<Paint>) {
    let mut glyphs = Vec::new();
    let mut paint = Vec::new();
    let at = line.range.start;
    for part in &decor.parts {
        match part {
            Part::Mark(s) => {
                for (_, g) in clusters(s) {
                    glyphs.push(Glyph {
                        text: g,
                        width: cluster_width(g, ambiguous_wide),
                        offset: at,
                    });
                    paint.push(Paint::DECORATION);
                }
            }
            Part::Pad(n) => {
                for _ in 0..*n {
                    glyphs.push(Glyph {
                        text: " ",
                        width: 1,
                        offset: at,
                    });
                    paint.push(Paint::DECORATION);
                }
            }
            Part::Ruby { text: r, at } => {
                for (_, g) in clusters(r) {
                    glyphs.push(Glyph {
                        text: g,
                        width: cluster_width(g, ambiguous_wide),
                        offset: *at,
                    });
                    paint.push(Paint::DECORATION.with(Paint::RUBY));
                }
            }
            Part::Text { range, paint: p } => {
                let Some(s) = text.get(range.clone()) else {
                    continue;
                };
                for u in units(s, range.start, ambiguous_wide) {
                    match u.kind {
                        UnitKind::Space('\t') => {
                            for _ in 0..TAB_WIDTH {
                                glyphs.push(Glyph {
                                    text: " ",
                                    width: 1,
                                    offset: u.offset,
                                });
                                paint.push(*p);
                            }
                        }
                        UnitKind::Space('\n') => {
                            glyphs.push(Glyph {
                                text: " ",
                                width: 1,
                                offset: u.offset,
                            });
                            paint.push(*p);
                        }
                        _ => {
                            glyphs.push(Glyph {
                                text: u.text,
                                width: u.width,
                                offset: u.offset,
                            });
                            paint.push(*p);
                        }
                    }
                }
            }
        }
    }
    (glyphs, paint)
}

/// Lay out chapter `idx` of `doc` with resolved params: through its blocks when the book has
/// structure, else as plain text (`layout_styled`, untouched).
pub(crate) fn layout_document_chapter(
    doc: &Document,
    idx: usize,
    params: &LayoutParams,
    style: &BookStyle,
) -> ChapterLayout {
    let text = doc.chapter_text(idx);
    if doc.structure.blocks.is_empty() {
        return layout_styled(text, Heading::of_chapter(doc, idx), params, style);
    }
    let range = doc
        .chapters
        .get(idx)
        .map_or(0..doc.text.len(), |c| c.range.clone());
    layout_blocks(text, &doc.structure.slice(range), params)
}

/// Width in cells of decoration text.
fn mark_width(s: &str, amb: bool) -> usize {
    clusters(s).map(|(_, g)| cluster_width(g, amb)).sum()
}

/// Width in cells of a range of the text, as the glyphs draw it.
fn text_width(text: &str, r: &Range<usize>, amb: bool) -> usize {
    text.get(r.clone())
        .map_or(0, |s| units(s, r.start, amb).map(|u| u.width).sum())
}

/// Lines of a structured chapter before paging, and the paint of its spans.
struct Lines<'a> {
    text: &'a str,
    params: &'a LayoutParams,
    out: Vec<(Line, LineDecor)>,
    /// Blank lines owed before the next line (none before the first).
    gap: usize,
    /// The spans of the leaf being drawn (every span lies inside one leaf).
    leaf_spans: &'a [Span],
    /// Quote bars drawn on the blank lines owed (between two paragraphs of one quote).
    gap_bars: usize,
    /// The leaf being drawn is outside every list, quote and footnote.
    top_level: bool,
}

impl Lines<'_> {
    fn amb(&self) -> bool {
        self.params.ambiguous_wide
    }

    /// Push a line of parts; its range covers its text (empty at `at` when it has none).
    fn push(&mut self, kind: LineKind, parts: Vec<Part>, at: usize) {
        if !self.out.is_empty() {
            for _ in 0..self.gap {
                let (kind, decor) = match self.gap_bars {
                    0 => (LineKind::Blank, LineDecor::default()),
                    n => (
                        LineKind::Body,
                        LineDecor {
                            parts: vec![Part::Mark("│ ".repeat(n).trim_end().to_string())],
                        },
                    ),
                };
                self.out.push((
                    Line {
                        range: at..at,
                        kind,
                        indent: 0,
                    },
                    decor,
                ));
            }
        }
        self.gap = usize::from(self.params.line_spacing);
        let texts = parts.iter().filter_map(|p| match p {
            Part::Text { range, .. } => Some(range.clone()),
            Part::Ruby { at, .. } => Some(*at..*at),
            _ => None,
        });
        let range = texts
            .clone()
            .map(|r| r.start)
            .min()
            .map_or(at..at, |s| s..texts.map(|r| r.end).max().unwrap_or(s));
        self.out.push((
            Line {
                range,
                kind,
                indent: 0,
            },
            LineDecor { parts },
        ));
    }

    /// `range` cut at span edges, each piece with the paint of the spans over it.
    fn painted(&self, range: Range<usize>, base: Paint) -> Vec<Part> {
        let spans: Vec<_> = self
            .leaf_spans
            .iter()
            .filter(|sp| sp.range.start < range.end && sp.range.end > range.start)
            .collect();
        let mut cuts: Vec<usize> = vec![range.start, range.end];
        for sp in &spans {
            cuts.push(sp.range.start.clamp(range.start, range.end));
            cuts.push(sp.range.end.clamp(range.start, range.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| {
                let piece = w[0]..w[1];
                let paint = spans
                    .iter()
                    .filter(|sp| sp.range.start <= piece.start && piece.end <= sp.range.end)
                    .fold(base, |p, sp| p.with(span_paint(&sp.kind)));
                Part::Text {
                    range: piece,
                    paint,
                }
            })
            .collect()
    }
}

fn span_paint(kind: &SpanKind) -> Paint {
    match kind {
        SpanKind::Emphasis | SpanKind::Image { .. } => Paint::EMPHASIS,
        SpanKind::Strong => Paint::STRONG,
        SpanKind::Strikethrough => Paint::STRIKE,
        SpanKind::Code => Paint::CODE,
        SpanKind::Link(_) | SpanKind::NoteRef { .. } => Paint::LINK,
        SpanKind::Ruby { .. } => Paint::default(),
    }
}

/// The marker of a list item or footnote, and the prefix of every other line of it.
fn marker(kind: &BlockKind) -> Option<String> {
    Some(match kind {
        BlockKind::ListItem { depth, marker } => match marker {
            ListMarker::Bullet => match depth % 3 {
                1 => "• ".to_string(),
                2 => "◦ ".to_string(),
                _ => "▪ ".to_string(),
            },
            ListMarker::Ordered(n) => format!("{n}. "),
            ListMarker::Task { checked: true } => "[x] ".to_string(),
            ListMarker::Task { checked: false } => "[ ] ".to_string(),
        },
        BlockKind::Footnote { number, .. } => format!("[{number}] "),
        _ => return None,
    })
}

/// Lay out a chapter's `text` with its structure `s` (offsets relative to the chapter).
pub(crate) fn layout_blocks(text: &str, s: &Structure, params: &LayoutParams) -> ChapterLayout {
    let width = params.width.max(2);
    let mut lines = Lines {
        text,
        params,
        out: Vec::new(),
        gap: 0,
        leaf_spans: &[],
        gap_bars: 0,
        top_level: true,
    };
    let amb = params.ambiguous_wide;
    let mut marked: HashSet<*const Block> = HashSet::new();
    // The kind of marker of the top-level list the last leaf was in (bullet, number, task).
    let mut prev_list: Option<std::mem::Discriminant<ListMarker>> = None;
    let mut prev_containers: Vec<*const Block> = Vec::new();
    for (leaf, containers) in s.leaves_in_context(0..text.len()) {
        // The prefix of the leaf's first line and of the others, outermost container first.
        let (mut first, mut rest): (Vec<Part>, Vec<Part>) = (Vec::new(), Vec::new());
        for c in &containers {
            if let BlockKind::Quote { .. } = c.kind {
                first.push(Part::Mark("│ ".into()));
                rest.push(Part::Mark("│ ".into()));
            } else if let Some(m) = marker(&c.kind) {
                let w = mark_width(&m, amb);
                if marked.insert(*c as *const Block) {
                    first.push(Part::Mark(m));
                } else {
                    first.push(Part::Pad(w));
                }
                rest.push(Part::Pad(w));
            }
        }
        let prefix_w = |p: &[Part]| -> usize {
            p.iter()
                .map(|p| match p {
                    Part::Mark(m) | Part::Ruby { text: m, .. } => mark_width(m, amb),
                    Part::Pad(n) => *n,
                    Part::Text { .. } => 0,
                })
                .sum()
        };
        // A prefix that leaves less than a third of the page (or two cells) is dropped: too
        // deep to show on this page.
        let deepest = prefix_w(&first).max(prefix_w(&rest));
        if deepest * 3 > width * 2 || width < deepest + 2 {
            first.clear();
            rest.clear();
        }
        let avail = width - prefix_w(&first).max(prefix_w(&rest));
        let list = containers.iter().find_map(|c| match c.kind {
            BlockKind::ListItem { marker, .. } => Some(std::mem::discriminant(&marker)),
            _ => None,
        });
        // Items of a list follow each other without a blank line; a list of another kind of
        // marker is another list.
        let spacing = usize::from(params.line_spacing);
        let same_list = list.is_some() && list == prev_list;
        if !same_list && !lines.out.is_empty() {
            lines.gap = spacing + 1;
        }
        prev_list = list;
        // Two paragraphs of one quote: the blank line between them keeps the bars.
        lines.gap_bars = if first.is_empty() {
            0
        } else {
            containers
                .iter()
                .take_while(|c| {
                    matches!(c.kind, BlockKind::Quote { .. })
                        && prev_containers.contains(&(**c as *const Block))
                })
                .count()
        };
        prev_containers = containers.iter().map(|c| *c as *const Block).collect();
        lines.top_level = containers.is_empty();
        lines.leaf_spans = s.spans_in(leaf.range.clone());
        let leaf_block = Block {
            range: leaf.range.clone(),
            kind: leaf.kind.clone(),
        };
        draw_leaf(&mut lines, &leaf_block, first, rest, avail);
    }
    // Page the lines; the pager drops blank lines that would open a page, which carry no
    // decoration, so decorations follow the text lines in order.
    let mut pager = Pager::new(params.height, lines.out.len());
    let mut decor = Vec::with_capacity(lines.out.len());
    for (line, d) in lines.out {
        if line.kind != LineKind::Blank {
            decor.push(d);
        }
        pager.push(line);
    }
    let mut layout = pager.finish();
    let mut text_decor = decor.into_iter();
    layout.decor = layout
        .lines
        .iter()
        .map(|l| {
            if l.kind == LineKind::Blank {
                LineDecor::default()
            } else {
                text_decor.next().unwrap_or_default()
            }
        })
        .collect();
    layout
}

/// Draw one leaf block with its prefixes.
fn draw_leaf(lines: &mut Lines<'_>, leaf: &Block, first: Vec<Part>, rest: Vec<Part>, avail: usize) {
    let amb = lines.amb();
    let text = lines.text;
    let r = leaf.range.clone();
    let mut prefix = Some(first);
    let mut next_prefix = move || prefix.take().unwrap_or_else(|| rest.clone());
    match &leaf.kind {
        BlockKind::Heading { level } => {
            let settings = WrapSettings {
                width: avail,
                first_indent: 0,
                ambiguous_wide: amb,
            };
            for line in lines.wrap_parts(r.clone(), &settings, Paint::default()) {
                let mut parts = next_prefix();
                if *level == 1 {
                    parts.push(Part::Pad(avail.saturating_sub(line.width) / 2));
                }
                parts.extend(line.parts);
                lines.push(LineKind::Heading, parts, r.start);
            }
            lines.gap = lines.gap.max(usize::from(lines.params.line_spacing) + 1);
        }
        BlockKind::Code { .. } | BlockKind::Preformatted => {
            let base = if matches!(leaf.kind, BlockKind::Code { .. }) {
                Paint::CODE
            } else {
                Paint::default()
            };
            // A line cut at the page edge goes on after this marker (none on a page too
            // narrow to spare it).
            let cont = if avail >= 4 { "› " } else { "" };
            let cont_w = mark_width(cont, amb);
            let mut at = r.start;
            for line in text.get(r.clone()).unwrap_or_default().split('\n') {
                let lr = at..at + line.len();
                at = lr.end + 1;
                let pieces = code_pieces(text, lr.clone(), avail, avail - cont_w, amb);
                for (k, piece) in pieces.into_iter().enumerate() {
                    let mut parts = next_prefix();
                    if k > 0 && !cont.is_empty() {
                        parts.push(Part::Mark(cont.into()));
                    }
                    for atom in piece {
                        match atom {
                            Ok(range) => parts.extend(lines.painted(range, base)),
                            Err(pad) => parts.push(Part::Pad(pad)),
                        }
                    }
                    lines.push(LineKind::Body, parts, lr.start);
                }
            }
        }
        BlockKind::Table(t) => table::draw_table(lines, t, &r, &mut next_prefix, avail),
        BlockKind::Rule => {
            let dash = mark_width("─", amb).max(1);
            let mut parts = next_prefix();
            parts.push(Part::Mark("─".repeat((avail / dash).max(1).min(avail))));
            lines.push(LineKind::Body, parts, r.start);
        }
        _ => {
            // Paragraph, image (alt text after a mark), a leaf of any other kind: wrapped,
            // each hard line break starting a new line.
            let image = matches!(leaf.kind, BlockKind::Image { .. });
            let mark = "▣ ";
            let image = image && avail >= mark_width(mark, amb) + 2;
            let mark_w = if image { mark_width(mark, amb) } else { 0 };
            let para = text.get(r.clone()).unwrap_or_default();
            let indent = match leaf.kind {
                BlockKind::Paragraph if lines.top_level => paragraph_indent(para, lines.params),
                _ => 0,
            };
            let mut at = r.start;
            let mut any = false;
            for part in para.split('\n') {
                let pr = at..at + part.len();
                at = pr.end + 1;
                let settings = WrapSettings {
                    width: avail.saturating_sub(mark_w).max(1),
                    first_indent: if any { 0 } else { indent },
                    ambiguous_wide: amb,
                };
                let base = if image {
                    Paint::EMPHASIS
                } else {
                    Paint::default()
                };
                for wl in lines.wrap_parts(pr.clone(), &settings, base) {
                    let mut parts = next_prefix();
                    if wl.indent > 0 {
                        parts.push(Part::Pad(wl.indent));
                    }
                    if image {
                        parts.push(if any {
                            Part::Pad(mark_w)
                        } else {
                            Part::Mark(mark.into())
                        });
                    }
                    parts.extend(wl.parts);
                    lines.push(LineKind::Body, parts, pr.start);
                    any = true;
                }
            }
            if !any {
                let mut parts = next_prefix();
                if image {
                    parts.push(Part::Mark(mark.into()));
                }
                lines.push(LineKind::Body, parts, r.start);
            }
        }
    }
}

/// The wrapped lines of `range`, leading and trailing white space (a source indent such as
/// `　　`) left out; ranges absolute.
fn wrapped(text: &str, range: Range<usize>, settings: &WrapSettings) -> Vec<WrappedLine> {
    let mut out = Vec::new();
    if let Some(s) = text.get(range.clone()) {
        let trimmed = s.trim_start();
        let base = range.start + (s.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        wrap_paragraph(trimmed, settings, |wl: WrappedLine| {
            out.push(WrappedLine {
                range: base + wl.range.start..base + wl.range.end,
                ..wl
            });
        });
    }
    out
}

/// The first-line indent of a paragraph outside lists and quotes, as in plain text books: the
/// configured one, else 4 cells (two ideographs) for a CJK paragraph and none for another.
fn paragraph_indent(para: &str, params: &LayoutParams) -> usize {
    params.indent.unwrap_or_else(|| {
        let (mut wide, mut latin) = (0usize, 0usize);
        for c in para.trim_start().chars().take(32) {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if super::width::is_wide_char(c) {
                wide += 1;
            }
        }
        if wide > 0 && wide * 4 >= latin { 4 } else { 0 }
    })
}

/// A code line cut into pieces of at most `first` cells, then `then` cells, at grapheme edges:
/// each piece is runs of text (`Ok`) and tabs drawn as that many blank cells (`Err`; a tab is
/// `TAB_WIDTH` cells, fewer on a page narrower than that). An empty line is one empty piece.
#[allow(clippy::type_complexity)]
fn code_pieces(
    text: &str,
    range: Range<usize>,
    first: usize,
    then: usize,
    amb: bool,
) -> Vec<Vec<Result<Range<usize>, usize>>> {
    let mut out = vec![Vec::new()];
    let Some(s) = text.get(range.clone()) else {
        return out;
    };
    let mut room = first.max(1);
    let mut used = 0;
    let mut run: Option<Range<usize>> = None;
    for u in units(s, range.start, amb) {
        let tab = matches!(u.kind, UnitKind::Space('\t'));
        let w = if tab {
            TAB_WIDTH.min(then.max(1))
        } else {
            u.width
        };
        if used + w > room && used > 0 {
            let line = out.last_mut().expect("one piece at least");
            line.extend(run.take().map(Ok));
            out.push(Vec::new());
            used = 0;
            room = then.max(1);
        }
        used += w;
        let line = out.last_mut().expect("one piece at least");
        if tab {
            line.extend(run.take().map(Ok));
            line.push(Err(w));
        } else {
            let end = u.offset + u.src.len();
            run = Some(run.map_or(u.offset..end, |r| r.start..end));
        }
    }
    if let Some(line) = out.last_mut() {
        line.extend(run.take().map(Ok));
    }
    out
}
