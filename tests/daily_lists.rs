//! Lists and prompts a reader uses every day: a long line typed into a prompt keeps up with
//! the keys, the bookmark list and the library move like the contents list (paging, first and
//! last, typing filters the library), and `A` then Esc leaves no highlight behind. Keys go
//! through the real keymap; what is checked is what the screen shows.

use std::path::Path;

use crate::common::*;
use kanshu::app::{App, Overlay};
use kanshu::keys::Mode;
use kanshu::store::Store;
use kanshu::{Document, LoadOptions};

fn reader(path: &Path, config: &Path) -> App {
    let doc = Document::open(path, &LoadOptions::default()).expect("the book opens");
    let mut app = App::new(doc, 80, 24);
    app.attach_store(Store::new(config));
    app
}

/// Type `line` key by key, drawing a frame after each as the terminal loop does.
fn type_drawing(app: &mut App, line: &str) {
    let mut buf = [0u8; 4];
    for c in line.chars() {
        type_text(app, c.encode_utf8(&mut buf));
        render(app);
    }
}

#[test]
fn five_thousand_keys_into_a_prompt_are_all_there() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = reader(&fixture("seed.txt"), tmp.path());
    // Letters, spaces and Han (a Han character makes the search match either script): each
    // key searched the book again and built its pattern from every ideograph, so typing
    // slowed with every key.
    let line = "ab 中".repeat(1250);
    assert_eq!(line.chars().count(), 5000);

    press(&mut app, &["/"]);
    type_drawing(&mut app, &line);
    let status = status_text(&app);
    assert!(
        status.contains("/…") && status.contains("ab 中ab 中"),
        "{status}"
    );
    assert!(status.contains("no match"), "{status}");
    assert_eq!(
        app.search.as_ref().map(|s| s.query.as_str()),
        Some(&line[..])
    );
    // A short query typed after clearing the line is searched and found (in either script).
    press(&mut app, &["ctrl-u"]);
    type_drawing(&mut app, "脱贫");
    let status = status_text(&app);
    assert!(
        status.contains("/脱贫") && !status.contains("no match"),
        "{status}"
    );
    assert!(app.search.as_ref().is_some_and(|s| s.current.is_some()));
    press(&mut app, &["esc", "esc"]);

    press(&mut app, &["m"]);
    let name = "书签 x".repeat(1250);
    type_drawing(&mut app, &name);
    assert!(status_text(&app).contains("书签 x书签 x"));
    // The cursor goes to the start, and a key typed there lands first.
    press(&mut app, &["home"]);
    type_drawing(&mut app, "Z");
    press(&mut app, &["enter"]);
    let rows = app.bookmark_rows();
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].name.starts_with("Z书签 x书签 x"),
        "{}",
        rows[0].name
    );
    assert!(status_text(&app).contains("bookmarked: Z书签 x"));
}
