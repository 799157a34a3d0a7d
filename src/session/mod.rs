//! The session: the sockets a person drives, and completing each step a
//! command makes with what the kernel did (`finish_step`).
//!
//! `Session` is a handful of owned parts, each with one job, its own
//! invariants and its methods beside it (as smoltcp's `Interface` holds
//! fields grouped per protocol); `Session` keeps what other modules call,
//! and the methods that need several parts at once:
//!
//! - `handles::Handles` — the handle table (`table`), the current handle,
//!   the next `sN`, the state watch on the handles' sockets, and the
//!   counters that say when the wire view's ends and the lab's listeners
//!   must be found again;
//! - `kept::Kept` — the connections the kernel keeps after their handle
//!   closed, host a's and (in the lab) host b's;
//! - `jobs::Jobs` — the background jobs (a public field: the verbs and the
//!   runner use it directly);
//! - `spawn::Programs` — the programs `spawn` started (`programs.rs`:
//!   where they start, their output and ends as a step's lines);
//! - `timeline::Timeline` — the clock of the steps, what moved between
//!   steps, whether the session waited for its driver, and how many steps
//!   moved anything (part of `names_epoch`);
//! - `wire_view::WireView` — the wire view's look, its capture, and what
//!   names and summarises segments across steps;
//! - `lab_view::LabPart` — the network lab, and whether addresses name its
//!   hosts;
//! - `limits::Limits` — the watchdog (or a worker's probe), the deadline,
//!   the memory budget, and a lesson's confinement;
//! - `buffers::Buffers` — the receive buffer and the buffers a shown step
//!   gave back;
//! - `manners::Manners` — the encoding, the explanations given, structured
//!   output, and the private network;
//! - `data_names::DataNames` — the bytes receives kept by name, for `$name`.
//!
//! After a step's call, `states` reads back the TCP states that can have
//! moved and `wire_view` the segments the step caused; `address_of` turns
//! address specs into socket addresses.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use nix::errno::Errno;
use socket2::Socket;

use crate::budget::Budget;
pub use crate::budget::CONFINED_MAX_WAIT;
use crate::error::UsageError;
pub use crate::handle::{Addresses, Handle};
use crate::interrupt::Watchdog;
use crate::jobs::{Event, Jobs, Probe};
pub use crate::kind::Kind;
use crate::names::TcpState;
use crate::parse::HandleNames;
use crate::state_watch::StateWatch;
use crate::step::{JobRole, Outcome, Step};

mod address_of;
mod buffers;
mod data_names;
mod handles;
mod kept;
mod lab_view;
pub use lab_view::HostAction;
mod limits;
mod manners;
mod port_users;
mod programs;
pub use programs::ProgramSocket;
mod states;
mod table;
mod timeline;
mod wire_view;

use buffers::Buffers;
use data_names::DataNames;
use handles::Handles;
use kept::Kept;
use lab_view::LabPart;
use limits::Limits;
use manners::Manners;
use timeline::Timeline;
use wire_view::WireView;

/// A person's sockets and what the session keeps about them, as parts
/// (see the module's doc).
pub struct Session {
    /// The sockets, the current one, and the watch on their states.
    handles: Handles,
    /// The connections the kernel keeps after their handle closed.
    kept: Kept,
    pub jobs: Jobs,
    /// The programs `spawn` started.
    programs: crate::spawn::Programs,
    /// The states of the programs' TCP sockets at the last look.
    program_states: Vec<(String, TcpState)>,
    /// The programs' sockets at the last look (the wire view names their
    /// segments by them).
    program_ends: Vec<ProgramSocket>,
    /// When steps ran, and what moved between them.
    timeline: Timeline,
    /// How steps show their segments, and the capture.
    wire: WireView,
    /// The network lab, and whether addresses name its hosts.
    lab: LabPart,
    /// The watchdog, the deadline, the budget, a lesson's confinement.
    limits: Limits,
    /// The receive buffer and the buffers shown steps gave back.
    buffers: Buffers,
    /// The encoding, what was explained, structured output, the private network.
    manners: Manners,
    /// The bytes receives returned, kept by name (`data = recv conn`).
    data: DataNames,
}

