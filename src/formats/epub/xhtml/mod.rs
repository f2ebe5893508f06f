//! Content documents (XHTML) → text, blocks, spans and anchors of one book, appended item by
//! item to one [`Builder`].
//!
//! Owns what a reader of an EPUB sees: whitespace by CSS rules (runs collapse; a source line
//! break between two CJK characters vanishes; U+3000 stays, and after a `<br/>` starts a
//! paragraph), `<head>`, `<script>`, `<style>`, `<rp>`, `hidden` and `display:none` skipped;
//! headings, paragraphs, lists, quotes, tables, preformatted text, images (a placeholder: the
//! alt text or `［图］`), links, ruby (the base is text, the annotation a span), footnote
//! references (`[n]`) and note bodies kept beside the text (`notes`); every element id is an
//! anchor `path#id`, every item's start an anchor `path`.
//! It records, per leaf, the item and source byte it came from. It decides no chapter.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::container::{Element, resolve};
use super::events::{Ev, events};
use crate::document::blocks::{
    Block, BlockKind, LinkTarget, ListMarker, Span, SpanKind, Structure,
};
use crate::formats::markdown::joins;
pub(crate) use chars::horizontal_form;
use notes::{NoteStart, is_note_ref};
use table::TableState;

mod chars;
mod notes;
mod table;

/// Shown for an image without alt text.
pub const IMAGE_PLACEHOLDER: &str = "［图］";

/// Where a leaf came from: its text start, spine item, byte of its element in the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub text: usize,
    pub item: u32,
    pub src: u32,
}

/// The book being converted.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub text: String,
    pub blocks: Vec<Block>,
    pub spans: Vec<Span>,
    pub anchors: BTreeMap<String, usize>,
    pub marks: Vec<Mark>,
    /// Footnote labels (`path#id`) → number, in order of first reference.
    notes: HashMap<String, usize>,
    /// Paths of the content documents (links to them are internal).
    pub documents: HashSet<String>,
    pending_anchors: Vec<String>,
    any_leaf: bool,
    pub images: usize,
    pub footnotes: usize,
    /// Note bodies cut out of the text: label → text (see [`Structure::notes`]).
    notes_text: BTreeMap<String, String>,
    /// `class` values and inline vertical writing on `<html>`/`<body>`, per item.
    pub root_classes: Vec<String>,
    pub inline_vertical: bool,
}

#[derive(Debug)]
enum Action {
    None,
    Skip,
    Block,
    Container(usize),
    List,
    Span(usize),
    Ruby,
    Rt,
    Table,
    Row,
    Cell,
    TableHead,
    Head,
    Note(Box<NoteStart>),
}

#[derive(Debug)]
struct OpenSpan {
    kind: SpanKind,
    start: Option<usize>,
}

/// The state of one content document's conversion.
struct Item<'b> {
    b: &'b mut Builder,
    path: String,
    item: u32,
    stack: Vec<(String, Action)>,
    skip: usize,
    /// Kinds of the open block elements, innermost last.
    block_kinds: Vec<BlockKind>,
    pre: usize,
    leaf: Option<(usize, BlockKind)>,
    line_start: usize,
    /// 0 none, 1 a space, 2 a source line break, 3 a `<br>`.
    ws: u8,
    last_src: usize,
    /// The last leaf used `last_src`: the next one takes its own text's byte.
    src_stale: bool,
    containers: Vec<usize>,
    last_leaf_end: usize,
    lists: Vec<(bool, u64)>,
    quotes: u8,
    spans: Vec<OpenSpan>,
    links: usize,
    ruby: Option<(Option<usize>, String, bool)>,
    table: Option<TableState>,
    table_depth: usize,
}

