//! `socklab play FILE`: the live demonstration. Shows each narration and
//! command with a step counter (`[3/12]`), waits for a key (Enter: next,
//! a: go on by itself, q: quit) or the `--auto` time, runs the command for
//! real and shows the real output, state changes highlighted.
//!
//! A question step (`?>`, or every call with `--predict`) asks for a
//! prediction instead of Enter, runs the call, and marks the answer
//! against what just happened (`predict`); the score ends the lesson.
//!
//! At a terminal the keys are read one at a time, unechoed (the terminal's
//! ICANON and ECHO are off only while play waits); from a pipe, a line is
//! one Enter.

use std::io::{self, BufRead, IsTerminal, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use colored::Colorize;

use super::format::{Entry, Transcript};
use super::lesson_env::LessonEnv;
use super::predict::{self, Actual, Answer};
use crate::render::wrap::{self, Fit};
use crate::runner::{Flow, Format, Runner};
use crate::safe_text::escape;
use crate::sandbox::Network;
use crate::session::Session;
use crate::transcript_format::DEFAULT_TIMEOUT;
use crate::transcript_format::Question;

/// How `play` moves on to the next command.
pub enum Pace<'a> {
    /// Wait for a key (at a terminal) or a line on this reader.
    Enter(&'a mut dyn BufRead),
    /// Move on by itself after this long.
    Auto(Duration),
}

/// How long `a` waits between steps once pressed.
const AUTO_AFTER_KEY: Duration = Duration::from_millis(1500);

/// What the lesson runs with, beyond the file.
#[derive(Clone, Copy, Debug)]
pub struct Setup {
    pub network: Network,
    /// `socklab --wire[=LOOK] play`: the wire view on from the start, and
    /// the look kept whatever the lesson's own `wire on` says.
    pub wire: Option<Option<crate::wire::Look>>,
    /// What the lesson may use; its time counts its steps, not the pauses.
    pub limits: super::lesson_env::Limits,
    /// How wide what is shown is made (`Fit::for_stdout` for a terminal).
    pub fit: Fit,
    /// `play --predict`: every step that makes a call is a question.
    pub predict: bool,
}

/// How a play ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Played {
    /// Every command ran (or the input ended); how many failed to run.
    Done(usize),
    /// `q`: the person stopped it.
    Quit,
    /// Ctrl-C stopped it.
    Interrupted,
    /// The lesson's environment could not be made (see `lesson_env`).
    Refused(String),
}

