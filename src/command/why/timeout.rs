//! EAGAIN (connect: EINPROGRESS) on a blocking socket whose SO_RCVTIMEO
//! or SO_SNDTIMEO ran out: the timeout ended the wait, the socket was not
//! nonblocking. The verbs with flags call it themselves (they alone know
//! whether MSG_DONTWAIT was asked); `explain_in_context` calls it for the
//! others.

use nix::errno::Errno;

use crate::session::Session;
use crate::step::{Cause, Note, Outcome, Step, Why};

/// A call that failed with EAGAIN (connect: EINPROGRESS) on a blocking
/// socket with SO_RCVTIMEO or SO_SNDTIMEO set (`dontwait`: MSG_DONTWAIT
/// was asked, so it never waited): the timeout ran out — the why says so,
/// and a note gives the timeout.
pub fn ran_out(session: &Session, step: &mut Step, dontwait: bool) {
    let (why, option) = match (&step.outcome, step.verb) {
        (Outcome::Failed(Errno::EAGAIN), "accept" | "recv" | "recvfrom" | "recvall" | "drain") => {
            (Cause::RcvtimeoRanOut, "SO_RCVTIMEO")
        }
        (Outcome::Failed(Errno::EAGAIN), "send" | "sendto" | "sendall") => {
            (Cause::SndtimeoRanOut, "SO_SNDTIMEO")
        }
        (Outcome::Failed(Errno::EINPROGRESS), "connect") => (Cause::ConnectSndtimeo, "SO_SNDTIMEO"),
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
        step.why = Some(Why::Chosen(why));
        step.notes.push(Note::TimeoutRanOut {
            handle: handle.name.clone(),
            option,
            timeout,
        });
    }
}
