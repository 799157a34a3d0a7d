//! A step as text for a person, strace-like: the call, ` = ` its result,
//! then what it produced and which TCP states changed. Colour (when on)
//! tells call, success, errno and state changes apart; the words are the
//! same without it, and transcripts compare them with colour off.

use std::io::{self, Write};

use colored::Colorize;
use serde_json::Value;

use super::words::Word;
use super::{Escaped, IoText, hexdump, is_binary};
use crate::step::{JobRole, Outcome, StateChange, Step};
use crate::t;

static WHY: Word = Word::new(|| t!("render-why"));
static NOTE: Word = Word::new(|| t!("render-note"));
static ERROR: Word = Word::new(|| t!("render-error"));
static DATA: Word = Word::new(|| t!("render-data"));
static STATE: Word = Word::new(|| t!("render-state"));
static GONE: Word = Word::new(|| t!("render-gone"));
static NEW_HANDLE: Word = Word::new(|| t!("render-new-handle"));
static NEW_HANDLES: Word = Word::new(|| t!("render-new-handles"));
static BOUND: Word = Word::new(|| t!("render-addr-bound"));
static LOCAL: Word = Word::new(|| t!("render-addr-local"));
static PEER: Word = Word::new(|| t!("render-addr-peer"));
static FROM: Word = Word::new(|| t!("render-addr-from"));
static LISTENING_ON: Word = Word::new(|| t!("render-addr-listening-on"));

/// The most received bytes shown as text (JSON `data_hex` always has all).
const DATA_SHOWN: usize = 1024;
/// The most bytes shown in a hex dump.
const DUMP_SHOWN: usize = 256;

pub fn render(out: &mut Vec<u8>, step: &Step) -> io::Result<()> {
    render_sized(out, step, 80)
}

/// As `render`, for a terminal `width` columns wide (the ladder fits it).
pub fn render_sized(out: &mut Vec<u8>, step: &Step, width: usize) -> io::Result<()> {
    render_outcome(out, step)?;
    if let Some(why) = step.why {
        writeln!(out, "  {} {why}", WHY.get().dimmed())?;
    }
    if !step.new_handles.is_empty() {
        let label = if step.new_handles.len() == 1 {
            NEW_HANDLE.get()
        } else {
            NEW_HANDLES.get()
        };
        writeln!(out, "  {label}: {}", step.new_handles.join(", ").bold())?;
    }
    if let Some((kind, addr)) = &step.addr {
        writeln!(out, "  {}: {addr}", addr_label(kind))?;
    }
    if let Some(data) = &step.data {
        render_data(out, data, step.encoding)?;
    }
    for (name, value) in &step.fields {
        if let Some(shown) = field_text(value) {
            writeln!(out, "  {name}: {shown}")?;
        }
    }
    let indent = if step.call.is_some() { "  " } else { "" };
    for line in &step.lines {
        writeln!(out, "{indent}{line}")?;
    }
    for note in &step.notes {
        writeln!(out, "  {} {note}", NOTE.get().dimmed())?;
    }
    let mut drawn = Vec::new();
    match (step.wire_summary.as_deref(), step.wire_ladder) {
        (Some((lines, _)), _) => {
            for line in lines {
                writeln!(out, "  {}", line.dimmed())?;
            }
        }
        (None, Some(ascii)) => drawn = super::ladder::render(out, step, width, ascii)?,
        (None, None) => {
            for segment in step.wire.iter().flatten() {
                let line = segment.text(step.encoding);
                writeln!(out, "  {}{}", line.dimmed(), mark(segment.when))?;
            }
        }
    }
    for (k, change) in step.changes.iter().enumerate() {
        if drawn.get(k) == Some(&true) {
            continue;
        }
        writeln!(
            out,
            "  {}{}",
            state_line(change).yellow(),
            mark(change.when)
        )?;
    }
    Ok(())
}

/// `  (+44 ms, between steps)` after a line whose moment was not its
/// step's call (see `clock`); nothing for what came with the call.
fn mark(when: Option<crate::clock::When>) -> String {
    match when.and_then(|w| w.mark()) {
        Some(mark) => format!("  {}", mark.cyan()),
        None => String::new(),
    }
}

/// Whether colour is on (`Colorize` copies its text even when it is off,
/// so the most common lines check first and are written plain).
fn plain() -> bool {
    !colored::control::SHOULD_COLORIZE.should_colorize()
}

