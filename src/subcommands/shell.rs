//! No subcommand, or `socklab run FILE`: one session, as the global flags
//! set it up, driven by the shell (on a terminal) or by a script (a file,
//! or standard input).

use std::time::Duration;

use socklab::runner::Format;
use socklab::session::Session;
use socklab::{repl, script};

use super::{Exit, output_failed};
use crate::Cli;

/// Runs `script_file` (`-`: standard input), or the shell when there is
/// none; returns how many lines failed.
pub(super) fn run(cli: &Cli, script_file: Option<&str>) -> Result<usize, Exit> {
    let format = if cli.json { Format::Json } else { Format::Text };
    let session = start(cli, script_file.is_some())?;
    match script_file {
        Some(file) => match script::run(session, file, format, cli.bail) {
            Ok(ended) if ended.interrupted => Err(Exit::Interrupted),
            Ok(ended) => Ok(ended.failures),
            Err(socklab::script::ScriptError::Output(e)) => Err(output_failed(&e)),
            Err(open) => Err(Exit::Error(open.to_string())),
        },
        None => {
            repl::run(session, format).map_err(|e| Exit::Error(format!("the shell failed: {e}")))
        }
    }
}

/// The session the global flags describe: its timeout (10s by default in
/// a script, none in the shell), budget, lab, network, encoding and wire.
fn start(cli: &Cli, script: bool) -> Result<Session, Exit> {
    let timeout = match (cli.timeout, script) {
        (Some(t), _) if t.is_zero() => None,
        (Some(t), _) => Some(t),
        (None, true) => Some(Duration::from_secs(10)),
        (None, false) => None,
    };
    let session = match script {
        true => Session::new(timeout),
        false => Session::interactive(timeout),
    }
    .map_err(|e| format!("cannot start the session: {e}"))?;
    let mut session = session;
    session.set_budget(socklab::budget::Budget::new(
        cli.max_memory.unwrap_or(socklab::budget::SESSION_MEMORY),
        cli.max_jobs
            .map_or(socklab::budget::SESSION_JOBS, |n| n as usize),
    ));
    if cli.lab {
        session.start_lab()?;
    }
    session.set_private_network(cli.sandbox);
    if let Some(encoding) = cli.encoding {
        session.set_encoding(encoding);
    }
    if let Some(look) = cli.wire {
        if !cli.lab {
            session.wire_on()?;
        }
        if let Some(look) = look.pinned() {
            session.pin_wire_look(look);
        }
    }
    Ok(session)
}
