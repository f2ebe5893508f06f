//! Atomic file replacement and the store-wide lock.
//!
//! A state file is never truncated or written in place: the new bytes go to a temporary file
//! in the same directory, which is flushed to disk and then renamed over the old one, and the
//! directory itself is flushed so the rename survives a power cut. A reader therefore sees the
//! old file or the new one, never half of one; a symbolic link is written through and the old
//! file's permissions are kept. Reading is bounded the same way for every file kanshu keeps:
//! only regular files, only up to a size. This module knows nothing about what the bytes mean.
//!
//! Failures can be injected (`Fault`) so tests can check what a full disk, a read-only
//! directory or a crash between the temp write and the rename leave behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
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

/// The largest state or index file read (a bigger one is treated as unreadable): far above
/// what ten thousand bookmarks take, far below what would hurt.
pub const MAX_STATE_FILE: u64 = 64 * 1024 * 1024;

/// The bytes of a store file: `Ok(None)` when there is no such file (or a parent of it is not
/// a directory, so there cannot be one), `Err` with a one-line reason when it can't be read,
/// is not a regular file (a FIFO, a device, a directory) or is larger than `MAX_STATE_FILE`.
pub(crate) fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, String> {
    read_regular(path, MAX_STATE_FILE)
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `limit` of them.
/// Never blocks on a FIFO and never reads a device: what is not a regular file is refused
/// before anything is read. `Ok(None)`: there is no such file.
pub fn read_regular(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without a writer would wait for one.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(_) if path.is_dir() => return Err("it is a directory".into()),
        Err(e) => return Err(e.to_string()),
    };
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("it is a directory".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.len() > limit {
        return Err(format!("it is larger than {} MiB", limit >> 20));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size can change under us: read one byte past the limit to notice.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is larger than {} MiB", limit >> 20));
    }
    Ok(Some(bytes))
}

/// Prefix of the temporary files written next to `target`.
pub(crate) fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// The file a write to `path` must replace: `path` itself, or where its chain of symbolic
/// links ends (so a linked file is updated, not replaced by a copy).
fn final_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        let Ok(link) = fs::read_link(&target) else {
            break;
        };
        target = match target.parent() {
            Some(dir) if link.is_relative() => dir.join(link),
            _ => link,
        };
    }
    target
}

/// Replace `target` with `bytes` atomically: a temporary file in the same directory, written,
/// given the old file's permissions and fsynced, renamed over the old one, then the directory
/// fsynced. A symbolic link is written through (its final target is replaced). On error the
/// old file is untouched and the temporary file is removed (unless a simulated crash left it).
pub fn write_atomic(target: &Path, bytes: &[u8], faults: &Faults) -> io::Result<()> {
    let fault = faults.get();
    if let Fault::WriteError(kind) = fault {
        return Err(io::Error::new(kind, "simulated write failure"));
    }
    let target = final_target(target);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(&target),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Ok(old) = fs::metadata(&target) {
            f.set_permissions(old.permissions())?;
        }
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
    if let Err(e) = fs::rename(&tmp, &target) {
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_the_mode_kept() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.toml");
        symlink("real.toml", &link).unwrap();
        write_atomic(&link, b"new", &Faults::default()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_oversized_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let err = read_existing(&fifo).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let zero = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(
            read_existing(&zero)
                .unwrap_err()
                .contains("not a regular file")
        );
        let big = dir.path().join("big.json");
        fs::File::create(&big).unwrap().set_len(100).unwrap();
        assert!(read_regular(&big, 99).unwrap_err().contains("larger than"));
        assert_eq!(read_regular(&big, 100).unwrap().map(|b| b.len()), Some(100));
        assert_eq!(read_existing(&dir.path().join("none.json")), Ok(None));
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
