//! Fuzz target: state-file parsing.
//!
//! A real state file (position and bookmarks of the seed), mutated as JSON (values replaced by
//! hostile ones: huge and negative numbers, wrong types, control characters, future versions)
//! and as bytes (cuts, flips, insertions), and built with hostile numbers, sizes and times
//! (times far in the future or out of range, huge offsets and percentages, names and
//! snippets of every size, many bookmarks). Parsing never panics; a session opened on the
//! file never panics, warns in one line, and every place it hands the reader is a real place
//! in the book; what it saves reads back, bounded (no time later than now, names and snippets
//! within their limits) and is never moved aside on the next open. See `fuzz_support` for
//! long runs.

use crate::fuzz_support::{config, raw_control};
use kanshu::store::state::{
    Loaded, MAX_NAME_CHARS, MAX_SNIPPET_BYTES, MAX_TITLE_CHARS, parse_state, read_state,
};
use kanshu::store::{BookSession, Store, Timestamp, fingerprint};
use kanshu::{Document, Position};
use proptest::prelude::*;
use serde_json::Value;

const SEED: &str = include_str!("fixtures/seed.txt");

fn doc() -> Document {
    Document::from_text(SEED.to_string(), "seed")
}

/// The bytes of a state file with a position and three bookmarks.
fn real_state() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc();
    let store = Store::new(dir.path());
    let mut s = BookSession::open(&store, &doc);
    for i in 1..=3 {
        let pos = doc.position_of(doc.text.floor_char_boundary(doc.text.len() * i / 4));
        s.add_bookmark(&doc, pos, Some(&format!("书签{i}")));
        s.set_position(&doc, pos);
    }
    s.save().unwrap();
    std::fs::read(store.book_file(&fingerprint(&doc.text))).unwrap()
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from(-1)),
        Just(Value::from(0)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(1e308)),
        Just(Value::from(-0.5)),
        Just(Value::from(2)),
        Just(Value::from(999_999)),
        Just(Value::from("")),
        Just(Value::from("\u{1b}]0;pwn\u{7}\u{9b}2J\n")),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"chapter": 999_999, "offset": u64::MAX})),
        any::<i64>().prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
    ]
}

/// Replace the `n`-th value (in a depth-first walk) with `v`.
fn replace_nth(root: &mut Value, n: usize, v: &Value) {
    fn walk(node: &mut Value, n: &mut usize, v: &Value) -> bool {
        if *n == 0 {
            *node = v.clone();
            return true;
        }
        *n -= 1;
        match node {
            Value::Object(m) => m.values_mut().any(|c| walk(c, n, v)),
            Value::Array(a) => a.iter_mut().any(|c| walk(c, n, v)),
            _ => false,
        }
    }
    let mut n = n;
    walk(root, &mut n, v);
}

fn check(bytes: &[u8], doc: &Document) {
    let _ = parse_state(bytes);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let file = store.book_file(&fingerprint(&doc.text));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let mut session = BookSession::open(&store, doc);
    for w in session.take_warnings() {
        assert!(!w.contains('\n'), "one line: {w:?}");
    }
    let real = |p: Position| {
        p.chapter < doc.chapters.len() && doc.chapter_text(p.chapter).is_char_boundary(p.offset)
    };
    if let Some(p) = session.resume() {
        assert!(real(p), "resume at {p:?}");
    }
    for b in session.bookmarks() {
        let _ = raw_control(&b.name);
        let _ = doc.offset_of(b.anchor.position);
    }
    // Saving over it works or fails cleanly.
    let _ = session.save();
}

/// A number where a time, an offset, a size or a percentage belongs.
fn hostile_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::from(i64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(1e308)),
        Just(Value::from(-1e308)),
        Just(Value::from(0)),
        Just(Value::from(-1)),
        Just(Value::from(999_999_999_999_999i64)),
        Just(Value::from(253_402_300_800_000i64)),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
    ]
}

/// A number where a size or an offset belongs (negative ones and wrong types are in
/// `mutated_json`: they make the file unreadable, which is another path).
fn hostile_size() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![0u64, 1, 1 << 40, u64::MAX, u64::MAX / 2]).prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
    ]
}

/// A time as a state file may hold it: numbers, and text near and beyond the limits.
fn hostile_time() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => hostile_number(),
        8 => prop::sample::select(vec![
            "9999-12-31T23:59:59.999Z",
            "9999-12-31T23:59:59.999-14:00",
            "-009999-01-01T00:00:00Z",
            "+010000-01-01T00:00:00Z",
            "33658-09-27T01:46:39.999Z",
            "2999-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-11-29T18:30:12.345+14:00",
            "2026-11-29T18:30:12.123456789Z",
        ])
        .prop_map(Value::from),
        // Unreadable: the file is moved aside and reported.
        1 => prop::sample::select(vec!["2000-02-30T00:00:00Z", "soon"]).prop_map(Value::from),
    ]
}

