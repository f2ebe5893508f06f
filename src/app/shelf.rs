//! The reader's side of the store: resume on open, saving the reading position (on quit and on
//! SIGTERM/SIGHUP through `App::quit`, when the chapter changes, and at most every
//! `SAVE_EVERY` while reading), bookmarks (add at the page top, list, jump, rename, delete with
//! undo, the status-bar marker) and the library of recent books.
//!
//! State changes only: the popups are drawn by `ui`. A store that can't be written never stops
//! reading: its one-line warning goes to the status bar, once per distinct problem.

use std::time::Duration;

use super::{App, Overlay, Prompt, PromptKind};
use crate::document::{Document, LoadOptions};
use crate::position::Position;
use crate::store::{BookSession, Store, StoreError, default_bookmark_name};

use super::Action;

/// The position is saved at most this often while reading (a `kill -9` loses at most this).
pub const SAVE_EVERY: Duration = Duration::from_secs(3);

/// The store, this book's saved state, and what the bookmark and library popups need.
#[derive(Debug, Default)]
pub struct Shelf {
    store: Option<Store>,
    session: Option<BookSession>,
    /// The last warning shown, so a failing disk doesn't repeat it on every save.
    shown_warning: Option<String>,
    /// The bookmark whose new name is being typed.
    renaming: Option<String>,
    /// The bookmark deleted last (for undo).
    deleted: Option<String>,
}

/// Selection in a list popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

/// One row of the bookmark list, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    pub id: String,
    pub name: String,
    pub chapter: String,
    /// e.g. "37.5%".
    pub percent: String,
    /// Local date and time it was made.
    pub date: String,
    pub position: Position,
}

/// One row of the library, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryRow {
    pub title: String,
    pub path: String,
    pub progress: String,
    pub last_read: String,
    pub missing: bool,
    /// The book open now.
    pub current: bool,
}

/// The library popup: rows read from the store when it opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryState {
    pub rows: Vec<LibraryRow>,
    pub list: ListState,
}

impl ListState {
    /// Apply a list movement; `rows` visible rows, `n` entries. False if not a movement.
    fn apply(&mut self, action: &Action, rows: usize, n: usize) -> bool {
        let last = n.saturating_sub(1);
        match action {
            Action::SelectNext => self.selected = (self.selected + 1).min(last),
            Action::SelectPrev => self.selected = self.selected.saturating_sub(1),
            Action::SelectPageDown => self.selected = (self.selected + rows).min(last),
            Action::SelectPageUp => self.selected = self.selected.saturating_sub(rows),
            Action::SelectFirst => self.selected = 0,
            Action::SelectLast => self.selected = last,
            Action::Wheel { down: true } => self.selected = (self.selected + 3).min(last),
            Action::Wheel { down: false } => self.selected = self.selected.saturating_sub(3),
            _ => return false,
        }
        self.scroll_into_view(rows, n);
        true
    }

    fn scroll_into_view(&mut self, rows: usize, n: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(n.saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + rows {
            self.scroll = self.selected + 1 - rows;
        }
        self.scroll = self.scroll.min(n.saturating_sub(rows));
    }
}

impl App {
    /// Connect the reader to the store: find this book's saved state, go to where reading
    /// stopped and show any warning. Books without a file (the guide) get the library only.
    /// Returns where reading resumed (`None` for a book read for the first time).
    pub fn attach_store(&mut self, store: Store) -> Option<Position> {
        self.shelf.store = Some(store);
        self.open_session()
    }

    /// Find the saved state of the book now open (if it came from a file) and resume.
    fn open_session(&mut self) -> Option<Position> {
        self.shelf.session = None;
        self.shelf.deleted = None;
        self.shelf.renaming = None;
        let store = self.shelf.store.as_ref()?;
        if self.doc.path.is_none() {
            self.sync_bookmarks();
            return None;
        }
        let mut session = BookSession::open(store, &self.doc);
        let resumed = session.resume();
        // A book once switched to the clean view opens in it again.
        if session.clean_view() == Some(true) {
            let mut mode = self.layout.display();
            mode.view.clean = true;
            self.layout.set_display(mode);
        }
        if let Some(pos) = resumed {
            self.set_top(pos);
        }
        // Saved right away: the book joins the library as soon as it is opened.
        session.set_position(&self.doc, self.top);
        let result = session.save();
        self.shelf.session = Some(session);
        self.report(Some(result), false);
        resumed
    }

