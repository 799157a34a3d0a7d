//! `Step`: everything one executed line produced, for any renderer.
//!
//! A step is the call as issued, its outcome (return value, errno, usage
//! error or timeout), what it produced (handles, an address, data, an option
//! value, extra fields) and the TCP states that changed. Renderers (text,
//! JSON) read it; nothing here prints. Room is left for what later work adds
//! (wire segments) as further fields.

use std::time::Duration;

use nix::errno::Errno;
use serde_json::Value;

use crate::error::UsageError;
use crate::names::TcpState;
use crate::wire::Segment;

mod line;
mod why;
pub use line::{
    Drained, Eof, HeldLine, Holding, HostChange, InflatedRtt, JobDoing, JobRow, LabCause,
    LessonEnd, Line, Note, PortHolder, ProgramEnd, RecordingLine, ResetReason, Reuse, Saved,
    Unrecorded, WireView,
};
pub use why::{Cause, Why};

#[derive(Debug)]
pub enum Outcome {
    /// The call returned this value (an fd, a byte count, 0).
    Returned(i64),
    /// The call failed with this errno (a result, not a tool error).
    Failed(Errno),
    /// The line never reached the kernel.
    Usage(UsageError),
    /// A blocked call was interrupted by socklab after the timeout (it returned EINTR).
    TimedOut(Duration),
    /// The session's time (a lesson's 300 s) ran out during the step: its
    /// call was interrupted (EINTR), or its loop stopped, there.
    OutOfTime(Duration),
    /// A session command (ls, use, help): no system call of its own.
    Done,
    /// `await` gave up: what it waited for did not happen in time.
    /// Worded when shown (in English for JSON and transcripts).
    NotReached(crate::error::Text),
}

/// A step's result in brief, to compare with a prediction (`play`'s
/// questions): what the call returned, its errno, or that it blocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brief {
    Returned(i64),
    Failed(Errno),
    /// It blocked until socklab's timeout interrupted it.
    Blocked,
    /// No call's result: a usage error, a session command, an await.
    Other,
}

impl Outcome {
    pub fn brief(&self) -> Brief {
        match self {
            Outcome::Returned(value) => Brief::Returned(*value),
            Outcome::Failed(errno) => Brief::Failed(*errno),
            Outcome::TimedOut(_) => Brief::Blocked,
            _ => Brief::Other,
        }
    }
}

/// One handle's TCP state moving, as read from the kernel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateChange {
    pub handle: String,
    /// None: the handle is new.
    pub from: Option<TcpState>,
    /// None: the kernel no longer has the connection.
    pub to: Option<TcpState>,
    /// The handle's fd is closed; the kernel still holds the connection.
    pub closed: bool,
    /// When it was read (or, between steps, the segment that caused it).
    pub when: Option<crate::clock::When>,
}

#[derive(Debug)]
pub struct Step {
    pub verb: &'static str,
    /// The handle the step acted on.
    pub handle: Option<String>,
    /// The call as issued: `connect(cli, 127.0.0.1:5000)`.
    pub call: Option<String>,
    pub outcome: Outcome,
    pub new_handles: Vec<String>,
    /// An address the step produced, with what it is (`bound`, `peer`, `from`, …).
    pub addr: Option<(&'static str, String)>,
    /// Bytes received.
    pub data: Option<Vec<u8>>,
    /// getsockopt's value.
    /// (Boxed, as `wire_summary`: most steps have none, and a step is
    /// moved a few times on its way to the renderer.)
    pub value: Option<Box<Value>>,
    /// Further results by name (poll revents, tcpinfo fields, sendall's call count).
    pub fields: Vec<(String, Value)>,
    /// What it shows beyond the call, as values (`Line`); JSON has them
    /// worded as `output`, not part of its contract.
    pub lines: Vec<Line>,
    pub changes: Vec<StateChange>,
    /// The background job (`CMD &`, `watch`) the step is about, and how.
    pub job: Option<(u32, JobRole)>,
    /// With `wire on`: the segments on the session's connections since the
    /// last step (None when the wire view is off).
    pub wire: Option<Vec<Segment>>,
    /// With `wire summary`: a line per direction instead of the segments
    /// (which JSON still lists), and those figures for JSON.
    pub wire_summary: Option<Box<(Vec<String>, serde_json::Value)>>,
    /// With `wire ladder`: the segments are drawn as a ladder (true: in
    /// ASCII).
    pub wire_ladder: Option<bool>,
    /// With `wire ladder`: the handles' columns, clients (a handle that
    /// connects, from its SYN on) before servers (listeners and the
    /// handles they accept), each side in the order first seen — so each
    /// connection is drawn the same way round at every step.
    pub wire_columns: Vec<String>,
    /// How the data is shown as text (the session's `encoding`).
    pub encoding: &'static crate::encoding::Encoding,
    /// Why a failed call failed, and what to do: the command table's note
    /// for its errno, or the cause that fits this socket, shown under the
    /// call at the moment of surprise.
    pub why: Option<Why>,
    /// Notes a teacher would add to what happened (a bind allowed by
    /// privilege, a close that sent RST): one line each.
    pub notes: Vec<Note>,
    /// `clear`: the shell clears the screen.
    pub clear_screen: bool,
    /// The share of the session's memory budget what the step keeps takes
    /// (samples, a large receive), given back when the step is dropped.
    pub held: Option<crate::budget::Held>,
}

/// How a step is about a background job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobRole {
    /// The line started it (`accept srv &`, `watch conn`).
    Started,
    /// The job made this call: its result.
    Result,
    /// The line stopped it (`unwatch`).
    Stopped,
}

