//! Hand-made segment sequences, one or more per role: each fails if its
//! rule (or its place in Wireshark's order) breaks.

use std::time::Duration;

use super::analyser::CONNECTIONS;
use super::{Analyser, Role};
use crate::wire::segment::LinkFate;
use crate::wire::{Proto, Segment};

const A: &str = "10.0.0.1:40000";
const B: &str = "10.0.0.2:80";

/// A segment a→b (`forward`) or b→a, sent at `ms` milliseconds.
struct Make {
    forward: bool,
    flags: &'static [&'static str],
    seq: u32,
    ack: Option<u32>,
    win: u16,
    len: usize,
    ms: f64,
}

impl Make {
    fn segment(&self) -> Segment {
        let (src, dst) = match self.forward {
            true => (A, B),
            false => (B, A),
        };
        Segment {
            proto: Proto::Tcp,
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            from: String::new(),
            to: String::new(),
            flags: self.flags.to_vec(),
            seq: self.seq,
            ack: self.ack,
            win: self.win,
            options: match self.flags.contains(&"SYN") {
                true => "mss 1460,sackOK,TS,wscale 0".into(),
                false => "TS".into(),
            },
            payload: vec![b'x'; self.len],
            icmp: None,
            fate: None,
            when: Some(crate::clock::When {
                t: Duration::from_secs_f64(self.ms / 1000.0),
                ..Default::default()
            }),
            fragment: None,
            sack: Vec::new(),
            roles: Vec::new(),
        }
    }
}

/// Data a→b: seq, length, at ms.
fn data(seq: u32, len: usize, ms: f64) -> Make {
    Make {
        forward: true,
        flags: &["PSH", "ACK"],
        seq,
        ack: Some(1),
        win: 500,
        len,
        ms,
    }
}

/// An ACK b→a: ack, window, at ms.
fn ack(ack: u32, win: u16, ms: f64) -> Make {
    Make {
        forward: false,
        flags: &["ACK"],
        seq: 1,
        ack: Some(ack),
        win,
        len: 0,
        ms,
    }
}

/// The handshake (both windows 1000, scale 0), then what follows; the
/// roles of each segment after the handshake.
fn roles_after_handshake(rest: Vec<Segment>) -> Vec<Vec<Role>> {
    let open = [
        Make {
            forward: true,
            flags: &["SYN"],
            seq: 0,
            ack: None,
            win: 1000,
            len: 0,
            ms: 0.0,
        },
        Make {
            forward: false,
            flags: &["SYN", "ACK"],
            seq: 0,
            ack: Some(1),
            win: 1000,
            len: 0,
            ms: 0.01,
        },
        Make {
            forward: true,
            flags: &["ACK"],
            seq: 1,
            ack: Some(1),
            win: 500,
            len: 0,
            ms: 0.02,
        },
    ];
    let mut segments: Vec<Segment> = open.iter().map(Make::segment).collect();
    segments.extend(rest);
    let mut analyser = Analyser::default();
    analyser.analyse(&mut segments);
    for opening in &segments[..3] {
        assert_eq!(opening.roles, [], "{opening:?}");
    }
    segments.into_iter().skip(3).map(|s| s.roles).collect()
}

fn made(makes: &[Make]) -> Vec<Segment> {
    makes.iter().map(Make::segment).collect()
}

#[test]
fn bytes_sent_again_later_are_a_retransmission() {
    let roles = roles_after_handshake(made(&[data(1, 5, 1.0), data(1, 5, 300.0)]));
    assert_eq!(roles, [vec![], vec![Role::Retransmission { of: None }]]);
}

#[test]
fn bytes_already_acknowledged_sent_again_are_a_spurious_retransmission() {
    let roles = roles_after_handshake(made(&[
        data(1, 5, 1.0),
        ack(6, 1000, 2.0),
        data(1, 5, 300.0),
    ]));
    assert_eq!(roles[2], [Role::SpuriousRetransmission]);
}

#[test]
fn duplicate_acks_are_numbered_and_two_of_them_make_a_fast_retransmission() {
    let roles = roles_after_handshake(made(&[
        data(1, 100, 1.0),
        data(101, 100, 1.1),
        data(201, 100, 1.2),
        ack(101, 1000, 2.0),
        ack(101, 1000, 2.1),
        ack(101, 1000, 2.2),
        data(101, 100, 2.3),
    ]));
    assert_eq!(roles[3], []);
    assert_eq!(roles[4], [Role::DupAck { count: 1, ack: 101 }]);
    assert_eq!(roles[5], [Role::DupAck { count: 2, ack: 101 }]);
    assert_eq!(roles[6], [Role::FastRetransmission]);
}

#[test]
fn a_gap_is_a_segment_not_seen_and_its_filling_soon_after_is_out_of_order() {
    // No handshake: the 3 ms threshold (with one, the handshake's round trip).
    let mut segments = made(&[data(1, 100, 0.0), data(201, 100, 0.1), data(101, 100, 0.5)]);
    Analyser::default().analyse(&mut segments);
    assert_eq!(segments[1].roles, [Role::PreviousSegmentNotSeen]);
    assert_eq!(segments[2].roles, [Role::OutOfOrder]);
    // Later than the threshold, the same is a retransmission.
    let mut late = made(&[data(1, 100, 0.0), data(201, 100, 0.1), data(101, 100, 9.0)]);
    Analyser::default().analyse(&mut late);
    assert_eq!(late[2].roles, [Role::Retransmission { of: None }]);
}

#[test]
fn an_ack_beyond_what_was_sent_acknowledges_an_unseen_segment() {
    let roles = roles_after_handshake(made(&[data(1, 5, 1.0), ack(100, 1000, 2.0)]));
    assert_eq!(roles[1], [Role::AckOfUnseenSegment]);
}