    /// How soon the reader must tick for the debounced save (`None`: nothing to save).
    pub(super) fn shelf_tick_interval(&self) -> Option<Duration> {
        self.shelf
            .session
            .as_ref()
            .filter(|s| s.is_dirty())
            .map(|_| Duration::from_millis(500))
    }

    /// The bookmark list's rows, in reading order.
    pub fn bookmark_rows(&self) -> Vec<BookmarkRow> {
        let Some(session) = &self.shelf.session else {
            return Vec::new();
        };
        session
            .bookmarks()
            .into_iter()
            .map(|b| BookmarkRow {
                id: b.id.clone(),
                name: b.name.clone(),
                chapter: self
                    .doc
                    .chapters
                    .get(b.anchor.position.chapter)
                    .map(|c| c.title.clone())
                    .unwrap_or_else(|| b.anchor.chapter_title.clone()),
                percent: format!("{:.1}%", b.anchor.percent),
                date: b.created.local_display(),
                position: b.anchor.position,
            })
            .collect()
    }

    /// The name a bookmark at the top of the page gets when none is typed.
    pub fn default_bookmark_name(&self) -> String {
        default_bookmark_name(&self.doc, self.top)
    }

    /// Rows in a list popup (the bookmark list and the library use the help box's place).
    pub fn list_rows(&self) -> usize {
        (self.geometry.help_text().height as usize).max(1)
    }

    fn sync_bookmarks(&mut self) {
        self.bookmarks = self
            .shelf
            .session
            .as_ref()
            .map(|s| s.bookmarks().iter().map(|b| b.anchor.position).collect())
            .unwrap_or_default();
    }

    fn show_warning(&mut self, w: String) {
        if self.shelf.shown_warning.as_deref() != Some(w.as_str()) {
            self.set_message(w.clone(), true);
            self.shelf.shown_warning = Some(w);
        }
    }

    /// Show what a save said (warnings, a failure), once per distinct problem unless `always`
    /// (a bookmark change the reader must know was not kept).
    fn report(&mut self, result: Option<Result<(), StoreError>>, always: bool) {
        let Some(session) = self.shelf.session.as_mut() else {
            return;
        };
        let mut warnings = session.take_warnings();
        match result {
            Some(Err(e)) => warnings.push(e.to_string()),
            Some(Ok(())) if warnings.is_empty() => self.shelf.shown_warning = None,
            _ => {}
        }
        // Another window's bookmarks may have come in with the merge.
        self.sync_bookmarks();
        if let Some(w) = warnings.into_iter().next() {
            if always {
                self.shelf.shown_warning = None;
            }
            self.show_warning(w);
        }
    }

    /// Save a bookmark change now; a failure is always shown.
    fn save_now(&mut self) {
        let result = self.shelf.session.as_mut().map(|s| s.save());
        self.report(result, true);
    }

    /// After every update: record the position; save when the chapter changed or a save is due.
    pub(super) fn shelf_after_update(&mut self, old: Position) {
        let (doc, top) = (&self.doc, self.top);
        let Some(session) = self.shelf.session.as_mut() else {
            return;
        };
        session.set_position(doc, top);
        let result = if old.chapter != top.chapter {
            Some(session.save())
        } else {
            session.save_if_due(SAVE_EVERY)
        };
        self.report(result, false);
    }

    /// Idle tick: the debounced save.
    pub(super) fn shelf_tick(&mut self) {
        let (doc, top) = (&self.doc, self.top);
        let Some(session) = self.shelf.session.as_mut() else {
            return;
        };
        session.set_position(doc, top);
        let result = session.save_if_due(SAVE_EVERY);
        self.report(result, false);
    }

