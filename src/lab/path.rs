//! The link as a path (`link delay|loss|dup|corrupt|reorder|rate|queue|
//! seed|clear`): per direction, what a real network does to a segment —
//! delay it (with jitter), lose it, send it twice, flip a bit in it, let the
//! next one overtake it, and serialise it at a rate behind a queue that
//! drops its tail when full. Every random choice comes from a generator
//! per direction seeded by `link seed`, so a lesson with loss loses the
//! same segments on every run (each direction's choices depend only on the
//! segments sent that way, not on how the two ways interleave).
//!
//! Owns: the properties, the generator, the rate's clock and queue, and the
//! counters. Decides a segment's fate and when it leaves; the relay (which
//! owns the frames and the sockets) carries it out.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::dir::Dir;

/// One direction's properties. The default does nothing to a segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Props {
    pub delay: Duration,
    pub jitter: Duration,
    /// Chances, 0.0–1.0.
    pub loss: f64,
    pub dup: f64,
    pub corrupt: f64,
    pub reorder: f64,
    /// Bits per second; None: as fast as the relay goes.
    pub rate: Option<u64>,
    /// Packets the rate's queue holds (besides the one on the line)
    /// before it drops what comes.
    pub queue: usize,
}

/// The queue's length when none is set (a common router default).
pub const DEFAULT_QUEUE: usize = 1000;

impl Default for Props {
    fn default() -> Props {
        Props {
            delay: Duration::ZERO,
            jitter: Duration::ZERO,
            loss: 0.0,
            dup: 0.0,
            corrupt: 0.0,
            reorder: 0.0,
            rate: None,
            queue: DEFAULT_QUEUE,
        }
    }
}

impl Props {
    /// Whether a segment goes through untouched and at once.
    pub fn is_clear(&self) -> bool {
        self.delay.is_zero()
            && self.jitter.is_zero()
            && self.loss == 0.0
            && self.dup == 0.0
            && self.corrupt == 0.0
            && self.reorder == 0.0
            && self.rate.is_none()
    }

    /// `delay 50ms jitter 5ms, loss 2%, rate 10mbit queue 64`, or `none`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.delay.is_zero() || !self.jitter.is_zero() {
            let mut delay = format!("delay {}", show_duration(self.delay));
            if !self.jitter.is_zero() {
                delay.push_str(&format!(" jitter {}", show_duration(self.jitter)));
            }
            parts.push(delay);
        }
        for (name, chance) in [
            ("loss", self.loss),
            ("dup", self.dup),
            ("corrupt", self.corrupt),
            ("reorder", self.reorder),
        ] {
            if chance > 0.0 {
                parts.push(format!("{name} {}", show_percent(chance)));
            }
        }
        if let Some(rate) = self.rate {
            parts.push(format!("rate {} queue {}", show_rate(rate), self.queue));
        } else if self.queue != DEFAULT_QUEUE {
            parts.push(format!("queue {}", self.queue));
        }
        match parts.is_empty() {
            true => "none".into(),
            false => parts.join(", "),
        }
    }
}

/// `50ms`, `1.5s`, `60s`: as a person would type it.
pub fn show_duration(d: Duration) -> String {
    let trim = |text: String| text.trim_end_matches('0').trim_end_matches('.').to_string();
    let ms = d.as_secs_f64() * 1e3;
    if ms < 1000.0 {
        format!("{}ms", trim(format!("{ms:.3}")))
    } else {
        format!("{}s", trim(format!("{:.3}", ms / 1e3)))
    }
}

