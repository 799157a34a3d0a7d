//! `socklab record FILE`: runs commands from standard input and writes
//! them, with their output, as a transcript — each step as it happens.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use socklab::transcript::record;

use super::Exit;
use crate::Cli;

/// Records into `file` (replaced if it exists); returns how many lines failed.
pub(super) fn run(file: &Path, cli: &Cli) -> Result<usize, Exit> {
    let mut setup = record::Setup {
        encoding: cli.encoding.unwrap_or(socklab::encoding::UTF_8),
        timeout: cli.timeout,
        wire: cli.wire.is_some(),
        lab: cli.lab,
        writes: None,
    };
    colored::control::set_override(false);
    let shown = socklab::safe_text::escape(&file.display().to_string()).into_owned();
    // Written as each step happens: a SIGTERM or a closed stdout leaves
    // every completed step in the file.
    let mut out = socklab::safe_file::create(file, socklab::safe_file::Existing::Replace)
        .map_err(|e| format!("cannot write {shown}: {}", socklab::error::io_reason(&e)))?;
    setup.writes = out.metadata().ok().map(|m| (m.dev(), m.ino()));
    let stdin = std::io::stdin();
    let failures = record::record(&mut stdin.lock(), &mut out, &mut std::io::stdout(), setup)
        .map_err(|e| match e {
            record::Failure::Input(e) => Exit::Error(format!("reading the commands failed: {e}")),
            record::Failure::Start(e) => Exit::Error(format!("cannot start the session: {e}")),
            record::Failure::Transcript(e) => Exit::Error(format!(
                "recording to {shown} failed: {}",
                socklab::error::io_reason(&e)
            )),
        })?;
    eprintln!("recorded {shown}");
    Ok(failures)
}
