//! The session's manners: how typed text becomes bytes and received bytes
//! are shown (the encoding), which explanations it has given already (each
//! is said once a session), whether steps carry their machine-only fields,
//! and whether it runs in a private network (which its first refused
//! connection explains).
//!
//! Its invariant: an explanation's key is in `explained` once it was said.

use nix::errno::Errno;

use crate::encoding::Encoding;
use crate::step::{Note, Outcome, Step};

pub(super) struct Manners {
    /// How typed text becomes bytes and received bytes are shown.
    pub(super) encoding: &'static Encoding,
    /// The explanations given already (each is said once a session).
    explained: Vec<&'static str>,
    /// Steps carry their machine-only fields (a table as JSON objects,
    /// which text output never shows): false when only text is rendered.
    pub(super) structured: bool,
    /// The session runs in a private network (`--sandbox`): nothing
    /// outside socklab can be reached.
    pub(super) private_network: bool,
}

impl Default for Manners {
    fn default() -> Manners {
        Manners {
            encoding: crate::encoding::UTF_8,
            explained: Vec::new(),
            structured: true,
            private_network: false,
        }
    }
}

impl Manners {
    /// A worker's manners: its driver's, with nothing explained yet.
    pub(super) fn detached(&self) -> Manners {
        Manners {
            encoding: self.encoding,
            explained: Vec::new(),
            structured: self.structured,
            private_network: self.private_network,
        }
    }

    /// True the first time `key` is asked about.
    pub(super) fn first_time(&mut self, key: &'static str) -> bool {
        if self.explained.contains(&key) {
            return false;
        }
        self.explained.push(key);
        true
    }

    /// The first ECONNREFUSED in a private network says why a program
    /// outside cannot be reached.
    #[inline]
    pub(super) fn explain_private_network(&mut self, step: &mut Step) {
        if self.private_network
            && matches!(step.outcome, Outcome::Failed(Errno::ECONNREFUSED))
            && self.first_time("private network refused")
        {
            step.notes.push(Note::PrivateNetwork);
        }
    }
}
