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
    let mut out =
        socklab::safe_file::create(file, socklab::safe_file::Existing::Replace).map_err(|e| {
            let reason = socklab::error::io_reason(&e);
            socklab::t!(
                "record-cannot-write",
                file = shown.as_str(),
                reason = reason
            )
        })?;
    setup.writes = out.metadata().ok().map(|m| (m.dev(), m.ino()));
    let stdin = std::io::stdin();
    let failures = record::record(&mut stdin.lock(), &mut out, &mut std::io::stdout(), setup)
        .map_err(|e| match e {
            record::Failure::Input(e) => {
                Exit::Error(socklab::t!("record-input-failed", error = e.to_string()))
            }
            record::Failure::Start(e) => {
                Exit::Error(socklab::t!("record-cannot-start", error = e.to_string()))
            }
            record::Failure::Transcript(e) => Exit::Error(socklab::t!(
                "record-failed",
                file = shown.as_str(),
                reason = socklab::error::io_reason(&e)
            )),
        })?;
    socklab::i18n::say(&socklab::t!("record-recorded", file = shown.as_str()));
    Ok(failures)
}
