//! Notes in a content document: references (`epub:type="noteref"`, `role="doc-noteref"`, the
//! Duokan, QQ Reader and Zhangyue classes) become `[n]` spans, and note bodies (footnotes,
//! endnotes, any element a reference points at) are cut out of the text into the builder's
//! notes, so they are neither drawn, counted nor searched; the popup reads them from there.
//! Decides nothing about where a note is shown.

use super::{Action, Item, has_word};
use crate::document::blocks::{LinkTarget, Span, SpanKind};
use crate::formats::epub::container::Element;

/// Where a note body began: what to put back when it is cut out of the text.
#[derive(Debug)]
pub(super) struct NoteStart {
    label: String,
    text: usize,
    blocks: usize,
    any_leaf: bool,
    last_leaf_end: usize,
    /// The open containers' ranges.
    containers: Vec<(usize, std::ops::Range<usize>)>,
}

pub(super) fn is_note_ref(el: &Element) -> bool {
    el.name == "a"
        && (has_word(el.attr("type"), &["noteref"])
            || has_word(el.attr("role"), &["doc-noteref"])
            || has_word(
                el.attr("class"),
                &["duokan-footnote", "qqreader-footnote", "zhangyue-footnote"],
            ))
}

const NOTE_BODY_HOSTS: &[&str] = &[
    "aside",
    "div",
    "li",
    "p",
    "section",
    "dd",
    "dt",
    "blockquote",
    "footer",
];

impl Item<'_> {
    /// A note body starting at `el`: the action that cuts it out when it ends.
    pub(super) fn note_body(&mut self, el: &Element, at: usize) -> Option<Action> {
        let name = el.name.as_str();
        let footnote = NOTE_BODY_HOSTS.contains(&name)
            && (has_word(
                el.attr("type"),
                &["footnote", "endnote", "rearnote", "note"],
            ) || has_word(el.attr("role"), &["doc-footnote", "doc-endnote"])
                || el.attr("class").is_some_and(|c| {
                    c.contains("duokan-footnote-item") || c.contains("footnote-content")
                })
                || el
                    .attr("id")
                    .is_some_and(|id| self.b.notes.contains_key(&format!("{}#{id}", self.path))));
        if footnote {
            self.end_leaf();
            self.set_src(at);
            let label = format!("{}#{}", self.path, el.attr("id").unwrap_or_default());
            self.note_number(&label);
            self.b.footnotes += 1;
            return Some(Action::Note(Box::new(NoteStart {
                label,
                text: self.b.text.len(),
                blocks: self.b.blocks.len(),
                any_leaf: self.b.any_leaf,
                last_leaf_end: self.last_leaf_end,
                containers: self
                    .containers
                    .iter()
                    .filter_map(|&c| Some((c, self.b.blocks.get(c)?.range.clone())))
                    .collect(),
            })));
        }
        None
    }

    pub(super) fn note_number(&mut self, label: &str) -> usize {
        let next = self.b.notes.len() + 1;
        *self.b.notes.entry(label.to_string()).or_insert(next)
    }

    pub(super) fn note_ref(&mut self, el: &Element) {
        let href = el.attr("href").unwrap_or_default();
        let label = match self.link_target(href) {
            LinkTarget::Internal(l) => l,
            LinkTarget::External(e) => e,
        };
        let n = self.note_number(&label);
        let at = self.push_visible(&format!("[{n}]"));
        if let Some(at) = at {
            self.b.spans.push(Span {
                range: at..self.b.text.len(),
                kind: SpanKind::NoteRef { label },
            });
        }
    }

    /// A note body ends: its text goes beside the book's text (the popup shows it), and the
    /// text, blocks, spans and marks it added are taken back out of the page.
    pub(super) fn cut_note(&mut self, start: NoteStart) {
        self.end_leaf();
        let Some(body) = self.b.text.get(start.text..) else {
            return;
        };
        let body = body.trim_matches('\n').to_string();
        if !body.is_empty() {
            self.b.notes_text.entry(start.label).or_insert(body);
        }
        self.b.blocks.truncate(start.blocks);
        self.rollback(start.text);
        self.b.any_leaf = start.any_leaf;
        self.last_leaf_end = start.last_leaf_end;
        for (c, range) in start.containers {
            if let Some(b) = self.b.blocks.get_mut(c) {
                b.range = range;
            }
        }
        for s in &mut self.spans {
            if s.start.is_some_and(|at| at >= start.text) {
                s.start = None;
            }
        }
        self.ws = 0;
    }
}
