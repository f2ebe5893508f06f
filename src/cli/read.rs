//! `kanshu [FILE]`: open the interactive reader.

use std::path::Path;

use super::{CliError, GlobalArgs, emit};
use crate::document::Document;

pub fn run(file: Option<&Path>, _guide: bool, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = match file {
        Some(path) => global.open(path)?,
        None => Document::guide(),
    };
    let mut out = String::new();
    for c in &doc.chapters {
        out.push_str(&c.title);
        out.push('\n');
    }
    emit(&out)
}
