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
//! Owns: the choice (`VARIANTS`, which `help ERRNO` lists); the causes
//! are `step::Cause` values, worded by `render::words`. The table's notes
//! are the verbs' own.

use std::os::fd::AsFd;

use nix::errno::Errno;
use nix::sys::socket::{getsockopt, sockopt};

use crate::lab::Host;
use crate::names::TcpState;
use crate::session::{Handle, Session};
use crate::step::{Cause, LabCause, Note, Outcome, Step, Why};

mod listener;
pub mod port_in_use;
mod timeout;
pub use timeout::ran_out as timeout_ran_out;

/// One cause socklab tells apart: the errno, when it is chosen, the note.
pub struct Variant {
    pub errno: &'static str,
    pub when: Situation,
    pub why: Cause,
}

/// When a cause is chosen, in a few words (`send on a listener`), worded
/// in the language chosen; `{:<18}` pads it to 18 columns (a Chinese
/// character takes two).
pub struct Situation(fn() -> String);

impl std::fmt::Display for Situation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = (self.0)();
        let columns = crate::render::wrap::display_width(&words);
        let padding = f.width().unwrap_or(0).saturating_sub(columns);
        write!(f, "{words}{:padding$}", "")
    }
}

/// Every note chosen here, for `help ERRNO`.
pub const VARIANTS: &[Variant] = &[
    Variant {
        errno: "EPIPE",
        when: Situation(|| crate::t!("why-when-send-on-listener")),
        why: Cause::ListenerData,
    },
    Variant {
        errno: "ENOTCONN",
        when: Situation(|| crate::t!("why-when-recv-on-listener")),
        why: Cause::ListenerData,
    },
    Variant {
        errno: "EISCONN",
        when: Situation(|| crate::t!("why-when-connect-on-listener")),
        why: Cause::ListenerConnect,
    },
    Variant {
        errno: "EAGAIN",
        when: Situation(|| crate::t!("why-when-rcvtimeo")),
        why: Cause::RcvtimeoRanOut,
    },
    Variant {
        errno: "EAGAIN",
        when: Situation(|| crate::t!("why-when-sndtimeo")),
        why: Cause::SndtimeoRanOut,
    },
    Variant {
        errno: "EINPROGRESS",
        when: Situation(|| crate::t!("why-when-sndtimeo")),
        why: Cause::ConnectSndtimeo,
    },
    Variant {
        errno: "EADDRINUSE",
        when: Situation(|| crate::t!("why-when-listener-holds-it")),
        why: Cause::PortListener,
    },
    Variant {
        errno: "EADDRINUSE",
        when: Situation(|| crate::t!("why-when-reuse-here-only")),
        why: Cause::PortReuseNotBoth,
    },
    Variant {
        errno: "EADDRINUSE",
        when: Situation(|| crate::t!("why-when-reuse-there-only")),
        why: Cause::PortSetItHere,
    },
    Variant {
        errno: "EADDRINUSE",
        when: Situation(|| crate::t!("why-when-no-reuse-here")),
        why: Cause::PortSetItBoth,
    },
    Variant {
        errno: "EADDRINUSE",
        when: Situation(|| crate::t!("why-when-udp")),
        why: Cause::PortUdp,
    },
    Variant {
        errno: "ECONNRESET",
        when: Situation(|| crate::t!("why-when-peer-host-crashed")),
        why: Cause::PeerCrashed(Host::B),
    },
    Variant {
        errno: "EAGAIN",
        when: Situation(|| crate::t!("why-when-send-in-syn-sent")),
        why: Cause::NotEstablished,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-syn-retries")),
        why: Cause::SynRetries,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-syn-user-timeout")),
        why: Cause::SynUserTimeout,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-data-retries")),
        why: Cause::DataRetries,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-keepalive")),
        why: Cause::Keepalive,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-user-timeout")),
        why: Cause::UserTimeout,
    },
    Variant {
        errno: "ETIMEDOUT",
        when: Situation(|| crate::t!("why-when-window-probes")),
        why: Cause::WindowProbes,
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
        Errno::ECONNRESET => session.crashed_peer(handle).map(Cause::PeerCrashed),
        Errno::EAGAIN if matches!(step.verb, "send" | "sendall" | "sendto") => {
            (step.why != Some(Why::Chosen(Cause::SndtimeoRanOut)) && in_syn_sent(handle))
                .then_some(Cause::NotEstablished)
        }
        Errno::ETIMEDOUT => {
            let note = lab_note(session, handle);
            step.notes.extend(note.map(Note::TimedOutInLab));
            Some(timed_out(handle, step.verb))
        }
        _ => None,
    };
    if let Some(cause) = chosen {
        step.why = Some(Why::Chosen(cause));
    }
}

fn in_syn_sent(handle: &Handle) -> bool {
    crate::sys::tcp_info(handle.socket.as_fd())
        .is_ok_and(|info| TcpState(info.tcpi_state) == TcpState::SYN_SENT)
}

/// Which of TCP's give-ups it was, from the socket's options and TCP_INFO.
fn timed_out(handle: &Handle, verb: &str) -> Cause {
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
        (true, true) => Cause::SynUserTimeout,
        (true, false) => Cause::SynRetries,
        (false, true) => Cause::UserTimeout,
        (false, false) if probed && keepalive => Cause::Keepalive,
        (false, false) if probed => Cause::WindowProbes,
        (false, false) => Cause::DataRetries,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, ftl_source, in_english};

    /// connect's table note for ETIMEDOUT is the words of the cause chosen
    /// for it, whichever shows, in every language.
    #[test]
    fn the_table_and_the_chosen_cause_say_the_same_of_syn_retries() {
        for lang in Lang::ALL {
            let table =
                crate::i18n::in_lang(lang, || crate::i18n::lookup("cmd-connect-errno-ETIMEDOUT"));
            let chosen = crate::i18n::in_lang(lang, || Cause::SynRetries.to_string());
            assert_eq!(table, Some(chosen), "{lang}");
        }
    }

    /// A situation is padded by the columns it takes, so the causes line
    /// up in Chinese as in English.
    #[test]
    fn situations_pad_to_columns() {
        let keepalive = VARIANTS.iter().find(|v| v.why == Cause::Keepalive).unwrap();
        let chinese = crate::i18n::in_lang(Lang::Zh, || format!("{:<18}|", keepalive.when));
        assert_eq!(chinese, format!("保活{}|", " ".repeat(14)));
        let english = in_english(|| format!("{:<18}|", keepalive.when));
        assert_eq!(english, format!("keepalive{}|", " ".repeat(9)));
    }

    /// Every errno a verb's table or `VARIANTS` names has its meaning in
    /// each language's file (not only through the English fallback), and
    /// the English meaning is nix's.
    #[test]
    fn every_errno_the_tables_name_has_its_meaning_in_every_language() {
        let mut names: Vec<&str> = super::super::COMMANDS
            .iter()
            .flat_map(|spec| spec.errnos.iter().copied())
            .chain(VARIANTS.iter().map(|v| v.errno))
            .collect();
        names.sort();
        names.dedup();
        for lang in Lang::ALL {
            let source = ftl_source(lang).expect("built in");
            let missing: Vec<&&str> = names
                .iter()
                .filter(|name| !source.contains(&format!("\nerrno-{name} = ")))
                .collect();
            assert!(missing.is_empty(), "{lang} has no meaning for {missing:?}");
        }
        for name in names {
            let errno = crate::names::errno_from_name(name).expect("an errno");
            assert_eq!(
                in_english(|| crate::names::errno_meaning(errno)),
                errno.desc(),
                "{name}"
            );
        }
    }
}
