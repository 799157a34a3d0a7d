//! The handle table's storage: handles in the order they were made, found
//! by name or by fd without a scan, so a step costs the same with 5,000
//! handles as with one. Taking a handle out leaves a gap; the gaps are
//! swept out when they outnumber the handles, so every operation but
//! iterating is O(1) amortised. The few names asked for last are found
//! without hashing (a step asks for its handle twice: when its cached
//! parse is checked, and when it runs).
//!
//! Owns only where handles are kept. What a handle is is `handle`'s; what
//! adding or removing one means for the watch and the current handle is
//! `handles::Handles`'.

use std::cell::Cell;
use std::collections::HashMap;

use foldhash::fast::RandomState;
use std::os::fd::RawFd;

use super::Handle;

#[derive(Default)]
pub struct Table {
    /// In the order made; `None` where a handle was taken out.
    slots: Vec<Option<Handle>>,
    by_name: HashMap<String, usize, RandomState>,
    by_fd: HashMap<RawFd, usize, RandomState>,
    live: usize,
    /// Slots found by name lately. Only a hint: a slot
    /// is taken from here when the handle in it has the name asked for
    /// (names are unique), so it never has to be told what changed.
    recent: Cell<[u32; RECENT]>,
    /// Where in `recent` the next slot found by hashing goes.
    next_recent: Cell<usize>,
    /// How many handles were added or taken out (never goes down).
    changes: u64,
}

/// How many names `get` remembers (a loop's few handles).
const RECENT: usize = 4;

impl Table {
    /// Adds a handle after the others. Names are unique (the command layer
    /// refuses a name in use), and so are fds (the kernel's).
    pub fn push(&mut self, handle: Handle) {
        let slot = self.slots.len();
        self.changes += 1;
        self.by_name.insert(handle.name.clone(), slot);
        self.by_fd.insert(handle.fd(), slot);
        self.slots.push(Some(handle));
        self.live += 1;
    }

