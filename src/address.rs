//! Socket addresses as a person writes them, and as socklab prints them.
//!
//! Owns the address syntax (`127.0.0.1:80`, `[::1]:80`, `:80`, `localhost:80`,
//! `/tmp/x.sock`, `@name`, or a handle name) and the one printed form of a
//! `SockAddr`. Turning a spec into a `SockAddr` needs the socket's family and,
//! for a handle name, the session: that happens in `Session::resolve`.

use std::ffi::OsStr;
use std::fmt::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use socket2::SockAddr;

/// An address as written on the command line, not yet resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddrSpec {
    /// `127.0.0.1:8080` or `[::1]:8080`.
    Inet(SocketAddr),
    /// `:8080`: the any-address of the socket's family.
    AnyPort(u16),
    /// `localhost:8080`: resolved with getaddrinfo, in the socket's family.
    Host(String, u16),
    /// `/tmp/x.sock`, `./x.sock`: a filesystem AF_UNIX address.
    UnixPath(PathBuf),
    /// `@name`: an AF_UNIX address in Linux's abstract namespace.
    Abstract(Vec<u8>),
    /// A handle name: that handle's local address.
    Handle(String),
}

/// The longest unix path (sun_path's 108 bytes less the NUL) or abstract name.
pub const MAX_UNIX_PATH: usize = 107;

