# kanshu's interface in English. One message a line: `key = text`, placeholders as { $name };
# an English plural takes indented lines. Every key here is in zh-Hans.ftl and zh-Hant.ftl too.

## Reading: messages in the status bar
msg-count-first-percent = type a number first, e.g. 37%
msg-count-first-key = type a number first, e.g. 37{ $key }
msg-count-first = type a number first
msg-no-earlier-jump = no earlier jump
msg-no-later-jump = no later jump
msg-book-end = end of the book
msg-book-start = start of the book
msg-last-chapter = last chapter
msg-first-chapter = first chapter
msg-no-chapter-total = no chapter { $n }: the book has { $total ->
        [one] { $total } chapter
       *[other] { $total } chapters
    }
msg-percent-range = a percentage is between 0 and 100

## Bookmarks
msg-bookmarks-need-file = bookmarks are kept for books opened from a file
msg-no-bookmarks-key = no bookmarks yet: { $key } adds one
msg-no-bookmarks = no bookmarks yet
msg-bookmark-deleted-undo = deleted “{ $name }” · { $key } undoes
msg-bookmark-deleted = deleted “{ $name }”
msg-nothing-to-undo = nothing to undo
msg-bookmark-restored = restored “{ $name }”
msg-bookmarked = bookmarked: { $name }

## The library
sort-last-read = last read
sort-title = title
sort-progress = progress
msg-no-library = no library: the config directory is unavailable
msg-library-empty = the library is empty: books you read show up here
msg-file-gone = the file is gone: { $path }
msg-sorted-by = sorted by { $order }
msg-current-stays = the book open now stays in the library
msg-removed-undo = removed from the library ({ $key } undoes): { $title }
msg-removed = removed from the library: { $title }
msg-back-in-library = { $title } is back in the library
msg-opened = opened { $title }

## Links, footnotes, zen and the time left
msg-no-links = no links on this page
msg-no-anchor = no place #{ $anchor } in this book
msg-link = link: { $url }
link-place = { $chapter } · { $percent }%
link-missing = #{ $anchor } (not in this book)
msg-no-footnote = no footnote on this page
msg-speed-not-saved = reading speed not saved: { $reason }
msg-zen-on-key = zen: status bar hidden, { $key } shows it
msg-zen-on = zen: status bar hidden
msg-zen-off = status bar shown
time-under-minute = under 1 min
time-minutes = { $min } min
time-hours = { $hours } h { $min } min

## The file picker
msg-picker-cut = only the first { $count } entries
msg-no-such-path = no such file or folder: { $path }
msg-nothing-matches-typed = nothing matches what is typed

## Settings changed while reading
msg-width-shown = text width { $width } (the window shows { $shown })
msg-width = text width { $width }
msg-theme-no-color = theme { $name } (NO_COLOR is set: no colours)
msg-theme = theme { $name }
msg-spread-too-narrow = two pages: on (the window is too narrow for them)
msg-spread-two = two pages
msg-spread-one = one page
msg-no-config-file = no config file to save to
msg-settings-saved = settings saved to { $path }
msg-settings-not-saved = settings not saved: { $reason }

## Hints: a key and what it does, in footers and on the first screen
hint-key = { $key } { $what }
hint-help = help
hint-contents = contents
hint-search = search
hint-quit = quit
hint-jump = jump
hint-filter = filter
hint-fold = fold
hint-close = close
hint-open = open
hint-remove = remove
hint-undo = undo
hint-sort = sort
hint-files = files
hint-follow = follow
hint-scroll = scroll
hint-up = up
hint-rename = rename
hint-delete = delete
hint-keep = keep
hint-cancel = cancel
hint-regex = regex
hint-save = save
hint-new-line = new line
hint-editor = $EDITOR
hint-note = note
hint-done = done

## The prompt and the command line
msg-history-not-saved = cannot save the search history: { $reason }
msg-type-to-search = type to search
msg-script-search-on = 简/繁 match each other: on
msg-script-search-off = 简/繁 match each other: off
msg-not-percent = not a percentage: { $text }
msg-unknown-command = unknown command: { $text } (try :42, :2.1, :+3 or :37%)
prompt-bookmark-name = bookmark name:{ " " }
prompt-rename = rename:{ " " }

