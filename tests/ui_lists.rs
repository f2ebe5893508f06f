//! The contents list with chapter numbers and folded volumes, `:2.1` across volumes, and the
//! search that counts in the background on a book larger than what is searched at once.

use kanshu::app::App;
use kanshu::document::Document;
use kanshu::position::Position;

use crate::common::{press, snapshot, status_text, type_text};

/// Three volumes of four chapters each, numbered 第1章…第4章 in every volume.
fn volumes() -> Document {
    let mut text = String::from("《三卷书》\n\n");
    for (v, name) in ["一", "二", "三"].iter().enumerate() {
        text.push_str(&format!("第{name}卷 卷{}\n", v + 1));
        for c in 1..=4 {
            text.push_str(&format!("第{c}章 {name}之{c}\n"));
            for l in 0..12 {
                text.push_str(&format!(
                    "　　第{name}卷第{c}章第{l}行，正文在此，平平无奇。\n"
                ));
            }
        }
    }
    Document::from_text(text, "三卷书")
}

#[test]
fn contents_show_numbers_and_fold_the_other_volumes() {
    let doc = volumes();
    assert_eq!(doc.chapters.len(), 16, "{:?}", doc.chapters);
    let mut app = App::new(doc, 80, 24);
    // Chapter 2 of volume 2, by its number.
    press(&mut app, &[":"]);
    type_text(&mut app, "2.2");
    press(&mut app, &["enter"]);
    assert!(status_text(&app).contains("第二卷 卷2 › 第2章 二之2"));
    press(&mut app, &["t"]);
    insta::assert_snapshot!("toc_numbers_folded_80x24", snapshot(&app));
    // Unfold the third volume; fold the second from inside it.
    press(&mut app, &["G", "l"]);
    let shot = snapshot(&app);
    assert!(shot.contains("3.4 "), "{shot}");
    press(&mut app, &["g", "j", "j", "h"]);
    let shot = snapshot(&app);
    assert!(!shot.contains("二之1"), "{shot}");
}

#[test]
fn a_repeated_number_says_which_volume_was_chosen() {
    let mut app = App::new(volumes(), 80, 24);
    press(&mut app, &[":"]);
    type_text(&mut app, "3");
    press(&mut app, &["enter"]);
    let msg = app.message().unwrap().text.clone();
    assert!(msg.contains("第一卷") && msg.contains(":1.3"), "{msg}");
    press(&mut app, &[":"]);
    type_text(&mut app, "+5");
    press(&mut app, &["enter"]);
    assert!(status_text(&app).contains("第二卷 卷2 › 第3章"));
}

#[test]
fn a_big_book_is_counted_in_the_background_and_n_goes_on_from_here() {
    // More than the stretch searched at once, and more matches than any cap.
    let mut text = String::from("第1章 开始\n");
    for _ in 0..8000 {
        text.push_str(&"的".repeat(40));
        text.push_str("，这是正文。\n");
    }
    let doc = Document::from_text(text, "big");
    assert!(doc.text.len() > kanshu::app::search::WINDOW);
    let mut app = App::new(doc, 80, 24);
    press(&mut app, &[":"]);
    type_text(&mut app, "99%");
    press(&mut app, &["enter"]);
    let here = app.doc().offset_of(app.top());
    press(&mut app, &["/"]);
    type_text(&mut app, "的");
    // The first hit is on screen at once, past where the search started.
    let s = app.search.as_ref().unwrap();
    let first = s.matches.ranges[s.current.unwrap()].start;
    assert!(first >= here, "{first} < {here}");
    for _ in 0..2000 {
        if !app.search_pending() {
            break;
        }
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!app.search_pending());
    assert_eq!(app.search.as_ref().unwrap().matches.ranges.len(), 320_000);
    press(&mut app, &["enter", "n"]);
    let s = app.search.as_ref().unwrap();
    let at = s.matches.ranges[s.current.unwrap()].start;
    assert!(at > first, "n went back to {at}");
    assert!(status_text(&app).contains("of 320000"));
    assert_ne!(app.top(), Position::START);
}

