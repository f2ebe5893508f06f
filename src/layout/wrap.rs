//! One paragraph → lines, as byte ranges: the line-breaking rules.
//!
//! Owns where a line may end, for horizontal lines and vertical columns alike (one kinsoku
//! table): UAX #14 break opportunities (unicode-linebreak) tailored for CJK as clreq does (“ ‘
//! open and ” ’ close, so a break may fall between ” and “ but never after an opening or before
//! a closing mark), the basic clreq rules (no closing punctuation at a line start, no opening
//! bracket at a line end, —— and …… kept whole and never at a line start), greedy filling with
//! push-out, and the fallbacks that keep every line within the width on any input while
//! breaking as few rules as they can. It works on one paragraph at a time and knows nothing
//! about pages, chapters or the terminal.
//!
//! The hot path allocates nothing per grapheme: it walks the paragraph once with a grapheme
//! iterator and the UAX #14 iterator side by side and reports each finished line to a callback.
//! Glued ranges (`wrap_glued`: a ruby base and its reading) demote the breaks inside them to
//! fallbacks.

use std::ops::Range;

use super::width::{TAB_WIDTH, cluster_width, clusters, is_break_space, is_wide_char};

/// Never at the start of a line (clreq / JIS X 4051 "not starting" characters).
pub(crate) fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | '。'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '》'
            | '〉'
            | '］'
            | '｝'
            | '｠'
            | '”'
            | '’'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '・'
            | '·'
            | '～'
            | '〜'
            | '–'
            | '—'
            | '―'
            | '⸺'
            | '⸻'
            | '…'
            | '‥'
            | '⋯'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ー'
            | '々'
            | '〻'
            | 'ヽ'
            | 'ヾ'
            | 'ゝ'
            | 'ゞ'
            | '％'
    )
}

/// Never at the end of a line (opening brackets and quotes).
pub(crate) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '《'
            | '〈'
            | '［'
            | '｛'
            | '｟'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// May a line break fall between `prev` (the last visible character before the break) and
/// `next` (the first character after it)? `uax` is the UAX #14 answer for that spot.
#[inline]
pub(crate) fn break_allowed(prev: char, next: char, uax: bool) -> bool {
    if no_line_start(next) || no_line_end(prev) {
        return false;
    }
    if uax {
        return true;
    }
    // UAX #14 glues curly quotes to both neighbours (LB19); in Chinese text a quote is a
    // bracket (“ ‘ open, ” ’ close), so reopen the break before an opening quote and after a
    // closing one when the other side is Chinese text or punctuation: between ” and “ too.
    match (prev, next) {
        (_, '“' | '‘') => cjk_side(prev),
        ('”' | '’', _) => cjk_side(next),
        _ => false,
    }
}

/// A character that makes the quote next to it a Chinese one: CJK characters and full-width
/// punctuation, the curly quotes themselves, and the ellipsis and dash of Chinese text.
#[inline]
fn cjk_side(c: char) -> bool {
    is_wide_char(c) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '⋯' | '‥' | '—' | '―' | '⸺')
}

/// A hard-wrapped line end between `prev` and `next` joins them with nothing (CJK text has no
/// spaces between words): when one side is a CJK character or full-width punctuation and the
/// other is too, or is a quote, ellipsis or dash of Chinese text. Elsewhere it is one space.
#[inline]
pub(crate) fn joins_without_space(prev: char, next: char) -> bool {
    (is_wide_char(prev) && cjk_side(next)) || (cjk_side(prev) && is_wide_char(next))
}

/// May a line end between `prev` and `next` if nothing better exists? Only the kinsoku rules
/// count here (UAX #14's preferences, such as keeping a Latin word whole, do not).
#[inline]
fn kinsoku_allows(prev: char, next: char) -> bool {
    !no_line_start(next) && !no_line_end(prev)
}

/// How to fill lines.
#[derive(Debug, Clone, Copy)]
pub struct WrapSettings {
    /// Line width in cells.
    pub width: usize,
    /// Indent of the paragraph's first line, in cells (clamped so two cells always remain).
    pub first_indent: usize,
    /// Ambiguous-width characters take two cells.
    pub ambiguous_wide: bool,
}

impl WrapSettings {
    /// The first-line indent actually used: never leaves less than two cells of text.
    pub fn effective_indent(&self) -> usize {
        self.first_indent.min(self.width.saturating_sub(2))
    }
}