## Search
msg-no-search-to-list-key = no search to list: type { $key } to search
msg-no-search-to-list = no search to list
msg-still-counting = still counting the matches; try again in a moment
msg-no-match-filter = no match passes the filter
msg-search-thread = cannot search in the background: { $reason }
msg-not-found = not found: { $text }
search-too-costly = regex too costly to search a whole book (try a smaller repetition)
search-bad-regex = bad regex: { $reason }
msg-no-search-key = no search: type { $key } to search
msg-no-search = no search
msg-wrapped-end = search hit the end, continued from the start
msg-wrapped-start = search hit the start, continued from the end

## The contents
msg-no-chapter-filter = no chapter matches the filter
msg-chapter-in-volume = chapter { $number } of { $volume } (:{ $label }); { $others ->
        [one] { $others } more volume has
       *[other] { $others } more volumes have
    } a chapter { $number }
msg-no-volume-chapter-numbered = no chapter { $volume }.{ $number }: the book numbers { $total ->
        [one] { $total } chapter
       *[other] { $total } chapters
    }
msg-no-volume-chapter-total = no chapter { $volume }.{ $number }: the book has { $total ->
        [one] { $total } chapter
       *[other] { $total } chapters
    }
msg-no-chapter-numbered = no chapter { $number }: the book numbers { $total ->
        [one] { $total } chapter
       *[other] { $total } chapters
    }

## Views of the text
msg-offer-clean-both = { $key }: clean view, hides pinyin like 戰(zhàn) and HTML leftovers
msg-offer-clean-pinyin = { $key }: clean view, hides pinyin like 戰(zhàn)
msg-offer-clean-html = { $key }: clean view, hides HTML leftovers like </p>
msg-no-cjk-script = no Chinese characters in this book: 简/繁 would change nothing
msg-no-cjk-clean = no Chinese text in this book: no pinyin to hide
msg-no-cjk-vertical = vertical pages are for Chinese and Japanese text, not this book
msg-script-original = script: original
msg-script-simplified = script: simplified
msg-script-traditional = script: traditional
msg-clean-on = clean view: pinyin annotations and HTML leftovers hidden
msg-clean-off = clean view off: the text as written
msg-vertical-on = vertical pages
msg-vertical-off = horizontal pages

## Help: what each action does (the same words as src/keys/action.rs)
action-next_page = next page
action-prev_page = previous page
action-page_left = page to the left (vertical pages: the next one)
action-page_right = page to the right (vertical pages: the previous one)
action-line_down = scroll down a line
action-line_up = scroll up a line
action-half_page_down = scroll down half a page
action-half_page_up = scroll up half a page
action-toggle_zen = zen: hide the status bar, or show it again
action-next_chapter = next chapter
action-prev_chapter = previous chapter
action-next_match_or_chapter = next match while searching, else next chapter
action-book_start = start of the book (with a count: that chapter)
action-book_end = end of the book (with a count: that chapter)
action-percent = with a count: go to that percent of the book
action-command_line = command line: :42 chapter 42, :2.1, :+3, :37% percent
action-jump_back = jump back (before the last jump)
action-jump_forward = jump forward again
action-search_forward = search forward
action-search_backward = search backward (?? opens help)
action-search_next = next match
action-search_prev = previous match
action-search_results = every match of the search, in a list
action-toggle_toc = table of contents
action-toggle_script = script: as written → 简体 → 繁體
action-toggle_clean = clean view: hide pinyin and HTML leftovers
action-toggle_vertical = vertical pages (竖排), read right to left
action-wider = wider text column
action-narrower = narrower text column
action-cycle_theme = next colour theme
action-toggle_spread = two pages side by side, or one
action-save_settings = save width, theme and spread to config.toml
action-help = this help
action-close = close / clear search
action-redraw = repaint the screen
action-quit = quit
action-select_next = next entry
action-select_prev = previous entry
action-select_page_down = a page of entries down
action-select_page_up = a page of entries up
action-select_first = first entry
action-select_last = last entry
action-start_filter = filter by title (or just type)
action-fold = fold the volume
action-unfold = unfold the volume
action-confirm = jump there / run
action-delete_back = delete a character
action-cursor_left = cursor a character left
action-cursor_right = cursor a character right
action-line_start = cursor to the start of the line
action-line_end = cursor to the end of the line
action-delete_forward = delete the character under the cursor
action-delete_word = delete the word before the cursor
action-delete_to_start = delete everything before the cursor
action-history_prev = earlier search
action-history_next = later search
action-toggle_regex = regex on/off
action-toggle_script_search = 简/繁 characters match each other on/off
action-add_bookmark = bookmark the top of the page (asks for a name)
action-bookmarks = bookmarks
action-library = library of recent books
action-links = links on this page and where they go
action-footnotes = the footnotes referenced on this page
action-open_picker = open a book from a folder
action-cycle_sort = sort by last read, title or progress
action-rename = rename the bookmark
action-delete = delete the bookmark
action-undo = undo the last delete
action-toggle_ruby = ruby readings: 漢字(かんじ) or hidden
action-images = the images on this page: name, type, size, pixels
action-select = select text (then copy or highlight it)
action-copy_paragraph = copy the paragraph at the top of the page
action-cursor_down = cursor a line down
action-cursor_up = cursor a line up
action-word_next = cursor to the next word (Chinese: the next character)
action-word_prev = cursor to the word before (Chinese: the character before)
action-paragraph_next = cursor to the next paragraph
action-paragraph_prev = cursor to the start of the paragraph (or the one before)
action-swap_ends = go to the other end of the selection
action-copy = copy the selected text to the clipboard
action-highlight = highlight the selection (in the colour used last)
action-highlight_first = highlight it in the first colour
action-highlight_second = highlight it in the second colour
action-highlight_third = highlight it in the third colour
action-highlight_fourth = highlight it in the fourth colour
action-highlight_note = highlight the selection and write a note
action-highlights = highlights and notes
action-edit_note = edit the note of the highlight on this page
action-new_line = a new line
action-external_editor = edit the note in $VISUAL / $EDITOR

