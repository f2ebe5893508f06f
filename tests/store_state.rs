//! The reader's place and bookmarks survive what happens to books and disks: other terminal
//! sizes, renamed and edited files, crashes mid-save, corrupt files, read-only directories.

use std::fs;
use std::path::{Path, PathBuf};

use kanshu::layout::{BookLayout, LayoutParams};
use kanshu::store::{BookSession, Fault, Store, fingerprint};
use kanshu::{Document, LoadOptions, Position};

const SEED: &str = include_str!("fixtures/seed.txt");

fn write_book(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn open(path: &Path) -> Document {
    Document::open(path, &LoadOptions::default()).unwrap()
}

/// Position of the first occurrence of `needle` in the book.
fn place_of(doc: &Document, needle: &str) -> Position {
    doc.position_of(doc.text.find(needle).expect("needle in text"))
}

/// The text from `pos` on.
fn text_at(doc: &Document, pos: Position) -> &str {
    &doc.text[doc.offset_of(pos)..]
}

fn params(width: usize, height: usize) -> LayoutParams {
    LayoutParams {
        width,
        height,
        ..LayoutParams::default()
    }
}

#[test]
fn resume_at_another_width_lands_on_the_same_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "seed.txt", SEED);
    let doc = open(&book);

    // Read at 40 columns to the top of some page well into the book.
    let mut narrow = BookLayout::for_document(&doc, params(40, 20));
    let chapter = doc.position_of(doc.text.len() / 2).chapter;
    let layout = narrow.chapter(&doc, chapter);
    let page = layout.page_count() / 2;
    let top = Position::new(chapter, layout.page_start_offset(page));
    let top_line = layout.lines[layout.line_of_offset(top.offset)].clone();
    assert_eq!(
        top_line.range.start, top.offset,
        "the page top is a line start"
    );

    let mut session = BookSession::open(&store, &doc);
    assert_eq!(session.resume(), None, "a new book starts at the beginning");
    session.set_position(&doc, top);
    session.save().unwrap();

    // Reopen in a fresh process-like session, in a wider terminal.
    let doc = open(&book);
    let session = BookSession::open(&Store::new(tmp.path().join("cfg")), &doc);
    let resume = session.resume().expect("a saved position");
    assert_eq!(resume, top);
    for width in [40, 70, 23] {
        let mut layout = BookLayout::for_document(&doc, params(width, 12));
        let (_, line_idx) = layout.locate(&doc, resume);
        let line = &layout.chapter(&doc, resume.chapter).lines[line_idx];
        assert!(
            line.range.contains(&resume.offset) || line.range.start == resume.offset,
            "at width {width} the line shown holds the saved place"
        );
    }
    // And at the original width the page starts with the same words.
    let mut again = BookLayout::for_document(&doc, params(40, 20));
    let (_, line_idx) = again.locate(&doc, resume);
    assert_eq!(
        again.chapter(&doc, resume.chapter).lines[line_idx],
        top_line
    );
}

#[test]
fn a_renamed_file_keeps_its_place_and_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let old = write_book(tmp.path(), "old name.txt", SEED);
    let doc = open(&old);
    let mut session = BookSession::open(&store, &doc);
    let at = place_of(&doc, "【篇三】");
    session.add_bookmark(&doc, at, Some("part three"));
    session.set_position(&doc, place_of(&doc, "【篇五】"));
    session.save().unwrap();

    fs::create_dir(tmp.path().join("moved")).unwrap();
    let new = tmp.path().join("moved").join("新名字.txt");
    fs::rename(&old, &new).unwrap();
    let doc = open(&new);
    let mut session = BookSession::open(&store, &doc);
    let marks = session.bookmarks();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].name, "part three");
    assert!(text_at(&doc, marks[0].anchor.position).starts_with("【篇三】"));
    assert!(text_at(&doc, session.resume().unwrap()).starts_with("【篇五】"));

    // The library now knows the new path.
    session.save().unwrap();
    let (books, warnings) = store.library();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(books.len(), 1);
    assert!(books[0].path.as_deref().unwrap().ends_with("新名字.txt"));
    assert!(!books[0].is_missing());
}

