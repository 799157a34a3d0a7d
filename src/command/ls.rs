//! `ls`: the handle table, read fresh from the kernel.

use std::os::fd::AsFd;

use serde_json::json;

use super::{Group, Spec};
use crate::address;
use crate::names::TcpState;
use crate::session::{Handle, Session};
use crate::step::Step;
use crate::sys::{self, QueueIoctl};

pub const SPEC: Spec = Spec {
    name: "ls",
    usage: "ls",
    syscall: "",
    summary: "List the handles: name, fd, kind, local address, peer, TCP state, bytes queued in and out, flags.",
    notes: "RECV-Q is FIONREAD (bytes waiting to be read), SEND-Q is SIOCOUTQ (bytes not yet \
            acknowledged). Flags: nonblock, shut-rd, shut-wr. `*` marks the current handle.",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
};

struct Row {
    cells: Vec<String>,
}

fn row(handle: &Handle, current: bool, lab: bool) -> Row {
    let fd = handle.socket.as_fd();
    let local = handle.socket.local_addr().map(|a| address::display(&a));
    let peer = handle.socket.peer_addr().map(|a| address::display(&a));
    let queue = |which| sys::queue_ioctl(fd, which).map_or("-".to_string(), |n| n.to_string());
    // Read now, as everything else in the row is (the step's own state
    // lines, read after it, then agree with the table).
    let state = match handle.kind.is_tcp() {
        true => sys::tcp_info(fd).ok().map(|info| TcpState(info.tcpi_state)),
        false => None,
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
            format!("{marker}{}", handle.name),
            handle.fd().to_string(),
            handle.kind.name().to_string(),
            local.unwrap_or_else(|_| "-".into()),
            peer.unwrap_or_else(|_| "-".into()),
            state.map_or("-", |s| s.name()).to_string(),
            queue(QueueIoctl::Fionread),
            queue(QueueIoctl::Siocoutq),
            if flags.is_empty() {
                "-".into()
            } else {
                flags.join(",")
            },
        ],
    };
    if lab {
        // In the lab: the host whose network the socket lives in.
        row.cells
            .insert(3, handle.host.map_or("-", |h| h.name()).to_string());
    }
    row
}

pub fn execute(session: &mut Session) -> Step {
    let mut step = Step::new(SPEC.name, None);
    let current = session.current_name().map(str::to_string);
    let lab = session.lab().is_some();
    let rows: Vec<Row> = session
        .handles()
        .map(|h| row(h, current.as_deref() == Some(h.name.as_str()), lab))
        .collect();
    if rows.is_empty() {
        step.lines
            .push("no handles — create one with: socket tcp".into());
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
    let format_row = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    step.lines.push(format_row(header.clone()));
    let mut table = Vec::new();
    for row in &rows {
        step.lines
            .push(format_row(row.cells.iter().map(String::as_str).collect()));
        let mut object = serde_json::Map::new();
        for (name, cell) in header.iter().zip(&row.cells) {
            let key = name.to_ascii_lowercase().replace('-', "_");
            let value = if key == "name" {
                cell.trim_start_matches(['*', ' '])
            } else {
                cell.as_str()
            };
            object.insert(key, json!(value));
        }
        table.push(serde_json::Value::Object(object));
    }
    step.field("handles", table);
    step
}
