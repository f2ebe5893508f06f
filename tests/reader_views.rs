//! The reader's Chinese views: script (S), clean view (C) and vertical pages (V) switch what is
//! shown while the position stays on the same text; the clean view is offered once; searching
//! 战 finds 戰.

use crate::common::*;
use kanshu::app::App;

fn visible_text(app: &App) -> String {
    app.view()
        .columns
        .iter()
        .flatten()
        .flat_map(|l| l.glyphs.iter().map(|g| g.text))
        .collect()
}

/// Open the seed at the paragraph starting with 今年以來 (chapter 1, third line).
fn at_intro(w: u16, h: u16) -> App {
    let mut app = App::new(seed(), w, h);
    let abs = app.doc().text.find("今年以來").expect("seed intro");
    let pos = app.doc().position_of(abs);
    app.set_top(pos);
    app
}

#[test]
fn script_toggle_converts_the_page_and_keeps_the_place() {
    let mut app = at_intro(80, 24);
    let top = app.top();
    assert!(visible_text(&app).contains("鞏固拓展"));
    press(&mut app, &["S"]);
    assert_eq!(app.top(), top);
    assert!(visible_text(&app).contains("巩固拓展"));
    assert!(status_text(&app).contains("simplified"));
    press(&mut app, &["S"]);
    assert!(visible_text(&app).contains("鞏固拓展"));
    press(&mut app, &["S"]);
    assert_eq!(app.top(), top);
    assert!(visible_text(&app).contains("鞏固拓展"));
    // Turning pages in a converted view still moves through the source text.
    let start = kanshu::Position::new(2, 0);
    app.set_top(start);
    press(&mut app, &["S", "space"]);
    assert_ne!(app.top(), start);
    press(&mut app, &["b"]);
    assert_eq!(app.top(), start);
}

#[test]
fn clean_toggle_hides_annotations_and_keeps_the_place() {
    let mut app = at_intro(80, 24);
    let top = app.top();
    assert!(visible_text(&app).contains("(zhàn)"));
    press(&mut app, &["C"]);
    assert_eq!(app.top(), top);
    let shown = visible_text(&app);
    assert!(
        !shown.contains("(zhàn)") && shown.contains("攻堅掛牌督戰"),
        "{shown}"
    );
    press(&mut app, &["C"]);
    assert!(visible_text(&app).contains("(zhàn)"));
}

#[test]
fn the_clean_view_is_offered_when_the_book_needs_it() {
    let mut app = App::new(seed(), 80, 24);
    assert!(app.offer_clean_view());
    let status = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(status.starts_with("C: clean view"), "{status}");
    press(&mut app, &["C"]);
    assert!(!app.offer_clean_view());
    let mut plain = App::new(book(2, 5), 80, 24);
    assert!(!plain.offer_clean_view());
}

#[test]
fn vertical_pages_read_right_to_left_and_keep_the_place() {
    let mut app = at_intro(60, 20);
    let top = app.top();
    press(&mut app, &["V"]);
    assert_eq!(app.top(), top);
    let screen = screen_text(&render(&app));
    // The paragraph starts at the top of the rightmost column, two rows down: 今 then 年.
    let rows: Vec<&str> = screen.lines().collect();
    let right: String = rows
        .iter()
        .take(8)
        .filter_map(|r| r.trim_end().chars().last())
        .collect();
    assert!(right.contains("今年以來"), "{screen}");
    assert!(screen.contains('︐'), "{screen}");
    // V returns to horizontal lines at the same place.
    press(&mut app, &["V"]);
    assert_eq!(app.top(), top);
    assert!(top_line_text(&app).starts_with("今年以來"));
}

#[test]
fn vertical_pages_turn_forward_and_back() {
    let mut app = App::new(seed(), 60, 20);
    let start = kanshu::Position::new(2, 0);
    app.set_top(start);
    press(&mut app, &["V", "space"]);
    let second = app.top();
    assert_ne!(second, start);
    assert_eq!(second.chapter, 2);
    press(&mut app, &["b"]);
    assert_eq!(app.top(), start);
}

#[test]
fn vertical_page_of_the_seed() {
    let mut app = App::new(seed(), 60, 18);
    app.set_top(kanshu::Position::new(2, 0));
    press(&mut app, &["C", "V"]);
    insta::assert_snapshot!(screen_text(&render(&app)));
}

