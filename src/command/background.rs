//! `CMD &`, `jobs` and `wait [JOB]`: blocking calls run on a worker thread.
//!
//! `accept srv &` runs the very same `accept` on a thread of its own, in a
//! session that shares only the sockets it names, and gives the prompt back
//! at once; its step is shown, tagged `[1]`, when it ends. `wait` is carried
//! out by the driver, which shows what the jobs produce as it waits.

use super::{Arg, COMMANDS, Command, Group, Parsed, Spec};
use crate::error::UsageError;
use crate::jobs::Work;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{JobRole, Step};

pub const JOBS: Spec = Spec {
    name: "jobs",
    usage: "jobs",
    syscall: "",
    summary: "List the background jobs (`CMD &`) and watchers: what each runs, and whether it is blocked in its call.",
    notes: "Blocked means the thread is asleep inside the system call, waiting for the kernel \
            (read from /proc/self/task). A finished job is listed until its result has been shown.",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Background,
    background: false,
};

pub const WAIT: Spec = Spec {
    name: "wait",
    usage: "wait [JOB]",
    syscall: "",
    summary: "Block until background job JOB ends (a watcher: until it stops), showing its result; without JOB, until every background call has ended.",
    notes: "Ctrl-C interrupts the wait, not the job. In scripts --timeout bounds it. Results a \
            job produces are shown at the next step boundary in scripts and transcripts, and at \
            once above the prompt in the shell; wait is how a script says where.",
    errnos: &[],
    args: &[Arg::Job],
    creates: 0,
    group: Group::Background,
    background: false,
};

/// The verbs that may run in the background: the ones that can block.
pub fn verbs() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().filter(|s| s.background).map(|s| s.name)
}

/// Parses `wait`'s optional job number (`1` or `%1`).
pub fn parse_wait(cursor: &mut Cursor) -> Result<Option<u32>, UsageError> {
    let job = match cursor.peek() {
        Some(token) => {
            let text = token.text.trim_start_matches('%').to_string();
            let column = token.column;
            cursor.word("JOB")?;
            match text.parse::<u32>() {
                Ok(job) if job > 0 => Some(job),
                _ => {
                    return Err(UsageError::at(
                        column,
                        format!("'{text}' is not a job number — jobs lists them: wait 1"),
                    ));
                }
            }
        }
        None => None,
    };
    cursor.finish()?;
    Ok(job)
}

impl Command {
    /// The handles this command shares when run in the background, or None
    /// when it cannot be (it does not block).
    fn background_handles(&self) -> Option<Vec<String>> {
        Some(match self {
            Command::Accept(c) => c.handles(),
            Command::Connect(c) => c.handles(),
            Command::Send(c) => c.handles(),
            Command::Sendall(c) => c.handles(),
            Command::Sendto(c) => c.handles(),
            Command::Recv(c) => c.handles(),
            Command::Recvfrom(c) => c.handles(),
            Command::Recvall(c) => c.handles(),
            Command::Drain(c) => c.handles(),
            Command::Sample(c) => c.handles(),
            Command::Poll(c) => c.handles(),
            _ => return None,
        })
    }
}

impl Command {
    /// Bytes of data the command carries (what a send sends).
    fn data_len(&self) -> usize {
        match self {
            Command::Send(c) => c.data_len(),
            Command::Sendall(c) => c.data_len(),
            Command::Sendto(c) => c.data_len(),
            _ => 0,
        }
    }
}

/// Starts `parsed` (a line that ended in `&`) on a worker thread.
pub fn launch(parsed: Parsed, line: &str, session: &mut Session) -> Result<Step, UsageError> {
    let Parsed {
        names,
        verb,
        command,
        background,
    } = parsed;
    let Some(uses) = command.background_handles() else {
        let column = background.unwrap_or(1);
        let can: Vec<&str> = verbs().collect();
        return Err(UsageError::at(
            column,
            format!(
                "'{verb}' does not block, so there is nothing to run in the background — only {} take '&'",
                can.join(", ")
            ),
        ));
    };
    // What the job keeps for its life (the data it sends) comes from the
    // session's budget: 256 jobs of 16 MiB each would be 4 GiB.
    let kept = command.data_len();
    let held = match kept {
        0 => None,
        _ => Some(session.hold_memory(kept, &format!("a background {verb}'s data"))?),
    };
    let mut worker = session.detached(&uses)?;
    let creates = super::spec(verb).map_or(0, |s| s.creates);
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
            let step = command.execute(verb, names, &mut worker);
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
    let id = spawned.map_err(|e| UsageError::new(e.to_string()))?;
    let mut step = Step::new(verb, None);
    step.job = Some((id, JobRole::Started));
    step.lines.push(format!(
        "[{id}] {what} — running in the background (jobs lists it, wait {id} waits for it)"
    ));
    Ok(step)
}

/// `jobs`: one line per background job.
pub fn list(session: &Session) -> Step {
    let mut step = Step::new(JOBS.name, None);
    let jobs = session.jobs.list();
    if jobs.is_empty() {
        step.lines.push("no background jobs".into());
    }
    for job in jobs {
        let (what, doing) = match &job.work {
            Work::Call(line) => (line.clone(), String::new()),
            Work::Watch(handle) => (
                format!("watch {handle}"),
                format!(", {} received so far", job.received),
            ),
        };
        let state = if job.finished {
            "finished"
        } else if job.blocked {
            "blocked in its call"
        } else {
            "running"
        };
        step.lines
            .push(format!("[{}] {what} — {state}{doing}", job.id));
    }
    step
}
