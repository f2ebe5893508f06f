//! EPUB → `Document`: the container read leniently (`container`), each content document
//! converted into the shared model (`events`, `xhtml`), chapters from the book's own contents,
//! and a source map for places that survive a new converter (`positions`).
//!
//! Owns the order of the book (linear spine items, then the others), the contents (EPUB 3
//! nav, else EPUB 2 NCX, else the spine, else headings), the metadata `info` shows, DRM
//! refusal and the writing mode. It lays nothing out and reads no configuration.
//! The zip is read with the `zip` crate and the XML with `quick-xml`, by hand rather than
//! through an EPUB crate, so every leniency (GBK names, UTF-16 package, missing contents,
//! bad idrefs) stays in our hands.

mod container;
mod events;
pub mod positions;
mod xhtml;

use std::path::Path;

use container::{Container, TocEntry};
pub(crate) use container::{decode_name, percent_decode};
pub use positions::{CONVERTER_VERSION, SourceMap, SourcePlace};
pub use xhtml::IMAGE_PLACEHOLDER;

use super::outline;
use crate::document::blocks::{Block, BlockKind};
use crate::document::{Chapter, Document, LoadError, LoadOptions, decode, normalize, visible};

/// Why an EPUB could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EpubError {
    #[error("not an EPUB (the zip cannot be read: {0})")]
    Zip(#[source] zip::result::ZipError),
    #[error("not an EPUB (no package document inside)")]
    NoPackage,
    #[error("protected by DRM ({0}); kanshu reads only books without DRM")]
    Drm(&'static str),
    /// Its files unpack to more than the size limit (in MB).
    #[error("unpacks to more than {0} MB, the most kanshu reads")]
    TooLarge(u64),
}

/// What the package says about the book, and what the conversion counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
    /// The package's `version` ("2.0", "3.0"…).
    pub version: String,
    pub images: usize,
    pub notes: usize,
    /// Where the contents came from: "nav", "ncx", "spine" or "headings".
    pub contents: &'static str,
}

/// A converted EPUB.
#[derive(Debug, Clone)]
pub struct Book {
    pub document: Document,
    pub metadata: Metadata,
    /// The same map as `document.sources`.
    pub sources: std::sync::Arc<SourceMap>,
    /// Written top to bottom, right to left (`writing-mode: vertical-rl` or a right-to-left
    /// page progression): the reader opens it in vertical mode.
    pub vertical: bool,
}

/// Is this file an EPUB, by name or by its first bytes (a zip whose first entry is
/// `mimetype` = `application/epub+zip`)?
pub fn is_epub(path: &Path, head: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("epub"));
    by_name
        || (head.starts_with(b"PK\x03\x04")
            && head
                .get(30..)
                .is_some_and(|r| r.starts_with(b"mimetypeapplication/epub+zip")))
}

/// [`is_epub`] for a file on disk: its name, else its first bytes. Only a regular file is
/// opened (opening a pipe would block).
pub fn sniff(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(64);
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(64).read_to_end(&mut head);
    }
    is_epub(path, &head)
}

/// Open an EPUB file (at most `opts.max_bytes()`).
pub fn open(path: &Path, opts: &LoadOptions) -> Result<Book, LoadError> {
    let shown = visible(&path.display().to_string()).into_owned();
    let bytes = read_bounded(path, opts, &shown)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut book = from_bytes_limited(bytes, &name, opts.max_bytes()).map_err(|e| match e {
        EpubError::TooLarge(limit_mb) => LoadError::UnpacksTooLarge {
            path: shown,
            limit_mb,
        },
        e => LoadError::Io {
            path: shown,
            reason: e.to_string(),
        },
    })?;
    book.document.path = Some(path.to_path_buf());
    Ok(book)
}

