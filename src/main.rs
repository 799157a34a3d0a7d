//! The `socklab` command line: the shell (default), script mode, help.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use socklab::command::parse_duration;
use socklab::sys;

mod cli_text;
mod subcommands;

use subcommands::{Exit, check_flags, enter_namespaces, run};

/// How `--wire` shows the segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WireLook {
    // (No doc comments: they would make clap write every option's help
    // on a line of its own.) on: a line per segment; summary: a line per
    // direction per step; ladder: a ladder diagram under each step.
    On,
    Summary,
    Ladder,
}

impl WireLook {
    /// The session's look; None for `on` (the default list, which a
    /// script's own `wire summary` or `wire ladder` may change).
    pub fn pinned(self) -> Option<socklab::wire::Look> {
        match self {
            WireLook::On => None,
            WireLook::Summary => Some(socklab::wire::Look::Summary),
            WireLook::Ladder => Some(socklab::wire::Look::Ladder {
                ascii: !socklab::diagram::live::locale_is_utf8(),
            }),
        }
    }
}

/// A flag's value socklab cannot take; clap shows it after the flag.
#[derive(Debug, thiserror::Error)]
enum BadValue {
    #[error("'{0}' is not a command number (1, 2, …): write A-B, A- or A, as 6-7")]
    StepNumber(String),
    #[error("{from}-{to} ends before it starts: write A-B with A ≤ B")]
    StepsBackwards { from: usize, to: usize },
    #[error("'{0}' is not a size of at least 1M: write 512M, 2G or 1048576")]
    Size(String),
    #[error("'{0}' is not a duration: write 10, 1.5s or 200ms")]
    Duration(String),
    #[error("'{0}' is not a language socklab speaks: en, ru or zh")]
    Lang(String),
}

/// `--steps A-B`, `A-`, `A`: a range of commands counted from 1.
fn parse_steps(text: &str) -> Result<(usize, usize), BadValue> {
    let number = |t: &str| match t.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(BadValue::StepNumber(t.to_string())),
    };
    let (from, to) = match text.split_once('-') {
        Some((from, "")) => (number(from)?, usize::MAX),
        Some((from, to)) => (number(from)?, number(to)?),
        None => (number(text)?, number(text)?),
    };
    if to < from {
        return Err(BadValue::StepsBackwards { from, to });
    }
    Ok((from, to))
}

