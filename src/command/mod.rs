//! The command table and dispatch; nothing else.
//!
//! Each verb lives in its own file: its `Spec` (name, usage, syscall,
//! summary, common errnos, argument kinds and their words, whether it can
//! block, its parser) and its type, which implements `Action` (run, what a
//! background job of it shares and keeps). `COMMANDS` lists the specs; a
//! verb is found by name there and parsed by its own `Spec::parse`, so
//! adding a verb is its file plus one line here. Help, completion, hints
//! and docs/commands.md are all generated from `COMMANDS`, so they cannot
//! drift from what the parser accepts.

mod accept;
mod action;
mod await_state;
pub mod background;
mod bind;
mod call_text;
mod clear;
mod close;
mod connect;
mod diagram;
mod drain;
mod encoding;
mod export;
mod getsockname;
pub mod help;
mod host;
mod ioctl;
mod jobs;
mod kill;
mod lang;
mod lessons;
mod link;
mod listen;
mod ls;
mod nonblock;
mod parse_cache;
pub use parse_cache::{Kept, ParseCache};
mod option_value;
mod play;
mod poll;
pub mod python;
pub mod python_table;
mod quit;
mod record;
mod recv;
mod recvall;
mod sample;
mod send;
mod shutdown;
mod socket;
mod sockopt;
mod source;
mod spawn;
mod spec;
mod tcpinfo;
mod topics;
mod use_handle;
mod wait;
mod watch;
mod why;
mod winsock;
mod wire;
pub use action::{Action, Driver};
pub use spec::{Arg, Group, Spec};
pub use why::explain_in_context;

use crate::error::UsageError;
use crate::parse::{self, Cursor, HandleNames, SplitLine};
use crate::session::Session;
use crate::step::Step;

/// Every verb, in the order help lists them: the registry.
pub const COMMANDS: &[&Spec] = &[
    &socket::SOCKET,
    &socket::SOCKETPAIR,
    &bind::SPEC,
    &listen::SPEC,
    &accept::SPEC,
    &connect::SPEC,
    &shutdown::SPEC,
    &close::SPEC,
    &send::SEND,
    &send::SENDALL,
    &send::SENDTO,
    &recv::RECV,
    &recv::RECVFROM,
    &recvall::SPEC,
    &drain::SPEC,
    &sockopt::SETSOCKOPT,
    &sockopt::GETSOCKOPT,
    &nonblock::SPEC,
    &getsockname::GETSOCKNAME,
    &getsockname::GETPEERNAME,
    &poll::SPEC,
    &ioctl::SPEC,
    &tcpinfo::SPEC,
    &sample::SPEC,
    &await_state::SPEC,
    &ls::SPEC,
    &wire::SPEC,
    &watch::WATCH,
    &watch::UNWATCH,
    &jobs::JOBS,
    &wait::WAIT,
    &spawn::SPEC,
    &kill::SPEC,
    &link::LINK,
    &link::DELIVER,
    &link::DROP,
    &link::DUP,
    &link::CORRUPT,
    &host::SPEC,
    &host::SYSCTL,
    &use_handle::USE,
    &encoding::SPEC,
    &lang::SPEC,
    &help::SPEC,
    &lessons::SPEC,
    &play::SPEC,
    &source::SOURCE,
    &record::RECORD,
    &diagram::DIAGRAM,
    &export::EXPORT,
    &clear::CLEAR,
    &quit::QUIT,
    &quit::EXIT,
];

/// The spec of a verb, by exact name.
pub fn spec(name: &str) -> Option<&'static Spec> {
    COMMANDS
        .iter()
        .copied()
        .find(|spec| spec.name.eq_ignore_ascii_case(name))
}

/// A parsed line: the names before `=` (the handles a verb creates, or
/// the data name a receive keeps its bytes under), the verb and its command.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub names: Vec<String>,
    pub verb: &'static str,
    pub command: Box<dyn Action>,
    /// The column of a trailing `&`: run it on a worker thread.
    pub background: Option<usize>,
}

