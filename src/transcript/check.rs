//! Replaying a transcript in a fresh session and comparing its output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::sync::atomic::Ordering;
use std::time::Instant;

use super::format::{self, Need, Transcript};
use super::lesson_env::{LessonEnv, LessonEnvError, Limits};
use super::normalize::{Namer, line_matches, matches, pace_free};
use crate::runner::{Flow, Format, Runner};
use crate::safe_text::escape;
use crate::sandbox::Network;
use crate::session::Session;

pub use crate::transcript_format::DEFAULT_TIMEOUT;

/// One command whose output differed.
#[derive(Debug)]
pub struct Mismatch {
    pub line: usize,
    pub command: String,
    pub expected: Vec<String>,
    pub actual: Vec<String>,
}

#[derive(Debug)]
pub enum Verdict {
    Passed,
    Failed(Vec<Mismatch>),
    Skipped(String),
}

/// Why a transcript could not be run to the end (not a mismatch: that is
/// a verdict).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    File(#[from] super::LessonFileError),
    #[error("{name}: {error}")]
    Format {
        name: String,
        error: format::FormatError,
    },
    #[error(transparent)]
    Env(#[from] LessonEnvError),
    #[error("{}", cannot_start(.0))]
    Start(std::io::Error),
    /// The lab could not start (its own message).
    #[error("{0}")]
    Lab(crate::lab::Error),
    #[error("{}", interrupted_before(*.0))]
    Interrupted(usize),
    #[error("{}", too_long(*line, *seconds))]
    TooLong { line: usize, seconds: u64 },
    /// A lesson's run stopped: its name, and why.
    #[error("{name}: {error}")]
    Stopped {
        name: String,
        error: Box<CheckError>,
    },
    #[error("{}", cannot_rewrite(name, error))]
    Rewrite { name: String, error: std::io::Error },
}

// The words of `CheckError`, in the language text is shown in.

fn cannot_start(error: &std::io::Error) -> String {
    crate::t!("test-cannot-start", error = error.to_string())
}

fn interrupted_before(line: usize) -> String {
    crate::t!("test-interrupted-before", line = line)
}

fn too_long(line: usize, seconds: u64) -> String {
    crate::t!("test-too-long", line = line, seconds = seconds)
}

fn cannot_rewrite(name: &str, error: &std::io::Error) -> String {
    crate::t!(
        "test-cannot-rewrite",
        name = name,
        error = error.to_string()
    )
}

/// Replays a transcript in a lesson environment of its own (see
/// `lesson_env`), within `limits`; returns the verdict and, with
/// `keep_outputs`, every command's output, normalized (what `--bless`
/// writes).
pub fn run(
    transcript: &Transcript,
    network: Network,
    limits: Limits,
    keep_outputs: bool,
    pace: Duration,
) -> Result<Ran, CheckError> {
    // The pauses a paced run makes are not the lesson's time.
    let paused = pace * u32::try_from(transcript.entries.len()).unwrap_or(u32::MAX);
    let limit = limits.time;
    let sigints = crate::sys::SIGINT_COUNT.load(Ordering::SeqCst);
    // Declared before the session, so it is dropped after it: the sockets
    // close before the scratch directory goes.
    let _env = LessonEnv::enter(network, transcript.unprivileged)?;
    // Needs are met or not in the lesson's own network (a packet socket
    // can be opened there by root of a user namespace, say).
    if let Some(why) = unmet_need(transcript) {
        return Ok(Ran {
            verdict: Verdict::Skipped(why),
            outputs: Vec::new(),
            notes: Vec::new(),
        });
    }
    let timeout = transcript.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let mut session = Session::new(Some(timeout)).map_err(CheckError::Start)?;
    session.confine();
    session.set_budget(limits.budget());
    if transcript.lab {
        session.start_lab().map_err(CheckError::Lab)?;
    }
    if let Some(encoding) = transcript.encoding {
        session.set_encoding(encoding);
    }
    let started = Instant::now();
    // A step still running when the time is up ends there (its call is
    // interrupted, its loop stops).
    session.set_deadline(Some((started + limit + paused, limit)));
    let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
    let mut namer = Namer::new(transcript.entries.iter().map(|e| e.command.as_str()));
    let mut outputs = Vec::new();
    let mut mismatches = Vec::new();
    let mut stopped = false;
    for (index, entry) in transcript.entries.iter().enumerate() {
        if index > 0 && !pace.is_zero() {
            pause(pace, sigints);
        }
        if crate::sys::SIGINT_COUNT.load(Ordering::SeqCst) != sigints {
            return Err(CheckError::Interrupted(entry.line));
        }
        if started.elapsed().saturating_sub(pace * index as u32) > limit {
            return Err(CheckError::TooLong {
                line: entry.line,
                seconds: limit.as_secs(),
            });
        }
        if !stopped {
            // Compared in English, whatever language socklab speaks.
            stopped = crate::i18n::in_english(|| runner.run_line(&entry.command)) == Flow::Stop;
        }
        // Taken out, so a lesson's output is not kept whole.
        let text = String::from_utf8_lossy(runner.out()).into_owned();
        runner.out().clear();
        let raw: Vec<String> = text.lines().map(str::to_string).collect();
        let actual = namer.normalize(&raw);
        if !matches(&pace_free(&entry.expected), &pace_free(&actual)) {
            mismatches.push(Mismatch {
                line: entry.line,
                command: entry.command.clone(),
                expected: entry.expected.clone(),
                actual: clipped(&actual),
            });
        }
        if keep_outputs {
            outputs.push(actual);
        }
    }
    let verdict = if mismatches.is_empty() {
        Verdict::Passed
    } else {
        Verdict::Failed(mismatches)
    };
    // The lab's safety net: a step that waited its longest for what it
    // caused. Never, unless the machine kept the lab's frames from being
    // handled for seconds; said, since the steps' output may then be
    // off by a step.
    let mut notes = Vec::new();
    let timeouts = runner
        .session
        .lab()
        .map_or(0, |lab| lab.relay.settle_timeouts());
    if timeouts > 0 {
        notes.push(format!(
            "{SETTLE_NOTE}: {timeouts} step(s) of this lab lesson waited their longest for \
             what they caused — the machine kept the kernel from the lab's frames"
        ));
    }
    Ok(Ran {
        verdict,
        outputs,
        notes,
    })
}

