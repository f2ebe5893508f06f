//! `App` = the `Reader` + the panel open over it; `App::update(Action)` sends each action to
//! the open panel (or the reader) and keeps the screen model current. No drawing and no
//! terminal I/O here: `ui::draw(&App)` only paints what this computed.
//!
//! One module per panel, each holding its state, its update and its keymap mode: `toc`,
//! `help`, `prompt` (with `search` and its `results` list), `bookmarks`, `library`, `picker`,
//! `links`, `notes` (the page's footnotes), `images` (the page's images, in the notes box),
//! `ruby` (the ruby key), `annotations` (the highlight list and the note editor, whose text is
//! `note_edit`); lists share `list`. `reader` owns the book, the place on screen and navigation;
//! `shelf` the store; `pace` the reading speed and the time left; `prefs` the settings a reader
//! changes while reading; `geometry` where things go on screen; `zen` zen mode and how long a message stays.

pub mod annotations;
pub mod bookmarks;
pub mod geometry;
pub mod help;
pub mod images;
pub mod library;
pub mod links;
pub mod list;
mod motion;
pub mod note_edit;
pub mod notes;
pub mod pace;
pub mod picker;
pub mod prefs;
pub mod prompt;
pub mod reader;
pub mod results;
pub mod ruby;
pub mod search;
pub mod selection;
pub mod shelf;
pub mod theme;
pub mod toc;
pub mod zen;

use crate::config::{Config, Spread, StatusItem};
use crate::document::Document;
use crate::i18n::{Lang, tr};
use crate::keys::{Action, Key, Keymap, Mode};
use crate::layout::LayoutParams;
use crate::position::Position;
use crate::view::display::DisplayMode;

pub use annotations::{HighlightRow, HighlightsState, NoteEditor};
pub use bookmarks::BookmarkRow;
pub use geometry::Geometry;
pub use help::HelpLine;
pub use library::{LibraryRow, LibraryState};
pub use links::{LinkRow, LinksState};
pub use list::ListState;
pub use notes::{NoteRow, NotesState};
pub use prefs::Prefs;
pub use prompt::{Prompt, PromptKind};
pub use reader::{JumpList, Message, PageFrame, Reader, View, ViewLine};
pub use search::SearchState;
pub use selection::{Effect, Marks, Selection};
use shelf::Shelf;
pub use theme::Theme;
pub use toc::TocState;

/// Reader settings that shape the screen (the configuration fills these in).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Widest text column in cells.
    pub max_width: usize,
    /// Cells kept free left and right of the text.
    pub margin: usize,
    /// Lines kept free above and below the text.
    pub margin_y: usize,
    /// Cells between the two pages of a spread.
    pub gutter: usize,
    pub spread: Spread,
    /// Layout settings; `width` and `height` are set from the terminal size.
    pub layout: LayoutParams,
    /// Lines of a page kept at the top of the next.
    pub page_overlap: usize,
    /// What the status bar shows.
    pub status: Vec<StatusItem>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_width: 80,
            margin: 2,
            margin_y: 0,
            gutter: 4,
            spread: Spread::Auto,
            layout: LayoutParams::default(),
            page_overlap: 0,
            status: vec![
                StatusItem::Title,
                StatusItem::Chapter,
                StatusItem::Page,
                StatusItem::Percent,
            ],
        }
    }
}

/// What is open over the pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Toc(TocState),
    Help {
        scroll: usize,
    },
    /// The bookmark list (rows come from `App::bookmark_rows`).
    Bookmarks(ListState),
    /// The library of recent books.
    Library(LibraryState),
    /// The links on the page.
    Links(LinksState),
    /// The footnotes referenced on the page.
    Notes(NotesState),
    /// The file picker.
    Picker(picker::PickerState),
    /// Every match of the search, in a list.
    Results(results::ResultsState),
    /// The highlights and their notes.
    Highlights(HighlightsState),
}

