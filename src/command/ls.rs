//! `ls`: the handle table, read fresh from the kernel.

use std::borrow::Cow;
use std::os::fd::AsFd;

use serde_json::json;

use super::action::{Action, boxed};
use super::{Group, Spec};
use crate::address;
use crate::error::UsageError;
use crate::kernel_table::Transport;
use crate::kind::Kind;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::{Handle, ProgramSocket, Session};
use crate::step::{Line, Step};
use crate::sys::{self, QueueIoctl};

pub const SPEC: Spec = Spec {
    name: "ls",
    usage: "ls",
    syscall: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Ls::parse(c)),
};

/// A row's cells: most are fixed words ("-", a state's name), borrowed.
struct Row {
    cells: Vec<Cow<'static, str>>,
}

/// TCP states whose answers to getpeername and the queue ioctls the kernel
/// gives without looking further (net/ipv4/af_inet.c `inet_getname`,
/// net/ipv4/tcp.c `tcp_ioctl`), so `ls` need not ask: with thousands of
/// handles, every call saved is milliseconds.
const SYN_SENT: TcpState = TcpState(2);
const SYN_RECV: TcpState = TcpState(3);

/// getpeername: ENOTCONN in CLOSE and SYN_SENT, and with no peer port
/// (LISTEN).
fn has_no_peer(state: Option<TcpState>) -> bool {
    matches!(state, Some(TcpState::CLOSE | TcpState::LISTEN | SYN_SENT))
}

/// FIONREAD and SIOCOUTQ: EINVAL on a listener, 0 before the handshake ends.
fn known_queue(state: Option<TcpState>) -> Option<&'static str> {
    match state {
        Some(TcpState::LISTEN) => Some("-"),
        Some(SYN_SENT | SYN_RECV) => Some("0"),
        _ => None,
    }
}

fn row(handle: &Handle, state: Option<TcpState>, current: bool, lab: bool) -> Row {
    let fd = handle.socket.as_fd();
    let local = handle.socket.local_addr().map(|a| address::display(&a));
    let peer: Cow<'static, str> = match has_no_peer(state) {
        true => "-".into(),
        false => handle
            .socket
            .peer_addr()
            .map_or_else(|_| "-".into(), |a| address::display(&a).into()),
    };
    let queue = |which| -> Cow<'static, str> {
        match known_queue(state) {
            Some(known) => known.into(),
            None => match sys::queue_ioctl(fd, which) {
                Ok(0) => "0".into(),
                Ok(n) => n.to_string().into(),
                Err(_) => "-".into(),
            },
        }
    };
    let mut flags = Vec::new();
    if handle.nonblocking {
        flags.push("nonblock");
    }
    if handle.shut_read {
        flags.push("shut-rd");
    }
    if handle.shut_write {
        flags.push("shut-wr");
    }
    let marker = if current { "*" } else { " " };
    let mut row = Row {
        cells: vec![
            format!("{marker}{}", handle.name).into(),
            handle.fd().to_string().into(),
            handle.kind.name().into(),
            local.map_or_else(|_| "-".into(), Cow::Owned),
            peer,
            state.map_or("-", |s| s.name()).into(),
            queue(QueueIoctl::Fionread),
            queue(QueueIoctl::Siocoutq),
            if flags.is_empty() {
                "-".into()
            } else {
                flags.join(",").into()
            },
        ],
    };
    if lab {
        // In the lab: the host whose network the socket lives in.
        row.cells
            .insert(3, handle.host.map_or("-", |h| h.name()).into());
    }
    row
}

