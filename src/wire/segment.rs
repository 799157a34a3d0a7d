//! One captured frame as a segment a person reads: who sent it to whom, the
//! TCP flags, sequence and acknowledgement numbers relative to each
//! direction's first (as tcpdump and Wireshark show them), window, options,
//! payload. Headers are decoded by etherparse.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::LazyLock;

use etherparse::{NetSlice, SlicedPacket, TcpOptionElement, TransportSlice};
use regex::Regex;
use serde_json::{Value, json};

use crate::encoding::display::Preview;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
    /// An ICMP error about a datagram or segment (`Segment::icmp` says which).
    Icmp,
}

/// What an ICMP error is about: the datagram (or segment) that drew it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcmpError {
    /// `port unreachable`, `host unreachable`, …
    pub what: String,
    /// The protocol of the datagram it answers.
    pub about: Proto,
    /// Its length as its own header said (UDP), if known.
    pub len: Option<u16>,
}

/// A segment (or datagram) as shown under the step that caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub proto: Proto,
    pub src: SocketAddr,
    pub dst: SocketAddr,
    /// Handle names for the two ends, or their addresses (set by the session).
    pub from: String,
    pub to: String,
    /// FIN, SYN, RST, PSH, ACK, URG (TCP only), in that order.
    pub flags: Vec<&'static str>,
    pub seq: u32,
    pub ack: Option<u32>,
    pub win: u16,
    /// `mss 65495,sackOK,TS,wscale 7` (timestamps' values left out: they vary).
    pub options: String,
    pub payload: Vec<u8>,
    /// For an ICMP error: what it is and what it answers. `src` is then the
    /// end that could not be reached and `dst` the sender it tells.
    pub icmp: Option<IcmpError>,
    /// On the lab's link: what happened to it there.
    pub fate: Option<LinkFate>,
    /// When it was sent (the capture's kernel timestamp, or when it reached
    /// the lab's link), placed against the steps by the session.
    pub when: Option<crate::clock::When>,
    /// A piece of an IP datagram too big for the link: which piece. Its
    /// ports are known from the first piece (0 until then).
    pub fragment: Option<Fragment>,
    /// The SACK option's blocks (left, right edge), relative as `ack` is.
    pub sack: Vec<(u32, u32)>,
    /// What the segment is (a retransmission, a dup ACK, …), given by the
    /// session's analyser (`roles`).
    pub roles: Vec<super::roles::Role>,
}

/// One IP fragment of a datagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// The datagram's identification (with its addresses, it says which
    /// pieces belong together).
    pub id: u32,
    /// Where its bytes go in the datagram's payload.
    pub offset: u32,
    /// Its bytes of the datagram's payload.
    pub len: u32,
    /// More pieces follow (every piece but the last).
    pub more: bool,
    /// Which piece of how many, once every piece has been seen together.
    pub index: Option<(u16, u16)>,
}

/// A segment's fate on the lab's link (set by the session from the relay).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkFate {
    /// passed, held, delivered, dropped, duplicated, corrupted.
    pub name: &'static str,
    /// `held #3`, `#3 delivered`, …
    pub text: String,
    /// The held number, where it has one.
    pub held: Option<u32>,
}

