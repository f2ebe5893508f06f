//! A library you never leave: the file picker (`o`), the library's remove, undo and sort, and
//! the command line's `kanshu DIR`, `kanshu 3` and `kanshu -r PATTERN`. On the app with the
//! real keymap and store, snapshot-tested, and end to end in tmux.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common::tmux::{Tmux, quote};
use crate::common::*;
use kanshu::app::picker::{PickerEntry, PickerState};
use kanshu::app::{App, ListState, Overlay};
use kanshu::keys::Mode;
use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions};

/// A book on disk named `title`: two chapters of unique lines.
fn book_file(dir: &Path, name: &str, title: &str) -> PathBuf {
    let mut text = format!("《{title}》\n\n");
    for c in 1..=2 {
        text.push_str(&format!("第{c}章 {title}之{c}\n"));
        for l in 1..=40 {
            text.push_str(&format!(
                "{title}{c}之{l}:遠上寒山石徑斜,白雲生處有人家。\n"
            ));
        }
    }
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn reader(path: &Path, config: &Path) -> App {
    let doc = Document::open(path, &LoadOptions::default()).unwrap();
    let mut app = App::new(doc, 80, 24);
    app.attach_store(Store::new(config));
    app
}

fn picker(app: &App) -> &PickerState {
    match &app.overlay {
        Overlay::Picker(p) => p,
        o => panic!("the picker is not open: {o:?}"),
    }
}

#[test]
fn o_opens_the_folder_of_the_book_and_enter_opens_another_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let shelf = tmp.path().join("shelf");
    fs::create_dir_all(shelf.join("older")).unwrap();
    let first = book_file(&shelf, "first.txt", "甲書");
    book_file(&shelf, "second.txt", "乙書");
    book_file(&shelf.join("older"), "third.md", "丙書");
    fs::write(shelf.join("cover.png"), "not a book").unwrap();

    let mut app = reader(&first, &config);
    press(&mut app, &["]", "space"]);
    let place = app.top();
    press(&mut app, &["o"]);
    assert_eq!(app.mode(), Mode::Picker);
    let p = picker(&app);
    let names: Vec<&str> = p
        .shown
        .iter()
        .map(|&i| p.entries[i].name.as_str())
        .collect();
    assert_eq!(names, ["older", "cover.png", "first.txt", "second.txt"]);
    assert_eq!(
        p.selected().unwrap().name,
        "first.txt",
        "the book being read"
    );
    // Typing filters; Enter opens the book in place.
    type_text(&mut app, "sec");
    assert_eq!(picker(&app).shown.len(), 1);
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.doc().title, "乙書");
    // The first book's place was saved before it was left.
    let doc = Document::open(&first, &LoadOptions::default()).unwrap();
    let saved = BookSession::open(&Store::new(&config), &doc);
    assert_eq!(saved.resume(), Some(place));

    // Into a folder and up again with Backspace; Esc clears the filter, then closes.
    press(&mut app, &["o"]);
    type_text(&mut app, "old");
    press(&mut app, &["enter"]);
    assert!(picker(&app).dir.ends_with("older"));
    assert_eq!(picker(&app).entries[0].book.as_deref(), Some("md"));
    press(&mut app, &["backspace"]);
    assert_eq!(picker(&app).selected().unwrap().name, "older");
    type_text(&mut app, "zzz");
    assert!(picker(&app).shown.is_empty());
    press(&mut app, &["esc"]);
    assert_eq!(picker(&app).shown.len(), 4);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);

    // A path typed is gone to.
    press(&mut app, &["o"]);
    type_text(&mut app, "older/third.md");
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().title, "丙書");

    // And back with the library: the book read before is selected, not this one.
    press(&mut app, &["L"]);
    let Overlay::Library(lib) = &app.overlay else {
        panic!("the library is open");
    };
    assert!(lib.rows[0].current);
    assert_eq!(lib.list.selected, 1);
    assert_eq!(lib.rows[1].title, "乙書");
    press(&mut app, &["j", "enter"]);
    assert_eq!(app.doc().title, "甲書");
    assert_eq!(app.top(), place, "where it was left");
}

#[test]
fn the_library_removes_with_undo_and_sorts() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let titles = ["乙書", "甲書", "丙書"];
    let mut paths = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let p = book_file(tmp.path(), &format!("{i}.txt"), t);
        let mut app = reader(&p, &config);
        // Read a different amount of each: 0, 50 and 90 percent.
        let keys: &[&str] = match i {
            0 => &[],
            1 => &["5", "0", "%"],
            _ => &["9", "0", "%"],
        };
        press(&mut app, keys);
        press(&mut app, &["q"]);
        std::thread::sleep(std::time::Duration::from_millis(5));
        paths.push(p);
    }
    let mut app = reader(&paths[2], &config);
    press(&mut app, &["L"]);
    let rows = |app: &App| -> Vec<String> {
        let Overlay::Library(lib) = &app.overlay else {
            panic!("the library is open");
        };
        lib.rows.iter().map(|r| r.title.clone()).collect()
    };
    assert_eq!(rows(&app), ["丙書", "甲書", "乙書"]);
    press(&mut app, &["s"]);
    assert_eq!(app.message().unwrap().text, "sorted by title");
    let mut by_title: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
    by_title.sort();
    assert_eq!(rows(&app), by_title);
    press(&mut app, &["s"]);
    assert_eq!(rows(&app), ["乙書", "甲書", "丙書"], "least read first");
    press(&mut app, &["s"]);
    // Remove the selected book (甲書, read before this one); undo brings it back.
    press(&mut app, &["d"]);
    assert_eq!(rows(&app), ["丙書", "乙書"]);
    assert!(app.message().unwrap().text.contains("u undoes"));
    let listed = |config: &Path| -> Vec<String> {
        Store::new(config)
            .library()
            .0
            .into_iter()
            .map(|b| b.title)
            .collect()
    };
    assert_eq!(listed(&config), ["丙書", "乙書"], "gone from the index too");
    press(&mut app, &["u"]);
    assert_eq!(rows(&app), ["丙書", "甲書", "乙書"]);
    assert_eq!(listed(&config), ["丙書", "甲書", "乙書"]);
    // The book open now stays.
    press(&mut app, &["k", "d"]);
    assert_eq!(rows(&app).len(), 3);
    assert!(app.message().unwrap().text.contains("open now"));
}

