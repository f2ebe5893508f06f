//! Shared pieces of the `fuzz_*` targets: how many cases to run, hostile building blocks for
//! books, and the checks every target applies.
//!
//! The default case counts keep `cargo test` short. For a long run set `KANSHU_FUZZ_CASES`
//! (or proptest's own `PROPTEST_CASES`) and build in release, e.g.
//! `KANSHU_FUZZ_CASES=200000 cargo test --release --test suite fuzz_document::`.

#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

/// Proptest settings for a property test of `cases` cases that keeps its counterexamples: a
/// failure is saved (shrunk) beside the test file as `<file>.proptest-regressions`, and every
/// later run tries the saved cases first. Commit those files.
pub fn props(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// Proptest settings for a fuzz target: `default` cases unless the environment asks for more,
/// counterexamples kept as in `props`, no time limit per case.
pub fn config(default: u32) -> Config {
    let cases = ["KANSHU_FUZZ_CASES", "PROPTEST_CASES"]
        .iter()
        .find_map(|k| std::env::var(k).ok()?.parse().ok())
        .unwrap_or(default);
    Config {
        max_shrink_iters: 2000,
        ..props(cases)
    }
}

/// The first character a terminal must never receive raw (C0 except newline and tab, DEL,
/// C1), if any.
pub fn raw_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'))
}

/// Pieces of text that have broken readers: escape sequences, C1 controls, bidi controls,
/// joiners, combining marks, wide and ambiguous characters, odd whitespace.
pub const HOSTILE: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\u{1b}",
    "\u{9b}31m",
    "\u{85}",
    "\u{7f}",
    "\u{0}",
    "\u{8}",
    "\u{c}",
    "\r",
    "\r\n",
    "\t",
    "\u{b}",
    "\u{2028}",
    "\u{2029}",
    "\u{202e}",
    "\u{2067}",
    "\u{200f}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{301}",
    "\u{301}\u{302}\u{303}\u{304}",
    "\u{600}",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "🇨",
    "🏽",
    "1\u{fe0f}\u{20e3}",
    "中",
    "　",
    "“",
    "…",
    "——",
    "……",
    "「",
    "」",
    "，",
    "。",
    "ﾊ",
    "한",
    "\u{1160}",
    "\u{fffd}",
    " ",
    "  ",
    "\n",
    "\n\n",
    "x",
    "Word",
    "a-very-long-word-without-any-place-to-break-it",
];

/// Lines a book is made of: headings of every family, traps, prose, and hostile lines.
pub fn line() -> impl Strategy<Value = String> {
    let fixed: Vec<String> = [
        "第一章 开始",
        "第12章",
        "第一百二十回 大结局",
        "第二卷 风起",
        "卷三",
        "第一部",
        "第三节 小节",
        "序章",
        "楔子",
        "尾声",
        "番外",
        "【第一章】",
        "标题【篇二】",
        "CHAPTER IV.",
        "Chapter 12",
        "PROLOGUE",
        "BOOK II",
        "# Title",
        "## Section",
        "###### Deep",
        "####### Not a heading",
        "第一次见面的时候，他还小。",
        "一是产业兴旺。",
        "　　天色渐晚，山路上只剩下他一个人。",
        "It was a dark and stormy night; the rain fell in torrents.",
        "",
        "　　",
        "   ",
        "《书名》",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    prop_oneof![
        4 => prop::sample::select(fixed),
        2 => prop::collection::vec(prop::sample::select(HOSTILE), 0..12).prop_map(|v| v.concat()),
        1 => "[\u{4e00}-\u{4e80}，。！？“”]{0,80}",
        1 => "[a-zA-Z ,.]{0,120}",
        1 => ".{0,40}",
    ]
}

/// A book: lines joined with LF (sometimes CRLF or CR).
pub fn book() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..50),
        prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"]),
    )
        .prop_map(|(lines, nl)| lines.join(nl))
}
