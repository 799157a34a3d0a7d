//! The session's handles as one part: the table, which handle is current,
//! the next automatic name, the state watch on the handles' sockets,
//! and the counters that say when what is derived from them (the wire
//! view's ends, the lab's listeners) must be found again.
//!
//! Its invariants: every TCP handle in the table has its socket in the
//! watch, and no other socket is there (the jobs' wake-up set aside, which
//! is nested once); the current name is a handle in the table, or None;
//! the counters only grow. Reading the states back is `states`'.

use std::os::fd::AsFd;

use super::{Handle, table::Table};
use crate::jobs::Jobs;
use crate::names::TcpState;
use crate::state_watch::StateWatch;
use crate::step::{StateChange, Step};

pub(super) struct Handles {
    pub(super) table: Table,
    current: Option<String>,
    next_auto: u32,
    /// Which TCP sockets the kernel woke since the last step (None in a
    /// worker's session, or if epoll failed: then every state is read).
    pub(super) watch: Option<StateWatch>,
    /// The jobs' wake-up set is nested in `watch`.
    pub(super) jobs_nested: bool,
    /// Moved whenever a step may have bound, connected or closed a handle
    /// (with the table's change count, it says when the wire view's ends
    /// must be found again).
    addresses_moved: u64,
    /// Moved whenever a handle began or stopped listening.
    pub(super) listen_moves: u64,
    /// A handle was seen in SYN_SENT and may still be (see `states`).
    pub(super) syn_sent_seen: bool,
}

impl Handles {
    /// An empty table; `watch` says whether the kernel's wake-ups are
    /// followed (a worker's session reads every state instead).
    pub(super) fn new(watch: Option<StateWatch>, next_auto: u32) -> Handles {
        Handles {
            table: Table::default(),
            current: None,
            next_auto,
            watch,
            jobs_nested: false,
            addresses_moved: 0,
            listen_moves: 0,
            syn_sent_seen: false,
        }
    }

    /// The next automatic number, for a worker's session to go on from.
    pub(super) fn next_auto(&self) -> u32 {
        self.next_auto
    }

    #[inline]
    pub(super) fn get(&self, name: &str) -> Option<&Handle> {
        self.table.get(name)
    }

    pub(super) fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }

    pub(super) fn set_current(&mut self, name: &str) {
        match &mut self.current {
            // The name's buffer is reused: this runs on every step.
            Some(current) => {
                current.clear();
                current.push_str(name);
            }
            None => self.current = Some(name.to_string()),
        }
    }

    /// Adds a handle to the table (and its socket to the state watch).
    pub(super) fn push(&mut self, handle: Handle) {
        if handle.kind.is_tcp()
            && let Some(watch) = &mut self.watch
        {
            watch.add(handle.socket.as_fd());
        }
        self.table.push(handle);
    }

    /// Adds a handle that becomes current.
    pub(super) fn push_current(&mut self, handle: Handle) {
        let name = handle.name.clone();
        self.push(handle);
        self.current = Some(name);
    }

    /// The next free `sN` name: in neither the table nor `jobs`' reservations.
    pub(super) fn auto_name(&mut self, jobs: &Jobs) -> String {
        loop {
            let name = format!("s{}", self.next_auto);
            self.next_auto += 1;
            if self.get(&name).is_none() && jobs.reserved_by(&name).is_none() {
                return name;
            }
        }
    }

    /// Takes a handle out of the table and the watch; the one made last
    /// becomes current if it was.
    pub(super) fn remove(&mut self, name: &str) -> Option<Handle> {
        let handle = self.table.remove(name)?;
        if let Some(watch) = &mut self.watch {
            watch.remove(handle.socket.as_fd());
        }
        if self.current.as_deref() == Some(name) {
            self.current = self.table.last().map(|h| h.name.clone());
        }
        Some(handle)
    }

    /// Empties the table and the watch. Returns the names the table had.
    pub(super) fn clear(&mut self) -> Vec<String> {
        let names = self.table.iter().map(|h| h.name.clone()).collect();
        for handle in self.table.iter() {
            if let Some(watch) = &mut self.watch {
                watch.remove(handle.socket.as_fd());
            }
        }
        self.table.clear();
        self.current = None;
        names
    }

    /// Says when the handles' ends may differ from the last look: a handle
    /// was made, closed, bound or connected.
    pub(super) fn addresses_stamp(&self) -> u64 {
        self.addresses_moved.wrapping_add(self.table.changes())
    }

    /// As `addresses_stamp`, and moved too when a handle began or stopped
    /// listening.
    pub(super) fn listeners_stamp(&self) -> u64 {
        self.addresses_stamp().wrapping_add(self.listen_moves)
    }

    /// The handles whose addresses a step may have changed: the one it
    /// acted on, the ones it made, and a job's — for the verbs that bind or
    /// connect (sendto binds an unbound socket; close takes one away).
    pub(super) fn forget_addresses_of(&mut self, step: &Step, jobs: &Jobs) {
        let moves = matches!(
            step.verb,
            "bind"
                | "connect"
                | "listen"
                | "sendto"
                | "accept"
                | "close"
                | "socket"
                | "socketpair"
                | "host"
        );
        if !moves && step.new_handles.is_empty() {
            return;
        }
        self.addresses_moved += 1;
        let job = match step.job {
            Some((id, _)) => jobs.uses_of(id),
            None => Vec::new(),
        };
        let names = step
            .handle
            .iter()
            .chain(&step.new_handles)
            .chain(job.iter());
        for name in names {
            if let Some(handle) = self.table.get(name) {
                handle.forget_addresses();
            }
        }
    }

    /// In the lab, the handles in a state that can move with no wake-up
    /// (SYN_SENT, by a simultaneous open).
    pub(super) fn wakeless_slots(&self, in_lab: bool) -> impl Iterator<Item = usize> + '_ {
        // (Outside the lab, or with no handle seen in SYN_SENT since the
        // last look that found none, nothing is visited.)
        let lab = (in_lab && self.syn_sent_seen).then_some(&self.table);
        lab.into_iter().flat_map(|handles| {
            handles.slots().filter(|&slot| {
                handles
                    .at(slot)
                    .is_some_and(|h| h.state == Some(TcpState::SYN_SENT))
            })
        })
    }

    /// Takes back the changes of `names` just read: their handles keep
    /// their last shown state, so the moves show (and are read again) with
    /// the step that made them.
    pub(super) fn unread(&mut self, names: &[String], changes: &mut Vec<StateChange>) {
        changes.retain(|change| {
            if change.closed || !names.contains(&change.handle) {
                return true;
            }
            if let Some(slot) = self.table.slot_of(&change.handle)
                && let Some(handle) = self.table.at_mut(slot)
            {
                handle.state = change.from;
            }
            false
        });
    }

    /// Every open TCP handle's state, as last read.
    pub(super) fn tcp_states(&self) -> Vec<(&str, TcpState)> {
        self.table
            .iter()
            .filter_map(|h| Some((h.name.as_str(), h.state?)))
            .collect()
    }
}
