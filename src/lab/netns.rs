//! Network namespaces as values: made on a helper thread (so no other
//! thread's namespace changes), kept alive by an fd, and entered by the
//! calling thread with setns(2) for as long as a call needs.
//!
//! Owns: making, holding and entering namespaces, and why that failed
//! (`Error`). Does not know what is configured in them (`setup`).

use std::os::fd::{AsFd, OwnedFd};

use nix::errno::Errno;
use nix::sched::{CloneFlags, setns, unshare};

/// Why a namespace could not be made or entered.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    TooMany,
    Refused(Errno),
    Loopback(Errno),
    Hold(std::io::Error),
    Thread(std::io::Error),
    ThreadFailed,
    Enter(Errno),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::TooMany => crate::t!("lab-error-too-many-namespaces"),
            Error::Refused(errno) => {
                crate::t!("lab-error-namespace-refused", reason = errno.desc())
            }
            Error::Loopback(errno) => crate::t!("lab-error-loopback", reason = errno.desc()),
            Error::Hold(error) => crate::t!("lab-error-hold-namespace", reason = error.to_string()),
            Error::Thread(error) => crate::t!("lab-error-thread", reason = error.to_string()),
            Error::ThreadFailed => crate::t!("lab-error-thread-failed"),
            Error::Enter(errno) => crate::t!("lab-error-enter-namespace", reason = errno.desc()),
        };
        f.write_str(&text)
    }
}

/// A network namespace, alive while this value is.
#[derive(Debug)]
pub struct Netns {
    fd: OwnedFd,
}

/// Socket tables of a lab namespace: each has its own (the kernel's
/// default is to share the machine's, a quarter of a million buckets,
/// which every sock_diag dump in the lab would walk).
const TABLE_BUCKETS: &str = "1024";

/// The namespace the lab's namespaces are made in: its
/// `tcp_child_ehash_entries` (and UDP's) give each a table of its own.
/// Made once a process; None where it cannot be (the lab's namespaces then
/// share the machine's tables, as before).
fn parent() -> Option<&'static OwnedFd> {
    static PARENT: std::sync::OnceLock<Option<OwnedFd>> = std::sync::OnceLock::new();
    PARENT
        .get_or_init(|| {
            std::thread::Builder::new()
                .name("socklab-netns".into())
                .spawn(|| -> Option<OwnedFd> {
                    unshare(CloneFlags::CLONE_NEWNET).ok()?;
                    for table in ["tcp_child_ehash_entries", "udp_child_hash_entries"] {
                        let _ = std::fs::write(
                            format!("/proc/sys/net/ipv4/{table}"),
                            format!("{TABLE_BUCKETS}\n"),
                        );
                    }
                    std::fs::File::open("/proc/thread-self/ns/net")
                        .map(OwnedFd::from)
                        .ok()
                })
                .ok()?
                .join()
                .ok()?
        })
        .as_ref()
}

impl Netns {
    /// A new network namespace with `lo` up, made on a thread of its own
    /// (in the lab's parent namespace, so it has socket tables of its own).
    pub fn new() -> Result<Netns, Error> {
        let parent = parent().and_then(|fd| fd.try_clone().ok());
        let thread = std::thread::Builder::new()
            .name("socklab-netns".into())
            .spawn(move || -> Result<OwnedFd, Error> {
                if let Some(parent) = parent {
                    let _ = setns(parent.as_fd(), CloneFlags::CLONE_NEWNET);
                }
                unshare(CloneFlags::CLONE_NEWNET).map_err(|e| match e {
                    Errno::ENOSPC => Error::TooMany,
                    _ => Error::Refused(e),
                })?;
                crate::sys::bring_up_loopback().map_err(Error::Loopback)?;
                std::fs::File::open("/proc/thread-self/ns/net")
                    .map(OwnedFd::from)
                    .map_err(Error::Hold)
            })
            .map_err(Error::Thread)?;
        let fd = thread.join().map_err(|_| Error::ThreadFailed)??;
        Ok(Netns { fd })
    }

    /// Moves the calling thread into this namespace (it stays there).
    pub fn enter(&self) -> Result<(), Error> {
        setns(self.fd.as_fd(), CloneFlags::CLONE_NEWNET).map_err(Error::Enter)
    }

    /// Runs `work` with the calling thread in this namespace, then moves it
    /// back to `home` (sockets made meanwhile stay in this namespace).
    pub fn within<T>(&self, home: &Netns, work: impl FnOnce() -> T) -> Result<T, Error> {
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
