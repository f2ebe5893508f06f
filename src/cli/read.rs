//! `kanshu [FILE]` and `kanshu --guide`: open the interactive reader.
//!
//! Until the reader lands this prints the table of contents. With no FILE (and, once the store
//! keeps a reading history, no history), or with `--guide`, the built-in guide is opened.

use std::path::Path;

use super::{CliError, GlobalArgs, emit};
use crate::document::Document;

pub fn run(file: Option<&Path>, guide: bool, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = match file {
        Some(path) if !guide => global.open(path)?,
        // No reading history is kept yet, so a bare `kanshu` opens the guide.
        _ => Document::guide(),
    };
    let mut out = format!("{}\n\n", crate::document::visible(&doc.title));
    out.push_str(&super::toc::text(&doc));
    emit(&out)
}
