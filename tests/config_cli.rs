//! `kanshu config` through the real binary: every fixture in tests/configs/valid passes
//! `--check`, every fixture in tests/configs/invalid fails with exit code 2 and the message its
//! `# expect:` lines name, at the `# at: LINE:COL` it names.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::config::{Config, DEFAULT_TOML};

fn kanshu(config_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config_dir);
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/configs")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

#[test]
fn valid_fixtures_pass_check() {
    let home = tempfile::tempdir().unwrap();
    for file in fixtures("valid") {
        let out = kanshu(home.path())
            .args(["config", "--check"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{} should be valid: {stderr}",
            file.display()
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
        // The library agrees, and the file really changed something (except the empty one).
        let text = std::fs::read_to_string(&file).unwrap();
        let cfg = Config::from_user_toml(&text, "x").unwrap();
        if !file.ends_with("empty.toml") {
            assert_ne!(
                &cfg,
                Config::defaults(),
                "{} changes nothing",
                file.display()
            );
        }
    }
}

#[test]
fn invalid_fixtures_fail_with_their_message() {
    let home = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for file in fixtures("invalid") {
        let name = file.display();
        let text = std::fs::read_to_string(&file).unwrap();
        let expects: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        let Some(at) = text.lines().find_map(|l| l.strip_prefix("# at: ")) else {
            failures.push(format!("{name}: needs an `# at: LINE:COL` line"));
            continue;
        };
        if expects.is_empty() {
            failures.push(format!("{name}: needs `# expect:` lines"));
        }
        let out = kanshu(home.path())
            .args(["config", "--check"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) || !out.stdout.is_empty() {
            failures.push(format!(
                "{name}: expected exit 2 and no output, got {out:?}"
            ));
        }
        for e in &expects {
            if !stderr.contains(e) {
                failures.push(format!("{name}: expected `{e}` in:\n{stderr}"));
            }
        }
        let place = format!("{name}:{at}: ");
        if !stderr.lines().next().unwrap_or("").starts_with(&place) {
            failures.push(format!(
                "{name}: expected the first problem at `{at}`, got:\n{stderr}"
            ));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panicked:\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn default_prints_the_embedded_file_and_it_parses_to_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let out = kanshu(home.path())
        .args(["config", "--default"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, DEFAULT_TOML);
    // Used as a user's file, the printed defaults change nothing.
    assert_eq!(
        &Config::from_user_toml(&text, "x").unwrap(),
        Config::defaults()
    );
}

#[test]
fn path_follows_the_override_rules() {
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    let out = kanshu(env_dir.path())
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        env_dir.path().join("config.toml").display().to_string()
    );
    let out = kanshu(env_dir.path())
        .args(["config", "--path", "--config-dir"])
        .arg(flag_dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        flag_dir.path().join("config.toml").display().to_string()
    );
}

#[test]
fn check_without_file_reads_the_users_config() {
    let home = tempfile::tempdir().unwrap();
    let out = kanshu(home.path())
        .args(["config", "--check"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: no config file at "));

    std::fs::write(home.path().join("config.toml"), "[layout]\nmax_widht = 3\n").unwrap();
    let out = kanshu(home.path())
        .args(["config", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `max_width`?"));
}

#[test]
fn unreadable_inputs_are_one_line_errors() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nope.toml");
    let out = kanshu(home.path())
        .args(["config", "--check"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("kanshu: {}: no such file\n", missing.display())
    );

    let latin1 = home.path().join("latin1.toml");
    std::fs::write(&latin1, b"# caf\xe9\n[layout]\n").unwrap();
    let out = kanshu(home.path())
        .args(["config", "--check"])
        .arg(&latin1)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");

    let out = kanshu(home.path())
        .args(["config", "--check"])
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn config_alone_says_what_its_flags_do() {
    let home = tempfile::tempdir().unwrap();
    let out = kanshu(home.path()).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        ["--default", "--path", "--check"]
            .iter()
            .all(|f| text.contains(f))
    );
}
