//! `ioctl [H] FIONREAD|SIOCOUTQ`: how many bytes wait in each queue.

use std::os::fd::AsFd;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Step};
use crate::sys::{self, QueueIoctl};

pub const SPEC: Spec = Spec {
    name: "ioctl",
    usage: "ioctl [H] FIONREAD|SIOCOUTQ",
    syscall: "ioctl(2)",
    errnos: &["EINVAL"],
    args: &[Arg::Handle, Arg::Words(REQUESTS.split_at(2).0)],
    creates: 0,
    group: Group::Inspect,
    background: false,
    parse: |c| boxed(Ioctl::parse(c)),
};

/// The requests, the two completion offers first (the others are their
/// other names).
const REQUESTS: [&str; 4] = ["FIONREAD", "SIOCOUTQ", "SIOCINQ", "TIOCOUTQ"];

#[derive(Debug, Clone)]
pub struct Ioctl {
    handle: String,
    request: QueueIoctl,
}

impl Ioctl {
    pub fn parse(cursor: &mut Cursor) -> Result<Ioctl, UsageError> {
        let handle = cursor.handle()?;
        let choice = cursor.keyword("request", &REQUESTS)?;
        cursor.finish()?;
        let request = if choice % 2 == 0 {
            QueueIoctl::Fionread
        } else {
            QueueIoctl::Siocoutq
        };
        Ok(Ioctl { handle, request })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!("ioctl({}, {})", self.handle, self.request.name());
        let result = sys::queue_ioctl(handle.socket.as_fd(), self.request);
        if let Ok(bytes) = result {
            step.value = Some(Box::new(bytes.into()));
            step.lines.push(Line::IoctlValue(bytes));
        }
        step.called(call, result.map(|_| 0));
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Ioctl {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
