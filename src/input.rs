//! Terminal events → `Action`s through the keymap (key presses only).
