//! One chapter of 5 MB: laid out in windows that the reader never sees. Page turns walk every
//! line once and in order, the lines are those of laying out the whole chapter at once, and a
//! place found at one width is found again at another. The document is built here with one
//! chapter, whatever the chapter finder would make of the text.

use kanshu::Document;
use kanshu::document::Chapter;
use kanshu::layout::{BookLayout, ChapterLayout, LayoutParams, Line, LineKind, layout_text};
use kanshu::position::Position;
use kanshu::view::DisplayLayout;

/// A book of one chapter: a heading, then `bytes` of CJK paragraphs of varied length (with
/// “dialogue”, …… and ASCII words), no blank lines.
fn long_book(bytes: usize) -> Document {
    let mut text = String::from("第一章 長夜\n");
    let words = [
        "天地玄黃，宇宙洪荒。",
        "“砰！”“砰！”……“連爺爺，快開門！”",
        "日月盈昃，辰宿列張——寒來暑往，",
        "他說：“Hello, world 2026。”",
        "秋收冬藏，閏餘成歲。",
    ];
    let mut n = 0usize;
    while text.len() < bytes {
        text.push_str("　　");
        for k in 0..(n * 7 % 23 + 1) {
            text.push_str(words[(n + k * 3) % words.len()]);
        }
        text.push('\n');
        n += 1;
    }
    Document {
        title: "長夜".into(),
        chapters: vec![Chapter {
            title: "第一章 長夜".into(),
            level: 1,
            range: 0..text.len(),
            heading: true,
        }],
        text,
        encoding: "UTF-8".into(),
        rule: "test".into(),
        source_bytes: 0,
        path: None,
        control_chars: 0,
        structure: Default::default(),
        sources: None,
        rules_stopped: None,
    }
}

fn params(width: usize, height: usize) -> LayoutParams {
    LayoutParams {
        width,
        height,
        ..LayoutParams::default()
    }
}

fn first_text_line_from(cl: &ChapterLayout, idx: usize) -> Option<usize> {
    (idx..cl.lines.len()).find(|&i| cl.lines[i].kind != LineKind::Blank)
}

/// Turn pages as the reader does (the page after the one at `top` starts `height` lines further
/// down); returns every text line shown, in order.
fn read_through(doc: &Document, layout: &mut BookLayout, height: usize) -> Vec<Line> {
    let mut top = Position::new(0, 0);
    let mut seen = Vec::new();
    loop {
        let cl = layout.chapter_at(doc, top);
        let line = cl.line_of_offset(top.offset);
        let end = (line + height).min(cl.lines.len());
        seen.extend(
            cl.lines[line..end]
                .iter()
                .filter(|l| l.kind != LineKind::Blank)
                .cloned(),
        );
        match first_text_line_from(cl, line + height) {
            Some(i) => top = Position::new(0, cl.lines[i].range.start),
            None => {
                assert!(cl.ends_chapter, "a window ended before the chapter did");
                return seen;
            }
        }
    }
}

#[test]
fn page_turns_through_a_long_chapter_show_the_whole_chapter_once() {
    let doc = long_book(1024 * 1024);
    let text = doc.chapter_text(0);
    let whole = layout_text(text, true, &params(60, 20));
    let want: Vec<Line> = whole
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Blank)
        .cloned()
        .collect();
    let mut layout = BookLayout::for_document(&doc, params(60, 20));
    let seen = read_through(&doc, &mut layout, 20);
    assert_eq!(seen.len(), want.len());
    assert!(
        seen == want,
        "the windows wrap the text as the whole chapter does"
    );
    // Only windows were laid out at a time, yet every segment once.
    assert!(layout.layouts_made() > 20);
    // Page numbers run from the first page to the last, never backwards.
    let mut last = 0;
    let mut top = Position::new(0, 0);
    for line in want.iter().step_by(20) {
        top.offset = line.range.start;
        let cl = layout.chapter_at(&doc, top);
        let page = cl.page_of_offset(top.offset);
        assert!(page >= last, "page {page} after {last}");
        assert!(page < cl.page_count());
        last = page;
    }
}

