//! The link between the hosts: a thread in the wire namespace reads every
//! frame that arrives on `va` (sent by host a) or `vb` (sent by host b)
//! and decides its fate by the link's policy: pass it to the other side,
//! hold it (numbered, until `deliver` or `drop`), drop it, send it twice,
//! or flip a bit in it (checksum left as it was). It reads the frames from
//! the kernel path's ring where there is one (`kernel_path`, as root: while
//! the link is a plain wire the kernel passes them itself, and the relay
//! only logs them), else with a packet socket on each side.
//!
//! On veth, a frame is handed over inside the system call that sent it, and
//! the answer the other host makes is sent inside the relay's own write: so
//! after `sync` (the relay has read everything there is) the log holds what
//! the last step caused, in order — as on loopback.
//!
//! With properties set (`path`: delay, loss, a rate …) a segment may wait
//! on the link: the relay keeps it, with the time it is due, and sends it
//! then — so a step's effects arrive when a real path would bring them,
//! between steps.
//!
//! Owns: the relay thread, the held queue, the one-shot actions, the
//! segments in flight on a path, the log of crossings, and when frames take
//! the kernel's path. Only TCP and UDP are held or acted on; ICMP passes
//! and is logged; ARP and neighbour discovery pass unlogged.
//!
//! In parts: `state` (what the relay holds: the frames held and in flight,
//! the counts, the log), `policy` (what happens to a frame: a fate decided
//! from the state), `io` (the packet sockets and the ring, reading and
//! writing frames), `thread` (the relay thread's loop), `settle` (a step
//! waiting for what it caused) and `controls` (the session's acts on the
//! link). This file holds the relay itself: starting it (and why it could
//! not: `Error`; why there is no fast path: `NoFastPath`), its log, its end.

mod controls;
mod io;
mod policy;
mod settle;
mod state;
mod thread;

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::eventfd::{EfdFlags, EventFd};

pub use super::dir::Dir;
use nix::errno::Errno;

use super::kernel_path;
use super::netns::{self, Netns};
use super::setup;
use super::taps::Taps;
use crate::budget::Budget;
use io::{Buffers, Input, Pump, open_ends};
pub use policy::{Fate, Next};
pub use state::Crossing;
use state::{Started, State, crossing_cost, lock, wait};

/// Why the relay could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    Namespace(#[from] netns::Error),
    Interface(#[from] setup::Error),
    Socket(Errno),
    Bind { name: String, errno: Errno },
    EventFd(Errno),
    Ring(std::io::Error),
    Thread(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Namespace(error) => return error.fmt(f),
            Error::Interface(error) => return error.fmt(f),
            Error::Socket(errno) => crate::t!("lab-error-relay-socket", reason = errno.desc()),
            Error::Bind { name, errno } => {
                crate::t!("lab-error-relay-bind", name = name, reason = errno.desc())
            }
            Error::EventFd(errno) => crate::t!("lab-error-relay-eventfd", reason = errno.desc()),
            Error::Ring(error) => crate::t!("lab-error-relay-ring", reason = error.to_string()),
            Error::Thread(error) => crate::t!("lab-error-relay-thread", reason = error.to_string()),
        };
        f.write_str(&text)
    }
}

/// Why the link has no fast path (`link`'s JSON says).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoFastPath {
    /// The lab was built without it (`Lab::build_with(None, …)`).
    NotAskedFor,
    /// The kernel would not set it up (not root, an older kernel).
    Refused(#[from] kernel_path::Error),
}

impl std::fmt::Display for NoFastPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoFastPath::NotAskedFor => f.write_str(&crate::t!("lab-error-fast-path-not-asked")),
            NoFastPath::Refused(error) => error.fmt(f),
        }
    }
}

/// An eventfd to wake a thread or signal a poller with.
fn eventfd() -> Result<EventFd, Error> {
    EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK).map_err(Error::EventFd)
}

/// The relay: its thread, and the state the session acts on.
pub struct Relay {
    state: Arc<(Mutex<State>, Condvar)>,
    wake: Arc<EventFd>,
    /// Packet sockets on va (to host a) and vb (to host b).
    /// (None only once the relay is being dropped.)
    sides: Option<Arc<[OwnedFd; 2]>>,
    started: Started,
    log_signal: Arc<EventFd>,
    thread: Option<JoinHandle<()>>,
    /// Why there is no fast path, if there is none.
    no_fast_path: Option<NoFastPath>,
    /// Where frames are read from, and the buffers they are read into:
    /// the relay thread's, or, while it settles a step, the session's.
    pump: Arc<Mutex<Pump>>,
    /// What each host sent on its cable and took in from it (None only
    /// once the relay is being dropped).
    taps: Option<Taps>,
}

