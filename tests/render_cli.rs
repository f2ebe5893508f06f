//! `kanshu render` from the outside: defaults, --chapter/--page/--at/--all, and one-line
//! errors with exit code 2 for everything out of range.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A small book with three chapters written into a temp dir.
fn book(dir: &Path) -> PathBuf {
    let mut text = String::new();
    for (n, name) in ["第一章 開端", "第二章 發展", "第三章 結局"]
        .iter()
        .enumerate()
    {
        text.push_str(name);
        text.push('\n');
        for p in 0..30 {
            text.push_str(&format!(
                "　　這是第{}章的第{}段，寫一些文字來填滿頁面。\n",
                n + 1,
                p + 1
            ));
        }
    }
    let path = dir.join("book.txt");
    std::fs::write(&path, text).unwrap();
    path
}

fn render(dir: &TempDir, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .arg("render")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fails_with(dir: &TempDir, args: &[&str], words: &str) {
    let (code, out, err) = render(dir, args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("kanshu: "), "{err}");
    assert!(err.contains(words), "{err:?} should mention {words:?}");
}

#[test]
fn defaults_print_the_first_page_at_80_by_24() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    let (code, out, _) = render(&dir, &[p]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 24);
    // The heading is centred, a blank line follows, paragraphs get the two-em indent.
    assert_eq!(lines[0].trim(), "第一章 開端");
    assert!(lines[0].starts_with("                              "));
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "    這是第1章的第1段，寫一些文字來填滿頁面。");
    assert!(out.lines().all(|l| l == l.trim_end()));
    let (_, same, _) = render(
        &dir,
        &[
            p,
            "--width",
            "80",
            "--height",
            "24",
            "--chapter",
            "1",
            "--page",
            "1",
        ],
    );
    assert_eq!(same, out);
}

#[test]
fn chapter_and_page_choose_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    let (code, out, _) = render(
        &dir,
        &[p, "--chapter", "2", "--page", "2", "--height", "10"],
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10);
    // Page 1 holds the heading, a blank line and paragraphs 1–8.
    assert_eq!(lines[0], "    這是第2章的第9段，寫一些文字來填滿頁面。");
}

#[test]
fn at_percent_opens_the_page_holding_that_character() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    let (_, first, _) = render(&dir, &[p, "--height", "10"]);
    let (_, at0, _) = render(&dir, &[p, "--height", "10", "--at", "0"]);
    assert_eq!(at0, first);
    // Half way through three equal chapters: the middle of chapter 2.
    let (code, mid, _) = render(&dir, &[p, "--height", "10", "--at", "50"]);
    assert_eq!(code, 0);
    assert!(mid.contains("這是第2章的第1"), "{mid}");
    // 100 %: the last page of the last chapter.
    let (_, end, _) = render(&dir, &[p, "--height", "10", "--at", "100"]);
    assert!(
        end.trim_end()
            .ends_with("這是第3章的第30段，寫一些文字來填滿頁面。")
    );
}

#[test]
fn all_prints_every_page_followed_by_a_form_feed_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    let (code, out, _) = render(&dir, &[p, "--all", "--height", "10", "--width", "30"]);
    assert_eq!(code, 0);
    assert!(out.ends_with("\u{c}\n"));
    let pages: Vec<&str> = out.split_terminator("\u{c}\n").collect();
    // Chapters start on a new page.
    let starts: Vec<&&str> = pages
        .iter()
        .filter(|p| p.contains("第") && p.contains("章 "))
        .collect();
    assert_eq!(starts.len(), 3);
    for page in &pages {
        assert!(page.lines().count() <= 10);
    }
    for n in 1..=3 {
        for para in 1..=30 {
            let needle = format!("這是第{n}章的第{para}段");
            assert_eq!(out.matches(needle.as_str()).count(), 1, "{needle}");
        }
    }
    // Each page matches what --chapter/--page prints.
    let (_, second, _) = render(&dir, &[p, "--height", "10", "--width", "30", "--page", "2"]);
    assert_eq!(pages[1], second);
}

#[test]
fn out_of_range_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    fails_with(&dir, &[p, "--chapter", "0"], "chapter 0");
    fails_with(&dir, &[p, "--chapter", "4"], "3 chapters");
    fails_with(&dir, &[p, "--page", "0"], "page 0");
    fails_with(&dir, &[p, "--page", "999"], "page 999");
    fails_with(&dir, &[p, "--at", "100.5"], "0 to 100");
    fails_with(&dir, &[p, "--at", "-1"], "0 to 100");
    fails_with(&dir, &[p, "--width", "1"], "at least 2");
    fails_with(&dir, &[p, "--width", "0"], "at least 2");
    fails_with(&dir, &[p, "--height", "0"], "at least 1");
    fails_with(
        &dir,
        &[dir.path().join("missing.txt").to_str().unwrap()],
        "no such file",
    );
}

#[test]
fn width_two_renders_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let p = path.to_str().unwrap();
    let (code, out, _) = render(&dir, &[p, "--all", "--width", "2", "--height", "5"]);
    assert_eq!(code, 0);
    for line in out.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 2, "{line:?}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(visible(&out), visible(&text));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.txt");
    std::fs::write(
        &path,
        "title\n\u{1b}]0;pwned\u{7}\u{1b}[2J text\u{9b}31m\tend\u{7f}\n",
    )
    .unwrap();
    let (code, out, _) = render(&dir, &[path.to_str().unwrap(), "--width", "20"]);
    assert_eq!(code, 0);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains("^[]0;pwned^G^[[2J"), "{out:?}");
}

#[test]
fn justify_and_ambiguous_wide_flags_change_the_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.txt");
    std::fs::write(
        &path,
        "　　他說：“天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。”……\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (_, narrow, _) = render(&dir, &[p, "--width", "15"]);
    let (_, wide, _) = render(&dir, &[p, "--width", "15", "--ambiguous-wide"]);
    assert_ne!(narrow, wide);
    let cells = |s: &str, cjk: bool| {
        if cjk {
            unicode_width::UnicodeWidthStr::width_cjk(s)
        } else {
            unicode_width::UnicodeWidthStr::width(s)
        }
    };
    assert!(narrow.lines().all(|l| cells(l, false) <= 15));
    assert!(wide.lines().all(|l| cells(l, true) <= 15));
    // Justified: every line but the paragraph's last fills the width exactly.
    let (_, justified, _) = render(&dir, &[p, "--width", "15", "--justify"]);
    let lines: Vec<&str> = justified.lines().collect();
    assert!(lines.len() > 2);
    for l in &lines[..lines.len() - 1] {
        assert_eq!(cells(l, false), 15, "{l:?}");
    }
}
