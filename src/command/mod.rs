//! The command table, `enum Command`, and dispatch; nothing else.
//!
//! Each verb lives in its own file with its `SPEC` (name, usage, syscall,
//! summary, common errnos, argument kinds), its `parse` and its `execute`.
//! Help, completion, hints and docs/commands.md are all generated from
//! `COMMANDS`, so they cannot drift from what the parser accepts.

mod accept;
mod await_state;
pub mod background;
mod bind;
mod call_text;
mod close;
mod connect;
mod drain;
mod encoding;
mod getsockname;
pub mod help;
mod host;
mod ioctl;
mod link;
mod listen;
mod ls;
mod nonblock;
mod parse_cache;
pub use parse_cache::{Kept, ParseCache};
mod option_value;
mod poll;
mod python;
pub mod python_table;
mod recv;
mod recvall;
mod sample;
mod send;
mod session_verbs;
mod shutdown;
mod socket;
mod sockopt;
mod tcpinfo;
mod topics;
mod watch;
mod why;
mod wire;
pub use why::explain_in_context;

use crate::error::UsageError;
use crate::parse::{self, Cursor, HandleNames, SplitLine};
use crate::session::Session;
use crate::step::Step;

/// What an argument position holds, for completion and hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    Handle,
    Handles,
    SocketKind,
    PairKind,
    Addr,
    Data,
    Number,
    SockOpt,
    OptValue,
    ShutdownHow,
    SendFlags,
    RecvFlags,
    OnOff,
    IoctlRequest,
    HelpTopic,
    File,
    StateOrEvent,
    Job,
    /// `wire`'s on, off or save.
    WireSetting,
    /// A text encoding's name.
    Encoding,
    /// `hold` or `pass`, then a direction.
    LinkMode,
    /// N, all, #K, or next (a held segment).
    Held,
    /// a or b.
    LabHost,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Socket,
    Data,
    Options,
    Inspect,
    Background,
    Lab,
    Session,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Socket => "Sockets and connections",
            Group::Data => "Sending and receiving",
            Group::Options => "Options and modes",
            Group::Inspect => "Inspecting",
            Group::Background => "In the background (worker threads)",
            Group::Lab => "The network lab (socklab --lab): two hosts and the link between",
            Group::Session => "The session (no system call of their own)",
        }
    }
}

/// One verb's description: the single source for help, completion and docs.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: &'static str,
    pub usage: &'static str,
    /// The system call it makes, as `bind(2)`; empty for session commands.
    pub syscall: &'static str,
    pub summary: &'static str,
    /// More to know, in a sentence or three.
    pub notes: &'static str,
    /// Errnos a user commonly meets with this call, and what each means here.
    pub errnos: &'static [(&'static str, &'static str)],
    pub args: &'static [Arg],
    /// How many handles `NAMES =` may name (0: the verb creates none).
    pub creates: usize,
    pub group: Group,
    /// It can block, so it may run in the background: `accept srv &`.
    pub background: bool,
}

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
    &background::JOBS,
    &background::WAIT,
    &link::LINK,
    &link::DELIVER,
    &link::DROP,
    &link::DUP,
    &link::CORRUPT,
    &host::SPEC,
    &host::SYSCTL,
    &session_verbs::USE,
    &encoding::SPEC,
    &help::SPEC,
    &session_verbs::SOURCE,
    &session_verbs::RECORD,
    &session_verbs::DIAGRAM,
    &session_verbs::CLEAR,
    &session_verbs::QUIT,
    &session_verbs::EXIT,
];

/// The spec of a verb, by exact name.
pub fn spec(name: &str) -> Option<&'static Spec> {
    COMMANDS
        .iter()
        .copied()
        .find(|spec| spec.name.eq_ignore_ascii_case(name))
}

#[derive(Debug, Clone)]
pub enum Command {
    Socket(socket::Socket),
    Socketpair(socket::Socketpair),
    Bind(bind::Bind),
    Listen(listen::Listen),
    Accept(accept::Accept),
    Connect(connect::Connect),
    Shutdown(shutdown::Shutdown),
    Close(close::Close),
    Send(send::Send),
    Sendall(send::Sendall),
    Sendto(send::Sendto),
    Recv(recv::Recv),
    Recvfrom(recv::Recvfrom),
    Recvall(recvall::Recvall),
    Drain(drain::Drain),
    Sample(sample::Sample),
    Setsockopt(sockopt::Setsockopt),
    Getsockopt(sockopt::Getsockopt),
    Nonblock(nonblock::Nonblock),
    Getsockname(getsockname::Getname),
    Poll(poll::Poll),
    Ioctl(ioctl::Ioctl),
    Tcpinfo(tcpinfo::Tcpinfo),
    Await(await_state::Await),
    Watch(watch::Watch),
    Unwatch(watch::Unwatch),
    Wire(wire::Wire),
    Jobs,
    /// Wait for one job, or every background call (the driver does it).
    Wait(Option<u32>),
    Ls,
    Use(String),
    Encoding(encoding::SetEncoding),
    /// Clear the screen (the shell does it; elsewhere nothing).
    Clear,
    Link(link::Link),
    Release(link::Release),
    Host(host::SetHost),
    Sysctl(host::Sysctl),
    Help(help::Help),
    /// Run a file's lines in this session (the driver does it).
    Source(String),
    /// Start (Some) or stop (None) recording a transcript (the driver does it).
    Record(Option<String>),
    /// Save the session so far as a ladder diagram (the driver does it).
    Diagram {
        path: String,
        force: bool,
    },
    /// Close every handle and end the session (the driver does it).
    Quit,
}

