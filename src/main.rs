//! The `socklab` command line: the shell (default), script mode, help.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use socklab::command::{help, parse_duration};
use socklab::runner::Format;
use socklab::session::Session;
use socklab::transcript::{self, check, format, play, record};
use socklab::{repl, script, sys};

#[derive(Parser)]
#[command(
    name = "socklab",
    version,
    disable_help_subcommand = true,
    about = "Drive the real sockets API by hand, one call at a time, and watch what the kernel does."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
    /// One JSON object per executed line instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Bound each blocking call (e.g. 10, 1.5s, 200ms; 0: no bound). Default: 10s in scripts, none in the shell.
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_timeout)]
    timeout: Option<Duration>,
    /// In scripts, stop at the first usage error or timeout.
    #[arg(long, global = true)]
    bail: bool,
    /// Run in a user + network namespace of its own: a private loopback, and CAP_NET_RAW there for the wire view.
    #[arg(long, global = true)]
    sandbox: bool,
    /// Start with the wire view on: the segments each step puts on loopback (needs CAP_NET_RAW).
    #[arg(long, global = true)]
    wire: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Subcommand)]
enum Commands {
    /// Run a script of socklab lines (FILE, or - for stdin) in one session.
    Run { file: String },
    /// Replay transcripts against the live kernel and compare (default: transcripts/).
    Test {
        paths: Vec<PathBuf>,
        /// Rewrite the expected output of failing commands in place.
        #[arg(long)]
        bless: bool,
        /// How many files to run at once (default: the number of CPUs).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
    },
    /// Run commands from stdin and write them, with their output, as a transcript.
    Record { file: PathBuf },
    /// Step through a transcript live: narration, command, Enter, real output.
    Play {
        file: PathBuf,
        /// Move on by itself after this long (e.g. 1.5s) instead of waiting for Enter.
        #[arg(long, value_name = "DELAY", value_parser = parse_timeout)]
        auto: Option<Duration>,
    },
    /// Show help for a command, an errno (ECONNREFUSED) or `options`.
    Help {
        topic: Option<String>,
        /// Print the whole command reference as Markdown (docs/commands.md).
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    parse_duration(&text.to_ascii_lowercase())
        .ok_or_else(|| format!("'{text}' is not a duration: write 10, 1.5s or 200ms"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Before any thread exists: a multithreaded process cannot unshare.
    if cli.sandbox
        && let Err(message) = socklab::sandbox::enter()
    {
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
    match run(cli) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(message) => {
            eprintln!("socklab: {message}");
            ExitCode::from(2)
        }
    }
}

/// Returns how many lines failed.
fn run(cli: Cli) -> Result<usize, String> {
    let format = if cli.json { Format::Json } else { Format::Text };
    let script_file = match cli.command {
        Some(Commands::Help { topic, markdown }) => return help_command(topic, markdown),
        Some(Commands::Test { paths, bless, jobs }) => return test_command(paths, bless, jobs),
        Some(Commands::Record { file }) => return record_command(&file),
        Some(Commands::Play { file, auto }) => return play_command(&file, auto),
        Some(Commands::Run { file }) => Some(file),
        None if !std::io::stdin().is_terminal() => Some("-".to_string()),
        None => None,
    };
    let timeout = match (cli.timeout, &script_file) {
        (Some(t), _) if t.is_zero() => None,
        (Some(t), _) => Some(t),
        (None, Some(_)) => Some(Duration::from_secs(10)),
        (None, None) => None,
    };
    let session = match script_file {
        Some(_) => Session::new(timeout),
        None => Session::interactive(timeout),
    }
    .map_err(|e| format!("cannot start the session: {e}"))?;
    let mut session = session;
    if cli.wire {
        session.wire_on()?;
    }
    match script_file {
        Some(file) => script::run(session, &file, format, cli.bail).map_err(|e| e.to_string()),
        None => repl::run(session, format).map_err(|e| format!("the shell failed: {e}")),
    }
}

fn help_command(topic: Option<String>, markdown: bool) -> Result<usize, String> {
    if markdown {
        print!("{}", help::markdown());
        return Ok(0);
    }
    let lines = match &topic {
        None => help::overview(),
        Some(topic) => help::lines_for(topic).ok_or_else(|| format!("no help for '{topic}'"))?,
    };
    for line in lines {
        println!("{line}");
    }
    Ok(0)
}

fn test_command(paths: Vec<PathBuf>, bless: bool, jobs: Option<usize>) -> Result<usize, String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("transcripts")]
    } else {
        paths
    };
    let files = transcript::collect(&paths)?;
    if files.is_empty() {
        return Err("no .socklab files found".into());
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // Transcripts compare output without colour.
    let colour = check::colour_wanted();
    colored::control::set_override(false);
    let totals = check::run_all(&files, bless, jobs, colour);
    Ok(totals.failed)
}

fn record_command(file: &std::path::Path) -> Result<usize, String> {
    colored::control::set_override(false);
    let mut out = Vec::new();
    let stdin = std::io::stdin();
    let failures = record::record(&mut stdin.lock(), &mut out, &mut std::io::stdout())
        .map_err(|e| format!("recording failed: {e}"))?;
    std::fs::write(file, out).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    eprintln!("recorded {}", file.display());
    Ok(failures)
}

fn play_command(file: &std::path::Path, auto: Option<Duration>) -> Result<usize, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let transcript = format::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut pace = match auto {
        Some(delay) => play::Pace::Auto(delay),
        None => play::Pace::Enter(&mut input),
    };
    play::play(&transcript, &mut pace, &mut std::io::stdout())
        .map_err(|e| format!("play failed: {e}"))
}
