//! `sample [H] [FIELD…] [every D] [for D] [save FILE]`: TCP_INFO read on a
//! schedule — how cwnd, ssthresh, the RTT and the RTO move while a
//! transfer runs — as a table, as JSON samples, and saved as CSV or as an
//! SVG plot of the fields asked with the retransmissions marked.
//!
//! Owns the verb's table entry and what it does: the schedule, the table,
//! the saved file. Its words are [`parse`]'s, the fields and a reading
//! [`reading`]'s, what is kept [`kept`]'s, the SVG [`plot`]'s.

mod kept;
mod parse;
mod plot;
mod reading;

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use socket2::Socket;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::budget::{Full, Held};
use crate::error::UsageError;
use crate::handle::Handle;

use crate::safe_file::Existing;
use crate::session::Session;
use crate::step::{Line, Note, Saved, Step};
use crate::sys;
use kept::{Kept, SHOWN_HEAD, SHOWN_TAIL, reading_cost};
use reading::{FIELDS, Reading, table_row};

pub const SPEC: Spec = Spec {
    name: "sample",
    usage: "sample [H] [FIELD]... [every D] [for D] [save FILE.csv|FILE.svg [--force]]",
    syscall: "getsockopt(2) TCP_INFO, on a schedule",
    errnos: &[],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Inspect,
    background: true,
    parse: |c| boxed(Sample::parse(c)),
};

/// The most samples one `sample` takes.
const MAX_SAMPLES: u64 = 100_000;

#[derive(Debug, Clone)]
pub struct Sample {
    handle: String,
    fields: Vec<usize>,
    every: Duration,
    duration: Duration,
    save: Option<(PathBuf, bool)>,
}

