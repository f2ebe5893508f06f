//! Whole screens on `TestBackend` at 80×24, 120×40 and 40×12, as text plus a style mask (see
//! `common::style_mask` for the markers): first page of the seed, the table of contents with
//! 【篇三】 selected, help, a search with highlighted matches, a two-page spread and the
//! too-small notice.

use crate::common::*;
use kanshu::app::{App, Overlay, Settings};
use kanshu::config::{Config, Spread};
use kanshu::keys::Action;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 12)];

fn name(base: &str, w: u16, h: u16) -> String {
    format!("{base}_{w}x{h}")
}

#[test]
fn first_page_of_the_seed() {
    for (w, h) in SIZES {
        let app = App::new(seed(), w, h);
        insta::assert_snapshot!(name("first_page", w, h), snapshot(&app));
    }
}

#[test]
fn toc_with_pian_san_selected() {
    for (w, h) in SIZES {
        let mut app = App::new(seed(), w, h);
        let target = app
            .doc()
            .chapters
            .iter()
            .position(|c| c.title.contains("【篇三】"))
            .expect("the seed has a 【篇三】 chapter");
        press(&mut app, &["t"]);
        for _ in 0..target {
            press(&mut app, &["j"]);
        }
        let Overlay::Toc(t) = &app.overlay else {
            panic!("toc not open");
        };
        assert_eq!(t.entries[t.list.selected], target);
        let shot = snapshot(&app);
        assert!(shot.contains("篇三"), "{shot}");
        insta::assert_snapshot!(name("toc_pian_san", w, h), shot);
    }
}

#[test]
fn help_screen() {
    for (w, h) in SIZES {
        let mut app = App::new(seed(), w, h);
        press(&mut app, &["f1"]);
        insta::assert_snapshot!(name("help", w, h), snapshot(&app));
    }
}

#[test]
fn search_with_highlighted_matches() {
    for (w, h) in SIZES {
        let mut app = App::new(seed(), w, h);
        press(&mut app, &["/"]);
        type_text(&mut app, "脫貧");
        press(&mut app, &["enter", "n"]);
        let shot = snapshot(&app);
        let styles = shot.split("-- styles --").nth(1).unwrap_or("");
        assert!(styles.contains('M'), "other matches highlighted");
        assert!(styles.contains('C'), "current match highlighted");
        insta::assert_snapshot!(name("search", w, h), shot);
    }
}

#[test]
fn two_page_spread() {
    for (w, h) in SIZES {
        let settings = Settings {
            spread: Spread::On,
            ..Settings::default()
        };
        let app = App::with_settings(seed(), settings, Config::defaults().keys.clone(), w, h);
        assert_eq!(app.geometry().columns.len(), 2, "{w}×{h}");
        insta::assert_snapshot!(name("spread", w, h), snapshot(&app));
    }
}

#[test]
fn too_small_notice() {
    for (w, h) in [(15, 5), (10, 2), (1, 1)] {
        let app = App::new(seed(), w, h);
        insta::assert_snapshot!(name("too_small", w, h), snapshot(&app));
    }
}

#[test]
fn every_small_size_draws_without_panicking() {
    let mut app = App::new(seed(), 80, 24);
    press(&mut app, &["t"]);
    // Everything up to the smallest real page, then a few sizes around it.
    for w in 0..=16u16 {
        for h in 0..=3u16 {
            app.update(Action::Resize(w, h));
            let _ = render(&app);
        }
    }
    press(&mut app, &["esc", "f1"]);
    for (w, h) in [
        (16, 3),
        (17, 4),
        (20, 5),
        (25, 6),
        (33, 9),
        (1, 40),
        (200, 2),
    ] {
        app.update(Action::Resize(w, h));
        let _ = render(&app);
    }
    press(&mut app, &["esc", "/"]);
    type_text(&mut app, "脫貧");
    for (w, h) in [(16, 3), (5, 5), (18, 4)] {
        app.update(Action::Resize(w, h));
        let _ = render(&app);
    }
}

#[test]
fn nothing_from_the_book_reaches_the_terminal_raw() {
    let text = "Evil \x1b]0;pwned\x07 book\n第一章 \x1b[31mRed\x1b[0m title\nbody \x1b[2J text \x07 bell\n";
    let mut doc = kanshu::document::Document::from_text(text.to_string(), "t\x1bitle");
    doc.title = "\x1b[5mBlink\x1b[0m".into();
    for c in &mut doc.chapters {
        c.title = format!("\x1b[1m{}\x08", c.title);
    }
    let mut app = App::new(doc, 80, 24);
    let check = |app: &App| {
        let buf = render(app);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "control character reached the screen: {:?}",
                cell.symbol()
            );
        }
    };
    check(&app);
    press(&mut app, &["t"]);
    check(&app);
    press(&mut app, &["esc", "/"]);
    app.update(Action::Paste("\x1b[31m".into()));
    type_text(&mut app, "x");
    check(&app);
    press(&mut app, &["esc", ":"]);
    check(&app);
}

#[test]
fn toc_indents_by_level_and_marks_the_current_chapter() {
    let mut doc = book(4, 2);
    for (c, level) in doc.chapters.iter_mut().zip([1u8, 2, 2, 1]) {
        c.level = level;
    }
    let mut app = App::new(doc, 80, 24);
    press(&mut app, &["2", "g", "t"]);
    let text = screen_text(&render(&app));
    let rows: Vec<&str> = text.lines().skip(1).take(4).collect();
    // Numbers as `:N` takes them; the open volume is marked `-`.
    assert!(rows[0].starts_with("│    - 第1章"), "{text}");
    assert!(rows[1].starts_with("│▸ 2   第2章"), "{text}");
    assert!(rows[2].starts_with("│  3   第3章"), "{text}");
    assert!(rows[3].starts_with("│  4 第4章"), "{text}");
}
