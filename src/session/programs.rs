//! The session's side of the programs `spawn` starts: where they start
//! (socklab's own network, or a lab host's), and what they wrote and how
//! they ended, as a step's lines.
//!
//! Owns: starting one in the right namespace, and turning `spawn::Event`s
//! into `step::Line`s in the session's encoding. The processes themselves
//! are `spawn`'s.

use std::io;
use std::net::SocketAddr;

use nix::sys::signal::Signal;

use super::Session;
use crate::error::UsageError;
use crate::kernel_table::{PortUser, Transport, every_socket};
use crate::lab::Host;
use crate::names::TcpState;
use crate::spawn::{Event, Exit, Programs};
use crate::step::{Line, ProgramEnd, StateChange, Step};

/// Every TCP and UDP socket of one network namespace.
type SocketTable = Vec<(Transport, PortUser)>;

/// A socket of a spawned program, as `ls` lists it: read-only, named
/// `PROGRAM.FD` (`srv.3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramSocket {
    pub name: String,
    pub fd: u32,
    pub transport: Transport,
    pub local: SocketAddr,
    pub peer: Option<SocketAddr>,
    /// As the kernel numbers it (UDP: CLOSE, or ESTABLISHED connected).
    pub state: TcpState,
    pub host: Option<Host>,
}

impl Session {
    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    /// Starts `argv` as program `name` (or one made from the program's
    /// name) in `host`'s network in the lab, else in socklab's own. A
    /// lesson may not: it is data, not a program.
    pub fn start_program(
        &mut self,
        host: Option<Host>,
        name: Option<&str>,
        argv: Vec<Vec<u8>>,
    ) -> Result<Line, UsageError> {
        if self.is_confined() {
            return Err(UsageError::new(crate::worded!(
                "session-error-no-programs-in-lessons"
            )));
        }
        let host = host.or(self.default_host());
        if host.is_some() {
            self.require_lab()?;
        }
        let lab = self.lab.lab();
        let program = self
            .programs
            .start(name, argv, host, |command| match (lab, host) {
                (Some(lab), Some(host)) => lab
                    .within(host, || command.spawn())
                    .map_err(io::Error::other)?,
                _ => command.spawn(),
            })
            .map_err(|e| UsageError::new(e.to_string()))?;
        Ok(Line::ProgramStarted {
            name: program.name.clone(),
            pid: program.pid,
            what: shown_argv(&program.argv),
        })
    }

    /// Sends `signal` to program `name`'s process group.
    pub fn signal_program(&mut self, name: &str, signal: Signal) -> Result<Line, UsageError> {
        self.programs
            .signal(name, signal)
            .map_err(|e| UsageError::new(e.to_string()))?;
        Ok(Line::ProgramSignalled {
            name: name.to_string(),
            signal: signal.as_str(),
        })
    }

    /// How program `name` ended, if it has and its end was shown.
    pub fn program_ended(&self, name: &str) -> Option<Line> {
        let exit = self.programs.ended(name)?;
        Some(Line::ProgramEnded {
            name: name.to_string(),
            end: program_end(exit),
        })
    }

    /// The spawned programs' sockets, found through each program's fds
    /// (/proc/PID/fd) and sock_diag in its network namespace. TCP and UDP
    /// sockets only (a unix socket has no state to show).
    pub fn program_sockets(&self) -> Vec<ProgramSocket> {
        let mut found = Vec::new();
        let mut tables: Vec<(Option<Host>, SocketTable)> = Vec::new();
        for program in self.programs.list() {
            let sockets = program.sockets();
            if sockets.is_empty() {
                continue;
            }
            if !tables.iter().any(|(host, _)| *host == program.host) {
                tables.push((program.host, self.socket_table(program.host)));
            }
            let Some((_, table)) = tables.iter().find(|(host, _)| *host == program.host) else {
                continue;
            };
            for (fd, inode) in sockets {
                let Some((transport, user)) = table
                    .iter()
                    .find(|(_, user)| user.inode != 0 && u64::from(user.inode) == inode)
                else {
                    continue;
                };
                found.push(ProgramSocket {
                    name: format!("{}.{fd}", program.name),
                    fd,
                    transport: *transport,
                    local: user.local,
                    peer: user.peer,
                    state: user.state,
                    host: program.host,
                });
            }
        }
        found
    }

