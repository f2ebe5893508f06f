//! `Theme`: the styles the screens are painted with, as plain data the configuration can
//! replace. No drawing here.

use ratatui::style::{Color, Modifier, Style};

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
}

impl Default for Theme {
    /// The terminal's own colours, with a few accents.
    fn default() -> Self {
        Theme {
            body: Style::new(),
            heading: Style::new().add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            current_chapter: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
        }
    }
}
