//! Decoded text → the one `String` a book keeps: newlines and control characters.
//!
//! Owns: dropping a leading BOM, turning CRLF and lone CR into LF, and finding control
//! characters (C0 except tab and newline, DEL, C1 — ESC included). Control characters stay in
//! the text, because the book is shown faithfully, but they are counted so that every printer
//! knows it must show a placeholder. This module never removes or rewrites anything else.

use std::borrow::Cow;

/// Strip a BOM and normalise line ends, reusing the string when nothing changes.
pub fn normalize(mut text: String) -> String {
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
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

/// True for the characters a terminal must never receive raw from a book.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Number of control characters (see [`is_control`]) in `text`, counted on bytes so a 100 MB
/// book costs one quick pass.
pub fn count_controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut prev = 0u8;
    for &b in bytes {
        if (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f || (prev == 0xC2 && b < 0xA0) {
            // `prev == 0xC2 && b < 0xA0` is a C1 control: U+0080..U+009F is C2 80..C2 9F
            // (only continuation bytes follow C2, so b >= 0x80 here).
            n += 1;
        }
        prev = b;
    }
    n
}

/// `s` with every control character replaced by U+FFFD, for printing titles and paths.
pub fn visible(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if is_control(c) { '\u{FFFD}' } else { c })
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
