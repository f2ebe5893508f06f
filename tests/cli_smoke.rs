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
