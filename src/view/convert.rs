//! Simplified ↔ Traditional conversion through the OpenCC dictionaries of `ferrous-opencc`
//! (Apache-2.0, pure Rust, dictionaries compiled into the binary).
//!
//! Owns the two converters (built once, on first use) and the char-level fold used by
//! script-insensitive search. It converts strings only; it knows nothing about offsets, documents
//! or the screen. If a converter cannot be built, text is left as it is: a view never fails.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// The script a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Script {
    /// The text as the file has it.
    #[default]
    Original,
    /// Converted to Simplified Chinese.
    Simplified,
    /// Converted to Traditional Chinese.
    Traditional,
}

impl Script {
    /// The next script in the toggle order Original → Simplified → Traditional → Original.
    pub fn next(self) -> Script {
        match self {
            Script::Original => Script::Simplified,
            Script::Simplified => Script::Traditional,
            Script::Traditional => Script::Original,
        }
    }

    /// Lower-case name as used on the command line and in the status line.
    pub fn name(self) -> &'static str {
        match self {
            Script::Original => "original",
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }

    /// Parse a command-line name (`original`, `simplified`, `traditional`, or `s`/`t`/`o`).
    pub fn parse(s: &str) -> Option<Script> {
        match s.trim().to_ascii_lowercase().as_str() {
            "original" | "o" | "orig" => Some(Script::Original),
            "simplified" | "s" | "simp" | "zh-hans" => Some(Script::Simplified),
            "traditional" | "t" | "trad" | "zh-hant" => Some(Script::Traditional),
            _ => None,
        }
    }
}

fn converter(script: Script) -> Option<&'static OpenCC> {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    match script {
        Script::Original => None,
        Script::Simplified => T2S
            .get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
            .as_ref(),
        Script::Traditional => S2T
            .get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok())
            .as_ref(),
    }
}

/// Convert `text` to `script` (phrase-aware). `Original` returns the text unchanged.
pub fn convert(text: &str, script: Script) -> String {
    match converter(script) {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

/// True for characters the OpenCC dictionaries can change: CJK ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF      // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2A6DF  // extension B
        | 0x2A700..=0x2EBEF  // extensions C–F
        | 0x2F800..=0x2FA1F  // compatibility supplement
        | 0x30000..=0x323AF) // extensions G–H
}

/// The character `c` folded to Simplified, one char to one char (so offsets line up).
///
/// Used by script-insensitive search: 戰 and 战 both fold to 战. Characters the dictionary maps
/// to more than one character, and everything that is not Han, fold to themselves.
pub fn fold_char(c: char) -> char {
    if !is_han(c) {
        return c;
    }
    static CACHE: OnceLock<Mutex<HashMap<char, char>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(map) = cache.lock()
        && let Some(&f) = map.get(&c)
    {
        return f;
    }
    let mut buf = [0u8; 4];
    let converted = convert(c.encode_utf8(&mut buf), Script::Simplified);
    let mut chars = converted.chars();
    let folded = match (chars.next(), chars.next()) {
        (Some(f), None) => f,
        _ => c,
    };
    if let Ok(mut map) = cache.lock() {
        map.insert(c, folded);
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        assert_eq!(convert("脫貧攻堅戰", Script::Simplified), "脱贫攻坚战");
        assert_eq!(convert("脱贫攻坚战", Script::Traditional), "脫貧攻堅戰");
        assert_eq!(convert("脫貧", Script::Original), "脫貧");
    }

    #[test]
    fn folds_single_chars() {
        assert_eq!(fold_char('戰'), '战');
        assert_eq!(fold_char('战'), '战');
        assert_eq!(fold_char('a'), 'a');
    }

    #[test]
    fn script_names_round_trip() {
        for s in [Script::Original, Script::Simplified, Script::Traditional] {
            assert_eq!(Script::parse(s.name()), Some(s));
        }
        assert_eq!(Script::parse("klingon"), None);
    }
}
