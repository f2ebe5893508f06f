//! The real-shape corpus: short books in the shapes and encodings people actually download
//! (tests/fixtures/realbooks/). Each `NAME.txt` is kept in UTF-8 so it can be read and edited;
//! `NAME.expect` says which encoding the book is delivered in (the bytes are made here with
//! encoding_rs, so a GBK book really is GBK on disk), the title, the heading family, and the
//! contents list: one `LEVEL TITLE` line per entry, `LEVEL-` for an entry that is not a
//! heading line (front and back matter), the paragraph mode `auto` chooses and how many
//! paragraphs layout makes of the book. Every trap in a fixture — heading-shaped sentences,
//! printed contents pages, licences — is checked by its absence from that exact list.

use std::path::{Path, PathBuf};

use kanshu::document::{Document, LoadOptions};
use kanshu::layout::{BookStyle, Heading, ParagraphMode, PieceKind, pieces};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realbooks")
}

/// What a `.expect` file says (other tests of the corpus may add keys of their own: lines
/// this parser does not know must be `key: value` lines it can skip).
#[derive(Debug, Default)]
pub struct Expect {
    /// How the book is delivered: utf-8, utf-8-bom, gbk, gb18030, latin1, utf-16le(-bom),
    /// utf-16be(-bom).
    pub encoding: String,
    pub title: String,
    pub rule: String,
    /// (level, heading, title) per contents entry.
    pub toc: Vec<(u8, bool, String)>,
    /// The paragraph mode `auto` chooses (`paragraph_mode: indent`).
    pub paragraph_mode: String,
    /// Paragraphs layout makes over the whole book, headings and scene breaks not counted;
    /// an indented block counts as one (`paragraphs: 12`).
    pub paragraphs: Option<usize>,
}

