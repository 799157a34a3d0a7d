//! The wire view: the segments each step put on the loopback wire, shown
//! under the call that caused them, and saved as a pcap file on request.
//!
//! A packet socket (AF_PACKET, ETH_P_ALL, so CAP_NET_RAW) sees every frame
//! the loopback interface sends, and on loopback a frame is sent inside the
//! system call that caused it (the reply too: the peer's stack runs in the
//! same softirq), so draining the socket right after a step gets exactly
//! what that step caused; what comes later (a delayed ACK, a peer's FIN)
//! carries the kernel's timestamp, by which the session tells it came
//! between steps (see `clock`). Each frame is seen twice on loopback, outgoing
//! and incoming: only the outgoing copy is kept. Only frames to or from the
//! session's own sockets are shown and saved.
//!
//! Owns: the capture and the saved frames. Does not own the naming of ends
//! by handle (`session`) or the layout of a step (`render`).

pub mod roles;
pub mod segment;
pub mod summary;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::time::{Duration, SystemTime};

use nix::errno::Errno;
use nix::sys::socket::{
    AddressFamily, ControlMessageOwned, LinkAddr, MsgFlags, SockFlag, SockProtocol, SockType,
    recvmsg, setsockopt, socket, sockopt,
};
use nix::sys::time::TimeSpec;
use pcap_file::DataLink;
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};

use crate::clock::{Clock, When};
use segment::Relative;
pub use segment::{Proto, Segment, compact_line};

/// How the wire view shows a step's segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Every segment, a line each (`wire on`).
    List,
    /// A line per direction (`wire summary`).
    Summary,
    /// A ladder diagram under each step (`wire ladder`), in ASCII or not.
    Ladder { ascii: bool },
}

/// `sll_pkttype` of a frame the host sent (linux/if_packet.h).
const PACKET_OUTGOING: u8 = 4;

/// A capture on the loopback interface, while `wire on`.
pub struct Capture {
    socket: OwnedFd,
    loopback: usize,
    buffer: Vec<u8>,
    relative: Relative,
    saved: Saved,
}

/// What the capture keeps for `wire save`: a ring of the latest frames.
pub const SAVED_BYTES: usize = 4 << 20;

/// The frames shown, newest last, with when each was sent (wall clock),
/// for `wire save`: at most SAVED_BYTES of memory (each frame and its
/// entry; the oldest go first), taken from the session's budget where it
/// has one.
#[derive(Default)]
pub struct Saved {
    /// (when, the frame as captured, its whole length, its fate's name on
    /// the lab's link: `lost`, `dropped` …).
    frames: VecDeque<(Duration, Vec<u8>, u32, Option<&'static str>)>,
    /// The memory they keep.
    bytes: usize,
    /// How many of the oldest frames were let go to stay within SAVED_BYTES
    /// (or the budget).
    dropped: usize,
    budget: Option<std::sync::Arc<crate::budget::Budget>>,
}

/// What keeping a frame costs beyond its bytes.
const SAVED_ENTRY: usize = 64;

impl Drop for Saved {
    fn drop(&mut self) {
        if let Some(budget) = &self.budget {
            budget.give(self.bytes);
        }
    }
}

impl Saved {
    /// Keeps what it keeps within `budget` too.
    pub fn charged_to(budget: std::sync::Arc<crate::budget::Budget>) -> Saved {
        Saved {
            frames: VecDeque::new(),
            bytes: 0,
            dropped: 0,
            budget: Some(budget),
        }
    }

    /// Keeps a frame sent at `at` (since the epoch), of which `frame` may
    /// be only the start (`length` long in all), letting the oldest go past
    /// SAVED_BYTES, or while the budget has no room.
    pub fn keep(
        &mut self,
        at: Duration,
        frame: Vec<u8>,
        length: usize,
        fate: Option<&'static str>,
    ) {
        let cost = frame.len() + SAVED_ENTRY;
        while self.budget.as_ref().is_some_and(|b| b.take(cost).is_err()) {
            if !self.let_oldest_go() {
                self.dropped += 1;
                return;
            }
        }
        self.bytes += cost;
        let length = u32::try_from(length.max(frame.len())).unwrap_or(u32::MAX);
        self.frames.push_back((at, frame, length, fate));
        while self.bytes > SAVED_BYTES && self.let_oldest_go() {}
    }

