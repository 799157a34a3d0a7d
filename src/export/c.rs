//! A program as C with POSIX calls (and Linux's TCP_INFO, SIOCOUTQ,
//! POLLRDHUP): the helpers first (`runtime.c`), then `main` with one call
//! per socklab line, the line as a comment above it. Every return is
//! checked against the recorded one, an errno by its name; the program
//! exits 1 if any differs. Builds with `cc -Wall -Wextra -Werror`.
//!
//! Background calls (`CMD &`) and `watch` loops are threads (pthreads);
//! socklab stopping a job is a signal there too, so its call returns EINTR.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

use super::call::OptValue;
use super::runtime_words;
use super::{Action, Addr, AwaitWhat, Call, Expected, Op, Port, Program, Ret, Step};

const RUNTIME: &str = include_str!("c/runtime.c");

/// The program as C source.
pub fn write(program: &Program) -> String {
    let mut writer = Writer {
        body: String::new(),
        open: Vec::new(),
        awaited: HashSet::new(),
        unexported: 0,
        watches: HashSet::new(),
    };
    for step in &program.steps {
        if let Action::Await {
            handle,
            what: AwaitWhat::State(_),
        } = &step.action
        {
            writer.awaited.insert(handle.clone());
        }
    }
    for (index, step) in program.steps.iter().enumerate() {
        writer.step(step);
        if let Some(next) = program.steps.get(index + 1)
            && matches!(next.action, Action::AwaitSegment { acked: None })
            && !writer.open.is_empty()
        {
            let (open, count) = (writer.open.join(", "), writer.open.len());
            let why = comment(&crate::t!("export-sent-before"));
            writer.line(&format!(
                "{{ int fds[] = {{{open}}}; sent_before = segments_sent(fds, {count}); }} {why}"
            ));
        }
    }
    let mut out = String::new();
    let source = crate::t!("export-exported-by", source = program.source.as_str());
    let _ = writeln!(out, "/* {}", comment_text(&source));
    for line in &program.title {
        match line.is_empty() {
            true => out.push_str(" *\n"),
            false => {
                let _ = writeln!(out, " * {}", comment_text(line));
            }
        }
    }
    out.push_str(" *\n");
    for line in crate::t!("export-c-about").lines() {
        let _ = writeln!(out, " * {}", comment_text(line));
    }
    out.push_str(" */\n");
    let _ = writeln!(
        out,
        "#define PORTS {} {}\n#define JOBS {} {}",
        highest_port(program) + 1,
        comment(&crate::t!("export-c-ports")),
        highest_job(program) + 1,
        comment(&crate::t!("export-c-jobs")),
    );
    out.push_str(&runtime_words::localized(
        RUNTIME.to_string(),
        runtime_words::C_COMMENTS,
        |text| format!("/* {text} */"),
        comment_text,
    ));
    let _ = writeln!(out, "\n{}", comment(&crate::t!("export-c-sockets")));
    for handle in handles(program) {
        let _ = writeln!(out, "static int {handle} = -1;");
    }
    for handle in &writer.awaited {
        let _ = writeln!(out, "static struct ends {handle}_ends;");
    }
    let size = buffer_size(program);
    let _ = writeln!(
        out,
        "static char buf[{size}]; {}\nstatic char out[{size}]; {}\n",
        comment(&crate::t!("export-c-buf")),
        comment(&crate::t!("export-c-out")),
    );
    for step in &program.steps {
        if let Action::Start {
            job,
            call: Some(call),
        } = &step.action
            && let Some(body) = job_function(call)
        {
            let _ = writeln!(
                out,
                "{}\nstatic long job_{job}(char *data, struct sockaddr_storage *addr) {{\n    socklen_t len = sizeof *addr;\n    (void)data; (void)len;\n{body}}}\n",
                comment(&crate::t!(
                    "export-c-job-function",
                    job = u64::from(*job),
                    call = call.text.as_str()
                ))
            );
        }
    }
    out.push_str("int main(void) {\n");
    out.push_str("    long ret, sent_before = 0;\n    struct sockaddr_storage addr;\n    socklen_t len;\n    int pair[2];\n    char events[64][80];\n");
    out.push_str(
        "    (void)ret; (void)sent_before; (void)addr; (void)len; (void)pair; (void)events; (void)out; (void)buf; (void)jobs;\n",
    );
    let _ = writeln!(
        out,
        "    TIMEOUT_MS = {}; {}",
        program.timeout_ms,
        comment(&crate::t!("export-timeout"))
    );
    let _ = writeln!(
        out,
        "    signal(SIGPIPE, SIG_IGN); {}",
        comment(&crate::t!("export-c-sigpipe"))
    );
    out.push_str(&writer.body);
    if writer.unexported > 0 {
        let _ = writeln!(
            out,
            "\n    printf(\"{} line(s) of the session are not exported to C (a background job's call socklab never showed)\\n\");\n    differences += {};",
            writer.unexported, writer.unexported
        );
    }
    out.push_str(
        "\n    if (differences) {\n        printf(\"%d result(s) differ from socklab's\\n\", differences);\n        return 1;\n    }\n    printf(\"every result as socklab recorded it\\n\");\n    return 0;\n}\n",
    );
    out
}

