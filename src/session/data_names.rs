//! Data names: the bytes a receive returned, kept under the name given
//! before its `=` (`data = recv conn 1024`), for `$data` in a later line's
//! DATA (`sendall conn $data`: an echo sends back exactly what came).
//!
//! Its invariant: every kept name's bytes are covered by their share of
//! the session's memory budget (`Held`), given back when the name is
//! bound again or the session ends.

use std::collections::BTreeMap;

use crate::budget::Held;

/// The session's data names, in name order.
#[derive(Default)]
pub(super) struct DataNames {
    kept: BTreeMap<String, (Vec<u8>, Held)>,
}

impl DataNames {
    /// Binds `name` to `bytes` (paid for by `held`), replacing what it held.
    pub(super) fn keep(&mut self, name: &str, bytes: Vec<u8>, held: Held) {
        self.kept.insert(name.to_string(), (bytes, held));
    }

    /// Forgets `name`, giving its bytes back to the budget.
    pub(super) fn forget(&mut self, name: &str) {
        self.kept.remove(name);
    }

    pub(super) fn get(&self, name: &str) -> Option<&[u8]> {
        self.kept.get(name).map(|(bytes, _)| bytes.as_slice())
    }

    /// Every name with its length in bytes.
    pub(super) fn list(&self) -> impl Iterator<Item = (&str, usize)> {
        self.kept
            .iter()
            .map(|(name, (bytes, _))| (name.as_str(), bytes.len()))
    }
}
