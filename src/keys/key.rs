//! One key type and its one parser: `Key` (a key code with ctrl, alt and shift), `KeySeq` (keys
//! typed one after another, `g g`), and the names they are written with (`ctrl-o`, `space`,
//! `pagedown`, `<`, `G`, `shift-up`, `f5`).
//!
//! Owns key names and their canonical form; it must not depend on a terminal crate (the input
//! layer converts terminal events into `Key`) nor know about actions or the configuration file.

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
}

/// One key press: a key and the modifiers held with it, in canonical form (see `normalized`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
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

/// `, did you mean `x`?` when there is a suggestion, else nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(", did you mean `{s}`?"),
        None => String::new(),
    }
}

/// Named keys: (canonical name, aliases, code, label on screen). The canonical name is what
/// `Display` prints; the label is what help and hints show.
const NAMED: &[(&str, &[&str], KeyCode, &str)] = &[
    ("space", &["spc"], KeyCode::Char(' '), "Space"),
    ("enter", &["return", "ret", "cr"], KeyCode::Enter, "Enter"),
    ("esc", &["escape"], KeyCode::Esc, "Esc"),
    ("tab", &[], KeyCode::Tab, "Tab"),
    ("backtab", &[], KeyCode::BackTab, "Shift-Tab"),
    ("backspace", &["bs"], KeyCode::Backspace, "Backspace"),
    ("delete", &["del"], KeyCode::Delete, "Delete"),
    ("insert", &["ins"], KeyCode::Insert, "Insert"),
    ("home", &[], KeyCode::Home, "Home"),
    ("end", &[], KeyCode::End, "End"),
    ("pageup", &["pgup", "page-up"], KeyCode::PageUp, "PageUp"),
    (
        "pagedown",
        &["pgdn", "pgdown", "page-down"],
        KeyCode::PageDown,
        "PageDown",
    ),
    ("up", &[], KeyCode::Up, "↑"),
    ("down", &[], KeyCode::Down, "↓"),
    ("left", &[], KeyCode::Left, "←"),
    ("right", &[], KeyCode::Right, "→"),
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

impl Key {
    pub fn new(code: KeyCode, modifiers: Modifiers) -> Key {
        Key { code, modifiers }.normalized()
    }

    /// A plain key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: Modifiers::NONE,
        }
    }

    /// A character key (`'G'`, `'<'`, `' '`).
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The same key with shift let go (what a shifted named key means when only the plain key
    /// is bound).
    pub fn without_shift(self) -> Key {
        let mut modifiers = self.modifiers;
        modifiers.shift = false;
        Key {
            code: self.code,
            modifiers,
        }
    }

    /// The canonical form, so that the same physical key always compares equal however a
    /// terminal reports it: the case of a letter carries shift (`shift-g` is `G`), ctrl-letters
    /// are lower case (terminals can't tell `ctrl-o` from `ctrl-O`), shift-tab is `backtab`.
    pub fn normalized(self) -> Key {
        let Key {
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
        Key { code, modifiers }
    }

    /// Parse one key name: `j`, `G`, `<`, `space`, `ctrl-o`, `alt-enter`, `shift-tab`, `f5`.
    pub fn parse(name: &str) -> Result<Key, KeyNameError> {
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
        Ok(Key::new(code, modifiers))
    }

    /// The key as help and hints show it: `Space`, `Ctrl-o`, `G`, `PageDown`, `↓`, `Shift-↑`.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.modifiers.ctrl {
            out.push_str("Ctrl-");
        }
        if self.modifiers.alt {
            out.push_str("Alt-");
        }
        if self.modifiers.shift {
            out.push_str("Shift-");
        }
        match self.code {
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            code => match NAMED.iter().find(|(_, _, c, _)| *c == code) {
                Some((_, _, _, label)) => out.push_str(label),
                None => {
                    if let KeyCode::Char(c) = code {
                        out.push(c);
                    }
                }
            },
        }
        out
    }
}

