//! `BookLayout`: auto settings decided once per book, lazy per-chapter layout, caching, and
//! positions that keep the same text on top across a resize.

use kanshu::Document;
use kanshu::layout::{BookLayout, LayoutParams, LineKind, ParagraphMode, render_line};
use kanshu::position::Position;

fn cjk_book() -> Document {
    let mut text = String::new();
    for n in 1..=5 {
        text.push_str(&format!("第{n}章 標題\n"));
        for p in 0..40 {
            text.push_str(&format!(
                "　　這是第{n}章第{p}段：天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。\n"
            ));
        }
    }
    Document::from_text(text, "cjk")
}

fn english_book() -> Document {
    let mut text = String::new();
    for _ in 0..20 {
        text.push_str("It was the best of times, it was the worst of times, it was\n");
        text.push_str("the age of wisdom, it was the age of foolishness.\n\n");
    }
    Document::from_text(text, "english")
}

fn params(width: usize) -> LayoutParams {
    LayoutParams {
        width,
        height: 10,
        ..LayoutParams::default()
    }
}

#[test]
fn auto_settings_are_decided_once_per_book() {
    let cjk = BookLayout::for_document(&cjk_book(), params(40));
    assert_eq!(cjk.resolved_params().paragraph_mode, ParagraphMode::Lines);
    assert_eq!(
        cjk.resolved_params().indent,
        None,
        "auto indent is decided per paragraph"
    );
    assert_eq!(cjk.resolved_params().paragraph_spacing, Some(false));

    let doc = english_book();
    let mut eng = BookLayout::for_document(&doc, params(40));
    assert_eq!(eng.resolved_params().paragraph_mode, ParagraphMode::Blank);
    assert_eq!(eng.resolved_params().indent, None);
    assert_eq!(eng.resolved_params().paragraph_spacing, Some(true));
    // Hard-wrapped lines are joined: the second source line continues the first paragraph.
    let text = doc.chapter_text(0);
    let p = eng.resolved_params().clone();
    let lines: Vec<String> = eng
        .chapter(&doc, 0)
        .page_lines(0)
        .iter()
        .map(|l| render_line(text, l, &p))
        .collect();
    assert_eq!(lines[0], "It was the best of times, it was the");
    assert_eq!(lines[1], "worst of times, it was the age of");
    assert_eq!(lines[2], "wisdom, it was the age of foolishness.");
    assert_eq!(lines[3], "");
    // An explicit setting wins over auto.
    let forced = BookLayout::for_document(
        &doc,
        LayoutParams {
            paragraph_mode: ParagraphMode::Lines,
            indent: Some(2),
            ..params(40)
        },
    );
    assert_eq!(
        forced.resolved_params().paragraph_mode,
        ParagraphMode::Lines
    );
    assert_eq!(forced.resolved_params().indent, Some(2));
}

#[test]
fn turning_pages_never_rewraps_and_a_resize_relays_only_the_chapter_asked_for() {
    let doc = cjk_book();
    let mut book = BookLayout::for_document(&doc, params(40));
    let pages = book.chapter(&doc, 2).page_count();
    assert!(pages > 3);
    for page in 0..pages {
        let _ = book.chapter(&doc, 2).page_lines(page);
    }
    assert_eq!(book.layouts_made(), 1);
    assert!(!book.is_cached(1) && !book.is_cached(3));

    // Same params again: nothing dropped.
    book.set_params(params(40));
    assert!(book.is_cached(2));
    // New width: only the chapter asked for is laid out again.
    book.set_params(params(30));
    assert!(!book.is_cached(2));
    let _ = book.chapter(&doc, 2);
    assert_eq!(book.layouts_made(), 2);
    assert!(book.is_cached(2) && !book.is_cached(0) && !book.is_cached(4));
}