/// A backward search whose first look (the stretch just before the place) finds nothing lands,
/// once the book is counted, on the last match before the place, not the book's last match.
#[test]
fn a_backward_search_lands_on_the_last_match_before_the_place() {
    let mut text = String::from("第1章 开始\n");
    text.push_str("灯塔在这里。\n");
    for _ in 0..50_000 {
        text.push_str("这是一段没有那个词的正文，只是很长很长。\n");
    }
    text.push_str("又一座灯塔。\n");
    let doc = Document::from_text(text, "far");
    assert!(doc.text.len() > 2 * kanshu::app::search::WINDOW);
    let mut app = App::new(doc, 80, 24);
    press(&mut app, &[":"]);
    type_text(&mut app, "60%");
    press(&mut app, &["enter"]);
    press(&mut app, &["?"]);
    type_text(&mut app, "灯塔");
    for _ in 0..2000 {
        if !app.search_pending() {
            break;
        }
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!app.search_pending());
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.matches.ranges.len(), 2);
    let at = s.matches.ranges[s.current.unwrap()].start;
    assert!(
        app.doc().text[at..].starts_with("灯塔在这里"),
        "landed on the match after the place: {at}"
    );
}

#[test]
fn the_results_list_shows_every_match_and_jumps() {
    let mut app = App::new(crate::common::seed(), 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "脱贫");
    press(&mut app, &["enter"]);
    let start = app.top();
    press(&mut app, &["g", "R"]);
    insta::assert_snapshot!("search_results_80x24", snapshot(&app));
    // Filter the rows, then jump; the jump list brings us back.
    type_text(&mut app, "篇三");
    let kanshu::app::Overlay::Results(r) = &app.overlay else {
        panic!("no results list")
    };
    assert!(!r.entries.is_empty());
    press(&mut app, &["enter"]);
    assert!(status_text(&app).contains("篇三"), "{}", status_text(&app));
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.top(), Position::START);
    assert_ne!(start, Position::new(usize::MAX, 0));
}

#[test]
fn titles_and_names_go_through_the_view() {
    let mut app = App::new(crate::common::seed(), 100, 30);
    press(&mut app, &["S", "esc"]);
    assert!(app.display().view.script != kanshu::view::Script::Original);
    // 简体: the status bar, the default bookmark name and the contents are simplified.
    assert!(status_text(&app).contains("坚守"), "{}", status_text(&app));
    assert!(app.default_bookmark_name().contains("坚守"));
    press(&mut app, &["t"]);
    let shot = snapshot(&app);
    assert!(shot.contains("坚守") && !shot.contains("堅守"), "{shot}");
}

#[test]
fn the_search_history_is_kept_for_every_book_and_walked_with_the_arrows() {
    let tmp = tempfile::tempdir().unwrap();
    let store = kanshu::store::Store::new(tmp.path().join("state"));
    let mut app = App::new(crate::common::book(5, 30), 80, 24);
    app.attach_store(store.clone());
    for q in ["c2 line", "c3 line"] {
        press(&mut app, &["/"]);
        type_text(&mut app, q);
        press(&mut app, &["enter"]);
    }
    // Another reader (another book) sees the same history.
    let mut other = App::new(crate::common::book(3, 10), 80, 24);
    other.attach_store(store);
    press(&mut other, &["/", "up"]);
    assert_eq!(other.prompt.as_ref().unwrap().text, "c3 line");
    press(&mut other, &["up"]);
    assert_eq!(other.prompt.as_ref().unwrap().text, "c2 line");
    press(&mut other, &["down", "down"]);
    assert_eq!(other.prompt.as_ref().unwrap().text, "");
    // The line edits like a shell's: Ctrl-a, a character, Ctrl-e, Ctrl-w.
    type_text(&mut other, "line 3");
    press(&mut other, &["ctrl-a"]);
    type_text(&mut other, "c1 ");
    assert_eq!(other.prompt.as_ref().unwrap().text, "c1 line 3");
    press(&mut other, &["ctrl-e", "ctrl-w"]);
    assert_eq!(other.prompt.as_ref().unwrap().text, "c1 line ");
    // Esc keeps the search for n; a second Esc clears it.
    press(&mut other, &["esc"]);
    assert!(other.search.is_some());
    press(&mut other, &["esc"]);
    assert!(other.search.is_none());
}

#[test]
fn a_list_keeps_its_selection_in_view_when_the_terminal_shrinks() {
    let mut app = App::new(crate::common::seed(), 80, 40);
    press(&mut app, &["/"]);
    type_text(&mut app, "的");
    press(&mut app, &["enter", "g", "R"]);
    press(&mut app, &["G"]);
    let selected = |app: &App| match &app.overlay {
        kanshu::app::Overlay::Results(r) => (r.list.selected, r.list.scroll),
        _ => panic!("no results list"),
    };
    let (sel, _) = selected(&app);
    app.update(kanshu::keys::Action::Resize(80, 14));
    let (after, scroll) = selected(&app);
    assert_eq!(after, sel);
    let shown = snapshot(&app);
    assert!(
        scroll > 0 && scroll <= sel && sel - scroll < 14,
        "selection {sel} not in view from {scroll}:\n{shown}"
    );
}
