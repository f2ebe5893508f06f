//! Scripted key sequences through the real keymap and `App::update`, no terminal: every reader
//! key, page flow across chapter ends in both directions, counts, the command line and the jump
//! list.

use crate::common::*;
use kanshu::app::{App, Overlay};
use kanshu::document::Document;
use kanshu::keys::Action;
use kanshu::keys::Mode;
use kanshu::layout::LineKind;
use kanshu::position::Position;

/// (chapter, line start) of every text line on screen, in reading order.
fn visible_lines(app: &App) -> Vec<(usize, usize)> {
    app.view()
        .columns
        .iter()
        .flatten()
        .filter(|l| l.kind != LineKind::Blank)
        .map(|l| (l.chapter, l.range.start))
        .collect()
}

/// Every text line of the book in order, as the reader's layout has it.
fn all_lines(app: &App) -> Vec<(usize, usize)> {
    let mut layout =
        kanshu::layout::BookLayout::for_document(app.doc(), app.layout_params().clone());
    let mut out = Vec::new();
    for ch in 0..app.doc().chapters.len() {
        for l in &layout.chapter(app.doc(), ch).lines {
            if l.kind != LineKind::Blank {
                out.push((ch, l.range.start));
            }
        }
    }
    out
}

fn small_app() -> App {
    // 3 chapters of 30 body lines; 40×12 → pages of 11 lines.
    App::new(book(3, 30), 40, 12)
}

#[test]
fn paging_forward_shows_every_line_once_and_chapters_start_a_page() {
    for (w, h, lines) in [
        (40, 12, 30),
        (80, 24, 30),
        (200, 30, 30),
        (200, 30, 5),
        (200, 30, 40),
    ] {
        let mut app = App::new(book(3, lines), w, h);
        let mut seen = Vec::new();
        let mut tops = vec![app.top()];
        let mut column_tops = Vec::new();
        for _ in 0..200 {
            seen.extend(visible_lines(&app));
            for col in &app.view().columns {
                if let Some(l) = col.iter().find(|l| l.kind != LineKind::Blank) {
                    column_tops.push((l.chapter, l.range.start));
                }
            }
            let before = app.top();
            press(&mut app, &["space"]);
            if app.top() == before {
                break;
            }
            tops.push(app.top());
        }
        assert_eq!(seen, all_lines(&app), "at {w}×{h}");
        // Each chapter starts at the top of a page (a column of a spread counts as a page).
        for ch in 0..3 {
            assert!(
                column_tops.contains(&(ch, 0)),
                "chapter {ch} at {w}×{h}: {column_tops:?}"
            );
        }
        assert_eq!(
            app.message().map(|m| m.text.as_str()),
            Some("end of the book")
        );

        // And back again with `b`: the same page tops in reverse, ending at the start.
        let mut back = vec![app.top()];
        for _ in 0..200 {
            let before = app.top();
            press(&mut app, &["b"]);
            if app.top() == before {
                break;
            }
            back.push(app.top());
        }
        back.reverse();
        assert_eq!(back, tops, "back paging at {w}×{h}");
        assert_eq!(app.top(), Position::START);
        assert_eq!(
            app.message().map(|m| m.text.as_str()),
            Some("start of the book")
        );
    }
}

#[test]
fn a_spread_shows_the_next_chapter_on_the_right_page() {
    let mut app = App::new(book(5, 5), 200, 30);
    assert_eq!(app.geometry().columns.len(), 2);
    let first_chapters = |app: &App| -> Vec<usize> {
        app.view()
            .columns
            .iter()
            .filter_map(|c| c.first().map(|l| l.chapter))
            .collect()
    };
    assert_eq!(first_chapters(&app), vec![0, 1]);
    press(&mut app, &["space"]);
    assert_eq!(first_chapters(&app), vec![2, 3]);
    press(&mut app, &["space"]);
    assert_eq!(first_chapters(&app), vec![4]);
    press(&mut app, &["space"]);
    assert_eq!(app.message().unwrap().text, "end of the book");
    press(&mut app, &["b"]);
    assert_eq!(first_chapters(&app), vec![2, 3]);
    press(&mut app, &["b"]);
    assert_eq!(first_chapters(&app), vec![0, 1]);
    // G puts the book's last page on the right.
    press(&mut app, &["G"]);
    assert_eq!(first_chapters(&app), vec![3, 4]);
}

