//! Python's call syntax, met where a socklab line was expected: the
//! tutorials' `s.listen(10)`, `bind(('127.0.0.1', 8888))`, `conn, addr =
//! s.accept()` — turned into the socklab line that does the same, for the
//! error to suggest. Nothing here runs anything.
//!
//! Owns: that translation. The table of Python's socket methods and what
//! stands for each is `python_table`.

use crate::parse::HandleNames;

/// The socklab line for a line in Python's call syntax, if it is one that
/// socklab can say.
pub fn translate(line: &str, handles: &dyn HandleNames) -> Option<String> {
    let line = line.trim().trim_end_matches(';');
    let open = line.find('(')?;
    if !line.ends_with(')') {
        return None;
    }
    let (target, callee) = match line[..open].split_once('=') {
        Some((names, callee)) if !names.contains('(') => (first_name(names), callee.trim()),
        _ => (None, line[..open].trim()),
    };
    if callee.split_whitespace().count() != 1 {
        return None;
    }
    // `socket.socket`, `s.bind`, `self.sock.send`: the method is last.
    let (object, method) = match callee.rsplit_once('.') {
        Some((object, method)) => (Some(object.rsplit('.').next()?), method),
        None => (None, callee),
    };
    let method = method.trim();
    if !method
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let mut raw = split_args(&line[open + 1..line.len() - 1])?;
    // `bind ('127.0.0.1', 8888)`: the tuple's own parentheses were taken
    // for the call's.
    let whole = line[open..].to_string();
    if matches!(method, "bind" | "connect")
        && let [host, port] = raw.as_slice()
        && string_literal(host).is_some()
        && port.parse::<u16>().is_ok()
    {
        raw = vec![whole.as_str()];
    }
    let args: Vec<String> = raw.iter().map(|arg| argument(arg)).collect::<Option<_>>()?;
    let handle = object
        .filter(|o| handles.is_handle(o))
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let words = |verb: &str, args: &[String]| {
        let mut out = format!("{verb}{handle}");
        for arg in args {
            out.push(' ');
            out.push_str(arg);
        }
        out
    };
    let body = match (method, args.as_slice()) {
        ("socket", args) => {
            let mut out = String::from("socket");
            for arg in args.iter().take(2) {
                out.push(' ');
                out.push_str(arg);
            }
            out
        }
        ("bind" | "connect" | "listen" | "send" | "sendall" | "recv" | "recvfrom", args) => {
            words(method, args)
        }
        ("accept" | "close" | "getsockname" | "getpeername", []) => words(method, &[]),
        ("sendto", [data, addr]) => words("sendto", &[addr.clone(), data.clone()]),
        ("shutdown", [how]) => {
            let how = match how.as_str() {
                "SHUT_RD" | "0" => "read",
                "SHUT_WR" | "1" => "write",
                "SHUT_RDWR" | "2" => "both",
                _ => return None,
            };
            words("shutdown", &[how.to_string()])
        }
        ("setsockopt" | "getsockopt", args) => words(method, args),
        ("setblocking", [flag]) => match flag.as_str() {
            "False" | "0" => words("nonblock", &["on".into()]),
            "True" | "1" => words("nonblock", &["off".into()]),
            _ => return None,
        },
        _ => return None,
    };
    let creates = matches!(method, "socket" | "accept");
    Some(match target {
        Some(name) if creates && crate::parse::check_handle_name(name).is_ok() => {
            format!("{name} = {body}")
        }
        _ => body,
    })
}

/// `conn, addr` → `conn`.
fn first_name(names: &str) -> Option<&str> {
    let name = names.split(',').next()?.trim();
    (!name.is_empty()).then_some(name)
}

/// Splits at the commas that are not inside quotes or parentheses.
fn split_args(text: &str) -> Option<Vec<&str>> {
    let mut args = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                args.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() || depth != 0 {
        return None;
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        args.push(last);
    }
    Some(args)
}

/// One Python argument as socklab writes it.
fn argument(arg: &str) -> Option<String> {
    let arg = arg.trim();
    // ('127.0.0.1', 8888) → 127.0.0.1:8888; ('', 8899) → :8899.
    if let Some(inner) = arg.strip_prefix('(').and_then(|a| a.strip_suffix(')')) {
        let parts = split_args(inner)?;
        let [host, port] = parts.as_slice() else {
            return None;
        };
        let host = string_literal(host)?;
        let port: u16 = port.trim().parse().ok()?;
        return Some(match host.as_str() {
            "" => format!(":{port}"),
            h if h.contains(':') => format!("[{h}]:{port}"),
            h => format!("{h}:{port}"),
        });
    }
    // 'hi'.encode('gbk') → "hi": socklab's `encoding` does the encoding.
    let literal = arg.split(".encode(").next().unwrap_or(arg);
    if let Some(text) = string_literal(literal) {
        return Some(format!(
            "\"{}\"",
            text.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    let name = arg.strip_prefix("socket.").unwrap_or(arg);
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.".contains(c)))
    .then(|| name.to_string())
}

/// The text of `'x'`, `"x"`, `b'x'` or `b"x"`.
fn string_literal(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix('b').unwrap_or(text);
    for quote in ['\'', '"'] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return Some(inner.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names(&'static [&'static str]);

    impl HandleNames for Names {
        fn is_handle(&self, name: &str) -> bool {
            self.0.contains(&name)
        }
        fn current(&self) -> Option<&str> {
            None
        }
        fn handle_names(&self) -> Vec<String> {
            Vec::new()
        }
    }

    #[test]
    fn the_tutorials_calls_become_socklab_lines() {
        let names = Names(&["s", "conn"]);
        let cases = [
            ("listen(10)", Some("listen 10")),
            ("s.listen(10)", Some("listen s 10")),
            ("server.listen(5)", Some("listen 5")),
            ("bind ('127.0.0.1', 8888)", Some("bind 127.0.0.1:8888")),
            ("s.bind(('', 8899))", Some("bind s :8899")),
            ("s.bind((\"::1\", 80))", Some("bind s [::1]:80")),
            ("conn, addr = s.accept()", Some("conn = accept s")),
            (
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                Some("s = socket AF_INET SOCK_DGRAM"),
            ),
            (
                "s.connect(('127.0.0.1', 1234))",
                Some("connect s 127.0.0.1:1234"),
            ),
            ("conn.send(b'hello')", Some("send conn \"hello\"")),
            (
                "s.sendall('你好'.encode('gbk'))",
                Some("sendall s \"你好\""),
            ),
            (
                "s.sendto(b'hi', ('127.0.0.1', 8888))",
                Some("sendto s 127.0.0.1:8888 \"hi\""),
            ),
            ("data = conn.recv(1024)", Some("recv conn 1024")),
            ("data, addr = s.recvfrom(1024)", Some("recvfrom s 1024")),
            ("s.shutdown(socket.SHUT_WR)", Some("shutdown s write")),
            (
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                Some("setsockopt s SOL_SOCKET SO_REUSEADDR 1"),
            ),
            ("s.setblocking(False)", Some("nonblock s on")),
            ("conn.close()", Some("close conn")),
            ("s.makefile('r')", None),
            ("send hi(there)", None),
            ("listen 10", None),
        ];
        for (python, want) in cases {
            assert_eq!(translate(python, &names).as_deref(), want, "{python}");
        }
    }
}
