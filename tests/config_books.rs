//! The configuration when opening books, through the binary: extra chapter rules (before or
//! instead of the built-in ones), `--toc-rule NAME|REGEX`, the default encoding and the binary
//! threshold; a broken config warns and the defaults apply.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self, text: &str) {
        std::fs::write(self.dir.path().join("config.toml"), text).unwrap();
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn run(&self, args: &[&str], file: &Path) -> (i32, String, String) {
        let out = Command::cargo_bin("kanshu")
            .unwrap()
            .env("KANSHU_CONFIG_DIR", self.dir.path())
            .args(args)
            .arg(file)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A book whose headings (`Section N`) no built-in rule knows.
fn sections() -> Vec<u8> {
    let mut s = String::from("Notes from a field trip\n");
    for i in 1..=5 {
        s.push_str(&format!("Section {i}\n"));
        for _ in 0..20 {
            s.push_str("Plain body text, long enough to keep the headings well apart.\n");
        }
    }
    s.into_bytes()
}

fn titles(toc: &str) -> Vec<String> {
    toc.lines()
        .map(|l| {
            // Position, then the `:N` number when the entry has one, then the title.
            let words = l
                .split_whitespace()
                .skip(1)
                .skip_while(|w| w.starts_with(':'));
            words.collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn toc_rule_regex_finds_the_chapters() {
    let home = Home::new();
    let book = home.file("b.txt", &sections());
    let (code, out, _) = home.run(&["toc"], &book);
    assert_eq!(code, 0);
    assert_eq!(titles(&out).len(), 1, "no built-in rule fits: {out}");
    let (code, out, err) = home.run(&["toc", "--toc-rule", r"^Section \d+$"], &book);
    assert_eq!(code, 0, "{err}");
    let t = titles(&out);
    assert_eq!(t.len(), 6, "{out}");
    assert_eq!(t[1], "Section 1");
    assert_eq!(t[5], "Section 5");
}

#[test]
fn toc_rule_names_a_family_or_a_configured_rule() {
    let home = Home::new();
    let book = home.file("b.txt", &sections());
    home.config("[[chapters.rules]]\nname = \"sections\"\npattern = '^Section'\nlevel = 2\n");
    let (_, out, _) = home.run(&["info", "--toc-rule", "sections"], &book);
    assert!(out.contains("rule:       sections"), "{out}");
    // A built-in family by name: english knows no `Section`, so no chapters.
    let (code, out, _) = home.run(&["toc", "--toc-rule", "english"], &book);
    assert_eq!(code, 0);
    assert_eq!(titles(&out).len(), 1);
}

#[test]
fn a_bad_toc_rule_is_one_line_and_exit_2() {
    let home = Home::new();
    let book = home.file("b.txt", &sections());
    let (code, out, err) = home.run(&["toc", "--toc-rule", "(Section"], &book);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nor a valid regex: unclosed group"), "{err}");
}

#[test]
fn configured_rules_add_to_or_replace_the_built_in_ones() {
    let home = Home::new();
    // A Chinese book with 第N章 chapters, and part lines the built-in rules don't know.
    let mut s = String::from("《风云》\n");
    for v in ["上部 风起", "下部 云涌"] {
        s.push_str(&format!("{v}\n"));
        for c in 1..=3 {
            s.push_str(&format!("第{c}章 标题\n"));
            for _ in 0..30 {
                s.push_str("这是正文，写得足够长，让标题之间隔开足够的距离。\n");
            }
        }
    }
    let book = home.file("c.txt", s.as_bytes());
    let (_, out, _) = home.run(&["toc"], &book);
    assert!(!out.contains("上部"), "{out}");
    assert!(out.contains("第1章 标题"));

    home.config("[chapters]\nrules = [{ pattern = '^[上下]部 ', level = 1 }]\n");
    let (_, out, _) = home.run(&["toc"], &book);
    assert!(
        out.contains("上部 风起") && out.contains("下部 云涌"),
        "{out}"
    );
    assert!(out.contains("第1章 标题"), "{out}");

    home.config(
        "[chapters]\nmode = \"instead\"\nrules = [{ pattern = '^[上下]部 ', level = 1 }]\n",
    );
    let (_, out, _) = home.run(&["toc"], &book);
    assert!(
        out.contains("上部 风起") && out.contains("下部 云涌"),
        "{out}"
    );
    assert!(!out.contains("第1章"), "{out}");
}

#[test]
fn encoding_default_applies_unless_the_flag_says_otherwise() {
    let home = Home::new();
    let book = home.file("u.txt", "第一章 开始\n你好，世界。\n".as_bytes());
    let (_, out, _) = home.run(&["info"], &book);
    assert!(out.contains("encoding:   UTF-8"), "{out}");
    home.config("[book]\nencoding = \"big5\"\n");
    let (_, out, _) = home.run(&["info"], &book);
    assert!(out.contains("encoding:   Big5"), "{out}");
    let (_, out, _) = home.run(&["info", "--encoding", "utf-8"], &book);
    assert!(out.contains("encoding:   UTF-8"), "{out}");
}

#[test]
fn binary_threshold_decides_what_is_refused() {
    let home = Home::new();
    // GBK text with one control byte per 41 characters (about 2.4%).
    let mut bytes = Vec::new();
    for _ in 0..300 {
        bytes.extend_from_slice(&[0xD6, 0xD0, 0xCE, 0xC4].repeat(10));
        bytes.extend_from_slice(b"\x01\n");
    }
    let book = home.file("g.txt", &bytes);
    let (code, _, err) = home.run(&["info"], &book);
    assert_eq!(code, 0, "{err}");
    home.config("[book]\nbinary_threshold = 1\n");
    let (code, _, err) = home.run(&["info"], &book);
    assert_eq!(code, 2);
    assert!(err.contains("looks like a binary file"), "{err}");
}

#[test]
fn a_broken_config_warns_and_the_defaults_apply() {
    let home = Home::new();
    let book = home.file("b.txt", &sections());
    home.config("[chapters]\nmode = \"instaed\"\n");
    let (code, out, err) = home.run(&["toc"], &book);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
    assert!(err.contains("did you mean `instead`?"), "{err}");
    assert!(err.contains("using the default settings"), "{err}");
}

#[test]
fn render_lays_out_with_the_configured_layout() {
    let home = Home::new();
    let book = home.file(
        "u.txt",
        "第一章 开始\n你好世界，这是第一段。\n第二段。\n".as_bytes(),
    );
    let args = ["render", "--width", "20", "--height", "8"];
    let (_, plain, _) = home.run(&args, &book);
    let body = |out: &str| out.lines().find(|l| l.contains("你好")).map(str::to_string);
    assert!(
        body(&plain).is_some_and(|l| l.starts_with("    ")),
        "{plain}"
    );
    home.config("[layout]\nindent = 0\nline_spacing = 1\n");
    let (code, spaced, err) = home.run(&args, &book);
    assert_eq!(code, 0, "{err}");
    assert!(
        body(&spaced).is_some_and(|l| l.starts_with("你好")),
        "{spaced}"
    );
    // A blank line between text lines.
    let lines: Vec<&str> = spaced.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("你好"))
        .unwrap_or(0);
    assert_eq!(lines.get(i + 1), Some(&""), "{spaced}");
}
