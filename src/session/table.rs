//! The handle table's storage: handles in the order they were made, found
//! by name or by fd without a scan, so a step costs the same with 5,000
//! handles as with one. Taking a handle out leaves a gap; the gaps are
//! swept out when they outnumber the handles, so every operation but
//! iterating is O(1) amortised.
//!
//! Owns only where handles are kept. What a handle is, and what adding or
//! removing one means for the watch and the current handle, is `session`'s.

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
}

impl Table {
    /// Adds a handle after the others. Names are unique (the command layer
    /// refuses a name in use), and so are fds (the kernel's).
    pub fn push(&mut self, handle: Handle) {
        let slot = self.slots.len();
        self.by_name.insert(handle.name.clone(), slot);
        self.by_fd.insert(handle.fd(), slot);
        self.slots.push(Some(handle));
        self.live += 1;
    }

    pub fn get(&self, name: &str) -> Option<&Handle> {
        let slot = *self.by_name.get(name)?;
        self.slots[slot].as_ref()
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Handle> {
        let slot = *self.by_name.get(name)?;
        self.slots[slot].as_mut()
    }

    /// Where the handle of `fd` is in the order made (to visit handles in
    /// that order with `at_mut`).
    pub fn slot_of_fd(&self, fd: RawFd) -> Option<usize> {
        self.by_fd.get(&fd).copied()
    }

    pub fn slot_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Every handle's slot, in the order made.
    pub fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(slot, h)| h.as_ref().map(|_| slot))
    }

    pub fn at_mut(&mut self, slot: usize) -> Option<&mut Handle> {
        self.slots.get_mut(slot)?.as_mut()
    }

    pub fn remove(&mut self, name: &str) -> Option<Handle> {
        let slot = self.by_name.remove(name)?;
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

    pub fn clear(&mut self) {
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
}
