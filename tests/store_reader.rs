//! The reader with its saved state: resume at any size, bookmarks through the real keys (add,
//! list, jump, rename, delete, undo), the library, saving on chapter change and quit, and an
//! unwritable store that never stops reading. Popups are snapshot-tested.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use kanshu::app::{App, LibraryRow, LibraryState, ListState, Overlay};
use kanshu::cli::GlobalArgs;
use kanshu::cli::read::choose_book;
use kanshu::keys::Mode;
use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions, Position};

/// A book on disk: `chapters` chapters of `lines` short CJK lines, each line unique.
fn book_file(dir: &Path, name: &str, chapters: usize, lines: usize) -> PathBuf {
    let mut text = String::new();
    for c in 1..=chapters {
        text.push_str(&format!("第{c}章 山行之{c}\n"));
        for l in 1..=lines {
            text.push_str(&format!(
                "{c}之{l}:遠上寒山石徑斜,白雲生處有人家。停車坐愛楓林晚,霜葉紅於二月花。\n"
            ));
        }
    }
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn open_doc(path: &Path) -> Document {
    Document::open(path, &LoadOptions::default()).unwrap()
}

/// A reader on `path` of `w`×`h` attached to the store in `config`.
fn reader(path: &Path, config: &Path, w: u16, h: u16) -> App {
    let mut app = App::new(open_doc(path), w, h);
    app.attach_store(Store::new(config));
    app
}

fn saved(config: &Path, path: &Path) -> BookSession {
    BookSession::open(&Store::new(config), &open_doc(path))
}

/// The first text line on screen holds the character at `pos`.
fn first_line_holds(app: &App, pos: Position) -> bool {
    app.view()
        .columns
        .iter()
        .flatten()
        .find(|l| !l.glyphs.is_empty())
        .is_some_and(|l| {
            l.chapter == pos.chapter
                && (l.range.contains(&pos.offset) || l.range.start == pos.offset)
        })
}

/// Snapshot text with the local dates (which depend on the clock) masked.
fn masked(app: &App) -> String {
    let re = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d").unwrap();
    re.replace_all(&snapshot(app), "YYYY-MM-DD hh:mm")
        .into_owned()
}

#[test]
fn the_reader_resumes_where_it_stopped_at_any_size() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let mut app = reader(&book, &config, 80, 24);
    assert_eq!(app.top(), Position::START, "a new book starts at the start");
    press(&mut app, &["]", "space", "space", "j"]);
    let top = app.top();
    let line = top_line_text(&app);
    press(&mut app, &["q"]);

    for (w, h) in [(80, 24), (44, 12), (120, 40), (30, 8)] {
        let app = reader(&book, &config, w, h);
        assert_eq!(app.top(), top, "at {w}×{h}");
        assert!(first_line_holds(&app, top), "at {w}×{h}");
        if w == 80 {
            assert_eq!(top_line_text(&app), line);
        }
    }
}

#[test]
fn m_bookmarks_the_page_top_and_the_list_jumps_back_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]", "space"]);
    let marked = app.top();
    press(&mut app, &["m"]);
    assert_eq!(app.mode(), Mode::Prompt);
    assert!(status_text(&app).contains("bookmark name: "));
    type_text(&mut app, "山行");
    press(&mut app, &["enter"]);
    assert!(status_text(&app).contains("bookmarked: 山行"));
    assert!(status_text(&app).contains('★'), "the page holds a bookmark");

    // Saved at once, with the chapter and the page top.
    let s = saved(&config, &book);
    let marks = s.bookmarks();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].name, "山行");
    assert_eq!(marks[0].anchor.position, marked);
    assert_eq!(marks[0].anchor.chapter_title, "第2章 山行之2");

    press(&mut app, &["]", "space"]);
    assert!(!status_text(&app).contains('★'));
    press(&mut app, &["'"]);
    assert_eq!(app.mode(), Mode::Bookmarks);
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), marked);
    assert_eq!(app.mode(), Mode::Reader);
    // B opens the same list; Esc closes it.
    press(&mut app, &["B"]);
    assert_eq!(app.mode(), Mode::Bookmarks);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn an_empty_name_gives_the_chapter_and_first_words() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 2, 40);
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]"]);
    press(&mut app, &["m"]);
    assert!(
        status_text(&app).contains("第2章 山行之2 · 2之1:遠上寒山"),
        "the default is shown"
    );
    press(&mut app, &["enter"]);
    let s = saved(&config, &book);
    assert!(
        s.bookmarks()[0]
            .name
            .starts_with("第2章 山行之2 · 2之1:遠上寒山")
    );
}

