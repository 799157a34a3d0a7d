//! Settling the link after a step: the calling thread reads, decides and
//! sends every frame there is until the counts say all the step caused
//! has been handled (the hosts' taps against the relay's own counts).
//!
//! Owns: `Relay::sync` and when it gives up. The counts are `state`'s.

use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

use super::Relay;
use super::io::send_due;
use super::policy::next_due;
use super::state::lock;
use crate::lab::taps::Taps;

/// The longest a step waits for what it caused (the safety net: reached
/// only if the kernel keeps the lab's frames from being handled for that
/// long, and counted when it is).
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

impl Relay {
    /// Settles the link: reads, decides and sends every frame there is
    /// (in the calling thread), until every frame the hosts sent has been
    /// read and every frame handed to a host has been taken in by it — so
    /// whatever a host sent in answer has been read too. No quiet window:
    /// a frame is waited for only while the counts say one is still in a
    /// kernel queue (on a busy machine, for ksoftirqd), at most
    /// `SETTLE_LIMIT` (then counted: `settle_timeouts`). Frames in flight
    /// on a path are not waited for: they arrive when due.
    pub fn sync(&self) {
        let Some(sides) = &self.sides else {
            return;
        };
        if self.still_settled() {
            return;
        }
        let deadline = Instant::now() + SETTLE_LIMIT;
        let mut pause = Duration::ZERO;
        loop {
            self.handle_all(sides);
            if self.settled() {
                return;
            }
            if Instant::now() >= deadline {
                self.give_up();
                return;
            }
            // A frame is in a kernel queue, to be handled by a core that
            // has it: no event says when, so look again after a moment
            // (a yield, then 20 µs, 40 µs … up to 1 ms).
            match pause.is_zero() {
                true => std::thread::yield_now(),
                false => std::thread::park_timeout(pause),
            }
            pause = (pause * 2).clamp(Duration::from_micros(20), Duration::from_millis(1));
        }
    }

    /// Whether nothing was sent, read or handed over since the link was
    /// last found settled: then it still is (two calls: a step that sent
    /// nothing costs no more).
    fn still_settled(&self) -> bool {
        let Some(taps) = &self.taps else {
            return false;
        };
        let sent = taps.sent();
        let state = lock(&self.state.0);
        state.settled_at == Some((sent, state.read, state.delivered))
    }

    /// Reads, decides and sends every frame there is now, in the calling
    /// thread, and what is due on a path.
    fn handle_all(&self, sides: &[OwnedFd; 2]) {
        let pending = {
            let mut pump = lock(&self.pump);
            pump.drain(&self.state, sides, self.started);
            pump.input.pending()
        };
        send_due(&self.state, sides, self.started);
        let mut state = lock(&self.state.0);
        // What this thread put in flight on a path, the relay thread
        // sends when it is due: it must know of it to wait for it.
        if next_due(&state).is_some() {
            let _ = self.wake.write(1);
        }
        // The frames this thread took may have been the last the relay
        // had: the link is the kernel's again now, as after the relay
        // thread's own reads (it may not wake again to see it).
        state.take_fast_path(!pending);
    }

    /// After `SETTLE_LIMIT`: counted, and what is missing now is taken as
    /// lost — a frame the kernel dropped unseen would otherwise keep
    /// every later step waiting its longest too (if it turns up after
    /// all, the counts only run ahead).
    fn give_up(&self) {
        let traffic = self.taps.as_ref().map(Taps::traffic).unwrap_or_default();
        let mut state = lock(&self.state.0);
        state.settle_timeouts += 1;
        for (host, seen) in traffic.iter().enumerate() {
            let (sends, takes) = (host, 1 - host);
            let unread = seen
                .sent
                .saturating_sub(state.sent_base[host] + state.read[sends]);
            state.sent_base[host] += unread;
            let untaken = state.delivered[takes].saturating_sub(seen.taken + state.lost[host]);
            state.lost[host] += untaken;
        }
    }

    /// Whether every frame the hosts sent has been read, and every frame
    /// handed to a host has been taken in (see `sync`).
    fn settled(&self) -> bool {
        let Some(taps) = &self.taps else {
            return true;
        };
        let traffic = taps.traffic();
        let mut state = lock(&self.state.0);
        let balanced = |unrecorded: u64| {
            (0..2).all(|host| {
                let sends = host; // a sends a->b (index 0), b sends b->a (index 1)
                let takes = 1 - host; // a takes what goes b->a
                let sent = traffic[host].sent.saturating_sub(state.sent_base[host]);
                let all_read = state.host_down[host] || sent <= state.read[sends] + unrecorded;
                let all_taken = traffic[host].taken + state.lost[host] >= state.delivered[takes];
                all_read && all_taken
            })
        };
        // Frames the kernel path's ring had no room for were never read
        // (asked only when the counts disagree: two calls).
        let done = balanced(0)
            || balanced(state.kernel.as_ref().map_or(0, |k| {
                let (passed, dropped) = k.unrecorded();
                u64::from(passed) + u64::from(dropped)
            }));
        if done {
            let sent = [traffic[0].sent, traffic[1].sent];
            state.settled_at = Some((sent, state.read, state.delivered));
        }
        done
    }

    /// How many frames the link has read and handed over so far: it moves
    /// whenever a frame crossed.
    pub fn frames_counted(&self) -> u64 {
        let state = lock(&self.state.0);
        state.read.iter().chain(&state.delivered).sum()
    }

    /// How many times a step gave up waiting for what it caused.
    pub fn settle_timeouts(&self) -> u64 {
        lock(&self.state.0).settle_timeouts
    }
}
