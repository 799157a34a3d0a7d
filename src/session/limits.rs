//! What bounds the session: the watchdog that ends a blocking call after
//! the timeout (or marks a worker's calls on its probe instead), the
//! session's deadline (a lesson's time), its memory budget, and whether it
//! is a lesson's (confined) session.
//!
//! Its invariants: the watchdog's deadline is the session's (both are set
//! only by `set_deadline`); a worker's session has no watchdog — its
//! blocking calls are marked on its probe instead, for its driver to see.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::table::Table;
use crate::budget::{Budget, CONFINED_MAX_WAIT};
use crate::error::UsageError;
use crate::interrupt::Watchdog;
use crate::jobs::Probe;

pub(super) struct Limits {
    watchdog: Option<Watchdog>,
    /// Set in a background worker's session: marks its blocking calls.
    probe: Option<Arc<Probe>>,
    /// When the session's time runs out, and how long it had (a lesson's
    /// 300 s): calls, waits and loops end there.
    deadline: Option<(Instant, Duration)>,
    /// What the session may keep, shared with its relay and workers.
    pub(super) budget: Arc<Budget>,
    /// A lesson's session (`socklab test`, `play`): it touches no files and
    /// names no hosts (see `Session::confine`).
    pub(super) confined: bool,
}

impl Limits {
    pub(super) fn new(watchdog: Option<Watchdog>) -> Limits {
        Limits {
            watchdog,
            probe: None,
            deadline: None,
            budget: Budget::session(),
            confined: false,
        }
    }

    /// A worker's limits: no watchdog (its driver's watches it), the same
    /// deadline, budget and confinement.
    pub(super) fn detached(&self) -> Limits {
        Limits {
            watchdog: None,
            probe: None,
            deadline: self.deadline,
            budget: Arc::clone(&self.budget),
            confined: self.confined,
        }
    }

    pub(super) fn set_probe(&mut self, probe: Arc<Probe>) {
        self.probe = Some(probe);
    }

    /// Takes `bytes` from the memory budget for what `what` keeps, or says
    /// why it cannot (a usage error naming the budget).
    pub(super) fn hold_memory(
        &self,
        bytes: usize,
        what: &str,
    ) -> Result<crate::budget::Held, UsageError> {
        self.budget.hold(bytes).map_err(|full| {
            UsageError::new(crate::worded!(
                "session-error-memory",
                what = what,
                bytes = crate::budget::show_bytes(bytes),
                full = full.to_string(),
                used = crate::budget::show_bytes(self.budget.used())
            ))
        })
    }

    /// How long a wait the session allows: in a lesson at most
    /// [`CONFINED_MAX_WAIT`], as for any call; never past the deadline.
    pub(super) fn wait_limit(&self, asked: Duration) -> Duration {
        let asked = match self.confined {
            true => asked.min(CONFINED_MAX_WAIT),
            false => asked,
        };
        match self.deadline {
            Some((at, _)) => asked.min(at.saturating_duration_since(Instant::now())),
            None => asked,
        }
    }

    pub(super) fn set_deadline(&mut self, deadline: Option<(Instant, Duration)>) {
        self.deadline = deadline;
        if let Some(watchdog) = &self.watchdog {
            watchdog.set_deadline(deadline.map(|(at, _)| at));
        }
    }

    pub(super) fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(|(at, _)| Instant::now() >= at)
    }

    pub(super) fn time_given(&self) -> Option<Duration> {
        self.deadline
            .filter(|_| self.out_of_time())
            .map(|(_, limit)| limit)
    }

    pub(super) fn timeout(&self) -> Option<Duration> {
        self.watchdog.as_ref().and_then(Watchdog::timeout)
    }

    pub(super) fn on_block(&self, hook: impl Fn() + Send + 'static) -> bool {
        match &self.watchdog {
            Some(watchdog) => {
                watchdog.on_block(hook);
                true
            }
            None => false,
        }
    }

    /// Runs `call` as one blocking call, watched by the watchdog or marked
    /// on the probe (see `Session::bounded_timer`); `handles` are asked
    /// whether a timeout of their own can end it.
    pub(super) fn bounded<T>(
        &self,
        text: &str,
        timer: bool,
        handles: &Table,
        call: impl FnOnce() -> T,
    ) -> (T, bool) {
        match (&self.watchdog, &self.probe) {
            (Some(watchdog), _) => watchdog.bounded(text, call),
            (None, Some(probe)) => {
                // SO_RCVTIMEO and SO_SNDTIMEO end a blocked call on a timer too.
                let timed = timer
                    || handles.iter().any(|h| {
                        h.socket.read_timeout().ok().flatten().is_some()
                            || h.socket.write_timeout().ok().flatten().is_some()
                    });
                (probe.call(timed, call), false)
            }
            (None, None) => (call(), false),
        }
    }
}
