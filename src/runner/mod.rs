//! The driver: a line → parse → `command::run` (in the session) → a renderer. Used by the
//! shell (one line at a time) and by scripts (a reader of lines, echoed as
//! `> LINE`); also carries out `source` and `quit`. Background results
//! and `wait` are in `background`, `record FILE` in `recording`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::sync::atomic::Ordering;
use std::time::Duration;

mod background;
mod between;
mod export_log;
mod lessons;
mod programs;
mod recording;
mod sketch;

pub use lessons::Shelf;
use recording::Recording;

use crate::command::{self, Driver, Kept};
use crate::error::UsageError;
use crate::parse::{self, MAX_LINE};
use crate::render::{self, wrap, wrap::Fit};
use crate::session::Session;
use crate::step::Step;
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

/// An echoed line shows at most this many characters.
const ECHO_LONGEST: usize = 200;

pub struct Runner<W: Write> {
    pub session: Session,
    out: W,
    /// Lines parsed before, for a script's repeated lines.
    parsed: command::ParseCache,
    format: Format,
    /// Echo each line as `> LINE` (scripts; sourced files always echo).
    echo: bool,
    /// Stop at the first usage error or timeout.
    bail: bool,
    /// Lines that were usage errors or timed out.
    pub failures: usize,
    /// The last line's result in brief (for `play`'s questions).
    last: crate::step::Brief,
    /// The files being read (device, inode): the script itself, then the
    /// ones being sourced, innermost last.
    sourcing: Vec<(u64, u64)>,
    /// A file this session writes that is not its own recording (the
    /// transcript `socklab record FILE` writes): never to be sourced.
    writing: Option<(u64, u64)>,
    /// Where `record FILE` is writing, if it is.
    recording: Option<Recording>,
    /// Ctrl-C came during a step of a runner that does not echo (`play`'s):
    /// kept for its owner to act on (`take_interrupt`), not lost.
    interrupt: bool,
    /// Ctrl-C stopped the script (its exit status says so: 130).
    stopped_by_interrupt: bool,
    /// The current step, rendered, before it goes to `out` (and the recording).
    rendered: Vec<u8>,
    /// The current step rendered in English, when it is shown in another
    /// language: what a recording and the export log keep (transcripts
    /// are written and compared in English).
    english: Vec<u8>,
    /// The last cached line's step, shown, kept for the next one to reuse.
    spare_step: Option<Box<Step>>,
    /// Output not yet written to `out` (buffered only): a step's result
    /// waits here for the next line's echo, and the two go to `out` in one
    /// write — one lock of a shared `out` per step, not two. Handed over
    /// before anything that can wait (each step's call, reading input, a
    /// `wait`), so what `out`'s owner flushes then is everything shown.
    pending: Vec<u8>,
    /// Writing to `out` failed (a closed or full stdout): the next step
    /// shown stops the session.
    out_failed: bool,
    /// Wait for background workers to settle before showing their results,
    /// so the output does not depend on thread timing (off in the shell,
    /// where results are shown as they come, unless recording).
    settle: bool,
    /// Where output goes instead of `out` while the shell's courier delivers.
    capture: Option<Vec<u8>>,
    /// Leave flushing `out` to the moments the session waits (a script
    /// writing to a file or pipe) rather than flushing every step.
    buffered: bool,
    /// `out` is the terminal itself (the shell): `clear` clears it.
    terminal: bool,
    /// What `diagram save` draws (see `sketch`).
    sketch: sketch::Sketch,
    /// Where `lessons` and `play` find the lessons (the shell's, a
    /// script's; none in a lesson).
    shelf: Option<Box<dyn Shelf>>,
    /// What `export python|c` writes (see `export_log`).
    export_log: export_log::ExportLog,
    /// How wide what is shown is made (a terminal's width); a recording
    /// gets the output as it was rendered, unfitted.
    fit: Fit,
    /// The step fitted to that width, as shown.
    fitted: String,
}

/// The longest a step boundary waits for background workers to settle.
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

