//! A program as Python 3 with the standard library only (socket, select,
//! threading, and struct/fcntl/termios for the raw option values and
//! ioctls): the helpers first (`runtime.py`), then one statement per
//! socklab line with the line as a comment above it. An errno socklab
//! recorded becomes the exception Python raises for it (`except
//! ConnectionRefusedError`); a result differing from the recorded one is
//! reported, and the program exits 1 if any did.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::call::OptValue;
use super::runtime_words;
use super::{Action, Addr, AwaitWhat, Call, Expected, JobEnd, Op, Port, Program, Ret, Step};
use crate::encoding::Encoding;

const RUNTIME: &str = include_str!("python/runtime.py");

/// The program as Python source.
pub fn write(program: &Program) -> String {
    let mut writer = Writer {
        out: String::new(),
        encoding: program.encoding,
        stopped: HashSet::new(),
        watches: HashSet::new(),
        awaited: awaited_handles(program),
        open: Vec::new(),
    };
    for (index, step) in program.steps.iter().enumerate() {
        writer.step(step);
        if let Some(next) = program.steps.get(index + 1)
            && matches!(next.action, Action::AwaitSegment { acked: None })
            && !writer.open.is_empty()
        {
            let open = writer.open.join(", ");
            let why = crate::t!("export-sent-before");
            writer.line(
                0,
                &format!("sent_before = segments_sent([{open}])  # {why}"),
            );
        }
    }
    writer.out.push_str("\nreport()\n");
    let body = std::mem::take(&mut writer.out);
    writer.header(program, &body);
    writer.out.push_str(&body);
    writer.out
}