fn read_bounded(path: &Path, opts: &LoadOptions, shown: &str) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: shown.to_string(),
        },
        std::io::ErrorKind::PermissionDenied => LoadError::PermissionDenied {
            path: shown.to_string(),
        },
        _ => LoadError::Io {
            path: shown.to_string(),
            reason: e.to_string(),
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: shown.to_string(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: shown.to_string(),
        });
    }
    let limit = opts.max_bytes();
    let too_large = || LoadError::TooLarge {
        path: shown.to_string(),
        limit_mb: limit.div_ceil(1024 * 1024),
    };
    // The size on disk is known: a file past the limit is refused without reading it.
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A content document's bytes as text: UTF-8 when valid, else its own declaration (`<?xml
/// encoding>`, `<meta charset>`), else kanshu's detection. Returns the encoding's name.
fn content_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return (
            enc.decode_without_bom_handling(body).0.into_owned(),
            enc.name(),
        );
    }
    let head = &bytes[..bytes.len().min(2048)];
    let declared = container::declared_encoding(head)
        .and_then(|l| decode::encoding_for_label(&l))
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    match (declared, std::str::from_utf8(bytes)) {
        // Valid UTF-8 is UTF-8 whatever the file claims: mislabelled books exist, and GBK
        // text is practically never valid UTF-8.
        (_, Ok(s)) => (s.to_string(), "UTF-8"),
        (Some(enc), Err(_)) if enc != encoding_rs::UTF_8 => (
            enc.decode_without_bom_handling(bytes).0.into_owned(),
            enc.name(),
        ),
        _ => match decode::decode_with(bytes, None, 1.0) {
            Ok(d) => (d.text, d.encoding),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), "UTF-8"),
        },
    }
}

/// Convert an EPUB held in memory; `name` is the title when the package names none. Its
/// files may unpack to the default size limit.
pub fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<Book, EpubError> {
    from_bytes_limited(bytes, name, LoadOptions::default().max_bytes())
}

/// [`from_bytes`] refusing a book whose files unpack to more than `limit` bytes in all.
pub fn from_bytes_limited(bytes: Vec<u8>, name: &str, limit: u64) -> Result<Book, EpubError> {
    let source_bytes = bytes.len();
    let mut c = Container::new(bytes, limit)?;
    if let Some(reason) = container::drm(&mut c) {
        return Err(EpubError::Drm(reason));
    }
    let opf_path = container::opf_path(&mut c).ok_or(EpubError::NoPackage)?;
    let opf = c
        .read(&opf_path)
        .map(|b| container::xml_text(&b))
        .unwrap_or_default();
    let pkg = container::package(&opf_path, &opf);
    let mut spine: Vec<String> = pkg
        .spine
        .iter()
        .filter(|s| s.1)
        .map(|s| s.0.clone())
        .collect();
    let linear = spine.len();
    spine.extend(pkg.spine.iter().filter(|s| !s.1).map(|s| s.0.clone()));
    if spine.is_empty() {
        spine = pkg
            .manifest_order
            .iter()
            .filter(|h| {
                let l = h.to_lowercase();
                l.ends_with(".xhtml") || l.ends_with(".html") || l.ends_with(".htm")
            })
            .cloned()
            .collect();
    }
    let mut b = xhtml::Builder::default();
    b.documents = spine.iter().cloned().collect();
    let mut encodings: Vec<(&'static str, usize)> = Vec::new();
    let mut item_starts = Vec::with_capacity(spine.len());
    let mut css_vertical_classes = false;
    for (i, href) in spine.iter().enumerate() {
        item_starts.push(b.text.len());
        let Some(bytes) = c.read(href) else {
            continue;
        };
        let (src, enc) = content_text(&bytes);
        match encodings.iter_mut().find(|e| e.0 == enc) {
            Some(e) => e.1 += 1,
            None => encodings.push((enc, 1)),
        }
        if i < 3 {
            css_vertical_classes |= vertical_style(&src);
        }
        xhtml::convert(&mut b, i as u32, href, &src);
    }
    if c.over_limit {
        return Err(EpubError::TooLarge(limit.div_ceil(1024 * 1024)));
    }
    let structure = b.finish();
    let text = std::mem::take(&mut b.text);
    let (toc, contents) = contents(&mut c, &pkg);
    let title = pkg
        .titles
        .first()
        .cloned()
        .unwrap_or_else(|| name.to_string());
    let (chapters, contents) = if toc.is_empty() {
        fallback_chapters(&text, &structure.blocks, &spine, &structure.anchors, &title)
    } else {
        (
            toc_chapters(
                &text,
                &structure.blocks,
                &toc,
                &structure.anchors,
                (&spine, linear),
                &title,
            ),
            contents,
        )
    };
    let vertical = writes_vertically(&mut c, &pkg, css_vertical_classes, &b, &text);
    let sources = std::sync::Arc::new(positions::source_map(spine, &b.marks));
    let document = Document {
        title,
        control_chars: normalize::count_controls(&text),
        text,
        chapters,
        encoding: encoding_summary(encodings),
        rule: format!("epub {contents}"),
        source_bytes,
        path: None,
        structure,
        sources: Some(sources.clone()),
        rules_stopped: None,
    };
    Ok(Book {
        metadata: Metadata {
            title: pkg.titles.first().cloned(),
            authors: pkg.authors.clone(),
            language: pkg.language.clone(),
            publisher: pkg.publisher.clone(),
            version: pkg.version.clone(),
            images: b.images,
            notes: b.footnotes,
            contents,
        },
        sources,
        document,
        vertical,
    })
}

/// The encoding most content documents use, then the others with how many documents each:
/// `UTF-8`, `GBK`, `UTF-8 (GBK 1/12)`.
fn encoding_summary(mut counts: Vec<(&'static str, usize)>) -> String {
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| (a.0 != "UTF-8").cmp(&(b.0 != "UTF-8")))
    });
    let total: usize = counts.iter().map(|c| c.1).sum();
    let Some(((main, _), rest)) = counts.split_first() else {
        return "UTF-8".to_string();
    };
    if rest.is_empty() {
        return main.to_string();
    }
    let others: Vec<String> = rest
        .iter()
        .map(|(e, n)| format!("{e} {n}/{total}"))
        .collect();
    format!("{main} ({})", others.join(", "))
}

