//! The session's side of the wire view: turning it on and off, and naming
//! each segment's ends by handle (see `crate::wire` for the capture).

use std::net::SocketAddr;

use super::Session;
use crate::wire::{Capture, Segment};

/// A socket end for naming segments: handle name, local, peer address.
pub(super) type WireEnd = (String, SocketAddr, Option<SocketAddr>);

impl Session {
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
    pub(super) fn drain_wire(&mut self) -> Vec<Segment> {
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
