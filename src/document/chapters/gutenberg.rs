//! Project Gutenberg's frame: the header up to `*** START OF THE PROJECT GUTENBERG EBOOK … ***`
//! and the licence from `*** END OF … ***` to the end are front and back matter of their own,
//! never part of the first or last chapter.
//!
//! Finds the two marker lines and nothing else; it does not look for headings.

use std::ops::Range;

/// Title of the section before the book's own text.
pub const HEADER_TITLE: &str = "Project Gutenberg header";
/// Title of the section after it.
pub const LICENCE_TITLE: &str = "Project Gutenberg licence";

/// Where a Gutenberg book's own text is: `header_end..licence_start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Frame {
    /// Just after the START marker line (0 when there is none).
    pub header_end: usize,
    /// The start of the END marker line (or of the "End of the Project Gutenberg EBook" line
    /// just before it); the text length when there is none.
    pub licence_start: usize,
}

impl Frame {
    pub fn body(&self) -> Range<usize> {
        self.header_end..self.licence_start
    }
}

fn is_marker(line: &str, word: &str) -> bool {
    let l = line.trim().trim_start_matches('*').trim_start();
    let upper = l.to_ascii_uppercase();
    line.trim_start().starts_with("***")
        && upper.starts_with(word)
        && upper.contains("PROJECT GUTENBERG")
}

/// The frame of a Gutenberg book, or `None` for any other book (no START or END marker).
pub(super) fn frame(text: &str) -> Option<Frame> {
    // The markers are near the ends: look at the first and last 64 KB only.
    const LOOK: usize = 64 * 1024;
    let mut header_end = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > LOOK {
            break;
        }
        at += line.len();
        if is_marker(line, "START OF") {
            header_end = Some(at);
            break;
        }
    }
    let tail_from = text.len().saturating_sub(LOOK).max(header_end.unwrap_or(0));
    let mut from = tail_from;
    while from < text.len() && !text.is_char_boundary(from) {
        from += 1;
    }
    let mut licence_start = None;
    let mut prev_end_line: Option<usize> = None;
    let mut at = from;
    for line in text.get(from..).unwrap_or_default().split_inclusive('\n') {
        let upper = line.trim().to_ascii_uppercase();
        if upper.starts_with("END OF THE PROJECT GUTENBERG")
            || upper.starts_with("END OF PROJECT GUTENBERG")
            || upper.starts_with("END OF THIS PROJECT GUTENBERG")
        {
            prev_end_line = Some(at);
        } else if is_marker(line, "END OF") {
            licence_start = Some(prev_end_line.filter(|p| at - p < 400).unwrap_or(at));
            break;
        }
        at += line.len();
    }
    if header_end.is_none() && licence_start.is_none() {
        return None;
    }
    let header_end = header_end.unwrap_or(0);
    let licence_start = licence_start.unwrap_or(text.len()).max(header_end);
    Some(Frame {
        header_end,
        licence_start,
    })
}

/// The `Title:` line of a Gutenberg header.
pub(super) fn header_title(header: &str) -> Option<String> {
    header
        .lines()
        .find_map(|l| l.trim().strip_prefix("Title:"))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_frame() {
        let text = "The Project Gutenberg eBook of X\n\nTitle: X\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nCHAPTER I.\n\nText.\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\n\nLicence.\n";
        let f = frame(text).unwrap();
        assert!(text[..f.header_end].ends_with("***\n"));
        assert!(text[f.licence_start..].starts_with("*** END"));
        assert_eq!(header_title(&text[..f.header_end]).as_deref(), Some("X"));
        assert!(frame("CHAPTER I.\n\nText.\n").is_none());
    }
}
