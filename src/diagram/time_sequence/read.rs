//! The graph's segments (`Seen`), read from a live session's wire log (its
//! frames, decoded and analysed again here, as the session did when it
//! showed them) or from a transcript's recorded segment lines (read back
//! with a pattern; what it does not match is left out).
//!
//! Owns: those two readings. Does not own the decoding (`wire::segment`)
//! or the roles (`wire::roles`).

use std::net::SocketAddr;
use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;

use super::Seen;
use crate::transcript_format::Transcript;
use crate::wire::Proto;
use crate::wire::roles::Analyser;
use crate::wire::segment::{self, LinkFate, Relative, Segment};

/// A fate on the lab's link that means the segment never arrived.
fn is_loss(fate: &str) -> bool {
    fate.starts_with("lost")
        || fate.starts_with("dropped")
        || fate == "queue full"
        || fate == "over budget"
}

/// The segments of the connection between `ends` (a handle's local and
/// peer address), from the frames of the wire log, oldest first: (when
/// sent, the frame or its start, its whole length, its fate on the link).
/// Only the latest connection between those addresses (from its last
/// SYN), its ends named by `names`; time counts from its first segment.
pub fn of_frames<'a>(
    frames: impl Iterator<Item = (Duration, &'a [u8], u32, Option<&'static str>)>,
    ends: (SocketAddr, SocketAddr),
    names: (&str, &str),
) -> Vec<Seen> {
    let ends = (canonical(ends.0), canonical(ends.1));
    let name = |addr: SocketAddr| match addr == ends.0 {
        true => names.0.to_string(),
        false => names.1.to_string(),
    };
    let mut relative = Relative::default();
    let mut analyser = Analyser::default();
    let mut seen: Vec<(Duration, Seen)> = Vec::new();
    for (at, frame, length, fate) in frames {
        let mut whole = frame.to_vec();
        // A frame kept by its start: zeros stand in for the rest.
        whole.resize(whole.len().max(length as usize), 0);
        let Some(mut segment) = segment::decode(&whole) else {
            continue;
        };
        let (src, dst) = (canonical(segment.src), canonical(segment.dst));
        let ours = (src, dst) == ends || (dst, src) == ends;
        if segment.proto != Proto::Tcp || segment.fragment.is_some() || !ours {
            continue;
        }
        relative.apply(&mut segment);
        segment.fate = fate.map(|name| LinkFate {
            name,
            text: name.to_string(),
            held: None,
        });
        // The analyser tells out-of-order from sent again by the time.
        segment.when = Some(crate::clock::When {
            t: at,
            ..Default::default()
        });
        analyser.analyse(std::slice::from_mut(&mut segment));
        if segment.flags == ["SYN"] {
            seen.clear();
        }
        seen.push((at, of_segment(&segment, name(src), name(dst))));
    }
    let start = seen.first().map(|(at, _)| *at).unwrap_or_default();
    seen.into_iter()
        .map(|(at, mut s)| {
            s.at = at.saturating_sub(start).as_secs_f64();
            s
        })
        .collect()
}

/// A decoded, analysed TCP segment as the graph reads it.
fn of_segment(segment: &Segment, from: String, to: String) -> Seen {
    Seen {
        at: 0.0,
        from,
        to,
        syn: segment.flags.contains(&"SYN"),
        seq: segment.seq,
        ack: segment.ack,
        len: segment.payload.len() as u32,
        win: Some(u32::from(segment.win)),
        wscale: WSCALE
            .captures(&segment.options)
            .and_then(|found| found[1].parse().ok()),
        sack: segment.sack.clone(),
        retransmission: segment.roles.iter().any(|role| role.is_retransmission()),
        lost: segment.fate.as_ref().is_some_and(|fate| is_loss(fate.name)),
    }
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is on the wire.
fn canonical(addr: SocketAddr) -> SocketAddr {
    match addr {
        SocketAddr::V6(v6) => match v6.ip().to_ipv4_mapped() {
            Some(v4) => SocketAddr::from((v4, v6.port())),
            None => addr,
        },
        SocketAddr::V4(_) => addr,
    }
}

/// `  cli → srv  [PSH,ACK]  seq=1 ack=1 win=[N] <TS> len=5 "hello"  [retransmission]   lost (link loss)`:
/// the ends, the flags, the rest (numbers, options, data, roles), the fate.
static SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^\s+(?:\[\d+\] )?(\S+) → (\S+)\s+\[([A-Z,]+)\]\s*(.*?)(?:\s{3,}(\S.*))?$")
});
/// A line's time mark, left out: `  (+42 ms, between steps)`.
static TIME_MARK: LazyLock<Regex> = LazyLock::new(|| pattern(r"\s+\(\+[^()]*\)$"));
/// `seq=1`, `ack=1`, `len=5`, `win=0` (not `win=[N]`).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b(seq|ack|len|win)=(\d+)\b"));
/// `wscale 7` among the options.
static WSCALE: LazyLock<Regex> = LazyLock::new(|| pattern(r"\bwscale (\d+)\b"));
/// `[retransmission]`, `[fast retransmission]`, `[retransmission of #3]`.
static RETRANSMISSION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\[(?:fast |spurious )?retransmission[^\]]*\]"));
/// `#3 delivered`, `#3 dropped`: a held segment shown again.
static HELD_AGAIN: LazyLock<Regex> = LazyLock::new(|| pattern(r"^#(\d+) (delivered|dropped)"));
/// `held #3`.
static HELD: LazyLock<Regex> = LazyLock::new(|| pattern(r"^held #(\d+)"));