/// A parsed line: the handle names before `=`, the verb and its command.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub names: Vec<String>,
    pub verb: &'static str,
    pub command: Command,
    /// The column of a trailing `&`: run it on a worker thread.
    pub background: Option<usize>,
}

/// Parses one line; `Ok(None)` for a blank line or a comment. On a usage
/// error, the verb is returned too when it was recognised.
pub fn parse(
    line: &str,
    handles: &dyn HandleNames,
) -> Result<Option<Parsed>, (Option<&'static str>, UsageError)> {
    let split = parse::split_line_in(line, handles.encoding()).map_err(|e| (None, e))?;
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
        "help"
    } else {
        verb_token.text
    };
    let Some(spec) = spec(verb_text) else {
        return Err((
            None,
            python_form(line, handles).unwrap_or_else(|| unknown_verb(verb_token)),
        ));
    };
    check_names(spec, &names, handles).map_err(|e| (Some(spec.name), e))?;
    if let (Some(column), false) = (background, spec.background) {
        let can: Vec<&str> = background::verbs().collect();
        return Err((
            Some(spec.name),
            UsageError::at(
                column,
                format!(
                    "'{}' does not block, so it cannot run in the background — only {} take '&'",
                    spec.name,
                    can.join(", ")
                ),
            ),
        ));
    }
    let end_column = parse::column_of(line, line.len());
    let mut cursor = Cursor::new(&tokens[1..], spec.usage, end_column, handles);
    let command = parse_args(spec.name, &mut cursor)
        .map_err(|e| (Some(spec.name), python_form(line, handles).unwrap_or(e)))?;
    Ok(Some(Parsed {
        names: names.into_iter().map(|(name, _)| name).collect(),
        verb: spec.name,
        command,
        background,
    }))
}

/// A line in Python's call syntax, answered with the socklab line that
/// does the same.
fn python_form(line: &str, handles: &dyn HandleNames) -> Option<UsageError> {
    let socklab = python::translate(line, handles)?;
    Some(UsageError::at(
        1,
        format!(
            "that is Python's call syntax — socklab writes the verb and its arguments: {socklab}"
        ),
    ))
}

