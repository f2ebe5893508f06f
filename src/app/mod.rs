//! The reader's state and `App::update(Action)`: moves the Position, opens popups, asks the
//! layout engine for pages. No drawing and no terminal I/O here.
//!
//! The place on screen is `top: Position` (never a line number). A view is the line holding
//! `top.offset` in its chapter and the lines after it, one page high per text column; pages flow
//! across chapter ends, each chapter starting on a new page. After every update the app computes
//! what is visible (`View`), so `ui::draw(&App)` only paints.
//!
//! Seams for later work: `ReaderHooks` (told when the position moves and when the reader quits),
//! `bookmarks` (pages holding one get a marker), `set_top`/`jump_to`, `set_message`,
//! `set_settings` and the `Keymap`.

pub mod action;
pub mod geometry;
pub mod prefs;
pub mod search;
pub mod shelf;
pub mod theme;

use std::ops::Range;

use crate::document::Document;
use crate::keymap::{Keymap, Mode};
use crate::layout::{ChapterLayout, GlyphLine, LayoutParams, Line, LineKind};
use crate::position::Position;
use crate::view::DisplayLayout;
use crate::view::display::DisplayMode;
use crate::view::vertical::columns_per_page;

pub use action::Action;
pub use geometry::Geometry;
pub use prefs::Prefs;
use search::Matches;
pub use shelf::{BookmarkRow, LibraryRow, LibraryState, ListState, Shelf};
pub use theme::Theme;

/// Two-page spread setting: the configuration's own type.
pub use crate::config::Spread;

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
        }
    }
}

/// Told about the reader's life; the bookmarks work saves the position through this.
/// Every method has a do-nothing default.
pub trait ReaderHooks {
    /// The top of the screen moved from `from` to `to` (a new chapter when the chapters differ).
    fn moved(&mut self, _doc: &Document, _from: Position, _to: Position) {}
    /// The reader is about to quit (also on SIGTERM/SIGHUP) while showing `at`.
    fn quitting(&mut self, _doc: &Document, _at: Position) {}
    /// How soon the hooks want `tick` called while the reader is idle (`None`: never; the
    /// reader then sleeps until a key, a resize or a signal).
    fn tick_interval(&self) -> Option<std::time::Duration> {
        None
    }
    /// Called when `tick_interval` passed without an event, e.g. for a debounced save.
    fn tick(&mut self, _doc: &Document, _at: Position) {}
}

/// Hooks that do nothing.
#[derive(Debug, Default)]
pub struct NoHooks;
impl ReaderHooks for NoHooks {}

/// One visible line, with its glyphs ready to paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewLine {
    pub chapter: usize,
    pub kind: LineKind,
    /// Byte range in the chapter's text.
    pub range: Range<usize>,
    pub glyphs: GlyphLine,
    /// Absolute byte offset of the chapter start in `Document::text`.
    pub chapter_start: usize,
    /// Vertical mode, where a row crosses every column of the page: the chapter bytes of the
    /// heading columns, whose glyphs are drawn as a heading. Empty otherwise.
    pub heading: Range<usize>,
}

/// What is on screen: the lines of each text column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub columns: Vec<Vec<ViewLine>>,
    /// Page (1-based) of the first line of each non-empty column, and pages in the chapter.
    pub pages: Vec<usize>,
    pub page_count: usize,
    /// Absolute byte range of the text on screen.
    pub visible: Range<usize>,
}

/// The table of contents popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TocState {
    /// Typed filter (matched case-insensitively against titles).
    pub filter: String,
    /// The filter is being typed.
    pub filtering: bool,
    /// Chapter indices shown, in book order.
    pub entries: Vec<usize>,
    /// Index into `entries`.
    pub selected: usize,
    /// First entry shown.
    pub scroll: usize,
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
}

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

/// The active search (after a query was typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub regex: bool,
    pub backward: bool,
    pub matches: Matches,
    /// The current match (index into `matches.ranges`).
    pub current: Option<usize>,
    /// Why the query gave no matches (a bad regex), for the prompt.
    pub error: Option<String>,
}

/// A line for the status bar's message area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Back/forward history of jumps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    pub back: Vec<Position>,
    pub forward: Vec<Position>,
}

const JUMP_LIMIT: usize = 100;

impl JumpList {
    /// A jump is leaving `from`.
    pub fn record(&mut self, from: Position) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > JUMP_LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }
}