#[test]
fn every_page_key_turns_pages() {
    for next in ["space", "pagedown", "f", "right", "l"] {
        let mut app = small_app();
        press(&mut app, &[next]);
        assert_ne!(app.top(), Position::START, "{next}");
        let after = app.top();
        for prev in ["b", "pageup", "left", "h"] {
            let mut a2 = small_app();
            a2.set_top(after);
            press(&mut a2, &[prev]);
            assert_eq!(a2.top(), Position::START, "{prev}");
        }
    }
}

#[test]
fn page_back_from_a_chapter_start_lands_on_the_previous_chapters_last_page() {
    let mut app = small_app();
    press(&mut app, &["]"]);
    assert_eq!(app.top(), Position::new(1, 0));
    press(&mut app, &["b"]);
    assert_eq!(app.top().chapter, 0);
    // That page holds the chapter's last line and the next page is chapter 2's start.
    let last = *all_lines(&app).iter().rfind(|l| l.0 == 0).unwrap();
    assert!(visible_lines(&app).contains(&last));
    press(&mut app, &["space"]);
    assert_eq!(app.top(), Position::new(1, 0));
}

#[test]
fn lines_scroll_with_j_k_and_arrows_across_chapters() {
    let mut app = small_app();
    let lines = all_lines(&app);
    press(&mut app, &["j"]);
    assert_eq!(visible_lines(&app)[0], lines[1]);
    press(&mut app, &["down", "down"]);
    assert_eq!(visible_lines(&app)[0], lines[3]);
    press(&mut app, &["k", "up"]);
    assert_eq!(visible_lines(&app)[0], lines[1]);
    // At the last line of chapter 1, j moves into chapter 2.
    let last0 = lines.iter().filter(|l| l.0 == 0).count() - 1;
    app.set_top(Position::new(0, lines[last0].1));
    press(&mut app, &["j"]);
    assert_eq!(app.top(), Position::new(1, 0));
    // k at a chapter start goes back into the previous chapter, its end on screen.
    press(&mut app, &["k"]);
    assert_eq!(app.top().chapter, 0);
    assert!(visible_lines(&app).contains(&lines[last0]));
    // k at the very start says so.
    app.set_top(Position::START);
    press(&mut app, &["k"]);
    assert_eq!(app.top(), Position::START);
    assert!(app.message().is_some());
}

#[test]
fn chapter_keys() {
    let mut app = small_app();
    press(&mut app, &["n"]);
    assert_eq!(app.top(), Position::new(1, 0));
    press(&mut app, &["]"]);
    assert_eq!(app.top(), Position::new(2, 0));
    press(&mut app, &["]"]);
    assert_eq!(app.top(), Position::new(2, 0));
    assert_eq!(app.message().unwrap().text, "last chapter");
    press(&mut app, &["p"]);
    assert_eq!(app.top(), Position::new(1, 0));
    press(&mut app, &["["]);
    assert_eq!(app.top(), Position::new(0, 0));
    press(&mut app, &["["]);
    assert_eq!(app.message().unwrap().text, "first chapter");
}

#[test]
fn start_and_end_of_book() {
    for (end, start) in [("G", "g"), ("end", "home")] {
        let mut app = small_app();
        press(&mut app, &[end]);
        assert_eq!(app.top().chapter, 2);
        let last = *all_lines(&app).last().unwrap();
        assert!(visible_lines(&app).contains(&last));
        press(&mut app, &["space"]);
        assert_eq!(app.message().unwrap().text, "end of the book");
        press(&mut app, &[start]);
        assert_eq!(app.top(), Position::START);
    }
}

