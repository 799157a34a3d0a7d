//! Connections the kernel keeps after their fd is gone (TIME_WAIT, an
//! orphaned FIN_WAIT1, LAST_ACK), found in `/proc/net/tcp` and `/proc/net/tcp6`.
//!
//! Owns that lookup and the list of closed handles whose connections are
//! still held (`Held`); states of sockets socklab still holds come from
//! TCP_INFO (`sys::tcp_info`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::names::TcpState;
use crate::step::StateChange;

/// A connection the kernel still holds after its handle's fd was closed.
#[derive(Debug)]
struct Ghost {
    name: String,
    local: SocketAddr,
    peer: SocketAddr,
    state: TcpState,
}

/// The closed handles whose connections the kernel still holds, by name.
#[derive(Debug, Default)]
pub struct Held {
    ghosts: Vec<Ghost>,
}

impl Held {
    /// Notes that the kernel holds `name`'s connection (`tuple`) in `state`.
    pub fn add(&mut self, name: &str, tuple: (SocketAddr, SocketAddr), state: TcpState) {
        self.ghosts.retain(|g| g.name != name);
        self.ghosts.push(Ghost {
            name: name.to_string(),
            local: tuple.0,
            peer: tuple.1,
            state,
        });
    }

    pub fn contains(&self, name: &str) -> bool {
        self.ghosts.iter().any(|g| g.name == name)
    }

    /// The kernel's state of `name`'s connection now, if it still has one.
    pub fn state_now(&self, name: &str) -> Option<TcpState> {
        let ghost = self.ghosts.iter().find(|g| g.name == name)?;
        lookup(ghost.local, ghost.peer)
    }

    /// Reads every held connection's state (one read of each table), notes
    /// the changes, and forgets the connections the kernel has let go.
    pub fn refresh(&mut self, changes: &mut Vec<StateChange>) {
        if self.ghosts.is_empty() {
            return;
        }
        let tuples: Vec<_> = self.ghosts.iter().map(|g| (g.local, g.peer)).collect();
        let mut states = lookup_all(&tuples).into_iter();
        self.ghosts.retain_mut(|ghost| {
            let now = states.next().flatten();
            if now != Some(ghost.state) {
                changes.push(StateChange {
                    handle: ghost.name.clone(),
                    from: Some(ghost.state),
                    to: now,
                    closed: true,
                });
            }
            match now {
                Some(state) => {
                    ghost.state = state;
                    true
                }
                None => false,
            }
        });
    }
}

/// The state of the kernel's connection from `local` to `peer`, if it has one.
pub fn lookup(local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
    lookup_all(&[(local, peer)])[0]
}

/// As `lookup` for several connections, reading each table at most once.
pub fn lookup_all(connections: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpState>> {
    let mut tables: [Option<String>; 2] = [None, None];
    connections
        .iter()
        .map(|&(local, peer)| {
            let (slot, path) = if local.is_ipv4() {
                (0, "/proc/net/tcp")
            } else {
                (1, "/proc/net/tcp6")
            };
            let table = tables[slot]
                .get_or_insert_with(|| std::fs::read_to_string(path).unwrap_or_default());
            find(table, local, peer)
        })
        .collect()
}

fn find(table: &str, local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
    table.lines().skip(1).find_map(|line| {
        let mut fields = line.split_whitespace().skip(1);
        let row_local = parse_endpoint(fields.next()?)?;
        let row_peer = parse_endpoint(fields.next()?)?;
        let state = u8::from_str_radix(fields.next()?, 16).ok()?;
        (row_local == local && row_peer == peer).then_some(TcpState(state))
    })
}

/// `0100007F:1F90` or the 32-digit IPv6 form: each 32-bit word is printed
/// as a native-endian integer holding network-order bytes.
fn parse_endpoint(text: &str) -> Option<SocketAddr> {
    let (addr, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for chunk in addr.as_bytes().chunks(8) {
        let word = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip = match bytes.len() {
        4 => IpAddr::V4(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3])),
        16 => IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(bytes).ok()?)),
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_row_by_its_endpoints() {
        let local_word = u32::from_ne_bytes([127, 0, 0, 1]);
        let table = format!(
            "  sl  local_address rem_address   st\n   0: {local_word:08X}:1F90 {local_word:08X}:0050 06 0\n"
        );
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let peer: SocketAddr = "127.0.0.1:80".parse().unwrap();
        assert_eq!(find(&table, local, peer), Some(TcpState::TIME_WAIT));
        assert_eq!(find(&table, peer, local), None);
    }

    #[test]
    fn reads_the_live_table() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let state = lookup(client.local_addr().unwrap(), client.peer_addr().unwrap());
        assert_eq!(state, Some(TcpState::ESTABLISHED));
    }
}
