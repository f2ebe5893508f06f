//! A book laid out for display: `DisplayLayout` (the reader's layout cache, which knows the
//! display mode) and `DisplayChapter` (one chapter through a view: converted/cleaned text,
//! horizontal or vertical), with every range and glyph offset handed back in *source* offsets.
//!
//! This is the seam between views and the reader: the reader keeps its `Position` in source
//! offsets and asks for lines; lines, pages and glyph offsets come back in source offsets, while
//! the glyphs show the view's text. Plain chapters go straight to `layout::BookLayout` (long
//! ones in windows); layout never sees a view. No terminal crate here.

use std::collections::HashMap;
use std::sync::Arc;

use super::{ChapterView, OffsetMap, ViewCache, ViewOptions};
use crate::document::Document;
use crate::layout::vertical::{VerticalLayout, layout_vertical_with};
use crate::layout::{
    BookLayout, BookStyle, ChapterLayout, Glyph, GlyphLine, LayoutParams, Line, LineDecor,
    glyph_line, layout_document_chapter, locate_in,
};
use crate::position::Position;

/// How a chapter is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DisplayMode {
    pub view: ViewOptions,
    /// Columns top to bottom, right to left (竖排).
    pub vertical: bool,
}

impl DisplayMode {
    /// True when the chapter is shown exactly as the plain horizontal layout shows it.
    pub fn is_plain(&self) -> bool {
        self.view.is_identity() && !self.vertical
    }
}

/// One chapter as displayed.
#[derive(Debug, Clone)]
pub(crate) struct DisplayChapter {
    /// Lines (a column per line in vertical mode) and pages, ranges in source offsets.
    pub layout: ChapterLayout,
    /// The same lines with ranges in view offsets (what is drawn from).
    view_lines: Vec<Line>,
    /// What each view line draws, for a chapter with structure (view offsets); else empty.
    view_decor: Vec<LineDecor>,
    pub view: Arc<ChapterView>,
    pub vertical: Option<VerticalLayout>,
}

/// Lay out a chapter view for `mode`. `lay` is the horizontal layout function (the reader's
/// per-book layout; `crate::layout::layout_chapter` will do).
pub(crate) fn display_chapter_in(
    view: Arc<ChapterView>,
    params: &LayoutParams,
    mode: &DisplayMode,
    lay: &dyn Fn(&Document, usize, &LayoutParams) -> ChapterLayout,
) -> DisplayChapter {
    if mode.vertical {
        let heading = view.doc.chapters.first().is_some_and(|c| c.heading);
        let v = layout_vertical_with(view.text(), heading, params, &view.doc.structure.spans);
        let view_lines: Vec<Line> = v
            .columns
            .iter()
            .map(|c| Line {
                range: c.range.clone(),
                kind: c.kind,
                indent: 0,
            })
            .collect();
        let layout = ChapterLayout {
            lines: to_source_lines(&view_lines, &view.map),
            pages: v.pages.clone(),
            ..ChapterLayout::default()
        };
        return DisplayChapter {
            layout,
            view_lines,
            view_decor: Vec::new(),
            view,
            vertical: Some(v),
        };
    }
    let view_layout = lay(&view.doc, 0, params);
    let layout = ChapterLayout {
        lines: to_source_lines(&view_layout.lines, &view.map),
        pages: view_layout.pages.clone(),
        ..ChapterLayout::default()
    };
    DisplayChapter {
        layout,
        view_lines: view_layout.lines,
        view_decor: view_layout.decor,
        view,
        vertical: None,
    }
}

fn to_source_lines(lines: &[Line], map: &OffsetMap) -> Vec<Line> {
    lines
        .iter()
        .map(|l| Line {
            range: map.to_source(l.range.start)..map.to_source(l.range.end),
            kind: l.kind,
            indent: l.indent,
        })
        .collect()
}

impl DisplayChapter {
    /// Glyphs of horizontal line `line` (view text, offsets in source). Empty in vertical mode.
    pub fn line_glyphs(&self, line: usize, params: &LayoutParams) -> GlyphLine {
        if self.vertical.is_some() {
            return GlyphLine::default();
        }
        let Some(l) = self.view_lines.get(line) else {
            return GlyphLine::default();
        };
        let map = &self.view.map;
        glyph_line(
            self.view.text(),
            l,
            self.view_decor.get(line),
            params,
            &|at| map.to_source(at),
        )
    }

    /// Rows showing `count` vertical columns from column `first` (the reader's screen when it
    /// scrolls by columns), offsets in source. Empty in horizontal mode.
    pub fn column_rows(&self, first: usize, count: usize) -> Vec<GlyphLine> {
        let Some(v) = &self.vertical else {
            return Vec::new();
        };
        let map = &self.view.map;
        v.columns_grid_painted(self.view.text(), first, count)
            .into_iter()
            .map(|(row, paint)| {
                row.into_iter()
                    .map(|g| Glyph {
                        offset: map.to_source(g.offset),
                        ..g
                    })
                    .collect::<GlyphLine>()
                    .with_paint(paint)
            })
            .collect()
    }