impl Relay {
    /// Starts the relay in `wire` (where `va` and `vb` are).
    /// (`kernel_path`: try the kernel's path for a plain link, with a ring
    /// of that many bytes.)
    pub fn start(
        wire: &Netns,
        home: &Netns,
        kernel_path: Option<usize>,
        budget: Option<Arc<Budget>>,
        taps: Taps,
    ) -> Result<Relay, Error> {
        let (sides, kernel) = wire.within(home, || open_ends(kernel_path))??;
        let (kernel, input, no_fast_path) = match kernel {
            Ok((kernel, ring)) => (Some(kernel), Input::Ring(ring), None),
            Err(why) => (None, Input::Sides, Some(why)),
        };
        let sides = Arc::new(sides);
        let wake = Arc::new(eventfd()?);
        let log_signal = Arc::new(eventfd()?);
        let state = Arc::new((
            Mutex::new(State {
                log_signal: Some(Arc::clone(&log_signal)),
                kernel,
                budget,
                ..State::default()
            }),
            Condvar::new(),
        ));
        let started = Started::now();
        // Polled for frames by the relay thread: the ring's fd (a copy, so
        // that the ring itself can be read meanwhile), or both sides.
        let ring_fd = match &input {
            Input::Ring(ring) => Some(ring.fd().try_clone_to_owned().map_err(Error::Ring)?),
            Input::Sides => None,
        };
        let pump = Arc::new(Mutex::new(Pump {
            input,
            buffers: Buffers::new(),
        }));
        let thread = {
            let (state, wake, sides) = (Arc::clone(&state), Arc::clone(&wake), Arc::clone(&sides));
            let pump = Arc::clone(&pump);
            crate::interrupt::spawn_without_sigint("socklab-relay".into(), None, move || {
                thread::run(&state, &wake, &sides, &pump, ring_fd, started)
            })
            .map_err(Error::Thread)?
        };
        Ok(Relay {
            state,
            wake,
            sides: Some(sides),
            started,
            log_signal,
            thread: Some(thread),
            no_fast_path,
            pump,
            taps: Some(taps),
        })
    }

    /// Waits (at most `timeout`) until a segment reaches the link — at
    /// once if one did since the log was last taken (since the last step,
    /// where nothing shows crossings between steps: a teacher's pause
    /// before `await link` does not make it wait for the one after).
    pub fn wait_for_crossing(&self, timeout: Duration) -> bool {
        let (mutex, condvar) = &*self.state;
        let mut state = lock(mutex);
        if !state.log.is_empty() {
            return true;
        }
        let start = state.logged;
        let deadline = Instant::now() + timeout;
        // The relay looks at once (and often while someone waits: frames
        // the kernel passes are read a batch at a time).
        let _ = self.wake.write(1);
        while state.logged == start {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = wait(condvar, state, left);
        }
        true
    }

    /// Everything logged since the last call.
    pub fn take_log(&self) -> Vec<Crossing> {
        let mut state = lock(&self.state.0);
        if state.log.is_empty() {
            // (The log's fd is readable only while it holds crossings.)
            return Vec::new();
        }
        let _ = self.log_signal.read();
        let log = std::mem::take(&mut state.log);
        state.give(log.iter().map(crossing_cost).sum());
        log
    }

    /// How many crossings were not logged (not shown) because the
    /// session's memory budget was full.
    pub fn unlogged(&self) -> u64 {
        lock(&self.state.0).unlogged
    }

    /// Readable while crossings wait in the log (to poll between steps).
    pub fn log_fd(&self) -> BorrowedFd<'_> {
        self.log_signal.as_fd()
    }

    /// When the relay started: crossings' `at` count from it.
    pub fn started(&self) -> Instant {
        self.started.instant
    }
}

impl Drop for Relay {
    /// Stops the relay thread, then closes the lab's sockets and BPF links
    /// together: closing a packet socket waits for an RCU grace period
    /// (tens of ms), so one after another they would take the lab a tenth
    /// of a second to end; each on a thread of its own, they take one.
    fn drop(&mut self) {
        lock(&self.state.0).stop = true;
        let _ = self.wake.write(1);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let mut parts: Vec<Box<dyn Send>> = Vec::new();
        if let Some(sides) = self.sides.take().and_then(|s| Arc::try_unwrap(s).ok()) {
            let [va, vb] = sides;
            parts.push(Box::new(va));
            parts.push(Box::new(vb));
        }
        if let Some(taps) = self.taps.take() {
            parts.extend(taps.into_parts());
        }
        if let Some(kernel) = lock(&self.state.0).kernel.take() {
            parts.push(Box::new(kernel));
        }
        parts.push(Box::new(std::mem::replace(
            &mut lock(&self.pump).input,
            Input::Sides,
        )));
        std::thread::scope(|scope| {
            for part in parts {
                scope.spawn(move || drop(part));
            }
        });
    }
}