/// `--pace`: a teacher's pause between two steps (the kernel's timers run
/// meanwhile, as they would while the teacher talks); Ctrl-C ends it.
fn pause(pace: Duration, sigints: u64) {
    let end = Instant::now() + pace;
    while crate::sys::SIGINT_COUNT.load(Ordering::SeqCst) == sigints {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(Duration::from_millis(100))); // the pause is the point
    }
}

/// How a note about the lab's settling begins (tests look for it).
pub const SETTLE_NOTE: &str = "the lab's settling gave up";

/// What replaying a transcript gave.
#[derive(Debug)]
pub struct Ran {
    pub verdict: Verdict,
    /// Every command's output, normalized (with `keep_outputs`).
    pub outputs: Vec<Vec<String>>,
    /// What the run has to say beyond the verdict.
    pub notes: Vec<String>,
}

/// The most lines of a command's output a failure report keeps.
const REPORTED_LINES: usize = 1000;

/// Output for a failure report: at most `REPORTED_LINES`, then how many
/// more there were.
fn clipped(actual: &[String]) -> Vec<String> {
    if actual.len() <= REPORTED_LINES {
        return actual.to_vec();
    }
    let mut kept = actual[..REPORTED_LINES].to_vec();
    let count = actual.len() - REPORTED_LINES;
    kept.push(crate::t!("test-more-lines", count = count));
    kept
}

/// Reads, replays and (with `bless`) rewrites one file; returns the
/// verdict and the transcript's notes (what socklab changed in what it asked).
pub fn run_file(
    path: &Path,
    bless: bool,
    network: Network,
    encoding: Option<&'static crate::encoding::Encoding>,
    timeout: Option<std::time::Duration>,
    limits: Limits,
    pace: Duration,
) -> Result<(Verdict, Vec<String>), CheckError> {
    let name = super::display(path);
    let text = super::read_lesson(path)?;
    let mut transcript = format::parse(&text).map_err(|error| CheckError::Format {
        name: name.clone(),
        error,
    })?;
    // `--encoding` is the default; the lesson's own `#! encoding:` wins.
    if transcript.encoding.is_none() {
        transcript.encoding = encoding;
    }
    if transcript.timeout.is_none()
        && let Some(timeout) = timeout.filter(|t| !t.is_zero())
    {
        transcript.timeout = Some(timeout.min(super::lesson_env::MAX_CALL));
    }
    let Ran {
        verdict,
        outputs,
        notes,
    } = run(&transcript, network, limits, bless, pace).map_err(|error| CheckError::Stopped {
        name: name.clone(),
        error: Box::new(error),
    })?;
    transcript.notes.extend(notes);
    if bless && let Verdict::Failed(mismatches) = &verdict {
        let replacements: Vec<(usize, Vec<String>)> = transcript
            .entries
            .iter()
            .zip(outputs)
            .filter(|(entry, _)| mismatches.iter().any(|m| m.line == entry.line))
            .map(|(entry, output)| (entry.line, output))
            .collect();
        std::fs::write(path, transcript.rewritten(&replacements))
            .map_err(|error| CheckError::Rewrite { name, error })?;
    }
    Ok((verdict, transcript.notes))
}

