//! Moves of the selection cursor inside one chapter's text as the view shows it: by character
//! (grapheme), by word and by paragraph. Pure functions of a text and a byte offset; they know
//! nothing of pages, chapters or the source text (the caller maps offsets through the view's
//! `OffsetMap` and crosses chapter ends).
//!
//! Words: where the script has spaces a word is a run of letters and digits (or a run of
//! punctuation); Chinese and Japanese text has no spaces, so there every character is a word.
//! Paragraphs: a line that follows a blank line or starts with an indent begins one; in a text
//! without blank lines and indents every line is a paragraph.

use unicode_segmentation::UnicodeSegmentation;

/// What a grapheme is, for moves by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// A character of a script written without spaces (Han, kana, Hangul, full-width forms).
    Cjk,
    Word,
    Punct,
}

fn class(g: &str) -> Class {
    let Some(c) = g.chars().next() else {
        return Class::Space;
    };
    if c.is_whitespace() {
        Class::Space
    } else if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
        Class::Cjk
    } else if c.is_alphanumeric() || c == '_' || c == '\'' || c == '’' {
        Class::Word
    } else {
        Class::Punct
    }
}

fn is_line_break(g: &str) -> bool {
    matches!(g, "\n" | "\r\n" | "\r")
}

/// The grapheme starting at `at`, if any.
fn grapheme_at(text: &str, at: usize) -> Option<&str> {
    text.get(at..)?.graphemes(true).next()
}

/// The grapheme ending at `at`, if any.
fn grapheme_before(text: &str, at: usize) -> Option<&str> {
    text.get(..at)?.graphemes(true).next_back()
}

/// The start of the next grapheme after the one at `at` that is not a line break; `None` at
/// the end of the text.
pub fn next_char(text: &str, at: usize) -> Option<usize> {
    let mut i = at + grapheme_at(text, at)?.len();
    while let Some(g) = grapheme_at(text, i) {
        if !is_line_break(g) {
            return Some(i);
        }
        i += g.len();
    }
    None
}

/// The start of the grapheme before `at` that is not a line break; `None` at the start.
pub fn prev_char(text: &str, at: usize) -> Option<usize> {
    let mut i = at;
    while let Some(g) = grapheme_before(text, i) {
        i -= g.len();
        if !is_line_break(g) {
            return Some(i);
        }
    }
    None
}

/// The first grapheme at or after `at` that is not white space; `None` when only white space
/// is left.
pub fn first_visible(text: &str, at: usize) -> Option<usize> {
    let mut i = at;
    while let Some(g) = grapheme_at(text, i) {
        if class(g) != Class::Space {
            return Some(i);
        }
        i += g.len();
    }
    None
}

/// The last grapheme before `at` that is not white space.
pub fn last_visible(text: &str, at: usize) -> Option<usize> {
    let mut i = at.min(text.len());
    while let Some(g) = grapheme_before(text, i) {
        i -= g.len();
        if class(g) != Class::Space {
            return Some(i);
        }
    }
    None
}

/// The end of the grapheme at `at` (what a selection ending there includes).
pub fn char_end(text: &str, at: usize) -> usize {
    at + grapheme_at(text, at).map_or(0, str::len)
}

/// The start of the next word after the one at `at`; `None` when no word follows.
pub fn next_word(text: &str, at: usize) -> Option<usize> {
    let first = grapheme_at(text, at)?;
    let cls = class(first);
    let mut i = at + first.len();
    if matches!(cls, Class::Word | Class::Punct) {
        while let Some(g) = grapheme_at(text, i).filter(|g| class(g) == cls) {
            i += g.len();
        }
    }
    first_visible(text, i)
}

/// The start of the word before `at` (or of the word `at` is inside); `None` at the start.
pub fn prev_word(text: &str, at: usize) -> Option<usize> {
    let mut i = last_visible(text, at)?;
    let cls = grapheme_at(text, i).map_or(Class::Space, class);
    if matches!(cls, Class::Word | Class::Punct) {
        while let Some(g) = grapheme_before(text, i).filter(|g| class(g) == cls) {
            i -= g.len();
        }
    }
    Some(i)
}

/// Start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// How a text marks its paragraphs.
#[derive(Debug, Clone, Copy)]
struct Paragraphs {
    /// Some line is blank: paragraphs may run over several lines.
    blank_lines: bool,
}

impl Paragraphs {
    fn of(text: &str) -> Paragraphs {
        Paragraphs {
            blank_lines: text.lines().any(|l| l.trim().is_empty()),
        }
    }

    /// Whether the line starting at `start` begins a paragraph (blank lines do not).
    fn starts(&self, text: &str, start: usize) -> bool {
        let line = line_at(text, start);
        if line.trim().is_empty() {
            return false;
        }
        if start == 0 || !self.blank_lines || line.starts_with(char::is_whitespace) {
            return true;
        }
        let before = line_start(text, start - 1);
        line_at(text, before).trim().is_empty()
    }
}

/// The start (a line start) of the paragraph holding `at`; a blank line belongs to the
/// paragraph before it.
fn paragraph_start(text: &str, p: Paragraphs, at: usize) -> usize {
    let mut s = line_start(text, at);
    while s > 0 && !p.starts(text, s) {
        s = line_start(text, s - 1);
    }
    s
}

