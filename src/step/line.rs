//! What a step shows beyond its call — its lines and its notes — as
//! values: which job started, which direction of the link holds, what a
//! direction's counters say, how many bytes a drain got, which file was
//! saved. The renderers word them (`render::words` for text and JSON), so
//! a picture, an export or another language can shape them too.
//!
//! Owns: the kinds of line and note. `Text` holds what is words already
//! (help, the `ls` and `sample` tables, a lesson's listing).

use std::net::SocketAddr;
use std::time::Duration;

use crate::budget::Full;
use crate::encoding::Encoding;
use crate::lab::Host;
use crate::lab::Next;
use crate::lab::dir::Dir;
use crate::lab::path::{Counters, Props};
use crate::names::TcpState;
use crate::wire::{Look, Segment};

/// How a lesson played from the shell (`play NAME`) ended: by the exit
/// status of the `socklab play` that played it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonEnd {
    /// It ran (or was quit with q); `failed`: some of its steps failed.
    Ran { failed: bool },
    /// Ctrl-C stopped it.
    Interrupted,
    /// It could not be played: `socklab play` said why, above.
    Refused,
    /// `socklab play` could not be started.
    NotStarted(String),
}

/// One line under a step's call.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    /// Words already: help, a table's row.
    Text(String),
    /// `use H`: H is now the current handle.
    Current(String),
    /// `CMD &` started job `id` running `what` (the line as typed).
    JobStarted { id: u32, what: String },
    /// `watch H` started job `id`: `call` in a loop (`recv(H, 1024, 0)`).
    WatchStarted {
        id: u32,
        handle: String,
        call: String,
    },
    /// `unwatch H` stopped job `id`.
    WatchStopped { id: u32, handle: String },
    /// `close H` stopped job `id`, which used H.
    JobStoppedByClose { id: u32, handle: String },
    /// One row of `jobs`.
    Job(JobRow),
    /// `jobs` with none.
    NoJobs,
    /// `wait` with nothing running.
    NothingToWait,
    /// `spawn` started program `name` (`what`: its command line, escaped).
    ProgramStarted {
        name: String,
        pid: u32,
        what: String,
    },
    /// A line program `name` wrote (decoded in the session's encoding,
    /// control characters escaped: a program's output is untrusted).
    ProgramOutput { name: String, text: String },
    /// Program `name` ended.
    ProgramEnded { name: String, end: ProgramEnd },
    /// `kill NAME`: the signal went to its process group.
    ProgramSignalled { name: String, signal: &'static str },
    /// One row of `jobs`: a program `spawn` started.
    Program {
        name: String,
        pid: u32,
        what: String,
    },
    /// `play NAME` in the shell: the lesson ran in a process and a network
    /// of its own, and this session goes on.
    LessonEnded { lesson: String, ended: LessonEnd },
    /// `await H readable|writable` reached it.
    Reached { handle: String, what: String },
    /// `await H STATE` reached it: what the socket is, and the connection
    /// the kernel holds for it without an fd (in CLOSE, or with no socket
    /// at all once closed).
    ReachedState {
        handle: String,
        want: TcpState,
        socket: Option<TcpState>,
        connection: Option<TcpState>,
    },
    /// `await link`: a segment reached the link.
    LinkCrossed,
    /// `await wire` saw a segment go on the wire.
    SegmentSent,
    /// `link hold|pass [DIR]`.
    LinkHolding { hold: bool, dirs: Vec<Dir> },
    /// `link PROPERTY …`: a direction's properties now.
    LinkProps { dir: Dir, props: Props },
    /// `link clear [DIR]`.
    LinkCleared { dirs: Vec<Dir> },
    /// `link seed N`.
    LinkSeeded(u64),
    /// `link`: each direction's mode, and the hosts' addresses.
    LinkModes { hold: [bool; 2] },
    /// `link`: a direction's properties, counts and queue.
    LinkDirection {
        dir: Dir,
        props: Props,
        counters: Counters,
        depth: usize,
    },
    /// `link`: the seed, when not the default.
    LinkSeed(u64),
    /// `link`: frames the relay never saw (its ring was full).
    Unrecorded { passed: u32, dropped: u32 },
    /// `link`: frames not logged while the memory budget was full.
    Unlogged { frames: u64, budget: usize },
    /// `link`: steps whose settling waited its longest.
    SettleTimeouts(u64),
    /// `link`: a segment held on the link.
    Held(Box<HeldLine>),
    /// `link`: nothing is held.
    NothingHeld,
    /// `ls` with no handle.
    NoHandles,
    /// `drop|dup|corrupt next [DIR]`: what will happen to the next segment
    /// (either way, when `dir` is None).
    NextArmed { dir: Option<Dir>, action: Next },
    /// `deliver|drop #K…`: the held segments it delivered (or dropped).
    Released { delivered: bool, numbers: Vec<u32> },
    /// `wait`: job `id` has ended.
    JobDone(u32),
    /// A watcher stopped by itself: its results not yet shown filled the
    /// memory budget.
    WatchStoppedFull { id: u32, handle: String, full: Full },
    /// A receive returned 0 on a stream, or a datagram socket's end.
    Eof(Eof),
    /// `NAME = recv …`: the bytes it returned are kept as `$NAME`.
    DataKept { name: String, bytes: usize },
    /// `NAME = recv …`: the bytes could not be kept (the memory budget).
    DataNotKept { name: String, why: String },
    /// `ls`: the data names and how many bytes each keeps.
    DataNames(Vec<(String, usize)>),
    /// `recvall`: the peer closed after `received` of the `wanted` bytes.
    RecvallEof { received: usize, wanted: usize },
    /// `drain`: how much came, in how many calls, how fast.
    Drained(Drained),
    /// `ioctl H FIONREAD|SIOCOUTQ`: the bytes queued.
    IoctlValue(i32),
    /// `getsockopt`: the option's value as shown (`1 (on)`, a linger).
    OptionValue(String),
    /// `encoding [NAME]`: the session's encoding, and whether this step
    /// chose it.
    /// `lang`: the language socklab explains in (`chosen`: just now).
    Language {
        lang: crate::i18n::Lang,
        chosen: bool,
    },
    Encoding {
        encoding: &'static Encoding,
        chosen: bool,
    },
    /// `wire on|ladder|summary|off`: the wire view now.
    WireView(WireView),
    /// `wire save`, `diagram save`, `sample … save`: what was written.
    Saved(Saved),
    /// `host H`: new sockets are made in it.
    DefaultHost(Host),
    /// `host H down|up|crash|delayed-ack`: what became of it.
    Host { host: Host, change: HostChange },
    /// `sysctl H NAME[=VALUE]`: the host's value.
    Sysctl {
        host: Host,
        name: String,
        value: String,
    },
    /// `record FILE|off`.
    Recording(RecordingLine),
    /// `sample`: the rows the table leaves out between its first `head`
    /// and last `tail`.
    RowsNotShown {
        skipped: usize,
        head: usize,
        tail: usize,
    },
    /// `sample`: Ctrl-C or the session's time ended it after `count`
    /// readings.
    SamplingInterrupted(usize),
}

