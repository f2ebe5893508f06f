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
    /// The position of the character at `percent` (0–100) of the book, counted in characters;
    /// 100 is the last character. Values outside 0–100 are clamped.
    pub fn at_percent(doc: &crate::Document, percent: f64) -> Position {
        let text = &doc.text;
        let chars = text.chars().count();
        if chars == 0 {
            return doc.position_of(0);
        }
        let p = if percent.is_finite() {
            percent.clamp(0.0, 100.0)
        } else {
            0.0
        };
        let nth = ((chars as f64) * p / 100.0).floor() as usize;
        let nth = nth.min(chars - 1);
        let byte = text.char_indices().nth(nth).map(|(i, _)| i).unwrap_or(0);
        doc.position_of(byte)
    }

    /// How far into the book this position is, in percent of its bytes (0–100).
    pub fn percent(&self, doc: &crate::Document) -> f64 {
        let len = doc.text.len();
        if len == 0 {
            return 0.0;
        }
        doc.offset_of(*self) as f64 * 100.0 / len as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    #[test]
    fn percent_picks_a_character_and_round_trips() {
        let doc = Document::from_text("第一章 甲\n一二三四五六七八\n".repeat(4), "t");
        assert_eq!(Position::at_percent(&doc, 0.0), doc.position_of(0));
        let last = doc.text.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        assert_eq!(Position::at_percent(&doc, 100.0), doc.position_of(last));
        assert_eq!(Position::at_percent(&doc, 250.0), doc.position_of(last));
        assert_eq!(Position::at_percent(&doc, f64::NAN), doc.position_of(0));
        let mid = Position::at_percent(&doc, 50.0);
        let byte = doc.offset_of(mid);
        assert!(doc.text.is_char_boundary(byte));
        let chars_before = doc.text[..byte].chars().count();
        assert_eq!(chars_before, doc.text.chars().count() / 2);
        let p = mid.percent(&doc);
        assert!((40.0..60.0).contains(&p), "{p}");
    }

    #[test]
    fn empty_book_is_at_the_start() {
        let doc = Document::from_text(String::new(), "empty");
        assert_eq!(Position::at_percent(&doc, 37.5), Position::START);
        assert_eq!(Position::START.percent(&doc), 0.0);
    }
}