/// A spawned program's socket: read-only, its queues not asked (socklab
/// holds no fd of it).
fn program_row(socket: &ProgramSocket, lab: bool) -> Row {
    let kind = match (socket.transport, socket.local.is_ipv6()) {
        (Transport::Tcp, false) => Kind::Tcp,
        (Transport::Tcp, true) => Kind::Tcp6,
        (Transport::Udp, false) => Kind::Udp,
        (Transport::Udp, true) => Kind::Udp6,
    };
    let state = match socket.transport {
        Transport::Tcp => socket.state.name(),
        Transport::Udp => "-",
    };
    let mut row = Row {
        cells: vec![
            format!(" {}", socket.name).into(),
            socket.fd.to_string().into(),
            kind.name().into(),
            address::display(&socket.local.into()).into(),
            socket
                .peer
                .map_or_else(|| "-".into(), |p| address::display(&p.into()).into()),
            state.into(),
            "-".into(),
            "-".into(),
            "read-only".into(),
        ],
    };
    if lab {
        row.cells
            .insert(3, socket.host.map_or("-", |h| h.name()).into());
    }
    row
}

#[derive(Debug, Clone)]
pub struct Ls;

impl Ls {
    pub fn parse(cursor: &mut Cursor) -> Result<Ls, UsageError> {
        cursor.finish()?;
        Ok(Ls)
    }
}

impl Action for Ls {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        let mut step = execute(session);
        // The data names, after the handles (none: nothing said).
        let kept: Vec<(String, usize)> = session
            .data_list()
            .map(|(name, bytes)| (name.to_string(), bytes))
            .collect();
        if !kept.is_empty() {
            let fields: serde_json::Map<String, serde_json::Value> = kept
                .iter()
                .map(|(name, bytes)| (name.clone(), json!(bytes)))
                .collect();
            step.field("data_names", fields);
            step.lines.push(Line::DataNames(kept));
        }
        Ok(step)
    }
}

fn execute(session: &mut Session) -> Step {
    let mut step = Step::new(SPEC.name, None);
    let current = session.current_name().map(str::to_string);
    let lab = session.lab().is_some();
    // The state as it is now, as everything else in the row is (the step's
    // own state lines, read after it, then agree with the table).
    let states = session.tcp_states_now();
    let mut rows: Vec<Row> = session
        .handles()
        .zip(states)
        .map(|(h, state)| row(h, state, current.as_deref() == Some(h.name.as_str()), lab))
        .collect();
    rows.extend(
        session
            .program_sockets()
            .iter()
            .map(|s| program_row(s, lab)),
    );
    if rows.is_empty() {
        step.lines.push(Line::NoHandles);
        step.field("handles", json!([]));
        return step;
    }
    let mut header = vec![
        "NAME", "FD", "KIND", "LOCAL", "PEER", "STATE", "RECV-Q", "SEND-Q", "FLAGS",
    ];
    if lab {
        header.insert(3, "HOST");
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(&row.cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let format_row = |cells: &mut dyn Iterator<Item = &str>| {
        let mut line = String::with_capacity(widths.iter().sum::<usize>() + 2 * widths.len());
        for (cell, width) in cells.zip(&widths) {
            line.push_str(cell);
            let pad = width.saturating_sub(cell.chars().count()) + 2;
            line.extend(std::iter::repeat_n(' ', pad));
        }
        line.truncate(line.trim_end().len());
        line
    };
    step.say(format_row(&mut header.iter().copied()));
    if !session.structured() {
        step.lines.extend(
            rows.iter()
                .map(|row| Line::Text(format_row(&mut row.cells.iter().map(|c| c.as_ref())))),
        );
        return step;
    }
    let keys: Vec<String> = header
        .iter()
        .map(|name| name.to_ascii_lowercase().replace('-', "_"))
        .collect();
    let mut table = Vec::with_capacity(rows.len());
    for row in rows {
        step.say(format_row(&mut row.cells.iter().map(|c| c.as_ref())));
        let mut object = serde_json::Map::with_capacity(keys.len());
        for (key, cell) in keys.iter().zip(row.cells) {
            let mut cell = cell.into_owned();
            if key == "name" {
                cell.drain(..1);
            }
            object.insert(key.clone(), serde_json::Value::String(cell));
        }
        table.push(serde_json::Value::Object(object));
    }
    step.field("handles", table);
    step
}
