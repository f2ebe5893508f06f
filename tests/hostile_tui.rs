//! The interactive reader against hostile books and hostile terminals.
//!
//! On `TestBackend`: hostile books at 1×1, 2×2, 10×3, 80×24 and 400×120 through a tour of the
//! reader (pages, contents, search with pasted escape sequences, help), never a cell holding a
//! control character; a storm of 200 resizes. On a crossterm backend that records the bytes it
//! would send: only cursor moves, colours and the like — never an OSC, DCS, C1 control, BEL or a
//! clear-screen that the book asked for.

use std::sync::atomic::AtomicBool;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kanshu::app::App;
use kanshu::document::Format;
use kanshu::keys::Action;
use kanshu::tui::{ScriptedEvents, run_loop};
use kanshu::{Document, input, ui};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Escape sequences a book could hide (see also `hostile_matrix.rs`).
const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned title\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\
\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}c\u{1b}[?1049l\u{1b}P+q\u{1b}\\\
\u{9b}2J\u{9d}0;c1\u{9c}\u{85}\u{7}\u{8}\u{7f}\u{b}\u{c}\u{e}\u{f}\u{1b}(0\r";

/// Hostile books, each with a few chapters so the contents and search have work to do.
fn books() -> Vec<(&'static str, Document)> {
    let chapters = |body: &str, title: &str| {
        let mut s = format!("《{title}》\n");
        for n in 1..=3 {
            s.push_str(&format!("第{n}章 {title}{n}\n"));
            for _ in 0..20 {
                s.push_str(&format!("　　天色渐晚，他停下脚步。{body}\n"));
            }
        }
        s
    };
    let zalgo: String = std::iter::once('a')
        .chain(std::iter::repeat_n('\u{301}', 300))
        .collect();
    // One grapheme cluster far wider than any screen: a letter and 80 emoji modifiers.
    let wide: String = std::iter::once('x')
        .chain(std::iter::repeat_n('\u{1F3FD}', 80))
        .collect();
    vec![
        ("escapes", chapters(ESCAPES, "\u{1b}]0;t\u{7}标题")),
        (
            "bidi",
            chapters(
                "\u{202e}evil\u{2066}مرحبا\u{2067}שלום\u{200f}",
                "\u{202e}txt.exe",
            ),
        ),
        ("zalgo", chapters(&zalgo, "\u{200b}\u{301}")),
        (
            "emoji",
            chapters("👨‍👩‍👧‍👦🇨🇳🇹🏴\u{E0067}\u{E007F}1\u{fe0f}\u{20e3}", "🏳️‍🌈"),
        ),
        ("tabs", chapters("\tx\t\t中\t", "\t标题\t")),
        (
            "separators",
            chapters("a\u{2028}b\u{2029}c\u{85}d", "\u{2028}"),
        ),
        ("wide-cluster", chapters(&wide, &wide)),
    ]
    .into_iter()
    .map(|(name, text)| {
        (
            name,
            Document::from_text_as(text, "书\u{1b}[2J", Format::Text),
        )
    })
    .collect()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// A tour of the reader: pages, chapters, the contents and its filter, a search typed and
/// pasted with escape sequences, the help screen, a resize.
fn tour(w: u16, h: u16) -> Vec<Event> {
    vec![
        ch(' '),
        ch(' '),
        ch('j'),
        ch('n'),
        ch('G'),
        ch('g'),
        ch('t'),
        key(KeyCode::Down),
        key(KeyCode::Down),
        Event::Paste(format!("第{ESCAPES}")),
        key(KeyCode::Enter),
        ch('/'),
        Event::Paste(ESCAPES.into()),
        ch('x'),
        key(KeyCode::Enter),
        ch('n'),
        ch('/'),
        Event::Paste("天色\u{1b}]0;x\u{7}".into()),
        key(KeyCode::Enter),
        key(KeyCode::F(1)),
        key(KeyCode::Esc),
        ch(':'),
        Event::Paste("50\u{9b}".into()),
        key(KeyCode::Enter),
        Event::Resize(w.saturating_add(7), h.saturating_add(3)),
        Event::Resize(w, h),
        ch('b'),
    ]
}

fn assert_clean(buf: &ratatui::buffer::Buffer, what: &str) {
    for (i, cell) in buf.content().iter().enumerate() {
        let s = cell.symbol();
        assert!(
            !s.chars()
                .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')),
            "{what}: cell {i} holds {s:?}"
        );
    }
}

#[test]
fn hostile_books_at_every_size_draw_no_control_character() {
    for (name, doc) in books() {
        for (w, h) in [(1, 1), (2, 2), (10, 3), (80, 24), (400, 120)] {
            let what = format!("{name} at {w}×{h}");
            let mut app = App::new(doc.clone(), w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| ui::draw(&app, f)).unwrap();
            assert_clean(term.backend().buffer(), &what);
            for (i, ev) in tour(w, h).into_iter().enumerate() {
                if let Event::Resize(nw, nh) = ev {
                    term.backend_mut().resize(nw, nh);
                }
                if let Some(action) = input::app_action(&mut app, &ev) {
                    app.update(action);
                }
                term.draw(|f| ui::draw(&app, f)).unwrap();
                assert_clean(term.backend().buffer(), &format!("{what}, step {i}"));
            }
        }
    }
}

/// The bytes a real terminal would receive: after removing the CSI sequences ratatui and
/// crossterm write (cursor moves, colours, clearing a line), nothing is left that a terminal
/// would act on.
fn check_bytes(bytes: &[u8], what: &str) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            assert_eq!(chars.next(), Some('['), "{what}: ESC not starting a CSI");
            let mut params = String::new();
            let fin = loop {
                match chars.next() {
                    Some(p) if p.is_ascii_digit() || p == ';' || p == '?' || p == ':' => {
                        params.push(p)
                    }
                    Some(f) => break f,
                    None => panic!("{what}: cut CSI"),
                }
            };
            // Cursor position, colours and attributes, erase in line, cursor show/hide.
            assert!(
                matches!(
                    fin,
                    'H' | 'm' | 'K' | 'h' | 'l' | 'G' | 'C' | 'D' | 'A' | 'B'
                ),
                "{what}: CSI {params}{fin}"
            );
            if matches!(fin, 'h' | 'l') {
                assert_eq!(params, "?25", "{what}: only the cursor is shown or hidden");
            }
        } else {
            assert!(
                !c.is_control() || c == '\r' || c == '\n',
                "{what}: raw {c:?} in the output"
            );
            assert!(!matches!(c, '\u{2028}' | '\u{2029}'), "{what}: {c:?}");
        }
    }
}

