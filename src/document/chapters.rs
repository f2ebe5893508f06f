//! Text → chapters: heading rules, choosing the rules that fit a book, splitting into parts.
//!
//! Heading rules are data: a [`RuleSet`] is a list of named [`RuleFamily`]s, each a list of
//! [`HeadingRule`]s (a regular expression over one trimmed line plus a level), so the config can
//! add families later. One pass over the lines collects candidates for every family; cheap
//! checks (line length, first or last character) run before any regex and no line is copied.
//! The family with the most well-spaced matches wins, as a person leafing through the book would
//! judge. This module only computes ranges and titles; it never decodes or rewrites the text.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::Chapter;

/// Matches closer than this many characters to the previous counted match are not evidence.
pub const MIN_GAP_CHARS: usize = 1000;
/// A chapter longer than this many bytes is cut into parts "title (1)", "title (2)", ….
pub const MAX_CHAPTER_BYTES: usize = 100 * 1024;
/// A book without headings is cut into parts of about this many bytes (at paragraph ends).
pub const PART_BYTES: usize = 16 * 1024;
/// Lines longer than this (in bytes) are never headings; checked before anything else.
const MAX_HEADING_LINE_BYTES: usize = 400;

/// Characters of Chinese numbers used in headings: Arabic, full-width, Chinese, financial.
const NUM: &str = "[0-9０-９零〇○一二两兩三四五六七八九十百千万萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]";
/// What may sit between a heading's number and its title.
const SEP: &str = r"[\s:：、.．·\-—_]";
/// English numbers: Arabic, Roman, words.
const EN_NUM: &str = r"(?:\d+|[IVXLCDM]+|[ivxlcdm]+|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)))";

/// How a rule's level is placed in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Always the rule's level.
    Fixed,
    /// Front or back matter (序章, 尾声, PROLOGUE…): top level before the first volume, the
    /// rule's level after it.
    Floating,
}

/// What a title is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleShape {
    /// The trimmed line, exactly as in the text.
    Line,
    /// Capture group 1 (e.g. a Markdown heading without its `#` marks).
    Group,
}

/// One heading shape: a regex over a trimmed line, a level, and cheap checks run first.
#[derive(Debug, Clone)]
pub struct HeadingRule {
    /// Short name, for debugging and config.
    pub name: String,
    /// Regex applied to the trimmed line.
    pub pattern: Regex,
    /// 1 = volume or top heading, 2 = chapter, 3 = section.
    pub level: u8,
    pub placement: Placement,
    pub title: TitleShape,
    /// The trimmed line must start with one of these characters (empty: no check).
    pub first_chars: Vec<char>,
    /// The trimmed line must end with one of these characters (empty: no check).
    pub last_chars: Vec<char>,
    /// Longest acceptable line, in characters.
    pub max_chars: usize,
    /// Reject lines that read as sentences (Chinese or English punctuation rules).
    pub reject_sentences: bool,
}

impl HeadingRule {
    /// A rule from a user pattern: no prefilter, titles are whole lines, sentences rejected.
    pub fn new(name: &str, pattern: &str, level: u8) -> Result<HeadingRule, regex::Error> {
        Ok(HeadingRule {
            name: name.to_string(),
            pattern: Regex::new(pattern)?,
            level: level.clamp(1, 6),
            placement: Placement::Fixed,
            title: TitleShape::Line,
            first_chars: Vec::new(),
            last_chars: Vec::new(),
            max_chars: 60,
            reject_sentences: true,
        })
    }

    fn matches<'t>(&self, line: &'t str, first: char, last: char) -> Option<&'t str> {
        if !self.first_chars.is_empty() && !self.first_chars.contains(&first) {
            return None;
        }
        if !self.last_chars.is_empty() && !self.last_chars.contains(&last) {
            return None;
        }
        let caps = self.pattern.captures(line)?;
        if line.chars().count() > self.max_chars {
            return None;
        }
        if self.reject_sentences && reads_as_sentence(line) {
            return None;
        }
        match self.title {
            TitleShape::Line => Some(line),
            TitleShape::Group => caps.get(1).map(|m| m.as_str().trim()),
        }
    }
}

