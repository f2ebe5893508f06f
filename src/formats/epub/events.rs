//! A content document as a flat list of events (element starts with their source byte, ends,
//! text with references resolved), read by `quick-xml`; content that is not well-formed XML
//! (a bare `&`, a stray `<`, HTML written as XHTML) is read again by a tolerant tokenizer of
//! our own that accepts anything and never panics.
//!
//! Owns tokenizing only: what an element means is `xhtml`'s business.

use quick_xml::events::Event;

use super::container::{Element, local, parse_start};
use crate::formats::html;

/// One event of a content document. `at` is the byte offset of the tag in the decoded source.
#[derive(Debug, Clone)]
pub(crate) enum Ev {
    Start { el: Element, empty: bool, at: usize },
    End(String),
    Text { text: String, at: usize },
}

/// Elements that never hold anything, whether written `<br>` or `<br/>`.
pub(crate) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The events of `src`: `quick-xml` first, the tolerant reader when that fails.
pub(crate) fn events(src: &str) -> Vec<Ev> {
    strict(src).unwrap_or_else(|| tolerant(src))
}

fn start(raw: &str, empty: bool, at: usize) -> Option<Ev> {
    let el = parse_start(raw)?;
    let empty = empty || VOID.contains(&el.name.as_str());
    Some(Ev::Start { el, empty, at })
}

/// `None` when the document is not well-formed enough for `quick-xml`.
fn strict(src: &str) -> Option<Vec<Ev>> {
    let mut reader = quick_xml::Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut out = Vec::new();
    loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => out.extend(start(&e, false, at)),
            Ok(Event::Empty(e)) => out.extend(start(&e, true, at)),
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                out.push(Ev::End(local(&name)));
            }
            Ok(Event::Text(t)) => out.push(Ev::Text {
                text: t.to_string(),
                at,
            }),
            Ok(Event::CData(t)) => out.push(Ev::Text {
                text: t.into_inner().into_owned(),
                at,
            }),
            Ok(Event::GeneralRef(r)) => out.push(Ev::Text {
                text: html::unescape(&format!("&{};", &*r)).into_owned(),
                at,
            }),
            Ok(Event::Eof) => return Some(out),
            Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Any text as HTML: tags where they parse, everything else is text; comments, doctype and
/// processing instructions dropped; `<script>`/`<style>` bodies kept whole until their end tag.
pub(crate) fn tolerant(src: &str) -> Vec<Ev> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = src.as_bytes();
    while i < src.len() {
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) else {
            text(&mut out, &src[i..], i);
            break;
        };
        if lt > i {
            text(&mut out, &src[i..lt], i);
        }
        let rest = &src[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            i = after.find("-->").map_or(src.len(), |e| lt + 4 + e + 3);
            continue;
        }
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let e = body.find("]]>").unwrap_or(body.len());
            text(&mut out, &body[..e], lt);
            i = (lt + 9 + e + 3).min(src.len());
            continue;
        }
        let Some(end) = html::tag_end(rest) else {
            text(&mut out, "<", lt);
            i = lt + 1;
            continue;
        };
        let raw = &rest[1..end - 1];
        i = lt + end;
        if raw.starts_with(['!', '?']) {
            continue;
        }
        if let Some(name) = raw.strip_prefix('/') {
            let name = name.trim().trim_end_matches('/');
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.push(Ev::End(local(name.trim())));
            }
            continue;
        }
        let empty = raw.ends_with('/');
        match start(raw.trim_end_matches('/'), empty, lt) {
            Some(ev) => {
                let raw_text = match &ev {
                    Ev::Start {
                        el, empty: false, ..
                    } if el.name == "script" || el.name == "style" => Some(el.name.clone()),
                    _ => None,
                };
                out.push(ev);
                if let Some(name) = raw_text {
                    let close = format!("</{name}");
                    let lower = src[i..].to_ascii_lowercase();
                    let e = lower.find(&close).map_or(src.len(), |e| i + e);
                    text(&mut out, &src[i..e], i);
                    i = e;
                }
            }
            None => {
                text(&mut out, "<", lt);
                i = lt + 1;
            }
        }
    }
    out
}

fn text(out: &mut Vec<Ev>, s: &str, at: usize) {
    out.push(Ev::Text {
        text: html::unescape(s).into_owned(),
        at,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(evs: &[Ev]) -> String {
        evs.iter()
            .map(|e| match e {
                Ev::Start { el, .. } => format!("<{}>", el.name),
                Ev::End(n) => format!("</{n}>"),
                Ev::Text { text, .. } => text.clone(),
            })
            .collect()
    }

    #[test]
    fn broken_xml_is_read_by_the_tolerant_reader() {
        let src = "<p>AT&T < 3 &ldquo;x&rdquo;<br><b>b</i></p><!-- c --><p>end";
        assert!(strict(src).is_none());
        assert_eq!(shown(&events(src)), "<p>AT&T < 3 “x”<br><b>b</i></p><p>end");
    }

    #[test]
    fn well_formed_xml_keeps_positions_and_entities() {
        let src = "<p id=\"a\">x&nbsp;y</p>";
        let evs = events(src);
        assert!(matches!(&evs[0], Ev::Start { at: 0, el, .. } if el.attr("id") == Some("a")));
        assert_eq!(shown(&evs), "<p>x\u{a0}y</p>");
    }
}
