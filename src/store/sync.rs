//! What file-sync tools leave in the state directory when two machines wrote the same file
//! while apart, and how it is folded back in.
//!
//! Syncthing keeps the loser as `NAME.sync-conflict-<date>-<time>-<device>.json`, Dropbox and
//! Nextcloud as `NAME (… conflicted copy …).json`, ownCloud as `NAME_conflict-….json`, and
//! `git mergetool` leaves `NAME.json.orig`; a `git merge` itself writes both sides into the
//! file between conflict markers. Each copy of a book's file (or of the library index) is
//! merged into the file (`merge`), the result written atomically, and only then the copies
//! removed; a copy that cannot be read is moved aside, one from a newer kanshu is left alone.
//! Runs under the store lock. No terminal crate.

use std::path::{Path, PathBuf};

use super::library::{self, Library, LibraryRead};
use super::state::{BookState, Loaded, STATE_VERSION, read_state};
use super::{Store, atomic};

/// Whether the file `name` is a sync tool's conflict copy of the file named `base` (such as
/// `<fingerprint>.json` or `library.json`).
pub fn is_conflict_copy(name: &str, base: &str) -> bool {
    let Some((stem, ext)) = base.rsplit_once('.') else {
        return false;
    };
    if name == base || name.starts_with('.') || name.contains(".corrupt-") {
        return false;
    }
    if name.strip_prefix(base) == Some(".orig") {
        return true;
    }
    let Some(middle) = name
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_suffix(ext))
        .and_then(|rest| rest.strip_suffix('.'))
    else {
        return false;
    };
    middle.starts_with(".sync-conflict-")
        || middle.starts_with("_conflict-")
        || (middle.starts_with(" (")
            && middle.ends_with(')')
            && middle.to_lowercase().contains("conflict"))
}

