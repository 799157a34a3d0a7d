//! The time-sequence graph (Stevens; tcptrace's): one direction of one TCP
//! connection, its sequence numbers (relative) over time — each data
//! segment a vertical bar from its first byte to the byte after its last,
//! the other side's cumulative ACK as a step line, the right edge of the
//! window it advertised (ACK + window × scale) as another, its SACK blocks
//! as marks, retransmissions in another colour, and a cross on each
//! segment the lab's link lost.
//!
//! The graph is made of `Seen` segments, read from a live session's wire
//! log (the frames `wire save` writes: `of_frames`) or from a transcript's
//! segment lines (`of_transcript`), which keep no clock, no SACK blocks and
//! mostly no window numbers (`[N]`).
//!
//! Owns: choosing the direction, the graph's marks (`Graph`), reading them
//! (`read`) and drawing them as a self-contained SVG that scales (`draw`).
//! Knows nothing of sessions or commands.

mod draw;
mod read;

pub use draw::svg;
pub use read::{of_frames, of_transcript};

/// One TCP segment, as the graph reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seen {
    /// When it was sent: seconds since the connection's first segment, or
    /// (a transcript's) its place in order.
    pub at: f64,
    /// Its ends' names (handles, or addresses).
    pub from: String,
    pub to: String,
    /// A SYN (its window is never scaled, its options offer the scale).
    pub syn: bool,
    /// Relative to its sender's first sequence number, as tcpdump shows it.
    pub seq: u32,
    /// Relative, as `seq` is the other way; None without the ACK flag.
    pub ack: Option<u32>,
    /// Bytes of data it carries.
    pub len: u32,
    /// The window field as sent; None where not known (a transcript's `[N]`).
    pub win: Option<u32>,
    /// The window scale a SYN offers (`wscale 7`).
    pub wscale: Option<u8>,
    /// SACK blocks (left, right edge), relative as `ack` is.
    pub sack: Vec<(u32, u32)>,
    /// It sends bytes again (retransmission, fast or spurious).
    pub retransmission: bool,
    /// The lab's link lost it (or dropped it).
    pub lost: bool,
}

/// One direction of a connection: data from `from` to `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Direction {
    pub from: String,
    pub to: String,
}

impl Direction {
    /// The way that carried the most bytes of data (the first seen on a
    /// tie); None with no TCP segment.
    pub fn busiest(segments: &[Seen]) -> Option<Direction> {
        let mut ways: Vec<(Direction, u64)> = Vec::new();
        for s in segments {
            let way = Direction {
                from: s.from.clone(),
                to: s.to.clone(),
            };
            match ways.iter_mut().find(|(w, _)| *w == way) {
                Some((_, bytes)) => *bytes += u64::from(s.len),
                None => ways.push((way, u64::from(s.len))),
            }
        }
        let most = ways.iter().map(|(_, bytes)| *bytes).max()?;
        ways.into_iter()
            .find(|(_, bytes)| *bytes == most)
            .map(|(way, _)| way)
    }

    /// The other way.
    pub fn reversed(&self) -> Direction {
        Direction {
            from: self.to.clone(),
            to: self.from.clone(),
        }
    }
}

/// What the x axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Seconds (a live session's wire log).
    Seconds,
    /// The segment's place in order (a transcript keeps no clock).
    Order,
}

/// A span of sequence numbers at a time: a data segment, or a SACK block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub at: f64,
    /// First byte, and the byte after the last.
    pub low: u32,
    pub high: u32,
    pub retransmission: bool,
    pub lost: bool,
}

/// The graph's marks, for one direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub title: String,
    pub clock: Clock,
    /// A bar per data segment sent this way.
    pub data: Vec<Bar>,
    /// The other side's cumulative ACK, as each ACK said it (an older one
    /// seen after a newer is left out): (at, ack).
    pub acks: Vec<(f64, u32)>,
    /// The right edge of the other side's window: (at, ack + window).
    pub window: Vec<(f64, u64)>,
    /// The other side's SACK blocks, each when it was sent.
    pub sacks: Vec<Bar>,
}

impl Graph {
    /// The marks of `way` among `segments` (one connection's, in order).
    pub fn of(segments: &[Seen], way: &Direction, clock: Clock, title: String) -> Graph {
        let back = way.reversed();
        let goes = |s: &Seen, w: &Direction| s.from == w.from && s.to == w.to;
        let shift = window_shift(segments, way);
        let mut graph = Graph {
            title,
            clock,
            data: Vec::new(),
            acks: Vec::new(),
            window: Vec::new(),
            sacks: Vec::new(),
        };
        for s in segments {
            if goes(s, way) && s.len > 0 {
                graph.data.push(Bar {
                    at: s.at,
                    low: s.seq,
                    high: s.seq.wrapping_add(s.len),
                    retransmission: s.retransmission,
                    lost: s.lost,
                });
            } else if goes(s, &back)
                && let Some(ack) = s.ack
                // An older ACK seen late (reordered) moves neither line back.
                && graph.acks.last().is_none_or(|(_, last)| ack >= *last)
            {
                graph.acks.push((s.at, ack));
                if let Some(win) = s.win {
                    let scaled = u64::from(win) << if s.syn { 0 } else { shift.unwrap_or(0) };
                    graph.window.push((s.at, u64::from(ack) + scaled));
                }
                graph.sacks.extend(s.sack.iter().map(|&(low, high)| Bar {
                    at: s.at,
                    low,
                    high,
                    retransmission: false,
                    lost: false,
                }));
            }
        }
        graph
    }

