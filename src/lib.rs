//! kanshu (看书): a terminal reader for real-world text books.
//!
//! The engine (`document` with `Position`, `formats`, `layout`, `view`, `store`, `config`, `i18n`,
//! `keys`) builds without any terminal crate. On top of it: `app` (the `Reader` and its
//! panels, updated by actions), `ui` (paints the app), `input` (terminal events → actions) and
//! `tui` (the terminal and the event loop). `cli` parses the command line, runs the headless commands that tests,
//! benches and scripts use, and starts the interactive reader through `tui`.

pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod formats;
pub mod i18n;
pub mod input;
pub mod keys;
pub mod layout;
pub mod store;
pub mod tui;
pub mod ui;
pub mod view;

/// A place in a book belongs to the document model; `kanshu::position` stays its short path.
pub use document::position::{self, Position};
pub use document::{Chapter, Document, LoadError, LoadOptions};
