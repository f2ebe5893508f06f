//! Resources on hostile files through the real binary: every command (`toc`, `info`, `render`
//! and the reader, which prints the contents when its output is not a terminal) answers a
//! 2 GB sparse file, a file that never ends (`/proc/self/pagemap`), a FIFO and `/dev/zero`,
//! as a book and as `config.toml`, quickly, with one clear line, under a 1 GB memory limit.
//!
//! The time bound is generous (tens of seconds on a loaded machine where the answer takes
//! milliseconds): it tells "answers" from "reads gigabytes", not a speed target. Speed targets
//! live in BENCHMARKS.md.

#![cfg(target_os = "linux")]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The child's address space: a read of the whole 2 GB file cannot fit.
const MEMORY_LIMIT: u64 = 1 << 30;
/// Far above the milliseconds an answer takes, far below reading gigabytes on a busy machine.
const ANSWER_WITHIN: Duration = Duration::from_secs(20);

/// Every way of opening a book from the command line.
const COMMANDS: [&[&str]; 5] = [
    &["toc"],
    &["info"],
    &["render"],
    &["render", "--vertical"],
    &[],
];

/// Run kanshu with a 1 GB memory limit, stdin empty, killed if it has not answered in time.
fn kanshu(config_dir: &Path, args: &[&str], file: Option<&Path>) -> (Output, Duration) {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("kanshu"));
    cmd.env("KANSHU_CONFIG_DIR", config_dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(f) = file {
        cmd.arg(f);
    }
    // SAFETY: only setrlimit, which is async-signal-safe, runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > ANSWER_WITHIN {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let out = Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    };
    (out, took)
}

fn describe(what: &str, args: &[&str], out: &Output, took: Duration) -> String {
    format!(
        "{what} {args:?}: exit {:?} after {took:?}, stderr {:?}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A book that is no book: exit 2 within the bound, one line on stderr with `words`.
fn refused_quickly(config_dir: &Path, what: &str, book: &Path, words: &str) {
    for args in COMMANDS {
        let (out, took) = kanshu(config_dir, args, Some(book));
        let say = describe(what, args, &out, took);
        assert!(took < ANSWER_WITHIN, "{say}");
        assert_eq!(out.status.code(), Some(2), "{say}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{say}");
        assert!(err.contains(words), "`{words}`: {say}");
        assert!(!err.contains("panicked"), "{say}");
    }
}

fn sparse(dir: &Path, name: &str, len: u64) -> PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().set_len(len).unwrap();
    p
}

fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn hostile_books_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path();
    let two_gb = sparse(cfg, "sparse.txt", 2 << 30);
    refused_quickly(cfg, "2 GB sparse", &two_gb, "binary");
    refused_quickly(
        cfg,
        "never-ending",
        Path::new("/proc/self/pagemap"),
        "binary",
    );
    let pipe = cfg.join("pipe.txt");
    fifo(&pipe);
    refused_quickly(cfg, "FIFO", &pipe, "not a regular file");
    let zero = cfg.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    refused_quickly(cfg, "/dev/zero", &zero, "not a regular file");
}

#[test]
fn a_book_over_the_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path();
    let line = "第一章 开始\n　　天色渐晚，他走进山里。\n";
    let book = cfg.join("long.txt");
    std::fs::write(&book, line.repeat(2 * 1024 * 1024 / line.len() + 1)).unwrap();
    for args in COMMANDS {
        let mut args = args.to_vec();
        args.extend(["--max-size-mb", "1"]);
        let (out, took) = kanshu(cfg, &args, Some(&book));
        let say = describe("2 MB book, 1 MB limit", &args, &out, took);
        assert_eq!(out.status.code(), Some(2), "{say}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("larger than 1 MB"), "{say}");
        assert!(err.contains("--max-size-mb"), "says how to raise it: {say}");
    }
    // Raised by the flag, or by the configuration.
    let (out, _) = kanshu(cfg, &["info", "--max-size-mb", "3"], Some(&book));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::write(cfg.join("config.toml"), "[book]\nmax_size_mb = 1\n").unwrap();
    let (out, _) = kanshu(cfg, &["info"], Some(&book));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let (out, _) = kanshu(cfg, &["info", "--max-size-mb", "3"], Some(&book));
    assert_eq!(out.status.code(), Some(0), "the flag wins: {out:?}");
}

/// `config.toml` that is no config: every command answers in time with one line naming the
/// file and goes on with the defaults (a bad config never stops reading); `config --check`
/// refuses it with exit 2.
#[test]
fn hostile_config_files_answer_quickly() {
    type Make = fn(&Path);
    let makers: [(&str, Make, &str); 4] = [
        ("FIFO", |p| fifo(p), "not a regular file"),
        (
            "/dev/zero",
            |p| std::os::unix::fs::symlink("/dev/zero", p).unwrap(),
            "not a regular file",
        ),
        (
            "2 GB sparse",
            |p| std::fs::File::create(p).unwrap().set_len(2 << 30).unwrap(),
            "larger than 4 MiB",
        ),
        (
            "never-ending",
            |p| std::os::unix::fs::symlink("/proc/self/pagemap", p).unwrap(),
            "cannot read",
        ),
    ];
    for (what, make, words) in makers {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path();
        let book = cfg.join("book.txt");
        std::fs::write(&book, "第一章 开始\n　　天色渐晚。\n").unwrap();
        make(&cfg.join("config.toml"));
        for args in COMMANDS {
            let (out, took) = kanshu(cfg, args, Some(&book));
            let say = describe(what, args, &out, took);
            assert!(took < ANSWER_WITHIN, "{say}");
            assert_eq!(out.status.code(), Some(0), "{say}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.stdout.is_empty(), "the book is shown: {say}");
            if args.is_empty() {
                // The reader shows config problems in its status bar; printing the contents
                // instead of drawing, it says nothing.
                assert!(err.lines().count() <= 1, "{say}");
                continue;
            }
            assert_eq!(err.lines().count(), 1, "{say}");
            assert!(err.contains("config.toml") && err.contains(words), "{say}");
        }
        let (out, took) = kanshu(cfg, &["config", "--check"], None);
        let say = describe(what, &["config", "--check"], &out, took);
        assert!(took < ANSWER_WITHIN, "{say}");
        assert_eq!(out.status.code(), Some(2), "{say}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(words),
            "{say}"
        );
    }
}
