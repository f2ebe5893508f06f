//! The document model: bytes in, `Document { title, text, chapters }` out.
//!
//! Owns decoding, normalisation and chapter detection. It must not depend on any terminal crate:
//! the headless commands, the layout engine, tests and benches all use it directly.
//!
//! Invariants every other module relies on:
//! - `text` is the whole decoded book, LF line ends, no BOM; it is held once.
//! - `chapters` is never empty (an empty book has one empty chapter) and the chapter ranges
//!   cover `text` in order without gaps or overlaps, each on `char` boundaries.
//! - when `Chapter::heading` is true, the first non-blank line of the chapter's range is its
//!   heading line (a two-line English title goes on to the next line).
//! - control characters stay in `text` (counted in `control_chars`); printers use [`visible`].
//!
//! `decode` turns bytes into text, `normalize` fixes line ends and finds control characters,
//! `chapters` finds headings (rules are data: see [`RuleSet`]); a chapter is what the book says,
//! and only a book without headings is cut into parts.

pub mod blocks;
pub mod chapters;
pub mod decode;
mod gbk;
mod memory;
pub mod normalize;
pub mod position;
pub mod sources;
mod utf8;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use chapters::{HeadingRule, RuleFamily, RuleSet};
pub use normalize::{is_control, visible};

/// Texts at least this long are worked on by two threads where the work splits cleanly.
const PARALLEL_BYTES: usize = 4 * 1024 * 1024;

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
    /// How many control characters (see [`is_control`]) the text holds. They stay in `text`;
    /// anything that prints the book (or a title) must show a placeholder for them.
    pub control_chars: usize,
    /// Blocks, spans and anchors beside the text (see [`blocks`]); empty for plain text.
    pub structure: blocks::Structure,
    /// Where the text came from in the book's own files, for a converted book (EPUB); `None`
    /// for text and Markdown, whose text is their source. Saved places keep it beside their
    /// offset (see [`sources`]).
    pub sources: Option<Arc<sources::SourceMap>>,
    /// The user's heading rules took longer than their budget on this book and were left out
    /// (the chapters are from the built-in rules); said on stderr and in the reader.
    pub rules_stopped: Option<chapters::Stopped>,
}

/// What kind of source a book is; Markdown headings win in Markdown files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

impl Format {
    /// `.md` / `.markdown` files are Markdown; everything else is text.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Text,
        }
    }
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
    /// True when the first non-blank line of `range` is the heading line itself (false for
    /// front and back matter, parts of a book without headings, and a heading that shares its
    /// line with the first sentence).
    pub heading: bool,
}

/// How to open a book.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Override encoding detection with an encoding_rs label.
    pub encoding: Option<String>,
    /// Percent of undecodable or control characters above which a file is refused as binary;
    /// `None` = `decode::BINARY_FRACTION`.
    pub binary_threshold: Option<f64>,
    /// Largest file read, in bytes; `None` = `DEFAULT_MAX_MB` megabytes.
    pub max_bytes: Option<u64>,
    /// How long the user's heading rules may take; `None` = `chapters::RULE_BUDGET`.
    pub rule_budget: Option<chapters::RuleBudget>,
}

/// Largest book read unless the user raises it (`--max-size-mb`, `[book] max_size_mb`): a
/// long novel is 10–50 MB; anything far larger is more likely a mistake (a disk image, a
/// file that never ends) than a book.
pub const DEFAULT_MAX_MB: u64 = 256;
/// The most the limit can be raised to.
pub const MAX_READ_MB: u64 = 64 * 1024;

