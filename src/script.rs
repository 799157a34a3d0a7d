//! Script mode: `socklab run FILE`, `socklab run -`, or `socklab` with
//! stdin not a terminal. Each line is echoed as `> LINE` (text) or becomes
//! one JSON object (`--json`).

use std::fs::File;
use std::io::{self, BufReader, BufWriter};
use std::os::fd::AsFd;

use crate::runner::{Format, Runner};
use crate::session::Session;

/// Runs a script; returns how many lines failed (usage errors, timeouts).
pub fn run(session: Session, path: &str, format: Format, bail: bool) -> io::Result<usize> {
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    let mut runner = Runner::new(session, out, format, true, bail);
    // stdin is read through its fd, with one buffer (ours), so the runner
    // can tell when it is about to wait for input.
    let input = if path == "-" {
        File::from(io::stdin().as_fd().try_clone_to_owned()?)
    } else {
        File::open(path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open script '{path}': {e}")))?
    };
    runner.run_reader(&mut BufReader::new(input));
    Ok(runner.failures)
}
