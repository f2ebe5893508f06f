//! The bad-input matrix: every hostile book (and hostile argument) through the real binary.
//!
//! For each case the headless commands (`toc`, `toc --json`, `info`, `info --json`, `render` at
//! several sizes, `render --all`) must either succeed with sane output or fail with exit code 2
//! and one line on stderr — never a panic or a backtrace — and nothing they print may hold a raw
//! control character (C0 except newline and tab, DEL, C1; the form feed `render --all` puts
//! between pages is the one exception). JSON must parse, rendered lines must fit the width.
//!
//! The specific messages for missing, unreadable and binary files are checked in
//! `cli_bad_input.rs`; here every case goes through every command and the same guarantees.
//!
//! Big books are generated at test time. In debug builds the 50 MB single line is 4 MB and the
//! 1,000,000 one-line chapters are 20,000, so the file stays quick; a release build
//! (`cargo test --release --test suite hostile_matrix::`) or `KANSHU_HOSTILE_FULL=1` uses full sizes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const SEED: &str = include_str!("fixtures/seed.txt");

/// Full-size big books: in release builds, or when asked for.
fn full_size() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("KANSHU_HOSTILE_FULL").is_some()
}

/// What one run of the binary left behind.
struct Run {
    what: String,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn out(&self) -> &str {
        std::str::from_utf8(&self.stdout).unwrap_or("")
    }
    fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

fn kanshu(config: &Path, args: &[&str], file: &Path) -> Run {
    let mut cmd = assert_cmd::Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config)
        // A panic would print its backtrace: the checks below would see it.
        .env("RUST_BACKTRACE", "1")
        .env_remove("KANSHU_ENCODING")
        // A hang is a failure too (a FIFO read, an endless loop); this is only a safety net.
        .timeout(Duration::from_secs(300))
        .args(args)
        .arg(file);
    let out = cmd.output().unwrap();
    Run {
        what: format!("kanshu {} {}", args.join(" "), file.display()),
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// The first raw control character in `bytes` (other than newline, tab, and `allowed`), with
/// its byte offset. Invalid UTF-8 counts too: a stray 0x80..0x9F byte is a C1 control to some
/// terminals.
fn raw_control(bytes: &[u8], allowed: &[char]) -> Option<(usize, String)> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Some((e.valid_up_to(), "invalid UTF-8".into())),
    };
    text.char_indices()
        .find(|&(_, c)| {
            let control = matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}');
            control && !allowed.contains(&c)
        })
        .map(|(i, c)| (i, format!("{c:?}")))
}

/// The guarantees every run must keep, whatever the input.
fn check(run: &Run, allowed: &[char]) {
    let err = run.err();
    for word in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(!err.contains(word), "{}: {err}", run.what);
    }
    match run.code {
        Some(0) => {}
        Some(2) => {
            assert!(run.stdout.is_empty(), "{}: output on error", run.what);
            assert_eq!(err.lines().count(), 1, "{}: one line: {err:?}", run.what);
            assert!(err.starts_with("kanshu: "), "{}: {err:?}", run.what);
        }
        other => panic!("{}: exit {other:?}, stderr {err:?}", run.what),
    }
    if let Some((at, c)) = raw_control(&run.stdout, allowed) {
        let near = String::from_utf8_lossy(&run.stdout[at.saturating_sub(40)..at]).into_owned();
        panic!("{}: raw {c} on stdout at {at}, after {near:?}", run.what);
    }
    if let Some((_, c)) = raw_control(&run.stderr, &[]) {
        panic!("{}: raw {c} on stderr: {err:?}", run.what);
    }
}

