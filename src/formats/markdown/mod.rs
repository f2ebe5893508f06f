//! Markdown → text + blocks + spans + anchors + chapters, with `pulldown-cmark` (CommonMark,
//! tables, strikethrough, footnotes, task lists, GitHub alerts, YAML front matter skipped).
//!
//! Owns what a reader of a Markdown book sees: the text holds no markup (no `**`, no `](url)`,
//! no fence lines, no list markers, no `|` between cells, no HTML tags) and every structure is
//! in the tables beside it (see `document::blocks`). Leaves are separated by one `\n`; a code
//! block keeps every line; table cells are separated by a tab, rows by a line break; an image
//! is its alt text; a footnote reference shows `[n]`. A soft line break between two East Asian
//! wide characters joins without a space, elsewhere it is a space. Headings `#`–`###` outside
//! lists and quotes open chapters; every heading gets a GitHub-style anchor.
//! It must not lay anything out: how a kind is drawn is layout's business. Block and container
//! bookkeeping is here; words, breaks, spans and inline HTML are in `inline`.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::outline;
use crate::document::blocks::{
    Align, Block, BlockKind, LinkTarget, ListMarker, Span, SpanKind, Structure, Table,
};
use crate::document::{Document, normalize};
use inline::{image_fallback, tidy_spans};

mod inline;

/// Headings of these levels (outside containers) open chapters, as in plain text books.
pub const CHAPTER_LEVELS: u8 = 3;

/// A converted Markdown source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The text of the first level-1 heading, if any.
    pub title: Option<String>,
    /// What the reader sees.
    pub text: String,
    pub structure: Structure,
}

/// The pulldown-cmark options kanshu reads Markdown with.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Convert Markdown source into text and structure.
pub fn parse(source: &str) -> Parsed {
    let mut c = Converter::default();
    for event in Parser::new_ext(source, options()) {
        c.event(event);
    }
    c.finish()
}

/// A whole document from Markdown source (line ends normalised, BOM dropped): text,
/// structure, chapters from headings `#`–`###`. The title is a `《…》` or `Title:` line before
/// the first heading, else the first `# heading`, else `name`.
pub fn document(source: &str, name: &str) -> Document {
    let parsed = parse(&normalize::normalize(source.to_string()));
    let headings =
        outline::chapter_headings(&parsed.text, &parsed.structure.blocks, CHAPTER_LEVELS);
    let front_end = headings
        .first()
        .map_or(parsed.text.len(), |h| h.range.start);
    let title = outline::front_title(parsed.text.get(..front_end).unwrap_or_default())
        .or_else(|| parsed.title.clone())
        .unwrap_or_else(|| name.to_string());
    let chapters = outline::chapters(&parsed.text, &parsed.structure.blocks, &headings, &title);
    Document {
        title,
        rule: if headings.is_empty() {
            "none"
        } else {
            "markdown"
        }
        .into(),
        chapters,
        encoding: "UTF-8".into(),
        source_bytes: source.len(),
        path: None,
        control_chars: normalize::count_controls(&parsed.text),
        text: parsed.text,
        structure: parsed.structure,
        sources: None,
        rules_stopped: None,
    }
}

/// Re-read a document that was loaded as Markdown source (its `text` is the decoded source):
/// the result has the converted text, structure and chapters, and keeps the encoding, the
/// source size and the path. Without a `# heading` the title is the file's name (the loaded
/// title may be a line of raw Markdown).
pub fn restructure(doc: Document) -> Document {
    let name = doc
        .path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| doc.title.clone(), |s| s.to_string_lossy().into_owned());
    let mut out = document(&doc.text, &name);
    out.encoding = doc.encoding;
    out.source_bytes = doc.source_bytes;
    out.path = doc.path;
    out
}

/// Can a soft line break between `a` and `b` vanish? Between two East Asian wide characters
/// (CJK, kana, fullwidth punctuation) but not Hangul, whose words are spaced (CSS Text 3).
pub(crate) fn joins(a: char, b: char) -> bool {
    let wide = |c: char| {
        unicode_width::UnicodeWidthChar::width(c) == Some(2)
            && !matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
    };
    wide(a) && wide(b)
}

/// GitHub's heading anchor: lower case, spaces to `-`, punctuation dropped (letters of any
/// script, digits, `-` and `_` stay).
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Undo point for a leaf that turns out empty (a paragraph of nothing but an HTML comment).
#[derive(Debug, Default)]
struct Checkpoint {
    text_len: usize,
    need_sep: bool,
    held: Vec<bool>,
    blocks: usize,
    spans: usize,
    /// An empty leaf that must stay (the one line of an empty list item).
    keep_empty: bool,
}

