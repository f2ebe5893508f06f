//! Paragraphs of a plain-text chapter: how source lines become headings, paragraphs, indented
//! blocks and scene breaks, and how a book's paragraph mode is guessed from its text.
//!
//! Owns `BookStyle::detect` (evidence counted over sampled windows, so it stays cheap on a
//! 100 MB book), the split of one chapter into `Piece`s for each `ParagraphMode`, where a
//! paragraph ends (for justification and for cutting long chapters), and how many source lines
//! a chapter's heading takes. It works on byte ranges only: it does not wrap, measure glyphs or
//! page (that is `wrap`, `glyphs` and `paginate`), and knows nothing about views or terminals.

use std::ops::Range;

use super::width::{TAB_WIDTH, is_wide_char};
use super::wrap::no_line_start;
use super::{BookStyle, ParagraphMode};
use crate::document::Document;
use crate::document::chapters::same_words;

/// Bytes looked at per sample window when guessing a book's style.
pub const SAMPLE_WINDOW: usize = 32 * 1024;

/// What `BookStyle::detect` counted, in the windows it looked at (so `kanshu info` can say
/// why with the same numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParagraphEvidence {
    /// Windows of the text looked at (1 = the whole text).
    pub windows: usize,
    /// Bytes looked at.
    pub bytes: usize,
    /// Lines with text.
    pub lines: usize,
    /// Blank lines.
    pub blank: usize,
    /// Lines with text that start with an indent (U+3000, a tab, two spaces) or a list mark.
    pub indented: usize,
    /// Lines without an indent that carry on the long line above: it does not end a sentence,
    /// or this one starts with punctuation that may not start a line (，。、).
    pub continued: usize,
    /// Lines that start a paragraph after a blank line, and how many of those are indented
    /// with spaces or a tab.
    pub after_blank: usize,
    pub after_blank_indented: usize,
    /// Latin letters and wide (CJK) characters.
    pub latin: usize,
    pub wide: usize,
}

impl BookStyle {
    /// Guess the style from three windows of the text (start, one third, two thirds): cheap
    /// even on a 100 MB book. See `decide` for the rules.
    pub fn detect(text: &str) -> BookStyle {
        let mut e = ParagraphEvidence::default();
        let len = text.len();
        let (starts, window): (&[usize], usize) = if len <= 3 * SAMPLE_WINDOW {
            (&[0], len)
        } else {
            (&[0, len / 3, len / 3 * 2], SAMPLE_WINDOW)
        };
        for &s in starts {
            let from = floor_boundary(text, s);
            let to = floor_boundary(text, s.saturating_add(window));
            let Some(mut window) = text.get(from..to) else {
                continue;
            };
            if from > 0 {
                // Start at a whole line.
                window = window.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
            }
            e.windows += 1;
            e.bytes += window.len();
            count_window(window, &mut e);
        }
        BookStyle::decide(e)
    }

    /// The style the counts point to:
    /// - `Indent` when at least a tenth of the lines start indented and at least a fifth carry
    ///   on the line above (hard-wrapped text whose paragraphs are marked by an indent), in a
    ///   CJK book or one with more indented lines than blank ones;
    /// - `Blank` when blank lines sit between most lines, or in a Latin book with a few;
    /// - `Lines` otherwise (one paragraph per line).
    pub fn decide(e: ParagraphEvidence) -> BookStyle {
        // A Chinese character carries about as much as a short English word.
        let cjk = e.wide * 4 >= e.latin;
        let n = e.lines;
        let blank_separated = n > 0 && e.blank * 2 >= n;
        let mode = if n > 0
            && e.indented * 10 >= n
            && e.continued * 5 >= n
            && (cjk || e.indented > e.blank)
        {
            ParagraphMode::Indent
        } else if blank_separated || (!cjk && n > 0 && e.blank * 20 >= n) {
            ParagraphMode::Blank
        } else {
            ParagraphMode::Lines
        };
        BookStyle {
            cjk,
            mode,
            blank_separated,
            // When most paragraphs start indented, an indent is how paragraphs begin, not a
            // letter or a poem set apart.
            indented_blocks: e.after_blank_indented * 2 < e.after_blank,
            evidence: e,
        }
    }
}

