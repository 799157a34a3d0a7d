//! The relay's io: the packet sockets on the wire's ends (`va`, `vb`),
//! the kernel path's ring, reading frames a batch at a time, sending what
//! was decided, and sending the segments in flight once they are due.
//!
//! Owns: the sockets' making, the input and its buffers (the pump), and
//! the frames' reading and writing. Does not decide a frame's fate
//! (`policy`) or loop (`thread`).

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::sync::{Condvar, Mutex};
use std::time::Instant;

use nix::sys::socket::{AddressFamily, MsgFlags, SockFlag, SockProtocol, SockType, socket};

use super::Dir;
use super::policy::{Fate, Kind, decide, kind, pop_due, release_held_back};
use super::state::{Crossing, Started, State, frame_cost, lock, notify};
use super::{Error, NoFastPath};
use crate::lab::kernel_path::{KernelPath, Record};
use crate::lab::setup::index;
use crate::sys::bpf::Ring;

/// A packet socket bound to interface `name` that takes only frames the
/// interface received (what the host on the other end of its veth sent).
fn side(name: &str) -> Result<OwnedFd, Error> {
    let fd = socket(
        AddressFamily::Packet,
        SockType::Raw,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        SockProtocol::EthAll,
    )
    .map_err(Error::Socket)?;
    crate::sys::bind_packet_socket(fd.as_fd(), index(name)?, libc::ETH_P_ALL as u16).map_err(
        |errno| Error::Bind {
            name: name.to_string(),
            errno,
        },
    )?;
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
fn sending_side(name: &str) -> Result<OwnedFd, Error> {
    let fd = socket(
        AddressFamily::Packet,
        SockType::Raw,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(Error::Socket)?;
    crate::sys::bind_packet_socket(fd.as_fd(), index(name)?, 0).map_err(|errno| Error::Bind {
        name: name.to_string(),
        errno,
    })?;
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

/// The wire's ends as the relay uses them: with the kernel's path (asked
/// for, with a ring of that many bytes, and set up), sockets that only
/// send; else sockets that read every frame too, and why there is no
/// such path. In the wire's namespace.
pub(super) fn open_ends(kernel_path: Option<usize>) -> Result<Ends, Error> {
    let kernel = match kernel_path {
        Some(ring) => {
            KernelPath::set_up(index("va")?, index("vb")?, ring).map_err(NoFastPath::from)
        }
        None => Err(NoFastPath::NotAskedFor),
    };
    match kernel {
        Ok(kernel) => Ok(([sending_side("va")?, sending_side("vb")?], Ok(kernel))),
        Err(why) => Ok(([side("va")?, side("vb")?], Err(why))),
    }
}

/// The sockets on va and vb, and the kernel's path with its ring (or why
/// there is none).
pub(super) type Ends = ([OwnedFd; 2], Result<(KernelPath, Ring), NoFastPath>);

/// Where the relay reads frames: from the cables' ends themselves, or
/// from the kernel path's ring (which has every frame, in order).
pub(super) enum Input {
    Sides,
    Ring(Ring),
}

impl Input {
    /// Whether frames wait in the ring (the sides are polled instead).
    pub(super) fn pending(&self) -> bool {
        match self {
            Input::Ring(ring) => ring.pending(),
            Input::Sides => false,
        }
    }
}

/// What reads frames: the input and its buffers. Whoever holds it reads,
/// decides and sends (the relay thread, or a step settling); lock it
/// before the state, never while holding the state.
pub(super) struct Pump {
    pub(super) input: Input,
    pub(super) buffers: Buffers,
}

impl Pump {
    /// Reads and decides every frame there is now; whether there was one.
    pub(super) fn drain(
        &mut self,
        state: &(Mutex<State>, Condvar),
        sides: &[OwnedFd; 2],
        started: Started,
    ) -> bool {
        drain(state, sides, &mut self.input, &mut self.buffers, started)
    }
}

/// `PACKET_IGNORE_OUTGOING` (linux/if_packet.h).
const PACKET_IGNORE_OUTGOING: libc::c_int = 23;

/// Writes a frame out of the side facing the host it is going to.
/// Whether the kernel took it (it is then the other host's to take in).
/// (Tried twice: see `sys::send_frames`.)
pub(super) fn send(sides: &[OwnedFd; 2], dir: Dir, frame: &[u8]) -> bool {
    let out = match dir {
        Dir::AtoB => &sides[1],
        Dir::BtoA => &sides[0],
    };
    let once = || nix::sys::socket::send(out.as_raw_fd(), frame, MsgFlags::empty()).is_ok();
    once() || once()
}

/// Sends every segment in flight that is due, in order, and logs each.
pub(super) fn send_due(state: &(Mutex<State>, Condvar), sides: &[OwnedFd; 2], started: Started) {
    let now = Instant::now();
    let mut guard = lock(&state.0);
    release_held_back(&mut guard, now);
    let mut sent = false;
    while let Some(flight) = pop_due(&mut guard, now) {
        guard.give(frame_cost(&flight.frame));
        for _ in 0..flight.copies {
            if send(sides, flight.dir, &flight.frame) {
                guard.delivered[flight.dir.index()] += 1;
            }
        }
        guard.count_passed(flight.dir, flight.frame.len());
        guard.cross(Crossing {
            at: started.elapsed(),
            dir: flight.dir,
            length: flight.frame.len(),
            frame: flight.frame,
            fate: flight.fate,
        });
        sent = true;
    }
    if sent {
        notify(&state.1, &guard);
    }
}

/// How many frames the relay reads (and sends) in one system call.
const BATCH: usize = 32;

/// The relay thread's buffers: a batch of frames read, and the frames
/// decided on, waiting to go out of each side (`Dir::index` of where
/// they go), sent a batch at a time.
pub(super) struct Buffers {
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
    pub(super) fn new() -> Buffers {
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

    /// One record of the ring, in the ring's order: a frame the kernel
    /// passed is kept, to be logged with the others of its batch; one it
    /// did not is decided on now (once the passed frames before it are
    /// logged).
    fn take_record(&mut self, state: &(Mutex<State>, Condvar), bytes: &[u8], started: Started) {
        let Some(record) = Record::parse(bytes) else {
            return;
        };
        self.read_counts[record.dir.index()] += 1;
        if record.passed {
            self.keep_passed(&record, started);
            return;
        }
        log_passed(state, &mut self.passed);
        // (A frame longer than a record holds cannot be sent on whole;
        // with the MTU the lab sets there is none.)
        if record.length == record.frame.len() {
            let frame = record.frame.to_vec();
            decide(state, &mut self.out, record.dir, frame, started);
        }
    }

    /// Counts a frame the kernel passed, and keeps it to log unless it is
    /// ARP or neighbour discovery (which pass unshown, as the relay passes
    /// them).
    fn keep_passed(&mut self, record: &Record, started: Started) {
        self.passed_counts[record.dir.index()] += 1;
        let kind = kind(record.frame);
        if kind != Kind::Other {
            self.passed.push((
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
        let count = ring.read(|bytes| buffers.take_record(state, bytes, started));
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
            guard.count_passed(crossing.dir, crossing.length);
        }
        guard.cross(crossing);
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