/// Rules that describe one way of writing headings; the book picks one family.
#[derive(Debug, Clone)]
pub struct RuleFamily {
    /// Shown by `kanshu info` as the rule that won.
    pub name: String,
    pub rules: Vec<HeadingRule>,
    /// Markdown: skip fenced code blocks, and win outright in `.md` files.
    pub markdown: bool,
}

impl RuleFamily {
    /// A family from user patterns, each with its level (e.g. from the config file).
    pub fn from_patterns(name: &str, patterns: &[(&str, u8)]) -> Result<RuleFamily, regex::Error> {
        let rules = patterns
            .iter()
            .enumerate()
            .map(|(i, (pattern, level))| HeadingRule::new(&format!("{name}-{i}"), pattern, *level))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleFamily {
            name: name.to_string(),
            rules,
            markdown: false,
        })
    }
}

/// All heading families, in order of preference when the evidence is equal.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub families: Vec<RuleFamily>,
}

fn rule(
    name: &str,
    pattern: &str,
    level: u8,
    placement: Placement,
    first_chars: &str,
    last_chars: &str,
    max_chars: usize,
) -> HeadingRule {
    HeadingRule {
        name: name.to_string(),
        // The built-in patterns are constants tested below; an empty-never-matching regex is
        // the harmless fallback should one ever fail to compile.
        pattern: Regex::new(pattern).unwrap_or_else(|_| never()),
        level,
        placement,
        title: TitleShape::Line,
        first_chars: first_chars.chars().collect(),
        last_chars: last_chars.chars().collect(),
        max_chars,
        reject_sentences: true,
    }
}

fn never() -> Regex {
    // `[^\s\S]` matches nothing; it always compiles.
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!())
}

impl RuleSet {
    /// The built-ins followed by `extra` (user families lose ties to the built-ins).
    pub fn with_families(extra: impl IntoIterator<Item = RuleFamily>) -> RuleSet {
        let mut set = RuleSet::builtin().clone();
        set.families.extend(extra);
        set
    }

    /// The built-in families: `chinese`, `bracketed`, `english`, `markdown`.
    pub fn builtin() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(RuleSet::build_builtin)
    }

    fn build_builtin() -> RuleSet {
        let open = "[【\\[〖]?";
        let close = "[】\\]〗]?";
        let tail = format!(
            "(?:{SEP}.*|[^{SEP_CHARS}].{{0,30}})?$",
            SEP_CHARS = r"\s:：、.．·\-—_"
        );
        let chinese = RuleFamily {
            name: "chinese".into(),
            markdown: false,
            rules: vec![
                rule(
                    "volume",
                    &format!(
                        "^{open}(?:第[ 　]*{NUM}+[ 　]*卷{close}{tail}|(?:第[ 　]*{NUM}+[ 　]*部分?|卷[ 　]*{NUM}+){close}(?:$|{SEP}.*))"
                    ),
                    1,
                    Placement::Fixed,
                    "第卷【[〖",
                    "",
                    45,
                ),
                rule(
                    "section",
                    &format!("^{open}第[ 　]*{NUM}+[ 　]*[节節]{close}{tail}"),
                    3,
                    Placement::Fixed,
                    "第【[〖",
                    "",
                    45,
                ),
                rule(
                    "chapter",
                    &format!(
                        "^(?:正文[ 　]*)?{open}第[ 　]*{NUM}+[ 　]*[章回集篇话話幕折]{close}{tail}"
                    ),
                    2,
                    Placement::Fixed,
                    "第正【[〖",
                    "",
                    45,
                ),
                rule(
                    "matter",
                    &format!(
                        "^{open}(?:序|序章|序言|序幕|序曲|楔子|引子|引言|前言|正文|尾声|尾聲|终章|終章|后记|後記|後序|后序|番外篇?|外传|外傳|完本感言|跋)(?:[ 　]*{NUM}+)?{close}(?:$|{SEP}.*)"
                    ),
                    2,
                    Placement::Floating,
                    "序楔引前正尾终終后後番外完跋【[〖",
                    "",
                    30,
                ),
            ],
        };
        let bracketed = RuleFamily {
            name: "bracketed".into(),
            markdown: false,
            rules: vec![rule(
                "title-number",
                &format!("^.{{0,60}}[【\\[〖](?:第?{NUM}+[篇章节節回]?|篇{NUM}+)[】\\]〗]$"),
                2,
                Placement::Fixed,
                "",
                "】]〗",
                70,
            )],
        };
        // After the number: nothing, punctuation, or a title that does not start in lower case
        // (which would be prose: "Book two was better").
        let en_tail = r"(?:$|[.:]\s*.*|\s*[-—–]\s*.*|\s+[^a-z\s].*)";
        let english = RuleFamily {
            name: "english".into(),
            markdown: false,
            rules: vec![
                rule(
                    "book",
                    &format!(
                        "^(?:BOOK|Book|PART|Part|VOLUME|Volume|VOL\\.|Vol\\.)\\s+{EN_NUM}{en_tail}"
                    ),
                    1,
                    Placement::Fixed,
                    "BPV",
                    "",
                    80,
                ),
                rule(
                    "chapter",
                    &format!("^(?:CHAPTER|Chapter|CHAP\\.|Chap\\.)\\s+{EN_NUM}{en_tail}"),
                    2,
                    Placement::Fixed,
                    "C",
                    "",
                    80,
                ),
                rule(
                    "matter",
                    &format!(
                        "^(?:PROLOGUE|Prologue|EPILOGUE|Epilogue|PREFACE|Preface|FOREWORD|Foreword|AFTERWORD|Afterword|INTRODUCTION|Introduction){en_tail}"
                    ),
                    2,
                    Placement::Floating,
                    "PEFAI",
                    "",
                    60,
                ),
            ],
        };
        let markdown = RuleFamily {
            name: "markdown".into(),
            markdown: true,
            rules: (1..=3u8)
                .map(|n| {
                    let mut r = rule(
                        &format!("h{n}"),
                        &format!(r"^#{{{n}}}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$"),
                        n,
                        Placement::Fixed,
                        "#",
                        "",
                        120,
                    );
                    r.title = TitleShape::Group;
                    r.reject_sentences = false;
                    r
                })
                .collect(),
        };
        RuleSet {
            families: vec![chinese, bracketed, english, markdown],
        }
    }
}

