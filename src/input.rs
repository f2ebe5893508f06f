//! Terminal events → `Action`s through the keymap (key presses only).
//!
//! Owns the translation from crossterm's events to `keys::Key` and `Action`; it must not change
//! the app's state itself (the caller runs `App::update`).
//!
//! Key releases and repeats reported by terminals with the enhanced keyboard protocol are
//! ignored, so no key acts twice. Unbound printable characters become `Insert` in modes that
//! take text (prompts, the table-of-contents filter) and count digits in the reader.

use crossterm::event::{
    Event, KeyCode as CtKeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::App;
use crate::keys::{Action, Key, KeyCode, Keymap, Mode, Modifiers, SequenceMatch};

/// The next action of `app` for `event`: what the main loop and the tests both call, so a key
/// means the same in both (sequences like `g g` included).
pub fn app_action(app: &mut App, event: &Event) -> Option<Action> {
    let mode = app.mode();
    action_for_pending(event, &app.keymap, mode, &mut app.pending_keys)
}

/// Translate a crossterm key event into a keymap key.
fn key_of(ev: &KeyEvent) -> Option<Key> {
    let modifiers = Modifiers {
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        alt: ev.modifiers.contains(KeyModifiers::ALT),
        shift: ev.modifiers.contains(KeyModifiers::SHIFT),
    };
    let code = match ev.code {
        CtKeyCode::Char(c) => KeyCode::Char(c),
        CtKeyCode::F(n) => KeyCode::F(n),
        CtKeyCode::Enter => KeyCode::Enter,
        CtKeyCode::Esc => KeyCode::Esc,
        CtKeyCode::Tab => KeyCode::Tab,
        CtKeyCode::BackTab => KeyCode::BackTab,
        CtKeyCode::Backspace => KeyCode::Backspace,
        CtKeyCode::Delete => KeyCode::Delete,
        CtKeyCode::Insert => KeyCode::Insert,
        CtKeyCode::Left => KeyCode::Left,
        CtKeyCode::Right => KeyCode::Right,
        CtKeyCode::Up => KeyCode::Up,
        CtKeyCode::Down => KeyCode::Down,
        CtKeyCode::Home => KeyCode::Home,
        CtKeyCode::End => KeyCode::End,
        CtKeyCode::PageUp => KeyCode::PageUp,
        CtKeyCode::PageDown => KeyCode::PageDown,
        _ => return None,
    };
    Some(Key::new(code, modifiers))
}

/// Like `action_for`, with key sequences (`g g`): `pending` holds the keys of a sequence typed
/// so far (the caller keeps it between events). A key that continues no sequence drops what
/// was pending and acts on its own.
pub fn action_for_pending(
    event: &Event,
    keymap: &Keymap,
    mode: Mode,
    pending: &mut Vec<Key>,
) -> Option<Action> {
    if let Event::Key(ev) = event
        && ev.kind == KeyEventKind::Press
        && let Some(key) = key_of(ev)
    {
        pending.push(key);
        match keymap.sequence(mode, pending) {
            SequenceMatch::Action(a) => {
                pending.clear();
                return Some(a);
            }
            SequenceMatch::Prefix => return None,
            SequenceMatch::None => pending.clear(),
        }
    }
    action_for(event, keymap, mode)
}

/// What `event` asks for in `mode`, if anything.
fn action_for(event: &Event, keymap: &Keymap, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(ev) => {
            if ev.kind != KeyEventKind::Press {
                return None;
            }
            let key = key_of(ev)?;
            // A shifted named key that is not bound itself acts as the key alone.
            if let Some(a) = keymap
                .lookup(mode, key)
                .or_else(|| keymap.lookup(mode, key.without_shift()))
            {
                return Some(a.clone());
            }
            let KeyCode::Char(c) = key.code else {
                return None;
            };
            if key.modifiers.ctrl
                || key.modifiers.alt
                || crate::document::normalize::is_unsafe_char(c)
            {
                return None;
            }
            match mode {
                Mode::Prompt
                | Mode::TocFilter
                | Mode::Toc
                | Mode::Picker
                | Mode::Highlights
                | Mode::HighlightsFilter
                | Mode::Library
                | Mode::NoteEditor => Some(Action::Insert(c)),
                Mode::Reader => c
                    .to_digit(10)
                    .map(|d| Action::Digit(d as u8))
                    .filter(|_| c.is_ascii_digit()),
                Mode::Help | Mode::Bookmarks | Mode::Links | Mode::Notes | Mode::Select => None,
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel { down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { down: false }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(s) => match mode {
            Mode::Prompt
            | Mode::TocFilter
            | Mode::Toc
            | Mode::Highlights
            | Mode::HighlightsFilter
            | Mode::Library
            | Mode::NoteEditor => Some(Action::Paste(s.clone())),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventState, MouseEvent};

    fn press(code: CtKeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    fn default_keys() -> Keymap {
        crate::config::Config::defaults().keys.clone()
    }

    #[test]
    fn only_presses_act() {
        let map = default_keys();
        let mut ev = KeyEvent::new(CtKeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            action_for(&Event::Key(ev), &map, Mode::Reader),
            Some(Action::NextPage)
        );
        ev.kind = KeyEventKind::Release;
        assert_eq!(action_for(&Event::Key(ev), &map, Mode::Reader), None);
        ev.kind = KeyEventKind::Repeat;
        ev.state = KeyEventState::NONE;
        assert_eq!(action_for(&Event::Key(ev), &map, Mode::Reader), None);
    }

    #[test]
    fn keys_by_mode() {
        let map = default_keys();
        let ctrl_o = press(CtKeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&ctrl_o, &map, Mode::Reader),
            Some(Action::JumpBack)
        );
        let shift_g = press(CtKeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&shift_g, &map, Mode::Reader),
            Some(Action::BookEnd)
        );
        let four = press(CtKeyCode::Char('4'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&four, &map, Mode::Reader),
            Some(Action::Digit(4))
        );
        assert_eq!(
            action_for(&four, &map, Mode::Prompt),
            Some(Action::Insert('4'))
        );
        let han = press(CtKeyCode::Char('篇'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&han, &map, Mode::Toc),
            Some(Action::Insert('篇'))
        );
        let j = press(CtKeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(&j, &map, Mode::Toc), Some(Action::SelectNext));
        assert_eq!(
            action_for(&j, &map, Mode::TocFilter),
            Some(Action::Insert('j'))
        );
        let x = press(CtKeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(action_for(&x, &map, Mode::Reader), None);
        // Shift with a named key: its own binding if it has one, else the key alone.
        let shift_down = press(CtKeyCode::Down, KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&shift_down, &map, Mode::Reader),
            Some(Action::LineDown)
        );
        let mut map = map;
        map.bind(
            Mode::Reader,
            crate::keys::KeySeq::parse("shift-down").unwrap(),
            Action::NextChapter,
        );
        assert_eq!(
            action_for(&shift_down, &map, Mode::Reader),
            Some(Action::NextChapter)
        );
    }

    #[test]
    fn mouse_and_resize() {
        let map = default_keys();
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(
            action_for(&wheel, &map, Mode::Reader),
            Some(Action::Wheel { down: true })
        );
        let click = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(
            action_for(&click, &map, Mode::Toc),
            Some(Action::Click { column: 3, row: 4 })
        );
        assert_eq!(
            action_for(&Event::Resize(50, 20), &map, Mode::Help),
            Some(Action::Resize(50, 20))
        );
    }
}
