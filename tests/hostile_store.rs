//! Real faults under the store (the injected ones are in `store_state.rs`): a file system that
//! is really full (a 256 KB tmpfs; also under the real reader in tmux, which says on exit what
//! it could not save) or really read-only (a tmpfs remounted read-only), a writer
//! killed with SIGKILL in the middle of its saves, and state files that are truncated at every
//! length or hold control characters. A save that cannot happen says so and leaves the old file
//! intact; a killed save never leaves a half-written state; nothing panics.
//!
//! The tmpfs cases need root and a working `mount`; elsewhere they say so and return.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use kanshu::store::state::{Loaded, parse_state, read_state};
use kanshu::store::{BookSession, Store, fingerprint};
use kanshu::{Document, Position};

const SEED: &str = include_str!("fixtures/seed.txt");

fn seed_doc() -> Document {
    Document::from_text(SEED.to_string(), "seed")
}

fn place(doc: &Document, fraction: usize) -> Position {
    let mut at = doc.text.len() * fraction / 100;
    while !doc.text.is_char_boundary(at) {
        at -= 1;
    }
    doc.position_of(at)
}

/// A small tmpfs mounted on a temp dir, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, opts: &str) -> bool {
        Command::new("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// Names in the directory tree that look like unfinished temporary files.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".tmp-"))
            {
                out.push(p);
            }
        }
    }
    out
}

fn saved_position(store: &Store, doc: &Document) -> Option<Position> {
    match read_state(&store.book_file(&fingerprint(&doc.text))) {
        Loaded::Ok(s) => s.position.map(|p| p.anchor.position),
        other => panic!("the state file must stay readable: {other:?}"),
    }
}

#[test]
fn a_full_disk_keeps_the_old_state_and_says_so() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let doc = seed_doc();
    let store = Store::new(fs.path().join("kanshu"));
    let mut session = BookSession::open(&store, &doc);
    let first = place(&doc, 10);
    session.set_position(&doc, first);
    session.add_bookmark(&doc, first, Some("before the disk filled up"));
    session.save().expect("the first save fits");
    // Fill the file system to the last byte.
    let filler = fs.path().join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    let _ = std::io::Write::write_all(&mut f, b"x");
    drop(f);
    // Many bookmarks with long names: the new state cannot fit.
    for i in 0..50 {
        let name = format!("{i} {}", "长".repeat(200));
        session.add_bookmark(&doc, place(&doc, 20 + i), Some(&name));
    }
    session.set_position(&doc, place(&doc, 90));
    let err = session.save().expect_err("no space left");
    assert!(!err.to_string().contains('\n'), "one line: {err}");
    assert_eq!(
        saved_position(&store, &doc),
        Some(first),
        "the old file is intact"
    );
    assert!(
        temp_files(fs.path()).is_empty(),
        "no temp file left: {:?}",
        temp_files(fs.path())
    );
    // Space again: the next save goes through with everything.
    std::fs::remove_file(&filler).unwrap();
    session.save().expect("saves once there is room");
    assert_eq!(saved_position(&store, &doc), Some(place(&doc, 90)));
    let reopened = BookSession::open(&store, &doc);
    assert_eq!(reopened.bookmarks().len(), 51);
}

#[test]
fn a_full_disk_is_reported_on_stderr_when_the_reader_quits() {
    use crate::common::tmux::{Tmux, quote};
    let Some(fs) = Tmpfs::mount("1m") else {
        return;
    };
    let Some(tmux) = Tmux::start("store-full", 250, 30) else {
        return;
    };
    let books = tempfile::tempdir().unwrap();
    let book = books.path().join("seed.txt");
    std::fs::write(&book, SEED).unwrap();
    let config = fs.path().join("kanshu");
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo EXIT=$?",
        quote(&config),
        quote(Path::new(env!("CARGO_BIN_EXE_kanshu"))),
        quote(&book)
    ));
    tmux.wait_for("the reader", |s| s.contains('%'));
    // The book joined the library on opening; then the disk fills up.
    let doc = seed_doc();
    let store = Store::new(&config);
    let start = std::time::Instant::now();
    while !matches!(
        read_state(&store.book_file(&fingerprint(&doc.text))),
        Loaded::Ok(_)
    ) {
        assert!(start.elapsed() < Duration::from_secs(30), "no first save");
        std::thread::sleep(Duration::from_millis(50));
    }
    let filler = fs.path().join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    let _ = std::io::Write::write_all(&mut f, b"x");
    drop(f);
    tmux.keys(&["m"]);
    tmux.literal("after the disk filled");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the failure in the status bar", |s| {
        s.contains("can't be saved")
    });
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the exit code", |s| {
        s.match_indices("EXIT=")
            .any(|(i, _)| s[i + 5..].starts_with(|c: char| c.is_ascii_digit()))
    });
    assert!(
        screen.contains("kanshu: not saved in") && screen.contains("1 bookmark change"),
        "what was lost is said on exit:\n{screen}"
    );
}

#[test]
fn a_read_only_file_system_keeps_the_old_state_and_says_so() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let doc = seed_doc();
    let store = Store::new(fs.path().join("kanshu"));
    let mut session = BookSession::open(&store, &doc);
    let first = place(&doc, 30);
    session.set_position(&doc, first);
    session.save().expect("first save");
    if !fs.remount("ro") {
        eprintln!("skipped: cannot remount read-only");
        return;
    }
    session.set_position(&doc, place(&doc, 60));
    session.add_bookmark(&doc, place(&doc, 60), None);
    assert!(session.save().is_err(), "a read-only disk is an error");
    // A new session on the read-only store still opens and resumes.
    let other = BookSession::open(&store, &doc);
    assert_eq!(other.resume(), Some(first));
    assert_eq!(saved_position(&store, &doc), Some(first));
    assert!(fs.remount("rw"));
    session.save().expect("writable again");
    assert_eq!(saved_position(&store, &doc), Some(place(&doc, 60)));
}

