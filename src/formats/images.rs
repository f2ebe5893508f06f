//! What can be said about a book's images without showing them: the type, the size in bytes
//! and the pixel dimensions read from the first bytes of the file (PNG, JPEG, GIF, WebP, BMP
//! headers; an SVG's `width` and `height` when given in pixels).
//!
//! Owns the header readers and [`describe`], which reads only the images asked for, when asked
//! (an EPUB's zip directory and the first bytes of each entry; a Markdown book's files next to
//! it), so opening a book never pays for its images. It decodes no image and draws nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Bytes read from the start of an image to find its dimensions (a JPEG's frame header may
/// come after a large EXIF block).
const HEAD_BYTES: u64 = 256 * 1024;

/// What is known about one image of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    /// The path inside the book (EPUB) or as the book writes it (Markdown).
    pub name: String,
    /// "PNG", "JPEG", "GIF", "WebP", "SVG", "BMP", else the file's extension in capitals, or
    /// `None` when neither says.
    pub kind: Option<String>,
    /// Size of the file in bytes; `None` when it was not found.
    pub bytes: Option<u64>,
    /// Width × height in pixels, when the header says.
    pub pixels: Option<(u32, u32)>,
}

/// The type of an image from its first bytes.
pub fn kind_of(head: &[u8]) -> Option<&'static str> {
    Some(if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "PNG"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "JPEG"
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        "GIF"
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        "WebP"
    } else if head.starts_with(b"BM") && head.len() >= 26 {
        "BMP"
    } else if svg_tag(head).is_some() {
        "SVG"
    } else {
        return None;
    })
}