/// Cells a rendered line takes, grapheme by grapheme.
fn cells(line: &str) -> usize {
    line.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// What the headless commands said about one book, after every check passed.
struct Report {
    /// `toc --json`, when it succeeded.
    toc: Option<Vec<Value>>,
    /// `info --json`, when it succeeded.
    info: Option<Value>,
    /// `render` (80×24, first page), when it succeeded.
    page: Option<String>,
    /// The one-line error, when the book was refused.
    error: Option<String>,
}

/// Run every headless command on `file` and check every guarantee. `all` also renders every
/// page (skipped for the big books, whose output would be huge).
fn matrix(config: &Path, file: &Path, all: bool) -> Report {
    let mut report = Report {
        toc: None,
        info: None,
        page: None,
        error: None,
    };
    let toc = kanshu(config, &["toc"], file);
    check(&toc, &[]);
    let toc_json = kanshu(config, &["toc", "--json"], file);
    check(&toc_json, &[]);
    let info = kanshu(config, &["info"], file);
    check(&info, &[]);
    let info_json = kanshu(config, &["info", "--json"], file);
    check(&info_json, &[]);
    // A book is refused by every command alike, with the same message.
    let codes = [toc.code, toc_json.code, info.code, info_json.code];
    assert!(
        codes.iter().all(|c| *c == codes[0]),
        "{}: exit codes differ: {codes:?}",
        file.display()
    );
    if toc.code == Some(2) {
        report.error = Some(toc.err());
        for run in [&toc_json, &info, &info_json] {
            assert_eq!(run.err(), toc.err(), "{}", run.what);
        }
    } else {
        assert!(!toc.out().is_empty(), "{}: empty toc", toc.what);
        let entries: Vec<Value> = serde_json::from_slice(&toc_json.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}", toc_json.what));
        assert!(
            !entries.is_empty(),
            "{}: a book has a chapter",
            toc_json.what
        );
        let offsets: Vec<u64> = entries
            .iter()
            .map(|e| e["offset"].as_u64().unwrap())
            .collect();
        assert!(
            offsets.windows(2).all(|w| w[0] <= w[1]),
            "{}: offsets in order",
            toc_json.what
        );
        assert_eq!(
            toc.out().lines().count(),
            entries.len(),
            "{}: one line per chapter",
            toc.what
        );
        let meta: Value = serde_json::from_slice(&info_json.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}", info_json.what));
        assert_eq!(meta["chapters"].as_u64(), Some(entries.len() as u64));
        report.toc = Some(entries);
        report.info = Some(meta);
    }

    // The first page at the default size, the last chapter at the narrowest size, and (for
    // books of a sane size) every page at a small size.
    // The last numbered chapter (`--chapter` takes the number the book gives it).
    let last = report
        .toc
        .as_ref()
        .and_then(|t| t.iter().rev().find_map(|e| e["number"].as_u64()))
        .unwrap_or(1)
        .to_string();
    let pages: [(usize, usize, &[&str]); 2] = [(80, 24, &[]), (2, 1, &["--chapter", &last])];
    for (width, height, extra) in pages {
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["render", "--width", &w, "--height", &h];
        args.extend(extra);
        let run = kanshu(config, &args, file);
        check(&run, &[]);
        assert_eq!(run.code, toc.code, "{}: {}", run.what, run.err());
        for line in run.out().lines() {
            assert!(
                cells(line) <= width,
                "{}: line wider than {width}: {line:?}",
                run.what
            );
        }
        assert!(
            run.out().lines().count() <= height,
            "{}: more than {height} lines",
            run.what
        );
        if width == 80 && toc.code == Some(0) {
            report.page = Some(run.out().to_string());
        }
    }
    if all {
        let run = kanshu(
            config,
            &["render", "--all", "--width", "7", "--height", "3"],
            file,
        );
        check(&run, &['\u{c}']);
        assert_eq!(run.code, toc.code, "{}: {}", run.what, run.err());
        for page in run.out().split("\u{c}\n") {
            assert!(page.lines().count() <= 3, "{}: {page:?}", run.what);
            for line in page.lines() {
                assert!(cells(line) <= 7, "{}: {line:?}", run.what);
            }
        }
    }
    report
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// Number of TOC entries that are real headings (not front matter or parts).
fn headings(toc: &[Value]) -> usize {
    toc.iter().filter(|e| e["heading"] == true).count()
}

/// A short Chinese book with real chapters, for cases that mix something into a book.
fn book(body_of: impl Fn(usize) -> String) -> String {
    let mut s = String::from("《测试之书》\n");
    for n in 1..=4 {
        s.push_str(&format!("第{n}章 第{n}个标题\n"));
        for _ in 0..12 {
            s.push_str("　　天色渐晚，山路上只剩下他一个人。他停下脚步，回头望了一眼来时的路。");
            s.push_str(&body_of(n));
            s.push('\n');
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Paths that are not books.

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let r = matrix(dir.path(), &dir.path().join("nope.txt"), true);
    assert!(r.error.unwrap().contains("nope.txt"));
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("books.txt");
    std::fs::create_dir(&sub).unwrap();
    let r = matrix(dir.path(), &sub, true);
    assert!(r.error.unwrap().contains("directory"));
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "secret.txt", "第一章 秘密\n");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = matrix(dir.path(), &p, true);
    if std::fs::read(&p).is_ok() {
        // Running as root: a mode-000 file is readable, so the book opens.
        assert!(r.error.is_none());
    } else {
        assert!(r.error.unwrap().contains("permission denied"));
    }
}

#[cfg(unix)]
#[test]
fn fifo_and_devices() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec![PathBuf::from("/dev/null"), PathBuf::from("/dev/zero")];
    if made {
        paths.push(fifo);
    }
    for p in paths.iter().filter(|p| p.exists()) {
        let r = matrix(dir.path(), p, true);
        assert!(r.error.unwrap().contains("not a regular file"), "{p:?}");
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // A name that would set the window title and clear the screen if printed raw, one with a
    // C1 CSI, and one that is not UTF-8 at all.
    let names: [&[u8]; 3] = [
        b"\x1b]0;pwned\x07\x1b[2J.txt",
        "\u{9b}31mred\u{85}.txt".as_bytes(),
        b"\xff\xfe\x80bad.txt",
    ];
    for name in names {
        let p = dir.path().join(std::ffi::OsStr::from_bytes(name));
        // Missing: the error message names the file safely.
        let r = matrix(dir.path(), &p, false);
        assert!(r.error.is_some());
        // Present: `info` prints the path safely, and the title from the name is safe.
        std::fs::write(&p, "只有一行字。\n").unwrap();
        let r = matrix(dir.path(), &p, true);
        assert!(r.error.is_none(), "{:?}", r.error);
    }
}

// ---------------------------------------------------------------------------------------------
// Tiny and degenerate books.

#[test]
fn empty_one_byte_and_only_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", vec![]),
        ("a.txt", b"a".to_vec()),
        ("nl.txt", b"\n".to_vec()),
        ("cr.txt", b"\r".to_vec()),
        ("nul.txt", b"\0".to_vec()),
        ("esc.txt", b"\x1b".to_vec()),
        ("ff.txt", b"\xff".to_vec()),
        ("c2.txt", b"\xc2".to_vec()),
        ("bom.txt", b"\xef\xbb\xbf".to_vec()),
        ("bom16.txt", b"\xff\xfe".to_vec()),
        ("newlines.txt", b"\n".repeat(100_000)),
        ("crlf.txt", b"\r\n".repeat(50_000)),
        ("spaces.txt", " \t\u{3000}\n".repeat(10_000).into_bytes()),
    ];
    for (name, bytes) in cases {
        let p = write(dir.path(), name, &bytes);
        let r = matrix(dir.path(), &p, true);
        if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
            assert!(r.error.is_none(), "{name}: {:?}", r.error);
        }
    }
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..5000).map(|i| (i * 7 % 251) as u8));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend((0u32..5000).map(|i| (i * 13 % 256) as u8));
    // Our own binary: the real thing, full of everything (its first megabytes).
    let mut exe = std::fs::read(env!("CARGO_BIN_EXE_kanshu")).unwrap();
    exe.truncate(4 << 20);
    for (name, bytes) in [("image.png", png), ("a.out", elf), ("kanshu.bin", exe)] {
        let p = write(dir.path(), name, &bytes);
        let r = matrix(dir.path(), &p, false);
        assert!(r.error.unwrap().contains("binary"), "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Broken encodings.

#[test]
fn nul_bytes_inside_text() {
    let dir = tempfile::tempdir().unwrap();
    // A few NULs in a long book (a bad download) and NULs everywhere.
    let mut few = book(|_| String::new()).into_bytes();
    for at in [100, 2000, 5000] {
        few.insert(at - at % 3, 0);
    }
    let many = book(|_| "\0".into()).into_bytes();
    for (name, bytes) in [("few.txt", few), ("many.txt", many)] {
        let p = write(dir.path(), name, bytes);
        matrix(dir.path(), &p, true);
    }
}

#[test]
fn invalid_utf8_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let clean = matrix(dir.path(), &write(dir.path(), "clean.txt", SEED), false);
    let mut bytes = SEED.as_bytes().to_vec();
    // A cut character, a lone continuation byte, an overlong form, a surrogate, 0xFF, and a
    // C1 control encoded as valid UTF-8, all in one spot in the middle.
    let middle = (bytes.len() / 2..bytes.len())
        .find(|&i| SEED.is_char_boundary(i))
        .unwrap();
    for junk in [
        &b"\xe4\xb8"[..],
        b"\x80",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xff",
        b"\xc2\x9b",
    ] {
        bytes.splice(middle..middle, junk.iter().copied());
    }
    let p = write(dir.path(), "bad-middle.txt", &bytes);
    let r = matrix(dir.path(), &p, true);
    let info = r.info.unwrap();
    assert_eq!(
        info["encoding"], "UTF-8",
        "a few bad bytes keep the book UTF-8"
    );
    assert_eq!(r.toc.unwrap().len(), clean.toc.unwrap().len());
}

#[test]
fn mixed_encodings() {
    let dir = tempfile::tempdir().unwrap();
    // Chapters alternately UTF-8 and GBK, and a GBK book with a UTF-8 tail.
    let mut mixed = Vec::new();
    for n in 1..=6 {
        let chapter = format!(
            "第{n}章 混合\n{}\n",
            "　　这一段文字的编码和上一段不同。".repeat(40)
        );
        if n % 2 == 0 {
            mixed.extend(gbk(&chapter));
        } else {
            mixed.extend(chapter.into_bytes());
        }
    }
    let mut tail = gbk(&book(|_| String::new()));
    tail.extend("第9章 尾巴\n最后一章是 UTF-8 写的。\n".as_bytes());
    for (name, bytes) in [("mixed.txt", mixed), ("gbk-utf8-tail.txt", tail)] {
        let p = write(dir.path(), name, bytes);
        matrix(dir.path(), &p, true);
    }
}

#[test]
fn utf16_without_bom() {
    let dir = tempfile::tempdir().unwrap();
    let zh = book(|_| String::new());
    let en = "CHAPTER I.\n\nIt was a dark and stormy night.\n\nCHAPTER II.\n\nThe rain fell.\n"
        .repeat(20);
    for (name, text) in [("zh", &zh), ("en", &en)] {
        for big_endian in [false, true] {
            let file = format!("{name}-{}.txt", if big_endian { "be" } else { "le" });
            let p = write(dir.path(), &file, utf16(text, big_endian));
            let r = matrix(dir.path(), &p, true);
            if name == "zh" {
                let info = r.info.unwrap();
                let want = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
                assert_eq!(info["encoding"], want, "{file}");
                let toc = r.toc.unwrap();
                assert_eq!(headings(&toc), 4, "{file}");
                assert_eq!(toc[1]["title"], "第1章 第1个标题", "{file}");
            }
        }
    }
    // An odd number of bytes: a cut last code unit.
    let mut odd = utf16(&zh, false);
    odd.push(0x4e);
    let p = write(dir.path(), "odd.txt", odd);
    matrix(dir.path(), &p, true);
}

// ---------------------------------------------------------------------------------------------
// Big and strangely shaped books.

#[test]
fn one_huge_line_without_newline() {
    let dir = tempfile::tempdir().unwrap();
    let size = if full_size() { 50_000_000 } else { 4_000_000 };
    let unit = "这是一行很长的文字，没有换行，也没有章节。";
    let mut text = unit.repeat(size / unit.len() + 1);
    let cut = (0..=size)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    text.truncate(cut);
    let p = write(dir.path(), "line.txt", &text);
    let r = matrix(dir.path(), &p, false);
    let toc = r.toc.unwrap();
    // No headings: the book is cut into parts, and every part is a reachable page.
    assert!(
        toc.len() > 1,
        "a huge book without headings is cut into parts"
    );
    assert!(r.page.unwrap().contains("这是一行很长的文字"));
    // The same in ASCII with no spaces: nowhere to break a line.
    let p = write(dir.path(), "ascii.txt", "x".repeat(size / 4));
    matrix(dir.path(), &p, false);
}

#[test]
fn a_million_one_line_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let n = if full_size() { 1_000_000 } else { 20_000 };
    let mut text = String::with_capacity(n * 12);
    for i in 1..=n {
        text.push('第');
        text.push_str(&i.to_string());
        text.push_str("章\n");
    }
    let p = write(dir.path(), "chapters.txt", &text);
    let r = matrix(dir.path(), &p, false);
    let toc = r.toc.unwrap();
    assert!(!toc.is_empty());
    let last = toc
        .iter()
        .rev()
        .find_map(|e| e["number"].as_u64())
        .unwrap_or(1)
        .to_string();
    for args in [
        &["render", "--at", "100"][..],
        &["render", "--at", "50", "--width", "2", "--height", "1"],
        &["render", "--chapter", &last],
    ] {
        let run = kanshu(dir.path(), args, &p);
        check(&run, &[]);
        assert_eq!(run.code, Some(0), "{}: {}", run.what, run.err());
    }
}

