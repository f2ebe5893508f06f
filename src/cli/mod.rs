//! The command line: argument parsing and dispatch to one module per command.
//!
//! Every command returns `Result<(), CliError>`; `run` turns an error into one line on stderr
//! and exit code 2. Nothing here panics on user input, and output to a closed pipe is not an error.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub mod completions;
pub mod config_cmd;
pub mod info;
pub mod notes;
pub mod read;
pub mod render;
pub mod reopen;
pub mod stdin;
pub mod store_cmds;
mod suggest;
pub mod toc;

use crate::config::{Config, ConfigErrors};
use crate::document::{Document, LoadError, LoadOptions, RuleSet};
use crate::i18n::{Lang, tr};

/// The language to speak: `ui.language` from the configuration, or with "auto" the locale
/// (LC_ALL, then LC_MESSAGES, then LANG).
pub fn language(cfg: &Config) -> Lang {
    cfg.ui
        .language
        .unwrap_or_else(|| Lang::from_env(|name| std::env::var(name).ok()))
}

/// An error as the one line the person at the terminal reads, in `lang`.
pub fn error_line(e: &CliError, lang: Lang) -> String {
    let CliError::Load(e) = e else {
        return e.to_string();
    };
    crate::app::library::load_error_text(e, lang)
}

const EXAMPLES: &str = "\
Examples:
  kanshu                      reopen the last book (or the built-in guide)
  kanshu novel.txt            read a book
  kanshu novel.txt --chapter 3
                              read from chapter 3 (also --at 40, --search TEXT)
  cat novel.txt | kanshu      read a book from standard input (also kanshu -)
  kanshu novel.txt | less     print the book's text (--toc: its contents)
  kanshu --guide              read the built-in guide
  kanshu toc novel.txt        print the table of contents
  kanshu toc --json novel.txt the table of contents as JSON
  kanshu info novel.txt       encoding, size, chapters, title
  kanshu render --width 40 --chapter 3 novel.txt
                              print a page as the reader lays it out
  kanshu config --default     the default settings, every key explained
  kanshu --toc-rule '^Section \\d+' notes.txt
                              split chapters with your own pattern";

#[derive(Debug, Parser)]
#[command(name = "kanshu", version, about = "看书 — read books (text, Markdown, EPUB) in the terminal", after_help = EXAMPLES)]
#[command(subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Book to read (TXT in any common encoding, Markdown or EPUB); `-` reads it from standard
    /// input; a folder opens the file picker there; a number N reopens the Nth most recent book
    pub file: Option<PathBuf>,
    /// Reopen the most recent book whose title or file name holds PATTERN
    #[arg(short = 'r', long = "recent-match", value_name = "PATTERN")]
    pub recent: Option<String>,
    /// Open the built-in guide
    #[arg(long)]
    pub guide: bool,
    /// Show the book converted: simplified, traditional or original (S switches while reading)
    #[arg(long, value_name = "SCRIPT")]
    pub script: Option<crate::view::Script>,
    /// Start in the clean view: pinyin annotations and HTML leftovers hidden (C switches)
    #[arg(long)]
    pub clean: bool,
    /// Start with vertical pages, read right to left (V switches)
    #[arg(long)]
    pub vertical: bool,
    /// Open at the chapter the book numbers N (37, or 2.1 for chapter 1 of volume 2), as `:37`
    /// in the reader and `render --chapter` take it
    #[arg(long, value_name = "N", value_parser = read::parse_chapter, conflicts_with = "at")]
    pub chapter: Option<String>,
    /// Open at this percentage of the book (0–100)
    #[arg(long, value_name = "PCT", value_parser = read::parse_percent)]
    pub at: Option<f64>,
    /// Open at the first match of TEXT (searching from --chapter or --at when given)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Print the table of contents instead of reading
    #[arg(long)]
    pub toc: bool,
    #[command(flatten)]
    pub book: BookArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command understands, and (filled from `BookArgs` before a command runs) how
/// to open a book.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    #[arg(skip)]
    pub encoding: Option<String>,
    /// Directory for bookmarks, reading state and config (default: the user's config directory;
    /// also KANSHU_CONFIG_DIR)
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    #[arg(skip)]
    pub toc_rule: Option<String>,
    #[arg(skip)]
    pub max_size_mb: Option<u64>,
    /// The language messages are written in (`ui.language`, else the locale).
    #[arg(skip)]
    pub lang: Lang,
}

