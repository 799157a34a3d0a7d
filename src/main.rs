//! The `socklab` command line: the shell (default), script mode, help.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use socklab::command::parse_duration;
use socklab::sys;

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

#[derive(Parser)]
#[command(
    name = "socklab",
    version,
    disable_help_subcommand = true,
    about = "Drive the real sockets API by hand, one call at a time, and watch what the kernel does."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
    /// One JSON object per executed line instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Bound each blocking call (e.g. 10, 1.5s, 200ms; 0: no bound). Default: 10s in scripts (run),
    /// none in the shell; in lessons (test, play, record) 5s unless the file's `#! timeout:` says
    /// otherwise, and at most 60s.
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_timeout)]
    timeout: Option<Duration>,
    /// In scripts, stop at the first usage error or timeout.
    #[arg(long, global = true)]
    bail: bool,
    /// Run in a user + network namespace of its own: a private loopback, and CAP_NET_RAW there for the wire view.
    #[arg(long, global = true)]
    sandbox: bool,
    /// Run in the network lab: hosts a (192.0.2.1) and b (192.0.2.2), each a network namespace
    /// of its own, joined by a link that socklab relays (link hold, deliver, drop …; docs/lab.md).
    /// With record: the lesson runs in a lab (it writes `#! lab`, as record in a lab session
    /// does); test and play take `#! lab` from the lesson itself.
    #[arg(long, global = true)]
    lab: bool,
    /// Start with the wire view on: the segments each step puts on loopback (needs CAP_NET_RAW).
    /// `--wire=ladder` draws them as a ladder under each step, `--wire=summary` a line per
    /// direction; a lesson's own `wire on` keeps the look chosen here.
    #[arg(
        long,
        global = true,
        value_name = "LOOK",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "on"
    )]
    wire: Option<WireLook>,
    /// The text encoding typed text is sent in and received bytes are shown
    /// in: utf-8 (default), gbk, gb18030, big5, shift_jis, euc-kr,
    /// windows-1251, koi8-r, latin1 … (a lesson's `#! encoding:` wins).
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static socklab::encoding::Encoding>,
    /// The most memory socklab keeps for the session — samples, frames held or delayed on the
    /// lab's link, results of background jobs not yet shown (e.g. 512M, 2G). Default: 1G in
    /// scripts and the shell; a lesson (test, play) gets 256M, and may be given less, never more.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<usize>,
    /// The most background jobs and watchers at once. Default: 1024 in scripts and the shell; a
    /// lesson gets 256, and may be given fewer, never more.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_jobs: Option<u32>,
    /// The language socklab explains in: en, ru or zh (Simplified Chinese). Default: from
    /// LC_ALL, LC_MESSAGES, LANG; names, commands and JSON stay the same in every language.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<socklab::i18n::Lang>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Subcommand)]
