//! `socklab play FILE`: the live demonstration. Shows each narration and
//! command, waits for Enter (or `--auto` time), runs the command for real
//! and shows the real output, state changes highlighted.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use colored::Colorize;

use super::check::DEFAULT_TIMEOUT;
use super::format::Transcript;
use super::lesson_env::LessonEnv;
use crate::runner::{Flow, Format, Runner};
use crate::safe_text::escape;
use crate::sandbox::Network;
use crate::session::Session;

/// How `play` moves on to the next command.
pub enum Pace<'a> {
    /// Wait for Enter on this reader.
    Enter(&'a mut dyn BufRead),
    /// Move on by itself after this long.
    Auto(Duration),
}

/// How a play ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Played {
    /// Every command ran (or the input ended); how many failed to run.
    Done(usize),
    /// Ctrl-C stopped it.
    Interrupted,
    /// The lesson's environment could not be made (see `lesson_env`).
    Refused(String),
}

/// Plays a transcript to `out` as a lesson: in an environment of its own
/// (`lesson_env`), its narration and commands shown with control characters
/// escaped. An `Err` is `out` failing.
pub fn play(
    transcript: &Transcript,
    pace: &mut Pace,
    out: &mut dyn Write,
    network: Network,
) -> io::Result<Played> {
    let _env = match LessonEnv::enter(network, transcript.unprivileged) {
        Ok(env) => env,
        Err(message) => return Ok(Played::Refused(message)),
    };
    if let Some(why) = super::check::unmet_need(transcript) {
        return Ok(Played::Refused(format!("this lesson {why}")));
    }
    let mut session = Session::new(Some(transcript.timeout.unwrap_or(DEFAULT_TIMEOUT)))?;
    session.confine();
    if let Some(encoding) = transcript.encoding {
        session.set_encoding(encoding);
    }
    let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
    if network == Network::Host {
        writeln!(
            out,
            "note: --host-net: this lesson runs in the host's network, where it can reach real services"
        )?;
    }
    for note in &transcript.notes {
        writeln!(out, "note: {}", escape(note))?;
    }
    for entry in &transcript.entries {
        narrate(out, &entry.narration)?;
        write!(out, "{} ", format!("> {}", escape(&entry.command)).bold())?;
        out.flush()?;
        match wait(pace)? {
            Next::Go => {}
            Next::End => {
                writeln!(out)?;
                break;
            }
            Next::Interrupted => {
                writeln!(out)?;
                writeln!(out, "interrupted (Ctrl-C): play stops here")?;
                out.flush()?;
                return Ok(Played::Interrupted);
            }
        }
        let start = runner.out().len();
        let flow = runner.run_line(&entry.command);
        out.write_all(&runner.out()[start..])?;
        if flow == Flow::Stop {
            break;
        }
    }
    narrate(out, &transcript.epilogue)?;
    out.flush()?;
    Ok(Played::Done(runner.failures))
}

/// Narration lines, dimmed and escaped: they come from the file.
fn narrate(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "{}", format!("# {}", escape(line)).italic().blue())?;
    }
    Ok(())
}

enum Next {
    Go,
    /// The input ended: stop playing.
    End,
    /// Ctrl-C while waiting: stop playing.
    Interrupted,
}

/// Waits for the next step: Enter, or the `--auto` delay.
fn wait(pace: &mut Pace) -> io::Result<Next> {
    let interrupted = || crate::sys::SIGINT_SEEN.swap(false, std::sync::atomic::Ordering::SeqCst);
    match pace {
        Pace::Enter(input) => {
            // read_line retries a read that a signal interrupted; fill_buf
            // does not, so Ctrl-C (whose handler has no SA_RESTART) is seen.
            loop {
                match input.fill_buf() {
                    Ok(_) => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        if interrupted() {
                            return Ok(Next::Interrupted);
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            let mut line = String::new();
            match input.read_line(&mut line)? {
                0 => Ok(Next::End),
                _ => Ok(Next::Go),
            }
        }
        Pace::Auto(delay) => {
            println!();
            // Pacing a live demonstration, not synchronisation: poll on no
            // fds, so Ctrl-C (EINTR) ends the wait at once.
            let ms = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
            match crate::sys::poll(&[], 0, ms) {
                Err(nix::errno::Errno::EINTR) if interrupted() => Ok(Next::Interrupted),
                _ => Ok(Next::Go),
            }
        }
    }
}
