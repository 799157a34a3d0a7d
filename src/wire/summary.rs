//! `wire summary`: the wire view of bulk traffic, a line per direction per
//! step — how many segments, how many bytes, which sequence range, how many
//! were retransmitted, and their fates on the lab's link — instead of one
//! line per segment. The pcap still has every frame.
//!
//! Owns: the grouping and the retransmission count (a data segment that
//! starts below the highest sequence already seen crossing that way, across
//! steps).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Segment;

/// The highest sequence number seen so far each way (by "from → to").
pub type Highest = HashMap<(String, String), u32>;

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
/// appears; `highest` carries the retransmission count across steps.
pub fn summarize(segments: &[Segment], highest: &mut Highest) -> (Vec<String>, Value) {
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
        // On the lab's link a segment lost or held is shown when it meets
        // that fate, before those still in flight ahead of it: only what
        // crossed moves the highest sequence seen.
        let crossed = segment
            .fate
            .as_ref()
            .is_none_or(|f| !matches!(f.name, "lost" | "dropped" | "queue full" | "held"));
        if len > 0 {
            way.with_data += 1;
            way.bytes += u64::from(len);
            let seen = highest
                .entry((segment.from.clone(), segment.to.clone()))
                .or_insert(0);
            if segment.seq < *seen {
                way.retransmitted += 1;
            }
            if crossed {
                *seen = (*seen).max(end);
            }
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
                "flags": w.flags.iter().map(|(f, n)| (f.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                "fates": w.fates.iter().map(|(f, n)| (f.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    (lines, json)
}

/// `cli → conn  412 segments (410 with data, 593,680 bytes), seq 1…593681,
/// 3 retransmitted, FIN 1; 2 lost`.
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

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(593_680), "593,680");
        assert_eq!(group_digits(12), "12");
        assert_eq!(group_digits(1_000), "1,000");
    }
}