impl JobRole {
    pub fn name(self) -> &'static str {
        match self {
            JobRole::Started => "started",
            JobRole::Result => "result",
            JobRole::Stopped => "stopped",
        }
    }
}

impl Step {
    pub fn new(verb: &'static str, handle: Option<String>) -> Step {
        Step {
            verb,
            handle,
            call: None,
            outcome: Outcome::Done,
            new_handles: Vec::new(),
            addr: None,
            data: None,
            value: None,
            fields: Vec::new(),
            lines: Vec::new(),
            changes: Vec::new(),
            job: None,
            wire: None,
            wire_summary: None,
            wire_ladder: None,
            wire_columns: Vec::new(),
            encoding: crate::encoding::UTF_8,
            why: None,
            notes: Vec::new(),
            clear_screen: false,
            held: None,
        }
    }

    /// Makes this step as `Step::new(verb, None)` makes one, keeping the
    /// room its lists had (a runner reuses one step for a script's
    /// repeated lines rather than making and dropping one per line).
    #[inline]
    pub fn reset(&mut self, verb: &'static str) {
        // Every field named, so a field added later cannot be left over
        // from the last step.
        let Step {
            verb: old_verb,
            handle,
            call,
            outcome,
            new_handles,
            addr,
            data,
            value,
            fields,
            lines,
            changes,
            job,
            wire,
            wire_summary,
            wire_ladder,
            wire_columns,
            encoding,
            why,
            notes,
            clear_screen,
            held,
        } = self;
        *old_verb = verb;
        *handle = None;
        *call = None;
        *outcome = Outcome::Done;
        new_handles.clear();
        *addr = None;
        *data = None;
        *value = None;
        fields.clear();
        lines.clear();
        changes.clear();
        *job = None;
        *wire = None;
        *wire_summary = None;
        *wire_ladder = None;
        wire_columns.clear();
        *encoding = crate::encoding::UTF_8;
        *why = None;
        notes.clear();
        *clear_screen = false;
        *held = None;
    }

    pub fn usage(verb: &'static str, error: UsageError) -> Step {
        let mut step = Step::new(verb, None);
        step.outcome = Outcome::Usage(error);
        step
    }

    /// Records a call and how it ended.
    pub fn called(&mut self, call: String, result: Result<i64, Errno>) {
        self.call = Some(call);
        self.outcome = match result {
            Ok(value) => Outcome::Returned(value),
            Err(errno) => Outcome::Failed(errno),
        };
    }

    /// About how many bytes its lines and notes keep (a job's result is
    /// charged them).
    pub fn text_bytes(&self) -> usize {
        let lines: usize = self.lines.iter().map(Line::kept_bytes).sum();
        let notes: usize = self.notes.iter().map(Note::kept_bytes).sum();
        lines + notes
    }

    /// Adds a line that is words already (help, a table's row).
    pub fn say(&mut self, text: impl Into<String>) {
        self.lines.push(Line::Text(text.into()));
    }

    /// Adds a note that is words already.
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(Note::Text(text.into()));
    }

    pub fn field(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.fields.push((name.into(), value.into()));
    }

    /// True when the call succeeded (or a session command ran).
    pub fn ok(&self) -> bool {
        matches!(self.outcome, Outcome::Returned(_) | Outcome::Done)
    }

    /// True for what makes a script's exit status non-zero.
    pub fn is_script_failure(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Usage(_)
                | Outcome::TimedOut(_)
                | Outcome::OutOfTime(_)
                | Outcome::NotReached(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step reset after use is a new step of its verb, whatever the last
    /// one held.
    #[test]
    fn a_reset_step_is_a_new_one() {
        let mut step = Step::new("recv", Some("a".into()));
        step.called("recv(a, 10, 0)".into(), Ok(3));
        step.new_handles.push("b".into());
        step.addr = Some(("peer", "127.0.0.1:1".into()));
        step.data = Some(b"abc".to_vec());
        step.value = Some(Box::new(Value::from(1)));
        step.field("n", 1);
        step.lines.push("a line".into());
        step.changes.push(StateChange {
            handle: "a".into(),
            from: None,
            to: None,
            closed: true,
            when: None,
        });
        step.job = Some((1, JobRole::Result));
        step.wire = Some(Vec::new());
        step.wire_summary = Some(Box::new((vec!["s".into()], Value::Null)));
        step.wire_ladder = Some(true);
        step.wire_columns.push("a".into());
        step.encoding = crate::encoding::by_name("gbk").unwrap();
        step.why = Some(Why::Chosen(Cause::Keepalive));
        step.notes.push("note".into());
        step.clear_screen = true;
        step.reset("send");
        assert_eq!(
            format!("{step:?}"),
            format!("{:?}", Step::new("send", None))
        );
    }
}
