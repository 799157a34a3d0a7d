//! One TCP connection as the analyser knows it: per direction, the next
//! byte expected, the last ACK and window, the duplicate-ACK count; and
//! Wireshark's rules (`tcp_analyze_sequence_number` in
//! epan/dissectors/packet-tcp.c) applied in its order to each segment.
//!
//! Owns: the rules and the state they need (a few numbers per direction:
//! bounded). Does not own which connection a segment belongs to
//! (`analyser`).

use std::time::Duration;

use super::Role;

/// What the rules read of a segment (sequence numbers relative, as shown).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    pub seq: u32,
    pub ack: Option<u32>,
    pub win: u16,
    pub syn: bool,
    pub fin: bool,
    pub rst: bool,
    pub len: u32,
    /// The first SACK block, and whether the second contains it.
    pub sack: Option<(u32, u32, bool)>,
    /// The window scale its SYN offers.
    pub wscale: Option<u8>,
    pub t: Duration,
}

/// Wireshark's out-of-order threshold when the handshake's round trip is
/// not known: a segment that fills a gap sooner than this after the
/// highest one is out of order, later a retransmission.
const OUT_OF_ORDER: Duration = Duration::from_millis(3);
/// A retransmission this soon after two duplicate ACKs is a fast one.
const FAST: Duration = Duration::from_millis(20);

/// `a` after `b` in sequence space (RFC 1982 arithmetic, as GT_SEQ).
fn after(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) > 0
}

/// A direction's window scale, from its SYN.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Scale {
    /// No SYN seen: the window's unit is not known.
    #[default]
    Unknown,
    Shift(u8),
}

/// One direction of a connection.
#[derive(Clone, Debug, Default)]
struct Half {
    /// The byte after the highest sent, and when that was.
    next: Option<u32>,
    next_at: Duration,
    /// The highest contiguous byte sent (ACKs beyond it acknowledge unseen data).
    max_to_be_acked: Option<u32>,
    /// The last ACK sent this way, and when.
    last_ack: Option<u32>,
    last_ack_at: Duration,
    /// The last window advertised this way (as on the wire), and whether
    /// it came on a SYN (not scaled).
    window: Option<u16>,
    window_on_syn: bool,
    /// Duplicate ACKs of `last_ack` so far (-1: an ACK of unseen data
    /// was said, a first duplicate counts as 1).
    dup_acks: i32,
    /// The last segment sent this way was a keep-alive, a zero-window probe.
    sent_keep_alive: bool,
    sent_probe: bool,
    scale: Scale,
    /// The byte after this way's FIN, once sent.
    fin_end: Option<u32>,
}

/// Both directions, by whether the lower address sent.
#[derive(Clone, Debug, Default)]
pub(super) struct Connection {
    halves: [Half; 2],
    /// When the first SYN went, and the handshake's round trip once known
    /// (SYN to the ACK of SYN-ACK).
    syn_at: Option<Duration>,
    first_rtt: Option<Duration>,
    reset: bool,
}

impl Connection {
    /// Closed: reset, or both FINs acknowledged.
    pub fn closed(&self) -> bool {
        let acked = |fwd: &Half, rev: &Half| matches!((fwd.fin_end, rev.last_ack), (Some(end), Some(ack)) if !after(end, ack));
        self.reset
            || (acked(&self.halves[0], &self.halves[1]) && acked(&self.halves[1], &self.halves[0]))
    }

    /// The roles of `s`, sent the `way` direction (0 or 1), in Wireshark's
    /// order; the state moves past it.
    pub fn analyse(&mut self, way: usize, s: &Seen) -> Vec<Role> {
        let mut roles = Vec::new();
        self.handshake(way, s);
        let (fwd, rev) = pair(&mut self.halves, way);
        let probe = s.len == 1 && Some(s.seq) == fwd.next && rev.window == Some(0);
        if probe {
            roles.push(Role::ZeroWindowProbe);
        } else {
            window_roles(fwd, rev, s, &mut roles);
        }
        if fwd.last_ack != s.ack {
            fwd.dup_acks = 0;
        }
        if let Some(role) = ack_of_unseen(rev, s) {
            roles.push(role);
        }
        let threshold = self.first_rtt.unwrap_or(OUT_OF_ORDER);
        if let Some(role) = resent(fwd, rev, s, &roles, threshold) {
            roles.push(role);
        }
        if let Some((left, right, _)) = s
            .sack
            .filter(|&(_, right, inside)| inside || s.ack.is_some_and(|ack| !after(right, ack)))
        {
            roles.push(Role::Dsack { left, right });
        }
        move_past(fwd, s, probe, &roles);
        self.reset |= s.rst;
        roles
    }

    /// Window scales from the SYNs; the handshake's round trip.
    fn handshake(&mut self, way: usize, s: &Seen) {
        if s.syn {
            let (fwd, _) = pair(&mut self.halves, way);
            fwd.scale = Scale::Shift(s.wscale.unwrap_or(0));
            if s.ack.is_none() {
                self.syn_at = Some(s.t);
            } else if s.wscale.is_none() || self.halves[1 - way].scale == Scale::Shift(0) {
                // Scaling is on only if both SYNs offer it.
                for half in &mut self.halves {
                    half.scale = Scale::Shift(0);
                }
            }
        } else if let (Some(at), None, Some(_)) = (self.syn_at, self.first_rtt, s.ack) {
            self.first_rtt = Some(s.t.saturating_sub(at));
        }
    }
}

fn pair(halves: &mut [Half; 2], way: usize) -> (&mut Half, &mut Half) {
    let [a, b] = halves;
    match way {
        0 => (a, b),
        _ => (b, a),
    }
}