fn parse_args(verb: &str, cursor: &mut Cursor) -> Result<Command, UsageError> {
    let command = match verb {
        "socket" => Command::Socket(socket::Socket::parse(cursor)?),
        "socketpair" => Command::Socketpair(socket::Socketpair::parse(cursor)?),
        "bind" => Command::Bind(bind::Bind::parse(cursor)?),
        "listen" => Command::Listen(listen::Listen::parse(cursor)?),
        "accept" => Command::Accept(accept::Accept::parse(cursor)?),
        "connect" => Command::Connect(connect::Connect::parse(cursor)?),
        "shutdown" => Command::Shutdown(shutdown::Shutdown::parse(cursor)?),
        "close" => Command::Close(close::Close::parse(cursor)?),
        "send" => Command::Send(send::Send::parse(cursor)?),
        "sendall" => Command::Sendall(send::Sendall::parse(cursor)?),
        "sendto" => Command::Sendto(send::Sendto::parse(cursor)?),
        "recv" => Command::Recv(recv::Recv::parse(cursor)?),
        "recvfrom" => Command::Recvfrom(recv::Recvfrom::parse(cursor)?),
        "recvall" => Command::Recvall(recvall::Recvall::parse(cursor)?),
        "drain" => Command::Drain(drain::Drain::parse(cursor)?),
        "sample" => Command::Sample(sample::Sample::parse(cursor)?),
        "setsockopt" => Command::Setsockopt(sockopt::Setsockopt::parse(cursor)?),
        "getsockopt" => Command::Getsockopt(sockopt::Getsockopt::parse(cursor)?),
        "nonblock" => Command::Nonblock(nonblock::Nonblock::parse(cursor)?),
        "getsockname" => Command::Getsockname(getsockname::Getname::parse(cursor, false)?),
        "getpeername" => Command::Getsockname(getsockname::Getname::parse(cursor, true)?),
        "poll" => Command::Poll(poll::Poll::parse(cursor)?),
        "ioctl" => Command::Ioctl(ioctl::Ioctl::parse(cursor)?),
        "tcpinfo" => Command::Tcpinfo(tcpinfo::Tcpinfo::parse(cursor)?),
        "await" => Command::Await(await_state::Await::parse(cursor)?),
        "watch" => Command::Watch(watch::Watch::parse(cursor)?),
        "unwatch" => Command::Unwatch(watch::Unwatch::parse(cursor)?),
        "wire" => Command::Wire(wire::Wire::parse(cursor)?),
        "jobs" => {
            cursor.finish()?;
            Command::Jobs
        }
        "wait" => Command::Wait(background::parse_wait(cursor)?),
        "ls" => {
            cursor.finish()?;
            Command::Ls
        }
        "use" => {
            let handle = cursor.required_handle("H")?;
            cursor.finish()?;
            Command::Use(handle)
        }
        "help" => Command::Help(help::Help::parse(cursor)?),
        "encoding" => Command::Encoding(encoding::SetEncoding::parse(cursor)?),
        "link" => Command::Link(link::Link::parse(cursor)?),
        "deliver" | "drop" | "dup" | "corrupt" => {
            Command::Release(link::Release::parse(verb, cursor)?)
        }
        "host" => Command::Host(host::SetHost::parse(cursor)?),
        "sysctl" => Command::Sysctl(host::Sysctl::parse(cursor)?),
        "clear" => {
            cursor.finish()?;
            Command::Clear
        }
        "source" => {
            let file = cursor.path("FILE")?;
            cursor.finish()?;
            Command::Source(file)
        }
        "diagram" => {
            cursor.keyword("diagram action", &["save"])?;
            let path = cursor.path("FILE")?;
            let force = match cursor.peek() {
                Some(token) if token.text == "--force" => {
                    cursor.word("--force")?;
                    true
                }
                _ => false,
            };
            cursor.finish()?;
            Command::Diagram { path, force }
        }
        "record" => {
            let file = cursor.path("FILE or off")?;
            cursor.finish()?;
            Command::Record((file != "off").then_some(file))
        }
        _ => {
            cursor.finish()?;
            Command::Quit
        }
    };
    Ok(command)
}

fn unknown_verb(token: &parse::Token<'_>) -> UsageError {
    let names = COMMANDS.iter().map(|spec| spec.name);
    let message = match crate::suggest::nearest(token.text, names) {
        Some(near) => format!(
            "unknown command '{}' — did you mean '{near}'?",
            crate::suggest::clip(token.text, 40)
        ),
        None => format!(
            "unknown command '{}' — type 'help' for the list",
            crate::suggest::clip(token.text, 40)
        ),
    };
    UsageError::at(token.column, message)
}

fn check_names(
    verb: &Spec,
    names: &[(String, usize)],
    handles: &dyn HandleNames,
) -> Result<(), UsageError> {
    let Some((_, first_column)) = names.first() else {
        return Ok(());
    };
    if verb.creates == 0 {
        return Err(UsageError::at(
            *first_column,
            format!(
                "'{}' creates no handle to name — only socket, socketpair and accept do",
                verb.name
            ),
        ));
    }
    if names.len() > verb.creates {
        return Err(UsageError::at(
            *first_column,
            format!(
                "'{}' creates {}, but {} names were given",
                verb.name,
                if verb.creates == 1 {
                    "one handle"
                } else {
                    "two handles"
                },
                names.len()
            ),
        ));
    }
    if verb.creates == 2 && names.len() == 1 {
        return Err(UsageError::at(
            *first_column,
            "socketpair creates two handles: name both, like a, b = socketpair",
        ));
    }
    for (i, (name, column)) in names.iter().enumerate() {
        if let Some(job) = handles.reserved_by(name) {
            return Err(UsageError::at(
                *column,
                format!("background job [{job}] will create '{name}' — pick another name"),
            ));
        }
        if handles.is_handle(name) {
            return Err(UsageError::at(
                *column,
                format!("handle '{name}' already exists — close it first, or pick another name"),
            ));
        }
        if spec(name).is_some() {
            return Err(UsageError::at(
                *column,
                format!("'{name}' is a command name; pick another handle name"),
            ));
        }
        if names[..i].iter().any(|(other, _)| other == name) {
            return Err(UsageError::at(*column, format!("'{name}' is named twice")));
        }
    }
    Ok(())
}

impl Command {
    /// Executes the command: one system call (or none, for session commands).
    /// `Source`, `Record`, `Wait` and `Quit` belong to the driver and are not
    /// handled here.
    pub fn execute(self, verb: &'static str, names: Vec<String>, session: &mut Session) -> Step {
        let mut step = Step::new(verb, None);
        self.execute_into(verb, names, session, &mut step);
        step
    }

