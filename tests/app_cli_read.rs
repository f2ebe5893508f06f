//! `kanshu FILE --toc` outside a terminal (the contents as plain text) and with a bad file (one line
//! on stderr, exit code 2, nothing on stdout).

use assert_cmd::Command;

fn kanshu() -> (Command, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", dir.path());
    (cmd, dir)
}

#[test]
fn outside_a_terminal_the_contents_are_printed_as_plain_text() {
    let (mut cmd, _dir) = kanshu();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed.txt");
    let out = cmd.arg(seed).arg("--toc").write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no escape sequences when not on a terminal"
    );
    let doc = kanshu::Document::open(std::path::Path::new(seed), &Default::default()).unwrap();
    assert_eq!(text.lines().next(), Some(doc.title.as_str()), "{text}");
    for c in &doc.chapters {
        assert!(text.contains(&c.title), "{text}");
    }
    assert!(out.stderr.is_empty());
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
