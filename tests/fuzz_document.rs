//! Fuzz target: decoding and chapter detection.
//!
//! Random bytes, the seed article in several encodings with random mutations (flipped bytes,
//! inserted headings and escape sequences, cuts, deletions, duplications), and random
//! book-shaped text. A book either opens or is refused with an error; when it opens, the
//! document keeps its invariants and whatever the headless commands print from it holds no raw
//! control character. See `fuzz_support` for case counts and long runs.

use crate::fuzz_support::{HOSTILE, book, config, raw_control};
use kanshu::cli::{info::Info, toc};
use kanshu::document::{Format, LoadOptions, RuleFamily, RuleSet};
use kanshu::{Document, Position};
use proptest::prelude::*;

const SEED: &str = include_str!("fixtures/seed.txt");

/// Everything the rest of kanshu relies on, and everything printed from it is terminal-safe.
fn check(doc: &Document) {
    assert!(!doc.chapters.is_empty(), "a book has a chapter");
    let mut at = 0;
    for (i, c) in doc.chapters.iter().enumerate() {
        assert_eq!(c.range.start, at, "chapter {i} starts where the last ended");
        assert!(c.range.start <= c.range.end);
        assert!(doc.text.is_char_boundary(c.range.start));
        assert!(doc.text.is_char_boundary(c.range.end));
        assert!((1..=6).contains(&c.level), "level {}", c.level);
        at = c.range.end;
    }
    assert_eq!(at, doc.text.len(), "chapters cover the text");
    assert!(!doc.text.contains('\r'));
    assert!(!doc.text.starts_with('\u{feff}'));
    assert_eq!(
        doc.control_chars,
        doc.text
            .chars()
            .filter(|&c| raw_control(&c.to_string()).is_some())
            .count()
    );
    // Positions round-trip at chapter starts and ends, and odd positions do not panic.
    for (i, c) in doc.chapters.iter().enumerate() {
        if !c.range.is_empty() {
            assert_eq!(doc.position_of(c.range.start), Position::new(i, 0));
        }
        assert_eq!(doc.offset_of(Position::new(i, 0)), c.range.start);
        assert_eq!(doc.offset_of(Position::new(i, usize::MAX)), c.range.end);
    }
    let _ = doc.offset_of(Position::new(usize::MAX, usize::MAX));
    let _ = doc.position_of(usize::MAX);
    let _ = doc.chapter_text(usize::MAX);
    // What `toc`, `toc --json` and `info` print.
    let printed = [
        toc::text(doc),
        toc::to_json(&toc::entries(doc)).unwrap(),
        Info::of(doc, "book.txt").text(),
        toc::to_json(&Info::of(doc, "book.txt")).unwrap(),
    ];
    for out in printed {
        assert_eq!(raw_control(&out), None, "raw control in {out:?}");
    }
}

fn open(bytes: &[u8], label: Option<&str>, format: Format) -> Option<Document> {
    let opts = LoadOptions {
        encoding: label.map(str::to_string),
        ..LoadOptions::default()
    };
    let doc = Document::decode(bytes, "book", &opts, format).ok()?;
    check(&doc);
    Some(doc)
}

