//! What a hostile or unlucky user did to the saved state, and what the store does now: a
//! truncated re-download never takes the original book's bookmarks, times out of range or in
//! the future are bounded, a full disk is reported, state files that are FIFOs, devices or
//! huge are refused at once, big bookmark sets merge in linear time and old deletions expire,
//! snippets and names are bounded, and a book whose file name is not UTF-8 can be reopened.
//! Disks and clocks are faked through the store's seams (`inject_fault`, `skew_clock`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use kanshu::store::state::{
    Loaded, MAX_NAME_CHARS, MAX_SNIPPET_BYTES, TOMBSTONE_LIFE_MS, read_state,
};
use kanshu::store::{BookSession, Fault, Store, Timestamp, fingerprint};
use kanshu::{Document, LoadOptions, Position};

const SEED: &str = include_str!("fixtures/seed.txt");

fn write_book(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn open(path: &Path) -> Document {
    Document::open(path, &LoadOptions::default()).unwrap()
}

fn place_of(doc: &Document, needle: &str) -> Position {
    doc.position_of(doc.text.find(needle).expect(needle))
}

fn text_at(doc: &Document, pos: Position) -> &str {
    &doc.chapter_text(pos.chapter)[pos.offset..]
}

/// Run `f` on another thread; fail (instead of hanging the suite) if it takes over 30 s.
fn within_30s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{what} did not return"))
}

fn state_json(store: &Store, fp: &str) -> serde_json::Value {
    serde_json::from_slice(&fs::read(store.book_file(fp)).unwrap()).unwrap()
}

#[test]
fn a_truncated_redownload_never_takes_the_original_books_state() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let full_fp = fingerprint(&doc.text);
    let mut s = BookSession::open(&store, &doc);
    s.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("early"));
    s.add_bookmark(&doc, place_of(&doc, "【篇五】"), Some("late"));
    s.set_position(&doc, place_of(&doc, "【篇六】"));
    s.save().unwrap();
    let original = fs::read(store.book_file(&full_fp)).unwrap();

    // `head -c 17000 book.txt > book.txt`, cut on a character boundary.
    fs::write(&book, &SEED[..SEED.floor_char_boundary(17_000)]).unwrap();
    let cut = open(&book);
    let mut s = BookSession::open(&store, &cut);
    let warnings = s.take_warnings();

    assert!(
        warnings
            .iter()
            .any(|w| w.contains("not found") && w.contains("«late»")),
        "the lost bookmark is named: {warnings:?}"
    );
    let late = s
        .bookmarks()
        .into_iter()
        .find(|b| b.name == "late")
        .unwrap()
        .clone();
    assert!(s.not_found().contains(&late.id));
    assert!(
        late.anchor.snippet.contains("【篇五】"),
        "its anchor stays as it was: {:?}",
        late.anchor.snippet
    );
    let early = s.bookmarks().into_iter().find(|b| b.name == "early");
    assert!(text_at(&cut, early.unwrap().anchor.position).starts_with("【篇二】"));
    s.set_position(&cut, place_of(&cut, "【篇三】"));
    s.save().unwrap();
    assert_eq!(
        fs::read(store.book_file(&full_fp)).unwrap(),
        original,
        "the original book's state is neither deleted nor rewritten"
    );

    // The whole book again: everything where it was.
    fs::write(&book, SEED).unwrap();
    let doc = open(&book);
    let s = BookSession::open(&store, &doc);
    assert!(text_at(&doc, s.resume().unwrap()).starts_with("【篇六】"));
    let names: Vec<(&str, &str)> = s
        .bookmarks()
        .into_iter()
        .map(|b| (b.name.as_str(), &text_at(&doc, b.anchor.position)[..12]))
        .collect();
    assert_eq!(names, [("early", "【篇二】"), ("late", "【篇五】")]);
    assert!(s.not_found().is_empty());
}

#[test]
fn times_out_of_range_are_written_back_as_times_that_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    let mut s = BookSession::open(&store, &doc);
    s.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("mark"));
    s.save().unwrap();
    let mut v = state_json(&store, &fp);
    v["bookmarks"][0]["created"] = serde_json::json!(999_999_999_999_999i64);
    v["bookmarks"][0]["edited"] = serde_json::json!(-5);
    v["last_read"] = serde_json::json!(1e300);
    fs::write(store.book_file(&fp), serde_json::to_vec(&v).unwrap()).unwrap();

    for round in 0..2 {
        let mut s = BookSession::open(&store, &doc);
        assert!(s.take_warnings().is_empty(), "round {round}");
        assert_eq!(s.bookmarks().len(), 1);
        s.save().unwrap();
        assert!(
            matches!(read_state(&store.book_file(&fp)), Loaded::Ok(_)),
            "round {round}: what was written reads back"
        );
    }
    let moved_aside = fs::read_dir(store.books_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
    assert!(!moved_aside, "nothing was moved aside");
    let created = state_json(&store, &fp)["bookmarks"][0]["created"].clone();
    assert!(
        created
            .as_str()
            .unwrap()
            .starts_with(|c: char| c.is_ascii_digit())
    );
    assert!(created.as_str().unwrap().len() <= "9999-12-30T22:00:00.000Z".len());
}

