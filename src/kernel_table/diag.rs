//! Exact lookups over NETLINK_SOCK_DIAG (`SOCK_DIAG_BY_FAMILY` without
//! `NLM_F_DUMP`: the kernel answers for the one socket with that address
//! pair, time-wait ones included, or with ENOENT).
//!
//! Owns the session's netlink socket for these lookups. A netlink socket
//! answers for the network namespace it was opened in, whichever thread
//! asks: `open` it in the namespace whose connections it is to find.

use std::io;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use netlink_packet_core::{NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload};
use netlink_packet_sock_diag::SockDiagMessage;
use netlink_packet_sock_diag::constants::{AF_INET, AF_INET6, IPPROTO_TCP};
use netlink_packet_sock_diag::inet::{ExtensionFlags, InetRequest, SocketId, StateFlags};
use netlink_sys::{Socket, SocketAddr as NetlinkAddr, protocols::NETLINK_SOCK_DIAG};

use crate::names::TcpState;

/// What the kernel's table holds for one address pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub state: TcpState,
    /// A time-wait socket's timer (TIME_WAIT, or an orphan's FIN_WAIT2):
    /// how long until the kernel lets the connection go — no segment
    /// moves it before then but a new SYN or an RST.
    pub timewait_left: Option<Duration>,
}

/// A session's netlink socket, opened at its first lookup (or `open`) and
/// closed with the session.
#[derive(Default)]
pub struct Diag(Mutex<Option<Socket>>);

impl std::fmt::Debug for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Diag")
    }
}

impl Diag {
    /// Opens the socket now, in the calling thread's namespace, if it is
    /// not open yet.
    pub fn open(&self) -> io::Result<()> {
        let mut slot = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        if slot.is_none() {
            let mut socket = crate::sys::move_owner_out_of_the_way(Socket::new(NETLINK_SOCK_DIAG)?);
            socket.bind_auto()?;
            socket.connect(&NetlinkAddr::new(0, 0))?;
            *slot = Some(socket);
        }
        Ok(())
    }

    /// Each pair's connection, opening the socket first if need be.
    pub fn lookup_all(
        &self,
        connections: &[(SocketAddr, SocketAddr)],
    ) -> io::Result<Vec<Option<Found>>> {
        self.open()?;
        self.lookup_opened(connections)
    }

    /// As `lookup_all`, but only on a socket already open (another
    /// thread, in another namespace, must not open it).
    pub fn lookup_opened(
        &self,
        connections: &[(SocketAddr, SocketAddr)],
    ) -> io::Result<Vec<Option<Found>>> {
        let slot = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        let socket = slot.as_ref().ok_or_else(|| io::Error::other("not open"))?;
        connections
            .iter()
            .map(|&(local, peer)| lookup(socket, local, peer))
            .collect()
    }
}

fn lookup(socket: &Socket, local: SocketAddr, peer: SocketAddr) -> io::Result<Option<Found>> {
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
            let header = &response.header;
            let id = &header.socket_id;
            let same = id.destination_port == peer.port() && id.source_port == local.port();
            let timewait = matches!(
                header.timer,
                Some(netlink_packet_sock_diag::inet::Timer::TimeWait)
            );
            Ok(same.then(|| Found {
                state: TcpState(header.state),
                timewait_left: timewait.then(|| expires(&reply[..size])).flatten(),
            }))
        }
        // ENOENT: the kernel has no such connection (any more).
        NetlinkPayload::Error(error) if error.code.map(|c| c.get()) == Some(-libc::ENOENT) => {
            Ok(None)
        }
        NetlinkPayload::Error(error) => Err(io::Error::other(format!("sock_diag: {error:?}"))),
        other => Err(io::Error::other(format!("sock_diag: unexpected {other:?}"))),
    }
}

/// `idiag_expires` of the reply's `struct inet_diag_msg` (after the 16-byte
/// netlink header: family, state, timer, retrans, the 48-byte socket id,
/// then the u32 milliseconds). netlink-packet-sock-diag parses it for the
/// other timers but drops it for a time-wait socket's, the one wanted here.
pub(super) fn expires(reply: &[u8]) -> Option<Duration> {
    const AT: usize = 16 + 4 + 48;
    let bytes: [u8; 4] = reply.get(AT..AT + 4)?.try_into().ok()?;
    Some(Duration::from_millis(u32::from_ne_bytes(bytes).into()))
}
