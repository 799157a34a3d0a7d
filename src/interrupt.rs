//! Bounding blocked calls: the script-mode timeout and Ctrl-C.
//!
//! A blocked socket call is ended the way the API allows: a signal, whose
//! handler was installed without `SA_RESTART` (see `sys`), makes the kernel
//! return `EINTR`. For the timeout a watchdog thread sends SIGALRM to the
//! thread making the call once the call has been in flight too long. Marking
//! a call in flight is two atomic stores: no syscall, no clock read.
//!
//! In the shell the watchdog has no timeout but two other jobs: after 100 ms
//! it says which call is blocking (so the person knows Ctrl-C will end it),
//! and when a Ctrl-C arrived just before the call entered the kernel — too
//! early to interrupt it — it signals again, so Ctrl-C always works.
//!
//! Owns: the watchdog. Does not own the handlers (`sys`) or what a step
//! shows about the interruption (`session`).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::pthread::{Pthread, pthread_kill, pthread_self};
use nix::sys::signal::Signal;

struct Shared {
    /// The call in flight, for the notice (kept only when notices are on).
    call: Mutex<String>,
    generation: AtomicU64,
    /// `sys::SIGINT_COUNT` when the call in flight started.
    sigints_before: AtomicU64,
    in_flight: AtomicBool,
    timed_out: AtomicBool,
    stop: Mutex<bool>,
    wake: Condvar,
    /// Run once when a call has stayed blocked for a tick (a script's
    /// buffered output is flushed, so what led to the call is seen).
    on_block: Mutex<Option<Box<dyn Fn() + Send>>>,
    /// When the session's time runs out (a lesson's 300 s): a call in
    /// flight then is interrupted, whatever its own timeout.
    deadline: Mutex<Option<Instant>>,
    /// The call in flight was interrupted because that time ran out.
    out_of_time: AtomicBool,
}

/// Interrupts a call that stays blocked longer than `timeout`, or that a
/// Ctrl-C was meant for; optionally says when a call is blocking.
pub struct Watchdog {
    shared: Arc<Shared>,
    timeout: Option<Duration>,
    notice: bool,
    thread: Option<JoinHandle<()>>,
}

/// How long a call runs before the shell says it is blocking.
const NOTICE_AFTER: Duration = Duration::from_millis(100);

