//! The integration suite: one test binary for every file in `tests/`, so a build links the
//! library into a single executable instead of one per file (which filled small CI disks).
//! Run one area with a filter, e.g. `cargo test --test suite e2e_tmux::`.

mod common;
mod fuzz_support;

mod app_cli_read;
mod app_keys;
mod app_props;
mod app_reader;
mod cli_bad_input;
mod cli_guide;
mod cli_headings;
mod cli_smoke;
mod cli_toc;
mod cli_view;
mod config_books;
mod config_cli;
mod config_defaults;
mod config_e2e;
mod config_reader;
mod document_encodings;
mod document_model;
mod e2e_tmux;
mod fuzz_app;
mod fuzz_config;
mod fuzz_document;
mod fuzz_layout;
mod fuzz_state;
mod hostile_config;
mod hostile_matrix;
mod hostile_regressions;
mod hostile_store;
mod hostile_tmux;
mod hostile_tui;
mod layout_book;
mod layout_pictures;
mod layout_props;
mod reader_views;
mod readme_examples;
mod render_cli;
mod render_seed;
mod store_cli;
mod store_concurrency;
mod store_reader;
mod store_state;
mod store_tmux;
mod tui_life;
mod tui_life_tmux;
mod ui_loop;
mod ui_remapped;
mod ui_snapshots;
mod vertical;
mod view;