## Help: what an action does in one mode
action-close--toc = close the contents
action-confirm--toc = jump to the chapter
action-close--toc_filter = clear the filter
action-confirm--toc_filter = jump to the chapter
action-close--help = close the help
action-close--bookmarks = close the list
action-close--library = clear the filter, else close the library
action-start_filter--library = filter by title or file name (or just type)
action-confirm--library = open the book
action-delete--library = remove the book from the library
action-undo--library = bring back the book removed last
action-close--picker = clear what is typed, else close
action-confirm--picker = open the book or folder (or the path typed)
action-delete_back--picker = delete a character, else up a folder
action-next_page--help = scroll down a page
action-prev_page--help = scroll up a page
action-select_first--help = the top of the help
action-select_last--help = the end of the help
action-close--prompt = cancel (back to where the search started)
action-confirm--prompt = keep the search / run the command
action-close--select = stop selecting
action-select--select = start the selection again at the cursor
action-next_page--select = cursor a page on
action-prev_page--select = cursor a page back
action-copy_paragraph--select = copy the paragraph under the cursor
action-confirm--highlights = jump to the highlight
action-edit_note--highlights = edit its note
action-delete--highlights = delete the highlight
action-undo--highlights = bring back the highlight deleted last
action-close--highlights = clear the filter, else close the list
action-start_filter--highlights = filter by the words, the note or the chapter (or just type)
action-confirm--highlights_filter = jump to the highlight
action-close--highlights_filter = stop typing (the filter stays)
action-confirm--note_editor = save the note
action-close--note_editor = cancel: the old note stays, a new highlight goes
action-delete_to_start--note_editor = delete from the start of the line to the cursor
action-delete_back--note_editor = delete a character (at a line start: join the lines)
action-line_up--note_editor = cursor a line up
action-line_down--note_editor = cursor a line down
action-confirm--bookmarks = go to the bookmark
action-close--links = close the list
action-confirm--links = follow the link (or show its address)
action-close--notes = close the box
action-next_page--notes = scroll down a page
action-prev_page--notes = scroll up a page
action-select_first--notes = to the top
action-select_last--notes = to the bottom

## Help: the sections (one per mode)
mode-reader = Reading
mode-toc = Table of contents
mode-toc_filter = Table of contents, filtering
mode-help = Help
mode-prompt = Search, command and name prompt
mode-bookmarks = Bookmarks
mode-library = Library
mode-links = Links on the page
mode-picker = Open a book
mode-notes = Footnotes on the page
mode-select = Selecting text
mode-highlights = Highlights and notes
mode-highlights_filter = Highlights and notes, filtering
mode-note_editor = Note editor

## Help: the notes under the keys and the box
help-title = {" "}Keys{" "}
help-count-chapter = { $keys } chapter 42
help-count-percent = { $keys } percent
help-count-matches = { $keys } three matches/chapters on
help-counts = Counts: { $list }
help-filter-key = Typing in the contents filters it; { $key }? (? on an empty backward search) opens help
help-filter = Typing in the contents filters it

