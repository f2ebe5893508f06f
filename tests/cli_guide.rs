//! The built-in guide: `kanshu --guide`, and a bare `kanshu` with no reading history.

use assert_cmd::Command;
use kanshu::Document;

fn kanshu(config: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

#[test]
fn guide_flag_and_no_history_open_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let with_flag = kanshu(dir.path()).arg("--guide").output().unwrap();
    assert!(with_flag.status.success());
    let text = String::from_utf8(with_flag.stdout).unwrap();
    assert!(text.contains("使用指南"), "{text}");
    assert!(text.contains("第一章 翻页"), "{text}");
    let bare = kanshu(dir.path()).output().unwrap();
    assert!(bare.status.success());
    assert_eq!(String::from_utf8(bare.stdout).unwrap(), text);
}

#[test]
fn guide_is_a_real_book_with_volumes_and_an_english_part() {
    let doc = Document::guide();
    assert_eq!(doc.rule, "markdown");
    assert!(doc.title.contains("kanshu"));
    // Front matter, then volumes (level 1) holding chapters (level 2).
    assert!(!doc.chapters[0].heading);
    let volumes: Vec<_> = doc
        .chapters
        .iter()
        .filter(|c| c.level == 1 && c.heading)
        .collect();
    assert!(volumes.len() >= 3, "{volumes:?}");
    let chapters = doc.chapters.iter().filter(|c| c.level == 2).count();
    assert!(chapters >= 8);
    assert!(doc.chapters.iter().any(|c| c.title.starts_with("Chapter ")));
    // CJK paragraphs with the two-character indent.
    assert!(doc.text.contains("\n　　"));
}

#[test]
fn guide_teaches_every_key() {
    let text = Document::guide().text;
    for key in [
        "Space", "PageDown", "PageUp", "f", "b", "j", "k", "n", "p", "]", "[", "g", "Home", "G",
        "End", ":42", ":37%", "Ctrl-o", "Ctrl-i", "t", "Tab", "/", "?", "N", "m", "'", "B", "L",
        "q", "→", "←", "↓", "↑",
    ] {
        assert!(text.contains(key), "{key}");
    }
    for words in [
        "next page",
        "previous page",
        "table of contents",
        "bookmark",
        "quit",
        "help",
    ] {
        assert!(text.contains(words), "{words}");
    }
}

/// The guide teaches keys in prose; the keys it names for help and jumping must be the ones the
/// reader really binds.
#[test]
fn the_guide_names_the_keys_the_reader_binds() {
    use kanshu::keys::Action;
    use kanshu::keys::{Key, Mode};
    let guide = include_str!("../assets/guide.md");
    let keymap = &kanshu::config::Config::defaults().keys;
    for (name, action) in [
        ("F1", Action::Help),
        ("ctrl-o", Action::JumpBack),
        ("ctrl-n", Action::JumpForward),
    ] {
        let key = Key::parse(name).unwrap();
        assert_eq!(keymap.lookup(Mode::Reader, key), Some(&action), "{name}");
    }
    assert!(guide.contains("Press F1 at any time"));
    assert!(guide.contains("Ctrl-n jumps forward"));
    assert!(!guide.contains("Press ? at any time"));
}

/// The guide quotes 戰(zhàn) as an example (in code): that is no scrape leftover, so opening it
/// shows the key hint, not the clean-view offer; the same words outside code still get it.
#[test]
fn the_guide_does_not_offer_to_clean_its_own_examples() {
    let mut app = kanshu::app::App::new(kanshu::formats::guide(), 80, 24);
    assert!(!app.offer_clean_view());
    let doc = kanshu::formats::markdown::document("# 题\n\n戰(zhàn)爭與和平。\n", "t");
    let mut app = kanshu::app::App::new(doc, 80, 24);
    assert!(app.offer_clean_view());
}
