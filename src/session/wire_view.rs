//! The session's side of the wire view (`WireView`): turning it on and
//! off, its look, and naming each segment's ends by handle (see
//! `crate::wire` for the capture).

use std::net::SocketAddr;
use std::sync::Arc;

use super::Session;
use super::handles::Handles;
use super::table::Table;
use crate::wire::{Capture, CaptureError, Look, Proto, Segment};

/// A socket end, for choosing the session's own segments and naming them.
#[derive(Clone, Debug)]
pub(super) struct WireEnd {
    name: String,
    proto: Proto,
    local: SocketAddr,
    /// The peer of a connected socket; None for a listener, an unconnected
    /// UDP socket, or a connect still in flight.
    peer: Option<SocketAddr>,
}

impl WireEnd {
    fn new(name: &str, proto: Proto, local: SocketAddr, peer: Option<SocketAddr>) -> WireEnd {
        WireEnd {
            name: name.to_string(),
            proto,
            local: canonical(local),
            peer: peer.map(canonical),
        }
    }

    /// Whether the segment is this socket's own: the same protocol, and
    /// exactly its address pair (a connected socket) or its address at one
    /// end (a listener, an unconnected UDP socket). Another program's
    /// traffic that merely shares a port is not.
    fn owns(&self, segment: &Segment) -> bool {
        // An ICMP error belongs to the socket whose datagram it answers.
        let proto = segment
            .icmp
            .as_ref()
            .map_or(segment.proto, |icmp| icmp.about);
        if self.proto != proto {
            return false;
        }
        let (src, dst) = (canonical(segment.src), canonical(segment.dst));
        match self.peer {
            Some(peer) => (self.local == src && peer == dst) || (self.local == dst && peer == src),
            None => same_end(self.local, src) || same_end(self.local, dst),
        }
    }
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is on the wire.
fn canonical(addr: SocketAddr) -> SocketAddr {
    match addr {
        SocketAddr::V6(v6) => match v6.ip().to_ipv4_mapped() {
            Some(v4) => SocketAddr::from((v4, v6.port())),
            None => addr,
        },
        SocketAddr::V4(_) => addr,
    }
}

/// The wire view as one part of the session: how steps show their
/// segments, the capture while it is on, and what is kept to name and
/// summarise segments across steps.
///
/// Its invariants: a look pinned on the command line is never changed;
/// the cached ends are the handles' at the stamp they carry.
pub(super) struct WireView {
    /// How the wire view shows a step's segments (`wire on|summary|ladder`).
    look: Look,
    /// The look was chosen on the command line (`--wire=ladder`): a
    /// lesson's own `wire on` turns the view on but keeps it.
    pinned: bool,
    /// `wire ladder`'s ends, clients and servers, in the order first seen.
    ladder_sides: (Vec<String>, Vec<String>),
    /// What each segment is (a retransmission, a dup ACK, …), from the
    /// segments seen so far, on loopback or the lab's link (the summary
    /// counts them).
    roles: crate::wire::roles::Analyser,
    /// The wire view's capture, while `wire on`.
    pub(super) capture: Option<Capture>,
    /// The ends the last wire drain knew, to name segments of a handle the
    /// step itself closed (its FIN, say).
    last_ends: (Arc<Vec<WireEnd>>, Vec<WireEnd>),
    /// The wire view's ends of the handles, as found at a stamp (see
    /// `ends_now`).
    ends_cache: Option<(u64, Arc<Vec<WireEnd>>)>,
}

impl Default for WireView {
    fn default() -> WireView {
        WireView {
            look: Look::List,
            pinned: false,
            ladder_sides: Default::default(),
            roles: Default::default(),
            capture: None,
            last_ends: Default::default(),
            ends_cache: None,
        }
    }
}

impl WireView {
    /// Starts the capture (a packet socket on loopback), charged to
    /// `budget`; says why not.
    fn on(&mut self, budget: &Arc<crate::budget::Budget>) -> Result<(), CaptureError> {
        if self.capture.is_none() {
            let mut capture = Capture::open()?;
            capture.charge_to(Arc::clone(budget));
            self.capture = Some(capture);
        }
        Ok(())
    }

    fn off(&mut self) -> bool {
        if !self.pinned {
            self.look = Look::List;
        }
        self.capture.take().is_some()
    }

