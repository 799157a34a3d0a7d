//! What happens before any subcommand runs: the global flags it cannot
//! honour are refused, saying why, and the namespaces `--sandbox`, `--lab`
//! and the lessons need are entered (while socklab is one thread).

use socklab::error::UsageError;
use socklab::sandbox::{Network, SandboxError};

use super::lessons::network;
use crate::{Cli, Commands};

/// A namespace socklab could not enter.
#[derive(Debug, thiserror::Error)]
pub enum NamespaceError {
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    /// `--lab`: what the system refused (`--host-net` is no way out there).
    #[error("{0}; the lab cannot run here")]
    Lab(SandboxError),
}

/// `--sandbox`, and the user namespace lessons need to make their networks.
pub fn enter_namespaces(cli: &Cli) -> Result<(), NamespaceError> {
    if cli.sandbox {
        socklab::sandbox::enter()?;
    }
    if cli.lab {
        // The lab's namespaces need a user namespace when not root.
        socklab::sandbox::prepare_lessons(Network::Private).map_err(|e| match e {
            SandboxError::ForLessons(refused) => NamespaceError::Lab(*refused),
            other => NamespaceError::Sandbox(other),
        })?;
    }
    match &cli.command {
        Some(Commands::Test { host_net, .. }) | Some(Commands::Play { host_net, .. }) => {
            Ok(socklab::sandbox::prepare_lessons(network(*host_net))?)
        }
        _ => Ok(()),
    }
}

/// The global flags a subcommand cannot honour are refused, saying why,
/// rather than silently ignored.
pub fn check_flags(cli: &Cli) -> Result<(), UsageError> {
    let (name, allowed): (&str, &[&str]) = match &cli.command {
        Some(Commands::Help { .. }) => ("help", &[]),
        _ if cli.lab && cli.wire == Some(crate::WireLook::On) => {
            return Err(UsageError::new(
                "--wire does not apply with --lab: the lab shows its link's segments by itself \
                 (--wire=ladder or --wire=summary choose how)",
            ));
        }
        Some(Commands::Record { .. })
            if cli.wire.is_some_and(|look| look != crate::WireLook::On) =>
        {
            return Err(UsageError::new(
                "record writes every segment (--wire): a transcript keeps the data, not the \
                 look — draw it afterwards with socklab diagram FILE, or play it with \
                 socklab play --wire=ladder FILE",
            ));
        }
        Some(Commands::Test { .. }) => ("test", &["timeout", "encoding", "max-memory", "max-jobs"]),
        Some(Commands::Play { .. }) => (
            "play",
            &["timeout", "encoding", "wire", "max-memory", "max-jobs"],
        ),
        Some(Commands::Record { .. }) => ("record", &["timeout", "encoding", "wire", "lab"]),
        _ => return Ok(()),
    };
    let given = [
        ("lab", cli.lab),
        ("json", cli.json),
        ("timeout", cli.timeout.is_some()),
        ("bail", cli.bail),
        ("wire", cli.wire.is_some()),
        ("encoding", cli.encoding.is_some()),
        ("max-memory", cli.max_memory.is_some()),
        ("max-jobs", cli.max_jobs.is_some()),
    ];
    for (flag, set) in given {
        if !set || allowed.contains(&flag) {
            continue;
        }
        let why = match (flag, name) {
            (_, "help") => "help runs no session".to_string(),
            ("json", _) => format!(
                "{name} shows a person its lessons; `socklab run --json FILE` gives one JSON object per step"
            ),
            ("bail", _) => "only a script stops at its first failing line: socklab run --bail".into(),
            ("wire", "test") => {
                "a lesson's expected output depends on the wire view, so a lesson turns it on itself (wire on)".into()
            }
            ("lab", _) => {
                "a lesson runs in a lab when it says so itself, with a `#! lab` line (the \
                 lab's lessons have one; record in a lab writes it)"
                    .into()
            }
            _ => "it has no effect there".into(),
        };
        return Err(UsageError::new(format!(
            "--{flag} does not apply to `socklab {name}`: {why}"
        )));
    }
    Ok(())
}