/// Not a test on its own (so ignored, and it never passes): the child process of
/// `kill_9_during_saves_never_leaves_a_broken_file`, which saves as fast as it can until it is
/// killed.
#[test]
#[ignore = "child process of kill_9_during_saves_never_leaves_a_broken_file"]
fn saver_process() {
    let Some(dir) = std::env::var_os("KANSHU_TEST_SAVER_DIR") else {
        panic!("run by kill_9_during_saves_never_leaves_a_broken_file, not on its own");
    };
    let doc = seed_doc();
    let store = Store::new(PathBuf::from(dir));
    let mut session = BookSession::open(&store, &doc);
    for i in 0.. {
        let pos = place(&doc, i % 100);
        session.set_position(&doc, pos);
        session.add_bookmark(
            &doc,
            pos,
            Some(&format!("mark {i} {}", "字".repeat(i % 300))),
        );
        let _ = session.save();
    }
}

#[test]
fn kill_9_during_saves_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = seed_doc();
    let store = Store::new(dir.path());
    let file = store.book_file(&fingerprint(&doc.text));
    let exe = std::env::current_exe().unwrap();
    for round in 0..12u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "--ignored",
                "hostile_store::saver_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("KANSHU_TEST_SAVER_DIR", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Let it save for a while, a different while each round, then kill it mid-stride.
        std::thread::sleep(Duration::from_millis(150 + round * 37));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        match read_state(&file) {
            Loaded::Ok(state) => assert!(!state.bookmarks.is_empty()),
            Loaded::Missing => {} // killed before its first save finished
            other => panic!("round {round}: the state file is {other:?}"),
        }
    }
    // A reader opening the book afterwards resumes and keeps every bookmark it finds.
    let mut session = BookSession::open(&store, &doc);
    assert!(session.take_warnings().is_empty());
    assert!(session.resume().is_some());
    session.set_position(&doc, place(&doc, 50));
    session.save().expect("saves after the crashes");
}

#[test]
fn a_state_file_cut_at_every_length_is_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let doc = seed_doc();
    let store = Store::new(dir.path());
    let mut session = BookSession::open(&store, &doc);
    for i in 0..5 {
        session.add_bookmark(&doc, place(&doc, i * 20), Some(&format!("书签 {i}")));
    }
    session.set_position(&doc, place(&doc, 40));
    session.save().unwrap();
    let file = store.book_file(&fingerprint(&doc.text));
    let full = std::fs::read(&file).unwrap();
    for cut in 0..full.len() {
        // Only parse: the whole file must be Ok, anything shorter must not panic.
        let loaded = parse_state(&full[..cut]);
        assert!(!matches!(loaded, Loaded::Missing), "{cut}");
    }
    assert!(matches!(parse_state(&full), Loaded::Ok(_)));
    // Cut in the file itself: the session moves it aside, says so, and starts afresh.
    std::fs::write(&file, &full[..full.len() / 2]).unwrap();
    let mut session = BookSession::open(&store, &doc);
    let warnings = session.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(!warnings[0].contains('\n'));
    session.save().expect("saves a fresh state");
}

#[test]
fn control_characters_in_a_state_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.txt");
    std::fs::write(&book, SEED).unwrap();
    let doc = Document::open(&book, &Default::default()).unwrap();
    let store = Store::new(dir.path().join("cfg"));
    let mut session = BookSession::open(&store, &doc);
    session.add_bookmark(&doc, place(&doc, 10), Some("ok"));
    session.set_position(&doc, place(&doc, 10));
    session.save().unwrap();
    // Edit the saved JSON as an attacker (or a broken sync tool) could.
    let file = store.book_file(&fingerprint(&doc.text));
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\n\u{2028}";
    value["title"] = evil.into();
    value["path"] = format!("{}{evil}", book.display()).into();
    if let Some(marks) = value["bookmarks"].as_array_mut() {
        for m in marks {
            m["name"] = evil.into();
            m["chapter_title"] = evil.into();
            m["snippet"] = evil.into();
            m["position"]["chapter"] = 999_999.into();
            m["position"]["offset"] = u64::MAX.into();
        }
    }
    value["position"]["position"]["offset"] = u64::MAX.into();
    std::fs::write(&file, serde_json::to_vec(&value).unwrap()).unwrap();
    for args in [
        &["bookmarks"][..],
        &["bookmarks", "--json"],
        &["recent"],
        &["recent", "--json"],
    ] {
        let out = assert_cmd::Command::cargo_bin("kanshu")
            .unwrap()
            .env("KANSHU_CONFIG_DIR", dir.path().join("cfg"))
            .args(args)
            .output()
            .unwrap();
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(matches!(out.status.code(), Some(0 | 2)), "{args:?}: {text}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        assert!(
            !text
                .chars()
                .any(|c| matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')),
            "{args:?}: raw control in {text:?}"
        );
    }
    // The reader resumes somewhere real.
    let session = BookSession::open(&store, &doc);
    if let Some(pos) = session.resume() {
        assert!(pos.chapter < doc.chapters.len());
        assert!(doc.chapter_text(pos.chapter).is_char_boundary(pos.offset));
    }
    for b in session.bookmarks() {
        let pos = b.anchor.position;
        assert!(pos.chapter < doc.chapters.len(), "{pos:?}");
        assert!(pos.offset <= doc.chapter_text(pos.chapter).len(), "{pos:?}");
    }
}
