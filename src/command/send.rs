//! `send`, `sendall` and `sendto`: send(2) once, send(2) in a loop, sendto(2).

use super::action::{Action, boxed};
use super::call_text::CallText;
use super::{Arg, Group, Spec};
use crate::address::{self, AddrSpec};
use crate::encoding::display::{Preview, preview};
use crate::error::UsageError;
use crate::names::{self, SEND_FLAGS};
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;
use crate::sys;
use std::os::fd::AsFd;

const SEND_ERRNOS: &[&str] = &[
    "EPIPE",
    "ECONNRESET",
    "ETIMEDOUT",
    "EAGAIN",
    "ENOTCONN",
    "EDESTADDRREQ",
    "ECONNREFUSED",
    "EMSGSIZE",
];

pub const SEND: Spec = Spec {
    name: "send",
    usage: "send [H] DATA [dontwait|more|oob|nosignal]...",
    syscall: "send(2)",
    errnos: SEND_ERRNOS,
    args: &[Arg::Handle, Arg::Data, Arg::SendFlags],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Send::parse(c)),
};

pub const SENDALL: Spec = Spec {
    name: "sendall",
    usage: "sendall [H] DATA",
    syscall: "send(2) in a loop",
    errnos: SEND_ERRNOS,
    args: &[Arg::Handle, Arg::Data],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Sendall::parse(c)),
};

pub const SENDTO: Spec = Spec {
    name: "sendto",
    usage: "sendto [H] ADDR DATA [dontwait|more|oob|nosignal]...",
    syscall: "sendto(2)",
    errnos: &["ECONNREFUSED", "EMSGSIZE", "EISCONN", "EAGAIN", "EACCES"],
    args: &[Arg::Handle, Arg::Addr, Arg::Data, Arg::SendFlags],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Sendto::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Send {
    handle: String,
    data: Vec<u8>,
    flags: libc::c_int,
    call: CallText,
}

impl Send {
    /// Bytes of data it sends.
    pub fn data_len(&self) -> usize {
        self.data.len()
    }

    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Send, UsageError> {
        let handle = cursor.handle()?;
        let data = cursor.data("DATA")?;
        let flags = cursor.flags(SEND_FLAGS)?;
        Ok(Send {
            handle,
            data,
            flags,
            call: CallText::default(),
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SEND.name, None);
        self.execute_into(session, &mut step)?;
        Ok(step)
    }

    /// `execute`, filling in a new step of this verb where it lies.
    pub fn execute_into(&self, session: &mut Session, step: &mut Step) -> Result<(), UsageError> {
        let mut call = session.call_buffer();
        let handle = session.lookup(&self.handle)?;
        // `send(H, "data", N, FLAGS)`, built by hand: the most common step.
        let encoding = session.encoding();
        self.call.write_into(&mut call, encoding, |call| {
            call.push_str("send(");
            call.push_str(&self.handle);
            call.push_str(", ");
            let _ = Preview(&self.data, encoding).write_to(call);
            call.push_str(", ");
            call.push_str(itoa::Buffer::new().format(self.data.len()));
            call.push_str(", ");
            let _ = names::MsgFlags(self.flags, SEND_FLAGS).write_to(call);
            call.push(')');
        });
        let (result, timed_out) = session.bounded(&call, || {
            sys::send(handle.socket.as_fd(), &self.data, self.flags)
        });
        session.set_current(&self.handle);
        step.handle = Some(session.handle_name(&self.handle));
        session.record_call(step, call, result.map(|n| n as i64), timed_out);
        super::why::timeout_ran_out(session, step, self.flags & libc::MSG_DONTWAIT != 0);
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Sendall {
    handle: String,
    data: Vec<u8>,
}

impl Sendall {
    /// Bytes of data it sends.
    pub fn data_len(&self) -> usize {
        self.data.len()
    }

    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Sendall, UsageError> {
        let handle = cursor.handle()?;
        let data = cursor.data("DATA")?;
        cursor.finish()?;
        Ok(Sendall { handle, data })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SENDALL.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!(
            "sendall({}, {}, {})",
            self.handle,
            preview(&self.data, session.encoding()),
            self.data.len()
        );
        let mut sent = 0;
        let mut each = Vec::new();
        let mut last = Ok(0);
        let mut timed_out = false;
        while sent < self.data.len() || each.is_empty() {
            // The session's time ran out between two calls: stop here.
            if session.out_of_time() {
                (last, timed_out) = (Err(std::io::Error::from_raw_os_error(libc::EINTR)), true);
                break;
            }
            let (result, interrupted) =
                session.bounded(&call, || handle.socket.send(&self.data[sent..]));
            timed_out = interrupted;
            match result {
                Ok(0) if !self.data.is_empty() => {
                    each.push(0);
                    break;
                }
                Ok(n) => {
                    each.push(n);
                    sent += n;
                    last = Ok(sent as i64);
                }
                Err(error) => {
                    last = Err(error);
                    break;
                }
            }
            if self.data.is_empty() {
                break;
            }
        }
        let failed = last.is_err();
        session.record_call(&mut step, call, last, timed_out);
        step.field("calls", each.len() + usize::from(failed));
        step.field("sent", sent);
        step.field("each", each);
        session.set_current(&self.handle);
        Ok(step)
    }
}

#[derive(Debug, Clone)]
pub struct Sendto {
    handle: String,
    addr: AddrSpec,
    data: Vec<u8>,
    flags: libc::c_int,
}

impl Sendto {
    /// Bytes of data it sends.
    pub fn data_len(&self) -> usize {
        self.data.len()
    }

    /// The handles a background run of it shares (an address may name one).
    pub fn handles(&self) -> Vec<String> {
        let mut handles = vec![self.handle.clone()];
        if let AddrSpec::Handle(name) = &self.addr {
            handles.push(name.clone());
        }
        handles
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Sendto, UsageError> {
        let handle = cursor.handle_before(2)?;
        let addr = cursor.addr_or_host_port()?;
        let data = cursor.data("DATA")?;
        let flags = cursor.flags(SEND_FLAGS)?;
        Ok(Sendto {
            handle,
            addr,
            data,
            flags,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SENDTO.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let addr = session.resolve(&self.addr, handle.kind.domain())?;
        let call = format!(
            "sendto({}, {}, {}, {}, {})",
            self.handle,
            preview(&self.data, session.encoding()),
            self.data.len(),
            names::msg_flags(self.flags, SEND_FLAGS),
            address::display(&addr)
        );
        let (result, timed_out) = session.bounded(&call, || {
            handle
                .socket
                .send_to_with_flags(&self.data, &addr, self.flags)
        });
        session.record_call(&mut step, call, result.map(|n| n as i64), timed_out);
        super::why::timeout_ran_out(session, &mut step, self.flags & libc::MSG_DONTWAIT != 0);
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Send {
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

    fn handles(&self) -> Vec<String> {
        Send::handles(self)
    }

    fn data_len(&self) -> usize {
        Send::data_len(self)
    }
}

impl Action for Sendall {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Sendall::handles(self)
    }

    fn data_len(&self) -> usize {
        Sendall::data_len(self)
    }
}

impl Action for Sendto {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Sendto::handles(self)
    }

    fn data_len(&self) -> usize {
        Sendto::data_len(self)
    }
}
