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

/// Moves this (still single-threaded) process into a new user and network
/// namespace, maps the user to root inside it, and brings `lo` up.
pub fn enter() -> Result<(), String> {
    enter_namespaces(CloneFlags::CLONE_NEWNET, "--sandbox")?;
    crate::sys::bring_up_loopback()
        .map_err(|errno| format!("--sandbox: cannot bring up lo: {}", errno.desc()))
}

/// Makes private lesson networks possible: root (in whatever user namespace
/// it is, as under `--sandbox`) can make them already; anyone else enters a
/// user namespace first. Call before any thread starts. The error says what
/// the system refused and that `--host-net` goes on without.
pub fn prepare_lessons(network: Network) -> Result<(), String> {
    if network == Network::Host || nix::unistd::geteuid().is_root() {
        return Ok(());
    }
    enter_namespaces(CloneFlags::empty(), "a lesson's private network").map_err(|message| {
        format!("{message}; to run lessons in the host's network instead, add --host-net")
    })
}

/// Moves the calling thread (and the threads it starts afterwards) into a
/// new network namespace with `lo` up. The thread stays there.
pub fn private_network() -> Result<(), String> {
    unshare(CloneFlags::CLONE_NEWNET).map_err(|errno| {
        format!(
            "cannot make a private network for the lesson ({}): run socklab as root, or where \
             unprivileged user namespaces are allowed — or add --host-net to run it in the \
             host's network",
            errno.desc()
        )
    })?;
    crate::sys::bring_up_loopback()
        .map_err(|errno| format!("cannot bring up the lesson's lo: {}", errno.desc()))
}

/// unshare(CLONE_NEWUSER | `more`) with the user and group mapped to root.
fn enter_namespaces(more: CloneFlags, what: &str) -> Result<(), String> {
    let (uid, gid) = (getuid(), getgid());
    unshare(CloneFlags::CLONE_NEWUSER | more).map_err(|errno| {
        format!(
            "{what} needs a user and network namespace ({}): this system does not allow \
             unprivileged user namespaces (see sysctl user.max_user_namespaces, and \
             kernel.apparmor_restrict_unprivileged_userns on Ubuntu)",
            errno.desc()
        )
    })?;
    let write = |path: &str, text: String| {
        fs::write(path, text).map_err(|e| format!("{what}: cannot write {path}: {e}"))
    };
    // setgroups must be denied before an unprivileged process may map its gid.
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("0 {uid} 1"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1"))
}
