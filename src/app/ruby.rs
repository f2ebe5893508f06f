//! The ruby key: ruby readings shown after their word (`漢字(かんじ)`) or hidden, for the book
//! open and the ones opened after it until the reader quits (the starting mode is
//! `layout.ruby` in the configuration). The page is laid out again; the same words stay at the
//! top.
//!
//! State changes only: it flips a layout setting and says what it did in the status line. It
//! must not touch the text, the place or the jump list.

use super::App;
use crate::document::blocks::SpanKind;
use crate::i18n::tr;
use crate::layout::Ruby;

impl App {
    /// Show ruby readings inline, or hide them (in turn).
    pub(super) fn toggle_ruby(&mut self) {
        let mut s = self.settings.clone();
        s.layout.ruby = s.layout.ruby.toggled();
        let now = s.layout.ruby;
        self.set_settings(s);
        let any = self
            .reader
            .doc
            .structure
            .spans
            .iter()
            .any(|s| matches!(s.kind, SpanKind::Ruby { .. }));
        // Whole sentences per case: the locale files keep their own word order.
        let key = match (now, any) {
            (Ruby::Inline, true) => "msg-ruby-shown",
            (Ruby::Hidden, true) => "msg-ruby-hidden",
            (Ruby::Inline, false) => "msg-ruby-shown-none",
            (Ruby::Hidden, false) => "msg-ruby-hidden-none",
        };
        self.set_message(tr!(self.lang(), key), false);
    }

    /// How ruby readings are shown now.
    pub fn ruby(&self) -> Ruby {
        self.settings.layout.ruby
    }
}