    /// Rows of vertical page `page` (view text, offsets in source), each exactly the page width.
    /// Empty in horizontal mode.
    #[cfg(test)]
    pub fn page_rows(&self, page: usize) -> Vec<Vec<Glyph<'_>>> {
        let Some(v) = &self.vertical else {
            return Vec::new();
        };
        let mut rows = v.page_grid(self.view.text(), page);
        for g in rows.iter_mut().flatten() {
            g.offset = self.view.map.to_source(g.offset);
        }
        rows
    }
}

/// A book laid out as the reader shows it: the plain layout of `layout::BookLayout`, or each
/// chapter through the display mode (script, clean view, vertical columns), built on first use.
/// Lines, pages and glyph offsets are in source offsets whatever the mode, so positions survive
/// every switch.
#[derive(Debug, Default)]
pub struct DisplayLayout {
    plain: BookLayout,
    /// How chapters are shown; plain by default.
    display: DisplayMode,
    views: ViewCache,
    /// Chapters laid out through `display`.
    shown: HashMap<usize, DisplayChapter>,
    shown_made: usize,
}

impl DisplayLayout {
    pub fn new(params: LayoutParams) -> Self {
        DisplayLayout {
            plain: BookLayout::new(params),
            ..DisplayLayout::default()
        }
    }

    /// Layout for one book, auto settings decided once for the whole book (see
    /// `BookLayout::for_document`).
    pub fn for_document(doc: &Document, params: LayoutParams) -> Self {
        DisplayLayout {
            plain: BookLayout::for_document(doc, params),
            ..DisplayLayout::default()
        }
    }

    /// The params as asked for, auto settings still on auto.
    pub fn params(&self) -> &LayoutParams {
        self.plain.params()
    }

    /// The params chapters are laid out with (auto settings decided for this book).
    pub fn resolved_params(&self) -> &LayoutParams {
        self.plain.resolved_params()
    }

    /// The book's detected style, once known.
    pub fn style(&self) -> Option<BookStyle> {
        self.plain.style()
    }

    /// Change the params; laid-out chapters are dropped only when the resolved params change.
    pub fn set_params(&mut self, params: LayoutParams) {
        let before = self.plain.resolved_params().clone();
        self.plain.set_params(params);
        if *self.plain.resolved_params() != before {
            self.shown.clear();
        }
    }

    /// Show chapters converted, cleaned and/or in vertical columns. Lines, pages and glyph
    /// offsets stay in source offsets, so positions survive every switch.
    pub fn set_display(&mut self, mode: DisplayMode) {
        if mode != self.display {
            self.display = mode;
            self.views.set_options(mode.view);
            self.shown.clear();
        }
    }

    /// How chapters are shown.
    pub fn display(&self) -> DisplayMode {
        self.display
    }

    /// The layout of chapter `idx` as shown (for a long plain chapter: the window last asked
    /// for with `chapter_at`).
    pub fn chapter(&mut self, doc: &Document, idx: usize) -> &ChapterLayout {
        if self.display.is_plain() {
            return self.plain.chapter(doc, idx);
        }
        &self.shown_chapter(doc, idx).layout
    }

    /// The layout that shows `pos` (a window around it in a long plain chapter; line indices
    /// are into what this returns, and `glyphs_of_line` reads the same lines).
    pub fn chapter_at(&mut self, doc: &Document, pos: Position) -> &ChapterLayout {
        if self.display.is_plain() {
            return self.plain.chapter_at(doc, pos);
        }
        &self.shown_chapter(doc, pos.chapter).layout
    }

    fn shown_chapter(&mut self, doc: &Document, idx: usize) -> &DisplayChapter {
        let style = self.plain.style_for(doc);
        let params = self.plain.resolved_params().clone();
        let (views, display, made) = (&mut self.views, self.display, &mut self.shown_made);
        self.shown.entry(idx).or_insert_with(|| {
            *made += 1;
            let lay =
                |d: &Document, i: usize, p: &LayoutParams| layout_document_chapter(d, i, p, &style);
            display_chapter_in(views.chapter(doc, idx), &params, &display, &lay)
        })
    }

    /// What line `line` of chapter `idx` shows (through the display mode; offsets in source).
    /// Empty in vertical mode, where `vertical_rows` draws.
    pub fn glyphs_of_line(&mut self, doc: &Document, idx: usize, line: usize) -> GlyphLine {
        if self.display.is_plain() {
            let params = self.plain.resolved_params().clone();
            let layout = self.plain.chapter(doc, idx);
            return match layout.lines.get(line) {
                Some(l) => glyph_line(
                    doc.chapter_text(idx),
                    l,
                    layout.decor.get(line),
                    &params,
                    &|at| at,
                ),
                None => GlyphLine::default(),
            };
        }
        let params = self.plain.resolved_params().clone();
        self.shown_chapter(doc, idx).line_glyphs(line, &params)
    }

