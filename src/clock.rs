//! When things happened: the session's clock, and the time each segment
//! and state change carries relative to it and to the steps.
//!
//! A step begins when its call is about to be made and ends when its
//! states and segments have been read. What happened after one step ended
//! and before the next began happened *between steps* (a delayed ACK 40 ms
//! after `shutdown`, a peer closing): it is marked so, never passed off as
//! caused by the next call. What happened during a step well after its call
//! began (a blocking `recv`, a SYN-ACK 100 ms away in the lab) is marked
//! with how long after. Which side of a call something is on is known by
//! when socklab read it (before the call, or after), not by comparing
//! clocks: the kernel's packet timestamps and socklab's clock can disagree
//! by a tenth of a millisecond.
//!
//! Owns: the clock and `When`. Does not own where times come from (the
//! capture's kernel timestamps, the relay's log) or how they are shown.

use std::time::{Duration, Instant, SystemTime};

/// Below this, something that came during a step came with its call and
/// carries no mark in text (JSON always has the time).
pub const WITH_THE_CALL: Duration = Duration::from_millis(10);

/// When a segment or a state change happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct When {
    /// Since the session started.
    pub t: Duration,
    /// After the previous step ended and before this one began.
    pub between: bool,
    /// How long after the previous step ended (between steps), or after
    /// this step began.
    pub after: Duration,
    /// Seen as it happened, between steps (by the sampler of connections
    /// held without an fd, at most `kernel_table::LOOK_EVERY` late), not
    /// read at a step's start: its time stands — no segment's time
    /// replaces it.
    pub seen_live: bool,
}

impl When {
    /// The text mark: `(+44 ms, between steps)`, `(+100 ms)`, or nothing
    /// for what came with the step's own call.
    pub fn mark(&self) -> Option<String> {
        if self.between {
            return Some(format!("(+{}, between steps)", span(self.after)));
        }
        (self.after >= WITH_THE_CALL).then(|| format!("(+{})", span(self.after)))
    }

    /// The same moment, seen as it happened (see `seen_live`).
    pub fn seen_live(self) -> When {
        When {
            seen_live: true,
            ..self
        }
    }

    /// Seconds since the session started, for JSON.
    pub fn seconds(&self) -> f64 {
        self.t.as_secs_f64()
    }
}

/// `44 ms`, `1.25 s`: a span as a person reads it.
pub fn span(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// The monotonic clock, as a span since the machine booted: precise, or
/// the kernel's last tick (a few ns to read, ms resolution) where that is
/// enough — a step that shows no segment needs no better, and pays less.
fn monotonic(precise: bool) -> Duration {
    crate::sys::monotonic(!precise)
}

/// The session's clock: its start, and the steps' bounds (spans of the
/// monotonic clock).
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    started: Duration,
    /// When the current (or last) step began.
    began: Duration,
    /// When the previous step ended.
    ended: Duration,
}

impl Default for Clock {
    fn default() -> Clock {
        let now = monotonic(true);
        Clock {
            started: now,
            began: now,
            ended: now,
        }
    }
}

impl Clock {
    /// A step begins now; returns how long the session was idle since the
    /// previous step ended (to the kernel's tick). `precise`: its segments
    /// will be timed against its start (the wire view is on).
    pub fn begin(&mut self, precise: bool) -> Duration {
        let now = monotonic(false);
        let idle = now.saturating_sub(self.ended);
        self.began = match precise {
            true => monotonic(true),
            false => now,
        };
        idle
    }

    /// The step ends now.
    pub fn end(&mut self, precise: bool) {
        self.ended = monotonic(precise);
    }

    fn since_start(&self, at: Duration) -> Duration {
        at.saturating_sub(self.started)
    }

    /// The session time of a kernel timestamp taken on the wall clock
    /// (`SO_TIMESTAMPNS`): converted through the two clocks read now, so
    /// the wall clock's steps and slews since the session began do not
    /// move it.
    pub fn from_wall(&self, wall: Duration) -> Duration {
        let now = monotonic(true);
        let wall_now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let ago = wall_now.saturating_sub(wall);
        self.since_start(now).saturating_sub(ago)
    }

    /// The session time of an instant.
    pub fn at(&self, at: Instant) -> Duration {
        self.since_start(monotonic(true).saturating_sub(at.elapsed()))
    }

    /// A time during the current step: how long after it began.
    pub fn in_step(&self, t: Duration) -> When {
        When {
            t,
            between: false,
            after: t.saturating_sub(self.since_start(self.began)),
            seen_live: false,
        }
    }

    /// Now, as something read between steps (before the current step's call).
    pub fn between_now(&self) -> When {
        self.between(self.since_start(monotonic(true)))
    }

    /// A time between steps: how long after the previous step ended.
    pub fn between(&self, t: Duration) -> When {
        When {
            t,
            between: true,
            after: t.saturating_sub(self.since_start(self.ended)),
            seen_live: false,
        }
    }

    /// Now, during the current step.
    pub fn now(&self) -> When {
        self.in_step(self.since_start(monotonic(true)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_say_between_steps_or_how_long_after() {
        let between = When {
            t: Duration::from_millis(500),
            between: true,
            after: Duration::from_millis(44),
            seen_live: false,
        };
        assert_eq!(between.mark().as_deref(), Some("(+44 ms, between steps)"));
        let late = When {
            between: false,
            after: Duration::from_millis(1250),
            ..between
        };
        assert_eq!(late.mark().as_deref(), Some("(+1.25 s)"));
        let with_the_call = When {
            between: false,
            after: Duration::from_millis(3),
            ..between
        };
        assert_eq!(with_the_call.mark(), None);
    }

    #[test]
    fn times_count_from_the_step_or_from_the_last_one_s_end() {
        let started = Duration::from_secs(1000);
        let ms = Duration::from_millis;
        let clock = Clock {
            started,
            ended: started + ms(50),
            began: started + ms(100),
        };
        let before = clock.between(ms(90));
        assert!(before.between);
        assert_eq!(before.after, ms(40));
        let after = clock.in_step(ms(120));
        assert!(!after.between);
        assert_eq!(after.after, ms(20));
        // A kernel timestamp a little behind socklab's clock: no negative span.
        assert_eq!(clock.in_step(ms(99)).after, Duration::ZERO);
    }
}