/// Zero window, a gap before it, keep-alive, window update, window full,
/// and the answers (keep-alive ACK, zero-window probe ACK, dup ACK), each
/// as Wireshark tests them, in its order.
fn window_roles(fwd: &mut Half, rev: &Half, s: &Seen, roles: &mut Vec<Role>) {
    let control = s.syn || s.fin || s.rst;
    if s.win == 0 && !control {
        roles.push(Role::ZeroWindow);
    }
    if fwd.next.is_some_and(|next| after(s.seq, next)) && !s.rst {
        roles.push(Role::PreviousSegmentNotSeen);
    }
    if s.len <= 1 && fwd.next.is_some_and(|next| s.seq == next.wrapping_sub(1)) && !control {
        // Linux probes a zero window as it keeps a connection alive (one
        // byte before the next, no data): socklab, seeing the window shut,
        // says which it is (Wireshark says keep-alive).
        match rev.window == Some(0) && s.len == 0 {
            true => roles.push(Role::ZeroWindowProbe),
            false => roles.push(Role::KeepAlive),
        }
    }
    let repeats = s.len == 0 && Some(s.seq) == fwd.next && s.ack == fwd.last_ack && !control;
    if repeats && s.win != 0 && fwd.window.is_some_and(|w| w != s.win) {
        roles.push(Role::WindowUpdate);
    }
    if s.len > 0 && !control && window_edge(rev) == Some(s.seq.wrapping_add(s.len)) {
        roles.push(Role::WindowFull);
    }
    let same_window = fwd.window == Some(s.win);
    if repeats && same_window && s.win != 0 && rev.sent_keep_alive {
        roles.push(Role::KeepAliveAck);
    } else if repeats && same_window && s.win == 0 && rev.sent_probe {
        roles.push(Role::ZeroWindowProbeAck);
    } else if repeats && same_window && s.win != 0 {
        fwd.dup_acks = fwd.dup_acks.max(0) + 1;
        roles.push(Role::DupAck {
            count: fwd.dup_acks as u32,
            ack: s.ack.unwrap_or(0),
        });
    }
}

/// The right edge of the window `rev` advertised: its last ACK plus its
/// window, scaled (not on a SYN); None while the scale is unknown.
fn window_edge(rev: &Half) -> Option<u32> {
    let Scale::Shift(shift) = rev.scale else {
        return None;
    };
    let shift = if rev.window_on_syn { 0 } else { shift };
    let window = u32::from(rev.window?) << shift.min(14);
    Some(rev.last_ack?.wrapping_add(window))
}

/// An ACK beyond what was seen going the other way (said once per gap).
fn ack_of_unseen(rev: &mut Half, s: &Seen) -> Option<Role> {
    let ack = s.ack?;
    let most = rev.max_to_be_acked?;
    if !after(ack, most) {
        return None;
    }
    if let Some(next) = rev.next.filter(|&next| after(most, next)) {
        rev.max_to_be_acked = Some(next);
        return Some(Role::AckOfUnseenSegment);
    }
    let first = rev.dup_acks == 0;
    rev.dup_acks = -1;
    first.then_some(Role::AckOfUnseenSegment)
}

/// Whether a segment with data (or SYN, FIN) sends old bytes again, and
/// which kind: spurious, fast, out of order, or plain retransmission.
fn resent(fwd: &Half, rev: &Half, s: &Seen, roles: &[Role], threshold: Duration) -> Option<Role> {
    let control = u32::from(s.syn || s.fin);
    if (s.len == 0 && control == 0) || roles.contains(&Role::KeepAlive) {
        return None;
    }
    let mut not_advanced = fwd.next.is_some_and(|next| after(next, s.seq));
    if s.len > 1 && fwd.next.is_some_and(|next| next.wrapping_sub(1) == s.seq) {
        not_advanced = false;
    }
    let end = s.seq.wrapping_add(s.len);
    if s.len > 0 && rev.last_ack.is_some_and(|ack| !after(end, ack)) {
        return Some(Role::SpuriousRetransmission);
    }
    if not_advanced
        && rev.dup_acks >= 2
        && rev.last_ack == Some(s.seq)
        && s.t.saturating_sub(rev.last_ack_at) < FAST
    {
        return Some(Role::FastRetransmission);
    }
    if not_advanced
        && s.t.saturating_sub(fwd.next_at) < threshold
        && fwd.next != Some(end.wrapping_add(control))
    {
        return Some(Role::OutOfOrder);
    }
    not_advanced.then_some(Role::Retransmission { of: None })
}

/// The direction's state after `s`: the next byte (not moved by a
/// zero-window probe), the last ACK and window, what it was.
fn move_past(fwd: &mut Half, s: &Seen, probe: bool, roles: &[Role]) {
    let next = s.seq.wrapping_add(s.len + u32::from(s.syn || s.fin));
    if !probe && fwd.next.is_none_or(|old| after(next, old)) {
        fwd.next = Some(next);
        fwd.next_at = s.t;
    }
    if !probe && fwd.max_to_be_acked.is_none_or(|most| most == s.seq) {
        fwd.max_to_be_acked = fwd.next;
    }
    if s.fin {
        fwd.fin_end = Some(next);
    }
    fwd.window = Some(s.win);
    fwd.window_on_syn = s.syn;
    fwd.last_ack = s.ack;
    fwd.last_ack_at = s.t;
    fwd.sent_keep_alive = roles.contains(&Role::KeepAlive);
    fwd.sent_probe = probe || roles.contains(&Role::ZeroWindowProbe);
}
