//! Highlights and notes in the store, through the calls the reader makes: they survive
//! reopening, follow their words through an edit of the file, are kept and listed as orphaned
//! when their words are gone (and found again when the words come back), and are drawn in
//! every chapter they cover.

use std::fs;
use std::path::Path;

use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions, Position};

const TEXT: &str = "第一章 起\n春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n\
    床前明月光，疑是地上霜。举头望明月，低头思故乡。\n第二章 承\n白日依山尽，黄河入海流。\
    欲穷千里目，更上一层楼。\n第三章 转\n千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。\n";

fn book(dir: &Path, text: &str) -> Document {
    let path = dir.join("poems.txt");
    fs::write(&path, text).unwrap();
    Document::open(&path, &LoadOptions::default()).unwrap()
}

fn at(doc: &Document, needle: &str) -> Position {
    doc.position_of(doc.text.find(needle).expect("needle in text"))
}

fn after(doc: &Document, needle: &str) -> Position {
    doc.position_of(doc.text.find(needle).expect("needle in text") + needle.len())
}

#[test]
fn a_highlight_with_a_note_survives_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    // Either order of ends is the same stretch.
    let id = s
        .add_highlight(
            &doc,
            after(&doc, "举头望明月"),
            at(&doc, "举头望明月"),
            3,
            Some(" 思乡 \n"),
        )
        .unwrap();
    assert!(
        s.add_highlight(&doc, at(&doc, "床"), at(&doc, "床"), 0, None)
            .is_none()
    );
    s.save().unwrap();

    let s = BookSession::open(&store, &doc);
    let hs = s.highlights();
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].id, id);
    assert_eq!(hs[0].quote, "举头望明月");
    assert_eq!(hs[0].note.as_deref(), Some("思乡"));
    assert_eq!(hs[0].colour, 3);
    assert_eq!(hs[0].start.chapter_title, "第一章 起");
    assert!(!s.is_orphaned(&id));
}

#[test]
fn notes_colours_deletion_and_undo_are_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    let a = s
        .add_highlight(&doc, at(&doc, "白日"), after(&doc, "黄河入海流"), 0, None)
        .unwrap();
    let b = s
        .add_highlight(
            &doc,
            at(&doc, "千山"),
            after(&doc, "万径人踪灭"),
            1,
            Some("雪"),
        )
        .unwrap();
    assert!(s.set_highlight_note(&a, Some("登楼")));
    assert!(
        s.set_highlight_colour(&a, 200),
        "an out-of-range slot is the last one"
    );
    assert!(
        s.set_highlight_note(&b, Some("   ")),
        "white space clears the note"
    );
    assert!(s.delete_highlight(&b));
    assert!(s.restore_highlight(&b));
    assert!(s.delete_highlight(&b));
    assert!(!s.set_highlight_note("no such id", Some("x")));
    s.save().unwrap();

    let s = BookSession::open(&store, &doc);
    let hs = s.highlights();
    assert_eq!(hs.len(), 1, "the deleted one is not listed");
    assert_eq!(hs[0].note.as_deref(), Some("登楼"));
    assert_eq!(hs[0].colour, kanshu::store::COLOUR_SLOTS - 1);
    let gone = s.highlight(&b).unwrap();
    assert!(gone.deleted && gone.note.is_none(), "kept as a tombstone");
}

#[test]
fn an_edit_of_the_file_moves_highlights_with_their_words() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    let id = s
        .add_highlight(
            &doc,
            at(&doc, "欲穷"),
            after(&doc, "更上一层楼"),
            2,
            Some("登鹳雀楼"),
        )
        .unwrap();
    s.save().unwrap();

    // A new preface, and headings written another way (as another converter would).
    let edited = format!(
        "序\n这是新加的一段很长的序言文字。\n{}",
        TEXT.replace("第二章 承", "第二章　承")
    );
    let doc2 = book(tmp.path(), &edited);
    let s = BookSession::open(&store, &doc2);
    let h = s.highlight(&id).unwrap();
    assert!(!s.is_orphaned(&id));
    assert_eq!(&doc2.text[h.text_range()], "欲穷千里目，更上一层楼");
    assert_eq!(h.quote, "欲穷千里目，更上一层楼");
    assert_eq!(h.note.as_deref(), Some("登鹳雀楼"));
}

#[test]
fn a_highlight_whose_words_are_gone_is_kept_as_orphaned() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    let id = s
        .add_highlight(
            &doc,
            at(&doc, "孤舟"),
            after(&doc, "独钓寒江雪"),
            0,
            Some("江雪"),
        )
        .unwrap();
    s.save().unwrap();

    let cut = TEXT.replace("孤舟蓑笠翁，独钓寒江雪。", "");
    let doc2 = book(tmp.path(), &cut);
    let mut s = BookSession::open(&store, &doc2);
    assert!(s.is_orphaned(&id));
    assert_eq!(s.orphaned_highlights(), std::slice::from_ref(&id));
    assert!(
        s.take_warnings().iter().any(|w| w.contains("orphaned")),
        "the reader is told"
    );
    let h = s.highlight(&id).unwrap();
    assert_eq!(h.quote, "孤舟蓑笠翁，独钓寒江雪", "the words are kept");
    assert_eq!(s.highlights().len(), 1, "listed");
    let ch = doc2.chapters.len() - 1;
    assert!(s.highlights_in(&doc2, ch).is_empty(), "not drawn");
    s.save().unwrap();

    // The words come back: the highlight is found again.
    let doc3 = book(tmp.path(), TEXT);
    let s = BookSession::open(&store, &doc3);
    assert!(!s.is_orphaned(&id));
    assert_eq!(
        &doc3.text[s.highlight(&id).unwrap().text_range()],
        "孤舟蓑笠翁，独钓寒江雪"
    );
}

