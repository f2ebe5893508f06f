//! The prompt on the status line (search, `:` command, bookmark name) and the `:` command
//! line: their state, their update, and their keymap mode (`Prompt`). Typing a search moves
//! the view as it goes (see `search`).
//!
//! State changes only; drawn by `ui`. Names no key itself: hints come from the keymap.

use super::App;
use crate::keys::{Action, Mode};
use crate::position::Position;

/// The mode of every prompt.
pub const MODE: Mode = Mode::Prompt;

/// Which prompt is open on the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search {
        backward: bool,
    },
    Command,
    /// The name of a new bookmark (empty: the default name).
    BookmarkName,
    /// A new name for the bookmark picked in the list.
    RenameBookmark,
}

/// A prompt on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Where the view was when the prompt opened (incremental search returns here).
    pub origin: Position,
}

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        self.prompt = Some(Prompt {
            kind,
            text: String::new(),
            origin: self.reader.top(),
        });
        if matches!(kind, PromptKind::Search { .. }) {
            let hints = self.keymap.hints(
                MODE,
                &[
                    (&[Action::Confirm], "keep"),
                    (&[Action::Close], "cancel"),
                    (&[Action::ToggleRegex], "regex"),
                ],
            );
            let mut text = String::from("type to search");
            for h in hints {
                text.push_str(" · ");
                text.push_str(&h);
            }
            self.set_message(text, false);
        }
    }

    pub(super) fn update_prompt(&mut self, action: Action) {
        let Some(mut prompt) = self.prompt.take() else {
            return;
        };
        match action {
            Action::Close => {
                self.reader.set_top(prompt.origin);
                if matches!(prompt.kind, PromptKind::Search { .. }) {
                    self.search = None;
                }
                self.cancel_name();
                return;
            }
            Action::Confirm => {
                match prompt.kind {
                    PromptKind::Command => self.run_command(&prompt.text),
                    PromptKind::Search { .. } => self.finish_search(&prompt),
                    PromptKind::BookmarkName | PromptKind::RenameBookmark => {
                        self.confirm_name(prompt.kind, &prompt.text)
                    }
                }
                return;
            }
            Action::DeleteBack => {
                if prompt.text.pop().is_none() {
                    // Backspace on an empty prompt closes it, like a shell line editor would.
                    self.reader.set_top(prompt.origin);
                    if matches!(prompt.kind, PromptKind::Search { .. }) {
                        self.search = None;
                    }
                    self.cancel_name();
                    return;
                }
            }
            Action::ToggleRegex => {
                if matches!(prompt.kind, PromptKind::Search { .. }) {
                    self.regex_mode = !self.regex_mode;
                }
            }
            Action::ToggleScriptSearch => {
                if matches!(prompt.kind, PromptKind::Search { .. }) {
                    self.script_search = !self.script_search;
                    let on = if self.script_search { "on" } else { "off" };
                    self.set_message(format!("简/繁 match each other: {on}"), false);
                }
            }
            Action::Insert(c) => {
                if c == '?'
                    && prompt.text.is_empty()
                    && prompt.kind == (PromptKind::Search { backward: true })
                {
                    self.open_help();
                    self.reader.set_top(prompt.origin);
                    return;
                }
                if !c.is_control() {
                    prompt.text.push(c);
                }
            }
            Action::Paste(s) => prompt.text.extend(s.chars().filter(|c| !c.is_control())),
            _ => {
                self.prompt = Some(prompt);
                return;
            }
        }
        if let PromptKind::Search { backward } = prompt.kind {
            self.incremental(&prompt, backward);
        }
        self.prompt = Some(prompt);
    }

    // ----- command line -----

    pub(super) fn run_command(&mut self, text: &str) {
        let cmd = text.trim();
        if cmd.is_empty() {
            return;
        }
        if cmd == "q" || cmd == "quit" {
            self.quit();
            return;
        }
        if let Some(p) = cmd.strip_suffix('%') {
            match p.trim().parse::<f64>() {
                Ok(v) => self.goto_percent(v),
                Err(_) => self.set_message(format!("not a percentage: {cmd}"), true),
            }
            return;
        }
        if !self.goto_chapter_spec(cmd) {
            let text = format!("unknown command: {cmd} (try :42, :2.1, :+3 or :37%)");
            self.set_message(text, true);
        }
    }
}
