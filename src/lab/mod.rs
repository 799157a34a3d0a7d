//! The network lab: two hosts, `a` and `b`, each a network namespace of
//! its own, joined by a link that socklab relays frame by frame, so that a
//! person can hold, deliver, drop, duplicate and corrupt real segments.
//!
//! ```text
//!  host a (netns)            wire (netns)              host b (netns)
//!  eth0 192.0.2.1  ══veth══  va ── relay ── vb  ══veth══  eth0 192.0.2.2
//! ```
//!
//! Owns: the namespaces (`netns`), their configuration (`setup`), the
//! relay thread and its policy (`relay`), the link's properties as a path
//! (`path`: delay, loss, rate …), and why any of it failed (`Error`,
//! which holds each piece's own error type). Knows nothing of sessions or
//! commands: the session asks it to make sockets in a host, to act on
//! the link, and for the segments that crossed it.

pub mod diag;
pub mod dir;
pub mod held;
pub mod kernel_path;
pub mod netns;
pub mod path;
pub mod relay;
pub mod setup;
pub mod sysctl;
pub mod taps;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use crate::budget::Budget;

pub use dir::Dir;
use netns::Netns;
pub use path::{Counters, Props};
pub use relay::{Crossing, Fate, Next, Relay};
use taps::{HostTaps, Taps};

/// Why the lab could not be built, or could not do what it was asked: each
/// piece's own reason, or the lab's.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    Namespace(#[from] netns::Error),
    Setup(#[from] setup::Error),
    Taps(#[from] taps::Error),
    Relay(#[from] relay::Error),
    Sysctl(#[from] sysctl::Error),
    Quiet {
        side: &'static str,
        error: std::io::Error,
    },
    EarlyRetrans(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Namespace(error) => return error.fmt(f),
            Error::Setup(error) => return error.fmt(f),
            Error::Taps(error) => return error.fmt(f),
            Error::Relay(error) => return error.fmt(f),
            Error::Sysctl(error) => return error.fmt(f),
            Error::Quiet { side, error } => {
                crate::t!(
                    "lab-error-quiet",
                    side = side.to_string(),
                    reason = error.to_string()
                )
            }
            Error::EarlyRetrans(error) => {
                crate::t!("lab-error-early-retrans", reason = error.to_string())
            }
        };
        f.write_str(&text)
    }
}

/// Whether a lab can be made here (network namespaces allowed), tried once.
pub fn available() -> bool {
    static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *AVAILABLE.get_or_init(|| Netns::new().is_ok())
}

/// One of the lab's two hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    A,
    B,
}

impl Host {
    pub const ALL: [Host; 2] = [Host::A, Host::B];

    pub fn name(self) -> &'static str {
        match self {
            Host::A => "a",
            Host::B => "b",
        }
    }

    pub fn from_name(name: &str) -> Option<Host> {
        match name {
            "a" | "A" => Some(Host::A),
            "b" | "B" => Some(Host::B),
            _ => None,
        }
    }

    /// 192.0.2.1 or .2: documentation addresses (RFC 5737) that exist only
    /// inside the lab's namespaces.
    pub fn ipv4(self) -> Ipv4Addr {
        match self {
            Host::A => Ipv4Addr::new(192, 0, 2, 1),
            Host::B => Ipv4Addr::new(192, 0, 2, 2),
        }
    }

    /// 2001:db8::1 or ::2 (RFC 3849).
    pub fn ipv6(self) -> Ipv6Addr {
        match self {
            Host::A => Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1),
            Host::B => Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2),
        }
    }

    /// The host an address belongs to, if it is one of the lab's.
    pub fn of(ip: IpAddr) -> Option<Host> {
        Host::ALL
            .into_iter()
            .find(|h| ip == IpAddr::V4(h.ipv4()) || ip == IpAddr::V6(h.ipv6()))
    }

    fn index(self) -> usize {
        match self {
            Host::A => 0,
            Host::B => 1,
        }
    }

    /// Its eth0's MAC address (locally administered).
    pub fn mac(self) -> [u8; 6] {
        [0x02, 0, 0, 0, 0, self.index() as u8 + 1]
    }

    pub fn other(self) -> Host {
        match self {
            Host::A => Host::B,
            Host::B => Host::A,
        }
    }

    /// The direction of a frame this host sends.
    pub fn sends(self) -> Dir {
        match self {
            Host::A => Dir::AtoB,
            Host::B => Dir::BtoA,
        }
    }
}

