//! What is saved for one book (`BookState`) and how it is read back. One JSON file per book:
//! `books/<fingerprint>.json`. How two copies of it are merged is in `merge`; highlights are
//! in `highlight`.
//!
//! Reading never fails outright: a missing file is a fresh start, an unreadable one is reported
//! as `Loaded::Corrupt` (the caller moves it aside), one from a newer kanshu as
//! `Loaded::Future` (the caller must not overwrite it). What is read is bounded before anyone
//! uses it (names, titles and snippets cut to their limits, percentages into 0–100, times
//! into the range that reads back), so a hostile file costs no more than a real one. No
//! terminal crate, no writing here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::highlight::Highlight;
use crate::document::sources::SourcePlace;
use crate::position::Position;

/// Version of the per-book file format written by this kanshu.
pub const STATE_VERSION: u32 = 1;

/// Longest bookmark name kept, in characters (a longer one is cut when typed and when read).
pub const MAX_NAME_CHARS: usize = 200;
/// Longest book or chapter title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// Longest snippet kept, in bytes (the reader writes about 300 at most); a longer one read from
/// a file is cut to this much around its place.
pub const MAX_SNIPPET_BYTES: usize = 1024;
/// Longest machine name kept, in characters.
pub const MAX_MACHINE_CHARS: usize = 64;
/// How long a deleted bookmark or highlight is remembered (so that a copy synced from another machine that
/// still has it does not bring it back): 180 days, in milliseconds.
pub const TOMBSTONE_LIFE_MS: i64 = 180 * 24 * 3600 * 1000;

/// `s` cut to at most `max` characters.
pub fn cut_chars(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

/// A remembered place: the `Position` plus what is needed to find it again if the text changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// Chapter and byte offset, as the reader names places.
    pub position: Position,
    /// The same place as a byte offset into the whole text (exact even if a newer kanshu splits
    /// chapters differently).
    #[serde(default)]
    pub text_offset: usize,
    /// Title of the chapter it is in (for lists, and to find the chapter again).
    #[serde(default)]
    pub chapter_title: String,
    /// A little of the text around the place…
    #[serde(default)]
    pub snippet: String,
    /// …and how many bytes into `snippet` the place is.
    #[serde(default)]
    pub snippet_at: usize,
    /// How far into the book, 0–100.
    #[serde(default)]
    pub percent: f64,
    /// Where the place is in the book's own files, for a converted book (EPUB): found first
    /// when a later kanshu converts the book differently. Absent for text books.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourcePlace>,
}

impl Anchor {
    /// Bring what a file said into bounds: the snippet cut around its place, the title cut,
    /// the percentage into 0–100.
    pub(crate) fn bound(&mut self) {
        cut_chars(&mut self.chapter_title, MAX_TITLE_CHARS);
        // A path longer than any real one is not a place in this book's files.
        if self
            .source
            .as_ref()
            .is_some_and(|p| p.href.len() > MAX_SNIPPET_BYTES)
        {
            self.source = None;
        }
        if !(0.0..=100.0).contains(&self.percent) {
            self.percent = if self.percent > 100.0 { 100.0 } else { 0.0 };
        }
        let s = &self.snippet;
        let at = s.floor_char_boundary(self.snippet_at.min(s.len()));
        if s.len() > MAX_SNIPPET_BYTES {
            let half = MAX_SNIPPET_BYTES / 2;
            let start = s.floor_char_boundary(at.saturating_sub(half));
            let end = s.floor_char_boundary((at + half).min(s.len()));
            self.snippet = s[start..end].to_string();
            self.snippet_at = at - start;
        } else {
            self.snippet_at = at;
        }
    }
}

/// A named place the reader chose to keep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across processes and machines; never reused.
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub anchor: Anchor,
    pub created: Timestamp,
    /// Last change (rename, delete, undo); the newest edit wins when two copies are merged.
    pub edited: Timestamp,
    /// A tombstone: deleted bookmarks are kept so a merge doesn't bring them back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

fn is_epoch(t: &Timestamp) -> bool {
    *t == Timestamp::default()
}

/// Where one machine last opened a book from (the same book has other paths on other
/// machines).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MachinePath {
    /// When this machine last opened it from there (first field: the later one wins a merge).
    pub at: Timestamp,
    pub path: String,
    /// The exact bytes of `path`, in hex, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
}

