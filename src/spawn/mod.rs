//! Programs the person starts with `spawn`: each runs in socklab's own
//! network (the sandbox's, or a lab host's), with socklab's rights and no
//! more, in a process group of its own; its stdout and stderr come back
//! through one pipe, line by line; it ends when socklab ends.
//!
//! Owns: the processes (start, signal, reap), their output pipes and the
//! fds that say when something came (`fds`), and what came (`drain`:
//! output lines, exits, as values). Not how they are shown (`step`,
//! `render`), nor which namespace they start in (the session hands in how
//! to fork), nor their sockets (`kernel_table`).

mod name;

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};

use nix::fcntl::OFlag;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

pub use name::default_name;

/// The longest line kept before it is shown cut (a program that never
/// writes a newline still shows its output).
const LONGEST_LINE: usize = 4096;
/// The most output read from one program at one step boundary (a program
/// that writes without end cannot hold the session).
const MOST_PER_DRAIN: usize = 256 * 1024;

/// Why a program could not be started or signalled.
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    NameTaken(String),
    /// No such program; the names of those running.
    NoSuch(String, Vec<String>),
    Pipe(nix::errno::Errno),
    Start {
        program: String,
        source: io::Error,
    },
    Signal {
        name: String,
        errno: nix::errno::Errno,
    },
}

impl std::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SpawnError::NameTaken(name) => crate::t!("spawn-error-name-taken", name = name),
            SpawnError::NoSuch(name, running) if running.is_empty() => {
                crate::t!("spawn-error-no-such", name = name)
            }
            SpawnError::NoSuch(name, running) => crate::t!(
                "spawn-error-no-such-running",
                name = name,
                names = running.join(", ")
            ),
            SpawnError::Pipe(errno) => crate::t!("spawn-error-pipe", reason = errno.to_string()),
            SpawnError::Start { program, source } => crate::t!(
                "spawn-error-start",
                program = program,
                reason = crate::error::io_reason(source)
            ),
            SpawnError::Signal { name, errno } => {
                crate::t!("spawn-error-signal", name = name, reason = errno.desc())
            }
        };
        f.write_str(&text)
    }
}

/// How a program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this status.
    Code(i32),
    /// A signal ended it.
    Signal(i32),
}

impl From<ExitStatus> for Exit {
    fn from(status: ExitStatus) -> Exit {
        match (status.code(), status.signal()) {
            (Some(code), _) => Exit::Code(code),
            (None, Some(signal)) => Exit::Signal(signal),
            (None, None) => Exit::Code(-1),
        }
    }
}

/// What came from the programs since the last look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A line it wrote (without its newline), as bytes: untrusted.
    Output { name: String, line: Vec<u8> },
    /// It ended.
    Exited { name: String, exit: Exit },
}

/// One running program.
#[derive(Debug)]
pub struct Program {
    pub name: String,
    pub pid: u32,
    /// The command line, as given (bytes: untrusted).
    pub argv: Vec<Vec<u8>>,
    /// The lab host whose network it runs in (None: socklab's own).
    pub host: Option<crate::lab::Host>,
    child: Child,
    /// Readable when it has ended.
    pidfd: Option<OwnedFd>,
    /// Its stdout and stderr; None after end of file.
    output: Option<File>,
    partial: Vec<u8>,
}

/// The programs started with `spawn` that have not ended yet (or whose end
/// has not been shown).
#[derive(Debug, Default)]
pub struct Programs {
    running: Vec<Program>,
    /// The programs that ended (their end shown), by name: what `wait
    /// NAME` answers for one that ended before it asked.
    ended: Vec<(String, Exit)>,
}

impl Programs {
    pub fn list(&self) -> &[Program] {
        &self.running
    }

    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    pub fn exists(&self, name: &str) -> bool {
        self.running.iter().any(|p| p.name == name)
    }

