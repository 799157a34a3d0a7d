//! EAGAIN (connect: EINPROGRESS) on a blocking socket whose SO_RCVTIMEO
//! or SO_SNDTIMEO ran out: the timeout ended the wait, the socket was not
//! nonblocking. The verbs with flags call it themselves (they alone know
//! whether MSG_DONTWAIT was asked); `explain_in_context` calls it for the
//! others.

use nix::errno::Errno;

use crate::session::Session;
use crate::step::{Note, Outcome, Step};

/// EAGAIN from a blocking receive (or accept) whose SO_RCVTIMEO ran out.
pub const RCVTIMEO_RAN_OUT: &str = "SO_RCVTIMEO ran out: the socket is blocking, but its wait is cut short after that long, and nothing came in time — EAGAIN is how that timeout ends (the socket is not nonblocking)";
/// EAGAIN from a blocking send whose SO_SNDTIMEO ran out.
pub const SNDTIMEO_RAN_OUT: &str = "SO_SNDTIMEO ran out: the socket is blocking, but its wait for room in the send buffer (the peer is not reading) is cut short after that long — EAGAIN is how that timeout ends (the socket is not nonblocking)";
/// EINPROGRESS from a blocking connect whose SO_SNDTIMEO ran out.
pub const CONNECT_SNDTIMEO: &str = "SO_SNDTIMEO ran out while connect waited for the handshake: the socket is blocking, but connect's wait is cut short after that long, and the handshake goes on — await H ESTABLISHED (or poll H out), then getsockopt H SO_ERROR";

/// A call that failed with EAGAIN (connect: EINPROGRESS) on a blocking
/// socket with SO_RCVTIMEO or SO_SNDTIMEO set (`dontwait`: MSG_DONTWAIT
/// was asked, so it never waited): the timeout ran out — the why says so,
/// and a note gives the timeout.
pub fn ran_out(session: &Session, step: &mut Step, dontwait: bool) {
    let (why, option) = match (&step.outcome, step.verb) {
        (Outcome::Failed(Errno::EAGAIN), "accept" | "recv" | "recvfrom" | "recvall" | "drain") => {
            (RCVTIMEO_RAN_OUT, "SO_RCVTIMEO")
        }
        (Outcome::Failed(Errno::EAGAIN), "send" | "sendto" | "sendall") => {
            (SNDTIMEO_RAN_OUT, "SO_SNDTIMEO")
        }
        (Outcome::Failed(Errno::EINPROGRESS), "connect") => (CONNECT_SNDTIMEO, "SO_SNDTIMEO"),
        _ => return,
    };
    let Some(handle) = step.handle.as_deref().and_then(|name| session.get(name)) else {
        return;
    };
    if dontwait || handle.socket.nonblocking().unwrap_or(true) {
        return;
    }
    let timeout = match option {
        "SO_RCVTIMEO" => handle.socket.read_timeout(),
        _ => handle.socket.write_timeout(),
    };
    if let Ok(Some(timeout)) = timeout {
        step.why = Some(why);
        step.notes.push(Note::TimeoutRanOut {
            handle: handle.name.clone(),
            option,
            timeout,
        });
    }
}
