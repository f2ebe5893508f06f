//! `kanshu [FILE]` and `kanshu --guide`: choose the book, set the reader up from the
//! configuration and the store, and hand it to `tui` (outside a terminal, print the contents).
//!
//! Must not touch the terminal itself: set-up, restore and the event loop are `tui`'s.

use std::io::{self, IsTerminal};
use std::path::Path;

use super::{CliError, GlobalArgs, emit};
use crate::app::App;
use crate::config::Config;
use crate::document::Document;
use crate::keys::{Action, Mode};
use crate::store::Store;
use crate::view::display::DisplayMode;

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
        return Ok((Document::guide(), None));
    }
    if let Some(path) = file {
        return Ok((global.open_with(path, cfg)?, None));
    }
    let Some(store) = store else {
        return Ok((Document::guide(), None));
    };
    let (last, _) = store.last_book();
    let Some(entry) = last else {
        return Ok((Document::guide(), None));
    };
    let path = entry.path_buf().unwrap_or_default();
    if entry.is_missing() {
        let mut note = format!("the last book you read is gone: {}", path.display());
        if let Some(k) = cfg.keys.key_label(Mode::Reader, &Action::Library) {
            note.push_str(&format!(" · {k} opens the library"));
        }
        return Ok((Document::guide(), Some(note)));
    }
    match global.open_with(&path, cfg) {
        Ok(doc) => Ok((doc, None)),
        Err(e) => Ok((
            Document::guide(),
            Some(format!("can't reopen the last book: {e}")),
        )),
    }
}

/// Open the book (FILE, else the one read last, else the guide) and read it; outside a
/// terminal print its contents instead.
pub fn run(
    file: Option<&Path>,
    guide: bool,
    display: DisplayMode,
    global: &GlobalArgs,
) -> Result<(), CliError> {
    // A broken config never stops the reader: it starts with the defaults and says why.
    let (cfg, cfg_errors) = global.config();
    let store = Store::open(global.config_dir.as_deref());
    let (doc, mut note) = choose_book(file, guide, global, &cfg, store.as_ref().ok())?;
    // A vertical EPUB opens in vertical mode; the reader's toggle still switches it.
    let mut display = display;
    if let Some(p) = doc
        .path
        .as_deref()
        .filter(|p| crate::formats::epub::sniff(p))
    {
        display.vertical |= crate::formats::epub::opens_vertical(p);
    }
    if let Err(e) = &store {
        note = Some(format!("bookmarks can't be saved: {e}"));
    }
    if !io::stdout().is_terminal() {
        // Not on a terminal (a pipe, a file): say what the book holds instead of drawing.
        return emit(&contents_text(&doc));
    }
    let (width, height) = crate::tui::size().map_err(|e| CliError::Other(e.to_string()))?;
    let mut app = App::new(doc, width, height);
    let no_color =
        crate::config::color::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    app.apply_config(
        &cfg,
        no_color,
        super::config_cmd::user_config_path(global).ok(),
    );
    app.set_display(display);
    // Resume where reading stopped (the status bar then shows the chapter, not the hint).
    let at_exit = store.as_ref().ok().cloned(); // to say on exit what could not be saved
    let resumed = store.ok().and_then(|s| app.attach_store(s)).is_some();
    // A book opened for the first time with scrape artifacts gets the clean-view offer instead
    // of the key hint; a resumed one shows where reading stopped.
    if let Some(n) = note {
        app.set_message(n, true);
    } else if let Some(e) = cfg_errors {
        app.set_message(e.brief(), true);
    } else if !resumed && !app.offer_clean_view() && app.message().is_none() {
        app.set_message(crate::app::prefs::start_hint(&app.keymap), false);
    }
    let result = crate::tui::read(&mut app).map_err(|e| CliError::Other(e.to_string()));
    // The terminal is back: say what could not be saved.
    for line in at_exit.iter().flat_map(Store::unsaved) {
        eprintln!("kanshu: {line}");
    }
    result
}
