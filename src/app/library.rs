//! The library panel (recently read books): its rows, read from the store when it opens, its
//! update (open a book) and its keymap mode (`Library`). Moving through the list is the shared
//! list behaviour of `list`.
//!
//! State changes only; drawn by `ui`. Opening a book hands it to the `Reader`.

use super::list::{ListEvent, ListState};
use super::{App, Overlay};
use crate::document::{Document, LoadOptions};
use crate::keys::{Action, Mode};
use crate::position::Position;

/// The mode of the library.
pub const MODE: Mode = Mode::Library;

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

impl App {
    pub(super) fn open_library(&mut self) {
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
                title: self.display().view.apply_to_title(&b.title),
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

    /// An action in the library.
    pub(super) fn update_library(&mut self, action: Action) {
        let area = self.panel_area();
        let Overlay::Library(state) = &mut self.overlay else {
            return;
        };
        match state.list.handle(&action, area, state.rows.len()) {
            ListEvent::Moved | ListEvent::Chosen(None) => {}
            ListEvent::Outside => self.overlay = Overlay::None,
            ListEvent::Chosen(Some(i)) => {
                let row = state.rows[i].clone();
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
            ListEvent::Other => match action {
                Action::Close | Action::Library => self.overlay = Overlay::None,
                Action::Help => self.open_help(),
                _ => {}
            },
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
}