/// Marks the host's routes to the link quickack (ACK at once) or not (the
/// kernel's delayed ACKs, as on an ordinary host). Run within the host.
fn quickack(on: bool) -> Result<(), setup::Error> {
    setup::quickack_route("eth0", IpAddr::V4(Ipv4Addr::new(192, 0, 2, 0)), 24, on)?;
    setup::quickack_route(
        "eth0",
        IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0)),
        64,
        on,
    )
}

/// The cables, in the wire's namespace: a veth pair from each of its ends
/// (`va`, `vb`) to a host's `eth0`, left down.
fn lay_cables(hosts: &[Netns; 2]) -> Result<(), Error> {
    for (side, host, which) in [("va", &hosts[0], Host::A), ("vb", &hosts[1], Host::B)] {
        setup::veth(side, "eth0", host, which.mac())?;
        setup::offloads_off(side);
        // The cable's own end says nothing: with IPv6 on, va and vb
        // would send router solicitations and the like of their
        // own into the hosts, frames the relay never handed over
        // (and `settle` counts every frame a host takes in).
        std::fs::write(
            format!("/proc/sys/net/ipv6/conf/{side}/disable_ipv6"),
            "1\n",
        )
        .map_err(|error| Error::Quiet { side, error })?;
    }
    Ok(())
}

/// A host's side, within it: `eth0` up with its addresses, ACKs at once,
/// no tail loss probe, and the other host's address known.
fn configure_host(host: Host) -> Result<(), Error> {
    setup::offloads_off("eth0");
    setup::set_up("eth0", true)?;
    setup::add_address("eth0", IpAddr::V4(host.ipv4()), 24)?;
    setup::add_address("eth0", IpAddr::V6(host.ipv6()), 64)?;
    quickack(true)?;
    // No tail loss probe: a segment held on the link would draw
    // a probe 10 ms later, on a timer, not at the user's word.
    // (sysctl HOST net.ipv4.tcp_early_retrans=3 turns it back on.)
    std::fs::write("/proc/sys/net/ipv4/tcp_early_retrans", "0\n").map_err(Error::EarlyRetrans)?;
    let other = host.other();
    setup::neighbour("eth0", IpAddr::V4(other.ipv4()), other.mac())?;
    setup::neighbour("eth0", IpAddr::V6(other.ipv6()), other.mac())?;
    Ok(())
}

/// The cables' ends last, once both hosts are up: a frame a host sent
/// (IPv6 says hello as soon as it has a carrier) would be lost going into
/// a host not yet up, counted as handed over. Then waits until each host
/// can send (see `setup::LinkWatch`). The calling thread is in host a.
fn plug_in(wire: &Netns, hosts: &[Netns; 2]) -> Result<(), Error> {
    let home = &hosts[0];
    let watches = [
        setup::LinkWatch::new("eth0")?,
        hosts[1].within(home, || setup::LinkWatch::new("eth0"))??,
    ];
    wire.within(home, || -> Result<(), setup::Error> {
        setup::set_up("va", true)?;
        setup::set_up("vb", true)
    })??;
    for watch in &watches {
        watch.until_up(CARRIER_LIMIT);
    }
    Ok(())
}

/// How long plugging a cable back waits for the host's side to be able to
/// send (the kernel does it within milliseconds, later on a busy machine).
const CARRIER_LIMIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The lab: the hosts' namespaces, the wire's, and the relay between.
/// Made by a thread that then lives in host a (sockets are made there
/// unless they name another host).
pub struct Lab {
    hosts: [Netns; 2],
    /// Where the relay's interfaces (va, vb) are.
    wire: Netns,
    pub relay: Relay,
    /// Hosts whose cable is pulled (`host HOST down`).
    down: [bool; 2],
    /// Hosts that delay their ACKs (`host HOST delayed-ack on`).
    delayed_ack: [bool; 2],
}

impl Lab {
    /// Builds the lab and moves the calling thread into host a; what the
    /// link keeps (held and delayed frames, its log) is kept only while
    /// `budget` has room.
    pub fn build(budget: Arc<Budget>) -> Result<Lab, Error> {
        Lab::build_with(Some(kernel_path::RING_SIZE), Some(budget))
    }

