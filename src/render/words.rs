//! How a step's lines and notes (`step::Line`, `step::Note`) read in
//! English: the one place their wording lives. Text output writes them
//! as they are worded here; JSON's `output` and `notes` hold the same
//! words.

use std::fmt;

use crate::lab::Host;
use crate::lab::dir::Dir;
use crate::step::{JobDoing, Line, Note};

/// `a->b and b->a`.
fn dirs(dirs: &[Dir]) -> String {
    dirs.iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn mode(hold: bool) -> &'static str {
    if hold { "hold" } else { "pass" }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Text(text) => f.write_str(text),
            Line::Current(name) => write!(f, "current handle: {name}"),
            Line::JobStarted { id, what } => write!(
                f,
                "[{id}] {what} — running in the background (jobs lists it, wait {id} waits for it)"
            ),
            Line::WatchStarted { id, handle, call } => write!(
                f,
                "[{id}] watching {handle}: {call} in a loop on its own thread (unwatch {handle} stops it)"
            ),
            Line::WatchStopped { id, handle } => write!(
                f,
                "[{id}] stopped watching {handle} (its recv was interrupted: EINTR)"
            ),
            Line::JobStoppedByClose { id, handle } => {
                write!(f, "stopped job [{id}], which was using {handle}")
            }
            Line::Job(row) => {
                let state = match row.doing {
                    JobDoing::Finished => "finished",
                    JobDoing::Blocked => "blocked in its call",
                    JobDoing::Running => "running",
                };
                write!(f, "[{}] {} — {state}", row.id, row.what)?;
                match row.received {
                    Some(bytes) => write!(f, ", {bytes} received so far"),
                    None => Ok(()),
                }
            }
            Line::NoJobs => f.write_str("no background jobs"),
            Line::NothingToWait => f.write_str("no background calls to wait for"),
            Line::Reached { handle, what } => write!(f, "{handle} is {what}"),
            Line::LinkCrossed => f.write_str("a segment reached the link"),
            Line::LinkHolding {
                hold: true,
                dirs: d,
            } => write!(
                f,
                "link: holding every segment {} until you deliver or drop it",
                dirs(d)
            ),
            Line::LinkHolding {
                hold: false,
                dirs: d,
            } => {
                write!(f, "link: passing segments {} as they come", dirs(d))
            }
            Line::LinkProps { dir, props } => {
                write!(f, "link {}: {}", dir.name(), props.describe())
            }
            Line::LinkCleared { dirs: d } => write!(f, "link {}: no properties (none)", dirs(d)),
            Line::LinkSeeded(seed) => write!(
                f,
                "link: every random choice (loss, duplication, corruption, reordering, jitter) now comes from seed {seed}"
            ),
            Line::LinkModes { hold } => write!(
                f,
                "link: a->b {}, b->a {} (a is {}, b is {})",
                mode(hold[0]),
                mode(hold[1]),
                Host::A.ipv4(),
                Host::B.ipv4(),
            ),
            Line::LinkDirection {
                dir,
                props,
                counters: c,
                depth,
            } => {
                write!(
                    f,
                    "  {}: {} — {} passed ({} bytes)",
                    dir.name(),
                    props.describe(),
                    c.passed,
                    c.bytes
                )?;
                for (n, label) in [
                    (c.lost, "lost"),
                    (c.queue_drops, "dropped by the full queue"),
                    (c.hand_drops, "dropped by hand"),
                    (c.duplicated, "duplicated"),
                    (c.corrupted, "corrupted"),
                    (c.reordered, "reordered"),
                    (c.budget_drops, "dropped: the memory budget was full"),
                ] {
                    if n > 0 {
                        write!(f, ", {n} {label}")?;
                    }
                }
                if props.rate.is_some() {
                    write!(f, "; queue {depth} of {}", props.queue)?;
                }
                Ok(())
            }
            Line::LinkSeed(seed) => write!(f, "  seed {seed}"),
            Line::Unrecorded { passed, dropped } => write!(
                f,
                "  not shown: {passed} frames the kernel passed and {dropped} it dropped while \
                 the relay's ring was full (socklab was kept from a core for a while)"
            ),
            Line::Unlogged { frames, budget } => write!(
                f,
                "  not shown: {frames} frames, while the session's memory budget ({}) was full",
                crate::budget::show_bytes(*budget)
            ),
            Line::SettleTimeouts(n) => write!(
                f,
                "  {n} step(s) waited their longest (2 s) for what they caused: the \
                 machine kept the kernel from the lab's frames, so their output may be a step late"
            ),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Text(text) => f.write_str(text),
            Note::InflatedRtt { handle, note } => write!(f, "{handle}: {note}"),
        }
    }
}
