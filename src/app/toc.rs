//! The table of contents panel: its state (the filter, folded volumes and the chapters they
//! let through), its update, and its keymap modes (`Toc`, `TocFilter` while the filter is
//! typed). Moving through it is the shared list behaviour of `list`. Also where `:37`, `:2.1`,
//! `:+3` and `37g` go (chapter numbers from `document::chapters::numbers`), percentages that
//! land where the status bar then says so, and chapter titles as the page's view shows them.
//!
//! State changes only; drawn by `ui`. Jumps go through the `Reader`.

use super::list::{ListArea, ListEvent, ListState};
use super::{App, Overlay};
use std::collections::BTreeSet;

use crate::document::Chapter;
use crate::document::chapters::numbers::{ChapterNumbers, Found, numbering};
use crate::i18n::tr;
use crate::keys::{Action, Mode};
use crate::position::Position;
use crate::view::search::{SearchOptions, find_iter};

/// The table of contents popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TocState {
    /// Typed filter (matched against titles as the page shows them, 简 and 繁 alike).
    pub filter: String,
    /// The filter is being typed.
    pub filtering: bool,
    /// Chapter indices shown, in book order.
    pub entries: Vec<usize>,
    /// Selection (an index into `entries`) and scroll.
    pub list: ListState,
    /// Volumes (chapter indices) whose chapters are hidden. A filter shows every match.
    pub folded: BTreeSet<usize>,
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

/// Whether entry `i` holds entries below it (a volume that folds).
pub fn is_volume(chapters: &[Chapter], i: usize) -> bool {
    chapters
        .get(i + 1)
        .is_some_and(|n| chapters.get(i).is_some_and(|c| n.level > c.level))
}

/// The volume entry `i` sits in (the nearest entry above it at a lower level).
fn parent(chapters: &[Chapter], i: usize) -> Option<usize> {
    let level = chapters.get(i)?.level;
    chapters[..i].iter().rposition(|c| c.level < level)
}

/// Whether `title` (already through the view) matches the typed `filter`: case and script
/// (坚守 and 堅守) do not matter.
pub fn title_matches(title: &str, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let opts = SearchOptions {
        script_insensitive: true,
        ignore_ascii_case: true,
    };
    let (t, f) = (title.to_lowercase(), filter.to_lowercase());
    find_iter(&t, &f, &opts).next().is_some()
}

