//! Tests of the encoding guess and the decoders (kept beside `decode.rs`).
use super::*;

#[test]
fn utf8_bom_is_removed() {
    let d = decode(b"\xEF\xBB\xBFhello", None).unwrap();
    assert_eq!(d.text, "hello");
    assert_eq!(d.encoding, "UTF-8");
}

#[test]
fn utf16_without_bom_is_recognised() {
    let text = "Chapter 1\nHello there, 你好.\n".repeat(20);
    let mut le = Vec::new();
    let mut be = Vec::new();
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(decode(&le, None).unwrap().text, text);
    assert_eq!(decode(&le, None).unwrap().encoding, "UTF-16LE");
    assert_eq!(decode(&be, None).unwrap().text, text);
    assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
}

#[test]
fn utf16_label_follows_the_bom() {
    let mut be = vec![0xFE, 0xFF];
    for u in "第一章\n".encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    let d = decode(&be, Some("utf-16")).unwrap();
    assert_eq!(d.text, "第一章\n");
    assert_eq!(d.encoding, "UTF-16BE");
}

#[test]
fn chinese_utf16_without_bom_is_recognised() {
    // Full-width punctuation only, and 一 (NUL on the "wrong" parity) everywhere.
    let text = "一二三四五，一个人走在一条路上。\n".repeat(200);
    for (enc, name) in [(UTF_16LE, "UTF-16LE"), (UTF_16BE, "UTF-16BE")] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if enc == UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect();
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, name);
        assert_eq!(d.text, text);
    }
}

#[test]
fn ascii_with_a_stray_nul_is_binary() {
    let mut bytes = b"Just some plain words on a line.\n".repeat(100);
    bytes[501] = 0;
    assert_eq!(decode(&bytes, None).unwrap_err(), DecodeError::Binary);
}

#[test]
fn the_start_of_a_file_can_show_it_is_binary() {
    assert!(start_is_binary(&[0u8; 4096], None));
    assert!(!start_is_binary(b"plain text", None));
    let utf16: Vec<u8> = "第一章 开始\nHello\n"
        .repeat(50)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(!start_is_binary(&utf16, None));
    assert!(!start_is_binary(&utf16, Some("utf-16le")));
    assert!(start_is_binary(&utf16, Some("gbk")));
}

#[test]
fn nul_bytes_are_binary() {
    let mut bytes = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0];
    bytes.extend((0..=255u8).cycle().take(4000));
    assert_eq!(decode(&bytes, None).unwrap_err(), DecodeError::Binary);
}

#[test]
fn random_bytes_without_nul_are_binary() {
    // A small deterministic generator: no NUL, full byte range, then only high bytes.
    let mut x: u32 = 12345;
    let mut next = || {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        (x >> 16) as u8
    };
    let full: Vec<u8> = (0..20_000).map(|_| next().max(1)).collect();
    let high: Vec<u8> = (0..20_000).map(|_| next() | 0x80).collect();
    assert_eq!(decode(&full, None).unwrap_err(), DecodeError::Binary);
    assert_eq!(decode(&high, None).unwrap_err(), DecodeError::Binary);
}

#[test]
fn unknown_label_is_an_error() {
    assert_eq!(
        decode(b"abc", Some("klingon")).unwrap_err(),
        DecodeError::UnknownEncoding("klingon".into())
    );
}

#[test]
fn labels_are_forgiving() {
    assert_eq!(encoding_for_label("GBK"), Some(GBK));
    assert_eq!(encoding_for_label("utf16"), Some(UTF_16LE));
    assert_eq!(encoding_for_label(" big5 "), Some(encoding_rs::BIG5));
    assert_eq!(encoding_for_label("nope"), None);
}

#[test]
fn halves_decode_exactly_like_the_whole() {
    let text = "第一章 开始\n他说：“你好。”\nabc 123 中文\n".repeat(40);
    for enc in [
        GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_KR,
        encoding_rs::EUC_JP,
        encoding_rs::WINDOWS_1252,
    ] {
        let body = enc.encode(&text).0.into_owned();
        // Move the middle across a broken lead byte right before a line feed.
        for pad in 0..12 {
            let mut bytes = vec![b'a'; pad];
            bytes.extend_from_slice(&body);
            bytes.extend_from_slice(&[0x81, b'\n', 0xFF, b'x', b'\n', 0x81]);
            bytes.extend_from_slice(&body);
            let (whole, _) = enc.decode_without_bom_handling(&bytes);
            let (split, _) = decode_split(enc, &bytes, 0);
            assert_eq!(split, whole, "{} pad {pad}", enc.name());
        }
    }
}

