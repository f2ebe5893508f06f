//! The EPUB container: the zip, its file names, DRM, `container.xml`, the package document
//! (metadata, manifest, spine) and the contents (EPUB 3 nav or EPUB 2 NCX).
//!
//! Owns reading these files leniently: a name without the UTF-8 flag may be CP936/GBK, an OPF
//! may be UTF-16, a missing NCX or nav, a bad idref or a duplicate id leave a book that still
//! opens. It turns no content document into text (that is `xhtml`) and decides no chapter.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::EpubError;
use crate::formats::html;

/// Largest single file read out of the zip (a bomb guard; books hold files far smaller).
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

/// The zip with its entries by decoded name, and how much of it was inflated.
pub(crate) struct Container {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    names: HashMap<String, usize>,
    lower: HashMap<String, usize>,
    /// Most bytes inflated out of the zip in all (the user's size limit).
    limit: u64,
    /// Bytes inflated so far, each entry counted once.
    inflated: u64,
    counted: std::collections::HashSet<usize>,
    /// An entry inflated past `limit` (its stated size was a lie): the book is refused.
    pub over_limit: bool,
}

impl Container {
    /// The zip in `bytes`, refused when its directory says the files unpack to more than
    /// `limit` bytes in all (before anything is inflated).
    pub fn new(bytes: Vec<u8>, limit: u64) -> Result<Container, EpubError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(EpubError::Zip)?;
        let mut names = HashMap::new();
        let mut lower = HashMap::new();
        let mut stated = 0u64;
        for i in 0..zip.len() {
            let Ok(file) = zip.by_index_raw(i) else {
                continue;
            };
            stated = stated.saturating_add(file.size());
            let name = decode_name(file.name_raw());
            lower.entry(name.to_lowercase()).or_insert(i);
            names.entry(name).or_insert(i);
        }
        if stated > limit {
            return Err(EpubError::TooLarge(limit.div_ceil(1024 * 1024)));
        }
        Ok(Container {
            zip,
            names,
            lower,
            limit,
            inflated: 0,
            counted: Default::default(),
            over_limit: false,
        })
    }

    /// Is there a file of this name (case-insensitive as a fallback)?
    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names
            .get(name)
            .or_else(|| self.lower.get(&name.to_lowercase()))
            .copied()
    }

    /// The bytes of a file, `None` when it is missing, encrypted or unreadable, or when it
    /// would take the bytes inflated past the limit (then `over_limit` is set: inflating
    /// stops there, whatever size the zip states).
    pub fn read(&mut self, name: &str) -> Option<Vec<u8>> {
        let i = self.index(name)?;
        let first = !self.counted.contains(&i);
        let room = if first {
            self.limit.saturating_sub(self.inflated)
        } else {
            self.limit
        }
        .min(MAX_ENTRY_BYTES);
        let file = self.zip.by_index(i).ok()?;
        let mut out = Vec::with_capacity(file.size().min(room) as usize);
        file.take(room.saturating_add(1))
            .read_to_end(&mut out)
            .ok()?;
        if out.len() as u64 > room {
            self.over_limit = true;
            return None;
        }
        if first {
            self.counted.insert(i);
            self.inflated += out.len() as u64;
        }
        Some(out)
    }

    /// Is any entry protected by a zip password?
    pub fn any_encrypted(&mut self) -> bool {
        (0..self.zip.len()).any(|i| self.zip.by_index_raw(i).is_ok_and(|f| f.encrypted()))
    }

    /// Every file name in the zip.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }
}

/// A file name as stored: UTF-8 when it is valid UTF-8, else CP936/GBK (what Chinese zip
/// tools write without the UTF-8 flag).
pub(crate) fn decode_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

/// An XML file's bytes as text: by BOM (UTF-8, UTF-16), then the declaration's encoding,
/// then UTF-8 with replacement characters.
pub(crate) fn xml_text(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(bytes.get(bom..).unwrap_or_default())
            .0
            .into_owned();
    }
    // UTF-16 without BOM: `<` followed or preceded by a zero byte.
    match bytes {
        [b'<', 0, ..] => {
            return encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into();
        }
        [0, b'<', ..] => {
            return encoding_rs::UTF_16BE
                .decode_without_bom_handling(bytes)
                .0
                .into();
        }
        _ => {}
    }
    let head = &bytes[..bytes.len().min(1024)];
    let label = declared_encoding(head);
    match std::str::from_utf8(bytes) {
        Ok(s)
            if label
                .as_deref()
                .is_none_or(|l| l.eq_ignore_ascii_case("utf-8")) =>
        {
            s.to_string()
        }
        _ => {
            let enc = label
                .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
                .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
                .unwrap_or(encoding_rs::UTF_8);
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
    }
}

