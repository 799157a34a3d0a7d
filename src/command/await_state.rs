//! `await [H] STATE|readable|writable [TIMEOUT]`: wait, bounded, for a moment
//! that a kernel timer decides (a delayed ACK, say), so a session or a
//! transcript can rely on it without sleeping for a guessed time.
//!
//! For `readable`/`writable` it is one poll(2). For a TCP state there is no
//! event to wait on, so it reads TCP_INFO until the state is reached, backing
//! off from 50 µs to 5 ms between looks, and gives up at the timeout. The
//! state is the whole connection's: where it lives on without an fd — a
//! closed handle's, or behind a socket in CLOSE (TIME_WAIT after both ends
//! shut down) — the kernel's table is asked too, and the line says which
//! matched: `cli's connection is TIME_WAIT (held by the kernel, no fd); the
//! socket is CLOSE`.

use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout};

use super::action::{Action, boxed};
use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Line, Note, Outcome, Step};
use crate::sys;

pub const SPEC: Spec = Spec {
    name: "await",
    usage: "await [H] STATE|readable|writable [TIMEOUT] | await wire|link [TIMEOUT]",
    syscall: "",
    errnos: &[],
    args: &[Arg::Handle, Arg::StateOrEvent, Arg::Number],
    creates: 0,
    group: Group::Session,
    background: false,
    parse: |c| boxed(Await::parse(c)),
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    State(TcpState),
    Readable,
    Writable,
    /// `await link`: the next segment to reach the lab's link.
    Link,
    /// `await wire`: the next segment of the session's sockets on the wire
    /// view (on loopback; in the lab, the link's).
    Wire,
}

#[derive(Debug, Clone)]
pub struct Await {
    handle: String,
    target: Target,
    timeout: Duration,
}

impl Await {
    pub fn parse(cursor: &mut Cursor) -> Result<Await, UsageError> {
        let link = cursor
            .peek()
            .is_some_and(|t| t.text == "link" || t.text == "wire");
        let handle = if link {
            String::new()
        } else {
            cursor.handle_or_kernel_held(1)?
        };
        let token = cursor.word("STATE")?;
        let target = match token.text.to_ascii_lowercase().as_str() {
            "link" if link => Target::Link,
            "wire" if link => Target::Wire,
            "readable" => Target::Readable,
            "writable" => Target::Writable,
            text => TcpState::from_name(text)
                .map(Target::State)
                .ok_or_else(|| {
                    cursor.error_at(
                        token,
                        crate::worded!(
                            "error-not-a-state",
                            word = token.text,
                            states = TcpState::all_names().join(" ")
                        ),
                    )
                })?,
        };
        let timeout = match cursor.peek() {
            Some(token) => {
                cursor.word("TIMEOUT")?;
                super::sockopt::parse_duration(&token.text.to_ascii_lowercase())
                    .filter(|d| !d.is_zero() && *d <= Duration::from_secs(3600))
                    .ok_or_else(|| {
                        cursor.error_at(
                            token,
                            crate::worded!("error-await-timeout", word = token.text),
                        )
                    })?
            }
            None => Duration::from_secs(2),
        };
        cursor.finish()?;
        Ok(Await {
            handle,
            target,
            timeout,
        })
    }

