//! String pictures of the layout engine that a person can check by eye.
//!
//! Each picture shows the lines exactly as `render_line` draws them, padded to the text width,
//! with `|` marking the right edge (the wrap width). Pages are separated by a `~~~` line.

use kanshu::layout::{LayoutParams, ParagraphMode, layout_text, line_glyphs, render_line};

/// Lay `text` out and draw it as a picture (see the module docs), one string per line.
fn picture(text: &str, heading: bool, params: &LayoutParams) -> Vec<String> {
    let layout = layout_text(text, heading, params);
    let mut out = Vec::new();
    for page in 0..layout.page_count() {
        if page > 0 {
            out.push("~~~".to_string());
        }
        for line in layout.page_lines(page) {
            let used: usize = line_glyphs(text, line, params)
                .iter()
                .map(|g| g.width)
                .sum();
            assert!(used <= params.width, "line wider than the width: {line:?}");
            let drawn = render_line(text, line, params);
            out.push(format!("{drawn}{}|", " ".repeat(params.width - used)));
        }
    }
    out
}

fn cjk(width: usize) -> LayoutParams {
    LayoutParams {
        width,
        height: 100,
        ..LayoutParams::default()
    }
}

fn seed_line(n: usize) -> &'static str {
    include_str!("fixtures/seed.txt")
        .lines()
        .nth(n - 1)
        .unwrap_or_default()
}

/// Two-em indent (two U+3000 in the source, normalised); ，may not start a line, so 來 goes down with it.
#[test]
fn cjk_paragraph_indent_and_push_out() {
    assert_eq!(
        picture("　　今年以來，都勻市採取有效措施。", false, &cjk(12)),
        ["    今年以  |", "來，都勻市採|", "取有效措施。|",]
    );
}

/// 」 。 —— …… never start a line: the character before them is pushed down.
#[test]
fn closing_marks_dashes_and_ellipses_never_start_a_line() {
    assert_eq!(
        picture(
            "他說：「我們走吧。」她點點頭——沒有說話……然後離開了。",
            false,
            &cjk(14)
        ),
        [
            "    他說：「我|",
            "們走吧。」她點|",
            "點頭——沒有說  |",
            "話……然後離開  |",
            "了。          |",
        ]
    );
}

/// Latin words and numbers inside CJK text are not split.
#[test]
fn mixed_latin_stays_whole_in_cjk() {
    assert_eq!(
        picture("中文English混排，Rust語言1.95版本。", false, &cjk(16)),
        [
            "    中文English |",
            "混排，Rust語言  |",
            "1.95版本。      |",
        ]
    );
}

/// A sub-heading of the seed (line 13).
#[test]
fn seed_subheading_with_quotes() {
    assert_eq!(
        picture(seed_line(13), false, &cjk(20)),
        ["    一場特殊時期召開|", "的“硬核”座談會      |",]
    );
}

/// Seed line 23: 戰(zhàn) annotations stay whole; a closing quote sticks to them.
#[test]
fn seed_pinyin_annotations_stay_with_quotes() {
    assert_eq!(
        picture(seed_line(23), false, &cjk(16)),
        [
            "    “攻堅戰     |",
            "(zhàn)”疊加“阻擊|",
            "戰(zhàn)”,      |",
        ]
    );
}

/// Seed line 12: quotes, ASCII commas, digits, annotations.
#[test]
fn seed_paragraph_at_30() {
    assert_eq!(
        picture(seed_line(12), false, &cjk(30)),
        [
            "    去年3月7日,習近平在甘肅代 |",
            "表團專門談脫貧攻堅,“不獲全勝、|",
            "決不收兵!”今年3月6日,距離收官 |",
            "已不足10個月,決戰(zhàn)決勝脫 |",
            "貧攻堅座談會在北京召開。習近平|",
            "在會上說,“到2020年現(xiàn)行標|",
            "準下的農(nóng)村貧困人口全部脫|",
            "貧,是黨中央向全國人民作出的鄭 |",
            "重承諾,必須如期實現(xiàn),沒有|",
            "任何退路和彈性”。             |",
        ]
    );
}

/// Blank-line paragraphs: hard-wrapped lines re-joined, a blank line between paragraphs, no indent.
#[test]
fn english_hard_wrapped_lines_are_rejoined() {
    assert_eq!(
        picture(
            "The quick brown fox jumps over\nthe lazy dog. It was a bright\ncold day in April.\n\nAnd the clocks were striking thirteen.\n",
            false,
            &cjk(24)
        ),
        [
            "The quick brown fox     |",
            "jumps over the lazy dog.|",
            "It was a bright cold day|",
            "in April.               |",
            "                        |",
            "And the clocks were     |",
            "striking thirteen.      |",
        ]
    );
}

/// A heading is centred with a blank line after; a page never starts with a spacer.
#[test]
fn heading_centered_then_blank_then_pages() {
    assert_eq!(
        picture(
            "第一章 風起\n　　風起了。\n　　雲湧了。\n",
            true,
            &LayoutParams {
                height: 3,
                ..cjk(16)
            }
        ),
        [
            "  第一章 風起   |",
            "                |",
            "    風起了。    |",
            "~~~",
            "    雲湧了。    |",
        ]
    );
}

