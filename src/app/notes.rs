//! The footnote popup: the text of every footnote referenced on the page on screen, in reading
//! order, in one box that scrolls; its update (scrolling, closing) and its keymap mode
//! (`Notes`). A page without a note reference opens nothing and says so in the status bar.
//!
//! State changes only; drawn by `ui`. Notes come from the book's structure: a
//! `SpanKind::NoteRef` on the page and the note with the same label (an EPUB's notes are kept
//! beside the text, a Markdown footnote is a `BlockKind::Footnote` block). A note whose text
//! starts with its own number is shown without the reference's mark in front. A book without
//! structure has none. Never changes the text, the place or the jump list.

use super::{App, Overlay};
use crate::document::blocks::SpanKind;
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// The mode of the footnote popup.
pub const MODE: Mode = Mode::Notes;

/// One footnote referenced on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    /// The reference as the page shows it, e.g. `[1]` or `注`.
    pub mark: String,
    /// The note's text (paragraphs separated by line breaks); empty when the book has no note
    /// for the reference.
    pub text: String,
}

/// The footnote popup: the page's notes, read when it opened, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesState {
    pub rows: Vec<NoteRow>,
    pub scroll: usize,
    /// The box's title when it shows something else than footnotes (the page's images).
    pub title: Option<String>,
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Does the note's text start with the reference's own number (`[1]` and `1. 这是尾注`,
/// `［1］…`, `(1)…`)? Then the mark is not printed again.
fn numbered_itself(mark: &str, text: &str) -> bool {
    let ascii = |c: char| match c {
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
        c => c,
    };
    let number: String = mark
        .chars()
        .map(ascii)
        .filter(char::is_ascii_digit)
        .collect();
    if number.is_empty() {
        return false;
    }
    let text: String = text.trim_start().chars().take(16).map(ascii).collect();
    let rest = text.trim_start_matches(['[', '(', '（', '［', '〔', '【']);
    let Some(after) = rest.strip_prefix(number.as_str()) else {
        return false;
    };
    after
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || ".．、)）]］〕】:：".contains(c))
}

impl App {
    /// The footnotes referenced on the page on screen, in reading order, each once.
    pub fn notes_on_page(&self) -> Vec<NoteRow> {
        let doc = self.doc();
        let visible = self.view().visible.clone();
        let mut seen: Vec<&str> = Vec::new();
        let mut rows = Vec::new();
        for s in doc
            .structure
            .spans_in(visible.start..visible.end.max(visible.start + 1))
        {
            let SpanKind::NoteRef { label } = &s.kind else {
                continue;
            };
            if seen.contains(&label.as_str()) {
                continue;
            }
            seen.push(label);
            let mark = doc.text.get(s.range.clone()).unwrap_or_default();
            let text = doc
                .structure
                .note_text(&doc.text, label)
                .unwrap_or_default();
            rows.push(NoteRow {
                mark: mark.trim().to_string(),
                text: text.trim().to_string(),
            });
        }
        rows
    }

    /// The popup's lines at the width of its box: each note's mark and text, wrapped, with a
    /// blank line between notes.
    pub fn notes_lines(&self) -> Vec<String> {
        let Overlay::Notes(state) = &self.overlay else {
            return Vec::new();
        };
        let w = self.geometry.help_text().width as usize;
        let mut out = Vec::new();
        let no_text = tr!(self.lang(), "list-note-no-text");
        for (i, row) in state.rows.iter().enumerate() {
            if i > 0 {
                out.push(String::new());
            }
            let text = if row.text.is_empty() {
                &no_text
            } else {
                &row.text
            };
            let numbered = numbered_itself(&row.mark, text);
            for (k, para) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                let para = if k == 0 && !numbered {
                    format!("{} {}", row.mark, para.trim())
                } else {
                    para.trim().to_string()
                };
                out.extend(wrap(&para, w));
            }
        }
        out
    }

    pub(super) fn notes_max_scroll(&self) -> usize {
        let rows = self.geometry.help_text().height as usize;
        self.notes_lines().len().saturating_sub(rows)
    }

    pub(super) fn open_notes(&mut self) {
        let rows = self.notes_on_page();
        if rows.is_empty() {
            self.set_message(tr!(self.lang(), "msg-no-footnote"), false);
            return;
        }
        self.overlay = Overlay::Notes(NotesState {
            rows,
            scroll: 0,
            title: None,
        });
    }

    /// An action in the footnote popup.
    pub(super) fn update_notes(&mut self, action: Action) {
        let rows = (self.geometry.help_text().height as usize).max(1);
        let max = self.notes_max_scroll();
        if matches!(action, Action::Help) {
            return self.open_help();
        }
        let Overlay::Notes(state) = &mut self.overlay else {
            return;
        };
        let scroll = &mut state.scroll;
        match action {
            Action::LineDown | Action::SelectNext => *scroll = (*scroll + 1).min(max),
            Action::LineUp | Action::SelectPrev => *scroll = scroll.saturating_sub(1),
            Action::NextPage | Action::SelectPageDown => *scroll = (*scroll + rows).min(max),
            Action::PrevPage | Action::SelectPageUp => *scroll = scroll.saturating_sub(rows),
            Action::SelectFirst => *scroll = 0,
            Action::SelectLast => *scroll = max,
            Action::Close | Action::Notes | Action::Images => self.overlay = Overlay::None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::numbered_itself;

    #[test]
    fn a_note_that_says_its_own_number_is_not_numbered_again() {
        for text in ["1. 这是尾注", "［1］注", "(1) note", "１、注", "1"] {
            assert!(numbered_itself("[1]", text), "{text}");
        }
        for text in ["1949年", "12. 注", "注一", "2. 注"] {
            assert!(!numbered_itself("[1]", text), "{text}");
        }
        assert!(!numbered_itself("注", "1. 注"));
    }
}
