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
use crate::step::{Cause, Holding, Note, PortHolder, Reuse, Step, Why};

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
        Some(Cause::PortUdp)
    } else {
        tcp_why(handle, &mut holders)
    };
    if let Some(why) = why.filter(|_| choose) {
        step.why = Some(Why::Chosen(why));
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
fn tcp_why(handle: &Handle, holders: &mut [PortHolder]) -> Option<Cause> {
    if holders.is_empty() {
        return None;
    }
    if holders.iter().any(|h| h.holding == Holding::Listening) {
        return Some(Cause::PortListener);
    }
    let reuse_here = handle.socket.reuse_address().unwrap_or(false);
    let reuseport_here = handle.socket.reuse_port().unwrap_or(false);
    if !reuse_here {
        return Some(match holders.iter().all(|h| h.reuse == Reuse::Set) {
            true => Cause::PortSetItHere,
            false => Cause::PortSetItBoth,
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
    Some(Cause::PortReuseNotBoth)
}
