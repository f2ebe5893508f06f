//! `kanshu [FILE|-]`, `kanshu --guide`: choose the book (a file, standard input, the book read
//! last, or the guide), set the reader up from the configuration, the store and the start
//! place asked for (`--chapter`, `--at`, `--search`), and hand it to `tui`. Outside a terminal
//! print the book's text as one flow, at the terminal's width (`--toc`: its contents).
//!
//! Decides where the book and the keys come from: keys come from the terminal (standard input
//! when it is one, else `/dev/tty`), so standard input can hold the book; a book named while
//! standard input is a pipe or a file is refused (those keys cannot be read, and what was
//! piped in would be lost). Must not touch the terminal itself: set-up, restore and the event
//! loop are `tui`'s.

use std::io::{self, IsTerminal};
use std::path::Path;

use super::{CliError, GlobalArgs, emit};
use crate::app::App;
use crate::config::Config;
use crate::document::Document;
use crate::i18n::tr;
use crate::keys::{Action, Mode};
use crate::layout::LayoutParams;
use crate::store::Store;
use crate::view::{DisplayLayout, DisplayMode};

/// Where the reader opens, from the command line (`None`: where reading stopped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Start {
    /// The chapter as the book numbers it (`37`, `2.1`), as `render --chapter` takes it.
    pub chapter: Option<String>,
    /// Percentage of the book, 0–100.
    pub at: Option<f64>,
    /// The first match of this text, from the chapter or percentage when given, else from
    /// the start of the book.
    pub search: Option<String>,
}

/// What `kanshu [FILE]` was asked.
#[derive(Debug, Clone, Default)]
pub struct ReadArgs<'a> {
    /// The book; `-` is standard input.
    pub file: Option<&'a Path>,
    pub guide: bool,
    pub display: DisplayMode,
    pub start: Start,
    /// Print the contents instead of reading.
    pub toc: bool,
    /// A folder to open the file picker in (`kanshu DIR`).
    pub picker: Option<&'a Path>,
}

/// `--at`: a percentage from 0 to 100 (`40` or `40%`).
pub fn parse_percent(s: &str) -> Result<f64, String> {
    let n: f64 = s
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} is out of range: give a percentage from 0 to 100"
        ))
    }
}

/// `--chapter`: a chapter number as a book gives it, `37`, or `2.1` (chapter 1 of volume 2).
pub fn parse_chapter(s: &str) -> Result<String, String> {
    let t = s.trim();
    let number = |p: &str| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit());
    let ok = match t.split_once('.') {
        Some((v, n)) => number(v) && number(n),
        None => number(t),
    };
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!(
            "`{s}` is not a chapter number: give one like 37, or 2.1 for chapter 1 of volume 2"
        ))
    }
}

/// What standard input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StdinIs {
    Terminal,
    /// A device that is not a terminal (`/dev/null`), or closed: no book, no keys.
    Nothing,
    /// A pipe, a file or a socket: it can hold a book.
    Data,
}

fn stdin_is() -> StdinIs {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return StdinIs::Terminal;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
            return StdinIs::Nothing;
        };
        match std::fs::File::from(fd).metadata() {
            Ok(m) if !m.file_type().is_char_device() => StdinIs::Data,
            _ => StdinIs::Nothing,
        }
    }
    #[cfg(not(unix))]
    StdinIs::Data
}

/// Read the book from standard input, decoded and split into chapters as a file would be.
/// It has no file, so its place is not saved. Empty input is no book: an error when it was
/// named (`kanshu -`), else `None`.
fn stdin_book(
    global: &GlobalArgs,
    cfg: &Config,
    named: bool,
) -> Result<Option<Document>, CliError> {
    let rules = global.rules_with(cfg)?;
    let opts = global.load_options_with(cfg);
    super::stdin::announce_typing(global.lang);
    // Read as `toc -` reads: bounded by the size limit, binary refused from its start.
    let doc = super::stdin::read_from(io::stdin().lock(), &opts, &rules)?;
    if doc.source_bytes == 0 {
        if !named {
            return Ok(None);
        }
        return Err(CliError::Usage(tr!(global.lang, "cli-stdin-empty")));
    }
    Ok(Some(doc))
}