/// Why the transcript cannot run on this machine, if it cannot.
pub fn unmet_need(transcript: &Transcript) -> Option<String> {
    if transcript.lab && transcript.unprivileged {
        return Some(crate::t!("test-needs-lab-unprivileged"));
    }
    if transcript.lab && !crate::lab::available() {
        return Some(crate::t!("test-needs-lab"));
    }
    transcript
        .needs
        .iter()
        .find(|need| !need_met(**need))
        .map(|unmet| crate::t!("test-needs", need = unmet.name()))
}

fn need_met(need: Need) -> bool {
    let root = nix::unistd::geteuid().is_root();
    match need {
        Need::Root => root,
        // What `wire on` needs: a packet socket.
        Need::CapNetRaw => crate::wire::Capture::open().is_ok(),
        Need::NonRoot => !root,
        Need::Ipv6 => std::net::TcpListener::bind("[::1]:0").is_ok(),
    }
}

/// `FILE:LINE: > command` and a diff of expected against actual.
/// Colour is written as plain ANSI codes: the `colored` switch stays off
/// while transcripts run, since their output is compared without colour.
pub fn describe(file: &str, mismatch: &Mismatch, colour: bool) -> String {
    let mut out = format!(
        "{}:{}: > {}\n",
        escape(file),
        mismatch.line,
        escape(&mismatch.command)
    );
    // Lines that match by wildcard are shown as the actual text, so only
    // real differences stand out.
    let expected: Vec<String> = if mismatch.expected.len() == mismatch.actual.len() {
        mismatch
            .expected
            .iter()
            .zip(&mismatch.actual)
            .map(|(e, a)| {
                if line_matches(e, a) {
                    a.clone()
                } else {
                    e.clone()
                }
            })
            .collect()
    } else {
        mismatch.expected.clone()
    };
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let actual: Vec<&str> = mismatch.actual.iter().map(String::as_str).collect();
    let diff = similar::TextDiff::from_slices(&expected, &actual);
    for change in diff.iter_all_changes() {
        // Both sides come from outside (the file; what the kernel handed
        // back): only the diff's own colour reaches the terminal raw.
        let text = escape(change.value());
        let paint = |code: &str, line: String| {
            if colour {
                format!("\x1b[{code}m{line}\x1b[0m")
            } else {
                line
            }
        };
        let line = match change.tag() {
            similar::ChangeTag::Delete => paint("31", format!("- {text}")),
            similar::ChangeTag::Insert => paint("32", format!("+ {text}")),
            similar::ChangeTag::Equal => format!("  {text}"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Whether failure output should be coloured.
pub fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Totals of a `socklab test` run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Files not run because Ctrl-C stopped the run.
    pub not_run: usize,
    pub interrupted: bool,
    /// The errno with which the output could not be written (EPIPE: a
    /// closed pipe; ENOSPC: a full disk).
    pub output_failed: Option<i32>,
}

/// How `socklab test` runs its files.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub bless: bool,
    pub jobs: usize,
    pub colour: bool,
    pub network: Network,
    /// `--encoding`: for lessons that do not say `#! encoding:`.
    pub encoding: Option<&'static crate::encoding::Encoding>,
    /// `--timeout`: for lessons that do not say `#! timeout:`.
    pub timeout: Option<std::time::Duration>,
    /// What each lesson may use (each its own; `jobs` of them at once).
    pub limits: Limits,
    /// `--pace`: a pause before each step after the first (zero: none).
    pub pace: Duration,
}

/// What `socklab test` runs: a file, or a lesson built into socklab.
#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Builtin(super::library::Lesson),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => super::display(path),
            Source::Builtin(lesson) => crate::t!("test-built-in", name = lesson.name),
        }
    }
}

/// Runs a built-in lesson (`--bless` does not apply: it is not a file).
fn run_builtin(
    lesson: &super::library::Lesson,
    options: Options,
) -> Result<(Verdict, Vec<String>), CheckError> {
    let mut transcript = format::parse(lesson.text).map_err(|error| CheckError::Format {
        name: lesson.name.to_string(),
        error,
    })?;
    if transcript.encoding.is_none() {
        transcript.encoding = options.encoding;
    }
    if transcript.timeout.is_none()
        && let Some(timeout) = options.timeout.filter(|t| !t.is_zero())
    {
        transcript.timeout = Some(timeout.min(super::lesson_env::MAX_CALL));
    }
    let ran = run(
        &transcript,
        options.network,
        options.limits,
        false,
        options.pace,
    )
    .map_err(|error| CheckError::Stopped {
        name: lesson.name.to_string(),
        error: Box::new(error),
    })?;
    transcript.notes.extend(ran.notes);
    Ok((ran.verdict, transcript.notes))
}

