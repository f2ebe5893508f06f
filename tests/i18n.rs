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
    for action in BINDABLE {
        let name = action.name().unwrap();
        let key = format!("action-{name}");
        for lang in LANGS {
            assert!(has_key(lang, &key), "{lang} lacks {key}");
        }
        // The English file says what `keys::Action` says.
        assert_eq!(Lang::En.text(&key, &[]), action.description(), "{key}");
        for mode in Mode::ALL {
            let own = action.description_in(mode);
            if own == action.description() {
                continue;
            }
            let key = format!("action-{name}--{}", mode.name());
            for lang in LANGS {
                assert!(has_key(lang, &key), "{lang} lacks {key}");
            }
            assert_eq!(Lang::En.text(&key, &[]), own, "{key}");
        }
    }
    for mode in Mode::ALL {
        let key = format!("mode-{}", mode.name());
        for lang in LANGS {
            assert!(has_key(lang, &key), "{lang} lacks {key}");
        }
        assert_eq!(Lang::En.text(&key, &[]), mode.title());
    }
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
            let Some(at) = line.find("], \"") else {
                continue;
            };
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