/// Plays a transcript to `out` as a lesson: in an environment of its own
/// (`lesson_env`), its narration and commands shown with control characters
/// escaped. An `Err` is `out` failing.
pub fn play(
    transcript: &Transcript,
    pace: &mut Pace,
    out: &mut dyn Write,
    setup: Setup,
    run: &mut predict::Run,
) -> io::Result<Played> {
    let _env = match LessonEnv::enter(setup.network, transcript.unprivileged) {
        Ok(env) => env,
        Err(error) => return Ok(Played::Refused(error.to_string())),
    };
    if let Some(why) = super::check::unmet_need(transcript) {
        return Ok(Played::Refused(crate::t!("play-refused-need", why = why)));
    }
    let mut session = Session::new(Some(transcript.timeout.unwrap_or(DEFAULT_TIMEOUT)))?;
    session.confine();
    session.set_budget(setup.limits.budget());
    if transcript.lab
        && let Err(message) = session.start_lab()
    {
        return Ok(Played::Refused(message.to_string()));
    }
    if let Some(encoding) = transcript.encoding {
        session.set_encoding(encoding);
    }
    if let Some(look) = setup.wire {
        if !transcript.lab
            && let Err(message) = session.wire_on()
        {
            return Ok(Played::Refused(message.to_string()));
        }
        if let Some(look) = look {
            session.pin_wire_look(look);
        }
    }
    let mut runner = Runner::new(session, Vec::new(), Format::Text, false, false);
    runner.set_fit(setup.fit);
    let fit = |line: &str| match setup.fit.width() {
        Some(width) => wrap::fitted(line, width),
        None => line.to_string(),
    };
    if setup.network == Network::Host {
        writeln!(out, "{}", fit(&crate::t!("play-host-net")))?;
    }
    for note in &transcript.notes {
        let note = crate::t!("play-note", note = escape(note).into_owned());
        writeln!(out, "{}", fit(&note))?;
    }
    if matches!(pace, Pace::Enter(_)) {
        writeln!(out, "{}", crate::t!("play-keys").dimmed())?;
    }
    let questions = matches!(pace, Pace::Enter(_))
        && (setup.predict
            || transcript.predict
            || transcript.entries.iter().any(|e| e.question.is_some()));
    if questions {
        writeln!(out, "{}", fit(&predict::how()).yellow())?;
    }
    let total = transcript.entries.len();
    let mut left = setup.limits.time;
    for (index, entry) in transcript.entries.iter().enumerate() {
        narrate(out, entry.narration.get(crate::i18n::current()), setup.fit)?;
        let counter = format!("[{}/{total}]", index + 1);
        let command = format!("> {}", escape(&entry.command));
        match setup.fit.width() {
            // Too wide for the terminal (rare: a long command): plain.
            Some(width) if wrap::display_width(&counter) + command.len() + 1 > width => {
                write!(out, "{} ", fit(&format!("{counter} {command}")))?
            }
            _ => write!(out, "{} {} ", counter.dimmed(), command.bold())?,
        }
        out.flush()?;
        let question = match pace {
            Pace::Enter(_) => asked(transcript, entry, setup.predict),
            Pace::Auto(_) => None,
        };
        let answered = match (&question, &mut *pace) {
            (Some(question), Pace::Enter(input)) => Some(ask(question, *input, out)?),
            _ => None,
        };
        let next = match &answered {
            Some((Ok(_), _)) => Next::Go,
            Some((Err(next), _)) => *next,
            None => wait(pace, out)?,
        };
        match next {
            Next::Go => {}
            Next::End => {
                writeln!(out)?;
                break;
            }
            Next::Quit => {
                writeln!(out)?;
                let step = index + 1;
                writeln!(out, "{}", crate::t!("play-stopped", step = step))?;
                out.flush()?;
                return Ok(Played::Quit);
            }
            Next::Interrupted => {
                writeln!(out)?;
                writeln!(out, "{}", crate::t!("play-interrupted"))?;
                out.flush()?;
                return Ok(Played::Interrupted);
            }
        }
        // The player waited for Enter (or its pace): what moved meanwhile
        // came between steps.
        runner.session.note_waited();
        // The lesson's time is its steps': what is left of it bounds this one.
        let began = Instant::now();
        runner
            .session
            .set_deadline(Some((began + left, setup.limits.time)));
        let flow = runner.run_line(&entry.command);
        left = left.saturating_sub(began.elapsed());
        out.write_all(runner.out())?;
        runner.out().clear();
        if let (Some(question), Some((Ok(answer), seconds))) = (&question, &answered) {
            let actual = match question {
                Question::Result => Actual::Result(runner.last_result()),
                Question::State(handle) => Actual::State(
                    runner
                        .session
                        .get(handle)
                        .and_then(|h| h.state)
                        .or_else(|| runner.session.kernel_held_state(handle)),
                ),
            };
            let marks = predict::mark(answer, actual);
            show_marks(out, answer, &marks, &actual)?;
            run.rows.push(predict::Row {
                step: index + 1,
                line: entry.line,
                command: entry.command.clone(),
                question: predict::kind(question),
                answer: shown_answer(answer),
                // The report is data: English in every language.
                actual: crate::i18n::in_english(|| actual.shown()),
                right: predict::verdict(&marks),
                seconds: *seconds,
            });
        }
        if left.is_zero() {
            let message = crate::t!(
                "play-out-of-time",
                time = crate::lab::path::show_duration(setup.limits.time)
            );
            writeln!(out, "{}", fit(&message))?;
            out.flush()?;
            return Ok(Played::Done(runner.failures.max(1)));
        }
        // Ctrl-C while the step ran: it is not lost in the step.
        if runner.take_interrupt() {
            writeln!(out, "{}", crate::t!("play-interrupted"))?;
            out.flush()?;
            return Ok(Played::Interrupted);
        }
        if flow == Flow::Stop {
            break;
        }
    }
    narrate(
        out,
        transcript.epilogue.get(crate::i18n::current()),
        setup.fit,
    )?;
    if !run.rows.is_empty() {
        let (right, counted) = run.score();
        let skipped = run.rows.len() - counted;
        let score = predict::score_line(right, counted, skipped);
        writeln!(out, "{}", score.bold())?;
    }
    out.flush()?;
    Ok(Played::Done(runner.failures))
}

