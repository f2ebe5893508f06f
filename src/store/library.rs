//! The library: a small index (`library.json`) of the books read, newest first, so `kanshu`
//! without a FILE and the `L` list don't need to read every book's file.
//!
//! The index is a cache: everything in it is also in the per-book files, and when it is lost
//! or unreadable it is rebuilt from them. No terminal crate; writes go through `atomic`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::state::{
    BookState, Loaded, MAX_MACHINE_CHARS, MAX_TITLE_CHARS, MachinePath, cut_chars, exact_path,
    read_state,
};

/// How many removals the index remembers (see `Library::removed`).
const MAX_REMOVED: usize = 1000;

/// Version of the library index format.
pub const LIBRARY_VERSION: u32 = 1;

/// One book in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub fingerprint: String,
    pub title: String,
    /// Where it was last opened from on this machine when known, else on the machine that
    /// read it last, as text (see `path_buf` for the exact path).
    #[serde(default)]
    pub path: Option<String>,
    /// The exact bytes of `path`, in hex, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    #[serde(default)]
    pub last_read: Timestamp,
    /// The machine it was last read on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// Where each machine last opened it from (as in the book's file), so an index carried
    /// from another machine still knows this machine's path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub paths: BTreeMap<String, MachinePath>,
    /// 0–100.
    #[serde(default)]
    pub progress: f64,
    /// The chapter reading stopped in.
    #[serde(default)]
    pub chapter_title: String,
}

impl LibraryEntry {
    /// The entry of a book, with the path `machine` opened it from when there is one.
    pub fn from_state(state: &BookState, machine: Option<&str>) -> LibraryEntry {
        let mut entry = LibraryEntry {
            fingerprint: state.fingerprint.clone(),
            title: state.title.clone(),
            path: state.path.clone(),
            path_bytes: state.path_bytes.clone(),
            last_read: state.last_read,
            machine: state.machine.clone(),
            paths: state.paths.clone(),
            progress: state.progress(),
            chapter_title: state
                .position
                .as_ref()
                .map(|p| p.anchor.chapter_title.clone())
                .unwrap_or_default(),
        };
        entry.localize(machine);
        entry
    }

    /// Show the path `machine` opened the book from, if it ever did (else the one an older
    /// kanshu wrote, else the latest on any machine, as it is).
    pub fn localize(&mut self, machine: Option<&str>) {
        let mine = machine.and_then(|m| self.paths.get(m));
        if let Some(p) = mine.or_else(|| self.paths.get("")) {
            self.path = Some(p.path.clone());
            self.path_bytes = p.path_bytes.clone();
        }
    }

    /// The file to open, exactly (whatever bytes its name has), if the path is known.
    pub fn path_buf(&self) -> Option<PathBuf> {
        exact_path(self.path.as_deref(), self.path_bytes.as_deref())
    }

    /// True when the book's file is no longer where it was last opened from.
    pub fn is_missing(&self) -> bool {
        self.path_buf().is_none_or(|p| !p.is_file())
    }
}

/// The index file's contents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub version: u32,
    pub books: Vec<LibraryEntry>,
    /// Books taken out of the list, with when: a copy of the index another machine wrote
    /// before the removal (a sync conflict copy) does not bring them back; reading the book
    /// again after that moment does.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub removed: BTreeMap<String, Timestamp>,
}

impl Library {
    /// Put `entry` in (replacing an older entry for the same book) and drop `forget`
    /// fingerprints; keeps newest first.
    pub fn upsert(&mut self, entry: LibraryEntry, forget: &[String]) {
        self.books.retain(|b| !forget.contains(&b.fingerprint));
        if let Some(&when) = self.removed.get(&entry.fingerprint) {
            if entry.last_read <= when {
                return;
            }
            self.removed.remove(&entry.fingerprint);
        }
        match self
            .books
            .iter_mut()
            .find(|b| b.fingerprint == entry.fingerprint)
        {
            Some(old) if old.last_read > entry.last_read => {}
            Some(old) => *old = entry,
            None => self.books.push(entry),
        }
        self.sort();
    }

    /// Fold another copy of the index into this one (a copy a sync tool left): every book of
    /// either; for a book in both, the details of the copy read last, and each machine's
    /// latest path. Later localized by the caller.
    pub fn merge_from(&mut self, other: Library) {
        self.version = self.version.max(other.version);
        for (fingerprint, when) in other.removed {
            let mine = self.removed.entry(fingerprint).or_insert(when);
            *mine = (*mine).max(when);
        }
        for theirs in other.books {
            match self
                .books
                .iter_mut()
                .find(|b| b.fingerprint == theirs.fingerprint)
            {
                Some(ours) => {
                    let mut paths = std::mem::take(&mut ours.paths);
                    for (m, p) in &theirs.paths {
                        if paths.get(m).is_none_or(|old| p > old) {
                            paths.insert(m.clone(), p.clone());
                        }
                    }
                    if theirs.last_read > ours.last_read {
                        *ours = theirs;
                    }
                    ours.paths = paths;
                }
                None => self.books.push(theirs),
            }
        }
        self.forget_removed();
        self.sort();
    }

    /// Take a book out of the list as of `when` (see `removed`).
    pub fn remove(&mut self, fingerprint: &str, when: Timestamp) {
        self.books.retain(|b| b.fingerprint != fingerprint);
        self.removed.insert(fingerprint.to_string(), when);
    }

