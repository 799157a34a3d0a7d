//! From Python's socket module to socklab: each socket method and the
//! socklab verb that does the same (or why there is none), and each
//! exception the tutorials meet with the errnos behind it. `help
//! setblocking`, `help ConnectionRefusedError` and docs/python.md are made
//! from these tables, so they say the same thing.
//!
//! Owns: the two tables and their Markdown (always in English). What is
//! said of each name is in the message files (`python-method-NAME`,
//! `python-exception-NAME`), in every language.

/// A method of Python's `socket` object.
#[derive(Debug, PartialEq)]
pub struct PyMethod {
    pub name: &'static str,
    /// The call as a tutorial writes it ("" for recvall, which is not
    /// Python's).
    pub python: &'static str,
    /// The socklab lines that do what `python` does (", then " between
    /// two), or "" when there is none: what socklab answers to `python`.
    pub socklab: &'static str,
}

impl PyMethod {
    /// What to know beside the socklab line, or why there is none (the
    /// message `python-method-NAME`; empty for some).
    pub fn note(&self) -> String {
        message(&self.note_id())
    }

    fn note_id(&self) -> String {
        format!("python-method-{}", self.name)
    }
}

pub const METHODS: &[PyMethod] = &[
    PyMethod {
        name: "socket",
        python: "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
        socklab: "s = socket AF_INET SOCK_STREAM",
    },
    PyMethod {
        name: "bind",
        python: "s.bind(('127.0.0.1', 8888))",
        socklab: "bind s 127.0.0.1:8888",
    },
    PyMethod {
        name: "listen",
        python: "s.listen(10)",
        socklab: "listen s 10",
    },
    PyMethod {
        name: "accept",
        python: "conn, addr = s.accept()",
        socklab: "conn = accept s",
    },
    PyMethod {
        name: "connect",
        python: "s.connect(('127.0.0.1', 1234))",
        socklab: "connect s 127.0.0.1:1234",
    },
    PyMethod {
        name: "connect_ex",
        python: "s.connect_ex(('127.0.0.1', 1234))",
        socklab: "connect s 127.0.0.1:1234",
    },
    PyMethod {
        name: "send",
        python: "s.send(b'hello')",
        socklab: "send s \"hello\"",
    },
    PyMethod {
        name: "sendall",
        python: "s.sendall(b'hello')",
        socklab: "sendall s \"hello\"",
    },
    PyMethod {
        name: "sendto",
        python: "s.sendto(b'hi', ('127.0.0.1', 8888))",
        socklab: "sendto s 127.0.0.1:8888 \"hi\"",
    },
    PyMethod {
        name: "recv",
        python: "data = s.recv(1024)",
        socklab: "data = recv s 1024",
    },
    PyMethod {
        name: "recvfrom",
        python: "s.recvfrom(1024)",
        socklab: "recvfrom s 1024",
    },
    PyMethod {
        name: "recv_into",
        python: "s.recv_into(buf, 1024)",
        socklab: "recv s 1024",
    },
    PyMethod {
        name: "shutdown",
        python: "s.shutdown(socket.SHUT_WR)",
        socklab: "shutdown s write",
    },
    PyMethod {
        name: "close",
        python: "s.close()",
        socklab: "close s",
    },
    PyMethod {
        name: "setsockopt",
        python: "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        socklab: "setsockopt s SOL_SOCKET SO_REUSEADDR 1",
    },
    PyMethod {
        name: "getsockopt",
        python: "s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)",
        socklab: "getsockopt s SO_RCVBUF",
    },
    PyMethod {
        name: "setblocking",
        python: "s.setblocking(False)",
        socklab: "nonblock s on",
    },
    PyMethod {
        name: "settimeout",
        python: "s.settimeout(2)",
        socklab: "setsockopt s SO_RCVTIMEO 2s, then setsockopt s SO_SNDTIMEO 2s",
    },
    PyMethod {
        name: "gettimeout",
        python: "s.gettimeout()",
        socklab: "getsockopt s SO_RCVTIMEO",
    },
    PyMethod {
        name: "getsockname",
        python: "s.getsockname()",
        socklab: "getsockname s",
    },
    PyMethod {
        name: "getpeername",
        python: "s.getpeername()",
        socklab: "getpeername s",
    },
    PyMethod {
        name: "fileno",
        python: "s.fileno()",
        socklab: "ls",
    },
    PyMethod {
        name: "makefile",
        python: "s.makefile('r')",
        socklab: "",
    },
    PyMethod {
        name: "sendfile",
        python: "s.sendfile(f)",
        socklab: "",
    },
    PyMethod {
        name: "detach",
        python: "s.detach()",
        socklab: "",
    },
    PyMethod {
        name: "dup",
        python: "s.dup()",
        socklab: "",
    },
    PyMethod {
        name: "socketpair",
        python: "a, b = socket.socketpair()",
        socklab: "a, b = socketpair",
    },
    PyMethod {
        name: "select",
        python: "select.select([s, t], [], [], 1)",
        socklab: "poll s t 1000",
    },
    PyMethod {
        name: "recvall",
        python: "",
        socklab: "recvall s 100",
    },
];

