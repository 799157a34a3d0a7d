//! `socklab play LESSON`: steps through a transcript live — narration,
//! command, Enter, real output — as a lesson.

use std::time::Duration;

use std::io::Write;

use socklab::transcript::{self, format, library, play, predict};

use super::lessons::Lessons;
use super::{Exit, output_failed};

/// What `play` asks: every call (`--predict`), and where the answers go.
pub(super) struct Asking<'a> {
    pub predict: bool,
    pub report: Option<&'a std::path::Path>,
}

/// Plays the lesson (a file, or a built-in lesson's name or number);
/// returns how many steps failed.
pub(super) fn run(
    file: &str,
    auto: Option<Duration>,
    lessons: Lessons,
    asking: Asking,
) -> Result<usize, Exit> {
    // The report is opened before the lesson starts (a lesson writes no
    // files), so a report that cannot be written is said at once.
    let report = match asking.report {
        Some(path) => Some(open_report(path)?),
        None => None,
    };
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
            socklab::t!("play-command-list", file = shown.as_str())
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
        predict: asking.predict,
    };
    let mut run = predict::Run::new(file);
    let played = play::play(
        &transcript,
        &mut pace,
        &mut socklab::i18n::terminal(std::io::stdout()),
        setup,
        &mut run,
    );
    // What was answered is kept, however the lesson ended.
    if let Some((mut out, form, fresh, path)) = report {
        predict::write_report(&mut out, form, &run, fresh).map_err(|e| {
            socklab::t!(
                "play-report-cannot-write",
                file = socklab::safe_text::escape(&path.display().to_string()).into_owned(),
                reason = socklab::error::io_reason(&e)
            )
        })?;
        let _ = out.flush();
    }
    match played {
        Ok(play::Played::Done(failures)) => Ok(failures),
        Ok(play::Played::Quit) => Ok(0),
        Ok(play::Played::Interrupted) => Err(Exit::Interrupted),
        Ok(play::Played::Refused(message)) => Err(format!("{shown}: {message}").into()),
        Err(e) => Err(output_failed(&e)),
    }
}

/// The report file, opened to append (never through a symbolic link), its
/// form from its extension, and whether it was empty (a CSV header first).
fn open_report(
    path: &std::path::Path,
) -> Result<(std::fs::File, predict::ReportForm, bool, std::path::PathBuf), Exit> {
    let shown = socklab::safe_text::escape(&path.display().to_string()).into_owned();
    let form = predict::ReportForm::of(path)
        .ok_or_else(|| socklab::t!("play-report-form", file = shown.as_str()))?;
    let file = socklab::safe_file::create(path, socklab::safe_file::Existing::Append)
        .map_err(|e| format!("--report {shown}: {}", socklab::error::io_reason(&e)))?;
    let fresh = file.metadata().map(|m| m.len() == 0).unwrap_or(true);
    Ok((file, form, fresh, path.to_path_buf()))
}
