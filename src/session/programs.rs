//! The session's side of the programs `spawn` starts: where they start
//! (socklab's own network, or a lab host's), and what they wrote and how
//! they ended, as a step's lines.
//!
//! Owns: starting one in the right namespace, and turning `spawn::Event`s
//! into `step::Line`s in the session's encoding. The processes themselves
//! are `spawn`'s.

use std::io;

use nix::sys::signal::Signal;

use super::Session;
use crate::error::UsageError;
use crate::lab::Host;
use crate::spawn::{Event, Exit, Programs};
use crate::step::{Line, ProgramEnd, Step};

impl Session {
    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    /// Starts `argv` as program `name` (or one made from the program's
    /// name) in `host`'s network in the lab, else in socklab's own. A
    /// lesson may not: it is data, not a program.
    pub fn start_program(
        &mut self,
        host: Option<Host>,
        name: Option<&str>,
        argv: Vec<Vec<u8>>,
    ) -> Result<Line, UsageError> {
        if self.is_confined() {
            return Err(UsageError::new(
                "a lesson may not start programs (it is data, not a program): spawn works in the shell and in socklab run",
            ));
        }
        let host = host.or(self.default_host());
        if host.is_some() {
            self.require_lab()?;
        }
        let lab = self.lab.lab();
        let program = self
            .programs
            .start(name, argv, |command| match (lab, host) {
                (Some(lab), Some(host)) => lab
                    .within(host, || command.spawn())
                    .map_err(io::Error::other)?,
                _ => command.spawn(),
            })
            .map_err(|e| UsageError::new(e.to_string()))?;
        Ok(Line::ProgramStarted {
            name: program.name.clone(),
            pid: program.pid,
            what: shown_argv(&program.argv),
        })
    }

    /// Sends `signal` to program `name`'s process group.
    pub fn signal_program(&mut self, name: &str, signal: Signal) -> Result<Line, UsageError> {
        self.programs
            .signal(name, signal)
            .map_err(|e| UsageError::new(e.to_string()))?;
        Ok(Line::ProgramSignalled {
            name: name.to_string(),
            signal: signal.as_str(),
        })
    }

    /// How program `name` ended, if it has and its end was shown.
    pub fn program_ended(&self, name: &str) -> Option<Line> {
        let exit = self.programs.ended(name)?;
        Some(Line::ProgramEnded {
            name: name.to_string(),
            end: program_end(exit),
        })
    }

    /// `jobs`' rows for the programs.
    pub fn program_rows(&self) -> Vec<Line> {
        self.programs
            .list()
            .iter()
            .map(|program| Line::Program {
                name: program.name.clone(),
                pid: program.pid,
                what: shown_argv(&program.argv),
            })
            .collect()
    }

    /// What the programs wrote and which ended since the last look, as
    /// lines of `step`; whether there were any.
    pub(super) fn program_lines(&mut self, step: &mut Step) -> bool {
        if self.programs.is_empty() {
            return false;
        }
        let events = self.programs.drain();
        let any = !events.is_empty();
        for event in events {
            step.lines.push(match event {
                Event::Output { name, line } => Line::ProgramOutput {
                    name,
                    text: shown_output(&line, self.manners.encoding),
                },
                Event::Exited { name, exit } => Line::ProgramEnded {
                    name,
                    end: program_end(exit),
                },
            });
        }
        any
    }
}

/// How a program ended, as a line says it.
pub fn program_end(exit: Exit) -> ProgramEnd {
    match exit {
        Exit::Code(code) => ProgramEnd::Exited(code),
        Exit::Signal(signal) => {
            ProgramEnd::Killed(Signal::try_from(signal).map_or("a signal", Signal::as_str))
        }
    }
}

/// A command line as shown: each argument escaped, quoted when it holds
/// a space or is empty.
fn shown_argv(argv: &[Vec<u8>]) -> String {
    let words: Vec<String> = argv
        .iter()
        .map(|arg| {
            let text = crate::safe_text::escape_bytes(arg);
            match text.is_empty() || text.contains(' ') {
                true => format!("\"{text}\""),
                false => text,
            }
        })
        .collect();
    words.join(" ")
}

/// A line of a program's output as text in the session's encoding, with
/// control characters (and bytes that are not text) escaped.
fn shown_output(line: &[u8], encoding: &'static crate::encoding::Encoding) -> String {
    let mut out = String::new();
    let _ = crate::encoding::write_escaped(line, encoding, &mut out, |text, out| {
        out.write_str(&crate::safe_text::escape(text))
    });
    out
}