/// The reading position and when it was last moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingPlace {
    #[serde(flatten)]
    pub anchor: Anchor,
    pub updated: Timestamp,
}

/// Everything kept about one book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookState {
    pub version: u32,
    /// Content fingerprint (see `store::fingerprint`); also the file name.
    pub fingerprint: String,
    pub title: String,
    /// Where the book was last opened from, on whichever machine read it last, as text (for
    /// people and older kanshu; see `path_buf` for the exact path and `path_on` for one
    /// machine's).
    #[serde(default)]
    pub path: Option<String>,
    /// The exact bytes of `path`, in hex, when it is not UTF-8 (so it round-trips).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// Size of the decoded text in bytes.
    #[serde(default)]
    pub text_bytes: usize,
    #[serde(default)]
    pub last_read: Timestamp,
    /// The machine the book was last read on (its host name; see `store::machine`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// Where each machine last opened the book from, by machine name ("" for a machine whose
    /// name is not known, and for the path an older kanshu wrote).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub paths: BTreeMap<String, MachinePath>,
    /// Where reading stopped; `None` before the first save of a position.
    #[serde(default)]
    pub position: Option<ReadingPlace>,
    /// Live bookmarks and tombstones, in no particular order.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// Live highlights and tombstones, in no particular order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
    /// The reader's answer to the clean-view offer for this book: shown cleaned (`true`) or as
    /// written (`false`); `None` until the clean view was switched in this book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clean_view: Option<bool>,
    /// When `clean_view` was last chosen (the later choice wins a merge).
    #[serde(default, skip_serializing_if = "is_epoch")]
    pub clean_view_set: Timestamp,
    /// The reader's vertical-pages choice for this book (the `V` key), which wins over the
    /// book's own writing mode; `None` until `V` was pressed in this book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertical: Option<bool>,
    /// When `vertical` was last chosen (the later choice wins a merge).
    #[serde(default, skip_serializing_if = "is_epoch")]
    pub vertical_set: Timestamp,
}

impl BookState {
    pub fn new(fingerprint: &str, title: &str) -> BookState {
        BookState {
            version: STATE_VERSION,
            fingerprint: fingerprint.to_string(),
            title: title.to_string(),
            path: None,
            path_bytes: None,
            text_bytes: 0,
            last_read: Timestamp::default(),
            machine: None,
            paths: BTreeMap::new(),
            position: None,
            bookmarks: Vec::new(),
            highlights: Vec::new(),
            clean_view: None,
            clean_view_set: Timestamp::default(),
            vertical: None,
            vertical_set: Timestamp::default(),
        }
    }

    /// Progress through the book, 0–100 (0 before any position was saved).
    pub fn progress(&self) -> f64 {
        self.position
            .as_ref()
            .map(|p| p.anchor.percent)
            .unwrap_or(0.0)
    }

    /// Live (not deleted) bookmarks in reading order.
    pub fn live_bookmarks(&self) -> Vec<&Bookmark> {
        let mut v: Vec<&Bookmark> = self.bookmarks.iter().filter(|b| !b.deleted).collect();
        v.sort_by_key(|b| (b.anchor.text_offset, b.created));
        v
    }

    /// Live (not deleted) highlights in reading order.
    pub fn live_highlights(&self) -> Vec<&Highlight> {
        let mut v: Vec<&Highlight> = self.highlights.iter().filter(|h| !h.deleted).collect();
        v.sort_by_key(|h| (h.start.text_offset, h.end.text_offset, h.created));
        v
    }

    /// The exact path the book was last opened from.
    pub fn path_buf(&self) -> Option<PathBuf> {
        exact_path(self.path.as_deref(), self.path_bytes.as_deref())
    }

    /// The exact path `machine` last opened the book from; else the path of unknown origin (an
    /// older kanshu's); else where it was last opened on any machine.
    pub fn path_on(&self, machine: Option<&str>) -> Option<PathBuf> {
        let mine = machine.and_then(|m| self.paths.get(m));
        match mine.or_else(|| self.paths.get("")) {
            Some(p) => exact_path(Some(&p.path), p.path_bytes.as_deref()),
            None => self.path_buf(),
        }
    }