/// Every handle the program names.
fn handles(program: &Program) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for step in &program.steps {
        if let Action::Call(call, expected) | Action::StopThenClose { call, expected, .. } =
            &step.action
        {
            names.extend(call.names.iter().cloned());
            names.extend(expected.new_handles.iter().cloned());
            if !call.handle.is_empty() {
                names.insert(call.handle.clone());
            }
        }
        if let Action::Await { handle, .. } | Action::Watch { handle, .. } = &step.action {
            names.insert(handle.clone());
        }
        if let Action::Start {
            call: Some(call), ..
        } = &step.action
        {
            names.insert(call.handle.clone());
        }
        for end in &step.after {
            names.extend(end.names.iter().cloned());
            names.extend(end.expected.new_handles.iter().cloned());
        }
    }
    names
}

/// The largest buffer a call needs (recv's size, long data).
fn buffer_size(program: &Program) -> usize {
    let mut size = 1024;
    for step in &program.steps {
        if let Action::Call(call, _) = &step.action {
            size = size.max(match &call.op {
                Op::Recv { size, .. } | Op::Recvfrom { size, .. } | Op::Recvall { size } => *size,
                Op::Send { data, .. } | Op::Sendall { data } | Op::Sendto { data, .. } => {
                    data.len()
                }
                _ => 0,
            });
        }
    }
    // A background recv (at most 64 KiB) hands its bytes over in it too.
    size.max(65536)
}

/// The highest `[PORTn]` the program names.
fn highest_port(program: &Program) -> u32 {
    let of = |addr: &Addr| match addr {
        Addr::Inet {
            port: Port::Placeholder(n),
            ..
        } => *n,
        _ => 0,
    };
    let of_call = |call: &Call, expected: &Expected| {
        let own = match &call.op {
            Op::Bind(a) | Op::Connect(a) | Op::Sendto { to: a, .. } => of(a),
            _ => 0,
        };
        expected
            .ports
            .iter()
            .map(|(n, _)| *n)
            .chain([own])
            .max()
            .unwrap_or(0)
    };
    program
        .steps
        .iter()
        .flat_map(|step| {
            let own = match &step.action {
                Action::Call(call, expected) | Action::StopThenClose { call, expected, .. } => {
                    of_call(call, expected)
                }
                Action::Start {
                    call: Some(call), ..
                } => of_call(call, &Expected::new(Ret::Fd)),
                _ => 0,
            };
            step.after
                .iter()
                .map(move |end| of_call(&end.call, &end.expected))
                .chain([own])
        })
        .max()
        .unwrap_or(0)
}

/// The highest job number the program starts.
fn highest_job(program: &Program) -> u32 {
    program
        .steps
        .iter()
        .flat_map(|step| {
            let own = match &step.action {
                Action::Start { job, .. } | Action::Watch { job, .. } => *job,
                _ => 0,
            };
            step.after.iter().map(|end| end.job).chain([own])
        })
        .max()
        .unwrap_or(0)
}

struct Writer {
    body: String,
    open: Vec<String>,
    awaited: HashSet<String>,
    unexported: usize,
    /// Jobs that are `watch` loops.
    watches: HashSet<u32>,
}

