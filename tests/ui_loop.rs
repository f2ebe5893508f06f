//! The main loop on `TestBackend` with scripted events: only key presses act, the screen is
//! redrawn after an action, a raised stop flag (a signal) ends the loop through the quit path.

use std::sync::atomic::AtomicBool;

use crate::common::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use kanshu::app::App;
use kanshu::tui::{ScriptedEvents, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(c: char, kind: KeyEventKind) -> Event {
    Event::Key(KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind,
        state: KeyEventState::NONE,
    })
}

#[test]
fn presses_act_releases_do_not_and_q_ends_the_loop() {
    let mut term = Terminal::new(TestBackend::new(40, 12)).unwrap();
    let mut app = App::new(book(3, 30), 40, 12);
    let mut once = App::new(book(3, 30), 40, 12);
    press(&mut once, &["space"]);
    let mut events = ScriptedEvents::default();
    events.events.extend([
        key(' ', KeyEventKind::Press),
        key(' ', KeyEventKind::Release),
        key(' ', KeyEventKind::Repeat),
        // Ctrl-l repaints everything (clears, then draws) without moving.
        Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
        key('q', KeyEventKind::Press),
    ]);
    let stop = AtomicBool::new(false);
    run_loop(&mut term, &mut app, &mut events, &stop).unwrap();
    assert!(app.should_quit());
    assert_eq!(app.top(), once.top(), "one page, not three");
    // The last frame drawn is the second page.
    let screen = screen_text(term.backend().buffer());
    assert!(screen.lines().last().unwrap().contains("2/"), "{screen}");
}

#[test]
fn a_raised_stop_flag_quits() {
    let mut term = Terminal::new(TestBackend::new(40, 12)).unwrap();
    let mut app = App::new(book(1, 3), 40, 12);
    let stop = AtomicBool::new(true);
    run_loop(&mut term, &mut app, &mut ScriptedEvents::default(), &stop).unwrap();
    assert!(app.should_quit());
}