/// True when a candidate line reads as a sentence rather than a heading: it holds 。，；, has
/// ！？ mid-line, ends in ！？ while long, ends in a comma-like mark, or is long English prose.
fn reads_as_sentence(line: &str) -> bool {
    if line.contains(['。', '，', '；']) {
        return true;
    }
    let body = line.trim_end_matches(['！', '？', '!', '?']);
    if body.contains(['！', '？']) {
        return true;
    }
    // A short heading may end in ！/？ (第十二章 你是谁？); a long one reads as a sentence.
    if line.ends_with(['！', '？']) && line.chars().count() > 20 {
        return true;
    }
    if line.ends_with([',', ';', '、', '：']) {
        return true;
    }
    line.split_whitespace().count() > 14 || (line.is_ascii() && line.matches(", ").count() >= 2)
}

/// A heading found in the text.
#[derive(Debug, Clone)]
struct Found {
    /// Byte offset of the heading line's start.
    start: usize,
    level: u8,
    placement: Placement,
    /// Title range in the text.
    title: Range<usize>,
}

/// What chapter detection decided.
#[derive(Debug, Clone)]
pub struct Split {
    pub title: String,
    pub chapters: Vec<Chapter>,
    /// Winning family, or "none".
    pub rule: String,
}

/// Split `text` into chapters. `name` is the fallback book title; `markdown` says the book is a
/// Markdown file (its headings win whenever there are any).
pub fn split(text: &str, name: &str, rules: &RuleSet, markdown: bool) -> Split {
    let found = scan(text, rules);
    let pick = pick_family(text, rules, &found, markdown);
    let listed: Vec<Found> = match pick {
        Some(i) => drop_contents_list(text, found.get(i).map(Vec::as_slice).unwrap_or_default()),
        None => Vec::new(),
    };
    let headings: &[Found] = &listed;
    let rule = match pick {
        Some(i) if !headings.is_empty() => rules
            .families
            .get(i)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| "none".into()),
        _ => "none".into(),
    };
    let first = headings.first().map(|h| h.start).unwrap_or(text.len());
    let front = text.get(..first).unwrap_or_default();
    let (title, from_text) = match book_title(front) {
        Some(t) => (t, true),
        None => match (headings.first(), pick.and_then(|i| rules.families.get(i))) {
            // A Markdown book that opens with its `# Title`.
            (Some(h), Some(f)) if f.markdown && h.start == 0 && h.level == 1 => {
                (text.get(h.title.clone()).unwrap_or(name).to_string(), true)
            }
            _ => (name.to_string(), false),
        },
    };

    let mut chapters = Vec::new();
    if headings.is_empty() {
        cut_into_parts(text, &title, &mut chapters);
        return Split {
            title,
            chapters,
            rule,
        };
    }

    let levels = levels(headings);
    let front_blank = front.trim().is_empty();
    if !front_blank {
        let front_title = if from_text {
            title.clone()
        } else if front.chars().any(is_cjk) {
            "前言".to_string()
        } else {
            "Preface".to_string()
        };
        chapters.push(Chapter {
            title: front_title,
            level: 1,
            range: 0..first,
            heading: false,
        });
    }
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map(|n| n.start).unwrap_or(text.len());
        let start = if i == 0 && front_blank { 0 } else { h.start };
        chapters.push(Chapter {
            title: text.get(h.title.clone()).unwrap_or_default().to_string(),
            level: levels.get(i).copied().unwrap_or(1),
            range: start..end,
            // Leading blank lines folded into the first chapter: its first line is blank.
            heading: start == h.start,
        });
    }
    let chapters = split_huge(text, chapters);
    Split {
        title,
        chapters,
        rule,
    }
}

