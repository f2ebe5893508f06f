//! `config/default.toml` is the one source of defaults: it parses, sets every key the config
//! knows, documents every key with a comment, carries the reader's keys, and the README's
//! configuration section mentions everything in it.

use kanshu::config::{Color, Config, DEFAULT_TOML, Palette, Spread, ThemeName, schema_paths};
use kanshu::keys::{Action, BINDABLE, Key, KeySeq, Mode};
use kanshu::layout::LayoutParams;
use proptest::prelude::*;

fn lookup(doc: &toml_edit::DocumentMut, path: &str) -> bool {
    let mut item = doc.as_item();
    for part in path.split('.') {
        match item.as_table_like().and_then(|t| t.get(part)) {
            Some(next) => item = next,
            None => return false,
        }
    }
    true
}

#[test]
fn embedded_defaults_set_every_key() {
    let doc: toml_edit::DocumentMut = DEFAULT_TOML.parse().unwrap();
    let missing: Vec<String> = schema_paths()
        .into_iter()
        .filter(|p| !lookup(&doc, p))
        .collect();
    assert!(missing.is_empty(), "default.toml lacks {missing:?}");
}

#[test]
fn defaults_are_the_built_in_config() {
    // Default, the cached defaults and an empty user file are the same thing.
    assert_eq!(&Config::default(), Config::defaults());
    assert_eq!(
        &Config::from_user_toml("", "x").unwrap(),
        Config::defaults()
    );
    // The layout defaults agree with the layout engine's own.
    let d = Config::defaults();
    let engine = LayoutParams::default();
    let ours = d.layout.params(engine.width, engine.height);
    assert_eq!(ours, engine);
    assert_eq!(d.layout.spread, Spread::Auto);
    assert_eq!(d.theme.name, ThemeName::Terminal);
    assert_eq!(d.book.encoding, None);
    assert!(d.chapters.rules.is_empty());
    // Every theme paints with real colours except where it means the terminal's own.
    for t in [ThemeName::Dark, ThemeName::Light, ThemeName::Sepia] {
        let p = d.theme.palette(t);
        assert_ne!(p.text, Color::Default, "{t}");
        assert_ne!(p.background, Color::Default, "{t}");
        assert_ne!(p.text, p.background, "{t}");
        assert_ne!(p.match_text, p.match_background, "{t}");
        assert_ne!(p.selection_text, p.selection_background, "{t}");
    }
    assert_eq!(d.theme.palette(ThemeName::Terminal).text, Color::Default);
    assert_eq!(d.theme.effective_theme(true), Palette::PLAIN);
}

#[test]
fn every_default_key_is_documented() {
    // A `key = value` line is documented by a comment at its end or on the line right above it.
    // Repeats lean on the first one: a colour slot documented in the first theme, another key
    // for an action whose first key has its comment.
    struct Entry<'a> {
        line: usize,
        table: &'a str,
        key: &'a str,
        value: &'a str,
        own_comment: bool,
    }
    let mut entries = Vec::new();
    let mut table = "";
    let mut above_is_comment = false;
    for (i, line) in DEFAULT_TOML.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            table = t;
            above_is_comment = false;
            continue;
        }
        if let Some((k, rest)) = t.split_once(" = ")
            && !t.starts_with('#')
        {
            let (value, comment) = match rest.split_once(" # ") {
                Some((v, _)) => (v.trim(), true),
                None => (rest.trim(), false),
            };
            entries.push(Entry {
                line: i + 1,
                table,
                key: k.trim(),
                value,
                own_comment: comment || above_is_comment,
            });
        }
        above_is_comment = t.starts_with('#');
    }
    assert!(
        entries.len() > 100,
        "the parser above lost track of default.toml"
    );
    let undocumented: Vec<String> = entries
        .iter()
        .filter(|e| {
            !e.own_comment
                && !entries.iter().any(|o| o.own_comment && o.key == e.key)
                && !entries
                    .iter()
                    .any(|o| o.own_comment && o.table == e.table && o.value == e.value)
        })
        .map(|e| format!("{}: {} = {}", e.line, e.key, e.value))
        .collect();
    assert!(undocumented.is_empty(), "{undocumented:#?}");
}

