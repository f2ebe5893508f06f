//! `kanshu config --default | --path | --check [FILE]`: show and validate configuration.
//!
//! `kanshu config` alone says what the three do and where the file is. `--check` prints every
//! problem of the file (one per line, with file, line and column) and exits 2; a valid file
//! prints `ok`. Nothing here writes to disk.

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};

use super::{CliError, GlobalArgs, emit};
use crate::config::{self, Config};
use crate::document::visible;
use crate::i18n::{Lang, tr};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").args(["default", "path", "check"])))]
pub struct ConfigArgs {
    /// Print the default configuration, every key documented (a starting point for your own)
    #[arg(long)]
    pub default: bool,
    /// Print where your config file is read from
    #[arg(long)]
    pub path: bool,
    /// Check a config file (default: yours) and list every problem
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub check: Option<Option<PathBuf>>,
}

/// The directory holding config.toml, bookmarks and reading state: `--config-dir`, else
/// `KANSHU_CONFIG_DIR`, else the platform's config directory for kanshu (one rule for the
/// config and the store: `store::config_dir`).
pub fn config_dir(global: &GlobalArgs) -> Result<PathBuf, CliError> {
    crate::store::config_dir(global.config_dir.as_deref())
        .map_err(|e| CliError::Other(e.to_string()))
}

/// Where the user's config.toml is read from.
pub fn user_config_path(global: &GlobalArgs) -> Result<PathBuf, CliError> {
    Ok(config::user_config_path(&config_dir(global)?))
}

pub fn run(args: &ConfigArgs, global: &GlobalArgs) -> Result<(), CliError> {
    if args.default {
        return emit(config::DEFAULT_TOML);
    }
    if args.path {
        let path = user_config_path(global)?;
        return emit(&format!("{}\n", visible(&path.display().to_string())));
    }
    match &args.check {
        Some(Some(file)) => check(file, true, global.lang),
        Some(None) => check(&user_config_path(global)?, false, global.lang),
        None => emit(&modes(global)),
    }
}

/// What `kanshu config` alone prints: the three modes, and where the file is.
fn modes(global: &GlobalArgs) -> String {
    let at = match user_config_path(global) {
        Ok(path) => visible(&path.display().to_string()).into_owned(),
        Err(e) => e.to_string(),
    };
    format!(
        "kanshu config --default        print the default configuration, every key explained\n\
         kanshu config --path           print where your config file is read from\n\
         kanshu config --check [FILE]   check your config file (or FILE) and list every problem\n\
         \n\
         Your config file: {at}\n"
    )
}

/// Validate one file. A missing file is an error when it was named, and fine (the defaults
/// apply) when it is the user's default location.
fn check(path: &Path, named: bool, lang: Lang) -> Result<(), CliError> {
    let shown = path.display().to_string();
    if !path.exists() {
        if named {
            return Err(CliError::Usage(tr!(lang, "err-not-found", path = shown)));
        }
        let text = tr!(lang, "cli-config-none", path = visible(&shown));
        return emit(&format!("{text}\n"));
    }
    if path.is_dir() {
        return Err(CliError::Usage(tr!(
            lang,
            "cli-config-is-directory",
            path = shown
        )));
    }
    match Config::load(path) {
        Ok(_) => emit("ok\n"),
        Err(errors) => {
            for e in errors.iter() {
                eprintln!("{}", e.line_in(lang));
            }
            Err(CliError::Other(tr!(
                lang,
                "cli-config-problems",
                path = shown,
                count = errors.len()
            )))
        }
    }
}
