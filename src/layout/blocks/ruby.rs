//! Ruby shown inline: a wrapped run of a leaf with each reading after its base, `漢字(かんじ)`.
//!
//! Owns how an annotation is shown (its brackets, unless the book already gave some; unsafe
//! characters left out) and the wrapping of a run with annotations: the run is wrapped as the
//! text the reader sees (base, then the bracketed reading) with each base and its reading glued
//! so they stay on one line where they fit, and each wrapped line is cut back into text parts
//! (byte ranges of the chapter) and `Part::Ruby` decoration. The kinsoku rules of `wrap` apply
//! to the whole line, so `(` never ends one. Annotations are never text: a line's range covers
//! only the chapter's bytes; table cells use the same pieces. It must not change how a run
//! without ruby is wrapped.

use std::ops::Range;

use super::{Lines, Paint, Part, Ruby, wrapped};
use crate::document::blocks::SpanKind;
use crate::document::normalize::is_unsafe_char;
use crate::layout::wrap::{WrapSettings, WrappedLine, wrap_glued};

/// One wrapped line as parts, with the cells it takes and its indent.
#[derive(Default)]
pub(super) struct PartLine {
    pub parts: Vec<Part>,
    pub width: usize,
    pub indent: usize,
}

/// What an annotation shows: the reading in brackets (as written when the book already put it
/// in brackets), or nothing for an empty one.
pub(crate) fn shown_annotation(annotation: &str) -> Option<String> {
    let clean: String = annotation
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !is_unsafe_char(c))
        .collect();
    let t = clean.trim();
    if t.is_empty() {
        return None;
    }
    let bracketed =
        (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('（') && t.ends_with('）'));
    Some(if bracketed {
        t.to_string()
    } else {
        format!("({t})")
    })
}

/// A piece of the text as the reader sees it: chapter bytes from `src`, or an annotation
/// anchored at `at` (the end of its base).
struct Seg {
    shown: Range<usize>,
    src: Option<usize>,
    at: usize,
}

