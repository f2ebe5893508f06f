//! The interactive terminal: set-up and restore, the panic hook, signals, where events come
//! from, and the event loop (`run_loop`, generic over ratatui's `Backend` and the event source,
//! so tests drive it with `TestBackend` and a scripted list of events).
//!
//! Owns the terminal while reading (raw mode, alternate screen, mouse when the configuration
//! allows it) and its restoration on every exit path: normal quit, error (a guard), panic (a
//! hook that restores first and then chains to the previous hook), every fatal signal (see
//! `signals`), and Ctrl-z / SIGTSTP (given back, stopped, taken again and redrawn on `fg`).
//! A note the app asks to edit in `$VISUAL`/`$EDITOR` gets the terminal the same way (`editor`).
//! Restoring is safe to call more than once. Must not parse the command line or decide what a
//! key does: events go through `input` to `App::update`, and `ui` paints.

pub mod clipboard;
mod editor;
mod events;
pub mod signals;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{Event, KeyCode as CtKeyCode, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::App;
use crate::i18n::{Lang, tr};
use crate::keys::{Action, Key, KeyCode, Modifiers};
use crate::{input, ui};

pub use events::{EventSource, JobControl, ScriptedEvents, TerminalEvents};
pub use signals::die_of;

/// Why the terminal could not be used: one line for the person at it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TuiError(pub String);

/// Draw, then handle events until the app quits, `stop` is raised (a signal) or the input is
/// gone. Redraws only after an event that did something; waits for events without a timer
/// unless the app asks for ticks. Ctrl-z (when the keymap gives it no other meaning) and
/// SIGTSTP suspend to the shell; on return the screen is repainted whole.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    stop: &AtomicBool,
) -> Result<(), TuiError> {
    let lang = app.lang();
    let draw_err = |e: B::Error| TuiError(tr!(lang, "tui-cannot-draw", reason = e.to_string()));
    let job_err =
        |e: io::Error| TuiError(tr!(lang, "tui-cannot-take-back", reason = e.to_string()));
    terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
    loop {
        if stop.load(Ordering::Relaxed) {
            app.quit();
        }
        if app.should_quit() {
            return Ok(());
        }
        match events.job_control() {
            Some(JobControl::Suspend) => {
                events.suspend().map_err(job_err)?;
                repaint_all(terminal, app)?;
                continue;
            }
            Some(JobControl::Continued) => {
                events.reclaim().map_err(job_err)?;
                repaint_all(terminal, app)?;
                continue;
            }
            None => {}
        }
        let ev = match events.next_event(app.tick_interval()) {
            Ok(Some(ev)) => ev,
            Ok(None) => {
                if app.tick() {
                    terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
                }
                continue;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::BrokenPipe | io::ErrorKind::UnexpectedEof
                ) =>
            {
                // The terminal is gone: quit the normal way (the position gets saved).
                app.quit();
                return Ok(());
            }
            Err(e) => {
                let reason = e.to_string();
                return Err(TuiError(tr!(
                    lang,
                    "tui-cannot-read-terminal",
                    reason = reason
                )));
            }
        };
        if is_suspend_key(app, &ev) {
            app.pending_keys.clear();
            events.suspend().map_err(job_err)?;
            repaint_all(terminal, app)?;
            continue;
        }
        let Some(action) = input::app_action(app, &ev) else {
            continue;
        };
        app.update(action);
        carry_out(app);
        if let Some(edit) = app.take_external_edit() {
            // A note to edit in $EDITOR: the terminal is the editor's until it ends.
            let result = events.edit_externally(&edit.program, &edit.text, app.lang());
            app.external_edit_done(result);
            repaint_all(terminal, app)?;
            continue;
        }
        if !app.should_quit() {
            if app.take_repaint() {
                terminal.clear().map_err(draw_err)?;
            }
            terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
        }
    }
}

/// What the app asked of the terminal: text to copy goes out as OSC 52 (to the terminal, only
/// while this process holds it) and to a system clipboard.
fn carry_out(app: &mut App) {
    for effect in app.take_effects() {
        match effect {
            crate::app::Effect::Copy(text) if ACTIVE.load(Ordering::SeqCst) => {
                let _ = clipboard::copy(&text, &mut io::stdout());
            }
            crate::app::Effect::Copy(_) => {}
        }
    }
}

