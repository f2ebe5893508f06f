//! Writes the EPUB benchmark book (see BENCHMARKS.md): `book.epub` in a folder, default
//! `target/bench-books`, about 3 MB of deflated Chinese XHTML in 190 chapters with an NCX,
//! a nav document and a style sheet, as Chinese EPUBs are made.
//!
//! ```sh
//! cargo run --release --example genepub -- [OUTDIR]
//! ```
//!
//! The text is the same on every run (a fixed pseudo-random sequence). It uses none of kanshu's
//! own code.

use std::io::Write;
use std::path::PathBuf;

use zip::write::SimpleFileOptions;

const CHAPTERS: usize = 190;
const PARAGRAPHS: usize = 48;

/// The same sequence on every run (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn paragraph(rng: &mut Rng) -> String {
    let mut p = String::from("　　");
    let len = 80 + rng.next() % 160;
    for i in 0..len {
        let c = char::from_u32(0x4E00 + (rng.next() % 3500) as u32).unwrap_or('字');
        p.push(c);
        if i % 17 == 16 {
            p.push(if rng.next().is_multiple_of(5) {
                '。'
            } else {
                '，'
            });
        }
    }
    p.push('。');
    p
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-books"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let path = out.join("book.epub");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path)?);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default();
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#)?;
    let mut manifest = String::new();
    let mut spine = String::new();
    let mut ncx = String::new();
    let mut nav = String::new();
    for i in 1..=CHAPTERS {
        manifest.push_str(&format!(
            r#"<item id="c{i}" href="Text/chapter{i:03}.xhtml" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="c{i}"/>"#));
        ncx.push_str(&format!(
            r#"<navPoint id="n{i}" playOrder="{i}"><navLabel><text>第{i}章</text></navLabel><content src="Text/chapter{i:03}.xhtml"/></navPoint>"#
        ));
        nav.push_str(&format!(
            r#"<li><a href="Text/chapter{i:03}.xhtml">第{i}章</a></li>"#
        ));
    }
    zip.start_file("OEBPS/content.opf", deflated)?;
    write!(
        zip,
        r#"<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>基准之书</dc:title><dc:creator>佚名</dc:creator><dc:language>zh-CN</dc:language></metadata><manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="css" href="Styles/style.css" media-type="text/css"/>{manifest}</manifest><spine toc="ncx">{spine}</spine></package>"#
    )?;
    zip.start_file("OEBPS/toc.ncx", deflated)?;
    write!(
        zip,
        r#"<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>{ncx}</navMap></ncx>"#
    )?;
    zip.start_file("OEBPS/nav.xhtml", deflated)?;
    write!(
        zip,
        r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目录</title></head><body><nav epub:type="toc"><ol>{nav}</ol></nav></body></html>"#
    )?;
    zip.start_file("OEBPS/Styles/style.css", deflated)?;
    zip.write_all(b"p { text-indent: 2em; margin: 0 } h2 { text-align: center }")?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 1..=CHAPTERS {
        zip.start_file(format!("OEBPS/Text/chapter{i:03}.xhtml"), deflated)?;
        let mut body = String::new();
        for _ in 0..PARAGRAPHS {
            body.push_str("<p>");
            body.push_str(&paragraph(&mut rng));
            body.push_str("</p>\n");
        }
        write!(
            zip,
            r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>第{i}章</title><link href="../Styles/style.css" rel="stylesheet" type="text/css"/></head>
<body><h2>第{i}章</h2>
{body}</body></html>"#
        )?;
    }
    zip.finish()?;
    eprintln!(
        "{}: {} bytes",
        path.display(),
        std::fs::metadata(&path)?.len()
    );
    Ok(())
}