#[test]
fn an_edited_file_finds_its_places_again_by_their_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "seed.txt", SEED);
    let doc = open(&book);
    let old_fp = fingerprint(&doc.text);
    let mut session = BookSession::open(&store, &doc);
    let marked = "一場特殊時期召開的";
    session.add_bookmark(&doc, place_of(&doc, marked), Some("meeting"));
    session.set_position(&doc, place_of(&doc, "【篇六】"));
    session.save().unwrap();

    // Re-downloaded: a new first paragraph and the pinyin junk cleaned in part of the book.
    let edited = format!(
        "編者按:這是一段新加的說明文字,放在全文最前面。\n{}",
        SEED.replacen("戰(zhàn)", "戰", 3)
    );
    fs::write(&book, &edited).unwrap();
    let doc = open(&book);
    assert_ne!(fingerprint(&doc.text), old_fp);
    let mut session = BookSession::open(&store, &doc);
    let marks = session.bookmarks();
    assert_eq!(marks.len(), 1, "the bookmark came along");
    assert!(text_at(&doc, marks[0].anchor.position).starts_with(marked));
    assert!(text_at(&doc, session.resume().unwrap()).starts_with("【篇六】"));

    // Saved under the new fingerprint; the old text's file stays as it was (the old text may
    // come back), only its library entry is gone.
    let old_bytes = fs::read(store.book_file(&old_fp)).unwrap();
    session.save().unwrap();
    assert!(store.book_file(&fingerprint(&doc.text)).is_file());
    assert_eq!(fs::read(store.book_file(&old_fp)).unwrap(), old_bytes);
    let (books, _) = store.library();
    assert_eq!(books.len(), 1);
    assert_eq!(books[0].fingerprint, fingerprint(&doc.text));
}

#[test]
fn two_sessions_saving_in_turn_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "seed.txt", SEED);
    let doc = open(&book);
    let mut a = BookSession::open(&store, &doc);
    let mut b = BookSession::open(&store, &doc);

    let a1 = a.add_bookmark(&doc, place_of(&doc, "【篇一】"), Some("a1"));
    let b1 = b.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("b1"));
    a.save().unwrap();
    b.save().unwrap();
    // b learned a1 through its merge; a learns b1 on its next save. Edit on both sides.
    let a2 = a.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("a2"));
    assert!(b.rename_bookmark(&doc, &a1, "a1 renamed by b"));
    b.save().unwrap();
    a.save().unwrap();
    assert!(a.delete_bookmark(&b1));
    a.save().unwrap();
    b.save().unwrap();

    let fresh = BookSession::open(&store, &doc);
    let mut names: Vec<&str> = fresh.bookmarks().iter().map(|m| m.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["a1 renamed by b", "a2"]);
    assert!(fresh.bookmark(&b1).unwrap().deleted, "the deletion is kept");
    assert!(fresh.bookmark(&a2).is_some());
    // Both sessions converge on the same bookmarks.
    let live =
        |s: &BookSession| -> Vec<String> { s.bookmarks().iter().map(|m| m.id.clone()).collect() };
    assert_eq!(live(&a), live(&fresh));
    assert_eq!(live(&b), live(&fresh));
}

#[test]
fn a_save_cut_short_after_the_temp_write_leaves_the_old_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "seed.txt", SEED);
    let doc = open(&book);
    let mut session = BookSession::open(&store, &doc);
    session.add_bookmark(&doc, place_of(&doc, "【篇一】"), Some("kept"));
    session.save().unwrap();
    let file = store.book_file(session.fingerprint());
    let before = fs::read(&file).unwrap();

    store.inject_fault(Fault::CrashAfterTempWrite);
    session.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("lost in the crash"));
    let err = session.save().unwrap_err();
    assert!(
        err.to_string().starts_with("bookmarks can't be saved: "),
        "{err}"
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the old file is untouched"
    );
    let leftovers = fs::read_dir(store.books_dir()).unwrap().count();
    assert_eq!(
        leftovers, 2,
        "the crashed writer's temp file is still there"
    );

    // Another kanshu starting now sees the old state and is not confused by the temp file.
    let other = BookSession::open(&Store::new(store.dir()), &doc);
    let names: Vec<&str> = other.bookmarks().iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["kept"]);

    // Once the disk works again the next save writes everything and clears the leftover.
    store.inject_fault(Fault::None);
    session.save().unwrap();
    assert_eq!(fs::read_dir(store.books_dir()).unwrap().count(), 1);
    let reread = BookSession::open(&store, &doc);
    assert_eq!(reread.bookmarks().len(), 2);
}

