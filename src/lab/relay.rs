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

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::eventfd::{EfdFlags, EventFd};
use nix::sys::socket::{AddressFamily, MsgFlags, SockFlag, SockProtocol, SockType, socket};

pub use super::dir::Dir;
use super::held::{Held, HeldFrame, Kept, Listed};
use super::kernel_path::{KernelPath, Record};
use super::netns::Netns;
use super::path::{Counters, Path, Props, Verdict};
use super::taps::Taps;
use crate::budget::Budget;
use crate::sys::bpf::Ring;

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

/// A one-shot action on the next frame in a direction (None: either).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Drop,
    Dup,
    Corrupt,
}

/// A segment on its way across a path: sent when due.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct InFlight {
    due: Instant,
    /// Ties keep the order segments entered.
    order: u64,
    dir: Dir,
    copies: u8,
    fate: Fate,
    frame: Vec<u8>,
}

/// How much of a frame the log keeps: every header, and more of the
/// payload than a segment line shows (as the kernel path's records).
const LOG_SNAP: usize = super::kernel_path::SNAP;

/// What keeping a frame costs beyond its bytes (the entry around it).
const ENTRY: usize = 96;

fn crossing_cost(crossing: &Crossing) -> usize {
    crossing.frame.capacity() + ENTRY
}

fn frame_cost(frame: &[u8]) -> usize {
    frame.len() + ENTRY
}

/// How long a segment held back by `reorder` waits for a next one to
/// overtake it before it goes anyway.
const REORDER_WAIT: Duration = Duration::from_millis(100);

#[derive(Debug, Default)]
struct State {
    path: Path,
    in_flight: BinaryHeap<Reverse<InFlight>>,
    /// Per direction, a segment held back until the next has gone.
    held_back: [Option<InFlight>; 2],
    entered: u64,
    hold: [bool; 2],
    /// The host at the far end of a direction has its cable pulled.
    far_end_down: [bool; 2],
    next: Vec<(Option<Dir>, Next)>,
    held: Held,
    log: Vec<Crossing>,
    /// How many crossings were ever logged (`await link` waits for more).
    logged: u64,
    /// Frames read from each cable (`Dir::index`: a->b, what host a
    /// sent), and frames handed to the host each way leads to (a->b: to
    /// host b), by the relay or the kernel's path: with the hosts' taps,
    /// they say when all a step caused has been handled (`settle`).
    read: [u64; 2],
    delivered: [u64; 2],
    /// Per host (0: a): its cable is pulled (what it sends is lost before
    /// the relay could read it), and what its tap counted that the relay
    /// will never read (frames sent while the cable was out).
    host_down: [bool; 2],
    sent_base: [u64; 2],
    /// Per host, frames handed to it that it never took in, as far as a
    /// settle that gave up could tell.
    lost: [u64; 2],
    /// Times `settle` gave up waiting (its safety net): never, unless the
    /// machine kept the kernel from the lab's frames for seconds.
    settle_timeouts: u64,
    /// The counts when the link was last found settled (the hosts' sends,
    /// what was read, what was handed over): while they stand, it still is.
    settled_at: Option<([u64; 2], [u64; 2], [u64; 2])>,
    stop: bool,
    /// Readable while the log has crossings not yet taken (`log_fd`).
    log_signal: Option<Arc<EventFd>>,
    /// Threads waiting on the condition variable (`sync`, `await link`):
    /// with none, a crossing wakes nobody (no futex call per frame).
    waiters: usize,
    /// The kernel's fast path, where it could be set up (root), and
    /// whether frames take it now.
    kernel: Option<KernelPath>,
    fast: bool,
    /// The session's budget: held and delayed frames, and the log, are
    /// kept only while it has room.
    budget: Option<Arc<Budget>>,
    /// Crossings not logged because the budget was full.
    unlogged: u64,
}