/// The reader.
pub struct App {
    pub doc: Document,
    layout: DisplayLayout,
    top: Position,
    settings: Settings,
    pub keymap: Keymap,
    /// Colours and text styles the screens are painted with.
    pub theme: Theme,
    geometry: Geometry,
    view: View,
    pub overlay: Overlay,
    pub prompt: Option<Prompt>,
    pub search: Option<SearchState>,
    /// The search prompt starts in regex mode (toggled with Ctrl-r in the prompt).
    pub regex_mode: bool,
    /// Searches with Han characters match Simplified and Traditional forms alike (Ctrl-t in the
    /// prompt toggles).
    pub script_search: bool,
    pub jumps: JumpList,
    count: Option<usize>,
    message: Option<Message>,
    quit: bool,
    /// The whole screen should be repainted, not only what changed.
    repaint: bool,
    /// Positions that hold a bookmark; pages showing one get a marker in the status bar.
    pub bookmarks: Vec<Position>,
    hooks: Box<dyn ReaderHooks>,
    /// Saved state: resume, bookmarks, the library (`attach_store`).
    shelf: Shelf,
    /// Themes and where settings are saved (see `prefs`).
    prefs: Prefs,
    /// Keys of a key sequence typed so far (see `input::action_for_pending`).
    pub pending_keys: Vec<crate::keymap::Key>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("title", &self.doc.title)
            .field("top", &self.top)
            .field("overlay", &self.overlay)
            .field("prompt", &self.prompt)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A reader on `doc` for a terminal of `width` × `height`, default settings and keys.
    pub fn new(doc: Document, width: u16, height: u16) -> App {
        App::with_settings(doc, Settings::default(), Keymap::default(), width, height)
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
        let layout = DisplayLayout::for_document(&doc, params);
        let mut app = App {
            doc,
            layout,
            top: Position::START,
            settings,
            keymap,
            theme: Theme::default(),
            geometry,
            view: View::default(),
            overlay: Overlay::None,
            prompt: None,
            search: None,
            regex_mode: false,
            script_search: true,
            jumps: JumpList::default(),
            count: None,
            message: None,
            quit: false,
            repaint: false,
            bookmarks: Vec::new(),
            hooks: Box::new(NoHooks),
            shelf: Shelf::default(),
            prefs: Prefs::default(),
            pending_keys: Vec::new(),
        };
        app.refresh();
        app
    }

    // ----- read access for ui, tests and later work -----

    pub fn top(&self) -> Position {
        self.top
    }
    pub fn view(&self) -> &View {
        &self.view
    }
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn layout_params(&self) -> &LayoutParams {
        self.layout.params()
    }
    pub fn count(&self) -> Option<usize> {
        self.count
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The mode that decides what keys do.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        match &self.overlay {
            Overlay::Toc(t) if t.filtering => Mode::TocFilter,
            Overlay::Toc(_) => Mode::Toc,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Bookmarks(_) => Mode::Bookmarks,
            Overlay::Library(_) => Mode::Library,
            Overlay::None => Mode::Reader,
        }
    }

    /// Book progress of the top of the screen, 0–100.
    pub fn percent(&self) -> f64 {
        self.top.percent(&self.doc)
    }

    /// A page on screen holds a bookmark.
    pub fn page_has_bookmark(&self) -> bool {
        let vis = &self.view.visible;
        self.bookmarks.iter().any(|b| {
            let abs = self.doc.offset_of(*b);
            vis.contains(&abs) || (vis.is_empty() && abs == vis.start)
        })
    }

    // ----- seams -----

    pub fn set_hooks(&mut self, hooks: Box<dyn ReaderHooks>) {
        self.hooks = hooks;
    }

    /// Show `text` in the status bar's message area until the next key.
    pub fn set_message(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// Put `pos` at the top of the screen without touching the jump list (resume). Positions out
    /// of the book are clamped.
    pub fn set_top(&mut self, pos: Position) {
        let old = self.top;
        self.top = self.clamp(pos);
        self.refresh();
        self.notify_moved(old);
    }

    /// Jump to `pos` (recorded in the jump list), e.g. to a bookmark.
    pub fn jump_to(&mut self, pos: Position) {
        let old = self.top;
        let pos = self.clamp(pos);
        self.jump(pos);
        self.refresh();
        self.notify_moved(old);
    }

    /// Read another book (e.g. from the library): new layout, `top` clamped into it; search,
    /// jump list, popups and bookmarks of the old book are dropped. The hooks are kept and told
    /// nothing (they decide what opening a book means).
    pub fn replace_document(&mut self, doc: Document, top: Position) {
        let params = self.layout.params().clone();
        let display = self.layout.display();
        self.layout = DisplayLayout::for_document(&doc, params);
        // Script and vertical pages are the reader's taste and stay; positions are per book.
        self.layout.set_display(display);
        self.doc = doc;
        self.search = None;
        self.prompt = None;
        self.overlay = Overlay::None;
        self.jumps = JumpList::default();
        self.count = None;
        self.bookmarks.clear();
        self.top = self.clamp(top);
        self.refresh();
    }

    /// How the book is shown (script, clean view, vertical). The top stays on the same text:
    /// positions are source offsets whatever the view.
    pub fn set_display(&mut self, mode: DisplayMode) {
        self.layout.set_display(mode);
        self.refresh();
    }

    /// How the book is shown.
    pub fn display(&self) -> DisplayMode {
        self.layout.display()
    }

    /// When the book holds scrape artifacts and the clean view is off, offer it in the status
    /// line. Only the first megabyte is looked at, so a huge book opens as fast. Returns whether
    /// the hint was shown.
    pub fn offer_clean_view(&mut self) -> bool {
        if self.display().view.clean || self.remembered_clean_view().is_some() {
            return false;
        }
        let text = &self.doc.text;
        let mut end = text.len().min(1 << 20);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let found = crate::view::count_artifacts(&text[..end]);
        if found.total() == 0 {
            return false;
        }
        // The key comes first: a narrow status line cuts the end off.
        let what = match (found.annotations > 0, found.leftovers > 0) {
            (true, true) => "pinyin like 戰(zhàn) and HTML leftovers",
            (true, false) => "pinyin like 戰(zhàn)",
            _ => "HTML leftovers like </p>",
        };
        self.set_message(format!("C: clean view, hides {what}"), false);
        true
    }

    fn toggle_display(&mut self, action: &Action) {
        let mut mode = self.display();
        let text = match action {
            Action::ToggleScript => {
                mode.view.script = mode.view.script.next();
                format!("script: {}", mode.view.script)
            }
            Action::ToggleClean => {
                mode.view.clean = !mode.view.clean;
                self.remember_clean_view(mode.view.clean);
                if mode.view.clean {
                    "clean view: pinyin annotations and HTML leftovers hidden".to_string()
                } else {
                    "clean view off: the text as written".to_string()
                }
            }
            _ => {
                mode.vertical = !mode.vertical;
                if mode.vertical {
                    "vertical pages"
                } else {
                    "horizontal pages"
                }
                .to_string()
            }
        };
        self.layout.set_display(mode);
        self.set_message(text, false);
    }

    /// Change settings (width, spread, layout); the same text stays at the top.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.relayout(self.geometry.screen.width, self.geometry.screen.height);
        self.refresh();
    }

