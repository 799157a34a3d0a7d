//! The session's side of the network lab (`crate::lab`), its part
//! `LabPart`: starting the lab, making sockets in a host, naming hosts in
//! addresses, and turning the relay's crossings into the wire view's
//! segments with their fate.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant, SystemTime};

use socket2::{Domain, SockAddr};

use super::Session;
use crate::error::UsageError;
use crate::lab::{Crossing, Fate, Host, Lab};
use crate::names::TcpState;
use crate::step::{HeldLine, HostChange, InflatedRtt, Line, Note, StateChange};
use crate::wire::Saved;
use crate::wire::segment::{self, LinkFate, Relative, Segment};

/// The listening handles: (name, host, port).
type Listeners = std::sync::Arc<Vec<(String, Host, u16)>>;

/// The lab as one part of the session: the lab itself, when the session
/// runs in one, and whether addresses name its hosts (also in a worker of
/// a session in the lab, which has no lab of its own).
///
/// Its invariant: a session with a lab names its hosts.
#[derive(Default)]
pub(super) struct LabPart {
    /// The network lab, when the session runs in one (`--lab`).
    pub(super) view: Option<LabView>,
    /// Addresses name the lab's hosts (`b:80`, a handle's name).
    pub(super) names_hosts: bool,
}

impl LabPart {
    /// A worker's: no lab of its own, naming hosts as its driver does.
    pub(super) fn detached(&self) -> LabPart {
        LabPart {
            view: None,
            names_hosts: self.names_hosts,
        }
    }

    /// Whether the session runs in the lab.
    #[inline]
    pub(super) fn is_on(&self) -> bool {
        self.view.is_some()
    }

    pub(super) fn lab(&self) -> Option<&Lab> {
        self.view.as_ref().map(|view| &view.lab)
    }
}

/// The lab and what the session keeps about it.
pub(super) struct LabView {
    pub lab: Lab,
    /// Where sockets are made when they do not say (`host HOST`).
    pub host: Host,
    relative: Relative,
    /// Connections a listener's kernel holds without an fd (SYN_RECV, or
    /// waiting in the accept queue), as last shown: (listener, local,
    /// peer) → state.
    queued: Vec<((String, SocketAddr, SocketAddr), TcpState)>,
    /// The link's frame count at the last look at the listeners' queues.
    queued_seen: u64,
    /// The listening handles, as found at a stamp (see `listeners`).
    listeners: Option<(u64, Listeners)>,
    /// Every frame that reached the link, as it arrived, for `wire save`.
    saved: Saved,
    /// What is known of fragmented datagrams (their ports, their pieces'
    /// numbers) across steps.
    fragments: segment::Fragments,
    /// Sockets whose peer's host crashed while they were connected to it
    /// (the RST they then meet is the crashed host's: a `why` says so).
    crashed_peers: Vec<(std::sync::Weak<socket2::Socket>, Host)>,
    /// Handles whose round trip, inflated by holding, was said at a
    /// retransmission of theirs (once each).
    rtt_said: Vec<String>,
}

impl Session {
    /// Builds the lab; this thread moves into host a. The wire view shows
    /// the link from now on.
    pub fn start_lab(&mut self) -> Result<(), crate::lab::Error> {
        if !self.lab.is_on() {
            self.lab.view = Some(LabView {
                lab: Lab::build(std::sync::Arc::clone(&self.limits.budget))?,
                host: Host::A,
                relative: Relative::default(),
                queued: Vec::new(),
                queued_seen: u64::MAX,
                listeners: None,
                saved: Saved::charged_to(std::sync::Arc::clone(&self.limits.budget)),
                fragments: Default::default(),
                crashed_peers: Vec::new(),
                rtt_said: Vec::new(),
            });
            self.lab.names_hosts = true;
            self.jobs.set_trust_sleep(false);
        }
        Ok(())
    }

    pub fn lab(&self) -> Option<&Lab> {
        self.lab.lab()
    }

    /// The frames `wire save` writes: in the lab, every frame that reached
    /// the link; elsewhere, the wire view's capture (None while it is off).
    pub fn saved_frames(&self) -> Option<&Saved> {
        match &self.lab.view {
            Some(view) => Some(&view.saved),
            None => self.wire().map(|capture| capture.saved()),
        }
    }

    /// The lab, or the usage error that says it is not running.
    pub fn require_lab(&self) -> Result<&Lab, UsageError> {
        self.lab()
            .ok_or_else(|| UsageError::new(crate::worded!("session-error-no-lab")))
    }

