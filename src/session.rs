//! The handle table, the current handle, and running a parsed command.
//!
//! Owns the sockets (each a named `Handle`), which one is current, the
//! connections the kernel still holds after their handle was closed (a
//! `kernel_table::Held`), the watchdog that bounds blocking calls, and the
//! background jobs (`jobs::Jobs`). `run` executes one command (or starts it
//! in the background) and then reads back every TCP state from the kernel,
//! recording what changed.

use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsFd, AsRawFd};
use std::sync::Arc;
use std::time::Duration;

use nix::errno::Errno;
use socket2::{Domain, SockAddr, Socket};

use crate::address::{self, AddrSpec};
use crate::command::Parsed;
use crate::error::UsageError;
use crate::interrupt::Watchdog;
use crate::jobs::{Event, Jobs, Probe};
use crate::kernel_table::Held;
pub use crate::kind::Kind;
use crate::names::TcpState;
use crate::parse::HandleNames;
use crate::state_watch::StateWatch;
use crate::step::{JobRole, Outcome, StateChange, Step};
use crate::sys;
use crate::wire::{Capture, Segment};

/// One socket in the table. The socket is shared with the background
/// workers using it (`Session::detached`); its fd is closed when the last
/// holder lets go, which `close` makes sure is the table.
#[derive(Clone, Debug)]
pub struct Handle {
    pub name: String,
    pub socket: Arc<Socket>,
    pub kind: Kind,
    /// The TCP state last read from the kernel (TCP handles only).
    pub state: Option<TcpState>,
    pub nonblocking: bool,
    pub shut_read: bool,
    pub shut_write: bool,
    /// Local and peer address, noted when the connection is first seen, so
    /// the connection can be found in the kernel's table after the fd is gone.
    pub tuple: Option<(SocketAddr, SocketAddr)>,
}

impl Handle {
    pub fn fd(&self) -> i32 {
        self.socket.as_raw_fd()
    }
}

pub struct Session {
    handles: Vec<Handle>,
    current: Option<String>,
    next_auto: u32,
    /// Connections the kernel still holds after their handle was closed.
    held: Held,
    watchdog: Option<Watchdog>,
    /// Set in a background worker's session: marks its blocking calls.
    probe: Option<Arc<Probe>>,
    recv_buffer: Vec<u8>,
    pub jobs: Jobs,
    /// Which TCP sockets the kernel woke since the last step (None in a
    /// worker's session, or if epoll failed: then every state is read).
    watch: Option<StateWatch>,
    /// The wire view's capture, while `wire on`.
    wire: Option<Capture>,
    /// The ends the last wire drain knew, to name segments of a handle the
    /// step itself closed (its FIN, say).
    wire_ends: Vec<WireEnd>,
}

/// A socket end for naming segments: handle name, local, peer address.
type WireEnd = (String, SocketAddr, Option<SocketAddr>);

/// Verbs that only move data: by themselves they never change a TCP state,
/// so after them only the sockets the kernel woke are read.
const DATA_VERBS: [&str; 4] = ["send", "sendall", "recv", "recvfrom"];

impl Session {
    /// A new, empty session; with a timeout, every blocking call is bounded.
    pub fn new(timeout: Option<Duration>) -> io::Result<Session> {
        let watchdog = match timeout {
            Some(timeout) => Some(Watchdog::start(Some(timeout), false)?),
            None => None,
        };
        Session::with_watchdog(watchdog)
    }

    /// A session for the shell: no timeout, but a blocking call is announced
    /// after 100 ms, and Ctrl-C always interrupts it.
    pub fn interactive(timeout: Option<Duration>) -> io::Result<Session> {
        Session::with_watchdog(Some(Watchdog::start(timeout, true)?))
    }

    fn with_watchdog(watchdog: Option<Watchdog>) -> io::Result<Session> {
        Ok(Session {
            handles: Vec::new(),
            current: None,
            next_auto: 1,
            held: Held::default(),
            watchdog,
            probe: None,
            recv_buffer: Vec::new(),
            jobs: Jobs::default(),
            watch: StateWatch::new().ok(),
            wire: None,
            wire_ends: Vec::new(),
        })
    }

