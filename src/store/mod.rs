//! Everything kanshu writes to disk: the reading position, bookmarks, highlights and notes, and
//! the library of recent books, in the config directory.
//!
//! Layout of the directory:
//! - `books/<fingerprint>.json`: one file per book (`state::BookState`), named by a hash of
//!   the book's decoded text, so a renamed or moved file keeps its place and bookmarks, and
//!   the same book on another machine (synced by a file-sync tool or git) is the same file;
//! - `library.json`: the index of books read, newest first (a cache of the book files);
//! - `state.lock`: the lock held around every read-merge-write.
//!
//! Every write is atomic (`atomic`), every save merges with what another process may have
//! saved meanwhile, and no failure here stops the reader: problems come back as one-line
//! warnings for the status bar, and what could not be saved at all is kept in `unsaved` for
//! the reader to say when it exits. Copies of a file that a sync tool left after two machines
//! wrote it while apart are merged in and removed (`sync`), so nothing either machine did is
//! lost. No terminal crate here.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::i18n::{Lang, tr};

pub mod atomic;
pub mod clock;
pub mod highlight;
pub mod library;
pub mod machine;
pub mod merge;
pub mod relocate;
pub mod session;
pub mod state;
pub mod sync;

pub use atomic::{Fault, Faults};
pub use clock::{Clock, Timestamp};
pub use highlight::{COLOUR_SLOTS, Highlight, HighlightSpan};
pub use library::{Library, LibraryEntry};
pub use relocate::{Found, default_bookmark_name};
pub use session::BookSession;
pub use state::{Anchor, BookState, Bookmark, MachinePath, ReadingPlace};

use library::LibraryRead;
use state::Loaded;

/// Why the store could not do something. Messages are one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("no config directory could be found: set KANSHU_CONFIG_DIR or pass --config-dir DIR")]
    NoConfigDir,
    #[error("bookmarks can't be saved: {0}")]
    CantSave(String),
}

