//! `Kind`: what a handle is, as `socket KIND` names it (tcp, udp6, unix-dgram,
//! …), and the domain and type that make it.

use socket2::Domain;

/// What a handle is, as created by `socket KIND` (accepted handles inherit it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Tcp,
    Tcp6,
    Udp,
    Udp6,
    Unix,
    UnixDgram,
    UnixSeqpacket,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Tcp,
        Kind::Udp,
        Kind::Tcp6,
        Kind::Udp6,
        Kind::Unix,
        Kind::UnixDgram,
        Kind::UnixSeqpacket,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Tcp => "tcp",
            Kind::Tcp6 => "tcp6",
            Kind::Udp => "udp",
            Kind::Udp6 => "udp6",
            Kind::Unix => "unix",
            Kind::UnixDgram => "unix-dgram",
            Kind::UnixSeqpacket => "unix-seqpacket",
        }
    }

    pub fn domain(self) -> Domain {
        match self {
            Kind::Tcp | Kind::Udp => Domain::IPV4,
            Kind::Tcp6 | Kind::Udp6 => Domain::IPV6,
            Kind::Unix | Kind::UnixDgram | Kind::UnixSeqpacket => Domain::UNIX,
        }
    }

    pub fn socket_type(self) -> socket2::Type {
        match self {
            Kind::Tcp | Kind::Tcp6 | Kind::Unix => socket2::Type::STREAM,
            Kind::Udp | Kind::Udp6 | Kind::UnixDgram => socket2::Type::DGRAM,
            Kind::UnixSeqpacket => socket2::Type::SEQPACKET,
        }
    }

    pub fn is_tcp(self) -> bool {
        matches!(self, Kind::Tcp | Kind::Tcp6)
    }
}