    /// A session of its own for a background worker: the named handles
    /// (sharing their sockets), no watchdog, no jobs.
    pub fn detached(&self, names: &[String]) -> Result<Session, UsageError> {
        let mut handles = Vec::with_capacity(names.len());
        for name in names {
            if !handles.iter().any(|h: &Handle| &h.name == name) {
                handles.push(self.lookup(name)?.clone());
            }
        }
        Ok(Session {
            handles,
            current: None,
            next_auto: self.next_auto,
            held: Held::default(),
            watchdog: None,
            probe: None,
            recv_buffer: Vec::new(),
            jobs: Jobs::default(),
            watch: None,
            wire: None,
            wire_ends: Vec::new(),
        })
    }

    /// Marks this (worker's) session's blocking calls on `probe`, so the
    /// driver can tell when the worker is asleep in one.
    pub fn set_probe(&mut self, probe: Arc<Probe>) {
        self.probe = Some(probe);
    }

    pub fn handles(&self) -> &[Handle] {
        &self.handles
    }

    pub fn get(&self, name: &str) -> Option<&Handle> {
        self.handles.iter().find(|h| h.name == name)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Handle> {
        self.handles.iter_mut().find(|h| h.name == name)
    }

    /// As `lookup`, for a command that changes the handle's own flags.
    pub fn lookup_mut(&mut self, name: &str) -> Result<&mut Handle, UsageError> {
        match self.handles.iter().position(|h| h.name == name) {
            Some(index) => Ok(&mut self.handles[index]),
            None => Err(self.missing(name)),
        }
    }

    /// The handle a parsed command names; it exists unless the table changed
    /// since the line was parsed.
    pub fn lookup(&self, name: &str) -> Result<&Handle, UsageError> {
        self.get(name).ok_or_else(|| self.missing(name))
    }

    fn missing(&self, name: &str) -> UsageError {
        match self.jobs.reserved_by(name) {
            Some(job) => UsageError::new(format!(
                "'{name}' does not exist yet: background job [{job}] will create it (wait {job})"
            )),
            None => UsageError::new(format!("no handle named '{name}'")),
        }
    }

    pub fn current_name(&self) -> Option<&str> {
        self.current.as_deref()
    }

    pub fn set_current(&mut self, name: &str) {
        match &mut self.current {
            // The name's buffer is reused: this runs on every step.
            Some(current) => {
                current.clear();
                current.push_str(name);
            }
            None => self.current = Some(name.to_string()),
        }
    }

    /// Adds a socket under `name`, or the next free `sN`; it becomes current.
    pub fn insert(&mut self, name: Option<String>, socket: Socket, kind: Kind) -> String {
        let name = name.unwrap_or_else(|| self.auto_name());
        self.push(Handle {
            name: name.clone(),
            socket: Arc::new(socket),
            kind,
            state: None,
            nonblocking: false,
            shut_read: false,
            shut_write: false,
            tuple: None,
        });
        self.current = Some(name.clone());
        name
    }

    /// Adds a handle to the table (and its socket to the state watch).
    fn push(&mut self, handle: Handle) {
        if handle.kind.is_tcp()
            && let Some(watch) = &mut self.watch
        {
            watch.add(handle.socket.as_fd());
        }
        self.handles.push(handle);
    }

    /// The next free `sN` name (also used to reserve one for a background accept).
    pub fn auto_name(&mut self) -> String {
        loop {
            let name = format!("s{}", self.next_auto);
            self.next_auto += 1;
            if self.get(&name).is_none() && self.jobs.reserved_by(&name).is_none() {
                return name;
            }
        }
    }

    /// Takes a handle out of the table (its fd stays open until dropped).
    pub fn remove(&mut self, name: &str) -> Option<Handle> {
        let index = self.handles.iter().position(|h| h.name == name)?;
        let handle = self.handles.remove(index);
        if let Some(watch) = &mut self.watch {
            watch.remove(handle.socket.as_fd());
        }
        if self.current.as_deref() == Some(name) {
            self.current = self.handles.last().map(|h| h.name.clone());
        }
        Some(handle)
    }

    /// Notes that the kernel still holds `name`'s connection without an fd.
    pub fn add_ghost(&mut self, name: &str, tuple: (SocketAddr, SocketAddr), state: TcpState) {
        self.held.add(name, tuple, state);
    }

    /// The kernel's state of a closed handle's connection, if it still has one.
    pub fn kernel_held_state(&self, name: &str) -> Option<TcpState> {
        self.held.state_now(name)
    }

    /// Runs `call` (shown as `text`) as one blocking call, watched by the
    /// watchdog if there is one; the flag says whether it was interrupted for
    /// running longer than the timeout.
    pub fn bounded<T>(&self, text: &str, call: impl FnOnce() -> T) -> (T, bool) {
        match (&self.watchdog, &self.probe) {
            (Some(watchdog), _) => watchdog.bounded(text, call),
            (None, Some(probe)) => (probe.call(call), false),
            (None, None) => (call(), false),
        }
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.watchdog.as_ref().and_then(Watchdog::timeout)
    }

    /// Runs `hook` when a call has been blocked for a moment (see
    /// `Watchdog::on_block`); false if there is no watchdog to do it.
    pub fn on_block(&self, hook: impl Fn() + Send + 'static) -> bool {
        match &self.watchdog {
            Some(watchdog) => {
                watchdog.on_block(hook);
                true
            }
            None => false,
        }
    }

    /// Records a bounded call's result, turning the watchdog's EINTR into a timeout.
    pub fn record_call(
        &self,
        step: &mut Step,
        call: String,
        result: io::Result<i64>,
        timed_out: bool,
    ) {
        step.called(call, result.map_err(|e| errno_of(&e)));
        if let (true, Outcome::Failed(Errno::EINTR), Some(timeout)) =
            (timed_out, &step.outcome, self.timeout())
        {
            step.outcome = Outcome::TimedOut(timeout);
        }
    }

    /// The reusable receive buffer, at least `len` bytes long; give it back
    /// with `put_recv_buffer` so the next receive does not allocate.
    pub fn take_recv_buffer(&mut self, len: usize) -> Vec<u8> {
        let mut buffer = std::mem::take(&mut self.recv_buffer);
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        buffer
    }

    pub fn put_recv_buffer(&mut self, buffer: Vec<u8>) {
        self.recv_buffer = buffer;
    }

    /// Turns an address spec into a socket address for a socket of `domain`.
    pub fn resolve(&self, spec: &AddrSpec, domain: Domain) -> Result<SockAddr, UsageError> {
        match spec {
            AddrSpec::Inet(addr) => Ok(SockAddr::from(*addr)),
            AddrSpec::AnyPort(port) => Ok(any_address(domain, *port)),
            AddrSpec::Host(host, port) => resolve_host(host, *port, domain),
            AddrSpec::UnixPath(_) | AddrSpec::Abstract(_) => address::unix_sockaddr(spec)
                .unwrap_or_else(|| Err(io::Error::other("not a unix address")))
                .map_err(|e| UsageError::new(format!("bad unix address: {e}"))),
            AddrSpec::Handle(name) => self.handle_address(name, domain),
        }
    }

    /// A handle's local address, for `connect cli srv`; an unspecified IP
    /// (0.0.0.0, ::) becomes loopback in the family of the socket that will
    /// use it (an IPv4 client of a dual-stack [::] listener gets 127.0.0.1).
    fn handle_address(&self, name: &str, domain: Domain) -> Result<SockAddr, UsageError> {
        let handle = self.lookup(name)?;
        let local = handle
            .socket
            .local_addr()
            .map_err(|e| UsageError::new(format!("cannot read {name}'s address: {e}")))?;
        let unspecified_port = match local.as_socket() {
            Some(SocketAddr::V4(v4)) if v4.ip().is_unspecified() => Some(v4.port()),
            Some(SocketAddr::V6(v6)) if v6.ip().is_unspecified() => Some(v6.port()),
            _ => None,
        };
        Ok(match unspecified_port {
            Some(port) if domain == Domain::IPV6 => {
                SockAddr::from(SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port)))
            }
            Some(port) => SockAddr::from(SocketAddr::from(([127, 0, 0, 1], port))),
            None => local,
        })
    }

    /// Executes a parsed line (`line` as typed) — or, for `CMD &`, starts it
    /// on a worker thread — and records every TCP state change it caused.
    pub fn run(&mut self, parsed: Parsed, line: &str) -> Step {
        let verb = parsed.verb;
        let mut step = match parsed.background {
            Some(_) => crate::command::background::launch(parsed, line, self)
                .unwrap_or_else(|error| Step::usage(verb, error)),
            None => parsed.command.execute(parsed.verb, parsed.names, self),
        };
        self.refresh_states(&mut step);
        step
    }

    /// Reads the TCP state of every handle whose state may have moved — the
    /// ones the step acted on, the ones a background job uses, the ones the
    /// kernel woke (see `state_watch`) — and the kernel's view of closed ones.
    pub fn refresh_states(&mut self, step: &mut Step) {
        let mut kernel_held = Vec::new();
        let acted = match step.handle.as_deref() {
            Some(name) if !DATA_VERBS.contains(&step.verb) => Some(name),
            _ => None,
        };
        if let Some(watch) = &mut self.watch {
            watch.collect();
        }
        for handle in &mut self.handles {
            if !handle.kind.is_tcp() {
                continue;
            }
            let look = match &self.watch {
                None => true,
                Some(watch) => {
                    handle.state.is_none()
                        || watch.is_woken(handle.socket.as_raw_fd())
                        || acted == Some(handle.name.as_str())
                        || step.new_handles.contains(&handle.name)
                        || self.jobs.uses(&handle.name)
                }
            };
            if !look {
                continue;
            }
            let now = sys::tcp_info(handle.socket.as_fd())
                .ok()
                .map(|info| TcpState(info.tcpi_state));
            if now == handle.state {
                continue;
            }
            step.changes.push(StateChange {
                handle: handle.name.clone(),
                from: handle.state,
                to: now,
                closed: false,
            });
            if now.is_some_and(TcpState::is_connected) && handle.tuple.is_none() {
                handle.tuple = connection_tuple(&handle.socket);
            }
            if now == Some(TcpState::CLOSE)
                && let Some(tuple) = handle.tuple
                && let Some(held) = self.held.lookup(tuple.0, tuple.1)
            {
                kernel_held.push((handle.name.clone(), tuple, held));
            }
            handle.state = now;
        }
        if let Some(watch) = &mut self.watch {
            watch.clear();
        }
        #[cfg(debug_assertions)]
        self.check_states();
        for (name, tuple, state) in kernel_held {
            step.changes.push(StateChange {
                handle: name.clone(),
                from: None,
                to: Some(state),
                closed: true,
            });
            self.add_ghost(&name, tuple, state);
        }
        self.held.refresh(&mut step.changes);
        if self.wire.is_some() {
            step.wire = Some(self.drain_wire());
        }
    }

    /// Starts the wire view (a packet socket on loopback); says why not.
    pub fn wire_on(&mut self) -> Result<(), String> {
        if self.wire.is_none() {
            self.wire = Some(Capture::open()?);
        }
        Ok(())
    }

    /// Stops the wire view; the frames it saved are dropped with it.
    pub fn wire_off(&mut self) -> bool {
        self.wire.take().is_some()
    }

    pub fn wire(&self) -> Option<&Capture> {
        self.wire.as_ref()
    }

    /// The segments on the session's sockets since the last step, each end
    /// named by its handle where there is one.
    fn drain_wire(&mut self) -> Vec<Segment> {
        let mut ends: Vec<WireEnd> = self
            .handles
            .iter()
            .filter_map(|h| {
                let local = h.socket.local_addr().ok()?.as_socket()?;
                let peer = h.socket.peer_addr().ok().and_then(|a| a.as_socket());
                (local.port() != 0).then(|| (h.name.clone(), local, peer))
            })
            .collect();
        ends.extend(
            self.held
                .connections()
                .map(|(name, local, peer)| (name.to_string(), local, Some(peer))),
        );
        let Some(capture) = &mut self.wire else {
            return Vec::new();
        };
        // Now's ends first, then those of the last step (a handle this
        // step closed still names the segments its close caused).
        let known: Vec<WireEnd> = ends.iter().chain(&self.wire_ends).cloned().collect();
        let mut segments = capture.drain(|segment| {
            known
                .iter()
                .any(|(_, local, _)| same_end(*local, segment.src) || same_end(*local, segment.dst))
        });
        for segment in &mut segments {
            segment.from = end_name(&known, segment.src, segment.dst);
            segment.to = end_name(&known, segment.dst, segment.src);
        }
        self.wire_ends = ends;
        segments
    }

    /// Every open TCP handle's state, as last read.
    pub fn tcp_states(&self) -> Vec<(&str, TcpState)> {
        self.handles
            .iter()
            .filter_map(|h| Some((h.name.as_str(), h.state?)))
            .collect()
    }

    /// Debug builds: every TCP state not read this step must be the one the
    /// table holds — or have moved just now, with its wake-up on the way.
    #[cfg(debug_assertions)]
    fn check_states(&mut self) {
        let Some(watch) = &mut self.watch else {
            return;
        };
        for handle in self.handles.iter().filter(|h| h.kind.is_tcp()) {
            let now = sys::tcp_info(handle.socket.as_fd())
                .ok()
                .map(|info| TcpState(info.tcpi_state));
            if now != handle.state {
                let fd = handle.socket.as_raw_fd();
                assert!(
                    watch.wait_for(fd, Duration::from_secs(2)),
                    "state watch: {} moved {:?} → {:?} with no wake-up",
                    handle.name,
                    handle.state,
                    now
                );
            }
        }
    }

    /// Takes in what a background worker produced: the handles it created
    /// join the table (without becoming current), and the step is completed
    /// with every TCP state change, as a foreground step is.
    pub fn take_event(&mut self, event: Event) -> Step {
        let mut step = event.step;
        step.job = Some((event.job, JobRole::Result));
        for handle in event.handles {
            self.push(handle);
        }
        self.refresh_states(&mut step);
        step
    }

    /// Closes every handle and forgets the connections the kernel holds (at
    /// quit, or when the session ends); stop the background workers first
    /// (`jobs.stop_all`).
    pub fn close_all(&mut self) -> Vec<String> {
        let names = self.handles.iter().map(|h| h.name.clone()).collect();
        for handle in &self.handles {
            if let Some(watch) = &mut self.watch {
                watch.remove(handle.socket.as_fd());
            }
        }
        self.handles.clear();
        self.current = None;
        // The session is over: what the kernel still holds is not followed
        // any more (and the lookup's netlink socket is closed).
        self.held = Held::default();
        names
    }
}