#[test]
fn rename_delete_and_undo_in_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["m"]);
    type_text(&mut app, "one");
    press(&mut app, &["enter", "]", "m"]);
    type_text(&mut app, "two");
    press(&mut app, &["enter"]);

    press(&mut app, &["'"]);
    assert_eq!(
        app.overlay,
        Overlay::Bookmarks(ListState {
            selected: 1,
            scroll: 0
        })
    );
    press(&mut app, &["r"]);
    for _ in 0..3 {
        press(&mut app, &["backspace"]);
    }
    type_text(&mut app, "二");
    press(&mut app, &["enter"]);
    assert_eq!(
        app.mode(),
        Mode::Bookmarks,
        "back in the list after renaming"
    );
    let names =
        |app: &App| -> Vec<String> { app.bookmark_rows().into_iter().map(|r| r.name).collect() };
    assert_eq!(names(&app), ["one", "二"]);

    press(&mut app, &["k", "d"]);
    assert_eq!(names(&app), ["二"]);
    assert!(status_text(&app).contains("u undoes"));
    assert_eq!(
        saved(&config, &book).bookmarks().len(),
        1,
        "the delete is saved"
    );
    press(&mut app, &["u"]);
    assert_eq!(names(&app), ["one", "二"]);
    assert_eq!(saved(&config, &book).bookmarks().len(), 2, "so is the undo");

    // Deleting the last one closes the list.
    press(&mut app, &["d", "d"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(saved(&config, &book).bookmarks().is_empty());
}

#[test]
fn the_position_is_saved_on_chapter_change_and_on_quit() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 4, 60);
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]", "]"]);
    assert_eq!(saved(&config, &book).resume(), Some(Position::new(2, 0)));
    press(&mut app, &["j", "j"]);
    let here = app.top();
    // A signal ends the loop through `App::quit`, like q does.
    app.quit();
    assert_eq!(saved(&config, &book).resume(), Some(here));
}

#[test]
fn an_unwritable_store_warns_and_reading_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, "x").unwrap();
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let mut app = reader(&book, &blocker.join("cfg"), 80, 24);
    press(&mut app, &["m", "enter"]);
    let status = status_text(&app);
    assert!(status.contains("bookmarks can't be saved"), "{status}");
    press(&mut app, &["]", "space", "q"]);
    assert!(app.should_quit());
    assert_eq!(fs::read(&blocker).unwrap(), b"x");
}

#[test]
fn a_corrupt_state_file_is_reported_in_the_status_bar() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let doc = open_doc(&book);
    let file = Store::new(&config).book_file(&kanshu::store::fingerprint(&doc.text));
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "{ not json").unwrap();
    let app = reader(&book, &config, 100, 24);
    let status = status_text(&app);
    assert!(status.contains("moved aside"), "{status}");
}

#[test]
fn the_library_opens_other_books_and_marks_missing_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let first = book_file(tmp.path(), "first.txt", 2, 30);
    let gone = book_file(tmp.path(), "gone.txt", 2, 31);
    let current = book_file(tmp.path(), "current.txt", 2, 32);
    for b in [&first, &gone] {
        let mut app = reader(b, &config, 80, 24);
        press(&mut app, &["]", "q"]);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    fs::remove_file(&gone).unwrap();
    let mut app = reader(&current, &config, 80, 24);
    press(&mut app, &["L"]);
    let Overlay::Library(state) = &app.overlay else {
        panic!("the library is open");
    };
    let rows: Vec<(&str, bool, bool)> = state
        .rows
        .iter()
        .map(|r| (r.title.as_str(), r.missing, r.current))
        .collect();
    assert_eq!(
        rows,
        [
            ("current", false, true),
            ("gone", true, false),
            ("first", false, false)
        ]
    );
    // The book open now is not preselected: the one read before it is.
    assert_eq!(state.list.selected, 1);
    press(&mut app, &["enter"]);
    assert!(!app.should_quit(), "a missing book is not opened");
    assert!(status_text(&app).contains("gone"));
    assert_eq!(app.mode(), Mode::Library, "the library stays open");
    press(&mut app, &["j", "enter"]);
    assert!(!app.should_quit());
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.doc().title, "first", "the chosen book is open");
    assert_eq!(app.top().chapter, 1, "where it was left");
    // And the book left behind is saved: it is now second in the library.
    press(&mut app, &["L"]);
    let Overlay::Library(state) = &app.overlay else {
        panic!("the library is open");
    };
    assert_eq!(state.rows[0].title, "first");
    assert_eq!(state.rows[1].title, "current");
}