#[test]
fn default_keys_are_the_readers_keys() {
    let d = Config::defaults();
    let act = |mode: Mode, key: &str| {
        d.keys
            .action(mode, &KeySeq::parse(key).unwrap().0)
            .and_then(|a| a.name())
    };
    for k in ["space", "pagedown", "f", "l"] {
        assert_eq!(act(Mode::Reader, k), Some("next_page"), "{k}");
    }
    for k in ["b", "pageup", "h"] {
        assert_eq!(act(Mode::Reader, k), Some("prev_page"), "{k}");
    }
    // The arrows follow the pages: right to left in vertical mode.
    assert_eq!(act(Mode::Reader, "right"), Some("page_right"));
    assert_eq!(act(Mode::Reader, "left"), Some("page_left"));
    let expect = [
        ("j", "line_down"),
        ("down", "line_down"),
        ("k", "line_up"),
        ("up", "line_up"),
        ("]", "next_chapter"),
        ("p", "prev_chapter"),
        ("[", "prev_chapter"),
        ("g", "book_start"),
        ("home", "book_start"),
        ("G", "book_end"),
        ("end", "book_end"),
        (":", "command_line"),
        ("ctrl-o", "jump_back"),
        ("t", "toggle_toc"),
        ("tab", "toggle_toc"),
        ("/", "search_forward"),
        ("m", "add_bookmark"),
        ("'", "bookmarks"),
        ("B", "bookmarks"),
        ("L", "library"),
        ("+", "wider"),
        ("-", "narrower"),
        ("q", "quit"),
        ("esc", "close"),
    ];
    for (k, a) in expect {
        assert_eq!(act(Mode::Reader, k), Some(a), "{k}");
    }
    for a in [
        "jump_forward",
        "cycle_theme",
        "toggle_spread",
        "save_settings",
        "help",
    ] {
        assert!(
            !d.keys
                .keys_for(Mode::Reader, &Action::from_name(a).unwrap())
                .is_empty(),
            "{a} has no default key"
        );
    }
    // Every mode has a way out.
    for m in Mode::ALL {
        assert!(
            !d.keys.keys_for(m, &Action::Close).is_empty() || m == Mode::Reader,
            "{m} cannot be closed"
        );
        assert!(!d.keys.bindings(m).is_empty(), "{m} has no keys");
    }
}

#[test]
fn readme_mentions_every_key_mode_and_action() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("\n## Configuration")
        .nth(1)
        .expect("README has a Configuration section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut missing = Vec::new();
    for path in schema_paths() {
        for part in path.split('.') {
            let quoted = format!("`{part}`");
            let header = format!("[{part}]");
            if !section.contains(&quoted) && !section.contains(&header) {
                missing.push(part.to_string());
            }
        }
    }
    for name in BINDABLE.iter().filter_map(Action::name) {
        if !section.contains(&format!("`{name}`")) {
            missing.push(name.to_string());
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "README lacks {missing:?}");
    // The defaults its tables quote are the ones in default.toml.
    let doc: toml_edit::DocumentMut = DEFAULT_TOML.parse().unwrap();
    let mut table = String::new();
    let mut rows = 0;
    for line in section.lines() {
        if let Some(h) = line
            .strip_prefix("### `[")
            .and_then(|h| h.strip_suffix("]`"))
        {
            table = h.to_string();
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        let (Some(key), Some(value)) = (cells.first(), cells.get(1)) else {
            continue;
        };
        let Some(key) = key.strip_prefix("| `").and_then(|k| k.strip_suffix('`')) else {
            continue;
        };
        let value = value.trim_matches('`');
        let mut real = doc[table.as_str()][key]
            .as_value()
            .unwrap_or_else(|| panic!("README row `{table}.{key}` is not in default.toml"))
            .clone();
        real.decor_mut().clear();
        assert_eq!(value, real.to_string(), "README default of {table}.{key}");
        rows += 1;
    }
    assert_eq!(
        rows,
        kanshu::config::LAYOUT_KEYS.len()
            + kanshu::config::BOOK_KEYS.len()
            + kanshu::config::CHAPTERS_KEYS.len()
    );
}

fn key_spec() -> impl Strategy<Value = Key> {
    use kanshu::keys::{KeyCode, Modifiers};
    let code = prop_oneof![
        proptest::char::range('!', '~').prop_map(KeyCode::Char),
        proptest::char::range('一', '龥').prop_map(KeyCode::Char),
        Just(KeyCode::Char(' ')),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Home),
        Just(KeyCode::PageDown),
        Just(KeyCode::Left),
        (1u8..=24).prop_map(KeyCode::F),
    ];
    (code, any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(code, ctrl, alt, shift)| Key::new(code, Modifiers { ctrl, alt, shift }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever key a terminal reports, its printed name parses back to the same key.
    #[test]
    fn key_names_round_trip(key in key_spec()) {
        let name = key.to_string();
        prop_assert_eq!(Key::parse(&name), Ok(key), "{}", name);
    }

    /// Colours print in a form that parses back to the same colour.
    #[test]
    fn colours_round_trip(r in any::<u8>(), g in any::<u8>(), b in any::<u8>(), i in any::<u8>()) {
        for c in [Color::Rgb(r, g, b), Color::Indexed(i)] {
            prop_assert_eq!(Color::parse(&c.to_string()), Ok(c));
        }
    }

    /// No text, however odd, makes the config reader panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
        let _ = Config::from_user_toml(&text, "x");
        let _ = KeySeq::parse(&text);
        let _ = Color::parse(&text);
    }
}
