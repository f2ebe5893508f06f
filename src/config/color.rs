//! Colours and themes as plain data: `Color` (a name, `#rrggbb`, a 256-colour index, or the
//! terminal's own default), `Palette` (every colour the reader paints with) and `ThemeName`.
//!
//! The palettes of the built-in themes are written in `config/default.toml`; this module only
//! parses and names them. It never depends on a terminal crate: the interface converts `Color`
//! into its own colour type.

use std::fmt;

/// One colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Color {
    /// The terminal's own foreground or background ("default", or "reset").
    #[default]
    Default,
    /// One of the 16 ANSI colours; the terminal's palette decides what it looks like.
    Named(NamedColor),
    /// An entry of the 256-colour palette.
    Indexed(u8),
    /// True colour.
    Rgb(u8, u8, u8),
}

/// The 16 ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedColor {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

const NAMES: &[(&str, NamedColor)] = &[
    ("black", NamedColor::Black),
    ("red", NamedColor::Red),
    ("green", NamedColor::Green),
    ("yellow", NamedColor::Yellow),
    ("blue", NamedColor::Blue),
    ("magenta", NamedColor::Magenta),
    ("cyan", NamedColor::Cyan),
    ("gray", NamedColor::Gray),
    ("dark_gray", NamedColor::DarkGray),
    ("light_red", NamedColor::LightRed),
    ("light_green", NamedColor::LightGreen),
    ("light_yellow", NamedColor::LightYellow),
    ("light_blue", NamedColor::LightBlue),
    ("light_magenta", NamedColor::LightMagenta),
    ("light_cyan", NamedColor::LightCyan),
    ("white", NamedColor::White),
];

/// Why a colour was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColorError {
    #[error(
        "`{text}` is not a colour: use a name (red, dark_gray, …), `#rrggbb`, a number 0–255 or \"default\"{}",
        super::keys::did_you_mean(suggestion.as_deref())
    )]
    Unknown {
        text: String,
        suggestion: Option<String>,
    },
    #[error("`{text}` is not a colour: `#` needs six hex digits, like `#a0b1c2`")]
    BadHex { text: String },
    #[error("colour index {index} is out of range (0–255)")]
    BadIndex { index: i64 },
}

impl Color {
    /// Parse a colour name: `red`, `dark_gray` (also `dark-gray`, `darkgray`, `grey`), `#rrggbb`,
    /// `#rgb`, a decimal index `0`–`255`, `default` or `reset`.
    pub fn parse(text: &str) -> Result<Color, ColorError> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase().replace(['-', ' '], "_");
        if lower == "default" || lower == "reset" {
            return Ok(Color::Default);
        }
        if let Some(hex) = t.strip_prefix('#') {
            return parse_hex(hex).ok_or_else(|| ColorError::BadHex {
                text: text.to_string(),
            });
        }
        if !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit()) {
            return match lower.parse::<i64>() {
                Ok(n) => Color::from_index(n),
                Err(_) => Err(ColorError::BadIndex { index: i64::MAX }),
            };
        }
        let lower = lower.replace("grey", "gray");
        let squashed = lower.replace('_', "");
        for (name, named) in NAMES {
            if *name == lower || name.replace('_', "") == squashed {
                return Ok(Color::Named(*named));
            }
        }
        let mut candidates: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        candidates.push("default");
        Err(ColorError::Unknown {
            text: text.to_string(),
            suggestion: super::keys::closest(&lower, candidates),
        })
    }

    /// A 256-colour palette index.
    pub fn from_index(n: i64) -> Result<Color, ColorError> {
        u8::try_from(n)
            .map(Color::Indexed)
            .map_err(|_| ColorError::BadIndex { index: n })
    }
}

fn parse_hex(hex: &str) -> Option<Color> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
    let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    match hex.len() {
        6 => Some(Color::Rgb(pair(0)?, pair(2)?, pair(4)?)),
        3 => Some(Color::Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
        _ => None,
    }
}

