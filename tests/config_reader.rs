//! The configuration in the reader: remapped keys change what a key does and what the help
//! screen lists; width, theme and spread change at once, keep the text at the top of the
//! screen, and are saved into config.toml without losing the user's comments.

use crate::common::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kanshu::app::App;
use kanshu::config::Spread;
use kanshu::config::{Config, ThemeName};
use ratatui::style::{Color, Modifier};

fn configured(toml: &str, w: u16, h: u16) -> App {
    let cfg = Config::from_user_toml(toml, "test.toml").unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(book(4, 120), w, h);
    app.apply_config(&cfg, false, None);
    app
}

#[test]
fn a_remapped_key_does_the_new_thing_and_help_says_so() {
    let mut app = configured(
        "[keys.reader]\nx = \"next_page\"\nspace = \"none\"\nf1 = \"none\"\nf2 = \"help\"\n",
        80,
        24,
    );
    let start = app.top();
    press(&mut app, &["space"]);
    assert_eq!(app.top(), start, "space was unbound");
    press(&mut app, &["x"]);
    assert_ne!(app.top(), start, "x turns the page");
    press(&mut app, &["f1"]);
    assert_eq!(app.mode(), kanshu::keys::Mode::Reader, "f1 was unbound");
    press(&mut app, &["f2"]);
    assert_eq!(app.mode(), kanshu::keys::Mode::Help);
    let shot = snapshot(&app);
    let next_page_row = shot
        .lines()
        .find(|l| l.contains("next page"))
        .expect("help lists next page");
    assert!(next_page_row.contains(" x"), "{next_page_row}");
    assert!(!next_page_row.contains("Space"), "{next_page_row}");
    insta::assert_snapshot!("help_remapped_80x24", shot);
}

#[test]
fn width_keys_keep_the_text_at_the_top() {
    let mut app = configured("[layout]\nmax_width = 60\n", 100, 30);
    assert_eq!(app.geometry().column_width(), 60);
    press(&mut app, &["j"; 37]);
    let top_text = top_line_text(&app);
    let top = app.top();
    press(&mut app, &["+"]);
    assert_eq!(app.settings().max_width, 64);
    assert_eq!(app.geometry().column_width(), 64);
    assert_eq!(app.top(), top);
    assert_eq!(
        top_line_text(&app).split_whitespace().next(),
        top_text.split_whitespace().next()
    );
    press(&mut app, &["-", "-", "-"]);
    assert_eq!(app.geometry().column_width(), 52);
    assert_eq!(app.top(), top);
    assert!(app.message().is_some_and(|m| m.text.contains("52")));
}

#[test]
fn theme_and_spread_switch_at_once() {
    let mut app = configured("[theme]\nname = \"dark\"\n", 200, 30);
    assert_eq!(app.theme.body.bg, Some(Color::Rgb(0x1c, 0x1c, 0x1c)));
    press(&mut app, &["T"]);
    assert_eq!(app.prefs().theme, ThemeName::Light);
    assert_eq!(app.theme.body.bg, Some(Color::Rgb(0xfa, 0xfa, 0xfa)));
    press(&mut app, &["T", "T"]);
    assert_eq!(app.prefs().theme, ThemeName::Terminal);
    assert_eq!(app.theme.body.bg, None);
    assert!(app.theme.status.add_modifier.contains(Modifier::REVERSED));

    // 200 columns fit two 80-cell pages: auto shows two; the key turns it off, then on.
    assert_eq!(app.geometry().columns.len(), 2);
    let top = app.top();
    press(&mut app, &["s"]);
    assert_eq!(app.settings().spread, Spread::Off);
    assert_eq!(app.geometry().columns.len(), 1);
    press(&mut app, &["s"]);
    assert_eq!(app.settings().spread, Spread::On);
    assert_eq!(app.geometry().columns.len(), 2);
    assert_eq!(app.top(), top);
}

#[test]
fn no_color_paints_without_colours() {
    let cfg = Config::from_user_toml("[theme]\nname = \"sepia\"\n", "t").unwrap();
    let mut app = App::new(book(2, 10), 80, 24);
    app.apply_config(&cfg, true, None);
    assert_eq!(app.theme.body.bg, None);
    assert_eq!(app.theme.body.fg, None);
    assert!(app.theme.heading.add_modifier.contains(Modifier::BOLD));
    press(&mut app, &["T"]);
    assert_eq!(app.theme.body.bg, None);
}

