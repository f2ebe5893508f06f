//! The interface in the reader's language: every action and mode has its words in every
//! language, 繁體 holds no simplified-only character, no English sentence is left in the panels'
//! code, the help and the status bar in Chinese (snapshots), `ui.language` and the locale pick
//! the language of the command line, and `LANG=zh_CN.UTF-8` shows a Chinese reader in tmux.

use std::path::{Path, PathBuf};

use crate::common::tmux::{Tmux, quote};
use crate::common::*;
use assert_cmd::Command;
use kanshu::app::App;
use kanshu::config::Config;
use kanshu::i18n::{LANGS, Lang, has_key, keys};
use kanshu::keys::{BINDABLE, Mode};
use kanshu::view::Script;
use kanshu::view::convert::{convert, is_han};

fn app_in(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(seed(), w, h);
    app.set_lang(lang);
    app
}

#[test]
fn every_action_and_mode_is_described_in_every_language() {
    // Every key that is missing or says other than `keys` says, all at once.
    let mut wrong = Vec::new();
    let mut check = |key: &str, english: &str| {
        for lang in LANGS {
            if !has_key(lang, key) {
                wrong.push(format!("{lang} lacks {key} ({english})"));
            }
        }
        // The English file says what `keys` says.
        let en = Lang::En.text(key, &[]);
        if has_key(Lang::En, key) && en != english {
            wrong.push(format!("en {key} = {en}, keys say {english}"));
        }
    };
    for action in BINDABLE {
        let name = action.name().unwrap();
        check(&format!("action-{name}"), action.description());
        for mode in Mode::ALL {
            let own = action.description_in(mode);
            if own != action.description() {
                check(&format!("action-{name}--{}", mode.name()), own);
            }
        }
    }
    for mode in Mode::ALL {
        check(&format!("mode-{}", mode.name()), mode.title());
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The characters of `text` that the 简→繁 converter changes (with the words around them):
/// what it takes for Simplified. 游 (in 游標, the cursor) is Traditional too, but the converter
/// makes every 游 a 遊.
fn simplified_in(text: &str) -> Vec<char> {
    let converted = convert(text, Script::Traditional);
    assert_eq!(converted.chars().count(), text.chars().count(), "{text}");
    text.chars()
        .zip(converted.chars())
        .filter(|(a, b)| a != b && is_han(*a) && *a != '游')
        .map(|(a, _)| a)
        .collect()
}

#[test]
fn zh_hant_has_no_simplified_only_characters() {
    assert_eq!(simplified_in("设置已保存"), ['设']);
    assert_eq!(simplified_in("光标在书里"), ['标', '书', '里']);
    assert!(simplified_in("設定已儲存").is_empty());
    let mut found = Vec::new();
    for key in keys(Lang::ZhHant) {
        let text = Lang::ZhHant.text(&key, &[]);
        for c in simplified_in(&text) {
            found.push(format!("{key}: {c} in {text}"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    // And the 简体 file is not the 繁體 one.
    assert_ne!(
        Lang::ZhHans.text("msg-book-end", &[]),
        Lang::ZhHant.text("msg-book-end", &[])
    );
}

/// Non-test code of the Rust files in `dir` (comments dropped), with line numbers.
fn code_lines(dir: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") || t.starts_with("#[") {
                continue;
            }
            out.push((f.display().to_string(), i + 1, line.to_string()));
        }
    }
    out
}

/// The string literals of a line.
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn no_english_sentence_is_left_in_the_reader_and_its_panels() {
    // Everything a reader sees goes through the locale files; a literal of two English words
    // in src/app or src/ui is text that would stay English in Chinese.
    let mut left = Vec::new();
    for dir in ["src/app", "src/ui"] {
        for (file, n, line) in code_lines(dir) {
            for lit in literals(&line) {
                let words: Vec<&str> = lit
                    .split(' ')
                    .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
                    .collect();
                if words.len() >= 2 {
                    left.push(format!("{file}:{n}: {lit}"));
                }
            }
        }
    }
    assert!(left.is_empty(), "untranslated: {left:#?}");
}

#[test]
fn every_footer_word_has_its_translation() {
    // `(&[Action::Confirm], "jump")`: the word is looked up as `hint-jump`.
    let mut missing = Vec::new();
    for dir in ["src/app", "src/ui"] {
        for (file, n, line) in code_lines(dir) {
            // Every pair on the line (`&[(&[A], "jump"), (&[B], "done")]`).
            for (at, _) in line.match_indices("], \"") {
                let Some(word) = literals(&line[at..]).into_iter().next() else {
                    continue;
                };
                for lang in LANGS {
                    if !has_key(lang, &format!("hint-{word}")) {
                        missing.push(format!("{file}:{n}: hint-{word} ({lang})"));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn help_in_english_and_simplified_chinese() {
    let mut en = app_in(Lang::En, 80, 24);
    press(&mut en, &["f1"]);
    let shot = snapshot(&en);
    assert!(
        shot.contains("Reading") && shot.contains("next page"),
        "{shot}"
    );
    insta::assert_snapshot!("i18n_help_en_80x24", shot);

    let mut zh = app_in(Lang::ZhHans, 80, 24);
    press(&mut zh, &["f1"]);
    let shot = snapshot(&zh);
    assert!(shot.contains("按键") && shot.contains("阅读") && shot.contains("下一页"));
    assert!(
        shot.contains("滚动") && shot.contains("关闭"),
        "the footer: {shot}"
    );
    insta::assert_snapshot!("i18n_help_zh_hans_80x24", shot);
}

#[test]
fn chinese_help_is_whole_to_its_end() {
    for lang in [Lang::ZhHans, Lang::ZhHant] {
        let mut app = app_in(lang, 80, 24);
        press(&mut app, &["f1"]);
        let rows = app.help_lines().len();
        for _ in 0..rows {
            let screen = screen_text(&render(&app));
            for line in screen.lines().filter(|l| l.contains('│')) {
                assert!(!line.contains('…'), "{lang}: {line}");
                assert!(kanshu::ui::width(line) <= 80);
            }
            press(&mut app, &["j"]);
        }
    }
}

#[test]
fn status_bar_in_traditional_chinese() {
    let mut app = app_in(Lang::ZhHant, 80, 24);
    let mut settings = app.settings().clone();
    settings
        .status
        .push(kanshu::config::StatusItem::TimeLeftChapter);
    app.set_settings(settings);
    press(&mut app, &["/"]);
    type_text(&mut app, "初心");
    press(&mut app, &["enter"]);
    for _ in 0..200 {
        if !app.search_pending() {
            break;
        }
        app.tick();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.tick();
    press(&mut app, &["n"]);
    let status = status_text(&app);
    assert!(status.contains("個匹配"), "{status}");
    assert!(status.contains("本章剩"), "{status}");
    insta::assert_snapshot!("i18n_status_zh_hant_80x24", snapshot(&app));
    press(&mut app, &["Z"]);
    assert!(
        status_text(&app).contains("禪模式"),
        "{}",
        status_text(&app)
    );
}

#[test]
fn the_language_setting_is_read() {
    let cfg = |text: &str| Config::from_user_toml(text, "config.toml");
    assert_eq!(Config::defaults().ui.language, None, "auto by default");
    for (value, lang) in [
        ("auto", None),
        ("en", Some(Lang::En)),
        ("zh-Hans", Some(Lang::ZhHans)),
        ("zh-Hant", Some(Lang::ZhHant)),
    ] {
        let c = cfg(&format!("[ui]\nlanguage = \"{value}\"\n")).unwrap();
        assert_eq!(c.ui.language, lang, "{value}");
    }
    let err = cfg("[ui]\nlanguage = \"zh\"\n").unwrap_err().to_string();
    assert!(
        err.contains("ui.language") && err.contains("zh-Hans"),
        "{err}"
    );
    // A config's problems are said in the reader's language too.
    let errors = cfg("[ui]\nmouse = 3\n[layout]\nmax_widht = 3\n").unwrap_err();
    assert_eq!(
        errors.summary_in(Lang::En),
        "config.toml:2:9: `ui.mouse` must be true or false, found an integer (and 1 more problem)"
    );
    assert_eq!(
        errors.summary_in(Lang::ZhHans),
        "config.toml:2:9: `ui.mouse` 应为 true 或 false，却是 整数（另有 1 个问题）"
    );
    let second = errors.iter().nth(1).unwrap().line_in(Lang::ZhHant);
    assert_eq!(
        second,
        "config.toml:4:1: [layout] 裡有未知的鍵 `max_widht`，你是說 `max_width` 嗎？"
    );
}

fn kanshu(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanshu").unwrap();
    cmd.env("KANSHU_CONFIG_DIR", config)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

#[test]
fn the_command_line_speaks_the_locale_or_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let info = |lang: &str| {
        let out = kanshu(dir.path())
            .env("LANG", lang)
            .args(["info", "tests/fixtures/seed.txt"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let zh = info("zh_CN.UTF-8");
    assert!(zh.contains("编码：") && zh.contains("章节："), "{zh}");
    let en = info("en_US.UTF-8");
    assert!(en.contains("encoding:") && en.contains("chapters:"), "{en}");

    let missing = |lang: &str| {
        let out = kanshu(dir.path())
            .env("LANG", lang)
            .args(["info", "no-such-book.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        missing("zh_TW.UTF-8").trim(),
        "kanshu: no-such-book.txt：沒有這個檔案"
    );
    assert_eq!(
        missing("C").trim(),
        "kanshu: no-such-book.txt: no such file"
    );

    // The setting wins over the locale.
    std::fs::write(
        dir.path().join("config.toml"),
        "[ui]\nlanguage = \"zh-Hans\"\n",
    )
    .unwrap();
    assert_eq!(
        missing("zh_TW.UTF-8").trim(),
        "kanshu: no-such-book.txt：没有这个文件"
    );
    // LC_ALL wins over LANG.
    let out = kanshu(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "zh_TW.UTF-8")
        .args(["--config-dir", "/nonexistent/kanshu-i18n"])
        .args(["info", "tests/fixtures/seed.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("編碼："), "{text}");
}

#[test]
fn lang_zh_cn_shows_a_chinese_reader_in_tmux() {
    let Some(tmux) = Tmux::start("i18n", 100, 30) else {
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kanshu"));
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt");
    let line = format!(
        "env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 KANSHU_CONFIG_DIR={} {} {}",
        quote(config.path()),
        quote(&bin),
        quote(&seed)
    );
    tmux.literal(&line);
    tmux.keys(&["Enter"]);
    // The first screen offers the clean view in Chinese.
    tmux.wait_for("a Chinese status bar", |s| {
        s.lines().last().is_some_and(|l| l.contains("整洁视图"))
    });
    tmux.keys(&["F1"]);
    let screen = tmux.wait_for("the help in Chinese", |s| {
        s.contains("按键") && s.contains("下一页") && s.contains("关闭")
    });
    assert!(!screen.contains("next page"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help closed", |s| !s.contains("按键"));
    tmux.keys(&["j"]);
    tmux.keys(&["Z"]);
    tmux.wait_for("zen said in Chinese", |s| {
        s.lines().last().is_some_and(|l| l.contains("禅模式"))
    });
    tmux.keys(&["q"]);
}

#[test]
fn the_too_small_notice_is_translated() {
    let app = app_in(Lang::ZhHant, 12, 2);
    let screen = screen_text(&render(&app));
    assert!(screen.contains("請把視窗放大"), "{screen}");
    let app = app_in(Lang::ZhHans, 15, 5);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("请把窗口放大") && screen.contains("至少 16×3"),
        "{screen}"
    );
}

#[test]
fn selecting_highlights_and_notes_speak_the_readers_language() {
    let (_tmp, config, book) = crate::ui_highlights::highlighted();
    let doc = kanshu::Document::open(&book, &kanshu::LoadOptions::default()).unwrap();
    let mut app = App::new(doc, 80, 24);
    app.attach_store(kanshu::store::Store::new(&config));
    app.set_lang(Lang::ZhHans);
    press(&mut app, &["v", "l"]);
    assert!(
        status_text(&app).contains("选择中 · 2 个字"),
        "{}",
        status_text(&app)
    );
    press(&mut app, &["y"]);
    assert!(
        status_text(&app).contains("已复制 2 个字"),
        "{}",
        status_text(&app)
    );
    press(&mut app, &["H"]);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("高亮和笔记（3）") && screen.contains("笔记") && screen.contains("跳转"),
        "{screen}"
    );
    press(&mut app, &["esc", "r"]);
    assert!(
        status_text(&app).contains("注音：已隐藏（本书没有注音）"),
        "{}",
        status_text(&app)
    );
    press(&mut app, &["I"]);
    assert!(
        status_text(&app).contains("本页没有图片"),
        "{}",
        status_text(&app)
    );
    // The same reader in English says what it said before.
    app.set_lang(Lang::En);
    press(&mut app, &["v", "l"]);
    assert!(status_text(&app).contains("selecting · 2 characters"));
    press(&mut app, &["y"]);
    assert!(status_text(&app).contains("copied 2 characters"));
    press(&mut app, &["v", "y"]);
    assert!(status_text(&app).contains("copied 1 character"));
}

#[test]
fn a_heading_rule_that_took_too_long_is_said_in_each_language() {
    use kanshu::app::library::rules_stopped_text;
    use kanshu::document::chapters::Stopped;
    use std::time::Duration;
    for (budget, said) in [(Duration::from_secs(2), "2 s"), (Duration::ZERO, "0 ms")] {
        let stopped = Stopped {
            rule: "acts".into(),
            budget,
            percent: 40,
        };
        // English is what the document layer says itself.
        assert_eq!(rules_stopped_text(&stopped, Lang::En), stopped.to_string());
        assert!(stopped.to_string().contains(said));
    }
    let stopped = Stopped {
        rule: "acts".into(),
        budget: Duration::from_secs(2),
        percent: 40,
    };
    assert_eq!(
        rules_stopped_text(&stopped, Lang::ZhHans),
        "标题规则 `acts` 太慢（超过 2 秒）：已改用内置规则"
    );
    assert_eq!(
        rules_stopped_text(&stopped, Lang::ZhHant),
        "標題規則 `acts` 太慢（超過 2 秒）：已改用內建規則"
    );
}
