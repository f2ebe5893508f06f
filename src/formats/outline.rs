//! Chapters of a structured book: where its headings cut it, and where an oversized part is cut
//! again so no chapter is too long to lay out quickly.
//!
//! Owns the chapter list of converted formats (Markdown now, EPUB later). It cuts only at the
//! start of a top-level block, so no block ever crosses a chapter boundary; it reads the block
//! table and never changes it. Heading rules for plain text live in `document::chapters`.

use std::ops::Range;

use crate::document::Chapter;
use crate::document::blocks::{Block, BlockKind};
use crate::document::chapters::PART_BYTES;

/// A heading that opens a chapter: its block's range and its level as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterHeading {
    pub range: Range<usize>,
    pub level: u8,
}

/// Headings of level `1..=max_level` outside any container, with text: the chapter starts.
pub fn chapter_headings(text: &str, blocks: &[Block], max_level: u8) -> Vec<ChapterHeading> {
    top_level(blocks)
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level }
                if level <= max_level
                    && text
                        .get(b.range.clone())
                        .is_some_and(|t| !t.trim().is_empty()) =>
            {
                Some(ChapterHeading {
                    range: b.range.clone(),
                    level,
                })
            }
            _ => None,
        })
        .collect()
}

/// A book title written in the text before the first heading, as plain text books write it: a
/// `《…》` line or a `Title:` / `书名：` line among the first ten lines.
pub fn front_title(front: &str) -> Option<String> {
    let lines = front
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(10);
    for l in lines {
        if let Some(inner) = l.strip_prefix('《').and_then(|r| r.strip_suffix('》'))
            && !inner.trim().is_empty()
            && !inner.contains(['《', '》'])
        {
            return Some(inner.trim().to_string());
        }
        let labelled = ["Title:", "书名：", "書名："]
            .iter()
            .find_map(|p| l.strip_prefix(p))
            .map(str::trim);
        if let Some(t) = labelled.filter(|t| !t.is_empty()) {
            return Some(t.to_string());
        }
    }
    None
}

/// The chapters of a converted book. Text before the first heading becomes a front chapter
/// (titled by [`front_title`], else "Preface", or "前言" when it holds CJK); a book without headings is cut into parts titled
/// "title (1)", "title (2)"…; a chapter is what the book says, however long (layout lays a
/// chapter with structure out whole). Levels in use are renumbered 1, 2, 3…. Never empty.
pub fn chapters(
    text: &str,
    blocks: &[Block],
    headings: &[ChapterHeading],
    title: &str,
) -> Vec<Chapter> {
    let cuts: Vec<usize> = top_level(blocks).map(|b| b.range.start).collect();
    let Some(first) = headings.first() else {
        let parts = cut(0..text.len(), PART_BYTES, PART_BYTES * 5 / 4, &cuts);
        let n = parts.len();
        return parts
            .into_iter()
            .enumerate()
            .map(|(i, range)| Chapter {
                title: if n == 1 {
                    title.to_string()
                } else {
                    format!("{title} ({})", i + 1)
                },
                level: 1,
                range,
                heading: false,
            })
            .collect();
    };
    let mut used: Vec<u8> = headings.iter().map(|h| h.level).collect();
    used.sort_unstable();
    used.dedup();
    let level = |l: u8| used.iter().position(|&u| u == l).map_or(1, |p| p as u8 + 1);
    let mut whole = Vec::with_capacity(headings.len() + 1);
    let front = text.get(..first.range.start).unwrap_or_default();
    let front_blank = front.trim().is_empty();
    if !front_blank {
        let cjk = front.chars().any(|c| matches!(c, '\u{3400}'..='\u{9FFF}'));
        let named = front_title(front);
        whole.push(Chapter {
            title: named.unwrap_or_else(|| if cjk { "前言" } else { "Preface" }.to_string()),
            level: 1,
            range: 0..first.range.start,
            heading: false,
        });
    }
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(text.len(), |n| n.range.start);
        let start = if i == 0 && front_blank {
            0
        } else {
            h.range.start
        };
        whole.push(Chapter {
            title: text
                .get(h.range.clone())
                .unwrap_or_default()
                .trim()
                .to_string(),
            level: level(h.level),
            range: start..end,
            heading: start == h.range.start,
        });
    }
    whole
}

