//! The one glyph pipeline: a text's display units → the glyphs of a line, of a vertical column
//! and of `kanshu render`.
//!
//! Owns what a piece of text looks like once laid out: grapheme clusters with their cell width,
//! placeholders for the characters that must not reach a terminal (the predicate lives in
//! `document::normalize`), tabs as spaces, a re-joined line end as one space (or nothing between
//! two CJK characters), and justification. Every glyph borrows its text, from the text laid out
//! or from static strings; nothing here allocates per grapheme. It knows nothing about pages,
//! views or the terminal.

use std::ops::Range;

use super::paragraphs::ends_paragraph;
use super::width::{
    TAB_WIDTH, cluster_width, clusters, is_break_space, is_unsafe_char, placeholder, steady_cluster,
};
use super::wrap::joins_without_space;
use super::{LayoutParams, Line, LineKind};

/// One drawable cell group: a grapheme (or indent, padding, a placeholder) and where it came
/// from. Its text is borrowed; it never holds a control character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// What to print.
    pub text: &'a str,
    /// Cells it takes.
    pub width: usize,
    /// Byte offset in the chapter text of the source grapheme (line start for indent).
    pub offset: usize,
}

/// What a display unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A grapheme drawn as it is.
    Text,
    /// A single space, tab, line end or U+3000 (the consumer decides how it shows).
    Space(char),
    /// A character that must not reach the terminal, drawn as its placeholder.
    Placeholder(char),
}

/// One display unit of a text: a grapheme cluster, or one unsafe character of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit<'a> {
    /// Byte offset of the grapheme in the text laid out.
    pub offset: usize,
    /// The grapheme as the source has it.
    pub src: &'a str,
    /// What to draw (the grapheme, or the placeholder).
    pub text: &'a str,
    /// Cells `text` takes.
    pub width: usize,
    pub kind: UnitKind,
}

/// The display units of `text`, whose first byte is at `base` in the text laid out. Every
/// output is built from this iterator: horizontal lines, vertical columns, `render`.
pub(crate) fn units(text: &str, base: usize, ambiguous_wide: bool) -> Units<'_> {
    Units {
        clusters: clusters(text),
        base,
        ambiguous_wide,
        pending: None,
    }
}

/// Iterator returned by [`units`].
#[derive(Debug, Clone)]
pub(crate) struct Units<'a> {
    clusters: super::width::Clusters<'a>,
    base: usize,
    ambiguous_wide: bool,
    /// A grapheme holding unsafe characters: its offset and the part not yet given a unit.
    pending: Option<(usize, &'a str, &'a str)>,
}

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;

    #[inline]
    fn next(&mut self) -> Option<Unit<'a>> {
        loop {
            if let Some((offset, src, rest)) = self.pending.take() {
                // One placeholder per unsafe character; the safe ones around them are dropped
                // (they only ever come as part of a control sequence).
                for (i, c) in rest.char_indices() {
                    if is_unsafe_char(c) {
                        let after = &rest[i + c.len_utf8()..];
                        if !after.is_empty() {
                            self.pending = Some((offset, src, after));
                        }
                        let p = placeholder(c);
                        return Some(Unit {
                            offset,
                            src,
                            text: p.text(),
                            width: p.width(self.ambiguous_wide),
                            kind: UnitKind::Placeholder(c),
                        });
                    }
                }
                continue;
            }
            let (i, g) = self.clusters.next()?;
            let offset = self.base + i;
            let mut chars = g.chars();
            let first = chars.next()?;
            let single = chars.next().is_none();
            if single && is_break_space(first) {
                let width = match first {
                    '\t' => TAB_WIDTH,
                    '\u{3000}' => 2,
                    _ => 1,
                };
                return Some(Unit {
                    offset,
                    src: g,
                    text: g,
                    width,
                    kind: UnitKind::Space(first),
                });
            }
            if (single && !is_unsafe_char(first)) || !g.chars().any(is_unsafe_char) {
                // Clusters terminals measure differently are drawn as ones they agree on.
                let text = steady_cluster(g).unwrap_or(g);
                return Some(Unit {
                    offset,
                    src: g,
                    text,
                    width: cluster_width(g, self.ambiguous_wide),
                    kind: UnitKind::Text,
                });
            }
            self.pending = Some((offset, g, g));
        }
    }
}

const SPACE: &str = " ";

/// What a line looks like: indent, graphemes with unsafe characters replaced by placeholders,
/// tabs as spaces, a joined line end as one space, and (with `justify`) padding so a body line
/// that does not end its paragraph ends flush. Pass the params the layout was made with
/// (`BookLayout::resolved_params`). The glyphs borrow from `chapter_text`.
pub fn line_glyphs<'a>(
    chapter_text: &'a str,
    line: &Line,
    params: &LayoutParams,
) -> Vec<Glyph<'a>> {
    let start = line.range.start;
    let indent = usize::from(line.indent);
    let mut out: Vec<Glyph<'a>> = Vec::with_capacity(indent + line.range.len() / 2);
    let space = |offset| Glyph {
        text: SPACE,
        width: 1,
        offset,
    };
    out.extend((0..indent).map(|_| space(start)));
    let Some(s) = chapter_text.get(line.range.clone()) else {
        return out;
    };
    // Where each run of spaces starts in `out` (the places justification pads first).
    let mut gaps: Vec<usize> = Vec::new();
    let mut in_run = false;
    let mut run_newline = false;
    let mut run_first = 0;
    let mut prev_char: Option<char> = None;
    for u in units(s, start, params.ambiguous_wide) {
        if let UnitKind::Space(c) = u.kind {
            if !in_run {
                in_run = true;
                run_newline = false;
                run_first = out.len();
                gaps.push(run_first);
            }
            if run_newline {
                continue;
            }
            match c {
                '\n' => {
                    let at = out.get(run_first).map(|g| g.offset).unwrap_or(u.offset);
                    out.truncate(run_first);
                    out.push(space(at));
                    run_newline = true;
                }
                '\t' => out.extend((0..TAB_WIDTH).map(|_| space(u.offset))),
                _ => out.push(Glyph {
                    text: u.text,
                    width: u.width,
                    offset: u.offset,
                }),
            }
            continue;
        }
        let first = u.src.chars().next();
        if in_run
            && run_newline
            && prev_char
                .zip(first)
                .is_some_and(|(p, f)| joins_without_space(p, f))
            && out.len() == run_first + 1
        {
            // A joined line end between two CJK characters shows as nothing.
            out.truncate(run_first);
            gaps.pop();
        }
        in_run = false;
        prev_char = u.src.chars().next_back();
        out.push(Glyph {
            text: u.text,
            width: u.width,
            offset: u.offset,
        });
    }
    if params.justify
        && line.kind == LineKind::Body
        && !ends_paragraph(chapter_text, line.range.end, params.paragraph_mode)
    {
        justify(&mut out, indent, &gaps, params.width.max(2));
    }
    out
}

