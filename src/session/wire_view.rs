//! The session's side of the wire view: turning it on and off, and naming
//! each segment's ends by handle (see `crate::wire` for the capture).

use std::net::SocketAddr;
use std::sync::Arc;

use super::Session;
use crate::wire::{Capture, Look, Proto, Segment};

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

impl Session {
    /// Starts the wire view (a packet socket on loopback); says why not.
    pub fn wire_on(&mut self) -> Result<(), String> {
        if self.wire.is_none() {
            let mut capture = Capture::open().map_err(|e| e.to_string())?;
            capture.charge_to(Arc::clone(&self.limits.budget));
            self.wire = Some(capture);
        }
        Ok(())
    }

    /// Stops the wire view; the frames it saved are dropped with it.
    pub fn wire_off(&mut self) -> bool {
        if !self.wire_look_pinned {
            self.wire_look = Look::List;
        }
        self.wire.take().is_some()
    }

    /// How each step shows its segments: every one, a line per direction,
    /// or a ladder. False if the look was pinned on the command line (it
    /// is kept).
    pub fn set_wire_look(&mut self, look: Look) -> bool {
        if self.wire_look_pinned {
            return false;
        }
        self.wire_look = look;
        true
    }

    /// The look chosen on the command line: kept for the whole session.
    pub fn pin_wire_look(&mut self, look: Look) {
        self.wire_look = look;
        self.wire_look_pinned = true;
    }

    pub fn wire_look(&self) -> Look {
        self.wire_look
    }

    pub fn wire(&self) -> Option<&Capture> {
        self.wire.as_ref()
    }

    /// The ladder's order of ends: clients on the left, servers (listeners
    /// and the connections accepted from them) on the right, each in the
    /// order first seen, and kept so: a connection is drawn the same way
    /// round at every step, even after its listener is closed.
    pub(super) fn ladder_columns(&mut self) -> Vec<String> {
        let listening: Vec<u16> = self
            .handles
            .iter()
            .filter(|h| h.state == Some(crate::names::TcpState::LISTEN))
            .filter_map(|h| h.addresses().0.map(|a| a.port()))
            .collect();
        let (clients, servers) = &mut self.ladder_sides;
        for handle in self.handles.iter() {
            if clients.contains(&handle.name) || servers.contains(&handle.name) {
                continue;
            }
            let server = match (handle.state, handle.tuple) {
                (Some(crate::names::TcpState::LISTEN), _) => true,
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

    /// The segments on the session's sockets since the last step, each end
    /// named by its handle where there is one.
    pub(super) fn drain_wire(&mut self) -> Vec<Segment> {
        // Now's ends first, then those of the last look (a handle this
        // step closed still names the segments its close caused).
        let ends = self.wire_ends_now();
        let held = self.held_ends();
        let last = std::mem::take(&mut self.wire_ends);
        let known: Vec<&WireEnd> = ends
            .iter()
            .chain(&held)
            .chain(last.0.iter())
            .chain(&last.1)
            .collect();
        let mut segments = if self.lab.is_some() {
            // The lab's link carries only the session's own traffic.
            self.drain_lab()
        } else {
            match &mut self.wire {
                Some(capture) => capture.drain(&self.clock, |segment| {
                    known.iter().any(|end| end.owns(segment))
                }),
                None => Vec::new(),
            }
        };
        for segment in &mut segments {
            segment.from = end_name(&known, segment.src, segment.dst);
            segment.to = end_name(&known, segment.dst, segment.src);
        }
        drop(known);
        self.wire_ends = (ends, held);
        segments
    }

    /// Every connected handle's (local, peer), canonical (an IPv4-mapped
    /// address as IPv4), from the ends known.
    pub(super) fn connected_pairs(&mut self) -> impl Iterator<Item = (SocketAddr, SocketAddr)> {
        let ends = self.wire_ends_now();
        (0..ends.len()).filter_map(move |k| Some((ends[k].local, ends[k].peer?)))
    }

    /// The handles' ends, found again only when a handle was made, closed,
    /// bound or connected since they were last found (a step costs the
    /// same with thousands of idle handles).
    fn wire_ends_now(&mut self) -> Arc<Vec<WireEnd>> {
        let stamp = self.addresses_moved.wrapping_add(self.handles.changes());
        if let Some((at, ends)) = &self.ends_cache
            && *at == stamp
        {
            return Arc::clone(ends);
        }
        let ends: Vec<WireEnd> = self
            .handles
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

    /// The ends of connections the kernel holds after their handles closed.
    fn held_ends(&self) -> Vec<WireEnd> {
        self.held_connections()
            .into_iter()
            .map(|(name, local, peer)| WireEnd::new(&name, Proto::Tcp, local, Some(peer)))
            .collect()
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
