//! Replaying a transcript in a fresh session and comparing its output.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use super::format::{self, Need, Transcript};
use super::normalize::{Namer, line_matches, matches};
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

/// A transcript's blocking calls are bounded by this unless it says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

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

/// Replays a transcript; returns the verdict and every command's output,
/// normalized (what `--bless` writes).
pub fn run(transcript: &Transcript) -> Result<(Verdict, Vec<Vec<String>>), String> {
    if let Some(unmet) = transcript.needs.iter().find(|need| !need_met(**need)) {
        return Ok((
            Verdict::Skipped(format!("needs {}", unmet.name())),
            Vec::new(),
        ));
    }
    let timeout = transcript.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let session =
        Session::new(Some(timeout)).map_err(|e| format!("cannot start a session: {e}"))?;
    let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
    let mut namer = Namer::new(transcript.entries.iter().map(|e| e.command.as_str()));
    let mut outputs = Vec::new();
    let mut mismatches = Vec::new();
    let mut stopped = false;
    for entry in &transcript.entries {
        let start = runner.out().len();
        if !stopped {
            stopped = runner.run_line(&entry.command) == Flow::Stop;
        }
        let text = String::from_utf8_lossy(&runner.out()[start..]).into_owned();
        let raw: Vec<String> = text.lines().map(str::to_string).collect();
        let actual = namer.normalize(&raw);
        if !matches(&entry.expected, &actual) {
            mismatches.push(Mismatch {
                line: entry.line,
                command: entry.command.clone(),
                expected: entry.expected.clone(),
                actual: actual.clone(),
            });
        }
        outputs.push(actual);
    }
    let verdict = if mismatches.is_empty() {
        Verdict::Passed
    } else {
        Verdict::Failed(mismatches)
    };
    Ok((verdict, outputs))
}

/// Reads, replays and (with `bless`) rewrites one file.
pub fn run_file(path: &Path, bless: bool) -> Result<Verdict, String> {
    let name = super::display(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let transcript = format::parse(&text).map_err(|e| format!("{name}: {e}"))?;
    let (verdict, outputs) = run(&transcript)?;
    if bless && let Verdict::Failed(mismatches) = &verdict {
        let replacements: Vec<(usize, Vec<String>)> = transcript
            .entries
            .iter()
            .zip(outputs)
            .filter(|(entry, _)| mismatches.iter().any(|m| m.line == entry.line))
            .map(|(entry, output)| (entry.line, output))
            .collect();
        std::fs::write(path, transcript.rewritten(&replacements))
            .map_err(|e| format!("{name}: cannot rewrite: {e}"))?;
    }
    Ok(verdict)
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
    let mut out = format!("{file}:{}: > {}\n", mismatch.line, mismatch.command);
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
        let text = change.value();
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
}

/// Runs every file on `jobs` threads, printing failures as they come and
/// the summary line `N passed, N failed, N skipped` at the end.
pub fn run_all(files: &[std::path::PathBuf], bless: bool, jobs: usize, colour: bool) -> Totals {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let totals = Mutex::new(Totals::default());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, files.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = files.get(index) else {
                        break;
                    };
                    let report = report_one(path, bless, colour);
                    let Ok(mut totals) = totals.lock() else {
                        break;
                    };
                    match report {
                        (Some(text), counted) => {
                            print!("{text}");
                            counted(&mut totals);
                        }
                        (None, counted) => counted(&mut totals),
                    }
                }
            });
        }
    });
    let totals = totals.into_inner().unwrap_or_default();
    println!(
        "{} passed, {} failed, {} skipped",
        totals.passed, totals.failed, totals.skipped
    );
    totals
}

type Count = fn(&mut Totals);

fn report_one(path: &Path, bless: bool, colour: bool) -> (Option<String>, Count) {
    let name = super::display(path);
    match run_file(path, bless) {
        Ok(Verdict::Passed) => (None, |t| t.passed += 1),
        Ok(Verdict::Skipped(why)) => (Some(format!("{name}: skipped ({why})\n")), |t| {
            t.skipped += 1
        }),
        Ok(Verdict::Failed(mismatches)) if bless => (
            Some(format!("{name}: blessed {} command(s)\n", mismatches.len())),
            |t| t.passed += 1,
        ),
        Ok(Verdict::Failed(mismatches)) => {
            let text: String = mismatches
                .iter()
                .map(|m| describe(&name, m, colour))
                .collect();
            (Some(text), |t| t.failed += 1)
        }
        Err(error) => (Some(format!("{error}\n")), |t| t.failed += 1),
    }
}
