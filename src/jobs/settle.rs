//! Settling the jobs: waiting until every worker has finished or is
//! asleep in its blocking call, so that all it was woken for is in the
//! inbox (at a step boundary: see `super`).
//!
//! Settling costs what changed, not how many jobs there are. Only the jobs
//! "in view" are looked at (in /proc: is the thread asleep in its call?). A
//! job leaves the view once it was seen asleep and its handles' states were
//! read since, and comes back when something may have woken it:
//!
//! - a wake-up of one of its sockets. Each is in one edge-triggered epoll
//!   set for every event, so the wake-up that ends the worker's sleep also
//!   queues the socket there. epoll reports a queued socket only if it is
//!   still ready when asked, and the worker may already have taken what
//!   woke it (the data, the connection); so a job leaves the view only
//!   while its sockets are writable (EPOLLOUT, which a wake-up leaves
//!   standing) or listening;
//! - for a listener, a `connect` step (a connection the worker may already
//!   have taken), and any step or job on one of its handles;
//! - its call returning; a new job on one of its sockets;
//! - never, for a call that can end on a timer of its own (SO_RCVTIMEO, a
//!   poll timeout): such a job stays in view.
//!
//! Owns: the view (which jobs are looked at), bringing jobs into it and
//! letting them leave, and the wait itself. Does not own the workers or
//! the table (`super`), or what a probe reads of a thread (`probe`).

use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::wakes::{connection_waits, is_listening, wake_stays_visible};
use super::{Jobs, Probe, Shared, Worker};

/// What a look at a job in view found.
enum Seen {
    /// In its call and not asleep, or about to be woken.
    Busy,
    /// Finished, or asleep in its call.
    Settled,
    /// Asleep on a listening socket, marked so: it leaves the view, and a
    /// `connect` step brings it back.
    AsleepOnListener,
}

/// Looks at one worker: whether it is busy; one asleep where a wake-up
/// would show is marked asleep (when the session trusts sleep).
fn look_at(worker: &Worker, trust_sleep: bool) -> Seen {
    match worker.probe.settled() {
        (false, _) => Seen::Busy,
        // An accept asleep while a connection waits on its listener is
        // about to be woken: the kernel queues the connection first and
        // wakes the listener's waiters after (on a busy machine from
        // ksoftirqd, which may run milliseconds later), so the connect
        // that made it is seen to return first. Not settled until it
        // takes it. (A job that reserves a name is an accept.)
        (true, Some(_)) if !worker.reserves.is_empty() && connection_waits(&worker.sockets) => {
            Seen::Busy
        }
        (true, Some(call)) if trust_sleep && worker.watched => {
            if worker.probe.timed.load(Ordering::SeqCst) {
                return Seen::Settled;
            }
            let (visible, listening) = wake_stays_visible(&worker.sockets);
            if visible {
                worker.probe.mark_asleep(call);
                if listening {
                    return Seen::AsleepOnListener;
                }
            }
            Seen::Settled
        }
        (true, _) => Seen::Settled,
    }
}

/// No event marks a thread falling asleep in the kernel. A worker just
/// started or woken is usually asleep again within microseconds: yield a
/// few times, then wait 10 µs, 20 µs … up to a millisecond (or until it
/// finishes).
fn pause(spins: u32, probe: &Probe) {
    if spins <= 20 {
        std::thread::yield_now();
    } else {
        let wait = 10u64 << (spins - 20).min(7);
        probe.wait_finished(Duration::from_micros(wait.min(1000)));
    }
}

impl Jobs {
    /// Waits (up to `limit`) until every worker has finished or is asleep
    /// in its blocking call, so that all it was woken for is in the inbox.
    /// Looks only at the jobs in view (see the module's note).
    pub fn settle(&mut self, limit: Duration) {
        self.collect_wakes();
        let deadline = Instant::now() + limit;
        let mut spins = 0u32;
        while let Some(probe) = self.look() {
            if Instant::now() >= deadline {
                return;
            }
            spins += 1;
            pause(spins, &probe);
        }
    }

    /// Looks at every job in view (and marks those asleep), not only up to
    /// the first busy one: a pass also serves the shell, which does not
    /// wait. Returns the first busy job's probe, if one is busy.
    fn look(&mut self) -> Option<Arc<Probe>> {
        let mut busy = None;
        for id in &self.view {
            let Some(worker) = self.workers.get(id) else {
                continue;
            };
            match look_at(worker, self.trust_sleep) {
                Seen::Busy => {
                    busy.get_or_insert(Arc::clone(&worker.probe));
                }
                Seen::AsleepOnListener => {
                    self.on_listeners.insert(*id);
                }
                Seen::Settled => {}
            }
        }
        busy
    }