/// Books opened from the library go through their format's converter (a Markdown book shows
/// no markup), and a file name that is not UTF-8 is opened by its exact bytes.
#[test]
fn the_library_opens_markdown_and_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let md = tmp.path().join("notes.md");
    fs::write(&md, "# Notes\n\nSome **bold** words.\n").unwrap();
    let odd = tmp
        .path()
        .join(std::ffi::OsStr::from_bytes(b"\xc9\xbd\xd0\xd0.txt"));
    fs::copy(book_file(tmp.path(), "plain.txt", 2, 30), &odd).unwrap();
    for b in [&md, &odd] {
        let doc = kanshu::formats::open(
            b,
            &LoadOptions::default(),
            kanshu::document::RuleSet::builtin(),
        )
        .unwrap();
        let mut app = App::new(doc, 80, 24);
        app.attach_store(Store::new(&config));
        press(&mut app, &["q"]);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let current = book_file(tmp.path(), "current.txt", 2, 32);
    let mut app = reader(&current, &config, 80, 24);
    // The book read before this one (the odd name) is selected first; then the Markdown one.
    press(&mut app, &["L", "enter"]);
    assert_eq!(app.mode(), Mode::Reader, "{}", status_text(&app));
    assert_eq!(app.doc().path.as_deref(), Some(odd.as_path()));
    press(&mut app, &["L", "j", "enter"]);
    assert_eq!(app.mode(), Mode::Reader, "{}", status_text(&app));
    assert_eq!(app.doc().path.as_deref(), Some(md.as_path()));
    assert!(!app.doc().text.contains("**"), "{}", app.doc().text);
}

#[test]
fn kanshu_without_a_file_reopens_the_last_book_or_explains() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let store = Store::new(&config);
    let global = GlobalArgs::default();
    let (doc, note) = choose_book(
        None,
        false,
        &global,
        kanshu::config::Config::defaults(),
        Some(&store),
    )
    .unwrap();
    assert_eq!(
        doc.title,
        Document::guide().title,
        "nothing read yet: the guide"
    );
    assert!(note.is_none());

    let book = book_file(tmp.path(), "book.txt", 2, 30);
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["q"]);
    let (doc, note) = choose_book(
        None,
        false,
        &global,
        kanshu::config::Config::defaults(),
        Some(&store),
    )
    .unwrap();
    assert_eq!(doc.title, "book");
    assert!(note.is_none());

    fs::remove_file(&book).unwrap();
    let (doc, note) = choose_book(
        None,
        false,
        &global,
        kanshu::config::Config::defaults(),
        Some(&store),
    )
    .unwrap();
    assert_eq!(doc.title, Document::guide().title);
    assert!(note.unwrap().contains("gone"));
}

#[test]
fn snapshot_bookmark_list() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = book_file(tmp.path(), "book.txt", 3, 60);
    let mut app = reader(&book, &config, 80, 16);
    press(&mut app, &["m"]);
    type_text(&mut app, "開頭");
    press(&mut app, &["enter", "]", "space", "m", "enter", "]", "m"]);
    type_text(&mut app, "第三章\u{1b}[31m開始");
    press(&mut app, &["enter", "'", "k"]);
    insta::assert_snapshot!(masked(&app));
}

#[test]
fn snapshot_bookmark_name_prompt() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_file(tmp.path(), "book.txt", 2, 30);
    let mut app = reader(&book, &tmp.path().join("cfg"), 60, 10);
    press(&mut app, &["]", "m"]);
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn snapshot_library() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_file(tmp.path(), "book.txt", 2, 30);
    let mut app = reader(&book, &tmp.path().join("cfg"), 90, 12);
    let row = |title: &str, path: &str, percent: u8, missing, current| LibraryRow {
        title: title.into(),
        path: path.into(),
        progress: format!("{percent}%"),
        percent,
        last_read: "2026-11-29 18:30".into(),
        missing,
        current,
        ..LibraryRow::default()
    };
    app.overlay = Overlay::Library(LibraryState {
        rows: vec![
            row("book", "/home/reader/books/book.txt", 3, false, true),
            row("三體", "/home/reader/books/三體.txt", 48, false, false),
            row("舊書", "/media/usb/舊書.txt", 100, true, false),
        ],
        list: ListState {
            selected: 1,
            scroll: 0,
        },
        ..LibraryState::default()
    });
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn help_lists_the_bookmark_and_library_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_file(tmp.path(), "book.txt", 2, 30);
    let app = reader(&book, &tmp.path().join("cfg"), 80, 24);
    let help: Vec<String> = app
        .help_lines()
        .into_iter()
        .filter_map(|l| match l {
            kanshu::app::HelpLine::Row { keys, description } => {
                Some(format!("{keys} {description}"))
            }
            _ => None,
        })
        .collect();
    for want in [
        "m bookmark the top",
        "' B bookmarks",
        "L library",
        "r rename",
        "u undo",
    ] {
        assert!(
            help.iter().any(|h| h.starts_with(want)),
            "{want} in {help:#?}"
        );
    }
}
