//! How two copies of one book's state become one (`BookState::merge_from`): the copy another
//! process saved meanwhile, or the copy another machine wrote while the two were apart and a
//! sync tool carried over.
//!
//! The merge is a join: field by field, the later change wins, with ties broken by a fixed
//! order of the contents, so merging copies in any order, any grouping and any number of times
//! gives the same state (commutative, associative, idempotent). Bookmarks and highlights are
//! united by id; a deletion is a tombstone that wins over older edits, so a deleted item does
//! not come back from a copy that still has it. Pure functions of the two copies: no I/O,
//! no clock (times are bounded before they get here, by the caller).

use std::cmp::Ordering;
use std::collections::btree_map::Entry;

use serde::Serialize;

use super::clock::Timestamp;
use super::highlight::Highlight;
use super::state::{BookState, Bookmark};

/// Something kept by id with tombstones: bookmarks and highlights.
pub(crate) trait Versioned: PartialEq + Serialize {
    fn id(&self) -> &str;
    fn edited(&self) -> Timestamp;
    fn deleted(&self) -> bool;
}

impl Versioned for Bookmark {
    fn id(&self) -> &str {
        &self.id
    }
    fn edited(&self) -> Timestamp {
        self.edited
    }
    fn deleted(&self) -> bool {
        self.deleted
    }
}

impl Versioned for Highlight {
    fn id(&self) -> &str {
        &self.id
    }
    fn edited(&self) -> Timestamp {
        self.edited
    }
    fn deleted(&self) -> bool {
        self.deleted
    }
}

/// A fixed order between two different values that nothing else tells apart: their JSON.
/// Only reached for equal times, which are rare for values that differ.
fn by_contents<T: PartialEq + Serialize>(a: &T, b: &T) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let json = |v: &T| serde_json::to_vec(v).unwrap_or_default();
    json(a).cmp(&json(b))
}

/// Which of two versions of one item wins: the later edit, then the deletion, then the fixed
/// order of contents. `Greater` means `a` wins.
fn precedence<T: Versioned>(a: &T, b: &T) -> Ordering {
    a.edited()
        .cmp(&b.edited())
        .then_with(|| a.deleted().cmp(&b.deleted()))
        .then_with(|| by_contents(a, b))
}

/// Unite two lists by id, keeping the winning version of each id, sorted by id (so the result
/// is the same whatever the order of the inputs). O(n log n); a list holding one id twice is
/// mended the same way.
pub(crate) fn unite<T: Versioned>(ours: &mut Vec<T>, theirs: Vec<T>) {
    ours.extend(theirs);
    // Each id's winner first, then drop the rest of that id.
    ours.sort_by(|a, b| a.id().cmp(b.id()).then_with(|| precedence(b, a)));
    ours.dedup_by(|later, first| later.id() == first.id());
}

impl BookState {
    /// Fold another copy of this book's state into this one (see the module documentation):
    /// the reading place that moved last; bookmarks and highlights united by id with the
    /// newest edit winning (a tie goes to the deletion); where each machine opened the book,
    /// the latest per machine; the title, size and machine of the copy read last; the
    /// clean-view choice made last.
    pub fn merge_from(&mut self, other: BookState) {
        self.version = self.version.max(other.version);
        let header = |s: &BookState| {
            (
                s.last_read,
                s.machine.clone(),
                s.title.clone(),
                s.text_bytes,
            )
        };
        let theirs = header(&other);
        if theirs > header(self) {
            (self.last_read, self.machine, self.title, self.text_bytes) = theirs;
        }
        if (other.clean_view_set, other.clean_view) > (self.clean_view_set, self.clean_view) {
            self.clean_view_set = other.clean_view_set;
            self.clean_view = other.clean_view;
        }
        if (other.vertical_set, other.vertical) > (self.vertical_set, self.vertical) {
            self.vertical_set = other.vertical_set;
            self.vertical = other.vertical;
        }
        if let Some(theirs) = other.position {
            let take = match &self.position {
                Some(ours) => theirs
                    .updated
                    .cmp(&ours.updated)
                    .then_with(|| by_contents(&theirs, ours))
                    .is_gt(),
                None => true,
            };
            if take {
                self.position = Some(theirs);
            }
        }
        for (machine, theirs) in other.paths {
            match self.paths.entry(machine) {
                Entry::Vacant(v) => {
                    v.insert(theirs);
                }
                Entry::Occupied(mut o) => {
                    if theirs > *o.get() {
                        o.insert(theirs);
                    }
                }
            }
        }
        if self.paths.is_empty() && self.path.is_none() {
            self.path = other.path;
            self.path_bytes = other.path_bytes;
        }
        self.derive_path();
        unite(&mut self.bookmarks, other.bookmarks);
        unite(&mut self.highlights, other.highlights);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Position;
    use crate::store::state::Anchor;

    fn mark(id: &str, edited: i64, name: &str, deleted: bool) -> Bookmark {
        Bookmark {
            id: id.into(),
            name: name.into(),
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
    fn equal_times_with_different_contents_settle_the_same_way_from_both_sides() {
        let a = vec![mark("x", 5, "alpha", false)];
        let b = vec![mark("x", 5, "beta", false)];
        let mut ab = a.clone();
        unite(&mut ab, b.clone());
        let mut ba = b;
        unite(&mut ba, a);
        assert_eq!(ab, ba);
        assert_eq!(ab.len(), 1);
    }

    #[test]
    fn a_deletion_wins_a_tie_and_one_id_twice_in_a_file_becomes_one() {
        let mut v = vec![mark("x", 5, "a", false), mark("x", 3, "old", false)];
        unite(&mut v, vec![mark("x", 5, "a", true)]);
        assert_eq!(v.len(), 1);
        assert!(v[0].deleted);
    }

    #[test]
    fn each_machine_keeps_its_own_path_and_the_latest_is_shown() {
        let mut a = BookState::new("f", "t");
        a.set_path_on(
            Some("desk"),
            std::path::Path::new("/home/a/book.txt"),
            Timestamp(10),
        );
        let mut b = BookState::new("f", "t");
        b.set_path_on(
            Some("laptop"),
            std::path::Path::new("/Users/b/book.txt"),
            Timestamp(20),
        );
        let mut ab = a.clone();
        ab.merge_from(b.clone());
        let mut ba = b;
        ba.merge_from(a);
        assert_eq!(ab, ba);
        assert_eq!(ab.path.as_deref(), Some("/Users/b/book.txt"));
        assert_eq!(
            ab.path_on(Some("desk")).as_deref(),
            Some(std::path::Path::new("/home/a/book.txt"))
        );
    }
}
