//! The terminal's life cycle without a terminal: Ctrl-z in the loop suspends and repaints the
//! whole screen (unless the keymap gives Ctrl-z a meaning); clicks on the page turn it (right
//! half forward, left half back, mirrored for vertical pages) and the wheel scrolls; `[ui]
//! mouse` in the config; and the command line outside a terminal: the book's text as `render
//! --all` prints it, `--toc` for the contents, a book from standard input, bad start places.

use std::sync::atomic::AtomicBool;

use assert_cmd::Command;
use crossterm::event::MouseEventKind;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent};
use kanshu::app::App;
use kanshu::config::Config;
use kanshu::keys::{Action, KeySeq, Mode};
use kanshu::tui::{ScriptedEvents, run_loop};
use kanshu::view::display::DisplayMode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::*;

fn ctrl_z() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL))
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn left_click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

#[test]
fn ctrl_z_suspends_and_the_whole_screen_is_painted_again() {
    let mut term = Terminal::new(TestBackend::new(40, 12)).unwrap();
    let mut app = App::new(book(3, 30), 40, 12);
    press(&mut app, &["space"]);
    let top = app.top();
    let mut events = ScriptedEvents::default();
    events.events.extend([ctrl_z()]);
    let stop = AtomicBool::new(false);
    run_loop(&mut term, &mut app, &mut events, &stop).unwrap();
    assert_eq!(events.suspended, 1, "Ctrl-z suspends");
    assert_eq!(app.top(), top, "the same page after fg");
    let screen = screen_text(term.backend().buffer());
    assert!(screen.lines().last().unwrap().contains("2/"), "{screen}");
}

#[test]
fn ctrl_z_bound_in_the_keymap_does_what_it_is_bound_to() {
    let mut term = Terminal::new(TestBackend::new(40, 12)).unwrap();
    let mut app = App::new(book(3, 30), 40, 12);
    app.keymap.bind(
        Mode::Reader,
        KeySeq::parse("ctrl-z").unwrap(),
        Action::NextChapter,
    );
    let mut events = ScriptedEvents::default();
    events.events.extend([ctrl_z()]);
    run_loop(&mut term, &mut app, &mut events, &AtomicBool::new(false)).unwrap();
    assert_eq!(events.suspended, 0);
    assert_eq!(app.top().chapter, 1, "ctrl-z ran its binding");
}

#[test]
fn clicks_turn_pages_by_half_and_the_wheel_scrolls() {
    let mut app = App::new(book(3, 60), 60, 20);
    let start = app.top();
    let mut once = App::new(book(3, 60), 60, 20);
    press(&mut once, &["space"]);
    send(&mut app, left_click(45, 5));
    assert_eq!(app.top(), once.top(), "right half: the next page");
    send(&mut app, left_click(10, 5));
    assert_eq!(app.top(), start, "left half: back");
    // The status bar is not the page.
    send(&mut app, left_click(45, 19));
    assert_eq!(app.top(), start, "a click on the status bar turns nothing");
    send(&mut app, mouse(MouseEventKind::ScrollDown, 30, 5));
    assert_eq!(app.top().chapter, start.chapter);
    assert!(app.top().offset > start.offset, "the wheel scrolls down");
    assert_ne!(app.top(), once.top(), "by lines, not a page");
    send(&mut app, mouse(MouseEventKind::ScrollUp, 30, 5));
    assert_eq!(app.top(), start, "and back up");
}

#[test]
fn in_vertical_pages_the_left_half_turns_forward() {
    let mut app = App::new(book(3, 60), 60, 20);
    let mut mode: DisplayMode = app.display();
    mode.vertical = true;
    app.set_display(mode);
    let start = app.top();
    send(&mut app, left_click(45, 5));
    assert_eq!(app.top(), start, "right half: back, already at the start");
    send(&mut app, left_click(10, 5));
    assert!(app.top() > start, "left half: forward (read right to left)");
    send(&mut app, left_click(45, 5));
    assert_eq!(app.top(), start);
}