impl<W: Write> Runner<W> {
    pub fn new(mut session: Session, out: W, format: Format, echo: bool, bail: bool) -> Runner<W> {
        session.set_structured(format == Format::Json);
        Runner {
            session,
            out,
            format,
            echo,
            bail,
            failures: 0,
            last: crate::step::Brief::Other,
            sourcing: Vec::new(),
            writing: None,
            recording: None,
            interrupt: false,
            stopped_by_interrupt: false,
            rendered: Vec::new(),
            english: Vec::new(),
            spare_step: None,
            pending: Vec::new(),
            out_failed: false,
            parsed: command::ParseCache::default(),
            settle: true,
            capture: None,
            buffered: false,
            terminal: false,
            sketch: Default::default(),
            shelf: None,
            export_log: Default::default(),
            fit: Fit::Unwrapped,
            fitted: String::new(),
        }
    }

    /// Fit what is shown to a width (`Fit::for_stdout` when `out` is
    /// standard output); recordings and JSON are never fitted.
    pub fn set_fit(&mut self, fit: Fit) {
        self.fit = fit;
    }

    /// The width text is fitted to now, if it is.
    fn fit_width(&self) -> Option<usize> {
        match self.format {
            Format::Text => self.fit.width(),
            Format::Json => None,
        }
    }

    /// `out` is a terminal the user looks at (the shell): `clear` clears it.
    pub fn set_terminal(&mut self, terminal: bool) {
        self.terminal = terminal;
    }

    /// How wide the output is: the width it is fitted to (a terminal's);
    /// else `COLUMNS`; else 80.
    fn width(&self) -> usize {
        self.fit
            .width()
            .or_else(wrap::columns)
            .unwrap_or(80)
            .clamp(40, 500)
    }

    /// Flush output only when the session is about to wait (for input, a
    /// `wait`, an `await`) and at the end; the owner of `out` flushes it
    /// when a call blocks.
    pub fn set_buffered(&mut self, buffered: bool) {
        self.buffered = buffered;
    }

    /// Runs one line and shows its step.
    pub fn run_line(&mut self, line: &str) -> Flow {
        if let Some(flow) = self.run_cached(line.as_bytes()) {
            return flow;
        }
        let parsed = self.parsed.parse(line, &self.session);
        let flow = match parsed {
            Ok(None) => return Flow::Continue,
            Ok(Some(parsed)) if let Some(driver) = parsed.command.driver() => {
                self.echo_line(line);
                match driver {
                    Driver::Source(path) => self.source(line, &path),
                    Driver::Record(path) => {
                        let step = self.record(path);
                        self.show(line, &step)
                    }
                    Driver::Diagram { path, force } => {
                        let step = self.diagram_save(&path, force);
                        self.show(line, &step)
                    }
                    Driver::Export {
                        language,
                        path,
                        force,
                    } => {
                        let step = self.export_program(language, &path, force);
                        self.show(line, &step)
                    }
                    Driver::Quit => {
                        self.quit(line, parsed.verb);
                        return Flow::Stop;
                    }
                    Driver::Wait(job) => self.wait(line, job),
                    Driver::WaitProgram(name) => self.wait_program(line, &name),
                    Driver::Lessons => {
                        let step = self.list_lessons();
                        self.show(line, &step)
                    }
                    Driver::Play(name) => {
                        let step = self.play_lesson(&name);
                        self.show(line, &step)
                    }
                }
            }
            Ok(Some(parsed)) => {
                self.echo_line(line);
                if parsed.command.waits() && self.flush_out().is_err() {
                    return Flow::Stop;
                }
                let mut step = Step::new(parsed.verb, None);
                command::run_into(parsed, line, &mut self.session, &mut step);
                let flow = self.show(line, &step);
                self.session.recycle(&mut step);
                flow
            }
            Err((verb, error)) => {
                self.echo_line(line);
                let mut step = Step::usage(verb.unwrap_or("?"), error);
                self.session.begin_step();
                self.session.refresh_states(&mut step);
                self.show(line, &step)
            }
        };
        self.after_step(flow)
    }

