//! The `Reader` on its own, without a terminal, a panel or a keymap: page turns across chapter
//! ends, counts, jumps, and a new page frame that keeps the same text at the top.

use crate::common::*;
use kanshu::Position;
use kanshu::app::{PageFrame, Reader};
use kanshu::keys::Action;
use kanshu::layout::LayoutParams;

fn frame(width: usize, height: usize) -> (PageFrame, LayoutParams) {
    let params = LayoutParams {
        width,
        height,
        ..LayoutParams::default()
    };
    let frame = PageFrame {
        columns: 1,
        width,
        height,
        too_small: false,
    };
    (frame, params)
}

fn reader(chapters: usize, lines: usize, width: usize, height: usize) -> Reader {
    let (frame, params) = frame(width, height);
    Reader::new(book(chapters, lines), params, frame)
}

#[test]
fn pages_flow_into_the_next_chapter_and_stop_at_the_end() {
    let mut r = reader(2, 5, 40, 4);
    assert_eq!(r.top(), Position::START);
    let mut tops = vec![r.top()];
    while r.next_page() {
        tops.push(r.top());
    }
    assert!(tops.iter().any(|p| *p == Position::new(1, 0)), "{tops:?}");
    assert_eq!(
        r.message().map(|m| m.text.as_str()),
        Some("end of the book")
    );
    r.refresh();
    // Every text line of the last page is on screen, and nothing after it.
    assert_eq!(r.view().visible.end, r.doc.text.trim_end().len());
}

#[test]
fn counts_go_to_chapters_and_jumps_come_back() {
    let mut r = reader(5, 3, 40, 10);
    r.push_digit(3);
    let count = r.take_count();
    assert!(r.navigate(&Action::BookStart, count));
    assert_eq!(r.top(), Position::new(2, 0));
    assert!(r.navigate(&Action::JumpBack, None));
    assert_eq!(r.top(), Position::START);
    assert!(r.navigate(&Action::JumpForward, None));
    assert_eq!(r.top(), Position::new(2, 0));
    assert!(!r.navigate(&Action::ToggleToc, None), "not a move");
}

#[test]
fn a_new_frame_keeps_the_text_at_the_top() {
    let mut r = reader(1, 60, 40, 10);
    r.repeat(7, Reader::line_down);
    r.refresh();
    let top = r.top();
    let first = |r: &Reader| {
        let line = &r.view().columns[0][0];
        r.doc.chapter_text(line.chapter)[line.range.clone()].to_string()
    };
    let before = first(&r);
    let (f, p) = frame(24, 6);
    r.set_frame(f, p);
    // Narrower, the line on top is the one holding the same character.
    let line = &r.view().columns[0][0];
    assert!(line.range.contains(&top.offset), "{line:?} {top:?}");
    let (f, p) = frame(40, 10);
    r.set_frame(f, p);
    assert_eq!(r.top(), top);
    assert_eq!(first(&r), before);
}
