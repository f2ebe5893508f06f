//! Highlights and their notes: a stretch of a book's text the reader marked, in a colour slot,
//! with an optional note; what is saved of one (`Highlight`), how it is found again in a
//! changed text, and the `BookSession` calls the reader makes to add, edit, delete and list
//! them.
//!
//! A highlight is anchored at both ends like a bookmark (offset and snippet), and keeps the
//! text it covered (`quote`), so a highlight whose text is gone from a new version of the book
//! is kept as it was and listed as orphaned, never dropped. Deletions are tombstones, merged
//! like bookmarks (`merge`). No terminal crate, no I/O here (saving is the session's).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::relocate::{Found, anchor_at, clamp};
use super::session::{BookSession, after, new_id};
use super::state::{Anchor, cut_chars, is_false};
use crate::document::Document;
use crate::position::Position;

/// How many colour slots a highlight can take (the theme gives each its colour).
pub const COLOUR_SLOTS: u8 = 8;
/// Longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Longest quote kept, in bytes (a longer highlight keeps its beginning and an ellipsis).
pub const MAX_QUOTE_BYTES: usize = 4096;

/// A stretch of text the reader marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    /// Unique across processes and machines; never reused.
    pub id: String,
    /// Where it begins…
    pub start: Anchor,
    /// …and where it ends (exclusive).
    pub end: Anchor,
    /// The text it covered when it was last found (cut to `MAX_QUOTE_BYTES`).
    #[serde(default)]
    pub quote: String,
    /// Colour slot, 0 to `COLOUR_SLOTS - 1`.
    #[serde(default)]
    pub colour: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub created: Timestamp,
    /// Last change (note, colour, range, delete, undo); the newest edit wins a merge.
    pub edited: Timestamp,
    /// A tombstone: deleted highlights are kept so a merge doesn't bring them back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
}

impl Highlight {
    /// Bring what a file said into bounds.
    pub(crate) fn bound(&mut self) {
        self.start.bound();
        self.end.bound();
        self.colour = self.colour.min(COLOUR_SLOTS - 1);
        cut_quote(&mut self.quote);
        if let Some(note) = self.note.as_mut() {
            *note = clean_note(note);
        }
    }

    /// The stretch as byte offsets into the whole text.
    pub fn text_range(&self) -> Range<usize> {
        self.start.text_offset..self.end.text_offset.max(self.start.text_offset)
    }
}

/// A quote cut to `MAX_QUOTE_BYTES` (on a character boundary, with an ellipsis).
fn cut_quote(quote: &mut String) {
    if quote.len() > MAX_QUOTE_BYTES {
        let at = quote.floor_char_boundary(MAX_QUOTE_BYTES - '…'.len_utf8());
        quote.truncate(at);
        quote.push('…');
    }
}

/// A note as typed: line breaks and tabs kept, other control characters become spaces, outer
/// white space goes, at most `MAX_NOTE_CHARS` characters.
fn clean_note(note: &str) -> String {
    let mut out: String = note
        .chars()
        .take(MAX_NOTE_CHARS + 1)
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    cut_chars(&mut out, MAX_NOTE_CHARS);
    out.trim().to_string()
}

/// The quote for `range` of `doc`'s text.
fn quote_of(doc: &Document, range: Range<usize>) -> String {
    let mut quote = doc.text.get(range).unwrap_or("").to_string();
    cut_quote(&mut quote);
    quote
}

/// One live highlight's part in one chapter, for drawing: byte offsets into that chapter's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightSpan {
    pub id: String,
    pub range: Range<usize>,
    pub colour: u8,
    pub has_note: bool,
}

/// Find a highlight again in `doc`, given how its two ends were found. `Some` anchors when the
/// stretch is there (ends in order, not grown out of measure); `None`: orphaned.
pub(crate) fn relocate(
    doc: &Document,
    h: &Highlight,
    start: (Position, Found),
    end: (Position, Found),
) -> Option<(Anchor, Anchor)> {
    if start.1 == Found::Nearest || end.1 == Found::Nearest {
        return None;
    }
    let (a, b) = (doc.offset_of(start.0), doc.offset_of(end.0));
    let old_len = h.text_range().len();
    if b <= a || b - a > old_len.saturating_mul(2).saturating_add(1024) {
        return None;
    }
    if !still_quoted(&h.quote, doc.text.get(a..b).unwrap_or("")) {
        return None;
    }
    Some((anchor_at(doc, start.0), anchor_at(doc, end.0)))
}

/// Does the stretch found again still hold most of the words highlighted? An edit that
/// rewrote most of them (both ends still found) leaves an orphan, not a highlight on other
/// words with the old note. Counted by characters (white space aside), so it holds for
/// Chinese as for English: at least half of the quote's characters must be in the stretch.
fn still_quoted(quote: &str, found: &str) -> bool {
    let quote = quote.strip_suffix('…').unwrap_or(quote);
    let mut bag: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    for c in quote.chars().filter(|c| !c.is_whitespace()) {
        *bag.entry(c).or_default() += 1;
        total += 1;
    }
    if total == 0 {
        return true;
    }
    let mut kept = 0usize;
    for c in found.chars() {
        if let Some(n) = bag.get_mut(&c)
            && *n > 0
        {
            *n -= 1;
            kept += 1;
        }
    }
    kept * 2 >= total
}

