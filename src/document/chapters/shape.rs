//! Does a heading-shaped line read as a sentence? Judged by shape — length, where the
//! punctuation sits, what follows the number — not by refusing every ，？！: real titles hold
//! them (`第一回：宴桃園豪傑三結義，斬黃巾英雄首立功`, `第十章 谁是凶手？`).
//!
//! Pure functions of one or two lines; no rule or family knowledge.

/// Characters that, glued right after 第N章, start a clause rather than a title
/// (`第一章的内容…`, `第二回中…`).
const CLAUSE_STARTS: &str = "的地得了是在中里还就也都又再已而和与被把让给对向从时后，";
/// A couplet half or a short clause of a title is at most this many characters.
const TITLE_PIECE_CHARS: usize = 12;

/// True when a candidate line reads as a sentence rather than a heading.
pub(crate) fn reads_as_sentence(line: &str) -> bool {
    let chars = line.chars().count();
    if line.contains(['。', '；']) {
        return true;
    }
    if line.ends_with([',', ';', '、', '：', '，']) {
        return true;
    }
    if glued_clause(line) {
        return true;
    }
    // A couplet title has one comma between two short halves (two at most); a sentence has
    // more, or long pieces.
    if line.contains('，') {
        let commas = line.matches('，').count();
        let long_piece = without_number(line)
            .split(['，', '！', '？'])
            .any(|p| p.chars().count() > TITLE_PIECE_CHARS);
        if commas > 2 || long_piece || chars > 40 {
            return true;
        }
    }
    // ！？ may end a short title or sit inside one; a long line with them is speech.
    let body = line.trim_end_matches(['！', '？', '!', '?', '…', '”', '」', '』']);
    if body.contains(['！', '？']) && chars > 24 {
        return true;
    }
    if line.ends_with(['！', '？']) && chars > 30 {
        return true;
    }
    english_sentence(line)
}

fn english_sentence(line: &str) -> bool {
    if line.split_whitespace().count() > 14 || (line.is_ascii() && line.matches(", ").count() >= 2)
    {
        return true;
    }
    // "BOOK I. (Folio), CHAPTER I. (Sperm Whale).—This whale…": a dash into running prose.
    if line.contains(".—") || line.contains(".--") {
        return true;
    }
    // Two heading words on one line are a citation in a sentence, not a heading.
    let upper = line.to_ascii_uppercase();
    ["BOOK ", "CHAPTER ", "PART "]
        .iter()
        .filter(|w| upper.contains(*w))
        .count()
        >= 2
}

/// `第一章的…`: a clause word glued to the number's unit.
fn glued_clause(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let mut chars = rest
        .chars()
        .skip_while(|c| is_number_char(*c) || *c == ' ' || *c == '　');
    let unit = chars.next();
    let after = chars.next();
    matches!(unit, Some(u) if "章回节節卷部集篇话話幕折季".contains(u))
        && after.is_some_and(|c| CLAUSE_STARTS.contains(c))
}

/// The line without a leading 第N章 and the separator after it.
fn without_number(line: &str) -> &str {
    let Some(rest) = line.strip_prefix('第') else {
        return line;
    };
    let rest = rest.trim_start_matches(|c: char| is_number_char(c) || c == ' ' || c == '　');
    match rest.strip_prefix(|c: char| "章回节節卷部集篇话話幕折季".contains(c)) {
        Some(r) => r.trim_start_matches([' ', '　', ':', '：', '、', '.', '．', '·']),
        None => line,
    }
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇○一二两兩三四五六七八九十百千万萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟".contains(c)
}

/// A title with ，？！ in it that sits right under a line ending mid-sentence is the wrapped
/// rest of that sentence (`…且聽下` ⏎ `第三回，便知端的`), not a heading: what comes before it
/// decides.
pub(crate) fn continues_sentence(prev: Option<&str>, title: &str) -> bool {
    let Some(prev) = prev.map(str::trim_end) else {
        return false;
    };
    title.contains(['，', '？', '！'])
        && prev.chars().count() >= 10
        && !prev.ends_with([
            '。', '！', '？', '」', '』', '”', '…', '—', '）', ')', '】', '!', '?', '.', '：', ':',
        ])
}

/// A heading-shaped line that is the first line of a hard-wrapped English paragraph: long, and
/// the next line follows it directly with more prose.
pub(crate) fn english_paragraph_start(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next else {
        return false;
    };
    line.is_ascii()
        && line.chars().count() >= 55
        && next.chars().count() >= 40
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_punctuation() || c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_sentence_is_not_a_title() {
        let t = "第三回：花果山群妖聚義，東海龍王獻寶";
        assert!(continues_sentence(
            Some("　　那猴王到底如何，諸位看官若要知道，請看"),
            t
        ));
        assert!(!continues_sentence(
            Some("　　畢竟不知那猴王如何，且聽下回分解。"),
            t
        ));
        assert!(!continues_sentence(None, t));
        assert!(!continues_sentence(
            Some("求收藏求推荐票各位读者"),
            "第三章 新的开始"
        ));
    }

    #[test]
    fn titles_with_punctuation_are_not_sentences() {
        for t in [
            "第一回：宴桃園豪傑三結義，斬黃巾英雄首立功",
            "第二回 悟徹菩提真妙理，斷魔歸本合元神",
            "第十章 谁是凶手？",
            "第十一章 原来是你！",
            "第三章 什么？他还活着！",
            "I. A SCANDAL IN BOHEMIA",
        ] {
            assert!(!reads_as_sentence(t), "{t}");
        }
    }

    #[test]
    fn sentences_are_sentences() {
        for t in [
            "第一章的内容很长，我们慢慢读完它吧",
            "第三回，便知端的",
            "第一次见面的时候，他还是个孩子。",
            "第一幕 雨夜，他来了，她走了，谁也没有回头",
            "第二章 他们走了很远很远的路，一直走到天黑也没有停下来歇一歇",
            "BOOK I. (Folio), CHAPTER I. (Sperm Whale).—This whale",
            "Chapter and verse, she said, was all she knew.",
        ] {
            assert!(reads_as_sentence(t), "{t}");
        }
    }
}
