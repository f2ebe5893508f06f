//! EPUB books built by the tests: what a reader sees in the text, the contents, the structure
//! beside the text, and the books peers crash on (broken XML, UTF-16 package, GBK, missing
//! contents) still opening.

use kanshu::document::blocks::{BlockKind, LinkTarget, SpanKind};
use kanshu::formats::epub::{self, SourcePlace};

use crate::epub_build::*;

fn chapter_text(book: &epub::Book, i: usize) -> &str {
    book.document.chapter_text(i)
}

#[test]
fn an_epub2_book_reads_by_its_ncx_without_markup() {
    let book = epub2(&[
        (
            "第一章 出发",
            "<h1>第一章 出发</h1>\n<p>　　他走了。</p>\n<p>　　天黑了，\n  路还长。</p>",
        ),
        (
            "第二章 归来",
            "<h1>第二章 归来</h1><p>He came <em>back</em> home.</p>",
        ),
    ])
    .open();
    assert_well_formed(&book);
    assert_eq!(
        contents(&book),
        [
            (1, "第一章 出发".to_string()),
            (1, "第二章 归来".to_string())
        ]
    );
    let doc = &book.document;
    assert_eq!(doc.title, "测试之书");
    assert_eq!(
        chapter_text(&book, 0),
        "第一章 出发\n　　他走了。\n　　天黑了，路还长。\n"
    );
    assert!(chapter_text(&book, 1).starts_with("第二章 归来\nHe came back home."));
    assert!(!doc.text.contains('<') && !doc.text.contains("text-indent"));
    let em = doc
        .structure
        .spans
        .iter()
        .find(|s| s.kind == SpanKind::Emphasis)
        .expect("emphasis");
    assert_eq!(&doc.text[em.range.clone()], "back");
    let m = &book.metadata;
    assert_eq!(m.authors, ["张三", "李四"]);
    assert_eq!(
        (m.language.as_deref(), m.publisher.as_deref()),
        (Some("zh-CN"), Some("看书出版社"))
    );
    assert_eq!((m.version.as_str(), m.contents), ("2.0", "ncx"));
}

/// An EPUB 3 book with a nav document only; `points` are (level, label, href).
fn epub3(points: &[(u8, &str, &str)], chapters: &[(&str, &str)]) -> EpubFiles {
    let mut f = EpubFiles::new("OPS/package.opf");
    let mut items = vec![("nav", "nav.xhtml", XHTML, "nav")];
    let names: Vec<(String, String)> = (0..chapters.len())
        .map(|i| (format!("x{i}"), chapters[i].0.to_string()))
        .collect();
    for (id, href) in &names {
        items.push((id, href, XHTML, ""));
    }
    let ids: Vec<&str> = names.iter().map(|(id, _)| id.as_str()).collect();
    f.add(
        "OPS/package.opf",
        opf(
            "3.0",
            "<dc:title>Nav Book</dc:title>",
            &items,
            &spine("", &ids),
        ),
    );
    f.add("OPS/nav.xhtml", nav(points));
    for (href, body) in chapters {
        f.add(&format!("OPS/{href}"), xhtml("t", body));
    }
    f
}

#[test]
fn an_epub3_book_reads_by_its_nav_and_nesting_becomes_levels() {
    let book = epub3(
        &[
            (1, "Part One", "a.xhtml"),
            (2, "Chapter 1", "b.xhtml"),
            (3, "Section 1.1", "b.xhtml#s11"),
            (2, "Chapter 2", "c.xhtml"),
            (1, "Part Two", "d.xhtml"),
        ],
        &[
            ("a.xhtml", "<h1>Part One</h1>"),
            (
                "b.xhtml",
                "<h2>Chapter 1</h2><p>Intro.</p><h3 id=\"s11\">Section 1.1</h3><p>Body.</p>",
            ),
            ("c.xhtml", "<h2>Chapter 2</h2><p>More.</p>"),
            ("d.xhtml", "<h1>Part Two</h1><p>End.</p>"),
        ],
    )
    .open();
    assert_well_formed(&book);
    let levels: Vec<(u8, &str)> = book
        .document
        .chapters
        .iter()
        .map(|c| (c.level, c.title.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (1, "Part One"),
            (2, "Chapter 1"),
            (3, "Section 1.1"),
            (2, "Chapter 2"),
            (1, "Part Two")
        ]
    );
    assert_eq!(chapter_text(&book, 2), "Section 1.1\nBody.\n");
    assert_eq!(book.metadata.contents, "nav");
    assert_eq!(book.metadata.version, "3.0");
}

