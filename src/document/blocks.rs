//! Structure beside the text: what each part of a book is (paragraph, heading, code, list item,
//! table…) and how its words are set (emphasis, links, ruby…), as sorted tables of byte ranges
//! into `Document::text`.
//!
//! Owns the block and span types, anchors (link targets), the lookups layout and the reader
//! use, and [`Structure::check`], the invariants every format converter must keep. It holds no
//! text and must not depend on any terminal crate; drawing a block kind is layout's job.
//!
//! The shape, which converters (Markdown, later EPUB) produce and [`Structure::check`] enforces:
//! - `blocks` is a tree written out in document order (pre-order): a container (list item,
//!   quote, footnote) comes before the blocks inside it and its range covers theirs. Any two
//!   blocks are nested or disjoint; leaf blocks never overlap and never hold another block.
//! - Every container holds at least one leaf; text outside every leaf is only `\n` (one
//!   between two leaves), so search, copy and the clean view see what the reader sees.
//! - A table is one leaf: rows are lines of the text, cells are ranges separated by a tab.
//! - `spans` are sorted by start (outer before inner on a tie), nested or disjoint, each inside
//!   one leaf (inside one cell of a table); code spans and links hold no links.
//! - Every range and anchor offset is on a `char` boundary, within the text; no block crosses
//!   a chapter boundary.
//!
//! A book without structure (plain text today) has empty tables.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Chapter;

/// Blocks, inline spans and anchors of one book. Empty for a plain text book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// The block tree in document order; see the module docs.
    pub blocks: Vec<Block>,
    /// Inline spans sorted by start, outer before inner.
    pub spans: Vec<Span>,
    /// Link targets: fragment (without `#`) → byte offset in the text.
    pub anchors: BTreeMap<String, usize>,
    /// Note texts kept out of the text (an EPUB's footnotes and endnotes): label → the note,
    /// paragraphs on lines of their own. Shared by every copy of the structure.
    pub notes: std::sync::Arc<BTreeMap<String, String>>,
}

/// One block of the book: a byte range of the text and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

/// What a block is. Leaves hold text; containers (list item, quote, footnote) hold blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// Heading of level 1–6 (as written in the source; chapter levels are renumbered).
    Heading {
        level: u8,
    },
    /// Lines kept as they are, in the book's font (verse, `<pre>` without code).
    Preformatted,
    /// A code block: lines kept as they are; `language` from the fence's info string.
    Code {
        language: Option<String>,
    },
    /// A table; its text is rows on lines, cells separated by a tab.
    Table(Table),
    /// A horizontal rule or scene break; its range is empty, on an empty line.
    Rule,
    /// An image shown as a placeholder line; the text is its alt text.
    Image {
        src: String,
    },
    /// Container: one item of a list. `depth` 1 is a top-level list.
    ListItem {
        depth: u8,
        marker: ListMarker,
    },
    /// Container: a block quote. `depth` 1 is the outermost quote.
    Quote {
        depth: u8,
    },
    /// Container: a footnote's text. `number` is what its references show.
    Footnote {
        label: String,
        number: usize,
    },
}

/// The marker drawn before a list item (never part of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    Ordered(u64),
    Task { checked: bool },
}

/// Rows and cells of a table. Cell ranges are absolute byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Rows in order; each row's cells in order. Rows may have different lengths.
    pub rows: Vec<Vec<Range<usize>>>,
    /// How many of the first rows are header rows.
    pub header_rows: usize,
    /// Column alignment, one per column (may be shorter than a row).
    pub align: Vec<Align>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    None,
    Left,
    Center,
    Right,
}

/// How a run of words inside a leaf is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub kind: SpanKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanKind {
    Emphasis,
    Strong,
    Strikethrough,
    Code,
    Link(LinkTarget),
    /// The range is the ruby base; the annotation is not part of the text.
    Ruby {
        annotation: String,
    },
    /// A reference to a footnote; the text shows its number, e.g. `[1]`.
    NoteRef {
        label: String,
    },
    /// An image inside a line of text; the range is its alt text.
    Image {
        src: String,
    },
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A place in this book: an anchor name (the part after `#`), see [`Structure::anchor`].
    Internal(String),
    /// Anything else (a web address, another file, mail), as written.
    External(String),
}