#[test]
fn a_heading_line_of_100_kb() {
    let dir = tempfile::tempdir().unwrap();
    let long = "长".repeat(34_000);
    let text = format!(
        "第一章 {long}\n正文。\n第二章 短标题\n正文。\n{}\n第三章 {}\n正文。\n",
        "　　填充的段落。".repeat(200),
        "x".repeat(100_000)
    );
    let p = write(dir.path(), "long-heading.txt", &text);
    let r = matrix(dir.path(), &p, true);
    // No title line in the TOC is 100 KB long.
    for entry in r.toc.unwrap() {
        let title = entry["title"].as_str().unwrap();
        assert!(title.len() < 1000, "a TOC title of {} bytes", title.len());
    }
}

#[test]
fn a_book_of_only_headings() {
    let dir = tempfile::tempdir().unwrap();
    let zh: String = (1..=3000).map(|i| format!("第{i}章 标题{i}\n")).collect();
    let en: String = (1..=500).map(|i| format!("CHAPTER {i}\n\n")).collect();
    let md: String = (1..=500)
        .map(|i| format!("# Part {i}\n## Section\n"))
        .collect();
    for (name, text) in [("zh.txt", zh), ("en.txt", en), ("md.md", md)] {
        let p = write(dir.path(), name, text);
        let r = matrix(dir.path(), &p, true);
        assert!(r.error.is_none(), "{name}");
    }
}

