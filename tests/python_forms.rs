//! Python typed at socklab, and Python programs translated by `socklab
//! translate`: the socklab lines they become send exactly the bytes the
//! Python does. The expected bytes are Python's own (python3 evaluates
//! each literal); what the lines sent is read back by a real socket on
//! loopback; the translated tutorials' programs talk to the real python3
//! programs of tests/peers.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, UdpSocket};
use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

/// What python3 makes of a bytes expression.
fn python_bytes(expression: &str) -> Vec<u8> {
    let output = Command::new("python3")
        .args([
            "-c",
            &format!("import sys; sys.stdout.buffer.write({expression})"),
        ])
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{expression}");
    output.stdout
}

/// The shell's answer to a Python line: the socklab lines it names.
fn answer_lines(steps: &[Value], python: &str) -> Vec<String> {
    let error = step(steps, python)["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{python}: {}", dump(steps)))
        .to_string();
    let lines = error
        .split_once("arguments: ")
        .unwrap_or_else(|| panic!("{error}"))
        .1;
    let lines = lines.split(" (").next().unwrap().to_string();
    lines.split(", then ").map(String::from).collect()
}

/// Each Python send form, typed at the prompt, is answered with lines that
/// — run — send the bytes python3 makes of the same expression.
#[test]
fn each_python_send_form_sends_pythons_bytes() {
    let forms = [
        ("c.send(b\"hello\\n\")", "b\"hello\\n\""),
        ("c.send(b'\\xc4\\xe3')", "b'\\xc4\\xe3'"),
        ("c.send('你好'.encode('gbk'))", "'你好'.encode('gbk')"),
        ("c.sendall('tab\\there'.encode())", "'tab\\there'.encode()"),
        ("c.send(b'a\\x00\\'\"\\\\z')", "b'a\\x00\\'\"\\\\z'"),
        (
            "c.sendto('世界'.encode('gbk'), ('127.0.0.1', PORT))",
            "'世界'.encode('gbk')",
        ),
        ("c.sendto(b'\\r\\n', ('127.0.0.1', PORT))", "b'\\r\\n'"),
        ("c.send(b'')", "b''"),
    ];
    for (python, expression) in forms {
        let receiver = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = receiver.local_addr().unwrap().port();
        let python = python.replace("PORT", &port.to_string());
        // First the shell's answer, then those lines run.
        let (steps, _) = run_json(
            &format!("c = socket udp\nconnect c 127.0.0.1:{port}\n{python}\n"),
            &[],
        );
        let lines = answer_lines(&steps, &python);
        let script = format!(
            "c = socket udp\nconnect c 127.0.0.1:{port}\n{}\n",
            lines.join("\n")
        );
        let (steps, output) = run_json(&script, &[]);
        assert!(output.status.success(), "{python}: {}", dump(&steps));
        let mut got = vec![0; 65536];
        receiver.set_nonblocking(true).unwrap();
        let n = receiver
            .recv(&mut got)
            .unwrap_or_else(|e| panic!("{python}: nothing arrived ({e}): {}", dump(&steps)));
        assert_eq!(&got[..n], python_bytes(expression), "{python} → {lines:?}");
    }
}

