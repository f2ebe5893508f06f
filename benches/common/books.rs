//! Benchmark books: large, deterministic text books shaped like the ones kanshu must open fast.
//!
//! Owns the text generators shared by `examples/genbooks.rs` (which writes the books to disk for
//! the whole-process measurements) and the criterion benches (which build the same text in
//! memory). It must not use any of kanshu's own code: the books are inputs, and a generator that
//! leaned on the document model could hide a bug in it. Output depends only on the seed and the
//! requested size; the PRNG is our own so that no dependency upgrade can change the books.
#![allow(dead_code)]

/// The seed every published figure was measured with.
pub const SEED: u64 = 0x6b61_6e73_6875_0001;
/// Bumped whenever the generated text changes shape, so stale books on disk are rewritten.
pub const GENERATOR_VERSION: u32 = 1;
/// Size of each full benchmark book.
pub const BOOK_BYTES: usize = 100 * 1024 * 1024;
/// A two-character word that occurs all through the Chinese books (the "count all hits" search).
pub const COMMON_WORD: &str = "灵气";
/// A two-character word that the Chinese books never contain (a search that scans everything).
pub const ABSENT_WORD: &str = "鲸鱼";

/// splitmix64: tiny, fast, and good enough to make text that does not repeat in short cycles.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

// Every character below is in GBK, so the GBK twin encodes without loss.
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "林远", "苏晴", "陈默", "王长老", "赵青山", "叶小雨", "韩立冬", "秦月", "老掌柜", "白衣少年",
    "那名女子", "黑袍人", "师父", "大师兄", "小师妹", "城主",
];
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "灵气", "宗门", "丹药", "剑意", "山门", "天地", "修为", "境界", "阵法", "客栈", "大殿", "石台",
    "月光", "风雪", "江湖", "秘境", "妖兽", "玉简", "符箓", "飞剑", "功法", "传承", "血脉", "雷霆",
    "火焰", "寒冰", "神识", "洞府", "古树", "湖面", "长街", "书房", "茶水", "马车", "城墙", "令牌",
];
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "看着", "望向", "握住", "收起", "取出", "感受着", "打量着", "盯着", "推开", "挡住", "想起",
    "吸收了", "炼化了", "斩开了", "察觉到", "找到了",
];
#[rustfmt::skip]
const ENDINGS: &[&str] = &[
    "点了点头", "皱起眉头", "笑了笑", "沉默片刻", "转身离去", "缓缓开口", "心中一动", "抬起头来",
    "深吸一口气", "握紧了拳头", "愣在原地", "叹了口气", "不再说话", "神色一变",
];
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "此时", "然而", "不过", "于是", "只见", "就在这时", "片刻之后", "原来", "没想到", "随后",
    "与此同时", "说到底", "",
];
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "巨大的", "古老的", "冰冷的", "淡淡的", "神秘的", "恐怖的", "强大的", "熟悉的", "破旧的",
    "明亮的", "",
];
#[rustfmt::skip]
const LATIN: &[&str] = &[
    "OK", "Boss", "VIP", "iPhone", "CEO", "NPC", "BUG", "App", "Wi-Fi", "DNA", "PK", "GPS",
];
#[rustfmt::skip]
const TITLE_VERBS: &[&str] = &[
    "初入", "血战", "夜探", "再遇", "突破", "重返", "离开", "炼制", "争夺", "惊现", "大闹", "初见",
    "误入", "夺取",
];
#[rustfmt::skip]
const CLAUSE_PUNCT: &[&str] = &["，", "，", "，", "、", "；", "——", "，"];
#[rustfmt::skip]
const SENTENCE_END: &[&str] = &["。", "。", "。", "。", "！", "？", "……", "。"];

fn push_number(out: &mut String, rng: &mut Rng) {
    use std::fmt::Write;
    let n = match rng.below(3) {
        0 => rng.between(2, 99),
        1 => rng.between(100, 9999),
        _ => rng.between(1990, 2030),
    };
    let _ = write!(out, "{n}");
}