    /// A send or recv parsed before runs as the cache holds it (no copy of
    /// the command, and the line's bytes not checked again as UTF-8: the
    /// most common steps); None when the line is not such a one.
    fn run_cached(&mut self, bytes: &[u8]) -> Option<Flow> {
        let cache = std::mem::take(&mut self.parsed);
        let flow = match cache.lookup_bytes(bytes, &self.session) {
            Some(Kept {
                line,
                plain,
                parsed,
            }) if parsed.background.is_none() && parsed.command.runs_in_place() => {
                match plain && line.len() <= ECHO_LONGEST {
                    // Nothing to clip or escape: echoed as it is.
                    true => self.echo_shown(line),
                    false => self.echo_line(line),
                }
                let mut step = match self.spare_step.take() {
                    Some(mut step) => {
                        step.reset(parsed.verb);
                        step
                    }
                    None => Box::new(Step::new(parsed.verb, None)),
                };
                command::run_by_reference(parsed, &mut self.session, &mut step);
                let flow = self.show(line, &step);
                self.session.recycle(&mut step);
                self.spare_step = Some(step);
                Some(flow)
            }
            _ => None,
        };
        self.parsed = cache;
        flow.map(|flow| self.after_step(flow))
    }

    /// After each line: background results, and a Ctrl-C that came.
    #[inline]
    fn after_step(&mut self, flow: Flow) -> Flow {
        self.deliver();
        // Looked at before it is taken: a locked swap on every step costs more.
        if sys::SIGINT_SEEN.load(Ordering::Relaxed)
            && sys::SIGINT_SEEN.swap(false, Ordering::SeqCst)
        {
            if !self.echo {
                self.interrupt = true;
                return flow;
            }
            return self.stop_for_interrupt();
        }
        flow
    }

    /// Ctrl-C in a script: it stops here, and says so.
    fn stop_for_interrupt(&mut self) -> Flow {
        self.note(&crate::t!("runner-script-interrupted"));
        self.failures += 1;
        self.stopped_by_interrupt = true;
        Flow::Stop
    }

    /// The last line's result in brief: what a prediction is marked against.
    pub fn last_result(&self) -> crate::step::Brief {
        self.last
    }

    /// Whether Ctrl-C stopped the script (socklab exits 130).
    pub fn stopped_by_interrupt(&self) -> bool {
        self.stopped_by_interrupt
    }

    /// Runs a line that arrived as bytes: invalid UTF-8 is a usage error.
    pub fn run_bytes(&mut self, bytes: &[u8], overflow: bool) -> Flow {
        self.run_bytes_at(bytes, overflow, None)
    }

    /// `run_bytes` for line `line` of a file (named if it is not text).
    fn run_bytes_at(&mut self, bytes: &[u8], overflow: bool, line: Option<usize>) -> Flow {
        // (A line kept by the parse cache is known to be UTF-8.)
        let text = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if !overflow
            && !text.ends_with(b"\r")
            && !text.ends_with(b"\n")
            && let Some(flow) = self.run_cached(text)
        {
            return flow;
        }
        let encoding = self.session.encoding();
        match parse::decode_line(bytes, overflow) {
            Ok(line) => self.run_line(line),
            // Not UTF-8: in the session's encoding, if it has another (a
            // script saved in GBK, run with --encoding gbk).
            Err((shown, _)) if !overflow && encoding != crate::encoding::UTF_8 => {
                match parse::decode_line_in(bytes, encoding, line) {
                    Ok(text) => self.run_line(&text),
                    Err(error) => {
                        self.echo_line(&shown);
                        self.show(&shown, &Step::usage("?", error))
                    }
                }
            }
            Err((shown, error)) => {
                self.echo_line(&shown);
                self.show(&shown, &Step::usage("?", error))
            }
        }
    }

    /// The shell's line that was not UTF-8 (the line editor could not
    /// decode it, and dropped it): a usage error, and the session goes on.
    pub fn run_invalid_input(&mut self) -> Flow {
        let error = UsageError::new(crate::worded!("runner-not-utf8"));
        self.show("?", &Step::usage("?", error))
    }

