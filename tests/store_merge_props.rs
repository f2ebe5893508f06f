//! The merge of two copies of a book's state, as a sync tool brings them together, is a join:
//! for random sequences of adds, edits and deletions of bookmarks and highlights, moves of the
//! reading place and clean-view choices on replicas that started from one state (with times
//! drawn from a small range, so equal times with different contents happen), merging in any
//! order, any grouping and any number of times gives the same state, and nothing either side
//! did is lost.

use std::collections::BTreeSet;
use std::path::Path;

use kanshu::Position;
use kanshu::store::{Anchor, BookState, Bookmark, Highlight, ReadingPlace, Timestamp};
use proptest::prelude::*;

fn anchor(off: usize) -> Anchor {
    Anchor {
        position: Position::new(0, off),
        text_offset: off,
        chapter_title: "第一章".into(),
        snippet: format!("snippet {off}"),
        snippet_at: 0,
        percent: (off % 100) as f64,
        source: None,
    }
}

#[derive(Debug, Clone)]
enum Op {
    AddMark(u8),
    Rename(usize, u8),
    DeleteMark(usize),
    RestoreMark(usize),
    AddHighlight(u16),
    Note(usize, Option<u8>),
    Colour(usize, u8),
    DeleteHighlight(usize),
    Move(u16),
    CleanView(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::AddMark),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::Rename(i, n)),
        any::<usize>().prop_map(Op::DeleteMark),
        any::<usize>().prop_map(Op::RestoreMark),
        any::<u16>().prop_map(Op::AddHighlight),
        (any::<usize>(), any::<Option<u8>>()).prop_map(|(i, n)| Op::Note(i, n)),
        (any::<usize>(), 0u8..8).prop_map(|(i, c)| Op::Colour(i, c)),
        any::<usize>().prop_map(Op::DeleteHighlight),
        any::<u16>().prop_map(Op::Move),
        any::<bool>().prop_map(Op::CleanView),
    ]
}

/// A sequence of operations, each at a time from 1 to 12 (ms).
fn ops() -> impl Strategy<Value = Vec<(Op, i64)>> {
    prop::collection::vec((op(), 1i64..=12), 0..24)
}

/// The state both replicas start from: two bookmarks and a highlight.
fn base() -> BookState {
    let mut s = BookState::new("00000000000000000000000000000000", "書");
    s.text_bytes = 70_000;
    for (i, off) in [(0, 10), (1, 500)] {
        s.bookmarks.push(Bookmark {
            id: format!("base-{i}"),
            name: format!("base {i}"),
            anchor: anchor(off),
            created: Timestamp(0),
            edited: Timestamp(0),
            deleted: false,
        });
    }
    s.highlights.push(Highlight {
        id: "base-h".into(),
        start: anchor(40),
        end: anchor(60),
        quote: "quoted".into(),
        colour: 0,
        note: None,
        created: Timestamp(0),
        edited: Timestamp(0),
        deleted: false,
    });
    s
}

/// `base` after `ops` on the machine called `machine`.
fn replica(machine: &str, ops: &[(Op, i64)]) -> BookState {
    let mut s = base();
    s.set_path_on(
        Some(machine),
        Path::new(&format!("/books/{machine}/書.txt")),
        Timestamp(1),
    );
    for (n, (op, t)) in ops.iter().enumerate() {
        let t = Timestamp(*t);
        let id = format!("{machine}-{n}");
        let marks = s.bookmarks.len();
        let highs = s.highlights.len();
        match op {
            Op::AddMark(name) => s.bookmarks.push(Bookmark {
                id,
                name: format!("mark {name}"),
                anchor: anchor(usize::from(*name) * 7),
                created: t,
                edited: t,
                deleted: false,
            }),
            Op::Rename(i, name) if marks > 0 => {
                let b = &mut s.bookmarks[i % marks];
                b.name = format!("renamed {name}");
                b.edited = t;
            }
            Op::DeleteMark(i) if marks > 0 => {
                let b = &mut s.bookmarks[i % marks];
                b.deleted = true;
                b.edited = t;
            }
            Op::RestoreMark(i) if marks > 0 => {
                let b = &mut s.bookmarks[i % marks];
                b.deleted = false;
                b.edited = t;
            }
            Op::AddHighlight(off) => {
                let off = usize::from(*off);
                s.highlights.push(Highlight {
                    id,
                    start: anchor(off),
                    end: anchor(off + 9),
                    quote: format!("quote {off}"),
                    colour: (off % 8) as u8,
                    note: None,
                    created: t,
                    edited: t,
                    deleted: false,
                });
            }
            Op::Note(i, note) if highs > 0 => {
                let h = &mut s.highlights[i % highs];
                h.note = note.map(|n| format!("note {n}\nsecond line"));
                h.edited = t;
            }
            Op::Colour(i, c) if highs > 0 => {
                let h = &mut s.highlights[i % highs];
                h.colour = *c;
                h.edited = t;
            }
            Op::DeleteHighlight(i) if highs > 0 => {
                let h = &mut s.highlights[i % highs];
                h.deleted = true;
                h.edited = t;
            }
            Op::Move(off) => {
                s.position = Some(ReadingPlace {
                    anchor: anchor(usize::from(*off)),
                    updated: t,
                });
                if t >= s.last_read {
                    s.last_read = t;
                    s.machine = Some(machine.to_string());
                }
            }
            Op::CleanView(on) => {
                s.clean_view = Some(*on);
                s.clean_view_set = t;
            }
            _ => {}
        }
    }
    s
}

fn merged(a: &BookState, b: &BookState) -> BookState {
    let mut m = a.clone();
    m.merge_from(b.clone());
    m
}

fn ids(s: &BookState) -> BTreeSet<String> {
    s.bookmarks
        .iter()
        .map(|b| b.id.clone())
        .chain(s.highlights.iter().map(|h| h.id.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_commutative_associative_and_idempotent(
        a in ops(), b in ops(), c in ops()
    ) {
        let (a, b, c) = (replica("a", &a), replica("b", &b), replica("c", &c));
        let ab = merged(&a, &b);
        prop_assert_eq!(&ab, &merged(&b, &a), "commutative");
        prop_assert_eq!(
            merged(&ab, &c),
            merged(&a, &merged(&b, &c)),
            "associative"
        );
        prop_assert_eq!(&merged(&ab, &ab), &ab, "idempotent");
        prop_assert_eq!(&merged(&ab, &a), &ab, "merging a side again changes nothing");
        // Nothing is lost: every item of either side is there, at its latest edit.
        prop_assert_eq!(ids(&ab), ids(&a).union(&ids(&b)).cloned().collect());
        for x in a.bookmarks.iter().chain(&b.bookmarks) {
            let m = ab.bookmarks.iter().find(|m| m.id == x.id).unwrap();
            prop_assert!(m.edited >= x.edited);
            if x.deleted && m.edited == x.edited {
                prop_assert!(m.deleted, "a deletion wins a tie");
            }
        }
        for x in a.highlights.iter().chain(&b.highlights) {
            let m = ab.highlights.iter().find(|m| m.id == x.id).unwrap();
            prop_assert!(m.edited >= x.edited);
        }
        // Each machine's path is kept.
        prop_assert_eq!(ab.paths.len(), 2);
    }
}
