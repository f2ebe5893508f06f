//! `kanshu render FILE …`: print pages exactly as the reader lays them out.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, GlobalArgs, emit};
use crate::layout::{LayoutParams, layout_chapter, render_line};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The book
    pub file: PathBuf,
    /// Text width in cells
    #[arg(long, default_value_t = 80)]
    pub width: usize,
    /// Page height in lines
    #[arg(long, default_value_t = 24)]
    pub height: usize,
    /// Chapter number (1-based)
    #[arg(long, default_value_t = 1)]
    pub chapter: usize,
    /// Page number in the chapter (1-based)
    #[arg(long, conflicts_with = "at")]
    pub page: Option<usize>,
    /// Open the page holding the character at this percentage of the book
    #[arg(long)]
    pub at: Option<f64>,
    /// Print every page of the book, each followed by a form-feed line
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let doc = global.open(&args.file)?;
    let params = LayoutParams {
        width: args.width,
        height: args.height,
        ..LayoutParams::default()
    };
    let idx = args.chapter.saturating_sub(1);
    let layout = layout_chapter(&doc, idx, &params);
    let page = args.page.unwrap_or(1).saturating_sub(1);
    let text = doc.chapter_text(idx);
    let mut out = String::new();
    for line in layout.page_lines(page) {
        out.push_str(render_line(text, line, &params).trim_end());
        out.push('\n');
    }
    emit(&out)
}
