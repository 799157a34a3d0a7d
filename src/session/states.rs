//! After each step: which TCP states moved, and the segments it put on the
//! wire, each with its time (see `clock`). Reads only the handles whose
//! state can have changed (see `state_watch`), follows the connections the
//! kernel holds after close, and in a debug build checks the shortcut
//! against a full read. Before a step's call, if the session waited for
//! its driver, what moved meanwhile is read and marked between steps; while
//! it waits, `between_step` shows it as it happens.

use std::net::SocketAddr;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::time::Duration;

use super::handles::Handles;
use super::kept::Kept;
use super::{Session, connection_tuple};
use crate::clock::When;
use crate::jobs::Jobs;
use crate::lab::Host;
use crate::names::TcpState;
use crate::step::{StateChange, Step};
use crate::sys;

/// Verbs that only move data: by themselves they never change a TCP state,
/// so after them only the sockets the kernel woke are read. (A `matches!`
/// of constants: compared inline, with no call per step.)
fn moves_only_data(verb: &str) -> bool {
    matches!(verb, "send" | "sendall" | "recv" | "recvfrom")
}

/// Verbs that put nothing on the wire by themselves: after them the lab's
/// link is not settled (what its timers send meanwhile is the relay's).
fn sends_nothing(verb: &str) -> bool {
    matches!(
        verb,
        "socket"
            | "socketpair"
            | "bind"
            | "listen"
            | "getsockopt"
            | "getsockname"
            | "getpeername"
            | "tcpinfo"
            | "poll"
            | "ioctl"
            | "sample"
            | "ls"
            | "jobs"
            | "help"
            | "use"
            | "encoding"
            | "clear"
            | "sysctl"
    )
}

/// Below this much idle time between two steps nothing is read before the
/// next call: what moved in so short a gap is shown with that call. (A step
/// that follows another at once — a script, a benchmark — costs no extra
/// system call.) Measured on the kernel's tick, so in fact 1 ms to a tick.
const IDLE: Duration = Duration::from_millis(1);

/// How a step's times are placed against the steps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Placing {
    /// A foreground step: before its call began is between steps.
    Step,
    /// A background job's result: its call ran on a worker, so nothing in
    /// it is marked (JSON still has the times).
    Job,
    /// What the session saw while it waited for the next line.
    Between,
}

impl Session {
    /// A step's call is about to be made. If the session was idle, what
    /// moved meanwhile is read now, so it is shown as between steps rather
    /// than as caused by this call.
    #[inline]
    pub fn begin_step(&mut self) {
        let precise = self.sees_wire();
        let idle = self.timeline.clock.begin(precise);
        // Only after the session waited for its driver (a person at the
        // shell, a program on a pipe, Enter in `play`): a script from a
        // file runs straight on, and reading between its steps would make
        // what it shows depend on the machine's load.
        if !self.timeline.take_waited() || idle < IDLE {
            return;
        }
        // Segments first: a state read after them cannot be older than
        // the segment that moved it.
        if self.sees_wire() {
            let segments = self.drain_wire();
            self.timeline.keep_between_segments(segments);
        }
        // What is read may move names: a held connection gone (`names_epoch`).
        self.timeline.moved();
        let mut changes = Vec::new();
        self.read_states(None, &[], &mut changes, Placing::Between);
        self.timeline.keep_between(changes);
    }

    /// The session waited for its next line (see `begin_step`).
    pub fn note_waited(&mut self) {
        self.timeline.note_waited();
    }

    /// Reads the TCP state of every handle whose state may have moved — the
    /// ones the step acted on, the ones a background job uses, the ones the
    /// kernel woke (see `state_watch`) — and the kernel's view of closed
    /// ones; and, with the wire view, the segments. Each carries its time.
    #[inline]
    pub fn refresh_states(&mut self, step: &mut Step) {
        self.refresh(step, Placing::Step);
    }

