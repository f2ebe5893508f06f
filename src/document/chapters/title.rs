//! The book's title from the text before its first heading: a 《…》 line, a `Title:` /
//! `书名：` line, else the first short line that is not an author line, a site advertisement
//! or a URL.
//!
//! Reads the front text only; never looks at headings.

use super::shape::reads_as_sentence;

/// Lines that name something other than the book: authors, sites, uploaders.
const NOT_TITLES: &[&str] = &[
    "作者",
    "作 者",
    "Author:",
    "本书由",
    "本書由",
    "整理",
    "更多精彩",
    "更多好书",
    "下载",
    "下載",
    "http",
    "www.",
    ".com",
    ".net",
    ".org",
    "小说网",
    "小說網",
    "书友",
    "書友",
    "首发",
    "首發",
    "请记住",
    "請記住",
    "内容简介",
    "內容簡介",
    "简介",
    "簡介",
    "目录",
    "目錄",
    "CONTENTS",
    "Contents",
    "版权",
    "版權",
    "声明",
    "聲明",
    "txt",
    "TXT",
    "手机",
    "手機",
];

/// A contents header line (目录, CONTENTS): never a title, and names a contents page.
pub(super) fn is_contents_header(line: &str) -> bool {
    let l = line.trim().trim_end_matches(['.', ':', '：']);
    matches!(
        l,
        "目录"
            | "目錄"
            | "目 录"
            | "目　录"
            | "CONTENTS"
            | "Contents"
            | "TABLE OF CONTENTS"
            | "Table of Contents"
    )
}

/// The title found in `front`, if any.
pub(super) fn book_title(front: &str) -> Option<String> {
    let lines = || {
        front
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(12)
    };
    for l in lines() {
        if let Some(inner) = l.strip_prefix('《').and_then(|r| r.strip_suffix('》'))
            && !inner.is_empty()
            && !inner.contains(['《', '》'])
        {
            return Some(inner.trim().to_string());
        }
        if let Some(t) = ["Title:", "书名：", "書名：", "书名:", "書名:"]
            .iter()
            .find_map(|p| l.strip_prefix(p))
            .map(|t| {
                t.trim()
                    .trim_start_matches('《')
                    .trim_end_matches('》')
                    .trim()
            })
            && !t.is_empty()
        {
            return Some(t.to_string());
        }
    }
    lines()
        .filter(|l| !NOT_TITLES.iter().any(|n| l.contains(n)) && !is_contents_header(l))
        .filter(|l| !l.starts_with("by ") && !l.starts_with("By "))
        .find(|l| l.chars().count() <= 50 && !reads_as_sentence(l) && !l.ends_with(['。', '.']))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_prefixes_and_adverts() {
        let front = "更多精彩小说，请访问 www.example.com\n本书由书友整理上传\n\n书名：山居笔记\n作者：某人\n";
        assert_eq!(book_title(front).as_deref(), Some("山居笔记"));
        let front = "本书由书友整理上传\n作者：某人\n山居笔记\n";
        assert_eq!(book_title(front).as_deref(), Some("山居笔记"));
        let front = "by Someone\n\nStand by Me\n";
        assert_eq!(book_title(front).as_deref(), Some("Stand by Me"));
    }
}