impl fmt::Display for NamedColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = NAMES
            .iter()
            .find(|(_, c)| c == self)
            .map(|(n, _)| *n)
            .unwrap_or("default");
        f.write_str(name)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Default => f.write_str("default"),
            Color::Named(n) => write!(f, "{n}"),
            Color::Indexed(i) => write!(f, "{i}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

impl std::str::FromStr for Color {
    type Err = ColorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Color::parse(s)
    }
}

/// The built-in themes, in the order the reader cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ThemeName {
    /// The terminal's own colours (plus a few of its ANSI colours for highlights).
    #[default]
    Terminal,
    Dark,
    Light,
    Sepia,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Terminal,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Sepia,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Terminal => "terminal",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Sepia => "sepia",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The theme after this one (wraps around): what the theme-cycling key switches to.
    pub fn next(self) -> ThemeName {
        let i = ThemeName::ALL.iter().position(|t| *t == self).unwrap_or(0);
        ThemeName::ALL[(i + 1) % ThemeName::ALL.len()]
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every colour the reader paints with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Palette {
    /// Body text.
    pub text: Color,
    /// Page background.
    pub background: Color,
    /// Chapter headings.
    pub heading: Color,
    /// Placeholders for control characters, hints, page numbers.
    pub dim: Color,
    pub status_text: Color,
    pub status_background: Color,
    /// The selected entry of a list (table of contents, bookmarks, library).
    pub selection_text: Color,
    pub selection_background: Color,
    /// Search matches.
    pub match_text: Color,
    pub match_background: Color,
    /// The search match the reader is at.
    pub current_match_text: Color,
    pub current_match_background: Color,
    /// The chapter being read, in the table of contents.
    pub current_chapter: Color,
    /// The bookmark marker in the status bar.
    pub bookmark: Color,
    /// Error messages in the status bar.
    pub error_text: Color,
    pub error_background: Color,
    /// Borders of panels and popups.
    pub border: Color,
    /// Links in the text (always underlined).
    pub link: Color,
    /// Code in the text: code spans and code blocks.
    pub code: Color,
    /// The backgrounds of highlights, one per colour a highlight can take (the text on them
    /// is `match_text`).
    pub highlight_1: Color,
    pub highlight_2: Color,
    pub highlight_3: Color,
    pub highlight_4: Color,
}

/// Names of the colour slots of a palette, as written in the config file.
pub const SLOTS: &[&str] = &[
    "text",
    "background",
    "heading",
    "dim",
    "status_text",
    "status_background",
    "selection_text",
    "selection_background",
    "match_text",
    "match_background",
    "current_match_text",
    "current_match_background",
    "current_chapter",
    "bookmark",
    "error_text",
    "error_background",
    "border",
    "link",
    "code",
    "highlight_1",
    "highlight_2",
    "highlight_3",
    "highlight_4",
];

impl Palette {
    /// No colour at all: every slot is the terminal's default (what `NO_COLOR` asks for). The
    /// interface still tells things apart with bold and reverse video: a pair of slots that are
    /// both `Default` (status bar, selection, matches, errors) is drawn in reverse video.
    pub const PLAIN: Palette = Palette {
        text: Color::Default,
        background: Color::Default,
        heading: Color::Default,
        dim: Color::Default,
        status_text: Color::Default,
        status_background: Color::Default,
        selection_text: Color::Default,
        selection_background: Color::Default,
        match_text: Color::Default,
        match_background: Color::Default,
        current_match_text: Color::Default,
        current_match_background: Color::Default,
        current_chapter: Color::Default,
        bookmark: Color::Default,
        error_text: Color::Default,
        error_background: Color::Default,
        border: Color::Default,
        link: Color::Default,
        code: Color::Default,
        highlight_1: Color::Default,
        highlight_2: Color::Default,
        highlight_3: Color::Default,
        highlight_4: Color::Default,
    };

    /// The slot called `name` (one of `SLOTS`).
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "text" => &mut self.text,
            "background" => &mut self.background,
            "heading" => &mut self.heading,
            "dim" => &mut self.dim,
            "status_text" => &mut self.status_text,
            "status_background" => &mut self.status_background,
            "selection_text" => &mut self.selection_text,
            "selection_background" => &mut self.selection_background,
            "match_text" => &mut self.match_text,
            "match_background" => &mut self.match_background,
            "current_match_text" => &mut self.current_match_text,
            "current_match_background" => &mut self.current_match_background,
            "current_chapter" => &mut self.current_chapter,
            "bookmark" => &mut self.bookmark,
            "error_text" => &mut self.error_text,
            "error_background" => &mut self.error_background,
            "border" => &mut self.border,
            "link" => &mut self.link,
            "code" => &mut self.code,
            "highlight_1" => &mut self.highlight_1,
            "highlight_2" => &mut self.highlight_2,
            "highlight_3" => &mut self.highlight_3,
            "highlight_4" => &mut self.highlight_4,
            _ => return None,
        })
    }

    /// The slot called `name` (one of `SLOTS`).
    pub fn slot(&self, name: &str) -> Option<Color> {
        let mut copy = *self;
        copy.slot_mut(name).map(|c| *c)
    }
}

