//! Key names and key bindings as data: `KeySpec` (one key with modifiers), `KeySeq` (a sequence
//! typed one key after another), the modes and action names a binding may use, and `KeyBindings`
//! (mode → key sequence → action), merged from the defaults and the user's file.
//!
//! Key names are our own (`ctrl-o`, `space`, `pagedown`, `<`, `G`, `f1`): this module never
//! depends on a terminal crate. The interactive reader converts terminal events into `KeySpec`
//! and looks them up here; the help screen lists these same bindings.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character; `' '` is the space bar. Letters keep their case (`G` is shift-g).
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// Function keys f1 … f24.
    F(u8),
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Modifiers {
    pub const NONE: Modifiers = Modifiers {
        ctrl: false,
        alt: false,
        shift: false,
    };
    pub const CTRL: Modifiers = Modifiers {
        ctrl: true,
        alt: false,
        shift: false,
    };
}

/// One key press: a key and the modifiers held with it, in canonical form (see `normalized`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: Modifiers,
}

/// Why a key name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyNameError {
    #[error("empty key name")]
    Empty,
    #[error("unknown key name `{name}`{}", did_you_mean(suggestion.as_deref()))]
    Unknown {
        name: String,
        suggestion: Option<String>,
    },
    #[error(
        "`{name}`: shift can only be combined with letters, tab and named keys; write the symbol itself"
    )]
    ShiftSymbol { name: String },
    #[error("function key `{name}` is out of range (f1 … f24)")]
    FunctionKey { name: String },
}

pub(crate) fn did_you_mean(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(", did you mean `{s}`?"),
        None => String::new(),
    }
}

/// Named keys: (canonical name, aliases, code). The canonical name is what `Display` prints.
const NAMED: &[(&str, &[&str], KeyCode)] = &[
    ("space", &["spc"], KeyCode::Char(' ')),
    ("enter", &["return", "ret", "cr"], KeyCode::Enter),
    ("esc", &["escape"], KeyCode::Esc),
    ("tab", &[], KeyCode::Tab),
    ("backtab", &[], KeyCode::BackTab),
    ("backspace", &["bs"], KeyCode::Backspace),
    ("delete", &["del"], KeyCode::Delete),
    ("insert", &["ins"], KeyCode::Insert),
    ("home", &[], KeyCode::Home),
    ("end", &[], KeyCode::End),
    ("pageup", &["pgup", "page-up"], KeyCode::PageUp),
    (
        "pagedown",
        &["pgdn", "pgdown", "page-down"],
        KeyCode::PageDown,
    ),
    ("up", &[], KeyCode::Up),
    ("down", &[], KeyCode::Down),
    ("left", &[], KeyCode::Left),
    ("right", &[], KeyCode::Right),
];

/// Names for characters that are awkward to write as TOML keys; they print as the character.
const CHAR_ALIASES: &[(&str, char)] = &[
    ("lt", '<'),
    ("gt", '>'),
    ("minus", '-'),
    ("plus", '+'),
    ("equal", '='),
    ("colon", ':'),
    ("slash", '/'),
    ("backslash", '\\'),
    ("quote", '\''),
    ("dquote", '"'),
    ("hash", '#'),
    ("lbracket", '['),
    ("rbracket", ']'),
];

const MODIFIER_PREFIXES: &[(&str, u8)] = &[
    ("ctrl-", 0),
    ("control-", 0),
    ("alt-", 1),
    ("meta-", 1),
    ("shift-", 2),
];

impl KeySpec {
    pub fn new(code: KeyCode, modifiers: Modifiers) -> KeySpec {
        KeySpec { code, modifiers }.normalized()
    }

    /// A plain key without modifiers.
    pub fn plain(code: KeyCode) -> KeySpec {
        KeySpec::new(code, Modifiers::NONE)
    }

    /// A character key (`'G'`, `'<'`, `' '`).
    pub fn char(c: char) -> KeySpec {
        KeySpec::plain(KeyCode::Char(c))
    }

    /// The canonical form, so that the same physical key always compares equal however a
    /// terminal reports it: the case of a letter carries shift (`shift-g` is `G`), ctrl-letters
    /// are lower case (terminals can't tell `ctrl-o` from `ctrl-O`), shift-tab is `backtab`.
    pub fn normalized(self) -> KeySpec {
        let KeySpec {
            mut code,
            mut modifiers,
        } = self;
        match code {
            KeyCode::Char(c) => {
                if modifiers.ctrl && c.is_ascii_alphabetic() {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                    modifiers.shift = false;
                } else if modifiers.shift && c.is_alphabetic() {
                    let mut upper = c.to_uppercase();
                    if let (Some(u), None) = (upper.next(), upper.next()) {
                        code = KeyCode::Char(u);
                    }
                    modifiers.shift = false;
                } else {
                    // A symbol already says whether shift was held (`<` vs `,`).
                    modifiers.shift = false;
                }
            }
            KeyCode::Tab if modifiers.shift => {
                code = KeyCode::BackTab;
                modifiers.shift = false;
            }
            KeyCode::BackTab => modifiers.shift = false,
            _ => {}
        }
        KeySpec { code, modifiers }
    }

