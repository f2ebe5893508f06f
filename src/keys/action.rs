//! `Action`: everything the reader can be asked to do, by a key, the mouse or the terminal.
//!
//! Each bindable action is declared once, in the `actions!` table below, with its stable
//! snake_case name (what `config.toml` binds) and its description (what the help screen says).
//! Actions that carry data (typed characters, count digits, resizes, mouse positions) come from
//! the input layer directly and are not bindable. Owns no key and no behaviour: what an action
//! does is decided by the reader and its panels.

use super::Mode;

/// Declares `Action` with the bindable actions first (name and description beside each), then
/// the input-only variants, and derives `BINDABLE`, `name` and `description` from it.
macro_rules! actions {
    (
        bindable {
            $( $(#[$meta:meta])* $variant:ident = $name:literal : $desc:literal, )*
        }
        input { $($input:tt)* }
    ) => {
        /// Something the reader should do.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$meta])* $variant, )*
            $($input)*
        }

        /// Every bindable action, in help order.
        pub const BINDABLE: &[Action] = &[ $( Action::$variant, )* ];

        impl Action {
            /// Stable name for configuration files; `None` for actions that are not bindable.
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $( Action::$variant => Some($name), )*
                    _ => None,
                }
            }

            /// What the action does, for the help screen (empty for input-only actions).
            pub fn description(&self) -> &'static str {
                match self {
                    $( Action::$variant => $desc, )*
                    _ => "",
                }
            }
        }
    };
}