/// Parses one line; `Ok(None)` for a blank line or a comment. On a usage
/// error, the verb is returned too when it was recognised.
pub fn parse(
    line: &str,
    handles: &dyn HandleNames,
) -> Result<Option<Parsed>, (Option<&'static str>, UsageError)> {
    let split = parse::split_line_in(line, handles.encoding())
        .map_err(|e| (None, python_form(line, handles).unwrap_or(e)))?;
    let Some(SplitLine {
        names,
        tokens,
        background,
    }) = split
    else {
        return Ok(None);
    };
    let verb_token = &tokens[0];
    // `?` is help, as in many shells.
    let verb_text = if verb_token.text == "?" {
        help::SPEC.name
    } else {
        verb_token.text
    };
    let Some(spec) = spec(verb_text) else {
        return Err((
            None,
            python_form(line, handles).unwrap_or_else(|| unknown_verb(verb_token)),
        ));
    };
    let python_names = |e: UsageError| {
        let python = python::unpacking(spec.name, names.len(), line).map(|m| UsageError::at(1, m));
        (Some(spec.name), python.unwrap_or(e))
    };
    // A verb that creates no handle may name the data it returns; whether
    // it returns any its parsed command says.
    if spec.creates > 0 {
        check_names(spec, &names, handles).map_err(python_names)?;
    }
    if let (Some(column), false) = (background, spec.background) {
        let can: Vec<&str> = background::verbs().collect();
        return Err((
            Some(spec.name),
            UsageError::at(
                column,
                crate::worded!(
                    "error-not-in-background",
                    verb = spec.name,
                    verbs = can.join(", ")
                ),
            ),
        ));
    }
    let end_column = parse::column_of(line, line.len());
    let mut cursor = Cursor::new(&tokens[1..], spec.usage, end_column, handles);
    let command = (spec.parse)(&mut cursor)
        .map_err(|e| (Some(spec.name), python_form(line, handles).unwrap_or(e)))?;
    if spec.creates == 0 {
        check_data_name(spec, &names, command.keeps_data(), background).map_err(python_names)?;
    }
    Ok(Some(Parsed {
        names: names.into_iter().map(|(name, _)| name).collect(),
        verb: spec.name,
        command,
        background,
    }))
}

/// A line of Python, answered with the socklab lines that do the same (or
/// with where the calls are, for Python around them).
fn python_form(line: &str, handles: &dyn HandleNames) -> Option<UsageError> {
    Some(UsageError::at(1, python::shell_message(line, handles)?))
}

fn unknown_verb(token: &parse::Token<'_>) -> UsageError {
    let names = COMMANDS.iter().map(|spec| spec.name);
    let word = crate::suggest::clip(token.text, 40).into_owned();
    let message = match crate::suggest::nearest(token.text, names) {
        Some(near) => crate::worded!("error-unknown-command-near", word = word, near = near),
        None => crate::worded!("error-unknown-command", word = word),
    };
    UsageError::at(token.column, message)
}

/// `NAME =` before a verb that creates no handle: a receive's data name
/// (`data = recv conn 1024`), one, in the foreground.
fn check_data_name(
    verb: &Spec,
    names: &[(String, usize)],
    keeps_data: bool,
    background: Option<usize>,
) -> Result<(), UsageError> {
    let Some((name, first_column)) = names.first() else {
        return Ok(());
    };
    if !keeps_data {
        return Err(UsageError::at(
            *first_column,
            crate::worded!("error-names-no-data", verb = verb.name),
        ));
    }
    if names.len() > 1 {
        return Err(UsageError::at(
            *first_column,
            crate::worded!("error-data-one-name", verb = verb.name, name = name),
        ));
    }
    if let Some(column) = background {
        return Err(UsageError::at(
            column,
            crate::worded!("error-data-name-background", name = name),
        ));
    }
    Ok(())
}

fn check_names(
    verb: &Spec,
    names: &[(String, usize)],
    handles: &dyn HandleNames,
) -> Result<(), UsageError> {
    let Some((_, first_column)) = names.first() else {
        return Ok(());
    };
    if names.len() > verb.creates {
        return Err(UsageError::at(
            *first_column,
            crate::worded!(
                "error-too-many-names",
                verb = verb.name,
                creates = verb.creates,
                count = names.len()
            ),
        ));
    }
    if verb.creates == 2 && names.len() == 1 {
        return Err(UsageError::at(
            *first_column,
            crate::worded!("error-socketpair-one-name"),
        ));
    }
    for (i, (name, column)) in names.iter().enumerate() {
        if let Some(job) = handles.reserved_by(name) {
            return Err(UsageError::at(
                *column,
                crate::worded!("error-name-reserved", job = job, name = name),
            ));
        }
        if handles.is_handle(name) {
            return Err(UsageError::at(
                *column,
                crate::worded!("error-handle-exists", name = name),
            ));
        }
        if spec(name).is_some() {
            return Err(UsageError::at(
                *column,
                crate::worded!("error-name-is-command", name = name),
            ));
        }
        if names[..i].iter().any(|(other, _)| other == name) {
            return Err(UsageError::at(
                *column,
                crate::worded!("error-named-twice", name = name),
            ));
        }
    }
    Ok(())
}

