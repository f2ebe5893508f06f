//! Property tests of the layout engine over random CJK / Latin / punctuation / emoji / control
//! text and widths 2–200: no line wider than the width, no character lost, no kinsoku
//! violation where a legal break existed, positions that survive a re-layout.

use kanshu::layout::wrap::{WrapSettings, legal_breaks, wrap_paragraph};
use kanshu::layout::{
    BookStyle, ChapterLayout, LayoutParams, LineKind, ParagraphMode, layout_text, line_glyphs,
    render_line,
};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Never at a line start (clreq basic set, written out independently of the engine).
const NO_START: &str = "、，。：；！？」』）》〉】”’—…";
/// Never at a line end.
const NO_END: &str = "（「『【《〈“‘";

fn token(newlines: bool) -> BoxedStrategy<String> {
    let words = prop::sample::select(vec![
        "中", "文", "字", "書", "看", "的", "了", "我", "你", "好", "は", "한",
    ])
    .prop_map(String::from);
    let punct = prop::sample::select(vec![
        "，", "。", "、", "：", "；", "！", "？", "」", "』", "）", "》", "”", "’", "「", "『",
        "（", "《", "“", "‘", "——", "……", "—", "…", ",", ".", "!", "?", "(", ")", "[", "]", "・",
        "ー", "っ", "%", "-", "/",
    ])
    .prop_map(String::from);
    let emoji = prop::sample::select(vec![
        "😀",
        "👨\u{200d}👩\u{200d}👧",
        "🇺🇸",
        "e\u{301}",
        "\u{1100}\u{1161}",
        "❤\u{fe0f}",
        "\u{301}",
    ])
    .prop_map(String::from);
    let control = prop::sample::select(vec![
        "\u{1b}", "\u{7}", "\u{0}", "\u{7f}", "\u{85}", "\u{9b}", "\r", "\t", "\u{3000}",
        "\u{200b}", "\u{2028}", "\u{feff}", "\u{202e}", "\u{2067}",
    ])
    .prop_map(String::from);
    let breaks =
        prop::sample::select(vec!["\n", "\n\n", "\n　　", "\n  ", " \n"]).prop_map(String::from);
    let space = Just(" ".to_string());
    if newlines {
        prop_oneof![
            6 => words,
            3 => "[a-zA-Z]{1,12}",
            2 => space,
            4 => punct,
            1 => emoji,
            1 => control,
            1 => "[0-9]{1,6}",
            1 => breaks,
        ]
        .boxed()
    } else {
        prop_oneof![
            6 => words,
            3 => "[a-zA-Z]{1,12}",
            2 => space,
            4 => punct,
            1 => emoji,
            1 => control,
            1 => "[0-9]{1,6}",
        ]
        .boxed()
    }
}

fn text(newlines: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(token(newlines), 0..100).prop_map(|v| v.concat())
}

fn params() -> impl Strategy<Value = LayoutParams> {
    (
        2usize..=200,
        1usize..30,
        prop::option::of(0usize..9),
        0u8..=1,
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
            |(width, height, indent, line_spacing, paragraph_spacing, paragraph_mode, aw, j)| {
                LayoutParams {
                    width,
                    height,
                    indent,
                    line_spacing,
                    paragraph_spacing,
                    paragraph_mode,
                    ambiguous_wide: aw,
                    justify: j,
                    ..LayoutParams::default()
                }
            },
        )
}

