//! Background work: `CMD &` jobs and `watch` receivers.
//!
//! Each runs on a thread of its own, in a session of its own that shares
//! only the sockets it names (`Session::detached`), so a background call is
//! the same code, and the same one system call, as in the foreground. What
//! it produced waits in the `Inbox` until the driver shows it: at the next
//! step boundary after `settle` (scripts and transcripts, so the output does
//! not depend on thread timing), or at once above the prompt (the shell).
//!
//! Settling — waiting until every worker is asleep in its call or has
//! finished, looking only at the jobs something may have woken — is
//! `settle`'s.
//!
//! A worker is stopped the way any blocked call can be: SIGALRM, whose
//! handler has no SA_RESTART, makes its call return EINTR. The signal is
//! repeated until the thread has finished, so one that lands just before
//! the call blocks is not lost; then the thread is joined, and the sockets
//! it shared are back to one holder. Workers block SIGINT: Ctrl-C belongs to
//! the foreground call.
//!
//! Owns: the jobs table, the worker threads, spawning and stopping. Does
//! not own what a result changes in the handle table (`session`) or how it
//! is shown (`runner`, `render`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::os::fd::BorrowedFd;
use std::os::unix::thread::JoinHandleExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use foldhash::fast::RandomState;
use nix::sys::pthread::pthread_kill;
use nix::sys::signal::Signal;

use crate::handle::Handle;
use crate::step::Step;

mod inbox;
mod probe;
mod settle;
mod wakes;

pub use inbox::{Event, Inbox};
pub use probe::Probe;
pub use wakes::Shared;

use probe::FinishOnDrop;
use wakes::Wakes;

/// A worker's stack: it runs one command's code (parsing and rendering stay
/// on the driver's thread), far from the 2 MiB a thread gets by default.
const WORKER_STACK: usize = 256 * 1024;

/// What a worker is given: where to send results, its probe, and whether it
/// has been told to stop.
pub struct Context {
    job: u32,
    inbox: Arc<Inbox>,
    budget: Arc<crate::budget::Budget>,
    pub probe: Arc<Probe>,
    stop: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
}

impl Context {
    /// Hands a result to the inbox, to be shown. What it keeps until then
    /// is taken from the session's budget; when that is full the result is
    /// still handed over (nothing is lost), and the worker is told to stop
    /// making more.
    pub fn send(&self, step: Step, handles: Vec<Handle>) -> Result<(), crate::budget::Full> {
        self.received.fetch_add(1, Ordering::SeqCst);
        let held = self.budget.hold(kept_bytes(&step));
        let full = held.as_ref().err().copied();
        self.inbox.push(Event {
            job: self.job,
            step,
            handles,
            held: held.ok(),
        });
        full.map_or(Ok(()), Err)
    }

