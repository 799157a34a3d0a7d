//! `socklab play LESSON`: steps through a transcript live — narration,
//! command, Enter, real output — as a lesson.

use std::time::Duration;

use socklab::transcript::{self, format, library, play};

use super::lessons::Lessons;
use super::{Exit, output_failed};

/// Plays the lesson (a file, or a built-in lesson's name or number);
/// returns how many steps failed.
pub(super) fn run(file: &str, auto: Option<Duration>, lessons: Lessons) -> Result<usize, Exit> {
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
