//! How a step's lines and notes (`step::Line`, `step::Note`) read in
//! English: the one place their wording lives. Text output writes them
//! as they are worded here; JSON's `output` and `notes` hold the same
//! words.

use std::fmt;

use crate::lab::dir::Dir;
use crate::lab::path::show_duration;
use crate::lab::{Host, Next};
use crate::names::TcpState;
use crate::safe_text::escape;
use crate::step::{
    Drained, Eof, HeldLine, Holding, HostChange, InflatedRtt, JobDoing, LabCause, LessonEnd, Line,
    Note, PortHolder, ProgramEnd, RecordingLine, ResetReason, Reuse, Saved, Unrecorded, WireView,
};
use crate::wire::Look;

/// `a->b and b->a`.
fn dirs(dirs: &[Dir]) -> String {
    dirs.iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn mode(hold: bool) -> &'static str {
    if hold { "hold" } else { "pass" }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Text(text) => f.write_str(text),
            Line::Current(name) => write!(f, "current handle: {name}"),
            Line::JobStarted { id, what } => write!(
                f,
                "[{id}] {what} — running in the background (jobs lists it, wait {id} waits for it)"
            ),
            Line::WatchStarted { id, handle, call } => write!(
                f,
                "[{id}] watching {handle}: {call} in a loop on its own thread (unwatch {handle} stops it)"
            ),
            Line::WatchStopped { id, handle } => write!(
                f,
                "[{id}] stopped watching {handle} (its recv was interrupted: EINTR)"
            ),
            Line::JobStoppedByClose { id, handle } => {
                write!(f, "stopped job [{id}], which was using {handle}")
            }
            Line::Job(row) => {
                let state = match row.doing {
                    JobDoing::Finished => "finished",
                    JobDoing::Blocked => "blocked in its call",
                    JobDoing::Running => "running",
                };
                write!(f, "[{}] {} — {state}", row.id, row.what)?;
                match row.received {
                    Some(bytes) => write!(f, ", {bytes} received so far"),
                    None => Ok(()),
                }
            }
            Line::NoJobs => f.write_str("no background jobs"),
            Line::NothingToWait => f.write_str("no background calls to wait for"),
            Line::ProgramStarted { name, pid, what } => write!(
                f,
                "{name} started: {what} (pid {pid}; its output is marked {name}│, kill {name} stops it)"
            ),
            Line::ProgramOutput { name, text } => write!(f, "{name}│ {text}"),
            Line::ProgramEnded { name, end } => match end {
                ProgramEnd::Exited(code) => write!(f, "{name} exited {code}"),
                ProgramEnd::Killed(signal) => write!(f, "{name} killed by {signal}"),
            },
            Line::ProgramSignalled { name, signal } => {
                write!(f, "sent {signal} to {name} (its process group)")
            }
            Line::Program { name, pid, what } => {
                write!(f, "{name}: {what} — running, pid {pid}")
            }
            Line::LessonEnded { lesson, ended } => {
                let lesson = escape(lesson);
                match ended {
                    LessonEnd::Ran { failed: false } => write!(f, "lesson {lesson} ended"),
                    LessonEnd::Ran { failed: true } => {
                        write!(f, "lesson {lesson} ended; some of its steps failed")
                    }
                    LessonEnd::Interrupted => write!(f, "lesson {lesson} stopped (Ctrl-C)"),
                    LessonEnd::Refused => {
                        write!(f, "lesson {lesson} could not be played (why is above)")
                    }
                    LessonEnd::NotStarted(why) => {
                        write!(f, "lesson {lesson} could not be played: {why}")
                    }
                }?;
                f.write_str(
                    " — back in this session: its handles are as they were (the lesson had \
                     sockets, a process and a network of its own)",
                )
            }
            Line::Reached { handle, what } => write!(f, "{handle} is {what}"),
            Line::ReachedState {
                handle,
                want,
                socket,
                connection,
            } => reached_state(f, handle, *want, *socket, *connection),
            Line::LinkCrossed => f.write_str("a segment reached the link"),
            Line::SegmentSent => f.write_str("a segment went on the wire"),
            Line::LinkHolding {
                hold: true,
                dirs: d,
            } => write!(
                f,
                "link: holding every segment {} until you deliver or drop it",
                dirs(d)
            ),
            Line::LinkHolding {
                hold: false,
                dirs: d,
            } => {
                write!(f, "link: passing segments {} as they come", dirs(d))
            }
            Line::LinkProps { dir, props } => {
                write!(f, "link {}: {}", dir.name(), props.describe())
            }
            Line::LinkCleared { dirs: d } => write!(f, "link {}: no properties (none)", dirs(d)),
            Line::LinkSeeded(seed) => write!(
                f,
                "link: every random choice (loss, duplication, corruption, reordering, jitter) now comes from seed {seed}"
            ),
            Line::LinkModes { hold } => write!(
                f,
                "link: a->b {}, b->a {} (a is {}, b is {})",
                mode(hold[0]),
                mode(hold[1]),
                Host::A.ipv4(),
                Host::B.ipv4(),
            ),
            Line::LinkDirection {
                dir,
                props,
                counters: c,
                depth,
            } => {
                write!(
                    f,
                    "  {}: {} — {} passed ({} bytes)",
                    dir.name(),
                    props.describe(),
                    c.passed,
                    c.bytes
                )?;
                for (n, label) in [
                    (c.lost, "lost"),
                    (c.queue_drops, "dropped by the full queue"),
                    (c.hand_drops, "dropped by hand"),
                    (c.duplicated, "duplicated"),
                    (c.corrupted, "corrupted"),
                    (c.reordered, "reordered"),
                    (c.budget_drops, "dropped: the memory budget was full"),
                ] {
                    if n > 0 {
                        write!(f, ", {n} {label}")?;
                    }
                }
                if props.rate.is_some() {
                    write!(f, "; queue {depth} of {}", props.queue)?;
                }
                Ok(())
            }
            Line::LinkSeed(seed) => write!(f, "  seed {seed}"),
            Line::Unrecorded { passed, dropped } => write!(
                f,
                "  not shown: {passed} frames the kernel passed and {dropped} it dropped while \
                 the relay's ring was full (socklab was kept from a core for a while)"
            ),
            Line::Unlogged { frames, budget } => write!(
                f,
                "  not shown: {frames} frames, while the session's memory budget ({}) was full",
                crate::budget::show_bytes(*budget)
            ),
            Line::Held(held) => held.fmt(f),
            Line::NothingHeld => f.write_str("nothing is held"),
            Line::NoHandles => f.write_str("no handles — create one with: socket tcp"),
            Line::SettleTimeouts(n) => write!(
                f,
                "  {n} step(s) waited their longest (2 s) for what they caused: the \
                 machine kept the kernel from the lab's frames, so their output may be a step late"
            ),
            Line::NextArmed { dir, action } => {
                let which = dir.map_or("either way", Dir::name);
                let what = match action {
                    Next::Drop => "dropped",
                    Next::Dup => "delivered twice",
                    Next::Corrupt => "corrupted (one bit flipped, its checksum as it was)",
                };
                write!(f, "the next segment {which} will be {what}")
            }
            Line::Released { delivered, numbers } => {
                f.write_str(if *delivered { "delivered" } else { "dropped" })?;
                for (k, n) in numbers.iter().enumerate() {
                    write!(f, "{}#{n}", if k == 0 { " " } else { ", " })?;
                }
                Ok(())
            }
            Line::JobDone(id) => write!(f, "[{id}] done"),
            Line::WatchStoppedFull { id, handle, full } => write!(
                f,
                "[{id}] stopped watching {handle}: {full} with results not yet shown — what is \
                 still to come waits in the socket (watch {handle} again once they are shown)"
            ),
            Line::Eof(eof) => eof.fmt(f),
            Line::DataKept { name, bytes } => write!(
                f,
                "kept as ${name} ({bytes} {}; ${name} in a send's data sends them)",
                if *bytes == 1 { "byte" } else { "bytes" }
            ),
            Line::DataNames(kept) => {
                f.write_str("data names:")?;
                for (i, (name, bytes)) in kept.iter().enumerate() {
                    let comma = if i == 0 { "" } else { "," };
                    write!(f, "{comma} ${name} ({bytes} bytes)")?;
                }
                Ok(())
            }
            Line::DataNotKept { name, why } => write!(f, "${name} not kept: {why}"),
            Line::RecvallEof { received, wanted } => write!(
                f,
                "EOF after {received} of {wanted} bytes: the peer closed before the whole \
                 message came (the tutorials' \"socket connection broken\")"
            ),
            Line::Drained(drained) => drained.fmt(f),
            Line::IoctlValue(bytes) => write!(f, "value: {bytes} bytes"),
            Line::OptionValue(shown) => write!(f, "value: {shown}"),
            Line::Language { lang, chosen } => {
                let words = match chosen {
                    true => crate::t!("lang-now"),
                    false => crate::t!("lang-current", name = lang.own_name(), code = lang.code()),
                };
                f.write_str(&words)
            }
            Line::Encoding { encoding, chosen } => {
                write!(f, "encoding: {}", crate::encoding::name(encoding))?;
                match chosen {
                    true => {
                        f.write_str(" (typed text is sent in it; received bytes are shown in it)")
                    }
                    false => Ok(()),
                }
            }
            Line::WireView(view) => view.fmt(f),
            Line::Saved(saved) => saved.fmt(f),
            Line::DefaultHost(host) => write!(
                f,
                "new sockets are made in host {} ({})",
                host.name(),
                host.ipv4()
            ),
            Line::Host { host, change } => host_change(f, host.name(), change),
            Line::Sysctl { host, name, value } => write!(f, "{} {name} = {value}", host.name()),
            Line::Recording(recording) => recording.fmt(f),
            Line::RowsNotShown {
                skipped,
                head,
                tail,
            } => write!(
                f,
                "   … {skipped} rows not shown (the table shows the first {head} and the \
                 last {tail}; save FILE.csv keeps every one)"
            ),
            Line::SamplingInterrupted(count) => write!(f, "interrupted after {count} samples"),
        }
    }
}

