//! The interactive shell: the rustyline loop only (rustyline's
//! examples/example.rs). Each line goes to the `Runner`; Ctrl-C at the
//! prompt clears the line, Ctrl-D (or quit) closes every socket and leaves.
//! Background results are shown above the prompt by the `courier`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};

use crate::history::HistoryFile;
use rustyline::{Editor, ExternalPrinter};

use crate::courier::{self, Courier};
use crate::helper::SocklabHelper;
use crate::render::wrap::{self, Fit};
use crate::runner::{Flow, Format, Runner};
use crate::session::Session;

/// Standard output, in the terminal's charset.
type Out = crate::i18n::Transcode<io::Stdout>;

type Shared = Arc<Mutex<Runner<Out>>>;

fn lock(runner: &Shared) -> MutexGuard<'_, Runner<Out>> {
    runner.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Standard output for the runner: in the terminal's charset, but JSON
/// in UTF-8 (what JSON is) whatever the terminal.
fn text_or_json(format: Format) -> Out {
    match format {
        Format::Json => crate::i18n::Transcode::new(io::stdout(), crate::i18n::Charset::Utf8),
        Format::Text => crate::i18n::terminal(io::stdout()),
    }
}

/// Runs the shell until quit or Ctrl-D; returns the number of failed lines.
pub fn run(mut session: Session, format: Format) -> rustyline::Result<usize> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(true)
        .max_history_size(crate::history::MAX_ENTRIES)?
        .build();
    let handles = Arc::new(Mutex::new(Vec::new()));
    let mut editor: Editor<SocklabHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(SocklabHelper::new(Arc::clone(&handles))));
    let mut history = HistoryFile::for_user();
    if let Some(file) = &history {
        match file.load() {
            Ok(lines) => {
                for line in lines {
                    let _ = editor.history_mut().add(&line);
                }
            }
            Err(problem) => crate::i18n::say(&format!("socklab: {problem}")),
        }
    }
    let fit = Fit::for_stdout();
    let banner = banner(&session);
    let banner = match fit.width() {
        Some(width) => wrap::fitted(&banner, width),
        None => banner,
    };
    let mut out = crate::i18n::terminal(io::stdout());
    let _ = writeln!(out, "{banner}").and_then(|_| out.flush());
    let inbox = session.jobs.inbox()?;
    let mut runner = Runner::new(session, text_or_json(format), format, false, false);
    runner.set_terminal(io::IsTerminal::is_terminal(&io::stdout()));
    runner.set_shelf(Box::new(crate::transcript::shelf::Library {
        can_play: true,
    }));
    runner.set_fit(fit);
    // Results are shown as they come, above the prompt.
    runner.set_settle(false);
    let runner = Arc::new(Mutex::new(runner));
    // rustyline's printer writes UTF-8: a GBK or KOI8-R terminal gets its
    // results through standard output, in its charset.
    let charset = match format {
        Format::Json => crate::i18n::Charset::Utf8,
        Format::Text => crate::i18n::charset(),
    };
    let utf8 = charset == crate::i18n::Charset::Utf8;
    let print: courier::Print = match editor.create_external_printer() {
        Ok(mut printer) if utf8 => Box::new(move |text| {
            let _ = printer.print(text);
        }),
        _ => courier::stdout_print(charset),
    };
    let courier = Courier::start(Arc::clone(&runner), inbox, Arc::clone(&handles), print)?;
    let ended = read_lines(&mut editor, &runner, &handles, &mut history, &courier);
    drop(editor);
    courier.stop();
    ended?;
    let failures = lock(&runner).failures;
    Ok(failures)
}

/// The loop: read a line, run it, until quit or Ctrl-D.
fn read_lines(
    editor: &mut Editor<SocklabHelper, DefaultHistory>,
    runner: &Shared,
    handles: &crate::helper::HandleList,
    history: &mut Option<HistoryFile>,
    courier: &Courier,
) -> rustyline::Result<()> {
    loop {
        let prompt = prompt(&lock(runner).session);
        match editor.readline(&prompt) {
            Ok(text) => {
                let bytes = typed_bytes(&text);
                // Into the file before it runs: a line that ends the
                // process (SIGTERM while it blocks) is kept too.
                if let Some(file) = history {
                    for line in bytes.split(|&b| b == b'\n') {
                        let line = crate::parse::shown_bytes(line);
                        if let Err(problem) = file.append(&line) {
                            crate::i18n::say(&format!("socklab: {problem}"));
                        }
                    }
                }
                let mut runner = lock(runner);
                // The line came from a person who took their time.
                runner.session.note_waited();
                let flow = run_pasted(&mut runner, &bytes);
                if let Ok(mut names) = handles.lock() {
                    *names = runner.session.completion_names();
                }
                if flow == Flow::Stop {
                    return Ok(());
                }
                courier.poke();
            }
            Err(ReadlineError::Interrupted) => continue,
            // Bytes that are not UTF-8 (a terminal in another encoding, a
            // binary paste): rustyline drops the line it was reading. The
            // session and its sockets stay; say what happened and go on.
            Err(ReadlineError::Io(error)) if error.kind() == io::ErrorKind::InvalidData => {
                let mut runner = lock(runner);
                runner.run_invalid_input();
            }
            Err(ReadlineError::Eof) => {
                lock(runner).run_line("quit");
                return Ok(());
            }
            Err(error) => return Err(error),
        }
    }
}

