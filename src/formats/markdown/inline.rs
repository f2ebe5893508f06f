//! Inline content of a Markdown leaf: words, soft and hard line breaks, spans, and the HTML
//! that Markdown lets through (blocks shown as paragraphs, `<br>`, `<img>`, anchors, ruby).
//!
//! Part of the Markdown converter: it appends to the converter's text and tables and never
//! opens or closes containers itself.

use std::ops::Range;

use super::{Converter, Ruby, joins};
use crate::document::blocks::{Block, BlockKind, Span, SpanKind};
use crate::formats::html::{self, Piece};

impl Converter {
    /// Resolve a pending soft line break before text starting with `next`.
    pub(super) fn resolve_soft_break(&mut self, next: Option<char>) {
        if !std::mem::take(&mut self.soft_break) {
            return;
        }
        let prev = self.text.chars().next_back();
        if let (Some(a), Some(b)) = (prev, next)
            && joins(a, b)
        {
            return;
        }
        let at = self.text.len();
        self.text.push(' ');
        // Spans opened just before the break start after the space.
        for s in self.open_spans.iter().flatten() {
            if let Some(span) = self.spans.get_mut(*s)
                && span.range.start == at
            {
                span.range = at + 1..at + 1;
            }
        }
    }

    /// Append inline text (opening a loose paragraph when no leaf is open); with `code`, as a
    /// code span. Returns the range it took.
    pub(super) fn push_inline(&mut self, t: &str, code: bool) -> Range<usize> {
        if self.leaf.is_none() {
            self.begin_leaf(BlockKind::Paragraph, true);
        }
        self.resolve_soft_break(t.chars().next());
        if std::mem::take(&mut self.ruby.waiting) {
            self.ruby.base = Some(self.text.len());
        }
        let start = self.text.len();
        if self.in_table_cell() {
            self.text.extend(
                t.chars()
                    .map(|c| if matches!(c, '\t' | '\n') { ' ' } else { c }),
            );
        } else {
            self.text.push_str(t);
        }
        let range = start..self.text.len();
        if code && !range.is_empty() && self.in_image == 0 {
            self.spans.push(Span {
                range: range.clone(),
                kind: SpanKind::Code,
            });
        }
        range
    }

    pub(super) fn text_event(&mut self, t: &str) {
        if self.skip || self.ruby.in_rp {
            return;
        }
        if let Some(a) = &mut self.ruby.annotation {
            a.push_str(t);
            return;
        }
        if self.in_code {
            if self.leaf.is_none() {
                self.begin_leaf(BlockKind::Code { language: None }, true);
            }
            self.text.push_str(t);
            return;
        }
        self.push_inline(t, false);
    }

    pub(super) fn hard_break(&mut self) {
        if self.in_table_cell() || self.in_heading() {
            self.soft_break = self.leaf_len() > 0;
            self.resolve_soft_break(None);
        } else if self.leaf.is_some() {
            self.soft_break = false;
            self.text.push('\n');
        }
    }

    pub(super) fn open_span(&mut self, kind: SpanKind) {
        if self.in_image > 0 {
            self.open_spans.push(None);
            return;
        }
        if self.leaf.is_none() {
            self.begin_leaf(BlockKind::Paragraph, true);
        }
        let at = self.text.len();
        self.open_spans.push(Some(self.spans.len()));
        self.spans.push(Span {
            range: at..at,
            kind,
        });
    }

    pub(super) fn close_span(&mut self) {
        let Some(Some(idx)) = self.open_spans.pop() else {
            return;
        };
        let end = self.text.len();
        if let Some(s) = self.spans.get_mut(idx) {
            s.range.end = end.max(s.range.start);
            if s.range.is_empty() && idx + 1 == self.spans.len() {
                self.spans.pop();
            }
        }
    }

