//! Script-insensitive search: 战 finds 戰 and 戰 finds 战.
//!
//! Both the text and the needle are folded to Simplified one character at a time (a character
//! always folds to exactly one character), so every match maps straight back to byte ranges of
//! the text that was searched. `Matcher` is what a reader's search looks for (literal, folded
//! or regex) and `search_span` runs it over the book as a view shows it, mapping matches back
//! to source bytes, with a cancel flag looked at often. It only finds ranges; moving the
//! reader, threads and highlighting belong to the reader.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ViewOptions;
use super::convert::fold_char;

/// How to compare characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Treat Simplified and Traditional forms of a character as equal.
    pub script_insensitive: bool,
    /// Treat ASCII letters of either case as equal.
    pub ignore_ascii_case: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            script_insensitive: true,
            ignore_ascii_case: true,
        }
    }
}

fn fold(c: char, opts: &SearchOptions) -> char {
    let c = if opts.ignore_ascii_case {
        c.to_ascii_lowercase()
    } else {
        c
    };
    if opts.script_insensitive {
        fold_char(c)
    } else {
        c
    }
}

/// Byte ranges in `text` of every non-overlapping match of `needle`, in order.
pub fn find_all(text: &str, needle: &str, opts: &SearchOptions) -> Vec<Range<usize>> {
    find_iter(text, needle, opts).collect()
}

/// The matches of `needle` in `text`, lazily (take as many as you need from a huge book).
pub fn find_iter<'a>(text: &'a str, needle: &str, opts: &SearchOptions) -> Matches<'a> {
    Matches {
        text,
        pattern: needle.chars().map(|c| fold(c, opts)).collect(),
        opts: *opts,
        at: 0,
    }
}

/// Iterator over the matches of one needle (see `find_iter`).
#[derive(Debug, Clone)]
pub struct Matches<'a> {
    text: &'a str,
    pattern: Vec<char>,
    opts: SearchOptions,
    at: usize,
}

impl Iterator for Matches<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let (&first, rest) = self.pattern.split_first()?;
        let mut iter = self.text.get(self.at..)?.char_indices();
        while let Some((i, c)) = iter.next() {
            if fold(c, &self.opts) != first {
                continue;
            }
            let start = self.at + i;
            let mut ahead = iter.clone();
            let mut end = start + c.len_utf8();
            let matched = rest.iter().all(|&p| match ahead.next() {
                Some((j, d)) if fold(d, &self.opts) == p => {
                    end = self.at + j + d.len_utf8();
                    true
                }
                _ => false,
            });
            if matched {
                self.at = end;
                return Some(start..end);
            }
        }
        self.at = self.text.len();
        None
    }
}

/// The first match at or after byte `from` (wrapping to the start when `wrap`).
pub fn find_next(
    text: &str,
    needle: &str,
    from: usize,
    wrap: bool,
    opts: &SearchOptions,
) -> Option<Range<usize>> {
    let hits = find_all(text, needle, opts);
    hits.iter()
        .find(|r| r.start >= from)
        .or(if wrap { hits.first() } else { None })
        .cloned()
}

/// What a search looks for: a literal (smart case), a literal with Simplified and Traditional
/// forms alike, or a regular expression.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// Exact bytes (a query with an upper-case letter, or one without letters).
    Exact(String),
    /// Character by character through `fold` (script and/or ASCII case folded).
    Folded(String, SearchOptions),
    Regex(regex::Regex),
}

/// Most a search regex may compile to: beyond this a pattern is too costly to run over a book
/// while the reader waits (`\B.{1,400}\BZ` took a minute on 100 MB).
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;

/// Why a query cannot be searched for (the interface words it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// The regex compiles to more than `REGEX_SIZE_LIMIT`.
    TooCostly,
    /// The regex does not parse: the regex library's own one-line reason.
    Bad(String),
}

impl PatternError {
    fn of(e: regex::Error) -> PatternError {
        match e {
            regex::Error::CompiledTooBig(_) => PatternError::TooCostly,
            e => {
                let text = e.to_string();
                PatternError::Bad(text.lines().last().unwrap_or("").trim().to_string())
            }
        }
    }
}

