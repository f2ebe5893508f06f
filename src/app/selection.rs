//! Selecting text, copying it and highlighting it: the `Select` mode (`v`, or a mouse drag) with
//! its anchor and cursor, the cursor's moves (character, line, word, paragraph, page), the text
//! a selection shows, highlights made from it, and what the page marks (selection, highlights).
//!
//! Anchor and cursor are `Position`s in source offsets, like every place in the book. Moves
//! walk the text as the view shows it (clean view, script: `view::ViewCache` and its
//! `OffsetMap`, text moves in `motion`), so the cursor never lands on something the view hides,
//! and what is copied is the view's text. The page follows the cursor across pages and
//! chapters. No drawing and no terminal I/O: a copy queues an `Effect` that `tui` carries out
//! (OSC 52, a system clipboard). The note editor itself is not here (`open_note_editor`).

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::style::{Modifier, Style};

use super::App;
use super::motion;
use super::theme::Theme;
use crate::i18n::tr;
use crate::keys::{Action, Mode};
use crate::layout::LineKind;
use crate::position::Position;
use crate::view::{ChapterView, ViewCache, ViewOptions};

/// A drag continues the press before it only when the mouse went down or moved this recently.
const DRAG_GAP: Duration = Duration::from_secs(2);

/// The mode of selecting.
pub const MODE: Mode = Mode::Select;

/// What the reader says while selecting (kept together, short), in the reader's language.
mod say {
    use crate::i18n::{Lang, tr};

    pub fn selecting(lang: Lang, chars: usize) -> String {
        tr!(lang, "status-selecting", count = chars)
    }
    pub fn copied(lang: Lang, chars: usize) -> String {
        tr!(lang, "msg-copied", count = chars)
    }
    pub fn copied_paragraph(lang: Lang, chars: usize) -> String {
        tr!(lang, "msg-copied-paragraph", count = chars)
    }
    pub fn highlighted(lang: Lang, chars: usize, colour: u8) -> String {
        let colour = usize::from(colour) + 1;
        tr!(lang, "msg-highlighted", count = chars, colour = colour)
    }
    pub const NOTHING_SELECTED: &str = "msg-nothing-to-copy";
    pub const NO_STORE: &str = "msg-highlights-need-file";
}

/// Something the app asks of the terminal layer (which drains them after every update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
}

/// Text for the clipboard: what a pasted copy must not carry (control characters, bidi
/// overrides: a paste into a terminal would act on them) becomes U+FFFD, as on the page.
fn for_clipboard(text: &str) -> String {
    crate::document::normalize::visible(&text.replace("\r\n", "\n")).into_owned()
}

/// Anchor and cursor of a selection (source positions of the characters at both ends, both
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: Position,
    pub cursor: Position,
}

/// The selection state of the reader and what the page marks for it.
#[derive(Debug, Default)]
pub struct Selecting {
    /// The selection, while selecting.
    pub active: Option<Selection>,
    /// Absolute byte range selected and the cursor's absolute offset (for drawing).
    shown: Option<(Range<usize>, usize)>,
    /// Characters selected, as shown.
    chars: usize,
    effects: Vec<Effect>,
    /// Chapter views for moves and copies, built for these options and this book.
    views: Option<(ViewOptions, (usize, usize), ViewCache)>,
    /// The colour slot the highlight key uses (the one chosen last).
    colour: u8,
    /// Where the left button went down, the top of the page before that click turned it, and
    /// when the mouse last went down or moved (a drag long after is no drag from there).
    press: Option<(u16, u16, Position, Instant)>,
}

/// What the page shows marked: the selection, its cursor and the highlights on screen
/// (absolute byte offsets of the book's text).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    selection: Option<Range<usize>>,
    cursor: Option<usize>,
    highlights: Vec<(Range<usize>, u8)>,
}

impl Marks {
    /// `base` with the marks at absolute offset `at`: a highlight's colour, the selection over
    /// it, the cursor over both.
    pub fn patch(&self, base: Style, theme: &Theme, at: usize) -> Style {
        let mut s = base;
        if let Some((_, c)) = self.highlights.iter().rev().find(|(r, _)| r.contains(&at)) {
            s = s.patch(theme.highlight(*c));
        }
        if self.selection.as_ref().is_some_and(|r| r.contains(&at)) {
            s = s.patch(theme.selection);
        }
        if self.cursor == Some(at) {
            s = s.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        s
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.selection.is_none() && self.highlights.is_empty()
    }
}

impl App {
    /// Text the terminal layer should put on the clipboard, oldest first (taking them clears
    /// the queue).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.select.effects)
    }

