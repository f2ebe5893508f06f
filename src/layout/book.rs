//! `BookLayout`: the chapters of one book laid out lazily for one set of params, with long
//! chapters laid out in windows.
//!
//! Owns the per-book decisions (the style guessed once, the params resolved from it), the
//! cache of laid-out chapters, and the windows of long chapters: a chapter over
//! `LONG_CHAPTER` bytes is cut at paragraph ends into segments of about `SEGMENT` bytes, each
//! laid out the first time a window needs it, each starting a page. A window is the segment
//! holding a position and its neighbours, so a page turn inside a 5 MB chapter lays out at most
//! one segment. Positions stay {chapter, byte}: which segment holds a byte is found from the
//! byte. It knows nothing about views, display modes or the terminal.

use std::collections::HashMap;
use std::ops::Range;

use super::paginate::Pager;
use super::paragraphs::starts_indented;
use super::{
    BookStyle, ChapterLayout, Heading, LayoutParams, LineKind, ParagraphMode,
    layout_document_chapter, layout_styled,
};
use crate::document::Document;
use crate::position::Position;

/// Chapters longer than this (bytes) are laid out in windows.
pub(crate) const LONG_CHAPTER: usize = 256 * 1024;
/// Bytes of a segment of a long chapter (cut at the next paragraph end after this).
pub(crate) const SEGMENT: usize = 32 * 1024;

/// A long chapter: its segments, those laid out so far, and the window last asked for.
#[derive(Debug, Default)]
struct LongChapter {
    /// Byte ranges of the segments, in order, covering the chapter.
    segments: Vec<Range<usize>>,
    /// Lines of each segment laid out so far (chapter offsets; each starts a page).
    laid: Vec<Option<ChapterLayout>>,
    /// Segments in the current window.
    window: Range<usize>,
    /// The current window's lines and pages.
    layout: ChapterLayout,
}

/// Lazily laid-out chapters of one book for one set of params.
///
/// Auto settings are decided once per book (`for_document`, or on first use) and stay the same
/// for every chapter. Each chapter is laid out the first time it is asked for and cached;
/// turning pages never re-wraps, and a change of params drops the cache so only chapters asked
/// for afterwards are laid out again. A long chapter is laid out in windows (see the module
/// documentation): `chapter_at` moves its window to a position; `chapter` gives the window last
/// asked for.
#[derive(Debug, Default)]
pub struct BookLayout {
    /// The params as asked for (auto settings left on auto).
    params: LayoutParams,
    /// The params the chapters are laid out with: auto settings decided for this book.
    resolved: LayoutParams,
    style: Option<BookStyle>,
    cache: HashMap<usize, ChapterLayout>,
    long: HashMap<usize, LongChapter>,
    layouts_made: usize,
}

impl BookLayout {
    pub fn new(params: LayoutParams) -> Self {
        BookLayout {
            resolved: params.clone(),
            params,
            ..BookLayout::default()
        }
    }

    /// Layout for one book: settings left on auto (paragraph mode, indent, spacing) are decided
    /// once for the whole book here, not per chapter.
    pub fn for_document(doc: &Document, params: LayoutParams) -> Self {
        let style = BookStyle::detect(&doc.text);
        BookLayout {
            resolved: params.resolve(&style),
            params,
            style: Some(style),
            ..BookLayout::default()
        }
    }

    /// The params as asked for, auto settings still on auto: safe to hand to
    /// `for_document` for another book.
    pub fn params(&self) -> &LayoutParams {
        &self.params
    }

    /// The params chapters are laid out with: auto settings decided for this book (once it
    /// is known). Pass these to `line_glyphs`/`render_line` so justification knows where
    /// paragraphs end in blank-line books.
    pub fn resolved_params(&self) -> &LayoutParams {
        &self.resolved
    }

    /// The book's detected style, once known.
    pub fn style(&self) -> Option<BookStyle> {
        self.style
    }

