//! `setsockopt` and `getsockopt`: one option each, by C name or short name.
//!
//! The option table below is the one place options are described; each
//! option is read and written with socket2's (or nix's) wrapper for it,
//! which makes exactly one getsockopt(2)/setsockopt(2) call.

use std::io;
use std::os::fd::AsFd;
use std::time::Duration;

use nix::sys::socket::{getsockopt as nix_getsockopt, setsockopt as nix_setsockopt, sockopt};
use serde_json::{Value, json};
use socket2::Socket;

use super::action::{Action, boxed};
use super::option_value::{self, SetValue};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

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

const SET_ERRNOS: &[(&str, &str)] = &[
    (
        "ENOPROTOOPT",
        "this option does not apply to this kind of socket (a TCP option on UDP, say)",
    ),
    ("EINVAL", "the value is out of range for this option"),
];

/// getsockopt of an option of another protocol fails otherwise than setsockopt.
const GET_ERRNOS: &[(&str, &str)] = &[(
    "EOPNOTSUPP",
    "this option does not apply to this kind of socket (a TCP option on UDP, an IPv6 option on IPv4)",
)];

pub const SETSOCKOPT: Spec = Spec {
    name: "setsockopt",
    usage: "setsockopt [H] [LEVEL] OPTION VALUE",
    syscall: "setsockopt(2)",
    summary: "Set a socket option: booleans take on/off/1/0, sizes a number, times a duration (TCP_USER_TIMEOUT 3s, TCP_KEEPIDLE 5s, SO_RCVTIMEO 1.5s) or a bare number in the kernel's unit.",
    notes: "Options: those of the table (help options; help SO_REUSEADDR says what one \
            does and which lesson shows it), by C name or short name (reuseaddr, rcvbuf, …). A duration is \
            turned into the kernel's unit, which the call shows (TCP_USER_TIMEOUT 3s: 3000); one \
            that is not a whole number of it is refused (TCP_KEEPIDLE 1.5s). Read back with \
            getsockopt: Linux doubles SO_RCVBUF and SO_SNDBUF. The level may be written, as in \
            Python and C (setsockopt SOL_SOCKET SO_REUSEADDR 1); it is checked against the option's.",
    errnos: SET_ERRNOS,
    args: &[Arg::Handle, Arg::SockOpt, Arg::OptValue],
    creates: 0,
    group: Group::Options,
    background: false,
    parse: |c| boxed(Setsockopt::parse(c)),
};

pub const GETSOCKOPT: Spec = Spec {
    name: "getsockopt",
    usage: "getsockopt [H] [LEVEL] OPTION",
    syscall: "getsockopt(2)",
    summary: "Read a socket option as the kernel reports it (SO_RCVBUF 4096 reads back as 8192 on Linux).",
    notes: "Also the read-only SO_ERROR (reading it clears it), SO_TYPE and SO_ACCEPTCONN.",
    errnos: GET_ERRNOS,
    args: &[Arg::Handle, Arg::SockOpt],
    creates: 0,
    group: Group::Options,
    background: false,
    parse: |c| boxed(Getsockopt::parse(c)),
};

fn parse_option(cursor: &mut Cursor) -> Result<&'static OptSpec, UsageError> {
    // The level, as Python and C write it (setsockopt SOL_SOCKET
    // SO_REUSEADDR 1), is taken and checked: the option knows its own.
    let level = cursor
        .peek()
        .and_then(|t| level_name(t.text).map(|name| (t, name)));
    if level.is_some() {
        cursor.word("LEVEL")?;
    }
    let token = cursor.word("OPTION")?;
    if let (Some((level_token, level)), Some(option)) = (level, find_option(token.text))
        && !same_level(level, option.level)
    {
        return Err(cursor.error_at(
            level_token,
            format!(
                "{} is an option of level {}, not {level}",
                option.name, option.level
            ),
        ));
    }
    find_option(token.text).ok_or_else(|| {
        let names = OPTIONS.iter().flat_map(|o| [o.name, o.short]);
        let hint = match crate::suggest::nearest(token.text, names) {
            Some(near) => format!("unknown option '{}' — did you mean '{near}'?", token.text),
            None => format!(
                "unknown option '{}' — `help setsockopt` lists them",
                token.text
            ),
        };
        cursor.error_at(token, hint)
    })
}

/// A level's canonical name, for `SOL_SOCKET`, `socket.SOL_SOCKET`,
/// `IPPROTO_TCP`, `SOL_TCP` …
fn level_name(word: &str) -> Option<&'static str> {
    let word = word.trim_end_matches(',');
    let word = word
        .strip_prefix("socket.")
        .unwrap_or(word)
        .to_ascii_uppercase();
    match word.as_str() {
        "SOL_SOCKET" => Some("SOL_SOCKET"),
        "IPPROTO_TCP" | "SOL_TCP" => Some("IPPROTO_TCP"),
        "IPPROTO_IP" | "SOL_IP" => Some("IPPROTO_IP"),
        "IPPROTO_IPV6" | "SOL_IPV6" => Some("IPPROTO_IPV6"),
        _ => None,
    }
}

