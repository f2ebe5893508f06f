//! Selecting, copying and highlighting through the real keys: `v` and the cursor's moves (CJK
//! and English, through converted and cleaned views, across pages and chapters), `y` and `Y`
//! (what would go to the clipboard), `a`, the colour keys and `A` (highlights in the store,
//! drawn again after reopening at another width), a mouse drag; snapshots of a page with a
//! selection and with highlights, horizontal and vertical; and a property: what `y` copies is
//! always a stretch of the chapter text as the view shows it.

use std::fs;
use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use crate::common::*;
use kanshu::app::{App, Effect};
use kanshu::keys::Mode;
use kanshu::store::{BookSession, Store};
use kanshu::view::display::DisplayMode;
use kanshu::view::{Script, ViewOptions, view_text};
use kanshu::{Document, LoadOptions};

const POEM: &str = concat!(
    "　　天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n",
    "　　寒来暑往，秋收冬藏。闰余成岁，律吕调阳。\n",
    "　　云腾致雨，露结为霜。金生丽水，玉出昆冈。\n",
);

const ENGLISH: &str = "The quick brown fox jumps over the lazy dog.\n\n\
                       A second paragraph, with a comma.\n\n\
                       The third one.\n";

fn app_on(text: &str, w: u16, h: u16) -> App {
    App::new(Document::from_text(text.to_string(), "t"), w, h)
}

