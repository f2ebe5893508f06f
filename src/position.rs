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
