//! The segments held on the link by hand, as entries a person acts on.
//!
//! While a segment waits on a held link, its sender's kernel keeps
//! sending it again (a SYN every second, a FIN after its RTO): to the
//! person holding the link those are not new segments. A *copy* — the
//! same direction, addresses, ports, sequence number, flags and length,
//! of a segment that occupies sequence space (SYN, FIN or data) — joins
//! the entry of the segment it repeats, which counts how many times it
//! was sent and when. A copy of a segment already delivered by hand is
//! kept under that segment's number too (the entry is marked delivered):
//! the link holds it until asked, so a pause between two steps changes
//! nothing the receiver sees. Pure ACKs are never copies (two alike are
//! duplicate ACKs, which mean something), nor is UDP.
//!
//! Selectors pick entries by what they are: a direction (`a->b`),
//! flags (`SYN`, `FIN`, `RST`, `SYN,ACK`; `ACK` alone is a pure ACK),
//! `data`, `udp`, `tcp`.
//!
//! Owns: the entries, their numbers, their copies, what was handed over
//! by hand (to catch its copies), and what a selector matches.

use std::collections::VecDeque;
use std::time::Duration;

use etherparse::{NetSlice, SlicedPacket, TransportSlice};

use super::dir::Dir;

/// What a frame is, as far as holding it is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// 6 (TCP), 17 (UDP), or another IP protocol.
    pub proto: u8,
    /// TCP's flags byte (0 for anything else).
    pub flags: u8,
    /// TCP's sequence number (0 for anything else).
    pub seq: u32,
    /// The payload's length.
    pub payload: usize,
    /// Addresses and ports: a copy is of the same connection.
    ends: (Vec<u8>, Vec<u8>, u16, u16),
}

pub const FIN: u8 = 0x01;
pub const SYN: u8 = 0x02;
pub const RST: u8 = 0x04;
pub const PSH: u8 = 0x08;
pub const ACK: u8 = 0x10;

impl Shape {
    /// The frame's shape, if it is an IP packet (a fragment's first part
    /// counts as its datagram).
    pub fn of(frame: &[u8]) -> Option<Shape> {
        let packet = SlicedPacket::from_ethernet(frame).ok()?;
        let (src, dst, proto) = match packet.net? {
            NetSlice::Ipv4(ip) => (
                ip.header().source().to_vec(),
                ip.header().destination().to_vec(),
                ip.header().protocol().0,
            ),
            NetSlice::Ipv6(ip) => (
                ip.header().source().to_vec(),
                ip.header().destination().to_vec(),
                ip.payload().ip_number.0,
            ),
            NetSlice::Arp(_) => return None,
        };
        let shape = match packet.transport {
            Some(TransportSlice::Tcp(tcp)) => Shape {
                proto: 6,
                flags: tcp.slice().get(13).copied().unwrap_or(0),
                seq: tcp.sequence_number(),
                payload: tcp.payload().len(),
                ends: (src, dst, tcp.source_port(), tcp.destination_port()),
            },
            Some(TransportSlice::Udp(udp)) => Shape {
                proto: 17,
                flags: 0,
                seq: 0,
                payload: udp.payload().len(),
                ends: (src, dst, udp.source_port(), udp.destination_port()),
            },
            _ => Shape {
                proto,
                flags: 0,
                seq: 0,
                payload: 0,
                ends: (src, dst, 0, 0),
            },
        };
        Some(shape)
    }

    /// Whether its sender may send it again (TCP, taking sequence space).
    fn repeatable(&self) -> bool {
        self.proto == 6 && (self.flags & (SYN | FIN) != 0 || self.payload > 0)
    }

    /// Whether `other` is a copy of this segment (see the module's doc).
    fn copied_by(&self, other: &Shape) -> bool {
        self.repeatable()
            && self.proto == other.proto
            && self.seq == other.seq
            && self.flags == other.flags
            && self.payload == other.payload
            && self.ends == other.ends
    }
}

/// A segment kept on the link: `#number`, every time its sender sent it
/// (the first as it came, then its copies), and whether it was delivered
/// already (then only copies sent since wait here).
#[derive(Debug)]
pub struct HeldFrame {
    pub number: u32,
    pub dir: Dir,
    pub shape: Option<Shape>,
    /// When each copy came (from the relay's start), and the frame; never
    /// empty.
    pub frames: Vec<(Duration, Vec<u8>)>,
    /// How many times its sender sent it, all told (a delivered one's
    /// first sending included).
    pub sent: u32,
    /// When it was first sent.
    pub first: Duration,
    pub delivered: bool,
}