/// Decodes an Ethernet frame (loopback's have an all-zero Ethernet header);
/// None for what is not TCP or UDP over IP.
pub fn decode(frame: &[u8]) -> Option<Segment> {
    if let Some(segment) = decode_fragment(frame) {
        return Some(segment);
    }
    let packet = SlicedPacket::from_ethernet(frame).ok()?;
    let (src_ip, dst_ip): (IpAddr, IpAddr) = match packet.net? {
        NetSlice::Ipv4(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
        NetSlice::Ipv6(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
        NetSlice::Arp(_) => return None,
    };
    match packet.transport? {
        TransportSlice::Tcp(tcp) => {
            // In the order of their bits, as Wireshark shows them: [SYN,ACK], [FIN,ACK].
            let names = [
                (tcp.fin(), "FIN"),
                (tcp.syn(), "SYN"),
                (tcp.rst(), "RST"),
                (tcp.psh(), "PSH"),
                (tcp.ack(), "ACK"),
                (tcp.urg(), "URG"),
            ];
            Some(Segment {
                proto: Proto::Tcp,
                src: SocketAddr::new(src_ip, tcp.source_port()),
                dst: SocketAddr::new(dst_ip, tcp.destination_port()),
                from: String::new(),
                to: String::new(),
                flags: names
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, n)| *n)
                    .collect(),
                seq: tcp.sequence_number(),
                ack: tcp.ack().then(|| tcp.acknowledgment_number()),
                win: tcp.window_size(),
                options: options(tcp.options_iterator()),
                payload: tcp.payload().to_vec(),
                icmp: None,
                fate: None,
                when: None,
                fragment: None,
                sack: sack_blocks(tcp.options_iterator()),
                roles: Vec::new(),
            })
        }
        TransportSlice::Udp(udp) => {
            let mut segment = Segment::bare(
                Proto::Udp,
                SocketAddr::new(src_ip, udp.source_port()),
                SocketAddr::new(dst_ip, udp.destination_port()),
            );
            segment.payload = udp.payload().to_vec();
            Some(segment)
        }
        TransportSlice::Icmpv4(icmp) => {
            let what = match (icmp.type_u8(), icmp.code_u8()) {
                (3, 3) => "port unreachable".to_string(),
                (3, 1) => "host unreachable".to_string(),
                (3, 0) => "network unreachable".to_string(),
                (3, code) => format!("destination unreachable (code {code})"),
                (11, 1) => "fragment reassembly time exceeded".to_string(),
                (11, _) => "time exceeded".to_string(),
                _ => return None,
            };
            icmp_error(what, icmp.payload(), false)
        }
        TransportSlice::Icmpv6(icmp) => {
            let what = match (icmp.type_u8(), icmp.code_u8()) {
                (1, 4) => "port unreachable".to_string(),
                (1, 3) => "address unreachable".to_string(),
                (1, 0) => "no route".to_string(),
                (1, code) => format!("destination unreachable (code {code})"),
                (3, 1) => "fragment reassembly time exceeded".to_string(),
                (3, _) => "time exceeded".to_string(),
                _ => return None,
            };
            icmp_error(what, icmp.payload(), true)
        }
        _ => None,
    }
}

/// A frame that holds a fragment of a TCP or UDP datagram (IPv4 with MF
/// or an offset; IPv6 with a fragment header right after its own).
fn decode_fragment(frame: &[u8]) -> Option<Segment> {
    let ip = frame.get(14..)?;
    let (src, dst, protocol, fragment, payload) = match frame.get(12..14)? {
        [0x08, 0x00] => {
            let header = usize::from(ip.first()? & 0x0f) * 4;
            let flags_offset = u16::from_be_bytes([*ip.get(6)?, *ip.get(7)?]);
            let (more, offset) = (
                flags_offset & 0x2000 != 0,
                u32::from(flags_offset & 0x1fff) * 8,
            );
            if !more && offset == 0 {
                return None;
            }
            let total = usize::from(u16::from_be_bytes([*ip.get(2)?, *ip.get(3)?]));
            let addr = |at: usize| -> Option<IpAddr> {
                let bytes: [u8; 4] = ip.get(at..at + 4)?.try_into().ok()?;
                Some(IpAddr::from(bytes))
            };
            let id = u32::from(u16::from_be_bytes([*ip.get(4)?, *ip.get(5)?]));
            let len = total.checked_sub(header)? as u32;
            let fragment = Fragment {
                id,
                offset,
                len,
                more,
                index: None,
            };
            (
                addr(12)?,
                addr(16)?,
                *ip.get(9)?,
                fragment,
                ip.get(header..)?,
            )
        }
        [0x86, 0xdd] if ip.get(6) == Some(&44) => {
            let addr = |at: usize| -> Option<IpAddr> {
                let bytes: [u8; 16] = ip.get(at..at + 16)?.try_into().ok()?;
                Some(IpAddr::from(bytes))
            };
            let header = ip.get(40..48)?;
            let offset_more = u16::from_be_bytes([header[2], header[3]]);
            let id = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
            let length = usize::from(u16::from_be_bytes([*ip.get(4)?, *ip.get(5)?]));
            let fragment = Fragment {
                id,
                offset: u32::from(offset_more >> 3) * 8,
                len: length.checked_sub(8)? as u32,
                more: offset_more & 1 != 0,
                index: None,
            };
            (addr(8)?, addr(24)?, header[0], fragment, ip.get(48..)?)
        }
        _ => return None,
    };
    let proto = match protocol {
        6 => Proto::Tcp,
        17 => Proto::Udp,
        _ => return None,
    };
    // The first piece starts with the transport header: its ports.
    let port = |at: usize| match fragment.offset {
        0 => payload
            .get(at..at + 2)
            .map_or(0, |p| u16::from_be_bytes([p[0], p[1]])),
        _ => 0,
    };
    let mut segment = Segment::bare(
        proto,
        SocketAddr::new(src, port(0)),
        SocketAddr::new(dst, port(2)),
    );
    segment.fragment = Some(fragment);
    Some(segment)
}

