//! A costly regex search never holds the reader: in a book of megabytes, `\B.{1,200}\BZ`
//! (allowed, but slow over the whole text) is counted on a background thread that Esc stops,
//! the reader is back where the search started at once, and the next search works; in the
//! real binary (tmux) Esc then `q` quits at once; and a pattern past the compiled size limit
//! is refused with a message in the prompt instead of being run.
//!
//! Waits poll with a bounded retry loop (a generous bound: these are not speed tests). The
//! terminal tests are skipped when tmux is not installed, and failed then under CI.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kanshu::app::App;
use kanshu::document::Document;
use kanshu::i18n::Lang;
use kanshu::keys::Mode;
use kanshu::view::search::PatternError;

use crate::common::tmux::{Tmux, quote};
use crate::common::{book, press, status_text, type_text};

/// Allowed by the size limit, but it looks at up to 200 characters before every position of a
/// book without a `Z`: far too slow to finish while a test waits.
const COSTLY: &str = r"\B.{1,200}\BZ";

/// Past the compiled size limit: refused before it runs.
const TOO_COSTLY: &str = r"\B.{1,100000}\BZ";

/// Poll `ok` until it holds (a generous bound: a cancelled search stops within one piece).
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A book of `mb` megabytes in long paragraphs of Chinese and Latin text, with no `Z` anywhere:
/// before every position `\B.{1,200}\BZ` looks at up to 200 characters of many kinds.
fn costly_book(mb: usize) -> Document {
    let para: String = "看书的人在灯下读一本很长的书，the reader reads on, 一页又一页。".repeat(40);
    let mut text = String::new();
    let mut chapter = 0;
    while text.len() < mb << 20 {
        chapter += 1;
        text.push_str(&format!("第{chapter}章 part {chapter}\n\n"));
        for _ in 0..20 {
            text.push_str(&para);
            text.push_str("\n\n");
        }
    }
    Document::from_text(text, "costly.txt")
}

#[test]
fn esc_stops_a_costly_regex_search_and_the_next_search_works() {
    // Counting all of it with this pattern takes far longer than the wait below, so only a
    // cancelled thread stops in time.
    let mut app = App::new(costly_book(8), 80, 24);
    press(&mut app, &["space", "space"]);
    let origin = app.top();
    press(&mut app, &["/", "ctrl-r"]);
    type_text(&mut app, COSTLY);
    // The keystroke's frame comes first; the tick starts the whole-book count.
    app.tick();
    assert!(app.search_pending(), "the count runs in the background");
    assert_eq!(
        app.search_threads(),
        1,
        "one search thread, not one per key"
    );
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.top(), origin, "back where the search started");
    assert!(app.search.is_none(), "nothing was found: no search stays");
    assert!(!app.search_pending());
    eventually("the search thread to stop", || app.search_threads() == 0);

    // The next search (still a regex: the toggle stays) finds its match.
    press(&mut app, &["/"]);
    type_text(&mut app, "第5章 part [0-9]");
    eventually("the count", || {
        app.tick();
        !app.search_pending()
    });
    let s = app.search.as_ref().expect("a search");
    assert!(s.regex && !s.counting);
    assert_eq!(s.matches.ranges.len(), 1);
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert_ne!(app.top(), origin);
    assert_eq!(app.search_threads(), 0);
}

#[test]
fn each_key_replaces_the_running_search() {
    let mut app = App::new(costly_book(8), 80, 24);
    press(&mut app, &["/", "ctrl-r"]);
    type_text(&mut app, COSTLY);
    app.tick();
    // Another key: the old count is cancelled, a new one starts; the old thread stops.
    press(&mut app, &["backspace"]);
    type_text(&mut app, "Z");
    app.tick();
    assert!(app.search_pending());
    eventually("only the newest search thread", || {
        app.search_threads() == 1
    });
    press(&mut app, &["esc"]);
    eventually("no search thread", || app.search_threads() == 0);
}

#[test]
fn a_too_costly_regex_is_refused_with_a_message() {
    let mut app = App::new(book(3, 10), 80, 24);
    let origin = app.top();
    press(&mut app, &["/", "ctrl-r"]);
    type_text(&mut app, TOO_COSTLY);
    app.tick();
    assert!(!app.search_pending(), "nothing runs");
    assert_eq!(app.search_threads(), 0);
    let error = app.search.as_ref().and_then(|s| s.error.clone());
    assert_eq!(error, Some(PatternError::TooCostly));
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), origin);
    assert!(app.search.is_none());
    assert!(app.message().unwrap().text.contains("too costly"));
}

/// The costly book as a file of about 20 MB.
fn big_book(dir: &Path) -> PathBuf {
    let path = dir.join("big.txt");
    std::fs::write(&path, costly_book(20).text.as_str()).unwrap();
    path
}

/// The reader's exit line (`EXIT=<code>`) is on screen (not only the command that prints it).
fn exit_code(screen: &str) -> Option<String> {
    screen.match_indices("EXIT=").find_map(|(i, _)| {
        let code: String = screen[i + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        (!code.is_empty()).then_some(code)
    })
}

#[test]
fn a_costly_regex_in_a_big_book_lets_the_reader_quit_at_once() {
    let Some(tmux) = Tmux::start("regex", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = big_book(dir.path());
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo EXIT=$?",
        quote(dir.path()),
        quote(Path::new(env!("CARGO_BIN_EXE_kanshu"))),
        quote(&book)
    ));
    tmux.wait_for("the book", |s| s.contains("the reader reads on"));

    // Too costly: refused, and the prompt says so.
    tmux.keys(&["/", "C-r"]);
    tmux.literal(TOO_COSTLY);
    tmux.wait_for("the refusal", |s| s.contains("too costly"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the prompt closed", |s| !s.contains("too costly"));

    // Costly but allowed: it runs in the background; Esc and q quit at once.
    tmux.keys(&["/", "C-r"]);
    tmux.literal(COSTLY);
    tmux.wait_for("the typed pattern", |s| s.contains("BZ"));
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the shell", |s| exit_code(s).is_some());
    assert_eq!(exit_code(&screen).as_deref(), Some("0"), "{screen}");
}

#[test]
fn a_refused_regex_is_said_in_the_readers_language_and_never_hides_the_pattern() {
    let pattern = r"chapter \B.{1,100000}\BZ";
    for (lang, costly, bad) in [
        (Lang::En, "regex too costly", "bad regex"),
        (Lang::ZhHans, "正则表达式太耗时", "正则表达式有误"),
        (Lang::ZhHant, "正規表示式太耗時", "正規表示式有誤"),
    ] {
        // Wide: the pattern and the reason both show; narrow: the reason is cut, the whole
        // pattern stays.
        for (w, whole) in [(120, true), (60, false)] {
            let mut app = App::new(book(3, 10), w, 24);
            app.set_lang(lang);
            press(&mut app, &["/", "ctrl-r"]);
            type_text(&mut app, pattern);
            let status = status_text(&app);
            assert!(status.contains(pattern), "{lang:?} {w}: {status}");
            assert_eq!(status.contains(costly), whole, "{lang:?} {w}: {status}");
            press(&mut app, &["enter"]);
            assert!(app.message().unwrap().text.contains(costly));
            // A pattern that does not parse: the regex library's reason after the words.
            press(&mut app, &["/"]);
            type_text(&mut app, "(");
            press(&mut app, &["enter"]);
            let text = &app.message().unwrap().text;
            assert!(
                text.starts_with(bad) && text.contains("unclosed group"),
                "{text}"
            );
        }
    }
}
