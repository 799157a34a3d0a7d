//! What `diagram save` draws: while the wire view is on, the session's
//! calls and the segments and state changes their steps showed, kept in
//! memory as the picture's events (the most recent steps, bounded), made
//! from the steps' typed data — no text between — and drawn by `diagram`
//! as `socklab diagram FILE` draws a recording of the same session.
//!
//! Owns: that record, and the verb. Does not own the events or the
//! pictures (`diagram`).

use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;

use super::Runner;
use crate::diagram::{Entry, Event};
use crate::error::UsageError;
use crate::safe_file::Existing;
use crate::step::{Line, Outcome, Saved, Step};

/// The most steps kept: a picture of more would be unreadable anyway.
const KEPT: usize = 5_000;

/// The steps shown while the wire view was on, an entry per line.
#[derive(Default)]
pub(super) struct Sketch {
    entries: VecDeque<Entry>,
    /// Steps let go (the oldest) to stay within KEPT.
    dropped: usize,
}

impl Sketch {
    /// Notes a shown step: its segments and state changes (with their
    /// times), under its line. A step with no wire view is not drawn; what
    /// came between steps goes under the step before it, where it happened;
    /// a line that never reached the kernel (a usage error) is no call, so
    /// only what came with it is drawn.
    pub(super) fn note(&mut self, input: &str, step: &Step) {
        if step.wire.is_none() {
            return;
        }
        if step.verb == "between" || step.job.is_some() {
            match self.entries.back_mut() {
                Some(earlier) => earlier.add_step(step),
                // Before the first line kept: no command to hang it on, so
                // an entry with none, never drawn.
                None => self.entries.push_back(Entry::new("")),
            }
            return;
        }
        let mut entry = match step.outcome {
            Outcome::Usage(_) => Entry::usage_error(input),
            _ => Entry::new(input),
        };
        entry.add_step(step);
        self.entries.push_back(entry);
        if self.entries.len() > KEPT {
            self.entries.pop_front();
            self.dropped += 1;
        }
    }

    /// The entries drawn: not the one with no command.
    fn drawn(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.command().is_empty())
    }

    /// The record as the picture's events.
    fn events(&self) -> Vec<Event> {
        self.drawn().flat_map(Entry::events).collect()
    }
}

impl<W: Write> Runner<W> {
    /// `diagram save FILE [--force]`: the session so far as a picture, the
    /// format by FILE's extension.
    pub(super) fn diagram_save(&mut self, path: &str, force: bool) -> Step {
        let mut step = Step::new("diagram", None);
        match self.draw(path, force) {
            Ok(lines) => step.lines = lines,
            Err(error) => step.outcome = Outcome::Usage(error),
        }
        step
    }

    fn draw(&self, path: &str, force: bool) -> Result<Vec<Line>, UsageError> {
        let shown = crate::safe_text::escape(path).into_owned();
        if self.session.is_confined() {
            return Err(UsageError::new(crate::worded!("runner-diagram-confined")));
        }
        let extension = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let segments: usize = self.sketch.drawn().map(Entry::segments).sum();
        if segments == 0 {
            return Err(UsageError::new(crate::worded!("runner-diagram-nothing")));
        }
        let title = crate::t!("diagram-session-title");
        let title = title.as_str();
        let events = self.sketch.events();
        let picture = match extension.as_deref() {
            Some("svg") => crate::diagram::svg_of(&events, title),
            Some("html" | "htm") => crate::diagram::html_of(&events, title),
            Some("txt") => crate::diagram::ladder_of(&events, 100, false),
            Some("mmd" | "mermaid") => crate::diagram::mermaid_of(&events, title),
            _ => {
                return Err(UsageError::new(crate::worded!(
                    "runner-diagram-extension",
                    file = shown.as_str()
                )));
            }
        };
        let existing = match force {
            true => Existing::Replace,
            false => Existing::Refuse,
        };
        crate::safe_file::create(Path::new(path), existing)
            .and_then(|mut file| file.write_all(picture.as_bytes()))
            .map_err(|e| {
                UsageError::new(crate::worded!(
                    "runner-cannot-write",
                    file = shown.as_str(),
                    reason = crate::error::io_reason(&e)
                ))
            })?;
        let mut lines = vec![Line::Saved(Saved::Session {
            segments,
            path: path.to_string(),
        })];
        if self.sketch.dropped > 0 {
            lines.push(Line::Saved(Saved::StepsLetGo {
                dropped: self.sketch.dropped,
                kept: KEPT,
            }));
        }
        Ok(lines)
    }
}
