//! The connections a host's kernel holds without an fd for them: a
//! listener's half-open ones (SYN_RECV) and those waiting in its accept
//! queue — read with one NETLINK_SOCK_DIAG dump in the host's namespace.
//!
//! Owns: that dump. Which of them a session shows is the session's.

use std::net::SocketAddr;

use netlink_packet_core::{
    NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload,
};
use netlink_packet_sock_diag::SockDiagMessage;
use netlink_packet_sock_diag::constants::{AF_INET, AF_INET6, IPPROTO_TCP};
use netlink_packet_sock_diag::inet::{ExtensionFlags, InetRequest, SocketId, StateFlags};
use netlink_sys::{Socket, SocketAddr as NetlinkAddr, protocols::NETLINK_SOCK_DIAG};

use crate::names::TcpState;

/// Every TCP connection on local port `port` in SYN_RECV or ESTABLISHED,
/// in the calling thread's namespace: (local, peer, state).
pub fn on_port(port: u16) -> Vec<(SocketAddr, SocketAddr, TcpState)> {
    let mut found = Vec::new();
    for family in [AF_INET, AF_INET6] {
        found.extend(dump(family).unwrap_or_default());
    }
    found.retain(|(local, _, _)| local.port() == port);
    found
}

fn dump(family: u8) -> std::io::Result<Vec<(SocketAddr, SocketAddr, TcpState)>> {
    let mut socket = Socket::new(NETLINK_SOCK_DIAG)?;
    socket.bind_auto()?;
    socket.connect(&NetlinkAddr::new(0, 0))?;
    let mut header = NetlinkHeader::default();
    header.flags = NLM_F_REQUEST | NLM_F_DUMP;
    let mut request = NetlinkMessage::new(
        header,
        SockDiagMessage::InetRequest(InetRequest {
            family,
            protocol: IPPROTO_TCP,
            extensions: ExtensionFlags::empty(),
            states: StateFlags::SYN_RECV | StateFlags::ESTABLISHED,
            socket_id: if family == AF_INET {
                SocketId::new_v4()
            } else {
                SocketId::new_v6()
            },
        })
        .into(),
    );
    request.finalize();
    let mut bytes = vec![0; request.buffer_len()];
    request.serialize(&mut bytes);
    socket.send(&bytes, 0)?;
    let mut found = Vec::new();
    let mut buffer = vec![0; 65_536];
    loop {
        let size = socket.recv(&mut &mut buffer[..], 0)?;
        let mut at = 0;
        while at < size {
            let message = NetlinkMessage::<SockDiagMessage>::deserialize(&buffer[at..size])
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let length = message.header.length as usize;
            match message.payload {
                NetlinkPayload::InnerMessage(SockDiagMessage::InetResponse(response)) => {
                    let id = &response.header.socket_id;
                    found.push((
                        SocketAddr::new(id.source_address, id.source_port),
                        SocketAddr::new(id.destination_address, id.destination_port),
                        TcpState(response.header.state),
                    ));
                }
                NetlinkPayload::Done(_) | NetlinkPayload::Error(_) => return Ok(found),
                _ => {}
            }
            if length == 0 {
                return Ok(found);
            }
            at += length;
        }
    }
}
