//! What each host put on its cable and took in from it, counted where the
//! host does it: packet sockets on each host's `eth0`. One sees every frame
//! the host sends (the kernel shows it an outgoing frame in the sending call
//! itself, before the cable has it). Three see the frames it takes in — one
//! each for IPv4, IPv6 and ARP, bound to `eth0`: the kernel hands a frame to
//! such a socket only after the protocol's own receive function (`ip_rcv`
//! and all it calls: TCP, the ACK it sends) has returned, so a frame counted
//! there has been handled, answer and all. A filter keeps one byte of each
//! frame and the sockets are never read: their statistics count the frames
//! (the few queued, and the rest they had no room for), so they cost a clone
//! of each frame and no memory to speak of.
//!
//! With the relay's own counts — the frames it read from each cable, and
//! those it (or the kernel's path) handed to each host — these say when
//! what a step caused has been handled (`relay::Relay::sync`): every frame
//! a host sent has been read, and every frame handed to a host has been
//! taken in.
//!
//! Owns: the taps, their running totals, and why they could not be made
//! (`Error`).

use std::os::fd::{AsFd, OwnedFd};
use std::sync::Mutex;

use nix::errno::Errno;
use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};

use super::setup;

/// Why a host's taps could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    Interface(#[from] setup::Error),
    Socket(Errno),
    Filter(Errno),
    Bind(Errno),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Interface(error) => return error.fmt(f),
            Error::Socket(errno) => crate::t!("lab-error-tap-socket", reason = errno.desc()),
            Error::Filter(errno) => crate::t!("lab-error-tap-filter", reason = errno.desc()),
            Error::Bind(errno) => crate::t!("lab-error-tap-bind", reason = errno.desc()),
        };
        f.write_str(&text)
    }
}

/// `SKF_AD_OFF + SKF_AD_PKTTYPE` (linux/filter.h): the packet's type.
const PKTTYPE: u32 = (-0x1000i32) as u32 + 4;

/// Frames a host sent (`sent`) and took in (`taken`), since its taps were made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Traffic {
    pub sent: u64,
    pub taken: u64,
}

/// One host's taps.
pub struct HostTaps {
    outgoing: OwnedFd,
    /// IPv4, IPv6, ARP.
    incoming: [OwnedFd; 3],
}

/// Both hosts' taps and what they have counted so far.
pub struct Taps {
    hosts: [HostTaps; 2],
    totals: Mutex<[Traffic; 2]>,
}

impl Taps {
    /// Host a's and host b's taps (each made in its host: `HostTaps::open`).
    pub fn new(a: HostTaps, b: HostTaps) -> Taps {
        Taps {
            hosts: [a, b],
            totals: Mutex::new([Traffic::default(); 2]),
        }
    }

    /// Its sockets, to be closed (each closing waits for the kernel: the
    /// lab closes them all at once).
    pub fn into_parts(self) -> Vec<Box<dyn Send>> {
        self.hosts
            .into_iter()
            .flat_map(|h| {
                let [ip, ipv6, arp] = h.incoming;
                [h.outgoing, ip, ipv6, arp]
            })
            .map(|fd| Box::new(fd) as Box<dyn Send>)
            .collect()
    }

    /// What each host has sent so far (index 0: host a): the outgoing taps
    /// alone, two calls (the incoming ones keep counting meanwhile).
    pub fn sent(&self) -> [u64; 2] {
        let mut totals = self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (host, total) in self.hosts.iter().zip(totals.iter_mut()) {
            total.sent += frames(&host.outgoing);
        }
        [totals[0].sent, totals[1].sent]
    }

    /// Each host's traffic so far (index 0: host a).
    pub fn traffic(&self) -> [Traffic; 2] {
        let mut totals = self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (host, total) in self.hosts.iter().zip(totals.iter_mut()) {
            total.sent += frames(&host.outgoing);
            total.taken += host.incoming.iter().map(frames).sum::<u64>();
        }
        *totals
    }
}

/// The frames a tap counted since it was last asked.
fn frames(tap: &OwnedFd) -> u64 {
    crate::sys::packet_statistics(tap.as_fd())
        .map(|(packets, _)| u64::from(packets))
        .unwrap_or(0)
}

impl HostTaps {
    /// The taps on interface `name`, in the calling thread's namespace,
    /// counting from now (make them before the link is up).
    pub fn open(name: &str) -> Result<HostTaps, Error> {
        let index = setup::index(name)?;
        let incoming = |protocol: libc::c_int| tap(index, Some(protocol as u16));
        Ok(HostTaps {
            outgoing: tap(index, None)?,
            incoming: [
                incoming(libc::ETH_P_IP)?,
                incoming(libc::ETH_P_IPV6)?,
                incoming(libc::ETH_P_ARP)?,
            ],
        })
    }
}

/// A packet socket on interface `index` that counts the frames going out of
/// it (None), or the frames of one protocol coming in, once handled.
fn tap(index: u32, incoming: Option<u16>) -> Result<OwnedFd, Error> {
    let fd = socket(
        AddressFamily::Packet,
        SockType::Raw,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(Error::Socket)?;
    // The filter first, then the binding: no frame is counted before it.
    // Outgoing: every frame is seen (as ETH_P_ALL), only the host's own
    // kept. Incoming, of one protocol: every frame kept.
    let outgoing_only = [
        statement(libc::BPF_LD | libc::BPF_W | libc::BPF_ABS, PKTTYPE),
        jump(
            libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K,
            u32::from(libc::PACKET_OUTGOING),
            0,
            1,
        ),
        statement(libc::BPF_RET | libc::BPF_K, 1),
        statement(libc::BPF_RET | libc::BPF_K, 0),
    ];
    let every = [statement(libc::BPF_RET | libc::BPF_K, 1)];
    let program: &[libc::sock_filter] = match incoming {
        None => &outgoing_only,
        Some(_) => &every,
    };
    crate::sys::attach_filter(fd.as_fd(), program).map_err(Error::Filter)?;
    // A queue of a few frames: the rest are counted as not taken, which
    // is all the count needs.
    let _ = crate::sys::set_int_option(fd.as_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, 0);
    let protocol = incoming.unwrap_or(libc::ETH_P_ALL as u16);
    crate::sys::bind_packet_socket(fd.as_fd(), index, protocol).map_err(Error::Bind)?;
    Ok(fd)
}

fn statement(code: u32, k: u32) -> libc::sock_filter {
    jump(code, k, 0, 0)
}

fn jump(code: u32, k: u32, jt: u8, jf: u8) -> libc::sock_filter {
    libc::sock_filter {
        code: code as u16,
        jt,
        jf,
        k,
    }
}
