//! The reader's side of the store: resume on open, saving the reading position (on quit and on
//! SIGTERM/SIGHUP through `App::quit`, when the chapter changes, and at most every
//! `SAVE_EVERY` while reading), the bookmarks the status bar marks, and the store the library
//! reads.
//!
//! The bookmark and library panels are `bookmarks` and `library`; this module only keeps the
//! store and the book's session. A store that can't be written never stops reading: its
//! one-line warning goes to the status bar, once per distinct problem. No drawing.

use std::time::Duration;

use super::App;
use crate::position::Position;
use crate::store::{BookSession, Store, StoreError};

/// The position is saved at most this often while reading (a `kill -9` loses at most this).
pub const SAVE_EVERY: Duration = Duration::from_secs(3);

/// The store, this book's saved state, and what the bookmark and library popups need.
#[derive(Debug, Default)]
pub struct Shelf {
    pub(super) store: Option<Store>,
    pub(super) session: Option<BookSession>,
    /// The last warning shown, so a failing disk doesn't repeat it on every save.
    shown_warning: Option<String>,
    /// The bookmark whose new name is being typed.
    pub(super) renaming: Option<String>,
    /// The bookmark deleted last (for undo).
    pub(super) deleted: Option<String>,
}

/// Why the store cannot save, in `lang` (the reason itself comes from the system).
pub(crate) fn store_error_text(e: &StoreError, lang: crate::i18n::Lang) -> String {
    match e {
        StoreError::CantSave(why) => crate::i18n::tr!(lang, "msg-store-unavailable", reason = why),
        StoreError::NoConfigDir => crate::i18n::tr!(lang, "msg-no-config-dir"),
    }
}

impl App {
    /// Connect the reader to the store: find this book's saved state, go to where reading
    /// stopped and show any warning. Books without a file (the guide) get the library only.
    /// Returns where reading resumed (`None` for a book read for the first time).
    pub fn attach_store(&mut self, store: Store) -> Option<Position> {
        self.pace_attach(store.dir());
        // The book's warnings are said in the reader's language.
        self.shelf.store = Some(store.with_lang(self.lang()));
        self.open_session()
    }

    /// Find the saved state of the book now open (if it came from a file) and resume.
    pub(super) fn open_session(&mut self) -> Option<Position> {
        self.shelf.session = None;
        self.shelf.deleted = None;
        self.shelf.renaming = None;
        let store = self.shelf.store.as_ref()?;
        if self.reader.doc.path.is_none() {
            self.sync_bookmarks();
            return None;
        }
        let mut session = BookSession::open(store, &self.reader.doc);
        let resumed = session.resume();
        // A book once switched to the clean view opens in it again.
        if session.clean_view() == Some(true) {
            let mut mode = self.reader.display();
            mode.view.clean = true;
            self.reader.set_display(mode);
        }
        // A book whose vertical pages were switched with `V` opens as the reader left it.
        if let Some(vertical) = session.vertical() {
            let mut mode = self.reader.display();
            mode.vertical = vertical;
            self.reader.set_display(mode);
        }
        if let Some(pos) = resumed {
            self.set_top(pos);
        }
        // Saved right away: the book joins the library as soon as it is opened.
        session.set_position(&self.reader.doc, self.reader.top());
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

    fn sync_bookmarks(&mut self) {
        self.reader.bookmarks = self
            .shelf
            .session
            .as_ref()
            .map(|s| s.bookmarks().iter().map(|b| b.anchor.position).collect())
            .unwrap_or_default();
    }

    pub(super) fn show_warning(&mut self, w: String) {
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
            Some(Err(e)) => warnings.push(store_error_text(&e, self.reader.lang)),
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
    pub(super) fn save_now(&mut self) {
        let result = self.shelf.session.as_mut().map(|s| s.save());
        self.report(result, true);
    }

    /// After every update: record the position; save when the chapter changed or a save is due.
    pub(super) fn shelf_after_update(&mut self, old: Position) {
        let (doc, top) = (&self.reader.doc, self.reader.top());
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
        let (doc, top) = (&self.reader.doc, self.reader.top());
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

    /// Remember the vertical-pages choice for this book (saved with the position).
    pub(super) fn remember_vertical(&mut self, on: bool) {
        if let Some(session) = self.shelf.session.as_mut() {
            session.set_vertical(on);
        }
    }

    /// Remember the clean-view choice for this book (saved with the position).
    pub(super) fn remember_clean_view(&mut self, on: bool) {
        if let Some(session) = self.shelf.session.as_mut() {
            session.set_clean_view(on);
        }
    }

    /// Quitting (also on SIGTERM/SIGHUP): save whatever is not saved yet.
    pub(super) fn shelf_quit(&mut self) {
        let (doc, top) = (&self.reader.doc, self.reader.top());
        let Some(session) = self.shelf.session.as_mut() else {
            return;
        };
        session.set_position(doc, top);
        if session.is_dirty() {
            let result = session.save();
            self.report(Some(result), false);
        }
    }
}