/// One wrapped line of a paragraph, relative to the paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte range in the paragraph (whitespace at the break excluded).
    pub range: Range<usize>,
    /// Cells the text takes (indent not included).
    pub width: usize,
    /// Indent in cells (the first line's indent, 0 after).
    pub indent: usize,
}

/// Width of the whitespace run the wrapper is in: a run that holds a line end (a re-joined
/// hard-wrapped line) shows as one space; otherwise each space counts.
#[derive(Default, Clone, Copy)]
struct SpaceRun {
    active: bool,
    newline: bool,
    sum: usize,
}

impl SpaceRun {
    fn width(&self) -> usize {
        if self.newline { 1 } else { self.sum }
    }
}

/// Width of one break space on its own (outside the run logic).
#[inline]
fn space_width(c: char) -> usize {
    match c {
        '\t' => TAB_WIDTH,
        '\u{3000}' => 2,
        _ => 1,
    }
}

/// Wrap `para` (no leading or trailing whitespace expected; a `'\n'` inside is a joined line
/// end and counts as one space, or as nothing between two CJK characters) into lines of at most `settings.width` cells, calling `emit` for
/// each line in order. A single grapheme wider than the line is put on a line of its own.
pub fn wrap_paragraph(para: &str, settings: &WrapSettings, emit: impl FnMut(WrappedLine)) {
    wrap_glued(para, settings, &[], emit);
}

/// [`wrap_paragraph`] that keeps each of `glued` (sorted, disjoint byte ranges of `para`, such
/// as a ruby base with its reading) on one line where it fits: a break inside one is taken only
/// when the line has no other, and then still only where the kinsoku rules allow it.
pub fn wrap_glued(
    para: &str,
    settings: &WrapSettings,
    glued: &[Range<usize>],
    mut emit: impl FnMut(WrappedLine),
) {
    let mut glue = 0usize;
    let width = settings.width.max(1);
    let first_indent = settings.effective_indent();
    let mut indent = first_indent;
    let mut avail = width - first_indent;

    let mut opps = unicode_linebreak::linebreaks(para).map(|(i, _)| i);
    let mut next_opp = opps.next();

    let mut line_start = 0usize;
    // Width from line_start up to the current cluster (pending spaces included).
    let mut used = 0usize;
    // End of the last visible cluster and the width up to it.
    let mut vis_end = 0usize;
    let mut vis_used = 0usize;
    // Last legal break in this line: (break at, visible end before it, vis width, used at it).
    let mut last_ok: Option<(usize, usize, usize, usize)> = None;
    // Last break only the kinsoku rules allow (inside a Latin word, say): the fallback.
    let mut last_soft: Option<(usize, usize, usize, usize)> = None;
    let mut prev_char: Option<char> = None;
    let mut run = SpaceRun::default();
    let mut used_before_run = 0usize;

    for (i, g) in clusters(para) {
        let mut chars = g.chars();
        let Some(first) = chars.next() else { continue };
        let single = chars.next().is_none();
        if single && is_break_space(first) {
            if !run.active {
                run = SpaceRun {
                    active: true,
                    newline: false,
                    sum: 0,
                };
                used_before_run = used;
            }
            if first == '\n' {
                run.newline = true;
            } else {
                run.sum += space_width(first);
            }
            used = used_before_run + run.width();
            continue;
        }
        if run.active && run.newline && prev_char.is_some_and(|p| joins_without_space(p, first)) {
            // A hard-wrapped line end between two CJK characters joins them without a space.
            used = used_before_run;
        }
        run.active = false;
        while next_opp.is_some_and(|o| o < i) {
            next_opp = opps.next();
        }
        let w = cluster_width(g, settings.ambiguous_wide);
        if i > line_start
            && let Some(prev) = prev_char
        {
            while glued.get(glue).is_some_and(|g| g.end <= i) {
                glue += 1;
            }
            let inside = glued.get(glue).is_some_and(|g| g.start < i);
            if !inside && break_allowed(prev, first, next_opp == Some(i)) {
                last_ok = Some((i, vis_end, vis_used, used));
            } else if kinsoku_allows(prev, first) {
                last_soft = Some((i, vis_end, vis_used, used));
            }
        }
        while used + w > avail && i > line_start {
            if let Some((b, vend, vw, ub)) = last_ok.take().or_else(|| last_soft.take()) {
                emit(WrappedLine {
                    range: line_start..vend,
                    width: vw,
                    indent,
                });
                line_start = b;
                used -= ub;
                vis_used = vis_used.saturating_sub(ub);
                last_soft = last_soft
                    .filter(|s| s.0 > b)
                    .map(|(sb, se, sw, su)| (sb, se, sw.saturating_sub(ub), su.saturating_sub(ub)));
            } else {
                // No legal break in this line: break here rather than overflow.
                emit(WrappedLine {
                    range: line_start..vis_end,
                    width: vis_used,
                    indent,
                });
                line_start = i;
                used = 0;
                vis_used = 0;
            }
            indent = 0;
            avail = width;
        }
        used += w;
        vis_used = used;
        vis_end = i + g.len();
        prev_char = g.chars().next_back();
    }
    if vis_end > line_start {
        emit(WrappedLine {
            range: line_start..vis_end,
            width: vis_used,
            indent,
        });
    }
}