    /// The host new sockets are made in, in the lab.
    pub fn default_host(&self) -> Option<Host> {
        self.lab.view.as_ref().map(|view| view.host)
    }

    pub fn set_default_host(&mut self, host: Host) -> Result<(), UsageError> {
        self.require_lab()?;
        if let Some(view) = &mut self.lab.view {
            view.host = host;
        }
        Ok(())
    }

    /// Runs `make` (a socket(2) call) in `host`'s network, or here outside the lab.
    pub fn in_host<T>(
        &self,
        host: Option<Host>,
        make: impl FnOnce() -> T,
    ) -> Result<T, UsageError> {
        match (self.lab(), host) {
            (Some(lab), Some(host)) => lab.within(host, make).map_err(lab_error),
            (None, Some(_)) => Err(UsageError::new(crate::worded!(
                "session-error-no-lab-for-host"
            ))),
            (_, None) => Ok(make()),
        }
    }

    /// `a:80`, `b:80`: the host's address (IPv4, or IPv6 for an IPv6
    /// socket), in the lab and in its workers' sessions (`connect cli b:80 &`).
    pub(super) fn lab_host_address(
        &self,
        name: &str,
        port: u16,
        domain: Domain,
    ) -> Option<SockAddr> {
        let host = Host::from_name(name).filter(|_| self.lab.names_hosts)?;
        Some(SockAddr::from(SocketAddr::new(host_ip(host, domain), port)))
    }

    /// Whether addresses name the lab's hosts: the session runs in the
    /// lab, or is a worker of one that does.
    pub(super) fn names_lab_hosts(&self) -> bool {
        self.lab.names_hosts
    }
}

/// A lab host's address for a socket of `domain`.
pub(super) fn host_ip(host: Host, domain: Domain) -> IpAddr {
    if domain == Domain::IPV6 {
        IpAddr::V6(host.ipv6())
    } else {
        IpAddr::V4(host.ipv4())
    }
}

impl Session {
    /// Waits until the link is quiet: everything the step sent has crossed
    /// (or been held), and what it caused on the other side too.
    pub(super) fn sync_lab(&self) {
        if let Some(lab) = self.lab() {
            lab.relay.sync();
        }
    }

    /// The segments that reached the link since the last step, with fates.
    pub(super) fn drain_lab(&mut self) -> Vec<Segment> {
        let Some(view) = &mut self.lab.view else {
            return Vec::new();
        };
        let crossings = view.lab.relay.take_log();
        let mut segments = Vec::new();
        // The wall clock of a crossing, for the pcap: now, less how long ago.
        let (wall, now) = (SystemTime::now(), Instant::now());
        let started = view.lab.relay.started();
        for mut crossing in crossings {
            // Each frame once, as it reached the link: a held frame's
            // delivery (or drop) is not a second frame on the wire.
            if !matches!(crossing.fate, Fate::Delivered(_) | Fate::Dropped(Some(_))) {
                let ago = now.saturating_duration_since(started + crossing.at);
                let at = wall
                    .checked_sub(ago)
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .unwrap_or_default();
                view.saved.keep(
                    at,
                    crossing.frame.clone(),
                    crossing.length,
                    Some(crossing.fate.name()),
                );
            }
            // Of a frame the kernel passed, the relay has its start (every
            // header, the payload's first bytes: all a line shows); the
            // rest stands in as zeros, so that the segment's length is its
            // own. (`Preview` looks at no byte that far in.)
            if crossing.length > crossing.frame.len() {
                crossing.frame.resize(crossing.length, 0);
            }
            let Some(mut segment) = segment::decode(&crossing.frame) else {
                continue;
            };
            // (A held frame seen again when delivered counts from the same
            // bases: applying is the same for the same frame.)
            view.relative.apply(&mut segment);
            segment.fate = Some(fate(&crossing));
            segment.when = Some(crate::clock::When {
                t: self
                    .timeline
                    .clock
                    .at(view.lab.relay.started() + crossing.at),
                ..Default::default()
            });
            segments.push(segment);
        }
        segment::number_fragments(&mut segments, &mut view.fragments);
        segments
    }
}

fn fate(crossing: &Crossing) -> LinkFate {
    let held = match crossing.fate {
        Fate::Held(k) | Fate::Again(k, _) | Fate::Delivered(k) | Fate::Dropped(Some(k)) => Some(k),
        _ => None,
    };
    LinkFate {
        name: crossing.fate.name(),
        text: crossing.fate.text(),
        held,
    }
}

