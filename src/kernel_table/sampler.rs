//! The thread that watches the held connections between the session's own
//! reads: a connection with no fd wakes nobody when it moves (the state
//! watch's epoll set holds fds), so it is looked at — one `sock_diag`
//! lookup each, a few microseconds — `FIRST_LOOK` after it moved, then
//! less often, at least every `LOOK_EVERY` while a segment may move it; in
//! TIME_WAIT only when the kernel's timer for it ends. Every move it sees
//! is kept, with when, until a read takes it, and raises the eventfd the
//! session polls between steps.
//!
//! It asks only on the netlink socket the session opened (in the
//! connections' namespace); it never runs with no connection held (it
//! waits on the condvar), and never takes more than a twentieth of a CPU:
//! after a round of looks that took `d` it waits at least `20 d`.
//!
//! Owns: the thread. Does not own the list (`Held`, behind the lock).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Shared, Table};

/// Starts the sampler; None if no thread could be made (then the steps'
/// own reads are all there is, as before).
pub(super) fn start(shared: Arc<Shared>) -> Option<std::thread::JoinHandle<()>> {
    crate::interrupt::spawn_without_sigint("socklab-held".into(), Some(256 * 1024), move || {
        run(&shared)
    })
    .ok()
}

fn run(shared: &Shared) {
    let mut table = shared.lock();
    let mut took = Duration::ZERO;
    loop {
        if table.stop {
            return;
        }
        let now = Instant::now();
        if table.ghosts.iter().any(|g| g.next_look <= now) {
            let began = Instant::now();
            let moved = look(shared, &mut table, now);
            took = began.elapsed();
            shared.count(&table);
            if moved && let Some(notify) = shared.notify.get() {
                let _ = nix::unistd::write(notify, &1u64.to_ne_bytes());
            }
        }
        let next = table.ghosts.iter().map(|g| g.next_look).min();
        table = match next {
            None => shared
                .wake
                .wait(table)
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now()).max(took * 20);
                shared
                    .wake
                    .wait_timeout(table, wait)
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .0
            }
        };
    }
}

/// Looks at every connection whose time has come; whether one moved.
/// (Under the lock: a step's read and the sampler's never interleave, so
/// the moves are kept in the order they were seen.)
fn look(shared: &Shared, table: &mut Table, now: Instant) -> bool {
    let due: Vec<usize> = (0..table.ghosts.len())
        .filter(|&k| table.ghosts[k].next_look <= now)
        .collect();
    let tuples: Vec<_> = due
        .iter()
        .map(|&k| (table.ghosts[k].local, table.ghosts[k].peer))
        .collect();
    let Ok(found) = shared.diag.lookup_opened(&tuples) else {
        // Netlink refused (the lab's namespace going away, say): the
        // steps' reads go on; the sampler stops looking.
        for &k in &due {
            table.ghosts[k].next_look = now + Duration::from_secs(24 * 3600);
        }
        return false;
    };
    let seen_at = Instant::now();
    let mut moved = false;
    let mut gone = Vec::new();
    for (&k, found) in due.iter().zip(found) {
        let ghost = &mut table.ghosts[k];
        let to = found.map(|f| f.state);
        if to != Some(ghost.state) {
            let seen = ghost.seen(to, seen_at, true);
            table.seen.push(seen);
            moved = true;
        }
        let ghost = &mut table.ghosts[k];
        ghost.looked(found, seen_at);
        if to.is_none() {
            gone.push(k);
        }
    }
    for k in gone.into_iter().rev() {
        table.ghosts.remove(k);
    }
    moved
}