/// What is wrong with an address as written, and what would be right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    NoAbstractName,
    AbstractTooLong(usize),
    PathTooLong(usize),
    NotAnAddress(String),
    Ipv6WithoutBrackets(String),
    NotAHostName(String),
    NoClosingBracket(String),
    NotIpv6(String),
    NoPortAfterBracket(String),
    Ipv4Parts { host: String, parts: usize },
    Ipv4PartTooBig { host: String, part: u32 },
    Ipv4EmptyPart(String),
    NotIpv4(String),
    NoPort,
    PortOutOfRange(u64),
    PortNotANumber(String),
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AddressError::*;
        let max = MAX_UNIX_PATH;
        let forms = || crate::t!("error-address-forms");
        let text = match self {
            NoAbstractName => crate::t!("error-address-no-abstract-name"),
            &AbstractTooLong(len) => {
                crate::t!("error-address-abstract-too-long", max = max, len = len)
            }
            &PathTooLong(len) => crate::t!("error-address-path-too-long", max = max, len = len),
            NotAnAddress(text) => crate::t!(
                "error-address-not-an-address",
                text = text.as_str(),
                forms = forms()
            ),
            Ipv6WithoutBrackets(text) => {
                crate::t!("error-address-ipv6-without-brackets", text = text.as_str())
            }
            NotAHostName(text) => crate::t!(
                "error-address-not-a-host-name",
                text = text.as_str(),
                forms = forms()
            ),
            NoClosingBracket(text) => {
                crate::t!("error-address-no-closing-bracket", text = text.as_str())
            }
            NotIpv6(text) => crate::t!("error-address-not-ipv6", text = text.as_str()),
            NoPortAfterBracket(text) => {
                crate::t!("error-address-no-port-after-bracket", text = text.as_str())
            }
            Ipv4Parts { host, parts } => {
                let parts = *parts;
                crate::t!(
                    "error-address-ipv4-parts",
                    host = host.as_str(),
                    parts = parts
                )
            }
            Ipv4PartTooBig { host, part } => {
                let part = *part;
                crate::t!(
                    "error-address-ipv4-part-too-big",
                    host = host.as_str(),
                    part = part
                )
            }
            Ipv4EmptyPart(host) => crate::t!("error-address-ipv4-empty-part", host = host.as_str()),
            NotIpv4(host) => crate::t!("error-address-not-ipv4", host = host.as_str()),
            NoPort => crate::t!("error-address-no-port"),
            PortOutOfRange(port) => {
                crate::t!("error-address-port-out-of-range", port = port.to_string())
            }
            PortNotANumber(text) => {
                crate::t!("error-address-port-not-a-number", text = text.as_str())
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AddressError {}

/// Parses everything but a handle name (the parser checks handles first).
pub fn parse(text: &str) -> Result<AddrSpec, AddressError> {
    if let Some(name) = text.strip_prefix('@') {
        if name.is_empty() {
            return Err(AddressError::NoAbstractName);
        }
        if name.len() > MAX_UNIX_PATH {
            return Err(AddressError::AbstractTooLong(name.len()));
        }
        return Ok(AddrSpec::Abstract(name.as_bytes().to_vec()));
    }
    if text.starts_with('/') || text.starts_with("./") || text.starts_with("../") {
        // sun_path has 108 bytes, one of them the terminating NUL.
        if text.len() > MAX_UNIX_PATH {
            return Err(AddressError::PathTooLong(text.len()));
        }
        return Ok(AddrSpec::UnixPath(PathBuf::from(text)));
    }
    if let Some(rest) = text.strip_prefix('[') {
        return parse_bracketed_v6(text, rest);
    }
    if let Some(port) = text.strip_prefix(':')
        && !port.contains(':')
    {
        return parse_port(port).map(AddrSpec::AnyPort);
    }
    let Some((host, port)) = text.rsplit_once(':') else {
        return Err(AddressError::NotAnAddress(text.to_string()));
    };
    if host.contains(':') {
        return Err(AddressError::Ipv6WithoutBrackets(text.to_string()));
    }
    let port = parse_port(port)?;
    if host.is_empty() {
        return Ok(AddrSpec::AnyPort(port));
    }
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return parse_ipv4(host).map(|ip| AddrSpec::Inet(SocketAddr::new(IpAddr::V4(ip), port)));
    }
    let valid_host = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
    if !valid_host {
        return Err(AddressError::NotAHostName(host.to_string()));
    }
    Ok(AddrSpec::Host(host.to_string(), port))
}

fn parse_bracketed_v6(text: &str, rest: &str) -> Result<AddrSpec, AddressError> {
    let Some((inside, after)) = rest.split_once(']') else {
        return Err(AddressError::NoClosingBracket(text.to_string()));
    };
    let ip: Ipv6Addr = inside
        .parse()
        .map_err(|_| AddressError::NotIpv6(inside.to_string()))?;
    let Some(port) = after.strip_prefix(':') else {
        return Err(AddressError::NoPortAfterBracket(text.to_string()));
    };
    let port = parse_port(port)?;
    Ok(AddrSpec::Inet(SocketAddr::new(IpAddr::V6(ip), port)))
}

fn parse_ipv4(host: &str) -> Result<Ipv4Addr, AddressError> {
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() != 4 {
        return Err(AddressError::Ipv4Parts {
            host: host.to_string(),
            parts: parts.len(),
        });
    }
    for part in &parts {
        match part.parse::<u32>() {
            Ok(n) if n > 255 => {
                return Err(AddressError::Ipv4PartTooBig {
                    host: host.to_string(),
                    part: n,
                });
            }
            Ok(_) => {}
            Err(_) => return Err(AddressError::Ipv4EmptyPart(host.to_string())),
        }
    }
    host.parse()
        .map_err(|_| AddressError::NotIpv4(host.to_string()))
}

/// A port: a number from 0 to 65535 (0 lets the kernel choose).
pub fn parse_port(text: &str) -> Result<u16, AddressError> {
    if text.is_empty() {
        return Err(AddressError::NoPort);
    }
    match text.parse::<u64>() {
        Ok(n) if n <= 65535 => Ok(n as u16),
        Ok(n) => Err(AddressError::PortOutOfRange(n)),
        Err(_) => Err(AddressError::PortNotANumber(text.to_string())),
    }
}

/// The one printed form of an address: `127.0.0.1:41234`, `[::1]:41234`,
/// `/tmp/x.sock`, `@name`, or `(unnamed)` for an unbound unix socket.
pub fn display(addr: &SockAddr) -> String {
    if let Some(inet) = addr.as_socket() {
        return inet.to_string();
    }
    if let Some(path) = addr.as_pathname() {
        use std::os::unix::ffi::OsStrExt;
        return crate::safe_text::escape_bytes(path.as_os_str().as_bytes());
    }
    if let Some(name) = addr.as_abstract_namespace() {
        let mut out = String::from("@");
        for &b in name {
            if b.is_ascii_graphic() {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        return out;
    }
    // An unnamed unix sender comes back with no address at all (length 0).
    if addr.is_unix() || addr.len() == 0 {
        return "(unnamed)".into();
    }
    format!("(family {})", addr.family())
}

/// `SockAddr` for an AF_UNIX path or abstract name.
pub fn unix_sockaddr(spec: &AddrSpec) -> Option<std::io::Result<SockAddr>> {
    match spec {
        AddrSpec::UnixPath(path) => Some(SockAddr::unix(path)),
        AddrSpec::Abstract(name) => {
            let mut bytes = vec![0u8];
            bytes.extend_from_slice(name);
            Some(SockAddr::unix(OsStr::from_bytes(&bytes)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let cases: &[(&str, AddrSpec)] = &[
            (
                "127.0.0.1:8080",
                AddrSpec::Inet("127.0.0.1:8080".parse().unwrap()),
            ),
            ("0.0.0.0:0", AddrSpec::Inet("0.0.0.0:0".parse().unwrap())),
            ("[::1]:8080", AddrSpec::Inet("[::1]:8080".parse().unwrap())),
            (":8080", AddrSpec::AnyPort(8080)),
            ("localhost:80", AddrSpec::Host("localhost".into(), 80)),
            ("/tmp/x.sock", AddrSpec::UnixPath("/tmp/x.sock".into())),
            ("./x.sock", AddrSpec::UnixPath("./x.sock".into())),
            ("@lab", AddrSpec::Abstract(b"lab".to_vec())),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).as_ref(), Ok(want), "{text}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        let cases: &[(&str, &str)] = &[
            ("999.1.1.1:80", "999 is more than 255"),
            ("127.0.0.1:70000", "port 70000 is out of range"),
            ("127.0.0.1:", "missing port"),
            ("127.0.0.1:http", "port 'http' is not a number"),
            ("1.2.3:80", "it has 3 parts"),
            ("::1:80", "in brackets"),
            ("[::1]80", "missing ':PORT'"),
            ("[::1:80", "missing ']'"),
            ("[zz]:80", "'zz' is not an IPv6 address"),
            ("@", "needs a name"),
            ("nothing", "is not an address"),
            ("bad host!:80", "is not a host name"),
        ];
        for (text, fragment) in cases {
            let err = parse(text).expect_err(text);
            assert!(
                err.to_string().contains(fragment),
                "{text}: {err:?} lacks {fragment:?}"
            );
        }
    }

    #[test]
    fn prints_addresses() {
        let v4: SocketAddr = "127.0.0.1:5".parse().unwrap();
        assert_eq!(display(&SockAddr::from(v4)), "127.0.0.1:5");
        let v6: SocketAddr = "[::1]:5".parse().unwrap();
        assert_eq!(display(&SockAddr::from(v6)), "[::1]:5");
        let abs = unix_sockaddr(&AddrSpec::Abstract(b"lab".to_vec()))
            .unwrap()
            .unwrap();
        assert_eq!(display(&abs), "@lab");
        let path = unix_sockaddr(&AddrSpec::UnixPath("/tmp/s".into()))
            .unwrap()
            .unwrap();
        assert_eq!(display(&path), "/tmp/s");
    }
}