/// Blocks outside every container, in order. (A container's range covers its children, and
/// an empty container is followed by its one empty child.)
fn top_level(blocks: &[Block]) -> impl Iterator<Item = &Block> {
    let mut open: Vec<Range<usize>> = Vec::new();
    blocks.iter().filter(move |b| {
        while open
            .last()
            .is_some_and(|o| !(o.start <= b.range.start && b.range.end <= o.end))
        {
            open.pop();
        }
        let top = open.is_empty();
        if b.kind.is_container() {
            open.push(b.range.clone());
        }
        top
    })
}

/// Cut `range` into parts of about `target` bytes, none over `max` where a cut point allows,
/// cutting only at `points` (sorted offsets).
fn cut(range: Range<usize>, target: usize, max: usize, points: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > max {
        let lo = points.partition_point(|&p| p <= start);
        let hi = points.partition_point(|&p| p <= start + target);
        let at = if hi > lo {
            points.get(hi - 1)
        } else {
            points.get(lo)
        };
        match at {
            Some(&p) if p > start && p < range.end => {
                out.push(start..p);
                start = p;
            }
            _ => break,
        }
    }
    out.push(start..range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::blocks::ListMarker;

    fn b(range: Range<usize>, kind: BlockKind) -> Block {
        Block { range, kind }
    }

    #[test]
    fn headings_inside_containers_do_not_open_chapters() {
        let blocks = vec![
            b(0..1, BlockKind::Heading { level: 1 }),
            b(2..10, BlockKind::Quote { depth: 1 }),
            b(2..3, BlockKind::Heading { level: 1 }),
            b(4..10, BlockKind::Paragraph),
            b(11..12, BlockKind::Heading { level: 2 }),
        ];
        let text = "A\nB\nxxxxxx\nC\n";
        let hs = chapter_headings(text, &blocks, 3);
        assert_eq!(
            hs.iter().map(|h| h.range.start).collect::<Vec<_>>(),
            [0, 11]
        );
        let cs = chapters(text, &blocks, &hs, "book");
        assert_eq!(cs.len(), 2);
        assert_eq!((cs[0].range.clone(), cs[0].level), (0..11, 1));
        assert_eq!((cs[1].title.as_str(), cs[1].level), ("C", 2));
    }

    #[test]
    fn top_level_skips_nested_blocks_even_when_empty() {
        let item = BlockKind::ListItem {
            depth: 1,
            marker: ListMarker::Bullet,
        };
        let blocks = vec![
            b(0..0, item.clone()),
            b(0..0, BlockKind::Paragraph),
            b(1..5, item),
            b(1..5, BlockKind::Paragraph),
            b(6..7, BlockKind::Paragraph),
        ];
        let starts: Vec<_> = top_level(&blocks).map(|b| b.range.clone()).collect();
        assert_eq!(starts, [0..0, 1..5, 6..7]);
    }

    #[test]
    fn a_book_without_headings_is_cut_into_titled_parts_at_block_starts() {
        let para = "x".repeat(1000);
        let text = vec![para.as_str(); 60].join("\n");
        let blocks: Vec<Block> = (0..60)
            .map(|i| b(i * 1001..i * 1001 + 1000, BlockKind::Paragraph))
            .collect();
        let cs = chapters(&text, &blocks, &[], "book");
        assert!(cs.len() >= 3, "{}", cs.len());
        assert_eq!(cs[0].title, "book (1)");
        assert!(cs.windows(2).all(|w| w[0].range.end == w[1].range.start));
        assert!(cs.iter().all(|c| c.range.start % 1001 == 0));
        assert_eq!(cs.last().map(|c| c.range.end), Some(text.len()));
    }

    #[test]
    fn a_front_chapter_takes_a_title_line() {
        let text = "《看书》\nIntro\nOne\n";
        let blocks = vec![
            b(0..12, BlockKind::Paragraph),
            b(13..18, BlockKind::Paragraph),
            b(19..22, BlockKind::Heading { level: 1 }),
        ];
        let hs = chapter_headings(text, &blocks, 3);
        let cs = chapters(text, &blocks, &hs, "book");
        assert_eq!(&text[19..22], "One");
        assert_eq!(cs[0].title, "看书");
        assert_eq!(front_title("Title:  A Book \nx"), Some("A Book".into()));
        assert_eq!(front_title("《》\n《a《b》》"), None);
    }

    #[test]
    fn an_empty_book_has_one_chapter() {
        let cs = chapters("", &[], &[], "empty");
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].range, 0..0);
    }
}