#[test]
fn count_prefixes() {
    let mut app = small_app();
    let lines = all_lines(&app);
    press(&mut app, &["3", "j"]);
    assert_eq!(visible_lines(&app)[0], lines[3]);
    assert_eq!(app.count(), None);
    press(&mut app, &["2", "g"]);
    assert_eq!(app.top(), Position::new(1, 0));
    press(&mut app, &["3", "G"]);
    assert_eq!(app.top(), Position::new(2, 0));
    press(&mut app, &["1", "g"]);
    press(&mut app, &["2", "n"]);
    assert_eq!(app.top(), Position::new(2, 0));
    press(&mut app, &["2", "p"]);
    assert_eq!(app.top(), Position::new(0, 0));
    press(&mut app, &["2", "space"]);
    let mut one = small_app();
    press(&mut one, &["space", "space"]);
    assert_eq!(app.top(), one.top());
    // A count shows in the status bar while it is typed; Esc drops it.
    press(&mut app, &["4", "2"]);
    assert_eq!(app.count(), Some(42));
    assert!(status_text(&app).contains("42"));
    press(&mut app, &["esc"]);
    assert_eq!(app.count(), None);
    // A chapter that does not exist is an error message, not a move.
    let before = app.top();
    press(&mut app, &["9", "g"]);
    assert_eq!(app.top(), before);
    assert!(app.message().unwrap().error);
    // 50% goes to the middle of the book.
    press(&mut app, &["5", "0", "%"]);
    // It lands where the status bar then says 50%.
    assert!((50.0..51.0).contains(&app.percent()), "{}", app.percent());
    assert!(status_text(&app).contains("50%"));
}

#[test]
fn command_line_chapter_and_percent() {
    let mut app = App::new(book(50, 3), 80, 24);
    press(&mut app, &[":"]);
    assert_eq!(app.mode(), Mode::Prompt);
    type_text(&mut app, "42");
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), Position::new(41, 0));
    assert!(status_text(&app).contains("第42章"));

    press(&mut app, &[":"]);
    type_text(&mut app, "37%");
    press(&mut app, &["enter"]);
    let p = app.percent();
    assert!((37.0..38.0).contains(&p), "{p}");
    assert!(status_text(&app).contains(&format!("{}%", p.floor())));

    press(&mut app, &[":"]);
    type_text(&mut app, "nonsense");
    press(&mut app, &["enter"]);
    assert!(app.message().unwrap().error);
    press(&mut app, &[":"]);
    type_text(&mut app, "999");
    press(&mut app, &["enter"]);
    assert!(app.message().unwrap().text.contains("50 chapters"));
    press(&mut app, &[":"]);
    type_text(&mut app, "140%");
    press(&mut app, &["enter"]);
    assert!(app.message().unwrap().error);
    // Esc leaves the command line without doing anything.
    let before = app.top();
    press(&mut app, &[":"]);
    type_text(&mut app, "1");
    press(&mut app, &["esc"]);
    assert_eq!(app.top(), before);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &[":"]);
    type_text(&mut app, "q");
    press(&mut app, &["enter"]);
    assert!(app.should_quit());
}

#[test]
fn jump_list_back_and_forward() {
    let mut app = App::new(book(50, 3), 80, 24);
    press(&mut app, &["1", "0", "g"]); // chapter jump
    let a = app.top();
    press(&mut app, &[":"]);
    type_text(&mut app, "50%");
    press(&mut app, &["enter"]); // percent jump
    let b = app.top();
    press(&mut app, &["t", "k", "enter"]); // TOC jump to the chapter before
    let c = app.top();
    press(&mut app, &["/"]);
    type_text(&mut app, "c40 line 2");
    press(&mut app, &["enter"]); // search jump
    let d = app.top();
    assert_eq!(d.chapter, 39);
    press(&mut app, &["G"]); // end of book
    let e = app.top();
    assert!(a != b && b != c && c != d && d != e);

    for want in [d, c, b, a, Position::START] {
        press(&mut app, &["ctrl-o"]);
        assert_eq!(app.top(), want);
    }
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.top(), Position::START);
    assert_eq!(app.message().unwrap().text, "no earlier jump");
    for want in [a, b, c, d, e] {
        press(&mut app, &["ctrl-n"]);
        assert_eq!(app.top(), want);
    }
    press(&mut app, &["ctrl-n"]);
    assert_eq!(app.message().unwrap().text, "no later jump");
    // A new jump after going back drops the forward history.
    press(&mut app, &["ctrl-o", "ctrl-o", "g"]);
    press(&mut app, &["ctrl-n"]);
    assert_eq!(app.message().unwrap().text, "no later jump");
}