/// The contents from nav (EPUB 3) or NCX (EPUB 2), whichever has entries, and which it was.
fn contents(c: &mut Container, pkg: &container::Package) -> (Vec<TocEntry>, &'static str) {
    if let Some(nav) = &pkg.nav
        && let Some(bytes) = c.read(nav)
    {
        let toc = inherit_targets(container::nav(nav, &content_text(&bytes).0));
        if !toc.is_empty() {
            return (toc, "nav");
        }
    }
    if let Some(ncx) = &pkg.ncx
        && let Some(bytes) = c.read(ncx)
    {
        let toc = inherit_targets(container::ncx(ncx, &container::xml_text(&bytes)));
        if !toc.is_empty() {
            return (toc, "ncx");
        }
    }
    (Vec::new(), "spine")
}

/// Entries without a target (a nav `<span>` heading, a navPoint without content) open
/// where their first entry below with a target opens; without one they are left out.
fn inherit_targets(mut toc: Vec<TocEntry>) -> Vec<TocEntry> {
    for i in (0..toc.len()).rev() {
        if !toc[i].target.is_empty() {
            continue;
        }
        let level = toc[i].level;
        let below = toc[i + 1..]
            .iter()
            .take_while(|e| e.level > level)
            .find(|e| !e.target.is_empty())
            .map(|e| e.target.clone());
        match below {
            Some(t) => toc[i].target = t,
            None => {
                toc.remove(i);
            }
        }
    }
    toc
}

/// The starts of blocks outside every container, sorted: where a chapter may begin.
fn cut_points(blocks: &[Block]) -> Vec<usize> {
    let mut open: Vec<std::ops::Range<usize>> = Vec::new();
    let mut out = Vec::new();
    for b in blocks {
        while open
            .last()
            .is_some_and(|o| !(o.start <= b.range.start && b.range.end <= o.end))
        {
            open.pop();
        }
        if open.is_empty() && out.last() != Some(&b.range.start) {
            out.push(b.range.start);
        }
        if b.kind.is_container() {
            open.push(b.range.clone());
        }
    }
    out
}

