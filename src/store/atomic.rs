//! Atomic file replacement and the store-wide lock.
//!
//! A state file is never truncated or written in place: the new bytes go to a temporary file
//! in the same directory, which is flushed to disk and then renamed over the old one, and the
//! directory itself is flushed so the rename survives a power cut. A reader therefore sees the
//! old file or the new one, never half of one. This module knows nothing about what the bytes
//! mean.
//!
//! Failures can be injected (`Fault`) so tests can check what a full disk, a read-only
//! directory or a crash between the temp write and the rename leave behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A failure to simulate in the write path (tests only; `Fault::None` in normal use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fault {
    #[default]
    None,
    /// Every write fails with this error before anything touches the disk (a read-only or
    /// full file system).
    WriteError(io::ErrorKind),
    /// The temporary file is written and flushed, then the "process dies": no rename, no
    /// clean-up. The save reports an error.
    CrashAfterTempWrite,
}

/// Shared switch for injected faults; cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Faults(Arc<Mutex<Fault>>);

impl Faults {
    pub fn set(&self, fault: Fault) {
        if let Ok(mut f) = self.0.lock() {
            *f = fault;
        }
    }

    pub fn get(&self) -> Fault {
        self.0.lock().map(|f| *f).unwrap_or_default()
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The bytes of a store file: `Ok(None)` when there is no such file (or a parent of it is not
/// a directory, so there cannot be one), `Err` with a one-line reason when it can't be read.
pub(crate) fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(_) if path.is_dir() => Err("it is a directory".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Prefix of the temporary files written next to `target`.
pub(crate) fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// Replace `target` with `bytes` atomically (temp file, fsync, rename, fsync of the directory).
/// On error the old file is untouched.
pub fn write_atomic(target: &Path, bytes: &[u8], faults: &Faults) -> io::Result<()> {
    let fault = faults.get();
    if let Fault::WriteError(kind) = fault {
        return Err(io::Error::new(kind, "simulated write failure"));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(target),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if fault == Fault::CrashAfterTempWrite {
        return Err(io::Error::other(
            "simulated crash after the temporary write",
        ));
    }
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&dir);
    Ok(())
}

/// Remove temporary files a crashed writer left next to `target`. Call only while holding the
/// store lock (then no other writer can be using one).
pub(crate) fn remove_stale_temps(target: &Path) {
    let (Some(dir), prefix) = (target.parent(), temp_prefix(target)) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flush a directory entry change (a rename) to disk. Best effort: some file systems refuse.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The store-wide advisory lock held around every read-merge-write. Dropping it unlocks.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Take the lock file `path`, waiting up to `patience`. `None` when the lock can't be had (the
/// directory is read-only, or another process holds it too long); callers then go on without
/// it: the merge on save still keeps other writers' bookmarks in all but a narrow race.
pub fn lock(path: &Path, patience: Duration) -> Option<StoreLock> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .ok()?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Some(StoreLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < patience => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.json");
        let faults = Faults::default();
        write_atomic(&target, b"one", &faults).unwrap();
        write_atomic(&target, b"two", &faults).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_crash_after_the_temp_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.json");
        let faults = Faults::default();
        write_atomic(&target, b"old", &faults).unwrap();
        faults.set(Fault::CrashAfterTempWrite);
        assert!(write_atomic(&target, b"new", &faults).is_err());
        assert_eq!(fs::read(&target).unwrap(), b"old");
        remove_stale_temps(&target);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let held = lock(&path, Duration::ZERO).unwrap();
        assert!(lock(&path, Duration::from_millis(20)).is_none());
        drop(held);
        assert!(lock(&path, Duration::ZERO).is_some());
    }
}
