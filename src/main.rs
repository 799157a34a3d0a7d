//! The `socklab` command line: the shell (default), script mode, help.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use socklab::command::{help, parse_duration};
use socklab::runner::Format;
use socklab::sandbox::Network;
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
    #[arg(long, global = true)]
    lab: bool,
    /// Start with the wire view on: the segments each step puts on loopback (needs CAP_NET_RAW).
    #[arg(long, global = true)]
    wire: bool,
    /// The text encoding typed text is sent in and received bytes are shown
    /// in: utf-8 (default), gbk, gb18030, big5, shift_jis, euc-kr,
    /// windows-1251, koi8-r, latin1 … (a lesson's `#! encoding:` wins).
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static socklab::encoding::Encoding>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Subcommand)]
enum Commands {
    /// Run a script of socklab lines (FILE, or - for stdin) in one session.
    Run {
        /// The script: a file of socklab lines, or - for standard input.
        file: String,
    },
    /// Replay transcripts against the live kernel and compare (default: transcripts/).
    /// Each runs as a lesson: a network of its own, no files, bounded.
    Test {
        /// Transcript files, or directories of them (default: transcripts/).
        paths: Vec<PathBuf>,
        /// Rewrite the expected output of failing commands in place.
        #[arg(long)]
        bless: bool,
        /// How many files to run at once (default: the number of CPUs).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// Run in the host's network instead of a private one per lesson
        /// (for your own suites against a real server).
        #[arg(long)]
        host_net: bool,
    },
    /// Run commands from stdin and write them, with their output, as a transcript.
    Record {
        /// The transcript to write (replaced if it exists; never through a symbolic link).
        file: PathBuf,
    },
    /// Step through a transcript live: narration, command, Enter, real output.
    /// It runs as a lesson: a network of its own, no files, bounded.
    Play {
        /// The lesson: a .socklab transcript.
        file: PathBuf,
        /// Move on by itself after this long (e.g. 1.5s) instead of waiting for Enter.
        #[arg(long, value_name = "DELAY", value_parser = parse_timeout)]
        auto: Option<Duration>,
        /// Run in the host's network instead of a private one.
        #[arg(long)]
        host_net: bool,
    },
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
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_encoding(text: &str) -> Result<&'static socklab::encoding::Encoding, String> {
    socklab::encoding::by_name(text)
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    parse_duration(&text.to_ascii_lowercase())
        .ok_or_else(|| format!("'{text}' is not a duration: write 10, 1.5s or 200ms"))
}

/// How socklab ends, beyond "N lines failed" (docs/guide.md, "Exit status").
enum Exit {
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

/// A failed write to standard output, as an `Exit`.
fn output_failed(error: &std::io::Error) -> Exit {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Exit::OutputClosed
    } else {
        Exit::Error(format!(
            "cannot write the output: {}",
            socklab::error::io_reason(error)
        ))
    }
}