/// `.decode(ENC)` reads under that encoding; `settimeout` bounds the call
/// with the kernel's own timeout; `shutdown SHUT_WR` sends FIN;
/// `sendto H HOST PORT` sends; `connect_ex`, `gettimeout`, `fileno` run.
#[test]
fn receiving_timeouts_and_the_other_forms_run() {
    let (steps, _) = run_json(
        "a = socket udp\nbind a 127.0.0.1:0\nsendto a a x\"c4 e3 ba c3\"\na.recv(1024).decode('gbk')\na.settimeout(0.2)\na.gettimeout()\na.fileno()\n",
        &[],
    );
    let mut script =
        String::from("a = socket udp\nbind a 127.0.0.1:0\nsendto a a x\"c4 e3 ba c3\"\n");
    for python in [
        "a.recv(1024).decode('gbk')",
        "a.settimeout(0.2)",
        "a.gettimeout()",
        "a.fileno()",
    ] {
        script.push_str(&answer_lines(&steps, python).join("\n"));
        script.push('\n');
    }
    script.push_str("recv a 10\n");
    let (steps, _) = run_json(&script, &[]);
    assert_eq!(
        step(&steps, "recv a 1024")["text"],
        "你好",
        "{}",
        dump(&steps)
    );
    assert_errno(step(&steps, "recv a 10"), "EAGAIN");
    assert!(
        step(&steps, "getsockopt a SO_RCVTIMEO")["ok"]
            .as_bool()
            .unwrap()
    );
    assert!(step(&steps, "ls")["ok"].as_bool().unwrap());

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let u = UdpSocket::bind("127.0.0.1:0").unwrap();
    let uport = u.local_addr().unwrap().port();
    let script = format!(
        "c = socket tcp\nc.connect_ex(('127.0.0.1', {port}))\nconnect c 127.0.0.1:{port}\nsend c hi\nshutdown c SHUT_WR\nd = socket udp\nsendto d 127.0.0.1 {uport} \"two words\"\n"
    );
    let (steps, _) = run_json(&script, &[]);
    assert_ret(step(&steps, &format!("connect c 127.0.0.1:{port}")), 0);
    assert_ret(step(&steps, "shutdown c SHUT_WR"), 0);
    assert_eq!(
        answer_lines(&steps, &format!("c.connect_ex(('127.0.0.1', {port}))")),
        [format!("connect c 127.0.0.1:{port}")]
    );
    let (mut conn, _) = listener.accept().unwrap();
    let mut got = Vec::new();
    conn.read_to_end(&mut got).unwrap();
    assert_eq!(got, b"hi", "the FIN came after the data");
    let mut buf = [0; 64];
    let n = u.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"two words");
}

/// A variable is named, never sent as the word; Python around the calls
/// gets one line; tuple unpacking gets the socklab form.
#[test]
fn variables_control_flow_and_unpacking_are_answered() {
    let receiver = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = receiver.local_addr().unwrap().port();
    let (steps, _) = run_json(
        &format!(
            "c = socket udp\nconnect c 127.0.0.1:{port}\nc.send(req)\nc.sendto(msg.encode('gbk'), addr)\nimport socket\nfrom socket import *\nwhile True:\ndef receive():\nif not data:\nprint(data)\nfor line in sys.stdin:\ntry:\nclient_socket, client_info = accept\ndata, addr = recvfrom c 1024\n"
        ),
        &[],
    );
    let error = |input: &str| step(&steps, input)["error"].as_str().unwrap().to_string();
    assert!(error("c.send(req)").contains("req is a Python variable"));
    assert!(
        error("c.sendto(msg.encode('gbk'), addr)")
            .contains("encoding gbk, then sendto c HOST:PORT")
    );
    for python in [
        "import socket",
        "from socket import *",
        "while True:",
        "def receive():",
        "if not data:",
        "print(data)",
        "for line in sys.stdin:",
        "try:",
    ] {
        let message = error(python);
        assert!(
            message.contains("one call per line") && !message.contains("did you mean"),
            "{python}: {message}"
        );
    }
    assert!(error("client_socket, client_info = accept").ends_with("client_socket = accept"));
    assert!(error("data, addr = recvfrom c 1024").ends_with("recvfrom c 1024"));
    receiver.set_nonblocking(true).unwrap();
    assert!(receiver.recv(&mut [0; 16]).is_err(), "nothing was sent");
}