/// Runs `command` (of `verb`) in the session: one system call, or none.
pub fn execute(
    command: Box<dyn Action>,
    verb: &'static str,
    names: Vec<String>,
    session: &mut Session,
) -> Step {
    let mut step = Step::new(verb, None);
    execute_into(command, verb, names, session, &mut step);
    step
}

/// `execute`, filling in `step` (new, with this verb): the commonest
/// steps, send and recv, are made where they lie instead of being
/// returned and moved on (a step is a few hundred bytes, and copying it
/// two or three times was a tenth of socklab's own time in a step).
fn execute_into(
    command: Box<dyn Action>,
    verb: &'static str,
    names: Vec<String>,
    session: &mut Session,
    step: &mut Step,
) {
    let result = match command.run_in_place(session, step) {
        Some(result) => result,
        None => command.run(names, session).map(|made| *step = made),
    };
    finish_execute(verb, result, step);
}

/// `execute_into` for a command that `runs_in_place`, as the parse cache
/// holds it.
fn execute_in_place(
    command: &dyn Action,
    verb: &'static str,
    session: &mut Session,
    step: &mut Step,
) {
    let result = command.run_in_place(session, step).unwrap_or_else(|| {
        Err(UsageError::new(crate::worded!(
            "error-not-from-cache",
            verb = verb
        )))
    });
    finish_execute(verb, result, step);
}

/// Runs a parsed line (`line` as typed) in the session — or, for `CMD &`,
/// starts it on a worker thread — and has the session complete its step.
/// (The session knows nothing of commands: the data flows parse → command
/// → session → step.)
pub fn run(parsed: Parsed, line: &str, session: &mut Session) -> Step {
    let mut step = Step::new(parsed.verb, None);
    run_into(parsed, line, session, &mut step);
    step
}

/// `run`, filling in `step` (new, with the line's verb) where it lies.
/// A problem found only at execution (a handle gone, an address that does
/// not resolve) never reached the kernel: it is a usage error. A failed
/// call gets its verb's note.
#[inline]
fn finish_execute(verb: &'static str, result: Result<(), UsageError>, step: &mut Step) {
    if let Err(error) = result {
        *step = Step::usage(verb, error);
    }
    explain_failure(step);
}

/// `run_into` for a foreground command that `runs_by_reference`, as the
/// parse cache holds it.
#[inline]
pub fn run_by_reference(parsed: &Parsed, session: &mut Session, step: &mut Step) {
    session.begin_step();
    execute_in_place(parsed.command.as_ref(), parsed.verb, session, step);
    if let Some(name) = data_name(parsed) {
        keep_data(name, session, step);
    }
    explain_in_context(session, step);
    session.finish_step(step);
}

pub fn run_into(parsed: Parsed, line: &str, session: &mut Session, step: &mut Step) {
    let verb = parsed.verb;
    session.begin_step();
    match parsed.background {
        Some(_) => {
            *step = background::launch(parsed, line, session)
                .unwrap_or_else(|error| Step::usage(verb, error));
        }
        None => {
            let data_name = data_name(&parsed).map(str::to_string);
            execute_into(parsed.command, parsed.verb, parsed.names, session, step);
            if let Some(name) = data_name {
                keep_data(&name, session, step);
            }
        }
    }
    explain_in_context(session, step);
    session.finish_step(step);
}

/// The data name a receive's bytes are kept under (`data = recv conn`).
fn data_name(parsed: &Parsed) -> Option<&str> {
    match parsed.command.keeps_data() {
        true => parsed.names.first().map(String::as_str),
        false => None,
    }
}

/// Keeps what a receive returned under `name`, and says so in its step;
/// a receive that failed binds nothing (as a Python exception would not).
fn keep_data(name: &str, session: &mut Session, step: &mut Step) {
    let (crate::step::Outcome::Returned(_), Some(data)) = (&step.outcome, &step.data) else {
        return;
    };
    let bytes = data.len();
    let line = match session.keep_data(name, data.clone()) {
        Ok(()) => crate::step::Line::DataKept {
            name: name.to_string(),
            bytes,
        },
        Err(error) => crate::step::Line::DataNotKept {
            name: name.to_string(),
            why: error.to_string(),
        },
    };
    step.lines.push(line);
}

