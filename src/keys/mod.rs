//! Keys and actions, declared once: the key type with its parser (`key`), every action with
//! its name and description (`action`), and the keymap that joins them per mode (`keymap`).
//!
//! Part of the engine: builds without ratatui or crossterm, and imports nothing above it
//! (no app, ui, input or cli). The configuration fills a `Keymap` from `[keys.*]`; the input
//! layer turns terminal events into `Key`s; help and hints are read from the `Keymap`.

mod action;
mod key;
mod keymap;

pub use action::{Action, BINDABLE};
pub use key::{Key, KeyCode, KeyNameError, KeySeq, Modifiers, closest, did_you_mean};
pub use keymap::{Binding, HelpRow, HelpSection, Keymap, Mode, SequenceMatch};