/// `cli is FIN_WAIT2`; matched on the connection the kernel holds without
/// an fd, `cli's connection is TIME_WAIT (held by the kernel, no fd); the
/// socket is CLOSE`.
fn reached_state(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    want: TcpState,
    socket: Option<TcpState>,
    connection: Option<TcpState>,
) -> fmt::Result {
    let want = want.name();
    match (socket, connection) {
        (Some(socket), Some(connection)) if socket.name() == want => write!(
            f,
            "{name} is {want}; its connection lives on as {} (held by the kernel, no fd)",
            connection.name()
        ),
        (Some(socket), None) => write!(f, "{name} is {}", socket.name()),
        (Some(socket), Some(_)) => write!(
            f,
            "{name}'s connection is {want} (held by the kernel, no fd); the socket is {}",
            socket.name()
        ),
        (None, _) => write!(
            f,
            "{name}'s connection is {want} (held by the kernel, no fd)"
        ),
    }
}

/// `host a is down: …`, `host b crashed and is back …`.
fn host_change(f: &mut fmt::Formatter<'_>, name: &str, change: &HostChange) -> fmt::Result {
    match change {
        HostChange::DelayedAck(true) => write!(
            f,
            "host {name} delays its ACKs, as an ordinary host does: an ACK waits (up to 40 ms \
             and more) for data to ride with, and every other full-sized segment is ACKed at once"
        ),
        HostChange::DelayedAck(false) => write!(
            f,
            "host {name} ACKs every segment at once (its routes have quickack), as the lab's \
             hosts do unless told"
        ),
        HostChange::Down => write!(
            f,
            "host {name} is down: its cable is pulled — what it sends goes nowhere and nothing \
             reaches it; its kernel is not told"
        ),
        HostChange::Up => write!(f, "host {name} is up: its cable is back"),
        HostChange::Crashed { lost, forgotten } => {
            write!(
                f,
                "host {name} crashed and is back with no sockets and no TCP state: lost "
            )?;
            match lost.is_empty() {
                true => f.write_str("no sockets")?,
                false => f.write_str(&lost.join(" "))?,
            }
            write!(
                f,
                " (and {forgotten} connection(s) its kernel held), without a word on the wire; \
                 late segments to it will draw RST"
            )
        }
    }
}