pub fn show_percent(chance: f64) -> String {
    let percent = chance * 100.0;
    let text = format!("{percent:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

pub fn show_rate(bits: u64) -> String {
    for (unit, size) in [
        ("gbit", 1_000_000_000),
        ("mbit", 1_000_000),
        ("kbit", 1_000),
    ] {
        if bits >= size && bits.is_multiple_of((size / 1000).max(1)) {
            let value = bits as f64 / size as f64;
            let text = format!("{value:.3}");
            return format!("{}{unit}", text.trim_end_matches('0').trim_end_matches('.'));
        }
    }
    format!("{bits}bit")
}

/// One direction's counters, for `link`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Segments that reached the other side (a duplicate counts once here).
    pub passed: u64,
    pub lost: u64,
    pub queue_drops: u64,
    pub hand_drops: u64,
    pub duplicated: u64,
    pub corrupted: u64,
    pub reordered: u64,
    /// Dropped because the session's memory budget had no room to keep
    /// them (held, or delayed on the path).
    pub budget_drops: u64,
    /// Bytes of the frames that reached the other side.
    pub bytes: u64,
}

/// What the path does with a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Lost by chance (`loss`).
    Lost,
    /// The rate's queue is full: dropped at its tail.
    QueueFull,
    /// It goes, at `due`: once or twice, with a bit flipped or not, and
    /// held back until the next segment has gone (`reorder`).
    Send {
        due: Instant,
        copies: u8,
        corrupt: bool,
        held_back: bool,
    },
}

/// The link's properties both ways, its generator and its counters.
#[derive(Debug)]
pub struct Path {
    pub props: [Props; 2],
    pub counters: [Counters; 2],
    seed: u64,
    /// One generator per direction.
    rng: [fastrand::Rng; 2],
    /// When the rate's line is free again, per direction.
    free_at: [Option<Instant>; 2],
    /// When each segment waiting in the rate's queue leaves it.
    leaving: [VecDeque<Instant>; 2],
}

/// The seed when `link seed` was never given.
pub const DEFAULT_SEED: u64 = 1;

impl Default for Path {
    fn default() -> Path {
        Path {
            props: [Props::default(), Props::default()],
            counters: [Counters::default(), Counters::default()],
            seed: DEFAULT_SEED,
            rng: generators(DEFAULT_SEED),
            free_at: [None, None],
            leaving: [VecDeque::new(), VecDeque::new()],
        }
    }
}

impl Path {
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Restarts every random choice from `seed`.
    pub fn set_seed(&mut self, seed: u64) {
        self.seed = seed;
        self.rng = generators(seed);
    }

    pub fn is_clear(&self, dir: Dir) -> bool {
        self.props[dir.index()].is_clear()
    }

    /// Segments waiting in the rate's queue now.
    pub fn depth(&mut self, dir: Dir, now: Instant) -> usize {
        self.in_rate(dir, now).saturating_sub(1)
    }

    /// Packets the rate has not finished sending: the one on the line and
    /// those queued behind it.
    fn in_rate(&mut self, dir: Dir, now: Instant) -> usize {
        let leaving = &mut self.leaving[dir.index()];
        while leaving.front().is_some_and(|&at| at <= now) {
            leaving.pop_front();
        }
        leaving.len()
    }

    /// The fate of a segment of `len` bytes entering the link at `now`.
    pub fn judge(&mut self, dir: Dir, len: usize, now: Instant) -> Verdict {
        let i = dir.index();
        let props = self.props[i].clone();
        // Every chance is drawn for every segment, in the same order, so
        // one property's setting does not move another's choices.
        let rng = &mut self.rng[i];
        let lost = chance(rng, props.loss);
        let corrupt = chance(rng, props.corrupt);
        let dup = chance(rng, props.dup);
        let reorder = chance(rng, props.reorder);
        let jitter = jitter(rng, props.jitter);
        if lost {
            self.counters[i].lost += 1;
            return Verdict::Lost;
        }
        let mut leaves = now;
        if let Some(rate) = props.rate {
            // Queued behind the one on the line: at most `queue`.
            if self.in_rate(dir, now) > props.queue {
                self.counters[i].queue_drops += 1;
                return Verdict::QueueFull;
            }
            let start = self.free_at[i].map_or(now, |free| free.max(now));
            let wire_time = Duration::from_secs_f64(len as f64 * 8.0 / rate as f64);
            leaves = start + wire_time;
            self.free_at[i] = Some(leaves);
            self.leaving[i].push_back(leaves);
        }
        let due = match jitter {
            Some((later, true)) => leaves + props.delay + later,
            Some((earlier, false)) => leaves + props.delay.saturating_sub(earlier),
            None => leaves + props.delay,
        };
        Verdict::Send {
            due,
            copies: if dup { 2 } else { 1 },
            corrupt,
            held_back: reorder,
        }
    }
}

