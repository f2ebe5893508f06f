//! What an EPUB's own markup decides, as a reader sees it: a right-to-left book is vertical
//! only when it is Chinese, Japanese or Korean; the reader's `V` choice is kept per book;
//! footnotes and endnotes open in the popup and are not body text; an ideographic indent after
//! a line break stays; a book that unpacks past the size limit is refused in one line; `info`
//! says what an EPUB is made of.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::app::{App, Overlay};
use kanshu::formats::epub;
use kanshu::{LoadOptions, keys::Mode};

use crate::common::*;
use crate::epub_build::*;

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config);
    cmd
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `(success, exit code, stdout, stderr)` of `kanshu ARGS FILE`.
fn run(dir: &Path, args: &[&str], file: &Path) -> (bool, Option<i32>, String, String) {
    let out = kanshu(dir).args(args).arg(file).output().unwrap();
    (
        out.status.success(),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An EPUB 3 book of one content document with this language, spine attributes and body.
fn one_item(meta: &str, spine_attrs: &str, body: &str) -> EpubFiles {
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "3.0",
            &format!("<dc:title>书</dc:title>{meta}"),
            &[("p", "p.xhtml", XHTML, "")],
            &spine(spine_attrs, &["p"]),
        ),
    );
    f.add("p.xhtml", xhtml("p", body));
    f
}

const RTL: &str = r#"page-progression-direction="rtl""#;

#[test]
fn a_right_to_left_book_is_vertical_only_when_it_is_cjk() {
    let dir = tempfile::tempdir().unwrap();
    let arabic = one_item(
        "<dc:language>ar</dc:language>",
        RTL,
        "<p>مرحبا بالعالم. هذا كتاب عربي يقرأ من اليمين.</p>",
    );
    let hebrew = one_item("", RTL, "<p>שלום עולם, זה ספר בעברית.</p>");
    let japanese = one_item("<dc:language>ja</dc:language>", RTL, "<p>Tokyo 1964</p>");
    let chinese_text = one_item("", RTL, "<p>竖排的中文书，没有写语言。</p>");
    for (name, f, vertical) in [
        ("ar.epub", &arabic, false),
        ("he.epub", &hebrew, false),
        ("ja.epub", &japanese, true),
        ("zh.epub", &chinese_text, true),
    ] {
        assert_eq!(f.open().vertical, vertical, "{name}");
        let file = write(dir.path(), name, &f.bytes());
        assert_eq!(
            epub::opens_vertical(&file, &LoadOptions::default()),
            vertical,
            "{name}"
        );
        let (ok, _, out, err) = run(dir.path(), &["info"], &file);
        assert!(ok, "{err}");
        assert_eq!(
            out.contains("writing:    vertical"),
            vertical,
            "{name}\n{out}"
        );
    }
    // An Arabic book opens horizontal, so its page reads as one line of text, not columns.
    let mut app = App::new(arabic.open().document, 60, 10);
    assert!(!app.display().vertical);
    assert!(screen_text(&render(&app)).contains("مرحبا بالعالم"));
    press(&mut app, &["V"]);
    assert!(!app.display().vertical);
}

#[test]
fn the_readers_vertical_choice_wins_when_the_book_is_opened_again() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let vertical = write(
        tmp.path(),
        "v.epub",
        &one_item("<dc:language>zh</dc:language>", RTL, "<p>竖排的书。</p>").bytes(),
    );
    // What `kanshu v.epub` does: the book's own mode, then the remembered choice.
    let open = || {
        let opts = LoadOptions::default();
        let doc = epub::open(&vertical, &opts).expect("opens").document;
        let mut app = App::new(doc, 80, 24);
        let mut mode = app.display();
        mode.vertical = epub::opens_vertical(&vertical, &opts);
        app.set_display(mode);
        app.attach_store(kanshu::store::Store::new(&config));
        app
    };
    let mut app = open();
    assert!(app.display().vertical, "first opened in the book's mode");
    press(&mut app, &["V"]);
    assert!(!app.display().vertical);
    app.quit();

    let mut app = open();
    assert!(
        !app.display().vertical,
        "reopened horizontal as it was left"
    );
    press(&mut app, &["V"]);
    app.quit();
    assert!(
        open().display().vertical,
        "and vertical again once switched back"
    );
}

/// Chapter one refers to a footnote and an endnote kept in a notes file of its own, whose
/// text starts with its own number.
fn noted() -> EpubFiles {
    epub2(&[
        (
            "第一章",
            r##"<h1>第一章</h1><p>正文一句<a epub:type="noteref" href="#f1">1</a>，又一句<a epub:type="noteref" href="c1.xhtml#e2">2</a>。</p>
<aside epub:type="footnote" id="f1"><p>脚注的文字。</p></aside>
<p>后文。</p>"##,
        ),
        (
            "注释",
            r##"<h1>注释</h1><ol><li id="e2"><p>2. 这是尾注。</p></li></ol>"##,
        ),
    ])
}

