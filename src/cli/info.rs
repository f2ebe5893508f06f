//! `kanshu info FILE [--json]`: what kanshu found out about a book, including which heading
//! family and which paragraph mode were chosen and why (counts), so a user can see what to
//! override with `--toc-rule` or `paragraph_mode`.
//!
//! Path and title are shown with control characters replaced (text) or escaped (JSON). It
//! reports the decisions of `document::chapters` and `layout::BookStyle`; it decides nothing.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{CliError, GlobalArgs, emit};
use crate::config::Config;
use crate::document::chapters::{self, Evidence};
use crate::document::{Document, Format, RuleSet, visible};
use crate::i18n::{Lang, tr};
use crate::layout::paragraphs::SAMPLE_WINDOW;
use crate::layout::{BookStyle, ParagraphMode};
use crate::view::count_artifacts;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kanshu info novel.txt\n  kanshu info --json novel.txt\n  iconv -f gbk -t utf-8 novel.txt | kanshu info -"
)]
pub struct InfoArgs {
    /// The book (`-` reads standard input)
    pub file: PathBuf,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub book: super::BookArgs,
}

/// What `info --json` prints.
#[derive(Debug, Serialize)]
pub struct Info {
    pub path: String,
    pub bytes: usize,
    /// encoding_rs name ("UTF-8", "GBK", "gb18030", "Big5", "UTF-16LE", …).
    pub encoding: String,
    pub characters: usize,
    pub lines: usize,
    pub chapters: usize,
    /// The heading-rule family that won, or "none".
    pub rule: String,
    /// Why: the headings of each rule of that family, how many are well spaced, what else
    /// came close, contents page and Gutenberg frame (one line).
    pub headings: String,
    /// How source lines become paragraphs: "lines", "blank" or "indent".
    pub paragraph_mode: String,
    /// Why: set in the config, or what the automatic choice saw (one line); for a book with
    /// markup (EPUB, Markdown) how many paragraphs its markup makes.
    pub paragraphs: String,
    /// Paragraphs made by the book's markup (EPUB, Markdown), which sets them itself: then
    /// `lines` and the paragraph mode say nothing about it.
    #[serde(skip)]
    pub markup_paragraphs: Option<usize>,
    pub title: String,
    /// Control characters in the text (shown as placeholders by the reader).
    pub control_characters: usize,
    /// Replacement characters (U+FFFD) in the text: bytes that could not be decoded.
    pub replacement_characters: usize,
    /// Pinyin annotations after Han characters, like 戰(zhàn) (the clean view hides them).
    pub annotations: usize,
    /// HTML tags and entities left over from a web page (the clean view hides or decodes them).
    pub html_leftovers: usize,
    /// What an EPUB's package says, and what its conversion counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epub: Option<EpubInfo>,
    /// The user's heading rule that took too long (said after `headings`, in the reader's
    /// language; `--json` says it in English inside `headings`).
    #[serde(skip)]
    pub rules_stopped: Option<chapters::Stopped>,
}

/// The EPUB part of `info`.
#[derive(Debug, Serialize)]
pub struct EpubInfo {
    /// The package's version, e.g. "2.0" or "3.0".
    pub version: String,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
    pub images: usize,
    pub notes: usize,
    /// Where the contents came from: "nav", "ncx", "spine" or "headings".
    pub contents: String,
    /// Written vertically (opened in vertical mode).
    pub vertical: bool,
}

impl EpubInfo {
    pub fn of(book: &crate::formats::epub::Book) -> EpubInfo {
        let m = &book.metadata;
        EpubInfo {
            version: m.version.clone(),
            authors: m.authors.clone(),
            language: m.language.clone(),
            publisher: m.publisher.clone(),
            images: m.images,
            notes: m.notes,
            contents: m.contents.to_string(),
            vertical: book.vertical,
        }
    }
}