#[derive(Debug, Default)]
struct TableState {
    rows: Vec<Vec<Range<usize>>>,
    row: Vec<Range<usize>>,
    cell: Option<usize>,
    header_rows: usize,
}

#[derive(Debug, Default)]
struct Ruby {
    /// Inside `<ruby>`: the next text starts a base.
    waiting: bool,
    base: Option<usize>,
    annotation: Option<String>,
    in_rp: bool,
}

#[derive(Debug, Default)]
struct Converter {
    text: String,
    blocks: Vec<Block>,
    spans: Vec<Span>,
    anchors: BTreeMap<String, usize>,
    /// Open containers: block index and whether a leaf was opened inside.
    containers: Vec<(usize, bool)>,
    /// The open leaf: block index, opened for loose inline content, undo point.
    leaf: Option<(usize, bool, Checkpoint)>,
    /// A leaf ended: the next one starts after a `\n`.
    need_sep: bool,
    /// Open inline tags; `None` for one that makes no span (inside an image's alt text).
    open_spans: Vec<Option<usize>>,
    soft_break: bool,
    lists: Vec<Option<u64>>,
    quote_depth: u8,
    table: Option<TableState>,
    in_code: bool,
    in_image: usize,
    skip: bool,
    html: Option<String>,
    ruby: Ruby,
    notes: HashMap<String, usize>,
    slugs: HashMap<String, usize>,
    pending_anchors: Vec<String>,
    title: Option<String>,
}

