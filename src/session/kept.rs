//! The connections the kernel keeps after their handle closed (TIME_WAIT,
//! FIN_WAIT2, LAST_ACK…), per host: host a's — the session's own network,
//! in or out of the lab — and, in the lab, host b's. Each `Held` makes
//! its lookups in the network it was added in, so host b's are added,
//! refreshed and read inside host b (`Lab::within`).
//!
//! Its invariant: host b's list is empty outside the lab. Which handle's
//! close left a connection here is `states`' to find.

use std::net::SocketAddr;
use std::os::fd::BorrowedFd;

use crate::kernel_table::{Held, Seen};
use crate::lab::{Host, Lab};
use crate::names::TcpState;

#[derive(Default)]
pub(super) struct Kept {
    /// Host a's (or, outside the lab, the session's own network's).
    a: Held,
    /// Host b's, in the lab.
    b: Held,
    /// Whether each kept connection's socket had SO_REUSEADDR, read
    /// before its close (a time-wait socket keeps it: what a bind over it
    /// needs to know); only connections still kept.
    reuse: Vec<((SocketAddr, SocketAddr), bool)>,
}

impl Kept {
    /// Whether no connection is kept, and no move of one waits to be shown.
    pub(super) fn is_empty(&self) -> bool {
        self.a.is_empty() && self.b.is_empty()
    }

    /// The kernel's state of a connection, looked up in the namespace of
    /// the host it lives in.
    pub(super) fn lookup(
        &self,
        lab: Option<&Lab>,
        host: Option<Host>,
        tuple: (SocketAddr, SocketAddr),
    ) -> Option<TcpState> {
        match (lab, host) {
            (Some(lab), Some(Host::B)) => lab
                .within(Host::B, || self.b.lookup(tuple.0, tuple.1))
                .ok()
                .flatten(),
            _ => self.a.lookup(tuple.0, tuple.1),
        }
    }

    /// A connection on loopback, in the session's own network.
    pub(super) fn lookup_here(&self, local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
        self.a.lookup(local, peer)
    }

    /// Follows `name`'s connection from now on (in the host it lives in),
    /// with its socket's SO_REUSEADDR where it was read.
    pub(super) fn add(
        &mut self,
        lab: Option<&Lab>,
        name: &str,
        (tuple, reuse): ((SocketAddr, SocketAddr), Option<bool>),
        state: TcpState,
        host: Option<Host>,
    ) {
        let kept = self.connections();
        self.reuse
            .retain(|(pair, _)| kept.iter().any(|(_, l, p)| (*l, *p) == *pair));
        self.reuse.retain(|(pair, _)| *pair != tuple);
        if let Some(reuse) = reuse {
            self.reuse.push((tuple, reuse));
        }
        match (lab, host) {
            (Some(lab), Some(Host::B)) => {
                let b = &mut self.b;
                if lab.within(Host::B, || b.add(name, tuple, state)).is_err() {
                    b.add(name, tuple, state);
                }
            }
            _ => self.a.add(name, tuple, state),
        }
    }

    /// Reads the kept connections' states again (host b's in host b), and
    /// takes what the sampler saw of them meanwhile: host a's, then b's.
    pub(super) fn refresh(&mut self, lab: Option<&Lab>) -> Vec<Seen> {
        let mut seen = self.a.refresh();
        if let Some(lab) = lab
            && !self.b.is_empty()
        {
            let b = &mut self.b;
            if let Ok(more) = lab.within(Host::B, || b.refresh()) {
                seen.extend(more);
            }
        }
        seen
    }

    /// The kept connections, both hosts': (name, local, peer).
    pub(super) fn connections(&self) -> Vec<(String, SocketAddr, SocketAddr)> {
        let mut all = self.a.connections();
        all.extend(self.b.connections());
        all
    }

    /// The fds readable while a kept connection's move waits to be shown.
    pub(super) fn notify_fds(&self) -> impl Iterator<Item = BorrowedFd<'_>> {
        self.a.notify_fd().into_iter().chain(self.b.notify_fd())
    }

    /// Whether a kept connection's socket had SO_REUSEADDR, if it was read.
    pub(super) fn reuse_of(&self, tuple: (SocketAddr, SocketAddr)) -> Option<bool> {
        self.reuse
            .iter()
            .find(|(pair, _)| *pair == tuple)
            .map(|(_, reuse)| *reuse)
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.a.contains(name) || self.b.contains(name)
    }

    /// A closed handle's connection state, read now (in its host).
    pub(super) fn state_now(&self, lab: Option<&Lab>, name: &str) -> Option<TcpState> {
        if self.a.contains(name) {
            return self.a.state_now(name);
        }
        lab?.within(Host::B, || self.b.state_now(name))
            .ok()
            .flatten()
    }
}