/// A string of one of the sizes that matter (around the limits, and far beyond them).
fn hostile_text() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            0usize,
            1,
            MAX_NAME_CHARS - 1,
            MAX_NAME_CHARS,
            MAX_NAME_CHARS + 1,
            MAX_SNIPPET_BYTES,
            MAX_SNIPPET_BYTES + 1,
            20_000,
            300_000,
        ]),
        prop::sample::select(vec!["字", "a", "\u{1b}", "🇨🇳", "\u{301}"]),
    )
        .prop_map(|(n, piece)| Value::from(piece.repeat(n)))
}

/// One bookmark with hostile fields.
fn hostile_bookmark() -> impl Strategy<Value = Value> {
    (
        (hostile_time(), hostile_time(), any::<bool>()),
        (hostile_text(), hostile_text(), hostile_text()),
        (hostile_size(), hostile_size(), hostile_number()),
        (hostile_size(), hostile_size()),
    )
        .prop_map(
            |(
                (created, edited, deleted),
                (name, snippet, title),
                (at, offset, percent),
                (chapter, pos),
            )| {
                serde_json::json!({
                    "id": format!("{:x}", name.as_str().map_or(0, str::len) ^ 0x5eed),
                    "name": name,
                    "position": {"chapter": chapter, "offset": pos},
                    "text_offset": offset,
                    "chapter_title": title,
                    "snippet": snippet,
                    "snippet_at": at,
                    "percent": percent,
                    "created": created,
                    "edited": edited,
                    "deleted": deleted,
                })
            },
        )
}

/// A whole state file: the real one with hostile times, sizes and bookmarks put in.
fn hostile_state() -> impl Strategy<Value = Value> {
    (
        hostile_time(),
        hostile_time(),
        hostile_size(),
        hostile_text(),
        prop::collection::vec(hostile_bookmark(), 0..12),
        0usize..3,
    )
        .prop_map(|(last_read, updated, text_bytes, title, marks, copies)| {
            let mut v: Value = serde_json::from_slice(&real_state()).unwrap();
            v["last_read"] = last_read;
            v["position"]["updated"] = updated;
            v["text_bytes"] = text_bytes;
            v["title"] = title;
            let list = v["bookmarks"].as_array_mut().unwrap();
            for _ in 0..copies {
                list.extend(marks.iter().cloned());
            }
            list.extend(marks);
            v
        })
}

/// What a session saves over a hostile file reads back bounded, and is kept on the next open.
fn check_bounded(value: &Value, doc: &Document) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let file = store.book_file(&fingerprint(&doc.text));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let bytes = serde_json::to_vec(value).unwrap();
    std::fs::write(&file, &bytes).unwrap();
    let mut session = BookSession::open(&store, doc);
    for w in session.take_warnings() {
        assert!(!w.contains('\n'), "one line: {w:?}");
    }
    let real = |p: Position| {
        p.chapter < doc.chapters.len() && doc.chapter_text(p.chapter).is_char_boundary(p.offset)
    };
    for b in session.bookmarks() {
        assert!(
            real(b.anchor.position),
            "bookmark at {:?}",
            b.anchor.position
        );
    }
    session.save().expect("a writable store saves");
    let now = Timestamp::now();
    let state = match read_state(&file) {
        Loaded::Ok(state) => state,
        other => panic!("what was saved does not read back: {other:?}"),
    };
    let times = state.bookmarks.iter().flat_map(|b| [b.created, b.edited]);
    let place = state.position.iter().map(|p| p.updated);
    for t in times.chain(place).chain([state.last_read]) {
        assert!(t <= now && t >= Timestamp::EARLIEST, "{t:?} out of bounds");
    }
    assert!(state.title.chars().count() <= MAX_TITLE_CHARS);
    for b in &state.bookmarks {
        assert!(b.name.chars().count() <= MAX_NAME_CHARS);
        assert!(b.anchor.snippet.len() <= MAX_SNIPPET_BYTES);
        assert!((0.0..=100.0).contains(&b.anchor.percent));
    }
    let mut again = BookSession::open(&store, doc);
    for w in again.take_warnings() {
        assert!(
            !w.contains("moved aside"),
            "the saved file was refused: {w}"
        );
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn hostile_numbers_sizes_and_times(value in hostile_state()) {
        check_bounded(&value, &doc());
    }

    #[test]
    fn mutated_json(edits in prop::collection::vec((0usize..200, hostile_value()), 1..5)) {
        let doc = doc();
        let mut value: Value = serde_json::from_slice(&real_state()).unwrap();
        for (n, v) in &edits {
            replace_nth(&mut value, *n, v);
        }
        check(&serde_json::to_vec(&value).unwrap(), &doc);
    }

    #[test]
    fn mutated_bytes(
        cut in any::<usize>(),
        flips in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
    ) {
        let doc = doc();
        let mut bytes = real_state();
        for (at, x) in flips {
            let n = bytes.len();
            bytes[at % n] ^= x;
        }
        bytes.truncate(cut % (bytes.len() + 1));
        check(&bytes, &doc);
    }
}
