//! Views of a book: the same `Document` shown converted (Simplified ↔ Traditional), cleaned of
//! scrape artifacts, or both — plus the offset maps that tie every view back to the source.
//!
//! A view never changes the file or the `Document`: it builds new text per chapter and an
//! `OffsetMap` between source and view byte offsets. Positions, bookmarks and search results are
//! always kept in *source* offsets; the reader maps a source position into the view to lay out
//! and draw, and maps back when the reader moves. Switching views therefore keeps the place.
//!
//! Views are built per chapter (`ViewCache`) so opening a large book never waits for converting
//! all of it. `display::DisplayLayout` is the reader's layout cache: the plain layout from
//! `layout`, or chapters laid out through a view and a display mode. View sits above layout:
//! it may use layout, layout never uses it. No terminal crate here.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::document::{Chapter, Document};
use crate::position::Position;

pub mod clean;
pub mod convert;
pub mod display;
pub mod search;

/// Vertical layout lives with the layout engine; this path is kept for convenience.
pub use crate::layout::vertical;
pub use clean::{ArtifactCounts, count_artifacts};
pub use convert::Script;
pub use display::{DisplayLayout, DisplayMode};

/// What a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ViewOptions {
    /// Script conversion (none for `Original`).
    pub script: Script,
    /// Hide pinyin annotations and HTML leftovers.
    pub clean: bool,
}

impl ViewOptions {
    /// True when the view shows the text exactly as the document has it.
    pub fn is_identity(&self) -> bool {
        self.script == Script::Original && !self.clean
    }

    /// A short title converted and cleaned like the text (chapter titles in the TOC).
    pub fn apply_to_title(&self, title: &str) -> String {
        view_text(title, self).0
    }
}

/// One span the view changed in a way that is not byte-for-byte: source `src` is shown as view
/// `view` (which may be empty when the span is hidden). Offsets inside either side of an edit
/// map to its start; offsets between edits map one-to-one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub src: Range<usize>,
    pub view: Range<usize>,
}

/// Source ↔ view byte offsets for one text (a chapter: offsets are chapter-relative).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    edits: Vec<Edit>,
    src_len: usize,
    view_len: usize,
}

impl OffsetMap {
    /// The map of a view that changed nothing.
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            edits: Vec::new(),
            src_len: len,
            view_len: len,
        }
    }

    /// View offset showing source offset `src`. A source offset inside a hidden span maps to
    /// where the next shown character is; inside a replaced span, to the replacement's start.
    pub fn to_view(&self, src: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.src.start <= src);
        let v = match idx.checked_sub(1).and_then(|i| self.edits.get(i)) {
            None => src,
            Some(e) if src < e.src.end => e.view.start,
            Some(e) => e.view.end + (src - e.src.end),
        };
        v.min(self.view_len)
    }

    /// Source offset of the character shown at view offset `view`.
    pub fn to_source(&self, view: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.view.start <= view);
        let s = match idx.checked_sub(1).and_then(|i| self.edits.get(i)) {
            None => view,
            Some(e) if view < e.view.end => e.src.start,
            Some(e) => e.src.end + (view - e.view.end),
        };
        s.min(self.src_len)
    }
}

/// One chapter as a view shows it: a one-chapter `Document` (so the layout engine can take it as
/// is, heading flag and title included) and the map back to the source chapter.
#[derive(Debug, Clone)]
pub struct ChapterView {
    pub doc: Document,
    pub map: OffsetMap,
}

impl ChapterView {
    /// The chapter's text in the view.
    pub fn text(&self) -> &str {
        &self.doc.text
    }
}

/// Build the view of chapter `idx` of `doc`.
pub(crate) fn view_chapter(doc: &Document, idx: usize, opts: &ViewOptions) -> ChapterView {
    let source = doc.chapter_text(idx);
    let (text, map) = view_text(source, opts);
    let chapter = doc.chapters.get(idx);
    let title = chapter
        .map(|c| opts.apply_to_title(&c.title))
        .unwrap_or_default();
    let single = Document {
        title: opts.apply_to_title(&doc.title),
        chapters: vec![Chapter {
            title,
            level: chapter.map(|c| c.level).unwrap_or(1),
            range: 0..text.len(),
            heading: chapter.map(|c| c.heading).unwrap_or(false),
        }],
        text,
        encoding: doc.encoding.clone(),
        rule: doc.rule.clone(),
        source_bytes: doc.source_bytes,
        path: doc.path.clone(),
        control_chars: doc.control_chars,
        // Blocks and spans of the chapter, in view offsets: layout draws the view's text with
        // the book's structure.
        structure: match chapter {
            Some(c) if !doc.structure.is_empty() => doc
                .structure
                .slice(c.range.clone())
                .map_offsets(|at| map.to_view(at)),
            _ => Default::default(),
        },
        // Places are saved from the book itself, never from a chapter's view.
        sources: None,
        rules_stopped: None,
    };
    ChapterView { doc: single, map }
}

