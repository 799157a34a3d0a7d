//! Which TCP sockets may have changed state since the last look, found with
//! one system call instead of one `TCP_INFO` read per handle per step.
//!
//! Every TCP handle's socket is in one epoll set, edge-triggered, for
//! `EPOLLOUT | EPOLLRDHUP | EPOLLHUP | EPOLLERR` — not `EPOLLIN`, so data
//! arriving does not count. A state move the kernel makes by itself (on a
//! SYN-ACK, a FIN, an RST, the last ACK, a timer giving up) is followed by a
//! wake-up of the socket's waiters (`sk_state_change` or `sk_error_report`
//! after `tcp_set_state`), and in every state such a move leads to,
//! `tcp_poll` reports one of those four events: ESTABLISHED and FIN_WAIT2
//! are writable, CLOSE_WAIT and CLOSING have `EPOLLRDHUP`, CLOSE has
//! `EPOLLHUP`, a failed connect `EPOLLERR`. So after each step one
//! `epoll_wait(0)` names every socket whose state may have moved; moves made
//! by a call (connect, listen, shutdown) are read because the step names
//! the handle. A debug build checks this against a full read on every step.
//!
//! Owns: the epoll set. Does not own the handles or their states (`session`).

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};

pub struct StateWatch {
    epoll: Epoll,
    events: Vec<EpollEvent>,
    /// Sockets woken since the last look (sorted, no repeats).
    woken: Vec<RawFd>,
    /// Sockets the set could not take: read every step.
    unwatched: Vec<RawFd>,
    /// The background jobs' own epoll set is in this one (`add_nested`),
    /// and had something to report since the last `take_nested`.
    nested_woken: bool,
}

/// The key of the nested set (no fd has it).
const NESTED: u64 = u64::MAX;

const EVENTS: EpollFlags = EpollFlags::EPOLLOUT
    .union(EpollFlags::EPOLLRDHUP)
    .union(EpollFlags::EPOLLHUP)
    .union(EpollFlags::EPOLLERR)
    .union(EpollFlags::EPOLLET);

impl StateWatch {
    pub fn new() -> nix::Result<StateWatch> {
        Ok(StateWatch {
            epoll: Epoll(crate::sys::move_out_of_the_way(
                Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?.0,
            )),
            events: vec![EpollEvent::empty(); 64],
            woken: Vec::new(),
            unwatched: Vec::new(),
            nested_woken: false,
        })
    }

    /// The epoll set's fd: readable when a watched socket woke (to poll
    /// while waiting for a line).
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.epoll.0.as_fd()
    }

    /// Starts watching a TCP socket. It counts as woken once, so its first
    /// state is read.
    pub fn add(&mut self, fd: BorrowedFd<'_>) {
        let raw = fd.as_raw_fd();
        if self
            .epoll
            .add(fd, EpollEvent::new(EVENTS, raw as u64))
            .is_err()
        {
            // Out of kernel memory for the set: read this one every step.
            self.unwatched.push(raw);
        }
        note(&mut self.woken, raw);
    }

    /// Puts another epoll set (the background jobs' sockets) in this one,
    /// so one `collect` also says whether that set has anything to report:
    /// a step then makes one epoll_wait, not two. False if it cannot.
    pub fn add_nested(&mut self, set: BorrowedFd<'_>) -> bool {
        let events = EpollFlags::EPOLLIN | EpollFlags::EPOLLET;
        self.epoll.add(set, EpollEvent::new(events, NESTED)).is_ok()
    }

    /// Whether the nested set had something to report since the last call.
    pub fn take_nested(&mut self) -> bool {
        std::mem::take(&mut self.nested_woken)
    }

    /// Stops watching a socket that is leaving the table.
    pub fn remove(&mut self, fd: BorrowedFd<'_>) {
        let _ = self.epoll.delete(fd);
        self.unwatched.retain(|&raw| raw != fd.as_raw_fd());
    }

    /// Collects what the kernel woke since the last call; `is_woken` then
    /// answers for each socket.
    pub fn collect(&mut self) {
        loop {
            let count = match self.epoll.wait(&mut self.events, EpollTimeout::ZERO) {
                Ok(count) => count,
                // A signal at this very moment: look again.
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return,
            };
            for event in &self.events[..count] {
                match event.data() {
                    NESTED => self.nested_woken = true,
                    fd => note(&mut self.woken, fd as RawFd),
                }
            }
            if count < self.events.len() {
                return;
            }
        }
    }

    /// The sockets `collect` found woken, and those read every step.
    pub fn woken(&self) -> impl Iterator<Item = RawFd> + '_ {
        self.woken.iter().chain(&self.unwatched).copied()
    }

    pub fn is_woken(&self, fd: RawFd) -> bool {
        self.woken.binary_search(&fd).is_ok() || self.unwatched.contains(&fd)
    }

    /// Forgets the wake-ups `collect` gathered, once the states are read.
    pub fn clear(&mut self) {
        self.woken.clear();
    }

    /// For the debug check: waits up to `limit` for a wake-up of `fd` that
    /// has not been collected yet, keeping any it sees for the next step.
    #[cfg(debug_assertions)]
    pub fn wait_for(&mut self, fd: RawFd, limit: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let timeout = EpollTimeout::try_from(left).unwrap_or(EpollTimeout::ZERO);
            let count = self.epoll.wait(&mut self.events, timeout).unwrap_or(0);
            let mut seen = false;
            for event in &self.events[..count] {
                if event.data() == NESTED {
                    self.nested_woken = true;
                    continue;
                }
                let woken = event.data() as RawFd;
                seen |= woken == fd;
                note(&mut self.woken, woken);
            }
            if seen {
                return true;
            }
            if left.is_zero() {
                return false;
            }
        }
    }
}

/// Adds `fd` to a sorted list of woken sockets.
fn note(woken: &mut Vec<RawFd>, fd: RawFd) {
    if let Err(at) = woken.binary_search(&fd) {
        woken.insert(at, fd);
    }
}