/// Vertical mode draws the chapter heading as a heading (bold), like the horizontal reader,
/// and nothing else on the page.
#[test]
fn vertical_headings_are_styled() {
    let mut app = App::new(seed(), 60, 18);
    app.set_top(kanshu::Position::new(2, 0));
    press(&mut app, &["V"]);
    let buf = render(&app);
    let (text, mask) = (screen_text(&buf), style_mask(&buf));
    let rows: Vec<(Vec<char>, Vec<char>)> = text
        .lines()
        .zip(mask.lines())
        .map(|(t, m)| (cells_of(t), m.chars().collect()))
        .collect();
    // The first column on the right: the heading begins 2020堅守…
    let (first_row, first_mask) = &rows[0];
    let heading_col = first_row
        .iter()
        .rposition(|&c| c == '2')
        .expect("the heading column starts with 2020");
    assert_eq!(first_mask[heading_col], 'B', "{text}\n{mask}");
    // Body columns (left of the heading columns) are plain.
    let body_col = first_row
        .iter()
        .position(|&c| c != ' ')
        .expect("text on the first row");
    assert!(body_col < heading_col);
    assert_eq!(first_mask[body_col], '.', "{text}\n{mask}");
}

/// One entry per terminal cell: a wide character, then a space standing for its second cell.
fn cells_of(line: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in line.chars() {
        out.push(c);
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            out.push(' ');
        }
    }
    out
}

#[test]
fn searching_simplified_finds_traditional() {
    let mut app = App::new(seed(), 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "攻坚战");
    press(&mut app, &["enter"]);
    let s = app.search.as_ref().expect("search active");
    assert!(!s.matches.ranges.is_empty());
    for r in &s.matches.ranges {
        assert_eq!(&app.doc().text[r.clone()], "攻堅戰");
    }
    // Ctrl-t in the prompt turns the matching off.
    press(&mut app, &["/", "ctrl-t"]);
    type_text(&mut app, "攻坚战");
    press(&mut app, &["enter"]);
    assert!(app.search.is_none());
}

#[test]
fn matches_are_highlighted_in_a_converted_view() {
    let mut app = App::new(seed(), 80, 24);
    press(&mut app, &["S", "/"]);
    type_text(&mut app, "督战");
    press(&mut app, &["enter"]);
    let buf = render(&app);
    let (text, mask) = (screen_text(&buf), style_mask(&buf));
    let row = text
        .lines()
        .position(|l| l.contains("督战"))
        .expect("match on screen");
    // The cell under 战 (a converted character) carries the match colour.
    let line = text.lines().nth(row).unwrap_or("");
    let at = line.find("督战").unwrap_or(0) + "督".len();
    let col = unicode_width::UnicodeWidthStr::width(&line[..at]);
    let mark = mask.lines().nth(row).and_then(|m| m.chars().nth(col));
    assert!(matches!(mark, Some('C' | 'M')), "{text}\n{mask}");
}

#[test]
fn another_book_opens_in_the_same_view() {
    let mut app = App::new(seed(), 80, 24);
    press(&mut app, &["S", "V"]);
    let mode = app.display();
    app.replace_document(seed(), kanshu::Position::START);
    assert_eq!(app.display(), mode);
    assert!(screen_text(&render(&app)).contains('︐'));
}

#[test]
fn a_vertical_spread_starts_on_the_right() {
    let mut app = App::new(seed(), 180, 30);
    app.set_top(kanshu::Position::new(2, 0));
    press(&mut app, &["V"]);
    let columns = &app.view().columns;
    assert_eq!(columns.len(), 2, "a spread at 180 columns");
    let first_page_holds_top = |col: &Vec<kanshu::app::ViewLine>| {
        col.iter()
            .flat_map(|l| &l.glyphs)
            .any(|g| g.offset == 0 && g.text.trim() == "2")
    };
    assert!(first_page_holds_top(&columns[1]));
    assert!(!first_page_holds_top(&columns[0]));
}

#[test]
fn the_clean_view_choice_is_remembered_per_book() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = tmp.path().join("config");
    let path = tmp.path().join("seed.txt");
    std::fs::write(&path, include_str!("fixtures/seed.txt")).expect("write");
    let open = || {
        let doc = kanshu::Document::open(&path, &kanshu::LoadOptions::default()).expect("open");
        let mut app = App::new(doc, 80, 24);
        app.attach_store(kanshu::store::Store::new(&config));
        app
    };
    let mut app = open();
    assert!(!app.display().view.clean);
    assert!(app.offer_clean_view());
    press(&mut app, &["C"]);
    app.quit();

    let mut app = open();
    assert!(app.display().view.clean, "reopened in the clean view");
    assert!(!app.offer_clean_view());
    press(&mut app, &["C"]);
    app.quit();

    let mut app = open();
    assert!(!app.display().view.clean);
    assert!(
        !app.offer_clean_view(),
        "the offer was answered: no second time"
    );
}