impl BlockKind {
    /// Containers hold other blocks; every other kind is a leaf that holds text.
    pub fn is_container(&self) -> bool {
        matches!(
            self,
            BlockKind::ListItem { .. } | BlockKind::Quote { .. } | BlockKind::Footnote { .. }
        )
    }
}

impl Structure {
    /// True for a book without structure (plain text).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.spans.is_empty() && self.anchors.is_empty()
    }

    /// The blocks that start inside `range` (for a chapter: all of its blocks, since no block
    /// crosses a chapter boundary).
    pub fn blocks_in(&self, range: Range<usize>) -> &[Block] {
        let lo = self.blocks.partition_point(|b| b.range.start < range.start);
        let hi = self.blocks.partition_point(|b| b.range.start < range.end);
        self.blocks.get(lo..hi.max(lo)).unwrap_or_default()
    }

    /// The spans that start inside `range`.
    pub fn spans_in(&self, range: Range<usize>) -> &[Span] {
        let lo = self.spans.partition_point(|s| s.range.start < range.start);
        let hi = self.spans.partition_point(|s| s.range.start < range.end);
        self.spans.get(lo..hi.max(lo)).unwrap_or_default()
    }

    /// The leaf blocks, in order.
    pub fn leaves(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| !b.kind.is_container())
    }

    /// Each leaf starting in `range` with the containers around it, outermost first: what
    /// layout needs to draw markers, hanging indents and quote bars.
    pub fn leaves_in_context(&self, range: Range<usize>) -> Vec<(&Block, Vec<&Block>)> {
        let mut open: Vec<&Block> = Vec::new();
        let mut out = Vec::new();
        for b in self.blocks_in(range) {
            while open
                .last()
                .is_some_and(|o| !(o.range.start <= b.range.start && b.range.end <= o.range.end))
            {
                open.pop();
            }
            if b.kind.is_container() {
                open.push(b);
            } else {
                out.push((b, open.clone()));
            }
        }
        out
    }

    /// The part inside `range` (a chapter), offsets made relative to `range.start`: what a
    /// per-chapter layout or view works on. Anchors at `range.end` belong to the next part.
    pub fn slice(&self, range: Range<usize>) -> Structure {
        let shift = |r: &Range<usize>| {
            r.start.saturating_sub(range.start)..r.end.min(range.end).saturating_sub(range.start)
        };
        Structure {
            blocks: self
                .blocks_in(range.clone())
                .iter()
                .map(|b| Block {
                    range: shift(&b.range),
                    kind: match &b.kind {
                        BlockKind::Table(t) => BlockKind::Table(Table {
                            rows: t
                                .rows
                                .iter()
                                .map(|row| row.iter().map(shift).collect())
                                .collect(),
                            ..t.clone()
                        }),
                        k => k.clone(),
                    },
                })
                .collect(),
            spans: self
                .spans_in(range.clone())
                .iter()
                .map(|s| Span {
                    range: shift(&s.range),
                    kind: s.kind.clone(),
                })
                .collect(),
            anchors: self
                .anchors
                .iter()
                .filter(|&(_, &at)| range.contains(&at))
                .map(|(k, &at)| (k.clone(), at - range.start))
                .collect(),
            notes: self.notes.clone(),
        }
    }

    /// Every offset passed through `f`, which must keep order (a view's source → view map,
    /// e.g. `OffsetMap::to_view`): the structure of a converted or cleaned text.
    pub fn map_offsets(&self, f: impl Fn(usize) -> usize) -> Structure {
        let map = |r: &Range<usize>| f(r.start)..f(r.end);
        Structure {
            blocks: self
                .blocks
                .iter()
                .map(|b| Block {
                    range: map(&b.range),
                    kind: match &b.kind {
                        BlockKind::Table(t) => BlockKind::Table(Table {
                            rows: t
                                .rows
                                .iter()
                                .map(|row| row.iter().map(map).collect())
                                .collect(),
                            ..t.clone()
                        }),
                        k => k.clone(),
                    },
                })
                .collect(),
            spans: self
                .spans
                .iter()
                .map(|s| Span {
                    range: map(&s.range),
                    kind: s.kind.clone(),
                })
                .collect(),
            anchors: self
                .anchors
                .iter()
                .map(|(k, &at)| (k.clone(), f(at)))
                .collect(),
            notes: self.notes.clone(),
        }
    }

    /// The text offset a link fragment points at: as written, percent-decoded, or
    /// lower-cased (GitHub matches heading anchors without regard to case).
    pub fn anchor(&self, fragment: &str) -> Option<usize> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if let Some(&at) = self.anchors.get(fragment) {
            return Some(at);
        }
        let decoded = percent_decode(fragment);
        self.anchors
            .get(&decoded)
            .or_else(|| self.anchors.get(&decoded.to_lowercase()))
            .copied()
    }

    /// The text of the note with this label: kept out of the text (EPUB), else its footnote
    /// block's (Markdown).
    pub fn note_text<'a>(&'a self, text: &'a str, label: &str) -> Option<&'a str> {
        self.notes
            .get(label)
            .map(String::as_str)
            .or_else(|| self.footnote(label).and_then(|b| text.get(b.range.clone())))
    }

    /// The footnote block with this label.
    pub fn footnote(&self, label: &str) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| matches!(&b.kind, BlockKind::Footnote { label: l, .. } if l == label))
    }

    /// Check every invariant in the module docs against `text` and `chapters`; the first
    /// broken one is described in the error.
    pub fn check(&self, text: &str, chapters: &[Chapter]) -> Result<(), String> {
        let range_ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let contains = |a: &Range<usize>, b: &Range<usize>| a.start <= b.start && b.end <= a.end;
        let mut open: Vec<(usize, bool)> = Vec::new(); // container index, holds a leaf
        let mut leaves: Vec<Range<usize>> = Vec::new();
        let mut last_leaf_end = 0;
        let mut prev_start = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            let r = &b.range;
            if !range_ok(r) {
                return Err(format!("block {i} {r:?} is not a range of the text"));
            }
            if r.start < prev_start {
                return Err(format!(
                    "block {i} {r:?} starts before the block ahead of it"
                ));
            }
            prev_start = r.start;
            if r.start < last_leaf_end {
                return Err(format!("block {i} {r:?} overlaps a leaf"));
            }
            while let Some(&(top, _)) = open.last() {
                let outer = &self.blocks[top].range;
                if contains(outer, r) {
                    break;
                }
                if outer.end > r.start {
                    return Err(format!("block {i} {r:?} crosses the end of block {top}"));
                }
                if let Some((_, false)) = open.pop() {
                    return Err(format!("container {top} holds no leaf"));
                }
            }
            if b.kind.is_container() {
                open.push((i, false));
                continue;
            }
            for entry in &mut open {
                entry.1 = true;
            }
            let gap = text.get(last_leaf_end..r.start).unwrap_or_default();
            let want = if leaves.is_empty() { "" } else { "\n" };
            if gap != want {
                return Err(format!("text before block {i} is {gap:?}, not {want:?}"));
            }
            if let BlockKind::Table(t) = &b.kind {
                check_table(t, r, text).map_err(|e| format!("table {i}: {e}"))?;
            }
            last_leaf_end = r.end;
            leaves.push(r.clone());
        }
        if let Some(&(top, false)) = open.iter().find(|(_, held)| !held) {
            return Err(format!("container {top} holds no leaf"));
        }
        let tail = text.get(last_leaf_end..).unwrap_or_default();
        if !self.blocks.is_empty() && !tail.trim_matches('\n').is_empty() {
            return Err(format!("text after the last block: {tail:?}"));
        }
        // Blocks are sorted by start: a chapter start is crossed when some block starting
        // before it ends after it.
        let (mut k, mut reach) = (0, 0);
        for c in chapters {
            while let Some(b) = self.blocks.get(k).filter(|b| b.range.start < c.range.start) {
                reach = reach.max(b.range.end);
                k += 1;
            }
            if reach > c.range.start {
                return Err(format!(
                    "a block crosses the start of chapter {:?}",
                    c.title
                ));
            }
        }
        self.check_spans(text, &leaves, range_ok)?;
        for (name, &at) in &self.anchors {
            if at > text.len() || !text.is_char_boundary(at) {
                return Err(format!(
                    "anchor {name:?} at {at} is not an offset of the text"
                ));
            }
        }
        Ok(())
    }

    fn check_spans(
        &self,
        text: &str,
        leaves: &[Range<usize>],
        range_ok: impl Fn(&Range<usize>) -> bool,
    ) -> Result<(), String> {
        let tables: Vec<&Range<usize>> = self
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Table(_)))
            .map(|b| &b.range)
            .collect();
        let in_table = |r: &Range<usize>| {
            let k = tables.partition_point(|t| t.end < r.end);
            tables.get(k).is_some_and(|t| t.start <= r.start)
        };
        let mut open: Vec<&Span> = Vec::new();
        let mut prev = (0, usize::MAX);
        for (i, s) in self.spans.iter().enumerate() {
            let r = &s.range;
            if !range_ok(r) {
                return Err(format!("span {i} {r:?} is not a range of the text"));
            }
            if (r.start, usize::MAX - r.end) < (prev.0, usize::MAX - prev.1) {
                return Err(format!("span {i} {r:?} is out of order"));
            }
            prev = (r.start, r.end);
            while let Some(top) = open.last() {
                if top.range.start <= r.start && r.end <= top.range.end {
                    break;
                }
                if top.range.end > r.start {
                    return Err(format!("span {i} {r:?} crosses span {:?}", top.range));
                }
                open.pop();
            }
            if let Some(outer) = open.iter().find(|o| {
                matches!(o.kind, SpanKind::Code | SpanKind::Link(_))
                    && matches!(s.kind, SpanKind::Link(_))
            }) {
                return Err(format!("link {r:?} inside {:?}", outer.kind));
            }
            open.push(s);
            let k = leaves.partition_point(|l| l.end < r.end);
            let inside = leaves.get(k).is_some_and(|l| l.start <= r.start);
            if !inside {
                return Err(format!("span {i} {r:?} is not inside one leaf block"));
            }
            let part = text.get(r.clone()).unwrap_or_default();
            if part.contains('\t') && in_table(r) {
                return Err(format!("span {i} {r:?} crosses table cells"));
            }
        }
        Ok(())
    }
}