/// What is known of fragmented datagrams across steps: each one's ports
/// (from its first piece) and each piece's number (from a step that saw
/// them all: a held datagram's pieces are seen together when held, and
/// one by one when delivered). A few hundred datagrams at most.
#[derive(Debug, Default)]
pub struct Fragments {
    ports: HashMap<(IpAddr, IpAddr, u32), (u16, u16)>,
    numbered: HashMap<(IpAddr, IpAddr, u32, u32), (u16, u16)>,
}

/// How many datagrams `Fragments` remembers before it starts afresh.
const REMEMBERED: usize = 512;

/// Numbers the pieces of each datagram seen whole (1/3, 2/3, 3/3) — in
/// `segments`, or earlier — and gives every piece its datagram's ports.
pub fn number_fragments(segments: &mut [Segment], known: &mut Fragments) {
    let Fragments { ports, numbered } = known;
    if ports.len() >= REMEMBERED || numbered.len() >= 64 * REMEMBERED {
        ports.clear();
        numbered.clear();
    }
    let key = |s: &Segment| s.fragment.map(|f| (s.src.ip(), s.dst.ip(), f.id));
    for segment in segments.iter_mut() {
        let (Some(k), Some(f)) = (key(segment), segment.fragment) else {
            continue;
        };
        if f.offset == 0 {
            ports.insert(k, (segment.src.port(), segment.dst.port()));
        } else if let Some(&(from, to)) = ports.get(&k) {
            segment.src.set_port(from);
            segment.dst.set_port(to);
        }
    }
    let mut groups: HashMap<(IpAddr, IpAddr, u32), Vec<usize>> = HashMap::new();
    for (at, segment) in segments.iter().enumerate() {
        if let Some(k) = key(segment) {
            groups.entry(k).or_default().push(at);
        }
    }
    for pieces in groups.into_values() {
        // The datagram's pieces by offset, each once (a duplicate counts
        // as the piece it copies).
        let mut frags: Vec<Fragment> = pieces
            .iter()
            .filter_map(|&at| segments[at].fragment)
            .collect();
        frags.sort_by_key(|f| f.offset);
        frags.dedup_by_key(|f| f.offset);
        let whole = frags.first().is_some_and(|f| f.offset == 0)
            && frags.last().is_some_and(|f| !f.more)
            && frags
                .windows(2)
                .all(|w| w[0].offset + w[0].len == w[1].offset);
        let total = u16::try_from(frags.len()).ok().filter(|_| whole);
        for at in pieces {
            let segment = &mut segments[at];
            let (src, dst) = (segment.src.ip(), segment.dst.ip());
            let Some(f) = segment.fragment.as_mut() else {
                continue;
            };
            let piece = (src, dst, f.id, f.offset);
            match (total, frags.iter().position(|p| p.offset == f.offset)) {
                (Some(total), Some(k)) => {
                    f.index = Some((k as u16 + 1, total));
                    numbered.insert(piece, (k as u16 + 1, total));
                }
                _ => f.index = numbered.get(&piece).copied(),
            }
        }
    }
}

