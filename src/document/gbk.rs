//! A table-driven fast path for GBK text.
//!
//! encoding_rs decodes GBK at under 200 MB/s, about as fast as `iconv`, because its GB18030
//! decoder is a general state machine. Nearly every GBK book is only ASCII and two-byte pairs,
//! so this module decodes those with one lookup per pair into a table of ready UTF-8 bytes. The
//! table is filled by asking encoding_rs's own GB18030 decoder about every pair, so the two can
//! never disagree. From the first byte sequence the table does not cover (a four-byte
//! sequence, a lone 0x80 or 0xFF, a broken pair, a book cut mid-character), the caller's
//! encoding_rs decoder takes over for the rest of that part.

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

/// Text decoded by the caller's own decoder (encoding_rs) and whether its bytes held a
/// four-byte GB18030 sequence.
pub type Slow = (String, bool);

/// Decode `bytes` as GBK/GB18030: through the table while the bytes are ASCII and two-byte
/// pairs, and from the first byte sequence the table does not cover (a four-byte sequence,
/// 0x80, a broken pair, a book cut mid-character) to the end with `slow`, the caller's
/// encoding_rs decoder. The table stops only after a whole character, so the bytes it leaves
/// start a character and the two halves join exactly as one decoder would have gone on. Also
/// says whether the bytes hold a four-byte sequence (only the part `slow` decoded can).
/// None only if the result failed its UTF-8 check, which cannot happen.
pub fn decode(bytes: &[u8], slow: impl Fn(&[u8]) -> Slow) -> Option<(String, bool)> {
    let mut buf = super::memory::zeroed(bound(bytes.len()));
    let part = decode_part(bytes, table(), &mut buf, &slow);
    assemble(buf, &[(0, part)])
}

/// `decode` of `head` followed by `tail` (cut just after a line feed, where every GBK decoder
/// is between characters), one on each of two threads, into one buffer: each writes its own
/// part of it, and the tail's text is then moved down to meet the head's, with no second
/// buffer and no copy of the whole book.
pub fn decode_two(
    head: &[u8],
    tail: &[u8],
    slow: impl Fn(&[u8]) -> Slow + Sync,
) -> Option<(String, bool)> {
    let table = table();
    let head_room = bound(head.len());
    let mut buf = super::memory::zeroed(head_room.checked_add(bound(tail.len()))?);
    let (head_out, tail_out) = buf.split_at_mut(head_room);
    let slow = &slow;
    let (head_part, tail_part) = std::thread::scope(|s| {
        let second = s.spawn(move || decode_part(tail, table, tail_out, slow));
        let head_part = decode_part(head, table, head_out, slow);
        // Decoding does not panic; should the thread die anyway, decode its half here.
        let tail_part = second.join().unwrap_or_else(|_| Part {
            written: 0,
            rest: Some(slow(tail)),
        });
        (head_part, tail_part)
    });
    assemble(buf, &[(0, head_part), (head_room, tail_part)])
}

/// One part decoded: `written` bytes of table output where the part's room starts, then what
/// `slow` made of the bytes the table left, if any.
struct Part {
    written: usize,
    rest: Option<Slow>,
}

fn decode_part(
    bytes: &[u8],
    table: &[[u8; 4]],
    out: &mut [u8],
    slow: impl Fn(&[u8]) -> Slow,
) -> Part {
    let (read, written) = decode_bytes(bytes, table, out);
    let rest = bytes.get(read..).filter(|r| !r.is_empty()).map(slow);
    Part { written, rest }
}

/// The parts (each at its offset in `buf`) joined into one string. When the table did all the
/// work, the parts are moved together inside `buf`; otherwise a new buffer holds the pieces.
fn assemble(mut buf: Vec<u8>, parts: &[(usize, Part)]) -> Option<(String, bool)> {
    let four_byte = parts
        .iter()
        .any(|(_, p)| p.rest.as_ref().is_some_and(|r| r.1));
    if parts.iter().all(|(_, p)| p.rest.is_none()) {
        let mut len = 0;
        for (at, p) in parts {
            // In range (each part wrote inside its own room); checked so a slip cannot panic.
            buf.get(*at..*at + p.written)?;
            buf.copy_within(*at..*at + p.written, len);
            len += p.written;
        }
        buf.truncate(len);
        // Text that came out much shorter than the room (a mostly-ASCII book) gives back the
        // memory it did not use.
        if buf.capacity() - buf.len() > buf.len() / 8 {
            buf.shrink_to_fit();
        }
        return checked(buf).map(|s| (s, four_byte));
    }
    let total: usize = parts
        .iter()
        .map(|(_, p)| p.written + p.rest.as_ref().map_or(0, |r| r.0.len()))
        .sum();
    let mut out = super::memory::buffer(total);
    for (at, p) in parts {
        out.extend_from_slice(buf.get(*at..*at + p.written)?);
        if let Some((text, _)) = &p.rest {
            out.extend_from_slice(text.as_bytes());
        }
    }
    drop(buf);
    checked(out).map(|s| (s, four_byte))
}

