//! Where the event loop's events come from: the real terminal (`TerminalEvents`) or a script
//! (`ScriptedEvents`, for tests), and the job control each of them does (suspend to the shell,
//! take the terminal back after someone else used it).
//!
//! Keys come from the terminal: standard input when it is one, else `/dev/tty` (a book piped
//! in, or standard input at `/dev/null`). Must not decide what an event means: `input` does.

use std::io;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::{self, Event};

use super::signals;
use crate::i18n::{Lang, tr};

/// A job-control signal the loop must act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobControl {
    /// SIGTSTP: give the terminal back and stop until `fg`.
    Suspend,
    /// SIGCONT without a suspend of ours (someone stopped the reader): set the terminal up
    /// again and repaint.
    Continued,
}

/// Where the main loop gets its events.
pub trait EventSource {
    /// The next event; `None` when `timeout` passed (or a signal woke the wait) without one.
    /// `timeout: None` waits as long as it takes. An error of kind `BrokenPipe` or
    /// `UnexpectedEof` means the input is gone (terminal hung up) and the reader should quit.
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Option<Event>>;

    /// A job-control signal that arrived since the last call.
    fn job_control(&mut self) -> Option<JobControl> {
        None
    }

    /// Give the terminal back, stop until continued (`fg`), then set the terminal up again.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Set the terminal up again (raw mode, alternate screen) after someone else used it.
    fn reclaim(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Edit `text` in `program` (a note in `$EDITOR`): what it saved, or why there is none
    /// (said in `lang`). The real terminal is given to the program and taken back.
    fn edit_externally(&mut self, program: &str, text: &str, lang: Lang) -> Result<String, String> {
        super::editor::edit(program, text, lang)
    }
}

/// Events from the real terminal.
///
/// Waits with `poll(2)` on the terminal and on a pipe that signals (SIGWINCH, the terminating
/// signals, SIGTSTP, SIGCONT) write to, so the loop sleeps without any timer and still wakes at
/// once for a resize or a signal. A hung-up terminal is reported as `BrokenPipe` before
/// crossterm reads from it (crossterm would spin on the end of file).
pub struct TerminalEvents {
    #[cfg(unix)]
    wake: std::os::unix::net::UnixStream,
    /// The terminal keys come from (standard input or `/dev/tty`).
    #[cfg(unix)]
    tty: i32,
}

impl TerminalEvents {
    /// Set up the wake-up pipe and register it for the signals.
    pub fn new() -> io::Result<TerminalEvents> {
        #[cfg(unix)]
        {
            let tty = super::tty_fd()?;
            let (read, write) = std::os::unix::net::UnixStream::pair()?;
            read.set_nonblocking(true)?;
            write.set_nonblocking(true)?;
            let mut sigs = vec![signal_hook::consts::SIGWINCH];
            sigs.extend(signals::terminating());
            sigs.extend(signals::JOB_CONTROL);
            for sig in sigs {
                signal_hook::low_level::pipe::register(sig, write.try_clone()?)?;
            }
            Ok(TerminalEvents { wake: read, tty })
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

        let tty_fd = self.tty;
        let wait = |ms: i32, wake: i32| -> io::Result<(i16, i16)> {
            let mut fds = [
                libc::pollfd {
                    fd: tty_fd,
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

    fn job_control(&mut self) -> Option<JobControl> {
        if signals::SUSPEND.swap(false, Ordering::SeqCst) {
            signals::CONTINUED.store(false, Ordering::SeqCst);
            Some(JobControl::Suspend)
        } else if signals::CONTINUED.swap(false, Ordering::SeqCst) {
            Some(JobControl::Continued)
        } else {
            None
        }
    }

    #[cfg(unix)]
    fn suspend(&mut self) -> io::Result<()> {
        super::restore_terminal();
        // As the terminal's own Ctrl-z would: SIGTSTP to the whole job (a wrapping shell
        // script stops too, so the shell gets the terminal back), with the default action for
        // the reader itself for that moment, so the shell says "Stopped" as for any program.
        // SAFETY: sigaction on structs we own, and signal sends to our own process group; the
        // saved action is put back unchanged.
        unsafe {
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            libc::sigemptyset(&mut default.sa_mask);
            let mut ours: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGTSTP, &default, &mut ours) == 0 {
                // Stopped here until `fg`.
                libc::kill(0, libc::SIGTSTP);
                libc::sigaction(libc::SIGTSTP, &ours, std::ptr::null_mut());
            } else {
                libc::kill(0, libc::SIGTSTP);
                libc::raise(libc::SIGSTOP);
            }
        }
        // Continued (`fg`): the SIGTSTP and SIGCONT of this stop are handled here.
        signals::SUSPEND.store(false, Ordering::SeqCst);
        signals::CONTINUED.store(false, Ordering::SeqCst);
        super::enter_terminal()
    }

    fn reclaim(&mut self) -> io::Result<()> {
        super::reenter_terminal()
    }

    fn edit_externally(&mut self, program: &str, text: &str, lang: Lang) -> Result<String, String> {
        super::restore_terminal();
        let result = super::editor::edit(program, text, lang);
        match super::enter_terminal() {
            Ok(()) => result,
            Err(e) => Err(tr!(lang, "tui-cannot-take-back", reason = e.to_string())),
        }
    }
}

/// A scripted list of events (tests); when it runs out the loop is told to stop.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    pub events: std::collections::VecDeque<Event>,
    /// How many times the loop suspended to the shell.
    pub suspended: usize,
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

    fn suspend(&mut self) -> io::Result<()> {
        self.suspended += 1;
        Ok(())
    }
}