    pub fn execute(mut self, session: &mut Session) -> Result<Step, UsageError> {
        self.timeout = session.wait_limit(self.timeout);
        match self.target {
            Target::Link => return await_link(session, self.timeout),
            Target::Wire if session.lab().is_some() => return await_link(session, self.timeout),
            Target::Wire => return await_wire(session, self.timeout),
            _ => {}
        }
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let seen = match (session.get(&self.handle), self.target) {
            (Some(handle), Target::State(want)) => {
                let fd = handle.socket.as_fd();
                wait_for_state(want, self.timeout, || {
                    let socket = sys::tcp_info(fd)
                        .map(|info| TcpState(info.tcpi_state))
                        .map_err(Unseen::CannotLook)?;
                    // A socket in CLOSE whose connection lives on without
                    // it (TIME_WAIT after both ends shut down): the
                    // connection's state counts too.
                    let connection = match socket {
                        TcpState::CLOSE => session.connection_state(handle),
                        _ => None,
                    };
                    Ok(Looked {
                        socket: Some(socket),
                        connection,
                    })
                })
            }
            (Some(handle), Target::Readable) => {
                wait_for_event(handle.socket.as_fd(), PollFlags::POLLIN, self.timeout)
            }
            (Some(handle), Target::Writable) => {
                wait_for_event(handle.socket.as_fd(), PollFlags::POLLOUT, self.timeout)
            }
            (_, Target::Link | Target::Wire) => return await_link(session, self.timeout),
            // Not found once is not yet the end: while the kernel swaps an
            // orphaned connection's socket for its lighter FIN_WAIT2 or
            // TIME_WAIT form, a lookup can miss it for an instant. It is
            // gone when it stays missing for `GONE_AFTER`.
            (None, Target::State(want)) => {
                let missing_since = std::cell::Cell::new(None::<Instant>);
                wait_for_state(want, self.timeout, || {
                    let connection = session.kernel_held_state(&self.handle);
                    match connection {
                        Some(_) => missing_since.set(None),
                        None => {
                            let since = missing_since.get().unwrap_or_else(Instant::now);
                            missing_since.set(Some(since));
                            if since.elapsed() >= GONE_AFTER {
                                return Err(Unseen::Gone);
                            }
                        }
                    }
                    Ok(Looked {
                        socket: None,
                        connection,
                    })
                })
            }
            (None, _) => {
                let error = UsageError::new(crate::worded!(
                    "error-await-closed",
                    handle = self.handle.as_str()
                ));
                return Err(error);
            }
        };
        if let (Target::Readable, Some(handle)) = (self.target, session.get(&self.handle))
            && handle.kind.is_tcp()
            && handle.state == Some(TcpState::CLOSE)
        {
            step.notes
                .push(Note::ReadableWhenClosed(self.handle.clone()));
        }
        let what = match self.target {
            Target::State(state) => state.name().to_string(),
            Target::Readable => "readable".into(),
            Target::Writable => "writable".into(),
            Target::Link => "link".into(),
            Target::Wire => "wire".into(),
        };
        let name = &self.handle;
        match (seen, self.target) {
            (Ok(Reached::State(looked)), Target::State(want)) => {
                step.lines.push(Line::ReachedState {
                    handle: name.clone(),
                    want,
                    socket: looked.socket,
                    connection: looked.connection,
                })
            }
            (Ok(_), _) => step.lines.push(Line::Reached {
                handle: name.clone(),
                what,
            }),
            (Err(missed), _) => {
                let now = match missed {
                    Missed::State(looked) => crate::error::Text::from(looked.shown()),
                    Missed::Not(unseen) => crate::error::Text::display(unseen),
                };
                // Worded when shown: in the session's language on the
                // terminal, in English in JSON and transcripts.
                let (handle, what) = (name.clone(), what.to_string());
                let timeout = format!("{:?}", self.timeout);
                step.outcome = Outcome::NotReached(crate::error::Text::new(move || {
                    crate::t!(
                        "await-not-reached",
                        handle = handle.as_str(),
                        what = what.as_str(),
                        timeout = timeout.as_str(),
                        now = now.word()
                    )
                }));
            }
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

/// How long a closed handle's connection must stay missing from the
/// kernel's table to be gone (a lookup can miss it for an instant while
/// the kernel swaps its socket for a time-wait one).
const GONE_AFTER: Duration = Duration::from_millis(20);

/// `await link [TIMEOUT]`: until a segment reaches the lab's link — a
/// retransmission, a keepalive probe, a delayed ACK: what a kernel timer
/// sends. The segment shows under this step.
fn await_link(session: &Session, timeout: Duration) -> Result<Step, UsageError> {
    let lab = session.require_lab()?;
    let mut step = Step::new(SPEC.name, None);
    if lab.relay.wait_for_crossing(timeout) {
        step.lines.push(Line::LinkCrossed);
    } else {
        step.outcome = Outcome::NotReached(crate::worded!(
            "await-link-not-reached",
            timeout = format!("{timeout:?}")
        ));
    }
    Ok(step)
}

/// `await wire [TIMEOUT]`: until a segment of the session's sockets goes
/// on loopback — a delayed ACK, a window probe: what a kernel timer sends.
/// The segment shows under this step.
fn await_wire(session: &mut Session, timeout: Duration) -> Result<Step, UsageError> {
    if session.wire().is_none() {
        return Err(UsageError::new(crate::worded!("error-await-wire-off")));
    }
    let mut step = Step::new(SPEC.name, None);
    if session.wait_for_segment(timeout) {
        step.lines.push(Line::SegmentSent);
    } else {
        step.outcome = Outcome::NotReached(crate::worded!(
            "await-wire-not-reached",
            timeout = format!("{timeout:?}")
        ));
    }
    Ok(step)
}

/// What a look at a handle's state found: its socket's state (None for a
/// closed handle) and, where it lives on without the socket, its
/// connection's (held by the kernel, no fd).
#[derive(Clone, Copy, Debug)]
struct Looked {
    socket: Option<TcpState>,
    connection: Option<TcpState>,
}

impl Looked {
    fn is(&self, want: TcpState) -> bool {
        self.socket == Some(want) || self.connection == Some(want)
    }

    /// What it is, for a wait that gave up: `CLOSE; its connection is
    /// FIN_WAIT2, held by the kernel with no fd`.
    fn shown(&self) -> String {
        match (self.socket, self.connection) {
            (Some(socket), Some(connection)) => crate::t!(
                "await-now-with-connection",
                socket = socket.name(),
                connection = connection.name()
            ),
            (Some(socket), None) => socket.name().into(),
            (None, Some(connection)) => {
                crate::t!("await-now-held", connection = connection.name())
            }
            (None, None) => crate::t!("await-now-gone"),
        }
    }
}

/// What a wait found when it reached what it waited for.
enum Reached {
    State(Looked),
    Ready,
}

/// What a wait found last when it gave up.
enum Missed {
    State(Looked),
    /// Why it could not look, or what poll found.
    Not(Unseen),
}

/// What a wait saw instead of what it waited for.
#[derive(Debug)]
enum Unseen {
    /// The connection of a closed handle stayed missing from the kernel.
    Gone,
    /// TCP_INFO could not be read.
    CannotLook(nix::errno::Errno),
    NotReady,
    PollFailed(nix::errno::Errno),
}

impl std::fmt::Display for Unseen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Unseen::Gone => crate::t!("await-now-gone"),
            Unseen::CannotLook(errno) => errno.to_string(),
            Unseen::NotReady => crate::t!("await-not-ready"),
            Unseen::PollFailed(errno) => crate::t!("await-poll-failed", errno = errno.to_string()),
        };
        f.write_str(&text)
    }
}