    /// Parse one key name: `j`, `G`, `<`, `space`, `ctrl-o`, `alt-enter`, `shift-tab`, `f5`.
    pub fn parse(name: &str) -> Result<KeySpec, KeyNameError> {
        if name.is_empty() {
            return Err(KeyNameError::Empty);
        }
        let mut modifiers = Modifiers::NONE;
        let mut rest = name;
        // A single character is always that character, even `-`.
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            let Some((prefix, which)) = MODIFIER_PREFIXES
                .iter()
                .find(|(p, _)| lower.starts_with(p) && lower.len() > p.len())
            else {
                break;
            };
            match which {
                0 => modifiers.ctrl = true,
                1 => modifiers.alt = true,
                _ => modifiers.shift = true,
            }
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if modifiers.shift && !c.is_alphabetic() {
                    return Err(KeyNameError::ShiftSymbol {
                        name: name.to_string(),
                    });
                }
                KeyCode::Char(c)
            }
            _ => named_code(rest)?,
        };
        Ok(KeySpec::new(code, modifiers))
    }
}

fn named_code(name: &str) -> Result<KeyCode, KeyNameError> {
    let lower = name.to_ascii_lowercase();
    if let Some((_, c)) = CHAR_ALIASES.iter().find(|(n, _)| *n == lower) {
        return Ok(KeyCode::Char(*c));
    }
    for (canonical, aliases, code) in NAMED {
        if lower == *canonical || aliases.contains(&lower.as_str()) {
            return Ok(*code);
        }
    }
    if let Some(digits) = lower.strip_prefix('f')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return match digits.parse::<u8>() {
            Ok(n) if (1..=24).contains(&n) => Ok(KeyCode::F(n)),
            _ => Err(KeyNameError::FunctionKey {
                name: name.to_string(),
            }),
        };
    }
    let candidates = NAMED
        .iter()
        .flat_map(|(c, a, _)| std::iter::once(*c).chain(a.iter().copied()))
        .chain(CHAR_ALIASES.iter().map(|(n, _)| *n));
    Err(KeyNameError::Unknown {
        name: name.to_string(),
        suggestion: closest(&lower, candidates).map(|s| canonical_alias(&s)),
    })
}

fn canonical_alias(name: &str) -> String {
    NAMED
        .iter()
        .find(|(c, a, _)| *c == name || a.contains(&name))
        .map(|(c, _, _)| c.to_string())
        .unwrap_or_else(|| name.to_string())
}

/// The closest candidate to `word`, when one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    match best {
        Some((score, c)) if score >= 0.8 || strsim::damerau_levenshtein(word, c) <= 1 => {
            Some(c.to_string())
        }
        _ => None,
    }
}

impl fmt::Display for KeyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let KeyCode::F(n) = self {
            return write!(f, "f{n}");
        }
        if let Some((name, _, _)) = NAMED.iter().find(|(_, _, c)| c == self) {
            return f.write_str(name);
        }
        match self {
            KeyCode::Char(c) => write!(f, "{c}"),
            // Every other code is in NAMED.
            _ => f.write_str("?"),
        }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.alt {
            f.write_str("alt-")?;
        }
        if self.modifiers.shift {
            f.write_str("shift-")?;
        }
        write!(f, "{}", self.code)
    }
}

impl std::str::FromStr for KeySpec {
    type Err = KeyNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeySpec::parse(s)
    }
}

/// Keys typed one after another (`g g`); most bindings are a single key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySeq(pub Vec<KeySpec>);

impl KeySeq {
    /// Parse keys separated by spaces: `"ctrl-o"`, `"g g"`. A lone `" "` is the space bar.
    pub fn parse(text: &str) -> Result<KeySeq, KeyNameError> {
        if text == " " {
            return Ok(KeySeq(vec![KeySpec::char(' ')]));
        }
        let keys = text
            .split_whitespace()
            .map(KeySpec::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(KeyNameError::Empty);
        }
        Ok(KeySeq(keys))
    }

    pub fn single(key: KeySpec) -> KeySeq {
        KeySeq(vec![key])
    }

    pub fn keys(&self) -> &[KeySpec] {
        &self.0
    }
}

impl fmt::Display for KeySeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, k) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{k}")?;
        }
        Ok(())
    }
}

