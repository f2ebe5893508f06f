//! User heading patterns (config rules and `--toc-rule`): compiled within a size limit, so a
//! pattern too costly to run on every line of a book is refused like an invalid one, and regex
//! errors said in one line. Which lines a pattern is tried on is `document::chapters`.

/// Most heading rules a config may hold: each is tried on every line of every book (5,000
/// rules made opening a small book take seconds).
pub const MAX_RULES: usize = 100;

/// Most a heading pattern may compile to. Every line of a book is matched against every
/// rule, and matching time grows with the compiled size: `.{1,400}` (about 400 KB) made
/// finding chapters in a large book take many seconds, while real heading patterns compile
/// to a few kilobytes (`^第[一二三…]+章` about 2 KB, `.{1,60}` about 60 KB).
pub const PATTERN_SIZE_LIMIT: usize = 256 * 1024;

/// `pattern` compiled within `PATTERN_SIZE_LIMIT`: the check every user pattern (config rule or
/// `--toc-rule`) passes before it is used.
pub(crate) fn checked_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

/// The one line of a regex error that says what is wrong (its message spans several lines,
/// with the pattern and a caret).
pub(crate) fn regex_reason(e: &regex::Error) -> String {
    if let regex::Error::CompiledTooBig(_) = e {
        return format!(
            "too costly to match on every line (it compiles to more than {} KB); use a smaller repetition such as {{1,60}} or ASCII classes such as (?-u:\\w)",
            PATTERN_SIZE_LIMIT / 1024
        );
    }
    let text = e.to_string();
    text.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches("error:").trim().to_string())
        .unwrap_or(text)
}
