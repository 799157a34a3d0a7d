//! What a session may keep, and how much: its budgets (docs/robustness.md).
//!
//! A lesson is a stranger's file, and a script or a person can ask for a
//! lot; so the memory socklab keeps on a session's behalf — samples, frames
//! held or delayed on the lab's link, the link's log of crossings, results
//! of background jobs not yet shown, receive buffers of background calls —
//! is counted in bytes against one budget, and background jobs and
//! watchers against another. Where memory is kept it is taken from the
//! budget first; what cannot be taken is not kept, and the step that met
//! the limit says which budget and its size. Nothing already kept is lost.
//!
//! A lesson (`socklab test`, `play`) gets [`LESSON_MEMORY`] and
//! [`LESSON_JOBS`]; a script or the shell gets [`SESSION_MEMORY`] and
//! [`SESSION_JOBS`], which `--max-memory` and `--max-jobs` change.
//!
//! Owns: the counts and limits. Each keeper says what it keeps and when it
//! lets it go.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The longest a confined (lesson's) session waits in one call or `await`.
pub const CONFINED_MAX_WAIT: Duration = Duration::from_secs(60);

/// A lesson's memory budget.
pub const LESSON_MEMORY: usize = 256 << 20;
/// A lesson's background jobs and watchers, at once.
pub const LESSON_JOBS: usize = 256;
/// A script's or the shell's memory budget, unless `--max-memory` says.
pub const SESSION_MEMORY: usize = 1 << 30;
/// A script's or the shell's jobs at once, unless `--max-jobs` says.
pub const SESSION_JOBS: usize = 1024;

/// The budgets of one session, shared with its relay and its workers.
#[derive(Debug)]
pub struct Budget {
    memory: usize,
    jobs: usize,
    used: AtomicUsize,
}

/// Memory the budget had no room for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full {
    /// The budget's size, bytes.
    pub limit: usize,
}

impl fmt::Display for Full {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = show_bytes(self.limit);
        f.write_str(&crate::t!("budget-full", limit = limit))
    }
}

impl Budget {
    pub fn new(memory: usize, jobs: usize) -> Arc<Budget> {
        Arc::new(Budget {
            memory,
            jobs,
            used: AtomicUsize::new(0),
        })
    }

    /// A lesson's budgets.
    pub fn lesson() -> Arc<Budget> {
        Budget::new(LESSON_MEMORY, LESSON_JOBS)
    }

    /// A script's or the shell's default budgets.
    pub fn session() -> Arc<Budget> {
        Budget::new(SESSION_MEMORY, SESSION_JOBS)
    }

    /// Takes `bytes` if they fit.
    pub fn take(&self, bytes: usize) -> Result<(), Full> {
        let mut used = self.used.load(Ordering::Relaxed);
        loop {
            let after = used.saturating_add(bytes);
            if after > self.memory {
                return Err(Full { limit: self.memory });
            }
            match self
                .used
                .compare_exchange_weak(used, after, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return Ok(()),
                Err(now) => used = now,
            }
        }
    }

    /// Gives back `bytes` taken before.
    pub fn give(&self, bytes: usize) {
        let _ = self
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                Some(used.saturating_sub(bytes))
            });
    }

    /// Takes `bytes` and holds them until the returned token is dropped.
    pub fn hold(self: &Arc<Budget>, bytes: usize) -> Result<Held, Full> {
        self.take(bytes)?;
        Ok(Held {
            budget: Arc::clone(self),
            bytes,
        })
    }

    /// Bytes taken now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// The memory budget, bytes.
    pub fn memory(&self) -> usize {
        self.memory
    }

    /// The most background jobs and watchers at once.
    pub fn jobs(&self) -> usize {
        self.jobs
    }
}

/// Bytes taken from a budget, given back when dropped (kept with what
/// they pay for: a step's samples, a job's buffer).
#[derive(Debug)]
pub struct Held {
    budget: Arc<Budget>,
    bytes: usize,
}

impl Held {
    /// Takes `more` bytes on top, if they fit.
    pub fn grow(&mut self, more: usize) -> Result<(), Full> {
        self.budget.take(more)?;
        self.bytes += more;
        Ok(())
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.budget.give(self.bytes);
    }
}

/// `256 MiB`, `1 GiB`, `64 KiB`, `900 bytes`.
pub fn show_bytes(bytes: usize) -> String {
    const UNITS: [(&str, usize); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
        if bytes >= size {
            return format!("{:.1} {unit}", bytes as f64 / size as f64);
        }
    }
    crate::t!("budget-bytes", count = bytes)
}

/// `256M`, `1G`, `512k`, `1000000`: a size as typed (`--max-memory`).
pub fn parse_bytes(text: &str) -> Option<usize> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number.parse().ok()?;
    let scale: usize = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_takes_what_fits_and_holds_it_until_dropped() {
        let budget = Budget::new(1000, 4);
        let mut held = budget.hold(600).unwrap();
        assert_eq!(budget.take(500), Err(Full { limit: 1000 }));
        assert!(held.grow(400).is_ok());
        assert_eq!(budget.used(), 1000);
        assert!(held.grow(1).is_err());
        drop(held);
        assert_eq!(budget.used(), 0);
        budget.take(1000).unwrap();
        budget.give(2000);
        assert_eq!(budget.used(), 0, "never below nothing");
    }

    #[test]
    fn sizes_read_and_print_as_people_write_them() {
        assert_eq!(parse_bytes("256M"), Some(256 << 20));
        assert_eq!(parse_bytes("1g"), Some(1 << 30));
        assert_eq!(parse_bytes("512KiB"), Some(512 << 10));
        assert_eq!(parse_bytes("1000"), Some(1000));
        assert_eq!(parse_bytes("1.5G"), None);
        assert_eq!(parse_bytes("lots"), None);
        assert_eq!(show_bytes(256 << 20), "256 MiB");
        assert_eq!(show_bytes(1 << 30), "1 GiB");
        assert_eq!(show_bytes(1536), "1.5 KiB");
        assert_eq!(show_bytes(900), "900 bytes");
        assert_eq!(
            Full { limit: 256 << 20 }.to_string(),
            "the session's memory budget (256 MiB) is full"
        );
    }

    #[test]
    fn sizes_and_the_full_budget_are_worded_in_the_language_shown() {
        use crate::i18n::{Lang, in_lang};
        let russian: Vec<String> =
            in_lang(Lang::Ru, || [1, 2, 5, 11, 21, 900].map(show_bytes).to_vec());
        assert_eq!(
            russian,
            [
                "1 байт",
                "2 байта",
                "5 байт",
                "11 байт",
                "21 байт",
                "900 байт"
            ]
        );
        let full = Full { limit: 256 << 20 };
        assert_eq!(
            in_lang(Lang::Ru, || full.to_string()),
            "бюджет памяти сессии (256 MiB) исчерпан"
        );
        assert_eq!(
            in_lang(Lang::Zh, || full.to_string()),
            "会话的内存预算（256 MiB）已用满"
        );
    }
}
