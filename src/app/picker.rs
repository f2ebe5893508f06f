//! The file picker (`o`): the entries of one folder, folders first, readable books marked;
//! typing filters them, and a typed path (`/…`, `~/…`, `../`) is gone to with Enter. Enter on a
//! book opens it in place of the one being read (its place saved first); Backspace with nothing
//! typed goes up a folder. Moving through the list is the shared list behaviour of `list`.
//!
//! State changes only; drawn by `ui`. Reads folder listings, never writes anything.

use std::path::{Path, PathBuf};

use ratatui::layout::Rect;

use super::list::{ListArea, ListEvent, ListState};
use super::{App, Overlay};

use crate::i18n::{Lang, tr};
use crate::keys::{Action, Mode};

/// The mode of the picker.
pub const MODE: Mode = Mode::Picker;

/// File name endings of the books kanshu reads.
pub const BOOK_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "epub"];

/// A folder holding more entries than this is listed in part (with a note).
const MAX_ENTRIES: usize = 10_000;

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerEntry {
    pub name: String,
    pub is_dir: bool,
    /// The kind of book (`txt`, `md`, `epub` …) for a readable book; `None` for anything else.
    pub book: Option<String>,
}

/// The picker: a folder, its entries, the filter typed and the selection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickerState {
    pub dir: PathBuf,
    pub entries: Vec<PickerEntry>,
    /// What is typed: a filter on names, or a path to go to.
    pub filter: String,
    /// Indexes into `entries` of the entries the filter keeps.
    pub shown: Vec<usize>,
    pub list: ListState,
    /// The folder could not be read.
    pub note: Option<String>,
    /// The folder holds more than `MAX_ENTRIES` entries: only the first are listed.
    pub cut: bool,
}

/// The kind of book `name` is, by its ending.
pub fn book_kind(name: &str) -> Option<String> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    BOOK_EXTENSIONS.contains(&ext.as_str()).then_some(ext)
}

/// The entries of `dir`: folders first, then files, each by name (case folded); hidden ones
/// (a leading dot) left out.
pub fn read_folder(dir: &Path) -> Result<(Vec<PickerEntry>, bool), String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut entries = Vec::new();
    let mut cut = false;
    for item in rd.flatten() {
        if entries.len() >= MAX_ENTRIES {
            cut = true;
            break;
        }
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follows symbolic links: a link to a folder is a folder.
        let is_dir = item.path().is_dir();
        let book = if is_dir { None } else { book_kind(&name) };
        entries.push(PickerEntry { name, is_dir, book });
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok((entries, cut))
}

/// `typed` as a path from `dir`: `~` is the home folder, a relative path is from `dir`.
fn typed_path(dir: &Path, typed: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if typed == "~" {
        return home().unwrap_or_else(|| dir.to_path_buf());
    }
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    dir.join(typed)
}

impl PickerState {
    /// A picker on `dir`, with the entry named `select` selected when there is one.
    pub fn open(dir: &Path, select: Option<&str>) -> PickerState {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let (entries, note, cut) = match read_folder(&dir) {
            Ok((e, cut)) => (e, None, cut),
            Err(e) => (Vec::new(), Some(e), false),
        };
        let mut p = PickerState {
            dir,
            entries,
            ..PickerState::default()
        };
        p.refilter();
        if let Some(name) = select
            && let Some(i) = p.shown.iter().position(|&k| p.entries[k].name == name)
        {
            p.list.selected = i;
        }
        p.note = note;
        p.cut = cut;
        p
    }

    /// The typed text is a path rather than a filter.
    fn typing_path(&self) -> bool {
        self.filter.contains('/') || self.filter.starts_with('~')
    }

    fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        let path = self.typing_path();
        self.shown = (0..self.entries.len())
            .filter(|&i| path || self.entries[i].name.to_lowercase().contains(&needle))
            .collect();
        self.list.selected = 0;
        self.list.scroll = 0;
    }

    /// The entry under the selection.
    pub fn selected(&self) -> Option<&PickerEntry> {
        self.shown
            .get(self.list.selected)
            .and_then(|&i| self.entries.get(i))
    }
}

/// What Enter in the picker leads to.
enum Choice {
    Folder(PathBuf, Option<String>),
    Book(PathBuf),
    Nothing(String),
}

