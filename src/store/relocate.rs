//! Turning a place into an `Anchor` and an `Anchor` back into a place in a (possibly changed)
//! text.
//!
//! When the text is the one the anchor was made in, the place comes back exactly. When it was
//! edited, the anchor's snippet is searched for near the old offset, then in the old chapter,
//! then in the whole book (the full snippet first, then the text after the place, then the
//! text before it; a half snippet only where it is found once); when nothing matches, the old
//! position is clamped to the nearest valid place. A place in a converted book (EPUB) also
//! keeps where it is in the book's files; when the book is now converted by another version
//! of the converter, that source place is looked up first and refined by the snippet. Pure
//! functions of the text; no I/O.

use unicode_width::UnicodeWidthChar;

use super::state::Anchor;
use crate::document::Document;
use crate::position::Position;

/// Characters of text kept before the place in a snippet.
const SNIPPET_BEFORE: usize = 24;
/// Characters of text kept from the place on.
const SNIPPET_AFTER: usize = 48;
/// Bytes on each side of the old offset searched first.
const WINDOW: usize = 16 * 1024;
/// Shortest partial snippet (in bytes) worth searching for on its own.
const MIN_PART: usize = 12;
/// Most needles `needles` makes for one anchor.
const NEEDLES: usize = 5;

/// How an anchor was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The text at the remembered offset is still the remembered text.
    Exact,
    /// The text moved; it was found by its snippet.
    Moved,
    /// The text is gone; this is the nearest valid place.
    Nearest,
}

/// The largest char boundary ≤ `i` in `s` (or `s.len()`).
fn floor_boundary(s: &str, i: usize) -> usize {
    s.floor_char_boundary(i.min(s.len()))
}

/// A valid position: existing chapter, offset inside it on a char boundary.
pub fn clamp(doc: &Document, pos: Position) -> Position {
    let last = doc.chapters.len().saturating_sub(1);
    let chapter = pos.chapter.min(last);
    let text = doc.chapter_text(chapter);
    Position::new(chapter, floor_boundary(text, pos.offset))
}

/// Absolute byte offset in `doc.text` of a (clamped) position.
fn absolute(doc: &Document, pos: Position) -> usize {
    floor_boundary(&doc.text, doc.offset_of(clamp(doc, pos)))
}

/// Percent of the book before absolute offset `abs`, 0–100, one decimal.
pub fn percent_at(doc: &Document, abs: usize) -> f64 {
    if doc.text.is_empty() {
        return 100.0;
    }
    let p = abs.min(doc.text.len()) as f64 * 100.0 / doc.text.len() as f64;
    (p * 10.0).round() / 10.0
}

/// Remember `pos` in `doc`.
pub fn anchor_at(doc: &Document, pos: Position) -> Anchor {
    let pos = clamp(doc, pos);
    let abs = absolute(doc, pos);
    let text = &doc.text;
    let start = text[..abs]
        .char_indices()
        .rev()
        .take(SNIPPET_BEFORE)
        .last()
        .map(|(i, _)| i)
        .unwrap_or(abs);
    let end = text[abs..]
        .char_indices()
        .nth(SNIPPET_AFTER)
        .map(|(i, _)| abs + i)
        .unwrap_or(text.len());
    Anchor {
        position: pos,
        text_offset: abs,
        chapter_title: doc
            .chapters
            .get(pos.chapter)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        snippet: text[start..end].to_string(),
        snippet_at: abs - start,
        percent: percent_at(doc, abs),
        source: doc.sources.as_ref().and_then(|m| m.place(abs)),
    }
}

/// Give an anchor found exactly where it was the source place it lacks (one saved before
/// places in converted books kept theirs), so it outlives the next converter too.
pub(crate) fn fill_source(doc: &Document, anchor: &mut Anchor) {
    if anchor.source.is_none() {
        anchor.source = doc
            .sources
            .as_ref()
            .and_then(|m| m.place(doc.offset_of(clamp(doc, anchor.position))));
    }
}

/// Find `anchor` in `doc`: the position and how it was found.
pub fn resolve(doc: &Document, anchor: &Anchor) -> (Position, Found) {
    resolve_all(doc, &[anchor])
        .pop()
        .unwrap_or((clamp(doc, anchor.position), Found::Nearest))
}

