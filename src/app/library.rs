//! The library panel (recently read books): its rows, read from the store when it opens, its
//! update (open a book, remove one with undo, sort by last read, title or progress) and its
//! keymap mode (`Library`). Moving through the list is the shared list behaviour of `list`.
//! The selection starts on the most recent book that is not the one open, so Enter goes back
//! to the book read before.
//!
//! State changes only; drawn by `ui`. Opening a book hands it to the `Reader`.

use std::time::Duration;

use super::list::{ListEvent, ListState};
use super::{App, Overlay};
use crate::document::chapters::Stopped;
use crate::document::{Document, LoadError};
use crate::i18n::{Lang, tr};
use crate::keys::{Action, Mode};
use crate::position::Position;
use crate::store::{LibraryEntry, Timestamp};

/// The mode of the library.
pub const MODE: Mode = Mode::Library;

/// One row of the library, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryRow {
    pub title: String,
    pub path: String,
    /// Progress as shown, `48%`.
    pub progress: String,
    /// Progress in whole percent, for the bar and the order.
    pub percent: u8,
    pub last_read: String,
    /// When it was last read, for the order.
    pub read_at: Timestamp,
    pub fingerprint: String,
    /// Where the file is, exactly (`path` is for showing).
    pub file: Option<std::path::PathBuf>,
    pub missing: bool,
    /// The book open now.
    pub current: bool,
}

/// The library's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LibrarySort {
    #[default]
    LastRead,
    Title,
    Progress,
}

impl LibrarySort {
    fn next(self) -> LibrarySort {
        match self {
            LibrarySort::LastRead => LibrarySort::Title,
            LibrarySort::Title => LibrarySort::Progress,
            LibrarySort::Progress => LibrarySort::LastRead,
        }
    }

    /// The order's name in the reader's language.
    pub fn name(self, lang: Lang) -> String {
        match self {
            LibrarySort::LastRead => tr!(lang, "sort-last-read"),
            LibrarySort::Title => tr!(lang, "sort-title"),
            LibrarySort::Progress => tr!(lang, "sort-progress"),
        }
    }
}

/// The library popup: rows read from the store when it opened.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LibraryState {
    pub rows: Vec<LibraryRow>,
    pub list: ListState,
    pub sort: LibrarySort,
    /// The book removed last, where it was, and its entry (for undo).
    pub removed: Option<Box<(usize, LibraryRow, LibraryEntry)>>,
    /// Every entry as read when the library opened (for undo).
    pub entries: Vec<LibraryEntry>,
    /// Typed filter (title or file name, case and script alike); `rows` holds the books it lets
    /// through, `hidden` the others.
    pub filter: String,
    /// The filter is being typed (letters type instead of acting).
    pub filtering: bool,
    pub hidden: Vec<LibraryRow>,
}

impl LibraryState {
    /// The keymap mode while the library is open: while a filter is typed, the keys of typing
    /// a filter in the contents.
    pub fn mode(&self) -> Mode {
        if self.filtering {
            Mode::TocFilter
        } else {
            MODE
        }
    }

    /// Show the books the filter lets through, in the library's order, keeping the one
    /// selected selected when it is still shown.
    fn refilter(&mut self, rows: usize) {
        let at = self
            .rows
            .get(self.list.selected)
            .map(|r| r.fingerprint.clone());
        let mut all = std::mem::take(&mut self.rows);
        all.append(&mut self.hidden);
        sort_rows(&mut all, self.sort);
        let filter = self.filter.as_str();
        let (shown, hidden) = all.into_iter().partition(|r: &LibraryRow| {
            let name = r.path.rsplit(['/', '\\']).next().unwrap_or("");
            super::toc::title_matches(&r.title, filter) || super::toc::title_matches(name, filter)
        });
        self.rows = shown;
        self.hidden = hidden;
        self.list.selected = self
            .rows
            .iter()
            .position(|r| Some(&r.fingerprint) == at.as_ref())
            .unwrap_or(0);
        self.list.scroll_into_view(rows, self.rows.len());
    }
}

// Progress in the entries is a number; no NaN gets there (the store reads it as 0–100).
impl Eq for LibraryState {}

