//! Places in an EPUB that outlive the converter: a text offset ↔ (spine item href, source byte
//! of the enclosing block, bytes into that block), tagged with the converter's version.
//!
//! Owns the source map a conversion leaves behind and the two lookups. It reads no file and
//! writes nothing: the store saves a [`SourcePlace`] beside its anchor and, when the saved
//! converter version differs from [`CONVERTER_VERSION`], asks [`SourceMap::offset`] first.

use serde::{Deserialize, Serialize};

use super::xhtml::Mark;

/// Bumped whenever the converter may put the same source at a different text offset.
pub const CONVERTER_VERSION: u32 = 1;

/// Where a place came from in the EPUB's own files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePlace {
    /// Path of the spine item inside the zip, e.g. `OEBPS/Text/ch3.xhtml`.
    pub href: String,
    /// Byte offset, in the decoded item, of the element the block came from.
    pub byte: usize,
    /// Bytes of text between the block's start and the place.
    pub delta: usize,
    /// [`CONVERTER_VERSION`] of the kanshu that saved it.
    pub converter: u32,
}

/// The leaves of a converted book with their origin, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pub(crate) items: Vec<String>,
    pub(crate) marks: Vec<Mark>,
}

impl SourceMap {
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
            converter: CONVERTER_VERSION,
        })
    }

    /// The text offset of a saved place in this conversion: the leaf of the same item whose
    /// source byte is the last at or before the saved one, plus the saved distance into it
    /// (kept inside that leaf, on a character boundary of `text`). `None` when the item is
    /// gone.
    pub fn offset(&self, place: &SourcePlace, text: &str) -> Option<usize> {
        let item = self.items.iter().position(|h| *h == place.href)? as u32;
        let mut best: Option<(usize, &Mark)> = None;
        for (k, m) in self
            .marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.item == item)
        {
            match best {
                None => best = Some((k, m)),
                Some(_) if m.src as usize <= place.byte => best = Some((k, m)),
                _ => break,
            }
        }
        let (k, m) = best?;
        let limit = self
            .marks
            .get(k + 1)
            .map_or(text.len(), |n| n.text.saturating_sub(1).max(m.text));
        let at = (m.text
            + if (m.src as usize) <= place.byte {
                place.delta
            } else {
                0
            })
        .min(limit)
        .min(text.len());
        Some(text.floor_char_boundary(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> SourceMap {
        SourceMap {
            items: vec!["a.xhtml".into(), "b.xhtml".into()],
            marks: vec![
                Mark {
                    text: 0,
                    item: 0,
                    src: 100,
                },
                Mark {
                    text: 6,
                    item: 0,
                    src: 180,
                },
                Mark {
                    text: 12,
                    item: 1,
                    src: 90,
                },
            ],
        }
    }

    #[test]
    fn a_place_goes_to_its_source_and_back() {
        let text = "first\nsecond\nthird";
        let m = map();
        let p = m.place(8).expect("a place");
        assert_eq!((p.href.as_str(), p.byte, p.delta), ("a.xhtml", 180, 2));
        assert_eq!(m.offset(&p, text), Some(8));
        let q = m.place(14).expect("a place");
        assert_eq!((q.href.as_str(), q.byte), ("b.xhtml", 90));
        assert_eq!(m.offset(&q, text), Some(14));
    }

    #[test]
    fn a_different_conversion_still_finds_the_block() {
        // The same source, now with a longer first paragraph.
        let text = "first, longer\nsecond\nthird";
        let new = SourceMap {
            items: vec!["a.xhtml".into(), "b.xhtml".into()],
            marks: vec![
                Mark {
                    text: 0,
                    item: 0,
                    src: 100,
                },
                Mark {
                    text: 14,
                    item: 0,
                    src: 180,
                },
                Mark {
                    text: 21,
                    item: 1,
                    src: 90,
                },
            ],
        };
        let saved = map().place(8).expect("a place");
        assert_eq!(new.offset(&saved, text), Some(16));
        assert_eq!(&text[16..20], "cond");
        let gone = SourcePlace {
            href: "c.xhtml".into(),
            ..saved
        };
        assert_eq!(new.offset(&gone, text), None);
    }
}