    /// Lets the oldest frame go; false when there is none.
    fn let_oldest_go(&mut self) -> bool {
        let Some((_, old, ..)) = self.frames.pop_front() else {
            return false;
        };
        let cost = old.len() + SAVED_ENTRY;
        self.bytes -= cost;
        self.dropped += 1;
        if let Some(budget) = &self.budget {
            budget.give(cost);
        }
        true
    }

    /// How many frames `save` would write.
    pub fn saved(&self) -> usize {
        self.frames.len()
    }

    /// The frames kept, oldest first: when, the frame (perhaps only its
    /// start), its whole length, its fate on the lab's link.
    pub fn frames(
        &self,
    ) -> impl Iterator<Item = &(Duration, Vec<u8>, u32, Option<&'static str>)> + '_ {
        self.frames.iter()
    }

    /// How many of the oldest frames were let go (the ring was full).
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Writes every frame kept as a pcap file (Ethernet link type), which
    /// Wireshark and tshark open; a frame known only by its start is
    /// written as a capture cut short (its original length recorded), as
    /// tcpdump's `-s` would.
    pub fn save(&self, file: File) -> io::Result<usize> {
        let header = PcapHeader {
            datalink: DataLink::ETHERNET,
            ..PcapHeader::default()
        };
        let mut writer = PcapWriter::with_header(file, header).map_err(io::Error::other)?;
        for (at, frame, length, _) in &self.frames {
            writer
                .write_packet(&PcapPacket::new(*at, *length, frame))
                .map_err(io::Error::other)?;
        }
        Ok(self.frames.len())
    }
}

/// Why the wire view's capture could not open.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    NoCapNetRaw,
    Socket(Errno),
    NoLoopback(Errno),
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            CaptureError::NoCapNetRaw => crate::t!("wire-error-no-cap-net-raw"),
            CaptureError::Socket(errno) => crate::t!("wire-error-socket", reason = errno.desc()),
            CaptureError::NoLoopback(errno) => {
                crate::t!("wire-error-no-loopback", reason = errno.desc())
            }
        };
        f.write_str(&text)
    }
}

impl Capture {
    /// What the capture keeps for `wire save` comes from `budget`.
    pub fn charge_to(&mut self, budget: std::sync::Arc<crate::budget::Budget>) {
        self.saved = Saved::charged_to(budget);
    }

    /// Opens the packet socket; the error says what is missing and how to get it.
    pub fn open() -> Result<Capture, CaptureError> {
        let socket = socket(
            AddressFamily::Packet,
            SockType::Raw,
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
            SockProtocol::EthAll,
        )
        .map_err(|errno| match errno {
            Errno::EPERM | Errno::EACCES => CaptureError::NoCapNetRaw,
            other => CaptureError::Socket(other),
        })?;
        let socket = crate::sys::move_out_of_the_way(socket);
        let loopback =
            nix::net::if_::if_nametoindex("lo").map_err(CaptureError::NoLoopback)? as usize;
        let socket = only_sent_on(socket, loopback);
        let _ = setsockopt(&socket, sockopt::ReceiveTimestampns, &true);
        // Room for a burst (a window-full of segments) between two steps.
        let _ = setsockopt(&socket, sockopt::RcvBufForce, &(8 << 20))
            .or_else(|_| setsockopt(&socket, sockopt::RcvBuf, &(8 << 20)));
        Ok(Capture {
            socket,
            loopback,
            buffer: vec![0; 65_536 + 128],
            relative: Relative::default(),
            saved: Saved::default(),
        })
    }