    /// What moved while the session waited for its next line (the shell,
    /// a pipe): a step with no call, everything in it between steps; None
    /// if nothing moved.
    pub fn between_step(&mut self) -> Option<Step> {
        let mut step = Step::new("between", None);
        step.outcome = crate::step::Outcome::Done;
        self.refresh(&mut step, Placing::Between);
        let seen = !step.lines.is_empty()
            || !step.changes.is_empty()
            || step.wire.as_ref().is_some_and(|w| !w.is_empty());
        seen.then_some(step)
    }

    /// The file descriptors that become readable when something moves
    /// between steps: the state watch, the capture, the lab's link, the
    /// sampler of connections held without an fd (`kernel_table`). Poll
    /// them while waiting for a line, then call `between_step`.
    pub fn between_fds(&self) -> Vec<BorrowedFd<'_>> {
        let mut fds = Vec::new();
        if let Some(watch) = &self.handles.watch {
            fds.push(watch.fd());
        }
        if let Some(capture) = &self.wire.capture {
            fds.push(capture.fd());
        }
        if let Some(view) = &self.lab.view {
            fds.push(view.lab.relay.log_fd());
        }
        fds.extend(self.kept.notify_fds());
        fds.extend(self.programs.fds());
        fds
    }

    pub(super) fn refresh(&mut self, step: &mut Step, placing: Placing) {
        // What the spawned programs wrote, which ended, and how their
        // sockets moved (nothing of socklab's own wakes for those).
        self.program_lines(step);
        let program_changes = self.program_state_changes();
        if placing == Placing::Step && program_changes.is_empty() && self.nothing_moved(step) {
            self.timeline.clock.end(false);
            return;
        }
        // Anything may have moved: names, held connections (`names_epoch`).
        self.timeline.moved();
        // What the step acted on may be bound or connected now.
        self.handles.forget_addresses_of(step, &self.jobs);
        // In the lab, what the step sent has crossed the link (and what
        // that caused) before any state is read.
        if !sends_nothing(step.verb) {
            self.sync_lab();
        }
        // A step that started a background job made no call of its own on
        // the job's handles: what the job's call does to them (a connect's
        // SYN_SENT, caught half-way) is shown with its result, not here.
        let started = match step.job {
            Some((id, crate::step::JobRole::Started)) => self.jobs.uses_of(id),
            _ => Vec::new(),
        };
        let acted = match step.handle.as_deref() {
            Some(name) if !moves_only_data(step.verb) && started.is_empty() => {
                Some(name.to_string())
            }
            _ => None,
        };
        self.jobs.note_step(step.verb, step.handle.as_deref());
        let mut changes = Vec::new();
        self.read_states(acted.as_deref(), &step.new_handles, &mut changes, placing);
        changes.extend(program_changes);
        if !started.is_empty() {
            // Read, but not shown: put back as they were for the result.
            self.handles.unread(&started, &mut changes);
        }
        if !changes.is_empty() {
            let read = match placing {
                Placing::Between => self.timeline.clock.between_now(),
                _ => self.timeline.clock.now(),
            };
            // (A move seen as it happened has its time already.)
            for change in changes.iter_mut().filter(|c| c.when.is_none()) {
                change.when = Some(read);
            }
        }
        if !self.timeline.between_changes.is_empty() {
            let earlier = std::mem::take(&mut self.timeline.between_changes);
            step.changes.splice(0..0, earlier);
        }
        step.changes.extend(changes);
        if self.sees_wire() {
            self.add_segments(step, placing);
        }
        place(step, placing);
        if placing == Placing::Step {
            self.timeline.clock.end(self.sees_wire());
        }
    }

    /// Adds the step's segments: what was read before the call (it came
    /// between steps), then what came since, shown in the wire view's look.
    /// The kernel's timestamps give each its time, but which side of the
    /// call it is on is known by when it was read (the kernel's clock and
    /// socklab's can disagree by a tenth of a millisecond).
    fn add_segments(&mut self, step: &mut Step, placing: Placing) {
        let mut segments = std::mem::take(&mut self.timeline.between_segments);
        segments.append(&mut self.timeline.step_segments);
        let mut since = self.drain_wire();
        let clock = &self.timeline.clock;
        for segment in &mut since {
            segment.when = segment.when.map(|w| match placing {
                Placing::Between => clock.between(w.t),
                _ => clock.in_step(w.t),
            });
        }
        segments.append(&mut since);
        match self.wire.look() {
            crate::wire::Look::Summary => {
                step.wire_summary = Some(Box::new(crate::wire::summary::summarize(&segments)));
            }
            crate::wire::Look::Ladder { ascii } => {
                step.wire_ladder = Some(ascii);
                step.wire_columns = self.wire.ladder_columns(&self.handles.table);
            }
            crate::wire::Look::List => {}
        }
        if self.lab.is_on() {
            let notes = self.rtt_note_at_retransmission(&segments);
            step.notes.extend(notes);
        }
        step.wire = Some(segments);
    }

    /// The most common step, told apart in a few loads: it only moved data,
    /// in a session with no lab, no wire view, no connections the kernel
    /// holds after close and nothing seen between steps, with every
    /// background job asleep as last seen and not on this handle — and the
    /// kernel woke no socket since the last step (the jobs' sockets are in
    /// the watch's set too, once nested). Then `refresh` has nothing to
    /// read, add or place (what it would have found: no handle to read, no
    /// change, no segment).
    fn nothing_moved(&mut self, step: &Step) -> bool {
        let handles = &mut self.handles;
        let jobs_quiet = self.jobs.is_empty()
            || (handles.jobs_nested && self.jobs.quiet_after_data_on(step.handle.as_deref()));
        let quiet = moves_only_data(step.verb)
            && step.job.is_none()
            && step.new_handles.is_empty()
            && step.changes.is_empty()
            && !self.lab.is_on()
            && self.wire.capture.is_none()
            && jobs_quiet
            && self.timeline.between_changes.is_empty()
            && self.kept.is_empty();
        let Some(watch) = handles.watch.as_mut().filter(|_| quiet) else {
            return false;
        };
        watch.collect();
        if handles.jobs_nested {
            // As `read_states` tells the jobs (a wake-up stands until they
            // have looked, whichever way this step goes on).
            self.jobs.set_wake_hint(watch.take_nested());
        }
        if !watch.nothing_woken() || !self.jobs.quiet_after_data_on(None) {
            return false;
        }
        #[cfg(debug_assertions)]
        handles.check_states();
        true
    }

    /// Reads the states that may have moved into `changes` (see
    /// `refresh_states`). A held connection's move that the sampler saw as
    /// it happened comes with its time (see `Timeline::seen_when`); the
    /// others are timed by the caller, as read.
    fn read_states(
        &mut self,
        acted: Option<&str>,
        new_handles: &[String],
        changes: &mut Vec<StateChange>,
        placing: Placing,
    ) {
        self.handles.collect_wakes(&mut self.jobs);
        let slots =
            self.handles
                .slots_to_read(acted, new_handles, &mut self.jobs, self.lab.is_on());
        let kernel_held = self
            .handles
            .read_slots(slots, changes, &self.kept, self.lab.lab());
        self.handles.end_read(self.lab.is_on());
        for (name, tuple, state, host) in kernel_held {
            changes.push(StateChange {
                handle: name.clone(),
                from: None,
                to: Some(state),
                closed: true,
                when: None,
            });
            self.add_ghost(&name, tuple, state, host, None);
        }
        let mut last = None;
        for seen in self.kept.refresh(self.lab.lab()) {
            let mut change = seen.change;
            change.when = self
                .timeline
                .seen_when(seen.at, seen.live, placing == Placing::Between);
            // Moves of one connection that count as read now are one move,
            // as a read finds it: what the sampler happened to catch in
            // between does not change what a step shows.
            if let Some(earlier) = changes.last_mut()
                && last == Some(seen.ghost)
                && earlier.when.is_none()
                && change.when.is_none()
            {
                change.from = earlier.from;
                *earlier = change;
                if earlier.from == earlier.to {
                    changes.pop();
                    last = None;
                }
                continue;
            }
            last = Some(seen.ghost);
            changes.push(change);
        }
        self.lab_queued_changes(acted, changes);
    }

    /// Each handle's TCP state as the kernel has it now (None for other
    /// kinds), in the order of `handles()`. A socket the kernel has not
    /// woken since the last step cannot have moved (see `state_watch`), so
    /// only the woken ones are read: `ls` with thousands of idle handles
    /// makes no call for their states.
    pub fn tcp_states_now(&mut self) -> Vec<Option<TcpState>> {
        self.handles.tcp_states_now()
    }

    /// Every open TCP handle's state, as last read.
    pub fn tcp_states(&self) -> Vec<(&str, TcpState)> {
        self.handles.tcp_states()
    }
}

