//! Pictures and properties of vertical pages.

use super::*;
use crate::document::blocks::{Span, SpanKind};

fn params(width: usize, height: usize) -> LayoutParams {
    LayoutParams {
        width,
        height,
        ..LayoutParams::default()
    }
}

/// Page `page` as lines with trailing spaces shown as `·` so pictures line up.
fn picture(text: &str, width: usize, height: usize, page: usize) -> String {
    let v = layout_vertical(text, false, &params(width, height));
    v.render_page(text, page)
        .into_iter()
        .map(|l| format!("|{l}|"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn columns_run_right_to_left_with_indent_and_vertical_punctuation() {
    // 黄 is pushed out with ， (which may not start a column); 。 likewise takes 荒 along.
    assert_eq!(
        picture("　　天地玄黄，宇宙洪荒。", 5, 6, 0),
        "\
|黄   |
|︐   |
|宇 天|
|宙 地|
|洪 玄|
|     |"
    );
    assert_eq!(
        picture("　　天地玄黄，宇宙洪荒。", 5, 6, 1),
        "\
|   荒|
|   ︒|
|     |
|     |
|     |
|     |"
    );
}

#[test]
fn quotes_dashes_and_ellipses() {
    // Quotes become ﹁ ﹂; —— stays together; …… may not start a column, so 吧 goes along.
    assert_eq!(
        picture("“你好”，他说——走吧……", 8, 5, 0),
        "\
|说 好   |
|︱ ﹂   |
|︱ ︐ ﹁|
|走 他 你|
|        |"
    );
    assert_eq!(
        picture("“你好”，他说——走吧……", 8, 5, 1),
        "\
|      吧|
|      ︙|
|      ︙|
|        |
|        |"
    );
}

#[test]
fn digits_pair_up_and_latin_goes_one_per_row() {
    assert_eq!(
        picture("温度25度，共2020年abc。", 8, 6, 0),
        "\
|0  度   |
|年 ︐   |
|a  共 温|
|b  2  度|
|c  0  25|
|︒ 2    |"
    );
}

#[test]
fn ambiguous_width_is_honoured() {
    let narrow = layout_vertical("甲·乙", false, &params(2, 6));
    let wide = layout_vertical(
        "甲·乙",
        false,
        &LayoutParams {
            ambiguous_wide: true,
            ..params(2, 6)
        },
    );
    let cell = |v: &VerticalLayout| v.column_cells("甲·乙", 0)[1].width;
    assert_eq!(cell(&narrow), 1);
    assert_eq!(cell(&wide), 2);
    // Either way every row is exactly the page width.
    for v in [&narrow, &wide] {
        for row in v.page_grid("甲·乙", 0) {
            assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), 2);
        }
    }
}

#[test]
fn heading_has_no_indent_and_a_blank_column_after() {
    let text = "第一章 起\n正文。\n";
    let v = layout_vertical(text, true, &params(11, 6));
    assert_eq!(v.columns[0].kind, LineKind::Heading);
    assert_eq!(v.columns[0].indent, 0);
    assert_eq!(v.columns[1].kind, LineKind::Blank);
    assert_eq!(v.columns[2].indent, 2);
    // The space inside the heading is one blank row.
    assert_eq!(v.column_cells(text, 0)[3].text, "  ");
}

#[test]
fn one_kinsoku_table_for_lines_and_columns() {
    // Closing brackets, percent signs and dashes may start neither a line nor a column.
    for c in ['］', '｝', '％', '〜', '―', '⸺', '”', '」', '々'] {
        let text = format!("天地玄{c}黃");
        let p = LayoutParams {
            indent: Some(0),
            ..params(20, 3)
        };
        let v = layout_vertical(&text, false, &p);
        let top = v.column_cells(&text, 1).first().map(|c| c.text);
        assert_eq!(top, Some("玄"), "{c} pushes 玄 out with it");
        assert_ne!(top, Some(c.to_string().as_str()), "{c} tops a column");
        assert_ne!(top.and_then(|t| t.chars().next()), vertical_form(c), "{c}");
    }
}

#[test]
fn pages_are_offset_ranges() {
    let text = "　　天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n寒来暑往，秋收冬藏。\n";
    let v = layout_vertical(text, false, &params(8, 5));
    assert!(v.page_count() > 1);
    for page in 0..v.page_count() {
        let start = v.page_start_offset(page);
        assert_eq!(v.page_of_offset(start), page);
        let r = v.page_range(page);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    let at = text.find('秋').unwrap_or(0);
    let page = v.page_of_offset(at);
    assert!(v.page_range(page).contains(&at));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// A token always leaves a legal break before it: [opening] Han [closing | —— | ……].
    fn token() -> impl Strategy<Value = String> {
        let han = prop::sample::select(vec!['天', '地', '戰', '书', '𠀀']);
        let open = prop::sample::select(vec!["", "", "“", "（", "《", "「"]);
        let close = prop::sample::select(vec![
            "", "", "", "，", "。", "”", "）", "》", "、", "！", "——", "……", "?",
        ]);
        (open, han, close).prop_map(|(o, h, c)| format!("{o}{h}{c}"))
    }

    fn book() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => token(),
            1 => Just("\n".to_string()),
            1 => prop::sample::select(vec![
                "12", "2020", "abc", " ", "x1", "a,b", "1,000", "12345", "\u{200B}", "e\u{301}",
                "\u{1b}", "　", "7",
            ]).prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn nothing_lost_nothing_too_tall(text in book(), width in 2usize..30, height in 1usize..12) {
            let v = layout_vertical(&text, false, &params(width, height));
            let mut shown = String::new();
            for (k, col) in v.columns.iter().enumerate() {
                prop_assert!(col.rows() <= height.max(1));
                let cells = v.column_cells(&text, k);
                prop_assert_eq!(cells.len(), col.cells);
                for cell in &cells {
                    prop_assert!(!cell.text.chars().any(char::is_control));
                    let src = &text[cell.range.clone()];
                    shown.push_str(src);
                    let mut cs = src.chars();
                    if let (Some(c), None) = (cs.next(), cs.next())
                        && let Some(form) = vertical_form(c)
                    {
                        prop_assert_eq!(cell.text, form.to_string());
                    }
                }
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&shown), strip(&text));
            for page in 0..v.page_count() {
                for row in v.page_grid(&text, page) {
                    prop_assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), v.width);
                }
            }
        }

        #[test]
        fn readings_follow_their_bases_and_nothing_is_lost(
            text in book(),
            picks in prop::collection::vec((any::<prop::sample::Index>(), 1usize..4), 0..8),
            reading in prop::sample::select(vec!["かな", "ㄏㄢˋ", "pin yin", "わがはいわがはいわがはい"]),
            width in 2usize..30,
            height in 1usize..12,
        ) {
            // Bases: runs of 1–3 characters that are not white space, inside one line.
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut spans: Vec<Span> = Vec::new();
            let mut starts: Vec<(usize, usize)> = picks
                .iter()
                .map(|(i, n)| (i.index(chars.len().max(1)), *n))
                .collect();
            starts.sort_unstable();
            for (k, n) in starts {
                let Some(run) = chars.get(k..(k + n).min(chars.len())) else { continue };
                let (Some(first), Some(last)) = (run.first(), run.last()) else { continue };
                if run.iter().any(|(_, c)| c.is_whitespace() || c.is_control() || *c == '\u{200B}')
                    || spans.last().is_some_and(|s| s.range.end > first.0)
                {
                    continue;
                }
                spans.push(Span {
                    range: first.0..last.0 + last.1.len_utf8(),
                    kind: SpanKind::Ruby { annotation: reading.to_string() },
                });
            }
            let v = layout_vertical_with(&text, false, &params(width, height), &spans);
            let mut shown = String::new();
            let mut reading_rows = 0;
            for (k, col) in v.columns.iter().enumerate() {
                prop_assert!(col.rows() <= height.max(1));
                let cells = v.column_cells(&text, k);
                prop_assert_eq!(cells.len(), col.cells);
                for cell in &cells {
                    prop_assert!(!cell.text.chars().any(char::is_control));
                    if cell.range.is_empty() {
                        reading_rows += 1;
                    }
                    shown.push_str(&text[cell.range.clone()]);
                }
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&shown), strip(&text));
            let want: usize = spans.len() * (reading.chars().count() + 2);
            prop_assert_eq!(reading_rows, want, "every reading shown once, brackets included");
            for page in 0..v.page_count() {
                for row in v.page_grid(&text, page) {
                    prop_assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), v.width);
                }
            }
        }

        #[test]
        fn no_forbidden_char_at_column_top(text in book(), height in 6usize..12) {
            let v = layout_vertical(&text, false, &params(20, height));
            for k in 0..v.columns.len() {
                let cells = v.column_cells(&text, k);
                if let Some(top) = cells.first() {
                    let c = text[top.range.clone()].chars().next().unwrap_or(' ');
                    prop_assert!(!no_line_start(c), "{:?} starts a column in {:?}", c, text);
                }
                if let Some(bottom) = cells.last() {
                    let c = text[bottom.range.clone()].chars().last().unwrap_or(' ');
                    let para_end = text[bottom.range.end..].starts_with('\n')
                        || bottom.range.end == text.len();
                    prop_assert!(para_end || !no_line_end(c), "{:?} ends a column", c);
                }
            }
        }
    }
}

#[test]
fn a_heading_said_again_under_itself_is_one_column() {
    let text = "第二章\n\n第二章\n\n　　正文。";
    let v = layout_vertical(text, true, &params(20, 6));
    let shown: Vec<&str> = v
        .columns
        .iter()
        .filter(|c| c.kind != LineKind::Blank)
        .map(|c| &text[c.range.clone()])
        .collect();
    assert_eq!(shown, ["第二章", "正文。"]);
}
