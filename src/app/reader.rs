//! The `Reader`: a book, its layout cache, the place on screen and the moves between places,
//! and the visible-lines model (`View`) the screen is painted from.
//!
//! The place on screen is `top: Position` (never a line number). A view is the line holding
//! `top.offset` in its chapter and the lines after it, one page high per text column; pages flow
//! across chapter ends, each chapter starting on a new page, except a chapter that begins
//! inside a source file of an EPUB (a contents entry `c2.xhtml#t`), which goes on on the page
//! of the one before (`continues_page`). Moves change `top`; `refresh`
//! (which the app calls once after every action) recomputes what is visible, so drawing only
//! paints.
//!
//! Owns no terminal type and no panel: the app tells it the page frame (columns, width,
//! height) and the layout parameters; it must not open popups, read keys or touch the store.

use std::ops::Range;

use crate::document::Document;
use crate::i18n::{Lang, tr};
use crate::keys::Action;
use crate::layout::{ChapterLayout, GlyphLine, LayoutParams, Line, LineKind};
use crate::position::Position;
use crate::view::DisplayLayout;
use crate::view::display::DisplayMode;
use crate::view::vertical::columns_per_page;

/// The pages the screen has room for: how many text columns, and each column's size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageFrame {
    /// Text columns side by side (two for a spread).
    pub columns: usize,
    /// Width of one column in cells.
    pub width: usize,
    /// Lines per column.
    pub height: usize,
    /// The screen is too small to show pages.
    pub too_small: bool,
}

/// One visible line, with its glyphs ready to paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewLine {
    pub chapter: usize,
    pub kind: LineKind,
    /// Byte range in the chapter's text.
    pub range: Range<usize>,
    pub glyphs: GlyphLine,
    /// Absolute byte offset of the chapter start in `Document::text`.
    pub chapter_start: usize,
    /// Vertical mode, where a row crosses every column of the page: the chapter bytes of the
    /// heading columns, whose glyphs are drawn as a heading. Empty otherwise.
    pub heading: Range<usize>,
    /// A line of the page before, kept at the top by `page_overlap` (drawn dimmed).
    pub carried: bool,
}

/// What is on screen: the lines of each text column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub columns: Vec<Vec<ViewLine>>,
    /// Page (1-based) of the first line of each non-empty column, and pages in the chapter.
    pub pages: Vec<usize>,
    pub page_count: usize,
    /// Absolute byte range of the text on screen.
    pub visible: Range<usize>,
}

/// A line for the status bar's message area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Back/forward history of jumps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    pub back: Vec<Position>,
    pub forward: Vec<Position>,
}

const JUMP_LIMIT: usize = 100;

impl JumpList {
    /// A jump is leaving `from`.
    pub fn record(&mut self, from: Position) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > JUMP_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }
}

/// A book being read: what is open, where, and what is on screen.
pub struct Reader {
    pub doc: std::sync::Arc<Document>,
    layout: DisplayLayout,
    top: Position,
    frame: PageFrame,
    view: View,
    pub jumps: JumpList,
    /// A count typed before a command (`42g`).
    count: Option<usize>,
    message: Option<Message>,
    /// Positions that hold a bookmark; pages showing one get a marker in the status bar.
    pub bookmarks: Vec<Position>,
    /// Lines of a page kept at the top of the next (`page_overlap`), horizontal pages only.
    overlap: usize,
    /// The language messages are written in.
    pub lang: Lang,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("title", &self.doc.title)
            .field("top", &self.top)
            .field("frame", &self.frame)
            .finish_non_exhaustive()
    }
}

impl Reader {
    /// A reader at the start of `doc`, laid out with `params` into `frame`.
    pub fn new(doc: Document, params: LayoutParams, frame: PageFrame) -> Reader {
        let layout = DisplayLayout::for_document(&doc, params);
        let mut reader = Reader {
            doc: std::sync::Arc::new(doc),
            layout,
            top: Position::START,
            frame,
            view: View::default(),
            jumps: JumpList::default(),
            count: None,
            message: None,
            bookmarks: Vec::new(),
            overlap: 0,
            lang: Lang::En,
        };
        reader.refresh();
        reader
    }