/// Where the crossterm backend writes: kept so the test can read it afterwards.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_bytes_sent_to_the_terminal_hold_no_sequence_from_the_book() {
    for (name, doc) in books() {
        for (w, h) in [(10, 3), (80, 24)] {
            let what = format!("{name} at {w}×{h}");
            let sink = Sink::default();
            let backend = CrosstermBackend::new(sink.clone());
            let mut term = Terminal::with_options(
                backend,
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
                },
            )
            .unwrap();
            let mut app = App::new(doc.clone(), w, h);
            let mut events = ScriptedEvents::default();
            // Resizes would ask the real terminal for its size: keep to keys and pastes.
            events.events.extend(
                tour(w, h)
                    .into_iter()
                    .filter(|e| !matches!(e, Event::Resize(..))),
            );
            events.events.push_back(ch('q'));
            let stop = AtomicBool::new(false);
            run_loop(&mut term, &mut app, &mut events, &stop).unwrap();
            let bytes = sink.0.borrow();
            assert!(!bytes.is_empty());
            check_bytes(&bytes, &what);
        }
    }
}

#[test]
fn a_storm_of_200_resizes_keeps_the_place() {
    for (name, doc) in books() {
        let mut app = App::new(doc, 80, 24);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for _ in 0..5 {
            app.update(Action::NextPage);
        }
        let before = app.top();
        let mut seed = 0x2545_f491_u32;
        for i in 0..200 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let (w, h) = match i % 10 {
                0 => (0, 0),
                1 => (1, 1),
                2 => (400, 120),
                _ => ((seed % 200) as u16, (seed / 200 % 60) as u16),
            };
            app.update(Action::Resize(w, h));
            if i % 4 == 0 {
                term.backend_mut().resize(w, h);
                term.draw(|f| ui::draw(&app, f)).unwrap();
                assert_clean(term.backend().buffer(), name);
            }
            let top = app.top();
            assert!(top.chapter < app.doc().chapters.len());
            assert!(
                app.doc()
                    .chapter_text(top.chapter)
                    .is_char_boundary(top.offset)
            );
        }
        app.update(Action::Resize(80, 24));
        assert_eq!(app.top(), before, "{name}: back at 80×24, the same place");
    }
}
