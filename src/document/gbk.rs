//! A table-driven fast path for GBK text.
//!
//! encoding_rs decodes GBK at under 200 MB/s, about as fast as `iconv`, because its GB18030
//! decoder is a general state machine. Nearly every GBK book is only ASCII and two-byte pairs,
//! so this module decodes those with one lookup per pair into a table of ready UTF-8 bytes. The
//! table is filled by asking encoding_rs's own GB18030 decoder about every pair, so the two can
//! never disagree; anything else (a four-byte sequence, a lone 0x80 or 0xFF, a broken pair, a
//! book cut mid-character) makes the fast path give up and the caller decodes the same bytes
//! with encoding_rs.

use encoding_rs::GB18030;
use std::sync::OnceLock;

const LEAD_MIN: u8 = 0x81;
const LEAD_MAX: u8 = 0xFE;
const TRAIL_MIN: u8 = 0x40;
const TRAIL_MAX: u8 = 0xFE;
const TRAILS: usize = (TRAIL_MAX - TRAIL_MIN) as usize + 1;
const PAIRS: usize = (LEAD_MAX - LEAD_MIN) as usize + 1;

/// For each pair `(lead, trail)`: up to three UTF-8 bytes and, last, how many of them there are
/// (0: the pair is not one plain character, so the fast path gives up on it).
type Table = Box<[[u8; 4]]>;

fn table() -> &'static [[u8; 4]] {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> Table {
    let mut table = vec![[0u8; 4]; PAIRS * TRAILS].into_boxed_slice();
    let mut out = String::with_capacity(16);
    for lead in LEAD_MIN..=LEAD_MAX {
        for trail in TRAIL_MIN..=TRAIL_MAX {
            out.clear();
            let mut decoder = GB18030.new_decoder_without_bom_handling();
            let _ = decoder.decode_to_string_without_replacement(&[lead, trail], &mut out, true);
            let mut chars = out.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            // Only characters that need two or three UTF-8 bytes (every BMP character above
            // ASCII, which is all a two-byte GBK pair can be); anything else stays on the slow path.
            let len = c.len_utf8();
            if !(2..=3).contains(&len) {
                continue;
            }
            if let Some(slot) = table.get_mut(index(lead, trail)) {
                let mut entry = [0u8; 4];
                c.encode_utf8(&mut entry);
                entry[3] = len as u8;
                *slot = entry;
            }
        }
    }
    table
}

fn index(lead: u8, trail: u8) -> usize {
    usize::from(lead - LEAD_MIN) * TRAILS + usize::from(trail - TRAIL_MIN)
}

/// Decode `bytes` (GBK made of ASCII and two-byte pairs). None at the first byte sequence the
/// table does not cover: the caller then decodes with encoding_rs, which also handles four-byte
/// GB18030 and replaces broken bytes. So a success also means the bytes hold no four-byte
/// sequence.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let mut buf = super::memory::zeroed(bound(bytes.len()));
    let written = decode_bytes(bytes, table(), &mut buf)?;
    buf.truncate(written);
    checked(buf)
}

/// `decode` of `head` followed by `tail` (cut at a line start), one on each of two threads,
/// into one buffer: each writes its own part of it, and the tail's text is then moved down
/// to meet the head's, with no second buffer and no copy of the whole book.
pub fn decode_two(head: &[u8], tail: &[u8]) -> Option<String> {
    let table = table();
    let head_room = bound(head.len());
    let mut buf = super::memory::zeroed(head_room.checked_add(bound(tail.len()))?);
    let (head_out, tail_out) = buf.split_at_mut(head_room);
    let (head_len, tail_len) = std::thread::scope(|s| {
        let second = s.spawn(move || decode_bytes(tail, table, tail_out));
        let head_len = decode_bytes(head, table, head_out);
        // Decoding does not panic; should the thread die anyway, the caller decodes again.
        (head_len, second.join().ok().flatten())
    });
    let (head_len, tail_len) = (head_len?, tail_len?);
    buf.copy_within(head_room..head_room + tail_len, head_len);
    buf.truncate(head_len + tail_len);
    checked(buf)
}

/// Room to decode `len` bytes into: two bytes in never make more than three out, one byte
/// never more than one, and each character is written as four bytes (the last ones then
/// overwritten by what follows), so three bytes of slack.
fn bound(len: usize) -> usize {
    len.saturating_mul(3) / 2 + 4
}

/// Only ASCII and whole characters from the table (valid UTF-8 by construction) were
/// written; the check stays anyway, so no unsafe code rests on that reasoning.
fn checked(buf: Vec<u8>) -> Option<String> {
    super::decode::utf8_string(buf).ok()
}

/// Decode into `out` (large enough, see `decode`); the number of bytes written, or None.
fn decode_bytes(bytes: &[u8], table: &[[u8; 4]], out: &mut [u8]) -> Option<usize> {
    let mut i = 0;
    let mut w = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            let rest = bytes.get(i..)?;
            let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
            out.get_mut(w..w + run)?.copy_from_slice(rest.get(..run)?);
            i += run;
            w += run;
            continue;
        }
        let trail = *bytes.get(i + 1)?;
        if !(LEAD_MIN..=LEAD_MAX).contains(&b) || !(TRAIL_MIN..=TRAIL_MAX).contains(&trail) {
            return None;
        }
        let entry = table.get(index(b, trail))?;
        let len = usize::from(entry[3]);
        if len == 0 {
            return None;
        }
        // A fixed four-byte copy (one store); the fourth byte is overwritten next.
        out.get_mut(w..w + 4)?.copy_from_slice(entry);
        i += 2;
        w += len;
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(bytes: &[u8]) -> String {
        GB18030.decode_without_bom_handling(bytes).0.into_owned()
    }

    fn fast(bytes: &[u8]) -> Option<String> {
        let whole = decode(bytes);
        // Every cut at a line start decodes the same on two threads.
        for (cut, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
            let (head, tail) = bytes.split_at(cut + 1);
            assert_eq!(decode_two(head, tail), whole, "cut after byte {cut}");
        }
        whole
    }

    #[test]
    fn every_pair_agrees_with_encoding_rs_or_is_left_to_it() {
        let mut covered = 0;
        for lead in 0x80..=0xFFu8 {
            for trail in 0x00..=0xFFu8 {
                let pair = [lead, trail];
                if let Some(s) = fast(&pair) {
                    assert_eq!(s, slow(&pair), "{lead:02X} {trail:02X}");
                    covered += 1;
                }
            }
        }
        // GBK's two-byte area: 126 leads × 190 trails, all of which decode to one character.
        assert_eq!(covered, 126 * 190);
    }

    #[test]
    fn chinese_text_decodes_like_encoding_rs() {
        let text =
            "《斗破》\r\n作者：某人\n　　第一章 陨落的天才\n“斗之力，三段！”——萧炎…… abc 123 ·°±§";
        let (bytes, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        assert_eq!(fast(&bytes).as_deref(), Some(text));
    }

    #[test]
    fn anything_unusual_is_left_to_encoding_rs() {
        let four_byte = encoding_rs::GB18030.encode("𠀀").0.into_owned();
        assert_eq!(four_byte.len(), 4);
        for bytes in [
            four_byte.as_slice(),
            &[b'a', 0xB0],       // cut mid-character
            &[0x80],             // lone 0x80
            &[0xFF, 0x41],       // not a lead byte
            &[0xB0, 0x30],       // a digit after a lead byte: four-byte start
            &[0xB0, 0x7F, 0x41], // DEL is not a trail byte
        ] {
            assert_eq!(fast(bytes), None, "{bytes:02X?}");
        }
    }
}