    /// The selection, while selecting.
    pub fn selection(&self) -> Option<Selection> {
        self.select.active
    }

    /// The status bar's word while selecting.
    pub fn selection_status(&self) -> Option<String> {
        self.select
            .active
            .map(|_| say::selecting(self.lang(), self.select.chars))
    }

    /// What the page marks: the selection and the highlights of the chapters on screen.
    pub fn page_marks(&self) -> Marks {
        let mut marks = Marks::default();
        if let Some((range, cursor)) = &self.select.shown {
            marks.selection = Some(range.clone());
            marks.cursor = Some(*cursor);
        }
        let Some(session) = self.shelf.session.as_ref() else {
            return marks;
        };
        let doc = &self.reader.doc;
        let mut chapters: Vec<usize> = self
            .view()
            .columns
            .iter()
            .flatten()
            .map(|l| l.chapter)
            .collect();
        chapters.dedup();
        chapters.sort_unstable();
        chapters.dedup();
        for ch in chapters {
            let start = doc.chapters.get(ch).map_or(0, |c| c.range.start);
            for span in session.highlights_in(doc, ch) {
                let r = start + span.range.start..start + span.range.end;
                marks.highlights.push((r, span.colour));
            }
        }
        marks
    }

    // ----- the view's text -----

    /// Chapter `ch` as the view shows it (text and offset map), built once per view.
    fn shown(&mut self, ch: usize) -> Arc<ChapterView> {
        let opts = self.display().view;
        let key = (self.reader.doc.text.len(), self.reader.doc.chapters.len());
        let fresh = !matches!(&self.select.views, Some((o, k, _)) if *o == opts && *k == key);
        if fresh {
            self.select.views = Some((opts, key, ViewCache::new(opts)));
        }
        let doc = &self.reader.doc;
        match &mut self.select.views {
            Some((_, _, cache)) => cache.chapter(doc, ch),
            None => ViewCache::new(opts).chapter(doc, ch),
        }
    }

    /// The first visible character at or after `pos` (into later chapters when needed).
    fn visible_from(&mut self, pos: Position) -> Option<Position> {
        let mut ch = pos.chapter;
        let mut from = Some(pos.offset);
        while ch < self.reader.doc.chapters.len() {
            let cv = self.shown(ch);
            let v = from.map_or(0, |o| cv.map.to_view(o));
            if let Some(i) = motion::first_visible(cv.text(), v) {
                return Some(Position::new(ch, cv.map.to_source(i)));
            }
            ch += 1;
            from = None;
        }
        None
    }

    /// The last visible character of the chapters before `ch`.
    fn visible_before_chapter(&mut self, ch: usize) -> Option<Position> {
        for c in (0..ch).rev() {
            let cv = self.shown(c);
            if let Some(i) = motion::last_visible(cv.text(), cv.text().len()) {
                return Some(Position::new(c, cv.map.to_source(i)));
            }
        }
        None
    }

    /// A move through the view's text of `pos`'s chapter, on into the next or previous chapter
    /// at its ends. A step that lands on the same source character (a view that shows one
    /// source character as several) steps again.
    fn step(
        &mut self,
        pos: Position,
        forward: bool,
        f: fn(&str, usize) -> Option<usize>,
    ) -> Option<Position> {
        let cv = self.shown(pos.chapter);
        let mut v = cv.map.to_view(pos.offset);
        loop {
            match f(cv.text(), v) {
                Some(n) => {
                    let src = cv.map.to_source(n);
                    let moved = if forward {
                        src > pos.offset
                    } else {
                        src < pos.offset
                    };
                    if moved {
                        return Some(Position::new(pos.chapter, src));
                    }
                    if n == v {
                        return None;
                    }
                    v = n;
                }
                None if forward => {
                    return self.visible_from(Position::new(pos.chapter + 1, 0));
                }
                None => return self.visible_before_chapter(pos.chapter),
            }
        }
    }

