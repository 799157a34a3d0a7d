//! What the relay holds, and the one lock around it: the link's path
//! (properties and counters), the frames held by hand and in flight on a
//! path, the one-shot actions armed, the counts a step settles by, the log
//! of crossings and its budget, and whether frames take the kernel's path.
//!
//! Owns: `State` and the crossings it logs, the costs charged to the
//! budget, the lock and its waiters, and the relay's start on both clocks.
//! Does not decide what happens to a frame (`policy`) or move one (`io`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use nix::sys::eventfd::EventFd;

use super::Dir;
use super::policy::{Fate, Next};
use crate::budget::Budget;
use crate::lab::held::Held;
use crate::lab::kernel_path::KernelPath;
use crate::lab::path::Path;

/// A frame that crossed (or reached) the link, for the wire view.
#[derive(Clone, Debug)]
pub struct Crossing {
    pub at: Duration,
    pub dir: Dir,
    /// The frame; of one the kernel passed, only its first bytes (every
    /// header and more of the payload than a segment line shows).
    pub frame: Vec<u8>,
    pub fate: Fate,
    /// The frame's whole length.
    pub length: usize,
}

/// A segment on its way across a path: sent when due.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct InFlight {
    pub(super) due: Instant,
    /// Ties keep the order segments entered.
    pub(super) order: u64,
    pub(super) dir: Dir,
    pub(super) copies: u8,
    pub(super) fate: Fate,
    pub(super) frame: Vec<u8>,
}

/// How much of a frame the log keeps: every header, and more of the
/// payload than a segment line shows (as the kernel path's records).
pub(super) const LOG_SNAP: usize = crate::lab::kernel_path::SNAP;

/// What keeping a frame costs beyond its bytes (the entry around it).
const ENTRY: usize = 96;

pub(super) fn crossing_cost(crossing: &Crossing) -> usize {
    crossing.frame.capacity() + ENTRY
}

pub(super) fn frame_cost(frame: &[u8]) -> usize {
    frame.len() + ENTRY
}

/// What the relay holds, under one lock (with a condition variable for
/// those who wait on it: `sync`, `await link`).
#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) path: Path,
    pub(super) in_flight: BinaryHeap<Reverse<InFlight>>,
    /// Per direction, a segment held back until the next has gone.
    pub(super) held_back: [Option<InFlight>; 2],
    pub(super) entered: u64,
    pub(super) hold: [bool; 2],
    /// The host at the far end of a direction has its cable pulled.
    pub(super) far_end_down: [bool; 2],
    pub(super) next: Vec<(Option<Dir>, Next)>,
    pub(super) held: Held,
    pub(super) log: Vec<Crossing>,
    /// How many crossings were ever logged (`await link` waits for more).
    pub(super) logged: u64,
    /// Frames read from each cable (`Dir::index`: a->b, what host a
    /// sent), and frames handed to the host each way leads to (a->b: to
    /// host b), by the relay or the kernel's path: with the hosts' taps,
    /// they say when all a step caused has been handled (`settle`).
    pub(super) read: [u64; 2],
    pub(super) delivered: [u64; 2],
    /// Per host (0: a): its cable is pulled (what it sends is lost before
    /// the relay could read it), and what its tap counted that the relay
    /// will never read (frames sent while the cable was out).
    pub(super) host_down: [bool; 2],
    pub(super) sent_base: [u64; 2],
    /// Per host, frames handed to it that it never took in, as far as a
    /// settle that gave up could tell.
    pub(super) lost: [u64; 2],
    /// Times `settle` gave up waiting (its safety net): never, unless the
    /// machine kept the kernel from the lab's frames for seconds.
    pub(super) settle_timeouts: u64,
    /// The counts when the link was last found settled (the hosts' sends,
    /// what was read, what was handed over): while they stand, it still is.
    pub(super) settled_at: Option<([u64; 2], [u64; 2], [u64; 2])>,
    pub(super) stop: bool,
    /// Readable while the log has crossings not yet taken (`log_fd`).
    pub(super) log_signal: Option<Arc<EventFd>>,
    /// Threads waiting on the condition variable (`sync`, `await link`):
    /// with none, a crossing wakes nobody (no futex call per frame).
    pub(super) waiters: usize,
    /// The kernel's fast path, where it could be set up (root), and
    /// whether frames take it now.
    pub(super) kernel: Option<KernelPath>,
    pub(super) fast: bool,
    /// The session's budget: held and delayed frames, and the log, are
    /// kept only while it has room.
    pub(super) budget: Option<Arc<Budget>>,
    /// Crossings not logged because the budget was full.
    pub(super) unlogged: u64,
}