    /// Vertical mode: the screen rows showing `count` columns from column `first` of chapter
    /// `idx` (offsets in source). Empty in horizontal mode.
    pub fn vertical_rows(
        &mut self,
        doc: &Document,
        idx: usize,
        first: usize,
        count: usize,
    ) -> Vec<GlyphLine> {
        if !self.display.vertical {
            return Vec::new();
        }
        self.shown_chapter(doc, idx).column_rows(first, count)
    }

    /// True when chapter `idx` is laid out and cached for the current params and mode.
    pub fn is_cached(&self, idx: usize) -> bool {
        if self.display.is_plain() {
            self.plain.is_cached(idx)
        } else {
            self.shown.contains_key(&idx)
        }
    }

    /// How many chapter layouts (or segments of long chapters) have been computed so far.
    pub fn layouts_made(&self) -> usize {
        self.plain.layouts_made() + self.shown_made
    }

    /// The (page, line) showing `pos`; the line is an index into `chapter_at(doc, pos)`.
    pub fn locate(&mut self, doc: &Document, pos: Position) -> (usize, usize) {
        if self.display.is_plain() {
            return self.plain.locate(doc, pos);
        }
        let text = doc.chapter_text(pos.chapter);
        let layout = &self.shown_chapter(doc, pos.chapter).layout;
        locate_in(layout, text, pos.offset)
    }

    /// Position of the first character of `page` in chapter `chapter`.
    pub fn page_position(&mut self, doc: &Document, chapter: usize, page: usize) -> Position {
        if self.display.is_plain() {
            return self.plain.page_position(doc, chapter, page);
        }
        let offset = self.chapter(doc, chapter).page_start_offset(page);
        Position::new(chapter, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_chapter;
    use crate::view::{Script, view_chapter};

    fn display_chapter(
        doc: &Document,
        idx: usize,
        params: &LayoutParams,
        mode: &DisplayMode,
        lay: &dyn Fn(&Document, usize, &LayoutParams) -> ChapterLayout,
    ) -> DisplayChapter {
        let view = Arc::new(view_chapter(doc, idx, &mode.view));
        display_chapter_in(view, params, mode, lay)
    }

    #[test]
    fn lines_and_glyphs_come_back_in_source_offsets() {
        let doc = Document::from_text("戰(zhàn)爭與和平&amp;發(fā)展\n".to_string(), "t");
        let mode = DisplayMode {
            view: ViewOptions {
                script: Script::Simplified,
                clean: true,
            },
            vertical: false,
        };
        let params = LayoutParams {
            width: 6,
            height: 10,
            ..LayoutParams::default()
        };
        let d = display_chapter(&doc, 0, &params, &mode, &layout_chapter);
        let text = doc.chapter_text(0);
        let shown: String = (0..d.layout.lines.len())
            .map(|i| d.line_glyphs(i, &params).text().to_string())
            .collect();
        assert_eq!(shown.replace(' ', ""), "战争与和平&发展");
        for i in 0..d.layout.lines.len() {
            for g in d.line_glyphs(i, &params).iter() {
                assert!(text.is_char_boundary(g.offset));
            }
        }
        // Lines follow each other through the source, on character boundaries.
        let mut at = 0;
        for l in &d.layout.lines {
            assert!(l.range.start >= at && l.range.end >= l.range.start);
            assert!(text.is_char_boundary(l.range.start) && text.is_char_boundary(l.range.end));
            at = l.range.end;
        }
    }

    #[test]
    fn vertical_pages_are_lines_of_columns() {
        let text = "　　天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n";
        let doc = Document::from_text(text.to_string(), "t");
        let mode = DisplayMode {
            view: ViewOptions::default(),
            vertical: true,
        };
        let params = LayoutParams {
            width: 8,
            height: 5,
            ..LayoutParams::default()
        };
        let d = display_chapter(&doc, 0, &params, &mode, &layout_chapter);
        assert!(d.layout.pages.len() >= 2);
        let rows = d.page_rows(0);
        assert_eq!(rows.len(), 5);
        assert!(
            rows.iter()
                .all(|r| r.iter().map(|g| g.width).sum::<usize>() == 8)
        );
        let at = text.find('宇').unwrap_or(0);
        let page = d.layout.page_of_offset(at);
        assert!(
            d.page_rows(page)
                .iter()
                .flatten()
                .any(|g| g.offset == at && g.text == "宇")
        );
    }
}
