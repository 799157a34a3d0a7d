//! The session's acts on the link: hold, arm a one-shot action, set the
//! path's properties and seed, pull a cable, list and release what is
//! held, and ask what the link is doing.
//!
//! Owns: those methods of `Relay`. What they change is `state`'s; what
//! then happens to frames, `policy`'s.

use std::collections::VecDeque;
use std::sync::MutexGuard;
use std::time::Instant;

use super::io::send;
use super::policy::{Fate, Next};
use super::state::{Crossing, LOG_SNAP, State, frame_cost, lock};
use super::{Dir, NoFastPath, Relay};
use crate::lab::held::{HeldFrame, Listed};
use crate::lab::kernel_path::KernelPath;
use crate::lab::path::{Counters, Props};
use crate::lab::taps::Taps;

impl Relay {
    /// Holds (true) or passes frames in the given directions.
    pub fn set_hold(&self, dirs: &[Dir], hold: bool) {
        let mut state = lock(&self.state.0);
        for dir in dirs {
            state.hold[dir.index()] = hold;
        }
        self.changed(state);
    }

    /// After a change to the link: frames go to the relay from the next
    /// one on if it is more than a plain wire now, and the relay looks
    /// again (it takes the kernel's path back when it is plain and quiet).
    fn changed(&self, mut state: MutexGuard<'_, State>) {
        state.leave_fast_path();
        drop(state);
        let _ = self.wake.write(1);
    }

    /// How many frames the kernel path's ring had no room for, so the relay
    /// never saw them: (passed by the kernel unrecorded, dropped); None
    /// without a kernel path.
    pub fn unrecorded(&self) -> Option<(u32, u32)> {
        lock(&self.state.0)
            .kernel
            .as_ref()
            .map(KernelPath::unrecorded)
    }

    /// Whether frames cross in the kernel now; or why the lab has no such
    /// path (`link`'s JSON says).
    pub fn fast_path(&self) -> Result<bool, NoFastPath> {
        match &self.no_fast_path {
            Some(why) => Err(why.clone()),
            None => Ok(lock(&self.state.0).fast),
        }
    }

    /// Frames to or from the host that sends in `dir` are lost (its cable
    /// is pulled) — its own never reach the relay; these are those for it.
    pub fn set_down(&self, sender: Dir, down: bool) {
        let toward = match sender {
            Dir::AtoB => Dir::BtoA,
            Dir::BtoA => Dir::AtoB,
        };
        let host = sender.index();
        let traffic = self.taps.as_ref().map(Taps::traffic).unwrap_or_default();
        let mut state = lock(&self.state.0);
        state.far_end_down[toward.index()] = down;
        state.host_down[host] = down;
        if !down {
            // What it sent while its cable was out never reached the relay.
            state.sent_base[host] = traffic[host].sent.saturating_sub(state.read[host]);
        }
        self.changed(state);
    }

    /// Changes the properties of the given directions.
    pub fn set_props(&self, dirs: &[Dir], change: impl Fn(&mut Props)) {
        let mut state = lock(&self.state.0);
        for dir in dirs {
            change(&mut state.path.props[dir.index()]);
        }
        // (The relay's next wait is computed afresh, too.)
        self.changed(state);
    }

    /// Restarts every random choice of the path from `seed`.
    pub fn set_seed(&self, seed: u64) {
        lock(&self.state.0).path.set_seed(seed);
    }

    /// Both directions' properties, counters and queue depth, and the seed.
    pub fn path(&self) -> ([Props; 2], [Counters; 2], [usize; 2], u64) {
        let mut state = lock(&self.state.0);
        let now = Instant::now();
        let depth = [
            state.path.depth(Dir::AtoB, now),
            state.path.depth(Dir::BtoA, now),
        ];
        let path = &state.path;
        (
            path.props.clone(),
            path.counters.clone(),
            depth,
            path.seed(),
        )
    }

    pub fn holding(&self) -> [bool; 2] {
        lock(&self.state.0).hold
    }