    pub fn get(&self, name: &str) -> Option<&Handle> {
        let slot = self.slot_of(name)?;
        self.slots[slot].as_ref()
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Handle> {
        let slot = self.slot_of(name)?;
        self.slots[slot].as_mut()
    }

    /// Where the handle of `fd` is in the order made (to visit handles in
    /// that order with `at_mut`).
    pub fn slot_of_fd(&self, fd: RawFd) -> Option<usize> {
        self.by_fd.get(&fd).copied()
    }

    pub fn slot_of(&self, name: &str) -> Option<usize> {
        let recent = self.recent.get();
        for &slot in &recent {
            if let Some(Some(handle)) = self.slots.get(slot as usize)
                && handle.name.len() == name.len()
                && handle.name == name
            {
                return Some(slot as usize);
            }
        }
        let slot = *self.by_name.get(name)?;
        // Kept in turn, oldest out: a hit moves nothing.
        let mut recent = recent;
        let next = self.next_recent.get();
        recent[next % RECENT] = u32::try_from(slot).unwrap_or(u32::MAX);
        self.recent.set(recent);
        self.next_recent.set(next.wrapping_add(1));
        Some(slot)
    }

    /// Every handle's slot, in the order made.
    pub fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(slot, h)| h.as_ref().map(|_| slot))
    }

    pub fn at(&self, slot: usize) -> Option<&Handle> {
        self.slots.get(slot)?.as_ref()
    }

    pub fn at_mut(&mut self, slot: usize) -> Option<&mut Handle> {
        self.slots.get_mut(slot)?.as_mut()
    }

    pub fn remove(&mut self, name: &str) -> Option<Handle> {
        let slot = self.by_name.remove(name)?;
        self.changes += 1;
        let handle = self.slots[slot].take()?;
        self.by_fd.remove(&handle.fd());
        self.live -= 1;
        if self.slots.len() - self.live > self.live.max(16) {
            self.sweep();
        }
        Some(handle)
    }

    /// Closes the gaps, keeping the order.
    fn sweep(&mut self) {
        self.slots.retain(Option::is_some);
        self.by_name.clear();
        self.by_fd.clear();
        for (slot, handle) in self.slots.iter().flatten().enumerate() {
            self.by_name.insert(handle.name.clone(), slot);
            self.by_fd.insert(handle.fd(), slot);
        }
    }

    /// The handle made last of those still here.
    pub fn last(&self) -> Option<&Handle> {
        self.slots.iter().rev().flatten().next()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Handle> {
        self.slots.iter().flatten()
    }

    /// Moves whenever a name comes or goes (see `Session::names_epoch`).
    pub fn changes(&self) -> u64 {
        self.changes
    }

    pub fn clear(&mut self) {
        self.changes += 1;
        self.slots.clear();
        self.by_name.clear();
        self.by_fd.clear();
        self.live = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Kind;
    use socket2::{Domain, Socket, Type};
    use std::sync::Arc;

    fn handle(name: &str) -> Handle {
        Handle {
            name: name.into(),
            socket: Arc::new(Socket::new(Domain::IPV4, Type::DGRAM, None).unwrap()),
            kind: Kind::Udp,
            state: None,
            nonblocking: false,
            shut_read: false,
            shut_write: false,
            tuple: None,
            host: None,
            addresses: Default::default(),
            failed_bind: None,
        }
    }

    /// Order, lookups by name and fd, and `last`, through many removals
    /// (so the gaps are swept several times).
    #[test]
    fn keeps_order_and_finds_by_name_and_fd_through_sweeps() {
        let mut table = Table::default();
        let mut expected: Vec<String> = Vec::new();
        for round in 0..5 {
            for i in 0..40 {
                let name = format!("h{round}_{i}");
                table.push(handle(&name));
                expected.push(name);
            }
            // Take out two of every three, oldest first.
            let doomed: Vec<String> = expected
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 3 != 0)
                .map(|(_, n)| n.clone())
                .collect();
            for name in &doomed {
                assert!(table.remove(name).is_some());
                assert!(table.remove(name).is_none());
            }
            expected.retain(|n| !doomed.contains(n));
            let names: Vec<&str> = table.iter().map(|h| h.name.as_str()).collect();
            assert_eq!(names, expected);
            assert_eq!(table.live, expected.len());
            assert_eq!(
                table.last().map(|h| h.name.as_str()),
                expected.last().map(|s| s.as_str())
            );
            for name in &expected {
                let fd = table.get(name).unwrap().fd();
                let slot = table.slot_of_fd(fd).unwrap();
                assert_eq!(table.slot_of(name), Some(slot));
                assert_eq!(&table.at_mut(slot).unwrap().name, name);
            }
        }
        table.clear();
        assert_eq!(table.iter().count(), 0);
        assert!(table.last().is_none());
    }

    /// The names found last are remembered by slot; a slot whose handle
    /// went (or, after a sweep, holds another handle) is not taken for it.
    #[test]
    fn names_found_lately_follow_removals_and_sweeps() {
        let mut table = Table::default();
        for i in 0..40 {
            table.push(handle(&format!("h{i}")));
        }
        for _ in 0..3 {
            for name in ["h0", "h1", "h39", "h20"] {
                assert_eq!(&table.get(name).unwrap().name, name);
            }
        }
        // h0 goes: its slot stays remembered but is empty now.
        assert!(table.remove("h0").is_some());
        assert!(table.get("h0").is_none());
        assert_eq!(table.get("h1").unwrap().name, "h1");
        // Sweep (more gaps than handles): h1's slot now holds another
        // handle, and h39's slot is past the end.
        for i in 2..39 {
            if i != 20 {
                assert!(table.remove(&format!("h{i}")).is_some());
            }
        }
        assert!(table.slots.len() < 40);
        for name in ["h1", "h20", "h39"] {
            assert_eq!(&table.get(name).unwrap().name, name);
            assert_eq!(&table.get_mut(name).unwrap().name, name);
        }
        assert!(table.get("h2").is_none());
        // A name made again after it went is found in its new slot.
        table.push(handle("h0"));
        assert_eq!(table.get("h0").unwrap().name, "h0");
        assert_eq!(table.slot_of("h0"), Some(table.slots.len() - 1));
    }
}
