//! What is saved for one book (`BookState`), how it is read back, and how two versions of it
//! are merged. One JSON file per book: `books/<fingerprint>.json`.
//!
//! Reading never fails outright: a missing file is a fresh start, an unreadable one is reported
//! as `Loaded::Corrupt` (the caller moves it aside), one from a newer kanshu as
//! `Loaded::Future` (the caller must not overwrite it). No terminal crate, no writing here.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use crate::position::Position;

/// Version of the per-book file format written by this kanshu.
pub const STATE_VERSION: u32 = 1;

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

fn is_false(b: &bool) -> bool {
    !*b
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
    /// Where the book was last opened from.
    #[serde(default)]
    pub path: Option<String>,
    /// Size of the decoded text in bytes.
    #[serde(default)]
    pub text_bytes: usize,
    #[serde(default)]
    pub last_read: Timestamp,
    /// Where reading stopped; `None` before the first save of a position.
    #[serde(default)]
    pub position: Option<ReadingPlace>,
    /// Live bookmarks and tombstones, in no particular order.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// The reader's answer to the clean-view offer for this book: shown cleaned (`true`) or as
    /// written (`false`); `None` until the clean view was switched in this book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clean_view: Option<bool>,
}

impl BookState {
    pub fn new(fingerprint: &str, title: &str) -> BookState {
        BookState {
            version: STATE_VERSION,
            fingerprint: fingerprint.to_string(),
            title: title.to_string(),
            path: None,
            text_bytes: 0,
            last_read: Timestamp::default(),
            position: None,
            bookmarks: Vec::new(),
            clean_view: None,
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

    /// Fold another copy of this book's state (usually the one on disk, written by another
    /// process) into this one: bookmarks are united by id with the newest edit winning (a tie
    /// goes to the deletion, then to `self`); the reading place and book details come from
    /// whichever copy moved last.
    pub fn merge_from(&mut self, other: BookState) {
        if self.clean_view.is_none() {
            self.clean_view = other.clean_view;
        }
        if let Some(theirs) = other.position {
            let take = match &self.position {
                Some(ours) => theirs.updated > ours.updated,
                None => true,
            };
            if take {
                self.position = Some(theirs);
            }
        }
        if other.last_read > self.last_read {
            self.last_read = other.last_read;
            if other.path.is_some() {
                self.path = other.path;
            }
        }
        for theirs in other.bookmarks {
            match self.bookmarks.iter_mut().find(|b| b.id == theirs.id) {
                Some(ours) => {
                    let newer = theirs.edited > ours.edited;
                    let tie_delete =
                        theirs.edited == ours.edited && theirs.deleted && !ours.deleted;
                    if newer || tie_delete {
                        *ours = theirs;
                    }
                }
                None => self.bookmarks.push(theirs),
            }
        }
    }
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
    let parsed = serde_json::from_value::<BookState>(value);
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