impl State {
    /// Whether the link is a plain wire now: nothing held or to be held,
    /// dropped, delayed or armed, no cable pulled, nothing on its way.
    pub(super) fn plain(&self) -> bool {
        self.hold == [false, false]
            && self.far_end_down == [false, false]
            && self.next.is_empty()
            && self.held.is_empty()
            && self.in_flight.is_empty()
            && self.held_back.iter().all(Option::is_none)
            && self.path.is_clear(Dir::AtoB)
            && self.path.is_clear(Dir::BtoA)
    }

    /// Frames go to the relay from the next one on, once the link is more
    /// than a plain wire (called, under the lock, by whatever made it so:
    /// `link hold` holds the very next frame).
    pub(super) fn leave_fast_path(&mut self) {
        if self.fast
            && !self.plain()
            && let Some(kernel) = &self.kernel
            && kernel.set_fast(false).is_ok()
        {
            self.fast = false;
        }
    }

    /// Frames cross in the kernel again, if the link is a plain wire and
    /// the relay has nothing of its own left (`quiet`: no frame waits for
    /// it) — so no frame it still had can be overtaken. Only the relay
    /// thread, which knows that, calls this.
    pub(super) fn take_fast_path(&mut self, quiet: bool) {
        if !self.fast
            && quiet
            && self.plain()
            && let Some(kernel) = &self.kernel
            && kernel.set_fast(true).is_ok()
        {
            self.fast = true;
        }
    }

    /// Logs a crossing (the frame's first `LOG_SNAP` bytes), if the budget
    /// has room (else it is counted as unlogged); the first since the log
    /// was taken makes the log's fd readable (one write per batch, not per
    /// frame).
    pub(super) fn log_crossing(&mut self, mut crossing: Crossing) {
        // A copy of the start, not the frame cut down in place: that would
        // leave a hole in the heap for every frame.
        if crossing.frame.len() > LOG_SNAP {
            crossing.frame = crossing.frame[..LOG_SNAP].to_vec();
        }
        if !self.take(crossing_cost(&crossing)) {
            self.unlogged += 1;
            return;
        }
        if self.log.is_empty()
            && let Some(signal) = &self.log_signal
        {
            let _ = signal.write(1);
        }
        self.log.push(crossing);
    }

    /// Logs a crossing and counts it for whoever waits for one (`await
    /// link`, by `logged`).
    pub(super) fn cross(&mut self, crossing: Crossing) {
        self.log_crossing(crossing);
        self.logged += 1;
    }

    /// Counts a frame the link let through in `dir` (`link`'s counters).
    pub(super) fn count_passed(&mut self, dir: Dir, length: usize) {
        let counters = &mut self.path.counters[dir.index()];
        counters.passed += 1;
        counters.bytes += length as u64;
    }

    /// Takes `bytes` from the budget; whether there was room.
    pub(super) fn take(&self, bytes: usize) -> bool {
        self.budget.as_ref().is_none_or(|b| b.take(bytes).is_ok())
    }

    pub(super) fn give(&self, bytes: usize) {
        if let Some(budget) = &self.budget {
            budget.give(bytes);
        }
    }
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits on the condition variable at most `left`, counted as a waiter.
pub(super) fn wait<'a>(
    condvar: &Condvar,
    mut guard: MutexGuard<'a, State>,
    left: Duration,
) -> MutexGuard<'a, State> {
    guard.waiters += 1;
    let mut guard = match condvar.wait_timeout(guard, left) {
        Ok((guard, _)) => guard,
        Err(poisoned) => poisoned.into_inner().0,
    };
    guard.waiters -= 1;
    guard
}

/// Wakes the waiters, if there are any (a futex call otherwise saved).
pub(super) fn notify(condvar: &Condvar, guard: &State) {
    if guard.waiters > 0 {
        condvar.notify_all();
    }
}

/// When the relay started, on both clocks: the ring's records carry
/// CLOCK_MONOTONIC times, crossings their time since the start.
#[derive(Clone, Copy)]
pub(super) struct Started {
    pub(super) instant: Instant,
    pub(super) monotonic: Duration,
}

impl Started {
    pub(super) fn now() -> Started {
        Started {
            monotonic: monotonic(),
            instant: Instant::now(),
        }
    }

    pub(super) fn elapsed(&self) -> Duration {
        self.instant.elapsed()
    }

    /// A record's time (ns, CLOCK_MONOTONIC) as time since the start.
    pub(super) fn since(&self, ns: u64) -> Duration {
        Duration::from_nanos(ns).saturating_sub(self.monotonic)
    }
}

pub(super) fn monotonic() -> Duration {
    nix::time::clock_gettime(nix::time::ClockId::CLOCK_MONOTONIC)
        .map(Duration::from)
        .unwrap_or_default()
}