/// A connection a handle's close left to the kernel: the handle's name,
/// its address pair, its state, its host.
type LeftToKernel = (String, (SocketAddr, SocketAddr), TcpState, Option<Host>);

impl Handles {
    /// Takes the kernel's wake-ups since the last look (nesting the jobs'
    /// wake-up set the first time there is one), and tells the jobs theirs.
    fn collect_wakes(&mut self, jobs: &mut Jobs) {
        if let Some(watch) = &mut self.watch {
            if !self.jobs_nested
                && let Some(set) = jobs.wake_fd()
            {
                self.jobs_nested = watch.add_nested(set);
            }
            watch.collect();
            if self.jobs_nested {
                jobs.set_wake_hint(watch.take_nested());
            }
        }
    }

    /// Which handles to read, in the order made: with no watch, every TCP
    /// handle; else only those whose state can have moved — found without
    /// reading the rest, so a step costs the same however many handles are
    /// idle. (In the lab a socket in SYN_SENT can move with no wake-up the
    /// watch sees — a simultaneous open takes it to SYN_RECV — so those are
    /// read too.)
    fn slots_to_read(
        &self,
        acted: Option<&str>,
        new_handles: &[String],
        jobs: &mut Jobs,
        in_lab: bool,
    ) -> Vec<usize> {
        let Some(watch) = &self.watch else {
            return self.table.slots().collect();
        };
        let of_jobs = match jobs.is_empty() {
            true => Vec::new(),
            false => jobs.handles_to_read(),
        };
        // Most steps: nothing woke, the step moved only data.
        if watch.nothing_woken()
            && acted.is_none()
            && new_handles.is_empty()
            && of_jobs.is_empty()
            && self.wakeless_slots(in_lab).next().is_none()
        {
            return Vec::new();
        }
        let table = &self.table;
        let mut slots: Vec<usize> = watch
            .woken()
            .filter_map(|fd| table.slot_of_fd(fd))
            .chain(acted.and_then(|name| table.slot_of(name)))
            .chain(new_handles.iter().filter_map(|name| table.slot_of(name)))
            .chain(of_jobs.iter().filter_map(|name| table.slot_of(name)))
            .chain(self.wakeless_slots(in_lab))
            .collect();
        slots.sort_unstable();
        slots.dedup();
        slots
    }

