//! The images key: the images on the page on screen, in a popup, each with its name in the
//! book, its type, its size in bytes and its pixel dimensions (read from the image's header
//! when the key is pressed, so opening a book never reads its images). A page without an
//! image opens nothing and says so in the status line.
//!
//! State changes only; the popup is the footnote popup's box (`NotesState` with a title), so
//! it scrolls and closes the same way. Images come from the book's structure: image blocks and
//! inline images (`BlockKind::Image`, `SpanKind::Image`) on the page. Never changes the text,
//! the place or the jump list.

use super::{App, NoteRow, NotesState, Overlay};
use crate::document::blocks::{BlockKind, SpanKind};
use crate::formats::images::{ImageInfo, describe};

/// What the popup and the status line say (kept together for translation).
const TITLE: &str = "Images on this page";
const NO_IMAGE: &str = "no image on this page";
const NOT_FOUND: &str = "not found in the book";
const UNKNOWN_TYPE: &str = "unknown type";
const UNKNOWN_PIXELS: &str = "size in pixels unknown";
const BYTES: &str = "bytes";
const PIXELS: &str = "pixels";
/// Before each image's name (the mark image placeholders carry on the page).
const MARK: &str = "▣";

/// `12345` → `12,345`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One image as the popup says it: `PNG · 12,345 bytes · 640 × 480 pixels`.
pub fn image_line(info: &ImageInfo) -> String {
    let kind = info.kind.as_deref().unwrap_or(UNKNOWN_TYPE);
    let Some(bytes) = info.bytes else {
        return format!("{kind} · {NOT_FOUND}");
    };
    let pixels = match info.pixels {
        Some((w, h)) => format!("{w} × {h} {PIXELS}"),
        None => UNKNOWN_PIXELS.to_string(),
    };
    format!("{kind} · {} {BYTES} · {pixels}", grouped(bytes))
}

impl App {
    /// The images on the page on screen, in reading order, each once (their `src`).
    pub fn images_on_page(&self) -> Vec<String> {
        let doc = self.doc();
        let visible = self.view().visible.clone();
        let range = visible.start..visible.end.max(visible.start + 1);
        let blocks = doc
            .structure
            .blocks_in(range.clone())
            .iter()
            .filter_map(|b| {
                let BlockKind::Image { src } = &b.kind else {
                    return None;
                };
                Some((b.range.start, src))
            });
        let spans = doc.structure.spans_in(range).iter().filter_map(|s| {
            let SpanKind::Image { src } = &s.kind else {
                return None;
            };
            Some((s.range.start, src))
        });
        let mut found: Vec<(usize, &String)> = blocks.chain(spans).collect();
        found.sort_by_key(|(at, _)| *at);
        let mut out: Vec<String> = Vec::new();
        for (_, src) in found {
            if !src.is_empty() && !out.contains(src) {
                out.push(src.clone());
            }
        }
        out
    }

    /// Open the images popup (or say there is no image on the page).
    pub(super) fn open_images(&mut self) {
        let names = self.images_on_page();
        if names.is_empty() {
            self.set_message(NO_IMAGE, false);
            return;
        }
        let path = self.doc().path.clone();
        let rows = describe(path.as_deref(), &names)
            .iter()
            .map(|info| NoteRow {
                mark: MARK.to_string(),
                text: format!("{}\n{}", info.name, image_line(info)),
            })
            .collect();
        self.overlay = Overlay::Notes(NotesState {
            rows,
            scroll: 0,
            title: Some(TITLE.to_string()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_line_says_type_bytes_and_pixels() {
        let mut info = ImageInfo {
            name: "OEBPS/a.png".into(),
            kind: Some("PNG".into()),
            bytes: Some(1_234_567),
            pixels: Some((640, 480)),
        };
        assert_eq!(
            image_line(&info),
            "PNG · 1,234,567 bytes · 640 × 480 pixels"
        );
        info.pixels = None;
        assert_eq!(
            image_line(&info),
            "PNG · 1,234,567 bytes · size in pixels unknown"
        );
        info.bytes = None;
        info.kind = None;
        assert_eq!(image_line(&info), "unknown type · not found in the book");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
