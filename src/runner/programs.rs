//! `wait NAME`: the runner waits for a program `spawn` started to end,
//! showing what it writes as it comes.

use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use super::{Flow, Runner};
use crate::error::UsageError;
use crate::step::{Outcome, Step};
use crate::sys;

impl<W: Write> Runner<W> {
    /// Shows the program's output until it ends; its end is the wait's
    /// step. Bounded by the timeout; Ctrl-C ends the wait, not the program.
    pub(super) fn wait_program(&mut self, line: &str, name: &str) -> Flow {
        if !self.session.programs().exists(name)
            && let Some(ended) = self.session.program_ended(name)
        {
            // It ended before the wait: its end again, not an error.
            let mut step = Step::new("wait", None);
            step.outcome = Outcome::Done;
            step.lines.push(ended);
            return self.show(line, &step);
        }
        if !self.session.programs().exists(name) {
            let running: Vec<&str> = (self.session.programs().list().iter())
                .map(|p| p.name.as_str())
                .collect();
            let error = UsageError::new(match running.is_empty() {
                true => crate::t!("runner-no-program", name = name),
                false => crate::t!(
                    "runner-no-program-running",
                    name = name,
                    running = running.join(", ")
                ),
            });
            return self.show(line, &Step::usage("wait", error));
        }
        loop {
            let _ = self.flush_out();
            let fds: Vec<OwnedFd> = self
                .session
                .programs()
                .fds_of(name)
                .into_iter()
                .filter_map(|fd| fd.try_clone_to_owned().ok())
                .collect();
            let borrowed: Vec<BorrowedFd<'_>> = fds.iter().map(|fd| fd.as_fd()).collect();
            let (result, timed_out) = self
                .session
                .bounded("wait", || sys::poll(&borrowed, libc::POLLIN, -1));
            if let Some(reason) = self.why_stopped(result.map(|_| ()), timed_out) {
                let mut step = Step::new("wait", None);
                let still = crate::worded!("runner-still-running", reason = reason, jobs = name);
                step.outcome = Outcome::NotReached(still);
                return self.show(line, &step);
            }
            let mut step = self.session.between_step().unwrap_or_else(|| {
                let mut step = Step::new("wait", None);
                step.outcome = Outcome::Done;
                step
            });
            if !self.session.programs().exists(name) {
                step.verb = "wait";
                return self.show(line, &step);
            }
            if !step.lines.is_empty()
                || !step.changes.is_empty()
                || step.wire.as_ref().is_some_and(|w| !w.is_empty())
            {
                self.show_event("", &step);
            }
        }
    }
}
