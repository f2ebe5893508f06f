//! The document model's promises to the rest of kanshu, checked on the library API:
//! chapters never empty, ranges tile the text on char boundaries, heading chapters start at
//! their heading line, positions round-trip, control characters are kept and counted.

use kanshu::document::{Format, LoadOptions, RuleSet, chapters};
use kanshu::{Document, Position};
use proptest::prelude::*;

fn check_invariants(doc: &Document) {
    assert!(!doc.chapters.is_empty());
    let mut at = 0;
    for c in &doc.chapters {
        assert_eq!(c.range.start, at, "ranges tile the text");
        assert!(c.range.end >= c.range.start);
        assert!(doc.text.is_char_boundary(c.range.start));
        assert!(doc.text.is_char_boundary(c.range.end));
        assert!((1..=6).contains(&c.level));
        if c.heading {
            // Its first non-blank line is the heading (a title may go on to the next line).
            let first = doc.text[c.range.clone()]
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let bare = c.title.as_str();
            assert!(
                first.contains(bare) || (!first.is_empty() && bare.starts_with(first)),
                "`{first}` is the heading `{}`",
                c.title
            );
        }
        at = c.range.end;
    }
    assert_eq!(at, doc.text.len());
    assert!(!doc.text.contains('\r'));
    assert!(!doc.text.starts_with('\u{FEFF}'));
}

#[test]
fn empty_book_has_one_empty_chapter() {
    let doc = Document::from_bytes(b"", "empty", &LoadOptions::default()).unwrap();
    assert_eq!(doc.chapters.len(), 1);
    assert_eq!(doc.chapters[0].range, 0..0);
    assert_eq!(doc.chapter_text(0), "");
    assert_eq!(doc.title, "empty");
    assert_eq!(doc.rule, "none");
    check_invariants(&doc);
}

#[test]
fn text_is_kept_once_with_lf_line_ends() {
    let bytes = "\u{FEFF}第一章 甲\r\n正文。\r第二章 乙\r\n".as_bytes();
    let doc = Document::from_bytes(bytes, "x", &LoadOptions::default()).unwrap();
    assert_eq!(doc.text, "第一章 甲\n正文。\n第二章 乙\n");
    assert_eq!(doc.chapter_text(1), "第二章 乙\n");
    assert_eq!(doc.source_bytes, bytes.len());
    check_invariants(&doc);
}

#[test]
fn control_characters_are_kept_and_counted() {
    let doc = Document::from_text("第一章\n\u{1b}]0;title\u{7}\u{7f}\u{85}\n".into(), "x");
    assert!(doc.text.contains('\u{1b}'));
    assert_eq!(doc.control_chars, 4);
    assert_eq!(kanshu::document::visible("a\u{1b}b"), "a\u{FFFD}b");
}

#[test]
fn positions_round_trip() {
    let doc = Document::from_text("前言\n第一章 甲\n正文。\n第二章 乙\n正文。\n".into(), "x");
    for byte in 0..=doc.text.len() {
        if !doc.text.is_char_boundary(byte) {
            continue;
        }
        let pos = doc.position_of(byte);
        assert_eq!(doc.offset_of(pos), byte, "{pos:?}");
    }
    assert_eq!(doc.position_of(0), Position::START);
}

#[test]
fn binary_and_unknown_encoding_errors() {
    let err = Document::from_bytes(
        b"\x00\x01\x02\x03binary\x00\xff\xfe",
        "b",
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, kanshu::LoadError::Binary { .. }));
    let opts = LoadOptions {
        encoding: Some("no-such".into()),
        ..LoadOptions::default()
    };
    let err = Document::from_bytes(b"abc", "b", &opts).unwrap_err();
    assert!(err.to_string().contains("unknown encoding `no-such`"));
}