#[test]
fn fragments_cut_one_big_file_into_chapters() {
    let mut body = String::new();
    let mut points = Vec::new();
    let titles: Vec<String> = (1..=5).map(|i| format!("第{i}回")).collect();
    for (i, t) in titles.iter().enumerate() {
        body.push_str(&format!("<h2 id=\"ch{i}\">{t}</h2><p>第{i}回的正文。</p>"));
    }
    for (i, t) in titles.iter().enumerate() {
        points.push((1, t.as_str(), format!("Text/all.xhtml#ch{i}")));
    }
    let mut f = EpubFiles::new("content.opf");
    f.add(
        "content.opf",
        opf(
            "2.0",
            "<dc:title>大书</dc:title>",
            &[
                ("ncx", "toc.ncx", "application/x-dtbncx+xml", ""),
                ("all", "Text/all.xhtml", XHTML, ""),
            ],
            &spine(r#"toc="ncx""#, &["all"]),
        ),
    );
    let pts: Vec<(u8, &str, &str)> = points
        .iter()
        .map(|(l, t, h)| (*l, *t, h.as_str()))
        .collect();
    f.add("toc.ncx", ncx(&pts));
    f.add("Text/all.xhtml", xhtml("all", &body));
    let book = f.open();
    assert_well_formed(&book);
    assert_eq!(book.document.chapters.len(), 5);
    assert_eq!(chapter_text(&book, 3), "第4回\n第3回的正文。\n");
}

#[test]
fn html_entities_resolve() {
    let book = epub2(&[(
        "One",
        "<p>&ldquo;Hi,&rdquo; she said&hellip; it&rsquo;s 5&nbsp;km &amp; more &#x4E2D;&#25991;</p>",
    )])
    .open();
    assert_well_formed(&book);
    assert_eq!(
        book.document.text,
        "“Hi,” she said… it’s 5\u{a0}km & more 中文"
    );
}

#[test]
fn dotted_and_escaped_paths_resolve() {
    let mut f = EpubFiles::new("OEBPS/Content/book.opf");
    f.add(
        "OEBPS/Content/book.opf",
        opf(
            "2.0",
            "<dc:title>Paths</dc:title>",
            &[
                ("ncx", "../Misc/toc.ncx", "application/x-dtbncx+xml", ""),
                ("a", "../Text/%E7%AC%AC%E4%B8%80.xhtml", XHTML, ""),
                ("b", "../Text/second%20part.xhtml", XHTML, ""),
                ("img", "../Images/cover.jpg", "image/jpeg", ""),
            ],
            &spine(r#"toc="ncx""#, &["a", "b"]),
        ),
    );
    f.add(
        "OEBPS/Misc/toc.ncx",
        ncx(&[
            (1, "第一", "../Text/第一.xhtml"),
            (1, "Second", "../Text/second%20part.xhtml#s"),
        ]),
    );
    f.add(
        "OEBPS/Text/第一.xhtml",
        xhtml("a", "<p><img src=\"../Images/cover.jpg\" alt=\"封面\"/></p><p>See <a href=\"second%20part.xhtml#s\">the second part</a>.</p>"),
    );
    f.add(
        "OEBPS/Text/second part.xhtml",
        xhtml("b", "<p>x</p><h1 id=\"s\">Second</h1><p>Body</p>"),
    );
    f.add("OEBPS/Images/cover.jpg", b"\xff\xd8 not really".to_vec());
    let book = f.open();
    assert_well_formed(&book);
    assert_eq!(contents(&book).len(), 2);
    let doc = &book.document;
    let img = doc
        .structure
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Image { src } => Some((src.clone(), &doc.text[b.range.clone()])),
            _ => None,
        })
        .expect("an image block");
    assert_eq!(img, ("OEBPS/Images/cover.jpg".to_string(), "封面"));
    let link = doc
        .structure
        .spans
        .iter()
        .find_map(|s| match &s.kind {
            SpanKind::Link(LinkTarget::Internal(t)) => Some(t.clone()),
            _ => None,
        })
        .expect("an internal link");
    let at = doc
        .structure
        .anchor(&link)
        .expect("the link's target is known");
    assert!(doc.text[at..].starts_with("Second\nBody"));
}

