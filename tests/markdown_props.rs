//! Property tests of the Markdown converter: any input converts without panic into a text and
//! structure that keep the model's invariants; generated well-formed Markdown loses no word,
//! duplicates none, keeps every code line, and leaves none of its markup in the text.
//! `KANSHU_FUZZ_CASES` raises the case count for a long run, as for the fuzz targets.

use kanshu::document::Document;
use kanshu::document::blocks::BlockKind;
use kanshu::formats::markdown;
use proptest::prelude::*;

use crate::fuzz_support;

/// Chapters cover the text in order, on char boundaries, and a heading chapter starts with a
/// heading block.
fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    prop_assert!(!doc.chapters.is_empty());
    let mut at = 0;
    for c in &doc.chapters {
        prop_assert_eq!(c.range.start, at);
        prop_assert!(doc.text.is_char_boundary(c.range.end));
        at = c.range.end;
        if c.heading {
            let first = doc.structure.blocks_in(c.range.clone()).first();
            prop_assert!(
                matches!(first.map(|b| &b.kind), Some(BlockKind::Heading { .. })),
                "chapter {:?} does not start with its heading",
                c.title
            );
        }
    }
    prop_assert_eq!(at, doc.text.len());
    for c in &doc.chapters {
        // Layout works chapter by chapter on the chapter's own text.
        let part = doc.structure.slice(c.range.clone());
        if let Err(e) = part.check(&doc.text[c.range.clone()], &[]) {
            return Err(TestCaseError::fail(format!("chapter {:?}: {e}", c.title)));
        }
    }
    if let Err(e) = doc.structure.check(&doc.text, &doc.chapters) {
        return Err(TestCaseError::fail(format!("{e}\ntext: {:?}", doc.text)));
    }
    Ok(())
}

fn markdownish_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "# Heading",
        "## 第一章",
        "#### deep",
        "Setext",
        "===",
        "- item",
        "  - nested",
        "    - deeper",
        "1. one",
        "2) two",
        "- [x] done",
        "* [ ] open",
        "```rust",
        "```",
        "~~~",
        "    indented code",
        "| a | b |",
        "|---|:-:|",
        "| 中 | `c` |",
        "> quote",
        "> > deeper",
        "> [!NOTE]",
        "[^1]: note text",
        "[^n]:",
        "see[^1] and [^n]",
        "<details>",
        "<summary>Sum</summary>",
        "</details>",
        "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>字",
        "<a id=\"x\"></a>",
        "<br>",
        "<!--",
        "-->",
        "***",
        "---",
        "![alt *x*](img.png)",
        "![](a/b.jpg)",
        "[link](#heading)",
        "[ext](https://example.org)",
        "<https://auto.link>",
        "text *em* **strong** ~~del~~ `code`",
        "中文段落，",
        "继续。",
        "trailing  ",
        "back\\",
        "&amp; &nbsp; &#x4E2D;",
        "",
        "",
    ])
    .prop_map(String::from);
    prop_oneof![
        6 => fixed,
        1 => "[-*_`#>|\\[\\]()!~ 0-9a-z中文<>/=\"&;^:.\t]{0,30}",
        1 => ".{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_support::config(256).cases, ..ProptestConfig::default() })]

    #[test]
    fn any_markdown_converts_and_keeps_the_invariants(
        lines in prop::collection::vec(markdownish_line(), 0..40),
        crlf in any::<bool>(),
    ) {
        let source = lines.join(if crlf { "\r\n" } else { "\n" });
        let doc = markdown::document(&source, "any");
        check_document(&doc)?;
        prop_assert!(!doc.text.contains('\r'), "a CR in {:?}", doc.text);
    }

    #[test]
    fn any_string_converts_and_keeps_the_invariants(source in "\\PC{0,300}") {
        let doc = markdown::document(&source, "any");
        check_document(&doc)?;
    }
}

/// A word with no Markdown syntax in it.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "alpha", "beta", "gamma", "delta", "x1", "42", "中文", "書", "読む", "한글", "éte",
    ])
    .prop_map(String::from)
}

fn words(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 1..max)
}

#[derive(Debug, Clone)]
enum Inline {
    Word(String),
    Emphasis(Vec<String>),
    Strong(Vec<String>),
    Strike(Vec<String>),
    Code(String),
    Link(Vec<String>, bool),
}

fn inline() -> impl Strategy<Value = Inline> {
    prop_oneof![
        4 => word().prop_map(Inline::Word),
        1 => words(4).prop_map(Inline::Emphasis),
        1 => words(4).prop_map(Inline::Strong),
        1 => words(3).prop_map(Inline::Strike),
        1 => word().prop_map(Inline::Code),
        1 => (words(3), any::<bool>()).prop_map(|(w, internal)| Inline::Link(w, internal)),
    ]
}

#[derive(Debug, Clone)]
enum Block {
    Paragraph(Vec<(Inline, bool)>),
    Heading(u8, Vec<String>),
    /// Items with their depth (0 = top).
    List(Vec<(usize, Vec<(Inline, bool)>)>),
    Ordered(Vec<Vec<String>>),
    Code(Vec<(usize, Vec<String>)>),
    Quote(Vec<(Inline, bool)>),
    Table(usize, Vec<Vec<String>>),
}

