//! `BookSession`: one open book's saved state, as the reader uses it.
//!
//! On open it first merges the conflict copies a sync tool left beside the book's file
//! (`sync`), then finds the book's state (by fingerprint, else a copy of the state of an older
//! text of the book read from the same path, which itself is never changed or removed), finds
//! the resume position, bookmarks and highlights again in the current text (a place that cannot
//! be found keeps its anchor as it was and is reported as not found; a highlight whose words
//! are gone is kept and listed as orphaned), records this machine's name and path to the book,
//! and reports problems as one-line warnings. While reading it records the position, bookmark
//! and highlight edits (the highlight calls are in `highlight`) in memory; `save` merges
//! them with the file on disk under the store lock and writes atomically. Times are bounded
//! by the store's clock, so a copy from a machine whose clock ran ahead does not win every
//! merge. What a failed save leaves unsaved is recorded in the store (`Store::unsaved`).
//! Nothing here panics or stops the reader. No terminal crate.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::atomic;
use super::clock::Timestamp;
use super::library::LibraryEntry;
use super::relocate::{Found, anchor_at, clamp, default_bookmark_name, fill_source, resolve_all};
use super::state::{
    Anchor, BookState, Bookmark, Loaded, MAX_NAME_CHARS, ReadingPlace, STATE_VERSION, cut_chars,
    read_state,
};
use super::{Store, StoreError, fingerprint};
use crate::document::Document;
use crate::i18n::{Lang, tr};
use crate::position::Position;

/// The saved state of one open book.
#[derive(Debug)]
pub struct BookSession {
    pub(super) store: Store,
    pub(super) state: BookState,
    /// Fingerprints of older texts of this book whose state was copied on open: their files
    /// stay as they are; their entries leave the library index at the next successful save.
    replaces: Vec<String>,
    /// When this session opened, by the store's clock: a time on disk later than the present
    /// is taken as this moment, so edits made since win over it.
    opened: Timestamp,
    /// Ids of bookmarks whose place is not in this text (their anchors are kept as they were).
    not_found: Vec<String>,
    /// Ids of highlights whose text is not in this text (kept as they were, listed as
    /// orphaned, not drawn).
    pub(super) orphaned: Vec<String>,
    /// Changes not yet saved: the reading place moved, bookmark and highlight changes.
    place_unsaved: bool,
    marks_unsaved: usize,
    pub(super) highlights_unsaved: usize,
    /// `Err(reason)` when this book's file must not be written (newer format, or an unreadable
    /// file that could not be moved aside).
    writable: Result<(), String>,
    pub(super) dirty: bool,
    /// When the last save was tried (successful or not): the debounce also spaces out retries
    /// on a failing disk.
    last_attempt: Option<Instant>,
    resume: Option<Position>,
    /// The position this session last recorded (or resumed at): unchanged places are not
    /// written again, so an idle window doesn't override where another one read to.
    last_set: Option<Position>,
    warnings: Vec<String>,
}

static ID_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A bookmark id no other process or machine will make: a hash of the time, the process id
/// and a counter.
pub(super) fn new_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let seed = format!(
        "{nanos}-{}-{}",
        std::process::id(),
        ID_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
}

/// A timestamp strictly after `prev` (and not before `now`), so two edits in the same
/// millisecond still order.
pub(super) fn after(now: Timestamp, prev: Timestamp) -> Timestamp {
    now.max(Timestamp(prev.0.saturating_add(1))).clamped()
}

/// A name as typed: control characters become spaces, outer spaces go, at most
/// `MAX_NAME_CHARS` characters are kept.
fn clean_name(name: &str) -> String {
    let mut name: String = name
        .chars()
        .take(MAX_NAME_CHARS + 1)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cut_chars(&mut name, MAX_NAME_CHARS);
    name.trim().to_string()
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// "«a», «b» and 3 more" for a warning line.
fn some_names(names: &[&str], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let mut out: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| {
            let mut n = n.to_string();
            cut_chars(&mut n, 30);
            format!("«{n}»")
        })
        .collect();
    if names.len() > SHOWN {
        out.push(tr!(lang, "store-more-names", count = names.len() - SHOWN));
    }
    out.join(&tr!(lang, "store-names-separator"))
}

