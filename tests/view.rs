//! Views of a book: conversion, clean view and the offset maps that keep positions in source
//! offsets; script-insensitive search.

use kanshu::Document;
use kanshu::Position;
use kanshu::view::search::{SearchOptions, find_all};
use kanshu::view::{OffsetMap, Script, ViewCache, ViewOptions, count_artifacts, view_text};
use proptest::prelude::*;

const SEED: &str = include_str!("fixtures/seed.txt");

fn opts(script: Script, clean: bool) -> ViewOptions {
    ViewOptions { script, clean }
}

/// The seed's annotations found independently of the view code: a Han character, a bracketed
/// lower-case syllable carrying one tone mark.
fn seed_annotation_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let re = regex::Regex::new(r"\p{Han}([(（])([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)[)）]")
        .expect("pattern");
    let toned = |s: &str| {
        s.chars()
            .filter(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(*c))
            .count()
            == 1
    };
    re.captures_iter(text)
        .filter(|c| c.get(2).is_some_and(|m| toned(m.as_str())))
        .filter_map(|c| Some(c.get(1)?.start()..c.get(0)?.end()))
        .collect()
}

#[test]
fn clean_view_of_the_seed_removes_every_annotation_and_nothing_else() {
    let spans = seed_annotation_spans(SEED);
    // 631 annotations, on 98 of the seed's lines.
    assert_eq!(spans.len(), 631);
    let lines = SEED
        .lines()
        .filter(|l| !seed_annotation_spans(l).is_empty())
        .count();
    assert_eq!(lines, 98);

    let mut hidden: Vec<std::ops::Range<usize>> = spans.clone();
    hidden.extend(SEED.match_indices("?/p>").map(|(i, s)| i..i + s.len()));
    hidden.sort_by_key(|r| r.start);
    let mut expected = String::new();
    let mut at = 0;
    for r in &hidden {
        expected.push_str(&SEED[at..r.start]);
        at = r.end;
    }
    expected.push_str(&SEED[at..]);

    let (clean, map) = view_text(SEED, &opts(Script::Original, true));
    assert_eq!(clean, expected);
    assert!(!clean.contains("戰(zhàn)") && !clean.contains("?/p>"));
    assert!(clean.contains("脫貧攻堅戰全面勝利"));

    let counts = count_artifacts(SEED);
    assert_eq!(counts.annotations, 631);
    assert_eq!(counts.leftovers, 6);

    // Every character shown maps back to the same character in the file.
    for (v, c) in clean.char_indices() {
        let s = map.to_source(v);
        assert_eq!(SEED[s..].chars().next(), Some(c), "view offset {v}");
        assert_eq!(map.to_view(s), v);
    }
}

#[test]
fn conversion_keeps_every_position() {
    for script in [Script::Simplified, Script::Traditional] {
        let (view, map) = view_text(SEED, &opts(script, false));
        assert_eq!(view.chars().count(), SEED.chars().count());
        for (s, _) in SEED.char_indices() {
            let v = map.to_view(s);
            assert!(view.is_char_boundary(v));
            assert_eq!(map.to_source(v), s, "{script:?} at {s}");
        }
    }
    let (simp, _) = view_text(SEED, &opts(Script::Simplified, false));
    assert!(simp.starts_with("2020坚守防疫一线践行初心使命脱贫攻坚战(zhàn)全面胜利"));
}

#[test]
fn clean_and_convert_together_keep_positions_of_shown_text() {
    let o = opts(Script::Simplified, true);
    let (view, map) = view_text(SEED, &o);
    assert!(view.contains("脱贫攻坚战全面胜利"));
    for (v, _) in view.char_indices() {
        let s = map.to_source(v);
        assert_eq!(map.to_view(s), v);
    }
}

