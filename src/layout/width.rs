//! Display width of grapheme clusters, and what to draw for the ones that must not reach the
//! terminal as they are.
//!
//! Owns the cell-width rules (unicode-width per grapheme cluster, the ambiguous-width setting,
//! tab expansion, placeholders for control characters). It knows nothing about lines or pages
//! and must not depend on any terminal crate.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cells a tab expands to (always spaces, never a raw tab).
pub(crate) const TAB_WIDTH: usize = 4;

/// Whitespace that separates words and may be dropped at a line break.
pub(crate) fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{3000}')
}

/// The one predicate for what must not reach a terminal as it is (defined with the text it
/// guards, in `document::normalize`).
pub use crate::document::normalize::is_unsafe_char;

/// What to draw instead of an unsafe character: caret notation (`^[`) for C0 and DEL,
/// U+FFFD for the rest. Never contains a control character.
pub(crate) fn placeholder(c: char) -> Placeholder {
    let code = c as u32;
    if code < 0x20 {
        // ^@ .. ^_ : the C0 set in caret notation.
        Placeholder::Caret((b'@' + code as u8) as char)
    } else if code == 0x7f {
        Placeholder::Caret('?')
    } else {
        Placeholder::Replacement
    }
}

/// Caret notation of C0 (`^@` .. `^_`), then DEL (`^?`).
const CARETS: [&str; 33] = [
    "^@", "^A", "^B", "^C", "^D", "^E", "^F", "^G", "^H", "^I", "^J", "^K", "^L", "^M", "^N", "^O",
    "^P", "^Q", "^R", "^S", "^T", "^U", "^V", "^W", "^X", "^Y", "^Z", "^[", "^\\", "^]", "^^",
    "^_", "^?",
];

/// Up to this many spaces borrowed at once (padding in vertical pages).
pub(crate) const SPACES: &str = "                                                                ";

/// `n` spaces as a borrowed string when `n` fits [`SPACES`].
pub(crate) fn spaces(n: usize) -> &'static str {
    SPACES.get(..n).unwrap_or(SPACES)
}

/// A drawable stand-in for an unsafe character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// `^` followed by this ASCII character (2 cells).
    Caret(char),
    /// U+FFFD REPLACEMENT CHARACTER (ambiguous width).
    Replacement,
}

impl Placeholder {
    pub fn width(self, ambiguous_wide: bool) -> usize {
        match self {
            Placeholder::Caret(_) => 2,
            Placeholder::Replacement => {
                if ambiguous_wide {
                    2
                } else {
                    1
                }
            }
        }
    }

    /// What is drawn: `^` and the caret letter, or U+FFFD (borrowed, never allocated).
    pub fn text(self) -> &'static str {
        match self {
            Placeholder::Caret(c) => {
                let i = if c == '?' {
                    32
                } else {
                    (c as usize).saturating_sub('@' as usize)
                };
                CARETS.get(i).copied().unwrap_or("\u{FFFD}")
            }
            Placeholder::Replacement => "\u{FFFD}",
        }
    }
}

/// Width in cells of one grapheme cluster as kanshu draws it. Whitespace that can be dropped at
/// a break (space, tab, newline, U+3000) is measured by the wrapper, not here; a lone `'\n'`
/// (a joined line end) counts as one space.
pub(crate) fn cluster_width(g: &str, ambiguous_wide: bool) -> usize {
    let bytes = g.as_bytes();
    if bytes.len() == 1 {
        let b = bytes[0];
        return match b {
            b'\t' => TAB_WIDTH,
            b'\n' | b' ' => 1,
            0x20..=0x7e => 1,
            _ => 2, // C0 or DEL: caret notation
        };
    }
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xff01..=0xff60)
    {
        return 2; // CJK ideographs and full-width forms
    }
    // Measured as drawn: clusters terminals disagree on are drawn as steady ones.
    if let Some(steady) = steady_cluster(g) {
        return cluster_width(steady, ambiguous_wide);
    }
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if is_unsafe_char(c) {
            return placeholder(c).width(ambiguous_wide);
        }
        let w = if ambiguous_wide {
            c.width_cjk()
        } else {
            c.width()
        };
        return w.unwrap_or(0);
    } else if g.chars().any(is_unsafe_char) {
        // "\r\n" and friends: one placeholder per unsafe character.
        return g
            .chars()
            .map(|c| {
                if is_unsafe_char(c) {
                    placeholder(c).width(ambiguous_wide)
                } else {
                    0
                }
            })
            .sum();
    }
    if ambiguous_wide {
        g.width_cjk()
    } else {
        g.width()
    }
}