/// The two directions' generators for `seed`.
fn generators(seed: u64) -> [fastrand::Rng; 2] {
    [
        fastrand::Rng::with_seed(seed),
        fastrand::Rng::with_seed(seed ^ 0x9e37_79b9_7f4a_7c15),
    ]
}

fn chance(rng: &mut fastrand::Rng, p: f64) -> bool {
    let draw = rng.f64();
    p > 0.0 && draw < p
}

/// A uniform offset in ±`jitter` (and whether it is later), drawn always,
/// so jitter's setting does not move the other choices.
fn jitter(rng: &mut fastrand::Rng, jitter: Duration) -> Option<(Duration, bool)> {
    let draw = rng.f64();
    if jitter.is_zero() {
        return None;
    }
    let offset = jitter.mul_f64((draw * 2.0 - 1.0).abs());
    Some((offset, draw >= 0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn losses(seed: u64) -> Vec<bool> {
        let mut path = Path::default();
        path.set_seed(seed);
        path.props[0].loss = 0.3;
        let now = Instant::now();
        (0..200)
            .map(|_| path.judge(Dir::AtoB, 100, now) == Verdict::Lost)
            .collect()
    }

    #[test]
    fn a_seed_gives_the_same_losses_and_another_seed_others() {
        assert_eq!(losses(7), losses(7));
        assert_ne!(losses(7), losses(8));
        let lost = losses(7).iter().filter(|l| **l).count();
        assert!((30..90).contains(&lost), "{lost} of 200 at 30%");
    }

    #[test]
    fn the_rate_spaces_segments_and_the_queue_drops_its_tail() {
        let mut path = Path::default();
        path.props[0].rate = Some(1_000_000);
        path.props[0].queue = 3;
        let now = Instant::now();
        let dues: Vec<Verdict> = (0..5).map(|_| path.judge(Dir::AtoB, 1250, now)).collect();
        // 1250 bytes at 1 mbit: 10 ms each.
        let Verdict::Send { due, .. } = dues[2] else {
            panic!("{dues:?}")
        };
        assert_eq!(due - now, Duration::from_millis(30));
        // One on the line and three waiting: the fifth finds it full.
        assert!(matches!(dues[3], Verdict::Send { .. }));
        assert_eq!(dues[4], Verdict::QueueFull);
        assert_eq!(path.counters[0].queue_drops, 1);
        // Full: as many wait as the queue holds, never more.
        assert_eq!(path.depth(Dir::AtoB, now), 3);
        // At 15 ms the second is on the line; the third and fourth wait.
        assert_eq!(path.depth(Dir::AtoB, now + Duration::from_millis(15)), 2);
    }

    #[test]
    fn descriptions_read_as_typed() {
        let props = Props {
            delay: Duration::from_millis(50),
            jitter: Duration::from_millis(5),
            loss: 0.02,
            rate: Some(10_000_000),
            queue: 64,
            ..Props::default()
        };
        assert_eq!(
            props.describe(),
            "delay 50ms jitter 5ms, loss 2%, rate 10mbit queue 64"
        );
        assert_eq!(Props::default().describe(), "none");
        assert_eq!(show_rate(1_500_000), "1.5mbit");
        assert_eq!(show_percent(0.005), "0.5%");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(show_duration(Duration::from_secs(10)), "10s");
        assert_eq!(show_duration(Duration::from_micros(500)), "0.5ms");
    }
}