    /// Runs every line of `reader` until it ends or a line stops the session.
    /// While it waits for a line (a pipe that another program writes, as a
    /// person types), background results are shown as they come.
    pub fn run_reader(&mut self, reader: &mut BufReader<File>) -> Flow {
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            number += 1;
            // A Ctrl-C that came between two lines stops the script before
            // the next one runs (it interrupted no call).
            if sys::SIGINT_SEEN.load(Ordering::Relaxed)
                && sys::SIGINT_SEEN.swap(false, Ordering::SeqCst)
            {
                return self.stop_for_interrupt();
            }
            if reader.buffer().is_empty() {
                // About to wait for input: what came so far is shown first,
                // and so is each background result that comes meanwhile.
                self.show_results_until_readable(reader.get_ref());
                if self.flush_out().is_err() {
                    return Flow::Stop;
                }
                // Ctrl-C while waiting for the input to be readable.
                if sys::SIGINT_SEEN.load(Ordering::Relaxed)
                    && sys::SIGINT_SEEN.swap(false, Ordering::SeqCst)
                {
                    return self.stop_for_interrupt();
                }
            }
            // A whole line in the buffer (a script's lines mostly are) is
            // run where it lies, not copied out first.
            if let Some(end) = memchr::memchr(b'\n', reader.buffer())
                && end <= MAX_LINE
            {
                let mut text = &reader.buffer()[..end];
                while let [rest @ .., b'\r'] = text {
                    text = rest;
                }
                let flow = self.run_bytes_at(text, false, Some(number));
                reader.consume(end + 1);
                if flow == Flow::Stop {
                    return Flow::Stop;
                }
                continue;
            }
            let overflow = match read_line(reader, &mut line) {
                // Ctrl-C while the script waited for a line.
                Ok(None)
                    if sys::SIGINT_SEEN.load(Ordering::Relaxed)
                        && sys::SIGINT_SEEN.swap(false, Ordering::SeqCst) =>
                {
                    return self.stop_for_interrupt();
                }
                Ok(None) => return Flow::Continue,
                Ok(Some(overflow)) => overflow,
                Err(error) => {
                    self.note(&crate::t!(
                        "runner-reading-input",
                        error = error.to_string()
                    ));
                    self.failures += 1;
                    return Flow::Stop;
                }
            };
            if self.run_bytes_at(&line, overflow, Some(number)) == Flow::Stop {
                return Flow::Stop;
            }
        }
    }

    fn source(&mut self, line: &str, path: &str) -> Flow {
        let file = match self.open_source(path) {
            Ok(file) => file,
            Err(error) => return self.show(line, &Step::usage("source", error)),
        };
        let identity = file_identity(&file);
        let echo = std::mem::replace(&mut self.echo, true);
        self.sourcing.push(identity);
        let flow = self.run_reader(&mut BufReader::new(file));
        self.sourcing.pop();
        self.echo = echo;
        flow
    }

    /// Opens a file for `source`: not in a lesson, a regular file, not one
    /// being sourced already (a file that sources itself would run for ever).
    fn open_source(&self, path: &str) -> Result<File, UsageError> {
        let shown = crate::safe_text::escape(path);
        if self.session.is_confined() {
            return Err(UsageError::new(crate::worded!("runner-source-confined")));
        }
        if self.sourcing.len() >= MAX_SOURCE_DEPTH {
            return Err(UsageError::new(crate::worded!(
                "runner-source-nested",
                depth = MAX_SOURCE_DEPTH
            )));
        }
        let file = File::open(path).map_err(|e| {
            UsageError::new(crate::worded!(
                "runner-cannot-open",
                file = shown.as_ref(),
                reason = crate::error::io_reason(&e)
            ))
        })?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(UsageError::new(crate::worded!(
                "runner-source-not-regular",
                file = shown.as_ref()
            )));
        }
        let identity = file_identity(&file);
        if self.sourcing.contains(&identity) {
            return Err(UsageError::new(crate::worded!(
                "runner-sourced-already",
                file = shown.as_ref()
            )));
        }
        if self.recording.as_ref().map(|r| r.identity) == Some(identity)
            || self.writing == Some(identity)
        {
            return Err(UsageError::new(crate::worded!(
                "runner-source-recorded",
                file = shown.as_ref()
            )));
        }
        Ok(file)
    }

    /// The script this runner reads (`socklab run FILE`, or stdin when it
    /// is a file): it may not be recorded into, nor sourced from itself.
    pub fn reading(&mut self, file: &File) {
        if file.metadata().is_ok_and(|m| m.is_file()) {
            self.sourcing.push(file_identity(file));
        }
    }

    /// A file this session writes outside `record` (the transcript of
    /// `socklab record FILE`): it may not be sourced.
    pub fn writing(&mut self, identity: (u64, u64)) {
        self.writing = Some(identity);
    }

    /// Whether a file (by device and inode) is being read by this session.
    fn is_being_read(&self, identity: (u64, u64)) -> bool {
        self.sourcing.contains(&identity)
    }

    /// Echoes a line as `> LINE` (clipped and escaped) when this runner
    /// echoes, and hands what is pending over to `out`: the line's call is
    /// next, and it may block.
    fn echo_line(&mut self, line: &str) {
        if self.echo && self.format == Format::Text {
            let shown = clip(line, ECHO_LONGEST);
            self.echo_shown(&crate::safe_text::escape(&shown));
        } else {
            self.hand_over();
        }
    }

    /// `echo_line` for a line already clipped and escaped (or one with
    /// nothing to clip or escape).
    #[inline]
    fn echo_shown(&mut self, shown: &str) {
        if self.echo && self.format == Format::Text {
            if let Some(width) = self.fit.width() {
                let line = wrap::fitted(&format!("> {shown}"), width);
                self.pending.extend_from_slice(line.as_bytes());
            } else {
                self.pending.extend_from_slice(b"> ");
                self.pending.extend_from_slice(shown.as_bytes());
            }
            self.pending.push(b'\n');
        }
        self.hand_over();
    }

    /// Writes what is pending to `out`, in one write.
    #[inline]
    fn hand_over(&mut self) {
        if !self.pending.is_empty() {
            if self.out.write_all(&self.pending).is_err() {
                self.out_failed = true;
            }
            self.pending.clear();
        }
    }

    /// Hands over what is pending and flushes `out`.
    fn flush_out(&mut self) -> io::Result<()> {
        self.hand_over();
        self.out.flush()
    }

    fn note(&mut self, message: &str) {
        self.hand_over();
        if self.format == Format::Text {
            let message = match self.fit.width() {
                Some(width) => wrap::fitted(message, width).into(),
                None => std::borrow::Cow::Borrowed(message),
            };
            let _ = writeln!(self.out, "{message}");
            let _ = self.out.flush();
        }
    }

    /// Renders a step; counts it when it is a failure; stops on --bail.
    #[inline]
    fn show(&mut self, input: &str, step: &Step) -> Flow {
        self.last = step.outcome.brief();
        if step.wire.is_some() {
            self.sketch.note(input, step);
        }
        let flushed = self.render(input, step);
        if step.verb != "record" {
            self.append_to_recording(Some(input));
        }
        self.keep_for_export(Some(input));
        if step.is_script_failure() {
            self.failures += 1;
            if self.bail {
                return Flow::Stop;
            }
        }
        if flushed.is_err() || self.out_failed {
            return Flow::Stop;
        }
        Flow::Continue
    }

    /// Shows a background result: part of the output of the line at whose
    /// boundary it came (in a recording too). Not a script failure: the
    /// job's call failing is a result.
    fn show_event(&mut self, input: &str, step: &Step) {
        if step.wire.is_some() {
            self.sketch.note(input, step);
        }
        let _ = self.render(input, step);
        self.append_to_recording(None);
        self.keep_for_export(None);
    }

    /// Renders a step into `rendered` and writes it out.
    #[inline]
    fn render(&mut self, input: &str, step: &Step) -> io::Result<()> {
        self.rendered.clear();
        if step.clear_screen && self.terminal {
            // socklab's own control sequence: cursor home, erase the screen.
            self.rendered.extend_from_slice(b"\x1b[H\x1b[2J");
        }
        let width = match step.wire_ladder {
            Some(_) => self.width(),
            None => 80,
        };
        let _ = match self.format {
            Format::Text if step.wire_ladder.is_some() => {
                render::text::render_sized(&mut self.rendered, step, width)
            }
            Format::Text => render::text::render(&mut self.rendered, step),
            Format::Json => {
                let states = self.session.tcp_states();
                // JSON is the same in every language (docs/json.md).
                let json = crate::i18n::in_english(|| render::json::to_json(input, step, &states));
                writeln!(self.rendered, "{json}")
            }
        };
        self.english.clear();
        if self.format == Format::Text && crate::i18n::current() != crate::i18n::Lang::En {
            let english = &mut self.english;
            let _ = crate::i18n::in_english(|| match step.wire_ladder {
                Some(_) => render::text::render_sized(english, step, width),
                None => render::text::render(english, step),
            });
        }
        // Shown fitted to the terminal; `rendered` stays as it was, for
        // the recording.
        let shown = match (self.fit_width(), std::str::from_utf8(&self.rendered)) {
            (Some(width), Ok(text)) => {
                self.fitted.clear();
                wrap::fit_text(text, width, &mut self.fitted);
                self.fitted.as_bytes()
            }
            _ => &self.rendered[..],
        };
        if let Some(captured) = &mut self.capture {
            captured.extend_from_slice(shown);
            return Ok(());
        }
        if self.buffered {
            // Written with the next line's echo (see `pending`).
            self.pending.extend_from_slice(shown);
            return Ok(());
        }
        self.out.write_all(shown)?;
        self.out.flush()
    }

    /// Echo lines as `> LINE` (as scripts do) or not (as the shell does).
    pub fn set_echo(&mut self, echo: bool) {
        self.echo = echo;
    }

    /// `out`, with everything shown so far written to it.
    pub fn out(&mut self) -> &mut W {
        self.hand_over();
        &mut self.out
    }

    /// Whether Ctrl-C came during a step since the last call (a runner
    /// that does not echo leaves stopping to its owner).
    pub fn take_interrupt(&mut self) -> bool {
        std::mem::take(&mut self.interrupt)
    }
}

