//! A live session's steps as the picture's events, made from their typed
//! data: each segment's flags, numbers, window, data and fate on the lab's
//! link, each state change, and their times (a gap where a time mark would
//! be shown). Drawn as a recorded transcript of the same session is drawn
//! (`read`): the same arrows, labels, states and gaps.
//!
//! Owns: a `Step` → `Entry`. Does not own which steps are kept (the
//! runner's sketch) or how they are drawn.

use crate::clock::{WITH_THE_CALL, When, span};
use crate::encoding::Encoding;
use crate::encoding::display::Preview;
use crate::step::{StateChange, Step};
use crate::wire::{Proto, Segment};

use super::{Entry, Event, Gap};

impl Entry {
    /// Adds what a step showed under its command: its segments, then its
    /// state changes, each after the gap its time says.
    pub fn add_step(&mut self, step: &Step) {
        for segment in step.wire.iter().flatten() {
            self.mark(segment.when);
            if let Some(event) = segment_event(segment, step.encoding) {
                self.push(event);
            }
        }
        for change in &step.changes {
            self.mark(change.when);
            if let Some(event) = state_event(change) {
                self.push(event);
            }
        }
    }

    /// A gap for a time that is marked when shown (see `When::mark`):
    /// between steps, or not with the step's call.
    fn mark(&mut self, when: Option<When>) {
        let Some(when) = when else { return };
        if when.between || when.after >= WITH_THE_CALL {
            self.gap(Gap {
                time: Some(span(when.after)),
                between: when.between,
            });
        }
    }
}

/// The arrow's event for a segment; None for what a picture does not draw:
/// a TCP segment with no flags, and a piece of a TCP segment.
fn segment_event(segment: &Segment, encoding: &'static Encoding) -> Option<Event> {
    Some(Event::Segment {
        from: segment.from.clone(),
        to: segment.to.clone(),
        label: label(segment, encoding)?,
        window: super::advertised(segment),
        // In the words its wire line says (a transcript's are read so).
        roles: segment.roles.iter().map(|role| role.text()).collect(),
        // An ICMP error has no fate of its own on the link.
        fate: match segment.icmp {
            Some(_) => None,
            None => segment.fate.as_ref().map(|f| f.text.clone()),
        }
        .filter(|f| f != "passed"),
    })
}

/// What an arrow says: `SYN,ACK seq=0 ack=1`, `PSH,ACK seq=1 ack=1 len=5
/// "hello"`, `UDP len=3 "x"`, `UDP frag 2/3 len=1480`, `ICMP port
/// unreachable` — the numbers and the data, not the window (the picture
/// says it where it is news: `window`) or the options.
fn label(segment: &Segment, encoding: &'static Encoding) -> Option<String> {
    if let Some(icmp) = &segment.icmp {
        return Some(format!("ICMP {}", icmp.what));
    }
    if let Some(fragment) = &segment.fragment {
        if segment.proto == Proto::Tcp {
            return None;
        }
        let which = fragment
            .index
            .map_or(String::new(), |(k, n)| format!(" {k}/{n}"));
        return Some(format!("UDP frag{which} len={}", fragment.len));
    }
    let mut label = match segment.proto {
        Proto::Tcp if segment.flags.is_empty() => return None,
        Proto::Tcp => {
            let mut label = format!("{} seq={}", segment.flags.join(","), segment.seq);
            if let Some(ack) = segment.ack {
                label.push_str(&format!(" ack={ack}"));
            }
            label
        }
        Proto::Udp | Proto::Icmp => "UDP".to_string(),
    };
    if !segment.payload.is_empty() || segment.proto == Proto::Udp {
        label.push_str(&format!(
            " len={} {}",
            segment.payload.len(),
            Preview(&segment.payload, encoding)
        ));
    }
    Some(label)
}

/// The state an end enters; None for a new socket's first state (CLOSE,
/// no arrow), which is no news — unless it is a connection with no fd of
/// its own (closed, or a listener's queued one), which is.
fn state_event(change: &StateChange) -> Option<Event> {
    let no_fd = change.closed || change.handle.contains('(');
    if change.from.is_none() && !no_fd {
        return None;
    }
    // `srv (half-open from 192.0.2.1:40000)`: the listener's line.
    let end = change.handle.split(" (").next().unwrap_or(&change.handle);
    Some(Event::State {
        end: end.to_string(),
        state: change.to.map_or("gone", |s| s.name()).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::TcpState;
    use crate::wire::segment::{Fragment, IcmpError, LinkFate};

    fn udp(payload: &[u8]) -> Segment {
        Segment {
            proto: Proto::Udp,
            src: "127.0.0.1:1".parse().unwrap(),
            dst: "127.0.0.1:2".parse().unwrap(),
            from: "u".into(),
            to: "v".into(),
            flags: Vec::new(),
            seq: 0,
            ack: None,
            win: 0,
            options: String::new(),
            payload: payload.to_vec(),
            icmp: None,
            fate: None,
            when: None,
            fragment: None,
            sack: Vec::new(),
            roles: Vec::new(),
        }
    }

    fn change(handle: &str, from: Option<TcpState>, closed: bool) -> StateChange {
        StateChange {
            handle: handle.into(),
            from,
            to: Some(TcpState::SYN_RECV),
            closed,
            when: None,
        }
    }

    #[test]
    fn each_segment_and_state_becomes_what_its_line_is_drawn_as() {
        let utf8 = crate::encoding::UTF_8;
        let mut piece = udp(b"");
        piece.fragment = Some(Fragment {
            id: 7,
            offset: 1480,
            len: 1480,
            more: true,
            index: Some((2, 3)),
        });
        piece.fate = Some(LinkFate {
            name: "held",
            text: "held #2".into(),
            held: Some(2),
        });
        let mut icmp = udp(b"x");
        icmp.icmp = Some(IcmpError {
            what: "port unreachable".into(),
            about: Proto::Udp,
            len: Some(9),
        });
        let mut syn = udp(b"");
        syn.proto = Proto::Tcp;
        syn.flags = vec!["SYN"];
        let labels = [
            (udp(b"a;b"), Some("UDP len=3 \"a;b\"")),
            (piece, Some("UDP frag 2/3 len=1480")),
            (icmp, Some("ICMP port unreachable")),
            (syn.clone(), Some("SYN seq=0")),
            (
                Segment {
                    flags: vec![],
                    ..syn
                },
                None,
            ),
        ];
        for (segment, shown) in labels {
            assert_eq!(label(&segment, utf8).as_deref(), shown, "{segment:?}");
        }
        let states = [
            (change("x", None, false), None),
            (change("x", Some(TcpState::LISTEN), false), Some("x")),
            (change("t", None, true), Some("t")),
            (
                change("srv (half-open from 1.2.3.4:5)", None, true),
                Some("srv"),
            ),
        ];
        for (change, end) in states {
            let drawn = state_event(&change).map(|e| match e {
                Event::State { end, .. } => end,
                other => panic!("{other:?}"),
            });
            assert_eq!(drawn.as_deref(), end, "{change:?}");
        }
    }
}
