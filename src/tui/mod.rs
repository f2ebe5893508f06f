//! The interactive terminal: set-up and restore, the panic hook, signals, where events come
//! from, and the event loop (`run_loop`, generic over ratatui's `Backend` and the event source,
//! so tests drive it with `TestBackend` and a scripted list of events).
//!
//! Owns the terminal while reading (raw mode, alternate screen, mouse) and its restoration on
//! every exit path: normal quit, error (a guard), panic (a hook that restores first and then
//! chains to the previous hook) and SIGTERM/SIGHUP (a flag checked by the main loop). Restoring
//! is safe to call more than once. Must not parse the command line or decide what a key does:
//! events go through `input` to `App::update`, and `ui` paints.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::App;
use crate::{input, ui};

/// Why the terminal could not be used: one line for the person at it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TuiError(pub String);

/// Where the main loop gets its events.
pub trait EventSource {
    /// The next event; `None` when `timeout` passed (or a signal woke the wait) without one.
    /// `timeout: None` waits as long as it takes. An error of kind `BrokenPipe` or
    /// `UnexpectedEof` means the input is gone (terminal hung up) and the reader should quit.
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
///
/// Waits with `poll(2)` on the terminal and on a pipe that signals (SIGWINCH, SIGTERM, SIGHUP,
/// SIGINT) write to, so the loop sleeps without any timer and still wakes at once for a resize
/// or a signal. A hung-up terminal is reported as `BrokenPipe` before crossterm reads from it
/// (crossterm would spin on the end of file).
pub struct TerminalEvents {
    #[cfg(unix)]
    wake: std::os::unix::net::UnixStream,
}

impl TerminalEvents {
    /// Set up the wake-up pipe and register it for the signals.
    pub fn new() -> io::Result<TerminalEvents> {
        #[cfg(unix)]
        {
            let (read, write) = std::os::unix::net::UnixStream::pair()?;
            read.set_nonblocking(true)?;
            write.set_nonblocking(true)?;
            for sig in [
                signal_hook::consts::SIGWINCH,
                signal_hook::consts::SIGTERM,
                signal_hook::consts::SIGHUP,
                signal_hook::consts::SIGINT,
            ] {
                signal_hook::low_level::pipe::register(sig, write.try_clone()?)?;
            }
            Ok(TerminalEvents { wake: read })
        }
        #[cfg(not(unix))]
        Ok(TerminalEvents {})
    }
}

#[cfg(unix)]
fn hung_up() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away")
}

impl EventSource for TerminalEvents {
    #[cfg(unix)]
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>> {
        use std::io::Read;
        use std::os::fd::AsRawFd;

        let wait = |ms: i32, wake: i32| -> io::Result<(i16, i16)> {
            let mut fds = [
                libc::pollfd {
                    fd: libc::STDIN_FILENO,
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: wake,
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            // SAFETY: `fds` is a valid array of two pollfd structs for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    return Ok((0, 0));
                }
                return Err(e);
            }
            Ok((fds[0].revents, fds[1].revents))
        };
        let wake_fd = self.wake.as_raw_fd();
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        // Never hand a hung-up terminal to crossterm.
        let (tty, _) = wait(0, wake_fd)?;
        if tty & gone != 0 {
            return Err(hung_up());
        }
        // Events crossterm already read and parsed come first.
        if event::poll(Duration::ZERO)? {
            return event::read().map(Some);
        }
        let ms = match timeout {
            Some(d) => d.as_millis().min(i32::MAX as u128) as i32,
            None => -1,
        };
        let (tty, wake) = wait(ms, wake_fd)?;
        if tty & gone != 0 {
            return Err(hung_up());
        }
        if wake & libc::POLLIN != 0 {
            let mut sink = [0u8; 64];
            while matches!(self.wake.read(&mut sink), Ok(n) if n > 0) {}
        }
        // A resize arrives through crossterm's own SIGWINCH handling; keys through the terminal.
        if (tty & libc::POLLIN != 0 || wake & libc::POLLIN != 0) && event::poll(Duration::ZERO)? {
            return event::read().map(Some);
        }
        Ok(None)
    }

    #[cfg(not(unix))]
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>> {
        let t = timeout.unwrap_or(Duration::from_secs(3600));
        if event::poll(t)? {
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
    fn next_event(&mut self, _timeout: Option<Duration>) -> io::Result<Option<Event>> {
        match self.events.pop_front() {
            Some(e) => Ok(Some(e)),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no more events",
            )),
        }
    }
}

/// Draw, then handle events until the app quits, `stop` is raised (a signal) or the input is
/// gone. Redraws only after an event that did something; waits for events without a timer
/// unless the app asks for ticks.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    stop: &AtomicBool,
) -> Result<(), TuiError> {
    let draw_err = |e: B::Error| TuiError(format!("cannot draw: {e}"));
    terminal.draw(|f| ui::draw(app, f)).map_err(draw_err)?;
    loop {
        if stop.load(Ordering::Relaxed) {
            app.quit();
        }
        if app.should_quit() {
            return Ok(());
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
            Err(e) => return Err(TuiError(format!("cannot read the terminal: {e}"))),
        };
        let Some(action) = input::app_action(app, &ev) else {
            continue;
        };
        app.update(action);
        if !app.should_quit() {
            if app.take_repaint() {
                terminal.clear().map_err(draw_err)?;
            }
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

/// Restore the terminal before a panic message is printed, then run the previous hook.
pub fn install_panic_hook() {
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

/// Read in the terminal: set it up, run the loop on `app` until it quits, and give the terminal
/// back on every way out. `app` is told to quit even when the loop ends with an error.
pub fn read(app: &mut App) -> Result<(), TuiError> {
    let stop = signal_flag();
    install_panic_hook();
    let _guard = TerminalGuard;
    enter_terminal().map_err(|e| TuiError(format!("cannot set up the terminal: {e}")))?;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend).map_err(|e| TuiError(format!("terminal: {e}")))?;
    let mut events =
        TerminalEvents::new().map_err(|e| TuiError(format!("cannot watch the terminal: {e}")))?;
    let result = run_loop(&mut terminal, app, &mut events, &stop);
    app.quit();
    restore_terminal();
    result
}

/// The size of the terminal on stdout, before it is set up.
pub fn size() -> Result<(u16, u16), TuiError> {
    crossterm::terminal::size().map_err(|e| TuiError(format!("terminal: {e}")))
}
