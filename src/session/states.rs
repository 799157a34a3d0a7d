//! After each step: which TCP states moved. Reads only the handles whose
//! state can have changed (see `state_watch`), follows the connections the
//! kernel holds after close, and in a debug build checks the shortcut
//! against a full read.

use std::os::fd::{AsFd, AsRawFd};
#[cfg(debug_assertions)]
use std::time::Duration;

use super::{Session, connection_tuple};
use crate::names::TcpState;
use crate::step::{StateChange, Step};
use crate::sys;

/// Verbs that only move data: by themselves they never change a TCP state,
/// so after them only the sockets the kernel woke are read.
const DATA_VERBS: [&str; 4] = ["send", "sendall", "recv", "recvfrom"];

impl Session {
    /// Reads the TCP state of every handle whose state may have moved — the
    /// ones the step acted on, the ones a background job uses, the ones the
    /// kernel woke (see `state_watch`) — and the kernel's view of closed ones.
    pub fn refresh_states(&mut self, step: &mut Step) {
        // In the lab, what the step sent has crossed the link (and what
        // that caused) before any state is read.
        self.sync_lab();
        let mut kernel_held = Vec::new();
        let acted = match step.handle.as_deref() {
            Some(name) if !DATA_VERBS.contains(&step.verb) => Some(name),
            _ => None,
        };
        if let Some(watch) = &mut self.watch {
            if !self.jobs_nested
                && let Some(set) = self.jobs.wake_fd()
            {
                self.jobs_nested = watch.add_nested(set);
            }
            watch.collect();
            if self.jobs_nested {
                self.jobs.set_wake_hint(watch.take_nested());
            }
        }
        self.jobs.note_step(step.verb, step.handle.as_deref());
        // Which handles to read, in the order made: with no watch, or in the
        // lab, every TCP handle (there a socket can move with no wake-up the
        // watch sees: a simultaneous open takes SYN_SENT to SYN_RECV, and a
        // lab has a few sockets); else only those whose state can have moved
        // — found without visiting the rest, so a step costs the same
        // however many handles are idle.
        let slots: Vec<usize> = match &self.watch {
            Some(watch) if self.lab.is_none() => {
                let mut slots: Vec<usize> = watch
                    .woken()
                    .filter_map(|fd| self.handles.slot_of_fd(fd))
                    .chain(acted.and_then(|name| self.handles.slot_of(name)))
                    .chain(
                        step.new_handles
                            .iter()
                            .filter_map(|name| self.handles.slot_of(name)),
                    )
                    .chain(
                        self.jobs
                            .handles_to_read()
                            .iter()
                            .filter_map(|name| self.handles.slot_of(name)),
                    )
                    .collect();
                slots.sort_unstable();
                slots.dedup();
                slots
            }
            _ => self.handles.slots().collect(),
        };
        for slot in slots {
            let Some(handle) = self.handles.at_mut(slot) else {
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
            step.changes.push(StateChange {
                handle: handle.name.clone(),
                from: handle.state,
                to: now,
                closed: false,
            });
            if now.is_some_and(TcpState::is_connected) && handle.tuple.is_none() {
                handle.tuple = connection_tuple(&handle.socket);
            }
            if now == Some(TcpState::CLOSE)
                && let Some(tuple) = handle.tuple
                && let Some(held) =
                    super::lab_view::lookup_held(&self.held, &self.lab, handle.host, tuple)
            {
                kernel_held.push((handle.name.clone(), tuple, held, handle.host));
            }
            handle.state = now;
        }
        if let Some(watch) = &mut self.watch {
            watch.clear();
        }
        #[cfg(debug_assertions)]
        if self.lab.is_none() {
            self.check_states();
        }
        for (name, tuple, state, host) in kernel_held {
            step.changes.push(StateChange {
                handle: name.clone(),
                from: None,
                to: Some(state),
                closed: true,
            });
            self.add_ghost(&name, tuple, state, host);
        }
        self.refresh_held(&mut step.changes);
        self.lab_queued_changes(&mut step.changes);
        if self.wire.is_some() || self.lab.is_some() {
            let segments = self.drain_wire();
            if self.wire_summary {
                step.wire_summary = Some(crate::wire::summary::summarize(
                    &segments,
                    &mut self.wire_highest,
                ));
            }
            step.wire = Some(segments);
        }
    }

    /// Each handle's TCP state as the kernel has it now (None for other
    /// kinds), in the order of `handles()`. A socket the kernel has not
    /// woken since the last step cannot have moved (see `state_watch`), so
    /// only the woken ones are read: `ls` with thousands of idle handles
    /// makes no call for their states.
    pub fn tcp_states_now(&mut self) -> Vec<Option<TcpState>> {
        if let Some(watch) = &mut self.watch {
            // Kept for the step's own state read (`clear` forgets them).
            watch.collect();
        }
        let shortcut = self.lab.is_none();
        self.handles
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

    /// Every open TCP handle's state, as last read.
    pub fn tcp_states(&self) -> Vec<(&str, TcpState)> {
        self.handles
            .iter()
            .filter_map(|h| Some((h.name.as_str(), h.state?)))
            .collect()
    }

    /// Debug builds: every TCP state not read this step must be the one the
    /// table holds — or have moved just now, with its wake-up on the way.
    #[cfg(debug_assertions)]
    fn check_states(&mut self) {
        let Some(watch) = &mut self.watch else {
            return;
        };
        for handle in self.handles.iter().filter(|h| h.kind.is_tcp()) {
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
