//! Fuzz target: state-file parsing.
//!
//! A real state file (position and bookmarks of the seed), mutated as JSON (values replaced by
//! hostile ones: huge and negative numbers, wrong types, control characters, future versions)
//! and as bytes (cuts, flips, insertions). Parsing never panics; a session opened on the file
//! never panics, warns in one line, and every place it hands the reader is a real place in the
//! book. See `fuzz_support` for long runs.

use crate::fuzz_support::{config, raw_control};
use kanshu::store::state::parse_state;
use kanshu::store::{BookSession, Store, fingerprint};
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

proptest! {
    #![proptest_config(config(48))]

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
