//! `connect [H] ADDR`: connect(2).

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::address::{self, AddrSpec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;

pub const SPEC: Spec = Spec {
    name: "connect",
    usage: "connect [H] ADDR",
    syscall: "connect(2)",
    errnos: &[
        "ECONNREFUSED",
        "EINPROGRESS",
        "EALREADY",
        "EISCONN",
        "ETIMEDOUT",
        "ENOENT",
        "EINTR",
    ],
    args: &[Arg::Handle, Arg::Addr],
    creates: 0,
    group: Group::Socket,
    background: true,
    parse: |c| boxed(Connect::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Connect {
    handle: String,
    addr: AddrSpec,
}

impl Connect {
    /// The handles a background run of it shares (an address may name one).
    pub fn handles(&self) -> Vec<String> {
        let mut handles = vec![self.handle.clone()];
        if let AddrSpec::Handle(name) = &self.addr {
            handles.push(name.clone());
        }
        handles
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Connect, UsageError> {
        let handle = cursor.handle_before(1)?;
        let addr = cursor.addr_or_host_port()?;
        cursor.finish()?;
        Ok(Connect { handle, addr })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let handle = session.lookup(&self.handle)?;
        let addr = session.resolve(&self.addr, handle.kind.domain())?;
        let call = format!("connect({}, {})", self.handle, address::display(&addr));
        let (result, timed_out) = session.bounded(&call, || handle.socket.connect(&addr));
        if result.is_ok() && handle.kind.is_tcp() {
            // The server's side of a loopback connection may still be
            // finishing (its last ACK put off to ksoftirqd on a busy
            // machine): wait for it, so what this connect caused there (a
            // background accept woken, the connection queued) is this
            // step's, not the next one's.
            if let (Ok(local), Some(peer)) = (handle.socket.local_addr(), addr.as_socket())
                && let Some(local) = local.as_socket()
            {
                session.await_server_side(local, peer);
            }
        }
        session.record_call(&mut step, call, result.map(|_| 0), timed_out);
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Connect {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Connect::handles(self)
    }
}