/// Options of the commands that open a book: the reader, `toc`, `info`, `render` and
/// `bookmarks FILE` (only these list them in their `--help`).
#[derive(Debug, Args, Clone, Default)]
pub struct BookArgs {
    /// Decode the book with this encoding (e.g. gbk, big5, utf-16le) instead of guessing
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Find chapters with this rule only: a rule name (chinese, english, numbered, … — a wrong
    /// name lists them all — or one from your config) or a regular expression for heading lines
    #[arg(long, value_name = "NAME|REGEX")]
    pub toc_rule: Option<String>,
    /// Read books of up to this many megabytes (default 256; also [book] max_size_mb)
    #[arg(long, value_name = "MB",
          value_parser = clap::value_parser!(u64).range(1..=crate::document::MAX_READ_MB))]
    pub max_size_mb: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the table of contents
    Toc(toc::TocArgs),
    /// Print what kanshu found out about a book
    Info(info::InfoArgs),
    /// Print pages exactly as the reader lays them out
    Render(render::RenderArgs),
    /// List bookmarks (of all books, or of one)
    Bookmarks(store_cmds::BookmarksArgs),
    /// List recently read books, and the machine each was last read on
    Recent(store_cmds::RecentArgs),
    /// Export highlights and notes (text, JSON or Markdown)
    Notes(notes::NotesArgs),
    /// Show or check the configuration
    Config(config_cmd::ConfigArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Print the manual page, or a command's (roff, for man)
    Manual(completions::ManualArgs),
}

impl Command {
    /// The book options this command was given, if it opens a book.
    fn book_args(&self) -> Option<&BookArgs> {
        match self {
            Command::Toc(a) => Some(&a.book),
            Command::Info(a) => Some(&a.book),
            Command::Render(a) => Some(&a.book),
            Command::Bookmarks(a) => Some(&a.book),
            _ => None,
        }
    }
}

/// An error for the person at the terminal: one line, exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Other(String),
}

impl GlobalArgs {
    /// These options with the book options given (a command's own over those before it).
    fn with_book(mut self, own: Option<&BookArgs>, before: &BookArgs) -> GlobalArgs {
        let pick = |f: fn(&BookArgs) -> Option<&String>| own.and_then(f).or(f(before)).cloned();
        self.encoding = pick(|b| b.encoding.as_ref());
        self.toc_rule = pick(|b| b.toc_rule.as_ref());
        self.max_size_mb = own.and_then(|b| b.max_size_mb).or(before.max_size_mb);
        self
    }

    /// The user's configuration; a broken file means the defaults, and the problems.
    pub fn config(&self) -> (Config, Option<ConfigErrors>) {
        match config_cmd::user_config_path(self) {
            Ok(path) => Config::load_or_default(&path),
            Err(_) => (Config::defaults().clone(), None),
        }
    }

    /// How to decode books: `--encoding` over the configuration.
    pub fn load_options_with(&self, cfg: &Config) -> LoadOptions {
        let mut opts = cfg.book.load_options(self.encoding.as_deref());
        if let Some(mb) = self.max_size_mb {
            opts.max_bytes = Some(mb.saturating_mul(1024 * 1024));
        }
        opts.rule_budget = rule_budget_from_env();
        opts
    }

    /// How to find chapters: `--toc-rule` over the configuration's chapter rules.
    pub fn rules_with(&self, cfg: &Config) -> Result<RuleSet, CliError> {
        match &self.toc_rule {
            Some(arg) => cfg.chapters.toc_rule_set(arg).map_err(CliError::Usage),
            None => Ok(cfg.chapters.rule_set()),
        }
    }

    /// How to decode books with the user's configuration.
    pub fn load_options(&self) -> LoadOptions {
        self.load_options_with(&self.config().0)
    }

    /// Open a book with `cfg` and these options; `-` reads standard input.
    pub fn open_with(&self, path: &std::path::Path, cfg: &Config) -> Result<Document, CliError> {
        let rules = self.rules_with(cfg)?;
        if stdin::is_stdin(path) {
            return stdin::read(&self.load_options_with(cfg), &rules, self.lang);
        }
        Ok(crate::formats::open(
            path,
            &self.load_options_with(cfg),
            &rules,
        )?)
    }