    /// The cursor a line (a column in vertical pages) down or up, at the same column.
    fn line_move(&mut self, pos: Position, down: bool) -> Option<Position> {
        let text_line = |l: &&crate::layout::Line| l.kind != LineKind::Blank;
        let (current, next) = {
            let cl = self.reader.layout_at(pos);
            let i = cl.line_of_offset(pos.offset);
            let current = cl.lines.get(i)?.range.clone();
            let next = if down {
                cl.lines.iter().skip(i + 1).find(text_line)
            } else {
                cl.lines[..i.min(cl.lines.len())]
                    .iter()
                    .rev()
                    .find(text_line)
            };
            (current, next.map(|l| l.range.clone()))
        };
        let last = self.reader.doc.chapters.len().saturating_sub(1);
        let (ch, target) = match next {
            Some(r) => (pos.chapter, r),
            None if down && pos.chapter < last => {
                let at = Position::new(pos.chapter + 1, 0);
                let cl = self.reader.layout_at(at);
                (at.chapter, cl.lines.iter().find(text_line)?.range.clone())
            }
            None if !down && pos.chapter > 0 => {
                let at = Position::new(pos.chapter - 1, usize::MAX);
                let cl = self.reader.layout_at(at);
                (
                    at.chapter,
                    cl.lines.iter().rev().find(text_line)?.range.clone(),
                )
            }
            None => return None,
        };
        let cv = self.shown(pos.chapter);
        let col = motion::column(
            cv.text(),
            cv.map.to_view(current.start),
            cv.map.to_view(pos.offset),
        );
        let tv = self.shown(ch);
        let (from, end) = (tv.map.to_view(target.start), tv.map.to_view(target.end));
        let v = motion::at_column(tv.text(), from, end, col);
        let v = motion::first_visible(tv.text(), v)
            .filter(|&i| i < end)
            .unwrap_or(v);
        Some(Position::new(ch, tv.map.to_source(v)))
    }

    /// The first or last visible character of the cursor's line.
    fn line_end(&mut self, pos: Position, end: bool) -> Option<Position> {
        let range = {
            let cl = self.reader.layout_at(pos);
            let i = cl.line_of_offset(pos.offset);
            cl.lines.get(i)?.range.clone()
        };
        let cv = self.shown(pos.chapter);
        let (from, to) = (cv.map.to_view(range.start), cv.map.to_view(range.end));
        let v = if end {
            motion::last_visible(cv.text(), to).filter(|&i| i >= from)?
        } else {
            motion::first_visible(cv.text(), from).filter(|&i| i < to.max(from + 1))?
        };
        Some(Position::new(pos.chapter, cv.map.to_source(v)))
    }

    /// The end (exclusive, source offset) of the character at `pos` as the view shows it.
    fn char_end(&mut self, pos: Position) -> usize {
        let cv = self.shown(pos.chapter);
        let v = cv.map.to_view(pos.offset);
        let end = cv.map.to_source(motion::char_end(cv.text(), v));
        if end > pos.offset {
            return end;
        }
        let src = self.reader.doc.chapter_text(pos.chapter);
        let next = src
            .get(pos.offset..)
            .and_then(|t| t.chars().next())
            .map_or(0, char::len_utf8);
        pos.offset + next
    }

    /// The selection's two ends in reading order.
    fn ordered(&self, s: Selection) -> (Position, Position) {
        let doc = &self.reader.doc;
        if doc.offset_of(s.anchor) <= doc.offset_of(s.cursor) {
            (s.anchor, s.cursor)
        } else {
            (s.cursor, s.anchor)
        }
    }

    /// The selected text as the view shows it: the view's text of each chapter from the first
    /// selected character to the last (chapters joined by a line break).
    pub fn selected_text(&mut self) -> String {
        let Some(s) = self.select.active else {
            return String::new();
        };
        let (lo, hi) = self.ordered(s);
        let mut parts = Vec::new();
        for ch in lo.chapter..=hi.chapter {
            let cv = self.shown(ch);
            let t = cv.text();
            let start = if ch == lo.chapter {
                cv.map.to_view(lo.offset)
            } else {
                0
            };
            let end = if ch == hi.chapter {
                motion::char_end(t, cv.map.to_view(hi.offset))
            } else {
                t.len()
            };
            parts.push(t.get(start..end.max(start)).unwrap_or("").to_string());
        }
        parts.join("\n")
    }

    // ----- entering and leaving -----

    /// Start selecting at the first character of the page.
    pub(super) fn start_select(&mut self) {
        let top = self.reader.top();
        match self.visible_from(top) {
            Some(p) => self.select_at(p, p),
            None => self.set_message(tr!(self.lang(), say::NOTHING_SELECTED), false),
        }
    }

    fn select_at(&mut self, anchor: Position, cursor: Position) {
        self.select.active = Some(Selection { anchor, cursor });
        self.select_follow();
    }

