//! Walks a parsed TOML document (with byte spans) over a `Config`: every key it names replaces
//! the value in the config, every problem becomes a `ConfigError` with its line and column.
//! The same walk reads `default.toml` (over an empty skeleton) and the user's file (over the
//! defaults), so both follow exactly the same rules.

use std::ops::Range;

use toml_edit::{Document, Item, Key, TableLike, Value};

use super::color::{self, Color, Palette, ThemeName};
use super::error::{ConfigError, ConfigErrors, ErrorKind, LineIndex};
use super::keys::{self, UNBIND};
use super::pattern::{MAX_RULES, checked_regex, regex_reason};
use super::*;
use crate::keys::{Action, BINDABLE, KeySeq, Keymap, Mode};

/// The values of `ui.language`: "auto" (the locale decides) or a language of `i18n`.
const LANGUAGES: &[&str] = &["auto", "en", "zh-Hans", "zh-Hant"];

mod keys_table;

/// Most bindings one `[keys.MODE]` table may hold (the defaults have a few dozen).
pub const MAX_BINDINGS: usize = 1000;

/// Parse the embedded defaults over an empty skeleton.
pub(super) fn parse_defaults() -> Result<Config, ConfigErrors> {
    let mut cfg = skeleton();
    apply_text(&mut cfg, DEFAULT_TOML, "default.toml", false)?;
    Ok(cfg)
}

/// The shape of a config with nothing in it; `default.toml` fills every value.
fn skeleton() -> Config {
    Config {
        layout: LayoutConfig {
            max_width: 2,
            margin_x: 0,
            margin_y: 0,
            gutter: 0,
            indent: None,
            line_spacing: 0,
            paragraph_spacing: None,
            justify: false,
            spread: Spread::Auto,
            paragraph_mode: ParagraphMode::Auto,
            ambiguous_width: 1,
            page_overlap: 0,
            status: Vec::new(),
            ruby: Ruby::Inline,
        },
        keys: Keymap::empty(),
        theme: ThemeConfig {
            name: ThemeName::Terminal,
            palettes: [Palette::PLAIN; 4],
        },
        chapters: ChapterRules::default(),
        book: BookConfig {
            encoding: None,
            binary_threshold: 0.0,
            max_size_mb: 1,
        },
        ui: UiConfig {
            mouse: true,
            language: None,
        },
    }
}

/// Lay the TOML `text` over `cfg`. `check_shadowing` reports key sequences made untypable by
/// this layer's bindings.
pub(super) fn apply_text(
    cfg: &mut Config,
    text: &str,
    file: &str,
    check_shadowing: bool,
) -> Result<(), ConfigErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = match Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let message = e.message().replace('\n', " ");
            return Err(ConfigError::new(
                file,
                text,
                e.span().or(Some(text.len()..text.len())),
                "",
                ErrorKind::Syntax { message },
            )
            .into());
        }
    };
    let mut w = Walker {
        src: text,
        file,
        errors: Vec::new(),
        new_bindings: Vec::new(),
        lines: LineIndex::new(text),
    };
    let mut next = cfg.clone();
    w.root(&mut next, doc.as_table());
    if check_shadowing {
        w.check_shadowing(&next.keys);
        w.check_quit(&next.keys);
    }
    if w.errors.is_empty() {
        *cfg = next;
        Ok(())
    } else {
        Err(ConfigErrors(w.errors))
    }
}

struct Walker<'s> {
    src: &'s str,
    file: &'s str,
    errors: Vec<ConfigError>,
    /// Bindings made by this file: (mode, keys, where, key path), for the shadowing check.
    new_bindings: Vec<(Mode, KeySeq, Option<Range<usize>>, String)>,
    /// Line starts of `src`: a file with thousands of problems is located in one pass.
    lines: LineIndex,
}