/// Order `rows` by `sort`: newest first, by title, or least read first.
fn sort_rows(rows: &mut [LibraryRow], sort: LibrarySort) {
    match sort {
        LibrarySort::LastRead => rows.sort_by_key(|r| std::cmp::Reverse(r.read_at)),
        LibrarySort::Title => rows.sort_by(|a, b| a.title.cmp(&b.title)),
        LibrarySort::Progress => rows.sort_by(|a, b| {
            a.percent
                .cmp(&b.percent)
                .then_with(|| b.read_at.cmp(&a.read_at))
        }),
    }
}

/// Why a book could not be opened, in `lang` (the reader's status bar and the command line).
pub fn load_error_text(e: &LoadError, lang: Lang) -> String {
    match e {
        LoadError::NotFound { path } => tr!(lang, "err-not-found", path = path),
        LoadError::IsDirectory { path } => tr!(lang, "err-is-directory", path = path),
        LoadError::NotAFile { path } => tr!(lang, "err-not-a-file", path = path),
        LoadError::PermissionDenied { path } => tr!(lang, "err-permission", path = path),
        LoadError::Io { path, reason } => tr!(lang, "err-io", path = path, reason = reason),
        LoadError::Binary { path } => tr!(lang, "err-binary", path = path),
        LoadError::TooLarge { path, limit_mb } => {
            tr!(lang, "err-too-large", path = path, limit = *limit_mb)
        }
        LoadError::UnpacksTooLarge { path, limit_mb } => {
            tr!(
                lang,
                "err-unpacks-too-large",
                path = path,
                limit = *limit_mb
            )
        }
        LoadError::UnknownEncoding { label } => tr!(lang, "err-unknown-encoding", label = label),
        LoadError::UnusableEncoding { label } => {
            tr!(lang, "err-unusable-encoding", label = label)
        }
    }
}

/// That the user's heading rule `s.rule` took longer than its budget and the built-in rules
/// found the chapters, in `lang` (the reader's status bar, the command line's stderr).
pub fn rules_stopped_text(s: &Stopped, lang: Lang) -> String {
    let budget = if s.budget >= Duration::from_secs(1) {
        tr!(lang, "unit-seconds", n = s.budget.as_secs_f32().to_string())
    } else {
        tr!(
            lang,
            "unit-milliseconds",
            n = s.budget.as_millis().to_string()
        )
    };
    tr!(lang, "msg-rules-stopped", rule = &s.rule, budget = budget)
}

