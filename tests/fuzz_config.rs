//! Fuzz target: config parsing.
//!
//! The embedded default file and the valid fixtures, mutated line by line (values swapped for
//! hostile ones, keys renamed, lines cut, duplicated or moved), plus random TOML-ish text. A
//! config either parses or comes back as errors; every error displays as one line without a
//! control character; a config that parses gives layout params, heading rules and keys the
//! reader can use at any terminal size. See `fuzz_support` for long runs.

use crate::fuzz_support::{config, raw_control};
use kanshu::config::{Config, DEFAULT_TOML};
use kanshu::document::Format;
use kanshu::document::chapters::{RuleBudget, split_within};
use kanshu::layout::{BookLayout, LayoutParams};
use kanshu::{Document, Position};
use proptest::prelude::*;
use std::time::Duration;

const FIXTURES: [&str; 8] = [
    DEFAULT_TOML,
    include_str!("configs/valid/chapter_rules.toml"),
    include_str!("configs/valid/cjk_comments.toml"),
    include_str!("configs/valid/inline_and_dotted.toml"),
    include_str!("configs/valid/layout.toml"),
    include_str!("configs/valid/remap_keys.toml"),
    include_str!("configs/valid/themes.toml"),
    include_str!("configs/valid/bom.toml"),
];

/// Values a hostile or careless config could hold.
const VALUES: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "65535",
    "65536",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "1e309",
    "nan",
    "inf",
    "-inf",
    "0.5",
    "true",
    "false",
    "\"\"",
    "\"auto\"",
    "\"on\"",
    "\"\\u001b]0;pwn\\u0007\"",
    "\"\\u009b2J\"",
    "\"a\\nb\"",
    "\"#zzzzzz\"",
    "\"#fff\"",
    "\"rgb(1,2,3)\"",
    "\"[\"",
    "\"(a*)*b\"",
    "\"(?=x)\"",
    "\"^第.{1,9}话\"",
    "\"C-x C-c\"",
    "\"<esc>\"",
    "\"ctrl-alt-shift-super-F99\"",
    "\"klingon-8\"",
    "[]",
    "[1, \"a\"]",
    "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
    "{}",
    "{ a = 1 }",
    "{ pattern = \"^x\", level = 99 }",
    "1979-05-27T07:32:00Z",
    "'''\nmulti\nline'''",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Replace the value of line `n` (if it has one).
    Value(usize, &'static str),
    /// Rename the key of line `n`.
    Key(usize, String),
    Delete(usize),
    Duplicate(usize),
    Cut(usize, usize),
    Insert(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop_oneof![
        Just("[layout]".to_string()),
        Just("[keys.reader]".to_string()),
        Just("[[chapters.rules]]".to_string()),
        Just("[theme]".to_string()),
        Just("[\u{1b}]".to_string()),
        Just("[layout.layout.layout]".to_string()),
        Just("layout = 1".to_string()),
        Just("\"\\u001b[2J\" = \"quit\"".to_string()),
        Just("max_width = 0".to_string()),
        Just("margin_x = 99999".to_string()),
        Just("margin_y = 99999".to_string()),
        Just("gutter = 18446744073709551615".to_string()),
        Just("indent = 65536".to_string()),
        Just("line_spacing = 255".to_string()),
        "[a-z_\\.]{1,12} = [0-9a-z\"]{0,8}",
        ".{0,30}",
    ];
    prop_oneof![
        (any::<usize>(), prop::sample::select(VALUES)).prop_map(|(n, v)| Edit::Value(n, v)),
        (any::<usize>(), "[a-z_]{1,10}|\"[^\"]{0,6}\"").prop_map(|(n, k)| Edit::Key(n, k)),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(n, at)| Edit::Cut(n, at)),
        (any::<usize>(), insert).prop_map(|(n, s)| Edit::Insert(n, s)),
    ]
}

fn apply(lines: &mut Vec<String>, e: &Edit) {
    let len = lines.len();
    if len == 0 {
        if let Edit::Insert(_, s) = e {
            lines.push(s.clone());
        }
        return;
    }
    match e {
        Edit::Value(n, v) => {
            let l = &mut lines[n % len];
            if let Some(eq) = l.find('=') {
                l.truncate(eq + 1);
                l.push(' ');
                l.push_str(v);
            }
        }
        Edit::Key(n, k) => {
            let l = &mut lines[n % len];
            if let Some(eq) = l.find('=') {
                *l = format!("{k} {}", &l[eq..]);
            }
        }
        Edit::Delete(n) => {
            lines.remove(n % len);
        }
        Edit::Duplicate(n) => {
            let l = lines[n % len].clone();
            lines.insert(n % len, l);
        }
        Edit::Cut(n, at) => {
            let l = &mut lines[n % len];
            let mut at = at % (l.len() + 1);
            while !l.is_char_boundary(at) {
                at -= 1;
            }
            l.truncate(at);
        }
        Edit::Insert(n, s) => lines.insert(n % (len + 1), s.clone()),
    }
}

const BOOK: &str = "《书》\n第一章 开始\n　　天色渐晚，“山路”上只剩下他一个人……\n\nCHAPTER 2\n\nIt was a dark night.\n# 第三章\n正文。\n";

