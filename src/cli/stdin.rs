//! `-` as the book: `kanshu toc -`, `info -` and `render -` read standard input.
//!
//! The same limits as a file: at most the configured number of megabytes is read, a start that
//! is plainly binary is refused before the rest is read, and the encoding is guessed (or taken
//! from `--encoding`) as for a file. A terminal on standard input is refused rather than
//! waited on by the headless commands; the reader (`kanshu -`) reads a book typed or pasted
//! there, after saying so (`announce_typing`), and then takes its keys from the same terminal.
//! The book has no path, so nothing about it is remembered.

use std::io::{IsTerminal, Read};
use std::path::Path;

use super::CliError;
use crate::document::decode::{self, DecodeError};
use crate::document::{Document, Format, LoadError, LoadOptions, RuleSet, visible};
use crate::i18n::{Lang, tr};

/// How the book read from standard input is named in messages.
const NAME: &str = "standard input";

/// Whether `path` asks for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read and decode the book on standard input.
pub fn read(opts: &LoadOptions, rules: &RuleSet, lang: Lang) -> Result<Document, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(CliError::Usage(tr!(lang, "cli-stdin-is-terminal")));
    }
    read_from(stdin.lock(), opts, rules)
}

/// When standard input is a terminal, say on standard error that the book is read from it
/// and how to end it, before anything waits for it (a blank screen would say nothing).
pub fn announce_typing(lang: Lang) {
    if std::io::stdin().is_terminal() {
        let key = if cfg!(windows) {
            "Ctrl-Z Enter"
        } else {
            "Ctrl-D"
        };
        eprintln!("kanshu: {}", tr!(lang, "cli-stdin-typing", key = key));
    }
}

/// Read and decode a book from `input` as `read` does (tests give it bytes).
pub fn read_from(
    input: impl Read,
    opts: &LoadOptions,
    rules: &RuleSet,
) -> Result<Document, CliError> {
    let limit = opts.max_bytes();
    let io = |e: std::io::Error| LoadError::Io {
        path: NAME.into(),
        reason: e.to_string(),
    };
    let mut input = input.take(limit.saturating_add(1));
    let mut start = Vec::new();
    (&mut input)
        .take(64 * 1024)
        .read_to_end(&mut start)
        .map_err(io)?;
    if decode::start_is_binary(&start, opts.encoding.as_deref()) {
        return Err(LoadError::Binary { path: NAME.into() }.into());
    }
    // The start ended before its size only at the end of the input: read on only when it was
    // full (a terminal gives one end of file per Ctrl-D, so reading on would wait for another).
    let full = start.len() == 64 * 1024;
    let mut bytes = start;
    if full {
        input.read_to_end(&mut bytes).map_err(io)?;
    }
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            path: NAME.into(),
            limit_mb: limit.div_ceil(1024 * 1024),
        }
        .into());
    }
    let source_bytes = bytes.len();
    let decoded = decode::decode_vec_with(bytes, opts.encoding.as_deref(), opts.binary_fraction())
        .map_err(|e| match e {
            DecodeError::Binary => LoadError::Binary { path: NAME.into() },
            DecodeError::UnknownEncoding(label) => LoadError::UnknownEncoding {
                label: visible(&label).into_owned(),
            },
            DecodeError::UnusableEncoding(label) => LoadError::UnusableEncoding {
                label: visible(&label).into_owned(),
            },
        })?;
    let budget = opts.rule_budget.unwrap_or_default();
    let mut doc = Document::from_text_within(decoded.text, NAME, Format::Text, rules, budget);
    doc.encoding = decoded.encoding.to_string();
    doc.source_bytes = source_bytes;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(max_mb: u64) -> LoadOptions {
        LoadOptions {
            max_bytes: Some(max_mb * 1024 * 1024),
            ..LoadOptions::default()
        }
    }

    #[test]
    fn a_gbk_book_on_standard_input_is_decoded_and_split() {
        let (gbk, _, _) = encoding_rs::GBK.encode("第一章 开始\n正文。\n第二章 结束\n正文。\n");
        let doc = read_from(&gbk[..], &opts(1), RuleSet::builtin()).unwrap();
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(doc.chapters.len(), 2);
        assert_eq!(doc.source_bytes, gbk.len());
    }

    #[test]
    fn too_much_or_binary_input_is_refused() {
        let big = vec![b'a'; 1024 * 1024 + 1];
        let e = read_from(&big[..], &opts(1), RuleSet::builtin()).unwrap_err();
        assert!(e.to_string().contains("larger than 1 MB"), "{e}");
        let e = read_from(&b"\x7fELF\0\0\0\0"[..], &opts(1), RuleSet::builtin()).unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
    }
}
