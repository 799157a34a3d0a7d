//! What a step shows beyond its call — its lines and its notes — as
//! values: which job started, which direction of the link holds, what a
//! direction's counters say. The renderers word them (`render::words` for
//! text and JSON), so a picture, an export or another language can shape
//! them too.
//!
//! Owns: the kinds of line and note. `Text` holds what is words already
//! (help, the `ls` and `sample` tables, a lesson's listing).

use std::time::Duration;

use crate::lab::dir::Dir;
use crate::lab::path::{Counters, Props};
use crate::wire::Segment;

/// One line under a step's call.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    /// Words already: help, a table's row.
    Text(String),
    /// `use H`: H is now the current handle.
    Current(String),
    /// `CMD &` started job `id` running `what` (the line as typed).
    JobStarted { id: u32, what: String },
    /// `watch H` started job `id`: `call` in a loop (`recv(H, 1024, 0)`).
    WatchStarted {
        id: u32,
        handle: String,
        call: String,
    },
    /// `unwatch H` stopped job `id`.
    WatchStopped { id: u32, handle: String },
    /// `close H` stopped job `id`, which used H.
    JobStoppedByClose { id: u32, handle: String },
    /// One row of `jobs`.
    Job(JobRow),
    /// `jobs` with none.
    NoJobs,
    /// `wait` with nothing running.
    NothingToWait,
    /// `await H STATE|readable|writable` reached it (the state's own
    /// wording, when it is a state, is `Text`).
    Reached { handle: String, what: String },
    /// `await link`: a segment reached the link.
    LinkCrossed,
    /// `link hold|pass [DIR]`.
    LinkHolding { hold: bool, dirs: Vec<Dir> },
    /// `link PROPERTY …`: a direction's properties now.
    LinkProps { dir: Dir, props: Props },
    /// `link clear [DIR]`.
    LinkCleared { dirs: Vec<Dir> },
    /// `link seed N`.
    LinkSeeded(u64),
    /// `link`: each direction's mode, and the hosts' addresses.
    LinkModes { hold: [bool; 2] },
    /// `link`: a direction's properties, counts and queue.
    LinkDirection {
        dir: Dir,
        props: Props,
        counters: Counters,
        depth: usize,
    },
    /// `link`: the seed, when not the default.
    LinkSeed(u64),
    /// `link`: frames the relay never saw (its ring was full).
    Unrecorded { passed: u32, dropped: u32 },
    /// `link`: frames not logged while the memory budget was full.
    Unlogged { frames: u64, budget: usize },
    /// `link`: steps whose settling waited its longest.
    SettleTimeouts(u64),
    /// `link`: a segment held on the link.
    Held(Box<HeldLine>),
    /// `link`: nothing is held.
    NothingHeld,
}

/// A segment held on the lab's link, as `link` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldLine {
    /// `#K`, what `deliver #K` names.
    pub number: u32,
    pub dir: Dir,
    /// Its addresses as numbers (no handle names: it is not yet anywhere).
    pub segment: Segment,
    /// How often it was sent (the copies TCP sent again while it waited).
    pub sent: u32,
    /// When each copy came, after the first.
    pub again: Vec<Duration>,
    /// It was delivered already: what waits is only copies.
    pub delivered: bool,
}

/// What holding by hand did to a connection's timers: TCP measured a
/// round trip far above the link's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InflatedRtt {
    /// TCP_INFO's smoothed round trip.
    pub rtt: Duration,
    /// Its retransmission timeout now.
    pub rto: Duration,
    /// The link's own round trip (its delays).
    pub link_rtt: Duration,
}

/// A row of `jobs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobRow {
    pub id: u32,
    /// The line as typed, or `watch H`.
    pub what: String,
    pub doing: JobDoing,
    /// A watcher's bytes so far.
    pub received: Option<u64>,
}

/// What a job is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobDoing {
    Running,
    /// Asleep in its system call.
    Blocked,
    /// Ended; its result not yet shown.
    Finished,
}

impl Line {
    /// About how many bytes it keeps: its size, and the text it holds.
    pub fn kept_bytes(&self) -> usize {
        let held = match self {
            Line::Text(text) | Line::Current(text) => text.len(),
            Line::JobStarted { what, .. } => what.len(),
            Line::WatchStarted { handle, call, .. } => handle.len() + call.len(),
            Line::WatchStopped { handle, .. } | Line::JobStoppedByClose { handle, .. } => {
                handle.len()
            }
            Line::Job(row) => row.what.len(),
            Line::Reached { handle, what } => handle.len() + what.len(),
            Line::LinkHolding { dirs, .. } | Line::LinkCleared { dirs } => dirs.len(),
            Line::Held(held) => {
                std::mem::size_of::<HeldLine>()
                    + held.segment.payload.capacity()
                    + held.segment.from.len()
                    + held.segment.to.len()
                    + held.again.len() * std::mem::size_of::<Duration>()
            }
            _ => 0,
        };
        std::mem::size_of::<Line>() + held
    }
}

impl From<String> for Line {
    fn from(text: String) -> Line {
        Line::Text(text)
    }
}

impl From<&str> for Line {
    fn from(text: &str) -> Line {
        Line::Text(text.to_string())
    }
}

/// A note a teacher would add under the step.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Words already.
    Text(String),
    /// A handle's RTT (as TCP_INFO has it) counts time the link held its
    /// segments (`handle`: which, when the step is not about it alone).
    InflatedRtt {
        handle: Option<String>,
        rtt: InflatedRtt,
    },
}

impl Note {
    /// About how many bytes it keeps.
    pub fn kept_bytes(&self) -> usize {
        let held = match self {
            Note::Text(text) => text.len(),
            Note::InflatedRtt { handle, .. } => handle.as_ref().map_or(0, String::len),
        };
        std::mem::size_of::<Note>() + held
    }
}

impl From<String> for Note {
    fn from(text: String) -> Note {
        Note::Text(text)
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Note {
        Note::Text(text.to_string())
    }
}
