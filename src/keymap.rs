//! Keys as data: mode → key → action, each binding with a description.
//!
//! The reader's default bindings live in one table (`Keymap::default`); the input layer looks
//! keys up here and the help screen is drawn from the same table, so help can never disagree
//! with the real keys. Keys have their own small type with names (`ctrl-o`, `space`,
//! `pagedown`, `G`, `<`) so the configuration can remap them without any terminal crate.

use std::fmt;

use crate::app::Action;

/// What the reader is doing; each mode has its own bindings. The one mode type is the
/// configuration's (its names are the `[keys.NAME]` tables); the help screen adds its order
/// and titles here.
pub use crate::config::keys::Mode;

impl Mode {
    /// The help screen's sections in order: reading and its panels, then help and prompts.
    pub const HELP_ORDER: [Mode; 7] = [
        Mode::Reader,
        Mode::Toc,
        Mode::TocFilter,
        Mode::Bookmarks,
        Mode::Library,
        Mode::Help,
        Mode::Prompt,
    ];

    /// Heading shown on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Reader => "Reading",
            Mode::Toc => "Table of contents",
            Mode::TocFilter => "Table of contents, filtering",
            Mode::Help => "Help",
            Mode::Prompt => "Search, command and name prompt",
            Mode::Bookmarks => "Bookmarks",
            Mode::Library => "Library",
        }
    }
}

/// A key without modifiers: the configuration's own type (`Char` holds the character with
/// Shift already folded in: `G`, `?`, `<`).
pub use crate::config::keys::KeyCode;

/// A key press as the keymap sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parse a key name: `j`, `G`, `<`, `space`, `pagedown`, `ctrl-o`, `alt-x`, `f1`,
    /// `shift-tab`. Names are case-insensitive except single characters.
    pub fn parse(name: &str) -> Result<Key, KeyParseError> {
        let bad = || KeyParseError {
            name: name.to_string(),
        };
        if name.is_empty() {
            return Err(bad());
        }
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                let c = if shift { c.to_ascii_uppercase() } else { c };
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                match lower.as_str() {
                    "space" => KeyCode::Char(' '),
                    "enter" | "return" => KeyCode::Enter,
                    "esc" | "escape" => KeyCode::Esc,
                    "tab" if shift => KeyCode::BackTab,
                    "tab" => KeyCode::Tab,
                    "backtab" => KeyCode::BackTab,
                    "backspace" => KeyCode::Backspace,
                    "delete" | "del" => KeyCode::Delete,
                    "insert" | "ins" => KeyCode::Insert,
                    "left" => KeyCode::Left,
                    "right" => KeyCode::Right,
                    "up" => KeyCode::Up,
                    "down" => KeyCode::Down,
                    "home" => KeyCode::Home,
                    "end" => KeyCode::End,
                    "pageup" | "pgup" => KeyCode::PageUp,
                    "pagedown" | "pgdn" => KeyCode::PageDown,
                    "lt" => KeyCode::Char('<'),
                    "gt" => KeyCode::Char('>'),
                    "minus" => KeyCode::Char('-'),
                    f if f.starts_with('f') => match f[1..].parse::<u8>() {
                        Ok(n) if (1..=24).contains(&n) => KeyCode::F(n),
                        _ => return Err(bad()),
                    },
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
        }
    }
}

/// A key name that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key name `{name}`")]
pub struct KeyParseError {
    pub name: String,
}

/// One entry of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    /// Keys typed after `key` for a sequence such as `g g`; empty for a single key.
    pub then: Vec<Key>,
    pub action: Action,
    /// What the help screen says about this binding.
    pub description: String,
}

impl Binding {
    /// The keys as the help screen shows them: `F1`, or `g g` for a sequence.
    pub fn keys_text(&self) -> String {
        let mut text = self.key.to_string();
        for k in &self.then {
            text.push(' ');
            text.push_str(&k.to_string());
        }
        text
    }
}

/// What a sequence of keys typed so far means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceMatch {
    /// A whole sequence: run this.
    Action(Action),
    /// The start of one or more sequences: wait for the next key.
    Prefix,
    /// No sequence.
    None,
}

/// All key bindings of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The keys of `config/default.toml` (the one place default keys are written down).
    fn default() -> Self {
        let (mut map, _) =
            crate::app::prefs::keymap_from_config(&crate::config::Config::defaults().keys);
        map.describe_specific();
        map
    }
}

impl Keymap {
    /// Where an action means something more specific in a mode, say so on the help screen.
    pub fn describe_specific(&mut self) {
        use Action as A;
        let specific = [
            (Mode::Toc, A::Close, "close the contents"),
            (Mode::Toc, A::Confirm, "jump to the chapter"),
            (Mode::TocFilter, A::Close, "clear the filter"),
            (Mode::TocFilter, A::Confirm, "jump to the chapter"),
            (Mode::Help, A::Close, "close the help"),
            (Mode::Help, A::NextPage, "scroll down a page"),
            (Mode::Help, A::PrevPage, "scroll up a page"),
            (
                Mode::Prompt,
                A::Close,
                "cancel (back to where the search started)",
            ),
            (
                Mode::Prompt,
                A::Confirm,
                "keep the search / run the command",
            ),
        ];
        for b in &mut self.bindings {
            if let Some((_, _, d)) = specific
                .iter()
                .find(|(m, a, _)| *m == b.mode && *a == b.action)
            {
                b.description = d.to_string();
            }
        }
    }

    /// A keymap with no bindings at all.
    pub fn empty() -> Keymap {
        Keymap {
            bindings: Vec::new(),
        }
    }

