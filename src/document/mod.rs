//! The document model: bytes in, `Document { title, text, chapters }` out.
//!
//! Owns decoding, normalisation and chapter detection. It must not depend on any terminal crate:
//! the headless commands, the layout engine, tests and benches all use it directly.
//!
//! Invariants every other module relies on:
//! - `text` is the whole decoded book, LF line ends, no BOM; it is held once.
//! - `chapters` is never empty (an empty book has one empty chapter) and the chapter ranges
//!   cover `text` in order without gaps or overlaps, each on `char` boundaries.
//! - when `Chapter::heading` is true, the first line of the chapter's range is its heading line.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A decoded book.
#[derive(Debug, Clone)]
pub struct Document {
    /// Book title (from a 《…》 line, the first short line, or the file name).
    pub title: String,
    /// The whole decoded text, LF line ends.
    pub text: String,
    /// Chapters in reading order; never empty.
    pub chapters: Vec<Chapter>,
    /// encoding_rs name of the encoding the bytes were decoded from (e.g. "UTF-8", "GBK").
    pub encoding: String,
    /// Name of the heading-rule family that won ("none" when the book had no headings).
    pub rule: String,
    /// Size of the source in bytes.
    pub source_bytes: usize,
    /// Where the book came from, when it came from a file.
    pub path: Option<PathBuf>,
}

/// One entry of the table of contents and the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Title as shown in the TOC (trimmed, exactly as in the text for real headings).
    pub title: String,
    /// 1 = volume or top heading, 2 = chapter under a volume, …
    pub level: u8,
    /// Byte range of the chapter in `Document::text` (heading line included).
    pub range: Range<usize>,
    /// True when the first line of `range` is the heading line itself.
    pub heading: bool,
}

/// How to open a book.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Override encoding detection with an encoding_rs label.
    pub encoding: Option<String>,
}

/// Why a book could not be opened. Messages are one line a person understands.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file")]
    NotFound { path: String },
    #[error("{path}: is a directory, not a text file")]
    IsDirectory { path: String },
    #[error("{path}: permission denied")]
    PermissionDenied { path: String },
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: looks like a binary file, not text")]
    Binary { path: String },
    #[error("unknown encoding `{label}`")]
    UnknownEncoding { label: String },
}

impl Document {
    /// Read and decode a book from a file.
    pub fn open(path: &Path, opts: &LoadOptions) -> Result<Document, LoadError> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(LoadError::IsDirectory { path: shown });
        }
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound {
                path: shown.clone(),
            },
            std::io::ErrorKind::PermissionDenied => LoadError::PermissionDenied {
                path: shown.clone(),
            },
            _ => LoadError::Io {
                path: shown.clone(),
                reason: e.to_string(),
            },
        })?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut doc = Document::from_bytes(&bytes, &name, opts).map_err(|e| match e {
            LoadError::Binary { .. } => LoadError::Binary {
                path: shown.clone(),
            },
            other => other,
        })?;
        doc.path = Some(path.to_path_buf());
        Ok(doc)
    }

    /// Decode a book from bytes; `name` is the fallback title (usually the file stem).
    ///
    /// Placeholder implementation: UTF-8 only (lossy), chapters at lines starting with 第…章.
    pub fn from_bytes(
        bytes: &[u8],
        name: &str,
        _opts: &LoadOptions,
    ) -> Result<Document, LoadError> {
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        let mut doc = Document::from_text(text, name);
        doc.source_bytes = bytes.len();
        Ok(doc)
    }

    /// Build a document from already-decoded text.
    pub fn from_text(text: String, name: &str) -> Document {
        let mut starts: Vec<(usize, String)> = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            if t.starts_with('第') && t.contains('章') && t.chars().count() < 30 {
                starts.push((pos, t.to_string()));
            }
            pos += line.len();
        }
        let mut chapters = Vec::new();
        let first = starts.first().map(|s| s.0).unwrap_or(text.len());
        if first > 0 || starts.is_empty() {
            chapters.push(Chapter {
                title: name.to_string(),
                level: 1,
                range: 0..first,
                heading: false,
            });
        }
        for (i, (start, title)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map(|s| s.0).unwrap_or(text.len());
            chapters.push(Chapter {
                title: title.clone(),
                level: 1,
                range: *start..end,
                heading: true,
            });
        }
        Document {
            title: name.to_string(),
            source_bytes: text.len(),
            text,
            chapters,
            encoding: "UTF-8".into(),
            rule: "placeholder".into(),
            path: None,
        }
    }

    /// The built-in guide book.
    pub fn guide() -> Document {
        Document::from_text(
            include_str!("../../assets/guide.md").to_string(),
            "kanshu guide",
        )
    }

    /// The text of chapter `idx` (heading line included). Empty for an out-of-range index.
    pub fn chapter_text(&self, idx: usize) -> &str {
        self.chapters
            .get(idx)
            .and_then(|c| self.text.get(c.range.clone()))
            .unwrap_or("")
    }

    /// Convert an absolute byte offset in `text` into a `Position`.
    pub fn position_of(&self, byte: usize) -> crate::Position {
        let idx = self
            .chapters
            .partition_point(|c| c.range.start <= byte)
            .saturating_sub(1);
        let start = self.chapters.get(idx).map(|c| c.range.start).unwrap_or(0);
        crate::Position::new(idx, byte.saturating_sub(start))
    }

    /// Absolute byte offset in `text` of a `Position` (clamped to the chapter).
    pub fn offset_of(&self, pos: crate::Position) -> usize {
        match self.chapters.get(pos.chapter) {
            Some(c) => (c.range.start + pos.offset).min(c.range.end),
            None => self.text.len(),
        }
    }
}