#[test]
fn gbk_content_and_cp936_file_names_read() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let mut f = EpubFiles::new("content.opf");
    f.add(
        "content.opf",
        opf(
            "2.0",
            "<dc:title>旧书</dc:title>",
            &[
                ("ncx", "toc.ncx", "application/x-dtbncx+xml", ""),
                ("c", "正文.html", XHTML, ""),
            ],
            &spine(r#"toc="ncx""#, &["c"]),
        ),
    );
    f.add("toc.ncx", ncx(&[(1, "第一章", "正文.html")]));
    let body = "<?xml version=\"1.0\" encoding=\"gbk\"?><html><body><h1>第一章</h1><p>旧时的书，用国标码写成。</p></body></html>";
    f.raw_name(&gbk("正文.html"), gbk(body));
    let book = f.open();
    assert_well_formed(&book);
    assert_eq!(book.document.text, "第一章\n旧时的书，用国标码写成。");
    assert_eq!(book.document.encoding, "GBK");
}

#[test]
fn a_utf16_package_and_a_missing_ncx_still_open() {
    let mut f = EpubFiles::new("content.opf");
    let package = opf(
        "2.0",
        "<dc:title>Wide</dc:title><dc:title>Second title</dc:title>",
        &[
            ("ncx", "gone.ncx", "application/x-dtbncx+xml", ""),
            ("a", "a.xhtml", XHTML, ""),
            ("a", "dup.xhtml", XHTML, ""),
            ("b", "b.xhtml", XHTML, ""),
        ],
        &spine(r#"toc="ncx""#, &["a", "nowhere", "b"]),
    )
    .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in package.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    f.add("content.opf", utf16);
    f.add("a.xhtml", xhtml("a", "<h1>Opening</h1><p>One.</p>"));
    f.add("b.xhtml", xhtml("b", "<p>No heading here.</p>"));
    let book = f.open();
    assert_well_formed(&book);
    assert_eq!(book.document.title, "Wide");
    assert_eq!(book.metadata.contents, "spine");
    assert_eq!(
        contents(&book),
        [(1, "Opening".to_string()), (1, "b".to_string())]
    );
}

#[test]
fn broken_xml_still_reads() {
    let book = epub2(&[(
        "One",
        "<p>AT&T & friends say 1 < 2<br>and <b>bold</i> text</p><p>second<p>third</div>",
    )])
    .open();
    assert_well_formed(&book);
    assert_eq!(
        book.document.text,
        "AT&T & friends say 1 < 2\nand bold text\nsecond\nthird"
    );
}

#[test]
fn ruby_keeps_the_base_as_text_and_the_reading_beside_it() {
    let book = epub2(&[(
        "ルビ",
        "<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を<ruby><rb>読</rb><rt>よ</rt></ruby>む。<ruby><img class=\"gaiji\" src=\"g.png\" alt=\"𠮷\"/><rt>きち</rt></ruby></p>",
    )])
    .open();
    assert_well_formed(&book);
    let doc = &book.document;
    assert_eq!(doc.text, "漢字を読む。𠮷");
    let rubies: Vec<(&str, String)> = doc
        .structure
        .spans
        .iter()
        .filter_map(|s| match &s.kind {
            SpanKind::Ruby { annotation } => Some((&doc.text[s.range.clone()], annotation.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        rubies,
        [
            ("漢字", "かんじ".to_string()),
            ("読", "よ".to_string()),
            ("𠮷", "きち".to_string())
        ]
    );
}

#[test]
fn duokan_footnotes_become_numbered_references_and_notes_beside_the_text() {
    let book = epub2(&[(
        "注",
        r##"<p>正文一句<a class="duokan-footnote" href="#df1" id="r1"><img alt="注" src="../Images/note.png"/></a>，又一句<a epub:type="noteref" href="#n2">2</a>。</p>
<ol class="duokan-footnote-content"><li class="duokan-footnote-item" id="df1"><a href="#r1">◎</a>第一条注释。</li></ol>
<aside epub:type="footnote" id="n2"><p>第二条注释。</p><p>第二段。</p></aside>
<p>后文。</p>"##,
    )])
    .open();
    assert_well_formed(&book);
    let doc = &book.document;
    // The notes are not body text: not on the page, not counted, not searched.
    assert_eq!(doc.text, "正文一句[1]，又一句[2]。\n后文。");
    let refs: Vec<&str> = doc
        .structure
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::NoteRef { .. }))
        .map(|s| &doc.text[s.range.clone()])
        .collect();
    assert_eq!(refs, ["[1]", "[2]"]);
    assert!(
        !doc.structure
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Footnote { .. }))
    );
    assert_eq!(
        doc.structure
            .note_text(&doc.text, "OEBPS/Text/c0.xhtml#df1"),
        Some("◎第一条注释。")
    );
    assert_eq!(
        doc.structure.note_text(&doc.text, "OEBPS/Text/c0.xhtml#n2"),
        Some("第二条注释。\n第二段。")
    );
    assert_eq!(book.metadata.notes, 2);
}