impl fmt::Display for Eof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Eof::Peer => "EOF: the peer has shut down its sending side (or closed)",
            Eof::ShutRead => "EOF: this side has shut down reading",
            Eof::DatagramShutRead => "EOF: receiving is shut down (shutdown read)",
        })
    }
}

/// `1048576 bytes in 17 calls (the largest 65483), then EOF, 0.012 s, 699.05 Mbit/s`:
/// the calls that brought data (not the one that saw EOF), and a rate
/// when any time passed.
impl fmt::Display for Drained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} bytes in {} calls (the largest {}){}, {:.3} s",
            self.received,
            self.calls - u64::from(self.eof),
            self.largest,
            if self.eof { ", then EOF" } else { "" },
            self.seconds
        )?;
        if self.seconds > 0.0 {
            let rate = self.received as f64 * 8.0 / self.seconds / 1e6;
            write!(f, ", {rate:.2} Mbit/s")?;
        }
        Ok(())
    }
}

impl fmt::Display for WireView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireView::On(Look::List) => {
                f.write_str("wire view on: each step shows the segments it caused")
            }
            WireView::On(Look::Ladder { .. }) => f.write_str(
                "wire view as a ladder: each step draws its segments between the ends of their \
                 connection, the time at the left (wire on: a line per segment again)",
            ),
            WireView::On(Look::Summary) => f.write_str(
                "wire view in summary: each step shows, per direction, how many segments and \
                 bytes, which sequence range, how many retransmitted (wire on: every segment \
                 again; wire save: every frame)",
            ),
            WireView::Pinned(look) => {
                let name = match look {
                    Look::List => "on",
                    Look::Summary => "summary",
                    Look::Ladder { .. } => "ladder",
                };
                write!(
                    f,
                    "wire view on, as --wire={name} asked on the command line"
                )
            }
            WireView::Off => f.write_str("wire view off"),
            WireView::WasNotOn => f.write_str("the wire view was not on"),
        }
    }
}