    /// Reads the TCP state of the handles in `slots` into `changes`; what
    /// moved to CLOSE with its connection still in the kernel is returned,
    /// to be followed.
    fn read_slots(
        &mut self,
        slots: Vec<usize>,
        changes: &mut Vec<StateChange>,
        kept: &Kept,
        lab: Option<&crate::lab::Lab>,
    ) -> Vec<LeftToKernel> {
        let mut kernel_held = Vec::new();
        for slot in slots {
            let Some(handle) = self.table.at_mut(slot) else {
                continue;
            };
            if !handle.kind.is_tcp() {
                continue;
            }
            let now = sys::tcp_info(handle.socket.as_fd())
                .ok()
                .map(|info| TcpState(info.tcpi_state));
            if now == handle.state {
                continue;
            }
            changes.push(StateChange {
                handle: handle.name.clone(),
                from: handle.state,
                to: now,
                closed: false,
                when: None,
            });
            if now == Some(TcpState::SYN_SENT) {
                self.syn_sent_seen = true;
            }
            if now == Some(TcpState::LISTEN) || handle.state == Some(TcpState::LISTEN) {
                self.listen_moves += 1;
            }
            if now.is_some_and(TcpState::is_connected) && handle.tuple.is_none() {
                handle.tuple = connection_tuple(&handle.socket);
            }
            if now == Some(TcpState::CLOSE)
                && let Some(tuple) = handle.tuple
                && let Some(held) = kept.lookup(lab, handle.host, tuple)
            {
                kernel_held.push((handle.name.clone(), tuple, held, handle.host));
            }
            handle.state = now;
        }
        kernel_held
    }