impl Converter {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.html.is_some() => self.html.get_or_insert_default().push_str(&t),
            Event::Text(t) => self.text_event(&t),
            Event::Code(t) => {
                self.push_inline(&t, true);
            }
            Event::Html(t) => match &mut self.html {
                Some(buf) => buf.push_str(&t),
                None => self.html_block(&t),
            },
            Event::InlineHtml(t) => self.inline_html(&t),
            Event::FootnoteReference(label) => {
                let number = self.note_number(&label);
                let at = self.push_inline(&format!("[{number}]"), false);
                self.spans.push(Span {
                    range: at,
                    kind: SpanKind::NoteRef {
                        label: label.to_string(),
                    },
                });
            }
            Event::SoftBreak if self.in_code => self.text.push('\n'),
            Event::SoftBreak => self.soft_break = self.leaf_len() > 0,
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.begin_leaf(BlockKind::Rule, false);
                self.end_leaf();
            }
            Event::TaskListMarker(checked) => {
                let item = self.containers.iter().rev().find_map(|&(i, _)| {
                    matches!(self.blocks.get(i)?.kind, BlockKind::ListItem { .. }).then_some(i)
                });
                if let Some(BlockKind::ListItem { marker, .. }) = item
                    .and_then(|i| self.blocks.get_mut(i))
                    .map(|b| &mut b.kind)
                {
                    *marker = ListMarker::Task { checked };
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text_event(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.begin_leaf(BlockKind::Paragraph, false),
            Tag::Heading { level, .. } => self.begin_leaf(
                BlockKind::Heading {
                    level: heading_level(level),
                },
                false,
            ),
            Tag::BlockQuote(kind) => {
                self.quote_depth = self.quote_depth.saturating_add(1);
                self.open_container(BlockKind::Quote {
                    depth: self.quote_depth,
                });
                if let Some(kind) = kind {
                    let at = self.push_inline(alert_title(kind), false);
                    self.spans.push(Span {
                        range: at,
                        kind: SpanKind::Strong,
                    });
                    self.end_leaf();
                }
            }
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                self.begin_leaf(BlockKind::Code { language }, false);
                self.in_code = true;
            }
            Tag::HtmlBlock => {
                self.close_loose();
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                self.close_loose();
                self.lists.push(first);
            }
            Tag::Item => {
                let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = ListMarker::Ordered(*n);
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => ListMarker::Bullet,
                };
                self.open_container(BlockKind::ListItem { depth, marker });
            }
            Tag::FootnoteDefinition(label) => {
                let number = self.note_number(&label);
                self.open_container(BlockKind::Footnote {
                    label: label.to_string(),
                    number,
                });
            }
            Tag::Table(align) => {
                let align = align.iter().map(|a| convert_align(*a)).collect();
                self.begin_leaf(
                    BlockKind::Table(Table {
                        align,
                        ..Table::default()
                    }),
                    false,
                );
                self.table = Some(TableState::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                let rows = self.table.as_ref().map(|t| (t.rows.len(), t.row.len()));
                match rows {
                    Some((_, cells)) if cells > 0 => self.text.push('\t'),
                    Some((rows, _)) if rows > 0 => self.text.push('\n'),
                    _ => {}
                }
                let at = self.text.len();
                if let Some(t) = &mut self.table {
                    t.cell = Some(at);
                }
            }
            Tag::Emphasis => self.open_span(SpanKind::Emphasis),
            Tag::Strong => self.open_span(SpanKind::Strong),
            Tag::Strikethrough => self.open_span(SpanKind::Strikethrough),
            Tag::Link { dest_url, .. } => {
                let target = match dest_url.strip_prefix('#') {
                    Some(fragment) => LinkTarget::Internal(fragment.to_string()),
                    None => LinkTarget::External(dest_url.to_string()),
                };
                self.open_span(SpanKind::Link(target));
            }
            Tag::Image { dest_url, .. } => {
                self.open_span(SpanKind::Image {
                    src: dest_url.to_string(),
                });
                self.in_image += 1;
            }
            Tag::MetadataBlock(_) => self.skip = true,
            Tag::Superscript | Tag::Subscript => self.open_spans.push(None),
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.close_loose();
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_leaf(),
            TagEnd::BlockQuote(_) => {
                self.close_container();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                let start = self.leaf_start();
                if self.text.len() > start && self.text.ends_with('\n') {
                    self.text.pop();
                }
                self.in_code = false;
                self.end_leaf();
            }
            TagEnd::HtmlBlock => {
                let buf = self.html.take().unwrap_or_default();
                self.html_block(&buf);
            }
            TagEnd::List(_) => {
                self.close_loose();
                self.lists.pop();
            }
            TagEnd::Item | TagEnd::FootnoteDefinition => self.close_container(),
            TagEnd::Table => self.end_table(),
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table
                    && !t.row.is_empty()
                {
                    t.rows.push(std::mem::take(&mut t.row));
                    if tag == TagEnd::TableHead {
                        t.header_rows += 1;
                    }
                }
            }
            TagEnd::TableCell => {
                let at = self.text.len();
                if let Some(t) = &mut self.table
                    && let Some(start) = t.cell.take()
                {
                    t.row.push(start..at);
                }
            }
            TagEnd::Image => {
                self.in_image = self.in_image.saturating_sub(1);
                let start = self.open_spans.last().copied().flatten();
                let src = start.and_then(|i| match &self.spans.get(i)?.kind {
                    SpanKind::Image { src } => Some(src.clone()),
                    _ => None,
                });
                if let (Some(i), Some(src)) = (start, src)
                    && self
                        .spans
                        .get(i)
                        .is_some_and(|s| s.range.start == self.text.len())
                {
                    self.push_inline(&image_fallback(&src), false);
                }
                self.close_span();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Superscript
            | TagEnd::Subscript => self.close_span(),
            TagEnd::MetadataBlock(_) => self.skip = false,
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.close_loose(),
        }
    }

    fn leaf_start(&self) -> usize {
        self.leaf
            .as_ref()
            .and_then(|(i, _, _)| self.blocks.get(*i))
            .map_or(self.text.len(), |b| b.range.start)
    }

    fn leaf_len(&self) -> usize {
        self.text.len() - self.leaf_start()
    }

    fn in_table_cell(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.cell.is_some())
    }

    fn in_heading(&self) -> bool {
        self.leaf
            .as_ref()
            .and_then(|(i, _, _)| self.blocks.get(*i))
            .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }))
    }

    /// Start a leaf block (ending any open one) after the separator.
    fn begin_leaf(&mut self, kind: BlockKind, loose: bool) {
        self.end_leaf();
        let checkpoint = Checkpoint {
            text_len: self.text.len(),
            need_sep: self.need_sep,
            held: self.containers.iter().map(|c| c.1).collect(),
            blocks: self.blocks.len(),
            spans: self.spans.len(),
            keep_empty: false,
        };
        self.separate();
        let at = self.text.len();
        for id in self.pending_anchors.drain(..) {
            self.anchors.entry(id).or_insert(at);
        }
        for c in &mut self.containers {
            c.1 = true;
        }
        self.leaf = Some((self.blocks.len(), loose, checkpoint));
        self.blocks.push(Block {
            range: at..at,
            kind,
        });
        self.soft_break = false;
    }

    fn end_leaf(&mut self) {
        let Some((idx, _, checkpoint)) = self.leaf.take() else {
            return;
        };
        self.soft_break = false;
        self.ruby = Ruby::default();
        let end = self.text.len();
        let Some(block) = self.blocks.get_mut(idx) else {
            return;
        };
        block.range.end = end;
        let range = block.range.clone();
        match block.kind {
            BlockKind::Paragraph
                if range.is_empty()
                    && !checkpoint.keep_empty
                    && self.spans.len() == checkpoint.spans =>
            {
                // Nothing to show (a paragraph of HTML comments): as if it never was.
                let anchors_here: Vec<String> = self
                    .anchors
                    .iter()
                    .filter(|&(_, &at)| at == range.start)
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in anchors_here {
                    self.anchors.remove(&k);
                    self.pending_anchors.push(k);
                }
                self.text.truncate(checkpoint.text_len);
                self.need_sep = checkpoint.need_sep;
                self.blocks.truncate(checkpoint.blocks);
                for (c, held) in self.containers.iter_mut().zip(checkpoint.held) {
                    c.1 = held;
                }
                return;
            }
            BlockKind::Paragraph => {
                // A paragraph that is one image is an image block.
                let only = self.spans.get(checkpoint.spans..).unwrap_or_default();
                if let [
                    Span {
                        range: r,
                        kind: SpanKind::Image { src },
                    },
                ] = only
                    && *r == range
                {
                    block.kind = BlockKind::Image { src: src.clone() };
                    self.spans.truncate(checkpoint.spans);
                }
            }
            BlockKind::Heading { level } => {
                let shown = self.text.get(range.clone()).unwrap_or_default();
                if level == 1 && self.title.is_none() && !shown.trim().is_empty() {
                    self.title = Some(shown.trim().to_string());
                }
                let base = slug(shown);
                let n = self.slugs.entry(base.clone()).or_insert(0);
                let id = if *n == 0 { base } else { format!("{base}-{n}") };
                *n += 1;
                if !id.is_empty() {
                    self.anchors.entry(id).or_insert(range.start);
                }
            }
            _ => {}
        }
        self.need_sep = true;
    }

    fn separate(&mut self) {
        if self.need_sep {
            self.text.push('\n');
            self.need_sep = false;
        }
    }

    /// End a leaf that was opened only for loose inline content (a tight list item's text).
    fn close_loose(&mut self) {
        if self.leaf.as_ref().is_some_and(|(_, loose, _)| *loose) {
            self.end_leaf();
        }
    }

    fn open_container(&mut self, kind: BlockKind) {
        self.close_loose();
        self.separate();
        let at = self.text.len();
        self.containers.push((self.blocks.len(), false));
        self.blocks.push(Block {
            range: at..at,
            kind,
        });
    }

    fn close_container(&mut self) {
        self.close_loose();
        let Some((idx, held)) = self.containers.pop() else {
            return;
        };
        if !held {
            // An empty item or quote still takes its line (and its marker).
            self.begin_leaf(BlockKind::Paragraph, false);
            if let Some((_, _, checkpoint)) = &mut self.leaf {
                checkpoint.keep_empty = true;
            }
            self.end_leaf();
        }
        let end = self.text.len();
        if let Some(b) = self.blocks.get_mut(idx) {
            b.range.end = end;
        }
    }

    fn end_table(&mut self) {
        let state = self.table.take().unwrap_or_default();
        if let Some((idx, _, _)) = &self.leaf
            && let Some(Block {
                kind: BlockKind::Table(t),
                ..
            }) = self.blocks.get_mut(*idx)
        {
            t.rows = state.rows;
            t.header_rows = state.header_rows;
        }
        self.end_leaf();
    }

    fn note_number(&mut self, label: &str) -> usize {
        let next = self.notes.len() + 1;
        *self.notes.entry(label.to_string()).or_insert(next)
    }

    fn finish(mut self) -> Parsed {
        while !self.open_spans.is_empty() {
            self.close_span();
        }
        self.end_leaf();
        while !self.containers.is_empty() {
            self.close_container();
        }
        if self.need_sep {
            self.text.push('\n');
        }
        let end = self.text.len();
        for id in self.pending_anchors.drain(..) {
            self.anchors.entry(id).or_insert(end);
        }
        for at in self.anchors.values_mut() {
            *at = (*at).min(end);
        }
        let spans = tidy_spans(self.spans, &self.blocks);
        Parsed {
            title: self.title,
            text: self.text,
            structure: Structure {
                blocks: self.blocks,
                spans,
                anchors: self.anchors,
                notes: Default::default(),
            },
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn alert_title(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}