/// Runs every file on `jobs` threads, writing failures as they come and
/// the summary line `N passed, N failed, N skipped` at the end. Ctrl-C
/// stops the run: the files not yet run are counted, and the summary says so.
pub fn run_all(files: &[Source], options: Options, out: &mut (dyn Write + Send)) -> Totals {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicUsize;
    let sigints = crate::sys::SIGINT_COUNT.load(Ordering::SeqCst);
    let interrupted = || crate::sys::SIGINT_COUNT.load(Ordering::SeqCst) != sigints;
    let next = AtomicUsize::new(0);
    let shared = Mutex::new((Totals::default(), out));
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, files.len().max(1)) {
            scope.spawn(|| {
                loop {
                    if interrupted() {
                        break;
                    }
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = files.get(index) else {
                        break;
                    };
                    let (text, counted) = report_one(path, options);
                    let Ok(mut guard) = shared.lock() else {
                        break;
                    };
                    let (totals, out) = &mut *guard;
                    counted(totals);
                    if let Err(e) = out.write_all(text.as_bytes()) {
                        totals.output_failed.get_or_insert(errno_of(&e));
                    }
                }
            });
        }
    });
    let (mut totals, out) = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    totals.interrupted = interrupted();
    totals.not_run += files
        .len()
        .saturating_sub(next.load(Ordering::SeqCst).min(files.len()));
    let mut summary = String::new();
    if totals.interrupted {
        summary.push_str(&crate::t!("test-interrupted", count = totals.not_run));
        summary.push('\n');
    }
    summary.push_str(&crate::t!(
        "test-summary",
        passed = totals.passed,
        failed = totals.failed,
        skipped = totals.skipped
    ));
    summary.push('\n');
    if let Err(e) = out.write_all(summary.as_bytes()).and_then(|_| out.flush()) {
        totals.output_failed.get_or_insert(errno_of(&e));
    }
    totals
}

fn errno_of(error: &std::io::Error) -> i32 {
    error.raw_os_error().unwrap_or(libc::EIO)
}

type Count = fn(&mut Totals);

fn report_one(source: &Source, options: Options) -> (String, Count) {
    let name = escape(&source.name()).into_owned();
    let result = match source {
        Source::File(path) => run_file(
            path,
            options.bless,
            options.network,
            options.encoding,
            options.timeout,
            options.limits,
            options.pace,
        ),
        Source::Builtin(lesson) => run_builtin(lesson, options),
    };
    match result {
        Ok((verdict, notes)) => {
            let mut text: String = notes
                .iter()
                .map(|note| {
                    let note = escape(note).into_owned();
                    crate::t!("test-note", name = name.as_str(), note = note) + "\n"
                })
                .collect();
            let counted: Count = match verdict {
                Verdict::Passed => |t| t.passed += 1,
                Verdict::Skipped(why) => {
                    text.push_str(&crate::t!("test-skipped", name = name.as_str(), why = why));
                    text.push('\n');
                    |t| t.skipped += 1
                }
                Verdict::Failed(mismatches) if options.bless => {
                    let count = mismatches.len();
                    text.push_str(&crate::t!(
                        "test-blessed",
                        name = name.as_str(),
                        count = count
                    ));
                    text.push('\n');
                    |t| t.passed += 1
                }
                Verdict::Failed(mismatches) => {
                    for m in &mismatches {
                        text.push_str(&describe(&name, m, options.colour));
                    }
                    |t| t.failed += 1
                }
            };
            (text, counted)
        }
        Err(error) => (format!("{}\n", escape(&error.to_string())), |t| {
            t.failed += 1
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_that_runs_too_long_is_stopped() {
        let lesson = "#! timeout: 300ms\n> s = socket udp\n> recv s\n> t = socket udp\n";
        let transcript = format::parse(lesson).unwrap();
        let limit = std::time::Duration::from_millis(100);
        let limits = Limits::lowered(None, None, Some(limit));
        let error = run(&transcript, Network::Host, limits, false, Duration::ZERO)
            .unwrap_err()
            .to_string();
        // (Line 4, after the recv the limit cut; line 3 on a machine so
        // loaded that making the session took the 100 ms.)
        assert!(
            error.starts_with("line 4: the lesson has run longer than 0 s")
                || error.starts_with("line 3: the lesson has run longer than 0 s"),
            "{error}"
        );
        // Within the bound, the same lesson runs to its end.
        let long = Limits::lowered(None, None, Some(std::time::Duration::from_secs(30)));
        assert!(run(&transcript, Network::Host, long, false, Duration::ZERO).is_ok());
    }
}