    pub fn job(&self) -> u32 {
        self.job
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
    work: Work,
    /// The handles it uses (closing one stops it).
    uses: Vec<String>,
    /// Names of handles it will create (a background accept's).
    reserves: Vec<String>,
    /// Its sockets, held open while they are in the wake-up set (let go
    /// when it is stopped).
    sockets: Vec<Shared>,
    /// Every one of its sockets is in the wake-up set.
    watched: bool,
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

/// What a result waiting in the inbox keeps: its data and text, and the
/// step around them.
fn kept_bytes(step: &Step) -> usize {
    std::mem::size_of::<Step>() + step.data.as_ref().map_or(0, Vec::capacity) + step.text_bytes()
}

/// Why a worker did not start.
#[derive(Debug)]
pub enum SpawnError {
    /// The session runs as many as its budget allows.
    Budget(usize),
    /// The thread (or the inbox) could not be made.
    Io(io::Error),
}

impl From<io::Error> for SpawnError {
    fn from(error: io::Error) -> SpawnError {
        SpawnError::Io(error)
    }
}

impl std::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpawnError::Budget(limit) => write!(
                f,
                "the session runs {limit} background jobs and watchers already, the most its \
                 budget allows — wait for one (wait), or stop a watcher (unwatch H)"
            ),
            SpawnError::Io(error) => write!(f, "cannot start a thread: {error}"),
        }
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
    /// By job number, so in the order started.
    workers: BTreeMap<u32, Worker>,
    /// Handle name → the jobs that use it.
    users: HashMap<String, Vec<u32>, RandomState>,
    /// Handle name → the job that will create it.
    reserved: HashMap<String, u32, RandomState>,
    /// Counts every change to `reserved` (see `reservations`).
    reservations: u64,
    /// The workers' sockets' wake-ups (None if epoll failed: then every
    /// job stays in view).
    wakes: Option<Wakes>,
    /// The jobs in view (see `settle`'s note).
    view: BTreeSet<u32>,
    /// Jobs asleep on a listening socket (a `connect` step brings them
    /// into view).
    on_listeners: BTreeSet<u32>,
    /// Jobs whose call returned, as each worker reports it.
    returned: Arc<Mutex<Vec<u32>>>,
    /// Jobs that ended, as each worker reports it.
    ended: Arc<Mutex<Vec<u32>>>,
    /// Jobs known to have ended, not yet reaped.
    done: BTreeSet<u32>,
    /// Out of view only in a session that says so (`set_trust_sleep`).
    trust_sleep: bool,
    /// What the session's own epoll set, which holds the wake-up set,
    /// said of it at the last step (`set_wake_hint`): Some(false) lets
    /// the next settle skip asking the set itself.
    wake_hint: Option<bool>,
    next_id: u32,
    /// The session's budgets: the most workers at once, and the memory
    /// their results keep while they wait.
    budget: Arc<crate::budget::Budget>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs {
            inbox: None,
            workers: BTreeMap::new(),
            users: HashMap::default(),
            reserved: HashMap::default(),
            reservations: 0,
            wakes: None,
            view: BTreeSet::new(),
            on_listeners: BTreeSet::new(),
            returned: Arc::new(Mutex::new(Vec::new())),
            ended: Arc::new(Mutex::new(Vec::new())),
            done: BTreeSet::new(),
            trust_sleep: true,
            wake_hint: None,
            next_id: 1,
            budget: crate::budget::Budget::session(),
        }
    }
}

impl Jobs {
    /// Starts the thread that runs `body` for the context's job; the job
    /// is finished when `body` returns, or panics.
    fn start_worker(
        &self,
        context: Context,
        body: impl FnOnce(Context) + Send + 'static,
    ) -> io::Result<JoinHandle<()>> {
        let id = context.job;
        let finished = FinishOnDrop {
            probe: Arc::clone(&context.probe),
            inbox: Arc::clone(&context.inbox),
            ended: Arc::clone(&self.ended),
            job: id,
        };
        crate::interrupt::spawn_without_sigint(
            format!("socklab-job-{id}"),
            Some(WORKER_STACK),
            move || {
                finished
                    .probe
                    .tid
                    .store(nix::unistd::gettid().as_raw(), Ordering::SeqCst);
                // Finished even if the body panics, so stopping never waits forever.
                let _finished = finished;
                body(context);
            },
        )
    }

    /// Notes the handles job `id` uses, and the names it will create.
    fn note_names(&mut self, id: u32, uses: &[String], reserves: &[String]) {
        for name in uses {
            let users = self.users.entry(name.clone()).or_default();
            if !users.contains(&id) {
                users.push(id);
            }
        }
        for name in reserves {
            self.reserved.insert(name.clone(), id);
            self.reservations += 1;
        }
    }

    /// The inbox, created with the first worker (or for the shell's courier).
    pub fn inbox(&mut self) -> io::Result<Arc<Inbox>> {
        if let Some(inbox) = &self.inbox {
            return Ok(Arc::clone(inbox));
        }
        let inbox = Arc::new(Inbox::new()?);
        self.inbox = Some(Arc::clone(&inbox));
        Ok(inbox)
    }

    /// Whether a job seen asleep may leave the view. Not in the lab: there
    /// the relay moves segments on its own thread, so a step's effects
    /// reach the hosts after the step, and every job is looked at.
    /// The session's budgets (the most background jobs and watchers at
    /// once; the memory their waiting results keep).
    pub fn set_budget(&mut self, budget: Arc<crate::budget::Budget>) {
        self.budget = budget;
    }

    pub fn set_trust_sleep(&mut self, trust: bool) {
        self.trust_sleep = trust;
    }