/// The current step as a transcript keeps it, in English: `english`
/// when the step was shown in another language, else `rendered`.
fn in_english<'a>(rendered: &'a [u8], english: &'a [u8]) -> &'a [u8] {
    match english.is_empty() {
        true => rendered,
        false => english,
    }
}

/// A file's (device, inode): the same file under any name.
pub(crate) fn file_identity(file: &File) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    file.metadata().map_or((0, 0), |m| (m.dev(), m.ino()))
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
            // Ctrl-C ends the reading (the caller sees it is still set).
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                if sys::SIGINT_SEEN.load(Ordering::SeqCst) {
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
        let (take, done) = match memchr::memchr(b'\n', chunk) {
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Format, Runner};
    use crate::parse::HandleNames;
    use crate::session::Session;

    /// The names epoch (which spares the parse cache its questions) moves
    /// with every line that makes, closes, reserves or re-encodes a name,
    /// and with a job's result; it stands still through sends and receives.
    #[test]
    fn the_names_epoch_moves_with_every_change_of_names() {
        let session = Session::new(Some(Duration::from_secs(5))).unwrap();
        let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
        let mut run = |line: &str| {
            let before = runner.session.names_epoch().unwrap();
            runner.run_line(line);
            let after = runner.session.names_epoch().unwrap();
            (before, after)
        };
        // (line, whether the epoch must move)
        let lines = [
            ("srv = socket tcp", true),
            ("bind srv 127.0.0.1:0", true),
            ("listen srv", true),
            ("cli = socket tcp", true),
            ("connect cli srv", true),
            ("conn = accept srv &", true),
            ("encoding gbk", true),
            ("encoding utf-8", true),
            ("send cli \"x\"", false),
            ("recv conn 10", false),
            ("send cli \"x\"", false),
            ("recv conn 10", false),
            ("close cli", true),
        ];
        for (line, moves) in lines {
            let (before, after) = run(line);
            let what = match moves {
                true => "the epoch stood still",
                false => "a data-only step moved the epoch",
            };
            assert_eq!(before != after, moves, "{line}: {what}");
        }
    }
}
