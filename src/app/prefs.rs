//! The reader's preferences from the configuration: screen settings, the key map and the theme,
//! plus the settings a reader changes while reading (text width, theme, two-page spread), which
//! apply at once, keep the place on screen, and can be saved back into `config.toml`.
//!
//! This is where the configuration's own types (`config::Color`, …) become the reader's; no
//! drawing here, and the only file written is the user's config, on request.

use std::path::PathBuf;

use ratatui::style::{Color as TermColor, Modifier, Style};

use super::{App, Settings, Theme};
use crate::config::depth::ColorDepth;
use crate::config::{self, Config, LayoutConfig, Palette, Spread, ThemeConfig};
use crate::i18n::{Lang, tr};
use crate::keys::{Action, Keymap, Mode};

pub use crate::config::ThemeName;

/// How much `+` and `-` change the text width, in cells (two CJK characters).
pub const WIDTH_STEP: usize = 4;
/// The narrowest text column `-` goes down to.
pub const MIN_WIDTH: usize = 10;
/// The widest text column `+` goes up to.
pub const MAX_WIDTH: usize = 1000;

/// What the reader keeps from the configuration to change settings while running.
#[derive(Debug, Clone)]
pub struct Prefs {
    /// Every theme's palette.
    pub themes: ThemeConfig,
    /// The theme in use.
    pub theme: ThemeName,
    /// `NO_COLOR` is set: paint without colours whatever the theme.
    pub no_color: bool,
    /// The colours the terminal shows (`#rrggbb` is brought down to them).
    pub depth: ColorDepth,
    /// Where `save_settings` writes (the user's config.toml); `None` = nowhere.
    pub config_path: Option<PathBuf>,
    /// How books opened from the library or the picker are decoded and split into chapters
    /// (the configuration's `[book]` and `[chapters]`).
    pub load: crate::document::LoadOptions,
    pub rules: crate::document::RuleSet,
}

impl Default for Prefs {
    fn default() -> Self {
        let themes = Config::defaults().theme.clone();
        Prefs {
            theme: themes.name,
            themes,
            no_color: false,
            depth: ColorDepth::TrueColor,
            config_path: None,
            load: crate::document::LoadOptions::default(),
            rules: crate::document::RuleSet::builtin().clone(),
        }
    }
}

impl Prefs {
    /// The palette of theme `name` as this terminal can show it.
    pub fn palette(&self, name: ThemeName) -> Palette {
        let p = self.themes.effective_palette(name, self.no_color);
        self.depth.reduce_palette(&p)
    }
}

impl Settings {
    /// Screen settings from `[layout]`.
    pub fn from_config(l: &LayoutConfig) -> Settings {
        Settings {
            max_width: l.max_width,
            margin: l.margin_x,
            margin_y: l.margin_y,
            gutter: l.gutter,
            spread: l.spread,
            layout: l.params(l.max_width, 24),
            page_overlap: l.page_overlap,
            status: l.status.clone(),
        }
    }
}

/// A configured colour as the terminal's; `None` for the terminal's own (nothing is set, so
/// the style underneath shows through).
fn term_color(c: config::Color) -> Option<TermColor> {
    use config::NamedColor as N;
    Some(match c {
        config::Color::Default => return None,
        config::Color::Indexed(i) => TermColor::Indexed(i),
        config::Color::Rgb(r, g, b) => TermColor::Rgb(r, g, b),
        config::Color::Named(n) => match n {
            N::Black => TermColor::Black,
            N::Red => TermColor::Red,
            N::Green => TermColor::Green,
            N::Yellow => TermColor::Yellow,
            N::Blue => TermColor::Blue,
            N::Magenta => TermColor::Magenta,
            N::Cyan => TermColor::Cyan,
            N::Gray => TermColor::Gray,
            N::DarkGray => TermColor::DarkGray,
            N::LightRed => TermColor::LightRed,
            N::LightGreen => TermColor::LightGreen,
            N::LightYellow => TermColor::LightYellow,
            N::LightBlue => TermColor::LightBlue,
            N::LightMagenta => TermColor::LightMagenta,
            N::LightCyan => TermColor::LightCyan,
            N::White => TermColor::White,
        },
    })
}

/// A style with these colours; a pair of two terminal defaults is drawn in reverse video so that
/// it still stands out without colour.
fn pair(fg: config::Color, bg: config::Color) -> Style {
    if fg == config::Color::Default && bg == config::Color::Default {
        return Style::new().add_modifier(Modifier::REVERSED);
    }
    colored(fg, bg)
}

fn colored(fg: config::Color, bg: config::Color) -> Style {
    let mut s = Style::new();
    if let Some(c) = term_color(fg) {
        s = s.fg(c);
    }
    if let Some(c) = term_color(bg) {
        s = s.bg(c);
    }
    s
}

