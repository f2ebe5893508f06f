//! `kanshu bookmarks` and `kanshu recent`: the saved state, headless.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, GlobalArgs};

#[derive(Debug, Args)]
pub struct BookmarksArgs {
    /// Only this book's bookmarks
    pub file: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RecentArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

pub fn bookmarks(_args: &BookmarksArgs, _global: &GlobalArgs) -> Result<(), CliError> {
    Err(CliError::Other("bookmarks are not available yet".into()))
}

pub fn recent(_args: &RecentArgs, _global: &GlobalArgs) -> Result<(), CliError> {
    Err(CliError::Other("the library is not available yet".into()))
}
