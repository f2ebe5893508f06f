//! The bookmark panel: its rows, its update (jump, rename, delete with undo) and its keymap
//! mode (`Bookmarks`); adding a bookmark from the page and the name prompts it opens. Moving
//! through the list is the shared list behaviour of `list`.
//!
//! State changes only; drawn by `ui`. Saving goes through the `Shelf`; names no key itself.

use super::list::{ListArea, ListEvent, ListState};
use super::prompt::{Prompt, PromptKind};
use super::{App, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};
use crate::position::Position;
use crate::store::default_bookmark_name;

/// The mode of the bookmark list.
pub const MODE: Mode = Mode::Bookmarks;

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

impl App {
    /// The bookmark list's rows, in reading order.
    pub fn bookmark_rows(&self) -> Vec<BookmarkRow> {
        let Some(session) = &self.shelf.session else {
            return Vec::new();
        };
        let doc = &self.reader.doc;
        let view = self.display().view;
        session
            .bookmarks()
            .into_iter()
            .map(|b| BookmarkRow {
                id: b.id.clone(),
                name: view.apply_to_title(&b.name),
                chapter: doc
                    .chapters
                    .get(b.anchor.position.chapter)
                    .map(|c| c.title.as_str())
                    .map_or_else(
                        || view.apply_to_title(&b.anchor.chapter_title),
                        |t| view.apply_to_title(t),
                    ),
                percent: format!("{:.1}%", b.anchor.percent),
                date: b.created.local_display(),
                position: b.anchor.position,
            })
            .collect()
    }

    /// The name a bookmark at the top of the page gets when none is typed.
    pub fn default_bookmark_name(&self) -> String {
        let name = default_bookmark_name(&self.reader.doc, self.reader.top());
        self.display().view.apply_to_title(&name)
    }

    /// Where a list panel (bookmarks, library) is: the help box's place.
    pub(super) fn panel_area(&self) -> ListArea {
        ListArea {
            panel: self.geometry.help_box(),
            rows: self.geometry.help_text(),
        }
    }

    /// Rows in a list panel.
    pub(super) fn list_rows(&self) -> usize {
        (self.geometry.help_text().height as usize).max(1)
    }

    pub(super) fn start_bookmark(&mut self) {
        if self.shelf.session.is_none() {
            self.set_message(tr!(self.lang(), "msg-bookmarks-need-file"), false);
            return;
        }
        self.prompt = Some(Prompt {
            kind: PromptKind::BookmarkName,
            text: String::new(),
            origin: self.reader.top(),
        });
    }

    pub(super) fn open_bookmarks(&mut self) {
        if self.shelf.session.is_none() {
            self.set_message(tr!(self.lang(), "msg-bookmarks-need-file"), false);
            return;
        }
        let rows = self.bookmark_rows();
        if rows.is_empty() {
            let text = match self.keymap.key_label(Mode::Reader, &Action::AddBookmark) {
                Some(k) => tr!(self.lang(), "msg-no-bookmarks-key", key = k),
                None => tr!(self.lang(), "msg-no-bookmarks"),
            };
            self.set_message(text, false);
            return;
        }
        // Select the last bookmark at or before the page top.
        let top = self.reader.top();
        let selected = rows.iter().rposition(|r| r.position <= top).unwrap_or(0);
        let list = ListState::showing(selected, self.list_rows(), rows.len());
        self.overlay = Overlay::Bookmarks(list);
    }

    /// An action in the bookmark list.
    pub(super) fn update_bookmarks(&mut self, action: Action) {
        let rows = self.bookmark_rows();
        let area = self.panel_area();
        let Overlay::Bookmarks(list) = &mut self.overlay else {
            return;
        };
        let selected = match list.handle(&action, area, rows.len()) {
            ListEvent::Moved | ListEvent::Chosen(None) => return,
            ListEvent::Outside => {
                self.overlay = Overlay::None;
                return;
            }
            ListEvent::Chosen(Some(i)) => {
                self.overlay = Overlay::None;
                let to = self.reader.clamp(rows[i].position);
                self.reader.jump(to);
                return;
            }
            ListEvent::Other => rows.get(list.selected).cloned(),
        };
        match action {
            Action::RenameBookmark => {
                if let Some(row) = selected {
                    self.shelf.renaming = Some(row.id);
                    self.prompt = Some(Prompt {
                        kind: PromptKind::RenameBookmark,
                        text: row.name,
                        origin: self.reader.top(),
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
                let text = match self.keymap.key_label(MODE, &Action::UndoDelete) {
                    Some(k) => tr!(
                        self.lang(),
                        "msg-bookmark-deleted-undo",
                        name = &row.name,
                        key = k
                    ),
                    None => tr!(self.lang(), "msg-bookmark-deleted", name = &row.name),
                };
                self.set_message(text, false);
                self.save_now();
                self.after_list_change();
            }
            Action::UndoDelete => self.undo_delete(),
            Action::AddBookmark => {
                self.overlay = Overlay::None;
                self.start_bookmark();
            }
            Action::Close | Action::BookmarkList => self.overlay = Overlay::None,
            Action::Help => self.open_help(),
            _ => {}
        }
    }

    fn undo_delete(&mut self) {
        let Some(id) = self.shelf.deleted.take() else {
            self.set_message(tr!(self.lang(), "msg-nothing-to-undo"), false);
            return;
        };
        let name = self.shelf.session.as_mut().and_then(|s| {
            s.restore_bookmark(&id)
                .then(|| s.bookmark(&id).map(|b| b.name.clone()))
                .flatten()
        });
        if let Some(name) = name {
            self.set_message(
                tr!(self.lang(), "msg-bookmark-restored", name = name),
                false,
            );
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

    /// Enter in a bookmark-name prompt.
    pub(super) fn confirm_name(&mut self, kind: PromptKind, text: &str) {
        match kind {
            PromptKind::BookmarkName => {
                let (doc, top) = (&self.reader.doc, self.reader.top());
                let Some(s) = self.shelf.session.as_mut() else {
                    return;
                };
                let id = s.add_bookmark(doc, top, Some(text));
                let name = s.bookmark(&id).map(|b| b.name.clone()).unwrap_or_default();
                self.set_message(tr!(self.lang(), "msg-bookmarked", name = name), false);
                self.save_now();
            }
            PromptKind::RenameBookmark => {
                let Some(id) = self.shelf.renaming.take() else {
                    return;
                };
                let doc = &self.reader.doc;
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
