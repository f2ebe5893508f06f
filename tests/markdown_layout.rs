//! Markdown books as the reader shows them: whole screens of the two Markdown fixtures at
//! 80×24 and 40×12 (text plus a style mask that also shows italic, underline and dim), the
//! property that every character of the text is drawn once and no line is wider than the page,
//! views over structured text, and places saved while Markdown was still read as plain text.

use std::collections::BTreeMap;
use std::fs;

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use crate::common::*;
use kanshu::app::App;
use kanshu::document::blocks::SpanKind;
use kanshu::formats;
use kanshu::keys::Action;
use kanshu::layout::{LayoutParams, LineKind, Paint, Ruby};
use kanshu::store::{BookSession, Store};
use kanshu::view::{DisplayLayout, DisplayMode, Script, ViewOptions};
use kanshu::{Document, LoadOptions, Position};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn open_md(name: &str) -> Document {
    let path = fixture(&format!("markdown/{name}"));
    let rules = kanshu::document::RuleSet::builtin();
    formats::open(&path, &LoadOptions::default(), rules).expect("fixture opens")
}

/// One marker per cell: B bold, I italic, U underlined, D dim, X crossed out, . plain (the
/// first that applies, in that order, after the colours `style_mask` knows).
fn rich_mask(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0usize;
        let mut last = '.';
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                out.push(last);
                continue;
            }
            skip = c.symbol().width().max(1) - 1;
            let m = c.modifier;
            last = if m.contains(Modifier::REVERSED) {
                'R'
            } else if m.contains(Modifier::UNDERLINED) {
                'U'
            } else if m.contains(Modifier::ITALIC) {
                'I'
            } else if m.contains(Modifier::CROSSED_OUT) {
                'X'
            } else if m.contains(Modifier::BOLD) {
                'B'
            } else if m.contains(Modifier::DIM) {
                'D'
            } else {
                '.'
            };
            out.push(last);
        }
        out.push('\n');
    }
    out
}

fn shot(app: &App) -> String {
    let buf = render(app);
    format!("{}\n-- styles --\n{}", screen_text(&buf), rich_mask(&buf))
}

/// Every page of the book, one after the other, separated by a line of `=`.
fn pages_shot(doc: Document, w: u16, h: u16) -> String {
    let mut app = App::new(doc, w, h);
    let mut out: Vec<String> = Vec::new();
    for _ in 0..80 {
        let s = shot(&app);
        if out.last() == Some(&s) {
            break;
        }
        out.push(s);
        app.update(Action::NextPage);
    }
    out.join(&format!("\n{}\n", "=".repeat(w as usize)))
}

#[test]
fn the_rich_fixture_reads_like_a_book() {
    for (w, h) in SIZES {
        let s = pages_shot(open_md("rich.md"), w, h);
        for raw in ["**", "](http", "```", "| --", "- [x]", "> "] {
            assert!(!s.contains(raw), "{raw:?} on screen at {w}x{h}:\n{s}");
        }
        assert!(s.contains("• First item"), "{s}");
        assert!(s.contains("◦ Nested item one"), "{s}");
        assert!(s.contains("│ A quoted paragraph"), "{s}");
        assert!(s.contains("fn main() {"), "{s}");
        assert!(s.contains("    println!(\"{line}\");"), "{s}");
        assert!(s.contains("› "), "a cut code line is marked: {s}");
        insta::assert_snapshot!(format!("markdown_rich_{w}x{h}"), s);
    }
}

#[test]
fn the_chinese_fixture_keeps_its_lists_and_table() {
    for (w, h) in SIZES {
        let s = pages_shot(open_md("chinese.md"), w, h);
        assert!(s.contains("1. 第一项"), "{s}");
        assert!(s.contains("◦ 子项甲"), "{s}");
        assert!(s.contains("红楼梦 │ 曹雪芹 │ 清"), "{s}");
        assert!(!s.contains("|"), "{s}");
        insta::assert_snapshot!(format!("markdown_chinese_{w}x{h}"), s);
    }
}