/// The interactive reader: the book and what is open over it.
pub struct App {
    /// The book, the place on screen and the lines shown.
    pub reader: Reader,
    settings: Settings,
    pub keymap: Keymap,
    /// Colours and text styles the screens are painted with.
    pub theme: Theme,
    geometry: Geometry,
    pub overlay: Overlay,
    pub prompt: Option<Prompt>,
    pub search: Option<SearchState>,
    /// The search prompt starts in regex mode (toggled in the prompt).
    pub regex_mode: bool,
    /// Searches with Han characters match Simplified and Traditional forms alike.
    pub script_search: bool,
    /// The book's text shared with the background search, and the search running.
    searcher: search::Shared,
    /// The prompt's cursor and the search history.
    edit: prompt::LineEdit,
    quit: bool,
    /// The whole screen should be repainted, not only what changed.
    repaint: bool,
    /// Saved state: resume, bookmarks, the library (`attach_store`).
    shelf: Shelf,
    /// Themes and where settings are saved (see `prefs`).
    prefs: Prefs,
    /// Keys of a key sequence typed so far (see `input::action_for_pending`).
    pub pending_keys: Vec<Key>,
    /// Zen: the status bar is hidden and its row given to the text (messages and prompts
    /// still show there).
    pub zen: bool,
    /// How long the message on screen has been there (see `zen`).
    message_clock: zen::MessageClock,
    /// The reader's measured reading speed.
    pace: pace::Pace,
    /// Selecting text, and the text to copy.
    select: selection::Selecting,
    /// The note editor and what the highlight list remembers (see `annotations`).
    annotations: annotations::Annotations,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("reader", &self.reader)
            .field("overlay", &self.overlay)
            .field("prompt", &self.prompt)
            .finish_non_exhaustive()
    }
}

/// The page frame of a screen cut into areas.
fn frame_of(g: &Geometry) -> PageFrame {
    PageFrame {
        columns: g.columns.len(),
        width: g.column_width(),
        height: g.column_height(),
        too_small: g.too_small,
    }
}

/// Layout params for the text columns of `geometry`.
fn layout_params(settings: &Settings, geometry: &Geometry) -> LayoutParams {
    let mut p = settings.layout.clone();
    if !geometry.too_small {
        p.width = geometry.column_width().max(2);
        p.height = geometry.column_height().max(1);
    }
    p
}

impl App {
    /// A reader on `doc` for a terminal of `width` × `height`, default settings and keys.
    pub fn new(doc: Document, width: u16, height: u16) -> App {
        let keys = Config::defaults().keys.clone();
        App::with_settings(doc, Settings::default(), keys, width, height)
    }

    pub fn with_settings(
        doc: Document,
        settings: Settings,
        keymap: Keymap,
        width: u16,
        height: u16,
    ) -> App {
        let geometry = Geometry::compute(width, height, &settings);
        let params = layout_params(&settings, &geometry);
        let mut pace = pace::Pace::default();
        pace.set_book(&doc);
        let mut reader = Reader::new(doc, params.clone(), frame_of(&geometry));
        reader.set_overlap(settings.page_overlap);
        reader.set_frame(frame_of(&geometry), params);
        App {
            reader,
            settings,
            keymap,
            theme: Theme::default(),
            geometry,
            overlay: Overlay::None,
            prompt: None,
            search: None,
            regex_mode: false,
            script_search: true,
            searcher: search::Shared::default(),
            edit: prompt::LineEdit::default(),
            quit: false,
            repaint: false,
            shelf: Shelf::default(),
            prefs: Prefs::default(),
            pending_keys: Vec::new(),
            zen: false,
            message_clock: zen::MessageClock::default(),
            pace,
            select: selection::Selecting::default(),
            annotations: annotations::Annotations::default(),
        }
    }

    // ----- read access for ui and tests -----