#[test]
fn an_endnotes_file_reached_only_through_references_adds_no_pages() {
    let book = epub2(&[
        (
            "第一章",
            r##"<h1>第一章</h1><p>正文<a epub:type="noteref" href="c1.xhtml#en1">1</a>。</p>"##,
        ),
        (
            "注释",
            r##"<h1>注释</h1><ol><li id="en1"><p>1. 这是尾注。</p></li></ol>"##,
        ),
    ])
    .open();
    assert_well_formed(&book);
    let doc = &book.document;
    assert_eq!(doc.text, "第一章\n正文[1]。");
    assert_eq!(doc.chapters.len(), 1, "{:?}", doc.chapters);
    assert_eq!(
        doc.structure
            .note_text(&doc.text, "OEBPS/Text/c1.xhtml#en1"),
        Some("1. 这是尾注。")
    );
}

#[test]
fn vertical_books_are_known_and_their_punctuation_reads_horizontally() {
    let mut f = EpubFiles::new("item/standard.opf");
    f.add(
        "item/standard.opf",
        opf(
            "3.0",
            "<dc:title>縦書き</dc:title>",
            &[
                ("nav", "nav.xhtml", XHTML, "nav"),
                ("css", "style/book.css", "text/css", ""),
                ("p1", "xhtml/p1.xhtml", XHTML, ""),
            ],
            &spine("", &["p1"]),
        ),
    );
    f.add("item/nav.xhtml", nav(&[(1, "本文", "xhtml/p1.xhtml")]));
    f.add(
        "item/style/book.css",
        ".vrtl { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl }",
    );
    f.add(
        "item/xhtml/p1.xhtml",
        "<?xml version=\"1.0\"?><html class=\"vrtl\"><body><p>\u{FE41}はい\u{FE12}\u{FE42}</p></body></html>",
    );
    let book = f.open();
    assert_well_formed(&book);
    assert!(book.vertical);
    assert_eq!(book.document.text, "「はい。」");
    let horizontal = epub2(&[("One", "<p>x</p>")]).open();
    assert!(!horizontal.vertical);
}

#[test]
fn a_right_to_left_spine_is_vertical() {
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "3.0",
            "",
            &[("p", "p.xhtml", XHTML, "")],
            &spine(r#"page-progression-direction="rtl""#, &["p"]),
        ),
    );
    f.add("p.xhtml", xhtml("p", "<p>縦</p>"));
    let book = f.open();
    assert!(book.vertical);
    assert_eq!(book.document.title, "fallback");
}

#[test]
fn drm_is_refused_in_one_line_and_font_obfuscation_is_not() {
    let mut f = epub2(&[("One", "<p>x</p>")]);
    f.add(
        "META-INF/encryption.xml",
        r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/Fonts/f.otf"/></enc:CipherData></enc:EncryptedData></encryption>"#,
    );
    assert_eq!(f.open().document.text, "x");
    f.add("META-INF/rights.xml", "<rights/>");
    let e = epub::from_bytes(f.bytes(), "b").expect_err("refused");
    assert_eq!(
        e.to_string(),
        "protected by DRM (Adobe DRM (META-INF/rights.xml)); kanshu reads only books without DRM"
    );
    let mut lcp = epub2(&[("One", "<p>x</p>")]);
    lcp.add(
        "META-INF/encryption.xml",
        r#"<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/></EncryptedData></encryption>"#,
    );
    assert!(epub::from_bytes(lcp.bytes(), "b").is_err());
}

#[test]
fn images_tables_and_lists_become_blocks() {
    let book = epub2(&[(
        "One",
        r#"<div><img src="../Images/a.png"/></div>
<table><thead><tr><th>名称</th><th>数量</th></tr></thead>
<tbody><tr><td>苹果</td><td><b>3</b></td></tr><tr><td>梨<br/>子</td><td></td></tr></tbody></table>
<ol><li>first</li><li><p>second</p><ul><li>inner</li></ul></li></ol>
<blockquote><p>quoted</p></blockquote><hr/><pre>  keep
    lines</pre>"#,
    )])
    .open();
    assert_well_formed(&book);
    let doc = &book.document;
    assert_eq!(
        doc.text,
        "［图］\n名称\t数量\n苹果\t3\n梨 子\t\nfirst\nsecond\ninner\nquoted\n\n  keep\n    lines"
    );
    let kinds: Vec<String> = doc
        .structure
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Table(t) => format!(
                "table {}x{} head {}",
                t.rows.len(),
                t.rows[0].len(),
                t.header_rows
            ),
            BlockKind::ListItem { depth, .. } => format!("item {depth}"),
            BlockKind::Quote { .. } => "quote".into(),
            BlockKind::Image { src } => format!("image {src}"),
            BlockKind::Rule => "rule".into(),
            BlockKind::Preformatted => "pre".into(),
            BlockKind::Paragraph => "p".into(),
            k => format!("{k:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "image OEBPS/Images/a.png",
            "table 3x2 head 1",
            "item 1",
            "p",
            "item 1",
            "p",
            "item 2",
            "p",
            "quote",
            "p",
            "rule",
            "pre"
        ]
    );
}

