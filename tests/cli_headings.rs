//! Heading shapes, traps, volumes, front matter and the part splits, as `kanshu toc --json`
//! reports them for whole books.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn toc(dir: &Path, name: &str, book: &str) -> Vec<(u64, String, bool)> {
    let p = dir.join(name);
    std::fs::write(&p, book).unwrap();
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir)
        .args(["toc", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v.as_array().unwrap();
    // The contract: 1-based index, offsets inside the decoded text, chars add up.
    let text = book.replace("\r\n", "\n");
    let mut total = 0;
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["index"], i as u64 + 1);
        let off = e["offset"].as_u64().unwrap() as usize;
        assert!(text.is_char_boundary(off));
        if e["heading"] == true {
            let title = e["title"].as_str().unwrap();
            let line = text[off..].lines().next().unwrap();
            assert!(
                line.contains(title),
                "heading line `{line}` holds `{title}`"
            );
        }
        total += e["chars"].as_u64().unwrap();
    }
    assert_eq!(total, text.chars().count() as u64);
    entries
        .iter()
        .map(|e| {
            (
                e["level"].as_u64().unwrap(),
                e["title"].as_str().unwrap().to_string(),
                e["heading"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// A paragraph long enough that headings are "well spaced" (over 1000 characters apart).
fn body(n: usize) -> String {
    "　　山路弯弯曲曲地伸向远方，两旁的竹林在风里沙沙作响。他背着行囊慢慢地走着，心里想着山那边的村子，想着多年没见的老朋友。\n"
        .repeat(n)
}

fn titles(entries: &[(u64, String, bool)]) -> Vec<&str> {
    entries.iter().map(|e| e.1.as_str()).collect()
}

#[test]
fn every_chinese_heading_shape() {
    let dir = tempfile::tempdir().unwrap();
    let heads = [
        "第1章 阿拉伯数字",
        "第１２章 全角数字",
        "第一百二十回 中文数字",
        "第两千零一章 两千",
        "第〇章 零",
        "第壹拾贰章 大写数字",
        "第三节　全角空格",
        "第五回",
        "第六集 集",
        "第七篇 篇",
        "第八话 话",
        "第九話 話",
        "第十章标题紧贴",
        "【第十一章】 括号",
        "序章 开端",
        "楔子",
        "引子",
        "前言",
        "尾声",
        "尾聲",
        "终章",
        "終章",
        "后记",
        "後記",
        "番外 旧事",
        "序",
    ];
    let mut book = String::new();
    for h in heads {
        book.push_str(h);
        book.push('\n');
        book.push_str(&body(12));
    }
    let got = toc(dir.path(), "shapes.txt", &book);
    assert_eq!(titles(&got), heads);
    assert!(got.iter().all(|e| e.2));
    // 节 is a section: one level below the chapter it follows.
    for e in &got {
        assert_eq!(e.0, if e.1.contains('节') { 2 } else { 1 }, "{}", e.1);
    }
}

#[test]
fn traps_stay_inside_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let traps = [
        "第一次见面的时候，他还是个孩子。",
        "第三天清晨，雾很大，什么也看不清。",
        "一是产业兴旺。",
        "二是生态宜居。",
        "第一章的内容我们已经讲过，这里不再重复。",
        "序幕拉开了，人们安静下来。",
    ];
    let mut book = String::new();
    for (i, n) in ["一", "二", "三"].iter().enumerate() {
        book.push_str(&format!("第{n}章 正题{i}\n"));
        book.push_str(&body(10));
        for t in traps {
            book.push_str(t);
            book.push('\n');
        }
    }
    let got = toc(dir.path(), "traps.txt", &book);
    assert_eq!(
        titles(&got),
        ["第一章 正题0", "第二章 正题1", "第三章 正题2"]
    );
}

#[test]
fn english_gutenberg_style() {
    let dir = tempfile::tempdir().unwrap();
    let prose = "It was the best of times, it was the worst of times; the chapter of accidents\nwas long, and nobody in the village could say where it would end.\n\n".repeat(12);
    let heads = [
        "PROLOGUE",
        "BOOK I",
        "CHAPTER I.",
        "CHAPTER II. THE MAIL",
        "Chapter 3",
        "Chapter Twelve",
        "PART TWO",
        "Chapter 12: The Road",
        "EPILOGUE",
    ];
    let mut book = String::from("The Project Gutenberg eBook of A Test\n\nTitle: A Test Book\n\n");
    for h in heads {
        book.push_str(&format!("{h}\n\n{prose}"));
    }
    let got = toc(dir.path(), "gutenberg.txt", &book);
    let expect: Vec<(u64, &str)> = vec![
        (1, "A Test Book"),
        (1, "PROLOGUE"),
        (1, "BOOK I"),
        (2, "CHAPTER I."),
        (2, "CHAPTER II. THE MAIL"),
        (2, "Chapter 3"),
        (2, "Chapter Twelve"),
        (1, "PART TWO"),
        (2, "Chapter 12: The Road"),
        (2, "EPILOGUE"),
    ];
    let got: Vec<(u64, &str)> = got.iter().map(|e| (e.0, e.1.as_str())).collect();
    assert_eq!(got, expect);
}

#[test]
fn volumes_are_level_one_with_chapters_under_them() {
    let dir = tempfile::tempdir().unwrap();
    let book = format!(
        "《长河》\n作者：无名\n\n楔子\n{b}第一卷 风起\n第一章 少年\n{b}第二章 远行\n{b}卷二 云涌\n第三章 归来\n{b}第二部 新篇\n第四章 再会\n{b}",
        b = body(10)
    );
    let got = toc(dir.path(), "volumes.txt", &book);
    let got: Vec<(u64, &str, bool)> = got.iter().map(|e| (e.0, e.1.as_str(), e.2)).collect();
    assert_eq!(
        got,
        vec![
            (1, "长河", false),
            (1, "楔子", true),
            (1, "第一卷 风起", true),
            (2, "第一章 少年", true),
            (2, "第二章 远行", true),
            (1, "卷二 云涌", true),
            (2, "第三章 归来", true),
            (1, "第二部 新篇", true),
            (2, "第四章 再会", true),
        ]
    );
}

#[test]
fn front_matter_titles() {
    let dir = tempfile::tempdir().unwrap();
    // No title line: the front matter is 前言 (Chinese) or Preface (English)…
    let zh = format!(
        "这本书写于一个很冷的冬天，那时候我住在北方。\n{}第一章 冬\n{}",
        body(2),
        body(12)
    );
    let got = toc(dir.path(), "winter.txt", &zh);
    assert_eq!(titles(&got), ["前言", "第一章 冬"]);
    assert!(!got[0].2);
    let en = format!(
        "This book was written in a cold winter, far in the north, by a tired man.\n\nCHAPTER I.\n\n{}",
        "Snow fell. ".repeat(200)
    );
    assert_eq!(
        titles(&toc(dir.path(), "en.txt", &en)),
        ["Preface", "CHAPTER I."]
    );
    // …and a blank front matter is no chapter at all.
    let blank = format!("\n\n　　\n第一章 冬\n{}", body(3));
    assert_eq!(titles(&toc(dir.path(), "blank.txt", &blank)), ["第一章 冬"]);
    let json = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .args(["toc", "--json"])
        .arg(dir.path().join("blank.txt"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v[0]["offset"],
        blank.find("第一章").unwrap() as u64,
        "offset of the heading"
    );
}

#[test]
fn markdown_dominates_plain_text_books_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = String::new();
    for i in 1..=4 {
        book.push_str(&format!(
            "## Notes {i}\n\n{}\n",
            "Some words here. ".repeat(80)
        ));
    }
    let got = toc(dir.path(), "notes.txt", &book);
    assert_eq!(titles(&got), ["Notes 1", "Notes 2", "Notes 3", "Notes 4"]);
}

#[test]
fn book_without_headings_is_cut_into_parts() {
    let dir = tempfile::tempdir().unwrap();
    let book = body(1000); // about 190 KB, no headings
    let got = toc(dir.path(), "无题.txt", &book);
    assert!(got.len() >= 8, "{}", got.len());
    for (i, e) in got.iter().enumerate() {
        assert_eq!(e.1, format!("无题 ({})", i + 1));
        assert!(!e.2);
    }
    // A short one stays whole and is titled after the file.
    let got = toc(dir.path(), "短文.txt", &body(3));
    assert_eq!(titles(&got), ["短文"]);
}

#[test]
fn a_five_megabyte_chapter_is_one_entry() {
    // A chapter is what the book says: however long, one heading is one entry.
    let dir = tempfile::tempdir().unwrap();
    let mut book = String::from("第一章 长夜\n");
    while book.len() < 5 * 1024 * 1024 {
        book.push_str(&body(100));
    }
    let got = toc(dir.path(), "long.txt", &book);
    assert_eq!(got, vec![(1, "第一章 长夜".to_string(), true)]);
    let text = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .arg("toc")
        .arg(dir.path().join("long.txt"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&text.stdout).lines().count(), 1);
    // The same text without its heading is cut into navigation parts.
    let got = toc(dir.path(), "无题长文.txt", &book["第一章 长夜\n".len()..]);
    assert!(got.len() > 100, "{}", got.len());
    assert!(got.iter().all(|e| !e.2));
}

fn kanshu_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_user_rule_wins_over_the_sentence_test() {
    let dir = tempfile::tempdir().unwrap();
    let book = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/realbooks/user_rule_comma_titles.txt"),
    )
    .unwrap();
    let acts = [
        "第一幕 雨夜，他来了，她走了，谁也没有回头",
        "第二幕 清晨，街上，空无一人，只有一只猫",
        "第三幕 多年以后，他们在车站，又遇见了，都老了",
    ];
    // The built-in rules read these titles as sentences…
    let got = toc(dir.path(), "acts.txt", &book);
    assert_eq!(titles(&got), ["雨夜三幕"]);
    // …a rule given on the command line takes them…
    let p = dir.path().join("acts.txt");
    let out = kanshu_in(
        dir.path(),
        &["toc", "--toc-rule", "^第.幕", p.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for act in acts {
        assert!(text.contains(act), "{text}");
    }
    // …and so does one from the configuration.
    std::fs::write(
        dir.path().join("config.toml"),
        "[chapters]\nrules = [{ pattern = '^第.幕 ', level = 1 }]\n",
    )
    .unwrap();
    let got = toc(dir.path(), "acts.txt", &book);
    let want: Vec<&str> = std::iter::once("雨夜三幕").chain(acts).collect();
    assert_eq!(titles(&got), want);
}

#[test]
fn a_toc_rule_that_names_nothing_lists_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.txt");
    std::fs::write(&p, "第一章 开始\n正文。\n").unwrap();
    let out = kanshu_in(
        dir.path(),
        &["toc", "--toc-rule", "chines", p.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    for name in [
        "`chines`",
        "chinese",
        "english",
        "markdown",
        "numbered",
        "bare-number",
    ] {
        assert!(err.contains(name), "{err}");
    }
    // A known name, and anything that looks like a pattern, still work.
    for rule in ["chinese", "^第", "第.章"] {
        let out = kanshu_in(
            dir.path(),
            &["toc", "--toc-rule", rule, p.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{rule}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
