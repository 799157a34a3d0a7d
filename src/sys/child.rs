//! What a program `spawn` starts is set up with, between fork and exec,
//! and the pidfd that says when it has ended.
//!
//! Owns: the child's own setup (it dies with socklab, it can gain no
//! privilege) and `pidfd_open(2)`. Not which program runs, nor its pipes
//! (`spawn`).

use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::Command;

/// Makes the child of `command` die (SIGKILL) when socklab does — if the
/// thread that starts it ends, or socklab is killed — and unable to gain
/// privileges by exec (a set-uid program runs with socklab's rights, no
/// more), with no signal blocked and none of socklab's fds. A child whose parent had died before it
/// could ask exits at once.
pub fn dies_with_parent(command: &mut Command) {
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs in the child between fork and exec and calls
    // only async-signal-safe functions (prctl, sigemptyset, sigprocmask,
    // signal, close_range, getrlimit, fcntl, getppid, _exit) on a zeroed
    // sigset_t and rlimit (plain C structs) on its own stack, allocating
    // nothing.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            ) != 0
            {
                return Err(io::Error::last_os_error());
            }
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1 as libc::c_ulong, 0, 0, 0) != 0 {
                return Err(io::Error::last_os_error());
            }
            // socklab blocks SIGTERM and SIGHUP and ignores SIGPIPE; the
            // program starts as any program does, all signals unblocked
            // and SIGPIPE's default.
            let mut none: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut none);
            if libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut()) != 0 {
                return Err(io::Error::last_os_error());
            }
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            // socklab's own fds (its sockets are made without CLOEXEC, as
            // a program's are) end at exec: a socket the program held
            // would outlive socklab's close.
            super::mark_cloexec_from_3();
            // socklab ended before the death signal was asked for.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

/// `pidfd_open(pid, 0)`: an fd that becomes readable when process `pid`
/// ends.
pub fn pidfd_open(pid: u32) -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new fd or -1;
    // no memory is passed.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the kernel just returned this fd; nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as libc::c_int) })
}