/// A round trip this many times the link's own (and at least
/// `INFLATED_FLOOR`) was measured across a segment held by hand.
const INFLATED_FACTOR: u32 = 10;
const INFLATED_FLOOR: Duration = Duration::from_millis(100);

impl Session {
    /// What holding by hand did to a lab connection's timers, in one line
    /// — when TCP's smoothed round trip is far above the link's (a held
    /// segment was counted as a slow path): `TCP measured a 21.8 s round
    /// trip while segments were held by hand: its RTO is now 65.4 s (the
    /// link's own round trip: 0 s)`. None outside the lab, for a socket
    /// that is not TCP, or while nothing was ever held.
    pub fn inflated_rtt_note(&self, socket: std::os::fd::BorrowedFd<'_>) -> Option<InflatedRtt> {
        let lab = self.lab()?;
        if !lab.relay.held_ever() {
            return None;
        }
        let info = crate::sys::tcp_info(socket).ok()?;
        let (props, ..) = lab.relay.path();
        let link_rtt = props[0].delay + props[1].delay;
        let rtt = Duration::from_micros(info.tcpi_rtt.into());
        if info.tcpi_rtt == 0 || rtt < (link_rtt * INFLATED_FACTOR).max(INFLATED_FLOOR) {
            return None;
        }
        let rto = Duration::from_micros(info.tcpi_rto.into());
        Some(InflatedRtt { rtt, rto, link_rtt })
    }

    /// At the first retransmission of a handle's that reaches the link
    /// while held (`held #K again`), what holding did to its RTO — once
    /// per handle.
    pub(super) fn rtt_note_at_retransmission(&mut self, segments: &[Segment]) -> Vec<Note> {
        let mut notes = Vec::new();
        for segment in segments {
            let again = segment
                .fate
                .as_ref()
                .is_some_and(|f| f.name == "held again");
            let said = self
                .lab
                .view
                .as_ref()
                .is_none_or(|view| view.rtt_said.contains(&segment.from));
            if !again || said {
                continue;
            }
            let Some(handle) = self.get(&segment.from) else {
                continue;
            };
            let Some(rtt) = self.inflated_rtt_note(std::os::fd::AsFd::as_fd(&*handle.socket))
            else {
                continue;
            };
            notes.push(Note::InflatedRtt {
                handle: Some(segment.from.clone()),
                rtt,
            });
            if let Some(view) = &mut self.lab.view {
                view.rtt_said.push(segment.from.clone());
            }
        }
        notes
    }

    /// The same, for every TCP handle in the lab (`link` and a drop say it).
    pub fn inflated_rtt_notes(&self) -> Vec<Note> {
        self.handles()
            .filter(|handle| handle.state.is_some())
            .filter_map(|handle| {
                let rtt = self.inflated_rtt_note(std::os::fd::AsFd::as_fd(&*handle.socket))?;
                Some(Note::InflatedRtt {
                    handle: Some(handle.name.clone()),
                    rtt,
                })
            })
            .collect()
    }

    /// `link`'s list of held segments: `#1 a->b  192.0.2.1:40000 → 192.0.2.2:80 [SYN] …`.
    pub fn held_lines(&mut self) -> Vec<Line> {
        let Some(view) = &mut self.lab.view else {
            return Vec::new();
        };
        let held = view.lab.relay.held();
        if held.is_empty() {
            return vec![Line::NothingHeld];
        }
        let (entries, mut segments): (Vec<crate::lab::held::Listed>, Vec<Segment>) = held
            .into_iter()
            .filter_map(|mut entry| {
                // The rest of a frame known by its start stands in as zeros.
                let mut frame = std::mem::take(&mut entry.start);
                frame.resize(entry.length, 0);
                let mut segment = segment::decode(&frame)?;
                view.relative.apply(&mut segment);
                Some((entry, segment))
            })
            .unzip();
        segment::number_fragments(&mut segments, &mut view.fragments);
        entries
            .into_iter()
            .zip(segments)
            .map(|(entry, mut segment)| {
                segment.from = segment.src.to_string();
                segment.to = segment.dst.to_string();
                Line::Held(Box::new(HeldLine {
                    number: entry.number,
                    dir: entry.dir,
                    segment,
                    sent: entry.sent,
                    again: entry.again,
                    delivered: entry.delivered,
                }))
            })
            .collect()
    }
}

