//! `use`, `source`, `quit` and `exit`: session verbs with no system call.
//! (`source` and `quit` are carried out by the driver that reads lines.)

use super::{Arg, Group, Spec};
use crate::session::Session;
use crate::step::Step;

pub const USE: Spec = Spec {
    name: "use",
    usage: "use H",
    syscall: "",
    summary: "Make H the current handle: commands without a handle act on it.",
    notes: "The current handle is also the last one created, accepted or named in a command; the prompt shows it.",
    errnos: &[],
    args: &[Arg::Handle],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const SOURCE: Spec = Spec {
    name: "source",
    usage: "source FILE",
    syscall: "",
    summary: "Run the lines of FILE in this session, as if typed.",
    notes: "Lines are echoed as `> LINE` before their output. A file may source another, up to 16 deep.",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const RECORD: Spec = Spec {
    name: "record",
    usage: "record FILE|off",
    syscall: "",
    summary: "Record the rest of the session as a transcript in FILE (`record off` stops); `socklab test FILE` replays it.",
    notes: "Each line and its output are appended as they run, with ephemeral ports and fds named \
            [PORT1], [FD1], … and the numbers the kernel measures (tcpinfo's rtt_us, rto_us, \
            snd_cwnd …) written [..]; colour is left out. The file begins with the directives the \
            replay needs: #! lab in the lab, the session's encoding and timeout.",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const DIAGRAM: Spec = Spec {
    name: "diagram",
    usage: "diagram save FILE.svg|FILE.html|FILE.txt|FILE.mmd [--force]",
    syscall: "",
    summary: "Save the session so far as a ladder diagram: an arrow per segment, each end's states, the calls down the left (svg for slides, html a page to print, txt for a terminal, mmd mermaid for GitHub).",
    notes: "Draws what the wire view showed since it was turned on (wire on, wire ladder, or \
            the lab); a gap with the time marks what came later (a timer, a delayed ACK). \
            `socklab diagram FILE.socklab` draws a transcript the same way. Never replaces a \
            file unless given --force; a lesson (socklab test, play) may not save at all.",
    errnos: &[],
    args: &[Arg::File],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const CLEAR: Spec = Spec {
    name: "clear",
    usage: "clear",
    syscall: "",
    summary: "Clear the screen (in the shell, at a terminal; elsewhere it does nothing).",
    notes: "Ctrl-L does the same while typing.",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const QUIT: Spec = Spec {
    name: "quit",
    usage: "quit",
    syscall: "",
    summary: "Close every handle and leave (Ctrl-D does the same).",
    notes: "Closing sends FIN (or RST) on each open connection, as a process exit would.",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub const EXIT: Spec = Spec {
    name: "exit",
    usage: "exit",
    syscall: "",
    summary: "The same as quit.",
    notes: "",
    errnos: &[],
    args: &[],
    creates: 0,
    group: Group::Session,
    background: false,
};

pub fn execute_use(name: String, session: &mut Session) -> Step {
    session.set_current(&name);
    let mut step = Step::new(USE.name, Some(name.clone()));
    step.lines.push(format!("current handle: {name}"));
    step
}
