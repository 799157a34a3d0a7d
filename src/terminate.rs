//! SIGTERM and SIGHUP: what was done so far is kept. Both signals are
//! blocked on every thread (the mask is set before any other thread starts
//! and inherited); one thread waits for them, runs the hook the mode set —
//! a script flushes its buffered output — and lets the signal end the
//! process as it would have (the shell sees "Terminated", status 143).
//!
//! `record` needs no hook (each step is in the file as it happens), nor
//! does the shell (each line is appended to the history as it is typed).
//!
//! Directories a run made for itself (a lesson's scratch directory) are
//! removed before the signal ends it: nothing is left behind.
//!
//! Owns: that thread, the hook, and the list of directories to remove.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use nix::sys::signal::{SigSet, SigmaskHow, Signal, pthread_sigmask};

type Hook = Box<dyn Fn() + Send>;

static HOOK: Mutex<Option<Hook>> = Mutex::new(None);

/// Directories to remove if a signal ends the process.
static SCRATCH: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Blocks SIGTERM and SIGHUP on this thread (and so on every thread started
/// from now on) and starts the thread that takes them. Call from `main`
/// before any other thread starts.
pub fn install() -> std::io::Result<()> {
    let mut set = SigSet::empty();
    set.add(Signal::SIGTERM);
    set.add(Signal::SIGHUP);
    pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&set), None)?;
    crate::interrupt::spawn_without_sigint("socklab-terminate".into(), None, move || {
        let Ok(signal) = set.wait() else {
            return;
        };
        if let Ok(hook) = HOOK.lock()
            && let Some(hook) = hook.as_ref()
        {
            hook();
        }
        if let Ok(scratch) = SCRATCH.lock() {
            for dir in scratch.iter() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
        crate::sys::die_by(signal);
    })?;
    Ok(())
}

/// Removes `dir` (and what is in it) if SIGTERM or SIGHUP ends the
/// process before `forget` is called for it.
pub fn remove_on_signal(dir: &Path) {
    if let Ok(mut scratch) = SCRATCH.lock() {
        scratch.push(dir.to_path_buf());
    }
}

/// `dir` is removed, or kept, by its owner now.
pub fn forget(dir: &Path) {
    if let Ok(mut scratch) = SCRATCH.lock() {
        scratch.retain(|kept| kept != dir);
    }
}

/// Sets what to do before SIGTERM or SIGHUP ends the process.
pub fn on_terminate(hook: impl Fn() + Send + 'static) {
    if let Ok(mut slot) = HOOK.lock() {
        *slot = Some(Box::new(hook));
    }
}
