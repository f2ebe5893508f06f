//! The table of contents panel: its state (the filter and the chapters it lets through), its
//! update, and its keymap modes (`Toc`, `TocFilter` while the filter is typed). Moving through
//! it is the shared list behaviour of `list`.
//!
//! State changes only; drawn by `ui`. Jumps go through the `Reader`.

use super::list::{ListArea, ListEvent, ListState};
use super::{App, Overlay};
use crate::keys::{Action, Mode};
use crate::position::Position;

/// The table of contents popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TocState {
    /// Typed filter (matched case-insensitively against titles).
    pub filter: String,
    /// The filter is being typed.
    pub filtering: bool,
    /// Chapter indices shown, in book order.
    pub entries: Vec<usize>,
    /// Selection (an index into `entries`) and scroll.
    pub list: ListState,
}

impl TocState {
    /// The keymap mode while this panel is open.
    pub fn mode(&self) -> Mode {
        if self.filtering {
            Mode::TocFilter
        } else {
            Mode::Toc
        }
    }
}

impl App {
    pub(super) fn open_toc(&mut self) {
        let n = self.reader.doc.chapters.len();
        let selected = self.reader.top().chapter.min(n.saturating_sub(1));
        // The current chapter in the middle of the list, where the eye looks first.
        let list = ListState::centered(selected, self.toc_area().rows.height as usize, n);
        self.overlay = Overlay::Toc(TocState {
            filter: String::new(),
            filtering: false,
            entries: (0..n).collect(),
            list,
        });
    }

    fn toc_area(&self) -> ListArea {
        ListArea {
            panel: self.geometry.toc_box(),
            rows: self.geometry.toc_list(),
        }
    }

    pub(super) fn scroll_toc_into_view(&mut self) {
        let rows = self.toc_area().rows.height as usize;
        if let Overlay::Toc(t) = &mut self.overlay {
            t.list.scroll_into_view(rows, t.entries.len());
        }
    }

    fn refilter(&mut self) {
        let current = self.reader.top().chapter;
        let doc = &self.reader.doc;
        if let Overlay::Toc(t) = &mut self.overlay {
            let needle = t.filter.to_lowercase();
            let keep_selected = t.entries.get(t.list.selected).copied();
            t.entries = (0..doc.chapters.len())
                .filter(|&i| {
                    needle.is_empty() || doc.chapters[i].title.to_lowercase().contains(&needle)
                })
                .collect();
            t.list.selected = keep_selected
                .and_then(|c| t.entries.iter().position(|&e| e == c))
                .or_else(|| t.entries.iter().position(|&e| e == current))
                .unwrap_or(0);
            t.list.scroll = 0;
        }
        self.scroll_toc_into_view();
    }

    pub(super) fn update_toc(&mut self, action: Action) {
        let area = self.toc_area();
        let Overlay::Toc(t) = &mut self.overlay else {
            return;
        };
        match t.list.handle(&action, area, t.entries.len()) {
            ListEvent::Moved => return,
            ListEvent::Outside => {
                self.overlay = Overlay::None;
                return;
            }
            ListEvent::Chosen(Some(i)) => {
                let ch = t.entries[i];
                self.overlay = Overlay::None;
                self.reader.jump(Position::new(ch, 0));
                return;
            }
            ListEvent::Chosen(None) => {
                self.set_message("no chapter matches the filter", true);
                return;
            }
            ListEvent::Other => {}
        }
        match action {
            Action::StartFilter => t.filtering = true,
            Action::Insert(c) if !c.is_control() => {
                t.filtering = true;
                t.filter.push(c);
                self.refilter();
            }
            Action::Paste(s) => {
                t.filtering = true;
                t.filter.extend(s.chars().filter(|c| !c.is_control()));
                self.refilter();
            }
            Action::DeleteBack => {
                t.filter.pop();
                self.refilter();
            }
            Action::Close => {
                if t.filtering {
                    t.filtering = false;
                    t.filter.clear();
                    self.refilter();
                } else {
                    self.overlay = Overlay::None;
                }
            }
            Action::ToggleToc => self.overlay = Overlay::None,
            Action::Help => self.open_help(),
            _ => {}
        }
    }
}
