//! The search results list: every match of the current search with its chapter and a line of
//! context as the page shows it, filterable, Enter jumps there (recorded on the jump list).
//! It moves like every list (`list`) and takes the contents list's keys (`Toc` and
//! `TocFilter` modes), so the two lists behave the same.
//!
//! State changes only; drawn by `ui::panels`. Jumps go through the `Reader`.

use super::list::{ListArea, ListEvent, ListState};
use super::toc::title_matches;
use super::{App, Overlay};
use crate::i18n::tr;
use crate::keys::{Action, Mode};

/// Characters of context shown on each side of a match.
const CONTEXT_CHARS: usize = 24;

/// The results list popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultsState {
    /// Typed filter, matched against each row's context (简 and 繁 alike).
    pub filter: String,
    /// The filter is being typed.
    pub filtering: bool,
    /// Matches shown (indices into the search's matches), in book order.
    pub entries: Vec<usize>,
    /// Selection (an index into `entries`) and scroll.
    pub list: ListState,
}

impl ResultsState {
    /// The keymap mode: the contents list's keys.
    pub fn mode(&self) -> Mode {
        if self.filtering {
            Mode::TocFilter
        } else {
            Mode::Toc
        }
    }
}

/// One row of the list, ready to paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The chapter's title through the view.
    pub chapter: String,
    /// The line around the match through the view, with the match between `mark`.
    pub before: String,
    pub matched: String,
    pub after: String,
}

impl App {
    /// Open the list of every match of the current search (a message when there is none).
    pub(super) fn open_results(&mut self) {
        let Some(s) = &self.search else {
            let key = self.keymap.key_label(Mode::Reader, &Action::SearchForward);
            let text = match key {
                Some(k) => tr!(self.lang(), "msg-no-search-to-list-key", key = k),
                None => tr!(self.lang(), "msg-no-search-to-list"),
            };
            self.set_message(text, false);
            return;
        };
        if s.counting {
            self.set_message(tr!(self.lang(), "msg-still-counting"), false);
            return;
        }
        let n = s.matches.ranges.len();
        let here = self.reader.view().visible.start;
        let selected = s.matches.first_from(here).unwrap_or(0);
        let rows = self.results_area().rows.height as usize;
        self.overlay = Overlay::Results(ResultsState {
            filter: String::new(),
            filtering: false,
            entries: (0..n).collect(),
            list: ListState::centered(selected, rows, n),
        });
    }

    pub(super) fn results_area(&self) -> ListArea {
        ListArea {
            panel: self.geometry.toc_box(),
            rows: self.geometry.toc_list(),
        }
    }

    /// The row of match `i`: its chapter and its line, through the page's view.
    pub fn result_row(&self, i: usize) -> Option<ResultRow> {
        let r = self.search.as_ref()?.matches.ranges.get(i)?.clone();
        let doc = &self.reader.doc;
        let text = &doc.text;
        let line_start = text[..r.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[r.end..].find('\n').map_or(text.len(), |p| r.end + p);
        let before: String = {
            let b = &text[line_start..r.start];
            let skip = b.chars().count().saturating_sub(CONTEXT_CHARS);
            b.chars().skip(skip).collect()
        };
        let after: String = text[r.end..line_end].chars().take(CONTEXT_CHARS).collect();
        let view = self.display().view;
        let chapter = doc.position_of(r.start).chapter;
        Some(ResultRow {
            chapter: self.chapter_title(chapter),
            before: view.apply_to_title(before.trim_start()),
            matched: view.apply_to_title(&text[r.clone()]),
            after: view.apply_to_title(&after),
        })
    }

    fn refilter_results(&mut self) {
        let Overlay::Results(t) = &self.overlay else {
            return;
        };
        let filter = t.filter.clone();
        let n = self.search.as_ref().map_or(0, |s| s.matches.ranges.len());
        let entries: Vec<usize> = (0..n)
            .filter(|&i| {
                filter.is_empty()
                    || self.result_row(i).is_some_and(|r| {
                        let line = format!("{}{}{} {}", r.before, r.matched, r.after, r.chapter);
                        title_matches(&line, &filter)
                    })
            })
            .collect();
        let rows = self.results_area().rows.height as usize;
        if let Overlay::Results(t) = &mut self.overlay {
            t.entries = entries;
            t.list = ListState::showing(0, rows, t.entries.len());
        }
    }

    pub(super) fn update_results(&mut self, action: Action) {
        let area = self.results_area();
        let Overlay::Results(t) = &mut self.overlay else {
            return;
        };
        match t.list.handle(&action, area, t.entries.len()) {
            ListEvent::Moved => return,
            ListEvent::Outside => {
                self.overlay = Overlay::None;
                return;
            }
            ListEvent::Chosen(Some(i)) => {
                let m = t.entries[i];
                self.overlay = Overlay::None;
                self.show_match(m, true);
                return;
            }
            ListEvent::Chosen(None) => {
                self.set_message(tr!(self.lang(), "msg-no-match-filter"), true);
                return;
            }
            ListEvent::Other => {}
        }
        match action {
            Action::StartFilter => t.filtering = true,
            Action::Insert(_) | Action::Paste(_) | Action::DeleteBack => {
                if !matches!(action, Action::DeleteBack) {
                    t.filtering = true;
                }
                if super::list::type_into_filter(&mut t.filter, &action) {
                    self.refilter_results();
                }
            }
            Action::Close if t.filtering => {
                t.filtering = false;
                t.filter.clear();
                self.refilter_results();
            }
            Action::Close | Action::ToggleToc | Action::SearchResults => {
                self.overlay = Overlay::None
            }
            Action::Help => self.open_help(),
            _ => {}
        }
    }
}
