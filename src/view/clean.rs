//! Finding scrape artifacts: pinyin annotations after Han characters and HTML leftovers.
//!
//! Owns the two recognisers and their counts (`kanshu info`). It only reports byte ranges and
//! what each range should show instead; the clean view (`view::build`) applies them to what is
//! displayed, never to the file. Precision matters more than recall here: a reader must never lose
//! real text, so anything ambiguous (toneless pinyin such as 的(de), English glosses, numbered
//! items) is left alone.

use std::ops::Range;

use super::convert::is_han;

/// What kind of artifact a range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// A bracketed pinyin syllable after a Han character: the `(zhàn)` of 戰(zhàn).
    Annotation,
    /// An HTML tag or entity left over from the web page (`</p>`, `&nbsp;`, the mojibake `?/p>`).
    Leftover,
}

/// One artifact: the bytes to hide and what to show in their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub range: Range<usize>,
    pub kind: ArtifactKind,
    /// The character an entity stands for; `None` when the range is simply removed.
    pub replacement: Option<char>,
}

/// How many artifacts a text has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArtifactCounts {
    pub annotations: usize,
    pub leftovers: usize,
}

impl ArtifactCounts {
    pub fn total(&self) -> usize {
        self.annotations + self.leftovers
    }
}

/// The artifact starting exactly at byte `at` of `text`, if any. `at` must be a char boundary;
/// anything else returns `None`.
pub fn artifact_at(text: &str, at: usize) -> Option<Artifact> {
    let rest = text.get(at..)?;
    let first = rest.chars().next()?;
    match first {
        '(' | '（' => annotation_at(text, at),
        '<' | '?' => tag_at(rest).map(|len| Artifact {
            range: at..at + len,
            kind: ArtifactKind::Leftover,
            replacement: None,
        }),
        '&' => entity_at(rest).map(|(len, c)| Artifact {
            range: at..at + len,
            kind: ArtifactKind::Leftover,
            replacement: Some(c),
        }),
        _ => None,
    }
}

/// Every artifact of `text`, in order, never overlapping.
pub fn find_artifacts(text: &str) -> Vec<Artifact> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match next_candidate(text, i) {
            Some(at) => match artifact_at(text, at) {
                Some(a) => {
                    i = a.range.end;
                    out.push(a);
                }
                None => i = at + 1,
            },
            None => break,
        }
    }
    out
}

/// Count annotations and leftovers (for `kanshu info` and the reader's hint).
pub fn count_artifacts(text: &str) -> ArtifactCounts {
    count_artifacts_outside(text, &[])
}

/// Count the annotations and leftovers that start outside every range of `skip` (what a book
/// shows as code quotes such things on purpose).
pub fn count_artifacts_outside(text: &str, skip: &[Range<usize>]) -> ArtifactCounts {
    let mut counts = ArtifactCounts::default();
    for a in find_artifacts(text) {
        if skip.iter().any(|r| r.contains(&a.range.start)) {
            continue;
        }
        match a.kind {
            ArtifactKind::Annotation => counts.annotations += 1,
            ArtifactKind::Leftover => counts.leftovers += 1,
        }
    }
    counts
}

/// Byte index of the next byte at or after `from` that can start an artifact. Every candidate
/// starts with an ASCII byte or the first byte of `（` (EF BC 88), so scanning bytes is safe.
pub(crate) fn next_candidate(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'<' | b'&' | b'?' => return Some(i),
            0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBC, 0x88]) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn annotation_at(text: &str, open: usize) -> Option<Artifact> {
    let before = text.get(..open)?.chars().next_back()?;
    if !is_han(before) {
        return None;
    }
    let rest = text.get(open..)?;
    let open_len = rest.chars().next()?.len_utf8();
    let inner_start = open_len;
    let mut inner_end = None;
    for (i, c) in rest[inner_start..].char_indices() {
        if c == ')' || c == '）' {
            inner_end = Some((inner_start + i, c.len_utf8()));
            break;
        }
        // A syllable is at most six letters (zhuang, shuang); give up early on prose.
        if i > 12 || !is_pinyin_letter(c) {
            return None;
        }
    }
    let (end, close_len) = inner_end?;
    if !is_toned_syllable(&rest[inner_start..end]) {
        return None;
    }
    Some(Artifact {
        range: open..open + end + close_len,
        kind: ArtifactKind::Annotation,
        replacement: None,
    })
}

const TONED: [(char, char); 28] = [
    ('ā', 'a'),
    ('á', 'a'),
    ('ǎ', 'a'),
    ('à', 'a'),
    ('ē', 'e'),
    ('é', 'e'),
    ('ě', 'e'),
    ('è', 'e'),
    ('ī', 'i'),
    ('í', 'i'),
    ('ǐ', 'i'),
    ('ì', 'i'),
    ('ō', 'o'),
    ('ó', 'o'),
    ('ǒ', 'o'),
    ('ò', 'o'),
    ('ū', 'u'),
    ('ú', 'u'),
    ('ǔ', 'u'),
    ('ù', 'u'),
    ('ǖ', 'ü'),
    ('ǘ', 'ü'),
    ('ǚ', 'ü'),
    ('ǜ', 'ü'),
    ('ń', 'n'),
    ('ň', 'n'),
    ('ǹ', 'n'),
    ('ḿ', 'm'),
];

fn untone(c: char) -> Option<char> {
    TONED.iter().find(|(t, _)| *t == c).map(|(_, b)| *b)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü' || untone(c).is_some()
}

const INITIALS: [&str; 24] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "",
];

const FINALS: [&str; 40] = [
    "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "i", "ia", "ie",
    "iao", "iu", "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan", "un",
    "uang", "ueng", "ue", "ü", "üe", "üan", "ün", "n", "ng", "m",
];

