//! How a step's lines, notes and why line (`step::Line`, `step::Note`,
//! `step::Why`) read, in the language chosen: each is one message of
//! i18n/LANG/socklab.ftl (`line-…`, `note-…`, `why-…`), its names — handles,
//! states, calls, errnos, commands — passed in as they are. Text output
//! writes them as worded here; JSON's `output`, `notes` and `why` hold the
//! English words (`render::json` renders in English).

use std::fmt;
use std::sync::OnceLock;

use crate::lab::dir::Dir;
use crate::lab::path::show_duration;
use crate::lab::{Host, Next};
use crate::names::TcpState;
use crate::safe_text::escape;
use crate::step::{
    Cause, Drained, Eof, HeldLine, Holding, HostChange, InflatedRtt, JobDoing, JobRow, LabCause,
    LessonEnd, Line, Note, PortHolder, ProgramEnd, RecordingLine, ResetReason, Reuse, Saved,
    Unrecorded, Why, WireView,
};
use crate::t;
use crate::wire::Look;

/// A word shown on most steps (`why:`, `data:`, `state`), worded once
/// per language and kept: the common lines stay as cheap as they were.
pub struct Word {
    make: fn() -> String,
    worded: [OnceLock<String>; 3],
}

impl Word {
    pub const fn new(make: fn() -> String) -> Word {
        Word {
            make,
            worded: [const { OnceLock::new() }; 3],
        }
    }

    /// The word in the language text is shown in now.
    pub fn get(&'static self) -> &'static str {
        let lang = crate::i18n::current();
        self.worded[lang as usize].get_or_init(self.make)
    }
}

/// `first and last`, `a, b and c`: a list as a sentence has it.
pub fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let first: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            t!("render-and", first = first.join(", "), last = last.as_ref())
        }
    }
}

/// `a->b and b->a`.
fn dirs(dirs: &[Dir]) -> String {
    let names: Vec<&str> = dirs.iter().map(|d| d.name()).collect();
    and_list(&names)
}

