//! The session's steps in time: when the session started and where each
//! step's call began and ended (`clock`), what moved between steps and
//! waits to be shown with the next one, whether the session waited for its
//! driver since the last step, and how many steps moved anything.
//!
//! Its invariants: what is kept between steps was read before the current
//! step's call and is taken out (once) by the step that shows it; `moves`
//! only grows. Which states and segments to read is `states`'.

use crate::clock::{Clock, When};
use crate::step::StateChange;
use crate::wire::Segment;

#[derive(Default)]
pub(super) struct Timeline {
    /// When the session started, and its steps' bounds (see `clock`).
    pub(super) clock: Clock,
    /// State changes read before the current step's call: they happened
    /// between steps.
    pub(super) between_changes: Vec<StateChange>,
    /// Segments read before the current step's call: between steps too.
    pub(super) between_segments: Vec<Segment>,
    /// Segments read during the current step's call (`await wire`), placed
    /// in the step; shown with the step's own.
    pub(super) step_segments: Vec<Segment>,
    /// The session waited for its driver since the last step.
    waited: bool,
    /// Moved by every step, event and look between steps but the quiet
    /// ones (`states::nothing_moved`): part of `names_epoch`.
    moves: u64,
}

impl Timeline {
    /// The session waited for its next line (see `Session::begin_step`).
    pub(super) fn note_waited(&mut self) {
        self.waited = true;
    }

    /// Whether the session waited since this was last asked.
    #[inline]
    pub(super) fn take_waited(&mut self) -> bool {
        std::mem::take(&mut self.waited)
    }

    /// Something may have moved: names, held connections, the encoding.
    #[inline]
    pub(super) fn moved(&mut self) {
        self.moves += 1;
    }

    pub(super) fn moves(&self) -> u64 {
        self.moves
    }

    /// Changes read now, between steps: each not timed yet is timed now.
    pub(super) fn keep_between(&mut self, mut changes: Vec<StateChange>) {
        let when = self.clock.between_now();
        for change in changes.iter_mut().filter(|c| c.when.is_none()) {
            change.when = Some(when);
        }
        self.between_changes.extend(changes);
    }

    /// Segments read now, between steps, placed so.
    pub(super) fn keep_between_segments(&mut self, mut segments: Vec<Segment>) {
        for segment in &mut segments {
            segment.when = segment.when.map(|w| self.clock.between(w.t));
        }
        self.between_segments.extend(segments);
    }

    /// The time of a held connection's move that the sampler saw (`live`):
    /// between steps, when it was seen (at most `LOOK_EVERY` late), which
    /// placing leaves (`When::seen_live`). Else None: it is timed as read
    /// now. Within a step a held connection is shown as a read finds it,
    /// one move per step as any handle is — and so is one seen before
    /// this step began that no look before the call took (the session did
    /// not wait: a script runs straight on, and what it shows must not
    /// depend on the machine's load).
    pub(super) fn seen_when(
        &self,
        at: std::time::Instant,
        live: bool,
        between: bool,
    ) -> Option<When> {
        (live && between).then(|| self.clock.between(self.clock.at(at)).seen_live())
    }
}