impl HeldFrame {
    /// The copy a delivery hands over: the last one sent (its timestamps
    /// the newest: as if the network had lost the ones before).
    pub fn newest(&self) -> &[u8] {
        self.frames.last().map_or(&[], |(_, f)| f.as_slice())
    }

    /// The times of the copies after the first, counted from it.
    pub fn again_at(&self) -> Vec<Duration> {
        self.frames
            .iter()
            .skip(usize::from(!self.delivered))
            .map(|(at, _)| at.saturating_sub(self.first))
            .collect()
    }
}

/// A held entry as `link` lists it: its newest copy's start (every
/// header) and length, how many times it was sent, and when the copies
/// after the first came (from the first).
#[derive(Debug)]
pub struct Listed {
    pub number: u32,
    pub dir: Dir,
    pub start: Vec<u8>,
    pub length: usize,
    pub sent: u32,
    pub again: Vec<Duration>,
    pub delivered: bool,
}

/// A segment handed over by hand: its copies are caught (at most this
/// many are remembered, the newest).
const HANDED: usize = 256;

#[derive(Debug, Default)]
pub struct Held {
    pub queue: VecDeque<HeldFrame>,
    numbered: u32,
    handed: VecDeque<(u32, Dir, Shape, Duration, u32)>,
}

/// Where a held frame went.
pub enum Kept {
    /// A new entry, #K.
    New(u32),
    /// A copy of #K, which has now been sent this many times.
    Again(u32, u32),
}

impl Held {
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Whether anything was ever held by hand.
    pub fn ever(&self) -> bool {
        self.numbered > 0
    }

    /// Keeps `frame`, which came at `at`: as a copy of an entry, or as a
    /// new one.
    pub fn keep(&mut self, dir: Dir, frame: Vec<u8>, at: Duration) -> Kept {
        let shape = Shape::of(&frame);
        if let Some(shape) = &shape {
            let waiting = self
                .queue
                .iter_mut()
                .find(|h| h.dir == dir && h.shape.as_ref().is_some_and(|s| s.copied_by(shape)));
            if let Some(entry) = waiting {
                entry.frames.push((at, frame));
                entry.sent += 1;
                return Kept::Again(entry.number, entry.sent);
            }
            let handed = self
                .handed
                .iter_mut()
                .rev()
                .find(|(_, d, s, _, _)| *d == dir && s.copied_by(shape));
            if let Some((number, _, _, first, sent)) = handed {
                *sent += 1;
                let (number, sent, first) = (*number, *sent, *first);
                self.queue.push_back(HeldFrame {
                    number,
                    dir,
                    shape: Some(shape.clone()),
                    frames: vec![(at, frame)],
                    sent,
                    first,
                    delivered: true,
                });
                return Kept::Again(number, sent);
            }
        }
        self.numbered += 1;
        self.queue.push_back(HeldFrame {
            number: self.numbered,
            dir,
            shape,
            frames: vec![(at, frame)],
            sent: 1,
            first: at,
            delivered: false,
        });
        Kept::New(self.numbered)
    }

    /// Takes entry #K out of the queue; a delivered one is remembered, to
    /// catch its copies.
    pub fn take(&mut self, number: u32, delivering: bool) -> Option<HeldFrame> {
        let at = self.queue.iter().position(|h| h.number == number)?;
        let entry = self.queue.remove(at)?;
        if delivering
            && !entry.delivered
            && let Some(shape) = entry.shape.clone().filter(Shape::repeatable)
        {
            if self.handed.len() == HANDED {
                self.handed.pop_front();
            }
            self.handed
                .push_back((entry.number, entry.dir, shape, entry.first, entry.sent));
        }
        Some(entry)
    }
}

/// Entries by what they are: every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    pub dir: Option<Dir>,
    /// Flags that must be set.
    pub flags: u8,
    /// `ACK` alone: an ACK with nothing else (no data, SYN, FIN or RST).
    pub pure_ack: bool,
    pub data: bool,
    pub proto: Option<u8>,
}

