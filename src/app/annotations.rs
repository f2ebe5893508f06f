//! The reader's side of highlights and notes: the list of highlights (`H`: jump, edit the
//! note, delete with undo, type to filter) with its keymap modes (`Highlights`,
//! `HighlightsFilter`), the note editor popup (`open_note_editor`, mode `NoteEditor`; its text
//! is `note_edit`), the note marks a page shows, and `e`, which opens the note on the page.
//!
//! State changes only; drawn by `ui`. Highlights are read from and saved through the book's
//! store session. Editing in `$VISUAL`/`$EDITOR` is asked of the terminal layer
//! (`take_external_edit`, `external_edit_done`): this module never touches the terminal, a
//! file or the environment. Names no key itself: hints come from the keymap.

use ratatui::layout::Rect;

use super::list::{ListEvent, ListState};
use super::note_edit::{NoteText, rows};
use super::{App, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};
use crate::position::Position;
use crate::store::highlight::MAX_NOTE_CHARS;

/// The mode of the highlight list.
pub const LIST_MODE: Mode = Mode::Highlights;
/// The mode of the note editor.
pub const EDITOR_MODE: Mode = Mode::NoteEditor;

/// What the screen says (kept together; short): keys of the locale files.
mod say {
    pub const NO_STORE: &str = "msg-highlights-need-file";
    pub const NO_HIGHLIGHTS: &str = "msg-no-highlights";
    pub const NO_NOTE_HERE: &str = "msg-no-highlight-here";
    pub const NO_MATCH: &str = "msg-no-highlight-filter";
    pub const NOTE_SAVED: &str = "msg-note-saved";
    pub const NOTE_REMOVED: &str = "msg-note-removed";
    pub const NOTE_UNCHANGED: &str = "msg-note-unchanged";
    pub const NOTE_FULL: &str = "msg-note-full";
    pub const NO_EDITOR: &str = "msg-no-editor";
    pub const ORPHANED: &str = "msg-orphaned";
    pub const NOTHING_TO_UNDO: &str = "msg-nothing-to-undo";
    pub const RESTORED: &str = "msg-highlight-restored";
}

/// One highlight in the list, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightRow {
    pub id: String,
    /// The chapter it starts in, as the page shows titles.
    pub chapter: String,
    /// The words it covers, as the page shows them.
    pub quote: String,
    pub note: Option<String>,
    /// Its words are not in this text (kept, listed, not drawn).
    pub orphaned: bool,
    pub position: Position,
}

/// The highlight list: the filter typed, whether it is being typed, the selection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HighlightsState {
    pub filter: String,
    pub filtering: bool,
    pub list: ListState,
}

impl HighlightsState {
    /// The keymap mode while the list is open.
    pub fn mode(&self) -> Mode {
        if self.filtering {
            Mode::HighlightsFilter
        } else {
            Mode::Highlights
        }
    }
}

/// The note editor popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    /// The highlight whose note this is.
    pub id: String,
    /// The words highlighted, as the page shows them (the popup's first line).
    pub quote: String,
    pub chapter: String,
    pub note: NoteText,
    /// First row of the text shown.
    pub scroll: usize,
    /// The highlight was made for this note a moment ago (`A`): cancelling the note takes
    /// the highlight away too.
    pub fresh: bool,
}

/// A request to the terminal layer: edit `text` in `program` and give back what was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalEdit {
    pub program: String,
    pub text: String,
}

/// The reader's highlight and note state.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub editor: Option<NoteEditor>,
    /// `$VISUAL` or `$EDITOR`, as the terminal layer found it.
    program: Option<String>,
    /// An edit in `program` the terminal layer has not run yet.
    external: Option<ExternalEdit>,
    /// The highlight deleted last (for undo).
    deleted: Option<String>,
}

/// The editor's box: as wide as the help box, up to 14 rows, in the middle of the pages.
pub fn editor_box(screen: Rect) -> Rect {
    let w = screen.width.min(72);
    let h = screen.height.saturating_sub(1).min(14);
    let y = (screen.height.saturating_sub(1) - h) / 2;
    Rect::new((screen.width - w) / 2, y, w, h)
}