impl Session {
    /// A new, empty session; with a timeout, every blocking call is bounded.
    pub fn new(timeout: Option<Duration>) -> io::Result<Session> {
        let watchdog = match timeout {
            Some(timeout) => Some(Watchdog::start(Some(timeout), false)?),
            None => None,
        };
        Session::with_watchdog(watchdog)
    }

    /// A session for the shell: no timeout, but a blocking call is announced
    /// after 100 ms, and Ctrl-C always interrupts it.
    pub fn interactive(timeout: Option<Duration>) -> io::Result<Session> {
        Session::with_watchdog(Some(Watchdog::start(timeout, true)?))
    }

    fn with_watchdog(watchdog: Option<Watchdog>) -> io::Result<Session> {
        Ok(Session {
            handles: Handles::new(StateWatch::new().ok(), 1),
            kept: Kept::default(),
            jobs: Jobs::default(),
            programs: crate::spawn::Programs::default(),
            program_states: Vec::new(),
            program_ends: Vec::new(),
            timeline: Timeline::default(),
            wire: WireView::default(),
            lab: LabPart::default(),
            limits: Limits::new(watchdog),
            buffers: Buffers::default(),
            manners: Manners::default(),
            data: DataNames::default(),
        })
    }

    /// Makes this a lesson's session: a lesson is data, not a program. It
    /// may not write or read files (`record`, `wire save` and `source` are
    /// refused), its unix socket paths must be relative (they resolve in
    /// the lesson's scratch directory: no absolute path, no `..`), and
    /// the only host name it may use is `localhost`.
    pub fn confine(&mut self) {
        self.limits.confined = true;
        self.set_budget(Budget::lesson());
    }

    /// The session's budgets (see `budget`): set before the lab starts.
    pub fn set_budget(&mut self, budget: Arc<Budget>) {
        self.jobs.set_budget(Arc::clone(&budget));
        self.limits.budget = budget;
    }

    pub fn budget(&self) -> &Arc<Budget> {
        &self.limits.budget
    }

    /// Takes `bytes` from the memory budget for what `what` keeps, or says
    /// why it cannot (a usage error naming the budget).
    pub fn hold_memory(&self, bytes: usize, what: &str) -> Result<crate::budget::Held, UsageError> {
        self.limits.hold_memory(bytes, what)
    }

    /// Keeps `bytes` under the data name `name` (what `$name` sends),
    /// replacing what it held, their room taken from the memory budget;
    /// when there is none, the name is let go and the error says why.
    pub fn keep_data(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), UsageError> {
        self.data.forget(name);
        let held = self.limits.hold_memory(
            bytes.len(),
            &crate::t!("session-error-keeping-data", name = name),
        )?;
        self.data.keep(name, bytes, held);
        Ok(())
    }

    /// What the shell's completion offers as names: the handles, then
    /// each data name as `$name`.
    pub fn completion_names(&self) -> Vec<String> {
        let mut names = HandleNames::handle_names(self);
        names.extend(self.data.list().map(|(name, _)| format!("${name}")));
        names
    }

    /// Every data name with the length of its bytes, in name order.
    pub fn data_list(&self) -> impl Iterator<Item = (&str, usize)> {
        self.data.list()
    }

    /// How long a wait the session allows: in a lesson at most
    /// [`CONFINED_MAX_WAIT`], as for any call; never past the deadline.
    pub fn wait_limit(&self, asked: Duration) -> Duration {
        self.limits.wait_limit(asked)
    }

    /// Ends every call, wait and loop of the session's steps at `at`
    /// (`limit` is how long it was given, to say so): a lesson's time.
    pub fn set_deadline(&mut self, deadline: Option<(std::time::Instant, Duration)>) {
        self.limits.set_deadline(deadline);
    }

    /// Whether the session's time has run out (a loop stops then).
    pub fn out_of_time(&self) -> bool {
        self.limits.out_of_time()
    }

    /// How long the session was given, once its time has run out.
    pub fn time_given(&self) -> Option<Duration> {
        self.limits.time_given()
    }

    /// True the first time `key` is asked about: an explanation that is
    /// said once a session.
    pub fn first_time(&mut self, key: &'static str) -> bool {
        self.manners.first_time(key)
    }

    /// Marks the session as running in a private network (`--sandbox`).
    pub fn set_private_network(&mut self, private: bool) {
        self.manners.private_network = private;
    }