/// A failed call gets its verb's note for that errno: why, and what to do
/// — unless the verb chose the note that fits (it alone knows what it
/// asked: the address, the flags).
pub fn explain_failure(step: &mut Step) {
    if let crate::step::Outcome::Failed(errno) = step.outcome
        && step.why.is_none()
        && let Some(spec) = spec(step.verb)
    {
        let name = crate::names::errno_name(errno);
        if spec.errnos.contains(&name.as_str()) {
            step.why = Some(crate::step::Why::Table {
                verb: step.verb,
                errno,
                english: english_note(spec, &name),
            });
        }
    }
}

/// The table's note for `errno` after `spec`'s call, in English: a step
/// keeps its why as a `&'static str` (transcripts and JSON show it in
/// English), so each note is read from the message file once and kept.
fn english_note(spec: &Spec, errno: &str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static KEPT: LazyLock<Mutex<HashMap<String, &'static str>>> = LazyLock::new(Default::default);
    let id = spec.errno_id(errno);
    let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    kept.entry(id).or_insert_with_key(|id| {
        let note = crate::i18n::in_english(|| crate::i18n::lookup(id)).unwrap_or_default();
        Box::leak(note.into_boxed_str())
    })
}

/// Every option name, C and short, for completion.
pub fn sockopt_names() -> Vec<String> {
    sockopt::OPTIONS
        .iter()
        .flat_map(|o| [o.name, o.short])
        .map(String::from)
        .collect()
}

pub use sockopt::parse_duration;

/// Every help topic that is not a verb or an errno (TCP states, socket
/// options, keepalive), for completion.
pub fn help_topic_names() -> impl Iterator<Item = &'static str> {
    topics::names()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names(Vec<String>);

    impl HandleNames for Names {
        fn is_handle(&self, name: &str) -> bool {
            self.0.iter().any(|n| n == name)
        }
        fn current(&self) -> Option<&str> {
            self.0.first().map(String::as_str)
        }
        fn handle_names(&self) -> Vec<String> {
            self.0.clone()
        }
    }

    #[test]
    fn handle_rules() {
        let names = Names(vec!["srv".into(), "cli".into()]);
        let handle_of = |line: &str| match parse(line, &names) {
            Ok(Some(parsed)) if matches!(parsed.verb, "connect" | "send") => {
                format!("{:?}", parsed.command)
            }
            other => format!("{other:?}"),
        };
        // A first argument naming a handle is the handle…
        assert!(handle_of("connect cli srv").contains("handle: \"cli\""));
        // …but an address verb's only argument is the address.
        assert!(
            handle_of("connect srv").contains("handle: \"srv\"")
                && handle_of("connect srv").contains("Handle(\"srv\")")
        );
        assert!(handle_of("send cli hi").contains("handle: \"cli\""));
        // Quoted data is never a handle.
        assert!(handle_of("send \"cli\"").contains("handle: \"srv\""));
    }

    /// The registry is the one list: every `Spec` a verb's file declares
    /// is in `COMMANDS` (a verb whose line was forgotten fails here), and
    /// the dispatch names no verb (no string matching: each verb's own
    /// `Spec::parse` is found through the table).
    #[test]
    fn every_verb_is_registered_and_dispatch_names_none() {
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/command")];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                match path.is_dir() {
                    true => dirs.push(path),
                    false => files.push(path),
                }
            }
        }
        let mut declared = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(rest) = line.strip_prefix("pub const ")
                    && let Some((name, _)) = rest.split_once(": Spec = Spec {")
                {
                    let file = path.file_stem().unwrap().to_string_lossy().into_owned();
                    declared.push(format!("{file}::{name}"));
                }
            }
        }
        assert_eq!(
            declared.len(),
            COMMANDS.len(),
            "each Spec a verb's file declares needs its line in COMMANDS: {declared:?}"
        );
        let source = include_str!("mod.rs");
        let dispatch = &source[..source.find("#[cfg(test)]").unwrap()];
        let mut named = Vec::new();
        for spec in COMMANDS {
            if dispatch.contains(&format!("\"{}\"", spec.name)) {
                named.push(spec.name);
            }
        }
        assert!(named.is_empty(), "command/mod.rs names verbs: {named:?}");
    }
}