/// Many TXT books open with a list of their chapter titles (目录). Such a line is a heading
/// with nothing under it whose exact title comes back later as a real heading: it is dropped,
/// so the list stays in the front matter instead of becoming hundreds of empty chapters.
fn drop_contents_list(text: &str, headings: &[Found]) -> Vec<Found> {
    let title = |h: &Found| text.get(h.title.clone()).unwrap_or_default();
    let mut last: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        last.insert(title(h), i);
    }
    headings
        .iter()
        .enumerate()
        .filter(|&(i, h)| {
            let repeated = last.get(title(h)).is_some_and(|&j| j > i);
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

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Levels for the chosen headings: floating rules sit at the top before the first top-level
/// heading; then the levels in use are renumbered 1, 2, … (a book of 章 and 节 has 章 at 1).
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
    out
}

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
}

impl Prefilter {
    fn new(rules: &RuleSet) -> Prefilter {
        let mut p = Prefilter {
            open: false,
            firsts: Vec::new(),
            lasts: Vec::new(),
        };
        for r in rules.families.iter().flat_map(|f| &f.rules) {
            if !r.first_chars.is_empty() {
                p.firsts.extend(&r.first_chars);
            } else if !r.last_chars.is_empty() {
                p.lasts.extend(&r.last_chars);
            } else {
                p.open = true;
            }
        }
        p.firsts.sort_unstable();
        p.firsts.dedup();
        p.lasts.sort_unstable();
        p.lasts.dedup();
        p
    }

    /// False only when no rule can accept a line with these end characters.
    fn admits(&self, first: char, last: char) -> bool {
        self.open
            || self.firsts.binary_search(&first).is_ok()
            || self.lasts.binary_search(&last).is_ok()
    }
}