#[test]
fn deep_nesting_of_volumes() {
    let dir = tempfile::tempdir().unwrap();
    let para = "　　他沉默了很久，终于开口说话。".repeat(80);
    let mut zh = String::new();
    for part in 1..=3 {
        zh.push_str(&format!("第{part}部 大部\n"));
        for vol in 1..=3 {
            zh.push_str(&format!("第{vol}卷 分卷\n"));
            for ch in 1..=3 {
                zh.push_str(&format!("第{ch}章 章节\n{para}\n"));
                for sec in 1..=2 {
                    zh.push_str(&format!("第{sec}节 小节\n{para}\n"));
                }
            }
        }
    }
    // Markdown: every level from 1 to 6, then "levels" 7 to 12 that are not headings.
    let mut md = String::new();
    for depth in 1..=12 {
        md.push_str(&format!("{} Level {depth}\n\nText.\n\n", "#".repeat(depth)));
    }
    let md = md.repeat(20);
    for (name, text) in [("nested.txt", zh), ("nested.md", md)] {
        let p = write(dir.path(), name, text);
        let r = matrix(dir.path(), &p, true);
        let toc = r.toc.unwrap();
        let levels: Vec<u64> = toc.iter().map(|e| e["level"].as_u64().unwrap()).collect();
        assert!(
            levels.iter().all(|&l| (1..=6).contains(&l)),
            "{name}: {levels:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Scripts, joiners and controls.

#[test]
fn rtl_and_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let text = book(|n| match n {
        1 => "مرحبا بالعالم، هذا نص عربي طويل. ".into(),
        2 => "שלום עולם, זה טקסט בעברית. ".into(),
        // Overrides and isolates that are never closed, and marks.
        3 => "\u{202E}evil\u{202D}\u{2066}\u{2067}\u{2068}x\u{200F}\u{200E}\u{061C}".into(),
        _ => "\u{202B}\u{202A}\u{2069}\u{202C}".repeat(10),
    });
    let heading = "第5章 \u{202E}txt.exe\u{202C} \u{2067}عنوان\n正文。\n";
    let p = write(dir.path(), "bidi.txt", format!("{text}{heading}"));
    let r = matrix(dir.path(), &p, true);
    assert_eq!(headings(&r.toc.unwrap()), 5);
}

#[test]
fn zero_width_and_combining() {
    let dir = tempfile::tempdir().unwrap();
    let zalgo: String = std::iter::once('a')
        .chain(std::iter::repeat_n('\u{0301}', 5000))
        .collect();
    let text = book(|n| match n {
        1 => "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}".repeat(30),
        2 => zalgo.clone(),
        3 => "e\u{301}\u{302}\u{303}中\u{20DD}한\u{1160}\u{11A8}ᄀ\u{1161}\u{11A8}".repeat(20),
        // Prepend characters glue to what follows into one wide cluster.
        _ => "\u{0600}中\u{0600}\u{0600}字\u{110BD}x".repeat(20),
    });
    // A line that starts with combining marks, and a heading made of zero-width characters.
    let text = format!("\u{0301}\u{0302}开头\n第5章 \u{200B}\u{200B}\n正文。\n{text}");
    let p = write(dir.path(), "marks.txt", text);
    let r = matrix(dir.path(), &p, true);
    assert!(r.error.is_none());
}

#[test]
fn emoji_zwj_sequences_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let text = book(|n| match n {
        1 => "👨‍👩‍👧‍👦🧑🏽‍🚀🏳️‍🌈❤️‍🔥".repeat(10),
        2 => "🇨🇳🇹🇼🇯🇵🇺🇸🇪🇺".repeat(10),
        // Odd regional indicators, a tag sequence, lone modifiers and joiners.
        3 => {
            "🇨🇳🇹🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}\u{1F3FD}\u{200D}\u{200D}🇦"
                .repeat(10)
        }
        _ => "1\u{FE0F}\u{20E3}#\u{FE0F}\u{20E3}☺\u{FE0F}☺\u{FE0E}".repeat(10),
    });
    let p = write(dir.path(), "emoji.txt", text);
    let r = matrix(dir.path(), &p, true);
    assert_eq!(headings(&r.toc.unwrap()), 4);
}

#[test]
fn tabs() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\t\t\t\n第5章\t带制表符的标题\t\n{}\n{}",
        "\t".repeat(10_000),
        book(|n| "\t".repeat(n * 7) + "x\ty\t\t中\t")
    );
    let p = write(dir.path(), "tabs.txt", text);
    let r = matrix(dir.path(), &p, true);
    assert!(r.error.is_none());
    // Tabs are drawn as spaces in pages (the TUI has no tab stops to rely on).
    assert!(!r.page.unwrap().contains('\t'));
}