/// The question a step asks, if any: its own (`?>`, `#? state H`), or —
/// with `--predict` or `#! predict` — its call's result when it makes a
/// call in the foreground.
fn asked(transcript: &Transcript, entry: &Entry, predict: bool) -> Option<Question> {
    if entry.question.is_some() {
        return entry.question.clone();
    }
    if !(predict || transcript.predict) || entry.command.trim_end().ends_with('&') {
        return None;
    }
    let verb = match entry.command.split_once('=') {
        Some((names, rest)) if !names.contains('"') && !names.contains('\'') => rest,
        _ => entry.command.as_str(),
    };
    let verb = verb.split_whitespace().next()?;
    let spec = crate::command::spec(verb)?;
    // A new socket's fd is a number no one predicts.
    let asks = !spec.syscall.is_empty() && !matches!(spec.name, "socket" | "socketpair");
    asks.then_some(Question::Result)
}

/// Asks `question` until an answer can be read; with how long it took.
/// `q` quits, the input's end ends, Ctrl-C interrupts (as the keys do).
fn ask(
    question: &Question,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<(Result<Answer, Next>, f64)> {
    let began = Instant::now();
    writeln!(out)?;
    loop {
        write!(
            out,
            "{} ",
            format!("  {} >", predict::ask(question)).yellow()
        )?;
        out.flush()?;
        let line = match read_answer(input)? {
            Ok(line) => line,
            Err(next) => {
                writeln!(out)?;
                return Ok((Err(next), began.elapsed().as_secs_f64()));
            }
        };
        // `й` is where q is on a Russian keyboard; `ｑ` a Chinese one's.
        if matches!(line.trim(), "q" | "Q" | "й" | "Й" | "ｑ") {
            return Ok((Err(Next::Quit), began.elapsed().as_secs_f64()));
        }
        match predict::read(question, &line) {
            Ok(answer) => return Ok((Ok(answer), began.elapsed().as_secs_f64())),
            Err(why) => writeln!(out, "  {}", escape(&why.to_string()))?,
        }
    }
}

/// A line of answer; the input's end or Ctrl-C as what play does next.
fn read_answer(input: &mut dyn BufRead) -> io::Result<Result<String, Next>> {
    loop {
        match input.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                if interrupted() {
                    return Ok(Err(Next::Interrupted));
                }
            }
            Err(e) => return Err(e),
        }
    }
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) => Ok(Err(Next::End)),
        Ok(_) => Ok(Ok(line)),
        // Not text: not an answer either; asked again.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(Ok("\u{fffd}".into())),
        Err(e) => Err(e),
    }
}

/// The answer as the report shows it.
fn shown_answer(answer: &Answer) -> String {
    match answer {
        Answer::GaveUp => "?".into(),
        Answer::Skipped => String::new(),
        Answer::State(state) => state.name().into(),
        Answer::Result(said) => {
            let mut words = Vec::new();
            if said.blocks {
                words.push("blocks".to_string());
            }
            if let Some(number) = said.number {
                words.push(number.to_string());
            }
            words.extend(said.named.iter().cloned());
            words.join(" ")
        }
    }
}

/// Each field marked, then what it was where anything was wrong.
fn show_marks(
    out: &mut dyn Write,
    answer: &Answer,
    marks: &[predict::Mark],
    actual: &Actual,
) -> io::Result<()> {
    if matches!(answer, Answer::Skipped) {
        let line = crate::t!("predict-not-answered", actual = actual.shown());
        return writeln!(out, "  {}", line.dimmed());
    }
    if matches!(answer, Answer::GaveUp) {
        let line = crate::t!("predict-gave-up", actual = actual.shown());
        return writeln!(out, "  {}", line.yellow());
    }
    for mark in marks {
        let line = mark.shown();
        match mark.right {
            true => writeln!(out, "  {}", line.green())?,
            false => writeln!(out, "  {}", line.red())?,
        }
    }
    if predict::verdict(marks) == Some(false) {
        let line = crate::t!("predict-it-was", actual = actual.shown());
        writeln!(out, "  {}", line.yellow())?;
    }
    Ok(())
}