#[test]
fn search_is_incremental_counts_wraps_and_cancels() {
    let mut app = App::new(book(5, 30), 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "c3 line 2");
    // The view already follows: chapter 3's match is on screen before Enter.
    assert_eq!(app.top().chapter, 2);
    // "c3 line 2", "c3 line 20".."c3 line 29": 11 matches.
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.matches.ranges.len(), 11);
    assert!(status_text(&app).contains("match 1 of 11"));
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), Mode::Reader);
    // Matches are highlighted on screen.
    let visible = app.view().visible.clone();
    let s = app.search.as_ref().unwrap();
    assert!(s.matches.ranges.iter().any(|r| visible.contains(&r.start)));
    press(&mut app, &["n"]);
    assert!(status_text(&app).contains("match 2 of 11"));
    press(&mut app, &["N", "N"]);
    assert!(status_text(&app).contains("match 11 of 11"));
    assert!(app.message().unwrap().text.contains("continued"));
    press(&mut app, &["1", "0", "n"]);
    assert!(status_text(&app).contains("match 10 of 11"));
    // Esc clears the search; n is then the next chapter again.
    press(&mut app, &["esc"]);
    assert!(app.search.is_none());
    let ch = app.top().chapter;
    press(&mut app, &["n"]);
    assert_eq!(app.top().chapter, ch + 1);

    // Esc in the prompt returns to where the search started.
    let origin = app.top();
    press(&mut app, &["/"]);
    type_text(&mut app, "c5 line 30");
    assert_ne!(app.top(), origin);
    press(&mut app, &["esc"]);
    assert_eq!(app.top(), origin);
    // The search stays for n, which finds it from here; a second Esc clears it.
    assert_eq!(app.search.as_ref().unwrap().query, "c5 line 30");
    press(&mut app, &["n"]);
    assert_eq!(app.top().chapter, 4);
    press(&mut app, &["esc"]);
    assert!(app.search.is_none());
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.top(), origin);

    // Not found: a message, the view stays.
    press(&mut app, &["/"]);
    type_text(&mut app, "zzz");
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), origin);
    assert!(app.message().unwrap().text.contains("not found"));
}

#[test]
fn search_smart_case_regex_and_backward() {
    let mut app = App::new(book(3, 10), 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "chapter");
    let n_insensitive = app.search.as_ref().unwrap().matches.ranges.len();
    assert_eq!(n_insensitive, 3);
    press(&mut app, &["backspace"; 7]);
    type_text(&mut app, "CHAPTER");
    assert_eq!(app.search.as_ref().unwrap().matches.ranges.len(), 0);
    press(&mut app, &["esc"]);

    press(&mut app, &["/", "ctrl-r"]);
    assert!(app.regex_mode);
    type_text(&mut app, r"c[23] line 1\b");
    assert_eq!(app.search.as_ref().unwrap().matches.ranges.len(), 2);
    assert!(status_text(&app).contains("[regex]"));
    press(&mut app, &["enter"]);
    // A bad regex is reported, not a crash.
    press(&mut app, &["/"]);
    type_text(&mut app, "(");
    assert!(status_text(&app).contains("bad regex"));
    press(&mut app, &["enter"]);
    assert!(app.message().unwrap().error);
    press(&mut app, &["/", "ctrl-r"]);
    assert!(!app.regex_mode);
    press(&mut app, &["esc"]);

    // `?` searches backward from the top of the view: the last match before it.
    press(&mut app, &["G"]);
    assert_eq!(app.top(), Position::new(2, 0));
    press(&mut app, &["?"]);
    type_text(&mut app, "line 1 ");
    press(&mut app, &["enter"]);
    let s = app.search.as_ref().unwrap();
    assert!(s.backward);
    assert_eq!(
        s.current,
        Some(1),
        "chapter 2's 'line 1 ' is the last before the view"
    );
    assert_eq!(app.top().chapter, 1);
    // n keeps the search's direction (backward), N goes the other way.
    press(&mut app, &["n"]);
    assert_eq!(app.search.as_ref().unwrap().current, Some(0));
    press(&mut app, &["N", "N"]);
    assert_eq!(app.search.as_ref().unwrap().current, Some(2));
    assert_eq!(app.top().chapter, 2);
}