    /// The reader is quitting (also from a signal): tell the hooks once.
    pub fn quit(&mut self) {
        if !self.quit {
            self.quit = true;
            self.shelf_quit();
            self.hooks.quitting(&self.doc, self.top);
        }
    }

    /// How long the main loop may sleep before calling `tick` (`None`: until an event).
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        match (self.hooks.tick_interval(), self.shelf_tick_interval()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the whole screen must be repainted (Ctrl-l); asking clears the request.
    pub fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }

    /// Idle tick from the main loop.
    pub fn tick(&mut self) {
        self.shelf_tick();
        self.hooks.tick(&self.doc, self.top);
    }

    // ----- update -----

    /// Apply one action. Returns whether anything may have changed on screen.
    pub fn update(&mut self, action: Action) -> bool {
        let old = self.top;
        if !matches!(action, Action::Resize(..) | Action::Digit(_)) {
            self.message = None;
        }
        match self.mode() {
            Mode::Prompt => self.update_prompt(action),
            Mode::Toc | Mode::TocFilter => self.update_toc(action),
            Mode::Help => self.update_help(action),
            Mode::Bookmarks => self.update_bookmarks(action),
            Mode::Library => self.update_library(action),
            Mode::Reader => self.update_reader(action),
        }
        self.refresh();
        self.notify_moved(old);
        self.shelf_after_update(old);
        true
    }

    fn notify_moved(&mut self, old: Position) {
        if self.top != old {
            self.hooks.moved(&self.doc, old, self.top);
        }
    }

    fn common(&mut self, action: &Action) -> bool {
        match action {
            Action::Resize(w, h) => {
                self.relayout(*w, *h);
                true
            }
            Action::Quit => {
                self.quit();
                true
            }
            Action::Redraw => {
                self.repaint = true;
                true
            }
            _ => false,
        }
    }

    fn update_reader(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        if let Action::Digit(d) = action {
            if d == 0 && self.count.is_none() {
                return;
            }
            let c = self.count.unwrap_or(0);
            self.count = Some(
                c.saturating_mul(10)
                    .saturating_add(d as usize)
                    .min(1_000_000),
            );
            return;
        }
        let count = self.count.take();
        let times = count.unwrap_or(1).clamp(1, 10_000);
        match action {
            Action::NextPage => self.repeat(times, Self::next_page),
            Action::PrevPage => self.repeat(times, Self::prev_page),
            Action::LineDown => self.repeat(times, Self::line_down),
            Action::LineUp => self.repeat(times, Self::line_up),
            Action::Wheel { down } => {
                for _ in 0..3 {
                    if down {
                        self.line_down();
                    } else {
                        self.line_up();
                    }
                }
            }
            Action::NextChapter => self.repeat(times, Self::next_chapter),
            Action::PrevChapter => self.repeat(times, Self::prev_chapter),
            Action::NextMatchOrChapter => {
                if self.search.is_some() {
                    self.step_match(true, times);
                } else {
                    self.repeat(times, Self::next_chapter);
                }
            }
            Action::SearchNext => self.step_match(true, times),
            Action::SearchPrev => self.step_match(false, times),
            Action::BookStart | Action::BookEnd => match count {
                Some(n) => self.goto_chapter(n),
                None if action == Action::BookStart => self.jump(Position::START),
                None => {
                    let last = self.doc.chapters.len().saturating_sub(1);
                    let mut pos = self.last_page_of(last);
                    // In a spread the book's last page is the right-hand one.
                    for _ in 1..self.geometry.columns.len() {
                        if let Some(p) = self.page_before(pos) {
                            pos = p;
                        }
                    }
                    self.jump(pos);
                }
            },
            Action::Percent => match count {
                Some(p) => self.goto_percent(p as f64),
                None => self.set_message("type a number first, e.g. 37%", false),
            },
            Action::CommandLine => self.open_prompt(PromptKind::Command),
            Action::SearchForward => self.open_prompt(PromptKind::Search { backward: false }),
            Action::SearchBackward => self.open_prompt(PromptKind::Search { backward: true }),
            Action::JumpBack => {
                // Entries equal to where we are would be a jump that does not move: skip them.
                while self.jumps.back.last() == Some(&self.top) {
                    self.jumps.back.pop();
                }
                if let Some(p) = self.jumps.back.pop() {
                    self.jumps.forward.push(self.top);
                    self.top = p;
                } else {
                    self.set_message("no earlier jump", false);
                }
            }
            Action::JumpForward => {
                while self.jumps.forward.last() == Some(&self.top) {
                    self.jumps.forward.pop();
                }
                if let Some(p) = self.jumps.forward.pop() {
                    self.jumps.back.push(self.top);
                    self.top = p;
                } else {
                    self.set_message("no later jump", false);
                }
            }
            Action::ToggleToc => self.open_toc(),
            Action::ToggleScript | Action::ToggleClean | Action::ToggleVertical => {
                self.toggle_display(&action)
            }
            Action::Wider => self.change_width(true),
            Action::Narrower => self.change_width(false),
            Action::CycleTheme => self.cycle_theme(),
            Action::ToggleSpread => self.toggle_spread(),
            Action::SaveSettings => self.save_settings(),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Close => self.search = None,
            Action::AddBookmark | Action::BookmarkList | Action::Library => {
                self.shelf_reader_action(&action);
            }
            _ => {}
        }
    }

