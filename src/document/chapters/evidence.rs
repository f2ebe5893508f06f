//! The book's own evidence for shapes too common to trust line by line: the numbered families
//! of Chinese TXT sites (`1、标题`, `一、标题`, `标题(12)`, bare numbers), bare Roman numerals,
//! and omnibus title lines.
//!
//! A shape is kept only when its lines are many, spread through the book, short (the rules'
//! own length limits) and each followed by body text; one line is never enough. This module
//! filters candidates; it never adds one.

use super::chinese::{OMNIBUS_PART_RULE, OMNIBUS_RULE};
use super::rules::RuleFamily;
use super::{Found, next_line};

/// Fewest lines of one shape that can be headings.
pub const MIN_LINES: usize = 3;
/// Characters of text a heading of such a shape must have under it before the next one.
pub const MIN_BODY_CHARS: usize = 40;
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
                h.rule != ri || keep.binary_search(&i).is_ok()
            });
        }
        if r.name == OMNIBUS_RULE {
            omnibus(found, ri);
        }
    }
    // 上部/下部 count only inside an omnibus book.
    let rule_index = |name: &str| family.rules.iter().position(|r| r.name == name);
    if let (Some(book), Some(part)) = (rule_index(OMNIBUS_RULE), rule_index(OMNIBUS_PART_RULE))
        && !found.iter().any(|h| h.rule == book)
    {
        found.retain(|h| h.rule != part);
    }
}

/// Indices (into `found`, ascending) of the lines of one shape that the evidence supports:
/// those followed by body text, when there are at least `MIN_LINES` of them spread over the
/// book.
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
        let prev = k.checked_sub(1).and_then(|p| starts.get(p)).copied();
        if followed_by_body(text, h.start, next, &starts) && !listed_after(text, prev, h.start) {
            keep.push(i);
        }
    }
    let keep = in_sequence(text, found, keep);
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

/// Keep the lines whose number fits the sequence: one more than its neighbour before, one
/// less than its neighbour after, or in order with both. A stray `I` between `II` and `III` is
/// not a chapter; a new volume that starts again at 1 still is.
fn in_sequence(text: &str, found: &[Found], keep: Vec<usize>) -> Vec<usize> {
    let nums: Vec<Option<u32>> = keep
        .iter()
        .map(|&i| {
            found
                .get(i)
                .and_then(|h| text.get(h.title.clone()))
                .and_then(number)
        })
        .collect();
    keep.iter()
        .enumerate()
        .filter(|&(k, _)| {
            let Some(Some(n)) = nums.get(k).copied() else {
                return true;
            };
            let prev = k
                .checked_sub(1)
                .and_then(|p| nums.get(p).copied().flatten());
            let next = nums.get(k + 1).copied().flatten();
            let follows = prev.is_some_and(|p| n == p + 1);
            let leads = next.is_some_and(|x| x == n + 1);
            let in_order = prev.is_none_or(|p| p < n) && next.is_none_or(|x| x > n);
            follows || leads || in_order
        })
        .map(|(_, &i)| i)
        .collect()
}

/// The number a numbered title carries: leading Arabic, Roman or Chinese digits, else a
/// number at the end (`标题12`, `标题(12)`).
pub(super) fn number(title: &str) -> Option<u32> {
    let t = title.trim();
    let lead: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    if !lead.is_empty() {
        return digits(&lead);
    }
    let roman: String = t.chars().take_while(|c| "IVXLC".contains(*c)).collect();
    if !roman.is_empty()
        && t.get(roman.len()..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| c == '.' || c.is_whitespace())
    {
        return roman_value(&roman);
    }
    let hanzi: String = t
        .chars()
        .take_while(|c| "一二三四五六七八九十百零〇两".contains(*c))
        .collect();
    if !hanzi.is_empty() {
        return hanzi_value(&hanzi);
    }
    let tail = t.trim_end_matches([')', '）']);
    let start = tail
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    digits(tail.get(start..)?)
}

fn digits(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from(b'0')).unwrap_or(c),
            c => c,
        })
        .collect();
    ascii.parse().ok()
}

fn roman_value(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let vals: Vec<i64> = s.chars().map(value).collect();
    let mut total = 0i64;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok()
}

fn hanzi_value(s: &str) -> Option<u32> {
    let digit = |c| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let mut total = 0;
    let mut current = 0;
    for c in s.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '〇' => {}
            '两' => current = 2,
            c => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// The line at `start` comes right after another line of the shape (only blank lines
/// between): an item of a list, not a heading.
fn listed_after(text: &str, prev: Option<usize>, start: usize) -> bool {
    prev.and_then(|p| next_line(text, p))
        .is_some_and(|(at, _, _)| {
            text.get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |n| n + 1)
                == start
        })
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

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_of_numbered_titles() {
        for (t, n) in [
            ("IV", 4),
            ("XII. The Return", 12),
            ("XLIX", 49),
            ("12、标题", 12),
            ("０３ 标题", 3),
            ("二十三、标题", 23),
            ("十、标题", 10),
            ("江湖夜雨(14)", 14),
            ("归途7", 7),
        ] {
            assert_eq!(number(t), Some(n), "{t}");
        }
    }
}