#[test]
fn snapshot_picker() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_file(tmp.path(), "book.txt", "書");
    let mut app = reader(&book, &tmp.path().join("cfg"));
    app.update(kanshu::keys::Action::Resize(70, 12));
    let entry = |name: &str, is_dir: bool, book: Option<&str>| PickerEntry {
        name: name.into(),
        is_dir,
        book: book.map(String::from),
    };
    let entries = vec![
        entry("三體", true, None),
        entry("Classics", true, None),
        entry("cover.png", false, None),
        entry("notes.md", false, Some("md")),
        entry("紅樓夢.txt", false, Some("txt")),
        entry("war-and-peace.epub", false, Some("epub")),
    ];
    app.overlay = Overlay::Picker(PickerState {
        dir: PathBuf::from("/home/reader/books"),
        shown: (0..entries.len()).collect(),
        entries,
        filter: String::new(),
        list: ListState {
            selected: 4,
            scroll: 0,
        },
        note: None,
        cut: false,
    });
    insta::assert_snapshot!(snapshot(&app));
}

// ----- the command line -----

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

#[test]
fn a_number_or_a_pattern_reopens_a_recent_book() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    for (name, title) in [("a.txt", "甲書"), ("b.txt", "乙書")] {
        let p = book_file(tmp.path(), name, title);
        let mut app = reader(&p, &config);
        press(&mut app, &["q"]);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // Outside a terminal the book's contents are printed: enough to see which book opened.
    let out = |args: &[&str]| {
        let o = kanshu(&config)
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, text, _) = out(&["2"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("甲書") && !text.contains("乙書"), "{text}");
    let (_, text, _) = out(&["1"]);
    assert!(text.contains("乙書"), "{text}");
    let (_, text, _) = out(&["-r", "甲"]);
    assert!(text.contains("甲書"), "{text}");
    let (_, text, _) = out(&["-r", "B.TXT"]);
    assert!(
        text.contains("乙書"),
        "the file name counts, case ignored: {text}"
    );
    let (code, _, err) = out(&["3"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("no book 3 in the library: it holds 2"),
        "{err}"
    );
    let (code, _, err) = out(&["-r", "丁"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no recent book matches `丁`"), "{err}");
    // A file really named 2 is a file.
    fs::write(tmp.path().join("2"), "《名為二》\n\n正文。\n").unwrap();
    let (_, text, _) = out(&["2"]);
    assert!(text.contains("名為二"), "{text}");
    // A folder needs a terminal for its picker.
    let (code, _, err) = out(&["."]);
    assert_eq!(code, Some(2));
    assert!(err.contains("folder"), "{err}");
}

#[test]
fn tmux_o_then_another_book_and_back_with_l() {
    let Some(tmux) = Tmux::start("picker", 80, 24) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let shelf = tmp.path().join("shelf");
    fs::create_dir_all(&shelf).unwrap();
    let first = book_file(&shelf, "first.txt", "甲書");
    book_file(&shelf, "second.txt", "乙書");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}",
        quote(&config),
        quote(&bin),
        quote(&first)
    ));
    tmux.wait_for("the first book", |s| s.contains("《甲書》"));
    tmux.keys(&["]", "]"]);
    tmux.wait_for("its second chapter", |s| s.contains("甲書2之1"));
    tmux.keys(&["o"]);
    tmux.wait_for("the picker", |s| {
        s.contains("Open:") && s.contains("second.txt")
    });
    tmux.literal("second");
    tmux.wait_for("the filter", |s| s.contains("› second"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the second book", |s| {
        s.contains("《乙書》") && !s.contains("Open:")
    });
    tmux.keys(&["L"]);
    tmux.wait_for("the library", |s| s.contains("Library (2)"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the first book where it was left", |s| {
        s.contains("甲書2之1") && !s.contains("Library")
    });
    tmux.keys(&["q"]);
}

#[test]
fn tmux_kanshu_dir_opens_the_picker_there() {
    let Some(tmux) = Tmux::start("pickdir", 80, 24) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let shelf = tmp.path().join("shelf");
    fs::create_dir_all(&shelf).unwrap();
    book_file(&shelf, "only.txt", "獨書");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}",
        quote(&tmp.path().join("cfg")),
        quote(&bin),
        quote(&shelf)
    ));
    tmux.wait_for("the picker in the folder", |s| {
        s.contains("Open:") && s.contains("only.txt")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the book", |s| {
        s.contains("《獨書》") && !s.contains("Open:")
    });
    tmux.keys(&["q"]);
}
