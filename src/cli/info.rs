//! `kanshu info FILE [--json]`: what kanshu found out about a book.
//!
//! Path and title are shown with control characters replaced (text) or escaped (JSON).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{CliError, GlobalArgs, emit};
use crate::document::{Document, visible};
use crate::view::count_artifacts;

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
    /// Replacement characters (U+FFFD) in the text: bytes that could not be decoded.
    pub replacement_characters: usize,
    /// Pinyin annotations after Han characters, like 戰(zhàn) (the clean view hides them).
    pub annotations: usize,
    /// HTML tags and entities left over from a web page (the clean view hides or decodes them).
    pub html_leftovers: usize,
}

impl Info {
    pub fn of(doc: &Document, path: &str) -> Info {
        let artifacts = count_artifacts(&doc.text);
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
            replacement_characters: doc.text.matches('\u{FFFD}').count(),
            annotations: artifacts.annotations,
            html_leftovers: artifacts.leftovers,
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
        if self.replacement_characters > 0 {
            let _ = writeln!(
                out,
                "undecodable: {} byte sequences shown as \u{FFFD}",
                self.replacement_characters
            );
        }
        if self.annotations + self.html_leftovers > 0 {
            let _ = writeln!(
                out,
                "artifacts:  {} pinyin annotations, {} HTML leftovers (--clean hides them)",
                self.annotations, self.html_leftovers
            );
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