#[test]
fn question_mark_twice_opens_help_and_f1_too() {
    let mut app = small_app();
    press(&mut app, &["?", "?"]);
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &["j", "k", "space", "b"]);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["f1"]);
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, &["?"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["f1", "q"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(!app.should_quit());
}

#[test]
fn toc_browse_filter_jump_and_close() {
    let mut app = App::new(book(12, 3), 80, 24);
    press(&mut app, &["5", "g"]);
    press(&mut app, &["t"]);
    let Overlay::Toc(t) = &app.overlay else {
        panic!("toc not open")
    };
    assert_eq!(
        t.entries[t.list.selected], 4,
        "the current chapter is selected"
    );
    press(&mut app, &["j", "j", "k", "down"]);
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), Position::new(6, 0));
    assert_eq!(app.mode(), Mode::Reader);

    // Tab toggles; Esc closes.
    press(&mut app, &["tab"]);
    assert_eq!(app.mode(), Mode::Toc);
    press(&mut app, &["tab"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["t", "esc"]);
    assert_eq!(app.mode(), Mode::Reader);

    // Typing filters, CJK included; Enter jumps to the selected match.
    press(&mut app, &["t"]);
    type_text(&mut app, "第11");
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.entries, vec![10]);
    assert_eq!(app.mode(), Mode::TocFilter);
    press(&mut app, &["enter"]);
    assert_eq!(app.top(), Position::new(10, 0));

    // `/` starts the filter too; j is then typed, not a move. Esc clears the filter, then closes.
    press(&mut app, &["t", "/"]);
    type_text(&mut app, "chapter 1");
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.entries, vec![0, 9, 10, 11]);
    press(&mut app, &["backspace", "backspace"]);
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.entries.len(), 12);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Toc);
    press(&mut app, &["G", "g", "pagedown", "pageup", "end", "home"]);
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    // q closes the contents, as it closes every other panel.
    press(&mut app, &["t", "q"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(!app.should_quit());
}

#[test]
fn mouse_wheel_scrolls_and_click_on_toc_entry_jumps() {
    let mut app = small_app();
    let lines = all_lines(&app);
    app.update(Action::Wheel { down: true });
    assert_eq!(visible_lines(&app)[0], lines[3]);
    app.update(Action::Wheel { down: false });
    assert_eq!(app.top(), Position::START);

    let mut app = App::new(book(12, 3), 80, 24);
    press(&mut app, &["t"]);
    let list = app.geometry().toc_list();
    // Third row of the list = chapter 3.
    app.update(Action::Click {
        column: list.x + 2,
        row: list.y + 2,
    });
    assert_eq!(app.top(), Position::new(2, 0));
    assert_eq!(app.mode(), Mode::Reader);
    // A click outside the box closes it.
    press(&mut app, &["t"]);
    app.update(Action::Click { column: 79, row: 0 });
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.top(), Position::new(2, 0));
}

#[test]
fn resize_keeps_the_same_text_on_top() {
    let mut app = App::new(book(3, 30), 100, 30);
    press(&mut app, &["space", "j", "j"]);
    let top = app.top();
    let text = top_line_text(&app);
    for (w, h) in [(50, 20), (1, 1), (40, 12), (120, 40), (100, 30)] {
        app.update(Action::Resize(w, h));
        assert_eq!(app.top(), top, "{w}×{h}");
        if !app.geometry().too_small {
            let now = top_line_text(&app);
            assert!(
                text.starts_with(&now) || now.starts_with(&text),
                "{w}×{h}: {now:?} vs {text:?}"
            );
        }
    }
}