fn count_window(window: &str, e: &mut ParagraphEvidence) {
    let mut prev: Option<&str> = None;
    // `lines` does not count the empty piece after a final line end.
    for line in window.lines() {
        if line.trim().is_empty() {
            e.blank += 1;
            prev = None;
            continue;
        }
        e.lines += 1;
        for c in line.chars() {
            if c.is_ascii_alphabetic() {
                e.latin += 1;
            } else if is_wide_char(c) {
                e.wide += 1;
            }
        }
        let indented = starts_indented(line);
        if indented {
            e.indented += 1;
        }
        match prev {
            None => {
                e.after_blank += 1;
                if ascii_indented(line) {
                    e.after_blank_indented += 1;
                }
            }
            Some(above) if !indented && !is_scene_break(line) => {
                // Only a long line above can have been wrapped (short ones are titles,
                // contents lines, verse).
                let first = line.trim_start().chars().next();
                let last = above.trim_end().chars().next_back();
                if cells(above) >= WRAPPED_MIN_CELLS
                    && (first.is_some_and(no_line_start) || !last.is_some_and(ends_sentence))
                {
                    e.continued += 1;
                }
            }
            Some(_) => {}
        }
        prev = Some(line);
    }
}

/// Narrowest line that counts as hard-wrapped: books wrap at about 20 Chinese characters or
/// 60–75 letters.
const WRAPPED_MIN_CELLS: usize = 30;

/// Cells of a line, roughly (wide characters 2, others 1), without measuring graphemes.
fn cells(line: &str) -> usize {
    line.trim()
        .chars()
        .map(|c| if is_wide_char(c) { 2 } else { 1 })
        .sum()
}

/// Punctuation a paragraph usually ends with.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '…'
            | '”'
            | '」'
            | '』'
            | '）'
            | '】'
            | '》'
            | '：'
            | '；'
            | '～'
            | '—'
            | '.'
            | '!'
            | '?'
            | '"'
            | '\''
            | ')'
            | ':'
            | ';'
            | '’'
    )
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Does a source line start with paragraph indentation (U+3000, a tab, or two spaces) or a
/// list marker? In blank-line and indent mode such a line opens a new paragraph instead of
/// continuing the last one.
pub(crate) fn starts_indented(line: &str) -> bool {
    line.starts_with(['\u{3000}', '\t']) || line.starts_with("  ") || starts_list_item(line)
}

/// Indented with ASCII spaces (two or more) or a tab: how English books set a letter, an
/// extract or a poem apart.
fn ascii_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("  ")
}

/// A Markdown-style list item or quote line ("- ", "* ", "+ ", "> ", "1. ", "2) "): its own
/// paragraph in blank-line mode.
fn starts_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if digits > 0 {
        digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
    } else {
        ["- ", "* ", "+ ", "> "].iter().any(|m| line.starts_with(m))
    }
}

/// A scene break: a line of three or more marks such as `* * *`, `＊＊＊`, `——————`, `~~~`,
/// `※※※`, with nothing else but spaces.
pub(crate) fn is_scene_break(line: &str) -> bool {
    let mut marks = 0;
    let mut kind = None;
    for c in line.chars() {
        if c.is_whitespace() {
            continue;
        }
        let k = match c {
            '*' | '＊' | '※' | '☆' | '★' | '◇' | '◆' | '○' | '●' => '*',
            '—' | '―' | '─' | '━' | '-' | '－' | '=' | '＝' | '_' | '~' | '～' | '·' | '•' => {
                '-'
            }
            '#' => '#',
            _ => return false,
        };
        if kind.is_some_and(|p| p != k) {
            return false;
        }
        kind = Some(k);
        marks += 1;
    }
    marks >= 3
}

/// In a mode that joins lines, does `next` carry on the paragraph of `line`? Yes unless
/// `line` is short and ends a sentence (a title such as 《星河》) or is a contents line
/// (`第一章 少年 …… 1`); a line that starts with ，。、 always goes on.
fn goes_on(line: &str, next: &str) -> bool {
    let last = line.trim_end().chars().next_back();
    next.trim_start().starts_with(no_line_start)
        || cells(line) >= WRAPPED_MIN_CELLS
        || !(last.is_some_and(ends_sentence) || contents_line(line))
}

/// A line of a printed contents page: leader dots, then a page number.
fn contents_line(line: &str) -> bool {
    let t = line.trim_end();
    let number = t.trim_end_matches(|c: char| c.is_ascii_digit());
    number.len() < t.len()
        && ["……", "....", "····", "．．．", "・・・"]
            .iter()
            .any(|leader| number.contains(leader))
}