/// The pieces of an anchor's snippet to search for, best first: (text, offset of the place in
/// it). The whole snippet, then the text from the place on, then the text before it.
fn needles(anchor: &Anchor) -> Vec<(&str, usize)> {
    let snippet = anchor.snippet.as_str();
    let at = floor_boundary(snippet, anchor.snippet_at);
    let mut out = Vec::new();
    if !snippet.is_empty() {
        out.push((snippet, at));
    }
    let (before, after) = snippet.split_at(at);
    if after.len() >= MIN_PART {
        out.push((after, 0));
    }
    if before.len() >= MIN_PART {
        out.push((before, before.len()));
    }
    // The rest of the place's line and the line before it, alone: what survives when the
    // lines around changed (a Markdown book once read with its markup, now without).
    let line_after = after.split('\n').next().unwrap_or_default();
    if line_after.len() >= MIN_PART && line_after.len() < after.len() {
        out.push((line_after, 0));
    }
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    if line_before.len() >= MIN_PART && line_before.len() < before.len() {
        out.push((line_before, line_before.len()));
    }
    out
}

/// The place if the text is unchanged there: its snippet is still at its old offset.
fn resolve_exact(doc: &Document, anchor: &Anchor) -> Option<(Position, Found)> {
    let text = doc.text.as_str();
    let snippet = anchor.snippet.as_str();
    let at = floor_boundary(snippet, anchor.snippet_at);
    let matches_at = |abs: usize| -> bool {
        abs.checked_sub(at)
            .and_then(|s| text.get(s..s + snippet.len()))
            .is_some_and(|t| t == snippet)
    };
    if !snippet.is_empty() || text.is_empty() {
        for abs in [anchor.text_offset, absolute(doc, anchor.position)] {
            if abs <= text.len() && text.is_char_boundary(abs) && matches_at(abs) {
                return Some((doc.position_of(abs), Found::Exact));
            }
        }
    }
    None
}

/// The place found near its old offset; `None` when the wider search is needed.
fn resolve_near(doc: &Document, anchor: &Anchor) -> Option<(Position, Found)> {
    let text = doc.text.as_str();
    let old = anchor.text_offset.min(text.len());
    let window =
        floor_boundary(text, old.saturating_sub(WINDOW))..floor_boundary(text, old + WINDOW);
    let hay = text.get(window.clone())?;
    for (rank, (needle, needle_at)) in needles(anchor).into_iter().enumerate() {
        let mut hits = memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
            .map(|i| window.start + i + needle_at);
        let best = if rank == 0 {
            hits.min_by_key(|&abs| abs.abs_diff(old))
        } else {
            // Half a snippet that is there more than once (a title shared by every
            // chapter, a refrain) says nothing about where the place went.
            match (hits.next(), hits.next()) {
                (Some(abs), None) => Some(abs),
                _ => None,
            }
        };
        if let Some(abs) = best {
            return Some((doc.position_of(abs), Found::Moved));
        }
    }
    None
}

/// Where a place saved by another converter of the same source (an EPUB read by an older or
/// newer kanshu) is in this text: its block found by source file and byte, plus the saved
/// distance into it; then moved to where its snippet (or a part of it) is found inside that
/// block, nearest the first guess. Returns the offset and whether the snippet confirmed it;
/// `None` when the anchor has no source place, was saved by this converter, or its file is
/// gone.
fn resolve_by_source(doc: &Document, anchor: &Anchor) -> Option<(usize, bool)> {
    let map = doc.sources.as_deref()?;
    let place = anchor.source.as_ref()?;
    if place.converter == map.converter() {
        return None;
    }
    let text = doc.text.as_str();
    let guess = map.offset(place, text)?;
    let leaf = map.leaf(guess, text.len());
    let margin = anchor.snippet.len();
    let window = floor_boundary(text, leaf.start.saturating_sub(margin))
        ..floor_boundary(text, leaf.end.saturating_add(margin));
    let hay = text.get(window.clone())?;
    for (needle, needle_at) in needles(anchor) {
        let best = memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
            .map(|i| window.start + i + needle_at)
            .filter(|abs| leaf.start <= *abs && *abs <= leaf.end)
            .min_by_key(|abs| abs.abs_diff(guess));
        if let Some(abs) = best {
            return Some((abs, true));
        }
    }
    Some((guess, false))
}

