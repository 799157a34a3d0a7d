//! Bounding blocked calls: the script-mode timeout and Ctrl-C.
//!
//! A blocked socket call is ended the way the API allows: a signal, whose
//! handler was installed without `SA_RESTART` (see `sys`), makes the kernel
//! return `EINTR`. For the timeout a watchdog thread sends SIGALRM to the
//! thread making the call once the call has been in flight too long. Marking
//! a call in flight is two atomic stores: no syscall, no clock read.
//!
//! Owns: the watchdog. Does not own the handlers (`sys`) or what a step
//! shows about the interruption (`session`).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::pthread::{Pthread, pthread_kill, pthread_self};
use nix::sys::signal::Signal;

struct Shared {
    generation: AtomicU64,
    in_flight: AtomicBool,
    timed_out: AtomicBool,
    stop: Mutex<bool>,
    wake: Condvar,
}

/// Interrupts a call that stays blocked longer than `timeout`.
pub struct Watchdog {
    shared: Arc<Shared>,
    timeout: Duration,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts a watchdog for calls made on the current thread.
    pub fn start(timeout: Duration) -> std::io::Result<Watchdog> {
        let shared = Arc::new(Shared {
            generation: AtomicU64::new(0),
            in_flight: AtomicBool::new(false),
            timed_out: AtomicBool::new(false),
            stop: Mutex::new(false),
            wake: Condvar::new(),
        });
        let target = pthread_self();
        let watched = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("socklab-watchdog".into())
            .spawn(move || watch(&watched, target, timeout))?;
        Ok(Watchdog {
            shared,
            timeout,
            thread: Some(thread),
        })
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Runs `call` as one bounded blocking call; the flag says whether the
    /// watchdog interrupted it.
    pub fn bounded<T>(&self, call: impl FnOnce() -> T) -> (T, bool) {
        self.shared.timed_out.store(false, Ordering::SeqCst);
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        self.shared.in_flight.store(true, Ordering::SeqCst);
        let result = call();
        self.shared.in_flight.store(false, Ordering::SeqCst);
        let timed_out = self.shared.timed_out.swap(false, Ordering::SeqCst);
        (result, timed_out)
    }
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

fn watch(shared: &Shared, target: Pthread, timeout: Duration) {
    let tick = (timeout / 20).clamp(Duration::from_millis(5), Duration::from_millis(100));
    let mut seen_generation = u64::MAX;
    let mut seen_since = Instant::now();
    let Ok(mut stop) = shared.stop.lock() else {
        return;
    };
    loop {
        let Ok((guard, _)) = shared.wake.wait_timeout(stop, tick) else {
            return;
        };
        stop = guard;
        if *stop {
            return;
        }
        let generation = shared.generation.load(Ordering::SeqCst);
        if !shared.in_flight.load(Ordering::SeqCst) || generation != seen_generation {
            seen_generation = generation;
            seen_since = Instant::now();
            continue;
        }
        if seen_since.elapsed() >= timeout {
            shared.timed_out.store(true, Ordering::SeqCst);
            // Repeated every tick while the same call is still in flight, so a
            // signal that lands just before the call blocks is not lost.
            let _ = pthread_kill(target, Signal::SIGALRM);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::UdpSocket;

    #[test]
    fn a_blocked_recv_is_interrupted_and_a_quick_one_is_not() {
        crate::sys::install_signal_handlers().unwrap();
        let watchdog = Watchdog::start(Duration::from_millis(50)).unwrap();
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut buf = [0u8; 8];

        let (result, timed_out) = watchdog.bounded(|| socket.recv(&mut buf));
        assert!(timed_out);
        assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::Interrupted);

        socket.send_to(b"hi", socket.local_addr().unwrap()).unwrap();
        let (result, timed_out) = watchdog.bounded(|| socket.recv(&mut buf));
        assert!(!timed_out);
        assert_eq!(result.unwrap(), 2);
    }
}
