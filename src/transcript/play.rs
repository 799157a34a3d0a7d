//! `socklab play FILE`: the live demonstration. Shows each narration and
//! command, waits for Enter (or `--auto` time), runs the command for real
//! and shows the real output, state changes highlighted.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use colored::Colorize;

use super::check::DEFAULT_TIMEOUT;
use super::format::Transcript;
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

/// How `play` moves on to the next command.
pub enum Pace<'a> {
    /// Wait for Enter on this reader.
    Enter(&'a mut dyn BufRead),
    /// Move on by itself after this long.
    Auto(Duration),
}

/// Plays a transcript to `out`; returns how many commands failed to run.
pub fn play(transcript: &Transcript, pace: &mut Pace, out: &mut dyn Write) -> io::Result<usize> {
    let session = Session::new(Some(transcript.timeout.unwrap_or(DEFAULT_TIMEOUT)))?;
    let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
    for entry in &transcript.entries {
        for line in &entry.narration {
            writeln!(out, "{}", format!("# {line}").italic().blue())?;
        }
        write!(out, "{} ", format!("> {}", entry.command).bold())?;
        out.flush()?;
        if !wait(pace)? {
            writeln!(out)?;
            break;
        }
        let start = runner.out().len();
        let flow = runner.run_line(&entry.command);
        out.write_all(&runner.out()[start..])?;
        if flow == Flow::Stop {
            break;
        }
    }
    for line in &transcript.epilogue {
        writeln!(out, "{}", format!("# {line}").italic().blue())?;
    }
    out.flush()?;
    Ok(runner.failures)
}

/// Waits for the next step; false when the input has ended (stop playing).
fn wait(pace: &mut Pace) -> io::Result<bool> {
    match pace {
        Pace::Enter(input) => {
            let mut line = String::new();
            Ok(input.read_line(&mut line)? > 0)
        }
        Pace::Auto(delay) => {
            println!();
            std::thread::sleep(*delay); // pacing a live demonstration, not synchronisation
            Ok(true)
        }
    }
}