    /// `build`, with the kernel's path for a plain link and a ring of that
    /// many bytes, or without it (every frame goes through the relay
    /// thread, as where BPF is refused — for measuring and testing that
    /// way as root).
    pub fn build_with(
        kernel_path: Option<usize>,
        budget: Option<Arc<Budget>>,
    ) -> Result<Lab, Error> {
        let hosts = [Netns::new()?, Netns::new()?];
        let wire = Netns::new()?;
        // The thread moves into host a first and never goes back: an
        // unprivileged user (in socklab's user namespace) may enter the
        // lab's namespaces, but not the machine's own again.
        hosts[0].enter()?;
        let home = &hosts[0];
        // The cables first, down: nothing crosses until the relay and the
        // hosts' taps are there to count it, and both hosts are up.
        wire.within(home, || lay_cables(&hosts))??;
        let taps = Taps::new(
            hosts[0].within(home, || HostTaps::open("eth0"))??,
            hosts[1].within(home, || HostTaps::open("eth0"))??,
        );
        let relay = Relay::start(&wire, home, kernel_path, budget, taps)?;
        for host in Host::ALL {
            hosts[host.index()].within(home, || configure_host(host))??;
        }
        plug_in(&wire, &hosts)?;
        Ok(Lab {
            hosts,
            wire,
            relay,
            down: [false; 2],
            delayed_ack: [false; 2],
        })
    }

    /// Pulls (false) or plugs back (true) the host's cable: its side of
    /// the link goes down, so what it sends goes nowhere and nothing
    /// reaches it — its kernel is not told, as with a real cable.
    pub fn set_cable(&mut self, host: Host, connected: bool) -> Result<(), Error> {
        let side = match host {
            Host::A => "va",
            Host::B => "vb",
        };
        // Plugged back, the host can send only once the kernel has given
        // its eth0 its queue back: wait for that, or its first frames
        // would be lost where no tap sees them.
        let watch = match connected {
            true => Some(self.within(host, || setup::LinkWatch::new("eth0"))??),
            false => None,
        };
        self.wire
            .within(&self.hosts[0], || setup::set_up(side, connected))??;
        if let Some(watch) = watch {
            watch.until_up(CARRIER_LIMIT);
        }
        self.down[host.index()] = !connected;
        self.relay.set_down(host.sends(), !connected);
        Ok(())
    }

    pub fn is_down(&self, host: Host) -> bool {
        self.down[host.index()]
    }

    /// After the host's sockets were closed with its cable pulled: aborts
    /// every TCP connection its kernel still holds (not TIME_WAIT ones),
    /// as a power cut would lose them. Returns how many.
    pub fn forget_connections(&self, host: Host) -> Result<usize, Error> {
        self.within(host, diag::destroy_all)
    }

    /// Reads, or sets then reads, a setting of `host`
    /// (`net.ipv4.tcp_syn_retries`): only the per-host settings `sysctl`
    /// lists, with the values it allows (see `sysctl`).
    pub fn sysctl(&self, host: Host, name: &str, value: Option<&str>) -> Result<String, Error> {
        let written = to_write(name, value)?;
        Ok(self.within(host, || write_and_read(name, written.as_deref()))??)
    }

    /// The host delays its ACKs as an ordinary host does (true), or ACKs
    /// every segment at once, as the lab's hosts do unless told (false).
    pub fn set_delayed_ack(&mut self, host: Host, delayed: bool) -> Result<(), Error> {
        self.within(host, || quickack(!delayed))??;
        self.delayed_ack[host.index()] = delayed;
        Ok(())
    }

    pub fn delays_acks(&self, host: Host) -> bool {
        self.delayed_ack[host.index()]
    }

