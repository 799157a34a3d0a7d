//! `drain [H]`: recv(2) in a loop until EOF — the way to take in a bulk
//! transfer in a lesson: how many bytes came, in how many calls, how big
//! the biggest was, and how long it took, without showing the bytes.

use std::time::Instant;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Drained, Line, Step};

pub const SPEC: Spec = Spec {
    name: "drain",
    usage: "drain [H]",
    syscall: "recv(2) in a loop",
    errnos: &["EAGAIN", "ECONNRESET", "ENOTCONN"],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Data,
    background: true,
    parse: |c| boxed(Drain::parse(c)),
};

/// How much one call asks for.
const CHUNK: usize = 256 * 1024;

#[derive(Debug, Clone)]
pub struct Drain {
    handle: String,
}

impl Drain {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        vec![self.handle.clone()]
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Drain, UsageError> {
        let handle = cursor.handle()?;
        cursor.finish()?;
        Ok(Drain { handle })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        step.notes
            .extend(super::recv::competing_with_watcher(session, &self.handle));
        let handle = session.lookup(&self.handle)?;
        let call = format!("recv({}, {CHUNK}, 0) until EOF", self.handle);
        let mut buffer = vec![0u8; CHUNK];
        let (mut got, mut calls, mut biggest) = (0u64, 0u64, 0usize);
        let mut eof = false;
        let started = Instant::now();
        let (last, timed_out) = loop {
            // The session's time ran out between two calls: stop here.
            if session.out_of_time() {
                break (Err(std::io::Error::from_raw_os_error(libc::EINTR)), true);
            }
            let (result, interrupted) = session.bounded(&call, || {
                handle.socket.recv(crate::sys::as_uninit(&mut buffer))
            });
            calls += 1;
            match result {
                Ok(0) => {
                    eof = true;
                    break (Ok(got as i64), interrupted);
                }
                Ok(n) => {
                    got += n as u64;
                    biggest = biggest.max(n);
                }
                Err(error) => break (Err(error), interrupted),
            }
        };
        let took = started.elapsed();
        session.record_call(&mut step, call, last, timed_out);
        let seconds = took.as_secs_f64();
        step.lines.push(Line::Drained(Drained {
            received: got,
            calls,
            largest: biggest,
            eof,
            seconds,
        }));
        // One object: JSON has the figures, and the text the line above.
        step.field(
            "drain",
            serde_json::json!({
                "received": got,
                "calls": calls,
                "largest": biggest,
                "eof": eof,
                "seconds": seconds,
            }),
        );
        session.set_current(&self.handle);
        Ok(step)
    }
}

impl Action for Drain {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Drain::handles(self)
    }
}
