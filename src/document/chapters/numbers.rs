//! Chapter numbers as the book prints them: 第37章, 第三十七回, CHAPTER XXXVII, Chapter 37 →
//! 37; and the numbering of a whole book (`numbering`): the chapters are the entries at the
//! level that holds 第N章 (not the 卷 above nor the 节 below), and a book that does not number
//! its chapters counts them, leaving out front and back matter and volumes.
//!
//! Reads only chapter titles, levels and `heading` flags; computed on demand (a pass over the
//! contents), never stored in `Chapter`. Knows nothing of keys, screens or commands: the reader
//! and the command line ask `ChapterNumbers::find` where `:37` or `:2.1` goes.

use crate::document::Chapter;

/// The number a heading title prints, if it prints one (`第37章`, `第三十七回`, `CHAPTER
/// XXXVII`, `Chapter 37`, `37. Title`). Volume words (第二卷) count too: a volume's number.
pub fn number_in_title(title: &str) -> Option<u32> {
    let t = title.trim();
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || c.is_numeric() || is_hanzi_digit(*c))
            .collect();
        let after = rest[digits.len()..].chars().next()?;
        if !"章回节節集话話卷部册冊篇幕季".contains(after) {
            return None;
        }
        return parse_digits(&digits).or_else(|| hanzi_value(&digits));
    }
    let mut words = t.split_whitespace();
    let first = words.next()?;
    let lower = first.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "chapter" | "chap." | "book" | "part" | "volume" | "vol." | "letter"
    ) {
        let n = words.next()?.trim_end_matches(['.', ':', ',']);
        return parse_digits(n).or_else(|| roman_value(n));
    }
    // "37. Title", "37 Title", "37": a leading number.
    let n = first.trim_end_matches(['.', ':', '、']);
    if n.len() <= 5 {
        return parse_digits(n);
    }
    None
}

fn is_hanzi_digit(c: char) -> bool {
    "零〇一二三四五六七八九十百千两兩".contains(c)
}

/// ASCII or full-width digits.
fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut v: u32 = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(v)
}

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let mut vals = Vec::with_capacity(s.len());
    for c in s.chars() {
        vals.push(match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        });
    }
    let mut total: i64 = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

fn hanzi_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => 0,
        };
        if unit > 0 {
            total += current.max(1) * unit;
            current = 0;
            continue;
        }
        current = match c {
            '零' | '〇' => 0,
            '两' | '兩' => 2,
            c => "零一二三四五六七八九".chars().position(|d| d == c)? as u32,
        };
    }
    Some(total + current)
}

/// The number of each chapter, as `:N` uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChapterNumbers {
    /// Per chapter: its number (printed, or counted when the book prints none).
    pub number: Vec<Option<u32>>,
    /// Per chapter: the volume it belongs to (an index into the chapters), if any.
    pub volume: Vec<Option<usize>>,
    /// Per chapter that is a volume: its number among the volumes (1-based).
    pub volume_number: Vec<Option<u32>>,
    /// The numbers are the book's own (else they are counted).
    pub printed: bool,
}

/// Where `:N` or `:V.N` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// This chapter; `others` more chapters carry the same number (in other volumes).
    Chapter { index: usize, others: usize },
    /// No chapter has that number.
    None,
}

/// Whether chapter `i` holds other entries below it.
fn has_children(chapters: &[Chapter], i: usize) -> bool {
    chapters
        .get(i + 1)
        .is_some_and(|n| n.level > chapters[i].level)
}

/// What a title's word says a division is: 第N章, 第N回, Chapter N (a chapter); 第N卷,
/// 第N部, 上部, Book N, Part N (a volume); 第N节 (a section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Division {
    Chapter,
    Volume,
    Section,
}

fn division(title: &str) -> Option<Division> {
    let t = title.trim();
    let kind = |c: char| {
        if "章回话話集幕".contains(c) {
            Some(Division::Chapter)
        } else if "卷部册冊篇季".contains(c) {
            Some(Division::Volume)
        } else if "节節".contains(c) {
            Some(Division::Section)
        } else {
            None
        }
    };
    if let Some(rest) = t.strip_prefix('第') {
        number_in_title(t)?;
        let after = rest
            .chars()
            .find(|c| !(c.is_ascii_digit() || c.is_numeric() || is_hanzi_digit(*c)))?;
        return kind(after);
    }
    // 上部, 下卷, 中册: a volume without a number.
    let mut chars = t.chars();
    if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next())
        && "上中下前后後".contains(a)
    {
        return kind(b).filter(|k| *k == Division::Volume);
    }
    number_in_title(t)?;
    let first = t.split_whitespace().next()?.to_ascii_lowercase();
    Some(match first.as_str() {
        "book" | "part" | "volume" | "vol." => Division::Volume,
        _ => Division::Chapter,
    })
}

