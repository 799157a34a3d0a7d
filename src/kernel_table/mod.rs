//! Connections the kernel keeps after their fd is gone (TIME_WAIT, an
//! orphaned FIN_WAIT1, LAST_ACK — or TIME_WAIT behind a socket that still
//! has its fd, in CLOSE), found by their exact address pair with one
//! `sock_diag` netlink request each (a hash lookup in the kernel, a few
//! microseconds; `diag`) — or, where netlink is not allowed, in
//! `/proc/net/tcp` and `/proc/net/tcp6` (which the kernel builds by walking
//! every socket: about a millisecond, on every step while such connections
//! exist).
//!
//! Such a connection has no fd to wake the session's state watch, so a
//! step alone would see its moves late, and only the last of several. A
//! sampler thread (`sampler`) looks at the held connections while there
//! are any — every few milliseconds while a segment may move one, and at
//! the end of a TIME_WAIT's timer — and keeps what it saw, with when, for
//! the next read (`refresh`); its eventfd (`notify_fd`) is readable while
//! it has something to show between steps.
//!
//! Owns those lookups and the list of closed handles whose connections are
//! still held (`Held`); states of sockets socklab still holds come from
//! TCP_INFO (`sys::tcp_info`). `port` finds every socket on a port (one
//! dump), for a bind that met EADDRINUSE.

use std::net::SocketAddr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use nix::sys::eventfd::{EfdFlags, EventFd};

use crate::names::TcpState;
use crate::step::StateChange;

mod diag;
mod port;
mod proc_net;
mod sampler;

pub use diag::Found;
pub use port::{BOUND_INACTIVE, PortUser, Transport, every_socket, users_of_port};

/// A connection the kernel still holds after its handle's fd was closed.
#[derive(Debug)]
struct Ghost {
    /// Its place in the order added: moves are shown in that order (the
    /// sampler's and a read's alike), whoever saw them first.
    id: u64,
    /// The name its handle had: kept, even when a new handle takes it.
    name: String,
    local: SocketAddr,
    peer: SocketAddr,
    state: TcpState,
    /// A step ended with it held (or a change of it was shown): its end is
    /// an fd-less connection's, marked as such — not its handle's close.
    shown: bool,
    /// When the sampler looks at it next, and how long it waited last.
    next_look: Instant,
    period: Duration,
}

impl Ghost {
    fn seen(&self, to: Option<TcpState>, at: Instant, live: bool) -> Seen {
        Seen {
            change: self.change(to),
            at,
            live,
            ghost: self.id,
        }
    }

    fn change(&self, to: Option<TcpState>) -> StateChange {
        StateChange {
            handle: self.name.clone(),
            from: Some(self.state),
            to,
            closed: to.is_some() || self.shown,
            when: None,
        }
    }

    /// Notes what a look found (`moved`: it changed) and when to look again:
    /// soon after a move, then less often, up to `LOOK_EVERY`; a connection
    /// in TIME_WAIT only when its timer ends (no segment moves it before
    /// then but a new SYN or an RST, which come with a step, or with a
    /// segment the session is woken for).
    fn looked(&mut self, found: Option<Found>, now: Instant) {
        let moved = found.map(|f| f.state) != Some(self.state);
        if let Some(found) = found {
            self.state = found.state;
        }
        self.period = match moved {
            true => FIRST_LOOK,
            false => (self.period * 2).min(LOOK_EVERY),
        };
        self.next_look = match found {
            Some(Found {
                state: TcpState::TIME_WAIT,
                timewait_left: Some(left),
            }) if !left.is_zero() => {
                self.period = FIRST_LOOK;
                now + left + FIRST_LOOK
            }
            _ => now + self.period,
        };
    }
}

/// How many connections were ever held (each one's `Ghost::id`: unique
/// across the lab's hosts too).
static ADDED: AtomicU64 = AtomicU64::new(0);

/// The sampler's first look at a connection that just moved.
const FIRST_LOOK: Duration = Duration::from_millis(1);

/// The longest the sampler leaves a connection that a segment may move
/// unlooked at: a state that lasts this long is always seen, and a move is
/// seen at most this late.
pub const LOOK_EVERY: Duration = Duration::from_millis(10);

/// A move of a held connection, as the sampler or a step's read saw it.
#[derive(Debug)]
pub struct Seen {
    pub change: StateChange,
    /// When it was seen.
    pub at: Instant,
    /// The sampler saw it as it happened (at most `LOOK_EVERY` late),
    /// between the session's own reads; false: a step's read found it.
    pub live: bool,
    /// Which connection moved (its place in the order added).
    pub ghost: u64,
}

