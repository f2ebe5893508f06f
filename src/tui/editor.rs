//! Editing a note in the reader's own editor (`$VISUAL`, else `$EDITOR`): the note goes into
//! a new private temporary file, the editor runs on it through `sh -c` (so `EDITOR="code
//! -w"` works), and what it saved comes back. The caller gives the terminal to the editor
//! and takes it back (`EventSource::edit_externally`); this module only runs the program.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use crate::i18n::{Lang, tr};

/// Largest note read back from the editor's file.
const MAX_BYTES: u64 = 1 << 20;

/// The editor the environment names: `$VISUAL`, else `$EDITOR` (empty values count as unset).
pub fn from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|p| !p.trim().is_empty())
}

/// A file only this user can read, removed when dropped.
struct TempNote(PathBuf);

impl Drop for TempNote {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_note(text: &str) -> std::io::Result<TempNote> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let path = std::env::temp_dir().join(format!("kanshu-note-{}-{nanos}.md", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts.open(&path)?;
    let note = TempNote(path);
    file.write_all(text.as_bytes())?;
    if !text.is_empty() {
        file.write_all(b"\n")?;
    }
    file.sync_all()?;
    Ok(note)
}

/// Run `program` on `text` in a temporary file and return what it saved (its last line break
/// taken off), or one line saying why not (the note then stays as it was).
pub fn edit(program: &str, text: &str, lang: Lang) -> Result<String, String> {
    let file = temp_note(text)
        .map_err(|e| tr!(lang, "editor-cannot-make-file", reason = e.to_string()))?;
    #[cfg(unix)]
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{program} \"$1\""))
        .arg("sh")
        .arg(&file.0)
        .status();
    #[cfg(not(unix))]
    let status = {
        let mut words = program.split_whitespace();
        let cmd = words.next().unwrap_or(program);
        Command::new(cmd).args(words).arg(&file.0).status()
    };
    let shown = program.split_whitespace().next().unwrap_or(program);
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            let status = s.to_string();
            return Err(tr!(lang, "editor-failed", program = shown, status = status));
        }
        Err(e) => {
            let reason = e.to_string();
            return Err(tr!(
                lang,
                "editor-cannot-run",
                program = shown,
                reason = reason
            ));
        }
    }
    let bytes = crate::store::atomic::read_regular(&file.0, MAX_BYTES)
        .map_err(|e| tr!(lang, "editor-cannot-read-back", reason = e.to_string()))?
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.strip_suffix('\n').unwrap_or(&text).to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_editor_gets_the_note_and_gives_back_what_it_saved() {
        let upper = r#"f() { tr a-z A-Z < "$1" > "$1.x" && mv "$1.x" "$1"; }; f"#;
        assert_eq!(
            edit(upper, "a note\n第二行", Lang::En).unwrap(),
            "A NOTE\n第二行"
        );
        let err = edit("false", "x", Lang::En).unwrap_err();
        assert!(err.contains("the note is unchanged"), "{err}");
        let err = edit("false", "x", Lang::ZhHans).unwrap_err();
        assert!(
            err.starts_with("false 退出") && err.contains("笔记没有改动"),
            "{err}"
        );
    }
}
