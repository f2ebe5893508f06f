//! `kanshu render FILE …`: print pages exactly as the reader lays them out.
//!
//! Owns the headless view of the layout engine: which page to show (chapter/page, a percentage
//! of the book, or every page) and how a page becomes text (the reader's text area, trailing
//! spaces trimmed). The page text comes from `page_text`, which tests call directly; the book
//! as one flowing text, with no pages (what `kanshu book.txt | less` prints), from
//! `write_flowing_text`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, GlobalArgs, emit};
use crate::document::Document;
use crate::document::chapters::numbers::{Found, numbering};
use crate::i18n::{Lang, tr};
use crate::layout::{GlyphLine, LayoutParams, LineKind, MAX_HEIGHT, MAX_WIDTH};
use crate::position::Position;
use crate::view::{DisplayLayout, DisplayMode, Script, ViewOptions};

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kanshu render novel.txt                      the first page at 80×24
  kanshu render --width 40 --chapter 3 novel.txt
  kanshu render --chapter 3 --page 2 novel.txt
  kanshu render --at 50 novel.txt              the page at the middle of the book
  kanshu render --all --width 60 novel.txt     every page, each ended by a form feed
  kanshu render --clean --script simplified --vertical --width 26 --height 14 novel.txt
  cat novel.txt | kanshu render -")]
pub struct RenderArgs {
    /// The book (`-` reads standard input)
    pub file: PathBuf,
    /// Text width in cells (2 to 2000)
    #[arg(long, default_value_t = 80)]
    pub width: usize,
    /// Page height in lines (1 to 1000)
    #[arg(long, default_value_t = 24)]
    pub height: usize,
    /// The chapter the book calls this number (第37章, CHAPTER XXXVII; in a book that does not
    /// number its chapters, the 37th after the front matter); `2.1` is chapter 1 of volume 2.
    /// Without it: the start of the book
    #[arg(long, value_name = "N")]
    pub chapter: Option<String>,
    /// Page number in the chapter (1-based)
    #[arg(long, conflicts_with = "at")]
    pub page: Option<usize>,
    /// Open the page holding the character at this percentage of the book (0–100)
    #[arg(long, allow_negative_numbers = true)]
    pub at: Option<f64>,
    /// Print every page of the book, each followed by a form-feed line
    #[arg(long, conflicts_with_all = ["page", "at"])]
    pub all: bool,
    /// Ambiguous-width characters (“ ” … —) take two cells
    #[arg(long)]
    pub ambiguous_wide: bool,
    /// Spread body lines so they end flush
    #[arg(long)]
    pub justify: bool,
    /// Show the text converted to this script: simplified, traditional or original
    #[arg(long, value_name = "SCRIPT", default_value_t = Script::Original)]
    pub script: Script,
    /// Hide pinyin annotations such as 戰(zhàn) and HTML leftovers (the file is not changed)
    #[arg(long)]
    pub clean: bool,
    /// Vertical pages (竖排): columns top to bottom, read right to left
    #[arg(long)]
    pub vertical: bool,
    #[command(flatten)]
    pub book: super::BookArgs,
}

/// The text of page `page` (0-based) of chapter `chapter`: one line per laid-out line,
/// trailing spaces trimmed, each ending in '\n'.
pub fn page_text(
    doc: &Document,
    layout: &mut DisplayLayout,
    chapter: usize,
    page: usize,
) -> String {
    let top = layout.page_position(doc, chapter, page);
    let cl = layout.chapter_at(doc, top);
    let first = page
        .checked_sub(cl.pages_before)
        .and_then(|p| cl.pages.get(p))
        .copied()
        .unwrap_or(cl.lines.len());
    let count = cl.page_lines(page).len();
    let rows: Vec<GlyphLine> = if layout.display().vertical {
        layout.vertical_rows(doc, chapter, first, count)
    } else {
        (first..first + count)
            .map(|i| layout.glyphs_of_line(doc, chapter, i))
            .collect()
    };
    let mut out = String::new();
    for row in rows {
        out.push_str(row.text().trim_end());
        out.push('\n');
    }
    out
}