/// Chapters from starts (offset, title, level), kept in order, snapped back to a block start;
/// the text before the first is a front chapter. Never empty. An entry that starts where the
/// entry below it starts (a volume and its first chapter) has an empty range.
fn chapters_from(
    text: &str,
    cuts: &[usize],
    starts: Vec<(usize, String, u8)>,
    title: &str,
) -> Vec<Chapter> {
    let snap = |at: usize| {
        let k = cuts.partition_point(|&c| c <= at);
        k.checked_sub(1).map_or(0, |k| cuts[k])
    };
    let mut kept: Vec<(usize, String, u8)> = Vec::new();
    for (at, t, level) in starts {
        let at = snap(at.min(text.len()));
        // An entry at the same place as the one before is kept when it sits below it (第1卷
        // and its 第1章 both at `v1c1.xhtml`): the volume keeps an empty range, a place in
        // the contents that opens at its first chapter. A repeat at the same level is not.
        let after = kept
            .last()
            .is_none_or(|k| at > k.0 || (at == k.0 && level > k.2));
        if after && (at < text.len() || text.is_empty() && kept.is_empty()) {
            kept.push((at, t, level));
        }
    }
    if kept.first().is_none_or(|k| k.0 > 0) {
        let front = if text.chars().any(|c| matches!(c, '\u{3400}'..='\u{9FFF}')) {
            "前言"
        } else {
            "Preface"
        };
        let name = if kept.is_empty() { title } else { front };
        kept.insert(0, (0, name.to_string(), 1));
    }
    let mut prev = 0u8;
    let mut out = Vec::with_capacity(kept.len());
    for (i, (at, t, level)) in kept.iter().enumerate() {
        let end = kept.get(i + 1).map_or(text.len(), |n| n.0);
        let level = (*level).clamp(1, prev.saturating_add(1));
        prev = level;
        let title = if t.trim().is_empty() {
            format!("{title} ({})", i + 1)
        } else {
            t.clone()
        };
        out.push(Chapter {
            title,
            level,
            range: *at..end,
            heading: false,
        });
    }
    out
}

/// Chapters from the book's contents; a spine item that no entry points into and that comes
/// before the first entry, opens with a heading or is not linear starts a chapter of its own
/// (`linear`: how many of `spine` are linear).
fn toc_chapters(
    text: &str,
    blocks: &[Block],
    toc: &[TocEntry],
    anchors: &std::collections::BTreeMap<String, usize>,
    (spine, linear): (&[String], usize),
    title: &str,
) -> Vec<Chapter> {
    let cuts = cut_points(blocks);
    let at = |target: &str| {
        anchors
            .get(target)
            .or_else(|| anchors.get(target.split('#').next().unwrap_or(target)))
            .copied()
    };
    // An entry whose target has no text after it (an endnotes file kept beside the text)
    // starts no chapter.
    let mut starts: Vec<(usize, String, u8)> = toc
        .iter()
        .filter_map(|e| at(&e.target).map(|o| (o, e.title.clone(), e.level)))
        .filter(|s| s.0 < text.len() || text.is_empty())
        .collect();
    let first = starts.first().map_or(usize::MAX, |s| s.0);
    let named: std::collections::HashSet<&str> = toc
        .iter()
        .map(|e| e.target.split('#').next().unwrap_or_default())
        .collect();
    for (i, href) in spine.iter().enumerate() {
        let Some(&start) = anchors.get(href) else {
            continue;
        };
        if named.contains(href.as_str()) || start >= text.len() {
            continue;
        }
        let heading = first_heading(text, blocks, start);
        if start < first || heading.is_some() || i >= linear {
            let t = heading.unwrap_or_else(|| item_name(href));
            let level = starts
                .iter()
                .rev()
                .find(|s| s.0 <= start)
                .map_or(1, |s| s.2);
            starts.push((start, t, level));
        }
    }
    starts.sort_by_key(|s| s.0);
    chapters_from(text, &cuts, starts, title)
}

