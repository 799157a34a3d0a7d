//! Script mode: `socklab run FILE`, `socklab run -`, or `socklab` with
//! stdin not a terminal. Each line is echoed as `> LINE` (text) or becomes
//! one JSON object (`--json`).

use std::io::{self, BufRead, BufReader, BufWriter};

use crate::runner::{Format, Runner};
use crate::session::Session;

/// Runs a script; returns how many lines failed (usage errors, timeouts).
pub fn run(session: Session, path: &str, format: Format, bail: bool) -> io::Result<usize> {
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    let mut runner = Runner::new(session, out, format, true, bail);
    let mut reader: Box<dyn BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(std::fs::File::open(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot open script '{path}': {e}"))
        })?))
    };
    runner.run_reader(&mut *reader);
    Ok(runner.failures)
}