    pub fn top(&self) -> Position {
        self.top
    }
    pub fn view(&self) -> &View {
        &self.view
    }
    pub fn layout_params(&self) -> &LayoutParams {
        self.layout.params()
    }
    pub fn count(&self) -> Option<usize> {
        self.count
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Show `text` in the status bar's message area until the next key.
    pub fn set_message(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    pub fn clear_message(&mut self) {
        self.message = None;
    }

    /// Put `pos` at the top without touching the jump list; out-of-book positions are clamped.
    pub fn set_top(&mut self, pos: Position) {
        self.top = self.clamp(pos);
        self.refresh();
    }

    /// A new page frame (the terminal was resized) with its layout parameters; the same text
    /// stays at the top.
    pub fn set_frame(&mut self, frame: PageFrame, params: LayoutParams) {
        self.frame = frame;
        if !frame.too_small {
            self.layout.set_params(params);
            self.fit_overlap();
        }
        self.refresh();
    }

    /// Keep the last `lines` lines of a page at the top of the next (0–3; applied with the
    /// next `set_frame`). Pages are then that many lines shorter, so page numbers stay true.
    pub fn set_overlap(&mut self, lines: usize) {
        self.overlap = lines.min(3);
    }

    /// Lines carried over from the page before: none in vertical pages, and never more than
    /// leaves half of a page new.
    fn carried(&self) -> usize {
        if self.layout.display().vertical || self.frame.too_small {
            return 0;
        }
        self.overlap.min(self.frame.height.saturating_sub(1) / 2)
    }

    /// Lay pages out `carried()` lines shorter than the column, which shows those lines above.
    fn fit_overlap(&mut self) {
        let want = self.frame.height.saturating_sub(self.carried()).max(1);
        if self.layout.params().height != want {
            let mut p = self.layout.params().clone();
            p.height = want;
            self.layout.set_params(p);
        }
    }

    /// Read another book: new layout, `top` clamped into it; jumps, count and bookmarks of the
    /// old book are dropped. Script and vertical pages are the reader's taste and stay.
    pub fn replace_document(&mut self, doc: Document, top: Position) {
        let params = self.layout.params().clone();
        let display = self.layout.display();
        self.layout = DisplayLayout::for_document(&doc, params);
        self.layout.set_display(display);
        self.doc = std::sync::Arc::new(doc);
        self.jumps = JumpList::default();
        self.count = None;
        self.bookmarks.clear();
        self.top = self.clamp(top);
        self.refresh();
    }

    /// How the book is shown (script, clean view, vertical). The top stays on the same text:
    /// positions are source offsets whatever the view.
    pub fn set_display(&mut self, mode: DisplayMode) {
        self.layout.set_display(mode);
        if !self.frame.too_small {
            self.fit_overlap();
        }
        self.refresh();
    }

    pub fn display(&self) -> DisplayMode {
        self.layout.display()
    }

    /// Book progress of the top of the screen, 0–100.
    pub fn percent(&self) -> f64 {
        self.top.percent(&self.doc)
    }

    /// A page on screen holds a bookmark.
    pub fn page_has_bookmark(&self) -> bool {
        let vis = &self.view.visible;
        self.bookmarks.iter().any(|b| {
            let abs = self.doc.offset_of(*b);
            vis.contains(&abs) || (vis.is_empty() && abs == vis.start)
        })
    }

    /// Whether absolute byte `abs` is in a text line on screen.
    pub fn view_holds(&self, abs: usize) -> bool {
        self.view.columns.iter().flatten().any(|l| {
            let s = l.chapter_start + l.range.start;
            let e = l.chapter_start + l.range.end;
            l.kind != LineKind::Blank && s <= abs && abs < e
        })
    }

    /// One digit of a count (`4`, `2` before `g`); a leading zero is no count.
    pub fn push_digit(&mut self, d: u8) {
        if d == 0 && self.count.is_none() {
            return;
        }
        let c = self.count.unwrap_or(0);
        self.count = Some(
            c.saturating_mul(10)
                .saturating_add(d as usize)
                .min(1_000_000),
        );
    }

    /// The count typed so far, which the next command uses up.
    pub fn take_count(&mut self) -> Option<usize> {
        self.count.take()
    }

    /// A move through the book; false when `action` is not one. `count` is what was typed
    /// before it (repeat, or a chapter or percentage to go to).
    pub fn navigate(&mut self, action: &Action, count: Option<usize>) -> bool {
        let times = count.unwrap_or(1).clamp(1, 10_000);
        match action {
            Action::NextPage => self.repeat(times, Self::next_page),
            Action::PrevPage => self.repeat(times, Self::prev_page),
            Action::LineDown => self.repeat(times, Self::line_down),
            Action::LineUp => self.repeat(times, Self::line_up),
            Action::HalfPageDown => self.repeat(times, Self::half_page_down),
            Action::HalfPageUp => self.repeat(times, Self::half_page_up),
            Action::Wheel { down: true } => self.repeat(3, Self::line_down),
            Action::Wheel { down: false } => self.repeat(3, Self::line_up),
            Action::NextChapter => self.repeat(times, Self::next_chapter),
            Action::PrevChapter => self.repeat(times, Self::prev_chapter),
            Action::BookStart => match count {
                Some(n) => self.goto_chapter(n),
                None => self.jump(Position::START),
            },
            Action::BookEnd => match count {
                Some(n) => self.goto_chapter(n),
                None => self.book_end(),
            },
            Action::Percent => match count {
                Some(p) => self.goto_percent(p as f64),
                None => self.set_message(tr!(self.lang, "msg-count-first-percent"), false),
            },
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            _ => return false,
        }
        true
    }

    /// Call `f` up to `times` times, stopping at the first that does not move.
    pub fn repeat(&mut self, times: usize, f: fn(&mut Reader) -> bool) {
        for _ in 0..times {
            if !f(self) {
                break;
            }
        }
    }

    /// The end of the book; in a spread the book's last page is the right-hand one.
    fn book_end(&mut self) {
        let last = self.doc.chapters.len().saturating_sub(1);
        let mut pos = self.last_page_of(last);
        for _ in 1..self.frame.columns {
            if let Some(p) = self.page_before(pos) {
                pos = p;
            }
        }
        self.jump(pos);
    }

    fn jump_back(&mut self) {
        // Entries equal to where we are would be a jump that does not move: skip them.
        while self.jumps.back.last() == Some(&self.top) {
            self.jumps.back.pop();
        }
        if let Some(p) = self.jumps.back.pop() {
            self.jumps.forward.push(self.top);
            self.top = p;
        } else {
            self.set_message(tr!(self.lang, "msg-no-earlier-jump"), false);
        }
    }

    fn jump_forward(&mut self) {
        while self.jumps.forward.last() == Some(&self.top) {
            self.jumps.forward.pop();
        }
        if let Some(p) = self.jumps.forward.pop() {
            self.jumps.back.push(self.top);
            self.top = p;
        } else {
            self.set_message(tr!(self.lang, "msg-no-later-jump"), false);
        }
    }

    /// Lines per page (one text column) less the lines carried over from the page before; in
    /// vertical mode a "line" is a column of characters.
    fn page_height(&self) -> usize {
        if self.layout.display().vertical {
            return columns_per_page(self.layout.params().width);
        }
        self.frame.height.saturating_sub(self.carried()).max(1)
    }

    /// Scroll half a page down (`Ctrl-d`); false at the end of the book.
    pub fn half_page_down(&mut self) -> bool {
        let half = (self.page_height() / 2).max(1);
        let mut moved = false;
        for _ in 0..half {
            if !self.line_down() {
                break;
            }
            moved = true;
        }
        moved
    }

    /// Scroll half a page up (`Ctrl-u`); false at the start of the book.
    pub fn half_page_up(&mut self) -> bool {
        let half = (self.page_height() / 2).max(1);
        let mut moved = false;
        for _ in 0..half {
            if !self.line_up() {
                break;
            }
            moved = true;
        }
        moved
    }

    /// The layout showing `pos` (a window of a long chapter around it).
    fn chapter_layout(&mut self, pos: Position) -> &ChapterLayout {
        self.layout.chapter_at(&self.doc, pos)
    }

    /// The layout showing `pos` (lines in source offsets of its chapter; in vertical pages a
    /// line is a column), for the selection cursor's moves by line.
    pub fn layout_at(&mut self, pos: Position) -> &ChapterLayout {
        self.chapter_layout(pos)
    }

    fn top_line(&mut self) -> usize {
        let off = self.top.offset;
        let top = self.top;
        self.chapter_layout(top).line_of_offset(off)
    }

    fn last_chapter(&self) -> usize {
        self.doc.chapters.len().saturating_sub(1)
    }

    /// The top of the page after the one starting at `pos`: a page further down the chapter
    /// (skipping a leading spacer line), else the start of the next chapter; `None` at the end.
    fn page_after(&mut self, pos: Position) -> Option<Position> {
        let h = self.page_height();
        let last = self.last_chapter();
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        if let Some(i) = first_text_line_from(cl, line + h) {
            Some(Position::new(pos.chapter, cl.lines[i].range.start))
        } else if pos.chapter < last {
            let used = cl.lines.len().saturating_sub(line);
            self.flow_after(pos.chapter, used)
        } else {
            None
        }
    }

    /// Does chapter `ch` go on on the page of the chapter before it? A contents entry inside
    /// a source file (`c2.xhtml#t`) is a place in the flow, not a new page; only a new file
    /// of an EPUB starts one. Vertical pages keep every chapter on pages of its own.
    fn continues_page(&self, ch: usize) -> bool {
        let (Some(sources), Some(c)) = (&self.doc.sources, self.doc.chapters.get(ch)) else {
            return false;
        };
        if ch == 0 || c.range.is_empty() || self.layout.display().vertical {
            return false;
        }
        let Some(before) = c.range.start.checked_sub(1) else {
            return false;
        };
        let href = |at: usize| sources.place(at).map(|p| p.href);
        href(c.range.start).is_some_and(|h| Some(h) == href(before))
    }

    /// The top of the page after one that shows `used` lines up to the end of chapter `ch`:
    /// the start of the next chapter, or a line in it when it continues the page; `None` when
    /// the page already shows the end of the book.
    fn flow_after(&mut self, ch: usize, used: usize) -> Option<Position> {
        let h = self.page_height();
        let last = self.last_chapter();
        let mut used = used;
        let mut ch = ch;
        loop {
            let next = ch + 1;
            if next > last {
                return None;
            }
            if !self.continues_page(next) || used + FLOW_GAP >= h {
                return Some(Position::new(next, 0));
            }
            used += FLOW_GAP;
            let cl = self.chapter_layout(Position::new(next, 0));
            if let Some(i) = first_text_line_from(cl, h - used) {
                return Some(Position::new(next, cl.lines[i].range.start));
            }
            used += cl.lines.len();
            ch = next;
        }
    }

    /// The top of the page before a page whose first `line` lines (from the start of chapter
    /// `ch`, which continues the page before it) are not enough to fill it: a line in the
    /// chapters before.
    fn flow_before(&mut self, ch: usize, line: usize) -> Position {
        let h = self.page_height();
        let mut need = h.saturating_sub(line + FLOW_GAP);
        if need == 0 && line > 0 {
            // The lines above fill the page before on their own.
            return Position::new(ch, 0);
        }
        let mut ch = ch;
        loop {
            let prev = ch - 1;
            let cl = self.chapter_layout(Position::new(prev, usize::MAX));
            let n = cl.lines.len();
            if need <= n || prev == 0 || !self.continues_page(prev) {
                let cl = self.chapter_layout(Position::new(prev, usize::MAX));
                let i = first_text_line_from(cl, n.saturating_sub(need.max(1))).unwrap_or(0);
                return Position::new(prev, line_start(cl, i));
            }
            need = need.saturating_sub(n + FLOW_GAP);
            if need == 0 {
                return Position::new(prev, 0);
            }
            ch = prev;
        }
    }

    /// The top of the page before the one starting at `pos`; from a chapter start that is the
    /// previous chapter's last page. `None` at the start of the book.
    fn page_before(&mut self, pos: Position) -> Option<Position> {
        let h = self.page_height();
        let continues = self.continues_page(pos.chapter);
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        if continues && line < h {
            return Some(self.flow_before(pos.chapter, line));
        }
        if last_text_line_before(cl, line).is_some() {
            let i = first_text_line_from(cl, line.saturating_sub(h))
                .filter(|&i| i < line)
                .or_else(|| last_text_line_before(cl, line))
                .unwrap_or(0);
            Some(Position::new(pos.chapter, line_start(cl, i)))
        } else if pos.chapter > 0 {
            Some(self.last_page_of(pos.chapter - 1))
        } else if pos.offset != 0 {
            Some(Position::START)
        } else {
            None
        }
    }

    /// The tops of the pages on screen: the top, then one page after it per extra column.
    fn column_tops(&mut self) -> Vec<Position> {
        let n = self.frame.columns.max(1);
        let mut tops = vec![self.top];
        while tops.len() < n {
            let Some(&last) = tops.last() else { break };
            match self.page_after(last) {
                Some(p) => tops.push(p),
                None => break,
            }
        }
        tops
    }

    /// Next page (or spread); false at the end of the book.
    pub fn next_page(&mut self) -> bool {
        let tops = self.column_tops();
        let n = self.frame.columns.max(1);
        let after = if tops.len() == n {
            tops.last().and_then(|&p| self.page_after(p))
        } else {
            None
        };
        match after {
            Some(p) => {
                self.top = p;
                true
            }
            None => {
                self.set_message(tr!(self.lang, "msg-book-end"), false);
                false
            }
        }
    }

    /// Previous page (or spread); false at the start of the book.
    pub fn prev_page(&mut self) -> bool {
        let n = self.frame.columns.max(1);
        let mut moved = false;
        for _ in 0..n {
            match self.page_before(self.top) {
                Some(p) => {
                    self.top = p;
                    moved = true;
                }
                None => break,
            }
        }
        if !moved {
            self.set_message(tr!(self.lang, "msg-book-start"), false);
        }
        moved
    }

    /// The top of the last page of chapter `ch`, pages counted from the chapter start.
    fn last_page_of(&mut self, ch: usize) -> Position {
        let h = self.page_height();
        let cl = self.chapter_layout(Position::new(ch, usize::MAX));
        let last = last_text_line_before(cl, cl.lines.len()).unwrap_or(0);
        let first = (last / h) * h;
        let i = first_text_line_from(cl, first).unwrap_or(0);
        Position::new(ch, line_start(cl, i))
    }

    pub fn line_down(&mut self) -> bool {
        let line = self.top_line();
        let ch = self.top.chapter;
        let cl = self.chapter_layout(self.top);
        if let Some(i) = first_text_line_from(cl, line + 1) {
            self.top = Position::new(ch, cl.lines[i].range.start);
            true
        } else if ch < self.last_chapter() {
            self.top = Position::new(ch + 1, 0);
            true
        } else {
            self.set_message(tr!(self.lang, "msg-book-end"), false);
            false
        }
    }

    pub fn line_up(&mut self) -> bool {
        let line = self.top_line();
        let ch = self.top.chapter;
        let h = self.page_height();
        let cl = self.chapter_layout(self.top);
        if let Some(i) = last_text_line_before(cl, line) {
            self.top = Position::new(ch, line_start(cl, i));
            true
        } else if ch > 0 {
            // Into a chapter the page flows from: one line up; else its last page.
            let back = if self.continues_page(ch) { 1 } else { h };
            let cl = self.chapter_layout(Position::new(ch - 1, usize::MAX));
            let end = cl.lines.len();
            let i = first_text_line_from(cl, end.saturating_sub(back)).unwrap_or(0);
            self.top = Position::new(ch - 1, line_start(cl, i));
            true
        } else if self.top.offset != 0 {
            self.top = Position::START;
            true
        } else {
            self.set_message(tr!(self.lang, "msg-book-start"), false);
            false
        }
    }

    pub fn next_chapter(&mut self) -> bool {
        if self.top.chapter < self.last_chapter() {
            self.top = Position::new(self.top.chapter + 1, 0);
            true
        } else {
            self.set_message(tr!(self.lang, "msg-last-chapter"), false);
            false
        }
    }

    pub fn prev_chapter(&mut self) -> bool {
        // Empty chapters (volumes that open at their first chapter) are passed over.
        let before = self.doc.chapters[..self.top.chapter.min(self.doc.chapters.len())]
            .iter()
            .rposition(|c| !c.range.is_empty());
        if let Some(prev) = before {
            self.top = Position::new(prev, 0);
            true
        } else if self.top.offset != 0 {
            self.top = Position::START;
            true
        } else {
            self.set_message(tr!(self.lang, "msg-first-chapter"), false);
            false
        }
    }

    /// Move to `to`, remembering where we were in the jump list.
    pub fn jump(&mut self, to: Position) {
        if to != self.top {
            self.jumps.record(self.top);
            self.top = to;
        }
    }

    /// Go to chapter `n` (1-based).
    pub fn goto_chapter(&mut self, n: usize) {
        let total = self.doc.chapters.len();
        if n == 0 || n > total {
            self.set_message(
                tr!(self.lang, "msg-no-chapter-total", n = n, total = total),
                true,
            );
            return;
        }
        self.jump(Position::new(n - 1, 0));
    }

    /// Go to the page holding the character at `percent` of the book (in bytes, as shown).
    pub fn goto_percent(&mut self, percent: f64) {
        if !(0.0..=100.0).contains(&percent) || percent.is_nan() {
            self.set_message(tr!(self.lang, "msg-percent-range"), true);
            return;
        }
        let pos = Position::at_percent(&self.doc, percent);
        let to = self.page_top_for(pos);
        self.jump(to);
    }

    /// The top of the page (counted from the chapter start) that shows `pos`.
    pub fn page_top_for(&mut self, pos: Position) -> Position {
        let h = self.page_height();
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        let first = (line / h) * h;
        let i = first_text_line_from(cl, first)
            .filter(|&i| i <= line)
            .unwrap_or(line);
        Position::new(pos.chapter, line_start(cl, i))
    }

    /// `pos` inside the book. An empty chapter (a volume that starts where its first chapter
    /// starts) is never shown: a place in it is the start of the next chapter with text.
    pub fn clamp(&self, pos: Position) -> Position {
        let Some(c) = self.doc.chapters.get(pos.chapter) else {
            return Position::new(self.last_chapter(), 0);
        };
        if c.range.is_empty()
            && let Some(next) = self.doc.chapters[pos.chapter..]
                .iter()
                .position(|c| !c.range.is_empty())
        {
            return Position::new(pos.chapter + next, 0);
        }
        let text = self.doc.chapter_text(pos.chapter);
        let mut off = pos.offset.min(c.range.len()).min(text.len());
        while off > 0 && !text.is_char_boundary(off) {
            off -= 1;
        }
        Position::new(pos.chapter, off)
    }

    /// Recompute what is visible.
    pub fn refresh(&mut self) {
        self.top = self.clamp(self.top);
        if self.frame.too_small {
            self.view = View::default();
            return;
        }
        let h = self.page_height();
        let carried = self.carried();
        let vertical = self.layout.display().vertical;
        let tops = self.column_tops();
        let mut columns = Vec::with_capacity(tops.len());
        let mut pages = Vec::new();
        let mut vis_start = None;
        let mut vis_end = self.doc.offset_of(self.top);
        let mut page_count = 1;
        for (c, top) in tops.iter().enumerate() {
            let ch = top.chapter;
            let chapter_start = self
                .doc
                .chapters
                .get(ch)
                .map(|c| c.range.start)
                .unwrap_or(0);
            let cl = self.layout.chapter_at(&self.doc, *top);
            let from = cl.line_of_offset(top.offset).min(cl.lines.len());
            let to = (from + h).min(cl.lines.len());
            let lines: Vec<Line> = cl.lines[from..to].to_vec();
            // The last text lines of the page before, above this one (none at a chapter start;
            // spacer rows are left out, so each carried row holds text).
            let mut before: Vec<(usize, Line)> = (0..from)
                .rev()
                .filter(|&i| cl.lines[i].kind != LineKind::Blank)
                .take(carried)
                .map(|i| (i, cl.lines[i].clone()))
                .collect();
            before.reverse();
            if c == 0 {
                page_count = cl.page_count();
            }
            // Page numbers only for columns of the first column's chapter.
            if ch == self.top.chapter
                && let Some(l) = lines.iter().find(|l| l.kind != LineKind::Blank)
            {
                pages.push(cl.page_of_offset(l.range.start) + 1);
            }
            for line in &lines {
                if line.kind != LineKind::Blank {
                    vis_start.get_or_insert(chapter_start + line.range.start);
                    vis_end = chapter_start + line.range.end;
                }
            }
            // A page that ends its chapter goes on with the chapters that continue it.
            let mut flowed: Vec<(usize, usize, Line)> = Vec::new();
            if !vertical && to == cl.lines.len() {
                let mut used = lines.len();
                let mut next = ch + 1;
                while used + FLOW_GAP < h && self.continues_page(next) {
                    let start = self.doc.chapters[next].range.start;
                    let ncl = self.layout.chapter_at(&self.doc, Position::new(next, 0));
                    flowed.push((
                        next,
                        usize::MAX,
                        Line {
                            range: 0..0,
                            kind: LineKind::Blank,
                            indent: 0,
                        },
                    ));
                    used += FLOW_GAP;
                    let take = (h - used).min(ncl.lines.len());
                    for (i, l) in ncl.lines[..take].iter().enumerate() {
                        if l.kind != LineKind::Blank {
                            vis_end = start + l.range.end;
                        }
                        flowed.push((next, i, l.clone()));
                    }
                    used += take;
                    if take < ncl.lines.len() {
                        break;
                    }
                    next += 1;
                }
            }
            let mut col = Vec::with_capacity(h);
            if vertical {
                // Rows across the page's columns (first column on the right).
                let span = lines.first().map(|l| l.range.start).unwrap_or(0)
                    ..lines.last().map(|l| l.range.end).unwrap_or(0);
                // Heading columns come first in a chapter, one run of them.
                let heads = lines.iter().filter(|l| l.kind == LineKind::Heading);
                let heading = heads.clone().map(|l| l.range.start).min().unwrap_or(0)
                    ..heads.map(|l| l.range.end).max().unwrap_or(0);
                for row in self.layout.vertical_rows(&self.doc, ch, from, to - from) {
                    col.push(ViewLine {
                        chapter: ch,
                        kind: LineKind::Body,
                        range: span.clone(),
                        glyphs: row,
                        chapter_start,
                        heading: heading.clone(),
                        carried: false,
                    });
                }
            } else {
                let page = lines.iter().enumerate().map(|(k, l)| (from + k, l.clone()));
                let shown = before.iter().cloned().chain(page);
                for (k, (i, line)) in shown.enumerate() {
                    col.push(ViewLine {
                        chapter: ch,
                        kind: line.kind,
                        range: line.range,
                        glyphs: self.layout.glyphs_of_line(&self.doc, ch, i),
                        chapter_start,
                        heading: 0..0,
                        carried: k < before.len(),
                    });
                }
                for (next, i, line) in flowed {
                    let glyphs = if i == usize::MAX {
                        GlyphLine::default()
                    } else {
                        self.layout.glyphs_of_line(&self.doc, next, i)
                    };
                    col.push(ViewLine {
                        chapter: next,
                        kind: line.kind,
                        range: line.range,
                        glyphs,
                        chapter_start: self.doc.chapters[next].range.start,
                        heading: 0..0,
                        carried: false,
                    });
                }
            }
            columns.push(col);
        }
        if vertical {
            // A vertical book is read right to left: its first page is the right-hand one.
            columns.reverse();
            pages.reverse();
        }
        let vis_start = vis_start.unwrap_or(vis_end);
        self.view = View {
            columns,
            pages,
            page_count,
            visible: vis_start..vis_end.max(vis_start),
        };
    }
}
/// Blank lines between a chapter and the one that continues its page.
const FLOW_GAP: usize = 1;

/// First non-spacer line at or after `idx`.
fn first_text_line_from(cl: &ChapterLayout, idx: usize) -> Option<usize> {
    cl.lines
        .get(idx..)?
        .iter()
        .position(|l| l.kind != LineKind::Blank)
        .map(|i| i + idx)
}

/// Last non-spacer line before `idx`.
fn last_text_line_before(cl: &ChapterLayout, idx: usize) -> Option<usize> {
    let end = idx.min(cl.lines.len());
    cl.lines[..end]
        .iter()
        .rposition(|l| l.kind != LineKind::Blank)
}

fn line_start(cl: &ChapterLayout, i: usize) -> usize {
    cl.lines.get(i).map(|l| l.range.start).unwrap_or(0)
}
