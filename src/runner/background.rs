//! The runner's part in background work: showing what jobs and watchers
//! produced (settled at step boundaries, or captured for the shell's
//! courier), `wait`, and `quit`, which stops them all.

use std::io::Write;

use super::{Flow, Runner, SETTLE_LIMIT};
use crate::error::UsageError;
use crate::step::{Outcome, Step};
use crate::sys;

impl<W: Write> Runner<W> {
    /// As `deliver`, but returns the output instead of writing it (for the
    /// shell's courier, which prints it above the prompt).
    pub fn deliver_captured(&mut self) -> Vec<u8> {
        self.capture = Some(Vec::new());
        self.deliver();
        self.capture.take().unwrap_or_default()
    }

    /// Shows background results as they come rather than settled at step
    /// boundaries (the shell at a terminal).
    pub fn set_settle(&mut self, settle: bool) {
        self.settle = settle;
    }

    /// Shows what background jobs and watchers produced since the last
    /// boundary, each as a step of its own (after letting them settle, unless
    /// the shell shows results as they come).
    pub fn deliver(&mut self) {
        if self.session.jobs.is_empty() {
            return;
        }
        // Settling can take a while: what was shown goes out first.
        self.hand_over();
        if self.settle || self.recording.is_some() {
            self.session.jobs.settle(SETTLE_LIMIT);
        } else {
            // One look, no wait: marks the workers asleep, so the next
            // step's state read passes them by.
            self.session.jobs.settle(std::time::Duration::ZERO);
        }
        // Finished before the inbox is emptied: their last results are in it.
        let finished = self.session.jobs.finished();
        let mut events = self.session.jobs.take_events();
        // Jobs that ended at the same boundary are shown in job order, not in
        // the order their threads happened to report (each job's own results
        // keep their order: the sort is stable).
        events.sort_by_key(|event| event.job);
        for event in events {
            let input = self.session.jobs.input_of(event.job);
            let mut step = self.session.take_event(event);
            crate::command::explain_in_context(&self.session, &mut step);
            self.show_event(&input, &step);
        }
        self.session.jobs.reap(&finished);
    }

    /// `wait [JOB]`: shows background results until the job (or every
    /// background call) has ended. Bounded by the timeout; Ctrl-C ends it.
    pub(super) fn wait(&mut self, line: &str, job: Option<u32>) -> Flow {
        let targets = match job {
            Some(id) if !self.session.jobs.exists(id) => {
                let error = UsageError::new(crate::worded!("runner-no-job", id = id.to_string()));
                return self.show(line, &Step::usage("wait", error));
            }
            Some(id) => vec![id],
            None => self.session.jobs.calls(),
        };
        if targets.is_empty() {
            let mut step = Step::new("wait", None);
            step.lines.push(crate::step::Line::NothingToWait);
            return self.show(line, &step);
        }
        loop {
            self.deliver();
            let left: Vec<u32> = targets
                .iter()
                .copied()
                .filter(|id| self.session.jobs.exists(*id))
                .collect();
            if left.is_empty() {
                let mut step = Step::new("wait", None);
                for id in targets {
                    step.lines.push(crate::step::Line::JobDone(id));
                }
                return self.show(line, &step);
            }
            // A job that ended after `deliver` looked, whose last result it
            // took all the same (and the inbox's wake-up with it): reaped
            // by the next look, not waited for.
            if left.iter().any(|id| self.session.jobs.has_ended(*id)) {
                continue;
            }
            if let Some(reason) = self.block_on_inbox() {
                let mut step = Step::new("wait", None);
                let jobs: Vec<String> = left.iter().map(|id| format!("[{id}]")).collect();
                let still = crate::worded!(
                    "runner-still-running",
                    reason = reason,
                    jobs = jobs.join(" ")
                );
                step.outcome = Outcome::NotReached(still);
                return self.show(line, &step);
            }
        }
    }

    /// Blocks until a background result is waiting; says why if it stopped
    /// before one was (the timeout, Ctrl-C).
    fn block_on_inbox(&mut self) -> Option<String> {
        let _ = self.flush_out();
        let fd = self.session.jobs.inbox_fd()?;
        let (result, timed_out) = self
            .session
            .bounded("wait", || sys::poll(&[fd], libc::POLLIN, -1));
        self.why_stopped(result.map(|_| ()), timed_out)
    }

    /// Why a bounded wait ended before what it waited for: the timeout,
    /// the lesson's time, Ctrl-C; None if it did not.
    pub(super) fn why_stopped(
        &self,
        result: Result<(), nix::errno::Errno>,
        timed_out: bool,
    ) -> Option<String> {
        match (result, self.session.timeout()) {
            (Ok(_), _) => None,
            (Err(_), _) if timed_out && self.session.time_given().is_some() => {
                let limit = self.session.time_given().unwrap_or_default();
                let time = crate::lab::path::show_duration(limit);
                Some(crate::t!("runner-out-of-time", time = time))
            }
            (Err(_), Some(after)) if timed_out => {
                Some(crate::t!("runner-timeout", after = format!("{after:?}")))
            }
            (Err(nix::errno::Errno::EINTR), _) => Some(crate::t!("runner-interrupted")),
            (Err(errno), _) => Some(crate::t!("runner-poll-failed", reason = errno.desc())),
        }
    }

    /// `quit`: stops every background job (showing how each ended), then
    /// closes every handle.
    pub(super) fn quit(&mut self, line: &str, verb: &'static str) {
        let stopped = self.session.jobs.stop_all();
        self.deliver();
        let mut step = Step::new(verb, None);
        if !stopped.is_empty() {
            let jobs: Vec<String> = stopped.iter().map(|(id, _)| format!("[{id}]")).collect();
            step.field("stopped", jobs);
        }
        let closed = self.session.close_all();
        step.field("closed", closed);
        self.show(line, &step);
    }
}