impl Theme {
    /// The styles for a palette. Headings are bold and hints dim in every theme, so a theme
    /// without colours (NO_COLOR) still shows them apart.
    pub fn from_palette(p: &Palette) -> Theme {
        let page = colored(p.text, p.background);
        Theme {
            body: page,
            heading: page
                .patch(colored(p.heading, config::Color::Default))
                .add_modifier(Modifier::BOLD),
            matched: pair(p.match_text, p.match_background),
            current_match: pair(p.current_match_text, p.current_match_background)
                .add_modifier(Modifier::BOLD),
            status: pair(p.status_text, p.status_background),
            status_error: pair(p.error_text, p.error_background).add_modifier(Modifier::BOLD),
            selected: pair(p.selection_text, p.selection_background),
            current_chapter: colored(p.current_chapter, config::Color::Default)
                .add_modifier(Modifier::BOLD),
            dim: colored(p.dim, config::Color::Default).add_modifier(Modifier::DIM),
            border: page.patch(colored(p.border, config::Color::Default)),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
            code: colored(p.code, config::Color::Default).add_modifier(Modifier::DIM),
            link: colored(p.link, config::Color::Default).add_modifier(Modifier::UNDERLINED),
            decoration: colored(p.dim, config::Color::Default).add_modifier(Modifier::DIM),
            selection: pair(p.selection_text, p.selection_background),
            highlights: [p.highlight_1, p.highlight_2, p.highlight_3, p.highlight_4]
                .map(|bg| pair(p.match_text, bg)),
        }
    }
}

/// The first-screen hint, naming the keys actually bound: "F1 help · t contents · …".
pub fn start_hint(keymap: &Keymap, lang: Lang) -> String {
    let wanted = [
        (Action::Help, "hint-help"),
        (Action::ToggleToc, "hint-contents"),
        (Action::SearchForward, "hint-search"),
        (Action::Quit, "hint-quit"),
    ];
    wanted
        .iter()
        .filter_map(|(action, what)| {
            let key = keymap.key_label(Mode::Reader, action)?;
            Some(tr!(lang, "hint-key", key = key, what = tr!(lang, what)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

impl App {
    /// Take settings, keys and theme from a configuration. `config_path` is where
    /// `save_settings` writes; `no_color` is whether `NO_COLOR` is set.
    pub fn apply_config(&mut self, cfg: &Config, no_color: bool, config_path: Option<PathBuf>) {
        self.keymap = cfg.keys.clone();
        self.prefs = Prefs {
            themes: cfg.theme.clone(),
            theme: cfg.theme.name,
            no_color,
            depth: self.prefs.depth,
            config_path,
            load: cfg.book.load_options(None),
            rules: cfg.chapters.rule_set(),
        };
        self.theme = Theme::from_palette(&self.prefs.palette(self.prefs.theme));
        self.set_settings(Settings::from_config(&cfg.layout));
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Paint for a terminal showing `depth` colours (`apply_config` reads it from the
    /// environment); the theme in use is repainted.
    pub fn set_color_depth(&mut self, depth: ColorDepth) {
        self.prefs.depth = depth;
        self.theme = Theme::from_palette(&self.prefs.palette(self.prefs.theme));
    }

    /// `+` / `-`: change the widest text column; the same text stays at the top.
    pub(super) fn change_width(&mut self, wider: bool) {
        let mut s = self.settings.clone();
        // Start from what is on screen: a window narrower than `max_width` shows less.
        let shown = self.geometry.column_width().max(MIN_WIDTH);
        let base = s.max_width.min(shown.max(MIN_WIDTH));
        s.max_width = if wider {
            (s.max_width.max(base) + WIDTH_STEP).min(MAX_WIDTH)
        } else {
            base.saturating_sub(WIDTH_STEP).max(MIN_WIDTH)
        };
        let n = s.max_width;
        self.set_settings(s);
        let shown = self.geometry.column_width();
        if shown < n && wider {
            self.set_message(
                tr!(self.lang(), "msg-width-shown", width = n, shown = shown),
                false,
            );
        } else {
            self.set_message(tr!(self.lang(), "msg-width", width = n), false);
        }
    }

    /// Switch to the next theme.
    pub(super) fn cycle_theme(&mut self) {
        self.prefs.theme = self.prefs.theme.next();
        self.theme = Theme::from_palette(&self.prefs.palette(self.prefs.theme));
        let name = self.prefs.theme;
        if self.prefs.no_color {
            self.set_message(
                tr!(self.lang(), "msg-theme-no-color", name = name.to_string()),
                false,
            );
        } else {
            self.set_message(
                tr!(self.lang(), "msg-theme", name = name.to_string()),
                false,
            );
        }
    }

    /// Two pages on or off (from auto, the opposite of what is on screen).
    pub(super) fn toggle_spread(&mut self) {
        let showing_two = self.geometry.columns.len() > 1;
        let mut s = self.settings.clone();
        s.spread = s.spread.toggled(showing_two);
        let spread = s.spread;
        self.set_settings(s);
        let now_two = self.geometry.columns.len() > 1;
        let text = match (spread, now_two) {
            (Spread::On, false) => tr!(self.lang(), "msg-spread-too-narrow"),
            (_, true) => tr!(self.lang(), "msg-spread-two"),
            (_, false) => tr!(self.lang(), "msg-spread-one"),
        };
        self.set_message(text, false);
    }

    /// Write width, theme and spread into the user's config.toml, keeping everything else.
    pub(super) fn save_settings(&mut self) {
        let Some(path) = self.prefs.config_path.clone() else {
            self.set_message(tr!(self.lang(), "msg-no-config-file"), true);
            return;
        };
        let settings = config::Settings {
            max_width: Some(self.settings.max_width),
            theme: Some(self.prefs.theme),
            spread: Some(self.settings.spread),
        };
        match config::save_settings(&path, &settings) {
            Ok(()) => self.set_message(
                tr!(
                    self.lang(),
                    "msg-settings-saved",
                    path = path.display().to_string()
                ),
                false,
            ),
            Err(e) => self.set_message(
                tr!(
                    self.lang(),
                    "msg-settings-not-saved",
                    reason = e.to_string()
                ),
                true,
            ),
        }
    }
}
