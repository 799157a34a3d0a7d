//! The subcommands behind `socklab`'s command line: what each one does
//! with its flags, and how socklab ends (`Exit`). `main.rs` holds the
//! flags themselves and `main`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use socklab::command::help;
use socklab::runner::Format;
use socklab::sandbox::Network;
use socklab::session::Session;
use socklab::transcript::lesson_env::Limits;
use socklab::transcript::{self, check, format, library, play, record};
use socklab::{repl, script};

use crate::{Cli, Commands};

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

/// `--sandbox`, and the user namespace lessons need to make their networks.
pub fn enter_namespaces(cli: &Cli) -> Result<(), String> {
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
    wire: Option<crate::WireLook>,
    /// What each lesson may use (`--max-memory`, `--max-jobs`, `--max-time`
    /// lower the most).
    limits: Limits,
}

impl Lessons {
    fn new(host_net: bool, max_time: Option<Duration>, cli: &Cli) -> Lessons {
        Lessons {
            network: network(host_net),
            encoding: cli.encoding,
            timeout: cli.timeout,
            wire: cli.wire,
            limits: Limits::lowered(cli.max_memory, cli.max_jobs.map(|n| n as usize), max_time),
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
pub fn check_flags(cli: &Cli) -> Result<(), String> {
    let (name, allowed): (&str, &[&str]) = match &cli.command {
        Some(Commands::Help { .. }) => ("help", &[]),
        _ if cli.lab && cli.wire == Some(crate::WireLook::On) => {
            return Err(
                "--wire does not apply with --lab: the lab shows its link's segments by itself \
                 (--wire=ladder or --wire=summary choose how)"
                    .into(),
            );
        }
        Some(Commands::Record { .. })
            if cli.wire.is_some_and(|look| look != crate::WireLook::On) =>
        {
            return Err(
                "record writes every segment (--wire): a transcript keeps the data, not the \
                 look — draw it afterwards with socklab diagram FILE, or play it with \
                 socklab play --wire=ladder FILE"
                    .into(),
            );
        }
        Some(Commands::Test { .. }) => ("test", &["timeout", "encoding", "max-memory", "max-jobs"]),
        Some(Commands::Play { .. }) => (
            "play",
            &["timeout", "encoding", "wire", "max-memory", "max-jobs"],
        ),
        Some(Commands::Record { .. }) => ("record", &["timeout", "encoding", "wire", "lab"]),
        _ => return Ok(()),
    };
    let given = [
        ("lab", cli.lab),
        ("json", cli.json),
        ("timeout", cli.timeout.is_some()),
        ("bail", cli.bail),
        ("wire", cli.wire.is_some()),
        ("encoding", cli.encoding.is_some()),
        ("max-memory", cli.max_memory.is_some()),
        ("max-jobs", cli.max_jobs.is_some()),
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
            ("lab", _) => {
                "a lesson runs in a lab when it says so itself, with a `#! lab` line (the \
                 lab's lessons have one; record in a lab writes it)"
                    .into()
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
pub fn run(cli: Cli) -> Result<usize, Exit> {
    let format = if cli.json { Format::Json } else { Format::Text };
    let encoding = cli.encoding;
    let script_file = match cli.command {
        Some(Commands::Help { topic, markdown }) => return help_command(topic, markdown),
        Some(Commands::Test {
            ref paths,
            bless,
            jobs,
            host_net,
            lessons,
            max_time,
            pace,
        }) => {
            let lesson = Lessons::new(host_net, max_time, &cli);
            let sources = test_sources(paths, lessons, bless)?;
            return test_command(sources, bless, jobs, lesson, pace.unwrap_or_default());
        }
        Some(Commands::Diagram {
            ref file,
            ref output,
            format,
            width,
            ascii,
            force,
            steps,
        }) => {
            use crate::DiagramFormat as F;
            let format = format.unwrap_or_else(|| {
                match output
                    .as_deref()
                    .and_then(|o| o.extension())
                    .and_then(|e| e.to_str())
                {
                    Some("txt") => F::Txt,
                    Some("svg") => F::Svg,
                    Some("html" | "htm") => F::Html,
                    _ => F::Mermaid,
                }
            });
            let look = match format {
                F::Mermaid => Look::Mermaid,
                F::Txt => Look::Ladder { width, ascii },
                F::Svg => Look::Svg,
                F::Html => Look::Html,
            };
            return diagram_command(file, output.as_deref(), look, force, steps);
        }
        Some(Commands::Lessons) => {
            let text: String = library::listing()
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            write_stdout(text.as_bytes())?;
            return Ok(0);
        }
        Some(Commands::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "socklab",
                &mut out,
            );
            write_stdout(&out)?;
            return Ok(0);
        }
        Some(Commands::Manpage) => {
            write_stdout(&manpage())?;
            return Ok(0);
        }
        Some(Commands::Record { ref file }) => {
            let setup = record::Setup {
                encoding: encoding.unwrap_or(socklab::encoding::UTF_8),
                timeout: cli.timeout,
                wire: cli.wire.is_some(),
                lab: cli.lab,
                writes: None,
            };
            return record_command(file, setup);
        }
        Some(Commands::Play {
            ref file,
            auto,
            host_net,
            max_time,
        }) => {
            let lesson = Lessons::new(host_net, max_time, &cli);
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
    session.set_budget(socklab::budget::Budget::new(
        cli.max_memory.unwrap_or(socklab::budget::SESSION_MEMORY),
        cli.max_jobs
            .map_or(socklab::budget::SESSION_JOBS, |n| n as usize),
    ));
    if cli.lab {
        session.start_lab()?;
    }
    session.set_private_network(cli.sandbox);
    if let Some(encoding) = encoding {
        session.set_encoding(encoding);
    }
    if let Some(look) = cli.wire {
        if !cli.lab {
            session.wire_on()?;
        }
        if let Some(look) = look.pinned() {
            session.pin_wire_look(look);
        }
    }
    match script_file {
        Some(file) => match script::run(session, &file, format, cli.bail) {
            Ok(ended) if ended.interrupted => Err(Exit::Interrupted),
            Ok(ended) => Ok(ended.failures),
            Err(e) => Err(output_failed(&e)),
        },
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

/// What `socklab test` runs: the files named (default transcripts/) and
/// built-in lessons named by name or number as `play` takes them (`41`,
/// `half-close`; a file wins), or the whole built-in library (`--lessons`).
fn test_sources(paths: &[PathBuf], builtin: bool, bless: bool) -> Result<Vec<check::Source>, Exit> {
    if builtin {
        if bless {
            return Err("--bless rewrites files; the built-in lessons are not files"
                .to_string()
                .into());
        }
        if !paths.is_empty() {
            return Err(
                "--lessons runs the built-in library: name files, or --lessons, not both"
                    .to_string()
                    .into(),
            );
        }
        return Ok(library::all()
            .into_iter()
            .map(check::Source::Builtin)
            .collect());
    }
    // Lessons are named only explicitly: a missing transcripts/ is no lesson.
    let (paths, named) = match paths.is_empty() {
        true => (vec![PathBuf::from("transcripts")], false),
        false => (paths.to_vec(), true),
    };
    let mut sources = Vec::new();
    for path in &paths {
        if named && let Some(lesson) = builtin_named(path)? {
            if bless {
                return Err(format!(
                    "--bless rewrites files; {} is a built-in lesson, not a file",
                    lesson.name
                )
                .into());
            }
            sources.push(check::Source::Builtin(lesson));
            continue;
        }
        let files = transcript::collect(std::slice::from_ref(path)).map_err(|e| {
            format!("{e} (socklab test --lessons runs the lessons built into socklab)")
        })?;
        sources.extend(files.into_iter().map(check::Source::File));
    }
    if sources.is_empty() {
        return Err("no .socklab files found".to_string().into());
    }
    Ok(sources)
}

/// The built-in lesson a path that is no file names (`41`, `half-close`),
/// as `play` finds it; None for a file, or for what is written as a path
/// (`x.socklab`, `dir/x`), whose absence `collect` reports.
fn builtin_named(path: &std::path::Path) -> Result<Option<library::Lesson>, Exit> {
    let text = path.to_string_lossy();
    let as_path = text.contains('/') || path.extension().is_some_and(|e| e == "socklab");
    if path.exists() || as_path {
        return Ok(None);
    }
    library::find(&text).map(Some).map_err(Exit::Error)
}

/// `socklab manpage`: clap's page for the flags, then the command
/// language's verbs from the command table.
fn manpage() -> Vec<u8> {
    let mut out = Vec::new();
    let _ = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out);
    out.extend_from_slice(b".SH \"THE COMMAND LANGUAGE\"\n");
    out.extend_from_slice(
        b"Each line typed at the prompt, or in a script or lesson, is one verb and its arguments; \
          most make one system call. H is a handle name (default: the current handle).\n",
    );
    for spec in socklab::command::COMMANDS {
        let usage = roff_text(spec.usage);
        let summary = roff_text(spec.summary);
        out.extend_from_slice(format!(".TP\n\\fB{usage}\\fR\n{summary}\n").as_bytes());
    }
    out.extend_from_slice(
        b".SH \"SEE ALSO\"\nsocklab help VERB; docs/guide.md, docs/commands.md, docs/lab.md in the source.\n",
    );
    out
}

/// Text for roff: backslashes doubled, a leading dot or quote made safe.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    match text.chars().next() {
        Some('.') | Some('\'') => format!("\\&{text}"),
        _ => text,
    }
}

fn test_command(
    files: Vec<check::Source>,
    bless: bool,
    jobs: Option<usize>,
    lessons: Lessons,
    pace: Duration,
) -> Result<usize, Exit> {
    let network = lessons.network;
    let options = check::Options {
        bless,
        // Lessons mostly wait (on the kernel's timers, in the lab): twice
        // as many at once as there are CPUs, at least four.
        jobs: jobs.unwrap_or_else(|| {
            (2 * std::thread::available_parallelism().map_or(1, usize::from)).max(4)
        }),
        // Transcripts compare output without colour.
        colour: check::colour_wanted(),
        network,
        encoding: lessons.encoding,
        timeout: lessons.timeout,
        limits: lessons.limits,
        pace,
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

fn record_command(file: &std::path::Path, mut setup: record::Setup) -> Result<usize, Exit> {
    use std::os::unix::fs::MetadataExt;
    colored::control::set_override(false);
    let shown = socklab::safe_text::escape(&file.display().to_string()).into_owned();
    // Written as each step happens: a SIGTERM or a closed stdout leaves
    // every completed step in the file.
    let mut out = socklab::safe_file::create(file, socklab::safe_file::Existing::Replace)
        .map_err(|e| format!("cannot write {shown}: {}", socklab::error::io_reason(&e)))?;
    setup.writes = out.metadata().ok().map(|m| (m.dev(), m.ino()));
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

/// `socklab diagram FILE [-o OUT]`: the transcript's ladder, as mermaid or
/// as text for a terminal.
/// What `socklab diagram` draws.
enum Look {
    Mermaid,
    Ladder { width: usize, ascii: bool },
    Svg,
    Html,
}

fn diagram_command(
    file: &str,
    output: Option<&std::path::Path>,
    look: Look,
    force: bool,
    steps: Option<(usize, usize)>,
) -> Result<usize, Exit> {
    let path = std::path::Path::new(file);
    let (text, name) = if path.exists() {
        let stem = path
            .file_stem()
            .map_or(file.to_string(), |s| s.to_string_lossy().into_owned());
        (transcript::read_lesson(path)?, stem)
    } else {
        let lesson = library::find(file)?;
        (lesson.text.to_string(), lesson.name.to_string())
    };
    let shown = socklab::safe_text::escape(file).into_owned();
    let mut parsed = format::parse(&text).map_err(|e| Exit::Error(format!("{shown}: {e}")))?;
    if let Some((from, to)) = steps {
        let count = parsed.entries.len();
        if from > count {
            return Err(Exit::Error(format!(
                "{shown} has {count} commands: --steps {from}… draws none of them"
            )));
        }
        parsed.entries = parsed
            .entries
            .into_iter()
            .skip(from - 1)
            .take(to.saturating_sub(from - 1))
            .collect();
    }
    // The lesson's name (and which steps) and the first line of narration
    // drawn (its title).
    let name = match steps {
        Some((from, usize::MAX)) => format!("{name}, steps {from}–"),
        Some((from, to)) if from == to => format!("{name}, step {from}"),
        Some((from, to)) => format!("{name}, steps {from}–{to}"),
        None => name,
    };
    let title = match parsed.entries.first().and_then(|e| e.narration.first()) {
        Some(first) => format!("{name} — {first}"),
        None => name,
    };
    let picture = match look {
        Look::Ladder { width, ascii } => socklab::diagram::ladder(&parsed, width, ascii),
        Look::Mermaid => socklab::diagram::mermaid(&parsed, &title),
        Look::Svg => socklab::diagram::svg(&parsed, &title),
        Look::Html => socklab::diagram::html(&parsed, &title),
    };
    match output {
        None => write_stdout(picture.as_bytes())?,
        Some(out) => {
            use std::io::Write;
            let existing = if force {
                socklab::safe_file::Existing::Replace
            } else {
                socklab::safe_file::Existing::Refuse
            };
            let out_shown = socklab::safe_text::escape(&out.display().to_string()).into_owned();
            socklab::safe_file::create(out, existing)
                .and_then(|mut f| f.write_all(picture.as_bytes()))
                .map_err(|e| {
                    Exit::Error(format!(
                        "cannot write {out_shown}: {}{}",
                        socklab::error::io_reason(&e),
                        if e.kind() == std::io::ErrorKind::AlreadyExists {
                            " (--force replaces it)"
                        } else {
                            ""
                        }
                    ))
                })?;
            eprintln!("wrote {out_shown}");
        }
    }
    Ok(0)
}

fn play_command(file: &str, auto: Option<Duration>, lessons: Lessons) -> Result<usize, Exit> {
    // A file wins over a built-in lesson of the same name.
    let path = std::path::Path::new(file);
    let text = if path.exists() {
        transcript::read_lesson(path)?
    } else {
        library::find(file)?.text.to_string()
    };
    let shown = socklab::safe_text::escape(file).into_owned();
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
        wire: lessons.wire.map(|look| look.pinned()),
        limits: lessons.limits,
        fit: socklab::render::wrap::Fit::for_stdout(),
    };
    match play::play(&transcript, &mut pace, &mut std::io::stdout(), setup) {
        Ok(play::Played::Done(failures)) => Ok(failures),
        Ok(play::Played::Quit) => Ok(0),
        Ok(play::Played::Interrupted) => Err(Exit::Interrupted),
        Ok(play::Played::Refused(message)) => Err(format!("{shown}: {message}").into()),
        Err(e) => Err(output_failed(&e)),
    }
}