#[test]
fn corrupt_json_is_moved_aside_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let seed = write_book(tmp.path(), "seed.txt", SEED);
    let other = write_book(tmp.path(), "other.txt", "第一章 开始\n另一本书的内容。\n");
    let doc = open(&seed);
    let other_doc = open(&other);
    let mut s = BookSession::open(&store, &other_doc);
    s.add_bookmark(&other_doc, Position::new(0, 0), None);
    s.save().unwrap();
    let other_file = store.book_file(s.fingerprint());
    let other_bytes = fs::read(&other_file).unwrap();

    let file = store.book_file(&fingerprint(&doc.text));
    fs::write(&file, b"{\"version\": 1, \"bookmarks\": [tru").unwrap();
    let mut session = BookSession::open(&store, &doc);
    let warnings = session.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("unreadable") && warnings[0].contains(".corrupt-"));
    assert!(!warnings[0].contains('\n'), "one line for the status bar");
    assert_eq!(session.resume(), None, "reading starts afresh");

    let aside: Vec<PathBuf> = fs::read_dir(store.books_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read(&aside[0]).unwrap(),
        b"{\"version\": 1, \"bookmarks\": [tru"
    );
    assert_eq!(
        fs::read(&other_file).unwrap(),
        other_bytes,
        "other books untouched"
    );

    session.add_bookmark(&doc, place_of(&doc, "【篇四】"), Some("after the crash"));
    session.save().unwrap();
    assert_eq!(BookSession::open(&store, &doc).bookmarks().len(), 1);
}

#[test]
fn a_state_file_from_a_newer_kanshu_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    fs::create_dir_all(store.books_dir()).unwrap();
    let file = store.book_file(&fingerprint(&doc.text));
    let future = br#"{"version": 7, "fingerprint": "x", "title": "t", "shelves": ["a"]}"#;
    fs::write(&file, future).unwrap();

    let mut session = BookSession::open(&store, &doc);
    let warnings = session.take_warnings();
    assert!(warnings[0].contains("newer kanshu"), "{warnings:?}");
    session.set_position(&doc, place_of(&doc, "【篇二】"));
    let err = session.save().unwrap_err();
    assert!(err.to_string().starts_with("bookmarks can't be saved"));
    assert_eq!(fs::read(&file).unwrap(), future);
}

#[test]
fn a_directory_where_the_state_file_belongs_is_moved_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    let file = store.book_file(&fingerprint(&doc.text));
    fs::create_dir_all(file.join("inside")).unwrap();

    let mut session = BookSession::open(&store, &doc);
    let warnings = session.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("directory"), "{warnings:?}");
    session.add_bookmark(&doc, place_of(&doc, "【篇一】"), None);
    session.save().unwrap();
    assert!(file.is_file());
    assert_eq!(BookSession::open(&store, &doc).bookmarks().len(), 1);
}

#[test]
fn a_read_only_or_full_disk_keeps_the_session_alive() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    let mut session = BookSession::open(&store, &doc);
    session.add_bookmark(&doc, place_of(&doc, "【篇一】"), Some("first"));
    session.save().unwrap();
    let file = store.book_file(session.fingerprint());
    let before = fs::read(&file).unwrap();

    for kind in [
        std::io::ErrorKind::ReadOnlyFilesystem,
        std::io::ErrorKind::StorageFull,
    ] {
        store.inject_fault(Fault::WriteError(kind));
        session.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("second"));
        session.set_position(&doc, place_of(&doc, "【篇三】"));
        let err = session.save().unwrap_err().to_string();
        assert!(err.starts_with("bookmarks can't be saved: "), "{err}");
        assert!(!err.contains('\n'));
        assert_eq!(fs::read(&file).unwrap(), before, "old file intact");
        assert!(session.is_dirty(), "the change waits in memory");
    }
    store.inject_fault(Fault::None);
    session.save().unwrap();
    let reread = BookSession::open(&store, &doc);
    assert_eq!(reread.bookmarks().len(), 3);
    assert!(text_at(&doc, reread.resume().unwrap()).starts_with("【篇三】"));
}

