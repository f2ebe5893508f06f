//! Ruby readings in vertical pages: which readings a chapter shows (`notes`) and the rows of
//! one reading after its base (`Units::next_reading`): one row per grapheme, brackets and
//! punctuation in their vertical forms, glued to the base so a column ends inside the group
//! only when nothing else fits. A reading's rows hold no text of the book (empty ranges at the
//! base's end). It must not change the rows of text without ruby.

use std::ops::Range;

use super::{COLUMN_WIDTH, Shown, Unit, Units, vertical_form_str};
use crate::document::blocks::{Span, SpanKind};
use crate::layout::blocks::shown_annotation;
use crate::layout::width::{cluster_width, clusters};
use crate::layout::wrap::no_line_end;
use crate::layout::{LayoutParams, Ruby};

/// A ruby reading shown in the columns: its base (bytes of the text) and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubyNote {
    pub base: Range<usize>,
    pub shown: String,
}

/// The readings of `spans` shown in `text` (none when `params.ruby` hides them), in order,
/// bases never overlapping.
pub(super) fn notes(text: &str, params: &LayoutParams, spans: &[Span]) -> Vec<RubyNote> {
    let mut notes: Vec<RubyNote> = Vec::new();
    if params.ruby == Ruby::Inline {
        for s in spans {
            if let SpanKind::Ruby { annotation } = &s.kind
                && !s.range.is_empty()
                && notes.last().is_none_or(|n| n.base.end <= s.range.start)
                && text.get(s.range.clone()).is_some()
                && let Some(shown) = shown_annotation(annotation)
            {
                notes.push(RubyNote {
                    base: s.range.clone(),
                    shown,
                });
            }
        }
    }
    notes
}

impl Units<'_> {
    /// The next row of the reading being shown, if any.
    pub(super) fn next_reading(&mut self) -> Option<Unit> {
        let (note, at, byte, count, g) = loop {
            let (note, at, byte, count) = self.reading?;
            let shown = self.notes.get(note).map_or("", |n| n.shown.as_str());
            if let Some((_, g)) = shown.get(byte..).and_then(|rest| clusters(rest).next()) {
                break (note, at, byte, count, g);
            }
            // A base that ends inside the same row as this one (both inside one grapheme):
            // its reading follows at once.
            if self
                .notes
                .get(self.next_note)
                .is_some_and(|n| n.base.end <= at)
            {
                self.reading = Some((self.next_note, at, 0, count));
                self.next_note += 1;
                continue;
            }
            self.reading = None;
            self.read = (at, count);
            return None;
        };
        self.reading = Some((note, at, byte + g.len(), count + 1));
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let single = chars.next().is_none();
        let to = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (shown, width) = match vertical_form_str(first).filter(|_| single) {
            Some(v) => (Shown::Form(v), cluster_width(v, self.ambiguous_wide)),
            None => (
                Shown::Note {
                    note: to(note),
                    from: to(byte),
                    to: to(byte + g.len()),
                },
                cluster_width(g, self.ambiguous_wide).min(COLUMN_WIDTH),
            ),
        };
        Some(Unit {
            range: at..at,
            shown_end: at,
            width,
            shown,
            // Glued to its base: a column ends before a reading only when nothing else fits.
            no_break_before: true,
            no_break_after: single && no_line_end(first),
            ann_before: count,
        })
    }
}
