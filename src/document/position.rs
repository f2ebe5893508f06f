//! `Position`: the one way a place in a book is named.
//!
//! A position is a chapter index plus a byte offset into that chapter's text (always on a
//! character boundary). Pages, screen lines and line numbers are derived from it after every
//! layout; they are never stored instead of it.

use serde::{Deserialize, Serialize};

/// A place in a book: chapter index (0-based) and byte offset into the chapter's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Position {
    pub chapter: usize,
    pub offset: usize,
}

impl Position {
    pub const START: Position = Position {
        chapter: 0,
        offset: 0,
    };

    pub fn new(chapter: usize, offset: usize) -> Self {
        Position { chapter, offset }
    }
}

impl Position {
    /// The position of the character at `percent` (0–100) of the book, counted in bytes of
    /// the text like [`Position::percent`], so `:37%` lands where the status bar then says 37%;
    /// 100 is the last character. Values outside 0–100 are clamped, NaN is 0.
    pub fn at_percent(doc: &crate::Document, percent: f64) -> Position {
        let text = &doc.text;
        let p = if percent.is_finite() {
            percent.clamp(0.0, 100.0)
        } else {
            0.0
        };
        let last = text.char_indices().next_back().map_or(0, |(i, _)| i);
        let mut byte = ((text.len() as f64) * p / 100.0) as usize;
        byte = byte.min(last);
        while byte > 0 && !text.is_char_boundary(byte) {
            byte -= 1;
        }
        doc.position_of(byte)
    }

    /// How far into the book this position is, in percent of its bytes (0–100; see
    /// [`percent`]).
    pub fn percent(&self, doc: &crate::Document) -> f64 {
        percent(doc.offset_of(*self), doc.text.len())
    }
}

/// The one percent function: how far byte `offset` of a text of `len` bytes is, 0–100. An
/// empty book reads 100%: its only page is its last page, and the last page reads 100%.
pub fn percent(offset: usize, len: usize) -> f64 {
    if len == 0 {
        return 100.0;
    }
    offset.min(len) as f64 * 100.0 / len as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    #[test]
    fn percent_picks_a_character_and_round_trips() {
        // ASCII and CJK mixed: a percent of bytes, not of characters, as the status bar shows.
        let doc = Document::from_text("Chapter 1 ab\n一二三四五六七八\n".repeat(4), "t");
        assert_eq!(Position::at_percent(&doc, 0.0), doc.position_of(0));
        let last = doc.text.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        assert_eq!(Position::at_percent(&doc, 100.0), doc.position_of(last));
        assert_eq!(Position::at_percent(&doc, 250.0), doc.position_of(last));
        assert_eq!(Position::at_percent(&doc, f64::NAN), doc.position_of(0));
        let mid = Position::at_percent(&doc, 50.0);
        let byte = doc.offset_of(mid);
        assert!(doc.text.is_char_boundary(byte));
        let half = doc.text.len() / 2;
        assert!(
            byte <= half && half - byte < 4,
            "{byte} of {}",
            doc.text.len()
        );
        // At most a character (3 bytes) before the byte asked for.
        let len = doc.text.len() as f64;
        for p in [0.0, 12.5, 37.0, 50.0, 99.0] {
            let shown = Position::at_percent(&doc, p).percent(&doc);
            let short = (p - shown) * len / 100.0;
            assert!((0.0..3.0).contains(&short), "{p}% went to {shown}%");
        }
    }

    #[test]
    fn empty_book_is_at_the_start_and_read_to_the_end() {
        let doc = Document::from_text(String::new(), "empty");
        assert_eq!(Position::at_percent(&doc, 37.5), Position::START);
        assert_eq!(Position::START.percent(&doc), 100.0);
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(5, 4), 100.0);
        assert_eq!(percent(1, 4), 25.0);
    }
}