fn wait_for_state(
    want: TcpState,
    timeout: Duration,
    read: impl Fn() -> Result<Looked, Unseen>,
) -> Result<Reached, Missed> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_micros(50);
    loop {
        match read() {
            Ok(looked) if looked.is(want) => return Ok(Reached::State(looked)),
            Err(why) => return Err(Missed::Not(why)),
            Ok(looked) if Instant::now() >= deadline => return Err(Missed::State(looked)),
            Ok(_) => {}
        }
        // A bounded wait between looks: a TCP state has no event to block on.
        std::thread::park_timeout(pause);
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

fn wait_for_event(
    fd: std::os::fd::BorrowedFd<'_>,
    event: PollFlags,
    timeout: Duration,
) -> Result<Reached, Missed> {
    let mut fds = [PollFd::new(fd, event)];
    let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    let timeout = PollTimeout::try_from(ms).unwrap_or(PollTimeout::NONE);
    match nix::poll::poll(&mut fds, timeout) {
        Ok(n) if n > 0 => Ok(Reached::Ready),
        Ok(_) => Err(Missed::Not(Unseen::NotReady)),
        Err(errno) => Err(Missed::Not(Unseen::PollFailed(errno))),
    }
}

impl Action for Await {
    fn run(
        self: Box<Self>,
        _names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        self.execute(session)
    }

    fn waits(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, in_english, in_lang};

    #[test]
    fn what_a_wait_found_instead_is_worded_in_the_language_shown() {
        let looked = Looked {
            socket: Some(TcpState::CLOSE),
            connection: TcpState::from_name("FIN_WAIT2"),
        };
        assert_eq!(
            in_english(|| looked.shown()),
            "CLOSE; its connection is FIN_WAIT2, held by the kernel with no fd"
        );
        let russian = in_lang(Lang::Ru, || looked.shown());
        assert!(russian.starts_with("CLOSE; ") && russian.contains("FIN_WAIT2"));
        assert_eq!(
            in_english(|| Unseen::Gone.to_string()),
            "gone from the kernel"
        );
        assert_eq!(in_lang(Lang::Zh, || Unseen::NotReady.to_string()), "未就绪");
    }
}