/// Where a binding applies: the reader itself, one of its panels, or a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Reading pages.
    Reader,
    /// The table of contents is open.
    Toc,
    /// The table of contents' filter is being typed.
    TocFilter,
    /// The help screen is open.
    Help,
    /// A prompt on the status line (search, `:` command, bookmark name) is being typed.
    Prompt,
    /// The bookmark list is open.
    Bookmarks,
    /// The list of recent books is open.
    Library,
}

impl Mode {
    pub const ALL: [Mode; 7] = [
        Mode::Reader,
        Mode::Toc,
        Mode::TocFilter,
        Mode::Help,
        Mode::Prompt,
        Mode::Bookmarks,
        Mode::Library,
    ];

    /// The name used in `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Reader => "reader",
            Mode::Toc => "toc",
            Mode::TocFilter => "toc_filter",
            Mode::Help => "help",
            Mode::Prompt => "prompt",
            Mode::Bookmarks => "bookmarks",
            Mode::Library => "library",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An action a key can be bound to, with a short description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionInfo {
    pub name: &'static str,
    pub description: &'static str,
}

const fn act(name: &'static str, description: &'static str) -> ActionInfo {
    ActionInfo { name, description }
}

/// Every action a key can name. Any action may be bound in any mode; one that means nothing
/// there does nothing.
pub const ACTIONS: &[ActionInfo] = &[
    act("next_page", "next page"),
    act("prev_page", "previous page"),
    act("line_down", "scroll down a line"),
    act("line_up", "scroll up a line"),
    act("next_chapter", "next chapter"),
    act("prev_chapter", "previous chapter"),
    act(
        "next_match_or_chapter",
        "next match while searching, else next chapter",
    ),
    act("book_start", "start of the book"),
    act("book_end", "end of the book"),
    act("percent", "with a count: go to that percent of the book"),
    act("command_line", "command line: :42 chapter 42, :37% percent"),
    act("jump_back", "jump back"),
    act("jump_forward", "jump forward again"),
    act("search_forward", "search forward"),
    act("search_backward", "search backward"),
    act("search_next", "next match"),
    act("search_prev", "previous match"),
    act("toggle_toc", "table of contents"),
    act("toggle_script", "script: as written → 简体 → 繁體"),
    act("toggle_clean", "clean view: hide pinyin and HTML leftovers"),
    act(
        "toggle_vertical",
        "vertical pages (竖排), read right to left",
    ),
    act("add_bookmark", "bookmark this page"),
    act("bookmarks", "bookmark list"),
    act("library", "recent books"),
    act("wider", "wider text column"),
    act("narrower", "narrower text column"),
    act("cycle_theme", "next colour theme"),
    act("toggle_spread", "two-page spread on or off"),
    act(
        "save_settings",
        "save width, theme and spread to config.toml",
    ),
    act("help", "help"),
    act("close", "close what is open"),
    act("redraw", "redraw the screen"),
    act("quit", "quit"),
    act("select_next", "next entry"),
    act("select_prev", "previous entry"),
    act("select_page_down", "a page of entries down"),
    act("select_page_up", "a page of entries up"),
    act("select_first", "first entry"),
    act("select_last", "last entry"),
    act("start_filter", "filter by title"),
    act("confirm", "jump there / run"),
    act("delete_back", "delete a character"),
    act("toggle_regex", "regex on or off"),
    act(
        "toggle_script_search",
        "简/繁 characters match each other on or off",
    ),
    act("rename", "rename"),
    act("delete", "delete"),
    act("undo", "undo the last delete"),
];

/// The action called `name`, if there is one.
pub fn action_info(name: &str) -> Option<&'static ActionInfo> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// The value that removes a default binding.
pub const UNBIND: &str = "none";

/// One key binding: a key sequence and the action it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: KeySeq,
    pub action: &'static ActionInfo,
}

/// All bindings, per mode, in the order they were defined (defaults first, then the user's new
/// ones). A user entry for a key that is already bound replaces the default in place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyBindings {
    modes: Vec<(Mode, Vec<Binding>)>,
}

impl KeyBindings {
    /// Bind `keys` to `action` in `mode`, replacing any binding of the same keys.
    pub fn bind(&mut self, mode: Mode, keys: KeySeq, action: &'static ActionInfo) {
        let list = self.mode_mut(mode);
        match list.iter_mut().find(|b| b.keys == keys) {
            Some(b) => b.action = action,
            None => list.push(Binding { keys, action }),
        }
    }

    /// Remove the binding of `keys` in `mode` (no-op when unbound).
    pub fn unbind(&mut self, mode: Mode, keys: &KeySeq) {
        self.mode_mut(mode).retain(|b| &b.keys != keys);
    }

