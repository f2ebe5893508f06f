//! Typed configuration from TOML text; defaults embedded from `config/default.toml`.
//!
//! `config/default.toml` is the one source of defaults: it is compiled into the binary, parsed
//! into a `Config`, and the user's `config.toml` is laid over it key by key (a table in the
//! user's file changes only the keys it names). Problems come back as `ConfigErrors` with file,
//! line, column and a hint; the caller decides whether to fall back to the defaults.
//!
//! This module owns the file format and the typed values. It must not depend on ratatui or
//! crossterm: keys and colours are our own types, converted by the interface.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod color;
pub mod depth;
pub mod error;
pub mod keys;
mod parse;
pub mod pattern;
pub mod save;
pub mod status;

pub use color::{Color, NamedColor, Palette, ThemeName};
pub use error::{ConfigError, ConfigErrors, ErrorKind};
pub use save::{Settings, save_settings};
pub use status::StatusItem;

use crate::document::{HeadingRule, RuleFamily, RuleSet};
use crate::keys::{Keymap, Mode};
use crate::layout::{LayoutParams, ParagraphMode, Ruby};

/// The shipped defaults, documented key by key.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// The name of the user's file inside the config directory.
pub const FILE_NAME: &str = "config.toml";

/// Everything the user can configure.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub layout: LayoutConfig,
    pub keys: Keymap,
    pub theme: ThemeConfig,
    pub chapters: ChapterRules,
    pub book: BookConfig,
    pub ui: UiConfig,
}

/// `[layout]`: how pages look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutConfig {
    /// Widest text column, in cells.
    pub max_width: usize,
    /// Empty cells left and right of the text column.
    pub margin_x: usize,
    /// Empty lines above and below the page.
    pub margin_y: usize,
    /// Cells between the two pages of a spread.
    pub gutter: usize,
    /// First-line indent in cells; `None` = automatic.
    pub indent: Option<usize>,
    /// Blank lines between text lines.
    pub line_spacing: u8,
    /// Blank line between paragraphs; `None` = automatic.
    pub paragraph_spacing: Option<bool>,
    pub justify: bool,
    pub spread: Spread,
    pub paragraph_mode: ParagraphMode,
    /// Cells taken by East Asian ambiguous-width characters (“ ” … — ·): 1 or 2.
    pub ambiguous_width: u8,
    /// Lines of a page kept at the top of the next (0–3).
    pub page_overlap: usize,
    /// What the status bar shows, in order.
    pub status: Vec<StatusItem>,
    /// How ruby annotations (readings over words) are shown.
    pub ruby: Ruby,
}

/// Two pages side by side like an open book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spread {
    /// When the terminal is wide enough for two full columns and the gutter.
    #[default]
    Auto,
    On,
    Off,
}

impl Spread {
    pub fn name(self) -> &'static str {
        match self {
            Spread::Auto => "auto",
            Spread::On => "on",
            Spread::Off => "off",
        }
    }

    /// What the spread-toggle key switches to: auto → off (if it was showing two pages the
    /// reader sees a change), off → on, on → auto.
    pub fn toggled(self, showing_two: bool) -> Spread {
        match (self, showing_two) {
            (Spread::Auto, true) => Spread::Off,
            (Spread::Auto, false) => Spread::On,
            (Spread::On, _) => Spread::Off,
            (Spread::Off, _) => Spread::On,
        }
    }
}

impl LayoutConfig {
    /// Layout parameters for a text column `width` cells wide and `height` lines high.
    pub fn params(&self, width: usize, height: usize) -> LayoutParams {
        LayoutParams {
            width: width.clamp(2, self.max_width.max(2)),
            height: height.max(1),
            indent: self.indent,
            line_spacing: self.line_spacing,
            paragraph_spacing: self.paragraph_spacing,
            paragraph_mode: self.paragraph_mode,
            ambiguous_wide: self.ambiguous_width == 2,
            justify: self.justify,
            ruby: self.ruby,
        }
    }
}

/// `[theme]`: the chosen theme and the palettes of all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeConfig {
    pub name: ThemeName,
    /// Palettes in the order of `ThemeName::ALL`.
    pub palettes: [Palette; 4],
}

