//! `[NAME =] accept [H]`: accept(2); the connection becomes a new handle.

use std::os::fd::AsRawFd;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::address;
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "accept",
    usage: "[NAME =] accept [H]",
    syscall: "accept(2)",
    errnos: &["EAGAIN", "EINVAL", "EINTR", "ECONNABORTED"],
    args: &[Arg::Handle],
    creates: 1,
    group: Group::Socket,
    background: true,
    parse: |c| boxed(Accept::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Accept {
    handle: String,
}

impl Accept {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Accept, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Accept { handle })
    }

    pub fn execute(self, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let listener = session.lookup(&self.handle)?;
        let kind = listener.kind;
        let host = listener.host;
        let call = format!("accept({})", self.handle);
        let (result, timed_out) = session.bounded(&call, || listener.socket.accept_raw());
        match result {
            Ok((socket, peer)) => {
                let fd = i64::from(socket.as_raw_fd());
                session.record_call(&mut step, call, Ok(fd), timed_out);
                let name = session.insert_on(names.into_iter().next(), socket, kind, host);
                step.new_handles.push(name);
                step.addr = Some(("peer", address::display(&peer)));
            }
            Err(error) => session.record_call(&mut step, call, Err(error), timed_out),
        }
        Ok(step)
    }
}

impl Action for Accept {
    fn run(self: Box<Self>, names: Vec<String>, session: &mut Session) -> Result<Step, UsageError> {
        self.execute(names, session)
    }

    fn handles(&self) -> Vec<String> {
        Accept::handles(self)
    }
}