    /// `execute`, filling in `step` (new, with this verb): the commonest
    /// steps, send and recv, are made where they lie instead of being
    /// returned and moved on (a step is a few hundred bytes, and copying it
    /// two or three times was a tenth of socklab's own time in a step).
    pub fn execute_into(
        self,
        verb: &'static str,
        names: Vec<String>,
        session: &mut Session,
        step: &mut Step,
    ) {
        let result = match self {
            Command::Send(c) => c.execute_into(session, step),
            Command::Recv(c) => c.execute_into(session, step),
            other => other
                .execute_result(verb, names, session)
                .map(|made| *step = made),
        };
        finish_execute(verb, result, step);
    }

    /// Whether `execute_by_reference` runs it (the most common steps, run
    /// from the parse cache without a copy of the command).
    pub fn runs_by_reference(&self) -> bool {
        matches!(self, Command::Send(_) | Command::Recv(_))
    }

    /// `execute_into` for a command `runs_by_reference` says yes to.
    pub fn execute_by_reference(&self, verb: &'static str, session: &mut Session, step: &mut Step) {
        let result = match self {
            Command::Send(c) => c.execute_into(session, step),
            Command::Recv(c) => c.execute_into(session, step),
            _ => Err(UsageError::new(format!(
                "{verb} does not run from the parse cache"
            ))),
        };
        finish_execute(verb, result, step);
    }

    fn execute_result(
        self,
        verb: &'static str,
        names: Vec<String>,
        session: &mut Session,
    ) -> Result<Step, UsageError> {
        match self {
            Command::Socket(c) => c.execute(names, session),
            Command::Socketpair(c) => c.execute(names, session),
            Command::Bind(c) => c.execute(session),
            Command::Listen(c) => c.execute(session),
            Command::Accept(c) => c.execute(names, session),
            Command::Connect(c) => c.execute(session),
            Command::Shutdown(c) => c.execute(session),
            Command::Close(c) => c.execute(session),
            Command::Send(c) => c.execute(session),
            Command::Sendall(c) => c.execute(session),
            Command::Sendto(c) => c.execute(session),
            Command::Recv(c) => c.execute(session),
            Command::Recvfrom(c) => c.execute(session),
            Command::Recvall(c) => c.execute(session),
            Command::Drain(c) => c.execute(session),
            Command::Sample(c) => c.execute(session),
            Command::Setsockopt(c) => c.execute(session),
            Command::Getsockopt(c) => c.execute(session),
            Command::Nonblock(c) => c.execute(session),
            Command::Getsockname(c) => c.execute(session),
            Command::Poll(c) => c.execute(session),
            Command::Ioctl(c) => c.execute(session),
            Command::Tcpinfo(c) => c.execute(session),
            Command::Await(c) => c.execute(session),
            Command::Watch(c) => c.execute(session),
            Command::Unwatch(c) => c.execute(session),
            Command::Wire(c) => c.execute(session),
            Command::Jobs => {
                session.jobs.reap_shown();
                Ok(background::list(session))
            }
            Command::Ls => Ok(ls::execute(session)),
            Command::Use(name) => Ok(session_verbs::execute_use(name, session)),
            Command::Help(c) => Ok(c.execute()),
            Command::Encoding(c) => Ok(c.execute(session)),
            Command::Link(c) => c.execute(session),
            Command::Release(c) => c.execute(verb, session),
            Command::Host(c) => c.execute(session),
            Command::Sysctl(c) => c.execute(session),
            Command::Clear => {
                let mut step = Step::new(verb, None);
                step.clear_screen = true;
                Ok(step)
            }
            Command::Source(_)
            | Command::Record(_)
            | Command::Diagram { .. }
            | Command::Quit
            | Command::Wait(_) => Ok(Step::new(verb, None)),
        }
    }
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
    parsed
        .command
        .execute_by_reference(parsed.verb, session, step);
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
        None => parsed
            .command
            .execute_into(parsed.verb, parsed.names, session, step),
    }
    explain_in_context(session, step);
    session.finish_step(step);
}

/// A failed call gets its verb's note for that errno: why, and what to do.
pub fn explain_failure(step: &mut Step) {
    if let crate::step::Outcome::Failed(errno) = step.outcome
        && let Some(spec) = spec(step.verb)
    {
        let name = crate::names::errno_name(errno);
        step.why = spec
            .errnos
            .iter()
            .find(|(errno, _)| *errno == name)
            .map(|(_, note)| *note);
    }
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
            Ok(Some(Parsed {
                command: Command::Connect(c),
                ..
            })) => format!("{c:?}"),
            Ok(Some(Parsed {
                command: Command::Send(c),
                ..
            })) => format!("{c:?}"),
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
}
