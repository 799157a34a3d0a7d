//! `recvall [H] N`: recv(2) in a loop until exactly N bytes have come or
//! the peer closed — the tutorials' "receive exactly msglen bytes" loop,
//! the mirror of `sendall`. It says how many calls it made and what each
//! returned; EOF before N is the tutorials' "socket connection broken".

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::{Cursor, MAX_DATA};
use crate::session::Session;
use crate::step::{Line, Step};

pub const SPEC: Spec = Spec {
    name: "recvall",
    usage: "recvall [H] N",
    syscall: "recv(2) in a loop",
    errnos: &["EAGAIN", "ECONNRESET", "ENOTCONN"],
    args: &[Arg::Handle, Arg::Number],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Recvall::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Recvall {
    handle: String,
    len: usize,
}

impl Recvall {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Recvall, UsageError> {
        let handle = cursor.handle_before(1)?;
        let len = cursor.int("N", MAX_DATA as u64)? as usize;
        cursor.finish()?;
        Ok(Recvall { handle, len })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        step.notes
            .extend(super::recv::competing_with_watcher(session, &self.handle));
        step.held = Some(session.hold_memory(self.len, "recvall's buffer")?);
        let handle = session.lookup(&self.handle)?;
        let call = format!("recvall({}, {})", self.handle, self.len);
        let mut buffer = vec![0u8; self.len];
        let mut got = 0;
        let mut each = Vec::new();
        let mut last = Ok(0);
        let mut timed_out = false;
        let mut eof = false;
        while got < self.len {
            // The session's time ran out between two calls: stop here.
            if session.out_of_time() {
                (last, timed_out) = (Err(std::io::Error::from_raw_os_error(libc::EINTR)), true);
                break;
            }
            let (result, interrupted) = session.bounded(&call, || {
                handle
                    .socket
                    .recv(crate::sys::as_uninit(&mut buffer[got..]))
            });
            timed_out = interrupted;
            match result {
                Ok(0) => {
                    each.push(0);
                    eof = true;
                    break;
                }
                Ok(n) => {
                    each.push(n);
                    got += n;
                    last = Ok(got as i64);
                }
                Err(error) => {
                    last = Err(error);
                    break;
                }
            }
        }
        let failed = last.is_err();
        session.record_call(&mut step, call, last, timed_out);
        step.field("calls", each.len() + usize::from(failed));
        step.field("received", got);
        step.field("each", each);
        buffer.truncate(got);
        step.data = Some(buffer);
        if eof {
            step.lines.push(Line::RecvallEof {
                received: got,
                wanted: self.len,
            });
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Recvall {
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
        Recvall::handles(self)
    }
}