/// One clause of narration: [connector] subject [adjective object verb | ending].
fn push_clause(out: &mut String, rng: &mut Rng) {
    out.push_str(rng.pick(CONNECTORS));
    out.push_str(rng.pick(NAMES));
    match rng.below(8) {
        0 => {
            out.push_str(rng.pick(ENDINGS));
        }
        1 => {
            out.push_str("拿出");
            push_number(out, rng);
            out.push_str("块灵石");
        }
        2 => {
            out.push_str("说这就是");
            out.push_str(rng.pick(LATIN));
        }
        _ => {
            out.push_str(rng.pick(VERBS));
            out.push_str(rng.pick(ADJECTIVES));
            out.push_str(rng.pick(NOUNS));
        }
    }
}

fn push_sentence(out: &mut String, rng: &mut Rng) {
    let clauses = rng.between(1, 4);
    for i in 0..clauses {
        if i > 0 {
            out.push_str(rng.pick(CLAUSE_PUNCT));
        }
        push_clause(out, rng);
    }
    out.push_str(rng.pick(SENTENCE_END));
}

/// One paragraph line, "　　"-indented, LF-terminated: narration, dialogue, or (rarely) a line
/// that starts like a heading but is a sentence (第三天清晨，…), as real books have.
fn push_cjk_paragraph(out: &mut String, rng: &mut Rng) {
    let start = out.len();
    out.push_str("\u{3000}\u{3000}");
    let target = rng.between(75, 430);
    match rng.below(10) {
        0..=2 => {
            out.push_str(rng.pick(NAMES));
            out.push_str(rng.pick(&["说道：", "低声道：", "冷笑道：", "问道："]));
            out.push('“');
            while out.len() - start < target {
                push_sentence(out, rng);
                if rng.one_in(6) {
                    out.push('‘');
                    out.push_str(rng.pick(NOUNS));
                    out.push('’');
                }
            }
            out.push('”');
        }
        _ => {
            if rng.one_in(60) {
                out.push_str(rng.pick(&["第三天清晨，", "第一次见面的时候，", "第二日，"]));
            }
            while out.len() - start < target {
                push_sentence(out, rng);
            }
        }
    }
    out.push('\n');
}

fn push_cjk_title(out: &mut String, rng: &mut Rng) {
    out.push_str(rng.pick(TITLE_VERBS));
    out.push_str(rng.pick(NOUNS));
    if rng.one_in(4) {
        out.push_str(rng.pick(&["（上）", "（下）", "！", "之谜"]));
    }
}

/// A Chinese web novel: 《title》 and 作者 lines, then `第N章 title` chapters of 15–45
/// "　　"-indented paragraphs, a blank line before each heading, until `target_bytes`.
pub fn chinese_novel(seed: u64, target_bytes: usize) -> String {
    use std::fmt::Write;
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target_bytes + 64 * 1024);
    out.push_str("《万古灵途》\n作者：青山客\n\n内容简介：\n");
    push_cjk_paragraph(&mut out, &mut rng);
    let mut n = 0usize;
    while out.len() < target_bytes {
        n += 1;
        let _ = write!(out, "\n第{n}章 ");
        push_cjk_title(&mut out, &mut rng);
        out.push('\n');
        for _ in 0..rng.between(15, 45) {
            push_cjk_paragraph(&mut out, &mut rng);
        }
    }
    out
}

/// The same paragraphs with no heading at all (a single ~`target_bytes` chapter).
pub fn chinese_one_chapter(seed: u64, target_bytes: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x0ce0_c4a9);
    let mut out = String::with_capacity(target_bytes + 4096);
    while out.len() < target_bytes {
        push_cjk_paragraph(&mut out, &mut rng);
    }
    out
}

#[rustfmt::skip]
const EN_WORDS: &[&str] = &[
    "the", "the", "the", "of", "and", "and", "to", "a", "in", "that", "was", "he", "she", "it",
    "his", "her", "with", "had", "as", "for", "on", "at", "by", "not", "but", "from", "which",
    "were", "all", "this", "they", "would", "there", "been", "one", "when", "more", "could",
    "old", "house", "river", "morning", "letter", "window", "garden", "captain", "road", "silence",
    "little", "great", "long", "dark", "quietly", "never", "always", "upon", "before", "after",
    "walked", "looked", "said", "thought", "answered", "remembered", "carried", "heard",
    "strange", "gentleman", "lady", "village", "storm", "candle", "door", "hour", "friend",
];
#[rustfmt::skip]
const EN_NAMES: &[&str] = &[
    "Mr. Harrow", "Eleanor", "The Captain", "Mrs. Pell", "Thomas", "Margaret", "Old Jacob",
];

