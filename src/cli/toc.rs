//! `kanshu toc FILE [--json]`: the table of contents.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, GlobalArgs, emit};

#[derive(Debug, Args)]
pub struct TocArgs {
    /// The book
    pub file: PathBuf,
    /// Print a JSON array of {index, level, title, offset, chars}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &TocArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = global.open(&args.file)?;
    let mut out = String::new();
    for (i, c) in doc.chapters.iter().enumerate() {
        out.push_str(&format!("{:>4}  {}\n", i + 1, c.title));
    }
    emit(&out)
}
