//! EPUB contents as a reader meets them: a volume and its first chapter at the same place
//! both listed, a heading without a link kept as a level, chapter numbers on the chapter
//! level (not on the sections), entries inside a file that do not start a new page, and the
//! links popup saying where a link goes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::app::App;
use serde_json::Value;

use crate::common::*;
use crate::epub_build::*;

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

fn run(dir: &Path, args: &[&str], file: &Path) -> String {
    let out = kanshu(dir).args(args).arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// An EPUB 3 book: `nav_body` is the `<ol>` of the toc nav; `files` (href, body) in spine order.
pub fn nav_book(nav_body: &str, files: &[(&str, &str)]) -> EpubFiles {
    let mut f = EpubFiles::new("OPS/package.opf");
    let mut items = vec![("nav", "nav.xhtml", XHTML, "nav")];
    let ids: Vec<String> = (0..files.len()).map(|i| format!("x{i}")).collect();
    for (id, (href, _)) in ids.iter().zip(files) {
        items.push((id, href, XHTML, ""));
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    f.add(
        "OPS/package.opf",
        opf(
            "3.0",
            "<dc:title>卷书</dc:title><dc:language>zh</dc:language>",
            &items,
            &spine("", &refs),
        ),
    );
    f.add(
        "OPS/nav.xhtml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目录</title></head><body>
<nav epub:type="toc"><ol>{nav_body}</ol></nav></body></html>"#
        ),
    );
    for (href, body) in files {
        f.add(&format!("OPS/{href}"), xhtml("t", body));
    }
    f
}

fn para(words: &str, n: usize) -> String {
    (0..n).map(|k| format!("<p>{words}{k}。</p>")).collect()
}

/// Two volumes, each of two chapters with two sections; 第1卷 and its 第1章 both point at the
/// chapter's file, as most Chinese EPUBs do.
fn volumes_book() -> EpubFiles {
    let mut nav = String::new();
    let mut files = Vec::new();
    for v in 1..=2 {
        nav.push_str(&format!(r#"<li><a href="v{v}c1.xhtml">第{v}卷</a><ol>"#));
        for c in 1..=2 {
            let href = format!("v{v}c{c}.xhtml");
            nav.push_str(&format!(
                r##"<li><a href="{href}">第{c}章 卷{v}章{c}</a><ol><li><a href="{href}#s1">第一节</a></li><li><a href="{href}#s2">第二节</a></li></ol></li>"##
            ));
            files.push((
                href,
                format!(
                    "<h2>第{c}章 卷{v}章{c}</h2>{}<h3 id=\"s1\">第一节</h3>{}<h3 id=\"s2\">第二节</h3>{}",
                    para("开头", 2),
                    para(&format!("卷{v}章{c}一节"), 3),
                    para(&format!("卷{v}章{c}二节"), 3)
                ),
            ));
        }
        nav.push_str("</ol></li>");
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(h, b)| (h.as_str(), b.as_str()))
        .collect();
    nav_book(&nav, &files)
}

#[test]
fn a_volume_at_the_place_of_its_first_chapter_is_listed_with_it() {
    let book = volumes_book().open();
    assert_well_formed(&book);
    let got: Vec<(u8, String)> = contents(&book);
    let want: Vec<(u8, &str)> = vec![
        (1, "第1卷"),
        (2, "第1章 卷1章1"),
        (3, "第一节"),
        (3, "第二节"),
        (2, "第2章 卷1章2"),
        (3, "第一节"),
        (3, "第二节"),
        (1, "第2卷"),
        (2, "第1章 卷2章1"),
        (3, "第一节"),
        (3, "第二节"),
        (2, "第2章 卷2章2"),
        (3, "第一节"),
        (3, "第二节"),
    ];
    let want: Vec<(u8, String)> = want.into_iter().map(|(l, t)| (l, t.into())).collect();
    assert_eq!(got, want);

    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "vol.epub", &volumes_book().bytes());
    let toc = run(dir.path(), &["toc"], &file);
    let lines: Vec<&str> = toc.lines().collect();
    assert_eq!(lines.len(), 14, "{toc}");
    // Chapter numbers are on the chapters, with their volume where they repeat; the
    // sections and volumes get none.
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["1", "第1卷"]
    );
    assert!(
        lines[1].contains(":1.1") && lines[1].ends_with("  第1章 卷1章1"),
        "{toc}"
    );
    assert!(
        !lines[2].contains(':') && lines[2].ends_with("    第一节"),
        "{toc}"
    );
    assert!(
        lines[8].contains(":2.1") && lines[8].contains("第1章 卷2章1"),
        "{toc}"
    );
    assert!(
        lines[11].contains(":2.2") && lines[11].contains("第2章 卷2章2"),
        "{toc}"
    );

    let json: Value = serde_json::from_str(&run(dir.path(), &["toc", "--json"], &file)).unwrap();
    let entries = json.as_array().unwrap();
    let levels: Vec<u64> = entries
        .iter()
        .map(|e| e["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, [1, 2, 3, 3, 2, 3, 3, 1, 2, 3, 3, 2, 3, 3]);
    let numbers: Vec<Option<u64>> = entries.iter().map(|e| e["number"].as_u64()).collect();
    assert_eq!(numbers[1], Some(1));
    assert_eq!(numbers[4], Some(2));
    assert_eq!(numbers[2], None, "a section is no chapter");
    assert_eq!(numbers[0], None, "a volume is no chapter");
    // The volume opens where its first chapter opens.
    assert_eq!(entries[0]["offset"], entries[1]["offset"]);

    // `--chapter 2` is 第2章 of the first volume, `--chapter 2.1` the first of the second.
    let page = run(
        dir.path(),
        &["render", "--chapter", "2", "--width", "40"],
        &file,
    );
    assert!(page.contains("第2章 卷1章2"), "{page}");
    let page = run(
        dir.path(),
        &["render", "--chapter", "2.1", "--width", "40"],
        &file,
    );
    assert!(page.contains("第1章 卷2章1"), "{page}");
    // The book's first page is its first chapter's, and no volume prints an empty page.
    let page = run(dir.path(), &["render", "--width", "40"], &file);
    assert!(page.contains("第1章 卷1章1"), "{page}");
    let all = run(dir.path(), &["render", "--all", "--width", "40"], &file);
    assert!(
        all.split_terminator("\u{c}\n")
            .all(|p| !p.trim().is_empty()),
        "an empty page in\n{all}"
    );
}

#[test]
fn chapters_with_sections_are_numbered_as_chapters() {
    let mut nav = String::new();
    let mut files = Vec::new();
    for (c, name) in [(1, "第一章 雨"), (2, "第二章 雪")] {
        let href = format!("c{c}.xhtml");
        nav.push_str(&format!(
            r##"<li><a href="{href}">{name}</a><ol><li><a href="{href}#s1">一</a></li><li><a href="{href}#s2">二</a></li></ol></li>"##
        ));
        files.push((
            href,
            format!(
                "<h2>{name}</h2><h3 id=\"s1\">一</h3>{}<h3 id=\"s2\">二</h3>{}",
                para(&format!("章{c}甲"), 2),
                para(&format!("章{c}乙"), 2)
            ),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(h, b)| (h.as_str(), b.as_str()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.epub", &nav_book(&nav, &files).bytes());
    let page = run(
        dir.path(),
        &["render", "--chapter", "2", "--width", "40"],
        &file,
    );
    assert!(page.contains("第二章 雪"), "{page}");
    let toc = run(dir.path(), &["toc"], &file);
    assert!(
        toc.lines()
            .any(|l| l.contains(":2") && l.ends_with("第二章 雪")),
        "{toc}"
    );
}

#[test]
fn a_heading_without_a_link_is_a_level_that_opens_at_its_first_entry() {
    let nav = r#"<li><a href="cover.xhtml">封面</a></li>
<li><span>第一部</span><ol><li><a href="a.xhtml">第一章 雨</a></li><li><a href="b.xhtml">第二章 风</a></li></ol></li>
<li><span>第二部</span><ol><li><a href="c.xhtml">第三章 雪</a></li></ol></li>"#;
    let book = nav_book(
        nav,
        &[
            ("cover.xhtml", "<p>封面图</p>"),
            ("a.xhtml", "<h1>第一章 雨</h1><p>下雨了。</p>"),
            ("b.xhtml", "<h1>第二章 风</h1><p>起风了。</p>"),
            ("c.xhtml", "<h1>第三章 雪</h1><p>下雪了。</p>"),
        ],
    );
    let opened = book.open();
    assert_well_formed(&opened);
    let want: Vec<(u8, String)> = [
        (1, "封面"),
        (1, "第一部"),
        (2, "第一章 雨"),
        (2, "第二章 风"),
        (1, "第二部"),
        (2, "第三章 雪"),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_string()))
    .collect();
    assert_eq!(contents(&opened), want);
    let doc = &opened.document;
    assert_eq!(doc.chapters[1].range.start, doc.chapters[2].range.start);
    let mut app = App::new(opened.document.clone(), 60, 20);
    press(&mut app, &["]"]);
    assert_eq!(app.status_chapters(), "第一部 › 第一章 雨");
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.epub", &book.bytes());
    let page = run(
        dir.path(),
        &["render", "--chapter", "3", "--width", "40"],
        &file,
    );
    assert!(page.contains("第三章 雪"), "{page}");
}

#[test]
fn reading_passes_through_volumes_to_their_chapters() {
    let mut app = App::new(volumes_book().open().document, 60, 20);
    // The book opens on 第1章, inside 第1卷.
    assert_eq!(app.top().chapter, 1);
    assert_eq!(app.status_chapters(), "第1卷 › 第1章 卷1章1");
    // `:2` and `2g` go to the second chapter, not to a section.
    press(&mut app, &[":"]);
    type_text(&mut app, "2");
    press(&mut app, &["enter"]);
    assert_eq!(app.top().chapter, 4, "{}", app.status_chapters());
    press(&mut app, &["g", "g"]);
    press(&mut app, &["2", "g"]);
    assert_eq!(app.top().chapter, 4, "{}", app.status_chapters());
    // `]` from the last section of the first volume lands on the second volume's first
    // chapter, and `[` goes back past the volume without sticking on it.
    press(&mut app, &["]", "]", "]"]);
    assert_eq!(app.top().chapter, 8);
    assert_eq!(app.status_chapters(), "第2卷 › 第1章 卷2章1");
    press(&mut app, &["["]);
    assert_eq!(app.top().chapter, 6);
}

#[test]
fn the_links_popup_says_where_links_go_in_the_reader_s_words() {
    let mut f = EpubFiles::new("OEBPS/content.opf");
    f.add(
        "OEBPS/content.opf",
        opf(
            "3.0",
            "<dc:title>链接之书</dc:title>",
            &[
                ("nav", "nav.xhtml", XHTML, "nav"),
                ("c1", "Text/c1.xhtml", XHTML, ""),
                ("c2", "Text/c2.xhtml", XHTML, ""),
                ("extra", "extra.xhtml", XHTML, ""),
            ],
            r#"<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="extra" linear="no"/></spine>"#,
        ),
    );
    f.add(
        "OEBPS/nav.xhtml",
        nav(&[
            (1, "第一章 雨", "Text/c1.xhtml"),
            (1, "第二章 雪", "Text/c2.xhtml"),
            (2, "雪后", "Text/c2.xhtml#t"),
        ]),
    );
    f.add(
        "OEBPS/Text/c1.xhtml",
        xhtml(
            "c1",
            r#"<h1>第一章 雨</h1><p>见<a href="c2.xhtml#t">雪后</a>，又见<a href="../extra.xhtml">附录</a>，或<a href="https://example.org/书">网站</a>。</p>"#,
        ),
    );
    f.add(
        "OEBPS/Text/c2.xhtml",
        xhtml(
            "c2",
            r#"<h1>第二章 雪</h1><p>下雪了。</p><h2 id="t">雪后</h2><p>雪停了。</p>"#,
        ),
    );
    f.add(
        "OEBPS/extra.xhtml",
        xhtml("extra", "<h1>附录</h1><p>附录的正文。</p>"),
    );
    let mut app = App::new(f.open().document, 80, 24);
    press(&mut app, &["U"]);
    let kanshu::app::Overlay::Links(state) = &app.overlay else {
        panic!("the links popup is open");
    };
    let places: Vec<String> = state.rows.iter().map(|r| r.target_text()).collect();
    assert_eq!(places.len(), 3, "{places:?}");
    assert!(
        places[0].starts_with("雪后 · ") && places[0].ends_with('%'),
        "{places:?}"
    );
    assert!(places[1].starts_with("附录 · "), "{places:?}");
    assert_eq!(places[2], "https://example.org/书");
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("雪后 · ") && !screen.contains("xhtml"),
        "{screen}"
    );
    // Enter on the first: the page shows the place it said.
    press(&mut app, &["enter"]);
    assert_eq!(app.status_chapters(), "第二章 雪 › 雪后");
}

/// One file holding 第一章 and, after a line, the entry `c1.xhtml#t` (雪后), then 第二章 in a
/// file of its own.
fn fragment_book() -> EpubFiles {
    nav_book(
        r##"<li><a href="c1.xhtml">第一章 雪</a><ol><li><a href="c1.xhtml#t">雪后</a></li></ol></li><li><a href="c2.xhtml">第二章 晴</a></li>"##,
        &[
            (
                "c1.xhtml",
                &format!(
                    "<h1>第一章 雪</h1><p>下雪了。</p><h2 id=\"t\">雪后</h2>{}",
                    para("雪停了", 30)
                ),
            ),
            ("c2.xhtml", "<h1>第二章 晴</h1><p>天晴了。</p>"),
        ],
    )
}

#[test]
fn an_entry_inside_a_file_goes_on_on_the_same_page() {
    let book = fragment_book().open();
    assert_well_formed(&book);
    assert_eq!(book.document.chapters[1].title, "雪后");
    let mut app = App::new(book.document, 60, 16);
    let screen = screen_text(&render(&app));
    // The chapter's first line, then the entry inside the file on the same page.
    assert!(screen.contains("下雪了"), "{screen}");
    assert!(
        screen.contains("雪后") && screen.contains("雪停了0"),
        "{screen}"
    );
    // Turning pages goes on through the section without a blank page, and the next file
    // starts a page of its own.
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&screen_text(&render(&app)));
        press(&mut app, &["space"]);
    }
    for k in 0..30 {
        assert!(
            seen.contains(&format!("雪停了{k}")),
            "雪停了{k} missing:\n{seen}"
        );
    }
    let last = screen_text(&render(&app));
    assert!(
        last.contains("第二章 晴") && !last.contains("雪停了"),
        "{last}"
    );
    // A jump to the entry puts it at the top; the page before shows what leads up to it.
    press(&mut app, &["g", "g", "]"]);
    let screen = screen_text(&render(&app));
    let rows: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(rows[0].contains("雪后"), "{screen}");
    press(&mut app, &["pageup"]);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("下雪了") && screen.contains("雪后"),
        "{screen}"
    );
}

#[test]
fn an_ncx_volume_at_its_first_chapter_keeps_the_chapter_and_its_sections_as_siblings() {
    let mut f = epub2(&[
        (
            "第1章",
            "<h2>第1章 出发</h2><p>开头。</p><h3 id=\"s1\">第一节</h3><p>一节。</p><h3 id=\"s2\">第二节</h3><p>二节。</p>",
        ),
        ("第2章", "<h2>第2章 归来</h2><p>结尾。</p>"),
    ]);
    let ncx_text = ncx(&[
        (1, "第1卷", "Text/c0.xhtml"),
        (2, "第1章 出发", "Text/c0.xhtml"),
        (3, "第一节", "Text/c0.xhtml#s1"),
        (3, "第二节", "Text/c0.xhtml#s2"),
        (2, "第2章 归来", "Text/c1.xhtml"),
    ]);
    for e in &mut f.entries {
        if e.name == b"OEBPS/toc.ncx" {
            e.data = ncx_text.clone().into_bytes();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "n.epub", &f.bytes());
    let json: Value = serde_json::from_str(&run(dir.path(), &["toc", "--json"], &file)).unwrap();
    let got: Vec<(u64, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["level"].as_u64().unwrap(),
                e["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(u64, String)> = [
        (1, "第1卷"),
        (2, "第1章 出发"),
        (3, "第一节"),
        (3, "第二节"),
        (2, "第2章 归来"),
    ]
    .into_iter()
    .map(|(l, t)| (l, t.to_string()))
    .collect();
    assert_eq!(got, want);
    let page = run(
        dir.path(),
        &["render", "--chapter", "2", "--width", "40"],
        &file,
    );
    assert!(page.contains("第2章 归来"), "{page}");
}