/// The helpers the program's steps use: the runtime's sections (each
/// headed `#@ NAMES`, the names that call for it) whose names `body`
/// uses, and those with none (always there).
fn runtime_for(body: &str) -> String {
    let mut out = String::new();
    let mut keep = true;
    for line in RUNTIME.lines() {
        if let Some(names) = line.strip_prefix("#@") {
            let names: Vec<&str> = names.split_whitespace().collect();
            keep = names.is_empty() || names.iter().any(|n| body.contains(n));
            continue;
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The handles a TCP state is awaited on: their ends are kept before they close.
fn awaited_handles(program: &Program) -> HashSet<String> {
    program
        .steps
        .iter()
        .filter_map(|s| match &s.action {
            Action::Await {
                handle,
                what: AwaitWhat::State(_),
            } => Some(handle.clone()),
            _ => None,
        })
        .collect()
}

struct Writer {
    out: String,
    encoding: &'static Encoding,
    /// Jobs socklab stopped: their EINTR is Python's shutdown error here.
    stopped: HashSet<u32>,
    /// Jobs that are `watch` loops.
    watches: HashSet<u32>,
    awaited: HashSet<String>,
    /// The handles open at this point of the program.
    open: Vec<String>,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{:indent$}{text}", "", indent = indent * 4);
    }

    /// A comment of socklab's own (a message in the chosen language).
    fn note(&mut self, indent: usize, text: &str) {
        self.line(indent, &comment(text));
    }

    /// A comment of several lines (a message in the chosen language).
    fn paragraph(&mut self, text: &str) {
        for line in text.lines() {
            self.note(0, line);
        }
    }

    fn header(&mut self, program: &Program, body: &str) {
        self.out.push_str("#!/usr/bin/env python3\n");
        self.note(
            0,
            &crate::t!("export-exported-by", source = program.source.as_str()),
        );
        for line in &program.title {
            self.line(0, &comment(line));
        }
        self.out.push_str("#\n");
        self.paragraph(&crate::t!("export-python-about"));
        if program.lab {
            self.paragraph(&crate::t!("export-python-lab"));
        }
        self.out.push('\n');
        let helpers = runtime_words::localized(
            runtime_for(body),
            runtime_words::PYTHON_DOCSTRINGS,
            |text| format!("\"\"\"{text}\"\"\""),
            docstring_text,
        );
        let helpers = runtime_words::localized(
            helpers,
            runtime_words::PYTHON_COMMENTS,
            |text| format!("  # {text}\n"),
            one_line,
        );
        self.out.push_str(&helpers);
        let _ = writeln!(
            self.out,
            "\n\nTIMEOUT = {}  {}",
            seconds(program.timeout_ms),
            comment(&crate::t!("export-timeout-seconds"))
        );
    }

    fn step(&mut self, step: &Step) {
        self.out.push('\n');
        for line in &step.narration {
            self.line(0, &comment(line));
        }
        self.line(0, &format!("# > {}", one_line(&step.command)));
        self.line(0, &format!("step({})", step.line));
        self.action(&step.action);
        for end in &step.after {
            self.job_end(end);
        }
    }

    fn action(&mut self, action: &Action) {
        match action {
            Action::Call(call, expected) => self.call(call, expected, None),
            Action::StopThenClose {
                jobs,
                call,
                expected,
            } => {
                for job in jobs {
                    self.stopped.insert(*job);
                    let stop = if self.watches.contains(job) {
                        format!("jobs[{job}].stop()")
                    } else {
                        format!("jobs[{job}].stop({})", call.handle)
                    };
                    self.line(0, &stop);
                }
                self.call(call, expected, None);
            }
            Action::Start { job, call } => match call {
                Some(call) => {
                    let expression = self.expression(call);
                    self.line(0, &format!("jobs[{job}] = Job(lambda: {expression})"));
                }
                None => self.note(
                    0,
                    &crate::t!("export-job-never-shown", job = u64::from(*job)),
                ),
            },
            Action::Watch { job, handle } => {
                self.watches.insert(*job);
                self.line(0, &format!("jobs[{job}] = Watch({handle})"));
            }
            Action::Unwatch { job, handle } => match job {
                Some(job) => self.line(0, &format!("jobs[{job}].stop()")),
                None => self.note(
                    0,
                    &crate::t!("export-not-watched", handle = handle.as_str()),
                ),
            },
            Action::Wait => self.note(0, &crate::t!("export-wait")),
            Action::Await { handle, what } => {
                let call = match what {
                    AwaitWhat::State(state) => format!("await_state({handle}, \"{state}\")"),
                    AwaitWhat::Readable => format!("await_ready({handle}, select.POLLIN)"),
                    AwaitWhat::Writable => format!("await_ready({handle}, select.POLLOUT)"),
                };
                self.line(0, &call);
            }
            Action::AwaitSegment {
                acked: Some((handle, acked)),
            } if self.open.contains(handle) => {
                self.note(0, &crate::t!("export-await-acked"));
                self.line(0, &format!("await_acked({handle}, {acked})"));
            }
            Action::AwaitSegment { .. } if self.open.is_empty() => {
                self.note(0, &crate::t!("export-await-nothing-open"));
            }
            Action::AwaitSegment { .. } => {
                self.note(0, &crate::t!("export-python-await-segment"));
                let open = self.open.join(", ");
                self.line(0, &format!("await_segment([{open}], sent_before)"));
            }
            Action::Encoding(encoding) => {
                self.encoding = encoding;
                let name = crate::encoding::name(encoding);
                self.note(0, &crate::t!("export-python-encoding", encoding = name));
            }
            Action::Quit { closed } => {
                for handle in closed {
                    self.line(0, &format!("{handle}.close()"));
                    self.open.retain(|h| h != handle);
                }
            }
            Action::Comment(why) => self.note(0, &super::why_comment(why)),
        }
    }

    fn job_end(&mut self, end: &JobEnd) {
        let source = format!("jobs[{}].result()", end.job);
        self.line(0, &format!("# [{}] {}", end.job, one_line(&end.call.text)));
        self.call(&end.call, &end.expected, Some((end.job, source)));
    }

    /// One call with its checks; `job`: it ran on a thread and its result is taken here.
    fn call(&mut self, call: &Call, expected: &Expected, job: Option<(u32, String)>) {
        let expression = match &job {
            Some((_, result)) => result.clone(),
            None => self.expression(call),
        };
        let target = target(call, expected);
        self.track(call, &target, &expected.ret);
        if let Some((job, _)) = &job
            && self.stopped.contains(job)
        {
            self.note(0, &crate::t!("export-python-job-stopped"));
            self.line(0, "try:");
            self.line(1, &format!("{}{expression}", assign(&target)));
            self.line(1, "differ(\"result\", \"success\", \"stopped\")");
            self.line(0, "except OSError:");
            let why = comment(&crate::t!("export-python-stopped"));
            self.line(1, &format!("pass  {why}"));
            return;
        }
        if matches!(call.op, Op::Close | Op::Shutdown(_)) && self.awaited.contains(&call.handle) {
            let why = comment(&crate::t!("export-keep-ends"));
            self.line(0, &format!("keep_ends({})  {why}", call.handle));
        }
        match &expected.ret {
            Ret::Errno(name) => {
                self.line(0, "try:");
                self.line(1, &format!("{}{expression}", assign(&target)));
                self.line(1, &format!("differ(\"result\", \"success\", \"{name}\")"));
                self.line(0, &format!("except {} as error:", exception(name)));
                self.line(1, &format!("check_errno(error, \"{name}\")"));
            }
            Ret::Fd | Ret::Value(_) => {
                self.line(0, &format!("{}{expression}", assign(&target)));
                self.checks(call, expected, &target);
            }
        }
    }

    /// Keeps `open` current: a new socket's name in, a closed one's out.
    fn track(&mut self, call: &Call, target: &Target, ret: &Ret) {
        if matches!(ret, Ret::Errno(_)) {
            return;
        }
        match target {
            Target::Socket(name) | Target::Accepted(name) => self.open.push(name.clone()),
            Target::Pair(a, b) => self.open.extend([a.clone(), b.clone()]),
            _ if call.op == Op::Close => self.open.retain(|h| *h != call.handle),
            _ => {}
        }
    }

    fn checks(&mut self, call: &Call, expected: &Expected, target: &Target) {
        let Ret::Value(value) = expected.ret else {
            return self.port_checks(call, expected);
        };
        match (&call.op, target) {
            (Op::Send { .. } | Op::Sendto { .. }, Target::Count(n)) => {
                self.line(0, &format!("check(\"returned\", {n}, {value})"));
            }
            (Op::Poll { .. }, _) => {
                self.line(
                    0,
                    &format!("check(\"returned\", len([e for e in events if e]), {value})"),
                );
            }
            (Op::Recv { .. } | Op::Recvfrom { .. }, Target::Count(_) | Target::CountFrom) => {
                self.line(0, &format!("check(\"returned\", n, {value})"));
                let why = comment(&crate::t!("export-python-what-fitted"));
                self.line(0, &format!("data = bytes(buffer[:n])  {why}"));
                self.data_check(expected, "data");
            }
            (Op::Recv { .. } | Op::Recvfrom { .. } | Op::Recvall { .. }, _) => {
                self.line(0, &format!("check(\"returned\", len(data), {value})"));
                self.data_check(expected, "data");
            }
            (Op::Getsockopt { name, .. }, _) => self.value_check(name, expected),
            (Op::Ioctl(_), _) => {
                if let Some(n) = expected.value.as_deref().and_then(leading_number) {
                    self.line(0, &format!("check(\"value\", value, {n})"));
                }
            }
            _ => {}
        }
        if let Op::Poll { handles, .. } = &call.op {
            for (index, handle) in handles.iter().enumerate() {
                if let Some((_, events)) = expected.events.iter().find(|(h, _)| h == handle) {
                    let list = events
                        .iter()
                        .map(|e| format!("\"{e}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.line(
                        0,
                        &format!("check(\"{handle}\", events[{index}], [{list}])"),
                    );
                }
            }
        }
        self.port_checks(call, expected);
    }

    fn data_check(&mut self, expected: &Expected, variable: &str) {
        match &expected.data {
            Some((bytes, true)) => {
                let literal = py_bytes(bytes, self.encoding);
                self.line(0, &format!("check(\"data\", {variable}, {literal})"));
                if is_short_text(bytes, self.encoding) {
                    let decode = match crate::encoding::name(self.encoding).as_str() {
                        "utf-8" => "decode(errors=\"replace\")".to_string(),
                        name => format!("decode(\"{name}\", errors=\"replace\")"),
                    };
                    self.line(0, &format!("print(\"received:\", {variable}.{decode})"));
                }
            }
            Some((bytes, false)) => {
                let literal = py_bytes(bytes, self.encoding);
                self.line(
                    0,
                    &format!("check(\"data\", {variable}[:{}], {literal})", bytes.len()),
                );
            }
            None => {}
        }
    }

    fn value_check(&mut self, option: &str, expected: &Expected) {
        let Some(value) = expected.value.as_deref() else {
            return;
        };
        if option == "SO_ERROR" {
            let name = value.split(' ').next().unwrap_or("");
            if name != "0" && !super::call::is_symbol(name) {
                return;
            }
            self.line(
                0,
                &format!(
                    "check(\"value\", errno.errorcode.get(value, value), {})",
                    py_errno(name)
                ),
            );
        } else if option == "SO_LINGER" {
            let (on, seconds) = match value.split_once(", ") {
                Some((on, rest)) => (on == "on", leading_number(rest).unwrap_or(0)),
                None => (false, 0),
            };
            self.line(
                0,
                &format!(
                    "check(\"value\", struct.unpack(\"ii\", value), ({}, {seconds}))",
                    i32::from(on)
                ),
            );
        } else if let Some(n) = leading_number(value) {
            self.line(0, &format!("check(\"value\", value, {n})"));
        }
    }

    fn port_checks(&mut self, call: &Call, expected: &Expected) {
        for (key, addr) in &expected.addrs {
            let got = match key.as_str() {
                "bound" | "listening on" => format!("{}.getsockname()", call.handle),
                _ => "addr".to_string(),
            };
            if let Addr::Inet { port, host, .. } = addr {
                match port {
                    Port::Placeholder(n) => {
                        self.line(0, &format!("check_port({n}, {got}[1])  # {key}: [PORT{n}]"))
                    }
                    Port::Number(p) => self.line(
                        0,
                        &format!("check(\"{key}\", {got}[:2], (\"{host}\", {p}))"),
                    ),
                }
            }
        }
    }

    /// The Python expression that makes the call.
    fn expression(&self, call: &Call) -> String {
        let h = &call.handle;
        match &call.op {
            Op::Socket { family, kind } => {
                format!("socket.socket(socket.{family}, socket.{kind})")
            }
            Op::Socketpair { family, kind } => {
                format!("socket.socketpair(socket.{family}, socket.{kind})")
            }
            Op::Bind(addr) => format!("{h}.bind({})", py_addr(addr)),
            Op::Listen(n) => format!("{h}.listen({n})"),
            Op::Connect(addr) => format!("{h}.connect({})", py_addr(addr)),
            Op::Accept => format!("{h}.accept()"),
            Op::Send { data, flags } => format!(
                "{h}.send({}{})",
                py_bytes(data, self.encoding),
                py_flags_arg(flags)
            ),
            Op::Sendall { data } => format!("{h}.sendall({})", py_bytes(data, self.encoding)),
            Op::Sendto { data, flags, to } => format!(
                "{h}.sendto({}{}, {})",
                py_bytes(data, self.encoding),
                py_flags_arg(flags),
                py_addr(to)
            ),
            Op::Recv { size, flags } if flags.iter().any(|f| f == "MSG_TRUNC") => format!(
                "{h}.recv_into(buffer := bytearray({size}), {size}{})",
                py_flags_arg(flags)
            ),
            Op::Recv { size, flags } => format!("{h}.recv({size}{})", py_flags_arg(flags)),
            Op::Recvfrom { size, flags } if flags.iter().any(|f| f == "MSG_TRUNC") => format!(
                "{h}.recvfrom_into(buffer := bytearray({size}), {size}{})",
                py_flags_arg(flags)
            ),
            Op::Recvfrom { size, flags } => format!("{h}.recvfrom({size}{})", py_flags_arg(flags)),
            Op::Recvall { size } => format!("recvall({h}, {size})"),
            Op::Shutdown(how) => format!("{h}.shutdown(socket.{how})"),
            Op::Close => format!("{h}.close()"),
            Op::Setsockopt { level, name, value } => {
                let value = match value {
                    OptValue::Int(n) => n.to_string(),
                    OptValue::Linger { on, seconds } => {
                        format!("struct.pack(\"ii\", {on}, {seconds})")
                    }
                    OptValue::Timeval { seconds, micros } => {
                        format!("struct.pack(\"ll\", {seconds}, {micros})")
                    }
                };
                format!("{h}.setsockopt(socket.{level}, socket.{name}, {value})")
            }
            Op::Getsockopt { level, name } if name == "SO_LINGER" => {
                format!("{h}.getsockopt(socket.{level}, socket.{name}, 8)")
            }
            Op::Getsockopt { level, name } => {
                format!("{h}.getsockopt(socket.{level}, socket.{name})")
            }
            Op::Nonblock(on) => format!("{h}.setblocking({})", if *on { "False" } else { "True" }),
            Op::Poll {
                handles,
                timeout_ms,
            } => format!("poll_events([{}], {timeout_ms})", handles.join(", ")),
            Op::Ioctl(request) => {
                let request = match request.as_str() {
                    "SIOCOUTQ" | "TIOCOUTQ" => "termios.TIOCOUTQ",
                    _ => "termios.FIONREAD",
                };
                format!("ioctl_int({h}, {request})")
            }
            Op::Getsockname => format!("{h}.getsockname()"),
            Op::Getpeername => format!("{h}.getpeername()"),
        }
    }
}

/// Where a call's result goes.
enum Target {
    None,
    /// `name = …` (a new socket).
    Socket(String),
    /// `a, b = …`.
    Pair(String, String),
    /// `conn, addr = …`.
    Accepted(String),
    Data,
    /// `data, addr = …`.
    DataFrom,
    /// `n = …` (a count), `n, addr = …` with `from`.
    Count(&'static str),
    CountFrom,
    Value,
    Addr,
    Events,
}

fn target(call: &Call, expected: &Expected) -> Target {
    let name = |i: usize| {
        expected
            .new_handles
            .get(i)
            .or(call.names.get(i))
            .cloned()
            .unwrap_or_else(|| "_".to_string())
    };
    let truncating = |flags: &[String]| flags.iter().any(|f| f == "MSG_TRUNC");
    match &call.op {
        Op::Socket { .. } => Target::Socket(name(0)),
        Op::Socketpair { .. } => Target::Pair(name(0), name(1)),
        Op::Accept => Target::Accepted(name(0)),
        Op::Send { .. } | Op::Sendto { .. } => Target::Count("n"),
        Op::Recv { flags, .. } if truncating(flags) => Target::Count("n"),
        Op::Recvfrom { flags, .. } if truncating(flags) => Target::CountFrom,
        Op::Recv { .. } | Op::Recvall { .. } => Target::Data,
        Op::Recvfrom { .. } => Target::DataFrom,
        Op::Getsockopt { .. } | Op::Ioctl(_) => Target::Value,
        Op::Getsockname | Op::Getpeername => Target::Addr,
        Op::Poll { .. } => Target::Events,
        _ => Target::None,
    }
}

fn assign(target: &Target) -> String {
    match target {
        Target::None => String::new(),
        Target::Socket(name) => format!("{name} = "),
        Target::Pair(a, b) => format!("{a}, {b} = "),
        Target::Accepted(name) => format!("{name}, addr = "),
        Target::Data => "data = ".into(),
        Target::DataFrom => "data, addr = ".into(),
        Target::Count(n) => format!("{n} = "),
        Target::CountFrom => "n, addr = ".into(),
        Target::Value => "value = ".into(),
        Target::Addr => "addr = ".into(),
        Target::Events => "events = ".into(),
    }
}

/// The exception Python raises for an errno (PEP 3151), or OSError.
fn exception(errno: &str) -> &'static str {
    match errno {
        "EAGAIN" | "EWOULDBLOCK" | "EALREADY" | "EINPROGRESS" => "BlockingIOError",
        "EPIPE" | "ESHUTDOWN" => "BrokenPipeError",
        "ECONNABORTED" => "ConnectionAbortedError",
        "ECONNREFUSED" => "ConnectionRefusedError",
        "ECONNRESET" => "ConnectionResetError",
        "EEXIST" => "FileExistsError",
        "ENOENT" => "FileNotFoundError",
        "EINTR" => "InterruptedError",
        "EACCES" | "EPERM" => "PermissionError",
        "ETIMEDOUT" => "TimeoutError",
        _ => "OSError",
    }
}

fn py_errno(name: &str) -> String {
    if name == "0" {
        "0".into()
    } else {
        format!("\"{name}\"")
    }
}

fn py_flags_arg(flags: &[String]) -> String {
    if flags.is_empty() {
        return String::new();
    }
    let flags: Vec<String> = flags.iter().map(|f| format!("socket.{f}")).collect();
    format!(", {}", flags.join(" | "))
}

fn py_addr(addr: &Addr) -> String {
    match addr {
        Addr::Inet { host, port, .. } => {
            let port = match port {
                Port::Number(n) => n.to_string(),
                Port::Placeholder(n) => format!("PORT[{n}]"),
            };
            format!("(\"{host}\", {port})")
        }
        Addr::Unix(path) => py_str(path),
        Addr::Abstract(name) => {
            let quoted = py_str(name);
            // `\x00`, not `\0`: a name that starts with a digit would
            // make Python read an octal escape (`\01abc`).
            format!("\"\\x00{}", &quoted[1..])
        }
        Addr::Unnamed => "\"\"".into(),
    }
}

/// Bytes as Python source: `b"…"` for ASCII, `"文字".encode("gbk")` for
/// text in the session's encoding, `b"\xc4…"` else; long repeats as `b"x" * N`.
pub(crate) fn py_bytes(bytes: &[u8], encoding: &'static Encoding) -> String {
    if bytes.len() > 16
        && let Some(&first) = bytes.first()
        && bytes.iter().all(|&b| b == first)
    {
        return format!("{} * {}", py_bytes(&[first], encoding), bytes.len());
    }
    if bytes.is_ascii() {
        return format!("b{}", py_str_ascii(bytes));
    }
    if let Some(text) = crate::encoding::decode_exact(bytes, encoding)
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        let name = crate::encoding::name(encoding);
        return if name == "utf-8" {
            format!("{}.encode()", py_str(&text))
        } else {
            format!("{}.encode(\"{name}\")", py_str(&text))
        };
    }
    format!("b{}", py_str_ascii(bytes))
}

/// Received bytes a person would print: short text in the encoding.
fn is_short_text(bytes: &[u8], encoding: &'static Encoding) -> bool {
    !bytes.is_empty()
        && bytes.len() <= 256
        && crate::encoding::decode_exact(bytes, encoding).is_some_and(|text| {
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        })
}

fn py_str_ascii(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b' '..=b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

fn py_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && u32::from(c) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            // Bidi controls and other reordering characters, by number.
            c if crate::safe_text::is_unsafe_in_text(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn leading_number(text: &str) -> Option<i64> {
    text.split(' ').next()?.parse().ok()
}

fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        format!("{}", ms as f64 / 1000.0)
    }
}

/// A comment line: `# text`, or `#` for an empty one.
fn comment(text: &str) -> String {
    if text.is_empty() {
        "#".into()
    } else {
        format!("# {}", one_line(text))
    }
}

/// Text safe inside a docstring on one line: no `\"\"\"` to end it, no
/// backslash to start an escape, no quote just before its end.
fn docstring_text(text: &str) -> String {
    let mut text = one_line(text)
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\" \" \"");
    if text.ends_with('"') {
        text.push(' ');
    }
    text
}

/// Text kept on one line (a transcript's line never holds a newline, but
/// a session's command may carry control characters).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match crate::safe_text::is_unsafe_in_text(c) {
            true => ' ',
            false => c,
        })
        .collect()
}
