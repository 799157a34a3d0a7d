//! Connections the kernel keeps after their fd is gone (TIME_WAIT, an
//! orphaned FIN_WAIT1, LAST_ACK), found by their exact address pair with one
//! `sock_diag` netlink request each (a hash lookup in the kernel, a few
//! microseconds) — or, where netlink is not allowed, in `/proc/net/tcp` and
//! `/proc/net/tcp6` (which the kernel builds by walking every socket: about
//! a millisecond, on every step while such connections exist).
//!
//! Owns those lookups and the list of closed handles whose connections are
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

/// The closed handles whose connections the kernel still holds, by name,
/// and the means of looking connections up.
#[derive(Debug, Default)]
pub struct Held {
    ghosts: Vec<Ghost>,
    diag: diag::Diag,
}

impl Held {
    /// Whether the kernel holds none of the closed handles' connections.
    pub fn is_empty(&self) -> bool {
        self.ghosts.is_empty()
    }

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

    /// Each held connection: its handle's name, local and peer address.
    pub fn connections(&self) -> impl Iterator<Item = (&str, SocketAddr, SocketAddr)> {
        self.ghosts
            .iter()
            .map(|g| (g.name.as_str(), g.local, g.peer))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.ghosts.iter().any(|g| g.name == name)
    }

    /// The kernel's state of `name`'s connection now, if it still has one.
    pub fn state_now(&self, name: &str) -> Option<TcpState> {
        let ghost = self.ghosts.iter().find(|g| g.name == name)?;
        self.lookup(ghost.local, ghost.peer)
    }

    /// The state of the kernel's connection from `local` to `peer`, if it has one.
    pub fn lookup(&self, local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
        self.lookup_all(&[(local, peer)])[0]
    }

    /// As `lookup` for several connections.
    fn lookup_all(&self, connections: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpState>> {
        match self.diag.lookup_all(connections) {
            Ok(states) => states,
            Err(_) => read_tables(connections),
        }
    }

    /// Reads every held connection's state (one read of each table), notes
    /// the changes, and forgets the connections the kernel has let go.
    pub fn refresh(&mut self, changes: &mut Vec<StateChange>) {
        if self.ghosts.is_empty() {
            return;
        }
        let tuples: Vec<_> = self.ghosts.iter().map(|g| (g.local, g.peer)).collect();
        let mut states = self.lookup_all(&tuples).into_iter();
        self.ghosts.retain_mut(|ghost| {
            let now = states.next().flatten();
            if now != Some(ghost.state) {
                changes.push(StateChange {
                    handle: ghost.name.clone(),
                    from: Some(ghost.state),
                    to: now,
                    closed: true,
                    when: None,
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

/// `lookup_all` from `/proc/net/tcp{,6}`, reading each table at most once.
fn read_tables(connections: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpState>> {
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

/// Exact lookups over NETLINK_SOCK_DIAG (`SOCK_DIAG_BY_FAMILY` without
/// `NLM_F_DUMP`: the kernel answers for the one socket with that address
/// pair, time-wait ones included, or with ENOENT).
mod diag {
    use std::io;
    use std::net::SocketAddr;
    use std::sync::Mutex;

    use netlink_packet_core::{NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload};
    use netlink_packet_sock_diag::SockDiagMessage;
    use netlink_packet_sock_diag::constants::{AF_INET, AF_INET6, IPPROTO_TCP};
    use netlink_packet_sock_diag::inet::{ExtensionFlags, InetRequest, SocketId, StateFlags};
    use netlink_sys::{Socket, SocketAddr as NetlinkAddr, protocols::NETLINK_SOCK_DIAG};

    use crate::names::TcpState;

    /// A session's netlink socket, opened at its first lookup and closed
    /// with the session.
    #[derive(Default)]
    pub struct Diag(Mutex<Option<Socket>>);

    impl std::fmt::Debug for Diag {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Diag")
        }
    }

    impl Diag {
        pub fn lookup_all(
            &self,
            connections: &[(SocketAddr, SocketAddr)],
        ) -> io::Result<Vec<Option<TcpState>>> {
            let mut slot = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
            if slot.is_none() {
                let mut socket =
                    crate::sys::move_owner_out_of_the_way(Socket::new(NETLINK_SOCK_DIAG)?);
                socket.bind_auto()?;
                socket.connect(&NetlinkAddr::new(0, 0))?;
                *slot = Some(socket);
            }
            let socket = slot.as_ref().ok_or_else(|| io::Error::other("no socket"))?;
            connections
                .iter()
                .map(|&(local, peer)| lookup(socket, local, peer))
                .collect()
        }
    }

    fn lookup(
        socket: &Socket,
        local: SocketAddr,
        peer: SocketAddr,
    ) -> io::Result<Option<TcpState>> {
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST;
        let mut request = NetlinkMessage::new(
            header,
            SockDiagMessage::InetRequest(InetRequest {
                family: if local.is_ipv4() { AF_INET } else { AF_INET6 },
                protocol: IPPROTO_TCP,
                extensions: ExtensionFlags::empty(),
                states: StateFlags::all(),
                socket_id: SocketId {
                    source_port: local.port(),
                    destination_port: peer.port(),
                    source_address: local.ip(),
                    destination_address: peer.ip(),
                    interface_id: 0,
                    // INET_DIAG_NOCOOKIE: match on the addresses alone.
                    cookie: [0xff; 8],
                },
            })
            .into(),
        );
        request.finalize();
        let mut bytes = vec![0; request.buffer_len()];
        request.serialize(&mut bytes);
        socket.send(&bytes, 0)?;
        let mut reply = vec![0; 8192];
        let size = socket.recv(&mut &mut reply[..], 0)?;
        let message = NetlinkMessage::<SockDiagMessage>::deserialize(&reply[..size])
            .map_err(|e| io::Error::other(e.to_string()))?;
        match message.payload {
            // With no connection of that pair the kernel's lookup falls back
            // to a listener on the local port: that is not the connection.
            NetlinkPayload::InnerMessage(SockDiagMessage::InetResponse(response)) => {
                let id = &response.header.socket_id;
                let same = id.destination_port == peer.port() && id.source_port == local.port();
                Ok(same.then_some(TcpState(response.header.state)))
            }
            // ENOENT: the kernel has no such connection (any more).
            NetlinkPayload::Error(error) if error.code.map(|c| c.get()) == Some(-libc::ENOENT) => {
                Ok(None)
            }
            NetlinkPayload::Error(error) => Err(io::Error::other(format!("sock_diag: {error:?}"))),
            other => Err(io::Error::other(format!("sock_diag: unexpected {other:?}"))),
        }
    }
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
    fn finds_live_connections_by_netlink_and_in_proc() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (_server, _) = listener.accept().unwrap();
        let held = Held::default();
        let pair = (client.local_addr().unwrap(), client.peer_addr().unwrap());
        let established = vec![Some(TcpState::ESTABLISHED)];
        assert_eq!(held.diag.lookup_all(&[pair]).unwrap(), established);
        assert_eq!(read_tables(&[pair]), established);
        // No connection of that pair: not the listener on its local port.
        let nobody: SocketAddr = "127.0.0.1:1".parse().unwrap();
        let missing = (listener.local_addr().unwrap(), nobody);
        assert_eq!(held.diag.lookup_all(&[missing]).unwrap(), vec![None]);
        assert_eq!(read_tables(&[missing]), vec![None]);
    }
}