impl App {
    pub(super) fn open_toc(&mut self) {
        let chapters = &self.reader.doc.chapters;
        let n = chapters.len();
        let current = self.reader.top().chapter.min(n.saturating_sub(1));
        // Every volume folded but the ones holding the chapter being read.
        let mut open = BTreeSet::new();
        let mut at = Some(current);
        while let Some(i) = at {
            open.insert(i);
            at = parent(chapters, i);
        }
        let folded = (0..n)
            .filter(|&i| is_volume(chapters, i) && !open.contains(&i))
            .collect();
        self.overlay = Overlay::Toc(TocState {
            filter: String::new(),
            filtering: false,
            entries: Vec::new(),
            list: ListState::default(),
            folded,
        });
        self.refilter();
        let rows = self.toc_area().rows.height as usize;
        if let Overlay::Toc(t) = &mut self.overlay {
            let selected = t.entries.iter().position(|&e| e == current).unwrap_or(0);
            // The current chapter in the middle of the list, where the eye looks first.
            t.list = ListState::centered(selected, rows, t.entries.len());
        }
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

    /// Recompute the entries shown (filter and folds), keeping the selected chapter selected.
    fn refilter(&mut self) {
        let current = self.reader.top().chapter;
        let view = self.display().view;
        let chapters = &self.reader.doc.chapters;
        let Overlay::Toc(t) = &mut self.overlay else {
            return;
        };
        let keep_selected = t.entries.get(t.list.selected).copied();
        let hidden = |i: usize| {
            let mut at = parent(chapters, i);
            while let Some(p) = at {
                if t.folded.contains(&p) {
                    return true;
                }
                at = parent(chapters, p);
            }
            false
        };
        t.entries = (0..chapters.len())
            .filter(|&i| {
                if t.filter.is_empty() {
                    !hidden(i)
                } else {
                    title_matches(&view.apply_to_title(&chapters[i].title), &t.filter)
                }
            })
            .collect();
        t.list.selected = keep_selected
            .and_then(|c| t.entries.iter().position(|&e| e == c))
            .or_else(|| t.entries.iter().position(|&e| e == current))
            .unwrap_or(0);
        t.list.scroll = t.list.scroll.min(t.list.selected);
        self.scroll_toc_into_view();
    }

    /// Fold (`fold`) or unfold the selected volume; folding from a chapter folds its volume
    /// and selects it.
    fn fold(&mut self, fold: bool) {
        let chapters = &self.reader.doc.chapters;
        let Overlay::Toc(t) = &mut self.overlay else {
            return;
        };
        let Some(&sel) = t.entries.get(t.list.selected) else {
            return;
        };
        if fold {
            let target = if is_volume(chapters, sel) && !t.folded.contains(&sel) {
                Some(sel)
            } else {
                parent(chapters, sel)
            };
            if let Some(v) = target {
                t.folded.insert(v);
                t.list.selected = t.entries.iter().position(|&e| e == v).unwrap_or(0);
            }
        } else {
            t.folded.remove(&sel);
        }
        self.refilter();
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
                self.set_message(tr!(self.lang(), "msg-no-chapter-filter"), true);
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
                    self.refilter();
                }
            }
            Action::FoldVolume => self.fold(true),
            Action::UnfoldVolume => self.fold(false),
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

// ----- chapters by number, and percentages -----

impl App {
    /// The chapter numbers of the book open (computed from the contents; cheap).
    pub fn chapter_numbers(&self) -> ChapterNumbers {
        numbering(&self.reader.doc.chapters)
    }

    /// `:37`, `:2.1` (volume 2, chapter 1), `:+3`, `:-3`; false when `spec` is none of these.
    pub(super) fn goto_chapter_spec(&mut self, spec: &str) -> bool {
        let spec = spec.trim();
        if let Some(rel) = spec.strip_prefix('+').or_else(|| spec.strip_prefix('-')) {
            let Ok(k) = rel.parse::<usize>() else {
                return false;
            };
            let here = self.reader.top().chapter;
            let last = self.reader.doc.chapters.len().saturating_sub(1);
            let to = if spec.starts_with('+') {
                here.saturating_add(k).min(last)
            } else {
                here.saturating_sub(k)
            };
            self.reader.jump(Position::new(to, 0));
            return true;
        }
        let (volume, number) = match spec.split_once('.') {
            Some((v, n)) => match (v.parse::<u32>(), n.parse::<u32>()) {
                (Ok(v), Ok(n)) => (Some(v), n),
                _ => return false,
            },
            None => match spec.parse::<u32>() {
                Ok(n) => (None, n),
                Err(_) => return false,
            },
        };
        self.goto_number(volume, number);
        true
    }