/// True when the `NO_COLOR` environment value asks for no colour (set and not empty, per
/// no-color.org).
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Color::parse("default"), Ok(Color::Default));
        assert_eq!(Color::parse("Reset"), Ok(Color::Default));
        assert_eq!(Color::parse("red"), Ok(Color::Named(NamedColor::Red)));
        assert_eq!(
            Color::parse("dark-grey"),
            Ok(Color::Named(NamedColor::DarkGray))
        );
        assert_eq!(
            Color::parse("LightBlue"),
            Ok(Color::Named(NamedColor::LightBlue))
        );
        assert_eq!(Color::parse("#A0b1C2"), Ok(Color::Rgb(0xa0, 0xb1, 0xc2)));
        assert_eq!(Color::parse("#fff"), Ok(Color::Rgb(255, 255, 255)));
        assert_eq!(Color::parse("208"), Ok(Color::Indexed(208)));
    }

    #[test]
    fn rejects_with_reasons() {
        assert_eq!(
            Color::parse("grene").unwrap_err().to_string(),
            "`grene` is not a colour: use a name (red, dark_gray, …), `#rrggbb`, a number 0–255 or \"default\", did you mean `green`?"
        );
        assert!(matches!(
            Color::parse("#12345"),
            Err(ColorError::BadHex { .. })
        ));
        assert!(matches!(
            Color::parse("#gg0000"),
            Err(ColorError::BadHex { .. })
        ));
        assert!(matches!(
            Color::parse("256"),
            Err(ColorError::BadIndex { index: 256 })
        ));
        assert!(matches!(
            Color::parse("99999999999999999999999"),
            Err(ColorError::BadIndex { .. })
        ));
    }

    #[test]
    fn display_round_trips() {
        for text in ["default", "red", "dark_gray", "#0a0b0c", "17"] {
            assert_eq!(Color::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn every_slot_is_addressable() {
        let mut p = Palette::PLAIN;
        for (i, s) in SLOTS.iter().enumerate() {
            *p.slot_mut(s).unwrap() = Color::Indexed(i as u8);
        }
        for (i, s) in SLOTS.iter().enumerate() {
            assert_eq!(p.slot(s), Some(Color::Indexed(i as u8)));
        }
    }

    #[test]
    fn no_color_needs_a_value() {
        use std::ffi::OsStr;
        assert!(!no_color_requested(None));
        assert!(!no_color_requested(Some(OsStr::new(""))));
        assert!(no_color_requested(Some(OsStr::new("1"))));
    }

    #[test]
    fn themes_cycle() {
        let mut t = ThemeName::Terminal;
        for _ in 0..4 {
            t = t.next();
        }
        assert_eq!(t, ThemeName::Terminal);
    }
}