/// Narration lines, dimmed and escaped: they come from the file. Fitted
/// to the terminal, a line's continuation lines are narration too (`# `).
fn narrate(out: &mut dyn Write, lines: &[String], fit: Fit) -> io::Result<()> {
    let mut wrapped = String::new();
    for line in lines {
        let line = format!("# {}", escape(line));
        wrapped.clear();
        match fit.width() {
            Some(width) => wrap::wrap_with(&line, width, "# ", &mut wrapped),
            None => wrapped.push_str(&line),
        }
        for piece in wrapped.split('\n') {
            writeln!(out, "{}", piece.italic().blue())?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Next {
    Go,
    /// The input ended: stop playing.
    End,
    /// `q`.
    Quit,
    /// Ctrl-C while waiting: stop playing.
    Interrupted,
}

fn interrupted() -> bool {
    crate::sys::SIGINT_SEEN.swap(false, std::sync::atomic::Ordering::SeqCst)
}

/// Waits for the next step: a key (or line), or the `--auto` delay.
fn wait(pace: &mut Pace, out: &mut dyn Write) -> io::Result<Next> {
    match pace {
        Pace::Enter(input) => {
            let key = if io::stdin().is_terminal() {
                read_key()?
            } else {
                read_line_key(*input)?
            };
            match key {
                Key::Next => {
                    writeln!(out)?;
                    Ok(Next::Go)
                }
                Key::Auto => {
                    writeln!(out)?;
                    *pace = Pace::Auto(AUTO_AFTER_KEY);
                    Ok(Next::Go)
                }
                Key::Quit => Ok(Next::Quit),
                Key::End => Ok(Next::End),
                Key::Interrupted => Ok(Next::Interrupted),
            }
        }
        Pace::Auto(delay) => {
            writeln!(out)?;
            out.flush()?;
            // Pacing a live demonstration, not synchronisation: poll on no
            // fds, so Ctrl-C (EINTR) ends the wait at once.
            // (A Ctrl-C that came just before the wait began is seen too.)
            if interrupted() {
                return Ok(Next::Interrupted);
            }
            let ms = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
            match crate::sys::poll(&[], 0, ms) {
                Err(nix::errno::Errno::EINTR) if interrupted() => Ok(Next::Interrupted),
                _ => Ok(Next::Go),
            }
        }
    }
}

enum Key {
    Next,
    Auto,
    Quit,
    End,
    Interrupted,
}

/// The meaning of a key; None for a key that means nothing here.
fn key_of(byte: u8) -> Option<Key> {
    match byte {
        b'\n' | b'\r' | b' ' => Some(Key::Next),
        b'a' | b'A' => Some(Key::Auto),
        b'q' | b'Q' => Some(Key::Quit),
        4 => Some(Key::End), // Ctrl-D
        _ => None,
    }
}

/// One key from the terminal, unechoed: ICANON and ECHO off while it waits
/// (ISIG stays on, so Ctrl-C is still a signal), put back after.
fn read_key() -> io::Result<Key> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let saved = tcgetattr(fd).map_err(io::Error::from)?;
    let mut raw = saved.clone();
    raw.local_flags
        .remove(LocalFlags::ICANON | LocalFlags::ECHO);
    tcsetattr(fd, SetArg::TCSANOW, &raw).map_err(io::Error::from)?;
    let key = loop {
        let mut byte = [0u8; 1];
        match nix::unistd::read(fd, &mut byte) {
            Ok(0) => break Ok(Key::End),
            Ok(_) => {
                if let Some(key) = key_of(byte[0]) {
                    break Ok(key);
                }
            }
            Err(nix::errno::Errno::EINTR) => {
                if interrupted() {
                    break Ok(Key::Interrupted);
                }
            }
            Err(errno) => break Err(io::Error::from(errno)),
        }
    };
    let _ = tcsetattr(fd, SetArg::TCSANOW, &saved);
    key
}

/// A line from a pipe: empty or anything else is Enter, `q` quits, `a`
/// goes on by itself.
fn read_line_key(input: &mut dyn BufRead) -> io::Result<Key> {
    // read_line retries a read that a signal interrupted; fill_buf does
    // not, so Ctrl-C (whose handler has no SA_RESTART) is seen.
    loop {
        match input.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                if interrupted() {
                    return Ok(Key::Interrupted);
                }
            }
            Err(e) => return Err(e),
        }
    }
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(Key::End);
    }
    Ok(match line.trim() {
        "q" | "Q" => Key::Quit,
        "a" | "A" => Key::Auto,
        _ => Key::Next,
    })
}
