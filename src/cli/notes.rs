//! `kanshu notes [FILE] [--json|--markdown]`: every highlight with its note, its chapter and a
//! command that opens the book there, as text for the terminal, JSON for scripts, or a
//! Markdown document that reads well by itself (the book's title, chapters as headings,
//! quotes as block quotes, notes below them).
//!
//! With FILE the book is opened and its highlights found again in its current text (those
//! whose words are gone are listed apart, as orphaned); without it, every book's highlights
//! as last saved. Reads the store and prints; like `bookmarks`, never writes except what
//! opening one book's state does (moving an unreadable file aside, merging conflict copies).

use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::store_cmds::{printable, store, to_json, warn};
use super::{CliError, GlobalArgs, emit};
use crate::i18n::tr;
use crate::store::{BookSession, BookState, Highlight};

#[derive(Debug, Args)]
pub struct NotesArgs {
    /// Only this book's highlights (found again in its current text)
    pub file: Option<PathBuf>,
    /// Print a JSON array of {book, path, fingerprint, id, chapter, chapter_title, quote, note,
    /// colour, percent, orphaned, reference, created, edited}
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print a Markdown document: the book's title, chapters as headings, quotes as block
    /// quotes, notes below them
    #[arg(long)]
    pub markdown: bool,
}

/// One book's highlights, ready to print.
struct BookNotes {
    state: BookState,
    /// This machine's path to the book.
    path: Option<PathBuf>,
    /// Ids of highlights not found in the current text; `None` when the book was not opened.
    orphaned: Option<Vec<String>>,
}

impl BookNotes {
    fn is_orphaned(&self, h: &Highlight) -> Option<bool> {
        self.orphaned.as_ref().map(|o| o.contains(&h.id))
    }

    /// The highlights found (or not looked for) and the orphaned ones, each in reading order.
    fn split(&self) -> (Vec<&Highlight>, Vec<&Highlight>) {
        self.state
            .live_highlights()
            .into_iter()
            .partition(|h| self.is_orphaned(h) != Some(true))
    }

    /// How far into the book a highlight starts, in percent, rounded down to 0.01 (so
    /// `--at` opens at or just before it).
    fn percent(&self, h: &Highlight) -> f64 {
        match self.state.text_bytes {
            0 => 0.0,
            n => ((h.start.text_offset as f64 * 10_000.0 / n as f64).floor() / 100.0).min(100.0),
        }
    }

    /// The command that opens the book at a highlight.
    fn reference(&self, h: &Highlight) -> Option<String> {
        let path = self.path.as_deref()?;
        Some(format!(
            "kanshu {} --at {:.2}",
            shell_quote(path),
            self.percent(h)
        ))
    }
}

/// A path as a shell word: as it is when it holds nothing a shell reads specially, else in
/// single quotes.
fn shell_quote(path: &Path) -> String {
    let s = path.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || "_-./+,:@%".contains(c)
                || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
        });
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[derive(Serialize)]
struct NoteOut<'a> {
    book: &'a str,
    path: Option<String>,
    fingerprint: &'a str,
    id: &'a str,
    /// 1-based, as `kanshu toc` numbers chapters.
    chapter: usize,
    chapter_title: &'a str,
    quote: &'a str,
    note: Option<&'a str>,
    colour: u8,
    percent: f64,
    /// Whether the words were not found in the current text (`null`: the book was not opened).
    orphaned: Option<bool>,
    reference: Option<String>,
    created: String,
    edited: String,
}

pub fn run(args: &NotesArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let store = store(global)?;
    let books: Vec<BookNotes> = match &args.file {
        Some(file) => {
            let doc = global.open(file)?;
            let mut session = BookSession::open(&store, &doc);
            warn(session.take_warnings());
            let state = session.state().clone();
            let path = state
                .path_on(store.machine())
                .or_else(|| Some(file.clone()));
            vec![BookNotes {
                state,
                path,
                orphaned: Some(session.orphaned_highlights().to_vec()),
            }]
        }
        None => {
            let (books, warnings) = store.all_books();
            warn(warnings);
            books
                .into_iter()
                .map(|state| BookNotes {
                    path: state.path_on(store.machine()),
                    state,
                    orphaned: None,
                })
                .collect()
        }
    };
    let books: Vec<BookNotes> = books
        .into_iter()
        .filter(|b| !b.state.live_highlights().is_empty())
        .collect();
    if args.json {
        return emit(&to_json(&json(&books))?);
    }
    if books.is_empty() {
        let text = match &args.file {
            Some(_) => tr!(global.lang, "cli-no-highlights-in-book"),
            None => tr!(global.lang, "cli-no-highlights"),
        };
        return emit(&format!("{text}\n"));
    }
    if args.markdown {
        emit(&markdown(&books))
    } else {
        emit(&plain(&books))
    }
}

fn json(books: &[BookNotes]) -> Vec<NoteOut<'_>> {
    let mut out = Vec::new();
    for b in books {
        let (found, orphaned) = b.split();
        for h in found.into_iter().chain(orphaned) {
            out.push(NoteOut {
                book: &b.state.title,
                path: b.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
                fingerprint: &b.state.fingerprint,
                id: &h.id,
                chapter: h.start.position.chapter + 1,
                chapter_title: &h.start.chapter_title,
                quote: &h.quote,
                note: h.note.as_deref(),
                colour: h.colour,
                percent: b.percent(h),
                orphaned: b.is_orphaned(h),
                reference: b.reference(h),
                created: h.created.to_rfc3339(),
                edited: h.edited.to_rfc3339(),
            });
        }
    }
    out
}