/// The path as typed, escaped for the terminal.
impl fmt::Display for Saved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Saved::Frames { count, path } => {
                write!(f, "saved {count} frames to {}", escape(path))
            }
            Saved::FramesLetGo { dropped, keeps_mib } => write!(
                f,
                "  ({dropped} older frames were let go: the capture keeps the last {keeps_mib} MiB)"
            ),
            Saved::Session { segments, path } => write!(
                f,
                "saved the session as a ladder of {segments} segments to {}",
                escape(path)
            ),
            Saved::Program {
                language,
                lines,
                path,
            } => {
                let path = escape(path);
                let run = match *language {
                    "C" => format!("cc -Wall -Wextra -o program {path} && ./program"),
                    _ => format!("python3 {path}"),
                };
                write!(
                    f,
                    "saved the session's {lines} lines as a {language} program to {path} (run it: {run})"
                )
            }
            Saved::ProgramCut { kept } => write!(
                f,
                "  (the session is longer than export keeps: the program has its first {kept} lines)"
            ),
            Saved::StepsLetGo { dropped, kept } => write!(
                f,
                "  (the {dropped} oldest steps were let go: the picture keeps the last {kept})"
            ),
            Saved::Graph {
                from,
                to,
                path,
                data,
                again,
                lost,
            } => write!(
                f,
                "saved the time-sequence graph of {from} → {to} to {}: {data} data segments, \
                 {again} sent again, {lost} lost on the link",
                escape(path)
            ),
            Saved::Samples { count, path, plot } => {
                write!(f, "saved {count} samples to {}", escape(path))?;
                match plot.as_deref() {
                    Some([fields @ .., last]) if !fields.is_empty() => {
                        write!(f, " (a plot of {} and {last})", fields.join(", "))
                    }
                    Some(fields) => write!(f, " (a plot of {})", fields.join("")),
                    None => Ok(()),
                }
            }
        }
    }
}

