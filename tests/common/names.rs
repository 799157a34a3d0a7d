//! The handle names a parser test (and the fuzz target, which includes
//! this file) parses against, without a session.

use socklab::parse::HandleNames;

/// A session's names: three handles, one a background job will create,
/// one closed that the kernel still holds.
pub struct Names;

impl HandleNames for Names {
    fn is_handle(&self, name: &str) -> bool {
        ["srv", "cli", "conn", "s9"].contains(&name)
    }
    fn current(&self) -> Option<&str> {
        Some("cli")
    }
    fn handle_names(&self) -> Vec<String> {
        vec!["srv".into(), "cli".into(), "conn".into()]
    }
    fn is_kernel_held(&self, name: &str) -> bool {
        name == "old"
    }
    fn reserved_by(&self, name: &str) -> Option<u32> {
        (name == "s9").then_some(1)
    }
}
