//! `lessons` and `play` from the shell: the runner asks a `Shelf` for the
//! lessons, which the shell hands it (the library and `socklab play` live
//! above the runner, in `transcript::shelf`). A runner with no shelf — a
//! lesson's own — refuses both.

use std::io::Write;

use super::Runner;
use crate::error::UsageError;
use crate::step::{LessonEnd, Line, Step};

/// Where `lessons` and `play` find the lessons.
pub trait Shelf: Send {
    /// `lessons`: the listing, by group.
    fn listing(&self) -> Vec<String>;
    /// `play NAME`: the lesson NAME picks out (its whole name, or the
    /// file), or why it cannot be played here.
    fn find(&self, name: &str) -> Result<String, UsageError>;
    /// Plays it at the terminal, in a process and a private network of its
    /// own; says how it ended.
    fn play(&mut self, lesson: &str) -> LessonEnd;
}

impl<W: Write> Runner<W> {
    /// Hands the runner the lessons (the shell does; a script too, where
    /// `play` is refused).
    pub fn set_shelf(&mut self, shelf: Box<dyn Shelf>) {
        self.shelf = Some(shelf);
    }

    /// `lessons`: the listing as the step's lines.
    pub(super) fn list_lessons(&mut self) -> Step {
        let Some(shelf) = &self.shelf else {
            return Step::usage("lessons", not_here());
        };
        let mut step = Step::new("lessons", None);
        step.lines = shelf.listing().into_iter().map(Line::Text).collect();
        step
    }

    /// `play NAME`: what came so far is shown first, then the lesson takes
    /// the terminal; the step says how it ended.
    pub(super) fn play_lesson(&mut self, name: &str) -> Step {
        let found = match &self.shelf {
            None => Err(not_here()),
            Some(shelf) => shelf.find(name),
        };
        let lesson = match found {
            Ok(lesson) => lesson,
            Err(error) => return Step::usage("play", error),
        };
        let _ = self.flush_out();
        let Some(shelf) = self.shelf.as_mut() else {
            return Step::usage("play", not_here());
        };
        let ended = shelf.play(&lesson);
        // A Ctrl-C that stopped the lesson reached this process too: it
        // interrupted nothing here.
        crate::sys::SIGINT_SEEN.store(false, std::sync::atomic::Ordering::SeqCst);
        let mut step = Step::new("play", None);
        step.lines.push(Line::LessonEnded { lesson, ended });
        step
    }
}

fn not_here() -> UsageError {
    UsageError::new(crate::worded!("runner-lessons-not-here"))
}