impl BookSession {
    /// Open the saved state of `doc`: the resume position and bookmarks are found again in its
    /// text. Problems (an unreadable file moved aside, a newer format) are in `take_warnings`.
    pub fn open(store: &Store, doc: &Document) -> BookSession {
        let fp = fingerprint(&doc.text);
        let path = doc.path.as_deref().map(canonical);
        let file = store.book_file(&fp);
        let opened = store.now();
        // What a sync tool left beside this book's file (and the index) is folded in first.
        let mut warnings = store.settle_conflicts(&fp);
        let lang = store.lang();
        let mut writable = Ok(());
        let mut replaces = Vec::new();
        let fresh = || BookState::new(&fp, &doc.title);
        let mut state = match read_state(&file) {
            Loaded::Ok(s) => *s,
            Loaded::Missing => match path.as_deref().and_then(|p| older_text_of(store, p, &fp)) {
                Some(old) => {
                    replaces.push(old.fingerprint.clone());
                    old
                }
                None => fresh(),
            },
            Loaded::Future { version, state } => {
                let why = tr!(lang, "store-state-newer", version = version.to_string());
                warnings.push(why.clone());
                writable = Err(why);
                state.map(|s| *s).unwrap_or_else(fresh)
            }
            Loaded::Corrupt { reason } => {
                match store.quarantine(&file) {
                    Ok(to) => warnings.push(tr!(
                        lang,
                        "store-state-moved-aside",
                        reason = &reason,
                        path = to.display().to_string()
                    )),
                    Err(e) => {
                        let why = tr!(
                            lang,
                            "store-state-stuck",
                            path = file.display().to_string(),
                            reason = &reason,
                            error = e.to_string()
                        );
                        warnings.push(tr!(lang, "msg-store-unavailable", reason = &why));
                        writable = Err(why);
                    }
                }
                fresh()
            }
        };
        state.bound_clock(opened, opened);
        let mut same_text = state.fingerprint == fp;
        // Find every place again in this text, in one pass over it: the position, then each
        // live bookmark, then both ends of each live highlight.
        let anchors: Vec<&Anchor> = state
            .position
            .iter()
            .map(|p| &p.anchor)
            .chain(
                state
                    .bookmarks
                    .iter()
                    .filter(|b| !b.deleted)
                    .map(|b| &b.anchor),
            )
            .chain(
                state
                    .highlights
                    .iter()
                    .filter(|h| !h.deleted)
                    .flat_map(|h| [&h.start, &h.end]),
            )
            .collect();
        let mut found = resolve_all(doc, &anchors);
        if !replaces.is_empty() && found.iter().all(|(_, how)| *how == Found::Nearest) {
            // None of the older text's places is in this one: not the same book after all
            // (another book saved under an old file name). Start afresh; its state stays.
            replaces.clear();
            state = fresh();
            same_text = true;
            found.clear();
        }
        state.fingerprint = fp.clone();
        state.title = doc.title.clone();
        state.text_bytes = doc.text.len();
        if writable.is_ok() {
            state.version = STATE_VERSION;
        }
        let machine = store.machine();
        if let Some(p) = &path {
            state.set_path_on(machine, p, opened);
        }
        state.last_read = opened.max(state.last_read);
        state.machine = machine.map(str::to_string);

        // A place found in this text gets an anchor made in it; one that is not found keeps
        // its anchor as it was (so the text it belongs to can still find it), only its
        // position is brought inside this book.
        let refresh = |anchor: &mut Anchor, (pos, how): (Position, Found)| match how {
            Found::Exact if same_text => {
                anchor.position = pos;
                fill_source(doc, anchor);
            }
            Found::Exact | Found::Moved => *anchor = anchor_at(doc, pos),
            Found::Nearest => anchor.position = pos,
        };
        let mut found = found.into_iter();
        let mut resume = None;
        if let Some(place) = state.position.as_mut()
            && let Some(r) = found.next()
        {
            refresh(&mut place.anchor, r);
            resume = Some(r.0);
        }
        let mut not_found = Vec::new();
        for b in state.bookmarks.iter_mut().filter(|b| !b.deleted) {
            if let Some(r) = found.next() {
                if r.1 == Found::Nearest && !(same_text && r.0 == b.anchor.position) {
                    not_found.push(b.id.clone());
                }
                refresh(&mut b.anchor, r);
            }
        }
        let mut orphaned = Vec::new();
        for h in state.highlights.iter_mut().filter(|h| !h.deleted) {
            let (Some(start), Some(end)) = (found.next(), found.next()) else {
                break;
            };
            let unmoved = same_text && start.0 == h.start.position && end.0 == h.end.position;
            if unmoved {
                fill_source(doc, &mut h.start);
                fill_source(doc, &mut h.end);
                continue;
            }
            match super::highlight::relocate(doc, h, start, end) {
                Some((s, e)) => {
                    if let Some(quote) = doc.text.get(s.text_offset..e.text_offset) {
                        h.quote = quote.to_string();
                    }
                    (h.start, h.end) = (s, e);
                    h.bound();
                }
                None => orphaned.push(h.id.clone()),
            }
        }
        if !orphaned.is_empty() {
            warnings.push(tr!(lang, "store-orphaned", count = orphaned.len()));
        }
        if !not_found.is_empty() {
            let ids: std::collections::HashSet<&str> =
                not_found.iter().map(String::as_str).collect();
            let names: Vec<&str> = state
                .bookmarks
                .iter()
                .filter(|b| ids.contains(b.id.as_str()))
                .map(|b| b.name.as_str())
                .collect();
            warnings.push(tr!(
                lang,
                "store-bookmarks-not-found",
                count = names.len(),
                names = some_names(&names, lang)
            ));
        }
        BookSession {
            store: store.clone(),
            state,
            replaces,
            opened,
            not_found,
            orphaned,
            place_unsaved: false,
            marks_unsaved: 0,
            highlights_unsaved: 0,
            writable,
            dirty: true,
            last_attempt: None,
            resume,
            last_set: resume,
            warnings,
        }
    }