    pub fn doc(&self) -> &Document {
        &self.reader.doc
    }
    pub fn top(&self) -> Position {
        self.reader.top()
    }
    pub fn view(&self) -> &View {
        self.reader.view()
    }
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The language of every message, prompt, title and hint (English unless set).
    pub fn lang(&self) -> Lang {
        self.reader.lang
    }
    /// Speak `lang` from now on (chosen once at start, from `ui.language` or the locale).
    pub fn set_lang(&mut self, lang: Lang) {
        self.reader.lang = lang;
        // Books opened from now on say their store warnings in it too.
        if let Some(store) = self.shelf.store.take() {
            self.shelf.store = Some(store.with_lang(lang));
        }
    }
    /// Footer hints of `mode` ("Enter jump"), each word said in the reader's language: `what`
    /// is looked up as `hint-<what>` in the locale files (a word with no key shows as it is).
    pub fn hints(&self, mode: Mode, items: &[(&[Action], &str)]) -> Vec<String> {
        let lang = self.lang();
        let said: Vec<String> = items
            .iter()
            .map(|(_, what)| {
                lang.text_if(&format!("hint-{what}"))
                    .unwrap_or_else(|| what.to_string())
            })
            .collect();
        let items: Vec<(&[Action], &str)> = items
            .iter()
            .zip(&said)
            .map(|((actions, _), what)| (*actions, what.as_str()))
            .collect();
        self.keymap.hints(mode, &items)
    }
    pub fn layout_params(&self) -> &LayoutParams {
        self.reader.layout_params()
    }
    pub fn count(&self) -> Option<usize> {
        self.reader.count()
    }
    pub fn message(&self) -> Option<&Message> {
        self.reader.message()
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    /// Book progress of the top of the screen, 0–100.
    pub fn percent(&self) -> f64 {
        self.reader.percent()
    }
    /// A page on screen holds a bookmark.
    pub fn page_has_bookmark(&self) -> bool {
        self.reader.page_has_bookmark()
    }
    /// How the book is shown.
    pub fn display(&self) -> DisplayMode {
        self.reader.display()
    }

    /// The mode that decides what keys do: the open panel's.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            return prompt::MODE;
        }
        if self.annotations.editor.is_some() {
            return annotations::EDITOR_MODE;
        }
        match &self.overlay {
            Overlay::Toc(t) => t.mode(),
            Overlay::Help { .. } => help::MODE,
            Overlay::Bookmarks(_) => bookmarks::MODE,
            Overlay::Library(l) => l.mode(),
            Overlay::Links(_) => links::MODE,
            Overlay::Notes(_) => notes::MODE,
            Overlay::Picker(_) => picker::MODE,
            Overlay::Results(r) => r.mode(),
            Overlay::None if self.select.active.is_some() => selection::MODE,
            Overlay::Highlights(h) => h.mode(),
            Overlay::None => Mode::Reader,
        }
    }

    // ----- changes from outside an action -----

    /// Show `text` in the status bar's message area until the next key, or until its time is
    /// up (see `zen`).
    pub fn set_message(&mut self, text: impl Into<String>, error: bool) {
        self.reader.set_message(text, error);
        self.message_clock.restart();
    }

    /// Put `pos` at the top of the screen without touching the jump list (resume). Positions out
    /// of the book are clamped.
    pub fn set_top(&mut self, pos: Position) {
        self.reader.set_top(pos);
    }

    /// Read another book (e.g. from the library): new layout, `top` clamped into it; search,
    /// jump list, popups and bookmarks of the old book are dropped.
    pub fn replace_document(&mut self, doc: Document, top: Position) {
        self.search = None;
        self.drop_search_text();
        self.prompt = None;
        self.overlay = Overlay::None;
        self.end_select();
        self.close_annotations();
        self.pace.set_book(&doc);
        self.reader.replace_document(doc, top);
    }

    /// How the book is shown (script, clean view, vertical). The top stays on the same text.
    pub fn set_display(&mut self, mode: DisplayMode) {
        self.reader.set_display(mode);
    }

    /// When the book holds scrape artifacts and the clean view is off, offer it in the status
    /// line. Only the first megabyte is looked at, so a huge book opens as fast. Returns whether
    /// the hint was shown.
    pub fn offer_clean_view(&mut self) -> bool {
        if self.display().view.clean || self.remembered_clean_view().is_some() {
            return false;
        }
        let Some(key) = self.keymap.key_label(Mode::Reader, &Action::ToggleClean) else {
            return false;
        };
        let text = &self.reader.doc.text;
        let mut end = text.len().min(1 << 20);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // What a book shows as code (a Markdown guide teaching the clean view quotes
        // 戰(zhàn) in backticks) is an example, not a leftover of a scrape.
        let structure = &self.reader.doc.structure;
        let code: Vec<std::ops::Range<usize>> = structure
            .spans
            .iter()
            .filter(|s| matches!(s.kind, crate::document::blocks::SpanKind::Code))
            .map(|s| s.range.clone())
            .chain(
                structure
                    .blocks
                    .iter()
                    .filter(|b| {
                        matches!(
                            b.kind,
                            crate::document::blocks::BlockKind::Code { .. }
                                | crate::document::blocks::BlockKind::Preformatted
                        )
                    })
                    .map(|b| b.range.clone()),
            )
            .collect();
        let found = crate::view::clean::count_artifacts_outside(&text[..end], &code);
        if found.total() == 0 {
            return false;
        }
        // The key comes first: a narrow status line cuts the end off.
        let text = match (found.annotations > 0, found.leftovers > 0) {
            (true, true) => tr!(self.lang(), "msg-offer-clean-both", key = key),
            (true, false) => tr!(self.lang(), "msg-offer-clean-pinyin", key = key),
            _ => tr!(self.lang(), "msg-offer-clean-html", key = key),
        };
        self.set_message(text, false);
        true
    }

    fn toggle_display(&mut self, action: &Action) {
        // Vertical pages can always be switched off, whatever the book.
        let leaving_vertical = matches!(action, Action::ToggleVertical) && self.display().vertical;
        if !leaving_vertical && !self.book_has_cjk() {
            let why = match action {
                Action::ToggleScript => tr!(self.lang(), "msg-no-cjk-script"),
                Action::ToggleClean => tr!(self.lang(), "msg-no-cjk-clean"),
                _ => tr!(self.lang(), "msg-no-cjk-vertical"),
            };
            self.set_message(why, false);
            return;
        }
        let mut mode = self.display();
        let text = match action {
            Action::ToggleScript => {
                mode.view.script = mode.view.script.next();
                let key = match mode.view.script {
                    crate::view::convert::Script::Original => "msg-script-original",
                    crate::view::convert::Script::Simplified => "msg-script-simplified",
                    crate::view::convert::Script::Traditional => "msg-script-traditional",
                };
                tr!(self.lang(), key)
            }
            Action::ToggleClean => {
                mode.view.clean = !mode.view.clean;
                self.remember_clean_view(mode.view.clean);
                if mode.view.clean {
                    tr!(self.lang(), "msg-clean-on")
                } else {
                    tr!(self.lang(), "msg-clean-off")
                }
            }
            _ => {
                mode.vertical = !mode.vertical;
                self.remember_vertical(mode.vertical);
                if mode.vertical {
                    tr!(self.lang(), "msg-vertical-on")
                } else {
                    tr!(self.lang(), "msg-vertical-off")
                }
            }
        };
        self.reader.set_display(mode);
        self.set_message(text, false);
    }

    /// The book holds Chinese or Japanese text (its first megabyte, or its chapter titles).
    fn book_has_cjk(&self) -> bool {
        let doc = &self.reader.doc;
        let cjk =
            |c: char| crate::view::convert::is_han(c) || ('\u{3040}'..='\u{30ff}').contains(&c);
        let mut end = doc.text.len().min(1 << 20);
        while !doc.text.is_char_boundary(end) {
            end -= 1;
        }
        doc.text[..end].chars().any(cjk) || doc.chapters.iter().any(|c| c.title.chars().any(cjk))
    }

    /// Change settings (width, spread, layout); the same text stays at the top.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.relayout(self.geometry.screen.width, self.geometry.screen.height);
    }

    /// The reader is quitting (also from a signal): save what is not saved, once.
    pub fn quit(&mut self) {
        if !self.quit {
            self.quit = true;
            self.shelf_quit();
            self.pace_save();
        }
    }

    /// How long the main loop may sleep before calling `tick` (`None`: until an event).
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        // A search counts in the background: look for its results every frame.
        let search = self
            .search_pending()
            .then_some(std::time::Duration::from_millis(15));
        [
            search,
            self.shelf_tick_interval(),
            self.message_tick_interval(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Whether the whole screen must be repainted (Ctrl-l); asking clears the request.
    pub fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }

    /// Idle tick from the main loop, now (see `tick_at`).
    pub fn tick(&mut self) -> bool {
        self.tick_at(std::time::Instant::now())
    }

    /// Idle tick at `now`: the debounced save, what a background search found, and a message
    /// whose time is up. True when the screen changed and should be drawn again.
    pub fn tick_at(&mut self, now: std::time::Instant) -> bool {
        self.shelf_tick();
        let before = self.message().cloned();
        let changed = self.poll_search();
        if changed {
            self.reader.refresh();
        }
        if self.message() != before.as_ref() {
            self.message_clock.restart();
        }
        self.expire_message(now) || changed
    }

    // ----- update -----

    /// Apply one action: the open panel (or the reader) handles it, then what is visible is
    /// recomputed and the position recorded.
    pub fn update(&mut self, action: Action) {
        let old = self.reader.top();
        let reading = self.mode() == Mode::Reader && pace::counts(&action);
        if !matches!(action, Action::Resize(..) | Action::Digit(_)) {
            self.reader.clear_message();
        }
        if !self.common(&action) {
            match self.mode() {
                Mode::Prompt => self.update_prompt(action),
                Mode::Toc | Mode::TocFilter if matches!(self.overlay, Overlay::Results(_)) => {
                    self.update_results(action)
                }
                Mode::TocFilter if matches!(self.overlay, Overlay::Library(_)) => {
                    self.update_library(action)
                }
                Mode::Toc | Mode::TocFilter => self.update_toc(action),
                Mode::Help => self.update_help(action),
                Mode::Bookmarks => self.update_bookmarks(action),
                Mode::Library => self.update_library(action),
                Mode::Links => self.update_links(action),
                Mode::Notes => self.update_notes(action),
                Mode::Picker => self.update_picker(action),
                Mode::Highlights | Mode::HighlightsFilter => self.update_highlights(action),
                Mode::NoteEditor => self.update_note_editor(action),
                Mode::Reader => self.update_reader(action),
                Mode::Select => self.update_select(action),
            }
        }
        self.reader.refresh();
        self.message_clock.restart();
        self.shelf_after_update(old);
        self.pace_after_update(old, reading);
    }

    /// Actions that mean the same whatever is open.
    fn common(&mut self, action: &Action) -> bool {
        match action {
            Action::Resize(w, h) => self.relayout(*w, *h),
            Action::Quit => self.quit(),
            Action::Redraw => self.repaint = true,
            _ => return false,
        }
        true
    }

    fn update_reader(&mut self, action: Action) {
        if let Action::Digit(d) = action {
            self.reader.push_digit(d);
            return;
        }
        let count = self.reader.take_count();
        if action == Action::Percent && count.is_none() {
            let text = match self.keymap.key_label(Mode::Reader, &Action::Percent) {
                Some(k) => tr!(self.lang(), "msg-count-first-key", key = k),
                None => tr!(self.lang(), "msg-count-first"),
            };
            self.set_message(text, false);
            return;
        }
        match (&action, count) {
            (Action::BookStart | Action::BookEnd, Some(n)) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                return self.goto_number(None, n);
            }
            (Action::Percent, Some(p)) => return self.goto_percent(p as f64),
            _ => {}
        }
        // Vertical pages lie right to left: ← turns forward, → back.
        let action = match action {
            Action::PageLeft if self.display().vertical => Action::NextPage,
            Action::PageLeft => Action::PrevPage,
            Action::PageRight if self.display().vertical => Action::PrevPage,
            Action::PageRight => Action::NextPage,
            other => other,
        };
        if self.reader.navigate(&action, count) {
            return;
        }
        let times = count.unwrap_or(1).clamp(1, 10_000);
        match action {
            Action::NextMatchOrChapter => {
                if self.search.is_some() {
                    self.step_match(true, times);
                } else {
                    self.reader.repeat(times, Reader::next_chapter);
                }
            }
            Action::SearchNext => self.step_match(true, times),
            Action::SearchPrev => self.step_match(false, times),
            Action::SearchResults => self.open_results(),
            Action::CommandLine => self.open_prompt(PromptKind::Command),
            Action::SearchForward => self.open_prompt(PromptKind::Search { backward: false }),
            Action::SearchBackward => self.open_prompt(PromptKind::Search { backward: true }),
            Action::ToggleToc => self.open_toc(),
            Action::ToggleScript | Action::ToggleClean | Action::ToggleVertical => {
                self.toggle_display(&action)
            }
            Action::Wider => self.change_width(true),
            Action::Narrower => self.change_width(false),
            Action::CycleTheme => self.cycle_theme(),
            Action::ToggleSpread => self.toggle_spread(),
            Action::SaveSettings => self.save_settings(),
            Action::Help => self.open_help(),
            Action::Close => self.search = None,
            Action::AddBookmark => self.start_bookmark(),
            Action::BookmarkList => self.open_bookmarks(),
            Action::Library => self.open_library(),
            Action::Click { column, row } => {
                self.note_press(column, row);
                self.click_page(column, row)
            }
            Action::Drag { column, row } => self.drag_select(column, row),
            Action::Select => self.start_select(),
            Action::CopyParagraph => self.copy_page_paragraph(),
            Action::Links => self.open_links(),
            Action::Notes => self.open_notes(),
            Action::Images => self.open_images(),
            Action::ToggleRuby => self.toggle_ruby(),
            Action::ToggleZen => self.toggle_zen(),
            Action::OpenPicker => self.open_picker_here(),
            Action::HighlightList => self.open_highlights(),
            Action::EditNote => self.edit_page_note(),
            _ => {}
        }
    }

    /// A click on the page turns it: the right half forward, the left half back (the other way
    /// round in vertical pages, read right to left). A click on the status bar does nothing (in
    /// zen its row is the text's).
    fn click_page(&mut self, column: u16, row: u16) {
        let g = &self.geometry;
        if g.too_small || (row >= g.status.y && !self.zen) {
            return;
        }
        let right = column >= g.screen.width / 2;
        let turn = if right != self.display().vertical {
            Action::NextPage
        } else {
            Action::PrevPage
        };
        self.reader.navigate(&turn, None);
    }

    /// The terminal is now `width` × `height`: cut the screen again and re-lay the pages; the
    /// same text stays at the top and open panels keep their selection in view.
    fn relayout(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::compute(width, height, &self.settings);
        if self.zen {
            self.geometry.give_status_row_to_text();
        }
        let params = layout_params(&self.settings, &self.geometry);
        self.reader.set_overlap(self.settings.page_overlap);
        self.reader.set_frame(frame_of(&self.geometry), params);
        if let Overlay::Toc(_) = self.overlay {
            self.scroll_toc_into_view();
        }
        if let Overlay::Help { .. } = self.overlay {
            let max = self.help_max_scroll();
            if let Overlay::Help { scroll } = &mut self.overlay {
                *scroll = (*scroll).min(max);
            }
        }
        if let Overlay::Notes(_) = self.overlay {
            let max = self.notes_max_scroll();
            if let Overlay::Notes(state) = &mut self.overlay {
                state.scroll = state.scroll.min(max);
            }
        }
        let rows = self.list_rows();
        if let Overlay::Library(state) = &mut self.overlay {
            state.list.scroll_into_view(rows, state.rows.len());
        }
        if let Overlay::Links(state) = &mut self.overlay {
            state.list.scroll_into_view(rows, state.rows.len());
        }
        if let Overlay::Bookmarks(_) = self.overlay {
            let n = self.bookmark_rows().len();
            if let Overlay::Bookmarks(list) = &mut self.overlay {
                list.scroll_into_view(rows, n);
            }
        }
        let results_rows = self.results_area().rows.height as usize;
        if let Overlay::Results(state) = &mut self.overlay {
            state
                .list
                .scroll_into_view(results_rows, state.entries.len());
        }
        self.scroll_picker_into_view();
        self.annotations_relayout();
    }
}