    /// Puts job `id`'s sockets in the wake-up set; whether all of them are
    /// watched there (else the job stays in view).
    pub(super) fn watch(&mut self, id: u32, sockets: &[Shared]) -> bool {
        let Some(wakes) = &mut self.wakes else {
            return false;
        };
        let mut watched = true;
        for socket in sockets {
            // Another job on the same socket: what this one does (a send
            // filling the buffer) may change what a wake-up of that one
            // leaves standing. Not so on a listener, where jobs only
            // accept.
            let others = wakes.users(socket.as_fd().as_raw_fd());
            if !others.is_empty() && !is_listening(socket) {
                self.view.extend(others.iter().copied());
            }
            watched &= wakes.add(socket.as_fd(), id);
        }
        watched
    }

    /// The wake-up set's fd, to be nested in the session's epoll set.
    pub fn wake_fd(&self) -> Option<BorrowedFd<'_>> {
        self.wakes.as_ref().map(|wakes| wakes.epoll.0.as_fd())
    }

    /// Whether the wake-up set had anything to report, as the session's
    /// epoll set (which holds it) saw at its step's end.
    pub fn set_wake_hint(&mut self, woken: bool) {
        // A wake-up reported once (before a step's call, say) stands until
        // the jobs have looked.
        self.wake_hint = Some(self.wake_hint == Some(true) || woken);
    }

    /// Brings into view the jobs something may have woken: their sockets'
    /// wake-ups, their calls' returns, their ends.
    fn collect_wakes(&mut self) {
        let quiet = self.wake_hint.take() == Some(false);
        if let Some(wakes) = self.wakes.as_mut().filter(|_| !quiet) {
            let (workers, view) = (&self.workers, &mut self.view);
            wakes.collect(|id| {
                if let Some(worker) = workers.get(&id) {
                    worker.probe.woken();
                    view.insert(id);
                }
            });
        }
        let returned = match self.returned.lock() {
            Ok(mut returned) => std::mem::take(&mut *returned),
            Err(_) => Vec::new(),
        };
        for id in returned {
            self.bring_into_view(id);
        }
        self.collect_ended();
    }

    /// Whether job `id`'s worker has ended (its last results are in the
    /// inbox, or were taken), not yet reaped.
    pub fn has_ended(&mut self, id: u32) -> bool {
        self.collect_ended();
        self.done.contains(&id)
    }

    /// Notes the workers that ended (their last results are in the inbox).
    pub(super) fn collect_ended(&mut self) {
        let ended = match self.ended.lock() {
            Ok(mut ended) => std::mem::take(&mut *ended),
            Err(_) => Vec::new(),
        };
        for id in ended {
            if self.workers.contains_key(&id) {
                self.bring_into_view(id);
                self.done.insert(id);
            }
        }
    }

    fn bring_into_view(&mut self, id: u32) {
        if let Some(worker) = self.workers.get(&id) {
            worker.probe.woken();
            self.view.insert(id);
            self.on_listeners.remove(&id);
        }
    }

    /// What a step did that no socket wake-up shows: it acted on `handle`
    /// (a send can leave its socket unwritable; a `listen`, a listener), or
    /// it was a `connect` (a listener's job may have taken the connection
    /// before its wake-up was looked at).
    pub fn note_step(&mut self, verb: &str, handle: Option<&str>) {
        if self.workers.is_empty() {
            return;
        }
        if let Some(users) = handle.and_then(|h| self.users.get(h)) {
            for id in users.clone() {
                self.bring_into_view(id);
            }
        }
        if verb == "connect" {
            for id in std::mem::take(&mut self.on_listeners) {
                self.bring_into_view(id);
            }
        }
    }

    /// Whether a step that only moved data on `handle` leaves every job as
    /// it was seen: none is in view (each was seen asleep, its handles
    /// read) and none uses the handle (`note_step` would bring it into
    /// view). Then only a wake-up of a job's socket can change that.
    pub fn quiet_after_data_on(&self, handle: Option<&str>) -> bool {
        self.view.is_empty() && handle.is_none_or(|h| !self.users.contains_key(h))
    }

    /// The handles whose TCP state a worker's own call may have moved with
    /// no wake-up (a background connect's SYN_SENT): those of every job in
    /// view. A job known asleep then leaves the view.
    pub fn handles_to_read(&mut self) -> Vec<String> {
        let mut names = Vec::new();
        let mut quiet = Vec::new();
        for id in &self.view {
            let Some(worker) = self.workers.get(id) else {
                continue;
            };
            names.extend(worker.uses.iter().cloned());
            if worker.probe.known_asleep() {
                quiet.push(*id);
            }
        }
        for id in quiet {
            self.view.remove(&id);
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use std::net::UdpSocket;
    use std::sync::Arc;
    use std::time::Duration;

    use super::super::tests::events;
    use super::super::{Jobs, Shared, Work};
    use crate::step::Step;

    #[test]
    fn settle_waits_for_a_woken_worker_to_report() {
        crate::sys::install_signal_handlers().unwrap();
        let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap());
        let mut jobs = Jobs::default();
        let shared = Arc::clone(&socket);
        let id = jobs
            .spawn(
                Work::Watch("u".into()),
                vec![],
                vec![],
                vec![socket.clone() as Shared],
                move |cx| {
                    let mut buf = [0u8; 8];
                    while let Ok(n) = cx.probe.call(false, || shared.recv(&mut buf)) {
                        let mut step = Step::new("recv", None);
                        step.data = Some(buf[..n].to_vec());
                        let _ = cx.send(step, Vec::new());
                    }
                },
            )
            .unwrap();
        jobs.settle(Duration::from_secs(10));
        for round in 0..50u8 {
            socket
                .send_to(&[round], socket.local_addr().unwrap())
                .unwrap();
            jobs.settle(Duration::from_secs(10));
            let got = jobs.take_events();
            assert_eq!(got.len(), 1, "round {round}: the datagram was reported");
            assert_eq!(got[0].step.data.as_deref(), Some(&[round][..]));
        }
        jobs.stop(id);
    }

    /// Jobs seen asleep leave the view (a step then looks at none of
    /// them), and a wake-up of one socket brings back that job alone.
    #[test]
    fn asleep_jobs_leave_the_view_until_their_socket_wakes() {
        crate::sys::install_signal_handlers().unwrap();
        let mut jobs = Jobs::default();
        let sockets: Vec<Arc<UdpSocket>> = (0..20)
            .map(|_| Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap()))
            .collect();
        for (k, socket) in sockets.iter().enumerate() {
            let shared = Arc::clone(socket);
            jobs.spawn(
                Work::Watch(format!("u{k}")),
                vec![format!("u{k}")],
                vec![],
                vec![socket.clone() as Shared],
                move |cx| {
                    let mut buf = [0u8; 8];
                    while let Ok(n) = cx.probe.call(false, || shared.recv(&mut buf)) {
                        let mut step = Step::new("recv", None);
                        step.data = Some(buf[..n].to_vec());
                        let _ = cx.send(step, Vec::new());
                    }
                },
            )
            .unwrap();
        }
        jobs.settle(Duration::from_secs(10));
        assert_eq!(jobs.handles_to_read().len(), 20, "each job's handle, once");
        assert!(jobs.view.is_empty(), "all asleep: {:?}", jobs.view);
        assert!(jobs.handles_to_read().is_empty());

        let target = &sockets[7];
        target.send_to(b"hi", target.local_addr().unwrap()).unwrap();
        jobs.settle(Duration::from_secs(10));
        let got = jobs.take_events();
        assert_eq!(got.len(), 1, "the woken job reported before settle ended");
        assert_eq!(got[0].job, 8);
        assert_eq!(jobs.view.iter().copied().collect::<Vec<_>>(), vec![8]);
        assert_eq!(jobs.handles_to_read(), vec!["u7".to_string()]);
        assert!(jobs.view.is_empty());
        jobs.stop_all();
    }

    /// A listener's job that takes its connection before the wake-up is
    /// looked at leaves no trace in the epoll set: a `connect` step brings
    /// it into view, so the accept is reported at that step's boundary.
    #[test]
    fn a_connect_step_brings_a_listeners_job_into_view() {
        crate::sys::install_signal_handlers().unwrap();
        let listener = Arc::new(std::net::TcpListener::bind("127.0.0.1:0").unwrap());
        let addr = listener.local_addr().unwrap();
        let mut jobs = Jobs::default();
        let shared = Arc::clone(&listener);
        let id = jobs
            .spawn(
                Work::Call("accept srv".into()),
                vec!["srv".into()],
                vec![],
                vec![listener.clone() as Shared],
                move |cx| {
                    let accepted = cx.probe.call(false, || shared.accept());
                    assert!(accepted.is_ok());
                    let _ = cx.send(Step::new("accept", None), Vec::new());
                },
            )
            .unwrap();
        jobs.settle(Duration::from_secs(10));
        jobs.handles_to_read();
        assert!(jobs.view.is_empty(), "asleep on its listener");
        assert!(jobs.on_listeners.contains(&id));
        let _client = std::net::TcpStream::connect(addr).unwrap();
        jobs.note_step("connect", Some("cli"));
        assert!(jobs.view.contains(&id));
        jobs.settle(Duration::from_secs(10));
        assert_eq!(events(&jobs), vec![id]);
        assert_eq!(jobs.finished(), vec![id]);
        jobs.reap(&[id]);
        assert!(jobs.is_empty());
        assert_eq!(Arc::strong_count(&listener), 1, "the job let go of it");
    }
}
