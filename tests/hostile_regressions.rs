//! Every crash or unsafe output the fuzz targets and the hostile matrix found, kept as a test
//! with the smallest input that showed it.

use kanshu::{Document, Position};

/// A position from a damaged state file (huge offset) made `offset_of` overflow; a position in
/// the middle of a character must come back on a character boundary.
#[test]
fn offset_of_a_wild_position() {
    let doc = Document::from_text("\u{202e}\n第一章 开始\n正文。\n".into(), "book");
    for (i, c) in doc.chapters.iter().enumerate() {
        assert_eq!(doc.offset_of(Position::new(i, usize::MAX)), c.range.end);
        for offset in 0..=c.range.len() + 2 {
            let at = doc.offset_of(Position::new(i, offset));
            assert!(doc.text.is_char_boundary(at), "{i}:{offset} → {at}");
            assert!(c.range.start <= at && at <= c.range.end);
        }
    }
    assert_eq!(
        doc.offset_of(Position::new(usize::MAX, usize::MAX)),
        doc.text.len()
    );
}

/// A text saved twice by tools that add a BOM starts with two; the second one stayed in the
/// text (and in the first chapter's title).
#[test]
fn two_leading_boms_are_both_dropped() {
    let doc = Document::from_text("\u{feff}\u{feff}".into(), "book");
    assert_eq!(doc.text, "");
    let bytes = "\u{feff}\u{feff}《书》\n第一章 开始\n".as_bytes();
    let doc = Document::from_bytes(bytes, "book", &Default::default()).unwrap();
    assert!(!doc.text.starts_with('\u{feff}'));
    assert_eq!(doc.title, "书");
}

/// A config key or value written with TOML escapes (`"\u001b]0;…\u0007"`) came back in the
/// error message raw: on stderr, and in the reader's status bar.
#[test]
fn config_errors_quote_keys_and_values_safely() {
    let text =
        "[layout]\n\"\\u001b]0;pwn\\u0007\\nx\" = 1\nparagraph_mode = \"\\u001b[2J\\u009b\"\n";
    let errors = kanshu::config::Config::from_user_toml(text, "a\u{1b}[2J.toml").unwrap_err();
    assert_eq!(errors.len(), 2);
    for shown in std::iter::once(errors.to_string()).chain(errors.iter().map(|e| e.to_string())) {
        assert!(
            !shown.chars().any(|c| c.is_control()),
            "raw control in {shown:?}"
        );
        assert!(shown.contains("pwn") || shown.contains("2J"), "{shown}");
    }
}

/// `kanshu toc` and `kanshu info` printed a heading's bidi override as it was, so the terminal
/// showed the rest of the line reversed (and a title could pose as another).
#[test]
fn headings_with_bidi_overrides_print_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bidi.txt");
    std::fs::write(
        &book,
        "第一章 \u{202e}txet desrever\u{202c}\n正文。\n第二章 \u{2066}隔离\u{2069}\u{2028}\n正文。\n",
    )
    .unwrap();
    for args in [&["toc"][..], &["info"]] {
        let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_kanshu"))
            .args(args)
            .arg(&book)
            .env("KANSHU_CONFIG_DIR", dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(kanshu::document::normalize::is_reordering),
            "{args:?} printed a reordering character: {text:?}"
        );
        if args == ["toc"] {
            assert!(
                text.contains("第一章 \u{FFFD}txet desrever\u{FFFD}"),
                "{text}"
            );
        }
    }
}