impl Sample {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        if self.save.is_some() && session.is_confined() {
            return Err(UsageError::new(crate::worded!("error-sample-confined")));
        }
        let handle = session.lookup(&self.handle)?;
        if !handle.kind.is_tcp() {
            return Err(UsageError::new(crate::worded!(
                "error-sample-not-tcp",
                handle = self.handle.as_str()
            )));
        }
        let title = self.title(handle);
        let socket = Arc::clone(&handle.socket);
        let call = format!(
            "getsockopt({}, IPPROTO_TCP, TCP_INFO) every {} for {}",
            self.handle,
            crate::lab::path::show_duration(self.every),
            crate::lab::path::show_duration(self.duration)
        );
        let taken = self.take(session, &socket, &call);
        let count = taken.kept.count;
        step.called(call, taken.result.map(|_| count as i64));
        if let Some(limit) = session.time_given() {
            step.outcome = crate::step::Outcome::OutOfTime(limit);
        }
        let readings = taken.kept.all();
        self.show_table(&mut step, &readings, count);
        if taken.interrupted {
            step.lines.push(Line::SamplingInterrupted(count));
        }
        if let Some(full) = taken.full {
            step.notes.push(Note::SamplingStopped { count, full });
        }
        if session.structured() {
            step.field(
                "samples",
                Value::Array(readings.iter().map(Reading::json).collect()),
            );
        }
        step.held = taken.held;
        if let Some((path, force)) = &self.save {
            step.lines
                .push(self.save(path, *force, &readings, title, &socket)?);
        }
        session.set_current(&self.handle);
        Ok(step)
    }

    /// What a plot's title says of the handle, but its congestion
    /// control (read when the plot is made).
    fn title(&self, handle: &Handle) -> plot::Title {
        let (local, peer) = handle.addresses();
        plot::Title {
            handle: self.handle.clone(),
            host: handle.host.map(|h| h.name()),
            local,
            peer,
            congestion: None,
        }
    }

    /// The readings, one every `every` for `duration`: until then, a
    /// failed call, Ctrl-C or the script's time, or the memory budget.
    fn take(&self, session: &Session, socket: &Socket, call: &str) -> Taken {
        let started = Instant::now();
        // JSON and a saved file have every reading; the text table only
        // its first and last rows (a person reads no more).
        let mut taken = Taken {
            kept: Kept::new(session.structured() || self.save.is_some()),
            result: Ok(0),
            interrupted: false,
            // Each reading kept, its row and (for JSON) its object stay
            // until the step is shown: taken from the session's memory budget.
            held: session.budget().hold(0).ok(),
            full: None,
        };
        let cost = reading_cost(session.structured());
        let mut tick = 0u32;
        loop {
            if taken.kept.grows()
                && let Some(held) = &mut taken.held
                && let Err(error) = held.grow(cost)
            {
                taken.full = Some(error);
                break;
            }
            match sys::tcp_info(socket.as_fd()) {
                Ok(info) => taken
                    .kept
                    .push(Reading::of(started.elapsed().as_secs_f64(), &info)),
                Err(errno) => {
                    taken.result = Err(errno);
                    break;
                }
            }
            tick += 1;
            let next = self.every * tick;
            if next > self.duration {
                break;
            }
            // The schedule is the feature here: a sleep until the next
            // reading, ended early by Ctrl-C or the script's timeout.
            let (slept, timed_out) =
                session.bounded_timer(call, true, || sleep_until(started + next));
            if slept.is_err() || timed_out || session.out_of_time() {
                taken.interrupted = true;
                break;
            }
        }
        taken
    }

    /// The table: its heading, then the first and last rows, and how many
    /// between are not shown.
    fn show_table(&self, step: &mut Step, readings: &[Reading], count: usize) {
        step.say(table_row(
            "t(s)".to_string(),
            self.fields
                .iter()
                .map(|&f| (f, FIELDS[f].heading.to_string())),
        ));
        let row = |reading: &Reading| {
            Line::Text(table_row(
                format!("{:.3}", reading.t),
                self.fields.iter().map(|&f| (f, reading.cell(f))),
            ))
        };
        let (head, tail) = match count > SHOWN_HEAD + SHOWN_TAIL {
            true => (SHOWN_HEAD, SHOWN_TAIL),
            false => (readings.len(), 0),
        };
        step.lines.extend(readings[..head].iter().map(row));
        let skipped = count - head - tail;
        if skipped > 0 {
            step.lines.push(Line::RowsNotShown {
                skipped,
                head: SHOWN_HEAD,
                tail: SHOWN_TAIL,
            });
        }
        step.lines
            .extend(readings[readings.len() - tail..].iter().map(row));
    }

    /// Writes the readings to `path`: CSV, or the SVG plot of the fields
    /// asked (its title's congestion control read now: TCP_CONGESTION).
    fn save(
        &self,
        path: &Path,
        force: bool,
        readings: &[Reading],
        mut title: plot::Title,
        socket: &Socket,
    ) -> Result<Line, UsageError> {
        let display = path.display().to_string();
        let shown = crate::safe_text::escape(&display);
        let existing = match force {
            true => Existing::Replace,
            false => Existing::Refuse,
        };
        let svg = path.extension().and_then(|e| e.to_str()) == Some("svg");
        let text = if svg {
            title.congestion = congestion_control(socket);
            plot::plot(readings, &self.fields, &title)
        } else {
            Ok(reading::csv(readings))
        };
        text.and_then(|text| {
            use std::io::Write;
            let mut file = crate::safe_file::create(path, existing)?;
            file.write_all(text.as_bytes())
        })
        .map_err(|e| {
            UsageError::new(crate::worded!(
                "error-cannot-write",
                name = shown.to_string(),
                reason = crate::error::io_reason(&e)
            ))
        })?;
        Ok(Line::Saved(Saved::Samples {
            count: readings.len(),
            path: display,
            plot: svg.then(|| self.fields.iter().map(|&f| FIELDS[f].name.into()).collect()),
        }))
    }
}

/// What taking the readings came to.
struct Taken {
    kept: Kept,
    /// The last call's result: Ok, or the errno that ended the readings.
    result: Result<i64, nix::errno::Errno>,
    /// Ctrl-C or the script's time ended the schedule early.
    interrupted: bool,
    /// The memory the kept readings hold, from the session's budget.
    held: Option<Held>,
    /// The budget was full: the readings stopped there.
    full: Option<Full>,
}

/// `getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION)`: the socket's congestion
/// control by name (reno, cubic, bbr …); None if it cannot be read.
fn congestion_control(socket: &Socket) -> Option<String> {
    use nix::sys::socket::{getsockopt, sockopt::TcpCongestion};
    let name = getsockopt(socket, TcpCongestion).ok()?;
    Some(name.to_string_lossy().trim_end_matches('\0').to_string())
}

/// Sleeps until `deadline` on the monotonic clock; Err if a signal ended it.
fn sleep_until(deadline: Instant) -> Result<(), nix::errno::Errno> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Ok(());
    }
    let request = nix::sys::time::TimeSpec::from_duration(left);
    nix::time::clock_nanosleep(
        nix::time::ClockId::CLOCK_MONOTONIC,
        nix::time::ClockNanosleepFlags::empty(),
        &request,
    )
    .map(|_| ())
}

impl Action for Sample {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Sample::handles(self)
    }
}