impl Writer {
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.body, "    {text}");
    }

    /// A comment of socklab's own (a message in the chosen language).
    fn note(&mut self, text: &str) {
        self.line(&comment(text));
    }

    fn step(&mut self, step: &Step) {
        self.body.push('\n');
        for line in &step.narration {
            self.line(&format!("/* {} */", comment_text(line)));
        }
        self.line(&format!("/* > {} */", comment_text(&step.command)));
        self.line(&format!("step({});", step.line));
        match &step.action {
            Action::Call(call, expected) => self.call(call, expected, None),
            Action::Await { handle, what } => {
                let call = match what {
                    AwaitWhat::State(state) => {
                        format!("await_state({handle}, &{handle}_ends, \"{state}\");")
                    }
                    AwaitWhat::Readable => format!("await_ready({handle}, POLLIN);"),
                    AwaitWhat::Writable => format!("await_ready({handle}, POLLOUT);"),
                };
                self.line(&call);
            }
            Action::AwaitSegment {
                acked: Some((handle, acked)),
            } if self.open.contains(handle) => {
                self.note(&crate::t!("export-await-acked"));
                self.line(&format!("await_acked({handle}, {acked});"));
            }
            Action::AwaitSegment { .. } if self.open.is_empty() => {
                self.note(&crate::t!("export-await-nothing-open"));
            }
            Action::AwaitSegment { .. } => {
                self.note(&crate::t!("export-c-await-segment"));
                let open = self.open.join(", ");
                let count = self.open.len();
                self.line(&format!(
                    "{{ int fds[] = {{{open}}}; await_segment(fds, {count}, sent_before); }}"
                ));
            }
            Action::Encoding(encoding) => {
                let name = crate::encoding::name(encoding);
                self.note(&crate::t!("export-c-encoding", encoding = name));
            }
            Action::Quit { closed } => {
                for handle in closed {
                    self.line(&format!("close({handle});"));
                    self.line(&format!("{handle} = -1;"));
                }
            }
            Action::Comment(why) => self.note(&super::why_comment(why)),
            Action::Wait => self.note(&crate::t!("export-wait")),
            Action::Start { job, call } => match call.as_ref().and_then(job_function) {
                Some(_) => self.line(&format!("job_start(&jobs[{job}], job_{job});")),
                None => {
                    self.unexported += 1;
                    self.note(&crate::t!(
                        "export-c-job-not-exported",
                        job = u64::from(*job)
                    ));
                }
            },
            Action::Watch { job, handle } => {
                self.watches.insert(*job);
                self.line(&format!("watch_start(&jobs[{job}], {handle});"));
            }
            Action::Unwatch { job, handle } => match job {
                Some(job) => self.line(&format!("watch_stop(&jobs[{job}]);")),
                None => self.note(&crate::t!("export-not-watched", handle = handle.as_str())),
            },
            Action::StopThenClose {
                jobs,
                call,
                expected,
            } => {
                for job in jobs {
                    if self.watches.contains(job) {
                        self.line(&format!("watch_stop(&jobs[{job}]);"));
                    } else {
                        let why = comment(&crate::t!("export-c-job-stop"));
                        self.line(&format!("job_stop(&jobs[{job}]); {why}"));
                    }
                }
                self.call(call, expected, None);
            }
        }
        for end in &step.after {
            self.line(&format!(
                "/* [{}] {} */",
                end.job,
                comment_text(&end.call.text)
            ));
            self.call(&end.call, &end.expected, Some(end.job));
        }
    }

    /// One call and its checks; `job`: it ran on job N's thread, and its
    /// result is taken here instead.
    fn call(&mut self, call: &Call, expected: &Expected, job: Option<u32>) {
        let h = call.handle.clone();
        let name = |i: usize| {
            expected
                .new_handles
                .get(i)
                .or(call.names.get(i))
                .cloned()
                .unwrap_or_default()
        };
        if matches!(call.op, Op::Close | Op::Shutdown(_)) && self.awaited.contains(&h) {
            let why = comment(&crate::t!("export-keep-ends"));
            self.line(&format!("keep_ends({h}, &{h}_ends); {why}"));
        }
        let failed = matches!(expected.ret, Ret::Errno(_));
        let mut after: Vec<String> = Vec::new();
        let mark = self.body.len();
        match &call.op {
            Op::Socket { family, kind } => {
                let n = name(0);
                self.line(&format!("ret = {n} = socket({family}, {kind}, 0);"));
                if !failed {
                    self.open.push(n);
                }
            }
            Op::Socketpair { family, kind } => {
                let (a, b) = (name(0), name(1));
                self.line(&format!("ret = socketpair({family}, {kind}, 0, pair);"));
                self.line(&format!("{a} = pair[0];"));
                self.line(&format!("{b} = pair[1];"));
                if !failed {
                    self.open.extend([a, b]);
                }
            }
            Op::Bind(to) => {
                self.address(to);
                self.line(&format!("ret = bind({h}, (struct sockaddr *)&addr, len);"));
            }
            Op::Connect(to) => {
                self.address(to);
                self.line(&format!(
                    "ret = connect({h}, (struct sockaddr *)&addr, len);"
                ));
            }
            Op::Listen(n) => self.line(&format!("ret = listen({h}, {n});")),
            Op::Accept => {
                let n = name(0);
                self.line("len = sizeof addr;");
                let assign = if n.is_empty() {
                    String::new()
                } else {
                    format!("{n} = ")
                };
                self.line(&format!(
                    "ret = {assign}accept({h}, (struct sockaddr *)&addr, &len);"
                ));
                if !failed && !n.is_empty() {
                    self.open.push(n);
                }
            }
            Op::Send { data, flags } => {
                let data = self.data(data);
                self.line(&format!("ret = send({h}, {data}, {});", c_flags(flags)));
            }
            Op::Sendall { data } => {
                let data = self.data(data);
                self.line(&format!("ret = sendall({h}, {data});"));
            }
            Op::Sendto { data, flags, to } => {
                self.address(to);
                let data = self.data(data);
                self.line(&format!(
                    "ret = sendto({h}, {data}, {}, (struct sockaddr *)&addr, len);",
                    c_flags(flags)
                ));
            }
            Op::Recv { size, flags } => {
                self.line(&format!(
                    "ret = recv({h}, buf, {size}, {});",
                    c_flags(flags)
                ));
                after.push(data_check(expected, *size));
            }
            Op::Recvfrom { size, flags } => {
                self.line("len = sizeof addr;");
                self.line(&format!(
                    "ret = recvfrom({h}, buf, {size}, {}, (struct sockaddr *)&addr, &len);",
                    c_flags(flags)
                ));
                after.push(data_check(expected, *size));
            }
            Op::Recvall { size } => {
                self.line(&format!("ret = recvall({h}, buf, {size});"));
                after.push(data_check(expected, *size));
            }
            Op::Shutdown(how) => self.line(&format!("ret = shutdown({h}, {how});")),
            Op::Close => {
                self.line(&format!("ret = close({h});"));
                self.line(&format!("{h} = -1;"));
                if !failed {
                    self.open.retain(|o| *o != h);
                }
            }
            Op::Setsockopt { level, name, value } => {
                let declared = match value {
                    OptValue::Int(n) => format!("int value = {n};"),
                    OptValue::Linger { on, seconds } => {
                        format!("struct linger value = {{{on}, {seconds}}};")
                    }
                    OptValue::Timeval { seconds, micros } => {
                        format!("struct timeval value = {{{seconds}, {micros}}};")
                    }
                };
                self.line(&format!(
                    "{{ {declared} ret = setsockopt({h}, {level}, {name}, &value, sizeof value); }}"
                ));
            }
            Op::Getsockopt { level, name } => {
                let (declared, check) = getsockopt_check(name, expected);
                self.line(&format!(
                    "{{ {declared} socklen_t size = sizeof value; ret = getsockopt({h}, {level}, {name}, &value, &size);"
                ));
                self.line(&format!("  {check} }}"));
            }
            Op::Nonblock(on) => {
                let flags = if *on { "O_NONBLOCK" } else { "0" };
                self.line(&format!("ret = fcntl({h}, F_SETFL, {flags});"));
            }
            Op::Poll {
                handles,
                timeout_ms,
            } => {
                self.line(&format!(
                    "{{ int fds[] = {{{}}}; ret = poll_events(fds, {}, {timeout_ms}, events); }}",
                    handles.join(", "),
                    handles.len()
                ));
                for (index, handle) in handles.iter().enumerate() {
                    if let Some((_, events)) = expected.events.iter().find(|(n, _)| n == handle) {
                        let shown = if events.is_empty() {
                            "-".to_string()
                        } else {
                            events.join(" ")
                        };
                        after.push(format!(
                            "check_text(\"{handle}\", events[{index}], \"{shown}\");"
                        ));
                    }
                }
            }
            Op::Ioctl(request) => {
                let check = match expected.value.as_deref().and_then(leading_number) {
                    Some(n) => format!(" check_number(\"value\", value, {n});"),
                    None => String::new(),
                };
                self.line(&format!(
                    "{{ int value = 0; ret = ioctl({h}, {request}, &value);{check} }}"
                ));
            }
            Op::Getsockname => {
                self.line("len = sizeof addr;");
                self.line(&format!(
                    "ret = getsockname({h}, (struct sockaddr *)&addr, &len);"
                ));
            }
            Op::Getpeername => {
                self.line("len = sizeof addr;");
                self.line(&format!(
                    "ret = getpeername({h}, (struct sockaddr *)&addr, &len);"
                ));
            }
        }
        if let Some(job) = job {
            self.body.truncate(mark);
            self.line(&format!("ret = job_result(&jobs[{job}], buf, &addr);"));
            let n = name(0);
            if call.op == Op::Accept && !n.is_empty() {
                self.line(&format!("{n} = ret;"));
            }
        }
        match &expected.ret {
            Ret::Errno(errno) => self.line(&format!("check_fails(ret, \"{errno}\");")),
            Ret::Fd => self.line("check_ok(ret, -2);"),
            Ret::Value(value) => self.line(&format!("check_ok(ret, {value});")),
        }
        if failed {
            return;
        }
        for line in after {
            if !line.is_empty() {
                self.line(&line);
            }
        }
        for (key, addr) in &expected.addrs {
            let Addr::Inet { port, .. } = addr else {
                continue;
            };
            let source = match key.as_str() {
                "bound" | "listening on" => format!("local_of({h})"),
                _ => "addr".to_string(),
            };
            let check = match port {
                Port::Placeholder(n) => {
                    format!(
                        "{{ struct sockaddr_storage at = {source}; check_port({n}, &at); }} /* {key}: [PORT{n}] */"
                    )
                }
                Port::Number(p) => format!(
                    "{{ struct sockaddr_storage at = {source}; check_number(\"{key} port\", port_of(&at), {p}); }}"
                ),
            };
            self.line(&check);
        }
    }

    /// Fills `addr` and `len` with an address.
    fn address(&mut self, addr: &Addr) {
        let line = match addr {
            Addr::Inet { host, port, .. } => {
                let port = match port {
                    Port::Number(n) => n.to_string(),
                    Port::Placeholder(n) => format!("PORT[{n}]"),
                };
                format!("len = inet_address(&addr, \"{host}\", {port});")
            }
            Addr::Unix(path) => format!(
                "len = unix_address(&addr, {}, 0);",
                c_string(path.as_bytes())
            ),
            Addr::Abstract(name) => {
                format!(
                    "len = unix_address(&addr, {}, 1);",
                    c_string(name.as_bytes())
                )
            }
            Addr::Unnamed => "len = sizeof(sa_family_t); addr.ss_family = AF_UNIX;".into(),
        };
        self.line(&line);
    }

    /// Data to send as `pointer, length`: a literal, or `out` filled for long repeats.
    fn data(&mut self, data: &[u8]) -> String {
        if data.len() > 64
            && let Some(&first) = data.first()
            && data.iter().all(|&b| b == first)
        {
            self.line(&format!("memset(out, {first}, {});", data.len()));
            return format!("out, {}", data.len());
        }
        format!("{}, {}", c_string(data), data.len())
    }
}

