//! Saving settings changed in the reader (text width, theme, spread) back into the user's
//! `config.toml`, editing only those keys: comments, order and formatting of everything else
//! stay as the user wrote them. The write is atomic (temp file, fsync, rename).

use std::io::Write;
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, Value};

use super::color::ThemeName;
use super::error::{ConfigError, ConfigErrors, ErrorKind};
use super::{Config, Spread};

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
    let old = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| io("not UTF-8 text".into()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e.to_string())),
    };
    let new = edit_settings(&old, &shown, settings)?;
    if new == old {
        return Ok(());
    }
    write_atomic(path, new.as_bytes()).map_err(|e| io(e.to_string()))
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

/// Replace `path` with `bytes` so that a crash leaves either the old or the new file, never a
/// truncated one: write a temp file next to it, fsync, rename over.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config.toml".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
}