fn mode(hold: bool) -> &'static str {
    if hold { "hold" } else { "pass" }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Line::Text(text) => return f.write_str(text),
            Line::Current(name) => t!("line-current", handle = name.as_str()),
            Line::JobStarted { id, what } => t!("line-job-started", id = id, what = what.as_str()),
            Line::WatchStarted { id, handle, call } => t!(
                "line-watch-started",
                id = id,
                handle = handle.as_str(),
                call = call.as_str()
            ),
            Line::WatchStopped { id, handle } => {
                t!("line-watch-stopped", id = id, handle = handle.as_str())
            }
            Line::JobStoppedByClose { id, handle } => {
                t!(
                    "line-job-stopped-by-close",
                    id = id,
                    handle = handle.as_str()
                )
            }
            Line::Job(row) => job_row(row),
            Line::NoJobs => t!("line-no-jobs"),
            Line::NothingToWait => t!("line-nothing-to-wait"),
            Line::ProgramStarted { name, pid, what } => t!(
                "line-program-started",
                name = name.as_str(),
                pid = pid,
                what = what.as_str()
            ),
            Line::ProgramOutput { name, text } => return write!(f, "{name}│ {text}"),
            Line::ProgramEnded { name, end } => match end {
                ProgramEnd::Exited(code) => {
                    t!("line-program-exited", name = name.as_str(), code = code)
                }
                ProgramEnd::Killed(signal) => {
                    t!(
                        "line-program-killed",
                        name = name.as_str(),
                        signal = signal.to_string()
                    )
                }
            },
            Line::ProgramSignalled { name, signal } => {
                t!(
                    "line-program-signalled",
                    name = name.as_str(),
                    signal = signal.to_string()
                )
            }
            Line::Program { name, pid, what } => t!(
                "line-program",
                name = name.as_str(),
                what = what.as_str(),
                pid = pid
            ),
            Line::LessonEnded { lesson, ended } => lesson_ended(&escape(lesson), ended),
            Line::Reached { handle, what } => {
                t!(
                    "line-reached",
                    handle = handle.as_str(),
                    what = what.as_str()
                )
            }
            Line::ReachedState {
                handle,
                want,
                socket,
                connection,
            } => reached_state(handle, *want, *socket, *connection),
            Line::LinkCrossed => t!("line-link-crossed"),
            Line::SegmentSent => t!("line-segment-sent"),
            Line::LinkHolding {
                hold: true,
                dirs: d,
            } => t!("line-link-holding", dirs = dirs(d)),
            Line::LinkHolding {
                hold: false,
                dirs: d,
            } => t!("line-link-passing", dirs = dirs(d)),
            Line::LinkProps { dir, props } => {
                t!(
                    "line-link-props",
                    dir = dir.name(),
                    props = props.describe()
                )
            }
            Line::LinkCleared { dirs: d } => t!("line-link-cleared", dirs = dirs(d)),
            Line::LinkSeeded(seed) => t!("line-link-seeded", seed = seed.to_string()),
            Line::LinkModes { hold } => t!(
                "line-link-modes",
                ab = mode(hold[0]),
                ba = mode(hold[1]),
                a = Host::A.ipv4().to_string(),
                b = Host::B.ipv4().to_string()
            ),
            Line::LinkDirection {
                dir,
                props,
                counters,
                depth,
            } => return write!(f, "  {}", link_direction(*dir, props, counters, *depth)),
            Line::LinkSeed(seed) => {
                return write!(f, "  {}", t!("line-link-seed", seed = seed.to_string()));
            }
            Line::Unrecorded { passed, dropped } => {
                let text = t!("line-unrecorded", passed = passed, dropped = dropped);
                return write!(f, "  {text}");
            }
            Line::Unlogged { frames, budget } => {
                let budget = crate::budget::show_bytes(*budget);
                return write!(
                    f,
                    "  {}",
                    t!("line-unlogged", frames = frames, budget = budget)
                );
            }
            Line::Held(held) => return held.fmt(f),
            Line::NothingHeld => t!("line-nothing-held"),
            Line::NoHandles => t!("line-no-handles"),
            Line::SettleTimeouts(n) => {
                return write!(f, "  {}", t!("line-settle-timeouts", count = n));
            }
            Line::NextArmed { dir, action } => next_armed(*dir, *action),
            Line::Released { delivered, numbers } => released(*delivered, numbers),
            Line::JobDone(id) => t!("line-job-done", id = id),
            Line::WatchStoppedFull { id, handle, full } => t!(
                "line-watch-stopped-full",
                id = id,
                handle = handle.as_str(),
                full = full.to_string()
            ),
            Line::Eof(eof) => return eof.fmt(f),
            Line::DataKept { name, bytes } => {
                t!("line-data-kept", name = name.as_str(), bytes = bytes)
            }
            Line::DataNames(kept) => {
                let names: Vec<String> = kept
                    .iter()
                    .map(|(name, bytes)| t!("line-data-name", name = name.as_str(), bytes = bytes))
                    .collect();
                t!("line-data-names", names = names.join(", "))
            }
            Line::DataNotKept { name, why } => {
                t!(
                    "line-data-not-kept",
                    name = name.as_str(),
                    why = why.as_str()
                )
            }
            Line::RecvallEof { received, wanted } => {
                t!("line-recvall-eof", received = received, wanted = wanted)
            }
            Line::Drained(drained) => return drained.fmt(f),
            Line::IoctlValue(bytes) => t!("line-ioctl-value", bytes = bytes),
            Line::OptionValue(shown) => t!("line-option-value", value = shown.as_str()),
            Line::Language { lang, chosen } => match chosen {
                true => t!("lang-now"),
                false => {
                    let name = match lang {
                        crate::i18n::Lang::En => t!("lang-name-en"),
                        crate::i18n::Lang::Ru => t!("lang-name-ru"),
                        crate::i18n::Lang::Zh => t!("lang-name-zh"),
                    };
                    t!("lang-current", name = name, code = lang.code())
                }
            },
            Line::Encoding { encoding, chosen } => {
                let encoding = crate::encoding::name(encoding);
                match chosen {
                    true => t!("line-encoding-chosen", encoding = encoding),
                    false => t!("line-encoding", encoding = encoding),
                }
            }
            Line::WireView(view) => return view.fmt(f),
            Line::Saved(saved) => return saved.fmt(f),
            Line::DefaultHost(host) => t!(
                "line-default-host",
                host = host.name(),
                address = host.ipv4().to_string()
            ),
            Line::Host { host, change } => host_change(host.name(), change),
            Line::Sysctl { host, name, value } => {
                return write!(f, "{} {name} = {value}", host.name());
            }
            Line::Recording(recording) => return recording.fmt(f),
            Line::RowsNotShown {
                skipped,
                head,
                tail,
            } => {
                let text = t!(
                    "line-rows-not-shown",
                    skipped = skipped,
                    head = head,
                    tail = tail
                );
                return write!(f, "   {text}");
            }
            Line::SamplingInterrupted(count) => t!("line-sampling-interrupted", count = count),
        };
        f.write_str(&text)
    }
}

