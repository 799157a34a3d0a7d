//! Background work: `CMD &` jobs and `watch` receivers.
//!
//! Each runs on a thread of its own, in a session of its own that shares
//! only the sockets it names (`Session::detached`), so a background call is
//! the same code, and the same one system call, as in the foreground. What
//! it produced waits in the `Inbox` until the driver shows it: at the next
//! step boundary after `settle` (scripts and transcripts, so the output does
//! not depend on thread timing), or at once above the prompt (the shell).
//!
//! A worker is stopped the way any blocked call can be: SIGALRM, whose
//! handler has no SA_RESTART, makes its call return EINTR. The signal is
//! repeated until the thread has finished, so one that lands just before
//! the call blocks is not lost; then the thread is joined, and the sockets
//! it shared are back to one holder. Workers block SIGINT: Ctrl-C belongs to
//! the foreground call.
//!
//! Owns: the worker threads, the inbox, settling and stopping. Does not own
//! what a result changes in the handle table (`session`) or how it is shown
//! (`runner`, `render`).

use std::collections::VecDeque;
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::thread::JoinHandleExt;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::eventfd::{EfdFlags, EventFd};
use nix::sys::pthread::pthread_kill;
use nix::sys::signal::Signal;

use crate::session::Handle;
use crate::step::Step;

/// What a worker's blocking call is doing, for settling and stopping.
#[derive(Default)]
pub struct Probe {
    /// The worker's kernel thread id (0 until it has started).
    tid: AtomicI32,
    in_call: AtomicBool,
    finished: Mutex<bool>,
    done: Condvar,
}

impl Probe {
    /// Runs one blocking call, marked as in flight.
    pub fn call<T>(&self, call: impl FnOnce() -> T) -> T {
        self.in_call.store(true, Ordering::SeqCst);
        let result = call();
        self.in_call.store(false, Ordering::SeqCst);
        result
    }

    fn finish(&self) {
        if let Ok(mut finished) = self.finished.lock() {
            *finished = true;
        }
        self.done.notify_all();
    }

    fn is_finished(&self) -> bool {
        self.finished.lock().map(|f| *f).unwrap_or(true)
    }

    /// Waits up to `limit` for the worker to finish; true if it has.
    fn wait_finished(&self, limit: Duration) -> bool {
        let Ok(finished) = self.finished.lock() else {
            return true;
        };
        match self.done.wait_timeout_while(finished, limit, |f| !*f) {
            Ok((finished, _)) => *finished,
            Err(_) => true,
        }
    }

    /// Finished, or asleep inside its blocking call. A wake-up (a connection
    /// queued, data arrived) makes a sleeping thread runnable before the
    /// call that caused it returns, so a settled worker has nothing left to
    /// report about the steps before.
    fn is_settled(&self) -> bool {
        self.is_finished()
            || (self.in_call.load(Ordering::SeqCst)
                && thread_is_sleeping(self.tid.load(Ordering::SeqCst)))
    }
}

/// Marks the worker finished and wakes the inbox's waiters, even when the
/// worker sent nothing (a stopped watcher) or panicked.
struct FinishOnDrop(Arc<Probe>, Arc<Inbox>);