    fn mode_mut(&mut self, mode: Mode) -> &mut Vec<Binding> {
        let idx = match self.modes.iter().position(|(m, _)| *m == mode) {
            Some(i) => i,
            None => {
                self.modes.push((mode, Vec::new()));
                self.modes.len() - 1
            }
        };
        &mut self.modes[idx].1
    }

    /// The bindings of one mode, in definition order.
    pub fn bindings(&self, mode: Mode) -> &[Binding] {
        self.modes
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, b)| b.as_slice())
            .unwrap_or(&[])
    }

    /// The action bound to exactly this key sequence.
    pub fn action(&self, mode: Mode, keys: &[KeySpec]) -> Option<&'static ActionInfo> {
        self.bindings(mode)
            .iter()
            .find(|b| b.keys.0 == keys)
            .map(|b| b.action)
    }

    /// True when `keys` is the start of a longer bound sequence (wait for the next key).
    pub fn is_prefix(&self, mode: Mode, keys: &[KeySpec]) -> bool {
        self.bindings(mode)
            .iter()
            .any(|b| b.keys.0.len() > keys.len() && b.keys.0.starts_with(keys))
    }

    /// The keys bound to `action` in `mode`, in definition order (what the help screen shows).
    pub fn keys_for(&self, mode: Mode, action: &str) -> Vec<&KeySeq> {
        self.bindings(mode)
            .iter()
            .filter(|b| b.action.name == action)
            .map(|b| &b.keys)
            .collect()
    }

    /// The actions bound in `mode` with their keys, in the order they were first bound.
    pub fn help(&self, mode: Mode) -> Vec<(&'static ActionInfo, Vec<&KeySeq>)> {
        let mut rows: Vec<(&'static ActionInfo, Vec<&KeySeq>)> = Vec::new();
        for b in self.bindings(mode) {
            match rows.iter_mut().find(|(a, _)| a.name == b.action.name) {
                Some((_, keys)) => keys.push(&b.keys),
                None => rows.push((b.action, vec![&b.keys])),
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(name: &str) -> String {
        KeySpec::parse(name).map(|k| k.to_string()).unwrap()
    }

    #[test]
    fn names_print_canonically() {
        assert_eq!(round("ctrl-o"), "ctrl-o");
        assert_eq!(round("Ctrl-O"), "ctrl-o");
        assert_eq!(round("control-o"), "ctrl-o");
        assert_eq!(round("space"), "space");
        assert_eq!(round("SPACE"), "space");
        assert_eq!(round("pgdn"), "pagedown");
        assert_eq!(round("PageDown"), "pagedown");
        assert_eq!(round("<"), "<");
        assert_eq!(round("G"), "G");
        assert_eq!(round("shift-g"), "G");
        assert_eq!(round("f1"), "f1");
        assert_eq!(round("F12"), "f12");
        assert_eq!(round("esc"), "esc");
        assert_eq!(round("return"), "enter");
        assert_eq!(round("shift-tab"), "backtab");
        assert_eq!(round("-"), "-");
        assert_eq!(round("ctrl--"), "ctrl--");
        assert_eq!(round("alt-ctrl-x"), "ctrl-alt-x");
        assert_eq!(round("shift-up"), "shift-up");
        assert_eq!(round("看"), "看");
        assert_eq!(round("lt"), "<");
        assert_eq!(round("plus"), "+");
    }

    #[test]
    fn bad_names_say_why() {
        assert_eq!(
            KeySpec::parse("pagedwn").unwrap_err().to_string(),
            "unknown key name `pagedwn`, did you mean `pagedown`?"
        );
        assert!(matches!(
            KeySpec::parse("f25"),
            Err(KeyNameError::FunctionKey { .. })
        ));
        assert!(matches!(
            KeySpec::parse("shift-<"),
            Err(KeyNameError::ShiftSymbol { .. })
        ));
        assert!(matches!(KeySpec::parse(""), Err(KeyNameError::Empty)));
        assert!(matches!(
            KeySpec::parse("ctrl-"),
            Err(KeyNameError::Unknown { .. })
        ));
    }

    #[test]
    fn sequences() {
        let s = KeySeq::parse("g  g").unwrap();
        assert_eq!(s.to_string(), "g g");
        assert_eq!(KeySeq::parse(" ").unwrap().to_string(), "space");
        assert!(KeySeq::parse("   ").is_err());
    }

    #[test]
    fn every_named_key_round_trips() {
        for (name, _, code) in NAMED {
            assert_eq!(KeySpec::parse(name).unwrap().code, *code);
            assert_eq!(&KeySpec::plain(*code).to_string(), name);
        }
    }

    #[test]
    fn action_names_are_snake_case_and_unique() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(
                a.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                a.name
            );
            assert!(!ACTIONS[..i].iter().any(|b| b.name == a.name));
        }
    }
}