    /// Ids of the bookmarks whose place was not found in this text (their anchors are kept as
    /// they were; their positions are only the nearest valid place).
    pub fn not_found(&self) -> &[String] {
        &self.not_found
    }

    /// Where to start reading: the saved position found again in this text (`None` for a book
    /// never read before).
    pub fn resume(&self) -> Option<Position> {
        self.resume
    }

    pub fn fingerprint(&self) -> &str {
        &self.state.fingerprint
    }

    /// The state as it would be saved.
    pub fn state(&self) -> &BookState {
        &self.state
    }

    /// Live bookmarks in reading order.
    pub fn bookmarks(&self) -> Vec<&Bookmark> {
        self.state.live_bookmarks()
    }

    pub fn bookmark(&self, id: &str) -> Option<&Bookmark> {
        self.state.bookmarks.iter().find(|b| b.id == id)
    }

    /// Live bookmarks whose position is in `chapter` at a byte offset in `range` (e.g. the
    /// page on screen, for the status bar's marker).
    pub fn bookmarks_in(&self, chapter: usize, range: std::ops::Range<usize>) -> Vec<&Bookmark> {
        self.bookmarks()
            .into_iter()
            .filter(|b| {
                b.anchor.position.chapter == chapter && range.contains(&b.anchor.position.offset)
            })
            .collect()
    }

    /// The clean-view choice remembered for this book, if any.
    pub fn clean_view(&self) -> Option<bool> {
        self.state.clean_view
    }

    /// Remember whether this book is read in the clean view (written by the next `save`).
    pub fn set_clean_view(&mut self, on: bool) {
        if self.state.clean_view != Some(on) {
            self.state.clean_view = Some(on);
            self.state.clean_view_set = self.store.now();
            self.dirty = true;
        }
    }