actions! {
    bindable {
        NextPage = "next_page": "next page",
        PrevPage = "prev_page": "previous page",
        /// The page to the left: the previous one, or in vertical pages (read right to left)
        /// the next one.
        PageLeft = "page_left": "page to the left (vertical pages: the next one)",
        PageRight = "page_right": "page to the right (vertical pages: the previous one)",
        LineDown = "line_down": "scroll down a line",
        LineUp = "line_up": "scroll up a line",
        HalfPageDown = "half_page_down": "scroll down half a page",
        HalfPageUp = "half_page_up": "scroll up half a page",
        /// Hide the status bar until pressed again (messages still show).
        ToggleZen = "toggle_zen": "zen: hide the status bar, or show it again",
        NextChapter = "next_chapter": "next chapter",
        PrevChapter = "prev_chapter": "previous chapter",
        /// The next search match while a search is active, else the next chapter.
        NextMatchOrChapter = "next_match_or_chapter":
            "next match while searching, else next chapter",
        BookStart = "book_start": "start of the book (with a count: that chapter)",
        BookEnd = "book_end": "end of the book (with a count: that chapter)",
        /// Go to the count typed before it, as a percentage of the book.
        Percent = "percent": "with a count: go to that percent of the book",
        CommandLine = "command_line": "command line: :42 chapter 42, :2.1, :+3, :37% percent",
        JumpBack = "jump_back": "jump back (before the last jump)",
        JumpForward = "jump_forward": "jump forward again",
        SearchForward = "search_forward": "search forward",
        SearchBackward = "search_backward": "search backward (?? opens help)",
        SearchNext = "search_next": "next match",
        SearchPrev = "search_prev": "previous match",
        /// Every match of the search with its chapter and a line of context.
        SearchResults = "search_results": "every match of the search, in a list",
        ToggleToc = "toggle_toc": "table of contents",
        /// Show the text as written, in Simplified, or in Traditional characters (in turn).
        ToggleScript = "toggle_script": "script: as written → 简体 → 繁體",
        /// Hide pinyin annotations and HTML leftovers, or show them again.
        ToggleClean = "toggle_clean": "clean view: hide pinyin and HTML leftovers",
        /// Vertical pages (columns right to left) or horizontal lines.
        ToggleVertical = "toggle_vertical": "vertical pages (竖排), read right to left",
        Wider = "wider": "wider text column",
        Narrower = "narrower": "narrower text column",
        CycleTheme = "cycle_theme": "next colour theme",
        ToggleSpread = "toggle_spread": "two pages side by side, or one",
        SaveSettings = "save_settings": "save width, theme and spread to config.toml",
        Help = "help": "this help",
        /// Close whatever is open (popup, prompt, search highlight, count).
        Close = "close": "close / clear search",
        /// Repaint the whole screen (after something else wrote to the terminal).
        Redraw = "redraw": "repaint the screen",
        Quit = "quit": "quit",
        SelectNext = "select_next": "next entry",
        SelectPrev = "select_prev": "previous entry",
        SelectPageDown = "select_page_down": "a page of entries down",
        SelectPageUp = "select_page_up": "a page of entries up",
        SelectFirst = "select_first": "first entry",
        SelectLast = "select_last": "last entry",
        StartFilter = "start_filter": "filter by title (or just type)",
        /// In the contents: hide a volume's chapters (from a chapter: its volume's).
        FoldVolume = "fold": "fold the volume",
        /// In the contents: show a folded volume's chapters.
        UnfoldVolume = "unfold": "unfold the volume",
        Confirm = "confirm": "jump there / run",
        DeleteBack = "delete_back": "delete a character",
        /// Prompt editing, as on a shell line.
        CursorLeft = "cursor_left": "cursor a character left",
        CursorRight = "cursor_right": "cursor a character right",
        LineStart = "line_start": "cursor to the start of the line",
        LineEnd = "line_end": "cursor to the end of the line",
        DeleteForward = "delete_forward": "delete the character under the cursor",
        DeleteWord = "delete_word": "delete the word before the cursor",
        DeleteToStart = "delete_to_start": "delete everything before the cursor",
        /// The search history (kept for every book).
        HistoryPrev = "history_prev": "earlier search",
        HistoryNext = "history_next": "later search",
        ToggleRegex = "toggle_regex": "regex on/off",
        /// In the search prompt: Simplified and Traditional characters match each other, or not.
        ToggleScriptSearch = "toggle_script_search": "简/繁 characters match each other on/off",
        /// Add a bookmark at the top of the page (asks for an optional name).
        AddBookmark = "add_bookmark": "bookmark the top of the page (asks for a name)",
        /// Open (or close) the bookmark list.
        BookmarkList = "bookmarks": "bookmarks",
        /// Open (or close) the library of recent books.
        Library = "library": "library of recent books",
        /// List the links on the page with where they go (Enter follows one in the book).
        Links = "links": "links on this page and where they go",
        /// Show the text of the footnotes referenced on the page, in a popup.
        Notes = "footnotes": "the footnotes referenced on this page",
        /// Ruby readings after their word, as 漢字(かんじ), or hidden (in turn).
        ToggleRuby = "toggle_ruby": "ruby readings: 漢字(かんじ) or hidden",
        /// The images on the page: name in the book, type, size, pixel dimensions.
        Images = "images": "the images on this page: name, type, size, pixels",
        /// Open (or close) the file picker on the folder of the book.
        OpenPicker = "open_picker": "open a book from a folder",
        /// The library's order: last read, title, progress (in turn).
        CycleSort = "cycle_sort": "sort by last read, title or progress",
        RenameBookmark = "rename": "rename the bookmark",
        DeleteBookmark = "delete": "delete the bookmark",
        /// Bring back the bookmark deleted last.
        UndoDelete = "undo": "undo the last delete",
        /// Start selecting text at the first character of the page.
        Select = "select": "select text (then copy or highlight it)",
        /// Copy a paragraph: in the reader the one at the top of the page, while selecting the
        /// one under the cursor.
        CopyParagraph = "copy_paragraph": "copy the paragraph at the top of the page",
        /// While selecting: the cursor a line down or up (vertical pages: a character).
        CursorDown = "cursor_down": "cursor a line down",
        CursorUp = "cursor_up": "cursor a line up",
        WordNext = "word_next": "cursor to the next word (Chinese: the next character)",
        WordPrev = "word_prev": "cursor to the word before (Chinese: the character before)",
        ParagraphNext = "paragraph_next": "cursor to the next paragraph",
        ParagraphPrev = "paragraph_prev": "cursor to the start of the paragraph (or the one before)",
        /// The cursor goes to the other end of the selection.
        SwapEnds = "swap_ends": "go to the other end of the selection",
        Copy = "copy": "copy the selected text to the clipboard",
        /// Highlight the selection in the colour used last (the first colour at the start).
        Highlight = "highlight": "highlight the selection (in the colour used last)",
        HighlightFirst = "highlight_first": "highlight it in the first colour",
        HighlightSecond = "highlight_second": "highlight it in the second colour",
        HighlightThird = "highlight_third": "highlight it in the third colour",
        HighlightFourth = "highlight_fourth": "highlight it in the fourth colour",
        /// Highlight the selection, then type a note for it.
        HighlightNote = "highlight_note": "highlight the selection and write a note",
        /// Open (or close) the list of highlights and their notes.
        HighlightList = "highlights": "highlights and notes",
        /// Edit a highlight's note in the note editor (in the reader: the first note on the page).
        EditNote = "edit_note": "edit the note of the highlight on this page",
        /// In the note editor: a line break.
        NewLine = "new_line": "a new line",
        /// In the note editor: edit the note in $VISUAL or $EDITOR instead.
        ExternalEditor = "external_editor": "edit the note in $VISUAL / $EDITOR",
    }
    input {
        /// A typed character in a prompt or filter.
        Insert(char),
        /// A digit of a count prefix.
        Digit(u8),
        /// Pasted text (bracketed paste) for a prompt or filter.
        Paste(String),
        /// The terminal is now this many columns and rows.
        Resize(u16, u16),
        /// Mouse wheel towards the reader (`true`) or away.
        Wheel { down: bool },
        /// Left click at column, row.
        Click { column: u16, row: u16 },
        /// The mouse moved to column, row with the left button held (a drag selects).
        Drag { column: u16, row: u16 },
    }
}

