//! `kanshu bookmarks [FILE] [--json]` and `kanshu recent [--json]`: the saved state, headless
//! (`notes` is beside it, in `notes`).
//!
//! Reads the store and prints; never writes, except that opening one book's state moves an
//! unreadable file aside (as the reader does). Warnings go to stderr as one line each; text
//! from books and names never reaches the terminal with control characters in it.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{CliError, GlobalArgs, emit};
use crate::i18n::tr;
use crate::position::Position;
use crate::store::{BookSession, BookState, Bookmark, Store};

#[derive(Debug, Args)]
pub struct BookmarksArgs {
    /// Only this book's bookmarks (found again in its current text)
    pub file: Option<PathBuf>,
    /// Print a JSON array of {book, path, fingerprint, id, name, position, chapter_title,
    /// percent, snippet, created, edited}
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub book: super::BookArgs,
}

#[derive(Debug, Args)]
pub struct RecentArgs {
    /// Print a JSON array of {title, path, fingerprint, progress, chapter_title, last_read,
    /// machine, missing}
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct BookmarkOut<'a> {
    book: &'a str,
    path: Option<&'a str>,
    fingerprint: &'a str,
    id: &'a str,
    name: &'a str,
    position: Position,
    chapter_title: &'a str,
    percent: f64,
    snippet: &'a str,
    created: String,
    edited: String,
}

impl<'a> BookmarkOut<'a> {
    fn new(book: &'a BookState, b: &'a Bookmark) -> Self {
        BookmarkOut {
            book: &book.title,
            path: book.path.as_deref(),
            fingerprint: &book.fingerprint,
            id: &b.id,
            name: &b.name,
            position: b.anchor.position,
            chapter_title: &b.anchor.chapter_title,
            percent: b.anchor.percent,
            snippet: &b.anchor.snippet,
            created: b.created.to_rfc3339(),
            edited: b.edited.to_rfc3339(),
        }
    }
}

#[derive(Serialize)]
struct RecentOut<'a> {
    title: &'a str,
    path: Option<&'a str>,
    fingerprint: &'a str,
    progress: f64,
    chapter_title: &'a str,
    last_read: String,
    /// The machine it was last read on.
    machine: Option<&'a str>,
    missing: bool,
}

pub(super) fn store(global: &GlobalArgs) -> Result<Store, CliError> {
    Store::open(global.config_dir.as_deref()).map_err(|e| CliError::Other(e.to_string()))
}

pub(super) fn warn(warnings: Vec<String>) {
    for w in warnings {
        eprintln!("kanshu: warning: {}", printable(&w));
    }
}

/// Text safe for a terminal: what must not reach it raw (controls, bidi overrides, line
/// separators) becomes U+FFFD.
pub(super) fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::document::normalize::is_unsafe_char(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// JSON with DEL and C1 characters escaped as well (serde_json escapes only C0).
pub(super) fn to_json(value: &impl Serialize) -> Result<String, CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Other(format!("cannot write JSON: {e}")))?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if crate::document::normalize::is_unsafe_char(c) && !matches!(c, '\n' | ' ') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

pub fn bookmarks(args: &BookmarksArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let store = store(global)?;
    let mut books: Vec<BookState> = match &args.file {
        Some(file) => {
            let doc = global.open(file)?;
            let mut session = BookSession::open(&store, &doc);
            warn(session.take_warnings());
            vec![session.state().clone()]
        }
        None => {
            let (books, warnings) = store.all_books();
            warn(warnings);
            books
        }
    };
    // Each book's path on this machine (a synced state also knows other machines' paths).
    for book in &mut books {
        if let Some(p) = book.path_on(store.machine()) {
            book.path = Some(p.to_string_lossy().into_owned());
        }
    }
    if args.json {
        let out: Vec<BookmarkOut> = books
            .iter()
            .flat_map(|book| {
                book.live_bookmarks()
                    .into_iter()
                    .map(move |b| BookmarkOut::new(book, b))
            })
            .collect();
        return emit(&to_json(&out)?);
    }
    let mut out = String::new();
    for book in &books {
        let marks = book.live_bookmarks();
        if marks.is_empty() {
            continue;
        }
        out.push_str(&printable(&book.title));
        if let Some(path) = &book.path {
            out.push_str(&format!("  ({})", printable(path)));
        }
        out.push('\n');
        for b in marks {
            out.push_str(&format!(
                "  {:>5.1}%  {}  {}  {}\n",
                b.anchor.percent,
                b.edited.local_display(),
                printable(&b.anchor.chapter_title),
                printable(&b.name),
            ));
        }
    }
    if out.is_empty() {
        out = match &args.file {
            Some(_) => tr!(global.lang, "cli-no-bookmarks-in-book"),
            None => tr!(global.lang, "cli-no-bookmarks"),
        };
        out.push('\n');
    }
    emit(&out)
}

pub fn recent(args: &RecentArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let store = store(global)?;
    let (books, warnings) = store.library();
    warn(warnings);
    if args.json {
        let out: Vec<RecentOut> = books
            .iter()
            .map(|b| RecentOut {
                title: &b.title,
                path: b.path.as_deref(),
                fingerprint: &b.fingerprint,
                progress: b.progress,
                chapter_title: &b.chapter_title,
                last_read: b.last_read.to_rfc3339(),
                machine: b.machine.as_deref(),
                missing: b.is_missing(),
            })
            .collect();
        return emit(&to_json(&out)?);
    }
    if books.is_empty() {
        return emit(&format!("{}\n", tr!(global.lang, "cli-no-books")));
    }
    let mut out = String::new();
    for b in &books {
        let on = b
            .machine
            .as_deref()
            .map(|m| format!("  on {}", printable(m)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  {:>5.1}%  {}  {}{}{on}\n",
            b.last_read.local_display(),
            b.progress,
            printable(&b.title),
            printable(b.path.as_deref().unwrap_or("")),
            if b.is_missing() { "  (missing)" } else { "" },
        ));
    }
    emit(&out)
}