    /// The vertical-pages choice remembered for this book, if any.
    pub fn vertical(&self) -> Option<bool> {
        self.state.vertical
    }

    /// Remember whether this book is read in vertical pages (written by the next `save`).
    pub fn set_vertical(&mut self, on: bool) {
        if self.state.vertical != Some(on) {
            self.state.vertical = Some(on);
            self.state.vertical_set = self.store.now();
            self.dirty = true;
        }
    }

    /// Record the reading position (cheap; written by the next `save`).
    pub fn set_position(&mut self, doc: &Document, pos: Position) {
        let pos = clamp(doc, pos);
        if self.last_set == Some(pos) {
            return;
        }
        self.last_set = Some(pos);
        let now = self.store.now();
        let updated = match &self.state.position {
            Some(old) => after(now, old.updated),
            None => now,
        };
        self.state.position = Some(ReadingPlace {
            anchor: anchor_at(doc, pos),
            updated,
        });
        self.state.last_read = now.max(self.state.last_read);
        self.state.machine = self.store.machine().map(str::to_string);
        self.resume = Some(pos);
        self.dirty = true;
        self.place_unsaved = true;
    }

    /// Add a bookmark at `pos`; an empty or missing name becomes the chapter title and the
    /// first words there. Returns its id.
    pub fn add_bookmark(&mut self, doc: &Document, pos: Position, name: Option<&str>) -> String {
        let pos = clamp(doc, pos);
        let name = name.map(clean_name).filter(|n| !n.is_empty());
        let now = self.store.now();
        let id = new_id();
        self.state.bookmarks.push(Bookmark {
            id: id.clone(),
            name: name.unwrap_or_else(|| default_bookmark_name(doc, pos)),
            anchor: anchor_at(doc, pos),
            created: now,
            edited: now,
            deleted: false,
        });
        self.dirty = true;
        self.marks_unsaved += 1;
        id
    }

    fn edit(&mut self, id: &str, change: impl FnOnce(&mut Bookmark)) -> bool {
        let Some(b) = self.state.bookmarks.iter_mut().find(|b| b.id == id) else {
            return false;
        };
        change(b);
        b.edited = after(self.store.now(), b.edited);
        self.dirty = true;
        self.marks_unsaved += 1;
        true
    }

    /// Rename a bookmark (an empty name becomes the default name). False if there is none.
    pub fn rename_bookmark(&mut self, doc: &Document, id: &str, name: &str) -> bool {
        let name = clean_name(name);
        self.edit(id, |b| {
            b.name = if name.is_empty() {
                default_bookmark_name(doc, b.anchor.position)
            } else {
                name
            };
        })
    }

    /// Delete a bookmark (kept as a tombstone, so `restore_bookmark` can undo it).
    pub fn delete_bookmark(&mut self, id: &str) -> bool {
        self.edit(id, |b| b.deleted = true)
    }

    /// Undo a deletion.
    pub fn restore_bookmark(&mut self, id: &str) -> bool {
        self.edit(id, |b| b.deleted = false)
    }

    /// True when something changed since the last successful save.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Warnings gathered since the last call (one line each), for the status bar.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Save if something changed and the last save is at least `interval` ago (the debounced
    /// save while reading). `None` when nothing was due.
    pub fn save_if_due(&mut self, interval: Duration) -> Option<Result<(), StoreError>> {
        let due = self.dirty && self.last_attempt.is_none_or(|t| t.elapsed() >= interval);
        due.then(|| self.save())
    }

    /// Write the state now: take the store lock, merge with what is on disk (another process's
    /// bookmarks survive), write atomically, update the library index. On error the old file
    /// is intact and the state stays in memory for the next try.
    pub fn save(&mut self) -> Result<(), StoreError> {
        self.last_attempt = Some(Instant::now());
        let result = self.try_save();
        let fp = self.state.fingerprint.clone();
        match &result {
            Ok(()) => self.store.note_unsaved(&fp, None),
            Err(e) => {
                let line = self.unsaved_line(e);
                self.store.note_unsaved(&fp, line);
            }
        }
        result
    }

