//! Fuzz target: layout at random widths, heights and settings, on random and hostile books.
//!
//! Whatever the text and the params: no line is wider than the width (unless it holds one
//! grapheme cluster wider than the width, which goes on a line of its own), no glyph carries a
//! control character (or a tab or line separator) to the terminal, `render_line` prints what
//! `line_glyphs` draws, lines are in order on character boundaries and cover every visible
//! character, pages hold at most `height` lines, and locating any position — however wild,
//! as a stale state file could hold — never panics. See `fuzz_support` for long runs.

use crate::fuzz_support::{book, config, raw_control};
use kanshu::document::Format;
use kanshu::layout::{
    BookLayout, ChapterLayout, LayoutParams, LineKind, ParagraphMode, layout_chapter, line_glyphs,
    render_line,
};
use kanshu::{Document, Position};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn params() -> impl Strategy<Value = LayoutParams> {
    (
        prop_oneof![
            8 => 0usize..=40,
            3 => 40usize..=300,
            1 => Just(10_000usize),
        ],
        prop_oneof![4 => 0usize..=60, 1 => Just(100_000usize)],
        prop::option::of(0usize..=12),
        0u8..=3,
        prop::option::of(any::<bool>()),
        prop::sample::select(vec![
            ParagraphMode::Auto,
            ParagraphMode::Lines,
            ParagraphMode::Blank,
            ParagraphMode::Indent,
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(width, height, indent, line_spacing, paragraph_spacing, mode, wide, justify)| {
                LayoutParams {
                    width,
                    height,
                    indent,
                    line_spacing,
                    paragraph_spacing,
                    paragraph_mode: mode,
                    ambiguous_wide: wide,
                    justify,
                    ..LayoutParams::default()
                }
            },
        )
}

/// Every promise of one chapter's layout.
fn check_chapter(text: &str, heading: bool, layout: &ChapterLayout, params: &LayoutParams) {
    let width = params.width.max(2);
    let height = params.height.max(1);
    let mut prev_end = 0;
    for (n, line) in layout.lines.iter().enumerate() {
        let r = &line.range;
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "line {n} {r:?} in {}",
            text.len()
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        if line.kind == LineKind::Blank {
            continue;
        }
        assert!(
            r.start >= prev_end,
            "line {n} {r:?} overlaps the line before"
        );
        prev_end = r.end;
        let glyphs = line_glyphs(text, line, params);
        let cells: usize = glyphs.iter().map(|g| g.width).sum();
        // A single grapheme cluster wider than the line (a run of prepend marks, emoji
        // modifiers on a CJK character …) is put on a line of its own: the one exception.
        let alone = text[r.clone()].graphemes(true).count() == 1;
        assert!(
            cells <= width || alone,
            "line {n} takes {cells} cells of {width}: {:?}",
            &text[r.clone()]
        );
        for g in &glyphs {
            assert_eq!(raw_control(g.text), None, "glyph {:?}", g.text);
            assert!(
                !g.text.contains(['\t', '\n', '\u{2028}', '\u{2029}']),
                "glyph {:?}",
                g.text
            );
        }
        let drawn: String = glyphs.iter().map(|g| g.text).collect();
        assert_eq!(
            render_line(text, line, params),
            drawn,
            "render_line = glyphs"
        );
    }
    // Every visible character is on some line.
    let mut lines = layout
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Blank)
        .map(|l| l.range.clone())
        .peekable();
    // Markdown heading marks ("## ") at a line start, after any indentation, are not drawn.
    let mut marks = std::collections::HashSet::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
        let at = line_start + (line.len() - body.len());
        let hashes = body.len() - body.trim_start_matches('#').len();
        if hashes > 0 {
            marks.extend(at..at + hashes);
        }
        line_start += line.len();
    }
    // A heading said twice: the second copy is not drawn.
    let again = crate::common::repeated_heading(text, heading);
    for (i, c) in text.char_indices() {
        if c.is_whitespace()
            || c == '\u{feff}'
            || marks.contains(&i)
            || again.iter().any(|r| r.contains(&i))
        {
            continue;
        }
        while lines.peek().is_some_and(|r| r.end <= i) {
            lines.next();
        }
        assert!(
            lines.peek().is_some_and(|r| r.start <= i),
            "{c:?} at {i} is on no line"
        );
    }
    // Pages.
    assert!(layout.page_count() >= 1);
    let mut shown = 0;
    for p in 0..layout.page_count() {
        let n = layout.page_lines(p).len();
        assert!(n <= height, "page {p} has {n} lines of {height}");
        shown += n;
    }
    assert_eq!(shown, layout.lines.len(), "pages hold every line once");
    assert!(layout.page_lines(layout.page_count()).is_empty());
    assert!(layout.page_lines(usize::MAX).is_empty());
    // Any offset, even one past the end or inside a character, finds a page.
    for offset in (0..=text.len() + 3)
        .step_by(1 + text.len() / 64)
        .chain([usize::MAX])
    {
        let page = layout.page_of_offset(offset);
        assert!(page < layout.page_count(), "offset {offset} → page {page}");
        let _ = layout.line_of_offset(offset);
    }
    for p in [0, layout.page_count() - 1, layout.page_count(), usize::MAX] {
        assert!(layout.page_start_offset(p) <= text.len());
    }
    for l in [0, layout.lines.len(), usize::MAX] {
        assert!(layout.line_offset(l) <= text.len());
    }
}