impl ThemeConfig {
    pub fn palette(&self, name: ThemeName) -> &Palette {
        let i = ThemeName::ALL.iter().position(|t| *t == name).unwrap_or(0);
        &self.palettes[i]
    }

    pub fn palette_mut(&mut self, name: ThemeName) -> &mut Palette {
        let i = ThemeName::ALL.iter().position(|t| *t == name).unwrap_or(0);
        &mut self.palettes[i]
    }

    /// The colours to paint with: the chosen theme's palette, or no colour at all when the
    /// environment sets `NO_COLOR` (pass `color::no_color_requested(env::var_os("NO_COLOR"))`).
    pub fn effective_theme(&self, env_no_color: bool) -> Palette {
        self.effective_palette(self.name, env_no_color)
    }

    /// Like `effective_theme`, for another theme (the reader cycles themes at run time).
    pub fn effective_palette(&self, name: ThemeName, env_no_color: bool) -> Palette {
        if env_no_color {
            Palette::PLAIN
        } else {
            *self.palette(name)
        }
    }
}

/// Whether configured chapter rules come before the built-in ones or replace them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleMode {
    /// Try the configured rules first, then the built-in ones.
    #[default]
    Before,
    /// Use only the configured rules.
    Instead,
}

/// One extra heading rule: lines matching `pattern` are headings of `level`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterRule {
    pub name: String,
    /// A `regex` crate pattern, matched against a line with its indentation trimmed.
    pub pattern: String,
    pub level: u8,
}

impl ChapterRule {
    /// The compiled pattern (validated when the config was read).
    pub fn regex(&self) -> Result<regex::Regex, regex::Error> {
        pattern::checked_regex(&self.pattern)
    }
}

/// `[chapters]`: extra heading rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChapterRules {
    pub mode: RuleMode,
    pub rules: Vec<ChapterRule>,
}

impl ChapterRules {
    /// The configured rules as heading rules (patterns were checked when the config was read;
    /// one that fails now is left out).
    fn heading_rules(&self) -> Vec<HeadingRule> {
        self.rules
            .iter()
            .filter_map(|r| HeadingRule::new(&r.name, &r.pattern, r.level).ok())
            .collect()
    }

    /// The rule set chapter detection uses. No rules: the built-in set. `before`: each
    /// built-in family tries the configured rules first (so they add to whichever family fits
    /// the book), and a family of only the configured rules comes first, winning when the
    /// built-in ones add nothing. `instead`: only the configured rules.
    pub fn rule_set(&self) -> RuleSet {
        let builtin = RuleSet::builtin();
        let ours = self.heading_rules();
        if ours.is_empty() && self.mode == RuleMode::Before {
            return builtin.clone();
        }
        let own = RuleFamily {
            name: "config".into(),
            rules: ours.clone(),
            markdown: false,
        };
        match self.mode {
            RuleMode::Instead => RuleSet {
                families: vec![own],
            },
            RuleMode::Before => {
                let mut families = vec![own];
                for f in &builtin.families {
                    let mut f = f.clone();
                    let mut rules = ours.clone();
                    rules.append(&mut f.rules);
                    f.rules = rules;
                    families.push(f);
                }
                RuleSet { families }
            }
        }
    }

    /// The rule set for `--toc-rule ARG`: a built-in family by name (`chinese`, `bracketed`,
    /// `english`, `markdown`, the numbered families), a configured rule by name, or else a
    /// regular expression for top-level headings. A bare word that names no rule is an error
    /// listing the names, not a regex.
    pub fn toc_rule_set(&self, arg: &str) -> Result<RuleSet, String> {
        let builtin = RuleSet::builtin();
        if let Some(f) = builtin.families.iter().find(|f| f.name == arg) {
            return Ok(RuleSet {
                families: vec![f.clone()],
            });
        }
        if let Some(r) = self.rules.iter().find(|r| r.name == arg) {
            let rule = pattern::checked_regex(&r.pattern)
                .and_then(|_| HeadingRule::new(&r.name, &r.pattern, r.level))
                .map_err(|e| format!("--toc-rule {arg}: {}", pattern::regex_reason(&e)))?;
            return Ok(RuleSet {
                families: vec![RuleFamily {
                    name: r.name.clone(),
                    rules: vec![rule],
                    markdown: false,
                }],
            });
        }
        let mut names: Vec<&str> = builtin.names();
        names.extend(self.rules.iter().map(|r| r.name.as_str()));
        // A bare word is meant as a name: a typo must not silently become a regex.
        if !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!(
                "--toc-rule: no rule is named `{arg}` (known: {}); a pattern needs a regex mark such as ^, \\ or [",
                names.join(", ")
            ));
        }
        match pattern::checked_regex(arg).and_then(|_| HeadingRule::new("toc-rule", arg, 1)) {
            Ok(rule) => Ok(RuleSet {
                families: vec![RuleFamily {
                    name: "toc-rule".into(),
                    rules: vec![rule],
                    markdown: false,
                }],
            }),
            Err(e) => Err(format!(
                "--toc-rule: `{arg}` is neither a rule name ({}) nor a valid regex: {}",
                names.join(", "),
                pattern::regex_reason(&e)
            )),
        }
    }
}

