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