#[test]
fn emphasis_links_and_code_are_painted() {
    let mut app = App::new(open_md("rich.md"), 80, 24);
    let buf = render(&app);
    let mask = rich_mask(&buf);
    let text = screen_text(&buf);
    assert!(mask.contains('I'), "*every* is italic:\n{text}\n{mask}");
    assert!(mask.contains('U'), "links are underlined:\n{text}\n{mask}");
    app.update(Action::NextChapter);
    let buf = render(&app);
    assert!(rich_mask(&buf).contains('D'), "markers and code are dimmed");
}

/// Every line of every chapter of `doc` laid out at `params`, as (drawn text without
/// decoration, widest line).
fn drawn(doc: &Document, params: LayoutParams, mode: DisplayMode) -> (String, usize) {
    let (text, widest, _) = drawn_with_ruby(doc, params, mode);
    (text, widest)
}

/// [`drawn`] and the ruby readings drawn, each line's in order, a line that ends with `(` (a
/// reading cut after its opening bracket) marked with `|`.
fn drawn_with_ruby(
    doc: &Document,
    params: LayoutParams,
    mode: DisplayMode,
) -> (String, usize, String) {
    let mut layout = DisplayLayout::for_document(doc, params);
    layout.set_display(mode);
    let mut text = String::new();
    let mut ruby = String::new();
    let mut widest = 0;
    for ch in 0..doc.chapters.len() {
        let n = layout.chapter(doc, ch).lines.len();
        for i in 0..n {
            let line = layout.glyphs_of_line(doc, ch, i);
            widest = widest.max(line.iter().map(|g| g.width).sum::<usize>());
            for (k, g) in line.iter().enumerate() {
                if !line.paint(k).contains(Paint::DECORATION) {
                    text.push_str(g.text);
                } else if line.paint(k).contains(Paint::RUBY) {
                    ruby.push_str(g.text);
                }
            }
            let last = line
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.text.trim().is_empty())
                .last();
            if last.is_some_and(|(k, g)| g.text == "(" && line.paint(k).contains(Paint::RUBY)) {
                ruby.push('|');
            }
        }
    }
    (text, widest, ruby)
}

/// The characters of `s` other than white space, counted.
fn counted(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Title".to_string()),
        Just("## 第二章 表格".to_string()),
        Just("### Small".to_string()),
        Just("- item one\n- item *two*\n  - nested **deep** item\n    1. ordered".to_string()),
        Just("1. 第一项\n2. 第二项\n   - 子项甲".to_string()),
        Just("- [x] done\n- [ ] open".to_string()),
        Just("> quoted *text*\n>\n> > nested quote".to_string()),
        Just("```\nfn main() { let wide = \"a line far wider than any narrow page can hold\"; }\n\n\tx\n```".to_string()),
        Just("| a | b | c |\n|---|:-:|--:|\n| 红楼梦 | 曹雪芹 | a much longer cell that wraps |\n| x | | z |".to_string()),
        Just("see [the site](https://example.org) and [back](#title) with `code`".to_string()),
        Just("---".to_string()),
        Just("![a picture](p.png)".to_string()),
        Just("note[^1]\n\n[^1]: the note".to_string()),
        Just("<details>\n<summary>More</summary>\n\nHidden.\n\n</details>".to_string()),
        Just("<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を<ruby>読<rt>よ</rt></ruby>む。".to_string()),
        Just("「<ruby>吾輩<rt>わがはいわがはいわがはいわがはい</rt></ruby>」と<ruby>東<rt>とう</rt>京<rt>きょう</rt></ruby>".to_string()),
        Just("# <ruby>注音<rt>ㄓㄨˋ ㄧㄣ</rt></ruby>\n- <ruby>猫<rt>ねこ</rt></ruby> item\n> <ruby>引<rt>いん</rt></ruby>".to_string()),
        "[a-z ]{1,40}",
        "[天地玄黄宇宙洪荒，。 ]{1,30}",
        "[a-z*_`~\\[\\]()#>|-]{1,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_character_is_drawn_once_and_no_line_is_too_wide(
        parts in proptest::collection::vec(fragment(), 1..8),
        blank in proptest::collection::vec(any::<bool>(), 8),
        width in 2usize..60,
        height in 1usize..20,
        wide in any::<bool>(),
        hidden in any::<bool>(),
    ) {
        let mut src = String::new();
        for (i, p) in parts.iter().enumerate() {
            src.push_str(p);
            src.push_str(if blank[i % blank.len()] { "\n\n" } else { "\n" });
        }
        let doc = formats::markdown::document(&src, "t");
        let ruby = if hidden { Ruby::Hidden } else { Ruby::Inline };
        let params = LayoutParams { width, height, ambiguous_wide: wide, ruby, ..LayoutParams::default() };
        let (text, widest, readings) = drawn_with_ruby(&doc, params, DisplayMode::default());
        prop_assert_eq!(counted(&text), counted(&doc.text), "source {:?}", src);
        prop_assert!(widest <= width, "a line of {} cells on a page of {}", widest, width);
        let any_ruby = doc.structure.spans.iter().any(|s| matches!(s.kind, SpanKind::Ruby { .. }));
        // Shown readings are painted as readings. A ruby line run into a table (no blank line
        // before it) becomes a cell, whose Markdown keeps `(かんじ)` as text: not asked here.
        if hidden || !any_ruby {
            prop_assert!(readings.is_empty(), "readings {:?}", readings);
        } else if !src.contains('|') {
            prop_assert!(!readings.is_empty(), "no reading painted in {:?}", src);
        }
        if width >= 6 {
            prop_assert!(!readings.contains('|'), "a line ends with ( in {:?}", readings);
        }
    }
}