impl fmt::Display for RecordingLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordingLine::Started(path) => write!(f, "recording to {path} (record off to stop)"),
            RecordingLine::Recorded(path) => write!(f, "recorded {path}"),
        }
    }
}

/// `#1 a->b  192.0.2.1:40000 → 192.0.2.2:80 [SYN] …`, and how often it
/// was sent: `   (sent 3×: +1.0 s, +2.0 s)`; of one delivered already,
/// what waits is only copies: `   (delivered; sent again 2×: +0.2 s, …)`.
impl fmt::Display for HeldLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{} {}  {}",
            self.number,
            self.dir.name(),
            self.segment.text(crate::encoding::UTF_8)
        )?;
        let times: Vec<String> = self
            .again
            .iter()
            .map(|t| format!("+{:.1} s", t.as_secs_f64()))
            .collect();
        match (self.delivered, times.is_empty()) {
            (false, true) => Ok(()),
            (false, false) => write!(f, "   (sent {}×: {})", self.sent, times.join(", ")),
            (true, _) => write!(
                f,
                "   (delivered; sent again {}×: {})",
                self.again.len(),
                times.join(", ")
            ),
        }
    }
}

impl fmt::Display for InflatedRtt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TCP measured a {} round trip while segments were held by hand: its RTO is now {} \
             (the link's own round trip: {}), so a lost segment is sent again only that late",
            show_duration(self.rtt),
            show_duration(self.rto),
            show_duration(self.link_rtt)
        )
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Text(text) => f.write_str(text),
            Note::InflatedRtt {
                handle: Some(handle),
                rtt,
            } => write!(f, "{handle}: {rtt}"),
            Note::InflatedRtt { handle: None, rtt } => rtt.fmt(f),
            Note::PrivilegedBind { port_start } => write!(
                f,
                "allowed because socklab runs with CAP_NET_BIND_SERVICE (as root, or root of \
                 its namespace); an ordinary user gets EACCES below \
                 net.ipv4.ip_unprivileged_port_start = {port_start}"
            ),
            Note::ResetOnClose(reason) => reason.fmt(f),
            Note::ReadableWhenClosed(handle) => write!(
                f,
                "{handle} is neither listening nor connected: poll reports POLLHUP for it at \
                 once, which wakes a reader — yet there is nothing to read (recv gives \
                 ENOTCONN). Readable means a connection to accept on a listener, and data or \
                 EOF on a connected socket"
            ),
            Note::CompetingWatcher { job, handle } => write!(
                f,
                "watcher [{job}] is reading {handle} too: the two compete for the data, and what \
                 one takes the other never sees (unwatch {handle} to read it here alone)"
            ),
            Note::TimedOutInLab(cause) => cause.fmt(f),
            Note::Unrecorded(unrecorded) => unrecorded.fmt(f),
            Note::SamplingStopped { count, full } => write!(
                f,
                "stopped after {count} samples: {full} — sample less often, or for less time"
            ),
            Note::PrivateNetwork => f.write_str(
                "this session runs in a private network (--sandbox): only socklab's own \
                 sockets are there, so programs outside it cannot be reached — run socklab \
                 without --sandbox to talk to them",
            ),
            Note::PortHeld(holder) => holder.fmt(f),
            Note::TimeoutRanOut {
                handle,
                option,
                timeout,
            } => write!(
                f,
                "{option} on {handle} is {} (the kernel counts it in clock ticks, rounding up): \
                 the call waited that long",
                show_duration(*timeout)
            ),
            Note::UseAccepted { listener, accepted } => match accepted.as_slice() {
                [] => write!(
                    f,
                    "{listener} is listening, and no connection was accepted from it yet: \
                     conn = accept {listener} first, then send and recv on conn"
                ),
                [one] => write!(
                    f,
                    "{listener} is listening; data goes over the accepted socket: {one}"
                ),
                many => write!(
                    f,
                    "{listener} is listening; data goes over the accepted sockets: {}",
                    many.join(", ")
                ),
            },
            Note::PortPicked { asked, errno, got } => write!(
                f,
                "bind failed earlier ({} on {asked}), so the socket had no port and the kernel \
                 picked one: {got} — clients aiming at port {} do not reach it (they get \
                 ECONNREFUSED, or whatever else listens there); close this socket, and once the \
                 port is free bind a new one, then listen",
                crate::names::errno_name(*errno),
                asked.port()
            ),
            Note::MorePortHolders(count) => {
                write!(
                    f,
                    "and {count} more socket(s) on that port (ss -tuan lists them all)"
                )
            }
        }
    }
}