impl Watchdog {
    /// Starts a watchdog for calls made on the current thread. With
    /// `notice`, a call blocking for 100 ms is announced on stdout.
    pub fn start(timeout: Option<Duration>, notice: bool) -> std::io::Result<Watchdog> {
        crate::sys::ensure_alarm_handler()?;
        let shared = Arc::new(Shared {
            call: Mutex::new(String::new()),
            generation: AtomicU64::new(0),
            sigints_before: AtomicU64::new(0),
            in_flight: AtomicBool::new(false),
            timed_out: AtomicBool::new(false),
            stop: Mutex::new(false),
            wake: Condvar::new(),
            on_block: Mutex::new(None),
            deadline: Mutex::new(None),
            out_of_time: AtomicBool::new(false),
        });
        let target = pthread_self();
        let watched = Arc::clone(&shared);
        let thread = spawn_without_sigint("socklab-watchdog".into(), None, move || {
            watch(&watched, target, timeout, notice)
        })?;
        Ok(Watchdog {
            shared,
            timeout,
            notice,
            thread: Some(thread),
        })
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Interrupts any call still in flight at `deadline` (None: no such
    /// time); the watchdog looks at least every 100 ms.
    pub fn set_deadline(&self, deadline: Option<Instant>) {
        if let Ok(mut slot) = self.shared.deadline.lock() {
            *slot = deadline;
        }
    }

    /// Whether the last call interrupted was interrupted because the
    /// deadline passed.
    pub fn ran_out_of_time(&self) -> bool {
        self.shared.out_of_time.load(Ordering::SeqCst)
    }

    /// Runs `hook` on the watchdog's thread once per call that stays
    /// blocked longer than a tick (5–100 ms).
    pub fn on_block(&self, hook: impl Fn() + Send + 'static) {
        if let Ok(mut slot) = self.shared.on_block.lock() {
            *slot = Some(Box::new(hook));
        }
    }

    /// Runs `call` (shown as `text` in a notice) as one watched blocking
    /// call; the flag says whether the timeout interrupted it.
    pub fn bounded<T>(&self, text: &str, call: impl FnOnce() -> T) -> (T, bool) {
        if self.notice
            && let Ok(mut current) = self.shared.call.lock()
        {
            current.clear();
            current.push_str(text);
        }
        // Plain stores, no locked instruction (this runs around every call):
        // this thread is the only writer of all but `timed_out`, and the
        // watchdog reads `in_flight` (Acquire) before the rest, so it never
        // sees this call in flight with the last call's generation.
        let shared = &self.shared;
        let sigints = crate::sys::SIGINT_COUNT.load(Ordering::Relaxed);
        shared.sigints_before.store(sigints, Ordering::Relaxed);
        shared.timed_out.store(false, Ordering::Relaxed);
        shared.out_of_time.store(false, Ordering::Relaxed);
        let generation = shared.generation.load(Ordering::Relaxed);
        shared
            .generation
            .store(generation.wrapping_add(1), Ordering::Relaxed);
        shared.in_flight.store(true, Ordering::Release);
        let result = call();
        shared.in_flight.store(false, Ordering::Release);
        let timed_out = shared.timed_out.load(Ordering::Acquire);
        if timed_out {
            shared.timed_out.store(false, Ordering::Relaxed);
        }
        (result, timed_out)
    }
}

/// Starts a helper thread that never takes SIGINT, so Ctrl-C always lands
/// on the thread running the foreground call. (SIGINT is blocked while the
/// thread is created, and a new thread inherits its creator's mask.)
pub fn spawn_without_sigint<F>(
    name: String,
    stack: Option<usize>,
    body: F,
) -> std::io::Result<JoinHandle<()>>
where
    F: FnOnce() + Send + 'static,
{
    use nix::sys::signal::{SigSet, SigmaskHow, pthread_sigmask};
    let mut sigint = SigSet::empty();
    sigint.add(Signal::SIGINT);
    let mut before = SigSet::empty();
    pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&sigint), Some(&mut before))?;
    let mut builder = std::thread::Builder::new().name(name);
    if let Some(size) = stack {
        builder = builder.stack_size(size);
    }
    let spawned = builder.spawn(body);
    pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&before), None)?;
    spawned
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Ok(mut stop) = self.shared.stop.lock() {
            *stop = true;
        }
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn watch(shared: &Shared, target: Pthread, timeout: Option<Duration>, notice: bool) {
    let tick = timeout.map_or(Duration::from_millis(20), |t| {
        (t / 20).clamp(Duration::from_millis(5), Duration::from_millis(100))
    });
    let mut seen_generation = u64::MAX;
    let mut seen_since = Instant::now();
    let mut noticed = false;
    let mut hooked = false;
    let Ok(mut stop) = shared.stop.lock() else {
        return;
    };
    loop {
        // Checked under the lock before waiting, so a stop that came before
        // this thread first waited is not missed.
        if *stop {
            return;
        }
        let Ok((guard, _)) = shared.wake.wait_timeout(stop, tick) else {
            return;
        };
        stop = guard;
        if *stop {
            return;
        }
        // `in_flight` first: a call seen in flight has its generation stored.
        let in_flight = shared.in_flight.load(Ordering::Acquire);
        let generation = shared.generation.load(Ordering::Relaxed);
        // Past the session's deadline, any call in flight is ended at once.
        let late = shared
            .deadline
            .lock()
            .ok()
            .and_then(|d| *d)
            .is_some_and(|deadline| Instant::now() >= deadline);
        if in_flight && late {
            shared.out_of_time.store(true, Ordering::SeqCst);
            shared.timed_out.store(true, Ordering::SeqCst);
            let _ = pthread_kill(target, Signal::SIGALRM);
            continue;
        }
        if !in_flight || generation != seen_generation {
            seen_generation = generation;
            seen_since = Instant::now();
            noticed = false;
            hooked = false;
            continue;
        }
        // The same call is still in flight since the last tick.
        if !hooked {
            hooked = true;
            if let Ok(hook) = shared.on_block.lock()
                && let Some(hook) = hook.as_ref()
            {
                hook();
            }
        }
        let elapsed = seen_since.elapsed();
        if notice && !noticed && elapsed >= NOTICE_AFTER {
            noticed = true;
            if let Ok(call) = shared.call.lock() {
                let mut out = crate::i18n::terminal(std::io::stdout().lock());
                let _ = writeln!(out, "{call} … blocking (Ctrl-C interrupts it)");
                let _ = out.flush();
            }
        }
        let expired = timeout.is_some_and(|t| elapsed >= t);
        if expired {
            shared.timed_out.store(true, Ordering::SeqCst);
        }
        // Repeated every tick while the same call is still in flight, so a
        // signal that lands just before the call blocks is not lost.
        let sigint = crate::sys::SIGINT_COUNT.load(Ordering::SeqCst)
            != shared.sigints_before.load(Ordering::SeqCst);
        if expired || sigint {
            let _ = pthread_kill(target, Signal::SIGALRM);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::UdpSocket;

    /// SIGINT_COUNT is process-wide: a test that raises it would make the
    /// other's watchdog interrupt its call as if Ctrl-C had been pressed.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    #[test]
    fn a_blocked_recv_is_interrupted_and_a_quick_one_is_not() {
        let _alone = ONE_AT_A_TIME.lock();
        crate::sys::install_signal_handlers().unwrap();
        let watchdog = Watchdog::start(Some(Duration::from_millis(50)), false).unwrap();
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut buf = [0u8; 8];

        let (result, timed_out) = watchdog.bounded("recv", || socket.recv(&mut buf));
        assert!(timed_out);
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::Interrupted);

        socket.send_to(b"hi", socket.local_addr().unwrap()).unwrap();
        let (result, timed_out) = watchdog.bounded("recv", || socket.recv(&mut buf));
        assert!(!timed_out);
        assert_eq!(result.unwrap(), 2);
    }

    #[test]
    fn a_ctrl_c_that_lands_just_before_the_call_still_interrupts_it() {
        let _alone = ONE_AT_A_TIME.lock();
        crate::sys::install_signal_handlers().unwrap();
        // The timeout only stops a broken build from hanging the test.
        let watchdog = Watchdog::start(Some(Duration::from_secs(5)), false).unwrap();
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut buf = [0u8; 8];
        let (result, timed_out) = watchdog.bounded("recv", || {
            // The SIGINT handler ran after the call was marked, before the
            // kernel was entered: the signal itself interrupted nothing.
            crate::sys::SIGINT_COUNT.fetch_add(1, Ordering::SeqCst);
            socket.recv(&mut buf)
        });
        assert!(!timed_out, "interrupted for the Ctrl-C, not by the timeout");
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::Interrupted);
    }
}