fn same_level(given: &str, option_level: &str) -> bool {
    given == option_level
        || (given == "IPPROTO_TCP" && option_level == "SOL_TCP")
        || (given == "IPPROTO_IP" && option_level == "SOL_IP")
        || (given == "IPPROTO_IPV6" && option_level == "SOL_IPV6")
}

/// `1.5s`, `200ms`, `2` (seconds), `0`/`off` (none).
pub fn parse_duration(text: &str) -> Option<Duration> {
    crate::duration::parse(text)
}

fn set(socket: &Socket, option: &OptSpec, value: SetValue) -> io::Result<()> {
    use SetValue::*;
    match (option.name, value) {
        ("SO_REUSEADDR", Bool(on)) => socket.set_reuse_address(on),
        ("SO_REUSEPORT", Bool(on)) => socket.set_reuse_port(on),
        ("SO_KEEPALIVE", Bool(on)) => socket.set_keepalive(on),
        ("SO_BROADCAST", Bool(on)) => socket.set_broadcast(on),
        ("SO_RCVBUF", Int(n)) => socket.set_recv_buffer_size(n as usize),
        ("SO_SNDBUF", Int(n)) => socket.set_send_buffer_size(n as usize),
        ("SO_RCVTIMEO", Time(t)) => socket.set_read_timeout(t),
        ("SO_SNDTIMEO", Time(t)) => socket.set_write_timeout(t),
        ("SO_LINGER", Time(t)) => socket.set_linger(t),
        ("TCP_NODELAY", Bool(on)) => socket.set_tcp_nodelay(on),
        ("TCP_CORK", Bool(on)) => socket.set_tcp_cork(on),
        ("TCP_MAXSEG", Int(n)) => socket.set_tcp_mss(n),
        ("TCP_KEEPIDLE", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepIdle, &n).map_err(io::Error::from)
        }
        ("TCP_KEEPINTVL", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepInterval, &n).map_err(io::Error::from)
        }
        ("TCP_KEEPCNT", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepCount, &n).map_err(io::Error::from)
        }
        ("TCP_USER_TIMEOUT", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpUserTimeout, &n).map_err(io::Error::from)
        }
        ("TCP_SYNCNT", Int(n)) => crate::sys::set_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_SYNCNT,
            n as libc::c_int,
        )
        .map_err(io::Error::from),
        ("TCP_QUICKACK", Bool(on)) => socket.set_tcp_quickack(on),
        ("TCP_WINDOW_CLAMP", Int(n)) => crate::sys::set_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_WINDOW_CLAMP,
            n as libc::c_int,
        )
        .map_err(io::Error::from),
        ("IP_RECVERR", Bool(on)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::Ipv4RecvErr, &on).map_err(io::Error::from)
        }
        ("IP_TTL", Int(n)) => socket.set_ttl_v4(n),
        ("IP_TOS", Int(n)) => socket.set_tos_v4(n),
        ("IPV6_V6ONLY", Bool(on)) => socket.set_only_v6(on),
        _ => Err(io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    }
}

