//! Config faults through the real binary: every invalid config file — the fixtures in
//! `tests/configs/invalid` and hostile ones made here (control characters in keys and values,
//! not UTF-8, binary, huge, a directory where the file belongs, deep nesting, numbers at every
//! limit) — gives a one-line message and the book still opens with the defaults; `config
//! --check` lists the problems safely. Nothing printed holds a raw control character.

use std::path::{Path, PathBuf};

fn kanshu(config_dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config_dir)
        .env("RUST_BACKTRACE", "1")
        .timeout(std::time::Duration::from_secs(120))
        .args(args);
    cmd.output().unwrap()
}

fn has_raw_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'))
}

/// Hostile config files made at test time: (name, bytes).
fn hostile_configs() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = vec![
        ("escaped-controls".into(), b"[layout]\n\"\\u001b]0;pwn\\u0007\" = 1\nparagraph_mode = \"\\u001b[2J\\u009b\"\n[\"\\u001bc\"]\nx = 1\n".to_vec()),
        ("raw-controls".into(), b"[layout]\nmax_width = \x1b[2J\n\x1b]0;pwn\x07 = 1\n".to_vec()),
        ("newline-in-key".into(), b"[layout]\n\"a\\nb\\r\\u2028c\" = 1\n".to_vec()),
        ("not-utf8".into(), b"[layout]\nmax_width = \xff\xfe\x80\n".to_vec()),
        ("utf16".into(), "[layout]\nmax_width = 60\n".encode_utf16().flat_map(u16::to_le_bytes).collect()),
        ("binary".into(), (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
        ("nul".into(), b"[layout]\0\nmax_width = 60\n".to_vec()),
        ("deep".into(), format!("x = {}1{}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes()),
        ("deep-tables".into(), format!("[{}]\n", vec!["a"; 2000].join(".")).into_bytes()),
        ("huge-numbers".into(), b"[layout]\nmax_width = 99999999999999999999\nmargin_x = -1\nmargin_y = 1e309\ngutter = nan\nindent = inf\nline_spacing = 256\n".to_vec()),
        ("wrong-types".into(), b"layout = 5\nkeys = \"q\"\ntheme = []\nchapters = 1.5\nbook = true\n".to_vec()),
        ("bad-regexes".into(), b"[[chapters.rules]]\npattern = \"(\"\n[[chapters.rules]]\npattern = \"(?<=x)\"\n[[chapters.rules]]\npattern = \"\\\\p{Klingon}\"\n".to_vec()),
        ("regex-bomb".into(), format!("[[chapters.rules]]\npattern = \"{}\"\n", "(a{1000}){1000}".repeat(3)).into_bytes()),
    ];
    // Issue 19: a keymap with no way to quit; 110,000 bindings (the shadowing check was
    // quadratic: 34 s); a heading pattern too costly to run on every line; an encoding that
    // cannot decode a book.
    out.push((
        "no-quit".into(),
        b"[keys.reader]\nq = \"none\"\nctrl-c = \"none\"\n".to_vec(),
    ));
    let huge_keymap: String = (0..110_000)
        .map(|i| {
            format!(
                "\"g {}\" = \"quit\"\n",
                i.to_string()
                    .chars()
                    .map(|d| format!("{d} "))
                    .collect::<String>()
                    .trim_end()
            )
        })
        .collect();
    out.push((
        "huge-keymap".into(),
        format!("[keys.reader]\n{huge_keymap}").into_bytes(),
    ));
    out.push((
        "costly-pattern".into(),
        b"[[chapters.rules]]\npattern = '\\B.{1,400}\\BZ'\n".to_vec(),
    ));
    out.push((
        "unusable-encoding".into(),
        b"[book]\nencoding = \"hz-gb-2312\"\n".to_vec(),
    ));
    out.push((
        "max-size-zero".into(),
        b"[book]\nmax_size_mb = 0\n".to_vec(),
    ));
    let many_rules: String = (0..5_000)
        .map(|i| format!("[[chapters.rules]]\npattern = '^Rule{i}'\n"))
        .collect();
    out.push(("many-rules".into(), many_rules.into_bytes()));
    // Many keys, all unknown: a long list of problems, still one line per problem.
    let many: String = (0..5_000).map(|i| format!("key{i} = {i}\n")).collect();
    out.push(("many-unknown-keys".into(), many.into_bytes()));
    // A few megabytes of comment and one problem at the end.
    let big = format!(
        "{}[layout]\nmax_width = \"wide\"\n",
        "# 注释\n".repeat(400_000)
    );
    out.push(("big".into(), big.into_bytes()));
    out
}

fn invalid_fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/configs/invalid");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() > 10, "the invalid fixtures are there");
    out
}

fn book(dir: &Path) -> PathBuf {
    let p = dir.join("book.txt");
    std::fs::write(
        &p,
        "《书》\n第一章 开始\n　　天色渐晚。\n第二章 结束\n　　夜深了。\n",
    )
    .unwrap();
    p
}

/// With `config.toml` holding `bytes`: the book opens with the defaults and one warning line,
/// and `config --check` reports the problems without a control character.
fn still_reads(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let book = book.to_str().unwrap();
    std::fs::write(dir.path().join("config.toml"), bytes).unwrap();
    for args in [
        &["toc", book][..],
        &["render", "--all", "--width", "2", "--height", "1", book],
    ] {
        let out = kanshu(dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name} {args:?}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(
            err.lines().count(),
            1,
            "{name} {args:?}: one warning line: {err}"
        );
        assert!(err.contains("config.toml"), "{name}: names the file: {err}");
        assert!(!has_raw_control(&out.stderr), "{name}: {err:?}");
        assert!(!out.stdout.is_empty(), "{name} {args:?}");
    }
    let out = kanshu(dir.path(), &["config", "--check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert!(!has_raw_control(&out.stderr), "{name}: {err:?}");
    assert!(
        err.lines().all(|l| l.contains("config.toml")),
        "{name}: {err}"
    );
}

#[test]
fn every_invalid_fixture_still_reads() {
    for (name, bytes) in invalid_fixtures() {
        still_reads(&name, &bytes);
    }
}

#[test]
fn every_hostile_config_still_reads() {
    for (name, bytes) in hostile_configs() {
        still_reads(&name, &bytes);
    }
}

#[test]
fn a_directory_where_the_config_file_belongs() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    std::fs::create_dir(dir.path().join("config.toml")).unwrap();
    let out = kanshu(dir.path(), &["toc", book.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.lines().count() <= 1, "{err}");
    let out = kanshu(dir.path(), &["config", "--check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_config_dir_that_is_a_file_or_has_hostile_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let book = book(dir.path());
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let hostile = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"\x1b]0;pwn\x07\x1b[2J\xff"));
    for config_dir in [file, hostile] {
        for args in [
            &["toc", book.to_str().unwrap()][..],
            &["config", "--check"],
            &["config", "--path"],
            &["bookmarks"],
            &["recent"],
        ] {
            let out = kanshu(&config_dir, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0 | 2)), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(!has_raw_control(&out.stderr), "{args:?}: {err:?}");
            assert!(!has_raw_control(&out.stdout), "{args:?}");
        }
    }
}

/// What `config --check` says about the configs of issue 19: one line each that says what is
/// wrong, and quickly enough (110,000 bindings took 34 s to check).
#[test]
fn config_check_names_the_issue_19_problems() {
    let configs = hostile_configs();
    for (name, words) in [
        ("no-quit", "no key is bound to \"quit\""),
        ("huge-keymap", "110000 bindings; at most 1000"),
        ("costly-pattern", "too costly"),
        ("unusable-encoding", "cannot decode a book"),
        ("max-size-zero", "between 1 and 65536"),
        ("many-rules", "5000 rules; at most 100"),
    ] {
        let (_, bytes) = configs.iter().find(|(n, _)| n == name).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), bytes).unwrap();
        let start = std::time::Instant::now();
        let out = kanshu(dir.path(), &["config", "--check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(words), "{name}: `{words}` in {err}");
        assert!(err.lines().count() <= 2, "{name}: {err}");
        // Generous: the point is seconds, not tens of seconds.
        assert!(
            start.elapsed().as_secs() < 20,
            "{name}: {:?}",
            start.elapsed()
        );
    }
    // Unbinding one way to quit is fine while another is left.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[keys.reader]\nq = \"none\"\n",
    )
    .unwrap();
    let out = kanshu(dir.path(), &["config", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
}