fn main() -> ExitCode {
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

/// `--sandbox`, and the user namespace lessons need to make their networks.
fn enter_namespaces(cli: &Cli) -> Result<(), String> {
    if cli.sandbox {
        socklab::sandbox::enter()?;
    }
    if cli.lab {
        // The lab's namespaces need a user namespace when not root.
        socklab::sandbox::prepare_lessons(Network::Private).map_err(|e| {
            e.replace(
                "to run lessons in the host's network instead, add --host-net",
                "the lab cannot run here",
            )
        })?;
    }
    match &cli.command {
        Some(Commands::Test { host_net, .. }) | Some(Commands::Play { host_net, .. }) => {
            socklab::sandbox::prepare_lessons(network(*host_net))
        }
        _ => Ok(()),
    }
}

/// What the global flags give every lesson of `test` and `play`.
#[derive(Clone, Copy)]
struct Lessons {
    network: Network,
    encoding: Option<&'static socklab::encoding::Encoding>,
    /// `--timeout`: for lessons without `#! timeout:`.
    timeout: Option<Duration>,
    wire: bool,
}

impl Lessons {
    fn new(host_net: bool, cli: &Cli) -> Lessons {
        Lessons {
            network: network(host_net),
            encoding: cli.encoding,
            timeout: cli.timeout,
            wire: cli.wire,
        }
    }

    /// The file's own directives win; the flags fill in the rest.
    fn apply(&self, transcript: &mut format::Transcript) {
        if transcript.encoding.is_none() {
            transcript.encoding = self.encoding;
        }
        if transcript.timeout.is_none()
            && let Some(timeout) = self.timeout.filter(|t| !t.is_zero())
        {
            transcript.timeout = Some(timeout.min(socklab::transcript::lesson_env::MAX_CALL));
        }
    }
}

/// The global flags a subcommand cannot honour are refused, saying why,
/// rather than silently ignored.
fn check_flags(cli: &Cli) -> Result<(), String> {
    let (name, allowed): (&str, &[&str]) = match &cli.command {
        Some(Commands::Help { .. }) => ("help", &[]),
        _ if cli.lab && cli.wire => {
            return Err(
                "--wire does not apply with --lab: the lab shows its link's segments by itself"
                    .into(),
            );
        }
        Some(Commands::Test { .. }) => ("test", &["timeout", "encoding"]),
        Some(Commands::Play { .. }) => ("play", &["timeout", "encoding", "wire"]),
        Some(Commands::Record { .. }) => ("record", &["timeout", "encoding", "wire"]),
        _ => return Ok(()),
    };
    let given = [
        ("lab", cli.lab),
        ("json", cli.json),
        ("timeout", cli.timeout.is_some()),
        ("bail", cli.bail),
        ("wire", cli.wire),
        ("encoding", cli.encoding.is_some()),
    ];
    for (flag, set) in given {
        if !set || allowed.contains(&flag) {
            continue;
        }
        let why = match (flag, name) {
            (_, "help") => "help runs no session".to_string(),
            ("json", _) => format!(
                "{name} shows a person its lessons; `socklab run --json FILE` gives one JSON object per step"
            ),
            ("bail", _) => "only a script stops at its first failing line: socklab run --bail".into(),
            ("wire", "test") => {
                "a lesson's expected output depends on the wire view, so a lesson turns it on itself (wire on)".into()
            }
            _ => "it has no effect there".into(),
        };
        return Err(format!(
            "--{flag} does not apply to `socklab {name}`: {why}"
        ));
    }
    Ok(())
}

fn network(host_net: bool) -> Network {
    if host_net {
        Network::Host
    } else {
        Network::Private
    }
}

/// Returns how many lines failed.
fn run(cli: Cli) -> Result<usize, Exit> {
    let format = if cli.json { Format::Json } else { Format::Text };
    let encoding = cli.encoding;
    let script_file = match cli.command {
        Some(Commands::Help { topic, markdown }) => return help_command(topic, markdown),
        Some(Commands::Test {
            ref paths,
            bless,
            jobs,
            host_net,
        }) => {
            let lesson = Lessons::new(host_net, &cli);
            return test_command(paths.clone(), bless, jobs, lesson);
        }
        Some(Commands::Record { ref file }) => {
            let setup = record::Setup {
                encoding: encoding.unwrap_or(socklab::encoding::UTF_8),
                timeout: cli.timeout,
                wire: cli.wire,
            };
            return record_command(file, setup);
        }
        Some(Commands::Play {
            ref file,
            auto,
            host_net,
        }) => {
            let lesson = Lessons::new(host_net, &cli);
            return play_command(file, auto, lesson);
        }
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
    if cli.lab {
        session.start_lab()?;
    }
    session.set_private_network(cli.sandbox);
    if let Some(encoding) = encoding {
        session.set_encoding(encoding);
    }
    if cli.wire {
        session.wire_on()?;
    }
    match script_file {
        Some(file) => script::run(session, &file, format, cli.bail).map_err(|e| output_failed(&e)),
        None => {
            repl::run(session, format).map_err(|e| Exit::Error(format!("the shell failed: {e}")))
        }
    }
}

fn help_command(topic: Option<String>, markdown: bool) -> Result<usize, Exit> {
    let text = if markdown && topic.as_deref() == Some("python") {
        socklab::command::python_table::markdown()
    } else if markdown {
        help::markdown()
    } else {
        let lines = help::fit_to_terminal(match &topic {
            None => help::overview(),
            Some(topic) => help::lines_for(topic)
                .ok_or_else(|| format!("no help for '{}'", socklab::safe_text::escape(topic)))?,
        });
        lines.iter().map(|line| format!("{line}\n")).collect()
    };
    write_stdout(text.as_bytes())?;
    Ok(0)
}

/// Writes all of `bytes` to standard output; a closed or full output is an `Exit`.
fn write_stdout(bytes: &[u8]) -> Result<(), Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| output_failed(&e))
}