    /// Remember that `machine` opened the book from `path` at `at` (exactly, whatever bytes
    /// the name has).
    pub fn set_path_on(&mut self, machine: Option<&str>, path: &Path, at: Timestamp) {
        let (text, path_bytes) = store_path(path);
        let entry = MachinePath {
            at,
            path: text.unwrap_or_default(),
            path_bytes,
        };
        self.paths.insert(machine.unwrap_or("").to_string(), entry);
        self.derive_path();
    }

    /// Remember where the book was opened from on a machine whose name is not known.
    pub fn set_path(&mut self, path: &Path) {
        self.set_path_on(None, path, self.last_read);
    }

    /// `path` and `path_bytes` from `paths`: the path most recently opened on any machine.
    pub(crate) fn derive_path(&mut self) {
        if let Some((_, p)) = self
            .paths
            .iter()
            .max_by(|a, b| (&a.1.at, a.0).cmp(&(&b.1.at, b.0)))
        {
            self.path = Some(p.path.clone());
            self.path_bytes = p.path_bytes.clone();
        }
    }

    /// Bring what a file said into bounds (see the module documentation).
    pub fn bound(&mut self) {
        cut_chars(&mut self.title, MAX_TITLE_CHARS);
        if let Some(m) = self.machine.as_mut() {
            cut_chars(m, MAX_MACHINE_CHARS);
        }
        if self
            .paths
            .keys()
            .any(|k| k.chars().count() > MAX_MACHINE_CHARS)
        {
            self.paths = std::mem::take(&mut self.paths)
                .into_iter()
                .map(|(mut k, v)| {
                    cut_chars(&mut k, MAX_MACHINE_CHARS);
                    (k, v)
                })
                .collect();
        }
        // A path written by an older kanshu belongs to no machine in particular.
        if self.paths.is_empty()
            && let Some(path) = &self.path
        {
            let entry = MachinePath {
                at: self.last_read,
                path: path.clone(),
                path_bytes: self.path_bytes.clone(),
            };
            self.paths.insert(String::new(), entry);
        }
        self.derive_path();
        if let Some(place) = self.position.as_mut() {
            place.anchor.bound();
        }
        for b in &mut self.bookmarks {
            cut_chars(&mut b.name, MAX_NAME_CHARS);
            b.anchor.bound();
        }
        for h in &mut self.highlights {
            h.bound();
        }
        // One entry per id, in a fixed order (a file may hold an id twice).
        super::merge::unite(&mut self.bookmarks, Vec::new());
        super::merge::unite(&mut self.highlights, Vec::new());
    }

    /// Take every time later than `now` as `instead` (at most `now`): a copy written on a
    /// machine whose clock ran ahead must not win every later merge (and keep its bookmarks
    /// from being renamed or deleted) for good.
    pub fn bound_clock(&mut self, now: Timestamp, instead: Timestamp) {
        let instead = instead.min(now);
        let bound = |t: &mut Timestamp| {
            if *t > now {
                *t = instead;
            }
        };
        bound(&mut self.last_read);
        bound(&mut self.clean_view_set);
        bound(&mut self.vertical_set);
        for p in self.paths.values_mut() {
            bound(&mut p.at);
        }
        if let Some(place) = self.position.as_mut() {
            bound(&mut place.updated);
        }
        for b in &mut self.bookmarks {
            bound(&mut b.created);
            bound(&mut b.edited);
        }
        for h in &mut self.highlights {
            bound(&mut h.created);
            bound(&mut h.edited);
        }
    }

    /// Forget bookmarks and highlights deleted more than `TOMBSTONE_LIFE_MS` before `now`.
    pub fn expire_tombstones(&mut self, now: Timestamp) {
        let horizon = now.0.saturating_sub(TOMBSTONE_LIFE_MS);
        self.bookmarks
            .retain(|b| !b.deleted || b.edited.0 >= horizon);
        self.highlights
            .retain(|h| !h.deleted || h.edited.0 >= horizon);
    }
}

/// A path as stored: its text, and its exact bytes in hex when the text is not exact.
pub(crate) fn store_path(path: &Path) -> (Option<String>, Option<String>) {
    let text = path.to_string_lossy().into_owned();
    let bytes = path_bytes(path)
        .filter(|_| path.to_str().is_none())
        .map(|b| b.iter().map(|x| format!("{x:02x}")).collect());
    (Some(text), bytes)
}

/// The exact path from its stored text and bytes (the bytes win when they can be read).
pub(crate) fn exact_path(text: Option<&str>, hex: Option<&str>) -> Option<PathBuf> {
    hex.and_then(path_from_hex)
        .or_else(|| text.map(PathBuf::from))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Some(path.as_os_str().as_bytes().to_vec())
}