/// Convert one content document (already decoded) and append it to `b`. A document that
/// holds notes and nothing else but headings (an endnotes file) adds only its notes.
pub(crate) fn convert(b: &mut Builder, item: u32, path: &str, src: &str) {
    let (text_before, blocks_before, notes_before, any_leaf) =
        (b.text.len(), b.blocks.len(), b.footnotes, b.any_leaf);
    b.pending_anchors.push(path.to_string());
    let mut it = Item {
        b,
        path: path.to_string(),
        item,
        stack: Vec::new(),
        skip: 0,
        block_kinds: Vec::new(),
        pre: 0,
        leaf: None,
        line_start: 0,
        ws: 0,
        last_src: 0,
        src_stale: true,
        containers: Vec::new(),
        last_leaf_end: 0,
        lists: Vec::new(),
        quotes: 0,
        spans: Vec::new(),
        links: 0,
        ruby: None,
        table: None,
        table_depth: 0,
    };
    for ev in events(src) {
        match ev {
            Ev::Start { el, empty, at } => it.start(el, empty, at),
            Ev::End(name) => it.end(&name),
            Ev::Text { text, at } => {
                if it.skip == 0 {
                    it.text(&text, at);
                }
            }
        }
    }
    while let Some((_, action)) = it.stack.pop() {
        it.undo(action);
    }
    it.end_leaf();
    let only_notes = it.b.footnotes > notes_before
        && it
            .b
            .blocks
            .get(blocks_before..)
            .unwrap_or_default()
            .iter()
            .all(|b| b.kind.is_container() || matches!(b.kind, BlockKind::Heading { .. }));
    if only_notes {
        it.b.blocks.truncate(blocks_before);
        it.rollback(text_before);
        it.b.any_leaf = any_leaf;
    }
}

fn has_word(attr: Option<&str>, words: &[&str]) -> bool {
    attr.is_some_and(|a| a.split_whitespace().any(|w| words.contains(&w)))
}

fn hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.to_ascii_lowercase().contains("display:none")
    })
}

fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading {
            level: name.as_bytes()[1] - b'0',
        },
        "pre" => BlockKind::Preformatted,
        "p" | "div" | "section" | "article" | "aside" | "header" | "footer" | "nav" | "figure"
        | "figcaption" | "dl" | "dt" | "dd" | "center" | "address" | "main" | "body" | "html"
        | "details" | "summary" | "caption" | "hgroup" | "ul" | "ol" | "li" | "blockquote" => {
            BlockKind::Paragraph
        }
        _ => return None,
    })
}