/// Every page of the book in order, each followed by a line holding only U+000C.
pub fn all_pages_text(doc: &Document, layout: &mut DisplayLayout) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_all_pages(doc, layout, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write every page of the book, chapter by chapter, as `all_pages_text` shows them (a big
/// book is never held as one string).
pub fn write_all_pages(
    doc: &Document,
    layout: &mut DisplayLayout,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for chapter in 0..doc.chapters.len() {
        // A volume that opens at its first chapter has no page of its own.
        if doc.chapters[chapter].range.is_empty() && doc.chapters.len() > 1 {
            continue;
        }
        let mut text = String::new();
        let mut page = 0;
        // A long chapter counts its pages as its windows are laid out: ask again each time.
        while page < layout.chapter(doc, chapter).page_count() {
            text.push_str(&page_text(doc, layout, chapter, page));
            text.push_str("\u{c}\n");
            page += 1;
        }
        out.write_all(text.as_bytes())?;
    }
    out.flush()
}

/// Write the book's text laid out at the layout's width as one flow, with no page breaks (for a
/// pager or a file): every line of every page (the spacers a page break hides included), the
/// chapters apart by two blank lines, each starting with its heading. Vertical pages are
/// written across: a pipe has no pages to lay columns in.
pub fn write_flowing_text(
    doc: &Document,
    layout: &mut DisplayLayout,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut display = layout.display();
    display.vertical = false;
    layout.set_display(display);
    let blank_mode = layout
        .style()
        .is_some_and(|s| s.mode == crate::layout::ParagraphMode::Blank);
    let mut first = true;
    for chapter in 0..doc.chapters.len() {
        let mut text = String::new();
        let mut page = 0;
        let mut blank_last = true;
        // A long chapter counts its pages as its windows are laid out: ask again each time.
        while page < layout.chapter(doc, chapter).page_count() {
            let top = layout.page_position(doc, chapter, page);
            let cl = layout.chapter_at(doc, top);
            let Some(local) = page.checked_sub(cl.pages_before) else {
                break;
            };
            let start = cl.pages.get(local).copied().unwrap_or(cl.lines.len());
            let end = cl.pages.get(local + 1).copied().unwrap_or(cl.lines.len());
            // A long chapter is laid out in pieces cut between paragraphs, each starting a
            // page with no spacer before it: keep those paragraphs apart as the others are.
            let spaced = cl.lines.windows(3).any(|w| {
                w[1].kind == LineKind::Blank
                    && w[0].kind == LineKind::Body
                    && w[2].kind == LineKind::Body
            });
            if page > 0 && spaced && !blank_last && starts_paragraph(doc, top, blank_mode) {
                text.push('\n');
            }
            for i in start..end {
                let line = layout.glyphs_of_line(doc, chapter, i);
                let line = line.text();
                let line = line.trim_end();
                text.push_str(line);
                text.push('\n');
                blank_last = line.is_empty();
            }
            page += 1;
        }
        let text = text.trim_matches('\n');
        if text.is_empty() {
            continue;
        }
        if !first {
            out.write_all(b"\n\n")?;
        }
        first = false;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Whether `at` starts a paragraph of the source: the start of a line, after a blank line
/// when paragraphs are apart by blank lines (`blank_mode`).
fn starts_paragraph(doc: &Document, at: Position, blank_mode: bool) -> bool {
    let text = doc.chapter_text(at.chapter);
    let Some(before) = text.get(..at.offset) else {
        return false;
    };
    let mut lines = before.rsplit('\n');
    let blank = |l: Option<&str>| l.is_some_and(|l| l.trim().is_empty());
    // The page's own line up to `at`, then the line before it.
    let start_of_line = blank(lines.next()) && before.contains('\n');
    start_of_line && (!blank_mode || blank(lines.next()))
}

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let lang = global.lang;
    if args.width < 2 {
        return Err(CliError::Usage(tr!(
            lang,
            "cli-width-narrow",
            width = args.width
        )));
    }
    if args.height < 1 {
        return Err(CliError::Usage(tr!(lang, "cli-height-zero")));
    }
    if args.width > MAX_WIDTH || args.height > MAX_HEIGHT {
        return Err(CliError::Usage(tr!(
            lang,
            "cli-page-too-large",
            width = args.width,
            height = args.height,
            max_width = MAX_WIDTH,
            max_height = MAX_HEIGHT
        )));
    }
    if let Some(at) = args.at
        && !(0.0..=100.0).contains(&at)
    {
        return Err(CliError::Usage(tr!(
            lang,
            "cli-at-range",
            at = at.to_string()
        )));
    }
    let (doc, cfg) = global.open_configured(&args.file)?;
    // The configured layout ([layout] in config.toml), at exactly the width asked for.
    let configured = cfg.layout.params(args.width, args.height);
    let params = LayoutParams {
        width: args.width,
        height: args.height,
        ambiguous_wide: args.ambiguous_wide || configured.ambiguous_wide,
        justify: args.justify || configured.justify,
        ..configured
    };
    let mut layout = DisplayLayout::for_document(&doc, params);
    layout.set_display(DisplayMode {
        view: ViewOptions {
            script: args.script,
            clean: args.clean,
        },
        vertical: args.vertical,
    });
    if args.all {
        let mut out = std::io::stdout().lock();
        return match write_all_pages(&doc, &mut layout, &mut out) {
            Ok(()) => Ok(()),
            // `kanshu render --all big.txt | head`: stop quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(CliError::Other(format!("cannot write output: {e}"))),
        };
    }
    let (chapter, page) = if let Some(at) = args.at {
        let pos = Position::at_percent(&doc, at);
        (pos.chapter, layout.locate(&doc, pos).0)
    } else {
        let chapter = match &args.chapter {
            Some(spec) => chapter_by_number(&doc, spec, lang)?,
            // The first chapter with text: a volume that opens at its first chapter has none.
            None => doc
                .chapters
                .iter()
                .position(|c| !c.range.is_empty())
                .unwrap_or(0),
        };
        let pages = layout.chapter(&doc, chapter).page_count();
        let page = args.page.unwrap_or(1);
        if page == 0 || page > pages {
            return Err(CliError::Usage(tr!(
                lang,
                "cli-page-range",
                page = page,
                chapter = args.chapter.as_deref().unwrap_or("1"),
                pages = pages,
                width = args.width,
                height = args.height
            )));
        }
        (chapter, page - 1)
    };
    emit(&page_text(&doc, &mut layout, chapter, page))
}

/// The chapter index `--chapter 37` or `--chapter 2.1` names, numbered as the book numbers
/// them (see `document::chapters::numbers`).
pub(super) fn chapter_by_number(doc: &Document, spec: &str, lang: Lang) -> Result<usize, CliError> {
    let bad = || CliError::Usage(tr!(lang, "cli-chapter-spec", spec = spec));
    let (volume, n) = match spec.trim().split_once('.') {
        Some((v, n)) => (Some(v.parse::<u32>().map_err(|_| bad())?), n),
        None => (None, spec.trim()),
    };
    let n = n.parse::<u32>().map_err(|_| bad())?;
    let nums = numbering(&doc.chapters);
    match nums.find(volume, n, 0) {
        Found::Chapter { index, .. } => Ok(index),
        Found::None => {
            let total = nums.number.iter().flatten().count();
            Err(CliError::Usage(tr!(
                lang,
                "cli-chapter-range",
                spec = spec,
                total = total
            )))
        }
    }
}
