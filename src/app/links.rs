//! The links panel: the links on the page on screen with where they go, its update (Enter on a
//! link inside the book jumps there, onto the jump list; on a link elsewhere, its address is
//! shown in the status bar) and its keymap mode (`Links`). Moving through the list is the
//! shared list behaviour of `list`.
//!
//! State changes only; drawn by `ui`. Links come from the book's structure (`SpanKind::Link`);
//! a book without structure has none.

use super::list::{ListEvent, ListState};
use super::{App, Overlay};
use crate::document::blocks::{LinkTarget, SpanKind};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// The mode of the links panel.
pub const MODE: Mode = Mode::Links;

/// One link on the page, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// The link's text as the book shows it.
    pub text: String,
    pub target: LinkTarget,
    /// Where it goes in words the reader knows: the chapter's title and how far into the book
    /// (`第二章 雪 · 45%`) for a place in the book, the address for any other.
    pub place: String,
}

impl LinkRow {
    /// Where the link goes, as shown (see [`LinkRow::place`]).
    pub fn target_text(&self) -> String {
        self.place.clone()
    }
}

/// The links popup: the page's links, read when it opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinksState {
    pub rows: Vec<LinkRow>,
    pub list: ListState,
}

impl App {
    /// The links whose text starts on the page on screen, in reading order.
    pub fn links_on_page(&self) -> Vec<LinkRow> {
        let doc = self.doc();
        let visible = self.view().visible.clone();
        doc.structure
            .spans_in(visible.start..visible.end.max(visible.start + 1))
            .iter()
            .filter_map(|s| match &s.kind {
                SpanKind::Link(target) => Some(LinkRow {
                    text: doc
                        .text
                        .get(s.range.clone())
                        .unwrap_or_default()
                        .to_string(),
                    target: target.clone(),
                    place: self.link_place(target),
                }),
                _ => None,
            })
            .collect()
    }

    /// Where `target` goes, as the popup says it: the title of the chapter holding the place
    /// (through the view, as the contents show it) and the book's percentage there.
    fn link_place(&self, target: &LinkTarget) -> String {
        let lang = self.lang();
        match target {
            LinkTarget::Internal(anchor) => match self.doc().structure.anchor(anchor) {
                Some(at) => {
                    let pos = self.doc().position_of(at);
                    let percent = pos.percent(self.doc()).floor() as u32;
                    let chapter = self.chapter_title(pos.chapter);
                    tr!(lang, "link-place", chapter = chapter, percent = percent)
                }
                None => tr!(lang, "link-missing", anchor = anchor),
            },
            LinkTarget::External(url) => url.clone(),
        }
    }

    pub(super) fn open_links(&mut self) {
        let rows = self.links_on_page();
        if rows.is_empty() {
            self.set_message(tr!(self.lang(), "msg-no-links"), false);
            return;
        }
        self.overlay = Overlay::Links(LinksState {
            rows,
            list: ListState::default(),
        });
    }

    /// An action in the links panel.
    pub(super) fn update_links(&mut self, action: Action) {
        let area = self.panel_area();
        let Overlay::Links(state) = &mut self.overlay else {
            return;
        };
        match state.list.handle(&action, area, state.rows.len()) {
            ListEvent::Moved | ListEvent::Chosen(None) => {}
            ListEvent::Outside => self.overlay = Overlay::None,
            ListEvent::Chosen(Some(i)) => {
                let row = state.rows[i].clone();
                self.overlay = Overlay::None;
                self.follow(&row);
            }
            ListEvent::Other => match action {
                Action::Close | Action::Links => self.overlay = Overlay::None,
                Action::Help => self.open_help(),
                _ => {}
            },
        }
    }

    /// Jump to a link's place in the book, or show where an outside link goes.
    fn follow(&mut self, row: &LinkRow) {
        match &row.target {
            LinkTarget::Internal(anchor) => match self.doc().structure.anchor(anchor) {
                Some(at) => {
                    let to = self.doc().position_of(at);
                    self.reader.jump(to);
                }
                None => self.set_message(tr!(self.lang(), "msg-no-anchor", anchor = anchor), true),
            },
            LinkTarget::External(url) => {
                self.set_message(tr!(self.lang(), "msg-link", url = url), false)
            }
        }
    }
}
