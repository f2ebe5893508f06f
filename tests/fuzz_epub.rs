//! Fuzz target: EPUB reading. Arbitrary bytes, valid EPUBs with bytes flipped, cut or
//! duplicated, and content documents with markup, references and encodings mangled never
//! panic; a book that opens keeps every structure and chapter invariant. See `fuzz_support`
//! for case counts and long runs.

use kanshu::formats::epub;
use proptest::prelude::*;

use crate::epub_build::*;
use crate::fuzz_support::config;

/// A small valid book with most kinds of content.
fn sample(body: &str) -> EpubFiles {
    epub2(&[
        (
            "一",
            "<h1>一</h1><p>正文<ruby>漢<rt>かん</rt></ruby><a epub:type=\"noteref\" href=\"#n\">1</a></p><aside epub:type=\"footnote\" id=\"n\"><p>注</p></aside>",
        ),
        ("二", body),
    ])
}

const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</tr>",
    "</table>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<blockquote>",
    "</blockquote>",
    "<ruby>",
    "<rt>",
    "</rt>",
    "</ruby>",
    "<rp>",
    "<b>",
    "</b>",
    "<a href=\"#x\">",
    "</a>",
    "<a id=\"x\">",
    "<img alt=\"图\"/>",
    "<img alt=\" a\n b\t\"/>",
    "<img>",
    "<br/>",
    "<hr/>",
    "<pre>",
    "</pre>",
    "&",
    "&nbsp;",
    "&#x0;",
    "&#99999999;",
    "<",
    ">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<style>",
    "</style>",
    "<h2 id=\"x\">",
    "</h2>",
    "<aside epub:type=\"footnote\" id=\"n\">",
    "</aside>",
    "<a class=\"duokan-footnote\" href=\"#y\">",
    "<li class=\"duokan-footnote-item\" id=\"y\">",
    "<p hidden=\"\">",
    "<span style=\"display: none\">",
    "</span>",
    "\u{FE35}",
    "中文",
    "　",
    "\n",
    " ",
    "\t",
    "<th>",
    "<thead>",
    "</thead>",
    "<rb>",
    "<table><tr><td><table>",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[a-z\u{4e00}-\u{4e20} ]{0,8}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn opens_or_refuses(bytes: Vec<u8>) {
    if let Ok(book) = epub::from_bytes(bytes, "fuzz") {
        assert_well_formed(&book);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        opens_or_refuses(bytes);
        opens_or_refuses(zipped);
    }

    #[test]
    fn mangled_content_keeps_the_model(body in body()) {
        let book = sample(&body).open();
        assert_well_formed(&book);
        for (i, b) in book.document.structure.blocks.iter().enumerate() {
            if let Some(p) = book.sources.place(b.range.start) {
                prop_assert_eq!(book.sources.offset(&p, &book.document.text).map(|_| ()), Some(()), "block {}", i);
            }
        }
    }

    #[test]
    fn mutated_valid_epubs_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..12),
        body in body(),
    ) {
        let mut bytes = sample(&body).bytes();
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.truncate(i),
                2 => {
                    let piece = bytes[i..].iter().take(byte as usize).copied().collect::<Vec<_>>();
                    bytes.splice(i..i, piece);
                }
                _ => {
                    bytes.remove(i);
                }
            }
        }
        opens_or_refuses(bytes);
    }
}
