//! What happens to a frame on the link: its kind (a segment, ICMP,
//! anything else), the one-shot action armed for it, a pulled cable, a
//! hold, the path's verdict (loss, a full queue, delay, copies, a flipped
//! bit, reordering) — decided under the state's lock, and its fate logged.
//!
//! Owns: `Fate`, `Next`, the decision and the scheduling of segments in
//! flight. Does not read or write frames (`io`): what passes is put in the
//! outgoing buffers it is handed.

use std::cmp::Reverse;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::Dir;
use super::state::{Crossing, InFlight, LOG_SNAP, Started, State, frame_cost, lock, notify};
use crate::lab::held::Kept;
use crate::lab::path::Verdict;

/// What happened to a frame on the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// It went through as it came (pass mode).
    Passed,
    /// It waits on the link as #K.
    Held(u32),
    /// Its sender sent #K again (a retransmission) while #K waited, or
    /// after #K was delivered by hand: it waits with #K, sent N times now.
    Again(u32, u32),
    /// Held #K, delivered now.
    Delivered(u32),
    /// Thrown away (by `drop next`, or held #K dropped).
    Dropped(Option<u32>),
    /// Delivered twice.
    Duplicated,
    /// Delivered with one bit flipped and its checksum as it was.
    Corrupted,
    /// Lost: a host's cable is pulled (`host HOST down`).
    Lost,
    /// Lost by chance on the path (`link loss`).
    LostByChance,
    /// Dropped at the tail of the rate's full queue (`link rate`, `queue`).
    QueueFull,
    /// Held back behind the next segment (`link reorder`), and sent now.
    Reordered,
    /// Dropped: the session's memory budget had no room to keep it (held
    /// or delayed).
    OverBudget,
}

impl Fate {
    pub fn text(self) -> String {
        match self {
            Fate::Passed => "passed".into(),
            Fate::Held(k) => format!("held #{k}"),
            Fate::Again(k, n) => format!("held #{k} again (sent {n}×)"),
            Fate::Delivered(k) => format!("#{k} delivered"),
            Fate::Dropped(Some(k)) => format!("#{k} dropped"),
            Fate::Dropped(None) => "dropped".into(),
            Fate::Duplicated => "duplicated".into(),
            Fate::Corrupted => "corrupted".into(),
            Fate::Lost => "lost (a cable is pulled)".into(),
            Fate::LostByChance => "lost (link loss)".into(),
            Fate::QueueFull => "dropped (queue full)".into(),
            Fate::Reordered => "reordered (overtaken by the next)".into(),
            Fate::OverBudget => "dropped (the session's memory budget is full)".into(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Fate::Passed => "passed",
            Fate::Held(_) => "held",
            Fate::Again(..) => "held again",
            Fate::Delivered(_) => "delivered",
            Fate::Dropped(_) => "dropped",
            Fate::Duplicated => "duplicated",
            Fate::Corrupted => "corrupted",
            Fate::Lost => "lost",
            Fate::LostByChance => "lost",
            Fate::QueueFull => "queue full",
            Fate::Reordered => "reordered",
            Fate::OverBudget => "over budget",
        }
    }
}

/// A one-shot action on the next frame in a direction (None: either).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Drop,
    Dup,
    Corrupt,
}

/// How long a segment held back by `reorder` waits for a next one to
/// overtake it before it goes anyway.
const REORDER_WAIT: Duration = Duration::from_millis(100);

/// When the next segment in flight (or held back) is due.
pub(super) fn next_due(state: &State) -> Option<Instant> {
    let flying = state.in_flight.peek().map(|Reverse(f)| f.due);
    let back = state.held_back.iter().flatten().map(|f| f.due).min();
    flying.into_iter().chain(back).min()
}

/// What the link does with a kind of frame.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// TCP or UDP: held, dropped, duplicated, corrupted as the policy says.
    Segment,
    /// ICMP: passes, and is shown (a port unreachable explains ECONNREFUSED).
    Icmp,
    /// ARP, IPv6 neighbour discovery, anything else: passes, unshown, so
    /// the hosts always find each other.
    Other,
}