/// The chapter an anchor was in: the one with its title nearest its old index, else the index.
fn old_chapter(doc: &Document, anchor: &Anchor) -> std::ops::Range<usize> {
    let idx = doc
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| !anchor.chapter_title.is_empty() && c.title == anchor.chapter_title)
        .min_by_key(|(i, _)| i.abs_diff(anchor.position.chapter))
        .map(|(i, _)| i)
        .unwrap_or(anchor.position.chapter);
    doc.chapters
        .get(idx)
        .map(|c| c.range.clone())
        .unwrap_or(0..0)
}

/// Find many anchors at once. Each is looked for where it was; one saved by another
/// converter of the same source then through its source place (see [`resolve_by_source`]);
/// the others near their old offset, then in their old chapter, then in the whole book;
/// the last two stages share one pass over the text for all anchors (a 100 MB book is read
/// once, not once per bookmark). A source place whose snippet is found nowhere is the
/// nearest place, not a found one (another book under the same file name has the same paths).
pub fn resolve_all(doc: &Document, anchors: &[&Anchor]) -> Vec<(Position, Found)> {
    let exact: Vec<Option<(Position, Found)>> =
        anchors.iter().map(|a| resolve_exact(doc, a)).collect();
    let by_source: Vec<Option<(usize, bool)>> = anchors
        .iter()
        .zip(&exact)
        .map(|(a, e)| e.is_none().then(|| resolve_by_source(doc, a)).flatten())
        .collect();
    let out: Vec<Option<(Position, Found)>> = anchors
        .iter()
        .zip(exact)
        .zip(&by_source)
        .map(|((a, e), s)| {
            e.or_else(|| match s {
                Some((abs, true)) => Some((doc.position_of(*abs), Found::Moved)),
                _ => resolve_near(doc, a),
            })
        })
        .collect();
    let pending: Vec<usize> = (0..anchors.len()).filter(|&i| out[i].is_none()).collect();
    // Pattern k belongs to anchor owner[k].0, is its needle number owner[k].1, and the place
    // is owner[k].2 bytes into it.
    let mut patterns: Vec<&str> = Vec::new();
    let mut owner: Vec<(usize, usize, usize)> = Vec::new();
    for &i in &pending {
        for (rank, (needle, at)) in needles(anchors[i]).into_iter().enumerate() {
            patterns.push(needle);
            owner.push((i, rank, at));
        }
    }
    // best[i][stage * NEEDLES + rank]: the match nearest the old offset; stage 0 = old
    // chapter, stage 1 = anywhere.
    let mut best: Vec<[Option<usize>; 2 * NEEDLES]> = vec![[None; 2 * NEEDLES]; anchors.len()];
    // How many matches each slot saw: part of a snippet counts only when it is found once.
    let mut seen: Vec<[u32; 2 * NEEDLES]> = vec![[0; 2 * NEEDLES]; anchors.len()];
    let chapters: Vec<std::ops::Range<usize>> =
        anchors.iter().map(|a| old_chapter(doc, a)).collect();
    if !patterns.is_empty()
        && let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns)
    {
        for m in ac.find_overlapping_iter(doc.text.as_bytes()) {
            let Some(&(i, rank, at)) = owner.get(m.pattern().as_usize()) else {
                continue;
            };
            let abs = m.start() + at;
            let old = anchors[i].text_offset.min(doc.text.len());
            let mut keep = |slot: usize| {
                seen[i][slot] = seen[i][slot].saturating_add(1);
                let cur = &mut best[i][slot];
                if cur.is_none_or(|c| abs.abs_diff(old) < c.abs_diff(old)) {
                    *cur = Some(abs);
                }
            };
            if chapters[i].contains(&m.start()) && m.end() <= chapters[i].end {
                keep(rank);
            }
            keep(NEEDLES + rank);
        }
    }
    for (slots, seen) in best.iter_mut().zip(&seen) {
        for slot in (0..2 * NEEDLES).filter(|s| s % NEEDLES != 0) {
            if seen[slot] > 1 {
                slots[slot] = None;
            }
        }
    }
    anchors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            out[i].unwrap_or_else(|| match best[i].iter().flatten().next() {
                Some(&abs) => (doc.position_of(abs), Found::Moved),
                None => match by_source[i] {
                    Some((abs, _)) => (doc.position_of(abs), Found::Nearest),
                    None => (clamp(doc, a.position), Found::Nearest),
                },
            })
        })
        .collect()
}

