//! Text → chapters: heading rules, choosing the rules that fit a book, the book's title, and
//! the cuts of a book without headings.
//!
//! Heading rules are data: a [`RuleSet`] is a list of named [`RuleFamily`]s, each a list of
//! [`HeadingRule`]s (a regular expression over one trimmed line plus a level), so the config can
//! add families. `scan` collects candidates for every family in one pass; `evidence` keeps the
//! shapes that need the book's support; `english` joins two-line English headings;
//! `contents_page` folds a printed table of contents into the front matter; `gutenberg` sets
//! Project Gutenberg's header and licence apart; `title` finds the book's title; `numbers`
//! reads the number a heading prints (what `:37` goes to); `budget` bounds the time of the
//! user's own rules on a book. This module
//! assembles the chapters. A chapter is what the book says: a long chapter is never cut here
//! (layout divides it internally). Nothing here decodes or rewrites the text.

mod budget;
mod chinese;
mod contents_page;
mod english;
mod evidence;
mod gutenberg;
pub mod numbers;
mod rules;
mod scan;
mod shape;
mod title;

use std::ops::Range;

pub use budget::{RULE_BUDGET, RuleBudget, Stopped};
pub use gutenberg::{HEADER_TITLE, LICENCE_TITLE};
pub use rules::{HeadingRule, Placement, RuleFamily, RuleSet, TitleShape};

use super::Chapter;

/// Matches closer than this many characters to the previous counted match are not evidence.
pub const MIN_GAP_CHARS: usize = 1000;
/// A book without headings is cut into parts of about this many bytes (at paragraph ends).
pub const PART_BYTES: usize = 16 * 1024;
/// Lines longer than this (in bytes) are never headings on their own; only the start of such a
/// line is tried by the rules whose heading may share a line with text.
const MAX_HEADING_LINE_BYTES: usize = 400;

/// A heading found in the text.
#[derive(Debug, Clone)]
struct Found {
    /// Byte offset of the heading line's start.
    start: usize,
    level: u8,
    placement: Placement,
    /// Title range in the text.
    title: Range<usize>,
    /// The title's second line (a title under a bare `Chapter 1`, or a wrapped heading).
    title2: Option<Range<usize>>,
    /// Index of the rule in its family.
    rule: usize,
    /// The heading shares its line with the chapter's first sentence.
    inline: bool,
}

/// Why the headings are what they are, for `kanshu info`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Headings kept from the winning family, by rule name, in order of first use.
    pub by_rule: Vec<(String, usize)>,
    /// Of them, how many are at least `MIN_GAP_CHARS` apart.
    pub spaced: usize,
    /// The best other family and its number of headings.
    pub runner_up: Option<(String, usize)>,
    /// A printed contents page was folded into the front matter.
    pub contents_page: bool,
    /// Project Gutenberg's header and licence were set apart.
    pub gutenberg: bool,
}

/// What chapter detection decided.
#[derive(Debug, Clone)]
pub struct Split {
    pub title: String,
    pub chapters: Vec<Chapter>,
    /// Winning family, or "none".
    pub rule: String,
    pub evidence: Evidence,
    /// The user's heading rules took longer than their budget and were left out.
    pub stopped: Option<Stopped>,
}

/// The first non-blank line after the line starting at `start`: its offset (trimmed start),
/// the trimmed line, and how many blank lines lie between.
fn next_line(text: &str, start: usize) -> Option<(usize, &str, usize)> {
    let rest = text.get(start..)?;
    let mut at = start + rest.find('\n')? + 1;
    for (blanks, line) in text.get(at..)?.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            return Some((at + lead, trimmed, blanks));
        }
        at += line.len();
    }
    None
}

/// The line just before the line starting at `start`, when it is not blank.
fn line_before(text: &str, start: usize) -> Option<&str> {
    let before = text.get(..start)?.strip_suffix('\n')?;
    let line = before.rsplit('\n').next()?;
    (!line.trim().is_empty()).then_some(line)
}

/// The trimmed line starting at `start`.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    rest.split('\n').next().unwrap_or_default().trim()
}