/// Every place in `para` where the wrapper may end a line without breaking a rule (byte offset
/// of the first character of the next line). For tests and tools; allocates.
pub fn legal_breaks(para: &str) -> Vec<usize> {
    let opps: Vec<usize> = unicode_linebreak::linebreaks(para)
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, g) in clusters(para) {
        let Some(first) = g.chars().next() else {
            continue;
        };
        if g.chars().count() == 1 && is_break_space(first) {
            continue;
        }
        if let Some(p) = prev
            && break_allowed(p, first, opps.binary_search(&i).is_ok())
        {
            out.push(i);
        }
        prev = g.chars().next_back();
    }
    out
}

/// Cells taken by `text` laid out on one line (spaces and joined line ends as the wrapper
/// counts them).
pub fn measure(text: &str, ambiguous_wide: bool) -> usize {
    let mut total = 0;
    let mut run = SpaceRun::default();
    let mut prev: Option<char> = None;
    for (_, g) in clusters(text) {
        let mut chars = g.chars();
        let first = chars.next();
        let single = chars.next().is_none();
        match first {
            Some(c) if single && is_break_space(c) => {
                if !run.active {
                    run = SpaceRun {
                        active: true,
                        newline: false,
                        sum: 0,
                    };
                }
                if c == '\n' {
                    run.newline = true;
                } else {
                    run.sum += space_width(c);
                }
            }
            Some(c) => {
                if run.active {
                    let joins_cjk = run.newline && prev.is_some_and(|p| joins_without_space(p, c));
                    if !joins_cjk {
                        total += run.width();
                    }
                    run.active = false;
                }
                total += cluster_width(g, ambiguous_wide);
                prev = g.chars().next_back();
            }
            None => {}
        }
    }
    if run.active {
        total += run.width();
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wrap and draw the lines joined by '|' (indent as spaces) for picture tests.
    fn pic(text: &str, width: usize, indent: usize) -> String {
        let s = WrapSettings {
            width,
            first_indent: indent,
            ambiguous_wide: false,
        };
        let mut out = Vec::new();
        wrap_paragraph(text, &s, |l| {
            out.push(format!("{}{}", " ".repeat(l.indent), &text[l.range]));
        });
        out.join("|")
    }

    #[test]
    fn latin_breaks_at_spaces() {
        assert_eq!(pic("the quick brown fox", 10, 0), "the quick|brown fox");
        assert_eq!(pic("aaaaaaaaaaaa", 5, 0), "aaaaa|aaaaa|aa");
    }

    #[test]
    fn kinsoku_pushes_out() {
        // 。 may not start a line: 文 goes down with it.
        assert_eq!(pic("中文中文。好", 8, 0), "中文中|文。好");
        // 「 may not end a line.
        assert_eq!(pic("中文中「好」", 8, 0), "中文中|「好」");
    }

    #[test]
    fn pathological_closers_terminate() {
        let s = "」".repeat(200);
        let p = pic(&s, 7, 0);
        assert!(p.split('|').all(|l| measure(l, false) <= 7));
        assert_eq!(p.replace('|', ""), s);
    }

    #[test]
    fn width_two() {
        assert_eq!(pic("中文。", 2, 4), "中|文|。");
    }
}
