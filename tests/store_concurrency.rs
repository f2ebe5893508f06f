//! Two kanshu processes reading the same book save in any interleaving and neither loses the
//! other's bookmarks or deletions. The writers are real processes: this test binary started
//! again with `writer_process` selected and its instructions in the environment.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use kanshu::Document;
use kanshu::store::{BookSession, Store};

const SEED: &str = include_str!("fixtures/seed.txt");
const ROUNDS: usize = 25;

fn seed_doc() -> Document {
    Document::from_text(SEED.to_string(), "seed")
}

/// One writer: opens the book once, then adds a bookmark and saves, `ROUNDS` times, deleting
/// every fifth bookmark it made again (also saved) — all on a session opened before the other
/// writer's saves, so nothing survives without the merge.
fn write_rounds(dir: &Path, tag: &str) {
    let doc = seed_doc();
    let store = Store::new(dir);
    let mut session = BookSession::open(&store, &doc);
    let step = doc.text.len() / (ROUNDS + 1);
    for i in 0..ROUNDS {
        let pos = doc.position_of(doc.text.floor_char_boundary(step * (i + 1)));
        let id = session.add_bookmark(&doc, pos, Some(&format!("{tag}-{i}")));
        session.set_position(&doc, pos);
        session.save().expect("save");
        if i % 5 == 4 {
            session.delete_bookmark(&id);
            session.save().expect("save after delete");
        }
    }
}

fn expected(tags: &[&str]) -> BTreeSet<String> {
    tags.iter()
        .flat_map(|t| {
            (0..ROUNDS)
                .filter(|i| i % 5 != 4)
                .map(move |i| format!("{t}-{i}"))
        })
        .collect()
}

fn saved_names(dir: &Path) -> BTreeSet<String> {
    let session = BookSession::open(&Store::new(dir), &seed_doc());
    session.bookmarks().iter().map(|b| b.name.clone()).collect()
}

/// Not a test on its own (so ignored, and it never passes): the child process that
/// `two_processes_lose_nothing` starts twice.
#[test]
#[ignore = "child process of two_processes_lose_nothing"]
fn writer_process() {
    let (Some(dir), Some(tag)) = (
        std::env::var_os("KANSHU_TEST_WRITER_DIR"),
        std::env::var_os("KANSHU_TEST_WRITER_TAG"),
    ) else {
        panic!("run by two_processes_lose_nothing, not on its own");
    };
    write_rounds(Path::new(&dir), &tag.to_string_lossy());
}

#[test]
fn two_processes_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["left", "right"]
        .iter()
        .map(|tag| {
            Command::new(&exe)
                .stdout(std::process::Stdio::null())
                .args([
                    "store_concurrency::writer_process",
                    "--exact",
                    "--ignored",
                    "--test-threads=1",
                    "--quiet",
                ])
                .env("KANSHU_TEST_WRITER_DIR", tmp.path())
                .env("KANSHU_TEST_WRITER_TAG", tag)
                .env("KANSHU_CONFIG_DIR", tmp.path())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success(), "a writer failed");
    }
    assert_eq!(saved_names(tmp.path()), expected(&["left", "right"]));
    let books = tmp.path().join("books");
    let files: Vec<_> = std::fs::read_dir(books).unwrap().collect();
    assert_eq!(files.len(), 1, "no temp files left behind");
}

#[test]
fn two_threads_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let dir2 = dir.clone();
    let t = std::thread::spawn(move || write_rounds(&dir2, "thread"));
    write_rounds(&dir, "main");
    t.join().unwrap();
    assert_eq!(saved_names(&dir), expected(&["main", "thread"]));
}
