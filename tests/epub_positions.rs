//! Places in an EPUB that outlive the converter: a bookmark, a highlight and the reading
//! position saved by one version of the converter land on the same words when another
//! version converts the same file differently (here: a mark put before every paragraph), even
//! in a chapter of identical paragraphs where the snippet alone cannot tell them apart. Old
//! state files without source places still load, and text books' state files do not change.

use std::path::Path;
use std::sync::Arc;

use kanshu::Document;
use kanshu::LoadOptions;
use kanshu::document::Chapter;
use kanshu::formats::epub;
use kanshu::store::{BookSession, Store};

use crate::epub_build::*;

/// The paragraph repeated through the first chapter.
const LINE: &str = "雨一直下，他说：“再等等。”";

/// An EPUB whose first chapter is 30 identical paragraphs, written to `dir/rain.epub`.
fn rain_book(dir: &Path) -> std::path::PathBuf {
    let rain: String = (0..30).map(|_| format!("<p>{LINE}</p>\n")).collect();
    let f = epub2(&[
        ("第一章 雨", &format!("<h1>第一章 雨</h1>\n{rain}")),
        (
            "第二章 晴",
            "<h1>第二章 晴</h1><p>Morning came at last, and the road was dry again.</p>",
        ),
    ]);
    let path = dir.join("rain.epub");
    std::fs::write(&path, f.bytes()).unwrap();
    path
}

fn open(path: &Path) -> Document {
    epub::open(path, &LoadOptions::default())
        .expect("the book opens")
        .document
}

/// The same book as a converter that puts `mark` before every paragraph would give it: the
/// text, chapters, structure and source map all moved by the inserted marks.
fn converted_with_marks(doc: &Document, mark: &str) -> Document {
    let mut starts: Vec<usize> = doc
        .structure
        .blocks
        .iter()
        .filter(|b| !b.kind.is_container())
        .map(|b| b.range.start)
        .collect();
    starts.dedup();
    // Offsets at a paragraph's start stay before its mark (the paragraph now starts with it).
    let shift = |t: usize| t + mark.len() * starts.partition_point(|&s| s < t);
    let mut text = String::new();
    let mut from = 0;
    for &s in &starts {
        text.push_str(&doc.text[from..s]);
        text.push_str(mark);
        from = s;
    }
    text.push_str(&doc.text[from..]);
    let sources = doc.sources.as_ref().expect("an EPUB keeps its sources");
    Document {
        text,
        chapters: doc
            .chapters
            .iter()
            .map(|c| Chapter {
                range: shift(c.range.start)..shift(c.range.end),
                ..c.clone()
            })
            .collect(),
        structure: doc.structure.map_offsets(shift),
        sources: Some(Arc::new(sources.map_offsets(shift))),
        ..doc.clone()
    }
}

/// Which of the identical paragraphs offset `at` is in, and the text from it on.
fn paragraph_at(doc: &Document, at: usize) -> (usize, &str) {
    (doc.text[..at].matches(LINE).count(), &doc.text[at..])
}

/// Rewrite every saved source place of the book's state as saved by converter `version`
/// (`None`: remove them, as a kanshu that kept none would have written).
fn age_state(store: &Store, fingerprint: &str, version: Option<u32>) {
    let file = store.book_file(fingerprint);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    fn walk(v: &mut serde_json::Value, version: Option<u32>) {
        match v {
            serde_json::Value::Object(map) => {
                match version {
                    Some(n) => {
                        if let Some(s) = map.get_mut("source") {
                            s["converter"] = n.into();
                        }
                    }
                    None => {
                        map.remove("source");
                    }
                }
                for child in map.values_mut() {
                    walk(child, version);
                }
            }
            serde_json::Value::Array(list) => list.iter_mut().for_each(|c| walk(c, version)),
            _ => {}
        }
    }
    walk(&mut json, version);
    std::fs::write(&file, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}

/// Save a bookmark in paragraph 17, a highlight in paragraph 23 and the reading position in
/// paragraph 9 of the first chapter; returns the store and the saved fingerprint.
fn save_places(dir: &Path, doc: &Document) -> (Store, String) {
    let store = Store::new(dir.join("cfg"));
    let nth = |n: usize, word: &str| {
        let para = doc.text.match_indices(LINE).nth(n).expect("paragraph").0;
        para + LINE.find(word).expect("word")
    };
    let mut s = BookSession::open(&store, doc);
    s.add_bookmark(doc, doc.position_of(nth(17, "再等等")), Some("seventeen"));
    let hl = nth(23, "一直下");
    s.add_highlight(
        doc,
        doc.position_of(hl),
        doc.position_of(hl + "一直下".len()),
        1,
        None,
    )
    .expect("a highlight");
    s.set_position(doc, doc.position_of(nth(9, "他说")));
    s.save().unwrap();
    let json = std::fs::read_to_string(store.book_file(s.fingerprint())).unwrap();
    assert!(json.contains("\"source\"") && json.contains("OEBPS/Text/c0.xhtml"));
    (store, s.fingerprint().to_string())
}

#[test]
fn places_saved_by_an_older_converter_land_on_the_same_words() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = open(&rain_book(tmp.path()));
    let (store, fp) = save_places(tmp.path(), &doc);
    age_state(&store, &fp, Some(0));

    let later = converted_with_marks(&doc, "◆ ");
    assert_ne!(later.text, doc.text);
    let s = BookSession::open(&store, &later);
    assert!(s.not_found().is_empty(), "{:?}", s.not_found());

    let mark = s.bookmarks()[0].anchor.text_offset;
    let (n, rest) = paragraph_at(&later, mark);
    assert_eq!((n, &rest[..9]), (17, "再等等"));

    let h = s.highlights()[0];
    assert!(!s.is_orphaned(&h.id));
    assert_eq!(h.quote, "一直下");
    assert_eq!(paragraph_at(&later, h.start.text_offset).0, 23);

    let resume = later.offset_of(s.resume().expect("a reading position"));
    let (n, rest) = paragraph_at(&later, resume);
    assert_eq!((n, &rest[..6]), (9, "他说"));
    // Found again, the places are saved anew by this converter.
    let place = s.bookmarks()[0]
        .anchor
        .source
        .clone()
        .expect("a source place");
    assert_eq!(place.converter, epub::CONVERTER_VERSION);
}

