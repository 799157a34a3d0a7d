//! `wire summary`: the wire view of bulk traffic, a line per direction per
//! step — how many segments, how many bytes, which sequence range, how many
//! were retransmitted, what else the segments were (their roles: dup ACKs,
//! out of order, …), and their fates on the lab's link — instead of one
//! line per segment. The pcap still has every frame.
//!
//! Owns: the grouping and the counts. The roles themselves are the
//! analyser's (`roles`): a segment retransmitted is one it calls a
//! retransmission, fast or spurious.

use serde_json::{Value, json};

use super::Segment;

/// One direction's traffic under one step.
#[derive(Debug, Default)]
struct Way {
    from: String,
    to: String,
    segments: u64,
    with_data: u64,
    bytes: u64,
    first: Option<u32>,
    last: u32,
    retransmitted: u64,
    /// How many segments had each role, in the order first met.
    roles: Vec<(&'static str, u64)>,
    flags: Vec<(&'static str, u64)>,
    fates: Vec<(String, u64)>,
}

fn bump<K: PartialEq>(list: &mut Vec<(K, u64)>, key: K) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key, 1)),
    }
}

/// Summarises `segments` a line per direction, in the order each first
/// appears.
pub fn summarize(segments: &[Segment]) -> (Vec<String>, Value) {
    let mut ways: Vec<Way> = Vec::new();
    for segment in segments {
        let at = match ways
            .iter()
            .position(|w| w.from == segment.from && w.to == segment.to)
        {
            Some(at) => at,
            None => {
                ways.push(Way {
                    from: segment.from.clone(),
                    to: segment.to.clone(),
                    ..Way::default()
                });
                ways.len() - 1
            }
        };
        let way = &mut ways[at];
        way.segments += 1;
        let len = segment.payload.len() as u32;
        let control =
            u32::from(segment.flags.contains(&"SYN")) + u32::from(segment.flags.contains(&"FIN"));
        let end = segment.seq.wrapping_add(len + control);
        if len > 0 {
            way.with_data += 1;
            way.bytes += u64::from(len);
        }
        if segment.roles.iter().any(|r| r.is_retransmission()) {
            way.retransmitted += 1;
        }
        for role in &segment.roles {
            bump(&mut way.roles, role.name());
        }
        if len > 0 || control > 0 {
            way.first = Some(way.first.map_or(segment.seq, |f| f.min(segment.seq)));
            way.last = way.last.max(end);
        }
        for flag in ["SYN", "FIN", "RST"] {
            if segment.flags.contains(&flag) {
                bump(&mut way.flags, flag);
            }
        }
        if let Some(fate) = &segment.fate
            && fate.name != "passed"
        {
            bump(&mut way.fates, fate.name.to_string());
        }
    }
    let lines = ways.iter().map(line).collect();
    let json = ways
        .iter()
        .map(|w| {
            json!({
                "from": w.from,
                "to": w.to,
                "segments": w.segments,
                "with_data": w.with_data,
                "bytes": w.bytes,
                "seq_first": w.first,
                "seq_last": w.first.map(|_| w.last),
                "retransmitted": w.retransmitted,
                "roles": w.roles.iter().map(|(r, n)| (r.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "flags": w.flags.iter().map(|(f, n)| (f.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "fates": w.fates.iter().map(|(f, n)| (f.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    (lines, json)
}

/// `cli → conn  412 segments (410 with data, 593,680 bytes), seq 1…593681,
/// 3 retransmitted (1 fast), 2× out of order, FIN 1; 2 lost`.
fn line(way: &Way) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "{} → {}  {}",
        way.from,
        way.to,
        plural(way.segments, "segment", "segments")
    );
    if way.with_data > 0 {
        text.push_str(&format!(
            " ({} with data, {} bytes)",
            way.with_data,
            group_digits(way.bytes)
        ));
    }
    if let Some(first) = way.first {
        text.push_str(&format!(", seq {first}…{}", way.last));
    }
    if way.retransmitted > 0 {
        text.push_str(&format!(", {} retransmitted", way.retransmitted));
        let kinds: Vec<String> = [
            ("fast_retransmission", "fast"),
            ("spurious_retransmission", "spurious"),
        ]
        .iter()
        .filter_map(|(name, word)| Some(format!("{} {word}", count(way, name)?)))
        .collect();
        if !kinds.is_empty() {
            text.push_str(&format!(" ({})", kinds.join(", ")));
        }
    }
    for (name, n) in &way.roles {
        if let Some(word) = role_word(name) {
            text.push_str(&format!(", {n}× {word}"));
        }
    }
    for (flag, n) in &way.flags {
        text.push_str(&format!(", {flag} {n}"));
    }
    if !way.fates.is_empty() {
        let fates: Vec<String> = way.fates.iter().map(|(f, n)| format!("{n} {f}")).collect();
        text.push_str(&format!("; {}", fates.join(", ")));
    }
    text
}

/// How many segments had the role named `name`, if any.
fn count(way: &Way, name: &str) -> Option<u64> {
    way.roles.iter().find(|(r, _)| *r == name).map(|(_, n)| *n)
}

/// A role as the summary counts it (`36× dup ACK`); None for the kinds of
/// retransmission (counted as retransmitted) and for socklab's own roles
/// (the fates say them).
fn role_word(name: &str) -> Option<&'static str> {
    Some(match name {
        "dup_ack" => "dup ACK",
        "out_of_order" => "out of order",
        "previous_segment_not_seen" => "previous segment not seen",
        "ack_of_unseen_segment" => "ACK of unseen segment",
        "zero_window" => "zero window",
        "zero_window_probe" => "zero-window probe",
        "zero_window_probe_ack" => "zero-window probe ACK",
        "window_full" => "window full",
        "window_update" => "window update",
        "keep_alive" => "keep-alive",
        "keep_alive_ack" => "keep-alive ACK",
        "dsack" => "D-SACK",
        _ => return None,
    })
}

fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::roles::Role;

    fn segment(len: usize, roles: Vec<Role>) -> Segment {
        Segment {
            proto: crate::wire::Proto::Tcp,
            src: "10.0.0.1:1".parse().unwrap(),
            dst: "10.0.0.2:2".parse().unwrap(),
            from: "cli".into(),
            to: "conn".into(),
            flags: vec!["ACK"],
            seq: 1,
            ack: Some(1),
            win: 9,
            options: String::new(),
            payload: vec![0; len],
            icmp: None,
            fate: None,
            when: None,
            fragment: None,
            sack: Vec::new(),
            roles,
        }
    }

    #[test]
    fn roles_are_counted_and_retransmissions_of_every_kind_are_retransmitted() {
        let segments = [
            segment(10, vec![]),
            segment(10, vec![Role::Retransmission { of: None }]),
            segment(10, vec![Role::FastRetransmission]),
            segment(0, vec![Role::DupAck { count: 1, ack: 1 }]),
            segment(0, vec![Role::DupAck { count: 2, ack: 1 }]),
            segment(0, vec![Role::WindowUpdate]),
        ];
        let (lines, json) = summarize(&segments);
        assert_eq!(
            lines,
            [
                "cli → conn  6 segments (3 with data, 30 bytes), seq 1…11, 2 retransmitted \
              (1 fast), 2× dup ACK, 1× window update"
            ]
        );
        assert_eq!(json[0]["retransmitted"], 2);
        assert_eq!(json[0]["roles"]["dup_ack"], 2);
        assert_eq!(json[0]["roles"]["fast_retransmission"], 1);
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(593_680), "593,680");
        assert_eq!(group_digits(12), "12");
        assert_eq!(group_digits(1_000), "1,000");
    }
}