/// The level that holds the chapters among `candidates`: the one whose titles say 第N章 /
/// Chapter N most often; else the level under the titles that name volumes; else the top
/// level, or the level under it when top entries hold others (volumes without names).
fn chapter_level(chapters: &[Chapter], candidates: &[usize]) -> u8 {
    let most = |want: Division| {
        let mut counts = std::collections::BTreeMap::<u8, usize>::new();
        for &i in candidates {
            if division(&chapters[i].title) == Some(want) {
                *counts.entry(chapters[i].level).or_default() += 1;
            }
        }
        // The most titles; among equals, the deeper level (the one above holds it).
        counts
            .into_iter()
            .max_by_key(|&(level, n)| (n, level))
            .map(|(level, _)| level)
    };
    if let Some(level) = most(Division::Chapter) {
        return level;
    }
    if let Some(level) = most(Division::Volume) {
        return level.saturating_add(1);
    }
    let top = candidates
        .iter()
        .map(|&i| chapters[i].level)
        .min()
        .unwrap_or(1);
    let volumes = candidates
        .iter()
        .any(|&i| chapters[i].level == top && has_children(chapters, i));
    if volumes { top + 1 } else { top }
}

/// The numbering of a book's chapters. The chapters are the entries at the chapter level
/// (see `chapter_level`: the level of 第N章 in a book of 卷, 章 and 节), leaving out front
/// and back matter (entries that are not headings); the entries above them that hold them
/// are volumes; sections below them get no number. A book numbers its chapters when at least
/// half of them print a number; otherwise they are counted 1, 2, 3 ….
pub fn numbering(chapters: &[Chapter]) -> ChapterNumbers {
    let n = chapters.len();
    let any_heading = chapters.iter().any(|c| c.heading);
    let candidates: Vec<usize> = (0..n)
        .filter(|&i| chapters[i].heading || !any_heading)
        .collect();
    let level = chapter_level(chapters, &candidates);
    let mut counted: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            let c = &chapters[i];
            c.level == level
                || (c.level < level
                    && !has_children(chapters, i)
                    && division(&c.title) == Some(Division::Chapter))
        })
        .collect();
    if counted.is_empty() {
        counted = candidates
            .iter()
            .copied()
            .filter(|&i| !has_children(chapters, i))
            .collect();
    }
    let printed_count = counted
        .iter()
        .filter(|&&i| number_in_title(&chapters[i].title).is_some())
        .count();
    let printed = !counted.is_empty() && printed_count * 2 >= counted.len();
    let mut number = vec![None; n];
    for (k, &i) in counted.iter().enumerate() {
        number[i] = if printed {
            number_in_title(&chapters[i].title)
        } else {
            u32::try_from(k + 1).ok()
        };
    }
    // Volumes: entries above the chapter level that hold others.
    let is_volume =
        |i: usize| has_children(chapters, i) && number[i].is_none() && chapters[i].level < level;
    let mut volume = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in chapters.iter().enumerate() {
        while stack.last().is_some_and(|&v| chapters[v].level >= c.level) {
            stack.pop();
        }
        volume[i] = stack.last().copied();
        if is_volume(i) {
            stack.push(i);
        }
    }
    let volumes: Vec<usize> = (0..n).filter(|&i| is_volume(i)).collect();
    let all_printed = volumes
        .iter()
        .all(|&i| number_in_title(&chapters[i].title).is_some());
    let mut volume_number = vec![None; n];
    for (k, &i) in volumes.iter().enumerate() {
        volume_number[i] = if all_printed {
            number_in_title(&chapters[i].title)
        } else {
            u32::try_from(k + 1).ok()
        };
    }
    ChapterNumbers {
        number,
        volume,
        volume_number,
        printed,
    }
}

impl ChapterNumbers {
    /// The volume number of chapter `i`'s volume.
    fn volume_of(&self, i: usize) -> Option<u32> {
        self.volume
            .get(i)
            .copied()
            .flatten()
            .and_then(|v| self.volume_number[v])
    }

    /// How many chapters carry number `n`.
    fn count(&self, n: u32) -> usize {
        self.number.iter().filter(|&&x| x == Some(n)).count()
    }

    /// The label `:N` takes for chapter `i`: `37`, or `2.1` where the number repeats across
    /// volumes. `None` for chapters without a number.
    pub fn label(&self, i: usize) -> Option<String> {
        let n = self.number.get(i).copied().flatten()?;
        match self.volume_of(i) {
            Some(v) if self.count(n) > 1 => Some(format!("{v}.{n}")),
            _ => Some(n.to_string()),
        }
    }

