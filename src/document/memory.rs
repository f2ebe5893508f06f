//! Big buffers for a whole book: reading a file into one, and allocating one to decode into.
//!
//! Owns only how the memory is obtained. A 100 MB book touches 25,000 fresh 4 KiB pages, and on
//! a virtual machine each first touch (a page fault) costs microseconds: half the time it takes
//! to read the file. On Linux, large buffers ask for transparent huge pages (2 MiB) instead,
//! which takes hundreds of times fewer faults. It also owns how much is read: never more than
//! the caller's limit, and the start first, so a caller can turn a binary file away before the
//! rest is read. Deciding what the bytes are (text, binary, which encoding) is not here.

use std::io::Read as _;
use std::path::Path;

/// Buffers smaller than this are left to the allocator as they are.
const HUGE_BYTES: usize = 4 * 1024 * 1024;

/// How much of a file is read before the rest: enough to tell text from binary.
pub const START_BYTES: usize = 64 * 1024;

/// What `read_file` found.
#[derive(Debug)]
pub enum Read {
    /// The whole file.
    Whole(Vec<u8>),
    /// The caller's look at the start turned the file away.
    Refused,
    /// The file holds more than the limit.
    TooLarge,
}

/// The whole file, in a buffer sized from its metadata (one allocation, no regrowth), if it
/// holds at most `limit` bytes. First only its start (up to `START_BYTES`) is read and shown
/// to `refuse`, so a binary file of gigabytes is turned away without reading it; then the
/// rest is read, never more than `limit` bytes in all, whatever the metadata says (a file in
/// `/proc` says it is empty and never ends).
pub fn read_file(path: &Path, limit: u64, refuse: impl Fn(&[u8]) -> bool) -> std::io::Result<Read> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let limit_len = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut start = Vec::with_capacity(START_BYTES);
    let mut file = file.take(limit.saturating_add(1));
    (&mut file)
        .take(START_BYTES as u64)
        .read_to_end(&mut start)?;
    if refuse(&start) {
        return Ok(Read::Refused);
    }
    if len > limit || start.len() > limit_len {
        return Ok(Read::TooLarge);
    }
    // One spare byte: `read_to_end` then sees the end without growing the buffer.
    let expected = usize::try_from(len).unwrap_or(usize::MAX).max(start.len());
    let mut bytes = buffer(expected.saturating_add(1));
    bytes.extend_from_slice(&start);
    drop(start);
    file.read_to_end(&mut bytes)?;
    if bytes.len() > limit_len {
        return Ok(Read::TooLarge);
    }
    Ok(Read::Whole(bytes))
}

/// An empty buffer with room for `capacity` bytes.
pub fn buffer(capacity: usize) -> Vec<u8> {
    let mut v = Vec::new();
    // A size the allocator cannot give (a huge file on a 32-bit system) is reported by the read.
    if v.try_reserve_exact(capacity).is_ok() {
        let spare = v.spare_capacity_mut();
        advise_huge_pages(spare.as_mut_ptr() as usize, spare.len());
    }
    v
}

/// `len` zero bytes, for threads to decode into disjoint parts of. The allocator takes large
/// zeroed blocks straight from the kernel (zero already, no pass writing zeros), so each page
/// is first touched, and its fault paid, by whichever thread writes there.
pub fn zeroed(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    advise_huge_pages(v.as_mut_ptr() as usize, v.len());
    v
}

/// An empty string with room for `capacity` bytes.
pub fn string(capacity: usize) -> String {
    // An empty buffer is valid UTF-8.
    String::from_utf8(buffer(capacity)).unwrap_or_default()
}

/// Ask for huge pages for the whole pages inside `addr..addr + len`, which must lie in one
/// allocation of the caller's.
#[cfg(target_os = "linux")]
fn advise_huge_pages(addr: usize, len: usize) {
    if len < HUGE_BYTES {
        return;
    }
    const PAGE: usize = 4096;
    let start = addr.next_multiple_of(PAGE);
    let end = (addr + len) / PAGE * PAGE;
    if end <= start {
        return;
    }
    // SAFETY: `start..end` lies inside the caller's allocation, page-aligned as madvise
    // requires. MADV_HUGEPAGE only tells the kernel how to back those pages; it never changes
    // memory contents or the mapping's validity, and a failure (e.g. no THP support) is
    // harmless, so the result is ignored.
    unsafe {
        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_addr: usize, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_have_the_room_asked_for() {
        for cap in [0, 10, HUGE_BYTES + 12_345] {
            assert!(buffer(cap).capacity() >= cap);
            let s = string(cap);
            assert!(s.capacity() >= cap && s.is_empty());
            let z = zeroed(cap);
            assert!(z.len() == cap && z.iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn files_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.txt");
        let text = "第一章\n正文。\n".repeat(1000);
        std::fs::write(&path, &text).unwrap();
        let whole = |limit| match read_file(&path, limit, |_| false).unwrap() {
            Read::Whole(b) => Some(b),
            _ => None,
        };
        assert_eq!(whole(u64::MAX).unwrap(), text.as_bytes());
        // Exactly at the limit is read; one byte over is not.
        assert_eq!(whole(text.len() as u64).unwrap(), text.as_bytes());
        assert!(whole(text.len() as u64 - 1).is_none());
        assert!(matches!(
            read_file(&path, 10, |_| false).unwrap(),
            Read::TooLarge
        ));
        std::fs::write(&path, "").unwrap();
        assert!(whole(0).unwrap().is_empty());
    }

    #[test]
    fn only_the_start_is_read_before_a_refusal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.bin");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: 4 GB of zeros that take no room on disk.
        file.set_len(4 << 30).unwrap();
        let seen = std::cell::Cell::new(0);
        let read = read_file(&path, u64::MAX, |start| {
            seen.set(start.len());
            start.contains(&0)
        })
        .unwrap();
        assert!(matches!(read, Read::Refused));
        assert_eq!(seen.get(), START_BYTES);
    }
}
