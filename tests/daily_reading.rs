//! Reading comfort: page overlap, half pages, zen, the status bar's items with the time left,
//! and colours brought down to what the terminal shows. On the app with the real keymap, and
//! end to end in tmux for overlap, Ctrl-d and zen.

use std::path::{Path, PathBuf};

use ratatui::style::Color as TermColor;

use crate::common::tmux::{Tmux, quote};
use crate::common::*;
use kanshu::app::{App, Settings};
use kanshu::config::depth::ColorDepth;
use kanshu::config::{Config, StatusItem};

/// The text lines of the first column, trimmed, with whether each was carried over.
fn lines(app: &App) -> Vec<(String, bool)> {
    app.view().columns[0]
        .iter()
        .filter(|l| !l.glyphs.is_empty())
        .map(|l| {
            let t: String = l.glyphs.iter().map(|g| g.text).collect();
            (t.trim().to_string(), l.carried)
        })
        .collect()
}

fn app_with(overlap: usize, status: Vec<StatusItem>) -> App {
    let mut app = App::new(book(2, 60), 50, 12);
    let mut settings = Settings {
        page_overlap: overlap,
        status,
        ..Settings::default()
    };
    // One row per line, no blank row between paragraphs.
    settings.layout.paragraph_spacing = Some(false);
    app.set_settings(settings);
    app
}

#[test]
fn page_overlap_keeps_the_last_lines_of_a_page_at_the_top_of_the_next() {
    let mut app = app_with(2, Settings::default().status);
    // The second page of the chapter, then the third.
    press(&mut app, &["space"]);
    let before = lines(&app);
    assert!(
        before.iter().take(2).all(|(_, carried)| *carried),
        "{before:?}"
    );
    press(&mut app, &["space"]);
    let after = lines(&app);
    let last_two: Vec<String> = before[before.len() - 2..]
        .iter()
        .map(|l| l.0.clone())
        .collect();
    let top_two: Vec<String> = after[..2].iter().map(|l| l.0.clone()).collect();
    assert_eq!(top_two, last_two);
    assert!(after[0].1 && after[1].1 && !after[2].1, "{after:?}");
    // Page numbers count the shorter pages: no number twice.
    assert!(status_text(&app).contains("3/"), "{}", status_text(&app));
    // Back returns to the same page.
    press(&mut app, &["b"]);
    assert_eq!(lines(&app), before);
    // The first page of a chapter has nothing before it to carry.
    press(&mut app, &["g"]);
    assert!(lines(&app).iter().all(|l| !l.1));
}

#[test]
fn without_overlap_no_line_is_shown_twice() {
    let mut app = app_with(0, Settings::default().status);
    let first = lines(&app);
    press(&mut app, &["space"]);
    let second = lines(&app);
    assert!(second.iter().all(|l| !first.contains(l)), "{second:?}");
}

#[test]
fn ctrl_d_and_ctrl_u_scroll_half_a_page() {
    let mut app = app_with(0, Settings::default().status);
    press(&mut app, &["space"]);
    let page = lines(&app);
    press(&mut app, &["ctrl-d"]);
    let half = lines(&app);
    // 11 lines a page: half a page is 5 lines.
    assert_eq!(half[0], page[5]);
    press(&mut app, &["2", "ctrl-d"]);
    assert_eq!(
        lines(&app)[0].0,
        format!("c1 line {} of the body text here.", 10 + 5 + 10)
    );
    press(&mut app, &["2", "ctrl-u"]);
    assert_eq!(lines(&app), half);
    press(&mut app, &["ctrl-u"]);
    assert_eq!(lines(&app), page);
}

#[test]
fn zen_hides_the_status_bar_until_pressed_again_and_messages_still_show() {
    let mut app = app_with(0, Settings::default().status);
    press(&mut app, &["Z"]);
    assert!(status_text(&app).contains("zen"), "{}", status_text(&app));
    press(&mut app, &["space"]);
    // The status row is the text's now.
    let bottom = status_text(&app);
    assert!(!bottom.contains('%') && !bottom.contains("zen"), "{bottom}");
    // A message still shows.
    press(&mut app, &["G", "space"]);
    assert!(status_text(&app).contains("end of the book"));
    press(&mut app, &["Z"]);
    press(&mut app, &["k"]);
    assert!(status_text(&app).contains('%'), "{}", status_text(&app));
}

#[test]
fn the_status_bar_shows_the_items_chosen_and_the_time_left() {
    let items = vec![
        StatusItem::Chapter,
        StatusItem::TimeLeftChapter,
        StatusItem::TimeLeftBook,
    ];
    let mut app = app_with(0, items);
    press(&mut app, &["space"]);
    let s = status_text(&app);
    assert!(s.contains("第1章"), "{s}");
    assert!(!s.contains("Hand-made"), "{s}");
    assert!(!s.contains('%') && !s.contains("/6"), "{s}");
    // 2 × 60 lines of about 32 characters at the default 1,200 a minute: about 3 minutes.
    assert!(s.contains("min left · book 3 min"), "{s}");
    let (speed, learned) = app.reading_speed();
    assert_eq!((speed, learned), (1200.0, false));
}