    fn repeat(&mut self, times: usize, f: fn(&mut App) -> bool) {
        for _ in 0..times {
            if !f(self) {
                break;
            }
        }
    }

    // ----- movement -----

    /// Lines per page (one text column); in vertical mode a "line" is a column of characters.
    fn page_height(&self) -> usize {
        if self.layout.display().vertical {
            return columns_per_page(self.layout.params().width);
        }
        self.geometry.column_height().max(1)
    }

    /// The layout showing `pos` (a window of a long chapter around it).
    fn chapter_layout(&mut self, pos: Position) -> &ChapterLayout {
        self.layout.chapter_at(&self.doc, pos)
    }

    fn top_line(&mut self) -> usize {
        let off = self.top.offset;
        let top = self.top;
        self.chapter_layout(top).line_of_offset(off)
    }

    fn last_chapter(&self) -> usize {
        self.doc.chapters.len().saturating_sub(1)
    }

    /// The top of the page after the one starting at `pos`: a page further down the chapter
    /// (skipping a leading spacer line), else the start of the next chapter; `None` at the end.
    fn page_after(&mut self, pos: Position) -> Option<Position> {
        let h = self.page_height();
        let last = self.last_chapter();
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        if let Some(i) = first_text_line_from(cl, line + h) {
            Some(Position::new(pos.chapter, cl.lines[i].range.start))
        } else if pos.chapter < last {
            Some(Position::new(pos.chapter + 1, 0))
        } else {
            None
        }
    }

    /// The top of the page before the one starting at `pos`; from a chapter start that is the
    /// previous chapter's last page. `None` at the start of the book.
    fn page_before(&mut self, pos: Position) -> Option<Position> {
        let h = self.page_height();
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        if last_text_line_before(cl, line).is_some() {
            let i = first_text_line_from(cl, line.saturating_sub(h))
                .filter(|&i| i < line)
                .or_else(|| last_text_line_before(cl, line))
                .unwrap_or(0);
            Some(Position::new(pos.chapter, line_start(cl, i)))
        } else if pos.chapter > 0 {
            Some(self.last_page_of(pos.chapter - 1))
        } else if pos.offset != 0 {
            Some(Position::START)
        } else {
            None
        }
    }

    /// The tops of the pages on screen: the top, then one page after it per extra column.
    fn column_tops(&mut self) -> Vec<Position> {
        let n = self.geometry.columns.len().max(1);
        let mut tops = vec![self.top];
        while tops.len() < n {
            let Some(&last) = tops.last() else { break };
            match self.page_after(last) {
                Some(p) => tops.push(p),
                None => break,
            }
        }
        tops
    }

    /// Next page (or spread); false at the end of the book.
    fn next_page(&mut self) -> bool {
        let tops = self.column_tops();
        let n = self.geometry.columns.len().max(1);
        let after = if tops.len() == n {
            tops.last().and_then(|&p| self.page_after(p))
        } else {
            None
        };
        match after {
            Some(p) => {
                self.top = p;
                true
            }
            None => {
                self.set_message("end of the book", false);
                false
            }
        }
    }

    /// Previous page (or spread); false at the start of the book.
    fn prev_page(&mut self) -> bool {
        let n = self.geometry.columns.len().max(1);
        let mut moved = false;
        for _ in 0..n {
            match self.page_before(self.top) {
                Some(p) => {
                    self.top = p;
                    moved = true;
                }
                None => break,
            }
        }
        if !moved {
            self.set_message("start of the book", false);
        }
        moved
    }

    /// The top of the last page of chapter `ch`, pages counted from the chapter start.
    fn last_page_of(&mut self, ch: usize) -> Position {
        let h = self.page_height();
        let cl = self.chapter_layout(Position::new(ch, usize::MAX));
        let last = last_text_line_before(cl, cl.lines.len()).unwrap_or(0);
        let first = (last / h) * h;
        let i = first_text_line_from(cl, first).unwrap_or(0);
        Position::new(ch, line_start(cl, i))
    }

    fn line_down(&mut self) -> bool {
        let line = self.top_line();
        let ch = self.top.chapter;
        let cl = self.chapter_layout(self.top);
        if let Some(i) = first_text_line_from(cl, line + 1) {
            self.top = Position::new(ch, cl.lines[i].range.start);
            true
        } else if ch < self.last_chapter() {
            self.top = Position::new(ch + 1, 0);
            true
        } else {
            self.set_message("end of the book", false);
            false
        }
    }

