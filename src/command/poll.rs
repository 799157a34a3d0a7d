//! `poll [H...] [TIMEOUT_MS]`: poll(2), and which events each handle has.

use std::os::fd::AsFd;

use serde_json::Value;

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::Step;
use crate::sys;

pub const SPEC: Spec = Spec {
    name: "poll",
    usage: "poll [H...] [TIMEOUT_MS]",
    syscall: "poll(2)",
    errnos: &["EINTR"],
    args: &[Arg::Handles, Arg::Number],
    creates: 0,
    group: Group::Inspect,
    background: true,
    parse: |c| boxed(Poll::parse(c)),
};

#[derive(Debug, Clone)]
pub struct Poll {
    handles: Vec<String>,
    timeout_ms: i32,
}

impl Poll {
    /// The handles a background run of it shares.
    pub fn handles(&self) -> Vec<String> {
        self.handles.clone()
    }

    pub fn parse(cursor: &mut Cursor) -> Result<Poll, UsageError> {
        let mut handles = cursor.handles_while_named();
        if handles.is_empty() {
            handles.push(cursor.handle()?);
        }
        let timeout_ms = match cursor.peek() {
            Some(token) if token.text == "-1" => {
                cursor.word("TIMEOUT_MS")?;
                -1
            }
            Some(_) => cursor.int("TIMEOUT_MS", i32::MAX as u64)? as i32,
            None => 0,
        };
        cursor.finish()?;
        Ok(Poll {
            handles,
            timeout_ms,
        })
    }

    pub fn execute(self, session: &mut Session) -> Result<Step, UsageError> {
        let mut step = Step::new(SPEC.name, self.handles.first().cloned());
        let mut sockets = Vec::with_capacity(self.handles.len());
        for name in &self.handles {
            sockets.push(&session.lookup(name)?.socket);
        }
        let events = libc::POLLIN | libc::POLLPRI | libc::POLLOUT | libc::POLLRDHUP;
        let fds: Vec<_> = sockets.iter().map(|s| s.as_fd()).collect();
        let call = format!(
            "poll([{}], {}, {})",
            self.handles.join(", "),
            self.handles.len(),
            self.timeout_ms
        );
        let (result, timed_out) = session.bounded_timer(&call, self.timeout_ms >= 0, || {
            sys::poll(&fds, events, self.timeout_ms)
        });
        let revents = result.as_ref().map(|(_, r)| r.clone()).unwrap_or_default();
        let result = result
            .map(|(n, _)| i64::from(n))
            .map_err(std::io::Error::from);
        let ok = result.is_ok();
        session.record_call(&mut step, call, result, timed_out);
        if ok {
            for (name, bits) in self.handles.iter().zip(revents) {
                let names: Vec<Value> = names::poll_event_names(bits)
                    .into_iter()
                    .map(Value::from)
                    .collect();
                step.field(name.clone(), names);
            }
        }
        Ok(step)
    }
}

impl Action for Poll {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn handles(&self) -> Vec<String> {
        Poll::handles(self)
    }
}
