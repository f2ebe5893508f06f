//! kanshu (看书): a terminal reader for real-world text books.
//!
//! The engine (`document`, `layout`, `position`, `store`, `config`) builds without any terminal
//! crate; `app`, `ui` and `input` are the interactive reader on top of it, and `cli` holds the
//! headless commands that tests, benches and scripts use.

pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod formats;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod position;
pub mod store;
pub mod ui;
pub mod view;

pub use document::{Chapter, Document, LoadError, LoadOptions};
pub use position::Position;