    /// Adds a second cable between the hosts that bypasses the relay: a
    /// plain veth pair `direct` with the link's settings (offloads off),
    /// 2001:db8:d::1 in a and ::2 in b. For measuring the relay against
    /// the physical limit (`cargo bench`); returns b's address there.
    pub fn direct_pair(&self) -> Result<IpAddr, Error> {
        let (a, b) = (
            Ipv6Addr::new(0x2001, 0xdb8, 0xd, 0, 0, 0, 0, 1),
            Ipv6Addr::new(0x2001, 0xdb8, 0xd, 0, 0, 0, 0, 2),
        );
        setup::veth(
            "direct",
            "direct",
            &self.hosts[1],
            [0x02, 0x5b, 0, 0, 0, 0xdb],
        )?;
        for (host, ip) in [(Host::A, a), (Host::B, b)] {
            self.within(host, || -> Result<(), setup::Error> {
                setup::offloads_off("direct");
                setup::set_up("direct", true)?;
                setup::add_address("direct", IpAddr::V6(ip), 64)
            })??;
        }
        Ok(IpAddr::V6(b))
    }

    /// Runs `work` in `host` (the calling thread lives in host a).
    pub fn within<T>(&self, host: Host, work: impl FnOnce() -> T) -> Result<T, Error> {
        match host {
            Host::A => Ok(work()),
            Host::B => Ok(self.hosts[1].within(&self.hosts[0], work)?),
        }
    }
}

impl Drop for Lab {
    /// The lab's connections end with it: a connection whose socket was
    /// closed with data unacknowledged would keep retransmitting, and keep
    /// its host's namespace alive, for minutes after socklab is gone.
    fn drop(&mut self) {
        for host in Host::ALL {
            let _ = self.within(host, diag::destroy_all);
        }
    }
}

/// The value `sysctl` is to write to setting `name` (None: only read it),
/// as the kernel takes it; or why it may not.
fn to_write(name: &str, value: Option<&str>) -> Result<Option<String>, sysctl::Error> {
    let Some(value) = value else {
        return match sysctl::readable(name) {
            true => Ok(None),
            false => Err(sysctl::Error::NotListed { name: name.into() }),
        };
    };
    let setting = sysctl::find(name).ok_or_else(|| match sysctl::readable(name) {
        true => sysctl::Error::ReadOnly { name: name.into() },
        false => sysctl::Error::NotListed { name: name.into() },
    })?;
    let written = sysctl::check(setting, value, || {
        read_setting("net.ipv4.tcp_available_congestion_control").unwrap_or_default()
    })?;
    Ok(Some(written))
}

/// Writes `written` to setting `name` (if there is a value to write),
/// then reads it back: in the calling thread's namespace (a host's).
fn write_and_read(name: &str, written: Option<&str>) -> Result<String, sysctl::Error> {
    let path = sysctl_path(name);
    if !path.exists() {
        return Err(sysctl::Error::NotPerHost { name: name.into() });
    }
    if let Some(value) = written {
        std::fs::write(&path, format!("{value}\n")).map_err(|error| refused(name, value, error))?;
    }
    read_setting(name).map_err(|error| sysctl::Error::CannotRead {
        name: name.into(),
        error,
    })
}

/// Why the kernel did not take `value` for setting `name`.
fn refused(name: &str, value: &str, error: std::io::Error) -> sysctl::Error {
    match error.raw_os_error() {
        Some(libc::EPERM) if name == "net.ipv4.tcp_congestion_control" => {
            sysctl::Error::NotAllowed {
                value: value.into(),
                allowed: read_setting("net.ipv4.tcp_allowed_congestion_control")
                    .unwrap_or_default(),
            }
        }
        Some(libc::EINVAL) => sysctl::Error::KernelRefused {
            name: name.into(),
            value: value.into(),
        },
        _ => sysctl::Error::CannotSet {
            name: name.into(),
            error,
        },
    }
}

/// `/proc/sys/net/ipv4/tcp_syn_retries` for `net.ipv4.tcp_syn_retries`
/// (a listed name: letters, digits, `_` and dots only).
fn sysctl_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new("/proc/sys").join(name.replace('.', "/"))
}

