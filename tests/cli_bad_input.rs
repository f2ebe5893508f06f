//! Every bad input gets one line on stderr that names the file, exit code 2, no panic; an
//! empty file is a book.

use std::path::Path;

use assert_cmd::Command;

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

/// Run `kanshu <cmd> file` and check the one-line error. Returns the line.
fn refused(config: &Path, args: &[&str], file: &Path, words: &str) -> String {
    let out = kanshu(config).args(args).arg(file).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?} {}", file.display());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(err.contains(name.as_ref()), "names the file: {err}");
    assert!(err.contains(words), "`{words}` in {err}");
    err
}

/// Like `refused`, for a bad argument: the line says what is wrong with it.
fn refused_argument(config: &Path, args: &[&str], file: &Path, words: &str) {
    let out = kanshu(config).args(args).arg(file).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(words), "`{words}` in {err}");
}

const COMMANDS: [&[&str]; 4] = [&["toc"], &["toc", "--json"], &["info"], &["info", "--json"]];

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in COMMANDS {
        refused(
            dir.path(),
            cmd,
            &dir.path().join("nope.txt"),
            "no such file",
        );
    }
    refused(
        dir.path(),
        &[],
        &dir.path().join("nope.txt"),
        "no such file",
    );
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("books");
    std::fs::create_dir(&sub).unwrap();
    for cmd in COMMANDS {
        refused(dir.path(), cmd, &sub, "directory");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("secret.txt");
    std::fs::write(&p, "第一章 秘密\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to refuse.
        eprintln!("skipped: running with permission to read a mode-000 file");
        return;
    }
    for cmd in COMMANDS {
        refused(dir.path(), cmd, &p, "permission denied");
    }
}

#[cfg(unix)]
#[test]
fn fifo_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !made {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Nobody writes to the FIFO: reading it would block forever.
    for cmd in COMMANDS {
        let mut c = kanshu(dir.path());
        c.timeout(std::time::Duration::from_secs(20));
        let out = c.args(cmd).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("pipe.txt") && err.contains("not a regular file"),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn device_is_refused() {
    let dev = Path::new("/dev/zero");
    if !dev.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut c = kanshu(dir.path());
    c.timeout(std::time::Duration::from_secs(20));
    let out = c.args(["info"]).arg(dev).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..5000).map(|i| (i * 7 % 251) as u8));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend((0u32..5000).map(|i| (i * 13 % 256) as u8));
    // No NUL at all, but nothing a book would hold either.
    let noise: Vec<u8> = (0u32..20_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 0x80)
        .collect();
    for (name, bytes) in [("image.png", png), ("a.out", elf), ("noise.dat", noise)] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        for cmd in COMMANDS {
            refused(dir.path(), cmd, &p, "binary");
        }
    }
}

#[test]
fn unknown_encoding_label() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("book.txt");
    std::fs::write(&p, "第一章 开始\n正文。\n").unwrap();
    for cmd in COMMANDS {
        let out = kanshu(dir.path())
            .args(cmd)
            .args(["--encoding", "klingon-8"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1);
        assert!(
            err.contains("unknown encoding") && err.contains("klingon-8"),
            "{err}"
        );
    }
}

#[test]
fn empty_file_is_an_empty_book() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, b"").unwrap();
    let out = kanshu(dir.path())
        .args(["toc", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let toc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(toc.as_array().unwrap().len(), 1);
    assert_eq!(toc[0]["chars"], 0);
    assert_eq!(toc[0]["offset"], 0);
    assert_eq!(toc[0]["title"], "empty");

    let out = kanshu(dir.path())
        .args(["info", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["bytes"], 0);
    assert_eq!(info["characters"], 0);
    assert_eq!(info["lines"], 0);
    assert_eq!(info["chapters"], 1);
    assert_eq!(info["rule"], "none");

    // A file of blank lines is a book too.
    std::fs::write(&p, "\n\r\n  \n").unwrap();
    let out = kanshu(dir.path()).args(["toc"]).arg(&p).output().unwrap();
    assert!(out.status.success());
}

/// Issue 19: a vertical page of 18446744073709551615 columns or a million lines panicked
/// ("capacity overflow") or took gigabytes; pages too large for any terminal are refused.
#[test]
fn huge_pages_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("book.txt");
    std::fs::write(&p, "第一章 开始\n　　天色渐晚。\n".repeat(50)).unwrap();
    let huge = usize::MAX.to_string();
    for size in [
        ["--width", huge.as_str()],
        ["--height", huge.as_str()],
        ["--height", "1000000"],
        ["--width", "2001"],
    ] {
        for vertical in [true, false] {
            let mut args = vec!["render"];
            args.extend(size);
            if vertical {
                args.push("--vertical");
            }
            refused_argument(dir.path(), &args, &p, "too large");
        }
    }
    // The largest page allowed is drawn.
    let out = kanshu(dir.path())
        .args([
            "render",
            "--vertical",
            "--width",
            "2000",
            "--height",
            "1000",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1000);
}

/// Issue 19: encodings that read every book as one replacement character are refused.
#[test]
fn encodings_that_cannot_decode_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("book.txt");
    std::fs::write(&p, "第一章 开始\n").unwrap();
    for label in ["replacement", "hz-gb-2312", "iso-2022-kr"] {
        for cmd in COMMANDS {
            let mut args = cmd.to_vec();
            args.extend(["--encoding", label]);
            refused_argument(dir.path(), &args, &p, "cannot decode a book");
        }
    }
}

/// Issue 19: a UTF-8 book with a damaged stretch opens as UTF-8 and `info` says how many
/// characters could not be decoded.
#[test]
fn info_counts_undecodable_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("book.txt");
    let mut bytes = "第一章 开始\n".as_bytes().to_vec();
    bytes.extend_from_slice(&encoding_rs::GBK.encode("中文字").0);
    bytes.extend_from_slice("\n　　天色渐晚，他走进山里。\n".repeat(100).as_bytes());
    let bad = String::from_utf8_lossy(&bytes).matches('\u{FFFD}').count();
    assert!(bad > 0);
    std::fs::write(&p, bytes).unwrap();
    let out = kanshu(dir.path()).args(["info"]).arg(&p).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("encoding:   UTF-8"), "{text}");
    assert!(
        text.contains(&format!("undecodable: {bad} byte sequences")),
        "{text}"
    );
    let out = kanshu(dir.path())
        .args(["info", "--json"])
        .arg(&p)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains(&format!("\"replacement_characters\": {bad}")),
        "{json}"
    );
}
