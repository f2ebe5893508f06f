//! The binary starts and answers --version.

use assert_cmd::Command;

#[test]
fn version_prints_name() {
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("kanshu "));
}

#[test]
fn global_options_work_before_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .arg("--config-dir")
        .arg(dir.path())
        .args(["recent", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");

    let out = Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .args(["--encoding", "utf-8", "toc", "tests/fixtures/seed.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("【篇七】"));
}
