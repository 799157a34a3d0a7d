//! Network namespaces as values: made on a helper thread (so no other
//! thread's namespace changes), kept alive by an fd, and entered by the
//! calling thread with setns(2) for as long as a call needs.
//!
//! Owns: making, holding and entering namespaces. Does not know what is
//! configured in them (`setup`).

use std::os::fd::{AsFd, OwnedFd};

use nix::sched::{CloneFlags, setns, unshare};

/// A network namespace, alive while this value is.
#[derive(Debug)]
pub struct Netns {
    fd: OwnedFd,
}

impl Netns {
    /// A new network namespace with `lo` up, made on a thread of its own.
    pub fn new() -> Result<Netns, String> {
        let thread = std::thread::Builder::new()
            .name("socklab-netns".into())
            .spawn(|| -> Result<OwnedFd, String> {
                unshare(CloneFlags::CLONE_NEWNET).map_err(|e| match e {
                    nix::errno::Errno::ENOSPC => "cannot make a network namespace for the lab: \
                         the limit on network namespaces is reached (user.max_net_namespaces)"
                        .to_string(),
                    _ => format!(
                        "cannot make a network namespace for the lab ({}): run as root, or \
                         where unprivileged user namespaces are allowed",
                        e.desc()
                    ),
                })?;
                crate::sys::bring_up_loopback()
                    .map_err(|e| format!("cannot bring up the lab's lo: {}", e.desc()))?;
                std::fs::File::open("/proc/thread-self/ns/net")
                    .map(OwnedFd::from)
                    .map_err(|e| format!("cannot hold the lab's namespace: {e}"))
            })
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        let fd = thread
            .join()
            .map_err(|_| "the namespace thread failed".to_string())??;
        Ok(Netns { fd })
    }

    /// Moves the calling thread into this namespace (it stays there).
    pub fn enter(&self) -> Result<(), String> {
        setns(self.fd.as_fd(), CloneFlags::CLONE_NEWNET)
            .map_err(|e| format!("cannot enter a lab namespace: {}", e.desc()))
    }

    /// Runs `work` with the calling thread in this namespace, then moves it
    /// back to `home` (sockets made meanwhile stay in this namespace).
    pub fn within<T>(&self, home: &Netns, work: impl FnOnce() -> T) -> Result<T, String> {
        self.enter()?;
        let result = work();
        home.enter()?;
        Ok(result)
    }

    /// The fd, for netlink's IFLA_NET_NS_FD.
    pub fn raw(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsRawFd;
        self.fd.as_raw_fd()
    }
}