fn parse(text: &str) -> Expect {
    let mut e = Expect::default();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        if let Some(v) = line.strip_prefix("encoding:") {
            e.encoding = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("title:") {
            e.title = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("rule:") {
            e.rule = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("paragraph_mode:") {
            e.paragraph_mode = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("paragraphs:") {
            e.paragraphs = Some(v.trim().parse().expect("a paragraph count"));
        } else if line.starts_with(|c: char| c.is_ascii_digit()) {
            let (level, title) = line.split_once(' ').expect("`LEVEL TITLE`");
            let heading = !level.ends_with('-');
            let level: u8 = level.trim_end_matches('-').parse().expect("a level");
            e.toc.push((level, heading, title.to_string()));
        } else {
            assert!(line.contains(':'), "a `key: value` line: {line}");
        }
    }
    e
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// The book's bytes in `encoding`, and the encoding_rs name kanshu should report.
pub fn encode(text: &str, encoding: &str) -> (Vec<u8>, &'static str) {
    let legacy = |enc: &'static encoding_rs::Encoding| {
        let (bytes, _, lossy) = enc.encode(text);
        assert!(!lossy, "the fixture must be encodable in {}", enc.name());
        bytes.into_owned()
    };
    match encoding {
        "utf-8" => (text.as_bytes().to_vec(), "UTF-8"),
        "utf-8-bom" => ([b"\xEF\xBB\xBF", text.as_bytes()].concat(), "UTF-8"),
        "gbk" => (legacy(encoding_rs::GBK), "GBK"),
        "gb18030" => (legacy(encoding_rs::GB18030), "GBK"),
        "latin1" => (legacy(encoding_rs::WINDOWS_1252), "windows-1252"),
        "utf-16le" => (utf16(text, false, false), "UTF-16LE"),
        "utf-16le-bom" => (utf16(text, false, true), "UTF-16LE"),
        "utf-16be" => (utf16(text, true, false), "UTF-16BE"),
        "utf-16be-bom" => (utf16(text, true, true), "UTF-16BE"),
        other => panic!("unknown fixture encoding {other}"),
    }
}

/// Every fixture: (name, source text, expectations).
pub fn corpus() -> Vec<(String, String, Expect)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expect") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
            let expect = parse(&std::fs::read_to_string(&path).unwrap());
            out.push((name, text, expect));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn open(dir: &Path, name: &str, bytes: &[u8]) -> Document {
    let p = dir.join(format!("{name}.txt"));
    std::fs::write(&p, bytes).unwrap();
    Document::open(&p, &LoadOptions::default()).unwrap()
}

#[test]
fn every_fixture_has_its_contents_list() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus();
    let mut failures = Vec::new();
    for (name, text, expect) in &corpus {
        let (bytes, enc) = encode(text, &expect.encoding);
        let doc = open(tmp.path(), name, &bytes);
        let got: Vec<(u8, bool, String)> = doc
            .chapters
            .iter()
            .map(|c| (c.level, c.heading, c.title.clone()))
            .collect();
        let mut problems = Vec::new();
        if doc.encoding != enc {
            problems.push(format!("encoding {} (want {enc})", doc.encoding));
        }
        if got != expect.toc {
            let show = |l: &[(u8, bool, String)]| {
                l.iter()
                    .map(|(lv, h, t)| format!("  {lv}{} {t}", if *h { "" } else { "-" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            problems.push(format!(
                "contents\n{}\nwant\n{}",
                show(&got),
                show(&expect.toc)
            ));
        }
        if !expect.title.is_empty() && doc.title != expect.title {
            problems.push(format!("title `{}` (want `{}`)", doc.title, expect.title));
        }
        if !expect.rule.is_empty() && doc.rule != expect.rule {
            problems.push(format!("rule `{}` (want `{}`)", doc.rule, expect.rule));
        }
        // A heading chapter's first non-blank line is its heading.
        for c in doc.chapters.iter().filter(|c| c.heading) {
            let first = doc.text[c.range.clone()]
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            if !(c.title.starts_with(first) || first.contains(&c.title)) {
                problems.push(format!(
                    "`{}` does not start at its heading (`{first}`)",
                    c.title
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    assert!(
        corpus.len() >= 25,
        "the corpus holds {} books",
        corpus.len()
    );
}

#[test]
fn the_corpus_covers_every_encoding() {
    let used: std::collections::BTreeSet<String> =
        corpus().into_iter().map(|(_, _, e)| e.encoding).collect();
    for enc in [
        "utf-8",
        "utf-8-bom",
        "gbk",
        "gb18030",
        "latin1",
        "utf-16le",
        "utf-16le-bom",
        "utf-16be",
        "utf-16be-bom",
    ] {
        assert!(used.contains(enc), "no fixture in {enc}");
    }
}

fn mode_name(mode: ParagraphMode) -> &'static str {
    match mode {
        ParagraphMode::Auto => "auto",
        ParagraphMode::Lines => "lines",
        ParagraphMode::Blank => "blank",
        ParagraphMode::Indent => "indent",
    }
}

/// Paragraphs layout makes of `doc` in the mode `auto` chooses (see `Expect::paragraphs`).
pub fn paragraph_count(doc: &Document) -> (ParagraphMode, usize) {
    let style = BookStyle::detect(&doc.text);
    let mut n = 0;
    for idx in 0..doc.chapters.len() {
        let heading = Heading::of_chapter(doc, idx);
        n += pieces(doc.chapter_text(idx), heading, style.mode, &style)
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    PieceKind::Paragraph | PieceKind::BlockLine { first: true, .. }
                )
            })
            .count();
    }
    (style.mode, n)
}

#[test]
fn every_fixture_has_its_paragraph_mode_and_count() {
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, text, expect) in &corpus() {
        let (bytes, _) = encode(text, &expect.encoding);
        let doc = open(tmp.path(), name, &bytes);
        let (mode, n) = paragraph_count(&doc);
        let got = (mode_name(mode).to_string(), Some(n));
        if got != (expect.paragraph_mode.clone(), expect.paragraphs) {
            failures.push(format!(
                "{name}: paragraph_mode: {} paragraphs: {n} (want {} {:?})",
                got.0, expect.paragraph_mode, expect.paragraphs
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