/// Greedy 70-column hard wrap as the words arrive, as Gutenberg texts are wrapped.
struct Wrapper<'a> {
    out: &'a mut String,
    col: usize,
}

impl Wrapper<'_> {
    /// One word made of `parts` (e.g. an opening quote, the word, its punctuation).
    fn word(&mut self, parts: &[&str]) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if self.col > 0 && self.col + 1 + len > 70 {
            self.out.push('\n');
            self.col = 0;
        }
        if self.col > 0 {
            self.out.push(' ');
            self.col += 1;
        }
        for p in parts {
            self.out.push_str(p);
        }
        self.col += len;
    }
}

fn push_en_paragraph(out: &mut String, rng: &mut Rng) {
    let mut w = Wrapper { out, col: 0 };
    let quoted = rng.one_in(4);
    let sentences = rng.between(1, 7);
    for s in 0..sentences {
        let len = rng.between(6, 22);
        for i in 0..len {
            let open = if quoted && s == 0 && i == 0 { "\"" } else { "" };
            let close = if i + 1 < len {
                match rng.below(45) {
                    0 => ";",
                    1..=4 => ",",
                    _ => "",
                }
            } else {
                rng.pick(&[".", ".", ".", "!", "?", "."])
            };
            let end_quote = if quoted && s + 1 == sentences && i + 1 == len {
                "\""
            } else {
                ""
            };
            if i == 0 && rng.one_in(3) {
                w.word(&[open, rng.pick(EN_NAMES), close, end_quote]);
            } else if rng.one_in(150) {
                w.word(&[open, "the chapter of accidents", close, end_quote]);
            } else {
                let word = rng.pick(EN_WORDS);
                if i == 0 {
                    // Capitalise: the word lists are plain ASCII.
                    let upper = word[..1].to_ascii_uppercase();
                    w.word(&[open, &upper, &word[1..], close, end_quote]);
                } else {
                    w.word(&[open, word, close, end_quote]);
                }
            }
        }
    }
    w.out.push('\n');
}

fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A Project Gutenberg shaped novel: a header, `CHAPTER N.` headings (roman numerals) with blank
/// lines around, 70-column hard-wrapped paragraphs separated by blank lines.
pub fn english_novel(seed: u64, target_bytes: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x00e0_9115);
    let mut out = String::with_capacity(target_bytes + 64 * 1024);
    out.push_str(
        "The Project Gutenberg eBook of The Long Road North\n\n\
         Title: The Long Road North\n\nAuthor: A. N. Harrow\n\nLanguage: English\n\n\n",
    );
    let mut n = 0usize;
    while out.len() < target_bytes {
        n += 1;
        out.push_str("\n\n\nCHAPTER ");
        out.push_str(&roman(n));
        out.push_str(".\n\n");
        for _ in 0..rng.between(20, 60) {
            push_en_paragraph(&mut out, &mut rng);
            out.push('\n');
        }
    }
    out
}

/// Encode as GBK; fails if any character is outside GBK (which would be a generator bug).
///
/// encoding_rs keeps its legacy CJK encoders small rather than fast (seconds for 100 MB), and the
/// books use only a few hundred distinct characters, so each one is encoded once and remembered.
pub fn to_gbk(text: &str) -> Result<Vec<u8>, String> {
    let mut table: Vec<[u8; 2]> = vec![[0, 0]; 0x1_0000];
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for ch in text.chars() {
        let cp = ch as usize;
        if cp < 0x80 {
            out.push(cp as u8);
            continue;
        }
        let slot = table
            .get_mut(cp)
            .ok_or_else(|| format!("{ch:?} is outside GBK"))?;
        if slot[0] == 0 {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(ch.encode_utf8(&mut buf));
            match (&*bytes, unmappable) {
                (&[a, b], false) => *slot = [a, b],
                _ => return Err(format!("{ch:?} is outside GBK")),
            }
        }
        out.extend_from_slice(&slot[..]);
    }
    Ok(out)
}