/// The default name of a bookmark at `pos`: the chapter title and the first words of the text
/// there (about 24 cells), control characters dropped.
pub fn default_bookmark_name(doc: &Document, pos: Position) -> String {
    let pos = clamp(doc, pos);
    let chapter = doc.chapters.get(pos.chapter);
    let title = chapter.map(|c| c.title.trim()).unwrap_or("");
    let text = doc.chapter_text(pos.chapter);
    let mut rest = text.get(pos.offset..).unwrap_or("");
    // At the very top of a chapter with a heading, the first words are the heading itself.
    if pos.offset == 0 && chapter.is_some_and(|c| c.heading) {
        rest = rest.split_once('\n').map(|(_, r)| r).unwrap_or("");
    }
    // So too when the page starts at a line that says the title (an EPUB chapter's heading,
    // a heading said twice): the name would say it twice.
    let first = rest.trim_start().split('\n').next().unwrap_or("");
    if !title.is_empty() && crate::document::chapters::same_words(first, title) {
        rest = rest.trim_start();
        rest = rest.split_once('\n').map(|(_, r)| r).unwrap_or("");
    }
    let mut words = String::new();
    let mut width = 0;
    let mut last_space = false;
    for c in rest.chars() {
        let c = if c.is_whitespace() || c.is_control() {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if words.is_empty() || last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        let w = c.width().unwrap_or(0);
        if width + w > 24 {
            words.push('…');
            break;
        }
        width += w;
        words.push(c);
    }
    let words = words.trim_end();
    let title = shorten_middle(
        &title
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>(),
        24,
    );
    match (title.is_empty(), words.is_empty()) {
        (true, _) => words.to_string(),
        (false, true) => title,
        (false, false) => format!("{title} · {words}"),
    }
}

/// `s` cut to about `max` cells by dropping its middle: long chapter titles often share their
/// beginning with their neighbours (2020堅守…【篇三】), so both ends are kept.
fn shorten_middle(s: &str, max: usize) -> String {
    let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    if width(s) <= max {
        return s.to_string();
    }
    let keep = |chars: &mut dyn Iterator<Item = char>, room: usize| {
        let mut used = 0;
        chars
            .take_while(|c| {
                used += c.width().unwrap_or(0);
                used <= room
            })
            .collect::<Vec<char>>()
    };
    let tail_room = max.saturating_sub(1) / 2;
    let head = keep(&mut s.chars(), max.saturating_sub(1) - tail_room);
    let mut tail = keep(&mut s.chars().rev(), tail_room);
    tail.reverse();
    head.into_iter()
        .chain(std::iter::once('…'))
        .chain(tail)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn book(text: &str) -> Document {
        Document::from_text(text.to_string(), "book")
    }

    const TEXT: &str = "序言在此。\n第一章 起\n春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n\
        床前明月光，疑是地上霜。举头望明月，低头思故乡。\n第二章 承\n白日依山尽，黄河入海流。\
        欲穷千里目，更上一层楼。\n";

    #[test]
    fn unchanged_text_resolves_exactly() {
        let doc = book(TEXT);
        let pos = doc.position_of(TEXT.find("举头").unwrap());
        let a = anchor_at(&doc, pos);
        assert_eq!(resolve(&doc, &a), (pos, Found::Exact));
    }

    #[test]
    fn inserted_text_moves_the_anchor_with_its_words() {
        let doc = book(TEXT);
        let a = anchor_at(&doc, doc.position_of(TEXT.find("举头").unwrap()));
        let edited = TEXT.replace("春眠不觉晓", "又添了好些新的文字。春眠不觉晓");
        let doc2 = book(&edited);
        let (pos, how) = resolve(&doc2, &a);
        assert_eq!(how, Found::Moved);
        assert!(doc2.chapter_text(pos.chapter)[pos.offset..].starts_with("举头"));
    }

    #[test]
    fn an_edit_inside_the_snippet_still_finds_the_place() {
        let doc = book(TEXT);
        let a = anchor_at(&doc, doc.position_of(TEXT.find("举头").unwrap()));
        // a typo fixed just before the place: the text after it still matches
        let doc2 = book(&TEXT.replace("疑是地上霜", "疑似地上霜"));
        let (pos, how) = resolve(&doc2, &a);
        assert_eq!(how, Found::Moved);
        assert!(doc2.chapter_text(pos.chapter)[pos.offset..].starts_with("举头"));
    }

    #[test]
    fn vanished_text_clamps_to_a_valid_place() {
        let doc = book(TEXT);
        let a = anchor_at(&doc, doc.position_of(TEXT.find("欲穷").unwrap()));
        let doc2 = book("第一章 起\n全新的内容。\n");
        let (pos, how) = resolve(&doc2, &a);
        assert_eq!(how, Found::Nearest);
        assert!(pos.chapter < doc2.chapters.len());
        assert!(doc2.chapter_text(pos.chapter).is_char_boundary(pos.offset));
    }

    #[test]
    fn default_names_use_chapter_and_first_words() {
        let doc = book(TEXT);
        let ch = doc
            .chapters
            .iter()
            .position(|c| c.title == "第二章 承")
            .unwrap();
        assert_eq!(
            default_bookmark_name(&doc, Position::new(ch, 0)),
            "第二章 承 · 白日依山尽，黄河入海流。…"
        );
        // A page that starts at the title's line (a heading not marked as one, said again).
        let doc = book("第一章 起\n春眠不觉晓。\n\n第二章 承\n\n第二章 承\n白日依山尽。\n");
        let ch = doc.chapters.len() - 1;
        let at = doc
            .chapter_text(ch)
            .find("\n第二章")
            .map(|k| k + 1)
            .unwrap();
        assert_eq!(
            default_bookmark_name(&doc, Position::new(ch, at)),
            "第二章 承 · 白日依山尽。"
        );
    }

    #[test]
    fn many_places_are_found_in_one_pass_and_prefer_their_own_chapter() {
        // The same sentence in two chapters, far apart; filler pushes both out of the window.
        let filler = "甲乙丙丁戊己庚辛壬癸。".repeat(700);
        let line = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。";
        let text = format!("第一章 上\n{filler}\n{line}\n第二章 下\n{filler}\n{line}\n{filler}\n");
        let doc = book(&text);
        let second = doc.position_of(text.rfind(line).unwrap());
        let first = doc.position_of(text.find(line).unwrap());
        let a2 = anchor_at(&doc, second);
        let a1 = anchor_at(&doc, first);
        // The book gains a long preface: every offset moves far beyond the window.
        let edited = format!("序\n{}\n{text}", "新".repeat(30_000));
        let doc2 = book(&edited);
        let found = resolve_all(&doc2, &[&a2, &a1]);
        assert_eq!(found.len(), 2);
        for ((pos, how), want) in found.iter().zip(["第二章 下", "第一章 上"]) {
            assert_eq!(*how, Found::Moved);
            assert!(doc2.chapters[pos.chapter].title.starts_with(want));
            assert!(doc2.chapter_text(pos.chapter)[pos.offset..].starts_with(line));
        }
    }

    #[test]
    fn long_chapter_titles_keep_both_ends_in_default_names() {
        let text =
            "2020堅守防疫一線踐行初心使命脫貧攻堅戰全面勝利心得體會【篇三】\n正文從這裡開始。\n";
        let mut doc = book(text);
        doc.chapters[0].title = text.lines().next().unwrap().to_string();
        doc.chapters[0].heading = true;
        let name = default_bookmark_name(&doc, Position::new(0, 0));
        assert!(name.starts_with("2020堅守"), "{name}");
        assert!(
            name.contains("…") && name.contains("【篇三】 · 正文從這裡開始。"),
            "{name}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_place_comes_back_exactly(cut in 0usize..TEXT.len()) {
            let doc = book(TEXT);
            let abs = TEXT.floor_char_boundary(cut);
            let pos = doc.position_of(abs);
            let a = anchor_at(&doc, pos);
            let (back, how) = resolve(&doc, &a);
            prop_assert_eq!(how, Found::Exact);
            prop_assert_eq!(doc.offset_of(back), abs);
        }

        #[test]
        fn text_inserted_before_keeps_the_words(cut in 0usize..TEXT.len(), extra in "[a-z，。 ]{1,40}") {
            let doc = book(TEXT);
            let abs = TEXT.floor_char_boundary(cut);
            let a = anchor_at(&doc, doc.position_of(abs));
            let edited = format!("{extra}{TEXT}");
            let doc2 = book(&edited);
            let (pos, _) = resolve(&doc2, &a);
            let new_abs = doc2.offset_of(pos);
            prop_assert_eq!(&edited[new_abs..], &TEXT[abs..]);
        }
    }
}
