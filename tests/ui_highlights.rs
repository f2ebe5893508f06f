//! The highlight list (`H`), the note editor and the note marks, driven through the real
//! keymap on a book whose highlights were made through the store: Enter jumps (and Ctrl-o
//! comes back), `r` edits a note that is saved and comes back on reopening, Esc keeps the old
//! note, `d` deletes and `u` undoes, typing filters; `e` opens the note on the page; a note
//! shows as ✎ beside its line, or as a count in the status bar without a margin; a highlight
//! whose words were edited out of the book is listed as orphaned. Snapshots of the list and
//! the editor at 80×24.

use std::fs;
use std::path::{Path, PathBuf};

use kanshu::app::{App, Overlay};
use kanshu::keys::Action;
use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions, Position};

use crate::common::{press, render, screen_text, style_mask, type_text};

fn span(doc: &Document, needle: &str) -> (Position, Position) {
    let at = doc.text.find(needle).expect("needle in text");
    (doc.position_of(at), doc.position_of(at + needle.len()))
}

/// The 三國演義 excerpt in a temp dir with three highlights (the first and the last with a
/// note), and its config dir.
pub(crate) fn highlighted() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("sanguo.txt");
    fs::copy(
        crate::common::fixture("realbooks/sanguo_comma_titles.txt"),
        &book,
    )
    .unwrap();
    let doc = Document::open(&book, &LoadOptions::default()).unwrap();
    let store = Store::new(&config);
    let mut s = BookSession::open(&store, &doc);
    let (a, b) = span(&doc, "分久必合，合久必分");
    s.add_highlight(&doc, a, b, 0, Some("全書的第一句\n也是最有名的一句"))
        .unwrap();
    let (a, b) = span(&doc, "焚香再拜，對天盟誓");
    s.add_highlight(&doc, a, b, 1, None).unwrap();
    let (a, b) = span(&doc, "且說董卓字仲穎");
    s.add_highlight(&doc, a, b, 2, Some("董卓登場")).unwrap();
    s.save().unwrap();
    (tmp, config, book)
}

fn reader(book: &Path, config: &Path, w: u16, h: u16) -> App {
    let doc = Document::open(book, &LoadOptions::default()).unwrap();
    let mut app = App::new(doc, w, h);
    app.attach_store(Store::new(config));
    app
}

fn shown(app: &App) -> String {
    screen_text(&render(app))
}

fn note_of(config: &Path, book: &Path, needle: &str) -> Option<String> {
    let doc = Document::open(book, &LoadOptions::default()).unwrap();
    let s = BookSession::open(&Store::new(config), &doc);
    s.highlights()
        .into_iter()
        .find(|h| h.quote.contains(needle))
        .expect("the highlight is there")
        .note
        .clone()
}

#[test]
fn h_lists_the_highlights_and_enter_jumps_onto_the_jump_list() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["H"]);
    assert!(matches!(app.overlay, Overlay::Highlights(_)));
    let screen = shown(&app);
    assert!(screen.contains("Highlights and notes (3)"), "{screen}");
    assert!(
        screen.contains("✎ “分久必合，合久必分”  全書的第一句"),
        "{screen}"
    );
    assert!(screen.contains("“焚香再拜，對天盟誓”"), "{screen}");
    assert!(screen.contains("第二回"), "the chapter is shown: {screen}");
    let start = app.top();
    press(&mut app, &["G", "enter"]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.top().chapter, 2, "at 第二回");
    assert!(shown(&app).contains("且說董卓字仲穎"));
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.top(), start, "Ctrl-o comes back from the jump");
}

#[test]
fn r_edits_the_note_it_is_saved_and_esc_keeps_the_old_one() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["H", "j", "r"]);
    assert!(app.note_editor().is_some(), "r opens the editor");
    type_text(&mut app, "桃園結義");
    press(&mut app, &["enter"]);
    type_text(&mut app, "second line");
    press(&mut app, &["ctrl-s"]);
    assert!(app.note_editor().is_none());
    assert!(
        matches!(app.overlay, Overlay::Highlights(_)),
        "back in the list"
    );
    assert_eq!(
        note_of(&config, &book, "焚香再拜").as_deref(),
        Some("桃園結義\nsecond line")
    );
    // Typing, then Esc: the note stays as it was.
    press(&mut app, &["r", "ctrl-u", "backspace", "ctrl-u"]);
    type_text(&mut app, "gone");
    press(&mut app, &["esc"]);
    assert!(app.note_editor().is_none());
    assert_eq!(
        note_of(&config, &book, "焚香再拜").as_deref(),
        Some("桃園結義\nsecond line")
    );
    // Emptied and saved: the highlight stays, without a note.
    press(&mut app, &["r"]);
    for _ in 0..30 {
        press(&mut app, &["backspace"]);
    }
    press(&mut app, &["alt-enter"]);
    assert_eq!(note_of(&config, &book, "焚香再拜"), None);
}

