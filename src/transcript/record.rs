//! `socklab record FILE`: run commands and write them, with what socklab
//! printed, as a transcript that `socklab test` passes at once — with the
//! directives the session needs to be the same again (`#! lab`, its
//! encoding and timeout), which `record FILE` in a session writes too.

use std::io::{self, BufRead, Write};

use super::normalize::Namer;
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;
use crate::transcript_format::DEFAULT_TIMEOUT;
pub use crate::transcript_format::directives;

/// Why a recording stopped early.
#[derive(Debug)]
pub enum Failure {
    /// The commands could not be read.
    Input(io::Error),
    /// The transcript could not be written.
    Transcript(io::Error),
    /// The session could not start.
    Start(io::Error),
}

/// What a recording's session starts with (from socklab's flags).
#[derive(Clone, Copy, Debug)]
pub struct Setup {
    pub encoding: &'static crate::encoding::Encoding,
    /// `--timeout`: instead of the 5 s a transcript's calls get (a
    /// `#! timeout:` line in the input wins).
    pub timeout: Option<std::time::Duration>,
    /// `--wire`: the wire view on from the start.
    pub wire: bool,
    /// `--lab`: the session runs in a network lab (the transcript says
    /// `#! lab`).
    pub lab: bool,
    /// The transcript's file (device, inode), which `source` refuses.
    pub writes: Option<(u64, u64)>,
}

/// Records the lines of `input` into `out` (`#` lines and blank lines are
/// kept as they are), each entry written as soon as its step is done; also
/// shows each step on `echo` — while it can: a closed or full `echo` stops
/// the showing, not the recording.
pub fn record(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: &mut dyn Write,
    setup: Setup,
) -> Result<usize, Failure> {
    let encoding = setup.encoding;
    let mut lab = setup.lab;
    // `--wire` is recorded as the transcript's first command, so that the
    // replay turns the wire view on too.
    let first: &[u8] = if setup.wire { b"wire on\n" } else { b"" };
    let mut input = io::Read::chain(first, input);
    let input: &mut dyn BufRead = &mut input;
    let mut echoing = true;
    // The replay must be the same session: in a lab, in the same encoding,
    // its calls bounded alike.
    let flagged = setup.timeout.filter(|t| !t.is_zero());
    for directive in directives(lab, encoding, flagged) {
        writeln!(out, "{directive}").map_err(Failure::Transcript)?;
    }
    let mut runner: Option<Runner<Vec<u8>>> = None;
    let mut timeout = setup
        .timeout
        .filter(|t| !t.is_zero())
        .unwrap_or(DEFAULT_TIMEOUT);
    let mut namer = Namer::recording();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(Failure::Input)? == 0 {
            break;
        }
        let command = line.trim_end_matches(['\n', '\r']);
        if command.trim().is_empty() || command.trim_start().starts_with('#') {
            if let Some(value) = command.trim_start().strip_prefix("#! timeout:") {
                timeout = crate::duration::parse(value.trim()).unwrap_or(timeout);
            }
            if command.trim() == "#! lab" {
                if lab && runner.is_none() {
                    continue; // written already (--lab)
                }
                lab = true;
            }
            writeln!(out, "{}", command.trim_start()).map_err(Failure::Transcript)?;
            continue;
        }
        namer.note_command(command);
        // The session starts at the first command, so `#! timeout:` above it counts.
        let runner = match &mut runner {
            Some(runner) => runner,
            None => {
                let mut session = Session::new(Some(timeout)).map_err(Failure::Start)?;
                session.set_encoding(encoding);
                if lab {
                    session
                        .start_lab()
                        .map_err(|e| Failure::Start(io::Error::other(e)))?;
                }

                let runner =
                    runner.insert(Runner::new(session, Vec::new(), Format::Text, false, false));
                if let Some(identity) = setup.writes {
                    runner.writing(identity);
                }
                runner
            }
        };
        // A transcript is written in English, whatever language socklab
        // speaks: `socklab test` compares in English.
        let flow = crate::i18n::in_english(|| runner.run_line(command));
        let text = String::from_utf8_lossy(runner.out()).into_owned();
        runner.out().clear();
        let raw: Vec<String> = text.lines().map(str::to_string).collect();
        let mut entry = format!("> {command}\n");
        for output in namer.normalize(&raw) {
            entry.push_str(&output);
            entry.push('\n');
        }
        // In the file before it is shown: what was seen was recorded.
        out.write_all(entry.as_bytes())
            .and_then(|_| out.flush())
            .map_err(Failure::Transcript)?;
        if echoing {
            echoing = echo
                .write_all(text.as_bytes())
                .and_then(|_| echo.flush())
                .is_ok();
        }
        if flow == Flow::Stop {
            break;
        }
    }
    out.flush().map_err(Failure::Transcript)?;
    Ok(runner.map_or(0, |r| r.failures))
}
