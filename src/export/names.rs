//! Handles as a program's variables: the same names where the languages
//! allow them, else the nearest that works — `my-sock` is `my_sock`, a
//! handle named like a keyword or one of the program's own names (`data`,
//! `socket`, `int`, `ret` …) gets `_sock` after it. The comments keep the
//! socklab lines as they were typed.

use std::collections::{HashMap, HashSet};

use super::{Action, Call, Expected, Op, Program};

/// Words a handle's variable must not be: Python's keywords and the
/// builtins, modules and names an exported Python program uses; C's
/// keywords and the names an exported C program uses (the calls, its
/// helpers, its variables).
const RESERVED: &[&str] = &[
    // Python keywords and builtins the programs use
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "len",
    "bytes",
    "bytearray",
    "print",
    "dict",
    "int",
    "list",
    "str",
    "range",
    "open",
    "type",
    "id",
    "object",
    "super",
    // modules and the Python programs' names
    "errno",
    "fcntl",
    "select",
    "socket",
    "struct",
    "sys",
    "termios",
    "threading",
    "time",
    "jobs",
    "PORT",
    "differences",
    "where",
    "step",
    "differ",
    "check",
    "check_errno",
    "check_port",
    "recvall",
    "ioctl_int",
    "POLL_NAMES",
    "poll_events",
    "await_ready",
    "TCP_STATES",
    "ends",
    "keep_ends",
    "proc_net_state",
    "tcp_state",
    "await_state",
    "segments_sent",
    "await_segment",
    "Job",
    "Watch",
    "report",
    "TIMEOUT",
    "data",
    "addr",
    "n",
    "value",
    "events",
    "buffer",
    "error",
    // C keywords
    "auto",
    "char",
    "const",
    "default",
    "do",
    "double",
    "enum",
    "extern",
    "float",
    "goto",
    "inline",
    "long",
    "register",
    "restrict",
    "short",
    "signed",
    "sizeof",
    "static",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "case",
    "bool",
    // the C programs' names: calls, helpers, variables
    "main",
    "ret",
    "len",
    "pair",
    "buf",
    "out",
    "bind",
    "listen",
    "accept",
    "connect",
    "send",
    "sendto",
    "recv",
    "recvfrom",
    "close",
    "shutdown",
    "setsockopt",
    "getsockopt",
    "fcntl",
    "ioctl",
    "poll",
    "getsockname",
    "getpeername",
    "socketpair",
    "read",
    "write",
    "pipe",
    "signal",
    "memset",
    "memcpy",
    "strcmp",
    "printf",
    "free",
    "calloc",
    "sendall",
    "errno_name",
    "differ_number",
    "check_ok",
    "check_fails",
    "check_number",
    "check_text",
    "check_data",
    "port_of",
    "local_of",
    "inet_address",
    "unix_address",
    "now_ms",
    "job_push",
    "job_thread",
    "watch_thread",
    "job_init",
    "job_start",
    "watch_start",
    "job_result",
    "job_stop",
    "watch_stop",
    "on_signal",
    "job",
    "job_result",
    "TIMEOUT_MS",
    "stdin",
    "stdout",
    "stderr",
    "exit",
    "abort",
    "offsetof",
];

/// Renames the program's handles to variables both languages take.
pub(super) fn make_variables(program: &mut Program) {
    let mut names = Vec::new();
    each_name(program, &mut |name| {
        if !names.contains(name) {
            names.push(name.clone());
        }
    });
    let reserved: HashSet<&str> = RESERVED.iter().copied().collect();
    let mut taken: HashSet<String> = names
        .iter()
        .filter(|n| is_plain(n, &reserved))
        .cloned()
        .collect();
    let mut map = HashMap::new();
    for name in names.iter().filter(|n| !is_plain(n, &reserved)) {
        let base = name.replace('-', "_");
        let mut variable = base.clone();
        let mut extra = 1;
        while reserved.contains(variable.as_str())
            || taken.contains(&variable)
            || variable.ends_with("_ends")
            || variable.starts_with("job_")
        {
            variable = match extra {
                1 => format!("{base}_sock"),
                n => format!("{base}_sock{n}"),
            };
            extra += 1;
        }
        taken.insert(variable.clone());
        map.insert(name.clone(), variable);
    }
    if map.is_empty() {
        return;
    }
    each_name(program, &mut |name| {
        if let Some(variable) = map.get(name.as_str()) {
            *name = variable.clone();
        }
    });
}

/// A name that is a variable as it is.
fn is_plain(name: &str, reserved: &HashSet<&str>) -> bool {
    !name.contains('-')
        && !reserved.contains(name)
        && !name.ends_with("_ends")
        && !name.starts_with("job_")
}

fn each_name(program: &mut Program, f: &mut impl FnMut(&mut String)) {
    for step in &mut program.steps {
        match &mut step.action {
            Action::Call(call, expected) | Action::StopThenClose { call, expected, .. } => {
                call_names(call, expected, f)
            }
            Action::Start {
                call: Some(call), ..
            } => call_names(call, &mut Expected::new(super::Ret::Fd), f),
            Action::Watch { handle, .. }
            | Action::Unwatch { handle, .. }
            | Action::Await { handle, .. } => f(handle),
            Action::Quit { closed } => closed.iter_mut().for_each(&mut *f),
            Action::AwaitSegment {
                acked: Some((handle, _)),
            } => f(handle),
            _ => {}
        }
        for end in &mut step.after {
            end.names.iter_mut().for_each(&mut *f);
            call_names(&mut end.call, &mut end.expected, f);
        }
    }
}

fn call_names(call: &mut Call, expected: &mut Expected, f: &mut impl FnMut(&mut String)) {
    if !call.handle.is_empty() {
        f(&mut call.handle);
    }
    call.names.iter_mut().for_each(&mut *f);
    expected.new_handles.iter_mut().for_each(&mut *f);
    for (handle, _) in &mut expected.events {
        f(handle);
    }
    if let Op::Poll { handles, .. } = &mut call.op {
        handles.iter_mut().for_each(&mut *f);
    }
}
