//! The locale files are complete and well formed, and the locale is read as documented.

use super::*;

/// The `$name`s a message uses, sorted.
fn placeholders(lang: Lang, key: &str) -> Vec<String> {
    // The message's line and the indented lines under it (an English plural).
    let line: String = source(lang)
        .lines()
        .skip_while(|l| l.split_once(" =").is_none_or(|(k, _)| k != key))
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
        .map(|(_, l)| l)
        .collect();
    let mut names: Vec<String> = line
        .split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_file_parses_and_has_every_key_once() {
    let en = keys(Lang::En);
    assert!(en.len() > 200, "{} keys", en.len());
    for lang in LANGS {
        let src = source(lang).to_string();
        if let Err((_, errors)) = FluentResource::try_new(src) {
            panic!("{lang}: {errors:?}");
        }
        let mine = keys(lang);
        let mut sorted = mine.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), mine.len(), "{lang}: a key is written twice");
        let missing: Vec<&String> = en.iter().filter(|k| !mine.contains(k)).collect();
        let extra: Vec<&String> = mine.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
    }
}

#[test]
fn every_key_says_something_with_the_same_placeholders() {
    for key in keys(Lang::En) {
        let en = placeholders(Lang::En, &key);
        for lang in LANGS {
            assert!(has_key(lang, &key), "{lang}: {key} does not parse");
            let args: Vec<(&str, Arg)> = en.iter().map(|n| (n.as_str(), Arg::from(2))).collect();
            let text = lang.text(&key, &args);
            assert!(!text.trim().is_empty(), "{lang}: {key} is empty");
            // Fluent shows a placeholder it could not fill as `{$name}`.
            assert!(
                !text.contains("{$"),
                "{lang}: {key} left a placeholder: {text}"
            );
            assert_eq!(placeholders(lang, &key), en, "{lang}: {key} placeholders");
            // Terminal text: no Unicode isolation marks around what is filled in.
            assert!(!text.contains(['\u{2068}', '\u{2069}']), "{lang}: {key}");
        }
    }
}

#[test]
fn english_says_one_and_many() {
    let one = tr!(Lang::En, "msg-no-chapter-total", n = 5, total = 1);
    assert_eq!(one, "no chapter 5: the book has 1 chapter");
    let many = tr!(Lang::En, "msg-no-chapter-total", n = 5, total = 3);
    assert_eq!(many, "no chapter 5: the book has 3 chapters");
    let zh = tr!(Lang::ZhHans, "msg-no-chapter-total", n = 5, total = 1);
    assert_eq!(zh, "没有第 5 章：本书共 1 章");
    let hant = tr!(Lang::ZhHant, "msg-no-chapter-total", n = 5, total = 1);
    assert_eq!(hant, "沒有第 5 章：本書共 1 章");
}

#[test]
fn languages_render_side_by_side() {
    // No process-wide language: two threads asking in two languages each get their own.
    let a = std::thread::spawn(|| tr!(Lang::ZhHans, "msg-book-end"));
    let b = std::thread::spawn(|| tr!(Lang::En, "msg-book-end"));
    assert_eq!(a.join().unwrap(), "已到书末");
    assert_eq!(b.join().unwrap(), "end of the book");
    assert_eq!(tr!(Lang::ZhHant, "msg-book-end"), "已到書末");
}

#[test]
fn a_missing_key_falls_back_to_english_then_to_the_key() {
    assert_eq!(Lang::ZhHans.text("no-such-key", &[]), "no-such-key");
    assert_eq!(Lang::ZhHans.text_if("no-such-key"), None);
}

#[test]
fn locale_names_pick_the_language() {
    for (locale, lang) in [
        ("zh_CN.UTF-8", Lang::ZhHans),
        ("zh_SG", Lang::ZhHans),
        ("zh_Hans", Lang::ZhHans),
        ("zh-Hans-CN", Lang::ZhHans),
        ("zh_TW.Big5", Lang::ZhHant),
        ("zh_HK.UTF-8", Lang::ZhHant),
        ("zh_MO", Lang::ZhHant),
        ("zh_Hant_TW", Lang::ZhHant),
        ("en_US.UTF-8", Lang::En),
        ("C.UTF-8", Lang::En),
        ("POSIX", Lang::En),
        ("ja_JP.UTF-8", Lang::En),
        ("zh", Lang::En),
        ("", Lang::En),
    ] {
        assert_eq!(Lang::from_locale(locale), lang, "{locale}");
    }
}

#[test]
fn lc_all_then_lc_messages_then_lang() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_env(env(&[])), Lang::En);
    assert_eq!(
        Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::ZhHans
    );
    assert_eq!(
        Lang::from_env(env(&[
            ("LANG", "zh_CN.UTF-8"),
            ("LC_MESSAGES", "zh_TW.UTF-8")
        ])),
        Lang::ZhHant
    );
    assert_eq!(
        Lang::from_env(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])),
        Lang::En
    );
    // An empty variable counts as unset.
    assert_eq!(
        Lang::from_env(env(&[("LANG", "zh_TW.UTF-8"), ("LC_ALL", "")])),
        Lang::ZhHant
    );
}

#[test]
fn codes_round_trip() {
    for lang in LANGS {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("auto"), None);
}
