//! What a `sample` keeps of its readings until its step is shown: every
//! one (for JSON and a saved file), or the text table's first and last
//! rows and a count of those between; and what each costs the session's
//! memory budget. Not the readings (`reading`) nor the schedule.

use super::reading::Reading;

/// Rows the text table shows from the start, and from the end.
pub const SHOWN_HEAD: usize = 500;
pub const SHOWN_TAIL: usize = 500;

/// The readings a `sample` keeps: every one, or the table's first and
/// last rows and a count of those between.
pub struct Kept {
    every: bool,
    first: Vec<Reading>,
    last: std::collections::VecDeque<Reading>,
    pub count: usize,
}

impl Kept {
    pub fn new(every: bool) -> Kept {
        Kept {
            every,
            first: Vec::new(),
            last: Default::default(),
            count: 0,
        }
    }

    /// Whether the next reading makes what is kept bigger.
    pub fn grows(&self) -> bool {
        self.every || self.first.len() < SHOWN_HEAD || self.last.len() < SHOWN_TAIL
    }

    pub fn push(&mut self, reading: Reading) {
        self.count += 1;
        if self.every || self.first.len() < SHOWN_HEAD {
            self.first.push(reading);
            return;
        }
        if self.last.len() == SHOWN_TAIL {
            self.last.pop_front();
        }
        self.last.push_back(reading);
    }

    /// Every reading kept, in order.
    pub fn all(&self) -> Vec<Reading> {
        self.first.iter().chain(&self.last).cloned().collect()
    }
}

/// What one reading keeps until its step is shown: the reading, its row
/// of text and, for JSON, its object (measured: about 700 bytes).
pub fn reading_cost(structured: bool) -> usize {
    std::mem::size_of::<Reading>() + 128 + if structured { 768 } else { 0 }
}
