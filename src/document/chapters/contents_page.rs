//! Lines that are heading-shaped but are not chapters of their own: a heading line repeated
//! twice in a row, and a printed table of contents (目录, CONTENTS) — a run of heading-shaped
//! lines with nothing but short lines between them, which stays inside the front matter as one
//! section instead of becoming dozens of empty chapters or volumes.
//!
//! Only removes candidates; never adds one and never moves a kept one.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Found;

/// A line this long (after dot leaders and page numbers are cut off) is body text.
const BODY_LINE_CHARS: usize = 30;
/// More non-blank lines than this under a heading are body text, however short.
const MAX_LISTING_LINES: usize = 3;
/// Fewest entries of a printed contents page.
const MIN_ENTRIES: usize = 3;

fn title<'a>(text: &'a str, h: &Found) -> &'a str {
    text.get(h.title.clone()).unwrap_or_default()
}

/// A title reduced to what a contents entry and its heading share: no case, spaces,
/// punctuation, dot leader or page number.
fn key(title: &str) -> String {
    let mut t = title.trim_end();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() < t.len() {
        let lead = digits.trim_end_matches(['.', '…', '·', ' ', '　', '-', '_']);
        if digits.len() - lead.len() >= 2 || digits.ends_with(['…', '·']) {
            t = lead;
        }
    }
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The same heading line twice in a row (only blank lines between) is one chapter.
pub(super) fn merge_repeats(text: &str, found: &mut Vec<Found>) {
    let mut prev: Option<(String, usize)> = None;
    found.retain(|h| {
        let t = title(text, h).to_string();
        let line_end = text
            .get(h.start..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |p| h.start + p);
        let repeat = prev.as_ref().is_some_and(|(pt, pend)| {
            *pt == t
                && text
                    .get(*pend..h.start)
                    .is_some_and(|g| g.trim().is_empty())
        });
        if !repeat {
            prev = Some((t, line_end));
        }
        !repeat
    });
}

/// The text under heading `i`: from the end of its title lines to the next heading.
fn under<'a>(text: &'a str, found: &[Found], i: usize) -> &'a str {
    let Some(h) = found.get(i) else { return "" };
    let from = h.title2.as_ref().map_or(h.title.end, |r| r.end);
    let to = found.get(i + 1).map_or(text.len(), |n| n.start);
    text.get(from..to.max(from)).unwrap_or_default()
}

fn has_body(text: &str, found: &[Found], i: usize) -> bool {
    let body = under(text, found, i);
    let mut lines = 0;
    for l in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        if key(l).chars().count() >= BODY_LINE_CHARS || lines > MAX_LISTING_LINES {
            return true;
        }
    }
    false
}

/// Many TXT books open with a list of their chapter titles. Returns the headings without the
/// listing, and the range of the contents page when one was found.
pub(super) fn fold(text: &str, found: &[Found]) -> (Vec<Found>, Option<Range<usize>>) {
    let body: Vec<bool> = (0..found.len()).map(|i| has_body(text, found, i)).collect();
    let first_body = body.iter().position(|&b| b);
    let mut later_keys: HashMap<String, usize> = HashMap::new();
    for (i, h) in found.iter().enumerate() {
        later_keys.insert(key(title(text, h)), i);
    }
    let mut drop: HashSet<usize> = HashSet::new();
    let mut page: Option<Range<usize>> = None;
    let mut i = 0;
    while i < found.len() {
        if body.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        // A run of headings with nothing under them, cut where a title comes back.
        let mut seen = HashSet::new();
        let mut j = i;
        while j < found.len() && !body.get(j).copied().unwrap_or(true) {
            let k = key(found.get(j).map(|h| title(text, h)).unwrap_or_default());
            if !seen.insert(k) {
                break;
            }
            j += 1;
        }
        let mut end = j;
        // The book's real volume heading just before its first chapter is not an entry.
        if let Some(next) = found.get(end) {
            while end > i {
                let Some(last) = found.get(end - 1) else {
                    break;
                };
                let alone = found
                    .get(i..end - 1)
                    .is_some_and(|r| r.iter().all(|h| h.level != last.level));
                if last.level < next.level && alone {
                    end -= 1;
                } else {
                    break;
                }
            }
        }
        let entries = end - i;
        let followed = found.get(end).is_some();
        let at_front = first_body.is_none_or(|f| i < f);
        let returning = (i..end)
            .filter(|&k| {
                found
                    .get(k)
                    .and_then(|h| later_keys.get(&key(title(text, h))))
                    .is_some_and(|&last| last >= end)
            })
            .count();
        if entries >= MIN_ENTRIES && followed && (at_front || returning * 2 >= entries) {
            drop.extend(i..end);
            let start = found.get(i).map_or(0, |h| h.start);
            let stop = found.get(end).map_or(text.len(), |h| h.start);
            page = Some(start..stop);
        }
        i = j.max(i + 1);
    }
    let kept: Vec<Found> = found
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, h)| h.clone())
        .collect();
    (drop_exact_listing(text, &kept), page)
}

/// A heading with nothing under it whose exact title comes back later as a real heading is a
/// contents entry (the listing of a short book with one-line chapters, too).
fn drop_exact_listing(text: &str, headings: &[Found]) -> Vec<Found> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        last.insert(title(text, h), i);
    }
    headings
        .iter()
        .enumerate()
        .filter(|&(i, h)| {
            let repeated = last.get(title(text, h)).is_some_and(|&j| j > i);
            if !repeated {
                return true;
            }
            let end = headings.get(i + 1).map(|n| n.start).unwrap_or(text.len());
            let body = text.get(h.start..end).unwrap_or_default();
            // Keep it when it has any text beyond its own heading line.
            body.trim().lines().nth(1).is_some()
        })
        .map(|(_, h)| h.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_drop_leaders_and_page_numbers() {
        assert_eq!(key("第一章 风起 ……… 12"), key("第一章　风起"));
        assert_eq!(key("Chapter I. Loomings"), key("CHAPTER I. LOOMINGS."));
        assert_ne!(key("Chapter 12"), key("Chapter 13"));
    }
}
