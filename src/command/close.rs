//! `close [H]`: close(2); the handle leaves the table.

use std::os::fd::AsFd;
use std::os::fd::IntoRawFd;
use std::sync::Arc;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Note, ResetReason, StateChange, Step};

pub const SPEC: Spec = Spec {
    name: "close",
    usage: "close [H]",
    syscall: "close(2)",
    errnos: &["EBADF"],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Close::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Close {
    handle: String,
}

/// Why closing this connected TCP socket sends RST instead of FIN, if it
/// does: unread data, or SO_LINGER with a zero timeout.
fn reset_reason(socket: &socket2::Socket, state: Option<TcpState>) -> Option<ResetReason> {
    if !state.is_some_and(TcpState::is_connected) {
        return None;
    }
    let unread =
        crate::sys::queue_ioctl(socket.as_fd(), crate::sys::QueueIoctl::Fionread).unwrap_or(0);
    if unread > 0 {
        return Some(ResetReason::Unread(unread));
    }
    match socket.linger() {
        Ok(Some(timeout)) if timeout.is_zero() => Some(ResetReason::LingerZero),
        _ => None,
    }
}

impl Close {
    pub fn parse(cursor: &mut Cursor) -> Result<Close, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Close { handle })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        session.lookup(&self.handle)?;
        for job in session.jobs.stop_using(&self.handle) {
            step.lines.push(Line::JobStoppedByClose {
                id: job,
                handle: self.handle.clone(),
            });
        }
        let handle = session.remove(&self.handle).ok_or_else(|| {
            UsageError::new(crate::worded!(
                "error-no-handle-named",
                handle = self.handle.as_str()
            ))
        })?;
        let (state, tuple, host) = (handle.state, handle.tuple, handle.host);
        // Every worker using the socket was stopped and joined: the table
        // holds the only reference, so this is the close that frees the fd.
        let socket = Arc::try_unwrap(handle.socket).map_err(|_| {
            UsageError::new(crate::worded!(
                "error-close-shared",
                handle = self.handle.as_str()
            ))
        })?;
        let reset = reset_reason(&socket, state);
        // What a time-wait socket keeps of it, for a bind over it later.
        let reuse = socket.reuse_address().ok();
        let fd = socket.into_raw_fd();
        let result = nix::unistd::close(fd).map(|_| 0);
        if result.is_ok()
            && let Some(reason) = reset
        {
            step.notes.push(Note::ResetOnClose(reason));
        }
        step.called(format!("close({})", self.handle), result);
        let Some(before) = state else {
            return Ok(step);
        };
        // A connection the kernel keeps is read once, with every other state,
        // when the step ends; anything else is gone now.
        match tuple {
            Some(tuple) if before.is_connected() => {
                session.add_ghost(&self.handle, tuple, before, host, reuse)
            }
            _ => step.changes.push(StateChange {
                handle: self.handle.clone(),
                from: Some(before),
                to: None,
                closed: false,
                when: None,
            }),
        }
        Ok(step)
    }
}

impl Action for Close {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
