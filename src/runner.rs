//! The driver: a line → parse → `Session::run` → a renderer. Used by the
//! shell (one line at a time) and by scripts (a reader of lines, echoed as
//! `> LINE`); also carries out `source` and `quit`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::AsFd;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::command::{self, Command, Parsed};
use crate::error::UsageError;
use crate::parse::MAX_LINE;
use crate::render;
use crate::session::Session;
use crate::step::{Outcome, Step};
use crate::suggest::clip;
use crate::sys;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

const MAX_SOURCE_DEPTH: usize = 16;

pub struct Runner<W: Write> {
    pub session: Session,
    out: W,
    format: Format,
    /// Echo each line as `> LINE` (scripts; sourced files always echo).
    echo: bool,
    /// Stop at the first usage error or timeout.
    bail: bool,
    /// Lines that were usage errors or timed out.
    pub failures: usize,
    depth: usize,
    /// Where `record FILE` is writing, if it is.
    recording: Option<Recording>,
    /// The current step, rendered, before it goes to `out` (and the recording).
    rendered: Vec<u8>,
    /// Wait for background workers to settle before showing their results,
    /// so the output does not depend on thread timing (off in the shell,
    /// where results are shown as they come, unless recording).
    settle: bool,
    /// Where output goes instead of `out` while the shell's courier delivers.
    capture: Option<Vec<u8>>,
}

/// The longest a step boundary waits for background workers to settle.
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

/// A transcript being written by `record FILE`, one entry at a time.
struct Recording {
    path: String,
    file: std::fs::File,
    namer: crate::transcript::normalize::Namer,
}

impl<W: Write> Runner<W> {
    pub fn new(session: Session, out: W, format: Format, echo: bool, bail: bool) -> Runner<W> {
        Runner {
            session,
            out,
            format,
            echo,
            bail,
            failures: 0,
            depth: 0,
            recording: None,
            rendered: Vec::new(),
            settle: true,
            capture: None,
        }
    }

    /// As `deliver`, but returns the output instead of writing it (for the
    /// shell's courier, which prints it above the prompt).
    pub fn deliver_captured(&mut self) -> Vec<u8> {
        self.capture = Some(Vec::new());
        self.deliver();
        self.capture.take().unwrap_or_default()
    }

    /// Shows background results as they come rather than settled at step
    /// boundaries (the shell at a terminal).
    pub fn set_settle(&mut self, settle: bool) {
        self.settle = settle;
    }

    /// Runs one line and shows its step.
    pub fn run_line(&mut self, line: &str) -> Flow {
        let parsed = command::parse(line, &self.session);
        let flow = match parsed {
            Ok(None) => return Flow::Continue,
            Ok(Some(Parsed {
                command: Command::Source(path),
                ..
            })) => {
                self.echo_line(line);
                self.source(line, &path)
            }
            Ok(Some(Parsed {
                command: Command::Record(path),
                ..
            })) => {
                self.echo_line(line);
                let step = self.record(path);
                self.show(line, &step)
            }
            Ok(Some(Parsed {
                command: Command::Quit,
                verb,
                ..
            })) => {
                self.echo_line(line);
                self.quit(line, verb);
                return Flow::Stop;
            }
            Ok(Some(Parsed {
                command: Command::Wait(job),
                ..
            })) => {
                self.echo_line(line);
                self.wait(line, job)
            }
            Ok(Some(parsed)) => {
                self.echo_line(line);
                let step = self.session.run(parsed, line);
                self.show(line, &step)
            }
            Err((verb, error)) => {
                self.echo_line(line);
                let mut step = Step::usage(verb.unwrap_or("?"), error);
                self.session.refresh_states(&mut step);
                self.show(line, &step)
            }
        };
        self.deliver();
        if sys::SIGINT_SEEN.swap(false, Ordering::SeqCst) && self.echo {
            self.note("interrupted (Ctrl-C): the script stops here");
            self.failures += 1;
            return Flow::Stop;
        }
        flow
    }