/// The book's text as one flow (no pages, no form feeds) for a pager or a file, at the width
/// of the terminal there is (as bat does), else `$COLUMNS`, else 80 columns.
fn book_text(doc: &Document, cfg: &Config, display: DisplayMode) -> Result<(), CliError> {
    let width = terminal_width()
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
        })
        .filter(|w| (2..=1000).contains(w))
        .unwrap_or(80);
    let height = 24;
    let params = LayoutParams {
        width,
        height,
        ..cfg.layout.params(width, height)
    };
    let mut layout = DisplayLayout::for_document(doc, params);
    layout.set_display(display);
    let mut out = io::stdout().lock();
    match super::render::write_flowing_text(doc, &mut layout, &mut out) {
        Ok(()) => Ok(()),
        // `kanshu big.txt | head`: stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Other(format!("cannot write output: {e}"))),
    }
}

/// The width of the terminal the command runs in, when it has one (standard output is not it
/// here: the controlling terminal, or standard error or input when one of them is a terminal).
fn terminal_width() -> Option<usize> {
    let controlling = std::fs::File::open("/dev/tty").is_ok();
    if !(controlling || io::stderr().is_terminal() || io::stdin().is_terminal()) {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
        .filter(|w| *w > 0)
}

/// The title and the table of contents as plain text, as `kanshu toc` prints it (control
/// characters made visible).
pub fn contents_text(doc: &Document) -> String {
    let mut out = format!("{}\n\n", crate::document::visible(&doc.title));
    out.push_str(&super::toc::text(doc));
    out
}

/// Which book `kanshu [FILE] [--guide]` opens, and a note for the status bar: FILE; else the
/// book read last (from the store's library); else the guide. A last book whose file is gone
/// or unreadable gives the guide and a note saying so, not an error.
pub fn choose_book(
    file: Option<&Path>,
    guide: bool,
    global: &GlobalArgs,
    cfg: &Config,
    store: Option<&Store>,
) -> Result<(Document, Option<String>), CliError> {
    if guide {
        return Ok((crate::formats::guide(), None));
    }
    if let Some(path) = file {
        return Ok((global.open_with(path, cfg)?, None));
    }
    let Some(store) = store else {
        return Ok((crate::formats::guide(), None));
    };
    let (last, _) = store.last_book();
    let Some(entry) = last else {
        return Ok((crate::formats::guide(), None));
    };
    let path = entry.path_buf().unwrap_or_default();
    if entry.is_missing() {
        let path = path.display().to_string();
        let note = match cfg.keys.key_label(Mode::Reader, &Action::Library) {
            Some(k) => tr!(global.lang, "msg-last-book-gone-key", path = path, key = k),
            None => tr!(global.lang, "msg-last-book-gone", path = path),
        };
        return Ok((crate::formats::guide(), Some(note)));
    }
    match global.open_with(&path, cfg) {
        Ok(doc) => Ok((doc, None)),
        Err(e) => Ok((
            crate::formats::guide(),
            Some(tr!(
                global.lang,
                "msg-cannot-reopen",
                reason = super::error_line(&e, global.lang)
            )),
        )),
    }
}

/// The book asked for (standard input when named `-` or piped in, else `choose_book`), and
/// whether keys can be read when `printing` is false: a book named while standard input is a
/// pipe or a file is refused (keys come from the terminal, and what was piped in would be
/// lost).
fn book_for(
    args: &ReadArgs,
    printing: bool,
    global: &GlobalArgs,
    cfg: &Config,
    store: Option<&Store>,
) -> Result<(Document, Option<String>), CliError> {
    let stdin = stdin_is();
    let named_stdin = args.file.is_some_and(|f| f == Path::new("-"));
    let from_stdin = named_stdin || (args.file.is_none() && !args.guide && stdin == StdinIs::Data);
    if !printing && !from_stdin && stdin == StdinIs::Data {
        return Err(CliError::Usage(tr!(global.lang, "cli-stdin-not-keys")));
    }
    // `kanshu` with an empty pipe on standard input opens what it would open without one.
    if from_stdin && let Some(doc) = stdin_book(global, cfg, named_stdin)? {
        return Ok((doc, None));
    }
    choose_book(args.file, args.guide, global, cfg, store)
}

/// Open the book (FILE, standard input, else the one read last, else the guide) and read
/// it; outside a terminal print its text (or, with `--toc`, its contents) instead.
pub fn run(args: &ReadArgs, global: &GlobalArgs) -> Result<(), CliError> {
    // A broken config never stops the reader: it starts with the defaults and says why.
    let (cfg, cfg_errors) = global.config();
    let printing = args.toc || !io::stdout().is_terminal();
    if args.picker.is_some() && printing {
        return Err(CliError::Usage(tr!(
            global.lang,
            "cli-folder-needs-terminal"
        )));
    }
    let store = Store::open(global.config_dir.as_deref());
    let (doc, mut note) = book_for(args, printing, global, &cfg, store.as_ref().ok())?;
    if let Some(stopped) = &doc.rules_stopped {
        let text = crate::app::library::rules_stopped_text(stopped, global.lang);
        if printing {
            eprintln!("kanshu: {text}");
        } else {
            note.get_or_insert(text);
        }
    }
    if args.toc {
        return emit(&contents_text(&doc));
    }
    if printing {
        // Not on a terminal (a pipe, a file): the text, laid out as the reader would.
        return book_text(&doc, &cfg, args.display);
    }
    let chapter = match &args.start.chapter {
        Some(spec) => Some(super::render::chapter_by_number(&doc, spec, global.lang)?),
        None => None,
    };
    // A vertical EPUB opens in vertical mode, unless the reader switched it with `V` (that
    // choice is remembered per book and applied when the book's state is read, below).
    let mut display = args.display;
    if let Some(p) = doc
        .path
        .as_deref()
        .filter(|p| crate::formats::epub::sniff(p))
    {
        display.vertical |=
            crate::formats::epub::opens_vertical(p, &global.load_options_with(&cfg));
    }
    if let Err(e) = &store {
        note = Some(tr!(
            global.lang,
            "msg-store-unavailable",
            reason = e.to_string()
        ));
    }
    let (width, height) =
        crate::tui::size(global.lang).map_err(|e| CliError::Other(e.to_string()))?;
    let mut app = App::new(doc, width, height);
    app.set_lang(global.lang);
    let no_color =
        crate::config::color::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    app.apply_config(
        &cfg,
        no_color,
        super::config_cmd::user_config_path(global).ok(),
    );
    app.set_color_depth(crate::config::depth::ColorDepth::from_env());
    app.set_display(display);
    // Resume where reading stopped (the status bar then shows the chapter, not the hint).
    let at_exit = store.as_ref().ok().cloned(); // to say on exit what could not be saved
    let resumed = store.ok().and_then(|s| app.attach_store(s)).is_some();
    // `--vertical` starts in vertical pages whatever was remembered.
    if args.display.vertical && !app.display().vertical {
        let mut mode = app.display();
        mode.vertical = true;
        app.set_display(mode);
    }
    let moved = go_to_start(&mut app, &args.start, chapter);
    // A book opened for the first time with scrape artifacts gets the clean-view offer instead
    // of the key hint; a resumed one shows where reading stopped.
    if let Some(n) = note {
        app.set_message(n, true);
    } else if let Some(e) = cfg_errors {
        app.set_message(e.brief_in(global.lang), true);
    } else if !resumed && !moved && !app.offer_clean_view() && app.message().is_none() {
        app.set_message(
            crate::app::prefs::start_hint(&app.keymap, app.lang()),
            false,
        );
    }
    if let Some(dir) = args.picker {
        app.open_picker(dir, None);
    }
    let options = crate::tui::TerminalOptions {
        mouse: cfg.ui.mouse,
    };
    let ended = crate::tui::read(&mut app, options).map_err(|e| CliError::Other(e.to_string()));
    // The terminal is back: say what could not be saved.
    for line in at_exit.iter().flat_map(|s| s.unsaved_in(global.lang)) {
        eprintln!("kanshu: {line}");
    }
    let ended = ended?;
    if let Some(sig) = ended {
        // A signal ended the reading: the place is saved and the terminal given back; end
        // the way the signal would have, so the shell sees it.
        crate::tui::die_of(sig);
    }
    Ok(())
}

/// Move to where the command line asked (the place reading stopped goes into the jump list,
/// so the jump-back key returns to it). `chapter`: the index `start.chapter` names in this
/// book. Returns whether anything was asked.
fn go_to_start(app: &mut App, start: &Start, chapter: Option<usize>) -> bool {
    if let Some(index) = chapter {
        app.reader.goto_chapter(index + 1);
    } else if let Some(pct) = start.at {
        app.reader.goto_percent(pct);
    } else if start.search.is_some() {
        app.set_top(crate::position::Position::new(0, 0));
    }
    if let Some(text) = &start.search {
        // The same path a typed search takes: the prompt, the text, Enter.
        app.update(Action::SearchForward);
        app.update(Action::Paste(text.clone()));
        app.update(Action::Confirm);
    } else {
        app.reader.refresh();
    }
    start != &Start::default()
}