    fn line_up(&mut self) -> bool {
        let line = self.top_line();
        let ch = self.top.chapter;
        let h = self.geometry.column_height().max(1);
        let cl = self.chapter_layout(self.top);
        if let Some(i) = last_text_line_before(cl, line) {
            self.top = Position::new(ch, line_start(cl, i));
            true
        } else if ch > 0 {
            let cl = self.chapter_layout(Position::new(ch - 1, usize::MAX));
            let end = cl.lines.len();
            let i = first_text_line_from(cl, end.saturating_sub(h)).unwrap_or(0);
            self.top = Position::new(ch - 1, line_start(cl, i));
            true
        } else if self.top.offset != 0 {
            self.top = Position::START;
            true
        } else {
            self.set_message("start of the book", false);
            false
        }
    }

    fn next_chapter(&mut self) -> bool {
        if self.top.chapter < self.last_chapter() {
            self.top = Position::new(self.top.chapter + 1, 0);
            true
        } else {
            self.set_message("last chapter", false);
            false
        }
    }

    fn prev_chapter(&mut self) -> bool {
        if self.top.chapter > 0 {
            self.top = Position::new(self.top.chapter - 1, 0);
            true
        } else if self.top.offset != 0 {
            self.top = Position::START;
            true
        } else {
            self.set_message("first chapter", false);
            false
        }
    }

    /// Move to `to`, remembering where we were in the jump list.
    fn jump(&mut self, to: Position) {
        if to != self.top {
            self.jumps.record(self.top);
            self.top = to;
        }
    }

    /// Go to chapter `n` (1-based).
    pub fn goto_chapter(&mut self, n: usize) {
        let total = self.doc.chapters.len();
        if n == 0 || n > total {
            self.set_message(
                format!("no chapter {n}: the book has {total} chapters"),
                true,
            );
            return;
        }
        self.jump(Position::new(n - 1, 0));
    }

    /// Go to the page holding the character at `percent` of the book (in bytes, as shown).
    pub fn goto_percent(&mut self, percent: f64) {
        if !(0.0..=100.0).contains(&percent) || percent.is_nan() {
            self.set_message("a percentage is between 0 and 100", true);
            return;
        }
        let pos = Position::at_percent(&self.doc, percent);
        let to = self.page_top_for(pos);
        self.jump(to);
    }

    /// The top of the page (counted from the chapter start) that shows `pos`.
    fn page_top_for(&mut self, pos: Position) -> Position {
        let h = self.page_height();
        let cl = self.chapter_layout(pos);
        let line = cl.line_of_offset(pos.offset);
        let first = (line / h) * h;
        let i = first_text_line_from(cl, first)
            .filter(|&i| i <= line)
            .unwrap_or(line);
        Position::new(pos.chapter, line_start(cl, i))
    }

    fn clamp(&self, pos: Position) -> Position {
        let Some(c) = self.doc.chapters.get(pos.chapter) else {
            return Position::new(self.last_chapter(), 0);
        };
        let text = self.doc.chapter_text(pos.chapter);
        let mut off = pos.offset.min(c.range.len()).min(text.len());
        while off > 0 && !text.is_char_boundary(off) {
            off -= 1;
        }
        Position::new(pos.chapter, off)
    }

    // ----- resize and view -----

    fn relayout(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::compute(width, height, &self.settings);
        if !self.geometry.too_small {
            self.layout
                .set_params(layout_params(&self.settings, &self.geometry));
        }
        if let Overlay::Toc(_) = self.overlay {
            self.scroll_toc_into_view();
        }
        if let Overlay::Help { scroll } = self.overlay {
            self.overlay = Overlay::Help {
                scroll: scroll.min(self.help_max_scroll()),
            };
        }
    }

    /// Recompute what is visible.
    fn refresh(&mut self) {
        self.top = self.clamp(self.top);
        if self.geometry.too_small {
            self.view = View::default();
            return;
        }
        let h = self.page_height();
        let vertical = self.layout.display().vertical;
        let tops = self.column_tops();
        let mut columns = Vec::with_capacity(tops.len());
        let mut pages = Vec::new();
        let mut vis_start = None;
        let mut vis_end = self.doc.offset_of(self.top);
        let mut page_count = 1;
        for (c, top) in tops.iter().enumerate() {
            let ch = top.chapter;
            let chapter_start = self
                .doc
                .chapters
                .get(ch)
                .map(|c| c.range.start)
                .unwrap_or(0);
            let cl = self.layout.chapter_at(&self.doc, *top);
            let from = cl.line_of_offset(top.offset).min(cl.lines.len());
            let to = (from + h).min(cl.lines.len());
            let lines: Vec<Line> = cl.lines[from..to].to_vec();
            if c == 0 {
                page_count = cl.page_count();
            }
            // Page numbers only for columns of the first column's chapter.
            if ch == self.top.chapter
                && let Some(l) = lines.iter().find(|l| l.kind != LineKind::Blank)
            {
                pages.push(cl.page_of_offset(l.range.start) + 1);
            }
            for line in &lines {
                if line.kind != LineKind::Blank {
                    vis_start.get_or_insert(chapter_start + line.range.start);
                    vis_end = chapter_start + line.range.end;
                }
            }
            let mut col = Vec::with_capacity(h);
            if vertical {
                // Rows across the page's columns (first column on the right).
                let span = lines.first().map(|l| l.range.start).unwrap_or(0)
                    ..lines.last().map(|l| l.range.end).unwrap_or(0);
                // Heading columns come first in a chapter, one run of them.
                let heads = lines.iter().filter(|l| l.kind == LineKind::Heading);
                let heading = heads.clone().map(|l| l.range.start).min().unwrap_or(0)
                    ..heads.map(|l| l.range.end).max().unwrap_or(0);
                for row in self.layout.vertical_rows(&self.doc, ch, from, to - from) {
                    col.push(ViewLine {
                        chapter: ch,
                        kind: LineKind::Body,
                        range: span.clone(),
                        glyphs: row,
                        chapter_start,
                        heading: heading.clone(),
                    });
                }
            } else {
                for (k, line) in lines.iter().enumerate() {
                    col.push(ViewLine {
                        chapter: ch,
                        kind: line.kind,
                        range: line.range.clone(),
                        glyphs: self.layout.glyphs_of_line(&self.doc, ch, from + k),
                        chapter_start,
                        heading: 0..0,
                    });
                }
            }
            columns.push(col);
        }
        if vertical {
            // A vertical book is read right to left: its first page is the right-hand one.
            columns.reverse();
            pages.reverse();
        }
        let vis_start = vis_start.unwrap_or(vis_end);
        self.view = View {
            columns,
            pages,
            page_count,
            visible: vis_start..vis_end.max(vis_start),
        };
    }

