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

impl std::str::FromStr for Script {
    type Err = String;

    fn from_str(s: &str) -> Result<Script, String> {
        Script::parse(s)
            .ok_or_else(|| format!("unknown script `{s}`: use simplified, traditional or original"))
    }
}

impl std::fmt::Display for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
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
/// to more than one character, and everything that is not Han, fold to themselves. The common
/// ideographs (U+3400–U+9FFF, U+F900–U+FAFF) come from a table built once, in one converter
/// call; rarer ones are converted on first use and remembered.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x3400 || !is_han(c) {
        return c;
    }
    if let Some(i) = bmp_index(u) {
        return bmp_table().get(i).copied().unwrap_or(c);
    }
    static CACHE: OnceLock<Mutex<HashMap<char, char>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(map) = cache.lock()
        && let Some(&f) = map.get(&c)
    {
        return f;
    }
    let folded = single(&convert(c.encode_utf8(&mut [0u8; 4]), Script::Simplified)).unwrap_or(c);
    if let Ok(mut map) = cache.lock() {
        map.insert(c, folded);
    }
    folded
}

const BMP_RANGES: [(u32, u32); 2] = [(0x3400, 0x9FFF), (0xF900, 0xFAFF)];

fn bmp_index(u: u32) -> Option<usize> {
    let mut base = 0;
    for (lo, hi) in BMP_RANGES {
        if (lo..=hi).contains(&u) {
            return Some(base + (u - lo) as usize);
        }
        base += (hi - lo + 1) as usize;
    }
    None
}

fn single(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(f), None) => Some(f),
        _ => None,
    }
}

/// Folded form of every BMP ideograph, in `bmp_index` order.
fn bmp_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = BMP_RANGES
            .iter()
            .flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32))
            .collect();
        // One character per line so no two characters ever form a phrase.
        let mut joined = String::with_capacity(chars.len() * 4);
        for c in &chars {
            joined.push(*c);
            joined.push('\n');
        }
        let converted = convert(&joined, Script::Simplified);
        let lines: Vec<&str> = converted.split('\n').collect();
        if lines.len() != chars.len() + 1 {
            return chars; // the converter is unavailable: fold nothing
        }
        chars
            .iter()
            .zip(lines)
            .map(|(&c, line)| single(line).unwrap_or(c))
            .collect()
    })
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
        // The table agrees with converting each character on its own.
        for c in "脫貧攻堅戰鞏固發髮後裏麼乾隆產業鄉農現區關質經協".chars()
        {
            let one = convert(c.encode_utf8(&mut [0u8; 4]), Script::Simplified);
            assert_eq!(fold_char(c).to_string(), one, "{c}");
        }
    }

    #[test]
    fn script_names_round_trip() {
        for s in [Script::Original, Script::Simplified, Script::Traditional] {
            assert_eq!(Script::parse(s.name()), Some(s));
        }
        assert_eq!(Script::parse("klingon"), None);
    }
}