/// Ctrl-z, the terminal's own suspend key, unless the keymap binds it where the reader is.
fn is_suspend_key(app: &App, ev: &Event) -> bool {
    let Event::Key(k) = ev else {
        return false;
    };
    let ctrl_z = k.kind == KeyEventKind::Press
        && k.modifiers == KeyModifiers::CONTROL
        && matches!(k.code, CtKeyCode::Char('z' | 'Z'));
    let key = Key::new(
        KeyCode::Char('z'),
        Modifiers {
            ctrl: true,
            alt: false,
            shift: false,
        },
    );
    ctrl_z && app.keymap.lookup(app.mode(), key).is_none()
}

/// After the terminal was away (suspended, stopped): lay out again if its size changed and
/// paint every cell, not only what changed.
fn repaint_all<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), TuiError> {
    let lang = app.lang();
    let draw_err = |e: B::Error| TuiError(tr!(lang, "tui-cannot-draw", reason = e.to_string()));
    let size = terminal.size().map_err(draw_err)?;
    let screen = app.geometry().screen;
    if (size.width, size.height) != (screen.width, screen.height) {
        app.update(Action::Resize(size.width, size.height));
    }
    terminal.clear().map_err(draw_err)?;
    terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
    Ok(())
}

/// The terminal is in reading mode (restore has something to undo).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Mouse reporting is asked for while reading (`[ui] mouse` in the configuration).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// The terminal keys are read from: standard input when it is one, else `/dev/tty` (opened
/// once and kept open, as crossterm reads from the same place).
#[cfg(unix)]
pub(crate) fn tty_fd() -> io::Result<i32> {
    use std::os::fd::IntoRawFd;
    use std::sync::OnceLock;
    static TTY: OnceLock<i32> = OnceLock::new();
    if let Some(fd) = TTY.get() {
        return Ok(*fd);
    }
    // SAFETY: isatty only looks at the descriptor.
    let fd = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        libc::STDIN_FILENO
    } else {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("standard input is not a terminal and /dev/tty cannot be opened: {e}"),
                )
            })?
            .into_raw_fd()
    };
    Ok(*TTY.get_or_init(|| fd))
}

/// Put the terminal into reading mode (raw, alternate screen, mouse unless the configuration
/// turned it off, bracketed paste).
pub fn enter_terminal() -> io::Result<()> {
    #[cfg(unix)]
    signals::remember_modes(tty_fd()?);
    ACTIVE.store(true, Ordering::SeqCst);
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste,
        crossterm::cursor::Hide,
    )?;
    if MOUSE.load(Ordering::SeqCst) {
        crossterm::execute!(out, crossterm::event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Reading mode again after someone else used the terminal (a stopped reader continued): the
/// shell may have put it back into cooked mode, so raw mode is set afresh.
fn reenter_terminal() -> io::Result<()> {
    if ACTIVE.load(Ordering::SeqCst) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    enter_terminal()
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

/// Restore the terminal before a panic message is printed, then run the previous hook.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// How the reader uses the terminal (from the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalOptions {
    /// Report clicks and the wheel to the reader; off leaves selection to the terminal.
    pub mouse: bool,
}

impl Default for TerminalOptions {
    fn default() -> Self {
        TerminalOptions { mouse: true }
    }
}

/// Read in the terminal: set it up, run the loop on `app` until it quits, and give the terminal
/// back on every way out. `app` is told to quit even when the loop ends with an error.
/// Returns the signal that ended the reading, if one did: the caller dies of it (`die_of`)
/// once it has said what it has to say.
pub fn read(app: &mut App, options: TerminalOptions) -> Result<Option<i32>, TuiError> {
    MOUSE.store(options.mouse, Ordering::SeqCst);
    let stop = Arc::new(AtomicBool::new(false));
    signals::install(&stop);
    install_panic_hook();
    let _guard = TerminalGuard;
    // Where keys come from is checked first: its error says why they cannot be read.
    let lang = app.lang();
    let said = |key: &str, e: io::Error| TuiError(tr!(lang, key, reason = e.to_string()));
    let mut events = TerminalEvents::new().map_err(|e| said("tui-cannot-read-keys", e))?;
    enter_terminal().map_err(|e| said("tui-cannot-set-up", e))?;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend).map_err(|e| said("tui-terminal", e))?;
    app.set_external_editor(editor::from_env());
    let result = run_loop(&mut terminal, app, &mut events, &stop);
    app.quit();
    restore_terminal();
    result.map(|()| signals::ending_signal())
}

/// The size of the terminal on stdout, before it is set up (an error said in `lang`).
pub fn size(lang: Lang) -> Result<(u16, u16), TuiError> {
    crossterm::terminal::size()
        .map_err(|e| TuiError(tr!(lang, "tui-terminal", reason = e.to_string())))
}