#[test]
fn colours_come_down_to_the_terminal() {
    let cfg = Config::from_user_toml("[theme]\nname = \"dark\"\n", "t.toml").unwrap();
    let mut app = App::new(book(1, 10), 40, 8);
    app.apply_config(&cfg, false, None);
    let bg = |app: &App| render(app)[(0, 0)].bg;
    assert_eq!(bg(&app), TermColor::Rgb(0x1c, 0x1c, 0x1c));
    app.set_color_depth(ColorDepth::Palette256);
    assert_eq!(bg(&app), TermColor::Indexed(234));
    app.set_color_depth(ColorDepth::Ansi16);
    assert_eq!(bg(&app), TermColor::Black);
    // Cycling themes keeps the terminal's depth.
    press(&mut app, &["T"]);
    assert!(!matches!(
        bg(&app),
        TermColor::Rgb(..) | TermColor::Indexed(_)
    ));
}

#[test]
fn config_checks_overlap_and_status_items() {
    let e = Config::from_user_toml("[layout]\npage_overlap = 4\n", "t.toml").unwrap_err();
    assert!(e.to_string().contains("page_overlap"), "{e}");
    let e = Config::from_user_toml("[layout]\nstatus = [\"pages\"]\n", "t.toml").unwrap_err();
    assert!(e.to_string().contains("`page`"), "{e}");
    let c = Config::from_user_toml(
        "[layout]\npage_overlap = 1\nstatus = [\"percent\", \"time_left_book\"]\n",
        "t.toml",
    )
    .unwrap();
    assert_eq!(c.layout.page_overlap, 1);
    assert_eq!(
        c.layout.status,
        vec![StatusItem::Percent, StatusItem::TimeLeftBook]
    );
    assert_eq!(Config::defaults().layout.page_overlap, 0);
}

// ----- in a real terminal -----

/// A book of 300 numbered lines and a config with `extra` in `[layout]`, in a temp dir.
fn numbered_book(dir: &Path, extra: &str) -> PathBuf {
    let mut text = String::from("Numbered lines\n\n");
    for i in 1..=300 {
        text.push_str(&format!("Line {i:03} of the numbered book.\n"));
    }
    let book = dir.join("book.txt");
    std::fs::write(&book, text).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!("[layout]\nparagraph_mode = \"lines\"\nparagraph_spacing = false\n{extra}"),
    )
    .unwrap();
    book
}

fn start(tmux: &Tmux, dir: &Path, book: &Path) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}",
        quote(dir),
        quote(&bin),
        quote(book)
    ));
}

fn numbered(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.trim_start().starts_with("Line "))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn tmux_page_overlap_2_keeps_the_last_two_lines() {
    let Some(tmux) = Tmux::start("overlap", 60, 12) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = numbered_book(dir.path(), "page_overlap = 2\n");
    start(&tmux, dir.path(), &book);
    tmux.wait_for("the first page", |s| s.contains("1/"));
    tmux.keys(&["space"]);
    let page = tmux.wait_for("the second page", |s| s.contains("2/"));
    tmux.keys(&["space"]);
    let next = tmux.wait_for("the third page", |s| s.contains("3/"));
    let (a, b) = (numbered(&page), numbered(&next));
    assert_eq!(b[..2], a[a.len() - 2..], "{page}\n{next}");
    assert_ne!(b[2], a[a.len() - 1]);
    tmux.keys(&["q"]);
}

#[test]
fn tmux_ctrl_d_scrolls_half_a_page_and_zen_hides_the_status_bar() {
    let Some(tmux) = Tmux::start("halfzen", 60, 12) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = numbered_book(dir.path(), "");
    start(&tmux, dir.path(), &book);
    tmux.wait_for("the first page", |s| s.contains("1/"));
    tmux.keys(&["space"]);
    let page = tmux.wait_for("the second page", |s| s.contains("2/"));
    let top = numbered(&page)[0].clone();
    assert_eq!(top, "Line 010 of the numbered book.", "{page}");
    tmux.keys(&["C-d"]);
    // 11 lines a page: half a page is 5.
    tmux.wait_for("half a page on", |s| {
        numbered(s).first().map(String::as_str) == Some("Line 015 of the numbered book.")
    });
    tmux.keys(&["Z"]);
    tmux.wait_for("the zen message", |s| s.contains("zen"));
    tmux.keys(&["j"]);
    let zen = tmux.wait_for("no status bar", |s| {
        numbered(s).first().map(String::as_str) == Some("Line 016 of the numbered book.")
    });
    assert!(
        !zen.contains('%') && !zen.contains("Numbered lines"),
        "{zen}"
    );
    tmux.keys(&["Z"]);
    tmux.keys(&["k"]);
    tmux.wait_for("the status bar again", |s| s.contains('%'));
    tmux.keys(&["q"]);
}

#[test]
fn carried_rows_hold_text_even_between_spaced_paragraphs() {
    // A blank row between paragraphs: the carried row is the last text line, not a spacer.
    let mut app = App::new(book(1, 80), 50, 12);
    app.set_settings(Settings {
        page_overlap: 1,
        ..Settings::default()
    });
    press(&mut app, &["space"]);
    let before = lines(&app);
    press(&mut app, &["space"]);
    let first = &app.view().columns[0][0];
    assert!(first.carried && !first.glyphs.is_empty());
    assert_eq!(lines(&app)[0].0, before.last().unwrap().0);
}