/// One pass over the lines; candidates per family.
fn scan(text: &str, rules: &RuleSet) -> Vec<Vec<Found>> {
    let mut found: Vec<Vec<Found>> = vec![Vec::new(); rules.families.len()];
    let prefilter = Prefilter::new(rules);
    let bytes = text.as_bytes();
    let mut in_fence = false;
    let mut start = 0usize;
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    loop {
        let end = match ends.next() {
            Some(e) => e,
            None if start < bytes.len() => bytes.len(),
            None => break,
        };
        let line_start = start;
        start = end + 1;
        if end - line_start > MAX_HEADING_LINE_BYTES {
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
        for (fi, family) in rules.families.iter().enumerate() {
            if family.markdown && in_fence {
                continue;
            }
            for r in &family.rules {
                if let Some(title) = r.matches(trimmed, first, last) {
                    let t0 = offset + (title.as_ptr() as usize - trimmed.as_ptr() as usize);
                    if let Some(list) = found.get_mut(fi) {
                        list.push(Found {
                            start: line_start,
                            level: r.level,
                            placement: r.placement,
                            title: t0..t0 + title.len(),
                        });
                    }
                    break;
                }
            }
        }
    }
    found
}

/// The family with the most well-spaced matches (then the most matches, then the earliest
/// family). In a Markdown file, Markdown headings win whenever there are any.
fn pick_family(text: &str, rules: &RuleSet, found: &[Vec<Found>], markdown: bool) -> Option<usize> {
    if markdown
        && let Some(i) = rules
            .families
            .iter()
            .zip(found)
            .position(|(f, list)| f.markdown && !list.is_empty())
    {
        return Some(i);
    }
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, list) in found.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let score = (spaced_count(text, list), list.len());
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

fn spaced_count(text: &str, list: &[Found]) -> usize {
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

/// The book title from the text before the first heading: a 《…》 line, else the first short
/// line among the first few lines.
fn book_title(front: &str) -> Option<String> {
    let lines = || {
        front
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(10)
    };
    for l in lines() {
        if let Some(inner) = l.strip_prefix('《').and_then(|r| r.strip_suffix('》'))
            && !inner.is_empty()
            && !inner.contains(['《', '》'])
        {
            return Some(inner.trim().to_string());
        }
        if let Some(t) = l
            .strip_prefix("Title:")
            .or_else(|| l.strip_prefix("书名："))
            .or_else(|| l.strip_prefix("書名："))
            .map(str::trim)
            && !t.is_empty()
        {
            return Some(t.to_string());
        }
    }
    lines()
        .find(|l| l.chars().count() <= 50 && !reads_as_sentence(l) && !l.ends_with(['。', '.']))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .filter(|t| !t.is_empty())
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

/// A book without headings: parts of about `PART_BYTES`, titled "title (1)", "title (2)", …
/// (just "title" when the book fits in one part).
fn cut_into_parts(text: &str, title: &str, out: &mut Vec<Chapter>) {
    let mut ranges = Vec::new();
    let mut start = 0;
    while text.len() - start > PART_BYTES * 5 / 4 {
        let at = cut_point(
            text,
            start + PART_BYTES * 3 / 4,
            start + PART_BYTES * 5 / 4,
            start + PART_BYTES * 4,
        );
        if at >= text.len() {
            break;
        }
        ranges.push(start..at);
        start = at;
    }
    ranges.push(start..text.len());
    let n = ranges.len();
    for (i, r) in ranges.into_iter().enumerate() {
        out.push(Chapter {
            title: if n == 1 {
                title.to_string()
            } else {
                format!("{title} ({})", i + 1)
            },
            level: 1,
            range: r,
            heading: false,
        });
    }
}

/// Cut every chapter over `MAX_CHAPTER_BYTES` into about equal parts at paragraph ends.
fn split_huge(text: &str, chapters: Vec<Chapter>) -> Vec<Chapter> {
    if chapters.iter().all(|c| c.range.len() <= MAX_CHAPTER_BYTES) {
        return chapters;
    }
    let mut out = Vec::with_capacity(chapters.len() + 8);
    for c in chapters {
        let len = c.range.len();
        if len <= MAX_CHAPTER_BYTES {
            out.push(c);
            continue;
        }
        let parts = len.div_ceil(MAX_CHAPTER_BYTES * 4 / 5);
        let target = len / parts;
        let mut ranges = Vec::new();
        let mut start = c.range.start;
        while c.range.end - start > MAX_CHAPTER_BYTES {
            let at = cut_point(
                text,
                start + target * 3 / 4,
                start + target.min(MAX_CHAPTER_BYTES),
                (start + MAX_CHAPTER_BYTES * 2).min(c.range.end),
            );
            if at <= start || at >= c.range.end {
                break;
            }
            ranges.push(start..at);
            start = at;
        }
        ranges.push(start..c.range.end);
        for (i, r) in ranges.into_iter().enumerate() {
            out.push(Chapter {
                title: format!("{} ({})", c.title, i + 1),
                level: c.level,
                range: r,
                heading: i == 0 && c.heading,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(u8, String)> {
        split(text, "book", RuleSet::builtin(), false)
            .chapters
            .into_iter()
            .map(|c| (c.level, c.title))
            .collect()
    }

    fn is_heading(line: &str) -> bool {
        let text = format!("开头一段。\n{line}\n正文。\n");
        split(&text, "book", RuleSet::builtin(), false)
            .chapters
            .iter()
            .any(|c| c.heading && c.title == line.trim())
    }

    #[test]
    fn builtin_patterns_compile() {
        for f in &RuleSet::builtin().families {
            for r in &f.rules {
                assert_ne!(
                    r.pattern.as_str(),
                    never().as_str(),
                    "{}/{}",
                    f.name,
                    r.name
                );
                Regex::new(r.pattern.as_str()).unwrap();
            }
        }
    }

    #[test]
    fn chinese_heading_shapes() {
        for h in [
            "第1章 开始",
            "第12章",
            "第１２章 全角",
            "第一百二十回 大结局",
            "第两千零一章 新的开始",
            "第〇章 零",
            "第壹章 财务数字",
            "第三节　全角空格",
            "第五回",
            "第二集 续",
            "第七篇 文",
            "第八话 话",
            "第八話 話",
            "第一章开始",
            "第十章：冒号",
            "【第一章】 括号",
            "【第一章】",
            "正文 第一章 开端",
            "第十二章 你是谁？",
        ] {
            assert!(is_heading(h), "{h}");
        }
    }

    #[test]
    fn matter_words() {
        for h in [
            "序",
            "序章",
            "序言",
            "楔子",
            "引子",
            "前言",
            "尾声",
            "尾聲",
            "终章",
            "終章",
            "后记",
            "後記",
            "番外",
            "番外一 旧事",
            "序章 开端",
            "正文",
            "番外篇",
            "序言",
            "引言",
        ] {
            assert!(is_heading(h), "{h}");
        }
    }

    #[test]
    fn traps_are_not_headings() {
        for t in [
            "第一次见面的时候，他还是个孩子。",
            "第三天清晨，雾很大。",
            "一是产业兴旺。",
            "第一章的内容很长，我们慢慢读完它吧。",
            "第五章说的是一个很长很长很长很长很长很长很长很长很长很长很长很长很长的故事情节",
            "序幕拉开了，人们走进来。",
            "前言不搭后语",
            "He said the chapter of accidents was long.",
            "Chapter and verse, she said, was all she knew.",
            "Part of the problem was the weather.",
            "Book two was better, said the critic, and he meant it.",
        ] {
            assert!(!is_heading(t), "{t}");
        }
    }

    #[test]
    fn english_heading_shapes() {
        for h in [
            "CHAPTER I.",
            "CHAPTER XLII",
            "Chapter 12",
            "Chapter Twelve",
            "Chapter Twenty-One",
            "Chapter 3: The Road",
            "CHAPTER IV. THE RABBIT SENDS IN A LITTLE BILL",
            "BOOK II",
            "PART ONE",
            "Part 2 — Later",
            "PROLOGUE",
            "Epilogue",
        ] {
            assert!(is_heading(h), "{h}");
        }
    }

    #[test]
    fn volumes_hold_chapters() {
        let text = "第一卷 起\n第一章 甲\n正文。\n第二章 乙\n正文。\n卷二 承\n第三章 丙\n正文。\n";
        assert_eq!(
            titles(text),
            vec![
                (1, "第一卷 起".into()),
                (2, "第一章 甲".into()),
                (2, "第二章 乙".into()),
                (1, "卷二 承".into()),
                (2, "第三章 丙".into()),
            ]
        );
    }

    #[test]
    fn sections_sit_under_chapters() {
        let text = "第一章 甲\n第一节 子\n正文。\n第二节 丑\n正文。\n第二章 乙\n正文。\n";
        assert_eq!(
            titles(text),
            vec![
                (1, "第一章 甲".into()),
                (2, "第一节 子".into()),
                (2, "第二节 丑".into()),
                (1, "第二章 乙".into()),
            ]
        );
        let only = "第一节 子\n正文。\n第二节 丑\n正文。\n";
        assert_eq!(
            titles(only),
            vec![(1, "第一节 子".into()), (1, "第二节 丑".into())]
        );
    }

    #[test]
    fn volume_shapes() {
        for h in [
            "第一卷",
            "第一卷风起",
            "第1卷 风起",
            "卷二 云涌",
            "卷三",
            "第二部 新篇",
            "第三部分",
        ] {
            let text = format!("{h}\n第一章 甲\n正文。\n");
            assert_eq!(titles(&text).first(), Some(&(1, h.to_string())), "{h}");
        }
        for t in ["第一部电影很好看", "卷起千堆雪"] {
            assert!(!is_heading(t), "{t}");
        }
    }

    #[test]
    fn chapters_without_volumes_are_top_level() {
        let text = "楔子\n往事。\n第一章 甲\n正文。\n第二章 乙\n正文。\n尾声\n完。\n";
        assert_eq!(
            titles(text),
            vec![
                (1, "楔子".into()),
                (1, "第一章 甲".into()),
                (1, "第二章 乙".into()),
                (1, "尾声".into()),
            ]
        );
    }

    #[test]
    fn front_matter_is_a_chapter() {
        let text = "《山河》\n作者：某人\n\n第一章 起\n正文。\n";
        let s = split(text, "file", RuleSet::builtin(), false);
        assert_eq!(s.title, "山河");
        assert_eq!(s.chapters.len(), 2);
        assert_eq!(s.chapters[0].title, "山河");
        assert!(!s.chapters[0].heading);
        assert_eq!(s.chapters[1].range.start, text.find("第一章").unwrap());
    }

    #[test]
    fn blank_front_matter_is_folded_in() {
        let text = "\n\n第一章 起\n正文。\n第二章 承\n";
        let s = split(text, "file", RuleSet::builtin(), false);
        assert_eq!(s.chapters.len(), 2);
        assert_eq!(s.chapters[0].range.start, 0);
        assert_eq!(s.title, "file");
    }

    #[test]
    fn markdown_headings_in_md_files() {
        let text = "# Title\n\nintro\n\n## One\n\ntext\n\n```\n# not a heading\n```\n\n### Deep\n";
        let s = split(text, "file", RuleSet::builtin(), true);
        assert_eq!(s.rule, "markdown");
        let got: Vec<_> = s
            .chapters
            .iter()
            .map(|c| (c.level, c.title.as_str()))
            .collect();
        assert_eq!(got, vec![(1, "Title"), (2, "One"), (3, "Deep")]);
        assert_eq!(s.title, "Title");
    }

    #[test]
    fn a_contents_list_is_front_matter() {
        let text = "《书》\n目录\n第一章 甲\n第二章 乙\n\n第一章 甲\n正文。\n第二章 乙\n正文。\n";
        let s = split(text, "x", RuleSet::builtin(), false);
        let got: Vec<_> = s.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(got, ["书", "第一章 甲", "第二章 乙"]);
        assert_eq!(s.chapters[1].range.start, text.rfind("第一章").unwrap());
    }

    #[test]
    fn no_headings_cut_into_parts() {
        let para = "这是一段没有标题的文字，用来测试分段。\n".repeat(2000);
        let s = split(&para, "无题", RuleSet::builtin(), false);
        assert!(s.chapters.len() > 3);
        for (i, c) in s.chapters.iter().enumerate() {
            assert_eq!(c.title, format!("无题 ({})", i + 1));
            assert!(c.range.len() <= PART_BYTES * 2);
            assert!(para[..c.range.end].ends_with('\n'));
        }
    }

    #[test]
    fn huge_chapters_are_cut() {
        let text = format!(
            "第一章 长\n{}第二章 短\n正文。\n",
            "很长的段落。\n".repeat(30_000)
        );
        let s = split(&text, "x", RuleSet::builtin(), false);
        let parts: Vec<_> = s
            .chapters
            .iter()
            .filter(|c| c.title.starts_with("第一章 长 ("))
            .collect();
        assert!(parts.len() >= 6, "{}", parts.len());
        assert!(parts[0].heading && parts.iter().skip(1).all(|c| !c.heading));
        assert!(
            s.chapters
                .iter()
                .all(|c| c.range.len() <= MAX_CHAPTER_BYTES)
        );
        assert_eq!(s.chapters.last().unwrap().title, "第二章 短");
    }
}