/// The body of a job's function: its call, made on the job's thread
/// (`data`: where it receives; `addr`: the address it gives back).
fn job_function(call: &Call) -> Option<String> {
    let h = &call.handle;
    let to = |addr: &Addr| match addr {
        Addr::Inet { host, port, .. } => {
            let port = match port {
                Port::Number(n) => n.to_string(),
                Port::Placeholder(n) => format!("PORT[{n}]"),
            };
            Some(format!(
                "    len = inet_address(addr, \"{host}\", {port});\n"
            ))
        }
        _ => None,
    };
    Some(match &call.op {
        Op::Accept => format!("    return accept({h}, (struct sockaddr *)addr, &len);\n"),
        Op::Connect(addr) => format!(
            "{}    return connect({h}, (struct sockaddr *)addr, len);\n",
            to(addr)?
        ),
        Op::Recv { size, flags } if *size <= 65536 => {
            format!("    return recv({h}, data, {size}, {});\n", c_flags(flags))
        }
        Op::Recvfrom { size, flags } if *size <= 65536 => format!(
            "    return recvfrom({h}, data, {size}, {}, (struct sockaddr *)addr, &len);\n",
            c_flags(flags)
        ),
        Op::Recvall { size } if *size <= 65536 => {
            format!("    return recvall({h}, data, {size});\n")
        }
        Op::Send { data, flags } => format!(
            "    return send({h}, {}, {}, {});\n",
            c_string(data),
            data.len(),
            c_flags(flags)
        ),
        Op::Sendall { data } => format!(
            "    return sendall({h}, {}, {});\n",
            c_string(data),
            data.len()
        ),
        _ => return None,
    })
}