/// Cells lie in the table, in order, one row per line, separated by a tab.
fn check_table(t: &Table, r: &Range<usize>, text: &str) -> Result<(), String> {
    let mut at = r.start;
    for (ri, row) in t.rows.iter().enumerate() {
        for (ci, cell) in row.iter().enumerate() {
            let sep = match (ri, ci) {
                (0, 0) => "",
                (_, 0) => "\n",
                _ => "\t",
            };
            if text.get(at..cell.start) != Some(sep) || cell.end < cell.start {
                return Err(format!("cell {ri},{ci} {cell:?} does not follow {sep:?}"));
            }
            let inner = text.get(cell.clone()).unwrap_or("\t");
            if inner.contains(['\t', '\n']) {
                return Err(format!("cell {ri},{ci} holds a tab or a line break"));
            }
            at = cell.end;
        }
    }
    if at != r.end {
        return Err(format!(
            "the last cell ends at {at}, the table at {}",
            r.end
        ));
    }
    Ok(())
}

/// `%E4%B8%AD` → `中`; invalid escapes and invalid UTF-8 stay as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(range: Range<usize>, kind: BlockKind) -> Block {
        Block { range, kind }
    }

    /// "Title\nitem\nend": a heading, a list item holding a paragraph, a paragraph.
    fn sample() -> (String, Structure) {
        let text = "Title\nitem\nend\n".to_string();
        let s = Structure {
            blocks: vec![
                block(0..5, BlockKind::Heading { level: 1 }),
                block(
                    6..10,
                    BlockKind::ListItem {
                        depth: 1,
                        marker: ListMarker::Bullet,
                    },
                ),
                block(6..10, BlockKind::Paragraph),
                block(11..14, BlockKind::Paragraph),
            ],
            spans: vec![Span {
                range: 11..14,
                kind: SpanKind::Strong,
            }],
            anchors: [("title".to_string(), 0)].into_iter().collect(),
            notes: Default::default(),
        };
        (text, s)
    }

    #[test]
    fn a_well_formed_structure_passes() {
        let (text, s) = sample();
        assert_eq!(s.check(&text, &[]), Ok(()));
        assert_eq!(s.leaves().count(), 3);
        assert_eq!(s.blocks_in(6..11).len(), 2);
        assert_eq!(s.spans_in(0..11).len(), 0);
    }

    #[test]
    fn overlapping_leaves_are_caught() {
        let (text, mut s) = sample();
        s.blocks[2].range = 4..10;
        assert!(s.check(&text, &[]).is_err());
    }

    #[test]
    fn a_container_without_leaf_is_caught() {
        let (text, mut s) = sample();
        s.blocks.remove(2);
        s.blocks[1].range = 6..6;
        assert!(s.check(&text, &[]).unwrap_err().contains("no leaf"));
    }

    #[test]
    fn stray_text_between_leaves_is_caught() {
        let (mut text, s) = sample();
        text.replace_range(5..6, "|");
        assert!(s.check(&text, &[]).unwrap_err().contains("text before"));
    }

    #[test]
    fn a_span_across_two_leaves_is_caught() {
        let (text, mut s) = sample();
        s.spans[0].range = 8..12;
        assert!(s.check(&text, &[]).unwrap_err().contains("one leaf"));
    }

    #[test]
    fn a_block_across_a_chapter_start_is_caught() {
        let (text, s) = sample();
        let chapter = Chapter {
            title: "x".into(),
            level: 1,
            range: 7..15,
            heading: false,
        };
        assert!(s.check(&text, &[chapter]).unwrap_err().contains("crosses"));
    }

    #[test]
    fn leaves_know_their_containers() {
        let (_, s) = sample();
        let ctx = s.leaves_in_context(0..15);
        let depths: Vec<usize> = ctx.iter().map(|(_, open)| open.len()).collect();
        assert_eq!(depths, [0, 1, 0]);
        assert!(matches!(ctx[1].1[0].kind, BlockKind::ListItem { .. }));
    }

    #[test]
    fn a_slice_is_relative_to_its_chapter_and_maps_through_a_view() {
        let (text, s) = sample();
        let part = s.slice(6..15);
        let chapter_text = &text[6..15];
        assert_eq!(part.check(chapter_text, &[]), Ok(()));
        assert_eq!(part.blocks.len(), 3);
        assert_eq!(part.spans[0].range, 5..8);
        assert!(
            part.anchors.is_empty(),
            "the heading's anchor is in the part before"
        );
        // A view that doubles every character (as if each became two bytes).
        let wide = part.map_offsets(|at| at * 2);
        let doubled: String = chapter_text.chars().flat_map(|c| [c, c]).collect();
        assert_eq!(wide.spans[0].range, 10..16);
        assert_eq!(&doubled[wide.blocks[2].range.clone()], "eenndd");
    }

    #[test]
    fn anchors_match_as_written_encoded_or_in_any_case() {
        let mut s = Structure::default();
        s.anchors.insert("第一章".into(), 7);
        s.anchors.insert("getting-started".into(), 3);
        assert_eq!(s.anchor("#第一章"), Some(7));
        assert_eq!(s.anchor("%E7%AC%AC%E4%B8%80%E7%AB%A0"), Some(7));
        assert_eq!(s.anchor("Getting-Started"), Some(3));
        assert_eq!(s.anchor("nowhere"), None);
        assert_eq!(percent_decode("%zz%"), "%zz%");
    }

    #[test]
    fn table_cells_are_checked() {
        let text = "a\tb\nc\td".to_string();
        let table = Table {
            rows: vec![vec![0..1, 2..3], vec![4..5, 6..7]],
            header_rows: 1,
            align: vec![],
        };
        let mut s = Structure {
            blocks: vec![block(0..7, BlockKind::Table(table))],
            ..Structure::default()
        };
        assert_eq!(s.check(&text, &[]), Ok(()));
        if let BlockKind::Table(t) = &mut s.blocks[0].kind {
            t.rows[1][0] = 3..5;
        }
        assert!(s.check(&text, &[]).is_err());
    }
}