    /// How program `name` ended, if it has (and no other runs as `name`).
    pub fn ended(&self, name: &str) -> Option<Exit> {
        self.ended
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, exit)| *exit)
    }

    /// Starts `argv` as `name` (or a name made from the program's),
    /// forking with `fork` (which may fork in another network namespace).
    /// Its stdin is /dev/null; stdout and stderr go to one pipe.
    pub fn start(
        &mut self,
        name: Option<&str>,
        argv: Vec<Vec<u8>>,
        host: Option<crate::lab::Host>,
        fork: impl FnOnce(&mut Command) -> io::Result<Child>,
    ) -> Result<&Program, SpawnError> {
        let name = match name {
            Some(name) if self.exists(name) => return Err(SpawnError::NameTaken(name.into())),
            Some(name) => name.to_string(),
            None => default_name(&argv[0], |n| self.exists(n)),
        };
        let (read, write) =
            nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK).map_err(SpawnError::Pipe)?;
        // The child's end blocks as a pipe normally does.
        let _ = nix::fcntl::fcntl(&write, nix::fcntl::FcntlArg::F_SETFL(OFlag::empty()));
        let program = String::from_utf8_lossy(&argv[0]).into_owned();
        let start_error = |source| SpawnError::Start {
            program: crate::safe_text::escape(&program).into_owned(),
            source,
        };
        let mut command = Command::new(OsStr::from_bytes(&argv[0]));
        command
            .args(argv[1..].iter().map(|a| OsStr::from_bytes(a)))
            .stdin(Stdio::null())
            .stdout(Stdio::from(write.try_clone().map_err(start_error)?))
            .stderr(Stdio::from(write))
            // Python writes each line as it comes, as on a terminal.
            .env("PYTHONUNBUFFERED", "1")
            .process_group(0);
        crate::sys::child::dies_with_parent(&mut command);
        let child = fork(&mut command).map_err(start_error)?;
        // (The parent's copy of the write end went with `command`.)
        drop(command);
        let pid = child.id();
        self.running.push(Program {
            name,
            pid,
            argv,
            host,
            child,
            pidfd: crate::sys::child::pidfd_open(pid).ok(),
            output: Some(File::from(read)),
            partial: Vec::new(),
        });
        // infallible: the program was pushed on the line above.
        Ok(self.running.last().expect("just pushed"))
    }

    /// The fds that become readable when a program writes or ends.
    pub fn fds(&self) -> Vec<BorrowedFd<'_>> {
        let mut fds = Vec::new();
        for program in &self.running {
            fds.extend(program.output.as_ref().map(|f| f.as_fd()));
            fds.extend(program.pidfd.as_ref().map(|f| f.as_fd()));
        }
        fds
    }

    /// The fds of one program (its output and its end), for `wait NAME`.
    pub fn fds_of(&self, name: &str) -> Vec<BorrowedFd<'_>> {
        let mut fds = Vec::new();
        if let Some(program) = self.running.iter().find(|p| p.name == name) {
            fds.extend(program.output.as_ref().map(|f| f.as_fd()));
            fds.extend(program.pidfd.as_ref().map(|f| f.as_fd()));
        }
        fds
    }

    /// What the programs wrote and which ended, since the last look; an
    /// ended program's last output comes before its end, and it is
    /// forgotten then.
    pub fn drain(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        let ended = &mut self.ended;
        self.running.retain_mut(|program| {
            program.read_output(&mut events);
            match program.child.try_wait() {
                Ok(Some(status)) => {
                    // What it wrote last, then its end.
                    program.read_output(&mut events);
                    program.flush_partial(&mut events);
                    events.push(Event::Exited {
                        name: program.name.clone(),
                        exit: status.into(),
                    });
                    ended.retain(|(n, _)| *n != program.name);
                    ended.push((program.name.clone(), status.into()));
                    false
                }
                _ => true,
            }
        });
        events
    }

    /// Sends `signal` to program `name`'s process group.
    pub fn signal(&mut self, name: &str, signal: Signal) -> Result<(), SpawnError> {
        let program = self
            .running
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| SpawnError::NoSuch(name.into(), self.running_names()))?;
        killpg(Pid::from_raw(program.pid as i32), signal).map_err(|errno| SpawnError::Signal {
            name: name.into(),
            errno,
        })
    }

    /// ` (running: py, srv)`, or ` (spawn starts one)`: what follows
    /// "no program named 'x' is running".
    pub fn names_hint(&self) -> String {
        let hint = match self.running.is_empty() {
            true => crate::t!("spawn-error-hint-none"),
            false => crate::t!(
                "spawn-error-hint-running",
                names = self.running_names().join(", ")
            ),
        };
        format!(" {hint}")
    }

    /// The names of the programs running, in the order they started.
    fn running_names(&self) -> Vec<String> {
        self.running.iter().map(|p| p.name.clone()).collect()
    }
}

impl Program {
    /// Its open sockets: (fd, inode), from /proc/PID/fd, in fd order.
    /// Empty once it has ended (or if /proc cannot be read).
    pub fn sockets(&self) -> Vec<(u32, u64)> {
        let Ok(entries) = std::fs::read_dir(format!("/proc/{}/fd", self.pid)) else {
            return Vec::new();
        };
        let mut sockets: Vec<(u32, u64)> = entries
            .flatten()
            .filter_map(|entry| {
                let fd = entry.file_name().to_str()?.parse().ok()?;
                let target = std::fs::read_link(entry.path()).ok()?;
                let inode = target
                    .to_str()?
                    .strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .parse()
                    .ok()?;
                Some((fd, inode))
            })
            .collect();
        sockets.sort_unstable();
        sockets
    }

    /// Reads what is there (up to `MOST_PER_DRAIN`), as whole lines.
    fn read_output(&mut self, events: &mut Vec<Event>) {
        let Some(output) = &mut self.output else {
            return;
        };
        let mut buf = [0u8; 8192];
        let mut total = 0;
        while total < MOST_PER_DRAIN {
            match output.read(&mut buf) {
                Ok(0) => {
                    self.output = None;
                    break;
                }
                Ok(n) => {
                    total += n;
                    self.partial.extend_from_slice(&buf[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => {
                    self.output = None;
                    break;
                }
            }
        }
        while let Some(end) = memchr::memchr(b'\n', &self.partial) {
            let mut line: Vec<u8> = self.partial.drain(..=end).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            events.push(self.output_event(line));
        }
        while self.partial.len() >= LONGEST_LINE {
            let line = self.partial.drain(..LONGEST_LINE).collect();
            events.push(self.output_event(line));
        }
        if self.output.is_none() {
            self.flush_partial(events);
        }
    }

    fn flush_partial(&mut self, events: &mut Vec<Event>) {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            events.push(self.output_event(line));
        }
    }

    fn output_event(&self, line: Vec<u8>) -> Event {
        Event::Output {
            name: self.name.clone(),
            line,
        }
    }
}

impl Drop for Programs {
    /// Nothing is left behind: every program's process group is killed,
    /// and each reaped.
    fn drop(&mut self) {
        for program in &mut self.running {
            let _ = killpg(Pid::from_raw(program.pid as i32), Signal::SIGKILL);
            let _ = program.child.wait();
        }
    }
}
