//! Where a lesson runs. A lesson is a file from someone else, so it is
//! treated as data: in `socklab test` and `socklab play` it gets
//!
//! - a network namespace of its own (unless `--host-net`): it reaches no
//!   host service and nothing outside reaches it;
//! - a fresh scratch directory as its working directory, made for the run
//!   and removed after it: its unix socket paths (relative, as the session
//!   insists) are created there;
//! - no capabilities, when it says `#! as: unprivileged` (so the
//!   privileged-ports lesson shows EACCES to root too);
//! - bounds: a call waits at most [`MAX_CALL`], the whole lesson runs at
//!   most [`MAX_LESSON`].
//!
//! Everything is set up on the thread that runs the lesson (network
//! namespace, working directory and capabilities are per thread once
//! unshared), and the threads the session starts inherit it.
//!
//! Owns: that environment. The refusals of `record`, `source` and `wire
//! save` and the path rules belong to the session (`Session::confine`).

use std::path::PathBuf;
use std::time::Duration;

use nix::sched::{CloneFlags, unshare};

use crate::sandbox::{self, Network};

/// The longest any one call of a lesson may wait (`#! timeout:` is cut to it).
pub const MAX_CALL: Duration = crate::budget::CONFINED_MAX_WAIT;

/// The longest a whole lesson may run.
pub const MAX_LESSON: Duration = Duration::from_secs(300);

/// What one lesson may use: memory kept, background jobs at once, time
/// (see `budget`). The defaults are the most; a user may lower them
/// (`--max-memory`, `--max-jobs`, `--max-time`), never raise them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub memory: usize,
    pub jobs: usize,
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            memory: crate::budget::LESSON_MEMORY,
            jobs: crate::budget::LESSON_JOBS,
            time: MAX_LESSON,
        }
    }
}

impl Limits {
    /// The lesson's limits, lowered where asked (never raised).
    pub fn lowered(memory: Option<usize>, jobs: Option<usize>, time: Option<Duration>) -> Limits {
        let most = Limits::default();
        Limits {
            memory: memory.map_or(most.memory, |m| m.min(most.memory)),
            jobs: jobs.map_or(most.jobs, |j| j.min(most.jobs)),
            time: time.map_or(most.time, |t| t.min(most.time)),
        }
    }

    /// A session's budgets of these sizes.
    pub fn budget(&self) -> std::sync::Arc<crate::budget::Budget> {
        crate::budget::Budget::new(self.memory, self.jobs)
    }
}

/// Scratch directories are named for the process that made them, by its
/// pid and start time (a pid alone may be a later process's):
/// `socklab-lesson-PID.START-XXXXXX`.
const SCRATCH_PREFIX: &str = "socklab-lesson-";

fn scratch_prefix() -> String {
    let pid = std::process::id();
    let start = process_start(pid).unwrap_or(0);
    format!("{SCRATCH_PREFIX}{pid}.{start}-")
}

/// When process `pid` started (clock ticks since boot: /proc/PID/stat's
/// 22nd field), if it is alive.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

/// Once a process: removes the scratch directories of this user's socklab
/// runs that ended without removing theirs (SIGKILL).
fn sweep_once() {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(|| {
        sweep(&std::env::temp_dir());
    });
}

/// Removes, in `dir`, every scratch directory of this user whose process
/// is gone. Only directories (never a link) owned by this user and named
/// as `scratch_prefix` names them are touched.
pub fn sweep(dir: &std::path::Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let me = nix::unistd::geteuid().as_raw();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|n| n.strip_prefix(SCRATCH_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(owner, _)| owner.split_once('.'))
        else {
            continue;
        };
        let (Ok(pid), Ok(start)) = (owner.0.parse::<u32>(), owner.1.parse::<u64>()) else {
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_dir() || meta.uid() != me || process_start(pid) == Some(start) {
            continue;
        }
        if std::fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// What kept a lesson from its environment.
#[derive(Debug, thiserror::Error)]
pub enum LessonEnvError {
    #[error(transparent)]
    Network(#[from] sandbox::SandboxError),
    #[error("{}", crate::t!("play-env-own-directory", reason = .0.desc()))]
    OwnDirectory(nix::errno::Errno),
    #[error("{}", crate::t!("play-env-make-scratch", error = .0.to_string()))]
    MakeScratch(std::io::Error),
    #[error("{}", crate::t!("play-env-enter-scratch", error = .0.to_string()))]
    EnterScratch(std::io::Error),
    #[error("{}", crate::t!("play-env-read-capabilities", error = .0.to_string()))]
    ReadCapabilities(caps::errors::CapsError),
    #[error("{}", crate::t!("play-env-drop-capabilities", error = .0.to_string()))]
    DropCapabilities(caps::errors::CapsError),
}

/// A lesson's environment, entered on the current thread; dropping it puts
/// the working directory and capabilities back and removes the scratch
/// directory (the network namespace stays: the next lesson makes its own).
pub struct LessonEnv {
    scratch: tempfile::TempDir,
    previous_dir: Option<PathBuf>,
    dropped_capabilities: Option<caps::CapsHashSet>,
}

impl LessonEnv {
    pub fn enter(network: Network, unprivileged: bool) -> Result<LessonEnv, LessonEnvError> {
        if network == Network::Private {
            sandbox::private_network()?;
        }
        // A working directory of this thread's own.
        unshare(CloneFlags::CLONE_FS).map_err(LessonEnvError::OwnDirectory)?;
        sweep_once();
        let scratch = tempfile::Builder::new()
            .prefix(&scratch_prefix())
            .tempdir()
            .map_err(LessonEnvError::MakeScratch)?;
        // SIGTERM or SIGHUP (a closed terminal) removes it too.
        crate::terminate::remove_on_signal(scratch.path());
        let previous_dir = std::env::current_dir().ok();
        std::env::set_current_dir(scratch.path()).map_err(LessonEnvError::EnterScratch)?;
        let mut env = LessonEnv {
            scratch,
            previous_dir,
            dropped_capabilities: None,
        };
        if unprivileged {
            let effective = caps::read(None, caps::CapSet::Effective)
                .map_err(LessonEnvError::ReadCapabilities)?;
            caps::clear(None, caps::CapSet::Effective).map_err(LessonEnvError::DropCapabilities)?;
            env.dropped_capabilities = Some(effective);
        }
        Ok(env)
    }

    /// The scratch directory (the lesson's working directory).
    pub fn scratch(&self) -> &std::path::Path {
        self.scratch.path()
    }
}

impl Drop for LessonEnv {
    fn drop(&mut self) {
        crate::terminate::forget(self.scratch.path());
        if let Some(effective) = self.dropped_capabilities.take() {
            let _ = caps::set(None, caps::CapSet::Effective, &effective);
        }
        if let Some(dir) = &self.previous_dir {
            let _ = std::env::set_current_dir(dir);
        }
    }
}