    /// Arms a one-shot action on the next frame in `dir` (None: either way).
    pub fn arm(&self, dir: Option<Dir>, action: Next) {
        let mut state = lock(&self.state.0);
        state.next.push((dir, action));
        self.changed(state);
    }

    /// Whether a segment was ever held by hand on this link.
    pub fn held_ever(&self) -> bool {
        lock(&self.state.0).held.ever()
    }

    /// The held entries, in order, for `link` to list.
    pub fn held(&self) -> Vec<Listed> {
        lock(&self.state.0)
            .held
            .queue
            .iter()
            .map(|h| {
                let frame = h.newest();
                Listed {
                    number: h.number,
                    dir: h.dir,
                    start: frame[..frame.len().min(LOG_SNAP)].to_vec(),
                    length: frame.len(),
                    sent: h.sent,
                    again: h.again_at(),
                    delivered: h.delivered,
                }
            })
            .collect()
    }

    /// The held entries, in order: each one's number, and whether it was
    /// delivered already (only copies of it wait).
    pub fn held_numbers(&self) -> Vec<(u32, bool)> {
        lock(&self.state.0)
            .held
            .queue
            .iter()
            .map(|h| (h.number, h.delivered))
            .collect()
    }

    /// Delivers (or drops) the held entries chosen by `pick` from the
    /// queue; returns their numbers. An entry delivered hands over its
    /// newest copy, or with `copies` every copy in the order they were
    /// sent; dropped, all of them go. Delivering waits for what they cause.
    pub fn release(
        &self,
        pick: impl FnOnce(&VecDeque<HeldFrame>) -> Vec<u32>,
        deliver: bool,
        copies: bool,
    ) -> Vec<u32> {
        let taken = self.take_held(pick, deliver);
        // One at a time, each one's answer in before the next goes: what
        // they cause shows in the order they were delivered.
        for entry in &taken {
            let frames: Vec<&[u8]> = match (deliver, copies) {
                (true, true) => entry.frames.iter().map(|(_, f)| f.as_slice()).collect(),
                _ => vec![entry.newest()],
            };
            for frame in frames {
                self.log_release(entry, frame, deliver);
                if deliver {
                    self.hand_over(entry.dir, frame);
                }
            }
        }
        self.changed(lock(&self.state.0));
        taken.iter().map(|f| f.number).collect()
    }

    /// Takes the entries `pick` chooses out of the held queue (to deliver
    /// or drop); what they kept goes back to the budget.
    fn take_held(
        &self,
        pick: impl FnOnce(&VecDeque<HeldFrame>) -> Vec<u32>,
        deliver: bool,
    ) -> Vec<HeldFrame> {
        let mut state = lock(&self.state.0);
        let numbers = pick(&state.held.queue);
        let taken: Vec<HeldFrame> = numbers
            .iter()
            .filter_map(|number| state.held.take(*number, deliver))
            .collect();
        let cost = taken
            .iter()
            .flat_map(|h| &h.frames)
            .map(|(_, f)| frame_cost(f))
            .sum();
        state.give(cost);
        taken
    }

    /// Counts and logs one frame of a held entry, delivered or dropped by
    /// hand (logged, not counted as a crossing `await link` waits for).
    fn log_release(&self, entry: &HeldFrame, frame: &[u8], deliver: bool) {
        let fate = if deliver {
            Fate::Delivered(entry.number)
        } else {
            Fate::Dropped(Some(entry.number))
        };
        let mut state = lock(&self.state.0);
        if deliver {
            state.count_passed(entry.dir, frame.len());
        } else {
            state.path.counters[entry.dir.index()].hand_drops += entry.frames.len() as u64;
        }
        state.log_crossing(Crossing {
            at: self.started.elapsed(),
            dir: entry.dir,
            length: frame.len(),
            frame: frame[..frame.len().min(LOG_SNAP)].to_vec(),
            fate,
        });
    }

    /// Sends a frame delivered by hand, and waits for what it causes.
    fn hand_over(&self, dir: Dir, frame: &[u8]) {
        if let Some(sides) = &self.sides
            && send(sides, dir, frame)
        {
            lock(&self.state.0).delivered[dir.index()] += 1;
        }
        self.sync();
    }
}
