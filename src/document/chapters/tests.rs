//! Unit tests of chapter detection on small books written in place.

use super::rules::never;
use super::*;
use regex::Regex;

fn titles(text: &str) -> Vec<(u8, String)> {
    split(text, "book", RuleSet::builtin(), false)
        .chapters
        .into_iter()
        .map(|c| (c.level, c.title))
        .collect()
}

fn is_heading(line: &str) -> bool {
    let text = format!("开头一段。\n{line}\n正文。\n");
    split(&text, "book", RuleSet::builtin(), false)
        .chapters
        .iter()
        .any(|c| c.heading && c.title == line.trim())
}

#[test]
fn builtin_patterns_compile() {
    for f in &RuleSet::builtin().families {
        for r in &f.rules {
            assert_ne!(
                r.pattern.as_str(),
                never().as_str(),
                "{}/{}",
                f.name,
                r.name
            );
            Regex::new(r.pattern.as_str()).unwrap();
        }
    }
}

#[test]
fn chinese_heading_shapes() {
    for h in [
        "第1章 开始",
        "第12章",
        "第１２章 全角",
        "第一百二十回 大结局",
        "第两千零一章 新的开始",
        "第〇章 零",
        "第壹章 财务数字",
        "第三节　全角空格",
        "第五回",
        "第二集 续",
        "第七篇 文",
        "第八话 话",
        "第八話 話",
        "第一章开始",
        "第十章：冒号",
        "【第一章】 括号",
        "【第一章】",
        "正文 第一章 开端",
        "第十二章 你是谁？",
    ] {
        assert!(is_heading(h), "{h}");
    }
}

#[test]
fn matter_words() {
    for h in [
        "序",
        "序章",
        "序言",
        "楔子",
        "引子",
        "前言",
        "尾声",
        "尾聲",
        "终章",
        "終章",
        "后记",
        "後記",
        "番外",
        "番外一 旧事",
        "序章 开端",
        "正文",
        "番外篇",
        "序言",
        "引言",
    ] {
        assert!(is_heading(h), "{h}");
    }
}

#[test]
fn traps_are_not_headings() {
    for t in [
        "第一次见面的时候，他还是个孩子。",
        "第三天清晨，雾很大。",
        "一是产业兴旺。",
        "第一章的内容很长，我们慢慢读完它吧。",
        "第五章说的是一个很长很长很长很长很长很长很长很长很长很长很长很长很长的故事情节",
        "序幕拉开了，人们走进来。",
        "前言不搭后语",
        "He said the chapter of accidents was long.",
        "Chapter and verse, she said, was all she knew.",
        "Part of the problem was the weather.",
        "Book two was better, said the critic, and he meant it.",
    ] {
        assert!(!is_heading(t), "{t}");
    }
}

#[test]
fn english_heading_shapes() {
    for h in [
        "CHAPTER I.",
        "CHAPTER XLII",
        "Chapter 12",
        "Chapter Twelve",
        "Chapter Twenty-One",
        "Chapter 3: The Road",
        "CHAPTER IV. THE RABBIT SENDS IN A LITTLE BILL",
        "BOOK II",
        "PART ONE",
        "Part 2 — Later",
        "PROLOGUE",
        "Epilogue",
    ] {
        assert!(is_heading(h), "{h}");
    }
}

#[test]
fn volumes_hold_chapters() {
    let text = "第一卷 起\n第一章 甲\n正文。\n第二章 乙\n正文。\n卷二 承\n第三章 丙\n正文。\n";
    assert_eq!(
        titles(text),
        vec![
            (1, "第一卷 起".into()),
            (2, "第一章 甲".into()),
            (2, "第二章 乙".into()),
            (1, "卷二 承".into()),
            (2, "第三章 丙".into()),
        ]
    );
}

#[test]
fn sections_sit_under_chapters() {
    let text = "第一章 甲\n第一节 子\n正文。\n第二节 丑\n正文。\n第二章 乙\n正文。\n";
    assert_eq!(
        titles(text),
        vec![
            (1, "第一章 甲".into()),
            (2, "第一节 子".into()),
            (2, "第二节 丑".into()),
            (1, "第二章 乙".into()),
        ]
    );
    let only = "第一节 子\n正文。\n第二节 丑\n正文。\n";
    assert_eq!(
        titles(only),
        vec![(1, "第一节 子".into()), (1, "第二节 丑".into())]
    );
}