    /// Everything sent on loopback since the last call that `keep` accepts,
    /// decoded, with relative sequence numbers, in the order it was sent.
    pub fn drain(&mut self, clock: &Clock, keep: impl Fn(&Segment) -> bool) -> Vec<Segment> {
        let mut segments = Vec::new();
        while let Some((frame, at)) = self.next_frame() {
            let Some(mut segment) = segment::decode(&frame) else {
                continue;
            };
            if !keep(&segment) {
                continue;
            }
            self.relative.apply(&mut segment);
            segment.when = Some(When {
                t: clock.from_wall(at),
                ..When::default()
            });
            let length = frame.len();
            self.saved.keep(at, frame, length, None);
            segments.push(segment);
        }
        segments
    }

    /// The next outgoing loopback frame and when it was sent, without waiting.
    fn next_frame(&mut self) -> Option<(Vec<u8>, Duration)> {
        loop {
            let mut space = nix::cmsg_space!(TimeSpec);
            let capacity = self.buffer.len();
            let mut iov = [IoSliceMut::new(&mut self.buffer)];
            let (wanted, length, sent) = match recvmsg::<LinkAddr>(
                self.socket.as_raw_fd(),
                &mut iov,
                Some(&mut space),
                MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_TRUNC,
            ) {
                Ok(message) => (
                    message.address.is_some_and(|a| {
                        a.ifindex() == self.loopback && a.pkttype() == PACKET_OUTGOING
                    }),
                    message.bytes.min(capacity),
                    message.cmsgs().ok().and_then(|mut cmsgs| {
                        cmsgs.find_map(|cmsg| match cmsg {
                            ControlMessageOwned::ScmTimestampns(ts) => {
                                Some(Duration::new(ts.tv_sec() as u64, ts.tv_nsec() as u32))
                            }
                            _ => None,
                        })
                    }),
                ),
                Err(Errno::EINTR) => continue,
                Err(_) => return None,
            };
            if wanted {
                let at = sent.unwrap_or_else(|| {
                    SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .unwrap_or_default()
                });
                return Some((self.buffer[..length].to_vec(), at));
            }
        }
    }

    /// The packet socket: readable when a frame waits (to poll between steps).
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.socket.as_fd()
    }

    /// The frames kept for `wire save`.
    pub fn saved(&self) -> &Saved {
        &self.saved
    }
}

/// Attaches a classic BPF filter so the kernel queues only frames sent on
/// interface `ifindex` (loopback): other interfaces' traffic, and the
/// received copy of each loopback frame, never reach socklab. (Frames are
/// checked again when read, in case the filter could not be attached.)
fn only_sent_on(socket: OwnedFd, ifindex: usize) -> OwnedFd {
    use libc::{BPF_ABS, BPF_JEQ, BPF_JMP, BPF_K, BPF_LD, BPF_RET, BPF_W};
    use socket2::SockFilter;
    let ancillary = |field: libc::c_int| (libc::SKF_AD_OFF + field) as u32;
    let load = (BPF_LD | BPF_W | BPF_ABS) as u16;
    let equal = (BPF_JMP | BPF_JEQ | BPF_K) as u16;
    let ret = (BPF_RET | BPF_K) as u16;
    let program = [
        SockFilter::new(load, 0, 0, ancillary(libc::SKF_AD_IFINDEX)),
        // Not this interface: jump to the last instruction (drop).
        SockFilter::new(equal, 0, 3, ifindex as u32),
        SockFilter::new(load, 0, 0, ancillary(libc::SKF_AD_PKTTYPE)),
        SockFilter::new(equal, 0, 1, u32::from(PACKET_OUTGOING)),
        SockFilter::new(ret, 0, 0, u32::MAX),
        SockFilter::new(ret, 0, 0, 0),
    ];
    let socket = socket2::Socket::from(socket);
    let _ = socket.attach_filter(&program);
    // Frames queued before the filter was attached are read and checked
    // like any other.
    OwnedFd::from(socket)
}