#[test]
fn save_writes_the_changed_settings_and_keeps_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let original = "# my reading setup\n[layout]\nmax_width = 60 # narrow\njustify = true\n";
    std::fs::write(&path, original).unwrap();
    let cfg = Config::load(&path).unwrap();
    let mut app = App::new(book(2, 10), 200, 30);
    app.apply_config(&cfg, false, Some(path.clone()));
    press(&mut app, &["+", "T", "s", "W"]);
    let msg = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(msg.starts_with("settings saved"), "{msg}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.starts_with("# my reading setup\n[layout]\nmax_width = 64 # narrow\n"),
        "{saved}"
    );
    assert!(saved.contains("justify = true"));
    let again = Config::load(&path).unwrap();
    assert_eq!(again.layout.max_width, 64);
    assert_eq!(again.theme.name, ThemeName::Dark);
    assert_eq!(again.layout.spread, kanshu::config::Spread::Off);
    assert!(again.layout.justify);
}

#[test]
fn layout_settings_reach_the_layout_engine() {
    let app = configured(
        "[layout]\nmax_width = 50\nambiguous_width = 2\njustify = true\nindent = 2\nmargin_y = 2\n",
        120,
        30,
    );
    let p = app.layout_params();
    assert_eq!(p.width, 50);
    assert!(p.ambiguous_wide);
    assert!(p.justify);
    assert_eq!(p.indent, Some(2));
    // Two free lines above and below the text, one status line.
    assert_eq!(app.geometry().columns[0].y, 2);
    assert_eq!(app.geometry().column_height(), 30 - 1 - 4);
}

#[test]
fn the_first_hint_names_the_keys_in_use() {
    let app = App::new(book(1, 3), 80, 24);
    assert_eq!(
        kanshu::app::prefs::start_hint(&app.keymap, app.lang()),
        "F1 help · t contents · / search · q quit"
    );
    let app = configured(
        "[keys.reader]\nf1 = \"none\"\nf2 = \"help\"\nt = \"none\"\nq = \"none\"\n",
        80,
        24,
    );
    assert_eq!(
        kanshu::app::prefs::start_hint(&app.keymap, app.lang()),
        "F2 help · Tab contents · / search · Ctrl-c quit"
    );
}

#[test]
fn key_sequences_work_and_help_lists_them() {
    let mut app = configured(
        "[keys.reader]\ng = \"none\"\n\"g g\" = \"book_start\"\n\"z t\" = \"toggle_toc\"\n",
        80,
        24,
    );
    press(&mut app, &["space", "space"]);
    assert_ne!(app.top(), kanshu::Position::START);
    press(&mut app, &["g"]);
    assert_ne!(app.top(), kanshu::Position::START, "one g waits");
    press(&mut app, &["g"]);
    assert_eq!(app.top(), kanshu::Position::START);
    // A key that continues no sequence drops the pending one and acts on its own.
    press(&mut app, &["z", "space"]);
    assert_ne!(app.top(), kanshu::Position::START);
    assert!(app.pending_keys.is_empty());
    press(&mut app, &["z", "t"]);
    assert_eq!(app.mode(), kanshu::keys::Mode::Toc);
    let rows = app.keymap.help_rows();
    let reading = &rows[0].rows;
    assert!(reading.iter().any(|r| r.keys.contains(&"g g".to_string())));
    assert!(reading.iter().any(|r| r.keys.contains(&"z t".to_string())));
}

#[test]
fn shifted_keys_from_the_config_work() {
    let mut app = configured(
        "[keys.reader]\n\"shift-down\" = \"next_chapter\"\n\"shift-x\" = \"toggle_toc\"\n",
        80,
        24,
    );
    send(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT)),
    );
    assert_eq!(app.top(), kanshu::Position::new(1, 0));
    // Down alone still scrolls a line.
    press(&mut app, &["down"]);
    assert_eq!(app.top().chapter, 1);
    assert_ne!(app.top().offset, 0);
    send(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT)),
    );
    assert_eq!(app.mode(), kanshu::keys::Mode::Toc);
}

#[test]
fn default_keys_come_from_default_toml() {
    // The reader's default keymap is built from config/default.toml.
    let cfg = Config::defaults();
    let mut app = App::new(book(1, 3), 80, 24);
    let before = app.keymap.clone();
    app.apply_config(cfg, false, None);
    assert_eq!(app.keymap, before);
}

#[test]
fn the_terminal_theme_is_the_readers_built_in_look() {
    let cfg = Config::defaults();
    let palette = cfg.theme.palette(ThemeName::Terminal);
    assert_eq!(
        kanshu::app::Theme::from_palette(palette),
        kanshu::app::Theme::default()
    );
}

#[test]
fn a_dark_theme_paints_the_whole_screen() {
    let app = configured("[theme]\nname = \"dark\"\n", 100, 20);
    let buf = render(&app);
    let bg = Some(Color::Rgb(0x1c, 0x1c, 0x1c));
    // A margin cell and a cell past the end of a short line both have the page colour.
    assert_eq!(Some(buf[(0, 0)].bg), bg);
    assert_eq!(Some(buf[(99, 5)].bg), bg);
}
