//! End to end in tmux: what the reader acts on is what the reader sees. Search through the
//! clean view, the contents filter across scripts, chapter numbers as the book prints them, `q`
//! and typed letters in the contents, and the last page at 100%.

use std::path::{Path, PathBuf};

use crate::common::tmux::{Tmux, quote};

fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// Start kanshu on `book` in a fresh tmux and wait for its first page.
fn open(tag: &str, book: &Path, config: &Path) -> Option<Tmux> {
    let tmux = Tmux::start(tag, 100, 30)?;
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(config),
        quote(&bin),
        quote(book)
    ));
    tmux.wait_for("the first page", |s| status(s).contains('%'));
    Some(tmux)
}

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

#[test]
fn clean_view_search_finds_what_the_page_shows() {
    let config = tempfile::tempdir().unwrap();
    let Some(tmux) = open("clean-search", &seed(), config.path()) else {
        return;
    };
    tmux.keys(&["C"]);
    tmux.wait_for("the clean view", |s| status(s).contains("clean view"));
    tmux.keys(&["/"]);
    tmux.literal("鄉村");
    let screen = tmux.wait_for("a match of 鄉村", |s| status(s).contains("match 1 of"));
    assert!(!status(&screen).contains("no match"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.keys(&["n"]);
    tmux.wait_for("the second match", |s| status(s).contains("match 2 of"));
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}

#[test]
fn the_contents_filter_finds_traditional_titles_from_simplified() {
    let config = tempfile::tempdir().unwrap();
    let Some(tmux) = open("toc-filter", &seed(), config.path()) else {
        return;
    };
    tmux.keys(&["t"]);
    tmux.wait_for("the contents", |s| s.contains("Contents (8)"));
    tmux.literal("坚守");
    let screen = tmux.wait_for("the filter", |s| s.contains("/坚守"));
    assert!(screen.contains("堅守"), "{screen}");
    assert!(!screen.contains("no chapter matches"), "{screen}");
    // q closes the contents (it does not quit), whatever was typed.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter cleared", |s| s.contains("Contents (8)"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the contents closed", |s| !s.contains("Contents"));
    tmux.keys(&["t"]);
    tmux.wait_for("the contents", |s| s.contains("Contents (8)"));
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the contents closed by q", |s| !s.contains("Contents"));
    assert!(
        !screen.contains("kanshu-exit"),
        "q quit the reader: {screen}"
    );
    assert!(status(&screen).contains('%'), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}

#[test]
fn colon_37_goes_to_the_chapter_the_book_calls_37() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("《归途》\n\n作者：某人\n\n");
    for n in 1..=40 {
        text.push_str(&format!("第{n}章 山路{n}\n"));
        for l in 0..30 {
            text.push_str(&format!("　　第{n}章的第{l}行，山路弯弯，走了很久很久。\n"));
        }
    }
    let book = dir.path().join("book.txt");
    std::fs::write(&book, text).unwrap();
    let Some(tmux) = open("colon-37", &book, dir.path()) else {
        return;
    };
    tmux.keys(&[":"]);
    tmux.literal("37");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("chapter 37", |s| status(s).contains("第37章"));
    assert!(screen.contains("第37章 山路37"), "{screen}");
    // The last page of the book reads 100%.
    tmux.keys(&["G"]);
    let screen = tmux.wait_for("the end of the book", |s| status(s).contains("第40章"));
    assert!(status(&screen).ends_with("100%"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}

#[test]
fn typing_in_an_english_books_contents_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("A Tale\n\n");
    let names = ["The Road", "A Storm", "Home Again", "The End"];
    for (n, name) in names.iter().enumerate() {
        text.push_str(&format!("CHAPTER {}\n{name}\n\n", n + 1));
        for _ in 0..40 {
            text.push_str("They walked on through the hills and said very little.\n\n");
        }
    }
    let book = dir.path().join("tale.txt");
    std::fs::write(&book, text).unwrap();
    let Some(tmux) = open("english-toc", &book, dir.path()) else {
        return;
    };
    let first_line = |s: &str| s.lines().next().unwrap_or("").to_string();
    let before = first_line(&tmux.capture());
    tmux.keys(&["t"]);
    tmux.wait_for("the contents", |s| s.contains("Contents"));
    tmux.literal("the");
    let screen = tmux.wait_for("the filter", |s| s.contains("/the"));
    assert!(
        screen.contains("The Road") && screen.contains("The End"),
        "{screen}"
    );
    assert!(!screen.contains("A Storm"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter cleared", |s| !s.contains("/the"));
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("the contents closed", |s| !s.contains("Contents"));
    // Typing turned no page.
    assert_eq!(first_line(&screen), before);
    tmux.keys(&["V"]);
    let screen = tmux.wait_for("why V does nothing", |s| status(s).contains("vertical"));
    assert!(status(&screen).contains("not this book"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}
