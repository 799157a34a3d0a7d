//! What describes a verb: its `Spec` (name, usage, the system call, help
//! text, errnos, argument kinds, group, whether it blocks) and the kinds of
//! argument completion and hints know.
//!
//! Owns: the types. Each verb's own file holds its `Spec` value; the table
//! of them is `command::COMMANDS`.

use super::action::ParseFn;

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
    SendFlags,
    RecvFlags,
    HelpTopic,
    File,
    StateOrEvent,
    Job,
    /// A text encoding's name.
    Encoding,
    /// a or b: a host of the lab.
    LabHost,
    /// A built-in lesson's name (or a transcript file).
    Lesson,
    /// One of these words, as the verb's own parser takes them (a
    /// shutdown direction, a link property, a held-entry selector…): the
    /// verb's file holds the list, and completion offers it.
    Words(&'static [&'static str]),
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

/// One verb's description: the single source for help, completion, docs
/// and the parser.
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
    /// It can block, so it may run in the background: `accept srv &` (its
    /// `Action::handles` says which sockets the worker shares).
    pub background: bool,
    /// Reads the arguments after the verb into the command to run.
    pub parse: ParseFn,
}
