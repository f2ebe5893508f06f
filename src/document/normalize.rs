//! Decoded text → the one `String` a book keeps: newlines and control characters.
//!
//! Owns: dropping leading BOMs, turning CRLF and lone CR into LF, and finding control
//! characters (C0 except tab and newline, DEL, C1 — ESC included). Control characters stay in
//! the text, because the book is shown faithfully, but they are counted so that every printer
//! knows it must show a placeholder. This module never removes or rewrites anything else.

use std::borrow::Cow;

/// Strip leading BOMs and normalise line ends, reusing the string when nothing changes.
pub fn normalize(mut text: String) -> String {
    // A file saved twice by BOM-writing tools starts with two (or more) BOMs.
    let boms = text.len() - text.trim_start_matches('\u{FEFF}').len();
    if boms > 0 {
        text.drain(..boms);
    }
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for cr in memchr::memchr_iter(b'\r', bytes) {
        out.push_str(text.get(start..cr).unwrap_or_default());
        out.push('\n');
        start = if bytes.get(cr + 1) == Some(&b'\n') {
            cr + 2
        } else {
            cr + 1
        };
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out
}

/// The control characters a book's text is counted for: C0 except tab and line feed (which the
/// layout turns into spaces and line breaks), DEL and C1. A subset of [`is_unsafe_char`], the
/// predicate printers ask.
pub fn is_control(c: char) -> bool {
    is_unsafe_char(c) && !is_reordering(c) && !matches!(c, '\t' | '\n')
}

/// Number of control characters (see [`is_control`]) in `text`, counted on bytes so a 100 MB
/// book costs one quick pass. C0 and DEL are single bytes, counted in blocks of 255 bytes into
/// a byte-wide counter, a loop the compiler turns into SIMD (a word-at-a-time skip was slower:
/// every line feed sends its word down the slow path). C1 controls are C2 80..C2 9F, found with
/// memchr: 0xC2 is rare in CJK text.
pub fn count_controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0usize;
    // At most 255 hits per block: the u8 counter cannot overflow.
    for block in bytes.chunks(255) {
        let mut k = 0u8;
        for &b in block {
            // Tab and line feed are below 0x20 but not controls here; never negative.
            let c0 = u8::from(b < 0x20) - u8::from(b == b'\t') - u8::from(b == b'\n');
            k += c0 + u8::from(b == 0x7f);
        }
        n += usize::from(k);
    }
    n + memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..0xA0).contains(b)))
        .count()
}

/// True for the characters that rearrange how a terminal shows the text around them: the
/// Unicode line and paragraph separators and the bidi embedding, override and isolate
/// controls (a title holding U+202E would print the rest of the line backwards).
pub fn is_reordering(c: char) -> bool {
    matches!(
        c,
        '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The one answer to "may this character be written to a terminal as it is?": false for every
/// control character (C0 including tab and line feed, DEL, C1 with ESC's CSI) and every
/// reordering character (see [`is_reordering`]). Everything that prints text from a book or a
/// file (the page, `render`, titles, prompts, messages) asks this and shows a placeholder, a
/// space or U+FFFD instead; tab and line feed are laid out as spaces and line breaks before
/// anything is printed.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_reordering(c)
}

/// `s` with every character that must not reach a terminal (see [`is_unsafe_char`]) other than
/// tab and line feed replaced by U+FFFD, for printing titles and paths.
pub fn visible(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe_char(c) && !matches!(c, '\t' | '\n');
    if s.chars().any(unsafe_char) {
        Cow::Owned(
            s.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_become_lf() {
        assert_eq!(normalize("a\r\nb\rc\n\r\nd\r".into()), "a\nb\nc\n\nd\n");
        assert_eq!(normalize("\u{FEFF}x\r\n".into()), "x\n");
        assert_eq!(normalize("\u{FEFF}\u{FEFF}x\u{FEFF}".into()), "x\u{FEFF}");
        assert_eq!(normalize("plain\n".into()), "plain\n");
    }

    #[test]
    fn controls_are_counted_not_removed() {
        let s = "a\u{1b}[31mred\u{7f}\u{9b}\t\n\u{a0}é中";
        assert_eq!(count_controls(s), 3);
        assert_eq!(visible(s), "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}\t\n\u{a0}é中");
        assert_eq!(visible("ok"), "ok");
    }

    #[test]
    fn counting_agrees_with_the_predicate_across_blocks() {
        let mut s = String::new();
        for i in 0..2000 {
            s.push(['\u{1}', '\u{85}', '中', '\n', '\u{7f}', '\t', 'a', '\u{a0}'][i % 8]);
        }
        // Every offset of the 255-byte block boundaries against the text.
        for (i, _) in s.char_indices().take(300) {
            let t = &s[i..];
            assert_eq!(
                count_controls(t),
                t.chars().filter(|&c| is_control(c)).count()
            );
        }
    }

    #[test]
    fn counting_agrees_with_the_predicate_at_every_alignment() {
        let base = "ab\u{1b}c中\u{85}d\té\u{7f}\u{a0}·\n\u{9f}xyz\u{c2}";
        for pad in 0..9 {
            let s = format!("{}{base}{base}", "x".repeat(pad));
            assert_eq!(
                count_controls(&s),
                s.chars().filter(|&c| is_control(c)).count(),
                "{pad}"
            );
        }
    }

    #[test]
    fn counted_controls_are_unsafe_for_the_terminal() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            if is_control(c) {
                assert!(is_unsafe_char(c), "{c:?}");
            }
        }
        for c in [
            '\t', '\n', '\u{1b}', '\u{9b}', '\u{202e}', '\u{2028}', '\u{2069}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
        }
        for c in [' ', 'a', '中', '\u{3000}', '\u{200f}', '\u{a0}'] {
            assert!(!is_unsafe_char(c), "{c:?}");
        }
    }

    #[test]
    fn control_predicate_matches_counting() {
        for c in [
            '\0', '\u{7}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}',
        ] {
            assert!(is_control(c), "{c:?}");
            assert_eq!(count_controls(&c.to_string()), 1, "{c:?}");
        }
        for c in ['\t', '\n', ' ', '\u{a0}', '中', '\u{3000}'] {
            assert!(!is_control(c), "{c:?}");
            assert_eq!(count_controls(&c.to_string()), 0, "{c:?}");
        }
    }
}