/// Chapter views built on first use, for one book and one set of options.
#[derive(Debug, Default)]
pub struct ViewCache {
    options: ViewOptions,
    chapters: HashMap<usize, Arc<ChapterView>>,
}

impl ViewCache {
    pub fn new(options: ViewOptions) -> Self {
        ViewCache {
            options,
            chapters: HashMap::new(),
        }
    }

    pub fn options(&self) -> ViewOptions {
        self.options
    }

    /// Change what the view shows; built chapters are dropped only when something changed.
    pub fn set_options(&mut self, options: ViewOptions) {
        if options != self.options {
            self.options = options;
            self.chapters.clear();
        }
    }

    /// The view of chapter `idx`, built on first use.
    pub fn chapter(&mut self, doc: &Document, idx: usize) -> Arc<ChapterView> {
        let options = self.options;
        self.chapters
            .entry(idx)
            .or_insert_with(|| Arc::new(view_chapter(doc, idx, &options)))
            .clone()
    }

    /// A source position as a view position (same chapter, view offset).
    pub fn to_view(&mut self, doc: &Document, pos: Position) -> Position {
        if self.options.is_identity() {
            return pos;
        }
        let cv = self.chapter(doc, pos.chapter);
        Position::new(pos.chapter, cv.map.to_view(pos.offset))
    }

    /// A view position as a source position.
    pub fn to_source(&mut self, doc: &Document, pos: Position) -> Position {
        if self.options.is_identity() {
            return pos;
        }
        let cv = self.chapter(doc, pos.chapter);
        Position::new(pos.chapter, cv.map.to_source(pos.offset))
    }
}

/// Builds view text and its edits, keeping source order.
struct Builder<'a> {
    src: &'a str,
    out: String,
    edits: Vec<Edit>,
}

impl Builder<'_> {
    /// Show source bytes `r` unchanged.
    fn copy(&mut self, r: Range<usize>) {
        if let Some(s) = self.src.get(r) {
            self.out.push_str(s);
        }
    }

    /// Show `with` for the single character at `r`: one-to-one when the byte lengths agree.
    fn replace_char(&mut self, r: Range<usize>, with: &str) {
        if r.len() == with.len() {
            self.out.push_str(with);
        } else {
            self.replace(r, with);
        }
    }

    /// Show `with` for source span `r` as one unit (empty `with` hides the span).
    fn replace(&mut self, r: Range<usize>, with: &str) {
        let start = self.out.len();
        self.out.push_str(with);
        self.edits.push(Edit {
            src: r,
            view: start..self.out.len(),
        });
    }
}

/// One source span waiting in a `Run`.
struct Piece {
    src: Range<usize>,
    /// The character shown for it before conversion; `None` when the span is hidden.
    ch: Option<char>,
    /// An entity replaced by `ch` (always an edit, whatever the lengths).
    replaced: bool,
}

/// Text waiting to be converted in one call (a line at most, so phrases convert as phrases and
/// a call is never tiny), with the spans it came from.
#[derive(Default)]
struct Run {
    text: String,
    pieces: Vec<Piece>,
}

/// Longest run converted in one call; longer lines are cut at a non-Han character.
const RUN_LIMIT: usize = 16 * 1024;

impl Run {
    fn push(&mut self, src: Range<usize>, ch: Option<char>, replaced: bool) {
        if let Some(c) = ch {
            self.text.push(c);
        }
        self.pieces.push(Piece { src, ch, replaced });
    }

    fn flush(&mut self, b: &mut Builder<'_>, conv: &dyn Fn(&str) -> String) {
        if self.pieces.is_empty() {
            return;
        }
        let converted = conv(&self.text);
        if !emit_aligned(&self.pieces, &converted, b) {
            // The converter changed the number of characters somewhere: convert the Han
            // stretches one by one so only the stretch that changed becomes one unit.
            let mut k = 0;
            while k < self.pieces.len() {
                let is_han = |p: &Piece| p.ch.is_none_or(convert::is_han);
                if !is_han(&self.pieces[k]) {
                    emit_aligned(&self.pieces[k..k + 1], &self.text_of(k..k + 1), b);
                    k += 1;
                    continue;
                }
                let mut e = k + 1;
                while e < self.pieces.len() && is_han(&self.pieces[e]) {
                    e += 1;
                }
                let part = conv(&self.text_of(k..e));
                if !emit_aligned(&self.pieces[k..e], &part, b) {
                    let start = self.pieces[k].src.start;
                    let end = self.pieces[e - 1].src.end;
                    b.replace(start..end, &part);
                }
                k = e;
            }
        }
        self.pieces.clear();
        self.text.clear();
    }