#[test]
fn positions_survive_rewrap_inside_a_5mb_chapter() {
    let doc = long_book(5 * 1024 * 1024);
    let text = doc.chapter_text(0);
    assert!(text.len() >= 5 * 1024 * 1024);
    let mut narrow = BookLayout::for_document(&doc, params(40, 20));
    let mut wide = BookLayout::for_document(&doc, params(97, 31));
    for k in 0..40 {
        // The top of the page holding a place spread through the chapter.
        let mut at = text.len() / 40 * k + 12_345 * k % 1000;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let (page, line) = narrow.locate(&doc, Position::new(0, at));
        let top_line = narrow.chapter_at(&doc, Position::new(0, at)).lines[line].clone();
        assert!(top_line.range.start <= at, "line {top_line:?} shows {at}");
        let top = Position::new(0, top_line.range.start);
        assert!(page < narrow.chapter_at(&doc, top).page_count());

        // Another width: the line shown holds the same place.
        let (_, l) = wide.locate(&doc, top);
        let shown = &wide.chapter_at(&doc, top).lines[l];
        assert!(
            shown.range.contains(&top.offset) || shown.range.start == top.offset,
            "at {k}: {shown:?} does not hold {top:?}"
        );
        // And back: the same line again, after the windows moved elsewhere.
        narrow.chapter_at(&doc, Position::new(0, text.len() - 1));
        let (_, again) = narrow.locate(&doc, top);
        assert_eq!(narrow.chapter_at(&doc, top).lines[again], top_line);
    }
    // A width change on the same layout keeps the place too.
    let mid = Position::new(
        0,
        wide.chapter_at(&doc, Position::new(0, text.len() / 2))
            .lines[0]
            .range
            .start,
    );
    let (_, l) = wide.locate(&doc, mid);
    let before = wide.chapter_at(&doc, mid).lines[l].clone();
    wide.set_params(params(52, 31));
    let (_, l) = wide.locate(&doc, mid);
    let after = wide.chapter_at(&doc, mid).lines[l].clone();
    assert!(after.range.start <= before.range.start && before.range.start < after.range.end);
}

#[test]
fn render_prints_a_long_chapter_page_by_page() {
    let doc = long_book(600 * 1024);
    let mut layout = DisplayLayout::for_document(&doc, params(50, 25));
    let text = doc.chapter_text(0);
    let mut at = 0;
    let mut page = 0;
    while page < layout.chapter(&doc, 0).page_count() {
        let start = layout.page_position(&doc, 0, page);
        assert!(
            page == 0 || start.offset > at,
            "page {page} starts after page {}",
            page - 1
        );
        at = start.offset;
        let printed = kanshu::cli::render::page_text(&doc, &mut layout, 0, page);
        let first = printed.lines().next().unwrap_or("").trim();
        assert!(
            text[at..].starts_with(first),
            "page {page} prints what starts at its position: {first:?}"
        );
        page += 1;
    }
    // The last page holds the end of the chapter.
    let last = layout.page_position(&doc, 0, page - 1);
    let tail = text.trim_end().chars().rev().take(3).collect::<String>();
    let printed = kanshu::cli::render::page_text(&doc, &mut layout, 0, page - 1);
    assert!(
        printed
            .trim_end()
            .ends_with(&tail.chars().rev().collect::<String>())
    );
    assert!(last.offset < text.len());
}

#[test]
fn the_reader_pages_through_a_long_chapter_without_a_seam() {
    use crate::common::press;
    use kanshu::app::App;

    let doc = long_book(700 * 1024);
    let text = doc.chapter_text(0).to_string();
    let mut app = App::new(doc, 80, 24);
    let mut last_end = 0;
    let mut last_page = 0;
    let mut pages = 0;
    loop {
        let view = app.view();
        let lines: Vec<_> = view
            .columns
            .iter()
            .flatten()
            .filter(|l| l.kind != LineKind::Blank)
            .collect();
        assert!(!lines.is_empty(), "page {pages} is empty");
        for l in &lines {
            // Each line starts where the one before it ended (only white space between).
            let gap = &text[last_end.min(l.range.start)..l.range.start];
            assert!(
                l.range.start >= last_end && gap.trim().is_empty(),
                "page {pages}: {gap:?} skipped before {:?}",
                l.range
            );
            assert!(
                !l.glyphs.is_empty(),
                "page {pages}: a line with nothing drawn"
            );
            last_end = l.range.end;
        }
        let page = view.pages.first().copied().unwrap_or(0);
        assert!(page >= last_page, "page number {page} after {last_page}");
        last_page = page;
        pages += 1;
        if last_end >= text.trim_end().len() {
            break;
        }
        press(&mut app, &["PageDown"]);
        assert!(pages < 100_000, "the reader never reached the end");
    }
    assert!(pages > 100);
}