fn droppable(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Every line fits, glyphs are printable, text lines cover every non-whitespace character in
/// order, pages are well formed.
fn check_layout(text: &str, heading: bool, layout: &ChapterLayout, params: &LayoutParams) {
    let width = params.width;
    // A heading said twice: the second copy is not drawn.
    let again = crate::common::repeated_heading(text, heading);
    let droppable_at = |r: std::ops::Range<usize>| {
        text[r.clone()]
            .char_indices()
            .all(|(k, c)| droppable(c) || again.iter().any(|a| a.contains(&(r.start + k))))
    };
    let mut covered = 0usize;
    for line in &layout.lines {
        let glyphs = line_glyphs(text, line, params);
        let used: usize = glyphs.iter().map(|g| g.width).sum();
        let shown = &text[line.range.clone()];
        assert!(
            used <= width || shown.graphemes(true).count() == 1,
            "line {line:?} ({shown:?}) takes {used} cells at width {width}"
        );
        for g in &glyphs {
            assert!(
                !g.text.chars().any(char::is_control),
                "raw control in {g:?}"
            );
        }
        let joined: String = glyphs.iter().map(|g| g.text).collect();
        assert_eq!(render_line(text, line, params), joined);
        if line.kind == LineKind::Blank {
            assert!(line.range.is_empty());
            continue;
        }
        assert!(!line.range.is_empty(), "empty text line {line:?}");
        assert!(line.range.start >= covered, "lines overlap or go back");
        let gap = &text[covered..line.range.start];
        assert!(
            droppable_at(covered..line.range.start),
            "lost {gap:?} before {line:?}"
        );
        covered = line.range.end;
    }
    let tail = &text[covered..];
    assert!(droppable_at(covered..text.len()), "lost tail {tail:?}");

    assert_eq!(layout.pages.first(), Some(&0));
    for (p, &start) in layout.pages.iter().enumerate() {
        let lines = layout.page_lines(p);
        assert!(!lines.is_empty() || layout.lines.is_empty());
        assert!(lines.len() <= params.height.max(1));
        assert!(
            lines.first().is_none_or(|l| l.kind != LineKind::Blank),
            "page {p} (line {start}) starts with a spacer"
        );
    }
}

fn resolved(text: &str, params: &LayoutParams) -> LayoutParams {
    params.resolve(&BookStyle::detect(text))
}

proptest! {
    #![proptest_config(crate::fuzz_support::props(128))]

    #[test]
    fn lines_fit_and_lose_nothing(t in text(true), p in params(), heading in any::<bool>()) {
        let p = resolved(&t, &p);
        let layout = layout_text(&t, heading, &p);
        check_layout(&t, heading, &layout, &p);
    }

    #[test]
    fn positions_survive_relayout(
        t in text(true),
        p in params(),
        w2 in 2usize..=200,
        heading in any::<bool>(),
    ) {
        let p = resolved(&t, &p);
        let first = layout_text(&t, heading, &p);
        let p2 = LayoutParams { width: w2, ..p.clone() };
        let second = layout_text(&t, heading, &p2);
        check_layout(&t, heading, &second, &p2);
        for (k, line) in first.lines.iter().enumerate() {
            if line.kind == LineKind::Blank {
                continue;
            }
            // The top line's first character is on the line that becomes the new top.
            let top = first.line_offset(k);
            prop_assert_eq!(top, line.range.start);
            let n = second.line_of_offset(top);
            let new_top = &second.lines[n];
            prop_assert!(
                new_top.range.start <= top && top < new_top.range.end,
                "offset {} at width {} is on {:?}", top, w2, new_top
            );
            let page = second.page_of_offset(top);
            prop_assert!(second.page_lines(page).contains(new_top));
        }
        // Any character boundary maps to the last text line starting at or before it.
        for (o, _) in t.char_indices() {
            let n = second.line_of_offset(o);
            if let Some(l) = second.lines.get(n) {
                prop_assert!(l.kind != LineKind::Blank);
                let next = second.lines[n + 1..].iter().find(|l| l.kind != LineKind::Blank);
                prop_assert!(l.range.start <= o || n == 0);
                prop_assert!(next.is_none_or(|m| m.range.start > o));
            }
        }
    }

    #[test]
    fn fast_clusters_are_grapheme_clusters(t in text(true)) {
        let fast: Vec<(usize, &str)> = kanshu::layout::width::clusters(&t).collect();
        let slow: Vec<(usize, &str)> = t.grapheme_indices(true).collect();
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn kinsoku_holds_where_a_legal_break_exists(
        t in text(false),
        width in 2usize..=60,
        indent in 0usize..6,
        aw in any::<bool>(),
    ) {
        let para = t.trim_matches(droppable);
        let settings = WrapSettings { width, first_indent: indent, ambiguous_wide: aw };
        let mut lines = Vec::new();
        wrap_paragraph(para, &settings, |l| lines.push(l));
        let legal = legal_breaks(para);
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let at = b.range.start;
            if legal.contains(&at) {
                let first = para[at..].chars().next().unwrap_or(' ');
                let last = para[a.range.clone()].chars().next_back().unwrap_or(' ');
                prop_assert!(!NO_START.contains(first), "line starts with {:?}", first);
                prop_assert!(!NO_END.contains(last), "line ends with {:?}", last);
            } else {
                // A rule was broken only because the line had no legal break at all.
                prop_assert!(
                    !legal.iter().any(|&p| p > a.range.start && p <= at),
                    "forced break at {} though a legal one existed in {:?}", at, a.range
                );
            }
        }
        for l in &lines {
            let shown = &para[l.range.clone()];
            prop_assert!(
                l.indent + l.width <= width || shown.graphemes(true).count() == 1,
                "{:?} too wide", shown
            );
        }
    }
}

#[test]
fn a_run_of_closing_marks_terminates_and_keeps_every_mark() {
    let para = "」".repeat(200);
    for width in 2..=50 {
        let settings = WrapSettings {
            width,
            first_indent: 4,
            ambiguous_wide: false,
        };
        let mut joined = String::new();
        wrap_paragraph(&para, &settings, |l| {
            assert!(l.indent + l.width <= width);
            joined.push_str(&para[l.range]);
        });
        assert_eq!(joined, para);
    }
}