/// `[2] watch conn — running, 10 received so far`.
fn job_row(row: &JobRow) -> String {
    let doing = match row.doing {
        JobDoing::Finished => t!("line-job-finished"),
        JobDoing::Blocked => t!("line-job-blocked"),
        JobDoing::Running => t!("line-job-running"),
    };
    let (id, what) = (row.id, row.what.as_str());
    match row.received {
        Some(bytes) => t!(
            "line-job-received",
            id = id,
            what = what,
            doing = doing,
            bytes = bytes
        ),
        None => t!("line-job", id = id, what = what, doing = doing),
    }
}

/// `lesson X ended — back in this session: …`.
fn lesson_ended(lesson: &str, ended: &LessonEnd) -> String {
    let ended = match ended {
        LessonEnd::Ran { failed: false } => t!("line-lesson-ended", lesson = lesson),
        LessonEnd::Ran { failed: true } => t!("line-lesson-failed", lesson = lesson),
        LessonEnd::Interrupted => t!("line-lesson-interrupted", lesson = lesson),
        LessonEnd::Refused => t!("line-lesson-refused", lesson = lesson),
        LessonEnd::NotStarted(why) => {
            t!(
                "line-lesson-not-started",
                lesson = lesson,
                why = why.as_str()
            )
        }
    };
    t!("line-lesson-back", ended = ended)
}

/// `cli is FIN_WAIT2`; matched on the connection the kernel holds without
/// an fd, `cli's connection is TIME_WAIT (held by the kernel, no fd); the
/// socket is CLOSE`.
fn reached_state(
    handle: &str,
    want: TcpState,
    socket: Option<TcpState>,
    connection: Option<TcpState>,
) -> String {
    let state = want.name();
    match (socket, connection) {
        (Some(socket), Some(connection)) if socket.name() == state => t!(
            "line-reached-state-lives-on",
            handle = handle,
            state = state,
            connection = connection.name()
        ),
        (Some(socket), None) => t!("line-reached-state", handle = handle, state = socket.name()),
        (Some(socket), Some(_)) => t!(
            "line-reached-connection-socket",
            handle = handle,
            state = state,
            socket = socket.name()
        ),
        (None, _) => t!("line-reached-connection", handle = handle, state = state),
    }
}