fn render_outcome(out: &mut Vec<u8>, step: &Step) -> io::Result<()> {
    let call = step.call.as_deref().unwrap_or(step.verb);
    // A background job's result says which job it is: `[1] accept(srv) = 5`.
    if let Some((job, JobRole::Result)) = step.job {
        write!(out, "{} ", format!("[{job}]").magenta().bold())?;
    }
    match &step.outcome {
        Outcome::Returned(value) if plain() => {
            // The most common line, written without formatting machinery.
            out.write_all(call.as_bytes())?;
            out.write_all(b" = ")?;
            out.write_all(itoa::Buffer::new().format(*value).as_bytes())?;
            out.write_all(b"\n")
        }
        Outcome::Returned(value) => {
            writeln!(out, "{} = {}", call.bold(), value.to_string().green())
        }
        Outcome::Failed(errno) => writeln!(
            out,
            "{} = -1 {} ({})",
            call.bold(),
            crate::names::errno_name(*errno).red().bold(),
            crate::names::errno_meaning(*errno)
        ),
        Outcome::TimedOut(after) => interrupted(
            out,
            call,
            &t!("render-timed-out", after = format!("{after:?}")),
        ),
        Outcome::OutOfTime(limit) => interrupted(
            out,
            call,
            &t!(
                "render-out-of-time",
                limit = crate::lab::path::show_duration(*limit)
            ),
        ),
        // A usage error may quote the line, which may come from a file.
        Outcome::Usage(error) => writeln!(
            out,
            "{} {}",
            ERROR.get().red().bold(),
            crate::safe_text::escape(&error.to_string())
        ),
        Outcome::NotReached(message) => writeln!(
            out,
            "{} {message}",
            t!("render-not-reached", verb = step.verb).red().bold()
        ),
        Outcome::Done => Ok(()),
    }
}

fn render_data(
    out: &mut Vec<u8>,
    data: &[u8],
    encoding: &'static crate::encoding::Encoding,
) -> io::Result<()> {
    let shown = &data[..data.len().min(DATA_SHOWN)];
    let more = data.len() - shown.len();
    // Most data: nothing cut, nothing to escape, nothing to dump.
    let label = DATA.get();
    if more == 0 && plain() && encoding.is_ascii_compatible() && super::is_plain_printable(data) {
        out.extend_from_slice(b"  ");
        out.extend_from_slice(label.as_bytes());
        out.extend_from_slice(b" \"");
        out.extend_from_slice(data);
        out.extend_from_slice(b"\"\n");
        return Ok(());
    }
    if plain() {
        out.write_all(b"  ")?;
        out.write_all(label.as_bytes())?;
        out.write_all(b" \"")?;
        Escaped(shown, encoding)
            .write_to(&mut IoText(out))
            .map_err(|_| io::Error::other("cannot write the data"))?;
        out.write_all(b"\"")?;
    } else {
        write!(
            out,
            "  {label} {}",
            format!("\"{}\"", Escaped(shown, encoding)).cyan()
        )?;
    }
    if more > 0 {
        write!(out, " {}", t!("render-more-bytes", count = more))?;
    }
    out.push(b'\n');
    if is_binary(data, encoding) {
        for line in hexdump(&data[..data.len().min(DUMP_SHOWN)]) {
            writeln!(out, "    {line}")?;
        }
    }
    // Not text in the session's encoding, but in another's: say which.
    if let Some(reading) = crate::encoding::guess::other_reading(data, encoding) {
        writeln!(out, "  {}", super::words::OtherReading(&reading))?;
    }
    Ok(())
}

/// A field as one line of text, or None for structured data shown elsewhere.
fn field_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) if items.iter().any(Value::is_object) => None,
        Value::Array(items) if items.is_empty() => Some("-".into()),
        Value::Array(items) => Some(
            items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Value::Object(_) => None,
        other => Some(other.to_string()),
    }
}

/// `state cli: ESTABLISHED → FIN_WAIT1`, `state cli (no fd): FIN_WAIT2 → TIME_WAIT`,
/// `state srv: LISTEN → gone`, `state conn: ESTABLISHED` (new). A connection
/// held without an fd is marked to its end (`state t (no fd): TIME_WAIT →
/// gone`), under the name its handle had, whoever has that name now.
pub fn state_line(change: &StateChange) -> String {
    // A listener's queued connection says what it is in its own name.
    let who = if change.closed && !change.handle.contains(" (") {
        t!("render-no-fd", handle = change.handle.as_str())
    } else {
        change.handle.clone()
    };
    let state = STATE.get();
    let to = change.to.map_or(GONE.get(), |s| s.name());
    match change.from {
        Some(from) => format!("{state} {who}: {} → {to}", from.name()),
        None => format!("{state} {who}: {to}"),
    }
}

/// What a step's address is (`bound`, `peer` …), worded; JSON's
/// `addr_kind` keeps the kind itself.
fn addr_label(kind: &str) -> &str {
    match kind {
        "bound" => BOUND.get(),
        "local" => LOCAL.get(),
        "peer" => PEER.get(),
        "from" => FROM.get(),
        "listening on" => LISTENING_ON.get(),
        other => other,
    }
}

/// A call socklab interrupted (EINTR), and why it did.
fn interrupted(out: &mut dyn Write, call: &str, why: &str) -> io::Result<()> {
    writeln!(
        out,
        "{} = -1 {} ({})",
        call.bold(),
        "EINTR".red().bold(),
        crate::names::errno_meaning(nix::errno::Errno::EINTR)
    )?;
    writeln!(out, "  {}", why.red())
}