impl App {
    pub(super) fn open_library(&mut self) {
        let Some(store) = &self.shelf.store else {
            self.set_message(tr!(self.lang(), "msg-no-library"), true);
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
                percent: b.progress.clamp(0.0, 100.0).floor() as u8,
                last_read: b.last_read.local_display(),
                read_at: b.last_read,
                fingerprint: b.fingerprint.clone(),
                file: b.path_buf(),
                missing: b.is_missing(),
                current: current.as_deref() == Some(b.fingerprint.as_str()),
            })
            .collect();
        if let Some(w) = warnings.into_iter().next() {
            self.show_warning(w);
        }
        if rows.is_empty() {
            self.set_message(tr!(self.lang(), "msg-library-empty"), false);
            return;
        }
        // Not the book open now: the one read before it (Enter goes back to it).
        let selected = rows.iter().position(|r| !r.current).unwrap_or(0);
        let list = ListState::showing(selected, self.list_rows(), rows.len());
        self.overlay = Overlay::Library(LibraryState {
            rows,
            list,
            entries: books,
            ..LibraryState::default()
        });
    }

    /// A book opened from inside the reader (the library, the picker): by its format, with
    /// the configuration's decoding and chapter rules.
    pub(super) fn open_book(&self, path: &std::path::Path) -> Result<Document, LoadError> {
        crate::formats::open(path, &self.prefs.load, &self.prefs.rules)
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
                    self.set_message(tr!(self.lang(), "msg-file-gone", path = &row.path), true);
                } else {
                    // The exact path (a file name that is not UTF-8 is kept as bytes).
                    let Some(path) = row.file.clone() else {
                        self.set_message(tr!(self.lang(), "msg-file-gone", path = &row.path), true);
                        return;
                    };
                    match self.open_book(&path) {
                        Ok(doc) => self.switch_book(doc),
                        Err(e) => {
                            let text = load_error_text(&e, self.lang());
                            self.set_message(text, true)
                        }
                    }
                }
            }
            ListEvent::Other => match action {
                Action::StartFilter => state.filtering = true,
                Action::Insert(_) | Action::Paste(_) | Action::DeleteBack => {
                    if !matches!(action, Action::DeleteBack) {
                        state.filtering = true;
                    }
                    if super::list::type_into_filter(&mut state.filter, &action) {
                        state.refilter(area.rows.height as usize);
                    }
                }
                Action::Close if state.filtering || !state.filter.is_empty() => {
                    state.filtering = false;
                    state.filter.clear();
                    state.refilter(area.rows.height as usize);
                }
                Action::Close | Action::Library => self.overlay = Overlay::None,
                Action::Help => self.open_help(),
                Action::DeleteBookmark => self.remove_from_library(),
                Action::UndoDelete => self.undo_library_remove(),
                Action::CycleSort => {
                    let rows = self.list_rows();
                    let lang = self.lang();
                    let Overlay::Library(state) = &mut self.overlay else {
                        return;
                    };
                    let at = state
                        .rows
                        .get(state.list.selected)
                        .map(|r| r.fingerprint.clone());
                    state.sort = state.sort.next();
                    sort_rows(&mut state.rows, state.sort);
                    state.list.selected = state
                        .rows
                        .iter()
                        .position(|r| Some(&r.fingerprint) == at.as_ref())
                        .unwrap_or(0);
                    state.list.scroll_into_view(rows, state.rows.len());
                    let text = tr!(lang, "msg-sorted-by", order = state.sort.name(lang));
                    self.set_message(text, false);
                }
                Action::OpenPicker => self.open_picker_here(),
                _ => {}
            },
        }
    }

    /// `d` in the library: the selected book leaves the list (its place and bookmarks stay).
    fn remove_from_library(&mut self) {
        let rows = self.list_rows();
        let undo = self.keymap.key_label(Mode::Library, &Action::UndoDelete);
        let lang = self.lang();
        let (Some(store), Overlay::Library(state)) = (&self.shelf.store, &mut self.overlay) else {
            return;
        };
        let i = state.list.selected;
        let Some(row) = state.rows.get(i).cloned() else {
            return;
        };
        if row.current {
            self.set_message(tr!(lang, "msg-current-stays"), false);
            return;
        }
        let Some(entry) = state
            .entries
            .iter()
            .find(|e| e.fingerprint == row.fingerprint)
            .cloned()
        else {
            return;
        };
        if let Err(e) = store.remove_from_library(&row.fingerprint, None) {
            self.set_message(e, true);
            return;
        }
        state.rows.remove(i);
        state.list.scroll_into_view(rows, state.rows.len());
        let title = row.title.clone();
        state.removed = Some(Box::new((i, row, entry)));
        let text = match undo {
            Some(key) => tr!(lang, "msg-removed-undo", title = title, key = key),
            None => tr!(lang, "msg-removed", title = title),
        };
        self.set_message(text, false);
    }

    /// `u` in the library: the book removed last comes back.
    fn undo_library_remove(&mut self) {
        let rows = self.list_rows();
        let (Some(store), Overlay::Library(state)) = (&self.shelf.store, &mut self.overlay) else {
            return;
        };
        let Some(removed) = state.removed.take() else {
            self.set_message(tr!(self.lang(), "msg-nothing-to-undo"), false);
            return;
        };
        let (i, row, entry) = *removed;
        if let Err(e) = store.remove_from_library(&row.fingerprint, Some(entry)) {
            self.set_message(e, true);
            return;
        }
        let title = row.title.clone();
        let i = i.min(state.rows.len());
        state.rows.insert(i, row);
        state.list.selected = i;
        state.list.scroll_into_view(rows, state.rows.len());
        self.set_message(
            tr!(self.lang(), "msg-back-in-library", title = title),
            false,
        );
    }

    /// Leave this book (its place saved) and read `doc` from where it was left.
    pub(super) fn switch_book(&mut self, doc: Document) {
        self.shelf_quit();
        self.pace_save();
        let title = doc.title.clone();
        let stopped = doc.rules_stopped.clone();
        self.replace_document(doc, Position::START);
        self.open_session();
        if let Some(stopped) = stopped {
            self.set_message(rules_stopped_text(&stopped, self.lang()), true);
        } else if self.message().is_none_or(|m| !m.error) {
            self.set_message(tr!(self.lang(), "msg-opened", title = title), false);
        }
    }
}
