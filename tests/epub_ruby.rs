//! Ruby and images of an EPUB as the reader shows them: a page with ruby inline and hidden,
//! horizontal and vertical (whole screens with their styles), the `r` key keeping the place,
//! search seeing only the base, the `I` popup with each image's type, bytes and pixels, and
//! both keys in a real terminal.

use std::path::PathBuf;

use crate::common::tmux::{Tmux, quote};
use crate::common::*;
use crate::epub_build::*;
use kanshu::app::App;
use kanshu::formats;
use kanshu::keys::Action;
use kanshu::layout::Ruby;
use kanshu::{Document, LoadOptions};

/// The first bytes of a PNG of `w` × `h` pixels (the reader reads no further).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b.extend_from_slice(&[0; 100]);
    b
}

/// A Japanese page with ruby (with and without `<rp>`), bopomofo over Chinese, a gaiji image
/// as a ruby base, an image block and a GIF with no pixel size the reader can find.
pub fn ruby_epub() -> Vec<u8> {
    let body = r#"<h1>第一章 <ruby>吾輩<rt>わがはい</rt></ruby></h1>
<p><ruby>吾輩<rp>(</rp><rt>わがはい</rt><rp>)</rp></ruby>は<ruby>猫<rt>ねこ</rt></ruby>である。<ruby>名前<rt>なまえ</rt></ruby>はまだ<ruby>無<rt>な</rt></ruby>い。どこで<ruby>生<rt>う</rt></ruby>れたかとんと<ruby>見当<rt>けんとう</rt></ruby>がつかぬ。</p>
<p>注音<ruby>漢<rt>ㄏㄢˋ</rt>字<rt>ㄗˋ</rt></ruby>，外字<ruby><img class="gaiji" src="../img/g.png" alt="𠮷"/><rt>きち</rt></ruby>。</p>
<p><img src="../img/cat.png" alt="猫の絵"/></p>
<p><img src="../img/odd.gif" alt="壊"/></p>"#;
    let mut f = EpubFiles::new("OEBPS/o.opf");
    f.add(
        "OEBPS/o.opf",
        opf(
            "3.0",
            "<dc:title>猫</dc:title>",
            &[
                ("c", "Text/c.xhtml", XHTML, ""),
                ("i", "img/cat.png", "image/png", ""),
                ("g", "img/g.png", "image/png", ""),
            ],
            &spine("", &["c"]),
        ),
    );
    f.add("OEBPS/Text/c.xhtml", xhtml("c", body));
    f.stored("OEBPS/img/cat.png", &png(64, 48));
    f.add("OEBPS/img/g.png", png(16, 16));
    f.stored("OEBPS/img/odd.gif", b"GIF8");
    f.bytes()
}

/// The book written to a file (images are read from it) and opened as the reader opens it.
fn open_book(dir: &std::path::Path) -> (PathBuf, Document) {
    let path = dir.join("猫.epub");
    std::fs::write(&path, ruby_epub()).expect("write the book");
    let rules = kanshu::document::RuleSet::builtin();
    let doc = formats::open(&path, &LoadOptions::default(), rules).expect("the book opens");
    (path, doc)
}

#[test]
fn ruby_inline_and_hidden_horizontal_and_vertical() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = open_book(dir.path());
    let mut app = App::new(doc, 40, 16);
    assert_eq!(app.ruby(), Ruby::Inline);
    let inline = snapshot(&app);
    assert!(inline.contains("吾輩(わがはい)は猫(ねこ)"), "{inline}");
    assert!(inline.contains("漢(ㄏㄢˋ)字(ㄗˋ)"), "bopomofo:\n{inline}");
    assert!(
        inline.contains("𠮷(きち)"),
        "the gaiji base shows its alt:\n{inline}"
    );
    assert!(!inline.contains("(("), "rp is not doubled:\n{inline}");
    insta::assert_snapshot!("ruby_inline_40x16", inline);
    let top = app.top();

    app.update(Action::ToggleRuby);
    let hidden = snapshot(&app);
    assert!(hidden.contains("吾輩は猫である。"), "{hidden}");
    assert!(!hidden.contains("わがはい"), "{hidden}");
    assert!(status_text(&app).contains("ruby hidden"));
    assert_eq!(app.top(), top, "the same words stay at the top");
    insta::assert_snapshot!("ruby_hidden_40x16", hidden);

    app.update(Action::ToggleVertical);
    insta::assert_snapshot!("ruby_hidden_vertical_40x16", snapshot(&app));
    app.update(Action::ToggleRuby);
    let vertical = snapshot(&app);
    assert!(vertical.contains('ね'), "{vertical}");
    insta::assert_snapshot!("ruby_inline_vertical_40x16", vertical);
}