impl HandleNames for Session {
    /// A handle in the table, or one a background job will create (so a
    /// line naming it reads as naming a handle, and says it is not there yet).
    fn is_handle(&self, name: &str) -> bool {
        self.get(name).is_some() || self.jobs.reserved_by(name).is_some()
    }

    fn current(&self) -> Option<&str> {
        self.current_name()
    }

    fn handle_names(&self) -> Vec<String> {
        self.handles.iter().map(|h| h.name.clone()).collect()
    }

    fn is_kernel_held(&self, name: &str) -> bool {
        self.get(name).is_none() && self.held.contains(name)
    }

    fn reserved_by(&self, name: &str) -> Option<u32> {
        self.jobs.reserved_by(name)
    }
}

/// Whether a socket bound to `local` is the end at `addr` (a wildcard
/// address stands for every address of its port).
fn same_end(local: SocketAddr, addr: SocketAddr) -> bool {
    local.port() == addr.port() && (local.ip() == addr.ip() || local.ip().is_unspecified())
}

/// The handle at `addr` talking to `other`: the connected one with exactly
/// that pair, else one bound there and not connected (a listener, a UDP
/// socket), else any bound there; else the address itself.
fn end_name(ends: &[WireEnd], addr: SocketAddr, other: SocketAddr) -> String {
    let exact = ends
        .iter()
        .find(|(_, local, peer)| *local == addr && *peer == Some(other));
    let unconnected = || {
        ends.iter()
            .find(|(_, local, peer)| same_end(*local, addr) && peer.is_none())
    };
    let any = || ends.iter().find(|(_, local, _)| same_end(*local, addr));
    exact
        .or_else(unconnected)
        .or_else(any)
        .map_or_else(|| addr.to_string(), |(name, _, _)| name.clone())
}

