//! Encoding detection on the library API: long books, samples cut at the right place, books
//! whose first pages say nothing about their encoding, and the override.

use kanshu::document::decode::SAMPLE_BYTES;
use kanshu::{Document, LoadOptions};

const SEED: &str = include_str!("fixtures/seed.txt");

fn open(bytes: &[u8]) -> Document {
    Document::from_bytes(bytes, "book", &LoadOptions::default()).unwrap()
}

/// The seed without the characters `enc` cannot hold.
fn encodable(enc: &'static encoding_rs::Encoding) -> String {
    let lost: std::collections::BTreeSet<char> = SEED
        .chars()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|c| enc.encode(&c.to_string()).2)
        .collect();
    SEED.chars().filter(|c| !lost.contains(c)).collect()
}

#[test]
fn a_long_ascii_preface_does_not_hide_the_encoding() {
    // 200 KB of English before any Chinese: guessing from the first few KB would say ASCII
    // or windows-1252.
    let preface = "This edition was typed in by volunteers; any errors are ours.\n".repeat(3300);
    for (enc, name) in [(encoding_rs::BIG5, "Big5"), (encoding_rs::GBK, "GBK")] {
        let text = format!("{preface}{}", encodable(enc));
        let (bytes, _, _) = enc.encode(&text);
        let doc = open(&bytes);
        assert_eq!(doc.encoding, name);
        assert_eq!(doc.text, text);
    }
}

#[test]
fn books_longer_than_the_sample_decode_whole() {
    let body = encodable(encoding_rs::BIG5);
    let encoded = encoding_rs::BIG5.encode(&body).0.len();
    let reps = SAMPLE_BYTES / encoded + 2;
    let text = body.repeat(reps);
    let (bytes, _, _) = encoding_rs::BIG5.encode(&text);
    assert!(bytes.len() > SAMPLE_BYTES);
    let doc = open(&bytes);
    assert_eq!(doc.encoding, "Big5");
    assert_eq!(doc.text.len(), text.len());
    assert!(doc.text == text);
}

#[test]
fn cyrillic_and_greek_code_pages() {
    let ru = "Глава 1\n\nВ тот вечер мы долго сидели у окна и говорили о море, о старом доме и о том, что будет завтра.\n".repeat(40);
    let el = "Κεφάλαιο 1\n\nΕκείνο το βράδυ καθίσαμε πολύ ώρα στο παράθυρο και μιλήσαμε για τη θάλασσα και το παλιό σπίτι.\n".repeat(40);
    for (text, enc) in [
        (ru.as_str(), encoding_rs::WINDOWS_1251),
        (el.as_str(), encoding_rs::WINDOWS_1253),
    ] {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable);
        let doc = open(&bytes);
        assert_eq!(doc.encoding, enc.name());
        assert_eq!(doc.text, text);
    }
}

#[test]
fn override_decodes_what_detection_would_not() {
    // Short Shift_JIS text; the reader knows better than any guess.
    let text = "第一章 猫\n吾輩は猫である。名前はまだ無い。\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let opts = LoadOptions {
        encoding: Some("sjis".into()),
        ..LoadOptions::default()
    };
    let doc = Document::from_bytes(&bytes, "neko", &opts).unwrap();
    assert_eq!(doc.encoding, "Shift_JIS");
    assert_eq!(doc.text, text);
    assert_eq!(doc.chapters[0].title, "第一章 猫");
}

#[test]
fn utf8_wins_over_any_guess() {
    // Valid UTF-8 is UTF-8, even when it is mostly Latin-1-looking bytes.
    let text = "Café, naïve, résumé — “quoted”.\n".repeat(50);
    let doc = open(text.as_bytes());
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.text, text);
}

// ---------------------------------------------------------------------------------------------
// Issue 19: books shown as gibberish.

/// Every small GBK or Big5 book cut in the middle of its last character stays GBK or Big5:
/// the cut character counted against the right encoding and made the book windows-1252.
#[test]
fn a_small_book_cut_mid_character_keeps_its_encoding() {
    for (enc, name) in [(encoding_rs::GBK, "GBK"), (encoding_rs::BIG5, "Big5")] {
        let text = encodable(enc);
        for len in [2_000, 20_000, text.len()] {
            let part: String = text.chars().take(len).collect();
            let mut bytes = enc.encode(&part).0.into_owned();
            // End on a two-byte character, then drop its second byte.
            while bytes.last().is_some_and(|b| b.is_ascii()) {
                bytes.pop();
            }
            bytes.pop();
            assert!(bytes.len() <= SAMPLE_BYTES);
            let doc = open(&bytes);
            assert_eq!(doc.encoding, name, "{name}, {len} characters");
            let whole = part.trim_end_matches(|c: char| c.is_ascii());
            let kept = whole.strip_suffix(|_| true).unwrap_or(whole);
            assert!(doc.text.starts_with(kept), "{name}: text differs");
        }
    }
}

