//! Bytes → text: encoding detection and decoding.
//!
//! Owns the order of evidence (an explicit label, then a byte-order mark, then valid UTF-8, then
//! UTF-8 that outweighs its damage over the whole file, then UTF-16 without a BOM, then a
//! statistical guess over a large sample), the refusal of binary files (also from a file's
//! start alone) and of encodings that cannot decode a book. It must not touch newlines, control
//! characters or chapters: that is `normalize` and `chapters`.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// How much of the file the statistical guess looks at. Guessing from a few KB is a known cause
/// of wrong guesses (a GBK book whose first pages are mostly ASCII, a Big5 article with a
/// simplified-looking preface), so the sample is taken from all through the book:
/// `SAMPLE_WINDOWS` windows of whole lines spread evenly over it, up to this many bytes.
/// chardetng reads only about 5 MB/s, so a larger sample would cost more than decoding.
pub const SAMPLE_BYTES: usize = 512 * 1024;
/// Number of windows the sample of a large book is taken from.
pub const SAMPLE_WINDOWS: usize = 4;
/// The sample is taken in rounds of this much from each window...
const SAMPLE_SLICE: usize = 16 * 1024;
/// ...until it holds this many non-ASCII bytes (some 24,000 CJK characters, far more than
/// chardetng needs to tell GBK from Big5 or Shift_JIS). chardetng costs about 0.2 ms per KB,
/// so stopping there saves 80 ms on a GBK novel.
const SAMPLE_EVIDENCE: usize = 48 * 1024;

/// The result of decoding.
#[derive(Debug)]
pub struct Decoded {
    /// Decoded text (a BOM, if any, is already removed; newlines untouched).
    pub text: String,
    /// Name to show for the encoding: the encoding_rs name, except that a GBK guess whose bytes
    /// use four-byte sequences is named "gb18030".
    pub encoding: &'static str,
}

/// Why bytes could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes outside UTF-16, or mostly undecodable bytes.
    Binary,
    /// `--encoding` named something encoding_rs does not know.
    UnknownEncoding(String),
    /// `--encoding` named an encoding that cannot decode a book: `replacement` and the labels
    /// encoding_rs maps to it (`hz-gb-2312`, `iso-2022-kr`, `iso-2022-cn`, …) turn any input
    /// into one replacement character.
    UnusableEncoding(String),
}

/// Look up an encoding label the way `--encoding` does (any WHATWG label, case-insensitive,
/// plus a few common spellings such as `utf16`, `gb18030`, `big5-hkscs`, `shift-jis`).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let trimmed = label.trim();
    if let Some(enc) = Encoding::for_label(trimmed.as_bytes()) {
        return Some(enc);
    }
    let lower = trimmed.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "utf16" | "utf16le" | "utf-16-le" => "utf-16le",
        "utf16be" | "utf-16-be" => "utf-16be",
        "utf8" => "utf-8",
        "shift-jis" | "sjis" | "cp932" => "shift_jis",
        "cp936" | "gb2312-80" => "gbk",
        "cp950" => "big5",
        "eucjp" => "euc-jp",
        "euckr" | "cp949" => "euc-kr",
        _ => return None,
    };
    Encoding::for_label(alias.as_bytes())
}

/// The encoding a label names, when it can decode books: like `encoding_for_label`, but a
/// label that encoding_rs maps to its `replacement` encoding (which decodes every input to one
/// U+FFFD) is refused.
pub fn usable_encoding(label: &str) -> Result<&'static Encoding, DecodeError> {
    match encoding_for_label(label) {
        Some(enc) if enc == encoding_rs::REPLACEMENT => {
            Err(DecodeError::UnusableEncoding(label.trim().to_string()))
        }
        Some(enc) => Ok(enc),
        None => Err(DecodeError::UnknownEncoding(label.into())),
    }
}

/// True when the first bytes of a file (`memory::START_BYTES` of them) already show it is not
/// text: NUL bytes, unless they are UTF-16 (by a BOM, by `label`, or by their look). Decoding
/// would refuse the whole file for the same reason; this lets a file of gigabytes be turned
/// away without reading it.
pub fn start_is_binary(start: &[u8], label: Option<&str>) -> bool {
    if memchr::memchr(0, start).is_none() {
        return false;
    }
    let utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
    if let Some(label) = label {
        return usable_encoding(label).is_ok_and(|e| !utf16(e));
    }
    if Encoding::for_bom(start).is_some_and(|(e, _)| utf16(e)) {
        return false;
    }
    guess_utf16(start).is_none()
}

