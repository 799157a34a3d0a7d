//! `watch [H] [N]` and `unwatch [H]`: a receiving thread, as in the
//! tutorials' chat programs. The watcher calls the same `recv` (`recvfrom`
//! on a datagram socket) in a loop, in a session that shares only H, and
//! each result is shown as its own step, tagged with the job number.

use super::action::{Action, boxed};
use super::recv::{Recv, Recvfrom};
use super::{Arg, Group, Spec};
use crate::error::{Text, UsageError};
use crate::jobs::Work;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{JobRole, Line, Outcome, Step};

pub const WATCH: Spec = Spec {
    name: "watch",
    usage: "watch [H] [N]",
    syscall: "recv(2)",
    errnos: &["ECONNRESET", "EAGAIN"],
    args: &[Arg::Handle, Arg::Number],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Watch::parse(c)),
};

pub const UNWATCH: Spec = Spec {
    name: "unwatch",
    usage: "unwatch [H]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Background,
    background: false,
    parse: |c| boxed(Unwatch::parse(c)),
};

/// The most a watcher asks for per call.
const MAX_WATCH: u64 = 1 << 20;

#[derive(Debug, Clone)]
pub struct Watch {
    handle: String,
    len: usize,
}

impl Watch {
    pub fn parse(cursor: &mut Cursor) -> Result<Watch, UsageError> {
        let handle = cursor.handle()?;
        let at = cursor.peek().map(|token| token.column);
        let len = cursor.optional_int("N", MAX_WATCH)?.unwrap_or(1024) as usize;
        if len == 0 {
            // recv(…, 0) returns at once, so the loop would never wait.
            return Err(UsageError::at(
                at.unwrap_or(1),
                crate::worded!("error-watch-zero"),
            ));
        }
        cursor.finish()?;
        Ok(Watch { handle, len })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let name = self.handle.clone();
        let handle = session.lookup(&name)?;
        if let Some(job) = session.jobs.watching(&name) {
            return Err(UsageError::new(crate::worded!(
                "error-already-watched",
                name = name,
                job = job
            )));
        }
        if handle.state == Some(TcpState::LISTEN) {
            return Err(UsageError::new(crate::worded!(
                "error-watch-listening",
                name = name
            )));
        }
        let datagram = handle.kind.socket_type() == socket2::Type::DGRAM;
        let verb = if datagram { "recvfrom" } else { "recv" };
        let mut worker = session.detached(std::slice::from_ref(&name))?;
        let (handle_name, len) = (name.clone(), self.len);
        let sockets = worker.shared_sockets();
        let spawned = session.jobs.spawn(
            Work::Watch(name.clone()),
            vec![name.clone()],
            Vec::new(),
            sockets,
            move |job| {
                worker.set_probe(std::sync::Arc::clone(&job.probe));
                while !job.stopping() {
                    let command: Box<dyn Action> = if datagram {
                        Box::new(Recvfrom::new(handle_name.clone(), len))
                    } else {
                        Box::new(Recv::new(handle_name.clone(), len))
                    };
                    let step = super::execute(command, verb, Vec::new(), &mut worker);
                    // Interrupted by unwatch, close or quit: that step says so.
                    if job.stopping() && !step.ok() {
                        break;
                    }
                    let last = match step.outcome {
                        // A datagram can be empty; shut for reading, the
                        // socket says so with POLLRDHUP, and each recvfrom
                        // returns 0 at once: that is its end.
                        Outcome::Returned(0) if datagram => read_shut(&worker, &handle_name),
                        Outcome::Returned(0) => true,
                        Outcome::Returned(_) => false,
                        _ => true,
                    };
                    if let Err(full) = job.send(step, Vec::new()) {
                        // Results not yet shown fill the budget: the
                        // watcher stops; the data waits in the socket.
                        let mut stopped = Step::new(WATCH.name, Some(handle_name.clone()));
                        stopped.lines.push(Line::WatchStoppedFull {
                            id: job.job(),
                            handle: handle_name.clone(),
                            full,
                        });
                        let _ = job.send(stopped, Vec::new());
                        break;
                    }
                    if last {
                        break;
                    }
                }
            },
        );
        let id = spawned.map_err(|e| UsageError::new(Text::display(e)))?;
        let mut step = Step::new(WATCH.name, Some(name.clone()));
        step.job = Some((id, JobRole::Started));
        step.lines.push(Line::WatchStarted {
            id,
            call: format!("{verb}({name}, {len}, 0)"),
            handle: name,
        });
        Ok(step)
    }
}

/// Whether the handle's receiving side is shut (POLLRDHUP), asked without waiting.
fn read_shut(session: &Session, name: &str) -> bool {
    use std::os::fd::AsFd;
    session.get(name).is_none_or(|handle| {
        crate::sys::poll(&[handle.socket.as_fd()], libc::POLLRDHUP, 0)
            .is_ok_and(|(_, revents)| revents[0] & libc::POLLRDHUP != 0)
    })
}

#[derive(Debug, Clone)]
pub struct Unwatch {
    handle: String,
}

impl Unwatch {
    pub fn parse(cursor: &mut Cursor) -> Result<Unwatch, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Unwatch { handle })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let name = self.handle;
        let Some(job) = session.jobs.watching(&name) else {
            return Err(UsageError::new(crate::worded!(
                "error-not-watched",
                name = name
            )));
        };
        session.jobs.stop(job);
        let mut step = Step::new(UNWATCH.name, Some(name.clone()));
        step.job = Some((job, JobRole::Stopped));
        step.lines.push(Line::WatchStopped {
            id: job,
            handle: name,
        });
        Ok(step)
    }
}

impl Action for Watch {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}

impl Action for Unwatch {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }
}
