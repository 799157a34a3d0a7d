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
    let states = StateFlags::SYN_RECV | StateFlags::ESTABLISHED;
    let mut found = Vec::new();
    for family in [AF_INET, AF_INET6] {
        found.extend(dump(family, states.clone()).unwrap_or_default());
    }
    found
        .into_iter()
        .filter(|(id, _)| id.source_port == port)
        .map(|(id, state)| (local(&id), peer(&id), state))
        .collect()
}

fn local(id: &SocketId) -> SocketAddr {
    SocketAddr::new(id.source_address, id.source_port)
}

fn peer(id: &SocketId) -> SocketAddr {
    SocketAddr::new(id.destination_address, id.destination_port)
}

/// `SOCK_DESTROY` (linux/sock_diag.h): abort a socket found by a dump.
const SOCK_DESTROY: u16 = 21;

/// Aborts every TCP socket of the calling thread's namespace that can be
/// (all but TIME_WAIT ones), as `ss -K` does, without sending anything
/// the link would carry (the caller has cut the host's cable first).
/// Returns how many were destroyed.
pub fn destroy_all() -> usize {
    let mut destroyed = 0;
    for family in [AF_INET, AF_INET6] {
        for (id, _) in dump(family, StateFlags::all()).unwrap_or_default() {
            if send_request(family, StateFlags::all(), id, SOCK_DESTROY, false).is_ok() {
                destroyed += 1;
            }
        }
    }
    destroyed
}

fn send_request(
    family: u8,
    states: StateFlags,
    socket_id: SocketId,
    message_type: u16,
    dump: bool,
) -> std::io::Result<Socket> {
    let mut socket = Socket::new(NETLINK_SOCK_DIAG)?;
    socket.bind_auto()?;
    socket.connect(&NetlinkAddr::new(0, 0))?;
    let mut header = NetlinkHeader::default();
    header.flags = NLM_F_REQUEST;
    if dump {
        header.flags |= NLM_F_DUMP;
    }
    let mut request = NetlinkMessage::new(
        header,
        SockDiagMessage::InetRequest(InetRequest {
            family,
            protocol: IPPROTO_TCP,
            extensions: ExtensionFlags::empty(),
            states,
            socket_id,
        })
        .into(),
    );
    request.finalize();
    let mut bytes = vec![0; request.buffer_len()];
    request.serialize(&mut bytes);
    // The message type: SOCK_DIAG_BY_FAMILY as built, or another of the family's.
    bytes[4..6].copy_from_slice(&message_type.to_ne_bytes());
    socket.send(&bytes, 0)?;
    Ok(socket)
}

fn dump(family: u8, states: StateFlags) -> std::io::Result<Vec<(SocketId, TcpState)>> {
    let id = if family == AF_INET {
        SocketId::new_v4()
    } else {
        SocketId::new_v6()
    };
    let socket = send_request(family, states, id, 20, true)?;
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
                    found.push((
                        response.header.socket_id.clone(),
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