/// One pinyin syllable with exactly one tone mark: `zhàn`, `lüè`, `ń`. Not `café`, not `de`.
pub fn is_toned_syllable(s: &str) -> bool {
    let mut tones = 0;
    let mut base = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(b) = untone(c) {
            tones += 1;
            base.push(b);
        } else if c.is_ascii_lowercase() || c == 'ü' {
            base.push(c);
        } else {
            return false;
        }
    }
    if tones != 1 || base.is_empty() {
        return false;
    }
    if base == "hm" || base == "hng" {
        return true;
    }
    INITIALS.iter().any(|ini| {
        base.strip_prefix(ini).is_some_and(|fin| {
            // n, ng and m are syllables on their own (ń, ňg, ḿ), never finals after an initial.
            FINALS.contains(&fin) && (ini.is_empty() || !matches!(fin, "n" | "ng" | "m"))
        })
    })
}

/// Length of an HTML tag leftover at the start of `s` (`</p>`, `<p>`, `<br>`, `<br/>`, `<br />`,
/// any case), or of the mojibake `?/p>` left when `</p>` went through a wrong decoder.
fn tag_at(s: &str) -> Option<usize> {
    const TAGS: [&str; 6] = ["</p>", "<p>", "<br>", "<br/>", "<br />", "?/p>"];
    let bytes = s.as_bytes();
    TAGS.iter()
        .find(|t| {
            bytes
                .get(..t.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(t.as_bytes()))
        })
        .map(|t| t.len())
}

/// An HTML entity at the start of `s`: its length and the character it stands for.
fn entity_at(s: &str) -> Option<(usize, char)> {
    const NAMED: [(&str, char); 15] = [
        ("&nbsp;", '\u{A0}'),
        ("&lsquo;", '‘'),
        ("&rsquo;", '’'),
        ("&ldquo;", '“'),
        ("&rdquo;", '”'),
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&hellip;", '…'),
        ("&mdash;", '—'),
        ("&ndash;", '–'),
        ("&middot;", '·'),
        ("&emsp;", '\u{3000}'),
    ];
    let bytes = s.as_bytes();
    if let Some((name, c)) = NAMED
        .iter()
        .find(|(name, _)| bytes.starts_with(name.as_bytes()))
    {
        return Some((name.len(), *c));
    }
    let rest = s.strip_prefix("&#")?;
    let (digits, radix, prefix) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (rest, 10, 2),
    };
    let len = digits
        .bytes()
        .take(8)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    if len == 0 || digits.as_bytes().get(len) != Some(&b';') {
        return None;
    }
    let value = u32::from_str_radix(&digits[..len], radix).ok()?;
    let c = char::from_u32(value)?;
    // An entity for a control or bidi/format character stays as written: decoding it would
    // hand the terminal something that moves the cursor or reorders the line.
    if c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
    {
        return None;
    }
    Some((prefix + len + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for a in find_artifacts(text) {
            out.push_str(&text[at..a.range.start]);
            if let Some(c) = a.replacement {
                out.push(c);
            }
            at = a.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn annotations_are_found_with_either_bracket() {
        assert_eq!(cleaned("攻堅戰(zhàn)全面"), "攻堅戰全面");
        assert_eq!(cleaned("生產（chǎn）力"), "生產力");
        assert_eq!(cleaned("產(chǎn）與發（fā)"), "產與發");
        assert_eq!(cleaned("略(lüè)"), "略");
        assert_eq!(cleaned("嗯(ń)"), "嗯");
        let counts = count_artifacts("戰(zhàn)業(yè)</p>");
        assert_eq!(counts.annotations, 2);
        assert_eq!(counts.leftovers, 1);
    }

    #[test]
    fn look_alikes_are_left_alone() {
        for text in [
            "苹果(apple)",
            "咖啡(café)",
            "第一章(上)",
            "见图(a)",
            "张三(Zhang San)",
            "温度(25℃)",
            "的(de)",
            "see (zhàn)",
            "P(guān)",
            "戰(zhàn",
            "戰(zhànzhàn)",
            "戰(ZHÀN)",
            "(zhàn)",
            "a?b",
            "AT&T",
            "&#27;",
            "&#x202E;",
            "&#65279;",
            "&#;",
            "x < y",
        ] {
            assert_eq!(cleaned(text), text, "{text}");
            assert_eq!(count_artifacts(text).total(), 0, "{text}");
        }
    }

    #[test]
    fn html_leftovers_become_their_characters() {
        assert_eq!(cleaned("一段。</p>"), "一段。");
        assert_eq!(cleaned("甲<br>乙<BR/>丙<br />丁<p>"), "甲乙丙丁");
        assert_eq!(cleaned("不能放松?!?/p>"), "不能放松?!");
        assert_eq!(cleaned("&ldquo;好&rdquo;&lsquo;坏&rsquo;"), "“好”‘坏’");
        assert_eq!(cleaned("a&nbsp;b"), "a\u{A0}b");
        assert_eq!(cleaned("&lt;&gt;&amp;&quot;"), "<>&\"");
        assert_eq!(cleaned("&#20013;&#x6587;"), "中文");
    }

    #[test]
    fn syllables() {
        for ok in [
            "zhàn", "chǎn", "fā", "ǎi", "é", "lüè", "nǚ", "xiōng", "shuāng", "ḿ", "ňg",
        ] {
            assert!(is_toned_syllable(ok), "{ok}");
        }
        for bad in ["café", "de", "zhan", "zhànà", "bń", "xyzā", "apple", ""] {
            assert!(!is_toned_syllable(bad), "{bad}");
        }
    }
}
