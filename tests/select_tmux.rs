//! Selecting, copying and highlighting in a real terminal (tmux on a private socket): `v` `j`
//! `y` puts exactly the selected characters into tmux's paste buffer through OSC 52 (tmux with
//! `set-clipboard on`); a highlight made with `a` is there after quitting and reopening at
//! another width, on the same words, in its colour; `kanshu notes --markdown` lists it.
//! Skipped (with a note) where tmux is not installed, failed there under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::tmux::{Tmux, quote};

const POEM: &str = concat!(
    "　　天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n",
    "　　寒来暑往，秋收冬藏。闰余成岁，律吕调阳。\n",
    "　　云腾致雨，露结为霜。金生丽水，玉出昆冈。\n",
);

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kanshu"))
}

/// Run the reader on `book` in the pane, and wait for its first page.
fn open(tmux: &Tmux, config: &Path, book: &Path) {
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(config),
        quote(&bin()),
        quote(book)
    ));
    tmux.wait_for("the first page", |s| s.contains("天地玄黄"));
}

/// The pane with its colours (`capture-pane -e`).
fn capture_with_colours(tmux: &Tmux) -> String {
    let out = tmux.cmd(&[
        "capture-pane",
        "-p",
        "-e",
        "-t",
        crate::common::tmux::SESSION,
    ]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether `words` are painted in the first highlight colour of the default theme (light
/// green: 256-colour 10, or bright green 102) and the colour ends right after them.
fn painted_highlighted(pane: &str, words: &str) -> bool {
    pane.match_indices(words).any(|(at, _)| {
        let before = &pane[..at];
        let mut from = before.len().saturating_sub(24);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let escapes = &before[from..];
        let green = escapes.contains("48;5;10m") || escapes.contains("102m");
        green && before.ends_with('m') && pane[at + words.len()..].starts_with('\x1b')
    })
}

#[test]
fn v_j_y_puts_the_selected_text_into_the_tmux_buffer() {
    let Some(tmux) = Tmux::start("select", 100, 30) else {
        return;
    };
    tmux.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("poem.txt");
    std::fs::write(&book, POEM).unwrap();
    open(&tmux, &dir.path().join("config"), &book);
    tmux.keys(&["v"]);
    tmux.wait_for("selecting", |s| s.contains("selecting · 1 character"));
    tmux.keys(&["j"]);
    tmux.wait_for("two lines selected", |s| {
        s.contains("selecting · 24 characters")
    });
    tmux.keys(&["y"]);
    tmux.wait_for("the copy", |s| s.contains("copied 24 characters"));
    let buffer = tmux.cmd(&["show-buffer"]);
    assert_eq!(
        String::from_utf8_lossy(&buffer.stdout),
        "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n　　寒"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("the reader to quit", |s| s.contains("kanshu-exit=0"));
}

#[test]
fn a_highlight_is_drawn_again_at_another_width_and_exported() {
    let Some(tmux) = Tmux::start("highlight", 100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let book = dir.path().join("poem.txt");
    std::fs::write(&book, POEM.repeat(3)).unwrap();
    open(&tmux, &config, &book);
    tmux.keys(&["v", "w", "w", "w", "a"]);
    tmux.wait_for("the highlight", |s| s.contains("highlighted 4 characters"));
    assert!(painted_highlighted(
        &capture_with_colours(&tmux),
        "天地玄黄"
    ));
    tmux.keys(&["q"]);
    tmux.wait_for("the reader to quit", |s| s.contains("kanshu-exit=0"));

    // Narrower: the lines break elsewhere, the same words are highlighted.
    tmux.line("clear");
    tmux.resize(40, 20);
    open(&tmux, &config, &book);
    let pane = capture_with_colours(&tmux);
    assert!(painted_highlighted(&pane, "天地玄黄"), "{pane}");
    assert!(!painted_highlighted(&pane, "宇宙洪荒"), "{pane}");
    tmux.keys(&["q"]);
    tmux.wait_for("the reader to quit", |s| s.contains("kanshu-exit=0"));

    let out = Command::new(bin())
        .env("KANSHU_CONFIG_DIR", &config)
        .args(["notes", "--markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{md}");
    assert!(md.contains("> 天地玄黄"), "{md}");
}