/// The first character of the next paragraph after the one holding `at`.
pub fn next_paragraph(text: &str, at: usize) -> Option<usize> {
    let p = Paragraphs::of(text);
    let mut s = line_start(text, at);
    loop {
        let nl = text.get(s..)?.find('\n')?;
        s += nl + 1;
        if p.starts(text, s) {
            return first_visible(text, s);
        }
    }
}

/// The first character of the paragraph holding `at`, or of the one before when `at` is
/// already there.
pub fn prev_paragraph(text: &str, at: usize) -> Option<usize> {
    let p = Paragraphs::of(text);
    let s = paragraph_start(text, p, at);
    match first_visible(text, s) {
        Some(v) if v < at => Some(v),
        _ if s == 0 => None,
        _ => first_visible(text, paragraph_start(text, p, s - 1)),
    }
}

/// The text of the paragraph holding `at`, its outer white space left out: a byte range.
pub fn paragraph_range(text: &str, at: usize) -> std::ops::Range<usize> {
    let p = Paragraphs::of(text);
    let s = paragraph_start(text, p, at);
    let mut e = s;
    loop {
        match text.get(e..).and_then(|t| t.find('\n')) {
            Some(nl) => {
                e += nl + 1;
                if p.starts(text, e) {
                    break;
                }
            }
            None => {
                e = text.len();
                break;
            }
        }
    }
    let start = first_visible(text, s).unwrap_or(s).min(e);
    let end = last_visible(text, e)
        .map_or(start, |i| char_end(text, i))
        .max(start);
    start..end
}

/// How many graphemes lie from `from` to `to` (the cursor's column in a line).
pub fn column(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to.max(from))
        .map_or(0, |t| t.graphemes(true).count())
}

/// The grapheme `col` graphemes after `from`, but not at or past `end` (then the last one
/// before `end` that is not a line break).
pub fn at_column(text: &str, from: usize, end: usize, col: usize) -> usize {
    let line = text.get(from..end.max(from)).unwrap_or("");
    let mut last = from;
    for (k, (i, g)) in line.grapheme_indices(true).enumerate() {
        if is_line_break(g) {
            break;
        }
        last = from + i;
        if k == col {
            break;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(text: &str, f: fn(&str, usize) -> Option<usize>, from: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = from;
        while let Some(n) = f(text, at) {
            out.push(grapheme_at(text, n).unwrap_or(""));
            at = n;
        }
        out
    }

    #[test]
    fn characters_skip_line_breaks_not_spaces() {
        let t = "ab\n\nc d";
        assert_eq!(walk(t, next_char, 0), ["b", "c", " ", "d"]);
        assert_eq!(walk(t, prev_char, t.len() - 1), [" ", "c", "b", "a"]);
        // A letter with a combining accent is one step.
        let t = "e\u{301}x";
        assert_eq!(next_char(t, 0), Some(3));
    }

    #[test]
    fn english_words_are_runs_of_letters() {
        let t = "The cat's hat, again.\nNext line";
        assert_eq!(walk(t, next_word, 0), ["c", "h", ",", "a", ".", "N", "l"]);
        let end = t.len() - 1;
        assert_eq!(
            walk(t, prev_word, end),
            ["l", "N", ".", "a", ",", "h", "c", "T"]
        );
    }

    #[test]
    fn chinese_words_are_characters() {
        let t = "　　天地玄黄，宇宙。";
        let start = first_visible(t, 0).unwrap();
        assert_eq!(&t[start..start + 3], "天");
        assert_eq!(
            walk(t, next_word, start),
            ["地", "玄", "黄", "，", "宇", "宙", "。"]
        );
        assert_eq!(
            walk(t, prev_word, t.len()),
            ["。", "宙", "宇", "，", "黄", "玄", "地", "天"]
        );
    }

    #[test]
    fn paragraphs_by_blank_lines_indents_or_lines() {
        // Hard-wrapped English: blank lines part paragraphs, wrapped lines do not.
        let t = "One two\nthree.\n\nFour five\nsix.\n\nSeven.";
        assert_eq!(walk(t, next_paragraph, 0), ["F", "S"]);
        assert_eq!(paragraph_range(t, 2), 0..14);
        assert_eq!(
            &t[paragraph_range(t, t.find("six").unwrap())],
            "Four five\nsix."
        );
        let six = t.find("six").unwrap();
        assert_eq!(prev_paragraph(t, six), t.find("Four"));
        assert_eq!(prev_paragraph(t, t.find("Four").unwrap()), Some(0));
        // Chinese, one paragraph a line.
        let t = "　　天地。\n　　宇宙。\n　　日月。";
        assert_eq!(walk(t, next_paragraph, 0), ["宇", "日"]);
        assert_eq!(&t[paragraph_range(t, t.find('宙').unwrap())], "宇宙。");
        // Lines without indents and no blank lines: every line.
        let t = "甲。\n乙。\n丙。";
        assert_eq!(walk(t, next_paragraph, 0), ["乙", "丙"]);
    }

    #[test]
    fn columns_land_inside_the_line() {
        let t = "abcdef\nxy\n";
        assert_eq!(column(t, 0, 4), 4);
        assert_eq!(at_column(t, 7, 10, 4), 8, "y: the line is shorter");
        assert_eq!(at_column(t, 0, 6, 2), 2);
    }
}