/// Why a book could not be opened. Messages are one line a person understands.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file")]
    NotFound { path: String },
    #[error("{path}: is a directory, not a text file")]
    IsDirectory { path: String },
    #[error("{path}: not a regular file (a pipe, socket or device); give kanshu a text file")]
    NotAFile { path: String },
    #[error("{path}: permission denied")]
    PermissionDenied { path: String },
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: looks like a binary file, not text")]
    Binary { path: String },
    #[error(
        "{path}: larger than {limit_mb} MB, the most kanshu reads; raise it with --max-size-mb or [book] max_size_mb"
    )]
    TooLarge { path: String, limit_mb: u64 },
    #[error(
        "{path}: unpacks to more than {limit_mb} MB, the most kanshu reads; raise it with --max-size-mb or [book] max_size_mb"
    )]
    UnpacksTooLarge { path: String, limit_mb: u64 },
    #[error(
        "unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le, shift_jis, euc-kr, windows-1252)"
    )]
    UnknownEncoding { label: String },
    #[error(
        "encoding `{label}` cannot decode a book (it reads every file as one replacement character); name the book's real encoding, e.g. gbk, big5, utf-8"
    )]
    UnusableEncoding { label: String },
}

impl LoadOptions {
    /// Share (0–1) of bad characters above which a file is binary.
    pub fn binary_fraction(&self) -> f64 {
        self.binary_threshold
            .map(|p| p / 100.0)
            .unwrap_or(decode::BINARY_FRACTION)
    }

    /// Largest file read, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
            .unwrap_or(DEFAULT_MAX_MB * 1024 * 1024)
            .min(MAX_READ_MB * 1024 * 1024)
    }
}

fn decode_error(e: decode::DecodeError, path: &str) -> LoadError {
    match e {
        decode::DecodeError::Binary => LoadError::Binary {
            path: path.to_string(),
        },
        decode::DecodeError::UnknownEncoding(label) => LoadError::UnknownEncoding {
            label: visible(&label).into_owned(),
        },
        decode::DecodeError::UnusableEncoding(label) => LoadError::UnusableEncoding {
            label: visible(&label).into_owned(),
        },
    }
}

impl Document {
    /// Read and decode a book from a file. Only regular files are read: a pipe or a device
    /// would block or never end, so they are refused before opening.
    pub fn open(path: &Path, opts: &LoadOptions) -> Result<Document, LoadError> {
        Document::open_with_rules(path, opts, RuleSet::builtin())
    }

