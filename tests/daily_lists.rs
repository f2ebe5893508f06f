//! Lists and prompts a reader uses every day: a long line typed into a prompt keeps up with
//! the keys, the bookmark list and the library move like the contents list (paging, first and
//! last, typing filters the library), and `A` then Esc leaves no highlight behind. Keys go
//! through the real keymap; what is checked is what the screen shows.

use std::path::Path;

use crate::common::*;
use kanshu::app::{App, Overlay};
use kanshu::keys::Mode;
use kanshu::store::Store;
use kanshu::{Document, LoadOptions};

fn reader(path: &Path, config: &Path) -> App {
    let doc = Document::open(path, &LoadOptions::default()).expect("the book opens");
    let mut app = App::new(doc, 80, 24);
    app.attach_store(Store::new(config));
    app
}

/// Type `line` key by key, drawing a frame after each as the terminal loop does.
fn type_drawing(app: &mut App, line: &str) {
    let mut buf = [0u8; 4];
    for c in line.chars() {
        type_text(app, c.encode_utf8(&mut buf));
        render(app);
    }
}

#[test]
fn five_thousand_keys_into_a_prompt_are_all_there() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = reader(&fixture("seed.txt"), tmp.path());
    // Letters, spaces and Han (a Han character makes the search match either script): each
    // key searched the book again and built its pattern from every ideograph, so typing
    // slowed with every key.
    let line = "ab 中".repeat(1250);
    assert_eq!(line.chars().count(), 5000);

    press(&mut app, &["/"]);
    type_drawing(&mut app, &line);
    let status = status_text(&app);
    assert!(
        status.contains("/…") && status.contains("ab 中ab 中"),
        "{status}"
    );
    assert!(status.contains("no match"), "{status}");
    assert_eq!(
        app.search.as_ref().map(|s| s.query.as_str()),
        Some(&line[..])
    );
    // A short query typed after clearing the line is searched and found (in either script).
    press(&mut app, &["ctrl-u"]);
    type_drawing(&mut app, "脱贫");
    let status = status_text(&app);
    assert!(
        status.contains("/脱贫") && !status.contains("no match"),
        "{status}"
    );
    assert!(app.search.as_ref().is_some_and(|s| s.current.is_some()));
    press(&mut app, &["esc", "esc"]);

    press(&mut app, &["m"]);
    let name = "书签 x".repeat(1250);
    type_drawing(&mut app, &name);
    assert!(status_text(&app).contains("书签 x书签 x"));
    // The cursor goes to the start, and a key typed there lands first.
    press(&mut app, &["home"]);
    type_drawing(&mut app, "Z");
    press(&mut app, &["enter"]);
    let rows = app.bookmark_rows();
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].name.starts_with("Z书签 x书签 x"),
        "{}",
        rows[0].name
    );
    assert!(status_text(&app).contains("bookmarked: Z书签 x"));
}

/// A book on disk with `chapters` chapters of `lines` lines each.
fn long_book(dir: &Path, chapters: usize, lines: usize) -> std::path::PathBuf {
    let mut text = String::from("《長書》\n\n");
    for c in 1..=chapters {
        text.push_str(&format!("第{c}章 第{c}回\n"));
        for l in 1..=lines {
            text.push_str(&format!("{c}之{l}：遠上寒山石徑斜，白雲生處有人家。\n"));
        }
    }
    let path = dir.join("long.txt");
    std::fs::write(&path, text).unwrap();
    path
}

/// `n` bookmarks named `mark 001`… in reading order, spread over the book.
fn bookmark_many(path: &Path, config: &Path, n: usize) {
    let doc = Document::open(path, &LoadOptions::default()).unwrap();
    let mut session = kanshu::store::BookSession::open(&Store::new(config), &doc);
    // One on each line, from the first chapter on: a place of its own for each.
    let lines: Vec<usize> = doc.text.match_indices("：遠上").map(|(i, _)| i).collect();
    assert!(lines.len() >= n);
    for (i, &at) in lines.iter().take(n).enumerate() {
        let pos = doc.position_of(at);
        session.add_bookmark(&doc, pos, Some(&format!("mark {:03}", i + 1)));
    }
    session.save().unwrap();
}

fn list_selected(app: &App) -> usize {
    match &app.overlay {
        Overlay::Bookmarks(l) => l.selected,
        o => panic!("the bookmark list is not open: {o:?}"),
    }
}

