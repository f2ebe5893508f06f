//! Fuzz target: the reader driven by random events on random hostile books.
//!
//! Books from `fuzz_support` (escape sequences, C1 controls, bidi controls, joiners, tabs …),
//! events through the real input layer: key presses of every kind, typed and pasted text full
//! of control characters (into the search prompt and the TOC filter), mouse clicks and wheels
//! anywhere, resizes to any size including 0×0 and 1×1. After every event the top of the screen
//! is a real place in the book and the frame drawn on a `TestBackend` holds no cell with a
//! control character. See `fuzz_support` for long runs.

use crate::fuzz_support::{HOSTILE, book, config, raw_control};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use kanshu::app::App;
use kanshu::document::Format;
use kanshu::{Document, input, ui};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => prop::sample::select(
            " bjknp[]gGt/?N:qxlhfsdwvmMuzZ0123456789%+-=<>"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        1 => prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{9b}', '\u{0}', '\n', '\r', '\t'])
            .prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::F(1),
            KeyCode::F(12),
            KeyCode::F(255),
            KeyCode::Null,
        ]),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::all(),
    ]);
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Repeat,
        KeyEventKind::Release,
    ]);
    prop_oneof![
        12 => (key_code(), modifiers, kind).prop_map(|(code, modifiers, kind)| {
            Event::Key(KeyEvent { code, modifiers, kind, state: KeyEventState::NONE })
        }),
        1 => prop::collection::vec(prop::sample::select(HOSTILE), 0..6)
            .prop_map(|v| Event::Paste(v.concat())),
        1 => (0u16..500, 0u16..200, 0u8..4).prop_map(|(column, row, k)| {
            let kind = match k {
                0 => MouseEventKind::Down(MouseButton::Left),
                1 => MouseEventKind::ScrollDown,
                2 => MouseEventKind::ScrollUp,
                _ => MouseEventKind::Moved,
            };
            Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }),
        1 => prop_oneof![
            (0u16..=3, 0u16..=3),
            (0u16..=200, 0u16..=80),
            Just((400u16, 120u16)),
            Just((u16::MAX, 2u16)),
        ]
        .prop_map(|(w, h)| Event::Resize(w, h)),
        1 => Just(Event::FocusLost),
    ]
}

/// Draw `app` and check every cell.
fn check_frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| ui::draw(app, f)).unwrap();
    for cell in term.backend().buffer().content() {
        let s = cell.symbol();
        assert_eq!(raw_control(s), None, "cell {s:?}");
        assert!(
            !s.contains(['\t', '\n', '\r', '\u{2028}', '\u{2029}']),
            "cell {s:?}"
        );
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn random_events_on_hostile_books(
        text in book(),
        md in any::<bool>(),
        size in (0u16..=160, 0u16..=60),
        events in prop::collection::vec(event(), 1..60),
    ) {
        let format = if md { Format::Markdown } else { Format::Text };
        let doc = Document::from_text_as(text, "book\u{1b}]0;t\u{7}", format);
        let (mut w, mut h) = size;
        let mut app = App::new(doc, w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        check_frame(&mut term, &app);
        for (i, ev) in events.iter().enumerate() {
            if let Event::Resize(nw, nh) = ev {
                (w, h) = (*nw, *nh);
                term.backend_mut().resize(w, h);
            }
            if let Some(action) = input::app_action(&mut app, ev) {
                app.update(action);
            }
            if app.should_quit() {
                break;
            }
            let top = app.top();
            prop_assert!(top.chapter < app.doc().chapters.len(), "{:?}", top);
            let chapter = app.doc().chapter_text(top.chapter);
            prop_assert!(top.offset <= chapter.len() && chapter.is_char_boundary(top.offset));
            if i % 3 == 0 || i + 1 == events.len() {
                check_frame(&mut term, &app);
            }
        }
    }
}