/// A config that parsed must be usable: params at every size, rules, a layout of a book.
fn use_config(cfg: &Config) {
    let rules = cfg.chapters.rule_set();
    let doc = Document::from_text_with_rules(BOOK.into(), "book", Format::Text, &rules);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 2),
        (10, 3),
        (80, 24),
        (400, 120),
        (usize::MAX, usize::MAX),
    ] {
        let params: LayoutParams = cfg.layout.params(w, h);
        assert!(params.width >= 2 && params.height >= 1);
        let mut layout = BookLayout::for_document(
            &doc,
            LayoutParams {
                // A terminal is never wider than u16 cells.
                width: params.width.min(usize::from(u16::MAX)),
                height: params.height.min(usize::from(u16::MAX)),
                ..params
            },
        );
        for i in 0..doc.chapters.len() {
            let _ = layout.chapter(&doc, i);
        }
        let _ = layout.locate(&doc, Position::new(1, 5));
    }
    let _ = cfg.book.load_options(None);
}

fn check(text: &str) {
    match Config::from_user_toml(text, "config.toml") {
        Ok(cfg) => use_config(&cfg),
        Err(errors) => {
            assert!(!errors.is_empty());
            for shown in
                std::iter::once(errors.to_string()).chain(errors.iter().map(|e| e.to_string()))
            {
                assert_eq!(raw_control(&shown), None, "{shown:?}");
                assert!(!shown.contains('\n'), "one line: {shown:?}");
                assert!(
                    shown.starts_with("config.toml"),
                    "names the file: {shown:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn mutated_configs(
        which in 0..FIXTURES.len(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let mut lines: Vec<String> = FIXTURES[which].lines().map(str::to_string).collect();
        for e in &edits {
            apply(&mut lines, e);
        }
        check(&lines.join("\n"));
    }

    #[test]
    fn random_text(text in prop_oneof![
        ".{0,200}",
        "[\\[\\]a-z_=\"\\. 0-9\n#{},'\\\\]{0,200}",
    ]) {
        check(&text);
    }
}

/// Keymaps far larger than anyone writes and heading patterns of every cost: each is checked
/// in bounded time (the shadowing check was quadratic), and a costly pattern is refused, not
/// run on every line of a book.
fn keymap_and_patterns() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec!["a", "g", "ctrl-x", "f5", "space", "G", "<", "ä", "中"]);
    let action = prop::sample::select(vec!["quit", "none", "next_page", "top", "nope"]);
    let binding = (prop::collection::vec(key, 1..4), action)
        .prop_map(|(keys, action)| format!("\"{}\" = \"{action}\"\n", keys.join(" ")));
    let pattern = prop_oneof![
        Just(r"\B.{1,400}\BZ".to_string()),
        // Within the size limit and still slow on CJK lines: bounded by the time budget.
        Just(r"\B.{1,200}\BZ".to_string()),
        Just(r"\B\w{1,60}\B.{1,60}Z".to_string()),
        Just(r"\w{1,100}".to_string()),
        Just(r"(a{1000}){1000}".to_string()),
        Just(r"^第.{1,20}章".to_string()),
        (1u32..800).prop_map(|n| format!(".{{1,{n}}}")),
        (1u32..80).prop_map(|n| format!("^(?:x|y|.){{{n}}}$")),
    ];
    (
        prop::collection::vec(binding, 0..40),
        0usize..3000,
        prop::collection::vec(pattern, 0..3),
    )
        .prop_map(|(bindings, bulk, patterns)| {
            let mut text = String::from("[keys.reader]\n");
            text.extend(bindings);
            text.extend((0..bulk).map(|i| format!("\"g {}\" = \"top\"\n", i % 10)));
            for p in patterns {
                text.push_str(&format!("[[chapters.rules]]\npattern = '{p}'\n"));
            }
            text
        })
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn huge_keymaps_and_costly_patterns(text in keymap_and_patterns()) {
        let start = std::time::Instant::now();
        check(&text);
        // Generous: a checked config of a few thousand lines takes milliseconds.
        prop_assert!(start.elapsed() < std::time::Duration::from_secs(20));
        if let Ok(cfg) = Config::from_user_toml(&text, "config.toml") {
            // Whatever was accepted is cheap enough to compile within the limit.
            for r in &cfg.chapters.rules {
                prop_assert!(r.regex().is_ok(), "{}", r.pattern);
            }
            prop_assert!(cfg.keys.bindings(kanshu::keys::Mode::Reader).len() <= 1000 + 100);
            // Run on a book with no time at all, the accepted rules are stopped at once and
            // named, and the built-in rules still cut the whole book into chapters.
            let book = BOOK.repeat(40);
            let split = split_within(&book, "book", &cfg.chapters.rule_set(), false, RuleBudget(Duration::ZERO));
            match (&split.stopped, cfg.chapters.rules.is_empty()) {
                (None, true) => {}
                (Some(s), false) => prop_assert!(
                    cfg.chapters.rules.iter().any(|r| r.name == s.rule),
                    "{s:?}"
                ),
                (s, _) => prop_assert!(false, "stopped {s:?} with {} rules", cfg.chapters.rules.len()),
            }
            prop_assert_eq!(split.chapters.last().map(|c| c.range.end), Some(book.len()));
        }
    }
}

#[test]
fn every_fixture_as_it_is() {
    for f in FIXTURES {
        check(f);
    }
}
