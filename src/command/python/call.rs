//! One Python socket call → the socklab lines that do the same: the
//! method's verb, its arguments written socklab's way (the address tuple
//! as HOST:PORT, bytes as quoted data with escapes, `.encode(ENC)` as an
//! `encoding ENC` line first), and, for what only the running program
//! knows (a variable), a note saying what to type instead.

use super::value::{Value, quoted_bytes, quoted_text};
use super::{Answer, Reply, Scope};

/// The call `method(args)` on the socket `handle` (None: the current
/// one), its result assigned to `targets`, read back with `.decode(ENC)`
/// when `decode` is given.
pub(super) fn method(
    targets: &[String],
    handle: Option<&str>,
    method: &str,
    args: &[Value],
    decode: Option<&Value>,
    scope: &dyn Scope,
) -> Option<Reply> {
    let mut answer = Answer::default();
    let on = |verb: &str| match handle {
        Some(h) => format!("{verb} {h}"),
        None => verb.to_string(),
    };
    let arg = |n: usize| args.get(n);
    if let Some(encoding) = decode {
        let encoding = match encoding {
            Value::Text(e) => e.clone(),
            _ => "utf-8".to_string(),
        };
        answer.encoding(&encoding, scope);
    }
    let line = match method {
        "socket" => {
            let mut line = String::from("socket");
            for value in args.iter().take(2) {
                line.push(' ');
                line.push_str(&answer.word(value, "a socket constant", "AF_INET"));
            }
            if args.is_empty() {
                line.push_str(" AF_INET SOCK_STREAM");
            }
            named(targets, 1, line, &mut answer)
        }
        "socketpair" => {
            let line = String::from("socketpair");
            match targets {
                [a, b] => {
                    answer.creates = vec![a.clone(), b.clone()];
                    format!("{a}, {b} = {line}")
                }
                _ => format!("a, b = {line}"),
            }
        }
        "bind" | "connect" | "connect_ex" => {
            let verb = if method == "bind" { "bind" } else { "connect" };
            // `bind ('127.0.0.1', 8888)`: the tuple's own parentheses
            // were taken for the call's.
            let tuple = Value::Tuple(args.to_vec());
            let addr = answer.address(if args.len() == 2 { &tuple } else { arg(0)? });
            format!("{} {addr}", on(verb))
        }
        "listen" => match arg(0) {
            None => on("listen"),
            Some(v) => format!("{} {}", on("listen"), answer.number(v, "the backlog", "10")),
        },
        "accept" => named(targets, 1, on("accept"), &mut answer),
        "send" | "sendall" => {
            let data = answer.data(arg(0)?, scope);
            let flags = if method == "send" {
                answer.flags(args.get(1..).unwrap_or(&[]))
            } else {
                String::new()
            };
            format!("{} {data}{flags}", on(method))
        }
        "sendto" => {
            let (addr, flags) = match args {
                [_, addr] => (addr, String::new()),
                [_, flags, addr] => (addr, answer.flags(std::slice::from_ref(flags))),
                _ => return None,
            };
            let data = answer.data(arg(0)?, scope);
            let addr = answer.address(addr);
            format!("{} {addr} {data}{flags}", on("sendto"))
        }
        "recv" | "recvfrom" | "recv_into" | "recvfrom_into" => {
            let verb = if method.starts_with("recvfrom") {
                "recvfrom"
            } else {
                "recv"
            };
            let rest = if method.ends_with("_into") {
                args.get(1..).unwrap_or(&[])
            } else {
                args
            };
            let mut line = on(verb);
            if let Some(size) = rest.first() {
                line = format!("{line} {}", answer.number(size, "the size", "1024"));
            }
            line += &answer.flags(rest.get(1..).unwrap_or(&[]));
            // `data = conn.recv(1024)` (or recvfrom's `data, addr =`):
            // socklab keeps the bytes as $data. What `_into` fills is a
            // buffer, not a name.
            match targets.first() {
                Some(name)
                    if !method.ends_with("_into")
                        && (targets.len() == 1 || verb == "recvfrom")
                        && crate::parse::check_handle_name(name).is_ok() =>
                {
                    answer.keeps = vec![name.clone()];
                    format!("{name} = {line}")
                }
                _ => line,
            }
        }
        "shutdown" => {
            let how = match arg(0)? {
                Value::Constant(c) if c == "SHUT_RD" => "read",
                Value::Constant(c) if c == "SHUT_WR" => "write",
                Value::Constant(c) if c == "SHUT_RDWR" => "both",
                Value::Int(0) => "read",
                Value::Int(1) => "write",
                Value::Int(2) => "both",
                _ => return None,
            };
            format!("{} {how}", on("shutdown"))
        }
        "close" | "getsockname" | "getpeername" => on(method),
        "setsockopt" => {
            let [level, option, value] = args else {
                return None;
            };
            let level = answer.word(level, "a level", "SOL_SOCKET");
            let option = answer.word(option, "an option", "SO_REUSEADDR");
            let value = answer.number(value, "the value", "1");
            format!("{} {level} {option} {value}", on("setsockopt"))
        }
        "getsockopt" => {
            let option = answer.word(arg(1)?, "an option", "SO_RCVBUF");
            format!("{} {option}", on("getsockopt"))
        }
        "setblocking" => match super::value::truth(arg(0)?) {
            Some(false) => format!("{} on", on("nonblock")),
            Some(true) => format!("{} off", on("nonblock")),
            None => return None,
        },
        "settimeout" => return Some(Reply::Lines(settimeout(&on, arg(0)?, answer))),
        "gettimeout" => format!("{} SO_RCVTIMEO", on("getsockopt")),
        "fileno" => "ls".to_string(),
        "select" => select(args, &mut answer)?,
        _ => return crate::command::python_table::method(method).map(Reply::NoVerb),
    };
    answer.lines.push(line);
    Some(Reply::Lines(answer))
}

