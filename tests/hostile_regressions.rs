//! Every crash or unsafe output the fuzz targets and the hostile matrix found, kept as a test
//! with the smallest input that showed it.

use kanshu::{Document, Position};

/// A position from a damaged state file (huge offset) made `offset_of` overflow; a position in
/// the middle of a character must come back on a character boundary.
#[test]
fn offset_of_a_wild_position() {
    let doc = Document::from_text("\u{202e}\n第一章 开始\n正文。\n".into(), "book");
    for (i, c) in doc.chapters.iter().enumerate() {
        assert_eq!(doc.offset_of(Position::new(i, usize::MAX)), c.range.end);
        for offset in 0..=c.range.len() + 2 {
            let at = doc.offset_of(Position::new(i, offset));
            assert!(doc.text.is_char_boundary(at), "{i}:{offset} → {at}");
            assert!(c.range.start <= at && at <= c.range.end);
        }
    }
    assert_eq!(
        doc.offset_of(Position::new(usize::MAX, usize::MAX)),
        doc.text.len()
    );
}

/// A text saved twice by tools that add a BOM starts with two; the second one stayed in the
/// text (and in the first chapter's title).
#[test]
fn two_leading_boms_are_both_dropped() {
    let doc = Document::from_text("\u{feff}\u{feff}".into(), "book");
    assert_eq!(doc.text, "");
    let bytes = "\u{feff}\u{feff}《书》\n第一章 开始\n".as_bytes();
    let doc = Document::from_bytes(bytes, "book", &Default::default()).unwrap();
    assert!(!doc.text.starts_with('\u{feff}'));
    assert_eq!(doc.title, "书");
}
