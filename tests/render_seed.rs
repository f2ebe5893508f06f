//! `kanshu render --all --width W` on the seed article, for every W from 12 to 120: no line
//! wider than W, nothing raw or lost, kinsoku kept where a legal break existed, pages well
//! formed, and the top line found again after a re-layout. Every width goes through the same
//! function the binary prints (`all_pages_text`); a sample of widths runs the binary itself
//! and must print exactly that.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kanshu::cli::render::all_pages_text;
use kanshu::layout::wrap::legal_breaks;
use kanshu::layout::{LayoutParams, LineKind};
use kanshu::view::DisplayLayout;
use kanshu::{Document, LoadOptions};
use unicode_width::UnicodeWidthStr;

const NO_START: &str = "、，。：；！？」』）》〉】”’—…";
const NO_END: &str = "（「『【《〈“‘";

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt")
}

fn seed() -> Document {
    Document::open(&seed_path(), &LoadOptions::default()).expect("seed opens")
}

fn params(width: usize) -> LayoutParams {
    LayoutParams {
        width,
        height: 24,
        ..LayoutParams::default()
    }
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks on the printed pages alone.
fn check_printed(out: &str, width: usize, doc: &Document) {
    let pages: Vec<&str> = out.split_terminator("\u{c}\n").collect();
    assert!(!pages.is_empty());
    for page in &pages {
        let lines: Vec<&str> = page.lines().collect();
        assert!(lines.len() <= 24, "page longer than the height");
        assert!(
            lines.first().is_none_or(|l| !l.is_empty()),
            "a page starts with a blank line at width {width}"
        );
        for line in lines {
            assert!(
                line.width() <= width,
                "{line:?} is {} cells at width {width}",
                line.width()
            );
            assert!(
                !line.chars().any(char::is_control),
                "raw control in {line:?}"
            );
            assert_eq!(line, line.trim_end(), "trailing spaces");
        }
    }
    // No character lost, none added, in order (the seed has no control characters).
    assert_eq!(
        visible(out),
        visible(&doc.text),
        "text changed at width {width}"
    );
}

/// The seed's paragraphs (source lines, trimmed) per chapter: (start offset, legal breaks).
struct Paragraphs(Vec<Vec<(usize, Vec<usize>)>>);

impl Paragraphs {
    fn of(doc: &Document) -> Paragraphs {
        let mut all = Vec::new();
        for ch in 0..doc.chapters.len() {
            let text = doc.chapter_text(ch);
            let mut paras = Vec::new();
            let mut pos = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                let start = pos + (line.len() - trimmed.len());
                paras.push((start, legal_breaks(trimmed.trim_end())));
                pos += line.len();
            }
            all.push(paras);
        }
        Paragraphs(all)
    }

    /// (paragraph start, legal breaks) of the paragraph holding `offset` in chapter `ch`.
    fn holding(&self, ch: usize, offset: usize) -> &(usize, Vec<usize>) {
        let paras = &self.0[ch];
        &paras[paras.partition_point(|p| p.0 <= offset) - 1]
    }
}

/// Checks on the layout behind the print: kinsoku and positions.
fn check_layout(
    doc: &Document,
    paras: &Paragraphs,
    book: &mut DisplayLayout,
    other: &mut DisplayLayout,
    width: usize,
) {
    for ch in 0..doc.chapters.len() {
        let text = doc.chapter_text(ch);
        let layout = book.chapter(doc, ch).clone();
        for pair in layout.lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.kind != LineKind::Body || b.kind != LineKind::Body {
                continue;
            }
            if text[a.range.end..b.range.start].contains('\n') {
                continue; // a new paragraph
            }
            let (para_start, legal) = paras.holding(ch, a.range.start);
            let at = b.range.start - para_start;
            if legal.contains(&at) {
                let first = text[b.range.clone()].chars().next().unwrap_or(' ');
                let last = text[a.range.clone()].chars().next_back().unwrap_or(' ');
                assert!(
                    !NO_START.contains(first),
                    "{first:?} starts a line at {width}"
                );
                assert!(!NO_END.contains(last), "{last:?} ends a line at {width}");
            } else {
                let a_start = a.range.start - para_start;
                assert!(
                    !legal.iter().any(|&p| p > a_start && p <= at),
                    "forced break at width {width} though a legal one existed"
                );
            }
        }
        // Every page top is found again, on the new top line, at another width.
        let relaid = other.chapter(doc, ch).clone();
        for page in 0..layout.page_count() {
            let top = layout.page_start_offset(page);
            let line = &relaid.lines[relaid.line_of_offset(top)];
            assert!(line.range.start <= top && top < line.range.end);
        }
    }
}

#[test]
fn every_width_from_12_to_120_passes_the_checks() {
    let doc = seed();
    let paras = Paragraphs::of(&doc);
    let mut books: Vec<DisplayLayout> = (12..=120)
        .map(|w| DisplayLayout::for_document(&doc, params(w)))
        .collect();
    for width in 12..=120 {
        let mut book = std::mem::take(&mut books[width - 12]);
        let out = all_pages_text(&doc, &mut book);
        check_printed(&out, width, &doc);
        // Positions are checked against the layout at another width (laid out once, reused).
        let other_width = 12 + (width * 7) % 109;
        if other_width != width {
            check_layout(&doc, &paras, &mut book, &mut books[other_width - 12], width);
        }
        books[width - 12] = book;
    }
}

#[test]
fn the_binary_prints_the_same_pages() {
    let doc = seed();
    let dir = tempfile::tempdir().unwrap();
    for width in [12, 13, 37, 80, 120] {
        let out = Command::cargo_bin("kanshu")
            .unwrap()
            .env("KANSHU_CONFIG_DIR", dir.path())
            .args(["render", "--all", "--width", &width.to_string()])
            .arg(seed_path())
            .output()
            .unwrap();
        assert!(out.status.success());
        let printed = String::from_utf8(out.stdout).unwrap();
        let mut book = DisplayLayout::for_document(&doc, params(width));
        assert_eq!(printed, all_pages_text(&doc, &mut book));
        check_printed(&printed, width, &doc);
    }
}
