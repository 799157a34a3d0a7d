//! What `export python|c FILE` writes: the session's lines and their
//! output, kept in memory as they are shown (as `record` would write them,
//! without colour), and read by `crate::export` into a program — the same
//! reader `socklab export` uses for a transcript, so one exporter serves
//! both.
//!
//! Owns: that log, its bound, and the verb. Not the programs (`export`).

use std::io::Write;
use std::path::Path;

use super::Runner;
use crate::error::UsageError;
use crate::export::Language;
use crate::safe_file::Existing;
use crate::step::{Line, Outcome, Saved, Step};

/// The most lines kept: a program of more would be unreadable anyway.
const KEPT: usize = 5_000;
/// The most bytes of output kept.
const KEPT_BYTES: usize = 16 << 20;

/// The session's lines so far, as a transcript's text.
#[derive(Default)]
pub(super) struct ExportLog {
    /// The directives (encoding, timeout) as the session began, and the entries.
    text: String,
    lines: usize,
    /// Lines not kept once the log was full.
    cut: bool,
    started: bool,
}

impl<W: Write> Runner<W> {
    /// Keeps the step just rendered (`input`: its line; None: output that
    /// continues the last line's, a background result).
    pub(super) fn keep_for_export(&mut self, input: Option<&str>) {
        if self.format != super::Format::Text || self.session.is_confined() {
            return;
        }
        let log = &mut self.export_log;
        if log.cut {
            return;
        }
        if !log.started {
            log.started = true;
            log.text = crate::transcript_format::directives(
                self.session.lab().is_some(),
                self.session.encoding(),
                self.session.timeout(),
            )
            .iter()
            .map(|d| format!("{d}\n"))
            .collect();
        }
        if log.lines >= KEPT || log.text.len() + self.rendered.len() > KEPT_BYTES {
            log.cut = true;
            return;
        }
        if let Some(input) = input {
            log.lines += 1;
            log.text.push_str("> ");
            log.text.push_str(input);
            log.text.push('\n');
        }
        let text = String::from_utf8_lossy(super::in_english(&self.rendered, &self.english));
        log.text
            .push_str(&crate::render::wrap::strip_escapes(&text));
        if !log.text.ends_with('\n') {
            log.text.push('\n');
        }
    }

    /// `export python|c FILE [--force]`: the session so far as a program.
    pub(super) fn export_program(&mut self, language: Language, path: &str, force: bool) -> Step {
        let mut step = Step::new("export", None);
        match self.write_program(language, path, force) {
            Ok(lines) => step.lines = lines,
            Err(error) => step.outcome = Outcome::Usage(error),
        }
        step
    }

    fn write_program(
        &self,
        language: Language,
        path: &str,
        force: bool,
    ) -> Result<Vec<Line>, UsageError> {
        let shown = crate::safe_text::escape(path).into_owned();
        if self.session.is_confined() {
            return Err(UsageError::new(crate::worded!("runner-export-confined")));
        }
        if self.format != super::Format::Text {
            return Err(UsageError::new(crate::worded!("runner-export-json")));
        }
        let log = &self.export_log;
        let mut text = log.text.clone();
        // Lines named like a recording's ([PORT1], [FD1]): what the reader takes.
        text = name_values(&text);
        let mut program = crate::export::from_transcript(&text, &crate::t!("export-this-session"))
            .map_err(|_| UsageError::new(crate::worded!("runner-export-nothing")))?;
        // A session's steps are counted from its first line.
        for (number, step) in program.steps.iter_mut().enumerate() {
            step.line = number + 1;
        }
        let source = crate::export::write(&program, language);
        let existing = match force {
            true => Existing::Replace,
            false => Existing::Refuse,
        };
        crate::safe_file::create(Path::new(path), existing)
            .and_then(|mut file| file.write_all(source.as_bytes()))
            .map_err(|e| {
                UsageError::new(crate::worded!(
                    "runner-cannot-write",
                    file = shown.as_str(),
                    reason = crate::error::io_reason(&e)
                ))
            })?;
        let mut lines = vec![Line::Saved(Saved::Program {
            language: match language {
                Language::C => "C",
                _ => "Python",
            },
            lines: program.steps.len(),
            path: path.to_string(),
        })];
        if log.cut {
            lines.push(Line::Saved(Saved::ProgramCut { kept: KEPT }));
        }
        Ok(lines)
    }
}

/// The log with ephemeral ports and fds named as a recording names them.
fn name_values(text: &str) -> String {
    let mut namer = crate::transcript_format::normalize::Namer::recording();
    let mut out = String::new();
    let mut pending: Vec<String> = Vec::new();
    let flush = |namer: &mut crate::transcript_format::normalize::Namer,
                 pending: &mut Vec<String>,
                 out: &mut String| {
        for line in namer.normalize(pending) {
            out.push_str(&line);
            out.push('\n');
        }
        pending.clear();
    };
    for line in text.lines() {
        if let Some(command) = line.strip_prefix("> ") {
            flush(&mut namer, &mut pending, &mut out);
            namer.note_command(command);
            out.push_str(line);
            out.push('\n');
        } else if line.starts_with("#!") && pending.is_empty() {
            out.push_str(line);
            out.push('\n');
        } else {
            pending.push(line.to_string());
        }
    }
    flush(&mut namer, &mut pending, &mut out);
    out
}
