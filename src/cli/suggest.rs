//! "Did you mean": a first word that is neither a file nor a command but close to a command's
//! name (`kanshu tco`, `kanshu tco book.txt`) is answered with both facts and the command meant.
//!
//! Only words made of letters and `-` are considered, so a missing `novel.txt` stays a missing
//! file. Decides nothing else about the command line: clap parses it.

use std::ffi::OsString;
use std::path::Path;

use clap::CommandFactory;

use super::Cli;
use crate::i18n::{Lang, tr};

/// The command `word` looks like a typo of, when `word` is not a file.
fn close_command(word: &str) -> Option<String> {
    let shaped = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !word.starts_with('-');
    if !shaped || Path::new(word).exists() {
        return None;
    }
    let names = super::completions::command_names();
    if names.iter().any(|n| n == word) {
        return None;
    }
    // Edit distance rather than `keys::closest`: a swap in a three-letter name (`tco`) is one
    // edit, but scores higher against a longer name by Jaro-Winkler.
    let allowed = if word.len() <= 4 { 1 } else { 2 };
    names
        .into_iter()
        .map(|n| (strsim::damerau_levenshtein(word, &n), n))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// The line to print for a missing FILE, when its name is close to a command's.
pub fn for_missing_file(file: Option<&Path>, lang: Lang) -> Option<String> {
    let word = file?.to_str()?;
    let cmd = close_command(word)?;
    let meant = format!("kanshu {cmd}");
    Some(tr!(lang, "cli-did-you-mean", word = word, meant = meant))
}

/// The line to print instead of clap's error, when the first word of the command line is close
/// to a command's name and is no file (`kanshu tco book.txt`).
pub fn for_parse_error(e: &clap::Error, lang: Lang) -> Option<String> {
    if !e.use_stderr() {
        return None;
    }
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    for_args(&args, lang)
}

/// `for_parse_error` for these arguments (without the program name).
pub(crate) fn for_args(args: &[OsString], lang: Lang) -> Option<String> {
    let cmd = Cli::command();
    let with_value: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let word = arg.to_str()?;
        if word.starts_with("--") || (word.starts_with('-') && word != "-") {
            i += if with_value.iter().any(|w| w == word) {
                2
            } else {
                1
            };
            continue;
        }
        let fixed = close_command(word)?;
        let mut meant = String::from("kanshu");
        for (j, a) in args.iter().enumerate() {
            meant.push(' ');
            if j == i {
                meant.push_str(&fixed);
            } else {
                meant.push_str(&crate::document::visible(&a.to_string_lossy()));
            }
        }
        return Some(tr!(lang, "cli-did-you-mean", word = word, meant = meant));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_mistyped_command_is_named() {
        assert_eq!(
            for_args(&args(&["tco", "book.txt"]), Lang::En).as_deref(),
            Some(
                "tco: no such file, and no command of that name: did you mean `kanshu toc book.txt`?"
            )
        );
        assert_eq!(
            for_args(
                &args(&["--config-dir", "/nonexistent", "rendr", "-"]),
                Lang::En
            )
            .as_deref(),
            Some(
                "rendr: no such file, and no command of that name: did you mean `kanshu --config-dir /nonexistent render -`?"
            )
        );
        assert!(for_missing_file(Some(Path::new("bookmark")), Lang::En).is_some());
    }

    #[test]
    fn files_commands_and_far_words_are_left_to_clap() {
        assert_eq!(for_args(&args(&["toc", "--wdth", "3"]), Lang::En), None);
        assert_eq!(for_args(&args(&["novel.txt", "more.txt"]), Lang::En), None);
        assert_eq!(for_args(&args(&["zzzzzz", "book.txt"]), Lang::En), None);
        assert_eq!(for_missing_file(Some(Path::new("tco.txt")), Lang::En), None);
        assert_eq!(for_missing_file(Some(Path::new("src")), Lang::En), None);
    }
}