#[test]
fn readings_are_dim_and_only_the_base_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = open_book(dir.path());
    assert!(!doc.text.contains("わがはい") && doc.text.contains("吾輩は猫"));
    let app = App::new(doc, 60, 12);
    // Every glyph of a reading is decoration: dimmed, at the end of its base, never text the
    // search or a selection would see.
    let mut readings = String::new();
    for line in app.view().columns.iter().flatten() {
        for (i, g) in line.glyphs.iter().enumerate() {
            let paint = line.glyphs.paint(i);
            if paint.contains(kanshu::layout::Paint::RUBY) {
                assert!(paint.contains(kanshu::layout::Paint::DECORATION));
                readings.push_str(g.text);
            }
        }
    }
    assert!(
        readings.starts_with("(わがはい)(わがはい)(ねこ)"),
        "{readings}"
    );
    let buf = render(&app);
    let text = screen_text(&buf);
    let mask = style_mask(&buf);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("は猫(ねこ)"))
        .expect("the first paragraph");
    let col = line[..line.find("(ねこ)").unwrap_or(0)].chars().count()
        + line[..line.find("(ねこ)").unwrap_or(0)]
            .chars()
            .filter(|c| !c.is_ascii())
            .count();
    let styles: Vec<char> = mask.lines().nth(row).unwrap_or("").chars().collect();
    assert_eq!(styles.get(col), Some(&'D'), "{text}\n{mask}");
    assert_eq!(
        styles.get(col.saturating_sub(1)),
        Some(&'.'),
        "{text}\n{mask}"
    );
}

#[test]
fn the_images_key_lists_the_page_images() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = open_book(dir.path());
    let mut app = App::new(doc, 60, 20);
    app.update(Action::Images);
    let shot = snapshot(&app);
    assert!(shot.contains("Images on this page (3)"), "{shot}");
    assert!(shot.contains("▣ OEBPS/img/g.png"), "{shot}");
    let bytes = png(64, 48).len();
    assert!(
        shot.contains(&format!("PNG · {bytes} bytes · 64 × 48 pixels")),
        "{shot}"
    );
    assert!(
        shot.contains("GIF · 4 bytes · size in pixels unknown"),
        "{shot}"
    );
    insta::assert_snapshot!("images_popup_60x20", shot);
    app.update(Action::Images);
    assert!(!snapshot(&app).contains("Images on this page"));
    // Markdown: the files next to the book.
    let md = dir.path().join("a.md");
    std::fs::write(&md, "# A\n\n![cat](pics/cat.png)\n\n![gone](nowhere.png)\n").unwrap();
    std::fs::create_dir_all(dir.path().join("pics")).unwrap();
    std::fs::write(dir.path().join("pics/cat.png"), png(3, 2)).unwrap();
    let rules = kanshu::document::RuleSet::builtin();
    let doc = formats::open(&md, &LoadOptions::default(), rules).unwrap();
    let mut app = App::new(doc, 60, 20);
    app.update(Action::Images);
    let shot = snapshot(&app);
    assert!(
        shot.contains(&format!("PNG · {bytes} bytes · 3 × 2 pixels")),
        "{shot}"
    );
    assert!(shot.contains("PNG · not found in the book"), "{shot}");
    // A page without an image says so.
    let mut app = App::new(Document::from_text("没有图。\n".into(), "t"), 60, 20);
    app.update(Action::Images);
    assert!(status_text(&app).contains("no image on this page"));
}

#[test]
fn r_and_i_in_a_real_terminal() {
    let Some(tmux) = Tmux::start("ruby", 60, 16) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("猫.epub");
    std::fs::write(&file, ruby_epub()).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(&dir.path().join("config")),
        quote(&bin),
        quote(&file)
    ));
    tmux.wait_for("ruby inline", |s| s.contains("吾輩(わがはい)は猫(ねこ)"));
    tmux.keys(&["r"]);
    let hidden = tmux.wait_for("ruby hidden", |s| {
        s.contains("吾輩は猫である") && s.contains("ruby hidden")
    });
    assert!(!hidden.contains("わがはい"), "{hidden}");
    tmux.keys(&["I"]);
    tmux.wait_for("the images popup", |s| {
        s.contains("Images on this page") && s.contains("64 × 48 pixels")
    });
    tmux.keys(&["I"]);
    tmux.wait_for("the popup closed", |s| !s.contains("Images on this page"));
    tmux.keys(&["V"]);
    tmux.keys(&["r"]);
    // ね is only in a reading (ねこ over 猫).
    tmux.wait_for("vertical ruby", |s| {
        s.contains('ね') && s.contains("ruby shown") && !s.contains("猫(ねこ)")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));
}