    /// The style, guessed from the book on first use.
    pub fn style_for(&mut self, doc: &Document) -> BookStyle {
        if let Some(style) = self.style {
            return style;
        }
        let style = BookStyle::detect(&doc.text);
        self.style = Some(style);
        self.set_params(self.params.clone());
        style
    }

    /// Change the params; cached chapters are dropped only when the params they are laid out
    /// with change. Auto settings are decided with the book's style again.
    pub fn set_params(&mut self, params: LayoutParams) {
        let resolved = match &self.style {
            Some(style) => params.resolve(style),
            None => params.clone(),
        };
        self.params = params;
        if resolved != self.resolved {
            self.resolved = resolved;
            self.cache.clear();
            self.long.clear();
        }
    }

    /// The layout of chapter `idx`, computed on first use. For a long chapter: the window last
    /// asked for with `chapter_at` (the chapter's start at first).
    pub fn chapter(&mut self, doc: &Document, idx: usize) -> &ChapterLayout {
        if windowed(doc, idx) {
            if self.long.get(&idx).is_some_and(|l| !l.window.is_empty()) {
                return &self.long[&idx].layout;
            }
            return self.chapter_at(doc, Position::new(idx, 0));
        }
        let style = self.style_for(doc);
        let params = &self.resolved;
        let made = &mut self.layouts_made;
        self.cache.entry(idx).or_insert_with(|| {
            *made += 1;
            layout_document_chapter(doc, idx, params, &style)
        })
    }

    /// The layout that shows `pos`: the whole chapter, or for a long chapter a window of it
    /// around `pos` (at least a few pages either side, unless the chapter ends first). Line
    /// indices are into this window; page numbers are the chapter's.
    pub fn chapter_at(&mut self, doc: &Document, pos: Position) -> &ChapterLayout {
        let idx = pos.chapter;
        let text = doc.chapter_text(idx);
        if !windowed(doc, idx) {
            return self.chapter(doc, idx);
        }
        let style = self.style_for(doc);
        let params = self.resolved.clone();
        let heading = Heading::of_chapter(doc, idx);
        let long = self.long.entry(idx).or_insert_with(|| {
            let segments = segments(text, params.paragraph_mode);
            LongChapter {
                laid: vec![None; segments.len()],
                segments,
                window: 0..0,
                layout: ChapterLayout::default(),
            }
        });
        let k = long
            .segments
            .partition_point(|s| s.end <= pos.offset)
            .min(long.segments.len().saturating_sub(1));
        // Keep the window while it holds a few pages either side of the position's segment.
        let want = params.height.saturating_mul(3);
        let lines_in = |r: Range<usize>| -> usize {
            r.map(|s| long.laid[s].as_ref().map_or(0, |l| l.lines.len()))
                .sum()
        };
        let keep = long.window.contains(&k)
            && (long.window.start == 0 || lines_in(long.window.start..k) >= want)
            && (long.window.end == long.segments.len() || lines_in(k + 1..long.window.end) >= want);
        if !keep {
            let made = &mut self.layouts_made;
            let mut lay = |long: &mut LongChapter, s: usize| -> usize {
                if long.laid[s].is_none() {
                    *made += 1;
                    long.laid[s] = Some(layout_segment(
                        text,
                        long.segments[s].clone(),
                        if s == 0 { heading } else { Heading::default() },
                        &params,
                        &style,
                    ));
                }
                long.laid[s].as_ref().map_or(0, |l| l.lines.len())
            };
            // The segment, its neighbours, and more until a few pages lie on either side.
            let mut start = k;
            let mut end = k + 1;
            lay(long, k);
            let mut before = 0;
            while start > 0 && (before < want || start + 1 > k) {
                start -= 1;
                before += lay(long, start);
            }
            let mut after = 0;
            while end < long.segments.len() && (after < want || end < k + 2) {
                after += lay(long, end);
                end += 1;
            }
            long.window = start..end;
            long.layout = window_layout(long, &params);
        }
        &self.long[&idx].layout
    }

