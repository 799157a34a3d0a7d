//! How a step's lines and notes (`step::Line`, `step::Note`) read in
//! English: the one place their wording lives. Text output writes them
//! as they are worded here; JSON's `output` and `notes` hold the same
//! words.

use std::fmt;

use crate::lab::Host;
use crate::lab::dir::Dir;
use crate::lab::path::show_duration;
use crate::step::{HeldLine, InflatedRtt, JobDoing, Line, Note};

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
            Line::Held(held) => held.fmt(f),
            Line::NothingHeld => f.write_str("nothing is held"),
            Line::SettleTimeouts(n) => write!(
                f,
                "  {n} step(s) waited their longest (2 s) for what they caused: the \
                 machine kept the kernel from the lab's frames, so their output may be a step late"
            ),
        }
    }
}

/// `#1 a->b  192.0.2.1:40000 → 192.0.2.2:80 [SYN] …`, and how often it
/// was sent: `   (sent 3×: +1.0 s, +2.0 s)`; of one delivered already,
/// what waits is only copies: `   (delivered; sent again 2×: +0.2 s, …)`.
impl fmt::Display for HeldLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {}  {}",
            self.number,
            self.dir.name(),
            self.segment.text(crate::encoding::UTF_8)
        )?;
        let times: Vec<String> = self
            .again
            .iter()
            .map(|t| format!("+{:.1} s", t.as_secs_f64()))
            .collect();
        match (self.delivered, times.is_empty()) {
            (false, true) => Ok(()),
            (false, false) => write!(f, "   (sent {}×: {})", self.sent, times.join(", ")),
            (true, _) => write!(
                f,
                "   (delivered; sent again {}×: {})",
                self.again.len(),
                times.join(", ")
            ),
        }
    }
}

impl fmt::Display for InflatedRtt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TCP measured a {} round trip while segments were held by hand: its RTO is now {} \
             (the link's own round trip: {}), so a lost segment is sent again only that late",
            show_duration(self.rtt),
            show_duration(self.rto),
            show_duration(self.link_rtt)
        )
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Text(text) => f.write_str(text),
            Note::InflatedRtt {
                handle: Some(handle),
                rtt,
            } => write!(f, "{handle}: {rtt}"),
            Note::InflatedRtt { handle: None, rtt } => rtt.fmt(f),
        }
    }
}