/// `[book]`: how books are opened.
#[derive(Debug, Clone, PartialEq)]
pub struct BookConfig {
    /// Encoding used when `--encoding` is not given; `None` = detect.
    pub encoding: Option<String>,
    /// Percent of undecodable or control characters above which a file is refused as binary.
    pub binary_threshold: f64,
    /// Largest book read, in megabytes (`--max-size-mb` overrides it).
    pub max_size_mb: u64,
}

/// `[ui]`: how the reader uses the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfig {
    /// Clicks and the wheel go to the reader; false leaves the mouse to the terminal.
    pub mouse: bool,
    /// The language of the interface; `None` ("auto") follows the locale (LC_ALL, LC_MESSAGES,
    /// LANG).
    pub language: Option<crate::i18n::Lang>,
}

/// Names of the keys of each section, as written in the file: what unknown-key checks, the
/// completeness test of `default.toml` and the README check use.
pub const ROOT_KEYS: &[&str] = &["layout", "keys", "theme", "chapters", "book", "ui"];
pub const LAYOUT_KEYS: &[&str] = &[
    "max_width",
    "margin_x",
    "margin_y",
    "gutter",
    "indent",
    "line_spacing",
    "paragraph_spacing",
    "justify",
    "spread",
    "paragraph_mode",
    "ambiguous_width",
    "page_overlap",
    "status",
    "ruby",
];
pub const THEME_KEYS: &[&str] = &["name", "terminal", "dark", "light", "sepia"];
pub const CHAPTERS_KEYS: &[&str] = &["mode", "rules"];
pub const RULE_KEYS: &[&str] = &["name", "pattern", "level"];
pub const BOOK_KEYS: &[&str] = &["encoding", "binary_threshold", "max_size_mb"];
pub const UI_KEYS: &[&str] = &["mouse", "language"];

impl Config {
    /// The shipped defaults (parsed once from `DEFAULT_TOML`).
    pub fn defaults() -> &'static Config {
        static DEFAULTS: OnceLock<Config> = OnceLock::new();
        DEFAULTS.get_or_init(|| match parse::parse_defaults() {
            Ok(c) => c,
            // The embedded file is checked by the test suite; this cannot happen in a build
            // that passed it.
            Err(e) => panic!("config/default.toml is invalid: {e}"),
        })
    }

    /// The defaults with the user's TOML `text` laid over them. `file` names the file in
    /// messages.
    pub fn from_user_toml(text: &str, file: &str) -> Result<Config, ConfigErrors> {
        let mut cfg = Config::defaults().clone();
        parse::apply_text(&mut cfg, text, file, true)?;
        Ok(cfg)
    }

    /// Read the user's file; a missing file means the defaults. Only a regular file of at most
    /// `MAX_FILE_BYTES` is read (see `read_file`).
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let shown = path.display().to_string();
        match read_file(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::from_user_toml(&text, &shown),
                Err(_) => Err(io_error(&shown, "not UTF-8 text")),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::defaults().clone()),
            Err(e) => Err(io_error(&shown, &e.to_string())),
        }
    }

    /// Read the user's file, falling back to the defaults on any problem (the reader shows the
    /// returned errors in its status bar and goes on).
    pub fn load_or_default(path: &Path) -> (Config, Option<ConfigErrors>) {
        match Config::load(path) {
            Ok(c) => (c, None),
            Err(e) => (Config::defaults().clone(), Some(e)),
        }
    }
}