fn check_book(doc: &Document, params: &LayoutParams, wild: &[(usize, usize)]) {
    let mut book = BookLayout::for_document(doc, params.clone());
    let used = book.params().clone();
    for idx in 0..doc.chapters.len() {
        let layout = book.chapter(doc, idx).clone();
        check_chapter(
            doc.chapter_text(idx),
            doc.chapters[idx].heading,
            &layout,
            &used,
        );
        // The one-shot function agrees with the cached book layout.
        let once = layout_chapter(doc, idx, params);
        assert_eq!(once.lines, layout.lines);
    }
    for &(chapter, offset) in wild {
        let pos = Position::new(chapter % (doc.chapters.len() + 2), offset);
        let _ = book.locate(doc, pos);
    }
    let _ = book.locate(doc, Position::new(usize::MAX, usize::MAX));
}

fn wild() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec(
        (
            any::<usize>(),
            prop_oneof![0usize..5000, Just(usize::MAX), any::<usize>()],
        ),
        0..6,
    )
}

/// Found by a long run: an indented `#` heading. Its mark is not drawn (the heading shows its
/// title, as the table of contents does); the check once counted that as a lost character.
#[test]
fn an_indented_heading_mark_is_not_a_lost_character() {
    for text in [
        "\t#\tA",
        "x\n\n  # Title\nbody\n",
        "\u{3000}## 标题\n正文\n",
    ] {
        let doc = Document::from_text_as(text.into(), "book", Format::Text);
        for width in [0, 1, 5, 40] {
            let params = LayoutParams {
                width,
                height: 3,
                ..LayoutParams::default()
            };
            check_book(&doc, &params, &[]);
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn random_books_at_random_sizes(
        text in book(),
        md in any::<bool>(),
        params in params(),
        wild in wild(),
    ) {
        let format = if md { Format::Markdown } else { Format::Text };
        let doc = Document::from_text_as(text, "book", format);
        check_book(&doc, &params, &wild);
    }

    /// One size after another on the same book, as a storm of resizes would do.
    #[test]
    fn resizing_keeps_every_promise(
        text in book(),
        sizes in prop::collection::vec((0usize..120, 0usize..40), 1..6),
        offset in any::<usize>(),
    ) {
        let doc = Document::from_text(text, "book");
        let mut book = BookLayout::for_document(&doc, LayoutParams::default());
        let pos = doc.position_of(offset % (doc.text.len() + 1));
        for (w, h) in sizes {
            let params = LayoutParams { width: w, height: h, ..book.params().clone() };
            book.set_params(params);
            let used = book.params().clone();
            let (page, _) = book.locate(&doc, pos);
            let layout = book.chapter(&doc, pos.chapter).clone();
            prop_assert!(page < layout.page_count());
            check_chapter(
                doc.chapter_text(pos.chapter),
                doc.chapters[pos.chapter].heading,
                &layout,
                &used,
            );
        }
    }
}
