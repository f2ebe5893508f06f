//! The help screen: its rows, built from the keymap (so a remapped key shows as it is bound),
//! wrapped to the box with `textwrap`, its scrolling, and its keymap mode (`Help`).
//!
//! State changes only; drawn by `ui`. Names no key itself: every key shown comes from the
//! keymap.

use super::{App, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// One row of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Section(String),
    /// Keys and what they do; a description too long for the row goes on in rows with no
    /// keys. Narrow screens put descriptions on rows of their own (`Detail`).
    Row {
        keys: String,
        description: String,
    },
    /// A description on its own line (narrow screens).
    Detail(String),
    Note(String),
    Blank,
}

/// The mode of the help screen.
pub const MODE: Mode = Mode::Help;

/// Screens narrower than this put each description under its keys.
const NARROW: usize = 60;

fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

impl App {
    pub(super) fn open_help(&mut self) {
        self.overlay = Overlay::Help { scroll: 0 };
    }

    /// Width of the keys column on a wide help screen, in cells.
    pub fn help_keys_width(&self) -> usize {
        let w = self.geometry.help_text().width as usize;
        self.keymap
            .help_rows()
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| unicode_width::UnicodeWidthStr::width(r.keys.join(" ").as_str()))
            .max()
            .unwrap_or(0)
            .min(w / 2)
    }

    /// Rows of the help screen (built from the keymap).
    /// On a narrow screen each description gets lines of its own under its keys.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let w = self.geometry.help_text().width as usize;
        let narrow = w < NARROW;
        // Keys column, two spaces, description (see `ui`).
        let room = w.saturating_sub(1 + self.help_keys_width() + 2);
        let mut out = Vec::new();
        for (i, section) in self.keymap.help_rows().into_iter().enumerate() {
            if i > 0 {
                out.push(HelpLine::Blank);
            }
            out.push(HelpLine::Section(self.mode_title(section.mode)));
            for row in section.rows {
                let keys = row.keys.join(" ");
                let description = self.action_description(&row.action, section.mode);
                if narrow {
                    out.push(HelpLine::Row {
                        keys,
                        description: String::new(),
                    });
                    for line in wrap(&description, w.saturating_sub(4)) {
                        out.push(HelpLine::Detail(line));
                    }
                } else {
                    for (k, line) in wrap(&description, room).into_iter().enumerate() {
                        out.push(HelpLine::Row {
                            keys: if k == 0 { keys.clone() } else { String::new() },
                            description: line,
                        });
                    }
                }
            }
        }
        out.push(HelpLine::Blank);
        for note in self.help_notes() {
            for line in wrap(&note, w) {
                out.push(HelpLine::Note(line));
            }
        }
        out
    }

    /// A help section's title: the mode's, in the reader's language.
    pub fn mode_title(&self, mode: Mode) -> String {
        self.lang()
            .text_if(&format!("mode-{}", mode.name()))
            .unwrap_or_else(|| mode.title().to_string())
    }

    /// What `action` does in `mode`, in the reader's language: the mode's own words for it
    /// (`action-<name>--<mode>` in the locale files), else the action's (`action-<name>`),
    /// else the English of `keys::Action` (an action with no key in the locale files yet).
    pub fn action_description(&self, action: &Action, mode: Mode) -> String {
        let lang = self.lang();
        let Some(name) = action.name() else {
            return action.description_in(mode).to_string();
        };
        lang.text_if(&format!("action-{name}--{}", mode.name()))
            .or_else(|| {
                // An English description of the mode's own stays ahead of the general one.
                (action.description_in(mode) == action.description())
                    .then(|| lang.text_if(&format!("action-{name}")))
                    .flatten()
            })
            .unwrap_or_else(|| action.description_in(mode).to_string())
    }

    /// The notes under the keys, naming the keys bound now.
    fn help_notes(&self) -> Vec<String> {
        let lang = self.lang();
        let key = |a: Action| self.keymap.key_label(Mode::Reader, &a);
        let counts: Vec<String> = [
            (Action::BookStart, "help-count-chapter", "42"),
            (Action::Percent, "help-count-percent", "37"),
            (Action::NextMatchOrChapter, "help-count-matches", "3"),
        ]
        .into_iter()
        .filter_map(|(a, what, n)| key(a).map(|k| tr!(lang, what, keys = format!("{n}{k}"))))
        .collect();
        let mut notes = Vec::new();
        if !counts.is_empty() {
            notes.push(tr!(lang, "help-counts", list = counts.join(" · ")));
        }
        match key(Action::SearchBackward) {
            Some(k) => notes.push(tr!(lang, "help-filter-key", key = k)),
            None => notes.push(tr!(lang, "help-filter")),
        }
        notes
    }

    pub(super) fn help_max_scroll(&self) -> usize {
        let rows = self.geometry.help_text().height as usize;
        self.help_lines().len().saturating_sub(rows)
    }

    pub(super) fn update_help(&mut self, action: Action) {
        let rows = (self.geometry.help_text().height as usize).max(1);
        let max = self.help_max_scroll();
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        match action {
            Action::LineDown | Action::SelectNext => *scroll = (*scroll + 1).min(max),
            Action::LineUp | Action::SelectPrev => *scroll = scroll.saturating_sub(1),
            Action::NextPage | Action::SelectPageDown => *scroll = (*scroll + rows).min(max),
            Action::PrevPage | Action::SelectPageUp => *scroll = scroll.saturating_sub(rows),
            Action::SelectFirst => *scroll = 0,
            Action::SelectLast => *scroll = max,
            Action::Wheel { down: true } => *scroll = (*scroll + 3).min(max),
            Action::Wheel { down: false } => *scroll = scroll.saturating_sub(3),
            Action::Close | Action::Help | Action::Click { .. } => self.overlay = Overlay::None,
            _ => {}
        }
    }
}