/// The same words, white space aside (`第2章 开始` and `第2章　开始`): a heading said again under
/// itself, as layout and bookmark names see it.
pub fn same_words(a: &str, b: &str) -> bool {
    let a = a.chars().filter(|c| !c.is_whitespace());
    a.eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// Split `text` into chapters. `name` is the fallback book title; `markdown` says the book is a
/// Markdown file (its headings win whenever there are any).
pub fn split(text: &str, name: &str, rules: &RuleSet, markdown: bool) -> Split {
    split_within(text, name, rules, markdown, RuleBudget::default())
}

/// [`split`] with the user's heading rules bounded by `budget`: past it they are left out
/// (the built-in rules find the chapters) and [`Split::stopped`] says which rule and where.
pub fn split_within(
    text: &str,
    name: &str,
    rules: &RuleSet,
    markdown: bool,
    budget: RuleBudget,
) -> Split {
    let frame = gutenberg::frame(text);
    let body = frame.as_ref().map_or(0..text.len(), gutenberg::Frame::body);
    let fallback;
    let (rules, mut found, stopped) = match scan::scan(text, rules, body.clone(), budget) {
        Ok(found) => (rules, found, None),
        Err(stopped) => {
            fallback = rules.without_user();
            let found = scan::scan(text, &fallback, body.clone(), budget).unwrap_or_default();
            (&fallback, found, Some(stopped))
        }
    };
    for (family, list) in rules.families.iter().zip(found.iter_mut()) {
        evidence::filter(text, body.len(), family, list);
        // A wrapped sentence is not a title (a user's rule wins over this test, too).
        list.retain(|h| {
            let judged = family.rules.get(h.rule).is_some_and(|r| r.reject_sentences);
            let title = text.get(h.title.clone()).unwrap_or_default();
            !(judged && shape::continues_sentence(line_before(text, h.start), title))
        });
        if family.name == "english" {
            let starts: Vec<usize> = list.iter().map(|h| h.start).collect();
            english::two_line_titles(text, list, |at| {
                let line = text
                    .get(..at)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |p| p + 1);
                starts.binary_search(&line).is_ok()
            });
        }
        contents_page::merge_repeats(text, list);
    }
    let pick = scan::pick_family(text, rules, &found, markdown);
    let (headings, contents) = match pick.and_then(|i| found.get(i)) {
        Some(list) => contents_page::fold(text, list),
        None => (Vec::new(), None),
    };
    let family = pick
        .filter(|_| !headings.is_empty())
        .and_then(|i| rules.families.get(i));
    let rule = family.map_or_else(|| "none".to_string(), |f| f.name.clone());
    let evidence = Evidence {
        by_rule: by_rule(family, &headings),
        spaced: scan::spaced_count(text, &headings),
        runner_up: found
            .iter()
            .zip(&rules.families)
            .enumerate()
            .filter(|(i, (list, _))| Some(*i) != pick && !list.is_empty())
            .max_by_key(|(i, (list, _))| (list.len(), usize::MAX - i))
            .map(|(_, (list, f))| (f.name.clone(), list.len())),
        contents_page: contents.is_some(),
        gutenberg: frame.is_some(),
    };

    let first = headings.first().map_or(body.end, |h| h.start);
    let front = text.get(body.start..first).unwrap_or_default();
    // The title sits before a printed contents page, never inside it.
    let before_contents = contents.as_ref().map_or(first, |c| c.start.min(first));
    let title_front = text.get(body.start..before_contents).unwrap_or_default();
    let header = text.get(..body.start).unwrap_or_default();
    let (title, from_text) =
        match gutenberg::header_title(header).or_else(|| title::book_title(title_front)) {
            Some(t) => (t, true),
            None => match (headings.first(), family) {
                // A Markdown book that opens with its `# Title`.
                (Some(h), Some(f)) if f.markdown && h.start == 0 && h.level == 1 => {
                    (text.get(h.title.clone()).unwrap_or(name).to_string(), true)
                }
                _ => (name.to_string(), false),
            },
        };

    let mut chapters = Vec::new();
    if body.start > 0 {
        chapters.push(matter(HEADER_TITLE, 0..body.start));
    }
    if headings.is_empty() {
        cut_into_parts(text, body.clone(), &title, &mut chapters);
    } else {
        let cjk = front.chars().any(is_cjk)
            || text
                .get(body.clone())
                .is_some_and(|t| t.chars().take(2000).any(is_cjk));
        let front_title = if from_text {
            title.clone()
        } else if contents.is_some() {
            if cjk { "目录" } else { "Contents" }.to_string()
        } else if cjk {
            "前言".to_string()
        } else {
            "Preface".to_string()
        };
        push_chapters(text, &headings, body.clone(), front_title, &mut chapters);
    }
    if body.end < text.len() {
        chapters.push(matter(LICENCE_TITLE, body.end..text.len()));
    }
    if chapters.is_empty() {
        chapters.push(matter(&title, 0..text.len()));
    }
    Split {
        title,
        chapters,
        rule,
        evidence,
        stopped,
    }
}

fn matter(title: &str, range: Range<usize>) -> Chapter {
    Chapter {
        title: title.to_string(),
        level: 1,
        range,
        heading: false,
    }
}

/// Headings per rule name, in order of first use.
fn by_rule(family: Option<&RuleFamily>, headings: &[Found]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let Some(family) = family else { return out };
    for h in headings {
        let name = family.rules.get(h.rule).map_or("?", |r| r.name.as_str());
        match out.iter_mut().find(|(n, _)| n == name) {
            Some((_, c)) => *c += 1,
            None => out.push((name.to_string(), 1)),
        }
    }
    out
}