#[test]
fn a_config_dir_that_cannot_exist_keeps_the_session_alive() {
    let tmp = tempfile::tempdir().unwrap();
    // A regular file where a directory is needed: works even for root.
    let blocker = write_book(tmp.path(), "not-a-dir", "x");
    let store = Store::new(blocker.join("kanshu"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    let mut session = BookSession::open(&store, &doc);
    assert!(session.take_warnings().is_empty());
    session.add_bookmark(&doc, place_of(&doc, "【篇一】"), None);
    session.set_position(&doc, place_of(&doc, "【篇二】"));
    let err = session.save().unwrap_err().to_string();
    assert!(err.starts_with("bookmarks can't be saved: "), "{err}");
    assert_eq!(
        session.bookmarks().len(),
        1,
        "still in memory for this session"
    );
    let (books, _) = store.library();
    assert!(books.is_empty());
    assert_eq!(fs::read(&blocker).unwrap(), b"x");
}

#[cfg(unix)]
#[test]
fn a_read_only_config_dir_keeps_the_old_files() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    let mut session = BookSession::open(&store, &doc);
    session.add_bookmark(&doc, place_of(&doc, "【篇一】"), Some("first"));
    session.save().unwrap();
    let file = store.book_file(session.fingerprint());
    let before = fs::read(&file).unwrap();

    let books = store.books_dir();
    fs::set_permissions(&books, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(books.join("probe"), b"").is_ok() {
        // Running as root: permissions don't stop writes, so this case can't be made here
        // (the injected read-only fault above covers it).
        fs::remove_file(books.join("probe")).unwrap();
        fs::set_permissions(&books, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    session.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("second"));
    let result = session.save();
    fs::set_permissions(&books, fs::Permissions::from_mode(0o755)).unwrap();
    let err = result.unwrap_err().to_string();
    assert!(err.starts_with("bookmarks can't be saved: "), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[test]
fn the_library_lists_books_newest_first_and_marks_missing_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let first = write_book(tmp.path(), "first.txt", "第一章 甲\n第一本书。\n");
    let second = write_book(tmp.path(), "second.txt", "第一章 乙\n第二本书。\n");
    for path in [&first, &second] {
        let doc = open(path);
        let mut s = BookSession::open(&store, &doc);
        s.set_position(&doc, Position::new(0, 3));
        s.save().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    fs::remove_file(&first).unwrap();
    let (books, _) = store.library();
    let titles: Vec<&str> = books.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["second", "first"]);
    assert!(!books[0].is_missing());
    assert!(books[1].is_missing());
    let (last, _) = store.last_book();
    assert!(last.unwrap().path.unwrap().ends_with("second.txt"));

    // A lost or broken index is rebuilt from the book files.
    fs::write(store.library_file(), b"nonsense").unwrap();
    let (books, warnings) = store.library();
    assert_eq!(books.len(), 2);
    assert!(warnings[0].contains("moved aside"), "{warnings:?}");
}

#[test]
fn the_config_dir_option_wins_over_the_environment() {
    let dir = Path::new("/somewhere/else");
    assert_eq!(kanshu::store::config_dir(Some(dir)).unwrap(), dir);
}

#[test]
fn a_different_book_saved_under_an_old_name_starts_afresh() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let path = write_book(tmp.path(), "download.txt", SEED);
    let doc = open(&path);
    let mut session = BookSession::open(&store, &doc);
    session.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("seed's"));
    session.set_position(&doc, place_of(&doc, "【篇四】"));
    session.save().unwrap();
    let seed_fp = session.fingerprint().to_string();

    // Same file name (and so perhaps the same title), another book.
    let other: String = "第一章 风起\n山雨欲来风满楼。\n".repeat(200);
    fs::write(&path, &other).unwrap();
    let doc = open(&path);
    let mut session = BookSession::open(&store, &doc);
    assert!(session.bookmarks().is_empty(), "no bookmarks carried over");
    assert_eq!(session.resume(), None);
    session.save().unwrap();
    assert!(
        store.book_file(&seed_fp).is_file(),
        "the seed's state is kept"
    );
}

#[test]
fn an_idle_window_does_not_undo_another_windows_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let doc = open(&write_book(tmp.path(), "seed.txt", SEED));
    let mut idle = BookSession::open(&store, &doc);
    idle.set_position(&doc, place_of(&doc, "【篇一】"));
    idle.save().unwrap();
    let mut busy = BookSession::open(&store, &doc);
    std::thread::sleep(std::time::Duration::from_millis(3));
    busy.set_position(&doc, place_of(&doc, "【篇六】"));
    busy.save().unwrap();
    // The idle window saves (debounce, quit) without having moved.
    idle.set_position(&doc, place_of(&doc, "【篇一】"));
    idle.save().unwrap();
    let resumed = BookSession::open(&store, &doc).resume().unwrap();
    assert!(text_at(&doc, resumed).starts_with("【篇六】"));
}
