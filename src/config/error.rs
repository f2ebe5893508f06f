//! Config errors a person can act on: which file, line and column, which key, what was wrong,
//! and (for typos) the closest valid name. One line each.

use std::fmt;
use std::ops::Range;

use super::color::ColorError;
use super::keys::KeyNameError;
use crate::i18n::{Lang, tr};

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
        self.message_in(Lang::En)
    }

    /// The message without the file and location, in `lang` (what comes from the file, the
    /// TOML parser or the regex engine stays as it is).
    pub fn message_in(&self, lang: Lang) -> String {
        let key = self.key.as_str();
        let maybe = |suggestion: &Option<String>| match suggestion {
            Some(name) => tr!(lang, "cfg-did-you-mean", name = name),
            None => String::new(),
        };
        match &self.kind {
            ErrorKind::Io { reason } => tr!(lang, "cfg-io", reason = reason),
            ErrorKind::Syntax { message } => tr!(lang, "cfg-syntax", message = message),
            ErrorKind::WrongType { expected, found } => tr!(
                lang,
                "cfg-wrong-type",
                key = key,
                expected = type_words(expected, lang),
                found = type_words(found, lang)
            ),
            ErrorKind::UnknownKey {
                name,
                section,
                suggestion,
            } => {
                let hint = maybe(suggestion);
                if section.is_empty() {
                    tr!(lang, "cfg-unknown-key", name = name, hint = hint)
                } else {
                    let (section, hint) = (section.as_str(), hint);
                    tr!(
                        lang,
                        "cfg-unknown-key-in",
                        name = name,
                        section = section,
                        hint = hint
                    )
                }
            }
            ErrorKind::OutOfRange { min, max, found } => tr!(
                lang,
                "cfg-out-of-range",
                key = key,
                min = min.to_string(),
                max = max.to_string(),
                found = found
            ),
            ErrorKind::NotOneOf {
                allowed,
                found,
                suggestion,
            } => {
                let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                tr!(
                    lang,
                    "cfg-not-one-of",
                    key = key,
                    allowed = list.join(", "),
                    found = found,
                    hint = maybe(suggestion)
                )
            }
            ErrorKind::Missing { name } => tr!(lang, "cfg-missing", key = key, name = *name),
            ErrorKind::BadKeyName(e) => {
                tr!(lang, "cfg-key-problem", key = key, problem = e.to_string())
            }
            ErrorKind::UnknownAction { action, suggestion } => tr!(
                lang,
                "cfg-unknown-action",
                key = key,
                action = action,
                hint = maybe(suggestion)
            ),
            ErrorKind::ShadowedSequence { prefix, action } => tr!(
                lang,
                "cfg-shadowed",
                key = key,
                prefix = prefix,
                action = action
            ),
            ErrorKind::BadColor(e) => {
                tr!(lang, "cfg-key-problem", key = key, problem = e.to_string())
            }
            ErrorKind::BadRegex { pattern, reason } => tr!(
                lang,
                "cfg-bad-regex",
                key = key,
                pattern = pattern,
                reason = reason
            ),
            ErrorKind::UnknownEncoding { label } => {
                tr!(lang, "cfg-unknown-encoding", key = key, label = label)
            }
            ErrorKind::UnusableEncoding { label } => {
                tr!(lang, "cfg-unusable-encoding", key = key, label = label)
            }
            ErrorKind::TooMany { what, count, max } => {
                let what = match *what {
                    "bindings" => tr!(lang, "cfg-bindings"),
                    "rules" => tr!(lang, "cfg-rules"),
                    other => other.to_string(),
                };
                tr!(
                    lang,
                    "cfg-too-many",
                    key = key,
                    count = *count,
                    what = what,
                    max = *max
                )
            }
            ErrorKind::NoWayToQuit => tr!(lang, "cfg-no-quit", key = key),
        }
    }

    /// `file:line:column: message` in `lang`, on one line.
    pub fn line_in(&self, lang: Lang) -> String {
        let mut text = self.file.clone();
        if let (Some(l), Some(c)) = (self.line, self.column) {
            text.push_str(&format!(":{l}:{c}"));
        }
        text.push_str(": ");
        text.push_str(&self.message_in(lang));
        // Key names, values and paths come from the file: a control character or a line
        // break in them must not reach the terminal or split the line.
        one_line(&text).into_owned()
    }
}

/// The words for TOML types and value shapes the parser names, with their keys in the locale
/// files.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("nothing", "cfg-type-nothing"),
    ("a table", "cfg-type-table"),
    ("an array of tables", "cfg-type-array-of-tables"),
    ("a string", "cfg-type-string"),
    ("an integer", "cfg-type-integer"),
    ("a float", "cfg-type-float"),
    ("a boolean", "cfg-type-boolean"),
    ("a date", "cfg-type-date"),
    ("an array", "cfg-type-array"),
    ("true or false", "cfg-type-true-or-false"),
    ("\"auto\" or a number of cells", "cfg-type-auto-or-cells"),
    ("\"auto\", true or false", "cfg-type-auto-or-bool"),
    (
        "a list such as [\"chapter\", \"percent\"]",
        "cfg-type-status-list",
    ),
    ("a colour (a string or 0–255)", "cfg-type-colour"),
    ("a table { pattern = …, level = … }", "cfg-type-rule-table"),
    ("an array of rules", "cfg-type-rules"),
    ("a percentage (0–100)", "cfg-type-percentage"),
];

/// `words` (a type or shape the parser names) in `lang`; words it does not know stay as they
/// are.
fn type_words(words: &str, lang: Lang) -> String {
    if let Some(list) = words.strip_prefix("one of ") {
        return tr!(lang, "cfg-type-one-of", list = list);
    }
    TYPE_WORDS
        .iter()
        .find(|(english, _)| *english == words)
        .map_or_else(|| words.to_string(), |(_, key)| tr!(lang, *key))
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Lang::En))
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
        self.brief_in(Lang::En)
    }

    /// `brief` in `lang`.
    pub fn brief_in(&self, lang: Lang) -> String {
        let mut short = self.clone();
        for e in &mut short.0 {
            if let Some(name) = std::path::Path::new(&e.file).file_name() {
                e.file = name.to_string_lossy().into_owned();
            }
        }
        short.summary_in(lang)
    }

    /// The first problem and how many more there are, in `lang` (what `Display` says in
    /// English).
    pub fn summary_in(&self, lang: Lang) -> String {
        match self.0.split_first() {
            None => tr!(lang, "cfg-invalid"),
            Some((first, [])) => first.line_in(lang),
            Some((first, rest)) => tr!(
                lang,
                "cfg-and-more",
                first = first.line_in(lang),
                count = rest.len()
            ),
        }
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary_in(Lang::En))
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
    fn type_words_say_in_english_what_the_parser_says() {
        for (english, key) in TYPE_WORDS {
            assert_eq!(Lang::En.text(key, &[]), *english);
            assert_ne!(type_words(english, Lang::ZhHans), *english, "{key}");
        }
        assert_eq!(
            type_words("one of \"a\", \"b\"", Lang::En),
            "one of \"a\", \"b\""
        );
        assert_eq!(type_words("something new", Lang::ZhHans), "something new");
    }

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