/// Escape sequences a book could hide: every one of them must be defused.
const ESCAPES: [&str; 18] = [
    "\x1b[2J",                                              // clear screen
    "\x1b[H\x1b[10;10H\x1b[5A",                             // cursor moves
    "\x1b[31;1;4m\x1b[38;2;255;0;0m",                       // colours
    "\x1b]0;pwned title\x07",                               // window title (BEL)
    "\x1b]2;pwned title\x1b\\",                             // window title (ST)
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",                       // OSC 52 clipboard
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", // hyperlink
    "\x1bc",                                                // full reset
    "\x1b[?1049l\x1b[?25l\x1b[?1000h",                      // leave alt screen, hide cursor, mouse
    "\x1bP+q544e\x1b\\",                                    // DCS
    "\x1b[6n\x1b[c",                                        // reports that answer into the input
    "\u{9b}2J\u{9b}31m",                                    // C1 CSI
    "\u{9d}0;c1 title\u{9c}",                               // C1 OSC .. ST
    "\u{90}dcs\u{9c}\u{85}\u{8d}\u{8e}\u{8f}",              // C1 DCS, NEL, RI, SS2, SS3
    "\x07\x08\x08\x08\x7f\x0b\x0c",                         // bell, backspaces, DEL, VT, FF
    "\x0e\x0f",                                             // shift out / in (charset switch)
    "\x1b(0lqqk\x1b(B",                                     // line-drawing charset
    "\x01\x02\x03\x04\x05\x06\x1a\x1c\x1d\x1e\x1f",         // the rest of C0
];