/// A grapheme cluster whose width terminals disagree on, as one they agree on: `None` for
/// every cluster that is fine as it is. Emoji with a presentation selector (❤️), a skin tone
/// (👍🏽) or joined by ZWJ (👨‍👩‍👧) show their first emoji alone; a flag (🇨🇳) shows its two
/// letters (`CN`); Hangul written in conjoining jamo shows as the composed syllable; a modifier
/// or jamo left on its own shows as U+FFFD. Terminals count these differently from
/// unicode-width and from each other, and one cell of disagreement shifts everything right of
/// it on the row, popup borders included.
pub(crate) fn steady_cluster(g: &str) -> Option<&str> {
    let unsteady = |c: char| {
        matches!(c as u32,
            0xFE0E | 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0x1F1E6..=0x1F1FF
            | 0x1160..=0x11FF | 0xD7B0..=0xD7FF)
    };
    if g.is_ascii() || !g.chars().any(unsteady) {
        return None;
    }
    let regional = |c: char| (0x1F1E6..=0x1F1FF).contains(&(c as u32));
    let mut chars = g.chars();
    let first = chars.next()?;
    if regional(first) {
        let letter = |c: char| (c as u32 - 0x1F1E6) as usize;
        let second = chars.next().filter(|&c| regional(c));
        return Some(match second {
            Some(c) => flag_letters(letter(first), letter(c)),
            None => flag_letters(letter(first), 26),
        });
    }
    if (0x1100..=0x1112).contains(&(first as u32)) {
        let v = chars.next().map(|c| c as u32);
        if let Some(v @ 0x1161..=0x1175) = v {
            let t = chars.next().map(|c| c as u32);
            let t = match t {
                Some(t @ 0x11A8..=0x11C2) => t - 0x11A7,
                _ => 0,
            };
            let index = ((first as u32 - 0x1100) * 21 + (v - 0x1161)) * 28 + t;
            return Some(hangul_syllable(index as usize));
        }
    }
    if unsteady(first) {
        return Some("\u{FFFD}");
    }
    Some(&g[..first.len_utf8()])
}

/// `text` with every cluster [`steady_cluster`] would change changed, for the reader's chrome
/// (titles, names, messages).
pub fn steady_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    for (i, g) in text.grapheme_indices(true) {
        match (steady_cluster(g), &mut out) {
            (Some(s), Some(o)) => o.push_str(s),
            (Some(s), None) => {
                let mut o = text[..i].to_string();
                o.push_str(s);
                out = Some(o);
            }
            (None, Some(o)) => o.push_str(g),
            (None, None) => {}
        }
    }
    match out {
        Some(o) => std::borrow::Cow::Owned(o),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The letters of a flag: `a` and `b` are 0–25 (A–Z); `b` = 26 for a lone regional letter.
fn flag_letters(a: usize, b: usize) -> &'static str {
    static LETTERS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    // Pairs AA..ZZ, then the 26 single letters.
    let all = LETTERS.get_or_init(|| {
        let mut s = String::with_capacity(26 * 26 * 2 + 26);
        for x in b'A'..=b'Z' {
            for y in b'A'..=b'Z' {
                s.push(x as char);
                s.push(y as char);
            }
        }
        s.extend((b'A'..=b'Z').map(char::from));
        s
    });
    let range = if b < 26 {
        (a * 26 + b) * 2..(a * 26 + b) * 2 + 2
    } else {
        26 * 26 * 2 + a..26 * 26 * 2 + a + 1
    };
    all.get(range).unwrap_or("\u{FFFD}")
}

/// The precomposed Hangul syllable number `index` (U+AC00 + index).
fn hangul_syllable(index: usize) -> &'static str {
    static SYLLABLES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let all = SYLLABLES.get_or_init(|| (0xAC00..=0xD7A3).filter_map(char::from_u32).collect());
    all.get(index * 3..index * 3 + 3).unwrap_or("\u{FFFD}")
}