#[test]
fn the_top_line_stays_on_top_across_resizes() {
    let doc = cjk_book();
    let mut book = BookLayout::for_document(&doc, params(40));
    let layout = book.chapter(&doc, 1).clone();
    let top_line = layout.pages[3] + 2;
    let top = Position::new(1, layout.line_offset(top_line));
    for width in [2, 3, 7, 20, 33, 57, 80, 200] {
        book.set_params(params(width));
        let (page, line) = book.locate(&doc, top);
        let l = book.chapter(&doc, 1);
        let shown = &l.lines[line];
        assert!(shown.range.start <= top.offset && top.offset < shown.range.end);
        assert!(l.page_lines(page).contains(shown));
    }
    // And back: the same page start as before.
    book.set_params(params(40));
    let (page, line) = book.locate(&doc, top);
    assert_eq!(line, top_line);
    assert_eq!(page, 3);
}

#[test]
fn every_chapter_starts_on_a_new_page_with_its_heading() {
    let doc = cjk_book();
    let mut book = BookLayout::for_document(&doc, params(40));
    for idx in 0..doc.chapters.len() {
        if !doc.chapters[idx].heading {
            continue;
        }
        let layout = book.chapter(&doc, idx);
        let first = &layout.page_lines(0)[0];
        assert_eq!(first.kind, LineKind::Heading);
        assert_eq!(layout.page_lines(0)[1].kind, LineKind::Blank);
        assert_eq!(book.page_position(&doc, idx, 0), Position::new(idx, 0));
    }
}

#[test]
fn line_spacing_and_paragraph_spacing_add_spacer_lines() {
    let doc = cjk_book();
    let mut book = BookLayout::for_document(
        &doc,
        LayoutParams {
            line_spacing: 1,
            paragraph_spacing: Some(true),
            ..params(200)
        },
    );
    let idx = doc.chapters.iter().position(|c| c.heading).unwrap();
    let layout = book.chapter(&doc, idx);
    let kinds: Vec<LineKind> = layout.lines.iter().take(6).map(|l| l.kind).collect();
    use LineKind::*;
    // Heading, then two blanks (line + paragraph spacing), paragraph, two blanks, …
    assert_eq!(kinds, [Heading, Blank, Blank, Body, Blank, Blank]);
}

#[test]
fn a_position_between_paragraphs_shows_the_next_paragraph() {
    let doc = cjk_book();
    let mut book = BookLayout::for_document(&doc, params(40));
    let idx = doc.chapters.iter().position(|c| c.heading).unwrap();
    let text = doc.chapter_text(idx);
    // The indentation "　　" before the third paragraph.
    let para = text.match_indices("\n　　").nth(2).map(|(i, _)| i).unwrap();
    let (_, line) = book.locate(&doc, Position::new(idx, para + 1 + "　".len()));
    let l = &book.chapter(&doc, idx).lines[line];
    assert_eq!(l.range.start, para + 1 + "　　".len());
    assert_eq!(l.indent, 4);
}

#[test]
fn a_tiny_book_keeps_one_paragraph_per_line() {
    let doc = Document::from_text("一二三\n四五六\n".to_string(), "tiny");
    let mut book = BookLayout::for_document(&doc, params(40));
    assert_eq!(book.resolved_params().paragraph_mode, ParagraphMode::Lines);
    assert_eq!(book.chapter(&doc, 0).lines.len(), 2);
}

#[test]
fn params_stay_as_asked_so_they_can_open_another_book() {
    let english = english_book();
    let cjk = cjk_book();
    let eng = BookLayout::for_document(&english, params(40));
    assert_eq!(eng.params(), &params(40));
    assert_eq!(eng.resolved_params().paragraph_mode, ParagraphMode::Blank);
    // Handing the English book's params to a CJK book decides auto settings afresh.
    let next = BookLayout::for_document(&cjk, eng.params().clone());
    assert_eq!(next.resolved_params().paragraph_mode, ParagraphMode::Lines);
    assert_eq!(next.resolved_params().paragraph_spacing, Some(false));
}
