//! What each TCP segment is, as Wireshark's TCP analysis says it — a
//! retransmission, a duplicate ACK, a zero-window probe, a keep-alive, … —
//! and what socklab adds where it knows more (a copy the lab's link made, a
//! segment held and delivered late, one the receiver discarded for a bad
//! checksum).
//!
//! Owns: `Role` (its stable JSON name, its words, its details) and the
//! analyser (`analyser`) that gives each segment its roles, live, from the
//! segments seen so far in the session. Does not own where a segment's
//! roles are shown (`Segment::text`, `Segment::json`, `summary`).

mod analyser;
mod connection;

pub use analyser::Analyser;

use serde_json::{Value, json};

/// One thing a segment is. The order in a segment's list is the order
/// Wireshark's `tcp_analyze_sequence_number` finds them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sends again bytes already sent (Wireshark's generic retransmission,
    /// in practice after the retransmission timer fired). `of`: the
    /// number the lab's link gave the segment it repeats, where it held it.
    Retransmission { of: Option<u32> },
    /// Sent again at once after two or more duplicate ACKs asked for it.
    FastRetransmission,
    /// Sends again bytes the receiver had already acknowledged.
    SpuriousRetransmission,
    /// Repeats the ACK before it (same seq, ack, window, no data): the
    /// `count`th repeat of `ack`.
    DupAck { count: u32, ack: u32 },
    /// Fills a gap after a later segment came, within the reordering threshold.
    OutOfOrder,
    /// Starts beyond the next byte expected: a segment before it was not seen.
    PreviousSegmentNotSeen,
    /// Acknowledges bytes never seen going the other way.
    AckOfUnseenSegment,
    /// Says the receiver's buffer is full: window 0.
    ZeroWindow,
    /// One byte sent into a zero window, to learn when it opens.
    ZeroWindowProbe,
    /// The answer to a zero-window probe (the window still 0).
    ZeroWindowProbeAck,
    /// Fills the receiver's advertised window to its edge.
    WindowFull,
    /// Only says the window changed (same seq and ack, no data).
    WindowUpdate,
    /// A keep-alive probe: one byte before the next, with 0 or 1 byte.
    KeepAlive,
    /// The answer to a keep-alive.
    KeepAliveAck,
    /// Its first SACK block reports bytes received twice (RFC 2883).
    Dsack { left: u32, right: u32 },
    /// socklab: the lab's link delivered this segment twice (`dup`).
    LinkCopy,
    /// socklab: held on the lab's link and delivered late, by hand.
    DeliveredLate,
    /// socklab: the lab's link flipped a bit; the receiver discards it
    /// (bad checksum).
    BadChecksum,
}

impl Role {
    /// The stable name in JSON (docs/json.md).
    pub fn name(self) -> &'static str {
        match self {
            Role::Retransmission { .. } => "retransmission",
            Role::FastRetransmission => "fast_retransmission",
            Role::SpuriousRetransmission => "spurious_retransmission",
            Role::DupAck { .. } => "dup_ack",
            Role::OutOfOrder => "out_of_order",
            Role::PreviousSegmentNotSeen => "previous_segment_not_seen",
            Role::AckOfUnseenSegment => "ack_of_unseen_segment",
            Role::ZeroWindow => "zero_window",
            Role::ZeroWindowProbe => "zero_window_probe",
            Role::ZeroWindowProbeAck => "zero_window_probe_ack",
            Role::WindowFull => "window_full",
            Role::WindowUpdate => "window_update",
            Role::KeepAlive => "keep_alive",
            Role::KeepAliveAck => "keep_alive_ack",
            Role::Dsack { .. } => "dsack",
            Role::LinkCopy => "link_copy",
            Role::DeliveredLate => "delivered_late",
            Role::BadChecksum => "bad_checksum",
        }
    }

    /// The words after a segment line: `retransmission of #3`, `dup ACK #2 of 1449`.
    pub fn text(self) -> String {
        match self {
            Role::Retransmission { of: Some(k) } => format!("retransmission of #{k}"),
            Role::Retransmission { of: None } => "retransmission".into(),
            Role::FastRetransmission => "fast retransmission".into(),
            Role::SpuriousRetransmission => "spurious retransmission".into(),
            Role::DupAck { count, ack } => format!("dup ACK #{count} of {ack}"),
            Role::OutOfOrder => "out of order".into(),
            Role::PreviousSegmentNotSeen => "previous segment not seen".into(),
            Role::AckOfUnseenSegment => "ACK of unseen segment".into(),
            Role::ZeroWindow => "zero window".into(),
            Role::ZeroWindowProbe => "zero-window probe".into(),
            Role::ZeroWindowProbeAck => "zero-window probe ACK".into(),
            Role::WindowFull => "window full".into(),
            Role::WindowUpdate => "window update".into(),
            Role::KeepAlive => "keep-alive".into(),
            Role::KeepAliveAck => "keep-alive ACK".into(),
            Role::Dsack { left, right } => format!("D-SACK {left}-{right}"),
            Role::LinkCopy => "copy made by the link".into(),
            Role::DeliveredLate => "delivered late".into(),
            Role::BadChecksum => "bad checksum: discarded".into(),
        }
    }

    /// What JSON says beyond the name, where there is more.
    pub fn details(self) -> Option<Value> {
        match self {
            Role::Retransmission { of: Some(k) } => Some(json!({ "of_held": k })),
            Role::DupAck { count, ack } => Some(json!({ "count": count, "ack": ack })),
            Role::Dsack { left, right } => Some(json!({ "left": left, "right": right })),
            _ => None,
        }
    }

    /// Whether it sends bytes again (the summary's `retransmitted`).
    pub fn is_retransmission(self) -> bool {
        matches!(
            self,
            Role::Retransmission { .. } | Role::FastRetransmission | Role::SpuriousRetransmission
        )
    }
}

/// A segment's roles as text: `  [retransmission]  [dup ACK #2 of 1449]`
/// (nothing for none), after the segment and before its fate on the link.
/// Delivered late is not repeated: the fate (`#3 delivered`) says it.
pub fn text(roles: &[Role]) -> String {
    roles
        .iter()
        .filter(|r| **r != Role::DeliveredLate)
        .map(|r| format!("  [{}]", r.text()))
        .collect()
}

/// A segment's roles in JSON: the names, and the details by name.
pub fn json(roles: &[Role]) -> (Value, Option<Value>) {
    let names: Vec<&str> = roles.iter().map(|r| r.name()).collect();
    let details: serde_json::Map<String, Value> = roles
        .iter()
        .filter_map(|r| Some((r.name().to_string(), r.details()?)))
        .collect();
    (json!(names), (!details.is_empty()).then(|| details.into()))
}

#[cfg(test)]
mod tests;