impl Matcher {
    /// The matcher for `query`: smart case (an upper-case letter makes it case-sensitive),
    /// `script` folds Simplified and Traditional forms.
    pub fn new(query: &str, regex: bool, script: bool) -> Result<Matcher, PatternError> {
        let sensitive = query.chars().any(char::is_uppercase);
        if regex {
            return regex::RegexBuilder::new(query)
                .case_insensitive(!sensitive)
                .multi_line(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map(Matcher::Regex)
                .map_err(PatternError::of);
        }
        let LiteralKind {
            has_han, caseless, ..
        } = LiteralKind::of(query);
        if (script && has_han) || !(sensitive || caseless) {
            let opts = SearchOptions {
                script_insensitive: script && has_han,
                ignore_ascii_case: !sensitive,
            };
            if !query.is_ascii() && !sensitive && !opts.script_insensitive {
                // Non-ASCII letters without upper case in the query: a case-insensitive regex.
                let re = regex::RegexBuilder::new(&regex::escape(query))
                    .case_insensitive(true)
                    .build()
                    .map_err(PatternError::of)?;
                return Ok(Matcher::Regex(re));
            }
            if opts.script_insensitive
                && let Some(re) = script_regex(query, opts.ignore_ascii_case)
            {
                return Ok(Matcher::Regex(re));
            }
            return Ok(Matcher::Folded(query.to_string(), opts));
        }
        Ok(Matcher::Exact(query.to_string()))
    }

    /// True when every match of the literal query `longer` starts with a match of `shorter`
    /// (so when `shorter` is nowhere in the book, neither is `longer`): `longer` goes on from
    /// `shorter` and both get the same kind of matcher (smart case, script, Unicode case).
    pub fn narrows(shorter: &str, longer: &str) -> bool {
        let (a, b) = (LiteralKind::of(shorter), LiteralKind::of(longer));
        longer.starts_with(shorter) && a == b
    }

    /// Every match in `text` (offsets into it), given to `found` in order; stops early (and
    /// returns false) when `cancel` is raised or `found` returns false.
    pub fn each(
        &self,
        text: &str,
        cancel: &AtomicBool,
        found: &mut dyn FnMut(Range<usize>) -> bool,
    ) -> bool {
        let mut k = 0u32;
        let mut go = |r: Range<usize>| {
            k = k.wrapping_add(1);
            if k.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return false;
            }
            found(r)
        };
        match self {
            Matcher::Exact(q) if q.is_empty() => true,
            Matcher::Exact(q) => {
                let mut last_end = 0;
                for start in memchr::memmem::find_iter(text.as_bytes(), q.as_bytes()) {
                    if start < last_end {
                        continue;
                    }
                    last_end = start + q.len();
                    if !go(start..last_end) {
                        return false;
                    }
                }
                true
            }
            Matcher::Folded(q, opts) => {
                for r in find_iter(text, q, opts) {
                    if !go(r) {
                        return false;
                    }
                }
                true
            }
            Matcher::Regex(re) => {
                let mut empty = 0u32;
                for m in re.find_iter(text) {
                    if m.is_empty() {
                        // Empty matches (`a*`) are nothing to show, but still a place to stop.
                        empty = empty.wrapping_add(1);
                        if empty.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                            return false;
                        }
                        continue;
                    }
                    if !go(m.range()) {
                        return false;
                    }
                }
                true
            }
        }
    }
}

/// What decides the matcher of a literal query (see `Matcher::new`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LiteralKind {
    sensitive: bool,
    has_han: bool,
    caseless: bool,
    ascii: bool,
}

impl LiteralKind {
    fn of(query: &str) -> LiteralKind {
        LiteralKind {
            sensitive: query.chars().any(char::is_uppercase),
            has_han: query.chars().any(super::convert::is_han),
            caseless: query.to_lowercase() == query.to_uppercase(),
            ascii: query.is_ascii(),
        }
    }
}

/// A regex matching `query` in either script: each Han character becomes the class of every
/// common ideograph that folds to the same one (戰 → `[战戰]`), which the regex engine scans for
/// far faster than folding every character of the book. `None` when it cannot be built.
fn script_regex(query: &str, caseless: bool) -> Option<regex::Regex> {
    let mut pattern = String::new();
    for q in query.chars() {
        if !super::convert::is_han(q) {
            pattern.push_str(&regex::escape(q.encode_utf8(&mut [0u8; 4])));
            continue;
        }
        pattern.push('[');
        pattern.push(q);
        let same = script_forms()
            .get(&fold_char(q))
            .map_or(&[][..], Vec::as_slice);
        pattern.extend(same.iter().filter(|&&c| c != q));
        pattern.push(']');
    }
    regex::RegexBuilder::new(&pattern)
        .case_insensitive(caseless)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .ok()
}

/// Every common ideograph (U+3400–U+9FFF, U+F900–U+FAFF) grouped by the character it folds
/// to, in code point order. Built once, so a query costs a look-up
/// per character (going over every ideograph for each character of the query made typing a
/// long search quadratic).
fn script_forms() -> &'static HashMap<char, Vec<char>> {
    static FORMS: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms: HashMap<char, Vec<char>> = HashMap::new();
        let common = (0x3400u32..=0x9FFF).chain(0xF900..=0xFAFF);
        for c in common.filter_map(char::from_u32) {
            forms.entry(fold_char(c)).or_default().push(c);
        }
        forms
    })
}