#[test]
fn switching_views_keeps_the_place() {
    let doc = Document::from_text(SEED.to_string(), "seed");
    let at = SEED.find("鞏固拓展").expect("phrase in seed");
    let pos = doc.position_of(at);
    let mut cache = ViewCache::new(opts(Script::Simplified, true));
    let v = cache.to_view(&doc, pos);
    let chapter = cache.chapter(&doc, pos.chapter);
    assert!(chapter.text()[v.offset..].starts_with("巩固拓展"));
    assert_eq!(cache.to_source(&doc, v), pos);

    cache.set_options(opts(Script::Traditional, false));
    let v = cache.to_view(&doc, pos);
    assert!(cache.chapter(&doc, pos.chapter).text()[v.offset..].starts_with("鞏固拓展"));
    assert_eq!(cache.to_source(&doc, v), pos);

    cache.set_options(ViewOptions::default());
    assert_eq!(cache.to_view(&doc, pos), pos);
}

#[test]
fn every_chapter_view_is_converted_and_maps_back() {
    let doc = Document::from_text(
        "序\n戰(zhàn)爭&amp;和平\n第一章 開始\n產(chǎn)業發展\n".to_string(),
        "t",
    );
    let mut cache = ViewCache::new(opts(Script::Simplified, true));
    let whole: String = (0..doc.chapters.len())
        .map(|idx| cache.chapter(&doc, idx).text().to_string())
        .collect();
    assert_eq!(whole, "序\n战争&和平\n第一章 开始\n产业发展\n");
    assert_eq!(cache.chapter(&doc, 1).doc.chapters[0].title, "第一章 开始");
    let pos = Position::new(1, "第一章 開始\n產(chǎn)".len());
    let v = cache.to_view(&doc, pos);
    assert!(cache.chapter(&doc, 1).text()[v.offset..].starts_with("业"));
}

#[test]
fn script_insensitive_search_over_the_seed() {
    let o = SearchOptions::default();
    let trad = SEED.matches('戰').count();
    assert!(trad > 60);
    assert_eq!(find_all(SEED, "战", &o).len(), trad);
    assert_eq!(find_all(SEED, "戰", &o).len(), trad);
    let hits = find_all(SEED, "脱贫攻坚", &o);
    assert!(!hits.is_empty());
    for r in hits {
        assert_eq!(&SEED[r], "脫貧攻堅");
    }
    // Searching a simplified view's text with a traditional needle works the same way.
    let (simp, _) = view_text(SEED, &opts(Script::Simplified, false));
    assert_eq!(find_all(&simp, "戰", &o).len(), trad);
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "戰",
        "战",
        "發",
        "后",
        "後",
        "乾隆",
        "頭髮",
        "(zhàn)",
        "（fā）",
        "(de)",
        "(apple)",
        "&nbsp;",
        "&#20013;",
        "</p>",
        "?/p>",
        "<br>",
        "a",
        "1",
        " ",
        "\n",
        "，",
        "。",
        "𠀀",
        "é",
        "&",
        "(",
    ])
}

fn check_map(src: &str, view: &str, map: &OffsetMap) -> Result<(), TestCaseError> {
    let mut last = 0;
    for (s, _) in src.char_indices().chain([(src.len(), ' ')]) {
        let v = map.to_view(s);
        prop_assert!(view.is_char_boundary(v));
        prop_assert!(v >= last, "to_view not monotone");
        last = v;
    }
    for (v, _) in view.char_indices().chain([(view.len(), ' ')]) {
        let s = map.to_source(v);
        prop_assert!(src.is_char_boundary(s));
        prop_assert_eq!(map.to_view(s), v);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn maps_round_trip(pieces in prop::collection::vec(piece(), 0..40)) {
        let src = pieces.concat();
        for script in [Script::Original, Script::Simplified, Script::Traditional] {
            for clean in [false, true] {
                let (view, map) = view_text(&src, &opts(script, clean));
                check_map(&src, &view, &map)?;
                // Cleaning and converting together shows what cleaning then converting shows.
                let (cleaned, _) = view_text(&src, &opts(Script::Original, clean));
                let (converted, _) = view_text(&cleaned, &opts(script, false));
                prop_assert_eq!(&view, &converted);
                if !clean {
                    for (s, _) in src.char_indices() {
                        prop_assert_eq!(map.to_source(map.to_view(s)), s);
                    }
                }
            }
        }
    }
}