    /// The chapter `:N` (`volume` None) or `:V.N` names. Among repeats, the one in the volume
    /// of chapter `near` wins, else the first.
    pub fn find(&self, volume: Option<u32>, n: u32, near: usize) -> Found {
        let hits: Vec<usize> = (0..self.number.len())
            .filter(|&i| self.number[i] == Some(n))
            .filter(|&i| volume.is_none() || self.volume_of(i) == volume)
            .collect();
        let Some(&first) = hits.first() else {
            return Found::None;
        };
        let here = self.volume.get(near).copied().flatten();
        let index = hits
            .iter()
            .copied()
            .find(|&i| here.is_some() && self.volume[i] == here)
            .unwrap_or(first);
        Found::Chapter {
            index,
            others: hits.len() - 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(title: &str, level: u8, heading: bool) -> Chapter {
        Chapter {
            title: title.to_string(),
            level,
            range: 0..0,
            heading,
        }
    }

    #[test]
    fn titles_print_numbers() {
        assert_eq!(number_in_title("第37章 归来"), Some(37));
        assert_eq!(number_in_title("第三十七回 宝玉"), Some(37));
        assert_eq!(number_in_title("第一百零八章"), Some(108));
        assert_eq!(number_in_title("第２章"), Some(2));
        assert_eq!(number_in_title("CHAPTER XXXVII"), Some(37));
        assert_eq!(number_in_title("Chapter 12. The End"), Some(12));
        assert_eq!(number_in_title("第二卷 风起"), Some(2));
        assert_eq!(number_in_title("序章"), None);
        assert_eq!(number_in_title("第一次见面"), None);
        assert_eq!(number_in_title("The Chapter"), None);
        assert_eq!(number_in_title("Chapter Z"), None);
    }

    #[test]
    fn a_title_page_does_not_shift_the_count() {
        let mut chs = vec![ch("书名", 1, false)];
        for k in 1..=40 {
            chs.push(ch(&format!("第{k}章"), 1, true));
        }
        let nums = numbering(&chs);
        assert!(nums.printed);
        assert_eq!(
            nums.find(None, 37, 0),
            Found::Chapter {
                index: 37,
                others: 0
            }
        );
        assert_eq!(nums.label(0), None);
        // Unnumbered headings are counted from the first real one.
        let plain: Vec<Chapter> = std::iter::once(ch("Title page", 1, false))
            .chain((0..5).map(|k| ch(&format!("Gone {k}"), 1, true)))
            .collect();
        let nums = numbering(&plain);
        assert!(!nums.printed);
        assert_eq!(
            nums.find(None, 3, 0),
            Found::Chapter {
                index: 3,
                others: 0
            }
        );
    }

    #[test]
    fn chapters_are_numbered_above_their_sections() {
        // 卷 › 章 › 节: the 章 carry the numbers, the 卷 are volumes, the 节 get none.
        let mut chs = vec![ch("封面", 1, false)];
        for v in ["第一卷", "第二卷"] {
            chs.push(ch(v, 1, false));
            for c in ["第1章", "第2章"] {
                chs.push(ch(c, 2, false));
                chs.push(ch("第一节", 3, false));
                chs.push(ch("第二节", 3, false));
            }
        }
        let nums = numbering(&chs);
        assert_eq!(nums.label(2), Some("1.1".to_string()));
        assert_eq!(nums.label(3), None);
        assert_eq!(nums.label(12), Some("2.2".to_string()));
        assert_eq!(
            nums.find(None, 2, 0),
            Found::Chapter {
                index: 5,
                others: 1
            }
        );
        // 章 › 节 without volumes: the 章 are chapters 1 and 2.
        let chs = vec![
            ch("第一章 雨", 1, false),
            ch("一", 2, false),
            ch("二", 2, false),
            ch("第二章 雪", 1, false),
            ch("一", 2, false),
        ];
        let nums = numbering(&chs);
        assert_eq!(nums.label(3), Some("2".to_string()));
        assert_eq!(nums.label(1), None);
        // Unnumbered chapters under named parts are counted under the parts.
        let chs = vec![
            ch("上部", 1, false),
            ch("雨", 2, false),
            ch("风", 2, false),
            ch("下部", 1, false),
            ch("雪", 2, false),
        ];
        let nums = numbering(&chs);
        assert_eq!(
            nums.find(None, 3, 0),
            Found::Chapter {
                index: 4,
                others: 0
            }
        );
        assert_eq!(nums.volume_number[3], Some(2));
    }

    #[test]
    fn repeats_across_volumes_take_the_volume() {
        let chs = vec![
            ch("第一卷", 1, true),
            ch("第1章", 2, true),
            ch("第2章", 2, true),
            ch("第二卷", 1, true),
            ch("第1章", 2, true),
            ch("第2章", 2, true),
        ];
        let nums = numbering(&chs);
        assert_eq!(nums.label(4), Some("2.1".to_string()));
        assert_eq!(nums.label(0), None);
        assert_eq!(
            nums.find(Some(2), 1, 0),
            Found::Chapter {
                index: 4,
                others: 0
            }
        );
        // Without a volume: the one in the reader's volume, else the first.
        assert_eq!(
            nums.find(None, 2, 5),
            Found::Chapter {
                index: 5,
                others: 1
            }
        );
        assert_eq!(
            nums.find(None, 2, 0),
            Found::Chapter {
                index: 2,
                others: 1
            }
        );
        assert_eq!(nums.find(None, 9, 0), Found::None);
    }
}
