//! `socket KIND` and `socketpair [KIND]`: socket(2) and socketpair(2).

use socket2::Socket as RawSocket;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::lab::Host;
use crate::names;
use crate::parse::Cursor;
use crate::session::{Kind, Session, errno_of};
use crate::step::Step;

pub const SOCKET: Spec = Spec {
    name: "socket",
    usage: "[NAME =] socket [tcp|udp|tcp6|udp6|unix|unix-dgram|unix-seqpacket]",
    syscall: "socket(2)",
    errnos: &["EMFILE", "EAFNOSUPPORT"],
    args: &[Arg::SocketKind],
    creates: 1,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Socket::parse(c)),
};

pub const SOCKETPAIR: Spec = Spec {
    name: "socketpair",
    usage: "[A, B =] socketpair [unix|unix-dgram|unix-seqpacket]",
    syscall: "socketpair(2)",
    errnos: &["EOPNOTSUPP"],
    args: &[Arg::PairKind],
    creates: 2,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Socketpair::parse(c)),
};

fn parse_kind(cursor: &mut Cursor, default: Kind, allowed: &[Kind]) -> Result<Kind, UsageError> {
    let Some(first) = cursor.peek() else {
        return Ok(default);
    };
    if constant(first.text).starts_with("AF_") {
        let kind = parse_python_kind(cursor)?;
        if !allowed.contains(&kind) {
            let choices: Vec<&str> = allowed.iter().map(|k| k.name()).collect();
            return Err(cursor.error_at(
                first,
                crate::worded!(
                    "error-socket-kind-not-here",
                    kind = kind.name(),
                    choices = choices.join(", ")
                ),
            ));
        }
        return Ok(kind);
    }
    let choices: Vec<&str> = allowed.iter().map(|k| k.name()).collect();
    let index = cursor.keyword("socket kind", &choices)?;
    cursor.finish()?;
    Ok(allowed[index])
}

/// `socket.AF_INET,` as `AF_INET`: the tutorials' spelling, upper-cased.
fn constant(word: &str) -> String {
    let word = word.trim_end_matches(',');
    word.strip_prefix("socket.")
        .unwrap_or(word)
        .to_ascii_uppercase()
}

/// `AF_INET SOCK_STREAM`, as the tutorials write `socket.socket(AF_INET,
/// SOCK_STREAM)`; the type defaults to SOCK_STREAM, as in Python.
fn parse_python_kind(cursor: &mut Cursor) -> Result<Kind, UsageError> {
    let family_token = cursor.word("AF_…")?;
    let family = constant(family_token.text);
    let kind_type = match cursor.peek() {
        Some(_) => {
            let token = cursor.word("SOCK_…")?;
            (constant(token.text), Some(token))
        }
        None => ("SOCK_STREAM".to_string(), None),
    };
    let kind = match (family.as_str(), kind_type.0.as_str()) {
        ("AF_INET", "SOCK_STREAM") => Kind::Tcp,
        ("AF_INET", "SOCK_DGRAM") => Kind::Udp,
        ("AF_INET6", "SOCK_STREAM") => Kind::Tcp6,
        ("AF_INET6", "SOCK_DGRAM") => Kind::Udp6,
        ("AF_UNIX", "SOCK_STREAM") => Kind::Unix,
        ("AF_UNIX", "SOCK_DGRAM") => Kind::UnixDgram,
        ("AF_UNIX", "SOCK_SEQPACKET") => Kind::UnixSeqpacket,
        ("AF_INET" | "AF_INET6" | "AF_UNIX", _) => {
            let token = kind_type.1.unwrap_or(family_token);
            return Err(cursor.error_at(
                token,
                crate::worded!("error-socket-type-unsupported", word = token.text),
            ));
        }
        _ => {
            return Err(cursor.error_at(
                family_token,
                crate::worded!("error-socket-family-unsupported", word = family_token.text),
            ));
        }
    };
    cursor.finish()?;
    Ok(kind)
}

fn type_and_call(kind: Kind) -> String {
    format!(
        "{}, {}, 0",
        names::domain_name(kind.domain()),
        names::type_name(libc::c_int::from(kind.socket_type()))
    )
}

#[derive(Debug, Clone)]
pub struct Socket {
    kind: Kind,
    /// `@HOST`: the lab host whose network it is made in.
    host: Option<Host>,
}

impl Socket {
    pub fn parse(cursor: &mut Cursor) -> Result<Socket, UsageError> {
        let host = match cursor.take_trailing('@') {
            Some(token) => Some(Host::from_name(&token.text[1..]).ok_or_else(|| {
                cursor.error_at(
                    token,
                    crate::worded!("error-not-a-host", name = &token.text[1..]),
                )
            })?),
            None => None,
        };
        let kind = parse_kind(cursor, Kind::Tcp, &Kind::ALL)?;
        Ok(Socket { kind, host })
    }

    pub fn execute(self, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SOCKET.name, None);
        let call = format!("socket({})", type_and_call(self.kind));
        let host = self.host.or(session.default_host());
        let made = session.in_host(host, || {
            RawSocket::new_raw(self.kind.domain(), self.kind.socket_type(), None)
        })?;
        match made {
            Ok(socket) => {
                let fd = i64::from(std::os::fd::AsRawFd::as_raw_fd(&socket));
                let name = session.insert_on(names.into_iter().next(), socket, self.kind, host);
                step.called(call, Ok(fd));
                step.handle = Some(name.clone());
                step.new_handles.push(name);
            }
            Err(error) => step.called(call, Err(errno_of(&error))),
        }
        Ok(step)
    }
}

#[derive(Debug, Clone)]
pub struct Socketpair {
    kind: Kind,
}

const PAIR_KINDS: [Kind; 3] = [Kind::Unix, Kind::UnixDgram, Kind::UnixSeqpacket];

impl Socketpair {
    pub fn parse(cursor: &mut Cursor) -> Result<Socketpair, UsageError> {
        let kind = parse_kind(cursor, Kind::Unix, &PAIR_KINDS)?;
        Ok(Socketpair { kind })
    }

    pub fn execute(self, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SOCKETPAIR.name, None);
        let result = RawSocket::pair_raw(self.kind.domain(), self.kind.socket_type(), None);
        match result {
            Ok((a, b)) => {
                use std::os::fd::AsRawFd;
                let call = format!(
                    "socketpair({}, [{}, {}])",
                    type_and_call(self.kind),
                    a.as_raw_fd(),
                    b.as_raw_fd()
                );
                let mut names = names.into_iter();
                let first = session.insert(names.next(), a, self.kind);
                let second = session.insert(names.next(), b, self.kind);
                step.called(call, Ok(0));
                step.handle = Some(second.clone());
                step.new_handles = vec![first, second];
            }
            Err(error) => {
                let call = format!("socketpair({})", type_and_call(self.kind));
                step.called(call, Err(errno_of(&error)));
            }
        }
        Ok(step)
    }
}

impl Action for Socket {
    fn run(self: Box<Self>, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        self.execute(names, session)
    }
}

impl Action for Socketpair {
    fn run(self: Box<Self>, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        self.execute(names, session)
    }
}