/// An ICMP error from the IP header and first 8 bytes it quotes of the
/// datagram it answers: its addresses, ports and protocol.
fn icmp_error(what: String, quoted: &[u8], v6: bool) -> Option<Segment> {
    let (protocol, src, dst, transport) = if v6 {
        let addr = |at: usize| -> Option<IpAddr> {
            let bytes: [u8; 16] = quoted.get(at..at + 16)?.try_into().ok()?;
            Some(IpAddr::from(bytes))
        };
        (*quoted.get(6)?, addr(8)?, addr(24)?, quoted.get(40..)?)
    } else {
        let header = usize::from(quoted.first()? & 0x0f) * 4;
        let addr = |at: usize| -> Option<IpAddr> {
            let bytes: [u8; 4] = quoted.get(at..at + 4)?.try_into().ok()?;
            Some(IpAddr::from(bytes))
        };
        (*quoted.get(9)?, addr(12)?, addr(16)?, quoted.get(header..)?)
    };
    let about = match protocol {
        6 => Proto::Tcp,
        17 => Proto::Udp,
        _ => return None,
    };
    let port = |at: usize| {
        Some(u16::from_be_bytes([
            *transport.get(at)?,
            *transport.get(at + 1)?,
        ]))
    };
    let len = (about == Proto::Udp)
        .then(|| port(4).map(|n| n.saturating_sub(8)))
        .flatten();
    // From the end that could not be reached, to the sender it tells.
    let mut segment = Segment::bare(
        Proto::Icmp,
        SocketAddr::new(dst, port(2)?),
        SocketAddr::new(src, port(0)?),
    );
    segment.icmp = Some(IcmpError { what, about, len });
    Some(segment)
}

fn options(
    elements: impl Iterator<Item = Result<TcpOptionElement, etherparse::TcpOptionReadError>>,
) -> String {
    let shown: Vec<String> = elements
        .filter_map(Result::ok)
        .filter_map(|element| match element {
            TcpOptionElement::MaximumSegmentSize(mss) => Some(format!("mss {mss}")),
            TcpOptionElement::WindowScale(shift) => Some(format!("wscale {shift}")),
            TcpOptionElement::SelectiveAcknowledgementPermitted => Some("sackOK".into()),
            TcpOptionElement::SelectiveAcknowledgement(..) => Some("sack".into()),
            TcpOptionElement::Timestamp(..) => Some("TS".into()),
            TcpOptionElement::Noop => None,
        })
        .collect();
    shown.join(",")
}

