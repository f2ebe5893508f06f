//! Config errors a person can act on: which file, line and column, which key, what was wrong,
//! and (for typos) the closest valid name. One line each.

use std::fmt;
use std::ops::Range;

use super::color::ColorError;
use super::keys::{KeyNameError, did_you_mean};

/// What was wrong with a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file exists but could not be read.
    Io {
        reason: String,
    },
    /// Not valid TOML; `message` says what was expected.
    Syntax {
        message: String,
    },
    /// A value of the wrong TOML type.
    WrongType {
        expected: String,
        found: &'static str,
    },
    /// A key (or section) the config does not know.
    UnknownKey {
        name: String,
        /// The section it was found in ("" for the top level).
        section: String,
        suggestion: Option<String>,
    },
    /// A number outside its range.
    OutOfRange {
        min: i64,
        max: i64,
        found: String,
    },
    /// A string that is not one of the allowed words.
    NotOneOf {
        allowed: Vec<&'static str>,
        found: String,
        suggestion: Option<String>,
    },
    /// A required key is missing.
    Missing {
        name: &'static str,
    },
    /// A key name in `[keys.*]` that is not a key.
    BadKeyName(KeyNameError),
    /// A key bound to an action that does not exist in that mode.
    UnknownAction {
        action: String,
        suggestion: Option<String>,
    },
    /// A key sequence that can never be typed because a prefix of it is bound on its own.
    ShadowedSequence {
        prefix: String,
        action: String,
    },
    BadColor(ColorError),
    BadRegex {
        pattern: String,
        reason: String,
    },
    UnknownEncoding {
        label: String,
    },
    /// An encoding that cannot decode a book (`replacement`, `hz-gb-2312`, `iso-2022-kr`, …).
    UnusableEncoding {
        label: String,
    },
    /// A `[keys.MODE]` table or a rule list with more entries than anyone writes (each one
    /// costs time on every check or every line of a book).
    TooMany {
        /// What there are too many of: "bindings", "rules".
        what: &'static str,
        count: usize,
        max: usize,
    },
    /// No key left to quit the reader.
    NoWayToQuit,
}