## The status bar
status-counting = counting…
status-match = match { $n } of { $total }
status-searching = searching…
status-no-match = no match
status-left-both = { $chapter } left · book { $book }
status-left-chapter = { $time } left in chapter
status-left-book = { $time } left in book
small-enlarge = enlarge the window
small-at-least = (at least 16×3)

## Popup titles and list lines
title-contents = {" "}Contents ({ $count }){" "}
title-contents-filter = {" "}Contents /{ $filter }{" "}
title-matches = {" "}Matches of { $query } ({ $count }){" "}
title-matches-filter = {" "}Matches of { $query } /{ $filter }{" "}
title-bookmarks = {" "}Bookmarks ({ $count }){" "}
title-library = {" "}Library ({ $count }) · by { $order }{" "}
title-library-filter = {" "}Library ({ $shown } of { $total }) · /{ $filter }{ $cursor }{" "}
title-links = {" "}Links on this page ({ $count }){" "}
title-footnote = {" "}Footnote{" "}
title-footnotes = {" "}Footnotes on this page ({ $count }){" "}
title-open = {" "}Open: { $folder }{" "}
list-no-chapter-matches = no chapter matches
list-no-match = no match
list-missing = missing: { $path }
list-picker-typed = type to filter, or a path: ~/books
list-empty-folder = an empty folder
list-nothing-matches = nothing matches
list-note-no-text = (this book has no text for this note)
title-counted = {" "}{ $title } ({ $count }){" "}

## The command line
msg-store-unavailable = bookmarks can't be saved: { $reason }
err-not-found = { $path }: no such file
err-is-directory = { $path }: is a directory, not a text file
err-not-a-file = { $path }: not a regular file (a pipe, socket or device); give kanshu a text file
err-permission = { $path }: permission denied
err-io = { $path }: cannot read: { $reason }
err-binary = { $path }: looks like a binary file, not text
err-too-large = { $path }: larger than { $limit } MB, the most kanshu reads; raise it with --max-size-mb or [book] max_size_mb
err-unpacks-too-large = { $path }: unpacks to more than { $limit } MB, the most kanshu reads; raise it with --max-size-mb or [book] max_size_mb
err-unknown-encoding = unknown encoding `{ $label }` (try utf-8, gbk, gb18030, big5, utf-16le, shift_jis, euc-kr, windows-1252)
err-unusable-encoding = encoding `{ $label }` cannot decode a book (it reads every file as one replacement character); name the book's real encoding, e.g. gbk, big5, utf-8

