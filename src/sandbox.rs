//! Namespaces of socklab's own. `socklab --sandbox`: the session runs in a
//! user and network namespace of its own. There the user is root of a
//! private network stack — with CAP_NET_RAW (so the wire view works for
//! everyone) and a loopback no other program uses (so lessons run
//! hermetically: no port clashes, no other traffic). It must be entered
//! before any thread starts.
//!
//! Lessons (`socklab test`, `socklab play`) each get a network namespace of
//! their own, made on the thread that runs the lesson
//! ([`private_network`]); an unprivileged user first enters a user
//! namespace ([`prepare_lessons`]) so that it may make them.
//!
//! Owns: entering the namespaces and setting them up. See docs/wire.md and
//! docs/robustness.md ("Threat model").

use std::fs;

use nix::errno::Errno;
use nix::sched::{CloneFlags, unshare};
use nix::unistd::{getgid, getuid};

/// Where a lesson's sockets live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Network {
    /// A network namespace of the lesson's own: only its own loopback.
    Private,
    /// The host's network (`--host-net`): real services can be reached.
    Host,
}

/// What the system refused when socklab made a namespace of its own.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// No user namespace: `what` names who wanted it.
    NoUserNamespace {
        what: For,
        errno: Errno,
    },
    /// The new user namespace's maps could not be written.
    Map {
        what: For,
        path: &'static str,
        error: std::io::Error,
    },
    SandboxLoopback(Errno),
    NoLessonNetwork(Errno),
    LessonLoopback(Errno),
    /// Lessons cannot have private networks here; `--host-net` goes on without.
    ForLessons(Box<SandboxError>),
}

/// Who wanted a user namespace: `--sandbox`, or lessons' private networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum For {
    Sandbox,
    Lessons,
}

impl std::fmt::Display for SandboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SandboxError::NoUserNamespace { what, errno } => match what {
                For::Sandbox => crate::t!("session-error-sandbox-no-userns", reason = errno.desc()),
                For::Lessons => crate::t!("session-error-lessons-no-userns", reason = errno.desc()),
            },
            SandboxError::Map { what, path, error } => {
                let (path, reason) = (*path, error.to_string());
                match what {
                    For::Sandbox => {
                        crate::t!("session-error-sandbox-map", path = path, reason = reason)
                    }
                    For::Lessons => {
                        crate::t!("session-error-lessons-map", path = path, reason = reason)
                    }
                }
            }
            SandboxError::SandboxLoopback(errno) => {
                crate::t!("session-error-sandbox-loopback", reason = errno.desc())
            }
            SandboxError::NoLessonNetwork(errno) => {
                crate::t!("session-error-lesson-network", reason = errno.desc())
            }
            SandboxError::LessonLoopback(errno) => {
                crate::t!("session-error-lesson-loopback", reason = errno.desc())
            }
            SandboxError::ForLessons(error) => {
                crate::t!("session-error-for-lessons", reason = error.to_string())
            }
        };
        f.write_str(&text)
    }
}

/// Moves this (still single-threaded) process into a new user and network
/// namespace, maps the user to root inside it, and brings `lo` up.
pub fn enter() -> Result<(), SandboxError> {
    enter_namespaces(CloneFlags::CLONE_NEWNET, For::Sandbox)?;
    crate::sys::bring_up_loopback().map_err(SandboxError::SandboxLoopback)
}

/// Makes private lesson networks possible: root (in whatever user namespace
/// it is, as under `--sandbox`) can make them already; anyone else enters a
/// user namespace first. Call before any thread starts. The error says what
/// the system refused and that `--host-net` goes on without.
pub fn prepare_lessons(network: Network) -> Result<(), SandboxError> {
    if network == Network::Host || nix::unistd::geteuid().is_root() {
        return Ok(());
    }
    enter_namespaces(CloneFlags::empty(), For::Lessons)
        .map_err(|error| SandboxError::ForLessons(Box::new(error)))
}

/// Moves the calling thread (and the threads it starts afterwards) into a
/// new network namespace with `lo` up. The thread stays there.
pub fn private_network() -> Result<(), SandboxError> {
    unshare(CloneFlags::CLONE_NEWNET).map_err(SandboxError::NoLessonNetwork)?;
    crate::sys::bring_up_loopback().map_err(SandboxError::LessonLoopback)
}

/// unshare(CLONE_NEWUSER | `more`) with the user and group mapped to root.
fn enter_namespaces(more: CloneFlags, what: For) -> Result<(), SandboxError> {
    let (uid, gid) = (getuid(), getgid());
    unshare(CloneFlags::CLONE_NEWUSER | more)
        .map_err(|errno| SandboxError::NoUserNamespace { what, errno })?;
    let write = |path: &'static str, text: String| {
        fs::write(path, text).map_err(|error| SandboxError::Map { what, path, error })
    };
    // setgroups must be denied before an unprivileged process may map its gid.
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("0 {uid} 1"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Who wanted the namespace is said as before: `--sandbox`, or the
    /// lessons' private networks, with --host-net as the way on.
    #[test]
    fn errors_read_as_they_did() {
        let lessons = SandboxError::ForLessons(Box::new(SandboxError::NoUserNamespace {
            what: For::Lessons,
            errno: Errno::EPERM,
        }));
        assert_eq!(
            lessons.to_string(),
            "a lesson's private network needs a user and network namespace (Operation not \
             permitted): this system does not allow unprivileged user namespaces (see sysctl \
             user.max_user_namespaces, and kernel.apparmor_restrict_unprivileged_userns on \
             Ubuntu); to run lessons in the host's network instead, add --host-net"
        );
        let map = SandboxError::Map {
            what: For::Sandbox,
            path: "/proc/self/uid_map",
            error: std::io::Error::from_raw_os_error(libc::EPERM),
        };
        assert_eq!(
            map.to_string(),
            "--sandbox: cannot write /proc/self/uid_map: Operation not permitted (os error 1)"
        );
    }
}
