//! Configuring the lab's namespaces with rtnetlink (as `ip link` and `ip
//! addr` would): veth pairs, addresses, links up or down, and the offloads
//! turned off so that every frame on the wire is one real segment with a
//! real checksum. Each function acts in the calling thread's namespace.
//!
//! Owns: those netlink requests, finding an interface by name, and why
//! either failed (`Error`). Does not own the namespaces (`netns`).

use std::net::IpAddr;

use nix::errno::Errno;

use netlink_packet_core::{
    NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage,
    NetlinkPayload,
};
use netlink_packet_route::RouteNetlinkMessage;
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, LinkAttribute, LinkFlags, LinkInfo, LinkMessage,
};
use netlink_sys::protocols::NETLINK_ROUTE;
use netlink_sys::{Socket, SocketAddr};

use super::netns::Netns;

/// Why a netlink request, or finding an interface, failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The netlink socket itself: opening, sending, receiving.
    Netlink(std::io::Error),
    Decode(netlink_packet_core::DecodeError),
    /// The kernel refused the request.
    Refused(Errno),
    NoInterface {
        name: String,
        errno: Errno,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Netlink(error) => crate::t!("lab-error-netlink", reason = error.to_string()),
            Error::Decode(error) => crate::t!("lab-error-netlink", reason = error.to_string()),
            Error::Refused(errno) => crate::t!("lab-error-netlink", reason = errno.desc()),
            Error::NoInterface { name, errno } => {
                crate::t!("lab-error-no-interface", name = name, reason = errno.desc())
            }
        };
        f.write_str(&text)
    }
}

/// Sends one rtnetlink request and waits for its acknowledgement.
fn request(message: RouteNetlinkMessage, create: bool) -> Result<(), Error> {
    request_with(message, if create { NLM_F_CREATE | NLM_F_EXCL } else { 0 })
}

fn request_with(message: RouteNetlinkMessage, extra: u16) -> Result<(), Error> {
    let mut socket = Socket::new(NETLINK_ROUTE).map_err(Error::Netlink)?;
    socket.bind_auto().map_err(Error::Netlink)?;
    socket
        .connect(&SocketAddr::new(0, 0))
        .map_err(Error::Netlink)?;
    let mut header = NetlinkHeader::default();
    header.flags = NLM_F_REQUEST | NLM_F_ACK | extra;
    let mut packet = NetlinkMessage::new(header, NetlinkPayload::from(message));
    packet.finalize();
    let mut bytes = vec![0; packet.buffer_len()];
    packet.serialize(&mut bytes);
    socket.send(&bytes, 0).map_err(Error::Netlink)?;
    let mut reply = vec![0; 8192];
    let size = socket
        .recv(&mut &mut reply[..], 0)
        .map_err(Error::Netlink)?;
    let answer = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&reply[..size])
        .map_err(Error::Decode)?;
    match answer.payload {
        NetlinkPayload::Error(error) => match error.code {
            None => Ok(()),
            Some(code) => Err(Error::Refused(Errno::from_raw(-code.get()))),
        },
        _ => Ok(()),
    }
}

/// A veth pair here: `name` in this namespace, `peer` (named `peer_name`)
/// moved into `peer_ns`.
pub fn veth(name: &str, peer_name: &str, peer_ns: &Netns, peer_mac: [u8; 6]) -> Result<(), Error> {
    let mut peer = LinkMessage::default();
    peer.attributes
        .push(LinkAttribute::IfName(peer_name.into()));
    peer.attributes
        .push(LinkAttribute::Address(peer_mac.to_vec()));
    peer.attributes.push(LinkAttribute::NetNsFd(peer_ns.raw()));
    let mut link = LinkMessage::default();
    link.attributes.push(LinkAttribute::IfName(name.into()));
    link.attributes.push(LinkAttribute::LinkInfo(vec![
        LinkInfo::Kind(InfoKind::Veth),
        LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer))),
    ]));
    request(RouteNetlinkMessage::NewLink(link), true)
}

/// Interface `name`'s index, in the calling thread's namespace.
pub fn index(name: &str) -> Result<u32, Error> {
    nix::net::if_::if_nametoindex(name).map_err(|errno| Error::NoInterface {
        name: name.to_string(),
        errno,
    })
}

/// Brings interface `name` up or down.
pub fn set_up(name: &str, up: bool) -> Result<(), Error> {
    let mut link = LinkMessage::default();
    link.header.index = index(name)?;
    link.header.change_mask = LinkFlags::Up;
    if up {
        link.header.flags = LinkFlags::Up;
    }
    request(RouteNetlinkMessage::SetLink(link), false)
}

/// Adds `ip/prefix` to interface `name`, with no duplicate address
/// detection (an IPv6 address is usable at once).
pub fn add_address(name: &str, ip: IpAddr, prefix: u8) -> Result<(), Error> {
    let mut message = AddressMessage::default();
    message.header.family = match ip {
        IpAddr::V4(_) => netlink_packet_route::AddressFamily::Inet,
        IpAddr::V6(_) => netlink_packet_route::AddressFamily::Inet6,
    };
    message.header.prefix_len = prefix;
    message.header.index = index(name)?;
    message.attributes.push(AddressAttribute::Local(ip));
    message.attributes.push(AddressAttribute::Address(ip));
    message
        .attributes
        .push(AddressAttribute::Flags(AddressFlags::Nodad));
    request(RouteNetlinkMessage::NewAddress(message), true)
}

/// Turns off the offloads that would put more (or less) than one real
/// segment in a frame: TSO, GSO, GRO, scatter-gather, and checksum offload
/// (so each frame carries its real checksum).
pub fn offloads_off(name: &str) {
    use crate::sys::ethtool::*;
    for cmd in [SET_TSO, SET_GSO, SET_GRO, SET_SG, SET_TX_CSUM] {
        // A device that lacks the feature refuses; that is the same as off.
        let _ = crate::sys::ethtool_set(name, cmd, 0);
    }
}