impl Session {
    /// The state lines of connections the kernel holds for a listener
    /// without an fd: half-open (SYN_RECV) and waiting in the accept queue
    /// (ESTABLISHED, before accept). JSON marks them `no_fd`.
    /// (Looked up only when a frame crossed since the last look, or the
    /// step `acted` on a listener: nothing else moves a listener's queue.)
    pub(super) fn lab_queued_changes(
        &mut self,
        acted: Option<&str>,
        changes: &mut Vec<StateChange>,
    ) {
        let Some(view) = &mut self.lab.view else {
            return;
        };
        let crossed = view.lab.relay.frames_counted();
        let on_listener = acted.is_some_and(|name| {
            self.handles
                .get(name)
                .is_some_and(|h| h.state == Some(TcpState::LISTEN))
        });
        if crossed == view.queued_seen && !on_listener {
            return;
        }
        view.queued_seen = crossed;
        let listeners = self.listeners();
        let Some(view) = &self.lab.view else {
            return;
        };
        let mut found = Vec::new();
        for (name, host, port) in listeners.iter() {
            let on_port = view
                .lab
                .within(*host, || crate::lab::diag::on_port(*port))
                .unwrap_or_default();
            found.extend(
                on_port
                    .into_iter()
                    .map(|(local, peer, state)| ((name.clone(), local, peer), state)),
            );
        }
        if found.is_empty() && view.queued.is_empty() {
            return;
        }
        // Connections that have a handle now are that handle's to show.
        let owned: std::collections::HashSet<(SocketAddr, SocketAddr)> =
            self.connected_pairs().collect();
        let Some(view) = &self.lab.view else {
            return;
        };
        let now: Vec<_> = found
            .into_iter()
            .filter(|((_, local, peer), _)| !owned.contains(&(*local, *peer)))
            .collect();
        for (key, state) in &now {
            let before = view.queued.iter().find(|(k, _)| k == key).map(|(_, s)| *s);
            if before != Some(*state) {
                changes.push(queued_change(key, before, Some(*state)));
            }
        }
        for (key, state) in &view.queued {
            let accepted = owned.contains(&(key.1, key.2));
            if !accepted && !now.iter().any(|(k, _)| k == key) {
                changes.push(queued_change(key, Some(*state), None));
            }
        }
        if let Some(view) = &mut self.lab.view {
            view.queued = now;
        }
    }
}

impl Session {
    /// The listening handles in the lab: (name, host, port), found again
    /// only when a handle was made, closed, bound, or began or stopped
    /// listening.
    fn listeners(&mut self) -> Listeners {
        let stamp = self.handles.listeners_stamp();
        if let Some(view) = &self.lab.view
            && let Some((at, listeners)) = &view.listeners
            && *at == stamp
        {
            return std::sync::Arc::clone(listeners);
        }
        let listeners: Vec<(String, Host, u16)> = self
            .handles
            .table
            .iter()
            .filter(|h| h.state == Some(TcpState::LISTEN))
            .filter_map(|h| {
                let port = h.addresses().0?.port();
                Some((h.name.clone(), h.host?, port))
            })
            .collect();
        let listeners = std::sync::Arc::new(listeners);
        if let Some(view) = &mut self.lab.view {
            view.listeners = Some((stamp, std::sync::Arc::clone(&listeners)));
        }
        listeners
    }
}

/// `state srv (half-open from 192.0.2.1:40000): SYN_RECV`.
fn queued_change(
    (listener, _, peer): &(String, SocketAddr, SocketAddr),
    from: Option<TcpState>,
    to: Option<TcpState>,
) -> StateChange {
    let what =
        if to == Some(TcpState::SYN_RECV) || (to.is_none() && from == Some(TcpState::SYN_RECV)) {
            "half-open"
        } else {
            "in the accept queue"
        };
    StateChange {
        handle: format!("{listener} ({what} from {peer})"),
        from,
        to,
        closed: true,
        when: None,
    }
}

/// What `host HOST down|up|crash` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostAction {
    Down,
    Up,
    Crash,
    /// Delay ACKs as an ordinary host does (true), or ACK at once (false).
    DelayedAck(bool),
}