/// The config directory: `--config-dir` (`override_dir`), else `KANSHU_CONFIG_DIR` (when set
/// and not empty), else the platform's config directory for "kanshu".
pub fn config_dir(override_dir: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = override_dir {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("KANSHU_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "kanshu")
        .map(|d| d.config_dir().to_path_buf())
        .ok_or(StoreError::NoConfigDir)
}

/// A book's identity: a 128-bit XXH3 hash of its whole decoded text, as 32 hex digits.
///
/// The full text is hashed (not samples): XXH3 runs at several GB/s, so a 100 MB book costs a
/// few tens of milliseconds, and any edit gives a new fingerprint (the edited book then finds
/// its old state through its path, and relocates by snippet). Hashing decoded text means the
/// same book re-saved in another encoding keeps its state.
pub fn fingerprint(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// How long a save waits for another process's save to finish before going on without the
/// lock.
const LOCK_PATIENCE: Duration = Duration::from_secs(2);

/// The state directory. Cheap to clone; nothing touches the disk until asked.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    faults: Faults,
    clock: Clock,
    /// This machine's name (`machine::this_machine`), kept with what it reads.
    machine: Option<String>,
    /// What could not be saved, by book fingerprint (shared by clones).
    unsaved: Arc<Mutex<BTreeMap<String, Unsaved>>>,
    /// The language a book's warnings are said in (`with_lang`; English unless set).
    lang: Lang,
}

/// What a failed save of one book left unsaved: said on exit, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// The book's title (cut to 40 characters).
    pub title: String,
    /// The reading place was not saved.
    pub place: bool,
    pub bookmark_changes: usize,
    pub highlight_changes: usize,
    /// Why the save failed (from the system: not translated).
    pub reason: String,
}

impl Unsaved {
    /// One line in `lang`: `not saved in «title»: the reading place and 1 bookmark change (why)`.
    pub fn text_in(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if self.place {
            parts.push(tr!(lang, "unsaved-place"));
        }
        if self.bookmark_changes > 0 {
            parts.push(tr!(
                lang,
                "unsaved-bookmarks",
                count = self.bookmark_changes
            ));
        }
        if self.highlight_changes > 0 {
            parts.push(tr!(
                lang,
                "unsaved-highlights",
                count = self.highlight_changes
            ));
        }
        let what = parts.join(&tr!(lang, "unsaved-and"));
        tr!(
            lang,
            "unsaved-line",
            title = &self.title,
            what = what,
            reason = &self.reason
        )
    }
}

impl Store {
    /// A store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            faults: Faults::default(),
            clock: Clock::default(),
            machine: machine::this_machine(),
            unsaved: Arc::default(),
            lang: Lang::En,
        }
    }

    /// The same store, saying the warnings of the books it opens from now on in `lang`.
    pub fn with_lang(mut self, lang: Lang) -> Store {
        self.lang = lang;
        self
    }

    /// The language of the books' warnings.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The same store as seen from a machine of another name (tests: two machines sharing a
    /// synced directory). An empty name is no name.
    pub fn with_machine(mut self, name: &str) -> Store {
        self.machine = machine::clean(name);
        self
    }

    /// This machine's name, if it has one.
    pub fn machine(&self) -> Option<&str> {
        self.machine.as_deref()
    }

    /// The store in the config directory (see `config_dir`).
    pub fn open(override_dir: Option<&Path>) -> Result<Store, StoreError> {
        Ok(Store::new(config_dir(override_dir)?))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn books_dir(&self) -> PathBuf {
        self.dir.join("books")
    }

    /// The state file of the book with this fingerprint.
    pub fn book_file(&self, fingerprint: &str) -> PathBuf {
        self.books_dir().join(format!("{fingerprint}.json"))
    }

    pub fn library_file(&self) -> PathBuf {
        self.dir.join("library.json")
    }

    fn lock_file(&self) -> PathBuf {
        self.dir.join("state.lock")
    }

    /// Simulate a failure in every later write of this store and its sessions (tests).
    pub fn inject_fault(&self, fault: Fault) {
        self.faults.set(fault);
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Put this store's clock (and its sessions') `millis` ahead, or behind when negative
    /// (tests: a machine whose clock is wrong).
    pub fn skew_clock(&self, millis: i64) {
        self.clock.skew(millis);
    }

    /// The time by this store's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// One line for each book whose changes could not be saved (the last save failed and
    /// nothing saved it since), for the reader to say on exit. Empty when all is saved.
    pub fn unsaved(&self) -> Vec<String> {
        self.unsaved_in(Lang::En)
    }

    /// `unsaved`, said in `lang`.
    pub fn unsaved_in(&self, lang: Lang) -> Vec<String> {
        self.unsaved
            .lock()
            .map(|u| u.values().map(|w| w.text_in(lang)).collect())
            .unwrap_or_default()
    }

    /// Record (`Some`) or clear (`None`) what could not be saved of one book.
    pub(crate) fn note_unsaved(&self, fingerprint: &str, what: Option<Unsaved>) {
        if let Ok(mut u) = self.unsaved.lock() {
            match what {
                Some(line) => u.insert(fingerprint.to_string(), line),
                None => u.remove(fingerprint),
            };
        }
    }

    pub(crate) fn lock(&self) -> Option<atomic::StoreLock> {
        atomic::lock(&self.lock_file(), LOCK_PATIENCE)
    }

    /// Move an unreadable file (or directory) out of the way: `NAME.corrupt-<unix seconds>`.
    pub(crate) fn quarantine(&self, path: &Path) -> io::Result<PathBuf> {
        let secs = self.now().unix_seconds();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut to = path.with_file_name(format!("{name}.corrupt-{secs}"));
        let mut n = 1;
        while to.exists() {
            n += 1;
            to = path.with_file_name(format!("{name}.corrupt-{secs}-{n}"));
        }
        std::fs::rename(path, &to)?;
        Ok(to)
    }

    /// The books read, newest first (with conflict copies of the index a sync tool left
    /// merged in, and this machine's path where it has one), and warnings about anything
    /// unreadable. Never writes except to move an unreadable index aside.
    pub fn library(&self) -> (Vec<LibraryEntry>, Vec<String>) {
        let mut warnings = Vec::new();
        let copies = sync::conflict_copies(&self.dir, "library.json");
        let lib = match library::read_library(&self.library_file()) {
            LibraryRead::Ok(lib) if copies.is_empty() => lib,
            LibraryRead::Ok(_) => self.merged_index(&copies, true, &mut warnings).0,
            LibraryRead::Missing => {
                let (lib, more) = library::rebuild(&self.books_dir(), self.machine());
                warnings.extend(more);
                lib
            }
            LibraryRead::Bad { reason, future } => {
                warnings.push(self.library_problem(&reason, future));
                let (lib, more) = library::rebuild(&self.books_dir(), self.machine());
                warnings.extend(more);
                lib
            }
        };
        let mut books = lib.books;
        for b in &mut books {
            b.localize(self.machine());
        }
        (books, warnings)
    }

    /// The book read most recently (its file may be missing: check `is_missing`).
    pub fn last_book(&self) -> (Option<LibraryEntry>, Vec<String>) {
        let (books, warnings) = self.library();
        (books.into_iter().find(|b| b.path.is_some()), warnings)
    }

    /// Every book's saved state (for listings), newest first, with the conflict copies a sync
    /// tool left merged in (in memory only), and warnings about unreadable files (which are
    /// left where they are).
    pub fn all_books(&self) -> (Vec<BookState>, Vec<String>) {
        let mut books = Vec::new();
        let mut warnings = Vec::new();
        let names: Vec<String> = std::fs::read_dir(self.books_dir())
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let now = self.now();
        let with_copies = |path: &Path, mut state: BookState| {
            let base = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for name in names.iter().filter(|n| sync::is_conflict_copy(n, &base)) {
                if let Loaded::Ok(mut copy) = state::read_state(&self.books_dir().join(name))
                    && copy.fingerprint == state.fingerprint
                {
                    copy.bound_clock(now, now);
                    state.merge_from(*copy);
                }
            }
            state
        };
        for (path, loaded) in library::scan_books(&self.books_dir()) {
            match loaded {
                Loaded::Ok(s) => books.push(with_copies(&path, *s)),
                Loaded::Future { state: Some(s), .. } => books.push(*s),
                Loaded::Future { version, .. } => warnings.push(format!(
                    "{} was written by a newer kanshu (format {version})",
                    path.display()
                )),
                Loaded::Corrupt { reason } => warnings.push(format!(
                    "unreadable reading state {}: {reason}",
                    path.display()
                )),
                Loaded::Missing => {}
            }
        }
        books.sort_by_key(|b| std::cmp::Reverse(b.last_read));
        (books, warnings)
    }

    /// Handle an unreadable index: move it aside (unless a newer kanshu wrote it); one line.
    pub(crate) fn library_problem(&self, reason: &str, future: bool) -> String {
        let file = self.library_file();
        if future {
            return format!(
                "the library index {} is from a newer kanshu; left as it is",
                file.display()
            );
        }
        match self.quarantine(&file) {
            Ok(to) => format!(
                "the library index was unreadable ({reason}); moved aside to {} and rebuilt",
                to.display()
            ),
            Err(e) => format!("the library index is unreadable ({reason}): {e}"),
        }
    }

    /// Take a book out of the library list (the `L` list's delete); its own file keeps its
    /// place and bookmarks, so opening it again resumes and lists it again. `restore` puts a
    /// removed entry back (undo). Err is a one-line warning.
    pub fn remove_from_library(
        &self,
        fingerprint: &str,
        restore: Option<LibraryEntry>,
    ) -> Result<(), String> {
        let lock = self.lock();
        let file = self.library_file();
        let mut lib = match library::read_library(&file) {
            LibraryRead::Ok(lib) => lib,
            LibraryRead::Missing => library::rebuild(&self.books_dir(), self.machine()).0,
            LibraryRead::Bad { reason, future } => {
                return Err(self.library_problem(&reason, future));
            }
        };
        lib.version = library::LIBRARY_VERSION;
        match restore {
            Some(entry) => lib.restore(entry),
            None => lib.remove(fingerprint, self.now()),
        }
        let bytes = serde_json::to_vec_pretty(&lib).map_err(|e| e.to_string())?;
        let result = atomic::write_atomic(&file, &bytes, &self.faults)
            .map_err(|e| format!("the library index can't be saved: {}: {e}", file.display()));
        drop(lock);
        result
    }

    /// Record `entry` in the index (and forget `forget`). `locked`: the store lock is held. Err is a
    /// one-line warning: the book's own file is already saved, so nothing is lost.
    pub(crate) fn update_library(
        &self,
        entry: LibraryEntry,
        forget: &[String],
        locked: bool,
    ) -> Result<(), String> {
        let file = self.library_file();
        let mut lib = match library::read_library(&file) {
            LibraryRead::Ok(lib) => lib,
            LibraryRead::Missing => library::rebuild(&self.books_dir(), self.machine()).0,
            LibraryRead::Bad { reason, future } => {
                let warning = self.library_problem(&reason, future);
                if future {
                    return Err(warning);
                }
                library::rebuild(&self.books_dir(), self.machine()).0
            }
        };
        lib.version = library::LIBRARY_VERSION;
        lib.upsert(entry, forget);
        let bytes = serde_json::to_vec_pretty(&lib).map_err(|e| e.to_string())?;
        if locked {
            atomic::remove_stale_temps(&file);
        }
        atomic::write_atomic(&file, &bytes, &self.faults)
            .map_err(|e| format!("the library index can't be saved: {}: {e}", file.display()))
    }
}