    /// The clean-view choice remembered for the book open now (`None`: never made, or no store).
    pub fn remembered_clean_view(&self) -> Option<bool> {
        self.shelf.session.as_ref().and_then(|s| s.clean_view())
    }

    /// Remember the clean-view choice for this book (saved with the position).
    pub(super) fn remember_clean_view(&mut self, on: bool) {
        if let Some(session) = self.shelf.session.as_mut() {
            session.set_clean_view(on);
        }
    }

    /// Quitting (also on SIGTERM/SIGHUP): save whatever is not saved yet.
    pub(super) fn shelf_quit(&mut self) {
        let (doc, top) = (&self.doc, self.top);
        let Some(session) = self.shelf.session.as_mut() else {
            return;
        };
        session.set_position(doc, top);
        if session.is_dirty() {
            let result = session.save();
            self.report(Some(result), false);
        }
    }

    /// Reader-mode actions of this module; false if `action` is not one of them.
    pub(super) fn shelf_reader_action(&mut self, action: &Action) -> bool {
        match action {
            Action::AddBookmark => self.start_bookmark(),
            Action::BookmarkList => self.open_bookmarks(),
            Action::Library => self.open_library(),
            _ => return false,
        }
        true
    }

    fn start_bookmark(&mut self) {
        if self.shelf.session.is_none() {
            self.set_message("bookmarks are kept for books opened from a file", false);
            return;
        }
        self.prompt = Some(Prompt {
            kind: PromptKind::BookmarkName,
            text: String::new(),
            origin: self.top,
        });
    }

    fn open_bookmarks(&mut self) {
        if self.shelf.session.is_none() {
            self.set_message("bookmarks are kept for books opened from a file", false);
            return;
        }
        let rows = self.bookmark_rows();
        if rows.is_empty() {
            self.set_message("no bookmarks yet: m adds one", false);
            return;
        }
        // Select the last bookmark at or before the page top.
        let selected = rows
            .iter()
            .rposition(|r| r.position <= self.top)
            .unwrap_or(0);
        let mut list = ListState {
            selected,
            scroll: 0,
        };
        list.scroll_into_view(self.list_rows(), rows.len());
        self.overlay = Overlay::Bookmarks(list);
    }

    fn open_library(&mut self) {
        let Some(store) = &self.shelf.store else {
            self.set_message("no library: the config directory is unavailable", true);
            return;
        };
        let (books, warnings) = store.library();
        let current = self
            .shelf
            .session
            .as_ref()
            .map(|s| s.fingerprint().to_string());
        let rows: Vec<LibraryRow> = books
            .iter()
            .filter(|b| b.path.is_some())
            .map(|b| LibraryRow {
                title: b.title.clone(),
                path: b.path.clone().unwrap_or_default(),
                progress: format!("{:.0}%", b.progress.floor()),
                last_read: b.last_read.local_display(),
                missing: b.is_missing(),
                current: current.as_deref() == Some(b.fingerprint.as_str()),
            })
            .collect();
        if let Some(w) = warnings.into_iter().next() {
            self.show_warning(w);
        }
        if rows.is_empty() {
            self.set_message("the library is empty: books you read show up here", false);
            return;
        }
        self.overlay = Overlay::Library(LibraryState {
            rows,
            list: ListState::default(),
        });
    }

    /// A key in the bookmark list.
    pub(super) fn update_bookmarks(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        let rows = self.bookmark_rows();
        let visible = self.list_rows();
        let Overlay::Bookmarks(list) = &mut self.overlay else {
            return;
        };
        if list.apply(&action, visible, rows.len()) {
            return;
        }
        let selected = rows.get(list.selected).cloned();
        match action {
            Action::Confirm => {
                if let Some(row) = selected {
                    self.overlay = Overlay::None;
                    let to = self.clamp(row.position);
                    self.jump(to);
                }
            }
            Action::RenameBookmark => {
                if let Some(row) = selected {
                    self.shelf.renaming = Some(row.id);
                    self.prompt = Some(Prompt {
                        kind: PromptKind::RenameBookmark,
                        text: row.name,
                        origin: self.top,
                    });
                }
            }
            Action::DeleteBookmark => {
                let Some(row) = selected else {
                    return;
                };
                if let Some(s) = self.shelf.session.as_mut() {
                    s.delete_bookmark(&row.id);
                }
                self.shelf.deleted = Some(row.id);
                self.set_message(format!("deleted “{}” · u undoes", row.name), false);
                self.save_now();
                self.after_list_change();
            }
            Action::UndoDelete => self.undo_delete(),
            Action::AddBookmark => {
                self.overlay = Overlay::None;
                self.start_bookmark();
            }
            Action::Close | Action::BookmarkList => self.overlay = Overlay::None,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            _ => {}
        }
    }