impl Item<'_> {
    fn start(&mut self, el: Element, empty: bool, at: usize) {
        if self.skip > 0 {
            if !empty {
                self.stack.push((el.name, Action::None));
            }
            return;
        }
        let name = el.name.clone();
        if let Some(id) = el
            .attr("id")
            .or(if name == "a" { el.attr("name") } else { None })
            && !id.is_empty()
        {
            self.b.pending_anchors.push(format!("{}#{id}", self.path));
        }
        if name == "html" || name == "body" {
            if let Some(c) = el.attr("class") {
                self.b.root_classes.push(c.to_string());
            }
            if el.attr("style").is_some_and(|s| s.contains("vertical-rl")) {
                self.b.inline_vertical = true;
            }
        }
        let action = if matches!(
            name.as_str(),
            "head" | "script" | "style" | "rp" | "template" | "noscript" | "title"
        ) || hidden(&el)
        {
            if name == "head" {
                Action::Head
            } else {
                Action::Skip
            }
        } else if self.ruby.as_ref().is_some_and(|r| r.2) {
            Action::None
        } else if is_note_ref(&el) {
            self.note_ref(&el);
            Action::Skip
        } else {
            self.element(&el, at)
        };
        if matches!(action, Action::Skip | Action::Head) {
            self.skip += 1;
        }
        if empty {
            self.undo(action);
        } else {
            self.stack.push((name, action));
        }
    }

    fn element(&mut self, el: &Element, at: usize) -> Action {
        let name = el.name.as_str();
        match name {
            "br" => {
                if self.table.is_some() {
                    self.ws = self.ws.max(1);
                } else {
                    self.ws = 3;
                }
                return Action::None;
            }
            "img" | "image" => {
                self.image(el, at);
                return Action::None;
            }
            "hr" if self.table.is_none() => {
                self.end_leaf();
                self.set_src(at);
                self.begin_leaf(BlockKind::Rule);
                self.end_leaf();
                return Action::None;
            }
            "ruby" if self.ruby.is_none() => {
                self.ruby = Some((None, String::new(), false));
                return Action::Ruby;
            }
            "rt" | "rtc" => {
                if let Some(r) = self.ruby.as_mut() {
                    r.1.clear();
                    r.2 = true;
                    return Action::Rt;
                }
                return Action::Skip;
            }
            _ => {}
        }
        if let Some(a) = self.table_element(name) {
            return a;
        }
        if self.table.is_some() {
            if block_kind(name).is_some() {
                self.ws = self.ws.max(1);
            }
            return self.inline(el);
        }
        if let Some(note) = self.note_body(el, at) {
            return note;
        }
        match name {
            "ul" | "ol" => {
                self.end_leaf();
                let start = el.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push((name == "ol", start.unwrap_or(1)));
                self.block_kinds.push(BlockKind::Paragraph);
                return Action::List;
            }
            "li" => {
                self.end_leaf();
                self.set_src(at);
                let depth = self.lists.len().clamp(1, 255) as u8;
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        let m = ListMarker::Ordered(*n);
                        *n += 1;
                        m
                    }
                    _ => ListMarker::Bullet,
                };
                return self.open_container(BlockKind::ListItem { depth, marker });
            }
            "blockquote" => {
                self.end_leaf();
                self.set_src(at);
                self.quotes = self.quotes.saturating_add(1);
                return self.open_container(BlockKind::Quote { depth: self.quotes });
            }
            _ => {}
        }
        if let Some(kind) = block_kind(name) {
            self.end_leaf();
            self.set_src(at);
            if kind == BlockKind::Preformatted {
                self.pre += 1;
            }
            self.block_kinds.push(kind);
            return Action::Block;
        }
        self.inline(el)
    }

    fn inline(&mut self, el: &Element) -> Action {
        let kind = match el.name.as_str() {
            "em" | "i" | "cite" | "dfn" | "var" => SpanKind::Emphasis,
            "strong" | "b" => SpanKind::Strong,
            "s" | "del" | "strike" => SpanKind::Strikethrough,
            "code" | "tt" | "kbd" | "samp" => SpanKind::Code,
            "a" => match el.attr("href") {
                Some(href) if self.links == 0 && !self.in_code() => {
                    self.links += 1;
                    SpanKind::Link(self.link_target(href))
                }
                _ => return Action::None,
            },
            _ => return Action::None,
        };
        self.spans.push(OpenSpan { kind, start: None });
        Action::Span(self.spans.len() - 1)
    }

    fn in_code(&self) -> bool {
        self.spans.iter().any(|s| s.kind == SpanKind::Code)
    }

    fn link_target(&self, href: &str) -> LinkTarget {
        let href = href.trim();
        if href.contains("://") || href.starts_with("mailto:") {
            return LinkTarget::External(href.to_string());
        }
        let path = if href.starts_with('#') {
            self.path.clone()
        } else {
            resolve(&self.path, href)
        };
        if !self.b.documents.contains(&path) {
            return LinkTarget::External(href.to_string());
        }
        match href.split_once('#') {
            Some((_, frag)) if !frag.is_empty() => {
                LinkTarget::Internal(format!("{path}#{}", super::container::percent_decode(frag)))
            }
            _ => LinkTarget::Internal(path),
        }
    }

    fn image(&mut self, el: &Element, at: usize) {
        let src = el
            .attr("src")
            .or_else(|| el.attr("href"))
            .map(|s| resolve(&self.path, s))
            .unwrap_or_default();
        let alt = el
            .attr("alt")
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.b.images += 1;
        let inline = self.ruby.is_some()
            || self.table.is_some()
            || self.leaf.is_some()
            || el.attr("class").is_some_and(|c| c.contains("gaiji"));
        let shown = if alt.is_empty() {
            IMAGE_PLACEHOLDER
        } else {
            alt.as_str()
        };
        if inline {
            if let Some(start) = self.push_visible(shown) {
                self.b.spans.push(Span {
                    range: start..self.b.text.len(),
                    kind: SpanKind::Image { src },
                });
            }
            return;
        }
        self.end_leaf();
        self.set_src(at);
        self.begin_leaf(BlockKind::Image { src });
        let shown: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        self.b.text.push_str(&shown);
        self.end_leaf();
    }

    fn end(&mut self, name: &str) {
        let Some(k) = self.stack.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        while self.stack.len() > k {
            if let Some((_, action)) = self.stack.pop() {
                self.undo(action);
            }
        }
    }

    fn undo(&mut self, action: Action) {
        match action {
            Action::None => {}
            Action::Skip | Action::Head => self.skip = self.skip.saturating_sub(1),
            Action::Block => {
                self.end_leaf();
                if self.block_kinds.pop() == Some(BlockKind::Preformatted) {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
            Action::List => {
                self.end_leaf();
                self.lists.pop();
                self.block_kinds.pop();
            }
            Action::Container(i) => self.close_container(i),
            Action::Span(i) => self.close_span(i),
            Action::Ruby => {
                self.ruby = None;
            }
            Action::Rt => self.end_rt(),
            Action::Table => self.end_table(),
            Action::TableHead => self.end_thead(),
            Action::Row => self.end_row(),
            Action::Cell => self.end_cell(),
            Action::Note(start) => self.cut_note(*start),
        }
    }

    fn end_rt(&mut self) {
        let Some((base, annotation, _)) = self.ruby.take() else {
            return;
        };
        let annotation = annotation.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(start) = base
            && start < self.b.text.len()
            && !annotation.is_empty()
            && self.leaf.as_ref().is_some_and(|(s, _)| *s <= start)
        {
            self.b.spans.push(Span {
                range: start..self.b.text.len(),
                kind: SpanKind::Ruby { annotation },
            });
        }
        self.ruby = Some((None, String::new(), false));
    }

    fn close_span(&mut self, i: usize) {
        if i + 1 != self.spans.len() {
            self.spans.truncate(i + 1);
        }
        let Some(open) = self.spans.pop() else {
            return;
        };
        if matches!(open.kind, SpanKind::Link(_)) {
            self.links = self.links.saturating_sub(1);
        }
        let end = self.b.text.len();
        let Some(start) = open.start else {
            return;
        };
        let in_leaf = self.leaf.as_ref().is_some_and(|(s, _)| *s <= start);
        let crosses_cell = self.table.is_some()
            && self
                .b
                .text
                .get(start..end)
                .is_none_or(|t| t.contains(['\t', '\n']));
        if start < end && in_leaf && !crosses_cell {
            self.b.spans.push(Span {
                range: start..end,
                kind: open.kind,
            });
        }
    }

    fn open_container(&mut self, kind: BlockKind) -> Action {
        self.b.blocks.push(Block {
            range: usize::MAX..usize::MAX,
            kind,
        });
        let i = self.b.blocks.len() - 1;
        self.containers.push(i);
        Action::Container(i)
    }

    fn close_container(&mut self, i: usize) {
        self.end_leaf();
        if let Some(k) = self.containers.iter().rposition(|&c| c == i) {
            self.containers.truncate(k);
        }
        if let Some(b) = self.b.blocks.get_mut(i) {
            if matches!(b.kind, BlockKind::Quote { .. }) {
                self.quotes = self.quotes.saturating_sub(1);
            }
            if b.range.start != usize::MAX {
                b.range.end = self.last_leaf_end;
            }
        }
    }

    /// Undo a leaf that turned out empty: its text, separator and marks.
    fn rollback(&mut self, to: usize) {
        self.b.text.truncate(to);
        self.b.spans.retain(|s| s.range.end <= to);
        for at in self.b.anchors.values_mut() {
            *at = (*at).min(to);
        }
        while self.b.marks.last().is_some_and(|m| m.text >= to) {
            self.b.marks.pop();
        }
        self.b.any_leaf = self.b.blocks.iter().any(|b| !b.kind.is_container());
        for &c in &self.containers {
            if let Some(b) = self.b.blocks.get_mut(c)
                && b.range.start >= to
                && b.range.start != usize::MAX
            {
                b.range = usize::MAX..usize::MAX;
            }
        }
    }

    fn begin_leaf(&mut self, kind: BlockKind) {
        if self.b.any_leaf {
            self.b.text.push('\n');
        }
        let start = self.b.text.len();
        self.b.any_leaf = true;
        for &c in &self.containers {
            if let Some(b) = self.b.blocks.get_mut(c)
                && b.range.start == usize::MAX
            {
                b.range = start..start;
            }
        }
        for id in self.b.pending_anchors.drain(..) {
            self.b.anchors.entry(id).or_insert(start);
        }
        self.b.marks.push(Mark {
            text: start,
            item: self.item,
            src: self.last_src.min(u32::MAX as usize) as u32,
        });
        self.src_stale = true;
        self.leaf = Some((start, kind));
        self.line_start = start;
        self.ws = 0;
    }

    fn end_leaf(&mut self) {
        if self.table.is_some() {
            return;
        }
        self.ws = 0;
        let Some((start, kind)) = self.leaf.take() else {
            return;
        };
        let end = self.b.text.len();
        self.push_leaf(start, end, kind);
    }

    fn push_leaf(&mut self, start: usize, end: usize, kind: BlockKind) {
        self.b.blocks.push(Block {
            range: start..end,
            kind,
        });
        self.last_leaf_end = end;
        for &c in &self.containers {
            if let Some(b) = self.b.blocks.get_mut(c) {
                b.range.end = end;
            }
        }
    }

    /// Text of the source: into the ruby annotation, a table cell, or the open leaf.
    fn text(&mut self, s: &str, at: usize) {
        if let Some((_, annotation, true)) = self.ruby.as_mut() {
            annotation.push_str(s);
            return;
        }
        if let Some(t) = self.table.as_ref()
            && t.cell.is_none()
        {
            return;
        }
        if self.pre > 0 && self.table.is_none() {
            self.pre_text(s, at);
            return;
        }
        let mut rest = s;
        while !rest.is_empty() {
            let ws_len = rest
                .find(|c: char| !matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}'))
                .unwrap_or(rest.len());
            if ws_len > 0 {
                let newline = rest[..ws_len].contains(['\n', '\r']);
                self.ws = self.ws.max(if newline { 2 } else { 1 });
                rest = &rest[ws_len..];
                continue;
            }
            let word_len = rest
                .find([' ', '\t', '\n', '\r', '\u{c}'])
                .unwrap_or(rest.len());
            if self.leaf.is_none() && self.src_stale {
                self.set_src(at);
            }
            self.push_visible(&rest[..word_len]);
            rest = &rest[word_len..];
        }
    }

    fn pre_text(&mut self, s: &str, at: usize) {
        if self.leaf.is_none() {
            let s = s.strip_prefix('\n').unwrap_or(s);
            if s.trim().is_empty() {
                return;
            }
            if self.src_stale {
                self.set_src(at);
            }
            self.begin_leaf(self.kind_here());
        }
        let s: String = s
            .chars()
            .filter(|&c| c != '\r')
            .map(horizontal_form)
            .collect();
        self.mark_starts();
        self.b.text.push_str(&s);
    }

    fn set_src(&mut self, at: usize) {
        self.last_src = at;
        self.src_stale = false;
    }

    fn kind_here(&self) -> BlockKind {
        if self.pre > 0 {
            return BlockKind::Preformatted;
        }
        match self.block_kinds.last() {
            Some(k @ BlockKind::Heading { .. }) => k.clone(),
            _ => BlockKind::Paragraph,
        }
    }

    /// Emit `word` (no collapsible whitespace in it) after the pending whitespace; the offset
    /// where it starts, `None` when nothing was written.
    fn push_visible(&mut self, word: &str) -> Option<usize> {
        let mut chars = word.chars().map(horizontal_form).peekable();
        let first = *chars.peek()?;
        if self.table.as_ref().is_some_and(|t| t.cell.is_none()) {
            return None;
        }
        if self.leaf.is_none() && self.table.is_none() {
            self.begin_leaf(self.kind_here());
        }
        // `　　一<br/>　　二`: a line indented with ideographic spaces after a line break is a
        // paragraph of its own, indented as every paragraph is.
        if self.ws == 3
            && first == '\u{3000}'
            && self.pre == 0
            && self.table.is_none()
            && self.b.text.len() > self.line_start
            && matches!(self.leaf, Some((_, BlockKind::Paragraph)))
        {
            self.end_leaf();
            self.begin_leaf(BlockKind::Paragraph);
        }
        if self.b.text.len() > self.line_start {
            let last = self.b.text.chars().next_back().unwrap_or(' ');
            match self.ws {
                3 => {
                    self.b.text.push('\n');
                    self.line_start = self.b.text.len();
                }
                2 if joins(last, first) => {}
                1 | 2 => self.b.text.push(' '),
                _ => {}
            }
        }
        self.ws = 0;
        self.mark_starts();
        let at = self.b.text.len();
        self.b.text.extend(chars);
        Some(at)
    }

    /// Open spans, anchors and the ruby base start at the next character written.
    fn mark_starts(&mut self) {
        let at = self.b.text.len();
        for s in &mut self.spans {
            s.start.get_or_insert(at);
        }
        if let Some((base @ None, _, false)) = self.ruby.as_mut() {
            *base = Some(at);
        }
        for id in self.b.pending_anchors.drain(..) {
            self.b.anchors.entry(id).or_insert(at);
        }
    }
}

impl Builder {
    /// Close the book: anchors that never met text point at its end, containers that never
    /// held a leaf go, spans are sorted (outer first) and nested.
    pub(crate) fn finish(&mut self) -> Structure {
        let end = self.text.len();
        for id in self.pending_anchors.drain(..) {
            self.anchors.entry(id).or_insert(end);
        }
        let mut blocks = std::mem::take(&mut self.blocks);
        blocks.retain(|b| b.range.start != usize::MAX);
        let mut spans = std::mem::take(&mut self.spans);
        spans.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        Structure {
            blocks,
            spans: nested(spans),
            anchors: std::mem::take(&mut self.anchors),
            notes: std::sync::Arc::new(std::mem::take(&mut self.notes_text)),
        }
    }
}

/// Sorted spans with every one that crosses a span before it, or is a link inside a link or
/// code, left out (markup such as `<ruby>漢<b>字<rt>じ</rt>x</b></ruby>` can produce them).
fn nested(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut open: Vec<usize> = Vec::new();
    for s in spans {
        while open
            .last()
            .is_some_and(|&o| out[o].range.end <= s.range.start && out[o].range != s.range)
        {
            open.pop();
        }
        let crosses = open.last().is_some_and(|&o| s.range.end > out[o].range.end);
        let link_inside = matches!(s.kind, SpanKind::Link(_))
            && open
                .iter()
                .any(|&o| matches!(out[o].kind, SpanKind::Link(_) | SpanKind::Code));
        if crosses || link_inside {
            continue;
        }
        open.push(out.len());
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_one(body: &str) -> (String, Structure) {
        let mut b = Builder::default();
        convert(&mut b, 0, "a.xhtml", body);
        let s = b.finish();
        (b.text, s)
    }

    #[test]
    fn crossing_markup_leaves_nested_spans() {
        let (text, s) = convert_one("<p><ruby>漢<b>字<rt>じ</rt>x</b></ruby></p>");
        assert_eq!(text, "漢字x");
        assert_eq!(s.check(&text, &[]), Ok(()));
        assert_eq!(s.spans.len(), 1);
    }

    #[test]
    fn alt_text_never_breaks_a_table_cell() {
        let (text, s) =
            convert_one("<table><tr><td>a<img alt=\"x\n\ty\"/></td><td>b</td></tr></table>");
        assert_eq!(text, "ax y\tb");
        assert_eq!(s.check(&text, &[]), Ok(()));
    }
}