#[test]
fn a_saved_place_is_found_again_after_the_converter_changes() {
    let f = epub2(&[
        ("One", "<p>Alpha beta gamma.</p><p>Delta epsilon zeta.</p>"),
        ("Two", "<p>Eta theta iota.</p><p>Kappa lambda mu.</p>"),
    ]);
    let book = f.open();
    let at = book.document.text.find("lambda").expect("word");
    let place: SourcePlace = book.sources.place(at).expect("a source place");
    assert_eq!(place.href, "OEBPS/Text/c1.xhtml");
    assert_eq!(place.converter, epub::CONVERTER_VERSION);
    assert_eq!(book.sources.offset(&place, &book.document.text), Some(at));
    // The same book, now with more text before the place (as a converter that shows more
    // would produce): the saved place still lands on the same words.
    let longer = epub2(&[
        (
            "One",
            "<p>Alpha beta gamma.</p><p>Delta epsilon zeta.</p><p>A new paragraph.</p>",
        ),
        ("Two", "<p>Eta theta iota.</p><p>Kappa lambda mu.</p>"),
    ]);
    let again = longer.open();
    let found = again
        .sources
        .offset(&place, &again.document.text)
        .expect("found");
    assert!(again.document.text[found..].starts_with("lambda mu."));
}

#[test]
fn non_linear_items_come_last_and_every_item_starts_a_chapter_or_follows_one() {
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "2.0",
            "<dc:title>T</dc:title>",
            &[
                ("ncx", "toc.ncx", "application/x-dtbncx+xml", ""),
                ("cover", "cover.xhtml", XHTML, ""),
                ("notes", "notes.xhtml", XHTML, ""),
                ("a", "a.xhtml", XHTML, ""),
                ("a2", "a_split.xhtml", XHTML, ""),
            ],
            r#"<spine toc="ncx"><itemref idref="cover"/><itemref idref="notes" linear="no"/><itemref idref="a"/><itemref idref="a2"/></spine>"#,
        ),
    );
    f.add("toc.ncx", ncx(&[(1, "Chapter A", "a.xhtml")]));
    f.add(
        "cover.xhtml",
        xhtml("c", "<div><img src=\"cover.jpg\" alt=\"\"/></div>"),
    );
    f.add("notes.xhtml", xhtml("n", "<p>Notes at the end.</p>"));
    f.add("a.xhtml", xhtml("a", "<p>A begins.</p>"));
    f.add("a_split.xhtml", xhtml("a2", "<p>A goes on.</p>"));
    let book = f.open();
    assert_well_formed(&book);
    assert_eq!(
        book.document.text,
        "［图］\nA begins.\nA goes on.\nNotes at the end."
    );
    assert_eq!(
        contents(&book),
        [
            (1, "cover".to_string()),
            (1, "Chapter A".to_string()),
            (1, "notes".to_string())
        ]
    );
}

#[test]
fn whether_a_file_opens_vertically_is_known_without_converting_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "3.0",
            "",
            &[("p", "p.xhtml", XHTML, "")],
            &spine("", &["p"]),
        ),
    );
    f.add(
        "p.xhtml",
        "<html><body style=\"writing-mode: vertical-rl\"><p>縦</p></body></html>",
    );
    let vertical = dir.path().join("v.epub");
    std::fs::write(&vertical, f.bytes()).unwrap();
    assert!(epub::opens_vertical(&vertical, &Default::default()));
    assert!(f.open().vertical);
    let flat = dir.path().join("h.epub");
    std::fs::write(&flat, epub2(&[("One", "<p>x</p>")]).bytes()).unwrap();
    assert!(!epub::opens_vertical(&flat, &Default::default()));
    assert!(!epub::opens_vertical(
        &dir.path().join("missing.epub"),
        &Default::default()
    ));
}