/// The conflict copies of `base` in `dir`, in name order.
pub fn conflict_copies(dir: &Path, base: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| is_conflict_copy(&e.file_name().to_string_lossy(), base))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// The two sides of a file `git merge` left with conflict markers (`<<<<<<<`, `|||||||`,
/// `=======`, `>>>>>>>`): ours and theirs, each with the lines both share. `None` when there
/// are no markers or they are not well formed.
pub fn conflict_sides(bytes: &[u8]) -> Option<(String, String)> {
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.lines().any(|l| l.starts_with("<<<<<<<")) {
        return None;
    }
    #[derive(PartialEq)]
    enum Part {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let (mut ours, mut theirs) = (String::new(), String::new());
    let mut part = Part::Both;
    for line in text.split_inclusive('\n') {
        part = match part {
            Part::Both if line.starts_with("<<<<<<<") => Part::Ours,
            Part::Ours if line.starts_with("|||||||") => Part::Base,
            Part::Ours | Part::Base if line.starts_with("=======") => Part::Theirs,
            Part::Theirs if line.starts_with(">>>>>>>") => Part::Both,
            Part::Both => {
                ours.push_str(line);
                theirs.push_str(line);
                Part::Both
            }
            Part::Ours => {
                ours.push_str(line);
                Part::Ours
            }
            Part::Base => Part::Base,
            Part::Theirs => {
                theirs.push_str(line);
                Part::Theirs
            }
        };
    }
    (part == Part::Both).then_some((ours, theirs))
}

/// A state file that git left with conflict markers, both sides merged; `None` when it has
/// none or a side does not read.
pub(crate) fn read_git_conflict(bytes: &[u8]) -> Option<BookState> {
    let (ours, theirs) = conflict_sides(bytes)?;
    let side = |text: &str| match super::state::parse_state(text.as_bytes()) {
        Loaded::Ok(s) => Some(*s),
        _ => None,
    };
    let mut state = side(&ours)?;
    let theirs = side(&theirs)?;
    if theirs.fingerprint != state.fingerprint {
        return None;
    }
    state.merge_from(theirs);
    Some(state)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Store {
    /// Fold the conflict copies of book `fp`'s file and of the library index into those files,
    /// then remove them. Warnings come back one line each; nothing is removed that was not
    /// first saved in the merged file.
    pub(crate) fn settle_conflicts(&self, fp: &str) -> Vec<String> {
        let book = self.book_file(fp);
        let copies = conflict_copies(&self.books_dir(), &file_name(&book));
        let index_copies = conflict_copies(self.dir(), &file_name(&self.library_file()));
        let mut warnings = Vec::new();
        if copies.is_empty() && index_copies.is_empty() {
            return warnings;
        }
        let lock = self.lock();
        if !copies.is_empty() {
            self.settle_book(&book, fp, &copies, lock.is_some(), &mut warnings);
        }
        if !index_copies.is_empty() {
            self.settle_index(&index_copies, lock.is_some(), &mut warnings);
        }
        warnings
    }

    fn settle_book(
        &self,
        file: &Path,
        fp: &str,
        copies: &[PathBuf],
        locked: bool,
        warnings: &mut Vec<String>,
    ) {
        let now = self.now();
        let mut merged: Option<BookState> = match read_state(file) {
            Loaded::Ok(s) => Some(*s),
            Loaded::Missing => None,
            Loaded::Future { .. } => {
                warnings.push(format!(
                    "{} is from a newer kanshu: its conflict copies are left as they are",
                    file.display()
                ));
                return;
            }
            Loaded::Corrupt { reason } => {
                match self.quarantine(file) {
                    Ok(to) => warnings.push(format!(
                        "this book's saved state was unreadable and is moved aside ({reason}): {}",
                        to.display()
                    )),
                    Err(e) => {
                        warnings.push(format!("{} is unreadable ({reason}): {e}", file.display()));
                        return;
                    }
                }
                None
            }
        };
        let mut done = Vec::new();
        for copy in copies {
            match read_state(copy) {
                Loaded::Ok(mut s) if s.fingerprint == fp => {
                    s.bound_clock(now, now);
                    match merged.as_mut() {
                        Some(m) => m.merge_from(*s),
                        None => merged = Some(*s),
                    }
                    done.push(copy);
                }
                Loaded::Ok(_) | Loaded::Missing => {}
                Loaded::Future { .. } => warnings.push(format!(
                    "{} is from a newer kanshu and is left as it is",
                    copy.display()
                )),
                Loaded::Corrupt { reason } => match self.quarantine(copy) {
                    Ok(to) => warnings.push(format!(
                        "a conflict copy was unreadable and is moved aside ({reason}): {}",
                        to.display()
                    )),
                    Err(e) => warnings.push(format!("{} is unreadable: {e}", copy.display())),
                },
            }
        }
        let Some(mut state) = merged.filter(|_| !done.is_empty()) else {
            return;
        };
        state.bound_clock(now, now);
        state.expire_tombstones(now);
        state.version = STATE_VERSION;
        let written = serde_json::to_vec_pretty(&state)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if locked {
                    atomic::remove_stale_temps(file);
                }
                atomic::write_atomic(file, &bytes, self.faults()).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => {
                for copy in done {
                    if let Err(e) = std::fs::remove_file(copy) {
                        warnings.push(format!(
                            "a merged conflict copy can't be removed: {}: {e}",
                            copy.display()
                        ));
                    }
                }
            }
            Err(e) => warnings.push(format!(
                "conflict copies can't be merged into {} ({e}); they are kept",
                file.display()
            )),
        }
    }

    /// The library index and its conflict copies, merged (`read_only`: nothing moved or
    /// written). The paths of `done` copies were merged; `future` is set when the index itself
    /// is from a newer kanshu.
    pub(crate) fn merged_index(
        &self,
        copies: &[PathBuf],
        read_only: bool,
        warnings: &mut Vec<String>,
    ) -> (Library, Vec<PathBuf>, bool) {
        let file = self.library_file();
        let (mut lib, future) = match library::read_library(&file) {
            LibraryRead::Ok(lib) => (lib, false),
            LibraryRead::Missing => (library::rebuild(&self.books_dir(), self.machine()).0, false),
            LibraryRead::Bad { reason, future } => {
                if !read_only || future {
                    warnings.push(self.library_problem(&reason, future));
                }
                (
                    library::rebuild(&self.books_dir(), self.machine()).0,
                    future,
                )
            }
        };
        let mut done = Vec::new();
        for copy in copies {
            match library::read_library(copy) {
                LibraryRead::Ok(other) => {
                    lib.merge_from(other);
                    done.push(copy.clone());
                }
                LibraryRead::Missing | LibraryRead::Bad { future: true, .. } => {}
                LibraryRead::Bad { reason, .. } if !read_only => match self.quarantine(copy) {
                    Ok(to) => warnings.push(format!(
                        "a conflict copy of the library index was unreadable ({reason}); \
                         moved aside to {}",
                        to.display()
                    )),
                    Err(e) => warnings.push(format!("{} is unreadable: {e}", copy.display())),
                },
                LibraryRead::Bad { .. } => {}
            }
        }
        for b in &mut lib.books {
            b.localize(self.machine());
        }
        (lib, done, future)
    }

    fn settle_index(&self, copies: &[PathBuf], locked: bool, warnings: &mut Vec<String>) {
        let (mut lib, done, future) = self.merged_index(copies, false, warnings);
        if future || done.is_empty() {
            return;
        }
        let file = self.library_file();
        lib.version = library::LIBRARY_VERSION;
        let written = serde_json::to_vec_pretty(&lib)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if locked {
                    atomic::remove_stale_temps(&file);
                }
                atomic::write_atomic(&file, &bytes, self.faults()).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => {
                for copy in done {
                    let _ = std::fs::remove_file(copy);
                }
            }
            Err(e) => warnings.push(format!(
                "conflict copies of the library index can't be merged ({e}); they are kept"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_sync_tools_give_conflict_copies_are_known() {
        let base = "0123456789abcdef0123456789abcdef.json";
        for name in [
            "0123456789abcdef0123456789abcdef.sync-conflict-20261202-114421-ABCDEFG.json",
            "0123456789abcdef0123456789abcdef (conflicted copy 2026-12-02 114421).json",
            "0123456789abcdef0123456789abcdef (Ann's conflicted copy 2026-12-02).json",
            "0123456789abcdef0123456789abcdef_conflict-20261202-114421.json",
            "0123456789abcdef0123456789abcdef.json.orig",
        ] {
            assert!(is_conflict_copy(name, base), "{name}");
        }
        for name in [
            base,
            "0123456789abcdef0123456789abcdef.json.corrupt-1700000000",
            ".0123456789abcdef0123456789abcdef.json.tmp-1-2",
            "0123456789abcdef0123456789abcdef (copy).json",
            "ffff456789abcdef0123456789abcdef.sync-conflict-20261202-114421-ABCDEFG.json",
            "0123456789abcdef0123456789abcdef.sync-conflict-x.json.corrupt-17",
        ] {
            assert!(!is_conflict_copy(name, base), "{name}");
        }
        assert!(is_conflict_copy(
            "library.sync-conflict-20261202-114421-ABCDEFG.json",
            "library.json"
        ));
    }

    #[test]
    fn git_conflict_markers_give_both_sides() {
        let text = "{\n  \"a\": 1,\n<<<<<<< HEAD\n  \"b\": 2\n||||||| base\n  \"b\": 0\n=======\n  \"b\": 3\n>>>>>>> other\n}\n";
        let (ours, theirs) = conflict_sides(text.as_bytes()).unwrap();
        assert_eq!(ours, "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
        assert_eq!(theirs, "{\n  \"a\": 1,\n  \"b\": 3\n}\n");
        assert_eq!(conflict_sides(b"{}"), None);
        assert_eq!(conflict_sides(b"<<<<<<< HEAD\n{}\n"), None, "unterminated");
    }
}
