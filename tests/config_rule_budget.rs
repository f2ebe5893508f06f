//! The user's heading rules have a time budget per book (issue 19 #21): a pattern within the
//! size limit that is still slow on every line is stopped, the built-in rules find the
//! chapters, and `toc`, `info`, `render` and the reader say so, naming the rule. Budgets are
//! injected (zero, or a millisecond for a multi-megabyte book), so nothing here is timed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use kanshu::config::Config;
use kanshu::document::RuleSet;
use kanshu::document::chapters::{RuleBudget, split_within};

use crate::common::tmux::{Tmux, quote};

/// Within the size limit, and slow: Unicode `\B` sends every CJK line to the slowest matcher.
const COSTLY: &str = r"\B.{1,200}\BZ";

/// A Chinese book of `chapters` 第N章 chapters of 30 paragraphs each (about 7 KB a chapter).
fn novel(chapters: usize) -> String {
    let mut s = String::from("《雨夜》\n");
    let mut seed = 7u32;
    for c in 1..=chapters {
        s.push_str(&format!("第{c}章 雨\n"));
        for _ in 0..30 {
            s.push_str("　　");
            for _ in 0..60 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s.push(char::from_u32(0x4E00 + (seed >> 16) % 2000).unwrap_or('雨'));
            }
            s.push_str("。\n");
        }
    }
    s
}

fn rules(toc_rule: &str) -> RuleSet {
    Config::default()
        .chapters
        .toc_rule_set(toc_rule)
        .expect("a valid rule")
}

#[test]
fn a_costly_pattern_on_a_large_book_is_stopped_and_the_built_in_rules_take_over() {
    let text = novel(800);
    assert!(text.len() > 4_000_000, "{}", text.len());
    let budget = RuleBudget(Duration::from_millis(1));
    let split = split_within(&text, "雨夜", &rules(COSTLY), false, budget);
    let stopped = split.stopped.expect("the rule is stopped");
    assert_eq!(stopped.rule, "toc-rule");
    assert!(stopped.percent < 100, "{stopped:?}");
    assert_eq!(split.rule, "chinese");
    assert_eq!(split.chapters.iter().filter(|c| c.heading).count(), 800);
    let line = stopped.to_string();
    assert!(
        line == "heading rule `toc-rule` too slow (over 1 ms): built-in rules used",
        "{line}"
    );
}

#[test]
fn a_budget_of_zero_stops_user_rules_at_once_and_never_the_built_in_ones() {
    let text = novel(20);
    let zero = RuleBudget(Duration::ZERO);
    // A configured rule added before the built-in ones: named, left out, the rest found.
    let cfg = Config::from_user_toml(
        "[[chapters.rules]]\nname = \"acts\"\npattern = '^第.幕'\nlevel = 1\n",
        "config.toml",
    )
    .expect("a valid config");
    let split = split_within(&text, "雨夜", &cfg.chapters.rule_set(), false, zero);
    let stopped = split.stopped.expect("stopped");
    assert_eq!((stopped.rule.as_str(), stopped.percent), ("acts", 0));
    assert_eq!(split.chapters.iter().filter(|c| c.heading).count(), 20);
    // Only built-in rules: nothing is timed, nothing stops.
    let split = split_within(&text, "雨夜", RuleSet::builtin(), false, zero);
    assert!(split.stopped.is_none());
    assert_eq!(split.chapters.iter().filter(|c| c.heading).count(), 20);
    // With the default budget a sensible pattern on a small book is not stopped.
    let split = split_within(
        &text,
        "雨夜",
        &rules("^第.+章"),
        false,
        RuleBudget::default(),
    );
    assert!(split.stopped.is_none());
    assert_eq!(split.rule, "toc-rule");
}

fn kanshu(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.join("cfg"))
        .env("KANSHU_RULE_BUDGET_MS", "0")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn book_file(dir: &Path) -> PathBuf {
    let p = dir.join("rain.txt");
    std::fs::write(&p, novel(20)).unwrap();
    p
}

#[test]
fn toc_info_and_render_say_on_stderr_which_rule_was_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let p = book_file(dir.path());
    let file = p.to_str().unwrap();
    let said = "kanshu: heading rule `toc-rule` too slow (over 0 ms): built-in rules used";
    for cmd in ["toc", "info", "render"] {
        let (code, out, err) = kanshu(dir.path(), &[cmd, "--toc-rule", COSTLY, file]);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert_eq!(err.trim_end(), said, "{cmd}");
        match cmd {
            "toc" => assert_eq!(out.lines().filter(|l| l.contains("章 雨")).count(), 20),
            "info" => {
                let headings = out.lines().find(|l| l.starts_with("headings:")).unwrap();
                assert!(
                    headings.contains("chinese: 20 headings")
                        && headings.contains("`toc-rule` too slow (over 0 ms)")
                        && headings.contains("(stopped at 0% of the book)"),
                    "{headings}"
                );
            }
            _ => assert!(out.contains("雨夜"), "{out}"),
        }
    }
    // The default budget is not touched by a cheap rule.
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path().join("cfg"))
        .args(["toc", "--toc-rule", "^第.+章", file])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
}

#[test]
fn the_reader_says_which_rule_was_stopped() {
    let Some(tmux) = Tmux::start("rule-budget", 100, 20) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let p = book_file(dir.path());
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_RULE_BUDGET_MS=0 KANSHU_CONFIG_DIR={} {} --toc-rule '{COSTLY}' {}",
        quote(&dir.path().join("cfg")),
        quote(&bin),
        quote(&p)
    ));
    tmux.wait_for("the stop in the status bar", |s| {
        s.contains("heading rule `toc-rule` too slow (over 0 ms): built-in rules used")
    });
    tmux.keys(&["q"]);
}
