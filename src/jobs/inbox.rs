//! What workers produced, waiting to be shown: a queue and an eventfd
//! that is readable while it holds something.
//!
//! Owns: the queue. Does not own the workers (`super`).

use std::collections::{BTreeSet, VecDeque};
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::Mutex;

use nix::sys::eventfd::{EfdFlags, EventFd};

use crate::handle::Handle;
use crate::step::Step;

/// One result from a worker: a step to show, and the handles it created.
pub struct Event {
    pub job: u32,
    pub step: Step,
    pub handles: Vec<Handle>,
    /// Its share of the session's memory budget, given back when shown.
    pub held: Option<crate::budget::Held>,
}

/// Results waiting to be shown. Its eventfd is readable exactly while the
/// queue holds something (or a worker has ended since the last take), so
/// any number of waiters can poll it.
pub struct Inbox {
    queue: Mutex<Queue>,
    ready: EventFd,
}

#[derive(Default)]
struct Queue {
    events: VecDeque<Event>,
    /// The eventfd was made readable since the last take.
    signalled: bool,
}

impl Inbox {
    pub(super) fn new() -> io::Result<Inbox> {
        let ready = EventFd::from_flags(EfdFlags::EFD_CLOEXEC | EfdFlags::EFD_NONBLOCK)?;
        Ok(Inbox {
            queue: Mutex::new(Queue::default()),
            ready,
        })
    }

    /// Makes the fd readable until the next `take_all`.
    pub(super) fn wake(&self) {
        if let Ok(mut queue) = self.queue.lock() {
            queue.signalled = true;
            let _ = self.ready.write(1);
        }
    }

    pub(super) fn push(&self, event: Event) {
        if let Ok(mut queue) = self.queue.lock() {
            if !queue.signalled {
                queue.signalled = true;
                let _ = self.ready.write(1);
            }
            queue.events.push_back(event);
        }
    }

    /// Everything waiting, oldest first.
    pub fn take_all(&self) -> Vec<Event> {
        let Ok(mut queue) = self.queue.lock() else {
            return Vec::new();
        };
        if queue.signalled {
            // Nonblocking: EAGAIN when nothing was signalled.
            let _ = self.ready.read();
            queue.signalled = false;
        }
        if queue.events.is_empty() {
            // Most step boundaries: nothing came (no draining iterator).
            return Vec::new();
        }
        queue.events.drain(..).collect()
    }

    /// The jobs whose results wait.
    pub(super) fn waiting(&self) -> BTreeSet<u32> {
        self.queue
            .lock()
            .map(|queue| queue.events.iter().map(|event| event.job).collect())
            .unwrap_or_default()
    }

    /// Readable while results are waiting.
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.ready.as_fd()
    }
}
