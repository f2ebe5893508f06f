//! Markdown into the structured model: what a reader of a Markdown book gets as text (no
//! markup), which blocks and spans sit beside it, where links jump, and how chapters are cut.
//! Fixtures in tests/fixtures/markdown/.

use kanshu::document::blocks::{BlockKind, LinkTarget, ListMarker, SpanKind, Structure};
use kanshu::document::{Document, Format};
use kanshu::formats::markdown::{self, parse, slug};

use crate::common::fixture;

fn fixture_doc(name: &str) -> Document {
    let path = fixture(&format!("markdown/{name}"));
    let source = std::fs::read_to_string(&path).expect("fixture reads");
    let doc = markdown::document(&source, "fixture");
    assert_eq!(doc.structure.check(&doc.text, &doc.chapters), Ok(()));
    doc
}

/// Each block as "kind: text" (containers show their kind only).
fn outline(doc: &Document) -> Vec<String> {
    doc.structure
        .blocks
        .iter()
        .map(|b| {
            let text = &doc.text[b.range.clone()];
            match &b.kind {
                BlockKind::Paragraph => format!("p: {text}"),
                BlockKind::Heading { level } => format!("h{level}: {text}"),
                BlockKind::Code { language } => format!("code {language:?}: {text}"),
                BlockKind::Table(t) => format!("table {}x{}", t.rows.len(), t.header_rows),
                BlockKind::Rule => "rule".into(),
                BlockKind::Image { src } => format!("image {src}: {text}"),
                BlockKind::ListItem { depth, marker } => format!("item {depth} {marker:?}"),
                BlockKind::Quote { depth } => format!("quote {depth}"),
                BlockKind::Footnote { label, number } => format!("note {label} {number}"),
                BlockKind::Preformatted => format!("pre: {text}"),
            }
        })
        .collect()
}

fn spans(doc: &Document) -> Vec<(String, SpanKind)> {
    doc.structure
        .spans
        .iter()
        .map(|s| (doc.text[s.range.clone()].to_string(), s.kind.clone()))
        .collect()
}

#[test]
fn the_rich_fixture_reads_without_markup() {
    let doc = fixture_doc("rich.md");
    let expected = "\
The Reader's Handbook
A short book that uses every feature a Markdown book may have, so a reader can see how each one is shown. See the tables or the project page.
Lists
First item
Second item with inline code
Nested item one
Nested item two
Deep ordered one
Deep ordered two
Third item
Three
Four
Done task
Open task
Tables and code
Name\tWidth\tNote
alpha\t1\tfirst
beta\t22\tpipe | inside
fn main() {
    let line = \"this line is deliberately much wider than eighty columns so that it must never be re-flowed\";
    println!(\"{line}\");
}
Quotes
A quoted paragraph over two lines.
And a nested quote.
Some text with a note[1] and struck words.
A lighthouse at dusk
More details
Hidden paragraph text.

The note's own text.
";
    assert_eq!(doc.text, expected);
    for mark in [
        "**",
        "](",
        "```",
        "<summary>",
        "<details>",
        "- [",
        "|--",
        "\n|",
        "> ",
    ] {
        assert!(!doc.text.contains(mark), "{mark:?} left in the text");
    }
    assert_eq!(doc.title, "The Reader's Handbook");
    let titles: Vec<_> = doc
        .chapters
        .iter()
        .map(|c| (c.title.as_str(), c.level))
        .collect();
    assert_eq!(
        titles,
        [
            ("The Reader's Handbook", 1),
            ("Lists", 2),
            ("Tables and code", 2),
            ("Quotes", 3)
        ]
    );
}

#[test]
fn the_rich_fixture_has_the_blocks_a_reader_expects() {
    let doc = fixture_doc("rich.md");
    let o = outline(&doc);
    let expect_in_order = [
        "h1: The Reader's Handbook",
        "h2: Lists",
        "item 1 Bullet",
        "p: First item",
        "item 1 Bullet",
        "p: Second item with inline code",
        "item 2 Bullet",
        "p: Nested item one",
        "item 2 Bullet",
        "p: Nested item two",
        "item 3 Ordered(1)",
        "p: Deep ordered one",
        "item 3 Ordered(2)",
        "item 1 Bullet",
        "item 1 Ordered(3)",
        "item 1 Ordered(4)",
        "item 1 Task { checked: true }",
        "p: Done task",
        "item 1 Task { checked: false }",
        "table 3x1",
        "quote 1",
        "p: A quoted paragraph over two lines.",
        "quote 2",
        "p: And a nested quote.",
        "image images/lighthouse.png: A lighthouse at dusk",
        "p: More details",
        "p: Hidden paragraph text.",
        "rule",
        "note 1 1",
        "p: The note's own text.",
    ];
    let mut at = 0;
    for want in expect_in_order {
        match o[at..].iter().position(|b| b == want) {
            Some(k) => at += k + 1,
            None => panic!("{want:?} missing (or out of order) in {o:#?}"),
        }
    }
    let code = doc
        .structure
        .blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Code { .. }))
        .expect("a code block");
    assert_eq!(
        code.kind,
        BlockKind::Code {
            language: Some("rust".into())
        }
    );
    let lines: Vec<&str> = doc.text[code.range.clone()].lines().collect();
    assert_eq!(lines.len(), 4, "every code line on its own line");
    assert!(lines[1].chars().count() > 80);
    assert!(lines[1].starts_with("    let line"), "indentation kept");
}

