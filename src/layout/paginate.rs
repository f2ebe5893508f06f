//! Lines → pages, and the way back: which line and page show a byte offset.
//!
//! Owns the page rules (a page holds `height` lines, a page never starts with a blank spacer
//! line, every chapter starts on a new page) and the offset ↔ line ↔ page look-ups, which are
//! binary searches over line start offsets. It does not wrap text.

use super::{ChapterLayout, Line, LineKind};

/// Collects a chapter's lines and cuts them into pages as they arrive.
#[derive(Debug)]
pub(crate) struct Pager {
    height: usize,
    on_page: usize,
    layout: ChapterLayout,
}

impl Pager {
    pub(crate) fn new(height: usize, capacity: usize) -> Self {
        Pager {
            height: height.max(1),
            on_page: 0,
            layout: ChapterLayout {
                lines: Vec::with_capacity(capacity),
                pages: Vec::new(),
                pages_before: 0,
                pages_after: 0,
                ends_chapter: true,
                decor: Vec::new(),
            },
        }
    }

    /// Add a line; a blank spacer that would open a page is dropped.
    pub(crate) fn push(&mut self, line: Line) {
        if self.on_page == self.height {
            self.on_page = 0;
        }
        if self.on_page == 0 {
            if line.kind == LineKind::Blank {
                return;
            }
            self.layout.pages.push(self.layout.lines.len());
        }
        self.layout.lines.push(line);
        self.on_page += 1;
    }

    /// The next line starts a new page (a segment of a long chapter starts one).
    pub(crate) fn start_page(&mut self) {
        if self.on_page > 0 {
            self.on_page = self.height;
        }
    }

    /// True when nothing but spacers has been pushed.
    pub(crate) fn is_empty(&self) -> bool {
        self.layout.lines.is_empty()
    }

    pub(crate) fn finish(mut self) -> ChapterLayout {
        if self.layout.pages.is_empty() {
            self.layout.pages.push(0);
        }
        self.layout
    }
}

/// Items (lines or columns) of page `page`, given the index of each page's first item and the
/// number of items; `None` when the page does not exist.
pub(crate) fn page_span(
    pages: &[usize],
    items: usize,
    page: usize,
) -> Option<std::ops::Range<usize>> {
    let start = *pages.get(page)?;
    let end = pages.get(page + 1).copied().unwrap_or(items);
    Some(start..end)
}

impl ChapterLayout {
    /// Pages in the chapter (for a window of a long chapter, with the pages around it).
    pub fn page_count(&self) -> usize {
        self.pages_before + self.pages.len().max(1) + self.pages_after
    }

    /// `page` (of the chapter) as an index into `pages`, when this layout holds it.
    fn local_page(&self, page: usize) -> Option<usize> {
        page.checked_sub(self.pages_before)
            .filter(|&p| p < self.pages.len())
    }

    /// Lines of page `page` (0-based, of the chapter); empty when out of range.
    pub fn page_lines(&self, page: usize) -> &[Line] {
        self.local_page(page)
            .and_then(|p| page_span(&self.pages, self.lines.len(), p))
            .and_then(|span| self.lines.get(span))
            .unwrap_or(&[])
    }

    /// Index of the line showing byte `offset`: the last text line starting at or before it
    /// (whitespace dropped at a break or before a paragraph belongs to the line before it).
    pub fn line_of_offset(&self, offset: usize) -> usize {
        let mut idx = self
            .lines
            .partition_point(|l| l.range.start <= offset)
            .saturating_sub(1);
        while idx > 0
            && self
                .lines
                .get(idx)
                .is_some_and(|l| l.kind == LineKind::Blank)
        {
            idx -= 1;
        }
        idx
    }

    /// Page (0-based, of the chapter) holding byte `offset`.
    pub fn page_of_offset(&self, offset: usize) -> usize {
        let line = self.line_of_offset(offset);
        self.page_of_line(line)
    }

    /// Page (0-based, of the chapter) holding line `line`.
    pub fn page_of_line(&self, line: usize) -> usize {
        self.pages_before + self.pages.partition_point(|&p| p <= line).saturating_sub(1)
    }

    /// Offset of the first character shown by line `line` (for a spacer, of the next text
    /// line).
    pub fn line_offset(&self, line: usize) -> usize {
        let from = line.min(self.lines.len().saturating_sub(1));
        self.lines
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .find(|l| l.kind != LineKind::Blank)
            .or_else(|| self.lines.iter().rev().find(|l| l.kind != LineKind::Blank))
            .map(|l| l.range.start)
            .unwrap_or(0)
    }

    /// Offset of the first character of page `page` (of the chapter; 0 when this layout does
    /// not hold it).
    pub fn page_start_offset(&self, page: usize) -> usize {
        self.local_page(page)
            .and_then(|p| self.pages.get(p))
            .map(|&l| self.line_offset(l))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(start: usize, end: usize) -> Line {
        Line {
            range: start..end,
            kind: LineKind::Body,
            indent: 0,
        }
    }

    fn blank(at: usize) -> Line {
        Line {
            range: at..at,
            kind: LineKind::Blank,
            indent: 0,
        }
    }

    #[test]
    fn pages_never_start_with_a_spacer() {
        let mut p = Pager::new(2, 8);
        p.push(text(0, 5));
        p.push(text(5, 9));
        p.push(blank(10));
        p.push(text(10, 12));
        p.push(blank(13));
        p.push(text(13, 15));
        let l = p.finish();
        assert_eq!(l.pages, vec![0, 2, 4]);
        assert_eq!(l.page_count(), 3);
        assert_eq!(l.page_lines(1).len(), 2);
        assert_eq!(l.page_of_offset(14), 2);
        assert_eq!(l.line_of_offset(9), 1);
        assert_eq!(l.line_of_offset(12), 2);
        assert_eq!(l.page_start_offset(1), 10);
    }

    #[test]
    fn empty_chapter_has_one_page() {
        let l = Pager::new(3, 0).finish();
        assert_eq!(l.page_count(), 1);
        assert!(l.page_lines(0).is_empty());
        assert_eq!(l.page_of_offset(100), 0);
        assert_eq!(l.page_start_offset(0), 0);
    }
}