/// The front matter (when not blank) and one chapter per heading, covering `body`. Blank front
/// matter is folded into the first chapter (or into the section before `body`), whose heading
/// is then its first non-blank line.
fn push_chapters(
    text: &str,
    headings: &[Found],
    body: Range<usize>,
    front_title: String,
    chapters: &mut Vec<Chapter>,
) {
    let first = headings.first().map_or(body.end, |h| h.start);
    let front = text.get(body.start..first).unwrap_or_default();
    let front_blank = front.trim().is_empty();
    if !front_blank {
        chapters.push(matter(&front_title, body.start..first));
    } else if let Some(prev) = chapters.last_mut() {
        prev.range.end = first;
    }
    let levels = levels(headings);
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(body.end, |n| n.start);
        let start = if i == 0 && front_blank && chapters.is_empty() {
            body.start
        } else {
            h.start
        };
        let mut title = text.get(h.title.clone()).unwrap_or_default().to_string();
        if let Some(more) = h.title2.clone().and_then(|r| text.get(r)) {
            // `Chapter 1` ⏎ `The Boy`: "Chapter 1. The Boy"; a wrapped title joins with a space.
            if !title.ends_with(['.', ':', '—', '-']) && english_bare(&title) {
                title.push('.');
            }
            title.push(' ');
            title.push_str(more);
        }
        chapters.push(Chapter {
            title,
            level: levels.get(i).copied().unwrap_or(1),
            range: start..end,
            // A heading that shares its line with the first sentence is laid out as text.
            heading: !h.inline,
        });
    }
}

/// `Chapter 1`, `XII`, `BOOK I`: a heading word and a number, nothing more.
fn english_bare(title: &str) -> bool {
    title.split_whitespace().count() <= 2
        && title
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Levels for the chosen headings: floating rules sit at the top before the first top-level
/// heading; then the levels in use are renumbered 1, 2, … (a book of 章 and 节 has 章 at 1),
/// and no heading sits more than one level below the one before it.
fn levels(headings: &[Found]) -> Vec<u8> {
    let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let mut seen_top = false;
    let mut out: Vec<u8> = headings
        .iter()
        .map(|h| {
            if h.level == top && h.placement == Placement::Fixed {
                seen_top = true;
            }
            if h.placement == Placement::Floating && !seen_top {
                top
            } else {
                h.level
            }
        })
        .collect();
    // Close the gaps: the levels in use become 1, 2, 3… in order.
    let mut used: Vec<u8> = out.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut out {
        *l = used.iter().position(|u| u == l).map_or(1, |p| p as u8 + 1);
    }
    // Never deeper than one below the heading before (an omnibus book with chapters but no
    // 上部/下部 puts them right under the book).
    let mut prev: Option<u8> = None;
    for l in &mut out {
        if let Some(p) = prev {
            *l = (*l).min(p + 1);
        }
        prev = Some(*l);
    }
    out
}

/// The byte index of the first paragraph end (just after a `\n`) in `lo..hi`, preferring a
/// blank line; else after the first `\n` past `hi` (within `max`); else a char boundary at `hi`.
fn cut_point(text: &str, lo: usize, hi: usize, max: usize) -> usize {
    let bytes = text.as_bytes();
    let hi = hi.min(bytes.len());
    let lo = lo.min(hi);
    let window = bytes.get(lo..hi).unwrap_or_default();
    if let Some(p) = memchr::memmem::find(window, b"\n\n") {
        return lo + p + 2;
    }
    if let Some(p) = memchr::memchr(b'\n', window) {
        return lo + p + 1;
    }
    let max = max.min(bytes.len());
    if let Some(p) = memchr::memchr(b'\n', bytes.get(hi..max).unwrap_or_default()) {
        return hi + p + 1;
    }
    let mut at = hi;
    while at < bytes.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A book without headings: parts of `range` of about `PART_BYTES`, titled "title (1)",
/// "title (2)", … (just "title" when it fits in one part). The only navigation parts a
/// reader sees.
fn cut_into_parts(text: &str, range: Range<usize>, title: &str, out: &mut Vec<Chapter>) {
    let mut ranges = Vec::new();
    let mut start = range.start;
    let end = range.end;
    while end - start > PART_BYTES * 5 / 4 {
        let at = cut_point(
            text,
            start + PART_BYTES * 3 / 4,
            start + PART_BYTES * 5 / 4,
            start + PART_BYTES * 4,
        );
        if at >= end {
            break;
        }
        ranges.push(start..at);
        start = at;
    }
    ranges.push(start..end);
    let n = ranges.len();
    for (i, r) in ranges.into_iter().enumerate() {
        let title = if n == 1 {
            title.to_string()
        } else {
            format!("{title} ({})", i + 1)
        };
        out.push(matter(&title, r));
    }
}

#[cfg(test)]
mod tests;
