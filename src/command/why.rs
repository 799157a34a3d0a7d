//! Why a call failed, chosen from what socklab knows.
//!
//! The command table gives each (verb, errno) one note (`explain_failure`).
//! Where one errno has several causes that socklab can tell apart, the note
//! that fits this socket replaces it: an RST from a lab host that crashed
//! (it has no such connection), a send before the handshake has finished,
//! and which of TCP's give-ups ended a connection with ETIMEDOUT — SYN
//! retries, data retransmissions, keepalive, window probes, or
//! TCP_USER_TIMEOUT. A data call or connect on a listener says it listens
//! and names the handles accept made from it; EAGAIN (connect:
//! EINPROGRESS) on a blocking socket whose SO_RCVTIMEO or SO_SNDTIMEO ran
//! out says so (the verbs with flags choose that one themselves: they
//! alone know MSG_DONTWAIT). Each is read from the kernel (the socket's
//! options and TCP_INFO, one getsockopt each) or from the lab (a crash, a
//! pulled cable, a held link), after the call and never instead of it.
//! EADDRINUSE's are `port_in_use`'s; the listener's and the timeouts'
//! are in `listener` and `timeout`.
//!
//! Owns: the choice and the notes (`VARIANTS`, which `help ERRNO` lists).
//! The table's notes are the verbs' own.

use std::os::fd::AsFd;

use nix::errno::Errno;
use nix::sys::socket::{getsockopt, sockopt};

use crate::lab::Host;
use crate::names::TcpState;
use crate::session::{Handle, Session};
use crate::step::{LabCause, Note, Outcome, Step};

mod listener;
pub mod port_in_use;
mod timeout;
pub use timeout::ran_out as timeout_ran_out;

const PEER_A_CRASHED: &str = "host a crashed (host a crash) and came back with no TCP state: it knows no such connection, so it answered what this socket sent with RST";
const PEER_B_CRASHED: &str = "host b crashed (host b crash) and came back with no TCP state: it knows no such connection, so it answered what this socket sent with RST";
const NOT_ESTABLISHED: &str = "the connection is not established yet (SYN_SENT: the handshake has not finished), and a nonblocking send does not wait for it — await H ESTABLISHED (or poll H out), then send";
pub const SYN_RETRIES: &str = "no answer to the SYN: the kernel sent it again and again and gave up — net.ipv4.tcp_syn_retries (or TCP_SYNCNT on the socket) decides how long";
const SYN_USER_TIMEOUT: &str = "no answer to the SYN before TCP_USER_TIMEOUT (set on this socket) ran out, or tcp_syn_retries, whichever came first: the kernel gave the connection up";
const USER_TIMEOUT: &str = "TCP_USER_TIMEOUT is set on this socket: what it sent (data, or a keepalive probe) stayed unacknowledged longer than that, so the kernel gave the connection up";
const KEEPALIVE: &str = "SO_KEEPALIVE: the connection was idle, and TCP_KEEPCNT keepalive probes (TCP_KEEPINTVL apart, after TCP_KEEPIDLE of quiet) went unanswered — the peer is gone";
const WINDOW_PROBES: &str = "the peer's window was shut (0), and the probes asking whether it had opened went unanswered net.ipv4.tcp_retries2 times — the peer is gone";
const DATA_RETRIES: &str = "sent data was never acknowledged: the kernel retransmitted it, each time later, until net.ipv4.tcp_retries2 (15 by default: about 15 minutes) ran out, and gave the connection up";

/// One cause socklab tells apart: the errno, when it is chosen, the note.
pub struct Variant {
    pub errno: &'static str,
    pub when: &'static str,
    pub why: &'static str,
}

/// Every note chosen here, for `help ERRNO`.
pub const VARIANTS: &[Variant] = &[
    Variant {
        errno: "EPIPE",
        when: "send on a listener",
        why: listener::DATA,
    },
    Variant {
        errno: "ENOTCONN",
        when: "recv on a listener",
        why: listener::DATA,
    },
    Variant {
        errno: "EISCONN",
        when: "connect on a listener",
        why: listener::CONNECT,
    },
    Variant {
        errno: "EAGAIN",
        when: "SO_RCVTIMEO",
        why: timeout::RCVTIMEO_RAN_OUT,
    },
    Variant {
        errno: "EAGAIN",
        when: "SO_SNDTIMEO",
        why: timeout::SNDTIMEO_RAN_OUT,
    },
    Variant {
        errno: "EINPROGRESS",
        when: "SO_SNDTIMEO",
        why: timeout::CONNECT_SNDTIMEO,
    },
    Variant {
        errno: "EADDRINUSE",
        when: "listener holds it",
        why: port_in_use::LISTENER,
    },
    Variant {
        errno: "EADDRINUSE",
        when: "reuse here only",
        why: port_in_use::REUSE_NOT_BOTH,
    },
    Variant {
        errno: "EADDRINUSE",
        when: "reuse there only",
        why: port_in_use::SET_IT_HERE,
    },
    Variant {
        errno: "EADDRINUSE",
        when: "no reuse here",
        why: port_in_use::SET_IT_BOTH,
    },
    Variant {
        errno: "EADDRINUSE",
        when: "UDP",
        why: port_in_use::UDP,
    },
    Variant {
        errno: "ECONNRESET",
        when: "the peer's lab host crashed",
        why: PEER_B_CRASHED,
    },
    Variant {
        errno: "EAGAIN",
        when: "send in SYN_SENT",
        why: NOT_ESTABLISHED,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "SYN retries",
        why: SYN_RETRIES,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "SYN, user timeout",
        why: SYN_USER_TIMEOUT,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "data retries",
        why: DATA_RETRIES,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "keepalive",
        why: KEEPALIVE,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "user timeout",
        why: USER_TIMEOUT,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: "window probes",
        why: WINDOW_PROBES,
    },
];

