//! How many colours the terminal shows, and a configured colour brought down to what it can
//! show: `#rrggbb` becomes the nearest of the 256-colour palette when the terminal does not
//! say it has 24-bit colour (`COLORTERM` is `truecolor` or `24bit`), and the nearest of the 16
//! ANSI colours when `TERM` names no 256-colour terminal either.
//!
//! Owns the detection from the environment's values (passed in, so tests need no environment)
//! and the nearest-colour arithmetic; no terminal crate here.

use super::color::SLOTS;
use super::{Color, NamedColor, Palette};

/// The colours a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorDepth {
    /// 24-bit colour.
    #[default]
    TrueColor,
    /// The 256-colour palette.
    Palette256,
    /// The 16 ANSI colours.
    Ansi16,
}

/// The 16 ANSI colours as xterm draws them, in `NamedColor` order.
const ANSI: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

const NAMED: [NamedColor; 16] = [
    NamedColor::Black,
    NamedColor::Red,
    NamedColor::Green,
    NamedColor::Yellow,
    NamedColor::Blue,
    NamedColor::Magenta,
    NamedColor::Cyan,
    NamedColor::Gray,
    NamedColor::DarkGray,
    NamedColor::LightRed,
    NamedColor::LightGreen,
    NamedColor::LightYellow,
    NamedColor::LightBlue,
    NamedColor::LightMagenta,
    NamedColor::LightCyan,
    NamedColor::White,
];

/// The levels of each channel in the 6×6×6 colour cube (palette entries 16–231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

impl ColorDepth {
    /// From the values of `COLORTERM` and `TERM` (absent: `None`).
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let ct = colorterm.unwrap_or("").to_ascii_lowercase();
        if ct == "truecolor" || ct == "24bit" {
            return ColorDepth::TrueColor;
        }
        let term = term.unwrap_or("").to_ascii_lowercase();
        if term.contains("256color") || term.contains("truecolor") || term.contains("direct") {
            ColorDepth::Palette256
        } else {
            ColorDepth::Ansi16
        }
    }

    /// From this process's environment.
    pub fn from_env() -> ColorDepth {
        let var = |k| std::env::var(k).ok();
        ColorDepth::detect(var("COLORTERM").as_deref(), var("TERM").as_deref())
    }

    /// Every colour of `p` as this terminal can show it.
    pub fn reduce_palette(self, p: &Palette) -> Palette {
        let mut out = *p;
        for name in SLOTS {
            if let Some(c) = out.slot_mut(name) {
                *c = self.reduce(*c);
            }
        }
        out
    }

    /// `c` as this terminal can show it.
    pub fn reduce(self, c: Color) -> Color {
        match (self, c) {
            (ColorDepth::TrueColor, _) | (_, Color::Default | Color::Named(_)) => c,
            (ColorDepth::Palette256, Color::Indexed(_)) => c,
            (ColorDepth::Palette256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256(r, g, b)),
            (ColorDepth::Ansi16, Color::Indexed(i)) if i < 16 => Color::Named(NAMED[i as usize]),
            (ColorDepth::Ansi16, Color::Indexed(i)) => {
                let (r, g, b) = rgb_of_index(i);
                Color::Named(nearest_16(r, g, b))
            }
            (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => Color::Named(nearest_16(r, g, b)),
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    // Weighted for the eye: green counts most, blue least.
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

/// The colour of a 256-palette entry (xterm's).
fn rgb_of_index(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI[i as usize],
        16..=231 => {
            let k = i - 16;
            (
                CUBE[(k / 36) as usize],
                CUBE[(k / 6 % 6) as usize],
                CUBE[(k % 6) as usize],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The nearest entry of the colour cube or the grey ramp (16–255; the first 16 are left out
/// because terminals draw them in colours of their own).
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| distance((r, g, b), rgb_of_index(i)))
        .unwrap_or(16)
}

/// The nearest of the 16 ANSI colours.
pub fn nearest_16(r: u8, g: u8, b: u8) -> NamedColor {
    let i = (0..16)
        .min_by_key(|&i| distance((r, g, b), ANSI[i]))
        .unwrap_or(0);
    NAMED[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_what_the_terminal_says() {
        use ColorDepth::*;
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            TrueColor
        );
        assert_eq!(ColorDepth::detect(Some("24bit"), None), TrueColor);
        assert_eq!(ColorDepth::detect(None, Some("xterm-256color")), Palette256);
        assert_eq!(
            ColorDepth::detect(Some(""), Some("tmux-256color")),
            Palette256
        );
        assert_eq!(ColorDepth::detect(None, Some("xterm")), Ansi16);
        assert_eq!(ColorDepth::detect(None, Some("linux")), Ansi16);
        assert_eq!(ColorDepth::detect(None, None), Ansi16);
    }

    #[test]
    fn nearest_colours() {
        // Exact cube and grey entries map to themselves.
        assert_eq!(nearest_256(0x87, 0xaf, 0xd7), 110);
        assert_eq!(nearest_256(0x1c, 0x1c, 0x1c), 234);
        assert_eq!(nearest_256(0xff, 0xff, 0xff), 231);
        // Sepia paper stays a light page, and its brown text a dark colour on it.
        let Color::Indexed(paper) = ColorDepth::Palette256.reduce(Color::Rgb(0xf4, 0xec, 0xd8))
        else {
            panic!("not a palette entry");
        };
        assert!(rgb_of_index(paper).0 >= 0xe0, "{paper}");
        let Color::Indexed(ink) = ColorDepth::Palette256.reduce(Color::Rgb(0x5b, 0x46, 0x36))
        else {
            panic!("not a palette entry");
        };
        assert!(rgb_of_index(ink).0 <= 0x60, "{ink}");
        use NamedColor as N;
        assert_eq!(nearest_16(0xaf, 0, 0), N::Red);
        assert_eq!(nearest_16(0xfa, 0xfa, 0xfa), N::White);
        assert_eq!(nearest_16(0x1c, 0x1c, 0x1c), N::Black);
        assert_eq!(
            ColorDepth::Ansi16.reduce(Color::Indexed(9)),
            Color::Named(N::LightRed)
        );
        assert_eq!(
            ColorDepth::Ansi16.reduce(Color::Indexed(244)),
            Color::Named(N::DarkGray)
        );
        // Names and the terminal's own colours are never changed.
        for d in [ColorDepth::Palette256, ColorDepth::Ansi16] {
            assert_eq!(d.reduce(Color::Default), Color::Default);
            assert_eq!(d.reduce(Color::Named(N::Cyan)), Color::Named(N::Cyan));
        }
        let c = Color::Rgb(1, 2, 3);
        assert_eq!(ColorDepth::TrueColor.reduce(c), c);
    }
}
