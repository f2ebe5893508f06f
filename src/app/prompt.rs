//! The prompt on the status line (search, `:` command, bookmark name) and the `:` command
//! line: their state, their update, and their keymap mode (`Prompt`). A prompt edits like a
//! shell line (cursor, word and line deletes) and walks the search history, kept for every
//! book in one small file of the state directory. Typing a search moves the view as it goes
//! (see `search`).
//!
//! State changes only; drawn by `ui`. Names no key itself: hints come from the keymap.

use super::App;
use crate::i18n::tr;
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

/// Most searches kept in the history.
const HISTORY_LIMIT: usize = 100;
/// The history file is never read past this size.
const HISTORY_BYTES: u64 = 64 * 1024;
/// The history file in the state directory.
const HISTORY_FILE: &str = "search-history.txt";

/// Where the cursor is in the prompt, and where in the history.
#[derive(Debug, Clone, Default)]
pub struct LineEdit {
    /// Characters after the cursor (0: at the end), so a prompt opened anywhere starts right.
    pub back: usize,
    /// Searches, oldest first (read from the state directory on first use).
    history: Option<Vec<String>>,
    /// The history entry shown (`None`: the line being typed).
    at: Option<usize>,
    /// The line being typed, kept while the history is walked.
    draft: String,
}

/// Byte offset in `text` of the char `back` characters before its end.
fn cursor_byte(text: &str, back: usize) -> usize {
    let n = text.chars().count();
    text.char_indices()
        .nth(n.saturating_sub(back))
        .map_or(text.len(), |(i, _)| i)
}

/// Apply one editing action to `text` with the cursor `back` characters from its end; false
/// when `action` is not an edit.
fn edit_line(text: &mut String, back: &mut usize, action: &Action) -> bool {
    let n = text.chars().count();
    *back = (*back).min(n);
    let at = cursor_byte(text, *back);
    match action {
        Action::CursorLeft => *back = (*back + 1).min(n),
        Action::CursorRight => *back = back.saturating_sub(1),
        Action::LineStart => *back = n,
        Action::LineEnd => *back = 0,
        Action::DeleteForward if *back > 0 => {
            text.remove(at);
            *back -= 1;
        }
        Action::DeleteForward => {}
        Action::DeleteToStart => text.replace_range(..at, ""),
        Action::DeleteWord => {
            let before = &text[..at];
            let trimmed = before.trim_end();
            let start = trimmed
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace() || c.is_ascii_punctuation())
                .map_or(0, |(i, c)| i + c.len_utf8());
            // A run of CJK text has no spaces: delete the run, as a shell would the word.
            text.replace_range(start..at, "");
        }
        Action::Insert(c) if !crate::document::normalize::is_unsafe_char(c.to_owned()) => {
            text.insert(at, *c)
        }
        Action::Insert(_) => {}
        Action::Paste(s) => {
            let clean: String = s
                .chars()
                .filter(|c| !crate::document::normalize::is_unsafe_char(c.to_owned()))
                .collect();
            text.insert_str(at, &clean);
        }
        _ => return false,
    }
    true
}

