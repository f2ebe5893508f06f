//! One pass over the lines collecting heading candidates for every family, and the choice of
//! the family that fits the book best.
//!
//! Cheap checks (line length, first or last character) run before any regex and no line is
//! copied. The family with the most well-spaced matches wins, as a person leafing through the
//! book would judge; the numbered families that need evidence win only when no family of
//! unmistakable headings has enough of its own. The user's rules run once per line whatever
//! families hold them, are timed as they run, and the pass stops when they pass their budget
//! (`budget`).

use std::ops::Range;

use super::budget::{Meter, RuleBudget, Shared, Stopped};
use super::evidence::MIN_LINES;
use super::rules::RuleSet;
use super::{Found, MAX_HEADING_LINE_BYTES, MIN_GAP_CHARS};

/// The first and last characters any rule of a set could accept. Most lines of a book (a
/// paragraph starting with 此 or "The") are turned away with two binary searches instead of a
/// walk through every rule of every family: a third of the time to open a hard-wrapped
/// English book went into those walks.
struct Prefilter {
    /// Some rule checks neither end: every line must go to the rules.
    open: bool,
    /// Sorted first characters of the rules that check the first character.
    firsts: Vec<char>,
    /// Sorted last characters of the rules that check only the last character.
    lasts: Vec<char>,
    /// Sorted first characters of the rules that may share a line with body text.
    inline_firsts: Vec<char>,
}

impl Prefilter {
    fn new(rules: &RuleSet) -> Prefilter {
        let mut p = Prefilter {
            open: false,
            firsts: Vec::new(),
            lasts: Vec::new(),
            inline_firsts: Vec::new(),
        };
        for r in rules.families.iter().flat_map(|f| &f.rules) {
            if r.inline {
                p.inline_firsts.extend(&r.first_chars);
            }
            if !r.first_chars.is_empty() {
                p.firsts.extend(&r.first_chars);
            } else if !r.last_chars.is_empty() {
                p.lasts.extend(&r.last_chars);
            } else {
                p.open = true;
            }
        }
        for v in [&mut p.firsts, &mut p.lasts, &mut p.inline_firsts] {
            v.sort_unstable();
            v.dedup();
        }
        p
    }

    /// False only when no rule can accept a line with these end characters.
    fn admits(&self, first: char, last: char) -> bool {
        self.open
            || self.firsts.binary_search(&first).is_ok()
            || self.lasts.binary_search(&last).is_ok()
            || self.inline_firsts.binary_search(&first).is_ok()
    }
}

/// The longest prefix of `line` of at most `max` bytes, cut at a character boundary.
fn head(line: &str, max: usize) -> &str {
    let mut at = max.min(line.len());
    while at > 0 && !line.is_char_boundary(at) {
        at -= 1;
    }
    line.get(..at).unwrap_or_default()
}