impl App {
    /// `o`: the picker on the folder of the book being read (else the current folder).
    pub(super) fn open_picker_here(&mut self) {
        let (dir, name) = match &self.reader.doc.path {
            Some(p) => (
                p.parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from(".")),
                p.file_name().map(|n| n.to_string_lossy().into_owned()),
            ),
            None => (PathBuf::from("."), None),
        };
        self.open_picker(&dir, name.as_deref());
    }

    /// The picker on `dir` (`kanshu DIR` opens the reader with it).
    pub fn open_picker(&mut self, dir: &Path, select: Option<&str>) {
        let state = PickerState::open(dir, select);
        if let Some(n) = &state.note {
            self.set_message(n.clone(), state.entries.is_empty());
        } else if state.cut {
            let text = tr!(self.lang(), "msg-picker-cut", count = MAX_ENTRIES);
            self.set_message(text, false);
        }
        self.overlay = Overlay::Picker(state);
        self.scroll_picker_into_view();
    }

    /// Where the picker's list is: its box, and the rows under the typed line.
    pub(super) fn picker_area(&self) -> ListArea {
        let text = self.geometry.help_text();
        ListArea {
            panel: self.geometry.help_box(),
            rows: Rect::new(
                text.x,
                text.y.saturating_add(1),
                text.width,
                text.height.saturating_sub(1),
            ),
        }
    }

    pub(super) fn scroll_picker_into_view(&mut self) {
        let rows = (self.picker_area().rows.height as usize).max(1);
        if let Overlay::Picker(p) = &mut self.overlay {
            p.list.scroll_into_view(rows, p.shown.len());
        }
    }

    /// An action in the picker.
    pub(super) fn update_picker(&mut self, action: Action) {
        let area = self.picker_area();
        let Overlay::Picker(p) = &mut self.overlay else {
            return;
        };
        let choice = match p.list.handle(&action, area, p.shown.len()) {
            ListEvent::Moved => return,
            ListEvent::Outside => {
                self.overlay = Overlay::None;
                return;
            }
            ListEvent::Chosen(i) => Self::choose(p, i, self.reader.lang),
            ListEvent::Other => match action {
                Action::Insert(_) | Action::Paste(_) | Action::DeleteBack
                    if super::list::type_into_filter(&mut p.filter, &action) =>
                {
                    p.refilter();
                    return;
                }
                Action::DeleteBack => {
                    let up = p.dir.parent().map(Path::to_path_buf);
                    let from = p.dir.file_name().map(|n| n.to_string_lossy().into_owned());
                    match up {
                        Some(up) => Choice::Folder(up, from),
                        None => return,
                    }
                }
                Action::Close if !p.filter.is_empty() => {
                    p.filter.clear();
                    p.refilter();
                    return;
                }
                Action::Close | Action::OpenPicker => {
                    self.overlay = Overlay::None;
                    return;
                }
                Action::Library => {
                    self.open_library();
                    return;
                }
                Action::Help => {
                    self.open_help();
                    return;
                }
                _ => return,
            },
        };
        match choice {
            Choice::Folder(dir, select) => self.open_picker(&dir, select.as_deref()),
            Choice::Book(path) => self.open_book_file(&path),
            Choice::Nothing(why) => self.set_message(why, true),
        }
        self.scroll_picker_into_view();
    }

    /// Enter on entry `i` of the list, or on the typed path.
    fn choose(p: &PickerState, i: Option<usize>, lang: Lang) -> Choice {
        if p.typing_path() {
            let path = typed_path(&p.dir, &p.filter);
            return if path.is_dir() {
                Choice::Folder(path, None)
            } else if path.is_file() {
                Choice::Book(path)
            } else {
                Choice::Nothing(tr!(
                    lang,
                    "msg-no-such-path",
                    path = path.display().to_string()
                ))
            };
        }
        let Some(e) = i
            .and_then(|i| p.shown.get(i))
            .and_then(|&k| p.entries.get(k))
        else {
            return Choice::Nothing(tr!(lang, "msg-nothing-matches-typed"));
        };
        let path = p.dir.join(&e.name);
        if e.is_dir {
            Choice::Folder(path, None)
        } else {
            Choice::Book(path)
        }
    }

    /// Read the book at `path` in place of this one (this one's place saved first).
    pub(super) fn open_book_file(&mut self, path: &Path) {
        let same = self
            .reader
            .doc
            .path
            .as_deref()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .zip(std::fs::canonicalize(path).ok())
            .is_some_and(|(a, b)| a == b);
        if same {
            self.overlay = Overlay::None;
            return;
        }
        match self.open_book(path) {
            Ok(doc) => self.switch_book(doc),
            Err(e) => {
                let text = super::library::load_error_text(&e, self.lang());
                self.set_message(text, true)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_first_books_marked_hidden_left_out() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.txt", "A.md", "notes.pdf", ".hidden.txt", "c.EPUB"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        let (entries, cut) = read_folder(dir.path()).unwrap();
        assert!(!cut);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["zeta", "A.md", "b.txt", "c.EPUB", "notes.pdf"]);
        let kinds: Vec<Option<&str>> = entries.iter().map(|e| e.book.as_deref()).collect();
        assert_eq!(kinds, [None, Some("md"), Some("txt"), Some("epub"), None]);
    }

    #[test]
    fn typing_filters_and_a_path_is_not_a_filter() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["one.txt", "two.txt", "three.md"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let mut p = PickerState::open(dir.path(), Some("two.txt"));
        assert_eq!(p.selected().map(|e| e.name.as_str()), Some("two.txt"));
        p.filter = "T".into();
        p.refilter();
        assert_eq!(p.shown.len(), 3);
        p.filter = "tw".into();
        p.refilter();
        assert_eq!(p.selected().map(|e| e.name.as_str()), Some("two.txt"));
        p.filter = "../".into();
        p.refilter();
        assert_eq!(p.shown.len(), 3);
        let parent = dir.path().canonicalize().unwrap();
        match App::choose(&p, None, Lang::En) {
            Choice::Folder(d, _) => assert_eq!(d.canonicalize().unwrap(), parent.parent().unwrap()),
            _ => panic!("../ is a folder"),
        }
    }
}
