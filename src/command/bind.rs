//! `bind [H] ADDR`: bind(2), then the address the kernel actually bound.

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::address::{self, AddrSpec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use nix::errno::Errno;

use crate::step::{Note, Outcome, Step};

pub const SPEC: Spec = Spec {
    name: "bind",
    usage: "bind [H] ADDR",
    syscall: "bind(2)",
    errnos: &["EADDRINUSE", "EACCES", "EADDRNOTAVAIL", "EINVAL"],
    args: &[Arg::Handle, Arg::Addr],
    creates: 0,
    group: Group::Socket,
    background: false,
    parse: |c| boxed(Bind::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Bind {
    handle: String,
    addr: AddrSpec,
}

impl Bind {
    pub fn parse(cursor: &mut Cursor) -> Result<Bind, UsageError> {
        let handle = cursor.handle_before(1)?;
        let addr = cursor.addr_or_host_port()?;
        cursor.finish()?;
        Ok(Bind { handle, addr })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let domain = handle.kind.domain();
        let addr = session.resolve(&self.addr, domain)?;
        let call = format!("bind({}, {})", self.handle, address::display(&addr));
        let result = handle.socket.bind(&addr).map(|_| 0);
        let bound = result.is_ok().then(|| handle.socket.local_addr());
        session.record_call(&mut step, call, result, false);
        if matches!(step.outcome, Outcome::Failed(Errno::EADDRINUSE))
            && let Some(want) = addr.as_socket()
        {
            super::why::port_in_use::explain(session, handle, want, &mut step, true);
        }
        let failed = match step.outcome {
            Outcome::Failed(errno) => addr.as_socket().map(|asked| (asked, errno)),
            _ => None,
        };
        if let Some(handle) = session.get_mut(&self.handle) {
            handle.failed_bind = failed;
        }
        if let Some(Ok(local)) = bound {
            step.addr = Some(("bound", address::display(&local)));
            if let Some(port) = local.as_socket().map(|a| a.port())
                && let Some(start) = unprivileged_port_start()
                && port != 0
                && port < start
                && session.first_time("privileged bind")
            {
                step.notes.push(Note::PrivilegedBind { port_start: start });
            }
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

/// The first port anyone may bind, in the calling thread's network
/// namespace (/proc/sys/net is the reader's own).
fn unprivileged_port_start() -> Option<u16> {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()?
        .trim()
        .parse()
        .ok()
}

impl Action for Bind {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