#[test]
fn notes_open_in_the_popup_and_are_not_body_text() {
    let book = noted().open();
    assert_well_formed(&book);
    assert_eq!(book.metadata.notes, 2);
    let mut app = App::new(book.document, 80, 24);
    let page = screen_text(&render(&app));
    assert!(page.contains("正文一句[1]，又一句[2]。"), "{page}");
    assert!(page.contains("后文。"), "{page}");
    assert!(!page.contains("脚注的文字"), "{page}");
    assert!(!page.contains("这是尾注"), "{page}");
    // Not searched either: `/` finds body text only.
    assert!(!app.doc().text.contains("脚注"));
    // The endnotes file adds no chapter of its own.
    assert_eq!(app.doc().chapters.len(), 1, "{:?}", app.doc().chapters);
    press(&mut app, &["F"]);
    assert_eq!(app.mode(), Mode::Notes);
    assert!(matches!(app.overlay, Overlay::Notes(_)));
    let popup = screen_text(&render(&app));
    assert!(popup.contains("[1] 脚注的文字。"), "{popup}");
    // The endnote says its own number: it is not numbered twice.
    assert!(popup.contains("2. 这是尾注。"), "{popup}");
    assert!(!popup.contains("[2] 2."), "{popup}");

    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "notes.epub", &noted().bytes());
    let (ok, _, out, err) = run(dir.path(), &["info"], &file);
    assert!(ok, "{err}");
    // 第一章, 正文一句[1]，又一句[2]。 and 后文。 on lines of their own: the notes are not
    // counted.
    assert!(out.contains("characters: 23\n"), "{out}");
    assert!(out.contains("notes:      2\n"), "{out}");
    let (ok, _, toc, _) = run(dir.path(), &["toc"], &file);
    assert!(ok);
    assert!(!toc.contains("注释"), "{toc}");
}

#[test]
fn an_ideographic_indent_after_a_line_break_stays() {
    let f = one_item(
        "<dc:language>zh</dc:language>",
        "",
        "<div>　　段落一，这是第一段。<br/>\n　　段落二，这是第二段。</div>",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "br.epub", &f.bytes());
    let (ok, _, out, err) = run(
        dir.path(),
        &["render", "--width", "40", "--height", "6"],
        &file,
    );
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("段落")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert!(indent(lines[0]) > 0, "{out}");
    assert_eq!(indent(lines[0]), indent(lines[1]), "{out}");
}

#[test]
fn a_book_that_unpacks_past_the_size_limit_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // Two megabytes of text that deflate to a few kilobytes.
    let body = format!("<p>{}</p>", "字".repeat(700_000));
    let file = write(dir.path(), "big.epub", &one_item("", "", &body).bytes());
    assert!(std::fs::metadata(&file).unwrap().len() < 100_000);
    let (ok, code, out, err) = run(dir.path(), &["info", "--max-size-mb", "1"], &file);
    assert!(!ok);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unpacks to more than 1 MB"), "{err}");
    assert!(err.contains("--max-size-mb"), "{err}");
    let (ok, _, out, err) = run(dir.path(), &["info", "--max-size-mb", "3"], &file);
    assert!(ok, "{err}");
    assert!(out.contains("characters: 700000"), "{out}");

    // A zip entry that states a small size and inflates past it never gets past the limit:
    // refused, or cut where its stated size ends.
    let mut f = one_item("", "", &body);
    for e in f.entries.iter_mut().filter(|e| e.name == b"p.xhtml") {
        e.stated_size = Some(100);
    }
    match epub::from_bytes_limited(f.bytes(), "x", 1024 * 1024) {
        Err(epub::EpubError::TooLarge(1)) => {}
        Ok(book) => assert!(book.document.text.len() < 1024 * 1024),
        Err(e) => panic!("{e}"),
    }

    // A file larger than the limit on disk is refused by its size.
    let sparse = dir.path().join("sparse.epub");
    std::fs::File::create(&sparse)
        .and_then(|mut f| {
            f.write_all(b"PK")?;
            f.set_len(3 * 1024 * 1024)
        })
        .unwrap();
    let (ok, code, _, err) = run(dir.path(), &["info", "--max-size-mb", "1"], &sparse);
    assert!(!ok);
    assert_eq!(code, Some(2));
    assert!(err.contains("larger than 1 MB"), "{err}");
}

#[test]
fn info_says_what_an_epub_is_made_of() {
    let gbk = encoding_rs::GBK
        .encode("<?xml version=\"1.0\" encoding=\"gbk\"?><html><body><p>国标码写成的一章。</p></body></html>")
        .0
        .into_owned();
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "3.0",
            "<dc:title>混合</dc:title>",
            &[
                ("a", "a.xhtml", XHTML, ""),
                ("b", "b.xhtml", XHTML, ""),
                ("c", "c.xhtml", XHTML, ""),
            ],
            &spine("", &["a", "b", "c"]),
        ),
    );
    f.add("a.xhtml", xhtml("a", "<p>第一章。</p><p>又一段。</p>"));
    f.add("b.xhtml", gbk);
    f.add("c.xhtml", xhtml("c", "<h1>三</h1><p>第三章。</p>"));
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "mixed.epub", &f.bytes());
    let (ok, _, out, err) = run(dir.path(), &["info"], &file);
    assert!(ok, "{err}");
    for line in [
        "encoding:   UTF-8 (GBK 1/3)\n",
        "authors:    -\n",
        "language:   -\n",
        "publisher:  -\n",
        "paragraphs: 4 (from the book's markup)\n",
    ] {
        assert!(out.contains(line), "{line:?} missing in\n{out}");
    }
    assert!(!out.contains("lines:"), "{out}");
    assert!(!out.contains("auto:"), "{out}");
    let (ok, _, json, _) = run(dir.path(), &["info", "--json"], &file);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["paragraph_mode"], "markup");
    assert_eq!(v["encoding"], "UTF-8 (GBK 1/3)");
}
