//! End to end in a real terminal (tmux on a private socket): open an EPUB, open its contents,
//! jump to the third chapter, read its footnote in the popup, add a named bookmark, quit; reopen
//! the book and land on the same words; a vertical EPUB opens in vertical mode.

use std::path::PathBuf;

use crate::common::tmux::{Tmux, quote};
use crate::epub_build::*;

fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn book() -> Vec<u8> {
    let para = |ch: &str, i: usize| format!("<p>　　{ch}的第{i}段，天色渐暗，他走出了城门。</p>");
    let chapter = |ch: &str| -> String {
        let mut b = format!("<h1>{ch}</h1>");
        for i in 1..=30 {
            b.push_str(&para(ch, i));
        }
        b
    };
    let (a, b) = (chapter("第一章"), chapter("第二章"));
    // Chapter three has a note referenced in its second paragraph, its text at the end.
    let c = chapter("第三章").replacen(
        "第三章的第2段，",
        r##"第三章的第2段<a epub:type="noteref" href="#n1">1</a>，"##,
        1,
    ) + r##"<aside epub:type="footnote" id="n1"><p>城门在北边，天黑就关。</p></aside>"##;
    epub2(&[("第一章", &a), ("第二章", &b), ("第三章", &c)]).bytes()
}

#[test]
fn read_an_epub_bookmark_it_and_come_back() {
    let Some(tmux) = Tmux::start("epub", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let file = dir.path().join("书.epub");
    std::fs::write(&file, book()).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    let run = format!(
        "KANSHU_CONFIG_DIR={} {} {}; echo kanshu-exit=$?",
        quote(&config),
        quote(&bin),
        quote(&file)
    );
    tmux.line(&run);
    let screen = tmux.wait_for("the first page", |s| s.contains("第一章的第1段"));
    assert!(!screen.contains('<'), "{screen}");
    tmux.keys(&["F"]);
    tmux.wait_for("no note on the first page", |s| {
        status(s).contains("no footnote on this page")
    });

    tmux.keys(&["t"]);
    tmux.wait_for("the contents", |s| {
        s.contains("Contents") && s.contains("第三章")
    });
    tmux.literal("第三章");
    tmux.keys(&["Enter"]);
    tmux.wait_for("chapter three", |s| {
        !s.contains("Contents") && status(s).contains("第三章") && s.contains("第三章的第1段")
    });
    tmux.keys(&["F"]);
    tmux.wait_for("the footnote popup", |s| {
        s.contains("Footnote") && s.contains("[1] 城门在北边，天黑就关。")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the page again", |s| {
        !s.contains("Footnote") && s.contains("第三章的第2段[1]")
    });
    tmux.keys(&["Space"]);
    let page = tmux.wait_for("the next page", |s| !s.contains("第三章的第1段，"));
    let top = page.lines().next().unwrap_or("").trim().to_string();
    assert!(top.contains("第三章的第"), "{page}");

    tmux.keys(&["m"]);
    tmux.wait_for("the name prompt", |s| status(s).contains("bookmark name"));
    tmux.literal("城门");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the bookmark", |s| status(s).contains("bookmarked"));
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("kanshu-exit=0"));

    tmux.line("clear");
    tmux.line(&run);
    let again = tmux.wait_for("the same place", |s| status(s).contains("第三章"));
    assert_eq!(again.lines().next().unwrap_or("").trim(), top, "{again}");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell again", |s| {
        s.matches("kanshu-exit=0").count() >= 1
    });
}

#[test]
fn a_vertical_epub_opens_in_vertical_mode() {
    let Some(tmux) = Tmux::start("epub-v", 60, 16) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut f = EpubFiles::new("o.opf");
    f.add(
        "o.opf",
        opf(
            "3.0",
            "<dc:title>縦</dc:title>",
            &[("p", "p.xhtml", XHTML, "")],
            &spine(r#"page-progression-direction="rtl""#, &["p"]),
        ),
    );
    f.add("p.xhtml", xhtml("p", "<p>吾輩は猫である。</p>"));
    let file = dir.path().join("tate.epub");
    std::fs::write(&file, f.bytes()).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    tmux.line(&format!(
        "KANSHU_CONFIG_DIR={} {} {}",
        quote(&dir.path().join("config")),
        quote(&bin),
        quote(&file)
    ));
    // Vertical: the first characters stand in one column, one under the other.
    let screen = tmux.wait_for("vertical columns", |s| {
        let col = |c: char| s.lines().position(|l| l.contains(c));
        matches!((col('吾'), col('輩')), (Some(a), Some(b)) if b == a + 1)
    });
    assert!(!screen.contains("吾輩"), "{screen}");
    tmux.keys(&["q"]);
}