#[test]
fn a_clock_in_the_future_does_not_win_every_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cfg");
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    // A synced machine whose clock is a hundred years ahead reads and bookmarks.
    let ahead = Store::new(&dir);
    ahead.skew_clock(100 * 365 * 24 * 3600 * 1000);
    let mut s = BookSession::open(&ahead, &doc);
    let id = s.add_bookmark(&doc, place_of(&doc, "【篇二】"), Some("from the future"));
    s.set_position(&doc, place_of(&doc, "【篇五】"));
    s.save().unwrap();

    // This machine, with a right clock, moves on, renames the bookmark, then deletes it.
    let here = Store::new(&dir);
    let mut s = BookSession::open(&here, &doc);
    assert!(text_at(&doc, s.resume().unwrap()).starts_with("【篇五】"));
    s.set_position(&doc, place_of(&doc, "【篇三】"));
    assert!(s.rename_bookmark(&doc, &id, "renamed"));
    s.save().unwrap();
    let again = BookSession::open(&here, &doc);
    assert!(
        text_at(&doc, again.resume().unwrap()).starts_with("【篇三】"),
        "it reopens where this machine stopped"
    );
    assert_eq!(again.bookmark(&id).unwrap().name, "renamed");

    let mut s = BookSession::open(&here, &doc);
    assert!(s.delete_bookmark(&id));
    s.save().unwrap();
    assert!(BookSession::open(&here, &doc).bookmarks().is_empty());
    // No time later than now was written back.
    let text = fs::read_to_string(here.book_file(&fp)).unwrap();
    let now = Timestamp::now();
    for t in text.split('"').filter_map(Timestamp::parse_rfc3339) {
        assert!(t <= now, "{t} is in the future");
    }
}

#[test]
fn what_a_full_disk_kept_from_being_saved_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let mut s = BookSession::open(&store, &doc);
    s.save().unwrap();
    assert!(store.unsaved().is_empty());

    let at_exit = store.clone(); // the reader keeps one to report on exit
    store.inject_fault(Fault::WriteError(std::io::ErrorKind::StorageFull));
    s.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("one"));
    s.add_bookmark(&doc, place_of(&doc, "【篇四】"), Some("two"));
    s.set_position(&doc, place_of(&doc, "【篇四】"));
    assert!(s.save().is_err());
    let unsaved = at_exit.unsaved();
    assert_eq!(unsaved.len(), 1, "{unsaved:?}");
    assert!(
        unsaved[0].contains("the reading place") && unsaved[0].contains("2 bookmark changes"),
        "{unsaved:?}"
    );
    assert!(!unsaved[0].contains('\n'));

    store.inject_fault(Fault::None);
    s.save().unwrap();
    assert!(
        at_exit.unsaved().is_empty(),
        "saved after all: nothing to say"
    );
}

#[cfg(unix)]
#[test]
fn state_files_that_are_fifos_devices_or_huge_are_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cfg");
    let store = Store::new(&dir);
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let file = store.book_file(&fingerprint(&doc.text));
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&file).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", store.library_file()).unwrap();

    let (warnings, resumed, library) = within_30s("opening beside a FIFO", move || {
        let store = Store::new(&dir);
        let mut s = BookSession::open(&store, &doc);
        let warnings = s.take_warnings();
        let resumed = s.resume();
        s.save().unwrap();
        (warnings, resumed, store.library().1)
    });
    assert!(
        warnings.iter().any(|w| w.contains("not a regular file")),
        "{warnings:?}"
    );
    assert_eq!(resumed, None);
    assert!(file.is_file(), "a real state file took the FIFO's place");
    assert!(library.is_empty(), "the index was rebuilt: {library:?}");
    assert!(store.library_file().is_file());

    // A state file far larger than any real one (sparse: no disk used).
    let f = fs::File::create(&file).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    drop(f);
    let doc = open(&book);
    let mut s = BookSession::open(&store, &doc);
    let warnings = s.take_warnings();
    assert!(
        warnings.iter().any(|w| w.contains("larger than")),
        "{warnings:?}"
    );
}

