//! Address specs (`127.0.0.1:0`, `:8080`, `localhost:80`, a unix path, a
//! handle name) turned into socket addresses for a socket of a domain.
//!
//! The system resolver (getaddrinfo) is asked only in a person's own
//! session outside the lab: in the lab (and its workers' sessions) `a` and
//! `b` are its hosts and a handle's name its address on its host; in a
//! lesson, and in the lab, `localhost` is loopback and every other name is
//! refused, saying why.

use std::io;
use std::net::{IpAddr, SocketAddr};

use socket2::{Domain, SockAddr};

use super::{Handle, Session};
use crate::address::{self, AddrSpec};
use crate::error::UsageError;

impl Session {
    /// Turns an address spec into a socket address for a socket of `domain`.
    pub fn resolve(&self, spec: &AddrSpec, domain: Domain) -> Result<SockAddr, UsageError> {
        match spec {
            AddrSpec::Inet(addr) => Ok(SockAddr::from(*addr)),
            AddrSpec::AnyPort(port) => Ok(any_address(domain, *port)),
            AddrSpec::Host(host, port) => self.host_address(host, *port, domain),
            AddrSpec::UnixPath(path) if self.limits.confined => {
                confined_path(path)?;
                address::unix_sockaddr(spec)
                    .unwrap_or_else(|| Err(io::Error::other("not a unix address")))
                    .map_err(bad_unix_address)
            }
            AddrSpec::UnixPath(_) | AddrSpec::Abstract(_) => address::unix_sockaddr(spec)
                .unwrap_or_else(|| Err(io::Error::other("not a unix address")))
                .map_err(bad_unix_address),
            AddrSpec::Handle(name) => self.handle_address(name, domain),
        }
    }

    /// `HOST:PORT`: a lab host, `localhost`, or (only in a person's own
    /// session outside the lab) a name the system resolver looks up.
    fn host_address(&self, host: &str, port: u16, domain: Domain) -> Result<SockAddr, UsageError> {
        if let Some(addr) = self.lab_host_address(host, port, domain) {
            return Ok(addr);
        }
        let in_lab = self.names_lab_hosts();
        if !in_lab && !self.limits.confined {
            return resolve_host(host, port, domain);
        }
        if host.eq_ignore_ascii_case("localhost") {
            return Ok(SockAddr::from(SocketAddr::new(loopback(domain), port)));
        }
        Err(UsageError::new(match in_lab {
            true => crate::t!("session-error-lab-no-name-service", host = host),
            false => crate::t!("session-error-lesson-no-name-service", host = host),
        }))
    }

    /// A handle's local address, for `connect cli srv`; an unspecified IP
    /// (0.0.0.0, ::) becomes the handle's own address in the family of the
    /// socket that will use it (an IPv4 client of a dual-stack [::]
    /// listener gets 127.0.0.1): loopback, or in the lab its host's
    /// address (a listener bound to :8080 on b is 192.0.2.2:8080).
    fn handle_address(&self, name: &str, domain: Domain) -> Result<SockAddr, UsageError> {
        let handle = self.lookup(name)?;
        let local = handle.socket.local_addr().map_err(|e| {
            UsageError::new(crate::worded!(
                "session-error-handle-address",
                name = name,
                reason = e.to_string()
            ))
        })?;
        let unspecified_port = match local.as_socket() {
            Some(SocketAddr::V4(v4)) if v4.ip().is_unspecified() => Some(v4.port()),
            Some(SocketAddr::V6(v6)) if v6.ip().is_unspecified() => Some(v6.port()),
            _ => None,
        };
        Ok(match unspecified_port {
            Some(port) => SockAddr::from(SocketAddr::new(self.own_ip(handle, domain), port)),
            None => local,
        })
    }

    /// Where a handle bound to the any-address is reached, for a socket of
    /// `domain`: its lab host's address, or loopback.
    fn own_ip(&self, handle: &Handle, domain: Domain) -> IpAddr {
        match handle.host {
            Some(host) if self.names_lab_hosts() => super::lab_view::host_ip(host, domain),
            _ => loopback(domain),
        }
    }
}

/// 127.0.0.1, or ::1 for an IPv6 socket.
fn loopback(domain: Domain) -> IpAddr {
    if domain == Domain::IPV6 {
        IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
    } else {
        IpAddr::from([127, 0, 0, 1])
    }
}

/// A lesson's unix socket path: relative and inside its scratch directory.
fn confined_path(path: &std::path::Path) -> Result<(), UsageError> {
    use std::path::Component;
    let escapes = path
        .components()
        .any(|c| matches!(c, Component::RootDir | Component::ParentDir));
    if escapes {
        return Err(UsageError::new(crate::worded!(
            "session-error-lesson-unix-path",
            path = path.display().to_string()
        )));
    }
    Ok(())
}

fn bad_unix_address(error: io::Error) -> UsageError {
    UsageError::new(crate::worded!(
        "session-error-bad-unix-address",
        reason = error.to_string()
    ))
}

fn any_address(domain: Domain, port: u16) -> SockAddr {
    if domain == Domain::IPV6 {
        SockAddr::from(SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, port)))
    } else {
        SockAddr::from(SocketAddr::from(([0, 0, 0, 0], port)))
    }
}

fn resolve_host(host: &str, port: u16, domain: Domain) -> Result<SockAddr, UsageError> {
    use std::net::ToSocketAddrs;
    let found: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| {
            UsageError::new(crate::worded!(
                "session-error-cannot-resolve",
                host = host,
                reason = e.to_string()
            ))
        })?
        .collect();
    let want_v6 = domain == Domain::IPV6;
    found
        .iter()
        .find(|a| a.is_ipv6() == want_v6)
        .or(found.first())
        .map(|a| SockAddr::from(*a))
        .ok_or_else(|| UsageError::new(crate::worded!("session-error-no-address", host = host)))
}