/// Where the note's text goes in the editor box: inside the border, below the quote and a
/// blank row.
pub fn editor_text_area(screen: Rect) -> Rect {
    let b = super::geometry::inner(editor_box(screen));
    Rect::new(
        b.x,
        b.y.saturating_add(2).min(b.bottom()),
        b.width,
        b.height.saturating_sub(2),
    )
}

impl App {
    /// Editing in another program is offered with `program` (`$VISUAL` or `$EDITOR`; `None`:
    /// not offered). Set by the terminal layer.
    pub fn set_external_editor(&mut self, program: Option<String>) {
        self.annotations.program = program.filter(|p| !p.trim().is_empty());
    }

    /// Whether the note editor offers another program.
    pub fn has_external_editor(&self) -> bool {
        self.annotations.program.is_some()
    }

    /// The note editor, when it is open.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.annotations.editor.as_ref()
    }

    /// The edit in `$EDITOR` the reader asked for, for the terminal layer to run (once).
    pub fn take_external_edit(&mut self) -> Option<ExternalEdit> {
        self.annotations.external.take()
    }

    /// What the external editor gave back: the new note (saved at once) or why there is none
    /// (the note stays as it was and the popup stays open).
    pub fn external_edit_done(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                if let Some(ed) = self.annotations.editor.as_mut() {
                    ed.note = NoteText::new(text.trim_end());
                }
                self.save_note();
            }
            Err(why) => self.set_message(why, true),
        }
    }

    /// Close the list and the editor (another book is opened).
    pub(super) fn close_annotations(&mut self) {
        self.annotations.editor = None;
        self.annotations.external = None;
        self.annotations.deleted = None;
    }

    /// Open the note editor on highlight `id` (its note, or an empty one). Nothing opens for
    /// an id the book does not have.
    pub fn open_note_editor(&mut self, id: String) {
        let Some(row) = self.highlight_rows().into_iter().find(|r| r.id == id) else {
            return;
        };
        let note = NoteText::new(row.note.as_deref().unwrap_or(""));
        self.annotations.editor = Some(NoteEditor {
            id,
            quote: row.quote,
            chapter: row.chapter,
            note,
            scroll: 0,
            fresh: false,
        });
        self.scroll_editor();
    }

    /// Open the note editor on highlight `id` made a moment ago for this note: Esc there
    /// takes the highlight away again (with undo in the highlight list).
    pub(super) fn open_new_note_editor(&mut self, id: String) {
        self.open_note_editor(id);
        if let Some(ed) = self.annotations.editor.as_mut() {
            ed.fresh = true;
        }
    }

    /// Esc in the note editor opened by `A`: the highlight made for the note goes, and the
    /// message says so and how to bring it back.
    fn cancel_new_highlight(&mut self, id: &str) {
        let Some(row) = self.highlight_rows().into_iter().find(|r| r.id == id) else {
            return;
        };
        if let Some(s) = self.shelf.session.as_mut() {
            s.delete_highlight(&row.id);
        }
        self.annotations.deleted = Some(row.id.clone());
        let list = self.keymap.key_label(Mode::Reader, &Action::HighlightList);
        let undo = self.keymap.key_label(LIST_MODE, &Action::UndoDelete);
        // The list (where undo is) opens only while the book has a highlight.
        let others = !self.highlight_rows().is_empty();
        let text = match (list, undo) {
            (Some(list), Some(key)) if others => {
                tr!(
                    self.lang(),
                    "msg-highlight-cancelled-undo",
                    list = list,
                    key = key
                )
            }
            _ => tr!(self.lang(), "msg-highlight-cancelled"),
        };
        self.set_message(text, false);
        self.save_now();
    }

    /// Every live highlight of the book, found ones in reading order, then the orphaned ones.
    pub fn highlight_rows(&self) -> Vec<HighlightRow> {
        let Some(session) = &self.shelf.session else {
            return Vec::new();
        };
        let doc = &self.reader.doc;
        let view = self.display().view;
        let mut rows: Vec<HighlightRow> = session
            .highlights()
            .into_iter()
            .map(|h| HighlightRow {
                id: h.id.clone(),
                chapter: doc
                    .chapters
                    .get(h.start.position.chapter)
                    .map(|c| c.title.as_str())
                    .map_or_else(
                        || view.apply_to_title(&h.start.chapter_title),
                        |t| view.apply_to_title(t),
                    ),
                quote: view.apply_to_title(&h.quote),
                note: h.note.clone(),
                orphaned: session.is_orphaned(&h.id),
                position: h.start.position,
            })
            .collect();
        rows.sort_by_key(|r| r.orphaned);
        rows
    }

    /// The rows the list shows: those the filter lets through.
    pub fn highlight_rows_shown(&self) -> Vec<HighlightRow> {
        let filter = match &self.overlay {
            Overlay::Highlights(s) => s.filter.as_str(),
            _ => "",
        };
        let matches = |s: &str| super::toc::title_matches(s, filter);
        self.highlight_rows()
            .into_iter()
            .filter(|r| {
                filter.is_empty()
                    || matches(&r.quote)
                    || matches(&r.chapter)
                    || r.note.as_deref().is_some_and(matches)
            })
            .collect()
    }

    /// The status line says message `key` of the locale files, in the reader's language.
    fn say_key(&mut self, key: &str, error: bool) {
        self.set_message(tr!(self.lang(), key), error);
    }

    pub(super) fn open_highlights(&mut self) {
        if self.shelf.session.is_none() {
            self.say_key(say::NO_STORE, false);
            return;
        }
        let rows = self.highlight_rows();
        if rows.is_empty() {
            self.say_key(say::NO_HIGHLIGHTS, false);
            return;
        }
        // Start on the last highlight at or before the page top.
        let top = self.reader.top();
        let selected = rows
            .iter()
            .rposition(|r| !r.orphaned && r.position <= top)
            .unwrap_or(0);
        self.overlay = Overlay::Highlights(HighlightsState {
            list: ListState::showing(selected, self.list_rows(), rows.len()),
            ..HighlightsState::default()
        });
    }

    /// An action in the highlight list.
    pub(super) fn update_highlights(&mut self, action: Action) {
        let rows = self.highlight_rows_shown();
        let area = self.panel_area();
        let Overlay::Highlights(state) = &mut self.overlay else {
            return;
        };
        match state.list.handle(&action, area, rows.len()) {
            ListEvent::Moved => return,
            ListEvent::Outside => {
                self.overlay = Overlay::None;
                return;
            }
            ListEvent::Chosen(None) => {
                self.say_key(say::NO_MATCH, true);
                return;
            }
            ListEvent::Chosen(Some(i)) => {
                self.overlay = Overlay::None;
                let row = &rows[i];
                let to = self.reader.clamp(row.position);
                self.reader.jump(to);
                if row.orphaned {
                    self.say_key(say::ORPHANED, false);
                }
                return;
            }
            ListEvent::Other => {}
        }
        let selected = rows.get(state.list.selected).cloned();
        match action {
            Action::StartFilter => state.filtering = true,
            Action::Insert(_) | Action::Paste(_) | Action::DeleteBack => {
                if !matches!(action, Action::DeleteBack) {
                    state.filtering = true;
                }
                if super::list::type_into_filter(&mut state.filter, &action) {
                    state.list = ListState::default();
                }
            }
            Action::Close if state.filtering => state.filtering = false,
            Action::Close if !state.filter.is_empty() => {
                state.filter.clear();
                state.list = ListState::default();
            }
            Action::Close | Action::HighlightList => self.overlay = Overlay::None,
            Action::EditNote => {
                if let Some(row) = selected {
                    self.open_note_editor(row.id);
                }
            }
            Action::DeleteBookmark => {
                if let Some(row) = selected {
                    self.delete_highlight(&row);
                }
            }
            Action::UndoDelete => self.undo_highlight_delete(),
            Action::Help => self.open_help(),
            _ => {}
        }
        self.after_highlights_change();
    }

    fn delete_highlight(&mut self, row: &HighlightRow) {
        if let Some(s) = self.shelf.session.as_mut() {
            s.delete_highlight(&row.id);
        }
        self.annotations.deleted = Some(row.id.clone());
        let quote: String = row.quote.chars().take(20).collect();
        let cut = if quote.len() < row.quote.len() {
            "…"
        } else {
            ""
        };
        let quote = format!("{quote}{cut}");
        let text = match self.keymap.key_label(LIST_MODE, &Action::UndoDelete) {
            Some(k) => tr!(
                self.lang(),
                "msg-highlight-deleted-undo",
                quote = quote,
                key = k
            ),
            None => tr!(self.lang(), "msg-highlight-deleted", quote = quote),
        };
        self.set_message(text, false);
        self.save_now();
    }

    fn undo_highlight_delete(&mut self) {
        let Some(id) = self.annotations.deleted.take() else {
            self.say_key(say::NOTHING_TO_UNDO, false);
            return;
        };
        if let Some(s) = self.shelf.session.as_mut() {
            s.restore_highlight(&id);
        }
        self.say_key(say::RESTORED, false);
        self.save_now();
        let rows = self.highlight_rows_shown();
        if let Overlay::Highlights(state) = &mut self.overlay
            && let Some(i) = rows.iter().position(|r| r.id == id)
        {
            state.list.selected = i;
        }
    }

    /// Keep the list's selection valid and on screen after rows came, went or were filtered;
    /// close it when the book has no highlight left.
    fn after_highlights_change(&mut self) {
        let n = self.highlight_rows_shown().len();
        let empty = self.highlight_rows().is_empty();
        let visible = self.list_rows();
        if let Overlay::Highlights(state) = &mut self.overlay {
            if empty {
                self.overlay = Overlay::None;
            } else {
                state.list.scroll_into_view(visible, n);
            }
        }
    }

    /// After a resize: the list and the editor keep their selection and cursor in view.
    pub(super) fn annotations_relayout(&mut self) {
        if let Overlay::Highlights(_) = self.overlay {
            self.after_highlights_change();
        }
        self.scroll_editor();
    }

    // ----- the note editor -----

    fn editor_width(&self) -> usize {
        editor_text_area(self.geometry.screen).width.max(2) as usize
    }

    /// Keep the cursor's row among the rows shown.
    fn scroll_editor(&mut self) {
        let area = editor_text_area(self.geometry.screen);
        let (w, h) = (area.width.max(2) as usize, area.height.max(1) as usize);
        if let Some(ed) = self.annotations.editor.as_mut() {
            let (row, _) = ed.note.cursor_at(w);
            let total = rows(&ed.note.text, w).len();
            if row < ed.scroll {
                ed.scroll = row;
            } else if row >= ed.scroll + h {
                ed.scroll = row + 1 - h;
            }
            ed.scroll = ed.scroll.min(total.saturating_sub(h));
        }
    }

    /// An action in the note editor.
    pub(super) fn update_note_editor(&mut self, action: Action) {
        let width = self.editor_width();
        let Some(ed) = self.annotations.editor.as_mut() else {
            return;
        };
        match action {
            Action::Confirm => self.save_note(),
            Action::Close if ed.fresh => {
                let id = ed.id.clone();
                self.annotations.editor = None;
                self.cancel_new_highlight(&id);
            }
            Action::Close => {
                self.annotations.editor = None;
                self.say_key(say::NOTE_UNCHANGED, false);
            }
            Action::ExternalEditor => match &self.annotations.program {
                Some(program) => {
                    self.annotations.external = Some(ExternalEdit {
                        program: program.clone(),
                        text: ed.note.text.clone(),
                    });
                }
                None => self.say_key(say::NO_EDITOR, false),
            },
            other => {
                let typing = matches!(other, Action::Insert(_) | Action::Paste(_));
                if ed.note.apply(&other, width, MAX_NOTE_CHARS).is_some()
                    && typing
                    && ed.note.full(MAX_NOTE_CHARS)
                {
                    self.say_key(say::NOTE_FULL, true);
                }
            }
        }
        self.scroll_editor();
    }

    /// Save the editor's text as the highlight's note (only white space: no note) and close it.
    fn save_note(&mut self) {
        let Some(ed) = self.annotations.editor.take() else {
            return;
        };
        let text = ed.note.text.trim();
        let Some(s) = self.shelf.session.as_mut() else {
            return;
        };
        let before = s.highlight(&ed.id).and_then(|h| h.note.clone());
        let note = (!text.is_empty()).then_some(text);
        if before.as_deref() == note {
            self.say_key(say::NOTE_UNCHANGED, false);
            return;
        }
        s.set_highlight_note(&ed.id, note);
        self.say_key(
            if note.is_some() {
                say::NOTE_SAVED
            } else {
                say::NOTE_REMOVED
            },
            false,
        );
        self.save_now();
    }

    /// The rows of the editor's text on screen, with the cursor's place in the text area
    /// (row, column in cells), for `ui`.
    pub fn note_editor_rows(&self) -> Option<(Vec<&str>, (usize, usize))> {
        let ed = self.annotations.editor.as_ref()?;
        let area = editor_text_area(self.geometry.screen);
        let w = area.width.max(2) as usize;
        let all = rows(&ed.note.text, w);
        let (row, col) = ed.note.cursor_at(w);
        let shown = all
            .iter()
            .skip(ed.scroll)
            .take(area.height as usize)
            .map(|r| &ed.note.text[r.clone()])
            .collect();
        Some((shown, (row.saturating_sub(ed.scroll), col)))
    }

    // ----- notes on the page -----

    /// The live, found highlights that touch the text on screen: (id, has a note, the
    /// chapter and the chapter byte where it ends), in reading order.
    fn highlights_on_page(&self) -> Vec<(String, bool, usize, usize)> {
        let Some(session) = &self.shelf.session else {
            return Vec::new();
        };
        let doc = &self.reader.doc;
        let visible = self.view().visible.clone();
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
        let mut out = Vec::new();
        for ch in chapters {
            let base = doc.chapters.get(ch).map_or(0, |c| c.range.start);
            for span in session.highlights_in(doc, ch) {
                let (s, e) = (base + span.range.start, base + span.range.end);
                if s < visible.end && e > visible.start {
                    out.push((span.id, span.has_note, ch, span.range.end));
                }
            }
        }
        out
    }

    /// Notes end on the page, and the pages have room for a mark beside their lines: where
    /// the marks go (text column, row). Empty when they go in the status bar instead.
    pub fn note_marks(&self) -> Vec<(usize, usize)> {
        if !self.note_marks_in_margin() {
            return Vec::new();
        }
        let ends: Vec<(usize, usize)> = self
            .highlights_on_page()
            .into_iter()
            .filter(|h| h.1)
            .map(|h| (h.2, h.3))
            .collect();
        let mut out = Vec::new();
        for (col, lines) in self.view().columns.iter().enumerate() {
            for (row, line) in lines.iter().enumerate() {
                let here = ends.iter().any(|&(ch, end)| {
                    ch == line.chapter && end > line.range.start && end <= line.range.end
                });
                if here {
                    out.push((col, row));
                }
            }
        }
        out
    }

    /// Marks go beside the lines (horizontal pages with a free cell right of every text
    /// column); otherwise the status bar counts the notes on the page.
    pub fn note_marks_in_margin(&self) -> bool {
        let g = &self.geometry;
        !self.display().vertical
            && !g.columns.is_empty()
            && g.columns.iter().all(|c| c.right() < g.screen.width)
    }

    /// How many notes are on the page, for the status bar when no margin shows marks.
    pub fn notes_on_page_for_status(&self) -> Option<usize> {
        if self.note_marks_in_margin() {
            return None;
        }
        let n = self.highlights_on_page().iter().filter(|h| h.1).count();
        (n > 0).then_some(n)
    }

    /// `e` in the reader: the editor on the first note on the page, else on the first
    /// highlight there (to add a note to it).
    pub(super) fn edit_page_note(&mut self) {
        if self.shelf.session.is_none() {
            self.say_key(say::NO_STORE, false);
            return;
        }
        let on_page = self.highlights_on_page();
        let first = on_page
            .iter()
            .find(|h| h.1)
            .or_else(|| on_page.first())
            .map(|h| h.0.clone());
        match first {
            Some(id) => {
                let notes = on_page.iter().filter(|h| h.1).count();
                self.open_note_editor(id);
                if notes > 1
                    && let Some(k) = self.keymap.key_label(Mode::Reader, &Action::HighlightList)
                {
                    let text = tr!(self.lang(), "msg-first-of-notes", count = notes, key = k);
                    self.set_message(text, false);
                }
            }
            None => {
                let text = match self.keymap.key_label(Mode::Reader, &Action::HighlightList) {
                    Some(k) => tr!(self.lang(), "msg-no-highlight-here-key", key = k),
                    None => tr!(self.lang(), say::NO_NOTE_HERE),
                };
                self.set_message(text, false);
            }
        }
    }
}
