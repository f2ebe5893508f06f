//! Script-insensitive search: 战 finds 戰 and 戰 finds 战.
//!
//! Both the text and the needle are folded to Simplified one character at a time (a character
//! always folds to exactly one character), so every match maps straight back to byte ranges of
//! the text that was searched — the *source* text, never a view. It only finds ranges; moving
//! the reader and highlighting belong to the reader.

use std::ops::Range;

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