/// Text for the terminal: each book, then each highlight's place, quote, note and command.
fn plain(books: &[BookNotes]) -> String {
    let mut out = String::new();
    for b in books {
        out.push_str(&printable(&b.state.title));
        if let Some(p) = &b.path {
            out.push_str(&format!("  ({})", printable(&p.to_string_lossy())));
        }
        out.push('\n');
        let (found, orphaned) = b.split();
        let entry = |h: &Highlight, out: &mut String| {
            out.push_str(&format!(
                "  {:>5.1}%  {}\n",
                b.percent(h),
                printable(&h.start.chapter_title)
            ));
            for line in h.quote.lines() {
                out.push_str(&format!("    │ {}\n", printable(line)));
            }
            if let Some(note) = &h.note {
                for line in note.lines() {
                    out.push_str(&format!("    {}\n", printable(line)));
                }
            }
            if let Some(r) = b.reference(h) {
                out.push_str(&format!("    → {}\n", printable(&r)));
            }
        };
        for h in found {
            entry(h, &mut out);
        }
        if !orphaned.is_empty() {
            out.push_str("  not found in the current text (kept as they were):\n");
            for h in orphaned {
                entry(h, &mut out);
            }
        }
    }
    out
}

/// A line of a book as Markdown text: characters that would start a heading, a list, a quote
/// or a rule at the start of a line are escaped, and so are HTML's `<` and `&`; control
/// characters become U+FFFD (the document may be printed on a terminal).
fn md_line(line: &str) -> String {
    let line = printable(line).replace('&', "&amp;").replace('<', "&lt;");
    let trimmed = line.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let indent = line.len() - trimmed.len();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        // `1. ` starts a list: escape the dot (a digit cannot be escaped).
        let cut = indent + digits;
        format!("{}\\{}", &line[..cut], &line[cut..])
    } else if trimmed.starts_with(['#', '>', '-', '+', '*', '=', '|', '`', '~', '_']) {
        format!("{}\\{}", &line[..indent], trimmed)
    } else {
        line
    }
}

/// Text for a heading: one line, no control characters.
fn md_heading(s: &str) -> String {
    let one: String = s
        .chars()
        .map(|c| {
            if crate::document::normalize::is_unsafe_char(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    md_line(one.trim())
}

/// A Markdown document: `# title`, `## chapter`, `> quote`, the note, the command.
fn markdown(books: &[BookNotes]) -> String {
    let mut out = String::new();
    for b in books {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("# {}\n", md_heading(&b.state.title)));
        let (found, orphaned) = b.split();
        let mut chapter: Option<&str> = None;
        for h in found {
            let title = h.start.chapter_title.as_str();
            if chapter != Some(title) {
                chapter = Some(title);
                let heading = match md_heading(title) {
                    t if t.is_empty() => format!("Chapter {}", h.start.position.chapter + 1),
                    t => t,
                };
                out.push_str(&format!("\n## {heading}\n"));
            }
            md_entry(b, h, &mut out);
        }
        if !orphaned.is_empty() {
            out.push_str("\n## Not found in the current text\n");
            for h in orphaned {
                md_entry(b, h, &mut out);
            }
        }
    }
    out
}

/// Lines as Markdown that keeps their breaks: a line followed by another ends with `\` (a hard
/// line break, so a Chinese book's one-line paragraphs and a note's lines are not run
/// together); blank lines stay paragraph breaks.
fn md_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text.lines().map(|l| md_line(l.trim_end())).collect();
    let blank = |l: &String| l.trim().is_empty();
    (0..lines.len())
        .map(|i| {
            let next_text = lines.get(i + 1).is_some_and(|n| !blank(n));
            if !blank(&lines[i]) && next_text && !lines[i].ends_with('\\') {
                format!("{}\\", lines[i])
            } else {
                lines[i].clone()
            }
        })
        .collect()
}

fn md_entry(b: &BookNotes, h: &Highlight, out: &mut String) {
    out.push('\n');
    for l in md_lines(h.quote.trim()) {
        match l {
            l if l.trim().is_empty() => out.push_str(">\n"),
            l => out.push_str(&format!("> {l}\n")),
        }
    }
    if let Some(note) = &h.note {
        out.push('\n');
        for line in md_lines(note) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if let Some(r) = b.reference(h) {
        out.push_str(&format!("\n`{}`\n", r.replace('`', "'")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_only_when_a_shell_needs_it() {
        assert_eq!(shell_quote(Path::new("/books/三体.txt")), "/books/三体.txt");
        assert_eq!(
            shell_quote(Path::new("/books/Ann's book.txt")),
            r"'/books/Ann'\''s book.txt'"
        );
        assert_eq!(shell_quote(Path::new("/a/$(rm).txt")), "'/a/$(rm).txt'");
    }

    #[test]
    fn lines_that_would_become_markdown_structure_are_escaped() {
        assert_eq!(md_line("# not a heading"), r"\# not a heading");
        assert_eq!(md_line("1. not a list"), r"1\. not a list");
        assert_eq!(md_line("  - item"), r"  \- item");
        assert_eq!(md_line("a <b> & c"), "a &lt;b> &amp; c");
        assert_eq!(md_line("第一章"), "第一章");
    }
}
