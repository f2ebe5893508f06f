//! `kanshu bookmarks` and `kanshu recent`: what a script or a person at the shell sees.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions};

const SEED: &str = include_str!("fixtures/seed.txt");

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

/// Read `path` as the reader would: a bookmark at 【篇三】 and the place at 【篇四】.
fn read_some(config: &Path, path: &Path, name: Option<&str>) {
    let doc = Document::open(path, &LoadOptions::default()).unwrap();
    let mut s = BookSession::open(&Store::new(config), &doc);
    let at = |needle: &str| doc.position_of(doc.text.find(needle).unwrap());
    s.add_bookmark(&doc, at("【篇三】"), name);
    s.set_position(&doc, at("【篇四】"));
    s.save().unwrap();
}

#[test]
fn bookmarks_json_lists_every_book() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("seed.txt");
    fs::write(&book, SEED).unwrap();
    read_some(&config, &book, Some("第三篇"));

    let out = kanshu(&config)
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "第三篇");
    let title = Document::open(&book, &LoadOptions::default())
        .unwrap()
        .title;
    assert_eq!(list[0]["book"], title.as_str());
    assert!(list[0]["snippet"].as_str().unwrap().contains("【篇三】"));
    assert!(list[0]["path"].as_str().unwrap().ends_with("seed.txt"));
    assert!(list[0]["percent"].as_f64().unwrap() > 20.0);
}

#[test]
fn control_characters_from_a_book_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("evil.txt");
    let evil = "第一章 \u{1b}]0;pwned\u{7}標題\n正文\u{9b}31m開始\u{7f}了。\n".repeat(3);
    fs::write(&book, &evil).unwrap();
    let doc = Document::open(&book, &LoadOptions::default()).unwrap();
    let mut s = BookSession::open(&Store::new(&config), &doc);
    s.add_bookmark(&doc, doc.position_of(evil.find("正文").unwrap()), None);
    s.add_bookmark(&doc, doc.position_of(0), Some("typed\u{1b}[2Jname"));
    s.save().unwrap();

    for args in [
        &["bookmarks"][..],
        &["bookmarks", "--json"],
        &["recent"],
        &["recent", "--json"],
    ] {
        let out = kanshu(&config).args(args).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} printed a raw control character: {text:?}"
        );
    }
    // JSON still carries the snippet exactly, escaped.
    let out = kanshu(&config)
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let snippets: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["snippet"].as_str().unwrap())
        .collect();
    assert!(snippets.iter().any(|s| s.contains("\u{9b}31m")));
}

#[test]
fn bookmarks_of_one_book_follow_it_when_renamed() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("seed.txt");
    fs::write(&book, SEED).unwrap();
    read_some(&config, &book, None);
    let renamed = tmp.path().join("renamed.txt");
    fs::rename(&book, &renamed).unwrap();

    let out = kanshu(&config)
        .arg("bookmarks")
        .arg(&renamed)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("【篇三】"), "{text}");
    assert!(text.contains('%'), "{text}");
}

#[test]
fn recent_lists_books_and_says_which_are_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("seed.txt");
    let gone = tmp.path().join("gone.txt");
    fs::write(&book, SEED).unwrap();
    fs::write(&gone, format!("第一章 别的书\n{SEED}")).unwrap();
    read_some(&config, &gone, Some("x"));
    read_some(&config, &book, Some("y"));
    fs::remove_file(&gone).unwrap();

    let out = kanshu(&config).args(["recent"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("seed.txt") && !lines[0].contains("missing"));
    assert!(lines[1].contains("gone.txt") && lines[1].contains("(missing)"));

    let out = kanshu(&config).args(["recent", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["missing"], false);
    assert_eq!(v[1]["missing"], true);
    assert!(v[0]["progress"].as_f64().unwrap() > 30.0);
}

#[test]
fn an_empty_store_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = kanshu(tmp.path()).arg("recent").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no books read yet\n");
    let out = kanshu(tmp.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn the_config_dir_option_wins_over_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("seed.txt");
    fs::write(&book, SEED).unwrap();
    read_some(&config, &book, Some("here"));
    let out = kanshu(&tmp.path().join("elsewhere"))
        .arg("bookmarks")
        .arg("--config-dir")
        .arg(&config)
        .arg("--json")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["name"], "here");
}

#[test]
fn a_corrupt_file_is_a_warning_not_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("seed.txt");
    fs::write(&book, SEED).unwrap();
    read_some(&config, &book, Some("ok"));
    fs::write(
        config
            .join("books")
            .join(format!("{}.json", "0123456789abcdef".repeat(2))),
        "{{{",
    )
    .unwrap();
    let out = kanshu(&config).args(["bookmarks"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("kanshu: warning: "), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok"));
}