/// One line saying which heading family won and on what evidence.
pub fn heading_evidence(doc: &Document, rule: &str, e: &Evidence) -> String {
    let mut out = if rule == "none" {
        let parts: Vec<usize> = doc
            .chapters
            .iter()
            .filter(|c| !c.heading)
            .map(|c| c.range.len())
            .collect();
        if parts.len() <= 1 {
            "no heading family fits: the book is one chapter".to_string()
        } else {
            // The mean size of the parts as cut: each ends at the first paragraph end past three
            // quarters of `PART_BYTES`.
            let kb = parts.iter().sum::<usize>() as f64 / parts.len() as f64 / 1024.0;
            format!(
                "no heading family fits: cut into {} parts of about {kb:.0} KB",
                parts.len()
            )
        }
    } else {
        let total: usize = e.by_rule.iter().map(|(_, n)| n).sum();
        let kinds: Vec<String> = e.by_rule.iter().map(|(r, n)| format!("{n} {r}")).collect();
        format!(
            "{rule}: {total} headings ({}), {} well spaced",
            kinds.join(", "),
            e.spaced
        )
    };
    if let Some((name, n)) = &e.runner_up {
        let _ = write!(out, "; next best {name} ({n})");
    }
    if e.contents_page {
        out.push_str("; printed contents page kept in the front matter");
    }
    if e.gutenberg {
        out.push_str("; Project Gutenberg header and licence set apart");
    }
    out
}

/// The name of a paragraph mode, as the config spells it.
pub fn mode_name(mode: ParagraphMode) -> &'static str {
    match mode {
        ParagraphMode::Auto => "auto",
        ParagraphMode::Lines => "lines",
        ParagraphMode::Blank => "blank",
        ParagraphMode::Indent => "indent",
    }
}

/// The paragraph mode layout uses for `doc`, and one line saying why: the counts the
/// automatic choice was made from, over the same windows of the text it looked at.
pub fn paragraph_evidence(doc: &Document, mode: ParagraphMode) -> (String, String) {
    if mode != ParagraphMode::Auto {
        return (
            mode_name(mode).into(),
            "set by paragraph_mode in the config".into(),
        );
    }
    let style = BookStyle::detect(&doc.text);
    let e = &style.evidence;
    let script = if style.cjk {
        "mostly CJK"
    } else {
        "mostly Latin"
    };
    let looked = if e.windows > 1 {
        format!("in {} samples of {} KB", e.windows, SAMPLE_WINDOW / 1024)
    } else {
        "in the whole text".to_string()
    };
    let why = match style.mode {
        ParagraphMode::Indent => "lines are joined, a paragraph starts at an indent",
        ParagraphMode::Blank => "paragraphs end at blank lines",
        _ => "every line is a paragraph",
    };
    (
        mode_name(style.mode).into(),
        format!(
            "auto: {script}; {looked}: {} lines of text, {} blank, {} indented, {} carry on \
             the line above; {why}",
            e.lines, e.blank, e.indented, e.continued
        ),
    )
}

impl Info {
    /// What `info` says about `doc` opened with `rules` and `cfg`.
    pub fn with(doc: &Document, path: &str, rules: &RuleSet, cfg: &Config) -> Info {
        let markdown = doc
            .path
            .as_deref()
            .is_some_and(|p| Format::from_path(p) == Format::Markdown);
        // Rules that took too long opening the book are not run again.
        let fallback;
        let rules = match &doc.rules_stopped {
            Some(_) => {
                fallback = rules.without_user();
                &fallback
            }
            None => rules,
        };
        let split = chapters::split(&doc.text, &doc.title, rules, markdown);
        let mut info = Info::of(doc, path);
        info.headings = heading_evidence(doc, &split.rule, &split.evidence);
        info.rules_stopped = doc.rules_stopped.clone();
        if doc.structure.is_empty() {
            (info.paragraph_mode, info.paragraphs) =
                paragraph_evidence(doc, cfg.layout.paragraph_mode);
        } else {
            let n = doc
                .structure
                .leaves()
                .filter(|b| b.kind == crate::document::blocks::BlockKind::Paragraph)
                .count();
            info.markup_paragraphs = Some(n);
            info.paragraph_mode = "markup".into();
            info.paragraphs = format!("{n} paragraphs from the book's markup");
        }
        info
    }

    pub fn of(doc: &Document, path: &str) -> Info {
        let artifacts = count_artifacts(&doc.text);
        Info {
            path: path.to_string(),
            bytes: doc.source_bytes,
            encoding: doc.encoding.clone(),
            characters: doc.text.chars().count(),
            lines: doc.line_count(),
            chapters: doc.chapters.len(),
            rule: doc.rule.clone(),
            headings: String::new(),
            paragraph_mode: String::new(),
            paragraphs: String::new(),
            title: doc.title.clone(),
            control_characters: doc.control_chars,
            replacement_characters: doc.text.matches('\u{FFFD}').count(),
            annotations: artifacts.annotations,
            html_leftovers: artifacts.leftovers,
            epub: None,
            rules_stopped: None,
            markup_paragraphs: None,
        }
    }