/// True when a character is drawn wide (2 cells) in every terminal: CJK ideographs, kana,
/// Hangul, full-width forms. Used to tell CJK text from Latin text.
pub(crate) fn is_wide_char(c: char) -> bool {
    (c as u32) >= 0x1100 && unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_terminals_disagree_on_are_drawn_steadily() {
        let steady = |s: &str| super::steady_text(s).into_owned();
        assert_eq!(steady("心❤️心"), "心❤心");
        assert_eq!(steady("👍🏽 ok"), "👍 ok");
        assert_eq!(steady("a🏽b"), "ab", "a modifier after a letter extends it");
        assert_eq!(steady("🏽b"), "\u{FFFD}b");
        assert_eq!(steady("👨\u{200D}👩\u{200D}👧"), "👨");
        assert_eq!(steady("🇨🇳🇯🇵"), "CNJP");
        assert_eq!(steady("🇨"), "C");
        // 한 written as three conjoining jamo, and 가 as two.
        assert_eq!(steady("\u{1112}\u{1161}\u{11AB}\u{1100}\u{1161}"), "한가");
        assert_eq!(steady("\u{1161}"), "\u{FFFD}");
        for s in ["第一章 心", "plain text", "가각한글", "café", "👍"] {
            assert!(
                matches!(super::steady_text(s), std::borrow::Cow::Borrowed(_)),
                "{s}"
            );
        }
    }

    #[test]
    fn widths() {
        assert_eq!(cluster_width("a", false), 1);
        assert_eq!(cluster_width("中", false), 2);
        assert_eq!(cluster_width("“", false), 1);
        assert_eq!(cluster_width("“", true), 2);
        assert_eq!(cluster_width("…", true), 2);
        assert_eq!(cluster_width("\u{1b}", false), 2);
        assert_eq!(cluster_width("\u{85}", false), 1);
        assert_eq!(cluster_width("\u{85}", true), 2);
        assert_eq!(cluster_width("\t", false), TAB_WIDTH);
        assert_eq!(cluster_width("👨\u{200d}👩\u{200d}👧", false), 2);
        assert_eq!(cluster_width("🇺🇸", false), 2);
        assert_eq!(cluster_width("e\u{301}", false), 1);
    }

    #[test]
    fn fast_clusters_match_unicode_segmentation() {
        let samples = [
            "中文，English “quoted” e\u{301} 🇺🇸🇬🇧 👨\u{200d}👩\u{200d}👧 \r\n\t\u{1b}",
            "か\u{3099}ｶ\u{ff9e}中\u{fe0f}\u{1100}\u{1161}\u{11a8}가\u{11a8}\u{302a}",
            "a\u{200d}b\u{0e33}\u{0600}x\u{ad}y",
        ];
        for s in samples {
            let fast: Vec<(usize, &str)> = clusters(s).collect();
            let slow: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn placeholders_are_printable() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let p = placeholder(c);
            assert!(!p.text().chars().any(|c| c.is_control()), "{c:?}");
            let drawn = p.text();
            assert_eq!(p.width(true), drawn.width_cjk(), "{c:?}");
            assert_eq!(p.width(false), drawn.width(), "{c:?}");
        }
        assert_eq!(placeholder('\u{1b}').text(), "^[");
        assert!(is_unsafe_char('\u{202e}'));
        assert_eq!(cluster_width("\u{202e}", false), 1);
        assert!(!is_unsafe_char('\u{200f}'));
        assert_eq!(placeholder('\u{7f}').text(), "^?");
        for c in (0u32..0x20).filter_map(char::from_u32) {
            let p = placeholder(c);
            let want = format!("^{}", (b'@' + c as u8) as char);
            assert_eq!(p.text(), want, "{c:?}");
        }
    }
}

/// Grapheme clusters of `s` with their byte offsets: exactly unicode-segmentation's extended
/// grapheme clusters, with a fast path for the common case of a character that cannot join its
/// neighbour (ASCII, Latin-1, CJK ideographs, kana, CJK and full-width punctuation).
pub fn clusters(s: &str) -> Clusters<'_> {
    Clusters { s, pos: 0 }
}

/// Iterator returned by [`clusters`].
#[derive(Debug, Clone)]
pub struct Clusters<'a> {
    s: &'a str,
    pos: usize,
}

/// A character that never forms a cluster with the character after it, as long as that one is
/// `never_joins` too (no CR, Prepend, Hangul jamo, regional indicator, Extend, ZWJ or
/// SpacingMark among them).
#[inline]
fn never_joins(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x0c | 0x0e..=0x7f
        | 0xa0..=0xac | 0xae..=0x024f
        | 0x2010..=0x2027
        | 0x3000..=0x3029 | 0x3030..=0x303f
        | 0x3041..=0x3098 | 0x309b..=0x30ff
        | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xff01..=0xff9d)
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.s.get(self.pos..)?;
        let bytes = rest.as_bytes();
        // ASCII (not CR) followed by ASCII or the end: a cluster of one byte.
        if let Some(&b0) = bytes.first()
            && b0 < 0x80
            && b0 != b'\r'
            && bytes.get(1).is_none_or(|&b1| b1 < 0x80)
        {
            let start = self.pos;
            self.pos += 1;
            return rest.get(..1).map(|g| (start, g));
        }
        let mut chars = rest.chars();
        let c = chars.next()?;
        let start = self.pos;
        let len = if never_joins(c) && chars.next().is_none_or(never_joins) {
            c.len_utf8()
        } else {
            rest.graphemes(true).next().map_or(c.len_utf8(), str::len)
        };
        self.pos += len;
        rest.get(..len).map(|g| (start, g))
    }
}
