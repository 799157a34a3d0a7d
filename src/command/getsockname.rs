//! `getsockname [H]` and `getpeername [H]`: getsockname(2), getpeername(2).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::address;
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const GETSOCKNAME: Spec = Spec {
    name: "getsockname",
    usage: "getsockname [H]",
    syscall: "getsockname(2)",
    errnos: &["EBADF"],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Inspect,
    background: false,
    parse: |c| boxed(Getname::parse(c, false)),
};

pub const GETPEERNAME: Spec = Spec {
    name: "getpeername",
    usage: "getpeername [H]",
    syscall: "getpeername(2)",
    errnos: &["ENOTCONN"],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Inspect,
    background: false,
    parse: |c| boxed(Getname::parse(c, true)),
};

#[derive(Debug, Clone)]
pub struct Getname {
    handle: String,
    peer: bool,
}

impl Getname {
    pub fn parse(cursor: &mut Cursor, peer: bool) -> Result<Getname, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Getname { handle, peer })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let spec = if self.peer {
            &GETPEERNAME
        } else {
            &GETSOCKNAME
        };
        let mut step = Step::new(spec.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let result = if self.peer {
            handle.socket.peer_addr()
        } else {
            handle.socket.local_addr()
        };
        let call = format!("{}({})", spec.name, self.handle);
        match result {
            Ok(addr) => {
                session.record_call(&mut step, call, Ok(0), false);
                let label = if self.peer { "peer" } else { "local" };
                step.addr = Some((label, address::display(&addr)));
            }
            Err(error) => session.record_call(&mut step, call, Err(error), false),
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Getname {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
