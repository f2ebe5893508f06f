//! The built-in `english` family (CHAPTER XII, BOOK/PART/EPOCH volumes, Roman-numeral titles,
//! PROLOGUE/EPILOGUE) and the English two-line headings: a bare `Chapter 1` or `XII` whose
//! title is on the next line, and a heading wrapped over two lines.
//!
//! It only reads the lines around a found heading; it never changes which family wins.

use super::rules::{Placement, RuleFamily, rule};
use super::shape::{english_paragraph_start, reads_as_sentence};
use super::{Found, line_at, next_line};

/// English numbers: Arabic, Roman, words.
const EN_NUM: &str = r"(?:\d+|[IVXLCDM]+|[ivxlcdm]+|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)))";

/// Longest title line that may sit under a bare heading or continue a wrapped one.
const SUBTITLE_MAX_CHARS: usize = 60;

pub(super) fn english() -> RuleFamily {
    // After the number: nothing, punctuation, or a title that does not start in lower case
    // (which would be prose: "Book two was better").
    let en_tail = r"(?:$|[.:]\s*.*|\s*[-—–]\s*.*|\s+[^a-z\s].*)";
    let mut roman_title = rule(
        "roman-title",
        r"^[IVXLC]{1,7}\.\s+[A-Z0-9“‘'][^a-z]{0,70}$",
        2,
        Placement::Fixed,
        "IVXLC",
        "",
        72,
    );
    roman_title.needs_evidence = true;
    let mut roman_alone = rule(
        "roman-alone",
        r"^[IVXLC]{1,7}\.?$",
        2,
        Placement::Fixed,
        "IVXLC",
        "",
        8,
    );
    roman_alone.needs_evidence = true;
    RuleFamily {
        name: "english".into(),
        markdown: false,
        rules: vec![
            rule(
                "book",
                &format!(
                    "^(?:BOOK|Book|PART|Part|VOLUME|Volume|VOL\\.|Vol\\.|EPOCH|Epoch)\\s+{EN_NUM}{en_tail}"
                ),
                1,
                Placement::Fixed,
                "BPVE",
                "",
                80,
            ),
            rule(
                "chapter",
                &format!("^(?:CHAPTER|Chapter|CHAP\\.|Chap\\.)\\s+{EN_NUM}{en_tail}"),
                2,
                Placement::Fixed,
                "C",
                "",
                80,
            ),
            rule(
                "matter",
                &format!(
                    "^(?:PROLOGUE|Prologue|EPILOGUE|Epilogue|PREFACE|Preface|FOREWORD|Foreword|AFTERWORD|Afterword|INTRODUCTION|Introduction){en_tail}"
                ),
                2,
                Placement::Floating,
                "PEFAI",
                "",
                60,
            ),
            roman_title,
            roman_alone,
        ],
    }
}

/// True when `title` is only a heading word and number (`Chapter 1`, `CHAPTER IV.`, `XII`,
/// `BOOK I.`): its title, if any, is on the next line.
fn is_bare(title: &str) -> bool {
    let t = title.trim_end_matches(['.', ':']);
    let mut words = t.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(n), None, None) => n.chars().all(|c| "IVXLC".contains(c)),
        (Some(w), Some(_), None) => matches!(
            w,
            "CHAPTER" | "Chapter" | "BOOK" | "Book" | "PART" | "Part" | "EPOCH" | "Epoch"
        ),
        _ => false,
    }
}

/// A line that may be a title under a bare heading: short, starts like a title, is a paragraph
/// of its own (a blank line or the end after it), and does not read as a sentence.
fn subtitle_like(line: &str) -> bool {
    let n = line.chars().count();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let has_lower = line.chars().any(|c| c.is_lowercase());
    n <= SUBTITLE_MAX_CHARS
        && (first.is_uppercase() || first.is_ascii_digit())
        && line.split_whitespace().count() <= 10
        && !line.ends_with([',', ';', ':'])
        && !(has_lower && line.ends_with(['.', '!', '?']))
        && !reads_as_sentence(line)
}

/// Give English headings their second line, and drop paragraph starts that only look like
/// headings (`BOOK I. (Folio), CHAPTER I. (Sperm Whale).—This whale…` wrapped at 70 columns).
pub(super) fn two_line_titles(
    text: &str,
    found: &mut Vec<Found>,
    is_heading: impl Fn(usize) -> bool,
) {
    found.retain(|h| {
        let line = line_at(text, h.start);
        !english_paragraph_start(line, next_line(text, h.start).map(|(_, l, _)| l))
    });
    for h in found.iter_mut() {
        let Some(title) = text.get(h.title.clone()) else {
            continue;
        };
        let Some((at, next, blanks)) = next_line(text, h.start) else {
            continue;
        };
        let after = next_line(text, at);
        let alone = after.is_none_or(|(_, _, b)| b > 0);
        if !alone || is_heading(at) {
            continue;
        }
        let range = at..at + next.len();
        if is_bare(title) {
            if blanks <= 2 && subtitle_like(next) {
                h.title2 = Some(range);
            }
        } else if blanks == 0 && wraps_on(title, next) {
            h.title2 = Some(range);
        }
    }
}

/// `CHAPTER 42. THE WHITENESS` ⏎ `OF THE WHALE.`: the heading does not end its sentence and the
/// next line, short and in the same case, finishes it.
fn wraps_on(title: &str, next: &str) -> bool {
    let upper =
        |s: &str| s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase());
    !title.ends_with(['.', '!', '?', ':'])
        && next.chars().count() <= 40
        && upper(title)
        && upper(next)
        && !reads_as_sentence(next)
}
