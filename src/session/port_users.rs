//! Who holds a port: the sockets the kernel's table has on it (one
//! `sock_diag` dump, `kernel_table::users_of_port`), each named by the
//! session's handle it is — or, for a connection the kernel keeps without
//! an fd, the closed handle whose it was — with its SO_REUSEADDR where
//! its fd can be asked (or, for a closed handle's connection, as read
//! before the close).
//!
//! Owns the matching of the kernel's sockets to handles; what they mean
//! for a failed bind is the verbs' (`command::port_in_use`).

use std::net::{IpAddr, SocketAddr};
use std::os::fd::AsFd;

use crate::kernel_table::{BOUND_INACTIVE, PortUser, Transport, users_of_port};
use crate::names::TcpState;
use crate::step::{Holding, PortHolder, Reuse};

use super::{Handle, Session};

impl Session {
    /// The sockets other than `asking` whose local address overlaps `want`
    /// (the same address, or either a wildcard), in the network `asking`
    /// lives in, listeners first.
    pub fn port_holders(&self, asking: &Handle, want: SocketAddr) -> Vec<PortHolder> {
        let transport = match asking.kind.socket_type() {
            socket2::Type::DGRAM => Transport::Udp,
            _ => Transport::Tcp,
        };
        let users = match (self.lab(), asking.host) {
            (Some(lab), Some(host)) => lab
                .within(host, || users_of_port(transport, want.port()))
                .unwrap_or_default(),
            _ => users_of_port(transport, want.port()),
        };
        let own = inode(asking);
        let mine: Vec<&Handle> = self
            .handles()
            .filter(|h| h.host == asking.host && !std::ptr::eq(*h, asking))
            .collect();
        let mut holders: Vec<PortHolder> = users
            .iter()
            .filter(|user| user.inode == 0 || Some(user.inode) != own)
            .filter(|user| overlaps(user.local.ip(), want.ip()))
            .map(|user| holder(user, transport, &mine, &self.kept))
            .collect();
        holders.sort_by_key(|h| h.holding != Holding::Listening);
        holders
    }
}

fn holder(
    user: &PortUser,
    transport: Transport,
    mine: &[&Handle],
    kept: &super::kept::Kept,
) -> PortHolder {
    let tuple = user.peer.map(|peer| (user.local, peer));
    // A socket of the session's: by its inode, or (a time-wait socket
    // behind a handle still open, in CLOSE) by its address pair.
    let handle = mine.iter().find(|h| {
        (user.inode != 0 && inode(h) == Some(user.inode))
            || (user.inode == 0 && tuple.is_some() && h.tuple == tuple)
    });
    let closed = handle.is_none().then(|| {
        kept.connections()
            .into_iter()
            .rev()
            .find(|(_, local, peer)| Some((*local, *peer)) == tuple)
            .map(|(name, _, _)| name)
    });
    let reuse = match handle.map(|h| h.socket.reuse_address()) {
        Some(read) => read.ok(),
        None => tuple.and_then(|pair| kept.reuse_of(pair)),
    };
    let holding = match (transport, user.state) {
        (Transport::Udp, _) => Holding::Udp,
        (Transport::Tcp, TcpState::LISTEN) => Holding::Listening,
        (Transport::Tcp, state) if state == BOUND_INACTIVE || state == TcpState::CLOSE => {
            Holding::Bound
        }
        (Transport::Tcp, state) => Holding::Connection(state),
    };
    PortHolder {
        handle: handle
            .map(|h| h.name.clone())
            .or_else(|| closed.clone().flatten()),
        closed: closed.flatten().is_some(),
        local: user.local,
        peer: user.peer,
        holding,
        timewait_left: user.timewait_left,
        reuse: match reuse {
            Some(true) => Reuse::Set,
            Some(false) => Reuse::NotSet,
            None => Reuse::Unknown,
        },
    }
}

/// The inode of a handle's socket, as sock_diag reports it.
fn inode(handle: &Handle) -> Option<u32> {
    nix::sys::stat::fstat(handle.socket.as_fd())
        .ok()
        .map(|stat| stat.st_ino as u32)
}

/// Whether a socket bound to `a` and a bind to `b` meet (the kernel's
/// `inet_rcv_saddr_equal`, wildcards matching, an IPv6 `[::]` taking the
/// IPv4 addresses too).
fn overlaps(a: IpAddr, b: IpAddr) -> bool {
    match (a, b) {
        (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
            a == b || a.is_unspecified() || b.is_unspecified()
        }
        (IpAddr::V6(v6), v4) | (v4, IpAddr::V6(v6)) => {
            v6.is_unspecified()
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|mapped| overlaps(IpAddr::V4(mapped), v4))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_families_meet_as_the_kernel_has_them() {
        let table = [
            ("127.0.0.1", "127.0.0.1", true),
            ("0.0.0.0", "127.0.0.1", true),
            ("127.0.0.1", "0.0.0.0", true),
            ("127.0.0.1", "127.0.0.2", false),
            ("::", "127.0.0.1", true),
            ("::1", "127.0.0.1", false),
            ("::ffff:127.0.0.1", "127.0.0.1", true),
            ("::1", "::", true),
            ("::1", "::2", false),
        ];
        for (a, b, meet) in table {
            let (a, b) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(overlaps(a, b), meet, "{a} {b}");
        }
    }
}
