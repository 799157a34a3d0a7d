//! Transcripts: recorded sessions that are regression tests (`socklab test`),
//! lessons (`socklab play`) and socklab's own end-to-end suite.
//!
//! `format` reads and rewrites `.socklab` files; `normalize` names ports and
//! fds and matches output; `check` replays a file in a fresh session;
//! `record` writes one; `play` steps through one live.

pub mod check;
pub mod format;
pub mod normalize;
pub mod play;
pub mod record;

use std::path::{Path, PathBuf};

/// The `.socklab` files named by `paths` (a directory means the files in it), sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "socklab"))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    Ok(files)
}

/// A transcript's name for reports: its path as given.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}
