//! `Action`: everything the reader can be asked to do, by a key, the mouse or the terminal.
//!
//! Bindable actions have a stable snake_case name (used by the keymap and configuration) and a
//! description (shown on the help screen). Actions that carry data (typed characters, count
//! digits, resizes, mouse positions) are produced by the input layer directly and are not
//! bindable.

/// Something the reader should do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    // Reading.
    NextPage,
    PrevPage,
    LineDown,
    LineUp,
    NextChapter,
    PrevChapter,
    /// `n`: the next search match while a search is active, else the next chapter.
    NextMatchOrChapter,
    BookStart,
    BookEnd,
    /// Go to the count typed before it, as a percentage of the book.
    Percent,
    CommandLine,
    JumpBack,
    JumpForward,
    SearchForward,
    SearchBackward,
    SearchNext,
    SearchPrev,
    ToggleToc,
    /// Show the text as written, in Simplified, or in Traditional characters (in turn).
    ToggleScript,
    /// Hide pinyin annotations and HTML leftovers, or show them again.
    ToggleClean,
    /// Vertical pages (columns right to left) or horizontal lines.
    ToggleVertical,
    /// In the search prompt: Simplified and Traditional characters match each other, or not.
    ToggleScriptSearch,
    /// Wider or narrower text column; next theme; two pages on or off; save those settings.
    Wider,
    Narrower,
    CycleTheme,
    ToggleSpread,
    SaveSettings,
    Help,
    /// Close whatever is open (popup, prompt, search highlight, count).
    Close,
    /// Repaint the whole screen (after something else wrote to the terminal).
    Redraw,
    Quit,
    // Lists (table of contents).
    SelectNext,
    SelectPrev,
    SelectPageDown,
    SelectPageUp,
    SelectFirst,
    SelectLast,
    StartFilter,
    // Prompts.
    Confirm,
    DeleteBack,
    ToggleRegex,
    // Bookmarks and the library.
    /// Add a bookmark at the top of the page (asks for an optional name).
    AddBookmark,
    /// Open (or close) the bookmark list.
    BookmarkList,
    /// Open (or close) the library of recent books.
    Library,
    RenameBookmark,
    DeleteBookmark,
    /// Bring back the bookmark deleted last.
    UndoDelete,
    // Produced by the input layer, not bindable.
    /// A typed character in a prompt or filter.
    Insert(char),
    /// A digit of a count prefix.
    Digit(u8),
    /// Pasted text (bracketed paste) for a prompt or filter.
    Paste(String),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Mouse wheel towards the reader (`true`) or away.
    Wheel {
        down: bool,
    },
    /// Left click at column, row.
    Click {
        column: u16,
        row: u16,
    },
}

/// Every bindable action, in help order.
pub const BINDABLE: &[Action] = &[
    Action::NextPage,
    Action::PrevPage,
    Action::LineDown,
    Action::LineUp,
    Action::NextChapter,
    Action::PrevChapter,
    Action::NextMatchOrChapter,
    Action::BookStart,
    Action::BookEnd,
    Action::Percent,
    Action::CommandLine,
    Action::JumpBack,
    Action::JumpForward,
    Action::SearchForward,
    Action::SearchBackward,
    Action::SearchNext,
    Action::SearchPrev,
    Action::ToggleToc,
    Action::ToggleScript,
    Action::ToggleClean,
    Action::ToggleVertical,
    Action::Wider,
    Action::Narrower,
    Action::CycleTheme,
    Action::ToggleSpread,
    Action::SaveSettings,
    Action::Help,
    Action::Close,
    Action::Redraw,
    Action::Quit,
    Action::SelectNext,
    Action::SelectPrev,
    Action::SelectPageDown,
    Action::SelectPageUp,
    Action::SelectFirst,
    Action::SelectLast,
    Action::StartFilter,
    Action::Confirm,
    Action::DeleteBack,
    Action::ToggleRegex,
    Action::ToggleScriptSearch,
    Action::AddBookmark,
    Action::BookmarkList,
    Action::Library,
    Action::RenameBookmark,
    Action::DeleteBookmark,
    Action::UndoDelete,
];

