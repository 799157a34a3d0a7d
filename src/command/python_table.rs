//! From Python's socket module to socklab: each socket method and the
//! socklab verb that does the same (or why there is none), and each
//! exception the tutorials meet with the errnos behind it. `help
//! setblocking`, `help ConnectionRefusedError` and docs/python.md are made
//! from these tables, so they say the same thing.
//!
//! Owns: the two tables and their Markdown.

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
    pub note: &'static str,
}

pub const METHODS: &[PyMethod] = &[
    PyMethod {
        name: "socket",
        python: "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
        socklab: "s = socket AF_INET SOCK_STREAM",
        note: "socket.socket(family, type); `socket tcp` is the same (tcp, udp, tcp6, udp6, unix, unix-dgram are the short kinds).",
    },
    PyMethod {
        name: "bind",
        python: "s.bind(('127.0.0.1', 8888))",
        socklab: "bind s 127.0.0.1:8888",
        note: "The address tuple is written HOST:PORT; bind((\"\", 8899)) is bind s \"\" 8899 or bind s :8899.",
    },
    PyMethod {
        name: "listen",
        python: "s.listen(10)",
        socklab: "listen s 10",
        note: "The backlog is optional (128 if left out; the kernel caps it at net.core.somaxconn).",
    },
    PyMethod {
        name: "accept",
        python: "conn, addr = s.accept()",
        socklab: "conn = accept s",
        note: "Python returns (conn, addr); socklab names the new handle and shows the peer's address.",
    },
    PyMethod {
        name: "connect",
        python: "s.connect(('127.0.0.1', 1234))",
        socklab: "connect s 127.0.0.1:1234",
        note: "connect s srv connects to another handle's address.",
    },
    PyMethod {
        name: "connect_ex",
        python: "s.connect_ex(('127.0.0.1', 1234))",
        socklab: "connect s 127.0.0.1:1234",
        note: "socklab never raises: a failed connect shows its errno, as connect_ex returns it.",
    },
    PyMethod {
        name: "send",
        python: "s.send(b'hello')",
        socklab: "send s \"hello\"",
        note: "Returns how many bytes the kernel took, which may be fewer than given.",
    },
    PyMethod {
        name: "sendall",
        python: "s.sendall(b'hello')",
        socklab: "sendall s \"hello\"",
        note: "Calls send until everything is sent, and says how many calls it made.",
    },
    PyMethod {
        name: "sendto",
        python: "s.sendto(b'hi', ('127.0.0.1', 8888))",
        socklab: "sendto s 127.0.0.1:8888 \"hi\"",
        note: "The address comes before the data in socklab.",
    },
    PyMethod {
        name: "recv",
        python: "data = s.recv(1024)",
        socklab: "data = recv s 1024",
        note: "Returns 0 to N bytes; 0 (b'' in Python) means the peer shut down its sending side. \
               `data =` keeps the bytes, and `$data` sends them back: s.sendall(data) is \
               `sendall s $data`.",
    },
    PyMethod {
        name: "recvfrom",
        python: "s.recvfrom(1024)",
        socklab: "recvfrom s 1024",
        note: "Shows the sender's address as from:.",
    },
    PyMethod {
        name: "recv_into",
        python: "s.recv_into(buf, 1024)",
        socklab: "recv s 1024",
        note: "socklab has its own buffer; the bytes are the same.",
    },
    PyMethod {
        name: "shutdown",
        python: "s.shutdown(socket.SHUT_WR)",
        socklab: "shutdown s write",
        note: "SHUT_RD, SHUT_WR, SHUT_RDWR are read, write, both.",
    },
    PyMethod {
        name: "close",
        python: "s.close()",
        socklab: "close s",
        note: "The kernel may keep the connection after the fd is gone (FIN_WAIT, TIME_WAIT): socklab shows it.",
    },
    PyMethod {
        name: "setsockopt",
        python: "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        socklab: "setsockopt s SOL_SOCKET SO_REUSEADDR 1",
        note: "The level may be left out: each option knows its own.",
    },
    PyMethod {
        name: "getsockopt",
        python: "s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)",
        socklab: "getsockopt s SO_RCVBUF",
        note: "Shows the value the kernel reports (Linux doubles buffer sizes).",
    },
    PyMethod {
        name: "setblocking",
        python: "s.setblocking(False)",
        socklab: "nonblock s on",
        note: "setblocking(False) is nonblock s on; setblocking(True) is nonblock s off.",
    },
    PyMethod {
        name: "settimeout",
        python: "s.settimeout(2)",
        socklab: "setsockopt s SO_RCVTIMEO 2s, then setsockopt s SO_SNDTIMEO 2s",
        note: "Python's timeout is its own poll() loop, which raises TimeoutError; the kernel's own timeouts are SO_RCVTIMEO (recv, accept) and SO_SNDTIMEO (send, connect), and a call they end gives EAGAIN (connect: EINPROGRESS). settimeout(0) is nonblock s on; settimeout(None) sets both to 0 and nonblock s off. In scripts every blocking call is bounded by --timeout too.",
    },
    PyMethod {
        name: "gettimeout",
        python: "s.gettimeout()",
        socklab: "getsockopt s SO_RCVTIMEO",
        note: "",
    },
    PyMethod {
        name: "getsockname",
        python: "s.getsockname()",
        socklab: "getsockname s",
        note: "",
    },
    PyMethod {
        name: "getpeername",
        python: "s.getpeername()",
        socklab: "getpeername s",
        note: "",
    },
    PyMethod {
        name: "fileno",
        python: "s.fileno()",
        socklab: "ls",
        note: "ls lists every handle with its fd.",
    },
    PyMethod {
        name: "makefile",
        python: "s.makefile('r')",
        socklab: "",
        note: "makefile() wraps the socket in Python's buffered file object — a library layer, not a system call; read with recv (or recvall for an exact count) and send with sendall.",
    },
    PyMethod {
        name: "sendfile",
        python: "s.sendfile(f)",
        socklab: "",
        note: "sendfile(2) sends from a file, and lessons touch no files; sendall sends the same bytes.",
    },
    PyMethod {
        name: "detach",
        python: "s.detach()",
        socklab: "",
        note: "Python-side bookkeeping of the fd; there is nothing for the kernel to do.",
    },
    PyMethod {
        name: "dup",
        python: "s.dup()",
        socklab: "",
        note: "A second fd for the same socket; socklab has one handle per socket.",
    },
    PyMethod {
        name: "socketpair",
        python: "a, b = socket.socketpair()",
        socklab: "a, b = socketpair",
        note: "",
    },
    PyMethod {
        name: "select",
        python: "select.select([s, t], [], [], 1)",
        socklab: "poll s t 1000",
        note: "select.select / select.poll: poll shows which handles are readable or writable.",
    },
    PyMethod {
        name: "recvall",
        python: "",
        socklab: "recvall s 100",
        note: "Not a Python method: the tutorials' loop that reads exactly N bytes.",
    },
];