/// Width and height in pixels from an image's first bytes, for the types [`kind_of`] knows.
pub fn pixels(head: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| -> Option<u32> {
        let b = head.get(at..at + 2)?;
        Some(u32::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let le16 = |at: usize| -> Option<u32> {
        let b = head.get(at..at + 2)?;
        Some(u32::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let be32 = |at: usize| -> Option<u32> {
        let b = head.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let le24 = |at: usize| -> Option<u32> {
        let b = head.get(at..at + 3)?;
        Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
    };
    let dims = match kind_of(head)? {
        "PNG" if head.get(12..16) == Some(b"IHDR") => (be32(16)?, be32(20)?),
        "GIF" => (le16(6)?, le16(8)?),
        "JPEG" => jpeg(head, be16)?,
        "WebP" => match head.get(12..16)? {
            b"VP8 " => (le16(26)? & 0x3FFF, le16(28)? & 0x3FFF),
            b"VP8L" => {
                let b = head.get(21..25)?;
                let (b0, b1, b2, b3) = (
                    u32::from(b[0]),
                    u32::from(b[1]),
                    u32::from(b[2]),
                    u32::from(b[3]),
                );
                (
                    1 + (b0 | (b1 & 0x3F) << 8),
                    1 + (b1 >> 6 | b2 << 2 | (b3 & 0x0F) << 10),
                )
            }
            b"VP8X" => (1 + le24(24)?, 1 + le24(27)?),
            _ => return None,
        },
        "BMP" => {
            let b = head.get(18..26)?;
            let w = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let h = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
            (w.unsigned_abs(), h.unsigned_abs())
        }
        "SVG" => svg(head)?,
        _ => return None,
    };
    Some(dims)
}

/// A JPEG's size from its first frame header (SOF0–SOF15 other than DHT, JPG and DAC).
fn jpeg(head: &[u8], be16: impl Fn(usize) -> Option<u32>) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with 0xFF bytes.
        while head.get(at) == Some(&0xFF) && head.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if head.get(at) != Some(&0xFF) {
            return None;
        }
        let marker = *head.get(at + 1)?;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            at += 2;
            continue;
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = be16(at + 5)?;
            let w = be16(at + 7)?;
            return Some((w, h));
        }
        if marker == 0xD9 || marker == 0xDA {
            return None;
        }
        at += 2 + usize::try_from(be16(at + 2)?).ok()?;
    }
}

/// The text of an SVG's `<svg …>` start tag, when the head holds one.
fn svg_tag(head: &[u8]) -> Option<&str> {
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // The head may end inside a character: what comes before it.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let start = text.find("<svg")?;
    let rest = &text[start..];
    let end = rest.find('>')?;
    Some(&rest[..end])
}

/// An SVG's `width` and `height` when both are given in pixels (a bare number or `px`).
fn svg(head: &[u8]) -> Option<(u32, u32)> {
    let tag = svg_tag(head)?;
    let attr = |name: &str| -> Option<u32> {
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            let before = tag[..at].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let rest = tag[from..].trim_start().strip_prefix('=')?.trim_start();
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = rest[1..].split(quote).next()?.trim();
            let number = value.strip_suffix("px").unwrap_or(value).trim();
            let n: f64 = number.parse().ok()?;
            return (n.is_finite() && n >= 0.0 && n < f64::from(u32::MAX))
                .then(|| n.round() as u32);
        }
        None
    };
    Some((attr("width")?, attr("height")?))
}

/// Facts about the images `names` of the book at `book`: entries of its zip for an EPUB, files
/// relative to its folder otherwise (a web address is reported as not found). Reads only these
/// images' first bytes; in the order asked.
pub fn describe(book: Option<&Path>, names: &[String]) -> Vec<ImageInfo> {
    let mut heads: Vec<Option<(u64, Vec<u8>)>> = vec![None; names.len()];
    if let Some(path) = book {
        if super::epub::sniff(path) {
            read_from_zip(path, names, &mut heads);
        } else {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            for (name, head) in names.iter().zip(heads.iter_mut()) {
                if let Some(file) = local_file(&dir, name) {
                    *head = read_head(&file);
                }
            }
        }
    }
    names
        .iter()
        .zip(heads)
        .map(|(name, head)| {
            let (bytes, head) = match head {
                Some((n, h)) => (Some(n), h),
                None => (None, Vec::new()),
            };
            let kind = kind_of(&head).map(str::to_string).or_else(|| {
                Path::new(name.split(['?', '#']).next().unwrap_or(name))
                    .extension()
                    .and_then(|e| e.to_str())
                    .filter(|e| !e.is_empty() && e.len() <= 8)
                    .map(str::to_uppercase)
            });
            ImageInfo {
                name: name.clone(),
                kind,
                bytes,
                pixels: pixels(&head),
            }
        })
        .collect()
}

/// A Markdown image's file: a relative or absolute path (percent escapes decoded), not a web
/// address.
fn local_file(dir: &Path, name: &str) -> Option<PathBuf> {
    if name.contains("://") || name.starts_with("data:") || name.is_empty() {
        return None;
    }
    let clean = name.split(['?', '#']).next().unwrap_or(name);
    let clean = super::epub::percent_decode(clean);
    let p = Path::new(&clean);
    Some(if p.is_absolute() {
        p.to_path_buf()
    } else {
        dir.join(p)
    })
}

/// A regular file's size and first bytes.
fn read_head(path: &Path) -> Option<(u64, Vec<u8>)> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let mut head = Vec::new();
    file.take(HEAD_BYTES).read_to_end(&mut head).ok()?;
    Some((meta.len(), head))
}

