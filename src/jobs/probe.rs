//! A worker's probe: what its blocking call is doing (in a call, which
//! one, seen asleep in it), read by the driver to settle and to stop, and
//! the guard that says the worker ended.
//!
//! Owns: the probe and the reading of a thread's state in /proc. Does not
//! own which jobs are looked at (`super`).

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::inbox::Inbox;

/// What a worker's blocking call is doing, for settling and stopping.
pub struct Probe {
    job: u32,
    /// Where the worker reports each call's return (shared by all jobs).
    returned: Arc<Mutex<Vec<u32>>>,
    /// The worker's kernel thread id (0 until it has started).
    pub(super) tid: AtomicI32,
    in_call: AtomicBool,
    /// Calls begun so far: the number of the current call while `in_call`.
    calls: AtomicU64,
    /// The number of the call the driver saw asleep, while nothing that
    /// could wake it has happened since (0: none).
    asleep: AtomicU64,
    /// The current call can end on a timer of its own, which no socket
    /// wake-up announces: it is never marked asleep.
    pub(super) timed: AtomicBool,
    finished: Mutex<bool>,
    done: Condvar,
}

impl Probe {
    pub(super) fn new(job: u32, returned: Arc<Mutex<Vec<u32>>>) -> Probe {
        Probe {
            job,
            returned,
            tid: AtomicI32::new(0),
            in_call: AtomicBool::new(false),
            calls: AtomicU64::new(0),
            asleep: AtomicU64::new(0),
            timed: AtomicBool::new(false),
            finished: Mutex::new(false),
            done: Condvar::new(),
        }
    }

    /// Runs one blocking call, marked as in flight; `timed` if it can end
    /// on a timer of its own (a receive timeout, a poll timeout).
    pub fn call<T>(&self, timed: bool, call: impl FnOnce() -> T) -> T {
        self.timed.store(timed, Ordering::SeqCst);
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.in_call.store(true, Ordering::SeqCst);
        let result = call();
        self.in_call.store(false, Ordering::SeqCst);
        if let Ok(mut returned) = self.returned.lock() {
            returned.push(self.job);
        }
        result
    }

    pub(super) fn finish(&self) {
        if let Ok(mut finished) = self.finished.lock() {
            *finished = true;
        }
        self.done.notify_all();
    }

    pub(super) fn is_finished(&self) -> bool {
        self.finished.lock().map(|f| *f).unwrap_or(true)
    }

    /// Waits up to `limit` for the worker to finish; true if it has.
    pub(super) fn wait_finished(&self, limit: Duration) -> bool {
        let Ok(finished) = self.finished.lock() else {
            return true;
        };
        match self.done.wait_timeout_while(finished, limit, |f| !*f) {
            Ok((finished, _)) => *finished,
            Err(_) => true,
        }
    }

    /// Seen asleep in the call it is still in, with no wake-up since.
    pub(super) fn known_asleep(&self) -> bool {
        let asleep = self.asleep.load(Ordering::SeqCst);
        self.in_call.load(Ordering::SeqCst)
            && asleep != 0
            && asleep == self.calls.load(Ordering::SeqCst)
    }

    /// Something may have woken the worker: look at it again.
    pub(super) fn woken(&self) {
        self.asleep.store(0, Ordering::SeqCst);
    }

    /// Remembers it asleep in call `call` (if that call is still the
    /// current one, the mark holds; else it does not match).
    pub(super) fn mark_asleep(&self, call: u64) {
        self.asleep.store(call, Ordering::SeqCst);
    }

    /// Finished, or asleep inside its blocking call (read in /proc). A
    /// wake-up (a connection queued, data arrived) makes a sleeping thread
    /// runnable before the call that caused it returns, so a settled worker
    /// has nothing left to report about the steps before. Returns whether
    /// it is settled, and the number of the call it sleeps in, if it does.
    pub(super) fn settled(&self) -> (bool, Option<u64>) {
        if self.is_finished() {
            return (true, None);
        }
        let call = self.calls.load(Ordering::SeqCst);
        let asleep = self.in_call.load(Ordering::SeqCst)
            && thread_is_sleeping(self.tid.load(Ordering::SeqCst));
        (asleep, asleep.then_some(call))
    }
}

/// Marks the worker finished, tells the jobs so, and wakes the inbox's
/// waiters, even when the worker sent nothing (a stopped watcher) or
/// panicked.
pub(super) struct FinishOnDrop {
    pub(super) probe: Arc<Probe>,
    pub(super) inbox: Arc<Inbox>,
    pub(super) ended: Arc<Mutex<Vec<u32>>>,
    pub(super) job: u32,
}

impl Drop for FinishOnDrop {
    fn drop(&mut self) {
        // Told before the probe says finished: whoever sees the worker
        // finished (`settle`) then finds it among the ended, and reaps it
        // with the results it just took.
        if let Ok(mut ended) = self.ended.lock() {
            ended.push(self.job);
        }
        self.probe.finish();
        self.inbox.wake();
    }
}

/// True when the kernel shows the thread in interruptible sleep (`S`).
fn thread_is_sleeping(tid: i32) -> bool {
    if tid == 0 {
        return false;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")) else {
        return false;
    };
    // `tid (comm) S …`: the state follows the last ')'.
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next())
        == Some('S')
}