#[test]
fn the_rich_fixture_table_has_cells_and_alignment() {
    let doc = fixture_doc("rich.md");
    let table = doc
        .structure
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| &doc.text[c.clone()]).collect())
        .collect();
    assert_eq!(
        cells,
        [
            ["Name", "Width", "Note"],
            ["alpha", "1", "first"],
            ["beta", "22", "pipe | inside"]
        ]
    );
    use kanshu::document::blocks::Align;
    assert_eq!(table.align, [Align::Left, Align::Right, Align::Center]);
}

#[test]
fn the_rich_fixture_spans_and_links() {
    let doc = fixture_doc("rich.md");
    let s = spans(&doc);
    let has = |text: &str, kind: SpanKind| s.iter().any(|(t, k)| t == text && *k == kind);
    assert!(has("every", SpanKind::Emphasis));
    assert!(has("Markdown", SpanKind::Strong));
    assert!(has("inline code", SpanKind::Code));
    assert!(has("struck", SpanKind::Strikethrough));
    assert!(
        has("first", SpanKind::Emphasis),
        "emphasis inside a table cell"
    );
    assert!(has(
        "project page",
        SpanKind::Link(LinkTarget::External("https://example.org/kanshu".into()))
    ));
    assert!(has("[1]", SpanKind::NoteRef { label: "1".into() }));
    let internal = s
        .iter()
        .find_map(|(t, k)| match k {
            SpanKind::Link(LinkTarget::Internal(f)) if t == "the tables" => Some(f.clone()),
            _ => None,
        })
        .expect("an internal link");
    let at = doc
        .structure
        .anchor(&internal)
        .expect("the link's anchor exists");
    let pos = doc.position_of(at);
    assert_eq!(doc.chapters[pos.chapter].title, "Tables and code");
    assert_eq!(pos.offset, 0, "the jump lands on the heading");
    let note = doc.structure.footnote("1").expect("the footnote");
    assert_eq!(&doc.text[note.range.clone()], "The note's own text.");
}

#[test]
fn chinese_markdown_joins_lines_and_keeps_cjk_cells() {
    let doc = fixture_doc("chinese.md");
    assert_eq!(
        doc.text,
        "读书笔记\n这是第一段，源文件在这里换行，但读者看到的是连在一起的一句话。\n第一章 清单\n\
         第一项\n第二项\n子项甲\n子项乙\n无序一\n无序二\n第二章 表格\n书名\t作者\t年代\n\
         红楼梦\t曹雪芹\t清\n西游记\t吴承恩\t明\n引用：重点在此。\n跳到第一章。\n"
    );
    let o = outline(&doc);
    for want in [
        "item 1 Ordered(1)",
        "item 1 Ordered(2)",
        "item 2 Bullet",
        "p: 子项乙",
        "table 3x1",
        "quote 1",
    ] {
        assert!(o.iter().any(|b| b == want), "{want:?} missing in {o:#?}");
    }
    let titles: Vec<_> = doc.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["读书笔记", "第一章 清单", "第二章 表格"]);
    let link = spans(&doc)
        .into_iter()
        .find_map(|(t, k)| match k {
            SpanKind::Link(LinkTarget::Internal(f)) if t == "第一章" => Some(f),
            _ => None,
        })
        .expect("the internal link");
    let at = doc.structure.anchor(&link).expect("a CJK heading anchor");
    assert_eq!(
        doc.chapters[doc.position_of(at).chapter].title,
        "第一章 清单"
    );
}