    /// Go to the chapter the book calls `number` (in volume `volume`), saying which one when
    /// the number repeats across volumes.
    pub(super) fn goto_number(&mut self, volume: Option<u32>, number: u32) {
        let nums = self.chapter_numbers();
        let here = self.reader.top().chapter;
        match nums.find(volume, number, here) {
            Found::Chapter { index, others } => {
                self.reader.jump(Position::new(index, 0));
                if others > 0 {
                    let vol = nums.volume[index]
                        .and_then(|v| self.reader.doc.chapters.get(v))
                        .map(|c| self.display().view.apply_to_title(&c.title))
                        .unwrap_or_default();
                    let label = nums.label(index).unwrap_or_default();
                    let text = tr!(
                        self.lang(),
                        "msg-chapter-in-volume",
                        number = number,
                        volume = vol,
                        label = label,
                        others = others
                    );
                    self.set_message(text, false);
                }
            }
            Found::None => {
                let total = nums.number.iter().flatten().count();
                let lang = self.lang();
                let text = match (volume, nums.printed) {
                    (Some(v), true) => tr!(
                        lang,
                        "msg-no-volume-chapter-numbered",
                        volume = v,
                        number = number,
                        total = total
                    ),
                    (Some(v), false) => tr!(
                        lang,
                        "msg-no-volume-chapter-total",
                        volume = v,
                        number = number,
                        total = total
                    ),
                    (None, true) => tr!(
                        lang,
                        "msg-no-chapter-numbered",
                        number = number,
                        total = total
                    ),
                    (None, false) => tr!(lang, "msg-no-chapter-total", n = number, total = total),
                };
                self.set_message(text, true);
            }
        }
    }

    /// Go to `percent` of the book, landing where the status bar then says that percent.
    pub(super) fn goto_percent(&mut self, percent: f64) {
        self.reader.goto_percent(percent);
        if !(0.0..=100.0).contains(&percent) {
            return;
        }
        // The page starts a little before the character asked for: step down whole lines
        // until the top reads the percentage (a few lines at most).
        self.reader.refresh();
        for _ in 0..500 {
            if self.percent().floor() >= percent.floor() || self.shows_book_end() {
                break;
            }
            if !self.reader.line_down() {
                break;
            }
            self.reader.refresh();
        }
        self.reader.clear_message();
    }

    /// The screen shows the end of the book (only blank text after it).
    pub fn shows_book_end(&self) -> bool {
        let end = self.view().visible.end;
        let text = &self.reader.doc.text;
        text.get(end..).is_none_or(|rest| rest.trim().is_empty())
    }

    /// The percentage the status bar shows: the top of the screen, and 100 on the last page.
    pub fn shown_percent(&self) -> f64 {
        if self.shows_book_end() {
            100.0
        } else {
            self.percent().min(99.0)
        }
    }
}

impl App {
    /// A chapter's title as the page shows it (script and clean view applied).
    pub fn chapter_title(&self, idx: usize) -> String {
        self.reader
            .doc
            .chapters
            .get(idx)
            .map(|c| self.display().view.apply_to_title(&c.title))
            .unwrap_or_default()
    }

    /// The chapter names for the status bar, through the view: the volume too when the book
    /// has volumes (`第二卷 › 第1章`), and both chapters of a spread when they differ.
    pub fn status_chapters(&self) -> String {
        let mut shown: Vec<usize> = self
            .view()
            .columns
            .iter()
            .filter_map(|c| c.first().map(|l| l.chapter))
            .collect();
        if self.display().vertical {
            shown.reverse();
        }
        shown.dedup();
        // A title page named like the book says nothing the title does not.
        if shown.len() > 1 {
            let book = &self.reader.doc.title;
            shown.retain(|&i| {
                self.reader
                    .doc
                    .chapters
                    .get(i)
                    .is_none_or(|c| &c.title != book)
            });
        }
        if shown.is_empty() {
            shown.push(self.top().chapter);
        }
        let chapters = &self.reader.doc.chapters;
        let names: Vec<String> = shown
            .iter()
            .map(|&i| {
                let title = self.chapter_title(i);
                // The nearest entry above at a lower level is its volume.
                let level = chapters.get(i).map_or(1, |c| c.level);
                let volume = chapters[..i.min(chapters.len())]
                    .iter()
                    .rposition(|c| c.level < level);
                // A top heading named like the book (a Markdown `#` title) is no volume.
                let book = self.display().view.apply_to_title(&self.reader.doc.title);
                let volume = volume.map(|v| self.chapter_title(v)).filter(|v| *v != book);
                match volume {
                    Some(v) if shown.len() == 1 => format!("{v} › {title}"),
                    _ => title,
                }
            })
            .collect();
        names.join(" | ")
    }
}