/// Why a receive saw the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eof {
    /// The peer shut down its sending side, or closed.
    Peer,
    /// This side shut down reading (a stream).
    ShutRead,
    /// A datagram socket shut for reading: recvfrom found no sender.
    DatagramShutRead,
}

/// What `drain` counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drained {
    /// Bytes received.
    pub received: u64,
    /// Every recv made, the one that saw EOF too.
    pub calls: u64,
    /// The most one recv returned.
    pub largest: usize,
    /// It ended at EOF (else at an error).
    pub eof: bool,
    /// How long it took.
    pub seconds: f64,
}

/// The wire view, as `wire` left it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireView {
    /// On, in this look.
    On(Look),
    /// On already, in the look the command line chose (`--wire=…`), which
    /// `wire` does not change.
    Pinned(Look),
    /// Off now.
    Off,
    /// `wire off` when it was not on.
    WasNotOn,
}

/// A file written, and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// `wire save`: `count` frames, as a pcap file.
    Frames { count: usize, path: String },
    /// `wire save`: the oldest frames let go, the capture keeping its last
    /// `keeps_mib` MiB.
    FramesLetGo { dropped: usize, keeps_mib: usize },
    /// `diagram save`: the session as a ladder of `segments` segments.
    Session { segments: usize, path: String },
    /// `diagram save`: the oldest steps let go, the picture keeping its
    /// last `kept`.
    StepsLetGo { dropped: usize, kept: usize },
    /// `export python|c`: the session's `lines` lines as a program in `language`.
    Program {
        language: &'static str,
        lines: usize,
        path: String,
    },
    /// `export`: the session was longer than the log keeps: its first `kept` lines only.
    ProgramCut { kept: usize },
    /// `wire graph`: the time-sequence graph of `from` → `to` (handle
    /// names or addresses): its data segments, those sent again, those
    /// lost on the link.
    Graph {
        from: String,
        to: String,
        path: String,
        data: usize,
        again: usize,
        lost: usize,
    },
    /// `sample … save`: the readings, as a CSV file or (`plot`: the
    /// fields drawn) a plot (`.svg`).
    Samples {
        count: usize,
        path: String,
        plot: Option<Vec<String>>,
    },
}