/// Decode a whole book that is already owned: a UTF-8 book (the common case) keeps its
/// allocation instead of being copied.
pub fn decode_vec(bytes: Vec<u8>, label: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_vec_with(bytes, label, BINARY_FRACTION)
}

/// `decode_vec` with the binary refusal threshold of `decode_with`.
pub fn decode_vec_with(
    bytes: Vec<u8>,
    label: Option<&str>,
    binary_fraction: f64,
) -> Result<Decoded, DecodeError> {
    let plain_utf8 = label.is_none()
        && Encoding::for_bom(&bytes).is_none_or(|(enc, _)| enc == UTF_8)
        && memchr::memchr(0, &bytes).is_none();
    if plain_utf8 {
        match super::utf8::utf8_string(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{FEFF}') {
                    text.drain(..'\u{FEFF}'.len_utf8());
                }
                return Ok(Decoded {
                    text,
                    encoding: UTF_8.name(),
                });
            }
            Err(bytes) => return decode_with(&bytes, label, binary_fraction),
        }
    }
    decode_with(&bytes, label, binary_fraction)
}

/// Share of undecodable or control characters above which text is refused as binary, unless
/// the caller (the configuration's `binary_threshold`) says otherwise.
pub const BINARY_FRACTION: f64 = 1.0 / 12.0;

/// Decode a whole book. `label` overrides detection.
pub fn decode(bytes: &[u8], label: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_with(bytes, label, BINARY_FRACTION)
}

/// Like `decode`, refusing text in which more than `binary_fraction` (0–1) of the characters are
/// undecodable or control characters.
pub fn decode_with(
    bytes: &[u8],
    label: Option<&str>,
    binary_fraction: f64,
) -> Result<Decoded, DecodeError> {
    let mostly_undecodable = |text: &str| mostly_undecodable(text, binary_fraction);
    if let Some(label) = label {
        let named = usable_encoding(label)?;
        let is_utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
        let enc = match Encoding::for_bom(bytes) {
            _ if named == GBK => GB18030,
            // "utf-16" means "UTF-16, the BOM says which byte order".
            Some((bom, _)) if is_utf16(named) && is_utf16(bom) => bom,
            _ => named,
        };
        // A BOM that agrees with the chosen encoding is dropped; anything else is content.
        // The reader asked for this encoding: show what it gives, refusing only NUL bytes
        // (which no text in an ASCII-compatible encoding has).
        if !is_utf16(enc) && memchr::memchr(0, bytes).is_some() {
            return Err(DecodeError::Binary);
        }
        let (text, four_byte) = if enc == UTF_8 || is_utf16(enc) {
            (enc.decode_with_bom_removal(bytes).0.into_owned(), false)
        } else {
            // No BOM to remove in the other encodings.
            decode_legacy(enc, bytes)
        };
        return Ok(Decoded {
            text,
            encoding: display_name(if enc == GB18030 { named } else { enc }, four_byte),
        });
    }

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = enc.decode_without_bom_handling(rest);
        let text = text.into_owned();
        // A UTF-8 BOM wins over any guess: damaged or foreign bytes after it are shown as
        // replacement characters (`info` counts them), and only control characters make it
        // binary.
        let binary = if enc == UTF_8 {
            mostly_control(&text, binary_fraction)
        } else {
            mostly_undecodable(&text)
        };
        if binary {
            return Err(DecodeError::Binary);
        }
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }

    let has_nul = memchr::memchr(0, bytes).is_some();
    if !has_nul && let Ok(s) = simdutf8::compat::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
        });
    }

    if !has_nul && super::utf8::mostly_utf8(bytes) {
        // A UTF-8 book with damaged stretches or cut mid-character: reading it as anything
        // else would garble every line, so keep UTF-8 and mark the bad bytes.
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: UTF_8.name(),
        });
    }

    if has_nul {
        if let Some(enc) = guess_utf16(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            let text = text.into_owned();
            if !mostly_undecodable(&text) {
                return Ok(Decoded {
                    text,
                    encoding: enc.name(),
                });
            }
        }
        return Err(DecodeError::Binary);
    }

    let enc = guess_legacy(bytes);
    // encoding_rs decodes GBK with the GB18030 decoder already; say so explicitly.
    let decoder = if enc == GBK { GB18030 } else { enc };
    let (text, four_byte) = decode_legacy(decoder, bytes);
    if mostly_undecodable(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding: display_name(enc, four_byte),
    })
}

/// Below this size a book is decoded on one thread (starting a thread costs more than it saves).
const PARALLEL_DECODE_BYTES: usize = 4 * 1024 * 1024;