#[test]
fn d_deletes_u_brings_back_and_typing_filters() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["H", "d"]);
    assert_eq!(app.highlight_rows().len(), 2);
    let screen = shown(&app);
    assert!(
        screen.contains("deleted “分久必合，合久必分” · u undoes"),
        "{screen}"
    );
    press(&mut app, &["u"]);
    assert_eq!(app.highlight_rows().len(), 3);
    assert!(shown(&app).contains("Highlights and notes (3)"));
    // A letter that is no key of the list starts a filter; the note matches too.
    type_text(&mut app, "董卓");
    let screen = shown(&app);
    assert!(screen.contains("Highlights (1 of 3) · /董卓"), "{screen}");
    press(&mut app, &["esc", "r"]);
    assert_eq!(
        app.note_editor().map(|e| e.note.text.as_str()),
        Some("董卓登場"),
        "Esc stops typing and r acts on the filtered entry"
    );
    press(&mut app, &["esc", "esc"]);
    assert!(
        shown(&app).contains("Highlights and notes (3)"),
        "Esc clears the filter"
    );
    press(&mut app, &["esc"]);
    assert_eq!(app.overlay, Overlay::None);
    // After a delete, a reopened book does not have it.
    press(&mut app, &["H", "d", "q"]);
    drop(app);
    let app = reader(&book, &config, 80, 24);
    assert_eq!(app.highlight_rows().len(), 2);
}

#[test]
fn e_opens_the_note_on_the_page_and_notes_show_as_marks() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]"]);
    let screen = shown(&app);
    let marked: Vec<&str> = screen.lines().filter(|l| l.ends_with('✎')).collect();
    assert_eq!(marked.len(), 1, "one note ends on the first page: {screen}");
    assert!(marked[0].contains("合久必分"), "{marked:?}");
    press(&mut app, &["e"]);
    let ed = app.note_editor().expect("e opens the editor");
    assert!(ed.quote.contains("分久必合"));
    assert_eq!(ed.note.text, "全書的第一句\n也是最有名的一句");
    press(&mut app, &["esc"]);
    // No margin: the status bar counts the notes instead.
    let mut settings = app.settings().clone();
    settings.margin = 0;
    settings.max_width = 200;
    app.set_settings(settings);
    let screen = shown(&app);
    assert!(!screen.lines().any(|l| l.ends_with('✎')), "{screen}");
    assert!(screen.lines().last().unwrap().contains("✎1"), "{screen}");
    // A page without highlights (the title page) says so.
    press(&mut app, &["g", "e"]);
    assert!(app.note_editor().is_none());
    assert!(shown(&app).contains("no highlight on this page · H lists the highlights"));
}

#[test]
fn the_editor_takes_cjk_new_lines_and_cursor_keys() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]", "e", "ctrl-u", "backspace", "ctrl-u"]);
    assert_eq!(app.note_editor().unwrap().note.text, "");
    type_text(&mut app, "鄉村");
    press(&mut app, &["enter"]);
    type_text(&mut app, "ab");
    press(&mut app, &["up"]);
    type_text(&mut app, "的");
    press(&mut app, &["down", "end"]);
    type_text(&mut app, "c");
    assert_eq!(app.note_editor().unwrap().note.text, "鄉的村\nabc");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(
        note_of(&config, &book, "分久必合").as_deref(),
        Some("鄉的村\nabc")
    );
    // Without $EDITOR, its key says how to get one.
    press(&mut app, &["e"]);
    app.set_external_editor(None);
    app.update(Action::ExternalEditor);
    assert!(shown(&app).contains("set $VISUAL or $EDITOR"));
    assert!(app.take_external_edit().is_none());
    app.set_external_editor(Some("vi".into()));
    press(&mut app, &["ctrl-g"]);
    let asked = app
        .take_external_edit()
        .expect("the terminal layer is asked");
    assert_eq!(
        (asked.program.as_str(), asked.text.as_str()),
        ("vi", "鄉的村\nabc")
    );
    app.external_edit_done(Ok("from the editor\n".into()));
    assert!(app.note_editor().is_none());
    assert_eq!(
        note_of(&config, &book, "分久必合").as_deref(),
        Some("from the editor")
    );
}

#[test]
fn a_highlight_whose_words_were_edited_out_is_listed_as_orphaned() {
    let (_tmp, config, book) = highlighted();
    let text = fs::read_to_string(&book).unwrap();
    fs::write(
        &book,
        text.replace("他們備下烏牛白馬，焚香再拜，對天盟誓。", ""),
    )
    .unwrap();
    let mut app = reader(&book, &config, 80, 24);
    let rows = app.highlight_rows();
    assert_eq!(rows.len(), 3, "kept, never dropped");
    let last = rows.last().unwrap();
    assert!(last.orphaned && last.quote.contains("焚香再拜"), "{rows:?}");
    press(&mut app, &["H"]);
    let screen = shown(&app);
    let line = screen
        .lines()
        .find(|l| l.contains("焚香再拜"))
        .expect("listed");
    assert!(line.contains("orphaned: not in this text"), "{screen}");
    // And in the export.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kanshu"))
        .args(["notes", "--markdown"])
        .arg(&book)
        .env("KANSHU_CONFIG_DIR", &config)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let (_, gone) = md
        .split_once("## Not found in the current text")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(gone.contains("> 焚香再拜，對天盟誓"), "{md}");
}

#[test]
fn snapshot_highlight_list_80x24() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["H"]);
    let buf = render(&app);
    let shot = format!("{}\n{}", screen_text(&buf), style_mask(&buf));
    insta::assert_snapshot!("highlights_list_80x24", shot);
}

#[test]
fn snapshot_note_editor_80x24() {
    let (_tmp, config, book) = highlighted();
    let mut app = reader(&book, &config, 80, 24);
    press(&mut app, &["]", "e", "enter"]);
    type_text(&mut app, "Three men, one oath: 桃園三結義.");
    press(&mut app, &["up"]);
    let buf = render(&app);
    let shot = format!("{}\n{}", screen_text(&buf), style_mask(&buf));
    insta::assert_snapshot!("note_editor_80x24", shot);
}
