//! Saving settings changed in the reader (text width, theme, spread) back into the user's
//! `config.toml`, editing only those keys: comments, order and formatting of everything else
//! stay as the user wrote them. The write is the store's atomic write (temp file, fsync,
//! rename, directory fsync): a symlinked `config.toml` is written through and keeps its mode.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, Value};

use super::color::ThemeName;
use super::error::{ConfigError, ConfigErrors, ErrorKind};
use super::{Config, Spread};
use crate::store::atomic::{Faults, read_regular, write_atomic};

/// Settings the reader can change while running. `None` leaves a key as it is in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub max_width: Option<usize>,
    pub theme: Option<ThemeName>,
    pub spread: Option<Spread>,
}

/// Write `settings` into the config file at `path` (created, with its directory, if missing).
/// A file that is not valid TOML is left untouched and reported.
pub fn save_settings(path: &Path, settings: &Settings) -> Result<(), ConfigErrors> {
    let shown = path.display().to_string();
    let io = |reason: String| {
        ConfigErrors::from(ConfigError {
            file: shown.clone(),
            line: None,
            column: None,
            key: String::new(),
            kind: ErrorKind::Io { reason },
        })
    };
    let old = match read_regular(path, super::MAX_FILE_BYTES).map_err(io)? {
        Some(bytes) => String::from_utf8(bytes).map_err(|_| io("not UTF-8 text".into()))?,
        None => String::new(),
    };
    let new = edit_settings(&old, &shown, settings)?;
    if new == old {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(e.to_string()))?;
    }
    write_atomic(path, new.as_bytes(), &Faults::default()).map_err(|e| io(e.to_string()))
}

/// The text of a config file with `settings` written into it; everything else kept.
pub fn edit_settings(old: &str, file: &str, settings: &Settings) -> Result<String, ConfigErrors> {
    let body = old.strip_prefix('\u{feff}').unwrap_or(old);
    // Refuse to rewrite a file that would not load: the user's own text must win.
    Config::from_user_toml(body, file)?;
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| ConfigError {
            file: file.to_string(),
            line: None,
            column: None,
            key: String::new(),
            kind: ErrorKind::Syntax {
                message: e.message().to_string(),
            },
        })?;
    if let Some(w) = settings.max_width {
        set(&mut doc, "layout", "max_width", Value::from(w as i64));
    }
    if let Some(s) = settings.spread {
        set(&mut doc, "layout", "spread", Value::from(s.name()));
    }
    if let Some(t) = settings.theme {
        set(&mut doc, "theme", "name", Value::from(t.name()));
    }
    Ok(doc.to_string())
}

/// Set `section.key = value`, keeping the comment that trails an existing value.
fn set(doc: &mut DocumentMut, section: &str, key: &str, mut value: Value) {
    let root = doc.as_table_mut();
    if !root.contains_key(section) {
        let mut t = Table::new();
        t.set_implicit(false);
        root.insert(section, Item::Table(t));
    }
    let Some(table) = root.get_mut(section).and_then(Item::as_table_like_mut) else {
        return;
    };
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *value.decor_mut() = decor;
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_comments_and_other_keys() {
        let old = "# my settings\n[layout]\n# narrow is nicer\nmax_width = 60 # was 80\njustify = true\n\n[keys.reader]\nx = \"quit\" # handy\n";
        let new = edit_settings(
            old,
            "c",
            &Settings {
                max_width: Some(72),
                theme: Some(ThemeName::Sepia),
                spread: Some(Spread::Off),
            },
        )
        .unwrap();
        assert!(new.starts_with("# my settings\n[layout]\n# narrow is nicer\n"));
        assert!(new.contains("max_width = 72 # was 80\n"), "{new}");
        assert!(new.contains("justify = true\n"));
        assert!(new.contains("x = \"quit\" # handy\n"));
        let c = Config::from_user_toml(&new, "c").unwrap();
        assert_eq!(c.layout.max_width, 72);
        assert_eq!(c.layout.spread, Spread::Off);
        assert_eq!(c.theme.name, ThemeName::Sepia);
        assert!(c.layout.justify);
    }

    #[test]
    fn empty_file_gets_sections() {
        let new = edit_settings(
            "",
            "c",
            &Settings {
                max_width: Some(66),
                ..Settings::default()
            },
        )
        .unwrap();
        let c = Config::from_user_toml(&new, "c").unwrap();
        assert_eq!(c.layout.max_width, 66);
    }

    #[test]
    fn invalid_file_is_not_rewritten() {
        assert!(edit_settings("[layout\n", "c", &Settings::default()).is_err());
        assert!(edit_settings("[layout]\nmax_widht = 3\n", "c", &Settings::default()).is_err());
    }

    #[test]
    fn writes_atomically_into_a_new_dir() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        save_settings(
            &path,
            &Settings {
                theme: Some(ThemeName::Dark),
                ..Settings::default()
            },
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.theme.name, ThemeName::Dark);
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_is_written_through_and_keeps_its_mode() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let dotfiles = dir.path().join("dotfiles");
        std::fs::create_dir(&dotfiles).unwrap();
        let real = dotfiles.join("kanshu.toml");
        std::fs::write(&real, "# mine\n[layout]\nmax_width = 60\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("config.toml");
        symlink(&real, &link).unwrap();
        let wider = Settings {
            max_width: Some(90),
            ..Settings::default()
        };
        save_settings(&link, &wider).unwrap();
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink(), "the link is still a link");
        let text = std::fs::read_to_string(&real).unwrap();
        assert!(
            text.starts_with("# mine\n") && text.contains("max_width = 90"),
            "{text}"
        );
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the mode is kept");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_config_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let err = save_settings(&path, &Settings::default()).unwrap_err();
        assert!(format!("{err:?}").contains("not a regular file"), "{err:?}");
    }
}
