//! The help popup fits 80 columns, scrolls to its end with G and End, shows its last line whole,
//! and names what each section's keys do there; the guide teaches what a newcomer needs on day
//! one, in English and Chinese.

use crate::common::*;
use kanshu::Document;
use kanshu::app::{App, HelpLine, Overlay};

fn help_at(width: u16, height: u16) -> App {
    let mut app = App::new(book(2, 30), width, height);
    press(&mut app, &["f1"]);
    app
}

fn scroll(app: &App) -> usize {
    match app.overlay {
        Overlay::Help { scroll } => scroll,
        _ => panic!("the help is open"),
    }
}

#[test]
fn help_scrolls_to_its_end_and_shows_the_last_line_whole() {
    for (w, h) in [(80, 24), (100, 30), (60, 20)] {
        let mut app = help_at(w, h);
        press(&mut app, &["G"]);
        let end = scroll(&app);
        assert!(end > 0, "{w}×{h}");
        let screen = screen_text(&render(&app));
        let lines = app.help_lines();
        let Some(HelpLine::Note(last)) = lines.last() else {
            panic!("the help ends with its notes");
        };
        assert!(screen.contains(last.as_str()), "{w}×{h}: {last}\n{screen}");
        // Nothing in the box is cut short, and the box fits the screen.
        for line in screen.lines().filter(|l| l.contains('│')) {
            assert!(!line.contains('…'), "{w}×{h}: {line}");
            assert!(kanshu::ui::width(line) <= w as usize);
        }
        press(&mut app, &["g"]);
        assert_eq!(scroll(&app), 0);
        press(&mut app, &["end"]);
        assert_eq!(scroll(&app), end);
        press(&mut app, &["home"]);
        assert_eq!(scroll(&app), 0);
    }
}

#[test]
fn each_section_says_what_its_keys_do_there() {
    let app = help_at(80, 24);
    let rows: Vec<(String, String)> = app
        .help_lines()
        .into_iter()
        .scan(String::new(), |section, l| {
            Some(match l {
                HelpLine::Section(s) => {
                    *section = s;
                    None
                }
                HelpLine::Row { keys, description } => {
                    Some((format!("{section}: {keys}"), description))
                }
                _ => None,
            })
        })
        .flatten()
        .collect();
    let says = |row: &str| {
        rows.iter()
            .find(|(k, _)| k.starts_with(row))
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no row {row}: {rows:?}"))
    };
    assert_eq!(says("Bookmarks: Esc"), "close the list");
    assert_eq!(
        says("Library: Esc"),
        "clear the filter, else close the library"
    );
    assert_eq!(says("Library: d"), "remove the book from the library");
    assert_eq!(
        says("Open a book: Backspace"),
        "delete a character, else up a folder"
    );
    assert_eq!(says("Help: G End"), "the end of the help");
    assert_eq!(says("Reading: Esc"), "close / clear search");
    assert!(rows.iter().all(|(_, d)| !d.is_empty()));

    // Every section: Enter, Esc and the paging keys say what they do there.
    assert_eq!(says("Bookmarks: Enter"), "go to the bookmark");
    assert_eq!(says("Bookmarks: PageDown"), "a page of entries down");
    assert_eq!(says("Links on the page: Esc"), "close the list");
    assert_eq!(
        says("Links on the page: Enter"),
        "follow the link (or show its address)"
    );
    assert_eq!(says("Footnotes on the page: Esc"), "close the box");
    assert_eq!(says("Footnotes on the page: Space"), "scroll down a page");
    assert_eq!(says("Footnotes on the page: b"), "scroll up a page");
    assert_eq!(says("Footnotes on the page: g"), "to the top");
    assert_eq!(says("Footnotes on the page: G"), "to the bottom");
    assert_eq!(says("Highlights and notes: Enter"), "jump to the highlight");
    assert_eq!(
        says("Highlights and notes: Esc"),
        "clear the filter, else close the list"
    );
    assert_eq!(says("Selecting text: Esc"), "stop selecting");
    assert_eq!(says("Selecting text: Space"), "cursor a page on");
    assert_eq!(says("Table of contents: Enter"), "jump to the chapter");
    assert_eq!(
        says("Open a book: Enter"),
        "open the book or folder (or the path typed)"
    );
    assert_eq!(
        says("Note editor: Esc"),
        "cancel: the old note stays, a new highlight goes"
    );
    assert_eq!(
        says("Search, command and name prompt: Esc"),
        "cancel (back to where the search started)"
    );
    for (row, d) in &rows {
        // The reader's words for Esc and the page keys are wrong in every other section.
        if !row.starts_with("Reading:") {
            for reader_only in ["close / clear search", "next page", "previous page"] {
                assert_ne!(d, reader_only, "{row}");
            }
        }
        assert_ne!(d, "jump there / run", "{row}");
        // A scrolling box has no entries.
        if row.starts_with("Footnotes") || row.starts_with("Help:") {
            assert!(!d.contains("entr"), "{row}: {d}");
        }
    }
}

#[test]
fn help_at_80_columns() {
    let mut app = help_at(80, 24);
    press(&mut app, &["G"]);
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn the_guide_teaches_day_one_in_both_languages() {
    let text = Document::guide().text;
    for (zh, en) in [
        ("简体", "Simplified"),
        ("净化", "clean view"),
        ("竖排", "vertical"),
        ("宽一点", "wider"),
        ("配色", "theme"),
        ("两页", "two pages"),
        ("保存", "save"),
        ("3j", "3j"),
        ("Ctrl-l", "Ctrl-l"),
        ("config.toml", "config.toml"),
        ("kanshu config --default", "kanshu config --default"),
        ("打开文件", "file picker"),
        ("书架", "library"),
        ("半页", "half a page"),
        ("禅", "zen"),
        ("page_overlap", "page_overlap"),
        ("还要读多久", "time left"),
    ] {
        assert!(text.contains(zh), "{zh}");
        assert!(text.contains(en), "{en}");
    }
    // The keys it names are the reader's.
    let keymap = &kanshu::config::Config::defaults().keys;
    use kanshu::keys::{Action, Key, Mode};
    for (name, action) in [
        ("S", Action::ToggleScript),
        ("C", Action::ToggleClean),
        ("V", Action::ToggleVertical),
        ("+", Action::Wider),
        ("-", Action::Narrower),
        ("T", Action::CycleTheme),
        ("s", Action::ToggleSpread),
        ("W", Action::SaveSettings),
        ("ctrl-l", Action::Redraw),
        ("ctrl-d", Action::HalfPageDown),
        ("Z", Action::ToggleZen),
        ("o", Action::OpenPicker),
        ("L", Action::Library),
    ] {
        let key = Key::parse(name).unwrap();
        assert_eq!(keymap.lookup(Mode::Reader, key), Some(&action), "{name}");
    }
}
