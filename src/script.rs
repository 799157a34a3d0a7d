//! Script mode: `socklab run FILE`, `socklab run -`, or `socklab` with
//! stdin not a terminal. Each line is echoed as `> LINE` (text) or becomes
//! one JSON object (`--json`).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Stdout, Write};
use std::os::fd::AsFd;
use std::sync::{Arc, Mutex};

use crate::runner::{Format, Runner};
use crate::session::Session;

/// How a script ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    /// How many lines failed (usage errors, timeouts).
    pub failures: usize,
    /// Ctrl-C stopped it.
    pub interrupted: bool,
}

/// Runs a script; says how many lines failed and whether Ctrl-C stopped it.
/// Why a script did not run to its end.
#[derive(Debug)]
pub enum ScriptError {
    /// The script could not be opened (its name, escaped, and why).
    Open(String, io::Error),
    /// Standard output could not be written.
    Output(io::Error),
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::Open(path, error) => f.write_str(&crate::t!(
                "error-cannot-open-script",
                path = path.as_str(),
                reason = crate::error::io_reason(error)
            )),
            ScriptError::Output(error) => write!(f, "{error}"),
        }
    }
}

impl From<io::Error> for ScriptError {
    fn from(error: io::Error) -> ScriptError {
        ScriptError::Output(error)
    }
}

pub fn run(session: Session, path: &str, format: Format, bail: bool) -> Result<Ended, ScriptError> {
    let out = Output::new(format);
    // Into a file or a pipe, output is buffered: written when the script
    // waits — for input, or in a call blocked for a moment (the watchdog
    // flushes then), or at the end. At a terminal every step is written.
    let buffered = !io::stdout().is_terminal() && {
        let out = out.clone();
        session.on_block(move || {
            let _ = out.flush_shared();
        })
    };
    // SIGTERM or SIGHUP: what the script printed so far is written first.
    let on_term = out.clone();
    crate::terminate::on_terminate(move || on_term.try_flush());
    let mut runner = Runner::new(session, out, format, true, bail);
    runner.set_shelf(Box::new(crate::transcript::shelf::Library {
        can_play: false,
    }));
    runner.set_buffered(buffered);
    // At a terminal, lines fit its width; into a pipe, only if COLUMNS says.
    runner.set_fit(crate::render::wrap::Fit::for_stdout());
    // stdin is read through its fd, with one buffer (ours), so the runner
    // can tell when it is about to wait for input.
    let input = if path == "-" {
        File::from(io::stdin().as_fd().try_clone_to_owned()?)
    } else {
        File::open(path)
            .map_err(|e| ScriptError::Open(crate::safe_text::escape(path).into_owned(), e))?
    };
    runner.reading(&input);
    runner.run_reader(&mut BufReader::new(input));
    runner.out().flush_shared()?;
    Ok(Ended {
        failures: runner.failures,
        interrupted: runner.stopped_by_interrupt(),
    })
}

/// Standard output behind a lock that the watchdog's thread can flush
/// while the script's thread is blocked in a call.
#[derive(Clone)]
struct Output(Arc<Mutex<BufWriter<crate::i18n::Transcode<Stdout>>>>);

impl Output {
    /// Standard output in the terminal's charset; JSON in UTF-8 (what
    /// JSON is) whatever the terminal.
    fn new(format: Format) -> Output {
        let charset = match format {
            Format::Json => crate::i18n::Charset::Utf8,
            Format::Text => crate::i18n::charset(),
        };
        Output(Arc::new(Mutex::new(BufWriter::with_capacity(
            64 * 1024,
            crate::i18n::Transcode::new(io::stdout(), charset),
        ))))
    }
}

impl Output {
    /// Flushes, waiting at most half a second for another thread's write
    /// to finish (a write into a pipe nobody reads could take for ever).
    fn try_flush(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
        loop {
            if let Ok(mut out) = self.0.try_lock() {
                let _ = out.flush();
                return;
            }
            if std::time::Instant::now() > deadline {
                return;
            }
            std::thread::yield_now();
        }
    }

    fn flush_shared(&self) -> io::Result<()> {
        match self.0.lock() {
            Ok(mut out) => out.flush(),
            Err(_) => Err(io::Error::other("output lock poisoned")),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.lock() {
            Ok(mut out) => out.write(buf),
            Err(_) => Err(io::Error::other("output lock poisoned")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self.0.lock() {
            Ok(mut out) => out.write_all(buf),
            Err(_) => Err(io::Error::other("output lock poisoned")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_shared()
    }
}