    /// Bind `key` in `mode` to `action`, replacing what the key did before in that mode.
    /// `description` defaults to the action's own description.
    pub fn bind(&mut self, mode: Mode, key: Key, action: Action, description: Option<String>) {
        self.unbind(mode, key);
        let description = description.unwrap_or_else(|| action.description().to_string());
        self.bindings.push(Binding {
            mode,
            key,
            then: Vec::new(),
            action,
            description,
        });
    }

    /// Bind keys typed one after another (`g g`) in `mode` to `action`.
    pub fn bind_sequence(
        &mut self,
        mode: Mode,
        keys: &[Key],
        action: Action,
        description: Option<String>,
    ) {
        let Some((&key, then)) = keys.split_first() else {
            return;
        };
        if then.is_empty() {
            return self.bind(mode, key, action, description);
        }
        self.bindings
            .retain(|b| !(b.mode == mode && b.key == key && b.then == then));
        let description = description.unwrap_or_else(|| action.description().to_string());
        self.bindings.push(Binding {
            mode,
            key,
            then: then.to_vec(),
            action,
            description,
        });
    }

    /// What the keys typed so far (`pending`, two or more keys, or one that starts a sequence)
    /// mean in `mode`.
    pub fn sequence(&self, mode: Mode, pending: &[Key]) -> SequenceMatch {
        let Some((&first, rest)) = pending.split_first() else {
            return SequenceMatch::None;
        };
        let mut prefix = false;
        for b in self
            .bindings
            .iter()
            .filter(|b| b.mode == mode && b.key == first && !b.then.is_empty())
        {
            if b.then == rest {
                return SequenceMatch::Action(b.action.clone());
            }
            if b.then.starts_with(rest) {
                prefix = true;
            }
        }
        if prefix {
            SequenceMatch::Prefix
        } else {
            SequenceMatch::None
        }
    }

    /// Remove what `key` does in `mode`.
    pub fn unbind(&mut self, mode: Mode, key: Key) {
        self.bindings
            .retain(|b| !(b.mode == mode && b.key == key && b.then.is_empty()));
    }

    /// The action of `key` in `mode`.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key && b.then.is_empty())
            .map(|b| &b.action)
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Keys bound to `action` in `mode`, in table order.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && &b.action == action && b.then.is_empty())
            .map(|b| b.key)
            .collect()
    }

    /// The help screen's rows: per mode, one row per action (its keys joined) in table order.
    pub fn help_rows(&self) -> Vec<HelpSection> {
        let mut sections = Vec::new();
        for mode in Mode::HELP_ORDER {
            let mut rows: Vec<HelpRow> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.mode == mode) {
                match rows
                    .iter_mut()
                    .find(|r| r.action == b.action && r.description == b.description)
                {
                    Some(row) => row.keys.push(b.keys_text()),
                    None => rows.push(HelpRow {
                        keys: vec![b.keys_text()],
                        action: b.action.clone(),
                        description: b.description.clone(),
                    }),
                }
            }
            if !rows.is_empty() {
                sections.push(HelpSection { mode, rows });
            }
        }
        sections
    }
}

/// One mode's part of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub mode: Mode,
    pub rows: Vec<HelpRow>,
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: Vec<String>,
    pub action: Action,
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("ctrl-o").unwrap(), Key::ctrl('o'));
        assert_eq!(Key::parse("space").unwrap(), Key::ch(' '));
        assert_eq!(Key::parse("G").unwrap(), Key::ch('G'));
        assert_eq!(Key::parse("<").unwrap(), Key::ch('<'));
        assert_eq!(
            Key::parse("pagedown").unwrap(),
            Key::plain(KeyCode::PageDown)
        );
        assert_eq!(Key::parse("F1").unwrap(), Key::plain(KeyCode::F(1)));
        assert_eq!(
            Key::parse("shift-tab").unwrap(),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("-").unwrap(), Key::ch('-'));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("").is_err());
        assert!(Key::parse("f99").is_err());
    }

    #[test]
    fn names_round_trip_through_display_for_simple_keys() {
        for name in ["j", "G", "?", "ctrl-o"] {
            let key = Key::parse(name).unwrap();
            // Display capitalises `Ctrl-`; modifiers parse case-insensitively.
            assert_eq!(Key::parse(&key.to_string()).ok(), Some(key));
        }
    }

    #[test]
    fn default_keymap_has_every_issue_key() {
        let map = Keymap::default();
        let r = |k: Key| map.lookup(Mode::Reader, k).cloned();
        assert_eq!(r(Key::ch(' ')), Some(Action::NextPage));
        assert_eq!(r(Key::ch('h')), Some(Action::PrevPage));
        assert_eq!(r(Key::ctrl('o')), Some(Action::JumpBack));
        assert_eq!(r(Key::ctrl('n')), Some(Action::JumpForward));
        assert_eq!(r(Key::plain(KeyCode::Tab)), Some(Action::ToggleToc));
        assert_eq!(r(Key::ch('m')), Some(Action::AddBookmark));
        assert_eq!(r(Key::ch('\'')), Some(Action::BookmarkList));
        assert_eq!(r(Key::ch('B')), Some(Action::BookmarkList));
        assert_eq!(r(Key::ch('L')), Some(Action::Library));
    }

    #[test]
    fn rebinding_replaces_and_unbinding_removes() {
        let mut map = Keymap::default();
        map.bind(Mode::Reader, Key::ch('x'), Action::Quit, None);
        map.bind(Mode::Reader, Key::ch('q'), Action::NextPage, None);
        assert_eq!(
            map.lookup(Mode::Reader, Key::ch('q')),
            Some(&Action::NextPage)
        );
        map.unbind(Mode::Reader, Key::ch('x'));
        assert_eq!(map.lookup(Mode::Reader, Key::ch('x')), None);
    }
}
