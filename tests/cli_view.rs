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

fn render(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = kanshu(dir)
        .arg("render")
        .args(args)
        .arg("tests/fixtures/seed.txt")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn render_converts_and_cleans_without_touching_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = render(&dir, &["--width", "200", "--chapter", "2"]);
    assert!(plain.contains("戰(zhàn)"));
    let simp = render(
        &dir,
        &["--width", "200", "--chapter", "2", "--script", "simplified"],
    );
    assert!(simp.contains("战(zhàn)") && !simp.contains('戰'));
    let clean = render(&dir, &["--width", "200", "--chapter", "2", "--clean"]);
    assert!(clean.contains("攻堅戰全面") && !clean.contains("(zhàn)"));
    let both = render(
        &dir,
        &[
            "--width",
            "200",
            "--chapter",
            "2",
            "--clean",
            "--script",
            "simplified",
        ],
    );
    assert!(both.contains("攻坚战全面"));
    let back = render(
        &dir,
        &[
            "--width",
            "200",
            "--chapter",
            "2",
            "--script",
            "traditional",
        ],
    );
    assert!(back.contains("戰(zhàn)"));
    let seed = std::fs::read_to_string("tests/fixtures/seed.txt").expect("seed");
    assert!(seed.contains("戰(zhàn)"));
}

#[test]
fn render_vertical_prints_columns_right_to_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = render(
        &dir,
        &[
            "--width",
            "26",
            "--height",
            "14",
            "--chapter",
            "2",
            "--vertical",
            "--clean",
        ],
    );
    let lines: Vec<&str> = page.lines().collect();
    assert_eq!(lines.len(), 14);
    // The heading reads down the rightmost column: 2 0 2 0 堅 守 …
    let right: String = lines
        .iter()
        .filter_map(|l| l.trim_end().chars().last())
        .collect();
    assert!(right.starts_with("2020堅守防疫"), "{right}");
    // Punctuation in its vertical form, never the horizontal one.
    assert!(page.contains('︐') && !page.contains('，') && !page.contains(','));
}

#[test]
fn render_rejects_an_unknown_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = kanshu(&dir)
        .args(["render", "--script", "klingon", "tests/fixtures/seed.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("simplified, traditional or original"));
}
