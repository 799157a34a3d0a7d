//! `socklab test`: replays transcripts — files, directories of them, or
//! built-in lessons — against the live kernel, each as a lesson, and
//! compares; `--bless` rewrites what failed.

use std::path::PathBuf;
use std::time::Duration;

use socklab::error::UsageError;
use socklab::sandbox::Network;
use socklab::transcript::{self, check, library};

use super::lessons::Lessons;
use super::{Exit, output_failed, write_terminal};

/// Runs the lessons; returns how many failed.
pub(super) fn run(
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
        let note = socklab::t!("test-host-net") + "\n";
        write_terminal(&note)?;
    }
    let totals = check::run_all(
        &files,
        options,
        &mut socklab::i18n::terminal(std::io::stdout()),
    );
    if let Some(errno) = totals.output_failed {
        return Err(output_failed(&std::io::Error::from_raw_os_error(errno)));
    }
    if totals.interrupted {
        return Err(Exit::Interrupted);
    }
    Ok(totals.failed)
}

/// What `socklab test` runs: the files named (default transcripts/) and
/// built-in lessons named by name or number as `play` takes them (`41`,
/// `half-close`; a file wins), or the whole built-in library (`--lessons`).
pub(super) fn sources(
    paths: &[PathBuf],
    builtin: bool,
    bless: bool,
) -> Result<Vec<check::Source>, Exit> {
    if builtin {
        if bless {
            return Err(UsageError::new(socklab::t!("test-bless-lessons")).into());
        }
        if !paths.is_empty() {
            return Err(UsageError::new(socklab::t!("test-lessons-and-files")).into());
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
                let error = socklab::t!("test-bless-lesson", name = lesson.name);
                return Err(UsageError::new(error).into());
            }
            sources.push(check::Source::Builtin(lesson));
            continue;
        }
        let files = transcript::collect(std::slice::from_ref(path))
            .map_err(|e| socklab::t!("test-no-files-hint", error = e.to_string()))?;
        sources.extend(files.into_iter().map(check::Source::File));
    }
    if sources.is_empty() {
        return Err(UsageError::new(socklab::t!("test-no-files")).into());
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
    library::find(&text).map(Some).map_err(Exit::from)
}
