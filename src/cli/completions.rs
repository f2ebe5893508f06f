//! `kanshu completions SHELL` and `kanshu manual [COMMAND]`: shell completions (clap_complete)
//! and man pages (clap_mangen: kanshu(1) and one per command), all generated from the same command definition as `--help`, so they
//! name every command and option there is.
//!
//! Prints to stdout only; installing the output is the user's (README "Installing").

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError, emit};

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kanshu completions bash > ~/.local/share/bash-completion/completions/kanshu
  kanshu completions zsh > ~/.zfunc/_kanshu     (with fpath+=~/.zfunc before compinit)
  kanshu completions fish > ~/.config/fish/completions/kanshu.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kanshu", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kanshu manual > ~/.local/share/man/man1/kanshu.1
  kanshu manual toc > ~/.local/share/man/man1/kanshu-toc.1")]
pub struct ManualArgs {
    /// A command's own page (kanshu-toc(1), …), which the main page lists; default: kanshu(1)
    #[arg(value_name = "COMMAND", value_parser = command_name)]
    pub command: Option<String>,
}

/// The names of the commands that have a page of their own.
pub fn command_names() -> Vec<String> {
    let mut cli = Cli::command();
    cli.build();
    cli.get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn command_name(s: &str) -> Result<String, String> {
    let names = command_names();
    if names.iter().any(|n| n == s) {
        Ok(s.to_string())
    } else {
        Err(format!("no command `{s}`; one of: {}", names.join(", ")))
    }
}

/// The man page of kanshu, or of one of its commands, in roff.
pub fn page(command: Option<&str>) -> Result<String, CliError> {
    let mut cli = Cli::command();
    cli.build();
    let cmd = match command {
        None => cli,
        Some(name) => cli
            .find_subcommand(name)
            .map(|c| c.clone().version(env!("CARGO_PKG_VERSION")))
            .ok_or_else(|| CliError::Usage(format!("no command `{name}`")))?,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| CliError::Other(format!("cannot write the manual: {e}")))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

pub fn completions(args: &CompletionsArgs) -> Result<(), CliError> {
    emit(&script(args.shell))
}

pub fn manual(args: &ManualArgs) -> Result<(), CliError> {
    emit(&page(args.command.as_deref())?)
}