pub(super) fn kind(frame: &[u8]) -> Kind {
    let protocol = match frame.get(12..14) {
        Some([0x08, 0x00]) => frame.get(14 + 9).copied(),
        Some([0x86, 0xdd]) => frame.get(14 + 6).copied(),
        _ => None,
    };
    match protocol {
        Some(6 | 17) => Kind::Segment,
        // ICMPv6 includes neighbour discovery (types 133–137): only its
        // errors (types below 128) are shown.
        Some(1) => Kind::Icmp,
        Some(58) if frame.get(14 + 40).is_some_and(|t| *t < 128) => Kind::Icmp,
        _ => Kind::Other,
    }
}

/// Decides a frame's fate: what goes on is put in `out` (by where it
/// goes), and the fate logged — or, for a segment put in flight on a
/// path, logged when it reaches the other side (`send_due`).
pub(super) fn decide(
    state: &(Mutex<State>, Condvar),
    out: &mut [Vec<Vec<u8>>; 2],
    dir: Dir,
    mut frame: Vec<u8>,
    started: Started,
) {
    let kind = kind(&frame);
    if kind != Kind::Segment {
        out[dir.index()].push(frame.clone());
        if kind == Kind::Icmp {
            let mut guard = lock(&state.0);
            guard.cross(Crossing {
                at: started.elapsed(),
                dir,
                length: frame.len(),
                frame,
                fate: Fate::Passed,
            });
            notify(&state.1, &guard);
        }
        return;
    }
    let mut guard = lock(&state.0);
    let at = started.elapsed();
    let length = frame.len();
    if let Some(fate) = segment_fate(&mut guard, &mut out[dir.index()], dir, &mut frame, at) {
        guard.cross(Crossing {
            at,
            dir,
            length,
            frame,
            fate,
        });
    }
    notify(&state.1, &guard);
}

/// What happens to a segment, in order: the action armed for it is used
/// up; a pulled cable loses it; else the action, a hold, the path or a
/// plain pass decides. None: it is in flight on the path. What goes on is
/// put in `out`; a held segment leaves its start in `frame`, for the log.
fn segment_fate(
    state: &mut State,
    out: &mut Vec<Vec<u8>>,
    dir: Dir,
    frame: &mut Vec<u8>,
    at: Duration,
) -> Option<Fate> {
    let armed = take_armed(state, dir);
    if state.far_end_down[dir.index()] {
        state.path.counters[dir.index()].hand_drops += 1;
        return Some(Fate::Lost);
    }
    if let Some(action) = armed {
        return Some(act(state, out, dir, frame, action));
    }
    if state.hold[dir.index()] {
        return Some(hold(state, dir, frame, at));
    }
    if !state.path.is_clear(dir) {
        return through_path(state, dir, frame);
    }
    out.push(frame.clone());
    state.count_passed(dir, frame.len());
    Some(Fate::Passed)
}

/// The first one-shot action armed for `dir` (or for either way), taken.
fn take_armed(state: &mut State, dir: Dir) -> Option<Next> {
    let armed = state
        .next
        .iter()
        .position(|(d, _)| d.is_none_or(|d| d == dir))?;
    Some(state.next.remove(armed).1)
}

/// Does the one-shot action to the segment: drops it, or sends it twice,
/// or sends it with a bit flipped.
fn act(
    state: &mut State,
    out: &mut Vec<Vec<u8>>,
    dir: Dir,
    frame: &mut [u8],
    action: Next,
) -> Fate {
    let counters = &mut state.path.counters[dir.index()];
    let fate = match action {
        Next::Drop => {
            counters.hand_drops += 1;
            return Fate::Dropped(None);
        }
        Next::Dup => {
            out.push(frame.to_vec());
            out.push(frame.to_vec());
            counters.duplicated += 1;
            Fate::Duplicated
        }
        Next::Corrupt => {
            flip_a_bit(frame);
            out.push(frame.to_vec());
            counters.corrupted += 1;
            Fate::Corrupted
        }
    };
    state.count_passed(dir, frame.len());
    fate
}

