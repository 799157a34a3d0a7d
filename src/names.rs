//! Symbolic names ⇄ values: TCP states, address families, socket types,
//! message flags, poll events and errno. Numbers appear only as a fallback.
//!
//! Owns no behaviour; everything that prints a constant asks here.

use nix::errno::Errno;

/// A TCP state as Linux numbers it (`include/net/tcp_states.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TcpState(pub u8);

const TCP_STATE_NAMES: [&str; 13] = [
    "?",
    "ESTABLISHED",
    "SYN_SENT",
    "SYN_RECV",
    "FIN_WAIT1",
    "FIN_WAIT2",
    "TIME_WAIT",
    "CLOSE",
    "CLOSE_WAIT",
    "LAST_ACK",
    "LISTEN",
    "CLOSING",
    "NEW_SYN_RECV",
];

impl TcpState {
    pub const ESTABLISHED: TcpState = TcpState(1);
    pub const SYN_SENT: TcpState = TcpState(2);
    pub const TIME_WAIT: TcpState = TcpState(6);
    pub const CLOSE: TcpState = TcpState(7);
    pub const LISTEN: TcpState = TcpState(10);
    pub const SYN_RECV: TcpState = TcpState(3);

    pub fn name(self) -> &'static str {
        match TCP_STATE_NAMES.get(usize::from(self.0)) {
            Some(name) if self.0 != 0 => name,
            _ => "UNKNOWN",
        }
    }

    /// Parses a state name as the user may type it: `FIN_WAIT2`, `fin_wait2`,
    /// `fin-wait-2`, `FIN-WAIT-2`.
    pub fn from_name(text: &str) -> Option<TcpState> {
        let folded: String = text
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (1..TCP_STATE_NAMES.len())
            .find(|&i| TCP_STATE_NAMES[i].replace('_', "") == folded)
            .map(|i| TcpState(i as u8))
    }

    /// Every state name, for completion and help.
    pub fn all_names() -> &'static [&'static str] {
        &TCP_STATE_NAMES[1..12]
    }

    /// True while the connection has (or is setting up) a peer.
    pub fn is_connected(self) -> bool {
        !matches!(self.0, 0 | 7 | 10)
    }
}

/// `Errno` as its symbolic name: `ECONNREFUSED`.
pub fn errno_name(errno: Errno) -> String {
    format!("{errno:?}")
}

/// What an errno means, in the language text is shown in: `Connection
/// refused` after `ECONNREFUSED` (`errno-NAME`; nix's words for an errno
/// socklab's messages do not have).
pub fn errno_meaning(errno: Errno) -> String {
    let id = format!("errno-{}", errno_name(errno));
    crate::i18n::lookup(&id).unwrap_or_else(|| errno.desc().to_string())
}

/// Finds an errno by its symbolic name (`ECONNREFUSED`, any case; `EWOULDBLOCK` = `EAGAIN`).
pub fn errno_from_name(name: &str) -> Option<Errno> {
    let upper = name.to_ascii_uppercase();
    let upper = if upper == "EWOULDBLOCK" {
        "EAGAIN".to_string()
    } else {
        upper
    };
    (1..200)
        .map(Errno::from_raw)
        .find(|e| *e != Errno::UnknownErrno && errno_name(*e) == upper)
}

/// Every errno name nix knows, for completion.
pub fn all_errno_names() -> Vec<String> {
    let mut names: Vec<String> = (1..200)
        .map(Errno::from_raw)
        .filter(|e| *e != Errno::UnknownErrno)
        .map(errno_name)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// `MSG_*` flags a user can pass to send/recv, by their short names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MsgFlag {
    pub short: &'static str,
    pub name: &'static str,
    pub value: libc::c_int,
}

/// Whether a word names a send or recv flag (short or C name).
pub fn is_msg_flag(word: &str) -> bool {
    SEND_FLAGS
        .iter()
        .chain(RECV_FLAGS)
        .any(|f| f.short.eq_ignore_ascii_case(word) || f.name.eq_ignore_ascii_case(word))
}

pub const SEND_FLAGS: &[MsgFlag] = &[
    MsgFlag {
        short: "dontwait",
        name: "MSG_DONTWAIT",
        value: libc::MSG_DONTWAIT,
    },
    MsgFlag {
        short: "more",
        name: "MSG_MORE",
        value: libc::MSG_MORE,
    },
    MsgFlag {
        short: "oob",
        name: "MSG_OOB",
        value: libc::MSG_OOB,
    },
    MsgFlag {
        short: "nosignal",
        name: "MSG_NOSIGNAL",
        value: libc::MSG_NOSIGNAL,
    },
];

pub const RECV_FLAGS: &[MsgFlag] = &[
    MsgFlag {
        short: "peek",
        name: "MSG_PEEK",
        value: libc::MSG_PEEK,
    },
    MsgFlag {
        short: "waitall",
        name: "MSG_WAITALL",
        value: libc::MSG_WAITALL,
    },
    MsgFlag {
        short: "dontwait",
        name: "MSG_DONTWAIT",
        value: libc::MSG_DONTWAIT,
    },
    MsgFlag {
        short: "trunc",
        name: "MSG_TRUNC",
        value: libc::MSG_TRUNC,
    },
    MsgFlag {
        short: "oob",
        name: "MSG_OOB",
        value: libc::MSG_OOB,
    },
];

