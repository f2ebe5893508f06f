//! `kanshu info FILE [--json]`: what kanshu found out about a book.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, GlobalArgs, emit};

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// The book
    pub file: PathBuf,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &InfoArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = global.open(&args.file)?;
    emit(&format!(
        "title: {}\nencoding: {}\nchapters: {}\n",
        doc.title,
        doc.encoding,
        doc.chapters.len()
    ))
}