#[test]
fn soft_breaks_join_cjk_and_space_latin() {
    assert_eq!(parse("中文\n排版").text, "中文排版\n");
    assert_eq!(parse("「引号」\n之后").text, "「引号」之后\n");
    assert_eq!(parse("two\nwords").text, "two words\n");
    assert_eq!(parse("中文\nEnglish").text, "中文 English\n");
    assert_eq!(
        parse("한국어\n문장").text,
        "한국어 문장\n",
        "Hangul words keep a space"
    );
    assert_eq!(
        parse("line  \nbreak").text,
        "line\nbreak\n",
        "a hard break stays"
    );
    let p = parse("foo\n*bar*");
    assert_eq!(p.text, "foo bar\n");
    assert_eq!(
        p.structure.spans[0].range,
        4..7,
        "the space is not emphasised"
    );
}

#[test]
fn code_blocks_keep_lines_and_lose_fences() {
    let p = parse("Text\n\n~~~\n  a\n\n  b\n~~~\n\n    indented\n    code\n");
    assert_eq!(p.text, "Text\n  a\n\n  b\nindented\ncode\n");
    let kinds: Vec<_> = p.structure.blocks.iter().map(|b| b.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Code { language: None },
            BlockKind::Code { language: None }
        ]
    );
}

#[test]
fn html_shows_text_never_tags() {
    let p = parse(
        "<details>\n<summary>Click <b>me</b></summary>\n\nInside.\n\n</details>\n\n\
         Press <kbd>Ctrl</kbd>+<kbd>C</kbd><br>then go.\n\n<!-- a comment -->\n\n\
         <p align=\"center\"><img src=\"logo.png\" alt=\"Logo\"></p>\n",
    );
    assert_eq!(p.text, "Click me\nInside.\nPress Ctrl+C\nthen go.\nLogo\n");
    assert!(matches!(
        p.structure.blocks.last().map(|b| &b.kind),
        Some(BlockKind::Image { src }) if src == "logo.png"
    ));
    assert_eq!(parse("<!-- only a comment -->").text, "");
    let p = parse("Before <!-- hidden --> after");
    assert_eq!(p.text, "Before  after\n");
}

#[test]
fn html_anchors_can_be_jumped_to() {
    let p = parse(
        "Intro\n\n<a id=\"here\"></a>\n\nTarget paragraph.\n\nSee <a name=\"inline\"></a>this.",
    );
    let s = &p.structure;
    assert_eq!(
        s.anchor("here").map(|at| &p.text[at..]),
        Some("Target paragraph.\nSee this.\n")
    );
    assert_eq!(s.anchor("#inline").map(|at| &p.text[at..]), Some("this.\n"));
}

#[test]
fn ruby_annotations_sit_beside_the_text() {
    let p = parse("<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む");
    assert_eq!(
        p.text, "漢字を読む\n",
        "search and copy see the base text only"
    );
    assert_eq!(p.structure.spans.len(), 1);
    let span = &p.structure.spans[0];
    assert_eq!(&p.text[span.range.clone()], "漢字");
    assert_eq!(
        span.kind,
        SpanKind::Ruby {
            annotation: "かんじ".into()
        }
    );
    let p = parse("<ruby>東<rt>とう</rt>京<rt>きょう</rt></ruby>");
    let bases: Vec<_> = p
        .structure
        .spans
        .iter()
        .map(|s| (&p.text[s.range.clone()], s.kind.clone()))
        .collect();
    assert_eq!(bases.len(), 2);
    assert_eq!(bases[1].0, "京");
}

#[test]
fn list_items_carry_markers_and_empty_items_keep_a_line() {
    let p = parse("7. seven\n8.\n9. nine\n\n- [ ] todo\n-\n");
    assert_eq!(p.text, "seven\n\nnine\ntodo\n\n");
    let markers: Vec<_> = p
        .structure
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::ListItem { marker, .. } => Some(marker),
            _ => None,
        })
        .collect();
    assert_eq!(
        markers,
        [
            ListMarker::Ordered(7),
            ListMarker::Ordered(8),
            ListMarker::Ordered(9),
            ListMarker::Task { checked: false },
            ListMarker::Bullet
        ]
    );
    assert_eq!(p.structure.check(&p.text, &[]), Ok(()));
}