#[test]
fn escape_sequences_and_c1_controls() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("《\x1b]0;书名标题\x07恶意之书》\n");
    for (n, esc) in ESCAPES.iter().enumerate() {
        text.push_str(&format!("第{}章 标题{esc}结束\n", n + 1));
        for _ in 0..8 {
            text.push_str(&format!("　　正文开始{esc}正文继续。{esc}\n"));
        }
    }
    // A raw CR in the middle of a line (line ends are normalised; it must not return the
    // cursor to column 0).
    text.push_str("第99章 回车\n覆盖\r被覆盖的文字\n");
    let p = write(dir.path(), "escapes.txt", &text);
    let r = matrix(dir.path(), &p, true);
    let toc = r.toc.unwrap();
    // A heading made long by its escape sequence may stop counting as a heading (titles are
    // short); all the others must survive.
    assert!(
        headings(&toc) >= ESCAPES.len(),
        "headings survive their escapes: {toc:?}"
    );
    let page = kanshu(dir.path(), &["render", "--chapter", "2"], &p);
    check(&page, &[]);
    assert!(page.out().contains("正文开始") && page.out().contains("正文继续"));
    let info = r.info.unwrap();
    assert!(info["control_characters"].as_u64().unwrap() > 100);
    // Every page of every chapter, at a width where placeholders land on line ends.
    for n in toc.iter().filter_map(|e| e["number"].as_u64()) {
        let run = kanshu(
            dir.path(),
            &["render", "--width", "5", "--chapter", &n.to_string()],
            &p,
        );
        check(&run, &[]);
    }
    // The same book in GBK and UTF-16: the controls survive decoding and are still defused.
    let ascii_only: String = text
        .chars()
        .filter(|c| !('\u{80}'..='\u{9f}').contains(c))
        .collect();
    for (name, bytes) in [
        ("escapes-gbk.txt", gbk(&ascii_only)),
        (
            "escapes-16.txt",
            [&b"\xff\xfe"[..], &utf16(&text, false)].concat(),
        ),
    ] {
        let p = write(dir.path(), name, bytes);
        matrix(dir.path(), &p, true);
    }
}