/// The closed handles whose connections the kernel still holds, by name,
/// and the means of looking connections up.
#[derive(Debug, Default)]
pub struct Held {
    shared: Arc<Shared>,
    sampler: Option<std::thread::JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    table: Mutex<Table>,
    /// Wakes the sampler: a connection was added, or it is to stop.
    wake: Condvar,
    /// Connections held plus moves not yet taken (read without the lock:
    /// a step with nothing here looks no further).
    pending: AtomicUsize,
    diag: diag::Diag,
    /// An eventfd, readable while the sampler has seen a move not yet
    /// taken.
    notify: OnceLock<OwnedFd>,
}

#[derive(Debug, Default)]
struct Table {
    ghosts: Vec<Ghost>,
    /// What the sampler saw, in order, until a read takes it.
    seen: Vec<Seen>,
    stop: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Table> {
        self.table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn count(&self, table: &Table) {
        self.pending
            .store(table.ghosts.len() + table.seen.len(), Ordering::Release);
    }
}

impl Held {
    /// Whether the kernel holds none of the closed handles' connections,
    /// and no move of one waits to be shown.
    pub fn is_empty(&self) -> bool {
        self.shared.pending.load(Ordering::Acquire) == 0
    }

    /// Notes that the kernel holds `name`'s connection (`tuple`) in
    /// `state`, and has it looked at from now on. Call it in the network
    /// namespace the connection lives in: the lookups are made there.
    pub fn add(&mut self, name: &str, tuple: (SocketAddr, SocketAddr), state: TcpState) {
        let sampled = self.shared.diag.open().is_ok();
        let mut table = self.shared.lock();
        // The same connection again (a name it had, a state read anew);
        // another with the same name stays: it keeps its name.
        table.ghosts.retain(|g| (g.local, g.peer) != tuple);
        let now = Instant::now();
        let id = ADDED.fetch_add(1, Ordering::Relaxed);
        table.ghosts.push(Ghost {
            id,
            name: name.to_string(),
            local: tuple.0,
            peer: tuple.1,
            state,
            shown: false,
            next_look: now + FIRST_LOOK,
            period: FIRST_LOOK,
        });
        self.shared.count(&table);
        drop(table);
        if sampled && self.sampler.is_none() && self.shared.notify().is_some() {
            self.sampler = sampler::start(Arc::clone(&self.shared));
        }
        self.shared.wake.notify_one();
    }

    /// Each held connection: its handle's name, local and peer address.
    pub fn connections(&self) -> Vec<(String, SocketAddr, SocketAddr)> {
        let table = self.shared.lock();
        table
            .ghosts
            .iter()
            .map(|g| (g.name.clone(), g.local, g.peer))
            .collect()
    }

    pub fn contains(&self, name: &str) -> bool {
        !self.is_empty() && self.shared.lock().ghosts.iter().any(|g| g.name == name)
    }

    /// The kernel's state of `name`'s connection now, if it still has one
    /// (the latest of that name's, if several closed handles had it).
    pub fn state_now(&self, name: &str) -> Option<TcpState> {
        let (local, peer) = {
            let table = self.shared.lock();
            let ghost = table.ghosts.iter().rev().find(|g| g.name == name)?;
            (ghost.local, ghost.peer)
        };
        self.lookup(local, peer)
    }

    /// The state of the kernel's connection from `local` to `peer`, if it has one.
    pub fn lookup(&self, local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
        self.lookup_all(&[(local, peer)])[0].map(|f| f.state)
    }

    /// As `lookup` for several connections.
    fn lookup_all(&self, connections: &[(SocketAddr, SocketAddr)]) -> Vec<Option<Found>> {
        match self.shared.diag.lookup_all(connections) {
            Ok(found) => found,
            Err(_) => proc_net::read_tables(connections)
                .into_iter()
                .map(|state| {
                    state.map(|state| Found {
                        state,
                        timewait_left: None,
                    })
                })
                .collect(),
        }
    }

    /// Reads every held connection's state now, forgets the connections
    /// the kernel has let go, and returns every move since the last read —
    /// those the sampler saw as they happened and those this read found —
    /// connection by connection in the order they were added, each one's
    /// in the order seen (so a step shows the same lines whoever saw a
    /// move first).
    pub fn refresh(&mut self) -> Vec<Seen> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut table = self.shared.lock();
        let tuples: Vec<_> = table.ghosts.iter().map(|g| (g.local, g.peer)).collect();
        let mut found = self.lookup_all(&tuples).into_iter();
        let now = Instant::now();
        let mut seen = std::mem::take(&mut table.seen);
        let sampled = !seen.is_empty();
        table.ghosts.retain_mut(|ghost| {
            let found = found.next().flatten();
            let to = found.map(|f| f.state);
            if to != Some(ghost.state) {
                seen.push(ghost.seen(to, now, false));
            }
            ghost.looked(found, now);
            ghost.shown = true;
            to.is_some()
        });
        self.shared.count(&table);
        seen.sort_by_key(|s| s.ghost);
        if sampled && let Some(notify) = self.shared.notify.get() {
            // Taken: not readable until the sampler sees another move.
            let _ = nix::unistd::read(notify, &mut [0; 8]);
        }
        seen
    }

