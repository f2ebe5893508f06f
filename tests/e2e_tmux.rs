//! End to end: the real binary in a real terminal (tmux on a private socket). Open the seed at
//! 100×30, open the table of contents, jump to 篇三, check the status bar, resize to 50×20 and
//! check the same text is on top, quit, and check the shell is usable again (alternate screen
//! left, keys echo). Waits poll the pane with a bounded retry loop; the tmux server is killed even
//! when an assertion fails.

use std::path::PathBuf;
use std::process::Command;

use crate::common::tmux::{Tmux, quote};

fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn top_line(screen: &str) -> String {
    screen.lines().next().unwrap_or("").trim().to_string()
}

#[test]
fn read_the_seed_in_tmux() {
    let Some(tmux) = Tmux::start("e2e", 100, 30) else {
        return;
    };
    let config = tempfile::tempdir().unwrap();

    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt");
    let line = format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(config.path()),
        quote(&bin),
        quote(&seed)
    );
    tmux.literal(&line);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the first page", |s| {
        s.contains("2020") && status(s).contains('%')
    });
    assert_eq!(tmux.display("#{alternate_on}"), "1", "{screen}");

    // Open the table of contents, filter for 篇三 and jump there.
    tmux.keys(&["t"]);
    tmux.wait_for("the table of contents", |s| s.contains("Contents"));
    tmux.literal("篇三");
    tmux.wait_for("the filter", |s| s.contains("/篇三"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("篇三 in the status bar", |s| {
        !s.contains("Contents") && status(s).contains("篇三")
    });
    let before = top_line(&screen);
    assert!(before.contains("篇三") || !before.is_empty(), "{screen}");

    // Resize: the same text stays on top.
    let status_before = status(&screen);
    tmux.resize(50, 20);
    let screen = tmux.wait_for("the 50×20 redraw", |s| {
        // The page count in the chapter changes with the width, so a changed status bar means
        // the reader has laid the book out again.
        let st = status(s);
        st.contains('%') && st != status_before && s.lines().count() <= 20
    });
    assert_eq!(tmux.display("#{pane_width}x#{pane_height}"), "50x20");
    let after = top_line(&screen);
    assert!(!after.is_empty(), "{screen}");
    assert!(
        before.starts_with(&after) || after.starts_with(&before),
        "top line changed on resize:\n before: {before}\n after:  {after}\n{screen}"
    );
    assert!(status(&screen).contains('%'), "{screen}");

    // Quit: back in the shell, alternate screen left, the shell answers.
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the shell after quitting", |s| s.contains("kanshu-exit=0"));
    assert_eq!(tmux.display("#{alternate_on}"), "0", "{screen}");
    tmux.literal("echo shell-ok-$((40+2))");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the shell to answer", |s| s.contains("shell-ok-42"));
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let Some(tmux) = Tmux::start("e2e-sig", 80, 24) else {
            return;
        };
        let pidfile = dir.path().join("pid");
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
        let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt");
        // The reader replaces a child shell that wrote its pid first.
        let line = format!(
            "KANSHU_CONFIG_DIR={} sh -c 'echo $$ > {}; exec {} {}'; echo kanshu-exit=$?",
            quote(dir.path()),
            pidfile.display(),
            bin.display(),
            seed.display()
        );
        tmux.literal(&line);
        tmux.keys(&["Enter"]);
        tmux.wait_for("the first page", |s| status(s).contains('%'));
        let pid = std::fs::read_to_string(&pidfile).unwrap();
        let killed = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.trim())
            .status()
            .unwrap();
        assert!(killed.success());
        let screen = tmux.wait_for("the shell after the signal", |s| s.contains("kanshu-exit="));
        assert_eq!(tmux.display("#{alternate_on}"), "0", "{screen}");
        tmux.literal("echo shell-ok-$((40+2))");
        tmux.keys(&["Enter"]);
        tmux.wait_for("the shell to answer", |s| s.contains("shell-ok-42"));
    }
}
