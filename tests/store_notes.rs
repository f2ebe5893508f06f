//! `kanshu notes`: highlights and notes exported as text, JSON and a Markdown document that
//! reads well by itself, with a command back into the book for each.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::store::{BookSession, Store};
use kanshu::{Document, LoadOptions, Position};

const BOOK: &str = "《静夜思》\n第一章 起\n床前明月光，疑是地上霜。\n\
    # 举头望明月，低头思故乡。\n第二章 承\n1. 白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n";

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config)
        .env("KANSHU_MACHINE", "desk");
    cmd
}

fn run(config: &Path, args: &[&str]) -> String {
    let out = kanshu(config).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn span(doc: &Document, needle: &str) -> (Position, Position) {
    let at = doc.text.find(needle).expect("needle in text");
    (doc.position_of(at), doc.position_of(at + needle.len()))
}

/// A book with three highlights (two with notes, one over a line that looks like Markdown)
/// and its config dir.
fn highlighted() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    let book = tmp.path().join("poems.txt");
    fs::write(&book, BOOK).unwrap();
    let doc = Document::open(&book, &LoadOptions::default()).unwrap();
    let store = Store::new(&config).with_machine("desk");
    let mut s = BookSession::open(&store, &doc);
    let (a, b) = span(&doc, "疑是地上霜");
    s.add_highlight(&doc, a, b, 0, Some("霜？\n其实是月光。"))
        .unwrap();
    let (a, b) = span(&doc, "# 举头望明月");
    s.add_highlight(&doc, a, b, 1, None).unwrap();
    let (a, b) = span(&doc, "1. 白日依山尽，黄河入海流。\n欲穷千里目");
    s.add_highlight(&doc, a, b, 2, Some("登鹳雀楼")).unwrap();
    s.save().unwrap();
    let book = fs::canonicalize(&book).unwrap();
    (tmp, config, book)
}

#[test]
fn the_markdown_export_reads_as_a_document() {
    let (_tmp, config, book) = highlighted();
    let md = run(&config, &["notes", "--markdown", book.to_str().unwrap()]);
    let p = book.display();
    // "疑是地上霜" starts at byte 48 of 197: 24.36 %, rounded down so --at opens at or before it.
    let expected = format!(
        "# 静夜思\n\
         \n## 第一章 起\n\
         \n> 疑是地上霜\n\
         \n霜？\\\n其实是月光。\n\
         \n`kanshu {p} --at 24.36`\n\
         \n> \\# 举头望明月\n\
         \n`kanshu {p} --at 34.01`\n\
         \n## 第二章 承\n\
         \n> 1\\. 白日依山尽，黄河入海流。\\\n> 欲穷千里目\n\
         \n登鹳雀楼\n\
         \n`kanshu {p} --at 60.91`\n"
    );
    assert_eq!(md, expected);
}

#[test]
fn the_json_export_has_every_field_a_script_needs() {
    let (_tmp, config, book) = highlighted();
    let out = run(&config, &["notes", "--json", book.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes = v.as_array().unwrap();
    assert_eq!(notes.len(), 3);
    let first = &notes[0];
    assert_eq!(first["book"], "静夜思");
    assert_eq!(first["quote"], "疑是地上霜");
    assert_eq!(first["note"], "霜？\n其实是月光。");
    assert_eq!(
        first["chapter"], 2,
        "as `kanshu toc` numbers it, after the title's part"
    );
    assert_eq!(first["chapter_title"], "第一章 起");
    assert_eq!(first["orphaned"], false);
    assert_eq!(first["path"], book.to_str().unwrap());
    let reference = first["reference"].as_str().unwrap();
    assert!(reference.starts_with("kanshu ") && reference.contains(" --at "));
    assert_eq!(notes[1]["note"], serde_json::Value::Null);
    assert_eq!(notes[2]["chapter"], 3);
    assert_eq!(notes[2]["colour"], 2);
}

#[test]
fn without_a_file_every_book_is_listed_as_last_saved() {
    let (_tmp, config, book) = highlighted();
    let text = run(&config, &["notes"]);
    assert!(text.starts_with("静夜思  ("), "{text}");
    assert!(
        text.contains("│ 疑是地上霜\n    霜？\n    其实是月光。\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("→ kanshu {} --at", book.display())),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&config, &["notes", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert_eq!(
        json[0]["orphaned"],
        serde_json::Value::Null,
        "not looked for"
    );
}

#[test]
fn orphaned_highlights_are_listed_apart_and_never_dropped() {
    let (_tmp, config, book) = highlighted();
    fs::write(
        &book,
        BOOK.replace("欲穷千里目，更上一层楼。\n", "")
            .replace("白日依山尽，黄河入海流。", ""),
    )
    .unwrap();
    let md = run(&config, &["notes", "--markdown", book.to_str().unwrap()]);
    let (found, gone) = md
        .split_once("## Not found in the current text\n")
        .expect(&md);
    assert!(found.contains("疑是地上霜"));
    assert!(
        gone.contains("> 1\\. 白日依山尽，黄河入海流。\\\n> 欲穷千里目\n\n登鹳雀楼\n"),
        "{gone}"
    );
    let text = run(&config, &["notes", book.to_str().unwrap()]);
    assert!(text.contains("not found in the current text"), "{text}");
}

#[test]
fn an_empty_store_says_so_and_json_with_markdown_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("cfg");
    assert_eq!(run(&config, &["notes"]), "no highlights yet\n");
    assert_eq!(run(&config, &["notes", "--json"]), "[]\n");
    let out = kanshu(&config)
        .args(["notes", "--json", "--markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
