//! `listen [H] [BACKLOG]`: listen(2).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Handle;
use crate::session::Session;
use crate::step::{Note, Outcome, Step};
use nix::errno::Errno;

pub const SPEC: Spec = Spec {
    name: "listen",
    usage: "listen [H] [BACKLOG]",
    syscall: "listen(2)",
    errnos: &["EADDRINUSE", "EOPNOTSUPP", "EINVAL"],
    args: &[Arg::Handle, Arg::Number],
    creates: 0,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Listen::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Listen {
    handle: String,
    backlog: i32,
}

impl Listen {
    pub fn parse(cursor: &mut Cursor) -> Result<Listen, UsageError> {
        let handle = cursor.handle()?;
        let backlog = cursor
            .optional_int("BACKLOG", i32::MAX as u64)?
            .unwrap_or(128) as i32;
        cursor.finish()?;
        Ok(Listen { handle, backlog })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let call = format!("listen({}, {})", self.handle, self.backlog);
        // Unbound after a failed bind: listen binds it to a port of its own.
        let failed_bind = handle.failed_bind.filter(|_| unbound(handle));
        let result = handle.socket.listen(self.backlog).map(|_| 0);
        let local = result.is_ok().then(|| handle.socket.local_addr());
        session.record_call(&mut step, call, result, false);
        if matches!(step.outcome, Outcome::Failed(Errno::EADDRINUSE))
            && let Some(want) = handle.socket.local_addr().ok().and_then(|a| a.as_socket())
        {
            super::why::port_in_use::explain(session, handle, want, &mut step, false);
        }
        if let Some(Ok(local)) = local {
            step.addr = Some(("listening on", crate::address::display(&local)));
            if let (Some((asked, errno)), Some(got)) = (failed_bind, local.as_socket()) {
                step.notes.push(Note::PortPicked { asked, errno, got });
            }
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

/// Whether the socket has no port yet (a listen will pick one).
fn unbound(handle: &Handle) -> bool {
    handle
        .socket
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .is_some_and(|a| a.port() == 0)
}

impl Action for Listen {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