/// `a->b: delay 50ms — 12 passed (1200 bytes), 1 lost; queue 3 of 100`.
fn link_direction(
    dir: Dir,
    props: &crate::lab::path::Props,
    c: &crate::lab::path::Counters,
    depth: usize,
) -> String {
    let mut text = t!(
        "line-link-direction",
        dir = dir.name(),
        props = props.describe(),
        passed = c.passed,
        bytes = c.bytes
    );
    let counts = [
        (c.lost, t!("line-link-lost", count = c.lost)),
        (
            c.queue_drops,
            t!("line-link-queue-drops", count = c.queue_drops),
        ),
        (
            c.hand_drops,
            t!("line-link-hand-drops", count = c.hand_drops),
        ),
        (
            c.duplicated,
            t!("line-link-duplicated", count = c.duplicated),
        ),
        (c.corrupted, t!("line-link-corrupted", count = c.corrupted)),
        (c.reordered, t!("line-link-reordered", count = c.reordered)),
        (
            c.budget_drops,
            t!("line-link-budget-drops", count = c.budget_drops),
        ),
    ];
    for (n, words) in counts {
        if n > 0 {
            text.push_str(", ");
            text.push_str(&words);
        }
    }
    if props.rate.is_some() {
        text.push_str("; ");
        text.push_str(&t!("line-link-queue", depth = depth, queue = props.queue));
    }
    text
}

/// `the next segment a->b will be dropped`.
fn next_armed(dir: Option<Dir>, action: Next) -> String {
    let which = dir.map_or_else(|| t!("line-next-either-way"), |d| d.name().to_string());
    match action {
        Next::Drop => t!("line-next-drop", which = which),
        Next::Dup => t!("line-next-dup", which = which),
        Next::Corrupt => t!("line-next-corrupt", which = which),
    }
}

/// `delivered #1, #3`.
fn released(delivered: bool, numbers: &[u32]) -> String {
    let numbers: Vec<String> = numbers.iter().map(|n| format!("#{n}")).collect();
    let numbers = numbers.join(", ");
    match (delivered, numbers.is_empty()) {
        (true, true) => t!("line-delivered"),
        (true, false) => t!("line-delivered-numbers", numbers = numbers),
        (false, true) => t!("line-dropped"),
        (false, false) => t!("line-dropped-numbers", numbers = numbers),
    }
}

/// `host a is down: …`, `host b crashed and is back …`.
fn host_change(host: &str, change: &HostChange) -> String {
    match change {
        HostChange::DelayedAck(true) => t!("line-host-delayed-ack", host = host),
        HostChange::DelayedAck(false) => t!("line-host-quickack", host = host),
        HostChange::Down => t!("line-host-down", host = host),
        HostChange::Up => t!("line-host-up", host = host),
        HostChange::Crashed { lost, forgotten } if lost.is_empty() => {
            t!(
                "line-host-crashed-nothing",
                host = host,
                forgotten = forgotten
            )
        }
        HostChange::Crashed { lost, forgotten } => t!(
            "line-host-crashed",
            host = host,
            lost = lost.join(" "),
            forgotten = forgotten
        ),
    }
}

impl fmt::Display for Eof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Eof::Peer => t!("line-eof-peer"),
            Eof::ShutRead => t!("line-eof-shut-read"),
            Eof::DatagramShutRead => t!("line-eof-datagram-shut-read"),
        })
    }
}

