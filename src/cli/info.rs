//! `kanshu info FILE [--json]`: what kanshu found out about a book.
//!
//! Path and title are shown with control characters replaced (text) or escaped (JSON).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{CliError, GlobalArgs, emit};
use crate::document::{Document, visible};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  kanshu info novel.txt\n  kanshu info --json novel.txt")]
pub struct InfoArgs {
    /// The book
    pub file: PathBuf,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

/// What `info --json` prints.
#[derive(Debug, Serialize)]
pub struct Info {
    pub path: String,
    pub bytes: usize,
    /// encoding_rs name ("UTF-8", "GBK", "gb18030", "Big5", "UTF-16LE", …).
    pub encoding: String,
    pub characters: usize,
    pub lines: usize,
    pub chapters: usize,
    /// The heading-rule family that won, or "none".
    pub rule: String,
    pub title: String,
    /// Control characters in the text (shown as placeholders by the reader).
    pub control_characters: usize,
}

impl Info {
    pub fn of(doc: &Document, path: &str) -> Info {
        Info {
            path: path.to_string(),
            bytes: doc.source_bytes,
            encoding: doc.encoding.clone(),
            characters: doc.text.chars().count(),
            lines: doc.line_count(),
            chapters: doc.chapters.len(),
            rule: doc.rule.clone(),
            title: doc.title.clone(),
            control_characters: doc.control_chars,
        }
    }

    /// `key: value` lines, safe for a terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "path:       {}", visible(&self.path));
        let _ = writeln!(out, "bytes:      {}", self.bytes);
        let _ = writeln!(out, "encoding:   {}", self.encoding);
        let _ = writeln!(out, "characters: {}", self.characters);
        let _ = writeln!(out, "lines:      {}", self.lines);
        let _ = writeln!(out, "chapters:   {}", self.chapters);
        let _ = writeln!(out, "rule:       {}", self.rule);
        let _ = writeln!(out, "title:      {}", visible(&self.title));
        if self.control_characters > 0 {
            let _ = writeln!(out, "control characters: {}", self.control_characters);
        }
        out
    }
}

pub fn run(args: &InfoArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = global.open(&args.file)?;
    let info = Info::of(&doc, &args.file.display().to_string());
    if args.json {
        let mut s = super::toc::to_json(&info)?;
        s.push('\n');
        emit(&s)
    } else {
        emit(&info.text())
    }
}