impl State {
    /// Whether the link is a plain wire now: nothing held or to be held,
    /// dropped, delayed or armed, no cable pulled, nothing on its way.
    fn plain(&self) -> bool {
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
    fn leave_fast_path(&mut self) {
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
    fn take_fast_path(&mut self, quiet: bool) {
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
    fn log_crossing(&mut self, mut crossing: Crossing) {
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

    /// Takes `bytes` from the budget; whether there was room.
    fn take(&self, bytes: usize) -> bool {
        self.budget.as_ref().is_none_or(|b| b.take(bytes).is_ok())
    }

    fn give(&self, bytes: usize) {
        if let Some(budget) = &self.budget {
            budget.give(bytes);
        }
    }
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
    /// Why there is no fast path (not root, an older kernel), if there is none.
    no_fast_path: Option<String>,
    /// Where frames are read from, and the buffers they are read into:
    /// the relay thread's, or, while it settles a step, the session's.
    pump: Arc<Mutex<Pump>>,
    /// What each host sent on its cable and took in from it (None only
    /// once the relay is being dropped).
    taps: Option<Taps>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits on the condition variable at most `left`, counted as a waiter.
fn wait<'a>(
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
fn notify(condvar: &Condvar, guard: &State) {
    if guard.waiters > 0 {
        condvar.notify_all();
    }
}

/// A packet socket bound to interface `name` that takes only frames the
/// interface received (what the host on the other end of its veth sent).
fn side(name: &str) -> Result<OwnedFd, String> {
    let fd = socket(
        AddressFamily::Packet,
        SockType::Raw,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        SockProtocol::EthAll,
    )
    .map_err(|e| format!("the lab's relay cannot open a packet socket: {}", e.desc()))?;
    crate::sys::bind_packet_socket(fd.as_fd(), index(name)?, libc::ETH_P_ALL as u16)
        .map_err(|e| format!("cannot bind the relay to {name}: {}", e.desc()))?;
    // The frames the relay itself sends out of this side are not queued
    // back to it (Linux 4.20+; older kernels' copies are skipped when read).
    let _ = crate::sys::set_int_option(fd.as_fd(), libc::SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
    bypass_queue(&fd);
    // Room for a window's worth of frames while the relay thread waits
    // for a core.
    let _ = crate::sys::set_int_option(fd.as_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, 4 << 20);
    Ok(fd)
}

/// A packet socket on interface `name` that only sends: with the kernel's
/// path, frames reach the relay through its ring, and a socket that took
/// them too would only cost a copy of each.
fn sending_side(name: &str) -> Result<OwnedFd, String> {
    let fd = socket(
        AddressFamily::Packet,
        SockType::Raw,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("the lab's relay cannot open a packet socket: {}", e.desc()))?;
    crate::sys::bind_packet_socket(fd.as_fd(), index(name)?, 0)
        .map_err(|e| format!("cannot bind the relay to {name}: {}", e.desc()))?;
    bypass_queue(&fd);
    Ok(fd)
}

/// Frames the relay sends go straight to the cable's end, not through
/// its queue: a veth whose peer came up gets its queue (until then, one
/// that drops every frame, though the send succeeds) only when the
/// kernel's `linkwatch` work runs, which waits for every other interface
/// change on the machine — a frame handed to a host would be lost unseen.
fn bypass_queue(fd: &OwnedFd) {
    let _ = crate::sys::set_int_option(fd.as_fd(), libc::SOL_PACKET, libc::PACKET_QDISC_BYPASS, 1);
}

fn index(name: &str) -> Result<u32, String> {
    nix::net::if_::if_nametoindex(name).map_err(|e| format!("no interface {name}: {}", e.desc()))
}

/// Where the relay reads frames: from the cables' ends themselves, or
/// from the kernel path's ring (which has every frame, in order).
enum Input {
    Sides,
    Ring(Ring),
}

impl Input {
    /// Whether frames wait in the ring (the sides are polled instead).
    fn pending(&self) -> bool {
        match self {
            Input::Ring(ring) => ring.pending(),
            Input::Sides => false,
        }
    }
}

/// What reads frames: the input and its buffers. Whoever holds it reads,
/// decides and sends (the relay thread, or a step settling); lock it
/// before the state, never while holding the state.
struct Pump {
    input: Input,
    buffers: Buffers,
}

impl Pump {
    /// Reads and decides every frame there is now; whether there was one.
    fn drain(
        &mut self,
        state: &(Mutex<State>, Condvar),
        sides: &[OwnedFd; 2],
        started: Started,
    ) -> bool {
        drain(state, sides, &mut self.input, &mut self.buffers, started)
    }
}

/// The longest a step waits for what it caused (the safety net: reached
/// only if the kernel keeps the lab's frames from being handled for that
/// long, and counted when it is).
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

/// `PACKET_IGNORE_OUTGOING` (linux/if_packet.h).
const PACKET_IGNORE_OUTGOING: libc::c_int = 23;

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
    ) -> Result<Relay, String> {
        type Sides = ([OwnedFd; 2], Result<(KernelPath, Ring), String>);
        let (sides, kernel) = wire.within(home, || -> Result<Sides, String> {
            let kernel = match kernel_path {
                Some(ring) => KernelPath::set_up(index("va")?, index("vb")?, ring),
                None => Err("not asked for".to_string()),
            };
            match kernel {
                Ok(kernel) => Ok(([sending_side("va")?, sending_side("vb")?], Ok(kernel))),
                Err(why) => Ok(([side("va")?, side("vb")?], Err(why))),
            }
        })??;
        let (kernel, input, no_fast_path) = match kernel {
            Ok((kernel, ring)) => (Some(kernel), Input::Ring(ring), None),
            Err(why) => (None, Input::Sides, Some(why)),
        };
        let sides = Arc::new(sides);
        let wake = Arc::new(
            EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK)
                .map_err(|e| format!("eventfd: {}", e.desc()))?,
        );
        let log_signal = Arc::new(
            EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK)
                .map_err(|e| format!("eventfd: {}", e.desc()))?,
        );
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
            Input::Ring(ring) => Some(
                ring.fd()
                    .try_clone_to_owned()
                    .map_err(|e| format!("the relay's ring: {e}"))?,
            ),
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
                run(&state, &wake, &sides, &pump, ring_fd, started)
            })
            .map_err(|e| format!("cannot start the relay: {e}"))?
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
        // Nothing sent, read or handed over since the link was last found
        // settled: it still is (two calls: a step that sent nothing costs
        // no more).
        if let Some(taps) = &self.taps {
            let sent = taps.sent();
            let state = lock(&self.state.0);
            if state.settled_at == Some((sent, state.read, state.delivered)) {
                return;
            }
        }
        let deadline = Instant::now() + SETTLE_LIMIT;
        let mut pause = Duration::ZERO;
        loop {
            lock(&self.pump).drain(&self.state, sides, self.started);
            send_due(&self.state, sides, self.started);
            // What this thread put in flight on a path, the relay thread
            // sends when it is due: it must know of it to wait for it.
            if next_due(&lock(&self.state.0)).is_some() {
                let _ = self.wake.write(1);
            }
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

    /// Holds (true) or passes frames in the given directions.
    pub fn set_hold(&self, dirs: &[Dir], hold: bool) {
        let mut state = lock(&self.state.0);
        for dir in dirs {
            state.hold[dir.index()] = hold;
        }
        self.changed(state);
    }

    /// After a change to the link: frames go to the relay from the next
    /// one on if it is more than a plain wire now, and the relay looks
    /// again (it takes the kernel's path back when it is plain and quiet).
    fn changed(&self, mut state: MutexGuard<'_, State>) {
        state.leave_fast_path();
        drop(state);
        let _ = self.wake.write(1);
    }

    /// How many frames the kernel path's ring had no room for, so the relay
    /// never saw them: (passed by the kernel unrecorded, dropped); None
    /// without a kernel path.
    pub fn unrecorded(&self) -> Option<(u32, u32)> {
        lock(&self.state.0)
            .kernel
            .as_ref()
            .map(KernelPath::unrecorded)
    }

    /// Whether frames cross in the kernel now; or why the lab has no such
    /// path (`link`'s JSON says).
    pub fn fast_path(&self) -> Result<bool, String> {
        match &self.no_fast_path {
            Some(why) => Err(why.clone()),
            None => Ok(lock(&self.state.0).fast),
        }
    }

    /// Frames to or from the host that sends in `dir` are lost (its cable
    /// is pulled) — its own never reach the relay; these are those for it.
    pub fn set_down(&self, sender: Dir, down: bool) {
        let toward = match sender {
            Dir::AtoB => Dir::BtoA,
            Dir::BtoA => Dir::AtoB,
        };
        let host = sender.index();
        let traffic = self.taps.as_ref().map(Taps::traffic).unwrap_or_default();
        let mut state = lock(&self.state.0);
        state.far_end_down[toward.index()] = down;
        state.host_down[host] = down;
        if !down {
            // What it sent while its cable was out never reached the relay.
            state.sent_base[host] = traffic[host].sent.saturating_sub(state.read[host]);
        }
        self.changed(state);
    }

    /// Changes the properties of the given directions.
    pub fn set_props(&self, dirs: &[Dir], change: impl Fn(&mut Props)) {
        let mut state = lock(&self.state.0);
        for dir in dirs {
            change(&mut state.path.props[dir.index()]);
        }
        // (The relay's next wait is computed afresh, too.)
        self.changed(state);
    }

    /// Restarts every random choice of the path from `seed`.
    pub fn set_seed(&self, seed: u64) {
        lock(&self.state.0).path.set_seed(seed);
    }

    /// Both directions' properties, counters and queue depth, and the seed.
    pub fn path(&self) -> ([Props; 2], [Counters; 2], [usize; 2], u64) {
        let mut state = lock(&self.state.0);
        let now = Instant::now();
        let depth = [
            state.path.depth(Dir::AtoB, now),
            state.path.depth(Dir::BtoA, now),
        ];
        let path = &state.path;
        (
            path.props.clone(),
            path.counters.clone(),
            depth,
            path.seed(),
        )
    }

    pub fn holding(&self) -> [bool; 2] {
        lock(&self.state.0).hold
    }

    /// Arms a one-shot action on the next frame in `dir` (None: either way).
    pub fn arm(&self, dir: Option<Dir>, action: Next) {
        let mut state = lock(&self.state.0);
        state.next.push((dir, action));
        self.changed(state);
    }

    /// Whether a segment was ever held by hand on this link.
    pub fn held_ever(&self) -> bool {
        lock(&self.state.0).held.ever()
    }

    /// The held entries, in order, for `link` to list.
    pub fn held(&self) -> Vec<Listed> {
        lock(&self.state.0)
            .held
            .queue
            .iter()
            .map(|h| {
                let frame = h.newest();
                Listed {
                    number: h.number,
                    dir: h.dir,
                    start: frame[..frame.len().min(LOG_SNAP)].to_vec(),
                    length: frame.len(),
                    sent: h.sent,
                    again: h.again_at(),
                    delivered: h.delivered,
                }
            })
            .collect()
    }

    /// The held entries, in order: each one's number, and whether it was
    /// delivered already (only copies of it wait).
    pub fn held_numbers(&self) -> Vec<(u32, bool)> {
        lock(&self.state.0)
            .held
            .queue
            .iter()
            .map(|h| (h.number, h.delivered))
            .collect()
    }

    /// Delivers (or drops) the held entries chosen by `pick` from the
    /// queue; returns their numbers. An entry delivered hands over its
    /// newest copy, or with `copies` every copy in the order they were
    /// sent; dropped, all of them go. Delivering waits for what they cause.
    pub fn release(
        &self,
        pick: impl FnOnce(&VecDeque<HeldFrame>) -> Vec<u32>,
        deliver: bool,
        copies: bool,
    ) -> Vec<u32> {
        let taken: Vec<HeldFrame> = {
            let mut state = lock(&self.state.0);
            let numbers = pick(&state.held.queue);
            let taken: Vec<HeldFrame> = numbers
                .iter()
                .filter_map(|number| state.held.take(*number, deliver))
                .collect();
            let cost = taken
                .iter()
                .flat_map(|h| &h.frames)
                .map(|(_, f)| frame_cost(f))
                .sum();
            state.give(cost);
            taken
        };
        // One at a time, each one's answer in before the next goes: what
        // they cause shows in the order they were delivered.
        for entry in &taken {
            let frames: Vec<&[u8]> = match (deliver, copies) {
                (true, true) => entry.frames.iter().map(|(_, f)| f.as_slice()).collect(),
                _ => vec![entry.newest()],
            };
            for frame in frames {
                let fate = if deliver {
                    Fate::Delivered(entry.number)
                } else {
                    Fate::Dropped(Some(entry.number))
                };
                {
                    let mut state = lock(&self.state.0);
                    let counters = &mut state.path.counters[entry.dir.index()];
                    if deliver {
                        counters.passed += 1;
                        counters.bytes += frame.len() as u64;
                    } else {
                        counters.hand_drops += entry.frames.len() as u64;
                    }
                    state.log_crossing(Crossing {
                        at: self.started.elapsed(),
                        dir: entry.dir,
                        length: frame.len(),
                        frame: frame[..frame.len().min(LOG_SNAP)].to_vec(),
                        fate,
                    });
                }
                if deliver {
                    if let Some(sides) = &self.sides
                        && send(sides, entry.dir, frame)
                    {
                        lock(&self.state.0).delivered[entry.dir.index()] += 1;
                    }
                    self.sync();
                }
            }
        }
        self.changed(lock(&self.state.0));
        taken.iter().map(|f| f.number).collect()
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

/// Writes a frame out of the side facing the host it is going to.
/// Whether the kernel took it (it is then the other host's to take in).
/// (Tried twice: see `sys::send_frames`.)
fn send(sides: &[OwnedFd; 2], dir: Dir, frame: &[u8]) -> bool {
    let out = match dir {
        Dir::AtoB => &sides[1],
        Dir::BtoA => &sides[0],
    };
    let once = || nix::sys::socket::send(out.as_raw_fd(), frame, MsgFlags::empty()).is_ok();
    once() || once()
}

/// When the relay started, on both clocks: the ring's records carry
/// CLOCK_MONOTONIC times, crossings their time since the start.
#[derive(Clone, Copy)]
struct Started {
    instant: Instant,
    monotonic: Duration,
}

impl Started {
    fn now() -> Started {
        Started {
            monotonic: monotonic(),
            instant: Instant::now(),
        }
    }

    fn elapsed(&self) -> Duration {
        self.instant.elapsed()
    }

    /// A record's time (ns, CLOCK_MONOTONIC) as time since the start.
    fn since(&self, ns: u64) -> Duration {
        Duration::from_nanos(ns).saturating_sub(self.monotonic)
    }
}

fn monotonic() -> Duration {
    nix::time::clock_gettime(nix::time::ClockId::CLOCK_MONOTONIC)
        .map(Duration::from)
        .unwrap_or_default()
}

/// The relay thread: read, decide, write — between steps (and, while a
/// step settles, beside it: whoever holds the pump reads).
fn run(
    state: &(Mutex<State>, Condvar),
    wake: &EventFd,
    sides: &[OwnedFd; 2],
    pump: &Mutex<Pump>,
    ring_fd: Option<OwnedFd>,
    started: Started,
) {
    let mut last_frame = Instant::now();
    // Polled for frames: the ring's fd, or both sides.
    let reads: Vec<BorrowedFd> = match &ring_fd {
        Some(fd) => vec![fd.as_fd()],
        None => vec![sides[0].as_fd(), sides[1].as_fd()],
    };
    let mut fds = reads.clone();
    fds.push(wake.as_fd());
    let mut lazy = LAZY_MIN;
    loop {
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
        let wait = match !fast && last_frame.elapsed() < SPIN {
            true => 0,
            false => wait,
        };
        // While frames cross in the kernel, the relay is not on their way:
        // the kernel does not wake it for each (that costs the hosts a
        // core); it reads what crossed a batch at a time — every LAZY_MIN
        // while frames come, less often while none do, at once when the
        // session waits for a crossing (`await link`).
        let (fds, wait) = match fast {
            true => {
                let lazy = if waiting { LAZY_MIN } else { lazy };
                (
                    &fds[fds.len() - 1..],
                    if wait < 0 { lazy } else { wait.min(lazy) },
                )
            }
            false => (&fds[..], wait),
        };
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
        if read {
            last_frame = Instant::now();
            lazy = LAZY_MIN;
        } else {
            lazy = (lazy * 2).min(LAZY_MAX);
        }
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

/// When the next segment in flight (or held back) is due.
fn next_due(state: &State) -> Option<Instant> {
    let flying = state.in_flight.peek().map(|Reverse(f)| f.due);
    let back = state.held_back.iter().flatten().map(|f| f.due).min();
    flying.into_iter().chain(back).min()
}

/// Sends every segment in flight that is due, in order, and logs each.
fn send_due(state: &(Mutex<State>, Condvar), sides: &[OwnedFd; 2], started: Started) {
    let now = Instant::now();
    let mut guard = lock(&state.0);
    for slot in 0..2 {
        if guard.held_back[slot].as_ref().is_some_and(|f| f.due <= now)
            && let Some(back) = guard.held_back[slot].take()
        {
            guard.in_flight.push(Reverse(back));
        }
    }
    let mut sent = false;
    while guard
        .in_flight
        .peek()
        .is_some_and(|Reverse(f)| f.due <= now)
    {
        let Some(Reverse(flight)) = guard.in_flight.pop() else {
            break;
        };
        guard.give(frame_cost(&flight.frame));
        for _ in 0..flight.copies {
            if send(sides, flight.dir, &flight.frame) {
                guard.delivered[flight.dir.index()] += 1;
            }
        }
        let counters = &mut guard.path.counters[flight.dir.index()];
        counters.passed += 1;
        counters.bytes += flight.frame.len() as u64;
        guard.log_crossing(Crossing {
            at: started.elapsed(),
            dir: flight.dir,
            length: flight.frame.len(),
            frame: flight.frame,
            fate: flight.fate,
        });
        guard.logged += 1;
        sent = true;
    }
    if sent {
        notify(&state.1, &guard);
    }
}

/// How long the relay keeps looking for frames, without sleeping, after
/// the last one: the answer to a frame comes within tens of µs, and a
/// sleeping thread takes about as long again to wake.
const SPIN: Duration = Duration::from_micros(200);

/// How often (ms) the relay reads what the kernel passed while frames
/// come, and at least how often while none do.
const LAZY_MIN: i32 = 1;
const LAZY_MAX: i32 = 64;

/// How many frames the relay reads (and sends) in one system call.
const BATCH: usize = 32;

/// The relay thread's buffers: a batch of frames read, and the frames
/// decided on, waiting to go out of each side (`Dir::index` of where
/// they go), sent a batch at a time.
struct Buffers {
    frames: Vec<Vec<u8>>,
    lengths: [usize; BATCH],
    outgoing: [bool; BATCH],
    out: [Vec<Vec<u8>>; 2],
    /// Frames the kernel passed, to log under one lock.
    passed: Vec<(Kind, Crossing)>,
    /// How many frames were read each way, and how many of them the
    /// kernel passed (ARP and neighbour discovery too), not yet counted in
    /// the state.
    read_counts: [u64; 2],
    passed_counts: [u64; 2],
}

impl Buffers {
    fn new() -> Buffers {
        Buffers {
            // Frames are at most an MTU (1500) and a header: offloads are
            // off, so no frame holds more than one segment.
            frames: vec![vec![0u8; 4096]; BATCH],
            lengths: [0; BATCH],
            outgoing: [false; BATCH],
            out: [Vec::new(), Vec::new()],
            passed: Vec::new(),
            read_counts: [0; 2],
            passed_counts: [0; 2],
        }
    }

    /// Sends what was decided, each side's frames in one call, and counts
    /// them delivered.
    fn flush(&mut self, sides: &[OwnedFd; 2], state: &(Mutex<State>, Condvar)) {
        let mut sent = [0u64; 2];
        for (k, side) in [(0, &sides[1]), (1, &sides[0])] {
            if !self.out[k].is_empty() {
                sent[k] = crate::sys::send_frames(side.as_fd(), &self.out[k]) as u64;
                self.out[k].clear();
            }
        }
        let (read, passed) = (
            std::mem::take(&mut self.read_counts),
            std::mem::take(&mut self.passed_counts),
        );
        if sent != [0, 0] || read != [0, 0] {
            let mut guard = lock(&state.0);
            for k in 0..2 {
                guard.read[k] += read[k];
                guard.delivered[k] += sent[k] + passed[k];
            }
        }
    }
}

/// Reads and decides every frame there is now; whether there was one.
fn drain(
    state: &(Mutex<State>, Condvar),
    sides: &[OwnedFd; 2],
    input: &mut Input,
    buffers: &mut Buffers,
    started: Started,
) -> bool {
    match input {
        Input::Sides => drain_sides(state, sides, buffers, started),
        Input::Ring(ring) => drain_ring(state, sides, ring, buffers, started),
    }
}

/// Reads the kernel path's ring: frames the kernel passed are logged (a
/// batch under one lock), the others decided on, in the ring's order.
fn drain_ring(
    state: &(Mutex<State>, Condvar),
    sides: &[OwnedFd; 2],
    ring: &mut Ring,
    buffers: &mut Buffers,
    started: Started,
) -> bool {
    let mut read = false;
    loop {
        let count = ring.read(|bytes| {
            let Some(record) = Record::parse(bytes) else {
                return;
            };
            buffers.read_counts[record.dir.index()] += 1;
            if record.passed {
                buffers.passed_counts[record.dir.index()] += 1;
                let kind = kind(record.frame);
                // ARP and neighbour discovery pass unshown, as the relay
                // passes them.
                if kind != Kind::Other {
                    buffers.passed.push((
                        kind,
                        Crossing {
                            at: started.since(record.time),
                            dir: record.dir,
                            length: record.length,
                            frame: record.frame.to_vec(),
                            fate: Fate::Passed,
                        },
                    ));
                }
                return;
            }
            log_passed(state, &mut buffers.passed);
            // (A frame longer than a record holds cannot be sent on whole;
            // with the MTU the lab sets there is none.)
            if record.length == record.frame.len() {
                decide(
                    state,
                    &mut buffers.out,
                    record.dir,
                    record.frame.to_vec(),
                    started,
                );
            }
        });
        log_passed(state, &mut buffers.passed);
        buffers.flush(sides, state);
        if count == 0 {
            return read;
        }
        read = true;
    }
}

/// Logs and counts the frames the kernel passed, under one lock.
fn log_passed(state: &(Mutex<State>, Condvar), passed: &mut Vec<(Kind, Crossing)>) {
    if passed.is_empty() {
        return;
    }
    let mut guard = lock(&state.0);
    for (kind, crossing) in passed.drain(..) {
        if kind == Kind::Segment {
            let counters = &mut guard.path.counters[crossing.dir.index()];
            counters.passed += 1;
            counters.bytes += crossing.length as u64;
        }
        guard.log_crossing(crossing);
        guard.logged += 1;
    }
    notify(&state.1, &guard);
}

/// Reads and decides every frame both sides have now, a batch at a time;
/// whether there was one.
fn drain_sides(
    state: &(Mutex<State>, Condvar),
    sides: &[OwnedFd; 2],
    buffers: &mut Buffers,
    started: Started,
) -> bool {
    let mut read = false;
    loop {
        let mut any = false;
        for (at, dir) in [(0, Dir::AtoB), (1, Dir::BtoA)] {
            loop {
                let Buffers {
                    frames,
                    lengths,
                    outgoing,
                    ..
                } = buffers;
                let count =
                    crate::sys::receive_frames(sides[at].as_fd(), frames, lengths, outgoing);
                if count == 0 {
                    break;
                }
                any = true;
                for k in 0..count {
                    // Older kernels hand back the frames the relay sent.
                    if buffers.outgoing[k] {
                        continue;
                    }
                    buffers.read_counts[dir.index()] += 1;
                    let frame = buffers.frames[k][..buffers.lengths[k]].to_vec();
                    decide(state, &mut buffers.out, dir, frame, started);
                }
                buffers.flush(sides, state);
                if count < BATCH {
                    break;
                }
            }
        }
        if !any {
            return read;
        }
        read = true;
    }
}

/// What the link does with a kind of frame.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// TCP or UDP: held, dropped, duplicated, corrupted as the policy says.
    Segment,
    /// ICMP: passes, and is shown (a port unreachable explains ECONNREFUSED).
    Icmp,
    /// ARP, IPv6 neighbour discovery, anything else: passes, unshown, so
    /// the hosts always find each other.
    Other,
}

fn kind(frame: &[u8]) -> Kind {
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

fn decide(
    state: &(Mutex<State>, Condvar),
    out: &mut [Vec<Vec<u8>>; 2],
    dir: Dir,
    mut frame: Vec<u8>,
    started: Started,
) {
    let mut send = |frame: &Vec<u8>| out[dir.index()].push(frame.clone());
    let kind = kind(&frame);
    if kind != Kind::Segment {
        send(&frame);
        if kind == Kind::Icmp {
            let mut guard = lock(&state.0);
            guard.log_crossing(Crossing {
                at: started.elapsed(),
                dir,
                length: frame.len(),
                frame,
                fate: Fate::Passed,
            });
            guard.logged += 1;
            notify(&state.1, &guard);
        }
        return;
    }
    let mut guard = lock(&state.0);
    let at = started.elapsed();
    let armed = guard
        .next
        .iter()
        .position(|(d, _)| d.is_none_or(|d| d == dir));
    let i = dir.index();
    let len = frame.len() as u64;
    let fate = match armed.map(|i| guard.next.remove(i).1) {
        _ if guard.far_end_down[i] => {
            guard.path.counters[i].hand_drops += 1;
            Fate::Lost
        }
        Some(Next::Drop) => {
            guard.path.counters[i].hand_drops += 1;
            Fate::Dropped(None)
        }
        Some(Next::Dup) => {
            send(&frame);
            send(&frame);
            let counters = &mut guard.path.counters[i];
            counters.duplicated += 1;
            counters.passed += 1;
            counters.bytes += len;
            Fate::Duplicated
        }
        Some(Next::Corrupt) => {
            flip_a_bit(&mut frame);
            send(&frame);
            let counters = &mut guard.path.counters[i];
            counters.corrupted += 1;
            counters.passed += 1;
            counters.bytes += len;
            Fate::Corrupted
        }
        None if guard.hold[dir.index()] && !guard.take(frame_cost(&frame)) => {
            guard.path.counters[i].budget_drops += 1;
            Fate::OverBudget
        }
        None if guard.hold[dir.index()] => {
            // The link keeps the frame; the log, its start.
            let start = frame[..frame.len().min(LOG_SNAP)].to_vec();
            let kept = std::mem::replace(&mut frame, start);
            match guard.held.keep(dir, kept, at) {
                Kept::New(number) => Fate::Held(number),
                Kept::Again(number, sent) => Fate::Again(number, sent),
            }
        }
        None if !guard.path.is_clear(dir) => {
            let verdict = guard.path.judge(dir, frame.len(), Instant::now());
            match verdict {
                Verdict::Lost => Fate::LostByChance,
                Verdict::QueueFull => Fate::QueueFull,
                Verdict::Send { .. } if !guard.take(frame_cost(&frame)) => {
                    guard.path.counters[i].budget_drops += 1;
                    Fate::OverBudget
                }
                Verdict::Send {
                    due,
                    copies,
                    corrupt,
                    held_back,
                } => {
                    // Logged when it reaches the other side (`send_due`).
                    schedule(&mut guard, dir, frame, due, copies, corrupt, held_back);
                    notify(&state.1, &guard);
                    return;
                }
            }
        }
        None => {
            send(&frame);
            let counters = &mut guard.path.counters[i];
            counters.passed += 1;
            counters.bytes += len;
            Fate::Passed
        }
    };
    guard.log_crossing(Crossing {
        at,
        dir,
        length: len as usize,
        frame,
        fate,
    });
    guard.logged += 1;
    notify(&state.1, &guard);
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
