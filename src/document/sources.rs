//! Where the text of a converted book came from: a text offset ↔ (source file, source byte of
//! the enclosing block, bytes into that block), tagged with the version of the converter that
//! made the text. A place saved this way outlives a converter that puts the same source at
//! other text offsets.
//!
//! Owns the map a conversion leaves beside a [`Document`](super::Document) and its lookups.
//! It knows no format (the EPUB converter fills it, plain text has none), reads no file and
//! writes nothing: the store saves a [`SourcePlace`] beside its anchor and asks
//! [`SourceMap::offset`] first when the saved converter differs from [`SourceMap::converter`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Where a place came from in the book's own files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePlace {
    /// Path of the source file inside the book, e.g. `OEBPS/Text/ch3.xhtml`.
    pub href: String,
    /// Byte offset, in the decoded file, of the element the block came from.
    pub byte: usize,
    /// Bytes of text between the block's start and the place.
    pub delta: usize,
    /// Version of the converter that made the text the place was saved in.
    pub converter: u32,
}

/// Where one leaf (a run of text from one element) starts in the text and in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceMark {
    /// Byte offset of the leaf in the text.
    pub text: usize,
    /// Index of its source file in the map's items.
    pub item: u32,
    /// Byte offset of its element in the decoded source file.
    pub src: u32,
}

/// The leaves of a converted book with their origin, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    converter: u32,
    items: Vec<String>,
    marks: Vec<SourceMark>,
}

impl SourceMap {
    /// A map made by converter version `converter`: source files `items`, leaves `marks`
    /// (sorted by text offset).
    pub fn new(converter: u32, items: Vec<String>, marks: Vec<SourceMark>) -> SourceMap {
        SourceMap {
            converter,
            items,
            marks,
        }
    }

    /// The version of the converter that made this text.
    pub fn converter(&self) -> u32 {
        self.converter
    }

    /// The same sources for a text whose offsets moved: each leaf start `t` becomes `f(t)`
    /// (`f` must not decrease). Used where a text is changed after conversion.
    pub fn map_offsets(&self, f: impl Fn(usize) -> usize) -> SourceMap {
        SourceMap {
            converter: self.converter,
            items: self.items.clone(),
            marks: self
                .marks
                .iter()
                .map(|m| SourceMark {
                    text: f(m.text),
                    ..*m
                })
                .collect(),
        }
    }

    /// The origin of text offset `at`: the leaf at or before it.
    pub fn place(&self, at: usize) -> Option<SourcePlace> {
        let k = self
            .marks
            .partition_point(|m| m.text <= at)
            .checked_sub(1)?;
        let m = self.marks.get(k)?;
        Some(SourcePlace {
            href: self.items.get(m.item as usize)?.clone(),
            byte: m.src as usize,
            delta: at - m.text,
            converter: self.converter,
        })
    }

    /// The text range of the leaf holding offset `at` (from its start to the next leaf's).
    pub fn leaf(&self, at: usize, text_len: usize) -> Range<usize> {
        let k = self.marks.partition_point(|m| m.text <= at);
        let start = k
            .checked_sub(1)
            .and_then(|i| self.marks.get(i))
            .map_or(0, |m| m.text);
        let end = self.marks.get(k).map_or(text_len, |m| m.text);
        start.min(text_len)..end.clamp(start.min(text_len), text_len)
    }

    /// The text offset of a saved place in this conversion: the leaf of the same file whose
    /// source byte is the last at or before the saved one, plus the saved distance into it
    /// (kept inside that leaf, on a character boundary of `text`). `None` when the file is
    /// gone.
    pub fn offset(&self, place: &SourcePlace, text: &str) -> Option<usize> {
        let item = self.items.iter().position(|h| *h == place.href)? as u32;
        // Items are converted in order and each from its start: the marks are sorted by item,
        // then by source byte (two binary searches, not a walk per saved place).
        let lo = self.marks.partition_point(|m| m.item < item);
        let n = self.marks.get(lo..)?.partition_point(|m| m.item == item);
        let of_item = self.marks.get(lo..lo + n)?;
        let k = lo
            + of_item
                .partition_point(|m| m.src as usize <= place.byte)
                .saturating_sub(1);
        let m = self.marks.get(k).filter(|m| m.item == item)?;
        let limit = self
            .marks
            .get(k + 1)
            .map_or(text.len(), |n| n.text.saturating_sub(1).max(m.text));
        let into = if (m.src as usize) <= place.byte {
            place.delta
        } else {
            0
        };
        let at = m.text.saturating_add(into).min(limit).min(text.len());
        Some(text.floor_char_boundary(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: usize, item: u32, src: u32) -> SourceMark {
        SourceMark { text, item, src }
    }

    fn map() -> SourceMap {
        SourceMap::new(
            1,
            vec!["a.xhtml".into(), "b.xhtml".into()],
            vec![mark(0, 0, 100), mark(6, 0, 180), mark(12, 1, 90)],
        )
    }

    #[test]
    fn a_place_goes_to_its_source_and_back() {
        let text = "first\nsecond\nthird";
        let m = map();
        let p = m.place(8).expect("a place");
        assert_eq!(
            (p.href.as_str(), p.byte, p.delta, p.converter),
            ("a.xhtml", 180, 2, 1)
        );
        assert_eq!(m.offset(&p, text), Some(8));
        let q = m.place(14).expect("a place");
        assert_eq!((q.href.as_str(), q.byte), ("b.xhtml", 90));
        assert_eq!(m.offset(&q, text), Some(14));
        assert_eq!(m.leaf(8, text.len()), 6..12);
        assert_eq!(m.leaf(14, text.len()), 12..text.len());
    }

    #[test]
    fn every_offset_comes_back_from_its_place() {
        let text = "first\nsecond\nthird";
        let m = map();
        for at in 0..=text.len() {
            let p = m.place(at).expect("a place");
            assert_eq!(m.offset(&p, text), Some(at), "{p:?}");
        }
    }

    #[test]
    fn a_different_conversion_still_finds_the_block() {
        // The same source, now with a longer first paragraph.
        let text = "first, longer\nsecond\nthird";
        let new = map().map_offsets(|t| if t == 0 { 0 } else { t + 8 });
        assert_eq!(new.leaf(16, text.len()), 14..20);
        let saved = map().place(8).expect("a place");
        assert_eq!(new.offset(&saved, text), Some(16));
        assert_eq!(&text[16..20], "cond");
        let gone = SourcePlace {
            href: "c.xhtml".into(),
            ..saved
        };
        assert_eq!(new.offset(&gone, text), None);
    }

    #[test]
    fn a_hostile_place_stays_inside_the_text() {
        let text = "first\nsecond\nthird";
        let p = SourcePlace {
            href: "b.xhtml".into(),
            byte: usize::MAX,
            delta: usize::MAX,
            converter: 0,
        };
        assert_eq!(map().offset(&p, text), Some(text.len()));
        assert_eq!(SourceMap::default().place(3), None);
        assert_eq!(SourceMap::default().leaf(3, 10), 0..10);
    }
}