    /// Readable while the sampler has seen a move not yet taken (poll it
    /// while waiting for a line; `refresh` takes the moves). None until a
    /// connection is held, or where no sampler runs.
    pub fn notify_fd(&self) -> Option<BorrowedFd<'_>> {
        self.sampler.as_ref()?;
        self.shared.notify.get().map(|notify| notify.as_fd())
    }
}

impl Drop for Held {
    /// The sampler ends with the list it samples.
    fn drop(&mut self) {
        let Some(thread) = self.sampler.take() else {
            return;
        };
        self.shared.lock().stop = true;
        self.shared.wake.notify_one();
        let _ = thread.join();
    }
}

impl Shared {
    /// The eventfd the sampler raises (made once, numbered out of the way
    /// of the handles' fds).
    fn notify(&self) -> Option<&OwnedFd> {
        if self.notify.get().is_none() {
            let made = EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK).ok()?;
            let _ = self
                .notify
                .set(crate::sys::move_out_of_the_way(OwnedFd::from(made)));
        }
        self.notify.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_live_connections_by_netlink_and_in_proc() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (_server, _) = listener.accept().unwrap();
        let held = Held::default();
        let pair = (client.local_addr().unwrap(), client.peer_addr().unwrap());
        let established = Found {
            state: TcpState::ESTABLISHED,
            timewait_left: None,
        };
        let diag = &held.shared.diag;
        assert_eq!(diag.lookup_all(&[pair]).unwrap(), vec![Some(established)]);
        assert_eq!(
            proc_net::read_tables(&[pair]),
            vec![Some(TcpState::ESTABLISHED)]
        );
        // No connection of that pair: not the listener on its local port.
        let nobody: SocketAddr = "127.0.0.1:1".parse().unwrap();
        let missing = (listener.local_addr().unwrap(), nobody);
        assert_eq!(diag.lookup_all(&[missing]).unwrap(), vec![None]);
        assert_eq!(proc_net::read_tables(&[missing]), vec![None]);
    }

    /// A closed client whose server then closes: the sampler sees its
    /// FIN_WAIT2 → TIME_WAIT as it happens, with no read by a step, says
    /// so on its eventfd, and the time-wait timer is the kernel's 60 s.
    #[test]
    fn the_sampler_sees_a_held_connection_move_with_no_step() {
        use std::io::Read;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let pair = (client.local_addr().unwrap(), client.peer_addr().unwrap());
        let mut held = Held::default();
        drop(client);
        // The FIN reached the server (EOF), and the client is held.
        assert_eq!(server.read(&mut [0; 8]).unwrap(), 0);
        held.add("cli", pair, TcpState::ESTABLISHED);
        let notify = held
            .notify_fd()
            .expect("a sampler")
            .try_clone_to_owned()
            .unwrap();
        let wait = |timeout_ms| {
            use std::os::fd::AsFd;
            crate::sys::poll(&[notify.as_fd()], libc::POLLIN, timeout_ms)
                .unwrap()
                .0
                == 1
        };
        // Until the server's ACK of the FIN is in: FIN_WAIT2, however seen.
        let deadline = Instant::now() + Duration::from_secs(5);
        let fin_wait2 = TcpState::from_name("FIN_WAIT2");
        let mut state = Some(TcpState::ESTABLISHED);
        while state != fin_wait2 && Instant::now() < deadline {
            wait(100);
            state = held.refresh().last().map_or(state, |seen| seen.change.to);
        }
        assert_eq!(state, fin_wait2);
        drop(server);
        // Bounded: the sampler looks within LOOK_EVERY.
        assert!(wait(5000), "the sampler said nothing");
        let seen = held.refresh();
        let last = seen.last().expect("a move");
        assert!(last.live, "{seen:?}");
        assert_eq!(last.change.to, Some(TcpState::TIME_WAIT), "{seen:?}");
        assert!(last.change.closed);
        // Taken: the eventfd is quiet again.
        assert!(!wait(0));
        let found = held.shared.diag.lookup_all(&[pair]).unwrap()[0].unwrap();
        let left = found.timewait_left.expect("a time-wait timer");
        assert!(
            left > Duration::from_secs(50) && left <= Duration::from_secs(60),
            "{left:?}"
        );
    }
}