impl App {
    /// The search history, oldest first (read from the state directory on first use).
    fn history(&mut self) -> &mut Vec<String> {
        if self.edit.history.is_none() {
            let read = self
                .shelf
                .store
                .as_ref()
                .map(|s| s.dir().join(HISTORY_FILE))
                .and_then(|p| crate::store::atomic::read_regular(&p, HISTORY_BYTES).ok())
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let lines = read
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    l.chars()
                        .filter(|c| !crate::document::normalize::is_unsafe_char(c.to_owned()))
                        .take(1000)
                        .collect()
                })
                .collect();
            self.edit.history = Some(lines);
        }
        self.edit.history.get_or_insert_with(Vec::new)
    }

    /// Remember a search (last in the history, once) and save the history.
    fn remember_search(&mut self, query: &str) {
        if query.trim().is_empty() || query.contains('\n') {
            return;
        }
        let h = self.history();
        h.retain(|q| q != query);
        h.push(query.to_string());
        let extra = h.len().saturating_sub(HISTORY_LIMIT);
        h.drain(..extra);
        let mut bytes = h.join("\n");
        bytes.push('\n');
        if let Some(store) = &self.shelf.store {
            let path = store.dir().join(HISTORY_FILE);
            let _ = std::fs::create_dir_all(store.dir());
            let faults = crate::store::Faults::default();
            if let Err(e) = crate::store::atomic::write_atomic(&path, bytes.as_bytes(), &faults) {
                self.set_message(
                    tr!(self.lang(), "msg-history-not-saved", reason = e.to_string()),
                    true,
                );
            }
        }
    }

    /// Show the history entry before (`earlier`) or after the one shown.
    fn walk_history(&mut self, prompt: &mut Prompt, earlier: bool) {
        let len = self.history().len();
        let at = match (self.edit.at, earlier) {
            (None, true) if len > 0 => {
                self.edit.draft = prompt.text.clone();
                Some(len - 1)
            }
            (None, _) => return,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < len => Some(i + 1),
            (Some(_), false) => None,
        };
        self.edit.at = at;
        prompt.text = match at {
            Some(i) => self.history().get(i).cloned().unwrap_or_default(),
            None => std::mem::take(&mut self.edit.draft),
        };
        self.edit.back = 0;
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        self.edit.back = 0;
        self.edit.at = None;
        self.prompt = Some(Prompt {
            kind,
            text: String::new(),
            origin: self.reader.top(),
        });
        if matches!(kind, PromptKind::Search { .. }) {
            let hints = self.hints(
                MODE,
                &[
                    (&[Action::Confirm], "keep"),
                    (&[Action::Close], "cancel"),
                    (&[Action::ToggleRegex], "regex"),
                ],
            );
            let mut text = tr!(self.lang(), "msg-type-to-search");
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
        let search = matches!(prompt.kind, PromptKind::Search { .. });
        match action {
            Action::Close => {
                self.edit.back = 0;
                self.reader.set_top(prompt.origin);
                if search {
                    // The search stays for `n`/`N` (a second Esc clears it); its count stops.
                    self.drop_search_job();
                    if self.search.as_ref().is_some_and(|s| {
                        s.query.is_empty() || s.error.is_some() || s.matches.ranges.is_empty()
                    }) {
                        self.search = None;
                    }
                }
                self.cancel_name();
                return;
            }
            Action::Confirm => {
                self.edit.back = 0;
                match prompt.kind {
                    PromptKind::Command => self.run_command(&prompt.text),
                    PromptKind::Search { .. } => {
                        self.remember_search(&prompt.text);
                        self.finish_search(&prompt)
                    }
                    PromptKind::BookmarkName | PromptKind::RenameBookmark => {
                        self.confirm_name(prompt.kind, &prompt.text)
                    }
                }
                return;
            }
            Action::HistoryPrev | Action::HistoryNext if search => {
                self.walk_history(&mut prompt, action == Action::HistoryPrev);
            }
            Action::DeleteBack if self.edit.back > 0 && !prompt.text.is_empty() => {
                let at = cursor_byte(&prompt.text, self.edit.back);
                if let Some((i, _)) = prompt.text[..at].char_indices().next_back() {
                    prompt.text.remove(i);
                } else {
                    self.prompt = Some(prompt);
                    return;
                }
            }
            Action::DeleteBack => {
                if prompt.text.pop().is_none() {
                    // Backspace on an empty prompt closes it, like a shell line editor would.
                    self.edit.back = 0;
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
                    let text = if self.script_search {
                        tr!(self.lang(), "msg-script-search-on")
                    } else {
                        tr!(self.lang(), "msg-script-search-off")
                    };
                    self.set_message(text, false);
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
                edit_line(&mut prompt.text, &mut self.edit.back, &Action::Insert(c));
            }
            ref edit if edit_line(&mut prompt.text, &mut self.edit.back, edit) => {
                if matches!(
                    edit,
                    Action::CursorLeft | Action::CursorRight | Action::LineStart | Action::LineEnd
                ) {
                    // Only the cursor moved: the search stands.
                    self.prompt = Some(prompt);
                    return;
                }
            }
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
                Err(_) => self.set_message(tr!(self.lang(), "msg-not-percent", text = cmd), true),
            }
            return;
        }
        if !self.goto_chapter_spec(cmd) {
            let text = tr!(self.lang(), "msg-unknown-command", text = cmd);
            self.set_message(text, true);
        }
    }
}

impl App {
    /// Cells between the prompt's cursor and the end of its text.
    pub fn prompt_cursor_back(&self) -> &str {
        let Some(p) = &self.prompt else { return "" };
        &p.text[cursor_byte(&p.text, self.edit.back)..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, back: usize, actions: &[Action]) -> (String, usize) {
        let (mut t, mut b) = (text.to_string(), back);
        for a in actions {
            edit_line(&mut t, &mut b, a);
        }
        (t, b)
    }

    #[test]
    fn a_prompt_edits_like_a_shell_line() {
        let left = Action::CursorLeft;
        assert_eq!(
            apply("abc", 0, &[left.clone(), Action::Insert('X')]),
            ("abXc".into(), 1)
        );
        assert_eq!(
            apply("abc", 0, &[Action::LineStart, Action::DeleteForward]),
            ("bc".into(), 2)
        );
        assert_eq!(
            apply("one two", 0, &[Action::DeleteWord]),
            ("one ".into(), 0)
        );
        assert_eq!(
            apply("one two", 3, &[Action::DeleteToStart]),
            ("two".into(), 3)
        );
        assert_eq!(
            apply("鄉村", 1, &[Action::Insert('的')]),
            ("鄉的村".into(), 1)
        );
        assert_eq!(
            apply("ab", 0, &[Action::CursorRight, Action::LineEnd]),
            ("ab".into(), 0)
        );
        assert!(!edit_line(&mut String::new(), &mut 0, &Action::Quit));
    }
}