/// The text of a heading leaf starting at `at`, if there is one.
fn first_heading(text: &str, blocks: &[Block], at: usize) -> Option<String> {
    let k = blocks.partition_point(|b| b.range.start < at);
    blocks[k..]
        .iter()
        .take_while(|b| b.range.start == at)
        .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .and_then(|b| text.get(b.range.clone()))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

fn item_name(href: &str) -> String {
    let file = href.rsplit('/').next().unwrap_or(href);
    file.rsplit_once('.')
        .map_or(file, |(stem, _)| stem)
        .to_string()
}

/// Without contents: one chapter per spine item titled by its first heading (or its file
/// name); a book of one item is cut at its headings as a Markdown book is.
fn fallback_chapters(
    text: &str,
    blocks: &[Block],
    spine: &[String],
    anchors: &std::collections::BTreeMap<String, usize>,
    title: &str,
) -> (Vec<Chapter>, &'static str) {
    let items: Vec<usize> = spine
        .iter()
        .filter_map(|h| anchors.get(h).copied())
        .filter(|&s| s < text.len())
        .collect();
    if items.len() <= 1 {
        let headings = outline::chapter_headings(text, blocks, 3);
        if !headings.is_empty() {
            return (
                outline::chapters(text, blocks, &headings, title),
                "headings",
            );
        }
    }
    let cuts = cut_points(blocks);
    let starts = spine
        .iter()
        .filter_map(|h| {
            let s = *anchors.get(h)?;
            Some((
                s,
                first_heading(text, blocks, s).unwrap_or_else(|| item_name(h)),
                1,
            ))
        })
        .collect();
    (chapters_from(text, &cuts, starts, title), "spine")
}

/// Does the EPUB at `path` ask to be read vertically? Reads only the package, the style
/// sheets and the first content document: cheap enough to ask before the reader opens. A
/// file past `opts`' size limit is not read (and is not vertical).
pub fn opens_vertical(path: &Path, opts: &LoadOptions) -> bool {
    let Ok(bytes) = read_bounded(path, opts, "") else {
        return false;
    };
    let Ok(mut c) = Container::new(bytes, opts.max_bytes()) else {
        return false;
    };
    let Some(opf_path) = container::opf_path(&mut c) else {
        return false;
    };
    let opf = c
        .read(&opf_path)
        .map(|b| container::xml_text(&b))
        .unwrap_or_default();
    let pkg = container::package(&opf_path, &opf);
    let mut b = xhtml::Builder::default();
    let mut style = false;
    if let Some((href, _)) = pkg.spine.first()
        && let Some(bytes) = c.read(href)
    {
        let (src, _) = content_text(&bytes);
        style = vertical_style(&src);
        xhtml::convert(&mut b, 0, href, &src);
    }
    writes_vertically(&mut c, &pkg, style, &b, &b.text)
}

/// A right-to-left spine in a Chinese, Japanese or Korean book, or vertical writing set on
/// the root inline, in a `<style>` (`style`) or in a style sheet. A right-to-left spine alone
/// is an Arabic or Hebrew book: horizontal.
fn writes_vertically(
    c: &mut Container,
    pkg: &container::Package,
    style: bool,
    b: &xhtml::Builder,
    text: &str,
) -> bool {
    let cjk = || cjk_language(pkg.language.as_deref()) || mostly_cjk(text);
    pkg.rtl && cjk()
        || b.inline_vertical
        || style
        || css_vertical(&stylesheets(c, pkg), &b.root_classes)
}

/// Does `dc:language` name Chinese, Japanese or Korean (`zh`, `zh-TW`, `ja`, `ko`, `cmn`…)?
fn cjk_language(language: Option<&str>) -> bool {
    language.is_some_and(|l| {
        let primary = l.trim().split(['-', '_']).next().unwrap_or_default();
        [
            "zh", "ja", "ko", "cmn", "yue", "wuu", "lzh", "jpn", "kor", "zho", "chi",
        ]
        .iter()
        .any(|c| primary.eq_ignore_ascii_case(c))
    })
}

/// Are most letters of the text's start Han, kana or Hangul?
fn mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        if matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
        {
            cjk += 1;
        }
    }
    letters > 0 && cjk * 2 > letters
}

/// `<style>` in a content document that sets vertical writing on `html` or `body`.
fn vertical_style(src: &str) -> bool {
    let lower = src
        .get(..src.len().min(8192))
        .unwrap_or(src)
        .to_ascii_lowercase();
    lower
        .split("</style>")
        .filter_map(|part| part.split_once("<style").map(|(_, css)| css))
        .any(|css| css_vertical(css, &[]))
}

fn stylesheets(c: &mut Container, pkg: &container::Package) -> String {
    let mut css = String::new();
    for (href, media, _) in pkg.manifest.values() {
        if media == "text/css"
            && let Some(bytes) = c.read(href)
        {
            css.push_str(&String::from_utf8_lossy(&bytes).to_ascii_lowercase());
            css.push('\n');
        }
    }
    css
}

