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
//! Where the kernel allows, even that call is made only when the set has
//! something to report: the kernel raises a flag in shared memory when it
//! does (`sys::WakeFlag`), so a step in which nothing woke — most sends and
//! receives — makes no system call but its own.
//!
//! Owns: the epoll set. Does not own the handles or their states (`session`).

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags};

pub struct StateWatch {
    epoll: Epoll,
    events: Vec<libc::epoll_event>,
    /// Sockets woken since the last look (sorted, no repeats).
    woken: Vec<RawFd>,
    /// Sockets the set could not take: read every step.
    unwatched: Vec<RawFd>,
    /// The background jobs' own epoll set is in this one (`add_nested`),
    /// and had something to report since the last `take_nested`.
    nested_woken: bool,
    /// Raised by the kernel when the set has something to report, so
    /// `collect` makes no system call when nothing woke; None where the
    /// kernel cannot (then `collect` always asks the set).
    flag: Option<crate::sys::WakeFlag>,
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
        let epoll = Epoll(crate::sys::move_out_of_the_way(
            Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?.0,
        ));
        let flag = crate::sys::WakeFlag::new(epoll.0.as_fd()).ok();
        Ok(StateWatch {
            epoll,
            events: vec![libc::epoll_event { events: 0, u64: 0 }; 64],
            woken: Vec::new(),
            unwatched: Vec::new(),
            nested_woken: false,
            flag,
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
    #[inline]
    pub fn collect(&mut self) {
        if let Some(flag) = &mut self.flag {
            if !flag.raised() {
                #[cfg(debug_assertions)]
                self.check_flag_down();
                return;
            }
            // Before the set is read: a wake-up from here on raises it again.
            match flag.settle() {
                Ok(()) | Err(nix::errno::Errno::EINTR) => {}
                // Made on another thread, say: ask the set every time.
                Err(_) => self.flag = None,
            }
        }
        self.read_set();
    }

    /// Reads every wake-up the set holds; how many there were.
    fn read_set(&mut self) -> usize {
        let mut read = 0;
        loop {
            let count = match crate::sys::epoll_wait(self.epoll.0.as_fd(), &mut self.events, 0) {
                Ok(count) => count,
                // A signal at this very moment: look again.
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return read,
            };
            read += count;
            for event in &self.events[..count] {
                match event.u64 {
                    NESTED => self.nested_woken = true,
                    fd => note(&mut self.woken, fd as RawFd),
                }
            }
            if count < self.events.len() {
                return read;
            }
        }
    }

    /// The debug build's check of the flag: with the flag down the set is
    /// read anyway, and if it held a wake-up the flag must go up — at once,
    /// or within moments when the wake-up was under way on another CPU as
    /// the set was read (the kernel queues the wake-up, then raises it).
    #[cfg(debug_assertions)]
    fn check_flag_down(&mut self) {
        if self.read_set() == 0 {
            return;
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let raised = || self.flag.as_ref().is_none_or(|flag| flag.raised());
        while !raised() && std::time::Instant::now() < deadline {
            std::hint::spin_loop();
        }
        assert!(
            raised(),
            "state watch: the set had a wake-up but the kernel's flag stayed down"
        );
    }

    /// Whether no socket is to be read: none woken, none unwatched.
    pub fn nothing_woken(&self) -> bool {
        self.woken.is_empty() && self.unwatched.is_empty()
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
            let timeout = left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
            let count = crate::sys::epoll_wait(self.epoll.0.as_fd(), &mut self.events, timeout)
                .unwrap_or(0);
            let mut seen = false;
            for event in &self.events[..count] {
                if event.u64 == NESTED {
                    self.nested_woken = true;
                    continue;
                }
                let woken = event.u64 as RawFd;
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