/// A heading too long for one line is split into balanced lines, each centred, not a full
/// line over a stub.
#[test]
fn a_long_heading_wraps_into_balanced_lines() {
    assert_eq!(
        picture(
            "第一百二十三章 風起雲湧天地變色英雄歸來\n　　風起了。\n",
            true,
            &cjk(30)
        ),
        [
            "     第一百二十三章 風起      |",
            "     雲湧天地變色英雄歸來     |",
            "                              |",
            "    風起了。                  |",
        ]
    );
}

/// A tab is four spaces; ESC, BEL and U+0085 become ^[, ^G and U+FFFD.
#[test]
fn tabs_and_control_characters_are_drawn_safely() {
    assert_eq!(
        picture("a\tb\u{1b}[31mred\u{7}\u{85}end", false, &cjk(20)),
        ["a    b^[[31mred^G�  |", "end                 |",]
    );
}

/// Justify: spare cells between characters; the last line stays ragged.
#[test]
fn justify_cjk() {
    assert_eq!(
        picture(
            "一二三四五六七八九十一二三四五，甲乙丙丁戊己庚辛壬癸。",
            false,
            &LayoutParams {
                justify: true,
                ..cjk(13)
            }
        ),
        [
            "    一 二三四|",
            "五 六七八九十|",
            "一 二三四五，|",
            "甲 乙丙丁戊己|",
            "庚辛壬癸。   |",
        ]
    );
}

/// Justify: spare cells between words; the last line stays ragged.
#[test]
fn justify_latin() {
    assert_eq!(
        picture(
            "The quick brown fox jumps over the lazy dog again and again.",
            false,
            &LayoutParams {
                justify: true,
                indent: Some(0),
                paragraph_mode: ParagraphMode::Lines,
                ..cjk(20)
            }
        ),
        [
            "The  quick brown fox|",
            "jumps  over the lazy|",
            "dog again and again.|",
        ]
    );
}

/// Ambiguous-width “ ” … take two cells when asked.
#[test]
fn ambiguous_wide_quotes_and_ellipsis() {
    assert_eq!(
        picture(
            "“你好”，他說……",
            false,
            &LayoutParams {
                ambiguous_wide: true,
                ..cjk(10)
            }
        ),
        ["    “你  |", "好”，他  |", "說……    |",]
    );
}

/// Width 2: ZWJ emoji, a flag and a combining sequence each stay one cluster (the emoji
/// sequence and the flag drawn as terminals agree to draw them: its first emoji, the letters).
#[test]
fn width_two_keeps_clusters_whole() {
    assert_eq!(
        picture("👨\u{200d}👩\u{200d}👧🇺🇸e\u{301}\u{301}中x", false, &cjk(2)),
        ["👨|", "US|", "é́ |", "中|", "x |",]
    );
}

/// A word longer than the line is cut by grapheme.
#[test]
fn long_word_broken_by_grapheme() {
    assert_eq!(
        picture(
            "supercalifragilisticexpialidocious word",
            false,
            &LayoutParams {
                indent: Some(0),
                ..cjk(10)
            }
        ),
        ["supercalif|", "ragilistic|", "expialidoc|", "ious word |",]
    );
}

/// Blank-line paragraphs: a hard-wrapped CJK line end joins without a space, a Latin one with
/// one space; the auto indent is decided per paragraph (CJK indented, English not).
#[test]
fn joined_lines_and_per_paragraph_indent() {
    let text = "　　天地玄黃，宇宙\n洪荒。日月盈昃。\n\nThe sun\nrose.\n\n　　辰宿列張。\n";
    assert_eq!(
        picture(
            text,
            false,
            &LayoutParams {
                paragraph_mode: ParagraphMode::Blank,
                paragraph_spacing: Some(false),
                ..cjk(16)
            }
        ),
        [
            "    天地玄黃，宇|",
            "宙洪荒。日月盈  |",
            "昃。            |",
            "The sun rose.   |",
            "    辰宿列張。  |",
        ]
    );
}

/// A Markdown heading is shown without its # marks, centred.
#[test]
fn markdown_heading_marks_are_not_shown() {
    assert_eq!(
        picture("## 第一章 翻页\n正文。\n", true, &cjk(20)),
        [
            "    第一章 翻页     |",
            "                    |",
            "    正文。          |",
        ]
    );
}

/// Blank-line paragraphs: an indented line or a list item still starts a new paragraph
/// (dialogue lines in a CJK book, indented verse, Markdown lists).
#[test]
fn indented_lines_are_not_joined() {
    let text = "　　“走吧。”\n　　“好。”\n\n  Tyger Tyger,\n  burning bright\n\nKeys:\n- j down\n2. k up\n";
    assert_eq!(
        picture(
            text,
            false,
            &LayoutParams {
                paragraph_mode: ParagraphMode::Blank,
                paragraph_spacing: Some(false),
                ..cjk(16)
            }
        ),
        [
            "    “走吧。”    |",
            "    “好。”      |",
            "Tyger Tyger,    |",
            "burning bright  |",
            "Keys:           |",
            "- j down        |",
            "2. k up         |",
        ]
    );
}