## kanshu info (labels for people; --json keeps its own names)
info-path = path:
info-bytes = bytes:
info-encoding = encoding:
info-characters = characters:
info-lines = lines:
info-chapters = chapters:
info-rule = rule:
info-headings = headings:
info-paragraphs = paragraphs:
info-paragraphs-markup = { $count } (from the book's markup)
info-title = title:
info-authors = authors:
info-language = language:
info-publisher = publisher:
info-epub = epub:
info-epub-version = version { $version }
info-images = images:
info-notes = notes:
info-writing = writing:
info-vertical = vertical
info-control = control characters: { $count }
info-undecodable = undecodable: { $count } byte sequences shown as �
info-artifacts = artifacts:  { $annotations } pinyin annotations, { $leftovers } HTML leftovers (--clean hides them)
cli-no-nth-book = no book { $n } in the library: it holds { $count } (kanshu recent lists them)
cli-no-recent-match = no recent book matches `{ $pattern }` (kanshu recent lists them)
cli-stdin-is-terminal = `-` reads the book from standard input, which is a terminal here: pipe a book in (`cat book.txt | kanshu toc -`)
cli-did-you-mean = { $word }: no such file, and no command of that name: did you mean `{ $meant }`?
cli-config-defaults = { $problem } (using the default settings)
cli-stdin-empty = standard input is empty: there is no book to read
cli-stdin-typing = reading the book from standard input, which is this terminal: type or paste it, then press { $key } on a new line to end it
cli-stdin-not-keys = cannot read keys from standard input: it is a pipe or a file, not a terminal (to read a book from it, name the book `-`: … | kanshu -)
cli-folder-needs-terminal = a folder opens the file picker, in a terminal
msg-last-book-gone-key = the last book you read is gone: { $path } · { $key } opens the library
msg-last-book-gone = the last book you read is gone: { $path }
msg-cannot-reopen = can't reopen the last book: { $reason }
cli-no-bookmarks-in-book = no bookmarks in this book yet (press m while reading to add one)
cli-no-bookmarks = no bookmarks yet (press m while reading to add one)
cli-no-books = no books read yet
cli-no-highlights-in-book = no highlights in this book yet
cli-no-highlights = no highlights yet
cli-config-none = ok: no config file at { $path } (the defaults apply)
cli-config-is-directory = { $path }: is a directory, not a config file
cli-width-narrow = --width { $width } is too narrow: it must be at least 2
cli-height-zero = --height must be at least 1
cli-page-too-large = --width { $width } --height { $height } is too large: a page is at most { $max_width } cells wide and { $max_height } lines tall
cli-at-range = --at { $at } is out of range: give a percentage from 0 to 100
cli-page-range = page { $page } is out of range: chapter { $chapter } has { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } at width { $width } and height { $height }
cli-chapter-spec = --chapter { $spec }: give a number like 37, or 2.1 for chapter 1 of volume 2
cli-chapter-range = --chapter { $spec } is out of range: the book has { $total ->
        [one] { $total } chapter
       *[other] { $total } chapters
    }
info-rules-stopped = ; { $stopped } (stopped at { $percent }% of the book)
info-epub-contents = contents from the book's { $source }

## Problems in config.toml (what comes from the file or the TOML parser stays as it is)
cfg-did-you-mean = , did you mean `{ $name }`?
cfg-io = cannot read: { $reason }
cfg-syntax = invalid TOML: { $message }
cfg-wrong-type = `{ $key }` must be { $expected }, found { $found }
cfg-unknown-key = unknown key `{ $name }`{ $hint }
cfg-unknown-key-in = unknown key `{ $name }` in [{ $section }]{ $hint }
cfg-out-of-range = `{ $key }` must be between { $min } and { $max }, found { $found }
cfg-not-one-of = `{ $key }` must be one of { $allowed }, found { $found }{ $hint }
cfg-missing = `{ $key }` needs a `{ $name }`
cfg-key-problem = `{ $key }`: { $problem }
cfg-unknown-action = `{ $key }`: no such action `{ $action }`{ $hint }
cfg-shadowed = `{ $key }` can never be typed: `{ $prefix }` alone is bound to `{ $action }` (bind it to "none" first)
cfg-bad-regex = `{ $key }`: invalid regex `{ $pattern }`: { $reason }
cfg-unknown-encoding = `{ $key }`: unknown encoding `{ $label }` (use "auto" or a name like utf-8, gbk, gb18030, big5, utf-16le)
cfg-unusable-encoding = `{ $key }`: encoding `{ $label }` cannot decode a book (it reads every file as one replacement character); use "auto" or a name like utf-8, gbk, big5
cfg-bindings = bindings
cfg-rules = rules
cfg-too-many = `{ $key }` has { $count } { $what }; at most { $max } are allowed
cfg-no-quit = `{ $key }`: no key is bound to "quit"; keep at least one (e.g. q = "quit" or ctrl-c = "quit")
cfg-invalid = invalid config
cfg-and-more = { $first } { $count ->
        [one] (and 1 more problem)
       *[other] (and { $count } more problems)
    }
cli-config-problems = { $path }: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    }
cfg-type-nothing = nothing
cfg-type-table = a table
cfg-type-array-of-tables = an array of tables
cfg-type-string = a string
cfg-type-integer = an integer
cfg-type-float = a float
cfg-type-boolean = a boolean
cfg-type-date = a date
cfg-type-array = an array
cfg-type-true-or-false = true or false
cfg-type-auto-or-cells = "auto" or a number of cells
cfg-type-auto-or-bool = "auto", true or false
cfg-type-status-list = a list such as ["chapter", "percent"]
cfg-type-colour = a colour (a string or 0–255)
cfg-type-rule-table = a table {"{"} pattern = …, level = … {"}"}
cfg-type-rules = an array of rules
cfg-type-percentage = a percentage (0–100)
cfg-type-one-of = one of { $list }

## Heading rules that took too long (status bar, stderr, kanshu info)
msg-rules-stopped = heading rule `{ $rule }` too slow (over { $budget }): built-in rules used
unit-seconds = { $n } s
unit-milliseconds = { $n } ms

## Selecting, copying and highlighting
status-selecting = selecting · { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }
msg-copied = copied { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }
msg-copied-paragraph = copied the paragraph: { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }
msg-highlighted = highlighted { $count ->
        [one] { $count } character
       *[other] { $count } characters
    } (colour { $colour })