/// `socklab translate PROG.py ARGS` on a tutorial program.
fn translate(program: &str, args: &[&str]) -> String {
    let output = socklab()
        .arg("translate")
        .arg(format!(
            "{}/tests/peers/{program}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn peer(
    program: &str,
    args: &[&str],
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new("python3")
        .arg(format!(
            "{}/tests/peers/{program}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .args(args)
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

fn line_of(out: &mut impl BufRead) -> String {
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    line.trim_end().to_string()
}

/// Every tutorial program translates, and each line is tagged with its
/// source line.
#[test]
fn the_tutorials_programs_translate() {
    for entry in std::fs::read_dir(format!("{}/tests/peers", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let script = translate(&name, &["client", "8888", "hello"]);
        let calls: Vec<&str> = script.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(!calls.is_empty(), "{name}: {script}");
        for call in calls {
            assert!(call.contains(&format!("  # {name}:")), "{name}: {call}");
        }
    }
}

/// The `nth` step whose input, without its `# PROG.py:N` tag, is `input`.
fn tagged<'a>(steps: &'a [Value], input: &str, nth: usize) -> &'a Value {
    steps
        .iter()
        .filter(|s| s["input"].as_str().unwrap().split("  #").next() == Some(input))
        .nth(nth)
        .unwrap_or_else(|| panic!("no step #{nth} for {input:?} in:\n{}", dump(steps)))
}

/// The translated clients talk to the real python3 servers, and exchange
/// the bytes the Python clients would.
#[test]
fn translated_clients_exchange_the_programs_bytes() {
    // tcp_client.py against the echo server.
    let (mut server, mut out) = peer("echo_server.py", &[]);
    let port = line_of(&mut out);
    let script = translate("tcp_client.py", &[&port, "hello, 世界"]);
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(
        data(tagged(&steps, "reply = recv client 1024", 0)),
        "hello, 世界".as_bytes()
    );
    assert!(line_of(&mut out).starts_with("served "));
    assert!(server.wait().unwrap().success());

    // turn_chat.py client against its server: each message, "got: " back.
    let (mut server, mut out) = peer("turn_chat.py", &["server"]);
    let port = line_of(&mut out);
    let script = translate("turn_chat.py", &["client", &port, "one", "二"]);
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    assert_eq!(data(tagged(&steps, "recv client 1024", 0)), b"got: one");
    assert_eq!(
        data(tagged(&steps, "recv client 1024", 1)),
        "got: 二".as_bytes()
    );
    assert_eq!(
        [line_of(&mut out), line_of(&mut out), line_of(&mut out)],
        ["one", "二", "end"]
    );
    assert!(server.wait().unwrap().success());

    // udp_sender.py against the receiver.
    let (mut receiver, mut out) = peer("udp_receiver.py", &[]);
    let port = line_of(&mut out);
    let script = translate("udp_sender.py", &[&port, "你好", "88"]);
    let (steps, output) = run_json(&script, &[]);
    assert!(output.status.success(), "{}", dump(&steps));
    let from = tagged(&steps, "getsockname sender", 0)["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        [line_of(&mut out), line_of(&mut out)],
        [format!("你好 {from}"), format!("88 {from}")]
    );
    assert!(receiver.wait().unwrap().success());
}

/// A translated script fed to socklab a line at a time (`--json`), so a
/// peer can be started once the script has said its port.
struct Fed {
    child: std::process::Child,
    out: BufReader<std::process::ChildStdout>,
    steps: Vec<Value>,
}

impl Fed {
    fn start() -> Fed {
        let mut child = socklab()
            .args(["--json", "--timeout", "10"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        Fed {
            child,
            out,
            steps: Vec::new(),
        }
    }

    /// Feeds the script's lines up to and including the one (without its
    /// tag) `until`, each waited for; the last step.
    fn feed<'a>(
        &mut self,
        lines: &mut impl Iterator<Item = &'a str>,
        until: Option<&str>,
    ) -> Value {
        use std::io::Write;
        let mut last = Value::Null;
        for line in lines.by_ref().filter(|l| !l.starts_with('#')) {
            let stdin = self.child.stdin.as_mut().unwrap();
            writeln!(stdin, "{line}").unwrap();
            stdin.flush().unwrap();
            loop {
                let object: Value = serde_json::from_str(&line_of(&mut self.out)).unwrap();
                if object["verb"] == "between" {
                    continue;
                }
                assert_eq!(object["input"], line);
                last = object;
                break;
            }
            self.steps.push(last.clone());
            if until.is_some_and(|u| line.split("  #").next() == Some(u)) {
                break;
            }
        }
        last
    }

    fn finish(mut self) -> Vec<Value> {
        drop(self.child.stdin.take());
        self.child.wait().unwrap();
        self.steps
    }
}

/// The translated servers are talked to by the real python3 clients: the
/// UDP receiver gets the sender's datagram; the echo server gets the
/// client's bytes and sends them back (`data = conn.recv(1024)` keeps
/// them as `$data`, `conn.sendall(data)` is `sendall conn $data`), and
/// the client prints what the real echo server makes it print.
#[test]
fn translated_servers_are_talked_to_by_the_python_clients() {
    let script = translate("udp_receiver.py", &[]);
    let mut lines = script.lines();
    let mut fed = Fed::start();
    let bound = fed.feed(&mut lines, Some("getsockname receiver"));
    let port = bound["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    let (mut sender, mut out) = peer("udp_sender.py", &[&port, "88"]);
    let from = line_of(&mut out);
    fed.feed(&mut lines, None);
    assert!(sender.wait().unwrap().success());
    let steps = fed.finish();
    let got = tagged(&steps, "data = recvfrom receiver 1024", 0);
    assert_eq!(data(got), b"88", "{}", dump(&steps));
    assert!(
        got["addr"].as_str().unwrap().ends_with(&format!(":{from}")),
        "{got}"
    );

    let script = translate("echo_server.py", &[]);
    assert!(script.contains("data = recv conn 1024  # echo_server.py:12"));
    assert!(script.contains("sendall conn $data  # echo_server.py:15"));
    assert!(!script.contains("# not translated: conn.sendall"));
    let mut lines = script.lines();
    let mut fed = Fed::start();
    let bound = fed.feed(&mut lines, Some("getsockname server"));
    let port = bound["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    let (mut client, mut out) = peer("tcp_client.py", &[&port, "hello, 世界"]);
    fed.feed(&mut lines, None);
    let steps = fed.finish();
    assert_eq!(
        data(tagged(&steps, "data = recv conn 1024", 0)),
        "hello, 世界".as_bytes()
    );
    assert_ret(tagged(&steps, "sendall conn $data", 0), 13);
    assert_eq!(line_of(&mut out), "hello, 世界", "the client read the echo");
    assert!(client.wait().unwrap().success());
}

/// What a python3 client prints, talking to `server` (a server's port is
/// its first line).
fn client_of(
    server: &mut std::process::Child,
    server_out: &mut impl BufRead,
    client: &[&str],
) -> Vec<String> {
    let port = line_of(server_out);
    let args: Vec<&str> = client
        .iter()
        .map(|a| if *a == "PORT" { port.as_str() } else { a })
        .collect();
    let (mut child, mut out) = peer(args[0], &args[1..]);
    let mut printed = String::new();
    out.read_to_string(&mut printed).unwrap();
    assert!(child.wait().unwrap().success());
    assert!(server.wait().unwrap().success());
    printed.lines().map(String::from).collect()
}

/// The turn_chat server, translated, answers the real python3 client with
/// the bytes the real server does: `"got: ".encode(ENCODING) + data` is
/// `sendall conn "got: " + $data` — in UTF-8 and in GBK.
#[test]
fn the_translated_turn_chat_server_answers_as_the_program_does() {
    for (encoding, message) in [("utf-8", "你好 one"), ("gbk", "你好")] {
        let client = ["turn_chat.py", "client", "PORT", message];
        let real = {
            let (mut server, mut out) = peer_in(encoding, "turn_chat.py", &["server"]);
            client_of(&mut server, &mut out, &client)
        };
        assert_eq!(real, [format!("got: {message}")]);

        let script = translate("turn_chat.py", &["server"]);
        assert!(script.contains("sendall conn \"got: \" + $data  # turn_chat.py:26"));
        let mut lines = script.lines();
        let mut fed = Fed::start();
        let bound = fed.feed(&mut lines, Some("getsockname server"));
        let port = bound["addr"]
            .as_str()
            .unwrap()
            .rsplit(':')
            .next()
            .unwrap()
            .to_string();
        let (mut child, mut out) = peer_in(encoding, "turn_chat.py", &["client", &port, message]);
        fed.feed(&mut lines, None);
        let mut printed = String::new();
        out.read_to_string(&mut printed).unwrap();
        assert!(child.wait().unwrap().success());
        let steps = fed.finish();
        let wire = python_bytes(&format!("'{message}'.encode('{encoding}')"));
        assert_eq!(data(tagged(&steps, "data = recv conn 1024", 0)), wire);
        let answer = tagged(&steps, "sendall conn \"got: \" + $data", 0);
        assert_ret(answer, 5 + wire.len() as i64);
        let printed: Vec<String> = printed.lines().map(String::from).collect();
        assert_eq!(printed, real, "{encoding}");
    }
}

/// A peer of tests/peers run with its text in `encoding` (PEER_ENCODING).
fn peer_in(
    encoding: &str,
    program: &str,
    args: &[&str],
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new("python3")
        .arg(format!(
            "{}/tests/peers/{program}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .args(args)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PEER_ENCODING", encoding)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// `data = recvall conn N` keeps exactly the bytes that came — NUL, 0xff,
/// GBK — and `sendall conn $data` sends exactly those back: a python3
/// client reads its own bytes back.
#[test]
fn received_bytes_are_echoed_exactly_by_name() {
    let sent = python_bytes("b'\\x00\\xff\\r\\n' + '你好，世界'.encode('gbk') + b'$data\\x00'");
    let mut fed = Fed::start();
    let lines = [
        "srv = socket tcp",
        "bind srv 127.0.0.1:0",
        "listen srv",
        "getsockname srv",
    ];
    let bound = fed.feed(&mut lines.into_iter(), None);
    let port = bound["addr"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    let escaped: String = sent.iter().map(|b| format!("\\x{b:02x}")).collect();
    let program = format!(
        "import socket, sys\n\
         c = socket.create_connection(('127.0.0.1', {port}), timeout=10)\n\
         c.sendall(b'{escaped}')\n\
         c.shutdown(socket.SHUT_WR)\n\
         got = b''\n\
         while True:\n    b = c.recv(1024)\n    if not b: break\n    got += b\n\
         sys.stdout.write(got.hex())\n"
    );
    let mut child = Command::new("python3")
        .args(["-c", &program])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let n = sent.len();
    let rest = [
        "conn = accept srv".to_string(),
        format!("data = recvall conn {n}"),
        "sendall conn $data".to_string(),
        "close conn".to_string(),
    ];
    fed.feed(&mut rest.iter().map(String::as_str), None);
    let mut printed = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    assert!(child.wait().unwrap().success());
    let steps = fed.finish();
    assert_eq!(
        data(tagged(&steps, &format!("data = recvall conn {n}"), 0)),
        sent
    );
    assert_ret(tagged(&steps, "sendall conn $data", 0), sent.len() as i64);
    let echoed: Vec<u8> = (0..printed.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&printed[i..i + 2], 16).unwrap())
        .collect();
    assert_eq!(echoed, sent, "the client read back its own bytes");
}

/// A program saved in GBK with its `# -*- coding: gbk -*-` line (as
/// Windows editors save the Chinese tutorials) is read as Python reads it.
#[test]
fn a_program_in_gbk_translates() {
    let path = std::env::temp_dir().join(format!("socklab-translate-{}.py", std::process::id()));
    let program = "# -*- coding: gbk -*-\nimport socket\n# 发送\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto('你好'.encode('gbk'), ('127.0.0.1', 9))\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(program);
    std::fs::write(&path, &bytes).unwrap();
    let output = socklab().arg("translate").arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    let script = String::from_utf8(output.stdout).unwrap();
    assert!(script.contains("# 发送\n"), "{script}");
    assert!(script.contains("encoding gbk  #"), "{script}");
    assert!(
        script.contains("sendto s 127.0.0.1:9 \"你好\"  #"),
        "{script}"
    );
    assert!(!script.contains("coding: gbk"), "{script}");
}

/// `socklab translate` on any program made of Python's pieces and
/// indentation: a script and a list, never a panic.
#[test]
fn translate_takes_any_program() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    const PIECES: &[&str] = &[
        "s",
        ".",
        "send",
        "recv",
        "(",
        ")",
        "[",
        "]",
        ",",
        "=",
        "==",
        ":",
        "'",
        "b'",
        "\\",
        "1",
        "not",
        "+",
        "encode",
        "for x in ",
        "if ",
        "while ",
        "def f",
        "else",
        "sys.argv",
        "[1, 2]",
        "socket.socket()",
        "connect",
        "('127.0.0.1', 8)",
        " ",
        "\n",
        "\n    ",
        "\n        ",
        "#",
    ];
    let mut runner = TestRunner::new(Config {
        cases: 2_000,
        failure_persistence: None,
        ..Config::default()
    });
    let program = proptest::collection::vec(proptest::sample::select(PIECES), 0..80)
        .prop_map(|pieces| pieces.concat());
    runner
        .run(&program, |program| {
            let out = socklab::translate::translate(&program, "p.py", &["1".into()]);
            prop_assert!(out.script.starts_with("# p.py"));
            for (number, _, why) in &out.untranslated {
                prop_assert!(*number >= 1 && !why.is_empty());
            }
            Ok(())
        })
        .unwrap();
}

/// `$NAME` where no receive kept that name is a usage error naming the
/// names there are; a name before a verb that returns no data says which
/// verbs take one; a quoted "$data" is the text itself. The session goes on.
#[test]
fn data_name_errors_say_what_exists() {
    let script = "srv = socket tcp\n\
        bind srv 127.0.0.1:0\n\
        listen srv\n\
        cli = socket tcp\n\
        connect cli srv\n\
        conn = accept srv\n\
        sendall conn $data\n\
        send cli \"hi\"\n\
        data = recvall conn 2\n\
        sendall conn $dat\n\
        sendall conn $other\n\
        x = listen srv\n\
        d = recv conn &\n\
        a, b = recv conn\n\
        sendall conn \"$data\" + $data\n\
        recvall cli 7\n\
        sendall conn $ + $5\n\
        recvall cli 3\n\
        ls\n";
    let (steps, _) = run_json(script, &[]);
    let error = |input: &str| {
        step(&steps, input)["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{input}: {}", dump(&steps)))
            .to_string()
    };
    assert!(error("sendall conn $data").contains("no data is named 'data' (there is none yet"));
    assert!(error("sendall conn $dat").contains("did you mean '$data'?"));
    assert!(error("sendall conn $other").contains("(data names: $data)"));
    assert!(error("x = listen srv").contains("creates no handle and returns no data to name"));
    assert!(error("d = recv conn &").contains("in the foreground"));
    assert!(error("a, b = recv conn").contains("under one name"));
    assert_eq!(data(step(&steps, "data = recvall conn 2")), b"hi");
    assert_eq!(data(step(&steps, "recvall cli 7")), b"$datahi");
    // A `$` word that is not `$` and a name is sent as itself.
    assert_eq!(data(step(&steps, "recvall cli 3")), b"$$5");
    assert_eq!(step(&steps, "ls")["fields"]["data_names"]["data"], 2);
}
