//! What `diagram save` draws: while the wire view is on, the session's
//! calls and the segment and state lines they showed, kept in memory as a
//! transcript (the most recent steps, bounded), and drawn by `diagram`
//! exactly as `socklab diagram FILE` draws a recorded one.
//!
//! Owns: that record, and the verb. Does not own the pictures (`diagram`).

use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;

use super::Runner;
use crate::error::UsageError;
use crate::safe_file::Existing;
use crate::step::Step;

/// The most steps kept: a picture of more would be unreadable anyway.
const KEPT: usize = 5_000;

/// The steps shown while the wire view was on, as transcript entries.
#[derive(Default)]
pub(super) struct Sketch {
    entries: VecDeque<(String, Vec<String>)>,
    /// Steps let go (the oldest) to stay within KEPT.
    dropped: usize,
}

impl Sketch {
    /// Notes a shown step: its segments and state changes (with their time
    /// marks), under its line. A step with no wire view is not drawn; what
    /// came between steps goes under the step before it, where it happened.
    pub(super) fn note(&mut self, input: &str, step: &Step) {
        let Some(wire) = &step.wire else {
            return;
        };
        let mut lines = Vec::new();
        for segment in wire {
            lines.push(format!(
                "  {}{}",
                segment.text(step.encoding),
                mark(segment.when)
            ));
        }
        for change in &step.changes {
            lines.push(format!(
                "  {}{}",
                crate::render::text::state_line(change),
                mark(change.when)
            ));
        }
        if step.verb == "between" || step.job.is_some() {
            match self.entries.back_mut() {
                Some((_, earlier)) => earlier.extend(lines),
                None => self.entries.push_back((String::new(), lines)),
            }
            return;
        }
        self.entries.push_back((input.to_string(), lines));
        if self.entries.len() > KEPT {
            self.entries.pop_front();
            self.dropped += 1;
        }
    }

    /// The record as a transcript's text.
    fn text(&self) -> String {
        let mut text = String::new();
        for (command, lines) in &self.entries {
            if command.is_empty() {
                // What came before the first line kept: no command to hang it on.
                continue;
            }
            text.push_str("> ");
            text.push_str(command);
            text.push('\n');
            for line in lines {
                text.push_str(line);
                text.push('\n');
            }
        }
        text
    }
}

fn mark(when: Option<crate::clock::When>) -> String {
    when.and_then(|w| w.mark())
        .map_or(String::new(), |m| format!("  {m}"))
}

impl<W: Write> Runner<W> {
    /// `diagram save FILE [--force]`: the session so far as a picture, the
    /// format by FILE's extension.
    pub(super) fn diagram_save(&mut self, path: &str, force: bool) -> Step {
        let mut step = Step::new("diagram", None);
        match self.draw(path, force) {
            Ok(lines) => step.lines = lines.into_iter().map(crate::step::Line::Text).collect(),
            Err(error) => step.outcome = crate::step::Outcome::Usage(error),
        }
        step
    }

    fn draw(&self, path: &str, force: bool) -> Result<Vec<String>, UsageError> {
        let shown = crate::safe_text::escape(path).into_owned();
        if self.session.is_confined() {
            return Err(UsageError::new(
                "a lesson may not write files: diagram save is refused in socklab test and \
                 play — to draw a lesson, run: socklab diagram LESSON -o FILE.svg",
            ));
        }
        let extension = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let transcript = crate::transcript_format::parse(&self.sketch.text())
            .map_err(|e| UsageError::new(format!("cannot draw the session: {e}")))?;
        let segments = crate::diagram::events(&transcript)
            .iter()
            .filter(|e| matches!(e, crate::diagram::Event::Segment { .. }))
            .count();
        if segments == 0 {
            return Err(UsageError::new(
                "nothing to draw yet: no segment was shown — turn the wire view on (wire on, \
                 wire ladder, or socklab --lab), make some calls, then diagram save FILE.svg",
            ));
        }
        let title = "socklab session";
        let picture = match extension.as_deref() {
            Some("svg") => crate::diagram::svg(&transcript, title),
            Some("html" | "htm") => crate::diagram::html(&transcript, title),
            Some("txt") => crate::diagram::ladder(&transcript, 100, false),
            Some("mmd" | "mermaid") => crate::diagram::mermaid(&transcript, title),
            _ => {
                return Err(UsageError::new(format!(
                    "'{shown}': say which picture by the file's extension: .svg (slides), \
                     .html (a page to print), .txt (a terminal), .mmd (mermaid)"
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
                UsageError::new(format!(
                    "cannot write '{shown}': {}",
                    crate::error::io_reason(&e)
                ))
            })?;
        let mut lines = vec![format!(
            "saved the session as a ladder of {segments} segments to {shown}"
        )];
        if self.sketch.dropped > 0 {
            lines.push(format!(
                "  (the {} oldest steps were let go: the picture keeps the last {KEPT})",
                self.sketch.dropped
            ));
        }
        Ok(lines)
    }
}