    /// Runs a line that arrived as bytes: invalid UTF-8 is a usage error.
    pub fn run_bytes(&mut self, bytes: &[u8], overflow: bool) -> Flow {
        let lossy = String::from_utf8_lossy(bytes);
        if overflow {
            let error = UsageError::new(format!(
                "the line is longer than {MAX_LINE} bytes — write long data as \"...\"*COUNT"
            ));
            self.echo_line(&lossy);
            return self.show(&lossy, &Step::usage("?", error));
        }
        match std::str::from_utf8(bytes) {
            Ok(line) => self.run_line(line.trim_end_matches(['\n', '\r'])),
            Err(e) => {
                let column = String::from_utf8_lossy(&bytes[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                let bad = bytes[e.valid_up_to()];
                let error = UsageError::at(
                    column,
                    format!(
                        "byte 0x{bad:02x} is not valid UTF-8 — write bytes as \\xNN inside quotes"
                    ),
                );
                self.echo_line(lossy.trim_end_matches(['\n', '\r']));
                self.show(&lossy, &Step::usage("?", error))
            }
        }
    }

    /// Runs every line of `reader` until it ends or a line stops the session.
    /// While it waits for a line (a pipe that another program writes, as a
    /// person types), background results are shown as they come.
    pub fn run_reader(&mut self, reader: &mut BufReader<File>) -> Flow {
        let mut line = Vec::new();
        loop {
            if reader.buffer().is_empty() {
                self.show_results_until_readable(reader.get_ref());
            }
            let overflow = match read_line(reader, &mut line) {
                Ok(None) => return Flow::Continue,
                Ok(Some(overflow)) => overflow,
                Err(error) => {
                    self.note(&format!("error: reading input: {error}"));
                    self.failures += 1;
                    return Flow::Stop;
                }
            };
            if self.run_bytes(&line, overflow) == Flow::Stop {
                return Flow::Stop;
            }
        }
    }

    /// Waits until `input` is readable, showing background results that come
    /// meanwhile. (A file is always readable: a script runs straight on.)
    fn show_results_until_readable(&mut self, input: &File) {
        while !self.session.jobs.is_empty() {
            let Some(inbox) = self.session.jobs.inbox_fd() else {
                return;
            };
            match sys::poll(&[input.as_fd(), inbox], libc::POLLIN, -1) {
                Ok((_, revents)) if revents[0] == 0 => self.deliver(),
                _ => return,
            }
        }
    }

    /// Shows what background jobs and watchers produced since the last
    /// boundary, each as a step of its own (after letting them settle, unless
    /// the shell shows results as they come).
    pub fn deliver(&mut self) {
        if self.session.jobs.is_empty() {
            return;
        }
        if self.settle || self.recording.is_some() {
            self.session.jobs.settle(SETTLE_LIMIT);
        }
        // Finished before the inbox is emptied: their last results are in it.
        let finished = self.session.jobs.finished();
        let mut events = self.session.jobs.take_events();
        // Jobs that ended at the same boundary are shown in job order, not in
        // the order their threads happened to report (each job's own results
        // keep their order: the sort is stable).
        events.sort_by_key(|event| event.job);
        for event in events {
            let input = self.session.jobs.input_of(event.job);
            let step = self.session.take_event(event);
            self.show_event(&input, &step);
        }
        self.session.jobs.reap(&finished);
    }

    /// `wait [JOB]`: shows background results until the job (or every
    /// background call) has ended. Bounded by the timeout; Ctrl-C ends it.
    fn wait(&mut self, line: &str, job: Option<u32>) -> Flow {
        let targets = match job {
            Some(id) if !self.session.jobs.exists(id) => {
                let error = UsageError::new(format!(
                    "no job [{id}] is running — jobs lists them (a finished one was shown already)"
                ));
                return self.show(line, &Step::usage("wait", error));
            }
            Some(id) => vec![id],
            None => self.session.jobs.calls(),
        };
        if targets.is_empty() {
            let mut step = Step::new("wait", None);
            step.lines.push("no background calls to wait for".into());
            return self.show(line, &step);
        }
        loop {
            self.deliver();
            let left: Vec<u32> = targets
                .iter()
                .copied()
                .filter(|id| self.session.jobs.exists(*id))
                .collect();
            if left.is_empty() {
                let mut step = Step::new("wait", None);
                step.lines
                    .extend(targets.iter().map(|id| format!("[{id}] done")));
                return self.show(line, &step);
            }
            if let Some(reason) = self.block_on_inbox() {
                let mut step = Step::new("wait", None);
                let jobs: Vec<String> = left.iter().map(|id| format!("[{id}]")).collect();
                step.outcome =
                    Outcome::NotReached(format!("{reason}; still running: {}", jobs.join(" ")));
                return self.show(line, &step);
            }
        }
    }

    /// Blocks until a background result is waiting; says why if it stopped
    /// before one was (the timeout, Ctrl-C).
    fn block_on_inbox(&self) -> Option<String> {
        let fd = self.session.jobs.inbox_fd()?;
        let (result, timed_out) = self
            .session
            .bounded("wait", || sys::poll(&[fd], libc::POLLIN, -1));
        match (result, self.session.timeout()) {
            (Ok(_), _) => None,
            (Err(_), Some(after)) if timed_out => Some(format!("timeout after {after:?}")),
            (Err(nix::errno::Errno::EINTR), _) => Some("interrupted (Ctrl-C)".into()),
            (Err(errno), _) => Some(format!("poll failed: {}", errno.desc())),
        }
    }

    /// `quit`: stops every background job (showing how each ended), then
    /// closes every handle.
    fn quit(&mut self, line: &str, verb: &'static str) {
        let stopped = self.session.jobs.stop_all();
        self.deliver();
        let mut step = Step::new(verb, None);
        if !stopped.is_empty() {
            let jobs: Vec<String> = stopped.iter().map(|(id, _)| format!("[{id}]")).collect();
            step.field("stopped", jobs);
        }
        let closed = self.session.close_all();
        step.field("closed", closed);
        self.show(line, &step);
    }

    fn source(&mut self, line: &str, path: &str) -> Flow {
        if self.depth >= MAX_SOURCE_DEPTH {
            let error = UsageError::new(format!(
                "source is nested more than {MAX_SOURCE_DEPTH} deep (does {path} source itself?)"
            ));
            return self.show(line, &Step::usage("source", error));
        }
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => {
                let error = UsageError::new(format!("cannot open '{path}': {e}"));
                return self.show(line, &Step::usage("source", error));
            }
        };
        let echo = std::mem::replace(&mut self.echo, true);
        self.depth += 1;
        let flow = self.run_reader(&mut BufReader::new(file));
        self.depth -= 1;
        self.echo = echo;
        flow
    }

    fn echo_line(&mut self, line: &str) {
        if self.echo && self.format == Format::Text {
            let _ = writeln!(self.out, "> {}", clip(line, 200));
        }
    }

    fn note(&mut self, message: &str) {
        if self.format == Format::Text {
            let _ = writeln!(self.out, "{message}");
            let _ = self.out.flush();
        }
    }

    /// Renders a step; counts it when it is a failure; stops on --bail.
    fn show(&mut self, input: &str, step: &Step) -> Flow {
        let flushed = self.render(input, step);
        if step.verb != "record" {
            self.append_to_recording(Some(input));
        }
        if step.is_script_failure() {
            self.failures += 1;
            if self.bail {
                return Flow::Stop;
            }
        }
        if flushed.is_err() {
            return Flow::Stop;
        }
        Flow::Continue
    }

    /// Shows a background result: part of the output of the line at whose
    /// boundary it came (in a recording too). Not a script failure: the
    /// job's call failing is a result.
    fn show_event(&mut self, input: &str, step: &Step) {
        let _ = self.render(input, step);
        self.append_to_recording(None);
    }

    /// Renders a step into `rendered` and writes it out.
    fn render(&mut self, input: &str, step: &Step) -> io::Result<()> {
        self.rendered.clear();
        let _ = match self.format {
            Format::Text => render::text::render(&mut self.rendered, step),
            Format::Json => writeln!(self.rendered, "{}", render::json::to_json(input, step)),
        };
        if let Some(captured) = &mut self.capture {
            captured.extend_from_slice(&self.rendered);
            return Ok(());
        }
        self.out
            .write_all(&self.rendered)
            .and_then(|_| self.out.flush())
    }

    /// `record FILE` starts a transcript (truncating FILE); `record off` ends it.
    fn record(&mut self, path: Option<String>) -> Step {
        let mut step = Step::new("record", None);
        match path {
            None => match self.recording.take() {
                Some(recording) => step.lines.push(format!("recorded {}", recording.path)),
                None => {
                    step.outcome =
                        Outcome::Usage(UsageError::new("not recording — start with: record FILE"))
                }
            },
            Some(path) => match std::fs::File::create(&path) {
                Ok(file) => {
                    step.lines
                        .push(format!("recording to {path} (record off to stop)"));
                    self.recording = Some(Recording {
                        path,
                        file,
                        namer: Default::default(),
                    });
                }
                Err(e) => {
                    step.outcome =
                        Outcome::Usage(UsageError::new(format!("cannot record to '{path}': {e}")));
                }
            },
        }
        step
    }

    /// Appends the line (None: the output continues the last line's) and
    /// its uncoloured, named output to the recording; a write error ends the
    /// recording and says so, and the session goes on.
    fn append_to_recording(&mut self, input: Option<&str>) {
        let Some(recording) = &mut self.recording else {
            return;
        };
        let text = String::from_utf8_lossy(&self.rendered);
        let plain = strip_colour(&text);
        let raw: Vec<String> = plain.lines().map(str::to_string).collect();
        let mut entry = String::new();
        if let Some(input) = input {
            recording.namer.note_command(input);
            entry = format!("> {input}\n");
        }
        for line in recording.namer.normalize(&raw) {
            entry.push_str(&line);
            entry.push('\n');
        }
        if let Err(e) = recording.file.write_all(entry.as_bytes()) {
            let path = recording.path.clone();
            self.recording = None;
            self.note(&format!("error: recording to {path} stopped: {e}"));
        }
    }

    /// Echo lines as `> LINE` (as scripts do) or not (as the shell does).
    pub fn set_echo(&mut self, echo: bool) {
        self.echo = echo;
    }

    pub fn out(&mut self) -> &mut W {
        &mut self.out
    }
}

/// Reads one line (without its newline) into `line`, keeping at most
/// MAX_LINE bytes; `Some(true)` if it was longer. `None` at end of input.
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
    line.clear();
    let mut overflow = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                if sys::SIGINT_SEEN.swap(false, Ordering::SeqCst) {
                    return Ok(None);
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(overflow));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = (MAX_LINE + 2).saturating_sub(line.len());
        line.extend_from_slice(&chunk[..take.min(room)]);
        overflow |= take > room;
        reader.consume(take);
        if done {
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            overflow |= line.len() > MAX_LINE;
            return Ok(Some(overflow));
        }
    }
}

/// Text without ANSI colour codes (recordings are compared without colour).
fn strip_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
