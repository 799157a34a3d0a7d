//! Every socket that has a local port, whoever owns it: what a bind that
//! met EADDRINUSE collides with. One `sock_diag` dump per address family
//! (`NLM_F_DUMP`, listeners, connections, time-wait sockets and — since
//! Linux 6.9 — bound sockets that do neither), or, where netlink is not
//! allowed, `/proc/net/{tcp,udp}{,6}` (which lists no bound-only TCP
//! socket). The same dump, whole (`every_socket`), is how a spawned
//! program's sockets are found by their inodes.
//!
//! Owns that lookup; which of the sockets found are the session's, and
//! what they mean for the bind, are the session's and the verbs'. A new
//! netlink socket is opened for each lookup, in the calling thread's
//! network namespace (in the lab: inside the host's).

use std::net::SocketAddr;
use std::time::Duration;

use netlink_packet_core::{
    NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload,
};
use netlink_packet_sock_diag::SockDiagMessage;
use netlink_packet_sock_diag::constants::{AF_INET, AF_INET6, IPPROTO_TCP, IPPROTO_UDP};
use netlink_packet_sock_diag::inet::{ExtensionFlags, InetRequest, SocketId, StateFlags};
use netlink_sys::{Socket, SocketAddr as NetlinkAddr, protocols::NETLINK_SOCK_DIAG};

use crate::names::TcpState;

/// TCP_BOUND_INACTIVE (Linux 6.9): a socket bound to a port that neither
/// listens nor connects. Asked for in a dump; such a socket is reported
/// in this state (older kernels ignore the bit).
pub const BOUND_INACTIVE: TcpState = TcpState(13);

/// The transport whose ports are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Udp,
}

/// One socket on the port, as the kernel reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortUser {
    pub local: SocketAddr,
    /// Its peer, where it has one (a connection, a connected UDP socket).
    pub peer: Option<SocketAddr>,
    /// As the kernel numbers it (UDP: CLOSE unconnected, ESTABLISHED
    /// connected; `BOUND_INACTIVE`: bound only).
    pub state: TcpState,
    /// A time-wait socket's timer: how long until the kernel lets it go.
    pub timewait_left: Option<Duration>,
    /// Its inode (0 for a time-wait socket, which has no file): how a
    /// socket of the session's is recognised.
    pub inode: u32,
}

/// Every socket of `transport` whose local port is `port`, both address
/// families' (an IPv6 socket bound to `[::]` holds the IPv4 port too).
pub fn users_of_port(transport: Transport, port: u16) -> Vec<PortUser> {
    match dump(transport) {
        Ok(all) => all.into_iter().filter(|u| u.local.port() == port).collect(),
        Err(_) => super::proc_net::port_users(transport, port),
    }
}

/// Every socket of `transport` in the calling thread's network namespace,
/// both families' (one dump each), with its inode: how a program's
/// sockets, found among its fds, are known. Empty where netlink is not
/// allowed.
pub fn every_socket(transport: Transport) -> Vec<PortUser> {
    dump(transport).unwrap_or_default()
}

fn dump(transport: Transport) -> std::io::Result<Vec<PortUser>> {
    let mut socket = Socket::new(NETLINK_SOCK_DIAG)?;
    socket.bind_auto()?;
    socket.connect(&NetlinkAddr::new(0, 0))?;
    let mut all = Vec::new();
    for family in [AF_INET, AF_INET6] {
        request(&socket, transport, family)?;
        receive(&socket, &mut all)?;
    }
    Ok(all)
}

fn request(socket: &Socket, transport: Transport, family: u8) -> std::io::Result<()> {
    let mut header = NetlinkHeader::default();
    header.flags = NLM_F_REQUEST | NLM_F_DUMP;
    let states = StateFlags::from_bits_retain(StateFlags::all().bits() | 1 << BOUND_INACTIVE.0);
    let mut message = NetlinkMessage::new(
        header,
        SockDiagMessage::InetRequest(InetRequest {
            family,
            protocol: match transport {
                Transport::Tcp => IPPROTO_TCP,
                Transport::Udp => IPPROTO_UDP,
            },
            extensions: ExtensionFlags::empty(),
            states,
            socket_id: match family {
                AF_INET => SocketId::new_v4(),
                _ => SocketId::new_v6(),
            },
        })
        .into(),
    );
    message.finalize();
    let mut bytes = vec![0; message.buffer_len()];
    message.serialize(&mut bytes);
    socket.send(&bytes, 0)?;
    Ok(())
}

/// Reads the dump's replies up to its end.
fn receive(socket: &Socket, all: &mut Vec<PortUser>) -> std::io::Result<()> {
    let mut reply = vec![0; 32 * 1024];
    loop {
        let size = socket.recv(&mut &mut reply[..], 0)?;
        let mut offset = 0;
        while offset < size {
            let bytes = &reply[offset..size];
            let message = NetlinkMessage::<SockDiagMessage>::deserialize(bytes)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let length = message.header.length as usize;
            match message.payload {
                NetlinkPayload::InnerMessage(SockDiagMessage::InetResponse(response)) => {
                    let header = &response.header;
                    let id = &header.socket_id;
                    let timewait = matches!(
                        header.timer,
                        Some(netlink_packet_sock_diag::inet::Timer::TimeWait)
                    );
                    let peer = SocketAddr::new(id.destination_address, id.destination_port);
                    all.push(PortUser {
                        local: SocketAddr::new(id.source_address, id.source_port),
                        peer: (id.destination_port != 0).then_some(peer),
                        state: TcpState(header.state),
                        timewait_left: timewait.then(|| super::diag::expires(bytes)).flatten(),
                        inode: header.inode,
                    });
                }
                NetlinkPayload::Done(_) => return Ok(()),
                NetlinkPayload::Error(error) => {
                    return Err(std::io::Error::other(format!("sock_diag: {error:?}")));
                }
                _ => {}
            }
            if length == 0 {
                break;
            }
            offset += length;
        }
    }
}
