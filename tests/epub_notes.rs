//! The footnote popup: `F` on a page with note references shows the notes' text (EPUB notes of
//! every kind the converter knows, Markdown footnotes), it scrolls when the notes are longer
//! than the box, Esc closes it, and a page without a reference says so in the status bar.

use kanshu::app::{App, NoteRow, Overlay};
use kanshu::formats;
use kanshu::keys::Mode;
use kanshu::{Document, LoadOptions};

use crate::common::*;
use crate::epub_build::*;

/// A book whose first chapter has no note and whose second has a Duokan note (an image `注`
/// as the reference) and an EPUB 3 footnote.
fn noted_book() -> Document {
    epub2(&[
        ("第一章", "<h1>第一章</h1><p>　　这一章没有注释。</p>"),
        (
            "第二章",
            r##"<h1>第二章</h1><p>正文一句<a class="duokan-footnote" href="#df1" id="r1"><img alt="注" src="../Images/note.png"/></a>，又一句<a epub:type="noteref" href="#n2">2</a>。</p>
<ol class="duokan-footnote-content"><li class="duokan-footnote-item" id="df1"><a href="#r1">◎</a>第一条注释。</li></ol>
<aside epub:type="footnote" id="n2"><p>第二条注释的文字。</p></aside>"##,
        ),
    ])
    .open()
    .document
}

fn note_rows(app: &App) -> Vec<NoteRow> {
    match &app.overlay {
        Overlay::Notes(state) => state.rows.clone(),
        other => panic!("the footnote popup is open, not {other:?}"),
    }
}

#[test]
fn the_notes_key_shows_every_note_of_the_page_and_esc_closes_it() {
    let mut app = App::new(noted_book(), 80, 24);
    press(&mut app, &["]"]);
    assert_eq!(app.doc().chapters[app.top().chapter].title, "第二章");
    press(&mut app, &["F"]);
    assert_eq!(app.mode(), Mode::Notes);
    let rows = note_rows(&app);
    let shown: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.mark.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(
        shown,
        [("[1]", "◎第一条注释。"), ("[2]", "第二条注释的文字。")]
    );
    let screen = screen_text(&render(&app));
    assert!(screen.contains("Footnotes on this page (2)"), "{screen}");
    assert!(screen.contains("[1] ◎第一条注释。"), "{screen}");
    assert!(screen.contains("[2] 第二条注释的文字。"), "{screen}");
    press(&mut app, &["esc"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(!screen_text(&render(&app)).contains("Footnotes on this page"));
    // The same key closes it too.
    press(&mut app, &["F", "F"]);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn a_page_without_a_note_reference_says_so() {
    let mut app = App::new(noted_book(), 80, 24);
    assert_eq!(app.top().chapter, 0);
    press(&mut app, &["F"]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(
        status_text(&app).contains("no footnote on this page"),
        "{}",
        status_text(&app)
    );
}

#[test]
fn a_markdown_footnote_opens_in_the_same_popup() {
    let path = fixture("markdown/rich.md");
    let rules = kanshu::document::RuleSet::builtin();
    let doc = formats::open(&path, &LoadOptions::default(), rules).expect("fixture opens");
    let mut app = App::new(doc, 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "with a note");
    press(&mut app, &["enter", "F"]);
    let rows = note_rows(&app);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].text, "The note's own text.");
    let screen = screen_text(&render(&app));
    assert!(screen.contains("The note's own text."), "{screen}");
}

#[test]
fn a_long_note_scrolls_to_its_end_and_not_past_it() {
    let long: String = (1..=40).map(|i| format!("第{i}句注释。")).collect();
    let body = format!(
        r##"<p>正文<a epub:type="noteref" href="#n1">1</a>。</p><aside epub:type="footnote" id="n1"><p>{long}</p><p>最后一段。</p></aside>"##
    );
    let doc = epub2(&[("一", &body)]).open().document;
    let mut app = App::new(doc, 40, 12);
    press(&mut app, &["F"]);
    let first = screen_text(&render(&app));
    assert!(first.contains("[1] 第1句注释。"), "{first}");
    assert!(!first.contains("最后一段。"), "{first}");
    for _ in 0..200 {
        press(&mut app, &["j"]);
    }
    let end = screen_text(&render(&app));
    assert!(end.contains("最后一段。"), "{end}");
    assert!(!end.contains("[1] 第1句"), "{end}");
    // The last line sits on the box's last row: no blank rows scrolled into view.
    let rows: Vec<&str> = end.lines().collect();
    let last = rows
        .iter()
        .position(|l| l.contains("最后一段。"))
        .expect("last line");
    assert!(rows[last + 1].contains('└'), "{end}");
    press(&mut app, &["g"]);
    assert!(screen_text(&render(&app)).contains("[1] 第1句注释。"));
}
