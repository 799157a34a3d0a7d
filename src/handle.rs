//! A handle: one socket in the session's table, with its name, kind, last
//! TCP state and the addresses last read.
//!
//! Owns: `Handle` and what it caches. It sits below both the session (whose
//! table holds handles) and the background jobs (which hand handles back
//! with their results), so neither has to import the other for it. The
//! table itself, and which handle is current, are the session's.

use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::Arc;

use socket2::Socket;

use crate::kind::Kind;
use crate::names::TcpState;

/// One socket in the table. The socket is shared with the background
/// workers using it (`Session::detached`); its fd is closed when the last
/// holder lets go, which `close` makes sure is the table.
#[derive(Clone, Debug)]
pub struct Handle {
    pub name: String,
    pub socket: Arc<Socket>,
    pub kind: Kind,
    /// The TCP state last read from the kernel (TCP handles only).
    pub state: Option<TcpState>,
    pub nonblocking: bool,
    pub shut_read: bool,
    pub shut_write: bool,
    /// Local and peer address, noted when the connection is first seen, so
    /// the connection can be found in the kernel's table after the fd is gone.
    pub tuple: Option<(SocketAddr, SocketAddr)>,
    /// In the lab: the host whose network the socket lives in.
    pub host: Option<crate::lab::Host>,
    /// Its local and peer address as last read (None: to be read again:
    /// a step on the handle may have bound or connected it).
    pub addresses: std::cell::Cell<Option<Addresses>>,
    /// Its last bind failed: the address asked for, and the errno (a
    /// listen or connect then binds it to a port the kernel picks).
    pub failed_bind: Option<(SocketAddr, nix::errno::Errno)>,
}

/// A socket's local address and peer, where it has them.
pub type Addresses = (Option<SocketAddr>, Option<SocketAddr>);

impl Handle {
    pub fn fd(&self) -> i32 {
        self.socket.as_raw_fd()
    }

    /// Its local and peer address: read once (two calls), then kept until
    /// `forget_addresses` (the wire view names every segment's ends by
    /// them, and a step must not read every handle's).
    pub fn addresses(&self) -> Addresses {
        if let Some(known) = self.addresses.get() {
            return known;
        }
        let local = self.socket.local_addr().ok().and_then(|a| a.as_socket());
        let peer = self.socket.peer_addr().ok().and_then(|a| a.as_socket());
        self.addresses.set(Some((local, peer)));
        (local, peer)
    }

    /// Its addresses may have changed (a step acted on it).
    pub fn forget_addresses(&self) {
        self.addresses.set(None);
    }
}
