//! `wire ladder`: a step's segments and state changes as rows for the live
//! ladder (`diagram::live`), split into what came between steps and what
//! came with the step, each with its time at the left. A segment's window
//! is shown where it is news within the step (`diagram::Windows`: a zero
//! window, a change, the first each way — the step is drawn alone, so the
//! first each way in every step).

use std::io::{self, Write};

use colored::Colorize;

use super::Preview;
use crate::clock::When;
use crate::diagram::live::{Label, Row, Timed, step_ladder};
use crate::diagram::{Windows, advertised, tags};
use crate::step::Step;
use crate::wire::{Proto, Segment};

/// Draws the step's segments (and the states of their ends) as a ladder
/// `width` columns wide; returns which of the step's changes it drew.
pub fn render(
    out: &mut dyn Write,
    step: &Step,
    width: usize,
    ascii: bool,
) -> io::Result<Vec<bool>> {
    let segments = step.wire.as_deref().unwrap_or_default();
    let mut windows = Windows::default();
    let shown: Vec<Option<u32>> = segments
        .iter()
        .map(|s| windows.shown(&s.from, &s.to, advertised(s)))
        .collect();
    let mut drawn = vec![false; step.changes.len()];
    for between in [true, false] {
        // Segments in the order sent; each state change right after the
        // last segment of its end (what moved it), else at the end.
        let mut rows: Vec<(usize, usize, Option<usize>, Timed)> = Vec::new();
        let mut last_of: Vec<(String, usize)> = Vec::new();
        let mut sent_at = Vec::new();
        for (segment, window) in segments.iter().zip(&shown) {
            if segment.when.is_some_and(|w| w.between) != between {
                continue;
            }
            let at = rows.len();
            sent_at.push(segment.when.map(|w| w.t));
            last_of.push((segment.from.clone(), at));
            last_of.push((segment.to.clone(), at));
            rows.push((
                at,
                0,
                None,
                Timed {
                    time: time(segment.when),
                    row: Row::Segment {
                        from: end_name(&segment.from, segment.src.ip()),
                        to: end_name(&segment.to, segment.dst.ip()),
                        label: label(segment, *window, step.encoding),
                    },
                },
            ));
        }
        if rows.is_empty() {
            continue;
        }
        for (k, change) in step.changes.iter().enumerate() {
            if change.when.is_some_and(|w| w.between) != between {
                continue;
            }
            let end = change.handle.split(" (").next().unwrap_or_default();
            // A move seen as it happened goes after the last segment
            // before it, not after a later one.
            let seen_at = change.when.filter(|w| w.seen_live).map(|w| w.t);
            let after = last_of
                .iter()
                .rev()
                .filter(|(_, at)| seen_at.is_none_or(|t| sent_at[*at] <= Some(t)))
                .find(|(name, _)| name == end)
                .map_or(usize::MAX, |(_, at)| *at);
            rows.push((
                after,
                1 + k,
                Some(k),
                Timed {
                    time: time(change.when),
                    row: Row::State {
                        end: end.to_string(),
                        state: change.to.map_or("gone", |s| s.name()).to_string(),
                    },
                },
            ));
        }
        rows.sort_by_key(|r| (r.0, r.1));
        let timed: Vec<Timed> = rows.iter().map(|r| r.3.clone()).collect();
        let (lines, rest) = step_ladder(&timed, &step.wire_columns, width.saturating_sub(2), ascii);
        if between {
            let title = match step.call {
                Some(_) => crate::t!("render-between-steps-before-call"),
                None => crate::t!("render-between-steps"),
            };
            writeln!(out, "  {}", title.cyan())?;
        }
        for line in &lines {
            writeln!(out, "  {}", line.dimmed())?;
        }
        for (_, _, change, row) in &rows {
            if let Some(k) = change
                && !rest.contains(row)
            {
                drawn[*k] = true;
            }
        }
    }
    Ok(drawn)
}

/// A handle's name, with its host in the lab (`cli @a`), as `socket tcp
/// @a` puts it there.
fn end_name(name: &str, ip: std::net::IpAddr) -> String {
    match crate::lab::Host::of(ip) {
        Some(host) if !name.contains(':') => format!("{name} @{}", host.name()),
        _ => name.to_string(),
    }
}

/// `+0 ms`, `+100 ms`, `+1.25 s`: after the step began, or (between steps)
/// after the previous one ended.
fn time(when: Option<When>) -> String {
    match when {
        Some(when) => format!("+{}", crate::clock::span(when.after)),
        None => String::new(),
    }
}

/// What the segment's arrow says, with `window` where it is news.
fn label(
    segment: &Segment,
    window: Option<u32>,
    encoding: &'static crate::encoding::Encoding,
) -> Label {
    let data = if !segment.payload.is_empty() || segment.proto == Proto::Udp {
        format!(
            "len={} {}",
            segment.payload.len(),
            Preview(&segment.payload, encoding)
        )
    } else {
        String::new()
    };
    let fate = segment
        .fate
        .as_ref()
        .filter(|f| f.name != "passed")
        .map(|f| f.text.clone());
    let lost = segment
        .fate
        .as_ref()
        .is_some_and(|f| matches!(f.name, "lost" | "dropped" | "queue full"));
    let words: Vec<String> = segment.roles.iter().map(|role| role.text()).collect();
    let (tags, retransmission) = tags(&words);
    if let Some(icmp) = &segment.icmp {
        return Label {
            flags: format!("ICMP {}", icmp.what),
            fate,
            lost,
            ..Label::default()
        };
    }
    match segment.proto {
        Proto::Tcp => Label {
            flags: segment.flags.join(","),
            numbers: match segment.ack {
                Some(ack) => format!("seq={} ack={ack}", segment.seq),
                None => format!("seq={}", segment.seq),
            },
            window,
            data,
            options: match segment.options.is_empty() {
                true => String::new(),
                false => format!("<{}>", segment.options),
            },
            tags,
            fate,
            lost,
            retransmission,
        },
        _ => Label {
            flags: "UDP".into(),
            data,
            fate,
            lost,
            ..Label::default()
        },
    }
}
