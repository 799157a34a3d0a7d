//! The shell's courier: shows background results as they come, above the
//! line being typed, without breaking it (rustyline's `ExternalPrinter`).
//!
//! A thread waits on the jobs' inbox; when results arrive it takes the
//! runner for a moment, lets it turn them into steps (the same rendering as
//! a foreground step) and hands the text to the printer — after letting go
//! of the runner, so a printer waiting for the prompt never holds up a line.
//! Owns: that thread. Does not own the results (`jobs`) or their text (`runner`).

use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use nix::errno::Errno;
use nix::sys::eventfd::{EfdFlags, EventFd};

use crate::helper::HandleList;
use crate::jobs::Inbox;
use crate::runner::Runner;
use crate::sys;

/// Where the courier's text goes: the ExternalPrinter, or stdout.
pub type Print = Box<dyn FnMut(String) + Send>;

pub struct Courier {
    stop: Arc<EventFd>,
    poke: Arc<EventFd>,
    thread: Option<JoinHandle<()>>,
}

impl Courier {
    pub fn start<W: Write + Send + 'static>(
        runner: Arc<Mutex<Runner<W>>>,
        inbox: Arc<Inbox>,
        handles: HandleList,
        mut print: Print,
    ) -> io::Result<Courier> {
        let stop = Arc::new(EventFd::from_flags(
            EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK,
        )?);
        let stopped = Arc::clone(&stop);
        // Poked after every line (`poke`): the fds to watch may have changed
        // (`wire on`, a new handle); poked once now to take them.
        let poke = Arc::new(EventFd::from_flags(
            EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK,
        )?);
        poke.write(1)?;
        let poked = Arc::clone(&poke);
        let thread =
            crate::interrupt::spawn_without_sigint("socklab-courier".into(), None, move || {
                // What moves between steps wakes the courier too (copies of
                // the session's fds, taken anew after every wake-up).
                let mut between = Vec::new();
                loop {
                    let mut fds = vec![inbox.fd(), stopped.as_fd(), poked.as_fd()];
                    fds.extend(between.iter().map(|fd: &OwnedFd| fd.as_fd()));
                    let moved = match sys::poll(&fds, libc::POLLIN, -1) {
                        Ok((_, revents)) if revents[1] != 0 => return,
                        Ok((_, revents)) => {
                            if revents[2] != 0 {
                                let _ = poked.read();
                            }
                            revents[3..].iter().any(|&r| r != 0)
                        }
                        Err(Errno::EINTR) => false,
                        Err(_) => return,
                    };
                    let text = {
                        let mut runner = runner.lock().unwrap_or_else(PoisonError::into_inner);
                        let mut text = runner.deliver_captured();
                        if moved {
                            text.extend(runner.between_captured());
                        }
                        between = runner.between_fds();
                        if let Ok(mut names) = handles.lock() {
                            *names = runner.session.completion_names();
                        }
                        text
                    };
                    if !text.is_empty() {
                        print(String::from_utf8_lossy(&text).into_owned());
                    }
                }
            })?;
        Ok(Courier {
            stop,
            poke,
            thread: Some(thread),
        })
    }

    /// Says a line has run: the fds that show what moves between steps are
    /// taken anew.
    pub fn poke(&self) {
        let _ = self.poke.write(1);
    }

    /// Ends the thread. Drop the editor first: a printer waiting for a
    /// prompt that will not come is released when the editor goes.
    pub fn stop(mut self) {
        let _ = self.stop.write(1);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The printer for a shell whose output is not a terminal, or is one in
/// a charset other than UTF-8: standard output, in `charset`.
pub fn stdout_print(charset: crate::i18n::Charset) -> Print {
    Box::new(move |text: String| {
        let mut out = crate::i18n::Transcode::new(io::stdout().lock(), charset);
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    })
}