#[test]
fn q_quits_and_esc_closes_in_every_mode() {
    let mut app = small_app();
    press(&mut app, &["/", "esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["f1", "esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["t", "esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &["esc"]);
    assert!(!app.should_quit());
    press(&mut app, &["q"]);
    assert!(app.should_quit());
    let mut app = small_app();
    press(&mut app, &["ctrl-c"]);
    assert!(app.should_quit());
}

#[test]
fn keys_left_free_for_bookmarks_do_nothing() {
    let mut app = small_app();
    press(&mut app, &["space"]);
    let top = app.top();
    press(&mut app, &["m", "'", "B", "L"]);
    assert_eq!(app.top(), top);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn bookmarks_mark_the_status_bar() {
    let mut app = small_app();
    assert!(!status_text(&app).contains('★'));
    app.reader.bookmarks.push(Position::new(0, 0));
    app.update(Action::Resize(40, 12));
    assert!(status_text(&app).contains('★'));
    press(&mut app, &["]"]);
    assert!(!status_text(&app).contains('★'));
}

#[test]
fn every_key_on_an_empty_book_and_a_one_line_book() {
    for text in ["", "one line", "\n\n\n", "第一章\n"] {
        let doc = Document::from_text(text.to_string(), "empty");
        let mut app = App::new(doc, 40, 12);
        let keys = [
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
            "5",
            "%",
            "3",
            "g",
            "ctrl-o",
            "ctrl-n",
            "t",
            "j",
            "enter",
            "t",
            "x",
            "backspace",
            "esc",
            "esc",
            "/",
            "a",
            "enter",
            "n",
            "N",
            "?",
            "b",
            "esc",
            ":",
            "5",
            "0",
            "%",
            "enter",
            "f1",
            "j",
            "esc",
        ];
        for k in keys {
            press(&mut app, &[k]);
            let _ = render(&app);
        }
        app.update(Action::Resize(1, 1));
        let _ = render(&app);
        assert!(!app.should_quit());
    }
}

#[test]
fn wheel_scrolls_the_contents_and_help() {
    let mut app = App::new(book(60, 1), 80, 24);
    press(&mut app, &["t"]);
    for _ in 0..30 {
        app.update(Action::Wheel { down: true });
    }
    let rows = app.geometry().toc_list().height as usize;
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.list.scroll, 60 - rows, "scrolled to the end, not past it");
    assert!(t.list.selected >= t.list.scroll && t.list.selected < t.list.scroll + rows);
    app.update(Action::Wheel { down: false });
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.list.scroll, 60 - rows - 3);
    // Filtering to nothing, then the wheel: no panic, nothing selected to jump to.
    type_text(&mut app, "zzz");
    app.update(Action::Wheel { down: true });
    press(&mut app, &["enter"]);
    assert!(app.message().unwrap().error);
    press(&mut app, &["esc", "esc", "f1"]);
    app.update(Action::Wheel { down: true });
    let Overlay::Help { scroll } = app.overlay else {
        panic!()
    };
    assert_eq!(scroll, 3);
}

#[test]
fn replacing_the_document_keeps_size_and_clamps_the_top() {
    let mut app = App::new(book(5, 30), 80, 24);
    press(&mut app, &["G", "/"]);
    type_text(&mut app, "line");
    press(&mut app, &["enter"]);
    app.replace_document(book(2, 3), Position::new(9, 999));
    assert_eq!(app.top().chapter, 1);
    assert!(app.search.is_none());
    assert_eq!(app.mode(), Mode::Reader);
    assert!(status_text(&app).contains("第2章"));
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.message().unwrap().text, "no earlier jump");
}

#[test]
fn toc_opens_with_the_current_chapter_in_view() {
    let mut app = App::new(book(200, 1), 80, 24);
    press(&mut app, &["1", "5", "0", "g", "t"]);
    let rows = app.geometry().toc_list().height as usize;
    let Overlay::Toc(t) = &app.overlay else {
        panic!()
    };
    assert_eq!(t.entries[t.list.selected], 149);
    assert!(t.list.scroll <= 149 && 149 < t.list.scroll + rows);
    assert!(status_text(&app).contains("第150章"));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("▸ 150 第150章"), "{screen}");
}