impl Drop for FinishOnDrop {
    fn drop(&mut self) {
        self.0.finish();
        self.1.wake();
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

/// One result from a worker: a step to show, and the handles it created.
pub struct Event {
    pub job: u32,
    pub step: Step,
    pub handles: Vec<Handle>,
}

/// Results waiting to be shown. Its eventfd is readable exactly while the
/// queue holds something, so any number of waiters can poll it.
pub struct Inbox {
    queue: Mutex<VecDeque<Event>>,
    ready: EventFd,
}

impl Inbox {
    fn new() -> io::Result<Inbox> {
        let ready = EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK)?;
        Ok(Inbox {
            queue: Mutex::new(VecDeque::new()),
            ready,
        })
    }

    /// Makes the fd readable until the next `take_all`.
    fn wake(&self) {
        let _ = self.ready.write(1);
    }

    fn push(&self, event: Event) {
        if let Ok(mut queue) = self.queue.lock() {
            if queue.is_empty() {
                let _ = self.ready.write(1);
            }
            queue.push_back(event);
        }
    }

    /// Everything waiting, oldest first.
    pub fn take_all(&self) -> Vec<Event> {
        let Ok(mut queue) = self.queue.lock() else {
            return Vec::new();
        };
        // Nonblocking: EAGAIN when nothing was signalled.
        let _ = self.ready.read();
        queue.drain(..).collect()
    }

    /// Readable while results are waiting.
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.ready.as_fd()
    }
}

/// What a worker is given: where to send results, its probe, and whether it
/// has been told to stop.
pub struct Context {
    job: u32,
    inbox: Arc<Inbox>,
    pub probe: Arc<Probe>,
    stop: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
}

impl Context {
    pub fn send(&self, step: Step, handles: Vec<Handle>) {
        self.received.fetch_add(1, Ordering::SeqCst);
        self.inbox.push(Event {
            job: self.job,
            step,
            handles,
        });
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// What a worker does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Work {
    /// One command run with `&`, as the user typed it (without the `&`).
    Call(String),
    /// `watch H`: receiving on H in a loop.
    Watch(String),
}

struct Worker {
    id: u32,
    work: Work,
    /// The handles it uses (closing one stops it).
    uses: Vec<String>,
    /// Names of handles it will create (a background accept's).
    reserves: Vec<String>,
    probe: Arc<Probe>,
    stop: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Stops the worker (SIGALRM until it has finished) and joins it.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let Some(thread) = self.thread.take() else {
            return;
        };
        // The thread is not joined yet, so its pthread_t is still valid.
        let pthread = thread.as_pthread_t();
        while !self.probe.is_finished() {
            let _ = pthread_kill(pthread, Signal::SIGALRM);
            self.probe.wait_finished(Duration::from_millis(10));
        }
        let _ = thread.join();
    }
}

/// One line of `jobs`.
pub struct JobInfo {
    pub id: u32,
    pub work: Work,
    /// Asleep in its blocking call (else running, or finished and not yet shown).
    pub blocked: bool,
    pub finished: bool,
    pub received: u64,
}

/// The session's background workers.
pub struct Jobs {
    inbox: Option<Arc<Inbox>>,
    workers: Vec<Worker>,
    next_id: u32,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs {
            inbox: None,
            workers: Vec::new(),
            next_id: 1,
        }
    }
}

impl Jobs {
    /// The inbox, created with the first worker (or for the shell's courier).
    pub fn inbox(&mut self) -> io::Result<Arc<Inbox>> {
        if let Some(inbox) = &self.inbox {
            return Ok(Arc::clone(inbox));
        }
        let inbox = Arc::new(Inbox::new()?);
        self.inbox = Some(Arc::clone(&inbox));
        Ok(inbox)
    }

    /// Starts a worker running `body`; returns its job number.
    pub fn spawn(
        &mut self,
        work: Work,
        uses: Vec<String>,
        reserves: Vec<String>,
        body: impl FnOnce(Context) + Send + 'static,
    ) -> io::Result<u32> {
        crate::sys::ensure_alarm_handler()?;
        let inbox = self.inbox()?;
        let waiters = Arc::clone(&inbox);
        let id = self.next_id;
        let probe = Arc::new(Probe::default());
        let stop = Arc::new(AtomicBool::new(false));
        let received = Arc::new(AtomicU64::new(0));
        let context = Context {
            job: id,
            inbox,
            probe: Arc::clone(&probe),
            stop: Arc::clone(&stop),
            received: Arc::clone(&received),
        };
        let thread = crate::interrupt::spawn_without_sigint(format!("socklab-job-{id}"), {
            let probe = Arc::clone(&probe);
            move || {
                probe
                    .tid
                    .store(nix::unistd::gettid().as_raw(), Ordering::SeqCst);
                // Finished even if the body panics, so stopping never waits forever.
                let _finished = FinishOnDrop(probe, waiters);
                body(context);
            }
        })?;
        self.next_id += 1;
        self.workers.push(Worker {
            id,
            work,
            uses,
            reserves,
            probe,
            stop,
            received,
            thread: Some(thread),
        });
        Ok(id)
    }

