//! `recv` and `recvfrom`: recv(2) and recvfrom(2), once each.

use super::action::{Action, boxed};
use super::call_text::CallText;
use super::{Arg, Group, Spec};
use crate::address;
use crate::error::UsageError;
use crate::names::{self, RECV_FLAGS};
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Eof, Line, Note, Step};
use crate::sys;
use std::os::fd::AsFd;

/// The largest N a receive may ask for.
pub const MAX_RECV: u64 = 16 * 1024 * 1024;

pub const RECV: Spec = Spec {
    name: "recv",
    usage: "recv [H] [N] [peek|waitall|dontwait|trunc|oob]...",
    syscall: "recv(2)",
    errnos: &["EAGAIN", "ECONNRESET", "ENOTCONN", "ETIMEDOUT", "EINTR"],
    args: &[Arg::Handle, Arg::Number, Arg::RecvFlags],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Recv::parse(c)),
};

pub const RECVFROM: Spec = Spec {
    name: "recvfrom",
    usage: "recvfrom [H] [N] [peek|waitall|dontwait|trunc|oob]...",
    syscall: "recvfrom(2)",
    errnos: &["EAGAIN", "ECONNREFUSED", "EINTR"],
    args: &[Arg::Handle, Arg::Number, Arg::RecvFlags],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Recvfrom::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Recv {
    handle: String,
    len: usize,
    flags: libc::c_int,
    call: CallText,
}

fn parse_size_and_flags(cursor: &mut Cursor) -> Result<(String, usize, libc::c_int), UsageError> {
    let handle = cursor.handle()?;
    let len = cursor.optional_int("N", MAX_RECV)?.unwrap_or(1024) as usize;
    let flags = cursor.flags(RECV_FLAGS)?;
    Ok((handle, len, flags))
}

impl Recv {
    /// A plain `recv H N` (what a watcher calls in a loop).
    pub fn new(handle: String, len: usize) -> Recv {
        Recv {
            handle,
            len,
            flags: 0,
            call: CallText::default(),
        }
    }

    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Recv, UsageError> {
        let (handle, len, flags) = parse_size_and_flags(cursor)?;
        Ok(Recv {
            handle,
            len,
            flags,
            call: CallText::default(),
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(RECV.name, None);
        self.execute_into(session, &mut step)?;
        Ok(step)
    }

    /// `execute`, filling in a new step of this verb where it lies.
    pub fn execute_into(&self, session: &mut Session, step: &mut Step) -> Result<(), UsageError> {
        step.notes
            .extend(competing_with_watcher(session, &self.handle));
        let mut buffer = session.take_recv_buffer(self.len)?;
        let mut call = session.call_buffer();
        let mut data = session.data_buffer();
        let handle = session.lookup(&self.handle)?;
        let stream = handle.kind.socket_type() == socket2::Type::STREAM;
        let shut_read = handle.shut_read;
        // `recv(H, N, FLAGS)`, built by hand: the most common step.
        self.call.write_into(&mut call, session.encoding(), |call| {
            call.push_str("recv(");
            call.push_str(&self.handle);
            call.push_str(", ");
            call.push_str(itoa::Buffer::new().format(self.len));
            call.push_str(", ");
            let _ = names::MsgFlags(self.flags, RECV_FLAGS).write_to(call);
            call.push(')');
        });
        let buf = &mut buffer[..self.len];
        let (result, timed_out) =
            session.bounded(&call, || sys::recv(handle.socket.as_fd(), buf, self.flags));
        if let Ok(n) = result {
            data.extend_from_slice(&buf[..n.min(self.len)]);
            step.data = Some(data);
            if n == 0 && self.len > 0 && stream {
                step.lines.push(Line::Eof(match shut_read {
                    true => Eof::ShutRead,
                    false => Eof::Peer,
                }));
            }
        }
        session.record_call(step, call, result.map(|n| n as i64), timed_out);
        session.put_recv_buffer(buffer);
        session.set_current(&self.handle);
        step.handle = Some(session.handle_name(&self.handle));
        super::why::timeout_ran_out(session, step, self.flags & libc::MSG_DONTWAIT != 0);
        Ok(())
    }
}

/// A read of a handle that a watcher is reading too: the two take turns
/// at the same queue, and either may get any piece.
pub fn competing_with_watcher(session: &Session, handle: &str) -> Option<Note> {
    session
        .jobs
        .watching(handle)
        .map(|job| Note::CompetingWatcher {
            job,
            handle: handle.to_string(),
        })
}

#[derive(Debug, Clone)]
pub struct Recvfrom {
    handle: String,
    len: usize,
    flags: libc::c_int,
}

impl Recvfrom {
    /// A plain `recvfrom H N` (what a watcher calls in a loop on a datagram socket).
    pub fn new(handle: String, len: usize) -> Recvfrom {
        Recvfrom {
            handle,
            len,
            flags: 0,
        }
    }

    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Recvfrom, UsageError> {
        let (handle, len, flags) = parse_size_and_flags(cursor)?;
        Ok(Recvfrom { handle, len, flags })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(RECVFROM.name, Some(self.handle.clone()));
        step.notes
            .extend(competing_with_watcher(session, &self.handle));
        let mut buffer = session.take_recv_buffer(self.len)?;
        let handle = session.lookup(&self.handle)?;
        let inet = handle.kind.domain() != socket2::Domain::UNIX;
        let call = format!(
            "recvfrom({}, {}, {})",
            self.handle,
            self.len,
            names::msg_flags(self.flags, RECV_FLAGS)
        );
        let buf = &mut buffer[..self.len];
        let (result, timed_out) = session.bounded(&call, || {
            handle
                .socket
                .recv_from_with_flags(sys::as_uninit(buf), self.flags)
        });
        let result = match result {
            // A UDP datagram always has a sender; none at all is the end
            // (shut for reading). An unnamed unix sender has no address either.
            Ok((0, from)) if inet && from.family() == libc::AF_UNSPEC as libc::sa_family_t => {
                step.data = Some(Vec::new());
                step.lines.push(Line::Eof(Eof::DatagramShutRead));
                Ok(0)
            }
            Ok((n, from)) => {
                step.data = Some(buf[..n.min(self.len)].to_vec());
                step.addr = Some(("from", address::display(&from)));
                Ok(n as i64)
            }
            Err(error) => Err(error),
        };
        session.record_call(&mut step, call, result, timed_out);
        super::why::timeout_ran_out(session, &mut step, self.flags & libc::MSG_DONTWAIT != 0);
        session.put_recv_buffer(buffer);
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Recv {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn runs_in_place(&self) -> bool {
        true
    }

    fn run_in_place(
        &self,
        session: &mut Session,
        step: &mut Step,
    ) -> Option<Result<(), UsageError>> {
        Some(self.execute_into(session, step))
    }

    fn keeps_data(&self) -> bool {
        true
    }

    fn handles(&self) -> Vec<String> {
        Recv::handles(self)
    }
}

impl Action for Recvfrom {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn keeps_data(&self) -> bool {
        true
    }

    fn handles(&self) -> Vec<String> {
        Recvfrom::handles(self)
    }
}
