//! `kanshu [FILE]` and `kanshu --guide`: open the book and run the interactive reader.
//!
//! Owns the terminal session (raw mode, alternate screen, mouse) and its restoration on every
//! exit path: normal quit, error (a guard), panic (a hook that restores first and then chains to
//! the previous hook) and SIGTERM/SIGHUP (a flag checked by the main loop). Restoring is safe to
//! call more than once. The main loop is generic over ratatui's `Backend` and over where events
//! come from, so tests drive it with `TestBackend` and a scripted list of events.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use super::{CliError, GlobalArgs};
use crate::app::App;
use crate::document::Document;
use crate::store::Store;
use crate::{input, ui};

/// How long the loop sleeps in the event wait before checking for signals and ticking.
pub const TICK: Duration = Duration::from_millis(250);

/// Where the main loop gets its events.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passed without one.
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
#[derive(Debug, Default)]
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// A scripted list of events (tests); when it runs out the loop is told to stop.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    pub events: std::collections::VecDeque<Event>,
}

impl EventSource for ScriptedEvents {
    fn next_event(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        match self.events.pop_front() {
            Some(e) => Ok(Some(e)),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no more events",
            )),
        }
    }
}

/// Draw, then handle events until the app quits or `stop` is raised (a signal). Redraws only
/// after an event that did something; waits for events without spinning.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    stop: &AtomicBool,
) -> Result<(), CliError> {
    let draw_err = |e: B::Error| CliError::Other(format!("cannot draw: {e}"));
    terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
    loop {
        if stop.load(Ordering::Relaxed) {
            app.quit();
        }
        if app.should_quit() {
            return Ok(());
        }
        let Some(ev) = events
            .next_event(TICK)
            .map_err(|e| CliError::Other(format!("cannot read the terminal: {e}")))?
        else {
            app.tick();
            continue;
        };
        let Some(action) = input::action_for(&ev, &app.keymap, app.mode()) else {
            continue;
        };
        if app.update(action) && !app.should_quit() {
            terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
        }
    }
}

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Put the terminal into reading mode (raw, alternate screen, mouse, bracketed paste).
pub fn enter_terminal() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableMouseCapture,
        crossterm::event::EnableBracketedPaste,
        crossterm::cursor::Hide,
    )
}

/// Give the terminal back as it was. Safe to call any number of times, from any exit path.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = crossterm::execute!(
            out,
            crossterm::event::DisableBracketedPaste,
            crossterm::event::DisableMouseCapture,
            crossterm::terminal::LeaveAlternateScreen,
            crossterm::cursor::Show,
        );
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped (early returns and errors).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Raise the returned flag on SIGTERM, SIGHUP (and SIGINT, which raw mode normally hides).
fn signal_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
    }
    flag
}

/// Which book `kanshu [FILE] [--guide]` opens, and a note for the status bar: FILE; else the
/// book read last (from the store's library); else the guide. A last book whose file is gone
/// or unreadable gives the guide and a note saying so, not an error.
pub fn choose_book(
    file: Option<&Path>,
    guide: bool,
    global: &GlobalArgs,
    store: Option<&Store>,
) -> Result<(Document, Option<String>), CliError> {
    if guide {
        return Ok((Document::guide(), None));
    }
    if let Some(path) = file {
        return Ok((global.open(path)?, None));
    }
    let Some(store) = store else {
        return Ok((Document::guide(), None));
    };
    let (last, _) = store.last_book();
    let Some(entry) = last else {
        return Ok((Document::guide(), None));
    };
    let path = entry.path_buf().unwrap_or_default();
    if entry.is_missing() {
        let note = format!(
            "the last book you read is gone: {} · L opens the library",
            path.display()
        );
        return Ok((Document::guide(), Some(note)));
    }
    match global.open(&path) {
        Ok(doc) => Ok((doc, None)),
        Err(e) => Ok((
            Document::guide(),
            Some(format!("can't reopen the last book: {e}")),
        )),
    }
}

/// Open the book (or the guide) and read it; a book picked in the library replaces it.
pub fn run(file: Option<&Path>, guide: bool, global: &GlobalArgs) -> Result<(), CliError> {
    let store = Store::open(global.config_dir.as_deref());
    let (doc, mut note) = choose_book(file, guide, global, store.as_ref().ok())?;
    if let Err(e) = &store {
        note = Some(format!("bookmarks can't be saved: {e}"));
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "the reader needs a terminal; for text output try `kanshu render FILE`".into(),
        ));
    }
    let stop = signal_flag();
    install_panic_hook();
    let _guard = TerminalGuard;
    enter_terminal().map_err(|e| CliError::Other(format!("cannot set up the terminal: {e}")))?;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal =
        Terminal::new(backend).map_err(|e| CliError::Other(format!("terminal: {e}")))?;
    let mut doc = doc;
    let mut previous: Option<App> = None;
    let result = loop {
        let size = terminal
            .size()
            .map_err(|e| CliError::Other(format!("terminal: {e}")))?;
        let mut app = match previous.take() {
            Some(old) => App::with_settings(
                doc,
                old.settings().clone(),
                old.keymap.clone(),
                size.width,
                size.height,
            ),
            None => App::new(doc, size.width, size.height),
        };
        if let Ok(store) = &store {
            app.attach_store(store.clone());
        }
        if let Some(n) = note.take() {
            app.set_message(n, true);
        }
        let result = run_loop(&mut terminal, &mut app, &mut TerminalEvents, &stop);
        // Make sure the hooks hear about the end even when the loop ended with an error.
        app.quit();
        match (result, app.take_next_book()) {
            (Ok(()), Some(next)) if !stop.load(Ordering::Relaxed) => {
                doc = next;
                previous = Some(app);
            }
            (result, _) => break result,
        }
    };
    restore_terminal();
    result
}