/// A dotted key path, quoting keys that are not bare TOML keys.
fn join(path: &str, key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let key = if bare {
        key.to_string()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// For a key written at the top level that belongs in a table: where it goes
/// (`max_width` or `max_widht` → `[layout] max_width`), unless it is a table's name mistyped.
fn table_of(section: &str, name: &str) -> Option<String> {
    if !section.is_empty() || keys::closest(name, ROOT_KEYS.iter().copied()).is_some() {
        return None;
    }
    let tables = [
        ("layout", LAYOUT_KEYS),
        ("book", BOOK_KEYS),
        ("chapters", CHAPTERS_KEYS),
        ("theme", &["name"][..]),
    ];
    let all = tables
        .iter()
        .flat_map(|(t, keys)| keys.iter().map(move |k| (*t, *k)));
    let key = keys::closest(name, all.clone().map(|(_, k)| k))?;
    let table = all.clone().find(|(_, k)| *k == key).map(|(t, _)| t)?;
    Some(format!("[{table}] {key}"))
}

fn type_name(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
        Item::Value(v) => match v {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "an array",
            Value::InlineTable(_) => "a table",
        },
    }
}

/// Where to point at for a value: the value itself, else its key.
fn span_of(key: &Key, item: &Item) -> Option<Range<usize>> {
    item.span().or_else(|| key.span())
}

fn found_text(item: &Item) -> String {
    match item {
        Item::Value(Value::String(s)) => format!("\"{}\"", s.value()),
        Item::Value(Value::Integer(i)) => i.value().to_string(),
        Item::Value(Value::Float(f)) => f.value().to_string(),
        Item::Value(Value::Boolean(b)) => b.value().to_string(),
        other => type_name(other).to_string(),
    }
}

impl Walker<'_> {
    fn error(&mut self, span: Option<Range<usize>>, key: &str, kind: ErrorKind) {
        let at = span.map(|s| self.lines.line_col(self.src, s.start));
        self.errors
            .push(ConfigError::located(self.file, at, key, kind));
    }

    fn wrong_type(&mut self, key: &Key, item: &Item, path: &str, expected: &str) {
        self.error(
            span_of(key, item),
            path,
            ErrorKind::WrongType {
                expected: expected.to_string(),
                found: type_name(item),
            },
        );
    }

    /// The entries of `table`; unknown keys (not in `allowed`) are reported and skipped.
    fn entries<'a>(
        &mut self,
        table: &'a dyn TableLike,
        section: &str,
        allowed: &[&str],
    ) -> Vec<(&'a Key, &'a Item)> {
        let mut out = Vec::new();
        for (name, _) in table.iter() {
            let Some((key, item)) = table.get_key_value(name) else {
                continue;
            };
            if allowed.contains(&name) {
                out.push((key, item));
            } else {
                self.error(
                    key.span(),
                    &join(section, name),
                    ErrorKind::UnknownKey {
                        name: name.to_string(),
                        section: section.to_string(),
                        suggestion: table_of(section, name)
                            .or_else(|| keys::closest(name, allowed.iter().copied())),
                    },
                );
            }
        }
        out
    }

    fn table<'a>(&mut self, key: &Key, item: &'a Item, path: &str) -> Option<&'a dyn TableLike> {
        let t = item.as_table_like();
        if t.is_none() {
            self.wrong_type(key, item, path, "a table");
        }
        t
    }

    fn int(&mut self, key: &Key, item: &Item, path: &str, min: i64, max: i64) -> Option<i64> {
        match item.as_integer() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.error(
                    span_of(key, item),
                    path,
                    ErrorKind::OutOfRange {
                        min,
                        max,
                        found: n.to_string(),
                    },
                );
                None
            }
            None => {
                self.wrong_type(key, item, path, "an integer");
                None
            }
        }
    }

    fn boolean(&mut self, key: &Key, item: &Item, path: &str) -> Option<bool> {
        let b = item.as_bool();
        if b.is_none() {
            self.wrong_type(key, item, path, "true or false");
        }
        b
    }

    fn string<'a>(&mut self, key: &Key, item: &'a Item, path: &str) -> Option<&'a str> {
        let s = item.as_str();
        if s.is_none() {
            self.wrong_type(key, item, path, "a string");
        }
        s
    }

    /// A string that must be one of `allowed`; returns its index.
    fn choice(
        &mut self,
        key: &Key,
        item: &Item,
        path: &str,
        allowed: &[&'static str],
    ) -> Option<usize> {
        let Some(s) = item.as_str() else {
            let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            self.wrong_type(key, item, path, &format!("one of {}", list.join(", ")));
            return None;
        };
        let found = allowed.iter().position(|a| *a == s);
        if found.is_none() {
            self.error(
                span_of(key, item),
                path,
                ErrorKind::NotOneOf {
                    allowed: allowed.to_vec(),
                    found: found_text(item),
                    suggestion: keys::closest(s, allowed.iter().copied()),
                },
            );
        }
        found
    }

    fn root(&mut self, cfg: &mut Config, root: &dyn TableLike) {
        for (key, item) in self.entries(root, "", ROOT_KEYS) {
            let name = key.get();
            let Some(t) = self.table(key, item, name) else {
                continue;
            };
            match name {
                "layout" => self.layout(&mut cfg.layout, t),
                "keys" => self.keys(&mut cfg.keys, t),
                "theme" => self.theme(&mut cfg.theme, t),
                "chapters" => self.chapters(&mut cfg.chapters, t),
                "book" => self.book(&mut cfg.book, t),
                "ui" => self.ui(&mut cfg.ui, t),
                _ => {}
            }
        }
    }

    fn layout(&mut self, l: &mut LayoutConfig, t: &dyn TableLike) {
        for (key, item) in self.entries(t, "layout", LAYOUT_KEYS) {
            let path = join("layout", key.get());
            let p = path.as_str();
            match key.get() {
                "max_width" => {
                    if let Some(n) = self.int(key, item, p, 2, 1000) {
                        l.max_width = n as usize;
                    }
                }
                "margin_x" => {
                    if let Some(n) = self.int(key, item, p, 0, 100) {
                        l.margin_x = n as usize;
                    }
                }
                "margin_y" => {
                    if let Some(n) = self.int(key, item, p, 0, 100) {
                        l.margin_y = n as usize;
                    }
                }
                "gutter" => {
                    if let Some(n) = self.int(key, item, p, 0, 100) {
                        l.gutter = n as usize;
                    }
                }
                "indent" => {
                    if item.as_str() == Some("auto") {
                        l.indent = None;
                    } else if item.as_integer().is_some() {
                        if let Some(n) = self.int(key, item, p, 0, 40) {
                            l.indent = Some(n as usize);
                        }
                    } else {
                        self.wrong_type(key, item, p, "\"auto\" or a number of cells");
                    }
                }
                "line_spacing" => {
                    if let Some(n) = self.int(key, item, p, 0, 1) {
                        l.line_spacing = n as u8;
                    }
                }
                "paragraph_spacing" => {
                    if item.as_str() == Some("auto") {
                        l.paragraph_spacing = None;
                    } else if let Some(b) = item.as_bool() {
                        l.paragraph_spacing = Some(b);
                    } else {
                        self.wrong_type(key, item, p, "\"auto\", true or false");
                    }
                }
                "justify" => {
                    if let Some(b) = self.boolean(key, item, p) {
                        l.justify = b;
                    }
                }
                "spread" => {
                    const S: [Spread; 3] = [Spread::Auto, Spread::On, Spread::Off];
                    if let Some(i) = self.choice(key, item, p, &["auto", "on", "off"]) {
                        l.spread = S[i];
                    }
                }
                "paragraph_mode" => {
                    const M: [ParagraphMode; 4] = [
                        ParagraphMode::Auto,
                        ParagraphMode::Lines,
                        ParagraphMode::Blank,
                        ParagraphMode::Indent,
                    ];
                    if let Some(i) =
                        self.choice(key, item, p, &["auto", "lines", "blank", "indent"])
                    {
                        l.paragraph_mode = M[i];
                    }
                }
                "ambiguous_width" => {
                    if let Some(n) = self.int(key, item, p, 1, 2) {
                        l.ambiguous_width = n as u8;
                    }
                }
                "page_overlap" => {
                    if let Some(n) = self.int(key, item, p, 0, 3) {
                        l.page_overlap = n as usize;
                    }
                }
                "status" => self.status_items(l, key, item, p),
                "ruby" => {
                    const R: [Ruby; 2] = [Ruby::Inline, Ruby::Hidden];
                    if let Some(i) = self.choice(key, item, p, &["inline", "hidden"]) {
                        l.ruby = R[i];
                    }
                }
                _ => {}
            }
        }
    }

    /// `layout.status`: a list of item names; a wrong name is reported and left out.
    fn status_items(&mut self, l: &mut LayoutConfig, key: &Key, item: &Item, path: &str) {
        let Some(list) = item.as_array() else {
            self.wrong_type(key, item, path, "a list such as [\"chapter\", \"percent\"]");
            return;
        };
        let mut items = Vec::new();
        for v in list.iter() {
            let one = Item::Value(v.clone());
            if let Some(i) = self.choice(key, &one, path, &StatusItem::NAMES)
                && !items.contains(&StatusItem::ALL[i])
            {
                items.push(StatusItem::ALL[i]);
            }
        }
        l.status = items;
    }

    fn theme(&mut self, theme: &mut ThemeConfig, t: &dyn TableLike) {
        for (key, item) in self.entries(t, "theme", THEME_KEYS) {
            let name = key.get();
            let path = join("theme", name);
            if name == "name" {
                let names: Vec<&'static str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
                if let Some(i) = self.choice(key, item, &path, &names) {
                    theme.name = ThemeName::ALL[i];
                }
                continue;
            }
            let Some(which) = ThemeName::from_name(name) else {
                continue;
            };
            let Some(table) = self.table(key, item, &path) else {
                continue;
            };
            let palette = theme.palette_mut(which);
            for (k, v) in self.entries(table, &path, color::SLOTS) {
                let slot_path = join(&path, k.get());
                let parsed = if let Some(n) = v.as_integer() {
                    Color::from_index(n)
                } else if let Some(s) = v.as_str() {
                    Color::parse(s)
                } else {
                    self.wrong_type(k, v, &slot_path, "a colour (a string or 0–255)");
                    continue;
                };
                match parsed {
                    Ok(c) => {
                        if let Some(slot) = palette.slot_mut(k.get()) {
                            *slot = c;
                        }
                    }
                    Err(e) => self.error(span_of(k, v), &slot_path, ErrorKind::BadColor(e)),
                }
            }
        }
    }

    fn chapters(&mut self, ch: &mut ChapterRules, t: &dyn TableLike) {
        for (key, item) in self.entries(t, "chapters", CHAPTERS_KEYS) {
            let path = join("chapters", key.get());
            match key.get() {
                "mode" => {
                    if let Some(i) = self.choice(key, item, &path, &["before", "instead"]) {
                        ch.mode = [RuleMode::Before, RuleMode::Instead][i];
                    }
                }
                "rules" => {
                    let tables: Vec<(&dyn TableLike, Option<Range<usize>>)> = match item {
                        Item::ArrayOfTables(a) => a
                            .iter()
                            .map(|t| (t as &dyn TableLike, t.span().or_else(|| key.span())))
                            .collect(),
                        Item::Value(Value::Array(a)) => {
                            let mut out = Vec::new();
                            for (i, v) in a.iter().enumerate() {
                                match v.as_inline_table() {
                                    Some(t) => {
                                        out.push((t as &dyn TableLike, v.span().or(key.span())))
                                    }
                                    None => self.error(
                                        v.span(),
                                        &format!("{path}[{i}]"),
                                        ErrorKind::WrongType {
                                            expected: "a table { pattern = …, level = … }".into(),
                                            found: type_name(&Item::Value(v.clone())),
                                        },
                                    ),
                                }
                            }
                            out
                        }
                        other => {
                            self.wrong_type(key, other, &path, "an array of rules");
                            continue;
                        }
                    };
                    // Every rule is tried on every line of every book.
                    if tables.len() > MAX_RULES {
                        self.error(
                            key.span(),
                            &path,
                            ErrorKind::TooMany {
                                what: "rules",
                                count: tables.len(),
                                max: MAX_RULES,
                            },
                        );
                        continue;
                    }
                    let mut rules = Vec::new();
                    for (i, (table, span)) in tables.into_iter().enumerate() {
                        if let Some(r) = self.rule(table, span, &format!("{path}[{i}]"), i) {
                            rules.push(r);
                        }
                    }
                    ch.rules = rules;
                }
                _ => {}
            }
        }
    }

    fn rule(
        &mut self,
        t: &dyn TableLike,
        span: Option<Range<usize>>,
        path: &str,
        index: usize,
    ) -> Option<ChapterRule> {
        let mut name = format!("custom-{}", index + 1);
        let mut pattern = None;
        let mut level = 1u8;
        let mut ok = true;
        for (key, item) in self.entries(t, path, RULE_KEYS) {
            let p = join(path, key.get());
            match key.get() {
                "name" => match self.string(key, item, &p) {
                    Some(s) if !s.trim().is_empty() => name = s.trim().to_string(),
                    Some(_) => {}
                    None => ok = false,
                },
                "level" => match self.int(key, item, &p, 1, 3) {
                    Some(n) => level = n as u8,
                    None => ok = false,
                },
                "pattern" => match self.string(key, item, &p) {
                    Some(s) => match checked_regex(s) {
                        Ok(_) => pattern = Some(s.to_string()),
                        Err(e) => {
                            ok = false;
                            self.error(
                                span_of(key, item),
                                &p,
                                ErrorKind::BadRegex {
                                    pattern: s.to_string(),
                                    reason: regex_reason(&e),
                                },
                            );
                        }
                    },
                    None => ok = false,
                },
                _ => {}
            }
        }
        match pattern {
            Some(pattern) if ok => Some(ChapterRule {
                name,
                pattern,
                level,
            }),
            Some(_) => None,
            None => {
                if ok {
                    self.error(span, path, ErrorKind::Missing { name: "pattern" });
                }
                None
            }
        }
    }

    fn ui(&mut self, u: &mut UiConfig, t: &dyn TableLike) {
        for (key, item) in self.entries(t, "ui", UI_KEYS) {
            let path = join("ui", key.get());
            if key.get() == "mouse"
                && let Some(on) = self.boolean(key, item, &path)
            {
                u.mouse = on;
            }
            if key.get() == "language"
                && let Some(i) = self.choice(key, item, &path, LANGUAGES)
            {
                u.language = crate::i18n::Lang::from_code(LANGUAGES[i]);
            }
        }
    }

    fn book(&mut self, b: &mut BookConfig, t: &dyn TableLike) {
        for (key, item) in self.entries(t, "book", BOOK_KEYS) {
            let path = join("book", key.get());
            match key.get() {
                "encoding" => {
                    let Some(label) = self.string(key, item, &path) else {
                        continue;
                    };
                    let label = label.trim();
                    if label.eq_ignore_ascii_case("auto") {
                        b.encoding = None;
                    } else if crate::document::decode::usable_encoding(label).is_ok() {
                        b.encoding = Some(label.to_string());
                    } else if crate::document::decode::encoding_for_label(label).is_some() {
                        self.error(
                            span_of(key, item),
                            &path,
                            ErrorKind::UnusableEncoding {
                                label: label.to_string(),
                            },
                        );
                    } else {
                        self.error(
                            span_of(key, item),
                            &path,
                            ErrorKind::UnknownEncoding {
                                label: label.to_string(),
                            },
                        );
                    }
                }
                "binary_threshold" => {
                    let v = match item {
                        Item::Value(Value::Integer(i)) => Some(*i.value() as f64),
                        Item::Value(Value::Float(f)) => Some(*f.value()),
                        _ => None,
                    };
                    match v {
                        Some(v) if (0.0..=100.0).contains(&v) => b.binary_threshold = v,
                        Some(v) => self.error(
                            span_of(key, item),
                            &path,
                            ErrorKind::OutOfRange {
                                min: 0,
                                max: 100,
                                found: v.to_string(),
                            },
                        ),
                        None => self.wrong_type(key, item, &path, "a percentage (0–100)"),
                    }
                }
                "max_size_mb" => {
                    let max = i64::try_from(crate::document::MAX_READ_MB).unwrap_or(i64::MAX);
                    if let Some(n) = self.int(key, item, &path, 1, max) {
                        b.max_size_mb = u64::try_from(n).unwrap_or(1);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Config::from_user_toml(text, "config.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn user_values_replace_defaults_and_leave_the_rest() {
        let c = Config::from_user_toml("[layout]\nmax_width = 60\n", "c").unwrap();
        assert_eq!(c.layout.max_width, 60);
        let d = Config::defaults();
        assert_eq!(c.layout.margin_x, d.layout.margin_x);
        assert_eq!(c.keys, d.keys);
        assert_eq!(c.theme, d.theme);
    }

    #[test]
    fn dotted_and_inline_tables_work_too() {
        let c = Config::from_user_toml(
            "layout.max_width = 50\ntheme = { name = \"dark\", dark = { text = 7 } }\n",
            "c",
        )
        .unwrap();
        assert_eq!(c.layout.max_width, 50);
        assert_eq!(c.theme.name, ThemeName::Dark);
        assert_eq!(c.theme.palette(ThemeName::Dark).text, Color::Indexed(7));
    }

    #[test]
    fn messages_point_at_the_place() {
        assert_eq!(
            err("[layout]\nmax_widht = 60\n"),
            "config.toml:2:1: unknown key `max_widht` in [layout], did you mean `max_width`?"
        );
        assert_eq!(
            err("[layout]\nmax_width = \"wide\"\n"),
            "config.toml:2:13: `layout.max_width` must be an integer, found a string"
        );
        assert_eq!(
            err("[layout]\nspread = \"of\"\n"),
            "config.toml:2:10: `layout.spread` must be one of \"auto\", \"on\", \"off\", found \"of\", did you mean `off`?"
        );
        assert!(err("[layout\n").starts_with("config.toml:1:8: invalid TOML: "));
    }

    #[test]
    fn keys_add_replace_and_unbind() {
        let c = Config::from_user_toml(
            "[keys.reader]\nx = \"quit\"\nq = \"none\"\nj = \"line_up\"\n",
            "c",
        )
        .unwrap();
        let k = |s: &str| KeySeq::parse(s).unwrap().0;
        assert_eq!(c.keys.action(Mode::Reader, &k("x")), Some(&Action::Quit));
        assert!(c.keys.action(Mode::Reader, &k("q")).is_none());
        assert_eq!(c.keys.action(Mode::Reader, &k("j")), Some(&Action::LineUp));
    }

    #[test]
    fn shadowed_sequences_are_reported() {
        let e = err("[keys.reader]\n\"g g\" = \"book_start\"\n");
        assert!(e.contains("`g` alone is bound to `book_start`"), "{e}");
        // Unbinding the prefix first makes the sequence usable.
        let c = Config::from_user_toml(
            "[keys.reader]\ng = \"none\"\n\"g g\" = \"book_start\"\n",
            "c",
        )
        .unwrap();
        assert!(
            c.keys
                .is_prefix(Mode::Reader, &KeySeq::parse("g").unwrap().0)
        );
    }

    #[test]
    fn all_problems_are_collected() {
        let e = Config::from_user_toml(
            "[layout]\nmax_width = 0\njustify = 1\n[theme.dark]\ntext = \"purple\"\n",
            "c",
        )
        .unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
    }

    #[test]
    fn regex_errors_are_one_line() {
        let e = err("[[chapters.rules]]\npattern = \"^(第\"\n");
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("invalid regex"), "{e}");
    }

    #[test]
    fn rules_in_both_spellings() {
        let a = Config::from_user_toml(
            "[chapters]\nmode = \"instead\"\nrules = [{ pattern = '^卷', level = 1, name = \"vol\" }]\n",
            "c",
        )
        .unwrap();
        let b = Config::from_user_toml(
            "[chapters]\nmode = \"instead\"\n[[chapters.rules]]\npattern = '^卷'\nname = \"vol\"\n",
            "c",
        )
        .unwrap();
        assert_eq!(a.chapters, b.chapters);
        assert_eq!(a.chapters.mode, RuleMode::Instead);
        assert_eq!(a.chapters.rules[0].name, "vol");
    }
}