    fn text_of(&self, r: Range<usize>) -> String {
        self.pieces[r].iter().filter_map(|p| p.ch).collect()
    }
}

/// Emit `pieces` shown as `converted`, character for character. False (and nothing emitted)
/// when the character counts differ.
fn emit_aligned(pieces: &[Piece], converted: &str, b: &mut Builder<'_>) -> bool {
    let shown = pieces.iter().filter(|p| p.ch.is_some()).count();
    if converted.chars().count() != shown {
        return false;
    }
    let mut out = converted.chars();
    let mut buf = [0u8; 4];
    for p in pieces {
        match if p.ch.is_some() { out.next() } else { None } {
            Some(c) if p.replaced => b.replace(p.src.clone(), c.encode_utf8(&mut buf)),
            Some(c) => b.replace_char(p.src.clone(), c.encode_utf8(&mut buf)),
            None => b.replace(p.src.clone(), ""),
        }
    }
    true
}

/// The view of one text: converted and/or cleaned text plus its offset map.
pub fn view_text(source: &str, opts: &ViewOptions) -> (String, OffsetMap) {
    let script = opts.script;
    view_text_with(source, opts, &move |s: &str| convert::convert(s, script))
}

/// `view_text` with the conversion given as a function (tests use one that changes lengths).
fn view_text_with(
    source: &str,
    opts: &ViewOptions,
    conv: &dyn Fn(&str) -> String,
) -> (String, OffsetMap) {
    if opts.is_identity() {
        return (source.to_string(), OffsetMap::identity(source.len()));
    }
    let mut b = Builder {
        src: source,
        out: String::with_capacity(source.len()),
        edits: Vec::new(),
    };
    let convert = opts.script != Script::Original;
    let mut run = Run::default();
    let mut plain_from = 0; // start of source bytes still to be copied unchanged
    let mut i = 0;
    while let Some(c) = source.get(i..).and_then(|s| s.chars().next()) {
        let len = c.len_utf8();
        if opts.clean
            && matches!(c, '(' | '（' | '<' | '&' | '?')
            && let Some(a) = clean::artifact_at(source, i)
        {
            if convert {
                run.push(a.range.clone(), a.replacement, a.replacement.is_some());
            } else {
                b.copy(plain_from..i);
                let mut buf = [0u8; 4];
                let shown = a
                    .replacement
                    .map(|r| &*r.encode_utf8(&mut buf))
                    .unwrap_or("");
                b.replace(a.range.clone(), shown);
            }
            i = a.range.end;
            plain_from = i;
            continue;
        }
        if convert {
            run.push(i..i + len, Some(c), false);
            let long = run.text.len() >= RUN_LIMIT;
            if c == '\n' || (long && !convert::is_han(c)) || run.text.len() >= 4 * RUN_LIMIT {
                run.flush(&mut b, conv);
            }
            plain_from = i + len;
        }
        i += len;
    }
    run.flush(&mut b, conv);
    b.copy(plain_from..source.len());
    let map = OffsetMap {
        src_len: source.len(),
        view_len: b.out.len(),
        edits: b.edits,
    };
    (b.out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A converter that turns 甲乙 into one character, as a phrase conversion might.
    fn shrinking(s: &str) -> String {
        s.replace("甲乙", "丙")
    }

    #[test]
    fn a_stretch_that_changes_length_becomes_one_unit() {
        let opts = ViewOptions {
            script: Script::Simplified,
            clean: true,
        };
        let src = "天甲乙地，甲(jiǎ)乙 x";
        let (view, map) = view_text_with(src, &opts, &shrinking);
        // The first line converts as a whole; the count changed, so only 天甲乙地 (the Han
        // stretch) became one unit and the rest still maps character by character.
        assert_eq!(view, "天丙地，丙 x");
        let comma = src.find('，').unwrap_or(0);
        assert_eq!(map.to_view(comma), view.find('，').unwrap_or(0));
        assert_eq!(
            map.to_source(view.find('x').unwrap_or(0)),
            src.find('x').unwrap_or(0)
        );
        // Inside a unit, positions go to its start.
        assert_eq!(map.to_view(src.find('乙').unwrap_or(0)), 0);
        // View → source → view lands on the unit's start, and is exact outside units.
        for (v, _) in view.char_indices() {
            let back = map.to_view(map.to_source(v));
            assert!(
                back == v || (v < "天丙地".len() && back == 0),
                "{v} → {back}"
            );
        }
    }
}