/// Where an action means something more specific in one mode, the help screen says that.
const IN_MODE: &[(Mode, Action, &str)] = &[
    (Mode::Toc, Action::Close, "close the contents"),
    (Mode::Toc, Action::Confirm, "jump to the chapter"),
    (Mode::TocFilter, Action::Close, "clear the filter"),
    (Mode::TocFilter, Action::Confirm, "jump to the chapter"),
    (Mode::Help, Action::Close, "close the help"),
    (Mode::Bookmarks, Action::Close, "close the list"),
    (
        Mode::Library,
        Action::Close,
        "clear the filter, else close the library",
    ),
    (
        Mode::Library,
        Action::StartFilter,
        "filter by title or file name (or just type)",
    ),
    (Mode::Library, Action::Confirm, "open the book"),
    (
        Mode::Library,
        Action::DeleteBookmark,
        "remove the book from the library",
    ),
    (
        Mode::Library,
        Action::UndoDelete,
        "bring back the book removed last",
    ),
    (
        Mode::Picker,
        Action::Close,
        "clear what is typed, else close",
    ),
    (
        Mode::Picker,
        Action::Confirm,
        "open the book or folder (or the path typed)",
    ),
    (
        Mode::Picker,
        Action::DeleteBack,
        "delete a character, else up a folder",
    ),
    (Mode::Highlights, Action::Confirm, "jump to the highlight"),
    (Mode::Highlights, Action::EditNote, "edit its note"),
    (
        Mode::Highlights,
        Action::DeleteBookmark,
        "delete the highlight",
    ),
    (
        Mode::Highlights,
        Action::UndoDelete,
        "bring back the highlight deleted last",
    ),
    (
        Mode::Highlights,
        Action::Close,
        "clear the filter, else close the list",
    ),
    (
        Mode::HighlightsFilter,
        Action::Confirm,
        "jump to the highlight",
    ),
    (
        Mode::HighlightsFilter,
        Action::Close,
        "stop typing (the filter stays)",
    ),
    (Mode::NoteEditor, Action::Confirm, "save the note"),
    (
        Mode::NoteEditor,
        Action::Close,
        "cancel: the old note stays, a new highlight goes",
    ),
    (
        Mode::Highlights,
        Action::StartFilter,
        "filter by the words, the note or the chapter (or just type)",
    ),
    (
        Mode::NoteEditor,
        Action::DeleteToStart,
        "delete from the start of the line to the cursor",
    ),
    (
        Mode::NoteEditor,
        Action::DeleteBack,
        "delete a character (at a line start: join the lines)",
    ),
    (Mode::NoteEditor, Action::LineUp, "cursor a line up"),
    (Mode::NoteEditor, Action::LineDown, "cursor a line down"),
    (Mode::Help, Action::NextPage, "scroll down a page"),
    (Mode::Help, Action::PrevPage, "scroll up a page"),
    (Mode::Help, Action::SelectFirst, "the top of the help"),
    (Mode::Help, Action::SelectLast, "the end of the help"),
    (
        Mode::Prompt,
        Action::Close,
        "cancel (back to where the search started)",
    ),
    (
        Mode::Prompt,
        Action::Confirm,
        "keep the search / run the command",
    ),
    (Mode::Bookmarks, Action::Confirm, "go to the bookmark"),
    (Mode::Links, Action::Close, "close the list"),
    (
        Mode::Links,
        Action::Confirm,
        "follow the link (or show its address)",
    ),
    (Mode::Notes, Action::Close, "close the box"),
    (Mode::Notes, Action::NextPage, "scroll down a page"),
    (Mode::Notes, Action::PrevPage, "scroll up a page"),
    (Mode::Notes, Action::SelectFirst, "to the top"),
    (Mode::Notes, Action::SelectLast, "to the bottom"),
    (Mode::Select, Action::Close, "stop selecting"),
    (
        Mode::Select,
        Action::Select,
        "start the selection again at the cursor",
    ),
    (Mode::Select, Action::NextPage, "cursor a page on"),
    (Mode::Select, Action::PrevPage, "cursor a page back"),
    (
        Mode::Select,
        Action::CopyParagraph,
        "copy the paragraph under the cursor",
    ),
    (
        Mode::Select,
        Action::LineStart,
        "cursor to the start of the line",
    ),
    (
        Mode::Select,
        Action::LineEnd,
        "cursor to the end of the line",
    ),
];

impl Action {
    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().find(|a| a.name() == Some(name)).cloned()
    }

    /// What the action does in `mode`, for the help screen.
    pub fn description_in(&self, mode: Mode) -> &'static str {
        IN_MODE
            .iter()
            .find(|(m, a, _)| *m == mode && a == self)
            .map(|(_, _, d)| *d)
            .unwrap_or_else(|| self.description())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_snake_case() {
        for (i, a) in BINDABLE.iter().enumerate() {
            let name = a.name().unwrap();
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(!BINDABLE[..i].iter().any(|b| b.name() == Some(name)));
            assert_eq!(Action::from_name(name).as_ref(), Some(a));
            assert!(!a.description().is_empty(), "{name}");
        }
        assert_eq!(Action::Insert('x').name(), None);
        assert_eq!(Action::from_name("no_such_action"), None);
    }

    #[test]
    fn a_mode_can_say_more() {
        assert_eq!(Action::Close.description_in(Mode::Help), "close the help");
        assert_eq!(
            Action::Close.description_in(Mode::Library),
            "clear the filter, else close the library"
        );
        assert_eq!(
            Action::Close.description_in(Mode::Reader),
            "close / clear search"
        );
    }
}