impl fmt::Display for PortHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.handle, self.closed) {
            (Some(name), false) => write!(f, "{name} holds the port: ")?,
            (Some(name), true) => write!(
                f,
                "{name}'s connection holds the port (closed, the kernel keeps it): "
            )?,
            (None, _) => f.write_str("a socket outside this session holds the port: ")?,
        }
        match (self.holding, self.peer) {
            (Holding::Listening, _) => write!(f, "listening on {}", self.local)?,
            (Holding::Bound, _) => write!(f, "bound to {}, not listening", self.local)?,
            (Holding::Connection(state), Some(peer)) => {
                write!(f, "{} ↔ {peer} in {}", self.local, state.name())?
            }
            (Holding::Connection(state), None) => write!(f, "{} in {}", self.local, state.name())?,
            (Holding::Udp, Some(peer)) => {
                write!(f, "bound to {}, connected to {peer}", self.local)?
            }
            (Holding::Udp, None) => write!(f, "bound to {}", self.local)?,
        }
        if let Some(left) = self.timewait_left {
            write!(f, " for {} s more", left.as_secs_f64().ceil() as u64)?;
        }
        f.write_str(match self.reuse {
            Reuse::Set => ", with SO_REUSEADDR",
            Reuse::NotSet => ", without SO_REUSEADDR",
            Reuse::Lacked => {
                ", and its socket had no SO_REUSEADDR (this one has it: on Linux both must)"
            }
            Reuse::Unknown => "",
        })
    }
}

impl fmt::Display for ResetReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResetReason::Unread(bytes) => write!(
                f,
                "{bytes} received bytes were never read: closing sends RST instead of FIN (the \
                 data is thrown away, and the peer's next call gets ECONNRESET)"
            ),
            ResetReason::LingerZero => f.write_str(
                "SO_LINGER is on with timeout 0: closing sends RST instead of FIN (an abortive \
                 close: no TIME_WAIT here, ECONNRESET there)",
            ),
        }
    }
}

impl fmt::Display for LabCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabCause::PeerDown(host) => write!(
                f,
                "host {} is down (its cable is pulled): nothing reached it, and nothing came back",
                host.name()
            ),
            LabCause::OwnDown(host) => write!(
                f,
                "host {} — this socket's own — is down (its cable is pulled): nothing it sent \
                 left it",
                host.name()
            ),
            LabCause::LinkHolding => f.write_str(
                "the link is holding segments (link hold): they wait there until delivered, and \
                 the kernel gave up first",
            ),
        }
    }
}