/// Search `span` (absolute bytes of `text`) as the view `view` shows it: chapter by chapter
/// through the view when it changes the text (clean view, script), mapping every match back
/// to source bytes; in pieces of about a megabyte otherwise, so `cancel` is looked at often.
/// Calls `found` with absolute source ranges in order; false when stopped early.
pub fn search_span(
    text: &str,
    chapters: &[Range<usize>],
    span: Range<usize>,
    view: &ViewOptions,
    matcher: &Matcher,
    cancel: &AtomicBool,
    found: &mut dyn FnMut(Range<usize>) -> bool,
) -> bool {
    // Whole characters only: a span cut inside one starts at that character, ends after it.
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let span = start..end;
    if view.is_identity() {
        let mut at = span.start;
        while at < span.end {
            if cancel.load(Ordering::Relaxed) {
                return false;
            }
            // Pieces end at a line end, so a match (which never holds a line end) is whole.
            let mut end = (at + PIECE).min(span.end);
            if end < span.end {
                // A line end is one byte, never inside a character.
                end = memchr::memchr(b'\n', &text.as_bytes()[end..span.end])
                    .map_or(span.end, |i| end + i + 1);
            }
            let ok = matcher.each(&text[at..end], cancel, &mut |r| {
                found(at + r.start..at + r.end)
            });
            if !ok {
                return false;
            }
            at = end;
        }
        return true;
    }
    let first = chapters.partition_point(|c| c.end <= span.start);
    for c in chapters.iter().skip(first) {
        if c.start >= span.end {
            break;
        }
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let Some(source) = text.get(c.clone()) else {
            continue;
        };
        let (shown, map) = super::view_text(source, view);
        let ok = matcher.each(&shown, cancel, &mut |r| {
            let s = c.start + map.to_source(r.start);
            let e = (c.start + map.to_source(r.end)).max(s + 1);
            if s < span.start || s >= span.end {
                return true;
            }
            found(s..e.min(c.end))
        });
        if !ok {
            return false;
        }
    }
    true
}

/// How much text one piece of a plain search covers between looks at the cancel flag.
const PIECE: usize = 256 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_needle_finds_traditional_text() {
        let text = "脫貧攻堅戰全面勝利";
        let hits = find_all(text, "攻坚战", &SearchOptions::default());
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "攻堅戰");
    }

    #[test]
    fn traditional_needle_finds_simplified_text() {
        let text = "脱贫攻坚战全面胜利，打赢战役";
        let hits = find_all(text, "戰", &SearchOptions::default());
        let found: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["战", "战"]);
    }

    #[test]
    fn script_sensitive_when_asked() {
        let opts = SearchOptions {
            script_insensitive: false,
            ..SearchOptions::default()
        };
        assert!(find_all("脫貧攻堅戰", "战", &opts).is_empty());
        assert_eq!(find_all("脫貧攻堅戰", "戰", &opts), vec![12..15usize]);
    }

    #[test]
    fn empty_needle_finds_nothing() {
        assert!(find_all("abc", "", &SearchOptions::default()).is_empty());
    }
}

#[cfg(test)]
mod matcher_tests {
    use super::*;

    fn all(m: &Matcher, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        m.each(text, &AtomicBool::new(false), &mut |r| {
            out.push(r);
            true
        });
        out
    }

    #[test]
    fn a_query_narrows_one_it_goes_on_from_with_the_same_matcher() {
        assert!(Matcher::narrows("ab", "abc d"));
        assert!(Matcher::narrows("ab 中", "ab 中ab"));
        // Another kind of matcher (script, smart case) may find what the shorter did not.
        assert!(!Matcher::narrows("ab", "ab戰"));
        assert!(!Matcher::narrows("ab", "abC"));
        assert!(!Matcher::narrows("ab", "xab"));
        assert_eq!(
            script_regex("戰", false).map(|r| r.as_str().to_string()),
            Some("[戰战]".to_string())
        );
    }

    #[test]
    fn either_script_smart_case_and_costly_patterns() {
        let text = "脫貧攻堅戰 脱贫攻坚战 Foo foo";
        let m = Matcher::new("攻坚战", false, true).unwrap();
        assert_eq!(all(&m, text).len(), 2);
        let m = Matcher::new("攻坚战", false, false).unwrap();
        assert_eq!(all(&m, text).len(), 1);
        assert_eq!(
            all(&Matcher::new("foo", false, true).unwrap(), text).len(),
            2
        );
        assert_eq!(
            all(&Matcher::new("Foo", false, true).unwrap(), text).len(),
            1
        );
        let err = Matcher::new(r"\B.{1,400}\BZ", true, true).unwrap_err();
        assert_eq!(err, PatternError::TooCostly);
        let Err(PatternError::Bad(why)) = Matcher::new("(", true, true) else {
            panic!("an unclosed group is a bad regex");
        };
        assert!(why.contains("unclosed group"), "{why}");
    }

    #[test]
    fn spans_cut_inside_a_character_are_whole_characters() {
        let text = "戰".repeat(200_000) + "\n" + &"戰".repeat(200_000);
        let m = Matcher::new("戰", false, false).unwrap();
        let never = AtomicBool::new(false);
        let mut n = 0;
        let view = ViewOptions::default();
        let span = 1..text.len() - 1;
        let whole = 0..text.len();
        search_span(
            &text,
            std::slice::from_ref(&whole),
            span,
            &view,
            &m,
            &never,
            &mut |_| {
                n += 1;
                true
            },
        );
        assert_eq!(n, 400_000);
    }
}