    /// True when chapter `idx` is laid out and cached for the current params (for a long
    /// chapter: when a window of it is).
    pub fn is_cached(&self, idx: usize) -> bool {
        self.cache.contains_key(&idx) || self.long.get(&idx).is_some_and(|l| !l.window.is_empty())
    }

    /// How many chapter layouts (or segments of long chapters) this `BookLayout` has computed
    /// so far (cache misses).
    pub fn layouts_made(&self) -> usize {
        self.layouts_made
    }

    /// The (page, line) showing `pos`: the line is an index into `chapter_at(doc, pos)`. A
    /// position in the whitespace between two paragraphs (a line end, the next paragraph's
    /// source indentation) is shown by the next paragraph's first line.
    pub fn locate(&mut self, doc: &Document, pos: Position) -> (usize, usize) {
        let text = doc.chapter_text(pos.chapter);
        let layout = self.chapter_at(doc, pos);
        locate_in(layout, text, pos.offset)
    }

    /// Position of the first character of `page` in chapter `chapter`.
    pub fn page_position(&mut self, doc: &Document, chapter: usize, page: usize) -> Position {
        if windowed(doc, chapter) {
            // Walk the windows from the start (or from the current window when every segment
            // before it is laid out): page numbers are exact where laid out.
            let mut at = Position::new(chapter, 0);
            if let Some(l) = self.long.get(&chapter)
                && !l.window.is_empty()
                && l.laid[..l.window.start].iter().all(Option::is_some)
                && l.layout.pages_before <= page
            {
                let mid = l.window.start + l.window.len() / 2;
                at = Position::new(chapter, l.segments.get(mid).map_or(0, |s| s.start));
            }
            loop {
                let layout = self.chapter_at(doc, at);
                let first = layout.pages_before;
                let last = first + layout.pages.len();
                if page < last || layout.ends_chapter {
                    let p = page.clamp(first, last.saturating_sub(1));
                    return Position::new(chapter, layout.page_start_offset(p));
                }
                let Some(next) = layout.lines.last().map(|l| l.range.end) else {
                    return at;
                };
                if next <= at.offset {
                    return at;
                }
                at = Position::new(chapter, next);
            }
        }
        let offset = self.chapter(doc, chapter).page_start_offset(page);
        Position::new(chapter, offset)
    }
}

/// Is chapter `idx` laid out in windows? A long plain chapter is; a chapter with structure is
/// laid out whole (its blocks are not cut into segments).
fn windowed(doc: &Document, idx: usize) -> bool {
    doc.structure.blocks.is_empty() && doc.chapter_text(idx).len() > LONG_CHAPTER
}

/// `locate` in a layout already made.
pub(crate) fn locate_in(layout: &ChapterLayout, text: &str, offset: usize) -> (usize, usize) {
    let mut line = layout.line_of_offset(offset);
    if let Some(found) = layout.lines.get(line)
        && offset >= found.range.end
        && text
            .get(found.range.end..offset.min(text.len()))
            .is_some_and(|gap| gap.contains('\n'))
        && let Some(next) = layout.lines[line + 1..]
            .iter()
            .position(|l| l.kind != LineKind::Blank)
    {
        line += 1 + next;
    }
    (layout.page_of_line(line), line)
}

