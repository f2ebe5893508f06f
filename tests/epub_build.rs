//! EPUB fixtures written by the tests themselves: a zip of our own making (stored or deflated
//! entries, names with or without the UTF-8 flag), a package document and content documents.
#![allow(dead_code)]

use std::io::Write;

use kanshu::formats::epub::{self, Book};

/// One file of the zip: raw name bytes, whether the UTF-8 flag is set, contents, deflated.
pub struct Entry {
    pub name: Vec<u8>,
    pub utf8_flag: bool,
    pub data: Vec<u8>,
    pub deflate: bool,
    /// The uncompressed size written in the headers, when it should lie.
    pub stated_size: Option<u32>,
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The bytes of a zip holding `entries` in order.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let body = if e.deflate {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(&e.data).unwrap();
            enc.finish().unwrap()
        } else {
            e.data.clone()
        };
        let flags: u16 = if e.utf8_flag { 1 << 11 } else { 0 };
        let method: u16 = if e.deflate { 8 } else { 0 };
        let crc = crc32(&e.data);
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes());
        common.extend_from_slice(&flags.to_le_bytes());
        common.extend_from_slice(&method.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        common.extend_from_slice(&0x21u16.to_le_bytes());
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&(body.len() as u32).to_le_bytes());
        let size = e.stated_size.unwrap_or(e.data.len() as u32);
        common.extend_from_slice(&size.to_le_bytes());
        common.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&e.name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A book being written: `mimetype` and `META-INF/container.xml` pointing at `opf_path`.
pub struct EpubFiles {
    pub entries: Vec<Entry>,
}

impl EpubFiles {
    pub fn new(opf_path: &str) -> EpubFiles {
        let mut f = EpubFiles {
            entries: Vec::new(),
        };
        f.stored("mimetype", b"application/epub+zip");
        f.add(
            "META-INF/container.xml",
            format!(
                r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf_path}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#
            ),
        );
        f
    }

    pub fn stored(&mut self, name: &str, data: &[u8]) -> &mut Self {
        self.entries.push(Entry {
            name: name.as_bytes().to_vec(),
            utf8_flag: true,
            data: data.to_vec(),
            deflate: false,
            stated_size: None,
        });
        self
    }

    /// A deflated file with a UTF-8 name.
    pub fn add(&mut self, name: &str, data: impl Into<Vec<u8>>) -> &mut Self {
        self.entries.push(Entry {
            name: name.as_bytes().to_vec(),
            utf8_flag: true,
            data: data.into(),
            deflate: true,
            stated_size: None,
        });
        self
    }

    /// A file whose name is stored as raw bytes without the UTF-8 flag.
    pub fn raw_name(&mut self, name: &[u8], data: impl Into<Vec<u8>>) -> &mut Self {
        self.entries.push(Entry {
            name: name.to_vec(),
            utf8_flag: false,
            data: data.into(),
            deflate: true,
            stated_size: None,
        });
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        zip(&self.entries)
    }

    pub fn open(&self) -> Book {
        epub::from_bytes(self.bytes(), "fallback").expect("the book opens")
    }
}