/// Replaces a failed step's table note with the one that fits its socket,
/// where socklab can tell (and adds what the lab did, for ETIMEDOUT).
pub fn explain_in_context(session: &Session, step: &mut Step) {
    let Outcome::Failed(errno) = step.outcome else {
        return;
    };
    if listener::on_a_listener(session, step) {
        return;
    }
    // The verbs with flags choose it themselves: they alone know whether
    // MSG_DONTWAIT was asked.
    if matches!(
        step.verb,
        "accept" | "sendall" | "recvall" | "drain" | "connect"
    ) {
        timeout::ran_out(session, step, false);
    }
    if !matches!(errno, Errno::ECONNRESET | Errno::EAGAIN | Errno::ETIMEDOUT) {
        return;
    }
    let Some(handle) = step.handle.as_deref().and_then(|name| session.get(name)) else {
        return;
    };
    if handle.kind.socket_type() != socket2::Type::STREAM
        || handle.kind.domain() == socket2::Domain::UNIX
    {
        return;
    }
    let chosen = match errno {
        Errno::ECONNRESET => session.crashed_peer(handle).map(|host| match host {
            Host::A => PEER_A_CRASHED,
            Host::B => PEER_B_CRASHED,
        }),
        Errno::EAGAIN if matches!(step.verb, "send" | "sendall" | "sendto") => {
            (step.why != Some(timeout::SNDTIMEO_RAN_OUT) && in_syn_sent(handle))
                .then_some(NOT_ESTABLISHED)
        }
        Errno::ETIMEDOUT => {
            let note = lab_note(session, handle);
            step.notes.extend(note.map(Note::TimedOutInLab));
            Some(timed_out(handle, step.verb))
        }
        _ => None,
    };
    if let Some(why) = chosen {
        step.why = Some(why);
    }
}

fn in_syn_sent(handle: &Handle) -> bool {
    crate::sys::tcp_info(handle.socket.as_fd())
        .is_ok_and(|info| TcpState(info.tcpi_state) == TcpState::SYN_SENT)
}

/// Which of TCP's give-ups it was, from the socket's options and TCP_INFO.
fn timed_out(handle: &Handle, verb: &str) -> &'static str {
    let fd = handle.socket.as_fd();
    let info = crate::sys::tcp_info(fd).ok();
    let user_timeout = getsockopt(&fd, sockopt::TcpUserTimeout).unwrap_or(0);
    let keepalive = handle.socket.keepalive().unwrap_or(false);
    // Nothing ever came back: it never got past its SYN.
    let never_answered = verb == "connect" || info.is_some_and(|i| i.tcpi_segs_in == 0);
    // Probes were sent, and nothing was retransmitted: keepalive's, or
    // (without it) the window probes'.
    let probed = info.is_some_and(|i| i.tcpi_probes > 0 && i.tcpi_retransmits == 0);
    match (never_answered, user_timeout > 0) {
        (true, true) => SYN_USER_TIMEOUT,
        (true, false) => SYN_RETRIES,
        (false, true) => USER_TIMEOUT,
        (false, false) if probed && keepalive => KEEPALIVE,
        (false, false) if probed => WINDOW_PROBES,
        (false, false) => DATA_RETRIES,
    }
}

/// In the lab, what kept the answers away: a pulled cable, a held link.
fn lab_note(session: &Session, handle: &Handle) -> Option<LabCause> {
    let lab = session.lab()?;
    let own = handle.host?;
    let peer = own.other();
    if lab.is_down(peer) {
        return Some(LabCause::PeerDown(peer));
    }
    if lab.is_down(own) {
        return Some(LabCause::OwnDown(own));
    }
    if lab.relay.holding().iter().any(|held| *held) {
        return Some(LabCause::LinkHolding);
    }
    None
}
