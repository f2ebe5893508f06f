//! Paragraphs of real-shape books as a reader sees them: hard-wrapped Chinese joined at its
//! indents, English letters and verse kept as blocks, scene breaks centred, line ends joined
//! without a space in CJK and with one in English, and headings that start after blank lines
//! or go on over two lines drawn as headings. Pictures are whole books laid out by
//! `BookLayout` and drawn by `render_line`, trailing spaces trimmed.

use kanshu::document::Document;
use kanshu::layout::{
    BookLayout, BookStyle, LayoutParams, LineKind, ParagraphMode, layout_text, render_line,
};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/realbooks/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn params(width: usize) -> LayoutParams {
    LayoutParams {
        width,
        height: 1000,
        ..LayoutParams::default()
    }
}

/// Every line of every chapter, as drawn, with `#` before heading lines.
fn book_lines(doc: &Document, p: LayoutParams) -> Vec<String> {
    let mut book = BookLayout::for_document(doc, p);
    let resolved = book.resolved_params().clone();
    let mut out = Vec::new();
    for idx in 0..doc.chapters.len() {
        let text = doc.chapter_text(idx);
        for line in &book.chapter(doc, idx).lines {
            let drawn = render_line(text, line, &resolved);
            let mark = if line.kind == LineKind::Heading {
                "#"
            } else {
                ""
            };
            out.push(format!("{mark}{}", drawn.trim_end()));
        }
    }
    out
}

/// The lines of one chapter, from its heading to its end.
fn chapter_lines(doc: &Document, title: &str, width: usize) -> Vec<String> {
    let all = book_lines(doc, params(width));
    let at = all
        .iter()
        .position(|l| l.starts_with('#') && l.contains(title))
        .unwrap_or_else(|| panic!("no heading {title}"));
    let body = all[at..]
        .iter()
        .position(|l| !l.starts_with('#'))
        .map_or(all.len(), |b| at + b);
    let end = all[body..]
        .iter()
        .position(|l| l.starts_with('#'))
        .map_or(all.len(), |e| body + e);
    all[at..end].to_vec()
}

fn gutenberg() -> Document {
    Document::from_text(fixture("gutenberg_hardwrapped_zh"), "西遊記")
}

#[test]
fn hard_wrapped_chinese_is_joined_at_its_indents() {
    let doc = gutenberg();
    assert_eq!(BookStyle::detect(&doc.text).mode, ParagraphMode::Indent);
    assert_eq!(
        chapter_lines(&doc, "第二回", 40),
        [
            "# 第二回　悟徹菩提真妙理　斷魔歸本合元神",
            "",
            "    話表美猴王得了姓名，怡然踴躍，對菩提",
            "前作禮啟謝。那祖師即命大眾引孫悟空出二門",
            "外，教他灑掃應對，進退周旋之節。",
            "    眾仙奉行而出。悟空到門外，又拜了大眾",
            "師兄，就於廊廡之間，安排寢處。",
        ]
    );
}

#[test]
fn no_line_of_a_hard_wrapped_book_starts_with_closing_punctuation() {
    let doc = gutenberg();
    for width in (10..=100).step_by(3) {
        for line in book_lines(&doc, params(width)) {
            let first = line.trim_start().chars().next();
            assert!(
                !first.is_some_and(|c| "，。、；：！？」』".contains(c)),
                "width {width}: `{line}`"
            );
        }
    }
    // "auto" gets it right without help: the same lines as asking for indent mode.
    let asked = LayoutParams {
        paragraph_mode: ParagraphMode::Indent,
        ..params(40)
    };
    assert_eq!(book_lines(&doc, params(40)), book_lines(&doc, asked));
}