#[test]
fn a_highlight_over_two_chapters_is_drawn_in_both() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    let start = at(&doc, "低头思故乡");
    let end = after(&doc, "白日依山尽");
    s.add_highlight(&doc, start, end, 1, Some("跨章")).unwrap();
    let first = s.highlights_in(&doc, start.chapter);
    let second = s.highlights_in(&doc, end.chapter);
    assert_ne!(start.chapter, end.chapter);
    assert_eq!(first.len(), 1);
    assert_eq!(
        &doc.chapter_text(start.chapter)[first[0].range.clone()],
        "低头思故乡。\n"
    );
    assert_eq!(
        &doc.chapter_text(end.chapter)[second[0].range.clone()],
        "第二章 承\n白日依山尽"
    );
    assert!(first[0].has_note && second[0].colour == 1);
    let last = doc.chapters.len() - 1;
    assert!(
        s.highlights_in(&doc, last).is_empty(),
        "nothing in the third chapter"
    );
}

#[test]
fn two_processes_adding_highlights_keep_both() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = book(tmp.path(), TEXT);
    let mut one = BookSession::open(&store, &doc);
    let mut two = BookSession::open(&store, &doc);
    one.add_highlight(&doc, at(&doc, "春眠"), after(&doc, "春眠不觉晓"), 0, None)
        .unwrap();
    two.add_highlight(&doc, at(&doc, "床前"), after(&doc, "床前明月光"), 0, None)
        .unwrap();
    one.save().unwrap();
    two.save().unwrap();
    let s = BookSession::open(&store, &doc);
    let quotes: Vec<&str> = s.highlights().iter().map(|h| h.quote.as_str()).collect();
    assert_eq!(quotes, ["春眠不觉晓", "床前明月光"]);
}

#[test]
fn hostile_highlights_in_a_state_file_are_bounded_and_never_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let store = Store::new(&config);
    let doc = book(tmp.path(), TEXT);
    let mut s = BookSession::open(&store, &doc);
    let id = s
        .add_highlight(&doc, at(&doc, "白日"), after(&doc, "黄河入海流"), 0, None)
        .unwrap();
    s.save().unwrap();
    let file = store.book_file(s.fingerprint());
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    let good = v["highlights"][0].clone();
    let mut twin = good.clone();
    twin["note"] = "a twin with the same id".into();
    let mut wild = good.clone();
    wild["id"] = "wild".into();
    wild["colour"] = 255.into();
    wild["note"] = format!("\u{1b}]52;c;owned\u{7}{}", "注".repeat(300_000)).into();
    wild["quote"] = format!("\u{1b}[2J{}", "引".repeat(100_000)).into();
    wild["start"]["text_offset"] = 3.into(); // inside a character
    wild["start"]["position"]["offset"] = 3.into();
    wild["end"]["text_offset"] = usize::MAX.into();
    wild["end"]["position"]["chapter"] = 999.into();
    v["highlights"] = serde_json::json!([good, twin, wild]);
    fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();

    let mut s = BookSession::open(&store, &doc);
    let hs = s.highlights();
    assert_eq!(hs.len(), 2, "one entry per id");
    let wild = s.highlight("wild").unwrap();
    assert!(wild.colour < kanshu::store::COLOUR_SLOTS);
    assert!(wild.note.as_ref().unwrap().chars().count() <= 10_000);
    assert!(!wild.note.as_ref().unwrap().contains('\u{1b}'));
    assert!(wild.quote.len() <= 4096);
    for ch in 0..doc.chapters.len() {
        let text = doc.chapter_text(ch);
        for span in s.highlights_in(&doc, ch) {
            assert!(text.get(span.range.clone()).is_some(), "{span:?}");
        }
    }
    assert!(s.highlight(&id).is_some());
    s.save().unwrap();
    assert!(
        fs::metadata(&file).unwrap().len() < 64 * 1024,
        "bounded when written"
    );

    let out = assert_cmd::Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", &config)
        .args(["notes", "--markdown"])
        .arg(tmp.path().join("poems.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "nothing raw reaches a terminal"
    );
}

#[test]
fn a_highlight_whose_words_were_mostly_rewritten_is_orphaned_not_moved() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let quote =
        "the silver river ran over the old brown stones below the house and past the mill b";
    let text = format!(
        "Chapter 1\n\nIt was a calm morning when we left, and {quote}ut nobody saw it go.\n\nThe end of the day.\n"
    );
    let doc = book(tmp.path(), &text);
    let mut s = BookSession::open(&store, &doc);
    let id = s
        .add_highlight(&doc, at(&doc, quote), after(&doc, quote), 0, Some("river"))
        .unwrap();
    s.save().unwrap();

    // A preface line, and the first 60 bytes of the highlighted words rewritten.
    let edited = format!("A preface.\n{}", text.replace(&quote[..60], "XXXXXXXXX "));
    let doc2 = book(tmp.path(), &edited);
    let s = BookSession::open(&store, &doc2);
    assert!(
        s.is_orphaned(&id),
        "moved onto {:?}",
        &doc2.text[s.highlight(&id).unwrap().text_range()]
    );
    let h = s.highlight(&id).unwrap();
    assert_eq!(h.quote, quote, "the words are kept");
    assert_eq!(h.note.as_deref(), Some("river"));
}
