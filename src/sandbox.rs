//! `socklab --sandbox`: the session runs in a user and network namespace of
//! its own. There the user is root of a private network stack — with
//! CAP_NET_RAW (so the wire view works for everyone) and a loopback no
//! other program uses (so lessons run hermetically: no port clashes, no
//! other traffic). It must be entered before any thread starts.
//!
//! Owns: entering the namespaces and setting them up. See docs/wire.md.

use std::fs;

use nix::sched::{CloneFlags, unshare};
use nix::unistd::{getgid, getuid};

/// Moves this (still single-threaded) process into a new user and network
/// namespace, maps the user to root inside it, and brings `lo` up.
pub fn enter() -> Result<(), String> {
    let (uid, gid) = (getuid(), getgid());
    unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNET).map_err(|errno| {
        format!(
            "--sandbox cannot make a user and network namespace ({}): this system does not \
             allow unprivileged user namespaces (see sysctl user.max_user_namespaces, and \
             kernel.apparmor_restrict_unprivileged_userns on Ubuntu)",
            errno.desc()
        )
    })?;
    let write = |path: &str, text: String| {
        fs::write(path, text).map_err(|e| format!("--sandbox: cannot write {path}: {e}"))
    };
    // setgroups must be denied before an unprivileged process may map its gid.
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("0 {uid} 1"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1"))?;
    crate::sys::bring_up_loopback()
        .map_err(|errno| format!("--sandbox: cannot bring up lo: {}", errno.desc()))
}