/// Start of the source line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Inside an indented block, is `next` the rest of a sentence hard-wrapped after `line`? Only
/// when `line` is long (a verse line rarely is), `next` has the same indent, and `line` ends
/// in a word or `next` starts with a small letter.
fn prose_goes_on(line: &str, next: &str) -> bool {
    let last = line.trim_end().chars().next_back();
    let first = next.trim_start().chars().next();
    cells(line) >= PROSE_LINE_CELLS
        && indent_cells(line) == indent_cells(next)
        && (last.is_some_and(char::is_alphanumeric) || first.is_some_and(char::is_lowercase))
}

/// A block line at least this wide (in cells, indent not counted) may be hard-wrapped prose.
const PROSE_LINE_CELLS: usize = 45;

/// Cells of a source line's indentation (a space 1, U+3000 2, a tab `TAB_WIDTH`).
fn indent_cells(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        n += match c {
            ' ' => 1,
            '\u{3000}' => 2,
            '\t' => TAB_WIDTH,
            _ => break,
        };
    }
    n
}

/// Does the paragraph end right after byte `end` in `mode` (only whitespace up to a line end,
/// and the next line blank, indented, a scene break, or in `Lines` mode any line)?
pub(crate) fn ends_paragraph(text: &str, end: usize, mode: ParagraphMode) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let Some(nl) = rest.find(|c: char| c == '\n' || !c.is_whitespace()) else {
        return true;
    };
    if !rest[nl..].starts_with('\n') {
        return false;
    }
    if mode == ParagraphMode::Lines {
        return true;
    }
    let next = rest[nl + 1..].split('\n').next().unwrap_or("");
    next.trim().is_empty() || starts_indented(next) || is_scene_break(next)
}

/// How many source lines of a chapter are its heading: 0, 1, or 2 for an English heading
/// whose title goes on on the next line (`CHAPTER 42. THE WHITENESS` ⏎ `OF THE WHALE.`,
/// `XII` ⏎ `The Return`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Heading {
    pub lines: u8,
}

impl From<bool> for Heading {
    fn from(heading: bool) -> Self {
        Heading {
            lines: u8::from(heading),
        }
    }
}

impl Heading {
    /// The heading of chapter `idx` of `doc`: none unless the chapter starts at its heading
    /// line; two lines when the chapter's title holds the next line too.
    pub fn of_chapter(doc: &Document, idx: usize) -> Heading {
        match doc.chapters.get(idx) {
            Some(c) if c.heading => Heading::of_title(doc.chapter_text(idx), &c.title),
            _ => Heading { lines: 0 },
        }
    }

    /// One line, or two when `title` is the first non-blank line of `text`, more, and ends with
    /// the next non-blank line.
    pub fn of_title(text: &str, title: &str) -> Heading {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let first = lines.next().unwrap_or("");
        let first = first.trim_start_matches('#').trim_start();
        let two = title != first
            && title.starts_with(first)
            && lines.next().is_some_and(|second| {
                title.len() > first.len() + second.len() && title.ends_with(second)
            });
        Heading {
            lines: if two { 2 } else { 1 },
        }
    }
}

/// What a piece of a chapter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// A line of the chapter's heading.
    Heading,
    /// A paragraph (its lines joined).
    Paragraph,
    /// One line of an indented block (a letter, an extract, a poem) kept as it is, with the
    /// cells of its source indent; `first` opens the block.
    BlockLine { indent: usize, first: bool },
    /// A line of marks (`* * *`) between scenes.
    SceneBreak,
    /// A blank line in a book that does not put blank lines between paragraphs.
    SectionBreak,
}

/// One piece of a chapter: a byte range of its text (trimmed of source indentation; empty for
/// a section break) and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub range: Range<usize>,
}

/// The pieces of a chapter's text as layout draws them, in `mode` (resolved: not `Auto`).
pub fn pieces(text: &str, heading: Heading, mode: ParagraphMode, style: &BookStyle) -> Vec<Piece> {
    let mut out = Vec::new();
    for_each_piece(text, heading, mode, style, |p| out.push(p));
    out
}

/// The source lines of a text: (start of the line, end before its '\n').
struct SourceLines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> SourceLines<'a> {
    fn peek(&self) -> Option<(usize, usize)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[self.pos..])
            .map(|k| self.pos + k)
            .unwrap_or(self.text.len());
        Some((self.pos, end))
    }

    fn peek_line(&self) -> Option<&'a str> {
        self.peek().and_then(|(s, e)| self.text.get(s..e))
    }

    fn next(&mut self) -> Option<(usize, usize)> {
        let line = self.peek()?;
        self.pos = line.1 + 1;
        Some(line)
    }
}