/// `1048576 bytes in 17 calls (the largest 65483), then EOF, 0.012 s, 699.05 Mbit/s`:
/// the calls that brought data (not the one that saw EOF), and a rate
/// when any time passed.
impl fmt::Display for Drained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let received = self.received;
        let calls = self.calls - u64::from(self.eof);
        let largest = self.largest;
        let seconds = format!("{:.3}", self.seconds);
        let rate = (self.seconds > 0.0)
            .then(|| format!("{:.2}", self.received as f64 * 8.0 / self.seconds / 1e6));
        let text = match (self.eof, rate) {
            (false, None) => t!(
                "line-drained",
                received = received,
                calls = calls,
                largest = largest,
                seconds = seconds
            ),
            (true, None) => t!(
                "line-drained-eof",
                received = received,
                calls = calls,
                largest = largest,
                seconds = seconds
            ),
            (false, Some(rate)) => t!(
                "line-drained-rate",
                received = received,
                calls = calls,
                largest = largest,
                seconds = seconds,
                rate = rate
            ),
            (true, Some(rate)) => t!(
                "line-drained-eof-rate",
                received = received,
                calls = calls,
                largest = largest,
                seconds = seconds,
                rate = rate
            ),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for WireView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            WireView::On(Look::List) => t!("line-wire-on"),
            WireView::On(Look::Ladder { .. }) => t!("line-wire-ladder"),
            WireView::On(Look::Summary) => t!("line-wire-summary"),
            WireView::Pinned(look) => {
                let look = match look {
                    Look::List => "on",
                    Look::Summary => "summary",
                    Look::Ladder { .. } => "ladder",
                };
                t!("line-wire-pinned", look = look)
            }
            WireView::Off => t!("line-wire-off"),
            WireView::WasNotOn => t!("line-wire-was-not-on"),
        })
    }
}

/// The path as typed, escaped for the terminal.
impl fmt::Display for Saved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Saved::Frames { count, path } => {
                t!("line-saved-frames", count = count, path = escape(path))
            }
            Saved::FramesLetGo { dropped, keeps_mib } => {
                let text = t!(
                    "line-saved-frames-let-go",
                    dropped = dropped,
                    mib = keeps_mib
                );
                return write!(f, "  {text}");
            }
            Saved::Session { segments, path } => {
                t!(
                    "line-saved-session",
                    segments = segments,
                    path = escape(path)
                )
            }
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
                t!(
                    "line-saved-program",
                    lines = lines,
                    language = language.to_string(),
                    path = path,
                    run = run
                )
            }
            Saved::ProgramCut { kept } => {
                return write!(f, "  {}", t!("line-saved-program-cut", kept = kept));
            }
            Saved::StepsLetGo { dropped, kept } => {
                let text = t!("line-saved-steps-let-go", dropped = dropped, kept = kept);
                return write!(f, "  {text}");
            }
            Saved::Graph {
                from,
                to,
                path,
                data,
                again,
                lost,
            } => t!(
                "line-saved-graph",
                from = from.as_str(),
                to = to.as_str(),
                path = escape(path),
                data = data,
                again = again,
                lost = lost
            ),
            Saved::Samples { count, path, plot } => match plot.as_deref() {
                Some(fields) => t!(
                    "line-saved-samples-plot",
                    count = count,
                    path = escape(path),
                    fields = and_list(fields)
                ),
                None => t!("line-saved-samples", count = count, path = escape(path)),
            },
        };
        f.write_str(&text)
    }
}

impl fmt::Display for RecordingLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            RecordingLine::Started(path) => t!("line-recording-started", path = path.as_str()),
            RecordingLine::Recorded(path) => t!("line-recorded", path = path.as_str()),
        })
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
        let times = times.join(", ");
        match (self.delivered, times.is_empty()) {
            (false, true) => Ok(()),
            (false, false) => {
                let text = t!("line-held-sent", count = self.sent, times = times);
                write!(f, "   {text}")
            }
            (true, _) => {
                let text = t!(
                    "line-held-delivered",
                    count = self.again.len(),
                    times = times
                );
                write!(f, "   {text}")
            }
        }
    }
}