/// Renders a flag word as `MSG_PEEK|MSG_DONTWAIT`, or `0`.
pub fn msg_flags(value: libc::c_int, table: &[MsgFlag]) -> String {
    MsgFlags(value, table).to_string()
}

/// `msg_flags` as a `Display`, written straight into the call's text.
pub struct MsgFlags<'a>(pub libc::c_int, pub &'a [MsgFlag]);

impl MsgFlags<'_> {
    /// Writes `0`, or the flags' names joined by `|` (unknown bits in hex).
    pub fn write_to(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        let MsgFlags(value, table) = *self;
        if value == 0 {
            return out.write_str("0");
        }
        let mut rest = value;
        let mut first = true;
        for flag in table.iter().filter(|flag| value & flag.value != 0) {
            out.write_str(if first { "" } else { "|" })?;
            out.write_str(flag.name)?;
            rest &= !flag.value;
            first = false;
        }
        if rest != 0 {
            write!(out, "{}{rest:#x}", if first { "" } else { "|" })?;
        }
        Ok(())
    }
}

impl std::fmt::Display for MsgFlags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_to(f)
    }
}

/// Poll events socklab asks for and reports, in the order it prints them.
pub const POLL_EVENTS: &[(&str, libc::c_short)] = &[
    ("POLLIN", libc::POLLIN),
    ("POLLPRI", libc::POLLPRI),
    ("POLLOUT", libc::POLLOUT),
    ("POLLRDHUP", libc::POLLRDHUP),
    ("POLLERR", libc::POLLERR),
    ("POLLHUP", libc::POLLHUP),
    ("POLLNVAL", libc::POLLNVAL),
];

/// The names of the bits set in `revents`.
pub fn poll_event_names(revents: libc::c_short) -> Vec<&'static str> {
    POLL_EVENTS
        .iter()
        .filter(|(_, bit)| revents & bit != 0)
        .map(|(name, _)| *name)
        .collect()
}

/// `AF_INET`, `AF_INET6`, `AF_UNIX`, or the number.
pub fn domain_name(domain: socket2::Domain) -> String {
    match domain {
        socket2::Domain::IPV4 => "AF_INET".into(),
        socket2::Domain::IPV6 => "AF_INET6".into(),
        socket2::Domain::UNIX => "AF_UNIX".into(),
        other => format!("{}", libc::c_int::from(other)),
    }
}

/// `SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_SEQPACKET`, or the number.
pub fn type_name(value: libc::c_int) -> String {
    match value {
        libc::SOCK_STREAM => "SOCK_STREAM".into(),
        libc::SOCK_DGRAM => "SOCK_DGRAM".into(),
        libc::SOCK_SEQPACKET => "SOCK_SEQPACKET".into(),
        libc::SOCK_RAW => "SOCK_RAW".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_state_names_round_trip() {
        let cases = [
            (1, "ESTABLISHED"),
            (2, "SYN_SENT"),
            (3, "SYN_RECV"),
            (4, "FIN_WAIT1"),
            (5, "FIN_WAIT2"),
            (6, "TIME_WAIT"),
            (7, "CLOSE"),
            (8, "CLOSE_WAIT"),
            (9, "LAST_ACK"),
            (10, "LISTEN"),
            (11, "CLOSING"),
        ];
        for (value, name) in cases {
            assert_eq!(TcpState(value).name(), name, "state {value}");
            assert_eq!(TcpState::from_name(name), Some(TcpState(value)), "{name}");
        }
        assert_eq!(TcpState(0).name(), "UNKNOWN");
        assert_eq!(TcpState(99).name(), "UNKNOWN");
        assert_eq!(TcpState::from_name("fin-wait-2"), Some(TcpState(5)));
        assert_eq!(TcpState::from_name("finwait"), None);
    }

    #[test]
    fn errno_names_both_ways() {
        let cases = [
            (Errno::ECONNREFUSED, "ECONNREFUSED"),
            (Errno::EADDRINUSE, "EADDRINUSE"),
            (Errno::EAGAIN, "EAGAIN"),
            (Errno::EPIPE, "EPIPE"),
            (Errno::ECONNRESET, "ECONNRESET"),
        ];
        for (errno, name) in cases {
            assert_eq!(errno_name(errno), name);
            assert_eq!(errno_from_name(name), Some(errno));
            assert_eq!(errno_from_name(&name.to_lowercase()), Some(errno));
        }
        assert_eq!(errno_from_name("EWOULDBLOCK"), Some(Errno::EAGAIN));
        assert_eq!(errno_from_name("ENOTANERRNO"), None);
    }

    #[test]
    fn flags_print_as_names_with_numeric_fallback() {
        assert_eq!(msg_flags(0, RECV_FLAGS), "0");
        assert_eq!(
            msg_flags(libc::MSG_PEEK | libc::MSG_DONTWAIT, RECV_FLAGS),
            "MSG_PEEK|MSG_DONTWAIT"
        );
        assert_eq!(msg_flags(0x10000000, RECV_FLAGS), "0x10000000");
        assert_eq!(
            poll_event_names(libc::POLLIN | libc::POLLOUT),
            ["POLLIN", "POLLOUT"]
        );
        assert_eq!(domain_name(socket2::Domain::IPV6), "AF_INET6");
        assert_eq!(domain_name(socket2::Domain::from(17)), "17");
        assert_eq!(type_name(libc::SOCK_DGRAM), "SOCK_DGRAM");
        assert_eq!(type_name(42), "42");
    }
}