/// The SACK option's blocks, as on the wire.
fn sack_blocks(
    elements: impl Iterator<Item = Result<TcpOptionElement, etherparse::TcpOptionReadError>>,
) -> Vec<(u32, u32)> {
    elements
        .filter_map(Result::ok)
        .find_map(|element| match element {
            TcpOptionElement::SelectiveAcknowledgement(first, rest) => Some(
                std::iter::once(first)
                    .chain(rest.into_iter().flatten())
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

/// Makes sequence numbers relative: each direction of a connection counts
/// from its first sequence number (its SYN's, when the SYN was seen).
#[derive(Debug, Default)]
pub struct Relative {
    bases: HashMap<(SocketAddr, SocketAddr), u32>,
}

impl Relative {
    pub fn apply(&mut self, segment: &mut Segment) {
        if segment.proto != Proto::Tcp || segment.fragment.is_some() {
            return;
        }
        let forward = (segment.src, segment.dst);
        if segment.flags.contains(&"SYN") {
            self.bases.insert(forward, segment.seq);
        }
        let base = *self.bases.entry(forward).or_insert(segment.seq);
        segment.seq = segment.seq.wrapping_sub(base);
        if let Some(ack) = segment.ack {
            // A connection met mid-stream: the other side counts from
            // the first byte this side acknowledges.
            let back = *self.bases.entry((segment.dst, segment.src)).or_insert(ack);
            segment.ack = Some(ack.wrapping_sub(back));
            for (left, right) in &mut segment.sack {
                (*left, *right) = (left.wrapping_sub(back), right.wrapping_sub(back));
            }
        }
    }
}

impl Segment {
    /// A segment from `src` to `dst` with nothing else known yet.
    fn bare(proto: Proto, src: SocketAddr, dst: SocketAddr) -> Segment {
        Segment {
            proto,
            src,
            dst,
            from: String::new(),
            to: String::new(),
            flags: Vec::new(),
            seq: 0,
            ack: None,
            win: 0,
            options: String::new(),
            payload: Vec::new(),
            icmp: None,
            fate: None,
            when: None,
            fragment: None,
            sack: Vec::new(),
            roles: Vec::new(),
        }
    }

    /// `cli → srv  [SYN,ACK]  seq=0 ack=1 win=65483 <mss 65495,…> len=5 "hello"`.
    pub fn text(&self, encoding: &'static crate::encoding::Encoding) -> String {
        if let Some(icmp) = &self.icmp {
            // The datagram it answers went the other way: to → from.
            let about = match icmp.about {
                Proto::Tcp => "TCP",
                _ => "UDP",
            };
            let len = icmp.len.map_or(String::new(), |n| format!(" len={n}"));
            return format!(
                "{} → {}  ICMP {} (for {about} {} → {}{len})",
                self.from, self.to, icmp.what, self.to, self.from
            );
        }
        let mut line = format!("{} → {}  ", self.from, self.to);
        if let Some(fragment) = &self.fragment {
            let proto = match self.proto {
                Proto::Tcp => "TCP",
                _ => "UDP",
            };
            let which = match fragment.index {
                Some((k, n)) => format!(" {k}/{n}"),
                None if fragment.more => String::new(),
                None => " (last)".into(),
            };
            line.push_str(&format!(
                "{proto} frag{which} off={} len={}",
                fragment.offset, fragment.len
            ));
            if let Some(fate) = &self.fate {
                line.push_str("   ");
                line.push_str(&fate.text);
            }
            return line;
        }
        match self.proto {
            Proto::Udp | Proto::Icmp => line.push_str("UDP"),
            Proto::Tcp => {
                line.push_str(&format!(
                    "{:<10} seq={}",
                    format!("[{}]", self.flags.join(",")),
                    self.seq
                ));
                if let Some(ack) = self.ack {
                    line.push_str(&format!(" ack={ack}"));
                }
                line.push_str(&format!(" win={}", self.win));
                if !self.options.is_empty() {
                    line.push_str(&format!(" <{}>", self.options));
                }
            }
        }
        if !self.payload.is_empty() || self.proto == Proto::Udp {
            line.push_str(&format!(
                " len={} {}",
                self.payload.len(),
                Preview(&self.payload, encoding)
            ));
        }
        // What the segment is, then what the link did with it.
        line.push_str(&super::roles::text(&self.roles));
        if let Some(fate) = &self.fate {
            line.push_str("   ");
            line.push_str(&fate.text);
        }
        line
    }

    pub fn json(&self) -> Value {
        let mut value = json!({
            "proto": match self.proto { Proto::Tcp => "tcp", Proto::Udp => "udp", Proto::Icmp => "icmp" },
            "from": self.from,
            "to": self.to,
            "src": self.src.to_string(),
            "dst": self.dst.to_string(),
            "flags": self.flags,
            "seq": self.seq,
            "ack": self.ack,
            "len": self.payload.len(),
            "win": self.win,
            "options": self.options,
        });
        value["t"] = json!(self.when.map(|w| w.seconds()));
        value["between"] = json!(self.when.is_some_and(|w| w.between));
        if self.proto == Proto::Tcp && self.fragment.is_none() {
            let (roles, details) = super::roles::json(&self.roles);
            value["roles"] = roles;
            if let Some(details) = details {
                value["role_details"] = details;
            }
        }
        if let Some(fate) = &self.fate {
            value["fate"] = json!(fate.name);
            value["held"] = json!(fate.held);
        }
        if let Some(fragment) = &self.fragment {
            value["len"] = json!(fragment.len);
            value["fragment"] = json!({
                "id": fragment.id,
                "offset": fragment.offset,
                "more": fragment.more,
                "index": fragment.index.map(|(k, _)| k),
                "of": fragment.index.map(|(_, n)| n),
            });
        }
        if let Some(icmp) = &self.icmp {
            value["icmp"] = json!(icmp.what);
            value["about"] = json!({
                "proto": if icmp.about == Proto::Tcp { "tcp" } else { "udp" },
                "len": icmp.len,
            });
        }
        value
    }
}

/// `[SYN,ACK]  seq=` in a segment line: the flags padded to a column.
static PADDED_FLAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\[[A-Z,]+\]) {2,}(seq=)").expect("valid regex") // infallible: fixed, tested
});
/// ` win=65483 <mss 65495,sackOK,TS,wscale 7>`: the window and the options.
static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"( win=(?:\d+|\[N\])) <[^<>]*>").expect("valid regex") // infallible: fixed, tested
});