/// The value read, as JSON (the contract) and as text for a person.
fn get(socket: &Socket, option: &OptSpec) -> io::Result<(Value, String)> {
    let flag = |on: bool| {
        (
            json!(u8::from(on)),
            format!("{} ({})", u8::from(on), if on { "on" } else { "off" }),
        )
    };
    let int = |n: u64| (json!(n), n.to_string());
    // A time in the kernel's unit: the number, and its unit for a person.
    let count = |n: u64| (json!(n), format!("{n} {}", unit_of(option)));
    let time = |t: Option<Duration>| {
        let t = t.unwrap_or_default();
        let shown = if t.is_zero() {
            "0 (none)".to_string()
        } else {
            format!("{t:?}")
        };
        (json!(t.as_secs_f64()), shown)
    };
    Ok(match option.name {
        "SO_REUSEADDR" => flag(socket.reuse_address()?),
        "SO_REUSEPORT" => flag(socket.reuse_port()?),
        "SO_KEEPALIVE" => flag(socket.keepalive()?),
        "SO_BROADCAST" => flag(socket.broadcast()?),
        "SO_RCVBUF" => int(socket.recv_buffer_size()? as u64),
        "SO_SNDBUF" => int(socket.send_buffer_size()? as u64),
        "SO_RCVTIMEO" => time(socket.read_timeout()?),
        "SO_SNDTIMEO" => time(socket.write_timeout()?),
        "SO_LINGER" => match socket.linger()? {
            None => (json!({"l_onoff": 0, "l_linger": 0}), "off".into()),
            Some(d) => (
                json!({"l_onoff": 1, "l_linger": d.as_secs()}),
                format!("on, {} s", d.as_secs()),
            ),
        },
        "SO_ERROR" => match socket.take_error()? {
            None => (json!(0), "0 (no error)".into()),
            Some(error) => {
                let errno = crate::session::errno_of(&error);
                (
                    json!(names::errno_name(errno)),
                    format!("{} ({})", names::errno_name(errno), errno.desc()),
                )
            }
        },
        "SO_TYPE" => {
            let value = libc::c_int::from(socket.r#type()?);
            (json!(value), names::type_name(value))
        }
        "SO_ACCEPTCONN" => flag(socket.is_listener()?),
        "TCP_NODELAY" => flag(socket.tcp_nodelay()?),
        "TCP_CORK" => flag(socket.tcp_cork()?),
        "TCP_MAXSEG" => int(u64::from(socket.tcp_mss()?)),
        "TCP_KEEPIDLE" => count(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepIdle)? as u64),
        "TCP_KEEPINTVL" => count(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepInterval)? as u64),
        "TCP_KEEPCNT" => int(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepCount)? as u64),
        "TCP_USER_TIMEOUT" => {
            count(nix_getsockopt(&socket.as_fd(), sockopt::TcpUserTimeout)? as u64)
        }
        "TCP_SYNCNT" => int(crate::sys::get_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_SYNCNT,
        )? as u64),
        "TCP_QUICKACK" => flag(socket.tcp_quickack()?),
        "TCP_WINDOW_CLAMP" => int(crate::sys::get_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_WINDOW_CLAMP,
        )? as u64),
        "IP_RECVERR" => flag(nix_getsockopt(&socket.as_fd(), sockopt::Ipv4RecvErr)?),
        "IP_TTL" => int(u64::from(socket.ttl_v4()?)),
        "IP_TOS" => int(u64::from(socket.tos_v4()?)),
        "IPV6_V6ONLY" => flag(socket.only_v6()?),
        _ => return Err(io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    })
}

/// The unit a time-valued option's number counts, as shown after it.
fn unit_of(option: &OptSpec) -> &'static str {
    match option.kind {
        OptKind::Millis => "ms",
        _ => "s",
    }
}

#[derive(Debug, Clone)]
pub struct Setsockopt {
    handle: String,
    option: &'static OptSpec,
    value: SetValue,
}

impl Setsockopt {
    pub fn parse(cursor: &mut Cursor) -> Result<Setsockopt, UsageError> {
        let handle = cursor.handle()?;
        let option = parse_option(cursor)?;
        let token = cursor.word("VALUE")?;
        let value = option_value::parse(cursor, option, token)?;
        cursor.finish()?;
        Ok(Setsockopt {
            handle,
            option,
            value,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SETSOCKOPT.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!(
            "setsockopt({}, {}, {}, {})",
            self.handle,
            self.option.level,
            self.option.name,
            option_value::show(self.option, self.value)
        );
        let result = set(&handle.socket, self.option, self.value).map(|_| 0);
        session.record_call(&mut step, call, result, false);
        session.set_current(&self.handle);
        Ok(step)
    }
}

#[derive(Debug, Clone)]
pub struct Getsockopt {
    handle: String,
    option: &'static OptSpec,
}

impl Getsockopt {
    pub fn parse(cursor: &mut Cursor) -> Result<Getsockopt, UsageError> {
        let handle = cursor.handle()?;
        let option = parse_option(cursor)?;
        cursor.finish()?;
        Ok(Getsockopt { handle, option })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(GETSOCKOPT.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!(
            "getsockopt({}, {}, {})",
            self.handle, self.option.level, self.option.name
        );
        match get(&handle.socket, self.option) {
            Ok((value, shown)) => {
                session.record_call(&mut step, call, Ok(0), false);
                step.value = Some(Box::new(value));
                step.say(format!("value: {shown}"));
            }
            Err(error) => session.record_call(&mut step, call, Err(error), false),
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Setsockopt {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

impl Action for Getsockopt {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases = [
            ("1.5s", Some(1500)),
            ("200ms", Some(200)),
            ("2", Some(2000)),
            ("0", Some(0)),
            ("off", Some(0)),
            ("-1s", None),
            ("fast", None),
            ("1e99", None),
        ];
        for (text, ms) in cases {
            assert_eq!(
                parse_duration(text).map(|d| d.as_millis() as u64),
                ms,
                "{text}"
            );
        }
    }

    #[test]
    fn options_by_either_name() {
        assert_eq!(find_option("SO_REUSEADDR").unwrap().short, "reuseaddr");
        assert_eq!(find_option("reuseaddr").unwrap().name, "SO_REUSEADDR");
        assert_eq!(find_option("Rcvbuf").unwrap().name, "SO_RCVBUF");
        assert!(find_option("SO_NOTHING").is_none());
        for option in OPTIONS {
            assert!(
                option.name.contains('_') && !option.short.is_empty(),
                "{}",
                option.name
            );
        }
    }
}