impl fmt::Display for InflatedRtt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!(
            "note-inflated-rtt",
            rtt = show_duration(self.rtt),
            rto = show_duration(self.rto),
            link = show_duration(self.link_rtt)
        ))
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Note::Text(text) => return f.write_str(text),
            Note::InflatedRtt {
                handle: Some(handle),
                rtt,
            } => return write!(f, "{handle}: {rtt}"),
            Note::InflatedRtt { handle: None, rtt } => return rtt.fmt(f),
            Note::PrivilegedBind { port_start } => {
                t!("note-privileged-bind", start = port_start)
            }
            Note::ResetOnClose(reason) => return reason.fmt(f),
            Note::ReadableWhenClosed(handle) => {
                t!("note-readable-when-closed", handle = handle.as_str())
            }
            Note::CompetingWatcher { job, handle } => {
                t!(
                    "note-competing-watcher",
                    job = job,
                    handle = handle.as_str()
                )
            }
            Note::TimedOutInLab(cause) => return cause.fmt(f),
            Note::Unrecorded(unrecorded) => return unrecorded.fmt(f),
            Note::SamplingStopped { count, full } => {
                t!(
                    "note-sampling-stopped",
                    count = count,
                    full = full.to_string()
                )
            }
            Note::PrivateNetwork => t!("note-private-network"),
            Note::PortHeld(holder) => return holder.fmt(f),
            Note::TimeoutRanOut {
                handle,
                option,
                timeout,
            } => t!(
                "note-timeout-ran-out",
                option = option.to_string(),
                handle = handle.as_str(),
                timeout = show_duration(*timeout)
            ),
            Note::UseAccepted { listener, accepted } => {
                let listener = listener.as_str();
                match accepted.as_slice() {
                    [] => t!("note-use-accepted-none", listener = listener),
                    [one] => t!(
                        "note-use-accepted-one",
                        listener = listener,
                        accepted = one.as_str()
                    ),
                    many => t!(
                        "note-use-accepted-many",
                        listener = listener,
                        accepted = many.join(", ")
                    ),
                }
            }
            Note::PortPicked { asked, errno, got } => t!(
                "note-port-picked",
                errno = crate::names::errno_name(*errno),
                asked = asked.to_string(),
                got = got.to_string(),
                port = asked.port()
            ),
            Note::MorePortHolders(count) => t!("note-more-port-holders", count = count),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for PortHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.local.to_string();
        let mut holding = match (self.holding, self.peer) {
            (Holding::Listening, _) => t!("note-holding-listening", local = local),
            (Holding::Bound, _) => t!("note-holding-bound", local = local),
            (Holding::Connection(state), Some(peer)) => t!(
                "note-holding-connection",
                local = local,
                peer = peer.to_string(),
                state = state.name()
            ),
            (Holding::Connection(state), None) => {
                t!(
                    "note-holding-connection-alone",
                    local = local,
                    state = state.name()
                )
            }
            (Holding::Udp, Some(peer)) => {
                t!(
                    "note-holding-udp-connected",
                    local = local,
                    peer = peer.to_string()
                )
            }
            (Holding::Udp, None) => t!("note-holding-udp", local = local),
        };
        if let Some(left) = self.timewait_left {
            let seconds = left.as_secs_f64().ceil() as u64;
            holding = t!("note-holding-for", holding = holding, seconds = seconds);
        }
        holding = match self.reuse {
            Reuse::Set => t!("note-holding-reuse", holding = holding),
            Reuse::NotSet => t!("note-holding-no-reuse", holding = holding),
            Reuse::Lacked => t!("note-holding-reuse-lacked", holding = holding),
            Reuse::Unknown => holding,
        };
        f.write_str(&match (&self.handle, self.closed) {
            (Some(name), false) => t!("note-holder", handle = name.as_str(), holding = holding),
            (Some(name), true) => {
                t!(
                    "note-holder-closed",
                    handle = name.as_str(),
                    holding = holding
                )
            }
            (None, _) => t!("note-holder-outside", holding = holding),
        })
    }
}

impl fmt::Display for ResetReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ResetReason::Unread(bytes) => t!("note-reset-unread", bytes = bytes),
            ResetReason::LingerZero => t!("note-reset-linger-zero"),
        })
    }
}

impl fmt::Display for LabCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            LabCause::PeerDown(host) => t!("note-lab-peer-down", host = host.name()),
            LabCause::OwnDown(host) => t!("note-lab-own-down", host = host.name()),
            LabCause::LinkHolding => t!("note-lab-link-holding"),
        })
    }
}