#[test]
fn a_zero_window_its_one_byte_probe_and_the_probe_s_answer() {
    let roles = roles_after_handshake(made(&[
        data(1, 5, 1.0),
        ack(6, 0, 2.0),
        data(6, 1, 200.0),
        ack(6, 0, 201.0),
    ]));
    assert_eq!(roles[1], [Role::ZeroWindow]);
    assert_eq!(roles[2], [Role::ZeroWindowProbe]);
    assert_eq!(roles[3], [Role::ZeroWindow, Role::ZeroWindowProbeAck]);
}

#[test]
fn linux_s_probe_of_a_zero_window_is_a_probe_not_a_keep_alive() {
    let roles = roles_after_handshake(made(&[
        data(1, 5, 1.0),
        ack(6, 0, 2.0),
        data(5, 0, 200.0),
        ack(6, 0, 201.0),
    ]));
    assert_eq!(roles[2], [Role::ZeroWindowProbe]);
    assert_eq!(roles[3], [Role::ZeroWindow, Role::ZeroWindowProbeAck]);
}

#[test]
fn a_keep_alive_and_its_answer() {
    let roles = roles_after_handshake(made(&[
        data(1, 5, 1.0),
        ack(6, 1000, 2.0),
        data(5, 0, 7200.0),
        ack(6, 1000, 7201.0),
    ]));
    assert_eq!(roles[2], [Role::KeepAlive]);
    assert_eq!(roles[3], [Role::KeepAliveAck]);
}

#[test]
fn a_window_that_only_changes_is_a_window_update() {
    let roles = roles_after_handshake(made(&[ack(1, 400, 1.0), ack(1, 400, 2.0)]));
    assert_eq!(roles[0], [Role::WindowUpdate]);
    // The same window again is a duplicate ACK.
    assert_eq!(roles[1], [Role::DupAck { count: 1, ack: 1 }]);
}

#[test]
fn data_to_the_edge_of_the_receiver_s_window_fills_it() {
    // The receiver's window: 1000 bytes from its ACK of 1.
    let roles = roles_after_handshake(made(&[data(1, 500, 1.0), data(501, 500, 1.1)]));
    assert_eq!(roles, [vec![], vec![Role::WindowFull]]);
}

#[test]
fn a_sack_block_at_or_below_the_ack_is_a_d_sack() {
    let mut dup = ack(6, 1000, 3.0).segment();
    dup.sack = vec![(1, 6)];
    let mut above = ack(6, 1000, 4.0).segment();
    above.sack = vec![(106, 206)];
    let roles = roles_after_handshake(vec![
        data(1, 5, 1.0).segment(),
        ack(6, 1000, 2.0).segment(),
        dup,
        above,
    ]);
    assert_eq!(
        roles[2],
        [
            Role::DupAck { count: 1, ack: 6 },
            Role::Dsack { left: 1, right: 6 }
        ]
    );
    assert!(!roles[3].iter().any(|r| matches!(r, Role::Dsack { .. })));
}

#[test]
fn the_link_s_fates_add_socklab_s_own_roles() {
    let fate = |name: &'static str, held: Option<u32>| {
        Some(LinkFate {
            name,
            text: String::new(),
            held,
        })
    };
    let mut copied = data(1, 5, 1.0).segment();
    copied.fate = fate("duplicated", None);
    let mut again = data(1, 5, 300.0).segment();
    again.fate = fate("held again", Some(3));
    let mut delivered = data(1, 5, 400.0).segment();
    delivered.fate = fate("delivered", Some(3));
    let mut corrupted = data(6, 5, 500.0).segment();
    corrupted.fate = fate("corrupted", None);
    let roles = roles_after_handshake(vec![copied, again, delivered, corrupted]);
    assert_eq!(roles[0], [Role::LinkCopy]);
    assert_eq!(roles[1], [Role::Retransmission { of: Some(3) }]);
    // Shown again when delivered: analysed once, when it was held.
    assert_eq!(roles[2], [Role::DeliveredLate]);
    assert_eq!(roles[3], [Role::BadChecksum]);
}

#[test]
fn the_connections_followed_are_bounded() {
    let mut analyser = Analyser::default();
    for port in 0..(CONNECTIONS as u16 + 50) {
        let mut segment = data(1, 5, 1.0).segment();
        segment.src.set_port(10_000 + port);
        analyser.analyse(std::slice::from_mut(&mut segment));
    }
    assert_eq!(analyser.followed(), CONNECTIONS);
}

#[test]
fn roles_have_stable_names_and_short_words() {
    let cases = [
        (
            Role::Retransmission { of: Some(3) },
            "retransmission",
            "retransmission of #3",
        ),
        (
            Role::DupAck {
                count: 2,
                ack: 1449,
            },
            "dup_ack",
            "dup ACK #2 of 1449",
        ),
        (
            Role::ZeroWindowProbe,
            "zero_window_probe",
            "zero-window probe",
        ),
        (Role::Dsack { left: 1, right: 6 }, "dsack", "D-SACK 1-6"),
        (Role::LinkCopy, "link_copy", "copy made by the link"),
    ];
    for (role, name, text) in cases {
        assert_eq!((role.name(), role.text().as_str()), (name, text));
    }
    let (names, details) = super::json(&[Role::DupAck {
        count: 2,
        ack: 1449,
    }]);
    assert_eq!(names, serde_json::json!(["dup_ack"]));
    assert_eq!(
        details,
        Some(serde_json::json!({"dup_ack": {"count": 2, "ack": 1449}}))
    );
}