#[test]
fn without_source_places_the_snippet_alone_cannot_tell_the_paragraphs_apart() {
    // The same change with the places saved as a kanshu that kept no source would: the
    // repeated paragraphs defeat the snippet, so the test above depends on the source places.
    let tmp = tempfile::tempdir().unwrap();
    let doc = open(&rain_book(tmp.path()));
    let (store, fp) = save_places(tmp.path(), &doc);
    age_state(&store, &fp, None);
    let later = converted_with_marks(&doc, "◆ ");
    let s = BookSession::open(&store, &later);
    // None of the places is found, so the later text does not even take the saved state.
    assert!(s.resume().is_none());
    assert!(s.bookmarks().is_empty() && s.highlights().is_empty());
}

#[test]
fn another_book_under_the_same_name_and_paths_does_not_take_the_places() {
    let tmp = tempfile::tempdir().unwrap();
    let path = rain_book(tmp.path());
    let doc = open(&path);
    let (store, fp) = save_places(tmp.path(), &doc);
    age_state(&store, &fp, Some(0));
    // A different book saved over the file, its items named as in most EPUBs.
    let other = epub2(&[
        ("第一章 风", "<h1>第一章 风</h1><p>风很大，树都弯了腰。</p>"),
        (
            "第二章 雪",
            "<h1>第二章 雪</h1><p>Snow fell all night long.</p>",
        ),
    ]);
    std::fs::write(&path, other.bytes()).unwrap();
    let s = BookSession::open(&store, &open(&path));
    assert!(s.bookmarks().is_empty() && s.resume().is_none());
}

#[test]
fn a_state_file_without_source_places_loads_and_gains_them() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = open(&rain_book(tmp.path()));
    let (store, fp) = save_places(tmp.path(), &doc);
    age_state(&store, &fp, None);
    let json = std::fs::read_to_string(store.book_file(&fp)).unwrap();
    assert!(!json.contains("\"source\""));

    let mut s = BookSession::open(&store, &doc);
    assert!(s.take_warnings().is_empty());
    let b = s.bookmarks()[0].anchor.clone();
    assert_eq!(paragraph_at(&doc, b.text_offset).0, 17);
    let place = b.source.expect("the bookmark gains its source place");
    assert_eq!(place.href, "OEBPS/Text/c0.xhtml");
    assert!(s.highlights()[0].start.source.is_some());
}

#[test]
fn the_same_converter_finds_its_places_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = open(&rain_book(tmp.path()));
    let (store, _) = save_places(tmp.path(), &doc);
    let s = BookSession::open(&store, &doc);
    let b = &s.bookmarks()[0].anchor;
    assert_eq!(paragraph_at(&doc, b.text_offset).0, 17);
    assert_eq!(
        doc.sources.as_ref().and_then(|m| m.place(b.text_offset)),
        b.source
    );
}

#[test]
fn hostile_source_places_are_bounded_and_never_move_a_place_that_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = open(&rain_book(tmp.path()));
    let (store, fp) = save_places(tmp.path(), &doc);
    let file = store.book_file(&fp);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    json["bookmarks"][0]["source"] = serde_json::json!({
        "href": "OEBPS/Text/c0.xhtml", "byte": u64::MAX, "delta": u64::MAX, "converter": 0
    });
    json["highlights"][0]["start"]["source"]["href"] = "x".repeat(5000).into();
    json["highlights"][0]["start"]["source"]["converter"] = 0.into();
    json["position"]["source"] = serde_json::json!({
        "href": "OEBPS/Text/gone.xhtml", "byte": 3, "delta": 9, "converter": u32::MAX
    });
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let mut s = BookSession::open(&store, &doc);
    assert!(s.take_warnings().is_empty());
    assert_eq!(
        paragraph_at(&doc, s.bookmarks()[0].anchor.text_offset).0,
        17
    );
    assert_eq!(s.highlights()[0].quote, "一直下");
    assert!(!s.is_orphaned(&s.highlights()[0].id));
    let resume = doc.offset_of(s.resume().expect("a place"));
    assert_eq!(paragraph_at(&doc, resume).0, 9);
}

#[test]
fn a_text_book_saves_no_source_places() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("rain.txt");
    std::fs::write(&path, format!("第一章 雨\n{LINE}\n{LINE}\n")).unwrap();
    let doc = Document::open(&path, &LoadOptions::default()).unwrap();
    assert!(doc.sources.is_none());
    let store = Store::new(tmp.path().join("cfg"));
    let mut s = BookSession::open(&store, &doc);
    s.add_bookmark(&doc, doc.position_of(20), None);
    s.set_position(&doc, doc.position_of(20));
    s.save().unwrap();
    let json = std::fs::read_to_string(store.book_file(s.fingerprint())).unwrap();
    assert!(!json.contains("source"), "{json}");
}