/// Inline content; the bool says the next separator is a line break instead of a space.
fn inlines() -> impl Strategy<Value = Vec<(Inline, bool)>> {
    prop::collection::vec((inline(), any::<bool>()), 1..8)
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => inlines().prop_map(Block::Paragraph),
        1 => (1u8..=6, words(4)).prop_map(|(l, w)| Block::Heading(l, w)),
        1 => prop::collection::vec((0usize..3, inlines()), 1..6).prop_map(|items| {
            let mut depth = 0;
            Block::List(
                items
                    .into_iter()
                    .map(|(d, i)| {
                        depth = d.min(depth + 1);
                        (depth, i)
                    })
                    .collect(),
            )
        }),
        1 => prop::collection::vec(words(3), 1..4).prop_map(Block::Ordered),
        1 => prop::collection::vec((0usize..5, words(12)), 1..6).prop_map(Block::Code),
        1 => inlines().prop_map(Block::Quote),
        1 => (1usize..4)
            .prop_flat_map(|cols| (Just(cols), prop::collection::vec(prop::collection::vec(word(), cols), 2..5)))
            .prop_map(|(cols, rows)| Block::Table(cols, rows)),
    ]
}

/// The Markdown source, and the words a reader must see, in order.
fn render(blocks: &[Block]) -> (String, Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let mut code_lines = Vec::new();
    let line = |items: &[(Inline, bool)], seen: &mut Vec<String>| {
        let mut s = String::new();
        for (k, (item, newline)) in items.iter().enumerate() {
            let (text, shown): (String, Vec<String>) = match item {
                Inline::Word(w) => (w.clone(), vec![w.clone()]),
                Inline::Emphasis(w) => (format!("*{}*", w.join(" ")), w.clone()),
                Inline::Strong(w) => (format!("**{}**", w.join(" ")), w.clone()),
                Inline::Strike(w) => (format!("~~{}~~", w.join(" ")), w.clone()),
                Inline::Code(w) => (format!("`{w}`"), vec![w.clone()]),
                Inline::Link(w, true) => (format!("[{}](#{})", w.join(" "), w[0]), w.clone()),
                Inline::Link(w, false) => (
                    format!("[{}](https://example.org/{})", w.join(" "), w[0]),
                    w.clone(),
                ),
            };
            s.push_str(&text);
            seen.extend(shown);
            if k + 1 < items.len() {
                s.push_str(if *newline { "\n" } else { " " });
            }
        }
        s
    };
    for b in blocks {
        match b {
            Block::Paragraph(items) => out.push(line(items, &mut seen)),
            Block::Heading(level, w) => {
                out.push(format!(
                    "{} {}",
                    "#".repeat(usize::from(*level)),
                    w.join(" ")
                ));
                seen.extend(w.iter().cloned());
            }
            Block::List(items) => {
                let lines: Vec<String> = items
                    .iter()
                    .map(|(depth, i)| {
                        let body = line(i, &mut seen).replace('\n', " ");
                        format!("{}- {body}", "  ".repeat(*depth))
                    })
                    .collect();
                out.push(lines.join("\n"));
            }
            Block::Ordered(items) => {
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(n, w)| {
                        seen.extend(w.iter().cloned());
                        format!("{}. {}", n + 1, w.join(" "))
                    })
                    .collect();
                out.push(lines.join("\n"));
            }
            Block::Code(lines) => {
                let body: Vec<String> = lines
                    .iter()
                    .map(|(indent, w)| {
                        seen.extend(w.iter().cloned());
                        format!("{}{}", " ".repeat(*indent), w.join(" "))
                    })
                    .collect();
                code_lines.extend(body.iter().cloned());
                out.push(format!("```\n{}\n```", body.join("\n")));
            }
            Block::Quote(items) => out.push(format!(
                "> {}",
                line(items, &mut seen).replace('\n', "\n> ")
            )),
            Block::Table(cols, rows) => {
                let mut t = Vec::new();
                for (r, row) in rows.iter().enumerate() {
                    seen.extend(row.iter().cloned());
                    t.push(format!("| {} |", row.join(" | ")));
                    if r == 0 {
                        t.push(format!("|{}", "---|".repeat(*cols)));
                    }
                }
                out.push(t.join("\n"));
            }
        }
    }
    (out.join("\n\n"), seen, code_lines)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_support::config(256).cases, ..ProptestConfig::default() })]

    #[test]
    fn structured_markdown_shows_every_word_once_and_no_markup(
        blocks in prop::collection::vec(block(), 1..10),
    ) {
        let (source, seen, code_lines) = render(&blocks);
        let doc = markdown::document(&source, "gen");
        check_document(&doc)?;
        let text = &doc.text;
        for mark in ['*', '`', '[', ']', '(', ')', '~', '#', '|', '>'] {
            prop_assert!(!text.contains(mark), "{:?} in {:?}\nfrom {:?}", mark, text, source);
        }
        prop_assert!(!text.contains("https://"), "a link's address in {:?}", text);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squeeze(text), squeeze(&seen.concat()), "from {:?}", source);
        let lines: Vec<&str> = text.lines().collect();
        for l in &code_lines {
            prop_assert!(lines.contains(&l.as_str()), "code line {:?} not on its own line in {:?}", l, text);
        }
        let count = |f: fn(&BlockKind) -> bool| doc.structure.blocks.iter().filter(|b| f(&b.kind)).count();
        let want_code = blocks.iter().filter(|b| matches!(b, Block::Code(_))).count();
        let want_tables = blocks.iter().filter(|b| matches!(b, Block::Table(..))).count();
        prop_assert_eq!(count(|k| matches!(k, BlockKind::Code { .. })), want_code);
        prop_assert_eq!(count(|k| matches!(k, BlockKind::Table(_))), want_tables);
    }
}
