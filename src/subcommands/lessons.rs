//! What the global flags give every lesson of `socklab test` and
//! `socklab play`: the network it runs in, its encoding and timeout when
//! the file names none, its wire look, and the lowered limits.

use std::time::Duration;

use socklab::sandbox::Network;
use socklab::transcript::format;
use socklab::transcript::lesson_env::Limits;

use crate::Cli;

/// What the global flags give every lesson of `test` and `play`.
#[derive(Clone, Copy)]
pub(super) struct Lessons {
    pub(super) network: Network,
    pub(super) encoding: Option<&'static socklab::encoding::Encoding>,
    /// `--timeout`: for lessons without `#! timeout:`.
    pub(super) timeout: Option<Duration>,
    pub(super) wire: Option<crate::WireLook>,
    /// What each lesson may use (`--max-memory`, `--max-jobs`, `--max-time`
    /// lower the most).
    pub(super) limits: Limits,
}

impl Lessons {
    pub(super) fn new(host_net: bool, max_time: Option<Duration>, cli: &Cli) -> Lessons {
        Lessons {
            network: network(host_net),
            encoding: cli.encoding,
            timeout: cli.timeout,
            wire: cli.wire,
            limits: Limits::lowered(cli.max_memory, cli.max_jobs.map(|n| n as usize), max_time),
        }
    }

    /// The file's own directives win; the flags fill in the rest.
    pub(super) fn apply(&self, transcript: &mut format::Transcript) {
        if transcript.encoding.is_none() {
            transcript.encoding = self.encoding;
        }
        if transcript.timeout.is_none()
            && let Some(timeout) = self.timeout.filter(|t| !t.is_zero())
        {
            transcript.timeout = Some(timeout.min(socklab::transcript::lesson_env::MAX_CALL));
        }
    }
}

/// `--host-net`: the host's network; else a private one.
pub(super) fn network(host_net: bool) -> Network {
    if host_net {
        Network::Host
    } else {
        Network::Private
    }
}
