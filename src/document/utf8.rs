//! How bytes read as UTF-8: the fast check that turns a valid book into a `String` without a
//! copy, and the whole-file weighing that tells a UTF-8 book with damaged stretches from a
//! book in another encoding. Which encoding wins in the end is `decode`'s order of evidence;
//! nothing here decodes.

/// `bytes` as a `String` without copying, when they are valid UTF-8.
///
/// std's check runs at well under 1 GB/s on CJK text (about 150 ms for a 100 MB novel, most of
/// the time it takes to open one); simdutf8 checks the same bytes several times faster and
/// stops at the first bad sequence, so a GBK book is turned away at once.
pub(super) fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::compat::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: simdutf8 has just checked every byte of `bytes` (its `compat::from_utf8` accepts
    // exactly what `std::str::from_utf8` accepts), and `bytes` has not changed since.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// How bytes read as UTF-8: characters of two to four bytes that are valid, and sequences
/// that are not.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Tally {
    pub valid: usize,
    pub errors: usize,
}

impl Utf8Tally {
    /// Valid UTF-8 outweighs the damage: at least `UTF8_WEIGHT` valid multi-byte characters
    /// for each bad sequence. Text in GBK, Big5, Shift_JIS, EUC-KR or a single-byte encoding
    /// read as UTF-8 has a bad sequence for nearly every character, and at most one valid
    /// "character" for every five bad ones.
    pub fn is_utf8(self) -> bool {
        self.errors > 0 && self.valid >= self.errors.saturating_mul(UTF8_WEIGHT)
    }

    fn add(&mut self, other: Utf8Tally) {
        self.valid += other.valid;
        self.errors += other.errors;
    }
}

/// Valid multi-byte characters needed for each bad sequence (see `Utf8Tally::is_utf8`).
const UTF8_WEIGHT: usize = 2;
/// Windows the quick look at a large file takes, spread evenly over it, and their size.
const TALLY_WINDOWS: usize = 16;
const TALLY_WINDOW: usize = 4096;

/// Count valid multi-byte characters and bad sequences in `bytes`. A sequence cut off by the
/// end is not counted: the window (or the book) may end inside a character.
pub fn tally_utf8(bytes: &[u8]) -> Utf8Tally {
    let mut tally = Utf8Tally::default();
    let mut rest = bytes;
    loop {
        let (good, bad) = match simdutf8::compat::from_utf8(rest) {
            Ok(_) => (rest, None),
            Err(e) => (
                rest.get(..e.valid_up_to()).unwrap_or_default(),
                e.error_len(),
            ),
        };
        // Lead bytes of multi-byte characters: one per character.
        tally.valid += good.iter().filter(|&&b| b >= 0xC0).count();
        match bad {
            Some(len) => {
                tally.errors += 1;
                rest = rest.get(good.len() + len.max(1)..).unwrap_or_default();
            }
            None => return tally,
        }
    }
}

/// True when `bytes` (not valid UTF-8 as a whole) are a UTF-8 book with damage: the whole file
/// is weighed (see `Utf8Tally::is_utf8`), so a few foreign bytes, a GBK line or a Latin-1
/// header do not turn a UTF-8 book into gibberish. A large file is first looked at in windows
/// spread over it, so a GBK or Big5 book is turned away without counting every byte.
pub(super) fn mostly_utf8(bytes: &[u8]) -> bool {
    if bytes.len() > TALLY_WINDOWS * TALLY_WINDOW * 4 {
        let step = bytes.len() / TALLY_WINDOWS;
        let mut quick = Utf8Tally::default();
        for k in 0..TALLY_WINDOWS {
            let window = bytes
                .get(k * step..k * step + TALLY_WINDOW)
                .unwrap_or_default();
            // Start at a character start: skip continuation bytes.
            let from = window
                .iter()
                .position(|&b| !(0x80..0xC0).contains(&b))
                .unwrap_or(window.len());
            quick.add(tally_utf8(window.get(from..).unwrap_or_default()));
        }
        // Clearly not UTF-8 all through the book: no need to count the rest.
        if quick.errors >= 64 && quick.valid < quick.errors {
            return false;
        }
    }
    tally_utf8(bytes).is_utf8()
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode;
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let text = "第一章 开始\n这是一本用 UTF-8 写的书，中间坏了一个字节。\n".repeat(30);
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(200, 0xFF);
        bytes.truncate(bytes.len() - 2); // cut inside the last 。
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("第一章 开始\n这是"));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        // GBK is not "nearly UTF-8".
        let (gbk, _, _) = GBK.encode(&text);
        assert!(!mostly_utf8(&gbk));
    }

    #[test]
    fn a_small_utf8_file_with_one_damaged_spot_stays_utf8() {
        // About 6 KB of Chinese with a burst of nine bad bytes in one place: more than one
        // per thousand bytes, yet plainly a UTF-8 book (windows-1252 would garble all of it).
        let text = "第一章 开始\n这是一本用 UTF-8 写的书，中间坏了一段。\n".repeat(80);
        let mut bytes = text.as_bytes().to_vec();
        let at = (3000..).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        for i in 0..9 {
            bytes.insert(at + i, 0xFF);
        }
        assert!(bytes.len() < 9000);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("第一章 开始\n这是"));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 9);
        // Windows-1252 prose with a few accented letters is still not UTF-8.
        let prose = "Café, naïve résumé. ".repeat(20);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&prose);
        assert!(!mostly_utf8(&latin));
    }

    #[test]
    fn the_whole_file_is_weighed() {
        // A large UTF-8 book with a 20 KB GBK stretch where the quick look falls: the quick
        // look sees damage, the whole file says UTF-8.
        let zh = "第一章 山中\n　　他走进山里，看见一条小河。河水很清，鱼在游。\n";
        let mut bytes = zh.repeat(12_000).into_bytes();
        let gbk = GBK.encode(&zh.repeat(400)).0.into_owned();
        assert!(gbk.len() > 20_000 && bytes.len() > TALLY_WINDOWS * TALLY_WINDOW * 4);
        let at = bytes.len() / TALLY_WINDOWS * 3;
        let at = (at..).find(|&i| bytes[i] == b'\n').unwrap() + 1;
        bytes.splice(at..at, gbk.iter().copied());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with(zh) && d.text.ends_with(zh));
        // Half the book in GBK is not damage: the guess goes to the legacy encodings.
        let half = [&gbk.repeat(40)[..], zh.repeat(6000).as_bytes()].concat();
        assert!(!mostly_utf8(&half));
        // Counting: a cut last character is not a bad sequence; a stray byte is.
        assert_eq!(
            tally_utf8("中文".as_bytes().split_last().unwrap().1),
            Utf8Tally {
                valid: 1,
                errors: 0
            }
        );
        assert_eq!(
            tally_utf8(b"\xE4\xB8\xAD\xFFa\xC3\xA9"),
            Utf8Tally {
                valid: 2,
                errors: 1
            }
        );
    }
}
