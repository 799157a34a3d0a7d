//! `CMD &`: a blocking call run on a worker thread.
//!
//! `accept srv &` runs the very same `accept` on a thread of its own, in a
//! session that shares only the sockets it names, and gives the prompt back
//! at once; its step is shown, tagged `[1]`, when it ends. Which verbs can
//! is their `Spec::background`; which sockets the worker shares, and what
//! data it keeps, their `Action`'s `handles` and `data_len`. (`jobs` lists
//! the jobs; `wait` is carried out by the driver.)

use super::{COMMANDS, Parsed};
use crate::error::{Text, UsageError};
use crate::jobs::Work;
use crate::session::Session;
use crate::step::{JobRole, Line, Step};

/// The verbs that may run in the background: the ones that can block.
pub fn verbs() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().filter(|s| s.background).map(|s| s.name)
}

/// Starts `parsed` (a line that ended in `&`) on a worker thread.
pub fn launch(parsed: Parsed, line: &str, session: &mut Session) -> Result<Step, UsageError> {
    let Parsed {
        names,
        verb,
        command,
        background,
    } = parsed;
    let spec = super::spec(verb);
    if !spec.is_some_and(|spec| spec.background) {
        let column = background.unwrap_or(1);
        let can: Vec<&str> = verbs().collect();
        return Err(UsageError::at(
            column,
            crate::worded!(
                "error-nothing-to-background",
                verb = verb,
                verbs = can.join(", ")
            ),
        ));
    }
    let uses = command.handles();
    // What the job keeps for its life (the data it sends) comes from the
    // session's budget: 256 jobs of 16 MiB each would be 4 GiB.
    let kept = command.data_len();
    let held = match kept {
        0 => None,
        _ => Some(session.hold_memory(kept, &format!("a background {verb}'s data"))?),
    };
    let mut worker = session.detached(&uses)?;
    let creates = spec.map_or(0, |s| s.creates);
    let mut reserves = names;
    if creates > 0 && reserves.is_empty() {
        reserves.push(session.auto_name());
    }
    // The line as typed, up to the `&` (a comment after it is left out).
    let what: String = line
        .chars()
        .take(background.unwrap_or(usize::MAX).saturating_sub(1))
        .collect::<String>()
        .trim()
        .to_string();
    let names = reserves.clone();
    let sockets = worker.shared_sockets();
    let spawned = session.jobs.spawn(
        Work::Call(what.clone()),
        uses,
        reserves,
        sockets,
        move |job| {
            let _held = held;
            worker.set_probe(std::sync::Arc::clone(&job.probe));
            let step = super::execute(command, verb, names, &mut worker);
            let handles = step
                .new_handles
                .iter()
                .filter_map(|name| worker.remove(name))
                .collect();
            // One result: handed over even past the budget (the job's
            // data was paid for when it started).
            let _ = job.send(step, handles);
        },
    );
    let id = spawned.map_err(|e| UsageError::new(Text::display(e)))?;
    let mut step = Step::new(verb, None);
    step.job = Some((id, JobRole::Started));
    step.lines.push(Line::JobStarted { id, what });
    Ok(step)
}