    /// After a read: the wake-ups are taken, and no handle is thought to
    /// be in SYN_SENT unless one is.
    fn end_read(&mut self, in_lab: bool) {
        if let Some(watch) = &mut self.watch {
            watch.clear();
        }
        if self.syn_sent_seen && self.wakeless_slots(in_lab).next().is_none() {
            self.syn_sent_seen = false;
        }
        #[cfg(debug_assertions)]
        self.check_states();
    }

    /// See `Session::tcp_states_now`.
    fn tcp_states_now(&mut self) -> Vec<Option<TcpState>> {
        if let Some(watch) = &mut self.watch {
            // Kept for the step's own state read (`clear` forgets them).
            watch.collect();
        }
        let shortcut = true;
        self.table
            .iter()
            .map(|handle| {
                if !handle.kind.is_tcp() {
                    return None;
                }
                let fd = handle.socket.as_fd();
                let unmoved = shortcut
                    && handle.state.is_some()
                    && self
                        .watch
                        .as_ref()
                        .is_some_and(|watch| !watch.is_woken(fd.as_raw_fd()));
                match unmoved {
                    true => handle.state,
                    false => sys::tcp_info(fd).ok().map(|info| TcpState(info.tcpi_state)),
                }
            })
            .collect()
    }

    /// Debug builds: every TCP state not read this step must be the one the
    /// table holds — or have moved just now, with its wake-up on the way.
    #[cfg(debug_assertions)]
    fn check_states(&mut self) {
        let Some(watch) = &mut self.watch else {
            return;
        };
        for handle in self.table.iter().filter(|h| h.kind.is_tcp()) {
            let now = sys::tcp_info(handle.socket.as_fd())
                .ok()
                .map(|info| TcpState(info.tcpi_state));
            if now != handle.state {
                let fd = handle.fd();
                assert!(
                    watch.wait_for(fd, Duration::from_secs(2)),
                    "state watch: {} moved {:?} → {:?} with no wake-up",
                    handle.name,
                    handle.state,
                    now
                );
            }
        }
    }
}

/// Places the step's changes and segments: a job's are not marked. A
/// state change takes the time of the last segment its handle sent or
/// received on the same side of the call (between steps, or with it), when
/// there is one (the ACK that moved FIN_WAIT1 to FIN_WAIT2); else it keeps
/// when it was read, unmarked unless between steps (a read says when it was
/// seen, not when it happened).
fn place(step: &mut Step, placing: Placing) {
    let unmark = |when: &mut Option<When>| {
        if let Some(w) = when {
            w.between = false;
            w.after = Duration::ZERO;
        }
    };
    if placing == Placing::Job {
        step.changes.iter_mut().for_each(|c| unmark(&mut c.when));
        step.wire
            .iter_mut()
            .flatten()
            .for_each(|s| unmark(&mut s.when));
        return;
    }
    let segments = step.wire.as_deref().unwrap_or_default();
    for change in &mut step.changes {
        let Some(when) = change.when.as_mut().filter(|w| !w.seen_live) else {
            continue;
        };
        let name = change.handle.split(" (").next().unwrap_or_default();
        let cause = segments
            .iter()
            .rev()
            .filter_map(|s| Some((s, s.when?)))
            .find(|(s, w)| w.between == when.between && (s.from == name || s.to == name))
            .map(|(_, w)| w);
        match cause {
            Some(cause) => *when = cause,
            None if !when.between => when.after = Duration::ZERO,
            None => {}
        }
    }
}
