//! What the runner shows while it waits for the next line: background
//! results, and what moved between steps (a delayed ACK, a peer's FIN, a
//! timer's retransmission) as it happens rather than under the next call.
//!
//! Owns: the wait for input and the between-steps display. Does not own
//! what moved or when (`session`, `clock`).

use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};

use super::Runner;
use crate::sys;

impl<W: Write> Runner<W> {
    /// Whether what moves between steps is shown as it happens. Not while
    /// recording: a recording is replayed as a script, which shows it with
    /// the next step (marked between steps), so the recording does too.
    pub fn shows_between_live(&self) -> bool {
        self.recording.is_none()
    }

    /// Shows what moved since the last step, if anything did: a step with
    /// no call whose every line is marked between steps.
    pub fn show_between(&mut self) {
        if !self.shows_between_live() {
            return;
        }
        if let Some(step) = self.session.between_step() {
            self.show_event("", &step);
        }
    }

    /// As `show_between`, but returns the output (for the shell's courier).
    pub fn between_captured(&mut self) -> Vec<u8> {
        self.capture = Some(Vec::new());
        self.show_between();
        self.capture.take().unwrap_or_default()
    }

    /// Copies of the fds that become readable when something moves between
    /// steps (none while recording), for a thread that polls them without
    /// holding the runner; copies, so a socket closed meanwhile (`wire
    /// off`) cannot hand its number to another file under the poll.
    pub fn between_fds(&self) -> Vec<OwnedFd> {
        if !self.shows_between_live() {
            return Vec::new();
        }
        self.session
            .between_fds()
            .into_iter()
            .filter_map(|fd| fd.try_clone_to_owned().ok())
            .collect()
    }

    /// Waits until `input` is readable, showing background results and
    /// what moves between steps as they come. (A file is always readable:
    /// a script runs straight on.)
    pub(super) fn show_results_until_readable(&mut self, input: &File) {
        let mut waited = false;
        loop {
            if self.flush_out().is_err() {
                return;
            }
            let (inbox, between) = {
                let mut fds = vec![input.as_fd()];
                let inbox = match self.session.jobs.is_empty() {
                    true => None,
                    false => self.session.jobs.inbox_fd(),
                };
                fds.extend(inbox);
                if self.shows_between_live() {
                    fds.extend(self.session.between_fds());
                }
                // Input already there: no wait, nothing shown meanwhile.
                if sys::poll(&fds[..1], libc::POLLIN, 0).is_ok_and(|(n, _)| n > 0) {
                    break;
                }
                waited = true;
                if fds.len() == 1 {
                    break;
                }
                let Ok((_, revents)) = sys::poll(&fds, libc::POLLIN, -1) else {
                    break;
                };
                if revents[0] != 0 {
                    break;
                }
                let split = 1 + usize::from(inbox.is_some());
                (
                    inbox.is_some() && revents[1] != 0,
                    revents[split..].iter().any(|&r| r != 0),
                )
            };
            if inbox {
                self.deliver();
            }
            if between {
                self.show_between();
            }
        }
        if waited {
            self.session.note_waited();
        }
    }
}
