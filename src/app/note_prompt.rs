//! A minimal note editor: the note of a highlight typed on the one-line prompt of the status
//! line (`prompt`). Only `open_note_editor` and what Enter does with the text live here; the
//! highlight itself is made in `selection`. Nothing is drawn here.

use super::{App, Prompt, PromptKind};

impl App {
    /// Ask for the note of highlight `id` on the status line (its note so far to edit).
    pub fn open_note_editor(&mut self, id: &str) {
        let note = self
            .shelf
            .session
            .as_ref()
            .and_then(|s| s.highlight(id))
            .and_then(|h| h.note.clone())
            .unwrap_or_default();
        self.select.note_for = Some(id.to_string());
        self.prompt = Some(Prompt {
            kind: PromptKind::Note,
            text: note,
            origin: self.reader.top(),
        });
    }

    /// Enter in the note prompt: keep the note (empty: no note).
    pub(super) fn confirm_note(&mut self, text: &str) {
        let Some(id) = self.select.note_for.take() else {
            return;
        };
        if let Some(s) = self.shelf.session.as_mut() {
            s.set_highlight_note(&id, Some(text));
        }
        self.save_now();
        if self.message().is_none() {
            let kept = if text.trim().is_empty() {
                "no note"
            } else {
                "note kept"
            };
            self.set_message(kept, false);
        }
    }
}
