//! The `socklab` command line: the shell (default), script mode, help.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use socklab::command::{help, parse_duration};
use socklab::runner::Format;
use socklab::session::Session;
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
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Subcommand)]
enum Commands {
    /// Run a script of socklab lines (FILE, or - for stdin) in one session.
    Run { file: String },
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
    let session = Session::new(timeout).map_err(|e| format!("cannot start the session: {e}"))?;
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