/// Cut a long chapter into segments of about `SEGMENT` bytes at paragraph ends: after a line
/// end, in indent mode before an indented or blank line, and in blank-line mode only where a
/// blank line separates two paragraphs (or, when none comes for a long while, at any line
/// end).
pub(crate) fn segments(text: &str, mode: ParagraphMode) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > SEGMENT + SEGMENT / 2 {
        let target = start + SEGMENT;
        let mut cut = None;
        let mut any = None;
        for nl in memchr::memchr_iter(b'\n', &bytes[target..]) {
            let at = target + nl + 1;
            any.get_or_insert(at);
            let rest = &text[at..];
            let line = rest.split('\n').next().unwrap_or("");
            if mode == ParagraphMode::Lines
                || (mode == ParagraphMode::Indent && starts_indented(line))
            {
                cut = Some(at);
                break;
            }
            // The line after this line end is blank: cut after the blank line(s).
            if line.trim().is_empty() && at + line.len() < text.len() {
                let mut end = at + line.len() + 1;
                while let Some(next) = text.get(end..).and_then(|r| r.split('\n').next())
                    && next.trim().is_empty()
                    && end + next.len() < text.len()
                {
                    end += next.len() + 1;
                }
                cut = Some(end);
                break;
            }
            if at - target > 8 * SEGMENT {
                break;
            }
        }
        let Some(cut) = cut.or(any).filter(|&c| c < text.len()) else {
            break;
        };
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

/// The lines of one segment, in chapter offsets, paged from the segment's start.
fn layout_segment(
    text: &str,
    range: Range<usize>,
    heading: Heading,
    params: &LayoutParams,
    style: &BookStyle,
) -> ChapterLayout {
    let Some(part) = text.get(range.clone()) else {
        return ChapterLayout::default();
    };
    let mut layout = layout_styled(part, heading, params, style);
    for line in &mut layout.lines {
        line.range = line.range.start + range.start..line.range.end + range.start;
    }
    layout
}

/// Pages a segment not laid out yet is expected to take, from the bytes per page of those that
/// are.
fn estimate_pages(long: &LongChapter, s: usize) -> usize {
    let (bytes, pages) = long
        .laid
        .iter()
        .zip(&long.segments)
        .filter_map(|(l, r)| l.as_ref().map(|l| (r.len(), l.pages.len())))
        .fold((0usize, 0usize), |(b, p), (rb, rp)| (b + rb, p + rp));
    let len = long.segments.get(s).map_or(0, |r| r.len());
    if pages == 0 {
        return 1;
    }
    (len * pages).div_ceil(bytes.max(1)).max(1)
}

/// The current window's segments as one layout (each segment starts a page).
fn window_layout(long: &LongChapter, params: &LayoutParams) -> ChapterLayout {
    let pages_of = |s: usize| match &long.laid[s] {
        Some(l) => l.pages.len(),
        None => estimate_pages(long, s),
    };
    let mut pager = Pager::new(params.height, 0);
    for s in long.window.clone() {
        if let Some(l) = &long.laid[s] {
            pager.start_page();
            for line in &l.lines {
                pager.push(line.clone());
            }
        }
    }
    let mut layout = pager.finish();
    layout.pages_before = (0..long.window.start).map(pages_of).sum();
    layout.pages_after = (long.window.end..long.segments.len()).map(pages_of).sum();
    layout.ends_chapter = long.window.end >= long.segments.len();
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_chapter_and_end_at_line_ends() {
        let para = "　　天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。\n";
        let text = para.repeat(30_000);
        let segs = segments(&text, ParagraphMode::Lines);
        assert!(segs.len() > 10);
        let mut at = 0;
        for s in &segs {
            assert_eq!(s.start, at);
            assert!(text[..s.end].ends_with('\n') || s.end == text.len());
            at = s.end;
        }
        assert_eq!(at, text.len());

        let english = "It was the best of times,\nit was the worst of times.\n\n".repeat(20_000);
        for s in segments(&english, ParagraphMode::Blank) {
            assert!(
                english[..s.start].ends_with("\n\n") || s.start == 0,
                "{s:?}"
            );
        }
    }

    #[test]
    fn indent_mode_segments_start_at_a_paragraph() {
        let para = "　　蓋聞天地之數，有十二萬九千六百歲為一\n元。將一元分為十二會，乃子、丑、寅、卯、\n。每會該一萬八百歲。\n";
        let text = para.repeat(5_000);
        let segs = segments(&text, ParagraphMode::Indent);
        assert!(segs.len() > 10);
        for s in &segs {
            assert!(text[s.start..].starts_with('　'), "{s:?}");
        }
    }

    #[test]
    fn a_chapter_with_no_line_end_is_one_segment() {
        let text = "字".repeat(200_000);
        assert_eq!(segments(&text, ParagraphMode::Lines), vec![0..text.len()]);
    }
}