    // ----- search -----

    fn open_prompt(&mut self, kind: PromptKind) {
        self.prompt = Some(Prompt {
            kind,
            text: String::new(),
            origin: self.top,
        });
        if matches!(kind, PromptKind::Search { .. }) {
            self.set_message(
                "type to search · Enter keep · Esc cancel · Ctrl-r regex",
                false,
            );
        }
    }

    fn update_prompt(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        let Some(mut prompt) = self.prompt.take() else {
            return;
        };
        match action {
            Action::Close => {
                self.top = prompt.origin;
                if matches!(prompt.kind, PromptKind::Search { .. }) {
                    self.search = None;
                }
                self.cancel_name();
                return;
            }
            Action::Confirm => {
                match prompt.kind {
                    PromptKind::Command => self.run_command(&prompt.text),
                    PromptKind::Search { .. } => self.finish_search(&prompt),
                    PromptKind::BookmarkName | PromptKind::RenameBookmark => {
                        self.confirm_name(prompt.kind, &prompt.text)
                    }
                }
                return;
            }
            Action::DeleteBack => {
                if prompt.text.pop().is_none() {
                    // Backspace on an empty prompt closes it, like a shell line editor would.
                    self.top = prompt.origin;
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
                    let on = if self.script_search { "on" } else { "off" };
                    self.set_message(format!("简/繁 match each other: {on}"), false);
                }
            }
            Action::Insert(c) => {
                if c == '?'
                    && prompt.text.is_empty()
                    && prompt.kind == (PromptKind::Search { backward: true })
                {
                    self.overlay = Overlay::Help { scroll: 0 };
                    self.top = prompt.origin;
                    return;
                }
                if !c.is_control() {
                    prompt.text.push(c);
                }
            }
            Action::Paste(s) => prompt.text.extend(s.chars().filter(|c| !c.is_control())),
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

    /// The view follows the query as it is typed.
    fn incremental(&mut self, prompt: &Prompt, backward: bool) {
        self.top = prompt.origin;
        let folded = self.script_search
            && !self.regex_mode
            && prompt.text.chars().any(crate::view::convert::is_han);
        let result = if folded {
            let opts = crate::view::search::SearchOptions {
                script_insensitive: true,
                ignore_ascii_case: !search::is_case_sensitive(&prompt.text),
            };
            let mut ranges: Vec<Range<usize>> =
                crate::view::search::find_iter(&self.doc.text, &prompt.text, &opts)
                    .take(search::MAX_MATCHES + 1)
                    .collect();
            let truncated = ranges.len() > search::MAX_MATCHES;
            ranges.truncate(search::MAX_MATCHES);
            Ok(Matches { ranges, truncated })
        } else {
            search::find_all(&self.doc.text, &prompt.text, self.regex_mode)
        };
        let (matches, error) = match result {
            Ok(m) => (m, None),
            Err(e) => (Matches::default(), Some(e)),
        };
        let origin_abs = self.doc.offset_of(prompt.origin);
        let current = if backward {
            matches
                .last_before(origin_abs)
                .or_else(|| matches.ranges.len().checked_sub(1))
        } else {
            matches
                .first_from(origin_abs)
                .or((!matches.ranges.is_empty()).then_some(0))
        };
        self.search = Some(SearchState {
            query: prompt.text.clone(),
            regex: self.regex_mode,
            backward,
            matches,
            current,
            error,
        });
        if let Some(i) = current {
            self.show_match(i, false);
        }
    }

    fn finish_search(&mut self, prompt: &Prompt) {
        let Some(s) = &self.search else {
            return;
        };
        if prompt.text.is_empty() {
            self.search = None;
            self.top = prompt.origin;
            return;
        }
        if let Some(e) = &s.error {
            self.set_message(e.clone(), true);
            self.search = None;
            self.top = prompt.origin;
            return;
        }
        if s.matches.ranges.is_empty() {
            let text = format!("not found: {}", prompt.text);
            self.set_message(text, true);
            self.search = None;
            self.top = prompt.origin;
            return;
        }
        // Record the jump from where the search started.
        if self.top != prompt.origin {
            let to = self.top;
            self.top = prompt.origin;
            self.jump(to);
        }
    }

    /// Make match `i` current and bring it on screen (a page turn only when it is not visible).
    fn show_match(&mut self, i: usize, record_jump: bool) {
        let Some(s) = &mut self.search else {
            return;
        };
        let Some(r) = s.matches.ranges.get(i).cloned() else {
            return;
        };
        s.current = Some(i);
        self.refresh();
        if self.view_holds(r.start) {
            return;
        }
        let pos = self.doc.position_of(r.start);
        let to = self.page_top_for(pos);
        if record_jump {
            self.jump(to);
        } else {
            self.top = to;
        }
        self.refresh();
    }

    fn view_holds(&self, abs: usize) -> bool {
        self.view.columns.iter().flatten().any(|l| {
            let s = l.chapter_start + l.range.start;
            let e = l.chapter_start + l.range.end;
            l.kind != LineKind::Blank && s <= abs && abs < e
        })
    }

    /// `n`/`N`: the next match in the search's direction (`forward`) or against it.
    fn step_match(&mut self, forward: bool, times: usize) {
        let Some(s) = &self.search else {
            self.set_message("no search: type / to search", false);
            return;
        };
        let n = s.matches.ranges.len();
        if n == 0 {
            return;
        }
        let ahead = forward != s.backward;
        let mut wrapped = false;
        let mut idx = match s.current {
            Some(c) if self.view_holds(s.matches.ranges[c].start) => c,
            _ => {
                // The current match is off screen: start from the view.
                let start = self.view.visible.start;
                let (i, w) = if ahead {
                    match s.matches.first_from(start) {
                        Some(i) => (i, false),
                        None => (0, true),
                    }
                } else {
                    match s.matches.last_before(self.view.visible.end) {
                        Some(i) => (i, false),
                        None => (n - 1, true),
                    }
                };
                wrapped = w;
                // The first step lands on `i` itself.
                if ahead { i + n - 1 } else { i + 1 }
            }
        } % n;
        for _ in 0..times {
            if ahead {
                if idx + 1 == n {
                    wrapped = true;
                }
                idx = (idx + 1) % n;
            } else {
                if idx == 0 {
                    wrapped = true;
                }
                idx = (idx + n - 1) % n;
            }
        }
        self.show_match(idx, true);
        if wrapped {
            let text = if ahead {
                "search hit the end, continued from the start"
            } else {
                "search hit the start, continued from the end"
            };
            self.set_message(text, false);
        }
    }

    /// Is absolute byte `abs` inside a match? `Some(true)` for the current match.
    pub fn match_at(&self, abs: usize) -> Option<bool> {
        let s = self.search.as_ref()?;
        let i = s.matches.containing(abs)?;
        Some(s.current == Some(i))
    }

    // ----- command line -----

    fn run_command(&mut self, text: &str) {
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
                Err(_) => self.set_message(format!("not a percentage: {cmd}"), true),
            }
            return;
        }
        match cmd.parse::<usize>() {
            Ok(n) => self.goto_chapter(n),
            Err(_) => self.set_message(format!("unknown command: {cmd} (try :42 or :37%)"), true),
        }
    }

