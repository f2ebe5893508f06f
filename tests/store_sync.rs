//! Two machines sharing one state directory through a file-sync tool: each reads the same
//! book (from different paths) while they are apart, the tool leaves conflict copies, and one
//! open later everything each did is there once, the copies are gone, and a deleted bookmark
//! stays deleted.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::store::{BookSession, Store, fingerprint};
use kanshu::{Document, LoadOptions, Position};

const SEED: &str = include_str!("fixtures/seed.txt");

fn open(path: &Path) -> Document {
    Document::open(path, &LoadOptions::default()).unwrap()
}

fn at(doc: &Document, needle: &str) -> Position {
    doc.position_of(doc.text.find(needle).expect("needle in text"))
}

/// Copy every file of `from` into `to` (a sync tool's first full transfer).
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

struct TwoMachines {
    _tmp: tempfile::TempDir,
    desk: PathBuf,
    laptop: PathBuf,
    desk_book: PathBuf,
    laptop_book: PathBuf,
    fp: String,
}

/// Both machines start from the same state (the desk read first, two bookmarks); then, apart:
/// the desk reads on and adds a bookmark; the laptop deletes one of the first two, highlights
/// a sentence with a note and reads further.
fn written_apart() -> TwoMachines {
    let tmp = tempfile::tempdir().unwrap();
    let desk = tmp.path().join("desk-cfg");
    let laptop = tmp.path().join("laptop-cfg");
    let desk_book = tmp.path().join("home/ann/books/seed.txt");
    let laptop_book = tmp.path().join("Users/ann/Downloads/种子.txt");
    for p in [&desk_book, &laptop_book] {
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, SEED).unwrap();
    }
    let doc = open(&desk_book);
    let fp = fingerprint(&doc.text);

    let desk_store = Store::new(&desk).with_machine("desk");
    let mut s = BookSession::open(&desk_store, &doc);
    s.add_bookmark(&doc, at(&doc, "【篇一】"), Some("kept"));
    s.add_bookmark(&doc, at(&doc, "【篇二】"), Some("to delete"));
    s.set_position(&doc, at(&doc, "【篇二】"));
    s.save().unwrap();
    copy_dir(&desk, &laptop);

    // Apart. The desk first…
    let mut s = BookSession::open(&desk_store, &doc);
    s.add_bookmark(&doc, at(&doc, "【篇三】"), Some("desk's"));
    s.set_position(&doc, at(&doc, "【篇三】"));
    s.save().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));

    // …then the laptop, which opens the book from another path.
    let ldoc = open(&laptop_book);
    let laptop_store = Store::new(&laptop).with_machine("laptop");
    let mut s = BookSession::open(&laptop_store, &ldoc);
    let gone = s
        .bookmarks()
        .iter()
        .find(|b| b.name == "to delete")
        .map(|b| b.id.clone())
        .unwrap();
    assert!(s.delete_bookmark(&gone));
    let from = at(&ldoc, "【篇四】");
    let to = Position::new(from.chapter, from.offset + "【篇四】".len());
    s.add_highlight(&ldoc, from, to, 2, Some("the laptop's note"))
        .unwrap();
    s.set_position(&ldoc, at(&ldoc, "【篇五】"));
    s.save().unwrap();
    TwoMachines {
        _tmp: tmp,
        desk,
        laptop,
        desk_book,
        laptop_book,
        fp,
    }
}

/// Everything each machine did, found once, in the desk's directory after one open.
fn assert_all_there_once(m: &TwoMachines, session: &BookSession, doc: &Document) {
    let names: Vec<&str> = session
        .bookmarks()
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["kept", "desk's"],
        "each live bookmark once, the deleted one gone"
    );
    let deleted = session
        .state()
        .bookmarks
        .iter()
        .filter(|b| b.name == "to delete")
        .collect::<Vec<_>>();
    assert_eq!(deleted.len(), 1);
    assert!(deleted[0].deleted, "the deletion is kept as a tombstone");
    let hs = session.highlights();
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0].note.as_deref(), Some("the laptop's note"));
    assert_eq!(hs[0].quote, "【篇四】");
    assert_eq!(
        session.resume(),
        Some(at(doc, "【篇五】")),
        "the later place wins"
    );
    let books = m.desk.join("books");
    assert_eq!(
        names_in(&books),
        [format!("{}.json", m.fp)],
        "copies removed"
    );
}