    /// Waits (up to `limit`) until every worker has finished or is asleep
    /// in its blocking call, so that all it was woken for is in the inbox.
    pub fn settle(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        // No event marks a thread falling asleep in the kernel: an unsettled
        // worker is looked at again after 1 ms, or as soon as it finishes.
        while let Some(busy) = self.workers.iter().find(|w| !w.probe.is_settled()) {
            if Instant::now() >= deadline {
                return;
            }
            busy.probe.wait_finished(Duration::from_millis(1));
        }
    }

    /// Job numbers of the workers that have finished (their last result is
    /// in the inbox).
    pub fn finished(&self) -> Vec<u32> {
        self.workers
            .iter()
            .filter(|w| w.probe.is_finished())
            .map(|w| w.id)
            .collect()
    }

    /// Joins and forgets the given finished workers, once their results
    /// have been taken from the inbox.
    pub fn reap(&mut self, ids: &[u32]) {
        for worker in &mut self.workers {
            if ids.contains(&worker.id) {
                worker.stop();
            }
        }
        self.workers.retain(|w| !ids.contains(&w.id));
    }

    /// Joins and forgets the finished workers none of whose results still
    /// wait in the inbox: all they did has been shown. (A worker can finish
    /// just after the results it sent were shown; `jobs` would otherwise
    /// list it until the next step boundary.)
    pub fn reap_shown(&mut self) {
        let waiting: Vec<u32> = match &self.inbox {
            Some(inbox) => inbox
                .queue
                .lock()
                .map(|queue| queue.iter().map(|event| event.job).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let done: Vec<u32> = self
            .finished()
            .into_iter()
            .filter(|id| !waiting.contains(id))
            .collect();
        self.reap(&done);
    }

    /// Stops every worker using `handle`; returns their job numbers.
    pub fn stop_using(&mut self, handle: &str) -> Vec<u32> {
        let mut stopped = Vec::new();
        for worker in &mut self.workers {
            if worker.uses.iter().any(|h| h == handle) && !worker.probe.is_finished() {
                worker.stop();
                stopped.push(worker.id);
            }
        }
        stopped
    }

    /// Stops the worker `id`; false if there is no such worker.
    pub fn stop(&mut self, id: u32) -> bool {
        match self.workers.iter_mut().find(|w| w.id == id) {
            Some(worker) => {
                worker.stop();
                true
            }
            None => false,
        }
    }

    /// Stops every worker; returns what each was doing.
    pub fn stop_all(&mut self) -> Vec<(u32, Work)> {
        let mut stopped = Vec::new();
        for worker in &mut self.workers {
            if !worker.probe.is_finished() {
                stopped.push((worker.id, worker.work.clone()));
            }
            worker.stop();
        }
        stopped
    }

    pub fn exists(&self, id: u32) -> bool {
        self.workers.iter().any(|w| w.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }

    /// The line that started job `id`, as `--json` shows it for its results.
    pub fn input_of(&self, id: u32) -> String {
        match self.workers.iter().find(|w| w.id == id).map(|w| &w.work) {
            Some(Work::Call(line)) => format!("{line} &"),
            Some(Work::Watch(handle)) => format!("watch {handle}"),
            None => String::new(),
        }
    }

    /// The job that watches `handle`, if one does.
    pub fn watching(&self, handle: &str) -> Option<u32> {
        self.workers
            .iter()
            .find(|w| w.work == Work::Watch(handle.to_string()) && !w.probe.is_finished())
            .map(|w| w.id)
    }

    /// Whether a worker (finished or not) has `handle`: its call may have
    /// moved the handle's state without the kernel waking anyone.
    /// Every handle a worker uses (a name may come more than once).
    pub fn used_handles(&self) -> impl Iterator<Item = &str> {
        self.workers
            .iter()
            .flat_map(|w| w.uses.iter().map(String::as_str))
    }

    pub fn uses(&self, handle: &str) -> bool {
        self.workers
            .iter()
            .any(|w| w.uses.iter().any(|h| h == handle))
    }

    /// Running calls (not watchers): what a bare `wait` waits for.
    pub fn calls(&self) -> Vec<u32> {
        self.workers
            .iter()
            .filter(|w| matches!(w.work, Work::Call(_)))
            .map(|w| w.id)
            .collect()
    }

    /// The job that will create a handle called `name`, if one will.
    pub fn reserved_by(&self, name: &str) -> Option<u32> {
        self.workers
            .iter()
            .find(|w| w.reserves.iter().any(|r| r == name))
            .map(|w| w.id)
    }

    pub fn list(&self) -> Vec<JobInfo> {
        self.workers
            .iter()
            .map(|w| JobInfo {
                id: w.id,
                work: w.work.clone(),
                blocked: !w.probe.is_finished() && w.probe.is_settled(),
                finished: w.probe.is_finished(),
                received: w.received.load(Ordering::SeqCst),
            })
            .collect()
    }

    /// The inbox's readiness fd, if any worker was ever started.
    pub fn inbox_fd(&self) -> Option<BorrowedFd<'_>> {
        self.inbox.as_ref().map(|inbox| inbox.fd())
    }

    /// Everything the workers produced so far.
    pub fn take_events(&self) -> Vec<Event> {
        self.inbox
            .as_ref()
            .map(|inbox| inbox.take_all())
            .unwrap_or_default()
    }
}

impl Drop for Jobs {
    fn drop(&mut self) {
        self.stop_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::UdpSocket;

    fn events(jobs: &Jobs) -> Vec<u32> {
        jobs.take_events().iter().map(|e| e.job).collect()
    }

    #[test]
    fn a_worker_blocked_in_recv_is_settled_and_is_stopped_by_signal() {
        crate::sys::install_signal_handlers().unwrap();
        let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap());
        let mut jobs = Jobs::default();
        let shared = Arc::clone(&socket);
        let id = jobs
            .spawn(Work::Call("recv".into()), vec![], vec![], move |cx| {
                let mut buf = [0u8; 8];
                let result = cx.probe.call(|| shared.recv(&mut buf));
                assert!(result.is_err(), "only a signal ends this recv");
                cx.send(Step::new("recv", None), Vec::new());
            })
            .unwrap();
        // Settled means asleep in the call: nothing to show yet.
        jobs.settle(Duration::from_secs(10));
        assert!(jobs.list()[0].blocked);
        assert!(events(&jobs).is_empty());
        assert!(jobs.stop(id));
        assert_eq!(events(&jobs), vec![id]);
        assert_eq!(
            Arc::strong_count(&socket),
            1,
            "the worker let go of the socket"
        );
    }

    #[test]
    fn settle_waits_for_a_woken_worker_to_report() {
        crate::sys::install_signal_handlers().unwrap();
        let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap());
        let mut jobs = Jobs::default();
        let shared = Arc::clone(&socket);
        let id = jobs
            .spawn(Work::Watch("u".into()), vec![], vec![], move |cx| {
                let mut buf = [0u8; 8];
                while let Ok(n) = cx.probe.call(|| shared.recv(&mut buf)) {
                    let mut step = Step::new("recv", None);
                    step.data = Some(buf[..n].to_vec());
                    cx.send(step, Vec::new());
                }
            })
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
}