    /// What a failed save leaves unsaved (`None` when nothing a reader made is lost: only
    /// the book's entry in the library was to be written).
    fn unsaved_line(&self, e: &StoreError) -> Option<super::Unsaved> {
        if !self.place_unsaved && self.marks_unsaved == 0 && self.highlights_unsaved == 0 {
            return None;
        }
        let mut title = self.state.title.clone();
        cut_chars(&mut title, 40);
        let reason = match e {
            StoreError::CantSave(why) => why.clone(),
            other => other.to_string(),
        };
        Some(super::Unsaved {
            title,
            place: self.place_unsaved,
            bookmark_changes: self.marks_unsaved,
            highlight_changes: self.highlights_unsaved,
            reason,
        })
    }

    fn try_save(&mut self) -> Result<(), StoreError> {
        if let Err(why) = &self.writable {
            return Err(StoreError::CantSave(why.clone()));
        }
        let store = self.store.clone();
        let books = store.books_dir();
        std::fs::create_dir_all(&books)
            .map_err(|e| StoreError::CantSave(format!("{}: {e}", books.display())))?;
        let lock = store.lock();
        let file = store.book_file(&self.state.fingerprint);
        if lock.is_some() {
            atomic::remove_stale_temps(&file);
        }
        match read_state(&file) {
            Loaded::Ok(mut disk) => {
                if disk.fingerprint == self.state.fingerprint {
                    disk.bound_clock(store.now(), self.opened);
                    self.state.merge_from(*disk);
                }
            }
            Loaded::Missing => {}
            Loaded::Future { version, .. } => {
                let why = tr!(
                    store.lang(),
                    "store-saved-newer",
                    version = version.to_string()
                );
                self.writable = Err(why.clone());
                return Err(StoreError::CantSave(why));
            }
            Loaded::Corrupt { reason } => match store.quarantine(&file) {
                Ok(to) => self.warnings.push(tr!(
                    store.lang(),
                    "store-state-moved-aside",
                    reason = &reason,
                    path = to.display().to_string()
                )),
                Err(e) => {
                    return Err(StoreError::CantSave(tr!(
                        store.lang(),
                        "store-file-stuck",
                        path = file.display().to_string(),
                        reason = &reason,
                        error = e.to_string()
                    )));
                }
            },
        }
        self.state.expire_tombstones(store.now());
        let bytes = serde_json::to_vec_pretty(&self.state)
            .map_err(|e| StoreError::CantSave(e.to_string()))?;
        atomic::write_atomic(&file, &bytes, store.faults())
            .map_err(|e| StoreError::CantSave(format!("{}: {e}", file.display())))?;
        // The older texts' own files stay: only their entries leave the index.
        let forget = std::mem::take(&mut self.replaces);
        if !self.state.paths.is_empty()
            && let Err(w) = store.update_library(
                LibraryEntry::from_state(&self.state, store.machine()),
                &forget,
                lock.is_some(),
            )
        {
            self.warnings.push(w);
        }
        drop(lock);
        self.dirty = false;
        self.place_unsaved = false;
        self.marks_unsaved = 0;
        self.highlights_unsaved = 0;
        Ok(())
    }
}

/// The state saved for an older text of this book, last opened from the same `path`. The
/// caller keeps it only if one of its places is found again by its text (titles are no proof
/// that it is the same book: they often come from the file name).
fn older_text_of(store: &Store, path: &Path, fp: &str) -> Option<BookState> {
    let (books, _) = store.library();
    let entry = books
        .iter()
        .find(|b| b.path_buf().as_deref() == Some(path) && b.fingerprint != fp)?;
    match read_state(&store.book_file(&entry.fingerprint)) {
        Loaded::Ok(state) => Some(*state),
        _ => None,
    }
}
