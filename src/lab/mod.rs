//! The network lab: two hosts, `a` and `b`, each a network namespace of
//! its own, joined by a link that socklab relays frame by frame, so that a
//! person can hold, deliver, drop, duplicate and corrupt real segments.
//!
//! ```text
//!  host a (netns)            wire (netns)              host b (netns)
//!  eth0 192.0.2.1  ══veth══  va ── relay ── vb  ══veth══  eth0 192.0.2.2
//! ```
//!
//! Owns: the namespaces (`netns`), their configuration (`setup`), the
//! relay thread and its policy (`relay`). Knows nothing of sessions or
//! commands: the session asks it to make sockets in a host, to act on
//! the link, and for the segments that crossed it.

pub mod diag;
pub mod netns;
pub mod relay;
pub mod setup;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netns::Netns;
pub use relay::{Crossing, Dir, Fate, Next, Relay};

/// One of the lab's two hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    A,
    B,
}

impl Host {
    pub const ALL: [Host; 2] = [Host::A, Host::B];

    pub fn name(self) -> &'static str {
        match self {
            Host::A => "a",
            Host::B => "b",
        }
    }

    pub fn from_name(name: &str) -> Option<Host> {
        match name {
            "a" | "A" => Some(Host::A),
            "b" | "B" => Some(Host::B),
            _ => None,
        }
    }

    /// 192.0.2.1 or .2: documentation addresses (RFC 5737) that exist only
    /// inside the lab's namespaces.
    pub fn ipv4(self) -> Ipv4Addr {
        match self {
            Host::A => Ipv4Addr::new(192, 0, 2, 1),
            Host::B => Ipv4Addr::new(192, 0, 2, 2),
        }
    }

    /// 2001:db8::1 or ::2 (RFC 3849).
    pub fn ipv6(self) -> Ipv6Addr {
        match self {
            Host::A => Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1),
            Host::B => Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2),
        }
    }

    /// The host an address belongs to, if it is one of the lab's.
    pub fn of(ip: IpAddr) -> Option<Host> {
        Host::ALL
            .into_iter()
            .find(|h| ip == IpAddr::V4(h.ipv4()) || ip == IpAddr::V6(h.ipv6()))
    }

    fn index(self) -> usize {
        match self {
            Host::A => 0,
            Host::B => 1,
        }
    }

    /// The direction of a frame this host sends.
    pub fn sends(self) -> Dir {
        match self {
            Host::A => Dir::AtoB,
            Host::B => Dir::BtoA,
        }
    }
}

/// The lab: the hosts' namespaces, the wire's, and the relay between.
/// Made by a thread that then lives in host a (sockets are made there
/// unless they name another host).
pub struct Lab {
    hosts: [Netns; 2],
    /// Kept alive for the relay's interfaces.
    _wire: Netns,
    pub relay: Relay,
}

impl Lab {
    /// Builds the lab and moves the calling thread into host a.
    pub fn build() -> Result<Lab, String> {
        let home = Netns::current()?;
        let hosts = [Netns::new()?, Netns::new()?];
        let wire = Netns::new()?;
        wire.within(&home, || -> Result<(), String> {
            for (side, host) in [("va", &hosts[0]), ("vb", &hosts[1])] {
                setup::veth(side, "eth0", host)?;
                setup::offloads_off(side);
                setup::set_up(side, true)?;
            }
            Ok(())
        })??;
        for host in Host::ALL {
            hosts[host.index()].within(&home, || -> Result<(), String> {
                setup::offloads_off("eth0");
                setup::set_up("eth0", true)?;
                setup::add_address("eth0", IpAddr::V4(host.ipv4()), 24)?;
                setup::add_address("eth0", IpAddr::V6(host.ipv6()), 64)
            })??;
        }
        let relay = Relay::start(&wire, &home)?;
        hosts[0].enter()?;
        Ok(Lab {
            hosts,
            _wire: wire,
            relay,
        })
    }

    /// Runs `work` in `host` (the calling thread lives in host a).
    pub fn within<T>(&self, host: Host, work: impl FnOnce() -> T) -> Result<T, String> {
        match host {
            Host::A => Ok(work()),
            Host::B => self.hosts[1].within(&self.hosts[0], work),
        }
    }
}