/// `encoding="…"` of an XML declaration or `charset=…` of a `<meta>` in the first bytes.
pub(crate) fn declared_encoding(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let value_after = |key: &str| -> Option<String> {
        let at = head.find(key)? + key.len();
        let rest = head[at..].trim_start_matches(['=', ' ', '"', '\'']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let v = &rest[..end];
        (!v.is_empty()).then(|| v.to_string())
    };
    let in_declaration = head
        .find("<?xml")
        .zip(head.find("?>"))
        .zip(head.find("encoding"))
        .is_some_and(|((start, end), at)| start < at && at < end);
    if in_declaration && let Some(v) = value_after("encoding") {
        return Some(v);
    }
    value_after("charset")
}

/// Resolve `href` (percent-encoded, relative, with `../`) against the directory of `base`.
pub(crate) fn resolve(base: &str, href: &str) -> String {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    let href = percent_decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = base.split('/').collect();
        p.pop();
        p
    };
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// `%E4%B8%AD` → `中`; anything that is not a valid escape stays as written.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// One XML element's start as the lenient tag parser reads it (lower-case local name, without
/// namespace prefix; attributes with their prefixes).
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name || k.rsplit(':').next() == Some(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Events of an XML file for the package, NCX and nav readers: starts (with `true` when
/// empty), ends and text. Reading stops quietly at the first error: what was read is kept.
pub(crate) enum XmlEvent {
    Start(Element, bool),
    End(String),
    Text(String),
}

pub(crate) fn xml_events(text: &str) -> Vec<XmlEvent> {
    let mut reader = quick_xml::Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => out.extend(element(&e).map(|el| XmlEvent::Start(el, false))),
            Ok(Event::Empty(e)) => out.extend(element(&e).map(|el| XmlEvent::Start(el, true))),
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                out.push(XmlEvent::End(local(&name)));
            }
            Ok(Event::Text(t)) => out.push(XmlEvent::Text(html::unescape(&t).into_owned())),
            Ok(Event::CData(t)) => out.push(XmlEvent::Text(t.into_inner().into_owned())),
            Ok(Event::GeneralRef(r)) => {
                out.push(XmlEvent::Text(
                    html::unescape(&format!("&{};", &*r)).into_owned(),
                ));
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Option<Element> {
    parse_start(e)
}

/// A start tag's inside (`dc:title id="t"`, `epub:switch`) as an element: local name, and
/// attributes with their prefixes.
pub(crate) fn parse_start(raw: &str) -> Option<Element> {
    let end = raw
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(raw.len());
    let name = raw.get(..end)?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let attrs = html::tag(&format!("<x {}>", raw.get(end..).unwrap_or_default()))
        .map(|t| t.attrs)
        .unwrap_or_default();
    Some(Element {
        name: local(name),
        attrs,
    })
}

/// `dc:title` → `title`, lower case.
pub(crate) fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

/// What the package document says.
#[derive(Debug, Default)]
pub(crate) struct Package {
    pub version: String,
    pub titles: Vec<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
    /// id → (full path, media type, properties).
    pub manifest: HashMap<String, (String, String, String)>,
    /// Manifest in document order (full paths).
    pub manifest_order: Vec<String>,
    /// (full path, linear) in spine order; bad idrefs left out.
    pub spine: Vec<(String, bool)>,
    pub ncx: Option<String>,
    pub nav: Option<String>,
    pub rtl: bool,
}

pub(crate) fn package(opf_path: &str, text: &str) -> Package {
    let mut p = Package::default();
    let mut field: Option<String> = None;
    let mut value = String::new();
    let mut toc_id = None;
    let mut idrefs: Vec<(String, bool)> = Vec::new();
    for ev in xml_events(text) {
        match ev {
            XmlEvent::Start(el, empty) => match el.name.as_str() {
                "package" => p.version = el.attr("version").unwrap_or_default().to_string(),
                "title" | "creator" | "language" | "publisher" if !empty => {
                    field = Some(el.name.clone());
                    value.clear();
                }
                "item" => {
                    let id = el.attr("id").unwrap_or_default().to_string();
                    let href = resolve(opf_path, el.attr("href").unwrap_or_default());
                    let media = el.attr("media-type").unwrap_or_default().to_string();
                    let props = el.attr("properties").unwrap_or_default().to_string();
                    if props.split_whitespace().any(|w| w == "nav") {
                        p.nav.get_or_insert(href.clone());
                    }
                    if media == "application/x-dtbncx+xml" {
                        p.ncx.get_or_insert(href.clone());
                    }
                    p.manifest_order.push(href.clone());
                    p.manifest.entry(id).or_insert((href, media, props));
                }
                "spine" => {
                    toc_id = el.attr("toc").map(str::to_string);
                    p.rtl = el.attr("page-progression-direction") == Some("rtl");
                }
                "itemref" => idrefs.push((
                    el.attr("idref").unwrap_or_default().to_string(),
                    el.attr("linear") != Some("no"),
                )),
                _ => {}
            },
            XmlEvent::Text(t) if field.is_some() => value.push_str(&t),
            XmlEvent::End(name) if field.as_deref() == Some(name.as_str()) => {
                let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
                if !v.is_empty() {
                    match name.as_str() {
                        "title" => p.titles.push(v),
                        "creator" => p.authors.push(v),
                        "language" => {
                            p.language.get_or_insert(v);
                        }
                        _ => {
                            p.publisher.get_or_insert(v);
                        }
                    }
                }
                field = None;
            }
            _ => {}
        }
    }
    if let Some((href, _, _)) = toc_id.and_then(|id| p.manifest.get(&id)) {
        p.ncx = Some(href.clone());
    }
    for (idref, linear) in idrefs {
        if let Some((href, _, _)) = p.manifest.get(&idref)
            && !p.spine.iter().any(|(h, _)| h == href)
        {
            p.spine.push((href.clone(), linear));
        }
    }
    p
}

/// One contents entry: nesting level (1 = top), label, target (full path `#` fragment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TocEntry {
    pub level: u8,
    pub title: String,
    pub target: String,
}

/// Resolve a contents href against the file it is written in, keeping the fragment.
fn target(base: &str, href: &str) -> String {
    let path = resolve(base, href);
    match href.split_once('#') {
        Some((_, frag)) if !frag.is_empty() => format!("{path}#{}", percent_decode(frag)),
        _ => path,
    }
}

/// Entries of an EPUB 2 NCX `navMap`, nested `navPoint`s as levels.
pub(crate) fn ncx(path: &str, text: &str) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut in_label = false;
    let mut in_map = false;
    for ev in xml_events(text) {
        match ev {
            XmlEvent::Start(el, empty) => match el.name.as_str() {
                "navmap" => in_map = true,
                "navpoint" if in_map && !empty => {
                    open.push(out.len());
                    out.push(TocEntry {
                        level: open.len().min(255) as u8,
                        title: String::new(),
                        target: String::new(),
                    });
                }
                "navlabel" => in_label = true,
                "content" => {
                    if let (Some(src), Some(e)) =
                        (el.attr("src"), open.last().and_then(|&i| out.get_mut(i)))
                        && e.target.is_empty()
                    {
                        e.target = target(path, src);
                    }
                }
                _ => {}
            },
            XmlEvent::Text(t) if in_label => {
                if let Some(e) = open.last().and_then(|&i| out.get_mut(i)) {
                    e.title.push_str(&t);
                }
            }
            XmlEvent::End(name) => match name.as_str() {
                "navlabel" => in_label = false,
                "navpoint" => {
                    open.pop();
                }
                "navmap" => in_map = false,
                _ => {}
            },
            _ => {}
        }
    }
    // A navPoint without content opens at its first entry below (`epub::inherit_targets`).
    tidy(out)
}

/// Entries of an EPUB 3 nav document's `<nav epub:type="toc">` (else its first `<nav>`),
/// nested lists as levels.
pub(crate) fn nav(path: &str, text: &str) -> Vec<TocEntry> {
    let events = xml_events(text);
    let toc = nav_entries(path, &events, true);
    if toc.is_empty() {
        nav_entries(path, &events, false)
    } else {
        toc
    }
}

fn nav_entries(path: &str, events: &[XmlEvent], toc_only: bool) -> Vec<TocEntry> {
    let mut out = Vec::new();
    // Open elements inside the chosen nav (0 = outside it), and open lists among them.
    let mut inside = 0usize;
    let mut lists = 0usize;
    let mut link: Option<TocEntry> = None;
    for ev in events {
        match ev {
            XmlEvent::Start(el, empty) => {
                if inside == 0 {
                    let toc = el
                        .attr("type")
                        .is_some_and(|t| t.split_whitespace().any(|w| w == "toc"));
                    if el.name == "nav" && !empty && (toc || !toc_only) {
                        inside = 1;
                    }
                    continue;
                }
                if *empty {
                    continue;
                }
                inside += 1;
                match el.name.as_str() {
                    "ol" | "ul" => lists += 1,
                    "a" | "span" if link.is_none() => {
                        link = Some(TocEntry {
                            level: lists.clamp(1, 255) as u8,
                            title: String::new(),
                            target: el.attr("href").map(|h| target(path, h)).unwrap_or_default(),
                        });
                    }
                    // `<span><a href>…</a></span>`: the link inside gives the target.
                    "a" => {
                        if let (Some(l), Some(h)) = (link.as_mut(), el.attr("href"))
                            && l.target.is_empty()
                        {
                            l.target = target(path, h);
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if let Some(l) = link.as_mut() {
                    l.title.push_str(t);
                }
            }
            XmlEvent::End(name) if inside > 0 => {
                inside -= 1;
                if inside == 0 {
                    return out;
                }
                match name.as_str() {
                    // A heading without a link (`<span>第一部</span><ol>…`) is kept: it
                    // opens at its first entry below (see `epub::inherit_targets`).
                    "a" | "span" => {
                        if let Some(l) = link.take() {
                            out.push(l);
                        }
                    }
                    "ol" | "ul" => lists = lists.saturating_sub(1),
                    _ => {}
                }
            }
            XmlEvent::End(_) => {}
        }
    }
    out
}

/// Titles with whitespace collapsed; levels that never jump more than one below the entry
/// before.
fn tidy(mut entries: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut prev = 0u8;
    for e in &mut entries {
        e.title = e.title.split_whitespace().collect::<Vec<_>>().join(" ");
        e.level = e.level.clamp(1, prev.saturating_add(1));
        prev = e.level;
    }
    entries
}

/// Is reading this book refused for DRM? The reason, in a few words, when it is.
pub(crate) fn drm(c: &mut Container) -> Option<&'static str> {
    if c.has("META-INF/rights.xml") {
        return Some("Adobe DRM (META-INF/rights.xml)");
    }
    if c.has("META-INF/license.lcpl") {
        return Some("Readium LCP DRM (META-INF/license.lcpl)");
    }
    if let Some(bytes) = c.read("META-INF/encryption.xml") {
        let text = xml_text(&bytes);
        let fonts = [
            "http://www.idpf.org/2008/embedding",
            "http://ns.adobe.com/pdf/enc#RC",
        ];
        let covered = xml_events(&text).into_iter().any(|ev| match ev {
            XmlEvent::Start(el, _) if el.name == "encryptionmethod" => {
                !fonts.contains(&el.attr("algorithm").unwrap_or_default())
            }
            _ => false,
        });
        if covered {
            return Some("encrypted content (META-INF/encryption.xml)");
        }
    }
    if c.any_encrypted() {
        return Some("a password-protected zip");
    }
    None
}

/// The package document's path: from `META-INF/container.xml`, else the first `.opf`.
pub(crate) fn opf_path(c: &mut Container) -> Option<String> {
    if let Some(bytes) = c.read("META-INF/container.xml") {
        let text = xml_text(&bytes);
        for ev in xml_events(&text) {
            if let XmlEvent::Start(el, _) = ev
                && el.name == "rootfile"
                && let Some(p) = el.attr("full-path")
            {
                let p = percent_decode(p.trim_start_matches('/'));
                if c.has(&p) {
                    return Some(p);
                }
            }
        }
    }
    let mut opfs: Vec<&str> = c
        .names()
        .filter(|n| n.to_lowercase().ends_with(".opf"))
        .collect();
    opfs.sort_unstable();
    opfs.first().map(|s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_with_dots_and_escapes() {
        assert_eq!(
            resolve("OEBPS/Text/a.xhtml", "../Images/p%20q.png"),
            "OEBPS/Images/p q.png"
        );
        assert_eq!(
            resolve("OEBPS/content.opf", "Text/%E4%B8%AD.xhtml#x"),
            "OEBPS/Text/中.xhtml"
        );
        assert_eq!(resolve("a.opf", "./b/../c.xhtml"), "c.xhtml");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn names_without_utf8_are_read_as_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("第一章.xhtml");
        assert_eq!(decode_name(&gbk), "第一章.xhtml");
        assert_eq!(decode_name("中.xhtml".as_bytes()), "中.xhtml");
    }

    #[test]
    fn declarations_name_encodings() {
        assert_eq!(
            declared_encoding(b"<?xml version='1.0' encoding=\"GBK\"?><a/>"),
            Some("gbk".into())
        );
        assert_eq!(
            declared_encoding(b"<html><head><meta charset=\"gb2312\"/>"),
            Some("gb2312".into())
        );
        assert_eq!(declared_encoding(b"<?xml version='1.0'?><html>"), None);
        let (gbk, _, _) =
            encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"gbk\"?><p>中文</p>");
        assert!(xml_text(&gbk).contains("中文"));
    }
}
