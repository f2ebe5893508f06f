//! Fuzz target: highlights and sync copies in state files.
//!
//! A real state file with highlights (one with a note, one over two chapters), mutated as JSON
//! (values replaced by hostile ones: huge and negative numbers, wrong types, control
//! characters), is put beside the book's file as a Syncthing conflict copy. Opening never
//! panics and warns in one line; every highlight span handed to the page slices its chapter's
//! text; notes, quotes and colours are within their limits; what is saved reads back and is
//! never moved aside on the next open. See `fuzz_support` for long runs.

use crate::fuzz_support::config;
use kanshu::Document;
use kanshu::store::highlight::{MAX_NOTE_CHARS, MAX_QUOTE_BYTES};
use kanshu::store::state::{Loaded, parse_state, read_state};
use kanshu::store::{BookSession, COLOUR_SLOTS, Store, fingerprint};
use proptest::prelude::*;
use serde_json::Value;

const SEED: &str = include_str!("fixtures/seed.txt");

fn doc() -> Document {
    Document::from_text(SEED.to_string(), "seed")
}

/// The bytes of a state file with a bookmark and two highlights.
fn real_state(doc: &Document) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut s = BookSession::open(&store, doc);
    let at = |f: usize| doc.position_of(doc.text.floor_char_boundary(doc.text.len() * f / 8));
    s.add_bookmark(doc, at(1), Some("书签"));
    s.add_highlight(doc, at(2), at(3), 1, Some("笔记\n第二行"))
        .unwrap();
    s.add_highlight(doc, at(4), at(7), 5, None).unwrap();
    s.set_position(doc, at(5));
    s.save().unwrap();
    std::fs::read(store.book_file(&fingerprint(&doc.text))).unwrap()
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from(-1)),
        Just(Value::from(0)),
        Just(Value::from(255)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(1e308)),
        Just(Value::from("")),
        Just(Value::from("\u{1b}]52;c;cHdu\u{7}\u{9b}2J\n")),
        Just(Value::from("長".repeat(20_000))),
        Just(Value::Array(vec![])),
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

fn check(real: &[u8], copy: &[u8], doc: &Document) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let fp = fingerprint(&doc.text);
    let file = store.book_file(&fp);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, real).unwrap();
    let copy_file = file.with_file_name(format!("{fp}.sync-conflict-20261202-000000-FUZZ.json"));
    std::fs::write(&copy_file, copy).unwrap();
    let mut session = BookSession::open(&store, doc);
    for w in session.take_warnings() {
        assert!(!w.contains('\n'), "one line: {w:?}");
    }
    // A copy from a newer kanshu, or of another book, is left alone; any other is merged and
    // removed, or moved aside.
    let left_alone = match parse_state(copy) {
        Loaded::Future { .. } => true,
        Loaded::Ok(s) => s.fingerprint != fp,
        _ => false,
    };
    assert_eq!(copy_file.exists(), left_alone);
    for ch in 0..doc.chapters.len() {
        let text = doc.chapter_text(ch);
        for span in session.highlights_in(doc, ch) {
            assert!(text.get(span.range.clone()).is_some(), "{span:?}");
            assert!(span.colour < COLOUR_SLOTS);
        }
    }
    for h in session.highlights() {
        assert!(h.quote.len() <= MAX_QUOTE_BYTES);
        if let Some(n) = &h.note {
            assert!(n.chars().count() <= MAX_NOTE_CHARS);
            assert!(
                !n.chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            );
        }
    }
    session.save().expect("a writable store saves");
    assert!(matches!(read_state(&file), Loaded::Ok(_)), "reads back");
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
    fn mutated_conflict_copies_with_highlights(
        edits in prop::collection::vec((0usize..300, hostile_value()), 1..5)
    ) {
        let doc = doc();
        let real = real_state(&doc);
        let mut value: Value = serde_json::from_slice(&real).unwrap();
        for (n, v) in &edits {
            replace_nth(&mut value, *n, v);
        }
        check(&real, &serde_json::to_vec(&value).unwrap(), &doc);
    }
}