/// Compiles one of the fixed patterns above (the unit tests run each).
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("valid regex") // infallible: fixed patterns, each exercised by the tests
}

/// The TCP segments a transcript's recorded output shows, in order, each
/// at its place in order (a transcript keeps no clock: its time marks say
/// how long after each call, and are mostly `[..]`). A held segment shown
/// again when delivered is not a second segment; when dropped, it was lost.
pub fn of_transcript(transcript: &Transcript) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    let mut held: Vec<(u32, usize)> = Vec::new();
    for line in transcript.entries.iter().flat_map(|e| &e.expected) {
        let line = TIME_MARK.replace(line, "");
        let Some(found) = SEGMENT.captures(&line) else {
            continue;
        };
        let fate = found.get(5).map_or("", |m| m.as_str());
        if let Some(again) = HELD_AGAIN.captures(fate) {
            let number = again[1].parse().unwrap_or(0);
            let earlier = held.iter().find(|(k, _)| *k == number);
            if let (Some((_, at)), "dropped") = (earlier, &again[2]) {
                seen[*at].lost = true;
            }
            continue;
        }
        if let Some(number) = HELD.captures(fate).and_then(|h| h[1].parse().ok()) {
            held.push((number, seen.len()));
        }
        seen.push(of_line(&found, seen.len() as f64, fate));
    }
    seen
}

/// A segment line matched by SEGMENT.
fn of_line(found: &regex::Captures, at: f64, fate: &str) -> Seen {
    let rest = &found[4];
    let number = |name: &str| {
        NUMBER
            .captures_iter(rest)
            .find(|n| &n[1] == name)
            .and_then(|n| n[2].parse::<u32>().ok())
    };
    Seen {
        at,
        from: found[1].to_string(),
        to: found[2].to_string(),
        syn: found[3].split(',').any(|flag| flag == "SYN"),
        seq: number("seq").unwrap_or(0),
        ack: number("ack"),
        len: number("len").unwrap_or(0),
        win: number("win"),
        wscale: WSCALE.captures(rest).and_then(|w| w[1].parse().ok()),
        sack: Vec::new(),
        retransmission: RETRANSMISSION.is_match(rest),
        lost: is_loss(fate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::roles::Role;

    /// The roles the pattern above reads back, as `Role::text` writes them.
    const RETRANSMITTING: [Role; 3] = [
        Role::Retransmission { of: Some(3) },
        Role::FastRetransmission,
        Role::SpuriousRetransmission,
    ];

    const LESSON: &str = "> connect cli srv\n\
        connect(cli, 127.0.0.1:5) = 0\n  \
        cli → srv  [SYN]      seq=0 win=[N] <mss [N],sackOK,TS,wscale [N]>\n  \
        srv → cli  [SYN,ACK]  seq=0 ack=1 win=65483 <mss [N],sackOK,TS,wscale 7>   held #1  (+[..])\n  \
        srv → cli  [SYN,ACK]  seq=0 ack=1 win=[N] <mss [N]>   #1 delivered\n\
        > send cli \"hello\"\n  \
        cli → srv  [PSH,ACK]  seq=1 ack=1 win=[N] <TS> len=5 \"hello\"   lost (link loss)\n  \
        cli → srv  [PSH,ACK]  seq=1 ack=1 win=[N] <TS> len=5 \"hello\"  [retransmission]   held #2\n  \
        cli → srv  [PSH,ACK]  seq=1 ack=1 win=[N] <TS> len=5 \"hello\"   #2 dropped\n  \
        u → c  UDP len=3 \"a;b\"\n  \
        [1] srv → cli  [ACK]      seq=1 ack=6 win=0 <TS>  [zero window]\n";

    #[test]
    fn a_transcript_gives_its_tcp_segments_in_order() {
        let transcript = crate::transcript_format::parse(LESSON).unwrap();
        let seen = of_transcript(&transcript);
        let summary: Vec<String> = seen
            .iter()
            .map(|s| {
                let flags = (s.retransmission, s.lost);
                format!(
                    "{} {} {} {:?} {} {flags:?}",
                    s.at, s.from, s.seq, s.ack, s.len
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "0 cli 0 None 0 (false, false)",
                "1 srv 0 Some(1) 0 (false, false)",
                "2 cli 1 Some(1) 5 (false, true)",
                "3 cli 1 Some(1) 5 (true, true)",
                "4 srv 1 Some(6) 0 (false, false)",
            ]
        );
        assert_eq!(
            (seen[0].win, seen[1].win, seen[4].win),
            (None, Some(65483), Some(0))
        );
        assert_eq!((seen[0].wscale, seen[1].wscale), (None, Some(7)));
        assert!(seen[0].syn && seen[1].syn && !seen[2].syn);
    }

    #[test]
    fn every_retransmitting_role_is_read_back() {
        for role in RETRANSMITTING {
            let text = format!("len=5 \"x\"  [{}]", role.text());
            assert!(RETRANSMISSION.is_match(&text), "{text}");
        }
        for role in [Role::KeepAlive, Role::DupAck { count: 2, ack: 1 }] {
            assert!(!RETRANSMISSION.is_match(&format!("[{}]", role.text())));
        }
    }

    #[test]
    fn losses_are_the_fates_that_never_arrive() {
        for fate in [
            "lost",
            "lost (link loss)",
            "dropped",
            "queue full",
            "over budget",
        ] {
            assert!(is_loss(fate), "{fate}");
        }
        for fate in ["passed", "held", "duplicated", "corrupted", "reordered"] {
            assert!(!is_loss(fate), "{fate}");
        }
    }
}
