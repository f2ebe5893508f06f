//! The book's own evidence for shapes too common to trust line by line: the numbered families
//! of Chinese TXT sites (`1、标题`, `一、标题`, `标题(12)`, bare numbers), bare Roman numerals,
//! and omnibus title lines.
//!
//! A shape is kept only when its lines are many, spread through the book, short (the rules'
//! own length limits) and each followed by body text; one line is never enough. This module
//! filters candidates; it never adds one.

use super::chinese::OMNIBUS_RULE;
use super::rules::RuleFamily;
use super::{Found, next_line};

/// Fewest lines of one shape that can be headings.
pub const MIN_LINES: usize = 3;
/// Characters of text a heading of such a shape must have under it before the next one.
pub const MIN_BODY_CHARS: usize = 60;
/// The first and last kept line must be at least this share of the text apart.
pub const MIN_SPREAD: f64 = 0.4;

/// Drop candidates of evidence-needing rules the book does not support, and omnibus title
/// lines that do not mark several books.
pub(super) fn filter(text: &str, span: usize, family: &RuleFamily, found: &mut Vec<Found>) {
    for (ri, r) in family.rules.iter().enumerate() {
        if r.needs_evidence {
            let positions: Vec<usize> = found
                .iter()
                .enumerate()
                .filter(|(_, h)| h.rule == ri)
                .map(|(i, _)| i)
                .collect();
            let keep = supported(text, span, found, &positions);
            let mut k = 0;
            found.retain(|h| {
                let i = k;
                k += 1;
                h.rule != ri || keep.contains(&i)
            });
        }
        if r.name == OMNIBUS_RULE {
            omnibus(found, ri);
        }
    }
}

/// Indices (into `found`) of the lines of one shape that the evidence supports: those followed
/// by body text, when there are at least `MIN_LINES` of them spread over the book.
fn supported(text: &str, span: usize, found: &[Found], positions: &[usize]) -> Vec<usize> {
    let starts: Vec<usize> = positions
        .iter()
        .filter_map(|&i| found.get(i))
        .map(|h| h.start)
        .collect();
    let mut keep = Vec::new();
    for (k, &i) in positions.iter().enumerate() {
        let Some(h) = found.get(i) else { continue };
        let next = starts.get(k + 1).copied().unwrap_or(text.len());
        if followed_by_body(text, h.start, next, &starts) {
            keep.push(i);
        }
    }
    let (Some(first), Some(last)) = (
        keep.first().and_then(|&i| found.get(i)),
        keep.last().and_then(|&i| found.get(i)),
    ) else {
        return Vec::new();
    };
    let spread = (last.start - first.start) as f64 >= span as f64 * MIN_SPREAD;
    if keep.len() < MIN_LINES || !spread {
        return Vec::new();
    }
    keep
}

/// The next line is not another line of the shape, and there is body text before the next.
fn followed_by_body(text: &str, start: usize, next: usize, starts: &[usize]) -> bool {
    let Some((at, _, _)) = next_line(text, start) else {
        return false;
    };
    if starts.binary_search(&at).is_ok() {
        return false;
    }
    let body = text.get(at..next.max(at)).unwrap_or_default();
    body.chars().filter(|c| !c.is_whitespace()).count() >= MIN_BODY_CHARS
}

/// Omnibus title lines count only when there are two or more, each followed by other
/// headings before the next one.
fn omnibus(found: &mut Vec<Found>, ri: usize) {
    let idx: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|(_, h)| h.rule == ri)
        .map(|(i, _)| i)
        .collect();
    let holds_headings = |k: usize| {
        let from = idx.get(k).copied().unwrap_or(0) + 1;
        let to = idx.get(k + 1).copied().unwrap_or(found.len());
        to > from
    };
    let good: Vec<usize> = (0..idx.len())
        .filter(|&k| holds_headings(k))
        .filter_map(|k| idx.get(k).copied())
        .collect();
    let keep_any = good.len() >= 2;
    let mut i = 0;
    found.retain(|h| {
        let k = i;
        i += 1;
        h.rule != ri || (keep_any && good.contains(&k))
    });
}
