//! `kanshu toc FILE [--json]`: the table of contents.
//!
//! Text output indents chapters under their volume and shows control characters in titles as
//! U+FFFD; JSON output escapes them (DEL and C1 included, which JSON itself would not).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{CliError, GlobalArgs, emit};
use crate::document::chapters::numbers::numbering;
use crate::document::{Document, visible};

#[derive(Debug, Args)]
#[command(after_help = "\
JSON fields (--json), one object per entry:
  index    1-based position in the contents
  level    1 = volume or top heading, 2 = chapter under a volume, …
  title    as written in the book (Markdown without its # marks)
  offset   byte offset of the chapter's first non-blank line in the decoded UTF-8 text
  number   the chapter's number as :N and render --chapter N take it (as the book prints
           it, or its count after the front matter); null for front matter and volumes
  chars    characters in the chapter, heading included
  heading  false for front and back matter, parts of a book without headings, and a
           heading that shares its line with the first sentence

Examples:
  kanshu toc novel.txt
  kanshu toc --json novel.txt
  kanshu toc --encoding big5 article.txt
  curl -s https://example.com/book.txt | kanshu toc -")]
pub struct TocArgs {
    /// The book (`-` reads standard input)
    pub file: PathBuf,
    /// Print a JSON array of {index, level, title, offset, number, chars, heading} (fields below)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub book: super::BookArgs,
}

/// One TOC entry as `toc --json` prints it.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// 1-based chapter number.
    pub index: usize,
    pub level: u8,
    pub title: &'a str,
    /// Byte offset in the decoded UTF-8 text of the chapter's first non-blank line: its heading
    /// line when it has one (blank lines folded into the first chapter are skipped).
    pub offset: usize,
    /// The number the book gives the chapter (第37章 → 37), or its count after the front matter
    /// in a book that does not number chapters; what `:37` and `render --chapter 37` go to.
    /// None for front and back matter and volumes.
    pub number: Option<u32>,
    /// Characters in the chapter, heading included.
    pub chars: usize,
    /// False for front and back matter, parts of a book without headings, and a heading that
    /// shares its line with the chapter's first sentence.
    pub heading: bool,
}

/// The entries of `doc`'s table of contents.
pub fn entries(doc: &Document) -> Vec<TocEntry<'_>> {
    let nums = numbering(&doc.chapters);
    doc.chapters
        .iter()
        .enumerate()
        .map(|(i, c)| TocEntry {
            index: i + 1,
            level: c.level,
            title: &c.title,
            offset: c.range.start + leading_blank_lines(doc.chapter_text(i)),
            number: nums.number[i],
            chars: doc.chapter_chars(i),
            heading: c.heading,
        })
        .collect()
}

/// Length of the blank lines at the start of `text`.
fn leading_blank_lines(text: &str) -> usize {
    let mut skip = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() || !line.ends_with('\n') {
            break;
        }
        skip += line.len();
    }
    skip
}

/// The table of contents as text: position, the chapter's number as `:N` takes it (`2.1`
/// where numbers repeat across volumes), indent by level, title; safe for a terminal.
pub fn text(doc: &Document) -> String {
    let width = doc.chapters.len().to_string().len().max(3);
    let nums = numbering(&doc.chapters);
    let labels: Vec<String> = (0..doc.chapters.len())
        .map(|i| nums.label(i).map_or(String::new(), |l| format!(":{l}")))
        .collect();
    let num_w = labels.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (i, c) in doc.chapters.iter().enumerate() {
        let indent = "  ".repeat(usize::from(c.level.saturating_sub(1)));
        let label = &labels[i];
        let _ = writeln!(
            out,
            "{:>width$}  {label:<num_w$}  {indent}{}",
            i + 1,
            visible(&c.title)
        );
    }
    out
}

/// Serialize to JSON and escape DEL and C1 controls, which serde_json leaves raw.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, CliError> {
    let s = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
    if !s.contains(|c: char| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return Ok(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

pub fn run(args: &TocArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = global.open(&args.file)?;
    if args.json {
        let mut s = to_json(&entries(&doc))?;
        s.push('\n');
        emit(&s)
    } else {
        emit(&text(&doc))
    }
}
