//! End to end in a real terminal (tmux on a private socket): open the seed, jump to 篇三 through
//! the table of contents, add a named bookmark, quit; `kanshu bookmarks --json` lists it; then
//! `kanshu` without a FILE, in a window of another size, reopens the book at the same place.
//! Skipped (with a note) where tmux is not installed, failed there under CI
//! (`common::tmux::available`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const SEED: &str = include_str!("fixtures/seed.txt");

/// A tmux server of our own: its socket lives in a temp dir and it is killed on drop.
struct Tmux {
    dir: PathBuf,
    socket: String,
}

impl Tmux {
    fn start(dir: &Path) -> Option<Tmux> {
        let t = Tmux {
            dir: dir.to_path_buf(),
            socket: format!("kanshu-test-{}", std::process::id()),
        };
        if !crate::common::tmux::available() {
            return None;
        }
        // One server for the whole test: it must not exit (and race the next session's start)
        // each time a reader quits and leaves it without sessions.
        t.ok(&["start-server", ";", "set-option", "-g", "exit-empty", "off"]);
        Some(t)
    }

    fn run(&self, args: &[&str]) -> Option<Output> {
        Command::new("tmux")
            .env("TMUX_TMPDIR", &self.dir)
            .env_remove("TMUX")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .ok()
    }

    fn ok(&self, args: &[&str]) {
        let out = self.run(args).expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A detached session `name` of `w`×`h` running `cmd` with `env`.
    fn session(&self, name: &str, w: u16, h: u16, env: &[(&str, &Path)], cmd: &[&str]) {
        let (w, h) = (w.to_string(), h.to_string());
        let env: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect();
        let mut args = vec!["new-session", "-d", "-s", name, "-x", &w, "-y", &h];
        for e in &env {
            args.extend(["-e", e.as_str()]);
        }
        args.push("--");
        args.extend(cmd);
        self.ok(&args);
    }

    fn screen(&self, name: &str) -> String {
        let out = self
            .run(&["capture-pane", "-p", "-t", name])
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        self.ok(&args);
    }

    fn text(&self, name: &str, text: &str) {
        self.ok(&["send-keys", "-t", name, "-l", text]);
    }

    /// Wait (up to a generous limit) until the screen satisfies `ok`; the screen.
    fn wait_for(&self, name: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(name);
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waited for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Send signal `sig` (e.g. "TERM") to the program running in session `name`.
    fn signal(&self, name: &str, sig: &str) {
        let out = self
            .run(&["display-message", "-p", "-t", name, "#{pane_pid}"])
            .expect("pane pid");
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no pane pid");
        let status = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(&pid)
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    fn wait_gone(&self, name: &str) {
        let start = Instant::now();
        while self
            .run(&["has-session", "-t", name])
            .is_some_and(|o| o.status.success())
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the reader did not quit:\n{}",
                self.screen(name)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

fn first_line(screen: &str) -> String {
    screen.lines().next().unwrap_or("").trim().to_string()
}

#[test]
fn bookmark_in_one_window_and_resume_in_another() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start(tmp.path()) else {
        return;
    };
    let config = tmp.path().join("config");
    let book = tmp.path().join("seed.txt");
    std::fs::write(&book, SEED).unwrap();
    let exe = env!("CARGO_BIN_EXE_kanshu");
    let env = [("KANSHU_CONFIG_DIR", config.as_path())];
    let book_arg = book.to_string_lossy().into_owned();

    tmux.session("first", 100, 30, &env, &[exe, &book_arg]);
    tmux.wait_for("first", "the reader", |s| status(s).contains('%'));
    tmux.keys("first", &["t"]);
    tmux.wait_for("first", "the contents", |s| s.contains("Contents"));
    tmux.text("first", "篇三");
    tmux.keys("first", &["Enter"]);
    let at = tmux.wait_for("first", "part three", |s| {
        !s.contains("Contents") && status(s).contains("篇三")
    });
    let line = first_line(&at);
    assert!(!line.is_empty(), "{at}");

    tmux.keys("first", &["m"]);
    tmux.wait_for("first", "the name prompt", |s| {
        status(s).contains("bookmark name")
    });
    tmux.text("first", "第三篇書籤");
    tmux.keys("first", &["Enter"]);
    tmux.wait_for("first", "the bookmark", |s| {
        status(s).contains("bookmarked")
    });
    tmux.keys("first", &["q"]);
    tmux.wait_gone("first");

    let out = Command::new(exe)
        .args(["bookmarks", "--json"])
        .env("KANSHU_CONFIG_DIR", &config)
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mark = list
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "第三篇書籤")
        .unwrap_or_else(|| panic!("the bookmark is listed: {list:#}"));
    assert!(mark["chapter_title"].as_str().unwrap().contains("篇三"));

    // Reopen without a FILE in a smaller window.
    tmux.session("second", 72, 20, &env, &[exe]);
    let again = tmux.wait_for("second", "the reopened book", |s| status(s).contains('%'));
    assert!(status(&again).contains("篇三"), "{again}");
    assert!(
        status(&again).contains('★'),
        "the page holds the bookmark: {again}"
    );
    let line2 = first_line(&again);
    let (short, long) = if line2.chars().count() <= line.chars().count() {
        (&line2, &line)
    } else {
        (&line, &line2)
    };
    assert!(
        !short.is_empty() && long.starts_with(short.as_str()),
        "same first line of text:\n{line}\n{line2}"
    );

    // A chapter change is saved at once: even `kill -9` right after it keeps it.
    tmux.keys("second", &["]"]);
    tmux.wait_for("second", "part four", |s| status(s).contains("篇四"));
    tmux.signal("second", "KILL");
    tmux.wait_gone("second");
    tmux.session("third", 80, 24, &env, &[exe]);
    let fourth = tmux.wait_for("third", "part four again", |s| status(s).contains('%'));
    assert!(status(&fourth).contains("篇四"), "{fourth}");

    // SIGTERM saves the place reached since the last save, like q.
    tmux.keys("third", &["Space"]);
    let moved = tmux.wait_for("third", "the next page", |s| {
        first_line(s) != first_line(&fourth)
    });
    tmux.signal("third", "TERM");
    tmux.wait_gone("third");
    tmux.session("fourth", 80, 24, &env, &[exe]);
    let back = tmux.wait_for("fourth", "the reader", |s| status(s).contains('%'));
    assert_eq!(first_line(&back), first_line(&moved), "{back}");
    tmux.keys("fourth", &["q"]);
    tmux.wait_gone("fourth");
}
