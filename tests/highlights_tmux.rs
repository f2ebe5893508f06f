//! Highlights and notes end to end in a real terminal (tmux): a book whose highlights were made
//! through the store opens with a ✎ beside the line where a note ends; `H` lists them, Enter
//! jumps; `r` edits a note in the popup and Ctrl-g in `$EDITOR` (the terminal is handed over
//! and taken back), and both notes are in `kanshu notes --markdown`; `d` deletes and `u`
//! brings back; reopened at another width, the mark is still beside the same words.
//! Skipped (with a note) where tmux is not installed, failed there under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::tmux::{Tmux, quote};

fn open(tmux: &Tmux, config: &Path, editor: &Path, book: &Path) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} VISUAL= EDITOR={} {} {}; echo kanshu-exit=$?",
        quote(config),
        quote(editor),
        quote(&bin),
        quote(book)
    ));
    tmux.wait_for("the book", |s| s.contains("三國演義"));
}

fn markdown(config: &Path, book: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kanshu"))
        .args(["notes", "--markdown"])
        .arg(book)
        .env("KANSHU_CONFIG_DIR", config)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `screen` that holds `words`.
fn line_with<'a>(screen: &'a str, words: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(words))
        .unwrap_or_else(|| panic!("no line with {words}:\n{screen}"))
}

#[test]
fn list_jump_edit_delete_and_the_mark_after_reopening() {
    let Some(tmux) = Tmux::start("highlights", 100, 30) else {
        return;
    };
    let (tmp, config, book) = crate::ui_highlights::highlighted();
    // An editor that writes a note of its own over the file it is given.
    let editor = tmp.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf '寫在編輯器裡\\n' > \"$1\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    open(&tmux, &config, &editor, &book);

    // The note's mark beside the line where its highlight ends.
    tmux.keys(&["]"]);
    let screen = tmux.wait_for("chapter one", |s| s.contains("話說天下大勢"));
    assert!(
        line_with(&screen, "合久必分").trim_end().ends_with('✎'),
        "{screen}"
    );

    // H lists; Enter on the last jumps to 第二回.
    tmux.keys(&["H"]);
    tmux.wait_for("the list", |s| s.contains("Highlights and notes (3)"));
    tmux.keys(&["G", "Enter"]);
    tmux.wait_for("the jump to 第二回", |s| {
        !s.contains("Highlights and notes") && s.contains("且說董卓字仲穎")
    });

    // r edits the second highlight's note in the popup; Ctrl-s saves it.
    tmux.keys(&["H", "g", "j", "r"]);
    tmux.wait_for("the editor", |s| {
        s.contains("Note ·") && s.contains("Ctrl-s save")
    });
    tmux.literal("桃園三結義");
    tmux.keys(&["Enter"]);
    tmux.literal("three men");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the note saved", |s| s.contains("note saved"));
    let md = markdown(&config, &book);
    assert!(
        md.contains("> 焚香再拜，對天盟誓\n\n桃園三結義\\\nthree men\n"),
        "{md}"
    );

    // Ctrl-g hands the note to $EDITOR, and the reader comes back.
    tmux.keys(&["g", "r"]);
    tmux.wait_for("the editor", |s| s.contains("Ctrl-g $EDITOR"));
    tmux.keys(&["C-g"]);
    tmux.wait_for("the list again", |s| {
        s.contains("note saved") && s.contains("Highlights and notes (3)")
    });
    assert_eq!(tmux.display("#{alternate_on}"), "1");
    let md = markdown(&config, &book);
    assert!(
        md.contains("> 分久必合，合久必分\n\n寫在編輯器裡\n"),
        "{md}"
    );

    // d deletes, u brings back.
    tmux.keys(&["d"]);
    tmux.wait_for("the delete", |s| {
        s.contains("Highlights and notes (2)") && s.contains("u undoes")
    });
    tmux.keys(&["u"]);
    tmux.wait_for("the undo", |s| {
        s.contains("Highlights and notes (3)") && s.contains("highlight restored")
    });

    // Quit; reopened at another width, the mark is beside the same words.
    tmux.keys(&["q", "q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
    tmux.line("clear");
    tmux.resize(64, 24);
    open(&tmux, &config, &editor, &book);
    tmux.keys(&["g", "]"]);
    let screen = tmux.wait_for("chapter one", |s| s.contains("話說天下大勢"));
    let marked: Vec<&str> = screen
        .lines()
        .filter(|l| l.trim_end().ends_with('✎'))
        .collect();
    assert_eq!(marked.len(), 2, "{screen}");
    assert!(marked[0].contains("合久必分"), "{screen}");
    assert!(marked[1].contains("盟誓"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}
