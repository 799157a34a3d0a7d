//! `nonblock [H] on|off`: fcntl(2) F_SETFL with or without O_NONBLOCK.

use nix::fcntl::{FcntlArg, OFlag, fcntl};

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "nonblock",
    usage: "nonblock [H] on|off",
    syscall: "fcntl(2)",
    errnos: &["EBADF"],
    args: &[Arg::Handle, Arg::Words(SETTINGS.split_at(2).0)],
    creates: 0,
    group: Group::Options,
    background: false,
    parse: |c| boxed(Nonblock::parse(c)),
};

/// on or off (or 1 or 0): completion offers the words.
const SETTINGS: [&str; 4] = ["on", "off", "1", "0"];

#[derive(Debug, Clone)]
pub struct Nonblock {
    handle: String,
    on: bool,
}

impl Nonblock {
    pub fn parse(cursor: &mut Cursor) -> Result<Nonblock, UsageError> {
        let handle = cursor.handle()?;
        let choice = cursor.keyword("setting", &SETTINGS)?;
        cursor.finish()?;
        Ok(Nonblock {
            handle,
            on: choice % 2 == 0,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup_mut(&self.handle)?;
        let (flags, shown) = if self.on {
            (OFlag::O_NONBLOCK, "O_NONBLOCK")
        } else {
            (OFlag::empty(), "0")
        };
        let result = fcntl(&handle.socket, FcntlArg::F_SETFL(flags));
        if result.is_ok() {
            handle.nonblocking = self.on;
        }
        step.called(
            format!("fcntl({}, F_SETFL, {shown})", self.handle),
            result.map(i64::from),
        );
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Nonblock {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