/// `NAME = VERB`, for a call that makes a handle; Python's second name
/// (accept's `addr`) is what socklab shows in the step.
fn named(targets: &[String], creates: usize, line: String, answer: &mut Answer) -> String {
    match targets.first() {
        Some(name) if creates == 1 && crate::parse::check_handle_name(name).is_ok() => {
            answer.creates = vec![name.clone()];
            format!("{name} = {line}")
        }
        _ => line,
    }
}

/// Python's timeout bounds every call; the kernel's own are SO_RCVTIMEO
/// (recv, accept) and SO_SNDTIMEO (send, connect). 0 is nonblocking,
/// None blocking without a bound.
fn settimeout(on: &dyn Fn(&str) -> String, value: &Value, mut answer: Answer) -> Answer {
    let both = |answer: &mut Answer, time: &str| {
        for option in ["SO_RCVTIMEO", "SO_SNDTIMEO"] {
            answer
                .lines
                .push(format!("{} {option} {time}", on("setsockopt")));
        }
    };
    let millis = match value {
        Value::Int(n) => Some(n.saturating_mul(1000)),
        Value::Float(f) => Some((f * 1000.0).round() as i64),
        _ => None,
    };
    match (value, millis) {
        (Value::Constant(c), _) if c == "None" => {
            both(&mut answer, "0");
            answer.lines.push(format!("{} off", on("nonblock")));
        }
        (_, Some(0)) => answer.lines.push(format!("{} on", on("nonblock"))),
        (_, Some(ms)) if ms > 0 && ms % 1000 == 0 => both(&mut answer, &format!("{}s", ms / 1000)),
        (_, Some(ms)) if ms > 0 => both(&mut answer, &format!("{ms}ms")),
        _ => {
            answer.missing(value, "the seconds", "2s");
            both(&mut answer, "2s");
        }
    }
    answer
}

/// `select.select([s], [], [], 1.5)` → `poll s 1500`.
fn select(args: &[Value], answer: &mut Answer) -> Option<String> {
    let mut line = String::from("poll");
    for list in args.iter().take(2) {
        if let Value::List(items) = list {
            for item in items {
                match item {
                    Value::Handle(h) if !line.split(' ').any(|w| w == h) => {
                        line = format!("{line} {h}");
                    }
                    Value::Handle(_) => {}
                    other => {
                        let h = answer.word(other, "a socket", "s");
                        line = format!("{line} {h}");
                    }
                }
            }
        }
    }
    match args.get(3) {
        Some(Value::Int(n)) => line = format!("{line} {}", n.saturating_mul(1000)),
        Some(Value::Float(f)) => line = format!("{line} {}", (f * 1000.0).round() as i64),
        _ => {}
    }
    Some(line)
}

/// What a line's argument is, as the notes name it (`what` is the key
/// the calls above pass: "the backlog", "an option" …).
fn argument(what: &str) -> String {
    match what {
        "a socket constant" => crate::t!("py-arg-constant"),
        "the backlog" => crate::t!("py-arg-backlog"),
        "the size" => crate::t!("py-arg-size"),
        "a level" => crate::t!("py-arg-level"),
        "an option" => crate::t!("py-arg-option"),
        "the value" => crate::t!("py-arg-value"),
        "the seconds" => crate::t!("py-arg-seconds"),
        "a socket" => crate::t!("py-arg-socket"),
        "the text" => crate::t!("py-arg-text"),
        "the data" => crate::t!("py-arg-data"),
        "the address" => crate::t!("py-arg-address"),
        "the port" => crate::t!("py-arg-port"),
        "the host" => crate::t!("py-arg-host"),
        "flags" => crate::t!("py-arg-flags"),
        other => other.to_string(),
    }
}