/// What the last key sent to the clipboard (the effects are taken).
fn copied(app: &mut App) -> Option<String> {
    app.take_effects()
        .into_iter()
        .map(|Effect::Copy(t)| t)
        .next_back()
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The runs of cells painted in a highlight colour of the default theme, as text.
fn highlighted_cells(app: &App) -> Vec<String> {
    let buf = render(app);
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        for x in 0..buf.area.width {
            if x > 0 && buf[(x - 1, y)].symbol().width() > 1 {
                // Hidden behind the wide glyph before it.
                continue;
            }
            let c = &buf[(x, y)];
            if matches!(
                c.bg,
                Color::LightGreen | Color::LightCyan | Color::LightMagenta | Color::LightBlue
            ) {
                run.push_str(c.symbol().trim());
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

#[test]
fn v_j_y_copies_from_the_top_of_the_page_to_the_line_below() {
    let mut app = app_on(POEM, 60, 10);
    press(&mut app, &["v"]);
    assert_eq!(app.mode(), Mode::Select);
    assert!(status_text(&app).contains("selecting · 1 character"));
    press(&mut app, &["j"]);
    let status = status_text(&app);
    press(&mut app, &["y"]);
    let text = copied(&mut app).expect("y copies");
    assert!(text.starts_with("天地玄黄，宇宙洪荒。"), "{text:?}");
    assert!(text.contains('\n'), "two lines: {text:?}");
    let n = text.chars().count();
    assert!(
        status.contains(&format!("selecting · {n} characters")),
        "{status}"
    );
    assert_eq!(app.mode(), Mode::Reader, "y ends selecting");
    assert_eq!(
        app.message().map(|m| m.text.clone()),
        Some(format!("copied {n} characters"))
    );
}

#[test]
fn words_are_characters_in_chinese_and_words_in_english() {
    let mut app = app_on(POEM, 40, 10);
    press(&mut app, &["v", "w", "w", "w", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("天地玄黄"));
    let mut app = app_on(ENGLISH, 60, 10);
    press(&mut app, &["v", "w", "w", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("The quick b"));
    press(&mut app, &["v", "w", "w", "w", "b", "b", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("The q"));
    // v again starts the selection over at the cursor.
    press(&mut app, &["v", "w", "v", "w", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("quick b"));
    // } goes to the next paragraph; o swaps the ends, so the cursor walks the other end.
    press(&mut app, &["v", "}", "o", "l", "y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("he quick brown fox jumps over the lazy dog.\n\nA")
    );
}

#[test]
fn copies_the_text_as_the_view_shows_it() {
    let mut app = app_on("戰爭與和平，發展。\n", 40, 10);
    app.set_display(DisplayMode {
        view: ViewOptions {
            script: Script::Simplified,
            clean: false,
        },
        vertical: false,
    });
    press(&mut app, &["v", "l", "l", "l", "l", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("战争与和平"));
    // The clean view hides the pinyin: the cursor never stops inside it.
    let mut app = app_on("戰(zhàn)爭與和平\n", 40, 10);
    app.set_display(DisplayMode {
        view: ViewOptions {
            script: Script::Original,
            clean: true,
        },
        vertical: false,
    });
    press(&mut app, &["v", "l", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("戰爭"));
}

#[test]
fn the_page_follows_the_cursor_across_pages_and_chapters() {
    let mut app = App::new(book(3, 30), 40, 8);
    let top = app.top();
    press(&mut app, &["v"]);
    for _ in 0..12 {
        press(&mut app, &["j"]);
    }
    assert_ne!(app.top(), top, "the page turned with the cursor");
    let cursor = app.selection().expect("still selecting").cursor;
    let abs = app.doc().offset_of(cursor);
    assert!(app.view().visible.contains(&abs), "the cursor is on screen");
    // Page by page into the next chapter.
    for _ in 0..12 {
        press(&mut app, &["space"]);
    }
    let s = app.selection().expect("still selecting");
    assert!(s.cursor.chapter > s.anchor.chapter);
    press(&mut app, &["y"]);
    let text = copied(&mut app).unwrap_or_default();
    let next_title = &app.doc().chapters[1].title;
    assert!(text.contains(next_title.as_str()), "spans the chapter end");
}

#[test]
fn vertical_pages_move_down_a_column_and_across_columns() {
    let mut app = app_on(POEM, 40, 12);
    app.set_display(DisplayMode {
        view: ViewOptions::default(),
        vertical: true,
    });
    press(&mut app, &["v", "j", "j", "y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("天地玄"));
    press(&mut app, &["v", "h", "y"]);
    let across = copied(&mut app).unwrap_or_default();
    assert!(across.chars().count() > 3, "a whole column: {across:?}");
}

#[test]
fn capital_y_copies_the_paragraph_at_the_top_of_the_page() {
    let mut app = app_on(ENGLISH, 60, 10);
    press(&mut app, &["Y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("The quick brown fox jumps over the lazy dog.")
    );
    press(&mut app, &["v", "}", "Y"]);
    assert_eq!(
        copied(&mut app).as_deref(),
        Some("A second paragraph, with a comma.")
    );
    assert_eq!(app.mode(), Mode::Reader);
}

fn book_file(dir: &Path) -> PathBuf {
    let path = dir.join("poem.txt");
    fs::write(&path, POEM.repeat(3)).unwrap();
    path
}

fn reader(path: &Path, config: &Path, w: u16, h: u16) -> App {
    let doc = Document::open(path, &LoadOptions::default()).unwrap();
    let mut app = App::new(doc, w, h);
    app.attach_store(Store::new(config));
    app
}

#[test]
fn highlights_are_kept_and_drawn_again_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_file(dir.path());
    let config = dir.path().join("state");
    let mut app = reader(&path, &config, 60, 12);
    press(&mut app, &["v", "w", "w", "w", "a"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(highlighted_cells(&app), ["天地玄黄"]);
    // The second colour, and the highlight key then keeps using it.
    press(
        &mut app,
        &["v", "w", "w", "w", "w", "w", "v", "w", "w", "w", "2"],
    );
    press(&mut app, &["v", "}", "v", "l", "a"]);
    app.quit();
    let session = BookSession::open(
        &Store::new(&config),
        &Document::open(&path, &LoadOptions::default()).unwrap(),
    );
    let hs = session.highlights();
    assert_eq!(hs.len(), 3);
    assert_eq!(hs[0].quote, "天地玄黄");
    assert_eq!(hs[1].quote, "宇宙洪荒");
    assert_eq!(hs[2].quote, "寒来");
    assert_eq!((hs[0].colour, hs[1].colour, hs[2].colour), (0, 1, 1));
    // Reopened narrower: the same words are highlighted.
    let app = reader(&path, &config, 30, 12);
    let cells = highlighted_cells(&app);
    assert_eq!(cells, ["天地玄黄", "宇宙洪荒", "寒来"], "{cells:?}");
}

#[test]
fn capital_a_highlights_and_asks_for_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_file(dir.path());
    let config = dir.path().join("state");
    let mut app = reader(&path, &config, 60, 12);
    press(&mut app, &["v", "l", "A"]);
    assert_eq!(app.mode(), Mode::NoteEditor);
    type_text(&mut app, "first words");
    press(&mut app, &["enter"]);
    type_text(&mut app, "second line");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(app.mode(), Mode::Reader);
    app.quit();
    let session = BookSession::open(
        &Store::new(&config),
        &Document::open(&path, &LoadOptions::default()).unwrap(),
    );
    let hs = session.highlights();
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].quote, "天地");
    assert_eq!(hs[0].note.as_deref(), Some("first words\nsecond line"));
}

#[test]
fn a_mouse_drag_selects_without_turning_the_page() {
    let mut app = app_on(ENGLISH, 60, 10);
    let top = app.top();
    let rect = app.geometry().columns[0];
    let (x, y) = (rect.x, rect.y);
    // Press on the right half (a click there turns the page), then drag.
    send(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), x + 4, y),
    );
    send(
        &mut app,
        mouse(MouseEventKind::Drag(MouseButton::Left), x + 8, y),
    );
    assert_eq!(app.top(), top, "the drag took back the click's page turn");
    assert_eq!(app.mode(), Mode::Select);
    press(&mut app, &["y"]);
    assert_eq!(copied(&mut app).as_deref(), Some("quick"));
}

#[test]
fn snapshot_selection_horizontal_and_vertical() {
    let mut app = app_on(POEM, 40, 8);
    press(&mut app, &["v", "j", "w", "w"]);
    insta::assert_snapshot!("select_horizontal", snapshot(&app));
    app.set_display(DisplayMode {
        view: ViewOptions::default(),
        vertical: true,
    });
    press(&mut app, &["esc", "v", "j", "j", "h"]);
    insta::assert_snapshot!("select_vertical", snapshot(&app));
}

/// Text and a mask of the highlighted cells (`1`–`4`: the colour), for snapshots.
fn highlight_snapshot(app: &App) -> String {
    let buf = render(app);
    let mut mask = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            // The cell a wide glyph hangs over is painted with it.
            let x = match x {
                x if x > 0 && buf[(x - 1, y)].symbol().width() > 1 => x - 1,
                x => x,
            };
            mask.push(match buf[(x, y)].bg {
                Color::LightGreen => '1',
                Color::LightCyan => '2',
                Color::LightMagenta => '3',
                Color::LightBlue => '4',
                _ => '.',
            });
        }
        mask.push('\n');
    }
    format!("{}\n-- highlights --\n{mask}", screen_text(&buf))
}

#[test]
fn snapshot_highlights_horizontal_and_vertical() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_file(dir.path());
    let config = dir.path().join("state");
    let mut app = reader(&path, &config, 40, 8);
    press(&mut app, &["v", "w", "w", "w", "1"]);
    press(&mut app, &["v", "j", "v", "w", "w", "3"]);
    insta::assert_snapshot!("highlights_horizontal", highlight_snapshot(&app));
    app.set_display(DisplayMode {
        view: ViewOptions::default(),
        vertical: true,
    });
    app.update(kanshu::keys::Action::Redraw);
    insta::assert_snapshot!("highlights_vertical", highlight_snapshot(&app));
}

/// One key of the selection mode, for the property below.
fn select_key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "h", "j", "k", "l", "w", "b", "{", "}", "0", "$", "o", "space", "pageup",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the moves and the view, `y` copies a stretch of the chapter as shown.
    #[test]
    fn copied_text_is_a_stretch_of_the_shown_chapter(
        keys in prop::collection::vec(select_key(), 0..24),
        script in 0usize..3,
        clean in any::<bool>(),
        vertical in any::<bool>(),
        width in 16u16..60,
    ) {
        let source = "　　戰(zhàn)爭與和平，發展。The quick brown fox.\n\n\
                      寒來暑往&amp;秋收冬藏。<br/>閏餘成歲\n　　雲騰致雨，露結為霜。\n"
            .repeat(4);
        let mut app = app_on(&source, width, 8);
        let view = ViewOptions {
            script: [Script::Original, Script::Simplified, Script::Traditional][script],
            clean,
        };
        app.set_display(DisplayMode { view, vertical });
        press(&mut app, &["v"]);
        press(&mut app, &keys);
        press(&mut app, &["y"]);
        let text = copied(&mut app).unwrap_or_default();
        let shown = view_text(app.doc().chapter_text(0), &view).0;
        prop_assert!(!text.is_empty());
        prop_assert!(shown.contains(&text), "{text:?} is not in the view");
    }
}

#[test]
fn a_copy_carries_no_control_characters() {
    let mut app = app_on("abc\u{1b}]52;c;ZWNobw==\u{7}def\u{202e}ghi\n", 60, 5);
    press(&mut app, &["v", "$", "y"]);
    let text = copied(&mut app).unwrap_or_default();
    assert!(text.starts_with("abc") && text.ends_with("ghi"), "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{text:?}"
    );
}