/// The seed in one of the encodings real books arrive in.
fn encoded_seed(which: usize, lines: std::ops::Range<usize>) -> Vec<u8> {
    let text: String = SEED
        .lines()
        .skip(lines.start)
        .take(lines.len())
        .map(|l| format!("{l}\n"))
        .collect();
    match which % 8 {
        0 => text.into_bytes(),
        1 => [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat(),
        2 => encoding_rs::GBK.encode(&text).0.into_owned(),
        3 => encoding_rs::BIG5.encode(&text).0.into_owned(),
        4 => encoding_rs::GB18030.encode(&text).0.into_owned(),
        5 => [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        6 => [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        _ => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
    }
}

/// One change to a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        prop::sample::select(HOSTILE).prop_map(|s| s.as_bytes().to_vec()),
        prop::sample::select(vec![
            "第九十九章 插入\n",
            "\n第一卷\n",
            "【篇八】\n",
            "# ",
            "\u{feff}",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(at, x)| Mutation::Flip(at, x)),
        (any::<usize>(), token).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1usize..200, any::<usize>())
            .prop_map(|(a, n, b)| Mutation::Duplicate(a, n, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    let at = |p: usize| if len == 0 { 0 } else { p % (len + 1) };
    match m {
        Mutation::Flip(p, x) if len > 0 => bytes[p % len] ^= x,
        Mutation::Flip(..) => {}
        Mutation::Insert(p, t) => {
            let p = at(*p);
            bytes.splice(p..p, t.iter().copied());
        }
        Mutation::Delete(p, n) => {
            let p = at(*p);
            let end = (p + n).min(len);
            bytes.drain(p..end);
        }
        Mutation::Duplicate(from, n, to) => {
            let from = at(*from);
            let chunk = bytes[from..(from + n).min(len)].to_vec();
            let to = at(*to);
            bytes.splice(to..to, chunk);
        }
        Mutation::Truncate(p) => bytes.truncate(at(*p)),
    }
}

const LABELS: [Option<&str>; 9] = [
    None,
    None,
    None,
    Some("utf-8"),
    Some("gbk"),
    Some("big5"),
    Some("utf-16"),
    Some("utf-16be"),
    Some("windows-1252"),
];

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn mutated_seed_in_every_encoding(
        which in 0usize..8,
        start in 0usize..100,
        count in 1usize..40,
        mutations in prop::collection::vec(mutation(), 0..10),
        label in prop::sample::select(LABELS.to_vec()),
        md in any::<bool>(),
    ) {
        let mut bytes = encoded_seed(which, start..start + count);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let format = if md { Format::Markdown } else { Format::Text };
        open(&bytes, label, format);
        // Unmutated, the seed always opens.
        if mutations.is_empty() && label.is_none() {
            prop_assert!(open(&encoded_seed(which, start..start + count), None, format).is_some());
        }
    }

    #[test]
    fn random_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        label in prop::sample::select(LABELS.to_vec()),
        threshold in prop::sample::select(vec![
            None, Some(0.0), Some(100.0), Some(-1.0), Some(f64::NAN), Some(f64::INFINITY), Some(1e300),
        ]),
    ) {
        let opts = LoadOptions {
            encoding: label.map(str::to_string),
            binary_threshold: threshold,
            ..LoadOptions::default()
        };
        if let Ok(doc) = Document::decode(&bytes, "book", &opts, Format::Text) {
            check(&doc);
        }
    }

    #[test]
    fn book_shaped_text(text in book(), md in any::<bool>(), gbk in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Text };
        let expect = text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
        let doc = Document::from_text_as(text.clone(), "book", format);
        check(&doc);
        prop_assert_eq!(&doc.text, &expect);
        if let Some(doc) = open(text.as_bytes(), None, format) {
            // With a NUL the bytes may read as UTF-16 (a few bytes of ASCII can be valid
            // UTF-16 CJK, e.g. "\0\nPROLOGUE"): only NUL-free text must come back unchanged.
            if !text.contains('\0') {
                prop_assert_eq!(&doc.text, &expect);
            }
        }
        if gbk {
            let (bytes, _, _) = encoding_rs::GBK.encode(&text);
            open(&bytes, None, format);
            open(&bytes, Some("gbk"), format);
        }
    }

    /// User heading rules (from the config) are arbitrary regexes: a bad one is an error, a
    /// good one never breaks the document.
    #[test]
    fn user_heading_rules(
        pattern in prop_oneof![
            Just("^第.{1,9}话".to_string()),
            Just("^(?:Part|PART) [0-9]+$".to_string()),
            Just("".to_string()),
            Just("^".to_string()),
            Just("$".to_string()),
            Just("(?m)^.*$".to_string()),
            Just(".*".to_string()),
            Just("\\n".to_string()),
            Just("[".to_string()),
            Just("(a*)*b".to_string()),
            Just("\\x{1b}".to_string()),
            "[\\^\\$\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\a第章0-9 ]{0,16}",
        ],
        level in 0u8..=9,
        text in book(),
    ) {
        if let Ok(family) = RuleFamily::from_patterns("user", &[(&pattern, level)]) {
            let rules = RuleSet::with_families([family]);
            let doc = Document::from_text_with_rules(text, "book", Format::Text, &rules);
            check(&doc);
        }
    }
}

/// UTF-8 text with damaged stretches: the guess stays UTF-8 and the damage is marked, whatever
/// the text, the place and the kind of damage (GBK, Latin-1 or random high bytes, a cut
/// character), as long as the book outweighs it.
fn damaged_utf8() -> impl Strategy<Value = (Vec<u8>, usize)> {
    let damage = prop_oneof![
        "[\u{4e00}-\u{4e80}]{1,20}".prop_map(|s| encoding_rs::GBK.encode(&s).0.into_owned()),
        "[a-zé-ü ]{1,30}".prop_map(|s| encoding_rs::WINDOWS_1252.encode(&s).0.into_owned()),
        prop::collection::vec(0x80u8..=0xFF, 1..24),
        Just("中".as_bytes()[..2].to_vec()),
    ];
    (
        100usize..SEED.len(),
        prop::collection::vec((any::<prop::sample::Index>(), damage), 1..6),
    )
        .prop_map(|(len, stretches)| {
            let end = (len..SEED.len())
                .find(|&i| SEED.is_char_boundary(i))
                .unwrap_or(SEED.len());
            let mut bytes = SEED.as_bytes()[..end].to_vec();
            let mut added = 0;
            for (at, d) in stretches {
                let at = at.index(bytes.len() + 1);
                added += d.len();
                bytes.splice(at..at, d);
            }
            (bytes, added)
        })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn damaged_utf8_stays_utf8((bytes, damage) in damaged_utf8()) {
        let valid = SEED.chars().filter(|c| c.len_utf8() > 1).count();
        // Only where the book outweighs the damage (a short start with a big stretch is
        // a different book).
        prop_assume!(bytes.len() > damage * 20 && valid > 0);
        let doc = Document::from_bytes(&bytes, "book", &LoadOptions::default()).unwrap();
        prop_assert_eq!(&doc.encoding, "UTF-8");
        check(&doc);
    }
}