// The words of `--help` (every about and every option's help), in every
// language, are in the `cli` section of i18n/*/socklab.ftl, keyed by the
// command tree (`cli-play-auto`); `cli_text::command` puts them in.
#[derive(Parser)]
#[command(name = "socklab", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
    #[arg(long, global = true)]
    json: bool,
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_timeout)]
    timeout: Option<Duration>,
    #[arg(long, global = true)]
    bail: bool,
    #[arg(long, global = true)]
    sandbox: bool,
    #[arg(long, global = true)]
    lab: bool,
    #[arg(
        long,
        global = true,
        value_name = "LOOK",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "on"
    )]
    wire: Option<WireLook>,
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static socklab::encoding::Encoding>,
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<usize>,
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_jobs: Option<u32>,
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<socklab::i18n::Lang>,
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Subcommand)]
pub enum Commands {
    Run {
        file: String,
    },
    Test {
        #[arg(value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        lessons: bool,
        #[arg(long)]
        bless: bool,
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        #[arg(long)]
        host_net: bool,
        #[arg(long, value_name = "TIME", value_parser = parse_timeout)]
        max_time: Option<Duration>,
        #[arg(long, value_name = "PAUSE", value_parser = parse_timeout)]
        pace: Option<Duration>,
    },
    Record {
        file: PathBuf,
    },
    Play {
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        #[arg(long, value_name = "DELAY", value_parser = parse_timeout)]
        auto: Option<Duration>,
        #[arg(long)]
        host_net: bool,
        #[arg(long, value_name = "TIME", value_parser = parse_timeout)]
        max_time: Option<Duration>,
        #[arg(long, conflicts_with = "auto")]
        predict: bool,
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    Translate {
        program: PathBuf,
        #[arg(allow_hyphen_values = true)]
        args: Vec<String>,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Diagram {
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: Option<DiagramFormat>,
        #[arg(long, default_value_t = 80)]
        width: usize,
        #[arg(long)]
        ascii: bool,
        #[arg(long)]
        force: bool,
        #[arg(long, value_name = "A-B", value_parser = parse_steps)]
        steps: Option<(usize, usize)>,
        #[arg(long, conflicts_with_all = ["format", "width", "ascii"])]
        graph: bool,
    },
    Export {
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        #[arg(long, value_enum)]
        to: ExportLanguage,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Lessons,
    Completions {
        shell: clap_complete::Shell,
    },
    Manpage,
    Help {
        topic: Option<String>,
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    Mermaid,
    Txt,
    Svg,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportLanguage {
    Python,
    C,
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// A play target: any text (a file, or a lesson's name), with the
/// built-in lessons' names as the values a shell completes.
#[derive(Clone)]
struct LessonOrFile;

impl clap::builder::TypedValueParser for LessonOrFile {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let names = socklab::transcript::library::all()
            .into_iter()
            .map(|lesson| clap::builder::PossibleValue::new(lesson.name));
        Some(Box::new(names))
    }
}

fn parse_lang(text: &str) -> Result<socklab::i18n::Lang, BadValue> {
    socklab::i18n::Lang::parse(text).ok_or_else(|| BadValue::Lang(text.to_string()))
}

fn parse_encoding(
    text: &str,
) -> Result<&'static socklab::encoding::Encoding, socklab::encoding::EncodingError> {
    socklab::encoding::by_name(text)
}

fn parse_size(text: &str) -> Result<usize, BadValue> {
    socklab::budget::parse_bytes(text)
        .filter(|&bytes| bytes >= 1 << 20)
        .ok_or_else(|| BadValue::Size(text.to_string()))
}

fn parse_timeout(text: &str) -> Result<Duration, BadValue> {
    parse_duration(&text.to_ascii_lowercase()).ok_or_else(|| BadValue::Duration(text.to_string()))
}

/// The language asked for by `--lang` on the command line, read before
/// clap parses it (clap's own help is in that language).
fn lang_from_args() -> Option<socklab::i18n::Lang> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            return None;
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return socklab::i18n::Lang::parse(value);
        }
        if arg == "--lang" {
            return socklab::i18n::Lang::parse(&args.next()?.to_string_lossy());
        }
    }
    None
}

/// `socklab: MESSAGE` on standard error, in the terminal's charset.
fn say(message: &dyn std::fmt::Display) {
    use std::io::Write;
    let mut err = socklab::i18n::terminal(std::io::stderr().lock());
    let _ = writeln!(err, "socklab: {message}");
}

fn main() -> ExitCode {
    let chosen = socklab::i18n::negotiate_from_env();
    socklab::i18n::choose(lang_from_args().unwrap_or(chosen.lang));
    socklab::i18n::set_charset(chosen.charset);
    let cli = match cli_text::command()
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => return cli_text::exit(&error),
    };
    if let Err(message) = check_flags(&cli) {
        say(&message);
        return ExitCode::from(2);
    }
    // Before any thread exists: a multithreaded process cannot unshare.
    if let Err(message) = enter_namespaces(&cli) {
        say(&message);
        return ExitCode::from(2);
    }
    let colour = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    colored::control::set_override(colour && !cli.json);
    if let Err(errno) = sys::install_signal_handlers() {
        eprintln!("socklab: cannot install signal handlers: {errno}");
        return ExitCode::from(2);
    }
    if let Err(error) = socklab::terminate::install() {
        eprintln!("socklab: cannot set up SIGTERM handling: {error}");
        return ExitCode::from(2);
    }
    match run(cli) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(Exit::Error(message)) => {
            say(&message);
            ExitCode::from(2)
        }
        Err(Exit::Interrupted) => ExitCode::from(130),
        Err(Exit::OutputClosed) => ExitCode::from(141),
    }
}
