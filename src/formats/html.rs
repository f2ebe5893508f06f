//! The little HTML that Markdown files carry (`<details>`, `<summary>`, `<br>`, `<img>`,
//! `<a id>`, `<ruby>`): tags read into names and attributes, fragments into text pieces.
//!
//! Owns tag parsing, comments, `<script>`/`<style>` skipping and character references. It
//! builds no structure (the Markdown converter decides what a piece becomes) and is not an
//! HTML parser: EPUB content goes through a real XML/HTML reader.

use std::borrow::Cow;

/// One tag: lower-case name, whether it closes, its attributes (values unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub name: String,
    pub closing: bool,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The anchor name this tag defines (`id`, or `name` on `<a>`).
    pub fn anchor(&self) -> Option<&str> {
        let id = self.attr("id").or_else(|| match self.name.as_str() {
            "a" => self.attr("name"),
            _ => None,
        });
        id.filter(|s| !s.is_empty())
    }
}

/// What an HTML fragment shows, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text as written (whitespace not yet collapsed), references resolved.
    Text(String),
    /// A block-level tag: what follows starts a new paragraph.
    Break,
    Image {
        alt: String,
        src: String,
    },
    Anchor(String),
}

/// Tags that start a new line of text when they open or close.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Parse one tag such as `<a href="x">`, `</rt>` or `<br/>`; `None` for a comment, a
/// declaration or anything that is not a whole tag.
pub(crate) fn tag(s: &str) -> Option<Tag> {
    let inner = s.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(inner.len());
    let name = inner.get(..name_len)?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let attrs = attributes(inner.get(name_len..).unwrap_or_default());
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing,
        attrs,
    })
}

/// `a="1" b='2' c=3 d` → pairs with lower-case names and unescaped values.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        if end == 0 {
            return out;
        }
        let name = s.get(..end).unwrap_or_default().to_ascii_lowercase();
        s = s.get(end..).unwrap_or_default().trim_start();
        let mut value = String::new();
        if let Some(rest) = s.strip_prefix('=') {
            let rest = rest.trim_start();
            let (v, after) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = rest.get(1..).unwrap_or_default();
                    match body.find(q) {
                        Some(e) => (&body[..e], &body[e + 1..]),
                        None => (body, ""),
                    }
                }
                _ => {
                    let e = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    rest.split_at(e)
                }
            };
            value = unescape(v).into_owned();
            s = after;
        }
        out.push((name, value));
    }
}

/// Split an HTML fragment into what it shows. Comments, `<script>` and `<style>` are dropped;
/// unknown tags vanish and leave their text.
pub(crate) fn pieces(html: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Piece::Text(unescape(rest).into_owned()));
            break;
        };
        if lt > 0 {
            out.push(Piece::Text(unescape(&rest[..lt]).into_owned()));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(end) = tag_end(rest) else {
            out.push(Piece::Text("<".into()));
            rest = &rest[1..];
            continue;
        };
        let Some(t) = tag(&rest[..end]) else {
            // `<!DOCTYPE…>`, `<?…?>`, `< b`: not text a reader wants either way.
            let literal = !rest[1..].starts_with(['!', '?', '/']);
            if literal {
                out.push(Piece::Text("<".into()));
                rest = &rest[1..];
            } else {
                rest = &rest[end..];
            }
            continue;
        };
        rest = &rest[end..];
        if !t.closing && (t.name == "script" || t.name == "style") {
            let close = format!("</{}", t.name);
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(e) => rest
                    .get(e..)
                    .map_or("", |r| r.find('>').map_or("", |g| &r[g + 1..])),
                None => "",
            };
            continue;
        }
        if let Some(id) = t.anchor() {
            out.push(Piece::Anchor(id.to_string()));
        }
        if t.name == "img" {
            out.push(Piece::Image {
                alt: t.attr("alt").unwrap_or_default().to_string(),
                src: t.attr("src").unwrap_or_default().to_string(),
            });
        } else if BLOCK_TAGS.contains(&t.name.as_str()) {
            out.push(Piece::Break);
        }
    }
    out
}

/// Byte length of the tag at the start of `s` (through its `>`), quotes respected.
pub(crate) fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Resolve character references: the common named ones and every numeric one. Unknown names
/// stay as written.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.get(..34).unwrap_or(rest).find(';');
        let resolved = semi.and_then(|e| reference(&rest[1..e]).map(|c| (c, e + 1)));
        match resolved {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "para" => '¶',
        "sect" => '§',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "check" => '✓',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_names_and_attributes() {
        let t = tag(r#"<A Href="x y" id='top' hidden>"#).expect("a tag");
        assert_eq!(t.name, "a");
        assert!(!t.closing);
        assert_eq!(t.attr("href"), Some("x y"));
        assert_eq!(t.anchor(), Some("top"));
        assert_eq!(t.attr("hidden"), Some(""));
        assert!(tag("</rt>").is_some_and(|t| t.closing && t.name == "rt"));
        assert!(tag("<br/>").is_some_and(|t| t.name == "br"));
        assert_eq!(tag("<!-- x -->"), None);
        assert_eq!(tag("<1>"), None);
    }

    #[test]
    fn details_show_their_text_never_tags() {
        let p = pieces("<details>\n<summary>More &amp; less</summary>\n<!-- hidden -->");
        let text: String = p
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text.trim(), "More & less");
        assert!(p.contains(&Piece::Break));
    }

    #[test]
    fn scripts_and_styles_are_skipped_and_images_keep_alt() {
        let p = pieces(r#"<style>p{}</style>a<SCRIPT>x<y</script>b<img src="i.png" alt="Logo">"#);
        assert_eq!(
            p,
            vec![
                Piece::Text("a".into()),
                Piece::Text("b".into()),
                Piece::Image {
                    alt: "Logo".into(),
                    src: "i.png".into()
                }
            ]
        );
    }

    #[test]
    fn a_lone_less_than_is_text() {
        assert_eq!(
            pieces("1 < 2"),
            vec![
                Piece::Text("1 ".into()),
                Piece::Text("<".into()),
                Piece::Text(" 2".into())
            ]
        );
    }

    #[test]
    fn references_resolve_and_unknown_ones_stay() {
        assert_eq!(unescape("&lt;&#x4E2D;&#25991;&bogus; &"), "<中文&bogus; &");
        assert_eq!(unescape("&#0;"), "&#0;");
    }
}
