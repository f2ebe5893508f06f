//! `kanshu toc` and `kanshu info` through the binary: the seed article, every encoding a real
//! Chinese (and not only Chinese) TXT book arrives in, and the JSON contract.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = include_str!("fixtures/seed.txt");

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn toc_json(dir: &Path, file: &Path, extra: &[&str]) -> Vec<Value> {
    let out = kanshu(dir)
        .arg("toc")
        .arg("--json")
        .args(extra)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn info_json(dir: &Path, file: &Path, extra: &[&str]) -> Value {
    let out = kanshu(dir)
        .arg("info")
        .arg("--json")
        .args(extra)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn titles(toc: &[Value]) -> Vec<(u64, String)> {
    toc.iter()
        .map(|e| {
            (
                e["level"].as_u64().unwrap(),
                e["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text with every character `enc` cannot encode removed, so a round trip is exact.
fn encodable(text: &str, enc: &'static encoding_rs::Encoding) -> String {
    let unique: std::collections::BTreeSet<char> = text.chars().collect();
    let lost: std::collections::BTreeSet<char> = unique
        .into_iter()
        .filter(|c| enc.encode(&c.to_string()).2)
        .collect();
    text.chars().filter(|c| !lost.contains(c)).collect()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn seed_has_front_matter_and_seven_parts() {
    let dir = tempfile::tempdir().unwrap();
    let toc = toc_json(dir.path(), Path::new("tests/fixtures/seed.txt"), &[]);
    assert_eq!(toc.len(), 8, "{toc:#?}");
    assert_eq!(toc[0]["heading"], false);
    assert_eq!(toc[0]["offset"], 0);
    assert!(toc[0]["title"].as_str().unwrap().ends_with("心得體會5篇"));
    let parts = ["篇一", "篇二", "篇三", "篇四", "篇五", "篇六", "篇七"];
    for (i, part) in parts.iter().enumerate() {
        let e = &toc[i + 1];
        assert_eq!(e["index"], i as u64 + 2);
        let title = e["title"].as_str().unwrap();
        assert!(title.ends_with(&format!("【{part}】")), "{title}");
        let offset = e["offset"].as_u64().unwrap() as usize;
        assert!(
            SEED[offset..].starts_with(title),
            "offset points at the heading line"
        );
        assert_eq!(e["level"], toc[1]["level"]);
    }
    // Sub-headings stay inside their part.
    for sub in [
        "一場特殊時期召開的",
        "——點對點開通脫貧勞務輸出通道",
        "如何打好這場硬仗",
    ] {
        assert!(
            !toc.iter()
                .any(|e| e["title"].as_str().unwrap().starts_with(sub)),
            "{sub} must not be a chapter"
        );
    }
    let total: u64 = toc.iter().map(|e| e["chars"].as_u64().unwrap()).sum();
    assert_eq!(total, SEED.chars().count() as u64);
}

#[test]
fn seed_info_names_everything() {
    let dir = tempfile::tempdir().unwrap();
    let info = info_json(dir.path(), Path::new("tests/fixtures/seed.txt"), &[]);
    assert_eq!(info["encoding"], "UTF-8");
    assert_eq!(info["bytes"], SEED.len() as u64);
    assert_eq!(info["characters"], 15834);
    assert_eq!(info["lines"], 106);
    assert_eq!(info["chapters"], 8);
    assert_eq!(info["rule"], "bracketed");
    assert!(info["title"].as_str().unwrap().starts_with("2020堅守防疫"));
    assert!(info["path"].as_str().unwrap().ends_with("seed.txt"));

    let out = kanshu(dir.path())
        .args(["info", "tests/fixtures/seed.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "path:",
        "bytes:",
        "encoding:   UTF-8",
        "characters: 15834",
        "chapters:   8",
    ] {
        assert!(text.contains(key), "{key} in {text}");
    }
}

#[test]
fn seed_in_every_chinese_encoding_gives_the_same_toc() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = toc_json(dir.path(), Path::new("tests/fixtures/seed.txt"), &[]);
    let cases: [(&str, &'static encoding_rs::Encoding, &str); 3] = [
        ("gbk", encoding_rs::GBK, "GBK"),
        ("gb18030", encoding_rs::GB18030, "GBK"),
        ("big5", encoding_rs::BIG5, "Big5"),
    ];
    for (name, enc, shown) in cases {
        // Exact round trip: compare offsets too, against the same text in UTF-8.
        let text = encodable(SEED, enc);
        let (bytes, _, unmappable) = enc.encode(&text);
        assert!(!unmappable);
        let legacy = write(dir.path(), &format!("seed-{name}.txt"), &bytes);
        let same = write(
            dir.path(),
            &format!("seed-{name}-utf8.txt"),
            text.as_bytes(),
        );
        let got = toc_json(dir.path(), &legacy, &[]);
        assert_eq!(got, toc_json(dir.path(), &same, &[]), "{name}");
        // Characters the encoding lacks (pinyin tone marks in Big5) are gone from the text,
        // so compare the shape with the original: same entries, same levels, same parts.
        assert_eq!(got.len(), utf8.len(), "{name}");
        for (g, u) in got.iter().zip(&utf8) {
            assert_eq!(g["level"], u["level"], "{name}");
            let (g, u) = (g["title"].as_str().unwrap(), u["title"].as_str().unwrap());
            assert_eq!(
                g.chars().rev().take(4).collect::<String>(),
                u.chars().rev().take(4).collect::<String>()
            );
        }
        let info = info_json(dir.path(), &legacy, &[]);
        assert_eq!(info["encoding"], shown, "{name}");
        assert_eq!(info["characters"], text.chars().count() as u64, "{name}");
    }
}

#[test]
fn seed_in_utf16_and_with_bom_gives_the_same_toc() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = toc_json(dir.path(), Path::new("tests/fixtures/seed.txt"), &[]);
    let cases = [
        ("le-bom", utf16(SEED, false, true), "UTF-16LE"),
        ("be-bom", utf16(SEED, true, true), "UTF-16BE"),
        ("le", utf16(SEED, false, false), "UTF-16LE"),
        ("be", utf16(SEED, true, false), "UTF-16BE"),
        (
            "utf8-bom",
            [b"\xEF\xBB\xBF".as_slice(), SEED.as_bytes()].concat(),
            "UTF-8",
        ),
    ];
    for (name, bytes, shown) in cases {
        let p = write(dir.path(), &format!("seed-{name}.txt"), &bytes);
        assert_eq!(toc_json(dir.path(), &p, &[]), utf8, "{name}");
        assert_eq!(info_json(dir.path(), &p, &[])["encoding"], shown, "{name}");
    }
}

#[test]
fn crlf_and_cr_line_ends_give_the_same_toc() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = toc_json(dir.path(), Path::new("tests/fixtures/seed.txt"), &[]);
    for (name, nl) in [("crlf", "\r\n"), ("cr", "\r")] {
        let p = write(dir.path(), name, SEED.replace('\n', nl).as_bytes());
        assert_eq!(toc_json(dir.path(), &p, &[]), utf8, "{name}");
    }
}

#[test]
fn gb18030_four_byte_characters_survive() {
    let dir = tempfile::tempdir().unwrap();
    // 𠀀 (U+20000) and 𪚥 exist only as four-byte GB18030 sequences.
    let para = "　　这一章里有罕见字𠀀和𪚥，还有常见的汉字，足够让猜测有把握。\n".repeat(40);
    let text = format!("第一章 罕见字𠀀\n{para}第二章 平常\n{para}");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let p = write(dir.path(), "rare.txt", &bytes);
    let toc = toc_json(dir.path(), &p, &[]);
    assert_eq!(toc[0]["title"], "第一章 罕见字𠀀");
    let info = info_json(dir.path(), &p, &[]);
    assert_eq!(info["encoding"], "gb18030");
    assert_eq!(info["characters"], text.chars().count() as u64);
}

/// Japanese, Korean and Western European books decode right on real-length text.
#[test]
fn other_legacy_encodings_decode_right() {
    let dir = tempfile::tempdir().unwrap();
    let ja_para = "　吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは時々我々を捕えて煮て食うという話である。\n";
    let ja = format!(
        "第一章 はじまり\n{}第二章 つづき\n{}",
        ja_para.repeat(30),
        ja_para.repeat(30)
    );
    let ko_para = "그날 아침 우리는 바닷가 마을로 걸어 내려갔다. 바람이 차가웠지만 하늘은 맑았고, 어부들은 벌써 그물을 손질하고 있었다. 아이들이 모래밭에서 뛰어놀았다.\n";
    let ko = format!(
        "Chapter 1 바다\n\n{}\nChapter 2 산\n\n{}",
        ko_para.repeat(30),
        ko_para.repeat(30)
    );
    let fr_para = "Le garçon regarda la fenêtre où la lumière d’été tombait sur les pêches mûres; «Déjà?» dit-il, très ému, à sa sœur qui riait à côté du café.\n";
    let fr = format!(
        "CHAPTER I.\n\n{}\nCHAPTER II.\n\n{}",
        fr_para.repeat(30),
        fr_para.repeat(30)
    );
    let cases: [(&str, &str, &'static encoding_rs::Encoding, [&str; 2]); 3] = [
        (
            "ja",
            &ja,
            encoding_rs::SHIFT_JIS,
            ["第一章 はじまり", "第二章 つづき"],
        ),
        (
            "ko",
            &ko,
            encoding_rs::EUC_KR,
            ["Chapter 1 바다", "Chapter 2 산"],
        ),
        (
            "fr",
            &fr,
            encoding_rs::WINDOWS_1252,
            ["CHAPTER I.", "CHAPTER II."],
        ),
    ];
    for (name, text, enc, heads) in cases {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{name}");
        let p = write(dir.path(), &format!("{name}.txt"), &bytes);
        let info = info_json(dir.path(), &p, &[]);
        assert_eq!(info["encoding"], enc.name(), "{name}");
        assert_eq!(info["characters"], text.chars().count() as u64, "{name}");
        let toc = toc_json(dir.path(), &p, &[]);
        let got: Vec<_> = toc.iter().map(|e| e["title"].as_str().unwrap()).collect();
        assert_eq!(got, heads, "{name}");
    }
}

#[test]
fn encoding_override_wins_over_the_guess() {
    let dir = tempfile::tempdir().unwrap();
    let text = encodable(SEED, encoding_rs::BIG5);
    let (bytes, _, _) = encoding_rs::BIG5.encode(&text);
    let p = write(dir.path(), "seed-big5.txt", &bytes);
    // Read as GBK on purpose: the bytes decode, into different characters.
    let info = info_json(dir.path(), &p, &["--encoding", "gbk"]);
    assert_eq!(info["encoding"], "GBK");
    let info = info_json(dir.path(), &p, &["--encoding", "BIG5"]);
    assert_eq!(info["encoding"], "Big5");
    assert_eq!(info["characters"], text.chars().count() as u64);
    // The override also works after the subcommand's file and for toc.
    let toc = toc_json(dir.path(), &p, &["--encoding", "big5"]);
    assert_eq!(toc.len(), 8);
}

#[test]
fn text_toc_indents_volumes_and_hides_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let book = "第一卷 起\n第一章 甲\u{1b}[2J\n正文。\n第二章 乙\u{9b}1m\n正文。\n";
    let p = write(dir.path(), "vol.txt", book.as_bytes());
    let out = kanshu(dir.path()).arg("toc").arg(&p).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{9b}'),
        "{text:?}"
    );
    let lines: Vec<_> = text.lines().collect();
    // Position, then the number `:N` takes (none for the volume), then the indented title.
    assert_eq!(lines[0], "  1      第一卷 起");
    assert_eq!(lines[1], "  2  :1    第一章 甲\u{FFFD}[2J");
    assert_eq!(lines[2], "  3  :2    第二章 乙\u{FFFD}1m");

    let out = kanshu(dir.path())
        .args(["toc", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(!json.contains('\u{1b}') && !json.contains('\u{9b}'));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v[1]["title"], "第一章 甲\u{1b}[2J",
        "JSON keeps the title, escaped"
    );
    assert_eq!(v[2]["title"], "第二章 乙\u{9b}1m");

    let info = info_json(dir.path(), &p, &[]);
    assert_eq!(info["control_characters"], 2);
}

#[test]
fn markdown_files_use_their_headings() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# 山居笔记\n\n开篇的话。\n\n## 第一章 春\n\n春天来了。\n\n## 第二章 夏\n\n```\n# 不是标题\n```\n\n### 小节\n\n夏天。\n";
    let p = write(dir.path(), "notes.md", md.as_bytes());
    let toc = toc_json(dir.path(), &p, &[]);
    assert_eq!(
        titles(&toc),
        vec![
            (1, "山居笔记".to_string()),
            (2, "第一章 春".to_string()),
            (2, "第二章 夏".to_string()),
            (3, "小节".to_string()),
        ]
    );
    assert_eq!(info_json(dir.path(), &p, &[])["rule"], "markdown");
}

#[test]
fn toc_to_a_closed_pipe_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let book: String = (1..=3000)
        .map(|i| format!("第{i}章 标题\n正文。\n"))
        .collect();
    let p = write(dir.path(), "many.txt", book.as_bytes());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kanshu"))
        .env("KANSHU_CONFIG_DIR", dir.path())
        .arg("toc")
        .arg(&p)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.code() == Some(0));
}

#[test]
fn info_says_which_headings_and_paragraphs_were_chosen_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = |name: &str| PathBuf::from("tests/fixtures/realbooks").join(name);
    let text = |file: &Path, extra: &[&str]| {
        let out = kanshu(dir.path())
            .arg("info")
            .args(extra)
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let line = |out: &str, key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no `{key}` in {out}"))
            .to_string()
    };
    let zh = fixture("contents_page_zh.txt");
    let out = text(&zh, &[]);
    assert_eq!(
        line(&out, "headings:"),
        "headings:   chinese: 7 headings (2 volume, 4 chapter, 1 matter), 1 well spaced; printed contents page kept in the front matter"
    );
    assert!(
        line(&out, "paragraphs:").starts_with("paragraphs: "),
        "{out}"
    );
    let moby = text(&fixture("moby_gutenberg_frame.txt"), &[]);
    assert!(
        line(&moby, "headings:").ends_with("Project Gutenberg header and licence set apart"),
        "{moby}"
    );
    // What layout's automatic choice saw (the choice itself belongs to layout).
    assert!(
        line(&moby, "paragraphs:")
            .contains("(auto: mostly Latin; in the whole text: 53 lines of text, 47 blank, "),
        "{moby}"
    );
    // The evidence-only families say how many lines they rest on.
    let legado = text(&fixture("legado_dunhao.txt"), &[]);
    assert!(
        line(&legado, "headings:").starts_with("headings:   numbered: 4 headings (4 number-title)"),
        "{legado}"
    );
    // A book with no heading says so; a rule the user gives is what `info` reports.
    let none = text(&fixture("single_numbered_line.txt"), &[]);
    assert!(
        line(&none, "headings:").contains("no heading family fits"),
        "{none}"
    );
    let acts = text(
        &fixture("user_rule_comma_titles.txt"),
        &["--toc-rule", "^第.幕"],
    );
    assert!(
        line(&acts, "headings:").starts_with("headings:   toc-rule: 3 headings"),
        "{acts}"
    );
    // A paragraph mode set in the config is reported as such, in JSON too.
    std::fs::write(
        dir.path().join("config.toml"),
        "[layout]\nparagraph_mode = \"blank\"\n",
    )
    .unwrap();
    let json = info_json(dir.path(), &zh, &[]);
    assert_eq!(json["paragraph_mode"], "blank");
    assert_eq!(json["paragraphs"], "set by paragraph_mode in the config");
    assert_eq!(json["rule"], "chinese");
    assert!(
        json["headings"]
            .as_str()
            .unwrap()
            .starts_with("chinese: 7 headings")
    );
}

#[test]
fn numbers_as_printed_in_toc_json_and_render_chapter() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = String::from("《归途》\n作者：某人\n\n");
    for n in 1..=40 {
        book.push_str(&format!("第{n}章 山路{n}\n　　正文{n}，走了很久。\n"));
    }
    let p = write(dir.path(), "b.txt", book.as_bytes());
    let out = kanshu(dir.path())
        .args(["toc", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    let toc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        toc[0]["number"],
        Value::Null,
        "the title page has no number"
    );
    assert_eq!(toc[37]["number"], 37);
    assert_eq!(toc[37]["index"], 38);
    let out = kanshu(dir.path()).arg("toc").arg(&p).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with(" 38  :37  第37章")),
        "{text}"
    );
    let out = kanshu(dir.path())
        .args(["render", "--chapter", "37"])
        .arg(&p)
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("第37章 山路37"), "{page}");
    let out = kanshu(dir.path())
        .args(["render", "--chapter", "41"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
