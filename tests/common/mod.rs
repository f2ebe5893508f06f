//! Shared helpers for the reader's tests: books, key presses through the real keymap, and
//! screens rendered with `TestBackend` as text plus a style mask.
#![allow(dead_code)]

pub mod tmux;

use std::path::PathBuf;

use crossterm::event::{Event, KeyCode as Ct, KeyEvent, KeyModifiers};
use kanshu::app::App;
use kanshu::document::{Chapter, Document};
use kanshu::input;
use kanshu::keys::{Key, KeyCode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The seed article, opened by the real document engine.
pub fn seed() -> Document {
    Document::open(&fixture("seed.txt"), &Default::default()).expect("seed opens")
}

/// A book built by hand (independent of chapter detection): each chapter is a heading line and
/// `lines` body lines "<tag> line <n> …".
pub fn book(chapters: usize, lines: usize) -> Document {
    let mut text = String::new();
    let mut chs = Vec::new();
    for c in 0..chapters {
        let start = text.len();
        let title = format!("第{}章 Chapter {}", c + 1, c + 1);
        text.push_str(&title);
        text.push('\n');
        for l in 0..lines {
            text.push_str(&format!(
                "c{} line {} of the body text here.\n",
                c + 1,
                l + 1
            ));
        }
        chs.push(Chapter {
            title,
            level: 1,
            range: start..text.len(),
            heading: true,
        });
    }
    // Start from the engine's own constructor (so new fields get their defaults), then set the
    // chapters by hand.
    let mut doc = Document::from_text(text, "Hand-made book");
    doc.title = "Hand-made book".into();
    doc.chapters = chs;
    doc
}

/// A crossterm key event for a key name as the keymap spells it (`j`, `space`, `ctrl-o`).
pub fn event(name: &str) -> Event {
    let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
    let mut mods = KeyModifiers::NONE;
    if key.modifiers.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if key.modifiers.alt {
        mods |= KeyModifiers::ALT;
    }
    if key.modifiers.shift {
        mods |= KeyModifiers::SHIFT;
    }
    let code = match key.code {
        KeyCode::Char(c) => Ct::Char(c),
        KeyCode::F(n) => Ct::F(n),
        KeyCode::Enter => Ct::Enter,
        KeyCode::Esc => Ct::Esc,
        KeyCode::Tab => Ct::Tab,
        KeyCode::BackTab => Ct::BackTab,
        KeyCode::Backspace => Ct::Backspace,
        KeyCode::Delete => Ct::Delete,
        KeyCode::Insert => Ct::Insert,
        KeyCode::Left => Ct::Left,
        KeyCode::Right => Ct::Right,
        KeyCode::Up => Ct::Up,
        KeyCode::Down => Ct::Down,
        KeyCode::Home => Ct::Home,
        KeyCode::End => Ct::End,
        KeyCode::PageUp => Ct::PageUp,
        KeyCode::PageDown => Ct::PageDown,
    };
    Event::Key(KeyEvent::new(code, mods))
}

/// Press keys through the real keymap, in order.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        send(app, event(k));
    }
}

/// Type text (each character a key press).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        send(
            app,
            Event::Key(KeyEvent::new(Ct::Char(c), KeyModifiers::NONE)),
        );
    }
}

/// One terminal event through the same path as the reader's main loop (`input::app_action`,
/// key sequences included).
pub fn send(app: &mut App, ev: Event) {
    if let Some(a) = input::app_action(app, &ev) {
        app.update(a);
    }
}

/// Render the app on a `TestBackend` of its own size.
pub fn render(app: &App) -> Buffer {
    let s = app.geometry().screen;
    let mut term = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    term.draw(|f| kanshu::ui::draw(app, f)).unwrap();
    term.backend().buffer().clone()
}

/// The screen as text, one row per line, trailing spaces trimmed.
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut skip = 0usize;
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip == 0 {
                row.push_str(sym);
                skip = sym.width().max(1) - 1;
            } else {
                skip -= 1;
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// One marker per cell (cells covered by a wide glyph repeat its marker): `.` plain, `B` bold, `M` search match, `C` current match,
/// `R` reversed (status bar, selection), `Y` current chapter / keys, `E` error, `D` dim.
pub fn style_mask(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        // Cells hidden behind a wide glyph repeat its marker (a terminal paints them alike).
        let mut skip = 0usize;
        let mut last = '.';
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                row.push(last);
                continue;
            }
            skip = c.symbol().width().max(1) - 1;
            let m = if c.bg == Color::LightRed {
                'C'
            } else if c.bg == Color::Yellow {
                'M'
            } else if c.bg == Color::Red {
                'E'
            } else if c.modifier.contains(Modifier::REVERSED) {
                'R'
            } else if c.fg == Color::Yellow {
                'Y'
            } else if c.modifier.contains(Modifier::BOLD) {
                'B'
            } else if c.modifier.contains(Modifier::DIM) {
                'D'
            } else {
                '.'
            };
            last = m;
            row.push(m);
        }
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// Text and style mask together, for snapshots.
pub fn snapshot(app: &App) -> String {
    let buf = render(app);
    format!("{}\n-- styles --\n{}", screen_text(&buf), style_mask(&buf))
}

/// The text of the first visible line (glyphs joined, trimmed).
pub fn top_line_text(app: &App) -> String {
    app.view()
        .columns
        .first()
        .and_then(|c| c.iter().find(|l| !l.glyphs.is_empty()))
        .map(|l| l.glyphs.iter().map(|g| g.text).collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The status bar row as text.
pub fn status_text(app: &App) -> String {
    let buf = render(app);
    let text = screen_text(&buf);
    text.lines().last().unwrap_or("").to_string()
}

/// Byte ranges of a chapter that layout may leave undrawn as a heading said twice: with a
/// heading, the second or third line with text when it has the same words (white space aside)
/// as the line with text before it.
pub fn repeated_heading(text: &str, heading: bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !heading {
        return out;
    }
    let words = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut seen: Vec<String> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            let w = words(line);
            if (1..=2).contains(&seen.len()) && seen.last() == Some(&w) {
                out.push(at..at + line.len());
            }
            seen.push(w);
            if seen.len() > 2 {
                break;
            }
        }
        at += line.len();
    }
    out
}