/// The line as a plain string (what `kanshu render` prints): the text of `line_glyphs`.
pub fn render_line(chapter_text: &str, line: &Line, params: &LayoutParams) -> String {
    line_glyphs(chapter_text, line, params)
        .iter()
        .map(|g| g.text)
        .collect()
}

/// Insert padding so the glyphs fill `width` cells: between words when the line has spaces,
/// otherwise between characters (CJK).
fn justify(out: &mut Vec<Glyph<'_>>, indent: usize, gaps: &[usize], width: usize) {
    let used: usize = out.iter().map(|g| g.width).sum();
    let spare = width.saturating_sub(used);
    if spare == 0 {
        return;
    }
    let slots: Vec<usize> = if gaps.is_empty() {
        (indent + 1..out.len()).collect()
    } else {
        gaps.to_vec()
    };
    if slots.is_empty() {
        return;
    }
    let n = slots.len();
    let mut padded = Vec::with_capacity(out.len() + spare);
    let mut slot = 0;
    for (i, g) in std::mem::take(out).into_iter().enumerate() {
        if slot < n && slots[slot] == i {
            let pad = spare / n + usize::from(slot < spare % n);
            padded.extend((0..pad).map(|_| Glyph {
                text: SPACE,
                width: 1,
                offset: g.offset,
            }));
            slot += 1;
        }
        padded.push(g);
    }
    *out = padded;
}

/// The glyphs of one screen line, owned: one string for the line and the place of each glyph
/// in it (one allocation per line, none per grapheme). For a reader that keeps what is on
/// screen after the text it borrowed from has moved on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlyphLine {
    text: String,
    glyphs: Vec<(Range<u32>, usize, usize)>,
    /// Paint of each glyph, for a line of a chapter with structure; empty for plain text.
    paint: Vec<super::Paint>,
}

impl GlyphLine {
    /// The glyphs, borrowing from this line.
    pub fn iter(&self) -> impl Iterator<Item = Glyph<'_>> + '_ {
        self.glyphs.iter().map(|(r, width, offset)| Glyph {
            text: self
                .text
                .get(r.start as usize..r.end as usize)
                .unwrap_or(""),
            width: *width,
            offset: *offset,
        })
    }

    pub fn len(&self) -> usize {
        self.glyphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// The line's text (every glyph's text, in order).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How glyph `i` is painted (plain for a line without structure).
    pub fn paint(&self, i: usize) -> super::Paint {
        self.paint.get(i).copied().unwrap_or_default()
    }

    /// This line with the paint of each glyph.
    pub fn with_paint(mut self, paint: Vec<super::Paint>) -> Self {
        self.paint = paint;
        self
    }
}

impl<'a> FromIterator<Glyph<'a>> for GlyphLine {
    fn from_iter<I: IntoIterator<Item = Glyph<'a>>>(iter: I) -> Self {
        let mut line = GlyphLine::default();
        for g in iter {
            let start = u32::try_from(line.text.len()).unwrap_or(u32::MAX);
            line.text.push_str(g.text);
            let end = u32::try_from(line.text.len()).unwrap_or(u32::MAX);
            line.glyphs.push((start..end, g.width, g.offset));
        }
        line
    }
}

impl<'a> IntoIterator for &'a GlyphLine {
    type Item = Glyph<'a>;
    type IntoIter = Box<dyn Iterator<Item = Glyph<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_give_one_placeholder_per_unsafe_character() {
        let text = "a\u{1b}中\r\n\u{202e}\t";
        let got: Vec<(usize, &str, usize)> = units(text, 10, false)
            .map(|u| (u.offset, u.text, u.width))
            .collect();
        assert_eq!(
            got,
            vec![
                (10, "a", 1),
                (11, "^[", 2),
                (12, "中", 2),
                (15, "^M", 2),
                (15, "^J", 2),
                (17, "\u{FFFD}", 1),
                (20, "\t", TAB_WIDTH),
            ]
        );
    }

    #[test]
    fn a_glyph_line_gives_back_the_glyphs_it_was_made_of() {
        let text = "中 a\u{1b}";
        let line = Line {
            range: 0..text.len(),
            kind: LineKind::Body,
            indent: 2,
        };
        let glyphs = line_glyphs(text, &line, &LayoutParams::default());
        let owned: GlyphLine = glyphs.iter().copied().collect();
        assert_eq!(owned.iter().collect::<Vec<_>>(), glyphs);
        assert_eq!(owned.text(), "  中 a^[");
        assert_eq!(owned.len(), glyphs.len());
        assert_eq!((&owned).into_iter().count(), glyphs.len());
    }
}