/// A permanent neighbour entry on `name`: `ip` is at `mac`, so no ARP or
/// neighbour discovery is ever needed (nor delays a segment after a cable
/// was pulled and plugged back).
pub fn neighbour(name: &str, ip: IpAddr, mac: [u8; 6]) -> Result<(), Error> {
    use netlink_packet_route::neighbour::{
        NeighbourAddress, NeighbourAttribute, NeighbourMessage, NeighbourState,
    };
    let mut message = NeighbourMessage::default();
    message.header.ifindex = index(name)?;
    message.header.state = NeighbourState::Permanent;
    let (family, address) = match ip {
        IpAddr::V4(v4) => (
            netlink_packet_route::AddressFamily::Inet,
            NeighbourAddress::Inet(v4),
        ),
        IpAddr::V6(v6) => (
            netlink_packet_route::AddressFamily::Inet6,
            NeighbourAddress::Inet6(v6),
        ),
    };
    message.header.family = family;
    message
        .attributes
        .push(NeighbourAttribute::Destination(address));
    message
        .attributes
        .push(NeighbourAttribute::LinkLayerAddress(mac.to_vec()));
    request(RouteNetlinkMessage::NewNeighbour(message), true)
}

/// Replaces the connected route to `network/prefix` on `name` with the same
/// route marked `quickack` (or not): the host acknowledges at once instead
/// of delaying its ACKs, so what each delivery causes shows under it — a
/// lesson by hand does not depend on a 40 ms timer.
pub fn quickack_route(
    name: &str,
    network: IpAddr,
    prefix: u8,
    quickack: bool,
) -> Result<(), Error> {
    use netlink_packet_route::route::{
        RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteMetric, RouteProtocol,
        RouteScope, RouteType,
    };
    let mut route = RouteMessage::default();
    route.header.destination_prefix_length = prefix;
    route.header.table = RouteHeader::RT_TABLE_MAIN;
    route.header.protocol = RouteProtocol::Kernel;
    route.header.kind = RouteType::Unicast;
    match network {
        IpAddr::V4(v4) => {
            route.header.address_family = netlink_packet_route::AddressFamily::Inet;
            route.header.scope = RouteScope::Link;
            route
                .attributes
                .push(RouteAttribute::Destination(RouteAddress::Inet(v4)));
        }
        IpAddr::V6(v6) => {
            route.header.address_family = netlink_packet_route::AddressFamily::Inet6;
            route.header.scope = RouteScope::Universe;
            route
                .attributes
                .push(RouteAttribute::Destination(RouteAddress::Inet6(v6)));
            route.attributes.push(RouteAttribute::Priority(256));
        }
    }
    route.attributes.push(RouteAttribute::Oif(index(name)?));
    route
        .attributes
        .push(RouteAttribute::Metrics(vec![RouteMetric::QuickAck(
            u32::from(quickack),
        )]));
    request_with(
        RouteNetlinkMessage::NewRoute(route),
        NLM_F_CREATE | netlink_packet_core::NLM_F_REPLACE,
    )
}

/// Interface `name`'s changes as the kernel reports them, from the moment
/// the watch is made (in the calling thread's namespace).
///
/// A veth whose peer comes up has its carrier at once, but its queue is
/// given back to it later, by the kernel's `linkwatch` work, which runs
/// apart and waits for every other interface change on the machine; until
/// then whatever the host sends is dropped before any tap sees it. The
/// kernel reports the interface up (`RTM_NEWLINK`, operational state up)
/// only once that work has given the queue back.
pub struct LinkWatch {
    socket: Socket,
    index: u32,
}

impl LinkWatch {
    pub fn new(name: &str) -> Result<LinkWatch, Error> {
        let mut socket = Socket::new(NETLINK_ROUTE).map_err(Error::Netlink)?;
        // RTMGRP_LINK: every interface's changes.
        socket
            .bind(&SocketAddr::new(0, libc::RTMGRP_LINK as u32))
            .map_err(Error::Netlink)?;
        socket.set_non_blocking(true).map_err(Error::Netlink)?;
        Ok(LinkWatch {
            socket,
            index: index(name)?,
        })
    }

    /// Waits until the kernel reports the interface up, for at most
    /// `limit`; whether it did.
    pub fn until_up(&self, limit: std::time::Duration) -> bool {
        use netlink_packet_route::link::State;
        use std::os::fd::AsFd;
        let deadline = std::time::Instant::now() + limit;
        let mut buffer = vec![0u8; 16 << 10];
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let Ok((ready, _)) = crate::sys::poll(
                &[self.socket.as_fd()],
                libc::POLLIN,
                i32::try_from(left.as_millis().max(1)).unwrap_or(i32::MAX),
            ) else {
                return false;
            };
            if ready == 0 {
                return false;
            }
            let Ok(size) = self.socket.recv(&mut &mut buffer[..], 0) else {
                // ENOBUFS: notifications were lost; the next one may be ours.
                continue;
            };
            let mut bytes = &buffer[..size];
            while let Ok(message) = NetlinkMessage::<RouteNetlinkMessage>::deserialize(bytes) {
                if let NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewLink(link)) =
                    &message.payload
                    && link.header.index == self.index
                    && link
                        .attributes
                        .iter()
                        .any(|a| matches!(a, LinkAttribute::OperState(State::Up)))
                {
                    return true;
                }
                let length = message.header.length as usize;
                if length == 0 || length >= bytes.len() {
                    break;
                }
                bytes = &bytes[length.next_multiple_of(4).min(bytes.len())..];
            }
        }
    }
}