    /// Stop selecting.
    pub(super) fn end_select(&mut self) {
        self.select.active = None;
        self.select.shown = None;
        self.select.chars = 0;
    }

    /// After the cursor moved: the page follows it, and what is marked and counted is updated.
    fn select_follow(&mut self) {
        let Some(s) = self.select.active else {
            return;
        };
        self.reader.refresh();
        let abs = self.reader.doc.offset_of(s.cursor);
        if !self.reader.view_holds(abs) {
            let top = self.reader.page_top_for(s.cursor);
            self.reader.set_top(top);
        }
        let (lo, hi) = self.ordered(s);
        let end = Position::new(hi.chapter, self.char_end(hi));
        let doc = &self.reader.doc;
        self.select.shown = Some((doc.offset_of(lo)..doc.offset_of(end), abs));
        self.select.chars = self.selected_text().chars().count();
    }

    // ----- update -----

    /// A key while selecting.
    pub(super) fn update_select(&mut self, action: Action) {
        let Some(s) = self.select.active else {
            return;
        };
        let vertical = self.display().vertical;
        // In vertical pages a line is a column: down/up run along it, left/right across.
        let action = match action {
            Action::CursorDown if vertical => Action::CursorRight,
            Action::CursorUp if vertical => Action::CursorLeft,
            Action::CursorLeft if vertical => Action::CursorDown,
            Action::CursorRight if vertical => Action::CursorUp,
            other => other,
        };
        let c = s.cursor;
        let moved = match action {
            Action::CursorRight => self.step(c, true, motion::next_char),
            Action::CursorLeft => self.step(c, false, motion::prev_char),
            Action::CursorDown => self.line_move(c, true),
            Action::CursorUp => self.line_move(c, false),
            Action::WordNext => self.step(c, true, motion::next_word),
            Action::WordPrev => self.step(c, false, motion::prev_word),
            Action::ParagraphNext => self.step(c, true, motion::next_paragraph),
            Action::ParagraphPrev => self.step(c, false, motion::prev_paragraph),
            Action::LineStart => self.line_end(c, false),
            Action::LineEnd => self.line_end(c, true),
            Action::NextPage | Action::PrevPage => {
                self.reader.navigate(&action, None);
                self.reader.refresh();
                let top = self.reader.top();
                self.visible_from(top)
            }
            Action::SwapEnds => {
                self.select.active = Some(Selection {
                    anchor: s.cursor,
                    cursor: s.anchor,
                });
                None
            }
            Action::Select => {
                self.select.active = Some(Selection {
                    anchor: c,
                    cursor: c,
                });
                None
            }
            Action::Copy => return self.copy_selection(),
            Action::CopyParagraph => {
                self.end_select();
                return self.copy_paragraph(c);
            }
            Action::Highlight => return self.highlight_selection(self.select.colour, false),
            Action::HighlightFirst => return self.highlight_selection(0, false),
            Action::HighlightSecond => return self.highlight_selection(1, false),
            Action::HighlightThird => return self.highlight_selection(2, false),
            Action::HighlightFourth => return self.highlight_selection(3, false),
            Action::HighlightNote => return self.highlight_selection(self.select.colour, true),
            Action::Close => return self.end_select(),
            Action::Help => {
                self.open_help();
                return;
            }
            Action::Click { column, row } => {
                self.note_press(column, row);
                if let Some(p) = self.position_at(column, row) {
                    self.select.active = Some(Selection {
                        anchor: p,
                        cursor: p,
                    });
                }
                None
            }
            Action::Drag { column, row } => self.position_at(column, row),
            Action::Wheel { .. } => {
                self.reader.navigate(&action, None);
                return;
            }
            _ => return,
        };
        if let (Some(p), Some(sel)) = (moved, self.select.active) {
            self.select.active = Some(Selection {
                cursor: p,
                anchor: sel.anchor,
            });
        }
        self.select_follow();
    }

    /// `y`: copy the selection, then stop selecting.
    fn copy_selection(&mut self) {
        let text = self.selected_text();
        let n = text.chars().count();
        self.end_select();
        self.select.effects.push(Effect::Copy(for_clipboard(&text)));
        self.set_message(say::copied(self.lang(), n), false);
    }

    /// `Y` in the reader: copy the paragraph at the top of the page, or, when the page starts
    /// with a heading, the first paragraph of text after it (a heading alone is rarely what a
    /// reader wants to quote).
    pub(super) fn copy_page_paragraph(&mut self) {
        let at = self.text_after_top_heading().unwrap_or(self.reader.top());
        self.copy_paragraph(at);
    }

