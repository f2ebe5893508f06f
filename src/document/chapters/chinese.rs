//! The built-in Chinese families: `chinese` (第…章/回/卷/季, 卷一‧…, matter words, omnibus
//! title lines), `bracketed` (…【篇一】), and the numbered families Chinese TXT sites produce
//! (`1、标题`, `一、标题`, `☆、标题`, `标题(12)`, bare numbers), which need the book's evidence.
//!
//! Only patterns and levels live here: whether a line reads as a sentence is `shape`'s call,
//! whether a numbered shape is trusted is `evidence`'s.

use super::rules::{HeadingRule, Placement, RuleFamily, TitleShape, rule};

/// Characters of Chinese numbers used in headings: Arabic, full-width, Chinese, financial.
pub(super) const NUM: &str =
    "[0-9０-９零〇○一二两兩三四五六七八九十百千万萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]";
/// What may sit between a heading's number and its title (‧ · ・ • are the dots of 卷一‧周文).
const SEP: &str = r"[\s:：、.．·‧・•\-—_]";
const SEP_CHARS: &str = r"\s:：、.．·‧・•\-—_";

/// Levels before renumbering: an omnibus book holds seasons, a season volumes, a volume
/// chapters, a chapter sections.
pub(super) const OMNIBUS: u8 = 1;
const SEASON: u8 = 2;
const VOLUME: u8 = 3;
const CHAPTER: u8 = 4;
const SECTION: u8 = 5;

/// Name of the rule for omnibus title lines (《书名》 alone on a line).
pub(super) const OMNIBUS_RULE: &str = "omnibus-title";
/// Name of the rule for 上部/下部 lines, kept only in an omnibus file.
pub(super) const OMNIBUS_PART_RULE: &str = "omnibus-part";

pub(super) fn chinese() -> RuleFamily {
    let open = "[【\\[〖]?";
    let close = "[】\\]〗]?";
    let tail = format!("(?:{SEP}.*|[^{SEP_CHARS}].{{0,30}})?$");
    let mut inline = rule(
        "chapter-with-text",
        &format!(
            "^((?:{open}第[ 　]*{NUM}+[ 　]*[章回]{close})(?:[ 　]+[^\\s，。！？；：、“”「」]{{2,16}}){{1,2}})[ 　]+\\S.{{12,}}"
        ),
        CHAPTER,
        Placement::Fixed,
        "第【[〖",
        "",
        40,
    );
    inline.title = TitleShape::Group;
    inline.inline = true;
    RuleFamily {
        name: "chinese".into(),
        markdown: false,
        rules: vec![
            // 第一集 第三章 …: the chapter line names its 集/部/卷 too; it is a chapter.
            rule(
                "chapter-in-volume",
                &format!(
                    "^{open}第[ 　]*{NUM}+[ 　]*[集部卷]{close}[ 　:：·‧・.]*第[ 　]*{NUM}+[ 　]*[章回节節]{close}(?:$|{SEP}.*|[^{SEP_CHARS}].{{0,30}}$)"
                ),
                CHAPTER,
                Placement::Fixed,
                "第【[〖",
                "",
                50,
            ),
            rule(
                "season",
                &format!("^{open}第[ 　]*{NUM}+[ 　]*季{close}(?:$|{SEP}.*)"),
                SEASON,
                Placement::Fixed,
                "第【[〖",
                "",
                40,
            ),
            rule(
                "volume",
                &format!(
                    "^{open}(?:第[ 　]*{NUM}+[ 　]*卷{close}{tail}|(?:第[ 　]*{NUM}+[ 　]*部分?|卷[ 　]*{NUM}+){close}(?:$|{SEP}.*))"
                ),
                VOLUME,
                Placement::Fixed,
                "第卷【[〖",
                "",
                45,
            ),
            rule(
                "section",
                &format!("^{open}第[ 　]*{NUM}+[ 　]*[节節]{close}{tail}"),
                SECTION,
                Placement::Fixed,
                "第【[〖",
                "",
                45,
            ),
            rule(
                "chapter",
                &format!(
                    "^(?:正文[ 　]*)?{open}第[ 　]*{NUM}+[ 　]*[章回集篇话話幕折]{close}{tail}"
                ),
                CHAPTER,
                Placement::Fixed,
                "第正【[〖",
                "",
                45,
            ),
            inline,
            rule(
                "matter",
                &format!(
                    "^{open}(?:序|序章|序言|序幕|序曲|楔子|引子|引言|前言|正文|尾声|尾聲|终章|終章|后记|後記|後序|后序|番外篇?|外传|外傳|完本感言|跋)(?:[ 　]*{NUM}+)?{close}(?:$|{SEP}.*)"
                ),
                CHAPTER,
                Placement::Floating,
                "序楔引前正尾终終后後番外完跋【[〖",
                "",
                30,
            ),
            // 上部 / 下部 inside an omnibus book (only there: elsewhere such lines are text).
            rule(
                OMNIBUS_PART_RULE,
                &format!("^[上中下][部卷篇](?:$|{SEP}.*)"),
                VOLUME,
                Placement::Fixed,
                "上中下",
                "",
                30,
            ),
            // 《三体Ⅱ·黑暗森林》 alone on a line: a book of an omnibus (kept only when the file
            // holds several, each followed by headings of its own).
            rule(
                OMNIBUS_RULE,
                "^《[^《》]{1,30}》$",
                OMNIBUS,
                Placement::Fixed,
                "《",
                "》",
                32,
            ),
        ],
    }
}