    fn undo_delete(&mut self) {
        let Some(id) = self.shelf.deleted.take() else {
            self.set_message("nothing to undo", false);
            return;
        };
        let name = self.shelf.session.as_mut().and_then(|s| {
            s.restore_bookmark(&id)
                .then(|| s.bookmark(&id).map(|b| b.name.clone()))
                .flatten()
        });
        if let Some(name) = name {
            self.set_message(format!("restored “{name}”"), false);
        }
        self.save_now();
        if let Overlay::Bookmarks(_) = self.overlay {
            let rows = self.bookmark_rows();
            if let Some(i) = rows.iter().position(|r| r.id == id) {
                self.overlay = Overlay::Bookmarks(ListState {
                    selected: i,
                    scroll: 0,
                });
            }
        }
        self.after_list_change();
    }

    /// Keep the list's selection valid after rows came or went; close it when empty.
    fn after_list_change(&mut self) {
        let n = self.bookmark_rows().len();
        let visible = self.list_rows();
        if let Overlay::Bookmarks(list) = &mut self.overlay {
            if n == 0 {
                self.overlay = Overlay::None;
            } else {
                list.scroll_into_view(visible, n);
            }
        }
    }

    /// A key in the library.
    pub(super) fn update_library(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        let visible = self.list_rows();
        let Overlay::Library(state) = &mut self.overlay else {
            return;
        };
        if state.list.apply(&action, visible, state.rows.len()) {
            return;
        }
        let selected = state.rows.get(state.list.selected).cloned();
        match action {
            Action::Confirm => {
                let Some(row) = selected else {
                    return;
                };
                if row.current {
                    self.overlay = Overlay::None;
                } else if row.missing {
                    self.set_message(format!("the file is gone: {}", row.path), true);
                } else {
                    match Document::open(std::path::Path::new(&row.path), &LoadOptions::default()) {
                        Ok(doc) => self.switch_book(doc),
                        Err(e) => self.set_message(e.to_string(), true),
                    }
                }
            }
            Action::Close | Action::Library => self.overlay = Overlay::None,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            _ => {}
        }
    }

    /// Leave this book (its place saved) and read `doc` from where it was left.
    fn switch_book(&mut self, doc: Document) {
        self.shelf_quit();
        let title = doc.title.clone();
        self.replace_document(doc, Position::START);
        self.open_session();
        if self.message().is_none_or(|m| !m.error) {
            self.set_message(format!("opened {title}"), false);
        }
    }

    /// Enter in a bookmark-name prompt.
    pub(super) fn confirm_name(&mut self, kind: PromptKind, text: &str) {
        match kind {
            PromptKind::BookmarkName => {
                let (doc, top) = (&self.doc, self.top);
                let Some(s) = self.shelf.session.as_mut() else {
                    return;
                };
                let id = s.add_bookmark(doc, top, Some(text));
                let name = s.bookmark(&id).map(|b| b.name.clone()).unwrap_or_default();
                self.set_message(format!("bookmarked: {name}"), false);
                self.save_now();
            }
            PromptKind::RenameBookmark => {
                let Some(id) = self.shelf.renaming.take() else {
                    return;
                };
                let doc = &self.doc;
                if let Some(s) = self.shelf.session.as_mut() {
                    s.rename_bookmark(doc, &id, text);
                }
                self.save_now();
            }
            _ => {}
        }
    }

    /// Esc in a bookmark-name prompt.
    pub(super) fn cancel_name(&mut self) {
        self.shelf.renaming = None;
    }
}
