//! The real binary in a real terminal: a tmux server on a private socket with one window
//! running `sh`, keys sent to it, and bounded polling of what the pane shows. The server is
//! killed (and its socket removed) when the value is dropped, even after a failed assertion.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The one session (and window) of every server started here.
pub const SESSION: &str = "k";

/// How long a wait polls before it fails. Generous on purpose: these are not speed tests, and
/// the suite runs them beside CPU-heavy property tests on small machines.
const WAIT: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A new server with one `width`×`height` window at a `$ ` shell prompt, or `None` (with a
    /// note on stderr) when tmux is not installed; under `CI` a missing tmux fails the test.
    pub fn start(tag: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            // Skipped on a machine without tmux, never in CI: there the tests must run.
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is not installed, and under CI the terminal tests must run"
            );
            eprintln!("tmux not installed; skipping");
            return None;
        }
        static SERVERS: AtomicUsize = AtomicUsize::new(0);
        let n = SERVERS.fetch_add(1, Ordering::Relaxed);
        let tmux = Tmux {
            socket: format!("kanshu-{tag}-{}-{n}", std::process::id()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let out = tmux.cmd(&[
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &w,
            "-y",
            &h,
            "env",
            "PS1=$ ",
            "sh",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux.wait_for("the shell prompt", |s| s.contains('$'));
        Some(tmux)
    }

    /// Run a tmux command against this server.
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// The pane as text.
    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", SESSION]).stdout)
            .into_owned()
    }

    /// A tmux format (`#{alternate_on}`, `#{cursor_flag}`…) evaluated for the pane.
    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", SESSION, format])
                .stdout,
        )
        .trim()
        .to_string()
    }

    /// Keys by tmux name (`Enter`, `Escape`, `C-o`, `q`…).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// Text typed as it is.
    pub fn literal(&self, text: &str) {
        self.cmd(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// A shell command line, typed and run.
    pub fn line(&self, text: &str) {
        self.literal(text);
        self.keys(&["Enter"]);
    }

    /// Resize the window (the reader sees a terminal of that size).
    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.cmd(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
    }

    /// Poll the pane until `ok` holds; returns the screen, or fails naming `what` and showing
    /// the last screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let path = self.display("#{socket_path}");
        let _ = self.cmd(&["kill-server"]);
        if !path.is_empty() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// `p` quoted for `sh`.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}