#[test]
fn syncthing_conflict_copies_are_merged_on_open_and_removed() {
    let m = written_apart();
    // Syncthing keeps the desk's files and renames the laptop's.
    fs::copy(
        m.laptop.join(format!("books/{}.json", m.fp)),
        m.desk.join(format!(
            "books/{}.sync-conflict-20261202-114421-LAPTOP7.json",
            m.fp
        )),
    )
    .unwrap();
    fs::copy(
        m.laptop.join("library.json"),
        m.desk
            .join("library.sync-conflict-20261202-114421-LAPTOP7.json"),
    )
    .unwrap();

    let doc = open(&m.desk_book);
    let store = Store::new(&m.desk).with_machine("desk");
    let mut session = BookSession::open(&store, &doc);
    assert_eq!(session.take_warnings(), Vec::<String>::new());
    assert_all_there_once(&m, &session, &doc);
    assert!(
        !names_in(&m.desk).iter().any(|n| n.contains("conflict")),
        "the index's copy is merged and removed too: {:?}",
        names_in(&m.desk)
    );
    // The desk keeps its own path for the book; the laptop's is remembered as the laptop's.
    let (books, _) = store.library();
    assert_eq!(books.len(), 1);
    assert_eq!(
        books[0].path_buf(),
        Some(fs::canonicalize(&m.desk_book).unwrap())
    );
    assert_eq!(
        session.state().path_on(Some("laptop")),
        Some(fs::canonicalize(&m.laptop_book).unwrap())
    );

    // Reopened after a save: still everything once.
    session.save().unwrap();
    let again = BookSession::open(&store, &doc);
    assert_all_there_once(&m, &again, &doc);
}

#[test]
fn dropbox_copies_of_the_desk_are_merged_on_the_laptop_and_deletions_stay() {
    let m = written_apart();
    // This time the laptop's directory gets the desk's file as a Dropbox conflicted copy.
    fs::copy(
        m.desk.join(format!("books/{}.json", m.fp)),
        m.laptop.join(format!(
            "books/{} (desk's conflicted copy 2026-12-02).json",
            m.fp
        )),
    )
    .unwrap();
    let doc = open(&m.laptop_book);
    let store = Store::new(&m.laptop).with_machine("laptop");
    let session = BookSession::open(&store, &doc);
    let names: Vec<&str> = session
        .bookmarks()
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(names, ["kept", "desk's"]);
    assert_eq!(session.highlights().len(), 1);
    assert_eq!(
        names_in(&m.laptop.join("books")),
        [format!("{}.json", m.fp)]
    );
}

#[test]
fn a_git_merge_conflict_in_a_book_file_reads_as_both_sides() {
    let m = written_apart();
    let file = format!("books/{}.json", m.fp);
    let ours = fs::read_to_string(m.desk.join(&file)).unwrap();
    let theirs = fs::read_to_string(m.laptop.join(&file)).unwrap();
    // The whole file in conflict: the worst git can do to it.
    let marked = format!("<<<<<<< HEAD\n{ours}\n=======\n{theirs}\n>>>>>>> laptop\n");
    fs::write(m.desk.join(&file), marked).unwrap();
    let doc = open(&m.desk_book);
    let store = Store::new(&m.desk).with_machine("desk");
    let mut session = BookSession::open(&store, &doc);
    assert_eq!(session.take_warnings(), Vec::<String>::new());
    assert_all_there_once(&m, &session, &doc);
    session.save().unwrap();
    let written = fs::read_to_string(m.desk.join(&file)).unwrap();
    assert!(!written.contains("<<<<<<<"), "saved without the markers");
}

#[test]
fn an_unreadable_conflict_copy_is_moved_aside_and_the_book_still_opens() {
    let m = written_apart();
    let copy = m
        .desk
        .join(format!("books/{}.sync-conflict-20261202-1-X.json", m.fp));
    fs::write(&copy, "{ not json").unwrap();
    let doc = open(&m.desk_book);
    let mut session = BookSession::open(&Store::new(&m.desk), &doc);
    let warnings = session.take_warnings();
    assert!(
        warnings.iter().any(|w| w.contains("moved aside")),
        "{warnings:?}"
    );
    assert!(!copy.exists());
    assert_eq!(
        session.bookmarks().len(),
        3,
        "the desk's own state is intact"
    );
}