    /// An HTML block: its text as paragraphs (a block-level tag starts a new one), images as
    /// image blocks, ids as anchors.
    pub(super) fn html_block(&mut self, source: &str) {
        self.close_loose();
        let mut para = String::new();
        let mut space = false;
        for piece in html::pieces(source) {
            match piece {
                Piece::Text(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() && c != '\u{a0}' {
                            space = !para.is_empty();
                            continue;
                        }
                        if std::mem::take(&mut space)
                            && !para.chars().next_back().is_some_and(|p| joins(p, c))
                        {
                            para.push(' ');
                        }
                        para.push(c);
                    }
                }
                Piece::Break => {
                    self.html_paragraph(&mut para);
                    space = false;
                }
                Piece::Image { alt, src } => {
                    self.html_paragraph(&mut para);
                    space = false;
                    let shown = if alt.trim().is_empty() {
                        image_fallback(&src)
                    } else {
                        alt.trim().to_string()
                    };
                    self.begin_leaf(BlockKind::Image { src }, false);
                    self.text.push_str(&shown);
                    self.end_leaf();
                }
                Piece::Anchor(id) => self.pending_anchors.push(id),
            }
        }
        self.html_paragraph(&mut para);
    }

    pub(super) fn html_paragraph(&mut self, para: &mut String) {
        let shown = para.trim();
        if !shown.is_empty() {
            self.begin_leaf(BlockKind::Paragraph, false);
            self.text.push_str(shown);
            self.end_leaf();
        }
        para.clear();
    }

    /// Inline HTML: `<br>` breaks the line, `<img>` shows its alt text, `id`s become anchors,
    /// `<ruby>` bases get their `<rt>` annotation as a span; every other tag vanishes.
    pub(super) fn inline_html(&mut self, source: &str) {
        let Some(tag) = html::tag(source) else {
            return;
        };
        if let Some(id) = tag.anchor() {
            match self.leaf {
                Some(_) => {
                    let at = self.text.len();
                    self.anchors.entry(id.to_string()).or_insert(at);
                }
                None => self.pending_anchors.push(id.to_string()),
            }
        }
        match (tag.name.as_str(), tag.closing) {
            ("br", _) => self.hard_break(),
            ("img", false) if self.in_image == 0 => {
                let src = tag.attr("src").unwrap_or_default().to_string();
                let alt = tag.attr("alt").map(str::trim).filter(|a| !a.is_empty());
                let shown = alt.map_or_else(|| image_fallback(&src), str::to_string);
                let range = self.push_inline(&shown, false);
                self.spans.push(Span {
                    range,
                    kind: SpanKind::Image { src },
                });
            }
            ("ruby", false) => {
                self.ruby = Ruby {
                    waiting: true,
                    ..Ruby::default()
                }
            }
            ("ruby", true) => self.ruby = Ruby::default(),
            ("rt", false) if self.ruby.base.is_some() => self.ruby.annotation = Some(String::new()),
            ("rt", true) => {
                let annotation = self.ruby.annotation.take().unwrap_or_default();
                let annotation = annotation.trim();
                if let Some(start) = self.ruby.base.take()
                    && start < self.text.len()
                    && !annotation.is_empty()
                {
                    self.spans.push(Span {
                        range: start..self.text.len(),
                        kind: SpanKind::Ruby {
                            annotation: annotation.to_string(),
                        },
                    });
                }
                self.ruby.waiting = true;
            }
            ("rp", closing) => self.ruby.in_rp = !closing,
            _ => {}
        }
    }
}

/// Sort spans (outer first) and drop any that would break the model's rules: empty ones, ones
/// crossing another span, links inside links or code, ones outside a single leaf or cell.
pub(super) fn tidy_spans(mut spans: Vec<Span>, blocks: &[Block]) -> Vec<Span> {
    spans.retain(|s| !s.range.is_empty());
    spans.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    let leaves: Vec<&Block> = blocks.iter().filter(|b| !b.kind.is_container()).collect();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut open: Vec<usize> = Vec::new();
    for s in spans {
        let r = &s.range;
        while let Some(&top) = open.last() {
            match out.get(top) {
                Some(o) if o.range.end <= r.start => {
                    open.pop();
                }
                _ => break,
            }
        }
        let crosses = open
            .last()
            .and_then(|&top| out.get(top))
            .is_some_and(|o| o.range.end < r.end);
        let bad_link = matches!(s.kind, SpanKind::Link(_))
            && open
                .iter()
                .filter_map(|&i| out.get(i))
                .any(|o| matches!(o.kind, SpanKind::Link(_) | SpanKind::Code));
        let k = leaves.partition_point(|l| l.range.end < r.end);
        let leaf = leaves.get(k).filter(|l| l.range.start <= r.start);
        let in_one_cell = match leaf.map(|l| &l.kind) {
            Some(BlockKind::Table(t)) => t
                .rows
                .iter()
                .flatten()
                .any(|c| c.start <= r.start && r.end <= c.end),
            Some(_) => true,
            None => false,
        };
        if crosses || bad_link || !in_one_cell {
            continue;
        }
        open.push(out.len());
        out.push(s);
    }
    out
}

/// What an image without alt text shows: its file name, or "image".
pub(super) fn image_fallback(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or_default();
    if name.is_empty() {
        "image".to_string()
    } else {
        name.to_string()
    }
}