#[test]
fn volume_shapes() {
    for h in [
        "第一卷",
        "第一卷风起",
        "第1卷 风起",
        "卷二 云涌",
        "卷三",
        "第二部 新篇",
        "第三部分",
    ] {
        let text = format!("{h}\n第一章 甲\n正文。\n");
        assert_eq!(titles(&text).first(), Some(&(1, h.to_string())), "{h}");
    }
    for t in ["第一部电影很好看", "卷起千堆雪"] {
        assert!(!is_heading(t), "{t}");
    }
}

#[test]
fn chapters_without_volumes_are_top_level() {
    let text = "楔子\n往事。\n第一章 甲\n正文。\n第二章 乙\n正文。\n尾声\n完。\n";
    assert_eq!(
        titles(text),
        vec![
            (1, "楔子".into()),
            (1, "第一章 甲".into()),
            (1, "第二章 乙".into()),
            (1, "尾声".into()),
        ]
    );
}

#[test]
fn front_matter_is_a_chapter() {
    let text = "《山河》\n作者：某人\n\n第一章 起\n正文。\n";
    let s = split(text, "file", RuleSet::builtin(), false);
    assert_eq!(s.title, "山河");
    assert_eq!(s.chapters.len(), 2);
    assert_eq!(s.chapters[0].title, "山河");
    assert!(!s.chapters[0].heading);
    assert_eq!(s.chapters[1].range.start, text.find("第一章").unwrap());
}

#[test]
fn blank_front_matter_is_folded_in() {
    let text = "\n\n第一章 起\n正文。\n第二章 承\n";
    let s = split(text, "file", RuleSet::builtin(), false);
    assert_eq!(s.chapters.len(), 2);
    assert_eq!(s.chapters[0].range.start, 0);
    assert_eq!(s.title, "file");
}

#[test]
fn markdown_headings_in_md_files() {
    let text = "# Title\n\nintro\n\n## One\n\ntext\n\n```\n# not a heading\n```\n\n### Deep\n";
    let s = split(text, "file", RuleSet::builtin(), true);
    assert_eq!(s.rule, "markdown");
    let got: Vec<_> = s
        .chapters
        .iter()
        .map(|c| (c.level, c.title.as_str()))
        .collect();
    assert_eq!(got, vec![(1, "Title"), (2, "One"), (3, "Deep")]);
    assert_eq!(s.title, "Title");
}

#[test]
fn a_contents_list_is_front_matter() {
    let text = "《书》\n目录\n第一章 甲\n第二章 乙\n\n第一章 甲\n正文。\n第二章 乙\n正文。\n";
    let s = split(text, "x", RuleSet::builtin(), false);
    let got: Vec<_> = s.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(got, ["书", "第一章 甲", "第二章 乙"]);
    assert_eq!(s.chapters[1].range.start, text.rfind("第一章").unwrap());
}

#[test]
fn no_headings_cut_into_parts() {
    let para = "这是一段没有标题的文字，用来测试分段。\n".repeat(2000);
    let s = split(&para, "无题", RuleSet::builtin(), false);
    assert!(s.chapters.len() > 3);
    for (i, c) in s.chapters.iter().enumerate() {
        assert_eq!(c.title, format!("无题 ({})", i + 1));
        assert!(c.range.len() <= PART_BYTES * 2);
        assert!(para[..c.range.end].ends_with('\n'));
    }
}

#[test]
fn a_huge_chapter_stays_one_chapter() {
    let text = format!(
        "第一章 长\n{}第二章 短\n正文。\n",
        "很长的段落。\n".repeat(30_000)
    );
    let s = split(&text, "x", RuleSet::builtin(), false);
    let got: Vec<_> = s.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(got, ["第一章 长", "第二章 短"]);
    assert!(s.chapters.iter().all(|c| c.heading));
}