#[test]
fn the_seed_mangled() {
    let dir = tempfile::tempdir().unwrap();
    // The real article, each line cut in the middle of a character, and in three encodings.
    let cut: Vec<u8> = SEED
        .lines()
        .flat_map(|l| {
            let b = l.as_bytes();
            let mut v = b[..b.len().saturating_sub(1)].to_vec();
            v.push(b'\n');
            v
        })
        .collect();
    let big5 = encoding_rs::BIG5.encode(SEED).0.into_owned();
    for (name, bytes) in [
        ("cut.txt", cut),
        ("big5.txt", big5),
        ("gbk.txt", gbk(SEED)),
        ("reversed.txt", SEED.bytes().rev().collect()),
    ] {
        let p = write(dir.path(), name, bytes);
        matrix(dir.path(), &p, true);
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile arguments.

#[test]
fn hostile_render_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "book.txt", book(|_| String::new()));
    let huge = usize::MAX.to_string();
    let cases: Vec<Vec<&str>> = vec![
        vec!["--width", "0"],
        vec!["--width", "1"],
        vec!["--height", "0"],
        vec!["--width", &huge],
        vec!["--height", &huge],
        vec!["--width", "100000", "--height", "100000"],
        vec!["--chapter", "0"],
        vec!["--chapter", "5"],
        vec!["--chapter", &huge],
        vec!["--page", "0"],
        vec!["--page", "1000000"],
        vec!["--page", &huge],
        vec!["--at", "NaN"],
        vec!["--at", "inf"],
        vec!["--at=-0"],
        vec!["--at=-1"],
        vec!["--at", "100"],
        vec!["--at", "100.0000001"],
        vec!["--at", "1e308"],
    ];
    for case in cases {
        let mut args = vec!["render"];
        args.extend(&case);
        let run = kanshu(dir.path(), &args, &p);
        check(&run, &[]);
    }
    // A hostile encoding label is shown safely.
    let run = kanshu(
        dir.path(),
        &["info", "--encoding", "\x1b]0;x\x07\u{9b}2J"],
        &p,
    );
    check(&run, &[]);
    assert_eq!(run.code, Some(2));
}
