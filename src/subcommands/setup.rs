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
    #[error("{}", lab_cannot_run(.0))]
    Lab(SandboxError),
}

fn lab_cannot_run(refused: &SandboxError) -> String {
    socklab::t!("shell-lab-cannot-run", reason = refused.to_string())
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
            (_, "help") => socklab::t!("shell-flag-help"),
            ("json", _) => socklab::t!("shell-flag-json", name = name),
            ("bail", _) => socklab::t!("shell-flag-bail"),
            ("wire", "test") => socklab::t!("shell-flag-wire-test"),
            ("lab", _) => socklab::t!("shell-flag-lab"),
            _ => socklab::t!("shell-flag-no-effect"),
        };
        return Err(UsageError::new(socklab::t!(
            "shell-flag-not-here",
            flag = flag,
            name = name,
            why = why
        )));
    }
    Ok(())
}
