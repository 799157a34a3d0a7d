//! The session's analyser: fed every segment once, in the order it was
//! sent (or reached the lab's link), it finds the segment's connection and
//! gives it its roles.
//!
//! Owns: the connections it follows (at most `CONNECTIONS`: closed ones
//! are forgotten first, then the longest unused), and socklab's own roles
//! from a segment's fate on the link. Does not own the rules
//! (`connection`).

use std::collections::HashMap;
use std::net::SocketAddr;

use super::Role;
use super::connection::{Connection, Seen};
use crate::wire::{Proto, Segment};

/// The most connections followed at once.
pub const CONNECTIONS: usize = 1024;

/// Per session: what it has seen of each connection.
#[derive(Debug, Default)]
pub struct Analyser {
    /// By (lower address, higher address): the connection, and when it
    /// was last used (a count of segments).
    connections: HashMap<(SocketAddr, SocketAddr), (Connection, u64)>,
    used: u64,
}

impl Analyser {
    /// Gives each segment its roles, in order; the analyser moves past them.
    pub fn analyse(&mut self, segments: &mut [Segment]) {
        for segment in segments {
            segment.roles = self.roles(segment);
        }
    }

    /// How many connections it follows now.
    pub fn followed(&self) -> usize {
        self.connections.len()
    }

    fn roles(&mut self, segment: &Segment) -> Vec<Role> {
        let fate = segment.fate.as_ref();
        let fate_name = fate.map(|f| f.name);
        // A held segment shown again as delivered or dropped by hand
        // reached the link once, when it was held: analysed then.
        match (fate_name, fate.and_then(|f| f.held)) {
            (Some("delivered"), _) => return vec![Role::DeliveredLate],
            (Some("dropped"), Some(_)) => return Vec::new(),
            _ => {}
        }
        if segment.proto != Proto::Tcp || segment.fragment.is_some() || segment.icmp.is_some() {
            return Vec::new();
        }
        let mut roles = self.analysed(segment);
        for role in &mut roles {
            if let (Role::Retransmission { of }, Some("held again")) = (role, fate_name) {
                *of = fate.and_then(|f| f.held);
            }
        }
        match fate_name {
            Some("duplicated") => roles.push(Role::LinkCopy),
            Some("corrupted") => roles.push(Role::BadChecksum),
            _ => {}
        }
        roles
    }

    /// Wireshark's roles for a TCP segment.
    fn analysed(&mut self, segment: &Segment) -> Vec<Role> {
        let seen = seen(segment);
        let (key, way) = match segment.src < segment.dst {
            true => ((segment.src, segment.dst), 0),
            false => ((segment.dst, segment.src), 1),
        };
        self.used += 1;
        let opening = seen.syn && seen.ack.is_none();
        if opening && self.connections.get(&key).is_some_and(|(c, _)| c.closed()) {
            // The same ports again, for a new connection.
            self.connections.remove(&key);
        }
        if !self.connections.contains_key(&key) && self.connections.len() >= CONNECTIONS {
            self.forget_one();
        }
        let (connection, used) = self.connections.entry(key).or_default();
        *used = self.used;
        connection.analyse(way, &seen)
    }

    /// Forgets a closed connection, or else the one unused longest.
    fn forget_one(&mut self) {
        let closed = self
            .connections
            .iter()
            .find(|(_, (c, _))| c.closed())
            .map(|(k, _)| *k);
        let oldest = || {
            self.connections
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| *k)
        };
        if let Some(key) = closed.or_else(oldest) {
            self.connections.remove(&key);
        }
    }
}

/// What the rules read of a segment.
fn seen(segment: &Segment) -> Seen {
    let has = |flag: &str| segment.flags.contains(&flag);
    let sack = segment.sack.first().map(|&(left, right)| {
        let inside = segment
            .sack
            .get(1)
            .is_some_and(|&(l, r)| !after(l, left) && !after(right, r));
        (left, right, inside)
    });
    let wscale = segment
        .options
        .split(',')
        .find_map(|option| option.strip_prefix("wscale ")?.parse().ok());
    Seen {
        seq: segment.seq,
        ack: segment.ack,
        win: segment.win,
        syn: has("SYN"),
        fin: has("FIN"),
        rst: has("RST"),
        len: u32::try_from(segment.payload.len()).unwrap_or(u32::MAX),
        sack,
        wscale,
        t: segment.when.map(|w| w.t).unwrap_or_default(),
    }
}

fn after(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) > 0
}
