//! Headless commands for Chinese views: `info` counts artifacts, `render` shows views.

use assert_cmd::Command;

fn kanshu(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").expect("binary");
    cmd.env("KANSHU_CONFIG_DIR", dir.path());
    cmd
}

#[test]
fn info_counts_pinyin_annotations_and_html_leftovers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = kanshu(&dir)
        .args(["info", "tests/fixtures/seed.txt"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("631 pinyin annotations, 6 HTML leftovers"),
        "{text}"
    );
    let out = kanshu(&dir)
        .args(["info", "--json", "tests/fixtures/seed.txt"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["annotations"], 631);
    assert_eq!(v["html_leftovers"], 6);
}
