//! The relay thread: it waits for frames (or the next segment due, or a
//! wake-up), reads and decides them, sends what is due, and takes the
//! kernel's path back when the link is a plain wire and quiet.
//!
//! Owns: the loop and how long it waits. Reading and sending are `io`'s.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use nix::sys::eventfd::EventFd;

use super::io::{Pump, send_due};
use super::policy::next_due;
use super::state::{Started, State, lock};

/// How long the relay keeps looking for frames, without sleeping, after
/// the last one: the answer to a frame comes within tens of µs, and a
/// sleeping thread takes about as long again to wake.
const SPIN: Duration = Duration::from_micros(200);

/// How often (ms) the relay reads what the kernel passed while frames
/// come, and at least how often while none do.
const LAZY_MIN: i32 = 1;
const LAZY_MAX: i32 = 64;

/// The relay thread: read, decide, write — between steps (and, while a
/// step settles, beside it: whoever holds the pump reads).
pub(super) fn run(
    state: &(Mutex<State>, Condvar),
    wake: &EventFd,
    sides: &[OwnedFd; 2],
    pump: &Mutex<Pump>,
    ring_fd: Option<OwnedFd>,
    started: Started,
) {
    // Polled for frames: the ring's fd, or both sides; and the wake-up.
    let mut fds: Vec<BorrowedFd> = match &ring_fd {
        Some(fd) => vec![fd.as_fd()],
        None => vec![sides[0].as_fd(), sides[1].as_fd()],
    };
    fds.push(wake.as_fd());
    let mut pace = Pace {
        last_frame: Instant::now(),
        lazy: LAZY_MIN,
    };
    loop {
        let (fds, wait) = pace.poll_for(state, &fds);
        let ready = match crate::sys::poll(fds, libc::POLLIN, wait) {
            Ok((_, revents)) => revents,
            Err(_) => continue,
        };
        send_due(state, sides, started);
        if ready.last().is_some_and(|&r| r != 0) {
            let _ = wake.read();
        }
        let (read, pending) = {
            let mut pump = lock(pump);
            let read = pump.drain(state, sides, started);
            (read, pump.input.pending())
        };
        pace.after(read);
        // What the path let through with no delay goes now.
        send_due(state, sides, started);
        let mut guard = lock(&state.0);
        // What was on its way has arrived: the link may be plain again.
        guard.take_fast_path(!pending);
        if guard.stop {
            return;
        }
    }
}

/// How the thread paces its polls: when it last read a frame, and how
/// long it waits between reads while frames cross in the kernel (ms).
struct Pace {
    last_frame: Instant,
    lazy: i32,
}

impl Pace {
    /// What to poll (the last of `fds` is the wake-up), and for how long
    /// (ms; -1: until one is ready).
    fn poll_for<'a, 'b>(
        &self,
        state: &(Mutex<State>, Condvar),
        fds: &'a [BorrowedFd<'b>],
    ) -> (&'a [BorrowedFd<'b>], i32) {
        // Until the next segment in flight is due (rounded up: never early).
        let (due, fast, waiting) = {
            let guard = lock(&state.0);
            (next_due(&guard), guard.fast, guard.waiters > 0)
        };
        let wait = due.map_or(-1, |due| {
            let left = due.saturating_duration_since(Instant::now());
            i32::try_from(left.as_micros().div_ceil(1000)).unwrap_or(i32::MAX)
        });
        // Shortly after a frame, the next is likely close behind (the
        // answer to it, the rest of a window): look again at once rather
        // than sleep, so a frame waits for no thread to be woken.
        let wait = match !fast && self.last_frame.elapsed() < SPIN {
            true => 0,
            false => wait,
        };
        // While frames cross in the kernel, the relay is not on their way:
        // the kernel does not wake it for each (that costs the hosts a
        // core); it reads what crossed a batch at a time — every LAZY_MIN
        // while frames come, less often while none do, at once when the
        // session waits for a crossing (`await link`).
        match fast {
            true => {
                let lazy = if waiting { LAZY_MIN } else { self.lazy };
                (
                    &fds[fds.len() - 1..],
                    if wait < 0 { lazy } else { wait.min(lazy) },
                )
            }
            false => (fds, wait),
        }
    }

    /// After a round: whether it read a frame.
    fn after(&mut self, read: bool) {
        if read {
            self.last_frame = Instant::now();
            self.lazy = LAZY_MIN;
        } else {
            self.lazy = (self.lazy * 2).min(LAZY_MAX);
        }
    }
}