/// One problem in one config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// How the file is shown (its path, or a name like `default.toml`).
    pub file: String,
    /// 1-based line and column (in characters), when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Dotted path of the key concerned (`layout.max_width`, `keys.reader."<"`); may be empty.
    pub key: String,
    pub kind: ErrorKind,
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub(crate) fn new(
        file: &str,
        src: &str,
        span: Option<Range<usize>>,
        key: &str,
        kind: ErrorKind,
    ) -> ConfigError {
        let at = span.map(|span| line_col(src, span.start));
        ConfigError::located(file, at, key, kind)
    }

    /// A problem at an already computed (line, column).
    pub(crate) fn located(
        file: &str,
        at: Option<(usize, usize)>,
        key: &str,
        kind: ErrorKind,
    ) -> ConfigError {
        let (line, column) = match at {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        ConfigError {
            file: file.to_string(),
            line,
            column,
            key: key.to_string(),
            kind,
        }
    }

    /// The message without the file and location.
    pub fn message(&self) -> String {
        let key = &self.key;
        match &self.kind {
            ErrorKind::Io { reason } => format!("cannot read: {reason}"),
            ErrorKind::Syntax { message } => format!("invalid TOML: {message}"),
            ErrorKind::WrongType { expected, found } => {
                format!("`{key}` must be {expected}, found {found}")
            }
            ErrorKind::UnknownKey {
                name,
                section,
                suggestion,
            } => {
                let place = if section.is_empty() {
                    String::new()
                } else {
                    format!(" in [{section}]")
                };
                format!(
                    "unknown key `{name}`{place}{}",
                    did_you_mean(suggestion.as_deref())
                )
            }
            ErrorKind::OutOfRange { min, max, found } => {
                format!("`{key}` must be between {min} and {max}, found {found}")
            }
            ErrorKind::NotOneOf {
                allowed,
                found,
                suggestion,
            } => {
                let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                format!(
                    "`{key}` must be one of {}, found {found}{}",
                    list.join(", "),
                    did_you_mean(suggestion.as_deref())
                )
            }
            ErrorKind::Missing { name } => format!("`{key}` needs a `{name}`"),
            ErrorKind::BadKeyName(e) => format!("`{key}`: {e}"),
            ErrorKind::UnknownAction { action, suggestion } => format!(
                "`{key}`: no such action `{action}`{}",
                did_you_mean(suggestion.as_deref())
            ),
            ErrorKind::ShadowedSequence { prefix, action } => format!(
                "`{key}` can never be typed: `{prefix}` alone is bound to `{action}` (bind it to \"none\" first)"
            ),
            ErrorKind::BadColor(e) => format!("`{key}`: {e}"),
            ErrorKind::BadRegex { pattern, reason } => {
                format!("`{key}`: invalid regex `{pattern}`: {reason}")
            }
            ErrorKind::UnknownEncoding { label } => format!(
                "`{key}`: unknown encoding `{label}` (use \"auto\" or a name like utf-8, gbk, gb18030, big5, utf-16le)"
            ),
            ErrorKind::UnusableEncoding { label } => format!(
                "`{key}`: encoding `{label}` cannot decode a book (it reads every file as one replacement character); use \"auto\" or a name like utf-8, gbk, big5"
            ),
            ErrorKind::TooMany { what, count, max } => {
                format!("`{key}` has {count} {what}; at most {max} are allowed")
            }
            ErrorKind::NoWayToQuit => format!(
                "`{key}`: no key is bound to \"quit\"; keep at least one (e.g. q = \"quit\" or ctrl-c = \"quit\")"
            ),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = self.file.clone();
        if let (Some(l), Some(c)) = (self.line, self.column) {
            text.push_str(&format!(":{l}:{c}"));
        }
        text.push_str(": ");
        text.push_str(&self.message());
        // Key names, values and paths come from the file: a control character or a line
        // break in them must not reach the terminal or split the line.
        f.write_str(&one_line(&text))
    }
}

/// `s` with control characters and line breaks shown as U+FFFD.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let breaks = |c: char| matches!(c, '\n' | '\u{2028}' | '\u{2029}');
    if s.chars()
        .any(|c| breaks(c) || crate::document::is_control(c))
    {
        s.chars()
            .map(|c| {
                if breaks(c) || crate::document::is_control(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Every problem found in one file (never empty). Displays as one line: the first problem,
/// plus how many more there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl ConfigErrors {
    pub fn first(&self) -> Option<&ConfigError> {
        self.0.first()
    }

    pub fn iter(&self) -> impl Iterator<Item = &ConfigError> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ConfigErrors {
    /// Like `Display`, naming files by their last component only (`config.toml:2:1: …`): what
    /// fits a status bar.
    pub fn brief(&self) -> String {
        let mut short = self.clone();
        for e in &mut short.0 {
            if let Some(name) = std::path::Path::new(&e.file).file_name() {
                e.file = name.to_string_lossy().into_owned();
            }
        }
        short.to_string()
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_first() {
            None => f.write_str("invalid config"),
            Some((first, rest)) => {
                write!(f, "{first}")?;
                match rest.len() {
                    0 => Ok(()),
                    1 => f.write_str(" (and 1 more problem)"),
                    n => write!(f, " (and {n} more problems)"),
                }
            }
        }
    }
}

impl std::error::Error for ConfigErrors {}

impl From<ConfigError> for ConfigErrors {
    fn from(e: ConfigError) -> Self {
        ConfigErrors(vec![e])
    }
}

/// Where each line of a file starts, so that locating many problems in a big file does not
/// rescan it from the top for each one.
#[derive(Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The same as [`line_col`], in time proportional to the line's length.
    pub(crate) fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let column = src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }
}

/// 1-based line and column (counted in characters) of byte `offset` in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\n名字 = x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 4), (1, 5));
        let x = src.find('x').unwrap();
        assert_eq!(line_col(src, x), (2, 6));
        assert_eq!(line_col(src, 10_000), (3, 1));
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                index.line_col(src, offset),
                line_col(src, offset),
                "{offset}"
            );
        }
        // Inside a multi-byte character: the character's own column.
        assert_eq!(line_col(src, 7), (2, 1));
    }

    #[test]
    fn several_errors_print_as_one_line() {
        let e = |k: &str| ConfigError {
            file: "config.toml".into(),
            line: Some(2),
            column: Some(1),
            key: k.into(),
            kind: ErrorKind::Missing { name: "pattern" },
        };
        let all = ConfigErrors(vec![e("a"), e("b"), e("c")]);
        assert_eq!(
            all.to_string(),
            "config.toml:2:1: `a` needs a `pattern` (and 2 more problems)"
        );
        let mut long = all.clone();
        long.0[0].file = "/home/someone/.config/kanshu/config.toml".into();
        assert!(long.to_string().starts_with("/home/someone/"));
        assert_eq!(long.brief(), all.to_string());
    }
}