/// One pass over the lines of `range`; candidates per family. Stops (`Err`) when the user's
/// rules take longer than `budget` (see `budget`).
pub(super) fn scan(
    text: &str,
    rules: &RuleSet,
    range: Range<usize>,
    budget: RuleBudget,
) -> Result<Vec<Vec<Found>>, Stopped> {
    let mut meter = Meter::new(rules, budget);
    let mut shared = Shared::new(rules);
    let mut found: Vec<Vec<Found>> = vec![Vec::new(); rules.families.len()];
    let prefilter = Prefilter::new(rules);
    let bytes = text.as_bytes();
    let mut in_fence = false;
    let mut start = range.start.min(bytes.len());
    let stop = range.end.min(bytes.len());
    let mut ends = memchr::memchr_iter(b'\n', bytes.get(start..stop).unwrap_or_default());
    let base = start;
    loop {
        let end = match ends.next() {
            Some(e) => base + e,
            None if start < stop => stop,
            None => break,
        };
        let line_start = start;
        start = end + 1;
        let long = end - line_start > MAX_HEADING_LINE_BYTES;
        if long && prefilter.inline_firsts.is_empty() {
            continue;
        }
        // A line that starts and ends with a visible ASCII character (most lines of an English
        // book) needs no trimming to know its end characters: ask the prefilter first.
        if let (Some(&f), Some(&l)) = (bytes.get(line_start), bytes.get(end.wrapping_sub(1)))
            && end > line_start
            && f.is_ascii_graphic()
            && l.is_ascii_graphic()
            && f != b'`'
            && f != b'~'
            && !prefilter.admits(char::from(f), char::from(l))
        {
            continue;
        }
        let Some(line) = text.get(line_start..end) else {
            continue;
        };
        let line = if long {
            head(line, MAX_HEADING_LINE_BYTES)
        } else {
            line
        };
        let trimmed = line.trim();
        let (Some(first), Some(last)) = (trimmed.chars().next(), trimmed.chars().next_back())
        else {
            continue;
        };
        if (first == '`' || first == '~')
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
        {
            in_fence = !in_fence;
            continue;
        }
        if !prefilter.admits(first, last) {
            continue;
        }
        let offset = line_start + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
        let timed = meter.sample_line();
        for (fi, family) in rules.families.iter().enumerate() {
            if family.markdown && in_fence {
                continue;
            }
            for (ri, r) in family.rules.iter().enumerate() {
                if long && !r.inline {
                    continue;
                }
                let hit = shared.answer((fi, ri), line_start, trimmed, || {
                    if timed && r.user {
                        meter.timed(fi, ri, || r.matches(trimmed, first, last))
                    } else {
                        r.matches(trimmed, first, last)
                    }
                });
                if let Some(title) = hit {
                    let t0 = offset + (title.as_ptr() as usize - trimmed.as_ptr() as usize);
                    if let Some(list) = found.get_mut(fi) {
                        list.push(Found {
                            start: line_start,
                            level: r.level,
                            placement: r.placement,
                            title: t0..t0 + title.len(),
                            title2: None,
                            rule: ri,
                            inline: r.inline,
                        });
                    }
                    break;
                }
            }
        }
        if timed && let Some(stopped) = meter.over(rules, line_start - range.start, range.len()) {
            return Err(stopped);
        }
    }
    Ok(found)
}

/// The family with the most well-spaced matches (then the most matches, then the earliest
/// family). In a Markdown file, Markdown headings win whenever there are any. A family whose
/// rules all need evidence wins only when no other family has `MIN_LINES` headings.
pub(super) fn pick_family(
    text: &str,
    rules: &RuleSet,
    found: &[Vec<Found>],
    markdown: bool,
) -> Option<usize> {
    if markdown
        && let Some(i) = rules
            .families
            .iter()
            .zip(found)
            .position(|(f, list)| f.markdown && !list.is_empty())
    {
        return Some(i);
    }
    let best = |weak: bool| {
        let mut best: Option<(usize, (usize, usize))> = None;
        for (i, (list, family)) in found.iter().zip(&rules.families).enumerate() {
            if list.is_empty() || family.needs_evidence() != weak {
                continue;
            }
            let score = (spaced_count(text, list), list.len());
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        best
    };
    match (best(false), best(true)) {
        (Some((s, (_, n))), Some((w, (_, wn)))) => {
            Some(if n >= MIN_LINES || n >= wn { s } else { w })
        }
        (s, w) => s.or(w).map(|(i, _)| i),
    }
}

/// How many matches are at least `MIN_GAP_CHARS` characters after the previous counted one.
pub(super) fn spaced_count(text: &str, list: &[Found]) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut prev: Option<usize> = None;
    for h in list {
        let counts = match prev {
            None => true,
            Some(p) => {
                let gap = h.start.saturating_sub(p);
                if gap >= MIN_GAP_CHARS * 4 {
                    true
                } else if gap < MIN_GAP_CHARS {
                    false
                } else {
                    let chars = bytes
                        .get(p..h.start)
                        .unwrap_or_default()
                        .iter()
                        .filter(|&&b| (b & 0xC0) != 0x80)
                        .count();
                    chars >= MIN_GAP_CHARS
                }
            }
        };
        if counts {
            count += 1;
            prev = Some(h.start);
        }
    }
    count
}