pub enum Commands {
    /// Run a script of socklab lines (FILE, or - for stdin) in one session.
    Run {
        /// The script: a file of socklab lines, or - for standard input.
        file: String,
    },
    /// Replay transcripts against the live kernel and compare (default: transcripts/).
    /// Each runs as a lesson: a network of its own, no files, bounded — each lesson keeps at
    /// most 256 MiB, runs at most 256 background jobs at once and 300 s in all; with -j N
    /// lessons at once, the run uses at most N times that.
    Test {
        /// Transcript files, directories of them, or built-in lessons by name or number as
        /// play takes them (41, half-close; a file wins) (default: transcripts/, or with
        /// --lessons the lessons built into socklab).
        #[arg(value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Run the lesson library built into socklab (from any directory).
        #[arg(long)]
        lessons: bool,
        /// Rewrite the expected output of failing commands in place.
        #[arg(long)]
        bless: bool,
        /// How many files to run at once (default: twice the number of CPUs, at least 4).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// Run in the host's network instead of a private one per lesson
        /// (for your own suites against a real server).
        #[arg(long)]
        host_net: bool,
        /// The most time each lesson may run (e.g. 60s; at most and by default 300s):
        /// a step still running then is stopped where it is.
        #[arg(long, value_name = "TIME", value_parser = parse_timeout)]
        max_time: Option<Duration>,
        /// Pause this long before each step (e.g. 5s), as a teacher who stops
        /// to explain would: the kernel's timers run meanwhile.
        #[arg(long, value_name = "PAUSE", value_parser = parse_timeout)]
        pace: Option<Duration>,
    },
    /// Run commands from stdin and write them, with their output, as a transcript.
    Record {
        /// The transcript to write (replaced if it exists; never through a symbolic link).
        file: PathBuf,
    },
    /// Step through a transcript live: narration, command, Enter, real output.
    /// It runs as a lesson: a network of its own, no files, bounded.
    Play {
        /// The lesson: a .socklab file, or a built-in lesson's name or number
        /// (half-close, 03; socklab lessons lists them). A file wins over a name.
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        /// Move on by itself after this long (e.g. 1.5s) instead of waiting for Enter.
        #[arg(long, value_name = "DELAY", value_parser = parse_timeout)]
        auto: Option<Duration>,
        /// Run in the host's network instead of a private one.
        #[arg(long)]
        host_net: bool,
        /// The most time the lesson's steps may run in all, pauses not counted (e.g. 60s; at
        /// most and by default 300s): a step still running then is stopped where it is.
        #[arg(long, value_name = "TIME", value_parser = parse_timeout)]
        max_time: Option<Duration>,
        /// Predict, then run: before each step that makes a call, ask what it will
        /// return (a lesson's own questions, `?>` lines, are asked anyway); the
        /// answer is marked against what the call then does, and a score ends the
        /// lesson. Not with --auto.
        #[arg(long, conflicts_with = "auto")]
        predict: bool,
        /// Add this run's questions to a report for the teacher: FILE.csv (a row per
        /// question: the step, the answer, the actual result, right or wrong,
        /// seconds taken) or FILE.json (a JSON object per run, one per line).
        /// Appended to, so a class's runs gather in one file.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Turn a Python program's socket calls into a socklab script: one line per call, each
    /// tagged with the program's line; what cannot be translated (loops, conditionals,
    /// input(), variables only the running program knows) is listed on standard error and
    /// kept in the script as a comment.
    Translate {
        /// The Python program.
        program: PathBuf,
        /// The program's own arguments, as it reads them from sys.argv.
        #[arg(allow_hyphen_values = true)]
        args: Vec<String>,
        /// Write the script here (refused if it exists, unless --force) instead of standard
        /// output.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Draw a transcript as a ladder (sequence) diagram: an arrow per segment,
    /// each end's states, the calls — from the output recorded in the file.
    Diagram {
        /// The transcript: a .socklab file, or a built-in lesson's name or number.
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        /// Write the picture here (refused if it exists, unless --force) instead of
        /// standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// The format: mermaid (a sequenceDiagram, which GitHub renders), txt (a
        /// ladder for a terminal), svg (a self-contained picture) or html (the
        /// picture beside the lesson's narration, for a handout). Default: from
        /// OUT's extension (.txt, .svg, .html; else mermaid).
        #[arg(long, value_enum)]
        format: Option<DiagramFormat>,
        /// The ladder's width in columns (txt; at least 40).
        #[arg(long, default_value_t = 80)]
        width: usize,
        /// Draw the ladder with ASCII only (txt).
        #[arg(long)]
        ascii: bool,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
        /// Draw only these commands of the transcript, counted from 1: `6-7` (the handshake
        /// of a lesson, say, for a slide of its own), `10-` (from the 10th on), `14`.
        #[arg(long, value_name = "A-B", value_parser = parse_steps)]
        steps: Option<(usize, usize)>,
        /// Draw the time-sequence graph instead (an SVG): sequence over the segments'
        /// order for the way that carried the most data, the ACK line, retransmissions
        /// and losses, from the transcript's segment lines.
        #[arg(long, conflicts_with_all = ["format", "width", "ascii"])]
        graph: bool,
    },
    /// Write a transcript as a program of your own (Python or C) that makes the
    /// same calls and checks each result against the recorded one.
    Export {
        /// The transcript: a .socklab file, or a built-in lesson's name or number.
        #[arg(value_parser = LessonOrFile, hide_possible_values = true)]
        file: String,
        /// The language: python (standard library only), c (POSIX), or markdown (the
        /// transcript and both programs on one page, as docs/export.md).
        #[arg(long, value_enum)]
        to: ExportLanguage,
        /// Write the program here (refused if it exists, unless --force) instead of
        /// standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the lessons built into socklab, by group, with what each needs.
    Lessons,
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print socklab's man page (roff), the command language's verbs included.
    Manpage,
    /// Show help for a command, an errno (ECONNREFUSED) or `options`.
    Help {
        /// A command (bind), an errno (ECONNREFUSED or 111), a Python name (setblocking,
        /// ConnectionRefusedError), python, or options.
        topic: Option<String>,
        /// Print the whole command reference as Markdown (docs/commands.md;
        /// with the topic python, docs/python.md).
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

fn main() -> ExitCode {
    let chosen = socklab::i18n::negotiate_from_env();
    socklab::i18n::choose(lang_from_args().unwrap_or(chosen.lang));
    let cli = Cli::parse();
    if let Err(message) = check_flags(&cli) {
        eprintln!("socklab: {message}");
        return ExitCode::from(2);
    }
    // Before any thread exists: a multithreaded process cannot unshare.
    if let Err(message) = enter_namespaces(&cli) {
        eprintln!("socklab: {message}");
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
            eprintln!("socklab: {message}");
            ExitCode::from(2)
        }
        Err(Exit::Interrupted) => ExitCode::from(130),
        Err(Exit::OutputClosed) => ExitCode::from(141),
    }
}
