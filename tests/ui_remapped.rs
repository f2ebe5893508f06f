//! Remapped keys change everything that names them: the help screen, every popup footer, the
//! search prompt's hint and the status messages. Whole screens on `TestBackend`.

use std::path::Path;

use crate::common::*;
use kanshu::app::{App, HelpLine, LibraryRow, LibraryState, ListState, Overlay};
use kanshu::config::Config;
use kanshu::keys::Mode;
use kanshu::store::Store;
use kanshu::{Document, LoadOptions};

const REMAP: &str = r#"
[keys.reader]
space = "none"
pagedown = "none"
f = "none"
right = "none"
l = "none"
x = "next_page"
m = "none"
shift-m = "add_bookmark"

[keys.toc]
enter = "none"
o = "confirm"
t = "none"
tab = "none"
esc = "none"
q = "none"
w = "close"

[keys.help]
j = "none"
down = "none"
ctrl-d = "line_down"
k = "none"
up = "none"
ctrl-u = "line_up"
esc = "none"

[keys.prompt]
ctrl-r = "none"
ctrl-x = "toggle_regex"

[keys.bookmarks]
enter = "none"
o = "confirm"
r = "none"
e = "rename"
d = "none"
x = "delete"
u = "none"
ctrl-z = "undo"
esc = "none"

[keys.library]
enter = "none"
o = "confirm"
esc = "none"
"#;

/// A reader on a book file, attached to a store in `dir`, with the remapped keys.
fn remapped(dir: &Path, w: u16, h: u16) -> App {
    let path = dir.join("book.txt");
    let mut text = String::new();
    for c in 1..=3 {
        text.push_str(&format!("第{c}章 山行之{c}\n"));
        for l in 1..=40 {
            text.push_str(&format!("{c}之{l}:遠上寒山石徑斜,白雲生處有人家。\n"));
        }
    }
    std::fs::write(&path, text).unwrap();
    let doc = Document::open(&path, &LoadOptions::default()).unwrap();
    let cfg = Config::from_user_toml(REMAP, "config.toml").unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(doc, w, h);
    app.apply_config(&cfg, false, None);
    app.attach_store(Store::new(dir.join("cfg")));
    app
}

/// The screen with the local date of a new bookmark masked.
fn masked(app: &App) -> String {
    let re = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d").unwrap();
    re.replace_all(&snapshot(app), "YYYY-MM-DD hh:mm")
        .into_owned()
}

/// The bottom border of the open popup.
fn footer(app: &App) -> String {
    let screen = screen_text(&render(app));
    screen
        .lines()
        .find(|l| l.contains('└'))
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn help_shows_the_remapped_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = remapped(tmp.path(), 80, 50);
    press(&mut app, &["f1"]);
    assert_eq!(app.mode(), Mode::Help);
    let rows: Vec<(String, String)> = app
        .help_lines()
        .into_iter()
        .filter_map(|l| match l {
            HelpLine::Row { keys, description } => Some((keys, description)),
            _ => None,
        })
        .collect();
    let keys_of = |what: &str| {
        rows.iter()
            .find(|(_, d)| d.starts_with(what))
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| panic!("help lists {what}"))
    };
    assert_eq!(keys_of("next page"), "x");
    assert_eq!(keys_of("bookmark the top"), "M");
    let shot = snapshot(&app);
    assert!(shot.contains("└ Ctrl-d/Ctrl-u scroll · q close "), "{shot}");
    insta::assert_snapshot!("help_remapped_80x50", shot);
}

#[test]
fn shift_m_adds_a_bookmark_and_x_turns_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = remapped(tmp.path(), 80, 24);
    let start = app.top();
    press(&mut app, &["space", "m"]);
    assert_eq!((app.top(), app.mode()), (start, Mode::Reader));
    press(&mut app, &["x"]);
    assert_ne!(app.top(), start);
    press(&mut app, &["shift-m"]);
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, &["enter"]);
    assert_eq!(app.bookmark_rows().len(), 1);
}

#[test]
fn every_popup_footer_shows_the_remapped_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = remapped(tmp.path(), 80, 16);
    press(&mut app, &["t"]);
    assert!(
        footer(&app).starts_with("└ o jump · / filter · ←/→ fold · w close ─"),
        "{}",
        footer(&app)
    );
    insta::assert_snapshot!("toc_remapped_80x16", snapshot(&app));
    press(&mut app, &["w", "f1"]);
    assert!(footer(&app).starts_with("└ Ctrl-d/Ctrl-u scroll · q close ─"));
    press(&mut app, &["q", "M", "enter", "'"]);
    assert_eq!(app.mode(), Mode::Bookmarks);
    assert!(
        footer(&app).starts_with("└ o jump · e rename · x delete · Ctrl-z undo · ' close ─"),
        "{}",
        footer(&app)
    );
    insta::assert_snapshot!("bookmarks_remapped_80x16", masked(&app));
    press(&mut app, &["x"]);
    assert!(app.message().unwrap().text.ends_with("· Ctrl-z undoes"));
    press(&mut app, &["'"]);
    app.overlay = Overlay::Library(LibraryState {
        rows: vec![LibraryRow {
            title: "三體".into(),
            path: "/home/reader/books/三體.txt".into(),
            progress: "48%".into(),
            percent: 48,
            last_read: "2026-11-29 18:30".into(),
            missing: false,
            current: false,
            ..LibraryRow::default()
        }],
        list: ListState::default(),
        ..LibraryState::default()
    });
    assert!(
        footer(&app).starts_with("└ o open · d remove · u undo · s sort · L close ─"),
        "{}",
        footer(&app)
    );
    insta::assert_snapshot!("library_remapped_80x16", snapshot(&app));
}

#[test]
fn the_search_hint_and_messages_name_the_remapped_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = remapped(tmp.path(), 80, 24);
    press(&mut app, &["/"]);
    assert_eq!(
        app.message().unwrap().text,
        "type to search · Enter keep · Esc cancel · Ctrl-x regex"
    );
    press(&mut app, &["esc", "'"]);
    assert_eq!(app.message().unwrap().text, "no bookmarks yet: M adds one");
}

#[test]
fn a_narrow_footer_keeps_whole_hints() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = remapped(tmp.path(), 40, 12);
    press(&mut app, &["M", "enter", "'"]);
    let f = footer(&app);
    assert!(f.starts_with("└ o jump · e rename · x delete ─"), "{f}");
    assert!(!f.contains('…'), "{f}");
}