fn test_command(
    paths: Vec<PathBuf>,
    bless: bool,
    jobs: Option<usize>,
    lessons: Lessons,
) -> Result<usize, Exit> {
    let network = lessons.network;
    let paths = if paths.is_empty() {
        vec![PathBuf::from("transcripts")]
    } else {
        paths
    };
    let files = transcript::collect(&paths)?;
    if files.is_empty() {
        return Err("no .socklab files found".to_string().into());
    }
    let options = check::Options {
        bless,
        jobs: jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
        // Transcripts compare output without colour.
        colour: check::colour_wanted(),
        network,
        encoding: lessons.encoding,
        timeout: lessons.timeout,
    };
    colored::control::set_override(false);
    if network == Network::Host {
        write_stdout(b"note: --host-net: the lessons run in the host's network, where they can reach real services\n")?;
    }
    let totals = check::run_all(&files, options, &mut std::io::stdout());
    if let Some(errno) = totals.output_failed {
        return Err(output_failed(&std::io::Error::from_raw_os_error(errno)));
    }
    if totals.interrupted {
        return Err(Exit::Interrupted);
    }
    Ok(totals.failed)
}

fn record_command(file: &std::path::Path, setup: record::Setup) -> Result<usize, Exit> {
    colored::control::set_override(false);
    let shown = socklab::safe_text::escape(&file.display().to_string()).into_owned();
    // Written as each step happens: a SIGTERM or a closed stdout leaves
    // every completed step in the file.
    let mut out = socklab::safe_file::create(file, socklab::safe_file::Existing::Replace)
        .map_err(|e| format!("cannot write {shown}: {}", socklab::error::io_reason(&e)))?;
    let stdin = std::io::stdin();
    let failures = record::record(&mut stdin.lock(), &mut out, &mut std::io::stdout(), setup)
        .map_err(|e| match e {
            record::Failure::Input(e) => Exit::Error(format!("reading the commands failed: {e}")),
            record::Failure::Start(e) => Exit::Error(format!("cannot start the session: {e}")),
            record::Failure::Transcript(e) => Exit::Error(format!(
                "recording to {shown} failed: {}",
                socklab::error::io_reason(&e)
            )),
        })?;
    eprintln!("recorded {shown}");
    Ok(failures)
}

fn play_command(
    file: &std::path::Path,
    auto: Option<Duration>,
    lessons: Lessons,
) -> Result<usize, Exit> {
    let text = transcript::read_lesson(file)?;
    let shown = socklab::safe_text::escape(&file.display().to_string()).into_owned();
    let mut transcript = format::parse(&text).map_err(|e| {
        if format::is_a_command_list(&text) {
            format!(
                "{shown} is a list of commands, not a lesson (a lesson has '> ' lines and \
                 their output): make one with socklab record LESSON.socklab < {shown}, then \
                 socklab play LESSON.socklab"
            )
        } else {
            format!("{shown}: {e}")
        }
    })?;
    lessons.apply(&mut transcript);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut pace = match auto {
        Some(delay) => play::Pace::Auto(delay),
        None => play::Pace::Enter(&mut input),
    };
    let setup = play::Setup {
        network: lessons.network,
        wire: lessons.wire,
    };
    match play::play(&transcript, &mut pace, &mut std::io::stdout(), setup) {
        Ok(play::Played::Done(failures)) => Ok(failures),
        Ok(play::Played::Quit) => Ok(0),
        Ok(play::Played::Interrupted) => Err(Exit::Interrupted),
        Ok(play::Played::Refused(message)) => Err(format!("{shown}: {message}").into()),
        Err(e) => Err(output_failed(&e)),
    }
}
