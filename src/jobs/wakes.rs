//! The workers' sockets in one epoll set: which jobs something may have
//! woken, found with one `epoll_wait(0)`.
//!
//! Owns: the set and which jobs use each socket. Does not own the sockets
//! (each `Worker` holds its own) or the jobs (`super`).

use std::collections::HashMap;

use foldhash::fast::RandomState;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::sync::Arc;

use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};

/// The workers' sockets in one epoll set, edge-triggered for every event,
/// so one `epoll_wait(0)` names the jobs something may have woken. Each
/// socket is in the set once, for as long as a job holds it (`Worker`
/// keeps it open until the job is stopped, and it leaves the set first).
pub(super) struct Wakes {
    pub(super) epoll: Epoll,
    events: Vec<EpollEvent>,
    /// By descriptor: the jobs that use the socket.
    sockets: HashMap<RawFd, Vec<u32>, RandomState>,
}

/// A socket a worker shares with the session.
pub type Shared = Arc<dyn AsFd + Send + Sync>;

const WAKE_EVENTS: EpollFlags = EpollFlags::EPOLLIN
    .union(EpollFlags::EPOLLOUT)
    .union(EpollFlags::EPOLLPRI)
    .union(EpollFlags::EPOLLRDHUP)
    .union(EpollFlags::EPOLLHUP)
    .union(EpollFlags::EPOLLERR)
    .union(EpollFlags::EPOLLET);

impl Wakes {
    pub(super) fn new() -> io::Result<Wakes> {
        Ok(Wakes {
            epoll: Epoll(crate::sys::move_out_of_the_way(
                Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?.0,
            )),
            events: vec![EpollEvent::empty(); 64],
            sockets: HashMap::default(),
        })
    }

    /// Watches `socket` for `job`; false if the set cannot take it.
    pub(super) fn add(&mut self, socket: BorrowedFd<'_>, job: u32) -> bool {
        let raw = socket.as_raw_fd();
        if let Some(jobs) = self.sockets.get_mut(&raw) {
            jobs.push(job);
            return true;
        }
        if self
            .epoll
            .add(socket, EpollEvent::new(WAKE_EVENTS, raw as u64))
            .is_err()
        {
            return false;
        }
        self.sockets.insert(raw, vec![job]);
        true
    }

    /// Stops watching `sockets` for `job` (one no job uses leaves the set;
    /// they are still open).
    pub(super) fn release(&mut self, job: u32, sockets: &[Shared]) {
        for socket in sockets {
            let raw = socket.as_fd().as_raw_fd();
            let Some(jobs) = self.sockets.get_mut(&raw) else {
                continue;
            };
            jobs.retain(|&j| j != job);
            if jobs.is_empty() {
                let _ = self.epoll.delete(socket.as_fd());
                self.sockets.remove(&raw);
            }
        }
    }

    /// The jobs using `fd`.
    pub(super) fn users(&self, fd: RawFd) -> &[u32] {
        self.sockets.get(&fd).map_or(&[], Vec::as_slice)
    }

    /// Calls `woken` for every job whose sockets were woken since the last look.
    pub(super) fn collect(&mut self, mut woken: impl FnMut(u32)) {
        loop {
            let count = match self.epoll.wait(&mut self.events, EpollTimeout::ZERO) {
                Ok(count) => count,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return,
            };
            for event in &self.events[..count] {
                self.users(event.data() as RawFd)
                    .iter()
                    .for_each(|&job| woken(job));
            }
            if count < self.events.len() {
                return;
            }
        }
    }
}

pub(super) fn is_listening(socket: &Shared) -> bool {
    use nix::sys::socket::{getsockopt, sockopt::AcceptConn};
    getsockopt(&socket.as_fd(), AcceptConn).unwrap_or(false)
}

/// Whether a connection waits in the accept queue of one of `sockets`
/// (readable: POLLIN on a listener).
pub(super) fn connection_waits(sockets: &[Shared]) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let mut fds: Vec<PollFd> = sockets
        .iter()
        .map(|s| PollFd::new(s.as_fd(), PollFlags::POLLIN))
        .collect();
    if poll(&mut fds, PollTimeout::ZERO).is_err() {
        return false;
    }
    fds.iter().zip(sockets).any(|(fd, socket)| {
        fd.revents().is_some_and(|r| r.contains(PollFlags::POLLIN)) && is_listening(socket)
    })
}

/// Whether a wake-up of every one of `sockets` will show in the epoll set
/// even if the worker takes what woke it: each is writable (EPOLLOUT
/// stands), has hung up or failed (those stand too), or listens (a new
/// connection comes with a step the session sees: see `Jobs::note_step`).
/// Also whether one of them listens.
pub(super) fn wake_stays_visible(sockets: &[Shared]) -> (bool, bool) {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let mut fds: Vec<PollFd> = sockets
        .iter()
        .map(|s| PollFd::new(s.as_fd(), PollFlags::POLLOUT))
        .collect();
    if poll(&mut fds, PollTimeout::ZERO).is_err() {
        return (false, false);
    }
    let standing = PollFlags::POLLOUT | PollFlags::POLLHUP | PollFlags::POLLERR;
    let mut visible = true;
    let mut listening = false;
    for (fd, socket) in fds.iter().zip(sockets) {
        if is_listening(socket) {
            listening = true;
        } else if !fd.revents().is_some_and(|r| r.intersects(standing)) {
            visible = false;
        }
    }
    (visible, listening)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};

    /// A connection waits on a listener once a client connected (not
    /// before); a connected socket with data to read is no listener.
    #[test]
    fn a_connection_waits_on_a_listener_once_a_client_connected() {
        let listener = Arc::new(TcpListener::bind("127.0.0.1:0").unwrap());
        let shared: Vec<Shared> = vec![listener.clone()];
        assert!(!connection_waits(&shared));
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        // Loopback: connect returns with the connection queued, or about to
        // be (ksoftirqd); poll until it is, then it stays until accepted.
        let mut fds = [nix::poll::PollFd::new(
            listener.as_fd(),
            nix::poll::PollFlags::POLLIN,
        )];
        nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(5000u16)).unwrap();
        assert!(connection_waits(&shared));
        let (server, _) = listener.accept().unwrap();
        assert!(!connection_waits(&shared));
        client.write_all(b"x").unwrap();
        let server: Vec<Shared> = vec![Arc::new(server)];
        let mut fds = [nix::poll::PollFd::new(
            server[0].as_fd(),
            nix::poll::PollFlags::POLLIN,
        )];
        nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(5000u16)).unwrap();
        assert!(!connection_waits(&server), "readable, but not a listener");
    }
}
