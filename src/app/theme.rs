//! `Theme`: the styles the screens are painted with, as plain data the configuration can
//! replace. No drawing here.

use ratatui::style::Style;

/// Every style the reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub body: Style,
    pub heading: Style,
    /// Search matches on screen.
    pub matched: Style,
    /// The current search match.
    pub current_match: Style,
    pub status: Style,
    pub status_error: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// The current chapter in the table of contents; keys on the help screen.
    pub current_chapter: Style,
    pub dim: Style,
    /// Borders of the table of contents and the help box.
    pub border: Style,
    /// Emphasised text (italic), strong text (bold), struck-out text, in books with structure.
    pub emphasis: Style,
    pub strong: Style,
    pub strike: Style,
    /// Code spans and code blocks.
    pub code: Style,
    /// Links (underlined).
    pub link: Style,
    /// What layout draws around the text: list markers, quote bars, table grids.
    pub decoration: Style,
    /// Text being selected (`v`, a mouse drag).
    pub selection: Style,
    /// Highlights, one style per colour a highlight can take (`HIGHLIGHT_COLOURS`).
    pub highlights: [Style; HIGHLIGHT_COLOURS],
}

/// How many highlight colours a theme has (the store keeps up to `COLOUR_SLOTS`; a higher slot
/// is drawn in the last colour).
pub const HIGHLIGHT_COLOURS: usize = 4;

impl Theme {
    /// The style of a highlight in colour slot `colour` (0-based).
    pub fn highlight(&self, colour: u8) -> Style {
        self.highlights[(colour as usize).min(HIGHLIGHT_COLOURS - 1)]
    }
}

/// The default theme's styles as constants (the terminal's own colours with a few accents).
/// Drawing code should use `App::theme` so a configured theme applies; these are its defaults.
pub mod defaults {
    use ratatui::style::{Color, Modifier, Style};

    pub const BODY: Style = Style::new();
    pub const HEADING: Style = Style::new().add_modifier(Modifier::BOLD);
    pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
    pub const CURRENT_MATCH: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD);
    pub const STATUS: Style = Style::new().add_modifier(Modifier::REVERSED);
    pub const STATUS_ERROR: Style = Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD);
    pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
    pub const CURRENT_CHAPTER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    pub const DIM: Style = Style::new().add_modifier(Modifier::DIM);
    pub const BORDER: Style = Style::new();
    pub const EMPHASIS: Style = Style::new().add_modifier(Modifier::ITALIC);
    pub const STRONG: Style = Style::new().add_modifier(Modifier::BOLD);
    pub const STRIKE: Style = Style::new().add_modifier(Modifier::CROSSED_OUT);
    pub const CODE: Style = Style::new().add_modifier(Modifier::DIM);
    pub const LINK: Style = Style::new().add_modifier(Modifier::UNDERLINED);
    pub const DECORATION: Style = Style::new().add_modifier(Modifier::DIM);
    pub const SELECTION: Style = Style::new().add_modifier(Modifier::REVERSED);
    pub const HIGHLIGHTS: [Style; super::HIGHLIGHT_COLOURS] = [
        Style::new().fg(Color::Black).bg(Color::LightGreen),
        Style::new().fg(Color::Black).bg(Color::LightCyan),
        Style::new().fg(Color::Black).bg(Color::LightMagenta),
        Style::new().fg(Color::Black).bg(Color::LightBlue),
    ];
}

impl Default for Theme {
    fn default() -> Self {
        use defaults as d;
        Theme {
            body: d::BODY,
            heading: d::HEADING,
            matched: d::MATCH,
            current_match: d::CURRENT_MATCH,
            status: d::STATUS,
            status_error: d::STATUS_ERROR,
            selected: d::SELECTED,
            current_chapter: d::CURRENT_CHAPTER,
            dim: d::DIM,
            border: d::BORDER,
            emphasis: d::EMPHASIS,
            strong: d::STRONG,
            strike: d::STRIKE,
            code: d::CODE,
            link: d::LINK,
            decoration: d::DECORATION,
            selection: d::SELECTION,
            highlights: d::HIGHLIGHTS,
        }
    }
}