/// A real Gutenberg classic is long and has blank lines only around its headings: detection
/// samples three windows, and `info` reports the counts of those windows.
#[test]
fn a_long_hard_wrapped_book_is_sampled_and_info_says_so() {
    let chapter = "\n第一回　靈根育孕源流出　心性修持大道生\n\n".to_string()
        + &"　　蓋聞天地之數，有十二萬九千六百歲為一\n元。將一元分為十二會，乃子、丑、寅、卯、\n辰、巳、午、未、申、酉、戌、亥之十二支也\n。每會該一萬八百歲。\n".repeat(40);
    let text = chapter.repeat(40);
    assert!(text.len() > 3 * 32 * 1024);
    let style = BookStyle::detect(&text);
    assert_eq!(style.mode, ParagraphMode::Indent);
    let e = style.evidence;
    assert_eq!(e.windows, 3);
    assert!(e.lines < text.lines().filter(|l| !l.trim().is_empty()).count());
    assert!(e.indented * 4 <= e.lines + 4, "{e:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let out = assert_cmd::Command::cargo_bin("kanshu")
        .unwrap()
        .env("KANSHU_CONFIG_DIR", dir.path())
        .arg("info")
        .arg(&path)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let line = out.lines().find(|l| l.starts_with("paragraphs:")).unwrap();
    assert_eq!(
        line,
        format!(
            "paragraphs: indent (auto: mostly CJK; in 3 samples of 32 KB: {} lines of text, {} \
             blank, {} indented, {} carry on the line above; lines are joined, a paragraph \
             starts at an indent)",
            e.lines, e.blank, e.indented, e.continued
        )
    );
}

#[test]
fn one_paragraph_per_line_books_stay_in_lines_mode() {
    let lines = "　　店门是早上七点开的。老板把木板一块一块地卸下来，靠在墙边。\n　　第一个来的客人总是老周。\n";
    assert_eq!(
        BookStyle::detect(&lines.repeat(100)).mode,
        ParagraphMode::Lines
    );
    let seed = include_str!("fixtures/seed.txt");
    assert_eq!(BookStyle::detect(seed).mode, ParagraphMode::Lines);
}

fn english_blocks() -> Document {
    Document::from_text(fixture("para_english_blocks"), "letters")
}

#[test]
fn a_letter_keeps_its_indent_and_its_signature_its_lines() {
    let doc = english_blocks();
    assert_eq!(
        chapter_lines(&doc, "CHAPTER I", 60),
        [
            "#                         CHAPTER I",
            "",
            "The letter arrived on a Tuesday, in the blue envelope my",
            "aunt always used, and I read it standing in the hall with my",
            "coat still on.",
            "",
            "    My dear Nell,",
            "",
            "    The sea has been very rough this week and the café on",
            "    the front is shut. I have taken a room above the",
            "    chemist's, which smells of camphor, and I am perfectly",
            "    happy. Come in June.",
            "",
            "                              Your loving aunt,",
            "                              Margaret",
            "",
            "I went in June.",
        ]
    );
    // Narrow: the signature moves left as one block, its lines still aligned.
    let narrow = chapter_lines(&doc, "CHAPTER I", 30);
    let sig: Vec<&String> = narrow
        .iter()
        .filter(|l| l.contains("aunt,") || l.ends_with("Margaret"))
        .collect();
    assert_eq!(
        sig,
        ["             Your loving aunt,", "             Margaret"]
    );
}

#[test]
fn verse_keeps_its_lines_single_spaced_and_scene_breaks_are_centred() {
    let doc = english_blocks();
    let lines = chapter_lines(&doc, "CHAPTER II", 60);
    assert_eq!(
        lines[5..17],
        [
            "",
            "    I must go down to the sea again,",
            "      where the gulls are crying,",
            "    And all I ask is a grey shore",
            "      and the long tide sighing.",
            "",
            "She said the words were not quite right, but the tune was.",
            "",
            "                           * * *",
            "",
            "Later that night the storm came, and we sat in the dark with",
            "one candle and listened to the windows, which rattled like",
        ]
    );
    // Too narrow for a verse line: it goes on under a hanging indent, not as a new line.
    let narrow = chapter_lines(&doc, "CHAPTER II", 28);
    let at = narrow.iter().position(|l| l.contains("I must go")).unwrap();
    assert_eq!(
        narrow[at..at + 3],
        [
            "    I must go down to the",
            "      sea again,",
            "      where the gulls are",
        ]
    );
}

#[test]
fn justified_verse_is_not_stretched() {
    let doc = english_blocks();
    let p = LayoutParams {
        justify: true,
        ..params(60)
    };
    let lines = book_lines(&doc, p);
    assert!(lines.contains(&"    I must go down to the sea again,".to_string()));
    assert!(lines.contains(&"                              Margaret".to_string()));
}

#[test]
fn chinese_scene_breaks_are_centred_with_space_around() {
    let doc = Document::from_text(fixture("para_scene_breaks_zh"), "夜航船");
    for (width, mode) in [
        (30, ParagraphMode::Auto),
        (60, ParagraphMode::Lines),
        (100, ParagraphMode::Indent),
    ] {
        let p = LayoutParams {
            paragraph_mode: mode,
            ..params(width)
        };
        let lines = book_lines(&doc, p);
        for mark in ["＊＊＊", "——————"] {
            let at = lines.iter().position(|l| l.trim() == mark).unwrap();
            let pad = lines[at].len() - lines[at].trim_start().len();
            assert_eq!(pad, (width - 6) / 2, "{mark} at {width}");
            assert_eq!((&lines[at - 1][..], &lines[at + 1][..]), ("", ""));
        }
    }
}

#[test]
fn a_line_end_joins_cjk_with_nothing_and_english_with_a_space() {
    let p = LayoutParams {
        paragraph_mode: ParagraphMode::Indent,
        ..params(80)
    };
    let draw = |text: &str| -> Vec<String> {
        let layout = layout_text(text, false, &p);
        layout
            .lines
            .iter()
            .map(|l| render_line(text, l, &p))
            .collect()
    };
    assert_eq!(
        draw("　　他說：“\n你好”，又說：「再見\n。」\n"),
        ["    他說：“你好”，又說：「再見。」"]
    );
    assert_eq!(
        draw("  It was the best of times, it was\nthe worst of times.\n"),
        ["It was the best of times, it was the worst of times."]
    );
}

#[test]
fn a_heading_after_blank_lines_is_drawn_as_the_heading() {
    let doc = Document::from_text(fixture("leading_blank_lines"), "blank");
    let lines = book_lines(&doc, params(40));
    assert_eq!(lines[0], "#              第一章 开门");
    assert!(
        !lines
            .iter()
            .any(|l| !l.starts_with('#') && l.contains("第一章"))
    );
}

#[test]
fn both_lines_of_a_two_line_english_heading_are_the_heading() {
    let text = "MOBY-DICK\n\n\nCHAPTER 41. MOBY DICK.\n\nI, Ishmael, was one of that crew.\n\n\nCHAPTER 42. THE WHITENESS\nOF THE WHALE.\n\nWhat the white whale was to Ahab, has been hinted.\n\n\nCHAPTER 43. HARK!\n\nHist! Did you hear that noise, Cabaco?\n";
    let doc = Document::from_text(text.to_string(), "moby");
    assert!(
        doc.chapters
            .iter()
            .any(|c| c.title == "CHAPTER 42. THE WHITENESS OF THE WHALE."),
        "{:?}",
        doc.chapters
    );
    assert_eq!(
        chapter_lines(&doc, "WHITENESS", 60)[..4],
        [
            "#                 CHAPTER 42. THE WHITENESS",
            "#                       OF THE WHALE.",
            "",
            "What the white whale was to Ahab, has been hinted.",
        ]
    );
}
