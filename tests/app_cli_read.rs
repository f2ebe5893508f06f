//! `kanshu FILE` outside a terminal, and with a bad file: one line on stderr, exit code 2, and
//! the terminal is never touched (nothing on stdout).

use assert_cmd::Command;

fn kanshu() -> (Command, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", dir.path());
    (cmd, dir)
}

#[test]
fn reading_without_a_terminal_is_a_clear_error() {
    let (mut cmd, _dir) = kanshu();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.txt");
    let out = cmd.arg(seed).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "no escape sequences when not on a terminal"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn a_missing_book_is_reported_before_the_terminal_is_touched() {
    let (mut cmd, dir) = kanshu();
    let out = cmd.arg(dir.path().join("nope.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope.txt"), "{err}");
}