impl BookSession {
    /// Highlight the text from `start` to `end` (either order) in colour slot `colour`, with
    /// an optional note. Returns its id; `None` when the stretch is empty.
    pub fn add_highlight(
        &mut self,
        doc: &Document,
        start: Position,
        end: Position,
        colour: u8,
        note: Option<&str>,
    ) -> Option<String> {
        let (start, end) = ordered(doc, start, end)?;
        let now = self.store.now();
        let id = new_id();
        let start = anchor_at(doc, start);
        let end = anchor_at(doc, end);
        self.state.highlights.push(Highlight {
            id: id.clone(),
            quote: quote_of(doc, start.text_offset..end.text_offset),
            start,
            end,
            colour: colour.min(COLOUR_SLOTS - 1),
            note: note.map(clean_note).filter(|n| !n.is_empty()),
            created: now,
            edited: now,
            deleted: false,
        });
        self.dirty = true;
        self.highlights_unsaved += 1;
        Some(id)
    }

    fn edit_highlight(&mut self, id: &str, change: impl FnOnce(&mut Highlight)) -> bool {
        let Some(h) = self.state.highlights.iter_mut().find(|h| h.id == id) else {
            return false;
        };
        change(h);
        h.edited = after(self.store.now(), h.edited);
        self.dirty = true;
        self.highlights_unsaved += 1;
        true
    }

    /// Set or clear (`None` or only white space) a highlight's note. False if there is none.
    pub fn set_highlight_note(&mut self, id: &str, note: Option<&str>) -> bool {
        let note = note.map(clean_note).filter(|n| !n.is_empty());
        self.edit_highlight(id, |h| h.note = note)
    }

    /// Put a highlight in another colour slot.
    pub fn set_highlight_colour(&mut self, id: &str, colour: u8) -> bool {
        self.edit_highlight(id, |h| h.colour = colour.min(COLOUR_SLOTS - 1))
    }

    /// Move a highlight's ends (an orphaned highlight found again by hand stops being one).
    /// False if there is none or the stretch is empty.
    pub fn set_highlight_range(
        &mut self,
        doc: &Document,
        id: &str,
        start: Position,
        end: Position,
    ) -> bool {
        let Some((start, end)) = ordered(doc, start, end) else {
            return false;
        };
        let (start, end) = (anchor_at(doc, start), anchor_at(doc, end));
        let quote = quote_of(doc, start.text_offset..end.text_offset);
        let done = self.edit_highlight(id, |h| {
            (h.start, h.end, h.quote) = (start, end, quote);
        });
        if done {
            self.orphaned.retain(|o| o != id);
        }
        done
    }

    /// Delete a highlight (kept as a tombstone, so `restore_highlight` can undo it).
    pub fn delete_highlight(&mut self, id: &str) -> bool {
        self.edit_highlight(id, |h| h.deleted = true)
    }

    /// Undo a deletion.
    pub fn restore_highlight(&mut self, id: &str) -> bool {
        self.edit_highlight(id, |h| h.deleted = false)
    }

    pub fn highlight(&self, id: &str) -> Option<&Highlight> {
        self.state.highlights.iter().find(|h| h.id == id)
    }

    /// Live highlights in reading order, orphaned ones included (see `is_orphaned`).
    pub fn highlights(&self) -> Vec<&Highlight> {
        self.state.live_highlights()
    }

    /// True when the highlight's text was not found in this text: its anchors and quote are
    /// kept as they were, it is listed but not drawn.
    pub fn is_orphaned(&self, id: &str) -> bool {
        self.orphaned.iter().any(|o| o == id)
    }

    /// Ids of the highlights whose text was not found in this text.
    pub fn orphaned_highlights(&self) -> &[String] {
        &self.orphaned
    }

    /// The live, found highlights' parts in `chapter` (byte offsets into its text), in
    /// reading order: what the page draws. A highlight over several chapters has a part in each.
    pub fn highlights_in(&self, doc: &Document, chapter: usize) -> Vec<HighlightSpan> {
        let Some(ch) = doc.chapters.get(chapter) else {
            return Vec::new();
        };
        let range = ch.range.clone();
        let text = doc.chapter_text(chapter);
        // From the positions (found in this text, so valid), not the stored offsets.
        let offset = |p: Position| doc.offset_of(clamp(doc, p));
        self.highlights()
            .into_iter()
            .filter(|h| !self.is_orphaned(&h.id))
            .filter_map(|h| {
                let (a, b) = (offset(h.start.position), offset(h.end.position));
                let (s, e) = (a.max(range.start), b.min(range.end));
                let s = text.floor_char_boundary(s.saturating_sub(range.start));
                let e = text.floor_char_boundary(e.saturating_sub(range.start));
                (s < e).then(|| HighlightSpan {
                    id: h.id.clone(),
                    range: s..e,
                    colour: h.colour,
                    has_note: h.note.is_some(),
                })
            })
            .collect()
    }
}

/// Two positions as a (start, end) pair of valid positions in text order; `None` if equal.
fn ordered(doc: &Document, a: Position, b: Position) -> Option<(Position, Position)> {
    let (a, b) = (clamp(doc, a), clamp(doc, b));
    match doc.offset_of(a).cmp(&doc.offset_of(b)) {
        std::cmp::Ordering::Less => Some((a, b)),
        std::cmp::Ordering::Greater => Some((b, a)),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_lines_and_lose_control_characters() {
        assert_eq!(clean_note("  a\r\nb\u{1b}[31m\tc  "), "a\n\nb [31m\tc");
        assert_eq!(
            clean_note(&"字".repeat(MAX_NOTE_CHARS + 5)).chars().count(),
            MAX_NOTE_CHARS
        );
    }

    #[test]
    fn long_quotes_are_cut_on_a_character_boundary() {
        let mut q = "长".repeat(MAX_QUOTE_BYTES);
        cut_quote(&mut q);
        assert!(q.len() <= MAX_QUOTE_BYTES);
        assert!(q.ends_with('…'));
    }
}