    /// Open a book with the user's configuration (problems in it are reported on stderr, and
    /// the defaults used).
    pub fn open(&self, path: &std::path::Path) -> Result<Document, CliError> {
        Ok(self.open_configured(path)?.0)
    }

    /// Like `open`, also returning the configuration it used.
    pub fn open_configured(&self, path: &std::path::Path) -> Result<(Document, Config), CliError> {
        let (cfg, errors) = self.config();
        if let Some(e) = errors {
            let text = e.summary_in(self.lang);
            let problem = crate::config::error::one_line(&text);
            let line = tr!(self.lang, "cli-config-defaults", problem = problem);
            eprintln!("kanshu: {line}");
        }
        let doc = self.open_with(path, &cfg)?;
        if let Some(stopped) = &doc.rules_stopped {
            let text = crate::app::library::rules_stopped_text(stopped, self.lang);
            eprintln!("kanshu: {text}");
        }
        Ok((doc, cfg))
    }
}

/// The time user heading rules may take on a book, in milliseconds, from
/// `KANSHU_RULE_BUDGET_MS` (how the tests make a rule stop without timing anything); `None`:
/// `chapters::RULE_BUDGET`.
fn rule_budget_from_env() -> Option<crate::document::chapters::RuleBudget> {
    let ms: u64 = std::env::var("KANSHU_RULE_BUDGET_MS")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(crate::document::chapters::RuleBudget(
        std::time::Duration::from_millis(ms),
    ))
}

/// Write to stdout; a closed pipe (`kanshu toc big.txt | head`) ends output quietly.
pub fn emit(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Other(format!("cannot write output: {e}"))),
    }
}

/// Parse arguments, run the command, return the process exit code.
pub fn run() -> i32 {
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let lang = language(&GlobalArgs::default().config().0);
            if let Some(line) = suggest::for_parse_error(&e, lang) {
                eprintln!("kanshu: {line}");
                return 2;
            }
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let lang = language(&cli.global.config().0);
    cli.global.lang = lang;
    // `kanshu tco`: no such file, and a command's name mistyped.
    if cli.command.is_none()
        && let Some(line) = suggest::for_missing_file(cli.file.as_deref(), lang)
    {
        eprintln!("kanshu: {line}");
        return 2;
    }
    let own = cli.command.as_ref().and_then(Command::book_args);
    cli.global = cli.global.clone().with_book(own, &cli.book);
    let result = match cli.command {
        Some(Command::Toc(args)) => toc::run(&args, &cli.global),
        Some(Command::Info(args)) => info::run(&args, &cli.global),
        Some(Command::Render(args)) => render::run(&args, &cli.global),
        Some(Command::Bookmarks(args)) => store_cmds::bookmarks(&args, &cli.global),
        Some(Command::Recent(args)) => store_cmds::recent(&args, &cli.global),
        Some(Command::Notes(args)) => notes::run(&args, &cli.global),
        Some(Command::Config(args)) => config_cmd::run(&args, &cli.global),
        Some(Command::Completions(args)) => completions::completions(&args),
        Some(Command::Manual(args)) => completions::manual(&args),
        None => {
            let display = crate::view::display::DisplayMode {
                view: crate::view::ViewOptions {
                    script: cli.script.unwrap_or_default(),
                    clean: cli.clean,
                },
                vertical: cli.vertical,
            };
            let store = crate::store::Store::open(cli.global.config_dir.as_deref()).ok();
            reopen::resolve(
                cli.file.as_deref(),
                cli.recent.as_deref(),
                store.as_ref(),
                lang,
            )
            .and_then(|t| {
                let args = read::ReadArgs {
                    file: t.file.as_deref(),
                    guide: cli.guide,
                    display,
                    start: read::Start {
                        chapter: cli.chapter,
                        at: cli.at,
                        search: cli.search,
                    },
                    toc: cli.toc,
                    picker: t.picker.as_deref(),
                };
                read::run(&args, &cli.global)
            })
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            // Messages quote paths, labels and config keys: never a raw control character.
            let line = error_line(&e, lang);
            eprintln!("kanshu: {}", crate::config::error::one_line(&line));
            2
        }
    }
}