#[test]
fn the_bookmark_list_pages_and_goes_to_its_ends_like_the_contents() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let path = long_book(tmp.path(), 5, 200);
    bookmark_many(&path, &config, 500);
    let mut app = reader(&path, &config);
    press(&mut app, &["'"]);
    assert_eq!(app.bookmark_rows().len(), 500);
    let rows = app.geometry().help_text().height as usize;
    let shows = |app: &App, name: &str| screen_text(&render(app)).contains(name);

    press(&mut app, &["G"]);
    assert_eq!(list_selected(&app), 499);
    assert!(shows(&app, "mark 500") && !shows(&app, "mark 001"));
    press(&mut app, &["g"]);
    assert_eq!(list_selected(&app), 0);
    assert!(shows(&app, "mark 001") && !shows(&app, "mark 500"));
    press(&mut app, &["end", "home"]);
    assert_eq!(list_selected(&app), 0);
    press(&mut app, &["space"]);
    assert_eq!(list_selected(&app), rows);
    press(&mut app, &["pagedown", "pagedown"]);
    assert_eq!(list_selected(&app), 3 * rows);
    let name = format!("mark {:03}", 3 * rows + 1);
    assert!(shows(&app, &name), "{name}\n{}", screen_text(&render(&app)));
    press(&mut app, &["b", "pageup"]);
    assert_eq!(list_selected(&app), rows);
    // Enter goes to the bookmark chosen; F1 opens the help.
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.top(), app.bookmark_rows()[rows].position);
    press(&mut app, &["'", "f1"]);
    assert_eq!(app.mode(), Mode::Help);
}

/// `n` books read one after the other (the last one is open at the end).
fn shelf_of(dir: &Path, config: &Path, titles: &[&str]) -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let path = dir.join(format!("book{i:02}.txt"));
        std::fs::write(&path, format!("《{t}》\n\n第1章 {t}\n{t}的第一行。\n")).unwrap();
        let mut app = reader(&path, config);
        app.quit();
        paths.push(path);
    }
    paths
}

fn library_titles(app: &App) -> Vec<String> {
    match &app.overlay {
        Overlay::Library(l) => l.rows.iter().map(|r| r.title.clone()).collect(),
        o => panic!("the library is not open: {o:?}"),
    }
}

#[test]
fn the_library_filters_as_you_type_pages_and_has_help() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let mut titles: Vec<String> = (1..=40).map(|i| format!("Book {i:02}")).collect();
    titles.push("zhuangzi 莊子".into());
    titles.push("Dao De Jing 道德經".into());
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    let paths = shelf_of(tmp.path(), &config, &refs);
    let mut app = reader(&paths[0], &config);
    press(&mut app, &["L"]);
    assert_eq!(library_titles(&app).len(), 42);

    // Space and b page, as in the contents.
    let rows = app.geometry().help_text().height as usize;
    press(&mut app, &["g", "space"]);
    let Overlay::Library(l) = &app.overlay else {
        panic!()
    };
    assert_eq!(l.list.selected, rows);
    press(&mut app, &["b"]);
    let Overlay::Library(l) = &app.overlay else {
        panic!()
    };
    assert_eq!(l.list.selected, 0);

    // `zh` filters (z is no key of the library); then letters that are keys type too.
    type_text(&mut app, "zh");
    assert_eq!(library_titles(&app), ["zhuangzi 莊子"]);
    assert!(screen_text(&render(&app)).contains("zhuangzi"));
    press(&mut app, &["esc"]);
    assert_eq!(library_titles(&app).len(), 42);
    press(&mut app, &["/"]);
    type_text(&mut app, "dao");
    assert_eq!(library_titles(&app), ["Dao De Jing 道德經"]);
    press(&mut app, &["backspace", "backspace", "backspace"]);
    type_text(&mut app, "庄");
    assert_eq!(library_titles(&app), ["zhuangzi 莊子"], "either script");
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.doc().title, "zhuangzi 莊子");

    // F1 opens the help from the library; Esc with no filter closes it.
    press(&mut app, &["L", "f1"]);
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &["esc", "L", "esc"]);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn esc_in_the_note_of_a_new_highlight_takes_the_highlight_away() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let path = long_book(tmp.path(), 3, 60);
    let mut app = reader(&path, &config);

    // The only highlight: `A`, a few letters, Esc: nothing is left highlighted.
    press(&mut app, &["v", "l", "A"]);
    assert_eq!(app.mode(), Mode::NoteEditor);
    assert_eq!(app.highlight_rows().len(), 1);
    type_text(&mut app, "half a thought");
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.highlight_rows().is_empty());
    let status = status_text(&app);
    assert!(
        status.contains("no note: the highlight is removed"),
        "{status}"
    );

    // With another highlight kept, the message says how to bring it back, and it does.
    press(&mut app, &["v", "l", "a", "space", "v", "l", "A"]);
    assert_eq!(app.highlight_rows().len(), 2);
    press(&mut app, &["esc"]);
    assert_eq!(app.highlight_rows().len(), 1);
    let status = status_text(&app);
    assert!(status.contains("H then u brings it back"), "{status}");
    press(&mut app, &["H", "u"]);
    assert_eq!(app.highlight_rows().len(), 2);
    press(&mut app, &["esc"]);

    // A note being edited (r in the list): Esc keeps the highlight and its old note.
    press(&mut app, &["H", "g", "r"]);
    type_text(&mut app, "kept");
    press(&mut app, &["ctrl-s"]);
    press(&mut app, &["g", "r"]);
    type_text(&mut app, " and more");
    press(&mut app, &["esc"]);
    let rows = app.highlight_rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].note.as_deref(), Some("kept"));
}
