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
