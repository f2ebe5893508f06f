//! What `kanshu ARG` and `kanshu -r PATTERN` ask for besides a book file: a folder (`kanshu
//! DIR` opens the file picker there), a number (`kanshu 3`: the third most recent book of the
//! library), or a title pattern (`-r PATTERN`: the most recent book whose title holds it).
//!
//! Decides only which file or folder; opening the book and the reader are `read`'s. An
//! existing file always wins, so a book named `3` still opens.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::i18n::{Lang, tr};
use crate::store::Store;

/// What to open: a book file (`None`: the usual choice, the book read last), and a folder to
/// show in the picker over it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    pub file: Option<PathBuf>,
    pub picker: Option<PathBuf>,
}

/// `file` (the FILE argument) and `recent` (`-r PATTERN`) as a target.
pub fn resolve(
    file: Option<&Path>,
    recent: Option<&str>,
    store: Option<&Store>,
    lang: Lang,
) -> Result<Target, CliError> {
    if let Some(pattern) = recent {
        return recent_matching(pattern, store, lang).map(|f| Target {
            file: Some(f),
            picker: None,
        });
    }
    let Some(path) = file else {
        return Ok(Target::default());
    };
    if path.is_dir() {
        return Ok(Target {
            file: None,
            picker: Some(path.to_path_buf()),
        });
    }
    let text = path.to_string_lossy();
    if !path.exists()
        && !text.is_empty()
        && text.len() <= 6
        && text.bytes().all(|b| b.is_ascii_digit())
    {
        let n: usize = text.parse().unwrap_or(0);
        return nth_recent(n, store, lang).map(|f| Target {
            file: Some(f),
            picker: None,
        });
    }
    Ok(Target {
        file: Some(path.to_path_buf()),
        picker: None,
    })
}

fn library(store: Option<&Store>, lang: Lang) -> Result<Vec<crate::store::LibraryEntry>, CliError> {
    let store = store.ok_or_else(|| CliError::Usage(tr!(lang, "msg-no-library")))?;
    Ok(store
        .library()
        .0
        .into_iter()
        .filter(|b| b.path.is_some())
        .collect())
}

/// The `n`th most recent book (1 = the one read last).
fn nth_recent(n: usize, store: Option<&Store>, lang: Lang) -> Result<PathBuf, CliError> {
    let books = library(store, lang)?;
    if n == 0 || n > books.len() {
        return Err(CliError::Usage(tr!(
            lang,
            "cli-no-nth-book",
            n = n,
            count = books.len()
        )));
    }
    Ok(books[n - 1].path_buf().unwrap_or_default())
}

/// The most recent book whose title (or file name) holds `pattern`, case folded.
fn recent_matching(pattern: &str, store: Option<&Store>, lang: Lang) -> Result<PathBuf, CliError> {
    let needle = pattern.to_lowercase();
    library(store, lang)?
        .into_iter()
        .find(|b| {
            b.title.to_lowercase().contains(&needle)
                || b.path
                    .as_deref()
                    .and_then(|p| Path::new(p).file_name())
                    .is_some_and(|n| n.to_string_lossy().to_lowercase().contains(&needle))
        })
        .and_then(|b| b.path_buf())
        .ok_or_else(|| CliError::Usage(tr!(lang, "cli-no-recent-match", pattern = pattern)))
}
