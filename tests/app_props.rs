//! Properties of the reader under random key sequences and sizes: no panic, the top of the
//! screen is always a real place in the book (a chapter that exists, a character boundary), a
//! resize never moves it, and drawing never panics.

use crate::common::*;
use kanshu::app::App;
use kanshu::keys::Action;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "space",
    "b",
    "j",
    "k",
    "n",
    "p",
    "]",
    "[",
    "g",
    "G",
    "1",
    "2",
    "5",
    "0",
    "%",
    "ctrl-o",
    "ctrl-n",
    "t",
    "enter",
    "esc",
    "/",
    "?",
    "N",
    ":",
    "f1",
    "x",
    "backspace",
    "ctrl-r",
    "tab",
    "down",
    "up",
    "pagedown",
    "pageup",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_keep_a_valid_top(
        keys in proptest::collection::vec(0..KEYS.len(), 1..40),
        sizes in proptest::collection::vec((1u16..140, 1u16..50), 1..4),
        chapters in 1usize..5,
        lines in 0usize..40,
    ) {
        let mut app = App::new(book(chapters, lines), 80, 24);
        for (i, k) in keys.iter().enumerate() {
            if i % 15 == 7 {
                let (w, h) = sizes[i % sizes.len()];
                let before = app.top();
                app.update(Action::Resize(w, h));
                prop_assert_eq!(app.top(), before);
            }
            press(&mut app, &[KEYS[*k]]);
            if app.should_quit() {
                break;
            }
            let top = app.top();
            prop_assert!(top.chapter < app.doc().chapters.len());
            let text = app.doc().chapter_text(top.chapter);
            prop_assert!(top.offset <= text.len());
            prop_assert!(text.is_char_boundary(top.offset));
            if i % 5 == 0 {
                let _ = render(&app);
            }
        }
    }
}