/// `pieces` without collecting: calls `f` for each piece in order.
pub(crate) fn for_each_piece(
    text: &str,
    heading: Heading,
    mode: ParagraphMode,
    style: &BookStyle,
    mut f: impl FnMut(Piece),
) {
    let mut src = SourceLines { text, pos: 0 };
    let piece = |kind, range| Piece { kind, range };
    // The heading: its lines, skipping blank lines before and between them.
    let mut heading_left = heading.lines;
    let mut last_heading = None;
    while heading_left > 0
        && let Some((s, e)) = src.next()
    {
        let r = trim_range(&text[s..e], s);
        if !r.is_empty() {
            f(piece(
                PieceKind::Heading,
                without_markdown_marks(text, r.clone()),
            ));
            last_heading = Some(r);
            heading_left -= 1;
        }
    }
    if let Some(h) = last_heading {
        skip_repeated_heading(&mut src, &text[h]);
    }
    let section_breaks = mode != ParagraphMode::Blank && !style.blank_separated;
    let blocks = mode == ParagraphMode::Blank && style.indented_blocks && !style.cjk;
    // Does a line end the paragraph before it (in the modes that join lines)?
    let opens =
        |line: &str| line.trim().is_empty() || starts_indented(line) || is_scene_break(line);
    // The last piece was a short line of a run kept single-spaced (see below).
    let mut short_run = false;
    while let Some((s, e)) = src.next() {
        let line = &text[s..e];
        let r = trim_range(line, s);
        if r.is_empty() || is_scene_break(line) || starts_indented(line) {
            short_run = false;
        }
        if r.is_empty() {
            if section_breaks {
                f(piece(PieceKind::SectionBreak, s..s));
            }
            continue;
        }
        if is_scene_break(line) {
            f(piece(PieceKind::SceneBreak, r));
            continue;
        }
        if mode == ParagraphMode::Lines {
            f(piece(PieceKind::Paragraph, r));
            continue;
        }
        let next_blank_or_indented = src
            .peek_line()
            .is_none_or(|n| n.trim().is_empty() || ascii_indented(n));
        if blocks && ascii_indented(line) && next_blank_or_indented {
            // An indented block: every line as it is (a verse line, a signature), until a
            // blank or unindented line; only the wrapped lines of prose are joined.
            let mut cur = r;
            let mut cur_line = line;
            let mut first = true;
            while let Some(next) = src.peek_line()
                && ascii_indented(next)
                && !next.trim().is_empty()
                && !is_scene_break(next)
            {
                let Some((ns, ne)) = src.next() else { break };
                let nr = trim_range(&text[ns..ne], ns);
                if prose_goes_on(cur_line, next) {
                    // A wrapped line of an indented prose extract: joined, not kept.
                    cur.end = nr.end;
                } else {
                    let indent = indent_cells(&text[line_start(text, cur.start)..cur.start]);
                    f(piece(PieceKind::BlockLine { indent, first }, cur));
                    first = false;
                    cur = nr;
                }
                cur_line = next;
            }
            let indent = indent_cells(&text[line_start(text, cur.start)..cur.start]);
            f(piece(PieceKind::BlockLine { indent, first }, cur));
            continue;
        }
        let start = r.start;
        let mut last = r.end;
        let mut above = line;
        while let Some(next) = src.peek_line()
            && !opens(next)
            && goes_on(above, next)
        {
            let Some((ns, ne)) = src.next() else { break };
            last = trim_range(&text[ns..ne], ns).end;
            above = next;
        }
        // A short line that does not go on into the next one was set on its own line in the
        // source (a contents line, a title or author line, verse without an indent): in an
        // English book a run of them stays single-spaced, like a block.
        let alone = last == r.end && cells(line) < WRAPPED_MIN_CELLS;
        if alone && !style.cjk && (short_run || src.peek_line().is_some_and(|n| !opens(n))) {
            let indent = indent_cells(line);
            f(piece(
                PieceKind::BlockLine {
                    indent,
                    first: !short_run,
                },
                r,
            ));
            short_run = true;
            continue;
        }
        short_run = false;
        f(piece(PieceKind::Paragraph, start..last));
    }
}

/// Byte range of `line` (starting at `start` in the text) without leading and trailing
/// whitespace (source indentation such as "　　", spaces or tabs).
fn trim_range(line: &str, start: usize) -> Range<usize> {
    let is_pad = |c: char| c.is_whitespace() || c == '\u{feff}';
    let head = line.len() - line.trim_start_matches(is_pad).len();
    let tail = line.trim_end_matches(is_pad).len();
    if tail <= head {
        start + head..start + head
    } else {
        start + head..start + tail
    }
}

