use super::*;

struct Names(&'static [&'static str]);

impl Scope for Names {
    fn is_handle(&self, name: &str) -> bool {
        self.0.contains(&name)
    }
    fn value(&self, _name: &str) -> Option<Value> {
        None
    }
    fn encoding(&self) -> String {
        "utf-8".into()
    }
}

fn lines(python: &str) -> Option<Vec<String>> {
    match statement(python, &Names(&["s", "conn", "u"]))? {
        Reply::Lines(answer) => Some(answer.lines),
        _ => None,
    }
}

#[test]
fn the_tutorials_calls_become_socklab_lines() {
    let cases: &[(&str, &[&str])] = &[
        ("listen(10)", &["listen 10"]),
        ("s.listen(10)", &["listen s 10"]),
        ("server.listen(5)", &["listen 5"]),
        ("bind ('127.0.0.1', 8888)", &["bind 127.0.0.1:8888"]),
        ("s.bind(('', 8899))", &["bind s :8899"]),
        ("s.bind((\"::1\", 80))", &["bind s [::1]:80"]),
        ("conn, addr = s.accept()", &["conn = accept s"]),
        (
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            &["s = socket AF_INET SOCK_DGRAM"],
        ),
        (
            "s = socket(AF_INET, SOCK_STREAM)",
            &["s = socket AF_INET SOCK_STREAM"],
        ),
        (
            "s.connect(('127.0.0.1', 1234))",
            &["connect s 127.0.0.1:1234"],
        ),
        (
            "s.connect_ex(('127.0.0.1', 1234))",
            &["connect s 127.0.0.1:1234"],
        ),
        ("conn.send(b'hello')", &["send conn \"hello\""]),
        (r#"s.send(b"hello\n")"#, &[r#"send s "hello\n""#]),
        (r"s.send(b'\xc4\xe3')", &[r#"send s "\xc4\xe3""#]),
        ("s.send(b'')", &[r#"send s """#]),
        (
            "s.sendall('你好'.encode('gbk'))",
            &["encoding gbk", "sendall s \"你好\""],
        ),
        ("s.sendall('hi'.encode('gbk'))", &["sendall s \"hi\""]),
        (
            "s.sendto(b'hi', ('127.0.0.1', 8888))",
            &["sendto s 127.0.0.1:8888 \"hi\""],
        ),
        ("data = conn.recv(1024)", &["data = recv conn 1024"]),
        ("n = conn.recv_into(buf)", &["recv conn"]),
        (
            "s.recv(1024).decode('gbk')",
            &["encoding gbk", "recv s 1024"],
        ),
        ("print(s.recv(1024).decode())", &["recv s 1024"]),
        ("s.recv(4, socket.MSG_PEEK)", &["recv s 4 peek"]),
        ("data, addr = s.recvfrom(1024)", &["data = recvfrom s 1024"]),
        ("s.shutdown(socket.SHUT_WR)", &["shutdown s write"]),
        (
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            &["setsockopt s SOL_SOCKET SO_REUSEADDR 1"],
        ),
        ("s.setblocking(False)", &["nonblock s on"]),
        (
            "s.settimeout(2)",
            &["setsockopt s SO_RCVTIMEO 2s", "setsockopt s SO_SNDTIMEO 2s"],
        ),
        (
            "s.settimeout(0.5)",
            &[
                "setsockopt s SO_RCVTIMEO 500ms",
                "setsockopt s SO_SNDTIMEO 500ms",
            ],
        ),
        ("s.settimeout(0)", &["nonblock s on"]),
        ("s.gettimeout()", &["getsockopt s SO_RCVTIMEO"]),
        ("s.fileno()", &["ls"]),
        ("print(s.getsockname()[1])", &["getsockname s"]),
        ("conn.close()", &["close conn"]),
        (
            "with socket.socket() as t:",
            &["t = socket AF_INET SOCK_STREAM"],
        ),
        ("select.select([s, u], [], [], 1.5)", &["poll s u 1500"]),
    ];
    for (python, want) in cases {
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(lines(python), Some(want), "{python}");
    }
    assert_eq!(lines("send hi(there)"), None);
    assert_eq!(lines("listen 10"), None);
}

#[test]
fn a_variable_is_named_never_sent_as_a_word() {
    let Some(Reply::Lines(answer)) = statement("s.send(req)", &Names(&["s"])) else {
        panic!()
    };
    assert_eq!(answer.lines, vec!["send s \"DATA\""]);
    assert!(
        answer.missing[0].starts_with("req is a Python variable"),
        "{answer:?}"
    );
    let Some(Reply::Lines(answer)) =
        statement("s.sendto(data.encode('gbk'), addr)", &Names(&["s"]))
    else {
        panic!()
    };
    assert_eq!(
        answer.lines,
        vec!["encoding gbk", "sendto s HOST:PORT \"TEXT\""]
    );
    assert_eq!(answer.missing.len(), 2, "{answer:?}");
}

#[test]
fn a_str_where_python_wants_bytes_is_noted() {
    let Some(Reply::Lines(answer)) = statement("s.send('hi')", &Names(&["s"])) else {
        panic!()
    };
    assert_eq!(answer.lines, vec!["send s \"hi\""]);
    assert!(answer.notes[0].contains("TypeError"), "{answer:?}");
}

#[test]
fn python_around_the_calls_gets_one_line() {
    for python in [
        "import socket",
        "from socket import *",
        "while True:",
        "def receive():",
        "if not data:",
        "print('hi')",
        "for line in sys.stdin:",
        "try:",
        "msg = input('> ')",
        "HOST = '127.0.0.1'",
    ] {
        match statement(python, &Names(&[])) {
            Some(Reply::NotACall(_, message)) => {
                assert!(message.contains("one call per line"), "{python}: {message}")
            }
            other => panic!("{python}: {other:?}"),
        }
    }
    assert!(matches!(
        statement("f = s.makefile('r')", &Names(&["s"])),
        Some(Reply::NoVerb(m)) if m.name == "makefile"
    ));
}

/// `help python` lists nothing that is then unknown: each method's Python
/// form is answered with exactly the table's socklab lines (or, for one
/// with none, with why), and each of those lines parses in socklab.
#[test]
fn every_method_help_python_lists_is_answered_and_parses() {
    use crate::command::python_table::METHODS;
    /// The handles s and t, but for those the line makes (`Handles(the
    /// line)`).
    struct Handles<'a>(&'a str);
    impl HandleNames for Handles<'_> {
        fn is_handle(&self, name: &str) -> bool {
            let made = self.0.split_once(" = ").map_or("", |(names, _)| names);
            matches!(name, "s" | "t") && !made.split(", ").any(|n| n == name)
        }
        fn current(&self) -> Option<&str> {
            Some("s")
        }
        fn handle_names(&self) -> Vec<String> {
            vec!["s".into(), "t".into()]
        }
    }
    let scope = Names(&["s", "t"]);
    for method in METHODS {
        if method.python.is_empty() {
            assert!(
                crate::command::spec(method.name).is_some(),
                "{}",
                method.name
            );
            continue;
        }
        let reply = statement(method.python, &scope);
        match (reply, method.socklab) {
            (Some(Reply::NoVerb(m)), "") => assert_eq!(m.name, method.name),
            (Some(Reply::Lines(answer)), socklab) => {
                assert_eq!(answer.lines.join(", then "), socklab, "{}", method.python);
                assert!(
                    answer.missing.is_empty() || method.name == "recv_into",
                    "{answer:?}"
                );
            }
            (other, _) => panic!("{}: {other:?}", method.python),
        }
        for line in method.socklab.split(", then ").filter(|l| !l.is_empty()) {
            let parsed = crate::command::parse(line, &Handles(line));
            assert!(matches!(parsed, Ok(Some(_))), "{line}: {parsed:?}");
        }
        assert!(
            shell_answer(method.python, &Handles("")).is_some(),
            "{}",
            method.python
        );
    }
}

/// A name a receive kept is `$name` in the shell's answer (the echo,
/// `conn.sendall(data)`, and `b"got: " + data`); an unknown one is a
/// variable whose note says how to keep a receive's bytes.
#[test]
fn received_data_is_sent_back_by_name() {
    struct Kept;
    impl HandleNames for Kept {
        fn is_handle(&self, name: &str) -> bool {
            matches!(name, "conn" | "u")
        }
        fn current(&self) -> Option<&str> {
            Some("conn")
        }
        fn handle_names(&self) -> Vec<String> {
            vec!["conn".into(), "u".into()]
        }
        fn data(&self, name: &str) -> Option<&[u8]> {
            (name == "data").then_some(b"\xc4\xe3")
        }
    }
    let answer = |python| shell_answer(python, &Kept).unwrap();
    assert!(
        answer("conn.sendall(data)").ends_with(": sendall conn $data"),
        "{}",
        answer("conn.sendall(data)")
    );
    assert!(answer("conn.sendall(b'got: ' + data)").ends_with(": sendall conn \"got: \" + $data"));
    assert!(answer("u.sendto(data, addr)").contains("sendto u HOST:PORT $data"));
    let other = answer("conn.sendall(reply)");
    assert!(
        other.contains("send \"DATA\"") || other.contains("sendall conn \"DATA\""),
        "{other}"
    );
    assert!(
        other.contains("reply = recv conn 1024) and send $reply"),
        "{other}"
    );
    for line in ["sendall conn $data", "sendall conn \"got: \" + $data"] {
        assert!(
            matches!(crate::command::parse(line, &Kept), Ok(Some(_))),
            "{line}"
        );
    }
}