impl Selector {
    /// Reads one word of a selector into `self`; false if it is not one.
    pub fn add(&mut self, word: &str) -> bool {
        match word.to_ascii_lowercase().as_str() {
            "a->b" => self.dir = Some(Dir::AtoB),
            "b->a" => self.dir = Some(Dir::BtoA),
            "data" => self.data = true,
            "udp" => self.proto = Some(17),
            "tcp" => self.proto = Some(6),
            "ack" => self.pure_ack = true,
            flags => {
                let mut set = 0;
                for flag in flags.split(',') {
                    set |= match flag {
                        "syn" => SYN,
                        "fin" => FIN,
                        "rst" => RST,
                        "psh" => PSH,
                        "ack" => ACK,
                        _ => return false,
                    };
                }
                self.flags |= set;
            }
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        *self == Selector::default()
    }

    pub fn matches(&self, entry: &HeldFrame) -> bool {
        let shape = entry.shape.as_ref();
        let flags = shape.map_or(0, |s| s.flags);
        let payload = shape.map_or(0, |s| s.payload);
        let proto = shape.map_or(0, |s| s.proto);
        self.dir.is_none_or(|d| d == entry.dir)
            && flags & self.flags == self.flags
            && (!self.pure_ack
                || proto == 6 && flags & (SYN | FIN | RST | ACK) == ACK && payload == 0)
            && (!self.data || payload > 0)
            && self.proto.is_none_or(|p| p == proto)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    fn tcp(seq: u32, syn: bool, fin: bool, payload: &[u8], sport: u16) -> Vec<u8> {
        let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4([192, 0, 2, 1], [192, 0, 2, 2], 64)
            .tcp(sport, 80, seq, 1000);
        let builder = match (syn, fin) {
            (true, _) => builder.syn(),
            (_, true) => builder.fin().ack(1),
            _ => builder.ack(1),
        };
        let mut frame = Vec::new();
        builder.write(&mut frame, payload).unwrap();
        frame
    }

    #[test]
    fn a_resent_segment_joins_its_entry_and_a_new_one_does_not() {
        let mut held = Held::default();
        let ms = Duration::from_millis;
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(0, true, false, b"", 4000), ms(0)),
            Kept::New(1)
        ));
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(0, true, false, b"", 4000), ms(1000)),
            Kept::Again(1, 2)
        ));
        // Another connection's SYN, the other way, other data: new.
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(0, true, false, b"", 4001), ms(1100)),
            Kept::New(2)
        ));
        assert!(matches!(
            held.keep(Dir::BtoA, tcp(0, true, false, b"", 4000), ms(1200)),
            Kept::New(3)
        ));
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(1, false, false, b"hi", 4000), ms(1300)),
            Kept::New(4)
        ));
        // Pure ACKs alike are duplicate ACKs, not copies.
        held.keep(Dir::AtoB, tcp(1, false, false, b"", 4000), ms(1400));
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(1, false, false, b"", 4000), ms(1500)),
            Kept::New(6)
        ));
        assert_eq!(held.queue[0].again_at(), vec![ms(1000)]);
    }

    #[test]
    fn a_copy_of_a_delivered_segment_is_kept_under_its_number() {
        let mut held = Held::default();
        let at = Duration::from_millis(5);
        held.keep(Dir::BtoA, tcp(7, false, true, b"", 80), at);
        let entry = held.take(1, true).unwrap();
        assert!(!entry.delivered);
        assert!(held.is_empty());
        assert!(matches!(
            held.keep(Dir::BtoA, tcp(7, false, true, b"", 80), at * 2),
            Kept::Again(1, 2)
        ));
        assert!(held.queue[0].delivered);
        // Dropped, not delivered: what comes again is a new segment.
        held.take(1, false);
        held.keep(Dir::AtoB, tcp(9, false, true, b"", 81), at);
        held.take(2, false);
        assert!(matches!(
            held.keep(Dir::AtoB, tcp(9, false, true, b"", 81), at),
            Kept::New(3)
        ));
    }

    #[test]
    fn selectors_say_what_a_segment_is() {
        let mut held = Held::default();
        let at = Duration::ZERO;
        held.keep(Dir::AtoB, tcp(0, true, false, b"", 4000), at);
        held.keep(Dir::BtoA, tcp(5, false, false, b"", 80), at);
        held.keep(Dir::BtoA, tcp(5, false, false, b"data", 80), at);
        held.keep(Dir::AtoB, tcp(6, false, true, b"", 4000), at);
        let first = |words: &[&str]| {
            let mut selector = Selector::default();
            for word in words {
                assert!(selector.add(word), "{word}");
            }
            held.queue
                .iter()
                .find(|h| selector.matches(h))
                .map(|h| h.number)
        };
        assert_eq!(first(&["SYN"]), Some(1));
        assert_eq!(first(&["b->a"]), Some(2));
        assert_eq!(first(&["ACK"]), Some(2));
        assert_eq!(first(&["data"]), Some(3));
        assert_eq!(first(&["FIN"]), Some(4));
        assert_eq!(first(&["FIN", "b->a"]), None);
        assert_eq!(first(&["fin,ack", "a->b"]), Some(4));
        assert_eq!(first(&["udp"]), None);
        assert!(!Selector::default().add("nonsense"));
    }
}