    /// Put a removed entry back (undo): the removal is forgotten.
    pub fn restore(&mut self, entry: LibraryEntry) {
        self.removed.remove(&entry.fingerprint);
        self.upsert(entry, &[]);
    }

    /// Drop the books removed after they were last read; forget a removal once the book is back,
    /// and keep only the newest `MAX_REMOVED` removals (the index stays small).
    fn forget_removed(&mut self) {
        let removed = &self.removed;
        self.books.retain(|b| {
            removed
                .get(&b.fingerprint)
                .is_none_or(|&when| b.last_read > when)
        });
        let books = &self.books;
        self.removed
            .retain(|f, _| !books.iter().any(|b| &b.fingerprint == f));
        if self.removed.len() > MAX_REMOVED {
            let mut times: Vec<Timestamp> = self.removed.values().copied().collect();
            times.sort_unstable_by(|a, b| b.cmp(a));
            let keep_from = times[MAX_REMOVED - 1];
            self.removed.retain(|_, when| *when >= keep_from);
        }
    }

    pub fn sort(&mut self) {
        self.books.sort_by(|a, b| {
            b.last_read
                .cmp(&a.last_read)
                .then_with(|| a.title.cmp(&b.title))
        });
    }

    /// The entry of the book last opened from `path`, if any.
    pub fn find_by_path(&self, path: &Path) -> Option<&LibraryEntry> {
        self.books
            .iter()
            .find(|b| b.path_buf().as_deref() == Some(path))
    }
}

/// What reading the index gave.
pub enum LibraryRead {
    Ok(Library),
    Missing,
    /// Unreadable, or from a newer kanshu (`future` = true: leave it alone).
    Bad {
        reason: String,
        future: bool,
    },
}

pub fn read_library(path: &Path) -> LibraryRead {
    let bytes = match super::atomic::read_existing(path) {
        Ok(Some(b)) => b,
        Ok(None) => return LibraryRead::Missing,
        Err(reason) => {
            return LibraryRead::Bad {
                reason,
                future: false,
            };
        }
    };
    match serde_json::from_slice::<Library>(&bytes) {
        Ok(lib) if lib.version > LIBRARY_VERSION => LibraryRead::Bad {
            reason: format!("written by a newer kanshu (format {})", lib.version),
            future: true,
        },
        Ok(mut lib) => {
            // A time from a clock that ran ahead would keep an entry first (and unchanged) for
            // good; titles are cut as in the book files.
            let now = Timestamp::now();
            for b in &mut lib.books {
                b.last_read = b.last_read.min(now);
                cut_chars(&mut b.title, MAX_TITLE_CHARS);
                cut_chars(&mut b.chapter_title, MAX_TITLE_CHARS);
                if let Some(m) = b.machine.as_mut() {
                    cut_chars(m, MAX_MACHINE_CHARS);
                }
                for p in b.paths.values_mut() {
                    p.at = p.at.min(now);
                }
            }
            lib.sort();
            LibraryRead::Ok(lib)
        }
        Err(_) if let Some(lib) = read_git_conflict(&bytes) => LibraryRead::Ok(lib),
        Err(e) => {
            let future = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| v.get("version").and_then(|v| v.as_u64()))
                .is_some_and(|v| v > u64::from(LIBRARY_VERSION));
            LibraryRead::Bad {
                reason: format!("not a library index ({e})"),
                future,
            }
        }
    }
}

/// An index that git left with conflict markers: both sides, merged.
fn read_git_conflict(bytes: &[u8]) -> Option<Library> {
    let (ours, theirs) = super::sync::conflict_sides(bytes)?;
    let side = |text: &str| serde_json::from_str::<Library>(text).ok();
    let mut lib = side(&ours)?;
    lib.merge_from(side(&theirs)?);
    (lib.version <= LIBRARY_VERSION).then_some(lib)
}

/// Rebuild the index from the per-book files in `books_dir` (unreadable ones are skipped and
/// named in the returned warnings).
pub fn rebuild(books_dir: &Path, machine: Option<&str>) -> (Library, Vec<String>) {
    let mut lib = Library {
        version: LIBRARY_VERSION,
        ..Library::default()
    };
    let mut warnings = Vec::new();
    for (path, loaded) in scan_books(books_dir) {
        match loaded {
            Loaded::Ok(state) => lib.books.push(LibraryEntry::from_state(&state, machine)),
            Loaded::Future {
                state: Some(state), ..
            } => lib.books.push(LibraryEntry::from_state(&state, machine)),
            Loaded::Corrupt { reason } => warnings.push(format!(
                "skipped unreadable reading state {}: {reason}",
                path.display()
            )),
            _ => {}
        }
    }
    lib.sort();
    (lib, warnings)
}

/// Every per-book state file in `books_dir`, read (temporary and quarantined files skipped).
pub fn scan_books(books_dir: &Path) -> Vec<(PathBuf, Loaded)> {
    let Ok(entries) = std::fs::read_dir(books_dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // `<32 hex digits>.json` only: temp files, quarantined files and a syncer's
            // conflict copies are not books.
            name.strip_suffix(".json")
                .is_some_and(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let loaded = read_state(&p);
            (p, loaded)
        })
        .collect()
}