/// A setting's value as the calling thread's namespace has it, tabs as spaces.
fn read_setting(name: &str) -> std::io::Result<String> {
    std::fs::read_to_string(sysctl_path(name))
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nix::errno::Errno;

    /// The errors say what they said as text before they were types:
    /// people read these, and transcripts compare them.
    #[test]
    fn errors_read_as_they_did() {
        let cases: [(Error, &str); 8] = [
            (
                netns::Error::TooMany.into(),
                "cannot make a network namespace for the lab: the limit on network namespaces \
                 is reached (user.max_net_namespaces)",
            ),
            (
                netns::Error::Refused(Errno::EPERM).into(),
                "cannot make a network namespace for the lab (Operation not permitted): run as \
                 root, or where unprivileged user namespaces are allowed",
            ),
            (
                setup::Error::NoInterface {
                    name: "va".into(),
                    errno: Errno::ENODEV,
                }
                .into(),
                "no interface va: No such device",
            ),
            (
                relay::Error::Bind {
                    name: "vb".into(),
                    errno: Errno::EPERM,
                }
                .into(),
                "cannot bind the relay to vb: Operation not permitted",
            ),
            (
                sysctl::Error::NotPerHost {
                    name: "net.ipv4.x".into(),
                }
                .into(),
                "this kernel has no per-host net.ipv4.x (it is not in the host's /proc/sys), so \
                 the lab cannot set it for one host",
            ),
            (
                sysctl::Error::NotAllowed {
                    value: "bbr".into(),
                    allowed: "reno cubic".into(),
                }
                .into(),
                "bbr is not one a host of the lab may choose: a network namespace may use only \
                 net.ipv4.tcp_allowed_congestion_control (reno cubic), which the machine's \
                 administrator sets",
            ),
            (
                sysctl::Error::NoSuchCongestion {
                    value: "bbr".into(),
                    known: vec!["reno".into(), "cubic".into()],
                }
                .into(),
                "'bbr' is not a congestion control this kernel has — it has: reno cubic \
                 (net.ipv4.tcp_available_congestion_control)",
            ),
            (
                taps::Error::Bind(Errno::EPERM).into(),
                "cannot bind the lab's tap: Operation not permitted",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
        }
        assert_eq!(relay::NoFastPath::NotAskedFor.to_string(), "not asked for");
        assert_eq!(
            relay::NoFastPath::from(kernel_path::Error::Map(Errno::EPERM)).to_string(),
            "a BPF map: Operation not permitted"
        );
    }

    /// Each message of the lab's errors (the `lab-errors` section: the
    /// lab's, the wire's, spawn's and the session's own) is written in ru
    /// and zh too, with the arguments its English message takes — read
    /// from the files themselves, since a missing one would fall back to
    /// English unseen.
    #[test]
    fn the_lab_errors_are_written_in_every_language() {
        use crate::i18n::{Lang, ftl_source};
        let english = section_messages(Lang::En);
        assert!(english.len() > 30, "{} messages", english.len());
        for lang in [Lang::Ru, Lang::Zh] {
            let text = ftl_source(lang).expect("every language has its file");
            if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text) {
                panic!("{lang}: the messages do not parse: {errors:?}");
            }
            let written = section_messages(lang);
            let differ: Vec<String> = english
                .iter()
                .filter(|message| !written.contains(message))
                .map(|(id, arguments)| format!("{id} {arguments:?}"))
                .chain(
                    written
                        .iter()
                        .filter(|message| !english.contains(message))
                        .map(|(id, arguments)| format!("{id} {arguments:?} (not in en)")),
                )
                .collect();
            assert!(
                differ.is_empty(),
                "{lang} differs from en:\n{}",
                differ.join("\n")
            );
        }
    }

    /// The `lab-errors` section's message ids, each with the names of the
    /// arguments it uses.
    fn section_messages(lang: crate::i18n::Lang) -> Vec<(String, Vec<String>)> {
        let text = crate::i18n::ftl_source(lang).expect("every language has its file");
        let start = text
            .find("## ---- section lab-errors")
            .expect("the section starts");
        let end = text
            .find("## ---- end of section lab-errors")
            .expect("the section ends");
        let mut messages: Vec<(String, Vec<String>)> = Vec::new();
        for line in text[start..end].lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some((id, _)) = line.split_once(" = ").filter(|_| !line.starts_with(' ')) {
                messages.push((id.to_string(), Vec::new()));
            }
            let Some((_, arguments)) = messages.last_mut() else {
                continue;
            };
            for piece in line.split("{ $").skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !arguments.contains(&name) {
                    arguments.push(name);
                }
            }
        }
        for (_, arguments) in &mut messages {
            arguments.sort();
        }
        messages.sort();
        messages
    }
}
