//! Places in an EPUB that outlive the converter: the version of this converter, and the
//! source map a conversion leaves behind (its type and lookups are
//! [`crate::document::sources`], so the store can use it without knowing EPUB).
//!
//! Owns [`CONVERTER_VERSION`] and turning the converter's marks into a [`SourceMap`]. It reads
//! no file and writes nothing.

use super::xhtml::Mark;
pub use crate::document::sources::{SourceMap, SourceMark, SourcePlace};

/// Bumped whenever the converter may put the same source at a different text offset.
pub const CONVERTER_VERSION: u32 = 1;

/// The source map of a conversion by this converter: spine item paths and the leaves' marks.
pub(crate) fn source_map(items: Vec<String>, marks: &[Mark]) -> SourceMap {
    SourceMap::new(
        CONVERTER_VERSION,
        items,
        marks
            .iter()
            .map(|m| SourceMark {
                text: m.text,
                item: m.item,
                src: m.src,
            })
            .collect(),
    )
}
