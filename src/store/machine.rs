//! The name of this machine, as kept in a book's state ("last read on …") and as the key of
//! the path each machine opens a book from: `KANSHU_MACHINE` when set, else the host name.
//! Cleaned of control characters and cut to `MAX_MACHINE_CHARS`. No other I/O.

use super::state::{MAX_MACHINE_CHARS, cut_chars};

/// This machine's name, or `None` when it has none that can be found.
pub fn this_machine() -> Option<String> {
    let raw = std::env::var("KANSHU_MACHINE")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(host_name)?;
    clean(&raw)
}

/// A name fit to keep: control characters gone, outer spaces trimmed, cut; `None` if empty.
pub fn clean(raw: &str) -> Option<String> {
    let mut name: String = raw
        .chars()
        .take(MAX_MACHINE_CHARS + 1)
        .filter(|c| !c.is_control())
        .collect();
    cut_chars(&mut name, MAX_MACHINE_CHARS);
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(unix)]
fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length; gethostname writes at most that much.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned())
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_cut() {
        assert_eq!(clean("  desk\u{1b}[2J  ").as_deref(), Some("desk[2J"));
        assert_eq!(clean(" \t "), None);
        assert_eq!(
            clean(&"m".repeat(500)).map(|n| n.chars().count()),
            Some(MAX_MACHINE_CHARS)
        );
    }
}