fn named_code(name: &str) -> Result<KeyCode, KeyNameError> {
    let lower = name.to_ascii_lowercase();
    if let Some((_, c)) = CHAR_ALIASES.iter().find(|(n, _)| *n == lower) {
        return Ok(KeyCode::Char(*c));
    }
    for (canonical, aliases, code, _) in NAMED {
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
        .flat_map(|(c, a, _, _)| std::iter::once(*c).chain(a.iter().copied()))
        .chain(CHAR_ALIASES.iter().map(|(n, _)| *n));
    Err(KeyNameError::Unknown {
        name: name.to_string(),
        suggestion: closest(&lower, candidates).map(|s| canonical_alias(&s)),
    })
}

fn canonical_alias(name: &str) -> String {
    NAMED
        .iter()
        .find(|(c, a, _, _)| *c == name || a.contains(&name))
        .map(|(c, _, _, _)| c.to_string())
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
        if let Some((name, _, _, _)) = NAMED.iter().find(|(_, _, c, _)| c == self) {
            return f.write_str(name);
        }
        match self {
            KeyCode::Char(c) => write!(f, "{c}"),
            // Every other code is in NAMED.
            _ => f.write_str("?"),
        }
    }
}

/// The canonical name, as the configuration file writes it (`ctrl-o`, `shift-up`).
impl fmt::Display for Key {
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

impl std::str::FromStr for Key {
    type Err = KeyNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Key::parse(s)
    }
}

/// Keys typed one after another (`g g`); most bindings are a single key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySeq(pub Vec<Key>);

impl KeySeq {
    /// Parse keys separated by spaces: `"ctrl-o"`, `"g g"`. A lone `" "` is the space bar.
    pub fn parse(text: &str) -> Result<KeySeq, KeyNameError> {
        if text == " " {
            return Ok(KeySeq(vec![Key::char(' ')]));
        }
        let keys = text
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(KeyNameError::Empty);
        }
        Ok(KeySeq(keys))
    }

    pub fn keys(&self) -> &[Key] {
        &self.0
    }

    /// The keys as help and hints show them: `F1`, or `g g` for a sequence.
    pub fn label(&self) -> String {
        self.0.iter().map(Key::label).collect::<Vec<_>>().join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn round(name: &str) -> String {
        Key::parse(name).map(|k| k.to_string()).unwrap()
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
    fn labels_are_what_the_screen_shows() {
        let label = |n: &str| Key::parse(n).unwrap().label();
        assert_eq!(label("ctrl-o"), "Ctrl-o");
        assert_eq!(label("space"), "Space");
        assert_eq!(label("shift-m"), "M");
        assert_eq!(label("shift-up"), "Shift-↑");
        assert_eq!(label("shift-tab"), "Shift-Tab");
        assert_eq!(label("f1"), "F1");
        assert_eq!(KeySeq::parse("g g").unwrap().label(), "g g");
    }

    #[test]
    fn bad_names_say_why() {
        assert_eq!(
            Key::parse("pagedwn").unwrap_err().to_string(),
            "unknown key name `pagedwn`, did you mean `pagedown`?"
        );
        assert!(matches!(
            Key::parse("f25"),
            Err(KeyNameError::FunctionKey { .. })
        ));
        assert!(matches!(
            Key::parse("shift-<"),
            Err(KeyNameError::ShiftSymbol { .. })
        ));
        assert!(matches!(Key::parse(""), Err(KeyNameError::Empty)));
        assert!(matches!(
            Key::parse("ctrl-"),
            Err(KeyNameError::Unknown { .. })
        ));
        assert!(Key::parse("hyper-x").is_err());
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
        for (name, _, code, _) in NAMED {
            assert_eq!(Key::parse(name).unwrap().code, *code);
            assert_eq!(&Key::plain(*code).to_string(), name);
        }
    }
}