/// An exception of Python's and the errnos that raise it.
pub struct PyException {
    pub name: &'static str,
    pub errnos: &'static [&'static str],
}

impl PyException {
    /// When it is raised, a phrase (the message `python-exception-NAME`,
    /// `socket.timeout`'s `python-exception-socket-timeout`).
    pub fn note(&self) -> String {
        message(&self.note_id())
    }

    fn note_id(&self) -> String {
        format!("python-exception-{}", self.name.replace('.', "-"))
    }
}

/// A message of a table's id; the id itself if no file has it (a test
/// keeps every id in all three).
fn message(id: &str) -> String {
    crate::i18n::lookup(id).unwrap_or_else(|| id.to_string())
}

pub const EXCEPTIONS: &[PyException] = &[
    PyException {
        name: "ConnectionRefusedError",
        errnos: &["ECONNREFUSED"],
    },
    PyException {
        name: "ConnectionResetError",
        errnos: &["ECONNRESET"],
    },
    PyException {
        name: "ConnectionAbortedError",
        errnos: &["ECONNABORTED"],
    },
    PyException {
        name: "BrokenPipeError",
        errnos: &["EPIPE", "ESHUTDOWN"],
    },
    PyException {
        name: "ConnectionError",
        errnos: &[
            "EPIPE",
            "ESHUTDOWN",
            "ECONNABORTED",
            "ECONNREFUSED",
            "ECONNRESET",
        ],
    },
    PyException {
        name: "BlockingIOError",
        errnos: &["EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EALREADY"],
    },
    PyException {
        name: "InterruptedError",
        errnos: &["EINTR"],
    },
    PyException {
        name: "TimeoutError",
        errnos: &["ETIMEDOUT"],
    },
    PyException {
        name: "socket.timeout",
        errnos: &["ETIMEDOUT"],
    },
    PyException {
        name: "PermissionError",
        errnos: &["EACCES", "EPERM"],
    },
    PyException {
        name: "FileNotFoundError",
        errnos: &["ENOENT"],
    },
    PyException {
        name: "FileExistsError",
        errnos: &["EEXIST"],
    },
    PyException {
        name: "OSError",
        errnos: &[
            "EADDRINUSE",
            "EADDRNOTAVAIL",
            "ENOTCONN",
            "EISCONN",
            "EINVAL",
            "EMSGSIZE",
            "ENETUNREACH",
            "EHOSTUNREACH",
        ],
    },
    PyException {
        name: "socket.gaierror",
        errnos: &[],
    },
];

pub fn method(name: &str) -> Option<&'static PyMethod> {
    let name = name.trim_end_matches("()");
    let name = name.rsplit('.').next().unwrap_or(name);
    METHODS.iter().find(|m| m.name == name)
}

pub fn exception(name: &str) -> Option<&'static PyException> {
    EXCEPTIONS.iter().find(|e| {
        e.name.eq_ignore_ascii_case(name) || (name == "timeout" && e.name == "socket.timeout")
    })
}

/// `help setblocking`.
pub fn method_help(method: &PyMethod) -> Vec<String> {
    let mut lines = vec![match method.socklab {
        "" => crate::t!("python-help-no-verb", name = method.name),
        line => crate::t!("python-help-in-socklab", name = method.name, line = line),
    }];
    let note = method.note();
    if !note.is_empty() {
        lines.push(note);
    }
    lines
}