msg-nothing-to-copy = nothing to copy here
msg-highlights-need-file = highlights are kept only for books opened from a file

## Highlights and notes
msg-no-highlights = no highlights yet
msg-no-highlight-here = no highlight on this page
msg-no-highlight-here-key = no highlight on this page · { $key } lists the highlights
msg-first-of-notes = the first of { $count } notes here · { $key } lists them
msg-no-highlight-filter = no highlight matches the filter
msg-highlight-deleted-undo = deleted “{ $quote }” · { $key } undoes
msg-highlight-deleted = deleted “{ $quote }”
msg-highlight-cancelled-undo = no note: the highlight is removed · { $list } then { $key } brings it back
msg-highlight-cancelled = no note: the highlight is removed
msg-highlight-restored = highlight restored
msg-orphaned = its words are not in this text: this is near where they were
msg-note-saved = note saved
msg-note-removed = note removed
msg-note-unchanged = the note is unchanged
msg-note-full = a note holds at most 10,000 characters
msg-no-editor = set $VISUAL or $EDITOR to edit notes in your own editor
title-note = {" "}Note · { $chapter }{" "}
note-placeholder = type your note
title-highlights = {" "}Highlights and notes ({ $count }){" "}
title-highlights-filter = {" "}Highlights ({ $shown } of { $total }) · /{ $filter }{ $cursor }{" "}
list-no-highlight-matches = no highlight matches
list-orphaned-long = orphaned: not in this text
list-orphaned = orphaned

## Ruby and images
msg-ruby-shown = ruby shown: 漢字(かんじ)
msg-ruby-hidden = ruby hidden
msg-ruby-shown-none = ruby shown: 漢字(かんじ) (this book has none)
msg-ruby-hidden-none = ruby hidden (this book has none)
title-images = Images on this page
msg-no-image = no image on this page
image-line = { $kind } · { $bytes } bytes · { $pixels }
image-missing = { $kind } · not found in the book
image-unknown-type = unknown type
image-pixels = { $width } × { $height } pixels
image-pixels-unknown = size in pixels unknown

## The terminal
tui-cannot-draw = cannot draw: { $reason }
tui-cannot-set-up = cannot set up the terminal: { $reason }
tui-cannot-take-back = cannot take the terminal back: { $reason }
tui-cannot-read-terminal = cannot read the terminal: { $reason }
tui-cannot-read-keys = cannot read keys: { $reason }
tui-terminal = terminal: { $reason }

## The note in $EDITOR
editor-cannot-make-file = cannot make a file for the editor: { $reason }
editor-failed = { $program } ended with { $status }: the note is unchanged
editor-cannot-run = cannot run { $program }: { $reason }
editor-cannot-read-back = cannot read the note back: { $reason }

## What could not be saved (said on exit)
unsaved-place = the reading place
unsaved-and = {" "}and{" "}
unsaved-bookmarks = { $count ->
        [one] { $count } bookmark change
       *[other] { $count } bookmark changes
    }
unsaved-highlights = { $count ->
        [one] { $count } highlight change
       *[other] { $count } highlight changes
    }
unsaved-line = not saved in «{ $title }»: { $what } ({ $reason })

## A book's saved state (warnings in the status bar)
store-state-newer = this book's reading state is from a newer kanshu (format { $version }); it is left as it is and won't be updated
store-state-moved-aside = this book's saved state was unreadable and is moved aside ({ $reason }): { $path }
store-state-stuck = this book's reading state { $path } is unreadable ({ $reason }) and can't be moved aside ({ $error })
store-orphaned = { $count ->
        [one] { $count } highlight's text is not in this text: it is kept and listed as orphaned
       *[other] { $count } highlights' text is not in this text: they are kept and listed as orphaned
    }
store-bookmarks-not-found = { $count ->
        [one] { $count } bookmark is not found in this text (it is kept as it was)
       *[other] { $count } bookmarks are not found in this text (they are kept as they were)
    }: { $names }
store-more-names = { $count } more
store-names-separator = ,{" "}
msg-no-config-dir = no config directory could be found: set KANSHU_CONFIG_DIR or pass --config-dir DIR
store-saved-newer = another kanshu saved this book's state in a newer format ({ $version }); it is left as it is
store-file-stuck = { $path } is unreadable ({ $reason }) and can't be moved aside ({ $error })
