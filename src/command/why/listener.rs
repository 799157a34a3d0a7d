//! A data call or connect on a listening socket: whatever its errno (send
//! EPIPE, recv ENOTCONN, connect EISCONN), the cause is that it listens.
//! The why says so, and a note names the handles accept made from it (or
//! says to accept first).

use std::os::fd::AsFd;

use nix::sys::socket::{getsockopt, sockopt};

use crate::session::{Handle, Session};
use crate::step::{Cause, Note, Step, Why};

/// A data call or connect on a listening socket: whatever its errno (send
/// EPIPE, recv ENOTCONN, connect EISCONN), the cause is that it listens;
/// the note names the handles accept made from it.
pub(super) fn on_a_listener(session: &Session, step: &mut Step) -> bool {
    let why = match step.verb {
        "send" | "sendall" | "sendto" | "recv" | "recvfrom" | "recvall" | "drain" => {
            Cause::ListenerData
        }
        "connect" => Cause::ListenerConnect,
        _ => return false,
    };
    let Some(listener) = step.handle.as_deref().and_then(|name| session.get(name)) else {
        return false;
    };
    if !getsockopt(&listener.socket.as_fd(), sockopt::AcceptConn).unwrap_or(false) {
        return false;
    }
    let accepted = accepted_from(session, listener);
    step.why = Some(Why::Chosen(why));
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