/// `help ConnectionRefusedError`.
pub fn exception_help(exception: &PyException) -> Vec<String> {
    let mut lines = vec![crate::t!(
        "python-help-exception",
        name = exception.name,
        note = exception.note()
    )];
    lines.push(match exception.errnos {
        [] => crate::t!("python-help-no-errno"),
        errnos => crate::t!("python-help-errnos", errnos = errnos.join(", ")),
    });
    lines
}

/// docs/python.md, generated in English; a test keeps the file equal to
/// this.
pub fn markdown() -> String {
    crate::i18n::in_english(markdown_in_english)
}

fn markdown_in_english() -> String {
    let mut out = String::from(
        "# From Python's socket module to socklab\n\n\
         Generated by `socklab help python --markdown` from socklab's own table; do not edit by \
         hand. The tutorials' programs are written in Python; each call they make is one line in \
         socklab, and each exception they catch is an errno socklab shows.\n\n\
         Python's call syntax typed at the prompt (`s.listen(10)`, `bind(('127.0.0.1', 8888))`, \
         `conn, addr = s.accept()`) is answered with the socklab lines that do the same, byte \
         for byte: `s.send(b\"hello\\n\")` is `send s \"hello\\n\"`, `'你好'.encode('gbk')` is \
         `encoding gbk` and then the text, `s.recv(1024).decode('gbk')` is `encoding gbk` and \
         then `recv s 1024`; `data = conn.recv(1024)` keeps the bytes as `$data`, so \
         `conn.sendall(data)` is `sendall conn $data`; any other Python variable (`s.send(req)`) \
         is named, with what to type in its place. Python around the calls (`import`, `while`, `if`, `def`, `print`) is answered \
         with one line: socklab runs one call per line. \
         Socklab also takes Python's spelling where it can: `socket AF_INET SOCK_STREAM`, \
         `bind 127.0.0.1 8888`, `sendto u 127.0.0.1 8888 hi`, `shutdown s SHUT_WR`, \
         `setsockopt SOL_SOCKET SO_REUSEADDR 1`, `send 'single quotes'`. \
         Text is sent in the session's encoding: `encoding gbk` is `.encode('gbk')`.\n\n\
         `socklab translate PROG.py` does the same for a whole program: it writes the straight-line \
         socket calls as a socklab script, each line tagged with the program's line, and lists \
         what it could not translate (loops, conditionals, input(), variables only the running \
         program knows).\n\n\
         ## Methods\n\n| Python | as written | socklab | |\n|---|---|---|---|\n",
    );
    for m in METHODS {
        let socklab = if m.socklab.is_empty() {
            "(none)".to_string()
        } else {
            m.socklab
                .split(", then ")
                .map(|line| format!("`{line}`"))
                .collect::<Vec<_>>()
                .join(", then ")
        };
        let python = if m.python.is_empty() {
            String::new()
        } else {
            format!("`{}`", m.python)
        };
        out.push_str(&format!(
            "| `{}()` | {python} | {socklab} | {} |\n",
            m.name,
            m.note()
        ));
    }
    out.push_str(
        "\n## Exceptions and the errnos behind them\n\n| Python | errno | |\n|---|---|---|\n",
    );
    for e in EXCEPTIONS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.name,
            e.errnos.join(", "),
            e.note()
        ));
    }
    out.push_str("\n`help NAME` in socklab says the same for any of these names; `help 111` takes an errno's number.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_python_name_is_in_english_russian_and_chinese_and_nothing_else() {
        let fixed = [
            "python-help-in-socklab",
            "python-help-no-verb",
            "python-help-exception",
            "python-help-no-errno",
            "python-help-errnos",
        ];
        let methods = METHODS.iter().map(PyMethod::note_id);
        let exceptions = EXCEPTIONS.iter().map(PyException::note_id);
        let ids: BTreeSet<String> = fixed
            .map(String::from)
            .into_iter()
            .chain(methods)
            .chain(exceptions)
            .collect();
        crate::command::topics::tests::assert_section_has_exactly("python-", &ids);
    }

    #[test]
    fn the_markdown_is_english_whatever_the_language() {
        let english = markdown();
        for lang in crate::i18n::Lang::ALL {
            assert_eq!(crate::i18n::in_lang(lang, markdown), english, "{lang}");
        }
    }
}