pub(super) fn bracketed() -> RuleFamily {
    RuleFamily {
        name: "bracketed".into(),
        markdown: false,
        rules: vec![rule(
            "title-number",
            &format!("^.{{0,60}}[【\\[〖](?:第?{NUM}+[篇章节節回]?|篇{NUM}+)[】\\]〗]$"),
            2,
            Placement::Fixed,
            "",
            "】]〗",
            70,
        )],
    }
}

fn evidence_rule(name: &str, pattern: &str, first_chars: &str, max_chars: usize) -> HeadingRule {
    let mut r = rule(
        name,
        pattern,
        1,
        Placement::Fixed,
        first_chars,
        "",
        max_chars,
    );
    r.needs_evidence = true;
    r
}

/// The numbered shapes of Chinese TXT sites (Legado's default rules), one family each: a book
/// uses one shape all through, and a family wins only on the book's own evidence.
pub(super) fn numbered() -> Vec<RuleFamily> {
    let digits = "0123456789０１２３４５６７８９";
    let hanzi = "一二三四五六七八九十百零〇两";
    let family = |name: &str, rules: Vec<HeadingRule>| RuleFamily {
        name: name.into(),
        rules,
        markdown: false,
    };
    let mut title_number = evidence_rule(
        "title-then-number",
        "^[^\\s0-9０-９第《【\\[(（“「\"'].{0,24}?(?:[(（][0-9０-９一二三四五六七八九十]{1,4}[)）]|[^\\s0-9０-９.．:：,，。、!！?？][0-9０-９]{1,4})$",
        "",
        30,
    );
    title_number.last_chars = format!("{digits})）").chars().collect();
    vec![
        // 1. 疯狂年代 / 2．寂静的春天 / 01 标题 / 1、标题
        family(
            "numbered",
            vec![evidence_rule(
                "number-title",
                "^[0-9０-９]{1,4}(?:[.．、:：]|[ 　])[ 　]*[^\\s0-9０-９.．、:：,，。].{0,29}$",
                digits,
                34,
            )],
        ),
        // 一、标题
        family(
            "hanzi-numbered",
            vec![evidence_rule(
                "hanzi-number-title",
                "^[一二三四五六七八九十百零〇两]{1,6}[、.．][ 　]*[^\\s、.．].{0,29}$",
                hanzi,
                36,
            )],
        ),
        // ☆、标题 (晋江)
        family(
            "starred",
            vec![evidence_rule(
                "star-title",
                "^☆[、.．]?[ 　]*\\S.{0,29}$",
                "☆",
                32,
            )],
        ),
        // 标题(12) / 标题12
        family("numbered-suffix", vec![title_number]),
        // 12 alone on a line
        family(
            "bare-number",
            vec![evidence_rule(
                "number-alone",
                "^(?:[0-9０-９]{1,4}|[一二三四五六七八九十百零〇两]{1,6})$",
                "0123456789０１２３４５６７８９一二三四五六七八九十百零〇两",
                6,
            )],
        ),
    ]
}