/// An exception of Python's and the errnos that raise it.
pub struct PyException {
    pub name: &'static str,
    pub errnos: &'static [&'static str],
    pub note: &'static str,
}

pub const EXCEPTIONS: &[PyException] = &[
    PyException {
        name: "ConnectionRefusedError",
        errnos: &["ECONNREFUSED"],
        note: "nothing listens there (a TCP RST, or for UDP an ICMP port unreachable)",
    },
    PyException {
        name: "ConnectionResetError",
        errnos: &["ECONNRESET"],
        note: "the peer reset the connection (RST)",
    },
    PyException {
        name: "ConnectionAbortedError",
        errnos: &["ECONNABORTED"],
        note: "the connection was aborted before accept took it",
    },
    PyException {
        name: "BrokenPipeError",
        errnos: &["EPIPE", "ESHUTDOWN"],
        note: "sending where the peer (or this side) can no longer be sent to",
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
        note: "the base of the four above",
    },
    PyException {
        name: "BlockingIOError",
        errnos: &["EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EALREADY"],
        note: "a nonblocking call that would have waited",
    },
    PyException {
        name: "InterruptedError",
        errnos: &["EINTR"],
        note: "a signal interrupted the call (Python retries it; socklab shows it)",
    },
    PyException {
        name: "TimeoutError",
        errnos: &["ETIMEDOUT"],
        note: "the kernel gave up (connect, keepalive, retransmissions); also raised by settimeout's deadline, with no errno",
    },
    PyException {
        name: "socket.timeout",
        errnos: &["ETIMEDOUT"],
        note: "the old name of TimeoutError (an alias since Python 3.10)",
    },
    PyException {
        name: "PermissionError",
        errnos: &["EACCES", "EPERM"],
        note: "a port below 1024, a broadcast without SO_BROADCAST, a raw socket",
    },
    PyException {
        name: "FileNotFoundError",
        errnos: &["ENOENT"],
        note: "a unix socket path that does not exist",
    },
    PyException {
        name: "FileExistsError",
        errnos: &["EEXIST"],
        note: "",
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
        note: "errnos with no subclass of their own come as OSError with .errno set",
    },
    PyException {
        name: "socket.gaierror",
        errnos: &[],
        note: "a host name that could not be resolved (getaddrinfo); not an errno",
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
        "" => format!(
            "Python's socket.{}(): socklab has no verb for it.",
            method.name
        ),
        line => format!("Python's socket.{}() in socklab: {line}", method.name),
    }];
    if !method.note.is_empty() {
        lines.push(method.note.to_string());
    }
    lines
}

/// `help ConnectionRefusedError`.
pub fn exception_help(exception: &PyException) -> Vec<String> {
    let mut lines = vec![format!("Python's {}: {}.", exception.name, exception.note)];
    if exception.errnos.is_empty() {
        lines.push("It has no errno: socklab shows no such step.".into());
    } else {
        lines.push(format!(
            "socklab shows the errno instead: {} (help ERRNO says where you meet each).",
            exception.errnos.join(", ")
        ));
    }
    lines
}

/// docs/python.md, generated; a test keeps the file equal to this.
pub fn markdown() -> String {
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
            m.name, m.note
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
            e.note
        ));
    }
    out.push_str("\n`help NAME` in socklab says the same for any of these names; `help 111` takes an errno's number.\n");
    out
}