#[test]
fn four_byte_sequences_are_found_in_either_half() {
    let plain = GBK.encode(&"中1文2，x\n".repeat(300)).0.into_owned();
    let four = GB18030.encode("𠀀").0.into_owned();
    assert!(!decode_split(GB18030, &plain, 0).1);
    for at_end in [false, true] {
        let mut bytes = plain.clone();
        if at_end {
            bytes.extend_from_slice(&four);
        } else {
            bytes.splice(0..0, four.iter().copied());
        }
        let (text, four_byte) = decode_split(GB18030, &bytes, 0);
        assert!(four_byte, "at end: {at_end}");
        assert!(text.contains('𠀀'));
    }
}

#[test]
fn four_byte_check_walks_in_step() {
    // 中1文2: a trail byte, a digit, a lead byte, a digit — the shape, out of step.
    for line in ["中1文2，x\n", "中1文2，x"] {
        let base = GBK.encode(&line.repeat(3000)).0.into_owned();
        let four = GB18030.encode("𠀀").0.into_owned();
        assert!(!has_four_byte_gb18030(&base));
        for at in [0, 1, 4095, 4096, 9000, base.len()] {
            // Insert at a character start.
            let mut at = at.min(base.len());
            while walk_to_four_byte(&base, 0, at) != Some(at) {
                at += 1;
            }
            let mut bytes = base[..at].to_vec();
            bytes.extend_from_slice(&four);
            bytes.extend_from_slice(&base[at..]);
            assert!(has_four_byte_gb18030(&bytes), "at {at}");
        }
    }
}

#[test]
fn sample_windows_hold_whole_lines() {
    assert_eq!(whole_lines(b"ab\ncd\nef", true), b"ab\ncd\n");
    assert_eq!(whole_lines(b"ab\ncd\nef", false), b"cd\n");
    assert_eq!(whole_lines(b"ab\x81\x82", false), b"");
}

#[test]
fn large_books_are_guessed_from_windows() {
    let zh = "第一章 山中\n　　他走进山里，看见一条小河。河水很清，鱼在游。\n".repeat(9000);
    let gbk = GBK.encode(&zh).0.into_owned();
    assert!(gbk.len() > SAMPLE_BYTES);
    let d = decode(&gbk, None).unwrap();
    assert_eq!((d.encoding, d.text == zh), ("GBK", true));
    let tw = "第一章 山中\n　　他走進山裡，看見一條小河。河水很清，魚在游。\n".repeat(9000);
    let big5 = encoding_rs::BIG5.encode(&tw).0.into_owned();
    let d = decode(&big5, None).unwrap();
    assert_eq!((d.encoding, d.text == tw), ("Big5", true));
}

/// Books with one long line per chapter (over the 16 KB the guess samples at a time) were
/// refused as binary or read as windows-1252.
#[test]
fn books_with_very_long_lines_are_guessed() {
    let zh = "他走进山里，看见一条小河。河水很清，鱼在游。".repeat(400);
    let tw = "他走進山裡，看見一條小河。河水很清，魚在游。".repeat(400);
    let ja = "彼は山に入り、小さな川を見た。水はとても澄んでいた。".repeat(400);
    let cases = [
        (
            format!("www.example.com\n{}", format!("{zh}\n").repeat(120)),
            GBK,
            "GBK",
        ),
        (format!("{zh}\n").repeat(120), GBK, "GBK"),
        (
            format!("Big5 book\n{}", format!("{tw}\n").repeat(120)),
            encoding_rs::BIG5,
            "Big5",
        ),
        (
            format!("\n{}", format!("{ja}\n").repeat(120)),
            encoding_rs::SHIFT_JIS,
            "Shift_JIS",
        ),
    ];
    for (text, enc, name) in cases {
        let bytes = enc.encode(&text).0.into_owned();
        assert!(bytes.len() > SAMPLE_BYTES);
        assert!(bytes.split(|&b| b == b'\n').any(|l| l.len() > SAMPLE_SLICE));
        let d = decode(&bytes, None).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(d.encoding, name);
        assert!(d.text == text, "{name}: text differs");
    }
}

#[test]
fn samples_are_cut_between_lines() {
    let lines = b"aaaa\nbbbb\ncccccccccccccccc\ndd\n";
    assert_eq!(split_lines(lines, 12), (&lines[..10], &lines[10..]));
    // A line longer than the slice: the whole line.
    assert_eq!(split_lines(&lines[10..], 4), (&lines[10..27], &lines[27..]));
    assert_eq!(split_lines(lines, 100), (&lines[..], &b""[..]));
    // Digits are not a safe cut (they sit inside four-byte GB18030 characters).
    assert_eq!(split_lines(b"12345678", 4), (&b"12345678"[..], &b""[..]));
}

#[test]
fn four_byte_gb18030_is_named() {
    let (bytes, _, _) = GB18030.encode("中文𠀀");
    assert_eq!(decode(&bytes, Some("gbk")).unwrap().encoding, "gb18030");
    let (bytes, _, _) = GBK.encode("中文");
    assert!(!has_four_byte_gb18030(&bytes));
}
