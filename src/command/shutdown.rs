//! `shutdown [H] read|write|both`: shutdown(2).

use std::net::Shutdown as How;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "shutdown",
    usage: "shutdown [H] read|write|both",
    syscall: "shutdown(2)",
    errnos: &["ENOTCONN", "EINVAL"],
    args: &[Arg::Handle, Arg::Words(&HOWS)],
    creates: 0,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Shutdown::parse(c)),
};

const HOWS: [&str; 3] = ["read", "write", "both"];
/// The same three by their C (and Python's) names: `SHUT_WR` is `write`.
const C_NAMES: [&str; 3] = ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"];

#[derive(Debug, Clone)]
pub struct Shutdown {
    handle: String,
    how: usize,
}

impl Shutdown {
    pub fn parse(cursor: &mut Cursor) -> Result<Shutdown, UsageError> {
        let handle = cursor.handle()?;
        let c_name = cursor
            .peek()
            .is_some_and(|t| C_NAMES.iter().any(|c| c.eq_ignore_ascii_case(t.text)));
        let how = cursor.keyword("direction", if c_name { &C_NAMES } else { &HOWS })?;
        cursor.finish()?;
        Ok(Shutdown { handle, how })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup_mut(&self.handle)?;
        let (how, name) = match self.how {
            0 => (How::Read, "SHUT_RD"),
            1 => (How::Write, "SHUT_WR"),
            _ => (How::Both, "SHUT_RDWR"),
        };
        let result = handle.socket.shutdown(how);
        if result.is_ok() {
            handle.shut_read |= self.how != 1;
            handle.shut_write |= self.how != 0;
        }
        let call = format!("shutdown({}, {name})", self.handle);
        session.record_call(&mut step, call, result.map(|_| 0), false);
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Shutdown {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