impl BookConfig {
    /// Options for opening a book: the configured encoding (unless `encoding` overrides it)
    /// and binary threshold.
    pub fn load_options(&self, encoding: Option<&str>) -> crate::document::LoadOptions {
        crate::document::LoadOptions {
            encoding: encoding
                .map(str::to_string)
                .or_else(|| self.encoding.clone()),
            binary_threshold: Some(self.binary_threshold),
            max_bytes: Some(self.max_size_mb.saturating_mul(1024 * 1024)),
            rule_budget: None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::defaults().clone()
    }
}

fn io_error(file: &str, reason: &str) -> ConfigErrors {
    ConfigError {
        file: file.to_string(),
        line: None,
        column: None,
        key: String::new(),
        kind: ErrorKind::Io {
            reason: reason.to_string(),
        },
    }
    .into()
}

/// Largest config file read: a config of every key with long comments is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The bytes of a config file, read only when it is a regular file (a FIFO would block every
/// command, a device such as `/dev/zero` never ends) and at most `MAX_FILE_BYTES` long (also
/// for a file whose size says less than it holds, like those in `/proc`). Symbolic links are
/// followed. A missing file is `NotFound`; every other refusal says why in one line.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    match crate::store::atomic::read_regular(path, MAX_FILE_BYTES) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(std::io::ErrorKind::NotFound.into()),
        Err(why) => Err(std::io::Error::other(format!(
            "{why}; a config file is a small text file"
        ))),
    }
}

/// Where the user's file lives inside a config directory.
pub fn user_config_path(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE_NAME)
}

/// Every key path `default.toml` must set, dotted (`layout.max_width`, `theme.dark.text`,
/// `keys.reader`, `chapters.rules`).
pub fn schema_paths() -> Vec<String> {
    let mut out = Vec::new();
    for k in LAYOUT_KEYS {
        out.push(format!("layout.{k}"));
    }
    for m in Mode::ALL {
        out.push(format!("keys.{m}"));
    }
    out.push("theme.name".into());
    for t in ThemeName::ALL {
        for s in color::SLOTS {
            out.push(format!("theme.{t}.{s}"));
        }
    }
    for k in CHAPTERS_KEYS {
        out.push(format!("chapters.{k}"));
    }
    for k in BOOK_KEYS {
        out.push(format!("book.{k}"));
    }
    for k in UI_KEYS {
        out.push(format!("ui.{k}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let c = Config::defaults();
        assert_eq!(c.layout.max_width, 80);
        assert_eq!(c.theme.name, ThemeName::Terminal);
        assert!(!c.keys.bindings(Mode::Reader).is_empty());
    }

    #[test]
    fn params_follow_the_settings() {
        let mut l = Config::defaults().layout.clone();
        l.ambiguous_width = 2;
        l.indent = Some(3);
        let p = l.params(200, 30);
        assert_eq!(p.width, l.max_width);
        assert_eq!(p.height, 30);
        assert!(p.ambiguous_wide);
        assert_eq!(p.indent, Some(3));
        assert_eq!(l.params(0, 0).width, 2);
    }

    #[test]
    fn a_bad_file_means_defaults_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = user_config_path(dir.path());
        // Missing: defaults, no message.
        let (c, e) = Config::load_or_default(&path);
        assert_eq!(&c, Config::defaults());
        assert!(e.is_none());
        // Partly wrong: nothing of it applies, and the message says where.
        std::fs::write(&path, "[layout]\nmax_width = 50\njustfy = true\n").unwrap();
        let (c, e) = Config::load_or_default(&path);
        assert_eq!(&c, Config::defaults());
        let msg = e.unwrap().to_string();
        assert!(
            msg.ends_with(
                "config.toml:3:1: unknown key `justfy` in [layout], did you mean `justify`?"
            ),
            "{msg}"
        );
    }

    #[test]
    fn no_color_drops_every_colour() {
        let mut t = Config::defaults().theme.clone();
        t.name = ThemeName::Dark;
        assert_ne!(t.effective_theme(false), Palette::PLAIN);
        assert_eq!(t.effective_theme(true), Palette::PLAIN);
    }
}