    /// The `headings` line in `lang`: the evidence, then the rule that was stopped, if any.
    pub fn headings_in(&self, lang: Lang) -> String {
        let mut out = self.headings.clone();
        if let Some(s) = &self.rules_stopped {
            let stopped = crate::app::library::rules_stopped_text(s, lang);
            out.push_str(&tr!(
                lang,
                "info-rules-stopped",
                stopped = stopped,
                percent = s.percent
            ));
        }
        out
    }

    /// `key: value` lines, safe for a terminal (English labels).
    pub fn text(&self) -> String {
        self.text_in(Lang::En)
    }

    /// `key: value` lines in `lang`, safe for a terminal; the values line up after the labels.
    pub fn text_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        let mut line = |key: &str, value: &str| {
            let label = tr!(lang, key);
            let pad = 12usize.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let _ = writeln!(out, "{label}{}{value}", " ".repeat(pad));
        };
        line("info-path", &visible(&self.path));
        line("info-bytes", &self.bytes.to_string());
        line("info-encoding", &self.encoding);
        line("info-characters", &self.characters.to_string());
        if self.markup_paragraphs.is_none() {
            line("info-lines", &self.lines.to_string());
        }
        line("info-chapters", &self.chapters.to_string());
        line("info-rule", &self.rule);
        let headings = self.headings_in(lang);
        if !headings.is_empty() {
            line("info-headings", &visible(&headings));
        }
        if let Some(n) = self.markup_paragraphs {
            line(
                "info-paragraphs",
                &tr!(lang, "info-paragraphs-markup", count = n),
            );
        } else if !self.paragraph_mode.is_empty() {
            line(
                "info-paragraphs",
                &format!("{} ({})", self.paragraph_mode, self.paragraphs),
            );
        }
        line("info-title", &visible(&self.title));
        if let Some(e) = &self.epub {
            let or_none = |v: &Option<String>| visible(v.as_deref().unwrap_or("-")).into_owned();
            let authors = if e.authors.is_empty() {
                "-".to_string()
            } else {
                visible(&e.authors.join(", ")).into_owned()
            };
            line("info-authors", &authors);
            line("info-language", &or_none(&e.language));
            line("info-publisher", &or_none(&e.publisher));
            line(
                "info-epub",
                &tr!(
                    lang,
                    "info-epub-version",
                    version = visible(&e.version).into_owned()
                ),
            );
            line("info-images", &e.images.to_string());
            line("info-notes", &e.notes.to_string());
            if e.vertical {
                line("info-writing", &tr!(lang, "info-vertical"));
            }
        }
        if self.control_characters > 0 {
            let text = tr!(lang, "info-control", count = self.control_characters);
            let _ = writeln!(out, "{text}");
        }
        if self.replacement_characters > 0 {
            let text = tr!(
                lang,
                "info-undecodable",
                count = self.replacement_characters
            );
            let _ = writeln!(out, "{text}");
        }
        if self.annotations + self.html_leftovers > 0 {
            let text = tr!(
                lang,
                "info-artifacts",
                annotations = self.annotations,
                leftovers = self.html_leftovers
            );
            let _ = writeln!(out, "{text}");
        }
        out
    }
}

pub fn run(args: &InfoArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let (doc, cfg) = global.open_configured(&args.file)?;
    let rules = global.rules_with(&cfg)?;
    let mut info = Info::with(&doc, &args.file.display().to_string(), &rules, &cfg);
    if crate::formats::epub::sniff(&args.file) {
        let book = crate::formats::epub::open(&args.file, &global.load_options_with(&cfg))?;
        let e = EpubInfo::of(&book);
        // `--json` is read by programs: its values stay English.
        let lang = if args.json { Lang::En } else { global.lang };
        info.headings = tr!(lang, "info-epub-contents", source = &e.contents);
        info.epub = Some(e);
    }
    if args.json {
        info.headings = info.headings_in(Lang::En);
        let mut s = super::toc::to_json(&info)?;
        s.push('\n');
        emit(&s)
    } else {
        emit(&info.text_in(global.lang))
    }
}