/// Decode with `enc` (no BOM handling, errors replaced); also says whether the bytes hold a
/// four-byte GB18030 sequence (looked for only when `enc` is GB18030).
///
/// A large book is decoded in two halves on two threads: encoding_rs turns GBK into UTF-8 at
/// under 200 MB/s, slower than reading the file, and `iconv` is the floor to beat.
fn decode_legacy(enc: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    decode_split(enc, bytes, PARALLEL_DECODE_BYTES)
}

/// `decode_legacy` that splits books of at least `min_len` bytes (tests split small ones).
///
/// The cut is just after a line feed. In every encoding split here 0x0A is only ever a line
/// feed (never a trail byte, and it ends any broken sequence before it), so each decoder starts
/// and ends in its initial state and the halves decode exactly as the whole would; each half
/// also starts at a character start, so the four-byte check is exact on it.
fn decode_split(enc: &'static Encoding, bytes: &[u8], min_len: usize) -> (String, bool) {
    let four_byte = |part: &[u8]| enc == GB18030 && has_four_byte_gb18030(part);
    let decode_part = |part: &[u8], room: usize| {
        let mut out = super::memory::string(part.len().saturating_mul(3) / 2 + room);
        decode_into(enc, part, &mut out);
        (out, four_byte(part))
    };
    // Stateful or 16-bit encodings: 0x0A can sit inside a character or an escape sequence.
    let splittable = enc != UTF_16LE
        && enc != UTF_16BE
        && enc != encoding_rs::ISO_2022_JP
        && enc != encoding_rs::REPLACEMENT;
    let mid = bytes.len() / 2;
    let cut = memchr::memchr(b'\n', bytes.get(mid..).unwrap_or_default()).map(|p| mid + p + 1);
    let cut = cut.filter(|_| splittable && bytes.len() >= min_len);
    // GBK: nearly every book is only ASCII and two-byte pairs, which a table decodes faster;
    // encoding_rs takes over from any byte sequence the table does not cover.
    if enc == GB18030 {
        let slow = |part: &[u8]| decode_part(part, 0);
        let fast = match cut {
            Some(cut) => {
                let (head, tail) = bytes.split_at(cut);
                super::gbk::decode_two(head, tail, slow)
            }
            None => super::gbk::decode(bytes, slow),
        };
        if let Some(decoded) = fast {
            return decoded;
        }
    }
    let Some(cut) = cut else {
        return decode_part(bytes, 0);
    };
    let (head, tail) = bytes.split_at(cut);
    std::thread::scope(|s| {
        let second = s.spawn(|| decode_part(tail, 0));
        // Room for the second half too, so appending it does not move the first.
        let (mut text, four_head) = decode_part(head, tail.len().saturating_mul(3) / 2);
        // Decoding does not panic on any input; should the thread die anyway, decode its
        // half here instead.
        let (rest, four_tail) = second.join().unwrap_or_else(|_| decode_part(tail, 0));
        text.push_str(&rest);
        (text, four_head || four_tail)
    })
}

/// Bytes of output decoded at a time: small enough to stay in cache before they are copied.
const DECODE_CHUNK: usize = 64 * 1024;

/// Decode `bytes` (a whole stream) with `enc`, errors replaced, appending to `out`.
///
/// Through a small reused buffer rather than with `decode_to_string`: that fills the whole
/// worst-case room (three bytes out for each byte in) with zeros first, which on a 70 MB GBK
/// book meant writing 300 MB to produce 100 MB.
fn decode_into(enc: &'static Encoding, bytes: &[u8], out: &mut String) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut chunk = "\0".repeat(DECODE_CHUNK);
    let mut rest = bytes;
    loop {
        let (result, read, written, _) = decoder.decode_to_str(rest, &mut chunk, true);
        out.push_str(chunk.get(..written).unwrap_or_default());
        rest = rest.get(read..).unwrap_or_default();
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
}

/// The name `info` shows. GBK and GB18030 share a decoder; the name says GB18030 only when the
/// bytes hold a four-byte GB18030 sequence (lead, digit, lead, digit): `four_byte`.
fn display_name(enc: &'static Encoding, four_byte: bool) -> &'static str {
    if (enc == GBK || enc == GB18030) && four_byte {
        GB18030.name()
    } else if enc == GB18030 {
        // Explicitly asked for GB18030: keep the name the user chose.
        GB18030.name()
    } else {
        enc.name()
    }
}

/// True when `bytes` (which must begin at a character start) hold a four-byte GB18030
/// sequence: lead byte, digit, lead byte, digit, starting at a character start.
///
/// Walking every character costs as much as a third of decoding, so blocks are first checked
/// for that byte shape anywhere, in step or not (a vectorised pass; real GBK text almost never
/// has it), and only blocks that have it are walked, from a known character start: where the
/// last walk stopped or a line start (0x0A is never inside a sequence).
pub(super) fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    const BLOCK: usize = 4096;
    let mut walked = 0;
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + BLOCK).min(bytes.len());
        let window = bytes
            .get(at..(end + 3).min(bytes.len()))
            .unwrap_or_default();
        if four_byte_shape_anywhere(window) {
            let from = if walked >= at {
                walked
            } else {
                memchr::memrchr(b'\n', bytes.get(walked..at).unwrap_or_default())
                    .map_or(walked, |p| walked + p + 1)
            };
            match walk_to_four_byte(bytes, from, end) {
                Some(stop) => walked = stop,
                None => return true,
            }
        }
        at = end;
    }
    false
}