/// A package document. `items` are (id, href, media type, properties); `spine` idrefs.
pub fn opf(version: &str, meta: &str, items: &[(&str, &str, &str, &str)], spine: &str) -> String {
    let mut m = String::new();
    for (id, href, media, props) in items {
        let props = if props.is_empty() {
            String::new()
        } else {
            format!(r#" properties="{props}""#)
        };
        m.push_str(&format!(
            r#"<item id="{id}" href="{href}" media-type="{media}"{props}/>"#
        ));
        m.push('\n');
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{version}" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{meta}</metadata>
<manifest>
{m}</manifest>
{spine}
</package>"#
    )
}

/// `<spine>` with these idrefs (and `attrs` on the spine element).
pub fn spine(attrs: &str, ids: &[&str]) -> String {
    let refs: String = ids
        .iter()
        .map(|id| format!(r#"<itemref idref="{id}"/>"#))
        .collect();
    format!("<spine {attrs}>{refs}</spine>")
}

/// An XHTML content document with this body.
pub fn xhtml(title: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title><style>p {{ text-indent: 2em }}</style></head>
<body>
{body}
</body>
</html>"#
    )
}

pub const XHTML: &str = "application/xhtml+xml";

/// An NCX whose navPoints are (level, label, src) in order.
pub fn ncx(points: &[(u8, &str, &str)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><docTitle><text>Book</text></docTitle><navMap>"#,
    );
    let mut depth = 0u8;
    for (i, (level, label, src)) in points.iter().enumerate() {
        while depth >= *level {
            out.push_str("</navPoint>");
            depth -= 1;
        }
        out.push_str(&format!(
            r#"<navPoint id="p{i}" playOrder="{i}"><navLabel><text>{label}</text></navLabel><content src="{src}"/>"#
        ));
        depth += 1;
    }
    while depth > 0 {
        out.push_str("</navPoint>");
        depth -= 1;
    }
    out.push_str("</navMap></ncx>");
    out
}

/// A nav document whose entries are (level, label, href) in order.
pub fn nav(points: &[(u8, &str, &str)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>
<nav epub:type="landmarks"><ol><li><a href="a.xhtml">Start here</a></li></ol></nav>
<nav epub:type="toc"><h1>目录</h1><ol>"#,
    );
    let mut depth = 1u8;
    let mut first = true;
    for (label_level, label, href) in points {
        if !first {
            if *label_level > depth {
                out.push_str("<ol>");
                depth += 1;
            } else {
                out.push_str("</li>");
                while depth > *label_level {
                    out.push_str("</ol></li>");
                    depth -= 1;
                }
            }
        }
        first = false;
        out.push_str(&format!(r#"<li><a href="{href}">{label}</a>"#));
    }
    out.push_str("</li>");
    while depth > 1 {
        out.push_str("</ol></li>");
        depth -= 1;
    }
    out.push_str("</ol></nav></body></html>");
    out
}

/// A plain EPUB 2 book: chapters (title, body XHTML) in `OEBPS/Text/cN.xhtml`, with an NCX.
pub fn epub2(chapters: &[(&str, &str)]) -> EpubFiles {
    let mut f = EpubFiles::new("OEBPS/content.opf");
    let mut items = vec![("ncx", "toc.ncx", "application/x-dtbncx+xml", "")];
    let names: Vec<(String, String)> = (0..chapters.len())
        .map(|i| (format!("c{i}"), format!("Text/c{i}.xhtml")))
        .collect();
    for (id, href) in &names {
        items.push((id, href, XHTML, ""));
    }
    let ids: Vec<&str> = names.iter().map(|(id, _)| id.as_str()).collect();
    f.add(
        "OEBPS/content.opf",
        opf(
            "2.0",
            "<dc:title>测试之书</dc:title><dc:creator>张三</dc:creator><dc:creator>李四</dc:creator><dc:language>zh-CN</dc:language><dc:publisher>看书出版社</dc:publisher>",
            &items,
            &spine(r#"toc="ncx""#, &ids),
        ),
    );
    let points: Vec<(u8, &str, &str)> = chapters
        .iter()
        .zip(&names)
        .map(|((title, _), (_, href))| (1, *title, href.as_str()))
        .collect();
    f.add("OEBPS/toc.ncx", ncx(&points));
    for ((title, body), (_, href)) in chapters.iter().zip(&names) {
        f.add(&format!("OEBPS/{href}"), xhtml(title, body));
    }
    f
}

/// Every structure invariant and chapter invariant a converted book must keep.
pub fn assert_well_formed(book: &Book) {
    let doc = &book.document;
    assert_eq!(doc.structure.check(&doc.text, &doc.chapters), Ok(()));
    assert!(!doc.chapters.is_empty());
    assert_eq!(doc.chapters[0].range.start, 0);
    assert_eq!(
        doc.chapters.last().map(|c| c.range.end),
        Some(doc.text.len())
    );
    for w in doc.chapters.windows(2) {
        assert_eq!(w[0].range.end, w[1].range.start, "chapters leave no gap");
        // Only a volume that opens at its first chapter (the entry below it) is empty.
        assert!(
            w[0].range.start < w[1].range.start || w[0].level < w[1].level,
            "chapters are not empty: {} {:?}, {} {:?}",
            w[0].title,
            w[0].range,
            w[1].title,
            w[1].range
        );
    }
}

/// The chapter titles with their levels.
pub fn contents(book: &Book) -> Vec<(u8, String)> {
    book.document
        .chapters
        .iter()
        .map(|c| (c.level, c.title.clone()))
        .collect()
}