/// Room to decode `len` bytes into: two bytes in never make more than three out, one byte
/// never more than one, and each character is written as four bytes (the last ones then
/// overwritten by what follows), so three bytes of slack.
fn bound(len: usize) -> usize {
    len.saturating_mul(3) / 2 + 4
}

/// Only ASCII, whole characters from the table and encoding_rs's own output were written;
/// the check stays anyway, so no unsafe code rests on that reasoning.
fn checked(buf: Vec<u8>) -> Option<String> {
    super::utf8::utf8_string(buf).ok()
}

/// Decode into `out` (large enough, see `bound`) until the end or the first byte sequence the
/// table does not cover: (bytes read, bytes written), always whole characters.
fn decode_bytes(bytes: &[u8], table: &[[u8; 4]], out: &mut [u8]) -> (usize, usize) {
    let mut i = 0;
    let mut w = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            let rest = bytes.get(i..).unwrap_or_default();
            let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
            let (Some(dst), Some(src)) = (out.get_mut(w..w + run), rest.get(..run)) else {
                break;
            };
            dst.copy_from_slice(src);
            i += run;
            w += run;
            continue;
        }
        let Some(&trail) = bytes.get(i + 1) else {
            break;
        };
        if !(LEAD_MIN..=LEAD_MAX).contains(&b) || !(TRAIL_MIN..=TRAIL_MAX).contains(&trail) {
            break;
        }
        let Some(entry) = table.get(index(b, trail)) else {
            break;
        };
        let len = usize::from(entry[3]);
        // A fixed four-byte copy (one store); the fourth byte is overwritten next.
        let Some(dst) = out.get_mut(w..w + 4).filter(|_| len > 0) else {
            break;
        };
        dst.copy_from_slice(entry);
        i += 2;
        w += len;
    }
    (i, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(bytes: &[u8]) -> String {
        GB18030.decode_without_bom_handling(bytes).0.into_owned()
    }

    /// encoding_rs for the part the table leaves, as decode.rs passes it.
    fn rest(bytes: &[u8]) -> Slow {
        (
            slow(bytes),
            super::super::decode::has_four_byte_gb18030(bytes),
        )
    }

    /// The table's result and how much of the input it decoded by itself.
    fn fast(bytes: &[u8]) -> (String, bool) {
        let whole = decode(bytes, rest).expect("valid UTF-8");
        // Every cut at a line start decodes the same on two threads.
        for (cut, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
            let (head, tail) = bytes.split_at(cut + 1);
            assert_eq!(
                decode_two(head, tail, rest),
                Some(whole.clone()),
                "cut after {cut}"
            );
        }
        whole
    }

    fn by_table(bytes: &[u8]) -> bool {
        let mut out = vec![0u8; bound(bytes.len())];
        decode_bytes(bytes, table(), &mut out).0 == bytes.len()
    }

    #[test]
    fn every_pair_agrees_with_encoding_rs() {
        let mut covered = 0;
        for lead in 0x80..=0xFFu8 {
            for trail in 0x00..=0xFFu8 {
                let pair = [lead, trail];
                assert_eq!(fast(&pair).0, slow(&pair), "{lead:02X} {trail:02X}");
                covered += usize::from(by_table(&pair));
            }
        }
        // GBK's two-byte area: 126 leads × 190 trails, all of which decode to one character.
        assert_eq!(covered, 126 * 190);
    }

    #[test]
    fn chinese_text_goes_through_the_table() {
        let text =
            "《斗破》\r\n作者：某人\n　　第一章 陨落的天才\n“斗之力，三段！”——萧炎…… abc 123 ·°±§";
        let (bytes, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        assert!(by_table(&bytes));
        assert_eq!(fast(&bytes), (text.to_string(), false));
    }

    #[test]
    fn what_the_table_leaves_is_decoded_by_encoding_rs_in_place() {
        let four_byte = encoding_rs::GB18030.encode("𠀀").0.into_owned();
        assert_eq!(four_byte.len(), 4);
        let zh = encoding_rs::GBK
            .encode("第一章 山中\n他走进山里。\n")
            .0
            .into_owned();
        let cases: [&[u8]; 6] = [
            &four_byte,
            &[b'a', 0xB0],       // cut mid-character
            &[0x80],             // the euro sign of code page 936
            &[0xFF, 0x41],       // not a lead byte
            &[0xB0, 0x30],       // a digit after a lead byte: a broken four-byte start
            &[0xB0, 0x7F, 0x41], // DEL is not a trail byte
        ];
        for bad in cases {
            assert!(!by_table(bad), "{bad:02X?}");
            // Before, after and between good text, on either side of a line cut.
            for bytes in [
                [zh.as_slice(), bad].concat(),
                [bad, zh.as_slice()].concat(),
                [zh.as_slice(), bad, zh.as_slice(), bad, zh.as_slice()].concat(),
            ] {
                let (text, four) = fast(&bytes);
                assert_eq!(text, slow(&bytes), "{bytes:02X?}");
                assert_eq!(four, bad == four_byte.as_slice(), "{bytes:02X?}");
            }
        }
    }
}