/// The size and first bytes of each entry of the EPUB's zip named in `names` (names decoded
/// as the reader decodes them; case-insensitive as a fallback).
fn read_from_zip(path: &Path, names: &[String], heads: &mut [Option<(u64, Vec<u8>)>]) {
    let Ok(file) = std::fs::File::open(path) else {
        return;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return;
    };
    let mut index: Vec<(String, usize)> = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            index.push((super::epub::decode_name(f.name_raw()), i));
        }
    }
    for (name, head) in names.iter().zip(heads.iter_mut()) {
        let found = index
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| index.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
            .map(|&(_, i)| i);
        let Some(i) = found else {
            continue;
        };
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let size = entry.size();
        let mut bytes = Vec::new();
        if entry.take(HEAD_BYTES).read_to_end(&mut bytes).is_ok() {
            *head = Some((size, bytes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn png_and_gif_headers() {
        assert_eq!(kind_of(&png(640, 480)), Some("PNG"));
        assert_eq!(pixels(&png(640, 480)), Some((640, 480)));
        let gif = b"GIF89a\x20\x03\x58\x02\0\0".to_vec();
        assert_eq!(kind_of(&gif), Some("GIF"));
        assert_eq!(pixels(&gif), Some((800, 600)));
        assert_eq!(pixels(&png(1, 1)[..20]), None, "cut before the height");
    }

    #[test]
    fn jpeg_skips_segments_to_the_frame_header() {
        let mut j = vec![0xFF, 0xD8];
        // APP0 of 16 bytes (length 16 counts itself), then padding, then SOF2.
        j.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        j.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        j.extend_from_slice(&[0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80]);
        assert_eq!(kind_of(&j), Some("JPEG"));
        assert_eq!(pixels(&j), Some((640, 480)));
        // A DHT segment (C4) is not a frame header.
        let mut d = vec![0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00];
        d.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20]);
        assert_eq!(pixels(&d), Some((32, 16)));
        assert_eq!(pixels(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
    }

    #[test]
    fn webp_in_its_three_shapes() {
        let riff = |chunk: &[u8], body: &[u8]| {
            let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
            b.extend_from_slice(chunk);
            b.extend_from_slice(body);
            b
        };
        // VP8: frame tag (3), start code (3), then 14-bit width and height.
        let lossy = riff(
            b"VP8 ",
            &[
                0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0x90, 0x01, 0x2C, 0x01,
            ],
        );
        assert_eq!(pixels(&lossy), Some((400, 300)));
        // VP8L: signature 0x2F, then (w-1) in 14 bits and (h-1) in 14 bits.
        let (w, h) = (100u32 - 1, 50u32 - 1);
        let bits = w | h << 14;
        let mut body = vec![0, 0, 0, 0, 0x2F];
        body.extend_from_slice(&bits.to_le_bytes());
        assert_eq!(pixels(&riff(b"VP8L", &body)), Some((100, 50)));
        // VP8X: flags, then 24-bit (w-1) and (h-1).
        let body = [0, 0, 0, 0, 0, 0, 0, 0, 0x1F, 0x03, 0x00, 0xDF, 0x01, 0x00];
        assert_eq!(pixels(&riff(b"VP8X", &body)), Some((800, 480)));
    }

    #[test]
    fn svg_width_and_height_when_given_in_pixels() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height='80'>"#;
        assert_eq!(kind_of(svg), Some("SVG"));
        assert_eq!(pixels(svg), Some((120, 80)));
        let rel = br#"<svg viewBox="0 0 10 10" width="100%" height="100%">"#;
        assert_eq!(pixels(rel), None);
        let none = br#"<svg viewBox="0 0 10 10" stroke-width="2">"#;
        assert_eq!(pixels(none), None, "stroke-width is not width");
    }

    #[test]
    fn bmp_and_unknown() {
        let mut b = b"BM".to_vec();
        b.extend_from_slice(&[0; 16]);
        b.extend_from_slice(&7i32.to_le_bytes());
        b.extend_from_slice(&(-9i32).to_le_bytes());
        assert_eq!(pixels(&b), Some((7, 9)));
        assert_eq!(kind_of(b"hello"), None);
        assert_eq!(pixels(b"hello"), None);
        assert_eq!(pixels(&[]), None);
    }

    #[test]
    fn markdown_images_are_read_next_to_the_book() {
        let dir = std::env::temp_dir().join(format!("kanshu-images-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pics")).expect("temp dir");
        std::fs::write(dir.join("pics/a b.png"), png(3, 2)).expect("write");
        let book = dir.join("book.md");
        let got = describe(
            Some(&book),
            &[
                "pics/a%20b.png".to_string(),
                "gone.jpg".to_string(),
                "https://example.org/x.gif".to_string(),
            ],
        );
        assert_eq!(got[0].kind.as_deref(), Some("PNG"));
        assert_eq!(got[0].bytes, Some(png(3, 2).len() as u64));
        assert_eq!(got[0].pixels, Some((3, 2)));
        assert_eq!((got[1].kind.as_deref(), got[1].bytes), (Some("JPG"), None));
        assert_eq!(got[2].bytes, None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
