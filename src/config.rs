//! Typed configuration from TOML text; defaults embedded from `config/default.toml`.
