//! The words of the interface in the reader's language: `Lang` (English, 简体中文, 繁體中文),
//! how `ui.language = "auto"` reads the locale (LC_ALL, then LC_MESSAGES, then LANG), and the
//! lookup of a message by its key in the Fluent files `assets/locales/*.ftl` (compiled into
//! the binary), with named placeholders and English plurals.
//!
//! There is no process-wide language: whoever shows text carries a `Lang` (the `App` holds
//! one, the command line resolves one) and asks with it, so tests can render any language
//! side by side. Owns no string of its own and knows nothing of the screen or the book.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// 简体中文.
    ZhHans,
    /// 繁體中文.
    ZhHant,
}

/// Every language, in the order the settings name them.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::ZhHans, Lang::ZhHant];

/// The Fluent source of each language (every key in every file; `tests` checks it).
const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../../assets/locales/en.ftl")),
    (
        Lang::ZhHans,
        include_str!("../../assets/locales/zh-Hans.ftl"),
    ),
    (
        Lang::ZhHant,
        include_str!("../../assets/locales/zh-Hant.ftl"),
    ),
];

impl Lang {
    /// The name `ui.language` uses (also a BCP 47 tag).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// The language a `ui.language` value names (`None` for "auto" and anything unknown).
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGS.into_iter().find(|l| l.code() == code)
    }

    /// The language of a POSIX locale name such as `zh_CN.UTF-8` or `zh_TW`: zh_CN, zh_SG and
    /// zh_Hans are 简体, zh_TW, zh_HK, zh_MO and zh_Hant 繁體, anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        let name = name.replace('-', "_").to_ascii_lowercase();
        let mut parts = name.split('_');
        if parts.next() != Some("zh") {
            return Lang::En;
        }
        for part in parts {
            match part {
                "cn" | "sg" | "hans" => return Lang::ZhHans,
                "tw" | "hk" | "mo" | "hant" => return Lang::ZhHant,
                _ => {}
            }
        }
        Lang::En
    }

    /// The language of the environment, read through `var`: the first of LC_ALL, LC_MESSAGES
    /// and LANG that is set and not empty decides, as it does for other programs' messages.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    /// The text of message `key` in this language, its placeholders filled from `args`. A key
    /// missing here falls back to English, and one missing there to the key itself (the tests
    /// make sure neither happens).
    pub fn text(self, key: &str, args: &[(&str, Arg)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::new();
            for (name, value) in args {
                a.set(*name, value.to_fluent());
            }
            a
        });
        for lang in [self, Lang::En] {
            let bundle = bundle(lang);
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                .into_owned();
        }
        key.to_string()
    }

    /// Like `text`, but `None` when the key is in no language (for optional texts such as
    /// a mode's own description of an action).
    pub fn text_if(self, key: &str) -> Option<String> {
        has_key(self, key).then(|| self.text(key, &[]))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A placeholder's value: text, or a number (which picks the English plural).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32);

/// `tr!(lang, "key")` or `tr!(lang, "key", name = value, …)`: the text of a message with its
/// named placeholders filled in.
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        $crate::i18n::Lang::text($lang, $key, &[])
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Lang::text(
            $lang,
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
pub(crate) use tr;

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = LANGS.iter().position(|l| *l == lang).unwrap_or(0);
    BUNDLES[i].get_or_init(|| build(lang))
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let source = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or("", |(_, s)| *s);
    // A syntax error drops only the entries it is in (the tests fail on any).
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    // Plural rules: English ones for English, the (single-form) Chinese ones otherwise.
    let tag = match lang {
        Lang::En => "en",
        _ => "zh",
    };
    let locale = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Terminal text: no Unicode isolation marks around placeholders.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Whether `lang`'s own file has `key` (no fallback).
pub fn has_key(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The keys of `lang`'s file, in file order (a message starts a line with `key =`).
pub fn keys(lang: Lang) -> Vec<String> {
    source(lang)
        .lines()
        .filter_map(|l| {
            let (key, _) = l.split_once(" =")?;
            let ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| key.to_string())
        })
        .collect()
}

/// The Fluent source of `lang` (for the tests that read placeholders).
pub fn source(lang: Lang) -> &'static str {
    SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or("", |(_, s)| *s)
}

#[cfg(test)]
mod tests;
