//! SIGTERM and SIGHUP: what was done so far is kept. Both signals are
//! blocked on every thread (the mask is set before any other thread starts
//! and inherited); one thread waits for them, runs the hook the mode set —
//! a script flushes its buffered output — and lets the signal end the
//! process as it would have (the shell sees "Terminated", status 143).
//!
//! `record` needs no hook (each step is in the file as it happens), nor
//! does the shell (each line is appended to the history as it is typed).
//!
//! Owns: that thread and the hook.

use std::sync::Mutex;

use nix::sys::signal::{SigSet, SigmaskHow, Signal, pthread_sigmask};

type Hook = Box<dyn Fn() + Send>;

static HOOK: Mutex<Option<Hook>> = Mutex::new(None);

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
        crate::sys::die_by(signal);
    })?;
    Ok(())
}

/// Sets what to do before SIGTERM or SIGHUP ends the process.
pub fn on_terminate(hook: impl Fn() + Send + 'static) {
    if let Ok(mut slot) = HOOK.lock() {
        *slot = Some(Box::new(hook));
    }
}