#[test]
fn loose_items_hold_several_paragraphs() {
    let p = parse("- one\n\n  more of one\n- two\n");
    assert_eq!(p.text, "one\nmore of one\ntwo\n");
    let o: Vec<_> = p.structure.blocks.iter().map(|b| b.range.clone()).collect();
    assert_eq!(o, [0..15, 0..3, 4..15, 16..19, 16..19]);
}

#[test]
fn headings_get_github_anchors_and_duplicates_are_numbered() {
    assert_eq!(slug("Hello, World!"), "hello-world");
    assert_eq!(slug("第一章 清单"), "第一章-清单");
    assert_eq!(slug("  `code` & more_stuff "), "code--more_stuff");
    let p = parse("## Intro\n\ntext\n\n## Intro\n\nmore\n");
    let s = &p.structure;
    assert_eq!(s.anchor("intro"), Some(0));
    assert_eq!(
        s.anchor("intro-1").map(|at| &p.text[at..at + 5]),
        Some("Intro")
    );
    assert_eq!(s.anchor("INTRO"), Some(0));
}

#[test]
fn images_show_alt_text_or_their_file_name() {
    let p = parse("![](pics/cat.jpg?x=1)\n\nText ![inline](a.png) here.\n");
    assert_eq!(p.text, "cat.jpg\nText inline here.\n");
    assert!(
        matches!(&p.structure.blocks[0].kind, BlockKind::Image { src } if src == "pics/cat.jpg?x=1")
    );
    assert!(matches!(&p.structure.spans[0].kind, SpanKind::Image { src } if src == "a.png"));
}

#[test]
fn footnotes_are_numbered_in_order_of_first_use() {
    let p = parse("A[^b] and B[^a] and A again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n");
    assert_eq!(p.text.lines().next(), Some("A[1] and B[2] and A again[1]."));
    let notes: Vec<_> = p
        .structure
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Footnote { label, number } => Some((label.as_str(), *number)),
            _ => None,
        })
        .collect();
    assert_eq!(notes, [("a", 2), ("b", 1)]);
}

#[test]
fn front_matter_is_skipped_and_alerts_are_titled() {
    let p = parse("---\ntitle: x\n---\n\n> [!WARNING]\n> Careful.\n");
    assert_eq!(p.text, "Warning\nCareful.\n");
    assert_eq!(p.structure.spans[0].kind, SpanKind::Strong);
}

#[test]
fn setext_headings_and_hard_breaks_in_headings_stay_on_one_line() {
    let p = parse("Two line\nheading\n=======\n\nhard  \nbreak\n---\n");
    assert_eq!(p.text, "Two line heading\nhard break\n");
    let d = markdown::document("Title\n=====\n\nbody\n", "name");
    assert_eq!(d.title, "Title");
    assert_eq!(d.chapters.len(), 1);
    assert!(d.chapters[0].heading);
}

#[test]
fn a_book_without_headings_is_one_chapter_named_after_the_file() {
    let d = markdown::document("just *some* text\n", "notes");
    assert_eq!(d.title, "notes");
    assert_eq!(d.rule, "none");
    assert_eq!(d.chapters.len(), 1);
    assert_eq!(d.chapters[0].title, "notes");
    let empty = markdown::document("", "empty");
    assert_eq!(empty.text, "");
    assert_eq!(empty.chapters.len(), 1);
    assert_eq!(empty.structure, Structure::default());
}

#[test]
fn front_text_before_the_first_heading_is_a_preface() {
    let d = markdown::document("Some intro.\n\n## One\n\nbody\n", "x");
    let titles: Vec<_> = d
        .chapters
        .iter()
        .map(|c| (c.title.as_str(), c.heading))
        .collect();
    assert_eq!(titles, [("Preface", false), ("One", true)]);
    let d = markdown::document("前言文字。\n\n## 一\n\n正文\n", "x");
    assert_eq!(d.chapters[0].title, "前言");
}

#[test]
fn a_huge_chapter_stays_one_chapter() {
    let mut src = String::from("# Big\n\n");
    for i in 0..3000 {
        src.push_str(&format!(
            "- item {i} with some words to make it longer than before\n"
        ));
        if i % 7 == 0 {
            src.push_str("  - nested under it\n");
        }
    }
    let d = markdown::document(&src, "x");
    // A chapter is what the book says, however long: no "Big (2)".
    assert!(d.text.len() > 150 * 1024);
    assert_eq!(d.chapters.len(), 1, "{} chapters", d.chapters.len());
    assert_eq!(d.chapters[0].title, "Big");
    assert_eq!(d.structure.check(&d.text, &d.chapters), Ok(()));
}