#[test]
fn views_run_over_the_same_text_and_keep_the_structure() {
    let doc = open_md("chinese.md");
    let params = LayoutParams {
        width: 40,
        height: 12,
        ..LayoutParams::default()
    };
    let mode = DisplayMode {
        view: ViewOptions {
            script: Script::Traditional,
            clean: true,
        },
        vertical: false,
    };
    let (text, widest) = drawn(&doc, params.clone(), mode);
    assert!(widest <= 40);
    assert!(text.contains("紅樓夢"), "{text}");
    let plain = drawn(&doc, params, DisplayMode::default()).0;
    assert_eq!(text.chars().count(), plain.chars().count());
    // The grid and the markers are still drawn through the view.
    let mut app = App::new(doc, 40, 12);
    app.update(Action::ToggleScript);
    app.update(Action::ToggleScript);
    app.update(Action::NextChapter);
    let s = screen_text(&render(&app));
    assert!(s.contains("1. 第一項"), "{s}");
    app.update(Action::NextChapter);
    let s = screen_text(&render(&app));
    assert!(s.contains("紅樓夢 │ 曹雪芹"), "{s}");
}

#[test]
fn a_plain_text_book_with_hash_lines_has_no_structure() {
    let doc = Document::from_text(
        "# One\n\nText of one.\n\n# Two\n\nText of two.\n".into(),
        "t",
    );
    assert!(doc.structure.is_empty());
    let mut layout = DisplayLayout::for_document(&doc, LayoutParams::default());
    assert!(layout.chapter(&doc, 0).decor.is_empty());
    assert_eq!(layout.chapter(&doc, 0).lines[0].kind, LineKind::Heading);
    assert_eq!(layout.glyphs_of_line(&doc, 0, 0).text().trim(), "One");
}

#[test]
fn a_bookmark_made_in_the_markdown_source_finds_its_words_in_the_converted_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("cfg"));
    let book = tmp.path().join("rich.md");
    fs::copy(fixture("markdown/rich.md"), &book).unwrap();
    // Before the switch a Markdown book was its source text.
    let old = Document::open(&book, &LoadOptions::default()).unwrap();
    let marked = "Deep ordered two";
    let place = |doc: &Document, needle: &str| {
        doc.position_of(doc.text.find(needle).expect("needle in text"))
    };
    let mut session = BookSession::open(&store, &old);
    session.add_bookmark(&old, place(&old, marked), Some("deep"));
    session.set_position(&old, place(&old, "A quoted paragraph"));
    session.save().unwrap();

    let new = formats::open(
        &book,
        &LoadOptions::default(),
        kanshu::document::RuleSet::builtin(),
    )
    .unwrap();
    assert!(!new.structure.is_empty());
    let session = BookSession::open(&store, &new);
    let marks = session.bookmarks();
    assert_eq!(marks.len(), 1, "the bookmark came along");
    let at = |p: Position| &new.text[new.offset_of(p)..];
    assert!(at(marks[0].anchor.position).starts_with(marked));
    assert!(at(session.resume().unwrap()).starts_with("A quoted paragraph"));
}