impl Session {
    /// Pulls or plugs a host's cable, or crashes it: its sockets are gone
    /// without a word on the wire, its kernel forgets its connections, and
    /// it is back at once with none. Returns what became of it, and the
    /// handles' state changes.
    pub fn lab_host_action(
        &mut self,
        host: Host,
        action: HostAction,
        changes: &mut Vec<StateChange>,
    ) -> Result<Option<Line>, UsageError> {
        self.require_lab()?;
        let Some(view) = &mut self.lab.view else {
            return Ok(None);
        };
        let change = match action {
            HostAction::DelayedAck(delayed) => {
                view.lab.set_delayed_ack(host, delayed).map_err(lab_error)?;
                HostChange::DelayedAck(delayed)
            }
            HostAction::Down => {
                view.lab.set_cable(host, false).map_err(lab_error)?;
                HostChange::Down
            }
            HostAction::Up => {
                view.lab.set_cable(host, true).map_err(lab_error)?;
                HostChange::Up
            }
            HostAction::Crash => {
                let was_down = view.lab.is_down(host);
                view.lab.set_cable(host, false).map_err(lab_error)?;
                let names: Vec<String> = self
                    .handles
                    .table
                    .iter()
                    .filter(|h| h.host == Some(host))
                    .map(|h| h.name.clone())
                    .collect();
                for handle_name in &names {
                    self.jobs.stop_using(handle_name);
                    if let Some(handle) = self.remove(handle_name) {
                        // An abortive close: no FIN, no TIME_WAIT — and its
                        // RST goes nowhere, the cable being out.
                        let _ = handle.socket.set_linger(Some(std::time::Duration::ZERO));
                        if handle.state.is_some() {
                            changes.push(StateChange {
                                handle: handle_name.clone(),
                                from: handle.state,
                                to: None,
                                closed: false,
                                when: None,
                            });
                        }
                    }
                }
                let survivors: Vec<_> = self
                    .handles
                    .table
                    .iter()
                    .filter(|h| {
                        h.addresses()
                            .1
                            .is_some_and(|peer| Host::of(peer.ip()) == Some(host))
                    })
                    .map(|h| (std::sync::Arc::downgrade(&h.socket), host))
                    .collect();
                let Some(view) = &mut self.lab.view else {
                    return Ok(None);
                };
                view.crashed_peers
                    .retain(|(socket, _)| socket.strong_count() > 0);
                view.crashed_peers.extend(survivors);
                let forgotten = view.lab.forget_connections(host).map_err(lab_error)?;
                if !was_down {
                    view.lab.set_cable(host, true).map_err(lab_error)?;
                }
                HostChange::Crashed {
                    lost: names,
                    forgotten,
                }
            }
        };
        Ok(Some(Line::Host { host, change }))
    }

    /// The lab host that crashed while `handle` was connected to it (its
    /// kernel lost the connection: what it sends back is RST).
    pub fn crashed_peer(&self, handle: &super::Handle) -> Option<Host> {
        let view = self.lab.view.as_ref()?;
        let socket = std::sync::Arc::as_ptr(&handle.socket);
        view.crashed_peers
            .iter()
            .find(|(weak, _)| std::ptr::eq(weak.as_ptr(), socket) && weak.strong_count() > 0)
            .map(|(_, host)| *host)
    }

    /// `sysctl HOST NAME[=VALUE]`.
    pub fn lab_sysctl(
        &self,
        host: Host,
        name: &str,
        value: Option<&str>,
    ) -> Result<String, UsageError> {
        let lab = self.require_lab()?;
        lab.sysctl(host, name, value).map_err(lab_error)
    }
}

impl Session {
    /// Follows a connection the kernel keeps after its handle closed (its
    /// lookups are made in the namespace of the host it lives in), with its
    /// socket's SO_REUSEADDR where it was read before the close.
    pub fn add_ghost(
        &mut self,
        name: &str,
        tuple: (SocketAddr, SocketAddr),
        state: TcpState,
        host: Option<Host>,
        reuse: Option<bool>,
    ) {
        self.kept
            .add(self.lab.lab(), name, (tuple, reuse), state, host);
    }

    /// The kernel's state of `handle`'s connection, found by its address
    /// pair — for a socket in CLOSE whose connection lives on without it
    /// (TIME_WAIT after both ends shut down). None if it never connected,
    /// or the kernel has no such connection.
    pub fn connection_state(&self, handle: &super::Handle) -> Option<TcpState> {
        self.kept.lookup(self.lab.lab(), handle.host, handle.tuple?)
    }

    /// A closed handle's connection state, read now.
    pub fn kernel_held_state(&self, name: &str) -> Option<TcpState> {
        self.kept.state_now(self.lab.lab(), name)
    }
}

/// A lab error, where the session's caller takes a usage error (the line
/// did not reach the kernel as asked).
fn lab_error(error: crate::lab::Error) -> UsageError {
    UsageError::new(error.to_string())
}
