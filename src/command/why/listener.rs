//! A data call or connect on a listening socket: whatever its errno (send
//! EPIPE, recv ENOTCONN, connect EISCONN), the cause is that it listens.
//! The why says so, and a note names the handles accept made from it (or
//! says to accept first).

use std::os::fd::AsFd;

use nix::sys::socket::{getsockopt, sockopt};

use crate::session::{Handle, Session};
use crate::step::{Note, Step};

/// send or recv on a listening socket.
pub const DATA: &str = "this socket is listening: it takes connections (accept), it carries no data itself — each connection's data goes over the socket accept returns for it";
/// connect on a listening socket.
pub const CONNECT: &str = "this socket is listening: it takes connections, it cannot make one — a client is a socket of its own (socket, then connect)";

/// A data call or connect on a listening socket: whatever its errno (send
/// EPIPE, recv ENOTCONN, connect EISCONN), the cause is that it listens;
/// the note names the handles accept made from it.
pub(super) fn on_a_listener(session: &Session, step: &mut Step) -> bool {
    let why = match step.verb {
        "send" | "sendall" | "sendto" | "recv" | "recvfrom" | "recvall" | "drain" => DATA,
        "connect" => CONNECT,
        _ => return false,
    };
    let Some(listener) = step.handle.as_deref().and_then(|name| session.get(name)) else {
        return false;
    };
    if !getsockopt(&listener.socket.as_fd(), sockopt::AcceptConn).unwrap_or(false) {
        return false;
    }
    let accepted = accepted_from(session, listener);
    step.why = Some(why);
    step.notes.push(Note::UseAccepted {
        listener: listener.name.clone(),
        accepted,
    });
    true
}

/// The handles accept made from `listener`: connected, on its address.
fn accepted_from(session: &Session, listener: &Handle) -> Vec<String> {
    let Some(own) = listener.addresses().0 else {
        return Vec::new();
    };
    session
        .handles()
        .filter(|h| h.host == listener.host && !std::ptr::eq(*h, listener))
        .filter(|h| h.kind == listener.kind)
        .filter(|h| match h.addresses() {
            (Some(local), Some(_)) => {
                local.port() == own.port() && (local.ip() == own.ip() || own.ip().is_unspecified())
            }
            _ => false,
        })
        .map(|h| h.name.clone())
        .collect()
}