/// Does a rule whose selector names `html`, `body` or one of `classes` set
/// `writing-mode: vertical-rl`?
fn css_vertical(css: &str, classes: &[String]) -> bool {
    let css = css.to_ascii_lowercase();
    let classes: Vec<String> = classes
        .iter()
        .flat_map(|c| c.split_whitespace())
        .map(|c| format!(".{}", c.to_ascii_lowercase()))
        .collect();
    css.split('}').any(|rule| {
        let Some((selector, body)) = rule.split_once('{') else {
            return false;
        };
        let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let vertical = body.contains("writing-mode:vertical-rl");
        let names_root = selector
            .split([',', ' ', '>', '\n', '\t'])
            .map(str::trim)
            .any(|s| {
                s == "html"
                    || s == "body"
                    || s.starts_with("html.")
                    || s.starts_with("body.")
                    || classes.iter().any(|c| s.ends_with(c.as_str()))
            });
        vertical && names_root
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_decoded_by_its_declaration_unless_it_is_valid_utf8() {
        let gbk = encoding_rs::GBK
            .encode("<?xml version=\"1.0\" encoding=\"gbk\"?><p>中文</p>")
            .0;
        assert_eq!(
            content_text(&gbk),
            (
                "<?xml version=\"1.0\" encoding=\"gbk\"?><p>中文</p>".into(),
                "GBK"
            )
        );
        let mislabelled = "<meta charset=\"gb2312\"/><p>中文</p>";
        assert_eq!(
            content_text(mislabelled.as_bytes()),
            (mislabelled.into(), "UTF-8")
        );
        let undeclared = encoding_rs::GBK
            .encode("<p>这是一本没有声明编码的旧书，用国标码写成。</p>")
            .0;
        assert_eq!(content_text(&undeclared).1, "GBK");
    }

    #[test]
    fn vertical_writing_is_found_on_the_root() {
        assert!(css_vertical(
            "html { -epub-writing-mode: vertical-rl; }",
            &[]
        ));
        assert!(css_vertical(
            ".vrtl{writing-mode:vertical-rl}",
            &["vrtl hltr".into()]
        ));
        assert!(!css_vertical(".tate { writing-mode: vertical-rl }", &[]));
        assert!(vertical_style(
            "<head><style>body{writing-mode: vertical-rl}</style></head>"
        ));
    }

    #[test]
    fn chapters_snap_to_block_starts_and_keep_order() {
        let text = "aaaa\nbbbb\ncccc";
        let blocks = vec![
            Block {
                range: 0..4,
                kind: BlockKind::Paragraph,
            },
            Block {
                range: 5..9,
                kind: BlockKind::Paragraph,
            },
            Block {
                range: 10..14,
                kind: BlockKind::Paragraph,
            },
        ];
        let cuts = cut_points(&blocks);
        let cs = chapters_from(
            text,
            &cuts,
            vec![
                (7, "B".into(), 1),
                (3, "back".into(), 1),
                (10, "C".into(), 3),
            ],
            "t",
        );
        let got: Vec<_> = cs
            .iter()
            .map(|c| (c.title.as_str(), c.range.clone(), c.level))
            .collect();
        assert_eq!(
            got,
            [("Preface", 0..5, 1), ("B", 5..10, 1), ("C", 10..14, 2)]
        );
        // A volume and its first chapter at one place: both kept, the volume empty; a
        // repeat at the same level is not.
        let cs = chapters_from(
            text,
            &cuts,
            vec![
                (0, "V".into(), 1),
                (0, "A".into(), 2),
                (0, "A again".into(), 2),
                (5, "B".into(), 2),
            ],
            "t",
        );
        let got: Vec<_> = cs
            .iter()
            .map(|c| (c.title.as_str(), c.range.clone(), c.level))
            .collect();
        assert_eq!(got, [("V", 0..0, 1), ("A", 0..5, 2), ("B", 5..14, 2)]);
    }

    #[test]
    fn a_heading_without_a_target_opens_at_its_first_entry_below() {
        let e = |level, title: &str, target: &str| TocEntry {
            level,
            title: title.into(),
            target: target.into(),
        };
        let toc = inherit_targets(vec![
            e(1, "封面", "c.xhtml"),
            e(1, "第一部", ""),
            e(2, "第一章", "a.xhtml"),
            e(1, "空", ""),
            e(1, "第二部", ""),
            e(2, "卷首", ""),
            e(3, "第二章", "b.xhtml"),
        ]);
        let got: Vec<_> = toc
            .iter()
            .map(|e| (e.title.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("封面", "c.xhtml"),
                ("第一部", "a.xhtml"),
                ("第一章", "a.xhtml"),
                ("第二部", "b.xhtml"),
                ("卷首", "b.xhtml"),
                ("第二章", "b.xhtml")
            ]
        );
    }
}