    /// Starts a worker running `body` on `sockets` (those of the handles it
    /// `uses`); returns its job number.
    pub fn spawn(
        &mut self,
        work: Work,
        uses: Vec<String>,
        reserves: Vec<String>,
        sockets: Vec<Shared>,
        body: impl FnOnce(Context) + Send + 'static,
    ) -> Result<u32, SpawnError> {
        if self.workers.len() >= self.budget.jobs() {
            return Err(SpawnError::Budget(self.budget.jobs()));
        }
        crate::sys::ensure_alarm_handler().map_err(io::Error::from)?;
        let inbox = self.inbox()?;
        if self.wakes.is_none() {
            self.wakes = Wakes::new().ok();
        }
        let id = self.next_id;
        let context = Context {
            job: id,
            inbox,
            budget: Arc::clone(&self.budget),
            probe: Arc::new(Probe::new(id, Arc::clone(&self.returned))),
            stop: Arc::new(AtomicBool::new(false)),
            received: Arc::new(AtomicU64::new(0)),
        };
        let (probe, stop, received) = (
            Arc::clone(&context.probe),
            Arc::clone(&context.stop),
            Arc::clone(&context.received),
        );
        let thread = self.start_worker(context, body)?;
        self.next_id += 1;
        let watched = self.watch(id, &sockets);
        self.note_names(id, &uses, &reserves);
        self.view.insert(id);
        self.workers.insert(
            id,
            Worker {
                work,
                uses,
                reserves,
                sockets,
                watched,
                probe,
                stop,
                received,
                thread: Some(thread),
            },
        );
        Ok(id)
    }

    /// The handles job `id` uses.
    pub fn uses_of(&self, id: u32) -> Vec<String> {
        self.workers
            .get(&id)
            .map(|worker| worker.uses.to_vec())
            .unwrap_or_default()
    }

    /// Job numbers of the workers that have finished (their last result is
    /// in the inbox).
    pub fn finished(&mut self) -> Vec<u32> {
        self.collect_ended();
        self.done.iter().copied().collect()
    }

    /// Joins and forgets the given finished workers, once their results
    /// have been taken from the inbox.
    pub fn reap(&mut self, ids: &[u32]) {
        for &id in ids {
            self.halt(id);
            let Some(worker) = self.workers.remove(&id) else {
                continue;
            };
            for name in &worker.uses {
                if let Some(users) = self.users.get_mut(name) {
                    users.retain(|&j| j != id);
                    if users.is_empty() {
                        self.users.remove(name);
                    }
                }
            }
            for name in &worker.reserves {
                if self.reserved.get(name) == Some(&id) {
                    self.reserved.remove(name);
                    self.reservations += 1;
                }
            }
            self.view.remove(&id);
            self.on_listeners.remove(&id);
            self.done.remove(&id);
        }
    }

    /// Stops job `id` (if it runs), joins it, and lets go of its sockets.
    fn halt(&mut self, id: u32) {
        let Some(worker) = self.workers.get_mut(&id) else {
            return;
        };
        worker.stop();
        let sockets = std::mem::take(&mut worker.sockets);
        worker.watched = false;
        if let Some(wakes) = &mut self.wakes {
            wakes.release(id, &sockets);
        }
    }

    /// Joins and forgets the finished workers none of whose results still
    /// wait in the inbox: all they did has been shown. (A worker can finish
    /// just after the results it sent were shown; `jobs` would otherwise
    /// list it until the next step boundary.)
    pub fn reap_shown(&mut self) {
        let waiting = self
            .inbox
            .as_ref()
            .map(|inbox| inbox.waiting())
            .unwrap_or_default();
        let done: Vec<u32> = self
            .finished()
            .into_iter()
            .filter(|id| !waiting.contains(id))
            .collect();
        self.reap(&done);
    }

    /// Stops every worker using `handle`, and lets go of the socket (a
    /// finished one's too), so that closing it closes it; returns the job
    /// numbers of those that were running.
    pub fn stop_using(&mut self, handle: &str) -> Vec<u32> {
        let users = self.users.get(handle).cloned().unwrap_or_default();
        let mut stopped = Vec::new();
        for id in users {
            let running = self
                .workers
                .get(&id)
                .is_some_and(|w| !w.probe.is_finished());
            self.halt(id);
            if running {
                stopped.push(id);
            }
        }
        stopped.sort_unstable();
        stopped
    }

    /// Stops the worker `id`; false if there is no such worker.
    pub fn stop(&mut self, id: u32) -> bool {
        let exists = self.workers.contains_key(&id);
        self.halt(id);
        exists
    }

