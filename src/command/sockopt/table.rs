//! The socket options socklab knows: each one's C name, short name, level,
//! kind of value, whether it can be set, and what it is for. The one place
//! options are described: help, completion, `setsockopt` and `getsockopt`
//! read it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptKind {
    Bool,
    Int,
    /// A whole number of seconds (or a duration that is one).
    Seconds,
    /// A whole number of milliseconds (or a duration that is one).
    Millis,
    /// A `struct timeval`: a duration (bare: seconds).
    Timeout,
    Linger,
    Errno,
    SockType,
}

#[derive(Debug, Clone)]
pub struct OptSpec {
    pub name: &'static str,
    pub short: &'static str,
    pub level: &'static str,
    pub kind: OptKind,
    pub writable: bool,
    pub note: &'static str,
}

const fn opt(
    name: &'static str,
    short: &'static str,
    level: &'static str,
    kind: OptKind,
    note: &'static str,
) -> OptSpec {
    OptSpec {
        name,
        short,
        level,
        kind,
        writable: true,
        note,
    }
}

const fn read_only(
    name: &'static str,
    short: &'static str,
    kind: OptKind,
    note: &'static str,
) -> OptSpec {
    OptSpec {
        name,
        short,
        level: "SOL_SOCKET",
        kind,
        writable: false,
        note,
    }
}

pub const OPTIONS: &[OptSpec] = &[
    opt(
        "SO_REUSEADDR",
        "reuseaddr",
        "SOL_SOCKET",
        OptKind::Bool,
        "bind even while an old connection on the port is in TIME_WAIT",
    ),
    opt(
        "SO_REUSEPORT",
        "reuseport",
        "SOL_SOCKET",
        OptKind::Bool,
        "let several sockets bind the same address and port (all must set it)",
    ),
    opt(
        "SO_KEEPALIVE",
        "keepalive",
        "SOL_SOCKET",
        OptKind::Bool,
        "probe an idle TCP connection (after TCP_KEEPIDLE seconds)",
    ),
    opt(
        "SO_BROADCAST",
        "broadcast",
        "SOL_SOCKET",
        OptKind::Bool,
        "allow sending UDP to a broadcast address",
    ),
    opt(
        "SO_RCVBUF",
        "rcvbuf",
        "SOL_SOCKET",
        OptKind::Int,
        "receive buffer size; Linux doubles the value set (room for its bookkeeping), so 4096 reads back as 8192, and applies a minimum",
    ),
    opt(
        "SO_SNDBUF",
        "sndbuf",
        "SOL_SOCKET",
        OptKind::Int,
        "send buffer size; Linux doubles the value set, as for SO_RCVBUF",
    ),
    opt(
        "SO_RCVTIMEO",
        "rcvtimeo",
        "SOL_SOCKET",
        OptKind::Timeout,
        "a blocking receive (or accept) gives up with EAGAIN after this long; 0 or off: wait forever",
    ),
    opt(
        "SO_SNDTIMEO",
        "sndtimeo",
        "SOL_SOCKET",
        OptKind::Timeout,
        "a blocking send (or connect) gives up after this long; 0 or off: wait forever",
    ),
    opt(
        "SO_LINGER",
        "linger",
        "SOL_SOCKET",
        OptKind::Linger,
        "`off`, or how long close waits for unsent data, in seconds (2, or 2s); SO_LINGER 0 makes close send RST at once",
    ),
    read_only(
        "SO_ERROR",
        "error",
        OptKind::Errno,
        "the pending error, cleared by reading it: how a nonblocking connect ended",
    ),
    read_only(
        "SO_TYPE",
        "type",
        OptKind::SockType,
        "SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET",
    ),
    read_only(
        "SO_ACCEPTCONN",
        "acceptconn",
        OptKind::Bool,
        "1 when the socket is listening",
    ),
    opt(
        "TCP_NODELAY",
        "nodelay",
        "IPPROTO_TCP",
        OptKind::Bool,
        "send small segments at once instead of waiting (turns off Nagle's algorithm)",
    ),
    opt(
        "TCP_CORK",
        "cork",
        "IPPROTO_TCP",
        OptKind::Bool,
        "hold partial segments until uncorked (or 200 ms)",
    ),
    opt(
        "TCP_MAXSEG",
        "maxseg",
        "IPPROTO_TCP",
        OptKind::Int,
        "the maximum segment size",
    ),
    opt(
        "TCP_KEEPIDLE",
        "keepidle",
        "IPPROTO_TCP",
        OptKind::Seconds,
        "idleness before the first keepalive probe, in seconds: 5, or 5s, 2min",
    ),
    opt(
        "TCP_KEEPINTVL",
        "keepintvl",
        "IPPROTO_TCP",
        OptKind::Seconds,
        "time between keepalive probes, in seconds: 1, or 1s",
    ),
    opt(
        "TCP_KEEPCNT",
        "keepcnt",
        "IPPROTO_TCP",
        OptKind::Int,
        "unanswered keepalive probes before the connection is given up (ETIMEDOUT)",
    ),
    opt(
        "TCP_USER_TIMEOUT",
        "usertimeout",
        "IPPROTO_TCP",
        OptKind::Millis,
        "how long sent data (or a keepalive probe) may stay unacknowledged before the connection is given up (ETIMEDOUT), in ms: 800, or 3s; 0: the kernel's retries decide",
    ),
    opt(
        "TCP_SYNCNT",
        "syncnt",
        "IPPROTO_TCP",
        OptKind::Int,
        "SYN retransmissions before connect gives up (ETIMEDOUT); overrides net.ipv4.tcp_syn_retries",
    ),
    opt(
        "TCP_WINDOW_CLAMP",
        "windowclamp",
        "IPPROTO_TCP",
        OptKind::Int,
        "the largest receive window this socket announces, in bytes",
    ),
    opt(
        "TCP_QUICKACK",
        "quickack",
        "IPPROTO_TCP",
        OptKind::Bool,
        "acknowledge at once instead of delaying the ACK (the kernel turns it off again by itself)",
    ),
    opt(
        "IP_RECVERR",
        "recverr",
        "IPPROTO_IP",
        OptKind::Bool,
        "report ICMP errors (unreachable, …) to the socket as they come, not only a later call's errno",
    ),
    opt(
        "IP_TTL",
        "ttl",
        "IPPROTO_IP",
        OptKind::Int,
        "the IPv4 time-to-live of outgoing packets",
    ),
    opt(
        "IP_TOS",
        "tos",
        "IPPROTO_IP",
        OptKind::Int,
        "the IPv4 type-of-service byte",
    ),
    opt(
        "IPV6_V6ONLY",
        "v6only",
        "IPPROTO_IPV6",
        OptKind::Bool,
        "an AF_INET6 socket takes IPv6 only, no IPv4-mapped peers",
    ),
];

/// An option by C name or short name, in any case.
pub fn find_option(text: &str) -> Option<&'static OptSpec> {
    OPTIONS
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case(text) || o.short.eq_ignore_ascii_case(text))
}

/// The unit a time-valued option's number counts, as shown after it.
pub fn unit_of(option: &OptSpec) -> &'static str {
    match option.kind {
        OptKind::Millis => "ms",
        _ => "s",
    }
}
