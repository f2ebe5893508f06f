//! Signals while reading: which end the reader, which suspend it, and giving the terminal back
//! from inside a signal handler when nothing else can.
//!
//! Terminating signals someone sends (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2,
//! SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT and the real-time
//! signals) only raise flags and wake the event loop: the reader saves its place, gives the
//! terminal back, and then dies of the same signal (`die_of`), so the shell sees what happened.
//! Faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS) cannot wait for the loop:
//! their handler writes the restoring escape sequences and the saved terminal modes itself,
//! with async-signal-safe calls only, and lets the signal kill as it would have. SIGTSTP and
//! SIGCONT are job control: flags the loop reads to suspend and to redraw.
//!
//! Must not draw, read keys or touch the app: `tui` acts on the flags.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Raised by the job-control signals, cleared by whoever acts on them.
pub(super) static SUSPEND: AtomicBool = AtomicBool::new(false);
pub(super) static CONTINUED: AtomicBool = AtomicBool::new(false);

/// The terminating signal that asked the reader to quit (0: none).
fn quit_signal() -> &'static Arc<AtomicUsize> {
    static QUIT: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    QUIT.get_or_init(|| Arc::new(AtomicUsize::new(0)))
}

/// The signal that ended the reading, if one did.
pub fn ending_signal() -> Option<i32> {
    match quit_signal().load(Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// Signals whose default is to end the process and that someone else sends: the loop quits
/// the normal way on them.
#[cfg(unix)]
pub(super) fn terminating() -> Vec<i32> {
    use signal_hook::consts::*;
    let mut sigs = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        sigs.extend([libc::SIGPWR, libc::SIGSTKFLT]);
        sigs.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    sigs
}

/// The job-control signals the loop handles itself.
#[cfg(unix)]
pub(super) const JOB_CONTROL: [i32; 2] = [libc::SIGTSTP, libc::SIGCONT];

/// Faults: the process cannot go on, the terminal is restored from the handler.
#[cfg(unix)]
const FAULTS: [i32; 7] = [
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGABRT,
    libc::SIGTRAP,
    libc::SIGSYS,
];

/// Register the flags once for the whole process; raises `stop` on every terminating signal.
pub(super) fn install(stop: &Arc<AtomicBool>) {
    #[cfg(unix)]
    {
        for sig in terminating() {
            let _ = signal_hook::flag::register(sig, Arc::clone(stop));
            let _ = signal_hook::flag::register_usize(
                sig,
                Arc::clone(quit_signal()),
                usize::try_from(sig).unwrap_or(0),
            );
        }
        static JOB: OnceLock<()> = OnceLock::new();
        JOB.get_or_init(|| {
            for (sig, flag) in [(libc::SIGTSTP, &SUSPEND), (libc::SIGCONT, &CONTINUED)] {
                // SAFETY: the action only stores to an atomic, which is async-signal-safe.
                let _ = unsafe {
                    signal_hook::low_level::register(sig, move || {
                        flag.store(true, Ordering::SeqCst)
                    })
                };
            }
            install_fault_handlers();
        });
    }
    #[cfg(not(unix))]
    let _ = stop;
}

/// Die of `sig` as if it had never been caught (the terminal is already given back).
///
/// SIGINT is the exception: it ends with exit code 130 instead. A shell that sees a child
/// die of SIGINT abandons the rest of its command line as if Ctrl-c had been pressed at it,
/// but in the reader Ctrl-c is a key, so a SIGINT can only have been sent on purpose.
pub fn die_of(sig: i32) -> ! {
    #[cfg(unix)]
    if sig == libc::SIGINT {
        std::process::exit(128 + sig);
    }
    #[cfg(unix)]
    // SAFETY: plain libc calls on a signal number; nothing is shared.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
    }
    // A signal whose default is not to end the process: end it the way a shell reports one.
    std::process::exit(128 + sig.clamp(0, 127))
}

// ----- giving the terminal back from a handler -----

/// The terminal's file descriptor and its modes before raw mode (set when the reader enters).
static TTY_FD: AtomicI32 = AtomicI32::new(-1);
#[cfg(unix)]
static ORIGINAL: OnceLock<libc::termios> = OnceLock::new();

/// Bracketed paste off, mouse reporting off, alternate screen left, cursor shown: what
/// `restore_terminal` sends, as bytes a signal handler can write.
pub(super) const RESTORE_BYTES: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// Remember the terminal's modes before raw mode, for `emergency_restore`.
#[cfg(unix)]
pub(super) fn remember_modes(fd: i32) {
    TTY_FD.store(fd, Ordering::SeqCst);
    if ORIGINAL.get().is_none() {
        // SAFETY: tcgetattr writes into a zeroed termios we own.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut t) == 0 {
                let _ = ORIGINAL.set(t);
            }
        }
    }
}

/// Give the terminal back with async-signal-safe calls only (write, tcsetattr), once.
#[cfg(unix)]
fn emergency_restore() {
    if super::ACTIVE.swap(false, Ordering::SeqCst) {
        // SAFETY: write and tcsetattr are async-signal-safe; the buffer and termios are static.
        unsafe {
            let _ = libc::write(
                libc::STDOUT_FILENO,
                RESTORE_BYTES.as_ptr().cast(),
                RESTORE_BYTES.len(),
            );
            let fd = TTY_FD.load(Ordering::SeqCst);
            if let (true, Some(t)) = (fd >= 0, ORIGINAL.get()) {
                libc::tcsetattr(fd, libc::TCSANOW, t);
            }
        }
    }
}

/// What was installed for SIGSEGV and SIGBUS before (Rust's stack-overflow report).
#[cfg(unix)]
static PREVIOUS: [OnceLock<libc::sigaction>; 2] = [OnceLock::new(), OnceLock::new()];

#[cfg(unix)]
fn previous_slot(sig: i32) -> Option<&'static OnceLock<libc::sigaction>> {
    match sig {
        libc::SIGSEGV => Some(&PREVIOUS[0]),
        libc::SIGBUS => Some(&PREVIOUS[1]),
        _ => None,
    }
}

#[cfg(unix)]
extern "C" fn on_fault(sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    emergency_restore();
    // SAFETY: sigaction and raise are async-signal-safe; `info` is given by the kernel.
    unsafe {
        let sent = info.is_null() || (*info).si_code <= 0;
        match previous_slot(sig).and_then(OnceLock::get) {
            // A real fault: hand it to what was there before; returning repeats the fault.
            Some(prev) if !sent => {
                libc::sigaction(sig, prev, std::ptr::null_mut());
            }
            // Sent with kill, or nothing before: the default action, now.
            _ => {
                libc::signal(sig, libc::SIG_DFL);
                libc::raise(sig);
            }
        }
    }
}

#[cfg(unix)]
fn install_fault_handlers() {
    for sig in FAULTS {
        // SAFETY: the handler only makes async-signal-safe calls; the structs are ours.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fault as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, &action, &mut old) == 0
                && let Some(slot) = previous_slot(sig)
            {
                let _ = slot.set(old);
            }
        }
    }
}