    /// Where the text after the heading at the top of the page starts, when the page's first
    /// line is a heading (in vertical pages: when the page holds heading columns).
    fn text_after_top_heading(&self) -> Option<Position> {
        let view = self.reader.view();
        let mut lines = view
            .columns
            .iter()
            .flatten()
            .filter(|l| !l.carried && l.kind != LineKind::Blank && !l.glyphs.is_empty());
        let first = lines.next()?;
        if !first.heading.is_empty() {
            return Some(Position::new(first.chapter, first.heading.end));
        }
        if first.kind != LineKind::Heading {
            return None;
        }
        let mut heading_end = first.range.end;
        for l in lines {
            match l.kind {
                LineKind::Heading if l.chapter == first.chapter => heading_end = l.range.end,
                LineKind::Body => return Some(Position::new(l.chapter, l.range.start)),
                _ => {}
            }
        }
        // The heading ends the page: the text after it, on the next.
        Some(Position::new(first.chapter, heading_end))
    }

    /// `Y`: copy the paragraph holding `pos` (in selection: the cursor's).
    pub(super) fn copy_paragraph(&mut self, pos: Position) {
        let Some(pos) = self.visible_from(pos) else {
            return self.set_message(tr!(self.lang(), say::NOTHING_SELECTED), false);
        };
        let cv = self.shown(pos.chapter);
        let r = motion::paragraph_range(cv.text(), cv.map.to_view(pos.offset));
        let text = cv.text().get(r).unwrap_or("").to_string();
        let n = text.chars().count();
        self.select.effects.push(Effect::Copy(for_clipboard(&text)));
        self.set_message(say::copied_paragraph(self.lang(), n), false);
    }

    /// Highlight the selection in colour slot `colour` (and remember the colour for the
    /// highlight key); with `note`, then ask for a note. Selecting ends.
    fn highlight_selection(&mut self, colour: u8, note: bool) {
        let Some(s) = self.select.active else {
            return;
        };
        let (lo, hi) = self.ordered(s);
        let end = Position::new(hi.chapter, self.char_end(hi));
        let chars = self.select.chars;
        self.end_select();
        self.select.colour = colour;
        let doc = &self.reader.doc;
        let Some(session) = self.shelf.session.as_mut() else {
            let text = tr!(self.lang(), say::NO_STORE);
            return self.set_message(text, false);
        };
        let Some(id) = session.add_highlight(doc, lo, end, colour, None) else {
            return;
        };
        self.save_now();
        self.set_message(say::highlighted(self.lang(), chars, colour), false);
        if note {
            self.open_new_note_editor(id);
        }
    }

    // ----- the mouse -----

    /// A left click in the reader: remember where (a drag from there selects) and where the
    /// page was before the click turned it.
    pub(super) fn note_press(&mut self, column: u16, row: u16) {
        self.select.press = Some((column, row, self.reader.top(), Instant::now()));
    }

    /// The mouse dragged with the left button down: select from where it went down (the page
    /// the click turned is turned back) to here.
    pub(super) fn drag_select(&mut self, column: u16, row: u16) {
        let Some((c0, r0, top, at)) = self.select.press else {
            return;
        };
        if at.elapsed() > DRAG_GAP {
            self.select.press = None;
            return;
        }
        self.select.press = Some((c0, r0, top, Instant::now()));
        if self.reader.top() != top {
            self.reader.set_top(top);
        }
        let (Some(a), Some(b)) = (self.position_at(c0, r0), self.position_at(column, row)) else {
            return;
        };
        self.select_at(a, b);
    }

    /// The character painted at screen cell (`column`, `row`), or the nearest one on its line.
    fn position_at(&self, column: u16, row: u16) -> Option<Position> {
        let g = self.geometry();
        let (rect, lines) = g
            .columns
            .iter()
            .zip(&self.view().columns)
            .find(|(r, _)| r.contains(ratatui::layout::Position::new(column, row)))?;
        let line = lines.get(usize::from(row - rect.y))?;
        if line.kind == LineKind::Blank {
            return None;
        }
        let mut x = rect.x;
        let mut last = None;
        for glyph in line.glyphs.iter() {
            if glyph.width == 0 {
                continue;
            }
            if !glyph.text.trim().is_empty() {
                last = Some(glyph.offset);
                if column < x + glyph.width as u16 {
                    break;
                }
            }
            x += glyph.width as u16;
        }
        last.map(|o| Position::new(line.chapter, o))
    }
}