    /// [`Document::open`] with a custom heading rule set (built-ins plus the user's families).
    pub fn open_with_rules(
        path: &Path,
        opts: &LoadOptions,
        rules: &RuleSet,
    ) -> Result<Document, LoadError> {
        let shown = visible(&path.display().to_string()).into_owned();
        let io_err = |e: std::io::Error| match e.kind() {
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
        };
        let meta = std::fs::metadata(path).map_err(io_err)?;
        if meta.is_dir() {
            return Err(LoadError::IsDirectory { path: shown });
        }
        if !meta.is_file() {
            return Err(LoadError::NotAFile { path: shown });
        }
        let limit = opts.max_bytes();
        let bytes = match memory::read_file(path, limit, |start| {
            decode::start_is_binary(start, opts.encoding.as_deref())
        }) {
            Ok(memory::Read::Whole(bytes)) => bytes,
            Ok(memory::Read::Refused) => return Err(LoadError::Binary { path: shown }),
            Ok(memory::Read::TooLarge) => {
                return Err(LoadError::TooLarge {
                    path: shown,
                    limit_mb: limit.div_ceil(1024 * 1024),
                });
            }
            Err(e) => return Err(io_err(e)),
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source_bytes = bytes.len();
        let decoded =
            decode::decode_vec_with(bytes, opts.encoding.as_deref(), opts.binary_fraction())
                .map_err(|e| decode_error(e, &shown))?;
        let mut doc = Document::from_text_within(
            decoded.text,
            &name,
            Format::from_path(path),
            rules,
            opts.rule_budget.unwrap_or_default(),
        );
        doc.encoding = decoded.encoding.to_string();
        doc.source_bytes = source_bytes;
        doc.path = Some(path.to_path_buf());
        Ok(doc)
    }

    /// Decode a book from bytes; `name` is the fallback title (usually the file stem).
    pub fn from_bytes(bytes: &[u8], name: &str, opts: &LoadOptions) -> Result<Document, LoadError> {
        Document::decode(bytes, name, opts, Format::Text)
    }

    /// Decode a book from bytes of a known format.
    pub fn decode(
        bytes: &[u8],
        name: &str,
        opts: &LoadOptions,
        format: Format,
    ) -> Result<Document, LoadError> {
        let decoded = decode::decode_with(bytes, opts.encoding.as_deref(), opts.binary_fraction())
            .map_err(|e| decode_error(e, name))?;
        let mut doc = Document::from_text_as(decoded.text, name, format);
        doc.encoding = decoded.encoding.to_string();
        doc.source_bytes = bytes.len();
        Ok(doc)
    }

    /// Build a document from already-decoded text (line ends are normalised here).
    pub fn from_text(text: String, name: &str) -> Document {
        Document::from_text_as(text, name, Format::Text)
    }

    /// Build a document from already-decoded text of a known format.
    pub fn from_text_as(text: String, name: &str, format: Format) -> Document {
        Document::from_text_with_rules(text, name, format, RuleSet::builtin())
    }

    /// Build a document with a custom heading rule set (the config adds families to it).
    pub fn from_text_with_rules(
        text: String,
        name: &str,
        format: Format,
        rules: &RuleSet,
    ) -> Document {
        Document::from_text_within(text, name, format, rules, Default::default())
    }

    /// [`Document::from_text_with_rules`] with the user's heading rules bounded by `budget`.
    pub fn from_text_within(
        text: String,
        name: &str,
        format: Format,
        rules: &RuleSet,
        budget: chapters::RuleBudget,
    ) -> Document {
        let source_bytes = text.len();
        let text = normalize::normalize(text);
        let markdown = format == Format::Markdown;
        // On a large book, count control characters on a second thread while the chapters
        // are found (each is one pass over the whole text).
        let (control_chars, split) = if text.len() >= PARALLEL_BYTES {
            std::thread::scope(|s| {
                let controls = s.spawn(|| normalize::count_controls(&text));
                let split = chapters::split_within(&text, name, rules, markdown, budget);
                let controls = controls
                    .join()
                    .unwrap_or_else(|_| normalize::count_controls(&text));
                (controls, split)
            })
        } else {
            (
                normalize::count_controls(&text),
                chapters::split_within(&text, name, rules, markdown, budget),
            )
        };
        Document {
            title: split.title,
            chapters: split.chapters,
            rule: split.rule,
            encoding: "UTF-8".into(),
            source_bytes,
            text,
            path: None,
            control_chars,
            structure: blocks::Structure::default(),
            sources: None,
            rules_stopped: split.stopped,
        }
    }

    /// The built-in guide book (Markdown, embedded in the binary).
    pub fn guide() -> Document {
        Document::from_text_as(
            include_str!("../../assets/guide.md").to_string(),
            "kanshu guide",
            Format::Markdown,
        )
    }

    /// Number of characters in chapter `idx` (0 for an out-of-range index).
    pub fn chapter_chars(&self, idx: usize) -> usize {
        self.chapter_text(idx).chars().count()
    }

    /// Number of lines in the book, counted as `wc -l` does (line feeds).
    pub fn line_count(&self) -> usize {
        memchr::memchr_iter(b'\n', self.text.as_bytes()).count()
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

    /// Absolute byte offset in `text` of a `Position`, clamped to the chapter and moved back to
    /// a character boundary: a position from a stale or damaged state file may point anywhere.
    pub fn offset_of(&self, pos: crate::Position) -> usize {
        match self.chapters.get(pos.chapter) {
            Some(c) => {
                let mut at = c.range.start.saturating_add(pos.offset).min(c.range.end);
                while at > c.range.start && !self.text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            None => self.text.len(),
        }
    }
}