/// Many web-novel files say a chapter's heading twice (`第2章 开始`, a blank line, `第2章 开始`
/// again above the text): the second copy, the next non-blank line when it is the same words
/// (spaces aside), is not drawn, so the page shows one heading. Its text stays in the book.
fn skip_repeated_heading(src: &mut SourceLines<'_>, heading: &str) {
    let mut probe = SourceLines {
        text: src.text,
        pos: src.pos,
    };
    while let Some(line) = probe.peek_line() {
        if !line.trim().is_empty() {
            if same_words(line, heading) {
                probe.next();
                src.pos = probe.pos;
            }
            return;
        }
        probe.next();
    }
}

/// A Markdown ATX heading is shown without its `#` marks.
fn without_markdown_marks(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(line) = text.get(r.clone()) else {
        return r;
    };
    let rest = line.trim_start_matches('#');
    let hashes = line.len() - rest.len();
    if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
        return r;
    }
    let shown = rest.trim_start();
    if shown.is_empty() {
        return r;
    }
    r.end - shown.len()..r.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scene_breaks_are_lines_of_one_kind_of_mark() {
        for yes in [
            "* * *",
            "＊＊＊",
            "——————",
            "   *   *   *   *   *",
            "~~~",
            "※※※",
        ] {
            assert!(is_scene_break(yes), "{yes}");
        }
        for no in ["**", "* a *", "*—*", "——他說", "", "---x"] {
            assert!(!is_scene_break(no), "{no}");
        }
    }

    #[test]
    fn a_two_line_title_takes_two_lines() {
        let text = "\nCHAPTER 42. THE WHITENESS\nOF THE WHALE.\n\nWhat the white whale was.";
        let title = "CHAPTER 42. THE WHITENESS OF THE WHALE.";
        assert_eq!(Heading::of_title(text, title).lines, 2);
        assert_eq!(
            Heading::of_title("XII\n\nThe Return\n\nIt was.", "XII. The Return").lines,
            2
        );
        assert_eq!(
            Heading::of_title("第一章 开门\n　　正文", "第一章 开门").lines,
            1
        );
        // A title that does not hold the next line.
        assert_eq!(Heading::of_title("Chapter 1\nThe", "Chapter 1").lines, 1);
    }

    #[test]
    fn a_heading_said_again_under_itself_is_drawn_once() {
        let style = BookStyle::detect("x");
        let kinds = |text: &str, heading: bool| {
            pieces(text, heading.into(), ParagraphMode::Lines, &style)
                .into_iter()
                .filter(|p| p.kind != PieceKind::SectionBreak)
                .map(|p| text[p.range].to_string())
                .collect::<Vec<_>>()
        };
        let text = "第2章 开始\n\n第2章　开始\n\n　　正文。\n第2章 开始\n";
        assert_eq!(kinds(text, true), ["第2章 开始", "正文。", "第2章 开始"]);
        // Not a heading, or other words: every line drawn.
        assert_eq!(kinds(text, false).len(), 4);
        assert_eq!(kinds("第2章 开始\n第2章 结束\n", true).len(), 2);
    }

    #[test]
    fn hard_wrapped_chinese_with_indents_is_indent_mode() {
        let para = "　　蓋聞天地之數，有十二萬九千六百歲為一\n元。將一元分為十二會，乃子、丑、寅、卯、\n辰、巳、午、未、申、酉、戌、亥之十二支也\n。每會該一萬八百歲。\n";
        let style = BookStyle::detect(&para.repeat(50));
        assert_eq!(style.mode, ParagraphMode::Indent);
        // One paragraph per line, indented: lines.
        let lines = "　　店门是早上七点开的。\n　　老板说，老周在这里吃了二十年早饭了。\n";
        assert_eq!(
            BookStyle::detect(&lines.repeat(50)).mode,
            ParagraphMode::Lines
        );
    }

    #[test]
    fn paragraph_ends_for_justification() {
        let t = "one\ntwo\n  three\n\nfour";
        assert!(!ends_paragraph(t, 3, ParagraphMode::Blank));
        assert!(ends_paragraph(t, 7, ParagraphMode::Blank));
        assert!(ends_paragraph(t, 15, ParagraphMode::Blank));
        assert!(ends_paragraph(t, 3, ParagraphMode::Lines));
        assert!(!ends_paragraph(t, 2, ParagraphMode::Lines));
        assert!(ends_paragraph(t, t.len(), ParagraphMode::Indent));
    }
}