    // ----- table of contents -----

    fn open_toc(&mut self) {
        let entries: Vec<usize> = (0..self.doc.chapters.len()).collect();
        let selected = self.top.chapter.min(entries.len().saturating_sub(1));
        self.overlay = Overlay::Toc(TocState {
            filter: String::new(),
            filtering: false,
            entries,
            selected,
            // The current chapter in the middle of the list, where the eye looks first.
            scroll: selected.saturating_sub(self.toc_rows() / 2),
        });
        self.scroll_toc_into_view();
    }

    fn toc_rows(&self) -> usize {
        (self.geometry.toc_list().height as usize).max(1)
    }

    fn scroll_toc_into_view(&mut self) {
        let rows = self.toc_rows();
        if let Overlay::Toc(t) = &mut self.overlay {
            let last = t.entries.len().saturating_sub(1);
            t.selected = t.selected.min(last);
            if t.selected < t.scroll {
                t.scroll = t.selected;
            } else if t.selected >= t.scroll + rows {
                // Keep a little context above the selection when jumping far.
                t.scroll = t.selected + 1 - rows;
            }
            let max_scroll = t.entries.len().saturating_sub(rows);
            t.scroll = t.scroll.min(max_scroll);
        }
    }

    fn refilter(&mut self) {
        let current = self.top.chapter;
        let doc = &self.doc;
        if let Overlay::Toc(t) = &mut self.overlay {
            let needle = t.filter.to_lowercase();
            let keep_selected = t.entries.get(t.selected).copied();
            t.entries = (0..doc.chapters.len())
                .filter(|&i| {
                    needle.is_empty() || doc.chapters[i].title.to_lowercase().contains(&needle)
                })
                .collect();
            t.selected = keep_selected
                .and_then(|c| t.entries.iter().position(|&e| e == c))
                .or_else(|| t.entries.iter().position(|&e| e == current))
                .unwrap_or(0);
            t.scroll = 0;
        }
        self.scroll_toc_into_view();
    }

