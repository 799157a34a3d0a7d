//! The kernel's TCP tables as text (`/proc/net/tcp`, `/proc/net/tcp6`):
//! where netlink is not allowed, the held connections are found here. The
//! kernel builds these files by walking every socket — about a millisecond
//! a read — so each is read at most once per look.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::names::TcpState;

/// `lookup_all` from `/proc/net/tcp{,6}`, reading each table at most once.
pub(super) fn read_tables(connections: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpState>> {
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

/// `port::users_of_port` from `/proc/net/{tcp,udp}{,6}`: every row whose
/// local port is `port` (a bound-only TCP socket has none).
pub(super) fn port_users(transport: super::port::Transport, port: u16) -> Vec<super::PortUser> {
    let paths = match transport {
        super::port::Transport::Tcp => ["/proc/net/tcp", "/proc/net/tcp6"],
        super::port::Transport::Udp => ["/proc/net/udp", "/proc/net/udp6"],
    };
    paths
        .iter()
        .flat_map(|path| {
            let table = std::fs::read_to_string(path).unwrap_or_default();
            table
                .lines()
                .skip(1)
                .filter_map(port_user)
                .filter(|user| user.local.port() == port)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One row: `sl local rem st queues tr retrnsmt uid timeout inode …`.
fn port_user(line: &str) -> Option<super::PortUser> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let local = parse_endpoint(fields.get(1)?)?;
    let peer = parse_endpoint(fields.get(2)?)?;
    Some(super::PortUser {
        local,
        peer: (peer.port() != 0).then_some(peer),
        state: TcpState(u8::from_str_radix(fields.get(3)?, 16).ok()?),
        timewait_left: None,
        inode: fields.get(9)?.parse().ok()?,
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
}