impl Lines<'_> {
    /// The ruby spans of the leaf being drawn that lie inside `range`, in order, with what
    /// each shows; none when ruby is hidden.
    fn rubies_in(&self, range: &Range<usize>) -> Vec<(Range<usize>, String)> {
        if self.params.ruby == Ruby::Hidden {
            return Vec::new();
        }
        let mut out: Vec<(Range<usize>, String)> = Vec::new();
        let mut last_end = range.start;
        for sp in self.leaf_spans {
            let SpanKind::Ruby { annotation } = &sp.kind else {
                continue;
            };
            let r = &sp.range;
            if r.start < last_end || r.end > range.end || r.is_empty() {
                continue;
            }
            if let Some(shown) = shown_annotation(annotation) {
                out.push((r.clone(), shown));
                last_end = r.end;
            }
        }
        out
    }

    /// Cells the readings inside `range` add when shown.
    pub(super) fn readings_width(&self, range: &Range<usize>) -> usize {
        self.rubies_in(range)
            .iter()
            .map(|(_, shown)| super::mark_width(shown, self.amb()))
            .sum()
    }

    /// `range` painted by its spans over `base`, each reading after its base (a table row
    /// drawn as one line).
    pub(super) fn painted_with_ruby(&self, range: Range<usize>, base: Paint) -> Vec<Part> {
        let mut parts = Vec::new();
        let mut at = range.start;
        for (r, shown) in self.rubies_in(&range) {
            parts.extend(self.painted(at..r.end, base));
            parts.push(Part::Ruby {
                text: shown,
                at: r.end,
            });
            at = r.end;
        }
        parts.extend(self.painted(at..range.end, base));
        parts
    }

    /// The wrapped lines of `range` (leading and trailing white space left out) as parts: the
    /// text painted by its spans over `base`, and with ruby inline each reading after its base.
    pub(super) fn wrap_parts(
        &self,
        range: Range<usize>,
        settings: &WrapSettings,
        base: Paint,
    ) -> Vec<PartLine> {
        let text = self.text;
        let Some(s) = text.get(range.clone()) else {
            return Vec::new();
        };
        let trimmed = s.trim_start();
        let start = range.start + (s.len() - trimmed.len());
        let end = start + trimmed.trim_end().len();
        let rubies = self.rubies_in(&(start..end));
        if rubies.is_empty() {
            return wrapped(text, range, settings)
                .into_iter()
                .map(|wl| PartLine {
                    parts: self.painted(wl.range, base),
                    width: wl.width,
                    indent: wl.indent,
                })
                .collect();
        }
        let mut shown = String::with_capacity(end - start + rubies.len() * 12);
        let mut segs: Vec<Seg> = Vec::with_capacity(rubies.len() * 2 + 1);
        let mut glued: Vec<Range<usize>> = Vec::with_capacity(rubies.len());
        let mut at = start;
        let source = |shown: &mut String, segs: &mut Vec<Seg>, from: usize, to: usize| {
            let from_shown = shown.len();
            shown.push_str(text.get(from..to).unwrap_or_default());
            segs.push(Seg {
                shown: from_shown..shown.len(),
                src: Some(from),
                at: from,
            });
        };
        for (r, annotation) in &rubies {
            let glue_start = shown.len() + (r.start - at);
            source(&mut shown, &mut segs, at, r.end);
            let from = shown.len();
            shown.push_str(annotation);
            segs.push(Seg {
                shown: from..shown.len(),
                src: None,
                at: r.end,
            });
            glued.push(glue_start..shown.len());
            at = r.end;
        }
        source(&mut shown, &mut segs, at, end);
        let mut out = Vec::new();
        wrap_glued(&shown, settings, &glued, |wl: WrappedLine| {
            let mut parts = Vec::new();
            for seg in &segs {
                let a = seg.shown.start.max(wl.range.start);
                let b = seg.shown.end.min(wl.range.end);
                if a >= b {
                    continue;
                }
                match seg.src {
                    Some(src) => {
                        let from = src + (a - seg.shown.start);
                        let to = src + (b - seg.shown.start);
                        parts.extend(self.painted(from..to, base));
                    }
                    None => parts.push(Part::Ruby {
                        text: shown.get(a..b).unwrap_or_default().to_string(),
                        at: seg.at,
                    }),
                }
            }
            out.push(PartLine {
                parts,
                width: wl.width,
                indent: wl.indent,
            });
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::blocks::{Block, BlockKind, Span, Structure};
    use crate::layout::blocks::{glyph_line, layout_blocks};
    use crate::layout::{LayoutParams, LineKind};
    use proptest::prelude::*;

    /// One paragraph of `text` with a reading over each `(base, reading)`, laid out `width`
    /// cells wide (no indent): each line drawn, readings in brackets as the reader shows them.
    fn lines(text: &str, rubies: &[(&str, &str)], width: usize, ruby: Ruby) -> Vec<String> {
        let mut spans = Vec::new();
        let mut from = 0;
        for (base, reading) in rubies {
            let at = from + text[from..].find(base).expect("the base is in the text");
            spans.push(Span {
                range: at..at + base.len(),
                kind: SpanKind::Ruby {
                    annotation: reading.to_string(),
                },
            });
            from = at + base.len();
        }
        let s = Structure {
            blocks: vec![Block {
                range: 0..text.len(),
                kind: BlockKind::Paragraph,
            }],
            spans,
            ..Structure::default()
        };
        let params = LayoutParams {
            width,
            height: 100,
            indent: Some(0),
            ruby,
            ..LayoutParams::default()
        };
        let layout = layout_blocks(text, &s, &params);
        layout
            .lines
            .iter()
            .zip(&layout.decor)
            .filter(|(l, _)| l.kind != LineKind::Blank)
            .map(|(l, d)| {
                glyph_line(text, l, Some(d), &params, &|at| at)
                    .text()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn a_base_and_its_reading_stay_on_one_line_where_they_fit() {
        let text = "吾輩は猫である。名前はまだ無い。";
        let r = [("吾輩", "わがはい"), ("名前", "なまえ")];
        assert_eq!(
            lines(text, &r, 20, Ruby::Inline),
            ["吾輩(わがはい)は猫で", "ある。名前(なまえ)は", "まだ無い。"]
        );
        // 名前(なまえ) does not fit after である。 at 16: it moves down whole.
        assert_eq!(
            lines(text, &r, 16, Ruby::Inline),
            [
                "吾輩(わがはい)は",
                "猫である。",
                "名前(なまえ)はま",
                "だ無い。"
            ]
        );
        assert_eq!(
            lines(text, &r, 16, Ruby::Hidden),
            ["吾輩は猫である。", "名前はまだ無い。"]
        );
        // Wider than the page: cut inside, never after `(`.
        let long = lines("猫", &[("猫", "ねこねこねこねこ")], 8, Ruby::Inline);
        assert_eq!(long, ["猫(ねこ", "ねこねこ", "ねこ)"]);
    }

    fn rubied() -> impl Strategy<Value = (String, Vec<(usize, usize, String)>)> {
        let piece = prop::sample::select(vec![
            "天", "地", "猫", "吾輩", "。", "，", "「", "」", "word", " ", "12", "e\u{301}", "——",
        ]);
        let reading = prop::sample::select(vec![
            "ねこ",
            "ㄏㄢˋ",
            "pin yin",
            "わがはいわがはいわがはい",
            "(か)",
        ]);
        (
            prop::collection::vec(piece, 1..30),
            prop::collection::vec((any::<prop::sample::Index>(), 1usize..4, reading), 0..6),
        )
            .prop_map(|(pieces, picks)| {
                let text: String = pieces.concat();
                let chars: Vec<(usize, char)> = text.char_indices().collect();
                let mut picks: Vec<(usize, usize, String)> = picks
                    .into_iter()
                    .map(|(i, n, r)| (i.index(chars.len()), n, r.to_string()))
                    .collect();
                picks.sort();
                let mut out: Vec<(usize, usize, String)> = Vec::new();
                for (k, n, r) in picks {
                    let run = &chars[k..(k + n).min(chars.len())];
                    let (Some(a), Some(b)) = (run.first(), run.last()) else {
                        continue;
                    };
                    if out.last().is_some_and(|o| o.1 > a.0)
                        || run.iter().any(|(_, c)| c.is_whitespace())
                    {
                        continue;
                    }
                    out.push((a.0, b.0 + b.1.len_utf8(), r));
                }
                (text, out)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn readings_never_widen_a_line_or_lose_a_character(
            (text, rubies) in rubied(),
            width in 2usize..30,
        ) {
            let spans: Vec<Span> = rubies
                .iter()
                .map(|(a, b, r)| Span { range: *a..*b, kind: SpanKind::Ruby { annotation: r.clone() } })
                .collect();
            let s = Structure {
                blocks: vec![Block { range: 0..text.len(), kind: BlockKind::Paragraph }],
                spans,
                ..Structure::default()
            };
            let params = LayoutParams { width, height: 7, ..LayoutParams::default() };
            let layout = layout_blocks(&text, &s, &params);
            let (mut shown, mut readings) = (String::new(), String::new());
            for (l, d) in layout.lines.iter().zip(&layout.decor) {
                let g = glyph_line(&text, l, Some(d), &params, &|at| at);
                prop_assert!(g.iter().map(|g| g.width).sum::<usize>() <= width);
                let mut last_ruby = None;
                for (i, glyph) in g.iter().enumerate() {
                    if g.paint(i).contains(Paint::RUBY) {
                        readings.push_str(glyph.text);
                        last_ruby = Some(glyph.text);
                    } else if !g.paint(i).contains(Paint::DECORATION) {
                        shown.push_str(glyph.text);
                        last_ruby = None;
                    }
                }
                // (A run of opening brackets before `(` can leave no legal break at all.)
                if width >= 6 && !text.contains('「') {
                    prop_assert_ne!(last_ruby, Some("("), "a line ends with (");
                }
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&shown), strip(&text));
            let want: String = rubies.iter().filter_map(|(_, _, r)| shown_annotation(r)).collect();
            prop_assert_eq!(strip(&readings), strip(&want));
        }
    }

    #[test]
    fn an_annotation_is_bracketed_once() {
        assert_eq!(shown_annotation("かんじ").as_deref(), Some("(かんじ)"));
        assert_eq!(shown_annotation("(かんじ)").as_deref(), Some("(かんじ)"));
        assert_eq!(
            shown_annotation("（かんじ）").as_deref(),
            Some("（かんじ）")
        );
        assert_eq!(shown_annotation(" \u{202e} "), None);
        assert_eq!(
            shown_annotation("ㄏㄢˋ\tㄗˋ").as_deref(),
            Some("(ㄏㄢˋ ㄗˋ)")
        );
    }
}