/// Keeps the segment on the link, numbered, if the budget has room: the
/// held queue has the frame, and `frame` is left holding its start.
fn hold(state: &mut State, dir: Dir, frame: &mut Vec<u8>, at: Duration) -> Fate {
    if !state.take(frame_cost(frame)) {
        state.path.counters[dir.index()].budget_drops += 1;
        return Fate::OverBudget;
    }
    let start = frame[..frame.len().min(LOG_SNAP)].to_vec();
    let kept = std::mem::replace(frame, start);
    match state.held.keep(dir, kept, at) {
        Kept::New(number) => Fate::Held(number),
        Kept::Again(number, sent) => Fate::Again(number, sent),
    }
}

/// Puts the segment on the path, whose verdict loses it, drops it at a
/// full queue, or sends it when due (None: it is in flight, and `frame`
/// is left empty).
fn through_path(state: &mut State, dir: Dir, frame: &mut Vec<u8>) -> Option<Fate> {
    match state.path.judge(dir, frame.len(), Instant::now()) {
        Verdict::Lost => Some(Fate::LostByChance),
        Verdict::QueueFull => Some(Fate::QueueFull),
        Verdict::Send { .. } if !state.take(frame_cost(frame)) => {
            state.path.counters[dir.index()].budget_drops += 1;
            Some(Fate::OverBudget)
        }
        Verdict::Send {
            due,
            copies,
            corrupt,
            held_back,
        } => {
            let frame = std::mem::take(frame);
            schedule(state, dir, frame, due, copies, corrupt, held_back);
            None
        }
    }
}

/// Segments held back for reordering whose wait is over go in flight:
/// nothing overtook them, they go anyway.
pub(super) fn release_held_back(state: &mut State, now: Instant) {
    for slot in 0..2 {
        if state.held_back[slot].as_ref().is_some_and(|f| f.due <= now)
            && let Some(back) = state.held_back[slot].take()
        {
            state.in_flight.push(Reverse(back));
        }
    }
}

/// The next segment in flight, if it is due by `now`, taken.
pub(super) fn pop_due(state: &mut State, now: Instant) -> Option<InFlight> {
    if state
        .in_flight
        .peek()
        .is_some_and(|Reverse(f)| f.due <= now)
    {
        return state.in_flight.pop().map(|Reverse(flight)| flight);
    }
    None
}

/// The last byte: payload if there is any, else the header's last (an
/// option, the urgent pointer). Its checksum stays as it was.
fn flip_a_bit(frame: &mut [u8]) {
    if let Some(last) = frame.last_mut() {
        *last ^= 0x01;
    }
}

/// Puts a segment the path lets through in flight, due at `due`.
fn schedule(
    state: &mut State,
    dir: Dir,
    mut frame: Vec<u8>,
    due: Instant,
    copies: u8,
    corrupt: bool,
    held_back: bool,
) {
    let i = dir.index();
    let counters = &mut state.path.counters[i];
    if corrupt {
        flip_a_bit(&mut frame);
        counters.corrupted += 1;
    }
    if copies > 1 {
        counters.duplicated += 1;
    }
    let fate = match (corrupt, copies > 1) {
        (true, _) => Fate::Corrupted,
        (false, true) => Fate::Duplicated,
        _ => Fate::Passed,
    };
    state.entered += 1;
    let flight = InFlight {
        due,
        order: state.entered,
        dir,
        copies,
        fate,
        frame,
    };
    if held_back && state.held_back[i].is_none() {
        counters.reordered += 1;
        state.held_back[i] = Some(InFlight {
            due: due + REORDER_WAIT,
            fate: Fate::Reordered,
            ..flight
        });
        return;
    }
    let overtaken = state.held_back[i].take();
    state.in_flight.push(Reverse(flight));
    if let Some(back) = overtaken {
        state.entered += 1;
        state.in_flight.push(Reverse(InFlight {
            due,
            order: state.entered,
            ..back
        }));
    }
}