    fn set_look(&mut self, look: Look) -> bool {
        if self.pinned {
            return false;
        }
        self.look = look;
        true
    }

    pub(super) fn look(&self) -> Look {
        self.look
    }

    /// The ladder's order of ends: clients on the left, servers (listeners
    /// and the connections accepted from them) on the right, each in the
    /// order first seen, and kept so: a connection is drawn the same way
    /// round at every step, even after its listener is closed.
    pub(super) fn ladder_columns(&mut self, handles: &Table) -> Vec<String> {
        let listening: Vec<u16> = handles
            .iter()
            .filter(|h| h.state == Some(crate::names::TcpState::LISTEN))
            .filter_map(|h| h.addresses().0.map(|a| a.port()))
            .collect();
        let (clients, servers) = &mut self.ladder_sides;
        for handle in handles.iter() {
            if clients.contains(&handle.name) || servers.contains(&handle.name) {
                continue;
            }
            let server = match (handle.state, handle.tuple) {
                (Some(crate::names::TcpState::LISTEN), _) => true,
                (
                    Some(crate::names::TcpState::SYN_SENT | crate::names::TcpState::SYN_RECV),
                    None,
                ) => false,
                (_, Some((local, _))) => listening.contains(&local.port()),
                _ => continue,
            };
            match server {
                true => servers.push(handle.name.clone()),
                false => clients.push(handle.name.clone()),
            }
        }
        clients.iter().chain(servers.iter()).cloned().collect()
    }

    /// The handles' ends, found again only when a handle was made, closed,
    /// bound or connected since they were last found (a step costs the
    /// same with thousands of idle handles).
    fn ends_now(&mut self, handles: &Handles) -> Arc<Vec<WireEnd>> {
        let stamp = handles.addresses_stamp();
        if let Some((at, ends)) = &self.ends_cache
            && *at == stamp
        {
            return Arc::clone(ends);
        }
        let ends: Vec<WireEnd> = handles
            .table
            .iter()
            .filter_map(|h| {
                let proto = match h.kind.socket_type() {
                    socket2::Type::STREAM => Proto::Tcp,
                    _ => Proto::Udp,
                };
                let (local, peer) = h.addresses();
                let local = local?;
                (local.port() != 0).then(|| WireEnd::new(&h.name, proto, local, peer))
            })
            .collect();
        let ends = Arc::new(ends);
        self.ends_cache = Some((stamp, Arc::clone(&ends)));
        ends
    }

    /// Names each segment's ends by the handles known now and at the last
    /// drain; `segments` are the lab link's, or else the capture's own are
    /// drained (those of the known ends only). The ends known now are kept
    /// for the next drain.
    fn drain(
        &mut self,
        ends: Arc<Vec<WireEnd>>,
        held: Vec<WireEnd>,
        segments: Option<Vec<Segment>>,
        clock: &crate::clock::Clock,
    ) -> Vec<Segment> {
        // Now's ends first, then those of the last look (a handle this
        // step closed still names the segments its close caused).
        let last = std::mem::take(&mut self.last_ends);
        let known: Vec<&WireEnd> = ends
            .iter()
            .chain(&held)
            .chain(last.0.iter())
            .chain(&last.1)
            .collect();
        let mut segments = match (segments, &mut self.capture) {
            // The lab's link carries only the session's own traffic.
            (Some(segments), _) => segments,
            (None, Some(capture)) => {
                capture.drain(clock, |segment| known.iter().any(|end| end.owns(segment)))
            }
            (None, None) => Vec::new(),
        };
        for segment in &mut segments {
            segment.from = end_name(&known, segment.src, segment.dst);
            segment.to = end_name(&known, segment.dst, segment.src);
        }
        drop(known);
        self.last_ends = (ends, held);
        self.roles.analyse(&mut segments);
        segments
    }
}

impl Session {
    /// Starts the wire view (a packet socket on loopback); says why not.
    pub fn wire_on(&mut self) -> Result<(), CaptureError> {
        self.wire.on(&self.limits.budget)
    }

    /// Stops the wire view; the frames it saved are dropped with it.
    pub fn wire_off(&mut self) -> bool {
        self.wire.off()
    }

    /// How each step shows its segments: every one, a line per direction,
    /// or a ladder. False if the look was pinned on the command line (it
    /// is kept).
    pub fn set_wire_look(&mut self, look: Look) -> bool {
        self.wire.set_look(look)
    }

