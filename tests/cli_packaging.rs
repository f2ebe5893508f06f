//! Installing and discovering kanshu: the profiles that keep `cargo install` small, shell
//! completions and man pages that name every command, `--help` that lists only what a command
//! takes, "did you mean" for a mistyped command, `-` for standard input, and `kanshu config`
//! alone.
//!
//! A release build is too slow for CI on two cores, so the binary's size is measured by hand
//! (README "Installing") and this file checks the settings that make it small.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use kanshu::cli::completions::command_names;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run kanshu in `cwd` with an empty config directory, `stdin` piped in when given.
fn kanshu_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let config = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanshu"))
        .args(args)
        .current_dir(cwd)
        .env("KANSHU_CONFIG_DIR", config.path())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn kanshu(args: &[&str]) -> Output {
    kanshu_in(root(), args, None)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn the_release_profile_strips_and_the_profiling_profile_keeps_line_tables() {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let toml: toml_edit::DocumentMut = text.parse().unwrap();
    let release = &toml["profile"]["release"];
    assert_eq!(
        release["strip"].as_bool(),
        Some(true),
        "release strips symbols"
    );
    assert!(
        release["debug"].as_bool() == Some(false) || release["debug"].is_none(),
        "release carries no debug info: {:?}",
        release["debug"]
    );
    let profiling = &toml["profile"]["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_str(), Some("line-tables-only"));
    assert_eq!(profiling["strip"].as_bool(), Some(false));

    let run = std::fs::read_to_string(root().join("benches/run.sh")).unwrap();
    assert!(
        run.contains("PROFILE=profiling"),
        "benches/run.sh builds the profiling profile"
    );
    assert!(run.contains("cargo build --profile $PROFILE"));
    assert!(run.contains("KANSHU=target/$PROFILE/kanshu"));

    // The figure measured by hand is in the README, and within the target.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (_, after) = readme
        .split_once("so the binary is small: ")
        .expect("README gives the installed size");
    let mb: f64 = after.split(' ').next().unwrap().parse().unwrap();
    assert!(mb <= 10.0, "README says {mb} MB");
    assert!(readme.contains("cargo install --locked --path ."));
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let names = command_names();
    for expected in [
        "toc",
        "info",
        "render",
        "bookmarks",
        "recent",
        "config",
        "completions",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}");
    }
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&kanshu(&["completions", shell]));
        for name in names.iter().filter(|n| *n != "help") {
            assert!(script.contains(name.as_str()), "{shell} completes `{name}`");
        }
        assert!(script.contains("encoding"), "{shell} completes options");
    }
    let out = kanshu(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_manual_names_every_command_and_each_command_has_a_page() {
    let page = stdout(&kanshu(&["manual"]));
    assert!(page.contains(".TH kanshu 1"), "{page}");
    for name in command_names() {
        let roff_name = name.replace('-', "\\-");
        assert!(
            page.contains(&format!("kanshu\\-{roff_name}(1)")),
            "kanshu(1) lists {name}"
        );
        let own = stdout(&kanshu(&["manual", &name]));
        assert!(own.contains(&format!(".TH kanshu-{name} 1")), "{own}");
    }
    let toc = stdout(&kanshu(&["manual", "toc"]));
    assert!(toc.contains("\\-\\-json") && toc.contains("\\-\\-encoding"));
    let out = kanshu(&["manual", "tocc"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The long options `kanshu COMMAND --help` lists.
fn options_in_help(command: &str) -> Vec<String> {
    let help = stdout(&kanshu(&[command, "--help"]));
    help.lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("--")))
        .map(|w| w.trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn each_command_lists_only_the_options_it_takes() {
    let book = ["--encoding", "--toc-rule", "--max-size-mb"];
    for command in ["recent", "config", "completions", "manual"] {
        let options = options_in_help(command);
        for o in book {
            assert!(
                !options.iter().any(|x| x == o),
                "{command} --help lists {o}"
            );
        }
        assert!(options.iter().any(|x| x == "--config-dir"), "{command}");
    }
    for command in ["toc", "info", "render", "bookmarks"] {
        let options = options_in_help(command);
        for o in book {
            assert!(options.iter().any(|x| x == o), "{command} --help lacks {o}");
        }
    }
    // And they are taken: after the command, or before it as they always were.
    for args in [
        &["toc", "--encoding", "utf-8", "tests/fixtures/seed.txt"][..],
        &["--encoding", "utf-8", "toc", "tests/fixtures/seed.txt"][..],
    ] {
        stdout(&kanshu(args));
    }
    let out = kanshu(&["recent", "--encoding", "gbk"]);
    assert_eq!(out.status.code(), Some(2), "recent takes no --encoding");
}

#[test]
fn render_help_has_examples_and_toc_help_names_every_json_field() {
    let render = stdout(&kanshu(&["render", "--help"]));
    assert!(render.contains("Examples:\n  kanshu render "), "{render}");
    let help = stdout(&kanshu(&["toc", "--help"]));
    let json = stdout(&kanshu(&["toc", "--json", "tests/fixtures/seed.txt"]));
    let entries: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = entries[0].as_object().unwrap();
    for field in first.keys() {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{field} "))),
            "toc --help explains `{field}`:\n{help}"
        );
    }
}

#[test]
fn config_alone_explains_its_three_modes() {
    let out = stdout(&kanshu(&["config"]));
    for mode in ["--default", "--path", "--check"] {
        assert!(out.contains(&format!("kanshu config {mode}")), "{out}");
    }
    assert!(out.contains("config.toml"), "{out}");
}

#[test]
fn a_mistyped_command_gets_both_facts_and_the_command_meant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/seed.txt"),
        dir.path().join("book.txt"),
    )
    .unwrap();
    for (args, meant) in [
        (&["tco"][..], "`kanshu toc`"),
        (&["tco", "book.txt"][..], "`kanshu toc book.txt`"),
        (
            &["--encoding", "utf-8", "infoo", "book.txt"][..],
            "`kanshu --encoding utf-8 info book.txt`",
        ),
    ] {
        let out = kanshu_in(dir.path(), args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no such file"), "{err}");
        assert!(err.contains(&format!("did you mean {meant}?")), "{err}");
    }
    // A file of that name is read, whatever it looks like.
    std::fs::copy(
        root().join("tests/fixtures/seed.txt"),
        dir.path().join("tco"),
    )
    .unwrap();
    let out = kanshu_in(dir.path(), &["tco"], None);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_dash_reads_the_book_from_standard_input() {
    let seed = std::fs::read(root().join("tests/fixtures/seed.txt")).unwrap();
    let file = |args: &[&str]| {
        let mut a = args.to_vec();
        a.push("tests/fixtures/seed.txt");
        stdout(&kanshu(&a))
    };
    let piped = |args: &[&str]| {
        let mut a = args.to_vec();
        a.push("-");
        stdout(&kanshu_in(root(), &a, Some(&seed)))
    };
    for args in [
        &["toc"][..],
        &["toc", "--json"][..],
        &["render", "--chapter", "3", "--width", "40"][..],
    ] {
        assert_eq!(piped(args), file(args), "{args:?}");
    }
    let info = piped(&["info"]);
    assert!(info.contains("bytes:      38787"), "{info}");
    assert!(info.contains("chapters:   8"), "{info}");
    // GBK on standard input is guessed as from a file; the limit holds too.
    let (gbk, _, _) = encoding_rs::GBK.encode("第一章 开始\n正文。\n第二章 结束\n正文。\n");
    let info = stdout(&kanshu_in(root(), &["info", "-"], Some(&gbk)));
    assert!(info.contains("encoding:   GBK"), "{info}");
    let big = vec![b'a'; 1024 * 1024 + 10];
    let out = kanshu_in(root(), &["toc", "--max-size-mb", "1", "-"], Some(&big));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input: larger than 1 MB"));
    // The reader reads its book the same way (its keys come from the terminal); outside a
    // terminal it prints the text, and the size limit holds there too.
    let out = kanshu_in(root(), &["-"], Some(&seed));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("【篇一】"));
    let out = kanshu_in(root(), &["--max-size-mb", "1", "-"], Some(&big));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input: larger than 1 MB"));
}

#[test]
fn a_table_key_at_the_top_level_is_sent_to_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "max_width = 70\nencoding = \"gbk\"\nmax_widht = 3\n").unwrap();
    let out = kanshu(&["config", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "config.toml:1:1: unknown key `max_width`, did you mean `[layout] max_width`?"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `[book] encoding`?"), "{err}");
    assert!(err.contains("did you mean `[layout] max_width`?"), "{err}");
    assert!(err.contains("config.toml:3:1"), "{err}");
}