#[test]
fn rules_are_data_and_can_be_extended() {
    // A family the built-ins do not know: "Episode N" lines.
    let mut rules = RuleSet::builtin().clone();
    rules.families.push(kanshu::document::RuleFamily {
        name: "episodes".into(),
        rules: vec![kanshu::document::HeadingRule::new("episode", r"^Episode \d+$", 1).unwrap()],
        markdown: false,
    });
    let text = "Episode 1\nwords\nEpisode 2\nwords\n".to_string();
    let doc = Document::from_text_with_rules(text.clone(), "x", Format::Text, &rules);
    assert_eq!(doc.rule, "episodes");
    assert_eq!(doc.chapters.len(), 2);
    // The same through the helpers the config uses.
    let family =
        kanshu::document::RuleFamily::from_patterns("ep", &[(r"^Episode \d+$", 1)]).unwrap();
    let rules = RuleSet::with_families([family]);
    let doc = Document::from_text_with_rules(text, "x", Format::Text, &rules);
    assert_eq!(doc.rule, "ep");
    assert!(kanshu::document::RuleFamily::from_patterns("bad", &[("(", 1)]).is_err());
}

/// Lines a generated book is made of: headings, traps, paragraphs, blanks, odd line ends.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("第一章 开始".to_string()),
        Just("第十二卷 远方".to_string()),
        Just("卷三".to_string()),
        Just("楔子".to_string()),
        Just("CHAPTER IV.".to_string()),
        Just("## Notes".to_string()),
        Just("标题【篇二】".to_string()),
        Just("第一次见面的时候，他还小。".to_string()),
        Just("一是产业兴旺。".to_string()),
        Just("".to_string()),
        Just("　　".to_string()),
        Just("\u{1b}[31m红\u{9b}".to_string()),
        "[a-z ]{0,30}",
        "[\u{4e00}-\u{4e80}，。]{0,40}",
        ".{0,60}",
    ]
}

proptest! {
    #![proptest_config(crate::fuzz_support::props(128))]

    #[test]
    fn any_bytes_open_or_are_refused_without_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        label in prop::sample::select(vec![None, Some("gbk"), Some("big5"), Some("utf-16be"), Some("x")]),
    ) {
        let opts = LoadOptions {
            encoding: label.map(str::to_string),
            ..LoadOptions::default()
        };
        if let Ok(doc) = Document::from_bytes(&bytes, "b", &opts) {
            check_invariants(&doc);
        }
    }

    #[test]
    fn any_book_keeps_the_invariants(
        lines in prop::collection::vec(line(), 0..60),
        crlf in any::<bool>(),
        md in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let text = lines.join(nl);
        let format = if md { Format::Markdown } else { Format::Text };
        let expect = text.strip_prefix('\u{FEFF}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
        let doc = Document::from_text_as(text.clone(), "book", format);
        check_invariants(&doc);
        prop_assert_eq!(&doc.text, &expect);
        // Through the decoder too, unless a NUL makes it a binary file.
        if let Ok(doc) = Document::decode(text.as_bytes(), "book", &LoadOptions::default(), format) {
            check_invariants(&doc);
            prop_assert_eq!(&doc.text, &expect);
        } else {
            prop_assert!(text.contains('\0'));
        }
    }

}

proptest! {
    #![proptest_config(crate::fuzz_support::props(16))]

    #[test]
    fn a_long_chapter_is_one_chapter(reps in 1usize..40, heading in any::<bool>()) {
        let para = "　　很长的一段话，没有什么特别的意思，只是为了让这一章变得非常非常长。\n";
        let mut text = String::new();
        if heading {
            text.push_str("第一章 长\n");
        }
        text.push_str(&para.repeat(reps * 150));
        let doc = Document::from_text(text, "长书");
        check_invariants(&doc);
        // A chapter is what the book says: one heading, one chapter, however long. A book
        // without headings is cut into navigation parts of about `PART_BYTES`.
        if heading {
            prop_assert_eq!(doc.chapters.len(), 1);
            prop_assert_eq!(doc.chapters[0].title.as_str(), "第一章 长");
        } else {
            for c in &doc.chapters {
                prop_assert!(c.range.len() <= chapters::PART_BYTES * 4);
            }
            prop_assert_eq!(doc.chapters.len() > 1, doc.text.len() > chapters::PART_BYTES * 5 / 4);
        }
    }
}