#[test]
fn recent_says_which_machine_read_each_book_last() {
    let m = written_apart();
    fs::copy(
        m.laptop.join("library.json"),
        m.desk
            .join("library (conflicted copy 2026-12-02 114421).json"),
    )
    .unwrap();
    let run = |json: bool| {
        let mut cmd = Command::cargo_bin("kanshu").unwrap();
        cmd.env("KANSHU_CONFIG_DIR", &m.desk)
            .env("KANSHU_MACHINE", "desk")
            .arg("recent");
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(false);
    assert!(text.contains("on laptop"), "{text}");
    // This machine's path, not the laptop's.
    assert!(text.contains("home/ann/books/seed.txt"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    assert_eq!(json[0]["machine"], "laptop");
}

/// Run git in `dir` (no user config needed); whether it succeeded.
fn git(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=kanshu",
            "-c",
            "user.email=kanshu@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|o| {
            if !o.status.success() {
                eprintln!(
                    "git {args:?}: {} {}",
                    String::from_utf8_lossy(&o.stderr),
                    String::from_utf8_lossy(&o.stdout)
                );
            }
            o.status.success()
        })
}

/// The merge driver the README gives for git.
const DRIVER: &str =
    r#"f=%P; cp %B "${f%%.json}.sync-conflict-git-$(date +%%Y%%m%%d-%%H%%M%%S)-$$.json""#;

#[test]
fn a_git_pull_with_the_readme_merge_driver_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    if !git(tmp.path(), &["--version"]) {
        eprintln!("git is not installed: skipped");
        return;
    }
    let desk = tmp.path().join("desk");
    let laptop = tmp.path().join("laptop");
    let book = tmp.path().join("seed.txt");
    fs::write(&book, SEED).unwrap();
    let doc = open(&book);
    let fp = fingerprint(&doc.text);
    let desk_store = Store::new(&desk).with_machine("desk");
    let mut s = BookSession::open(&desk_store, &doc);
    s.add_bookmark(&doc, at(&doc, "【篇一】"), Some("kept"));
    s.add_bookmark(&doc, at(&doc, "【篇二】"), Some("to delete"));
    s.set_position(&doc, at(&doc, "【篇二】"));
    s.save().unwrap();
    fs::write(
        desk.join(".gitignore"),
        "state.lock\n*.corrupt-*\n.*.tmp-*\n",
    )
    .unwrap();
    fs::write(desk.join(".gitattributes"), "*.json merge=kanshu\n").unwrap();
    assert!(git(&desk, &["init", "-q"]));
    assert!(git(&desk, &["config", "merge.kanshu.driver", DRIVER]));
    assert!(git(&desk, &["add", "-A"]));
    assert!(git(&desk, &["commit", "-qm", "start"]));
    assert!(git(tmp.path(), &["clone", "-q", "desk", "laptop"]));
    assert!(git(&laptop, &["config", "merge.kanshu.driver", DRIVER]));

    let mut s = BookSession::open(&desk_store, &doc);
    s.add_bookmark(&doc, at(&doc, "【篇三】"), Some("desk's"));
    s.set_position(&doc, at(&doc, "【篇三】"));
    s.save().unwrap();
    assert!(git(&desk, &["commit", "-qam", "desk"]));
    std::thread::sleep(std::time::Duration::from_millis(5));

    let mut s = BookSession::open(&Store::new(&laptop).with_machine("laptop"), &doc);
    let gone = s
        .bookmarks()
        .iter()
        .find(|b| b.name == "to delete")
        .map(|b| b.id.clone())
        .unwrap();
    s.delete_bookmark(&gone);
    let from = at(&doc, "【篇四】");
    let to = Position::new(from.chapter, from.offset + "【篇四】".len());
    s.add_highlight(&doc, from, to, 2, Some("the laptop's note"))
        .unwrap();
    s.set_position(&doc, at(&doc, "【篇五】"));
    s.save().unwrap();
    assert!(git(&laptop, &["commit", "-qam", "laptop"]));

    // The desk pulls: the driver keeps the desk's files and puts the laptop's beside them as
    // conflict copies, so git never writes conflict marks.
    assert!(git(
        &desk,
        &["pull", "-q", "--no-rebase", "../laptop", "main"]
    ));
    let file = desk.join(format!("books/{fp}.json"));
    assert!(!fs::read_to_string(&file).unwrap().contains("<<<<<<<"));
    assert!(
        names_in(&desk.join("books")).len() == 2,
        "a conflict copy beside the file"
    );

    let mut session = BookSession::open(&desk_store, &doc);
    assert_eq!(session.take_warnings(), Vec::<String>::new());
    let names: Vec<&str> = session
        .bookmarks()
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(names, ["kept", "desk's"]);
    assert_eq!(session.highlights().len(), 1);
    assert_eq!(session.resume(), Some(at(&doc, "【篇五】")));
    let (books, warnings) = desk_store.library();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(books.len(), 1);
    assert_eq!(names_in(&desk.join("books")), [format!("{fp}.json")]);
    assert!(!names_in(&desk).iter().any(|n| n.contains("conflict")));
    session.save().unwrap();
    assert!(git(&desk, &["add", "-A"]));
    assert!(
        git(&desk, &["commit", "-qm", "merged"]),
        "the merge can be committed"
    );
}

#[test]
fn a_book_taken_out_of_the_library_stays_out_when_an_older_copy_of_the_index_comes_back() {
    let m = written_apart();
    let desk = Store::new(&m.desk).with_machine("desk");
    desk.remove_from_library(&m.fp, None).unwrap();
    // The laptop's index, written before the removal, arrives as a conflict copy.
    fs::copy(
        m.laptop.join("library.json"),
        m.desk
            .join("library.sync-conflict-20261202-114421-LAPTOP7.json"),
    )
    .unwrap();
    let (books, warnings) = desk.library();
    assert_eq!(warnings, Vec::<String>::new());
    assert!(books.is_empty(), "the removed book came back: {books:?}");
    // The removal travels too: the laptop, given the desk's index as its conflict copy,
    // drops the book from its list as well.
    fs::copy(
        m.desk.join("library.json"),
        m.laptop
            .join("library (conflicted copy 2026-12-02 114421).json"),
    )
    .unwrap();
    let laptop = Store::new(&m.laptop).with_machine("laptop");
    assert!(laptop.library().0.is_empty());
    // Reading the book again lists it again.
    let doc = open(&m.desk_book);
    let mut session = BookSession::open(&desk, &doc);
    session.save().unwrap();
    assert_eq!(desk.library().0.len(), 1);
}