/// A segment line as a narrow terminal shows it (under 100 columns): the
/// TCP options left out and the flags not padded, so that it fits 80
/// columns — direction, flags, seq, ack, window, length, data and fate
/// kept. Works on the text (`Segment::text`, under a step or in `link`'s
/// list, coloured or not), so whatever shows a segment line can be
/// fitted when it is shown. None for a line that is no TCP segment line,
/// or has nothing to leave out.
pub fn compact_line(line: &str) -> Option<String> {
    if !line.contains(" → ") || !line.contains("seq=") {
        return None;
    }
    let unpadded = PADDED_FLAGS.replace(line, "$1 $2");
    let compact = OPTIONS.replace(&unpadded, "$1");
    match compact.len() < line.len() {
        true => Some(compact.into_owned()),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(
        src: &str,
        dst: &str,
        flags: &[&'static str],
        seq: u32,
        ack: Option<u32>,
    ) -> Segment {
        Segment {
            proto: Proto::Tcp,
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            from: String::new(),
            to: String::new(),
            flags: flags.to_vec(),
            seq,
            ack,
            win: 0,
            options: String::new(),
            payload: Vec::new(),
            icmp: None,
            fate: None,
            when: None,
            fragment: None,
            sack: Vec::new(),
            roles: Vec::new(),
        }
    }

    #[test]
    fn sequence_numbers_count_from_each_side_s_syn() {
        let (a, b) = ("127.0.0.1:5000", "127.0.0.1:6000");
        let mut relative = Relative::default();
        let mut shown = Vec::new();
        for mut s in [
            segment(a, b, &["SYN"], 1000, None),
            segment(b, a, &["SYN", "ACK"], 7000, Some(1001)),
            segment(a, b, &["ACK"], 1001, Some(7001)),
            segment(a, b, &["PSH", "ACK"], 1001, Some(7001)),
        ] {
            relative.apply(&mut s);
            shown.push((s.seq, s.ack));
        }
        assert_eq!(shown, [(0, None), (0, Some(1)), (1, Some(1)), (1, Some(1))]);
    }

    #[test]
    fn a_connection_met_mid_stream_counts_from_what_is_seen_first() {
        let (a, b) = ("127.0.0.1:5000", "127.0.0.1:6000");
        let mut relative = Relative::default();
        let mut first = segment(a, b, &["ACK"], 1000, Some(5000));
        let mut reply = segment(b, a, &["ACK"], 5000, Some(1010));
        relative.apply(&mut first);
        relative.apply(&mut reply);
        assert_eq!((first.seq, first.ack), (0, Some(0)));
        assert_eq!((reply.seq, reply.ack), (0, Some(10)));
    }

    #[test]
    fn the_compact_form_keeps_all_but_options_and_fits_80_columns() {
        let mut s = segment(
            "192.0.2.2:80",
            "192.0.2.1:40000",
            &["SYN", "ACK"],
            0,
            Some(1),
        );
        (s.from, s.to, s.win) = ("srv".into(), "cli".into(), 65160);
        s.options = "mss 1460,sackOK,TS,wscale 10".into();
        s.fate = Some(LinkFate {
            name: "delivered",
            text: "#2 delivered".into(),
            held: Some(2),
        });
        let wide = s.text(crate::encoding::UTF_8);
        assert_eq!(
            wide,
            "srv → cli  [SYN,ACK]  seq=0 ack=1 win=65160 <mss 1460,sackOK,TS,wscale 10>   #2 delivered"
        );
        let compact = compact_line(&wide).unwrap();
        assert_eq!(
            compact,
            "srv → cli  [SYN,ACK] seq=0 ack=1 win=65160   #2 delivered"
        );
        // Data and its preview are kept (a `<` in the data is data).
        (s.flags, s.seq, s.payload) = (vec!["PSH", "ACK"], 1, b"<html> hello".to_vec());
        let wide = format!("  \x1b[2m{}\x1b[0m", s.text(crate::encoding::UTF_8));
        let compact = compact_line(&wide).unwrap();
        assert!(
            compact.ends_with(
                "[PSH,ACK] seq=1 ack=1 win=65160 len=12 \"<html> hello\"   #2 delivered\x1b[0m"
            ),
            "{compact}"
        );
        // A held entry in `link`, a recorded line with placeholders.
        let held = "#1 a->b  192.0.2.1:[PORT1] → 192.0.2.2:80  [SYN]      seq=0 win=[N] <mss [N],sackOK,TS,wscale [N]>";
        assert_eq!(
            compact_line(held).unwrap(),
            "#1 a->b  192.0.2.1:[PORT1] → 192.0.2.2:80  [SYN] seq=0 win=[N]"
        );
        // No segment line, or nothing to leave out: none.
        for line in [
            "state cli: CLOSE → SYN_SENT",
            "u → v  UDP len=5 \"hello\"",
            "srv → cli  [ACK] seq=1 ack=1 win=9",
        ] {
            assert_eq!(compact_line(line), None, "{line}");
        }
    }
}