    fn update_toc(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        let rows = self.toc_rows();
        let Overlay::Toc(t) = &mut self.overlay else {
            return;
        };
        let n = t.entries.len();
        match action {
            Action::SelectNext => t.selected = (t.selected + 1).min(n.saturating_sub(1)),
            Action::SelectPrev => t.selected = t.selected.saturating_sub(1),
            Action::SelectPageDown => t.selected = (t.selected + rows).min(n.saturating_sub(1)),
            Action::SelectPageUp => t.selected = t.selected.saturating_sub(rows),
            Action::SelectFirst => t.selected = 0,
            Action::SelectLast => t.selected = n.saturating_sub(1),
            Action::Wheel { down } => {
                let max_scroll = n.saturating_sub(rows);
                t.scroll = if down {
                    (t.scroll + 3).min(max_scroll)
                } else {
                    t.scroll.saturating_sub(3)
                };
                // Keep the selection among the rows on screen (never a panicking clamp).
                let last_shown = (t.scroll + rows - 1).min(n.saturating_sub(1));
                t.selected = t.selected.max(t.scroll).min(last_shown);
                return;
            }
            Action::Click { column, row } => {
                let list = self.geometry.toc_list();
                let boxr = self.geometry.toc_box();
                let inside_box = column >= boxr.x
                    && column < boxr.x + boxr.width
                    && row >= boxr.y
                    && row < boxr.y + boxr.height;
                if !inside_box {
                    self.overlay = Overlay::None;
                    return;
                }
                if row >= list.y && row < list.y + list.height {
                    let idx = t.scroll + (row - list.y) as usize;
                    if let Some(&ch) = t.entries.get(idx) {
                        self.overlay = Overlay::None;
                        self.jump(Position::new(ch, 0));
                    }
                }
                return;
            }
            Action::Confirm => {
                if let Some(&ch) = t.entries.get(t.selected) {
                    self.overlay = Overlay::None;
                    self.jump(Position::new(ch, 0));
                } else {
                    self.set_message("no chapter matches the filter", true);
                }
                return;
            }
            Action::StartFilter => t.filtering = true,
            Action::Insert(c) => {
                if !c.is_control() {
                    t.filtering = true;
                    t.filter.push(c);
                    self.refilter();
                }
                return;
            }
            Action::Paste(s) => {
                t.filtering = true;
                t.filter.extend(s.chars().filter(|c| !c.is_control()));
                self.refilter();
                return;
            }
            Action::DeleteBack => {
                t.filter.pop();
                self.refilter();
                return;
            }
            Action::Close => {
                if t.filtering {
                    t.filtering = false;
                    t.filter.clear();
                    self.refilter();
                } else {
                    self.overlay = Overlay::None;
                }
                return;
            }
            Action::ToggleToc => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Help => {
                self.overlay = Overlay::Help { scroll: 0 };
                return;
            }
            _ => return,
        }
        self.scroll_toc_into_view();
    }

    // ----- help -----

    /// Rows of the help screen (built from the keymap).
    /// On a narrow screen each description gets a line of its own under its keys.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let narrow = self.geometry.help_text().width < 60;
        let mut out = Vec::new();
        for (i, section) in self.keymap.help_rows().into_iter().enumerate() {
            if i > 0 {
                out.push(HelpLine::Blank);
            }
            out.push(HelpLine::Section(section.mode.title().to_string()));
            for row in section.rows {
                let keys = row.keys.join(" ");
                if narrow {
                    out.push(HelpLine::Row {
                        keys,
                        description: String::new(),
                    });
                    out.push(HelpLine::Detail(row.description));
                } else {
                    out.push(HelpLine::Row {
                        keys,
                        description: row.description,
                    });
                }
            }
        }
        out.push(HelpLine::Blank);
        out.push(HelpLine::Note(
            "Counts: 42g chapter 42 · 37% percent · 3n three matches/chapters on".into(),
        ));
        out.push(HelpLine::Note(
            "Typing in the contents filters it; ?? (? on an empty backward search) opens help"
                .into(),
        ));
        out
    }

    fn help_max_scroll(&self) -> usize {
        let rows = self.geometry.help_text().height as usize;
        self.help_lines().len().saturating_sub(rows)
    }

    fn update_help(&mut self, action: Action) {
        if self.common(&action) {
            return;
        }
        let rows = (self.geometry.help_text().height as usize).max(1);
        let max = self.help_max_scroll();
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        match action {
            Action::LineDown | Action::SelectNext => *scroll = (*scroll + 1).min(max),
            Action::LineUp | Action::SelectPrev => *scroll = scroll.saturating_sub(1),
            Action::NextPage => *scroll = (*scroll + rows).min(max),
            Action::PrevPage => *scroll = scroll.saturating_sub(rows),
            Action::Wheel { down: true } => *scroll = (*scroll + 3).min(max),
            Action::Wheel { down: false } => *scroll = scroll.saturating_sub(3),
            Action::Close | Action::Help | Action::Click { .. } => self.overlay = Overlay::None,
            _ => {}
        }
    }
}

/// One row of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Section(String),
    Row {
        keys: String,
        description: String,
    },
    /// A description on its own line (narrow screens).
    Detail(String),
    Note(String),
    Blank,
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

/// First non-spacer line at or after `idx`.
fn first_text_line_from(cl: &ChapterLayout, idx: usize) -> Option<usize> {
    cl.lines
        .get(idx..)?
        .iter()
        .position(|l| l.kind != LineKind::Blank)
        .map(|i| i + idx)
}

/// Last non-spacer line before `idx`.
fn last_text_line_before(cl: &ChapterLayout, idx: usize) -> Option<usize> {
    let end = idx.min(cl.lines.len());
    cl.lines[..end]
        .iter()
        .rposition(|l| l.kind != LineKind::Blank)
}

fn line_start(cl: &ChapterLayout, i: usize) -> usize {
    cl.lines.get(i).map(|l| l.range.start).unwrap_or(0)
}