/// The first of the 256 private-use characters by which socklab's
/// rustyline (vendor/rustyline/SOCKLAB.md) hands on a byte it read that is
/// not UTF-8 (`U+10FF00 + byte`).
const UNDECODABLE_BASE: u32 = 0x10_FF00;

/// The bytes the terminal sent for `text`: its UTF-8, with each character
/// that stands for a byte that was not UTF-8 turned back into that byte.
fn typed_bytes(text: &str) -> Cow<'_, [u8]> {
    let stands_for_byte =
        |c: char| (UNDECODABLE_BASE..=UNDECODABLE_BASE + 0xFF).contains(&u32::from(c));
    if !text.chars().any(stands_for_byte) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        if stands_for_byte(c) {
            bytes.push((u32::from(c) - UNDECODABLE_BASE) as u8);
        } else {
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    Cow::Owned(bytes)
}

/// Runs what readline returned. A paste of several lines comes back as one
/// string (bracketed paste): each line runs on its own, echoed as `> LINE`
/// like a script, so every output says which line it belongs to. A line
/// with bytes that are not UTF-8 is echoed so too, with them as `\xNN`,
/// and is a usage error.
fn run_pasted(runner: &mut Runner<Out>, bytes: &[u8]) -> Flow {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // The terminal showed each byte that is not UTF-8 as a character it
    // has no glyph for: the line is echoed with them as `\xNN` first.
    if lines.len() <= 1 && std::str::from_utf8(bytes).is_ok() {
        return runner.run_bytes(bytes, false);
    }
    runner.set_echo(true);
    let mut flow = Flow::Continue;
    for line in lines {
        flow = runner.run_bytes(line, false);
        if flow == Flow::Stop {
            break;
        }
    }
    runner.set_echo(false);
    flow
}

/// The shell's first line: what this is, how to learn more, how to leave;
/// in the lab, its hosts and their addresses (the prompt has no room).
pub fn banner(session: &Session) -> String {
    let mut line = crate::t!("shell-banner", version = env!("CARGO_PKG_VERSION"));
    if session.private_network() {
        line.push_str(&crate::t!("shell-banner-private"));
    }
    if session.lab().is_some() {
        use crate::lab::Host;
        line.push('\n');
        line.push_str(&crate::t!(
            "shell-banner-lab",
            a4 = Host::A.ipv4().to_string(),
            a6 = Host::A.ipv6().to_string(),
            b4 = Host::B.ipv4().to_string(),
            b6 = Host::B.ipv6().to_string()
        ));
    }
    line
}

/// The longest lab prompt: it fits a narrow terminal with room to type.
const LAB_PROMPT_LONGEST: usize = 30;

/// `socklab [conn ESTABLISHED]> `, or the kind for a socket with no TCP
/// state; in the lab, `lab hold [cli]> `: the link's mode and the current
/// handle, in at most 30 columns.
pub fn prompt(session: &Session) -> String {
    if let Some(lab) = session.lab() {
        let hold = lab.relay.holding();
        let mode = match hold {
            [true, true] => "hold",
            [false, false] => "pass",
            [true, false] => "hold a->b",
            [false, true] => "hold b->a",
        };
        return lab_prompt(mode, session.current_name());
    }
    let Some(name) = session.current_name() else {
        return "socklab> ".into();
    };
    let what = match session.get(name) {
        Some(handle) => handle.state.map_or(handle.kind.name(), |s| s.name()),
        None => "?",
    };
    format!("socklab [{name} {what}]> ")
}

/// `lab MODE [NAME]> `, a name too long for 30 columns cut with `…`.
fn lab_prompt(mode: &str, current: Option<&str>) -> String {
    let Some(name) = current else {
        return format!("lab {mode}> ");
    };
    let room = LAB_PROMPT_LONGEST - format!("lab {mode} []> ").chars().count();
    // (`clip` keeps that many characters and adds the `…`.)
    let name = crate::suggest::clip(name, room - 1);
    format!("lab {mode} [{name}]> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_prompt_fits_30_columns_whatever_the_name() {
        assert_eq!(lab_prompt("pass", None), "lab pass> ");
        assert_eq!(lab_prompt("hold", Some("cli")), "lab hold [cli]> ");
        let long = "a_handle_name_far_too_long_for_a_prompt";
        for mode in ["hold", "pass", "hold a->b", "hold b->a"] {
            let prompt = lab_prompt(mode, Some(long));
            assert_eq!(prompt.chars().count(), LAB_PROMPT_LONGEST, "{prompt}");
            assert!(prompt.ends_with("…]> "), "{prompt}");
            assert!(prompt.contains("[a_handle"), "{prompt}");
        }
    }
}