#[test]
fn big_bookmark_sets_merge_and_old_deletions_expire() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    let mut s = BookSession::open(&store, &doc);
    s.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("template"));
    s.save().unwrap();
    // 10,000 live bookmarks, 20,000 recent deletions and 20,000 deletions a year old.
    let mut v = state_json(&store, &fp);
    let template = v["bookmarks"][0].clone();
    let now = Timestamp::now().millis();
    let year_ago = Timestamp(now - TOMBSTONE_LIFE_MS * 2).to_rfc3339();
    let recent = Timestamp(now - 1000).to_rfc3339();
    let mut marks = Vec::new();
    for i in 0..50_000 {
        let mut b = template.clone();
        b["id"] = format!("id{i}").into();
        b["name"] = format!("n{i}").into();
        if i >= 10_000 {
            b["deleted"] = true.into();
            b["edited"] = if i < 30_000 { &recent } else { &year_ago }.as_str().into();
        }
        marks.push(b);
    }
    v["bookmarks"] = marks.into();
    fs::write(store.book_file(&fp), serde_json::to_vec(&v).unwrap()).unwrap();

    let mut a = BookSession::open(&store, &doc);
    let mut b = BookSession::open(&store, &doc);
    assert_eq!(a.bookmarks().len(), 10_000);
    assert!(a.delete_bookmark("id7"));
    b.add_bookmark(&doc, place_of(&doc, "【篇四】"), Some("new in b"));
    a.save().unwrap();
    b.save().unwrap();
    let fresh = BookSession::open(&store, &doc);
    assert_eq!(fresh.bookmarks().len(), 10_000, "one deleted, one added");
    assert!(fresh.bookmark("id7").unwrap().deleted);
    assert!(fresh.bookmark("id15000").is_some(), "recent deletions kept");
    assert!(fresh.bookmark("id40000").is_none(), "old deletions expired");
    assert_eq!(fresh.state().bookmarks.len(), 10_000 + 20_001);
}

#[test]
fn snippets_and_names_are_bounded_when_written_and_read() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    let mut s = BookSession::open(&store, &doc);
    let pasted = "名".repeat(300_000);
    let id = s.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some(&pasted));
    assert_eq!(
        s.bookmark(&id).unwrap().name.chars().count(),
        MAX_NAME_CHARS
    );
    assert!(s.rename_bookmark(&doc, &id, &pasted));
    assert_eq!(
        s.bookmark(&id).unwrap().name.chars().count(),
        MAX_NAME_CHARS
    );
    s.save().unwrap();
    assert!(fs::metadata(store.book_file(&fp)).unwrap().len() < 16 * 1024);

    // A file with a 20,000-character snippet around the place and a 300k-character name.
    let mut v = state_json(&store, &fp);
    let at = doc.text.find("【篇三】").unwrap();
    let start = doc.text.floor_char_boundary(at.saturating_sub(30_000));
    let end = doc.text.floor_char_boundary(at + 30_000);
    v["bookmarks"][0]["snippet"] = doc.text[start..end].into();
    v["bookmarks"][0]["snippet_at"] = (at - start).into();
    v["bookmarks"][0]["name"] = pasted.clone().into();
    v["bookmarks"][0]["text_offset"] = 0.into(); // not where it says: found by the snippet
    fs::write(store.book_file(&fp), serde_json::to_vec(&v).unwrap()).unwrap();
    let mut s = BookSession::open(&store, &doc);
    let b = s.bookmark(&id).unwrap();
    assert!(b.anchor.snippet.len() <= MAX_SNIPPET_BYTES);
    assert_eq!(b.name.chars().count(), MAX_NAME_CHARS);
    assert!(text_at(&doc, b.anchor.position).starts_with("【篇三】"));
    s.save().unwrap();
    assert!(fs::metadata(store.book_file(&fp)).unwrap().len() < 16 * 1024);
}

#[cfg(unix)]
#[test]
fn a_book_whose_name_is_not_utf8_is_reopened_from_the_library() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    // 第一 in GBK: not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"\xb5\xda\xd2\xbb.txt");
    let book = tmp.path().join(name);
    fs::write(&book, SEED).unwrap();
    let doc = open(&book);
    let mut s = BookSession::open(&Store::new(&config), &doc);
    s.save().unwrap();
    let (books, _) = Store::new(&config).library();
    let exact = fs::canonicalize(&book).unwrap();
    assert_eq!(books[0].path_buf(), Some(exact));
    assert!(!books[0].is_missing());
    // `kanshu` without a FILE opens it (outside a terminal it prints the contents).
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", &config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("【篇三】"));
}

#[test]
fn local_dates_of_the_largest_times_are_shown_in_any_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let store = Store::new(&config);
    let book = write_book(tmp.path(), "book.txt", SEED);
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    let mut s = BookSession::open(&store, &doc);
    s.add_bookmark(&doc, place_of(&doc, "【篇三】"), Some("far"));
    s.save().unwrap();
    let mut v = state_json(&store, &fp);
    v["bookmarks"][0]["edited"] = serde_json::json!(i64::MAX);
    v["last_read"] = serde_json::json!(u64::MAX);
    fs::write(store.book_file(&fp), serde_json::to_vec(&v).unwrap()).unwrap();
    // Without its index the library is rebuilt from the book files, times as they are there.
    fs::remove_file(store.library_file()).unwrap();
    for tz in [
        "UTC",
        "Asia/Shanghai",
        "America/Los_Angeles",
        "Pacific/Kiritimati",
    ] {
        for cmd in ["bookmarks", "recent"] {
            let out = Command::cargo_bin("kanshu")
                .unwrap()
                .env("KANSHU_CONFIG_DIR", &config)
                .env("TZ", tz)
                .arg(cmd)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{tz} {cmd}: {stdout}");
            assert!(stdout.contains("9999-12-"), "{tz} {cmd}: {stdout}");
        }
    }
}
