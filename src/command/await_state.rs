//! `await [H] STATE|readable|writable [TIMEOUT]`: wait, bounded, for a moment
//! that a kernel timer decides (a delayed ACK, say), so a session or a
//! transcript can rely on it without sleeping for a guessed time.
//!
//! For `readable`/`writable` it is one poll(2). For a TCP state there is no
//! event to wait on, so it reads TCP_INFO until the state is reached, backing
//! off from 50 µs to 5 ms between looks, and gives up at the timeout.

use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout};

use super::{Arg, Group, Spec};
use crate::error::UsageError;
use crate::names::TcpState;
use crate::parse::Cursor;
use crate::session::Session;
use crate::step::{Outcome, Step};
use crate::sys;

pub const SPEC: Spec = Spec {
    name: "await",
    usage: "await [H] STATE|readable|writable [TIMEOUT] | await link [TIMEOUT]",
    syscall: "",
    summary: "Wait until the handle reaches a TCP state (e.g. FIN_WAIT2 after the peer's delayed ACK) or becomes readable/writable; fails after TIMEOUT (default 2s).",
    notes: "Some moves are made by kernel timers, not by calls: FIN_WAIT1 → FIN_WAIT2 waits for the \
            peer's delayed ACK (about 40 ms on Linux). `await cli FIN_WAIT2` makes such a moment \
            certain without guessing a sleep. TIMEOUT is like 500ms or 2s. In the lab, `await \
            link` waits for the next segment to reach the link — what a timer sends: a \
            retransmission, a keepalive probe, a window probe.",
    errnos: &[],
    args: &[Arg::Handle, Arg::StateOrEvent, Arg::Number],
    creates: 0,
    group: Group::Session,
    background: false,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    State(TcpState),
    Readable,
    Writable,
    /// `await link`: the next segment to reach the lab's link.
    Link,
}

#[derive(Debug, Clone)]
pub struct Await {
    handle: String,
    target: Target,
    timeout: Duration,
}

impl Await {
    pub fn parse(cursor: &mut Cursor) -> Result<Await, UsageError> {
        let link = cursor.peek().is_some_and(|t| t.text == "link");
        let handle = if link {
            String::new()
        } else {
            cursor.handle_or_kernel_held(1)?
        };
        let token = cursor.word("STATE")?;
        let target = match token.text.to_ascii_lowercase().as_str() {
            "link" if link => Target::Link,
            "readable" => Target::Readable,
            "writable" => Target::Writable,
            text => TcpState::from_name(text)
                .map(Target::State)
                .ok_or_else(|| {
                    cursor.error_at(
                        token,
                        format!(
                            "'{}' is not a TCP state or readable/writable; states: {}",
                            token.text,
                            TcpState::all_names().join(" ")
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
                            format!(
                                "TIMEOUT must be a duration like 500ms or 2s, not '{}'",
                                token.text
                            ),
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
        if self.target == Target::Link {
            return await_link(session, self.timeout);
        }
        let mut step = Step::new(SPEC.name, Some(self.handle.clone()));
        let (reached, now) = match (session.get(&self.handle), self.target) {
            (Some(handle), Target::State(want)) => {
                let fd = handle.socket.as_fd();
                wait_for_state(want, self.timeout, || {
                    sys::tcp_info(fd)
                        .map(|info| TcpState(info.tcpi_state))
                        .map_err(|e| e.to_string())
                })
            }
            (Some(handle), Target::Readable) => {
                wait_for_event(handle.socket.as_fd(), PollFlags::POLLIN, self.timeout)
            }
            (Some(handle), Target::Writable) => {
                wait_for_event(handle.socket.as_fd(), PollFlags::POLLOUT, self.timeout)
            }
            (_, Target::Link) => return await_link(session, self.timeout),
            (None, Target::State(want)) => wait_for_state(want, self.timeout, || {
                session
                    .kernel_held_state(&self.handle)
                    .ok_or_else(|| "gone from the kernel".to_string())
            }),
            (None, _) => {
                let error = UsageError::new(format!(
                    "{} is closed: only a TCP state can be awaited for it",
                    self.handle
                ));
                return Err(error);
            }
        };
        if let (Target::Readable, Some(handle)) = (self.target, session.get(&self.handle))
            && handle.kind.is_tcp()
            && handle.state == Some(TcpState::CLOSE)
        {
            step.notes.push(format!(
                "{} is neither listening nor connected: poll reports POLLHUP for it at once, \
                 which wakes a reader — yet there is nothing to read (recv gives ENOTCONN). \
                 Readable means a connection to accept on a listener, and data or EOF on a \
                 connected socket",
                self.handle
            ));
        }
        let what = match self.target {
            Target::State(state) => state.name().to_string(),
            Target::Readable => "readable".into(),
            Target::Writable => "writable".into(),
            Target::Link => "link".into(),
        };
        if reached {
            step.lines.push(format!("{} is {what}", self.handle));
        } else {
            step.outcome = Outcome::NotReached(format!(
                "{} did not become {what} within {:?} (it is {now})",
                self.handle, self.timeout
            ));
        }
        session.set_current(&self.handle);
        Ok(step)
    }
}

/// `await link [TIMEOUT]`: until a segment reaches the lab's link — a
/// retransmission, a keepalive probe, a delayed ACK: what a kernel timer
/// sends. The segment shows under this step.
fn await_link(session: &Session, timeout: Duration) -> Result<Step, UsageError> {
    let lab = session.require_lab()?;
    let mut step = Step::new(SPEC.name, None);
    if lab.relay.wait_for_crossing(timeout) {
        step.lines.push("a segment reached the link".into());
    } else {
        step.outcome =
            Outcome::NotReached(format!("no segment reached the link within {timeout:?}"));
    }
    Ok(step)
}

fn wait_for_state(
    want: TcpState,
    timeout: Duration,
    read: impl Fn() -> Result<TcpState, String>,
) -> (bool, String) {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_micros(50);
    loop {
        match read() {
            Ok(state) if state == want => return (true, state.name().into()),
            Err(why) => return (false, why),
            Ok(state) if Instant::now() >= deadline => return (false, state.name().into()),
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
) -> (bool, String) {
    let mut fds = [PollFd::new(fd, event)];
    let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    let timeout = PollTimeout::try_from(ms).unwrap_or(PollTimeout::NONE);
    match nix::poll::poll(&mut fds, timeout) {
        Ok(n) if n > 0 => (true, "ready".into()),
        Ok(_) => (false, "not ready".into()),
        Err(errno) => (false, format!("poll failed: {errno}")),
    }
}