/// The errno of a failed call.
pub fn errno_of(error: &io::Error) -> Errno {
    Errno::from_raw(error.raw_os_error().unwrap_or(0))
}

/// Local and peer address of a connected socket (two observing calls).
pub fn connection_tuple(socket: &Socket) -> Option<(SocketAddr, SocketAddr)> {
    let local = socket.local_addr().ok()?.as_socket()?;
    let peer = socket.peer_addr().ok()?.as_socket()?;
    Some((local, peer))
}

fn any_address(domain: Domain, port: u16) -> SockAddr {
    if domain == Domain::IPV6 {
        SockAddr::from(SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, port)))
    } else {
        SockAddr::from(SocketAddr::from(([0, 0, 0, 0], port)))
    }
}

fn resolve_host(host: &str, port: u16, domain: Domain) -> Result<SockAddr, UsageError> {
    use std::net::ToSocketAddrs;
    let found: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| UsageError::new(format!("cannot resolve '{host}': {e}")))?
        .collect();
    let want_v6 = domain == Domain::IPV6;
    found
        .iter()
        .find(|a| a.is_ipv6() == want_v6)
        .or(found.first())
        .map(|a| SockAddr::from(*a))
        .ok_or_else(|| UsageError::new(format!("'{host}' has no address")))
}