    /// Every TCP and UDP socket in `host`'s network (socklab's own: None).
    fn socket_table(&self, host: Option<Host>) -> SocketTable {
        let dump = || {
            let mut all = Vec::new();
            for transport in [Transport::Tcp, Transport::Udp] {
                all.extend(every_socket(transport).into_iter().map(|u| (transport, u)));
            }
            all
        };
        match (self.lab.lab(), host) {
            (Some(lab), Some(host)) => lab.within(host, dump).unwrap_or_default(),
            _ => dump(),
        }
    }

    /// How the programs' TCP sockets moved since the last look: a new one
    /// (`state srv.4: ESTABLISHED`), a state change, one gone. What it
    /// found is kept for the wire view, which names segments by them.
    pub(super) fn program_state_changes(&mut self) -> Vec<StateChange> {
        if self.programs.is_empty() && self.program_states.is_empty() {
            return Vec::new();
        }
        let sockets = self.program_sockets();
        let now: Vec<(String, TcpState)> = sockets
            .iter()
            .filter(|s| s.transport == Transport::Tcp)
            .map(|s| (s.name.clone(), s.state))
            .collect();
        self.program_ends = sockets;
        let mut changes = Vec::new();
        for (name, state) in &now {
            let before = self.program_states.iter().find(|(n, _)| n == name);
            if before.map(|(_, s)| *s) != Some(*state) {
                changes.push(StateChange {
                    handle: name.clone(),
                    from: before.map(|(_, s)| *s),
                    to: Some(*state),
                    closed: false,
                    when: None,
                });
            }
        }
        for (name, state) in &self.program_states {
            if !now.iter().any(|(n, _)| n == name) {
                changes.push(StateChange {
                    handle: name.clone(),
                    from: Some(*state),
                    to: None,
                    closed: false,
                    when: None,
                });
            }
        }
        self.program_states = now;
        changes
    }

    /// The programs' sockets as last found (by `program_state_changes`,
    /// early in every step): the wire view's ends for their segments.
    pub(super) fn program_ends(&self) -> &[ProgramSocket] {
        &self.program_ends
    }

    /// `jobs`' rows for the programs.
    pub fn program_rows(&self) -> Vec<Line> {
        self.programs
            .list()
            .iter()
            .map(|program| Line::Program {
                name: program.name.clone(),
                pid: program.pid,
                what: shown_argv(&program.argv),
            })
            .collect()
    }

    /// What the programs wrote and which ended since the last look, as
    /// lines of `step`; whether there were any.
    pub(super) fn program_lines(&mut self, step: &mut Step) -> bool {
        if self.programs.is_empty() {
            return false;
        }
        let events = self.programs.drain();
        let any = !events.is_empty();
        for event in events {
            step.lines.push(match event {
                Event::Output { name, line } => Line::ProgramOutput {
                    name,
                    text: shown_output(&line, self.manners.encoding),
                },
                Event::Exited { name, exit } => Line::ProgramEnded {
                    name,
                    end: program_end(exit),
                },
            });
        }
        any
    }
}

/// How a program ended, as a line says it.
pub fn program_end(exit: Exit) -> ProgramEnd {
    match exit {
        Exit::Code(code) => ProgramEnd::Exited(code),
        Exit::Signal(signal) => {
            ProgramEnd::Killed(Signal::try_from(signal).map_or("a signal", Signal::as_str))
        }
    }
}

/// A command line as shown: each argument escaped, quoted when it holds
/// a space or is empty.
fn shown_argv(argv: &[Vec<u8>]) -> String {
    let words: Vec<String> = argv
        .iter()
        .map(|arg| {
            let text = crate::safe_text::escape_bytes(arg);
            match text.is_empty() || text.contains(' ') {
                true => format!("\"{text}\""),
                false => text,
            }
        })
        .collect();
    words.join(" ")
}

/// A line of a program's output as text in the session's encoding, with
/// control characters (and bytes that are not text) escaped.
fn shown_output(line: &[u8], encoding: &'static crate::encoding::Encoding) -> String {
    let mut out = String::new();
    let _ = crate::encoding::write_escaped(line, encoding, &mut out, |text, out| {
        out.write_str(&crate::safe_text::escape(text))
    });
    out
}