    /// How many data segments were sent again.
    pub fn retransmitted(&self) -> usize {
        self.data.iter().filter(|bar| bar.retransmission).count()
    }

    /// How many data segments the link lost.
    pub fn lost(&self) -> usize {
        self.data.iter().filter(|bar| bar.lost).count()
    }
}

/// The receiver's window scale (RFC 7323): what its SYN offered, when both
/// SYNs offered one; None when either SYN was not seen.
fn window_shift(segments: &[Seen], way: &Direction) -> Option<u8> {
    let offered = |from: &str| {
        segments
            .iter()
            .find(|s| s.syn && s.from == from)
            .map(|s| s.wscale)
    };
    match (offered(&way.from)?, offered(&way.to)?) {
        (Some(_), Some(receiver)) => Some(receiver.min(14)),
        _ => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(at: f64, from: &str, seq: u32, ack: Option<u32>, len: u32) -> Seen {
        Seen {
            at,
            from: from.into(),
            to: if from == "cli" { "srv" } else { "cli" }.into(),
            seq,
            ack,
            len,
            win: Some(100),
            ..Seen::default()
        }
    }

    fn transfer() -> Vec<Seen> {
        let mut syn = seen(0.0, "cli", 0, None, 0);
        (syn.syn, syn.wscale) = (true, Some(7));
        let mut syn_ack = seen(0.1, "srv", 0, Some(1), 0);
        (syn_ack.syn, syn_ack.wscale) = (true, Some(2));
        let mut again = seen(0.5, "cli", 1, Some(1), 1000);
        again.retransmission = true;
        let mut lost = seen(0.2, "cli", 1, Some(1), 1000);
        lost.lost = true;
        let mut sack = seen(0.3, "srv", 1, Some(1), 0);
        sack.sack = vec![(1001, 2001)];
        let stale = seen(0.35, "srv", 1, Some(0), 0);
        vec![
            syn,
            syn_ack,
            lost,
            seen(0.25, "cli", 1001, Some(1), 1000),
            sack,
            stale,
            again,
            seen(0.6, "srv", 1, Some(2001), 0),
        ]
    }

    #[test]
    fn the_busiest_way_is_the_one_with_the_most_bytes() {
        let way = Direction::busiest(&transfer()).unwrap();
        assert_eq!((way.from.as_str(), way.to.as_str()), ("cli", "srv"));
        assert_eq!(Direction::busiest(&[]), None);
    }

    #[test]
    fn data_goes_one_way_and_acks_windows_and_sacks_come_back() {
        let way = Direction::busiest(&transfer()).unwrap();
        let graph = Graph::of(&transfer(), &way, Clock::Seconds, "t".into());
        let spans: Vec<(u32, u32, bool, bool)> = graph
            .data
            .iter()
            .map(|b| (b.low, b.high, b.retransmission, b.lost))
            .collect();
        assert_eq!(
            spans,
            [
                (1, 1001, false, true),
                (1001, 2001, false, false),
                (1, 1001, true, false)
            ]
        );
        assert_eq!(graph.acks, [(0.1, 1), (0.3, 1), (0.6, 2001)]);
        // The SYN's window is not scaled; the rest by srv's offer (2).
        assert_eq!(graph.window, [(0.1, 101), (0.3, 401), (0.6, 2401)]);
        assert_eq!(graph.sacks.len(), 1);
        assert_eq!((graph.sacks[0].low, graph.sacks[0].high), (1001, 2001));
        assert_eq!((graph.retransmitted(), graph.lost()), (1, 1));
    }

    #[test]
    fn a_window_is_not_scaled_unless_both_syns_offered_a_scale() {
        let mut segments = transfer();
        segments[0].wscale = None;
        let way = Direction::busiest(&segments).unwrap();
        assert_eq!(window_shift(&segments, &way), Some(0));
        assert_eq!(window_shift(&segments[2..], &way), None);
    }

    #[test]
    fn xml_text_escapes_markup() {
        assert_eq!(
            super::super::svg::xml_text("a<b>&\"'\u{7}"),
            "a&lt;b&gt;&amp;&quot;&apos; "
        );
    }
}