fn is_gb_lead(b: u8) -> bool {
    b.wrapping_sub(0x81) < 0x7E
}

fn is_four_byte_at(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 4), Some(&[a, b, c, d])
        if is_gb_lead(a) && b.is_ascii_digit() && is_gb_lead(c) && d.is_ascii_digit())
}

/// Lead, digit, lead, digit at any offset of `w`.
fn four_byte_shape_anywhere(w: &[u8]) -> bool {
    let n = w.len().saturating_sub(3);
    let (Some(a), Some(b), Some(c), Some(d)) = (w.get(..n), w.get(1..), w.get(2..), w.get(3..))
    else {
        return false;
    };
    a.iter()
        .zip(b)
        .zip(c)
        .zip(d)
        .fold(false, |any, (((&a, &b), &c), &d)| {
            any | (is_gb_lead(a) & b.is_ascii_digit() & is_gb_lead(c) & d.is_ascii_digit())
        })
}

/// Walk characters from `from` (a character start) while before `end`: `None` at a four-byte
/// sequence, else the character start where the walk stopped.
fn walk_to_four_byte(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        let Some(&b) = bytes.get(i) else { break };
        if is_gb_lead(b) {
            if is_four_byte_at(bytes, i) {
                return None;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    Some(i)
}

/// UTF-16 without a BOM. Both byte orders are tried on a sample; the right one reads as text:
/// nearly every character is one that books are written in, and either line feeds appear or the
/// NUL bytes (high bytes of ASCII) sit almost all on one parity. Chinese text needs the first
/// test: 一 (U+4E00) puts NULs on the other parity, and it is common.
fn guess_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes
        .get(..bytes.len().min(1 << 16) & !1)
        .unwrap_or_default();
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let total = even + odd;
    [(UTF_16LE, odd), (UTF_16BE, even)]
        .into_iter()
        .filter_map(|(enc, on_parity)| {
            let (text, _) = enc.decode_without_bom_handling(sample);
            let (mut chars, mut plausible, mut lines) = (0usize, 0usize, 0usize);
            for c in text.chars() {
                chars += 1;
                lines += usize::from(c == '\n');
                plausible += usize::from(plausible_in_books(c));
            }
            let parity = total > 0 && on_parity * 20 >= total * 19;
            let reads = chars > 0 && plausible * 100 >= chars * 97;
            (reads && (lines > 0 || parity)).then_some((enc, plausible * 1000 / chars.max(1)))
        })
        .max_by_key(|&(_, score)| score)
        .map(|(enc, _)| enc)
}

/// Characters that books are written in: ASCII text, Latin, Greek, Cyrillic, general and CJK
/// punctuation, kana, CJK ideographs, Hangul, full-width forms, and the supplementary planes.
fn plausible_in_books(c: char) -> bool {
    matches!(c,
        '\n' | '\r' | '\t' | ' '..='~'
        | '\u{A0}'..='\u{24F}'
        | '\u{370}'..='\u{52F}'
        | '\u{2000}'..='\u{206F}'
        | '\u{2100}'..='\u{27FF}'
        | '\u{3000}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{10000}'..)
}

/// The statistical guess over a large sample: windows of whole lines spread over the book, so
/// no character is cut in half (0x0A is never a trail byte in GBK, Big5, Shift_JIS or EUC-KR).
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    if bytes.len() <= SAMPLE_BYTES {
        // Not `last`: a character cut off by the end of a small book must not count against
        // the right encoding (it made a GBK book windows-1252).
        det.feed(bytes, false);
        return det.guess(None, chardetng::Utf8Detection::Allow);
    }
    // Round by round, some 16 KB of whole lines from each window, until the sample holds
    // enough non-ASCII bytes to judge by (a dense Chinese novel: after the first round) or the
    // windows are used up (a mostly-ASCII book with a little Chinese: all 512 KB).
    let window = SAMPLE_BYTES / SAMPLE_WINDOWS;
    let step = bytes.len() / SAMPLE_WINDOWS;
    let mut left: Vec<&[u8]> = (0..SAMPLE_WINDOWS)
        .map(|k| {
            let raw = bytes.get(k * step..k * step + window).unwrap_or_default();
            whole_lines(raw, k == 0)
        })
        .collect();
    let mut evidence = 0;
    let mut fed = 0;
    while evidence < SAMPLE_EVIDENCE && left.iter().any(|w| !w.is_empty()) {
        for rest in &mut left {
            let (piece, after) = split_lines(rest, SAMPLE_SLICE);
            evidence += piece.iter().filter(|b| !b.is_ascii()).count();
            fed += piece.len();
            det.feed(piece, false);
            *rest = after;
        }
    }
    if fed == 0 {
        // Not one line break or other safe cut in any window: take the book's start as it is.
        // (No final `feed(.., true)`: a character cut at the end must not count against the
        // right encoding.)
        det.feed(bytes.get(..SAMPLE_BYTES).unwrap_or_default(), false);
    }
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// The whole lines of a window: from just after its first line feed (or its start, at the
/// start of the book) to just after its last one. A window without line feeds is cut at bytes
/// below 0x40, which are never trail bytes in GBK, Big5, Shift_JIS or EUC-KR either.
fn whole_lines(window: &[u8], at_book_start: bool) -> &[u8] {
    let start = if at_book_start {
        0
    } else {
        after_first_cut(window).unwrap_or(window.len())
    };
    let rest = window.get(start..).unwrap_or_default();
    let end = after_last_cut(rest).unwrap_or(0);
    rest.get(..end).unwrap_or_default()
}

/// Where `bytes` can first be cut between characters: just after its first line feed, else
/// after its first other safe cut (see `is_safe_cut`).
fn after_first_cut(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
        .or_else(|| bytes.iter().position(|&b| is_safe_cut(b)))
        .map(|p| p + 1)
}

/// Like `after_first_cut`, the last such place.
fn after_last_cut(bytes: &[u8]) -> Option<usize> {
    memchr::memrchr(b'\n', bytes)
        .or_else(|| bytes.iter().rposition(|&b| is_safe_cut(b)))
        .map(|p| p + 1)
}

/// True for bytes that end a character in every encoding guessed here: controls, space and
/// ASCII punctuation below the digits. (Digits are the second and fourth bytes of four-byte
/// GB18030 sequences; letters are trail bytes in Big5 and Shift_JIS.)
fn is_safe_cut(b: u8) -> bool {
    b < 0x30
}

/// The first whole lines of `lines` (which ends at a safe cut) up to about `size` bytes, and
/// the rest: cut after the last line feed (or other safe cut) within `size` bytes, or when a
/// line is longer than that, after the first one beyond.
fn split_lines(lines: &[u8], size: usize) -> (&[u8], &[u8]) {
    if lines.len() <= size {
        return (lines, &[]);
    }
    let head = lines.get(..size).unwrap_or_default();
    let tail = lines.get(size..).unwrap_or_default();
    let cut = after_last_cut(head)
        .or_else(|| after_first_cut(tail).map(|p| size + p))
        .unwrap_or(lines.len());
    lines.split_at(cut)
}

/// True when more than `fraction` of the characters of `text` are control characters (the
/// check behind a UTF-8 BOM, where replacement characters are damage, not a sign of binary).
fn mostly_control(text: &str, fraction: f64) -> bool {
    let mut chars = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(1 << 20) {
        chars += 1;
        if !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1b}') && super::normalize::is_control(c)
        {
            bad += 1;
        }
    }
    chars >= 8 && bad as f64 > chars as f64 * fraction
}

/// True when decoded text cannot be a book: more than one character in twelve is a
/// replacement or control character (tab, newline, CR, form feed and ESC are allowed), or a long
/// stretch holds no space, line end or CJK punctuation at all (random high bytes read as a
/// single-byte encoding).
fn mostly_undecodable(text: &str, fraction: f64) -> bool {
    let mut chars = 0usize;
    let mut bad = 0usize;
    let mut breaks = 0usize;
    for c in text.chars().take(1 << 20) {
        chars += 1;
        match c {
            '\u{FFFD}' => bad += 1,
            ' ' | '\n' | '\r' | '\t' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' => {
                breaks += 1
            }
            '\u{c}' | '\u{1b}' => {}
            c if super::normalize::is_control(c) => bad += 1,
            _ => {}
        }
    }
    chars >= 8 && (bad as f64 > chars as f64 * fraction || (chars > 4096 && breaks == 0))
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