    pub fn private_network(&self) -> bool {
        self.manners.private_network
    }

    /// The session's text encoding (`encoding NAME`).
    pub fn encoding(&self) -> &'static crate::encoding::Encoding {
        self.manners.encoding
    }

    pub fn set_encoding(&mut self, encoding: &'static crate::encoding::Encoding) {
        self.manners.encoding = encoding;
        self.timeline.moved();
    }

    /// Whether this is a lesson's session (see `confine`).
    pub fn is_confined(&self) -> bool {
        self.limits.confined
    }

    /// A session of its own for a background worker: the named handles
    /// (sharing their sockets), no watchdog, no jobs.
    pub fn detached(&self, names: &[String]) -> Result<Session, UsageError> {
        let mut handles = Handles::new(None, self.handles.next_auto());
        for name in names {
            if handles.get(name).is_none() {
                handles.table.push(self.lookup(name)?.clone());
            }
        }
        Ok(Session {
            handles,
            kept: Kept::default(),
            jobs: Jobs::default(),
            programs: crate::spawn::Programs::default(),
            program_states: Vec::new(),
            program_ends: Vec::new(),
            timeline: Timeline::default(),
            wire: WireView::default(),
            lab: self.lab.detached(),
            limits: self.limits.detached(),
            buffers: Buffers::default(),
            manners: self.manners.detached(),
            data: DataNames::default(),
        })
    }

    /// After a connect from `local` to `peer` on loopback: waits (at most
    /// 50 ms) until the server's side has finished the handshake — the
    /// kernel table no longer shows it half-open. On a busy machine the
    /// client's last ACK can be processed after connect has returned (put
    /// off to ksoftirqd), and what it causes on the server (a connection
    /// queued, a background accept woken) belongs to the connect's step.
    /// No event announces it to a process that does not hold the listener,
    /// so the table is asked again after 20 µs, 40 µs, … (a netlink request
    /// each, ~10 µs).
    pub fn await_server_side(&self, local: std::net::SocketAddr, peer: std::net::SocketAddr) {
        if !peer.ip().is_loopback() || self.lab.is_on() {
            return;
        }
        let deadline = std::time::Instant::now() + Duration::from_millis(50);
        let mut wait = Duration::from_micros(20);
        loop {
            match self.kept.lookup_here(peer, local) {
                Some(state) if state != TcpState::SYN_RECV && state != TcpState(12) => return,
                _ => {}
            }
            if std::time::Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(wait);
            wait = (wait * 2).min(Duration::from_millis(2));
        }
    }

    /// Whether steps need the fields only JSON shows (see `structured`).
    pub fn set_structured(&mut self, structured: bool) {
        self.manners.structured = structured;
    }

    pub fn structured(&self) -> bool {
        self.manners.structured
    }

    /// Marks this (worker's) session's blocking calls on `probe`, so the
    /// driver can tell when the worker is asleep in one.
    pub fn set_probe(&mut self, probe: Arc<Probe>) {
        self.limits.set_probe(probe);
    }

    /// The sockets of every handle, to share with a background worker.
    pub fn shared_sockets(&self) -> Vec<crate::jobs::Shared> {
        self.handles
            .table
            .iter()
            .map(|h| Arc::clone(&h.socket) as crate::jobs::Shared)
            .collect()
    }

    /// Every handle, in the order made.
    pub fn handles(&self) -> impl Iterator<Item = &Handle> {
        self.handles.table.iter()
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<&Handle> {
        self.handles.get(name)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Handle> {
        self.handles.table.get_mut(name)
    }

    /// As `lookup`, for a command that changes the handle's own flags.
    pub fn lookup_mut(&mut self, name: &str) -> Result<&mut Handle, UsageError> {
        if self.handles.get(name).is_none() {
            return Err(self.missing(name));
        }
        self.handles
            .table
            .get_mut(name)
            .ok_or_else(|| UsageError::new(crate::worded!("session-error-no-handle", name = name)))
    }

    /// The handle a parsed command names; it exists unless the table changed
    /// since the line was parsed.
    #[inline]
    pub fn lookup(&self, name: &str) -> Result<&Handle, UsageError> {
        match self.get(name) {
            Some(handle) => Ok(handle),
            None => Err(self.missing(name)),
        }
    }

    #[cold]
    fn missing(&self, name: &str) -> UsageError {
        match self.jobs.reserved_by(name) {
            Some(job) => UsageError::new(crate::worded!(
                "session-error-not-yet",
                name = name,
                job = job
            )),
            None => UsageError::new(crate::worded!("session-error-no-handle", name = name)),
        }
    }

    pub fn current_name(&self) -> Option<&str> {
        self.handles.current()
    }

    pub fn set_current(&mut self, name: &str) {
        self.handles.set_current(name);
    }

    /// Adds a socket under `name`, or the next free `sN`; it becomes current.
    pub fn insert(&mut self, name: Option<String>, socket: Socket, kind: Kind) -> String {
        let name = name.unwrap_or_else(|| self.auto_name());
        self.handles.push_current(Handle {
            name: name.clone(),
            socket: Arc::new(socket),
            kind,
            state: None,
            nonblocking: false,
            shut_read: false,
            shut_write: false,
            tuple: None,
            host: self.lab.view.as_ref().map(|lab| lab.host),
            addresses: Default::default(),
            failed_bind: None,
        });
        name
    }

    /// As `insert`, for a socket made in (or accepted on) a lab host.
    pub fn insert_on(
        &mut self,
        name: Option<String>,
        socket: Socket,
        kind: Kind,
        host: Option<crate::lab::Host>,
    ) -> String {
        let name = self.insert(name, socket, kind);
        if let Some(handle) = self.get_mut(&name) {
            handle.host = host;
        }
        name
    }

    /// The next free `sN` name (also used to reserve one for a background accept).
    pub fn auto_name(&mut self) -> String {
        self.handles.auto_name(&self.jobs)
    }

    /// Takes a handle out of the table (its fd stays open until dropped).
    pub fn remove(&mut self, name: &str) -> Option<Handle> {
        self.handles.remove(name)
    }

    /// Runs `call` (shown as `text`) as one blocking call, watched by the
    /// watchdog if there is one; the flag says whether it was interrupted for
    /// running longer than the timeout.
    pub fn bounded<T>(&self, text: &str, call: impl FnOnce() -> T) -> (T, bool) {
        self.bounded_timer(text, false, call)
    }

    /// As `bounded`, for a call that `timer`: can end on a timeout of its
    /// own (poll's), which a background worker's settling must not take
    /// for a sleep that only a wake-up ends.
    pub fn bounded_timer<T>(&self, text: &str, timer: bool, call: impl FnOnce() -> T) -> (T, bool) {
        self.limits.bounded(text, timer, &self.handles.table, call)
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.limits.timeout()
    }

    /// Runs `hook` when a call has been blocked for a moment (see
    /// `Watchdog::on_block`); false if there is no watchdog to do it.
    pub fn on_block(&self, hook: impl Fn() + Send + 'static) -> bool {
        self.limits.on_block(hook)
    }

    /// Records a bounded call's result, turning the watchdog's EINTR into a timeout.
    #[inline]
    pub fn record_call(
        &self,
        step: &mut Step,
        call: String,
        result: io::Result<i64>,
        timed_out: bool,
    ) {
        step.called(call, result.map_err(|e| errno_of(&e)));
        // (The timeout is looked up only for a call it interrupted.)
        if timed_out && matches!(step.outcome, Outcome::Failed(Errno::EINTR)) {
            if let Some(limit) = self.time_given() {
                step.outcome = Outcome::OutOfTime(limit);
            } else if let Some(timeout) = self.timeout() {
                step.outcome = Outcome::TimedOut(timeout);
            }
        }
    }

    /// The reusable receive buffer, at least `len` bytes long; give it back
    /// with `put_recv_buffer` so the next receive does not allocate.
    pub fn take_recv_buffer(&mut self, len: usize) -> Result<Vec<u8>, UsageError> {
        self.buffers.take_recv(len, &self.limits.budget)
    }

    pub fn put_recv_buffer(&mut self, buffer: Vec<u8>) {
        self.buffers.put_recv(buffer);
    }

    /// An empty String for a call's text, with the room of the last one.
    pub fn call_buffer(&mut self) -> String {
        self.buffers.call()
    }

    /// `name` in a string with the room of the last step's handle name.
    pub fn handle_name(&mut self, name: &str) -> String {
        self.buffers.handle_name(name)
    }

    /// An empty buffer for received data, with the room of the last one.
    pub fn data_buffer(&mut self) -> Vec<u8> {
        self.buffers.data()
    }

    /// Takes back a shown step's call text and data, so the next step
    /// writes into them instead of allocating (a send/recv step makes one
    /// or two allocations fewer). Large buffers are let go.
    #[inline]
    pub fn recycle(&mut self, step: &mut Step) {
        self.buffers.recycle(step);
    }

    /// Completes a step a command made: its text encoding, what the
    /// session explains, and every TCP state change (and segment) it caused.
    #[inline]
    pub fn finish_step(&mut self, step: &mut Step) {
        step.encoding = self.manners.encoding;
        self.manners.explain_private_network(step);
        self.refresh_states(step);
    }

    /// Takes in what a background worker produced: the handles it created
    /// join the table (without becoming current), and the step is completed
    /// with every TCP state change, as a foreground step is.
    pub fn take_event(&mut self, event: Event) -> Step {
        let mut step = event.step;
        if step.held.is_none() {
            step.held = event.held;
        }
        step.job = Some((event.job, JobRole::Result));
        step.encoding = self.manners.encoding;
        for handle in event.handles {
            self.handles.push(handle);
        }
        self.refresh(&mut step, states::Placing::Job);
        step
    }

    /// Closes every handle and forgets the connections the kernel holds (at
    /// quit, or when the session ends); stop the background workers first
    /// (`jobs.stop_all`).
    pub fn close_all(&mut self) -> Vec<String> {
        let names = self.handles.clear();
        // The session is over: what the kernel still holds is not followed
        // any more (and the lookup's netlink socket is closed).
        self.kept = Kept::default();
        names
    }
}

impl HandleNames for Session {
    /// A handle in the table, or one a background job will create (so a
    /// line naming it reads as naming a handle, and says it is not there yet).
    fn is_handle(&self, name: &str) -> bool {
        self.get(name).is_some() || self.jobs.reserved_by(name).is_some()
    }

    fn current(&self) -> Option<&str> {
        self.current_name()
    }

    fn handle_names(&self) -> Vec<String> {
        self.handles.table.iter().map(|h| h.name.clone()).collect()
    }

    fn is_kernel_held(&self, name: &str) -> bool {
        self.get(name).is_none() && self.kept.contains(name)
    }

    fn program_of_socket(&self, name: &str) -> Option<String> {
        let (program, fd) = name.rsplit_once('.')?;
        let is_fd = !fd.is_empty() && fd.bytes().all(|b| b.is_ascii_digit());
        (is_fd && self.programs.exists(program)).then(|| program.to_string())
    }

    fn encoding(&self) -> &'static crate::encoding::Encoding {
        self.manners.encoding
    }

    fn reserved_by(&self, name: &str) -> Option<u32> {
        self.jobs.reserved_by(name)
    }

    fn data(&self, name: &str) -> Option<&[u8]> {
        self.data.get(name)
    }

    fn data_names(&self) -> Vec<String> {
        self.data.list().map(|(name, _)| name.to_string()).collect()
    }

    /// What the answers depend on can change only in a step that is not
    /// quiet (which moves `moves`: a data-only step changes no name, no
    /// held connection, no encoding), by a job's result (taken in with a
    /// refresh, which moves it too), or where the table or the jobs'
    /// reservations change (their own counts). All only grow, so the sum
    /// moves whenever one does.
    fn names_epoch(&self) -> Option<u64> {
        Some(
            self.timeline
                .moves()
                .wrapping_add(self.handles.table.changes())
                .wrapping_add(self.jobs.reservations()),
        )
    }
}

/// The errno of a failed call.
pub fn errno_of(error: &io::Error) -> Errno {
    Errno::from_raw(error.raw_os_error().unwrap_or(0))
}

/// Local and peer address of a connected socket (two observing calls).
pub fn connection_tuple(socket: &Socket) -> Option<(SocketAddr, SocketAddr)> {
    let local = socket.local_addr().ok()?.as_socket()?;
    let peer = socket.peer_addr().ok()?.as_socket()?;
    Some((local, peer))
}