#[test]
fn loading_markdown_today_is_unchanged_and_restructure_converts_it() {
    let source = "# T\n\nSome **bold** text.\n";
    let legacy = Document::from_text_as(source.to_string(), "t", Format::Markdown);
    assert_eq!(
        legacy.text, source,
        "until layout draws blocks, Markdown loads as before"
    );
    assert!(legacy.structure.is_empty());
    let mut loaded = legacy.clone();
    loaded.encoding = "GBK".into();
    loaded.path = Some("book.md".into());
    let doc = markdown::restructure(loaded);
    assert_eq!(doc.text, "T\nSome bold text.\n");
    assert_eq!(doc.encoding, "GBK");
    assert_eq!(doc.path.as_deref(), Some(std::path::Path::new("book.md")));
    assert_eq!(doc.source_bytes, source.len());
    assert_eq!(doc.structure.check(&doc.text, &doc.chapters), Ok(()));
}

#[test]
fn deep_nesting_and_wide_lines_convert() {
    let quotes = format!("{}deep", "> ".repeat(400));
    let lists: String = (0..300)
        .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
        .collect();
    let wide = format!("```\n{}\n```\n", "x".repeat(100_000));
    for source in [quotes, lists, wide, "[".repeat(10_000), "*a ".repeat(5_000)] {
        let d = markdown::document(&source, "deep");
        assert_eq!(d.structure.check(&d.text, &d.chapters), Ok(()));
        assert!(!d.text.trim().is_empty());
    }
}

#[test]
fn restructure_titles_a_book_without_heading_by_its_file_name() {
    let source = "[![build](https://ci.example/badge.svg)](https://ci.example)\n\nText.\n";
    let mut legacy = Document::from_text_as(source.to_string(), "readme", Format::Markdown);
    legacy.path = Some("docs/readme.md".into());
    let doc = markdown::restructure(legacy);
    assert_eq!(doc.title, "readme");
    assert_eq!(doc.text, "build\nText.\n");
    assert!(
        matches!(&doc.structure.spans[0].kind, SpanKind::Link(LinkTarget::External(u)) if u == "https://ci.example")
    );
}

#[test]
fn the_guide_keeps_its_title_and_contents_when_converted() {
    let guide = Document::guide();
    let doc = markdown::restructure(guide.clone());
    assert_eq!(doc.structure.check(&doc.text, &doc.chapters), Ok(()));
    assert_eq!(
        doc.title, guide.title,
        "the 《…》 line still names the book"
    );
    let contents = |d: &Document| -> Vec<(String, u8)> {
        d.chapters
            .iter()
            .map(|c| (c.title.clone(), c.level))
            .collect()
    };
    assert_eq!(contents(&doc), contents(&guide));
    assert!(!doc.text.contains("\n- ") && !doc.text.contains("\n#"));
}

#[test]
fn the_format_loader_converts_markdown_files_and_leaves_text_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("notes.MD");
    let source = "# Notes\r\n\r\n- **one**\r\n- two\r\n";
    std::fs::write(&md, source).expect("write");
    let txt = dir.path().join("notes.txt");
    std::fs::write(&txt, "# Notes\n\n- **one**\n").expect("write");
    let rules = kanshu::document::RuleSet::builtin();
    let opts = kanshu::LoadOptions::default();
    let doc = kanshu::formats::open(&md, &opts, rules).expect("opens");
    assert_eq!(doc.text, "Notes\none\ntwo\n");
    assert_eq!(doc.path.as_deref(), Some(md.as_path()));
    assert_eq!(
        doc.source_bytes,
        source.len(),
        "the file's size, not the text's"
    );
    let text = kanshu::formats::open(&txt, &opts, rules).expect("opens");
    assert_eq!(text.text, "# Notes\n\n- **one**\n");
    assert!(text.structure.is_empty());
    let missing = kanshu::formats::open(&dir.path().join("none.md"), &opts, rules);
    assert!(matches!(missing, Err(kanshu::LoadError::NotFound { .. })));
    assert_eq!(kanshu::formats::guide().title, Document::guide().title);
}
