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
use crate::i18n::{Lang, tr};

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

/// One image as the popup says it in `lang`: `PNG · 12,345 bytes · 640 × 480 pixels`.
pub fn image_line(info: &ImageInfo, lang: Lang) -> String {
    let kind = match info.kind.as_deref() {
        Some(k) => k.to_string(),
        None => tr!(lang, "image-unknown-type"),
    };
    let Some(bytes) = info.bytes else {
        return tr!(lang, "image-missing", kind = kind);
    };
    let pixels = match info.pixels {
        Some((w, h)) => tr!(
            lang,
            "image-pixels",
            width = w.to_string(),
            height = h.to_string()
        ),
        None => tr!(lang, "image-pixels-unknown"),
    };
    let bytes = grouped(bytes);
    tr!(
        lang,
        "image-line",
        kind = kind,
        bytes = bytes,
        pixels = pixels
    )
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
            self.set_message(tr!(self.lang(), "msg-no-image"), false);
            return;
        }
        let path = self.doc().path.clone();
        let lang = self.lang();
        let rows = describe(path.as_deref(), &names)
            .iter()
            .map(|info| NoteRow {
                mark: MARK.to_string(),
                text: format!("{}\n{}", info.name, image_line(info, lang)),
            })
            .collect();
        self.overlay = Overlay::Notes(NotesState {
            rows,
            scroll: 0,
            title: Some(tr!(lang, "title-images")),
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
            image_line(&info, Lang::En),
            "PNG · 1,234,567 bytes · 640 × 480 pixels"
        );
        info.pixels = None;
        assert_eq!(
            image_line(&info, Lang::En),
            "PNG · 1,234,567 bytes · size in pixels unknown"
        );
        info.bytes = None;
        info.kind = None;
        assert_eq!(
            image_line(&info, Lang::En),
            "unknown type · not found in the book"
        );
        info.kind = Some("PNG".into());
        info.bytes = Some(2048);
        info.pixels = Some((640, 480));
        assert_eq!(
            image_line(&info, Lang::ZhHans),
            "PNG · 2,048 字节 · 640 × 480 像素"
        );
        info.pixels = None;
        assert_eq!(
            image_line(&info, Lang::ZhHant),
            "PNG · 2,048 位元組 · 像素尺寸不明"
        );
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