#[test]
fn ui_mouse_in_the_config() {
    assert!(Config::defaults().ui.mouse, "on by default");
    let off = Config::from_user_toml("[ui]\nmouse = false\n", "config.toml").unwrap();
    assert!(!off.ui.mouse);
    assert_eq!(
        off.layout,
        Config::defaults().layout,
        "nothing else changes"
    );
    let err = Config::from_user_toml("[ui]\nmouse = \"no\"\n", "config.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("ui.mouse") && err.contains("true or false"),
        "{err}"
    );
    let err = Config::from_user_toml("[ui]\nmose = false\n", "config.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("mouse"), "did you mean: {err}");
}

fn kanshu() -> (Command, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", dir.path())
        .env_remove("COLUMNS");
    (cmd, dir)
}

fn render_all(width: &str) -> String {
    let (mut cmd, _dir) = kanshu();
    let out = cmd
        .args(["render", "--all", "--width", width])
        .arg(fixture("seed.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The lines with text, in order (blank lines and page ends left out).
fn text_lines(s: &str) -> Vec<&str> {
    s.lines()
        .filter(|l| !l.trim().is_empty() && *l != "\u{c}")
        .collect()
}

#[test]
fn piped_output_is_the_books_text_as_one_flow() {
    // No terminal here (as in CI): $COLUMNS, else 80 columns.
    let (mut cmd, _dir) = kanshu();
    let out = cmd.arg(fixture("seed.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{c}'), "no page ends in a pipe");
    // The lines `render --all` lays out, the same words at the same width.
    assert_eq!(text_lines(&text), text_lines(&render_all("80")));
    assert!(text.contains("脫貧攻堅是習近平總書記心里最牽掛的一件大事"));
    assert!(out.stderr.is_empty());

    let (mut cmd, _dir) = kanshu();
    let out = cmd
        .env("COLUMNS", "40")
        .arg(fixture("seed.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text_lines(&text), text_lines(&render_all("40")));
}

#[test]
fn toc_prints_the_contents_and_a_book_can_come_from_standard_input() {
    let seed = std::fs::read(fixture("seed.txt")).unwrap();
    let (mut cmd, _dir) = kanshu();
    let toc = cmd.arg(fixture("seed.txt")).arg("--toc").output().unwrap();
    let toc = String::from_utf8(toc.stdout).unwrap();
    assert!(
        toc.contains("  2  :1  2020") && toc.contains("【篇二】"),
        "{toc}"
    );
    assert!(
        !toc.contains("脫貧攻堅是習近平"),
        "only the contents: {toc}"
    );
    // The same text as for the file.
    let (mut cmd, _dir) = kanshu();
    let from_file = cmd.arg(fixture("seed.txt")).output().unwrap().stdout;
    assert_eq!(
        text_lines(&String::from_utf8_lossy(&from_file)),
        text_lines(&render_all("80"))
    );
    for args in [&[][..], &["-"][..]] {
        let (mut cmd, _dir) = kanshu();
        let out = cmd.args(args).write_stdin(seed.clone()).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(out.stdout, from_file, "{args:?}");
    }
    let (mut cmd, _dir) = kanshu();
    let out = cmd.args(["-", "--toc"]).write_stdin(seed).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), toc, "same contents");
}

#[test]
fn bad_input_on_the_command_line_is_one_line_and_exit_2() {
    for (args, stdin, says) in [
        (&["-"][..], "", "standard input is empty"),
        (&["--at", "120", "x.txt"][..], "", "0 to 100"),
        (&["--at", "half", "x.txt"][..], "", "not a number"),
        (&["--chapter", "x", "x.txt"][..], "", "--chapter"),
        (
            &["--chapter", "2.", "x.txt"][..],
            "",
            "not a chapter number",
        ),
    ] {
        let (mut cmd, _dir) = kanshu();
        let out = cmd.args(args).write_stdin(stdin).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