    /// The look chosen on the command line: kept for the whole session.
    pub fn pin_wire_look(&mut self, look: Look) {
        self.wire.look = look;
        self.wire.pinned = true;
    }

    pub fn wire_look(&self) -> Look {
        self.wire.look
    }

    pub fn wire(&self) -> Option<&Capture> {
        self.wire.capture.as_ref()
    }

    /// Whether steps read segments: the wire view is on, or the lab's link
    /// is there to read.
    #[inline]
    pub(super) fn sees_wire(&self) -> bool {
        self.wire.capture.is_some() || self.lab.is_on()
    }

    /// The segments on the session's sockets since the last step, each end
    /// named by its handle where there is one.
    pub(super) fn drain_wire(&mut self) -> Vec<Segment> {
        let ends = self.wire.ends_now(&self.handles);
        let held = self.held_ends();
        let lab = match self.lab.is_on() {
            true => Some(self.drain_lab()),
            false => None,
        };
        self.wire.drain(ends, held, lab, &self.timeline.clock)
    }

    /// Waits, at most `timeout`, until a segment of the session's sockets
    /// goes on loopback (`await wire`): what a kernel timer sends, a
    /// delayed ACK or a window probe. At once if one went since the last
    /// step and was not shown yet. What it read shows with the step. False when none came, or
    /// the wire view is off (see `wire`).
    pub fn wait_for_segment(&mut self, timeout: std::time::Duration) -> bool {
        if !self.timeline.between_segments.is_empty() {
            return true;
        }
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let mut seen = self.drain_wire();
            if !seen.is_empty() {
                for segment in &mut seen {
                    segment.when = segment.when.map(|w| self.timeline.clock.in_step(w.t));
                }
                self.timeline.step_segments.append(&mut seen);
                return true;
            }
            let Some(capture) = &self.wire.capture else {
                return false;
            };
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            let ms = i32::try_from(left.as_millis().max(1)).unwrap_or(i32::MAX);
            let mut fds = [nix::poll::PollFd::new(
                capture.fd(),
                nix::poll::PollFlags::POLLIN,
            )];
            let timeout =
                nix::poll::PollTimeout::try_from(ms).unwrap_or(nix::poll::PollTimeout::MAX);
            match nix::poll::poll(&mut fds, timeout) {
                Ok(_) | Err(nix::errno::Errno::EINTR) => {}
                Err(_) => return false,
            }
        }
    }

    /// Every connected handle's (local, peer), canonical (an IPv4-mapped
    /// address as IPv4), from the ends known.
    pub(super) fn connected_pairs(&mut self) -> impl Iterator<Item = (SocketAddr, SocketAddr)> {
        let ends = self.wire.ends_now(&self.handles);
        (0..ends.len()).filter_map(move |k| Some((ends[k].local, ends[k].peer?)))
    }

    /// The ends of connections the kernel holds after their handles closed.
    fn held_ends(&self) -> Vec<WireEnd> {
        let mut ends: Vec<WireEnd> = self
            .kept
            .connections()
            .into_iter()
            .map(|(name, local, peer)| WireEnd::new(&name, Proto::Tcp, local, Some(peer)))
            .collect();
        // A spawned program's sockets (`srv.4`): its segments are seen
        // and named too.
        ends.extend(self.program_ends().iter().map(|socket| {
            let proto = match socket.transport {
                crate::kernel_table::Transport::Tcp => Proto::Tcp,
                crate::kernel_table::Transport::Udp => Proto::Udp,
            };
            WireEnd::new(&socket.name, proto, socket.local, socket.peer)
        }));
        ends
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
fn end_name(ends: &[&WireEnd], addr: SocketAddr, other: SocketAddr) -> String {
    let (addr, other) = (canonical(addr), canonical(other));
    let exact = ends
        .iter()
        .find(|end| end.local == addr && end.peer == Some(other));
    let unconnected = || {
        ends.iter()
            .find(|end| same_end(end.local, addr) && end.peer.is_none())
    };
    let any = || ends.iter().find(|end| same_end(end.local, addr));
    exact
        .or_else(unconnected)
        .or_else(any)
        .map_or_else(|| addr.to_string(), |end| end.name.clone())
}