#[test]
fn the_links_key_lists_the_page_links_and_enter_jumps_inside_the_book() {
    let mut app = App::new(open_md("rich.md"), 80, 24);
    press(&mut app, &["U"]);
    let kanshu::app::Overlay::Links(state) = &app.overlay else {
        panic!("the links panel is open");
    };
    let targets: Vec<String> = state.rows.iter().map(|r| r.target_text()).collect();
    assert_eq!(
        targets,
        ["Tables and code · 44%", "https://example.org/kanshu"],
        "{targets:?}"
    );
    let screen = screen_text(&render(&app));
    assert!(screen.contains("https://example.org/kanshu"), "{screen}");
    // Enter on the first link: the chapter it names, and back with the jump list.
    press(&mut app, &["enter"]);
    assert_eq!(app.mode(), kanshu::keys::Mode::Reader);
    let title = &app.doc().chapters[app.top().chapter].title;
    assert_eq!(title, "Tables and code");
    press(&mut app, &["ctrl-o"]);
    assert_eq!(app.top().chapter, 0);
    // An outside link shows where it goes.
    press(&mut app, &["U", "j", "enter"]);
    assert!(status_text(&app).contains("link: https://example.org/kanshu"));
    // A page without links says so.
    press(&mut app, &["]", "]", "U"]);
    assert!(status_text(&app).contains("no links on this page"));
}

#[test]
fn search_finds_words_across_markup() {
    let mut app = App::new(open_md("rich.md"), 80, 24);
    press(&mut app, &["/"]);
    type_text(&mut app, "uses every feature");
    press(&mut app, &["enter"]);
    // The match runs across the emphasis of *every*: it is one match, shown as the current one.
    let shown = snapshot(&app);
    let styles = shown.split("-- styles --").nth(1).unwrap_or("");
    assert_eq!(
        styles.matches('C').count(),
        "uses every feature".len(),
        "{shown}"
    );
    press(&mut app, &["esc", "/"]);
    type_text(&mut app, "Deep ordered two");
    press(&mut app, &["enter"]);
    let s = screen_text(&render(&app));
    assert!(s.contains("2. Deep ordered two"), "{s}");
}

/// The lines of chapter 0 of `doc` at `width`, as drawn (decoration included).
fn drawn_lines(doc: &Document, width: usize) -> Vec<String> {
    let params = LayoutParams {
        width,
        height: 100,
        ..LayoutParams::default()
    };
    let mut layout = DisplayLayout::for_document(doc, params);
    let n = layout.chapter(doc, 0).lines.len();
    (0..n)
        .map(|i| {
            layout
                .glyphs_of_line(doc, 0, i)
                .text()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn a_table_wraps_its_cells_and_too_wide_a_table_gives_a_row_per_line() {
    let src = "| Title | Author | Note |\n|---|---|---|\n| 红楼梦 | 曹雪芹 | a novel of a great family in decline |\n";
    let doc = formats::markdown::document(src, "t");
    let grid = drawn_lines(&doc, 34);
    assert_eq!(
        grid,
        [
            "Title  │ Author │ Note",
            "───────┼────────┼─────────────────",
            "红楼梦 │ 曹雪芹 │ a novel of a",
            "       │        │ great family in",
            "       │        │ decline",
        ],
        "{grid:#?}"
    );
    let rows = drawn_lines(&doc, 16);
    assert_eq!(
        rows,
        [
            "Title │ Author",
            "│ Note",
            "红楼梦 │ 曹雪芹",
            "│ a novel of a",
            "great family",
            "in decline",
        ],
        "{rows:#?}"
    );
}

#[test]
fn code_lines_stay_lines_and_a_cut_one_goes_on_after_a_marker() {
    let src = "```\nshort\n\n  indented and rather long line\n```\n";
    let doc = formats::markdown::document(src, "t");
    let lines = drawn_lines(&doc, 16);
    assert_eq!(
        lines,
        ["short", "", "  indented and r", "› ather long lin", "› e",],
        "{lines:#?}"
    );
}