    /// Stops every worker; returns what each was doing.
    pub fn stop_all(&mut self) -> Vec<(u32, Work)> {
        let mut stopped = Vec::new();
        let ids: Vec<u32> = self.workers.keys().copied().collect();
        for id in ids {
            if let Some(worker) = self.workers.get(&id)
                && !worker.probe.is_finished()
            {
                stopped.push((id, worker.work.clone()));
            }
            self.halt(id);
        }
        stopped
    }

    pub fn exists(&self, id: u32) -> bool {
        self.workers.contains_key(&id)
    }

    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }

    /// The line that started job `id`, as `--json` shows it for its results.
    pub fn input_of(&self, id: u32) -> String {
        match self.workers.get(&id).map(|w| &w.work) {
            Some(Work::Call(line)) => format!("{line} &"),
            Some(Work::Watch(handle)) => format!("watch {handle}"),
            None => String::new(),
        }
    }

    /// The job that watches `handle`, if one does.
    pub fn watching(&self, handle: &str) -> Option<u32> {
        // Asked on every receive: with no jobs, not even a hash.
        if self.users.is_empty() {
            return None;
        }
        let users = self.users.get(handle)?;
        users.iter().copied().find(|id| {
            self.workers.get(id).is_some_and(|w| {
                w.work == Work::Watch(handle.to_string()) && !w.probe.is_finished()
            })
        })
    }

    /// Running calls (not watchers): what a bare `wait` waits for.
    pub fn calls(&self) -> Vec<u32> {
        self.workers
            .iter()
            .filter(|(_, w)| matches!(w.work, Work::Call(_)))
            .map(|(&id, _)| id)
            .collect()
    }

    /// How many times a name was reserved or let go (never goes down).
    pub fn reservations(&self) -> u64 {
        self.reservations
    }

    /// The job that will create a handle called `name`, if one will.
    pub fn reserved_by(&self, name: &str) -> Option<u32> {
        self.reserved.get(name).copied()
    }

    pub fn list(&self) -> Vec<JobInfo> {
        self.workers
            .iter()
            .map(|(&id, w)| JobInfo {
                id,
                work: w.work.clone(),
                blocked: !w.probe.is_finished() && w.probe.settled().0,
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

    /// The jobs whose results were in the inbox, taken.
    pub(super) fn events(jobs: &Jobs) -> Vec<u32> {
        jobs.take_events().iter().map(|e| e.job).collect()
    }

    #[test]
    fn a_worker_blocked_in_recv_is_settled_and_is_stopped_by_signal() {
        crate::sys::install_signal_handlers().unwrap();
        let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap());
        let mut jobs = Jobs::default();
        let shared = Arc::clone(&socket);
        let id = jobs
            .spawn(
                Work::Call("recv".into()),
                vec![],
                vec![],
                vec![socket.clone() as Shared],
                move |cx| {
                    let mut buf = [0u8; 8];
                    let result = cx.probe.call(false, || shared.recv(&mut buf));
                    assert!(result.is_err(), "only a signal ends this recv");
                    let _ = cx.send(Step::new("recv", None), Vec::new());
                },
            )
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

    /// A worker that `settle` sees finished is among the ended at once, so
    /// the step boundary that shows its last result reaps it too (it was
    /// marked finished before it said it ended, and a `jobs` right after
    /// its result listed it as "finished", a `wait` for it waited for a
    /// wake-up that had come already). Many short jobs, each looked at the
    /// moment it finishes.
    #[test]
    fn a_job_seen_finished_has_ended() {
        crate::sys::install_signal_handlers().unwrap();
        let mut jobs = Jobs::default();
        for _ in 0..300 {
            let id = jobs
                .spawn(
                    Work::Call("send".into()),
                    vec![],
                    vec![],
                    vec![],
                    move |cx| {
                        let _ = cx.send(Step::new("send", None), Vec::new());
                    },
                )
                .unwrap();
            let probe = Arc::clone(&jobs.workers[&id].probe);
            while !probe.is_finished() {
                std::hint::spin_loop();
            }
            assert!(jobs.has_ended(id), "job [{id}] finished, not ended");
            let _ = jobs.take_events();
            jobs.reap(&[id]);
        }
    }
}