/// What `host H down|up|crash|delayed-ack` did to a lab host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostChange {
    /// Its ACKs wait for data to ride with (true), or go at once (false).
    DelayedAck(bool),
    /// Its cable is pulled.
    Down,
    /// Its cable is back.
    Up,
    /// Crashed and back: the handles it lost, and the connections its
    /// kernel forgot.
    Crashed { lost: Vec<String>, forgotten: usize },
}

/// `record FILE|off`: a session's transcript, by the path as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordingLine {
    /// `record FILE`: recording began.
    Started(String),
    /// `record off`: the recording is whole.
    Recorded(String),
}

/// A segment held on the lab's link, as `link` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldLine {
    /// `#K`, what `deliver #K` names.
    pub number: u32,
    pub dir: Dir,
    /// Its addresses as numbers (no handle names: it is not yet anywhere).
    pub segment: Segment,
    /// How often it was sent (the copies TCP sent again while it waited).
    pub sent: u32,
    /// When each copy came, after the first.
    pub again: Vec<Duration>,
    /// It was delivered already: what waits is only copies.
    pub delivered: bool,
}

/// What holding by hand did to a connection's timers: TCP measured a
/// round trip far above the link's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InflatedRtt {
    /// TCP_INFO's smoothed round trip.
    pub rtt: Duration,
    /// Its retransmission timeout now.
    pub rto: Duration,
    /// The link's own round trip (its delays).
    pub link_rtt: Duration,
}

/// How a spawned program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramEnd {
    Exited(i32),
    /// A signal ended it (its name).
    Killed(&'static str),
}

/// A row of `jobs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobRow {
    pub id: u32,
    /// The line as typed, or `watch H`.
    pub what: String,
    pub doing: JobDoing,
    /// A watcher's bytes so far.
    pub received: Option<u64>,
}

/// What a job is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobDoing {
    Running,
    /// Asleep in its system call.
    Blocked,
    /// Ended; its result not yet shown.
    Finished,
}

impl Line {
    /// About how many bytes it keeps: its size, and the text it holds.
    pub fn kept_bytes(&self) -> usize {
        let held = match self {
            Line::Text(text) | Line::Current(text) => text.len(),
            Line::JobStarted { what, .. } => what.len(),
            Line::WatchStarted { handle, call, .. } => handle.len() + call.len(),
            Line::WatchStopped { handle, .. } | Line::JobStoppedByClose { handle, .. } => {
                handle.len()
            }
            Line::Job(row) => row.what.len(),
            Line::Reached { handle, what } => handle.len() + what.len(),
            Line::ReachedState { handle, .. }
            | Line::WatchStoppedFull { handle, .. }
            | Line::OptionValue(handle) => handle.len(),
            Line::Released { numbers, .. } => numbers.len() * std::mem::size_of::<u32>(),
            Line::Saved(
                Saved::Frames { path, .. }
                | Saved::Session { path, .. }
                | Saved::Program { path, .. }
                | Saved::Samples { path, .. },
            )
            | Line::Recording(RecordingLine::Started(path) | RecordingLine::Recorded(path)) => {
                path.len()
            }
            Line::Saved(Saved::Graph { from, to, path, .. }) => from.len() + to.len() + path.len(),
            Line::Host {
                change: HostChange::Crashed { lost, .. },
                ..
            } => lost
                .iter()
                .map(|name| name.len() + std::mem::size_of::<String>())
                .sum(),
            Line::Sysctl { name, value, .. } => name.len() + value.len(),
            Line::LinkHolding { dirs, .. } | Line::LinkCleared { dirs } => dirs.len(),
            Line::Held(held) => {
                std::mem::size_of::<HeldLine>()
                    + held.segment.payload.capacity()
                    + held.segment.from.len()
                    + held.segment.to.len()
                    + held.again.len() * std::mem::size_of::<Duration>()
            }
            _ => 0,
        };
        std::mem::size_of::<Line>() + held
    }
}

impl From<String> for Line {
    fn from(text: String) -> Line {
        Line::Text(text)
    }
}

impl From<&str> for Line {
    fn from(text: &str) -> Line {
        Line::Text(text.to_string())
    }
}

