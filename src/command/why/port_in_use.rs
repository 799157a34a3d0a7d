//! EADDRINUSE, explained from who holds the port: `bind` and `listen`
//! ask the kernel's table (`Session::port_holders`) and say which socket
//! it is, its state, and — where the kernel's rule decides it — whose
//! SO_REUSEADDR is missing.
//!
//! Linux's rule (`inet_csk_bind_conflict` in
//! net/ipv4/inet_connection_sock.c): a TCP bind shares a port with
//! another socket on an overlapping address only if both have
//! SO_REUSEADDR and the other is not listening (or both have
//! SO_REUSEPORT, and the same owner). A time-wait socket keeps the
//! SO_REUSEADDR its socket had (`tw_reuse`), and an accepted socket takes
//! its listener's. UDP's (`udp_lib_lport_inuse`): both have SO_REUSEADDR,
//! or both SO_REUSEPORT.
//!
//! Owns the choice of why and the notes that name the holders.

use std::net::SocketAddr;

use crate::session::{Handle, Session};
use crate::step::{Holding, Note, PortHolder, Reuse, Step};

/// A socket listens on the port.
pub const LISTENER: &str = "a socket listens on this port (below): SO_REUSEADDR never lets a bind share a port with a listener — close it, or bind another port";
/// This socket has SO_REUSEADDR; what holds the port does not.
pub const REUSE_NOT_BOTH: &str = "SO_REUSEADDR is set on this socket, but on Linux a bind shares a port with a connection (TIME_WAIT too) or a bound socket only if that socket had SO_REUSEADDR as well — an accepted connection has its listener's, so a server sets it on its listener before bind; now wait for the connection below to go, or bind another port";
/// This socket lacks SO_REUSEADDR; what holds the port has it.
pub const SET_IT_HERE: &str = "what holds this port (below) has SO_REUSEADDR and is not listening, but this socket has not: setsockopt H SO_REUSEADDR 1 before bind, and it will share the port";
/// This socket lacks SO_REUSEADDR; what holds the port may lack it too.
pub const SET_IT_BOTH: &str = "another socket holds this port (below), and this socket has no SO_REUSEADDR: set it before bind (setsockopt H SO_REUSEADDR 1) — on Linux that is enough only if the socket holding the port had it too (an accepted connection has its listener's)";
/// A UDP socket holds the port.
pub const UDP: &str = "another UDP socket is bound to this port, on this address or a wildcard: UDP sockets share a port only when every one of them set SO_REUSEADDR (or SO_REUSEPORT) before bind — close it, or bind another port";

/// How many holders are named; the rest are counted.
const SHOWN: usize = 4;

/// Names the sockets that hold the port a bind (or listen) met
/// EADDRINUSE on, `want`, and (`choose`: a bind's) chooses the why.
pub fn explain(
    session: &Session,
    handle: &Handle,
    want: SocketAddr,
    step: &mut Step,
    choose: bool,
) {
    if handle.kind.domain() == socket2::Domain::UNIX {
        return;
    }
    let udp = handle.kind.socket_type() == socket2::Type::DGRAM;
    let mut holders = session.port_holders(handle, want);
    let why = if udp {
        Some(UDP)
    } else {
        tcp_why(handle, &mut holders)
    };
    if let Some(why) = why.filter(|_| choose) {
        step.why = Some(why);
    }
    let more = holders.len().saturating_sub(SHOWN);
    step.notes.extend(
        holders
            .into_iter()
            .take(SHOWN)
            .map(|holder| Note::PortHeld(Box::new(holder))),
    );
    if more > 0 {
        step.notes.push(Note::MorePortHolders(more));
    }
}

/// The kernel's rule, read back: which of the holders refused the bind.
fn tcp_why(handle: &Handle, holders: &mut [PortHolder]) -> Option<&'static str> {
    if holders.is_empty() {
        return None;
    }
    if holders.iter().any(|h| h.holding == Holding::Listening) {
        return Some(LISTENER);
    }
    let reuse_here = handle.socket.reuse_address().unwrap_or(false);
    let reuseport_here = handle.socket.reuse_port().unwrap_or(false);
    if !reuse_here {
        return Some(match holders.iter().all(|h| h.reuse == Reuse::Set) {
            true => SET_IT_HERE,
            false => SET_IT_BOTH,
        });
    }
    // This socket has SO_REUSEADDR, and no holder listens: a holder
    // without it refused the bind. When only one holder can be it, it is.
    let unknown: Vec<usize> = (0..holders.len())
        .filter(|&i| holders[i].reuse == Reuse::Unknown)
        .collect();
    let known_without = holders.iter().any(|h| h.reuse == Reuse::NotSet);
    if !reuseport_here && !known_without && unknown.len() == 1 {
        holders[unknown[0]].reuse = Reuse::Lacked;
    }
    Some(REUSE_NOT_BOTH)
}