impl Action {
    /// Stable name for configuration files; `None` for actions that are not bindable.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Action::NextPage => "next_page",
            Action::PrevPage => "prev_page",
            Action::LineDown => "line_down",
            Action::LineUp => "line_up",
            Action::NextChapter => "next_chapter",
            Action::PrevChapter => "prev_chapter",
            Action::NextMatchOrChapter => "next_match_or_chapter",
            Action::BookStart => "book_start",
            Action::BookEnd => "book_end",
            Action::Percent => "percent",
            Action::CommandLine => "command_line",
            Action::JumpBack => "jump_back",
            Action::JumpForward => "jump_forward",
            Action::SearchForward => "search_forward",
            Action::SearchBackward => "search_backward",
            Action::SearchNext => "search_next",
            Action::SearchPrev => "search_prev",
            Action::ToggleToc => "toggle_toc",
            Action::ToggleScript => "toggle_script",
            Action::ToggleClean => "toggle_clean",
            Action::ToggleVertical => "toggle_vertical",
            Action::ToggleScriptSearch => "toggle_script_search",
            Action::Wider => "wider",
            Action::Narrower => "narrower",
            Action::CycleTheme => "cycle_theme",
            Action::ToggleSpread => "toggle_spread",
            Action::SaveSettings => "save_settings",
            Action::Help => "help",
            Action::Close => "close",
            Action::Redraw => "redraw",
            Action::Quit => "quit",
            Action::SelectNext => "select_next",
            Action::SelectPrev => "select_prev",
            Action::SelectPageDown => "select_page_down",
            Action::SelectPageUp => "select_page_up",
            Action::SelectFirst => "select_first",
            Action::SelectLast => "select_last",
            Action::StartFilter => "start_filter",
            Action::Confirm => "confirm",
            Action::DeleteBack => "delete_back",
            Action::ToggleRegex => "toggle_regex",
            Action::AddBookmark => "add_bookmark",
            Action::BookmarkList => "bookmarks",
            Action::Library => "library",
            Action::RenameBookmark => "rename",
            Action::DeleteBookmark => "delete",
            Action::UndoDelete => "undo",
            _ => return None,
        })
    }

    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().find(|a| a.name() == Some(name)).cloned()
    }

    /// What the action does, for the help screen.
    pub fn description(&self) -> &'static str {
        match self {
            Action::NextPage => "next page",
            Action::PrevPage => "previous page",
            Action::LineDown => "scroll down a line",
            Action::LineUp => "scroll up a line",
            Action::NextChapter => "next chapter",
            Action::PrevChapter => "previous chapter",
            Action::NextMatchOrChapter => "next match while searching, else next chapter",
            Action::BookStart => "start of the book (with a count: that chapter)",
            Action::BookEnd => "end of the book (with a count: that chapter)",
            Action::Percent => "with a count: go to that percent of the book",
            Action::CommandLine => "command line: :42 chapter 42, :37% percent",
            Action::JumpBack => "jump back (before the last jump)",
            Action::JumpForward => "jump forward again",
            Action::SearchForward => "search forward",
            Action::SearchBackward => "search backward (?? opens help)",
            Action::SearchNext => "next match",
            Action::SearchPrev => "previous match",
            Action::ToggleToc => "table of contents",
            Action::ToggleScript => "script: as written → 简体 → 繁體",
            Action::ToggleClean => "clean view: hide pinyin and HTML leftovers",
            Action::ToggleVertical => "vertical pages (竖排), read right to left",
            Action::ToggleScriptSearch => "简/繁 characters match each other on/off",
            Action::Wider => "wider text column",
            Action::Narrower => "narrower text column",
            Action::CycleTheme => "next colour theme",
            Action::ToggleSpread => "two pages side by side, or one",
            Action::SaveSettings => "save width, theme and spread to config.toml",
            Action::Help => "this help",
            Action::Close => "close / clear search",
            Action::Redraw => "repaint the screen",
            Action::Quit => "quit",
            Action::SelectNext => "next entry",
            Action::SelectPrev => "previous entry",
            Action::SelectPageDown => "a page of entries down",
            Action::SelectPageUp => "a page of entries up",
            Action::SelectFirst => "first entry",
            Action::SelectLast => "last entry",
            Action::StartFilter => "filter by title (or just type)",
            Action::Confirm => "jump there / run",
            Action::DeleteBack => "delete a character",
            Action::ToggleRegex => "regex on/off",
            Action::AddBookmark => "bookmark the top of the page (asks for a name)",
            Action::BookmarkList => "bookmarks",
            Action::Library => "library of recent books",
            Action::RenameBookmark => "rename the bookmark",
            Action::DeleteBookmark => "delete the bookmark",
            Action::UndoDelete => "undo the last delete",
            Action::Insert(_) => "type a character",
            Action::Digit(_) => "count prefix",
            Action::Paste(_) => "paste",
            Action::Resize(..) => "resize",
            Action::Wheel { .. } => "scroll",
            Action::Click { .. } => "click",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in BINDABLE {
            let name = a.name().unwrap();
            assert_eq!(Action::from_name(name).as_ref(), Some(a));
        }
        assert_eq!(Action::Insert('x').name(), None);
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
