//! Address specs (`127.0.0.1:0`, `:8080`, `localhost:80`, a unix path, a
//! handle name) turned into socket addresses for a socket of a domain.

use std::io;
use std::net::SocketAddr;

use socket2::{Domain, SockAddr};

use super::Session;
use crate::address::{self, AddrSpec};
use crate::error::UsageError;

impl Session {
    /// Turns an address spec into a socket address for a socket of `domain`.
    pub fn resolve(&self, spec: &AddrSpec, domain: Domain) -> Result<SockAddr, UsageError> {
        match spec {
            AddrSpec::Inet(addr) => Ok(SockAddr::from(*addr)),
            AddrSpec::AnyPort(port) => Ok(any_address(domain, *port)),
            AddrSpec::Host(host, port)
                if let Some(addr) = self.lab_host_address(host, *port, domain) =>
            {
                Ok(addr)
            }
            AddrSpec::Host(host, port) if self.confined => confined_host(host, *port, domain),
            AddrSpec::Host(host, port) => resolve_host(host, *port, domain),
            AddrSpec::UnixPath(path) if self.confined => {
                confined_path(path)?;
                address::unix_sockaddr(spec)
                    .unwrap_or_else(|| Err(io::Error::other("not a unix address")))
                    .map_err(|e| UsageError::new(format!("bad unix address: {e}")))
            }
            AddrSpec::UnixPath(_) | AddrSpec::Abstract(_) => address::unix_sockaddr(spec)
                .unwrap_or_else(|| Err(io::Error::other("not a unix address")))
                .map_err(|e| UsageError::new(format!("bad unix address: {e}"))),
            AddrSpec::Handle(name) => self.handle_address(name, domain),
        }
    }

    /// A handle's local address, for `connect cli srv`; an unspecified IP
    /// (0.0.0.0, ::) becomes loopback in the family of the socket that will
    /// use it (an IPv4 client of a dual-stack [::] listener gets 127.0.0.1).
    fn handle_address(&self, name: &str, domain: Domain) -> Result<SockAddr, UsageError> {
        let handle = self.lookup(name)?;
        let local = handle
            .socket
            .local_addr()
            .map_err(|e| UsageError::new(format!("cannot read {name}'s address: {e}")))?;
        let unspecified_port = match local.as_socket() {
            Some(SocketAddr::V4(v4)) if v4.ip().is_unspecified() => Some(v4.port()),
            Some(SocketAddr::V6(v6)) if v6.ip().is_unspecified() => Some(v6.port()),
            _ => None,
        };
        Ok(match unspecified_port {
            Some(port) if domain == Domain::IPV6 => {
                SockAddr::from(SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port)))
            }
            Some(port) => SockAddr::from(SocketAddr::from(([127, 0, 0, 1], port))),
            None => local,
        })
    }
}

/// In a lesson, `localhost` is loopback without asking the resolver (which
/// may talk to a daemon outside the lesson's network); no other name is
/// looked up.
fn confined_host(host: &str, port: u16, domain: Domain) -> Result<SockAddr, UsageError> {
    if !host.eq_ignore_ascii_case("localhost") {
        return Err(UsageError::new(format!(
            "a lesson does not look up host names ('{host}'): use 127.0.0.1, [::1] or \
             localhost — or run the file as your own script with socklab run"
        )));
    }
    let ip = if domain == Domain::IPV6 {
        std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
    } else {
        std::net::IpAddr::from([127, 0, 0, 1])
    };
    Ok(SockAddr::from(SocketAddr::new(ip, port)))
}

/// A lesson's unix socket path: relative and inside its scratch directory.
fn confined_path(path: &std::path::Path) -> Result<(), UsageError> {
    use std::path::Component;
    let escapes = path
        .components()
        .any(|c| matches!(c, Component::RootDir | Component::ParentDir));
    if escapes {
        return Err(UsageError::new(format!(
            "a lesson's unix socket paths are relative to its own scratch directory: \
             write ./name.sock, not '{}' (absolute paths and .. are refused in lessons; \
             @name is an abstract socket; socklab run runs the file as your own script)",
            path.display()
        )));
    }
    Ok(())
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
        .map_err(|e| UsageError::new(format!("cannot resolve '{host}': {e}")))?
        .collect();
    let want_v6 = domain == Domain::IPV6;
    found
        .iter()
        .find(|a| a.is_ipv6() == want_v6)
        .or(found.first())
        .map(|a| SockAddr::from(*a))
        .ok_or_else(|| UsageError::new(format!("'{host}' has no address")))
}
