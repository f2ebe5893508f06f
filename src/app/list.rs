//! One list behaviour for every list panel (contents, bookmarks, library): the same keys move
//! the selection, the wheel scrolls three rows keeping the selection on screen, a click on a
//! row picks it and a click outside the panel closes it.
//!
//! Owns `ListState` (selection and scroll) and how actions change it; what picking a row
//! means belongs to each panel. No drawing.

use ratatui::layout::Rect;

use crate::keys::Action;

/// Selection in a list panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

/// Where a list is on screen: the panel with its border, and the rows inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListArea {
    pub panel: Rect,
    pub rows: Rect,
}

/// What an action did to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListEvent {
    /// The selection or the scroll changed (or a click landed inside the panel, not on a row).
    Moved,
    /// Enter, or a click on a row: this entry (`None` when the list is empty).
    Chosen(Option<usize>),
    /// A click outside the panel: close it.
    Outside,
    /// Not a list action; the panel decides.
    Other,
}

impl ListState {
    /// A list of `n` entries with `selected` in the middle of `rows` rows.
    pub fn centered(selected: usize, rows: usize, n: usize) -> ListState {
        let mut list = ListState {
            selected,
            scroll: selected.saturating_sub(rows / 2),
        };
        list.scroll_into_view(rows, n);
        list
    }

    /// A list of `n` entries scrolled just enough to show `selected`.
    pub fn showing(selected: usize, rows: usize, n: usize) -> ListState {
        let mut list = ListState {
            selected,
            scroll: 0,
        };
        list.scroll_into_view(rows, n);
        list
    }

    /// Apply `action` to a list of `n` entries shown in `area`.
    pub fn handle(&mut self, action: &Action, area: ListArea, n: usize) -> ListEvent {
        let rows = (area.rows.height as usize).max(1);
        let last = n.saturating_sub(1);
        match action {
            Action::SelectNext => self.selected = (self.selected + 1).min(last),
            Action::SelectPrev => self.selected = self.selected.saturating_sub(1),
            Action::SelectPageDown => self.selected = (self.selected + rows).min(last),
            Action::SelectPageUp => self.selected = self.selected.saturating_sub(rows),
            Action::SelectFirst => self.selected = 0,
            Action::SelectLast => self.selected = last,
            Action::Wheel { down } => {
                let max_scroll = n.saturating_sub(rows);
                self.scroll = if *down {
                    (self.scroll + 3).min(max_scroll)
                } else {
                    self.scroll.saturating_sub(3)
                };
                // Keep the selection among the rows on screen.
                let last_shown = (self.scroll + rows - 1).min(last);
                self.selected = self.selected.max(self.scroll).min(last_shown);
                return ListEvent::Moved;
            }
            Action::Click { column, row } => return self.click(*column, *row, area, n),
            Action::Confirm => {
                return ListEvent::Chosen((self.selected < n).then_some(self.selected));
            }
            _ => return ListEvent::Other,
        }
        self.scroll_into_view(rows, n);
        ListEvent::Moved
    }

    fn click(&mut self, column: u16, row: u16, area: ListArea, n: usize) -> ListEvent {
        if !contains(area.panel, column, row) {
            return ListEvent::Outside;
        }
        if contains(area.rows, column, row) {
            let idx = self.scroll + (row - area.rows.y) as usize;
            if idx < n {
                self.selected = idx;
                return ListEvent::Chosen(Some(idx));
            }
        }
        ListEvent::Moved
    }

    /// Keep the selection valid and on screen.
    pub fn scroll_into_view(&mut self, rows: usize, n: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(n.saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + rows {
            self.scroll = self.selected + 1 - rows;
        }
        self.scroll = self.scroll.min(n.saturating_sub(rows));
    }
}

fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

/// Typing into a list's filter, the same in every list: a printable character or a paste
/// adds to `filter` (what must not reach the terminal is dropped), Backspace takes the last
/// character off. True when `filter` changed, so the list is filtered again.
pub(super) fn type_into_filter(filter: &mut String, action: &Action) -> bool {
    let typed = |c: &char| !crate::document::normalize::is_unsafe_char(*c);
    match action {
        Action::Insert(c) if typed(c) => filter.push(*c),
        Action::Paste(s) => filter.extend(s.chars().filter(typed)),
        Action::DeleteBack if !filter.is_empty() => {
            filter.pop();
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: ListArea = ListArea {
        panel: Rect::new(0, 0, 20, 7),
        rows: Rect::new(1, 1, 18, 5),
    };

    #[test]
    fn keys_wheel_and_clicks() {
        let mut l = ListState::default();
        assert_eq!(l.handle(&Action::SelectLast, AREA, 12), ListEvent::Moved);
        assert_eq!((l.selected, l.scroll), (11, 7));
        l.handle(&Action::Wheel { down: false }, AREA, 12);
        assert_eq!((l.selected, l.scroll), (8, 4));
        let click = Action::Click { column: 3, row: 2 };
        assert_eq!(l.handle(&click, AREA, 12), ListEvent::Chosen(Some(5)));
        let outside = Action::Click { column: 30, row: 2 };
        assert_eq!(l.handle(&outside, AREA, 12), ListEvent::Outside);
        assert_eq!(l.handle(&Action::Confirm, AREA, 0), ListEvent::Chosen(None));
        assert_eq!(l.handle(&Action::Quit, AREA, 12), ListEvent::Other);
    }
}