/// Checks the bytes recv gave against the ones shown (all, or their start).
fn data_check(expected: &Expected, size: usize) -> String {
    match &expected.data {
        Some((bytes, whole)) if bytes.len() <= size || !whole => format!(
            "check_data(buf, ret < {size} ? ret : {size}, {}, {}, {});",
            c_string(bytes),
            bytes.len(),
            i32::from(*whole)
        ),
        _ => String::new(),
    }
}

/// getsockopt's value declared, and its check against the shown `value:`.
fn getsockopt_check(option: &str, expected: &Expected) -> (String, String) {
    let value = expected.value.as_deref().unwrap_or("");
    match option {
        "SO_ERROR" => {
            let name = value.split(' ').next().unwrap_or("0");
            let name = if super::call::is_symbol(name) {
                name
            } else {
                "0"
            };
            (
                "int value = 0;".into(),
                format!("check_text(\"value\", errno_name(value), \"{name}\");"),
            )
        }
        "SO_LINGER" => {
            let (on, seconds) = match value.split_once(", ") {
                Some((on, rest)) => (on == "on", leading_number(rest).unwrap_or(0)),
                None => (false, 0),
            };
            (
                "struct linger value = {0, 0};".into(),
                format!(
                    "check_number(\"l_onoff\", value.l_onoff, {}); check_number(\"l_linger\", value.l_linger, {seconds});",
                    i32::from(on)
                ),
            )
        }
        _ => (
            "int value = 0;".into(),
            match leading_number(value) {
                Some(n) => format!("check_number(\"value\", value, {n});"),
                None => String::new(),
            },
        ),
    }
}

fn c_flags(flags: &[String]) -> String {
    if flags.is_empty() {
        "0".into()
    } else {
        flags.join(" | ")
    }
}

/// Bytes as a C string literal: printable ASCII as itself, the rest as
/// octal escapes (never swallowing a following digit, as `\x` would).
fn c_string(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'?' => out.push_str("\\?"),
            b' '..=b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push('"');
    out
}

fn leading_number(text: &str) -> Option<i64> {
    text.split(' ').next()?.parse().ok()
}

/// `/* text */`, safe whatever the text (a message in any language).
fn comment(text: &str) -> String {
    format!("/* {} */", comment_text(text))
}

/// Text safe inside a C comment (no `*/` or `/*`, no control characters).
fn comment_text(text: &str) -> String {
    // `/*` too: cc -Wall warns of a comment opened within one.
    text.replace("*/", "* /")
        .replace("/*", "/ *")
        .chars()
        .map(|c| match crate::safe_text::is_unsafe_in_text(c) {
            true => ' ',
            false => c,
        })
        .collect()
}