impl fmt::Display for Unrecorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrecorded::Handles(names) => write!(
                f,
                "{} made before the recording: its replay starts without {} — a lesson is \
                 recorded from a session's start",
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" }
            ),
            Unrecorded::Host(host) => write!(
                f,
                "sockets are made in host {0} now, in a replay in host a until `host {0}`: type \
                 it again to record it",
                host.name()
            ),
            Unrecorded::LinkHolds => f.write_str(
                "the link holds segments now, in a replay only after `link hold …`: type it \
                 again to record it",
            ),
        }
    }
}

/// The hint under received data that another encoding reads:
/// `as GBK: “你好，世界！” — encoding gbk` (the text escaped as data is, and
/// clipped to 60 characters).
pub struct OtherReading<'a>(pub &'a crate::encoding::guess::Reading);

/// The most characters of another encoding's reading shown.
const READING_SHOWN: usize = 60;

impl fmt::Display for OtherReading<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reading = self.0;
        let text =
            crate::encoding::display::escape(reading.text.as_bytes(), crate::encoding::UTF_8);
        write!(
            f,
            "as {}: “{}” — encoding {}",
            reading.encoding.name(),
            crate::suggest::clip(&text, READING_SHOWN),
            crate::encoding::name(reading.encoding)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Full;
    use crate::step::Drained;

    /// Lines no transcript shows (a look the command line pinned, a full
    /// budget, a host plugged back …), worded as they were when they were
    /// finished strings.
    #[test]
    fn lines_no_transcript_shows_read_as_before() {
        let full = Full { limit: 256 << 20 };
        let table: Vec<(Line, &str)> = vec![
            (
                Line::WireView(WireView::Pinned(Look::Summary)),
                "wire view on, as --wire=summary asked on the command line",
            ),
            (
                Line::WireView(WireView::Pinned(Look::Ladder { ascii: true })),
                "wire view on, as --wire=ladder asked on the command line",
            ),
            (Line::WireView(WireView::Off), "wire view off"),
            (
                Line::WireView(WireView::WasNotOn),
                "the wire view was not on",
            ),
            (
                Line::Saved(Saved::StepsLetGo {
                    dropped: 3,
                    kept: 10,
                }),
                "  (the 3 oldest steps were let go: the picture keeps the last 10)",
            ),
            (
                Line::Saved(Saved::Graph {
                    from: "cli".into(),
                    to: "conn".into(),
                    path: "g.svg".into(),
                    data: 70,
                    again: 3,
                    lost: 2,
                }),
                "saved the time-sequence graph of cli → conn to g.svg: 70 data segments, 3 sent \
                 again, 2 lost on the link",
            ),
            (
                Line::Saved(Saved::Samples {
                    count: 4,
                    path: "cwnd.svg".into(),
                    plot: Some(vec!["cwnd".into(), "ssthresh".into()]),
                }),
                "saved 4 samples to cwnd.svg (a plot of cwnd and ssthresh)",
            ),
            (
                Line::Saved(Saved::Samples {
                    count: 4,
                    path: "rtt.svg".into(),
                    plot: Some(vec!["rtt".into(), "cwnd".into(), "inflight".into()]),
                }),
                "saved 4 samples to rtt.svg (a plot of rtt, cwnd and inflight)",
            ),
            (
                Line::Saved(Saved::Samples {
                    count: 4,
                    path: "cwnd.csv".into(),
                    plot: None,
                }),
                "saved 4 samples to cwnd.csv",
            ),
            (
                Line::DefaultHost(Host::B),
                "new sockets are made in host b (192.0.2.2)",
            ),
            (
                Line::Host {
                    host: Host::A,
                    change: HostChange::DelayedAck(false),
                },
                "host a ACKs every segment at once (its routes have quickack), as the lab's \
                 hosts do unless told",
            ),
            (
                Line::Host {
                    host: Host::B,
                    change: HostChange::Up,
                },
                "host b is up: its cable is back",
            ),
            (
                Line::Host {
                    host: Host::B,
                    change: HostChange::Crashed {
                        lost: Vec::new(),
                        forgotten: 0,
                    },
                },
                "host b crashed and is back with no sockets and no TCP state: lost no sockets \
                 (and 0 connection(s) its kernel held), without a word on the wire; late \
                 segments to it will draw RST",
            ),
            (Line::SamplingInterrupted(7), "interrupted after 7 samples"),
            (
                Line::WatchStoppedFull {
                    id: 2,
                    handle: "c".into(),
                    full,
                },
                "[2] stopped watching c: the session's memory budget (256 MiB) is full with \
                 results not yet shown — what is still to come waits in the socket (watch c \
                 again once they are shown)",
            ),
            (
                Line::Drained(Drained {
                    received: 5,
                    calls: 2,
                    largest: 5,
                    eof: false,
                    seconds: 0.0,
                }),
                "5 bytes in 2 calls (the largest 5), 0.000 s",
            ),
            (
                Line::Released {
                    delivered: false,
                    numbers: vec![1, 3],
                },
                "dropped #1, #3",
            ),
        ];
        for (line, words) in table {
            assert_eq!(line.to_string(), words, "{line:?}");
        }
    }

    /// Notes no transcript shows, worded as before.
    #[test]
    fn notes_no_transcript_shows_read_as_before() {
        let table: Vec<(Note, &str)> = vec![
            (
                Note::TimedOutInLab(LabCause::PeerDown(Host::B)),
                "host b is down (its cable is pulled): nothing reached it, and nothing came back",
            ),
            (
                Note::TimedOutInLab(LabCause::OwnDown(Host::A)),
                "host a — this socket's own — is down (its cable is pulled): nothing it sent \
                 left it",
            ),
            (
                Note::TimedOutInLab(LabCause::LinkHolding),
                "the link is holding segments (link hold): they wait there until delivered, \
                 and the kernel gave up first",
            ),
            (
                Note::SamplingStopped {
                    count: 9,
                    full: Full { limit: 1 << 30 },
                },
                "stopped after 9 samples: the session's memory budget (1 GiB) is full — \
                 sample less often, or for less time",
            ),
            (
                Note::PrivateNetwork,
                "this session runs in a private network (--sandbox): only socklab's own \
                 sockets are there, so programs outside it cannot be reached — run socklab \
                 without --sandbox to talk to them",
            ),
            (
                Note::PortHeld(Box::new(PortHolder {
                    handle: None,
                    closed: false,
                    local: "127.0.0.1:8888".parse().unwrap(),
                    peer: Some("127.0.0.1:40000".parse().unwrap()),
                    holding: Holding::Connection(TcpState::TIME_WAIT),
                    timewait_left: Some(std::time::Duration::from_millis(41_200)),
                    reuse: Reuse::Lacked,
                })),
                "a socket outside this session holds the port: 127.0.0.1:8888 ↔ 127.0.0.1:40000 \
                 in TIME_WAIT for 42 s more, and its socket had no SO_REUSEADDR (this one has \
                 it: on Linux both must)",
            ),
            (
                Note::PortHeld(Box::new(PortHolder {
                    handle: Some("u".into()),
                    closed: false,
                    local: "0.0.0.0:9999".parse().unwrap(),
                    peer: Some("127.0.0.1:7".parse().unwrap()),
                    holding: Holding::Udp,
                    timewait_left: None,
                    reuse: Reuse::Unknown,
                })),
                "u holds the port: bound to 0.0.0.0:9999, connected to 127.0.0.1:7",
            ),
            (
                Note::MorePortHolders(3),
                "and 3 more socket(s) on that port (ss -tuan lists them all)",
            ),
            (
                Note::UseAccepted {
                    listener: "srv".into(),
                    accepted: vec!["c1".into(), "c2".into()],
                },
                "srv is listening; data goes over the accepted sockets: c1, c2",
            ),
            (
                Note::Unrecorded(Unrecorded::Handles(vec!["a".into(), "b".into()])),
                "a, b made before the recording: its replay starts without them — a lesson is \
                 recorded from a session's start",
            ),
        ];
        for (note, words) in table {
            assert_eq!(note.to_string(), words, "{note:?}");
        }
    }
}
