//! The subcommands behind `socklab`'s command line: one file each for what
//! it does with its flags, and how socklab ends (`Exit`). `main.rs` holds
//! the flags themselves and `main`; [`run`] only matches a subcommand to
//! its function.
//!
//! - [`setup`]: before any of them, the global flags a subcommand refuses
//!   and the namespaces entered;
//! - [`shell`]: no subcommand (the shell, or a script on standard input)
//!   and `run FILE`;
//! - [`test`], [`record`], [`play`], [`diagram`], [`export`]: lessons and transcripts,
//!   with [`lessons`], what every lesson takes from the global flags;
//! - [`translate`]: a Python program's socket calls as a socklab script;
//! - [`reference`]: `help`, `manpage`, `completions`, `lessons` — text
//!   about socklab, no session.

use std::io::{IsTerminal, Write};

use crate::{Cli, Commands};

mod diagram;
mod export;
mod lessons;
mod play;
mod record;
mod reference;
mod setup;
mod shell;
mod test;
mod translate;

pub use setup::{check_flags, enter_namespaces};

/// How socklab ends, beyond "N lines failed" (docs/guide.md, "Exit status").
pub enum Exit {
    /// socklab's own error: one line on stderr, status 2.
    Error(String),
    /// Ctrl-C stopped `test` or `play`: status 130.
    Interrupted,
    /// Standard output was closed (`| head`): quietly, status 141, as a
    /// program that SIGPIPE ended would report.
    OutputClosed,
}

impl From<String> for Exit {
    fn from(message: String) -> Exit {
        Exit::Error(message)
    }
}

/// socklab's own errors, each ending it with its message.
macro_rules! exit_with_message {
    ($($error:ty),*) => {$(
        impl From<$error> for Exit {
            fn from(error: $error) -> Exit {
                Exit::Error(error.to_string())
            }
        }
    )*};
}

exit_with_message!(
    socklab::transcript::LessonFileError,
    socklab::transcript::library::FindError,
    socklab::error::UsageError,
    socklab::lab::Error,
    socklab::wire::CaptureError
);

/// A failed write to standard output, as an `Exit`.
pub fn output_failed(error: &std::io::Error) -> Exit {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Exit::OutputClosed
    } else {
        Exit::Error(format!(
            "cannot write the output: {}",
            socklab::error::io_reason(error)
        ))
    }
}

/// Writes text a person reads to standard output, in the terminal's
/// charset (GBK, KOI8-R …); a closed or full output is an `Exit`.
fn write_terminal(text: &str) -> Result<(), Exit> {
    let mut out = socklab::i18n::terminal(std::io::stdout().lock());
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| output_failed(&e))
}

/// Writes all of `bytes` to standard output, as they are (a program, a
/// picture, a completion script); a closed or full output is an `Exit`.
fn write_stdout(bytes: &[u8]) -> Result<(), Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| output_failed(&e))
}

/// Runs the subcommand `cli` names; returns how many lines failed.
pub fn run(cli: Cli) -> Result<usize, Exit> {
    match &cli.command {
        Some(Commands::Help { topic, markdown }) => reference::help(topic.as_deref(), *markdown),
        Some(Commands::Lessons) => reference::lessons(),
        Some(Commands::Completions { shell }) => reference::completions(*shell),
        Some(Commands::Manpage) => reference::manpage(),
        Some(Commands::Test {
            paths,
            bless,
            jobs,
            host_net,
            lessons: builtin,
            max_time,
            pace,
        }) => {
            let lesson = lessons::Lessons::new(*host_net, *max_time, &cli);
            let sources = test::sources(paths, *builtin, *bless)?;
            test::run(sources, *bless, *jobs, lesson, pace.unwrap_or_default())
        }
        Some(Commands::Translate {
            program,
            args,
            output,
            force,
        }) => translate::run(program, args, output.as_deref(), *force),
        Some(Commands::Diagram {
            file,
            output,
            format,
            width,
            ascii,
            force,
            steps,
            graph,
        }) => {
            let look = match graph {
                true => diagram::Look::Graph,
                false => diagram::Look::chosen(*format, output.as_deref(), *width, *ascii),
            };
            diagram::run(file, output.as_deref(), look, *force, *steps)
        }
        Some(Commands::Export {
            file,
            to,
            output,
            force,
        }) => export::run(file, *to, output.as_deref(), *force),
        Some(Commands::Record { file }) => record::run(file, &cli),
        Some(Commands::Play {
            file,
            auto,
            host_net,
            max_time,
            predict,
            report,
        }) => play::run(
            file,
            *auto,
            lessons::Lessons::new(*host_net, *max_time, &cli),
            play::Asking {
                predict: *predict,
                report: report.as_deref(),
            },
        ),
        Some(Commands::Run { file }) => shell::run(&cli, Some(file)),
        None if !std::io::stdin().is_terminal() => shell::run(&cli, Some("-")),
        None => shell::run(&cli, None),
    }
}