/// A UTF-8 book with a few foreign bytes stays UTF-8, whatever the place of the damage: the
/// whole file is weighed, and the damage becomes replacement characters.
#[test]
fn a_few_foreign_bytes_do_not_flip_a_utf8_book() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let first_line = SEED.find('\n').unwrap() + 1;
    let half = (SEED.len() / 2..)
        .find(|&i| SEED.is_char_boundary(i))
        .unwrap();
    let mid_line = SEED[half..].find('\n').unwrap() + half + 1;
    // Six GBK bytes after the first line.
    let six = [
        &SEED.as_bytes()[..first_line],
        &gbk("中文字")[..],
        b"\n",
        &SEED.as_bytes()[first_line..],
    ]
    .concat();
    // One GBK line in the middle.
    let line = gbk("这一行是用 GBK 写的，混进了一本 UTF-8 的书里。\n");
    let one_line = [
        &SEED.as_bytes()[..mid_line],
        &line[..],
        &SEED.as_bytes()[mid_line..],
    ]
    .concat();
    for (what, bytes) in [("six bytes", six), ("one line", one_line)] {
        let doc = open(&bytes);
        assert_eq!(doc.encoding, "UTF-8", "{what}");
        assert!(doc.text.contains('\u{FFFD}'), "{what}: damage is marked");
        // Everything around the damage reads as written.
        assert!(doc.text.contains(&SEED[mid_line..mid_line + 300]), "{what}");
        assert!(doc.text.starts_with(&SEED[..first_line]), "{what}");
    }
}

/// An English UTF-8 text (curly quotes, dashes) with a Latin-1 header stays UTF-8: it was read
/// as IBM866.
#[test]
fn a_latin1_header_does_not_flip_a_utf8_text() {
    let mut bytes = encoding_rs::WINDOWS_1252
        .encode("Transcribed by François Müller, Zürich.\n\n")
        .0
        .into_owned();
    bytes.extend_from_slice(
        "“It’s a fine day,” she said — and it was.\n"
            .repeat(60)
            .as_bytes(),
    );
    let doc = open(&bytes);
    assert_eq!(doc.encoding, "UTF-8");
    assert!(
        doc.text
            .contains("“It’s a fine day,” she said — and it was.")
    );
    assert_eq!(doc.text.matches('\u{FFFD}').count(), 3);
}

/// A UTF-8 byte-order mark wins over any guess: GBK text after it is UTF-8 with replacement
/// characters, not refused as binary.
#[test]
fn a_utf8_bom_wins_over_a_guess() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&encoding_rs::GBK.encode(&encodable(encoding_rs::GBK)).0);
    let doc = open(&bytes);
    assert_eq!(doc.encoding, "UTF-8");
    assert!(doc.text.contains('\u{FFFD}'));
    // Still binary when it is: NUL bytes after a BOM.
    let mut nul = b"\xEF\xBB\xBF".to_vec();
    nul.extend(std::iter::repeat_n(0u8, 4096));
    assert!(Document::from_bytes(&nul, "b", &LoadOptions::default()).is_err());
}

/// GBK, Big5 and Shift_JIS books are still not "UTF-8 with damage".
#[test]
fn legacy_books_are_not_mistaken_for_damaged_utf8() {
    for (enc, name) in [
        (encoding_rs::GBK, "GBK"),
        (encoding_rs::BIG5, "Big5"),
        (encoding_rs::SHIFT_JIS, "Shift_JIS"),
        (encoding_rs::EUC_KR, "EUC-KR"),
    ] {
        let text = if name == "Shift_JIS" {
            "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n".repeat(400)
        } else if name == "EUC-KR" {
            "나는 고양이로소이다. 이름은 아직 없다. 어디서 태어났는지 모른다.\n".repeat(400)
        } else {
            encodable(enc)
        };
        let doc = open(&enc.encode(&text).0);
        assert_eq!(doc.encoding, name);
        assert_eq!(doc.text, text, "{name}");
    }
}

/// Encodings that read every book as one replacement character are refused, not used.
#[test]
fn encodings_that_cannot_decode_a_book_are_refused() {
    let bytes = SEED.as_bytes();
    for label in [
        "replacement",
        "hz-gb-2312",
        "iso-2022-kr",
        "ISO-2022-CN",
        "csiso2022kr",
    ] {
        let opts = LoadOptions {
            encoding: Some(label.into()),
            ..LoadOptions::default()
        };
        let err = Document::from_bytes(bytes, "b", &opts)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot decode a book"), "{label}: {err}");
        assert!(err.contains(label), "{label}: {err}");
    }
}