impl Answer {
    /// A note for what the line needs and only the program knows; the
    /// line gets `placeholder` in its place.
    fn missing(&mut self, value: &Value, what: &str, placeholder: &str) -> String {
        let is_name = |name: &str| !name.contains(['(', '[', ' ']);
        let said = argument(what);
        self.missing.push(match value {
            Value::Variable(name) if is_name(name) && what == "the data" => crate::t!(
                "py-missing-variable-data",
                name = name.as_str(),
                what = said,
                placeholder = placeholder
            ),
            Value::Variable(name) if is_name(name) => crate::t!(
                "py-missing-variable",
                name = name.as_str(),
                what = said,
                placeholder = placeholder
            ),
            Value::Variable(expression) => crate::t!(
                "py-missing-expression",
                expression = expression.as_str(),
                what = said,
                placeholder = placeholder
            ),
            _ => crate::t!("py-missing-other", what = said, placeholder = placeholder),
        });
        placeholder.to_string()
    }

    /// `encoding ENC` first, unless the session reads it already.
    fn encoding(&mut self, name: &str, scope: &dyn Scope) {
        // Only an encoding socklab knows becomes a line: the name comes
        // from the program, and is data (it could hold a line break).
        let name = match crate::encoding::by_name(name) {
            Ok(encoding) => crate::encoding::name(encoding).to_string(),
            Err(_) => {
                let encoding = crate::safe_text::escape(name).to_string();
                self.missing
                    .push(crate::t!("py-unknown-encoding", encoding = encoding));
                return;
            }
        };
        if name != scope.encoding() && !self.lines.iter().any(|l| l == &format!("encoding {name}"))
        {
            self.lines.push(format!("encoding {name}"));
        }
    }

    /// Data to send, quoted so the line sends exactly the bytes Python would.
    fn data(&mut self, value: &Value, scope: &dyn Scope) -> String {
        match value {
            Value::Bytes(bytes) => format!("\"{}\"", quoted_bytes(bytes)),
            Value::Data(name) => format!("${name}"),
            Value::Joined(pieces) => {
                let pieces: Vec<String> = pieces.iter().map(|p| self.data(p, scope)).collect();
                pieces.join(" + ")
            }
            Value::Text(text) => {
                let encoding = scope.encoding();
                self.notes
                    .push(crate::t!("py-note-str", encoding = encoding));
                format!("\"{}\"", quoted_text(text))
            }
            Value::Encoded(text, encoding) => match text.as_ref() {
                // ASCII is the same bytes in every encoding socklab takes.
                Value::Text(t) if t.is_ascii() => format!("\"{}\"", quoted_text(t)),
                Value::Text(t) => {
                    self.encoding(encoding, scope);
                    format!("\"{}\"", quoted_text(t))
                }
                other => {
                    self.encoding(encoding, scope);
                    let placeholder = self.missing(other, "the text", "TEXT");
                    format!("\"{placeholder}\"")
                }
            },
            other => {
                let placeholder = self.missing(other, "the data", "DATA");
                format!("\"{placeholder}\"")
            }
        }
    }

    /// `(host, port)` → `HOST:PORT`.
    fn address(&mut self, value: &Value) -> String {
        let Value::Tuple(parts) = value else {
            return self.missing(value, "the address", "HOST:PORT");
        };
        let [host, port] = parts.as_slice() else {
            return self.missing(value, "the address", "HOST:PORT");
        };
        let port = self.number(port, "the port", "PORT");
        match host {
            Value::Text(h) if h.is_empty() => format!(":{port}"),
            // The host comes from the program and is data: only an address
            // or a plain host name is written into the line.
            Value::Text(h) if h.parse::<std::net::Ipv6Addr>().is_ok() => format!("[{h}]:{port}"),
            Value::Text(h)
                if !h.is_empty()
                    && h.len() <= 253
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') =>
            {
                format!("{h}:{port}")
            }
            Value::Constant(c) if c == "INADDR_ANY" => format!(":{port}"),
            other => {
                let host = self.missing(other, "the host", "HOST");
                format!("{host}:{port}")
            }
        }
    }

    fn number(&mut self, value: &Value, what: &str, placeholder: &str) -> String {
        match value {
            Value::Int(n) => n.to_string(),
            other => self.missing(other, what, placeholder),
        }
    }

    /// A constant by name (`AF_INET`), a number as itself.
    fn word(&mut self, value: &Value, what: &str, placeholder: &str) -> String {
        match value {
            Value::Constant(c) => c.clone(),
            Value::Int(n) => n.to_string(),
            Value::Handle(h) => h.clone(),
            other => self.missing(other, what, placeholder),
        }
    }

    /// `socket.MSG_PEEK` → ` peek`.
    fn flags(&mut self, values: &[Value]) -> String {
        let mut out = String::new();
        for value in values {
            match value {
                Value::Constant(c) if c.starts_with("MSG_") => {
                    out.push(' ');
                    out.push_str(&c["MSG_".len()..].to_ascii_lowercase());
                }
                Value::Int(0) => {}
                other => {
                    let flag = self.missing(other, "flags", "FLAGS");
                    out = format!("{out} {flag}");
                }
            }
        }
        out
    }
}