impl fmt::Display for Unrecorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Unrecorded::Handles(names) => t!(
                "note-unrecorded-handles",
                names = names.join(", "),
                count = names.len()
            ),
            Unrecorded::Host(host) => t!("note-unrecorded-host", host = host.name()),
            Unrecorded::LinkHolds => t!("note-unrecorded-link-holds"),
        })
    }
}

/// The why line: the table's note in English as it is, else its message
/// (`cmd-VERB-errno-ERRNO`; English where that has none yet).
impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Table { english, .. } if crate::i18n::current() == crate::i18n::Lang::En => {
                f.write_str(english)
            }
            Why::Table {
                verb,
                errno,
                english,
            } => {
                let id = format!("cmd-{verb}-errno-{}", crate::names::errno_name(*errno));
                f.write_str(&crate::i18n::lookup(&id).unwrap_or_else(|| english.to_string()))
            }
            Why::Chosen(cause) => cause.fmt(f),
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Cause::PeerCrashed(host) => t!("why-peer-crashed", host = host.name()),
            Cause::NotEstablished => t!("why-not-established"),
            Cause::SynRetries => t!("why-syn-retries"),
            Cause::SynUserTimeout => t!("why-syn-user-timeout"),
            Cause::UserTimeout => t!("why-user-timeout"),
            Cause::Keepalive => t!("why-keepalive"),
            Cause::WindowProbes => t!("why-window-probes"),
            Cause::DataRetries => t!("why-data-retries"),
            Cause::ListenerData => t!("why-listener-data"),
            Cause::ListenerConnect => t!("why-listener-connect"),
            Cause::RcvtimeoRanOut => t!("why-rcvtimeo-ran-out"),
            Cause::SndtimeoRanOut => t!("why-sndtimeo-ran-out"),
            Cause::ConnectSndtimeo => t!("why-connect-sndtimeo"),
            Cause::PortListener => t!("why-port-listener"),
            Cause::PortReuseNotBoth => t!("why-port-reuse-not-both"),
            Cause::PortSetItHere => t!("why-port-set-it-here"),
            Cause::PortSetItBoth => t!("why-port-set-it-both"),
            Cause::PortUdp => t!("why-port-udp"),
        })
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
        f.write_str(&t!(
            "hint-other-reading",
            reading = reading.encoding.name(),
            text = crate::suggest::clip(&text, READING_SHOWN),
            encoding = crate::encoding::name(reading.encoding)
        ))
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

    /// Russian counts with the noun's form the number asks for; Chinese
    /// needs none.
    #[test]
    fn a_count_takes_its_form_in_russian() {
        use crate::i18n::{Lang, in_lang};
        let kept = |bytes| Line::DataKept {
            name: "d".into(),
            bytes,
        };
        let table = [
            (1, "сохранено как $d (1 байт; $d в данных send отправит их)"),
            (
                3,
                "сохранено как $d (3 байта; $d в данных send отправит их)",
            ),
            (5, "сохранено как $d (5 байт; $d в данных send отправит их)"),
            (
                11,
                "сохранено как $d (11 байт; $d в данных send отправит их)",
            ),
            (
                21,
                "сохранено как $d (21 байт; $d в данных send отправит их)",
            ),
        ];
        for (bytes, words) in table {
            assert_eq!(in_lang(Lang::Ru, || kept(bytes).to_string()), words);
        }
        assert_eq!(
            in_lang(Lang::Zh, || kept(2).to_string()),
            "已保存为 $d（2 字节；在 send 的数据里写 $d 就会发送它们）"
        );
        assert_eq!(
            in_lang(Lang::Ru, || Note::MorePortHolders(2).to_string()),
            "и ещё 2 сокета на этом порту (ss -tuan покажет все)"
        );
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
