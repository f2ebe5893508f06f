//! A chapter laid out for display through a view: converted/cleaned text, horizontal or vertical,
//! with every range and glyph offset handed back in *source* offsets.
//!
//! This is the seam between views and the reader: the reader keeps its `Position` in source
//! offsets and asks for a `DisplayChapter`; lines, pages and glyph offsets come back in source
//! offsets, while the glyphs show the view's text. Owns nothing else; no terminal crate here.

use std::sync::Arc;

use super::{ChapterView, OffsetMap, ViewOptions, view_chapter};
use crate::document::Document;
use crate::layout::vertical::{VerticalLayout, layout_vertical};
use crate::layout::{ChapterLayout, Glyph, LayoutParams, Line, line_glyphs};

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
pub struct DisplayChapter {
    /// Lines (a column per line in vertical mode) and pages, ranges in source offsets.
    pub layout: ChapterLayout,
    /// The same lines with ranges in view offsets (what is drawn from).
    view_lines: Vec<Line>,
    pub view: Arc<ChapterView>,
    pub vertical: Option<VerticalLayout>,
}

/// Lay out chapter `idx` of `doc` for `mode`. `lay` is the horizontal layout function (the
/// reader's per-book layout; `crate::layout::layout_chapter` will do).
pub fn display_chapter(
    doc: &Document,
    idx: usize,
    params: &LayoutParams,
    mode: &DisplayMode,
    lay: &dyn Fn(&Document, usize, &LayoutParams) -> ChapterLayout,
) -> DisplayChapter {
    let view = Arc::new(view_chapter(doc, idx, &mode.view));
    display_chapter_in(view, params, mode, lay)
}

/// `display_chapter` for a chapter view already built (the reader keeps them in a `ViewCache`).
pub fn display_chapter_in(
    view: Arc<ChapterView>,
    params: &LayoutParams,
    mode: &DisplayMode,
    lay: &dyn Fn(&Document, usize, &LayoutParams) -> ChapterLayout,
) -> DisplayChapter {
    if mode.vertical {
        let heading = view.doc.chapters.first().is_some_and(|c| c.heading);
        let v = layout_vertical(view.text(), heading, params);
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
        };
        return DisplayChapter {
            layout,
            view_lines,
            view,
            vertical: Some(v),
        };
    }
    let view_layout = lay(&view.doc, 0, params);
    let layout = ChapterLayout {
        lines: to_source_lines(&view_layout.lines, &view.map),
        pages: view_layout.pages.clone(),
    };
    DisplayChapter {
        layout,
        view_lines: view_layout.lines,
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
    pub fn line_glyphs(&self, line: usize, params: &LayoutParams) -> Vec<Glyph> {
        if self.vertical.is_some() {
            return Vec::new();
        }
        let Some(l) = self.view_lines.get(line) else {
            return Vec::new();
        };
        let mut glyphs = line_glyphs(self.view.text(), l, params);
        for g in &mut glyphs {
            g.offset = self.view.map.to_source(g.offset);
        }
        glyphs
    }

    /// Rows showing `count` vertical columns from column `first` (the reader's screen when it
    /// scrolls by columns), offsets in source. Empty in horizontal mode.
    pub fn column_rows(&self, first: usize, count: usize) -> Vec<Vec<Glyph>> {
        let Some(v) = &self.vertical else {
            return Vec::new();
        };
        let mut rows = v.columns_grid(self.view.text(), first, count);
        for g in rows.iter_mut().flatten() {
            g.offset = self.view.map.to_source(g.offset);
        }
        rows
    }

    /// Rows of vertical page `page` (view text, offsets in source), each exactly the page width.
    /// Empty in horizontal mode.
    pub fn page_rows(&self, page: usize) -> Vec<Vec<Glyph>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_chapter;
    use crate::view::Script;

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
            .flat_map(|i| d.line_glyphs(i, &params))
            .map(|g| g.text)
            .collect();
        assert_eq!(shown.replace(' ', ""), "战争与和平&发展");
        for i in 0..d.layout.lines.len() {
            for g in d.line_glyphs(i, &params) {
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
