//! `socklab record FILE`: run commands and write them, with what socklab
//! printed, as a transcript that `socklab test` passes at once.

use std::io::{self, BufRead, Write};

use super::check::DEFAULT_TIMEOUT;
use super::normalize::Namer;
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

/// Records the lines of `input` into `out` (`#` lines and blank lines are
/// kept as they are); also shows each step on `echo`.
pub fn record(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: &mut dyn Write,
) -> io::Result<usize> {
    let mut runner: Option<Runner<Vec<u8>>> = None;
    let mut timeout = DEFAULT_TIMEOUT;
    let mut namer = Namer::default();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let command = line.trim_end_matches(['\n', '\r']);
        if command.trim().is_empty() || command.trim_start().starts_with('#') {
            if let Some(value) = command.trim_start().strip_prefix("#! timeout:") {
                timeout = crate::command::parse_duration(value.trim()).unwrap_or(timeout);
            }
            writeln!(out, "{}", command.trim_start())?;
            continue;
        }
        namer.note_command(command);
        // The session starts at the first command, so `#! timeout:` above it counts.
        let runner = match &mut runner {
            Some(runner) => runner,
            None => runner.insert(Runner::new(
                Session::new(Some(timeout))?,
                Vec::new(),
                Format::Text,
                false,
                false,
            )),
        };
        let start = runner.out().len();
        let flow = runner.run_line(command);
        let text = String::from_utf8_lossy(&runner.out()[start..]).into_owned();
        echo.write_all(text.as_bytes())?;
        let raw: Vec<String> = text.lines().map(str::to_string).collect();
        writeln!(out, "> {command}")?;
        for output in namer.normalize(&raw) {
            writeln!(out, "{output}")?;
        }
        if flow == Flow::Stop {
            break;
        }
    }
    out.flush()?;
    Ok(runner.map_or(0, |r| r.failures))
}
