//! End to end, the real binary in tmux (private socket) with a config directory: a broken
//! config.toml still opens the book with the defaults and names the problem in the status bar;
//! a valid one remaps keys and sets the width, `+` widens the column at once, `W` saves it into
//! the file with the user's comment kept, and the remapped key quits.

use std::path::{Path, PathBuf};

use crate::common::tmux::{Tmux, quote};

/// Open the seed in `tmux` with `config` as the config directory.
fn open_seed(tmux: &Tmux, config: &Path) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt");
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(config),
        quote(&bin),
        quote(&seed)
    ));
}

fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// Widest text line on screen, in characters, status bar left out.
fn widest_text(screen: &str) -> usize {
    let lines: Vec<&str> = screen.lines().collect();
    let body = lines.len().saturating_sub(1);
    lines[..body]
        .iter()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn a_broken_config_opens_with_defaults_and_says_why() {
    let Some(tmux) = Tmux::start("cfg-broken", 100, 24) else {
        return;
    };
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[layout]\nmax_widht = 30\n",
    )
    .unwrap();
    open_seed(&tmux, config.path());
    let screen = tmux.wait_for("the first page", |s| {
        s.contains("2020") && status(s).contains('%')
    });
    let st = status(&screen);
    assert!(
        st.contains("config.toml:2:1: unknown key `max_widht`"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}

#[test]
fn configured_keys_and_width_and_saving_back() {
    let Some(tmux) = Tmux::start("cfg-keys", 100, 24) else {
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("config.toml");
    std::fs::write(
        &file,
        "# reading on the train\n[layout]\nmax_width = 40 # narrow\nspread = \"off\"\n\n[keys.reader]\nx = \"quit\"\nq = \"none\"\n",
    )
    .unwrap();
    open_seed(&tmux, config.path());
    let screen = tmux.wait_for("the first page", |s| {
        s.contains("2020") && status(s).contains('%')
    });
    // 40 cells hold at most 20 CJK characters (plus the indent of the first line).
    assert!(widest_text(&screen) <= 40, "{screen}");
    tmux.keys(&["+"]);
    tmux.wait_for("the new width", |s| status(s).contains("text width 44"));
    tmux.keys(&["W"]);
    tmux.wait_for("the save", |s| status(s).contains("settings saved"));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.starts_with("# reading on the train\n[layout]\nmax_width = 44 # narrow\n"),
        "{saved}"
    );
    // q was unbound: the reader stays; x quits.
    // (The key after it still reaches the reader, so it did not quit.)
    tmux.keys(&["q", "+"]);
    let screen = tmux.wait_for("the reader after q", |s| {
        status(s).contains("text width 48")
    });
    assert!(!screen.contains("kanshu-exit"), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}