/// A note a teacher would add under the step.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Words already.
    Text(String),
    /// A handle's RTT (as TCP_INFO has it) counts time the link held its
    /// segments (`handle`: which, when the step is not about it alone).
    InflatedRtt {
        handle: Option<String>,
        rtt: InflatedRtt,
    },
    /// `bind` to a port below `port_start` (net.ipv4.ip_unprivileged_port_start)
    /// succeeded: socklab has CAP_NET_BIND_SERVICE.
    PrivilegedBind { port_start: u16 },
    /// `close` of a connection sends RST instead of FIN, and why.
    ResetOnClose(ResetReason),
    /// `await H readable` on a TCP socket in CLOSE: poll's POLLHUP wakes
    /// it at once, with nothing to read.
    ReadableWhenClosed(String),
    /// A receive on `handle`, which watcher `job` reads too.
    CompetingWatcher { job: u32, handle: String },
    /// ETIMEDOUT in the lab: what the lab did to the connection.
    TimedOutInLab(LabCause),
    /// `record FILE`: what the session had before, which a replay will not.
    Unrecorded(Unrecorded),
    /// `sample` stopped after `count` readings: the memory budget was full.
    SamplingStopped { count: usize, full: Full },
    /// The first ECONNREFUSED in a private network (`--sandbox`): programs
    /// outside it cannot be reached.
    PrivateNetwork,
    /// EADDRINUSE: a socket that holds the port asked for.
    PortHeld(Box<PortHolder>),
    /// EADDRINUSE: more sockets hold the port than are shown.
    MorePortHolders(usize),
    /// A blocking call's timeout (`option`: SO_RCVTIMEO, SO_SNDTIMEO) on
    /// `handle` ran out.
    TimeoutRanOut {
        handle: String,
        option: &'static str,
        timeout: Duration,
    },
    /// A data call or connect on `listener`, a listening socket: the
    /// handles accept made from it (none yet: accept first).
    UseAccepted {
        listener: String,
        accepted: Vec<String>,
    },
    /// `listen` on a socket whose bind to `asked` failed
    /// with `errno`: the kernel bound it to a port it picked, `got`.
    PortPicked {
        asked: SocketAddr,
        errno: nix::errno::Errno,
        got: SocketAddr,
    },
}

/// A socket that holds a port a bind (or listen) asked for, as the
/// kernel's table has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortHolder {
    /// The session's handle it is (or, `closed`, whose connection it was);
    /// None: a socket outside the session.
    pub handle: Option<String>,
    /// Its handle is closed: the kernel keeps the connection without an fd.
    pub closed: bool,
    pub local: SocketAddr,
    pub peer: Option<SocketAddr>,
    pub holding: Holding,
    /// A time-wait socket's timer: how long until the kernel lets it go.
    pub timewait_left: Option<Duration>,
    pub reuse: Reuse,
}

/// What a socket on the port is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holding {
    /// A TCP listener.
    Listening,
    /// Bound only: neither listening nor connected (TCP).
    Bound,
    /// A TCP connection, in this state.
    Connection(TcpState),
    /// A UDP socket (connected, when it has a peer).
    Udp,
}

/// Whether a socket on the port has SO_REUSEADDR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Read from it (a handle of the session's).
    Set,
    NotSet,
    /// Not readable (no fd), but it can only have been without it: this
    /// socket has SO_REUSEADDR, and the kernel refused the bind because of
    /// it alone.
    Lacked,
    /// Not known (a socket outside the session, or one of several).
    Unknown,
}

/// Why closing a connected TCP socket sends RST.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetReason {
    /// Received bytes never read, so many.
    Unread(i32),
    /// SO_LINGER on with timeout 0.
    LingerZero,
}

/// What the lab did that made TCP give up (ETIMEDOUT).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabCause {
    /// The peer's host is down.
    PeerDown(Host),
    /// The socket's own host is down.
    OwnDown(Host),
    /// The link holds segments by hand.
    LinkHolding,
}

/// What a session had when `record` began that its replay starts without.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unrecorded {
    /// These handles, made before.
    Handles(Vec<String>),
    /// Sockets are made in this host (not a).
    Host(Host),
    /// The link holds segments.
    LinkHolds,
}

impl Note {
    /// About how many bytes it keeps.
    pub fn kept_bytes(&self) -> usize {
        let held = match self {
            Note::Text(text) => text.len(),
            Note::InflatedRtt { handle, .. } => handle.as_ref().map_or(0, String::len),
            Note::ReadableWhenClosed(handle) | Note::CompetingWatcher { handle, .. } => {
                handle.len()
            }
            Note::TimeoutRanOut { handle, .. } => handle.len(),
            Note::UseAccepted { listener, accepted } => {
                listener.len() + accepted.iter().map(|n| n.len() + 24).sum::<usize>()
            }
            Note::PortHeld(holder) => {
                std::mem::size_of::<PortHolder>() + holder.handle.as_ref().map_or(0, String::len)
            }
            Note::Unrecorded(Unrecorded::Handles(names)) => names
                .iter()
                .map(|name| name.len() + std::mem::size_of::<String>())
                .sum(),
            _ => 0,
        };
        std::mem::size_of::<Note>() + held
    }
}

impl From<String> for Note {
    fn from(text: String) -> Note {
        Note::Text(text)
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Note {
        Note::Text(text.to_string())
    }
}