#[cfg(not(unix))]
fn path_bytes(_path: &Path) -> Option<Vec<u8>> {
    None
}

#[cfg(unix)]
fn path_from_hex(hex: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    if !hex.len().is_multiple_of(2) || hex.is_empty() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect();
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes?)))
}

#[cfg(not(unix))]
fn path_from_hex(_hex: &str) -> Option<PathBuf> {
    None
}

/// The result of reading a state file.
#[derive(Debug)]
pub enum Loaded {
    /// No file: nothing was saved for this book yet.
    Missing,
    Ok(Box<BookState>),
    /// Written by a newer kanshu: leave it alone. `state` is what could be read of it.
    Future {
        version: u64,
        state: Option<Box<BookState>>,
    },
    /// Can't be read or parsed (`reason` is one line).
    Corrupt {
        reason: String,
    },
}

/// Read and parse one state file.
pub fn read_state(path: &Path) -> Loaded {
    let bytes = match super::atomic::read_existing(path) {
        Ok(Some(b)) => b,
        Ok(None) => return Loaded::Missing,
        Err(reason) => return Loaded::Corrupt { reason },
    };
    parse_state(&bytes)
}

/// Parse the bytes of a state file.
pub fn parse_state(bytes: &[u8]) -> Loaded {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            // Both sides of a git merge conflict, merged, are what the file means.
            if let Some(state) = super::sync::read_git_conflict(bytes) {
                return Loaded::Ok(Box::new(state));
            }
            return Loaded::Corrupt {
                reason: format!("not valid JSON ({e})"),
            };
        }
    };
    let Some(version) = value.get("version").and_then(|v| v.as_u64()) else {
        return Loaded::Corrupt {
            reason: "no format version".into(),
        };
    };
    let parsed = serde_json::from_value::<BookState>(value).map(|mut state| {
        state.bound();
        state
    });
    if version > u64::from(STATE_VERSION) {
        return Loaded::Future {
            version,
            state: parsed.ok().map(Box::new),
        };
    }
    match parsed {
        Ok(state) => Loaded::Ok(Box::new(state)),
        Err(e) => Loaded::Corrupt {
            reason: format!("unexpected contents ({e})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(id: &str, edited: i64, deleted: bool) -> Bookmark {
        Bookmark {
            id: id.into(),
            name: format!("{id}@{edited}"),
            anchor: Anchor {
                position: Position::new(0, 0),
                text_offset: 0,
                chapter_title: String::new(),
                snippet: String::new(),
                snippet_at: 0,
                percent: 0.0,
                source: None,
            },
            created: Timestamp(1),
            edited: Timestamp(edited),
            deleted,
        }
    }

    #[test]
    fn merge_unites_bookmarks_and_newest_edit_wins() {
        let mut ours = BookState::new("f", "t");
        ours.bookmarks = vec![
            mark("a", 5, false),
            mark("b", 5, false),
            mark("c", 9, false),
        ];
        let mut theirs = BookState::new("f", "t");
        theirs.bookmarks = vec![mark("b", 7, true), mark("c", 3, true), mark("d", 1, false)];
        ours.merge_from(theirs);
        let by_id = |id: &str| ours.bookmarks.iter().find(|b| b.id == id).unwrap().clone();
        assert!(!by_id("a").deleted);
        assert!(by_id("b").deleted, "their later deletion wins");
        assert!(
            !by_id("c").deleted,
            "our later edit wins over an older deletion"
        );
        assert_eq!(by_id("d").name, "d@1");
        assert_eq!(ours.live_bookmarks().len(), 3);
    }

    #[test]
    fn garbage_future_and_good_files_are_told_apart() {
        assert!(matches!(
            parse_state(b"{\"version\": 1,"),
            Loaded::Corrupt { .. }
        ));
        assert!(matches!(parse_state(b"[]"), Loaded::Corrupt { .. }));
        assert!(matches!(
            parse_state(b"{\"version\": 99, \"whatever\": true}"),
            Loaded::Future {
                version: 99,
                state: None
            }
        ));
        let good = serde_json::to_vec(&BookState::new("f", "t")).unwrap();
        assert!(matches!(parse_state(&good), Loaded::Ok(_)));
    }
}
